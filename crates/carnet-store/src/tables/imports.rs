//! The `imports` and `import_customers` tables: each import's record, and what it did to
//! each customer it touched (created, the fields it filled, the family members and
//! interactions it added), so that it can be undone.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::rows::collect_rows;
use crate::{Store, StoreError};

/// An import as listed (and undone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRecord {
    pub id: String,
    /// Local time, 'YYYY-MM-DD HH:MM:SS'.
    pub at: String,
    pub file_name: String,
    pub format: String,
    pub policy: String,
    pub created: u64,
    pub updated: u64,
    pub skipped: u64,
    pub invalid: u64,
    pub backup: Option<String>,
    pub undone_at: Option<String>,
}

const COLUMNS: &str =
    "id, at, file_name, format, policy, created, updated, skipped, invalid, backup, undone_at";

fn from_row(row: &Row<'_>) -> Result<ImportRecord, StoreError> {
    let count = |i: usize| -> Result<u64, StoreError> {
        Ok(u64::try_from(row.get::<_, i64>(i)?).unwrap_or(0))
    };
    Ok(ImportRecord {
        id: row.get(0)?,
        at: row.get(1)?,
        file_name: row.get(2)?,
        format: row.get(3)?,
        policy: row.get(4)?,
        created: count(5)?,
        updated: count(6)?,
        skipped: count(7)?,
        invalid: count(8)?,
        backup: row.get(9)?,
        undone_at: row.get(10)?,
    })
}

/// What links an import to the customers it touched.
pub(crate) const LINK_HEAD: &str =
    "import_customers (import_id, customer_id, created, filled, family_ids, interaction_ids)";
/// The link to a customer the import created (nothing filled, nothing added).
pub(crate) const CREATED_HEAD: &str = "import_customers (import_id, customer_id, created)";

/// Adds an import's record (not undone).
pub(crate) fn insert(conn: &Connection, r: &ImportRecord) -> Result<(), StoreError> {
    conn.execute(
        &format!(
            "INSERT INTO imports ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULL)"
        ),
        params![
            r.id,
            r.at,
            r.file_name,
            r.format,
            r.policy,
            r.created as i64,
            r.updated as i64,
            r.skipped as i64,
            r.invalid as i64,
            r.backup
        ],
    )?;
    Ok(())
}

/// Links an import to a customer it did not create: the fields it filled (JSON) and the ids
/// of the family members and interactions it added (JSON lists).
pub(crate) fn link_filled(
    conn: &Connection,
    import_id: &str,
    customer_id: &str,
    filled: &str,
    family_ids: &str,
    interaction_ids: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached(&format!(
        "INSERT INTO {LINK_HEAD} VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    ))?
    .execute(params![
        import_id,
        customer_id,
        0,
        filled,
        family_ids,
        interaction_ids
    ])?;
    Ok(())
}

/// Whether there is such an import and it was not undone.
pub(crate) fn is_open(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    let open: Option<bool> = conn
        .query_row(
            "SELECT undone_at IS NULL FROM imports WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(open == Some(true))
}

/// What an import did to a customer: their id, whether it created them, the fields it filled
/// (JSON), the family members and the interactions it added (JSON lists of ids).
pub(crate) type Link = (String, bool, String, String, String);

/// Every customer an import touched.
pub(crate) fn links(conn: &Connection, id: &str) -> Result<Vec<Link>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT customer_id, created, filled, family_ids, interaction_ids
         FROM import_customers WHERE import_id = ?1",
    )?;
    Ok(stmt
        .query_map([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<Result<_, _>>()?)
}

/// Marks an import undone at `at` (local time).
pub(crate) fn mark_undone(conn: &Connection, id: &str, at: &str) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE imports SET undone_at = ?2 WHERE id = ?1",
        params![id, at],
    )?;
    Ok(())
}

impl Store {
    /// Every import, newest first.
    pub fn imports(&self) -> Result<Vec<ImportRecord>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM imports ORDER BY at DESC, id DESC"
        ))?;
        collect_rows(stmt.query([])?, from_row)
    }

    pub fn import(&self, id: &str) -> Result<Option<ImportRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM imports WHERE id = ?1"))?;
        stmt.query_row([id], |row| Ok(from_row(row)))
            .optional()?
            .transpose()
    }
}
