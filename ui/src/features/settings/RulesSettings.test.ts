import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { AppError, Rules } from '../../lib/bindings';
import { RULE_RANGES } from '../../lib/bindings';
import { i18n } from '../../lib/i18n/index.svelte';

const defaults = (): Rules => ({
  levels: [
    { level: 'H', window_days: 7, interval_days: 2 },
    { level: 'D', window_days: null, interval_days: null },
  ],
  after_sale: [{ kind: 'call', months: 0, days: 1, yearly: false }],
  holidays: [{ code: 'mid_autumn', calendar: 'lunar', month: 8, day: 15 }],
  holiday_levels: ['D'],
  lead_days: 3,
  failed_attempts: 5,
  lost_revisit_days: 90,
  satisfaction_check_days: 3,
  day_start: '08:30',
  notify_lead_minutes: 10,
  daily_capacity: 30,
});

const setRules = vi.fn<(r: Rules) => Promise<Rules>>();
const restore = vi.fn<() => Promise<Rules>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: { ...real.api, getRules: async () => defaults(), setRules: (r: Rules) => setRules(r), restoreDefaultRules: () => restore() },
  };
});

const { default: RulesSettings } = await import('./RulesSettings.svelte');
let component: ReturnType<typeof mount> | undefined;

async function settle() {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  }
}

function change(testid: string, value: string) {
  const input = document.querySelector<HTMLInputElement>(`[data-testid="${testid}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

beforeEach(async () => {
  i18n.lang = 'zh-Hans';
  setRules.mockReset().mockImplementation(async (r) => r);
  restore.mockReset().mockResolvedValue(defaults());
  component = mount(RulesSettings, { target: document.body });
  await settle();
});

afterEach(() => {
  if (component) unmount(component);
  document.body.innerHTML = '';
});

describe('the rules in Settings', () => {
  it('saves edited numbers, an empty one as none', async () => {
    change('rule-interval-H', '1');
    change('rule-window-H', '');
    document.querySelector<HTMLButtonElement>('[data-testid="rules-save"]')!.click();
    await settle();
    const saved = setRules.mock.calls[0]![0];
    expect(saved.levels[0]).toEqual({ level: 'H', window_days: null, interval_days: 1 });
    expect(document.querySelector('[data-testid="rules-status"]')?.textContent).toBe('已保存，提醒已重算');
  });

  it('names a refused number, and restores the defaults', async () => {
    const refusal: AppError = { code: 'invalid_number', message: '', field: 'failed_attempts', params: { value: '0' } };
    setRules.mockRejectedValueOnce(refusal);
    document.querySelector<HTMLButtonElement>('[data-testid="rules-save"]')!.click();
    await settle();
    expect(document.querySelector('[data-testid="rules-error"]')?.textContent).toBe('未接通次数“0”不是有效数字');
    document.querySelector<HTMLButtonElement>('[data-testid="rules-restore"]')!.click();
    await settle();
    expect(restore).toHaveBeenCalled();
    expect(document.querySelector('[data-testid="rules-status"]')?.textContent).toBe('已恢复默认规则');
  });

  it('adds a holiday of the consultant\'s own', async () => {
    const name = document.querySelector<HTMLInputElement>('[data-testid="holiday-name"]')!;
    name.value = '店庆';
    name.dispatchEvent(new Event('input', { bubbles: true }));
    document.querySelector<HTMLButtonElement>('[data-testid="holiday-add"]')!.click();
    flushSync();
    document.querySelector<HTMLButtonElement>('[data-testid="rules-save"]')!.click();
    await settle();
    expect(setRules.mock.calls[0]![0].holidays.at(-1)).toEqual({ code: '店庆', calendar: 'lunar', month: 1, day: 1 });
  });

  it('takes every range from Rust, as Rules::validate checks it', () => {
    const range = (testid: string) => {
      const input = document.querySelector<HTMLInputElement>(`[data-testid="${testid}"]`)!;
      return { min: Number(input.min), max: Number(input.max) };
    };
    expect(range('rule-window-H')).toEqual(RULE_RANGES.window_days);
    expect(range('rule-interval-H')).toEqual(RULE_RANGES.interval_days);
    expect(range('rule-failed')).toEqual(RULE_RANGES.failed_attempts);
    const months = document.querySelector<HTMLInputElement>(`input[aria-label="${i18n.t.settings.rules.months}"]`)!;
    expect(Number(months.max)).toBe(RULE_RANGES.after_sale_months.max);
  });
});
