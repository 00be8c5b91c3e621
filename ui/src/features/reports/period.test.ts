import { describe, expect, it } from 'vitest';
import { addDays, lengthInDays, parseDate, periodOf, previousPeriod, type Period, type Preset } from './period';

const p = (from: string, to: string): Period => ({ from, to });

describe('periodOf', () => {
  const cases: [Preset, string, Period][] = [
    // Weeks start on Monday; Sunday still belongs to the week before it.
    ['this_week', '2026-11-30', p('2026-11-30', '2026-12-06')], // Monday
    ['this_week', '2026-11-29', p('2026-11-23', '2026-11-29')], // Sunday
    ['this_week', '2026-12-06', p('2026-11-30', '2026-12-06')], // Sunday
    ['this_week', '2026-01-01', p('2025-12-29', '2026-01-04')], // across the new year
    ['this_week', '2024-12-31', p('2024-12-30', '2025-01-05')],
    ['this_week', '2024-02-29', p('2024-02-26', '2024-03-03')], // leap day, Thursday
    ['this_month', '2026-01-01', p('2026-01-01', '2026-01-31')],
    ['this_month', '2026-12-31', p('2026-12-01', '2026-12-31')],
    ['this_month', '2024-02-29', p('2024-02-01', '2024-02-29')],
    ['this_month', '2023-02-10', p('2023-02-01', '2023-02-28')],
    ['this_month', '2026-04-30', p('2026-04-01', '2026-04-30')],
    ['last_month', '2026-01-01', p('2025-12-01', '2025-12-31')],
    ['last_month', '2026-12-31', p('2026-11-01', '2026-11-30')],
    ['last_month', '2024-03-31', p('2024-02-01', '2024-02-29')],
    ['last_month', '2100-03-01', p('2100-02-01', '2100-02-28')], // 2100 is not a leap year
    ['this_quarter', '2026-01-01', p('2026-01-01', '2026-03-31')],
    ['this_quarter', '2026-03-31', p('2026-01-01', '2026-03-31')],
    ['this_quarter', '2026-04-01', p('2026-04-01', '2026-06-30')],
    ['this_quarter', '2026-09-30', p('2026-07-01', '2026-09-30')],
    ['this_quarter', '2026-10-01', p('2026-10-01', '2026-12-31')],
    ['this_quarter', '2026-12-31', p('2026-10-01', '2026-12-31')],
    ['this_year', '2026-01-01', p('2026-01-01', '2026-12-31')],
    ['this_year', '2026-12-31', p('2026-01-01', '2026-12-31')],
    ['this_year', '2024-02-29', p('2024-01-01', '2024-12-31')],
    ['custom', '2026-11-25', p('2026-11-25', '2026-11-25')],
  ];
  it.each(cases)('%s on %s', (preset, today, expected) => {
    expect(periodOf(preset, today)).toEqual(expected);
  });

  it('refuses a day that does not exist', () => {
    expect(() => periodOf('this_month', '2026-02-29')).toThrow(RangeError);
    expect(() => periodOf('this_month', '2026-11-25T00:00')).toThrow(RangeError);
  });
});

describe('previousPeriod', () => {
  const cases: [string, Period, Period][] = [
    ['a week', p('2026-11-30', '2026-12-06'), p('2026-11-23', '2026-11-29')],
    ['a week across the new year', p('2026-01-05', '2026-01-11'), p('2025-12-29', '2026-01-04')],
    ['March (31 days) after February', p('2026-03-01', '2026-03-31'), p('2026-02-01', '2026-02-28')],
    ['March in a leap year', p('2024-03-01', '2024-03-31'), p('2024-02-01', '2024-02-29')],
    ['February', p('2024-02-01', '2024-02-29'), p('2024-01-01', '2024-01-31')],
    ['January', p('2026-01-01', '2026-01-31'), p('2025-12-01', '2025-12-31')],
    ['December', p('2026-12-01', '2026-12-31'), p('2026-11-01', '2026-11-30')],
    ['the first quarter', p('2026-01-01', '2026-03-31'), p('2025-10-01', '2025-12-31')],
    ['the second quarter', p('2026-04-01', '2026-06-30'), p('2026-01-01', '2026-03-31')],
    ['the fourth quarter', p('2026-10-01', '2026-12-31'), p('2026-07-01', '2026-09-30')],
    ['a year', p('2026-01-01', '2026-12-31'), p('2025-01-01', '2025-12-31')],
    ['a leap year', p('2025-01-01', '2025-12-31'), p('2024-01-01', '2024-12-31')],
    ['one day', p('2026-01-01', '2026-01-01'), p('2025-12-31', '2025-12-31')],
    ['ten days over the leap day', p('2024-03-01', '2024-03-10'), p('2024-02-20', '2024-02-29')],
    ['a custom range not on month edges', p('2026-01-15', '2026-02-14'), p('2025-12-15', '2026-01-14')],
    ['a month not ending on its last day', p('2026-03-01', '2026-03-30'), p('2026-01-30', '2026-02-28')],
  ];
  it.each(cases)('%s', (_, period, expected) => {
    expect(previousPeriod(period)).toEqual(expected);
  });

  it('is as long as the period, and ends the day before it starts, for every preset', () => {
    for (const today of ['2024-02-29', '2026-01-01', '2026-12-31', '2026-11-29', '2026-07-01']) {
      for (const preset of ['this_week', 'this_month', 'last_month', 'this_quarter', 'this_year', 'custom'] as const) {
        const period = periodOf(preset, today);
        const before = previousPeriod(period);
        expect(before.to, `${preset} ${today}`).toBe(addDays(period.from, -1));
        if (preset === 'this_week' || preset === 'custom') expect(lengthInDays(before)).toBe(lengthInDays(period));
      }
    }
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => previousPeriod(p('2026-02-01', '2026-01-31'))).toThrow(RangeError);
  });
});

describe('calendar arithmetic', () => {
  it('agrees with UTC calendar days from 1900 to 2100', () => {
    const start = Date.UTC(1900, 0, 1);
    for (let n = 0; n <= 73049; n++) {
      const iso = new Date(start + n * 86_400_000).toISOString().slice(0, 10);
      const next = new Date(start + (n + 1) * 86_400_000).toISOString().slice(0, 10);
      expect(addDays(iso, 1)).toBe(next);
      if (addDays(iso, 1) !== next) break;
    }
    expect(addDays('1900-01-01', 73049)).toBe('2100-01-01'); // 200 years with 49 leap days (1900 has none, 2000 has one)
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('reads only real dates', () => {
    expect(parseDate('2024-02-29')).toEqual({ y: 2024, m: 2, d: 29 });
    expect(parseDate('2023-02-29')).toBeNull();
    expect(parseDate('2026-13-01')).toBeNull();
    expect(parseDate('2026-4-1')).toBeNull();
    expect(parseDate('')).toBeNull();
  });
});
