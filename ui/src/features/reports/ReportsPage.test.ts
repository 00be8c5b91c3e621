import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { Report, ReportKind, ReportTable } from '../../lib/bindings';
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
const pickSavePath = vi.fn<(kind: string, name: string) => Promise<string | null>>();
const saveTable = vi.fn<(path: string, table: ReportTable) => Promise<null>>();
const saveChart = vi.fn<(path: string, png: string) => Promise<null>>();
vi.mock('../../lib/api', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api')>();
  return {
    ...real,
    api: {
      ...real.api,
      report: (kind: ReportKind, from: string, to: string) => report(kind, from, to),
      pickSavePath: (kind: string, name: string) => pickSavePath(kind, name),
      saveTable: (path: string, table: ReportTable) => saveTable(path, table),
      saveChart: (path: string, png: string) => saveChart(path, png),
    },
  };
});

const { default: ReportsPage } = await import('./ReportsPage.svelte');
let component: ReturnType<typeof mount> | undefined;
const filters: string[] = [];
const opened: string[] = [];

async function settle() {
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    flushSync();
  }
}

const $ = <T extends Element = HTMLElement>(testid: string) => document.querySelector<T>(`[data-testid="${testid}"]`);

beforeEach(async () => {
  i18n.lang = 'zh-Hans';
  filters.length = 0;
  opened.length = 0;
  fake.handlers.clear();
  fake.setOption.mockClear();
  report.mockReset().mockImplementation(async (kind) => reportFixture(kind));
  pickSavePath.mockReset().mockResolvedValue('/tmp/漏斗.xlsx');
  saveTable.mockReset().mockResolvedValue(null);
  saveChart.mockReset().mockResolvedValue(null);
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

describe('the Reports screen', () => {
  it('asks for this month\'s funnel first and shows its steps with their counts', () => {
    expect(report).toHaveBeenCalledWith('funnel', '2026-11-01', '2026-11-30');
    expect($('reports-page')).not.toBeNull();
    expect($('funnel-step-leads')?.textContent).toContain('20');
    expect($('funnel-step-kept')?.textContent).toContain('邀约到店');
    expect($('report-chart')).not.toBeNull();
  });

  it('leaves the appointments, made and kept, out of the funnel chart', () => {
    const option = fake.setOption.mock.calls.at(-1)![0] as { series: { type: string; data: { name: string }[] }[] };
    expect(option.series[0]!.type).toBe('funnel');
    const names = option.series[0]!.data.map((d) => d.name);
    expect(names).not.toContain('邀约到店');
    expect(names).not.toContain('已邀约');
    expect(names).toEqual(['新线索', '已留档', '已到店', '已试驾', '已报价', '已订车', '已交车']);
  });

  it('drills down from a funnel step row to its customers', () => {
    $('funnel-step-profiled')!.click();
    expect(filters).toEqual(['added:2026-11-01..2026-11-30 reached:profiled']);
  });

  it('drills down from a click on the chart, with that step\'s filter', () => {
    fake.handlers.get('click')!({ componentType: 'series', seriesIndex: 0, dataIndex: 1, name: '已留档', value: 16 });
    expect(filters).toEqual(['added:2026-11-01..2026-11-30 reached:profiled']);
    // After the appointments, left out of the chart, the chart's index still finds the step.
    fake.handlers.get('click')!({ componentType: 'series', seriesIndex: 0, dataIndex: 2, name: '已到店', value: 12 });
    expect(filters[1]).toBe('added:2026-11-01..2026-11-30 reached:shown');
  });

  it('switches report, and opens a customer from its list', async () => {
    $('report-tab-lost')!.click();
    await settle();
    expect(report).toHaveBeenLastCalledWith('lost', '2026-11-01', '2026-11-30');
    const name = [...document.querySelectorAll<HTMLButtonElement>('[data-testid="report-table"] button')].find((b) => b.textContent === '王五')!;
    name.click();
    expect(opened).toEqual(['c1']);
  });

  it('reloads when the period changes', async () => {
    $('period-last_month')!.click();
    await settle();
    expect(report).toHaveBeenLastCalledWith('funnel', '2026-10-01', '2026-10-31');
  });

  it('says so when the period has no data', async () => {
    report.mockResolvedValueOnce({ kind: 'models', period: { from: '2026-11-01', to: '2026-11-30' }, rows: [] });
    $('report-tab-models')!.click();
    await settle();
    expect($('report-empty')?.textContent).toBe(i18n.t.reports.empty);
    expect($('report-chart')).toBeNull();
  });

  it('shows a refusal in the user\'s language', async () => {
    report.mockRejectedValueOnce({ code: 'invalid_date', message: '', params: { value: '2026-13-01' } });
    $('report-tab-models')!.click();
    await settle();
    expect($('report-error')?.textContent).toContain('“2026-13-01”不是有效日期');
  });

  it('exports the table and the chart where the consultant chooses', async () => {
    $('report-export-table')!.click();
    await settle();
    expect(pickSavePath).toHaveBeenCalledWith('report', '销售漏斗-2026-11-01-2026-11-30.xlsx');
    expect(saveTable.mock.calls[0]![0]).toBe('/tmp/漏斗.xlsx');
    expect(saveTable.mock.calls[0]![1].rows[0]).toEqual(['新线索', 20, 18, 2]);
    expect($('report-status')?.textContent).toBe('已保存到 /tmp/漏斗.xlsx');

    pickSavePath.mockResolvedValueOnce('/tmp/漏斗.png');
    $('report-export-chart')!.click();
    await settle();
    expect(pickSavePath).toHaveBeenLastCalledWith('chart', '销售漏斗-2026-11-01-2026-11-30.png');
    expect(saveChart).toHaveBeenCalledWith('/tmp/漏斗.png', 'data:image/png;base64,AAAA');
  });

  it('saves nothing when the dialog is cancelled', async () => {
    pickSavePath.mockResolvedValueOnce(null);
    $('report-export-table')!.click();
    await settle();
    expect(saveTable).not.toHaveBeenCalled();
  });

  it('draws every report without failing, with a headline where it has one', async () => {
    for (const kind of ['sources', 'models', 'compliance', 'levels', 'satisfaction', 'tiers', 'grid', 'pareto', 'lookalikes'] as const) {
      $(`report-tab-${kind}`)!.click();
      await settle();
      expect($('report-chart'), kind).not.toBeNull();
      expect($('report-table')?.querySelector('table'), kind).not.toBeNull();
    }
    expect($('report-headline')?.textContent).toContain('取自 5 位最佳客户');
  });

  it('shows the grid\'s classes with their actions, and drills down from a cell', async () => {
    $('report-tab-grid')!.click();
    await settle();
    expect($('grid-classes')?.textContent).toContain('立即电话跟进');
    fake.handlers.get('click')!({ componentType: 'series', seriesIndex: 0, dataIndex: 1, name: '', value: [2, 2, 1] });
    expect(filters).toEqual(['grid:low-low']);
  });
});
