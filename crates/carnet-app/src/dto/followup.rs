//! The Interact step as front ends see it: the timeline (interactions, level changes, and
//! what an order or a delivery is typed as), Today's agenda and its one-keystroke outcomes,
//! desktop notices, and the pre-call brief.

use std::collections::BTreeMap;

use carnet_core::brief::{Stage, TalkingPoint};
use carnet_core::followup::{AfterSaleKind, PromptParams};
use carnet_core::history::{Interaction, LevelChange};
use carnet_core::{
    AppointmentKind, Calendar, DecisionMaker, InteractionKind, KeyFact, Level, LostReason, Outcome,
    Pick, Priority, PromptKind, Relation,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An interaction as front ends see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InteractionDto {
    pub id: String,
    pub kind: InteractionKind,
    /// Local time, "YYYY-MM-DD HH:MM".
    pub at: String,
    pub outcome: Option<Outcome>,
    pub satisfaction: Option<u8>,
    pub promise: Option<String>,
    pub notes: Option<String>,
    /// "YYYY-MM-DD" or "YYYY-MM-DD HH:MM".
    pub next: Option<String>,
    /// The next step is an appointment of this kind (on `next`).
    pub appointment: Option<AppointmentKind>,
    /// Yuan, on a service.
    pub spend: Option<i64>,
    pub model: Option<String>,
    /// Yuan.
    pub price: Option<i64>,
    pub expected_delivery: Option<String>,
    pub vin: Option<String>,
    pub plate: Option<String>,
    pub resolved_at: Option<String>,
    pub resolution: Option<String>,
}

impl From<Interaction> for InteractionDto {
    fn from(i: Interaction) -> InteractionDto {
        let f = i.facts;
        InteractionDto {
            id: i.id,
            kind: f.kind,
            at: f.at.format("%Y-%m-%d %H:%M").to_string(),
            outcome: f.outcome,
            satisfaction: f.satisfaction,
            promise: f.promise,
            notes: f.notes,
            next: f.next.map(|n| n.to_input()),
            appointment: f.appointment,
            spend: f.spend,
            model: i.sale.model,
            price: i.sale.price,
            expected_delivery: i.sale.expected_delivery.map(|d| d.to_string()),
            vin: i.sale.vin,
            plate: i.sale.plate,
            resolved_at: i.resolved_at.map(|d| d.to_string()),
            resolution: i.resolution,
        }
    }
}

/// A change of level as front ends see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LevelChangeDto {
    /// Local time, "YYYY-MM-DD HH:MM:SS".
    pub changed_at: String,
    pub from: Level,
    pub to: Level,
    pub reason: Option<String>,
    pub revisit: Option<String>,
    /// Why a sale was lost (a change to F).
    pub lost_reason: Option<LostReason>,
    /// For a sale lost to a competitor, which brand or model.
    pub competitor: Option<String>,
}

impl From<LevelChange> for LevelChangeDto {
    fn from(c: LevelChange) -> LevelChangeDto {
        LevelChangeDto {
            changed_at: c.changed_at,
            from: c.from,
            to: c.to,
            reason: c.reason,
            revisit: c.revisit.map(|d| d.to_string()),
            lost_reason: c.lost_reason,
            competitor: c.competitor,
        }
    }
}

/// Where a prompt stands on the day Today shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum When {
    Overdue,
    Today,
    Upcoming,
}

/// A prompt as front ends see it: the reason is its `params` (tagged with its `kind`), rendered
/// by each front end in its language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PromptDto {
    pub key: String,
    pub kind: PromptKind,
    /// "YYYY-MM-DD".
    pub due: String,
    /// "HH:MM", when a time was set.
    pub time: Option<String>,
    /// 1 is the most urgent.
    pub priority: u8,
    /// Why it is due: the prompt's parameters, tagged with the same `kind`.
    pub params: PromptParamsDto,
    pub when: When,
    /// Days from the day shown to the due day (negative when overdue).
    pub in_days: i64,
    /// The occasion of the message the prompt calls for (a birthday, a holiday …), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub occasion: Option<carnet_core::choices::Occasion>,
}

/// A prompt's parameters as front ends see them, typed and tagged with the prompt's kind
/// (carnet-core's `PromptParams`, with dates as "YYYY-MM-DD"); for a contact due by the level's
/// interval, also the days since the last contact on the day shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PromptParamsDto {
    /// The level's contact interval: `last` is the last contact's day and `days` the days
    /// since it (both `null`: no contact yet).
    Cadence {
        level: Level,
        last: Option<String>,
        days: Option<i64>,
    },
    /// The next step set at a contact on `set_on`, with the promise made then (empty if none);
    /// an appointment of its kind when it is one (its day and time are the prompt's).
    NextStep {
        promise: String,
        set_on: String,
        appointment: Option<AppointmentKind>,
    },
    /// An appointment `on` a day ("YYYY-MM-DD", at `time`, "HH:MM") the customer did not
    /// keep: no contact since.
    NoShow {
        on: String,
        time: Option<String>,
        appointment: AppointmentKind,
    },
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
    Complaint { opened: String },
    /// A complaint resolved on `resolved`: check satisfaction again.
    SatisfactionCheck { resolved: String },
    /// The level's purchase window has passed; the customer has held it `since`.
    Regrade { level: Level, since: String },
    /// This many failed attempts in a row: propose F.
    ProposeLost { attempts: usize },
    /// A lost customer's revisit day has come; why the sale was lost, when known.
    Revisit { lost_reason: Option<LostReason> },
}

impl PromptParamsDto {
    /// A prompt's parameters as shown on `today` (which the days since the last contact are
    /// counted to).
    pub fn new(params: &PromptParams, today: NaiveDate) -> PromptParamsDto {
        let day = |d: &NaiveDate| d.to_string();
        match params {
            PromptParams::Cadence { level, last } => PromptParamsDto::Cadence {
                level: *level,
                last: last.as_ref().map(day),
                days: last.map(|last| (today - last).num_days()),
            },
            PromptParams::NextStep {
                promise,
                set_on,
                appointment,
            } => PromptParamsDto::NextStep {
                promise: promise.clone(),
                set_on: day(set_on),
                appointment: *appointment,
            },
            PromptParams::NoShow {
                on,
                time,
                appointment,
            } => PromptParamsDto::NoShow {
                on: day(on),
                time: time.map(|t| t.format("%H:%M").to_string()),
                appointment: *appointment,
            },
            PromptParams::AfterSale { step, year, days } => PromptParamsDto::AfterSale {
                step: *step,
                year: *year,
                days: *days,
            },
            PromptParams::Birthday {
                who,
                name,
                calendar,
                month,
                day,
            } => PromptParamsDto::Birthday {
                who: who.clone(),
                name: name.clone(),
                calendar: *calendar,
                month: *month,
                day: *day,
            },
            PromptParams::Holiday { holiday } => PromptParamsDto::Holiday {
                holiday: holiday.clone(),
            },
            PromptParams::Complaint { opened } => PromptParamsDto::Complaint {
                opened: day(opened),
            },
            PromptParams::SatisfactionCheck { resolved } => PromptParamsDto::SatisfactionCheck {
                resolved: day(resolved),
            },
            PromptParams::Regrade { level, since } => PromptParamsDto::Regrade {
                level: *level,
                since: day(since),
            },
            PromptParams::ProposeLost { attempts } => PromptParamsDto::ProposeLost {
                attempts: *attempts,
            },
            PromptParams::Revisit { lost_reason } => PromptParamsDto::Revisit {
                lost_reason: *lost_reason,
            },
        }
    }

    /// The parameters by name, each as text (`last` and `days` left out while there was no
    /// contact), for front ends that fill a sentence's blanks by name.
    pub fn texts(&self) -> BTreeMap<String, String> {
        let serde_json::Value::Object(fields) =
            serde_json::to_value(self).expect("a prompt's parameters serialise")
        else {
            unreachable!("a prompt's parameters serialise as an object")
        };
        fields
            .into_iter()
            .filter(|(name, _)| name != "kind")
            .filter_map(|(name, value)| match value {
                serde_json::Value::Null => None,
                serde_json::Value::String(text) => Some((name, text)),
                other => Some((name, other.to_string())),
            })
            .collect()
    }

    /// The kind of prompt these are the parameters of (the `kind` they are tagged with).
    pub fn kind(&self) -> PromptKind {
        match self {
            PromptParamsDto::Cadence { .. } => PromptKind::Cadence,
            PromptParamsDto::NextStep { .. } => PromptKind::NextStep,
            PromptParamsDto::NoShow { .. } => PromptKind::NoShow,
            PromptParamsDto::AfterSale { .. } => PromptKind::AfterSale,
            PromptParamsDto::Birthday { .. } => PromptKind::Birthday,
            PromptParamsDto::Holiday { .. } => PromptKind::Holiday,
            PromptParamsDto::Complaint { .. } => PromptKind::Complaint,
            PromptParamsDto::SatisfactionCheck { .. } => PromptKind::SatisfactionCheck,
            PromptParamsDto::Regrade { .. } => PromptKind::Regrade,
            PromptParamsDto::ProposeLost { .. } => PromptKind::ProposeLost,
            PromptParamsDto::Revisit { .. } => PromptKind::Revisit,
        }
    }
}

/// One row of Today: a customer and all their prompts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgendaRow {
    pub customer_id: String,
    pub name: String,
    pub level: Level,
    pub phone_display: Option<String>,
    pub when: When,
    pub prompts: Vec<PromptDto>,
    /// Their tier today: among rows due the same day, higher tiers come first.
    pub tier: carnet_core::Tier,
    /// An owner whose latest satisfaction is low: they come first among the day's rows (seed
    /// 002's D class: call now, resolve their complaint fast).
    pub unhappy: bool,
}

/// Today (or another day): the customers to contact, overdue first, then today, then the
/// next days; within a day, unhappy owners first, then by tier, urgency and level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Agenda {
    /// "YYYY-MM-DD".
    pub date: String,
    pub rows: Vec<AgendaRow>,
    /// Prompts due on or before the day.
    pub due: u64,
    /// Prompts due on or before the day and in the days after (the rows show the first
    /// `AGENDA_PROMPTS` of them).
    pub total: u64,
}

/// A family birthday coming up, for the brief.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FamilyDate {
    /// A relation's code, or the consultant's words for it.
    #[ts(as = "String")]
    pub relation: Pick<Relation>,
    pub name: String,
    /// The solar date it falls on, "YYYY-MM-DD".
    pub date: String,
    pub birthday: carnet_core::Birthday,
}

/// The pre-call brief: what to know before calling.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Brief {
    pub customer_id: String,
    pub name: String,
    pub level: Level,
    pub phones_display: Vec<String>,
    pub priorities: Vec<Priority>,
    pub cares: Option<String>,
    pub worry: Option<String>,
    /// A decision-maker's code, or the consultant's words for them.
    #[ts(as = "Option<String>")]
    pub decision_maker: Option<Pick<DecisionMaker>>,
    pub decision_maker_name: Option<String>,
    pub last_contact: Option<InteractionDto>,
    /// The last promise made, while not yet kept (no contact since its next step).
    pub last_promise: Option<String>,
    pub last_satisfaction: Option<u8>,
    pub family_dates: Vec<FamilyDate>,
    pub unknown: Vec<KeyFact>,
    /// Prospect, ordered, owner or lost: what the talking points follow.
    pub stage: Stage,
    /// The prompt the brief is for (the one asked for, else the customer's most urgent one),
    /// whose reason the talking points answer first.
    pub prompt: Option<PromptDto>,
    /// The catalogue trim their intended model names, when one does ("汉 EV 605KM 尊贵型").
    pub trim: Option<String>,
    /// What to say, most important first: codes with parameters, rendered by front ends.
    pub talking_points: Vec<TalkingPoint>,
    /// For a prospect, the catalogue's trims that fit them best (at most [`BRIEF_FITS`]), as
    /// the customer page ranks them, with their reasons; empty for anyone else or an empty
    /// catalogue.
    pub fits: Vec<carnet_core::fit::Fit>,
}

/// How many fitting trims the brief names.
pub const BRIEF_FITS: usize = 3;

/// A desktop notification to show: the day's summary, or a prompt with a set time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Notice {
    /// Passed back to `mark_notified` once shown.
    pub key: String,
    /// For the day's summary: how many rows of today's plan are still to do.
    pub due_count: Option<u64>,
    pub customer_id: Option<String>,
    pub name: Option<String>,
    pub prompt: Option<PromptDto>,
}

/// A one-keystroke outcome on a Today row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QuickOutcome {
    /// Called and reached: logs the call; the next contact follows the level.
    Reached,
    /// Called, not reached: logs the attempt.
    NotReached,
    /// Not now: shown again on `date` (default tomorrow).
    Reschedule,
    /// Done without a call (a greeting sent, a step taken).
    Done,
}

/// What a one-keystroke outcome did, so it can be undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Undo {
    pub customer_id: String,
    pub key: String,
    pub interaction_id: Option<String>,
}

/// An order, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct OrderInput {
    pub model: String,
    /// "15.8万" or "158000".
    pub price: String,
    /// When it was ordered; empty for now.
    pub at: String,
    pub expected_delivery: String,
}

/// A change of level, as typed (the level itself is chosen from the list). For F: why the sale
/// was lost (a `LostReason` code or its words; required), the competitor's brand or model (for
/// `competitor`), the words, and the win-back date ("YYYY-MM-DD"; empty for the rules' days
/// from today).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct LevelInput {
    pub reason: String,
    pub revisit: String,
    pub lost_reason: String,
    pub competitor: String,
}

/// A delivery, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DeliveryInput {
    pub at: String,
    pub vin: String,
    pub plate: String,
}

#[cfg(test)]
mod tests;
