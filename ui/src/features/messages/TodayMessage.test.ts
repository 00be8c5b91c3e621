// Today's rows offer the message their prompt calls for (a birthday); other rows do not.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { AgendaRow, Brief, CustomerValue, MessageRequest, QuickOutcome, RenderedMessage, TemplateList, TodayPlan, Undo } from '../../lib/bindings';
import { i18n } from '../../lib/i18n/index.svelte';

const todayPlan = vi.fn<() => Promise<TodayPlan>>();
const renderMessage = vi.fn<(r: MessageRequest) => Promise<RenderedMessage>>();
const completePrompt = vi.fn<(c: string, k: string, o: QuickOutcome) => Promise<Undo>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      ...real.api,
      todayPlan: () => todayPlan(),
      brief: (): Promise<Brief> => new Promise(() => {}),
      customerValue: (): Promise<CustomerValue> => new Promise(() => {}),
      listTemplates: async (): Promise<TemplateList> => ({ templates: [], fields: [], offer: '' }),
      renderMessage: (r: MessageRequest) => renderMessage(r),
      completePrompt: (c: string, k: string, o: QuickOutcome) => completePrompt(c, k, o),
    },
  };
});

const { default: TodayPage } = await import('../today/TodayPage.svelte');

const customers: AgendaRow[] = [
    {
      customer_id: 'a',
      name: '张伟',
      level: 'B',
      phone_display: null,
      when: 'today',
      tier: 'prospect',
      unhappy: false,
      prompts: [
        {
          key: 'birthday:self:2026-12-06',
          kind: 'birthday',
          due: '2026-12-06',
          time: null,
          priority: 5,
          params: { kind: 'birthday', who: 'self', name: '张伟', calendar: 'solar', month: 12, day: 6 },
          when: 'today',
          in_days: 0,
          occasion: 'birthday',
        },
      ],
    },
    {
      customer_id: 'b',
      name: '李四',
      level: 'B',
      phone_display: null,
      when: 'today',
      tier: 'prospect',
      unhappy: false,
      prompts: [{ key: 'cadence:B', kind: 'cadence', due: '2026-12-06', time: null, priority: 4, params: { kind: 'cadence', level: 'B', last: '2026-11-29', days: 7 }, when: 'today', in_days: 0 }],
    },
];

const day: TodayPlan = {
  date: '2026-12-06',
  capacity: 30,
  due: 2,
  done: 0,
  total: 2,
  rows: customers.map((customer) => ({ why: 'rest', slips: 0, done: false, late: false, customer })),
  later: [],
};

let component: ReturnType<typeof mount> | undefined;
const el = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);

async function settle() {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  }
}

beforeEach(async () => {
  i18n.lang = 'zh-Hans';
  todayPlan.mockReset().mockResolvedValue(day);
  renderMessage.mockReset().mockResolvedValue({
    template_id: 'default:birthday:zh-Hans',
    occasion: 'birthday',
    language: 'zh-Hans',
    text: '张先生，生日快乐！',
    missing: [],
    prompt_key: 'birthday:self:2026-12-06',
  });
  component = mount(TodayPage, { target: document.body, props: { onopen: () => {} } });
  await settle();
});

afterEach(() => {
  if (component) unmount(component);
  document.body.innerHTML = '';
});

describe('a message from Today', () => {
  it('is offered on a birthday row and opens its template for the customer', async () => {
    el('message-open')!.click();
    await settle();
    expect(renderMessage).toHaveBeenCalledWith(
      expect.objectContaining({ customer_id: 'a', occasion: 'birthday', prompt_key: 'birthday:self:2026-12-06' }),
    );
    expect(el('message-composer')?.textContent).toContain('给 张伟 的消息');
    expect((el('message-text') as HTMLTextAreaElement).value).toBe('张先生，生日快乐！');
  });

  it('is not offered on a row whose prompt calls for none', async () => {
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
    flushSync();
    expect(el('message-open')).toBeNull();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'm', bubbles: true }));
    await settle();
    expect(el('message-composer')).toBeNull();
    expect(renderMessage).not.toHaveBeenCalled();
  });
});
