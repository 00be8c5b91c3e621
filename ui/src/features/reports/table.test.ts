import { beforeEach, describe, expect, it } from 'vitest';
import { REPORT_KINDS } from '../../lib/bindings';
import { reportFixture } from '../../lib/fixtures';
import { dictionaries, i18n } from '../../lib/i18n/index.svelte';
import { isEmpty, reportSections, reportTable, showCell } from './table';

const zh = dictionaries['zh-Hans'];
const en = dictionaries.en;

beforeEach(() => {
  i18n.lang = 'zh-Hans';
});

describe('the report table builder', () => {
  it('names the sheet after the report and keeps numbers as numbers, for every kind', () => {
    for (const kind of REPORT_KINDS) {
      const table = reportTable(reportFixture(kind), zh, 'zh-Hans');
      expect(table.sheet, kind).toBe(zh.reports.tabs[kind]);
      expect(table.headers.length, kind).toBeGreaterThan(1);
      expect(table.rows.length, kind).toBeGreaterThan(0);
      for (const row of table.rows) for (const cell of row) expect(['number', 'string', 'object'], kind).toContain(typeof cell);
    }
  });

  it('funnel: every step, kept included, with the previous period and the change', () => {
    const table = reportTable(reportFixture('funnel'), zh, 'zh-Hans');
    expect(table.headers).toEqual(['环节', '本期', '上期', '变化']);
    expect(table.rows[0]).toEqual(['新线索', 20, 18, 2]);
    expect(table.rows[3]).toEqual(['邀约到店', 14, 12, 2]);
    // The rates follow under their title, a missing rate as an empty cell.
    const rates = table.rows.findIndex((row) => row[0] === '转化率');
    expect(table.rows[rates + 1]).toEqual(['比率', '本期', '上期']);
    expect(table.rows[rates + 3]).toEqual(['成交率', null, 12.5]);
  });

  it('funnel rows carry their filter and test id', () => {
    const [steps] = reportSections(reportFixture('funnel'), zh, 'zh-Hans');
    expect(steps!.rows[1]).toMatchObject({ testid: 'funnel-step-profiled', filter: 'added:2026-11-01..2026-11-30 reached:profiled' });
  });

  it('sources: an unknown source and a missing channel', () => {
    const table = reportTable(reportFixture('sources'), en, 'en');
    expect(table.headers).toEqual(['Source', 'Channel', 'Leads', 'Shows', 'Test drives', 'Orders', 'Close rate']);
    expect(table.rows).toEqual([
      ['Walk-in', null, 10, 8, 5, 2, 20],
      ['Unknown', '抖音', 3, 0, 0, 0, 0],
    ]);
  });

  it('models, tiers: money stays in yuan in the sheet', () => {
    expect(reportTable(reportFixture('models'), zh, 'zh-Hans').rows).toEqual([['汉', 6, 2]]);
    expect(reportTable(reportFixture('tiers'), zh, 'zh-Hans').rows[0]).toEqual(['顶级客户', 1, 650000]);
  });

  it('compliance: the totals against the previous period, then by kind and by level', () => {
    const table = reportTable(reportFixture('compliance'), zh, 'zh-Hans');
    expect(table.rows[0]).toEqual(['应跟进', 10, 8]);
    expect(table.rows[5]).toEqual(['完成率', 80, 62.5]);
    expect(table.rows).toContainEqual(['定期跟进', 6, 4, 1, 1, 0, 83.3]);
    expect(table.rows).toContainEqual(['H', 4, 3, 1, 0, 0, 100]);
    expect(table.rows).toContainEqual(['已买车', 1]);
  });

  it('lost: reasons (none given named), competitors and the customers', () => {
    const table = reportTable(reportFixture('lost'), zh, 'zh-Hans');
    expect(table.rows[0]).toEqual(['价格', 3]);
    expect(table.rows[1]).toEqual(['未填原因', 1]);
    expect(table.rows).toContainEqual(['王五', '2026-11-12', '价格', '特斯拉', '太贵', '2027-02-10']);
    const customers = reportSections(reportFixture('lost'), zh, 'zh-Hans')[2]!;
    expect(customers.rows[0]!.open).toBe('c1');
  });

  it('levels: the weekly mix has a column per level seen', () => {
    const table = reportTable(reportFixture('levels'), zh, 'zh-Hans');
    expect(table.rows[0]).toEqual(['H', 3]);
    expect(table.rows).toContainEqual(['周', 'H']);
    expect(table.rows).toContainEqual(['2026-11-02', 2]);
  });

  it('satisfaction: answers 1–5 per month, their count and the average', () => {
    const table = reportTable(reportFixture('satisfaction'), zh, 'zh-Hans');
    expect(table.headers[1]).toBe('1 非常不满意');
    expect(table.rows[0]).toEqual(['2026-11', 0, 1, 0, 2, 3, 6, 4.1666]);
    expect(table.rows).toContainEqual(['上升', 2]);
  });

  it('grid: class, cell, strategy and actions in words', () => {
    const table = reportTable(reportFixture('grid'), zh, 'zh-Hans');
    expect(table.rows[0]).toEqual(['A 类', '高 / 高', 2, '一对一 · 伙伴', '由你本人直接负责；每个需求都及时处理']);
    expect(table.rows).toContainEqual(['4 位车主还没问过满意度', 4]);
  });

  it('pareto: the headline against the previous period and the top customers', () => {
    const table = reportTable(reportFixture('pareto'), zh, 'zh-Hans');
    expect(table.rows).toContainEqual(['前 20% 客户的价值占比', 83.4, 70]);
    expect(table.rows).toContainEqual(['赵六', 'D', '顶级客户', 400000]);
  });

  it('lookalikes: codes become labels, budget bands stay as text', () => {
    const table = reportTable(reportFixture('lookalikes'), zh, 'zh-Hans');
    expect(table.rows[0]).toEqual(['预算', '15-20万', 60]);
    expect(table.rows[1]).toEqual(['用途', '家用', 80]);
    expect(table.rows).toContainEqual(['孙七', 'A', 75, '用途: 家用']);
  });
});

describe('cells on screen', () => {
  it('money in 万 for Chinese and CNY for English, percents with one decimal, — for none', () => {
    expect(showCell({ value: 650000, kind: 'money' }, zh, 'zh-Hans')).toBe('65万');
    expect(showCell({ value: 650000, kind: 'money' }, en, 'en')).toBe('CNY 650,000');
    expect(showCell({ value: 83.44, kind: 'percent' }, zh, 'zh-Hans')).toBe('83.4%');
    expect(showCell({ value: 20, kind: 'percent' }, zh, 'zh-Hans')).toBe('20.0%');
    expect(showCell({ value: null, kind: 'percent' }, zh, 'zh-Hans')).toBe('—');
    expect(showCell({ value: 3, kind: 'change' }, zh, 'zh-Hans')).toBe('+3');
    expect(showCell({ value: -2, kind: 'change' }, zh, 'zh-Hans')).toBe('-2');
  });
});

describe('an empty period', () => {
  it('is told apart from one with figures', () => {
    for (const kind of REPORT_KINDS) expect(isEmpty(reportFixture(kind)), kind).toBe(false);
    expect(isEmpty({ kind: 'models', period: { from: '2026-11-01', to: '2026-11-30' }, rows: [] })).toBe(true);
    const funnel = reportFixture('funnel');
    if (funnel.kind === 'funnel') {
      expect(isEmpty({ ...funnel, steps: funnel.steps.map((s) => ({ ...s, count: 0, previous: 0 })) })).toBe(true);
    }
  });
});
