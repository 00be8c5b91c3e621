//! Carnet's use cases: what every front end (the desktop shell, the `carnet` command) calls.
//!
//! Everything that crosses this boundary is an IPC-safe DTO or an [`AppError`]; TypeScript
//! declarations for them are generated from these types (see [`bindings`]).

mod backups;
pub mod bindings;
mod catalogue;
pub mod commands;
mod customers;
mod demo;
mod dto;
mod erase;
mod error;
mod export;
mod fit;
mod followup;
mod import;
pub mod logging;
mod messages;
#[cfg(test)]
mod naughty;
mod paths;
mod privacy;
mod quote;
pub mod reading;
mod reports;
mod settings;
mod startup;
mod team;
mod understand;

use std::fmt;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use carnet_store::Store;

pub use backups::{
    damaged_book, damaged_book_with, inspect_backup, inspect_backup_with, newest_good_backup,
    newest_good_backup_with, replace_with_backup, replace_with_backup_keyed,
};
pub use carnet_store::{FileKind, Passphrase};
pub use catalogue::SAMPLE_CATALOGUE;
pub use customers::{PAGE_MAX, quick_input};
pub use dto::SuggestionsDto;
pub use dto::{
    Agenda, AgendaRow, BackupDto, BookPreview, Brief, Consultant, CustomerDetail, CustomerDto,
    CustomerInput, CustomerList, DamagedBook, DeliveryInput, DuplicatePolicy, DuplicateRow,
    EraseProgress, EraseResult, ExportFormat, ExportRequest, ExportResult, FamilyDate,
    FamilyMemberDto, ImportColumn, ImportDto, ImportPhase, ImportPreview, ImportProgress,
    ImportRequest, ImportResult, InteractionDto, InvalidRow, KeptWhere, KeyFactChangeDto, Language,
    LevelChangeDto, LevelInput, ListOrder, MergePreview, Notice, OrderInput, PhoneView, PromptDto,
    PromptParamsDto, QuickOutcome, RestoreResult, Settings, TimeframeKind, TimeframeView, Undo,
    UndoImportResult, WarningGroup, WarningItem, When,
};
pub use dto::{
    BandCount, CustomerValue, FunnelStepRow, GridCellRow, GridView, LevelCount, Lookalike,
    LostCustomer, LostReasonRow, ModelRow, Period, RateRow, ReasonCount, Report, ReportKind,
    ReportTable, SatisfactionMonth, SourceRow, TableValue, TallyRow, TierRow, TimeToOrderRow,
    ValuedCustomer, WeekMix,
};
pub use dto::{
    CatalogueColumn, CatalogueExportResult, CatalogueImportResult, CatalogueLine, CataloguePreview,
    TrimDto, TrimLink,
};
pub use dto::{CatchUpProgress, CatchUpResult, CatchUpStep};
pub use dto::{
    ConsultantFigures, ConsultantReport, Holder, SharedCustomer, TeamBook, TeamFile, TeamOverview,
    TeamPart,
};
pub use dto::{KindCount, LaterDay, PlanGroup, PlanMember, PlanRow, TodayPlan};
pub use dto::{LockState, PassphraseChange, Privacy};
pub use dto::{
    MergeFieldName, MessageInput, MessageRequest, RenderedMessage, TemplateDto, TemplateInput,
    TemplateList,
};
pub use dto::{QuoteInput, QuoteTrim, QuoteView};
pub use error::{AppError, ErrorCode, ErrorKind, OwnFileKind, Param, SheetSize};
pub use fit::FIT_LIST_MAX;
pub use followup::AGENDA_PROMPTS;
pub use paths::{APP_IDENTIFIER, BOOK_ENV, book_path_from, default_book_path, team_book_path};
pub use privacy::{PASSPHRASE_ENV, book_file_kind, check_new_passphrase};
pub use quote::grouped as grouped_yuan;
pub use startup::{
    EVENT_NOTICES, EVENT_SHOW_TODAY, EVENTS, PROMPTS_STEP, QUIT_WHEN_READY_ENV, READY_FIELD,
};

/// An open book and the use cases on it. One connection, behind a mutex: Carnet is one
/// consultant's book, and SQLite serialises writers anyway.
pub struct App {
    store: Mutex<Store>,
    /// The consultant's local time; tests and `carnet agenda --date` set another.
    clock: fn() -> chrono::NaiveDateTime,
    /// Set to stop the import that is running.
    import_cancel: std::sync::atomic::AtomicBool,
    /// The last dry run, which the import of the same file can use (see `import_file`).
    dry_run: Mutex<Option<import::DryRun>>,
    /// Opened for the desktop's start (`open_deferred`): the day's rollover is left to
    /// `catch_up`, so Today reads the book as it is until then.
    deferred: bool,
    /// The check `open_deferred` left for `catch_up`, until it has run.
    unchecked: std::sync::atomic::AtomicBool,
    /// The book passed its check (`quick_check`) in this process: opened checked, or checked
    /// since ([`App::check_now`]). A copy equal to it byte for byte is then as whole as it.
    checked: std::sync::atomic::AtomicBool,
    /// Held while stale prompts are recomputed: one recompute at a time.
    catching_up: Mutex<()>,
}

impl App {
    /// Opens (creating, migrating and backing up as needed) the book at `path`.
    pub fn open(path: &Path) -> Result<App, AppError> {
        let store = Store::open(path).map_err(|e| AppError::from_store(e, Some(path)))?;
        tracing::info!(book = %path.display(), "opened book");
        Ok(App::from_store(store))
    }

    /// `open`, after checking the book with `PRAGMA quick_check`: the desktop app's start. A
    /// damaged book is refused with `damaged_book` (see [`damaged_book`] for the offer).
    pub fn open_checked(path: &Path) -> Result<App, AppError> {
        App::open_checked_keyed(path, None)
    }

    /// [`App::open`] of a book that may be encrypted: with its passphrase (`None`: the book
    /// must be plain, or it is refused as `locked`; a wrong one is refused as
    /// `wrong_passphrase`, with the book's files untouched). A new book given a passphrase is
    /// created encrypted.
    pub fn open_keyed(path: &Path, key: Option<&Passphrase>) -> Result<App, AppError> {
        let store =
            Store::open_keyed(path, key).map_err(|e| AppError::from_store(e, Some(path)))?;
        tracing::info!(book = %path.display(), encrypted = store.is_encrypted(), "opened book");
        Ok(App::from_store(store))
    }

    /// [`App::open_checked`] with the book's passphrase, as [`App::open_keyed`].
    pub fn open_checked_keyed(path: &Path, key: Option<&Passphrase>) -> Result<App, AppError> {
        let store =
            Store::open_checked(path, key).map_err(|e| AppError::from_store(e, Some(path)))?;
        tracing::info!(book = %path.display(), encrypted = store.is_encrypted(), "opened and checked book");
        let app = App::from_store(store);
        app.checked.store(true, std::sync::atomic::Ordering::SeqCst);
        Ok(app)
    }

    /// A throwaway book in memory.
    pub fn open_in_memory() -> Result<App, AppError> {
        Ok(App::from_store(Store::open_in_memory()?))
    }

    fn from_store(store: Store) -> App {
        App {
            store: Mutex::new(store),
            clock: || chrono::Local::now().naive_local(),
            import_cancel: std::sync::atomic::AtomicBool::new(false),
            dry_run: Mutex::new(None),
            deferred: false,
            unchecked: std::sync::atomic::AtomicBool::new(false),
            checked: std::sync::atomic::AtomicBool::new(false),
            catching_up: Mutex::new(()),
        }
    }

    /// Waits for what the book finishes on a thread of its own after a big import (copying
    /// it from the log into the book), as closing the book does.
    pub fn wait_for_background_work(&self) {
        self.store().wait_for_checkpoint();
    }

    /// The same book with another clock (for tests, and for seeing a day as it will be). The
    /// store stamps what it records with it too.
    pub fn with_clock(mut self, clock: fn() -> chrono::NaiveDateTime) -> App {
        self.clock = clock;
        self.store
            .get_mut()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .set_clock(clock);
        self
    }

    /// The consultant's local time now.
    pub fn now(&self) -> chrono::NaiveDateTime {
        (self.clock)()
    }

    /// The store, even if a previous holder panicked: SQLite keeps the book consistent, so a
    /// poisoned lock carries no half-done state worth refusing over.
    fn store(&self) -> MutexGuard<'_, Store> {
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl fmt::Debug for App {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("App")
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

/// A count as the front ends take it: `u32`, or `u32::MAX` for a count past it (no book holds
/// four billion of anything).
pub(crate) fn saturating_u32<T: TryInto<u32>>(count: T) -> u32 {
    count.try_into().unwrap_or(u32::MAX)
}
