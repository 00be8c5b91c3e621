//! What went wrong, typed: one variant per code, with that code's parameters.

use std::collections::BTreeMap;

use super::ErrorCode;

/// Which of the book's own files a path is (an `OwnFile` error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnFileKind {
    /// The book itself.
    Book,
    /// Its `-wal` or `-shm` log files.
    Sidecar,
    /// Its automatic backups folder.
    Backups,
}

impl OwnFileKind {
    /// The word front ends receive (`params.what`).
    pub fn code(self) -> &'static str {
        match self {
            OwnFileKind::Book => "book",
            OwnFileKind::Sidecar => "sidecar",
            OwnFileKind::Backups => "backups",
        }
    }
}

/// How big a sheet too big to read is (a `BadFile` error for a sheet past the caps).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SheetSize {
    pub rows: u64,
    pub columns: u64,
    /// The most cells Carnet reads.
    pub max: u64,
}

/// What went wrong, with what front ends say it from: one variant per [`ErrorCode`], holding
/// that code's `params` (see the code's documentation for what each means).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    Required,
    TooLong {
        max: usize,
    },
    InvalidPhone {
        value: String,
    },
    TooMany {
        max: usize,
    },
    InvalidEmail {
        value: String,
    },
    InvalidBudget {
        value: String,
    },
    InvalidDate {
        value: String,
    },
    InvalidNumber {
        value: String,
    },
    InvalidChoice {
        value: String,
        allowed: Vec<String>,
    },
    UnknownField {
        value: String,
    },
    SameCustomer {
        id: String,
    },
    PossibleDuplicate {
        id: String,
        name: String,
        phone: String,
        count: usize,
    },
    NotFound {
        id: String,
    },
    BookTooNew {
        found: u32,
        supported: u32,
    },
    NotABook {
        path: String,
    },
    NoDataDir {
        env: String,
    },
    Storage {
        detail: String,
        path: Option<String>,
    },
    BookNotEmpty {
        count: u64,
    },
    OwnBookNotTeam {
        count: u64,
    },
    PeriodBackwards {
        from: String,
        to: String,
    },
    UnfilledFields {
        fields: String,
    },
    TeamBookReadOnly,
    BadFile {
        format: String,
        detail: String,
        sheet: Option<SheetSize>,
    },
    FileTooLarge {
        size: u64,
        max: u64,
    },
    ArchiveBomb {
        size: u64,
        max: u64,
    },
    ExportTooNew {
        found: u32,
        supported: u32,
    },
    FileError {
        path: Option<String>,
        format: Option<String>,
        detail: String,
    },
    EmptyFile,
    Cancelled,
    NothingToImport {
        refused: u32,
        duplicate: u32,
    },
    DamagedBook {
        path: String,
        detail: String,
    },
    BackupGone {
        path: String,
    },
    BackupChanged {
        path: String,
    },
    BackupOtherKind {
        path: String,
    },
    BookHealthy {
        path: String,
    },
    ErasedCustomer {
        id: String,
    },
    OwnFile {
        path: String,
        what: OwnFileKind,
    },
    TooShort {
        min: usize,
    },
    Locked,
    WrongPassphrase,
    NoEncryption,
    BookInUse {
        path: String,
    },
    Internal {
        detail: String,
    },
}

impl ErrorKind {
    /// The stable code front ends receive.
    pub fn code(&self) -> ErrorCode {
        match self {
            ErrorKind::Required => ErrorCode::Required,
            ErrorKind::TooLong { .. } => ErrorCode::TooLong,
            ErrorKind::InvalidPhone { .. } => ErrorCode::InvalidPhone,
            ErrorKind::TooMany { .. } => ErrorCode::TooMany,
            ErrorKind::InvalidEmail { .. } => ErrorCode::InvalidEmail,
            ErrorKind::InvalidBudget { .. } => ErrorCode::InvalidBudget,
            ErrorKind::InvalidDate { .. } => ErrorCode::InvalidDate,
            ErrorKind::InvalidNumber { .. } => ErrorCode::InvalidNumber,
            ErrorKind::InvalidChoice { .. } => ErrorCode::InvalidChoice,
            ErrorKind::UnknownField { .. } => ErrorCode::UnknownField,
            ErrorKind::SameCustomer { .. } => ErrorCode::SameCustomer,
            ErrorKind::PossibleDuplicate { .. } => ErrorCode::PossibleDuplicate,
            ErrorKind::NotFound { .. } => ErrorCode::NotFound,
            ErrorKind::BookTooNew { .. } => ErrorCode::BookTooNew,
            ErrorKind::NotABook { .. } => ErrorCode::NotABook,
            ErrorKind::NoDataDir { .. } => ErrorCode::NoDataDir,
            ErrorKind::Storage { .. } => ErrorCode::Storage,
            ErrorKind::BookNotEmpty { .. } => ErrorCode::BookNotEmpty,
            ErrorKind::OwnBookNotTeam { .. } => ErrorCode::OwnBookNotTeam,
            ErrorKind::PeriodBackwards { .. } => ErrorCode::PeriodBackwards,
            ErrorKind::UnfilledFields { .. } => ErrorCode::UnfilledFields,
            ErrorKind::TeamBookReadOnly => ErrorCode::TeamBookReadOnly,
            ErrorKind::BadFile { .. } => ErrorCode::BadFile,
            ErrorKind::FileTooLarge { .. } => ErrorCode::FileTooLarge,
            ErrorKind::ArchiveBomb { .. } => ErrorCode::ArchiveBomb,
            ErrorKind::ExportTooNew { .. } => ErrorCode::ExportTooNew,
            ErrorKind::FileError { .. } => ErrorCode::FileError,
            ErrorKind::EmptyFile => ErrorCode::EmptyFile,
            ErrorKind::Cancelled => ErrorCode::Cancelled,
            ErrorKind::NothingToImport { .. } => ErrorCode::NothingToImport,
            ErrorKind::DamagedBook { .. } => ErrorCode::DamagedBook,
            ErrorKind::BackupGone { .. } => ErrorCode::BackupGone,
            ErrorKind::BackupChanged { .. } => ErrorCode::BackupChanged,
            ErrorKind::BackupOtherKind { .. } => ErrorCode::BackupOtherKind,
            ErrorKind::BookHealthy { .. } => ErrorCode::BookHealthy,
            ErrorKind::ErasedCustomer { .. } => ErrorCode::ErasedCustomer,
            ErrorKind::OwnFile { .. } => ErrorCode::OwnFile,
            ErrorKind::TooShort { .. } => ErrorCode::TooShort,
            ErrorKind::Locked => ErrorCode::Locked,
            ErrorKind::WrongPassphrase => ErrorCode::WrongPassphrase,
            ErrorKind::NoEncryption => ErrorCode::NoEncryption,
            ErrorKind::BookInUse { .. } => ErrorCode::BookInUse,
            ErrorKind::Internal { .. } => ErrorCode::Internal,
        }
    }

    /// The parameters as front ends receive them: by name, each as text (a list of allowed
    /// codes comma-separated).
    pub fn params(&self) -> BTreeMap<String, String> {
        let mut params = Params::default();
        match self {
            ErrorKind::Required
            | ErrorKind::EmptyFile
            | ErrorKind::Cancelled
            | ErrorKind::TeamBookReadOnly
            | ErrorKind::Locked
            | ErrorKind::WrongPassphrase
            | ErrorKind::NoEncryption => {}
            ErrorKind::TooShort { min } => params.put("min", min),
            ErrorKind::TooLong { max } | ErrorKind::TooMany { max } => params.put("max", max),
            ErrorKind::InvalidPhone { value }
            | ErrorKind::InvalidEmail { value }
            | ErrorKind::InvalidBudget { value }
            | ErrorKind::InvalidDate { value }
            | ErrorKind::InvalidNumber { value }
            | ErrorKind::UnknownField { value } => params.put("value", value),
            ErrorKind::InvalidChoice { value, allowed } => {
                params.put("value", value);
                params.put("allowed", allowed.join(","));
            }
            ErrorKind::SameCustomer { id }
            | ErrorKind::NotFound { id }
            | ErrorKind::ErasedCustomer { id } => params.put("id", id),
            ErrorKind::PossibleDuplicate {
                id,
                name,
                phone,
                count,
            } => {
                params.put("id", id);
                params.put("name", name);
                params.put("phone", phone);
                params.put("count", count);
            }
            ErrorKind::BookTooNew { found, supported }
            | ErrorKind::ExportTooNew { found, supported } => {
                params.put("found", found);
                params.put("supported", supported);
            }
            ErrorKind::NotABook { path }
            | ErrorKind::BackupGone { path }
            | ErrorKind::BackupChanged { path }
            | ErrorKind::BackupOtherKind { path }
            | ErrorKind::BookHealthy { path }
            | ErrorKind::BookInUse { path } => params.put("path", path),
            ErrorKind::NoDataDir { env } => params.put("env", env),
            ErrorKind::Storage { detail, path } => {
                params.put("detail", detail);
                params.put_some("path", path.as_ref());
            }
            ErrorKind::BookNotEmpty { count } | ErrorKind::OwnBookNotTeam { count } => {
                params.put("count", count)
            }
            ErrorKind::PeriodBackwards { from, to } => {
                params.put("from", from);
                params.put("to", to);
            }
            ErrorKind::UnfilledFields { fields } => params.put("fields", fields),
            ErrorKind::BadFile {
                format,
                detail,
                sheet,
            } => {
                params.put("format", format);
                params.put("detail", detail);
                if let Some(sheet) = sheet {
                    params.put("rows", sheet.rows);
                    params.put("columns", sheet.columns);
                    params.put("max", sheet.max);
                }
            }
            ErrorKind::FileTooLarge { size, max } | ErrorKind::ArchiveBomb { size, max } => {
                params.put("size", size);
                params.put("max", max);
            }
            ErrorKind::FileError {
                path,
                format,
                detail,
            } => {
                params.put_some("path", path.as_ref());
                params.put_some("format", format.as_ref());
                params.put("detail", detail);
            }
            ErrorKind::NothingToImport { refused, duplicate } => {
                params.put("refused", refused);
                params.put("duplicate", duplicate);
            }
            ErrorKind::DamagedBook { path, detail } => {
                params.put("path", path);
                params.put("detail", detail);
            }
            ErrorKind::OwnFile { path, what } => {
                params.put("path", path);
                params.put("what", what.code());
            }
            ErrorKind::Internal { detail } => params.put("detail", detail),
        }
        params.0
    }
}

/// The parameters of an error, as they are sent.
#[derive(Default)]
struct Params(BTreeMap<String, String>);

impl Params {
    fn put(&mut self, name: &str, value: impl ToString) {
        self.0.insert(name.to_owned(), value.to_string());
    }

    fn put_some(&mut self, name: &str, value: Option<impl ToString>) {
        if let Some(value) = value {
            self.put(name, value);
        }
    }
}
