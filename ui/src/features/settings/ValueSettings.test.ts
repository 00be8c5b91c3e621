import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { AppError, ValueRules } from '../../lib/bindings';
import { i18n } from '../../lib/i18n/index.svelte';
import { readValueRules } from './valueRules';

const defaults = (): ValueRules => ({
  top_min: 600000,
  large_min: 300000,
  medium_min: 150000,
  inactive_months: 12,
  referral_percent: 10,
  likelihoods: [
    { level: 'H', percent: 80 },
    { level: 'A', percent: 60 },
  ],
});

const setValueRules = vi.fn<(r: ValueRules) => Promise<ValueRules>>();
const restore = vi.fn<() => Promise<ValueRules>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      ...real.api,
      getValueRules: async () => defaults(),
      setValueRules: (r: ValueRules) => setValueRules(r),
      restoreDefaultValueRules: () => restore(),
    },
  };
});

const { default: ValueSettings } = await import('./ValueSettings.svelte');
let component: ReturnType<typeof mount> | undefined;

async function settle() {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  }
}

const input = (testid: string) => document.querySelector<HTMLInputElement>(`[data-testid="${testid}"]`)!;
function type(testid: string, value: string) {
  input(testid).value = value;
  input(testid).dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}
const text = (testid: string) => document.querySelector(`[data-testid="${testid}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;

async function open(lang: 'zh-Hans' | 'en' = 'zh-Hans') {
  i18n.lang = lang;
  component = mount(ValueSettings, { target: document.body });
  await settle();
}

async function save() {
  input('value-save').click();
  await settle();
}

beforeEach(() => {
  setValueRules.mockReset().mockImplementation(async (r) => r);
  restore.mockReset().mockResolvedValue(defaults());
});

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  document.body.innerHTML = '';
});

describe('Value & tiers in Settings', () => {
  it('shows the thresholds in 万 and saves them in yuan', async () => {
    await open();
    expect(input('value-top_min').value).toBe('60');
    type('value-top_min', '80');
    type('value-likelihood-A', '55');
    await save();
    expect(setValueRules).toHaveBeenCalledWith({ ...defaults(), top_min: 800000, likelihoods: [{ level: 'H', percent: 80 }, { level: 'A', percent: 55 }] });
    expect(text('value-status')).toBe('已保存，客户层级已重算');
  });

  it('in English, in yuan', async () => {
    await open('en');
    expect(input('value-medium_min').value).toBe('150000');
    type('value-medium_min', '160000');
    await save();
    expect(setValueRules.mock.calls[0]![0].medium_min).toBe(160000);
  });

  it('refuses a number out of range at its field, and sends nothing', async () => {
    await open();
    type('value-inactive_months', '121');
    await save();
    expect(setValueRules).not.toHaveBeenCalled();
    expect(text('value-error-inactive_months')).toBe('非积极月数“121”不是有效数字');
    expect(input('value-inactive_months').getAttribute('aria-invalid')).toBe('true');
    expect(text('value-error-top_min')).toBeNull();
  });

  it('refuses thresholds that do not rise', async () => {
    await open();
    type('value-large_min', '10');
    await save();
    expect(setValueRules).not.toHaveBeenCalled();
    expect(text('value-error-large_min')).toContain('大客户门槛“10”不是有效数字');
    expect(text('value-error-large_min')).toContain('门槛须逐级升高');
  });

  it('shows a refusal from Rust at the field it names, and restores the defaults', async () => {
    const refusal: AppError = { code: 'invalid_number', message: '', field: 'referral_percent', params: { value: '10' } };
    setValueRules.mockRejectedValueOnce(refusal);
    await open();
    await save();
    expect(text('value-error-referral_percent')).toBe('转介绍分成“10”不是有效数字');
    type('value-top_min', '99');
    input('value-restore').click();
    await settle();
    expect(restore).toHaveBeenCalled();
    expect(input('value-top_min').value).toBe('60');
    expect(text('value-status')).toBe('已恢复默认值');
    expect(text('value-error-referral_percent')).toBeNull();
  });
});

describe('reading the form', () => {
  const texts = { top_min: '60', large_min: '30', medium_min: '15', inactive_months: '12', referral_percent: '10', likelihoods: { H: '80' } };

  it('turns 万 into yuan, decimals included', () => {
    const read = readValueRules({ ...texts, medium_min: '12.5' }, ['H'], true);
    expect(read).toEqual({ rules: { top_min: 600000, large_min: 300000, medium_min: 125000, inactive_months: 12, referral_percent: 10, likelihoods: [{ level: 'H', percent: 80 }] } });
  });

  it('names the field at fault: empty, out of range, not whole', () => {
    expect(readValueRules({ ...texts, top_min: '' }, ['H'], true)).toEqual({ error: { code: 'required', field: 'top_min', params: {} } });
    expect(readValueRules({ ...texts, top_min: '10001' }, ['H'], true)).toMatchObject({ error: { field: 'top_min' } });
    expect(readValueRules({ ...texts, referral_percent: '101' }, ['H'], true)).toMatchObject({ error: { field: 'referral_percent' } });
    expect(readValueRules({ ...texts, inactive_months: '1.5' }, ['H'], true)).toMatchObject({ error: { field: 'inactive_months' } });
    expect(readValueRules({ ...texts, likelihoods: { H: '-1' } }, ['H'], true)).toEqual({
      error: { code: 'invalid_number', field: 'likelihood', params: { value: '-1', level: 'H' } },
    });
    expect(readValueRules({ ...texts, likelihoods: {} }, ['H'], true)).toMatchObject({ error: { code: 'required', field: 'likelihood' } });
  });
});
