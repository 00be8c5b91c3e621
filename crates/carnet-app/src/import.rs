//! Importing a file into the book: the dry run every import starts with, the import itself
//! (one transaction, after a backup, with progress and a way to stop it), and undo.
//!
//! carnet-io reads the file (`read`); `check` reads each row into a profile, leniently;
//! `plan` decides, row by row, what it means for this book: new, an update of empty fields, a
//! duplicate (the same rule as on entry), or refused; `convert` turns rows and the records of
//! a Carnet export into the store's rows; `dry_run` keeps a dry run's plan for the import that
//! follows it.

use std::path::Path;
use std::sync::atomic::Ordering;

use carnet_io::mapping::SavedMapping;

use crate::{
    App, AppError, ErrorKind, ImportDto, ImportPhase, ImportPreview, ImportProgress, ImportRequest,
    ImportResult, UndoImportResult, saturating_u32,
};

mod check;
mod convert;
mod dry_run;
mod plan;
mod read;

use check::check_rows;
use convert::Remade;
pub(crate) use dry_run::DryRun;
use dry_run::DryRunKey;
use plan::{Planned, plan};
use read::corrected_mapping;
pub(crate) use read::{Read, read};

/// Where the consultant's corrections to column mappings are kept.
const SAVED_MAPPING: &str = "import_mapping";

/// The page cache, in MiB, while a dry run checks the rows against the book and while the
/// import writes them, for a book of `book_bytes`: a quarter of the usual into a small book
/// (whose pages pass through the cache once: as fast as a bigger cache, with 48 MB less
/// memory held), and more as the book grows, up to three quarters of the usual for a book
/// of 512 MB or more, whose indexes take new entries all over (into a 100,000-customer
/// book, 48 MiB measured 0.9 s quicker than 16). An encrypted book gets the most at once:
/// each page read again from the file is decrypted and its code checked again, which the
/// operating system's cache of a plain book spares it.
fn import_cache_mib(store: &carnet_store::Store) -> Result<i64, AppError> {
    const SMALL: i64 = 16;
    const BIG: i64 = 48;
    if store.key().is_some() {
        return Ok(BIG);
    }
    let book_mib = i64::try_from(store.book_bytes()? >> 20).unwrap_or(i64::MAX);
    Ok((SMALL + book_mib / 16).clamp(SMALL, BIG))
}

/// Where an import goes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Destination<'a> {
    /// The consultant's own book, after a backup of it as it was.
    OwnBook,
    /// A team book, as this consultant's part, without a backup (a team book is built from
    /// the exports, which are its backup).
    Team { consultant: &'a str },
}

impl App {
    pub(crate) fn saved_mapping(&self) -> Result<SavedMapping, AppError> {
        Ok(self
            .store()
            .setting(SAVED_MAPPING)?
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default())
    }

    /// The dry run: reads the file and checks every row against the book, writing nothing.
    pub fn preview_import(&self, req: &ImportRequest) -> Result<ImportPreview, AppError> {
        let saved = self.saved_mapping()?;
        let mut read = read(Path::new(&req.path), req, &saved)?;
        let lang = self.export_lang()?;
        let store = self.store();
        let now = self.now();
        let cache = import_cache_mib(&store)?;
        let planned = store.with_cache(cache, |store| {
            store.read(|store| plan(store, &mut read, req, (now, lang), false, &mut |_| true))
        })?;
        drop(read);
        let preview = planned.preview.clone();
        let key = DryRunKey::new(req, &saved, &store)?;
        *self.lock_dry_run() = Some(DryRun { key, planned });
        Ok(preview)
    }

    fn lock_dry_run(&self) -> std::sync::MutexGuard<'_, Option<DryRun>> {
        self.dry_run.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Stops the import that is running (it writes nothing).
    pub fn cancel_import(&self) {
        self.import_cancel.store(true, Ordering::SeqCst);
    }

    /// Imports the file: the same checks as the dry run, then a backup of the book, then
    /// every row in one transaction. `progress` hears how far it has got; `cancel_import`
    /// stops it with nothing written.
    pub fn import_file(
        &self,
        req: &ImportRequest,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportResult, AppError> {
        self.own_book_only()?;
        self.import_into(req, None, progress, Destination::OwnBook)
    }

    /// [`App::import_file`] into `destination`, of the file as `read` already when given.
    pub(crate) fn import_into(
        &self,
        req: &ImportRequest,
        read_already: Option<Read>,
        progress: &mut dyn FnMut(ImportProgress),
        destination: Destination<'_>,
    ) -> Result<ImportResult, AppError> {
        self.import_cancel.store(false, Ordering::SeqCst);
        let started = std::time::Instant::now();
        let saved = self.saved_mapping()?;
        let lang = self.export_lang()?;
        let dry_run = self.lock_dry_run().take();
        let store = self.store();
        let at = self.now();
        let cancel = &self.import_cancel;
        let mut report = |p: ImportProgress| {
            progress(p);
            !cancel.load(Ordering::SeqCst)
        };
        // The dry run just made for this file is used as it is when nothing it depends on
        // has changed since; otherwise the file is read and checked again.
        let key = DryRunKey::new(req, &saved, &store)?;
        let Planned {
            mut plan,
            creates,
            preview,
            kept,
        } = match dry_run {
            Some(d) if d.key == key => d.planned,
            _ => {
                let mut read = match read_already {
                    Some(read) => read,
                    None => read(Path::new(&req.path), req, &saved)?,
                };
                store.with_cache(import_cache_mib(&store)?, |store| {
                    store.read(|store| plan(store, &mut read, req, (at, lang), true, &mut report))
                })?
            }
        };
        plan.record.at = at.format("%Y-%m-%d %H:%M:%S").to_string();
        let backup = match destination {
            Destination::OwnBook => true,
            Destination::Team { consultant } => {
                plan.consultant = Some(consultant.to_owned());
                false
            }
        };
        let planned = started.elapsed();
        let writes = plan.created > 0 || !plan.fills.is_empty();
        // The file is read again, for the customers it creates to be made again as they are
        // written (unless the plan kept them: a Carnet export, which has no columns).
        let mut again = match kept {
            Some(_) => None,
            None => Some(read(Path::new(&req.path), req, &saved)?),
        };
        let read_again = started.elapsed();
        let corrected = match &again {
            Some(again) if req.save_mapping => corrected_mapping(saved, again),
            _ => None,
        };
        let new_mapping = match corrected {
            Some(saved) => Some(serde_json::to_string(&saved).map_err(AppError::internal)?),
            None => None,
        };
        let save_mapping = |w: &carnet_store::Write<'_>| match &new_mapping {
            Some(json) => w.set_setting(SAVED_MAPPING, json),
            None => Ok(()),
        };
        let mut result = ImportResult {
            id: None,
            created: preview.new,
            updated: preview.updated,
            skipped: preview.duplicate,
            refused: preview.refused,
            with_warnings: preview.with_warnings,
            backup: None,
        };
        if !writes {
            store.write(save_mapping)?;
            return Ok(result);
        }
        let total = saturating_u32(plan.created + plan.fills.len());
        let rules = crate::followup::rules(&store)?;
        let changed = std::sync::atomic::AtomicBool::new(false);
        let checked: Box<dyn Iterator<Item = check::Checked> + Send + '_> = match (kept, &mut again)
        {
            (Some(kept), _) => Box::new(kept.into_iter()),
            (None, Some(again)) => check_rows(again, at.date(), lang).1,
            (None, None) => Box::new(std::iter::empty()),
        };
        let mut created = Remade {
            checked,
            creates: creates.iter(),
            rules: &rules,
            today: at.date(),
            changed: &changed,
        };
        // The corrected mapping, the customers and their prompts: one commit, after the
        // backup of the book as it was (made while they are written).
        // Creates customers only: fills none already in the book.
        let creates_only = plan.fills.is_empty();
        let write = |w: &carnet_store::Write<'_>, backup: Option<&Path>| {
            plan.record.backup = backup.map(|p| p.display().to_string());
            save_mapping(w)?;
            w.apply_import(&plan, &mut created, at, &rules, &mut |done| {
                report(ImportProgress {
                    phase: ImportPhase::Writing,
                    done: saturating_u32(done),
                    total,
                })
            })
        };
        let written = store.with_cache(import_cache_mib(&store)?, |store| {
            store
                .write_import(backup.then_some("before-import"), creates_only, write)
                .map(|((), _)| ())
        });
        if changed.load(Ordering::SeqCst) {
            let detail = "the file changed while it was being imported; nothing was written";
            return Err(AppError::new(
                ErrorKind::FileError {
                    path: Some(req.path.clone()),
                    format: None,
                    detail: detail.to_owned(),
                },
                detail,
            ));
        }
        written?;
        progress(ImportProgress {
            phase: ImportPhase::Writing,
            done: total,
            total,
        });
        let written = started.elapsed();
        tracing::info!(
            import = %plan.record.id,
            created = result.created,
            updated = result.updated,
            ?planned,
            ?read_again,
            ?written,
            "imported"
        );
        result.id = Some(plan.record.id.clone());
        result.backup = plan.record.backup.clone();
        Ok(result)
    }

    /// Every import, newest first.
    pub fn imports(&self) -> Result<Vec<ImportDto>, AppError> {
        Ok(self
            .store()
            .imports()?
            .into_iter()
            .map(|r| ImportDto {
                id: r.id,
                at: r.at,
                file_name: r.file_name,
                format: r.format,
                policy: r.policy,
                created: saturating_u32(r.created),
                updated: saturating_u32(r.updated),
                skipped: saturating_u32(r.skipped),
                refused: saturating_u32(r.invalid),
                undone: r.undone_at.is_some(),
            })
            .collect())
    }

    /// Undoes an import as a whole (see [`Store::undo_import`]).
    pub fn undo_import(&self, id: &str) -> Result<UndoImportResult, AppError> {
        let store = self.store();
        let at = self.now();
        let done = store.write(|w| {
            let done = w.undo_import(id, at)?.ok_or_else(|| {
                AppError::new(
                    ErrorKind::NotFound { id: id.to_owned() },
                    format!("no import {id} to undo"),
                )
            })?;
            w.roll_prompts_over(&crate::followup::rules(w)?, at.date())?;
            Ok::<_, AppError>(done)
        })?;
        Ok(UndoImportResult {
            removed: saturating_u32(done.removed),
            reverted: saturating_u32(done.reverted),
        })
    }
}

#[cfg(test)]
mod tests;
