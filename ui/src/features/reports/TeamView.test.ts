import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { ConsultantFigures, ConsultantReport, Report, ReportKind, SharedCustomer, TeamBook, TeamOverview } from '../../lib/bindings';
import { reportFixture } from '../../lib/fixtures';
import { i18n } from '../../lib/i18n/index.svelte';

// happy-dom has no canvas: ECharts' init is replaced by a chart that records what it is told.
type Handler = (params: Record<string, unknown>) => void;
const fake = {
  handlers: new Map<string, Handler>(),
  setOption: vi.fn(),
  setTheme: vi.fn(),
  resize: vi.fn(),
  dispose: vi.fn(),
  getDataURL: vi.fn(() => 'data:image/png;base64,AAAA'),
  on(event: string, handler: Handler) {
    this.handlers.set(event, handler);
  },
};
vi.mock('../../lib/charts/echarts', () => ({ init: () => fake }));

const report = vi.fn<(kind: ReportKind, from: string, to: string) => Promise<Report>>();
const teamBook = vi.fn<() => Promise<TeamBook | null>>();
const pickFiles = vi.fn<(kind: string) => Promise<string[]>>();
const openTeam = vi.fn<(sources: string[]) => Promise<TeamBook>>();
const teamOverview = vi.fn<(from: string, to: string) => Promise<TeamOverview>>();
const teamReports = vi.fn<(kind: ReportKind, from: string, to: string) => Promise<ConsultantReport[]>>();
const sharedCustomers = vi.fn<() => Promise<SharedCustomer[]>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      ...real.api,
      report: (kind: ReportKind, from: string, to: string) => report(kind, from, to),
      teamBook: () => teamBook(),
      pickFiles: (kind: string) => pickFiles(kind),
      openTeam: (sources: string[]) => openTeam(sources),
      teamOverview: (from: string, to: string) => teamOverview(from, to),
      teamReports: (kind: ReportKind, from: string, to: string) => teamReports(kind, from, to),
      sharedCustomers: () => sharedCustomers(),
    },
  };
});

const { default: ReportsPage } = await import('./ReportsPage.svelte');
let component: ReturnType<typeof mount> | undefined;
const filters: string[] = [];
const opened: string[] = [];

async function settle() {
  for (let i = 0; i < 6; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  }
}

const $ = <T extends Element = HTMLElement>(testid: string) => document.querySelector<T>(`[data-testid="${testid}"]`);

const book: TeamBook = {
  parts: [
    { consultant: '张三', customers: 120 },
    { consultant: '李四', customers: 98 },
  ],
  shared: 1,
  read: [],
};

const figures = (consultant: string | null, n: number, extra: Partial<ConsultantFigures> = {}): ConsultantFigures => ({
  consultant,
  customers: n * 10,
  leads: n * 4,
  shows: n * 3,
  test_drives: n * 2,
  orders: n,
  close_rate: 25,
  made_percent: 87.5,
  satisfaction: 4.24,
  ...extra,
});

const overview: TeamOverview = {
  period: { from: '2026-11-01', to: '2026-11-30' },
  rows: [figures('张三', 3), figures('李四', 2, { satisfaction: null, close_rate: null }), figures(null, 5, { customers: 218 })],
};

/** The team's report per consultant: 张三's funnel has 7 leads, 李四's 5; the total is the fixture's 20. */
function teamAnswer(kind: ReportKind): ConsultantReport[] {
  const total = reportFixture(kind);
  const funnelWith = (leads: number): Report => {
    const base = reportFixture('funnel');
    if (base.kind !== 'funnel') throw new Error('funnel');
    return { ...base, steps: base.steps.map((s) => (s.step === 'leads' ? { ...s, count: leads } : s)) };
  };
  return [
    { consultant: '张三', report: kind === 'funnel' ? funnelWith(7) : reportFixture(kind) },
    { consultant: '李四', report: kind === 'funnel' ? funnelWith(5) : reportFixture(kind) },
    { consultant: null, report: total },
  ];
}

const shared: SharedCustomer[] = [
  {
    phone: '138 0013 8000',
    holders: [
      { consultant: '张三', customer_id: 'a1', name: '王五' },
      { consultant: '李四', customer_id: 'b7', name: '王先生' },
    ],
  },
];

async function enterTeam() {
  $('reports-scope-team')!.click();
  await settle();
}

beforeEach(async () => {
  i18n.lang = 'zh-Hans';
  filters.length = 0;
  opened.length = 0;
  fake.handlers.clear();
  fake.setOption.mockClear();
  report.mockReset().mockImplementation(async (kind) => reportFixture(kind));
  teamBook.mockReset().mockResolvedValue(book);
  pickFiles.mockReset().mockResolvedValue([]);
  openTeam.mockReset();
  teamOverview.mockReset().mockResolvedValue(overview);
  teamReports.mockReset().mockImplementation(async (kind) => teamAnswer(kind));
  sharedCustomers.mockReset().mockResolvedValue(shared);
  component = mount(ReportsPage, {
    target: document.body,
    props: { today: '2026-11-25', onfilter: (q: string) => filters.push(q), onopen: (id: string) => opened.push(id) },
  });
  await settle();
});

afterEach(() => {
  if (component) unmount(component);
  document.body.innerHTML = '';
});

describe('the Reports screen in team mode', () => {
  it('starts in the own book and asks nothing of the team until Team is chosen', async () => {
    expect($('reports-scope-own')?.getAttribute('aria-pressed')).toBe('true');
    expect($('team-view')).toBeNull();
    expect(teamBook).not.toHaveBeenCalled();
    await enterTeam();
    expect($('reports-scope-team')?.getAttribute('aria-pressed')).toBe('true');
    expect(teamBook).toHaveBeenCalledTimes(1);
    expect($('team-view')).not.toBeNull();
  });

  it('explains what to do when no team book was built', async () => {
    teamBook.mockResolvedValue(null);
    await enterTeam();
    expect($('team-empty')?.textContent).toContain(i18n.t.reports.team.emptyTitle);
    expect($('team-empty')?.textContent).toContain('打开团队…');
    expect($('team-overview')).toBeNull();
    expect(teamOverview).not.toHaveBeenCalled();
    expect(teamReports).not.toHaveBeenCalled();
    expect($('team-open')).not.toBeNull();
  });

  it('opens the team from the chosen exports and says what it read', async () => {
    teamBook.mockResolvedValue(null);
    await enterTeam();
    pickFiles.mockResolvedValue(['/d/张三.json', '/d/李四.xlsx']);
    openTeam.mockResolvedValue({
      ...book,
      read: [
        { path: '/d/张三.json', consultant: '张三', customers: 120 },
        { path: '/d/李四.xlsx', consultant: '李四', customers: 98 },
      ],
    });
    $('team-open')!.click();
    await settle();
    expect(pickFiles).toHaveBeenCalledWith('team');
    expect(openTeam).toHaveBeenCalledWith(['/d/张三.json', '/d/李四.xlsx']);
    const read = $('team-read')!.textContent!;
    expect(read).toContain('读取了 2 个文件');
    expect(read).toContain('张三 · 120 位客户');
    expect(read).toContain('李四 · 98 位客户');
    expect($('team-empty')).toBeNull();
    expect(teamOverview).toHaveBeenCalledWith('2026-11-01', '2026-11-30');
    expect($('team-row-张三')).not.toBeNull();
  });

  it('asks again for everything after re-opening with newer exports', async () => {
    await enterTeam();
    expect(teamOverview).toHaveBeenCalledTimes(1);
    pickFiles.mockResolvedValue(['/d/张三-12月.json']);
    openTeam.mockResolvedValue({ ...book, read: [{ path: '/d/张三-12月.json', consultant: '张三', customers: 131 }] });
    $('team-open')!.click();
    await settle();
    expect(teamOverview).toHaveBeenCalledTimes(2);
    expect(teamReports).toHaveBeenCalledTimes(2);
    expect(sharedCustomers).toHaveBeenCalledTimes(2);
    expect($('team-read')?.textContent).toContain('张三 · 131 位客户');
  });

  it('does nothing when the file dialog is cancelled', async () => {
    await enterTeam();
    $('team-open')!.click();
    await settle();
    expect(openTeam).not.toHaveBeenCalled();
    expect($('team-read')).toBeNull();
    expect($('team-error')).toBeNull();
  });

  it('shows a refusal to open the team in the user\'s language', async () => {
    teamBook.mockResolvedValue(null);
    await enterTeam();
    pickFiles.mockResolvedValue(['/d/mine.db']);
    openTeam.mockRejectedValue({ code: 'own_book_not_team', message: 'own book', params: { count: '35' } });
    $('team-open')!.click();
    await settle();
    expect($('team-error')?.textContent).toBe('这是顾问自己的客户本（35 位客户）；团队汇总要建在一个新文件里。');
    expect($('team-read')).toBeNull();
    expect($('team-empty')).not.toBeNull();
  });

  it('shows a failing overview where the overview goes', async () => {
    teamOverview.mockRejectedValue({ code: 'invalid_date', message: '', params: { value: '2026-13-01' } });
    await enterTeam();
    expect($('team-overview-error')?.textContent).toContain('“2026-13-01”不是有效日期');
    expect($('team-overview')).toBeNull();
    expect($('team-shared')).not.toBeNull();
  });

  it('puts the consultants side by side over the period, the total last', async () => {
    await enterTeam();
    expect(teamOverview).toHaveBeenCalledWith('2026-11-01', '2026-11-30');
    const rows = [...$('team-overview')!.querySelectorAll('tbody tr')].map((tr) => tr.getAttribute('data-testid'));
    expect(rows).toEqual(['team-row-张三', 'team-row-李四', 'team-row-total']);
    const cells = (testid: string) => [...$(testid)!.querySelectorAll('td')].map((td) => td.textContent!.trim());
    expect(cells('team-row-张三').slice(0, 8)).toEqual(['张三', '30', '12', '9', '6', '3', '25.0%', '87.5%']);
    expect(cells('team-row-张三')[8]).toContain('4.2');
    expect(cells('team-row-李四').slice(6)).toEqual(['—', '87.5%', '—']);
    expect(cells('team-row-total').slice(0, 3)).toEqual(['合计', '218', '20']);
  });

  it('draws the consultants\' leads, shows, test drives and orders as grouped bars', async () => {
    await enterTeam();
    expect($('team-overview-chart')).not.toBeNull();
    type Bars = { xAxis?: { data?: string[] }; series: { type: string; name: string; data: number[] }[] };
    const options = fake.setOption.mock.calls.map((call) => call[0] as Bars);
    const bars = options.find((o) => o.xAxis?.data?.join() === '张三,李四')!;
    expect(bars.series.map((s) => s.name)).toEqual(['线索', '到店', '试驾', '订车']);
    expect(bars.series.map((s) => s.data)).toEqual([
      [12, 8],
      [9, 6],
      [6, 4],
      [3, 2],
    ]);
  });

  it('reloads the overview and the report when the period changes', async () => {
    await enterTeam();
    $('period-last_month')!.click();
    await settle();
    expect(teamOverview).toHaveBeenLastCalledWith('2026-10-01', '2026-10-31');
    expect(teamReports).toHaveBeenLastCalledWith('funnel', '2026-10-01', '2026-10-31');
  });

  it('shows the team total first, then a chosen consultant\'s report', async () => {
    await enterTeam();
    expect(teamReports).toHaveBeenCalledWith('funnel', '2026-11-01', '2026-11-30');
    expect(report).toHaveBeenCalledTimes(1); // the own book's funnel before Team was chosen, not since
    const select = $<HTMLSelectElement>('team-consultant-select')!;
    expect([...select.options].map((o) => o.textContent)).toEqual(['合计', '张三', '李四']);
    expect($('funnel-step-leads')?.textContent).toContain('20');
    select.value = 'c:张三';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect($('team-report')?.dataset.consultant).toBe('张三');
    expect($('funnel-step-leads')?.textContent).toContain('7');
    select.value = 'c:李四';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect($('funnel-step-leads')?.textContent).toContain('5');
  });

  it('keeps the chosen consultant when the report tab changes', async () => {
    await enterTeam();
    const select = $<HTMLSelectElement>('team-consultant-select')!;
    select.value = 'c:李四';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    $('report-tab-lost')!.click();
    await settle();
    expect(teamReports).toHaveBeenLastCalledWith('lost', '2026-11-01', '2026-11-30');
    expect($('team-report')?.dataset.consultant).toBe('李四');
    expect($<HTMLSelectElement>('team-consultant-select')?.value).toBe('c:李四');
    expect($('report-section-customers')?.textContent).toContain('王五');
  });

  it('leads nowhere from a team report: no links, no chart clicks, and says so', async () => {
    fake.handlers.clear();
    await enterTeam();
    expect($('team-report-chart')).not.toBeNull();
    expect(fake.handlers.has('click')).toBe(false);
    expect($('team-no-drill')?.textContent).toBe(i18n.t.reports.team.noDrill);
    expect($('funnel-step-profiled')!.querySelector('button')).toBeNull();
    $('funnel-step-profiled')!.click();
    $('report-tab-lost')!.click();
    await settle();
    const names = [...$('report-section-customers')!.querySelectorAll('td')].find((td) => td.textContent === '王五')!;
    expect(names.querySelector('button')).toBeNull();
    names.click();
    expect(filters).toEqual([]);
    expect(opened).toEqual([]);
  });

  it('offers no edit action in team mode', async () => {
    await enterTeam();
    const buttons = [...$('team-view')!.querySelectorAll('button')].map((b) => b.dataset.testid ?? b.textContent);
    expect(buttons.every((id) => id === 'team-open' || id!.startsWith('report-tab-'))).toBe(true);
    expect($('report-export-table')).toBeNull();
  });

  it('lists the customers two consultants both hold, with each holder', async () => {
    await enterTeam();
    const item = $('team-shared-138 0013 8000')!;
    expect($('team-shared')!.contains(item)).toBe(true);
    const parts = [...item.querySelectorAll('span')].map((s) => s.textContent);
    expect(parts).toEqual(['138 0013 8000', '张三：王五', '李四：王先生']);
  });

  it('says so when no customer is shared', async () => {
    sharedCustomers.mockResolvedValue([]);
    await enterTeam();
    expect($('team-shared')).toBeNull();
    expect($('team-shared-none')?.textContent).toBe(i18n.t.reports.team.sharedNone);
  });

  it('goes back to the own book, with drill-down again', async () => {
    await enterTeam();
    $('reports-scope-own')!.click();
    await settle();
    expect($('team-view')).toBeNull();
    expect(report).toHaveBeenLastCalledWith('funnel', '2026-11-01', '2026-11-30');
    $('funnel-step-profiled')!.click();
    expect(filters).toEqual(['added:2026-11-01..2026-11-30 reached:profiled']);
  });

  it('reads in English too', async () => {
    i18n.lang = 'en';
    await enterTeam();
    expect($('reports-scope-team')?.textContent?.trim()).toBe('Team');
    expect($('team-row-total')?.textContent).toContain('Total');
    expect($('team-shared-138 0013 8000')?.textContent).toContain('张三: 王五');
  });
});
