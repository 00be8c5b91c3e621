// The UI's only way to the Rust side: typed wrappers over Tauri commands. Types come from
// the generated bindings; a failing command always rejects with an AppError.
import { invoke } from '@tauri-apps/api/core';
import type { AppError, CustomerDto, CustomerInput, CustomerList, Language, ListOrder, Settings } from './bindings';

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
  listCustomers: () => call<CustomerDto[]>('list_customers'),
  searchCustomers: (query: string, order: ListOrder) => call<CustomerList>('search_customers', { query, order }),
  addCustomer: (input: CustomerInput) => call<CustomerDto>('add_customer', { input }),
  getSettings: () => call<Settings>('get_settings'),
  setLanguage: (language: Language) => call<Settings>('set_language', { language }),
};

export type Api = typeof api;
