// The UI's only way to the Rust side: typed wrappers over Tauri commands. Types come from
// the generated bindings; a failing command always rejects with an AppError.
import { Channel, invoke } from '@tauri-apps/api/core';
import type {
  Notice,
  Rules,
  Agenda,
  Brief,
  DeliveryInput,
  InteractionDraft,
  InteractionDto,
  Level,
  OrderInput,
  QuickOutcome,
  Undo,
  AppError,
  Consultant,
  CustomerDetail,
  CustomerDto,
  CustomerInput,
  CustomerList,
  FamilyDraft,
  FamilyMemberDto,
  Language,
  ListOrder,
  MergePreview,
  Settings,
  BackupDto,
  BookPreview,
  DamagedBook,
  EraseProgress,
  EraseResult,
  ExportRequest,
  ExportResult,
  ImportDto,
  ImportPreview,
  ImportProgress,
  ImportRequest,
  ImportResult,
  RestoreResult,
  TimeframeView,
  UndoImportResult,
} from './bindings';

export function isAppError(value: unknown): value is AppError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { params?: unknown }).params === 'object'
  );
}

/**
 * Anything a command rejected with, as an AppError. A rejection that is not one (the IPC
 * layer refusing or failing) is a fault of Carnet's, reported as `internal`.
 */
export function toAppError(value: unknown): AppError {
  if (isAppError(value)) return value;
  const detail = value instanceof Error ? value.message : String(value);
  return { code: 'internal', message: detail, params: { detail } };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toAppError(error);
  }
}

export const api = {
  searchCustomers: (query: string, order: ListOrder, offset: number, limit: number) =>
    call<CustomerList>('search_customers', { query, order, offset, limit }),
  addCustomer: (input: CustomerInput) => call<CustomerDetail>('add_customer', { input }),
  getCustomer: (id: string) => call<CustomerDetail>('get_customer', { id }),
  updateCustomer: (id: string, input: CustomerInput) => call<CustomerDetail>('update_customer', { id, input }),
  trashCustomer: (id: string) => call<null>('trash_customer', { id }),
  restoreCustomer: (id: string) => call<CustomerDetail>('restore_customer', { id }),
  readTimeframe: (text: string) => call<TimeframeView | null>('read_timeframe', { text }),
  listTrash: () => call<CustomerDto[]>('list_trash'),
  emptyTrash: (onProgress: (progress: EraseProgress) => void) => {
    const channel = new Channel<EraseProgress>();
    channel.onmessage = onProgress;
    return call<EraseResult>('empty_trash', { onProgress: channel });
  },
  eraseCustomers: (ids: string[], onProgress: (progress: EraseProgress) => void) => {
    const channel = new Channel<EraseProgress>();
    channel.onmessage = onProgress;
    return call<EraseResult>('erase_customers', { ids, onProgress: channel });
  },
  addFamilyMember: (customerId: string, input: FamilyDraft) =>
    call<FamilyMemberDto>('add_family_member', { customerId, input }),
  updateFamilyMember: (id: string, input: FamilyDraft) => call<null>('update_family_member', { id, input }),
  deleteFamilyMember: (id: string) => call<null>('delete_family_member', { id }),
  mergePreview: (survivor: string, loser: string) => call<MergePreview>('merge_preview', { survivor, loser }),
  mergeCustomers: (survivor: string, loser: string, takeFromLoser: string[]) =>
    call<CustomerDetail>('merge_customers', { survivor, loser, takeFromLoser }),
  getSettings: () => call<Settings>('get_settings'),
  setLanguage: (language: Language) => call<Settings>('set_language', { language }),
  setConsultant: (consultant: Consultant) => call<Settings>('set_consultant', { consultant }),
  agenda: (days: number) => call<Agenda>('agenda', { days }),
  brief: (customerId: string) => call<Brief>('brief', { customerId }),
  completePrompt: (customerId: string, key: string, outcome: QuickOutcome, date = '') =>
    call<Undo>('complete_prompt', { customerId, key, outcome, date }),
  snoozePrompt: (customerId: string, key: string, days: number) => call<Undo>('snooze_prompt', { customerId, key, days }),
  dismissPrompt: (customerId: string, key: string, reason: string) =>
    call<Undo>('dismiss_prompt', { customerId, key, reason }),
  undo: (undo: Undo) => call<null>('undo', { undo }),
  logInteraction: (customerId: string, draft: InteractionDraft) =>
    call<InteractionDto>('log_interaction', { customerId, draft }),
  recordOrder: (customerId: string, input: OrderInput) => call<InteractionDto>('record_order', { customerId, input }),
  recordDelivery: (customerId: string, input: DeliveryInput) =>
    call<InteractionDto>('record_delivery', { customerId, input }),
  resolveComplaint: (interactionId: string, resolution: string) =>
    call<null>('resolve_complaint', { interactionId, resolution }),
  pendingNotices: () => call<Notice[]>('pending_notices'),
  markNotified: (keys: string[]) => call<null>('mark_notified', { keys }),
  getRules: () => call<Rules>('get_rules'),
  setRules: (rules: Rules) => call<Rules>('set_rules', { rules }),
  restoreDefaultRules: () => call<Rules>('restore_default_rules'),
  setLevel: (customerId: string, level: Level, reason: string, revisit: string) =>
    call<null>('set_level', { customerId, level, reason, revisit }),
  previewImport: (request: ImportRequest) => call<ImportPreview>('preview_import', { request }),
  importFile: (request: ImportRequest, onProgress: (progress: ImportProgress) => void) => {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = onProgress;
    return call<ImportResult>('import_file', { request, onProgress: channel });
  },
  cancelImport: () => call<null>('cancel_import'),
  listImports: () => call<ImportDto[]>('list_imports'),
  undoImport: (id: string) => call<UndoImportResult>('undo_import', { id }),
  exportBook: (request: ExportRequest) => call<ExportResult>('export_book', { request }),
  backupTo: (path: string) => call<BookPreview>('backup_to', { path }),
  listBackups: () => call<BackupDto[]>('list_backups'),
  inspectBackup: (path: string) => call<BookPreview>('inspect_backup', { path }),
  restoreBackup: (path: string) => call<RestoreResult>('restore_backup', { path }),
  damagedBook: () => call<DamagedBook | null>('damaged_book'),
  replaceDamagedBook: (backup: string) => call<null>('replace_damaged_book', { backup }),
  /** Asks for a file to open ("import" or "backup"); null when the consultant cancels. */
  pickFile: (kind: 'import' | 'backup') => call<string | null>('pick_file', { kind }),
  /** Asks where to save ("export" or "backup"), suggesting `name`; null when cancelled. */
  pickSavePath: (kind: 'export' | 'backup', name: string) => call<string | null>('pick_save_path', { kind, name }),
};

export type Api = typeof api;
