// The app lock as the window sees it: locked (the book's passphrase is needed, at start or
// after the idle minutes) or not. Any command refused as `locked` locks the window too, so
// nothing of the book stays on screen once Rust refuses it.
import { api } from '../../lib/api';

export const lock = $state<{ locked: boolean; minutes: number | null }>({
  locked: false,
  /** The idle minutes before the app locks; null when the book has no passphrase. */
  minutes: null,
});

/** Follows the book's privacy settings: the idle lock applies only with a passphrase. */
export function followPrivacy(privacy: { encrypted: boolean; lock_after_minutes: number }): void {
  lock.minutes = privacy.encrypted ? privacy.lock_after_minutes : null;
}

/** Locks the window now: Rust refuses every command until the passphrase is given. */
export async function lockNow(): Promise<void> {
  await api.lockBook();
  lock.locked = true;
}

/** Events that count as the consultant being there. */
const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * Locks after `minutes()` without a key, a click or a move in the window (read again at
 * each check, so a change in Settings applies at once). Checked every `everyMs` and when
 * the window comes back, since a hidden window's timers may be slowed. Returns a stop.
 */
export function startIdleLock(
  minutes: () => number | null,
  everyMs = 15_000,
  now: () => number = Date.now,
): () => void {
  let last = now();
  const seen = () => {
    last = now();
  };
  const check = () => {
    const limit = minutes();
    if (limit === null || lock.locked) return;
    if (now() - last >= limit * 60_000) {
      void lockNow().catch(() => {});
    }
  };
  for (const event of ACTIVITY) window.addEventListener(event, seen, { passive: true });
  document.addEventListener('visibilitychange', check);
  const timer = setInterval(check, everyMs);
  return () => {
    clearInterval(timer);
    for (const event of ACTIVITY) window.removeEventListener(event, seen);
    document.removeEventListener('visibilitychange', check);
  };
}
