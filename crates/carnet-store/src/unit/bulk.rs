//! The unit of work of an import: many rows written at once, each of them referring only to
//! a customer the unit writes or one the book holds.
//!
//! Two things make it cheaper than [`Store::write`] without making it less safe:
//! - The foreign keys are not checked row by row (a look-up in the customers' index for every
//!   phone, model, prompt and link written). The rows an import writes refer to the customers
//!   it writes in the same unit, or to customers it read in the book under the same write
//!   lock; `PRAGMA foreign_key_check` after an import finds nothing (a store test, and the
//!   crash-safety suite after every kill, check it).
//! - Into a small book, the unit is written to the book's file with a rollback journal
//!   instead of through the log: a page the unit adds is written once, not once to the log
//!   and again into the book by the checkpoint that follows (into an empty book, the whole
//!   import is such pages). The journal keeps the few pages of the book the unit changes, so
//!   that a crash, a failure or a cancel leaves the book as it was, as the log would. This
//!   needs the book to be open on this connection alone: when another one has it open (the
//!   app beside a CLI), the unit goes through the log as usual. The backup before the import
//!   is then made first (the book is small), not beside the write: a copy made beside the
//!   write relies on the book's file not changing until the commit.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode};

use crate::backup::prune_backups;
use crate::{BUSY_TIMEOUT_MS, Store, StoreError, Write};

/// The largest book an import writes to with a rollback journal: the journal holds, at
/// most, a copy of each page of the book as it was.
const DIRECT_BOOK_MAX: u64 = 16 << 20;

/// The fewest customers an import creates for it to be written with a rollback journal (a
/// smaller one gains nothing from it).
const DIRECT_FROM: usize = 500;

/// The foreign keys not checked while it lives (outside a transaction only: the setting is
/// ignored inside one); checked again after, whatever happened.
struct ForeignKeysOff<'c>(&'c Connection);

impl<'c> ForeignKeysOff<'c> {
    fn new(conn: &'c Connection) -> Result<Self, StoreError> {
        conn.pragma_update(None, "foreign_keys", false)?;
        Ok(ForeignKeysOff(conn))
    }
}

impl Drop for ForeignKeysOff<'_> {
    fn drop(&mut self) {
        if let Err(e) = self.0.pragma_update(None, "foreign_keys", true) {
            tracing::warn!(error = %e, "the foreign keys could not be checked again");
        }
    }
}

/// The book written with a rollback journal while it lives, back to the log after.
struct RollbackJournal<'c>(&'c Connection);

impl<'c> RollbackJournal<'c> {
    /// Leaves the log for a rollback journal, when this connection alone has the book open
    /// (tried at once, without waiting for the others); `None` when it could not.
    fn try_new(conn: &'c Connection) -> Result<Option<Self>, StoreError> {
        conn.busy_timeout(std::time::Duration::ZERO)?;
        let switched =
            conn.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0));
        conn.busy_timeout(std::time::Duration::from_millis(u64::from(BUSY_TIMEOUT_MS)))?;
        match switched {
            Ok(mode) if mode.eq_ignore_ascii_case("delete") => Ok(Some(RollbackJournal(conn))),
            Ok(_) => Ok(None),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(e.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) =>
            {
                Ok(None)
            }
            Err(e) => Err(e.into()),
        }
    }
}

impl Drop for RollbackJournal<'_> {
    /// Back to the log (every open sets it again too, should this fail).
    fn drop(&mut self) {
        let back = self
            .0
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0));
        if let Err(e) = back {
            tracing::warn!(error = %e, "the book could not go back to its log");
        }
    }
}

impl Store {
    /// The unit of work of an import creating `created` customers (see the module's notes),
    /// with an automatic backup for `backup` of the book as it was before (as
    /// [`Store::write_after_backup`]) when given. `f` hears where the backup went; the same
    /// path is returned with its answer.
    pub fn write_import<T, E: From<StoreError>>(
        &self,
        backup: Option<&str>,
        created: usize,
        f: impl FnOnce(&Write<'_>, Option<&Path>) -> Result<T, E>,
    ) -> Result<(T, Option<PathBuf>), E> {
        if !self.conn.is_autocommit() {
            return Err(StoreError::NestedTransaction.into());
        }
        let _unchecked = ForeignKeysOff::new(&self.conn)?;
        let small =
            self.path.is_some() && created >= DIRECT_FROM && self.book_bytes()? <= DIRECT_BOOK_MAX;
        if !small {
            return match backup {
                Some(reason) => self.write_after_backup(reason, f),
                None => self.write(|w| f(w, None)).map(|out| (out, None)),
            };
        }
        self.wait_for_checkpoint();
        let made = match backup {
            Some(reason) => self.backup_into_folder(reason)?,
            None => None,
        };
        let out = match RollbackJournal::try_new(&self.conn)? {
            Some(_journal) => self.unit(false, |w| f(w, made.as_deref())),
            None => self.write(|w| f(w, made.as_deref())),
        }?;
        if let (Some(dir), Some(_)) = (&self.backup_dir, &made) {
            prune_backups(dir, self.clock().now(), &[]);
        }
        Ok((out, made))
    }
}
