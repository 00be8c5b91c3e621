//! A customer's history: their family, their timeline of interactions, the changes of their
//! level and of their key facts, and what the consultant did with their follow-up prompts.
//!
//! One set of types for everyone who holds it: carnet-store reads and writes them, carnet-io's
//! JSON export (de)serializes them as they are (their serde shape *is* the export's), and
//! carnet-app passes them from one to the other. None of them names its customer: in the
//! book the customer is a column beside them, in an export they hang off the customer.
//!
//! A damaged export is explained in the words it was before these types were the export's:
//! what serde expected is named as the export's records were (`struct FamilyRecord`,
//! `struct InteractionRecord` …).

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::choices::{
    AppointmentKind, InteractionKind, KeyFact, Level, LostReason, Outcome, PromptKind,
};
use crate::family::FamilyFacts;
use crate::interaction::{DueAt, InteractionFacts};

/// A family member of a customer, as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(expecting = "struct FamilyRecord")]
pub struct FamilyMember {
    pub id: String,
    pub created_at: DateTime<Utc>,
    #[serde(flatten)]
    pub facts: FamilyFacts,
}

/// What an order or a delivery adds to an interaction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SaleDetails {
    pub model: Option<String>,
    /// Yuan.
    pub price: Option<i64>,
    pub expected_delivery: Option<NaiveDate>,
    pub vin: Option<String>,
    pub plate: Option<String>,
}

/// An interaction as kept: no "not in the future" check applies to history.
///
/// In an export it is one flat record (`InteractionRecord` below): the next step is written
/// as `next_date` and `next_time`, and the sale's details beside the facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interaction {
    pub id: String,
    pub facts: InteractionFacts,
    pub sale: SaleDetails,
    pub resolved_at: Option<NaiveDate>,
    pub resolution: Option<String>,
    /// When it was recorded (not when it happened).
    pub created_at: DateTime<Utc>,
}

/// An interaction as an export writes it, field by field in the export's order.
#[derive(Serialize)]
struct InteractionRecordRef<'a> {
    id: &'a str,
    created_at: &'a DateTime<Utc>,
    kind: InteractionKind,
    at: &'a NaiveDateTime,
    outcome: Option<Outcome>,
    satisfaction: Option<u8>,
    promise: &'a Option<String>,
    notes: &'a Option<String>,
    next_date: Option<NaiveDate>,
    next_time: Option<NaiveTime>,
    model: &'a Option<String>,
    price: Option<i64>,
    expected_delivery: Option<NaiveDate>,
    vin: &'a Option<String>,
    plate: &'a Option<String>,
    resolved_at: Option<NaiveDate>,
    resolution: &'a Option<String>,
    // Left out when not known, as in the exports made before they were kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    appointment: Option<AppointmentKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    spend: Option<i64>,
}

/// An interaction as an export is read: the same fields as `InteractionRecordRef`, owned.
#[derive(Deserialize)]
struct InteractionRecord {
    id: String,
    created_at: DateTime<Utc>,
    kind: InteractionKind,
    at: NaiveDateTime,
    outcome: Option<Outcome>,
    satisfaction: Option<u8>,
    promise: Option<String>,
    notes: Option<String>,
    next_date: Option<NaiveDate>,
    next_time: Option<NaiveTime>,
    model: Option<String>,
    price: Option<i64>,
    expected_delivery: Option<NaiveDate>,
    vin: Option<String>,
    plate: Option<String>,
    resolved_at: Option<NaiveDate>,
    resolution: Option<String>,
    #[serde(default)]
    appointment: Option<AppointmentKind>,
    #[serde(default)]
    spend: Option<i64>,
}

impl Serialize for Interaction {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (f, s) = (&self.facts, &self.sale);
        InteractionRecordRef {
            id: &self.id,
            created_at: &self.created_at,
            kind: f.kind,
            at: &f.at,
            outcome: f.outcome,
            satisfaction: f.satisfaction,
            promise: &f.promise,
            notes: &f.notes,
            next_date: f.next.map(|n| n.date),
            next_time: f.next.and_then(|n| n.time),
            model: &s.model,
            price: s.price,
            expected_delivery: s.expected_delivery,
            vin: &s.vin,
            plate: &s.plate,
            resolved_at: self.resolved_at,
            resolution: &self.resolution,
            appointment: f.appointment,
            spend: f.spend,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Interaction {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let r = InteractionRecord::deserialize(deserializer)?;
        Ok(Interaction {
            id: r.id,
            facts: InteractionFacts {
                kind: r.kind,
                at: r.at,
                outcome: r.outcome,
                satisfaction: r.satisfaction,
                promise: r.promise,
                notes: r.notes,
                // A time without a day is no next step.
                next: r.next_date.map(|date| DueAt {
                    date,
                    time: r.next_time,
                }),
                // No appointment without its day.
                appointment: r.appointment.filter(|_| r.next_date.is_some()),
                spend: r.spend,
            },
            sale: SaleDetails {
                model: r.model,
                price: r.price,
                expected_delivery: r.expected_delivery,
                vin: r.vin,
                plate: r.plate,
            },
            resolved_at: r.resolved_at,
            resolution: r.resolution,
            created_at: r.created_at,
        })
    }
}

/// One change of a customer's level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(expecting = "struct LevelChangeRecord")]
pub struct LevelChange {
    /// Local time, "YYYY-MM-DD HH:MM:SS"; `at` in an export.
    #[serde(rename = "at")]
    pub changed_at: String,
    pub from: Level,
    pub to: Level,
    pub reason: Option<String>,
    pub revisit: Option<NaiveDate>,
    /// Why the sale was lost (a change to F); left out of an export when not known, as in the
    /// exports made before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_reason: Option<LostReason>,
    /// For a sale lost to a competitor, which brand or model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub competitor: Option<String>,
}

/// One change of a key fact, the values in their input form ("" when unknown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(expecting = "struct KeyFactChangeRecord")]
pub struct KeyFactChange {
    pub fact: KeyFact,
    pub old_value: String,
    pub new_value: String,
    pub changed_at: DateTime<Utc>,
}

/// What the consultant did with one of a customer's follow-up prompts, found again by the
/// prompt's key whenever the prompts are recomputed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(expecting = "struct HandledPromptRecord")]
pub struct HandledPrompt {
    pub key: String,
    #[serde(flatten)]
    pub action: PromptAction,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// Done, dismissed, or snoozed until a day (when it is shown again). In an export, the
/// `action` field beside the prompt's key, and `until` for a snooze.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "action",
    rename_all = "lowercase",
    expecting = "internally tagged enum HandledAs"
)]
pub enum PromptAction {
    Done,
    Dismissed,
    /// Shown again from `until`.
    Snoozed {
        until: NaiveDate,
    },
}
/// A prompt that came due and what became of it (the compliance report's record): its key,
/// kind, the customer's level then, its first due day, the day a real contact answered it,
/// and when and how it left the agenda (`done`, `dismissed` with the reason, or `gone`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromptOutcome {
    pub key: String,
    pub kind: PromptKind,
    pub level: Level,
    pub due: NaiveDate,
    pub made_on: Option<NaiveDate>,
    pub closed: Option<NaiveDate>,
    pub how: Option<String>,
    pub reason: Option<String>,
}
