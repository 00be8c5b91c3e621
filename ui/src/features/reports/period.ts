// The period a report covers, as inclusive calendar dates ('YYYY-MM-DD'). Pure functions on
// year/month/day integers: no Date, so no time zone can move a day.

export const PRESETS = ['this_week', 'this_month', 'last_month', 'this_quarter', 'this_year', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

/** From and to, both inclusive. */
export type Period = { from: string; to: string };

/** A period as the consultant chose it: the preset (or custom) and its dates. */
export type PeriodChoice = Period & { preset: Preset };

type Ymd = { y: number; m: number; d: number };

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Reads 'YYYY-MM-DD'; null for anything else, including 2026-02-30. */
export function parseDate(text: string): Ymd | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

function parse(text: string): Ymd {
  const date = parseDate(text);
  if (!date) throw new RangeError(`not a date: ${text}`);
  return date;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const show = ({ y, m, d }: Ymd) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;

// Days since 1970-01-01 and back (proleptic Gregorian; H. Hinnant's civil calendar algorithms).
function toDays({ y, m, d }: Ymd): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDays(days: number): Ymd {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

/** The date `n` days after `date` (before, for negative n). */
export function addDays(date: string, n: number): string {
  return show(fromDays(toDays(parse(date)) + n));
}

/** Days from `from` to `to`, both counted: a single day is 1. */
export function lengthInDays({ from, to }: Period): number {
  return toDays(parse(to)) - toDays(parse(from)) + 1;
}

/** 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday). */
function weekday(date: Ymd): number {
  return (((toDays(date) + 3) % 7) + 7) % 7;
}

/** The first day of month `m` of year `y` moved by `months` (which may be negative). */
function monthStart(y: number, m: number, months: number): Ymd {
  const index = y * 12 + (m - 1) + months;
  return { y: Math.floor(index / 12), m: (((index % 12) + 12) % 12) + 1, d: 1 };
}

/** The whole months from the start of month (y, m): `count` of them. */
function months(start: Ymd, count: number): Period {
  const last = monthStart(start.y, start.m, count - 1);
  return { from: show(start), to: show({ ...last, d: daysInMonth(last.y, last.m) }) };
}

/**
 * The period a preset means on `today`, to its end even when that is still ahead. `custom`
 * has no range of its own: it starts as today alone, for the consultant to widen.
 */
export function periodOf(preset: Preset, today: string): Period {
  const date = parse(today);
  switch (preset) {
    case 'this_week': {
      const monday = addDays(today, -weekday(date));
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'this_month':
      return months({ ...date, d: 1 }, 1);
    case 'last_month':
      return months(monthStart(date.y, date.m, -1), 1);
    case 'this_quarter':
      return months({ y: date.y, m: date.m - ((date.m - 1) % 3), d: 1 }, 3);
    case 'this_year':
      return months({ y: date.y, m: 1, d: 1 }, 12);
    case 'custom':
      return { from: today, to: today };
  }
}

/** How many whole calendar months the period is, or null when it does not start and end on month edges. */
function wholeMonths(from: Ymd, to: Ymd): number | null {
  if (from.d !== 1 || to.d !== daysInMonth(to.y, to.m)) return null;
  return (to.y - from.y) * 12 + (to.m - from.m) + 1;
}

/**
 * The period of the same length just before: a calendar month gives the month before, a
 * quarter the quarter before, a year the year before (any run of whole months, the same
 * number of months before); anything else the same number of days before (a week: the week before).
 */
export function previousPeriod(period: Period): Period {
  const from = parse(period.from);
  const to = parse(period.to);
  if (toDays(to) < toDays(from)) throw new RangeError(`period ends before it starts: ${period.from}..${period.to}`);
  const count = wholeMonths(from, to);
  if (count !== null) return months(monthStart(from.y, from.m, -count), count);
  const length = lengthInDays(period);
  return { from: addDays(period.from, -length), to: addDays(period.from, -1) };
}
