import { describe, expect, it } from 'vitest';
import type { ConsultantReport } from '../../lib/bindings';
import { reportFixture } from '../../lib/fixtures';
import { dictionaries } from '../../lib/i18n/index.svelte';
import { reportSections } from './table';
import { consultantKey, readOnlySections, reportFor, splitOverview, withoutPointer } from './team';

const t = dictionaries['zh-Hans'];

describe('the team view helpers', () => {
  it('strip every row of its drill-down and keep the cells', () => {
    const sections = reportSections(reportFixture('lost'), t, 'zh-Hans');
    const plain = readOnlySections(sections);
    expect(sections.some((s) => s.rows.some((r) => r.filter || r.open))).toBe(true);
    expect(plain.some((s) => s.rows.some((r) => r.filter || r.open))).toBe(false);
    expect(plain.map((s) => s.rows.map((r) => r.cells))).toEqual(sections.map((s) => s.rows.map((r) => r.cells)));
  });

  it('take the pointer off every series', () => {
    const option = withoutPointer({ series: [{ type: 'bar', data: [1] }, { type: 'line', data: [2] }] });
    expect((option.series as { cursor: string }[]).map((s) => s.cursor)).toEqual(['default', 'default']);
  });

  it('split the consultants from the team total', () => {
    const row = (consultant: string | null) => ({ consultant, customers: 1, leads: 1, shows: 0, test_drives: 0, orders: 0, close_rate: null, made_percent: null, satisfaction: null });
    const { consultants, total } = splitOverview([row('张三'), row(null), row('李四')]);
    expect(consultants.map((r) => r.consultant)).toEqual(['张三', '李四']);
    expect(total?.consultant).toBeNull();
  });

  it('fall back to the team total when the chosen consultant is gone', () => {
    const reports: ConsultantReport[] = [
      { consultant: '张三', report: reportFixture('models') },
      { consultant: null, report: reportFixture('models') },
    ];
    expect(reportFor(reports, consultantKey('张三'))?.consultant).toBe('张三');
    expect(reportFor(reports, consultantKey('王五'))?.consultant).toBeNull();
    expect(reportFor([], '')).toBeNull();
  });
});
