import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { i18n } from '../../lib/i18n/index.svelte';
import type { PeriodChoice } from './period';
import PeriodPicker from './PeriodPicker.svelte';

let component: ReturnType<typeof mount> | undefined;
let chosen: PeriodChoice[] = [];

function show(initial?: PeriodChoice) {
  component = mount(PeriodPicker, {
    target: document.body,
    props: { today: '2026-11-25', initial, onchange: (choice: PeriodChoice) => chosen.push(choice) },
  });
  flushSync();
}

const el = <T extends HTMLElement = HTMLElement>(testid: string) => document.querySelector<T>(`[data-testid="${testid}"]`)!;
const pressed = () => [...document.querySelectorAll('[aria-pressed="true"]')].map((b) => b.getAttribute('data-testid'));

function type(testid: string, value: string) {
  const input = el<HTMLInputElement>(testid);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

beforeEach(() => {
  i18n.lang = 'zh-Hans';
  chosen = [];
});
afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  document.body.innerHTML = '';
});

describe('the period picker', () => {
  it('starts on this month and shows its dates', () => {
    show();
    expect(pressed()).toEqual(['period-this_month']);
    expect(el<HTMLInputElement>('period-from').value).toBe('2026-11-01');
    expect(el<HTMLInputElement>('period-to').value).toBe('2026-11-30');
    expect(chosen).toEqual([]);
  });

  it('offers every preset as a button, in the user language', () => {
    i18n.lang = 'zh-Hant';
    show();
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('[data-testid^="period-"]')].filter((b) => b.tagName === 'BUTTON');
    expect(buttons.map((b) => b.textContent)).toEqual(['本週', '本月', '上月', '本季度', '今年', '自訂']);
    expect(buttons.every((b) => b.type === 'button' && !b.disabled && b.tabIndex === 0)).toBe(true);
    expect(document.querySelector('[role="group"]')!.getAttribute('aria-label')).toBe('統計週期');
  });

  it('fills the dates of the preset picked and tells the report', () => {
    show();
    el('period-this_week').click();
    flushSync();
    el('period-this_quarter').click();
    flushSync();
    expect(chosen).toEqual([
      { preset: 'this_week', from: '2026-11-23', to: '2026-11-29' },
      { preset: 'this_quarter', from: '2026-10-01', to: '2026-12-31' },
    ]);
    expect(pressed()).toEqual(['period-this_quarter']);
    expect(el<HTMLInputElement>('period-from').value).toBe('2026-10-01');
  });

  it('makes the period custom when a date is typed, keeping the other date', () => {
    show();
    type('period-from', '2026-10-15');
    expect(chosen).toEqual([{ preset: 'custom', from: '2026-10-15', to: '2026-11-30' }]);
    expect(pressed()).toEqual(['period-custom']);
    el('period-custom').click();
    flushSync();
    expect(chosen.at(-1)).toEqual({ preset: 'custom', from: '2026-10-15', to: '2026-11-30' });
  });

  it('says so, and tells nothing, when the dates are backwards or incomplete', () => {
    show({ preset: 'last_month', from: '2026-10-01', to: '2026-10-31' });
    expect(pressed()).toEqual(['period-last_month']);
    type('period-to', '2026-09-30');
    expect(el('period-invalid').textContent).toBe('开始日期不能晚于结束日期');
    expect(el('period-to').getAttribute('aria-invalid')).toBe('true');
    type('period-to', '');
    expect(chosen).toEqual([]);
    type('period-to', '2026-10-20');
    expect(document.querySelector('[data-testid="period-invalid"]')).toBeNull();
    expect(chosen).toEqual([{ preset: 'custom', from: '2026-10-01', to: '2026-10-20' }]);
  });
});
