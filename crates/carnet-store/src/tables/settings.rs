//! The `settings` table: the consultant's preferences, kept in the book.

use rusqlite::{Connection, OptionalExtension, params};

use crate::{Store, StoreError, Write};

/// The migration that made the table.
pub(crate) const SINCE_VERSION: u32 = 2;

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        value(&self.conn, key)
    }
}

/// A setting's value on `conn` (also before the book is a [`Store`]: a migration's
/// transaction).
pub(crate) fn value(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Removes a setting on `conn`.
pub(crate) fn remove(conn: &Connection, key: &str) -> Result<(), StoreError> {
    conn.execute("DELETE FROM settings WHERE key = ?1", [key])?;
    Ok(())
}

impl Write<'_> {
    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            params![key, value, self.now_text()],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
