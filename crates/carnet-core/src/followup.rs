//! The follow-up engine: given what is known of a customer, the rules (every number a
//! default the consultant can edit) and a date, the prompts that are due — whom to contact,
//! when, and why (a kind and parameters each front end renders in its language).
//!
//! Sources: the level's contact interval, explicit next steps, the after-sale schedule from
//! the delivery, birthdays of the customer and family (solar or lunar), holidays, open
//! complaints and the satisfaction check after one is resolved, stale levels, repeated failed
//! attempts, and lost customers due for a revisit. Facts still unknown are not prompts.

use chrono::{Days, Months, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::birthday::{Birthday, Calendar};
use crate::choices::{
    AppointmentKind, InteractionKind, Level, LostReason, Outcome, Pick, PromptKind, Relation,
};
use crate::interaction::{DueAt, InteractionFacts};
use crate::lunar::next_occurrence;

pub mod params;
pub mod plan;
pub mod rules;

pub use params::PromptParams;
pub use rules::{AfterSaleKind, AfterSaleRule, Holiday, LevelRule, Rules};

/// One contact with the customer, as the engine needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub id: String,
    pub date: NaiveDate,
    pub reached: bool,
    pub next: Option<DueAt>,
    pub promise: Option<String>,
    pub satisfaction: Option<u8>,
    /// The next step is an appointment of this kind.
    pub appointment: Option<AppointmentKind>,
    /// What the contact was (a visit or test drive on an appointment's day is a show).
    pub kind: InteractionKind,
}

impl Contact {
    /// The contact an interaction (`id`, as logged) is to the engine: reached unless the call
    /// was not answered.
    pub fn of(id: &str, facts: &InteractionFacts) -> Contact {
        Contact {
            id: id.to_owned(),
            date: facts.at.date(),
            reached: facts.outcome != Some(Outcome::NotReached),
            next: facts.next,
            promise: facts.promise.clone(),
            satisfaction: facts.satisfaction,
            appointment: facts.appointment,
            kind: facts.kind,
        }
    }
}

/// A complaint and, once resolved, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintState {
    pub id: String,
    pub opened: NaiveDate,
    pub resolved: Option<NaiveDate>,
}

/// A family member with a birthday.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relative {
    pub id: String,
    pub name: String,
    pub relation: Pick<Relation>,
    pub birthday: Birthday,
}

/// What is known of one customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Situation {
    pub name: String,
    pub level: Level,
    /// When the customer got their current level.
    pub level_since: NaiveDate,
    pub created: NaiveDate,
    pub birthday: Option<Birthday>,
    pub family: Vec<Relative>,
    /// Oldest first.
    pub contacts: Vec<Contact>,
    pub delivered: Option<NaiveDate>,
    pub complaints: Vec<ComplaintState>,
    /// For a lost (F) customer: when to try again, and why the sale was lost.
    pub revisit: Option<Revisit>,
}

/// When to try a lost customer again, and why the sale was lost (`None` for a sale lost
/// before the reason was kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revisit {
    pub date: NaiveDate,
    pub lost_reason: Option<LostReason>,
}

/// A prompt: contact this customer by `due` (at `time`, if set), because of `kind` and
/// `params` (typed by kind; kept and sent as a map of text). `key` names the prompt across recomputations, so that done, snoozed and
/// dismissed prompts stay so. Lower `priority` is more urgent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prompt {
    pub key: String,
    pub kind: PromptKind,
    pub due: NaiveDate,
    pub time: Option<NaiveTime>,
    pub priority: u8,
    pub params: PromptParams,
}

fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
            .unwrap_or(date)
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
            .unwrap_or(date)
    }
}

fn level_priority(level: Level) -> u8 {
    match level {
        Level::H => 1,
        Level::N | Level::O => 2,
        Level::A => 3,
        Level::B => 4,
        _ => 5,
    }
}

/// After-sale steps older than this are no longer shown.
const AFTER_SALE_GRACE_DAYS: i64 = 30;

/// The prompts due for one customer on `today`: every prompt whose date has come or comes
/// within the lead time (events), or has passed (contacts and next steps stay until done).
pub fn prompts(s: &Situation, rules: &Rules, today: NaiveDate) -> Vec<Prompt> {
    let mut out = Vec::new();
    let horizon = add_days(today, i64::from(rules.lead_days));
    let last = s.contacts.last();

    // An explicit next step: the latest one set, until a contact on or after its day.
    let next_step = s
        .contacts
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, c)| c.next.map(|n| (i, c, n)))
        .filter(|(i, _, n)| !s.contacts[i + 1..].iter().any(|later| later.date >= n.date));
    if let Some((_, c, next)) = next_step {
        // An appointment whose day has passed with no contact since (a visit or test drive
        // that day would be one): the customer did not come.
        match c.appointment {
            Some(appointment) if next.date < today => out.push(Prompt {
                key: format!("no_show:{}", c.id),
                kind: PromptKind::NoShow,
                due: add_days(next.date, 1),
                time: None,
                priority: 1,
                params: PromptParams::NoShow {
                    on: next.date,
                    time: next.time,
                    appointment,
                },
            }),
            _ => out.push(Prompt {
                key: format!("next:{}", c.id),
                kind: PromptKind::NextStep,
                due: next.date,
                time: next.time,
                priority: 1,
                params: PromptParams::NextStep {
                    promise: c.promise.clone().unwrap_or_default(),
                    set_on: c.date,
                    appointment: c.appointment,
                },
            }),
        }
    }

    // The level's cadence, unless a next step is already set.
    if next_step.is_none()
        && let Some(interval) = rules.level(s.level).and_then(|r| r.interval_days)
    {
        let base = last.map_or(s.created, |c| c.date);
        let due = add_days(base, i64::from(interval));
        // The last contact's day, not the days since: the prompt stays right as days pass
        // (front ends count the days on the day they show it).
        out.push(Prompt {
            key: format!("cadence:{}:{due}", s.level.code()),
            kind: PromptKind::Cadence,
            due,
            time: None,
            priority: level_priority(s.level),
            params: PromptParams::Cadence {
                level: s.level,
                last: last.map(|c| c.date),
            },
        });
    }

    // A stale level: its purchase window has passed without an order.
    if matches!(s.level, Level::H | Level::A | Level::B | Level::C)
        && let Some(window) = rules.level(s.level).and_then(|r| r.window_days)
    {
        let end = add_days(s.level_since, i64::from(window));
        if end < today {
            out.push(Prompt {
                key: format!("regrade:{}:{}", s.level.code(), s.level_since),
                kind: PromptKind::Regrade,
                due: add_days(end, 1),
                time: None,
                priority: 4,
                params: PromptParams::Regrade {
                    level: s.level,
                    since: s.level_since,
                },
            });
        }
    }

    // Failed attempts in a row: propose F.
    let failed = s.contacts.iter().rev().take_while(|c| !c.reached).count();
    if !matches!(s.level, Level::F | Level::O | Level::D)
        && rules.failed_attempts > 0
        && failed >= rules.failed_attempts as usize
        && let Some(last) = last
    {
        out.push(Prompt {
            key: format!("lost:{}", last.id),
            kind: PromptKind::ProposeLost,
            due: last.date,
            time: None,
            priority: 4,
            params: PromptParams::ProposeLost { attempts: failed },
        });
    }

    if s.level == Level::F
        && let Some(revisit) = s.revisit
    {
        out.push(Prompt {
            key: format!("revisit:{}", revisit.date),
            kind: PromptKind::Revisit,
            due: revisit.date,
            time: None,
            priority: 6,
            params: PromptParams::Revisit {
                lost_reason: revisit.lost_reason,
            },
        });
    }

    // The after-sale schedule.
    if let Some(delivered) = s.delivered {
        for (i, rule) in rules.after_sale.iter().enumerate() {
            let years: Vec<u32> = if rule.yearly {
                (0..30).collect()
            } else {
                vec![0]
            };
            for k in years {
                let Some(date) = delivered.checked_add_months(Months::new(rule.months + 12 * k))
                else {
                    continue;
                };
                let date = add_days(date, i64::from(rule.days));
                if date > horizon {
                    break;
                }
                if (today - date).num_days() > AFTER_SALE_GRACE_DAYS {
                    continue;
                }
                // A call is made by any contact on or after its day.
                if rule.kind == AfterSaleKind::Call && s.contacts.iter().any(|c| c.date >= date) {
                    continue;
                }
                out.push(Prompt {
                    key: format!("after_sale:{i}:{date}"),
                    kind: PromptKind::AfterSale,
                    due: date,
                    time: None,
                    priority: if rule.kind == AfterSaleKind::Call {
                        3
                    } else {
                        4
                    },
                    params: PromptParams::AfterSale {
                        step: rule.kind,
                        year: rule.months / 12 + k,
                        days: (date - delivered).num_days(),
                    },
                });
            }
        }
    }

    // Birthdays, from yesterday (a day late is still kind) to the lead time.
    let from = add_days(today, -1);
    let mut birthdays: Vec<(String, String, String, &Birthday)> = Vec::new();
    if let Some(b) = &s.birthday {
        birthdays.push(("self".into(), "self".into(), s.name.clone(), b));
    }
    for r in &s.family {
        birthdays.push((
            r.id.clone(),
            r.relation.to_input(),
            r.name.clone(),
            &r.birthday,
        ));
    }
    for (who_key, who, name, b) in birthdays {
        if let Some(date) =
            next_occurrence(b.calendar, b.month, b.day, from).filter(|d| *d <= horizon)
        {
            out.push(Prompt {
                key: format!("birthday:{who_key}:{date}"),
                kind: PromptKind::Birthday,
                due: date,
                time: None,
                priority: 5,
                params: PromptParams::Birthday {
                    who,
                    name,
                    calendar: b.calendar,
                    month: b.month,
                    day: b.day,
                },
            });
        }
    }

    // Holiday greetings, for the levels that get them.
    if rules.holiday_levels.contains(&s.level) {
        for h in &rules.holidays {
            if let Some(date) =
                next_occurrence(h.calendar, h.month, h.day, from).filter(|d| *d <= horizon)
            {
                out.push(Prompt {
                    key: format!("holiday:{}:{date}", h.code),
                    kind: PromptKind::Holiday,
                    due: date,
                    time: None,
                    priority: 6,
                    params: PromptParams::Holiday {
                        holiday: h.code.clone(),
                    },
                });
            }
        }
    }

    // Complaints: recover within a day; once resolved, check satisfaction again.
    for c in &s.complaints {
        match c.resolved {
            None => out.push(Prompt {
                key: format!("complaint:{}", c.id),
                kind: PromptKind::Complaint,
                due: add_days(c.opened, 1),
                time: None,
                priority: 1,
                params: PromptParams::Complaint { opened: c.opened },
            }),
            Some(resolved) => {
                let checked = s
                    .contacts
                    .iter()
                    .any(|contact| contact.date > resolved && contact.satisfaction.is_some());
                if !checked {
                    out.push(Prompt {
                        key: format!("satisfaction:{}", c.id),
                        kind: PromptKind::SatisfactionCheck,
                        due: add_days(resolved, i64::from(rules.satisfaction_check_days)),
                        time: None,
                        priority: 2,
                        params: PromptParams::SatisfactionCheck { resolved },
                    });
                }
            }
        }
    }
    out.sort_by(|a, b| (a.due, a.priority, &a.key).cmp(&(b.due, b.priority, &b.key)));
    out
}

/// The first day after `today` on which `prompts` may give another set of prompts for the
/// same facts (an event comes within the lead time or leaves, a window closes); `None` when
/// nothing changes with the date. Until then the stored prompts stay right, so the daily
/// rollover only recomputes customers whose day has come.
pub fn next_change(s: &Situation, rules: &Rules, today: NaiveDate) -> Option<NaiveDate> {
    let lead = i64::from(rules.lead_days);
    let mut dates: Vec<NaiveDate> = Vec::new();
    // A yearly date on `calendar`: the one shown leaves two days after it (it shows from the
    // day before); the next one enters `lead` days before it.
    let mut yearly = |calendar: Calendar, month: u8, day: u8| {
        if let Some(shown) = next_occurrence(calendar, month, day, add_days(today, -1)) {
            dates.push(add_days(shown, 2));
            if let Some(next) = next_occurrence(calendar, month, day, add_days(shown, 1)) {
                dates.push(add_days(next, -lead));
            }
            dates.push(add_days(shown, -lead));
        }
    };
    if let Some(b) = &s.birthday {
        yearly(b.calendar, b.month, b.day);
    }
    for r in &s.family {
        yearly(r.birthday.calendar, r.birthday.month, r.birthday.day);
    }
    if rules.holiday_levels.contains(&s.level) {
        for h in &rules.holidays {
            yearly(h.calendar, h.month, h.day);
        }
    }
    if let Some(delivered) = s.delivered {
        for rule in &rules.after_sale {
            let years: Vec<u32> = if rule.yearly {
                (0..30).collect()
            } else {
                vec![0]
            };
            for k in years {
                let Some(date) = delivered.checked_add_months(Months::new(rule.months + 12 * k))
                else {
                    continue;
                };
                let date = add_days(date, i64::from(rule.days));
                dates.push(add_days(date, -lead));
                dates.push(add_days(date, AFTER_SALE_GRACE_DAYS + 1));
                if add_days(date, -lead) > today {
                    break;
                }
            }
        }
    }
    if matches!(s.level, Level::H | Level::A | Level::B | Level::C)
        && let Some(window) = rules.level(s.level).and_then(|r| r.window_days)
    {
        dates.push(add_days(s.level_since, i64::from(window) + 1));
    }
    // An appointment becomes a no-show the day after it.
    if let Some(next) = s
        .contacts
        .iter()
        .rev()
        .find_map(|c| c.appointment.and(c.next))
    {
        dates.push(add_days(next.date, 1));
    }
    dates.into_iter().filter(|d| *d > today).min()
}

#[cfg(test)]
mod tests;
