//! Sheets (xlsx, xls, ods) into a [`Table`], with every allocation bounded: cells go into a
//! [`Grid`] that counts rows, columns, cells and text before it grows, so a crafted file (a
//! cell at XFD1048576, a merged region to the end of the sheet, a value repeated over a
//! million rows) is refused before it is allocated instead of exhausting memory.
//!
//! xlsx is streamed cell by cell (calamine's cell reader, never its whole-sheet `Range`, which
//! is allocated from the cells' extent); xls goes through [`super::xls`], which checks the
//! workbook stream before calamine parses it; ods is read by [`super::ods`].

use std::io::{Cursor, Read};

use calamine::{Data, DataRef, Reader, Xls, Xlsx, XlsxError};

use super::{
    Format, MAX_SHEET_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, MAX_SHEET_TEXT, Source, Table,
    cell_text, non_empty, ods, xls,
};
use crate::text::tidy_cell;
use crate::{Guard, IoError, guarded, library};

/// A merged region: its first and last cell, as (row, column).
pub(super) type Region = ((u32, u32), (u32, u32));

pub(super) fn read(bytes: &[u8], format: Format, guard: Guard) -> Result<Source, IoError> {
    let (format, table) = guarded(guard, format.name(), || match format {
        Format::Xls => read_xls(bytes).map(|t| (Format::Xls, t)),
        Format::Ods => match ods::read(bytes)? {
            Some(table) => Ok((Format::Ods, table)),
            // Named .ods but not one: an xlsx, maybe.
            None => read_xlsx(bytes).map(|t| (Format::Xlsx, t)),
        },
        _ => match read_xlsx(bytes) {
            Ok(table) => Ok((Format::Xlsx, table)),
            // An OpenDocument sheet whose `mimetype` is not where is_ods looks.
            Err(e) => match ods::read(bytes) {
                Ok(Some(table)) => Ok((Format::Ods, table)),
                _ => Err(e),
            },
        },
    })?;
    non_empty(format, table)
}

/// The first sheet with a filled cell, streamed: calamine's whole-sheet `Range` would be
/// allocated from the extent of the cells (two cells at A1 and XFD1048576 make a grid of 17
/// billion), and its shared-strings table from the count the file declares.
fn read_xlsx(bytes: &[u8]) -> Result<Table, IoError> {
    const F: &str = "xlsx";
    check_shared_strings(bytes)?;
    let mut book: Xlsx<_> =
        library(F, || Xlsx::new(Cursor::new(bytes)))?.map_err(|e| IoError::bad(F, e))?;
    for sheet in book.sheet_names() {
        let mut grid = Grid::new(F);
        {
            let mut cells = match library(F, || book.worksheet_cells_reader(&sheet))? {
                Ok(cells) => cells,
                // A chart sheet or a macro sheet.
                Err(XlsxError::NotAWorksheet(_)) => continue,
                Err(e) => return Err(IoError::bad(F, e)),
            };
            while let Some(cell) =
                library(F, || cells.next_cell())?.map_err(|e| IoError::bad(F, e))?
            {
                let (row, column) = cell.get_position();
                grid.put(row, column, data_ref_text(cell.get_value()))?;
            }
        }
        if grid.is_empty() {
            continue;
        }
        let regions = library(F, || book.merge_cells_by_sheet_name(&sheet))?.unwrap_or_default();
        let regions: Vec<Region> = regions.into_iter().map(|d| (d.start, d.end)).collect();
        grid.fill(&regions)?;
        return Ok(grid.into_table());
    }
    Ok(Table::default())
}

/// calamine reserves room for as many shared strings as `<sst uniqueCount>` declares before it
/// reads one (a crafted count would ask for terabytes), then makes a string of each `<si>`,
/// even an empty one (five bytes of XML for a 24-byte string). Both counts are checked: a real
/// one is at most the number of cells Carnet reads.
fn check_shared_strings(bytes: &[u8]) -> Result<(), IoError> {
    use quick_xml::events::Event;
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // calamine refuses it
    };
    for i in 0..archive.len() {
        let Ok(part) = archive.by_index(i) else {
            continue;
        };
        if !part
            .name()
            .is_ok_and(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"))
        {
            continue;
        }
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        // `<si/>` is five bytes and the zip reader stops at the size the directory declares:
        // a part declaring up to five bytes a string for every cell Carnet reads need not be
        // counted (any real one).
        let must_count = part.size() / 5 > MAX_SHEET_CELLS;
        let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
        xml.config_mut().check_end_names = false;
        let mut buf = Vec::new();
        loop {
            match xml.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                    for attr in e.attributes().flatten() {
                        if !attr.key.as_ref().eq_ignore_ascii_case("uniqueCount") {
                            continue;
                        }
                        // Every digit counts, whatever else is there: a count the check
                        // misread could not slip past it.
                        let digits: Vec<u8> = attr
                            .value
                            .bytes()
                            .filter(u8::is_ascii_digit)
                            .skip_while(|&d| d == b'0')
                            .collect();
                        let count = std::str::from_utf8(&digits)
                            .ok()
                            .and_then(|d| d.parse::<u64>().ok())
                            .unwrap_or(if digits.is_empty() { 0 } else { u64::MAX });
                        if count > MAX_SHEET_CELLS {
                            return Err(IoError::TooManyCells {
                                format: "xlsx",
                                rows: count,
                                columns: 1,
                                max: MAX_SHEET_CELLS,
                            });
                        }
                    }
                    break;
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
            buf.clear();
        }
        drop(xml);
        if !must_count {
            continue;
        }
        if let Ok(part) = archive.by_name(&name) {
            let strings = count_tags(part, b"si");
            if strings > MAX_SHEET_CELLS {
                return Err(IoError::TooManyCells {
                    format: "xlsx",
                    rows: strings,
                    columns: 1,
                    max: MAX_SHEET_CELLS,
                });
            }
        }
    }
    Ok(())
}

/// How many start tags whose local name is `local` the XML holds, counted on its bytes (in
/// comments too: an XML reader that parsed it differently could not make it fewer).
fn count_tags(mut xml: impl Read, local: &[u8]) -> u64 {
    let mut chunk = vec![0u8; 64 * 1024];
    let (mut count, mut in_name, mut name) = (0u64, false, Vec::with_capacity(64));
    loop {
        let n = match xml.read(&mut chunk) {
            Ok(0) | Err(_) => return count,
            Ok(n) => n,
        };
        for &b in &chunk[..n] {
            if b == b'<' {
                in_name = true;
                name.clear();
            } else if in_name {
                if b.is_ascii_whitespace() || b == b'>' || b == b'/' {
                    in_name = false;
                    let at = name.iter().rposition(|&c| c == b':').map_or(0, |i| i + 1);
                    count += u64::from(name[at..] == *local);
                } else if name.len() < 64 {
                    name.push(b);
                } else {
                    in_name = false;
                }
            }
        }
    }
}

/// xls: calamine parses every sheet of the workbook when it opens it, so the workbook stream
/// is checked first (declared dimensions, the extent of the cells of every sheet) and
/// calamine reads the stream that was checked.
fn read_xls(bytes: &[u8]) -> Result<Table, IoError> {
    const F: &str = "xls";
    let checked = xls::check(bytes)?;
    let mut book: Xls<_> =
        library(F, || Xls::new(Cursor::new(checked)))?.map_err(|e| IoError::bad(F, e))?;
    for sheet in book.sheet_names() {
        let range = library(F, || book.worksheet_range(&sheet))?.map_err(|e| IoError::bad(F, e))?;
        let mut grid = Grid::new(F);
        let (top, left) = range.start().unwrap_or((0, 0));
        for (row, column, value) in range.used_cells() {
            // The range is at most as large as the check let through.
            let (row, column) = (top as usize + row, left as usize + column);
            grid.put(
                u32::try_from(row).unwrap_or(u32::MAX),
                u32::try_from(column).unwrap_or(u32::MAX),
                cell_text(value),
            )?;
        }
        if grid.is_empty() {
            continue;
        }
        let regions = library(F, || book.merge_cells_by_sheet_name(&sheet))?.unwrap_or_default();
        let regions: Vec<Region> = regions.into_iter().map(|d| (d.start, d.end)).collect();
        grid.fill(&regions)?;
        return Ok(grid.into_table());
    }
    Ok(Table::default())
}

/// A streamed xlsx cell as text, as [`cell_text`] makes it (a shared string is tidied from the
/// table without a copy first).
fn data_ref_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Empty => String::new(),
        DataRef::SharedString(s) => tidy_cell(s),
        DataRef::String(s) => tidy_cell(s),
        other => cell_text(&Data::from(other.clone())),
    }
}

/// A sheet's rows as they are read, each as long as its last filled cell, with what they hold
/// counted before they grow: rows and columns reached, cells allocated (string slots, counted
/// by capacity), and the heap their strings take (their text and [`STRING_OVERHEAD`] each).
///
/// So a sheet's grid is at most [`MAX_SHEET_CELLS`] × 24 bytes (480 MB) plus
/// [`MAX_SHEET_TEXT`] (512 MB): about 1 GB for the worst crafted file, where a big real sheet
/// (100,000 rows of 40 columns of 10 bytes) takes about 200 MB.
pub(super) struct Grid {
    format: &'static str,
    rows: Vec<Vec<String>>,
    /// The longest row: the sheet's extent, to which merged regions are clamped.
    width: usize,
    cells: u64,
    text: u64,
}

/// What a filled cell's string costs on the heap beside its text (an allocation's header
/// and rounding), counted with the text: a value repeated over millions of cells is not free.
pub(super) const STRING_OVERHEAD: u64 = 16;

/// The heap a cell's text takes, as counted.
pub(super) fn heap(text: &str) -> u64 {
    if text.is_empty() {
        0
    } else {
        text.len() as u64 + STRING_OVERHEAD
    }
}

impl Grid {
    pub(super) fn new(format: &'static str) -> Grid {
        Grid {
            format,
            rows: Vec::new(),
            width: 0,
            cells: 0,
            text: 0,
        }
    }

    /// Whether no cell holds text.
    pub(super) fn is_empty(&self) -> bool {
        self.text == 0
    }

    /// Checks, before a row of `len` cells holding `text` bytes is put `repeat` times from
    /// row `first`, that the copies can fit: a filled row repeated a million times is refused
    /// at once instead of after 20 million cells.
    pub(super) fn check_repeat(
        &self,
        first: u32,
        repeat: u32,
        len: u64,
        text: u64,
    ) -> Result<(), IoError> {
        let rows = u64::from(first) + u64::from(repeat);
        let cells = self.cells.saturating_add(len.saturating_mul(repeat.into()));
        if rows > u64::from(MAX_SHEET_ROWS) || cells > MAX_SHEET_CELLS {
            return Err(self.too_many(rows as usize, len as usize));
        }
        self.check_text(text.saturating_mul(repeat.into()))
    }

    /// Checks that a cell may be put in `column`.
    pub(super) fn check_column(&self, column: u32) -> Result<(), IoError> {
        if column >= MAX_SHEET_COLUMNS {
            return Err(self.too_many(self.rows.len(), column as usize + 1));
        }
        Ok(())
    }

    /// Rows that would be reached, for an error.
    fn too_many(&self, rows: usize, columns: usize) -> IoError {
        IoError::TooManyCells {
            format: self.format,
            rows: rows.max(self.rows.len()) as u64,
            columns: columns.max(self.width) as u64,
            max: MAX_SHEET_CELLS,
        }
    }

    /// Checks that `more` bytes of text may be added.
    pub(super) fn check_text(&self, more: u64) -> Result<(), IoError> {
        let size = self.text.saturating_add(more);
        if size > MAX_SHEET_TEXT {
            return Err(IoError::Bomb {
                size,
                max: MAX_SHEET_TEXT,
            });
        }
        Ok(())
    }

    /// Puts a cell's text at (row, column). Empty text is ignored: an empty cell costs
    /// nothing, however far it is (LibreOffice repeats empty formatted cells to the sheet's
    /// last column and row).
    pub(super) fn put(&mut self, row: u32, column: u32, text: String) -> Result<(), IoError> {
        if text.is_empty() {
            return Ok(());
        }
        let (r, c) = (row as usize, column as usize);
        if row >= MAX_SHEET_ROWS || column >= MAX_SHEET_COLUMNS {
            return Err(self.too_many(r + 1, c + 1));
        }
        let old = self
            .rows
            .get(r)
            .and_then(|cells| cells.get(c))
            .map_or(0, |old| heap(old));
        self.check_text(heap(&text).saturating_sub(old))?;
        if r >= self.rows.len() {
            self.rows.resize_with(r + 1, Vec::new);
        }
        if c >= self.rows[r].len() {
            self.grow(r, c + 1)?;
        }
        self.text = self.text - old + heap(&text);
        self.rows[r][c] = text;
        Ok(())
    }

    /// Lengthens row `r` to `len` cells, counting the capacity it takes before taking it.
    fn grow(&mut self, r: usize, len: usize) -> Result<(), IoError> {
        let capacity = self.rows[r].capacity();
        if len > capacity {
            // A new row is given the previous row's length (sheets are mostly rectangular);
            // a longer one doubles, as a Vec would, up to the last column.
            let hint = if capacity == 0 {
                r.checked_sub(1).map_or(0, |p| self.rows[p].len())
            } else {
                capacity * 2
            };
            let mut wanted = len.max(hint.min(MAX_SHEET_COLUMNS as usize));
            let mut cells = self.cells - capacity as u64 + wanted as u64;
            if cells > MAX_SHEET_CELLS {
                wanted = len;
                cells = self.cells - capacity as u64 + wanted as u64;
            }
            if cells > MAX_SHEET_CELLS {
                return Err(self.too_many(r + 1, len));
            }
            let row = &mut self.rows[r];
            row.reserve_exact(wanted - row.len());
            self.cells = self.cells - capacity as u64 + row.capacity() as u64;
        }
        self.rows[r].resize(len, String::new());
        self.width = self.width.max(len);
        Ok(())
    }

    /// Copies each merged region's top-left value into its empty cells, so a source or a date
    /// merged down several rows applies to each of them. A region is clamped to the sheet's
    /// extent (its rows and its longest row) and the copies are counted like any cell, so a
    /// region declared to XFD1048576 costs no more than the data it covers. Merged regions do
    /// not overlap, so together they cover at most the sheet: regions that would make Carnet
    /// visit more cells than [`MAX_SHEET_CELLS`] are refused.
    pub(super) fn fill(&mut self, regions: &[Region]) -> Result<(), IoError> {
        if self.rows.is_empty() || self.width == 0 {
            return Ok(());
        }
        let (last_row, last_column) = (self.rows.len() - 1, self.width - 1);
        let mut visited: u64 = 0;
        for &((r0, c0), (r1, c1)) in regions {
            let (r0, c0) = (r0 as usize, c0 as usize);
            let Some(value) = self.rows.get(r0).and_then(|r| r.get(c0)).cloned() else {
                continue;
            };
            if value.is_empty() {
                continue;
            }
            let r1 = (r1 as usize).min(last_row);
            let c1 = (c1 as usize).min(last_column);
            let area = (r1 + 1).saturating_sub(r0) as u64 * (c1 + 1).saturating_sub(c0) as u64;
            visited = visited.saturating_add(area);
            if visited > MAX_SHEET_CELLS {
                return Err(self.too_many(r1 + 1, c1 + 1));
            }
            for r in r0..=r1 {
                for c in c0..=c1 {
                    let empty = self.rows[r].get(c).is_none_or(String::is_empty);
                    if empty {
                        // Both fit in u32: they are at most the grid's extent.
                        self.put(r as u32, c as u32, value.clone())?;
                    }
                }
            }
        }
        Ok(())
    }

    pub(super) fn into_table(self) -> Table {
        Table { rows: self.rows }
    }
}

#[cfg(test)]
pub(super) mod tests;
