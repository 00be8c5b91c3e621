import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { AgendaRow, Brief, CustomerValue, Occasion, PlanMember, PlanRow, QuickOutcome, RenderedMessage, TemplateList, TodayPlan, Undo } from '../../lib/bindings';
import { i18n } from '../../lib/i18n/index.svelte';
import { background } from '../../app/background.svelte';

const todayPlan = vi.fn<() => Promise<TodayPlan>>();
const planGroup = vi.fn<(o: Occasion) => Promise<PlanMember[]>>();
const listTemplates = vi.fn<() => Promise<TemplateList>>();
const renderMessage = vi.fn<() => Promise<RenderedMessage>>();
const completePrompt = vi.fn<(c: string, k: string, o: QuickOutcome) => Promise<Undo>>();
const undo = vi.fn<(u: Undo) => Promise<null>>();
const dismissPrompt = vi.fn<(c: string, k: string, r: string) => Promise<Undo>>();
const brief = vi.fn<(id: string, prompt: string | null) => Promise<Brief>>();
const customerValue = vi.fn<(id: string) => Promise<CustomerValue>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      ...real.api,
      todayPlan: () => todayPlan(),
      planGroup: (o: Occasion) => planGroup(o),
      listTemplates: () => listTemplates(),
      renderMessage: () => renderMessage(),
      brief: (id: string, prompt: string | null) => brief(id, prompt),
      customerValue: (id: string) => customerValue(id),
      completePrompt: (c: string, k: string, o: QuickOutcome) => completePrompt(c, k, o),
      undo: (u: Undo) => undo(u),
      dismissPrompt: (c: string, k: string, r: string) => dismissPrompt(c, k, r),
    },
  };
});

const { default: TodayPage } = await import('./TodayPage.svelte');

const zhang: AgendaRow = {
  customer_id: 'a',
  name: '张三',
  level: 'H',
  phone_display: '138 1234 5678',
  when: 'overdue',
  tier: 'other',
  unhappy: false,
  prompts: [{ key: 'cadence:H', kind: 'cadence', due: '2026-11-22', time: null, priority: 1, params: { kind: 'cadence', level: 'H', last: '2026-11-20', days: 5 }, when: 'overdue', in_days: -3 }],
};
const li: AgendaRow = {
  customer_id: 'b',
  name: '李四',
  level: 'B',
  phone_display: null,
  when: 'today',
  tier: 'other',
  unhappy: false,
  prompts: [{ key: 'cadence:B', kind: 'cadence', due: '2026-11-25', time: null, priority: 4, params: { kind: 'cadence', level: 'B', last: '2026-11-18', days: 7 }, when: 'today', in_days: 0 }],
};

const day: TodayPlan = {
  date: '2026-11-25',
  capacity: 3,
  due: 40,
  done: 0,
  total: 3,
  rows: [
    { why: 'hot', slips: 3, done: false, late: false, customer: zhang },
    { why: 'rest', slips: 0, done: false, late: false, customer: li },
    { why: 'rest', slips: 0, done: false, late: false, group: { occasion: 'birthday', members: 2, done: 1 } },
  ],
  later: [
    { date: '2026-11-26', rows: 3, kinds: [{ kind: 'cadence', count: 2 }, { kind: 'after_sale', count: 1 }] },
    { date: null, rows: 34, kinds: [{ kind: 'cadence', count: 34 }] },
  ],
};

const members: PlanMember[] = [
  { customer_id: 'c', name: '王五', level: 'D', phone_display: null, key: 'birthday:self:2026-11-25', prompt: null, done: true },
  { customer_id: 'd', name: '赵六', level: 'D', phone_display: null, key: 'birthday:self:2026-11-25', prompt: null, done: false },
];

const briefOf = (name: string): Brief => ({
  customer_id: 'a',
  name,
  level: 'H',
  phones_display: [],
  priorities: ['safety'],
  cares: null,
  worry: '<b>续航</b>',
  decision_maker: 'spouse',
  decision_maker_name: '李娜',
  last_contact: null,
  last_promise: '发报价',
  last_satisfaction: 4,
  family_dates: [],
  unknown: ['budget'],
  stage: 'prospect',
  prompt: null,
  trim: '汉 EV 605KM 尊贵型',
  talking_points: [
    { code: 'keep_promise', promise: '发报价' },
    { code: 'invite_decision_maker' },
    {
      code: 'fit',
      trim: '汉 EV 605KM 尊贵型',
      field: 'range_km',
      value: '605',
      unit: 'km',
      for: 'worry',
      priority: null,
    },
    { code: 'ask_key_fact', fact: 'budget' },
  ],
  fits: [
    {
      trim: {
        id: 't1', brand: '比亚迪', series: '汉', trim: 'EV 605KM 尊贵型', year: 2025, price: 229_800,
        body: 'sedan', energy: 'bev', seats: 5, power_kw: null, accel_s: null, fuel_l100: null,
        range_km: 605, battery_kwh: null, length_mm: null, wheelbase_mm: null, boot_l: null,
        drivetrain: null, adas: '', warranty: '', colours: [], aliases: [], note: '',
      },
      net_price: 218_310,
      budget: { status: 'within' },
      score: 80,
      reasons: [{ code: 'long_range', params: { range_km: 605 } }],
    },
  ],
});

let component: ReturnType<typeof mount> | undefined;
let opened: string[] = [];

async function settle() {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  }
}

const press = (key: string, ctrlKey = false) => window.dispatchEvent(new KeyboardEvent('keydown', { key, ctrlKey, bubbles: true }));
const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;

beforeEach(async () => {
  i18n.lang = 'zh-Hans';
  opened = [];
  todayPlan.mockReset().mockResolvedValue(day);
  planGroup.mockReset().mockResolvedValue(members);
  listTemplates.mockReset().mockResolvedValue({ templates: [], fields: [], offer: '' });
  renderMessage.mockReset().mockResolvedValue({
    template_id: 'default:birthday:zh-Hans',
    occasion: 'birthday',
    language: 'zh-Hans',
    text: '赵先生，生日快乐！',
    missing: [],
    prompt_key: 'birthday:self:2026-11-25',
  });
  brief.mockReset().mockImplementation(async () => briefOf('张三'));
  customerValue.mockReset().mockResolvedValue({
    value: 700000,
    expected_value: null,
    tier: 'top',
    purchases: 2,
    bought: 700000,
    service_spend: 0,
    referred_bought: 0,
    satisfaction: 2,
    previous_satisfaction: 4,
    trend: 'down',
    grid: {
      cell: { satisfaction: 'low', volume: 'high' },
      class: 'd',
      volume_strategy: 'one_to_one',
      satisfaction_strategy: 'correct',
      actions: ['call_now', 'resolve_fast'],
    },
  });
  completePrompt.mockReset().mockResolvedValue({ customer_id: 'a', key: 'cadence:H', interaction_id: 'i1' });
  undo.mockReset().mockResolvedValue(null);
  component = mount(TodayPage, { target: document.body, props: { onopen: (id: string) => opened.push(id) } });
  await settle();
});

afterEach(() => {
  if (component) unmount(component);
  document.body.innerHTML = '';
});

describe('Today', () => {
  it('says why each row is there, what slipped, the progress and what waits', () => {
    const [first, second] = [...document.querySelectorAll('[data-testid="today-row"]')];
    expect(first!.querySelector('[data-testid="today-why"]')?.textContent).toContain('热意向客户，已到跟进时间');
    expect(first!.querySelector('[data-testid="today-slipped"]')?.textContent).toBe('已推迟 3 次');
    expect(second!.querySelector('[data-testid="today-slipped"]')).toBeNull();
    expect(text('today-progress')).toBe('已完成 0/3');
    expect(text('due-count')).toBe('今早共到期 40 项，按轻重排出今天的 3 行');
    const later = [...document.querySelectorAll('[data-testid="later-day"]')].map((d) => d.textContent?.replace(/\s+/g, ' ').trim());
    expect(later[0]).toContain('3 行');
    expect(later[0]).toContain('例行跟进 2');
    expect(later[0]).toContain('售后 1');
    expect(later[1]).toContain('本周之后');
    expect(document.querySelector('[data-testid="today-finished"]')).toBeNull();
  });

  it('opens a group as a list with the first member\'s message prepared', async () => {
    expect(text('today-group')).toContain('生日 · 2 人');
    expect(text('group-progress')).toBe('已发 1/2');
    press('j');
    press('j');
    await settle();
    press('Enter');
    await settle();
    await settle();
    expect(planGroup).toHaveBeenCalledWith('birthday');
    const shown = [...document.querySelectorAll('[data-testid="group-member"]')].map((m) => m.getAttribute('data-done'));
    expect(shown).toEqual(['true', 'false']);
    expect(renderMessage).toHaveBeenCalled();
    expect(document.querySelector<HTMLTextAreaElement>('[data-testid="message-text"]')?.value).toBe('赵先生，生日快乐！');
  });

  it('shows the day finished when every row is done', async () => {
    unmount(component!);
    todayPlan.mockResolvedValue({
      ...day,
      done: 3,
      rows: day.rows.map((r) => ({ ...r, done: true })),
    });
    component = mount(TodayPage, { target: document.body, props: { onopen: (id: string) => opened.push(id) } });
    await settle();
    expect(text('today-finished')).toContain('今天的事都做完了');
    expect(text('today-progress')).toBe('已完成 3/3');
  });

  it('says every prompt due is on the list when the day has room for every row', async () => {
    // Fewer due than the day holds; or more prompts than rows, the plan not full (a customer's
    // several prompts, a group of greetings, are one row each).
    for (const [due, capacity] of [[3, 30], [40, 30]] as const) {
      unmount(component!);
      todayPlan.mockResolvedValue({ ...day, due, capacity });
      component = mount(TodayPage, { target: document.body, props: { onopen: (id: string) => opened.push(id) } });
      await settle();
      expect(text('due-count')).toBe(`今早共到期 ${due} 项，今天全部排上`);
    }
  });

  it('shows the grid cell\'s actions in the brief', () => {
    expect(customerValue).toHaveBeenCalledWith('a');
    expect(text('brief-grid')).toContain('立即电话跟进');
  });

  it('lists overdue before today, with the reasons and the brief of the selected row', () => {
    const rows = [...document.querySelectorAll('[data-testid="today-row"]')].map((r) => r.textContent?.replace(/\s+/g, ' '));
    expect(rows[0]).toContain('张三');
    expect(rows[0]).toContain('逾期 3 天');
    expect(rows[0]).toContain('H级，上次联系已 5 天');
    expect(rows[1]).toContain('李四');
    expect(brief).toHaveBeenCalledWith('a', 'cadence:H');
    expect(text('brief-stage')).toBe('潜在客户');
    const points = [...document.querySelectorAll('[data-testid="talking-point"]')].map((p) => p.textContent);
    expect(points).toEqual([
      '先兑现上次的承诺：发报价',
      '决策人不是本人：邀请决策人一起试驾',
      '汉 EV 605KM 尊贵型：续航 605km，回应他对用车成本的担心',
      '问清预算',
    ]);
    // The trims that fit a prospect, with the first reason in words.
    expect(text('brief-fit')).toBe('汉 EV 605KM 尊贵型 · 22.98万 · 续航 605 km：常跑长途');
    expect(text('brief')).toContain('<b>续航</b>');
    expect(document.querySelector('[data-testid="brief"] b')).toBeNull();
  });

  it('1 logs the call for the selected row, and Ctrl+Z undoes it', async () => {
    press('1');
    await settle();
    expect(completePrompt).toHaveBeenCalledWith('a', 'cadence:H', 'reached');
    expect(text('today-toast')).toContain('张三：联系上');
    press('z', true);
    await settle();
    expect(undo).toHaveBeenCalledWith({ customer_id: 'a', key: 'cadence:H', interaction_id: 'i1' });
    expect(text('today-toast')).toContain('已撤销');
  });

  it('J moves down, 4 marks done, Enter opens the customer', async () => {
    press('j');
    await settle();
    press('4');
    await settle();
    expect(completePrompt).toHaveBeenCalledWith('b', 'cadence:B', 'done');
    press('Enter');
    expect(opened).toEqual(['b']);
  });

  it('dismisses with the reason given', async () => {
    dismissPrompt.mockResolvedValue({ customer_id: 'a', key: 'cadence:H', interaction_id: null });
    document.querySelector<HTMLButtonElement>('[data-testid="dismiss-open"]')!.click();
    flushSync();
    const reason = document.querySelector<HTMLInputElement>('[data-testid="dismiss-reason"]')!;
    reason.value = '已到店成交';
    reason.dispatchEvent(new Event('input', { bubbles: true }));
    document.querySelector<HTMLButtonElement>('[data-testid="dismiss-save"]')!.click();
    await settle();
    expect(dismissPrompt).toHaveBeenCalledWith('a', 'cadence:H', '已到店成交');
    expect(text('today-toast')).toContain('张三：不再提醒');
  });

  it('keeps the selection on its customer when a reload moves the rows, J pressed during it included', async () => {
    const selectedName = () => document.querySelector('[data-testid="today-row"][aria-selected="true"]')?.textContent ?? '';
    const wang: AgendaRow = { ...li, customer_id: 'e', name: '王五' };
    const [zhangRow, liRow, groupRow] = day.rows as [PlanRow, PlanRow, PlanRow];
    // 4 on 张三: the reload that follows is held while J moves on to 李四.
    let release: (plan: TodayPlan) => void = () => {};
    todayPlan.mockImplementationOnce(() => new Promise((resolve) => (release = resolve)));
    press('4');
    await settle();
    press('j');
    flushSync();
    expect(selectedName()).toContain('李四');
    // The reload puts a row that came due meanwhile above them: 李四 stays selected.
    release({
      ...day,
      rows: [{ why: 'rest', slips: 0, done: false, late: false, customer: wang }, { ...zhangRow, done: true }, liRow, groupRow],
    });
    await settle();
    expect(selectedName()).toContain('李四');
    // 李四's row gone: the row that takes its place is selected.
    todayPlan.mockResolvedValueOnce({ ...day, rows: [zhangRow, groupRow] });
    press('4');
    await settle();
    expect(document.querySelector('[data-testid="today-group"][aria-selected="true"]')).not.toBeNull();
  });

  it('says the prompts are being updated, not that nobody is due, while an empty plan waits for them', async () => {
    const empty: TodayPlan = { ...day, due: 0, done: 0, total: 0, rows: [], later: [] };
    todayPlan.mockResolvedValue(empty);
    background.progress = { step: 'prompts', done: 8000, total: 100000 };
    background.version += 1;
    await settle();
    expect(text('today-updating')).toBe('正在更新跟进提示（8000/100000），完成后这里会列出今天要联系的客户。');
    expect(text('today-empty')).toBeNull();
    // The work ends: Today reloads, and now an empty plan means nobody is due.
    background.progress = null;
    background.version += 1;
    await settle();
    expect(text('today-updating')).toBeNull();
    expect(text('today-empty')).toBe('今天没有要联系的客户 — 去客户列表看看谁值得跟进。');
    // A plan with rows is shown as it is while the work runs (the status line says it runs).
    todayPlan.mockResolvedValue(day);
    background.progress = { step: 'prompts', done: 1, total: 2 };
    background.version += 1;
    await settle();
    expect(text('today-updating')).toBeNull();
    expect(document.querySelectorAll('[data-testid="today-row"]').length).toBe(2);
    background.progress = null;
  });

  it('L opens the customer to log', () => {
    press('l');
    expect(opened).toEqual(['a']);
  });
});
