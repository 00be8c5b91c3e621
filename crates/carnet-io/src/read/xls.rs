//! xls: calamine parses every sheet of a workbook when it opens it, trusting what the file
//! declares: a sheet's `Dimensions` record is reserved as rows × columns cells, each sheet's
//! cells become a grid as large as their extent, a cell naming a shared string gets its own
//! copy of it, a formula's tokens are expanded into text (a five-byte name token into a
//! 255-character name), and a sector chain or a record may loop or be cut into pieces that
//! cost their square to gather.
//!
//! So the workbook stream is taken out of the compound file first, by the `cfb` crate (which
//! follows sector chains without looping), and walked record by record as calamine will walk
//! it: the globals, then each sheet from where its `BoundSheet8` record says it starts. The
//! walk counts what calamine will allocate (declared dimensions, the grids of every sheet's
//! cells and formulas, the cells, their text with each shared string counted at its largest
//! size) and refuses the file past Carnet's caps. It also writes the stream anew: each sheet
//! once, after the globals, with its `BoundSheet8` pointing at it, embedded charts left out,
//! and each formula without its tokens (Carnet reads values, which stay). calamine reads a
//! compound file rebuilt around that stream, so it parses exactly what was counted.

use std::io::{Cursor, Read, Write};

use super::sheet::STRING_OVERHEAD;
use super::{MAX_FILE_BYTES, MAX_SHEET_CELLS, MAX_SHEET_TEXT};
use crate::{IoError, library};

const F: &str = "xls";

/// A record followed by more CONTINUE records than this is refused: calamine gathers them
/// one `Vec::remove(0)` at a time, so their count costs its square. Excel cuts its longest
/// record (the shared strings) into 8,224-byte pieces: 16,384 of them are 134 MB.
const MAX_CONTINUES: usize = 16_384;

/// The most UTF-8 bytes calamine makes of one character unit of a string (a unit may be one
/// byte widened to two and decoded in a legacy code page, each byte to up to 3 bytes).
const BYTES_PER_UNIT: u64 = 6;

/// The checked workbook stream, written anew, in a new compound file, for calamine.
pub(super) fn check(bytes: &[u8]) -> Result<Vec<u8>, IoError> {
    let stream = library(F, || workbook_stream(bytes))??;
    let stream = rewrite(&stream)?;
    library(F, || rebuild(&stream))?
}

fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, IoError> {
    let bad = |e: std::io::Error| IoError::bad(F, e);
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(bad)?;
    // calamine's order: the BIFF8 name, then the BIFF5 one.
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))
        .ok_or_else(|| IoError::bad(F, "the file holds no workbook"))?;
    let mut stream = Vec::new();
    file.open_stream(name)
        .map_err(bad)?
        .take(MAX_FILE_BYTES)
        .read_to_end(&mut stream)
        .map_err(bad)?;
    Ok(stream)
}

fn rebuild(stream: &[u8]) -> Result<Vec<u8>, IoError> {
    let bad = |e: std::io::Error| IoError::bad(F, e);
    // Version 3 (512-byte sectors): calamine refuses a version 4 file without a mini stream.
    let mut file =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
            .map_err(bad)?;
    let mut out = file.create_stream("/Workbook").map_err(bad)?;
    out.write_all(stream).map_err(bad)?;
    out.flush().map_err(bad)?;
    drop(out);
    file.flush().map_err(bad)?;
    Ok(file.into_inner().into_inner())
}

fn u16_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u16::from_le_bytes(data.get(at..at + 2)?.try_into().ok()?).into())
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

/// A record as calamine's record iterator reads it: its type, its data, the data of the
/// CONTINUE records that follow it, and all of it as it stands in the stream.
struct Record<'a> {
    typ: u32,
    data: &'a [u8],
    continues: Vec<&'a [u8]>,
    raw: &'a [u8],
}

fn cut_short() -> IoError {
    IoError::bad(F, "the workbook stream is cut short")
}

/// The records from `pos` as calamine's record iterator reads them, up to the end of the
/// stream; a record that does not fit is an error, as it is for calamine.
fn records(stream: &[u8], mut pos: usize) -> impl Iterator<Item = Result<Record<'_>, IoError>> {
    std::iter::from_fn(move || {
        let start = pos;
        let rest = stream.get(pos..).filter(|r| !r.is_empty())?;
        let (Some(typ), Some(len)) = (u16_at(rest, 0), u16_at(rest, 2)) else {
            pos = stream.len();
            return Some(Err(cut_short()));
        };
        let Some(data) = rest.get(4..4 + len as usize) else {
            pos = stream.len();
            return Some(Err(cut_short()));
        };
        pos += 4 + len as usize;
        let mut continues = Vec::new();
        while stream.len().saturating_sub(pos) > 4 && u16_at(stream, pos) == Some(0x003C) {
            let len = u16_at(stream, pos + 2).unwrap_or(0) as usize;
            let Some(data) = stream.get(pos + 4..pos + 4 + len) else {
                pos = stream.len();
                return Some(Err(cut_short()));
            };
            continues.push(data);
            pos += 4 + len;
            if continues.len() > MAX_CONTINUES {
                pos = stream.len();
                return Some(Err(IoError::bad(
                    F,
                    format!("a record is cut into more than {MAX_CONTINUES} pieces"),
                )));
            }
        }
        Some(Ok(Record {
            typ,
            data,
            continues,
            raw: &stream[start..pos],
        }))
    })
}

/// The length, in character units, of each string of a shared-strings (SST) record, read as
/// calamine reads them (a unit takes one byte or two, by the flag of the piece it is in).
fn shared_string_units(record: &Record<'_>) -> Result<Vec<u32>, IoError> {
    let mut data = record.data.get(8..).ok_or_else(cut_short)?;
    let mut continues = record.continues.iter();
    let mut units = Vec::new();
    loop {
        if data.is_empty() {
            match continues.next() {
                Some(next) => data = next,
                None => return Ok(units),
            }
            if data.is_empty() {
                units.push(0);
                continue;
            }
        }
        let (Some(cch), Some(&flags)) = (u16_at(data, 0), data.get(2)) else {
            return Err(cut_short());
        };
        data = &data[3..];
        let mut high = flags & 1 != 0;
        let mut skip: u64 = 0;
        if flags & 8 != 0 {
            skip += u64::from(u16_at(data, 0).ok_or_else(cut_short)?) * 4;
            data = &data[2..];
        }
        if flags & 4 != 0 {
            let ext = i32::from_le_bytes(
                data.get(..4)
                    .ok_or_else(cut_short)?
                    .try_into()
                    .unwrap_or_default(),
            );
            // A negative size is a huge one for calamine, which then runs out of pieces.
            skip = skip.saturating_add(u64::try_from(ext).unwrap_or(u64::MAX));
            data = &data[4..];
        }
        let mut left = cch as usize;
        while left > 0 {
            let read = if high {
                (data.len() / 2).min(left)
            } else {
                data.len().min(left)
            };
            data = &data[if high { 2 * read } else { read }..];
            left -= read;
            if left > 0 {
                let next = continues.next().ok_or_else(cut_short)?;
                let (&flag, rest) = next.split_first().ok_or_else(cut_short)?;
                high = flag & 1 != 0;
                data = rest;
            }
        }
        while skip > 0 {
            if data.is_empty() {
                data = continues.next().ok_or_else(cut_short)?;
            }
            let step = (data.len() as u64).min(skip);
            data = &data[step as usize..];
            skip -= step;
        }
        units.push(cch);
    }
}

/// The rows and columns cells span, as calamine's grid of them will.
#[derive(Default)]
struct Extent {
    rows: Option<(u32, u32)>,
    columns: Option<(u32, u32)>,
}

impl Extent {
    fn add(&mut self, row: u32, column: u32) {
        let widen = |span: &mut Option<(u32, u32)>, at: u32| {
            *span = Some(span.map_or((at, at), |(lo, hi)| (lo.min(at), hi.max(at))));
        };
        widen(&mut self.rows, row);
        widen(&mut self.columns, column);
    }

    fn size(&self) -> (u64, u64) {
        let len = |span: Option<(u32, u32)>| span.map_or(0, |(lo, hi)| u64::from(hi - lo) + 1);
        (len(self.rows), len(self.columns))
    }
}

/// What calamine will allocate for the whole workbook, counted as the sheets are walked.
#[derive(Default)]
struct Counts {
    grids: u64,
    cells: u64,
    text: u64,
}

fn too_many(rows: u64, columns: u64) -> IoError {
    IoError::TooManyCells {
        format: F,
        rows,
        columns,
        max: MAX_SHEET_CELLS,
    }
}

impl Counts {
    fn cells(&mut self, n: u64) -> Result<(), IoError> {
        self.cells = self.cells.saturating_add(n);
        if self.cells > MAX_SHEET_CELLS {
            return Err(too_many(self.cells, 1));
        }
        Ok(())
    }

    fn text(&mut self, bytes: u64) -> Result<(), IoError> {
        self.text = self
            .text
            .saturating_add(bytes.saturating_add(STRING_OVERHEAD));
        if self.text > MAX_SHEET_TEXT {
            return Err(IoError::Bomb {
                size: self.text,
                max: MAX_SHEET_TEXT,
            });
        }
        Ok(())
    }

    fn grid(&mut self, extent: &Extent) -> Result<(), IoError> {
        let (rows, columns) = extent.size();
        self.grids = self.grids.saturating_add(rows * columns);
        if self.grids > MAX_SHEET_CELLS {
            return Err(too_many(rows, columns));
        }
        Ok(())
    }
}

/// Checks a `Dimensions` record as calamine reserves it (in a release build a last row before
/// the first wraps around to four billion rows). `None` when calamine stops there.
fn check_dimensions(data: &[u8]) -> Option<Result<(), IoError>> {
    let (rf, rl, cf, cl) = match data.len() {
        10 => (
            u16_at(data, 0)?,
            u16_at(data, 2)?,
            u16_at(data, 4)?,
            u16_at(data, 6)?,
        ),
        14 | 16 => (
            u32_at(data, 0)?,
            u32_at(data, 4)?,
            u16_at(data, 8)?,
            u16_at(data, 10)?,
        ),
        _ => return None,
    };
    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
    let (end_row, end_column) = if rl >= 1 && cl >= 1 {
        (rl - 1, cl - 1)
    } else {
        (rf, cf)
    };
    let rows = u64::from(end_row.wrapping_sub(rf).wrapping_add(1));
    let columns = u64::from(end_column.wrapping_sub(cf).wrapping_add(1));
    if rows == 0 || columns == 0 || rows.saturating_mul(columns) > MAX_SHEET_CELLS {
        return Some(Err(too_many(rows, columns)));
    }
    Some(Ok(()))
}

/// Walks the workbook as calamine will, counting what it will allocate, and writes the stream
/// anew (see the module's documentation).
fn rewrite(stream: &[u8]) -> Result<Vec<u8>, IoError> {
    let mut out = Vec::new();
    // Where each BoundSheet8's position field is in `out`, and the position it names.
    let mut sheets: Vec<(usize, u32)> = Vec::new();
    let mut shared: Vec<u32> = Vec::new();
    for record in records(stream, 0) {
        let record = record?;
        match record.typ {
            0x0085 => {
                if let Some(pos) = u32_at(record.data, 0) {
                    sheets.push((out.len() + 4, pos));
                }
            }
            0x00FC => shared = shared_string_units(&record)?,
            _ => {}
        }
        out.extend_from_slice(record.raw);
        if record.typ == 0x000A {
            break;
        }
    }
    let mut counts = Counts::default();
    for (field, pos) in sheets {
        let start = u32::try_from(out.len()).map_err(|_| cut_short())?;
        out[field..field + 4].copy_from_slice(&start.to_le_bytes());
        let Some(_) = stream.get(pos as usize..) else {
            return Err(cut_short());
        };
        let (mut values, mut formulas) = (Extent::default(), Extent::default());
        let (mut seen_bof, mut depth) = (false, 0usize);
        for record in records(stream, pos as usize) {
            let record = record?;
            let (typ, data) = (record.typ, record.data);
            if depth > 0 {
                match typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            if typ == 0x0809 && seen_bof {
                depth += 1;
                continue;
            }
            seen_bof |= typ == 0x0809;
            let at = || Some((u16_at(data, 0)?, u16_at(data, 2)?));
            match typ {
                0x0200 => match check_dimensions(data) {
                    Some(checked) => checked?,
                    None => return Err(IoError::bad(F, "a sheet's dimensions are unreadable")),
                },
                // Number, BoolErr, Rk: a cell each.
                0x0203 | 0x0205 | 0x027E => {
                    if let Some((row, column)) = at() {
                        values.add(row, column);
                        counts.cells(1)?;
                    }
                }
                // Label, RString: a cell and its text, read from the record.
                0x0204 | 0x00D6 => {
                    if let Some((row, column)) = at() {
                        values.add(row, column);
                        counts.cells(1)?;
                        counts.text(BYTES_PER_UNIT * data.len() as u64)?;
                    }
                }
                // LabelSst: a cell and its own copy of a shared string.
                0x00FD => {
                    if let (Some((row, column)), Some(index)) = (at(), u32_at(data, 6)) {
                        values.add(row, column);
                        counts.cells(1)?;
                        if let Some(&units) = shared.get(index as usize) {
                            counts.text(BYTES_PER_UNIT * u64::from(units))?;
                        }
                    }
                }
                // MulRk: cells from its first column to its last.
                0x00BD if data.len() >= 6 => {
                    let (row, first, last) = (
                        u16_at(data, 0).unwrap_or(0),
                        u16_at(data, 2).unwrap_or(0),
                        u16_at(data, data.len() - 2).unwrap_or(0),
                    );
                    if last >= first {
                        values.add(row, first);
                        values.add(row, last);
                        counts.cells(u64::from(last - first) + 1)?;
                    }
                }
                // Formula: its value (a string one follows in a String record) and its text,
                // here always empty: the tokens are left out.
                0x0006 => {
                    if let Some((row, column)) = at() {
                        values.add(row, column);
                        formulas.add(row, column);
                        counts.cells(2)?;
                    }
                    if let Some(head) = data.get(..20) {
                        out.extend_from_slice(&[0x06, 0x00, 22, 0]);
                        out.extend_from_slice(head);
                        out.extend_from_slice(&[0, 0]);
                        continue;
                    }
                }
                // String, a formula's string value.
                0x0207 => {
                    counts.cells(1)?;
                    counts.text(BYTES_PER_UNIT * data.len() as u64)?;
                }
                _ => {}
            }
            out.extend_from_slice(record.raw);
            if out.len() as u64 > MAX_FILE_BYTES {
                return Err(IoError::TooLarge {
                    size: out.len() as u64,
                    max: MAX_FILE_BYTES,
                });
            }
            if typ == 0x000A {
                break;
            }
        }
        counts.grid(&values)?;
        counts.grid(&formulas)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
