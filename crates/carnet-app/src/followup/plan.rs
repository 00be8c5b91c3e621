//! Today's plan (issue 17): a day's worth of prompts, made once a day with carnet-core's
//! `followup::plan` (weigh, group, spread, slips) and kept in the book, so that opening Today
//! again does not reshuffle it. What does not fit waits later this week, counted by kind.

use std::collections::BTreeMap;

use carnet_core::choices::Occasion;
use carnet_core::followup::plan::{self as core_plan, PLAN_DAYS, Slot, Who, Why};
use carnet_core::{PromptKind, Tier};
use carnet_store::{PlanEntry, PlanPrompt, PlannedPrompt, Write};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::rules;
use super::today::{customer_row_of, prompt_view, standing_of};
use crate::{
    AgendaRow, App, AppError, KindCount, LaterDay, PlanGroup, PlanMember, PlanRow, TodayPlan,
};

/// The day the plan in the book was made for (the store's: it joins what comes due later).
pub(crate) const PLAN_DAY_SETTING: &str = carnet_store::TODAY_PLAN_DAY;
/// What the plan left for later, as it was made (JSON of [`Later`]).
const PLAN_LATER_SETTING: &str = "today_plan_later";

/// The summary kept with the day's plan.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Later {
    due: u64,
    days: Vec<LaterDay>,
}

/// What a slot of the plan is: a customer's row or an occasion's group.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum SlotKey {
    Customer(String),
    /// An occasion's group on its day.
    Group(Occasion, NaiveDate),
}

/// The prompts of one slot, as the plan weighs them.
struct Planned {
    key: SlotKey,
    prompts: Vec<usize>,
    slot: Slot,
}

/// The slots of the prompts due by the end of the week: each groupable prompt in its
/// occasion's group on the day it comes due (today for what is overdue) when that group has
/// two or more (one is just a row), every other one in its customer's row.
fn slots(
    due: &[PlanPrompt],
    today: NaiveDate,
    standing: impl Fn(&PlanPrompt) -> (Tier, bool),
) -> Vec<Planned> {
    let groups: Vec<Option<(Occasion, NaiveDate)>> = due
        .iter()
        .map(|p| {
            let on = p.prompt.due.max(today);
            core_plan::group_of(&p.prompt, on).map(|o| (o, on))
        })
        .collect();
    let mut members: BTreeMap<(Occasion, NaiveDate), usize> = BTreeMap::new();
    for group in groups.iter().flatten() {
        *members.entry(*group).or_default() += 1;
    }
    let mut index: BTreeMap<SlotKey, usize> = BTreeMap::new();
    let mut out: Vec<Planned> = Vec::new();
    for (i, p) in due.iter().enumerate() {
        let (tier, unhappy) = standing(p);
        let weight = core_plan::weigh(
            &p.prompt,
            Who {
                level: p.placing.level,
                tier,
                unhappy,
            },
            today,
        );
        let movable = core_plan::movable(&p.prompt);
        let (key, day) = match groups[i].filter(|g| members[g] > 1) {
            Some((occasion, on)) => (SlotKey::Group(occasion, on), on),
            None => (SlotKey::Customer(p.customer_id.clone()), p.prompt.due),
        };
        match index.get(&key) {
            Some(&at) => {
                let planned = &mut out[at];
                planned.prompts.push(i);
                planned.slot.due = planned.slot.due.min(day);
                planned.slot.weight = planned.slot.weight.min(weight);
                planned.slot.movable &= movable;
            }
            None => {
                index.insert(key.clone(), out.len());
                out.push(Planned {
                    key,
                    prompts: vec![i],
                    slot: Slot {
                        due: day,
                        weight,
                        movable,
                    },
                });
            }
        }
    }
    out
}

/// Counts of prompts by kind, in the kinds' order.
fn kind_counts(kinds: impl Iterator<Item = PromptKind>) -> Vec<KindCount> {
    let mut counts: BTreeMap<usize, (PromptKind, u32)> = BTreeMap::new();
    for kind in kinds {
        let at = PromptKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        counts.entry(at).or_insert((kind, 0)).1 += 1;
    }
    counts
        .into_values()
        .map(|(kind, count)| KindCount { kind, count })
        .collect()
}

/// Makes `today`'s plan and keeps it: the prompts due by the end of the week weighed,
/// grouped, spread over the week at the rules' capacity, each with how often it slipped.
fn make_plan(w: &Write<'_>, today: NaiveDate) -> Result<(), AppError> {
    let rules = rules(w)?;
    let last = today
        .checked_add_days(Days::new(u64::from(PLAN_DAYS - 1)))
        .unwrap_or(today);
    let due = w.plan_prompts(last)?;
    let value_rules = crate::reports::value_rules(w)?;
    let planned = slots(&due, today, |p| {
        standing_of(&p.placing, today, &value_rules)
    });
    let placed = core_plan::spread(
        &planned.iter().map(|p| p.slot).collect::<Vec<_>>(),
        rules.daily_capacity,
        today,
    );
    // Each day's rows in the order of their weight.
    let mut order: Vec<usize> = (0..planned.len()).collect();
    order.sort_by_key(|&i| (placed[i].is_none(), placed[i], planned[i].slot.weight, i));
    let kept = w.kept_plan()?;
    let mut entries = Vec::with_capacity(due.len());
    let mut later: BTreeMap<Option<NaiveDate>, (u32, Vec<PromptKind>)> = BTreeMap::new();
    for (rank, &i) in order.iter().enumerate() {
        let slot = &planned[i];
        let day = placed[i];
        if day != Some(today) {
            let entry = later.entry(day).or_default();
            entry.0 += 1;
            entry
                .1
                .extend(slot.prompts.iter().map(|&p| due[p].prompt.kind));
        }
        for &p in &slot.prompts {
            let d = &due[p];
            let (slips, slipped_on) = core_plan::slips(
                kept.get(&(d.customer_id.clone(), d.prompt.key.clone()))
                    .copied(),
                d.prompt.due,
                day,
                today,
            );
            entries.push(PlanEntry {
                customer_id: d.customer_id.clone(),
                key: d.prompt.key.clone(),
                kind: d.prompt.kind,
                day,
                rank: u32::try_from(rank).unwrap_or(u32::MAX),
                group: match &slot.key {
                    SlotKey::Group(occasion, _) => Some(occasion.code().to_owned()),
                    SlotKey::Customer(_) => None,
                },
                why: slot.slot.weight.why.code().to_owned(),
                slips,
                slipped_on,
            });
        }
    }
    w.replace_plan(&entries)?;
    // Later days first, after the week last.
    let mut days: Vec<LaterDay> = later
        .into_iter()
        .map(|(day, (rows, kinds))| LaterDay {
            date: day.map(|d| d.to_string()),
            rows,
            kinds: kind_counts(kinds.into_iter()),
        })
        .collect();
    days.sort_by_key(|d| (d.date.is_none(), d.date.clone()));
    let summary = Later {
        due: due.iter().filter(|p| p.prompt.due <= today).count() as u64,
        days,
    };
    let text = serde_json::to_string(&summary).map_err(AppError::internal)?;
    w.set_setting(PLAN_LATER_SETTING, &text)?;
    w.set_setting(PLAN_DAY_SETTING, &today.to_string())?;
    tracing::info!(%today, prompts = entries.len(), "planned the day");
    Ok(())
}

/// A customer's row from their planned prompts: done when none of them is left to do today;
/// its prompts are the customer's as they stand this week (after a call, what comes next).
fn customer_row(
    store: &carnet_store::Store,
    prompts: &[&PlannedPrompt],
    today: NaiveDate,
) -> Result<(AgendaRow, bool), AppError> {
    let first = prompts[0];
    let last = today
        .checked_add_days(Days::new(u64::from(PLAN_DAYS - 1)))
        .unwrap_or(today);
    let mut shown: Vec<_> = store
        .customer_prompts(&first.customer_id)?
        .iter()
        .filter(|p| p.due <= last)
        .map(|p| prompt_view(p, today))
        .collect();
    shown.sort_by(|a, b| (a.when, a.priority, &a.due).cmp(&(b.when, b.priority, &b.due)));
    let done = prompts.iter().all(|p| p.open.is_none());
    let row = customer_row_of(
        &first.customer_id,
        &first.name,
        first.level,
        first.phone.clone(),
        shown,
    );
    Ok((row, done))
}

impl App {
    /// Today's plan: made on the day's first look (after the prompts roll over to the day),
    /// then read as it was made, with what was done since.
    pub fn today_plan(&self) -> Result<TodayPlan, AppError> {
        self.plan_for(self.now().date())
    }

    /// The plan of `today` (the CLI's `--date`): made if the book holds another day's.
    pub fn plan_for(&self, today: NaiveDate) -> Result<TodayPlan, AppError> {
        self.roll_prompts(today)?;
        let store = self.store();
        let planned_day = store
            .setting(PLAN_DAY_SETTING)?
            .and_then(|d| d.parse::<NaiveDate>().ok());
        if planned_day != Some(today) {
            store.write(|w| make_plan(w, today))?;
        }
        let capacity = rules(&store)?.daily_capacity;
        let later: Later = store
            .setting(PLAN_LATER_SETTING)?
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        let mut ranked: Vec<(u32, PlanRow)> = Vec::new();
        // The customers' rows: their prompts share the row's rank.
        let planned = store.planned_rows(today)?;
        let mut start = 0;
        while start < planned.len() {
            let end = planned[start..]
                .iter()
                .position(|p| p.rank != planned[start].rank)
                .map_or(planned.len(), |n| start + n);
            let prompts: Vec<&PlannedPrompt> = planned[start..end].iter().collect();
            let (row, done) = customer_row(&store, &prompts, today)?;
            let late = planned[start].why == carnet_store::LATE;
            let why = if late {
                // Weighed as it is read: the plan was made without it.
                prompts
                    .iter()
                    .filter_map(|p| p.open.as_ref())
                    .map(|p| {
                        let who = Who {
                            level: prompts[0].level,
                            tier: Tier::Other,
                            unhappy: false,
                        };
                        core_plan::weigh(p, who, today).why
                    })
                    .min()
                    .unwrap_or(Why::Rest)
            } else {
                Why::from_code(&planned[start].why).unwrap_or(Why::Rest)
            };
            ranked.push((
                planned[start].rank,
                PlanRow {
                    why,
                    slips: prompts.iter().map(|p| p.slips).max().unwrap_or(0),
                    done,
                    late,
                    customer: Some(row),
                    group: None,
                },
            ));
            start = end;
        }
        for g in store.planned_groups(today)? {
            let Some(occasion) = Occasion::parse(&g.group) else {
                continue;
            };
            ranked.push((
                g.rank,
                PlanRow {
                    why: Why::from_code(&g.why).unwrap_or(Why::Rest),
                    slips: 0,
                    done: g.open == 0,
                    late: false,
                    customer: None,
                    group: Some(PlanGroup {
                        occasion,
                        members: g.members,
                        done: g.members - g.open,
                    }),
                },
            ));
        }
        ranked.sort_by_key(|(rank, _)| *rank);
        let rows: Vec<PlanRow> = ranked.into_iter().map(|(_, row)| row).collect();
        let total = u32::try_from(rows.len()).unwrap_or(u32::MAX);
        let done = u32::try_from(rows.iter().filter(|r| r.done).count()).unwrap_or(u32::MAX);
        Ok(TodayPlan {
            date: today.to_string(),
            capacity,
            rows,
            done,
            total,
            later: later.days,
            due: later.due,
        })
    }

    /// The members of today's group of `occasion`, by name: each with the prompt their
    /// message answers while it is still to do.
    pub fn plan_group(&self, occasion: Occasion) -> Result<Vec<PlanMember>, AppError> {
        let today = self.now().date();
        let members = self.store().planned_group(today, occasion.code())?;
        Ok(members
            .into_iter()
            .map(|m| PlanMember {
                customer_id: m.customer_id,
                name: m.name,
                level: m.level,
                phone_display: m
                    .phone
                    .map(|e| carnet_core::phone::Phone::from_stored(e).display()),
                key: m.key,
                done: m.open.is_none(),
                prompt: m.open.as_ref().map(|p| prompt_view(p, today)),
            })
            .collect())
    }

    /// Forgets the plan made today: the next look makes it again, as a new day's first look
    /// does (`carnet bench` times the desktop's first start of a day so).
    pub fn forget_todays_plan(&self) -> Result<(), AppError> {
        self.store()
            .write(|w| Ok(w.set_setting(PLAN_DAY_SETTING, "")?))
    }

    /// Makes today's plan again, as the day's first look does (for `carnet bench`).
    pub fn replan_today(&self) -> Result<(), AppError> {
        let today = self.now().date();
        self.roll_prompts(today)?;
        self.store().write(|w| make_plan(w, today))
    }

    /// Rows of today's plan still to do (the tray's count and the day's notice).
    pub fn plan_left(&self) -> Result<u64, AppError> {
        let plan = self.today_plan()?;
        Ok(u64::from(plan.total - plan.done))
    }
}
