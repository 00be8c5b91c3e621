//! Reading an untrusted file into a [`Source`]: its format is told by its first bytes (the
//! file name only breaks the tie between a zipped xlsx and ods), and every reader is bounded.

use std::io::{Cursor, Read};
use std::path::Path;

use calamine::Data;

use crate::json_export::JsonExport;
use crate::text::{decode, sniff_delimiter, tidy_cell};
use crate::{Guard, IoError, guarded, vcard};

mod ods;
mod sheet;
mod xls;

/// The largest file Carnet reads: far above any real customer sheet (100,000 rows of CSV are
/// about 15 MB), far below what would exhaust a laptop's memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// The most an xlsx/ods archive may unpack to, checked against its directory before anything
/// is unpacked.
pub const MAX_UNPACKED_BYTES: u64 = 512 * 1024 * 1024;
/// An archive entry compressed more than this is treated as a decompression bomb.
const MAX_RATIO: u64 = 200;

/// The most rows a sheet may reach (a cell in a later row refuses it): above Excel's
/// 1,048,576, with room for LibreOffice's larger sheets. Empty rows cost nothing until a cell
/// follows them; then each costs an empty row (24 bytes), at most 48 MB.
pub const MAX_SHEET_ROWS: u32 = 2_000_000;
/// The most columns a sheet may reach: Excel's and LibreOffice's XFD.
pub const MAX_SHEET_COLUMNS: u32 = 16_384;
/// The most cells a sheet's grid may hold, counted as they are allocated (each row as far as
/// its last filled cell, merged regions filled included), before the allocation. An empty
/// cell is a 24-byte string, so the grid is at most 480 MB before its text. A big real
/// customer sheet (100,000 rows of 40 columns) is 4 million cells; Excel's 1,048,576 full rows
/// of 19 columns fit.
pub const MAX_SHEET_CELLS: u64 = 20_000_000;
/// The most text a sheet's cells may hold in all (a value repeated over many cells by a
/// repeat count, a shared string or a merged region counts each time): what an archive may
/// unpack to. Going over is refused as a decompression bomb.
pub const MAX_SHEET_TEXT: u64 = MAX_UNPACKED_BYTES;

/// What kind of file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Xlsx,
    Xls,
    Ods,
    Csv,
    Vcard,
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Csv => "csv",
            Format::Vcard => "vcard",
            Format::Json => "json",
        }
    }
}

/// A grid of text cells, as read: row 0 is the file's first row (title rows included).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Vec<String>>,
}

/// A file's content.
#[derive(Debug)]
pub enum Source {
    /// Rows to map onto profile fields (sheets, CSV, and vCards as one row per card).
    Table { format: Format, table: Table },
    /// A Carnet JSON export: whole customers with their family and history.
    JsonExport(Box<JsonExport>),
}

/// Reads the file at `path`, refusing one larger than [`MAX_FILE_BYTES`] before reading it.
pub fn read_file(path: &Path) -> Result<Source, IoError> {
    let file_error = |source| IoError::File {
        path: path.display().to_string(),
        source,
    };
    let size = std::fs::metadata(path).map_err(file_error)?.len();
    if size > MAX_FILE_BYTES {
        return Err(IoError::TooLarge {
            size,
            max: MAX_FILE_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(file_error)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    read_bytes(&bytes, &name)
}

/// Reads a file's bytes; `name` (lower case) tells xlsx from ods when the bytes cannot.
pub fn read_bytes(bytes: &[u8], name: &str) -> Result<Source, IoError> {
    read_with(bytes, name, Guard::Catch)
}

/// [`read_bytes`] with a panic in Carnet's own reading code let through (a panic inside a
/// parsing library is still a bad file): for the fuzz targets and the corpus replay, which
/// must see such a panic fail. The app never enables the `unguarded` feature.
#[cfg(feature = "unguarded")]
pub fn read_bytes_unguarded(bytes: &[u8], name: &str) -> Result<Source, IoError> {
    read_with(bytes, name, Guard::PassThrough)
}

pub(crate) fn read_with(bytes: &[u8], name: &str, guard: Guard) -> Result<Source, IoError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(IoError::TooLarge {
            size: bytes.len() as u64,
            max: MAX_FILE_BYTES,
        });
    }
    // Every step that reads the file's bytes runs guarded: the archive's directory, the
    // text's encoding, and each format's reader.
    if bytes.starts_with(b"PK\x03\x04") {
        let format = guarded(guard, "zip", || {
            check_archive(bytes)?;
            Ok(if name.ends_with(".ods") || is_ods(bytes) {
                Format::Ods
            } else {
                Format::Xlsx
            })
        })?;
        return sheet::read(bytes, format, guard);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return sheet::read(bytes, Format::Xls, guard);
    }
    let (text, _encoding) = guarded(guard, "text", || Ok(decode(bytes)))?;
    if looks_binary(&text) {
        // Neither a workbook nor text (a damaged file, or another program's): said as such,
        // not read as a sheet whose every row is refused.
        return Err(IoError::BadFile {
            format: format_named(name),
            reason: "the file is neither a workbook nor text".to_owned(),
        });
    }
    let start = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    if start.starts_with('{') {
        return crate::json_export::parse_with(start, guard)
            .map(|book| Source::JsonExport(Box::new(book)));
    }
    if start
        .get(..11)
        .is_some_and(|s| s.eq_ignore_ascii_case("BEGIN:VCARD"))
    {
        let table = guarded(guard, "vcard", || Ok(vcard::to_table(&vcard::parse(&text))))?;
        return non_empty(Format::Vcard, table);
    }
    let table = guarded(guard, "csv", || read_csv(&text))?;
    non_empty(Format::Csv, table)
}

/// Whether decoded text is really binary: NUL characters, or more than one character in
/// twenty a control character other than a tab or a line end. Text files, in any encoding
/// Carnet reads, have neither; random or damaged bytes have plenty.
fn looks_binary(text: &str) -> bool {
    let (mut chars, mut control) = (0usize, 0usize);
    for c in text.chars().take(64 * 1024) {
        if c == '\0' {
            return true;
        }
        chars += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}') {
            control += 1;
        }
    }
    control * 20 > chars
}

/// The format a file's name says it is, for an error about it ("xlsx" for `客户.xlsx`).
fn format_named(name: &str) -> &'static str {
    let extension = name.rsplit('.').next().unwrap_or_default();
    [
        (Format::Xlsx, "xlsx"),
        (Format::Xls, "xls"),
        (Format::Ods, "ods"),
        (Format::Vcard, "vcf"),
        (Format::Json, "json"),
    ]
    .into_iter()
    .find(|(_, ext)| extension.eq_ignore_ascii_case(ext))
    .map_or(Format::Csv.name(), |(format, _)| format.name())
}

fn non_empty(format: Format, table: Table) -> Result<Source, IoError> {
    if table.rows.iter().all(|r| r.iter().all(String::is_empty)) {
        return Err(IoError::Empty);
    }
    Ok(Source::Table { format, table })
}

fn read_csv(text: &str) -> Result<Table, IoError> {
    #[cfg(test)]
    tests::panic_on_mark(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut record = csv::StringRecord::new();
    while reader
        .read_record(&mut record)
        .map_err(|e| IoError::bad("csv", e))?
    {
        // The reader passes over blank lines (a record starts where they do); a spreadsheet
        // shows each as an empty row, so they are kept, and every row keeps the number a
        // consultant sees.
        let start = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(text.len());
        // The `\n` of the last record's `\r\n` may be where this one is said to start.
        let after_cr = start > 0 && text.as_bytes().get(start - 1) == Some(&b'\r');
        let start = if after_cr && text.as_bytes().get(start) == Some(&b'\n') {
            start + 1
        } else {
            start
        };
        let blank = blank_lines(text.get(start..).unwrap_or_default());
        rows.extend(std::iter::repeat_n(Vec::new(), blank));
        rows.push(record.iter().map(tidy_cell).collect());
    }
    Ok(Table { rows })
}

/// How many empty lines `text` starts with (`\n`, `\r\n` or `\r` each).
fn blank_lines(text: &str) -> usize {
    let mut count = 0;
    let mut rest = text.as_bytes();
    loop {
        match rest {
            [b'\r', b'\n', more @ ..] | [b'\n', more @ ..] | [b'\r', more @ ..] => {
                count += 1;
                rest = more;
            }
            _ => return count,
        }
    }
}

/// Checks an xlsx/ods archive's directory before anything is unpacked: the sizes its entries
/// declare, in all and against their compressed sizes.
fn check_archive(bytes: &[u8]) -> Result<(), IoError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| IoError::bad("xlsx", e))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let file = archive
            .by_index_raw(i)
            .map_err(|e| IoError::bad("xlsx", e))?;
        let size = file.size();
        total = total.saturating_add(size);
        let ratio_bomb = size > 1024 * 1024 && size / file.compressed_size().max(1) > MAX_RATIO;
        if total > MAX_UNPACKED_BYTES || ratio_bomb {
            return Err(IoError::Bomb {
                size: total.max(size),
                max: MAX_UNPACKED_BYTES,
            });
        }
    }
    Ok(())
}

fn is_ods(bytes: &[u8]) -> bool {
    // An OpenDocument archive starts with an uncompressed `mimetype` entry.
    bytes.len() > 80 && bytes[30..38] == *b"mimetype" && {
        let head = &bytes[38..bytes.len().min(120)];
        head.windows(11).any(|w| w == b"opendocumen")
    }
}

/// A cell as text: whole numbers without ".0" (a phone stored as a number), dates as
/// YYYY-MM-DD (with the time when there is one).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => tidy_cell(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(t) if d.is_datetime() => {
                if t.time() == chrono::NaiveTime::MIN {
                    t.date().format("%Y-%m-%d").to_string()
                } else {
                    t.format("%Y-%m-%d %H:%M").to_string()
                }
            }
            _ => number_text(d.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.replace('T', " "),
    }
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod blank_line_tests {
    #[test]
    fn blank_lines_keep_their_rows() {
        let text = "a,b\n1,2\n\n3,4\n\"x\ny\",5\n\n\n6,7\r\n\r\n8,9\n";
        let Ok(crate::Source::Table { table, .. }) = crate::read_bytes(text.as_bytes(), "a.csv")
        else {
            panic!("a table");
        };
        let firsts: Vec<&str> = table
            .rows
            .iter()
            .map(|r| r.first().map_or("", String::as_str))
            .collect();
        assert_eq!(firsts, ["a", "1", "", "3", "x\ny", "", "", "6", "", "8"]);
    }
}
