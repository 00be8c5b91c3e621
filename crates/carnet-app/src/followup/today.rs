//! Today: the agenda of prompts due, rolled over once a day, and the one-keystroke outcomes
//! on its rows (with their undo).

use std::collections::BTreeMap;

use carnet_core::history::{PromptAction, SaleDetails};
use carnet_core::profile::{Invalid, Problem};
use carnet_core::{InteractionDraft, Level};
use carnet_store::DuePrompt;
use chrono::{Days, NaiveDate};

use super::{PROMPTS_DAY_SETTING, day, invalid_date, rules};
use crate::{
    Agenda, AgendaRow, App, AppError, PromptDto, PromptParamsDto, QuickOutcome, Undo, When,
};

/// The most prompts one agenda holds: a day's work, not the whole book.
pub const AGENDA_PROMPTS: u32 = 500;

fn prompt_dto(p: &DuePrompt, today: NaiveDate) -> PromptDto {
    prompt_view(&p.prompt, today)
}

/// A prompt as front ends see it on `today`.
pub(crate) fn prompt_view(prompt: &carnet_core::followup::Prompt, today: NaiveDate) -> PromptDto {
    let in_days = (prompt.due - today).num_days();
    PromptDto {
        key: prompt.key.clone(),
        kind: prompt.kind,
        due: prompt.due.to_string(),
        time: prompt.time.map(|t| t.format("%H:%M").to_string()),
        priority: prompt.priority,
        params: PromptParamsDto::new(&prompt.params, today),
        when: match in_days {
            d if d < 0 => When::Overdue,
            0 => When::Today,
            _ => When::Upcoming,
        },
        in_days,
        occasion: carnet_core::templates::occasion_of(prompt.kind, &prompt.params),
    }
}

/// A row of Today for the customer `p` is about, with `prompts` (the first says when).
fn agenda_row(p: &DuePrompt, prompts: Vec<PromptDto>) -> AgendaRow {
    customer_row_of(&p.customer_id, &p.name, p.level, p.phone.clone(), prompts)
}

/// A row of Today: the customer, their phone as shown, and `prompts` (the first says when).
pub(super) fn customer_row_of(
    customer_id: &str,
    name: &str,
    level: Level,
    phone: Option<String>,
    prompts: Vec<PromptDto>,
) -> AgendaRow {
    AgendaRow {
        customer_id: customer_id.to_owned(),
        name: name.to_owned(),
        level,
        phone_display: phone.map(|e| carnet_core::phone::Phone::from_stored(e).display()),
        when: prompts.first().map_or(When::Today, |p| p.when),
        prompts,
        tier: carnet_core::Tier::Other,
        unhappy: false,
    }
}

/// Each customer's tier today, and whether they are an owner whose latest satisfaction is low.
pub(super) fn standings(
    store: &carnet_store::Store,
    ids: &[String],
    today: NaiveDate,
) -> Result<BTreeMap<String, (carnet_core::Tier, bool)>, AppError> {
    let value_rules = crate::reports::value_rules(store)?;
    Ok(store
        .placings(ids)?
        .into_iter()
        .map(|(id, placing)| (id, standing_of(&placing, today, &value_rules)))
        .collect())
}

/// A customer's tier today, and whether their latest satisfaction is low, from what places
/// them.
pub(super) fn standing_of(
    p: &carnet_store::Placing,
    today: NaiveDate,
    rules: &carnet_core::differentiate::ValueRules,
) -> (carnet_core::Tier, bool) {
    use carnet_core::differentiate::{self as diff, grid::Band};
    let placed = diff::place(
        p.level,
        &p.standing,
        p.referred_bought,
        p.last_contact,
        today,
        rules,
    );
    let unhappy = placed.cell.is_some_and(|c| c.satisfaction == Band::Low);
    (placed.tier, unhappy)
}

fn level_rank(level: Level) -> usize {
    [
        Level::H,
        Level::O,
        Level::N,
        Level::A,
        Level::B,
        Level::C,
        Level::D,
        Level::F,
    ]
    .iter()
    .position(|l| *l == level)
    .unwrap_or(9)
}

impl App {
    /// The rows of today's plan still to do (for the tray).
    pub fn due_count(&self) -> Result<u64, AppError> {
        self.plan_left()
    }

    /// Once a day, recomputes the customers whose prompts `today` changes (everyone on a first
    /// look, or a look back).
    pub(super) fn roll_prompts(&self, today: NaiveDate) -> Result<(), AppError> {
        let store = self.store();
        let last_day = store
            .setting(PROMPTS_DAY_SETTING)?
            .and_then(|d| d.parse::<NaiveDate>().ok());
        // The desktop leaves a new day's rollover (or a first look's) to `catch_up`, after
        // the first screen: meanwhile Today shows the prompts as they are.
        let deferred = self.rollover_deferred() && last_day.is_none_or(|day| day < today);
        if last_day != Some(today) && !deferred {
            store.write(|w| {
                if let Some(day) = last_day.filter(|day| *day < today) {
                    // Time moved on: only the customers whose prompts the date changes.
                    let count = w.roll_prompts_over(&rules(w)?, today)?;
                    tracing::info!(%today, since = %day, customers = count, "rolled the prompts over to the day");
                } else {
                    // A first look, or a look back (`carnet agenda --date` in the past):
                    // everyone.
                    w.refresh_all_prompts(&rules(w)?, today)?;
                }
                w.set_setting(PROMPTS_DAY_SETTING, &today.to_string())?;
                Ok::<_, AppError>(())
            })?;
        }
        Ok(())
    }

    /// Today as of `date` (default: today): the prompts due on or before it and in the `days`
    /// after, one row per customer. Once a day, the customers whose prompts the date changes are
    /// recomputed (no one else).
    pub fn agenda(&self, date: Option<NaiveDate>, days: u32) -> Result<Agenda, AppError> {
        let today = date.unwrap_or_else(|| self.now().date());
        self.roll_prompts(today)?;
        let store = self.store();
        let until = today
            .checked_add_days(Days::new(u64::from(days)))
            .unwrap_or(today);
        let due = store.due_prompts_limited(until, AGENDA_PROMPTS)?;
        let mut rows: Vec<AgendaRow> = Vec::new();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        for p in &due {
            let dto = prompt_dto(p, today);
            match index.get(&p.customer_id) {
                Some(&i) => rows[i].prompts.push(dto),
                None => {
                    index.insert(p.customer_id.clone(), rows.len());
                    rows.push(agenda_row(p, vec![dto]));
                }
            }
        }
        let ids: Vec<String> = rows.iter().map(|r| r.customer_id.clone()).collect();
        let placed = standings(&store, &ids, today)?;
        for row in &mut rows {
            row.prompts
                .sort_by(|a, b| (a.when, a.priority, &a.due).cmp(&(b.when, b.priority, &b.due)));
            row.when = row.prompts.first().map_or(When::Upcoming, |p| p.when);
            if let Some(&(tier, unhappy)) = placed.get(&row.customer_id) {
                row.tier = tier;
                row.unhappy = unhappy;
            }
        }
        rows.sort_by_key(|r| {
            let urgent = r.prompts.iter().map(|p| p.priority).min().unwrap_or(9);
            let day = r.prompts.first().map(|p| p.due.clone()).unwrap_or_default();
            let satisfaction = r.unhappy.then_some(1);
            (
                r.when,
                day,
                carnet_core::differentiate::attention_rank(r.tier, satisfaction),
                urgent,
                level_rank(r.level),
            )
        });
        Ok(Agenda {
            date: today.to_string(),
            rows,
            due: store.count_due_prompts(today)?,
            total: store.count_due_prompts(until)?,
        })
    }

    /// One keystroke on a Today row: log the call (reached or not), reschedule, or mark done.
    pub fn complete_prompt(
        &self,
        customer_id: &str,
        key: &str,
        outcome: QuickOutcome,
        date: &str,
    ) -> Result<Undo, AppError> {
        let now = self.now();
        let today = now.date();
        let (call, action) = match outcome {
            QuickOutcome::Reached | QuickOutcome::NotReached => {
                let code = if outcome == QuickOutcome::Reached {
                    "reached"
                } else {
                    "not_reached"
                };
                let draft = InteractionDraft {
                    kind: "call".into(),
                    outcome: code.into(),
                    ..InteractionDraft::default()
                };
                (Some(draft.validate(now)?), PromptAction::Done)
            }
            QuickOutcome::Reschedule => {
                let tomorrow = today.succ_opt().unwrap_or(today);
                let until = day("date", date, tomorrow)?;
                if until <= today {
                    return Err(invalid_date("date", date));
                }
                (None, PromptAction::Snoozed { until })
            }
            QuickOutcome::Done => (None, PromptAction::Done),
        };
        // The call and what it does to the prompt are one commit.
        let interaction_id = self.store().write(|w| {
            let logged = match &call {
                Some(facts) => Some(
                    self.record(w, customer_id, facts, &SaleDetails::default(), None)?
                        .id,
                ),
                None => None,
            };
            w.act_on_prompt(customer_id, key, action, None, &rules(w)?, today)?;
            Ok::<_, AppError>(logged)
        })?;
        Ok(Undo {
            customer_id: customer_id.to_owned(),
            key: key.to_owned(),
            interaction_id,
        })
    }

    /// Snoozes a prompt for `days` days.
    pub fn snooze_prompt(&self, customer_id: &str, key: &str, days: u32) -> Result<Undo, AppError> {
        let today = self.now().date();
        let until = today
            .checked_add_days(Days::new(u64::from(days.max(1))))
            .unwrap_or(today);
        self.store().write(|w| {
            w.act_on_prompt(
                customer_id,
                key,
                PromptAction::Snoozed { until },
                None,
                &rules(w)?,
                today,
            )?;
            Ok::<_, AppError>(())
        })?;
        Ok(Undo {
            customer_id: customer_id.to_owned(),
            key: key.to_owned(),
            interaction_id: None,
        })
    }

    /// Dismisses a prompt, with the reason.
    pub fn dismiss_prompt(
        &self,
        customer_id: &str,
        key: &str,
        reason: &str,
    ) -> Result<Undo, AppError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Invalid::new("dismiss_reason", Problem::Required).into());
        }
        self.store().write(|w| {
            w.act_on_prompt(
                customer_id,
                key,
                PromptAction::Dismissed,
                Some(reason),
                &rules(w)?,
                self.now().date(),
            )?;
            Ok::<_, AppError>(())
        })?;
        Ok(Undo {
            customer_id: customer_id.to_owned(),
            key: key.to_owned(),
            interaction_id: None,
        })
    }

    /// Takes back a one-keystroke outcome: the call it logged and what it did to the prompt.
    pub fn undo(&self, undo: Undo) -> Result<(), AppError> {
        self.store().write(|w| {
            if let Some(id) = &undo.interaction_id {
                w.delete_interaction(id)?;
            }
            w.undo_prompt_action(&undo.customer_id, &undo.key, &rules(w)?, self.now().date())?;
            Ok(())
        })
    }
}
