//! The filter syntax shared by the search box, `carnet search` and exports:
//! words to search for, and `key:value` filters (`level:H,A model:汉 budget:15-20万 tag:VIP
//! source:referral channel:抖音`), keys in English or Chinese (级别 车型 预算 标签 来源 渠道).

use crate::budget::Budget;
use crate::choices::{Level, Source};
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
}

const KEYS: &[(&str, &[&str])] = &[
    ("level", &["级别", "級別", "等级", "等級"]),
    ("model", &["车型", "車型"]),
    ("budget", &["预算", "預算"]),
    ("tag", &["标签", "標籤", "標簽"]),
    ("source", &["来源", "來源"]),
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
}
