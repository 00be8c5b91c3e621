//! The unit of work: [`Store::write`] is the only place a write transaction begins, and
//! [`Store::read`] the only place a read transaction does; [`Write`] is the handle every
//! method that changes the book takes. The background checkpoint after a big write is here
//! too, since the commit decides on it.

use rusqlite::Connection;

use crate::{BUSY_TIMEOUT_MS, Store, StoreError, WAL_AUTOCHECKPOINT, migrations};

/// A page cache's size as SQLite keeps it (pages, or KiB when negative), to be put back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use = "the cache is put back with Store::put_cache_back"]
pub struct CacheSize(i64);

impl Store {
    /// Copies the log into the book (a checkpoint that waits for no reader or writer) on a
    /// thread of its own, through a connection of its own: after a write so big that copying
    /// it would keep the consultant waiting. A process that ends first leaves the log to the
    /// next checkpoint; nothing is lost either way.
    pub(crate) fn checkpoint_in_background(&self) {
        let Some(path) = self.path.clone() else {
            return;
        };
        let key = self.key.clone();
        self.wait_for_checkpoint();
        let running = std::thread::spawn(move || {
            let done = crate::cipher::open(
                &path,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE,
                key.as_ref(),
            )
            .and_then(|conn| {
                conn.busy_timeout(std::time::Duration::from_millis(u64::from(BUSY_TIMEOUT_MS)))?;
                Ok(conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?)
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

    /// How big the book is, in bytes (its pages, the log not counted).
    pub fn book_bytes(&self) -> Result<u64, StoreError> {
        let bytes: i64 = self.conn.query_row(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            [],
            |r| r.get(0),
        )?;
        Ok(u64::try_from(bytes).unwrap_or(0))
    }

    /// Runs `f` with a page cache of `mib` MiB instead of the usual 64: for a big import,
    /// whose pages pass through the cache once.
    pub fn with_cache<T, E: From<StoreError>>(
        &self,
        mib: i64,
        f: impl FnOnce(&Store) -> Result<T, E>,
    ) -> Result<T, E> {
        let cache = self.set_cache_mib(mib)?;
        let out = f(self);
        self.put_cache_back(cache)?;
        out
    }

    /// Sets the page cache to `mib` MiB until [`Store::put_cache_back`] is given what this
    /// returns (the size it had): for work done in several units of work, each taking the
    /// book in turn (see [`Store::with_cache`] for one). A smaller cache frees the pages
    /// beyond it.
    pub fn set_cache_mib(&self, mib: i64) -> Result<CacheSize, StoreError> {
        let cache: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.conn
            .pragma_update(None, "cache_size", -mib.saturating_mul(1024))?;
        Ok(CacheSize(cache))
    }

    /// Puts back the page cache [`Store::set_cache_mib`] changed.
    pub fn put_cache_back(&self, cache: CacheSize) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "cache_size", cache.0)?;
        Ok(())
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

    /// Now, as the book stamps it (RFC 3339, UTC, milliseconds), by the store's clock.
    pub(crate) fn now_text(&self) -> String {
        self.store.clock.now_text()
    }

    /// After a write so big that copying it from the log into the book would keep the
    /// consultant waiting (an import): the commit leaves the copy (a checkpoint) to a thread
    /// of its own. The write is safe on disk once committed either way.
    pub(crate) fn defer_checkpoint(&self) {
        self.defer_checkpoint.set(self.store.path.is_some());
    }
}

/// Takes the book's write lock without writing (`BEGIN IMMEDIATE`) until the transaction
/// returned is dropped (and rolled back): for copying the book's file whole while nothing
/// can change it. Outside a unit of work only.
pub(crate) fn hold_write_lock(conn: &Connection) -> Result<OpenTransaction<'_>, StoreError> {
    conn.execute_batch("BEGIN IMMEDIATE")?;
    Ok(OpenTransaction(conn))
}

/// Begins a read transaction on a connection of its own (a backup held open read-only),
/// which holds the file's shared lock until the connection is closed.
pub(crate) fn hold_read_lock(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch("BEGIN")?;
    Ok(())
}

/// A transaction begun on `conn`: rolled back when dropped uncommitted (an error, or a panic
/// unwinding through the unit of work).
pub(crate) struct OpenTransaction<'c>(pub(crate) &'c Connection);

impl OpenTransaction<'_> {
    pub(crate) fn commit(self) -> Result<(), rusqlite::Error> {
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

mod bulk;

#[cfg(test)]
mod tests;
