//! xls: calamine parses every sheet of a workbook when it opens it, trusting what the file
//! declares (a sheet's `Dimensions` record is reserved as rows × columns cells, and each
//! sheet's cells become a grid as large as their extent). So the workbook stream is taken out
//! of the compound file first (by the `cfb` crate, which follows its sector chains without
//! looping), walked record by record as calamine will walk it, and refused if any sheet
//! declares or spans more than Carnet reads; calamine then reads a compound file rebuilt
//! around that same stream, so it parses exactly the bytes that were checked.

use std::io::{Cursor, Read, Write};

use super::{MAX_FILE_BYTES, MAX_SHEET_CELLS};
use crate::{IoError, library};

const F: &str = "xls";

/// A record followed by more CONTINUE records than this is refused: calamine gathers them
/// one `Vec::remove(0)` at a time, so their count costs its square. Excel cuts its longest
/// record (the shared strings) into 8,224-byte pieces: 16,384 of them are 134 MB.
const MAX_CONTINUES: usize = 16_384;

/// The checked workbook stream in a new compound file, for calamine.
pub(super) fn check(bytes: &[u8]) -> Result<Vec<u8>, IoError> {
    let stream = library(F, || workbook_stream(bytes))??;
    scan(&stream)?;
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

/// The records from `pos` as calamine's record iterator reads them: type and data, each
/// record's CONTINUE records skipped (and counted). Ends at the end of the stream or at the
/// first record that does not fit, where calamine stops with an error.
fn records(stream: &[u8], mut pos: usize) -> impl Iterator<Item = Result<(u32, &[u8]), IoError>> {
    std::iter::from_fn(move || {
        let rest = stream.get(pos..)?;
        let (typ, len) = (u16_at(rest, 0)?, u16_at(rest, 2)? as usize);
        let data = rest.get(4..4 + len)?;
        pos += 4 + len;
        let mut continues = 0;
        while stream.len().saturating_sub(pos) > 4 && u16_at(stream, pos) == Some(0x003C) {
            let len = u16_at(stream, pos + 2)? as usize;
            if stream.len() < pos + 4 + len {
                return None;
            }
            pos += 4 + len;
            continues += 1;
            if continues > MAX_CONTINUES {
                return Some(Err(IoError::bad(
                    F,
                    format!("a record is cut into more than {MAX_CONTINUES} pieces"),
                )));
            }
        }
        Some(Ok((typ, data)))
    })
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

/// Walks the workbook as calamine will (the globals, then each sheet from where its
/// `BoundSheet8` record says it starts) and refuses it if a sheet declares more cells than
/// Carnet reads, or if the grids calamine would make of all the sheets' cells and formulas,
/// or the cells themselves, come to more.
fn scan(stream: &[u8]) -> Result<(), IoError> {
    let mut sheets = Vec::new();
    for record in records(stream, 0) {
        match record? {
            (0x0085, data) => sheets.extend(u32_at(data, 0)),
            (0x000A, _) => break,
            _ => {}
        }
    }
    let too_many = |rows: u64, columns: u64| IoError::TooManyCells {
        format: F,
        rows,
        columns,
        max: MAX_SHEET_CELLS,
    };
    let (mut grids, mut cells) = (0u64, 0u64);
    for pos in sheets {
        let (mut values, mut formulas) = (Extent::default(), Extent::default());
        let (mut seen_bof, mut depth) = (false, 0usize);
        for record in records(stream, pos as usize) {
            let (typ, data) = record?;
            if depth > 0 {
                match typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let at = || Some((u16_at(data, 0)?, u16_at(data, 2)?));
            match typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A => break,
                // Dimensions, reserved by calamine as declared (in a release build a last row
                // before the first wraps around to four billion rows).
                0x0200 => {
                    let (rf, rl, cf, cl) = match data.len() {
                        10 => (
                            u16_at(data, 0),
                            u16_at(data, 2),
                            u16_at(data, 4),
                            u16_at(data, 6),
                        ),
                        14 | 16 => (
                            u32_at(data, 0),
                            u32_at(data, 4),
                            u16_at(data, 8),
                            u16_at(data, 10),
                        ),
                        _ => break, // calamine stops there
                    };
                    let (Some(rf), Some(rl), Some(mut cf), Some(cl)) = (rf, rl, cf, cl) else {
                        break;
                    };
                    if cf > 0xFF || cl < cf {
                        cf = 0;
                    }
                    let (end_row, end_column) = if rl >= 1 && cl >= 1 {
                        (rl - 1, cl - 1)
                    } else {
                        (rf, cf)
                    };
                    let rows = u64::from(end_row.wrapping_sub(rf).wrapping_add(1));
                    let columns = u64::from(end_column.wrapping_sub(cf).wrapping_add(1));
                    if rows == 0 || columns == 0 || rows.saturating_mul(columns) > MAX_SHEET_CELLS {
                        return Err(too_many(rows, columns));
                    }
                }
                // Number, Label, RString, BoolErr, Rk, LabelSst: one cell each.
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD => {
                    if let Some((row, column)) = at() {
                        values.add(row, column);
                        cells += 1;
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
                        cells += u64::from(last - first) + 1;
                    }
                }
                // Formula: its value (a string one follows in a String record) and its text.
                0x0006 | 0x0207 => {
                    if let Some((row, column)) = at() {
                        values.add(row, column);
                        formulas.add(row, column);
                        cells += 2;
                    }
                }
                _ => {}
            }
        }
        for extent in [&values, &formulas] {
            let (rows, columns) = extent.size();
            grids = grids.saturating_add(rows * columns);
            if grids > MAX_SHEET_CELLS || cells > MAX_SHEET_CELLS {
                return Err(too_many(rows, columns));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    }

    /// A workbook stream: globals with one BoundSheet8 pointing past them, then the sheet.
    fn workbook(sheet: &[Vec<u8>]) -> Vec<u8> {
        let bof = record(0x0809, &[0, 6, 5, 0, 0, 0, 0, 0]);
        let globals_len = bof.len() + (4 + 8) + 4;
        let mut bound = (globals_len as u32).to_le_bytes().to_vec();
        bound.extend([0, 0, 1, 0, b'S']);
        let mut out = bof.clone();
        out.extend(record(0x0085, &bound[..8]));
        out.extend(record(0x000A, &[]));
        assert_eq!(out.len(), globals_len);
        out.extend(bof);
        for r in sheet {
            out.extend(r);
        }
        out.extend(record(0x000A, &[]));
        out
    }

    fn number(row: u16, column: u16) -> Vec<u8> {
        let mut data = row.to_le_bytes().to_vec();
        data.extend(column.to_le_bytes());
        data.extend([0u8; 10]);
        record(0x0203, &data)
    }

    #[test]
    fn cells_at_far_corners_and_huge_dimensions_are_refused() {
        assert!(scan(&workbook(&[number(0, 0), number(40, 9)])).is_ok());
        assert!(matches!(
            scan(&workbook(&[number(0, 0), number(65_535, 1_000)])),
            Err(IoError::TooManyCells { .. })
        ));
        // Dimensions: rows 0..0xFFFFFFFF, columns 0..256.
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend(u32::MAX.to_le_bytes());
        dims.extend([0, 0, 0, 1, 0, 0]);
        assert!(matches!(
            scan(&workbook(&[record(0x0200, &dims)])),
            Err(IoError::TooManyCells { .. })
        ));
        // A last row before the first wraps around in calamine.
        let mut dims = 10u32.to_le_bytes().to_vec();
        dims.extend(5u32.to_le_bytes());
        dims.extend([0, 0, 3, 0, 0, 0]);
        assert!(matches!(
            scan(&workbook(&[record(0x0200, &dims)])),
            Err(IoError::TooManyCells { .. })
        ));
    }

    #[test]
    fn a_record_cut_into_too_many_pieces_is_refused() {
        let mut sheet = vec![number(0, 0)];
        sheet.extend((0..=MAX_CONTINUES).map(|_| record(0x003C, &[])));
        assert!(matches!(
            scan(&workbook(&sheet)),
            Err(IoError::BadFile { .. })
        ));
    }

    /// The fixture's workbook with a Number cell put in its last sheet, just before its end.
    fn fixture_with_cell(row: u16, column: u16) -> Vec<u8> {
        let bytes = crate::read::sheet::tests::fixture("customers.xls");
        let stream = workbook_stream(&bytes).expect("stream");
        let sheets: Vec<usize> = records(&stream, 0)
            .map_while(Result::ok)
            .filter(|(typ, _)| *typ == 0x0085)
            .filter_map(|(_, data)| u32_at(data, 0))
            .map(|pos| pos as usize)
            .collect();
        let last = *sheets.iter().max().expect("a sheet");
        let offset = |data: &[u8]| data.as_ptr() as usize - stream.as_ptr() as usize - 4;
        let eof = records(&stream, last)
            .map_while(Result::ok)
            .find(|(typ, _)| *typ == 0x000A)
            .map(|(_, data)| offset(data))
            .expect("the sheet ends");
        let mut changed = stream[..eof].to_vec();
        changed.extend(number(row, column));
        changed.extend(&stream[eof..]);
        rebuild(&changed).expect("rebuilt")
    }

    #[test]
    fn an_xls_cell_far_away_is_refused_before_calamine_makes_its_grid() {
        use crate::read::{Source, read_bytes};
        // Within the caps: the sheets read as before.
        let near = fixture_with_cell(200, 10);
        assert!(matches!(
            read_bytes(&near, "near.xls"),
            Ok(Source::Table { .. })
        ));
        // 65,536 rows × 1,001 columns would be 65 million cells in calamine's grid.
        let far = fixture_with_cell(65_535, 1_000);
        assert!(matches!(
            read_bytes(&far, "far.xls"),
            Err(IoError::TooManyCells { format: "xls", .. })
        ));
    }
}
