// Test data shaped like what the Rust side sends (for unit tests only).
import type { Band, CustomerDetail, CustomerDto, GridAction, GridClass, GridView, Report, ReportKind } from './bindings';
import { FUNNEL_STEPS } from './bindings';
import { emptyDraft } from './draft';

export function customerRow(name: string, extra: Partial<CustomerDto> = {}): CustomerDto {
  return {
    id: `id-${name}`,
    name,
    title: null,
    phone: null,
    phone_display: null,
    level: 'N',
    budget: null,
    model: null,
    created_at: '2026-11-25T06:00:00.000Z',
    updated_at: '2026-11-25T06:00:00.000Z',
    deleted_at: null,
    last_contact: null,
    ...extra,
  };
}

export function customerDetail(name: string, extra: Partial<CustomerDetail> = {}): CustomerDetail {
  return {
    id: `id-${name}`,
    created_at: '2026-11-25T06:00:00.000Z',
    updated_at: '2026-11-25T06:00:00.000Z',
    deleted_at: null,
    name,
    title: null,
    phones: [],
    wechat: null,
    emails: [],
    region: null,
    address: null,
    occupation: null,
    company: null,
    budget: null,
    budget_words: null,
    models: [],
    reason: null,
    purposes: [],
    timeframe: null,
    level: 'N',
    decision_maker: null,
    decision_maker_name: null,
    current_car: { brand: null, model: null, year: null, mileage: null, plate: null },
    payment: null,
    source: null,
    channel: null,
    referred_by: null,
    cares: null,
    worry: null,
    personality: null,
    priorities: [],
    special_needs: null,
    hobbies: null,
    tags: [],
    notes: null,
    birthday: null,
    phones_display: [],
    phone_views: [],
    timeframe_view: null,
    input: { ...emptyDraft(), name, level: 'N' },
    completeness: 0,
    unknown: ['phones', 'models', 'budget', 'timeframe', 'purposes', 'decision_maker', 'payment', 'current_car'],
    family: [],
    changes: [],
    interactions: [],
    level_changes: [],
    model_links: [],
    ...extra,
  };
}

/** A report of each kind with a little of everything, as `report` answers. */
export function reportFixture(kind: ReportKind): Report {
  const period = { from: '2026-11-01', to: '2026-11-30' };
  const previous_period = { from: '2026-10-01', to: '2026-10-31' };
  const tally = (due: number, on_time: number, late: number, open: number, dismissed: number) => ({ due, on_time, late, open, dismissed });
  const view = (satisfaction: Band, volume: Band, cls: GridClass, actions: GridAction[]): GridView => ({
    cell: { satisfaction, volume },
    class: cls,
    volume_strategy: volume === 'high' ? 'one_to_one' : volume === 'middle' ? 'one_to_many' : 'group_channel',
    satisfaction_strategy: satisfaction === 'high' ? 'partner' : satisfaction === 'middle' ? 'improve' : 'correct',
    actions,
  });
  switch (kind) {
    case 'funnel':
      return {
        kind,
        period,
        previous_period,
        steps: FUNNEL_STEPS.map((step, n) => ({
          step,
          count: 20 - 2 * n,
          previous: 18 - 2 * n,
          filter: `added:2026-11-01..2026-11-30 reached:${step}`,
        })),
        rates: [
          { rate: 'profile_rate', value: 90, previous: 88.9 },
          { rate: 'close_rate', value: null, previous: 12.5 },
        ],
        time_to_order: [{ level: 'H', orders: 2, average_days: 6.5, median_days: 6 }],
      };
    case 'sources':
      return {
        kind,
        period,
        rows: [
          { source: 'walk_in', channel: null, leads: 10, shows: 8, test_drives: 5, orders: 2, close_rate: 20, filter: 'source:walk_in' },
          { source: null, channel: '抖音', leads: 3, shows: 0, test_drives: 0, orders: 0, close_rate: 0, filter: 'channel:抖音' },
        ],
      };
    case 'models':
      return { kind, period, rows: [{ model: '汉', interested: 6, orders: 2, filter: 'model:汉' }] };
    case 'compliance':
      return {
        kind,
        period,
        previous_period,
        total: tally(10, 6, 2, 1, 1),
        made_percent: 80,
        previous: tally(8, 4, 1, 3, 0),
        previous_made_percent: 62.5,
        by_kind: [{ key: 'cadence', tally: tally(6, 4, 1, 1, 0), made_percent: 83.3 }],
        by_level: [{ key: 'H', tally: tally(4, 3, 1, 0, 0), made_percent: 100 }],
        dismissed: [{ reason: '已买车', count: 1 }],
      };
    case 'lost':
      return {
        kind,
        period,
        by_reason: [
          { reason: 'price', count: 3, filter: 'level:F lost:price' },
          { reason: null, count: 1, filter: 'level:F lost:none' },
        ],
        competitors: [{ reason: '特斯拉', count: 2 }],
        customers: [{ id: 'c1', name: '王五', date: '2026-11-12', reason: 'price', competitor: '特斯拉', words: '太贵', revisit: '2027-02-10' }],
      };
    case 'levels':
      return {
        kind,
        period,
        current: [
          { level: 'H', count: 3, filter: 'level:H' },
          { level: 'B', count: 5, filter: 'level:B' },
        ],
        weeks: [{ week: '2026-11-02', counts: [{ level: 'H', count: 2, filter: 'level:H' }] }],
      };
    case 'satisfaction':
      return {
        kind,
        period,
        months: [{ month: '2026-11', counts: [0, 1, 0, 2, 3], average: 4.1666 }],
        current: [{ band: 'low', count: 1, filter: 'satisfaction:low' }],
        up: 2,
        down: 1,
        flat: 0,
      };
    case 'tiers':
      return {
        kind,
        date: '2026-11-30',
        rows: [
          { tier: 'top', customers: 1, value: 650000, filter: 'tier:top' },
          { tier: 'prospect', customers: 4, value: 320000, filter: 'tier:prospect' },
        ],
      };
    case 'grid':
      return {
        kind,
        date: '2026-11-30',
        cells: [
          { view: view('high', 'high', 'a', ['personal', 'every_need']), count: 2, filter: 'grid:high-high' },
          { view: view('low', 'low', 'd', ['call_now', 'resolve_fast']), count: 1, filter: 'grid:low-low' },
        ],
        unknown: 4,
      };
    case 'pareto': {
      const pareto = (customers: number, share: number) => ({
        customers,
        total: 1000000,
        top_count: Math.ceil(customers / 5),
        top_value: share * 10000,
        top_share: share,
        curve: [
          { customers_percent: 20, value_percent: share },
          { customers_percent: 100, value_percent: 100 },
        ],
      });
      return {
        kind,
        period,
        previous_period,
        current: pareto(10, 83.4),
        previous: pareto(8, 70),
        top: [{ id: 'c2', name: '赵六', level: 'D', tier: 'top', value: 400000 }],
      };
    }
    case 'lookalikes':
      return {
        kind,
        date: '2026-11-30',
        ideal: {
          drawn_from: 5,
          typical: [
            { which: 'budget_band', value: '15-20万', percent: 60 },
            { which: 'purpose', value: 'family', percent: 80 },
          ],
        },
        prospects: [{ id: 'c3', name: '孙七', level: 'A', score: 75, matching: [{ which: 'purpose', value: 'family', percent: 80 }] }],
      };
  }
}
