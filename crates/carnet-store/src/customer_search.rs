//! Queries on the `customer_search` table: the full-text index of what customers can be
//! found by, and the search itself.

use carnet_core::search::SEARCH_KEYS_VERSION;
use carnet_core::{CustomerSummary, Filter, Profile, SearchKeys};
use rusqlite::types::Value;
use rusqlite::{Connection, params, params_from_iter};

use crate::customers::{Order, SUMMARY_COLUMNS, collect_summaries};
use crate::{Store, StoreError};

/// The schema version that gave the index the shape this code writes.
pub(crate) const SINCE_VERSION: u32 = 4;

/// The setting that records which recipe of search keys the index was built with.
const KEYS_VERSION_SETTING: &str = "search_keys_version";

/// Writes (or rewrites) one customer's index entry, after the customer row is written and
/// inside the same transaction. A customer gets their `search_rowid` the first time.
pub(crate) fn index(conn: &Connection, id: &str, profile: &Profile) -> Result<(), StoreError> {
    let keys = SearchKeys::of(profile);
    let rowid: i64 = conn
        .prepare_cached(
            "UPDATE customers SET name_pinyin = ?2, name_initials = ?3, search_rowid = coalesce(
                 search_rowid, (SELECT coalesce(max(search_rowid), 0) + 1 FROM customers))
             WHERE id = ?1 RETURNING search_rowid",
        )?
        .query_row(params![id, keys.pinyin, keys.initials], |row| row.get(0))?;
    conn.prepare_cached("DELETE FROM customer_search WHERE rowid = ?1")?
        .execute([rowid])?;
    conn.prepare_cached(
        "INSERT INTO customer_search (rowid, name, pinyin, initials, phones, other)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        rowid,
        keys.name,
        keys.pinyin,
        keys.initials,
        keys.phones,
        keys.other
    ])?;
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

/// A query under construction: SQL text and the values bound to its `?N` parameters.
#[derive(Default)]
struct Sql {
    values: Vec<Value>,
}

impl Sql {
    /// Binds a value and returns its placeholder.
    fn bind(&mut self, value: impl Into<Value>) -> String {
        self.values.push(value.into());
        format!("?{}", self.values.len())
    }
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
        let ids: Vec<String> = tx
            .prepare("SELECT id FROM customers")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for id in &ids {
            if let Some(c) = crate::customers::read(&tx, id)? {
                index(&tx, id, &c.profile)?;
            }
        }
        self.set_setting(KEYS_VERSION_SETTING, &SEARCH_KEYS_VERSION.to_string())?;
        tx.commit()?;
        tracing::info!(customers = ids.len(), "rebuilt the search index");
        Ok(())
    }

    /// A page of the customers the filter shows (the trash left out) and how many it shows in
    /// all. With words to search for, the best matches come first: exact matches of the name,
    /// pinyin, initials or a whole phone number; then those starting with the words; then the
    /// rest, newest first. Words of three characters or more use the trigram index over
    /// everything a customer is found by (models, tags, notes …); shorter ones look at the
    /// start of the pinyin and initials (Latin letters) or anywhere in the name, and at the
    /// start of models and tags. Without words, customers come in `order`.
    pub fn search_customers(
        &self,
        filter: &Filter,
        order: Order,
        offset: u32,
        limit: u32,
    ) -> Result<(Vec<CustomerSummary>, u64), StoreError> {
        let mut sql = Sql::default();
        let mut from = "customers c".to_owned();
        let mut conditions = vec!["c.deleted_at IS NULL".to_owned()];
        let newest = "c.created_at DESC, c.id DESC";
        let mut order_by = match order {
            Order::Newest => newest.to_owned(),
            Order::Pinyin => "c.name_pinyin, c.name, c.id".to_owned(),
        };
        if let Some(query) = &filter.query {
            let exact = query.text.as_str();
            let q = sql.bind(exact.to_owned());
            let prefix = sql.bind(format!("{}%", like_escape(exact)));
            let model_or_tag = format!(
                "c.id IN (SELECT customer_id FROM customer_models WHERE model LIKE {prefix} ESCAPE '\\')
                 OR c.id IN (SELECT customer_id FROM customer_tags WHERE tag LIKE {prefix} ESCAPE '\\')"
            );
            if query.len() >= 3 {
                from = "customer_search s JOIN customers c ON c.search_rowid = s.rowid".to_owned();
                let needle = sql.bind(format!("\"{}\"", exact.replace('"', "\"\"")));
                conditions.push(format!("customer_search MATCH {needle}"));
                order_by = format!(
                    "CASE WHEN s.name = {q} OR s.pinyin = {q} OR s.initials = {q}
                          OR (' ' || s.phones || ' ') LIKE ('% ' || {q} || ' %') THEN 0
                     WHEN s.name LIKE {prefix} ESCAPE '\\' OR s.pinyin LIKE {prefix} ESCAPE '\\'
                          OR s.initials LIKE {prefix} ESCAPE '\\' THEN 1
                     ELSE 2 END, {newest}"
                );
            } else if exact.chars().all(|c| c.is_ascii_alphabetic()) {
                // Index ranges: every key starting with the query sorts between it and it + U+10FFFF.
                let end = sql.bind(format!("{exact}\u{10FFFF}"));
                conditions.push(format!(
                    "((c.name_initials >= {q} AND c.name_initials < {end})
                      OR (c.name_pinyin >= {q} AND c.name_pinyin < {end}) OR {model_or_tag})"
                ));
                order_by = format!(
                    "CASE WHEN c.name_initials = {q} OR c.name_pinyin = {q} THEN 0
                          WHEN c.name_initials LIKE {prefix} ESCAPE '\\' THEN 1 ELSE 2 END, {newest}"
                );
            } else {
                let anywhere = sql.bind(format!("%{}%", like_escape(exact)));
                conditions.push(format!(
                    "(c.name LIKE {anywhere} ESCAPE '\\' OR {model_or_tag})"
                ));
                order_by = format!(
                    "CASE WHEN c.name = {q} THEN 0 WHEN c.name LIKE {prefix} ESCAPE '\\' THEN 1
                          ELSE 2 END, {newest}"
                );
            }
        }
        if !filter.levels.is_empty() {
            let levels: Vec<String> = filter
                .levels
                .iter()
                .map(|l| format!("'{}'", l.code()))
                .collect();
            conditions.push(format!("c.level IN ({})", levels.join(", ")));
        }
        if let Some(model) = &filter.model {
            let m = sql.bind(format!("{}%", like_escape(model)));
            conditions.push(format!(
                "c.id IN (SELECT customer_id FROM customer_models WHERE model LIKE {m} ESCAPE '\\')"
            ));
        }
        if let Some((low, high)) = filter.budget_range() {
            let (low, high) = (sql.bind(low), sql.bind(high));
            conditions.push(format!(
                "c.budget_max >= {low} AND coalesce(c.budget_min, 0) <= {high}"
            ));
        }
        for tag in &filter.tags {
            let t = sql.bind(tag.clone());
            conditions.push(format!(
                "c.id IN (SELECT customer_id FROM customer_tags WHERE tag = {t})"
            ));
        }
        if let Some(source) = filter.source {
            conditions.push(format!("c.source = '{}'", source.code()));
        }
        let where_ = conditions.join(" AND ");
        let total: i64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM {from} WHERE {where_}"))?
            .query_row(params_from_iter(&sql.values), |r| r.get(0))?;
        let limit = sql.bind(i64::from(limit));
        let offset = sql.bind(i64::from(offset));
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM {from} WHERE {where_} ORDER BY {order_by}
             LIMIT {limit} OFFSET {offset}"
        ))?;
        let page = collect_summaries(stmt.query(params_from_iter(&sql.values))?)?;
        Ok((page, u64::try_from(total).unwrap_or(0)))
    }
}
