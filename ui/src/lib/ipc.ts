// How a command is called: `invoke` with its arguments, a failure always rejected as an
// AppError, and progress reports through a Channel. The generated `commands.ts` calls these.
import { Channel, invoke } from '@tauri-apps/api/core';
import type { AppError } from './bindings';

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

/** Told when a command is refused because the app is locked (the lock screen listens). */
let onLocked: () => void = () => {};
export function whenLocked(listener: () => void): void {
  onLocked = listener;
}

/** Calls a command; a failure rejects with an AppError. */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === 'locked') onLocked();
    throw appError;
  }
}

/** A Channel that hands each report the command sends to `onMessage`. */
export function channel<T>(onMessage: (message: T) => void): Channel<T> {
  const reports = new Channel<T>();
  reports.onmessage = onMessage;
  return reports;
}
