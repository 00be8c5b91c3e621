//! The search index: the full-text tables `customer_search` and `customer_short`, keyed by
//! the customer row's `search_rowid` (written here with the row's sort keys), and the search
//! itself (which reads the page's rows from `customers`).

use carnet_core::{CustomerSummary, Filter, Profile, Query, SearchKeys};
use rusqlite::types::Value;
use rusqlite::{Connection, params, params_from_iter};

use crate::rows::{Batch, SUMMARY_COLUMNS, collect_summaries};
use crate::{Store, StoreError};

/// How a page of the customer list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// The newest first.
    Newest,
    /// By the pinyin of the name (张三 under z), as a Chinese consultant reads a list.
    Pinyin,
    /// The most recently contacted first; never contacted last.
    LastContact,
}

/// The schema version that gave the index the shape this code writes.
pub(crate) const SINCE_VERSION: u32 = 7;

/// The setting that records which recipe of search keys the index was built with.
pub(crate) const KEYS_VERSION_SETTING: &str = "search_keys_version";

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
        .query_row(params![id, keys.sort_key, keys.initials], |row| row.get(0))?;
    for table in ["customer_search", "customer_short"] {
        conn.prepare_cached(&format!("DELETE FROM {table} WHERE rowid = ?1"))?
            .execute([rowid])?;
    }
    write_entry(conn, rowid, &keys)
}

/// The full-text row and the grams of the customer at `rowid`.
fn write_entry(conn: &Connection, rowid: i64, keys: &SearchKeys) -> Result<(), StoreError> {
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
    conn.prepare_cached("INSERT INTO customer_short (rowid, grams) VALUES (?1, ?2)")?
        .execute(params![rowid, gram_words(keys)])?;
    Ok(())
}

/// A customer's grams as the words of `customer_short`.
fn gram_words(keys: &SearchKeys) -> String {
    let words: Vec<String> = keys
        .grams
        .iter()
        .map(|g| gram_word(g.rank, &g.text))
        .collect();
    words.join(" ")
}

/// A gram with its rank as one word: the rank, then the gram's UTF-8 bytes in hex.
fn gram_word(rank: u8, gram: &str) -> String {
    let mut word = rank.to_string();
    for b in gram.as_bytes() {
        word.push_str(&format!("{b:02X}"));
    }
    word
}

/// The index entries of new customers (a bulk insert), whose rows carry their sort keys and
/// `search_rowid`: through a temporary table into both indexes in one statement each at the
/// end (FTS5 flushes its pending data at every statement that writes to it, so one row at a
/// time writes one tiny segment per customer).
pub(crate) struct NewEntries {
    pending: Batch,
}

impl NewEntries {
    pub(crate) fn start(conn: &Connection) -> Result<NewEntries, StoreError> {
        conn.execute_batch(
            "DROP TABLE IF EXISTS temp.pending_search;
             CREATE TEMP TABLE pending_search (
                 rowid INTEGER PRIMARY KEY, name, pinyin, initials, phones, other, grams);",
        )?;
        Ok(NewEntries {
            pending: Batch::new(
                "temp.pending_search (rowid, name, pinyin, initials, phones, other, grams)",
                7,
            ),
        })
    }

    pub(crate) fn push(&mut self, rowid: i64, keys: &SearchKeys) {
        let text = |t: &String| Value::Text(t.clone());
        self.pending.row([
            Value::Integer(rowid),
            text(&keys.name),
            text(&keys.pinyin),
            text(&keys.initials),
            text(&keys.phones),
            text(&keys.other),
            Value::Text(gram_words(keys)),
        ]);
    }

    /// The rows added so far; this starts again empty.
    pub(crate) fn take(&mut self) -> NewEntries {
        NewEntries {
            pending: self.pending.take(),
        }
    }

    /// Writes the entries added so far into the pending table, keeping them (see
    /// [`Batch::write`]).
    pub(crate) fn write(&self, conn: &Connection) -> Result<(), StoreError> {
        self.pending.write(conn)
    }
}

/// Moves the index entries of new customers (`NewEntries`, written) into the indexes.
pub(crate) fn write_pending(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch(
        "INSERT INTO customer_search (rowid, name, pinyin, initials, phones, other)
             SELECT rowid, name, pinyin, initials, phones, other FROM temp.pending_search;
         INSERT INTO customer_short (rowid, grams)
             SELECT rowid, grams FROM temp.pending_search;
         DELETE FROM temp.pending_search;",
    )?;
    Ok(())
}

/// Removes a customer's index entries (when they go to the trash, or before the customer row
/// is deleted): nobody in the trash is found by a search.
pub(crate) fn unindex(conn: &Connection, id: &str) -> Result<(), StoreError> {
    for table in ["customer_search", "customer_short"] {
        conn.prepare_cached(&format!(
            "DELETE FROM {table} WHERE rowid = (SELECT search_rowid FROM customers WHERE id = ?1)"
        ))?
        .execute([id])?;
    }
    Ok(())
}

/// Empties both indexes (before they are rebuilt).
pub(crate) fn clear(conn: &Connection) -> Result<(), StoreError> {
    conn.execute("DELETE FROM customer_search", [])?;
    conn.execute(
        "INSERT INTO customer_short (customer_short) VALUES ('delete-all')",
        [],
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
    /// A page of the customers the filter shows (the trash left out) and, for the first page
    /// (`offset` 0), how many it shows in all. With words to search for, the best matches come first: exact matches of the name,
    /// pinyin, initials or a whole phone number; then those starting with the words; then the
    /// rest, the most recently added first. Words of three characters or more use the trigram
    /// index over everything a customer is found by (models, tags, notes …); shorter ones are
    /// looked up, already ranked, among the grams (pieces of the name, the start of the pinyin,
    /// initials, models and tags). Without words, customers come in `order`. Only the page's
    /// rows are read from the customers table, unless filters must look at them first.
    pub fn search_customers(
        &self,
        filter: &Filter,
        order: Order,
        offset: u32,
        limit: u32,
    ) -> Result<(Vec<CustomerSummary>, Option<u64>), StoreError> {
        let mut sql = Sql::default();
        let mut conditions = vec!["c.deleted_at IS NULL".to_owned()];
        let hits = filter.query.as_ref().map(|query| hits(&mut sql, query));
        if !filter.levels.is_empty() {
            let levels: Vec<String> = filter
                .levels
                .iter()
                .map(|l| format!("'{}'", l.code()))
                .collect();
            conditions.push(format!("c.level IN ({})", levels.join(", ")));
        }
        if let Some(model) = &filter.model {
            let (low, high) = prefix_range(&mut sql, model);
            conditions.push(format!(
                "c.id IN (SELECT customer_id FROM customer_models WHERE model >= {low} AND model < {high})"
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
        if let Some(ids) = &filter.ids {
            let list =
                serde_json::to_string(ids).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let list = sql.bind(list);
            conditions.push(format!("c.id IN (SELECT value FROM json_each({list}))"));
        }
        if let Some(channel) = &filter.channel {
            let ch = sql.bind(channel.clone());
            conditions.push(format!("c.channel = {ch} COLLATE NOCASE"));
        }
        let where_ = conditions.join(" AND ");
        let (count_sql, page_sql) = match (&hits, filter.has_filters()) {
            (None, _) => {
                let order_by = match order {
                    Order::Newest => "c.created_at DESC, c.id DESC",
                    Order::Pinyin => "c.name_pinyin, c.name, c.id",
                    Order::LastContact => "c.last_contact DESC, c.id DESC",
                };
                (
                    format!("SELECT count(*) FROM customers c WHERE {where_}"),
                    format!(
                        "SELECT {SUMMARY_COLUMNS} FROM customers c WHERE {where_} ORDER BY {order_by}"
                    ),
                )
            }
            // Only the page is joined with the customers table; hits are counted on their own.
            (Some(hits), false) => (
                String::new(),
                format!(
                    "SELECT {SUMMARY_COLUMNS} FROM (SELECT r, rank FROM ({hits})
                         ORDER BY rank, r DESC LIMIT {{limit}} OFFSET {{offset}}) h
                     CROSS JOIN customers c ON c.search_rowid = h.r
                     ORDER BY h.rank, h.r DESC"
                ),
            ),
            // Filters look at every hit before the page is cut.
            (Some(hits), true) => (
                format!(
                    "SELECT count(*) FROM ({hits}) h CROSS JOIN customers c ON c.search_rowid = h.r
                     WHERE {where_}"
                ),
                format!(
                    "SELECT {SUMMARY_COLUMNS} FROM ({hits}) h
                     CROSS JOIN customers c ON c.search_rowid = h.r
                     WHERE {where_} ORDER BY h.rank, h.r DESC LIMIT {{limit}} OFFSET {{offset}}"
                ),
            ),
        };
        let mut count = (count_sql, sql.values.clone());
        if count.0.is_empty()
            && let Some(query) = &filter.query
        {
            let mut own = Sql::default();
            count.0 = hits_count(&mut own, query);
            count.1 = own.values;
        }
        let (limit_p, offset_p) = (sql.bind(i64::from(limit)), sql.bind(i64::from(offset)));
        let page_sql = if page_sql.contains("{limit}") {
            page_sql
                .replace("{limit}", &limit_p)
                .replace("{offset}", &offset_p)
        } else {
            format!("{page_sql} LIMIT {limit_p} OFFSET {offset_p}")
        };
        let mut stmt = self.conn.prepare_cached(&page_sql)?;
        let page = collect_summaries(stmt.query(params_from_iter(&sql.values))?)?;
        // Matches are counted for the first page only; a first page that is not full holds
        // them all.
        if offset > 0 {
            return Ok((page, None));
        }
        if page.len() < limit as usize {
            let total = page.len() as u64;
            return Ok((page, Some(total)));
        }
        let total: i64 = self
            .conn
            .prepare_cached(&count.0)?
            .query_row(params_from_iter(&count.1), |r| r.get(0))?;
        Ok((page, Some(u64::try_from(total).unwrap_or(0))))
    }
}

/// The customers a query finds, as `(r, rank)` rows: `r` the search rowid (the larger, the
/// more recently added), `rank` 0 exact, 1 starts with, 2 elsewhere.
fn hits(sql: &mut Sql, query: &Query) -> String {
    let exact = query.text.as_str();
    if query.len() < 3 {
        // A customer has each gram once, with its best rank.
        let [w0, w1, w2] =
            [0, 1, 2].map(|rank| sql.bind(format!("\"{}\"", gram_word(rank, exact))));
        return format!(
            "SELECT rowid AS r, 0 AS rank FROM customer_short WHERE customer_short MATCH {w0}
             UNION ALL SELECT rowid, 1 FROM customer_short WHERE customer_short MATCH {w1}
             UNION ALL SELECT rowid, 2 FROM customer_short WHERE customer_short MATCH {w2}"
        );
    }
    let q = sql.bind(exact.to_owned());
    let prefix = sql.bind(format!("{}%", like_escape(exact)));
    let phrase = format!("\"{}\"", exact.replace('"', "\"\""));
    let identity = sql.bind(format!("{{{IDENTITY}}} : {phrase}"));
    let elsewhere = sql.bind(format!(
        "{{other}} : {phrase} NOT {{{IDENTITY}}} : {phrase}"
    ));
    // Ranks need the identity columns of identity matches only; the rest (notes, models …)
    // come in rowid order without reading their text.
    format!(
        "SELECT s.rowid AS r, CASE
             WHEN s.name = {q} OR s.pinyin = {q} OR s.initials = {q}
                  OR (' ' || s.phones || ' ') LIKE ('% ' || {q} || ' %') THEN 0
             WHEN s.name LIKE {prefix} ESCAPE '\\' OR s.pinyin LIKE {prefix} ESCAPE '\\'
                  OR s.initials LIKE {prefix} ESCAPE '\\' THEN 1
             ELSE 2 END AS rank
         FROM customer_search s WHERE customer_search MATCH {identity}
         UNION ALL
         SELECT rowid, 2 FROM customer_search WHERE customer_search MATCH {elsewhere}"
    )
}

/// How many customers a query finds (what `hits` returns, counted without reading any text).
fn hits_count(sql: &mut Sql, query: &Query) -> String {
    let exact = query.text.as_str();
    if query.len() < 3 {
        let words: Vec<String> = (0..3)
            .map(|rank| format!("\"{}\"", gram_word(rank, exact)))
            .collect();
        let q = sql.bind(words.join(" OR "));
        return format!("SELECT count(*) FROM customer_short WHERE customer_short MATCH {q}");
    }
    let phrase = format!("\"{}\"", exact.replace('"', "\"\""));
    let identity = sql.bind(format!("{{{IDENTITY}}} : {phrase}"));
    let elsewhere = sql.bind(format!(
        "{{other}} : {phrase} NOT {{{IDENTITY}}} : {phrase}"
    ));
    format!(
        "SELECT (SELECT count(*) FROM customer_search WHERE customer_search MATCH {identity})
              + (SELECT count(*) FROM customer_search WHERE customer_search MATCH {elsewhere})"
    )
}

/// The columns a customer is identified by (as opposed to the other text).
const IDENTITY: &str = "name pinyin initials phones";

/// Binds the bounds of "starts with `prefix`" for an indexed range: every text starting with
/// it sorts between it and it + U+10FFFF (NOCASE columns make it case-insensitive).
fn prefix_range(sql: &mut Sql, prefix: &str) -> (String, String) {
    (
        sql.bind(prefix.to_owned()),
        sql.bind(format!("{prefix}\u{10FFFF}")),
    )
}

#[cfg(test)]
mod tests;
