//! A lost sale (level F): why it was lost, and for a competitor which brand or model won.

use crate::choices::{Level, LostReason};
use crate::profile::{Invalid, Problem, SHORT_MAX_CHARS, tidy};

/// Why a customer was set to F, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lost {
    pub reason: LostReason,
    /// The brand or model that won ("比亚迪 汉"); only for [`LostReason::Competitor`].
    pub competitor: Option<String>,
}

impl Lost {
    /// Reads the lost reason (a code or its Chinese words) and the competitor typed with a
    /// change to `level`. F needs a reason (refused naming `lost_reason`); any other level
    /// carries none, so whatever was typed is ignored. The competitor is kept only for a
    /// competitor reason, and is refused naming `competitor` when too long.
    pub fn read(level: Level, reason: &str, competitor: &str) -> Result<Option<Lost>, Invalid> {
        if level != Level::F {
            return Ok(None);
        }
        let raw = reason.trim();
        if raw.is_empty() {
            return Err(Invalid::new("lost_reason", Problem::Required));
        }
        let reason = LostReason::parse(raw).ok_or_else(|| {
            Invalid::new(
                "lost_reason",
                Problem::InvalidChoice {
                    value: raw.to_owned(),
                    allowed: LostReason::codes(),
                },
            )
        })?;
        let competitor = tidy(competitor);
        if competitor.chars().count() > SHORT_MAX_CHARS {
            return Err(Invalid::new(
                "competitor",
                Problem::TooLong {
                    max: SHORT_MAX_CHARS,
                },
            ));
        }
        let competitor =
            (reason == LostReason::Competitor && !competitor.is_empty()).then_some(competitor);
        Ok(Some(Lost { reason, competitor }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A level, the reason and competitor typed, and what is read (or the field refused).
    type Case<'a> = (Level, &'a str, &'a str, Result<Option<Lost>, &'static str>);

    #[test]
    fn a_lost_reason_is_read_and_checked() {
        let long = "汉".repeat(SHORT_MAX_CHARS + 1);
        let cases: Vec<Case> = vec![
            (Level::H, "price", "比亚迪", Ok(None)),
            (Level::F, "", "", Err("lost_reason")),
            (Level::F, "  ", "比亚迪", Err("lost_reason")),
            (Level::F, "cheap", "", Err("lost_reason")),
            (
                Level::F,
                "price",
                "比亚迪",
                Ok(Some(Lost {
                    reason: LostReason::Price,
                    competitor: None,
                })),
            ),
            (
                Level::F,
                "嫌贵",
                "",
                Ok(Some(Lost {
                    reason: LostReason::Price,
                    competitor: None,
                })),
            ),
            (
                Level::F,
                "Competitor",
                "  比亚迪   汉 ",
                Ok(Some(Lost {
                    reason: LostReason::Competitor,
                    competitor: Some("比亚迪 汉".into()),
                })),
            ),
            (
                Level::F,
                "竞品",
                "",
                Ok(Some(Lost {
                    reason: LostReason::Competitor,
                    competitor: None,
                })),
            ),
            (Level::F, "competitor", &long, Err("competitor")),
        ];
        for (level, reason, competitor, want) in cases {
            let got = Lost::read(level, reason, competitor).map_err(|e| e.field);
            assert_eq!(got, want, "{level:?} {reason:?} {competitor:?}");
        }
    }

    #[test]
    fn an_unknown_reason_lists_the_codes() {
        let err = Lost::read(Level::F, "cheap", "").expect_err("unknown");
        assert_eq!(
            err.problem,
            Problem::InvalidChoice {
                value: "cheap".into(),
                allowed: LostReason::codes(),
            }
        );
    }
}
