//! Today's plan as front ends see it (issue 17): a day's worth of rows in the order of their
//! weight, each with why it is there and how often it slipped; the groups of greetings and
//! renewals; progress through the day; and what waits later this week.

use carnet_core::choices::Occasion;
use carnet_core::followup::plan::Why;
use carnet_core::{Level, PromptKind};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::followup::{AgendaRow, PromptDto};

/// A group of Today: prompts of one occasion, one message template, one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanGroup {
    pub occasion: Occasion,
    pub members: u32,
    /// Members done (their prompt done, dismissed or snoozed past today).
    pub done: u32,
}

/// One row of Today: a customer (with their prompts as they stand this week: once the row is
/// done, what comes next) or a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanRow {
    /// Why the row is in Today: its heaviest prompt's reason.
    pub why: Why,
    /// How many times its prompts have slipped past a day (the most of them).
    pub slips: u32,
    /// Nothing of the row is left to do today.
    pub done: bool,
    /// The row came due after the day was planned (a next step set for today): it follows
    /// the plan's rows.
    pub late: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub customer: Option<AgendaRow>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub group: Option<PlanGroup>,
}

/// How many prompts of a kind a day holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KindCount {
    pub kind: PromptKind,
    pub count: u32,
}

/// A day later this week (or, with no date, after it): its rows and its prompts by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LaterDay {
    /// "YYYY-MM-DD"; `null`: after this week.
    pub date: Option<String>,
    pub rows: u32,
    pub kinds: Vec<KindCount>,
}

/// Today as planned: at most the capacity of rows (and any that came due since), in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TodayPlan {
    /// "YYYY-MM-DD".
    pub date: String,
    /// The rows a day holds (the rules' `daily_capacity`).
    pub capacity: u32,
    pub rows: Vec<PlanRow>,
    /// Rows done, of `total`: progress through the day.
    pub done: u32,
    pub total: u32,
    /// What waits: the next six days, then after the week.
    pub later: Vec<LaterDay>,
    /// Prompts due on or before today when the day was planned (planned today or later).
    pub due: u64,
}

/// A member of a group: the customer, and the prompt the message answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanMember {
    pub customer_id: String,
    pub name: String,
    pub level: Level,
    pub phone_display: Option<String>,
    /// The prompt's key (what a message logged for it marks done).
    pub key: String,
    /// The prompt while it is still to do; `null` once done.
    pub prompt: Option<PromptDto>,
    pub done: bool,
}
