//! Talking points for the pre-call brief: what to say to this customer now. They follow the
//! customer's stage (prospect, ordered, owner, lost), the reason of the prompt at hand, the
//! grid cell's strategy (Differentiate), the fit (a catalogue fact that answers their top
//! priority or their worry), the one key fact still worth asking for, and the last promise.
//!
//! Points are codes with parameters; front ends render them in their language.

use serde::{Deserialize, Serialize};

use crate::catalogue::{Trim, trim_field};
use crate::choices::{
    AppointmentKind, DecisionMaker, Energy, KeyFact, Level, LostReason, Priority, Purpose,
};
use crate::differentiate::grid::{Cell, GridClass, SatisfactionStrategy};
use crate::followup::{AfterSaleKind, PromptParams};
use crate::profile::Profile;

/// Where the customer is in the sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Has not ordered yet.
    Prospect,
    /// Ordered, not yet delivered.
    Ordered,
    /// Drives the car they bought.
    Owner,
    /// The sale was lost (F).
    Lost,
}

impl Stage {
    /// The stage from the level and the history: `ordered` and `delivered` say whether the
    /// timeline holds an order and a delivery. A lost (F) customer is lost; a delivered car
    /// (or level D) makes an owner; an order (or level O) not yet delivered, an ordered one.
    pub fn of(level: Level, ordered: bool, delivered: bool) -> Stage {
        match level {
            Level::F => Stage::Lost,
            Level::D => Stage::Owner,
            _ if delivered => Stage::Owner,
            Level::O => Stage::Ordered,
            _ if ordered => Stage::Ordered,
            _ => Stage::Prospect,
        }
    }
}

/// Why a catalogue fact is worth saying.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FitFor {
    /// It answers their top priority.
    Priority,
    /// It answers their worry (running costs).
    Worry,
}

/// A suggestion for the next conversation, as a code (`code`) and its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum TalkingPoint {
    /// A birthday: greet first. `who` is `self` or a family member's relation (code or
    /// words), `name` theirs.
    BirthdayGreeting { who: String, name: String },
    /// A holiday: the greeting (`holiday` is its code).
    HolidayGreeting { holiday: String },
    /// The anniversary of the delivery, `year` years on.
    AnniversaryGreeting { year: u32 },
    /// An open complaint: acknowledge it first …
    AcknowledgeComplaint,
    /// … say what was done about it …
    SayWhatWasDone,
    /// … and ask whether they are satisfied now.
    CheckSatisfaction,
    /// A service, insurance or inspection date: book it.
    BookAfterSale { step: AfterSaleKind },
    /// A call after the delivery: ask how the car is going.
    AskHowTheCarIs,
    /// A stale level: their window passed without an order; ask what changed.
    AskWhatChanged { level: Level },
    /// An appointment they did not keep: make a new one.
    Rebook { appointment: AppointmentKind },
    /// An appointment is coming: confirm it.
    ConfirmAppointment { appointment: AppointmentKind },
    /// Many calls unanswered: try another way (a message) before giving up.
    TryAnotherWay { attempts: usize },
    /// A lost customer's revisit: ask how they are getting on, by why the sale was lost.
    WinBack { lost_reason: Option<LostReason> },
    /// A promise was made last time: keep it.
    KeepPromise { promise: String },
    /// The grid cell's strategy (Differentiate): partner, improve or correct.
    Strategy {
        class: GridClass,
        strategy: SatisfactionStrategy,
    },
    /// Ordered: give news of the delivery and what to bring.
    DeliveryNews,
    /// Someone else decides: invite them to a test drive.
    InviteDecisionMaker,
    /// Worried about running costs: ask about the daily distance.
    AskDailyDistance,
    /// Price matters most: bring the current offer.
    BringOffer,
    /// Space matters, or it is a family car: show the rear seats and the boot.
    ShowSpace,
    /// Safety matters: talk through the safety ratings.
    TalkSafety,
    /// No test drive yet: offer one.
    OfferTestDrive,
    /// A trade-in is possible: offer a valuation.
    OfferValuation,
    /// A catalogue fact of the trim they want that answers them: `field` is the catalogue
    /// field's code (`TRIM_FIELDS`), `value` its value as text, `unit` the field's unit.
    Fit {
        trim: String,
        field: String,
        value: String,
        unit: String,
        #[serde(rename = "for")]
        #[cfg_attr(feature = "ts", ts(rename = "for"))]
        answers: FitFor,
        priority: Option<Priority>,
    },
    /// One key fact still unknown: ask for it.
    AskKeyFact { fact: KeyFact },
}

/// What the points are drawn from.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub profile: &'a Profile,
    pub stage: Stage,
    /// The prompt the brief is for (opened from a Today row), if any.
    pub reason: Option<&'a PromptParams>,
    /// The customer's grid cell (an owner asked about satisfaction).
    pub cell: Option<Cell>,
    /// The catalogue trim their intended model names.
    pub trim: Option<&'a Trim>,
    /// The last promise, while not yet kept.
    pub promise: Option<&'a str>,
    pub had_test_drive: bool,
}

/// Words in a worry that are about running costs.
const COST_WORDS: &[&str] = &[
    "油耗",
    "油费",
    "电费",
    "费用",
    "成本",
    "续航",
    "保养费",
    "養車",
    "费",
    "費",
    "cost",
    "fuel",
];

fn worried_about_costs(p: &Profile) -> bool {
    p.worry
        .as_deref()
        .is_some_and(|w| COST_WORDS.iter().any(|c| w.to_lowercase().contains(c)))
}

/// The points worth raising, most important first.
pub fn talking_points(c: &Context<'_>) -> Vec<TalkingPoint> {
    use TalkingPoint as T;
    let p = c.profile;
    let mut out = Vec::new();

    // The reason of the call comes first: a greeting, a complaint, a date to book.
    if let Some(reason) = c.reason {
        match reason {
            PromptParams::Birthday { who, name, .. } => out.push(T::BirthdayGreeting {
                who: who.clone(),
                name: name.clone(),
            }),
            PromptParams::Holiday { holiday } => out.push(T::HolidayGreeting {
                holiday: holiday.clone(),
            }),
            PromptParams::Complaint { .. } => out.extend([
                T::AcknowledgeComplaint,
                T::SayWhatWasDone,
                T::CheckSatisfaction,
            ]),
            PromptParams::SatisfactionCheck { .. } => {
                out.extend([T::SayWhatWasDone, T::CheckSatisfaction])
            }
            PromptParams::AfterSale { step, year, .. } => out.push(match step {
                AfterSaleKind::Call => T::AskHowTheCarIs,
                AfterSaleKind::Anniversary => T::AnniversaryGreeting { year: *year },
                step => T::BookAfterSale { step: *step },
            }),
            PromptParams::Regrade { level, .. } => out.push(T::AskWhatChanged { level: *level }),
            PromptParams::NoShow { appointment, .. } => out.push(T::Rebook {
                appointment: *appointment,
            }),
            PromptParams::NextStep {
                appointment: Some(appointment),
                ..
            } => out.push(T::ConfirmAppointment {
                appointment: *appointment,
            }),
            PromptParams::ProposeLost { attempts } => out.push(T::TryAnotherWay {
                attempts: *attempts,
            }),
            PromptParams::Revisit { lost_reason } => out.push(T::WinBack {
                lost_reason: *lost_reason,
            }),
            PromptParams::NextStep { .. } | PromptParams::Cadence { .. } => {}
        }
    }
    if let Some(promise) = c.promise {
        out.push(T::KeepPromise {
            promise: promise.to_owned(),
        });
    }
    if let Some(cell) = c.cell {
        out.push(T::Strategy {
            class: cell.class(),
            strategy: cell.satisfaction_strategy(),
        });
    }
    let complaint = matches!(
        c.reason,
        Some(PromptParams::Complaint { .. } | PromptParams::SatisfactionCheck { .. })
    );

    match c.stage {
        Stage::Prospect => {
            if !complaint
                && matches!(
                    p.decision_maker.as_ref().and_then(|d| d.known()),
                    Some(
                        DecisionMaker::Spouse
                            | DecisionMaker::Shared
                            | DecisionMaker::Parents
                            | DecisionMaker::Children
                    )
                )
            {
                out.push(T::InviteDecisionMaker);
            }
            if worried_about_costs(p) {
                out.push(T::AskDailyDistance);
            }
            let first = p.priorities.first().copied();
            if first == Some(Priority::Price) {
                out.push(T::BringOffer);
            }
            if first == Some(Priority::Space) || p.purposes.contains(&Purpose::Family) {
                out.push(T::ShowSpace);
            }
            if first == Some(Priority::Safety) {
                out.push(T::TalkSafety);
            }
            if !c.had_test_drive && !p.models.is_empty() && !complaint {
                out.push(T::OfferTestDrive);
            }
            if p.current_car.is_known() {
                out.push(T::OfferValuation);
            }
        }
        Stage::Ordered => {
            out.push(T::DeliveryNews);
            if p.current_car.is_known() {
                out.push(T::OfferValuation);
            }
        }
        // An owner is not sold to: the reason, the promise and the strategy say it all.
        Stage::Owner => {}
        Stage::Lost => {
            if !out.iter().any(|t| matches!(t, T::WinBack { .. })) {
                out.push(T::WinBack { lost_reason: None });
            }
        }
    }

    // What is still to sell them: the fit, and one key fact to ask for.
    if matches!(c.stage, Stage::Prospect | Stage::Lost) && !complaint {
        if let Some(fit) = c.trim.and_then(|t| fit_point(p, t)) {
            out.push(fit);
        }
        if let Some(fact) = p.unknown_key_facts().first() {
            out.push(T::AskKeyFact { fact: *fact });
        }
    }
    out
}

/// The catalogue fact of `trim` that answers the customer's worry about running costs, else
/// their top priority; `None` when the catalogue does not hold it.
pub fn fit_point(p: &Profile, trim: &Trim) -> Option<TalkingPoint> {
    let (answers, priority) = if worried_about_costs(p) {
        (FitFor::Worry, Priority::FuelEconomy)
    } else {
        (FitFor::Priority, *p.priorities.first()?)
    };
    let (field, value) = fact_for(trim, priority)?;
    Some(TalkingPoint::Fit {
        trim: trim.name(),
        field: field.to_owned(),
        value,
        unit: trim_field(field).map_or("", |f| f.unit).to_owned(),
        answers,
        priority: (answers == FitFor::Priority).then_some(priority),
    })
}

fn decimal(v: f32) -> String {
    let text = format!("{v:.1}");
    text.strip_suffix(".0").map(str::to_owned).unwrap_or(text)
}

/// The catalogue field (its code) and value that speaks to a priority.
fn fact_for(t: &Trim, priority: Priority) -> Option<(&'static str, String)> {
    let electric = matches!(t.energy, Some(Energy::Bev));
    let text = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
    match priority {
        Priority::Power => t
            .power_kw
            .map(|v| ("power_kw", v.to_string()))
            .or_else(|| t.accel_s.map(|v| ("accel_s", decimal(v)))),
        Priority::FuelEconomy => {
            let range = t.range_km.map(|v| ("range_km", v.to_string()));
            let fuel = t.fuel_l100.map(|v| ("fuel_l100", decimal(v)));
            if electric {
                range.or(fuel)
            } else {
                fuel.or(range)
            }
        }
        Priority::Space => t
            .boot_l
            .map(|v| ("boot_l", v.to_string()))
            .or_else(|| t.seats.map(|v| ("seats", v.to_string())))
            .or_else(|| t.wheelbase_mm.map(|v| ("wheelbase_mm", v.to_string()))),
        Priority::Comfort => t
            .wheelbase_mm
            .map(|v| ("wheelbase_mm", v.to_string()))
            .or_else(|| t.length_mm.map(|v| ("length_mm", v.to_string()))),
        Priority::Appearance => (!t.colours.is_empty()).then(|| ("colours", t.colours.join("、"))),
        Priority::Safety => text(&t.adas).map(|v| ("adas", v)),
        Priority::Price => (t.price > 0).then(|| ("price", t.price.to_string())),
        Priority::AfterSales => text(&t.warranty).map(|v| ("warranty", v)),
    }
}

#[cfg(test)]
mod tests;
