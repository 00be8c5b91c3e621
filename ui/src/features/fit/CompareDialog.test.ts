import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { Comparison, Trim } from '../../lib/bindings';
import { i18n } from '../../lib/i18n/index.svelte';

const compareTrims = vi.fn<(ids: string[]) => Promise<Comparison>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return { ...real, api: { ...real.api, compareTrims: (ids: string[]) => compareTrims(ids) } };
});

const { default: CompareDialog } = await import('./CompareDialog.svelte');

const trim = (id: string, series: string): Trim => ({
  id,
  brand: '比亚迪',
  series,
  trim: '',
  year: 2025,
  price: 0,
  body: null,
  energy: null,
  seats: null,
  power_kw: null,
  accel_s: null,
  fuel_l100: null,
  range_km: null,
  battery_kwh: null,
  length_mm: null,
  wheelbase_mm: null,
  boot_l: null,
  drivetrain: null,
  adas: '',
  warranty: '',
  colours: [],
  aliases: [],
  note: '',
});

const comparison: Comparison = {
  trims: [trim('han', '汉'), trim('xia', '夏')],
  rows: [
    { field: 'brand', unit: '', values: ['比亚迪', '比亚迪'], differ: false, best: [], better: null },
    { field: 'price', unit: '元', values: [209800, 219800], differ: true, best: [0], better: 'lower' },
    { field: 'energy', unit: '', values: ['bev', 'phev'], differ: true, best: [], better: null },
    { field: 'seats', unit: '座', values: [5, 7], differ: true, best: [], better: null },
    { field: 'range_km', unit: 'km', values: [605, null], differ: true, best: [0], better: 'higher' },
    { field: 'colours', unit: '', values: [['白', '黑'], null], differ: true, best: [], better: null },
  ],
};

let component: ReturnType<typeof mount> | undefined;
const onclose = vi.fn();

async function settle() {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  }
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
const row = (field: string) => document.querySelector(`[data-testid="compare-row"][data-field="${field}"]`)!;
const cells = (field: string) => [...row(field).querySelectorAll('[data-testid="compare-cell"]')];

beforeEach(() => {
  i18n.lang = 'zh-Hans';
  onclose.mockReset();
  compareTrims.mockReset().mockResolvedValue(comparison);
});

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  document.body.innerHTML = '';
});

describe('trims side by side', () => {
  it('lays each field out with the differences highlighted and the best value marked', async () => {
    component = mount(CompareDialog, { target: document.body, props: { ids: ['han', 'xia'], onclose } });
    await settle();
    expect(compareTrims).toHaveBeenCalledWith(['han', 'xia']);
    expect([...document.querySelectorAll('[data-testid="compare-trim"]')].map(text)).toEqual(['汉', '夏']);
    expect(row('brand').classList.contains('differ')).toBe(false);
    expect(row('price').classList.contains('differ')).toBe(true);
    expect(cells('price').map(text)).toEqual(['20.98万 ✓', '21.98万']);
    expect(cells('price')[0]!.classList.contains('best')).toBe(true);
    expect(cells('price')[1]!.classList.contains('best')).toBe(false);
    expect(cells('energy').map(text)).toEqual(['纯电', '插电混动']);
    expect(cells('seats').map(text)).toEqual(['5 座', '7 座']);
    expect(cells('range_km').map(text)).toEqual(['605 km ✓', '—']);
    expect(cells('colours').map(text)).toEqual(['白、黑', '—']);
    expect(text(row('range_km').querySelector('th'))).toContain('续航');
  });

  it('shows only the differences when asked', async () => {
    component = mount(CompareDialog, { target: document.body, props: { ids: ['han', 'xia'], onclose } });
    await settle();
    expect(document.querySelectorAll('[data-testid="compare-row"]')).toHaveLength(6);
    (document.querySelector('[data-testid="compare-only-differences"]') as HTMLInputElement).click();
    flushSync();
    const fields = [...document.querySelectorAll('[data-testid="compare-row"]')].map((r) => r.getAttribute('data-field'));
    expect(fields).toEqual(['price', 'energy', 'seats', 'range_km', 'colours']);
  });

  it('speaks English and closes on Escape', async () => {
    i18n.lang = 'en';
    component = mount(CompareDialog, { target: document.body, props: { ids: ['han', 'xia'], onclose } });
    await settle();
    expect(cells('price').map(text)).toEqual(['CNY 209,800 ✓', 'CNY 219,800']);
    expect(cells('seats').map(text)).toEqual(['5 seats', '7 seats']);
    expect(cells('energy').map(text)).toEqual(['battery electric', 'plug-in hybrid']);
    document.querySelector('[data-testid="compare-dialog"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onclose).toHaveBeenCalled();
  });

  it('shows a refusal in words', async () => {
    compareTrims.mockRejectedValue({ code: 'not_found', message: 'no catalogue trim has the id x', params: { id: 'x' } });
    component = mount(CompareDialog, { target: document.body, props: { ids: ['han', 'x'], onclose } });
    await settle();
    expect(document.querySelector('[role="alert"]')).not.toBeNull();
  });
});
