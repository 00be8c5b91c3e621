import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { Comparison, SuggestionsDto, Trim } from '../../lib/bindings';
import { i18n } from '../../lib/i18n/index.svelte';

const suggest = vi.fn<(id: string) => Promise<SuggestionsDto>>();
const compareTrims = vi.fn<(ids: string[]) => Promise<Comparison>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: { ...real.api, suggest: (id: string) => suggest(id), compareTrims: (ids: string[]) => compareTrims(ids) },
  };
});

const { default: FitPanel } = await import('./FitPanel.svelte');

const trim = (id: string, series: string, price: number, extra: Partial<Trim> = {}): Trim => ({
  id,
  brand: '比亚迪',
  series,
  trim: '旗舰型',
  year: 2025,
  price,
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
  ...extra,
});

const rules = { typical_discount_pct: 5, stretch_pct: 10, long_range_km: 500, roomy_boot_l: 450 };

const found = (extra: Partial<SuggestionsDto> = {}): SuggestionsDto => ({
  customer_id: 'c1',
  name: '王强',
  budget: { min: 200000, max: 220000, about: false },
  catalogue_size: 4,
  fits: [
    {
      trim: trim('xia', '夏', 219800, { seats: 7 }),
      net_price: 208810,
      budget: { status: 'within' },
      score: 92,
      reasons: [
        { code: 'seats_for_children', params: { seats: 7, children: 2 } },
        { code: 'plug_in_range', params: { range_km: 190, energy: 'phev' } },
      ],
    },
    {
      trim: trim('han', '汉', 239800, { range_km: 605 }),
      net_price: 227810,
      budget: { status: 'stretch', over: 7810 },
      score: 70,
      reasons: [{ code: 'long_range', params: { range_km: 605 } }],
    },
    {
      trim: trim('seal', '海豹', 179800),
      net_price: 170810,
      budget: { status: 'within' },
      score: 40,
      reasons: [],
    },
  ],
  fits_total: 3,
  ruled_out: [
    {
      trim: trim('u8', '仰望U8', 1098000),
      net_price: 1043100,
      why: [{ code: 'over_budget', params: { over: 823100, net_price: 1043100, budget_max: 220000 } }],
    },
  ],
  ruled_out_total: 1,
  rules,
  ...extra,
});

let component: ReturnType<typeof mount> | undefined;
const props = $state({ customerId: 'c1', version: 1 });

async function settle() {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  }
}

const all = (testid: string) => [...document.querySelectorAll(`[data-testid="${testid}"]`)];
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
const one = (testid: string) => document.querySelector(`[data-testid="${testid}"]`);

beforeEach(() => {
  i18n.lang = 'zh-Hans';
  props.version = 1;
  suggest.mockReset().mockResolvedValue(found());
  compareTrims.mockReset();
});

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  document.body.innerHTML = '';
});

describe('the trims that fit', () => {
  it('lists the fits ranked, with prices in 万 and the reasons in words, and the ruled-out folded with why', async () => {
    component = mount(FitPanel, { target: document.body, props });
    await settle();
    expect(suggest).toHaveBeenCalledWith('c1');
    expect(all('fit-trim-name').map(text)).toEqual(['夏 旗舰型', '汉 旗舰型', '海豹 旗舰型']);
    expect(text(one('fit-summary'))).toContain('3 款适合，1 款不适合');
    expect(text(one('fit-summary'))).toContain('按指导价优惠 5% 估算');
    expect(text(all('fit-price')[0])).toBe('指导价 21.98万 约 20.88万');
    expect(all('fit-reason').map(text)).toEqual(['7 座：二胎家庭', '插电混动，纯电 190 km：长途不怕没电', '续航 605 km：常跑长途']);
    expect(text(one('fit-stretch'))).toBe('略超预算 0.78万');
    const ruledOut = one('fit-ruled-out') as HTMLDetailsElement;
    expect(ruledOut.open).toBe(false);
    expect(text(ruledOut.querySelector('summary'))).toBe('不适合的车型（1）');
    expect(all('fit-why').map(text)).toEqual(['超出预算上限 22万 约 82.31万']);
  });

  it('speaks English, money in CNY', async () => {
    i18n.lang = 'en';
    component = mount(FitPanel, { target: document.body, props });
    await settle();
    expect(all('fit-reason').map(text)[0]).toBe('7 seats: two children');
    expect(text(all('fit-price')[0])).toBe('Guide price CNY 219,800 about CNY 208,810');
    expect(all('fit-why').map(text)).toEqual(["CNY 823,100 over the budget's top of CNY 220,000"]);
  });

  it('says when the catalogue is empty and where to fill it', async () => {
    suggest.mockResolvedValue(found({ catalogue_size: 0, fits: [], fits_total: 0, ruled_out: [], ruled_out_total: 0 }));
    component = mount(FitPanel, { target: document.body, props });
    await settle();
    expect(text(one('fit-empty'))).toContain('设置 → 车型库');
    expect(one('fit-compare')).toBeNull();
  });

  it('compares two to four ticked trims, and no more', async () => {
    compareTrims.mockResolvedValue({ trims: [trim('xia', '夏', 219800), trim('u8', '仰望U8', 1098000)], rows: [] });
    component = mount(FitPanel, { target: document.body, props });
    await settle();
    const compare = one('fit-compare') as HTMLButtonElement;
    const picks = all('fit-pick') as HTMLInputElement[];
    expect(picks).toHaveLength(4);
    expect(compare.disabled).toBe(true);
    picks[0]!.click();
    flushSync();
    expect(compare.disabled).toBe(true);
    picks[3]!.click();
    flushSync();
    expect(compare.disabled).toBe(false);
    expect(text(compare)).toBe('比较所选（2）');
    picks[1]!.click();
    picks[2]!.click();
    flushSync();
    expect(text(compare)).toBe('比较所选（4）');
    expect(picks.every((p) => p.checked)).toBe(true);
    picks[2]!.click();
    flushSync();
    expect(picks[2]!.checked).toBe(false);
    compare.click();
    await settle();
    expect(compareTrims).toHaveBeenCalledWith(['xia', 'u8', 'han']);
    expect(one('compare-dialog')).not.toBeNull();
    (one('compare-close') as HTMLButtonElement).click();
    flushSync();
    expect(one('compare-dialog')).toBeNull();
  });

  it('disables a fifth pick', async () => {
    suggest.mockResolvedValue(
      found({
        fits: ['a', 'b', 'c', 'd', 'e'].map((id, n) => ({
          trim: trim(id, id, 100000 + n),
          net_price: 95000 + n,
          budget: { status: 'within' as const },
          score: null,
          reasons: [],
        })),
        fits_total: 5,
        ruled_out: [],
        ruled_out_total: 0,
      }),
    );
    component = mount(FitPanel, { target: document.body, props });
    await settle();
    const picks = all('fit-pick') as HTMLInputElement[];
    for (const p of picks.slice(0, 4)) p.click();
    flushSync();
    expect(picks[4]!.disabled).toBe(true);
    picks[0]!.click();
    flushSync();
    expect(picks[4]!.disabled).toBe(false);
  });

  it('asks again when the page reloads', async () => {
    component = mount(FitPanel, { target: document.body, props });
    await settle();
    suggest.mockResolvedValue(found({ fits: [], fits_total: 0 }));
    props.version = 2;
    await settle();
    expect(suggest).toHaveBeenCalledTimes(2);
    expect(one('fit-none')).not.toBeNull();
  });
});
