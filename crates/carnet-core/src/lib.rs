//! Carnet's domain: the customer profile and the rules that decide what a valid one is, how
//! customers are found, and what a demo book holds.
//!
//! This crate is pure: it does no IO, knows no SQL and no Tauri. Everything here is
//! deterministic given its inputs, so every rule is tested table-driven.

pub mod birthday;
pub mod brief;
pub mod budget;
pub mod catalogue;
pub mod choices;
pub mod customer;
pub mod demo;
pub mod differentiate;
pub mod family;
pub mod filter;
pub mod fit;
pub mod followup;
pub mod history;
pub mod interaction;
pub mod lenient;
pub mod lost;
pub mod lunar;
pub mod notify;
pub mod phone;
pub mod privacy;
pub mod profile;
pub mod quote;
pub mod search;
pub mod templates;
pub mod timeframe;
pub mod understand;

pub use birthday::{Birthday, Calendar};
pub use budget::Budget;
pub use choices::{
    AppointmentKind, Body, DecisionMaker, Drivetrain, Energy, InteractionKind, KeyFact, Level,
    LostReason, Outcome, Payment, Pick, Priority, PromptKind, Purpose, Reason, Relation, Source,
    Tier, Title,
};
pub use customer::{Customer, CustomerSummary};
pub use family::{FamilyDraft, FamilyFacts};
pub use filter::Filter;
pub use interaction::{DueAt, InteractionDraft, InteractionFacts};
pub use lost::Lost;
pub use profile::{
    CurrentCar, FIELDS, FieldKind, FieldSpec, Invalid, MergeRule, ModelWish, Problem, Profile,
    ProfileDraft, merge, merge_conflicts,
};
pub use search::{Query, SearchKeys};
pub use timeframe::Timeframe;
