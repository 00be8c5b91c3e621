import { beforeEach, describe, expect, it, vi } from 'vitest';

const asked = { lockState: vi.fn(), getSettings: vi.fn(), privacy: vi.fn(), todayPlan: vi.fn() };
vi.mock('../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../lib/api')>();
  return { ...real, api: { ...real.api, ...asked } };
});

const { askFirst, dropFirstAsks, takeFirstAsks, takeFirstPlan } = await import('./first-asks');

const plan = { rows: [], total: 0, done: 0 };

beforeEach(() => {
  dropFirstAsks();
  asked.lockState.mockReset().mockResolvedValue({ locked: false, due: 3 });
  asked.getSettings.mockReset().mockResolvedValue({ language: 'zh-Hans' });
  asked.privacy.mockReset().mockResolvedValue({ encrypted: false });
  asked.todayPlan.mockReset().mockResolvedValue(plan);
});

describe("the first screen's questions, asked as the page starts", () => {
  it('asks each once, all at once, and gives each answer to the first start only', async () => {
    askFirst();
    for (const ask of Object.values(asked)) expect(ask).toHaveBeenCalledTimes(1);
    const first = takeFirstAsks();
    expect(await first?.lock).toEqual({ locked: false, due: 3 });
    expect(await first?.settings).toEqual({ language: 'zh-Hans' });
    expect(await first?.privacy).toEqual({ encrypted: false });
    expect(await takeFirstPlan()).toBe(plan);
    // Every later start and look asks afresh.
    expect(takeFirstAsks()).toBeNull();
    expect(takeFirstPlan()).toBeNull();
  });

  it('reads a lock it cannot ask as unknown, and drops every answer for a locked book', async () => {
    const locked = { code: 'locked', message: 'locked', params: {} };
    for (const ask of Object.values(asked)) ask.mockRejectedValue(locked);
    askFirst();
    const first = takeFirstAsks();
    expect(await first?.lock).toBeNull();
    await expect(first?.settings).rejects.toEqual(locked);
    dropFirstAsks();
    expect(takeFirstPlan()).toBeNull();
    expect(takeFirstAsks()).toBeNull();
  });
});
