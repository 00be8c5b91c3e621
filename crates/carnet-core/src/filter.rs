//! The filter syntax shared by the search box, `carnet search` and exports:
//! words to search for, and `key:value` filters (`level:H,A model:汉 budget:15-20万 tag:VIP
//! source:referral channel:抖音`), keys in English or Chinese (级别 车型 预算 标签 来源 渠道).

use chrono::NaiveDate;

use crate::budget::Budget;
use crate::choices::{Level, LostReason, Source, Tier};
use crate::differentiate::funnel::Step;
use crate::differentiate::grid::{Band, GridClass};
use crate::differentiate::{Placed, Standing};
use crate::profile::{Invalid, Problem};
use crate::search::Query;

/// What to show: customers matching `query` (if any) and every filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub query: Option<Query>,
    /// Any of these levels.
    pub levels: Vec<Level>,
    /// A model whose name starts with this (case-insensitive).
    pub model: Option<String>,
    /// A budget that meets this range.
    pub budget: Option<Budget>,
    /// Every one of these tags.
    pub tags: Vec<String>,
    pub source: Option<Source>,
    /// The channel, as written (汽车之家, 抖音: the same text, any case).
    pub channel: Option<String>,
    /// The filters of the Differentiate step (tiers, grid, funnel …), which front ends read
    /// from what the book adds up (carnet-app resolves them into `ids`).
    pub standing: StandingFilter,
    /// Only these customers: what `standing` came to, set by carnet-app, never typed.
    pub ids: Option<Vec<String>>,
}

/// The filters that need each customer's standing (carnet-core's `differentiate`), the words
/// the reports' drill-downs write (`tier:top,large added:2026-11-01..2026-11-30
/// reached:order`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StandingFilter {
    /// Any of these tiers.
    pub tiers: Vec<Tier>,
    /// Any of these classes of the satisfaction × volume grid.
    pub grid: Vec<GridClass>,
    /// Added from the first day to the second (a period's leads).
    pub added: Option<(NaiveDate, NaiveDate)>,
    /// Reached every one of these funnel steps (by the end of `added`, if set).
    pub reached: Vec<Step>,
    /// Lost (F) for any of these reasons.
    pub lost: Vec<LostReason>,
    /// A current satisfaction in any of these bands.
    pub satisfaction: Vec<Band>,
}

impl StandingFilter {
    pub fn is_empty(&self) -> bool {
        *self == StandingFilter::default()
    }

    /// Whether a customer added on `added`, placed as `placed`, with `standing` (and whether
    /// `profiled`), lost for `lost` if they are, passes every one of these filters.
    pub fn matches(
        &self,
        added: NaiveDate,
        placed: &Placed,
        standing: &Standing,
        profiled: bool,
        lost: Option<LostReason>,
    ) -> bool {
        let in_period = self
            .added
            .is_none_or(|(from, to)| (from..=to).contains(&added));
        let end = self.added.map_or(NaiveDate::MAX, |(_, to)| to);
        in_period
            && (self.tiers.is_empty() || self.tiers.contains(&placed.tier))
            && any_of(&self.grid, placed.cell.map(|c| c.class()))
            && self
                .reached
                .iter()
                .all(|step| crate::differentiate::funnel::reached(*step, standing, profiled, end))
            && any_of(&self.lost, lost)
            && any_of(
                &self.satisfaction,
                standing
                    .satisfaction
                    .map(crate::differentiate::grid::satisfaction_band),
            )
    }
}

/// Whether `value` is one of `list` (an empty list takes anything).
fn any_of<T: PartialEq>(list: &[T], value: Option<T>) -> bool {
    list.is_empty() || value.is_some_and(|v| list.contains(&v))
}

/// Reads a comma-separated list of a closed list's values.
fn list_of<T: PartialEq>(value: &str, parse: impl Fn(&str) -> Option<T>) -> Option<Vec<T>> {
    let mut out = Vec::new();
    for part in value.split([',', '，']).filter(|p| !p.is_empty()) {
        let v = parse(part)?;
        if !out.contains(&v) {
            out.push(v);
        }
    }
    Some(out)
}

/// Reads `2026-11-01..2026-11-30` (or one day).
fn day_range(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    let day = |t: &str| NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").ok();
    let (from, to) = match value.split_once("..") {
        Some((from, to)) => (day(from)?, day(to)?),
        None => (day(value)?, day(value)?),
    };
    (from <= to).then_some((from, to))
}

const KEYS: &[(&str, &[&str])] = &[
    ("level", &["级别", "級別", "等级", "等級"]),
    ("model", &["车型", "車型"]),
    ("budget", &["预算", "預算"]),
    ("tag", &["标签", "標籤", "標簽"]),
    ("source", &["来源", "來源"]),
    ("tier", &["层级", "層級", "金字塔"]),
    ("grid", &["象限", "分类", "分類"]),
    ("added", &["新增", "建档", "建檔"]),
    ("reached", &["到达", "到達", "环节", "環節"]),
    ("lost", &["战败", "戰敗"]),
    ("satisfaction", &["满意度", "滿意度"]),
    ("channel", &["渠道"]),
];

impl Filter {
    /// Reads what was typed. A `key:value` word with a key not listed above is searched for
    /// as text; a filter with a bad value is refused, naming the filter.
    pub fn parse(raw: &str) -> Result<Filter, Invalid> {
        let mut filter = Filter::default();
        let mut words = Vec::new();
        for word in raw.split_whitespace() {
            let Some((key, value)) = word.split_once([':', '：']) else {
                words.push(word);
                continue;
            };
            let Some(&(key, _)) = KEYS
                .iter()
                .find(|(k, aliases)| k.eq_ignore_ascii_case(key) || aliases.contains(&key))
            else {
                words.push(word);
                continue;
            };
            let bad = |allowed: Vec<&'static str>| {
                Invalid::new(
                    key,
                    if allowed.is_empty() {
                        Problem::Required
                    } else {
                        Problem::InvalidChoice {
                            value: value.to_owned(),
                            allowed,
                        }
                    },
                )
            };
            if value.is_empty() {
                return Err(bad(Vec::new()));
            }
            match key {
                "level" => {
                    for part in value.split([',', '，']).filter(|p| !p.is_empty()) {
                        let level = Level::parse(part).ok_or_else(|| bad(Level::codes()))?;
                        if !filter.levels.contains(&level) {
                            filter.levels.push(level);
                        }
                    }
                }
                "model" => filter.model = Some(value.to_lowercase()),
                "budget" => {
                    filter.budget = Some(Budget::parse(value).ok_or_else(|| {
                        Invalid::new(
                            "budget",
                            Problem::InvalidBudget {
                                value: value.to_owned(),
                            },
                        )
                    })?);
                }
                "tag" => filter.tags.push(value.trim_start_matches('#').to_owned()),
                "tier" => {
                    filter.standing.tiers =
                        list_of(value, Tier::parse).ok_or_else(|| bad(Tier::codes()))?;
                }
                "grid" => {
                    filter.standing.grid = list_of(value, GridClass::parse)
                        .ok_or_else(|| bad(vec!["a", "b", "c", "d"]))?;
                }
                "added" => {
                    filter.standing.added = Some(day_range(value).ok_or_else(|| {
                        Invalid::new(
                            "added",
                            Problem::InvalidDate {
                                value: value.to_owned(),
                            },
                        )
                    })?);
                }
                "reached" => {
                    filter.standing.reached = list_of(value, Step::parse)
                        .ok_or_else(|| bad(Step::ALL.iter().map(|s| s.code()).collect()))?;
                }
                "lost" => {
                    filter.standing.lost = list_of(value, LostReason::parse)
                        .ok_or_else(|| bad(LostReason::codes()))?;
                }
                "satisfaction" => {
                    filter.standing.satisfaction = list_of(value, Band::parse)
                        .ok_or_else(|| bad(vec!["high", "middle", "low"]))?;
                }
                "channel" => filter.channel = Some(value.to_owned()),
                _ => {
                    filter.source = Some(Source::parse(value).ok_or_else(|| bad(Source::codes()))?)
                }
            }
        }
        filter.query = Query::parse(&words.join(" "));
        Ok(filter)
    }

    /// Whether any `key:value` filter is set (beyond the words).
    pub fn has_filters(&self) -> bool {
        !self.levels.is_empty()
            || self.model.is_some()
            || self.budget.is_some()
            || !self.tags.is_empty()
            || self.source.is_some()
            || !self.standing.is_empty()
            || self.ids.is_some()
            || self.channel.is_some()
    }

    /// The levels a query's `level:` words name (`level:H,A 张` → H, A), read as
    /// [`Filter::parse`] reads them: what the level chips show as chosen. Values that are not
    /// levels are left out (the search itself refuses them).
    pub fn levels_in(raw: &str) -> Vec<Level> {
        let mut levels = Vec::new();
        for value in raw.split_whitespace().filter_map(level_value) {
            for level in value.split([',', '，']).filter_map(Level::parse) {
                if !levels.contains(&level) {
                    levels.push(level);
                }
            }
        }
        levels
    }

    /// The query with its `level:` words replaced by one naming `levels` in the list's order
    /// (none when `levels` is empty), the other words kept as typed: what a level chip writes
    /// into the search box.
    pub fn with_levels(raw: &str, levels: &[Level]) -> String {
        let mut words: Vec<String> = raw
            .split_whitespace()
            .filter(|word| level_value(word).is_none())
            .map(str::to_owned)
            .collect();
        let chosen: Vec<&str> = Level::ALL
            .iter()
            .filter(|level| levels.contains(level))
            .map(|level| level.code())
            .collect();
        if !chosen.is_empty() {
            words.push(format!("level:{}", chosen.join(",")));
        }
        words.join(" ")
    }

    /// The budget filter as a yuan range, "up to" meaning from zero.
    pub fn budget_range(&self) -> Option<(i64, i64)> {
        self.budget.map(|b| (b.min.unwrap_or(0), b.max))
    }
}

/// The value of a `level:` word (any of the level key's spellings), `None` for another word.
fn level_value(word: &str) -> Option<&str> {
    let (key, value) = word.split_once([':', '：'])?;
    let &(name, aliases) = KEYS.iter().find(|(name, _)| *name == "level")?;
    (name.eq_ignore_ascii_case(key) || aliases.contains(&key)).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_filters() {
        let f =
            Filter::parse("张 level:H,a 车型:汉 预算:15-20万 tag:#VIP 来源:转介绍").expect("valid");
        assert_eq!(f.query.as_ref().map(|q| q.text.as_str()), Some("张"));
        assert_eq!(f.levels, [Level::H, Level::A]);
        assert_eq!(f.model.as_deref(), Some("汉"));
        assert_eq!(f.budget_range(), Some((150_000, 200_000)));
        assert_eq!(f.tags, ["VIP"]);
        assert_eq!(f.source, Some(Source::Referral));
        assert_eq!(f.channel, None);
        for typed in ["channel:抖音", "渠道:抖音", "渠道：抖音", "Channel:抖音"] {
            let f = Filter::parse(typed).expect("valid");
            assert_eq!(f.channel.as_deref(), Some("抖音"), "{typed}");
            assert!(f.has_filters() && f.query.is_none(), "{typed}");
        }
        assert_eq!(
            Filter::parse("渠道:").expect_err("empty").field,
            "channel",
            "an empty channel is refused naming the filter"
        );

        let plain = Filter::parse("  zs ").expect("valid");
        assert_eq!(plain.query.as_ref().map(|q| q.text.as_str()), Some("zs"));
        assert!(!plain.has_filters());

        let unknown_key = Filter::parse("微信:abc").expect("searched as text");
        assert_eq!(
            unknown_key.query.map(|q| q.text).as_deref(),
            Some("微信:abc")
        );
        assert_eq!(
            Filter::parse("级别：B").expect("full-width colon").levels,
            [Level::B]
        );
        assert_eq!(
            Filter::parse("budget:20万以内")
                .expect("valid")
                .budget_range(),
            Some((0, 200_000))
        );
    }

    #[test]
    fn the_level_words_are_read_and_rewritten_apart_from_the_rest() {
        assert_eq!(
            Filter::levels_in("张 level:H,a 级别：B，c model:汉"),
            [Level::H, Level::A, Level::B, Level::C]
        );
        assert_eq!(Filter::levels_in("LEVEL:h level:H"), [Level::H]);
        assert_eq!(Filter::levels_in("level:X,D 等级:O"), [Level::D, Level::O]);
        assert!(Filter::levels_in("张 levelH 微信:H").is_empty());
        assert!(Filter::levels_in("").is_empty());

        assert_eq!(Filter::with_levels("", &[Level::H]), "level:H");
        assert_eq!(
            Filter::with_levels("level:H", &[Level::A, Level::H]),
            "level:H,A"
        );
        assert_eq!(
            Filter::with_levels("张  级别:B model:汉 level:X", &[Level::B, Level::N]),
            "张 model:汉 level:N,B"
        );
        assert_eq!(Filter::with_levels("张 level:H", &[]), "张");
        for levels in [&[Level::H, Level::A][..], &[Level::F], &[]] {
            let query = Filter::with_levels("张 model:汉", levels);
            let mut read = Filter::levels_in(&query);
            read.sort();
            let mut want = levels.to_vec();
            want.sort();
            assert_eq!(read, want, "{query}");
            assert_eq!(
                Filter::parse(&query).expect("valid").levels,
                Filter::levels_in(&query)
            );
        }
    }

    #[test]
    fn bad_filters_are_refused_with_the_filter_named() {
        let cases = [
            ("level:X", "level"),
            ("level:", "level"),
            ("budget:lots", "budget"),
            ("source:moon", "source"),
        ];
        for (raw, field) in cases {
            assert_eq!(Filter::parse(raw).expect_err(raw).field, field, "{raw}");
        }
    }

    #[test]
    fn the_reports_drill_downs_read_back() {
        let f = Filter::parse(
            "tier:top,大 grid:D added:2026-11-01..2026-11-30 reached:order 战败:price 满意度:low",
        )
        .expect("valid");
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).expect("day");
        assert_eq!(f.standing.tiers, vec![Tier::Top, Tier::Large]);
        assert_eq!(f.standing.grid, vec![GridClass::D]);
        assert_eq!(f.standing.added, Some((d(11, 1), d(11, 30))));
        assert_eq!(f.standing.reached, vec![Step::Order]);
        assert_eq!(f.standing.lost, vec![LostReason::Price]);
        assert_eq!(f.standing.satisfaction, vec![Band::Low]);
        assert!(f.has_filters());
        let bad = |raw: &str| Filter::parse(raw).map_err(|e| e.field);
        assert_eq!(bad("tier:huge"), Err("tier"));
        assert_eq!(bad("grid:e"), Err("grid"));
        assert_eq!(bad("added:2026-11-30..2026-11-01"), Err("added"));
        assert_eq!(bad("reached:moon"), Err("reached"));

        let placed = crate::differentiate::Placed {
            value: 200_000,
            tier: Tier::Medium,
            cell: crate::differentiate::grid::cell(Tier::Medium, Some(2)),
        };
        let standing = Standing {
            first_order: Some(d(11, 20)),
            satisfaction: Some(2),
            ..Standing::default()
        };
        let only = |raw: &str| Filter::parse(raw).expect("valid").standing;
        let cases = [
            ("tier:medium", true),
            ("tier:top", false),
            ("grid:d", true),
            ("grid:a", false),
            ("added:2026-11-01..2026-11-30 reached:order", true),
            ("added:2026-11-01..2026-11-19 reached:order", false),
            ("reached:test_drive", false),
            ("satisfaction:low", true),
            ("satisfaction:high", false),
            ("lost:price", false),
        ];
        for (raw, want) in cases {
            assert_eq!(
                only(raw).matches(d(11, 5), &placed, &standing, false, None),
                want,
                "{raw}"
            );
        }
        assert!(only("lost:price").matches(
            d(11, 5),
            &placed,
            &standing,
            false,
            Some(LostReason::Price)
        ));
    }
}
