import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Notice } from '../../lib/bindings';
import { i18n } from '../../lib/i18n/index.svelte';

const lockBook = vi.fn<() => Promise<null>>();
const pendingNotices = vi.fn<() => Promise<Notice[]>>();
const markNotified = vi.fn<(keys: string[]) => Promise<null>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      ...real.api,
      lockBook: () => lockBook(),
      pendingNotices: () => pendingNotices(),
      markNotified: (keys: string[]) => markNotified(keys),
    },
  };
});
vi.mock('@tauri-apps/plugin-notification', () => ({
  isPermissionGranted: async () => true,
  requestPermission: async () => 'granted',
  sendNotification: () => undefined,
}));

const { lock, startIdleLock, followPrivacy } = await import('./lock.svelte');
const { deliverNotices } = await import('../../lib/notifier');

let clock = 0;
const now = () => clock;

beforeEach(() => {
  vi.useFakeTimers();
  clock = 0;
  lock.locked = false;
  lockBook.mockReset().mockResolvedValue(null);
  pendingNotices.mockReset();
  markNotified.mockReset().mockResolvedValue(null);
  i18n.lang = 'zh-Hans';
});
afterEach(() => vi.useRealTimers());

describe('the idle lock', () => {
  it('locks after the idle minutes, and activity puts it off', async () => {
    followPrivacy({ encrypted: true, lock_after_minutes: 2 });
    const stop = startIdleLock(() => lock.minutes, 1_000, now);
    clock = 90_000;
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    clock = 150_000;
    vi.advanceTimersByTime(1_000);
    expect(lockBook).not.toHaveBeenCalled();
    clock = 90_000 + 120_000;
    vi.advanceTimersByTime(1_000);
    await vi.waitFor(() => expect(lock.locked).toBe(true));
    expect(lockBook).toHaveBeenCalledTimes(1);
    stop();
  });

  it('never locks a book without a passphrase', () => {
    followPrivacy({ encrypted: false, lock_after_minutes: 1 });
    expect(lock.minutes).toBeNull();
    const stop = startIdleLock(() => lock.minutes, 1_000, now);
    clock = 3_600_000;
    vi.advanceTimersByTime(5_000);
    expect(lockBook).not.toHaveBeenCalled();
    expect(lock.locked).toBe(false);
    stop();
  });
});

describe('notices while locked', () => {
  it('names no one: the prompts come due are one count', async () => {
    const masked = (key: string): Notice => ({ key, due_count: null, customer_id: null, name: null, prompt: null });
    pendingNotices.mockResolvedValueOnce([masked('prompt:a:x:1'), masked('prompt:b:y:1')]);
    const shown: { title: string; body: string }[] = [];
    expect(await deliverNotices((n) => shown.push(n))).toBe(2);
    expect(shown).toEqual([{ title: 'Carnet', body: '有 2 项跟进到时间了（解锁后查看）' }]);
    expect(markNotified).toHaveBeenCalledWith(['prompt:a:x:1', 'prompt:b:y:1']);
  });
});
