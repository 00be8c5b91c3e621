//! The IPC contract: every command the desktop shell registers, with its arguments and its
//! result, declared once.
//!
//! The UI's typed functions (`ui/src/lib/commands.ts`) are generated from this table (see
//! [`typescript`]), and src-tauri checks that the commands it registers, their argument
//! names and their types are the ones listed here. Adding a command touches this table, the
//! command in `src-tauri/src/commands.rs` and `make bindings`.

use ts_rs::{Config, TS};

use carnet_core::differentiate::ValueRules;
use carnet_core::fit::{Comparison, FitRules};
use carnet_core::followup::Rules;
use carnet_core::understand::Suggestion;
use carnet_core::{FamilyDraft, InteractionDraft, Level};

use std::collections::BTreeMap;

use crate::{
    Agenda, BackupDto, BookPreview, Brief, Consultant, CustomerDetail, CustomerDto, CustomerInput,
    CustomerList, DamagedBook, DeliveryInput, EraseProgress, EraseResult, ExportRequest,
    ExportResult, FamilyMemberDto, ImportDto, ImportPreview, ImportProgress, ImportRequest,
    ImportResult, InteractionDto, Language, LevelInput, ListOrder, MergePreview, Notice,
    OrderInput, QuickOutcome, RestoreResult, Settings, SuggestionsDto, TimeframeView, Undo,
    UndoImportResult,
};
use crate::{
    CatalogueExportResult, CatalogueImportResult, CataloguePreview, ExportFormat, TrimDto,
};
use crate::{CatchUpProgress, CatchUpResult};
use crate::{
    ConsultantReport, CustomerValue, Report, ReportKind, ReportTable, SharedCustomer, TeamBook,
    TeamOverview,
};
use crate::{LockState, PassphraseChange, Privacy};
use crate::{
    MessageInput, MessageRequest, RenderedMessage, TemplateDto, TemplateInput, TemplateList,
};
use crate::{PlanMember, TodayPlan};
use crate::{QuoteInput, QuoteTrim, QuoteView};
use carnet_core::choices::Occasion;
use carnet_core::quote::QuoteSettings;

/// What a file to open is for: the dialog offers the formats that kind of file comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OpenKind {
    /// A file to import: sheets, CSV, vCards, a Carnet JSON export.
    Import,
    /// A backup of the book to restore or inspect.
    Backup,
    /// The consultants' exports a team book is built from (JSON, xlsx).
    Team,
}

/// What a file to save is: the dialog names its filter after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SaveKind {
    /// An export (xlsx, CSV or JSON).
    Export,
    /// A copy of the book.
    Backup,
    /// A report's table (xlsx).
    Report,
    /// A report's chart (PNG).
    Chart,
    /// A quote sheet printed to PDF.
    Pdf,
}

/// A Rust type as the command spells it, and its TypeScript name (from ts-rs).
#[derive(Clone, Copy)]
pub struct TypeSpec {
    /// The type as written in the command's signature (`Vec<String>`, `Option<DamagedBook>`).
    pub rust: &'static str,
    /// Its name in the generated TypeScript.
    pub ts: fn(&Config) -> String,
}

impl std::fmt::Debug for TypeSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.rust)
    }
}

/// One argument of a command, named as in Rust (snake_case; Tauri reads it in camelCase).
#[derive(Debug, Clone, Copy)]
pub struct ArgSpec {
    pub name: &'static str,
    pub ty: TypeSpec,
}

/// One command the UI may call.
#[derive(Debug, Clone, Copy)]
pub struct CommandSpec {
    /// The command's name over IPC (the Rust function's name).
    pub name: &'static str,
    /// What it does, for the generated function's comment.
    pub doc: &'static str,
    pub args: &'static [ArgSpec],
    /// The type of the progress reports sent over the last argument, `on_progress` (an IPC
    /// `Channel`), if the command reports progress.
    pub progress: Option<TypeSpec>,
    /// What the command answers with when it succeeds (it fails with an [`AppError`](crate::AppError)).
    pub result: TypeSpec,
}

impl CommandSpec {
    /// The name of the argument that carries progress reports.
    pub const PROGRESS_ARG: &'static str = "on_progress";
}

macro_rules! type_spec {
    ($ty:ty) => {
        TypeSpec {
            rust: stringify!($ty),
            ts: <$ty as TS>::name,
        }
    };
}

/// Declares the table: `name(arg: Type, …) -> Result` with an optional `, progress Type`.
macro_rules! command_table {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) -> $result:ty $(, progress $progress:ty)? ;
    )+) => {
        /// Every command, in the order src-tauri registers them.
        pub const COMMANDS: &[CommandSpec] = &[$(
            CommandSpec {
                name: stringify!($name),
                doc: concat!($($doc, "\n"),*),
                args: &[$(ArgSpec { name: stringify!($arg), ty: type_spec!($ty) }),*],
                progress: command_table!(@progress $($progress)?),
                result: type_spec!($result),
            }
        ),+];
    };
    (@progress) => { None };
    (@progress $progress:ty) => { Some(type_spec!($progress)) };
}

command_table! {
    /// A page of the customers the search box finds, and with the first page how many match.
    search_customers(query: String, order: ListOrder, offset: u32, limit: u32) -> CustomerList;
    add_customer(input: CustomerInput) -> CustomerDetail;
    get_customer(id: String) -> CustomerDetail;
    update_customer(id: String, input: CustomerInput) -> CustomerDetail;
    trash_customer(id: String) -> ();
    restore_customer(id: String) -> CustomerDetail;
    /// What a timeframe as typed means today (the hint beside the profile's field).
    read_timeframe(text: String) -> Option<TimeframeView>;
    /// The levels the query's `level:` words name: the level chips shown as chosen.
    levels_in_query(query: String) -> Vec<Level>;
    /// The query with its `level:` words replaced by one naming `levels` (a level chip's click).
    query_with_levels(query: String, levels: Vec<Level>) -> String;
    list_trash() -> Vec<CustomerDto>;
    /// Erases everyone in the trash for good, reporting progress through the backups.
    empty_trash() -> EraseResult, progress EraseProgress;
    /// Erases customers for good (a deletion request), reporting progress through the backups.
    erase_customers(ids: Vec<String>) -> EraseResult, progress EraseProgress;
    add_family_member(customer_id: String, input: FamilyDraft) -> FamilyMemberDto;
    update_family_member(id: String, input: FamilyDraft) -> ();
    delete_family_member(id: String) -> ();
    merge_preview(survivor: String, loser: String) -> MergePreview;
    merge_customers(survivor: String, loser: String, take_from_loser: Vec<String>) -> CustomerDetail;
    get_settings() -> Settings;
    set_language(language: Language) -> Settings;
    set_consultant(consultant: Consultant) -> Settings;
    /// The channels a profile suggests, in order.
    set_channels(channels: Vec<String>) -> Settings;
    agenda(days: u32) -> Agenda;
    /// Today's plan: a day's worth of rows in the order of their weight, progress, later this week.
    today_plan() -> TodayPlan;
    /// The members of today's group of an occasion, each with the prompt its message answers.
    plan_group(occasion: Occasion) -> Vec<PlanMember>;
    /// The pre-call brief, for a prompt (its key) when opened from a Today row.
    brief(customer_id: String, prompt: Option<String>) -> Brief;
    /// The profile facts a note says, as suggestions (nothing is written); no customer: all new.
    understand(customer_id: Option<String>, text: String) -> Vec<Suggestion>;
    /// Accepts one suggestion: writes its one field through the profile's update.
    accept_suggestion(customer_id: String, suggestion: Suggestion) -> CustomerDetail;
    complete_prompt(customer_id: String, key: String, outcome: QuickOutcome, date: String) -> Undo;
    snooze_prompt(customer_id: String, key: String, days: u32) -> Undo;
    dismiss_prompt(customer_id: String, key: String, reason: String) -> Undo;
    undo(undo: Undo) -> ();
    log_interaction(customer_id: String, draft: InteractionDraft) -> InteractionDto;
    record_order(customer_id: String, input: OrderInput) -> InteractionDto;
    record_delivery(customer_id: String, input: DeliveryInput) -> InteractionDto;
    resolve_complaint(interaction_id: String, resolution: String) -> ();
    set_level(customer_id: String, level: Level, input: LevelInput) -> ();
    /// The catalogue as a quote offers it: the trims of the customer's models first.
    quote_trims(customer_id: String) -> Vec<QuoteTrim>;
    /// A quote sheet worked out now, not saved.
    quote(customer_id: String, input: QuoteInput) -> QuoteView;
    /// Works the quote out and saves it to the timeline as a quote interaction.
    save_quote(customer_id: String, input: QuoteInput) -> QuoteView;
    /// A saved quote re-opened from its interaction, as it was quoted.
    quote_of(interaction_id: String) -> QuoteView;
    get_quote_settings() -> QuoteSettings;
    set_quote_settings(settings: QuoteSettings) -> QuoteSettings;
    /// Prints what the window shows (the quote sheet, by its print stylesheet) to a PDF at
    /// `path`, with no dialog.
    print_to_pdf(path: String) -> ();
    /// Puts `text` on the system clipboard (a message to paste into WeChat or an SMS).
    copy_text(text: String) -> ();
    /// What a customer is worth and where they stand: value, tier, satisfaction, the grid.
    customer_value(id: String) -> CustomerValue;
    /// A report over a period ("YYYY-MM-DD", both days included; both empty: this month).
    report(kind: ReportKind, from: String, to: String) -> Report;
    get_value_rules() -> ValueRules;
    set_value_rules(rules: ValueRules) -> ValueRules;
    restore_default_value_rules() -> ValueRules;
    /// The catalogue's trims that fit a customer, best first, then those ruled out, with why.
    suggest(customer_id: String) -> SuggestionsDto;
    /// Two to four catalogue trims side by side.
    compare_trims(ids: Vec<String>) -> Comparison;
    get_fit_rules() -> FitRules;
    set_fit_rules(rules: FitRules) -> FitRules;
    restore_default_fit_rules() -> FitRules;
    /// Saves a report's table as a workbook, whole or not at all.
    save_table(path: String, table: ReportTable) -> ();
    /// Saves a chart's picture (a PNG data URL), whole or not at all.
    save_chart(path: String, png: String) -> ();
    /// Builds (or brings up to date) the team book beside this book from the consultants'
    /// exports: each file replaces its consultant's part.
    open_team(sources: Vec<String>) -> TeamBook;
    /// The team book beside this book; null when none was built.
    team_book() -> Option<TeamBook>;
    /// The consultants side by side over a period, then the team.
    team_overview(from: String, to: String) -> TeamOverview;
    /// A report per consultant of the team book, then the team's.
    team_reports(kind: ReportKind, from: String, to: String) -> Vec<ConsultantReport>;
    /// The team book's customers two or more consultants hold.
    shared_customers() -> Vec<SharedCustomer>;
    get_rules() -> Rules;
    set_rules(rules: Rules) -> Rules;
    restore_default_rules() -> Rules;
    /// Turns reminders (and closing to the tray) on or off.
    set_reminders(on: bool) -> Settings;
    /// The work left after the first screen: the check, the day's backup, the prompts the
    /// day or a change of the rules made stale, reporting progress as it goes.
    catch_up() -> CatchUpResult, progress CatchUpProgress;
    /// Tells the shell Today is on screen and usable (it logs `ready_ms`).
    today_shown() -> ();
    pending_notices() -> Vec<Notice>;
    mark_notified(keys: Vec<String>) -> ();
    /// The dry run of an import: what it would do, row by row.
    preview_import(request: ImportRequest) -> ImportPreview;
    /// Imports the file, reporting progress as it goes.
    import_file(request: ImportRequest) -> ImportResult, progress ImportProgress;
    /// Stops the running import (answers at once; the import then rolls back).
    cancel_import() -> ();
    list_imports() -> Vec<ImportDto>;
    undo_import(id: String) -> UndoImportResult;
    export_book(request: ExportRequest) -> ExportResult;
    /// The vehicle catalogue (车型库), by brand, series and price.
    catalogue() -> Vec<TrimDto>;
    /// Whether the catalogue holds no trim (the first run offers the sample).
    catalogue_is_empty() -> bool;
    /// Adds a trim (`id` null) or changes one, from each field's text by code.
    save_trim(id: Option<String>, texts: BTreeMap<String, String>) -> TrimDto;
    delete_trim(id: String) -> ();
    /// The dry run of a catalogue import: what each row of the sheet would do.
    preview_catalogue_import(path: String) -> CataloguePreview;
    /// Imports a catalogue sheet: the rows refused are left out, the rest written at once.
    import_catalogue(path: String) -> CatalogueImportResult;
    /// Loads the sample catalogue (比亚迪) through the same import.
    load_sample_catalogue() -> CatalogueImportResult;
    /// Writes the catalogue to `path` as xlsx, CSV or JSON, whole or not at all.
    export_catalogue(path: String, format: ExportFormat) -> CatalogueExportResult;
    backup_to(path: String) -> BookPreview;
    list_backups() -> Vec<BackupDto>;
    /// What a backup file holds, checked, before it is restored.
    inspect_backup(path: String) -> BookPreview;
    restore_backup(path: String) -> RestoreResult;
    /// The book that failed its check at start, with the newest good backup; null otherwise.
    damaged_book() -> Option<DamagedBook>;
    replace_damaged_book(backup: String) -> ();
    /// Whether the book has a passphrase, and the idle minutes before the app locks.
    privacy() -> Privacy;
    set_lock_after(minutes: u32) -> Privacy;
    /// Sets (`next`), changes or removes (`next` null) the book's passphrase; a book that has
    /// one asks for it first (`current`). The book is backed up first and converted whole.
    change_passphrase(current: Option<String>, next: Option<String>) -> PassphraseChange;
    /// Whether the app is locked, and how many are due (no one's name).
    lock_state() -> LockState;
    /// Locks the app now (a book with a passphrase): every command but these is refused as
    /// `locked` until the passphrase is given.
    lock_book() -> ();
    /// Unlocks the app, or opens the book at start, with its passphrase.
    unlock_book(passphrase: String) -> ();
    /// Asks for a file to open; null when the consultant cancels.
    pick_file(kind: OpenKind) -> Option<String>;
    /// Asks for files to open, several at once; empty when the consultant cancels.
    pick_files(kind: OpenKind) -> Vec<String>;
    /// Asks where to save, suggesting `name`; null when the consultant cancels.
    pick_save_path(kind: SaveKind, name: String) -> Option<String>;
    /// Every message template (built in, edited, the consultant's own), the merge fields'
    /// names and the current offer.
    list_templates() -> TemplateList;
    /// Saves a template (empty id: a new one; a built-in one's id: its edit), checked.
    save_template(input: TemplateInput) -> TemplateDto;
    /// Deletes one of the consultant's own templates.
    delete_template(id: String) -> ();
    /// Puts a built-in template back as it came.
    restore_default_template(id: String) -> TemplateDto;
    /// The current offer messages name as 优惠.
    set_current_offer(offer: String) -> TemplateList;
    /// A template rendered for a customer (or the sample one): the text and its missing fields.
    render_message(request: MessageRequest) -> RenderedMessage;
    /// Logs a message copied to send; `sent` marks its prompt done.
    log_message(input: MessageInput) -> Undo;
}

/// The names of the commands, in the table's order.
pub fn names() -> Vec<&'static str> {
    COMMANDS.iter().map(|c| c.name).collect()
}

/// Where the generated command functions live, relative to the workspace root.
pub const COMMANDS_PATH: &str = "ui/src/lib/commands.ts";

/// `search_customers` → `searchCustomers`: how the UI spells a command or argument name
/// (Tauri reads arguments in camelCase).
pub fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The TypeScript module with one typed function per command, each calling `invoke` through
/// `ipc.ts`'s `call` (a failure rejects with an `AppError`).
pub fn typescript() -> String {
    let cfg = crate::bindings::config();
    let mut types = std::collections::BTreeSet::new();
    let mut functions = String::new();
    for command in COMMANDS {
        let mut params = Vec::new();
        let mut args = Vec::new();
        for arg in command.args {
            let ts = (arg.ty.ts)(&cfg);
            types.extend(type_names(&ts));
            let name = camel_case(arg.name);
            params.push(format!("{name}: {ts}"));
            args.push(name);
        }
        if let Some(progress) = command.progress {
            let ts = (progress.ts)(&cfg);
            types.extend(type_names(&ts));
            let name = camel_case(CommandSpec::PROGRESS_ARG);
            params.push(format!("{name}: (progress: {ts}) => void"));
            args.push(format!("{name}: channel({name})"));
        }
        let result = (command.result.ts)(&cfg);
        types.extend(type_names(&result));
        functions.push('\n');
        for line in command.doc.lines() {
            functions.push_str(&format!("/**{line} */\n"));
        }
        let args = if args.is_empty() {
            String::new()
        } else {
            format!(", {{ {} }}", args.join(", "))
        };
        functions.push_str(&format!(
            "export function {}({}): Promise<{result}> {{\n  return call<{result}>('{}'{args});\n}}\n",
            camel_case(command.name),
            params.join(", "),
            command.name,
        ));
    }
    let mut out = String::from(
        "// Generated from Rust by carnet-app (src/commands.rs). Do not edit: run `make bindings`.\n",
    );
    let uses_channel = COMMANDS.iter().any(|c| c.progress.is_some());
    out.push_str(if uses_channel {
        "import { call, channel } from './ipc';\n"
    } else {
        "import { call } from './ipc';\n"
    });
    if !types.is_empty() {
        let types: Vec<_> = types.into_iter().collect();
        out.push_str(&format!(
            "import type {{ {} }} from './bindings';\n",
            types.join(", ")
        ));
    }
    out.push_str(&functions);
    out.push_str(
        "\n/** Every command, by the name the UI calls it. */\nexport const commands = {\n",
    );
    for command in COMMANDS {
        out.push_str(&format!("  {},\n", camel_case(command.name)));
    }
    out.push_str("};\n");
    out
}

/// The declared types a TypeScript type expression names (`Array<CustomerDto>` names
/// `CustomerDto`; `string | null` none).
fn type_names(ts: &str) -> Vec<String> {
    const BUILT_IN: &[&str] = &["Array", "Record", "Partial", "Promise"];
    ts.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|word| word.starts_with(|c: char| c.is_ascii_uppercase()))
        .filter(|word| !BUILT_IN.contains(word))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_spelt_as_tauri_reads_them() {
        assert_eq!(camel_case("search_customers"), "searchCustomers");
        assert_eq!(camel_case("take_from_loser"), "takeFromLoser");
        assert_eq!(camel_case("undo"), "undo");
        assert_eq!(camel_case("on_progress"), "onProgress");
    }

    #[test]
    fn every_command_is_listed_once_with_distinct_arguments() {
        let mut names = names();
        names.sort_unstable();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count, "a command is listed twice");
        for command in COMMANDS {
            let mut args: Vec<_> = command.args.iter().map(|a| a.name).collect();
            if command.progress.is_some() {
                args.push(CommandSpec::PROGRESS_ARG);
            }
            let count = args.len();
            args.sort_unstable();
            args.dedup();
            assert_eq!(
                args.len(),
                count,
                "{}: an argument is listed twice",
                command.name
            );
        }
    }

    #[test]
    fn a_command_becomes_a_typed_function_over_call() {
        let ts = typescript();
        assert!(ts.contains(
            "export function searchCustomers(query: string, order: ListOrder, offset: number, limit: number): Promise<CustomerList> {\n  return call<CustomerList>('search_customers', { query, order, offset, limit });\n}"
        ), "{ts}");
        assert!(ts.contains(
            "export function eraseCustomers(ids: Array<string>, onProgress: (progress: EraseProgress) => void): Promise<EraseResult> {\n  return call<EraseResult>('erase_customers', { ids, onProgress: channel(onProgress) });\n}"
        ), "{ts}");
        assert!(ts.contains(
            "export function listTrash(): Promise<Array<CustomerDto>> {\n  return call<Array<CustomerDto>>('list_trash');\n}"
        ), "{ts}");
        assert!(
            ts.contains("pickFile(kind: OpenKind): Promise<string | null>"),
            "{ts}"
        );
        assert!(
            ts.contains("trashCustomer(id: string): Promise<null>"),
            "{ts}"
        );
        assert!(
            ts.contains("import type { Agenda, BackupDto, BookPreview, "),
            "{ts}"
        );
    }

    #[test]
    fn type_names_skip_built_ins_and_primitives() {
        assert_eq!(type_names("Array<CustomerDto>"), ["CustomerDto"]);
        assert_eq!(type_names("TimeframeView | null"), ["TimeframeView"]);
        assert!(type_names("string | null").is_empty());
    }
}
