//! Copies of the book (its file copied whole while nothing can change it, else SQLite's
//! online backup API), written under a temporary name and renamed into place, so a backup on
//! disk is always whole.

use std::path::Path;

use rusqlite::{Connection, MAIN_DB};

use crate::{Store, StoreError};

/// The file name of a backup made now for `reason`, e.g.
/// `carnet-20261125-144210-before-migration-v1.db`. Names sort by time.
pub fn backup_file_name(reason: &str) -> String {
    backup_file_name_at(reason, chrono::Utc::now())
}

/// The file name of a backup made at `now` for `reason` (see [`backup_file_name`]).
pub(crate) fn backup_file_name_at(reason: &str, now: chrono::DateTime<chrono::Utc>) -> String {
    format!("carnet-{}-{reason}.db", now.format("%Y%m%d-%H%M%S%.3f"))
}

pub(crate) fn copy_to(conn: &Connection, dest: &Path) -> Result<(), StoreError> {
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_owned(),
            source,
        })?;
    }
    let partial = crate::files::partial_path(dest);
    let copied = write_copy(conn, dest, &partial);
    if copied.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    copied
}

/// The copy written at `partial`, then put in place at `dest` (flushed, renamed, the folder
/// flushed): a backup on disk is always whole.
fn write_copy(conn: &Connection, dest: &Path, partial: &Path) -> Result<(), StoreError> {
    make_copy(conn, dest, partial)?;
    crate::files::commit_file(partial, dest)
}

/// A whole copy of the book on `conn` at `partial` (for `dest`, named in errors), one
/// self-contained file with no -wal beside it, readable from a USB stick.
fn make_copy(conn: &Connection, dest: &Path, partial: &Path) -> Result<(), StoreError> {
    if !copy_whole_file(conn, partial)? {
        conn.backup(MAIN_DB, partial, None::<fn(rusqlite::backup::Progress)>)
            .map_err(|source| StoreError::Backup {
                path: dest.to_owned(),
                source,
            })?;
    }
    let copy = Connection::open(partial)?;
    let _mode: String =
        copy.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
    Ok(())
}

/// Copies the book's file as it is to `partial`, when that file is the whole book: after
/// its log is copied into it (a checkpoint), with the write lock held so that nothing can
/// change it during the copy, and the log found empty. The file is copied by the operating
/// system, several times faster than the online backup, and without passing through the
/// page cache. `false` (nothing copied) when that cannot be made sure of: a book in memory or
/// opened read-only, a transaction open on `conn`, another connection reading an older state
/// or writing meanwhile; the online backup then makes the copy.
pub(crate) fn copy_whole_file(conn: &Connection, partial: &Path) -> Result<bool, StoreError> {
    let Some(book) = conn
        .path()
        .filter(|p| !p.is_empty())
        .map(std::path::PathBuf::from)
    else {
        return Ok(false);
    };
    if !conn.is_autocommit() || conn.is_readonly(MAIN_DB)? {
        return Ok(false);
    }
    // Not waiting for readers: when one holds an older state, the online backup copies.
    conn.busy_timeout(std::time::Duration::ZERO)?;
    let checkpoint = conn.query_row("PRAGMA main.wal_checkpoint(TRUNCATE)", [], |r| {
        r.get::<_, i64>(0)
    });
    conn.busy_timeout(std::time::Duration::from_millis(u64::from(
        crate::BUSY_TIMEOUT_MS,
    )))?;
    if checkpoint? != 0 {
        return Ok(false);
    }
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let _held = crate::OpenTransaction(conn);
    let mut log = book.clone().into_os_string();
    log.push("-wal");
    let log_empty = match std::fs::metadata(&log) {
        Ok(meta) => meta.len() == 0,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
        Err(source) => {
            return Err(StoreError::Io {
                path: log.into(),
                source,
            });
        }
    };
    if !log_empty {
        return Ok(false);
    }
    std::fs::copy(&book, partial).map_err(|source| StoreError::Io {
        path: partial.to_owned(),
        source,
    })?;
    Ok(true)
}

impl Store {
    /// Writes a complete copy of the book to `dest`, while the book stays open.
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        self.wait_for_checkpoint();
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

/// Deletes the backups in `dir` that the rotation no longer keeps, never one of `in_use` (a
/// backup being restored); returns how many.
pub fn prune_backups(dir: &Path, now: chrono::DateTime<chrono::Utc>, in_use: &[&Path]) -> usize {
    let all = list_backups(dir);
    let times: Vec<_> = all.iter().map(|b| b.made_at).collect();
    let keep = backups_to_keep(&times, now);
    let busy = |path: &Path| {
        in_use
            .iter()
            .any(|u| crate::files::resolved(u) == crate::files::resolved(path))
    };
    let mut removed = 0;
    for (i, b) in all.iter().enumerate() {
        if !keep.contains(&i) && !busy(&b.path) && std::fs::remove_file(&b.path).is_ok() {
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
    HeldBook::open(path)?.summary()
}

/// A book file opened read-only and held open, with a read transaction, from its check to the
/// copy made of it: nothing can change it meanwhile, and a file deleted or replaced at its
/// path is noticed ([`HeldBook::still_there`]) instead of being read as an empty book.
pub struct HeldBook {
    path: std::path::PathBuf,
    conn: Connection,
    version: u32,
    identity: Option<FileIdentity>,
}

/// What tells one file from another at the same path.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileIdentity {
    device: u64,
    inode: u64,
    len: u64,
    modified: Option<std::time::SystemTime>,
}

fn identity(path: &Path) -> Option<FileIdentity> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let (device, inode) = {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino())
    };
    #[cfg(not(unix))]
    let (device, inode) = (0, 0);
    Some(FileIdentity {
        device,
        inode,
        len: meta.len(),
        modified: meta.modified().ok(),
    })
}

impl HeldBook {
    /// Opens the book at `path` read-only (a missing file is an error, never an empty book),
    /// checks it is a Carnet book this Carnet understands, and starts holding it.
    pub fn open(path: &Path) -> Result<HeldBook, StoreError> {
        let not_a_book = || StoreError::NotABook {
            path: path.to_owned(),
        };
        if !path.exists() {
            return Err(StoreError::BackupGone {
                path: path.to_owned(),
            });
        }
        let version = crate::existing_version(path)?.ok_or_else(not_a_book)?;
        let supported = crate::migrations::latest_version(crate::MIGRATIONS);
        if version == 0 {
            return Err(not_a_book());
        }
        if version > supported {
            return Err(StoreError::NewerBook {
                found: version,
                supported,
            });
        }
        let identity = identity(path);
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // The read transaction holds the file's shared lock: no writer can change it.
        conn.execute_batch("BEGIN")?;
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
        let held = HeldBook {
            path: path.to_owned(),
            conn,
            version,
            identity,
        };
        let problems = quick_check(&held.conn)?;
        if !problems.is_empty() {
            return Err(StoreError::Damaged {
                path: path.to_owned(),
                problems,
            });
        }
        Ok(held)
    }

    /// Refuses to go on when the file at the path is no longer the one that was checked:
    /// deleted (by a rotation, by hand) or replaced.
    pub fn still_there(&self) -> Result<(), StoreError> {
        match identity(&self.path) {
            None => Err(StoreError::BackupGone {
                path: self.path.clone(),
            }),
            Some(now) if Some(&now) != self.identity.as_ref() => Err(StoreError::BackupChanged {
                path: self.path.clone(),
            }),
            Some(_) => Ok(()),
        }
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// What the book holds.
    pub fn summary(&self) -> Result<BookSummary, StoreError> {
        let conn = &self.conn;
        let count = |sql: &str| -> Result<u64, StoreError> {
            let n: i64 = conn.query_row(sql, [], |r| r.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        };
        let consultant = if self.version >= 2 {
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
            schema_version: self.version,
            customers: count("SELECT count(*) FROM customers WHERE deleted_at IS NULL")?,
            interactions: if self.version >= 5 {
                count("SELECT count(*) FROM interactions")?
            } else {
                0
            },
            last_change: conn
                .query_row("SELECT max(updated_at) FROM customers", [], |r| r.get(0))?,
            consultant,
        })
    }
}

/// `PRAGMA quick_check`: the problems it reports, none for a whole book.
pub(crate) fn quick_check(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let lines: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(lines.into_iter().filter(|l| l != "ok").collect())
}

/// Puts a good copy of `backup` in the place of the damaged book at `book`, keeping the
/// damaged one aside (`…damaged-TIME.db`, with its -wal and -shm). A healthy book is refused.
///
/// The order is what makes it safe: the good copy is first written whole beside the book; the
/// damaged file is then kept aside under its new name (a second link to it, so the book's
/// path still holds it) with its log moved out of the way (an old log must never be applied
/// to the new book); only then is the copy renamed into place, in one step. A crash at any
/// moment leaves the book's path holding the damaged book or the good copy, and the damaged
/// book is never lost.
pub fn replace_book(book: &Path, backup: &Path) -> Result<Option<std::path::PathBuf>, StoreError> {
    if book_is_whole(book)? {
        return Err(StoreError::Healthy {
            path: book.to_owned(),
        });
    }
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| StoreError::Io { path, source }
    };
    let dir = book
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // 1. The good copy, whole and on disk, beside the book.
    let partial = crate::files::partial_path(book);
    let made = HeldBook::open(backup).and_then(|source| {
        make_copy(source.conn(), book, &partial)?;
        crate::files::sync_file(&partial)
    });
    if let Err(e) = made {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    // 2. The damaged book kept aside: a second name for the same file, its log moved along.
    let mut aside = None;
    if book.exists() {
        let stem = book
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "carnet".into());
        let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
        let moved = book.with_file_name(format!("{stem}.damaged-{stamp}.db"));
        if std::fs::hard_link(book, &moved).is_err() {
            std::fs::copy(book, &moved).map_err(io(&moved))?;
            crate::files::sync_file(&moved)?;
        }
        for suffix in ["-wal", "-shm"] {
            let side = std::path::PathBuf::from(format!("{}{suffix}", book.display()));
            if side.exists() {
                let to = std::path::PathBuf::from(format!("{}{suffix}", moved.display()));
                std::fs::rename(&side, &to).map_err(io(&side))?;
            }
        }
        crate::files::sync_dir(dir)?;
        aside = Some(moved);
    }
    // 3. The good copy in the book's place, in one rename.
    std::fs::rename(&partial, book).map_err(io(book))?;
    crate::files::sync_dir(dir)?;
    Ok(aside)
}

/// Whether the file at `book` is a Carnet book that passes its check (a missing, damaged or
/// unreadable file is not; a book from a newer Carnet is refused as it is).
fn book_is_whole(book: &Path) -> Result<bool, StoreError> {
    if !book.exists() {
        return Ok(false);
    }
    match HeldBook::open(book) {
        Ok(_) => Ok(true),
        Err(StoreError::Damaged { .. } | StoreError::NotABook { .. } | StoreError::Sqlite(_)) => {
            Ok(false)
        }
        Err(other) => Err(other),
    }
}

impl Store {
    /// Problems `PRAGMA quick_check` finds in the open book (none when it is whole).
    pub fn quick_check(&self) -> Result<Vec<String>, StoreError> {
        quick_check(&self.conn)
    }

    /// Makes an automatic backup for `reason` in the backups folder and applies the rotation;
    /// returns its path (`None` for a book in memory).
    pub fn auto_backup(&self, reason: &str) -> Result<Option<std::path::PathBuf>, StoreError> {
        let made = self.backup_into_folder(reason)?;
        if let Some(dir) = &self.backup_dir {
            prune_backups(dir, self.clock().now(), &[]);
        }
        Ok(made)
    }

    /// A backup for `reason` in the backups folder, without the rotation.
    fn backup_into_folder(&self, reason: &str) -> Result<Option<std::path::PathBuf>, StoreError> {
        let Some(dir) = self.backup_dir.clone() else {
            return Ok(None);
        };
        let dest = dir.join(backup_file_name_at(reason, self.clock().now()));
        self.wait_for_checkpoint();
        copy_to(&self.conn, &dest)?;
        Ok(Some(dest))
    }

    /// The day's first backup: made unless one was made today already (any reason counts).
    pub fn daily_backup(&self) -> Result<Option<std::path::PathBuf>, StoreError> {
        let Some(dir) = self.backup_dir.as_deref() else {
            return Ok(None);
        };
        let today = self.clock().local_now().date();
        let done = list_backups(dir)
            .iter()
            .any(|b| b.made_at.with_timezone(&chrono::Local).date_naive() == today);
        if done {
            return Ok(None);
        }
        self.auto_backup("daily")
    }

    /// Replaces the open book with the backup at `src`, after backing the current one up
    /// (returned). An older backup is brought up to date.
    ///
    /// The backup is opened read-only and held, with a read transaction, from its check to
    /// the end of the copy: nothing can change it meanwhile, and if the file at `src` is gone
    /// or another file by then (deleted by hand, replaced), the restore is refused with the
    /// book untouched. The rotation of the backups folder runs after the copy and never
    /// touches `src`. Customers erased for good from the book being replaced are left out of
    /// the restored one, and stay remembered as erased.
    pub fn restore_from(&mut self, src: &Path) -> Result<Option<std::path::PathBuf>, StoreError> {
        let source = HeldBook::open(src)?;
        // Who was erased for good from the book being replaced: they stay erased.
        let erased = self.erased_ids()?;
        let before = self.backup_into_folder("before-restore")?;
        source.still_there()?;
        // The backup is made ready in a copy of its own (brought up to date, the erased left
        // out) and only then copied into the book, in one step: a crash at any moment leaves
        // the book as it was or restored, never restored with the erased brought back.
        let staging = crate::files::partial_path(
            self.path
                .as_deref()
                .unwrap_or(Path::new("carnet-restore.db")),
        );
        let restored = make_copy(source.conn(), src, &staging).and_then(|()| {
            drop(source);
            let mut ready = Store::open_staging(&staging)?;
            ready.clock = self.clock;
            let dropped = ready.write(|w| w.drop_erased(&erased))?;
            if dropped > 0 {
                tracing::info!(dropped, "a restore left out customers erased for good");
            }
            drop(ready);
            let ready =
                Connection::open_with_flags(&staging, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            let copy = rusqlite::backup::Backup::new(&ready, &mut self.conn)?;
            copy.run_to_completion(4096, std::time::Duration::ZERO, None)
                .map_err(|source| StoreError::Backup {
                    path: src.to_owned(),
                    source,
                })
        });
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", staging.display()));
        }
        restored?;
        self.ensure_search_index()?;
        if let Some(dir) = &self.backup_dir {
            prune_backups(dir, self.clock().now(), &[src]);
        }
        Ok(before)
    }
}

#[cfg(test)]
mod tests;
