//! All of Carnet's SQL. One place opens the book; the migration runner brings it up to date;
//! one module per table holds that table's queries.

mod backup;
mod customer_search;
mod customers;
mod erase;
mod family_members;
pub mod files;
mod imports;
mod interactions;
mod key_fact_changes;
mod level_changes;
pub mod migrations;
mod profile_lists;
mod prompts;
mod settings;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use backup::{
    BackupFile, BookSummary, HeldBook, backup_file_name, backups_to_keep, inspect_book,
    list_backups, parse_backup_name, prune_backups, replace_book,
};
pub use customers::{DuplicateIndex, Order};
pub use erase::erase_from_backup;
pub use family_members::FamilyMember;
pub use imports::{Fill, ImportPlan, ImportRecord, NewCustomer, UndoneImport};
pub use interactions::{Interaction, SaleDetails};
pub use key_fact_changes::KeyFactChange;
pub use level_changes::LevelChange;
pub use migrations::{MIGRATIONS, Migration};

pub use prompts::{DuePrompt, HandledPrompt, PromptAction};
/// SQLite's error codes, for front ends that tell a damaged book from other failures.
pub use rusqlite::ErrorCode as rusqlite_code;

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
    #[error("the book {path} is whole; it is not replaced")]
    Healthy { path: PathBuf },
    #[error("a stored value is unreadable: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

/// The book: one SQLite connection with the settings Carnet relies on.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    backup_dir: Option<PathBuf>,
    /// The checkpoint running on a thread of its own, if any: the book is not closed before
    /// it ends (see `checkpoint_in_background`).
    checkpoint: std::sync::Mutex<Option<std::thread::JoinHandle<()>>>,
}

impl Drop for Store {
    fn drop(&mut self) {
        self.wait_for_checkpoint();
    }
}

impl Store {
    /// Opens (or creates) the book at `path`. Backups go to a `backups` folder beside it.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref();
        let backup_dir = path
            .parent()
            .map_or_else(|| PathBuf::from("backups"), |dir| dir.join("backups"));
        Store::open_with(path, &backup_dir, MIGRATIONS)
    }

    /// A throwaway book in memory, fully migrated; for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        migrations::apply(&mut conn, MIGRATIONS)?;
        let store = Store {
            conn,
            path: None,
            backup_dir: None,
            checkpoint: std::sync::Mutex::new(None),
        };
        store.ensure_search_index()?;
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
        let supported = migrations::latest_version(migrations);
        let existing = existing_version(path)?;
        if let Some(found) = existing
            && found > supported
        {
            return Err(StoreError::NewerBook { found, supported });
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.to_owned(),
                source,
            })?;
        }
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        let current = migrations::user_version(&conn)?;
        if current > 0 && current < supported {
            let dest = backup_dir.join(backup_file_name(&format!("before-migration-v{current}")));
            backup::copy_to(&conn, &dest)?;
            tracing::info!(backup = %dest.display(), from = current, to = supported, "backed up before migrating");
        }
        let version = migrations::apply(&mut conn, migrations)?;
        let store = Store {
            conn,
            path: Some(path.to_owned()),
            backup_dir: Some(backup_dir.to_owned()),
            checkpoint: std::sync::Mutex::new(None),
        };
        if version >= customer_search::SINCE_VERSION {
            store.ensure_search_index()?;
        }
        Ok(store)
    }

    /// A copy of a backup being made ready for a restore: brought up to date without a backup
    /// of its own (it is one) and with nowhere to put backups.
    pub(crate) fn open_staging(path: &Path) -> Result<Store, StoreError> {
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        migrations::apply(&mut conn, MIGRATIONS)?;
        let store = Store {
            conn,
            path: None,
            backup_dir: None,
            checkpoint: std::sync::Mutex::new(None),
        };
        store.ensure_search_index()?;
        Ok(store)
    }

    /// Opens the book at `path` as [`Store::open`] does, after checking it with
    /// `PRAGMA quick_check` (a second or so for 100,000 customers): what the desktop app does
    /// at start, so that a damaged book is found before anything is written to it.
    pub fn open_checked(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref();
        if existing_version(path)?.is_some_and(|v| v > 0) {
            let conn = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            let problems = backup::quick_check(&conn)?;
            if !problems.is_empty() {
                return Err(StoreError::Damaged {
                    path: path.to_owned(),
                    problems,
                });
            }
        }
        Store::open(path)
    }

    /// Where the book lives on disk (`None` for an in-memory book).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The folder where automatic backups are kept (`None` for an in-memory book).
    pub fn backup_dir(&self) -> Option<&Path> {
        self.backup_dir.as_deref()
    }

    /// Copies the log into the book (a checkpoint that waits for no reader or writer) on a
    /// thread of its own, through a connection of its own: after a write so big that copying
    /// it would keep the consultant waiting. A process that ends first leaves the log to the
    /// next checkpoint; nothing is lost either way.
    pub(crate) fn checkpoint_in_background(&self) {
        let Some(path) = self.path.clone() else {
            return;
        };
        self.wait_for_checkpoint();
        let running = std::thread::spawn(move || {
            let done =
                Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)
                    .and_then(|conn| {
                        conn.busy_timeout(std::time::Duration::from_millis(u64::from(
                            BUSY_TIMEOUT_MS,
                        )))?;
                        conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
                    });
            match done {
                Ok(()) => tracing::debug!(book = %path.display(), "checkpointed"),
                Err(e) => tracing::warn!(book = %path.display(), error = %e, "checkpoint failed"),
            }
        });
        *self.lock_checkpoint() = Some(running);
    }

    fn lock_checkpoint(&self) -> std::sync::MutexGuard<'_, Option<std::thread::JoinHandle<()>>> {
        self.checkpoint.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits for the checkpoint running on its own thread, if any.
    pub fn wait_for_checkpoint(&self) {
        if let Some(running) = self.lock_checkpoint().take() {
            let _ = running.join();
        }
    }

    /// The unit of work: runs `f` inside one write transaction and commits once, when `f`
    /// returns `Ok`; anything else (an error, a cancel, a panic) leaves the book as it was.
    /// Every use case that changes the book calls this once, so its writes and the prompt
    /// refresh they cause are one commit: a crash never leaves half of them. This is the only
    /// place a write transaction begins; the methods of [`Write`] never begin their own.
    ///
    /// The write lock is taken at the start (`BEGIN IMMEDIATE`), so a CLI run beside the app
    /// waits its turn (up to the busy timeout) instead of failing halfway through.
    pub fn write<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&Write<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        if !self.conn.is_autocommit() {
            return Err(StoreError::NestedTransaction.into());
        }
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(StoreError::from)?;
        let open = OpenTransaction(&self.conn);
        let write = Write {
            store: self,
            defer_checkpoint: std::cell::Cell::new(false),
        };
        let out = f(&write)?;
        if write.defer_checkpoint.get() {
            self.conn
                .pragma_update(None, "wal_autocheckpoint", 0)
                .map_err(StoreError::from)?;
            let committed = open.commit();
            self.conn
                .pragma_update(None, "wal_autocheckpoint", WAL_AUTOCHECKPOINT)
                .map_err(StoreError::from)?;
            committed.map_err(StoreError::from)?;
            self.checkpoint_in_background();
        } else {
            open.commit().map_err(StoreError::from)?;
        }
        Ok(out)
    }

    /// Runs `f` inside one read transaction: its many small reads (an import's duplicate
    /// checks, a row each) see one state of the book and take the book's read lock once
    /// instead of once each. Nothing is written.
    pub fn read<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, E>,
    ) -> Result<T, E> {
        if !self.conn.is_autocommit() {
            return Err(StoreError::NestedTransaction.into());
        }
        self.conn.execute_batch("BEGIN").map_err(StoreError::from)?;
        let _open = OpenTransaction(&self.conn);
        f(self)
    }

    /// Runs `f` with a page cache of `mib` MiB instead of the usual 64: for a big import,
    /// whose pages pass through the cache once.
    pub fn with_cache<T, E: From<StoreError>>(
        &self,
        mib: i64,
        f: impl FnOnce(&Store) -> Result<T, E>,
    ) -> Result<T, E> {
        let cache: i64 = self
            .conn
            .query_row("PRAGMA cache_size", [], |r| r.get(0))
            .map_err(StoreError::from)?;
        self.conn
            .pragma_update(None, "cache_size", -mib * 1024)
            .map_err(StoreError::from)?;
        let out = f(self);
        self.conn
            .pragma_update(None, "cache_size", cache)
            .map_err(StoreError::from)?;
        out
    }

    /// A mark that changes whenever the book does (a write here, or a commit by another
    /// connection): two equal marks mean nothing changed in between.
    pub fn change_mark(&self) -> Result<(i64, i64), StoreError> {
        Ok(self.conn.query_row(
            "SELECT total_changes(), (SELECT data_version FROM pragma_data_version())",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// The schema version of the open book.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        migrations::user_version(&self.conn)
    }
}

/// A write in progress: what [`Store::write`] hands its closure. Every method that changes
/// the book is a method of `Write`, so it can only run inside a unit of work; reads are the
/// [`Store`]'s, through `Deref`, and see the writes made so far.
pub struct Write<'s> {
    store: &'s Store,
    /// Whether the log is copied into the book on a thread of its own after the commit.
    defer_checkpoint: std::cell::Cell<bool>,
}

impl std::ops::Deref for Write<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        self.store
    }
}

impl Write<'_> {
    /// The connection, inside the transaction.
    pub(crate) fn conn(&self) -> &Connection {
        &self.store.conn
    }

    /// After a write so big that copying it from the log into the book would keep the
    /// consultant waiting (an import): the commit leaves the copy (a checkpoint) to a thread
    /// of its own. The write is safe on disk once committed either way.
    pub(crate) fn defer_checkpoint(&self) {
        self.defer_checkpoint.set(self.store.path.is_some());
    }
}

/// A transaction begun on `conn`: rolled back when dropped uncommitted (an error, or a panic
/// unwinding through the unit of work).
pub(crate) struct OpenTransaction<'c>(pub(crate) &'c Connection);

impl OpenTransaction<'_> {
    fn commit(self) -> Result<(), rusqlite::Error> {
        let result = self.0.execute_batch("COMMIT");
        if result.is_ok() {
            std::mem::forget(self);
        }
        result
    }
}

impl Drop for OpenTransaction<'_> {
    fn drop(&mut self) {
        if !self.0.is_autocommit() {
            let _ = self.0.execute_batch("ROLLBACK");
        }
    }
}

/// Reads `user_version` of an existing book through a read-only connection, which cannot
/// rewrite the header. `None` when there is no book yet (no file, or an empty one). An SQLite
/// file at version 0 that already has tables belongs to something else: it is not a book.
pub(crate) fn existing_version(path: &Path) -> Result<Option<u32>, StoreError> {
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
    let not_a_book = |e: rusqlite::Error| match e.sqlite_error_code() {
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
    Ok(Some(u32::try_from(version).unwrap_or(u32::MAX)))
}

/// Pages the log may hold before a commit copies it into the book (SQLite's default).
const WAL_AUTOCHECKPOINT: i64 = 1000;

fn configure(conn: &Connection) -> Result<(), StoreError> {
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

/// Every row a query returns, read by `from_row`, in order.
pub(crate) fn collect_rows<T>(
    mut rows: rusqlite::Rows<'_>,
    from_row: impl Fn(&rusqlite::Row<'_>) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(from_row(row)?);
    }
    Ok(out)
}

/// Every row a query returns, read by `from_row` and grouped by the customer id in column
/// `key` (rows of one customer keep their order).
pub(crate) fn group_rows<T>(
    mut rows: rusqlite::Rows<'_>,
    key: usize,
    from_row: impl Fn(&rusqlite::Row<'_>) -> Result<T, StoreError>,
) -> Result<std::collections::HashMap<String, Vec<T>>, StoreError> {
    let mut out: std::collections::HashMap<String, Vec<T>> = std::collections::HashMap::new();
    while let Some(row) = rows.next()? {
        let item = from_row(row)?;
        // The id is copied once per customer, not once per row.
        let id = row
            .get_ref(key)?
            .as_str()
            .map_err(|e| StoreError::Corrupt(format!("customer id: {e}")))?;
        match out.get_mut(id) {
            Some(items) => items.push(item),
            None => {
                out.insert(id.to_owned(), vec![item]);
            }
        }
    }
    Ok(out)
}

/// A customer's family, timeline, level history, key-fact history and handled prompts, for
/// every customer at once.
#[derive(Debug, Default)]
pub struct Histories {
    pub family: std::collections::HashMap<String, Vec<FamilyMember>>,
    pub interactions: std::collections::HashMap<String, Vec<Interaction>>,
    pub level_changes: std::collections::HashMap<String, Vec<LevelChange>>,
    pub key_fact_changes: std::collections::HashMap<String, Vec<KeyFactChange>>,
    pub handled_prompts: std::collections::HashMap<String, Vec<HandledPrompt>>,
}

/// One customer's family, timeline, level history, key-fact history and handled prompts.
#[derive(Debug, Default)]
pub struct CustomerHistory {
    pub family: Vec<FamilyMember>,
    pub interactions: Vec<Interaction>,
    pub level_changes: Vec<LevelChange>,
    pub key_fact_changes: Vec<KeyFactChange>,
    pub handled_prompts: Vec<HandledPrompt>,
}

impl Histories {
    /// Takes one customer's history out (empty when they have none).
    pub fn take(&mut self, customer_id: &str) -> CustomerHistory {
        CustomerHistory {
            family: self.family.remove(customer_id).unwrap_or_default(),
            interactions: self.interactions.remove(customer_id).unwrap_or_default(),
            level_changes: self.level_changes.remove(customer_id).unwrap_or_default(),
            key_fact_changes: self
                .key_fact_changes
                .remove(customer_id)
                .unwrap_or_default(),
            handled_prompts: self.handled_prompts.remove(customer_id).unwrap_or_default(),
        }
    }
}

impl Store {
    /// Everyone's family members, interactions, level changes, key-fact changes and handled
    /// prompts, by customer id, each in the order the per-customer reads give: for exporting
    /// the whole book in five scans.
    pub fn histories(&self) -> Result<Histories, StoreError> {
        Ok(Histories {
            family: family_members::all(&self.conn)?,
            interactions: interactions::all(&self.conn)?,
            level_changes: level_changes::all(&self.conn)?,
            key_fact_changes: key_fact_changes::all(&self.conn)?,
            handled_prompts: prompts::all_handled(&self.conn)?,
        })
    }
}

/// Rows written many to a statement (`INSERT OR FAIL INTO t (a, b) VALUES (?, ?), (?, ?), …`):
/// when an import writes a million small rows, running one statement per row costs more than
/// the rows themselves.
///
/// `OR FAIL` spares SQLite a statement journal (a copy of every page a statement touches,
/// kept to undo that one statement) where no foreign key needs one: every caller undoes the
/// whole transaction on an error anyway.
///
/// Rows of a table that others reference (customers) go one to a statement
/// (`Batch::one_row`): for each row of a many-row insert into such a table, SQLite looks in
/// every referencing table for rows that the new one could satisfy, which a single-row
/// insert cannot need (it took 40% of writing the customers of an import).
pub(crate) struct Batch {
    /// `t (a, b)`: the table and its columns.
    head: &'static str,
    width: usize,
    values: Vec<rusqlite::types::Value>,
    /// At most this many rows to a statement.
    max_rows: usize,
    /// The statement for a full chunk of rows, made once.
    full_sql: String,
}

impl Batch {
    /// SQLite's limit on the parameters of one statement (SQLITE_MAX_VARIABLE_NUMBER).
    const MAX_PARAMS: usize = 32_766;
    /// More rows to a statement saves little once the statement's own cost is shared.
    const MAX_ROWS: usize = 256;

    pub(crate) fn new(head: &'static str, width: usize) -> Batch {
        Batch::with_rows(head, width, Self::MAX_ROWS)
    }

    /// A batch written a row to a statement (a table that others reference).
    pub(crate) fn one_row(head: &'static str, width: usize) -> Batch {
        Batch::with_rows(head, width, 1)
    }

    fn with_rows(head: &'static str, width: usize, max_rows: usize) -> Batch {
        let mut batch = Batch {
            head,
            width,
            values: Vec::new(),
            max_rows,
            full_sql: String::new(),
        };
        batch.full_sql = batch.sql(batch.rows_per_statement());
        batch
    }

    /// The rows added so far, to be written elsewhere; this batch starts again empty.
    pub(crate) fn take(&mut self) -> Batch {
        Batch {
            head: self.head,
            width: self.width,
            values: std::mem::take(&mut self.values),
            max_rows: self.max_rows,
            full_sql: self.full_sql.clone(),
        }
    }

    /// Adds one row: exactly as many values as the head names columns.
    pub(crate) fn row<const N: usize>(&mut self, values: [rusqlite::types::Value; N]) {
        debug_assert_eq!(N, self.width, "{}", self.head);
        self.values.extend(values);
    }

    /// Adds one row from a vector (for rows built column by column).
    pub(crate) fn row_vec(&mut self, values: Vec<rusqlite::types::Value>) {
        debug_assert_eq!(values.len(), self.width, "{}", self.head);
        self.values.extend(values);
    }

    /// How many rows go to one statement.
    fn rows_per_statement(&self) -> usize {
        (Self::MAX_PARAMS / self.width).clamp(1, self.max_rows)
    }

    /// The statement for `rows` rows.
    fn sql(&self, rows: usize) -> String {
        let row = format!("({})", vec!["?"; self.width].join(", "));
        format!(
            "INSERT OR FAIL INTO {} VALUES {}",
            self.head,
            vec![row; rows].join(", ")
        )
    }

    /// Writes the rows added so far, and forgets them.
    pub(crate) fn flush(&mut self, conn: &Connection) -> Result<(), StoreError> {
        let mut chunks = self
            .values
            .chunks_exact(self.rows_per_statement() * self.width);
        if chunks.len() > 0 {
            // One statement, prepared once, for all the full chunks.
            let mut full = conn.prepare_cached(&self.full_sql)?;
            for chunk in chunks.by_ref() {
                full.execute(rusqlite::params_from_iter(chunk))?;
            }
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            conn.prepare_cached(&self.sql(rest.len() / self.width))?
                .execute(rusqlite::params_from_iter(rest))?;
        }
        self.values.clear();
        Ok(())
    }
}

fn now_text() -> String {
    time_text(&chrono::Utc::now())
}

/// A moment as the book stores it: RFC 3339, UTC, milliseconds.
fn time_text(t: &chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Reads a moment back: the form `time_text` writes (`2026-11-25T02:00:00.000Z`) directly,
/// any other RFC 3339 through chrono. An export reads millions of these.
fn parse_time(text: &str) -> Result<chrono::DateTime<chrono::Utc>, StoreError> {
    let b = text.as_bytes();
    if b.len() == 24
        && b[19] == b'.'
        && b[23] == b'Z'
        && let (Some(t), Some(ms)) = (fixed_date_time(&b[..19], b'T'), digits(&b[20..23]))
    {
        return Ok(t.and_utc() + chrono::Duration::milliseconds(i64::from(ms)));
    }
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|e| StoreError::Corrupt(format!("time {text:?}: {e}")))
}

/// The number an all-digit ASCII slice spells.
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// `YYYY-MM-DD`, exactly.
fn fixed_date(b: &[u8]) -> Option<chrono::NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(&b[..4])?).ok()?;
    chrono::NaiveDate::from_ymd_opt(year, digits(&b[5..7])?, digits(&b[8..10])?)
}

/// `YYYY-MM-DD HH:MM:SS` (the date and the time parted by `sep`), exactly.
fn fixed_date_time(b: &[u8], sep: u8) -> Option<chrono::NaiveDateTime> {
    if b.len() != 19 || b[10] != sep || b[13] != b':' || b[16] != b':' {
        return None;
    }
    fixed_date(&b[..10])?.and_hms_opt(
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    )
}

#[cfg(test)]
mod tests;
