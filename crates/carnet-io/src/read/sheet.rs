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
pub(super) mod tests {
    use std::io::Write;

    use super::*;
    use crate::read::read_bytes;

    /// A zip of these entries (the first stored, as OpenDocument wants its `mimetype`).
    pub(crate) fn zip(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        for (i, (name, text)) in entries.iter().enumerate() {
            let method = if i == 0 {
                zip::CompressionMethod::Stored
            } else {
                zip::CompressionMethod::Deflated
            };
            let options = zip::write::SimpleFileOptions::default().compression_method(method);
            zip.start_file(*name, options).expect("entry");
            zip.write_all(text.as_bytes()).expect("write");
        }
        zip.finish().expect("finish");
        buf.into_inner()
    }

    /// A minimal xlsx: one sheet of this `<sheetData>` (and what follows it), and shared
    /// strings when given.
    pub(crate) fn xlsx(sheet: &str, shared: Option<&str>) -> Vec<u8> {
        let mut entries = vec![
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_owned(),
            ),
            (
                "_rels/.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned(),
            ),
            (
                "xl/workbook.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="客户" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_owned(),
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_owned(),
            ),
            (
                "xl/worksheets/sheet1.xml",
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{sheet}</worksheet>"#
                ),
            ),
        ];
        if let Some(shared) = shared {
            entries.push(("xl/sharedStrings.xml", shared.to_owned()));
        }
        let entries: Vec<(&str, &str)> = entries.iter().map(|(n, t)| (*n, t.as_str())).collect();
        zip(&entries)
    }

    /// A minimal ods: one table of these rows.
    pub(crate) fn ods(rows: &str) -> Vec<u8> {
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="客户">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        zip(&[
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            (
                "META-INF/manifest.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
            ),
            ("content.xml", &content),
        ])
    }

    fn table(bytes: &[u8], name: &str) -> Table {
        match read_bytes(bytes, name) {
            Ok(Source::Table { table, .. }) => table,
            other => panic!("{other:?}"),
        }
    }

    fn cells(table: &Table) -> usize {
        table.rows.iter().map(Vec::len).sum()
    }

    fn grid(cells: &[(u32, u32, &str)]) -> Grid {
        let mut grid = Grid::new("xlsx");
        for &(r, c, text) in cells {
            grid.put(r, c, text.to_owned()).expect("fits");
        }
        grid
    }

    #[test]
    fn rows_are_as_long_as_their_last_filled_cell_and_empty_cells_cost_nothing() {
        let mut g = grid(&[(2, 1, "姓名"), (2, 2, "手机"), (3, 1, "张三")]);
        g.put(1_999_999, 16_383, String::new()).expect("empty");
        let table = g.into_table();
        assert_eq!(table.rows.len(), 4);
        assert_eq!(table.rows[2], vec!["", "姓名", "手机"]);
        assert_eq!(table.rows[3], vec!["", "张三"]);
        assert!(table.rows[0].is_empty());
    }

    #[test]
    fn a_cell_past_the_caps_is_refused_before_it_is_allocated() {
        let mut g = grid(&[(0, 0, "a")]);
        assert!(matches!(
            g.put(MAX_SHEET_ROWS, 0, "x".into()),
            Err(IoError::TooManyCells { .. })
        ));
        assert!(matches!(
            g.put(0, MAX_SHEET_COLUMNS, "x".into()),
            Err(IoError::TooManyCells { .. })
        ));
        // 1,300 rows reaching the last column are 21 million cells.
        let refused = (0..2_000).try_for_each(|r| g.put(r, MAX_SHEET_COLUMNS - 1, "x".into()));
        assert!(matches!(refused, Err(IoError::TooManyCells { .. })));
        assert!(g.cells <= MAX_SHEET_CELLS, "{}", g.cells);
    }

    #[test]
    fn merged_regions_are_filled_and_clamped_to_the_data() {
        let mut g = grid(&[
            (0, 0, "客户名单"),
            (1, 0, "来源"),
            (1, 1, "姓名"),
            (2, 0, "转介绍"),
            (2, 1, "张三"),
            (3, 1, "李四"),
        ]);
        g.fill(&[
            ((0, 0), (0, 1)),
            ((2, 0), (3, 0)),
            // Declared to XFD1048576: only the data's rows and columns are filled.
            ((3, 1), (1_048_575, 16_383)),
            // Nonsense: an end before the start, a start past the data.
            ((3, 1), (0, 0)),
            ((u32::MAX, u32::MAX), (u32::MAX, u32::MAX)),
        ])
        .expect("fills");
        let table = g.into_table();
        assert_eq!(table.rows[0], vec!["客户名单", "客户名单"]);
        assert_eq!(table.rows[3], vec!["转介绍", "李四"]);
        assert_eq!(table.rows.len(), 4);
    }

    #[test]
    fn an_xlsx_cell_at_xfd1048576_costs_its_row_not_the_sheet() {
        let sheet = r#"<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>"#;
        let t = table(&xlsx(sheet, None), "far.xlsx");
        assert_eq!(t.rows.len(), 1_048_576);
        assert_eq!(t.rows[0], vec!["姓名"]);
        assert_eq!(t.rows[1_048_575].len(), 16_384);
        assert_eq!(t.rows[1_048_575][16_383], "x");
        assert_eq!(cells(&t), 1 + 16_384, "no grid of rows × columns");
        // Many rows reaching the last column are refused before they are allocated.
        let rows: String = (1..=2_000)
            .map(|r| format!(r#"<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>"#))
            .collect();
        assert!(matches!(
            read_bytes(
                &xlsx(&format!("<sheetData>{rows}</sheetData>"), None),
                "wide.xlsx"
            ),
            Err(IoError::TooManyCells { format: "xlsx", .. })
        ));
    }

    #[test]
    fn an_xlsx_merged_region_declared_to_xfd1048576_fills_only_the_data() {
        let sheet = r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>客户名单</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>姓名</t></is></c><c r="B2" t="inlineStr"><is><t>手机</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>张三</t></is></c><c r="B3"><v>13812345678</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>"#;
        let t = table(&xlsx(sheet, None), "merged.xlsx");
        assert_eq!(
            t.rows,
            vec![
                vec!["客户名单", "客户名单"],
                vec!["姓名", "手机"],
                vec!["张三", "13812345678"]
            ]
        );
    }

    #[test]
    fn a_shared_strings_count_past_the_cap_is_refused_before_calamine_reserves_it() {
        let sheet = r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>"#;
        let shared = |count: &str| {
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="{count}"><si><t>姓名</t></si></sst>"#
            )
        };
        assert_eq!(
            table(&xlsx(sheet, Some(&shared("1"))), "s.xlsx").rows,
            vec![vec!["姓名"]]
        );
        assert!(matches!(
            read_bytes(&xlsx(sheet, Some(&shared("100000000000000000"))), "s.xlsx"),
            Err(IoError::TooManyCells { .. })
        ));
        assert_eq!(
            count_tags(
                &b"<sst><si><t>a</t></si><x:si/><!-- <si> --><sit/></sst>"[..],
                b"si"
            ),
            3
        );
    }

    /// What LibreOffice writes for a sheet with formatted empty cells to its last column and
    /// row: ignored, not refused.
    #[test]
    fn ods_empty_cells_repeated_to_the_sheet_end_are_ignored() {
        let rows = r#"<table:table-column table:number-columns-repeated="16384"/><table:table-row><table:table-cell office:value-type="string"><text:p>姓名</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>手机</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16382"/></table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>张三</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="13812345678"><text:p>13812345678</text:p></table:table-cell><table:table-cell table:style-name="ce1" table:number-columns-repeated="16382"/></table:table-row><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#;
        let t = table(&ods(rows), "lo.ods");
        assert_eq!(
            t.rows,
            vec![vec!["姓名", "手机"], vec!["张三", "13812345678"]]
        );
    }

    #[test]
    fn ods_filled_cells_repeated_past_the_caps_are_refused() {
        let rows = r#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="string" table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row>"#;
        assert!(matches!(
            read_bytes(&ods(rows), "big.ods"),
            Err(IoError::TooManyCells { format: "ods", .. })
        ));
        let rows = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="2000000000"/>b</text:p></table:table-cell></table:table-row>"#;
        assert!(matches!(
            read_bytes(&ods(rows), "spaces.ods"),
            Err(IoError::Bomb { .. })
        ));
    }

    /// An ods sheet reads as calamine's ods reader read it (before the merged regions).
    #[test]
    fn ods_values_read_as_calamine_read_them() {
        let rows = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>  客户 <text:s text:c="3"/>名单 </text:p><text:p>第二段</text:p><office:annotation><dc:creator>x</dc:creator><text:p>批注</text:p></office:annotation></table:table-cell><table:table-cell/><table:table-cell office:value-type="string" office:string-value="直接 值"><text:p>shown</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="2"/><table:table-row><table:table-cell office:value-type="float" office:value="13812345678"><text:p>1.38E+10</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1.5"/><table:table-cell office:value-type="percentage" office:value="0.25"/><table:table-cell office:value-type="date" office:date-value="1985-03-12"/><table:table-cell office:value-type="date" office:date-value="2026-11-25T09:30:00"/><table:table-cell office:value-type="time" office:time-value="PT09H30M00S"/><table:table-cell office:value-type="boolean" office:boolean-value="true"/><table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell><table:table-cell><text:p>no type</text:p></table:table-cell><table:table-cell office:value-type="string" table:number-columns-repeated="2"><text:p>a&amp;b&#x4E2D;<text:tab/>c<text:line-break/>d</text:p></table:table-cell></table:table-row><table:table-row><table:covered-table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="currency" office:currency="CNY" office:value="150000"/></table:table-row>"#;
        let bytes = ods(rows);
        let ours = table(&bytes, "rich.ods");
        let mut book: calamine::Ods<_> =
            calamine::Reader::new(Cursor::new(bytes.as_slice())).expect("calamine opens it");
        let range = book.worksheet_range("客户").expect("sheet");
        let mut theirs = vec![Vec::new(); range.start().expect("start").0 as usize];
        let left = range.start().expect("start").1 as usize;
        for row in range.rows() {
            let mut cells = vec![String::new(); left];
            cells.extend(row.iter().map(cell_text));
            theirs.push(cells);
        }
        let trim = |rows: &[Vec<String>]| -> Vec<Vec<String>> {
            rows.iter()
                .map(|r| {
                    let end = r.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
                    r[..end].to_vec()
                })
                .collect()
        };
        assert_eq!(trim(&ours.rows), trim(&theirs));
        assert_eq!(ours.rows[0][0], "客户 名单\n第二段");
        assert_eq!(ours.rows[3][3], "1985-03-12");
    }

    pub(crate) fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/sheets")
            .join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// The sheets LibreOffice made (tests/fixtures/sheets) read as calamine's whole-sheet
    /// reader read them: every filled cell the same, more only where a merged region is filled.
    #[test]
    fn real_sheets_read_as_before() {
        for name in ["customers.xlsx", "customers.xls", "customers.ods"] {
            let bytes = fixture(name);
            let ours = table(&bytes, name);
            let mut book =
                calamine::open_workbook_auto_from_rs(Cursor::new(bytes.as_slice())).expect(name);
            let sheet = book.sheet_names()[0].clone();
            let range = book.worksheet_range(&sheet).expect(name);
            let (top, left) = range.start().expect(name);
            let mut filled = 0;
            for (r, c, value) in range.used_cells() {
                let text = cell_text(value);
                if !text.is_empty() {
                    let (r, c) = (top as usize + r, left as usize + c);
                    assert_eq!(ours.rows[r][c], text, "{name} ({r}, {c})");
                    filled += 1;
                }
            }
            let ours_filled = ours.rows.iter().flatten().filter(|c| !c.is_empty()).count();
            assert!(
                ours_filled > filled,
                "{name}: merged cells filled ({ours_filled} > {filled})"
            );
        }
    }
}
