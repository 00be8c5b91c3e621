// A report's figures as tables: what the Reports screen shows under the chart, and the one
// sheet "export table" saves (headers and rows in the UI's language, numbers as numbers).
// Pure functions of the Report Rust sent: the UI adds no figure of its own.
import type { Language, Level, Report, ReportTable, TableValue, Tally, Trait, Typical } from '../../lib/bindings';
import { LEVELS } from '../../lib/bindings';
import { formatMoney, formatPercent } from '../../lib/format';
import { format, type Dictionary } from '../../lib/i18n/index.svelte';
import { choiceLabel } from '../profile/values';

/** How a number reads on screen (the saved sheet keeps the number itself). */
export type CellKind = 'text' | 'count' | 'money' | 'percent' | 'change' | 'decimal';
export type Cell = { value: TableValue | null; kind: CellKind };

export type Row = {
  cells: Cell[];
  /** The filter words that list the row's customers (drill-down). */
  filter?: string;
  /** The customer the row is (a click opens them). */
  open?: string;
  testid?: string;
};

export type Section = { id: string; title: string | null; headers: string[]; rows: Row[] };

const text = (value: string | null): Cell => ({ value: value === null || value === '' ? null : value, kind: 'text' });
const count = (value: number): Cell => ({ value, kind: 'count' });
const money = (value: number | null): Cell => ({ value, kind: 'money' });
const percent = (value: number | null): Cell => ({ value, kind: 'percent' });
const change = (value: number): Cell => ({ value, kind: 'change' });
const decimal = (value: number | null): Cell => ({ value, kind: 'decimal' });

/** A cell as the screen shows it: money in 万 (zh) or CNY (en), percents with one decimal, `—` for none. */
export function showCell(cell: Cell, t: Dictionary, lang: Language): string {
  const { value, kind } = cell;
  if (value === null) return t.reports.none;
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'money':
      return formatMoney(value, t, lang);
    case 'percent':
      return formatPercent(value);
    case 'change':
      return value > 0 ? `+${value}` : String(value);
    case 'decimal':
      return (Math.round(value * 10) / 10).toFixed(1);
    default:
      return String(value);
  }
}

/** A trait's name (`预算`, `用途`). */
export function traitLabel(which: Trait, t: Dictionary): string {
  return t.reports.traits[which];
}

/** A typical value as the consultant reads it: codes become their labels, budget bands and names stay as sent. */
export function traitValue(typical: Pick<Typical, 'which' | 'value'>, t: Dictionary): string {
  switch (typical.which) {
    case 'purpose':
      return choiceLabel(t, 'purpose', typical.value);
    case 'source':
      return choiceLabel(t, 'source', typical.value);
    case 'decision_maker':
      return choiceLabel(t, 'decision_maker', typical.value);
    default:
      return typical.value;
  }
}

function tallyCells(tally: Tally, made: number | null): Cell[] {
  return [count(tally.due), count(tally.on_time), count(tally.late), count(tally.open), count(tally.dismissed), percent(made)];
}

function tallyHeaders(first: string, t: Dictionary): string[] {
  const c = t.reports.compliance;
  return [first, c.due, c.on_time, c.late, c.open, c.dismissed, c.made];
}

/** The report's tables, the main one first. */
export function reportSections(report: Report, t: Dictionary, lang: Language): Section[] {
  const r = t.reports;
  const col = r.columns;
  const sec = r.sections;
  const sep = lang === 'en' ? '; ' : '；';
  switch (report.kind) {
    case 'funnel':
      return [
        {
          id: 'steps',
          title: null,
          headers: [col.step, col.current, col.previous, col.change],
          rows: report.steps.map((s) => ({
            cells: [text(r.funnel.steps[s.step]), count(s.count), count(s.previous), change(s.count - s.previous)],
            filter: s.filter,
            testid: `funnel-step-${s.step}`,
          })),
        },
        {
          id: 'rates',
          title: sec.rates,
          headers: [col.rate, col.current, col.previous],
          rows: report.rates.map((rate) => ({ cells: [text(r.funnel.rates[rate.rate]), percent(rate.value), percent(rate.previous)] })),
        },
        {
          id: 'time_to_order',
          title: sec.timeToOrder,
          headers: [col.level, col.orders, col.averageDays, col.medianDays],
          rows: report.time_to_order.map((row) => ({
            cells: [text(row.level), count(row.orders), decimal(row.average_days), decimal(row.median_days)],
          })),
        },
      ];
    case 'sources':
      return [
        {
          id: 'sources',
          title: null,
          headers: [col.source, col.channel, col.leads, col.shows, col.testDrives, col.orders, col.closeRate],
          rows: report.rows.map((row) => ({
            cells: [
              text(row.source === null ? r.unknown : t.choices.source[row.source]),
              text(row.channel),
              count(row.leads),
              count(row.shows),
              count(row.test_drives),
              count(row.orders),
              percent(row.close_rate),
            ],
            filter: row.filter,
          })),
        },
      ];
    case 'models':
      return [
        {
          id: 'models',
          title: null,
          headers: [col.model, col.interested, col.orders],
          rows: report.rows.map((row) => ({ cells: [text(row.model), count(row.interested), count(row.orders)], filter: row.filter })),
        },
      ];
    case 'compliance': {
      const c = r.compliance;
      const keys = ['due', 'on_time', 'late', 'open', 'dismissed'] as const;
      return [
        {
          id: 'total',
          title: null,
          headers: [col.measure, col.current, col.previous],
          rows: [
            ...keys.map((key) => ({ cells: [text(c[key]), count(report.total[key]), count(report.previous[key])] })),
            { cells: [text(c.made), percent(report.made_percent), percent(report.previous_made_percent)] },
          ],
        },
        {
          id: 'by_kind',
          title: c.byKind,
          headers: tallyHeaders(col.kind, t),
          rows: report.by_kind.map((row) => ({ cells: [text(r.promptKinds[row.key]), ...tallyCells(row.tally, row.made_percent)] })),
        },
        {
          id: 'by_level',
          title: c.byLevel,
          headers: tallyHeaders(col.level, t),
          rows: report.by_level.map((row) => ({ cells: [text(row.key), ...tallyCells(row.tally, row.made_percent)] })),
        },
        {
          id: 'dismissed',
          title: sec.dismissed,
          headers: [col.reason, col.count],
          rows: report.dismissed.map((row) => ({ cells: [text(row.reason), count(row.count)] })),
        },
      ];
    }
    case 'lost':
      return [
        {
          id: 'reasons',
          title: null,
          headers: [col.reason, col.count],
          rows: report.by_reason.map((row) => ({
            cells: [text(row.reason === null ? r.noReason : r.lost.reasons[row.reason]), count(row.count)],
            filter: row.filter,
          })),
        },
        {
          id: 'competitors',
          title: sec.competitors,
          headers: [r.lost.competitor, col.count],
          rows: report.competitors.map((row) => ({ cells: [text(row.reason), count(row.count)] })),
        },
        {
          id: 'customers',
          title: sec.customers,
          headers: [col.name, col.date, col.reason, r.lost.competitor, col.words, r.lost.winBack],
          rows: report.customers.map((c) => ({
            cells: [
              text(c.name),
              text(c.date),
              text(c.reason === null ? r.noReason : r.lost.reasons[c.reason]),
              text(c.competitor),
              text(c.words),
              text(c.revisit),
            ],
            open: c.id,
          })),
        },
      ];
    case 'levels': {
      const shown: Level[] = LEVELS.filter((level) => report.weeks.some((w) => w.counts.some((c) => c.level === level)));
      return [
        {
          id: 'current',
          title: sec.current,
          headers: [col.level, col.count],
          rows: report.current.map((row) => ({ cells: [text(row.level), count(row.count)], filter: row.filter })),
        },
        {
          id: 'weeks',
          title: sec.weeks,
          headers: [col.week, ...shown],
          rows: report.weeks.map((week) => ({
            cells: [text(week.week), ...shown.map((level) => count(week.counts.find((c) => c.level === level)?.count ?? 0))],
          })),
        },
      ];
    }
    case 'satisfaction': {
      const levels = t.interaction.satisfactionLevels;
      return [
        {
          id: 'months',
          title: null,
          headers: [col.month, ...levels.map((label, n) => `${n + 1} ${label}`), col.answers, col.average],
          rows: report.months.map((m) => ({
            cells: [
              text(m.month),
              ...levels.map((_, n) => count(m.counts[n] ?? 0)),
              count(m.counts.reduce((a, b) => a + b, 0)),
              decimal(m.average),
            ],
          })),
        },
        {
          id: 'bands',
          title: sec.bands,
          headers: [r.satisfactionBands.label, col.count],
          rows: report.current.map((row) => ({ cells: [text(r.satisfactionBands[row.band]), count(row.count)], filter: row.filter })),
        },
        {
          id: 'trend',
          title: sec.trend,
          headers: [col.change, col.count],
          rows: [
            { cells: [text(r.trend.up), count(report.up)] },
            { cells: [text(r.trend.down), count(report.down)] },
            { cells: [text(r.trend.flat), count(report.flat)] },
          ],
        },
      ];
    }
    case 'tiers':
      return [
        {
          id: 'tiers',
          title: null,
          headers: [col.tier, r.pareto.customers, r.pareto.value],
          rows: report.rows.map((row) => ({ cells: [text(r.tiers[row.tier]), count(row.customers), money(row.value)], filter: row.filter })),
        },
      ];
    case 'grid':
      return [
        {
          id: 'cells',
          title: null,
          headers: [col.klass, col.cell, col.count, col.strategy, col.actions],
          rows: report.cells.map((c) => ({
            cells: [
              text(r.grid.classes[c.view.class]),
              text(`${r.satisfactionBands[c.view.cell.satisfaction]} / ${r.volumeBands[c.view.cell.volume]}`),
              count(c.count),
              text(`${r.grid.volumeStrategies[c.view.volume_strategy]} · ${r.grid.satisfactionStrategies[c.view.satisfaction_strategy]}`),
              text(c.view.actions.map((a) => r.grid.actions[a]).join(sep)),
            ],
            filter: c.filter,
          })),
        },
        {
          id: 'unknown',
          title: sec.headline,
          headers: [col.measure, col.count],
          rows: [{ cells: [text(format(r.gridUnknown, { count: report.unknown })), count(report.unknown)] }],
        },
      ];
    case 'pareto': {
      const now = report.current;
      const before = report.previous;
      const p = r.pareto;
      return [
        {
          id: 'headline',
          title: null,
          headers: [col.measure, col.current, col.previous],
          rows: [
            { cells: [text(p.customers), count(now.customers), count(before.customers)] },
            { cells: [text(p.value), money(now.total), money(before.total)] },
            { cells: [text(r.topCount), count(now.top_count), count(before.top_count)] },
            { cells: [text(r.topValue), money(now.top_value), money(before.top_value)] },
            { cells: [text(r.topShareRow), percent(now.top_share), percent(before.top_share)] },
          ],
        },
        {
          id: 'top',
          title: r.sections.top,
          headers: [col.name, col.level, col.tier, p.value],
          rows: report.top.map((c) => ({ cells: [text(c.name), text(c.level), text(r.tiers[c.tier]), money(c.value)], open: c.id })),
        },
      ];
    }
    case 'lookalikes': {
      const l = r.lookalikes;
      return [
        {
          id: 'ideal',
          title: `${l.ideal} · ${format(r.drawnFrom, { count: report.ideal.drawn_from })}`,
          headers: [col.trait, col.typical, r.pareto.share],
          rows: report.ideal.typical.map((ty) => ({ cells: [text(traitLabel(ty.which, t)), text(traitValue(ty, t)), percent(ty.percent)] })),
        },
        {
          id: 'prospects',
          title: r.sections.prospects,
          headers: [col.name, col.level, l.match, l.facts],
          rows: report.prospects.map((p) => ({
            cells: [
              text(p.name),
              text(p.level),
              count(p.score),
              text(p.matching.map((m) => `${traitLabel(m.which, t)}: ${traitValue(m, t)}`).join(sep)),
            ],
            open: p.id,
          })),
        },
      ];
    }
  }
}

/**
 * The sheet "export table" saves: the main table, then each further table under a blank
 * row and its title. Numbers stay numbers (money in yuan, percents as their number).
 */
export function reportTable(report: Report, t: Dictionary, lang: Language): ReportTable {
  const [main, ...rest] = reportSections(report, t, lang);
  const rows: (TableValue | null)[][] = main ? main.rows.map((row) => row.cells.map((c) => c.value)) : [];
  for (const section of rest) {
    rows.push([]);
    if (section.title) rows.push([section.title]);
    rows.push(section.headers);
    for (const row of section.rows) rows.push(row.cells.map((c) => c.value));
  }
  return { sheet: t.reports.tabs[report.kind].slice(0, 31), headers: main?.headers ?? [], rows };
}

/** Whether the period gave the report nothing to show. */
export function isEmpty(report: Report): boolean {
  switch (report.kind) {
    case 'funnel':
      return report.steps.every((s) => s.count === 0 && s.previous === 0);
    case 'sources':
    case 'models':
      return report.rows.length === 0;
    case 'compliance':
      return report.total.due === 0 && report.previous.due === 0;
    case 'lost':
      return report.by_reason.length === 0 && report.customers.length === 0;
    case 'levels':
      return report.current.every((c) => c.count === 0) && report.weeks.every((w) => w.counts.every((c) => c.count === 0));
    case 'satisfaction':
      return report.months.every((m) => m.counts.every((n) => n === 0)) && report.current.every((c) => c.count === 0);
    case 'tiers':
      return report.rows.every((row) => row.customers === 0);
    case 'grid':
      return report.cells.every((c) => c.count === 0) && report.unknown === 0;
    case 'pareto':
      return report.current.customers === 0 && report.previous.customers === 0;
    case 'lookalikes':
      return report.ideal.drawn_from === 0 && report.prospects.length === 0;
  }
}
