//! The commands the webview calls. Each is a few lines: run one carnet-app use case on a
//! blocking thread (`Book::run`). Their names, arguments and results are those of carnet-app's
//! command table (`carnet_app::commands`), from which the UI's functions are generated; a test
//! (`crate::tests`) holds this file to it.
//!
//! A few do not go through `Book::run`, each for the reason given beside it: stopping an
//! import (it must answer while the import holds the book), inspecting a backup and the
//! damaged book's screen (they work when no book could be opened), the lock (it answers while
//! the app is locked), reading the level words of
//! a query (pure functions, no book), the file dialogs (they ask the consultant, not the
//! book), and printing to PDF (the window prints, not the book).

use std::collections::BTreeMap;
use std::path::Path;

use carnet_app::commands::{OpenKind, SaveKind};
use carnet_app::{
    Agenda, AppError, BackupDto, BookPreview, Brief, Consultant, CustomerDetail, CustomerDto,
    CustomerInput, CustomerList, DamagedBook, DeliveryInput, EraseProgress, EraseResult,
    ExportRequest, ExportResult, FamilyMemberDto, ImportDto, ImportPreview, ImportProgress,
    ImportRequest, ImportResult, InteractionDto, Language, LevelInput, ListOrder, MergePreview,
    Notice, OrderInput, QuickOutcome, RestoreResult, Settings, SuggestionsDto, TimeframeView, Undo,
    UndoImportResult,
};
use carnet_app::{
    CatalogueExportResult, CatalogueImportResult, CataloguePreview, ExportFormat, TrimDto,
};
use carnet_app::{CatchUpProgress, CatchUpResult};
use carnet_app::{
    ConsultantReport, CustomerValue, Report, ReportKind, ReportTable, SharedCustomer, TeamBook,
    TeamOverview,
};
use carnet_app::{LockState, PassphraseChange, Privacy};
use carnet_app::{
    MessageInput, MessageRequest, RenderedMessage, TemplateDto, TemplateInput, TemplateList,
};
use carnet_app::{PlanMember, TodayPlan};
use carnet_app::{QuoteInput, QuoteTrim, QuoteView};
use carnet_core::choices::Occasion;
use carnet_core::differentiate::ValueRules;
use carnet_core::fit::{Comparison, FitRules};
use carnet_core::followup::Rules;
use carnet_core::quote::QuoteSettings;
use carnet_core::understand::Suggestion;
use carnet_core::{FamilyDraft, InteractionDraft, Level};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use crate::{Book, Team};

#[tauri::command]
pub async fn search_customers(
    book: State<'_, Book>,
    query: String,
    order: ListOrder,
    offset: u32,
    limit: u32,
) -> Result<CustomerList, AppError> {
    book.run(move |app| app.search_customers(&query, order, offset, limit))
        .await
}

#[tauri::command]
pub async fn add_customer(
    book: State<'_, Book>,
    input: CustomerInput,
) -> Result<CustomerDetail, AppError> {
    book.run(move |app| app.add_customer(input)).await
}

#[tauri::command]
pub async fn get_customer(book: State<'_, Book>, id: String) -> Result<CustomerDetail, AppError> {
    book.run(move |app| app.get_customer(&id)).await
}

#[tauri::command]
pub async fn update_customer(
    book: State<'_, Book>,
    id: String,
    input: CustomerInput,
) -> Result<CustomerDetail, AppError> {
    book.run(move |app| app.update_customer(&id, input)).await
}

#[tauri::command]
pub async fn trash_customer(book: State<'_, Book>, id: String) -> Result<(), AppError> {
    book.run(move |app| app.trash_customer(&id)).await
}

#[tauri::command]
pub async fn restore_customer(
    book: State<'_, Book>,
    id: String,
) -> Result<CustomerDetail, AppError> {
    book.run(move |app| app.restore_customer(&id)).await
}

/// What a timeframe as typed means today (the hint beside the profile's field).
#[tauri::command]
pub async fn read_timeframe(
    book: State<'_, Book>,
    text: String,
) -> Result<Option<TimeframeView>, AppError> {
    book.run(move |app| app.read_timeframe(&text)).await
}

/// The levels the query's `level:` words name (the level chips). Pure: no book needed.
#[tauri::command]
pub async fn levels_in_query(query: String) -> Result<Vec<Level>, AppError> {
    Ok(carnet_app::reading::levels_in_query(&query))
}

/// The query with its `level:` words replaced by one naming `levels`. Pure: no book needed.
#[tauri::command]
pub async fn query_with_levels(query: String, levels: Vec<Level>) -> Result<String, AppError> {
    Ok(carnet_app::reading::query_with_levels(&query, &levels))
}

#[tauri::command]
pub async fn list_trash(book: State<'_, Book>) -> Result<Vec<CustomerDto>, AppError> {
    book.run(|app| app.trash()).await
}

#[tauri::command]
pub async fn empty_trash(
    book: State<'_, Book>,
    on_progress: Channel<EraseProgress>,
) -> Result<EraseResult, AppError> {
    book.run(move |app| {
        app.empty_trash(&mut |p| {
            let _ = on_progress.send(p);
        })
    })
    .await
}

/// Erases customers for good (a deletion request); progress through the backups goes to
/// `on_progress`.
#[tauri::command]
pub async fn erase_customers(
    book: State<'_, Book>,
    ids: Vec<String>,
    on_progress: Channel<EraseProgress>,
) -> Result<EraseResult, AppError> {
    book.run(move |app| {
        app.erase_customers(&ids, &mut |p| {
            let _ = on_progress.send(p);
        })
    })
    .await
}

#[tauri::command]
pub async fn add_family_member(
    book: State<'_, Book>,
    customer_id: String,
    input: FamilyDraft,
) -> Result<FamilyMemberDto, AppError> {
    book.run(move |app| app.add_family_member(&customer_id, input))
        .await
}

#[tauri::command]
pub async fn update_family_member(
    book: State<'_, Book>,
    id: String,
    input: FamilyDraft,
) -> Result<(), AppError> {
    book.run(move |app| app.update_family_member(&id, input))
        .await
}

#[tauri::command]
pub async fn delete_family_member(book: State<'_, Book>, id: String) -> Result<(), AppError> {
    book.run(move |app| app.delete_family_member(&id)).await
}

#[tauri::command]
pub async fn merge_preview(
    book: State<'_, Book>,
    survivor: String,
    loser: String,
) -> Result<MergePreview, AppError> {
    book.run(move |app| app.merge_preview(&survivor, &loser))
        .await
}

#[tauri::command]
pub async fn merge_customers(
    book: State<'_, Book>,
    survivor: String,
    loser: String,
    take_from_loser: Vec<String>,
) -> Result<CustomerDetail, AppError> {
    book.run(move |app| app.merge_customers(&survivor, &loser, &take_from_loser))
        .await
}

#[tauri::command]
pub async fn get_settings(book: State<'_, Book>) -> Result<Settings, AppError> {
    book.run(|app| app.settings()).await
}

#[tauri::command]
pub async fn set_language(book: State<'_, Book>, language: Language) -> Result<Settings, AppError> {
    book.run(move |app| app.set_language(language)).await
}

#[tauri::command]
pub async fn set_channels(
    book: State<'_, Book>,
    channels: Vec<String>,
) -> Result<Settings, AppError> {
    book.run(move |app| app.set_channels(channels)).await
}

#[tauri::command]
pub async fn set_consultant(
    book: State<'_, Book>,
    consultant: Consultant,
) -> Result<Settings, AppError> {
    book.run(move |app| app.set_consultant(consultant)).await
}

#[tauri::command]
pub async fn agenda(book: State<'_, Book>, days: u32) -> Result<Agenda, AppError> {
    book.run(move |app| app.agenda(None, days)).await
}

#[tauri::command]
pub async fn today_plan(book: State<'_, Book>) -> Result<TodayPlan, AppError> {
    book.run(|app| app.today_plan()).await
}

#[tauri::command]
pub async fn plan_group(
    book: State<'_, Book>,
    occasion: Occasion,
) -> Result<Vec<PlanMember>, AppError> {
    book.run(move |app| app.plan_group(occasion)).await
}

#[tauri::command]
pub async fn brief(
    book: State<'_, Book>,
    customer_id: String,
    prompt: Option<String>,
) -> Result<Brief, AppError> {
    book.run(move |app| app.brief(&customer_id, prompt.as_deref()))
        .await
}

#[tauri::command]
pub async fn understand(
    book: State<'_, Book>,
    customer_id: Option<String>,
    text: String,
) -> Result<Vec<Suggestion>, AppError> {
    book.run(move |app| app.understand(customer_id.as_deref(), &text))
        .await
}

#[tauri::command]
pub async fn accept_suggestion(
    book: State<'_, Book>,
    customer_id: String,
    suggestion: Suggestion,
) -> Result<CustomerDetail, AppError> {
    book.run(move |app| app.accept_suggestion(&customer_id, &suggestion))
        .await
}

#[tauri::command]
pub async fn complete_prompt(
    book: State<'_, Book>,
    customer_id: String,
    key: String,
    outcome: QuickOutcome,
    date: String,
) -> Result<Undo, AppError> {
    book.run(move |app| app.complete_prompt(&customer_id, &key, outcome, &date))
        .await
}

#[tauri::command]
pub async fn snooze_prompt(
    book: State<'_, Book>,
    customer_id: String,
    key: String,
    days: u32,
) -> Result<Undo, AppError> {
    book.run(move |app| app.snooze_prompt(&customer_id, &key, days))
        .await
}

#[tauri::command]
pub async fn dismiss_prompt(
    book: State<'_, Book>,
    customer_id: String,
    key: String,
    reason: String,
) -> Result<Undo, AppError> {
    book.run(move |app| app.dismiss_prompt(&customer_id, &key, &reason))
        .await
}

#[tauri::command]
pub async fn undo(book: State<'_, Book>, undo: Undo) -> Result<(), AppError> {
    book.run(move |app| app.undo(undo)).await
}

#[tauri::command]
pub async fn log_interaction(
    book: State<'_, Book>,
    customer_id: String,
    draft: InteractionDraft,
) -> Result<InteractionDto, AppError> {
    book.run(move |app| app.log_interaction(&customer_id, draft))
        .await
}

#[tauri::command]
pub async fn record_order(
    book: State<'_, Book>,
    customer_id: String,
    input: OrderInput,
) -> Result<InteractionDto, AppError> {
    book.run(move |app| app.record_order(&customer_id, input))
        .await
}

#[tauri::command]
pub async fn record_delivery(
    book: State<'_, Book>,
    customer_id: String,
    input: DeliveryInput,
) -> Result<InteractionDto, AppError> {
    book.run(move |app| app.record_delivery(&customer_id, input))
        .await
}

#[tauri::command]
pub async fn resolve_complaint(
    book: State<'_, Book>,
    interaction_id: String,
    resolution: String,
) -> Result<(), AppError> {
    book.run(move |app| app.resolve_complaint(&interaction_id, &resolution))
        .await
}

#[tauri::command]
pub async fn set_level(
    book: State<'_, Book>,
    customer_id: String,
    level: Level,
    input: LevelInput,
) -> Result<(), AppError> {
    book.run(move |app| app.set_level(&customer_id, level, input))
        .await
}

#[tauri::command]
pub async fn quote_trims(
    book: State<'_, Book>,
    customer_id: String,
) -> Result<Vec<QuoteTrim>, AppError> {
    book.run(move |app| app.quote_trims(&customer_id)).await
}

#[tauri::command]
pub async fn quote(
    book: State<'_, Book>,
    customer_id: String,
    input: QuoteInput,
) -> Result<QuoteView, AppError> {
    book.run(move |app| app.quote(&customer_id, &input)).await
}

#[tauri::command]
pub async fn save_quote(
    book: State<'_, Book>,
    customer_id: String,
    input: QuoteInput,
) -> Result<QuoteView, AppError> {
    book.run(move |app| app.save_quote(&customer_id, &input))
        .await
}

#[tauri::command]
pub async fn quote_of(
    book: State<'_, Book>,
    interaction_id: String,
) -> Result<QuoteView, AppError> {
    book.run(move |app| app.quote_of(&interaction_id)).await
}

#[tauri::command]
pub async fn get_quote_settings(book: State<'_, Book>) -> Result<QuoteSettings, AppError> {
    book.run(|app| app.quote_settings()).await
}

#[tauri::command]
pub async fn set_quote_settings(
    book: State<'_, Book>,
    settings: QuoteSettings,
) -> Result<QuoteSettings, AppError> {
    book.run(move |app| app.set_quote_settings(settings)).await
}

/// Prints the window (the quote sheet, by its print stylesheet) to a PDF: WebKitGTK's print
/// operation, on the main thread, not the book's (see `print.rs`).
#[tauri::command]
pub async fn print_to_pdf(app: AppHandle, path: String) -> Result<(), AppError> {
    crate::print::print_to_pdf(app, path).await
}

/// Puts a message on the system clipboard, to paste into WeChat or an SMS: through the
/// clipboard plugin, in Rust, which WebKitGTK's own clipboard rules cannot refuse.
#[tauri::command]
pub async fn copy_text(app: AppHandle, text: String) -> Result<(), AppError> {
    use tauri_plugin_clipboard_manager::ClipboardExt;
    app.clipboard()
        .write_text(text)
        .map_err(|e| AppError::internal(format!("the clipboard refused the text: {e}")))
}

#[tauri::command]
pub async fn customer_value(book: State<'_, Book>, id: String) -> Result<CustomerValue, AppError> {
    book.run(move |app| app.customer_value(&id)).await
}

#[tauri::command]
pub async fn report(
    book: State<'_, Book>,
    kind: ReportKind,
    from: String,
    to: String,
) -> Result<Report, AppError> {
    book.run(move |app| app.report(kind, &from, &to)).await
}

#[tauri::command]
pub async fn get_value_rules(book: State<'_, Book>) -> Result<ValueRules, AppError> {
    book.run(|app| app.value_rules()).await
}

#[tauri::command]
pub async fn set_value_rules(
    book: State<'_, Book>,
    rules: ValueRules,
) -> Result<ValueRules, AppError> {
    book.run(move |app| app.set_value_rules(rules)).await
}

#[tauri::command]
pub async fn restore_default_value_rules(book: State<'_, Book>) -> Result<ValueRules, AppError> {
    book.run(|app| app.restore_default_value_rules()).await
}

#[tauri::command]
pub async fn suggest(
    book: State<'_, Book>,
    customer_id: String,
) -> Result<SuggestionsDto, AppError> {
    book.run(move |app| app.suggest(&customer_id)).await
}

#[tauri::command]
pub async fn compare_trims(
    book: State<'_, Book>,
    ids: Vec<String>,
) -> Result<Comparison, AppError> {
    book.run(move |app| app.compare_trims(&ids)).await
}

#[tauri::command]
pub async fn get_fit_rules(book: State<'_, Book>) -> Result<FitRules, AppError> {
    book.run(|app| app.fit_rules()).await
}

#[tauri::command]
pub async fn set_fit_rules(book: State<'_, Book>, rules: FitRules) -> Result<FitRules, AppError> {
    book.run(move |app| app.set_fit_rules(rules)).await
}

#[tauri::command]
pub async fn restore_default_fit_rules(book: State<'_, Book>) -> Result<FitRules, AppError> {
    book.run(|app| app.restore_default_fit_rules()).await
}

#[tauri::command]
pub async fn save_table(
    book: State<'_, Book>,
    path: String,
    table: ReportTable,
) -> Result<(), AppError> {
    book.run(move |app| app.save_table(&path, &table)).await
}

#[tauri::command]
pub async fn save_chart(book: State<'_, Book>, path: String, png: String) -> Result<(), AppError> {
    book.run(move |app| app.save_chart(&path, &png)).await
}

#[tauri::command]
pub async fn open_team(
    book: State<'_, Book>,
    team: State<'_, Team>,
    sources: Vec<String>,
) -> Result<TeamBook, AppError> {
    team.run(&book, true, move |app| app.open_team(&sources))
        .await?
        .ok_or_else(|| AppError::internal("no team book"))
}

#[tauri::command]
pub async fn team_book(
    book: State<'_, Book>,
    team: State<'_, Team>,
) -> Result<Option<TeamBook>, AppError> {
    team.run(&book, false, |app| app.team_book(Vec::new()))
        .await
}

#[tauri::command]
pub async fn team_overview(
    book: State<'_, Book>,
    team: State<'_, Team>,
    from: String,
    to: String,
) -> Result<TeamOverview, AppError> {
    team.run(&book, true, move |app| app.team_overview(&from, &to))
        .await?
        .ok_or_else(|| AppError::internal("no team book"))
}

#[tauri::command]
pub async fn team_reports(
    book: State<'_, Book>,
    team: State<'_, Team>,
    kind: ReportKind,
    from: String,
    to: String,
) -> Result<Vec<ConsultantReport>, AppError> {
    team.run(&book, true, move |app| app.team_reports(kind, &from, &to))
        .await?
        .ok_or_else(|| AppError::internal("no team book"))
}

#[tauri::command]
pub async fn shared_customers(
    book: State<'_, Book>,
    team: State<'_, Team>,
) -> Result<Vec<SharedCustomer>, AppError> {
    team.run(&book, true, |app| app.shared_customers())
        .await?
        .ok_or_else(|| AppError::internal("no team book"))
}

#[tauri::command]
pub async fn get_rules(book: State<'_, Book>) -> Result<Rules, AppError> {
    book.run(|app| app.rules()).await
}

/// Saves the rules and marks everyone's prompts stale; the window then runs `catch_up`,
/// which recomputes them in steps with progress (so the book is never held for long).
#[tauri::command]
pub async fn set_rules(book: State<'_, Book>, rules: Rules) -> Result<Rules, AppError> {
    book.run(move |app| app.save_rules(rules)).await
}

/// As `set_rules`, with the defaults.
#[tauri::command]
pub async fn restore_default_rules(book: State<'_, Book>) -> Result<Rules, AppError> {
    book.run(|app| app.save_rules(Rules::default())).await
}

#[tauri::command]
pub async fn set_reminders(
    book: State<'_, Book>,
    reminders: State<'_, crate::Reminders>,
    on: bool,
) -> Result<Settings, AppError> {
    let settings = book.run(move |app| app.set_reminders(on)).await?;
    reminders.set(settings.reminders);
    Ok(settings)
}

/// The work left after the first screen. A damaged book found by the check is then the
/// book's state, so the window offers its backups as at start.
#[tauri::command]
pub async fn catch_up(
    book: State<'_, Book>,
    on_progress: Channel<CatchUpProgress>,
) -> Result<CatchUpResult, AppError> {
    let done = book
        .run(move |app| {
            app.catch_up(&mut |p| {
                let _ = on_progress.send(p);
            })
        })
        .await;
    if let Err(e) = &done {
        book.failed_check(e);
    }
    done
}

/// Not a use case: the window says Today is usable, and the shell logs when (once).
#[tauri::command]
pub async fn today_shown(
    app: AppHandle,
    started: State<'_, crate::Started>,
) -> Result<(), AppError> {
    started.today_shown(&app);
    Ok(())
}

#[tauri::command]
pub async fn pending_notices(book: State<'_, Book>) -> Result<Vec<Notice>, AppError> {
    // While locked: that something is due, and nothing of whom.
    if book.is_locked() {
        return book
            .run_even_locked(|app| app.pending_notices_masked())
            .await;
    }
    book.run(|app| app.pending_notices()).await
}

#[tauri::command]
pub async fn mark_notified(book: State<'_, Book>, keys: Vec<String>) -> Result<(), AppError> {
    book.run(move |app| app.mark_notified(&keys)).await
}

#[tauri::command]
pub async fn preview_import(
    book: State<'_, Book>,
    request: ImportRequest,
) -> Result<ImportPreview, AppError> {
    book.run(move |app| app.preview_import(&request)).await
}

/// Imports the file; progress goes to `on_progress` as it is made.
#[tauri::command]
pub async fn import_file(
    book: State<'_, Book>,
    request: ImportRequest,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportResult, AppError> {
    book.run(move |app| {
        app.import_file(&request, &mut |p| {
            let _ = on_progress.send(p);
        })
    })
    .await
}

/// Stops the running import (answers at once; the import then rolls back). Not through
/// `Book::run`: it only raises a flag, and must not wait behind anything.
#[tauri::command]
pub async fn cancel_import(book: State<'_, Book>) -> Result<(), AppError> {
    book.app()?.cancel_import();
    Ok(())
}

#[tauri::command]
pub async fn list_imports(book: State<'_, Book>) -> Result<Vec<ImportDto>, AppError> {
    book.run(|app| app.imports()).await
}

#[tauri::command]
pub async fn undo_import(book: State<'_, Book>, id: String) -> Result<UndoImportResult, AppError> {
    book.run(move |app| app.undo_import(&id)).await
}

#[tauri::command]
pub async fn export_book(
    book: State<'_, Book>,
    request: ExportRequest,
) -> Result<ExportResult, AppError> {
    book.run(move |app| app.export(&request)).await
}

#[tauri::command]
pub async fn catalogue(book: State<'_, Book>) -> Result<Vec<TrimDto>, AppError> {
    book.run(|app| app.catalogue()).await
}

#[tauri::command]
pub async fn catalogue_is_empty(book: State<'_, Book>) -> Result<bool, AppError> {
    book.run(|app| app.catalogue_is_empty()).await
}

#[tauri::command]
pub async fn save_trim(
    book: State<'_, Book>,
    id: Option<String>,
    texts: BTreeMap<String, String>,
) -> Result<TrimDto, AppError> {
    book.run(move |app| app.save_trim(id, texts)).await
}

#[tauri::command]
pub async fn delete_trim(book: State<'_, Book>, id: String) -> Result<(), AppError> {
    book.run(move |app| app.delete_trim(&id)).await
}

#[tauri::command]
pub async fn preview_catalogue_import(
    book: State<'_, Book>,
    path: String,
) -> Result<CataloguePreview, AppError> {
    book.run(move |app| app.preview_catalogue_import(&path))
        .await
}

#[tauri::command]
pub async fn import_catalogue(
    book: State<'_, Book>,
    path: String,
) -> Result<CatalogueImportResult, AppError> {
    book.run(move |app| app.import_catalogue(&path)).await
}

#[tauri::command]
pub async fn load_sample_catalogue(
    book: State<'_, Book>,
) -> Result<CatalogueImportResult, AppError> {
    book.run(|app| app.load_sample_catalogue()).await
}

#[tauri::command]
pub async fn export_catalogue(
    book: State<'_, Book>,
    path: String,
    format: ExportFormat,
) -> Result<CatalogueExportResult, AppError> {
    book.run(move |app| app.export_catalogue(&path, format))
        .await
}

#[tauri::command]
pub async fn backup_to(book: State<'_, Book>, path: String) -> Result<BookPreview, AppError> {
    book.run(move |app| app.backup_to(Path::new(&path))).await
}

#[tauri::command]
pub async fn list_backups(book: State<'_, Book>) -> Result<Vec<BackupDto>, AppError> {
    book.run(|app| app.backups()).await
}

/// What a backup holds. Not through `Book::run`: it reads only the backup, so it works on the
/// damaged book's screen too, when no book is open (still on a blocking thread).
#[tauri::command]
pub async fn inspect_backup(book: State<'_, Book>, path: String) -> Result<BookPreview, AppError> {
    match book.app() {
        // Read with the book's passphrase, when it has one.
        Ok(app) => crate::blocking(move || app.inspect_backup(Path::new(&path))).await,
        Err(e) if e.code() == carnet_app::ErrorCode::Locked => Err(e),
        Err(_) => crate::blocking(move || carnet_app::inspect_backup(Path::new(&path))).await,
    }
}

#[tauri::command]
pub async fn restore_backup(
    book: State<'_, Book>,
    path: String,
) -> Result<RestoreResult, AppError> {
    book.run(move |app| app.restore(Path::new(&path))).await
}

/// The book that failed its check at start, with the newest good backup; `None` otherwise.
/// Not through `Book::run`: there is no open book to run it on.
#[tauri::command]
pub async fn damaged_book(book: State<'_, Book>) -> Result<Option<DamagedBook>, AppError> {
    Ok(book.damaged())
}

/// Puts a backup in place of the damaged book and opens it. Not through `Book::run`: it
/// swaps the book `Book::run` would run on.
#[tauri::command]
pub async fn replace_damaged_book(book: State<'_, Book>, backup: String) -> Result<(), AppError> {
    book.replace_with(Path::new(&backup))
}

#[tauri::command]
pub async fn privacy(book: State<'_, Book>) -> Result<Privacy, AppError> {
    book.run(|app| app.privacy()).await
}

#[tauri::command]
pub async fn set_lock_after(book: State<'_, Book>, minutes: u32) -> Result<Privacy, AppError> {
    book.run(move |app| app.set_lock_after(minutes)).await
}

#[tauri::command]
pub async fn change_passphrase(
    book: State<'_, Book>,
    team: State<'_, Team>,
    current: Option<String>,
    next: Option<String>,
) -> Result<PassphraseChange, AppError> {
    // The team book follows the book's passphrase, converted as a file: closed, and kept
    // closed until the change is done.
    let team = team.slot();
    book.run(move |app| team.closed(|| app.change_passphrase(current.as_deref(), next.as_deref())))
        .await
}

/// Not through `Book::run`: it answers while the app is locked (how many are due, no one).
#[tauri::command]
pub async fn lock_state(book: State<'_, Book>) -> Result<LockState, AppError> {
    let locked = book.is_locked();
    let counted = book
        .run_even_locked(move |app| app.lock_state(locked))
        .await;
    // No book open yet (a passphrase not given at start): locked, nothing known.
    Ok(counted.unwrap_or(LockState { locked, due: None }))
}

/// Not through `Book::run`: locking must work whatever the book is doing.
#[tauri::command]
pub async fn lock_book(book: State<'_, Book>) -> Result<(), AppError> {
    book.lock()
}

/// Not through `Book::run`: it runs while the app is locked (and opens the book at start).
#[tauri::command]
pub async fn unlock_book(book: State<'_, Book>, passphrase: String) -> Result<(), AppError> {
    book.unlock(&passphrase)
}

/// Asks for a file to open: to import (sheets, CSV, vCards, Carnet JSON) or a backup. `None`
/// when the consultant cancels. Not a use case: the consultant answers, not the book.
#[tauri::command]
pub async fn pick_file(app: AppHandle, kind: OpenKind) -> Result<Option<String>, AppError> {
    crate::dialogs::pick_file(app, kind).await
}

/// Asks for several files to open; empty when the consultant cancels. Not a use case.
#[tauri::command]
pub async fn pick_files(app: AppHandle, kind: OpenKind) -> Result<Vec<String>, AppError> {
    crate::dialogs::pick_files(app, kind).await
}

/// Asks where to save an export or a backup; `name` is the suggested file name.
#[tauri::command]
pub async fn pick_save_path(
    app: AppHandle,
    kind: SaveKind,
    name: String,
) -> Result<Option<String>, AppError> {
    crate::dialogs::pick_save_path(app, kind, name).await
}

#[tauri::command]
pub async fn list_templates(book: State<'_, Book>) -> Result<TemplateList, AppError> {
    book.run(|app| app.templates()).await
}

#[tauri::command]
pub async fn save_template(
    book: State<'_, Book>,
    input: TemplateInput,
) -> Result<TemplateDto, AppError> {
    book.run(move |app| app.save_template(input)).await
}

#[tauri::command]
pub async fn delete_template(book: State<'_, Book>, id: String) -> Result<(), AppError> {
    book.run(move |app| app.delete_template(&id)).await
}

#[tauri::command]
pub async fn restore_default_template(
    book: State<'_, Book>,
    id: String,
) -> Result<TemplateDto, AppError> {
    book.run(move |app| app.restore_default_template(&id)).await
}

#[tauri::command]
pub async fn set_current_offer(
    book: State<'_, Book>,
    offer: String,
) -> Result<TemplateList, AppError> {
    book.run(move |app| app.set_current_offer(&offer)).await
}

#[tauri::command]
pub async fn render_message(
    book: State<'_, Book>,
    request: MessageRequest,
) -> Result<RenderedMessage, AppError> {
    book.run(move |app| app.render_message(request)).await
}

#[tauri::command]
pub async fn log_message(book: State<'_, Book>, input: MessageInput) -> Result<Undo, AppError> {
    book.run(move |app| app.log_message(input)).await
}
