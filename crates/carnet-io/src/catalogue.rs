//! A catalogue sheet (a maker's price list, an export of Carnet's catalogue): its header row
//! found and each column mapped to a field of carnet-core's `TRIM_FIELDS` by the field's
//! header words, as customer sheets are mapped to the profile's fields; and the catalogue
//! written back as xlsx, CSV or JSON with each field's first header word.

use std::io::{Read, Write};
use std::path::Path;

use carnet_core::catalogue::{TRIM_FIELDS, Trim, TrimFieldKind};
use serde::{Deserialize, Serialize};

use crate::export::{TableCell, write_table};
use crate::mapping::norm;
use crate::text::guard_formula;
use crate::{Format, IoError, MAX_FILE_BYTES, Source, Table};

/// The column that carries a trim's id (an export's last column): a row with an id updates
/// that trim.
pub const ID: &str = "id";
const ID_HEADERS: &[&str] = &["id", "编号", "編號", "车型编号", "車型編號"];

/// The JSON file's `format`, so that a catalogue is told from a book's export.
pub const JSON_FORMAT: &str = "carnet-catalogue";
/// The version of the JSON file this Carnet writes and reads.
pub const JSON_VERSION: u32 = 1;

/// The field code (or [`ID`]) a column's header names, if any.
pub fn recognise(header: &str) -> Option<&'static str> {
    let h = norm(header);
    if h.is_empty() {
        return None;
    }
    if ID_HEADERS.iter().any(|id| norm(id) == h) {
        return Some(ID);
    }
    TRIM_FIELDS
        .iter()
        .find(|f| f.headers.iter().any(|word| norm(word) == h))
        .map(|f| f.code)
}

/// How a catalogue sheet is read: its header row (0-based) and each column's field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    pub header_row: usize,
    pub columns: Vec<Option<&'static str>>,
}

/// Finds the header row (the one among the first 20 where most headers name a field; title
/// rows above it are skipped) and maps each column; the first column naming a field wins.
pub fn guess(table: &Table) -> Mapping {
    let known = |row: &Vec<String>| row.iter().filter(|h| recognise(h).is_some()).count();
    let header_row = table
        .rows
        .iter()
        .take(20)
        .enumerate()
        .max_by_key(|(i, row)| (known(row), std::cmp::Reverse(*i)))
        .map_or(0, |(i, _)| i);
    let mut taken: Vec<&'static str> = Vec::new();
    let columns = table
        .rows
        .get(header_row)
        .map(|headers| {
            headers
                .iter()
                .map(|h| {
                    let code = recognise(h).filter(|c| !taken.contains(c))?;
                    taken.push(code);
                    Some(code)
                })
                .collect()
        })
        .unwrap_or_default();
    Mapping {
        header_row,
        columns,
    }
}

/// One data row of a sheet: its line in the file (counted from 1, as the sheet shows it)
/// and its cells by field code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    pub line: u32,
    pub cells: Vec<(&'static str, String)>,
}

impl SheetRow {
    /// The cell of the field `code`, empty when the sheet has none.
    pub fn cell(&self, code: &str) -> &str {
        self.cells
            .iter()
            .find(|(c, _)| *c == code)
            .map_or("", |(_, text)| text.as_str())
    }
}

/// The data rows below the header row, blank ones left out; a cell guarded against being read
/// as a formula (as Carnet's exports write `+86 …`) reads as it was before the guard.
pub fn rows(table: &Table, mapping: &Mapping) -> Vec<SheetRow> {
    table
        .rows
        .iter()
        .enumerate()
        .skip(mapping.header_row + 1)
        .filter(|(_, row)| row.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, row)| SheetRow {
            line: u32::try_from(i + 1).unwrap_or(u32::MAX),
            cells: mapping
                .columns
                .iter()
                .zip(row)
                .filter_map(|(code, cell)| {
                    code.map(|c| (c, crate::text::strip_formula_guard(cell).to_owned()))
                })
                .collect(),
        })
        .collect()
}

/// A catalogue file's content: a sheet to map, or a Carnet catalogue's trims.
#[derive(Debug)]
pub enum CatalogueSource {
    Sheet { format: Format, table: Table },
    Trims(Vec<Trim>),
}

/// Carnet's catalogue as JSON.
#[derive(Debug, Serialize, Deserialize)]
pub struct CatalogueJson {
    pub format: String,
    pub version: u32,
    pub trims: Vec<Trim>,
}

/// Reads a catalogue file: a `.json` file is a Carnet catalogue; anything else goes through
/// the readers customer imports use (xlsx, xls, ods, CSV), with the same bounds.
pub fn read_file(path: &Path) -> Result<CatalogueSource, IoError> {
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        let file_error = |source| IoError::File {
            path: path.display().to_string(),
            source,
        };
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
            .map_err(file_error)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(IoError::TooLarge {
                size: bytes.len() as u64,
                max: MAX_FILE_BYTES,
            });
        }
        return read_json(&bytes).map(CatalogueSource::Trims);
    }
    match crate::read_file(path)? {
        Source::Table { format, table } => Ok(CatalogueSource::Sheet { format, table }),
        Source::JsonExport(_) => Err(IoError::bad(
            "json",
            "a Carnet export of customers, not a catalogue",
        )),
    }
}

/// Reads a catalogue's JSON (as [`write_json`] writes it).
pub fn read_json(bytes: &[u8]) -> Result<Vec<Trim>, IoError> {
    let text = std::str::from_utf8(bytes).map_err(|e| IoError::bad("json", e))?;
    let file: CatalogueJson = serde_json::from_str(text.trim_start_matches('\u{FEFF}'))
        .map_err(|e| IoError::bad("json", e))?;
    if file.format != JSON_FORMAT {
        return Err(IoError::bad(
            "json",
            format!("not a catalogue: {}", file.format),
        ));
    }
    if file.version > JSON_VERSION {
        return Err(IoError::NewerExport {
            found: file.version,
            supported: JSON_VERSION,
        });
    }
    Ok(file.trims)
}

/// The headers of an exported catalogue: each field's first header word, then the id.
pub fn headers() -> Vec<String> {
    TRIM_FIELDS
        .iter()
        .map(|f| f.headers.first().copied().unwrap_or(f.code).to_owned())
        .chain([ID.to_owned()])
        .collect()
}

/// A trim's cells as an exported sheet shows them (choices by their Chinese word), the id
/// last: text that the import reads back.
pub fn cells(trim: &Trim) -> Vec<String> {
    TRIM_FIELDS
        .iter()
        .map(|f| trim.field_word(f.code))
        .chain([trim.id.clone()])
        .collect()
}

fn csv_error(e: csv::Error) -> IoError {
    IoError::Write {
        format: "csv",
        reason: e.to_string(),
    }
}

/// Writes the catalogue as CSV: UTF-8 with a BOM, the headers, a trim a line.
pub fn write_csv(trims: &[Trim], out: &mut impl Write) -> Result<(), IoError> {
    out.write_all("\u{FEFF}".as_bytes())
        .map_err(|e| csv_error(e.into()))?;
    let mut w = csv::WriterBuilder::new().from_writer(out);
    w.write_record(headers()).map_err(csv_error)?;
    for trim in trims {
        w.write_record(cells(trim).iter().map(|c| guard_formula(c).into_owned()))
            .map_err(csv_error)?;
    }
    w.flush().map_err(|e| csv_error(e.into()))
}

/// Writes the catalogue as a one-sheet workbook at `path`, numbers as numbers.
pub fn write_xlsx(trims: &[Trim], sheet: &str, path: &Path) -> Result<(), IoError> {
    let texts: Vec<Vec<String>> = trims.iter().map(cells).collect();
    let kinds: Vec<Option<TrimFieldKind>> = TRIM_FIELDS
        .iter()
        .map(|f| Some(f.kind))
        .chain([None])
        .collect();
    let rows: Vec<Vec<TableCell<'_>>> = texts
        .iter()
        .map(|row| {
            row.iter()
                .zip(&kinds)
                .map(|(text, kind)| match kind {
                    _ if text.is_empty() => TableCell::Empty,
                    Some(
                        TrimFieldKind::Integer | TrimFieldKind::Decimal | TrimFieldKind::Money,
                    ) => text
                        .parse()
                        .map_or(TableCell::Text(text), TableCell::Number),
                    _ => TableCell::Text(text),
                })
                .collect()
        })
        .collect();
    write_table(path, sheet, &headers(), &rows)
}

/// Writes the catalogue as JSON: every trim whole.
pub fn write_json(trims: &[Trim], out: &mut impl Write) -> Result<(), IoError> {
    let file = CatalogueJson {
        format: JSON_FORMAT.to_owned(),
        version: JSON_VERSION,
        trims: trims.to_vec(),
    };
    serde_json::to_writer_pretty(out, &file).map_err(|e| IoError::Write {
        format: "json",
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests;
