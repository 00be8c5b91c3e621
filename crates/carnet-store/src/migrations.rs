//! The migration runner: numbered `.sql` files, embedded in the binary, applied in order, one
//! transaction each, with `PRAGMA user_version` recording how far a book has come.
//!
//! Migrations are append-only: a released file is never edited, a change is a new file.

use rusqlite::Connection;

use crate::StoreError;

/// One numbered schema step.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

macro_rules! migration {
    ($version:literal, $name:literal) => {
        Migration {
            version: $version,
            name: $name,
            sql: include_str!(concat!("../migrations/", $name, ".sql")),
        }
    };
}

/// Every migration, in order. Add new files at the end; never edit or reorder one.
pub const MIGRATIONS: &[Migration] = &[
    migration!(1, "0001_customers"),
    migration!(2, "0002_settings"),
    migration!(3, "0003_customer_search"),
    migration!(4, "0004_profile"),
    migration!(5, "0005_interactions"),
    migration!(6, "0006_imports"),
    migration!(7, "0007_short_queries"),
    migration!(8, "0008_leaner_writes"),
    migration!(9, "0009_search_hash"),
    migration!(10, "0010_erased_customers"),
    migration!(11, "0011_kept_as_said"),
    migration!(12, "0012_quicker_imports"),
    migration!(13, "0013_differentiate"),
    migration!(14, "0014_catalogue"),
    migration!(15, "0015_quotes"),
    migration!(16, "0016_templates"),
    migration!(17, "0017_report_speed"),
    migration!(18, "0018_today_plan"),
    migration!(19, "0019_fewer_merges"),
    migration!(20, "0020_entry_levels"),
    migration!(21, "0021_unused_kind_index"),
    migration!(22, "0022_compliance_index"),
    migration!(23, "0023_prompt_log_groups"),
];

/// The schema version this build of Carnet writes.
pub fn latest_version(migrations: &[Migration]) -> u32 {
    migrations.last().map_or(0, |m| m.version)
}

pub(crate) fn user_version(conn: &Connection) -> Result<u32, StoreError> {
    let v: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    Ok(u32::try_from(v).unwrap_or(u32::MAX))
}

/// Applies every migration above the book's version, each in its own transaction together
/// with the new `user_version`, so a failed step leaves the book at the previous version.
pub(crate) fn apply(conn: &mut Connection, migrations: &[Migration]) -> Result<u32, StoreError> {
    apply_after(conn, migrations, |_, _| Ok(()))
}

/// [`apply`], with `prepare` run first in the first migration's transaction (given the
/// book's version before it), when there is one to apply.
pub(crate) fn apply_after(
    conn: &mut Connection,
    migrations: &[Migration],
    prepare: impl Fn(&Connection, u32) -> Result<(), StoreError>,
) -> Result<u32, StoreError> {
    let start = user_version(conn)?;
    let mut current = start;
    for m in migrations.iter().filter(|m| m.version > start) {
        let tx = conn.transaction()?;
        if current == start {
            prepare(&tx, start)?;
        }
        tx.execute_batch(m.sql)
            .map_err(|source| StoreError::Migration {
                version: m.version,
                name: m.name,
                source,
            })?;
        tx.pragma_update(None, "user_version", m.version)?;
        tx.commit()?;
        tracing::info!(version = m.version, name = m.name, "applied migration");
        current = m.version;
    }
    Ok(current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_one_by_one_and_match_their_files() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version as usize, i + 1, "{} is out of sequence", m.name);
            assert!(
                m.name.starts_with(&format!("{:04}_", m.version)),
                "{} does not start with its number",
                m.name
            );
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .expect("migrations folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            // SHA256SUMS beside them records released files (tests/invariants.sh).
            .filter(|name| name.ends_with(".sql"))
            .collect();
        files.sort();
        let listed: Vec<String> = MIGRATIONS
            .iter()
            .map(|m| format!("{}.sql", m.name))
            .collect();
        assert_eq!(
            files, listed,
            "every file in migrations/ must be listed, in order"
        );
    }

    #[test]
    fn a_failing_migration_leaves_the_book_at_the_previous_version() {
        let mut conn = Connection::open_in_memory().expect("memory db");
        let broken = [
            Migration {
                version: 1,
                name: "0001_ok",
                sql: "CREATE TABLE a (x INTEGER);",
            },
            Migration {
                version: 2,
                name: "0002_broken",
                sql: "CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1);",
            },
        ];
        let err = apply(&mut conn, &broken).expect_err("second step fails");
        assert!(
            matches!(err, StoreError::Migration { version: 2, .. }),
            "{err:?}"
        );
        assert_eq!(user_version(&conn).expect("version"), 1);
        let b_exists: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'b'",
                [],
                |r| r.get(0),
            )
            .expect("query");
        assert_eq!(b_exists, 0, "the failed step's table was rolled back");
    }
}
