//! Differentiate, the second step of the one-to-one loop (DOMAIN.md, seed 002): customers
//! differ in value and in needs. What a customer is worth ([`value`]: what they bought, what
//! they brought, what they spent after the sale; a prospect's expected value), where they sit
//! in the customer pyramid ([`Tier`]), their satisfaction and its trend, their cell of the
//! satisfaction × purchase-volume grid with its strategy and actions ([`grid`]), the 80/20
//! view ([`pareto`]), the ideal customer and the prospects who look like them
//! ([`lookalike`]), and whether the follow-ups that came due were made ([`compliance`]).
//!
//! Every threshold is the consultant's ([`ValueRules`], defaults documented on each field).
//! Everything here is a pure function of its inputs.

use std::ops::RangeInclusive;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::budget::Budget;
use crate::choices::{InteractionKind, Level, Tier};
use crate::followup::rules::number;
use crate::profile::{Invalid, Problem};

/// A threshold not above the one below it.
fn not_rising(field: &'static str, value: i64) -> Invalid {
    Invalid::new(
        field,
        Problem::InvalidNumber {
            value: value.to_string(),
        },
    )
}

pub mod compliance;
pub mod funnel;
pub mod grid;
pub mod lookalike;
pub mod pareto;

#[cfg(test)]
mod tests;

/// How likely a level is to buy, for a prospect's expected value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Likelihood {
    pub level: Level,
    /// Percent, 0–100.
    pub percent: u32,
}

/// The thresholds of value and tiers: every number the consultant can edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ValueRules {
    /// An owner worth at least this much (yuan) is a top customer (default 600,000: about
    /// two or three cars).
    pub top_min: i64,
    /// … a large customer (default 300,000).
    pub large_min: i64,
    /// … a medium customer (default 150,000); below it, small.
    pub medium_min: i64,
    /// An owner with no contact and no purchase for this many months is inactive
    /// (default 12).
    pub inactive_months: u32,
    /// The share of a referred customer's purchases credited to whoever referred them,
    /// percent (default 10).
    pub referral_percent: u32,
    /// How likely each prospect level is to buy, percent (defaults H 80, A 60, B 40, C 20,
    /// N 5, O 95).
    pub likelihoods: Vec<Likelihood>,
}

impl Default for ValueRules {
    fn default() -> ValueRules {
        let l = |level, percent| Likelihood { level, percent };
        ValueRules {
            top_min: 600_000,
            large_min: 300_000,
            medium_min: 150_000,
            inactive_months: 12,
            referral_percent: 10,
            likelihoods: vec![
                l(Level::H, 80),
                l(Level::A, 60),
                l(Level::B, 40),
                l(Level::C, 20),
                l(Level::N, 5),
                l(Level::O, 95),
            ],
        }
    }
}

/// The ranges an edited value rule must fall in (sent to front ends with the bindings).
pub const VALUE_MIN_RANGE: RangeInclusive<i64> = 1..=crate::budget::MAX_YUAN;
pub const INACTIVE_MONTHS_RANGE: RangeInclusive<u32> = 1..=120;
pub const PERCENT_RANGE: RangeInclusive<u32> = 0..=100;

impl ValueRules {
    /// Checks every number, naming the first one out of range; the thresholds must rise
    /// from medium to large to top.
    pub fn validate(&self) -> Result<(), Invalid> {
        number("medium_min", self.medium_min, &VALUE_MIN_RANGE)?;
        number("large_min", self.large_min, &VALUE_MIN_RANGE)?;
        number("top_min", self.top_min, &VALUE_MIN_RANGE)?;
        if self.large_min <= self.medium_min {
            return Err(not_rising("large_min", self.large_min));
        }
        if self.top_min <= self.large_min {
            return Err(not_rising("top_min", self.top_min));
        }
        number(
            "inactive_months",
            self.inactive_months,
            &INACTIVE_MONTHS_RANGE,
        )?;
        number("referral_percent", self.referral_percent, &PERCENT_RANGE)?;
        for l in &self.likelihoods {
            number("likelihood", l.percent, &PERCENT_RANGE)?;
        }
        Ok(())
    }

    /// How likely `level` is to buy, percent (0 for a level without one).
    pub fn likelihood(&self, level: Level) -> u32 {
        self.likelihoods
            .iter()
            .find(|l| l.level == level)
            .map_or(0, |l| l.percent)
    }
}

/// One interaction as the standing needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    pub kind: InteractionKind,
    pub date: NaiveDate,
    /// An order's or a delivery's price, yuan.
    pub price: Option<i64>,
    /// A service interaction's spend, yuan.
    pub spend: Option<i64>,
    pub satisfaction: Option<u8>,
    /// The day of the appointment the interaction set as its next step, if it set one.
    pub appointment: Option<NaiveDate>,
    /// Whether it had an outcome or was a meeting (a real contact, not a note).
    pub contact: bool,
}

impl Event {
    /// Whether an interaction of `kind` is a real contact: it had an outcome, or it was a
    /// meeting (a visit, a test drive, a quote, an order, a delivery, a service).
    pub fn is_contact(kind: InteractionKind, had_outcome: bool) -> bool {
        had_outcome
            || matches!(
                kind,
                InteractionKind::Visit
                    | InteractionKind::TestDrive
                    | InteractionKind::Quote
                    | InteractionKind::Order
                    | InteractionKind::Delivery
                    | InteractionKind::Service
            )
    }

    /// An interaction as logged (`price`: its sale's), as the standing needs it.
    pub fn of(facts: &crate::InteractionFacts, price: Option<i64>) -> Event {
        Event {
            kind: facts.kind,
            date: facts.at.date(),
            price,
            spend: facts.spend,
            satisfaction: facts.satisfaction,
            appointment: facts.appointment.and(facts.next.map(|n| n.date)),
            contact: Event::is_contact(facts.kind, facts.outcome.is_some()),
        }
    }
}

/// What a customer's timeline adds up to: purchases, spend, satisfaction, the first day of
/// each funnel step. Kept by the store beside the customer (`customer_standing`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    /// Cars bought: an order and its delivery are one purchase; a delivery without an order
    /// before it is one too.
    pub purchases: u32,
    /// What they cost, yuan (an order's price, else its delivery's).
    pub bought: i64,
    pub last_purchase: Option<NaiveDate>,
    pub service_spend: i64,
    /// The latest satisfaction given (1–5) and the one before it.
    pub satisfaction: Option<u8>,
    pub satisfaction_prev: Option<u8>,
    pub first_appointment: Option<NaiveDate>,
    /// The first visit or test drive on an appointment's day.
    pub first_show: Option<NaiveDate>,
    pub first_visit: Option<NaiveDate>,
    pub first_test_drive: Option<NaiveDate>,
    pub first_quote: Option<NaiveDate>,
    pub first_order: Option<NaiveDate>,
    pub first_delivery: Option<NaiveDate>,
    pub first_contact: Option<NaiveDate>,
}

fn first(slot: &mut Option<NaiveDate>, date: NaiveDate) {
    if slot.is_none_or(|d| date < d) {
        *slot = Some(date);
    }
}

impl Standing {
    /// Adds up a timeline, oldest first.
    pub fn of(events: &[Event]) -> Standing {
        let mut s = Standing::default();
        // Orders not yet delivered, with their price.
        let mut open_orders: Vec<Option<i64>> = Vec::new();
        let mut appointment_days: Vec<NaiveDate> = Vec::new();
        let mut visit_days: Vec<NaiveDate> = Vec::new();
        for e in events {
            if e.contact {
                first(&mut s.first_contact, e.date);
            }
            if let Some(day) = e.appointment {
                first(&mut s.first_appointment, e.date);
                appointment_days.push(day);
            }
            match e.kind {
                InteractionKind::Visit => {
                    first(&mut s.first_visit, e.date);
                    visit_days.push(e.date);
                }
                InteractionKind::TestDrive => {
                    // A test drive is at the showroom: a visit too.
                    first(&mut s.first_visit, e.date);
                    visit_days.push(e.date);
                    first(&mut s.first_test_drive, e.date);
                }
                InteractionKind::Quote => first(&mut s.first_quote, e.date),
                InteractionKind::Order => {
                    first(&mut s.first_order, e.date);
                    s.purchases += 1;
                    s.bought += e.price.unwrap_or(0).max(0);
                    s.last_purchase = Some(e.date);
                    open_orders.push(e.price);
                }
                InteractionKind::Delivery => {
                    first(&mut s.first_delivery, e.date);
                    if open_orders.is_empty() {
                        s.purchases += 1;
                        s.bought += e.price.unwrap_or(0).max(0);
                        first(&mut s.first_order, e.date);
                    } else {
                        let order_price = open_orders.remove(0);
                        if order_price.is_none() {
                            s.bought += e.price.unwrap_or(0).max(0);
                        }
                    }
                    s.last_purchase = Some(e.date);
                }
                InteractionKind::Service => s.service_spend += e.spend.unwrap_or(0).max(0),
                _ => {}
            }
            if let Some(sat) = e.satisfaction {
                s.satisfaction_prev = s.satisfaction;
                s.satisfaction = Some(sat);
            }
        }
        s.first_show = visit_days
            .into_iter()
            .filter(|d| appointment_days.contains(d))
            .min();
        s
    }

    /// Whether the customer has bought (or is at a level that says so).
    pub fn is_owner(&self, level: Level) -> bool {
        self.purchases > 0 || matches!(level, Level::O | Level::D)
    }
}

/// What a customer is worth, yuan: what they bought, what they spent after the sale, and the
/// referral share of what the customers they brought bought (`referred_bought`).
pub fn value(standing: &Standing, referred_bought: i64, rules: &ValueRules) -> i64 {
    let credit = referred_bought.max(0) * i64::from(rules.referral_percent) / 100;
    standing.bought + standing.service_spend + credit
}

/// What a prospect may be worth: the middle of their budget × their level's likelihood;
/// `None` without a budget.
pub fn expected_value(level: Level, budget: Option<&Budget>, rules: &ValueRules) -> Option<i64> {
    let b = budget?;
    let middle = match b.min {
        Some(min) => (min + b.max) / 2,
        None => b.max,
    };
    Some(middle * i64::from(rules.likelihood(level)) / 100)
}

/// The day before which an owner's last activity makes them inactive.
pub fn inactive_before(today: NaiveDate, rules: &ValueRules) -> NaiveDate {
    today
        .checked_sub_months(Months::new(rules.inactive_months))
        .unwrap_or(NaiveDate::MIN)
}

/// Where a customer sits in the pyramid on `today`. `last_active` is their latest contact or
/// purchase.
pub fn tier(
    level: Level,
    standing: &Standing,
    value: i64,
    last_active: Option<NaiveDate>,
    today: NaiveDate,
    rules: &ValueRules,
) -> Tier {
    if standing.is_owner(level) {
        if last_active.is_none_or(|d| d < inactive_before(today, rules)) {
            Tier::Inactive
        } else if value >= rules.top_min {
            Tier::Top
        } else if value >= rules.large_min {
            Tier::Large
        } else if value >= rules.medium_min {
            Tier::Medium
        } else {
            Tier::Small
        }
    } else {
        match level {
            Level::H | Level::A | Level::B | Level::C => Tier::Prospect,
            Level::N => Tier::Suspect,
            _ => Tier::Other,
        }
    }
}

/// Where a customer stands on a day: their value, tier and cell of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub value: i64,
    pub tier: Tier,
    pub cell: Option<grid::Cell>,
}

/// Places a customer at `level` with `standing`, whose referred customers bought
/// `referred_bought`, last in touch on `last_contact`.
pub fn place(
    level: Level,
    standing: &Standing,
    referred_bought: i64,
    last_contact: Option<NaiveDate>,
    today: NaiveDate,
    rules: &ValueRules,
) -> Placed {
    let value = value(standing, referred_bought, rules);
    let last_active = last_contact.max(standing.last_purchase);
    let tier = tier(level, standing, value, last_active, today, rules);
    Placed {
        value,
        tier,
        cell: grid::cell(tier, standing.satisfaction),
    }
}

/// Which way satisfaction went between the last two answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    Up,
    Down,
    Flat,
}

/// The trend from `previous` to `latest`; `None` until there are two answers.
pub fn trend(latest: Option<u8>, previous: Option<u8>) -> Option<Trend> {
    let (l, p) = (latest?, previous?);
    Some(match l.cmp(&p) {
        std::cmp::Ordering::Greater => Trend::Up,
        std::cmp::Ordering::Less => Trend::Down,
        std::cmp::Ordering::Equal => Trend::Flat,
    })
}

/// Today's order among prompts due the same day: higher tiers first, and an owner with low
/// satisfaction before everyone (their complaint comes first, seed 002's D class). Lower
/// sorts first.
pub fn attention_rank(tier: Tier, satisfaction: Option<u8>) -> u8 {
    if satisfaction.is_some_and(|s| s <= grid::LOW_MAX)
        && matches!(
            tier,
            Tier::Top | Tier::Large | Tier::Medium | Tier::Small | Tier::Inactive
        )
    {
        return 0;
    }
    match tier {
        Tier::Top => 1,
        Tier::Large => 2,
        Tier::Medium => 3,
        Tier::Prospect => 4,
        Tier::Small => 5,
        Tier::Suspect => 6,
        Tier::Inactive => 7,
        Tier::Other => 8,
    }
}
