//! A demo book that has aged like a consultant's own: customers arrive over the past two
//! years, each is followed up as the rules ask (a contact at the level's interval, now and
//! then an appointment kept or missed, regraded when the purchase window passes, a test
//! drive, a quote, an order and a delivery for those who buy, sometimes another car later, the
//! after-sale schedule with the owner's satisfaction asked, greetings ticked off; a few owners
//! drift away), and most of it was done on time. What is left open on
//! `today` is what a real book would show: the day's follow-ups, a few overdue, rarely a
//! complaint.
//!
//! The follow-up engine itself decides what was due: after each customer's life is laid out,
//! `followup::prompts` is asked what is open on `today`, and each prompt that came due before
//! `today` is either answered as a consultant answers it (on its day) or left open, the more
//! likely the more recent it is.
//!
//! The prompt log (what the compliance report reads) is kept as the walk goes: each contact
//! the level's cadence asked for, made on its day or a day late, now and then a cadence prompt
//! dismissed with a reason instead (then the next contact is the consultant's own, a cadence
//! later), the after-sale steps on their days, and whatever `settle` answered or left open.

use std::collections::HashSet;

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};

use super::{CONTACT_NOTES, DemoCustomer, MODELS, PLATE_LETTERS, PROMISES, Rng, customer};
use crate::choices::{
    AppointmentKind, InteractionKind, Level, LostReason, Outcome, Pick, PromptKind,
};
use crate::differentiate::Event;
use crate::differentiate::compliance::{self, Closed};
use crate::followup::{
    self, AfterSaleKind, ComplaintState, Contact, Prompt, PromptParams, Relative, Revisit, Rules,
    Situation,
};
use crate::history::PromptOutcome;
use crate::{Birthday, DueAt, InteractionFacts};

/// How far back customers arrive: two years.
pub const HISTORY_DAYS: u64 = 730;

/// An interaction of an aged demo book, as kept (its day may be long past, and so may its next
/// step), with what an order or a delivery adds and, for a complaint, when it was resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgedInteraction {
    pub id: String,
    pub facts: InteractionFacts,
    pub model: Option<String>,
    /// Yuan.
    pub price: Option<i64>,
    pub plate: Option<String>,
    pub resolved: Option<NaiveDate>,
}

/// A change of level, on its day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgedLevelChange {
    pub at: NaiveDateTime,
    pub from: Level,
    pub to: Level,
    /// For a change to F: when to try again, and why the sale was lost.
    pub revisit: Option<NaiveDate>,
    pub lost_reason: Option<LostReason>,
}

/// A prompt the consultant ticked off (a greeting sent, an after-sale step seen to) or
/// dismissed (with the reason), by the engine's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handled {
    pub key: String,
    pub at: NaiveDateTime,
    /// Why it was dismissed; `None`: it was done.
    pub dismissed: Option<&'static str>,
}

/// Why a consultant dismisses a cadence prompt now and then: the customer asked for time.
const DISMISSALS: &[&str] = &[
    "客户出差，下月再联系",
    "客户说最近忙，过段时间再说",
    "客户在外地，回来再约",
    "家里有事，暂不打扰",
];

/// What a consultant notes when a customer makes an appointment.
const APPOINTMENT_PROMISES: &[&str] = &[
    "约好到店看车，带家人一起来",
    "约了试驾，想对比一下续航",
    "约好来店里谈方案",
];

/// One customer of an aged demo book: the profile (at the level their history led to) and
/// family, when they arrived, and everything since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgedCustomer {
    pub customer: DemoCustomer,
    /// The first contact: when they were added to the book.
    pub created: NaiveDateTime,
    /// The ids of `customer.family`, in order (birthday prompts are keyed by them).
    pub family_ids: Vec<String>,
    /// Oldest first.
    pub interactions: Vec<AgedInteraction>,
    /// Oldest first.
    pub level_changes: Vec<AgedLevelChange>,
    pub handled: Vec<Handled>,
    /// The prompts that came due and what became of them, by due day. Those still open have
    /// neither `made_on` nor `closed`: the book works them out from the timeline, as it does
    /// for an imported log.
    pub log: Vec<PromptOutcome>,
}

/// `n` customers who arrived over the [`HISTORY_DAYS`] before `today`, with the histories the
/// follow-up `rules` gave them, made one at a time as they are taken; the same seed, rules and
/// day give the same book. `new_id` names each interaction and family member (the caller's
/// ids: carnet-core makes none).
pub fn aged_book<'a>(
    n: usize,
    seed: u64,
    today: NaiveDate,
    rules: &'a Rules,
    new_id: &'a mut dyn FnMut() -> String,
) -> impl Iterator<Item = AgedCustomer> + 'a {
    let mut rng = Rng::new(seed);
    let mut life_rng = Rng::new(seed ^ 0xA6ED_B00C);
    (0..n).map(move |_| {
        let demo = customer(&mut rng);
        Life::new(demo, today, rules, &mut life_rng, &mut *new_id).lived()
    })
}

fn add(date: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
    .unwrap_or(date)
}

/// The level a prospect moves to when they warm up (towards an order) or cool down.
fn warmer(level: Level) -> Level {
    match level {
        Level::C => Level::B,
        Level::B => Level::A,
        Level::A => Level::H,
        _ => Level::O,
    }
}

fn cooler(level: Level) -> Level {
    match level {
        Level::H => Level::A,
        Level::A => Level::B,
        Level::B => Level::C,
        _ => Level::F,
    }
}

/// How likely, in thousandths, a prompt `late` days overdue is still open: a quarter of those
/// due yesterday, fewer each day after (a consultant catches up); complaints are seen to first,
/// and yesterday's greetings are mostly sent.
fn still_open(kind: PromptKind, late: i64) -> u64 {
    let (first, keep) = match kind {
        PromptKind::Complaint => (60, 4),
        PromptKind::Birthday | PromptKind::Holiday => (100, 3),
        _ => (250, 6),
    };
    let mut mille: u64 = first;
    for _ in 1..late.min(40) {
        mille = mille * keep / 10;
    }
    mille
}

/// One customer's life in the book, laid out day by day up to `today`.
struct Life<'a> {
    rng: &'a mut Rng,
    new_id: &'a mut dyn FnMut() -> String,
    rules: &'a Rules,
    today: NaiveDate,
    demo: DemoCustomer,
    family_ids: Vec<String>,
    situation: Situation,
    interactions: Vec<AgedInteraction>,
    level_changes: Vec<AgedLevelChange>,
    handled: Vec<Handled>,
    log: Vec<PromptOutcome>,
    /// Whether this customer buys in the end.
    buys: bool,
    /// An owner who buys another car (for the family) some months after the last.
    buys_again: bool,
    /// An owner who drifts away half a year to a year after delivery: the after-sale steps
    /// from then on are not made (the book's inactive owners).
    drifts: bool,
    /// The day a drifting owner was last within reach.
    drifted: Option<NaiveDate>,
    /// How an owner feels about the purchase, 0–99: how they answer when asked (below 8
    /// unhappy, below 30 so-so, the rest happy).
    mood: u64,
    /// The model they order.
    model: (&'static str, u32, u32),
}

impl<'a> Life<'a> {
    fn new(
        demo: DemoCustomer,
        today: NaiveDate,
        rules: &'a Rules,
        rng: &'a mut Rng,
        new_id: &'a mut dyn FnMut() -> String,
    ) -> Life<'a> {
        let arrived = add(today, -((1 + rng.below(HISTORY_DAYS)) as i64));
        let p = &demo.profile;
        let birthday = Birthday::parse(&p.birthday, p.birthday_lunar);
        let mut family_ids = Vec::new();
        let mut family = Vec::new();
        for member in &demo.family {
            let id = new_id();
            if let (Some(birthday), Some(relation)) = (
                Birthday::parse(&member.birthday, member.birthday_lunar),
                Pick::parse(&member.relation),
            ) {
                family.push(Relative {
                    id: id.clone(),
                    name: member.name.clone(),
                    relation,
                    birthday,
                });
            }
            family_ids.push(id);
        }
        // The first level: few come in hot, most are weighing it up.
        let level = match rng.below(100) {
            0..=4 => Level::N,
            5..=14 => Level::H,
            15..=34 => Level::A,
            35..=64 => Level::B,
            _ => Level::C,
        };
        // The share who buy in the end, by how warm they came in.
        let buys = rng.chance(match level {
            Level::H => 60,
            Level::A => 40,
            Level::B => 20,
            _ => 8,
        });
        let wished = p
            .models
            .first()
            .and_then(|w| MODELS.iter().find(|m| m.0 == w.model).copied());
        let model = wished.unwrap_or_else(|| rng.pick(MODELS));
        let buys_again = rng.chance(10);
        let drifts = !buys_again && rng.chance(15);
        let mood = rng.below(100);
        let situation = Situation {
            name: p.name.clone(),
            level,
            level_since: arrived,
            created: arrived,
            birthday,
            family,
            contacts: Vec::new(),
            delivered: None,
            complaints: Vec::new(),
            revisit: None,
        };
        Life {
            rng,
            new_id,
            rules,
            today,
            demo,
            family_ids,
            situation,
            interactions: Vec::new(),
            level_changes: Vec::new(),
            handled: Vec::new(),
            log: Vec::new(),
            buys,
            buys_again,
            drifts,
            drifted: None,
            mood,
            model,
        }
    }

    fn at(&mut self, day: NaiveDate) -> NaiveDateTime {
        let time =
            NaiveTime::from_hms_opt(9 + self.rng.below(10) as u32, self.rng.below(60) as u32, 0)
                .unwrap_or(NaiveTime::MIN);
        day.and_time(time)
    }

    /// Logs a contact on `day` (never today: today's contacts are the consultant's to log).
    fn contact(&mut self, day: NaiveDate, kind: InteractionKind) -> Option<usize> {
        if day >= self.today {
            return None;
        }
        let at = self.at(day);
        let outcome = (kind == InteractionKind::Call).then(|| {
            if self.rng.chance(80) {
                Outcome::Reached
            } else {
                Outcome::NotReached
            }
        });
        let notes = (kind != InteractionKind::Call || self.rng.chance(40))
            .then(|| self.rng.pick(CONTACT_NOTES).to_owned());
        let facts = InteractionFacts {
            kind,
            at,
            outcome,
            satisfaction: None,
            promise: None,
            notes,
            next: None,
            appointment: None,
            spend: None,
        };
        Some(self.push(facts))
    }

    /// Adds an interaction, keeping the timeline oldest first; its index.
    fn push(&mut self, facts: InteractionFacts) -> usize {
        let id = (self.new_id)();
        let contact = Contact::of(&id, &facts);
        let place = self
            .interactions
            .partition_point(|i| i.facts.at <= facts.at);
        self.interactions.insert(
            place,
            AgedInteraction {
                id,
                facts,
                model: None,
                price: None,
                plate: None,
                resolved: None,
            },
        );
        // The engine's contacts are the timeline's, in the same order.
        self.situation.contacts.insert(place, contact);
        place
    }

    fn set_level(&mut self, day: NaiveDate, to: Level) {
        let from = self.situation.level;
        let (revisit, lost_reason) = if to == Level::F {
            let revisit = add(day, i64::from(self.rules.lost_revisit_days));
            let reason = self.rng.pick(&[
                LostReason::Price,
                LostReason::Competitor,
                LostReason::Postponed,
                LostReason::Postponed,
                LostReason::SameBrandElsewhere,
                LostReason::Unreachable,
            ]);
            (Some(revisit), Some(reason))
        } else {
            (None, None)
        };
        let at = self.at(day);
        self.level_changes.push(AgedLevelChange {
            at,
            from,
            to,
            revisit,
            lost_reason,
        });
        self.situation.level = to;
        self.situation.level_since = day;
        self.situation.revisit = revisit.map(|date| Revisit { date, lost_reason });
    }

    fn interval(&self, level: Level) -> Option<i64> {
        self.rules
            .level(level)
            .and_then(|r| r.interval_days)
            .map(i64::from)
    }

    fn window(&self, level: Level) -> i64 {
        self.rules
            .level(level)
            .and_then(|r| r.window_days)
            .map_or(30, i64::from)
    }

    /// Contacts at the level's interval from the last contact until `end` (not on it), a day
    /// late now and then; the last days before today are left to `settle`.
    fn keep_in_touch(&mut self, end: NaiveDate) {
        let Some(interval) = self.interval(self.situation.level) else {
            return;
        };
        let stop = add(
            self.today,
            -(interval + self.rng.below(interval as u64 + 1) as i64),
        );
        let mut last = self
            .situation
            .contacts
            .last()
            .map_or(self.situation.created, |c| c.date);
        // Whether the engine asks for the next contact (not after a dismissed prompt, until
        // someone is contacted again).
        let mut prompted = true;
        loop {
            let due = add(last, interval);
            let next = add(due, i64::from(self.rng.chance(15)));
            if next >= end || next >= stop {
                return;
            }
            let level = self.situation.level;
            let key = format!("cadence:{}:{due}", level.code());
            if prompted && self.rng.chance(3) {
                let reason = self.rng.pick(DISMISSALS);
                self.logged(
                    key.clone(),
                    PromptKind::Cadence,
                    due,
                    None,
                    Closed::Dismissed,
                );
                if let Some(entry) = self.log.last_mut() {
                    entry.reason = Some(reason.to_owned());
                }
                let at = self.at(due);
                self.handled.push(Handled {
                    key,
                    at,
                    dismissed: Some(reason),
                });
                prompted = false;
                last = due;
                continue;
            }
            let kind = self.prospect_contact_kind();
            let made = self.contact(next, kind);
            if prompted {
                self.logged(key, PromptKind::Cadence, due, Some(next), Closed::Gone);
            }
            prompted = true;
            last = next;
            if let Some(i) = made
                && let Some(day) = self.appointment(i, end.min(stop))
            {
                last = day;
            }
        }
    }

    /// Now and then a warm prospect reached by contact `i` makes an appointment (邀约) to
    /// visit or for a test drive a few days later, before `before`: most come (a visit or test
    /// drive on the day, which makes the next step), some do not (the next step is missed,
    /// and the no-show is called the day after). The day of the last contact it led to.
    fn appointment(&mut self, i: usize, before: NaiveDate) -> Option<NaiveDate> {
        let warm = match self.situation.level {
            Level::H | Level::A => 35,
            Level::B => 15,
            _ => 0,
        };
        let facts = &self.interactions[i].facts;
        let set_on = facts.at.date();
        if !matches!(facts.kind, InteractionKind::Call | InteractionKind::Message)
            || facts.outcome == Some(Outcome::NotReached)
            || !self.rng.chance(warm)
        {
            return None;
        }
        let on = add(set_on, 1 + self.rng.below(4) as i64);
        let called = add(on, 1);
        if called >= before {
            return None;
        }
        let (appointment, kind) = if self.rng.chance(40) {
            (AppointmentKind::TestDrive, InteractionKind::TestDrive)
        } else {
            (AppointmentKind::Visit, InteractionKind::Visit)
        };
        let time = NaiveTime::from_hms_opt(if self.rng.chance(50) { 10 } else { 15 }, 0, 0);
        let promise = self.rng.pick(APPOINTMENT_PROMISES);
        let item = &mut self.interactions[i];
        item.facts.next = Some(DueAt { date: on, time });
        item.facts.appointment = Some(appointment);
        item.facts.promise = Some(promise.to_owned());
        let id = item.id.clone();
        self.situation.contacts[i] = Contact::of(&id, &item.facts);
        let key = format!("next:{id}");
        if self.rng.chance(80) {
            self.contact(on, kind);
            self.logged(key, PromptKind::NextStep, on, Some(on), Closed::Gone);
            return Some(on);
        }
        self.logged(key, PromptKind::NextStep, on, None, Closed::Gone);
        self.contact(called, InteractionKind::Call);
        let key = format!("no_show:{id}");
        self.logged(key, PromptKind::NoShow, called, Some(called), Closed::Gone);
        Some(called)
    }

    /// Logs a prompt that came due on `due` and left the agenda on the day it was made (or
    /// dismissed on its day).
    fn logged(
        &mut self,
        key: String,
        kind: PromptKind,
        due: NaiveDate,
        made_on: Option<NaiveDate>,
        how: Closed,
    ) {
        self.log.push(PromptOutcome {
            key,
            kind,
            level: self.situation.level,
            due,
            made_on,
            closed: Some(made_on.unwrap_or(due)),
            how: Some(how.code().to_owned()),
            reason: None,
        });
    }

    fn prospect_contact_kind(&mut self) -> InteractionKind {
        let hot = matches!(self.situation.level, Level::H | Level::A);
        match self.rng.below(100) {
            0..=9 if hot => InteractionKind::TestDrive,
            10..=17 if hot => InteractionKind::Quote,
            18..=24 if hot => InteractionKind::Visit,
            25..=49 => InteractionKind::Message,
            _ => InteractionKind::Call,
        }
    }

    /// The customer's life from their arrival: the levels they pass through, the contacts at
    /// each level's interval, an order and a delivery for a buyer, the after-sale schedule.
    fn walk(&mut self) {
        let arrived = self.situation.created;
        let first = match self.demo.profile.source.as_str() {
            "phone" => InteractionKind::Call,
            "online" => InteractionKind::Message,
            _ => InteractionKind::Visit,
        };
        self.contact(arrived, first);
        if self.situation.level == Level::N {
            let graded = add(arrived, 1 + self.rng.below(2) as i64);
            if graded >= self.today {
                return;
            }
            let to = self
                .rng
                .pick(&[Level::H, Level::A, Level::B, Level::B, Level::C, Level::C]);
            self.contact(graded, InteractionKind::Call);
            self.set_level(graded, to);
        }
        loop {
            let level = self.situation.level;
            match level {
                Level::H | Level::A | Level::B | Level::C => {
                    let window = self.window(level);
                    let share = if self.buys {
                        40 + self.rng.below(50)
                    } else {
                        85 + self.rng.below(15)
                    };
                    let end = add(
                        self.situation.level_since,
                        (window * share as i64 / 100).max(1),
                    );
                    // A buyer about to order test drives and takes a quote in the two days
                    // before (`before_order`): the level's contacts stop short of them.
                    let ordering = self.buys && warmer(level) == Level::O;
                    self.keep_in_touch(if ordering { add(end, -2) } else { end });
                    if end >= self.today {
                        return;
                    }
                    // A buyer warms up; the others cool down a step, or half of them are
                    // lost there and then.
                    let to = if self.buys {
                        warmer(level)
                    } else if self.rng.chance(50) {
                        cooler(level)
                    } else {
                        Level::F
                    };
                    if to == Level::O {
                        self.before_order(end);
                        self.order(end);
                    } else {
                        let kind = if self.rng.chance(30) {
                            InteractionKind::Visit
                        } else {
                            InteractionKind::Call
                        };
                        self.contact(end, kind);
                    }
                    self.set_level(end, to);
                }
                Level::O => {
                    let delivery = add(self.situation.level_since, 7 + self.rng.below(24) as i64);
                    self.keep_in_touch(delivery);
                    if delivery >= self.today {
                        return;
                    }
                    self.deliver(delivery);
                    self.set_level(delivery, Level::D);
                }
                Level::D => {
                    // Another car, for the family: ordered two months to a year and two months
                    // after the last was delivered (the after-sale schedule runs until then).
                    let again = self
                        .situation
                        .delivered
                        .filter(|_| self.buys_again)
                        .map(|d| add(d, 60 + self.rng.below(360) as i64))
                        .filter(|d| *d < add(self.today, -40));
                    self.after_sale(again.unwrap_or_else(|| add(self.today, -30)));
                    let Some(day) = again else {
                        return;
                    };
                    // The family's next car costs as much or more; now and then one more
                    // follows (a small business's cars: the book's top customers).
                    self.buys_again = self.rng.chance(50);
                    let low = self.model.1;
                    let pricier: Vec<_> = MODELS.iter().copied().filter(|m| m.1 >= low).collect();
                    self.model = self.rng.pick(&pricier);
                    self.order(day);
                    self.set_level(day, Level::O);
                }
                Level::N | Level::F => return,
            }
        }
    }

    /// Most buyers test drive the car and take a quote in the days before they order (unless
    /// they already have).
    fn before_order(&mut self, order: NaiveDate) {
        let since = self.situation.level_since;
        let had = |life: &Self, kind| life.interactions.iter().any(|i| i.facts.kind == kind);
        if !had(self, InteractionKind::TestDrive) && self.rng.chance(85) {
            self.contact(add(order, -2).max(since), InteractionKind::TestDrive);
        }
        if !had(self, InteractionKind::Quote) && self.rng.chance(90) {
            self.contact(add(order, -1).max(since), InteractionKind::Quote);
        }
    }

    fn order(&mut self, day: NaiveDate) {
        let (model, low, high) = self.model;
        let price = i64::from(low + self.rng.below(u64::from(high - low + 1)) as u32) * 10_000;
        if let Some(i) = self.contact(day, InteractionKind::Order) {
            let item = &mut self.interactions[i];
            item.model = Some(model.to_owned());
            item.price = Some(price);
        }
    }

    fn deliver(&mut self, day: NaiveDate) {
        let plate = format!(
            "粤{}{:05}",
            self.rng.pick(PLATE_LETTERS),
            self.rng.below(100_000)
        );
        if let Some(i) = self.contact(day, InteractionKind::Delivery) {
            self.interactions[i].plate = Some(plate);
            self.situation.delivered = Some(day);
        }
    }

    /// The after-sale schedule as the rules set it, until `until` (a month before today: the
    /// rest is `settle`'s): calls (half of those that reach the owner ask how satisfied they
    /// are), service visits (with what they spent), greetings; now and then a complaint,
    /// resolved and followed by a satisfaction check. An owner who drifts away is no longer
    /// reached after a while: those steps came due and were not made.
    fn after_sale(&mut self, until: NaiveDate) {
        let Some(delivered) = self.situation.delivered else {
            return;
        };
        let drifted = self
            .drifts
            .then(|| add(delivered, 180 + self.rng.below(180) as i64));
        self.drifted = drifted;
        let steps: Vec<(usize, AfterSaleKind, NaiveDate)> = self
            .rules
            .after_sale
            .iter()
            .enumerate()
            .flat_map(|(i, rule)| {
                let years = if rule.yearly { 0..3 } else { 0..1 };
                years.filter_map(move |k| {
                    delivered
                        .checked_add_months(chrono::Months::new(rule.months + 12 * k))
                        .map(|d| (i, rule.kind, add(d, i64::from(rule.days))))
                })
            })
            .filter(|(_, _, d)| *d < until)
            .collect();
        for (i, kind, day) in steps {
            let key = format!("after_sale:{i}:{day}");
            if drifted.is_some_and(|from| day >= from) {
                self.logged(key, PromptKind::AfterSale, day, None, Closed::Gone);
                continue;
            }
            let kind = match kind {
                AfterSaleKind::Call => InteractionKind::Call,
                AfterSaleKind::Service | AfterSaleKind::Inspection => InteractionKind::Service,
                AfterSaleKind::Insurance | AfterSaleKind::Anniversary => InteractionKind::Message,
            };
            if let Some(j) = self.contact(day, kind) {
                self.after_sale_answer(j);
                self.logged(key, PromptKind::AfterSale, day, Some(day), Closed::Gone);
            }
        }
        if !self.drifts && self.rng.chance(6) {
            let span = (until - delivered).num_days();
            if span > 10 {
                let opened = add(delivered, 3 + self.rng.below(span as u64 - 5) as i64);
                self.complaint(opened);
            }
        }
    }

    /// What an after-sale contact `i` brings: a call that reaches the owner asks, half of the
    /// time, how satisfied they are (as their mood has it); a service visit, what it cost.
    fn after_sale_answer(&mut self, i: usize) {
        let facts = &self.interactions[i].facts;
        match facts.kind {
            InteractionKind::Call
                if facts.outcome == Some(Outcome::Reached) && self.rng.chance(50) =>
            {
                let answers: &[u8] = match self.mood {
                    0..=7 => &[1, 2, 2, 3, 3],
                    8..=29 => &[3, 3, 4, 4, 5],
                    _ => &[4, 5, 5, 5, 5],
                };
                let satisfaction = self.rng.pick(answers);
                self.satisfied(i, satisfaction);
            }
            InteractionKind::Service => {
                let spend = 600 + 100 * self.rng.below(25) as i64;
                self.interactions[i].facts.spend = Some(spend);
            }
            _ => {}
        }
    }

    /// Records the satisfaction given on contact `i`.
    fn satisfied(&mut self, i: usize, satisfaction: u8) {
        self.interactions[i].facts.satisfaction = Some(satisfaction);
        let id = self.interactions[i].id.clone();
        if let Some(c) = self.situation.contacts.iter_mut().find(|c| c.id == id) {
            c.satisfaction = Some(satisfaction);
        }
    }

    fn complaint(&mut self, opened: NaiveDate) {
        let Some(i) = self.contact(opened, InteractionKind::Complaint) else {
            return;
        };
        self.interactions[i].facts.notes = Some("交车时发现漆面有划痕".into());
        let resolved = add(opened, self.rng.below(3) as i64);
        if resolved < self.today {
            let id = self.interactions[i].id.clone();
            self.interactions[i].resolved = Some(resolved);
            self.situation.complaints.push(ComplaintState {
                id,
                opened,
                resolved: Some(resolved),
            });
            let check = add(resolved, i64::from(self.rules.satisfaction_check_days));
            self.check_satisfaction(check);
        } else {
            let id = self.interactions[i].id.clone();
            self.situation.complaints.push(ComplaintState {
                id,
                opened,
                resolved: None,
            });
        }
    }

    /// Answers, as the engine asks on `today`, what came due before it: each prompt is either
    /// left open (see [`still_open`]) or seen to on its day, until nothing more would be.
    fn settle(&mut self) {
        // Left open, ticked off or dismissed: not seen to again.
        let mut left: HashSet<String> = self.handled.iter().map(|h| h.key.clone()).collect();
        for _ in 0..40 {
            let due: Vec<Prompt> = followup::prompts(&self.situation, self.rules, self.today)
                .into_iter()
                .filter(|p| p.due < self.today && !left.contains(&p.key))
                .collect();

            let mut acted = false;
            for p in due {
                // Logged as it came due; the book works out, from the timeline, whether and
                // when it was made.
                if !self.log.iter().any(|l| l.key == p.key) {
                    self.log.push(PromptOutcome {
                        key: p.key.clone(),
                        kind: p.kind,
                        level: self.situation.level,
                        due: p.due,
                        made_on: None,
                        closed: None,
                        how: None,
                        reason: None,
                    });
                }
                let late = (self.today - p.due).num_days();
                if self.out_of_reach(&p) || self.rng.below(1000) < still_open(p.kind, late) {
                    left.insert(p.key.clone());
                    continue;
                }
                acted |= self.answer(&p);
                if self.handled.last().is_some_and(|h| h.key == p.key) {
                    left.insert(p.key.clone());
                }
                if acted && self.changes_the_rest(p.kind) {
                    break;
                }
            }
            if !acted {
                return;
            }
        }
    }

    /// Whether `p` is an after-sale step or a greeting for an owner who drifted away before its
    /// day: it stays open, as the walk's own were left unmade.
    fn out_of_reach(&self, p: &Prompt) -> bool {
        matches!(
            p.kind,
            PromptKind::AfterSale | PromptKind::Birthday | PromptKind::Holiday
        ) && self.drifted.is_some_and(|from| p.due >= from)
    }

    /// Whether answering a prompt of this kind changes what else is due (then the engine is
    /// asked again before the next one).
    fn changes_the_rest(&self, kind: PromptKind) -> bool {
        !matches!(
            kind,
            PromptKind::Birthday | PromptKind::Holiday | PromptKind::Revisit
        )
    }

    /// Sees to one prompt on its day; `false` when that cannot be before today.
    fn answer(&mut self, p: &Prompt) -> bool {
        let day = p.due;
        match p.kind {
            PromptKind::Cadence | PromptKind::NoShow | PromptKind::ProposeLost => {
                let day = if p.kind == PromptKind::ProposeLost {
                    add(day, 1)
                } else {
                    day
                };
                let kind = self.prospect_contact_kind();
                let Some(i) = self.contact(day, kind) else {
                    return false;
                };
                if p.kind == PromptKind::ProposeLost {
                    self.reached(i);
                }
                self.maybe_promise(i);
                true
            }
            PromptKind::NextStep => {
                let kind = match &p.params {
                    PromptParams::NextStep {
                        appointment: Some(AppointmentKind::TestDrive),
                        ..
                    } => InteractionKind::TestDrive,
                    PromptParams::NextStep {
                        appointment: Some(AppointmentKind::Visit),
                        ..
                    } => InteractionKind::Visit,
                    _ => InteractionKind::Call,
                };
                self.contact(day, kind).is_some()
            }
            PromptKind::AfterSale => {
                let step = match &p.params {
                    PromptParams::AfterSale { step, .. } => *step,
                    _ => AfterSaleKind::Call,
                };
                let kind = match step {
                    AfterSaleKind::Call => InteractionKind::Call,
                    AfterSaleKind::Service | AfterSaleKind::Inspection => InteractionKind::Service,
                    AfterSaleKind::Insurance | AfterSaleKind::Anniversary => {
                        InteractionKind::Message
                    }
                };
                let Some(i) = self.contact(day, kind) else {
                    return false;
                };
                self.after_sale_answer(i);
                if step != AfterSaleKind::Call {
                    self.tick(p, day);
                }
                true
            }
            PromptKind::Birthday | PromptKind::Holiday => {
                if self.contact(day, InteractionKind::Message).is_none() {
                    return false;
                }
                self.tick(p, day);
                true
            }
            PromptKind::Revisit => {
                if self.contact(day, InteractionKind::Call).is_none() {
                    return false;
                }
                self.tick(p, day);
                true
            }
            PromptKind::Complaint => {
                let PromptParams::Complaint { opened } = p.params else {
                    return false;
                };
                let Some(c) = self
                    .situation
                    .complaints
                    .iter_mut()
                    .find(|c| c.opened == opened && c.resolved.is_none())
                else {
                    return false;
                };
                c.resolved = Some(day);
                let id = c.id.clone();
                if let Some(i) = self.interactions.iter_mut().find(|i| i.id == id) {
                    i.resolved = Some(day);
                }
                true
            }
            PromptKind::SatisfactionCheck => self.check_satisfaction(day),
            PromptKind::Regrade => {
                if day >= self.today {
                    return false;
                }
                self.contact(day, InteractionKind::Call);
                let to = cooler(self.situation.level);
                self.set_level(day, to);
                true
            }
        }
    }

    /// A call on `day` that asks how satisfied the customer is now; `false` when `day` is not
    /// before today.
    fn check_satisfaction(&mut self, day: NaiveDate) -> bool {
        let Some(i) = self.contact(day, InteractionKind::Call) else {
            return false;
        };
        self.reached(i);
        let satisfaction = 3 + self.rng.below(3) as u8;
        self.satisfied(i, satisfaction);
        true
    }

    /// Marks interaction `i` a call that reached the customer.
    fn reached(&mut self, i: usize) {
        let item = &mut self.interactions[i];
        item.facts.kind = InteractionKind::Call;
        item.facts.outcome = Some(Outcome::Reached);
        let id = item.id.clone();
        if let Some(c) = self.situation.contacts.iter_mut().find(|c| c.id == id) {
            c.reached = true;
            c.kind = InteractionKind::Call;
        }
    }

    /// A hot prospect is often promised something for a day or two later.
    fn maybe_promise(&mut self, i: usize) {
        if !matches!(self.situation.level, Level::H | Level::A) || !self.rng.chance(30) {
            return;
        }
        let day = self.interactions[i].facts.at.date();
        let next = DueAt {
            date: add(day, 1 + self.rng.below(3) as i64),
            time: None,
        };
        let promise = self.rng.pick(PROMISES).to_owned();
        let item = &mut self.interactions[i];
        item.facts.next = Some(next);
        item.facts.promise = Some(promise.clone());
        let id = item.id.clone();
        if let Some(c) = self.situation.contacts.iter_mut().find(|c| c.id == id) {
            c.next = Some(next);
            c.promise = Some(promise);
        }
    }

    /// Ticks a prompt off on `day`, when the contact that made it was made.
    fn tick(&mut self, p: &Prompt, day: NaiveDate) {
        if let Some(entry) = self.log.iter_mut().find(|l| l.key == p.key) {
            entry.made_on = Some(day);
            entry.closed = Some(day);
            entry.how = Some(Closed::Done.code().to_owned());
        }
        let at = self.at(day);
        self.handled.push(Handled {
            key: p.key.clone(),
            at,
            dismissed: None,
        });
    }

    /// The day each prompt that left the agenda was made, as the app works it out: the first
    /// real contact (an outcome, or a meeting: [`Event::is_contact`]) from its window's start to
    /// the day it left; a message without an outcome, or a tick, makes none. Those still open
    /// are the book's to work out; a dismissed one was not made.
    fn made_days(&mut self) {
        let contacts: Vec<NaiveDate> = self
            .interactions
            .iter()
            .filter(|i| Event::is_contact(i.facts.kind, i.facts.outcome.is_some()))
            .map(|i| i.facts.at.date())
            .collect();
        for entry in &mut self.log {
            let Some(closed) = entry.closed else {
                continue;
            };
            if entry.how.as_deref() == Some(Closed::Dismissed.code()) {
                continue;
            }
            let start = compliance::window_start(entry.kind, entry.due, self.rules.lead_days);
            entry.made_on = compliance::made_on(start, &contacts).filter(|day| *day <= closed);
        }
    }

    /// The day the customer was first graded H, A, B or C (on arrival, or when an N was
    /// graded), and the level.
    fn first_graded(&self) -> Option<(NaiveDate, Level)> {
        let open = |l: Level| matches!(l, Level::H | Level::A | Level::B | Level::C);
        let arrived = self
            .level_changes
            .first()
            .map_or(self.situation.level, |c| c.from);
        if open(arrived) {
            return Some((self.situation.created, arrived));
        }
        self.level_changes
            .iter()
            .find(|c| open(c.to))
            .map(|c| (c.at.date(), c.to))
    }

    fn lived(mut self) -> AgedCustomer {
        self.walk();
        self.settle();
        self.made_days();
        let level = self.situation.level;
        // A prospect's timeframe, as they would say it today; a customer who has bought or
        // was lost keeps the one they gave when first graded (the day their window ended).
        let timeframe = match level {
            Level::H => "一周内".to_owned(),
            Level::A => "半个月内".to_owned(),
            Level::B => "一个月内".to_owned(),
            Level::C => "三个月内".to_owned(),
            _ => self
                .first_graded()
                .map(|(day, level)| add(day, self.window(level)).to_string())
                .unwrap_or_default(),
        };
        let p = &mut self.demo.profile;
        p.level = level.code().to_owned();
        p.timeframe = timeframe;
        let created = self.interactions.first().map_or_else(
            || self.situation.created.and_time(NaiveTime::MIN),
            |i| i.facts.at,
        );
        AgedCustomer {
            customer: self.demo,
            created,
            family_ids: self.family_ids,
            interactions: self.interactions,
            level_changes: self.level_changes,
            handled: self.handled,
            log: self.log,
        }
    }
}
