//! Budgets: what Chinese consultants write ("15万", "15-20万", "20万以内", "25万左右"), kept
//! as a range in yuan.

use serde::{Deserialize, Serialize};

/// The largest budget Carnet accepts, in yuan (a hundred million); anything larger is a typo.
pub const MAX_YUAN: i64 = 100_000_000;

/// A budget in yuan. `min == max` for a single figure; `min` is `None` for "up to";
/// `about` marks "around" (左右).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Budget {
    pub min: Option<i64>,
    pub max: i64,
    pub about: bool,
}

impl Budget {
    /// Reads a budget. Accepted: "15万", "15w", "15-20万", "15万-20万", "15到20万",
    /// "20万以内" / "20万以下" / "不超过20万", "25万左右" / "约25万", "150000", "12.5万",
    /// full-width digits, "元", "¥" and thousands separators. A bare number under 1,000 is
    /// read in 万. `None` for anything else.
    pub fn parse(raw: &str) -> Option<Budget> {
        let mut text: String = raw
            .chars()
            .filter_map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
                '．' => Some('.'),
                '－' | '—' | '–' | '~' | '～' | '至' | '到' => Some('-'),
                ',' | '，' | ' ' | '\u{3000}' | '¥' | '￥' | '元' => None,
                c => Some(c.to_ascii_lowercase()),
            })
            .collect();
        for suffix in ["rmb", "cny"] {
            text = text.replace(suffix, "");
        }
        let (text, about) = strip_any(&text, &["左右", "上下"], &["约", "約", "大约", "大約"]);
        let (text, up_to) = strip_any(text, &["以内", "以內", "以下"], &["不超过", "不超過", "<"]);
        if about && up_to {
            return None;
        }
        let budget = match text.split_once('-') {
            Some((low, high)) => {
                let (high, unit) = amount(high, None)?;
                let (low, _) = amount(low, Some(unit))?;
                if up_to || about || low > high {
                    return None;
                }
                Budget {
                    min: Some(low),
                    max: high,
                    about: false,
                }
            }
            None => {
                let (value, _) = amount(text, None)?;
                Budget {
                    min: (!up_to).then_some(value),
                    max: value,
                    about,
                }
            }
        };
        (budget.min.unwrap_or(1) > 0 && budget.max > 0 && budget.max <= MAX_YUAN).then_some(budget)
    }

    /// The budget as a consultant writes it, which `parse` reads back: "15-20万".
    pub fn to_input(&self) -> String {
        let max = wan(self.max);
        match self.min {
            None => format!("{max}以内"),
            Some(min) if min == self.max && self.about => format!("{max}左右"),
            Some(min) if min == self.max => max,
            Some(min) => format!("{}-{max}", wan(min).trim_end_matches('万')),
        }
    }

    /// Whether the budget meets the range `[low, high]` (yuan) a filter asks for.
    pub fn overlaps(&self, low: i64, high: i64) -> bool {
        self.min.unwrap_or(0) <= high && self.max >= low
    }
}

/// Yuan written in 万 with up to four decimals, trailing zeros dropped ("12.5万").
fn wan(yuan: i64) -> String {
    let whole = yuan / 10_000;
    let rest = yuan % 10_000;
    if rest == 0 {
        format!("{whole}万")
    } else {
        let frac = format!("{rest:04}");
        format!("{whole}.{}万", frac.trim_end_matches('0'))
    }
}

/// Strips one of the suffixes or prefixes; says whether one was there.
fn strip_any<'a>(text: &'a str, suffixes: &[&str], prefixes: &[&str]) -> (&'a str, bool) {
    for s in suffixes {
        if let Some(rest) = text.strip_suffix(s) {
            return (rest, true);
        }
    }
    for p in prefixes {
        if let Some(rest) = text.strip_prefix(p) {
            return (rest, true);
        }
    }
    (text, false)
}

/// The unit an amount was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Wan,
    Thousand,
    Yuan,
    /// No unit written: 万 under 1,000, yuan otherwise.
    Bare,
}

/// One amount in yuan, and its unit; `inherited` is the unit of the range's upper end, which
/// a bare lower end ("15-20万") takes.
fn amount(text: &str, inherited: Option<Unit>) -> Option<(i64, Unit)> {
    let (number, unit) = if let Some(n) = text.strip_suffix('万').or(text.strip_suffix('萬')) {
        (n, Unit::Wan)
    } else if let Some(n) = text.strip_suffix("wan").or(text.strip_suffix('w')) {
        (n, Unit::Wan)
    } else if let Some(n) = text.strip_suffix('k').or(text.strip_suffix('千')) {
        (n, Unit::Thousand)
    } else {
        (text, Unit::Bare)
    };
    let unit = match (unit, inherited) {
        (Unit::Bare, Some(outer)) => outer,
        (unit, _) => unit,
    };
    let valid = !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit() || c == '.')
        && number.matches('.').count() <= 1
        && !number.starts_with('.')
        && !number.ends_with('.');
    if !valid || number.len() > 12 {
        return None;
    }
    let value: f64 = number.parse().ok()?;
    let factor = match unit {
        Unit::Wan => 10_000.0,
        Unit::Thousand => 1_000.0,
        Unit::Yuan => 1.0,
        Unit::Bare if value < 1_000.0 => 10_000.0,
        Unit::Bare => 1.0,
    };
    let yuan = (value * factor).round();
    let unit = if unit == Unit::Bare && factor == 1.0 {
        Unit::Yuan
    } else {
        unit
    };
    (yuan.is_finite() && yuan <= MAX_YUAN as f64).then_some((yuan as i64, unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(min: Option<i64>, max: i64, about: bool) -> Option<Budget> {
        Some(Budget { min, max, about })
    }

    #[test]
    fn budgets_as_consultants_write_them() {
        let cases = [
            ("15万", range(Some(150_000), 150_000, false)),
            ("15w", range(Some(150_000), 150_000, false)),
            ("15W", range(Some(150_000), 150_000, false)),
            (" 15 万 ", range(Some(150_000), 150_000, false)),
            ("15-20万", range(Some(150_000), 200_000, false)),
            ("15万-20万", range(Some(150_000), 200_000, false)),
            ("15～20万", range(Some(150_000), 200_000, false)),
            ("15到20万", range(Some(150_000), 200_000, false)),
            ("15-20w", range(Some(150_000), 200_000, false)),
            ("20万以内", range(None, 200_000, false)),
            ("不超过20万", range(None, 200_000, false)),
            ("25万左右", range(Some(250_000), 250_000, true)),
            ("约25万", range(Some(250_000), 250_000, true)),
            ("150000", range(Some(150_000), 150_000, false)),
            ("150,000", range(Some(150_000), 150_000, false)),
            ("¥150000元", range(Some(150_000), 150_000, false)),
            ("150000-200000", range(Some(150_000), 200_000, false)),
            ("１５－２０万", range(Some(150_000), 200_000, false)),
            ("15", range(Some(150_000), 150_000, false)),
            ("15-20", range(Some(150_000), 200_000, false)),
            ("999", range(Some(9_990_000), 9_990_000, false)),
            ("12.5万", range(Some(125_000), 125_000, false)),
            ("150k", range(Some(150_000), 150_000, false)),
        ];
        for (raw, want) in cases {
            assert_eq!(Budget::parse(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn anything_else_is_refused() {
        for raw in [
            "",
            "万",
            "abc",
            "十五万",
            "20-15万",
            "0",
            "-5万",
            "15-",
            "20万以内左右",
            "15-20万以内",
            "1.2.3万",
            ".5万",
            "20000万",
            "99999999999999999999",
            "15万元/月",
        ] {
            assert_eq!(Budget::parse(raw), None, "{raw:?} should be refused");
        }
    }

    #[test]
    fn the_input_form_reads_back() {
        for raw in [
            "15万",
            "15-20万",
            "20万以内",
            "25万左右",
            "12.5万",
            "12.3456-13万",
        ] {
            let budget = Budget::parse(raw).expect(raw);
            assert_eq!(budget.to_input(), raw);
            assert_eq!(Budget::parse(&budget.to_input()), Some(budget));
        }
    }
}
