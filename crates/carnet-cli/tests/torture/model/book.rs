//! The book as read back with SQL, in the shape of the model.

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::FIELDS;

/// One customer as read from the book.
#[derive(Clone, Debug)]
pub struct BookCust {
    pub name: String,
    pub trashed: bool,
    pub level: String,
    pub fields: BTreeMap<&'static str, Option<String>>,
}

#[derive(Clone, Debug)]
pub struct BookImport {
    pub file_name: String,
    pub created: i64,
    pub undone: bool,
}

/// What the book holds, read with SQL, in the shape of the model.
#[derive(Clone, Debug, Default)]
pub struct Book {
    pub schema_version: i64,
    pub customers: BTreeMap<String, BookCust>,
    pub interactions: BTreeMap<String, String>,
    pub family: BTreeMap<String, String>,
    pub level_changes: BTreeMap<String, usize>,
    pub imports: BTreeMap<String, BookImport>,
    /// Import id to (customer id, created).
    pub links: BTreeMap<String, BTreeMap<String, bool>>,
}

fn text(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.is_empty())
}

impl Book {
    /// The schema version alone (the rest may not be readable at another version).
    pub fn schema_version(conn: &Connection) -> rusqlite::Result<i64> {
        conn.pragma_query_value(None, "user_version", |r| r.get(0))
    }

    pub fn read(conn: &Connection) -> rusqlite::Result<Book> {
        let mut book = Book {
            schema_version: Book::schema_version(conn)?,
            ..Book::default()
        };
        let mut stmt = conn.prepare(
            "SELECT id, name, deleted_at IS NOT NULL, level, notes, company, occupation, hobbies,
                    wechat, region, address, budget_min, budget_max
             FROM customers",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let mut fields = BTreeMap::new();
            for (i, field) in FIELDS[..7].iter().enumerate() {
                fields.insert(*field, text(r.get(4 + i)?));
            }
            let (min, max): (Option<i64>, Option<i64>) = (r.get(11)?, r.get(12)?);
            let budget =
                max.map(|max| format!("{}-{max}", min.map(|m| m.to_string()).unwrap_or_default()));
            fields.insert("budget", budget);
            fields.insert("tags", None);
            let cust = BookCust {
                name: r.get(1)?,
                trashed: r.get(2)?,
                level: r.get(3)?,
                fields,
            };
            book.customers.insert(r.get(0)?, cust);
        }
        let mut stmt = conn
            .prepare("SELECT customer_id, tag FROM customer_tags ORDER BY customer_id, position")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, tag): (String, String) = (r.get(0)?, r.get(1)?);
            if let Some(c) = book.customers.get_mut(&id) {
                let tags = c.fields.entry("tags").or_default();
                *tags = Some(match tags.take() {
                    Some(t) => format!("{t},{tag}"),
                    None => tag,
                });
            }
        }
        book.interactions = pairs(conn, "SELECT id, customer_id FROM interactions")?;
        book.family = pairs(conn, "SELECT id, customer_id FROM family_members")?;
        let mut stmt =
            conn.prepare("SELECT customer_id, count(*) FROM level_changes GROUP BY customer_id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let n: i64 = r.get(1)?;
            book.level_changes
                .insert(r.get(0)?, usize::try_from(n).unwrap_or(0));
        }
        let mut stmt =
            conn.prepare("SELECT id, file_name, created, undone_at IS NOT NULL FROM imports")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let import = BookImport {
                file_name: r.get(1)?,
                created: r.get(2)?,
                undone: r.get(3)?,
            };
            book.imports.insert(r.get(0)?, import);
        }
        let mut stmt =
            conn.prepare("SELECT import_id, customer_id, created FROM import_customers")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (import, customer, created): (String, String, bool) =
                (r.get(0)?, r.get(1)?, r.get(2)?);
            book.links
                .entry(import)
                .or_default()
                .insert(customer, created);
        }
        Ok(book)
    }
}

fn pairs(conn: &Connection, sql: &str) -> rusqlite::Result<BTreeMap<String, String>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}
