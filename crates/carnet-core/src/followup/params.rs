//! Why a prompt is due, typed: one variant per kind of prompt with that kind's parameters.
//!
//! The book keeps them as a map of names to text (`{"level": "H", "last": "2026-11-22"}`);
//! `PromptParams` is read from and written as exactly that map. Front ends receive them typed
//! (carnet-app's `PromptParamsDto`) and render a prompt's reason from them.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::AfterSaleKind;
use crate::birthday::Calendar;
use crate::choices::{AppointmentKind, Level, LostReason};

/// The parameters of a prompt, by its kind (see `PromptKind`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    into = "BTreeMap<String, String>",
    try_from = "BTreeMap<String, String>"
)]
pub enum PromptParams {
    /// The next step set at a contact on `set_on`, with the promise made then (empty if none);
    /// an appointment of its kind when it is one.
    NextStep {
        promise: String,
        set_on: NaiveDate,
        appointment: Option<AppointmentKind>,
    },
    /// An appointment (a visit or test drive) `on` a day (at `time`) the customer did not
    /// keep: no contact since.
    NoShow {
        on: NaiveDate,
        time: Option<NaiveTime>,
        appointment: AppointmentKind,
    },
    /// The level's contact interval; `last` is the last contact's day (`None`: no contact
    /// yet). Front ends count the days since on the day they show it.
    Cadence {
        level: Level,
        last: Option<NaiveDate>,
    },
    /// The level's purchase window has passed; the customer has held it `since`.
    Regrade { level: Level, since: NaiveDate },
    /// This many failed attempts in a row: propose F.
    ProposeLost { attempts: usize },
    /// A lost customer's revisit day has come; why the sale was lost, when known.
    Revisit { lost_reason: Option<LostReason> },
    /// A step of the after-sale schedule: in its `year` after the delivery, `days` after it.
    AfterSale {
        step: AfterSaleKind,
        year: u32,
        days: i64,
    },
    /// A birthday: `who` is `self` (the customer) or a family member's relation (a code, or
    /// the consultant's words), `name` theirs, on `month`-`day` of `calendar`.
    Birthday {
        who: String,
        name: String,
        calendar: Calendar,
        month: u8,
        day: u8,
    },
    /// A holiday greeting; `holiday` is the holiday's code.
    Holiday { holiday: String },
    /// An open complaint, opened on `opened`.
    Complaint { opened: NaiveDate },
    /// A complaint resolved on `resolved`: check satisfaction again.
    SatisfactionCheck { resolved: NaiveDate },
}

impl PromptParams {
    /// The parameters as the book keeps them: by name, as text.
    pub fn to_map(&self) -> BTreeMap<String, String> {
        let pairs: Vec<(&str, String)> = match self {
            PromptParams::NextStep {
                promise,
                set_on,
                appointment,
            } => {
                let mut pairs = vec![("promise", promise.clone()), ("set_on", set_on.to_string())];
                if let Some(kind) = appointment {
                    pairs.push(("appointment", kind.code().to_owned()));
                }
                pairs
            }
            PromptParams::NoShow {
                on,
                time,
                appointment,
            } => vec![
                ("on", on.to_string()),
                (
                    "time",
                    time.map(|t| t.format("%H:%M").to_string())
                        .unwrap_or_default(),
                ),
                ("appointment", appointment.code().to_owned()),
            ],
            PromptParams::Cadence { level, last } => vec![
                ("level", level.code().to_owned()),
                ("last", last.map(|d| d.to_string()).unwrap_or_default()),
            ],
            PromptParams::Regrade { level, since } => vec![
                ("level", level.code().to_owned()),
                ("since", since.to_string()),
            ],
            PromptParams::ProposeLost { attempts } => vec![("attempts", attempts.to_string())],
            PromptParams::Revisit { lost_reason } => lost_reason
                .map(|r| vec![("lost_reason", r.code().to_owned())])
                .unwrap_or_default(),
            PromptParams::AfterSale { step, year, days } => vec![
                ("step", step.code().to_owned()),
                ("year", year.to_string()),
                ("days", days.to_string()),
            ],
            PromptParams::Birthday {
                who,
                name,
                calendar,
                month,
                day,
            } => vec![
                ("who", who.clone()),
                ("name", name.clone()),
                ("calendar", calendar_code(*calendar).to_owned()),
                ("month", month.to_string()),
                ("day", day.to_string()),
            ],
            PromptParams::Holiday { holiday } => vec![("holiday", holiday.clone())],
            PromptParams::Complaint { opened } => vec![("opened", opened.to_string())],
            PromptParams::SatisfactionCheck { resolved } => {
                vec![("resolved", resolved.to_string())]
            }
        };
        pairs
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect()
    }

    /// The parameters from the map the book keeps, told apart by their names.
    pub fn from_map(map: &BTreeMap<String, String>) -> Result<PromptParams, String> {
        let text = |name: &str| {
            map.get(name)
                .cloned()
                .ok_or_else(|| format!("a prompt's parameters lack {name:?}"))
        };
        let parsed = |name: &str| -> Result<_, String> {
            let value = text(name)?;
            Ok((value.clone(), format!("a prompt's {name} is not {value:?}")))
        };
        let date = |name: &str| -> Result<NaiveDate, String> {
            let (value, bad) = parsed(name)?;
            value.parse().map_err(|_| bad)
        };
        let number = |name: &str| -> Result<i64, String> {
            let (value, bad) = parsed(name)?;
            value.parse().map_err(|_| bad)
        };
        let level = |name: &str| -> Result<Level, String> {
            let (value, bad) = parsed(name)?;
            Level::parse(&value).ok_or(bad)
        };
        let small = |name: &str| -> Result<u8, String> {
            let (value, bad) = parsed(name)?;
            value.parse().map_err(|_| bad)
        };
        let has = |name: &str| map.contains_key(name);
        let appointment = || -> Result<AppointmentKind, String> {
            let (value, bad) = parsed("appointment")?;
            AppointmentKind::parse(&value).ok_or(bad)
        };
        let params = if has("set_on") {
            PromptParams::NextStep {
                promise: text("promise")?,
                set_on: date("set_on")?,
                appointment: has("appointment").then(appointment).transpose()?,
            }
        } else if has("on") {
            let (value, bad) = parsed("time")?;
            PromptParams::NoShow {
                on: date("on")?,
                time: match value.as_str() {
                    "" => None,
                    t => Some(NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| bad)?),
                },
                appointment: appointment()?,
            }
        } else if has("last") {
            let last = text("last")?;
            PromptParams::Cadence {
                level: level("level")?,
                last: if last.is_empty() {
                    None
                } else {
                    Some(date("last")?)
                },
            }
        } else if has("since") {
            PromptParams::Regrade {
                level: level("level")?,
                since: date("since")?,
            }
        } else if has("attempts") {
            let (value, bad) = parsed("attempts")?;
            PromptParams::ProposeLost {
                attempts: value.parse().map_err(|_| bad)?,
            }
        } else if has("step") {
            let (value, bad) = parsed("step")?;
            let (year, bad_year) = parsed("year")?;
            PromptParams::AfterSale {
                step: AfterSaleKind::from_code(&value).ok_or(bad)?,
                year: year.parse().map_err(|_| bad_year)?,
                days: number("days")?,
            }
        } else if has("who") {
            let (value, bad) = parsed("calendar")?;
            PromptParams::Birthday {
                who: text("who")?,
                name: text("name")?,
                calendar: match value.as_str() {
                    "lunar" => Calendar::Lunar,
                    "solar" => Calendar::Solar,
                    _ => return Err(bad),
                },
                month: small("month")?,
                day: small("day")?,
            }
        } else if has("holiday") {
            PromptParams::Holiday {
                holiday: text("holiday")?,
            }
        } else if has("opened") {
            PromptParams::Complaint {
                opened: date("opened")?,
            }
        } else if has("resolved") {
            PromptParams::SatisfactionCheck {
                resolved: date("resolved")?,
            }
        } else if has("lost_reason") {
            let (value, bad) = parsed("lost_reason")?;
            PromptParams::Revisit {
                lost_reason: Some(LostReason::parse(&value).ok_or(bad)?),
            }
        } else if map.is_empty() {
            PromptParams::Revisit { lost_reason: None }
        } else {
            let names: Vec<&str> = map.keys().map(String::as_str).collect();
            return Err(format!("no prompt has the parameters {names:?}"));
        };
        Ok(params)
    }
}

impl From<PromptParams> for BTreeMap<String, String> {
    fn from(params: PromptParams) -> BTreeMap<String, String> {
        params.to_map()
    }
}

impl TryFrom<BTreeMap<String, String>> for PromptParams {
    type Error = String;

    fn try_from(map: BTreeMap<String, String>) -> Result<PromptParams, String> {
        PromptParams::from_map(&map)
    }
}

fn calendar_code(calendar: Calendar) -> &'static str {
    match calendar {
        Calendar::Lunar => "lunar",
        Calendar::Solar => "solar",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A map written as the book keeps it, `{"name":"value",…}` (no commas or quotes inside).
    fn map(kept: &str) -> BTreeMap<String, String> {
        let inner = kept.trim_start_matches('{').trim_end_matches('}');
        inner
            .split(',')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (name, value) = pair.split_once(':').expect("name:value");
                (
                    name.trim_matches('"').to_owned(),
                    value.trim_matches('"').to_owned(),
                )
            })
            .collect()
    }

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("valid")
    }

    #[test]
    fn every_kind_is_kept_as_its_map_and_read_back_the_same() {
        let cases = [
            (
                PromptParams::NextStep {
                    promise: "报价".into(),
                    set_on: day(11, 20),
                    appointment: None,
                },
                r#"{"promise":"报价","set_on":"2026-11-20"}"#,
            ),
            (
                PromptParams::NextStep {
                    promise: String::new(),
                    set_on: day(11, 20),
                    appointment: None,
                },
                r#"{"promise":"","set_on":"2026-11-20"}"#,
            ),
            (
                PromptParams::NextStep {
                    promise: String::new(),
                    set_on: day(11, 20),
                    appointment: Some(AppointmentKind::TestDrive),
                },
                r#"{"appointment":"test_drive","promise":"","set_on":"2026-11-20"}"#,
            ),
            (
                PromptParams::NoShow {
                    on: day(12, 8),
                    time: NaiveTime::from_hms_opt(14, 0, 0),
                    appointment: AppointmentKind::Visit,
                },
                r#"{"appointment":"visit","on":"2026-12-08","time":"14:00"}"#,
            ),
            (
                PromptParams::NoShow {
                    on: day(12, 8),
                    time: None,
                    appointment: AppointmentKind::TestDrive,
                },
                r#"{"appointment":"test_drive","on":"2026-12-08","time":""}"#,
            ),
            (
                PromptParams::Cadence {
                    level: Level::H,
                    last: Some(day(11, 22)),
                },
                r#"{"last":"2026-11-22","level":"H"}"#,
            ),
            (
                PromptParams::Cadence {
                    level: Level::N,
                    last: None,
                },
                r#"{"last":"","level":"N"}"#,
            ),
            (
                PromptParams::Regrade {
                    level: Level::A,
                    since: day(10, 1),
                },
                r#"{"level":"A","since":"2026-10-01"}"#,
            ),
            (
                PromptParams::ProposeLost { attempts: 5 },
                r#"{"attempts":"5"}"#,
            ),
            (PromptParams::Revisit { lost_reason: None }, "{}"),
            (
                PromptParams::Revisit {
                    lost_reason: Some(LostReason::Competitor),
                },
                r#"{"lost_reason":"competitor"}"#,
            ),
            (
                PromptParams::AfterSale {
                    step: AfterSaleKind::Insurance,
                    year: 1,
                    days: 335,
                },
                r#"{"days":"335","step":"insurance","year":"1"}"#,
            ),
            (
                PromptParams::Birthday {
                    who: "self".into(),
                    name: "张三".into(),
                    calendar: Calendar::Lunar,
                    month: 8,
                    day: 15,
                },
                r#"{"calendar":"lunar","day":"15","month":"8","name":"张三","who":"self"}"#,
            ),
            (
                PromptParams::Birthday {
                    who: "老丈人".into(),
                    name: "李".into(),
                    calendar: Calendar::Solar,
                    month: 2,
                    day: 29,
                },
                r#"{"calendar":"solar","day":"29","month":"2","name":"李","who":"老丈人"}"#,
            ),
            (
                PromptParams::Holiday {
                    holiday: "mid_autumn".into(),
                },
                r#"{"holiday":"mid_autumn"}"#,
            ),
            (
                PromptParams::Complaint { opened: day(11, 2) },
                r#"{"opened":"2026-11-02"}"#,
            ),
            (
                PromptParams::SatisfactionCheck {
                    resolved: day(11, 3),
                },
                r#"{"resolved":"2026-11-03"}"#,
            ),
        ];
        for (params, kept) in cases {
            let kept = map(kept);
            assert_eq!(params.to_map(), kept, "{params:?}");
            assert_eq!(PromptParams::try_from(kept.clone()), Ok(params), "{kept:?}");
        }
    }

    #[test]
    fn parameters_no_prompt_has_are_refused() {
        for kept in [
            r#"{"level":"H"}"#,
            r#"{"last":"2026-11-22","level":"Q"}"#,
            r#"{"last":"yesterday","level":"H"}"#,
            r#"{"days":"1","step":"wash","year":"0"}"#,
            r#"{"calendar":"moon","day":"1","month":"1","name":"x","who":"self"}"#,
            r#"{"attempts":"many"}"#,
            r#"{"lost_reason":"bored"}"#,
            r#"{"appointment":"lunch","on":"2026-12-08","time":""}"#,
            r#"{"appointment":"visit","on":"2026-12-08","time":"2pm"}"#,
            r#"{"appointment":"dance","promise":"","set_on":"2026-11-20"}"#,
        ] {
            assert!(PromptParams::try_from(map(kept)).is_err(), "{kept}");
        }
    }
}
