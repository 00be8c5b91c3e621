//! Erasing customers for good, everywhere Carnet keeps them: the book, its log, and every
//! automatic backup; and remembering who was erased (their ids only), so that a restore never
//! brings them back.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use crate::clock::Clock;
use crate::tables::{customer_search, customers, erased_customers};
use crate::{Store, StoreError, Write};

/// Deletes a customer row (linked rows go with it, by ON DELETE CASCADE) and their index
/// entries: the loser of a merge, whose rows the survivor has taken over. `false` when there
/// was no such customer.
pub(crate) fn delete_row(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    customer_search::unindex(conn, id)?;
    // Whom they referred stay, referred by no one now.
    conn.execute(
        "UPDATE customers SET referred_by = NULL WHERE referred_by = ?1",
        [id],
    )?;
    customers::delete(conn, id)
}

/// Erases a customer for good: [`delete_row`], and the id remembered (without any of their
/// data) so that no restore brings them back. `false` when there was no such customer.
pub(crate) fn erase(conn: &Connection, id: &str, now: &str) -> Result<bool, StoreError> {
    let erased = delete_row(conn, id)?;
    if erased {
        erased_customers::remember(conn, id, now)?;
    }
    Ok(erased)
}

impl Write<'_> {
    /// Erases these customers for good (in the trash or not), with every row linked to them
    /// and their search index entries; returns how many there were.
    pub fn erase_customers(&self, ids: &[String]) -> Result<usize, StoreError> {
        let now = self.now_text();
        let mut erased = 0;
        for id in ids {
            erased += usize::from(erase(self.conn(), id, &now)?);
        }
        Ok(erased)
    }

    /// Erases those whom a restored book brings back although they were erased for good
    /// (`ids`, the erased of the book that was replaced), and remembers them as erased in it.
    pub(crate) fn drop_erased(&self, ids: &[String]) -> Result<usize, StoreError> {
        let dropped = self.erase_customers(ids)?;
        let now = self.now_text();
        for id in ids {
            erased_customers::remember(self.conn(), id, &now)?;
        }
        Ok(dropped)
    }

    /// Erases every customer in the trash for good, with every row linked to them and their
    /// search index entries. Returns how many were erased.
    pub fn empty_trash(&self) -> Result<usize, StoreError> {
        let tx = self.conn();
        let ids = customers::trashed_ids(tx)?;
        let now = self.now_text();
        for id in &ids {
            erase(tx, id, &now)?;
        }
        Ok(ids.len())
    }

    /// Erases one customer for good (see `empty_trash`). `false` when there was none.
    pub fn delete_customer(&self, id: &str) -> Result<bool, StoreError> {
        let tx = self.conn();
        let deleted = erase(tx, id, &self.now_text())?;
        Ok(deleted)
    }
}

impl Store {
    /// Copies the log into the book and empties it, so that the old versions of erased rows
    /// are not left in the log file. `false` when another connection was reading and the log
    /// could not be emptied yet (it will be at the next checkpoint).
    pub fn purge_log(&self) -> Result<bool, StoreError> {
        self.wait_for_checkpoint();
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        Ok(busy == 0)
    }
}

/// Erases the customers `ids` from the backup at `path` (a whole SQLite file of any schema
/// version Carnet wrote), in place and in one transaction, with their linked rows and index
/// entries, freed pages overwritten; returns how many of them it held. The backup stays a
/// book of its own version: it is not migrated. The ids are remembered as erased at the
/// system's time (see [`Store::erase_from_backup`] for the store's).
/// An encrypted backup is opened with `key`.
pub fn erase_from_backup(
    path: &Path,
    ids: &[String],
    key: Option<&crate::Passphrase>,
) -> Result<usize, StoreError> {
    erase_from_backup_at(path, ids, Clock::default(), key)
}

impl Store {
    /// [`erase_from_backup`], remembering the ids as erased at the store's time: for erasing
    /// from this book's backups.
    pub fn erase_from_backup(&self, path: &Path, ids: &[String]) -> Result<usize, StoreError> {
        erase_from_backup_at(path, ids, self.clock(), self.key())
    }
}

fn erase_from_backup_at(
    path: &Path,
    ids: &[String],
    clock: Clock,
    key: Option<&crate::Passphrase>,
) -> Result<usize, StoreError> {
    let key = crate::cipher::key_for(path, key)?;
    let version = crate::existing_version(path, key)?.ok_or_else(|| StoreError::NotABook {
        path: path.to_owned(),
    })?;
    let supported = crate::migrations::latest_version(crate::MIGRATIONS);
    if version == 0 || version > supported {
        return Err(StoreError::NotABook {
            path: path.to_owned(),
        });
    }
    let mut conn = crate::cipher::open(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE, key)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    let has = |conn: &Connection, table: &str| -> Result<bool, StoreError> {
        Ok(conn
            .query_row(
                "SELECT 1 FROM sqlite_master WHERE name = ?1",
                [table],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    };
    let has_rowid = conn
        .prepare("SELECT 1 FROM pragma_table_info('customers') WHERE name = 'search_rowid'")?
        .exists([])?;
    let tx = conn.transaction()?;
    let mut index_tables: Vec<(&str, &str)> = Vec::new();
    if has_rowid {
        for (table, key) in [
            ("customer_search", "rowid"),
            ("customer_short", "rowid"),
            ("customer_grams", "search_rowid"),
        ] {
            if has(&tx, table)? {
                index_tables.push((table, key));
            }
        }
    }
    let remember = has(&tx, "erased_customers")?;
    // A backup made before customers were referred has no such column.
    let has_referred_by = tx
        .prepare("SELECT referred_by FROM customers LIMIT 0")
        .is_ok();
    let now = clock.now_text();
    let mut erased = 0;
    for id in ids {
        let rowid: Option<Option<i64>> = if has_rowid {
            tx.query_row(
                "SELECT search_rowid FROM customers WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
        } else {
            None
        };
        if let Some(Some(rowid)) = rowid {
            for (table, key) in &index_tables {
                tx.execute(&format!("DELETE FROM {table} WHERE {key} = ?1"), [rowid])?;
            }
        }
        if has_referred_by {
            tx.execute(
                "UPDATE customers SET referred_by = NULL WHERE referred_by = ?1",
                [id],
            )?;
        }
        erased += tx.execute("DELETE FROM customers WHERE id = ?1", [id])?;
        if remember {
            tx.execute(
                "INSERT OR IGNORE INTO erased_customers (id, erased_at) VALUES (?1, ?2)",
                params![id, now],
            )?;
        }
    }
    tx.commit()?;
    // Full-text indexes made before FTS5's secure-delete was turned on (schema 9) keep a
    // deleted row's words in their segments until they are merged: merge them now.
    if erased > 0 && version < 9 {
        for table in ["customer_search", "customer_short"] {
            if has(&conn, table)? {
                conn.execute(
                    &format!("INSERT INTO {table} ({table}) VALUES ('optimize')"),
                    [],
                )?;
            }
        }
    }
    Ok(erased)
}

#[cfg(test)]
mod tests;
