//! The one error shape every front end receives: `{code, message, field?, row?, params}`.
//!
//! `code` and `params` are stable; front ends render them in the user's language. `message`
//! is an English sentence for logs and for tools that do not translate.

use std::collections::BTreeMap;
use std::path::Path;

use carnet_core::{Invalid, Problem};
use carnet_store::StoreError;
use carnet_store::rusqlite_code;
use serde::Serialize;
use ts_rs::TS;

/// What went wrong, as a stable machine-readable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// `field` is empty but must be given.
    Required,
    /// `field` is longer than `params.max` characters.
    TooLong,
    /// `field` holds `params.value`, which is not a plausible phone number.
    InvalidPhone,
    /// `field` holds more than `params.max` items.
    TooMany,
    /// `field` holds `params.value`, which is not an e-mail address.
    InvalidEmail,
    /// `field` holds `params.value`, which is not a budget ("15万", "15-20万", "20万以内" …).
    InvalidBudget,
    /// `field` holds `params.value`, which is not a date (YYYY-MM-DD or MM-DD) that exists.
    InvalidDate,
    /// `field` holds `params.value`, which is not a number in the allowed range.
    InvalidNumber,
    /// `field` holds `params.value`, which is not one of `params.allowed` (comma-separated).
    InvalidChoice,
    /// There is no profile field named `params.value`.
    UnknownField,
    /// A customer cannot be merged with themself (`params.id`).
    SameCustomer,
    /// The customer may already be in the book: `params.name` (`params.phone`, id `params.id`),
    /// and `params.count` possible duplicates in all. Saving again with `allow_duplicate` saves.
    PossibleDuplicate,
    /// No customer has the id `params.id`.
    NotFound,
    /// The book has schema `params.found`; this Carnet knows up to `params.supported`.
    BookTooNew,
    /// `params.path` is not a Carnet book.
    NotABook,
    /// The operating system gives no folder for application data; set `CARNET_DB`.
    NoDataDir,
    /// Reading or writing the book failed; `params.detail` says how.
    Storage,
    /// The book already holds `params.count` customers; a demo book must start empty.
    BookNotEmpty,
    /// A file to import is not a readable `params.format` file; `params.detail` says why
    /// (a parser that failed inside is reported so too).
    BadFile,
    /// A file of `params.size` bytes; Carnet reads up to `params.max`.
    FileTooLarge,
    /// An archive that would unpack to `params.size` bytes or more (a decompression bomb);
    /// the limit is `params.max`.
    ArchiveBomb,
    /// A Carnet export of version `params.found`; this Carnet reads up to `params.supported`.
    ExportTooNew,
    /// The file `params.path` could not be opened, read or written; `params.detail` says why.
    FileError,
    /// The file holds no rows.
    EmptyFile,
    /// The consultant stopped the import; nothing was written.
    Cancelled,
    /// No row of the file could be imported: `params.refused` refused (nothing identifies
    /// the person), `params.duplicate` duplicates left alone.
    NothingToImport,
    /// The book `params.path` failed its integrity check; `params.detail` says what it found.
    DamagedBook,
    /// The backup `params.path` was deleted or moved before it could be restored; the book
    /// was not changed.
    BackupGone,
    /// The backup `params.path` changed while it was being restored; the book was not
    /// changed.
    BackupChanged,
    /// The book `params.path` passes its check, so it is not replaced by a backup.
    BookHealthy,
    /// The row is a customer (id `params.id`) erased for good from this book, on request: it
    /// is not imported again.
    ErasedCustomer,
    /// `params.path` is Carnet's own (`params.what`: `book`, its `sidecar` log files, or the
    /// `backups` folder): nothing is written over it and it is not restored from.
    OwnFile,
    /// Carnet itself failed (a bug); `params.detail` says how. Nothing was saved.
    Internal,
}

/// An error as front ends receive it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    /// The input field at fault, named as in the DTOs (`name`, `phone`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    /// The row at fault, counted from 1, for errors about a file's rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub row: Option<u32>,
    pub params: BTreeMap<String, String>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> AppError {
        AppError {
            code,
            message: message.into(),
            field: None,
            row: None,
            params: BTreeMap::new(),
        }
    }

    pub fn with_field(mut self, field: &str) -> AppError {
        self.field = Some(field.to_owned());
        self
    }

    pub fn with_param(mut self, key: &str, value: impl ToString) -> AppError {
        self.params.insert(key.to_owned(), value.to_string());
        self
    }

    pub fn not_found(id: &str) -> AppError {
        AppError::new(ErrorCode::NotFound, format!("no customer has the id {id}"))
            .with_param("id", id)
    }

    pub fn internal(detail: impl ToString) -> AppError {
        let detail = detail.to_string();
        AppError::new(ErrorCode::Internal, format!("Carnet failed: {detail}"))
            .with_param("detail", detail)
    }

    pub(crate) fn from_store(err: StoreError, path: Option<&Path>) -> AppError {
        match err {
            StoreError::NewerBook { found, supported } => AppError::new(
                ErrorCode::BookTooNew,
                format!(
                    "this book was written by a newer Carnet (schema {found}; this one knows up to {supported}); \
                     update Carnet to open it"
                ),
            )
            .with_param("found", found)
            .with_param("supported", supported),
            StoreError::NotABook { path } => AppError::new(
                ErrorCode::NotABook,
                format!("{} is not a Carnet book", path.display()),
            )
            .with_param("path", path.display()),
            StoreError::Cancelled => AppError::new(
                ErrorCode::Cancelled,
                "the import was stopped; nothing was written",
            ),
            StoreError::Sqlite(e)
                if e.sqlite_error_code() == Some(rusqlite_code::DatabaseCorrupt)
                    && path.is_some() =>
            {
                let path = path.map(|p| p.display().to_string()).unwrap_or_default();
                AppError::new(ErrorCode::DamagedBook, format!("{path} is damaged: {e}"))
                    .with_param("path", path)
                    .with_param("detail", e)
            }
            StoreError::Io { path, source } => AppError::new(
                ErrorCode::FileError,
                format!("{} could not be written or read: {source}", path.display()),
            )
            .with_param("path", path.display())
            .with_param("detail", source),
            StoreError::Backup { path, source } => AppError::new(
                ErrorCode::FileError,
                format!("{} could not be written: {source}", path.display()),
            )
            .with_param("path", path.display())
            .with_param("detail", source),
            StoreError::BackupGone { path } => AppError::new(
                ErrorCode::BackupGone,
                format!(
                    "the backup {} is no longer there; the book was not changed",
                    path.display()
                ),
            )
            .with_param("path", path.display()),
            StoreError::BackupChanged { path } => AppError::new(
                ErrorCode::BackupChanged,
                format!(
                    "the backup {} changed while it was being restored; the book was not changed",
                    path.display()
                ),
            )
            .with_param("path", path.display()),
            StoreError::Healthy { path } => AppError::new(
                ErrorCode::BookHealthy,
                format!(
                    "the book {} passes its check; it is not replaced",
                    path.display()
                ),
            )
            .with_param("path", path.display()),
            StoreError::Damaged { path, problems } => AppError::new(
                ErrorCode::DamagedBook,
                format!("{} is damaged: {}", path.display(), problems.join("; ")),
            )
            .with_param("path", path.display())
            .with_param("detail", problems.join("; ")),
            other => {
                let detail = other.to_string();
                let mut e = AppError::new(ErrorCode::Storage, format!("the book could not be read or written: {detail}"))
                    .with_param("detail", detail);
                if let Some(path) = path {
                    e = e.with_param("path", path.display());
                }
                e
            }
        }
    }
}

impl From<carnet_io::IoError> for AppError {
    fn from(err: carnet_io::IoError) -> AppError {
        use carnet_io::IoError;
        let message = err.to_string();
        match err {
            IoError::TooLarge { size, max } => AppError::new(ErrorCode::FileTooLarge, message)
                .with_param("size", size)
                .with_param("max", max),
            IoError::Bomb { size, max } => AppError::new(ErrorCode::ArchiveBomb, message)
                .with_param("size", size)
                .with_param("max", max),
            IoError::BadFile { format, reason } => AppError::new(ErrorCode::BadFile, message)
                .with_param("format", format)
                .with_param("detail", reason),
            // A sheet larger than Carnet reads is a file it cannot read: the front ends show
            // `detail` (the message names the sheet's rows, columns and the cap).
            IoError::TooManyCells {
                format,
                rows,
                columns,
                max,
            } => AppError::new(ErrorCode::BadFile, message.clone())
                .with_param("format", format)
                .with_param("detail", message)
                .with_param("rows", rows)
                .with_param("columns", columns)
                .with_param("max", max),
            IoError::Empty => AppError::new(ErrorCode::EmptyFile, message),
            IoError::NewerExport { found, supported } => {
                AppError::new(ErrorCode::ExportTooNew, message)
                    .with_param("found", found)
                    .with_param("supported", supported)
            }
            IoError::File { path, source } => AppError::new(ErrorCode::FileError, message)
                .with_param("path", path)
                .with_param("detail", source),
            IoError::Write { format, reason } => AppError::new(ErrorCode::FileError, message)
                .with_param("format", format)
                .with_param("detail", reason),
        }
    }
}

impl AppError {
    /// A file that could not be opened or written, by path.
    pub(crate) fn file(path: &Path, err: impl std::fmt::Display) -> AppError {
        AppError::new(ErrorCode::FileError, format!("{}: {err}", path.display()))
            .with_param("path", path.display())
            .with_param("detail", err)
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> AppError {
        AppError::from_store(err, None)
    }
}

impl From<Invalid> for AppError {
    fn from(invalid: Invalid) -> AppError {
        let field = invalid.field;
        let (code, message, params): (ErrorCode, String, Vec<(&str, String)>) =
            match invalid.problem {
                Problem::Required => (ErrorCode::Required, format!("{field} is required"), vec![]),
                Problem::TooLong { max } => (
                    ErrorCode::TooLong,
                    format!("{field} is longer than {max} characters"),
                    vec![("max", max.to_string())],
                ),
                Problem::TooMany { max } => (
                    ErrorCode::TooMany,
                    format!("{field} holds more than {max} items"),
                    vec![("max", max.to_string())],
                ),
                Problem::InvalidPhone { value } => (
                    ErrorCode::InvalidPhone,
                    format!("{value:?} is not a valid phone number"),
                    vec![("value", value)],
                ),
                Problem::InvalidEmail { value } => (
                    ErrorCode::InvalidEmail,
                    format!("{value:?} is not an e-mail address"),
                    vec![("value", value)],
                ),
                Problem::InvalidBudget { value } => (
                    ErrorCode::InvalidBudget,
                    format!("{value:?} is not a budget (write 15万, 15-20万, 20万以内 or 150000)"),
                    vec![("value", value)],
                ),
                Problem::InvalidDate { value } => (
                    ErrorCode::InvalidDate,
                    format!("{value:?} is not a date (YYYY-MM-DD or MM-DD)"),
                    vec![("value", value)],
                ),
                Problem::InvalidNumber { value } => (
                    ErrorCode::InvalidNumber,
                    format!("{value:?} is not a number {field} can hold"),
                    vec![("value", value)],
                ),
                Problem::InvalidChoice { value, allowed } => (
                    ErrorCode::InvalidChoice,
                    format!("{value:?} is not one of {}", allowed.join(", ")),
                    vec![("value", value), ("allowed", allowed.join(","))],
                ),
                Problem::UnknownField { value } => (
                    ErrorCode::UnknownField,
                    format!("there is no field named {value:?}"),
                    vec![("value", value)],
                ),
            };
        params.into_iter().fold(
            AppError::new(code, message).with_field(field),
            |e, (k, v)| e.with_param(k, v),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn serialises_to_the_one_error_shape() {
        let cases = [
            (
                AppError::from(Invalid::new("name", Problem::Required)),
                json!({"code": "required", "message": "name is required", "field": "name", "params": {}}),
            ),
            (
                AppError::from(Invalid::new(
                    "phone",
                    Problem::InvalidPhone {
                        value: "12345".into(),
                    },
                )),
                json!({
                    "code": "invalid_phone",
                    "message": "\"12345\" is not a valid phone number",
                    "field": "phone",
                    "params": {"value": "12345"}
                }),
            ),
            (
                AppError::from(Invalid::new("name", Problem::TooLong { max: 100 })),
                json!({
                    "code": "too_long",
                    "message": "name is longer than 100 characters",
                    "field": "name",
                    "params": {"max": "100"}
                }),
            ),
            (
                AppError::from(StoreError::NewerBook {
                    found: 9,
                    supported: 2,
                }),
                json!({
                    "code": "book_too_new",
                    "message": "this book was written by a newer Carnet (schema 9; this one knows up to 2); update Carnet to open it",
                    "params": {"found": "9", "supported": "2"}
                }),
            ),
            (
                AppError {
                    row: Some(7),
                    ..AppError::not_found("abc")
                },
                json!({
                    "code": "not_found",
                    "message": "no customer has the id abc",
                    "row": 7,
                    "params": {"id": "abc"}
                }),
            ),
            (
                AppError::from(carnet_io::IoError::TooManyCells {
                    format: "xlsx",
                    rows: 1_048_576,
                    columns: 16_384,
                    max: 20_000_000,
                }),
                json!({
                    "code": "bad_file",
                    "message": "the xlsx sheet spans 1048576 rows and 16384 columns or more; Carnet reads sheets of up to 20000000 cells, 2000000 rows and 16384 columns",
                    "params": {
                        "format": "xlsx",
                        "detail": "the xlsx sheet spans 1048576 rows and 16384 columns or more; Carnet reads sheets of up to 20000000 cells, 2000000 rows and 16384 columns",
                        "rows": "1048576",
                        "columns": "16384",
                        "max": "20000000"
                    }
                }),
            ),
        ];
        for (err, want) in cases {
            assert_eq!(serde_json::to_value(&err).expect("serialise"), want);
        }
    }
}
