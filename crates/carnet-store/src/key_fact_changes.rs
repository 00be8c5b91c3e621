//! Queries on the `key_fact_changes` table: the history of a customer's key facts. Rows are
//! written by `customers` when a profile is saved.

use carnet_core::KeyFact;

use crate::{Store, StoreError, parse_time};

/// One change of a key fact, values in their input form ("" when unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFactChange {
    pub fact: KeyFact,
    pub old_value: String,
    pub new_value: String,
    pub changed_at: chrono::DateTime<chrono::Utc>,
}

impl Store {
    /// A customer's key-fact changes, the newest first.
    pub fn key_fact_changes(&self, customer_id: &str) -> Result<Vec<KeyFactChange>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT fact, old_value, new_value, changed_at FROM key_fact_changes
             WHERE customer_id = +?1 ORDER BY changed_at DESC, id DESC",
        )?;
        crate::collect_rows(stmt.query([customer_id])?, |row| {
            let fact: String = row.get(0)?;
            Ok(KeyFactChange {
                fact: KeyFact::parse(&fact)
                    .ok_or_else(|| StoreError::Corrupt(format!("key fact {fact:?}")))?,
                old_value: row.get(1)?,
                new_value: row.get(2)?,
                changed_at: parse_time(&row.get::<_, String>(3)?)?,
            })
        })
    }
}
