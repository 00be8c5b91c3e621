// Generated from Rust by carnet-app (src/commands.rs). Do not edit: run `make bindings`.
import { call, channel } from './ipc';
import type { Agenda, BackupDto, BookPreview, Brief, CatalogueExportResult, CatalogueImportResult, CataloguePreview, CatchUpProgress, CatchUpResult, Comparison, Consultant, ConsultantReport, CustomerDetail, CustomerDto, CustomerInput, CustomerList, CustomerValue, DamagedBook, DeliveryInput, EraseProgress, EraseResult, ExportFormat, ExportRequest, ExportResult, FamilyDraft, FamilyMemberDto, FitRules, ImportDto, ImportPreview, ImportProgress, ImportRequest, ImportResult, InteractionDraft, InteractionDto, Language, Level, LevelInput, ListOrder, LockState, MergePreview, MessageInput, MessageRequest, Notice, Occasion, OpenKind, OrderInput, PassphraseChange, PlanMember, Privacy, QuickOutcome, QuoteInput, QuoteSettings, QuoteTrim, QuoteView, RenderedMessage, Report, ReportKind, ReportTable, RestoreResult, Rules, SaveKind, Settings, SharedCustomer, Suggestion, SuggestionsDto, TeamBook, TeamOverview, TemplateDto, TemplateInput, TemplateList, TimeframeView, TodayPlan, TrimDto, Undo, UndoImportResult, ValueRules } from './bindings';

/** A page of the customers the search box finds, and with the first page how many match. */
export function searchCustomers(query: string, order: ListOrder, offset: number, limit: number): Promise<CustomerList> {
  return call<CustomerList>('search_customers', { query, order, offset, limit });
}

export function addCustomer(input: CustomerInput): Promise<CustomerDetail> {
  return call<CustomerDetail>('add_customer', { input });
}

export function getCustomer(id: string): Promise<CustomerDetail> {
  return call<CustomerDetail>('get_customer', { id });
}

export function updateCustomer(id: string, input: CustomerInput): Promise<CustomerDetail> {
  return call<CustomerDetail>('update_customer', { id, input });
}

export function trashCustomer(id: string): Promise<null> {
  return call<null>('trash_customer', { id });
}

export function restoreCustomer(id: string): Promise<CustomerDetail> {
  return call<CustomerDetail>('restore_customer', { id });
}

/** What a timeframe as typed means today (the hint beside the profile's field). */
export function readTimeframe(text: string): Promise<TimeframeView | null> {
  return call<TimeframeView | null>('read_timeframe', { text });
}

/** The levels the query's `level:` words name: the level chips shown as chosen. */
export function levelsInQuery(query: string): Promise<Array<Level>> {
  return call<Array<Level>>('levels_in_query', { query });
}

/** The query with its `level:` words replaced by one naming `levels` (a level chip's click). */
export function queryWithLevels(query: string, levels: Array<Level>): Promise<string> {
  return call<string>('query_with_levels', { query, levels });
}

export function listTrash(): Promise<Array<CustomerDto>> {
  return call<Array<CustomerDto>>('list_trash');
}

/** Erases everyone in the trash for good, reporting progress through the backups. */
export function emptyTrash(onProgress: (progress: EraseProgress) => void): Promise<EraseResult> {
  return call<EraseResult>('empty_trash', { onProgress: channel(onProgress) });
}

/** Erases customers for good (a deletion request), reporting progress through the backups. */
export function eraseCustomers(ids: Array<string>, onProgress: (progress: EraseProgress) => void): Promise<EraseResult> {
  return call<EraseResult>('erase_customers', { ids, onProgress: channel(onProgress) });
}

export function addFamilyMember(customerId: string, input: FamilyDraft): Promise<FamilyMemberDto> {
  return call<FamilyMemberDto>('add_family_member', { customerId, input });
}

export function updateFamilyMember(id: string, input: FamilyDraft): Promise<null> {
  return call<null>('update_family_member', { id, input });
}

export function deleteFamilyMember(id: string): Promise<null> {
  return call<null>('delete_family_member', { id });
}

export function mergePreview(survivor: string, loser: string): Promise<MergePreview> {
  return call<MergePreview>('merge_preview', { survivor, loser });
}

export function mergeCustomers(survivor: string, loser: string, takeFromLoser: Array<string>): Promise<CustomerDetail> {
  return call<CustomerDetail>('merge_customers', { survivor, loser, takeFromLoser });
}

export function getSettings(): Promise<Settings> {
  return call<Settings>('get_settings');
}

export function setLanguage(language: Language): Promise<Settings> {
  return call<Settings>('set_language', { language });
}

export function setConsultant(consultant: Consultant): Promise<Settings> {
  return call<Settings>('set_consultant', { consultant });
}

/** The channels a profile suggests, in order. */
export function setChannels(channels: Array<string>): Promise<Settings> {
  return call<Settings>('set_channels', { channels });
}

export function agenda(days: number): Promise<Agenda> {
  return call<Agenda>('agenda', { days });
}

/** Today's plan: a day's worth of rows in the order of their weight, progress, later this week. */
export function todayPlan(): Promise<TodayPlan> {
  return call<TodayPlan>('today_plan');
}

/** The members of today's group of an occasion, each with the prompt its message answers. */
export function planGroup(occasion: Occasion): Promise<Array<PlanMember>> {
  return call<Array<PlanMember>>('plan_group', { occasion });
}

/** The pre-call brief, for a prompt (its key) when opened from a Today row. */
export function brief(customerId: string, prompt: string | null): Promise<Brief> {
  return call<Brief>('brief', { customerId, prompt });
}

/** The profile facts a note says, as suggestions (nothing is written); no customer: all new. */
export function understand(customerId: string | null, text: string): Promise<Array<Suggestion>> {
  return call<Array<Suggestion>>('understand', { customerId, text });
}

/** Accepts one suggestion: writes its one field through the profile's update. */
export function acceptSuggestion(customerId: string, suggestion: Suggestion): Promise<CustomerDetail> {
  return call<CustomerDetail>('accept_suggestion', { customerId, suggestion });
}

export function completePrompt(customerId: string, key: string, outcome: QuickOutcome, date: string): Promise<Undo> {
  return call<Undo>('complete_prompt', { customerId, key, outcome, date });
}

export function snoozePrompt(customerId: string, key: string, days: number): Promise<Undo> {
  return call<Undo>('snooze_prompt', { customerId, key, days });
}

export function dismissPrompt(customerId: string, key: string, reason: string): Promise<Undo> {
  return call<Undo>('dismiss_prompt', { customerId, key, reason });
}

export function undo(undo: Undo): Promise<null> {
  return call<null>('undo', { undo });
}

export function logInteraction(customerId: string, draft: InteractionDraft): Promise<InteractionDto> {
  return call<InteractionDto>('log_interaction', { customerId, draft });
}

export function recordOrder(customerId: string, input: OrderInput): Promise<InteractionDto> {
  return call<InteractionDto>('record_order', { customerId, input });
}

export function recordDelivery(customerId: string, input: DeliveryInput): Promise<InteractionDto> {
  return call<InteractionDto>('record_delivery', { customerId, input });
}

export function resolveComplaint(interactionId: string, resolution: string): Promise<null> {
  return call<null>('resolve_complaint', { interactionId, resolution });
}

export function setLevel(customerId: string, level: Level, input: LevelInput): Promise<null> {
  return call<null>('set_level', { customerId, level, input });
}

/** The catalogue as a quote offers it: the trims of the customer's models first. */
export function quoteTrims(customerId: string): Promise<Array<QuoteTrim>> {
  return call<Array<QuoteTrim>>('quote_trims', { customerId });
}

/** A quote sheet worked out now, not saved. */
export function quote(customerId: string, input: QuoteInput): Promise<QuoteView> {
  return call<QuoteView>('quote', { customerId, input });
}

/** Works the quote out and saves it to the timeline as a quote interaction. */
export function saveQuote(customerId: string, input: QuoteInput): Promise<QuoteView> {
  return call<QuoteView>('save_quote', { customerId, input });
}

/** A saved quote re-opened from its interaction, as it was quoted. */
export function quoteOf(interactionId: string): Promise<QuoteView> {
  return call<QuoteView>('quote_of', { interactionId });
}

export function getQuoteSettings(): Promise<QuoteSettings> {
  return call<QuoteSettings>('get_quote_settings');
}

export function setQuoteSettings(settings: QuoteSettings): Promise<QuoteSettings> {
  return call<QuoteSettings>('set_quote_settings', { settings });
}

/** Prints what the window shows (the quote sheet, by its print stylesheet) to a PDF at */
/** `path`, with no dialog. */
export function printToPdf(path: string): Promise<null> {
  return call<null>('print_to_pdf', { path });
}

/** Puts `text` on the system clipboard (a message to paste into WeChat or an SMS). */
export function copyText(text: string): Promise<null> {
  return call<null>('copy_text', { text });
}

/** What a customer is worth and where they stand: value, tier, satisfaction, the grid. */
export function customerValue(id: string): Promise<CustomerValue> {
  return call<CustomerValue>('customer_value', { id });
}

/** A report over a period ("YYYY-MM-DD", both days included; both empty: this month). */
export function report(kind: ReportKind, from: string, to: string): Promise<Report> {
  return call<Report>('report', { kind, from, to });
}

export function getValueRules(): Promise<ValueRules> {
  return call<ValueRules>('get_value_rules');
}

export function setValueRules(rules: ValueRules): Promise<ValueRules> {
  return call<ValueRules>('set_value_rules', { rules });
}

export function restoreDefaultValueRules(): Promise<ValueRules> {
  return call<ValueRules>('restore_default_value_rules');
}

/** The catalogue's trims that fit a customer, best first, then those ruled out, with why. */
export function suggest(customerId: string): Promise<SuggestionsDto> {
  return call<SuggestionsDto>('suggest', { customerId });
}

/** Two to four catalogue trims side by side. */
export function compareTrims(ids: Array<string>): Promise<Comparison> {
  return call<Comparison>('compare_trims', { ids });
}

export function getFitRules(): Promise<FitRules> {
  return call<FitRules>('get_fit_rules');
}

export function setFitRules(rules: FitRules): Promise<FitRules> {
  return call<FitRules>('set_fit_rules', { rules });
}

export function restoreDefaultFitRules(): Promise<FitRules> {
  return call<FitRules>('restore_default_fit_rules');
}

/** Saves a report's table as a workbook, whole or not at all. */
export function saveTable(path: string, table: ReportTable): Promise<null> {
  return call<null>('save_table', { path, table });
}

/** Saves a chart's picture (a PNG data URL), whole or not at all. */
export function saveChart(path: string, png: string): Promise<null> {
  return call<null>('save_chart', { path, png });
}

/** Builds (or brings up to date) the team book beside this book from the consultants' */
/** exports: each file replaces its consultant's part. */
export function openTeam(sources: Array<string>): Promise<TeamBook> {
  return call<TeamBook>('open_team', { sources });
}

/** The team book beside this book; null when none was built. */
export function teamBook(): Promise<TeamBook | null> {
  return call<TeamBook | null>('team_book');
}

/** The consultants side by side over a period, then the team. */
export function teamOverview(from: string, to: string): Promise<TeamOverview> {
  return call<TeamOverview>('team_overview', { from, to });
}

/** A report per consultant of the team book, then the team's. */
export function teamReports(kind: ReportKind, from: string, to: string): Promise<Array<ConsultantReport>> {
  return call<Array<ConsultantReport>>('team_reports', { kind, from, to });
}

/** The team book's customers two or more consultants hold. */
export function sharedCustomers(): Promise<Array<SharedCustomer>> {
  return call<Array<SharedCustomer>>('shared_customers');
}

export function getRules(): Promise<Rules> {
  return call<Rules>('get_rules');
}

export function setRules(rules: Rules): Promise<Rules> {
  return call<Rules>('set_rules', { rules });
}

export function restoreDefaultRules(): Promise<Rules> {
  return call<Rules>('restore_default_rules');
}

/** Turns reminders (and closing to the tray) on or off. */
export function setReminders(on: boolean): Promise<Settings> {
  return call<Settings>('set_reminders', { on });
}

/** The work left after the first screen: the check, the day's backup, the prompts the */
/** day or a change of the rules made stale, reporting progress as it goes. */
export function catchUp(onProgress: (progress: CatchUpProgress) => void): Promise<CatchUpResult> {
  return call<CatchUpResult>('catch_up', { onProgress: channel(onProgress) });
}

/** Tells the shell Today is on screen and usable (it logs `ready_ms`). */
export function todayShown(): Promise<null> {
  return call<null>('today_shown');
}

export function pendingNotices(): Promise<Array<Notice>> {
  return call<Array<Notice>>('pending_notices');
}

export function markNotified(keys: Array<string>): Promise<null> {
  return call<null>('mark_notified', { keys });
}

/** The dry run of an import: what it would do, row by row. */
export function previewImport(request: ImportRequest): Promise<ImportPreview> {
  return call<ImportPreview>('preview_import', { request });
}

/** Imports the file, reporting progress as it goes. */
export function importFile(request: ImportRequest, onProgress: (progress: ImportProgress) => void): Promise<ImportResult> {
  return call<ImportResult>('import_file', { request, onProgress: channel(onProgress) });
}

/** Stops the running import (answers at once; the import then rolls back). */
export function cancelImport(): Promise<null> {
  return call<null>('cancel_import');
}

export function listImports(): Promise<Array<ImportDto>> {
  return call<Array<ImportDto>>('list_imports');
}

export function undoImport(id: string): Promise<UndoImportResult> {
  return call<UndoImportResult>('undo_import', { id });
}

export function exportBook(request: ExportRequest): Promise<ExportResult> {
  return call<ExportResult>('export_book', { request });
}

/** The vehicle catalogue (车型库), by brand, series and price. */
export function catalogue(): Promise<Array<TrimDto>> {
  return call<Array<TrimDto>>('catalogue');
}

/** Whether the catalogue holds no trim (the first run offers the sample). */
export function catalogueIsEmpty(): Promise<boolean> {
  return call<boolean>('catalogue_is_empty');
}

/** Adds a trim (`id` null) or changes one, from each field's text by code. */
export function saveTrim(id: string | null, texts: { [key in string]: string }): Promise<TrimDto> {
  return call<TrimDto>('save_trim', { id, texts });
}

export function deleteTrim(id: string): Promise<null> {
  return call<null>('delete_trim', { id });
}

/** The dry run of a catalogue import: what each row of the sheet would do. */
export function previewCatalogueImport(path: string): Promise<CataloguePreview> {
  return call<CataloguePreview>('preview_catalogue_import', { path });
}

/** Imports a catalogue sheet: the rows refused are left out, the rest written at once. */
export function importCatalogue(path: string): Promise<CatalogueImportResult> {
  return call<CatalogueImportResult>('import_catalogue', { path });
}

/** Loads the sample catalogue (比亚迪) through the same import. */
export function loadSampleCatalogue(): Promise<CatalogueImportResult> {
  return call<CatalogueImportResult>('load_sample_catalogue');
}

/** Writes the catalogue to `path` as xlsx, CSV or JSON, whole or not at all. */
export function exportCatalogue(path: string, format: ExportFormat): Promise<CatalogueExportResult> {
  return call<CatalogueExportResult>('export_catalogue', { path, format });
}

export function backupTo(path: string): Promise<BookPreview> {
  return call<BookPreview>('backup_to', { path });
}

export function listBackups(): Promise<Array<BackupDto>> {
  return call<Array<BackupDto>>('list_backups');
}

/** What a backup file holds, checked, before it is restored. */
export function inspectBackup(path: string): Promise<BookPreview> {
  return call<BookPreview>('inspect_backup', { path });
}

export function restoreBackup(path: string): Promise<RestoreResult> {
  return call<RestoreResult>('restore_backup', { path });
}

/** The book that failed its check at start, with the newest good backup; null otherwise. */
export function damagedBook(): Promise<DamagedBook | null> {
  return call<DamagedBook | null>('damaged_book');
}

export function replaceDamagedBook(backup: string): Promise<null> {
  return call<null>('replace_damaged_book', { backup });
}

/** Whether the book has a passphrase, and the idle minutes before the app locks. */
export function privacy(): Promise<Privacy> {
  return call<Privacy>('privacy');
}

export function setLockAfter(minutes: number): Promise<Privacy> {
  return call<Privacy>('set_lock_after', { minutes });
}

/** Sets (`next`), changes or removes (`next` null) the book's passphrase; a book that has */
/** one asks for it first (`current`). The book is backed up first and converted whole. */
export function changePassphrase(current: string | null, next: string | null): Promise<PassphraseChange> {
  return call<PassphraseChange>('change_passphrase', { current, next });
}

/** Whether the app is locked, and how many are due (no one's name). */
export function lockState(): Promise<LockState> {
  return call<LockState>('lock_state');
}

/** Locks the app now (a book with a passphrase): every command but these is refused as */
/** `locked` until the passphrase is given. */
export function lockBook(): Promise<null> {
  return call<null>('lock_book');
}

/** Unlocks the app, or opens the book at start, with its passphrase. */
export function unlockBook(passphrase: string): Promise<null> {
  return call<null>('unlock_book', { passphrase });
}

/** Asks for a file to open; null when the consultant cancels. */
export function pickFile(kind: OpenKind): Promise<string | null> {
  return call<string | null>('pick_file', { kind });
}

/** Asks for files to open, several at once; empty when the consultant cancels. */
export function pickFiles(kind: OpenKind): Promise<Array<string>> {
  return call<Array<string>>('pick_files', { kind });
}

/** Asks where to save, suggesting `name`; null when the consultant cancels. */
export function pickSavePath(kind: SaveKind, name: string): Promise<string | null> {
  return call<string | null>('pick_save_path', { kind, name });
}

/** Every message template (built in, edited, the consultant's own), the merge fields' */
/** names and the current offer. */
export function listTemplates(): Promise<TemplateList> {
  return call<TemplateList>('list_templates');
}

/** Saves a template (empty id: a new one; a built-in one's id: its edit), checked. */
export function saveTemplate(input: TemplateInput): Promise<TemplateDto> {
  return call<TemplateDto>('save_template', { input });
}

/** Deletes one of the consultant's own templates. */
export function deleteTemplate(id: string): Promise<null> {
  return call<null>('delete_template', { id });
}

/** Puts a built-in template back as it came. */
export function restoreDefaultTemplate(id: string): Promise<TemplateDto> {
  return call<TemplateDto>('restore_default_template', { id });
}

/** The current offer messages name as 优惠. */
export function setCurrentOffer(offer: string): Promise<TemplateList> {
  return call<TemplateList>('set_current_offer', { offer });
}

/** A template rendered for a customer (or the sample one): the text and its missing fields. */
export function renderMessage(request: MessageRequest): Promise<RenderedMessage> {
  return call<RenderedMessage>('render_message', { request });
}

/** Logs a message copied to send; `sent` marks its prompt done. */
export function logMessage(input: MessageInput): Promise<Undo> {
  return call<Undo>('log_message', { input });
}

/** Every command, by the name the UI calls it. */
export const commands = {
  searchCustomers,
  addCustomer,
  getCustomer,
  updateCustomer,
  trashCustomer,
  restoreCustomer,
  readTimeframe,
  levelsInQuery,
  queryWithLevels,
  listTrash,
  emptyTrash,
  eraseCustomers,
  addFamilyMember,
  updateFamilyMember,
  deleteFamilyMember,
  mergePreview,
  mergeCustomers,
  getSettings,
  setLanguage,
  setConsultant,
  setChannels,
  agenda,
  todayPlan,
  planGroup,
  brief,
  understand,
  acceptSuggestion,
  completePrompt,
  snoozePrompt,
  dismissPrompt,
  undo,
  logInteraction,
  recordOrder,
  recordDelivery,
  resolveComplaint,
  setLevel,
  quoteTrims,
  quote,
  saveQuote,
  quoteOf,
  getQuoteSettings,
  setQuoteSettings,
  printToPdf,
  copyText,
  customerValue,
  report,
  getValueRules,
  setValueRules,
  restoreDefaultValueRules,
  suggest,
  compareTrims,
  getFitRules,
  setFitRules,
  restoreDefaultFitRules,
  saveTable,
  saveChart,
  openTeam,
  teamBook,
  teamOverview,
  teamReports,
  sharedCustomers,
  getRules,
  setRules,
  restoreDefaultRules,
  setReminders,
  catchUp,
  todayShown,
  pendingNotices,
  markNotified,
  previewImport,
  importFile,
  cancelImport,
  listImports,
  undoImport,
  exportBook,
  catalogue,
  catalogueIsEmpty,
  saveTrim,
  deleteTrim,
  previewCatalogueImport,
  importCatalogue,
  loadSampleCatalogue,
  exportCatalogue,
  backupTo,
  listBackups,
  inspectBackup,
  restoreBackup,
  damagedBook,
  replaceDamagedBook,
  privacy,
  setLockAfter,
  changePassphrase,
  lockState,
  lockBook,
  unlockBook,
  pickFile,
  pickFiles,
  pickSavePath,
  listTemplates,
  saveTemplate,
  deleteTemplate,
  restoreDefaultTemplate,
  setCurrentOffer,
  renderMessage,
  logMessage,
};
