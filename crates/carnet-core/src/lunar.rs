//! Birthdays and holidays on this year's solar calendar. Lunar dates are converted with
//! tyme4rs (its tables agree with the Hong Kong Observatory's for 1901–2100).

use chrono::{Datelike, NaiveDate};
use tyme4rs::tyme::lunar::{LunarDay, LunarMonth};

use crate::birthday::{Birthday, Calendar};

/// The first and last lunar years converted (tyme4rs' tables).
const FIRST_YEAR: i32 = 1901;
const LAST_YEAR: i32 = 2100;

/// Each regular lunar month of [`FIRST_YEAR`]..=[`LAST_YEAR`]: its first solar day and its
/// number of days, worked out once when first asked for. tyme4rs computes a month from the
/// moon's and the sun's positions every time, and the follow-up engine asks for the Spring
/// Festival, Mid-Autumn and lunar birthdays of every customer it refreshes (a third of
/// importing a team book's histories went to it).
static MONTHS: [std::sync::OnceLock<Option<(NaiveDate, u8)>>;
    ((LAST_YEAR - FIRST_YEAR + 1) * 12) as usize] =
    [const { std::sync::OnceLock::new() }; ((LAST_YEAR - FIRST_YEAR + 1) * 12) as usize];

/// A regular lunar month's first solar day and number of days, from tyme4rs.
fn month_of(lunar_year: i32, month: u8) -> Option<(NaiveDate, u8)> {
    let year = lunar_year as isize;
    let days = LunarMonth::new(year, isize::from(month))
        .ok()?
        .get_day_count();
    let first = LunarDay::new(year, isize::from(month), 1)
        .ok()?
        .get_solar_day();
    let first = NaiveDate::from_ymd_opt(
        first.get_year() as i32,
        first.get_month() as u32,
        first.get_day() as u32,
    )?;
    Some((first, u8::try_from(days).ok()?))
}

/// A regular lunar month's first solar day and number of days, kept in [`MONTHS`]; `None`
/// outside [`FIRST_YEAR`]..=[`LAST_YEAR`] or months 1 to 12.
fn kept_month(lunar_year: i32, month: u8) -> Option<(NaiveDate, u8)> {
    if !(1..=12).contains(&month) || !(FIRST_YEAR..=LAST_YEAR).contains(&lunar_year) {
        return None;
    }
    let at = usize::try_from((lunar_year - FIRST_YEAR) * 12).ok()? + usize::from(month - 1);
    *MONTHS.get(at)?.get_or_init(|| month_of(lunar_year, month))
}

/// How many days (29 or 30) a regular lunar month has; `None` outside the years converted.
pub fn month_days(lunar_year: i32, month: u8) -> Option<u8> {
    kept_month(lunar_year, month).map(|(_, days)| days)
}

/// The solar date of a lunar month and day in a lunar year. A 30th that this year's month does
/// not have falls on the 29th; months are the regular ones (a leap-month birthday is kept in
/// the regular month of the same number).
pub fn lunar_to_solar(lunar_year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    if !(1..=12).contains(&month)
        || !(1..=30).contains(&day)
        || !(FIRST_YEAR..=LAST_YEAR).contains(&lunar_year)
    {
        return None;
    }
    let (first, days) = kept_month(lunar_year, month)?;
    // A lunar month's days are consecutive solar days.
    first.checked_add_days(chrono::Days::new(u64::from(day.min(days) - 1)))
}

/// The first day on or after `from` on which a yearly date (a birthday, a holiday) falls.
/// A solar 29 February falls on the 28th in other years.
pub fn next_occurrence(
    calendar: Calendar,
    month: u8,
    day: u8,
    from: NaiveDate,
) -> Option<NaiveDate> {
    let year = from.year();
    let candidates = (year - 1..=year + 1).filter_map(|y| match calendar {
        Calendar::Lunar => lunar_to_solar(y, month, day),
        Calendar::Solar => NaiveDate::from_ymd_opt(y, month.into(), day.into()).or_else(|| {
            (month == 2 && day == 29)
                .then(|| NaiveDate::from_ymd_opt(y, 2, 28))
                .flatten()
        }),
    });
    candidates.filter(|d| *d >= from).min()
}

/// The next birthday on or after `from`.
pub fn next_birthday(b: &Birthday, from: NaiveDate) -> Option<NaiveDate> {
    next_occurrence(b.calendar, b.month, b.day, from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid")
    }

    /// Dates from the Hong Kong Observatory's Gregorian–Lunar conversion tables.
    #[test]
    fn lunar_dates_as_the_observatory_publishes_them() {
        let cases = [
            ((2023, 1, 1), Some(date(2023, 1, 22))), // Spring Festival
            ((2024, 1, 1), Some(date(2024, 2, 10))),
            ((2025, 1, 1), Some(date(2025, 1, 29))),
            ((2026, 1, 1), Some(date(2026, 2, 17))),
            ((2024, 8, 15), Some(date(2024, 9, 17))), // Mid-Autumn
            ((2025, 8, 15), Some(date(2025, 10, 6))),
            ((2026, 8, 15), Some(date(2026, 9, 25))),
            // 2023 has a leap 2nd month (from 22 March); the regular one starts 20 February.
            ((2023, 2, 15), Some(date(2023, 3, 6))),
            // 2025 has a leap 6th month (from 25 July); the regular one starts 25 June.
            ((2025, 6, 1), Some(date(2025, 6, 25))),
            // The 12th month of 2023 has a 30th (New Year's Eve, 9 February 2024)…
            ((2023, 12, 30), Some(date(2024, 2, 9))),
            // …that of 2024 does not: the 30th falls on the 29th, New Year's Eve 2025.
            ((2024, 12, 30), Some(date(2025, 1, 28))),
            ((2024, 13, 1), None),
            ((1800, 1, 1), None),
        ];
        for ((y, m, d), want) in cases {
            assert_eq!(lunar_to_solar(y, m, d), want, "lunar {y}-{m}-{d}");
        }
    }

    /// The months kept agree with tyme4rs asked day by day, across its whole range.
    #[test]
    fn kept_months_agree_with_tyme4rs_day_by_day() {
        let direct = |y: i32, m: u8, d: u8| {
            let days = LunarMonth::new(y as isize, isize::from(m))
                .expect("month")
                .get_day_count();
            let solar = LunarDay::new(y as isize, isize::from(m), usize::from(d).min(days))
                .expect("day")
                .get_solar_day();
            date(
                solar.get_year() as i32,
                solar.get_month() as u32,
                solar.get_day() as u32,
            )
        };
        for y in (FIRST_YEAR..=LAST_YEAR).step_by(7).chain([LAST_YEAR]) {
            for m in 1..=12 {
                for d in [1, 2, 15, 28, 29, 30] {
                    assert_eq!(
                        lunar_to_solar(y, m, d),
                        Some(direct(y, m, d)),
                        "{y}-{m}-{d}"
                    );
                }
            }
        }
        assert_eq!(lunar_to_solar(LAST_YEAR + 1, 1, 1), None);
        assert_eq!(lunar_to_solar(2024, 0, 1), None);
        assert_eq!(lunar_to_solar(2024, 1, 0), None);
        assert_eq!(lunar_to_solar(2024, 1, 31), None);
    }

    #[test]
    fn the_next_birthday_on_either_calendar() {
        let lunar = |m, d| Birthday {
            calendar: Calendar::Lunar,
            year: None,
            month: m,
            day: d,
        };
        let solar = |m, d| Birthday {
            calendar: Calendar::Solar,
            year: Some(1985),
            month: m,
            day: d,
        };
        let cases = [
            (solar(3, 2), date(2026, 1, 10), Some(date(2026, 3, 2))),
            (solar(3, 2), date(2026, 3, 3), Some(date(2027, 3, 2))),
            (solar(2, 29), date(2026, 1, 1), Some(date(2026, 2, 28))),
            (solar(2, 29), date(2028, 1, 1), Some(date(2028, 2, 29))),
            // 正月初一 seen from December: next year's Spring Festival.
            (lunar(1, 1), date(2025, 12, 1), Some(date(2026, 2, 17))),
            // 腊月三十 seen in January 2025: lunar 2024's 12th month has 29 days.
            (lunar(12, 30), date(2025, 1, 10), Some(date(2025, 1, 28))),
            (lunar(8, 15), date(2026, 9, 25), Some(date(2026, 9, 25))),
        ];
        for (b, from, want) in cases {
            assert_eq!(next_birthday(&b, from), want, "{b:?} from {from}");
        }
    }
}
