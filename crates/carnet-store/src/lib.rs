//! All of Carnet's SQL. One place opens the book; the migration runner brings it up to date;
//! the unit of work (`unit.rs`) is the one place a write begins.
//!
//! Layers, each importing only the ones below it (`tests/module_graph.rs` holds this):
//! - leaves: `codec` (how values are written as text), `rows` (reading rows, writing many),
//!   `cipher`, `clock`, `files`, `migrations`;
//! - `tables::*`: one module per table (or per table and its own lists), touching that table;
//! - `ops::*`: what writes or reads several tables (a customer with their search entry,
//!   merge, erase, an import, the prompt refresh …), calling the table modules;
//! - `unit` (the unit of work) and `backup` (whole copies of the book);
//! - this file: opening the book, and the re-exports.

mod backup;
pub mod cipher;
mod clock;
mod codec;
mod compare;
pub mod files;
pub mod migrations;
mod ops;
mod rows;
mod tables;
mod unit;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use backup::{
    BackupFile, BookSummary, CopyMade, HeldBook, Rekeyed, backup_file_name, backups_to_keep,
    inspect_backup, inspect_copy, list_backups, parse_backup_name, prune_backups, replace_book,
};
pub use cipher::{FileKind, Passphrase};
pub use compare::prompt_state;
pub use migrations::{MIGRATIONS, Migration};
pub use ops::erase::erase_from_backup;
pub use ops::histories::{CustomerHistory, Histories};
pub use ops::import::{Fill, ImportPlan, ImportRecord, NewCustomer, UndoneImport};
pub use ops::reports::{AppointmentRow, BookRow, LoggedPrompt, LostRow, SaleRow, ValueRow};
pub use ops::team::{BookKind, SharedRow, TEAM_BOOK_SETTING};
pub use ops::today_plan::{LATE, PlanPrompt, PlannedGroup, PlannedPrompt, TODAY_PLAN_DAY};
/// SQLite's error codes, for front ends that tell a damaged book from other failures.
pub use rusqlite::ErrorCode as rusqlite_code;
pub use tables::customer_search::Order;
pub use tables::customers::DuplicateIndex;
pub use tables::prompts::DuePrompt;
pub use tables::standing::Placing;
pub use tables::today_plan::PlanEntry;
pub use unit::{CacheSize, Write};

/// How long a statement waits for a lock held by another connection (a CLI run beside the
/// app) before it gives up.
pub(crate) const BUSY_TIMEOUT_MS: u32 = 5_000;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "this book was written by a newer Carnet (schema {found}, this one knows up to {supported})"
    )]
    NewerBook { found: u32, supported: u32 },
    #[error("{path} is not a Carnet book")]
    NotABook { path: PathBuf },
    #[error("migration {version} ({name}) failed: {source}")]
    Migration {
        version: u32,
        name: &'static str,
        source: rusqlite::Error,
    },
    #[error("backup to {path} failed: {source}")]
    Backup {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("file error at {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is damaged: {}", problems.join("; "))]
    Damaged {
        path: PathBuf,
        problems: Vec<String>,
    },
    #[error("stopped before the end; nothing was written")]
    Cancelled,
    #[error("a write began inside another (a store method must run in the caller's unit of work)")]
    NestedTransaction,
    #[error("the backup {path} is no longer there")]
    BackupGone { path: PathBuf },
    #[error("the backup {path} changed while it was being restored")]
    BackupChanged { path: PathBuf },
    #[error("the backup {path} is of another kind of book (a team book's or a consultant's own)")]
    BackupOtherKind { path: PathBuf },
    #[error("the book {path} is whole; it is not replaced")]
    Healthy { path: PathBuf },
    #[error("{path} is encrypted: its passphrase is needed to open it")]
    Locked { path: PathBuf },
    #[error("the passphrase does not open {path}")]
    WrongPassphrase { path: PathBuf },
    #[error("{path} is open in another Carnet; close it first")]
    InUse { path: PathBuf },
    #[error("this Carnet was built without encryption (SQLCipher)")]
    NoEncryption,
    #[error("a stored value is unreadable: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

/// The book: one SQLite connection with the settings Carnet relies on.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    /// The book's file, held open until after `conn` closes (declared after it, so dropped
    /// after it): the book is never opened and closed beside SQLite (see `files::held`).
    held: Option<files::HeldFile>,
    path: Option<PathBuf>,
    backup_dir: Option<PathBuf>,
    /// The passphrase the book is encrypted with (`None`: a plain book). Connections of its
    /// own (the background checkpoint) and its backups are keyed with it.
    key: Option<Passphrase>,
    /// The checkpoint running on a thread of its own, if any: the book is not closed before
    /// it ends (see `checkpoint_in_background`).
    checkpoint: std::sync::Mutex<Option<std::thread::JoinHandle<()>>>,
    /// What the book's stamps (created, updated, trashed … at) and the backups' names and
    /// rotation are read from: the system's clock, or the one the app was given.
    clock: clock::Clock,
    /// How many rows the last report's read of the book gave: the next one's list is made
    /// that big at once (grown row by row, 100,000 rows were copied over and over).
    book_rows_read: std::sync::atomic::AtomicUsize,
}

impl Drop for Store {
    fn drop(&mut self) {
        self.wait_for_checkpoint();
    }
}

impl Store {
    /// Opens (or creates) the book at `path`. Backups go to a `backups` folder beside it.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        Store::open_keyed(path.as_ref(), None)
    }

    /// Opens the book at `path` as [`Store::open`] does, with its passphrase when it is
    /// encrypted (a new book given one is created encrypted). An encrypted book is refused
    /// with [`StoreError::Locked`] without a passphrase and [`StoreError::WrongPassphrase`]
    /// with another one, before anything is written: its bytes stay as they were.
    pub fn open_keyed(path: &Path, key: Option<&Passphrase>) -> Result<Store, StoreError> {
        Store::open_at(path, &default_backup_dir(path), MIGRATIONS, key, None)
    }

    /// A throwaway book in memory, fully migrated; for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        cipher::ready();
        Store::unattached(Connection::open_in_memory()?)
    }

    /// A store over `conn`, configured and migrated, with no path of its own and so no
    /// backups: a book in memory, or a staging copy being restored.
    fn unattached(mut conn: Connection) -> Result<Store, StoreError> {
        configure(&conn)?;
        migrations::apply(&mut conn, MIGRATIONS)?;
        let store = Store {
            conn,
            held: None,
            path: None,
            backup_dir: None,
            key: None,
            checkpoint: std::sync::Mutex::new(None),
            book_rows_read: std::sync::atomic::AtomicUsize::new(0),
            clock: clock::Clock::default(),
        };
        store.ensure_search_index()?;
        store.ensure_standings()?;
        Ok(store)
    }

    /// Opens the book at `path` with an explicit backups folder and migration list.
    ///
    /// A book written by a newer Carnet is refused before anything can write to it, so its
    /// bytes stay as they were. A book that needs migrating is first copied, with SQLite's
    /// online backup, into `backup_dir`.
    pub fn open_with(
        path: &Path,
        backup_dir: &Path,
        migrations: &[Migration],
    ) -> Result<Store, StoreError> {
        Store::open_at(path, backup_dir, migrations, None, None)
    }

    /// `known`: the book's version when the caller has just read it (so an encrypted book's
    /// key is not derived once more to read it again).
    fn open_at(
        path: &Path,
        backup_dir: &Path,
        migrations: &[Migration],
        key: Option<&Passphrase>,
        known: Option<Option<u32>>,
    ) -> Result<Store, StoreError> {
        let supported = migrations::latest_version(migrations);
        let key = cipher::key_for(path, key)?;
        let existing = match known {
            Some(version) => version,
            None => existing_version(path, key)?,
        };
        if let Some(found) = existing
            && found > supported
        {
            return Err(StoreError::NewerBook { found, supported });
        }
        if let Some(dir) = path.parent() {
            files::create_private_dir_all(dir)?;
        }
        // Held from before SQLite opens it (see `files::held`); created (or kept) readable by
        // its owner only, and SQLite gives its -wal and -shm files the book's own mode.
        let held = files::hold(path, true)?;
        files::restrict_file(path)?;
        for side in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{side}", path.display()));
            if side.exists() {
                files::restrict_file(&side)?;
            }
        }
        cipher::ready();
        let mut conn = Connection::open(path)?;
        cipher::apply_key(&conn, key)?;
        configure(&conn)?;
        let current = migrations::user_version(&conn)?;
        if current > 0 && current < supported {
            let dest = backup_dir.join(backup_file_name(&format!("before-migration-v{current}")));
            backup::copy_to(&conn, key, &dest, backup::ReadBack::No)?;
            tracing::info!(backup = %dest.display(), from = current, to = supported, "backed up before migrating");
        }
        // A team book whose build was stopped before its end has indexes set aside, which a
        // migration may change: they are made again first.
        let version = migrations::apply_after(&mut conn, migrations, |tx, from| {
            if from >= tables::settings::SINCE_VERSION {
                ops::team::restore_left_aside(tx)?;
            }
            Ok(())
        })?;
        let store = Store {
            conn,
            held: Some(held),
            path: Some(path.to_owned()),
            backup_dir: Some(backup_dir.to_owned()),
            key: key.cloned(),
            checkpoint: std::sync::Mutex::new(None),
            book_rows_read: std::sync::atomic::AtomicUsize::new(0),
            clock: clock::Clock::default(),
        };
        if version >= tables::customer_search::SINCE_VERSION {
            store.ensure_search_index()?;
            store.ensure_standings()?;
        }
        Ok(store)
    }

    /// A copy of a backup being made ready for a restore: brought up to date without a backup
    /// of its own (it is one) and with nowhere to put backups.
    pub(crate) fn open_staging(path: &Path, key: Option<&Passphrase>) -> Result<Store, StoreError> {
        cipher::ready();
        let conn = Connection::open(path)?;
        cipher::apply_key(&conn, key)?;
        let mut store = Store::unattached(conn)?;
        store.key = key.cloned();
        Ok(store)
    }

    /// Opens the book at `path` as [`Store::open`] does, after checking it with
    /// `PRAGMA quick_check` (a second or so for 100,000 customers): what the desktop app does
    /// at start, so that a damaged book is found before anything is written to it.
    pub fn open_checked(path: &Path, key: Option<&Passphrase>) -> Result<Store, StoreError> {
        let key = cipher::key_for(path, key)?;
        let mut known = None;
        if let Some((version, conn)) = read_version(path, key)? {
            known = Some(version);
            if version > 0 {
                let problems = backup::quick_check(&conn)?;
                if !problems.is_empty() {
                    return Err(StoreError::Damaged {
                        path: path.to_owned(),
                        problems,
                    });
                }
            }
        }
        Store::open_at(
            path,
            &default_backup_dir(path),
            MIGRATIONS,
            key,
            Some(known),
        )
    }

    /// Opens the book at `path` as [`Store::open_keyed`] does, checking it first only when it
    /// is to be migrated (a damaged book is never migrated): the desktop app's start, which
    /// checks it with [`check_file`] once the first screen is shown.
    pub fn open_unchecked_unless_migrating(
        path: &Path,
        key: Option<&Passphrase>,
    ) -> Result<Store, StoreError> {
        let key = cipher::key_for(path, key)?;
        let latest = migrations::latest_version(MIGRATIONS);
        let known = existing_version(path, key)?;
        if known.is_some_and(|v| v > 0 && v < latest) {
            return Store::open_checked(path, key);
        }
        Store::open_at(
            path,
            &default_backup_dir(path),
            MIGRATIONS,
            key,
            Some(known),
        )
    }

    /// Whether the book is encrypted (it has a passphrase).
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// The passphrase the book was opened with (`None` for a plain book): what its backups
    /// are read with.
    pub fn key(&self) -> Option<&Passphrase> {
        self.key.as_ref()
    }

    /// Where the book lives on disk (`None` for an in-memory book).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The folder where automatic backups are kept (`None` for an in-memory book).
    pub fn backup_dir(&self) -> Option<&Path> {
        self.backup_dir.as_deref()
    }

    /// Stamps times with `clock` (the consultant's local time, as the app reads it) instead
    /// of the system's clock from now on: what the app does when it is given a clock of its
    /// own, so that every time the book records is the app's.
    pub fn set_clock(&mut self, clock: fn() -> chrono::NaiveDateTime) {
        self.clock = clock::Clock::local(clock);
    }

    /// The clock the book's times are stamped with.
    pub(crate) fn clock(&self) -> clock::Clock {
        self.clock
    }
}

/// Checks the book at `path` with `PRAGMA quick_check` (a second or so for 100,000
/// customers) on a read-only connection of its own, which neither waits for nor holds up
/// the book's own connection; a book with problems is `Damaged`. No book yet passes.
pub fn check_file(path: &Path, key: Option<&Passphrase>) -> Result<(), StoreError> {
    if let Some((version, conn)) = read_version(path, key)?
        && version > 0
    {
        let problems = backup::quick_check(&conn)?;
        if !problems.is_empty() {
            return Err(StoreError::Damaged {
                path: path.to_owned(),
                problems,
            });
        }
    }
    Ok(())
}

/// Reads `user_version` of an existing book through a read-only connection, which cannot
/// rewrite the header. `None` when there is no book yet (no file, or an empty one). An SQLite
/// file at version 0 that already has tables belongs to something else: it is not a book.
///
/// An encrypted file is read with `key`: without one, or with another, it is refused as
/// locked or as the wrong passphrase.
pub(crate) fn existing_version(
    path: &Path,
    key: Option<&Passphrase>,
) -> Result<Option<u32>, StoreError> {
    Ok(read_version(path, key)?.map(|(version, _)| version))
}

/// [`existing_version`] with the read-only connection it read it through, for a check that
/// follows (an encrypted book's key is derived once, not again: it takes a good part of a
/// second).
fn read_version(
    path: &Path,
    key: Option<&Passphrase>,
) -> Result<Option<(u32, Connection)>, StoreError> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > 0 => {}
        Ok(_) => return Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(StoreError::Io {
                path: path.to_owned(),
                source,
            });
        }
    }
    let encrypted = cipher::file_kind(path)? == FileKind::Encrypted;
    let not_a_book = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) if encrypted => cipher::refused(path, key),
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotABook {
            path: path.to_owned(),
        },
        _ => StoreError::Sqlite(e),
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(not_a_book)?;
    cipher::apply_key(&conn, key)?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(not_a_book)?;
    if version == 0 {
        let objects: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))
            .map_err(not_a_book)?;
        if objects > 0 {
            return Err(StoreError::NotABook {
                path: path.to_owned(),
            });
        }
    }
    Ok(Some((u32::try_from(version).unwrap_or(u32::MAX), conn)))
}

/// The automatic backups folder of the book at `path`: `backups` beside it.
pub fn default_backup_dir(path: &Path) -> PathBuf {
    path.parent()
        .map_or_else(|| PathBuf::from("backups"), |dir| dir.join("backups"))
}

/// Pages the log may hold before a commit copies it into the book (SQLite's default).
pub(crate) const WAL_AUTOCHECKPOINT: i64 = 1000;

pub(crate) fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.busy_timeout(std::time::Duration::from_millis(u64::from(BUSY_TIMEOUT_MS)))?;
    // journal_mode answers with the mode it set; an in-memory book stays "memory".
    let _mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "wal_autocheckpoint", WAL_AUTOCHECKPOINT)?;
    // Erased customers are overwritten with zeros, not left in free pages.
    conn.pragma_update(None, "secure_delete", "ON")?;
    // A big import or export keeps its pages in memory instead of spilling them (KiB).
    conn.pragma_update(None, "cache_size", -65_536)?;
    // Statement journals and temporary tables stay in memory.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // Every statement of an import stays prepared (the default 16 re-parses them per row).
    // Per-customer reads compare with `+?1`, not `?1`: where the index on (customer_id, …)
    // also serves the ORDER BY, a bare parameter makes SQLite re-prepare the statement each
    // time rusqlite's cache clears its bindings.
    conn.set_prepared_statement_cache_capacity(128);
    Ok(())
}

#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
