//! Copies of the book (its file copied whole while nothing can change it, else SQLite's
//! online backup API), written under a temporary name and renamed into place, so a backup on
//! disk is always whole.

use std::path::Path;

use rusqlite::{Connection, MAIN_DB};

mod beside;
mod held;
mod rekey;
mod rotation;

pub(crate) use self::held::quick_check;
pub use self::held::{BookSummary, HeldBook, inspect_backup, inspect_copy, replace_book};
pub use self::rekey::Rekeyed;
use self::rotation::backup_file_name_at;
pub use self::rotation::{
    BackupFile, backup_file_name, backups_to_keep, list_backups, parse_backup_name, prune_backups,
};
use crate::cipher::{PageCode, Passphrase};
use crate::{Store, StoreError};

/// How a copy of the book was made, and so what shows it is whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyMade {
    /// The book's file copied as it was, then read back and found equal to the book byte for
    /// byte while the book was held unchanged: as whole as the book, which is checked at each
    /// start.
    SameBytes,
    /// Through SQLite's online backup (or copied without being read back): its own check
    /// (`quick_check`) shows whether it is whole.
    Online,
}

/// Whether a copy made by copying the book's file is read back and compared with the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReadBack {
    Compare,
    No,
}

/// A whole copy of the book on `conn` (encrypted with `key`, as the book is) at `dest`.
pub(crate) fn copy_to(
    conn: &Connection,
    key: Option<&Passphrase>,
    dest: &Path,
    read_back: ReadBack,
) -> Result<CopyMade, StoreError> {
    if let Some(dir) = dest.parent() {
        crate::files::create_private_dir_all(dir)?;
    }
    let partial = crate::files::partial_path(dest);
    let copied = write_copy(conn, key, dest, &partial, read_back);
    if copied.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    copied
}

/// The copy written at `partial`, then put in place at `dest` (flushed, renamed, the folder
/// flushed): a backup on disk is always whole.
fn write_copy(
    conn: &Connection,
    key: Option<&Passphrase>,
    dest: &Path,
    partial: &Path,
    read_back: ReadBack,
) -> Result<CopyMade, StoreError> {
    let made = make_copy(conn, key, dest, partial, read_back)?;
    crate::files::commit_file(partial, dest)?;
    Ok(made)
}

/// A whole copy of the book on `conn` at `partial` (for `dest`, named in errors), one
/// self-contained file with no -wal beside it, readable from a USB stick, by its owner only.
/// The copy of an encrypted book is encrypted with the same `key` (the book's). The book's
/// file copied whole is read back and compared with the book when `read_back` asks for it.
pub(crate) fn make_copy(
    conn: &Connection,
    key: Option<&Passphrase>,
    dest: &Path,
    partial: &Path,
    read_back: ReadBack,
) -> Result<CopyMade, StoreError> {
    crate::files::create_private(partial)?;
    let mut made = CopyMade::Online;
    // A copy that differs is named by where it was to go (the partial file is removed).
    let whole = copy_whole_file(conn, partial, read_back).map_err(|e| match e {
        StoreError::Damaged { problems, .. } => StoreError::Damaged {
            path: dest.to_owned(),
            problems,
        },
        other => other,
    })?;
    if let Some(compared) = whole {
        tracing::debug!(compared, "copied the book's file whole");
        if compared {
            made = CopyMade::SameBytes;
        }
    } else {
        tracing::debug!("copying the book through the online backup");
        let mut copy = Connection::open(partial)?;
        crate::cipher::apply_key(&copy, key)?;
        if key.is_some() {
            crate::cipher::same_code(conn, &copy)?;
        }
        rusqlite::backup::Backup::new(conn, &mut copy)
            .and_then(|b| b.run_to_completion(4096, std::time::Duration::ZERO, None))
            .map_err(|source| StoreError::Backup {
                path: dest.to_owned(),
                source,
            })?;
    }
    crate::files::restrict_file(partial)?;
    let copy = Connection::open(partial)?;
    crate::cipher::apply_key(&copy, key)?;
    let _mode: String =
        copy.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
    Ok(made)
}

/// Copies the book's file as it is to `partial`, when that file is the whole book: after
/// its log is copied into it (a checkpoint), with the write lock held so that nothing can
/// change it during the copy, and the log found empty. The file's bytes are copied through
/// the handle this process holds on it (see `files::held`), several times faster than the
/// online backup, and without passing through SQLite's page cache. With [`ReadBack::Compare`] the copy is then read back and compared with the
/// book byte for byte, the write lock still held (`Some(true)`); a copy that differs is an
/// error. `None` (nothing copied) when that cannot be made sure of: a book in memory or
/// opened read-only, a transaction open on `conn`, another connection reading an older state
/// or writing meanwhile; the online backup then makes the copy.
pub(crate) fn copy_whole_file(
    conn: &Connection,
    partial: &Path,
    read_back: ReadBack,
) -> Result<Option<bool>, StoreError> {
    let Some(book) = conn
        .path()
        .filter(|p| !p.is_empty())
        .map(std::path::PathBuf::from)
    else {
        return Ok(None);
    };
    if !conn.is_autocommit() || conn.is_readonly(MAIN_DB)? {
        return Ok(None);
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
        return Ok(None);
    }
    let _held = crate::unit::hold_write_lock(conn)?;
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
        return Ok(None);
    }
    // Through the handle this process holds on the book (see files::held).
    crate::files::copy_out(&book, partial)?;
    if read_back == ReadBack::No {
        return Ok(Some(false));
    }
    if let Some(at) = first_difference(&book, partial)? {
        return Err(StoreError::Damaged {
            path: partial.to_owned(),
            problems: vec![format!("the copy differs from the book from byte {at}")],
        });
    }
    Ok(Some(true))
}

/// Where the files at `a` and `b` first differ (a shorter file differs where it ends), or
/// `None` when they hold the same bytes.
/// Both are read through [`crate::files::with_file`]: a book this process has open is never
/// opened again.
pub(crate) fn first_difference(a: &Path, b: &Path) -> Result<Option<u64>, StoreError> {
    use crate::files::{read_at, with_file};
    const CHUNK: usize = 1 << 20;
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| StoreError::Io { path, source }
    };
    let (mut ba, mut bb) = (vec![0u8; CHUNK], vec![0u8; CHUNK]);
    let mut offset = 0u64;
    loop {
        let na = with_file(a, |f| read_at(f, &mut ba, offset)).map_err(io(a))?;
        let nb = with_file(b, |f| read_at(f, &mut bb, offset)).map_err(io(b))?;
        let same = ba[..na.min(nb)]
            .iter()
            .zip(&bb[..na.min(nb)])
            .position(|(x, y)| x != y);
        if let Some(i) = same {
            return Ok(Some(offset + i as u64));
        }
        if na != nb {
            return Ok(Some(offset + na.min(nb) as u64));
        }
        if na == 0 {
            return Ok(None);
        }
        offset += na as u64;
    }
}

impl Store {
    /// Writes a complete copy of the book to `dest`, while the book stays open; says how it
    /// was made, and so whether it still needs its own check ([`CopyMade`]).
    pub fn backup_to(&self, dest: &Path) -> Result<CopyMade, StoreError> {
        self.wait_for_checkpoint();
        copy_to(&self.conn, self.key.as_ref(), dest, ReadBack::Compare)
    }
}

impl Store {
    /// What kind of book this is (a team book or a consultant's own): a restore takes only a
    /// backup of the same kind.
    pub fn kind(&self) -> Result<crate::BookKind, StoreError> {
        crate::ops::team::kind_of_book(&self.conn)
    }

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
        crate::files::restrict_dir(&dir)?;
        copy_to(&self.conn, self.key.as_ref(), &dest, ReadBack::No)?;
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
        let source = HeldBook::open(src, self.key.as_ref())?;
        // A team book's backup does not replace a consultant's own book, nor the other way
        // round (nor could it be copied in: their pages differ in size).
        if crate::ops::team::kind_of_book(source.conn())? != self.kind()? {
            return Err(StoreError::BackupOtherKind {
                path: src.to_owned(),
            });
        }
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
        // A backup whose pages are not the book's (a plain backup restored into an encrypted
        // book, or one whose pages carry another code, see `cipher::PageCode`) is converted
        // on the way, from a copy of its own (the backup itself is only read).
        let code = match self.key {
            Some(_) => PageCode::of(&self.conn)?,
            None => None,
        };
        let convert = source.key() != self.key.as_ref()
            || (self.key.is_some() && PageCode::of(source.conn())? != code);
        let own = convert.then(|| crate::files::partial_path(&staging));
        let key = self.key.clone();
        let source_key = source.key().cloned();
        let restored = make_copy(
            source.conn(),
            source.key(),
            src,
            own.as_deref().unwrap_or(&staging),
            ReadBack::No,
        )
        .and_then(|_| {
            drop(source);
            if let Some(own) = &own {
                let conn =
                    crate::cipher::open(own, rusqlite::OpenFlags::default(), source_key.as_ref())?;
                crate::cipher::export(&conn, &staging, key.as_ref(), code)?;
            }
            let mut ready = Store::open_staging(&staging, key.as_ref())?;
            ready.clock = self.clock;
            let dropped = ready.write(|w| w.drop_erased(&erased))?;
            if dropped > 0 {
                tracing::info!(dropped, "a restore left out customers erased for good");
            }
            drop(ready);
            let ready = crate::cipher::open(
                &staging,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
                key.as_ref(),
            )?;
            let copy = rusqlite::backup::Backup::new(&ready, &mut self.conn)?;
            copy.run_to_completion(4096, std::time::Duration::ZERO, None)
                .map_err(|source| StoreError::Backup {
                    path: src.to_owned(),
                    source,
                })
        });
        for file in std::iter::once(&staging).chain(own.as_ref()) {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
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
