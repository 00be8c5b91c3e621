// A report's chart: the ECharts option, and for every bar, slice, funnel step or heatmap cell
// the filter words that list its customers (`filters[seriesIndex][dataIndex]`), so a click
// drills down to the Customers screen.
import type { Language, Level, Report } from '../../lib/bindings';
import { BANDS, LEVELS, TIERS } from '../../lib/bindings';
import { levelColours, type ThemeColours } from '../../lib/charts/colours';
import type { ECOption } from '../../lib/charts/echarts';
import { formatMoney } from '../../lib/format';
import type { Dictionary } from '../../lib/i18n/index.svelte';
import { traitLabel, traitValue } from './table';

export type ReportChart = { option: ECOption; filters: (string | null)[][] };

/** The filter behind a clicked item, if it has one. */
export function filterAt(chart: ReportChart, seriesIndex: number, dataIndex: number): string | null {
  return chart.filters[seriesIndex]?.[dataIndex] ?? null;
}

/** Satisfaction 1 (very dissatisfied) … 5 (very satisfied): red to green. */
const satisfactionColours = ['#c62828', '#e8710a', '#a3acb9', '#7cb342', '#2e7d32'];

/** Text for a tooltip, which ECharts renders as HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const grid = { left: 48, right: 24, top: 36, bottom: 32, containLabel: true };

/** Bars grouped by category (a source, a model), one series per measure; every bar of a
 * category drills down to that category's customers. */
function groupedBars(names: string[], measures: [string, number[]][], filters: string[]): ReportChart {
  return {
    option: {
      tooltip: { trigger: 'axis' },
      legend: {},
      grid,
      xAxis: { type: 'category', data: names },
      yAxis: { type: 'value', minInterval: 1 },
      series: measures.map(([name, data]) => ({ type: 'bar', name, data })),
    },
    filters: measures.map(() => filters),
  };
}

export function reportChart(report: Report, t: Dictionary, lang: Language, c: ThemeColours): ReportChart {
  const r = t.reports;
  switch (report.kind) {
    case 'funnel': {
      // The appointments made and kept stay in the table (and the show rate): a walk-in comes
      // without one, and the chart draws the main path from lead to delivery.
      const steps = report.steps.filter((s) => s.step !== 'appointed' && s.step !== 'kept');
      return {
        option: {
          tooltip: { trigger: 'item' },
          series: [
            {
              type: 'funnel',
              sort: 'none',
              gap: 2,
              left: '10%',
              width: '80%',
              minSize: '8%',
              label: { show: true, position: 'inside', formatter: '{b}  {c}' },
              data: steps.map((s) => ({ name: r.funnel.steps[s.step], value: s.count })),
            },
          ],
        },
        filters: [steps.map((s) => s.filter)],
      };
    }
    case 'sources': {
      const names = report.rows.map((row) => {
        const source = row.source === null ? r.unknown : t.choices.source[row.source];
        return row.channel ? `${source} · ${row.channel}` : source;
      });
      const measures = [
        [r.columns.leads, (i: number) => report.rows[i]!.leads],
        [r.columns.shows, (i: number) => report.rows[i]!.shows],
        [r.columns.testDrives, (i: number) => report.rows[i]!.test_drives],
        [r.columns.orders, (i: number) => report.rows[i]!.orders],
      ] as const;
      return groupedBars(
        names,
        measures.map(([name, value]) => [name, names.map((_, i) => value(i))]),
        report.rows.map((row) => row.filter),
      );
    }
    case 'models': {
      return groupedBars(
        report.rows.map((row) => row.model),
        [
          [r.columns.interested, report.rows.map((row) => row.interested)],
          [r.columns.orders, report.rows.map((row) => row.orders)],
        ],
        report.rows.map((row) => row.filter),
      );
    }
    case 'compliance': {
      const p = r.compliance;
      const slices = [
        { name: p.on_time, value: report.total.on_time, itemStyle: { color: c.success } },
        { name: p.late, value: report.total.late, itemStyle: { color: '#c99700' } },
        { name: p.open, value: report.total.open, itemStyle: { color: c.danger } },
        { name: p.dismissed, value: report.total.dismissed, itemStyle: { color: c.muted } },
      ];
      return {
        option: {
          tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
          legend: { bottom: 0 },
          series: [{ type: 'pie', radius: ['40%', '68%'], data: slices, label: { formatter: '{b} {c}' } }],
        },
        filters: [slices.map(() => null)],
      };
    }
    case 'lost':
      return {
        option: {
          tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
          legend: { bottom: 0 },
          series: [
            {
              type: 'pie',
              radius: ['0%', '68%'],
              label: { formatter: '{b} {c}' },
              data: report.by_reason.map((row) => ({
                name: row.reason === null ? r.noReason : r.lost.reasons[row.reason],
                value: row.count,
              })),
            },
          ],
        },
        filters: [report.by_reason.map((row) => row.filter)],
      };
    case 'levels': {
      const shown: Level[] = LEVELS.filter((level) => report.weeks.some((w) => w.counts.some((n) => n.level === level && n.count > 0)));
      const weeks = report.weeks.map((w) => w.week.slice(5));
      return {
        option: {
          tooltip: { trigger: 'axis' },
          legend: { data: shown, right: 0 },
          grid: [
            { left: 40, right: '62%', top: 36, bottom: 32 },
            { left: '44%', right: 16, top: 36, bottom: 32 },
          ],
          xAxis: [
            { type: 'category', gridIndex: 0, data: report.current.map((n) => n.level) },
            { type: 'category', gridIndex: 1, data: weeks },
          ],
          yAxis: [
            { type: 'value', gridIndex: 0, minInterval: 1 },
            { type: 'value', gridIndex: 1, minInterval: 1 },
          ],
          series: [
            {
              type: 'bar',
              name: r.sections.current,
              xAxisIndex: 0,
              yAxisIndex: 0,
              data: report.current.map((n) => ({ value: n.count, itemStyle: { color: levelColours[n.level] } })),
            },
            ...shown.map((level) => ({
              type: 'bar' as const,
              name: level,
              stack: 'weeks',
              xAxisIndex: 1,
              yAxisIndex: 1,
              itemStyle: { color: levelColours[level] },
              data: report.weeks.map((w) => w.counts.find((n) => n.level === level)?.count ?? 0),
            })),
          ],
        },
        filters: [
          report.current.map((n) => n.filter),
          ...shown.map((level) => report.weeks.map((w) => w.counts.find((n) => n.level === level)?.filter ?? null)),
        ],
      };
    }
    case 'satisfaction': {
      const labels = t.interaction.satisfactionLevels;
      const months = report.months.map((m) => m.month);
      return {
        option: {
          tooltip: { trigger: 'axis' },
          legend: {},
          grid,
          xAxis: { type: 'category', data: months },
          yAxis: [
            { type: 'value', minInterval: 1 },
            { type: 'value', min: 0, max: 5, interval: 1, splitLine: { show: false } },
          ],
          series: [
            ...labels.map((label, n) => ({
              type: 'bar' as const,
              name: `${n + 1} ${label}`,
              stack: 'answers',
              itemStyle: { color: satisfactionColours[n] },
              data: report.months.map((m) => m.counts[n] ?? 0),
            })),
            {
              type: 'line' as const,
              name: r.columns.average,
              yAxisIndex: 1,
              itemStyle: { color: c.accent },
              data: report.months.map((m) => m.average),
            },
          ],
        },
        filters: [],
      };
    }
    case 'tiers': {
      // Top first, read downwards: the pyramid.
      const rows = TIERS.map((tier) => report.rows.find((row) => row.tier === tier)).filter((row) => row !== undefined);
      return {
        option: {
          tooltip: {
            trigger: 'item',
            formatter: (params: unknown) => {
              const index = (params as { dataIndex: number }).dataIndex;
              const row = rows[index];
              return row ? `${r.tiers[row.tier]}: ${row.customers} · ${formatMoney(row.value, t, lang)}` : '';
            },
          },
          grid: { ...grid, left: 96 },
          xAxis: { type: 'value', minInterval: 1 },
          yAxis: { type: 'category', inverse: true, data: rows.map((row) => r.tiers[row.tier]) },
          series: [{ type: 'bar', name: r.pareto.customers, data: rows.map((row) => row.customers), label: { show: true, position: 'right' } }],
        },
        filters: [rows.map((row) => row.filter)],
      };
    }
    case 'grid': {
      const cells = report.cells;
      const max = Math.max(1, ...cells.map((cell) => cell.count));
      return {
        option: {
          tooltip: {
            trigger: 'item',
            formatter: (params: unknown) => {
              const cell = cells[(params as { dataIndex: number }).dataIndex];
              if (!cell) return '';
              const v = cell.view;
              return `${r.grid.classes[v.class]} · ${cell.count}<br/>${r.grid.volumeStrategies[v.volume_strategy]} · ${r.grid.satisfactionStrategies[v.satisfaction_strategy]}`;
            },
          },
          grid: { left: 72, right: 16, top: 40, bottom: 40 },
          xAxis: {
            type: 'category',
            name: r.volumeBands.label,
            nameLocation: 'middle',
            nameGap: 26,
            data: BANDS.map((band) => r.volumeBands[band]),
          },
          yAxis: {
            type: 'category',
            name: r.satisfactionBands.label,
            inverse: true,
            data: BANDS.map((band) => r.satisfactionBands[band]),
          },
          visualMap: { min: 0, max, show: false, calculable: false },
          series: [
            {
              type: 'heatmap',
              label: {
                show: true,
                fontSize: 14,
                formatter: (params: unknown) => {
                  const cell = cells[(params as { dataIndex: number }).dataIndex];
                  return cell ? `${cell.view.class.toUpperCase()}\n${cell.count}` : '';
                },
              },
              data: cells.map((cell) => [BANDS.indexOf(cell.view.cell.volume), BANDS.indexOf(cell.view.cell.satisfaction), cell.count]),
            },
          ],
        },
        filters: [cells.map((cell) => cell.filter)],
      };
    }
    case 'pareto': {
      const line = (curve: typeof report.current.curve) => [[0, 0], ...curve.map((p) => [p.customers_percent, p.value_percent])];
      return {
        option: {
          tooltip: { trigger: 'axis' },
          // The legend above the plot: below it, it would sit on the x axis' name.
          legend: { top: 0, right: 0 },
          grid: { ...grid, top: 48, bottom: 40 },
          xAxis: { type: 'value', min: 0, max: 100, name: r.paretoAxisCustomers, nameLocation: 'middle', nameGap: 28 },
          yAxis: { type: 'value', min: 0, max: 100, name: r.paretoAxisValue },
          series: [
            { type: 'line', name: r.paretoCurrent, data: line(report.current.curve), itemStyle: { color: c.accent } },
            {
              type: 'line',
              name: r.paretoPrevious,
              data: line(report.previous.curve),
              itemStyle: { color: c.muted },
              lineStyle: { type: 'dashed' },
            },
            {
              type: 'line',
              name: r.paretoMark,
              data: [
                [20, 0],
                [20, 100],
              ],
              symbol: 'none',
              itemStyle: { color: c.danger },
              lineStyle: { type: 'dotted', width: 1 },
              tooltip: { show: false },
            },
          ],
        },
        filters: [],
      };
    }
    case 'lookalikes': {
      const typical = report.ideal.typical;
      return {
        option: {
          tooltip: {
            trigger: 'item',
            // Typical values are the consultant's own words (models, regions): text, never markup.
            formatter: (params: unknown) => {
              const ty = typical[(params as { dataIndex: number }).dataIndex];
              return ty ? escapeHtml(`${traitLabel(ty.which, t)}: ${traitValue(ty, t)} · ${ty.percent}%`) : '';
            },
          },
          grid: { ...grid, left: 140 },
          xAxis: { type: 'value', min: 0, max: 100 },
          yAxis: { type: 'category', inverse: true, data: typical.map((ty) => `${traitLabel(ty.which, t)}: ${traitValue(ty, t)}`) },
          series: [{ type: 'bar', name: r.lookalikes.ideal, data: typical.map((ty) => ty.percent), label: { show: true, position: 'right', formatter: '{c}%' } }],
        },
        filters: [typical.map(() => null)],
      };
    }
  }
}
