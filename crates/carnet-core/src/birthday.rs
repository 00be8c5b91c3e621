//! Birthdays, solar or lunar (农历), with or without the year.

use serde::{Deserialize, Serialize};

/// The calendar a birthday is kept in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Calendar {
    Solar,
    Lunar,
}

/// A birthday as the customer keeps it: a lunar birthday stays lunar (month and day of the
/// lunar year), converted to this year's solar date only when a reminder needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Birthday {
    pub calendar: Calendar,
    pub year: Option<i32>,
    pub month: u8,
    pub day: u8,
}

/// The earliest and latest birth years Carnet accepts (the lunar tables cover 1901–2100).
pub const YEARS: std::ops::RangeInclusive<i32> = 1901..=2100;

impl Birthday {
    /// Reads "YYYY-MM-DD", "MM-DD" (year unknown), also with `/` or `.` or 年月日, and
    /// full-width digits. `lunar` keeps it in the lunar calendar, where every month has up to
    /// 30 days; with a year, the date must exist in that lunar year.
    pub fn parse(raw: &str, lunar: bool) -> Option<Birthday> {
        let text: String = raw
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '/' | '.' | '年' | '月' | '－' => '-',
                c => c,
            })
            .collect();
        let text = text.trim_end_matches('日');
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str| -> Option<i32> {
            (!s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let (year, month, day) = match parts.as_slice() {
            [y, m, d] if y.len() == 4 => (Some(number(y)?), number(m)?, number(d)?),
            [m, d] => (None, number(m)?, number(d)?),
            _ => return None,
        };
        if year.is_some_and(|y| !YEARS.contains(&y)) || !(1..=12).contains(&month) {
            return None;
        }
        let month = u8::try_from(month).ok()?;
        let day = u8::try_from(day).ok()?;
        let calendar = if lunar {
            Calendar::Lunar
        } else {
            Calendar::Solar
        };
        let birthday = Birthday {
            calendar,
            year,
            month,
            day,
        };
        birthday.exists().then_some(birthday)
    }

    fn exists(&self) -> bool {
        match (self.calendar, self.year) {
            (Calendar::Solar, Some(y)) => {
                chrono::NaiveDate::from_ymd_opt(y, self.month.into(), self.day.into()).is_some()
            }
            // Without a year, 29 February is a real birthday.
            (Calendar::Solar, None) => {
                chrono::NaiveDate::from_ymd_opt(2000, self.month.into(), self.day.into()).is_some()
            }
            (Calendar::Lunar, None) => (1..=30).contains(&self.day),
            // From the months kept once worked out (tyme4rs works a month out from the
            // moon's positions each time it is asked: a fifth of reading a team's exports).
            (Calendar::Lunar, Some(y)) => crate::lunar::month_days(y, self.month)
                .is_some_and(|days| (1..=days).contains(&self.day)),
        }
    }

    /// The text `parse` reads back ("1985-03-02", "10-08").
    pub fn to_input(&self) -> String {
        match self.year {
            Some(y) => format!("{y:04}-{:02}-{:02}", self.month, self.day),
            None => format!("{:02}-{:02}", self.month, self.day),
        }
    }

    pub fn is_lunar(&self) -> bool {
        self.calendar == Calendar::Lunar
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bday(calendar: Calendar, year: Option<i32>, month: u8, day: u8) -> Option<Birthday> {
        Some(Birthday {
            calendar,
            year,
            month,
            day,
        })
    }

    #[test]
    fn birthdays_solar_and_lunar() {
        use Calendar::{Lunar, Solar};
        let cases = [
            ("1985-03-02", false, bday(Solar, Some(1985), 3, 2)),
            ("1985/3/2", false, bday(Solar, Some(1985), 3, 2)),
            ("1985年3月2日", false, bday(Solar, Some(1985), 3, 2)),
            ("１９８５－０３－０２", false, bday(Solar, Some(1985), 3, 2)),
            ("03-02", false, bday(Solar, None, 3, 2)),
            ("2-29", false, bday(Solar, None, 2, 29)),
            ("2000-02-29", false, bday(Solar, Some(2000), 2, 29)),
            ("10-08", true, bday(Lunar, None, 10, 8)),
            ("12-30", true, bday(Lunar, None, 12, 30)),
            // The 12th lunar month of 2023 has 30 days; that of 2024 has 29.
            ("2023-12-30", true, bday(Lunar, Some(2023), 12, 30)),
            ("2024-12-30", true, None),
            ("1999-02-29", false, None),
            ("02-30", false, None),
            ("13-01", false, None),
            ("00-10", false, None),
            ("10-31", true, None),
            ("1800-01-01", false, None),
            ("85-03-02", false, None),
            ("March 2", false, None),
            ("", false, None),
            ("1985-03-02-01", false, None),
        ];
        for (raw, lunar, want) in cases {
            assert_eq!(Birthday::parse(raw, lunar), want, "{raw:?} lunar={lunar}");
        }
    }

    /// A lunar birthday with a year exists exactly when tyme4rs says the day does, in every
    /// month of every year accepted (at the days where months differ, and either side).
    #[test]
    fn lunar_days_exist_as_tyme4rs_says() {
        for year in YEARS {
            for month in 1..=12u8 {
                for day in [1u8, 28, 29, 30, 31] {
                    let tyme = tyme4rs::tyme::lunar::LunarDay::validate(
                        year as isize,
                        isize::from(month),
                        usize::from(day),
                    )
                    .is_ok();
                    let ours = Birthday::parse(&format!("{year}-{month}-{day}"), true).is_some();
                    assert_eq!(ours, tyme, "{year}-{month}-{day}");
                }
            }
        }
    }

    #[test]
    fn the_input_form_reads_back() {
        for (raw, lunar) in [("1985-03-02", false), ("10-08", true), ("02-29", false)] {
            let b = Birthday::parse(raw, lunar).expect(raw);
            assert_eq!(b.to_input(), raw);
        }
    }
}
