import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CatchUpProgress, CatchUpResult } from '../lib/bindings';
import { i18n } from '../lib/i18n/index.svelte';

type Run = (onProgress: (p: CatchUpProgress) => void) => Promise<CatchUpResult>;
const catchUpCall = vi.fn<Run>();
vi.mock('../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/api')>();
  return { ...real, api: { ...real.api, catchUp: (p: (p: CatchUpProgress) => void) => catchUpCall(p) } };
});

const { background, catchUp, statusLine } = await import('./background.svelte');

beforeEach(() => {
  i18n.lang = 'zh-Hans';
  catchUpCall.mockReset();
});

describe('the work after the first screen', () => {
  it('says each step quietly, then nothing, and moves the version Today reloads on', async () => {
    const lines: string[] = [];
    catchUpCall.mockImplementation(async (progress) => {
      progress({ step: 'check', done: 0, total: 0 });
      lines.push(statusLine());
      progress({ step: 'backup', done: 0, total: 0 });
      lines.push(statusLine());
      progress({ step: 'prompts', done: 500, total: 1200 });
      lines.push(statusLine());
      return { backup: '/b/carnet-daily.db', customers: 1200 };
    });
    const before = background.version;
    expect(await catchUp()).toBeNull();
    expect(lines).toEqual(['正在检查客户本…', '正在备份客户本…', '正在更新跟进提示 500/1200']);
    expect(statusLine()).toBe('');
    expect(background.version).toBe(before + 1);
  });

  it('tells why it stopped, except a damaged book, which the shell shows as at start', async () => {
    catchUpCall.mockRejectedValueOnce({ code: 'storage', message: 'disk full', params: { detail: 'disk full', path: null } });
    const error = await catchUp();
    expect(error?.code).toBe('storage');
    expect(statusLine()).toBe('后台整理没有完成：读写客户本失败：disk full');
    catchUpCall.mockRejectedValueOnce({ code: 'damaged_book', message: 'damaged', params: { path: '/b/carnet.db', detail: 'x' } });
    expect((await catchUp())?.code).toBe('damaged_book');
    expect(statusLine()).toBe('');
  });
});
