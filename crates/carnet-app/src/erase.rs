//! Erasing customers for good (emptying the trash, or a deletion request under PIPL): from
//! the book, from its log, and from every automatic backup, each backup rewritten without
//! them. Copies the consultant made elsewhere ("back up to…", a USB stick) are not Carnet's
//! to change; the confirmation says so.

use serde::Serialize;
use ts_rs::TS;

use crate::{App, AppError};

/// How far an erasure has got: the book first, then each automatic backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct EraseProgress {
    /// Backups rewritten so far.
    pub done: u32,
    /// Automatic backups in all.
    pub backups: u32,
}

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EraseResult {
    /// Customers erased from the book.
    pub erased: u32,
    /// Automatic backups rewritten without them (every customer ever erased from this book
    /// is taken out of each backup).
    pub backups: u32,
    /// Backups that could not be rewritten (damaged, or not a Carnet book), by path: they
    /// may still hold erased customers.
    pub failed: Vec<String>,
    /// Whether the book's log was emptied at once (else at its next checkpoint).
    pub log_purged: bool,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl App {
    /// Erases everyone in the trash for good (see [`App::erase_customers`]).
    pub fn empty_trash(
        &self,
        progress: &mut dyn FnMut(EraseProgress),
    ) -> Result<EraseResult, AppError> {
        let ids: Vec<String> = self
            .store()
            .trashed_customers()?
            .into_iter()
            .map(|c| c.id)
            .collect();
        self.erase_customers(&ids, progress)
    }

    /// Erases these customers for good, in the trash or not: from the book (with everything
    /// linked to them, their search entries, their old versions in the log) and then from
    /// every automatic backup, `progress` hearing after each. Their ids (and nothing else
    /// of theirs) are kept, so that restoring a backup or a copy never brings them back.
    pub fn erase_customers(
        &self,
        ids: &[String],
        progress: &mut dyn FnMut(EraseProgress),
    ) -> Result<EraseResult, AppError> {
        let store = self.store();
        let erased = store.write(|w| w.erase_customers(ids))?;
        let log_purged = store.purge_log()?;
        let everyone = store.erased_ids()?;
        let backups = store
            .backup_dir()
            .map(carnet_store::list_backups)
            .unwrap_or_default();
        let total = count(backups.len());
        progress(EraseProgress {
            done: 0,
            backups: total,
        });
        let mut failed = Vec::new();
        for (i, backup) in backups.iter().enumerate() {
            if let Err(e) = store.erase_from_backup(&backup.path, &everyone) {
                tracing::warn!(backup = %backup.path.display(), error = %e, "a backup could not be rewritten");
                failed.push(backup.path.display().to_string());
            }
            progress(EraseProgress {
                done: count(i + 1),
                backups: total,
            });
        }
        tracing::info!(
            erased,
            backups = backups.len(),
            failed = failed.len(),
            "erased customers for good"
        );
        Ok(EraseResult {
            erased: count(erased),
            backups: count(backups.len() - failed.len()),
            failed,
            log_purged,
        })
    }
}
