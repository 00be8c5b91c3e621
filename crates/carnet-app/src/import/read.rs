//! The file, read by carnet-io: a table of text cells with its column mapping (guessed, at
//! the header row asked for, or as corrected), or a Carnet export's whole customers.

use std::path::Path;

use carnet_io::json_export::JsonExport;
use carnet_io::labels::Lang;
use carnet_io::mapping::{self, Mapping, SavedMapping};
use carnet_io::{Format, Source, Table};

use super::check::Checked;
use crate::{AppError, ImportRequest};

/// A file read and understood, before it meets the book. Its rows (or customers) are taken
/// out as they are checked, and freed a row at a time: a big file is never held twice.
pub(crate) struct Read {
    pub(super) file_name: String,
    pub(super) format: Format,
    pub(super) kind: ReadKind,
    /// Its rows checked already, and how many rows it has (see [`Read::check_ahead`]).
    pub(super) checked: Option<(usize, Vec<Checked>)>,
}

pub(super) enum ReadKind {
    Rows {
        table: Table,
        mapping: Mapping,
        /// The header row's cells (the table's rows go when they are checked).
        headers: Vec<String>,
    },
    /// A Carnet export: whole customers, no columns to map.
    Export(Box<JsonExport>),
}

impl Read {
    /// Checks the rows now, for the import that follows (a team book's next export, on the
    /// thread that read it, while the export before it is written: checked for the day it
    /// was read, `today`, in `lang`).
    pub(crate) fn check_ahead(&mut self, today: chrono::NaiveDate, lang: Lang) {
        let (total, checked) = super::check::check_rows(self, today, lang);
        let checked: Vec<Checked> = checked.collect();
        self.checked = Some((total, checked));
    }

    /// The consultant a Carnet export names (trimmed; `None` when it names none, or the file
    /// is not a Carnet export).
    pub(crate) fn consultant(&self) -> Option<String> {
        let ReadKind::Export(export) = &self.kind else {
            return None;
        };
        let name = export.exporter.consultant.trim();
        (!name.is_empty()).then(|| name.to_owned())
    }
}

pub(crate) fn read(
    path: &Path,
    req: &ImportRequest,
    saved: &SavedMapping,
) -> Result<Read, AppError> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (format, kind) = match carnet_io::read_file(path)? {
        Source::JsonExport(export) => (Format::Json, ReadKind::Export(export)),
        Source::Table { format, table } => {
            let mut mapping = match req.header_row {
                Some(row) if (row as usize) < table.rows.len() => {
                    mapping::at_header_row(&table, row as usize, saved)
                }
                _ => mapping::guess(&table, saved),
            };
            if let Some(columns) = &req.columns {
                let targets = mapping::targets();
                mapping.columns = columns
                    .iter()
                    .map(|c| c.clone().filter(|t| targets.contains(&t.as_str())))
                    .collect();
            }
            let headers = mapping.headers(&table).to_vec();
            (
                format,
                ReadKind::Rows {
                    table,
                    mapping,
                    headers,
                },
            )
        }
    };
    Ok(Read {
        file_name,
        format,
        kind,
        checked: None,
    })
}

/// The saved mappings with the columns of `read` as the consultant left them: a header's
/// target is remembered when it is not the one Carnet recognises, and forgotten when it is.
/// `None` for a Carnet export, which has no columns.
pub(super) fn corrected_mapping(mut saved: SavedMapping, read: &Read) -> Option<SavedMapping> {
    let ReadKind::Rows {
        mapping, headers, ..
    } = &read.kind
    else {
        return None;
    };
    for (header, target) in headers.iter().zip(&mapping.columns) {
        let key = mapping::norm(header);
        if key.is_empty() {
            continue;
        }
        if mapping::recognise(header) == target.as_deref() {
            saved.remove(&key);
        } else {
            saved.insert(key, target.clone());
        }
    }
    Some(saved)
}
