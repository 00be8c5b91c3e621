//! Copies of the book made with SQLite's online backup API, written under a temporary name
//! and renamed into place, so a backup on disk is always whole.

use std::path::Path;

use rusqlite::{Connection, MAIN_DB};

use crate::{Store, StoreError};

/// The file name of a backup made now for `reason`, e.g.
/// `carnet-20261125-144210-before-migration-v1.db`. Names sort by time.
pub fn backup_file_name(reason: &str) -> String {
    format!(
        "carnet-{}-{reason}.db",
        chrono::Utc::now().format("%Y%m%d-%H%M%S%.3f")
    )
}

pub(crate) fn copy_to(conn: &Connection, dest: &Path) -> Result<(), StoreError> {
    if let Some(dir) = dest.parent() {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_owned(),
            source,
        })?;
    }
    let partial = dest.with_extension("partial");
    conn.backup(MAIN_DB, &partial, None::<fn(rusqlite::backup::Progress)>)
        .map_err(|source| StoreError::Backup {
            path: dest.to_owned(),
            source,
        })?;
    // A backup is one self-contained file (no -wal beside it), readable from a USB stick.
    let copy = Connection::open(&partial)?;
    let _mode: String =
        copy.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
    drop(copy);
    std::fs::rename(&partial, dest).map_err(|source| StoreError::Io {
        path: dest.to_owned(),
        source,
    })
}

impl Store {
    /// Writes a complete copy of the book to `dest`, while the book stays open.
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        copy_to(&self.conn, dest)
    }
}
