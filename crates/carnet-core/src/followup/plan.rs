//! A Today that can be finished: every prompt due weighed ([`weigh`]), the greetings that
//! need the same words gathered into one row ([`group_of`]), and a day's worth — the daily
//! capacity — taken in the order of weight, with what can wait spread over the next days
//! ([`spread`]) and what keeps slipping counted ([`slips`]).
//!
//! A *slot* is one row of Today: a customer (with every prompt of theirs in the plan's
//! week), or a group. The capacity counts slots. A group counts as one: its members get the
//! same words from one template, sent in one sitting, and a birthday or a holiday cannot wait
//! for a later day — counting its members would either break the capacity or push greetings
//! past their day.

use chrono::{Days, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::{AfterSaleKind, Prompt, PromptParams};
use crate::choices::{Level, Occasion, PromptKind, Tier};
use crate::differentiate::attention_rank;

/// The days a plan covers: today and the six after it ("this week").
pub const PLAN_DAYS: u32 = 7;

/// Why a row is in Today, in the order Today fills: the reason line each row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Why {
    /// An open complaint.
    Complaint,
    /// An owner whose latest satisfaction is low.
    Unhappy,
    /// An H or A prospect at or past their contact interval.
    Hot,
    /// An appointment or a promise with a date (a next step, a missed appointment).
    Appointment,
    /// An after-sale milestone, or the satisfaction check after a complaint.
    AfterSale,
    /// Everything else, by the customer's tier and the prompt's age.
    Rest,
}

impl Why {
    /// Every reason, in the order Today fills.
    pub const ALL: [Why; 6] = [
        Why::Complaint,
        Why::Unhappy,
        Why::Hot,
        Why::Appointment,
        Why::AfterSale,
        Why::Rest,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Why::Complaint => "complaint",
            Why::Unhappy => "unhappy",
            Why::Hot => "hot",
            Why::Appointment => "appointment",
            Why::AfterSale => "after_sale",
            Why::Rest => "rest",
        }
    }

    pub fn from_code(code: &str) -> Option<Why> {
        Why::ALL.into_iter().find(|w| w.code() == code)
    }
}

/// What the plan knows of the customer a prompt is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Who {
    pub level: Level,
    pub tier: Tier,
    /// An owner whose latest satisfaction is low.
    pub unhappy: bool,
}

/// A prompt's weight: lower comes first. The reason first, then the order within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Weight {
    pub why: Why,
    order: (u8, NaiveDate, NaiveTime, u8),
}

/// A prompt's weight on `today`:
/// - open complaints, oldest first; then low-satisfaction owners, by tier and age;
/// - H then A prospects at or past their interval, oldest first;
/// - appointments and promises with a date, by the hour set, then age;
/// - after-sale milestones (and the satisfaction check after a complaint), oldest first;
/// - the rest by tier ([`attention_rank`]), then age.
///
/// Ties go to the engine's priority.
pub fn weigh(prompt: &Prompt, who: Who, today: NaiveDate) -> Weight {
    let tier = attention_rank(who.tier, None);
    let due = prompt.due.min(today);
    let time = prompt.time.unwrap_or(NaiveTime::MIN);
    let (why, order) = match prompt.kind {
        PromptKind::Complaint => (Why::Complaint, (0, due, NaiveTime::MIN)),
        _ if who.unhappy => (Why::Unhappy, (tier, due, NaiveTime::MIN)),
        PromptKind::Cadence if matches!(who.level, Level::H | Level::A) => (
            Why::Hot,
            (u8::from(who.level == Level::A), due, NaiveTime::MIN),
        ),
        PromptKind::NextStep | PromptKind::NoShow => {
            // The hour first on the day it is due; untimed after the timed.
            let at = if prompt.time.is_some() { 0 } else { 1 };
            (Why::Appointment, (at, due, time))
        }
        PromptKind::AfterSale | PromptKind::SatisfactionCheck => {
            (Why::AfterSale, (0, due, NaiveTime::MIN))
        }
        _ => (Why::Rest, (tier, due, NaiveTime::MIN)),
    };
    Weight {
        why,
        order: (order.0, order.1, order.2, prompt.priority),
    }
}

/// Whether the engine may put a prompt on a later day than it is due when a day is full. A
/// birthday, a holiday, an open complaint, an appointment and a promise with a date keep their
/// day; a level's routine contact, a re-grade, a proposal to give up, a revisit, an after-sale
/// reminder and a satisfaction check can wait a day.
pub fn movable(prompt: &Prompt) -> bool {
    match prompt.kind {
        PromptKind::Birthday
        | PromptKind::Holiday
        | PromptKind::Complaint
        | PromptKind::NextStep
        | PromptKind::NoShow => false,
        PromptKind::Cadence
        | PromptKind::Regrade
        | PromptKind::ProposeLost
        | PromptKind::Revisit
        | PromptKind::AfterSale
        | PromptKind::SatisfactionCheck => true,
    }
}

/// The group a prompt joins on `today`, named by the occasion whose template words it: a
/// birthday due today or yesterday, a holiday due today or yesterday, an insurance renewal
/// that has come due (this month's, and last month's still open). `None`: the prompt is its
/// customer's own row (an insurance renewal still ahead waits for its day).
pub fn group_of(prompt: &Prompt, today: NaiveDate) -> Option<Occasion> {
    let yesterday = today.pred_opt().unwrap_or(today);
    let occasion = crate::templates::occasion_of(prompt.kind, &prompt.params)?;
    let fits = match &prompt.params {
        PromptParams::Birthday { .. } | PromptParams::Holiday { .. } => {
            (yesterday..=today).contains(&prompt.due)
        }
        PromptParams::AfterSale {
            step: AfterSaleKind::Insurance,
            ..
        } => prompt.due <= today,
        _ => false,
    };
    fits.then_some(occasion)
}

/// One slot to place: the day it is due (its earliest prompt's), its weight (its heaviest
/// prompt's) and whether it may wait (only if every prompt of it may).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub due: NaiveDate,
    pub weight: Weight,
    pub movable: bool,
}

/// The day each slot is planned for, in the order given: `Some(day)` within the week from
/// `today`, `None` after it. Day by day, the slots due that day (on `today`: due on or before
/// it) and those carried from the day before are taken up to `capacity`: first those that
/// keep their day, then those that may wait, each by weight. What does not fit is carried to
/// the next day; a slot that keeps its day is carried only when that day already holds more
/// such slots than the capacity. Nothing is dropped: what the week cannot hold is after it.
pub fn spread(slots: &[Slot], capacity: u32, today: NaiveDate) -> Vec<Option<NaiveDate>> {
    let mut placed = vec![None; slots.len()];
    let mut order: Vec<usize> = (0..slots.len()).collect();
    order.sort_by_key(|&i| (slots[i].due.max(today), i));
    let mut next = order.into_iter().peekable();
    let mut carried: Vec<usize> = Vec::new();
    for offset in 0..PLAN_DAYS {
        let Some(day) = today.checked_add_days(Days::new(u64::from(offset))) else {
            break;
        };
        let mut pool = std::mem::take(&mut carried);
        while let Some(&i) = next.peek() {
            if slots[i].due.max(today) > day {
                break;
            }
            pool.push(i);
            next.next();
        }
        pool.sort_by_key(|&i| (slots[i].movable, slots[i].weight, i));
        let room = usize::try_from(capacity)
            .unwrap_or(usize::MAX)
            .min(pool.len());
        for &i in &pool[..room] {
            placed[i] = Some(day);
        }
        carried = pool.split_off(room);
    }
    placed
}

/// What the last plan held for a prompt: the day it was planned for (`None`: after that
/// week), how often it had slipped, and the day it last did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kept {
    pub day: Option<NaiveDate>,
    pub slips: u32,
    pub slipped_on: Option<NaiveDate>,
}

/// How often a prompt due on `due` has slipped once it is planned for `placed` on `today`, and
/// the day it last did. It slips once a day at most: when it is due and not planned for today,
/// or when the day it was planned for has passed without it done. A prompt that slipped today
/// already stays so when the day is planned again (a new capacity).
pub fn slips(
    kept: Option<Kept>,
    due: NaiveDate,
    placed: Option<NaiveDate>,
    today: NaiveDate,
) -> (u32, Option<NaiveDate>) {
    match kept {
        Some(k) if k.slipped_on == Some(today) => (k.slips, k.slipped_on),
        _ => {
            let before = kept.map_or(0, |k| k.slips);
            let missed = kept.and_then(|k| k.day).is_some_and(|d| d < today);
            let pushed = due <= today && placed != Some(today);
            if missed || pushed {
                (before + 1, Some(today))
            } else {
                (before, kept.and_then(|k| k.slipped_on))
            }
        }
    }
}

#[cfg(test)]
mod tests;
