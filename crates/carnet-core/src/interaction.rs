//! Interactions: every contact with a customer, as typed and as kept.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::choices::{AppointmentKind, InteractionKind, Outcome};
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
    /// Whether the next step is an appointment: "visit" or "test_drive" (or their Chinese
    /// words), empty for none. Needs a `next` day.
    pub appointment: String,
    /// What a service visit cost the customer, in yuan ("1200", "1,200", "0.12万"); empty
    /// when not known. Only on a service.
    pub spend: String,
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
    /// The next step is an appointment of this kind (its day and time are `next`'s).
    pub appointment: Option<AppointmentKind>,
    /// Yuan, on a service: what it cost the customer.
    pub spend: Option<i64>,
}

/// The most a spend may be, in yuan (a hundred million: a typo beyond that).
pub const SPEND_MAX_YUAN: i64 = 100_000_000;

/// Reads an amount of yuan as consultants write it: "1200", "1,200", "¥1200元", "0.12万",
/// "1.2千", full-width digits. Unlike a budget, a bare number is yuan ("500" is 500 yuan: a
/// service costs hundreds). `None` for anything else, a negative amount, or more than
/// [`SPEND_MAX_YUAN`].
pub fn parse_yuan(raw: &str) -> Option<i64> {
    let text: String = raw
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' => Some('.'),
            ',' | '，' | ' ' | '\u{3000}' | '¥' | '￥' | '元' => None,
            c => Some(c.to_ascii_lowercase()),
        })
        .collect();
    let (number, unit) = if let Some(n) = text.strip_suffix('万').or(text.strip_suffix('w')) {
        (n, 10_000.0)
    } else if let Some(n) = text.strip_suffix('千').or(text.strip_suffix('k')) {
        (n, 1_000.0)
    } else {
        (text.as_str(), 1.0)
    };
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let value: f64 = number.parse().ok()?;
    let yuan = (value * unit).round();
    #[allow(clippy::cast_possible_truncation)]
    (yuan.is_finite() && (0.0..=SPEND_MAX_YUAN as f64).contains(&yuan)).then_some(yuan as i64)
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
        let appointment = match self.appointment.trim() {
            "" => None,
            raw => Some(AppointmentKind::parse(raw).ok_or_else(|| {
                Invalid::new(
                    "appointment",
                    Problem::InvalidChoice {
                        value: raw.to_owned(),
                        allowed: AppointmentKind::codes(),
                    },
                )
            })?),
        };
        // An appointment is a next step on a day.
        if appointment.is_some() && next.is_none() {
            return Err(Invalid::new("appointment", Problem::Required));
        }
        let spend = match self.spend.trim() {
            "" => None,
            // What a visit cost is kept on a service only: the kind is named as not one that
            // takes a spend.
            _ if kind != InteractionKind::Service => {
                return Err(Invalid::new(
                    "spend",
                    Problem::InvalidChoice {
                        value: kind.code().to_owned(),
                        allowed: vec![InteractionKind::Service.code()],
                    },
                ));
            }
            raw => Some(parse_yuan(raw).ok_or_else(|| {
                Invalid::new(
                    "spend",
                    Problem::InvalidNumber {
                        value: raw.to_owned(),
                    },
                )
            })?),
        };
        Ok(InteractionFacts {
            kind,
            at,
            outcome,
            satisfaction,
            promise: text("promise", &self.promise, SHORT_MAX_CHARS)?,
            notes: text("notes", &self.notes, LONG_MAX_CHARS)?,
            next,
            appointment,
            spend,
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
        let with = |kind: &str, next: &str, appointment: &str, spend: &str| InteractionDraft {
            appointment: appointment.into(),
            spend: spend.into(),
            ..draft(kind, "", next)
        };
        let cases = cases.into_iter().chain([
            (with("call", "", "visit", ""), "appointment"),
            (with("call", "2026-11-27 14:00", "lunch", ""), "appointment"),
            (with("call", "", "", "1200"), "spend"),
            (with("visit", "", "", "0"), "spend"),
            (with("service", "", "", "很多"), "spend"),
            (with("service", "", "", "-5"), "spend"),
            (with("service", "", "", "2亿"), "spend"),
            (with("service", "", "", "20000万"), "spend"),
        ]);
        for (bad, field) in cases {
            assert_eq!(
                bad.validate(now()).expect_err("refused").field,
                field,
                "{bad:?}"
            );
        }
    }

    /// Kind, next step, appointment and spend typed; the appointment and spend read.
    type Logged<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        Option<AppointmentKind>,
        Option<i64>,
    );

    #[test]
    fn an_appointment_and_a_service_spend() {
        let logged = |kind: &str, next: &str, appointment: &str, spend: &str| {
            InteractionDraft {
                appointment: appointment.into(),
                spend: spend.into(),
                ..draft(kind, "", next)
            }
            .validate(now())
            .expect("valid")
        };
        let cases: [Logged; 9] = [
            (
                "call",
                "2026-12-08 14:00",
                "visit",
                "",
                Some(AppointmentKind::Visit),
                None,
            ),
            (
                "call",
                "2026-12-08",
                "试驾",
                "",
                Some(AppointmentKind::TestDrive),
                None,
            ),
            (
                "call",
                "2026-12-08",
                "Test_Drive",
                "",
                Some(AppointmentKind::TestDrive),
                None,
            ),
            ("call", "2026-12-08", " ", "", None, None),
            ("service", "", "", "1200", None, Some(1200)),
            ("service", "", "", "1,200", None, Some(1200)),
            ("service", "", "", "0.12万", None, Some(1200)),
            ("service", "", "", "￥５００元", None, Some(500)),
            ("service", "", "", "0", None, Some(0)),
        ];
        for (kind, next, appointment, spend, want_appointment, want_spend) in cases {
            let facts = logged(kind, next, appointment, spend);
            assert_eq!(
                (facts.appointment, facts.spend),
                (want_appointment, want_spend),
                "{kind} {next} {appointment:?} {spend:?}"
            );
        }
    }

    #[test]
    fn amounts_of_yuan() {
        let cases = [
            ("1200", Some(1200)),
            ("1.2千", Some(1200)),
            ("1.5k", Some(1500)),
            ("3w", Some(30_000)),
            ("12.345", Some(12)),
            ("", None),
            ("万", None),
            ("1e3", None),
            ("1-2万", None),
            ("100000001", None),
        ];
        for (raw, want) in cases {
            assert_eq!(parse_yuan(raw), want, "{raw:?}");
        }
    }
}
