//! The desktop's start: the book is opened with no more than Today needs (migrated if it
//! must be), and the rest is done after the first screen, by [`App::catch_up`]: the check
//! (`quick_check`), the day's first backup, and the prompts the day or a change of the rules
//! made stale, recomputed a step at a time. Each step is a unit of work of its own, so the
//! consultant's clicks and the `carnet` command get the book in between, and a crash half-way
//! leaves a book whose stale customers are still marked so: the next `catch_up` (the next
//! start's) finishes them.

use std::path::Path;
use std::sync::atomic::Ordering;

use carnet_store::Store;
use chrono::NaiveDate;

use crate::followup::{PROMPTS_DAY_SETTING, rules};
use crate::{App, AppError, CatchUpProgress, CatchUpResult, CatchUpStep};

/// Set (to anything) for the desktop app to quit as soon as Today is first usable, once it
/// has logged [`READY_FIELD`]: how `carnet bench` times a start on the real binary.
pub const QUIT_WHEN_READY_ENV: &str = "CARNET_QUIT_WHEN_READY";

/// The desktop's log line when Today is first usable: `ready_ms=…`, milliseconds since the
/// process started.
pub const READY_FIELD: &str = "ready_ms";

/// The events the desktop shell sends the window, by name: Rust's timer found notices due
/// (their payload: the `Notice`s), and the tray asked for Today.
pub const EVENTS: &[(&str, &str)] = &[
    (
        EVENT_NOTICES,
        "Notices are due: a Notice[] to show, then mark_notified.",
    ),
    (EVENT_SHOW_TODAY, "The tray asked for Today."),
];
/// See [`EVENTS`].
pub const EVENT_NOTICES: &str = "notices_due";
/// See [`EVENTS`].
pub const EVENT_SHOW_TODAY: &str = "show_today";

/// Customers recomputed per unit of work: a tenth of a second or so, so nothing waits on
/// the book for longer.
pub const PROMPTS_STEP: usize = 500;

/// The fewest stale customers for whose recompute the page cache grows (a day's rollover
/// recomputes a few hundred to a few thousand in a 100,000-customer book; a change of the
/// rules, everyone).
const WHOLE_BOOK_FROM: usize = 10_000;

impl App {
    /// Opens the book for the desktop's start: checked first only when it is to be migrated
    /// (a damaged book is never migrated); otherwise the check, the day's backup and the
    /// day's rollover wait for [`App::catch_up`], and Today shows the prompts as they are.
    pub fn open_deferred(path: &Path) -> Result<App, AppError> {
        App::open_deferred_keyed(path, None)
    }

    /// [`App::open_deferred`] with the book's passphrase (none for a plain book).
    pub fn open_deferred_keyed(
        path: &Path,
        key: Option<&carnet_store::Passphrase>,
    ) -> Result<App, AppError> {
        let store = Store::open_unchecked_unless_migrating(path, key).map_err(|e| {
            // A book too damaged to open is told as damaged, as a checked start tells it.
            let e = carnet_store::check_file(path, key).err().unwrap_or(e);
            AppError::from_store(e, Some(path))
        })?;
        tracing::info!(book = %path.display(), encrypted = store.is_encrypted(), "opened book");
        let mut app = App::from_store(store);
        app.deferred = true;
        app.unchecked = std::sync::atomic::AtomicBool::new(true);
        Ok(app)
    }

    /// Whether the day's rollover waits for `catch_up` (see [`App::open_deferred`]).
    pub(crate) fn rollover_deferred(&self) -> bool {
        self.deferred
    }

    /// The work left after the first screen: the check this start left to do (a damaged
    /// book is refused with `damaged_book`, as at start), the day's first backup, and the
    /// stale prompts, recomputed [`PROMPTS_STEP`] customers at a time. Reports each step
    /// through `progress`. Only one runs at a time; a second waits for the first.
    pub fn catch_up(
        &self,
        progress: &mut dyn FnMut(CatchUpProgress),
    ) -> Result<CatchUpResult, AppError> {
        let _one = self
            .catching_up
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if self.unchecked.load(Ordering::SeqCst) {
            progress(CatchUpProgress {
                step: CatchUpStep::Check,
                done: 0,
                total: 0,
            });
            self.check_now()?;
        }
        progress(CatchUpProgress {
            step: CatchUpStep::Backup,
            done: 0,
            total: 0,
        });
        let backup = match self.daily_backup() {
            Ok(made) => made,
            Err(e) => {
                // The prompts still matter more than a backup that can be tried again.
                tracing::warn!(error = %e.message, "the daily backup failed");
                None
            }
        };
        let customers = self.refresh_stale_prompts(PROMPTS_STEP, progress)?;
        Ok(CatchUpResult {
            backup,
            customers: crate::saturating_u32(customers),
        })
    }

    /// Checks the book (`quick_check`, on a read-only connection of its own, the book's lock
    /// not held meanwhile) and remembers that it passed; a damaged book is refused as
    /// `damaged_book`.
    pub fn check_now(&self) -> Result<(), AppError> {
        let (path, key) = {
            let store = self.store();
            (store.path().map(Path::to_owned), store.key().cloned())
        };
        if let Some(path) = path {
            carnet_store::check_file(&path, key.as_ref())
                .map_err(|e| AppError::from_store(e, Some(&path)))?;
        }
        self.unchecked.store(false, Ordering::SeqCst);
        self.checked.store(true, Ordering::SeqCst);
        Ok(())
    }

    /// Recomputes the customers whose prompts are stale today, `step` at a time, each step
    /// its own unit of work with the rules as they are then; then, on a new day, ends the
    /// rollover. Returns how many customers were recomputed.
    pub(crate) fn refresh_stale_prompts(
        &self,
        step: usize,
        progress: &mut dyn FnMut(CatchUpProgress),
    ) -> Result<usize, AppError> {
        let today = self.now().date();
        let ids = self.store().stale_prompt_ids(today)?;
        let total = crate::saturating_u32(ids.len());
        let report = |done: usize| CatchUpProgress {
            step: CatchUpStep::Prompts,
            done: crate::saturating_u32(done),
            total,
        };
        progress(report(0));
        // Many customers (the rules changed): the whole book is read through, with a bigger
        // page cache (see `whole_book_cache_mib`), put back at the end, whatever happens.
        let cache = if ids.len() >= WHOLE_BOOK_FROM {
            let store = self.store();
            Some(store.set_cache_mib(crate::followup::whole_book_cache_mib(&store)?)?)
        } else {
            None
        };
        let mut done = 0;
        let steps = ids.chunks(step.max(1)).try_for_each(|chunk| {
            self.store().write(|w| {
                w.refresh_prompts_of(chunk, &rules(w)?, today)?;
                Ok::<_, AppError>(())
            })?;
            done += chunk.len();
            progress(report(done));
            Ok::<_, AppError>(())
        });
        let put_back = cache.map_or(Ok(()), |cache| self.store().put_cache_back(cache));
        steps?;
        put_back?;
        self.store().write(|w| {
            let last_day = w
                .setting(PROMPTS_DAY_SETTING)?
                .and_then(|d| d.parse::<NaiveDate>().ok());
            let rolled = last_day.is_none_or(|day| day < today);
            if rolled {
                w.finish_rollover(today)?;
                w.set_setting(PROMPTS_DAY_SETTING, &today.to_string())?;
                tracing::info!(%today, customers = ids.len(), "rolled the prompts over to the day");
            }
            if rolled || !ids.is_empty() {
                // Today's plan was made from the prompts as they were (the first screen does
                // not wait for this): it is made again, from these, on the next look.
                w.set_setting(crate::followup::plan::PLAN_DAY_SETTING, "")?;
            }
            Ok::<_, AppError>(())
        })?;
        Ok(ids.len())
    }
}

#[cfg(test)]
mod tests;
