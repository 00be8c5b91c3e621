//! The `erased_customers` table: the ids (nothing else) of the customers erased for good,
//! so that no restore or import brings them back.

use rusqlite::{Connection, params};

use crate::{Store, StoreError};

/// Remembers a customer as erased for good at `now` (once).
pub(crate) fn remember(conn: &Connection, id: &str, now: &str) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT OR IGNORE INTO erased_customers (id, erased_at) VALUES (?1, ?2)")?
        .execute(params![id, now])?;
    Ok(())
}

impl Store {
    /// The ids of every customer erased for good from this book.
    pub fn erased_ids(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM erased_customers ORDER BY id")?;
        let ids = stmt.query_map([], |r| r.get(0))?;
        Ok(ids.collect::<Result<_, _>>()?)
    }
}
