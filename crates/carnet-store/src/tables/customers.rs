//! The `customers` table: reading a customer (with their lists, kept in `profile_lists`),
//! the list, and the row's own writes (its columns, the trash mark, the level,
//! `last_contact`, the prompts horizon). The profile's columns are in `columns`, finding
//! duplicates in `duplicates`. What also writes other tables (the search entry, the
//! history) is in `ops::customer`.

mod columns;
mod duplicates;

use carnet_core::{Customer, CustomerSummary, Level};
use rusqlite::{Connection, OptionalExtension, Row, params};

pub(crate) use self::columns::{NEW_ROW_WIDTH, new_row_head, push_new, write_columns};
use self::columns::{customer_with_lists, full_columns};
pub use self::duplicates::DuplicateIndex;
use crate::rows::{SUMMARY_COLUMNS, collect_summaries};
use crate::tables::profile_lists;
use crate::{Store, StoreError};

/// A customer row (in `full_columns` order) with its lists.
fn customer_from_row(conn: &Connection, row: &Row<'_>) -> Result<Customer, StoreError> {
    let id: String = row.get(0)?;
    let lists = profile_lists::read(conn, &id)?;
    customer_with_lists(row, id, lists)
}

/// Whether a customer row exists (in the book or the trash).
pub(crate) fn exists(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM customers WHERE id = ?1)")?
        .query_row([id], |r| r.get(0))?)
}

/// One customer, trashed or not.
pub(crate) fn read(conn: &Connection, id: &str) -> Result<Option<Customer>, StoreError> {
    read_where(conn, "id", id)
}

pub(crate) fn read_by_rowid(conn: &Connection, rowid: i64) -> Result<Option<Customer>, StoreError> {
    read_where(conn, "rowid", rowid)
}

/// The customer whose `column` (unique) holds `key`.
fn read_where(
    conn: &Connection,
    column: &str,
    key: impl rusqlite::ToSql,
) -> Result<Option<Customer>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM customers WHERE {column} = ?1",
        full_columns()
    ))?;
    let mut rows = stmt.query([key])?;
    match rows.next()? {
        Some(row) => Ok(Some(customer_from_row(conn, row)?)),
        None => Ok(None),
    }
}

impl Store {
    /// Customers in the book (not in the trash).
    pub fn count_customers(&self) -> Result<u64, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM customers WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// The customers who referred someone, by id: their name and main phone (stored form),
    /// trashed or not. What an export's sheet shows for `referred_by`.
    pub fn referrers(
        &self,
    ) -> Result<std::collections::HashMap<String, (String, Option<String>)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT r.id, r.name, r.phone FROM customers c
             JOIN customers r ON r.id = c.referred_by",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A customer with the whole profile, trashed or not.
    pub fn customer(&self, id: &str) -> Result<Option<Customer>, StoreError> {
        read(&self.conn, id)
    }

    /// Every customer in the book with the whole profile, newest first.
    pub fn customers(&self) -> Result<Vec<Customer>, StoreError> {
        let mut out = Vec::new();
        self.each_customer(|c| {
            out.push(c);
            Ok::<_, StoreError>(())
        })?;
        Ok(out)
    }

    /// Every customer in the book, as [`Store::customers`] gives them, handed over one at a
    /// time (for writing an export while it is read).
    pub fn each_customer<E: From<StoreError>>(
        &self,
        mut each: impl FnMut(Customer) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut lists = profile_lists::read_all(&self.conn)?;
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {} FROM customers WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC",
                full_columns()
            ))
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let id: String = row.get(0).map_err(StoreError::from)?;
            let own = lists.remove(&id).unwrap_or_default();
            each(customer_with_lists(row, id, own)?)?;
        }
        Ok(())
    }

    /// The customers in the trash, the most recently trashed first.
    pub fn trashed_customers(&self) -> Result<Vec<CustomerSummary>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM customers c WHERE c.deleted_at IS NOT NULL
             ORDER BY c.deleted_at DESC, c.id"
        ))?;
        collect_summaries(stmt.query([])?)
    }

    /// Every table that references customers, with its referencing column, read from the
    /// schema: a table added later is covered without anyone remembering it.
    pub fn tables_referencing_customers(&self) -> Result<Vec<(String, String)>, StoreError> {
        referencing_tables(&self.conn)
    }
}

pub(crate) fn referencing_tables(conn: &Connection) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table' AND f.\"table\" = 'customers' ORDER BY m.name",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Adds a customer's row with only its name and times; the profile's columns follow
/// (`write_columns`).
pub(crate) fn insert_row(
    conn: &Connection,
    id: &str,
    name: &str,
    now: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO customers (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
    )?
    .execute(params![id, name, now])?;
    Ok(())
}

/// Whether the customer is in the trash.
pub(crate) fn is_trashed(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT deleted_at IS NOT NULL FROM customers WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?)
}

/// Marks a customer as in the trash since `now`; `false` when there is no such customer in
/// the book.
pub(crate) fn set_trashed(conn: &Connection, id: &str, now: &str) -> Result<bool, StoreError> {
    Ok(conn.execute(
        "UPDATE customers SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, now],
    )? > 0)
}

/// Takes the trash mark off; `false` when the customer is not in the trash.
pub(crate) fn clear_trashed(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn.execute(
        "UPDATE customers SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
        [id],
    )? > 0)
}

/// The ids of the customers in the trash.
pub(crate) fn trashed_ids(conn: &Connection) -> Result<Vec<String>, StoreError> {
    Ok(conn
        .prepare("SELECT id FROM customers WHERE deleted_at IS NOT NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// The ids of the customers in the book (not in the trash).
pub(crate) fn live_ids(conn: &Connection) -> Result<Vec<String>, StoreError> {
    Ok(conn
        .prepare("SELECT id FROM customers WHERE deleted_at IS NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// Deletes a customer's row (their linked rows go with it, `ON DELETE CASCADE`); `false`
/// when there was none.
pub(crate) fn delete(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn.execute("DELETE FROM customers WHERE id = ?1", [id])? > 0)
}

/// Sets a customer's `last_contact` from their interactions.
pub(crate) fn touch_last_contact(conn: &Connection, customer_id: &str) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE customers SET last_contact =
             (SELECT max(at) FROM interactions WHERE customer_id = +?1) WHERE id = +?1",
    )?
    .execute([customer_id])?;
    Ok(())
}

/// Sets every customer's `last_contact` who has interactions (after many were written).
pub(crate) fn touch_all_last_contacts(conn: &Connection) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE customers SET last_contact =
             (SELECT max(at) FROM interactions WHERE customer_id = customers.id)
         WHERE id IN (SELECT DISTINCT customer_id FROM interactions)",
        [],
    )?;
    Ok(())
}

/// A customer's level code; `None` when there is no such customer.
pub(crate) fn level(conn: &Connection, id: &str) -> Result<Option<String>, StoreError> {
    match conn.query_row("SELECT level FROM customers WHERE id = ?1", [id], |r| {
        r.get::<_, String>(0)
    }) {
        Ok(level) => Ok(Some(level)),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Sets a customer's level (the change is kept by the caller).
pub(crate) fn set_level(conn: &Connection, id: &str, to: Level) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE customers SET level = ?2 WHERE id = ?1",
        params![id, to.code()],
    )?;
    Ok(())
}

/// Until when (a date) a customer's prompts stay right.
pub(crate) fn set_prompts_until(
    conn: &Connection,
    id: &str,
    until: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE customers SET prompts_until = ?2 WHERE id = ?1")?
        .execute(params![id, until])?;
    Ok(())
}

/// Marks a customer's prompts for recomputing at the next rollover.
pub(crate) fn invalidate_prompts(conn: &Connection, id: &str) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE customers SET prompts_until = NULL WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Marks every customer's prompts (not in the trash) for recomputing; returns how many.
pub(crate) fn invalidate_all_prompts(conn: &Connection) -> Result<usize, StoreError> {
    Ok(conn.execute(
        "UPDATE customers SET prompts_until = NULL WHERE deleted_at IS NULL",
        [],
    )?)
}

/// The customers (not in the trash) whose prompts may have changed by `today` (a date).
pub(crate) fn prompts_due_for_refresh(
    conn: &Connection,
    today: &str,
) -> Result<Vec<String>, StoreError> {
    Ok(conn
        .prepare(
            "SELECT id FROM customers WHERE deleted_at IS NULL
             AND (prompts_until IS NULL OR prompts_until <= ?1)",
        )?
        .query_map([today], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// The next free `search_rowid`.
pub(crate) fn next_search_rowid(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row(
        "SELECT coalesce(max(search_rowid), 0) + 1 FROM customers",
        [],
        |r| r.get(0),
    )?)
}

/// What the prompts engine reads of a customer's row: name, level, created at, and the
/// birthday's calendar, year, month and day; `None` for a customer who is not in the book
/// (or is in the trash).
pub(crate) type PromptFacts = (
    String,
    String,
    String,
    Option<String>,
    Option<i32>,
    Option<u8>,
    Option<u8>,
);

/// [`PromptFacts`] of a customer in the book.
pub(crate) fn prompt_facts(conn: &Connection, id: &str) -> Result<Option<PromptFacts>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT name, level, created_at, birthday_calendar, birthday_year, birthday_month,
                    birthday_day
             FROM customers WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<i32>>(4)?,
                r.get::<_, Option<u8>>(5)?,
                r.get::<_, Option<u8>>(6)?,
            ))
        })
        .optional()?)
}

#[cfg(test)]
mod tests;
