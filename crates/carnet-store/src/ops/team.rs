//! A team book: a manager's book built from the consultants' exports, each customer tagged
//! with the consultant whose export they came from (`customers.consultant`), and read per
//! consultant by the reports. A consultant's own book never holds a tag.

use rusqlite::params;

use crate::ops::erase::delete_row;
use crate::rows::collect_rows;
use crate::{Store, StoreError, Write};

/// A customer two or more consultants hold: the phone they share, and who holds them as whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedRow {
    /// The phone's key (E.164, or `~` and the digits of one kept as typed).
    pub phone: String,
    pub consultant: String,
    pub customer_id: String,
    pub name: String,
}

impl Write<'_> {
    /// Erases a consultant's part of the team book (before their newer export replaces it);
    /// how many customers went.
    pub fn drop_consultant(&self, consultant: &str) -> Result<usize, StoreError> {
        let tx = self.conn();
        let ids: Vec<String> = {
            let mut stmt = tx.prepare("SELECT id FROM customers WHERE consultant = ?1")?;
            collect_rows(stmt.query([consultant])?, |r| Ok(r.get(0)?))?
        };
        // Not remembered as erased: the newer export brings the same customers back.
        for id in &ids {
            delete_row(tx, id)?;
        }
        Ok(ids.len())
    }

    /// Tags the customers an import created with the consultant whose export it was.
    pub fn tag_import(&self, import_id: &str, consultant: &str) -> Result<usize, StoreError> {
        Ok(self.conn().execute(
            "UPDATE customers SET consultant = ?2 WHERE id IN (
                 SELECT customer_id FROM import_customers WHERE import_id = ?1 AND created = 1)",
            params![import_id, consultant],
        )?)
    }
}

impl Store {
    /// The consultants of a team book and how many customers each holds, by name.
    pub fn consultants(&self) -> Result<Vec<(String, u64)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT consultant, count(*) FROM customers
             WHERE consultant IS NOT NULL AND deleted_at IS NULL
             GROUP BY consultant ORDER BY consultant",
        )?;
        collect_rows(stmt.query([])?, |r| {
            Ok((r.get(0)?, u64::try_from(r.get::<_, i64>(1)?).unwrap_or(0)))
        })
    }

    /// The customers whom two or more consultants hold (the same phone), by phone.
    pub fn shared_customers(&self) -> Result<Vec<SharedRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT p.key, c.consultant, c.id, c.name
             FROM customer_phones p JOIN customers c ON c.id = p.customer_id
             WHERE c.consultant IS NOT NULL AND c.deleted_at IS NULL AND p.key IN (
                 SELECT p2.key FROM customer_phones p2
                 JOIN customers c2 ON c2.id = p2.customer_id
                 WHERE c2.consultant IS NOT NULL AND c2.deleted_at IS NULL
                 GROUP BY p2.key HAVING count(DISTINCT c2.consultant) > 1)
             ORDER BY p.key, c.consultant, c.name",
        )?;
        collect_rows(stmt.query([])?, |r| {
            Ok(SharedRow {
                phone: r.get(0)?,
                consultant: r.get(1)?,
                customer_id: r.get(2)?,
                name: r.get(3)?,
            })
        })
    }
}
