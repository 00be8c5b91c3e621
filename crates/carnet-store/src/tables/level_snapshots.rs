//! The `level_snapshots` table: the level mix counted once a week.

use rusqlite::{Connection, params};

use crate::StoreError;

/// Counts the book's levels into the week starting `week` (a Monday, 'YYYY-MM-DD'), unless
/// that week is counted already; whether it counted.
pub(crate) fn take(conn: &Connection, week: &str) -> Result<bool, StoreError> {
    let done: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM level_snapshots WHERE week = ?1)")?
        .query_row([week], |r| r.get(0))?;
    if done {
        return Ok(false);
    }
    conn.prepare_cached(
        "INSERT INTO level_snapshots (week, level, count)
         SELECT ?1, level, count(*) FROM customers WHERE deleted_at IS NULL GROUP BY level",
    )?
    .execute(params![week])?;
    Ok(true)
}
