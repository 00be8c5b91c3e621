//! Queries on the `customers` table.

use carnet_core::phone::Phone;
use carnet_core::{Customer, CustomerFacts};
use rusqlite::{OptionalExtension, Row, params};

use crate::customer_search::{index, unindex};
use crate::{Store, StoreError, now_text, parse_time};

/// How a page of the customer list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// The newest first.
    Newest,
    /// By the pinyin of the name (张三 under z), as a Chinese consultant reads a list.
    Pinyin,
}

pub(crate) const COLUMNS: &str = "id, name, phone, created_at, updated_at";

/// Every customer the rows hold, in order.
pub(crate) fn collect(mut rows: rusqlite::Rows<'_>) -> Result<Vec<Customer>, StoreError> {
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(from_row(row)?);
    }
    Ok(out)
}

pub(crate) fn from_row(row: &Row<'_>) -> Result<Customer, StoreError> {
    let created: String = row.get(3)?;
    let updated: String = row.get(4)?;
    Ok(Customer {
        id: row.get(0)?,
        name: row.get(1)?,
        phone: row.get::<_, Option<String>>(2)?.map(Phone::from_e164),
        created_at: parse_time(&created)?,
        updated_at: parse_time(&updated)?,
    })
}

impl Store {
    /// Adds a customer with a new time-ordered UUID and returns it as stored.
    pub fn insert_customer(&self, facts: &CustomerFacts) -> Result<Customer, StoreError> {
        let id = uuid::Uuid::now_v7().to_string();
        let now = now_text();
        let tx = self.conn.unchecked_transaction()?;
        tx.execute(
            "INSERT INTO customers (id, name, phone, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4)",
            params![id, facts.name, facts.phone.as_ref().map(Phone::e164), now],
        )?;
        index(&tx, &id, &facts.name, facts.phone.as_ref())?;
        tx.commit()?;
        self.customer(&id)?
            .ok_or_else(|| StoreError::Corrupt(format!("customer {id} vanished after insert")))
    }

    /// Adds many customers in one transaction (a demo book, an import): all or nothing.
    pub fn insert_customers(&self, all: &[CustomerFacts]) -> Result<usize, StoreError> {
        let now = now_text();
        let tx = self.conn.unchecked_transaction()?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO customers (id, name, phone, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?4)",
            )?;
            for facts in all {
                let id = uuid::Uuid::now_v7().to_string();
                let phone = facts.phone.as_ref();
                insert.execute(params![id, facts.name, phone.map(Phone::e164), now])?;
                index(&tx, &id, &facts.name, phone)?;
            }
        }
        tx.commit()?;
        Ok(all.len())
    }

    /// Customers who may be the same person as `facts` (carnet-core's duplicate rule),
    /// other than `except` (the customer being edited).
    pub fn possible_duplicates(
        &self,
        facts: &CustomerFacts,
        except: Option<&str>,
    ) -> Result<Vec<Customer>, StoreError> {
        let Some(phone) = facts.phone.as_ref() else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM customers
             WHERE (phone = ?1 OR name = ?2) AND id IS NOT ?3
             ORDER BY created_at DESC, id DESC"
        ))?;
        let candidates = collect(stmt.query(params![phone.e164(), facts.name, except])?)?;
        Ok(candidates
            .into_iter()
            .filter(|c| facts.may_duplicate(c))
            .collect())
    }

    pub fn count_customers(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// The first `limit` customers in the given order.
    pub fn customers_page(&self, order: Order, limit: u32) -> Result<Vec<Customer>, StoreError> {
        let order_by = match order {
            Order::Newest => "created_at DESC, id DESC",
            Order::Pinyin => "name_pinyin, name, id",
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM customers ORDER BY {order_by} LIMIT ?1"
        ))?;
        collect(stmt.query([limit])?)
    }

    /// Every customer, newest first.
    pub fn customers(&self) -> Result<Vec<Customer>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM customers ORDER BY created_at DESC, id DESC"
        ))?;
        collect(stmt.query([])?)
    }

    pub fn customer(&self, id: &str) -> Result<Option<Customer>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM customers WHERE id = ?1"))?;
        let row = stmt.query_row([id], |row| Ok(from_row(row))).optional()?;
        row.transpose()
    }

    /// Replaces a customer's facts. `None` when there is no such customer.
    pub fn update_customer(
        &self,
        id: &str,
        facts: &CustomerFacts,
    ) -> Result<Option<Customer>, StoreError> {
        let phone = facts.phone.as_ref();
        let tx = self.conn.unchecked_transaction()?;
        let changed = tx.execute(
            "UPDATE customers SET name = ?2, phone = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, facts.name, phone.map(Phone::e164), now_text()],
        )?;
        if changed == 0 {
            return Ok(None);
        }
        index(&tx, id, &facts.name, phone)?;
        tx.commit()?;
        self.customer(id)
    }

    /// Removes a customer and their index entry. `false` when there was no such customer.
    pub fn delete_customer(&self, id: &str) -> Result<bool, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        unindex(&tx, id)?;
        let deleted = tx.execute("DELETE FROM customers WHERE id = ?1", [id])? > 0;
        tx.commit()?;
        Ok(deleted)
    }
}
