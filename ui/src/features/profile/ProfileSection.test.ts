import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { AppError, CustomerDetail, CustomerInput, Suggestion, TimeframeView } from '../../lib/bindings';
import { customerDetail } from '../../lib/fixtures';
import { i18n } from '../../lib/i18n/index.svelte';

const updateCustomer = vi.fn<(id: string, input: CustomerInput) => Promise<CustomerDetail>>();
const understand = vi.fn<(id: string | null, text: string) => Promise<Suggestion[]>>(async () => []);
const acceptSuggestion = vi.fn<(id: string, s: Suggestion) => Promise<CustomerDetail>>();
const readTimeframe = vi.fn(async (text: string): Promise<TimeframeView | null> =>
  text === '下周'
    ? {
        kind: 'by',
        date: '2026-12-13',
        year: null,
        month: null,
        words: null,
        days_left: 7,
        suggested_level: 'H',
        input: '2026-12-13',
      }
    : null,
);
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      ...real.api,
      updateCustomer: (id: string, input: CustomerInput) => updateCustomer(id, input),
      readTimeframe: (text: string) => readTimeframe(text),
      understand: (id: string | null, text: string) => understand(id, text),
      acceptSuggestion: (id: string, s: Suggestion) => acceptSuggestion(id, s),
    },
  };
});

const { default: ProfileSection } = await import('./ProfileSection.svelte');
const { SECTIONS } = await import('./sections');

let component: ReturnType<typeof mount> | undefined;
let saved: CustomerDetail[] = [];

const el = <T extends Element = HTMLElement>(testid: string) => document.querySelector<T>(`[data-testid="${testid}"]`);
const text = (testid: string) => el(testid)?.textContent?.trim() ?? null;

function show(sectionId: string, detail: CustomerDetail) {
  const section = SECTIONS.find((s) => s.id === sectionId)!;
  component = mount(ProfileSection, { target: document.body, props: { section, detail, onsaved: (d: CustomerDetail) => saved.push(d) } });
  flushSync();
}

function type(testid: string, value: string) {
  const input = el<HTMLInputElement>(testid)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function settle() {
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

beforeEach(() => {
  i18n.lang = 'zh-Hans';
  saved = [];
  updateCustomer.mockReset();
  understand.mockReset().mockResolvedValue([]);
  acceptSuggestion.mockReset();
});

afterEach(() => {
  if (component) unmount(component);
  document.body.innerHTML = '';
});

describe('a profile section', () => {
  it('reads at a glance, marks unknown key facts, and shows user text as text', () => {
    show('notes', customerDetail('张三', { notes: '<b>周末</b>试驾', tags: ['VIP', '二胎'] }));
    expect(text('value-tags')).toBe('VIP、二胎');
    expect(text('value-notes')).toBe('<b>周末</b>试驾');
    expect(document.querySelector('[data-testid="value-notes"] b')).toBeNull();
    unmount(component!);
    show('needs', customerDetail('张三'));
    expect(text('value-budget')).toBe('未填');
    const unknown = [...document.querySelectorAll('dt.unknown')].map((dt) => dt.textContent);
    expect(unknown).toEqual(['购车时间', '预算', '意向车型', '用途', '付款方式']);
  });

  it('edits in place and saves the whole profile with the section changed', async () => {
    const detail = customerDetail('张三', { phones: ['+8613812345678'] });
    detail.input.phones = ['138 1234 5678'];
    detail.input.notes = '已有备注';
    show('needs', detail);
    el<HTMLButtonElement>('edit-needs')!.click();
    flushSync();
    type('input-budget', '15-20万');
    type('input-model-0', '汉');
    el<HTMLInputElement>('input-purposes-family')!.click();
    updateCustomer.mockResolvedValue(customerDetail('张三'));
    el<HTMLButtonElement>('save-needs')!.click();
    await settle();
    expect(updateCustomer).toHaveBeenCalledWith(
      'id-张三',
      expect.objectContaining({
        budget: '15-20万',
        models: [{ model: '汉', trim: '', colour: '' }],
        purposes: ['family'],
        phones: ['138 1234 5678'],
        notes: '已有备注',
        allow_duplicate: false,
      }),
    );
    expect(saved).toHaveLength(1);
    expect(el('save-needs')).toBeNull();
  });

  it('shows a refusal next to its field, in the user language, and keeps editing', async () => {
    show('needs', customerDetail('张三'));
    el<HTMLButtonElement>('edit-needs')!.click();
    flushSync();
    type('input-budget', '很多');
    const refusal: AppError = { code: 'invalid_budget', message: '', field: 'budget', params: { value: '很多' } };
    updateCustomer.mockRejectedValue(refusal);
    el<HTMLButtonElement>('save-needs')!.click();
    await settle();
    expect(text('error-budget')).toContain('预算“很多”看不懂');
    expect(el('input-budget')!.getAttribute('aria-invalid')).toBe('true');
    expect(saved).toEqual([]);
    i18n.lang = 'en';
    flushSync();
    expect(text('error-budget')).toContain('Budget "很多" is not understood');
  });

  it('offers the facts typed in the notes; an accepted one stays when the notes are saved', async () => {
    show('notes', customerDetail('张三'));
    el<HTMLButtonElement>('edit-notes')!.click();
    flushSync();
    const budget: Suggestion = { field: 'budget', value: '25万左右', old: null, said: '25万左右', start: 2, end: 7, series: null };
    understand.mockResolvedValue([budget]);
    const area = el<HTMLTextAreaElement>('input-notes')!;
    area.value = '预算25万左右';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    await new Promise((resolve) => setTimeout(resolve, 350));
    await settle();
    expect(understand).toHaveBeenLastCalledWith('id-张三', '预算25万左右');
    const written = customerDetail('张三');
    written.input.budget = '25万左右';
    acceptSuggestion.mockResolvedValue(written);
    understand.mockResolvedValue([]);
    el<HTMLButtonElement>('understand-chip')!.click();
    await settle();
    expect(acceptSuggestion).toHaveBeenCalledWith('id-张三', budget);
    expect(saved).toEqual([written]);
    expect(el('understand-chip')).toBeNull();
    updateCustomer.mockResolvedValue(written);
    el<HTMLButtonElement>('save-notes')!.click();
    await settle();
    expect(updateCustomer).toHaveBeenCalledWith('id-张三', expect.objectContaining({ budget: '25万左右', notes: '预算25万左右' }));
  });

  it('orders priorities with the arrows', async () => {
    show('preferences', customerDetail('张三'));
    el<HTMLButtonElement>('edit-preferences')!.click();
    flushSync();
    el<HTMLButtonElement>('input-priorities-safety')!.click();
    flushSync();
    el<HTMLButtonElement>('input-priorities-price')!.click();
    flushSync();
    document.querySelectorAll<HTMLButtonElement>(`[aria-label="${i18n.t.customer.moveUp}"]`)[1]!.click();
    flushSync();
    updateCustomer.mockResolvedValue(customerDetail('张三'));
    el<HTMLButtonElement>('save-preferences')!.click();
    await settle();
    expect(updateCustomer).toHaveBeenCalledWith('id-张三', expect.objectContaining({ priorities: ['price', 'safety'] }));
  });

  it('a timeframe is typed as said, and shown as Carnet reads it today', async () => {
    show('needs', customerDetail('张三'));
    el<HTMLButtonElement>('edit-needs')!.click();
    flushSync();
    type('input-timeframe', '下周');
    await settle();
    expect(readTimeframe).toHaveBeenLastCalledWith('下周');
    const hint = text('timeframe-hint') ?? '';
    expect(hint).toContain('2026年12月13日前');
    expect(hint).toContain('还有 7 天 · 建议 H 级');
    updateCustomer.mockResolvedValue(customerDetail('张三'));
    el<HTMLButtonElement>('save-needs')!.click();
    await settle();
    expect(updateCustomer).toHaveBeenCalledWith('id-张三', expect.objectContaining({ timeframe: '下周' }));
  });

  it('who decides is one of the list or the consultant\'s own words', async () => {
    show('decision', customerDetail('张三'));
    el<HTMLButtonElement>('edit-decision')!.click();
    flushSync();
    const pick = el<HTMLSelectElement>('input-decision_maker')!;
    pick.value = '__words__';
    pick.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    type('input-decision_maker-words', '岳父说了算');
    flushSync();
    updateCustomer.mockResolvedValue(customerDetail('张三'));
    el<HTMLButtonElement>('save-decision')!.click();
    await settle();
    expect(updateCustomer).toHaveBeenCalledWith('id-张三', expect.objectContaining({ decision_maker: '岳父说了算' }));
    // Shown back as the words, not as a code.
    component && unmount(component);
    document.body.innerHTML = '';
    show('decision', customerDetail('张三', { decision_maker: '岳父说了算' }));
    expect(text('value-decision_maker')).toBe('岳父说了算');
  });
});
