//! Backups: the day's automatic copy, "back up to…" (a USB stick), restore with a preview,
//! and the newest good backup offered when the book fails its check at start.

use std::path::Path;

use carnet_store::{Passphrase, Store};

use crate::{App, AppError, BackupDto, BookPreview, DamagedBook, ErrorKind, RestoreResult};

/// Checks a copy of the book (an automatic backup, one made with "back up to…", or any file
/// offered for a restore) and says what it holds: a restore's preview.
pub fn inspect_backup(path: &Path) -> Result<BookPreview, AppError> {
    inspect_backup_with(path, None)
}

/// [`inspect_backup`] of a copy that may be encrypted with `key` (the book's passphrase).
pub fn inspect_backup_with(path: &Path, key: Option<&Passphrase>) -> Result<BookPreview, AppError> {
    let summary =
        carnet_store::inspect_backup(path, key).map_err(|e| AppError::from_store(e, Some(path)))?;
    Ok(BookPreview::new(path, summary))
}

/// The automatic backups folder of the book at `book`.
fn backup_dir(book: &Path) -> std::path::PathBuf {
    book.parent()
        .map_or_else(|| "backups".into(), |d| d.join("backups"))
}

/// The newest backup of the book at `book` that passes the check, with what it holds.
pub fn newest_good_backup(book: &Path) -> Option<(BackupDto, BookPreview)> {
    newest_good_backup_with(book, None)
}

/// [`newest_good_backup`] of a book encrypted with `key`.
pub fn newest_good_backup_with(
    book: &Path,
    key: Option<&Passphrase>,
) -> Option<(BackupDto, BookPreview)> {
    carnet_store::list_backups(&backup_dir(book))
        .iter()
        .find_map(|b| {
            inspect_backup_with(&b.path, key)
                .ok()
                .map(|p| (BackupDto::from(b), p))
        })
}

/// What to tell the consultant when the book at `book` does not open: `None` when the error
/// is not about a damaged book.
pub fn damaged_book(book: &Path, err: &AppError) -> Option<DamagedBook> {
    damaged_book_with(book, err, None)
}

/// [`damaged_book`] for a book encrypted with `key`: its backups are read with it.
pub fn damaged_book_with(
    book: &Path,
    err: &AppError,
    key: Option<&Passphrase>,
) -> Option<DamagedBook> {
    let problem = match err.kind.as_ref() {
        ErrorKind::DamagedBook { detail, .. } => detail.clone(),
        ErrorKind::NotABook { .. } => err.message.clone(),
        _ => return None,
    };
    let (backup, preview) = newest_good_backup_with(book, key).unzip();
    Some(DamagedBook {
        path: book.display().to_string(),
        problem,
        backup,
        preview,
    })
}

/// Sets the damaged book at `book` aside and puts the backup at `backup` in its place.
pub fn replace_with_backup(book: &Path, backup: &Path) -> Result<(), AppError> {
    replace_with_backup_keyed(book, backup, None)
}

/// [`replace_with_backup`] for a book encrypted with `key`.
pub fn replace_with_backup_keyed(
    book: &Path,
    backup: &Path,
    key: Option<&Passphrase>,
) -> Result<(), AppError> {
    let aside = carnet_store::replace_book(book, backup, key)
        .map_err(|e| AppError::from_store(e, Some(backup)))?;
    tracing::warn!(book = %book.display(), backup = %backup.display(), aside = ?aside, "replaced a damaged book with a backup");
    Ok(())
}

impl App {
    /// The day's first automatic backup, unless there is one already.
    pub fn daily_backup(&self) -> Result<Option<String>, AppError> {
        Ok(self
            .store()
            .daily_backup()?
            .map(|p| p.display().to_string()))
    }

    /// Writes a whole copy of the book to `path` (a USB stick).
    pub fn backup_to(&self, path: &Path) -> Result<BookPreview, AppError> {
        self.refuse_own_file(path, crate::paths::PathUse::Write)?;
        let made = self
            .store()
            .backup_to(path)
            .map_err(|e| AppError::from_store(e, Some(path)))?;
        self.preview_copy(path, made)
    }

    /// What a copy of this book holds (see [`inspect_backup`]), read with the book's
    /// passphrase when it has one.
    ///
    /// A backup of the other kind (a team book's offered to a consultant's own book, or the
    /// other way round) is refused here, at its preview, as the restore would refuse it.
    pub fn inspect_backup(&self, path: &Path) -> Result<BookPreview, AppError> {
        self.preview_copy(path, carnet_store::CopyMade::Online)
    }

    /// What the copy at `path` holds, checked as the way it was `made` calls for (see
    /// [`carnet_store::inspect_copy`]); a copy of the other kind of book is refused.
    fn preview_copy(
        &self,
        path: &Path,
        made: carnet_store::CopyMade,
    ) -> Result<BookPreview, AppError> {
        // A copy equal to the book is as whole as the book only once the book has passed its
        // check in this process (the desktop's start checks it; a `carnet` command does not).
        let made = if self.checked.load(std::sync::atomic::Ordering::SeqCst) {
            made
        } else {
            carnet_store::CopyMade::Online
        };
        // The book's lock is not held while the backup is checked (seconds for a big one).
        let (key, kind) = {
            let store = self.store();
            (store.key().cloned(), store.kind()?)
        };
        let summary = carnet_store::inspect_copy(path, key.as_ref(), made)
            .map_err(|e| AppError::from_store(e, Some(path)))?;
        if summary.kind != kind {
            let refused = carnet_store::StoreError::BackupOtherKind {
                path: path.to_owned(),
            };
            return Err(AppError::from_store(refused, Some(path)));
        }
        Ok(BookPreview::new(path, summary))
    }

    /// The automatic backups, newest first.
    pub fn backups(&self) -> Result<Vec<BackupDto>, AppError> {
        let store = self.store();
        Ok(store
            .backup_dir()
            .map(carnet_store::list_backups)
            .unwrap_or_default()
            .iter()
            .map(BackupDto::from)
            .collect())
    }

    /// Replaces the book with the backup at `path`; the book being replaced is backed up
    /// first. Prompts are recomputed for the restored book.
    pub fn restore(&self, path: &Path) -> Result<RestoreResult, AppError> {
        self.refuse_own_file(path, crate::paths::PathUse::Restore)?;
        let mut store = self.store();
        let previous = store
            .restore_from(path)
            .map_err(|e| AppError::from_store(e, Some(path)))?;
        refresh_everyone(&store, self.now().date())?;
        Ok(RestoreResult {
            previous: previous.map(|p| p.display().to_string()),
            customers: u32::try_from(store.count_customers()?).unwrap_or(u32::MAX),
        })
    }
}

fn refresh_everyone(store: &Store, today: chrono::NaiveDate) -> Result<(), AppError> {
    store.with_cache(crate::followup::whole_book_cache_mib(store)?, |store| {
        store.write(|w| {
            w.refresh_all_prompts(&crate::followup::rules(w)?, today)?;
            Ok(())
        })
    })
}

#[cfg(test)]
mod tests;
