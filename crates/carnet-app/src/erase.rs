//! Erasing customers for good (emptying the trash, or a deletion request under PIPL): from
//! the book, from its log, and from every automatic backup, each backup rewritten without
//! them. Copies the consultant made elsewhere ("back up to…", a USB stick) are not Carnet's
//! to change; the confirmation says so.

use crate::{App, AppError, EraseProgress, EraseResult, saturating_u32};

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
        let total = saturating_u32(backups.len());
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
                done: saturating_u32(i + 1),
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
            erased: saturating_u32(erased),
            backups: saturating_u32(backups.len() - failed.len()),
            failed,
            log_purged,
        })
    }
}
