// The manager's team view: pure helpers over what the team commands answer. The team book is
// read only and its customers are not in the consultant's own book, so nothing here leads
// anywhere: sections lose their drill-down, charts their pointer.
import type { ConsultantFigures, ConsultantReport } from '../../lib/bindings';
import type { ECOption } from '../../lib/charts/echarts';
import type { Dictionary } from '../../lib/i18n/index.svelte';
import type { Section } from './table';

/** The sections as they read in team mode: the same cells, no row opens or lists customers. */
export function readOnlySections(sections: Section[]): Section[] {
  return sections.map((section) => ({
    ...section,
    rows: section.rows.map(({ cells, testid }) => (testid ? { cells, testid } : { cells })),
  }));
}

/** A chart option with no pointer over its items: nothing happens on a click. */
export function withoutPointer(option: ECOption): ECOption {
  const series = option.series;
  if (!Array.isArray(series)) return option;
  return { ...option, series: series.map((s) => ({ ...s, cursor: 'default' })) } as ECOption;
}

/** The consultants' rows, then the team total (consultant null) last. */
export function splitOverview(rows: ConsultantFigures[]): { consultants: ConsultantFigures[]; total: ConsultantFigures | null } {
  return {
    consultants: rows.filter((row) => row.consultant !== null),
    total: rows.find((row) => row.consultant === null) ?? null,
  };
}

/** Leads, shows, test drives and orders per consultant, as grouped bars. */
export function overviewChart(consultants: ConsultantFigures[], t: Dictionary): ECOption {
  const col = t.reports.columns;
  const measures = [
    [col.leads, (row: ConsultantFigures) => row.leads],
    [col.shows, (row: ConsultantFigures) => row.shows],
    [col.testDrives, (row: ConsultantFigures) => row.test_drives],
    [col.orders, (row: ConsultantFigures) => row.orders],
  ] as const;
  return {
    tooltip: { trigger: 'axis' },
    legend: {},
    grid: { left: 48, right: 24, top: 36, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: consultants.map((row) => row.consultant ?? t.reports.team.total) },
    yAxis: { type: 'value', minInterval: 1 },
    series: measures.map(([name, value]) => ({ type: 'bar', name, cursor: 'default', data: consultants.map(value) })),
  };
}

/** The select's value for a consultant's report; the team total is the empty value. */
export const consultantKey = (consultant: string | null): string => (consultant === null ? '' : `c:${consultant}`);

/** The report the select points at; the team total when that consultant is gone. */
export function reportFor(reports: ConsultantReport[], key: string): ConsultantReport | null {
  return reports.find((r) => consultantKey(r.consultant) === key) ?? reports.find((r) => r.consultant === null) ?? reports[0] ?? null;
}
