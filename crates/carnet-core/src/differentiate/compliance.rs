//! Follow-up compliance: of the prompts that came due, which were made on time, made late,
//! left open (forgotten) or dismissed. A prompt is made by a contact with a real outcome
//! (reached, not reached, declined …) or a meeting, on or after the day its window opens:
//! ticking "done" alone does not make it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::choices::PromptKind;

/// What became of a prompt that came due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    OnTime,
    Late,
    Open,
    Dismissed,
}

/// How a prompt left the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    Done,
    Dismissed,
    /// A contact or a change made it unnecessary.
    Gone,
}

impl Closed {
    pub fn code(self) -> &'static str {
        match self {
            Closed::Done => "done",
            Closed::Dismissed => "dismissed",
            Closed::Gone => "gone",
        }
    }

    pub fn from_code(code: &str) -> Option<Closed> {
        [Closed::Done, Closed::Dismissed, Closed::Gone]
            .into_iter()
            .find(|c| c.code() == code)
    }
}

/// The first day a contact answers a prompt due on `due`: dated events (birthdays, holidays,
/// after-sale steps) show `lead_days` ahead and a greeting sent then counts; a complaint may
/// be answered from the day it was made; everything else from its day.
pub fn window_start(kind: PromptKind, due: NaiveDate, lead_days: u32) -> NaiveDate {
    let back = match kind {
        PromptKind::Birthday | PromptKind::Holiday | PromptKind::AfterSale => lead_days,
        PromptKind::Complaint => 1,
        _ => 0,
    };
    due.checked_sub_days(chrono::Days::new(u64::from(back)))
        .unwrap_or(due)
}

/// The day the prompt was made: the first real contact (`contacts`, any order) on or after
/// its window opened.
pub fn made_on(window_start: NaiveDate, contacts: &[NaiveDate]) -> Option<NaiveDate> {
    contacts
        .iter()
        .copied()
        .filter(|d| *d >= window_start)
        .min()
}

/// What became of a prompt due on `due`.
pub fn status(due: NaiveDate, made_on: Option<NaiveDate>, closed: Option<Closed>) -> Status {
    match (made_on, closed) {
        (Some(day), _) if day <= due => Status::OnTime,
        (Some(_), _) => Status::Late,
        (None, Some(Closed::Dismissed)) => Status::Dismissed,
        (None, _) => Status::Open,
    }
}

/// Counts of statuses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Tally {
    pub due: u64,
    pub on_time: u64,
    pub late: u64,
    pub open: u64,
    pub dismissed: u64,
}

impl Tally {
    pub fn add(&mut self, status: Status, count: u64) {
        self.due += count;
        match status {
            Status::OnTime => self.on_time += count,
            Status::Late => self.late += count,
            Status::Open => self.open += count,
            Status::Dismissed => self.dismissed += count,
        }
    }

    /// Made ÷ due, percent with one decimal; `None` when nothing was due.
    pub fn made_percent(&self) -> Option<f64> {
        super::funnel::rate(self.on_time + self.late, self.due)
    }
}
