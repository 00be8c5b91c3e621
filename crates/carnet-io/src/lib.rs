//! Carnet's file formats, over carnet-core's types and without SQL.
//!
//! Reading is split in two: a *reader* turns an untrusted file (a sheet, a CSV in whatever
//! encoding, a phone's vCards, a Carnet JSON export) into a [`Table`] of text cells or a
//! [`json_export::JsonExport`]; [`mapping`] then turns a table's rows into profile drafts.
//! Loading those into a book (duplicates, the transaction, undo) is carnet-app's job. Writing
//! is [`export`] (rows of a book as xlsx or CSV) and [`json_export::write`].
//!
//! Every reader is bounded: files over [`MAX_FILE_BYTES`] and archives that would unpack to
//! more than [`MAX_UNPACKED_BYTES`] are refused before they are read, a sheet reaching past
//! [`MAX_SHEET_ROWS`] rows or [`MAX_SHEET_COLUMNS`] columns, or needing more than
//! [`MAX_SHEET_CELLS`] cells or [`MAX_SHEET_TEXT`] bytes of text, is refused before its grid
//! is allocated, and a panic inside a reader is caught here and reported as a bad file.
//!
//! The feature `unguarded` (for the fuzz targets and the corpus replay only; the app never
//! enables it, so a call from the app would not build) adds [`read_bytes_unguarded`], which
//! lets a panic in Carnet's own reading code through instead of turning it into a bad-file
//! error, so that a fuzzer or a test sees it, and [`fuzzing`], the harnesses both share.

pub mod catalogue;
pub mod export;
#[cfg(feature = "unguarded")]
pub mod fuzzing;
pub mod json_export;
pub mod labels;
pub mod mapping;
mod read;
pub mod text;
pub mod vcard;

#[cfg(feature = "unguarded")]
pub use read::read_bytes_unguarded;
pub use read::{
    Format, MAX_FILE_BYTES, MAX_SHEET_CELLS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, MAX_SHEET_TEXT,
    MAX_UNPACKED_BYTES, Source, Table, read_bytes, read_file,
};

/// Why a file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum IoError {
    #[error("the file is {size} bytes; Carnet reads files up to {max} bytes")]
    TooLarge { size: u64, max: u64 },
    #[error("the archive would unpack to {size} bytes or more; Carnet refuses more than {max}")]
    Bomb { size: u64, max: u64 },
    #[error("not a readable {format} file: {reason}")]
    BadFile {
        format: &'static str,
        reason: String,
    },
    /// A sheet that spans more than Carnet reads (counted before its grid is allocated):
    /// `rows` and `columns` as far as the file was read when it went over.
    #[error(
        "the {format} sheet spans {rows} rows and {columns} columns or more; Carnet reads sheets of \
         up to {max} cells, {max_rows} rows and {max_columns} columns",
        max_rows = MAX_SHEET_ROWS,
        max_columns = MAX_SHEET_COLUMNS
    )]
    TooManyCells {
        format: &'static str,
        rows: u64,
        columns: u64,
        max: u64,
    },
    #[error("the file holds no rows")]
    Empty,
    #[error("this Carnet export has version {found}; this Carnet reads up to {supported}")]
    NewerExport { found: u32, supported: u32 },
    #[error("file error at {path}: {source}")]
    File {
        path: String,
        source: std::io::Error,
    },
    #[error("could not write the {format} file: {reason}")]
    Write {
        format: &'static str,
        reason: String,
    },
}

impl IoError {
    pub(crate) fn bad(format: &'static str, reason: impl std::fmt::Display) -> IoError {
        IoError::BadFile {
            format,
            reason: reason.to_string(),
        }
    }
}

/// Whether a reader's own code runs under the panic guard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Guard {
    /// The app: a panic anywhere in a reader becomes [`IoError::BadFile`].
    Catch,
    /// The fuzz targets and the corpus replay (feature `unguarded`): a panic in Carnet's own
    /// code goes through. Panics inside a parsing library are still caught ([`library`]).
    #[cfg_attr(not(any(test, feature = "unguarded")), allow(dead_code))]
    PassThrough,
}

/// Runs a reader on untrusted bytes; under [`Guard::Catch`] a panic inside it becomes a
/// bad-file error instead of taking the app down.
pub(crate) fn guarded<T>(
    guard: Guard,
    format: &'static str,
    parse: impl FnOnce() -> Result<T, IoError>,
) -> Result<T, IoError> {
    match guard {
        Guard::Catch => catch(format, parse),
        Guard::PassThrough => parse(),
    }
}

/// Calls into a parsing library (calamine, cfb): a panic in it is a bad file however the
/// reader is run, since it is not Carnet's code to fix.
pub(crate) fn library<T>(format: &'static str, call: impl FnOnce() -> T) -> Result<T, IoError> {
    #[cfg(feature = "unguarded")]
    let _scope = fuzzing::LibraryScope::enter();
    catch(format, || Ok(call()))
}

fn catch<T>(
    format: &'static str,
    parse: impl FnOnce() -> Result<T, IoError>,
) -> Result<T, IoError> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(parse)) {
        Ok(result) => result,
        Err(panic) => {
            let reason = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "the reader failed".to_owned());
            Err(IoError::bad(format, format!("the reader failed: {reason}")))
        }
    }
}
