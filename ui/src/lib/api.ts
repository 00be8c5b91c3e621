// The UI's only way to the Rust side: the commands generated from carnet-app's command table
// (`commands.ts`: names, arguments and result types come from Rust), under the names the
// components use. A failing command always rejects with an AppError.
import type { QuickOutcome } from './bindings';
import { commands } from './commands';

export { isAppError, toAppError } from './ipc';

export const api = {
  ...commands,
  /** Completes a prompt; `date` is when it happened (empty: today). */
  completePrompt: (customerId: string, key: string, outcome: QuickOutcome, date = '') =>
    commands.completePrompt(customerId, key, outcome, date),
};

export type Api = typeof api;
