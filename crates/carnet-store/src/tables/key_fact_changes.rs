//! The `key_fact_changes` table: the history of a customer's key facts. Rows are written
//! by `ops::customer` when a profile is saved.

use carnet_core::KeyFact;
use carnet_core::history::KeyFactChange;
use rusqlite::types::Value;
use rusqlite::{Connection, Row, params};

use crate::codec::{parse_time, time_text};
use crate::rows::{collect_rows, group_rows, insert_one};
use crate::{Store, StoreError};

fn from_row(row: &Row<'_>) -> Result<KeyFactChange, StoreError> {
    let fact: String = row.get(0)?;
    Ok(KeyFactChange {
        fact: KeyFact::parse(&fact)
            .ok_or_else(|| StoreError::Corrupt(format!("key fact {fact:?}")))?,
        old_value: row.get(1)?,
        new_value: row.get(2)?,
        changed_at: parse_time(&row.get::<_, String>(3)?)?,
    })
}

/// Everyone's key-fact changes at once, by customer, each the newest first (for exporting
/// the book).
pub(crate) fn all(
    conn: &Connection,
) -> Result<std::collections::HashMap<String, Vec<KeyFactChange>>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT fact, old_value, new_value, changed_at, customer_id FROM key_fact_changes
         ORDER BY customer_id, changed_at DESC, id DESC",
    )?;
    group_rows(stmt.query([])?, 4, from_row)
}

/// Writes a customer's history of key facts as an export gave it (the newest first), so that
/// it reads back in the same order.
pub(crate) fn insert_history(
    conn: &Connection,
    customer_id: &str,
    changes: &[KeyFactChange],
) -> Result<(), StoreError> {
    if changes.is_empty() {
        return Ok(());
    }
    for row in history_rows(customer_id, changes) {
        insert_one(conn, "INSERT", HEAD, row)?;
    }
    Ok(())
}

/// The table and columns of a change's row, as [`history_rows`] gives them.
pub(crate) const HEAD: &str =
    "key_fact_changes (customer_id, fact, old_value, new_value, changed_at)";

/// The rows of a customer's history of key facts as an export brings it (the newest first),
/// in the order they are written (the oldest first).
pub(crate) fn history_rows<'a>(
    customer_id: &'a str,
    changes: &'a [KeyFactChange],
) -> impl Iterator<Item = [Value; 5]> + 'a {
    changes.iter().rev().map(move |c| {
        [
            Value::Text(customer_id.to_owned()),
            Value::Text(c.fact.code().to_owned()),
            Value::Text(c.old_value.clone()),
            Value::Text(c.new_value.clone()),
            Value::Text(time_text(&c.changed_at)),
        ]
    })
}

/// Keeps the changes of a customer's key facts, made `now`.
pub(crate) fn record(
    conn: &Connection,
    id: &str,
    changes: Vec<(KeyFact, String, String)>,
    now: &str,
) -> Result<(), StoreError> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO key_fact_changes (customer_id, fact, old_value, new_value, changed_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (fact, old, new) in changes {
        insert.execute(params![id, fact.code(), old, new, now])?;
    }
    Ok(())
}

impl Store {
    /// A customer's key-fact changes, the newest first.
    pub fn key_fact_changes(&self, customer_id: &str) -> Result<Vec<KeyFactChange>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT fact, old_value, new_value, changed_at FROM key_fact_changes
             WHERE customer_id = +?1 ORDER BY changed_at DESC, id DESC",
        )?;
        collect_rows(stmt.query([customer_id])?, from_row)
    }
}
