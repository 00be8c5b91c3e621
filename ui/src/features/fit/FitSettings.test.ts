import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { FitRules } from '../../lib/bindings';
import { i18n } from '../../lib/i18n/index.svelte';
import { readFitRules } from './fitRules';

const defaults = (): FitRules => ({ typical_discount_pct: 5, stretch_pct: 10, long_range_km: 500, roomy_boot_l: 450 });

const setFitRules = vi.fn<(r: FitRules) => Promise<FitRules>>();
const restore = vi.fn<() => Promise<FitRules>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      ...real.api,
      getFitRules: async () => defaults(),
      setFitRules: (r: FitRules) => setFitRules(r),
      restoreDefaultFitRules: () => restore(),
    },
  };
});

const { default: FitSettings } = await import('./FitSettings.svelte');
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

beforeEach(async () => {
  i18n.lang = 'zh-Hans';
  setFitRules.mockReset().mockImplementation(async (r) => r);
  restore.mockReset().mockResolvedValue(defaults());
  component = mount(FitSettings, { target: document.body });
  await settle();
});

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  document.body.innerHTML = '';
});

describe('the fit rules in Settings', () => {
  it('shows the rules and saves an edited discount', async () => {
    expect(input('fit-rule-typical_discount_pct').value).toBe('5');
    type('fit-rule-typical_discount_pct', '8');
    input('fit-rules-save').click();
    await settle();
    expect(setFitRules).toHaveBeenCalledWith({ ...defaults(), typical_discount_pct: 8 });
    expect(text('fit-rules-status')).toBe('已保存');
  });

  it('refuses a number out of its range at its field, naming it, and sends nothing', async () => {
    type('fit-rule-typical_discount_pct', '90');
    input('fit-rules-save').click();
    await settle();
    expect(setFitRules).not.toHaveBeenCalled();
    const error = text('fit-rule-error-typical_discount_pct')!;
    expect(error).toContain('通常能给的优惠');
    expect(error).toContain('90');
    expect(error).toContain('0–50');
  });

  it('shows where Rust refuses', async () => {
    setFitRules.mockRejectedValue({ code: 'invalid_number', message: '', field: 'roomy_boot_l', params: { value: '99' } });
    input('fit-rules-save').click();
    await settle();
    expect(text('fit-rule-error-roomy_boot_l')).toContain('99');
  });

  it('restores the defaults', async () => {
    type('fit-rule-stretch_pct', '20');
    input('fit-rules-restore').click();
    await settle();
    expect(restore).toHaveBeenCalled();
    expect(input('fit-rule-stretch_pct').value).toBe('10');
    expect(text('fit-rules-status')).toBe('已恢复默认值');
  });
});

describe('reading the fit rules form', () => {
  it('takes whole numbers within their ranges and refuses the first that is not', () => {
    expect(readFitRules({ typical_discount_pct: '0', stretch_pct: '50', long_range_km: 100, roomy_boot_l: '2000' })).toEqual({
      rules: { typical_discount_pct: 0, stretch_pct: 50, long_range_km: 100, roomy_boot_l: 2000 },
    });
    expect(readFitRules({ typical_discount_pct: '5.5', stretch_pct: '10', long_range_km: '500', roomy_boot_l: '450' })).toEqual({
      error: { code: 'invalid_number', field: 'typical_discount_pct', params: { value: '5.5' } },
    });
    expect(readFitRules({ typical_discount_pct: '5', stretch_pct: '', long_range_km: '500', roomy_boot_l: '450' })).toEqual({
      error: { code: 'required', field: 'stretch_pct', params: {} },
    });
    expect(readFitRules({ typical_discount_pct: '5', stretch_pct: '10', long_range_km: '99', roomy_boot_l: '450' })).toEqual({
      error: { code: 'invalid_number', field: 'long_range_km', params: { value: '99' } },
    });
  });
});
