//! The `level_changes` table: every change of a customer's intent level.

use carnet_core::history::LevelChange;
use carnet_core::{Level, LostReason};
use chrono::NaiveDateTime;
use rusqlite::Connection;
use rusqlite::types::Value;

use crate::codec::{date_text, date_time_text, parse_date, text};
use crate::rows::{collect_rows, group_rows, insert_one};
use crate::{Store, StoreError};

/// Records a change (the customers row is updated by the caller, in the same transaction),
/// at `at` (the change's own `changed_at` is not read).
pub(crate) fn record(
    conn: &Connection,
    customer_id: &str,
    at: NaiveDateTime,
    change: &LevelChange,
) -> Result<(), StoreError> {
    insert_one(conn, "INSERT", HEAD, row(customer_id, at, change))?;
    Ok(())
}

/// The table and columns of a level change's row, as [`row`] gives them.
pub(crate) const HEAD: &str = "level_changes (customer_id, changed_at, from_level, to_level, \
     reason, revisit, lost_reason, competitor)";

/// The row of a change recorded at `at` (see [`record`]).
pub(crate) fn row(customer_id: &str, at: NaiveDateTime, change: &LevelChange) -> [Value; 8] {
    [
        Value::Text(customer_id.to_owned()),
        Value::Text(date_time_text(at)),
        Value::Text(change.from.code().to_owned()),
        Value::Text(change.to.code().to_owned()),
        text(change.reason.as_deref()),
        change.revisit.map(date_text).into(),
        text(change.lost_reason.map(LostReason::code)),
        text(change.competitor.as_deref()),
    ]
}

/// A change to be recorded with [`record`] (its time is given there).
pub(crate) fn change(from: Level, to: Level) -> LevelChange {
    LevelChange {
        changed_at: String::new(),
        from,
        to,
        reason: None,
        revisit: None,
        lost_reason: None,
        competitor: None,
    }
}

/// A customer's level changes, oldest first.
pub(crate) fn of_customer(
    conn: &Connection,
    customer_id: &str,
) -> Result<Vec<LevelChange>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT changed_at, from_level, to_level, reason, revisit, lost_reason, competitor
         FROM level_changes WHERE customer_id = +?1 ORDER BY changed_at, id",
    )?;
    collect_rows(stmt.query([customer_id])?, from_row)
}

fn from_row(row: &rusqlite::Row<'_>) -> Result<LevelChange, StoreError> {
    let level = |code: String| {
        Level::parse(&code).ok_or_else(|| StoreError::Corrupt(format!("level {code:?}")))
    };
    Ok(LevelChange {
        changed_at: row.get(0)?,
        from: level(row.get(1)?)?,
        to: level(row.get(2)?)?,
        reason: row.get(3)?,
        revisit: row
            .get::<_, Option<String>>(4)?
            .map(|d| parse_date(&d))
            .transpose()?,
        // A code this Carnet does not know reads as no code (the words stay).
        lost_reason: row
            .get::<_, Option<String>>(5)?
            .and_then(|code| LostReason::parse(&code)),
        competitor: row.get(6)?,
    })
}

/// Everyone's level changes at once, by customer, oldest first (for exporting the book).
pub(crate) fn all(
    conn: &Connection,
) -> Result<std::collections::HashMap<String, Vec<LevelChange>>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT changed_at, from_level, to_level, reason, revisit, lost_reason, competitor,
                customer_id
         FROM level_changes ORDER BY customer_id, changed_at, id",
    )?;
    group_rows(stmt.query([])?, 7, from_row)
}

impl Store {
    /// A customer's level changes, oldest first.
    pub fn level_changes(&self, customer_id: &str) -> Result<Vec<LevelChange>, StoreError> {
        of_customer(&self.conn, customer_id)
    }
}
