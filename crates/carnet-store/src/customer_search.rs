//! Queries on the `customer_search` table: the full-text index of what customers can be
//! found by, and the search itself.

use carnet_core::phone::Phone;
use carnet_core::search::SEARCH_KEYS_VERSION;
use carnet_core::{Customer, Query, SearchKeys};
use rusqlite::{Connection, params};

use crate::customers::{COLUMNS, collect};
use crate::{Store, StoreError};

/// The schema version that created the index.
pub(crate) const SINCE_VERSION: u32 = 3;

/// The setting that records which recipe of search keys the index was built with.
const KEYS_VERSION_SETTING: &str = "search_keys_version";

/// Writes (or rewrites) one customer's index entry, after the customer row is written and
/// inside the same transaction. A customer gets their `search_rowid` the first time.
pub(crate) fn index(
    conn: &Connection,
    id: &str,
    name: &str,
    phone: Option<&Phone>,
) -> Result<(), StoreError> {
    let phones: Vec<&Phone> = phone.into_iter().collect();
    let keys = SearchKeys::new(name, &phones);
    let rowid: i64 = conn.query_row(
        "UPDATE customers SET name_pinyin = ?2, name_initials = ?3, search_rowid = coalesce(
             search_rowid, (SELECT coalesce(max(search_rowid), 0) + 1 FROM customers))
         WHERE id = ?1 RETURNING search_rowid",
        params![id, keys.pinyin, keys.initials],
        |row| row.get(0),
    )?;
    conn.execute("DELETE FROM customer_search WHERE rowid = ?1", [rowid])?;
    conn.execute(
        "INSERT INTO customer_search (rowid, name, pinyin, initials, phones)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![rowid, keys.name, keys.pinyin, keys.initials, keys.phones],
    )?;
    Ok(())
}

/// Removes a customer's index entry; call it before the customer row is deleted.
pub(crate) fn unindex(conn: &Connection, id: &str) -> Result<(), StoreError> {
    conn.execute(
        "DELETE FROM customer_search
         WHERE rowid = (SELECT search_rowid FROM customers WHERE id = ?1)",
        [id],
    )?;
    Ok(())
}

/// `'%'`, `'_'` and the escape character itself, escaped for `LIKE … ESCAPE '\'`.
fn like_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl Store {
    /// Rebuilds the whole index if it was built with another recipe of search keys (or never).
    pub(crate) fn ensure_search_index(&self) -> Result<(), StoreError> {
        let built = self.setting(KEYS_VERSION_SETTING)?;
        if built.as_deref() == Some(SEARCH_KEYS_VERSION.to_string().as_str()) {
            return Ok(());
        }
        let tx = self.conn.unchecked_transaction()?;
        tx.execute("DELETE FROM customer_search", [])?;
        let customers = self.customers()?;
        for c in &customers {
            index(&tx, &c.id, &c.name, c.phone.as_ref())?;
        }
        self.set_setting(KEYS_VERSION_SETTING, &SEARCH_KEYS_VERSION.to_string())?;
        tx.commit()?;
        tracing::info!(customers = customers.len(), "rebuilt the search index");
        Ok(())
    }

    /// Customers matching the query, best first: exact matches of the name, pinyin, initials
    /// or a whole phone number; then those starting with the query; then the rest, newest
    /// first. Queries of three characters or more use the trigram index; shorter ones look at
    /// the start of the pinyin and initials (Latin letters) or anywhere in the name.
    pub fn search_customers(&self, query: &Query, limit: u32) -> Result<Vec<Customer>, StoreError> {
        let exact = query.text.as_str();
        let prefix = format!("{}%", like_escape(exact));
        let cols = COLUMNS
            .split(", ")
            .map(|c| format!("c.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let order = "c.created_at DESC, c.id DESC";
        let (sql, needle) = if query.len() >= 3 {
            let sql = format!(
                "SELECT {cols} FROM customer_search s JOIN customers c ON c.search_rowid = s.rowid
                 WHERE customer_search MATCH ?3
                 ORDER BY CASE
                     WHEN s.name = ?1 OR s.pinyin = ?1 OR s.initials = ?1
                          OR (' ' || s.phones || ' ') LIKE ('% ' || ?1 || ' %') THEN 0
                     WHEN s.name LIKE ?2 ESCAPE '\\' OR s.pinyin LIKE ?2 ESCAPE '\\'
                          OR s.initials LIKE ?2 ESCAPE '\\' THEN 1
                     ELSE 2 END, {order}
                 LIMIT ?4"
            );
            (sql, format!("\"{}\"", exact.replace('"', "\"\"")))
        } else if exact.chars().all(|c| c.is_ascii_alphabetic()) {
            // Index ranges: every key starting with the query sorts between it and it + U+10FFFF.
            let sql = format!(
                "SELECT {cols} FROM customers c
                 WHERE (c.name_initials >= ?1 AND c.name_initials < ?3)
                    OR (c.name_pinyin >= ?1 AND c.name_pinyin < ?3)
                 ORDER BY CASE WHEN c.name_initials = ?1 OR c.name_pinyin = ?1 THEN 0
                               WHEN c.name_initials LIKE ?2 ESCAPE '\\' THEN 1 ELSE 2 END, {order}
                 LIMIT ?4"
            );
            (sql, format!("{exact}\u{10FFFF}"))
        } else {
            let sql = format!(
                "SELECT {cols} FROM customers c
                 WHERE c.name LIKE ?3 ESCAPE '\\'
                 ORDER BY CASE WHEN c.name = ?1 THEN 0 WHEN c.name LIKE ?2 ESCAPE '\\' THEN 1
                          ELSE 2 END, {order}
                 LIMIT ?4"
            );
            (sql, format!("%{}%", like_escape(exact)))
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        collect(stmt.query(params![exact, prefix, needle, limit])?)
    }
}
