//! Interactions: every contact with a customer, as typed and as kept.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::choices::{InteractionKind, Outcome};
use crate::profile::{Invalid, LONG_MAX_CHARS, Problem, SHORT_MAX_CHARS};

/// When something is due: a day, and a time if one was set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DueAt {
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub date: NaiveDate,
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub time: Option<NaiveTime>,
}

impl DueAt {
    /// Reads "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" (also with `/`, a `T`, full-width digits).
    pub fn parse(raw: &str) -> Option<DueAt> {
        let text: String = raw
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '/' | '.' => '-',
                'T' | '\u{3000}' => ' ',
                '：' => ':',
                c => c,
            })
            .collect();
        let mut parts = text.split_whitespace();
        let date = NaiveDate::parse_from_str(parts.next()?, "%Y-%m-%d").ok()?;
        let time = match parts.next() {
            None => None,
            Some(t) => Some(NaiveTime::parse_from_str(t, "%H:%M").ok()?),
        };
        if parts.next().is_some() {
            return None;
        }
        Some(DueAt { date, time })
    }

    /// The text `parse` reads back.
    pub fn to_input(&self) -> String {
        match self.time {
            Some(t) => format!("{} {}", self.date.format("%Y-%m-%d"), t.format("%H:%M")),
            None => self.date.format("%Y-%m-%d").to_string(),
        }
    }
}

/// What a person typed to log an interaction, unchecked. `at` empty means now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct InteractionDraft {
    pub kind: String,
    /// "YYYY-MM-DD HH:MM", empty for now.
    pub at: String,
    pub outcome: String,
    /// 1 (very dissatisfied) to 5 (very satisfied), empty if not asked.
    pub satisfaction: String,
    pub promise: String,
    pub notes: String,
    /// The next step: "YYYY-MM-DD" or "YYYY-MM-DD HH:MM", empty for none.
    pub next: String,
}

/// A checked interaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InteractionFacts {
    pub kind: InteractionKind,
    pub at: NaiveDateTime,
    pub outcome: Option<Outcome>,
    pub satisfaction: Option<u8>,
    pub promise: Option<String>,
    pub notes: Option<String>,
    pub next: Option<DueAt>,
}

fn text(field: &'static str, raw: &str, max: usize) -> Result<Option<String>, Invalid> {
    let value = raw.trim();
    if value.chars().count() > max {
        return Err(Invalid::new(field, Problem::TooLong { max }));
    }
    Ok((!value.is_empty()).then(|| value.to_owned()))
}

impl InteractionDraft {
    /// Checks the draft against `now` (the consultant's local time): an interaction cannot
    /// have happened in the future, and a next step cannot be in the past.
    pub fn validate(&self, now: NaiveDateTime) -> Result<InteractionFacts, Invalid> {
        let kind_raw = self.kind.trim();
        if kind_raw.is_empty() {
            return Err(Invalid::new("kind", Problem::Required));
        }
        let kind = InteractionKind::parse(kind_raw).ok_or_else(|| {
            Invalid::new(
                "kind",
                Problem::InvalidChoice {
                    value: kind_raw.to_owned(),
                    allowed: InteractionKind::codes(),
                },
            )
        })?;
        let at = match self.at.trim() {
            "" => now,
            raw => {
                let due = DueAt::parse(raw)
                    .filter(|d| d.date.and_time(d.time.unwrap_or(NaiveTime::MIN)) <= now);
                let due = due.ok_or_else(|| {
                    Invalid::new(
                        "at",
                        Problem::InvalidDate {
                            value: raw.to_owned(),
                        },
                    )
                })?;
                due.date.and_time(due.time.unwrap_or_else(|| now.time()))
            }
        };
        let outcome = match self.outcome.trim() {
            "" => None,
            raw => Some(Outcome::parse(raw).ok_or_else(|| {
                Invalid::new(
                    "outcome",
                    Problem::InvalidChoice {
                        value: raw.to_owned(),
                        allowed: Outcome::codes(),
                    },
                )
            })?),
        };
        let satisfaction = match self.satisfaction.trim() {
            "" => None,
            raw => Some(
                raw.parse::<u8>()
                    .ok()
                    .filter(|s| (1..=5).contains(s))
                    .ok_or_else(|| {
                        Invalid::new(
                            "satisfaction",
                            Problem::InvalidNumber {
                                value: raw.to_owned(),
                            },
                        )
                    })?,
            ),
        };
        let next = match self.next.trim() {
            "" => None,
            raw => Some(
                DueAt::parse(raw)
                    .filter(|d| d.date >= now.date())
                    .ok_or_else(|| {
                        Invalid::new(
                            "next",
                            Problem::InvalidDate {
                                value: raw.to_owned(),
                            },
                        )
                    })?,
            ),
        };
        Ok(InteractionFacts {
            kind,
            at,
            outcome,
            satisfaction,
            promise: text("promise", &self.promise, SHORT_MAX_CHARS)?,
            notes: text("notes", &self.notes, LONG_MAX_CHARS)?,
            next,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 25)
            .and_then(|d| d.and_hms_opt(10, 30, 0))
            .expect("valid")
    }

    fn draft(kind: &str, at: &str, next: &str) -> InteractionDraft {
        InteractionDraft {
            kind: kind.into(),
            at: at.into(),
            next: next.into(),
            ..InteractionDraft::default()
        }
    }

    #[test]
    fn interactions_as_logged() {
        let now_call = draft("call", "", "2026-11-27 15:00")
            .validate(now())
            .expect("valid");
        assert_eq!(now_call.at, now());
        assert_eq!(
            now_call.next.map(|n| n.to_input()).as_deref(),
            Some("2026-11-27 15:00")
        );
        let earlier = draft("试驾", "2026-11-24 18:10", "")
            .validate(now())
            .expect("valid");
        assert_eq!(earlier.kind, InteractionKind::TestDrive);
        assert_eq!(earlier.at.to_string(), "2026-11-24 18:10:00");
        let day_only = draft("visit", "2026-11-24", "2026-11-25")
            .validate(now())
            .expect("valid");
        assert_eq!(day_only.at.date().to_string(), "2026-11-24");

        let cases = [
            (draft("", "", ""), "kind"),
            (draft("dance", "", ""), "kind"),
            (draft("call", "2026-11-26 09:00", ""), "at"),
            (draft("call", "yesterday", ""), "at"),
            (draft("call", "", "2026-11-24"), "next"),
            (draft("call", "", "2026-13-01"), "next"),
            (
                InteractionDraft {
                    satisfaction: "6".into(),
                    ..draft("call", "", "")
                },
                "satisfaction",
            ),
            (
                InteractionDraft {
                    outcome: "maybe".into(),
                    ..draft("call", "", "")
                },
                "outcome",
            ),
        ];
        for (bad, field) in cases {
            assert_eq!(
                bad.validate(now()).expect_err("refused").field,
                field,
                "{bad:?}"
            );
        }
    }
}
