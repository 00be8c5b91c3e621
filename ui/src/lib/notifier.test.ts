import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Notice } from './bindings';
import { i18n } from './i18n/index.svelte';

const pendingNotices = vi.fn<() => Promise<Notice[]>>();
const markNotified = vi.fn<(keys: string[]) => Promise<null>>();
vi.mock('./api', async (importOriginal) => {
  const real = await importOriginal<typeof import('./api')>();
  return {
    ...real,
    api: { ...real.api, pendingNotices: () => pendingNotices(), markNotified: (keys: string[]) => markNotified(keys) },
  };
});
vi.mock('@tauri-apps/plugin-notification', () => ({
  isPermissionGranted: async () => true,
  requestPermission: async () => 'granted',
  sendNotification: () => undefined,
}));

const { deliverNotices } = await import('./notifier');

const summary: Notice = { key: 'summary:2026-11-25', due_count: 3, customer_id: null, name: null, prompt: null };
const timed: Notice = {
  key: 'prompt:a:next:x:2026-11-25',
  due_count: null,
  customer_id: 'a',
  name: '李四',
  prompt: {
    key: 'next:x',
    kind: 'next_step',
    due: '2026-11-25',
    time: '15:00',
    priority: 1,
    params: { kind: 'next_step', promise: '发报价', set_on: '2026-11-24', appointment: null },
    when: 'today',
    in_days: 0,
  },
};

beforeEach(() => {
  i18n.lang = 'zh-Hans';
  pendingNotices.mockReset();
  markNotified.mockReset().mockResolvedValue(null);
});

describe('the notifier', () => {
  it('shows each notice once, in the user language, and says so to Rust', async () => {
    const shown: { title: string; body: string }[] = [];
    pendingNotices.mockResolvedValueOnce([summary, timed]).mockResolvedValueOnce([]);
    expect(await deliverNotices((n) => shown.push(n))).toBe(2);
    expect(shown).toEqual([
      { title: 'Carnet 今天的跟进', body: '今天有 3 项跟进到期' },
      { title: '李四', body: '约定的下一步：发报价 15:00' },
    ]);
    expect(markNotified).toHaveBeenCalledWith([summary.key, timed.key]);
    expect(await deliverNotices((n) => shown.push(n))).toBe(0);
    expect(shown).toHaveLength(2);
    expect(markNotified).toHaveBeenCalledTimes(1);
  });

  it('speaks English when asked', async () => {
    i18n.lang = 'en';
    const shown: { title: string; body: string }[] = [];
    pendingNotices.mockResolvedValueOnce([summary]);
    await deliverNotices((n) => shown.push(n));
    expect(shown).toEqual([{ title: "Carnet: today's follow-ups", body: '3 follow-ups due today' }]);
  });
});
