//! Setting, changing or removing a book's passphrase: the book converted in place, whole or
//! not at all, and its backups with it.
//!
//! The order is what makes it safe. The book is first backed up (as it is). A converted copy
//! is then written whole beside it (`sqlcipher_export` into a new file, flushed). The book is
//! closed, which copies its log into it and removes the log, so no old log can ever be
//! applied to the new file. Only then is the copy renamed over the book, in one step. Killed
//! at any moment, the book's path holds the old book (with its old passphrase) or the new
//! one, whole; at worst an unused copy is left beside it.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::list_backups;
use crate::cipher::{self, Passphrase};
use crate::{Store, StoreError};

/// What a change of passphrase did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rekeyed {
    /// The backup made first, of the book as it was.
    pub backup: Option<PathBuf>,
    /// Backups converted to the new passphrase (the one made first among them).
    pub backups: usize,
    /// Backups that the old passphrase did not open, left as they were.
    pub left: Vec<PathBuf>,
}

impl Store {
    /// Encrypts the book with `new`, or makes it plain again with `None` (see the module's
    /// doc for how it stays whole). The backups in its folder follow, each converted the same
    /// way, so they open with the book's passphrase.
    pub fn change_passphrase(&mut self, new: Option<&Passphrase>) -> Result<Rekeyed, StoreError> {
        if !cipher::AVAILABLE {
            return Err(StoreError::NoEncryption);
        }
        let Some(path) = self.path.clone() else {
            // A book in memory has no file to encrypt.
            return Err(StoreError::NoEncryption);
        };
        if self.key.as_ref() == new {
            return Ok(Rekeyed::default());
        }
        self.wait_for_checkpoint();
        let backup = self.backup_into_folder("before-passphrase")?;
        let partial = crate::files::partial_path(&path);
        if let Err(e) = cipher::export(&self.conn, &partial, new, None) {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
        self.swap_in(&path, &partial, new)?;
        let old = std::mem::replace(&mut self.key, new.cloned());
        tracing::info!(encrypted = new.is_some(), "the book's passphrase changed");
        let (backups, left) = match &self.backup_dir {
            Some(dir) => rekey_backups(dir, old.as_ref(), new),
            None => (0, Vec::new()),
        };
        Ok(Rekeyed {
            backup,
            backups,
            left,
        })
    }

    /// Closes the book, renames the converted copy at `partial` over it and opens it with
    /// `key`. Refused, with the book reopened as it was, when another connection still has
    /// the book open (its log would be left behind).
    fn swap_in(
        &mut self,
        path: &Path,
        partial: &Path,
        key: Option<&Passphrase>,
    ) -> Result<(), StoreError> {
        let reopen = |key: Option<&Passphrase>| -> Result<Connection, StoreError> {
            cipher::ready();
            let conn = Connection::open(path)?;
            cipher::apply_key(&conn, key)?;
            crate::configure(&conn)?;
            Ok(conn)
        };
        let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        if let Err((conn, e)) = old.close() {
            self.conn = conn;
            let _ = std::fs::remove_file(partial);
            return Err(e.into());
        }
        // The last connection to close removes the log: one still there, even empty, means
        // another connection has the book open (an idle one too), which would go on writing
        // to the old file.
        let log = PathBuf::from(format!("{}-wal", path.display()));
        let log_left = log.exists();
        if log_left {
            let _ = std::fs::remove_file(partial);
            self.conn = reopen(self.key.as_ref())?;
            return Err(StoreError::InUse {
                path: path.to_owned(),
            });
        }
        let renamed = std::fs::rename(partial, path).map_err(|source| StoreError::Io {
            path: path.to_owned(),
            source,
        });
        if let Err(e) = renamed {
            let _ = std::fs::remove_file(partial);
            self.conn = reopen(self.key.as_ref())?;
            return Err(e);
        }
        crate::files::sync_dir(path.parent().unwrap_or(Path::new(".")))?;
        // The new file held before SQLite opens it; the old one let go (nothing has it open).
        let held = crate::files::hold(path, false)?;
        self.conn = reopen(key)?;
        self.held = Some(held);
        Ok(())
    }
}

/// Converts each backup in `dir` that `old` opens to `new`, through a copy renamed over it;
/// the ones it does not open are left as they are (and returned).
fn rekey_backups(
    dir: &Path,
    old: Option<&Passphrase>,
    new: Option<&Passphrase>,
) -> (usize, Vec<PathBuf>) {
    let mut done = 0;
    let mut left = Vec::new();
    for backup in list_backups(dir) {
        match rekey_file(&backup.path, old, new) {
            Ok(()) => done += 1,
            // Converted already: a team book beside the book shares its backups folder,
            // and its own change (made first) converted them all.
            Err(_) if already_under(&backup.path, new) => done += 1,
            Err(e) => {
                tracing::warn!(backup = %backup.path.display(), error = %e, "a backup kept its old passphrase");
                left.push(backup.path.clone());
            }
        }
    }
    (done, left)
}

/// Whether the book file at `path` is already as `new` asks: encrypted with it, or plain.
fn already_under(path: &Path, new: Option<&Passphrase>) -> bool {
    match (cipher::file_kind(path), new) {
        (Ok(cipher::FileKind::Encrypted), Some(key)) => {
            matches!(crate::existing_version(path, Some(key)), Ok(Some(_)))
        }
        (Ok(cipher::FileKind::Plain), None) => true,
        _ => false,
    }
}

/// One file converted from `old` to `new`, whole or not at all.
pub(crate) fn rekey_file(
    path: &Path,
    old: Option<&Passphrase>,
    new: Option<&Passphrase>,
) -> Result<(), StoreError> {
    let old = cipher::key_for(path, old)?;
    if old == new {
        return Ok(());
    }
    if crate::existing_version(path, old)?.is_none() {
        return Err(StoreError::NotABook {
            path: path.to_owned(),
        });
    }
    let partial = crate::files::partial_path(path);
    // Read-write and allowed to create: the copy is attached to this connection, and takes
    // its flags.
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE
        | rusqlite::OpenFlags::SQLITE_OPEN_CREATE
        | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let made = cipher::open(path, flags, old)
        .and_then(|conn| cipher::export(&conn, &partial, new, None))
        .and_then(|()| crate::files::commit_file(&partial, path));
    if made.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    made
}
