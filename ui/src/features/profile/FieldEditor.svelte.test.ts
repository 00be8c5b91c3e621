import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { Level, ProfileDraft, TimeframeView } from '../../lib/bindings';
import { customerDetail } from '../../lib/fixtures';
import { format, i18n } from '../../lib/i18n/index.svelte';
import FieldEditor from './FieldEditor.svelte';
import type { FieldSpec } from './sections';

let component: ReturnType<typeof mount> | undefined;
let asked: string[] = [];

/** Mounts one field's editor over a copy of a customer's draft, and returns that draft. */
function show(spec: FieldSpec, extra: { level?: Level; invalid?: boolean; fieldError?: string | null; hint?: TimeframeView | null } = {}) {
  const draft = $state(JSON.parse(JSON.stringify(customerDetail('张三').input)) as ProfileDraft);
  const texts = $state<Record<string, string>>({ phones: '', emails: '', tags: '' });
  component = mount(FieldEditor, {
    target: document.body,
    props: {
      spec,
      id: `needs-${spec.field}`,
      draft,
      texts,
      level: extra.level ?? 'H',
      invalid: extra.invalid ?? false,
      fieldError: extra.fieldError ?? null,
      timeframeHint: extra.hint ?? null,
      ontimeframe: (text: string) => asked.push(text),
    },
  });
  flushSync();
  return draft;
}

const el = <T extends Element = HTMLElement>(testid: string) => document.querySelector<T>(`[data-testid="${testid}"]`);

beforeEach(() => {
  i18n.lang = 'zh-Hans';
  asked = [];
});
afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  document.body.innerHTML = '';
});

describe("a profile field's editor", () => {
  it('offers level F only to a customer already at F', () => {
    show({ field: 'level', kind: 'select', choices: 'level' });
    const codes = () => [...el<HTMLSelectElement>('input-level')!.options].map((o) => o.value);
    expect(codes()).toEqual(['N', 'H', 'A', 'B', 'C', 'O', 'D']);
    unmount(component!);
    show({ field: 'level', kind: 'select', choices: 'level' }, { level: 'F' });
    expect(codes()).toEqual(['N', 'H', 'A', 'B', 'C', 'O', 'D', 'F']);
  });

  it('edits the model wishes in the draft: adds a row, removes one', () => {
    const draft = show({ field: 'models', kind: 'models' });
    draft.models = [{ model: '汉', trim: '', colour: '' }];
    flushSync();
    [...document.querySelectorAll<HTMLButtonElement>('button.btn-link')].find((b) => b.textContent?.includes('+'))!.click();
    flushSync();
    expect(draft.models).toHaveLength(2);
    expect(el('input-model-1')).not.toBeNull();
    document.querySelectorAll<HTMLButtonElement>(`[aria-label="${i18n.t.customer.removeModel}"]`)[0]!.click();
    flushSync();
    expect(draft.models).toEqual([{ model: '', trim: '', colour: '' }]);
  });

  it("asks for the timeframe's reading as it is typed, shows it, and shows the field's error", () => {
    const hint: TimeframeView = {
      kind: 'by',
      date: '2026-12-13',
      year: null,
      month: null,
      words: null,
      days_left: 7,
      suggested_level: 'H',
      input: '2026-12-13',
    };
    show({ field: 'timeframe', kind: 'timeframe' }, { invalid: true, fieldError: '看不懂', hint });
    const input = el<HTMLInputElement>('input-timeframe')!;
    input.value = '下周';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    expect(asked).toEqual(['下周']);
    expect(el('timeframe-hint')?.textContent).toContain(format(i18n.t.customer.timeframeSuggest, { level: 'H' }));
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(el('error-timeframe')?.textContent).toBe('看不懂');
  });
});
