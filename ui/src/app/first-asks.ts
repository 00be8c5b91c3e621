// The first screen's questions, asked as the page's script starts (main.ts), before Svelte
// mounts the app, and all at once: the lock, the settings, the privacy settings and Today's
// plan. The app's first effects run some 40 ms after its script starts, and the four asked
// one after another took another 25 ms. Each answer is taken once, by the first start; a
// locked book or a failed start drops them, and every later look asks afresh.
import { api } from '../lib/api';
import type { LockState, Privacy, Settings, TodayPlan } from '../lib/bindings';

export interface FirstAsks {
  lock: Promise<LockState | null>;
  settings: Promise<Settings>;
  privacy: Promise<Privacy>;
}

let asks: FirstAsks | null = null;
let plan: Promise<TodayPlan> | null = null;

/** A promise whose failure, if nobody waits for it, is not reported as unhandled. */
function kept<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Asks the first screen's questions (once, as the page starts). */
export function askFirst(): void {
  asks = {
    lock: api.lockState().catch(() => null),
    settings: kept(api.getSettings()),
    privacy: kept(api.privacy()),
  };
  plan = kept(api.todayPlan());
}

/** The lock, settings and privacy asked at the start, for the first start only. */
export function takeFirstAsks(): FirstAsks | null {
  const taken = asks;
  asks = null;
  return taken;
}

/** Today's plan asked at the start, for Today's first look only (`null`: ask it now). */
export function takeFirstPlan(): Promise<TodayPlan> | null {
  const taken = plan;
  plan = null;
  return taken;
}

/** Drops what was asked at the start (the book is locked, or the start failed). */
export function dropFirstAsks(): void {
  asks = null;
  plan = null;
}
