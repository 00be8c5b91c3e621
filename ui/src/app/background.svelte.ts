// The work Rust leaves for after the first screen (the check, the day's backup, the prompts
// the day or a change of the rules made stale), run with progress for the quiet status line.
// Today reloads when `background.version` moves.
import type { AppError, CatchUpProgress } from '../lib/bindings';
import { api, toAppError } from '../lib/api';
import { format, i18n, renderError } from '../lib/i18n/index.svelte';

export const background = $state({
  /** How far the running work has got; null when none runs. */
  progress: null as CatchUpProgress | null,
  /** Why the last run stopped, if it did. */
  error: null as AppError | null,
  /** Moves each time a run finishes: the prompts may have changed. */
  version: 0,
});

let running = 0;

/** Runs the work left (Rust runs one at a time); answers the error that stopped it, if any. */
export async function catchUp(): Promise<AppError | null> {
  running += 1;
  try {
    await api.catchUp((progress) => {
      background.progress = progress;
    });
    background.error = null;
    return null;
  } catch (caught) {
    background.error = toAppError(caught);
    return background.error;
  } finally {
    running -= 1;
    if (running === 0) background.progress = null;
    background.version += 1;
  }
}

/** The status line's words: what runs now, or why it stopped; empty when all is done. */
export function statusLine(): string {
  const t = i18n.t.startup;
  const p = background.progress;
  if (p) {
    if (p.step === 'check') return t.checking;
    if (p.step === 'backup') return t.backingUp;
    return format(t.prompts, { done: p.done, total: p.total });
  }
  if (background.error && background.error.code !== 'damaged_book') {
    return format(t.failed, { error: renderError(background.error, i18n.t) });
  }
  return '';
}
