import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { FinanceRow, QuoteInput, QuoteTrim, QuoteView } from '../../lib/bindings';
import { i18n } from '../../lib/i18n/index.svelte';

const row = (down_pct: number, term: number, monthly: number, extra: Partial<FinanceRow> = {}): FinanceRow => ({
  down_pct,
  term,
  apr: 3.5,
  down: 0,
  loan: 0,
  monthly,
  interest: 0,
  fee: 0,
  cost: 0,
  upfront: 0,
  ...extra,
});

/** A sheet as Rust answers it: 汉 EV, 8,000 off, a BEV in 2026 (tax halved). */
function sheetView(overrides: Partial<QuoteView> = {}): QuoteView {
  const grid = [20, 30, 50].flatMap((d) => [12, 24, 36, 60].map((t) => row(d, t, d * 100 + t)));
  const chosen = row(30, 36, 4549, { down: 66540, loan: 155260, interest: 8504, cost: 8504, upfront: 84458 });
  grid[6] = chosen;
  return {
    customer_id: 'c1',
    customer_name: '周杰',
    trim_id: 'han-605',
    trim_name: '汉 EV 605KM 尊贵型',
    terms: {
      date: '2026-11-25',
      guide_price: 229800,
      discount: 8000,
      accessories: 0,
      energy: 'bev',
      seats: 5,
      compulsory: null,
      commercial: null,
      settings: { commercial_pct: 3, plate_fee: 500, service_fee: 0, valid_days: 7, apr: 3.5, loan_fee: 0 },
      down_pct: 30,
      term: 36,
    },
    sheet: {
      date: '2026-11-25',
      valid_until: '2026-12-02',
      guide_price: 229800,
      discount: 8000,
      price: 221800,
      accessories: 0,
      purchase_tax: { base: 196283, full: 19628, relief: 9814, due: 9814 },
      compulsory_insurance: 950,
      commercial_insurance: 6654,
      plate_fee: 500,
      service_fee: 0,
      total: 239718,
      finance: chosen,
      grid,
    },
    summary: '汉 EV 605KM 尊贵型 落地 24万，首付30% 36期 月供 4,549',
    consultant: { name: '王芳', dealership: '比亚迪南山店', phone: '138 1234 5678' },
    interaction_id: null,
    ...overrides,
  };
}

const quoteTrims = vi.fn<(customerId: string) => Promise<QuoteTrim[]>>();
const quote = vi.fn<(customerId: string, input: QuoteInput) => Promise<QuoteView>>();
const saveQuote = vi.fn<(customerId: string, input: QuoteInput) => Promise<QuoteView>>();
const quoteOf = vi.fn<(interactionId: string) => Promise<QuoteView>>();
const pickSavePath = vi.fn<(kind: string, name: string) => Promise<string | null>>();
const printToPdf = vi.fn<(path: string) => Promise<null>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      ...real.api,
      quoteTrims: (id: string) => quoteTrims(id),
      quote: (id: string, input: QuoteInput) => quote(id, input),
      saveQuote: (id: string, input: QuoteInput) => saveQuote(id, input),
      quoteOf: (id: string) => quoteOf(id),
      pickSavePath: (kind: string, name: string) => pickSavePath(kind, name),
      printToPdf: (path: string) => printToPdf(path),
    },
  };
});

const { default: QuoteSheet } = await import('./QuoteSheet.svelte');
const { default: QuoteDialog } = await import('./QuoteDialog.svelte');

let component: ReturnType<typeof mount> | undefined;
const el = <T extends HTMLElement = HTMLElement>(testid: string) => document.querySelector<T>(`[data-testid="${testid}"]`);
const text = (testid: string) => el(testid)?.textContent?.replace(/\s+/g, ' ').trim();

async function settle() {
  for (let n = 0; n < 3; n++) await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

const trims: QuoteTrim[] = [
  { id: 'tang', name: '唐DM-i 112KM 尊贵型', brand: '比亚迪', year: 2026, price: 209800, energy: 'phev', seats: 7, intended: true },
  { id: 'han-605', name: '汉 EV 605KM 尊贵型', brand: '比亚迪', year: 2026, price: 229800, energy: 'bev', seats: 5, intended: false },
];

beforeEach(() => {
  i18n.lang = 'zh-Hans';
  for (const mock of [quoteTrims, quote, saveQuote, quoteOf, pickSavePath, printToPdf]) mock.mockReset();
});

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  document.body.innerHTML = '';
});

describe('the quote sheet', () => {
  it('shows every line, who quotes and how long it holds, in whole yuan', () => {
    component = mount(QuoteSheet, { target: document.body, props: { view: sheetView() } });
    expect(text('quote-customer')).toBe('周杰');
    expect(text('quote-dealership')).toBe('比亚迪南山店');
    expect(text('quote-valid-until')).toBe('有效期至 2026-12-02');
    expect(text('quote-trim')).toBe('汉 EV 605KM 尊贵型');
    expect(text('quote-discount')).toBe('−8,000');
    expect(text('quote-price')).toBe('221,800');
    expect(text('quote-tax')).toBe('9,814 （计税价 196,283 × 10% = 19,628，新能源减免 9,814）');
    expect(text('quote-total')).toBe('239,718');
    expect(text('quote-finance')).toContain('首付30% 66,540，贷款 155,260，36期，年利率 3.5%，月供 4,549');
    const cells = [...document.querySelectorAll('[data-testid="quote-grid-cell"]')];
    expect(cells).toHaveLength(12);
    expect(cells.filter((c) => c.classList.contains('chosen')).map((c) => c.textContent?.trim().split(/\s/)[0])).toEqual(['4,549']);
  });

  it('says a car paid in cash, and no relief for a petrol car', () => {
    const view = sheetView();
    view.sheet.purchase_tax = { base: 176991, full: 17699, relief: 0, due: 17699 };
    view.sheet.finance = row(100, 36, 0);
    component = mount(QuoteSheet, { target: document.body, props: { view } });
    expect(text('quote-tax')).toBe('17,699 （计税价 176,991 × 10% = 17,699）');
    expect(text('quote-finance')).toBe('全款');
  });

  it('speaks English', () => {
    i18n.lang = 'en';
    component = mount(QuoteSheet, { target: document.body, props: { view: sheetView() } });
    expect(text('quote-valid-until')).toBe('Holds until 2026-12-02');
    expect(text('quote-tax')).toContain('new-energy relief 9,814)');
  });
});

describe('the quote dialog', () => {
  it('starts on the customer’s model, asks Rust again on every change and saves', async () => {
    quoteTrims.mockResolvedValue(trims);
    quote.mockResolvedValue(sheetView());
    saveQuote.mockResolvedValue(sheetView({ interaction_id: 'i1' }));
    const onsaved = vi.fn();
    component = mount(QuoteDialog, { target: document.body, props: { customerId: 'c1', onclose: () => {}, onsaved } });
    await settle();
    expect(el<HTMLSelectElement>('quote-trim-select')?.value).toBe('tang');
    expect(el('quote-trim-select')?.textContent).toContain('★ 唐DM-i 112KM 尊贵型');
    expect(quote).toHaveBeenLastCalledWith('c1', expect.objectContaining({ trim: 'tang', discount: null, down_pct: 30, term: 36 }));

    const discount = el<HTMLInputElement>('quote-discount-input')!;
    discount.value = '8,000';
    discount.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    expect(quote).toHaveBeenLastCalledWith('c1', expect.objectContaining({ discount: 8000 }));
    const compulsory = el<HTMLInputElement>('quote-compulsory-input')!;
    compulsory.value = '1100';
    compulsory.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    expect(quote).toHaveBeenLastCalledWith('c1', expect.objectContaining({ discount: 8000, compulsory: 1100, commercial: null }));
    expect(text('quote-total')).toBe('239,718');

    el('quote-save')!.click();
    await settle();
    expect(saveQuote).toHaveBeenCalledWith('c1', expect.objectContaining({ trim: 'tang', discount: 8000 }));
    expect(onsaved).toHaveBeenCalledTimes(1);
    expect(text('quote-status')).toBe('已存入时间线');
    expect(el('quote-save')).toBeNull();
  });

  it('saves a PDF where the consultant picks, and says where', async () => {
    quoteTrims.mockResolvedValue(trims);
    quote.mockResolvedValue(sheetView());
    pickSavePath.mockResolvedValue('/tmp/报价单.pdf');
    printToPdf.mockResolvedValue(null);
    component = mount(QuoteDialog, { target: document.body, props: { customerId: 'c1', onclose: () => {} } });
    await settle();
    el('quote-pdf')!.click();
    await settle();
    expect(pickSavePath).toHaveBeenCalledWith('pdf', '报价单-周杰-2026-11-25.pdf');
    expect(printToPdf).toHaveBeenCalledWith('/tmp/报价单.pdf');
    expect(text('quote-status')).toBe('已保存：/tmp/报价单.pdf');
  });

  it('re-opens a saved quote without working it out again, and says when none was saved', async () => {
    quoteOf.mockResolvedValue(sheetView({ interaction_id: 'i1' }));
    component = mount(QuoteDialog, { target: document.body, props: { customerId: 'c1', interactionId: 'i1', onclose: () => {} } });
    await settle();
    expect(quoteOf).toHaveBeenCalledWith('i1');
    expect(quote).not.toHaveBeenCalled();
    expect(text('quote-total')).toBe('239,718');
    expect(el('quote-save')).toBeNull();
    unmount(component);
    document.body.innerHTML = '';

    quoteOf.mockRejectedValue({ code: 'not_found', message: 'no saved quote', params: { id: 'i2' } });
    component = mount(QuoteDialog, { target: document.body, props: { customerId: 'c1', interactionId: 'i2', onclose: () => {} } });
    await settle();
    expect(text('quote-error')).toBe('这条报价是手工记录的，没有保存报价单。');
  });

  it('says what to do when the catalogue is empty', async () => {
    quoteTrims.mockResolvedValue([]);
    component = mount(QuoteDialog, { target: document.body, props: { customerId: 'c1', onclose: () => {} } });
    await settle();
    expect(text('quote-no-trims')).toContain('车型库');
    expect(quote).not.toHaveBeenCalled();
  });
});
