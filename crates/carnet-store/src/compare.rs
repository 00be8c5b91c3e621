//! What a book's prompt refresh left in it, as text: for tests that hold two ways of
//! recomputing the prompts (in steps, or in one unit of work) to the same result.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::StoreError;

/// Every row of the tables the prompts' refresh writes (the prompts, the prompt log, the
/// standings and level snapshots, each customer's prompts horizon, the prompts' day and the
/// rules), each row as text prefixed with its query, sorted. Read through a read-only
/// connection of its own.
pub fn prompt_state(path: &Path) -> Result<Vec<String>, StoreError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut rows = Vec::new();
    for query in [
        "SELECT * FROM prompts",
        "SELECT * FROM prompt_log",
        "SELECT * FROM customer_standing",
        "SELECT * FROM level_snapshots",
        "SELECT id, prompts_until FROM customers",
        "SELECT key, value FROM settings WHERE key IN ('prompts_day', 'followup_rules')",
    ] {
        let mut stmt = conn.prepare(query)?;
        let width = stmt.column_count();
        let mut found = stmt.query([])?;
        while let Some(row) = found.next()? {
            let cells = (0..width)
                .map(|i| Ok(format!("{:?}", row.get_ref(i)?)))
                .collect::<Result<Vec<String>, rusqlite::Error>>()?;
            rows.push(format!("{query}: {}", cells.join(" | ")));
        }
    }
    rows.sort();
    Ok(rows)
}
