//! carnet-core's, carnet-store's and carnet-io's errors as the one error shape.

use std::path::Path;

use carnet_core::{Invalid, Problem};
use carnet_store::StoreError;
use carnet_store::rusqlite_code;

use super::{AppError, ErrorKind, SheetSize};

impl AppError {
    /// A store's error; `path` is the book (or backup) it was about, when known.
    pub(crate) fn from_store(err: StoreError, path: Option<&Path>) -> AppError {
        match err {
            StoreError::NewerBook { found, supported } => AppError::new(
                ErrorKind::BookTooNew { found, supported },
                format!(
                    "this book was written by a newer Carnet (schema {found}; this one knows up to {supported}); \
                     update Carnet to open it"
                ),
            ),
            StoreError::NotABook { path } => AppError::new(
                ErrorKind::NotABook {
                    path: path.display().to_string(),
                },
                format!("{} is not a Carnet book", path.display()),
            ),
            StoreError::Cancelled => AppError::new(
                ErrorKind::Cancelled,
                "the import was stopped; nothing was written",
            ),
            StoreError::Sqlite(e)
                if e.sqlite_error_code() == Some(rusqlite_code::DatabaseCorrupt)
                    && path.is_some() =>
            {
                let path = path.map(|p| p.display().to_string()).unwrap_or_default();
                AppError::new(
                    ErrorKind::DamagedBook {
                        path: path.clone(),
                        detail: e.to_string(),
                    },
                    format!("{path} is damaged: {e}"),
                )
            }
            StoreError::Io { path, source } => AppError::new(
                ErrorKind::FileError {
                    path: Some(path.display().to_string()),
                    format: None,
                    detail: source.to_string(),
                },
                format!("{} could not be written or read: {source}", path.display()),
            ),
            StoreError::Backup { path, source } => AppError::new(
                ErrorKind::FileError {
                    path: Some(path.display().to_string()),
                    format: None,
                    detail: source.to_string(),
                },
                format!("{} could not be written: {source}", path.display()),
            ),
            StoreError::BackupGone { path } => AppError::new(
                ErrorKind::BackupGone {
                    path: path.display().to_string(),
                },
                format!(
                    "the backup {} is no longer there; the book was not changed",
                    path.display()
                ),
            ),
            StoreError::BackupChanged { path } => AppError::new(
                ErrorKind::BackupChanged {
                    path: path.display().to_string(),
                },
                format!(
                    "the backup {} changed while it was being restored; the book was not changed",
                    path.display()
                ),
            ),
            StoreError::BackupOtherKind { path } => AppError::new(
                ErrorKind::BackupOtherKind {
                    path: path.display().to_string(),
                },
                format!(
                    "the backup {} is of another kind of book (a team book's or a consultant's own); the book was not changed",
                    path.display()
                ),
            ),
            StoreError::Healthy { path } => AppError::new(
                ErrorKind::BookHealthy {
                    path: path.display().to_string(),
                },
                format!(
                    "the book {} passes its check; it is not replaced",
                    path.display()
                ),
            ),
            StoreError::Damaged { path, problems } => AppError::new(
                ErrorKind::DamagedBook {
                    path: path.display().to_string(),
                    detail: problems.join("; "),
                },
                format!("{} is damaged: {}", path.display(), problems.join("; ")),
            ),
            StoreError::Locked { .. } => AppError::locked(),
            StoreError::WrongPassphrase { .. } => AppError::wrong_passphrase("passphrase"),
            StoreError::NoEncryption => AppError::new(
                ErrorKind::NoEncryption,
                "this Carnet was built without encryption (SQLCipher)",
            ),
            StoreError::InUse { path } => AppError::new(
                ErrorKind::BookInUse {
                    path: path.display().to_string(),
                },
                format!(
                    "{} is open in another Carnet; close it first",
                    path.display()
                ),
            ),
            other => {
                let detail = other.to_string();
                AppError::new(
                    ErrorKind::Storage {
                        detail: detail.clone(),
                        path: path.map(|p| p.display().to_string()),
                    },
                    format!("the book could not be read or written: {detail}"),
                )
            }
        }
    }
}

impl AppError {
    /// The book is locked: nothing of it is read or written until its passphrase is given.
    pub fn locked() -> AppError {
        AppError::new(
            ErrorKind::Locked,
            "the book is locked; give its passphrase to open it",
        )
    }

    /// The passphrase in `field` does not open the book.
    pub fn wrong_passphrase(field: &str) -> AppError {
        AppError::new(
            ErrorKind::WrongPassphrase,
            "the passphrase does not open this book",
        )
        .with_field(field)
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> AppError {
        AppError::from_store(err, None)
    }
}

impl From<carnet_io::IoError> for AppError {
    fn from(err: carnet_io::IoError) -> AppError {
        use carnet_io::IoError;
        let message = err.to_string();
        let kind = match err {
            IoError::TooLarge { size, max } => ErrorKind::FileTooLarge { size, max },
            IoError::Bomb { size, max } => ErrorKind::ArchiveBomb { size, max },
            IoError::BadFile { format, reason } => ErrorKind::BadFile {
                format: format.to_owned(),
                detail: reason,
                sheet: None,
            },
            // A sheet larger than Carnet reads is a file it cannot read: the front ends show
            // `detail` (the message names the sheet's rows, columns and the cap).
            IoError::TooManyCells {
                format,
                rows,
                columns,
                max,
            } => ErrorKind::BadFile {
                format: format.to_owned(),
                detail: message.clone(),
                sheet: Some(SheetSize { rows, columns, max }),
            },
            IoError::Empty => ErrorKind::EmptyFile,
            IoError::NewerExport { found, supported } => {
                ErrorKind::ExportTooNew { found, supported }
            }
            IoError::File { path, source } => ErrorKind::FileError {
                path: Some(path),
                format: None,
                detail: source.to_string(),
            },
            IoError::Write { format, reason } => ErrorKind::FileError {
                path: None,
                format: Some(format.to_owned()),
                detail: reason,
            },
        };
        AppError::new(kind, message)
    }
}

impl From<Invalid> for AppError {
    fn from(invalid: Invalid) -> AppError {
        let field = invalid.field;
        let (kind, message) = match invalid.problem {
            Problem::Required => (ErrorKind::Required, format!("{field} is required")),
            Problem::TooLong { max } => (
                ErrorKind::TooLong { max },
                format!("{field} is longer than {max} characters"),
            ),
            Problem::TooShort { min } => (
                ErrorKind::TooShort { min },
                format!("{field} is shorter than {min} characters"),
            ),
            Problem::TooMany { max } => (
                ErrorKind::TooMany { max },
                format!("{field} holds more than {max} items"),
            ),
            Problem::InvalidPhone { value } => (
                ErrorKind::InvalidPhone {
                    value: value.clone(),
                },
                format!("{value:?} is not a valid phone number"),
            ),
            Problem::InvalidEmail { value } => (
                ErrorKind::InvalidEmail {
                    value: value.clone(),
                },
                format!("{value:?} is not an e-mail address"),
            ),
            Problem::InvalidBudget { value } => (
                ErrorKind::InvalidBudget {
                    value: value.clone(),
                },
                format!("{value:?} is not a budget (write 15万, 15-20万, 20万以内 or 150000)"),
            ),
            Problem::InvalidDate { value } => (
                ErrorKind::InvalidDate {
                    value: value.clone(),
                },
                format!("{value:?} is not a date (YYYY-MM-DD or MM-DD)"),
            ),
            Problem::InvalidNumber { value } => (
                ErrorKind::InvalidNumber {
                    value: value.clone(),
                },
                format!("{value:?} is not a number {field} can hold"),
            ),
            Problem::InvalidChoice { value, allowed } => (
                ErrorKind::InvalidChoice {
                    value: value.clone(),
                    allowed: allowed.iter().map(|a| (*a).to_owned()).collect(),
                },
                format!("{value:?} is not one of {}", allowed.join(", ")),
            ),
            Problem::UnknownField { value } => (
                ErrorKind::UnknownField {
                    value: value.clone(),
                },
                format!("there is no field named {value:?}"),
            ),
        };
        AppError::new(kind, message).with_field(field)
    }
}
