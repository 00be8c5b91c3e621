//! A backup made while a unit of work writes: the book's file is copied on a thread of its own
//! during the write, instead of before it, and the unit commits only once the copy is whole
//! on disk. A big import into a big book waits for the longer of the two, not their sum.
//!
//! Why the copy is the book as it was before the unit: the unit begins with the log empty
//! and holds the write lock, so nothing is committed meanwhile; what the unit writes goes to
//! the log (`-wal`), never to the book's file, until a checkpoint after the commit; and the
//! commit waits for the copy. When the log is not empty at the start (another connection
//! kept it), the copy is read instead through a connection of its own with SQLite's online
//! backup: that connection sees the last commit, the book as it was before the unit.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use super::rotation::backup_file_name_at;
use super::{copy_to, prune_backups};
use crate::cipher::Passphrase;
use crate::files::{commit_file, create_private, create_private_dir_all, partial_path};
use crate::{Store, StoreError, Write};

/// A backup being made beside a unit of work (see [`Store::write_after_backup`]).
struct Copying {
    dest: PathBuf,
    thread: Option<JoinHandle<Result<(), StoreError>>>,
}

impl Copying {
    /// Waits for the copy to be whole on disk.
    fn finish(mut self) -> Result<PathBuf, StoreError> {
        if let Some(thread) = self.thread.take() {
            thread
                .join()
                .unwrap_or_else(|_| Err(StoreError::Corrupt("the backup's copy failed".into())))?;
        }
        Ok(std::mem::take(&mut self.dest))
    }
}

impl Drop for Copying {
    /// A unit that stops early still waits for its copy: no thread goes on writing after it.
    fn drop(&mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Whether the log beside `book` is empty (or absent): the book's file then holds the whole
/// book.
fn log_is_empty(book: &Path) -> Result<bool, StoreError> {
    let mut log = book.as_os_str().to_owned();
    log.push("-wal");
    match std::fs::metadata(&log) {
        Ok(meta) => Ok(meta.len() == 0),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(source) => Err(StoreError::Io {
            path: log.into(),
            source,
        }),
    }
}

/// Copies the book's file at `book` to `dest` (through a partial file readable by its owner
/// only, flushed and renamed), as a self-contained backup, encrypted as the book is.
fn copy_file(book: &Path, key: Option<&Passphrase>, dest: &Path) -> Result<(), StoreError> {
    let partial = partial_path(dest);
    let copied = create_private(&partial)
        // Through the handle this process holds on the book (see files::held).
        .and_then(|()| crate::files::copy_out(book, &partial))
        .and_then(|()| {
            // A backup is one self-contained file, readable without a log beside it.
            let copy =
                crate::cipher::open(&partial, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE, key)?;
            let _mode: String =
                copy.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
            drop(copy);
            commit_file(&partial, dest)
        });
    if copied.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    copied
}

/// Copies the book at `book` to `dest` through a connection of its own, which reads the last
/// commit (the unit of work's writes are not committed, and nobody else can commit while it
/// holds the write lock) with SQLite's online backup.
fn copy_through_reader(
    book: &Path,
    key: Option<&Passphrase>,
    dest: &Path,
) -> Result<(), StoreError> {
    let reader = crate::cipher::open(book, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY, key)?;
    reader.busy_timeout(std::time::Duration::from_millis(u64::from(
        crate::BUSY_TIMEOUT_MS,
    )))?;
    copy_to(&reader, key, dest, super::ReadBack::No).map(|_| ())
}

impl Write<'_> {
    /// Starts a backup for `reason` of the book as it is at the start of this unit of work
    /// (call it before writing anything). `None` for a book without a backups folder.
    fn start_backup(&self, reason: &str) -> Result<Option<Copying>, StoreError> {
        let Some(dir) = self.backup_dir.clone() else {
            return Ok(None);
        };
        create_private_dir_all(&dir)?;
        let dest = dir.join(backup_file_name_at(reason, self.clock().now()));
        let book = self.path.clone().filter(|p| !p.as_os_str().is_empty());
        let Some(book) = book else {
            return Ok(None);
        };
        let whole = log_is_empty(&book)?;
        let to = dest.clone();
        let key = self.key.clone();
        let thread = std::thread::spawn(move || {
            if whole {
                copy_file(&book, key.as_ref(), &to)
            } else {
                copy_through_reader(&book, key.as_ref(), &to)
            }
        });
        Ok(Some(Copying {
            dest,
            thread: Some(thread),
        }))
    }
}

impl Store {
    /// [`Store::write`], with an automatic backup for `reason` of the book as it was before:
    /// made while `f` writes, and whole on disk before the commit. `f` hears where the backup
    /// goes (`None` for a book without a backups folder); the same path is returned with
    /// `f`'s answer. A failed backup stops the unit with nothing written. The backups folder
    /// is pruned after the commit, as after every automatic backup.
    pub fn write_after_backup<T, E: From<StoreError>>(
        &self,
        reason: &str,
        f: impl FnOnce(&Write<'_>, Option<&Path>) -> Result<T, E>,
    ) -> Result<(T, Option<PathBuf>), E> {
        // A checkpoint still running would write into the book's file during the copy; and
        // the copy is of the file alone when the log is empty.
        self.wait_for_checkpoint();
        self.empty_log();
        let out = self.write(|w| {
            let copying = w.start_backup(reason)?;
            let out = f(w, copying.as_ref().map(|c| c.dest.as_path()))?;
            let backup = copying.map(Copying::finish).transpose()?;
            Ok::<_, E>((out, backup))
        })?;
        if let Some(dir) = &self.backup_dir {
            prune_backups(dir, self.clock().now(), &[]);
        }
        Ok(out)
    }

    /// Copies the log into the book and empties it, when no reader or writer holds it (a
    /// moment's try, no waiting).
    fn empty_log(&self) {
        if self.path.is_none() {
            return;
        }
        let timeout = std::time::Duration::from_millis(u64::from(crate::BUSY_TIMEOUT_MS));
        if self.conn.busy_timeout(std::time::Duration::ZERO).is_ok() {
            let _ = self
                .conn
                .query_row("PRAGMA main.wal_checkpoint(TRUNCATE)", [], |r| {
                    r.get::<_, i64>(0)
                });
            let _ = self.conn.busy_timeout(timeout);
        }
    }
}
