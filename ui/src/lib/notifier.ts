// Desktop notifications while Carnet runs: the day's summary and each prompt with a set time,
// asked for every minute and whenever the window comes back (after a sleep, say). Rust decides
// what is due and remembers what was shown; this renders it in the user's language.
import { isPermissionGranted, requestPermission, sendNotification } from '@tauri-apps/plugin-notification';
import type { Notice } from './bindings';
import { api } from './api';
import { format, i18n } from './i18n/index.svelte';
import { renderPrompt } from '../features/today/reasons';

export type Send = (notification: { title: string; body: string }) => void;

/** A notice as the title and body of a notification. */
export function renderNotice(n: Notice): { title: string; body: string } {
  const t = i18n.t;
  if (n.due_count !== null) {
    return { title: t.notify.summaryTitle, body: format(t.notify.summaryBody, { count: n.due_count }) };
  }
  const reason = n.prompt ? renderPrompt(n.prompt, t, i18n.lang) : '';
  return { title: n.name ?? t.app.name, body: reason };
}

/** A notice as a locked app gets it: no count, no one named, no reason. */
const masked = (n: Notice) => n.due_count === null && n.name === null && n.prompt === null;

/** Shows what is due now, and tells Rust it was shown. Returns how many were shown. */
export async function deliverNotices(send: Send): Promise<number> {
  const notices = await api.pendingNotices();
  if (notices.length === 0) return 0;
  // While locked, Rust names no one: the prompts come due are said as one count.
  const hidden = notices.filter(masked);
  for (const n of notices.filter((n) => !masked(n))) send(renderNotice(n));
  if (hidden.length > 0) {
    send({ title: i18n.t.app.name, body: format(i18n.t.privacy.dueWhileLocked, { count: hidden.length }) });
  }
  await api.markNotified(notices.map((n) => n.key));
  return notices.length;
}

/** Starts the minute-by-minute check; returns a function that stops it. */
export function startNotifier(everyMs = 60_000): () => void {
  let allowed: Promise<boolean> = (async () => {
    try {
      return (await isPermissionGranted()) || (await requestPermission()) === 'granted';
    } catch {
      return false;
    }
  })();
  const check = async () => {
    if (!(await allowed)) return;
    try {
      await deliverNotices((n) => sendNotification(n));
    } catch (error) {
      // A notification is a courtesy: a failure must not disturb the consultant's work.
      console.warn('notifications', error);
      allowed = Promise.resolve(true);
    }
  };
  void check();
  const timer = setInterval(() => void check(), everyMs);
  const onVisible = () => {
    if (document.visibilityState === 'visible') void check();
  };
  document.addEventListener('visibilitychange', onVisible);
  window.addEventListener('focus', onVisible);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
    window.removeEventListener('focus', onVisible);
  };
}
