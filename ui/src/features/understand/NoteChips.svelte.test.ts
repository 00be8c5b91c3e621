import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { AppError, CustomerDetail, Suggestion } from '../../lib/bindings';
import { customerDetail } from '../../lib/fixtures';
import { i18n } from '../../lib/i18n/index.svelte';

const understand = vi.fn<(id: string | null, text: string) => Promise<Suggestion[]>>();
const acceptSuggestion = vi.fn<(id: string, s: Suggestion) => Promise<CustomerDetail>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      ...real.api,
      understand: (id: string | null, text: string) => understand(id, text),
      acceptSuggestion: (id: string, s: Suggestion) => acceptSuggestion(id, s),
    },
  };
});

const { default: NoteChips } = await import('./NoteChips.svelte');

const budget: Suggestion = { field: 'budget', value: '25万左右', old: null, said: '25万左右', start: 2, end: 7, series: null };
const spouse: Suggestion = { field: 'decision_maker', value: 'spouse', old: null, said: '妻子', start: 8, end: 10, series: null };

let component: ReturnType<typeof mount> | undefined;
let accepted: [CustomerDetail, Suggestion][] = [];
const props = $state({ text: '' });

const chips = () => [...document.querySelectorAll<HTMLButtonElement>('[data-testid="understand-chip"]')];

async function settle() {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  }
}

function show() {
  component = mount(NoteChips, {
    target: document.body,
    props: {
      customerId: 'c1',
      get text() {
        return props.text;
      },
      delay: 0,
      onaccepted: (saved: CustomerDetail, s: Suggestion) => accepted.push([saved, s]),
    },
  });
  flushSync();
}

beforeEach(() => {
  i18n.lang = 'zh-Hans';
  accepted = [];
  props.text = '';
  understand.mockReset().mockResolvedValue([budget, spouse]);
  acceptSuggestion.mockReset();
});

afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  document.body.innerHTML = '';
});

describe('chips read from a note', () => {
  it('appear as the consultant types, and nothing is written without a click', async () => {
    show();
    await settle();
    expect(understand).not.toHaveBeenCalled();
    expect(chips()).toHaveLength(0);
    props.text = '预算25万左右 妻子做主';
    flushSync();
    await settle();
    expect(understand).toHaveBeenCalledWith('c1', '预算25万左右 妻子做主');
    expect(chips().map((c) => c.textContent)).toEqual(['预算 25万左右 ✓', '决策人 配偶 ✓']);
    expect(acceptSuggestion).not.toHaveBeenCalled();
  });

  it('a click writes that one field, and the chip goes', async () => {
    show();
    props.text = '预算25万左右 妻子做主';
    flushSync();
    await settle();
    const saved = customerDetail('张三');
    acceptSuggestion.mockResolvedValue(saved);
    understand.mockResolvedValue([spouse]);
    chips()[0]!.click();
    await settle();
    expect(acceptSuggestion).toHaveBeenCalledTimes(1);
    expect(acceptSuggestion).toHaveBeenCalledWith('c1', budget);
    expect(accepted).toEqual([[saved, budget]]);
    expect(chips().map((c) => c.dataset.field)).toEqual(['decision_maker']);
  });

  it('says why a chip could not be written', async () => {
    show();
    props.text = '预算25万左右';
    flushSync();
    await settle();
    const refused: AppError = { code: 'not_found', message: '', params: { id: 'c1' } };
    acceptSuggestion.mockRejectedValue(refused);
    chips()[0]!.click();
    await settle();
    expect(document.querySelector('[data-testid="understand-chips"] [role="alert"]')?.textContent).toBe(
      '找不到这位客户，可能已被删除',
    );
    expect(accepted).toEqual([]);
  });
});
