import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { QuoteSettings } from '../../lib/bindings';
import { i18n } from '../../lib/i18n/index.svelte';

const defaults: QuoteSettings = { commercial_pct: 3, plate_fee: 500, service_fee: 0, valid_days: 7, apr: 3.5, loan_fee: 0 };
const getQuoteSettings = vi.fn<() => Promise<QuoteSettings>>();
const setQuoteSettings = vi.fn<(s: QuoteSettings) => Promise<QuoteSettings>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: { ...real.api, getQuoteSettings: () => getQuoteSettings(), setQuoteSettings: (s: QuoteSettings) => setQuoteSettings(s) },
  };
});

const { default: QuoteDefaults } = await import('./QuoteDefaults.svelte');

let component: ReturnType<typeof mount> | undefined;
const el = <T extends HTMLElement = HTMLElement>(testid: string) => document.querySelector<T>(`[data-testid="${testid}"]`);

async function settle() {
  for (let n = 0; n < 3; n++) await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

function typeInto(testid: string, value: string) {
  const input = el<HTMLInputElement>(testid)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

beforeEach(() => {
  i18n.lang = 'zh-Hans';
  getQuoteSettings.mockResolvedValue(defaults);
  setQuoteSettings.mockReset();
});

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  document.body.innerHTML = '';
});

describe('the quote defaults', () => {
  it('shows the saved defaults and saves the edited ones as numbers', async () => {
    const onsaved = vi.fn();
    setQuoteSettings.mockImplementation(async (s) => s);
    component = mount(QuoteDefaults, { target: document.body, props: { onsaved } });
    await settle();
    expect(el<HTMLInputElement>('quote-default-commercial_pct')?.value).toBe('3');
    expect(el<HTMLInputElement>('quote-default-valid_days')?.value).toBe('7');
    typeInto('quote-default-apr', '0');
    typeInto('quote-default-loan_fee', '3000');
    el<HTMLFormElement>('quote-defaults')!.requestSubmit();
    await settle();
    expect(setQuoteSettings).toHaveBeenCalledWith({ ...defaults, apr: 0, loan_fee: 3000 });
    expect(onsaved).toHaveBeenCalledTimes(1);
    expect(el('quote-defaults-status')?.textContent).toBe('默认值已保存');
  });

  it('names the field Rust refuses, and a box that holds no number, beside it', async () => {
    setQuoteSettings.mockRejectedValue({ code: 'invalid_number', message: 'x', field: 'valid_days', params: { value: '0' } });
    component = mount(QuoteDefaults, { target: document.body });
    await settle();
    typeInto('quote-default-valid_days', '0');
    el<HTMLFormElement>('quote-defaults')!.requestSubmit();
    await settle();
    expect(el('quote-defaults-error')?.textContent).toBe('报价有效天数“0”不是有效数字');
    expect(el('quote-default-valid_days')?.getAttribute('aria-invalid')).toBe('true');

    setQuoteSettings.mockClear();
    typeInto('quote-default-plate_fee', '五百');
    el<HTMLFormElement>('quote-defaults')!.requestSubmit();
    await settle();
    expect(setQuoteSettings).not.toHaveBeenCalled();
    expect(el('quote-defaults-error')?.textContent).toBe('上牌费“五百”不是有效数字');
  });
});
