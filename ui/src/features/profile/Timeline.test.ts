import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { CustomerDetail, InteractionDraft, InteractionDto, Level, LevelInput } from '../../lib/bindings';
import { customerDetail } from '../../lib/fixtures';
import { i18n } from '../../lib/i18n/index.svelte';

const setLevel = vi.fn<(id: string, level: Level, input: LevelInput) => Promise<null>>();
const logInteraction = vi.fn<(id: string, draft: InteractionDraft) => Promise<InteractionDto>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      ...real.api,
      setLevel: (id: string, level: Level, input: LevelInput) => setLevel(id, level, input),
      logInteraction: (id: string, draft: InteractionDraft) => logInteraction(id, draft),
    },
  };
});

const { default: Timeline } = await import('./Timeline.svelte');

let component: ReturnType<typeof mount> | undefined;
const el = <T extends Element = HTMLElement>(testid: string) => document.querySelector<T>(`[data-testid="${testid}"]`);

function show(detail: CustomerDetail) {
  component = mount(Timeline, { target: document.body, props: { detail, onchanged: () => {} } });
  flushSync();
}

function type(testid: string, value: string) {
  const input = el<HTMLInputElement>(testid)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

function pick(testid: string, value: string) {
  const select = el<HTMLSelectElement>(testid)!;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  flushSync();
}

async function settle() {
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
}

beforeEach(() => {
  i18n.lang = 'zh-Hans';
  setLevel.mockReset();
  logInteraction.mockReset();
});

afterEach(() => {
  if (component) unmount(component);
  document.body.innerHTML = '';
});

describe('the level form', () => {
  it('asks why a sale was lost only for F, and the competitor only for a competitor', async () => {
    show(customerDetail('张三'));
    el<HTMLButtonElement>('open-level')!.click();
    flushSync();
    expect(el('level-lost-reason')).toBeNull();
    expect(el('level-revisit')).toBeNull();
    pick('level-to', 'F');
    expect(el('level-lost-reason')).not.toBeNull();
    expect(el('level-competitor')).toBeNull();
    pick('level-lost-reason', 'competitor');
    type('level-competitor', '比亚迪 汉');
    type('level-reason', '试驾后觉得空间大');
    type('level-revisit', '2027-03-01');
    setLevel.mockResolvedValue(null);
    el<HTMLFormElement>('level-form')!.requestSubmit();
    await settle();
    expect(setLevel).toHaveBeenCalledWith('id-张三', 'F', {
      lost_reason: 'competitor',
      competitor: '比亚迪 汉',
      reason: '试驾后觉得空间大',
      revisit: '2027-03-01',
    });
  });

  it('drops a competitor typed before the reason changed, and sends nothing of F for another level', async () => {
    show(customerDetail('张三'));
    el<HTMLButtonElement>('open-level')!.click();
    flushSync();
    pick('level-to', 'F');
    pick('level-lost-reason', 'competitor');
    type('level-competitor', '比亚迪');
    pick('level-lost-reason', 'price');
    expect(el('level-competitor')).toBeNull();
    setLevel.mockResolvedValue(null);
    el<HTMLFormElement>('level-form')!.requestSubmit();
    await settle();
    expect(setLevel).toHaveBeenLastCalledWith('id-张三', 'F', { lost_reason: 'price', competitor: '', reason: '', revisit: '' });
    el<HTMLButtonElement>('open-level')!.click();
    flushSync();
    pick('level-to', 'C');
    type('level-reason', '下个月再看');
    el<HTMLFormElement>('level-form')!.requestSubmit();
    await settle();
    expect(setLevel).toHaveBeenLastCalledWith('id-张三', 'C', { lost_reason: '', competitor: '', reason: '下个月再看', revisit: '' });
  });

  it('shows a lost reason and competitor in the timeline, as text', () => {
    show(
      customerDetail('张三', {
        level_changes: [
          { changed_at: '2026-11-25 10:00:00', from: 'C', to: 'F', reason: '<b>空间</b>', revisit: '2027-02-23', lost_reason: 'competitor', competitor: '比亚迪 汉' },
        ],
      }),
    );
    const entry = el('timeline-entry')!;
    expect(entry.textContent).toContain('级别 C → F（买了竞品）：比亚迪 汉（<b>空间</b>）');
    expect(entry.querySelector('b')).toBeNull();
  });
});

describe('the log form', () => {
  const interaction = (extra: Partial<InteractionDto>): InteractionDto => ({
    id: 'i1',
    kind: 'call',
    at: '2026-11-25 10:00',
    outcome: null,
    satisfaction: null,
    promise: null,
    notes: null,
    next: null,
    appointment: null,
    spend: null,
    model: null,
    price: null,
    expected_delivery: null,
    vin: null,
    plate: null,
    resolved_at: null,
    resolution: null,
    ...extra,
  });

  it('books an appointment on the next step', async () => {
    show(customerDetail('张三'));
    type('log-next', '2026-12-08 14:00');
    pick('log-appointment', 'test_drive');
    logInteraction.mockResolvedValue(interaction({}));
    el<HTMLFormElement>('log-form')!.requestSubmit();
    await settle();
    expect(logInteraction).toHaveBeenCalledWith('id-张三', expect.objectContaining({ next: '2026-12-08 14:00', appointment: 'test_drive', spend: '' }));
    expect(el<HTMLSelectElement>('log-appointment')!.value).toBe('');
  });

  it('asks what a service cost only on a service, and sends it only then', async () => {
    show(customerDetail('张三'));
    expect(el('log-spend')).toBeNull();
    pick('log-kind', 'service');
    type('log-spend', '0.12万');
    pick('log-kind', 'visit');
    expect(el('log-spend')).toBeNull();
    logInteraction.mockResolvedValue(interaction({}));
    el<HTMLFormElement>('log-form')!.requestSubmit();
    await settle();
    expect(logInteraction).toHaveBeenLastCalledWith('id-张三', expect.objectContaining({ kind: 'visit', spend: '' }));
    pick('log-kind', 'service');
    type('log-spend', '1,200');
    el<HTMLFormElement>('log-form')!.requestSubmit();
    await settle();
    expect(logInteraction).toHaveBeenLastCalledWith('id-张三', expect.objectContaining({ kind: 'service', spend: '1,200' }));
  });

  it('shows a spend and an appointment in the timeline', () => {
    show(
      customerDetail('张三', {
        interactions: [
          interaction({ id: 'a', kind: 'service', spend: 1200 }),
          interaction({ id: 'b', at: '2026-11-26 10:00', next: '2026-12-08 14:00', appointment: 'test_drive' }),
        ],
      }),
    );
    const entries = [...document.querySelectorAll('[data-testid="timeline-entry"]')].map((e) => e.textContent ?? '');
    expect(entries[0]).toContain('约了 2026-12-08 14:00 试驾');
    expect(entries[1]).toContain('消费 1,200 元');
  });
});

