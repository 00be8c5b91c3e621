//! When the customer means to buy (购车时间), as they said it: a date ("2024-10-15", an Excel
//! date cell, "10月底"), a month ("12月", "下个月"), a year ("明年"), a window counted from the
//! day it was said ("一个月内", "下周", "春节前"), or words ("待定", "看政策").
//!
//! What is kept is the customer's target, as a day, a month or a year, never the window: a
//! window is counted again from each day it is looked at (and the level it suggests with it),
//! so "一个月内" said a fortnight ago is a fortnight away today. Words are kept as words.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::choices::Level;

/// The customer's target.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Timeframe {
    /// By this day.
    By(NaiveDate),
    /// Some time in this month.
    Month { year: i32, month: u32 },
    /// Some time in this year.
    Year(i32),
    /// What the customer said, which names no time ("待定", "看政策").
    Words(String),
}

/// Marks words in the stored form (a stored date is never read as a phrase again).
const WORDS: char = '~';

/// The longest timeframe kept, in characters.
pub const MAX_CHARS: usize = 100;

impl Timeframe {
    /// Reads what a consultant (or a sheet) wrote, on the day `today` it was said; `None` when
    /// nothing was written. Anything that names no time is kept as words.
    pub fn parse(raw: &str, today: NaiveDate) -> Option<Timeframe> {
        let (text, words) = (normalise(raw), crate::profile::tidy(raw));
        if text.is_empty() || words.is_empty() {
            return None;
        }
        Some(
            absolute(&text, today)
                .or_else(|| relative(&text, today))
                .unwrap_or(Timeframe::Words(words)),
        )
    }

    /// The target as the edit form shows it and [`Timeframe::parse`] reads it back on any day:
    /// `2026-12-13`, `2026-12`, `2027`, or the words.
    pub fn to_input(&self) -> String {
        match self {
            Timeframe::By(day) => day.format("%Y-%m-%d").to_string(),
            Timeframe::Month { year, month } => format!("{year:04}-{month:02}"),
            Timeframe::Year(year) => format!("{year:04}"),
            Timeframe::Words(words) => words.clone(),
        }
    }

    /// The form the book keeps: [`Timeframe::to_input`], words marked so that they are never
    /// read as a phrase relative to another day.
    pub fn stored(&self) -> String {
        match self {
            Timeframe::Words(words) => format!("{WORDS}{words}"),
            other => other.to_input(),
        }
    }

    /// Reads the stored form back (see [`Timeframe::stored`]); `None` for text it never wrote.
    pub fn from_stored(stored: &str) -> Option<Timeframe> {
        if let Some(words) = stored.strip_prefix(WORDS) {
            return Some(Timeframe::Words(words.to_owned()));
        }
        let text = normalise(stored);
        let any_day = NaiveDate::from_ymd_opt(2000, 1, 1)?;
        absolute(&text, any_day).filter(|t| !matches!(t, Timeframe::Words(_)))
    }

    /// The day the window is counted to, as of `today`: the day itself; for a month, its
    /// middle (its last day once it has begun); for a year, its middle (its last day once it
    /// has begun). `None` for words.
    pub fn target_day(&self, today: NaiveDate) -> Option<NaiveDate> {
        match self {
            Timeframe::By(day) => Some(*day),
            Timeframe::Month { year, month } => {
                let first = NaiveDate::from_ymd_opt(*year, *month, 1)?;
                if first <= today {
                    last_of_month(first)
                } else {
                    NaiveDate::from_ymd_opt(*year, *month, 15)
                }
            }
            Timeframe::Year(year) => {
                if *year <= today.year() {
                    NaiveDate::from_ymd_opt(*year, 12, 31)
                } else {
                    NaiveDate::from_ymd_opt(*year, 7, 1)
                }
            }
            Timeframe::Words(_) => None,
        }
    }

    /// Days from `today` to the target (negative once it has passed); `None` for words.
    pub fn days_left(&self, today: NaiveDate) -> Option<i64> {
        Some((self.target_day(today)? - today).num_days())
    }

    /// Whether the target has passed without the customer buying (the window is stale).
    pub fn passed(&self, today: NaiveDate) -> bool {
        self.days_left(today).is_some_and(|d| d < 0)
    }

    /// The intent level the window suggests as of `today`, by the levels' purchase windows
    /// (`windows`: each level and its window in days, H 7, A 15, B 30, C 90 by default): the
    /// first level whose window holds the days left, C beyond them all. `None` for words and
    /// for a target that has passed.
    pub fn suggested_level(&self, today: NaiveDate, windows: &[(Level, u32)]) -> Option<Level> {
        let days = self.days_left(today)?;
        if days < 0 {
            return None;
        }
        let mut sorted: Vec<(Level, u32)> = windows.to_vec();
        sorted.sort_by_key(|(_, w)| *w);
        Some(
            sorted
                .iter()
                .find(|(_, w)| days <= i64::from(*w))
                .map_or(Level::C, |(l, _)| *l),
        )
    }
}

/// The default purchase windows (DOMAIN.md): H 7 days, A 15, B 30, C about 3 months.
pub const DEFAULT_WINDOWS: &[(Level, u32)] = &[
    (Level::H, 7),
    (Level::A, 15),
    (Level::B, 30),
    (Level::C, 90),
];

impl Serialize for Timeframe {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_input())
    }
}

impl<'de> Deserialize<'de> for Timeframe {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Timeframe, D::Error> {
        let text = String::deserialize(d)?;
        Ok(Timeframe::from_stored(&text).unwrap_or(Timeframe::Words(text)))
    }
}

/// Half-width digits and signs, no spaces.
fn normalise(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '－' | '—' | '–' => '-',
            '／' => '/',
            '．' => '.',
            other => other,
        })
        .collect::<String>()
        .to_lowercase()
}

fn last_of_month(day: NaiveDate) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(day.year(), day.month(), 1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

/// The end of the week (Sunday) `weeks` weeks from `today`'s.
fn end_of_week(today: NaiveDate, weeks: u64) -> Option<NaiveDate> {
    let to_sunday = 6 - u64::from(today.weekday().num_days_from_monday());
    today.checked_add_days(Days::new(to_sunday + 7 * weeks))
}

/// The first (month, day) on or after `today`, this year or the next.
fn next_day_of_year(today: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(today.year(), month, day)?;
    if this >= today {
        Some(this)
    } else {
        NaiveDate::from_ymd_opt(today.year() + 1, month, day)
    }
}

/// A month named without a year: this year's if it has not ended, else next year's.
fn next_month(today: NaiveDate, month: u32) -> Option<(i32, u32)> {
    if !(1..=12).contains(&month) {
        return None;
    }
    let year = if month >= today.month() {
        today.year()
    } else {
        today.year() + 1
    };
    Some((year, month))
}

/// A number written in digits or in Chinese (一 … 十二, 两, 半 is not one).
fn number(text: &str) -> Option<u32> {
    if let Ok(n) = text.parse::<u32>() {
        return Some(n);
    }
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        ['两'] => Some(2),
        ['十'] => Some(10),
        [c] => digit(*c).map(|d| d as u32),
        ['十', c] => digit(*c).map(|d| 10 + d as u32),
        [c, '十'] => digit(*c).map(|d| 10 * d as u32),
        [a, '十', b] => Some(10 * digit(*a)? as u32 + digit(*b)? as u32),
        _ => None,
    }
}

/// Digits at the start of `text`, and the rest.
fn leading_number(text: &str) -> Option<(u32, &str)> {
    let end = text
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(text.len(), |(i, _)| i);
    Some((text[..end].parse().ok()?, &text[end..]))
}

/// A date, a month or a year written out: `2024-10-15`, `2024/10/15`, `2024.10.15`,
/// `2024年10月15日`, `20241015`, an Excel date with its time, `2024-10`, `2024年10月`,
/// `2027年`, `10月15日`, `10月底`, `10月初`, `12月`.
fn absolute(text: &str, today: NaiveDate) -> Option<Timeframe> {
    // An Excel date cell read with its time: "2024-10-15 00:00" (spaces are gone here).
    let text = match text.find(':') {
        Some(colon)
            if colon >= 12
                && text.as_bytes()[colon - 2..colon]
                    .iter()
                    .all(u8::is_ascii_digit) =>
        {
            &text[..colon - 2]
        }
        _ => text,
    };
    let text = text
        .trim_end_matches(['前', '左', '右'])
        .trim_end_matches("左右");
    if text.len() == 8 && text.chars().all(|c| c.is_ascii_digit()) {
        let (y, m, d) = (&text[..4], &text[4..6], &text[6..]);
        return NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
            .map(Timeframe::By);
    }
    let parts: Vec<&str> = text
        .split(['-', '/', '.', '年', '月', '日', '号', '號'])
        .filter(|p| !p.is_empty())
        .collect();
    let marks = |m: &str| text.contains(m);
    let all_digits = parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()));
    if all_digits && !parts.is_empty() {
        let year = parts[0].len() == 4;
        match (parts.len(), year) {
            (3, true) => {
                return NaiveDate::from_ymd_opt(
                    parts[0].parse().ok()?,
                    parts[1].parse().ok()?,
                    parts[2].parse().ok()?,
                )
                .map(Timeframe::By);
            }
            (2, true) => {
                let month: u32 = parts[1].parse().ok()?;
                return (1..=12).contains(&month).then(|| Timeframe::Month {
                    year: parts[0].parse().unwrap_or(today.year()),
                    month,
                });
            }
            (1, true) if marks("年") || text.len() == 4 => {
                let year: i32 = parts[0].parse().ok()?;
                return (1990..=2100)
                    .contains(&year)
                    .then_some(Timeframe::Year(year));
            }
            (2, false) if marks("月") => {
                let (month, day) = (parts[0].parse().ok()?, parts[1].parse().ok()?);
                return next_day_of_year(today, month, day).map(Timeframe::By);
            }
            (1, false) if text.ends_with('月') || text.ends_with("月份") => {
                let (year, month) = next_month(today, parts[0].parse().ok()?)?;
                return Some(Timeframe::Month { year, month });
            }
            _ => {}
        }
    }
    // "10月底", "10月末", "10月初", "10月中", "10月中旬", "十月底".
    let (month_text, rest) = text.split_once('月')?;
    let month = number(month_text)?;
    let (year, month) = next_month(today, month)?;
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let day = match rest.trim_end_matches("份") {
        "" => return Some(Timeframe::Month { year, month }),
        "底" | "末" | "下旬" | "底前" => last_of_month(first)?,
        "初" | "上旬" => first.checked_add_days(Days::new(9))?,
        "中" | "中旬" => first.checked_add_days(Days::new(19))?,
        _ => return None,
    };
    Some(Timeframe::By(day))
}

/// A phrase counted from `today`: 今天, 明天, 马上, 本周, 下周, 月底, 下个月, 年底, 春节前,
/// 国庆前, 元旦前, 五一前, 中秋前, N天内, 一周内, 一个月内, 三个月内, 半年内, 一年内, 今年, 明年;
/// and the codes older Carnet versions stored (`within_30_days`).
fn relative(text: &str, today: NaiveDate) -> Option<Timeframe> {
    let add = |days: u64| today.checked_add_days(Days::new(days)).map(Timeframe::By);
    let months = |n: u32| today.checked_add_months(Months::new(n)).map(Timeframe::By);
    let by = |d: Option<NaiveDate>| d.map(Timeframe::By);
    let spring_festival = |from: NaiveDate| {
        crate::lunar::next_occurrence(crate::birthday::Calendar::Lunar, 1, 1, from)
    };
    let phrase = text
        .trim_end_matches(['。', '!', '！'])
        .trim_end_matches("提车")
        .trim_end_matches("买车")
        .trim_end_matches("购车")
        .trim_end_matches("订车")
        .trim_end_matches("左右")
        .trim_end_matches("前后")
        .trim_end_matches("吧");
    let found = match phrase {
        "within_7_days" => add(7),
        "within_15_days" => add(15),
        "within_30_days" => add(30),
        "within_3_months" => add(90),
        "今天" | "今日" | "当天" => add(0),
        "明天" | "明日" => add(1),
        "后天" => add(2),
        "马上" | "尽快" | "立刻" | "立即" | "现在" | "近期" | "最近" | "这几天" | "这两天" => {
            add(7)
        }
        "本周" | "这周" | "这星期" | "这个星期" | "这礼拜" | "这个礼拜" | "周末" | "这周末"
        | "本周末" => by(end_of_week(today, 0)),
        "下周" | "下星期" | "下个星期" | "下礼拜" | "下个礼拜" | "下周末" => {
            by(end_of_week(today, 1))
        }
        "下下周" => by(end_of_week(today, 2)),
        "月底" | "月底前" | "月末" | "本月" | "这个月" | "本月内" | "这个月内" | "月内" => {
            by(last_of_month(today))
        }
        "下个月" | "下月" | "下个月内" => {
            let next = today.checked_add_months(Months::new(1))?;
            Some(Timeframe::Month {
                year: next.year(),
                month: next.month(),
            })
        }
        "下个月底" | "下月底" => by(today
            .checked_add_months(Months::new(1))
            .and_then(last_of_month)),
        "年底" | "年底前" | "年末" | "年内" | "今年内" | "元旦前" | "元旦" => {
            by(NaiveDate::from_ymd_opt(today.year(), 12, 31))
        }
        "今年" => Some(Timeframe::Year(today.year())),
        "明年" | "明年内" => Some(Timeframe::Year(today.year() + 1)),
        "明年初" | "明年年初" => by(NaiveDate::from_ymd_opt(today.year() + 1, 3, 31)),
        "春节前" | "过年前" | "年前" | "春节" | "过年" => {
            by(spring_festival(today).and_then(|d| d.pred_opt()))
        }
        "春节后" | "过年后" | "年后" => {
            by(spring_festival(today).and_then(|d| d.checked_add_days(Days::new(30))))
        }
        "国庆前" | "国庆" | "十一前" | "国庆节前" => by(next_day_of_year(today, 9, 30)),
        "国庆后" | "十一后" => by(next_day_of_year(today, 10, 31)),
        "五一前" | "五一" | "劳动节前" => by(next_day_of_year(today, 4, 30)),
        "中秋前" | "中秋" | "中秋节前" => by(crate::lunar::next_occurrence(
            crate::birthday::Calendar::Lunar,
            8,
            15,
            today,
        )),
        "半个月内" | "半个月" | "半月内" => add(15),
        "半年内" | "半年" | "半年左右" => months(6),
        _ => None,
    };
    found.or_else(|| within(phrase, today))
}

/// "N天内", "N周内", "N个月内", "N年内" (N in digits or Chinese, "两三个月" read as its larger
/// number), with or without 内 / 以内 / 之内.
fn within(phrase: &str, today: NaiveDate) -> Option<Timeframe> {
    let body = phrase
        .trim_end_matches("以内")
        .trim_end_matches("之内")
        .trim_end_matches('内');
    let (count, unit) = match leading_number(body) {
        Some((n, unit)) => (n, unit),
        None => {
            // Chinese numerals, the larger of "两三".
            let split = body
                .char_indices()
                .find(|(_, c)| !"零一二两三四五六七八九十".contains(*c))
                .map_or(body.len(), |(i, _)| i);
            let (num, unit) = body.split_at(split);
            let n = number(num).or_else(|| {
                num.chars()
                    .filter_map(|c| number(&c.to_string()))
                    .max()
                    .filter(|_| num.chars().count() == 2)
            })?;
            (n, unit)
        }
    };
    if count == 0 || count > 1000 {
        return None;
    }
    let add = |days: u64| today.checked_add_days(Days::new(days)).map(Timeframe::By);
    match unit {
        "天" | "日" => add(u64::from(count)),
        "周" | "个星期" | "星期" | "个礼拜" | "礼拜" => add(7 * u64::from(count)),
        "个月" => today
            .checked_add_months(Months::new(count))
            .map(Timeframe::By),
        "个半月" => today
            .checked_add_months(Months::new(count))
            .and_then(|d| d.checked_add_days(Days::new(15)))
            .map(Timeframe::By),
        "年" => today
            .checked_add_months(Months::new(12 * count))
            .map(Timeframe::By),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
