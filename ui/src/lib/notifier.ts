// Desktop notifications while Carnet runs: the day's summary and each prompt with a set time.
// Rust's timer (a tokio timer the webview cannot throttle, window hidden or not) finds what is
// due every minute and sends it here; the window also asks whenever it comes back (after a
// sleep, say). Rust decides what is due and remembers what was shown; this renders it in the
// user's language.
import { listen } from '@tauri-apps/api/event';
import { isPermissionGranted, requestPermission, sendNotification } from '@tauri-apps/plugin-notification';
import type { Notice } from './bindings';
import { EVENTS } from './bindings';
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

/** Shows `notices`, and tells Rust they were shown. Returns how many were shown. */
export async function showNotices(notices: Notice[], send: Send): Promise<number> {
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

/** Shows what is due now, and tells Rust it was shown. Returns how many were shown. */
export async function deliverNotices(send: Send): Promise<number> {
  return showNotices(await api.pendingNotices(), send);
}

/** Shows what Rust's timer sends, and checks when the window comes back; returns a function
 *  that stops both. */
export function startNotifier(): () => void {
  let allowed: Promise<boolean> = (async () => {
    try {
      return (await isPermissionGranted()) || (await requestPermission()) === 'granted';
    } catch {
      return false;
    }
  })();
  const check = async (notices?: Notice[]) => {
    if (!(await allowed)) return;
    try {
      const send: Send = (n) => sendNotification(n);
      await (notices ? showNotices(notices, send) : deliverNotices(send));
    } catch (error) {
      // A notification is a courtesy: a failure must not disturb the consultant's work.
      console.warn('notifications', error);
      allowed = Promise.resolve(true);
    }
  };
  void check();
  const unlisten = listen<Notice[]>(EVENTS.notices_due, (event) => void check(event.payload)).catch(() => undefined);
  const onVisible = () => {
    if (document.visibilityState === 'visible') void check();
  };
  document.addEventListener('visibilitychange', onVisible);
  window.addEventListener('focus', onVisible);
  return () => {
    void unlisten.then((stop) => stop?.());
    document.removeEventListener('visibilitychange', onVisible);
    window.removeEventListener('focus', onVisible);
  };
}
