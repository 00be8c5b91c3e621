//! The follow-up rules: every number the engine uses, with DOMAIN.md's defaults, and the
//! ranges an edited number must fall in (`Rules::validate`).

use std::ops::RangeInclusive;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::birthday::Calendar;
use crate::choices::Level;
use crate::profile::{Invalid, Problem};

/// A level's purchase window and contact interval, in days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LevelRule {
    pub level: Level,
    /// How long the level's purchase window lasts; past it, the level is stale.
    pub window_days: Option<u32>,
    /// How often to contact a customer at this level.
    pub interval_days: Option<u32>,
}

/// What an after-sale step is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AfterSaleKind {
    Call,
    Service,
    Insurance,
    Inspection,
    Anniversary,
}

impl AfterSaleKind {
    const ALL: [AfterSaleKind; 5] = [
        AfterSaleKind::Call,
        AfterSaleKind::Service,
        AfterSaleKind::Insurance,
        AfterSaleKind::Inspection,
        AfterSaleKind::Anniversary,
    ];

    /// The step's code, as in the rules' JSON and a prompt's parameters.
    pub fn code(self) -> &'static str {
        match self {
            AfterSaleKind::Call => "call",
            AfterSaleKind::Service => "service",
            AfterSaleKind::Insurance => "insurance",
            AfterSaleKind::Inspection => "inspection",
            AfterSaleKind::Anniversary => "anniversary",
        }
    }

    pub fn from_code(code: &str) -> Option<AfterSaleKind> {
        AfterSaleKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One step of the after-sale schedule: `months` and `days` after the delivery, once or
/// every year (then `months` is the first year's, and each later year adds twelve).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AfterSaleRule {
    pub kind: AfterSaleKind,
    pub months: u32,
    pub days: i32,
    pub yearly: bool,
}

/// A holiday greeting, on a solar or lunar date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Holiday {
    /// A stable code front ends name the holiday by (`spring_festival`, `mid_autumn` …).
    pub code: String,
    pub calendar: Calendar,
    pub month: u8,
    pub day: u8,
}

/// Every number the engine uses; `Rules::default()` holds DOMAIN.md's defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Rules {
    pub levels: Vec<LevelRule>,
    pub after_sale: Vec<AfterSaleRule>,
    pub holidays: Vec<Holiday>,
    /// The levels whose customers get holiday greetings.
    pub holiday_levels: Vec<Level>,
    /// How many days ahead birthdays, holidays and after-sale steps show.
    pub lead_days: u32,
    /// Failed attempts in a row after which F is proposed.
    pub failed_attempts: u32,
    /// Days after going to F when a lost customer is revisited.
    pub lost_revisit_days: u32,
    /// Days after a complaint is resolved when satisfaction is checked again.
    pub satisfaction_check_days: u32,
    /// When the consultant's day starts ("HH:MM"): the day's summary is notified then.
    #[serde(default = "default_day_start")]
    pub day_start: String,
    /// How many minutes before a prompt's set time it is notified.
    #[serde(default = "default_notify_lead")]
    pub notify_lead_minutes: u32,
    /// How many rows Today holds: a day's worth of contacts (a group counts as one).
    #[serde(default = "default_daily_capacity")]
    pub daily_capacity: u32,
}

fn default_day_start() -> String {
    "08:30".into()
}

fn default_notify_lead() -> u32 {
    10
}

fn default_daily_capacity() -> u32 {
    30
}

impl Default for Rules {
    fn default() -> Rules {
        let level = |level, window: Option<u32>, interval: Option<u32>| LevelRule {
            level,
            window_days: window,
            interval_days: interval,
        };
        let step = |kind, months, days, yearly| AfterSaleRule {
            kind,
            months,
            days,
            yearly,
        };
        let holiday = |code: &str, calendar, month, day| Holiday {
            code: code.into(),
            calendar,
            month,
            day,
        };
        Rules {
            levels: vec![
                level(Level::N, None, Some(1)),
                level(Level::H, Some(7), Some(2)),
                level(Level::A, Some(15), Some(4)),
                level(Level::B, Some(30), Some(7)),
                level(Level::C, Some(90), Some(15)),
                level(Level::O, None, Some(3)),
                level(Level::D, None, None),
                level(Level::F, None, None),
            ],
            after_sale: vec![
                step(AfterSaleKind::Call, 0, 1, false),
                step(AfterSaleKind::Call, 0, 3, false),
                step(AfterSaleKind::Call, 0, 15, false),
                step(AfterSaleKind::Call, 0, 30, false),
                step(AfterSaleKind::Service, 3, 0, false),
                step(AfterSaleKind::Insurance, 12, -30, true),
                step(AfterSaleKind::Inspection, 72, 0, false),
                step(AfterSaleKind::Inspection, 120, 0, false),
                step(AfterSaleKind::Anniversary, 12, 0, true),
            ],
            holidays: vec![
                holiday("new_year", Calendar::Solar, 1, 1),
                holiday("spring_festival", Calendar::Lunar, 1, 1),
                holiday("dragon_boat", Calendar::Lunar, 5, 5),
                holiday("mid_autumn", Calendar::Lunar, 8, 15),
                holiday("national_day", Calendar::Solar, 10, 1),
            ],
            holiday_levels: vec![Level::O, Level::D],
            lead_days: 3,
            failed_attempts: 5,
            lost_revisit_days: 90,
            satisfaction_check_days: 3,
            day_start: default_day_start(),
            notify_lead_minutes: default_notify_lead(),
            daily_capacity: default_daily_capacity(),
        }
    }
}

impl Rules {
    pub fn level(&self, level: Level) -> Option<&LevelRule> {
        self.levels.iter().find(|r| r.level == level)
    }
}

/// The days a level's purchase window may last.
pub const WINDOW_DAYS: RangeInclusive<u32> = 1..=3650;
/// The days between contacts a level may ask for.
pub const INTERVAL_DAYS: RangeInclusive<u32> = 1..=3650;
/// The failed attempts in a row after which F may be proposed.
pub const FAILED_ATTEMPTS: RangeInclusive<u32> = 1..=100;
/// The days after going to F when a lost customer may be revisited.
pub const LOST_REVISIT_DAYS: RangeInclusive<u32> = 1..=3650;
/// The days after a resolved complaint when satisfaction may be checked.
pub const SATISFACTION_CHECK_DAYS: RangeInclusive<u32> = 1..=365;
/// The days ahead birthdays, holidays and after-sale steps may show.
pub const LEAD_DAYS: RangeInclusive<u32> = 0..=60;
/// The minutes before a prompt's set time it may be notified (up to a day).
pub const NOTIFY_LEAD_MINUTES: RangeInclusive<u32> = 0..=24 * 60;
/// The rows Today may hold (`daily_capacity`).
pub const DAILY_CAPACITY: RangeInclusive<u32> = 1..=500;
/// The characters a holiday's code may hold (at least one).
pub const HOLIDAY_CODE_CHARS: RangeInclusive<usize> = 1..=50;
/// The months after the delivery an after-sale step may come (up to fifty years).
pub const AFTER_SALE_MONTHS: RangeInclusive<u32> = 0..=600;
/// The days an after-sale step may add to its months, or take away (a year either way).
pub const AFTER_SALE_DAYS: RangeInclusive<i32> = -365..=365;
/// A holiday's month, solar or lunar.
pub const HOLIDAY_MONTHS: RangeInclusive<u8> = 1..=12;
/// A holiday's day as a form may take it; a lunar month has up to 30 ([`LUNAR_DAYS`]), and a
/// solar day must exist in its month.
pub const HOLIDAY_DAYS: RangeInclusive<u8> = 1..=31;
/// The days of a lunar month.
pub const LUNAR_DAYS: RangeInclusive<u8> = 1..=30;

impl Rules {
    /// Checks every number and date the consultant may edit (an after-sale step's months
    /// and days included): the first one out of its range is named (`InvalidNumber`), as is a holiday without a code (`Required`) or on a day no
    /// year has (`InvalidDate`), and a day start that is not "HH:MM" (`InvalidDate`).
    pub fn validate(&self) -> Result<(), Invalid> {
        for r in &self.levels {
            if let Some(w) = r.window_days {
                number("window_days", w, &WINDOW_DAYS)?;
            }
            if let Some(i) = r.interval_days {
                number("interval_days", i, &INTERVAL_DAYS)?;
            }
        }
        number("failed_attempts", self.failed_attempts, &FAILED_ATTEMPTS)?;
        number(
            "lost_revisit_days",
            self.lost_revisit_days,
            &LOST_REVISIT_DAYS,
        )?;
        number(
            "satisfaction_check_days",
            self.satisfaction_check_days,
            &SATISFACTION_CHECK_DAYS,
        )?;
        for step in &self.after_sale {
            number("after_sale", step.months, &AFTER_SALE_MONTHS)?;
            number("after_sale", step.days, &AFTER_SALE_DAYS)?;
        }
        for h in &self.holidays {
            h.validate()?;
        }
        if NaiveTime::parse_from_str(self.day_start.trim(), "%H:%M").is_err() {
            return Err(Invalid::new(
                "day_start",
                Problem::InvalidDate {
                    value: self.day_start.clone(),
                },
            ));
        }
        number(
            "notify_lead_minutes",
            self.notify_lead_minutes,
            &NOTIFY_LEAD_MINUTES,
        )?;
        number("daily_capacity", self.daily_capacity, &DAILY_CAPACITY)?;
        number("lead_days", self.lead_days, &LEAD_DAYS)
    }
}

impl Holiday {
    /// A code is given, and the day exists in its calendar (lunar months have up to 30 days;
    /// a solar day is checked in a leap year, so that 29 February is one).
    fn validate(&self) -> Result<(), Invalid> {
        if !HOLIDAY_CODE_CHARS.contains(&self.code.trim().chars().count()) {
            return Err(Invalid::new("holidays", Problem::Required));
        }
        let exists = match self.calendar {
            Calendar::Lunar => {
                HOLIDAY_MONTHS.contains(&self.month) && LUNAR_DAYS.contains(&self.day)
            }
            Calendar::Solar => {
                NaiveDate::from_ymd_opt(2000, self.month.into(), self.day.into()).is_some()
            }
        };
        if exists {
            Ok(())
        } else {
            let value = format!("{}-{}", self.month, self.day);
            Err(Invalid::new("holidays", Problem::InvalidDate { value }))
        }
    }
}

/// `value` if it is in `range`, else `field` named with the number it holds.
pub(crate) fn number<T: PartialOrd + ToString>(
    field: &'static str,
    value: T,
    range: &RangeInclusive<T>,
) -> Result<(), Invalid> {
    if range.contains(&value) {
        Ok(())
    } else {
        Err(Invalid::new(
            field,
            Problem::InvalidNumber {
                value: value.to_string(),
            },
        ))
    }
}

#[cfg(test)]
mod tests;
