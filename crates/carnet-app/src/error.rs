//! The one error shape every front end receives: `{code, message, field?, row?, params}`.
//!
//! `code` and `params` are stable; front ends render them in the user's language. `message`
//! is an English sentence for logs and for tools that do not translate.
//!
//! On the Rust side an error is typed: [`ErrorKind`] has one variant per code, holding that
//! code's parameters with their types; they become the `code` and the `params` (each as text)
//! only when the error is sent (`Wire`). The conversions from carnet-core's, carnet-store's and
//! carnet-io's errors are in `convert`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

mod convert;
mod kind;

pub use kind::{ErrorKind, OwnFileKind, SheetSize};

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
    /// A team book was to be built in a consultant's own book (`params.count` customers):
    /// a team book is a file of its own, never mixed into anyone's book.
    OwnBookNotTeam,
    /// A team book (built from the consultants' exports) is read only.
    TeamBookReadOnly,
    /// A period ends (`params.to`) before it starts (`params.from`).
    PeriodBackwards,
    /// A message still has merge fields this customer has no value for (`params.fields`,
    /// as written in the template: `{车型} {车牌}`): fill them in or remove them first.
    UnfilledFields,
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
    /// The backup `params.path` is of another kind of book (a team book's, restored into a
    /// consultant's own, or the other way round); the book was not changed.
    BackupOtherKind,
    /// The book `params.path` passes its check, so it is not replaced by a backup.
    BookHealthy,
    /// The row is a customer (id `params.id`) erased for good from this book, on request: it
    /// is not imported again.
    ErasedCustomer,
    /// `params.path` is Carnet's own (`params.what`: `book`, its `sidecar` log files, or the
    /// `backups` folder): nothing is written over it and it is not restored from.
    OwnFile,
    /// `field` is shorter than `params.min` characters (a passphrase).
    TooShort,
    /// The book is locked: it is encrypted and its passphrase has not been given (at start,
    /// or after the app locked itself). Nothing of it is shown until it is.
    Locked,
    /// The passphrase given does not open the book (`field`: which one was wrong). Nothing
    /// was changed.
    WrongPassphrase,
    /// This Carnet was built without encryption (SQLCipher): a book with a passphrase cannot
    /// be opened, and none can be set.
    NoEncryption,
    /// The book `params.path` is open in another Carnet (the app, or a `carnet` command);
    /// its passphrase can be changed only once that one is closed.
    BookInUse,
    /// Carnet itself failed (a bug); `params.detail` says how. Nothing was saved.
    Internal,
}

/// A parameter an error's code is sent with (in `params`, as text), by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    /// Sent with every error of the code.
    Always(&'static str),
    /// Sent when the error knows it.
    Sometimes(&'static str),
}

impl ErrorCode {
    /// Every code, in declaration order.
    pub const ALL: &[ErrorCode] = &[
        ErrorCode::Required,
        ErrorCode::TooLong,
        ErrorCode::InvalidPhone,
        ErrorCode::TooMany,
        ErrorCode::InvalidEmail,
        ErrorCode::InvalidBudget,
        ErrorCode::InvalidDate,
        ErrorCode::InvalidNumber,
        ErrorCode::InvalidChoice,
        ErrorCode::UnknownField,
        ErrorCode::SameCustomer,
        ErrorCode::PossibleDuplicate,
        ErrorCode::NotFound,
        ErrorCode::BookTooNew,
        ErrorCode::NotABook,
        ErrorCode::NoDataDir,
        ErrorCode::Storage,
        ErrorCode::BookNotEmpty,
        ErrorCode::OwnBookNotTeam,
        ErrorCode::TeamBookReadOnly,
        ErrorCode::PeriodBackwards,
        ErrorCode::UnfilledFields,
        ErrorCode::BadFile,
        ErrorCode::FileTooLarge,
        ErrorCode::ArchiveBomb,
        ErrorCode::ExportTooNew,
        ErrorCode::FileError,
        ErrorCode::EmptyFile,
        ErrorCode::Cancelled,
        ErrorCode::NothingToImport,
        ErrorCode::DamagedBook,
        ErrorCode::BackupGone,
        ErrorCode::BackupChanged,
        ErrorCode::BackupOtherKind,
        ErrorCode::BookHealthy,
        ErrorCode::ErasedCustomer,
        ErrorCode::OwnFile,
        ErrorCode::TooShort,
        ErrorCode::Locked,
        ErrorCode::WrongPassphrase,
        ErrorCode::NoEncryption,
        ErrorCode::BookInUse,
        ErrorCode::Internal,
    ];

    /// The parameters an error of this code is sent with: the names [`ErrorKind::params`]
    /// fills in (a test holds the two together). The TypeScript bindings type each code's
    /// `params` from this.
    pub fn params(self) -> &'static [Param] {
        use Param::{Always, Sometimes};
        match self {
            ErrorCode::Required
            | ErrorCode::EmptyFile
            | ErrorCode::Cancelled
            | ErrorCode::Locked
            | ErrorCode::WrongPassphrase
            | ErrorCode::NoEncryption => &[],
            ErrorCode::TooShort => &[Always("min")],
            ErrorCode::TooLong | ErrorCode::TooMany => &[Always("max")],
            ErrorCode::InvalidPhone
            | ErrorCode::InvalidEmail
            | ErrorCode::InvalidBudget
            | ErrorCode::InvalidDate
            | ErrorCode::InvalidNumber
            | ErrorCode::UnknownField => &[Always("value")],
            ErrorCode::InvalidChoice => &[Always("value"), Always("allowed")],
            ErrorCode::SameCustomer | ErrorCode::NotFound | ErrorCode::ErasedCustomer => {
                &[Always("id")]
            }
            ErrorCode::PossibleDuplicate => &[
                Always("id"),
                Always("name"),
                Always("phone"),
                Always("count"),
            ],
            ErrorCode::BookTooNew | ErrorCode::ExportTooNew => {
                &[Always("found"), Always("supported")]
            }
            ErrorCode::NotABook
            | ErrorCode::BackupGone
            | ErrorCode::BackupChanged
            | ErrorCode::BackupOtherKind
            | ErrorCode::BookHealthy
            | ErrorCode::BookInUse => &[Always("path")],
            ErrorCode::NoDataDir => &[Always("env")],
            ErrorCode::Storage => &[Always("detail"), Sometimes("path")],
            ErrorCode::BookNotEmpty | ErrorCode::OwnBookNotTeam => &[Always("count")],
            ErrorCode::TeamBookReadOnly => &[],
            ErrorCode::PeriodBackwards => &[Always("from"), Always("to")],
            ErrorCode::UnfilledFields => &[Always("fields")],
            // A sheet too big to read: its size, and the most cells Carnet reads.
            ErrorCode::BadFile => &[
                Always("format"),
                Always("detail"),
                Sometimes("rows"),
                Sometimes("columns"),
                Sometimes("max"),
            ],
            ErrorCode::FileTooLarge | ErrorCode::ArchiveBomb => &[Always("size"), Always("max")],
            ErrorCode::FileError => &[Sometimes("path"), Sometimes("format"), Always("detail")],
            ErrorCode::NothingToImport => &[Always("refused"), Always("duplicate")],
            ErrorCode::DamagedBook => &[Always("path"), Always("detail")],
            ErrorCode::OwnFile => &[Always("path"), Always("what")],
            ErrorCode::Internal => &[Always("detail")],
        }
    }
}

/// An error as front ends receive it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[serde(into = "Wire")]
#[ts(as = "Wire")]
#[error("{message}")]
pub struct AppError {
    /// What went wrong, with its parameters (sent as `code` and `params`); boxed, so that a
    /// `Result` carrying an error stays small.
    pub kind: Box<ErrorKind>,
    pub message: String,
    /// The input field at fault, named as in the DTOs (`name`, `phone`).
    pub field: Option<String>,
    /// The row at fault, counted from 1, for errors about a file's rows.
    pub row: Option<u32>,
}

/// An [`AppError`] as it is sent: the code and its parameters as text. In the TypeScript
/// bindings `code` and `params` are typed together, code by code (see `crate::bindings`).
#[derive(Serialize, TS)]
struct Wire {
    #[ts(skip)]
    code: ErrorCode,
    message: String,
    /// The input field at fault, named as in the DTOs (`name`, `phone`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    field: Option<String>,
    /// The row at fault, counted from 1, for errors about a file's rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    row: Option<u32>,
    #[ts(skip)]
    params: BTreeMap<String, String>,
}

impl From<AppError> for Wire {
    fn from(e: AppError) -> Wire {
        Wire {
            code: e.kind.code(),
            params: e.kind.params(),
            message: e.message,
            field: e.field,
            row: e.row,
        }
    }
}

impl AppError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> AppError {
        AppError {
            kind: Box::new(kind),
            message: message.into(),
            field: None,
            row: None,
        }
    }

    pub fn with_field(mut self, field: &str) -> AppError {
        self.field = Some(field.to_owned());
        self
    }

    /// The stable code front ends receive.
    pub fn code(&self) -> ErrorCode {
        self.kind.code()
    }

    /// The parameters as front ends receive them (see [`ErrorKind::params`]).
    pub fn params(&self) -> BTreeMap<String, String> {
        self.kind.params()
    }

    pub fn not_found(id: &str) -> AppError {
        AppError::new(
            ErrorKind::NotFound { id: id.to_owned() },
            format!("no customer has the id {id}"),
        )
    }

    pub fn internal(detail: impl ToString) -> AppError {
        let detail = detail.to_string();
        AppError::new(
            ErrorKind::Internal {
                detail: detail.clone(),
            },
            format!("Carnet failed: {detail}"),
        )
    }

    /// The same error, naming `path` when it is a file's error that names none (a writer
    /// that failed partway knows why, not where it was writing to) or that names `partial`,
    /// the hidden file `path` was being written as.
    pub(crate) fn naming_file(mut self, path: &Path, partial: &Path) -> AppError {
        let shown = path.display().to_string();
        if let ErrorKind::FileError { path: named, .. } = self.kind.as_mut() {
            let hidden = partial.display().to_string();
            match named {
                None => {
                    self.message = format!("{shown}: {}", self.message);
                    *named = Some(shown);
                }
                Some(p) if *p == hidden => {
                    self.message = self.message.replace(&hidden, &shown);
                    *named = Some(shown);
                }
                Some(_) => {}
            }
        }
        self
    }

    /// A file that could not be opened or written, by path.
    pub(crate) fn file(path: &Path, err: impl std::fmt::Display) -> AppError {
        AppError::new(
            ErrorKind::FileError {
                path: Some(path.display().to_string()),
                format: None,
                detail: err.to_string(),
            },
            format!("{}: {err}", path.display()),
        )
    }
}

#[cfg(test)]
mod tests;
