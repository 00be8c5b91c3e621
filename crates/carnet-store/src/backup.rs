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

/// A backup in the automatic backups folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: std::path::PathBuf,
    /// When it was made (from its name).
    pub made_at: chrono::DateTime<chrono::Utc>,
    /// Why: "daily", "before-import", "before-migration-v5", "before-restore".
    pub reason: String,
}

/// Reads a backup's time and reason back from its name.
pub fn parse_backup_name(name: &str) -> Option<(chrono::DateTime<chrono::Utc>, String)> {
    let rest = name.strip_prefix("carnet-")?.strip_suffix(".db")?;
    let stamp = rest.get(..19)?;
    let reason = rest.get(20..).unwrap_or_default().to_owned();
    let t = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S%.3f").ok()?;
    Some((t.and_utc(), reason))
}

/// The backups in `dir`, newest first.
pub fn list_backups(dir: &Path) -> Vec<BackupFile> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<BackupFile> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (made_at, reason) = parse_backup_name(&name)?;
            Some(BackupFile {
                path: e.path(),
                made_at,
                reason,
            })
        })
        .collect();
    found.sort_by(|a, b| b.made_at.cmp(&a.made_at).then(b.path.cmp(&a.path)));
    found
}

/// How many of each kind of copy are kept.
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;
pub const KEEP_MONTHLY: usize = 12;

/// Which backups to keep at `now` (indexes into `newest_first`): everything from the last 24
/// hours (an import's own backup stays while it may be wanted), then the newest of each of
/// the last 7 days, 4 weeks and 12 months that have one, by the consultant's calendar.
pub fn backups_to_keep(
    newest_first: &[chrono::DateTime<chrono::Utc>],
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<usize> {
    use chrono::Datelike;
    let mut keep: Vec<usize> = Vec::new();
    let local = |t: &chrono::DateTime<chrono::Utc>| t.with_timezone(&chrono::Local).date_naive();
    let mut buckets = |key: &dyn Fn(chrono::NaiveDate) -> (i32, u32), limit: usize| {
        let mut seen: Vec<(i32, u32)> = Vec::new();
        for (i, t) in newest_first.iter().enumerate() {
            let k = key(local(t));
            if !seen.contains(&k) {
                if seen.len() == limit {
                    break;
                }
                seen.push(k);
                if !keep.contains(&i) {
                    keep.push(i);
                }
            }
        }
    };
    buckets(&|d| (d.year(), d.ordinal()), KEEP_DAILY);
    buckets(&|d| (d.iso_week().year(), d.iso_week().week()), KEEP_WEEKLY);
    buckets(&|d| (d.year(), d.month()), KEEP_MONTHLY);
    for (i, t) in newest_first.iter().enumerate() {
        if now.signed_duration_since(*t) < chrono::Duration::hours(24) && !keep.contains(&i) {
            keep.push(i);
        }
    }
    keep.sort_unstable();
    keep
}

/// Deletes the backups in `dir` that the rotation no longer keeps; returns how many.
pub fn prune_backups(dir: &Path, now: chrono::DateTime<chrono::Utc>) -> usize {
    let all = list_backups(dir);
    let times: Vec<_> = all.iter().map(|b| b.made_at).collect();
    let keep = backups_to_keep(&times, now);
    let mut removed = 0;
    for (i, b) in all.iter().enumerate() {
        if !keep.contains(&i) && std::fs::remove_file(&b.path).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// What a book file holds, read without changing it: for a restore's preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookSummary {
    pub schema_version: u32,
    pub customers: u64,
    pub interactions: u64,
    /// The latest change to a customer (RFC 3339), if any.
    pub last_change: Option<String>,
    pub consultant: Option<String>,
}

/// Checks a file is a whole Carnet book (`quick_check`) and says what it holds.
pub fn inspect_book(path: &Path) -> Result<BookSummary, StoreError> {
    let version = crate::existing_version(path)?.ok_or_else(|| StoreError::NotABook {
        path: path.to_owned(),
    })?;
    if version == 0 || version > crate::migrations::latest_version(crate::MIGRATIONS) {
        return Err(if version == 0 {
            StoreError::NotABook {
                path: path.to_owned(),
            }
        } else {
            StoreError::NewerBook {
                found: version,
                supported: crate::migrations::latest_version(crate::MIGRATIONS),
            }
        });
    }
    let conn = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let problems = quick_check(&conn)?;
    if !problems.is_empty() {
        return Err(StoreError::Damaged {
            path: path.to_owned(),
            problems,
        });
    }
    let count = |sql: &str| -> Result<u64, StoreError> {
        let n: i64 = conn.query_row(sql, [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    };
    let consultant = if version >= 2 {
        conn.query_row(
            "SELECT value FROM settings WHERE key = 'consultant_name'",
            [],
            |r| r.get(0),
        )
        .ok()
    } else {
        None
    };
    Ok(BookSummary {
        schema_version: version,
        customers: count("SELECT count(*) FROM customers WHERE deleted_at IS NULL")?,
        interactions: if version >= 5 {
            count("SELECT count(*) FROM interactions")?
        } else {
            0
        },
        last_change: conn.query_row("SELECT max(updated_at) FROM customers", [], |r| r.get(0))?,
        consultant,
    })
}

/// `PRAGMA quick_check`: the problems it reports, none for a whole book.
pub(crate) fn quick_check(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let lines: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(lines.into_iter().filter(|l| l != "ok").collect())
}

/// Puts the book at `book` aside (renamed `…damaged-TIME`, with its -wal and -shm) and
/// copies `backup` in its place: for a book that no longer opens.
pub fn replace_book(book: &Path, backup: &Path) -> Result<Option<std::path::PathBuf>, StoreError> {
    inspect_book(backup)?;
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| StoreError::Io { path, source }
    };
    let mut aside = None;
    if book.exists() {
        let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
        let moved = book.with_extension(format!("damaged-{stamp}.db"));
        std::fs::rename(book, &moved).map_err(io(book))?;
        for suffix in ["-wal", "-shm"] {
            let side = std::path::PathBuf::from(format!("{}{suffix}", book.display()));
            if side.exists() {
                let to = std::path::PathBuf::from(format!("{}{suffix}", moved.display()));
                std::fs::rename(&side, &to).map_err(io(&side))?;
            }
        }
        aside = Some(moved);
    }
    let src = Connection::open_with_flags(backup, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    copy_to(&src, book)?;
    Ok(aside)
}

impl Store {
    /// Problems `PRAGMA quick_check` finds in the open book (none when it is whole).
    pub fn quick_check(&self) -> Result<Vec<String>, StoreError> {
        quick_check(&self.conn)
    }

    /// Makes an automatic backup for `reason` in the backups folder and applies the rotation;
    /// returns its path (`None` for a book in memory).
    pub fn auto_backup(&self, reason: &str) -> Result<Option<std::path::PathBuf>, StoreError> {
        let Some(dir) = self.backup_dir.clone() else {
            return Ok(None);
        };
        let dest = dir.join(backup_file_name(reason));
        copy_to(&self.conn, &dest)?;
        prune_backups(&dir, chrono::Utc::now());
        Ok(Some(dest))
    }

    /// The day's first backup: made unless one was made today already (any reason counts).
    pub fn daily_backup(&self) -> Result<Option<std::path::PathBuf>, StoreError> {
        let Some(dir) = self.backup_dir.as_deref() else {
            return Ok(None);
        };
        let today = chrono::Local::now().date_naive();
        let done = list_backups(dir)
            .iter()
            .any(|b| b.made_at.with_timezone(&chrono::Local).date_naive() == today);
        if done {
            return Ok(None);
        }
        self.auto_backup("daily")
    }

    /// Replaces the open book with the backup at `src`, after backing the current one up
    /// (returned). The backup is checked first; an older one is brought up to date.
    pub fn restore_from(&mut self, src: &Path) -> Result<Option<std::path::PathBuf>, StoreError> {
        inspect_book(src)?;
        let before = self.auto_backup("before-restore")?;
        self.conn
            .restore(MAIN_DB, src, None::<fn(rusqlite::backup::Progress)>)
            .map_err(|source| StoreError::Backup {
                path: src.to_owned(),
                source,
            })?;
        crate::migrations::apply(&mut self.conn, crate::MIGRATIONS)?;
        self.ensure_search_index()?;
        Ok(before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn rotation_keeps_seven_daily_four_weekly_twelve_monthly() {
        let now = chrono::Utc
            .with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
            .single()
            .expect("now");
        // Two backups a day for two years, newest first.
        let times: Vec<_> = (0..730 * 2)
            .map(|i| now - chrono::Duration::hours(12 * i64::from(i) + 1))
            .collect();
        let keep = backups_to_keep(&times, now);
        // 7 days + up to 4 weeks + up to 12 months, overlapping; plus the last 24 hours.
        assert!(keep.len() <= 1 + 7 + 4 + 12, "{}", keep.len());
        assert!(keep.len() >= 12 + 2, "{}", keep.len());
        assert!(
            keep.contains(&0) && keep.contains(&1),
            "the last day's backups stay"
        );
        let oldest = times[*keep.last().expect("some")];
        let age = now.signed_duration_since(oldest).num_days();
        assert!(
            (300..=366).contains(&age),
            "a monthly copy about a year old: {age}"
        );
        // 1, 13 and 25 hours old: the last day's two stay; of the two made on the 24th,
        // only the newer one.
        assert_eq!(backups_to_keep(&times[..3], now), vec![0, 1]);
    }

    #[test]
    fn backup_names_read_back() {
        let name = backup_file_name("before-import");
        let (_, reason) = parse_backup_name(&name).expect("parsed");
        assert_eq!(reason, "before-import");
        assert!(parse_backup_name("notes.txt").is_none());
    }
}
