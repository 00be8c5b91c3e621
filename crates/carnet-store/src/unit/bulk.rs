//! The unit of work of an import: [`Store::write`] (or [`Store::write_after_backup`]), with the
//! foreign keys of an import that only creates customers checked by construction rather than
//! row by row.
//!
//! Such an import writes rows that refer only to what it writes in the same unit: its new
//! customers, its own record, the interactions it adds. Checking each row's key was a look-up
//! in the customers' index for every phone, model, prompt and link written. An import that
//! also fills customers already in the book keeps the check: those customers were read by the
//! dry run, before the unit began, and another process may have erased one since; the check
//! then refuses the import with nothing written. `PRAGMA foreign_key_check` after an import
//! finds nothing (a store test, and the crash-safety suite after every kill, check it).

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::{Store, StoreError, Write};

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
        let on = self
            .0
            .pragma_update(None, "foreign_keys", true)
            .and_then(|()| {
                self.0
                    .query_row("PRAGMA foreign_keys", [], |r| r.get::<_, bool>(0))
            });
        if !matches!(on, Ok(true)) {
            tracing::error!(?on, "the foreign keys could not be checked again");
        }
    }
}

impl Store {
    /// The unit of work of an import (see the module's notes), with an automatic backup for
    /// `backup` of the book as it was before (as [`Store::write_after_backup`]) when given.
    /// `creates_only`: the import creates customers and fills none already in the book. `f`
    /// hears where the backup goes; the same path is returned with its answer.
    pub fn write_import<T, E: From<StoreError>>(
        &self,
        backup: Option<&str>,
        creates_only: bool,
        f: impl FnOnce(&Write<'_>, Option<&Path>) -> Result<T, E>,
    ) -> Result<(T, Option<PathBuf>), E> {
        if !self.conn.is_autocommit() {
            return Err(StoreError::NestedTransaction.into());
        }
        let _unchecked = if creates_only {
            Some(ForeignKeysOff::new(&self.conn)?)
        } else {
            None
        };
        match backup {
            Some(reason) => self.write_after_backup(reason, f),
            None => self.write(|w| f(w, None)).map(|out| (out, None)),
        }
    }
}
