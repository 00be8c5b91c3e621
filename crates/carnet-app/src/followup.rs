//! Use cases of the Interact step: the timeline (log, orders, deliveries, complaints), levels,
//! the follow-up rules, Today's agenda with one-keystroke outcomes, and the pre-call brief.

use std::collections::BTreeMap;

use carnet_core::brief::{TalkingPoint, talking_points};
use carnet_core::followup::Rules;
use carnet_core::profile::{Invalid, Problem};
use carnet_core::{
    Budget, DecisionMaker, DueAt, InteractionDraft, InteractionKind, KeyFact, Level, Outcome, Pick,
    Priority, PromptKind, Relation,
};
use carnet_store::{DuePrompt, Interaction, LevelChange, PromptAction, SaleDetails, Store, Write};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{App, AppError, ErrorCode};

const RULES_SETTING: &str = "followup_rules";
const PROMPTS_DAY_SETTING: &str = "prompts_day";

/// An interaction as front ends see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InteractionDto {
    pub id: String,
    pub kind: InteractionKind,
    /// Local time, "YYYY-MM-DD HH:MM".
    pub at: String,
    pub outcome: Option<Outcome>,
    pub satisfaction: Option<u8>,
    pub promise: Option<String>,
    pub notes: Option<String>,
    /// "YYYY-MM-DD" or "YYYY-MM-DD HH:MM".
    pub next: Option<String>,
    pub model: Option<String>,
    /// Yuan.
    pub price: Option<i64>,
    pub expected_delivery: Option<String>,
    pub vin: Option<String>,
    pub plate: Option<String>,
    pub resolved_at: Option<String>,
    pub resolution: Option<String>,
}

impl From<Interaction> for InteractionDto {
    fn from(i: Interaction) -> InteractionDto {
        let f = i.facts;
        InteractionDto {
            id: i.id,
            kind: f.kind,
            at: f.at.format("%Y-%m-%d %H:%M").to_string(),
            outcome: f.outcome,
            satisfaction: f.satisfaction,
            promise: f.promise,
            notes: f.notes,
            next: f.next.map(|n| n.to_input()),
            model: i.sale.model,
            price: i.sale.price,
            expected_delivery: i.sale.expected_delivery.map(|d| d.to_string()),
            vin: i.sale.vin,
            plate: i.sale.plate,
            resolved_at: i.resolved_at.map(|d| d.to_string()),
            resolution: i.resolution,
        }
    }
}

/// A change of level as front ends see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LevelChangeDto {
    /// Local time, "YYYY-MM-DD HH:MM:SS".
    pub changed_at: String,
    pub from: Level,
    pub to: Level,
    pub reason: Option<String>,
    pub revisit: Option<String>,
}

impl From<LevelChange> for LevelChangeDto {
    fn from(c: LevelChange) -> LevelChangeDto {
        LevelChangeDto {
            changed_at: c.changed_at,
            from: c.from,
            to: c.to,
            reason: c.reason,
            revisit: c.revisit.map(|d| d.to_string()),
        }
    }
}

/// Where a prompt stands on the day Today shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum When {
    Overdue,
    Today,
    Upcoming,
}

/// A prompt as front ends see it: the reason is `kind` with `params`, rendered by each front
/// end in its language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PromptDto {
    pub key: String,
    pub kind: PromptKind,
    /// "YYYY-MM-DD".
    pub due: String,
    /// "HH:MM", when a time was set.
    pub time: Option<String>,
    /// 1 is the most urgent.
    pub priority: u8,
    pub params: BTreeMap<String, String>,
    pub when: When,
    /// Days from the day shown to the due day (negative when overdue).
    pub in_days: i64,
}

/// One row of Today: a customer and all their prompts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgendaRow {
    pub customer_id: String,
    pub name: String,
    pub level: Level,
    pub phone_display: Option<String>,
    pub when: When,
    pub prompts: Vec<PromptDto>,
}

/// Today (or another day): the customers to contact, overdue first, then today, then the
/// next days; by urgency and level within each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Agenda {
    /// "YYYY-MM-DD".
    pub date: String,
    pub rows: Vec<AgendaRow>,
    /// Prompts due on or before the day.
    pub due: u64,
    /// Prompts due on or before the day and in the days after (the rows show the first
    /// `AGENDA_PROMPTS` of them).
    pub total: u64,
}

/// The most prompts one agenda holds: a day's work, not the whole book.
pub const AGENDA_PROMPTS: u32 = 500;

/// A family birthday coming up, for the brief.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FamilyDate {
    /// A relation's code, or the consultant's words for it.
    #[ts(as = "String")]
    pub relation: Pick<Relation>,
    pub name: String,
    /// The solar date it falls on, "YYYY-MM-DD".
    pub date: String,
    pub birthday: carnet_core::Birthday,
}

/// The pre-call brief: what to know before calling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Brief {
    pub customer_id: String,
    pub name: String,
    pub level: Level,
    pub phones_display: Vec<String>,
    pub priorities: Vec<Priority>,
    pub cares: Option<String>,
    pub worry: Option<String>,
    /// A decision-maker's code, or the consultant's words for them.
    #[ts(as = "Option<String>")]
    pub decision_maker: Option<Pick<DecisionMaker>>,
    pub decision_maker_name: Option<String>,
    pub last_contact: Option<InteractionDto>,
    /// The last promise made, while not yet kept (no contact since its next step).
    pub last_promise: Option<String>,
    pub last_satisfaction: Option<u8>,
    pub family_dates: Vec<FamilyDate>,
    pub unknown: Vec<KeyFact>,
    pub talking_points: Vec<TalkingPoint>,
}

/// A desktop notification to show: the day's summary, or a prompt with a set time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Notice {
    /// Passed back to `mark_notified` once shown.
    pub key: String,
    /// For the day's summary: how many prompts are due.
    pub due_count: Option<u64>,
    pub customer_id: Option<String>,
    pub name: Option<String>,
    pub prompt: Option<PromptDto>,
}

/// A one-keystroke outcome on a Today row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QuickOutcome {
    /// Called and reached: logs the call; the next contact follows the level.
    Reached,
    /// Called, not reached: logs the attempt.
    NotReached,
    /// Not now: shown again on `date` (default tomorrow).
    Reschedule,
    /// Done without a call (a greeting sent, a step taken).
    Done,
}

/// What a one-keystroke outcome did, so it can be undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Undo {
    pub customer_id: String,
    pub key: String,
    pub interaction_id: Option<String>,
}

/// An order, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct OrderInput {
    pub model: String,
    /// "15.8万" or "158000".
    pub price: String,
    /// When it was ordered; empty for now.
    pub at: String,
    pub expected_delivery: String,
}

/// A delivery, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DeliveryInput {
    pub at: String,
    pub vin: String,
    pub plate: String,
}

fn prompt_dto(p: &DuePrompt, today: NaiveDate) -> PromptDto {
    let in_days = (p.prompt.due - today).num_days();
    let mut params = p.prompt.params.clone();
    // Days since the last contact, counted on the day shown.
    if let Some(last) = params.get("last").and_then(|d| d.parse::<NaiveDate>().ok()) {
        params.insert("days".into(), (today - last).num_days().to_string());
    }
    PromptDto {
        key: p.prompt.key.clone(),
        kind: p.prompt.kind,
        due: p.prompt.due.to_string(),
        time: p.prompt.time.map(|t| t.format("%H:%M").to_string()),
        priority: p.prompt.priority,
        params,
        when: match in_days {
            d if d < 0 => When::Overdue,
            0 => When::Today,
            _ => When::Upcoming,
        },
        in_days,
    }
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

fn invalid_date(field: &'static str, raw: &str) -> AppError {
    Invalid::new(
        field,
        Problem::InvalidDate {
            value: raw.to_owned(),
        },
    )
    .into()
}

/// A day typed as "YYYY-MM-DD"; empty gives `default`.
fn day(field: &'static str, raw: &str, default: NaiveDate) -> Result<NaiveDate, AppError> {
    match raw.trim() {
        "" => Ok(default),
        raw => DueAt::parse(raw)
            .map(|d| d.date)
            .ok_or_else(|| invalid_date(field, raw)),
    }
}

impl App {
    /// The follow-up rules: the consultant's, or the defaults.
    pub fn rules(&self) -> Result<Rules, AppError> {
        rules(&self.store())
    }

    /// Saves edited rules (every number checked) and recomputes everyone's prompts.
    pub fn set_rules(&self, new: Rules) -> Result<Rules, AppError> {
        let in_range = |field: &'static str, v: u32, max: u32| -> Result<(), AppError> {
            if v == 0 || v > max {
                return Err(Invalid::new(
                    field,
                    Problem::InvalidNumber {
                        value: v.to_string(),
                    },
                )
                .into());
            }
            Ok(())
        };
        for r in &new.levels {
            if let Some(w) = r.window_days {
                in_range("window_days", w, 3650)?;
            }
            if let Some(i) = r.interval_days {
                in_range("interval_days", i, 3650)?;
            }
        }
        in_range("failed_attempts", new.failed_attempts, 100)?;
        in_range("lost_revisit_days", new.lost_revisit_days, 3650)?;
        in_range("satisfaction_check_days", new.satisfaction_check_days, 365)?;
        for h in &new.holidays {
            let name = h.code.trim();
            if name.is_empty() || name.chars().count() > 50 {
                return Err(Invalid::new("holidays", Problem::Required).into());
            }
            let exists = match h.calendar {
                carnet_core::Calendar::Lunar => {
                    (1..=12).contains(&h.month) && (1..=30).contains(&h.day)
                }
                // A leap year, so that 29 February is a day.
                carnet_core::Calendar::Solar => {
                    NaiveDate::from_ymd_opt(2000, h.month.into(), h.day.into()).is_some()
                }
            };
            if !exists {
                let value = format!("{}-{}", h.month, h.day);
                return Err(Invalid::new("holidays", Problem::InvalidDate { value }).into());
            }
        }
        if chrono::NaiveTime::parse_from_str(new.day_start.trim(), "%H:%M").is_err() {
            return Err(Invalid::new(
                "day_start",
                Problem::InvalidDate {
                    value: new.day_start.clone(),
                },
            )
            .into());
        }
        if new.notify_lead_minutes > 24 * 60 {
            return Err(Invalid::new(
                "notify_lead_minutes",
                Problem::InvalidNumber {
                    value: new.notify_lead_minutes.to_string(),
                },
            )
            .into());
        }
        if new.lead_days > 60 {
            return Err(Invalid::new(
                "lead_days",
                Problem::InvalidNumber {
                    value: new.lead_days.to_string(),
                },
            )
            .into());
        }
        let text = serde_json::to_string(&new).map_err(AppError::internal)?;
        self.store().write(|w| {
            w.set_setting(RULES_SETTING, &text)?;
            w.refresh_all_prompts(&new, self.now().date())?;
            w.set_setting(PROMPTS_DAY_SETTING, &self.now().date().to_string())
        })?;
        Ok(new)
    }

    /// Puts the default rules back.
    pub fn restore_default_rules(&self) -> Result<Rules, AppError> {
        self.set_rules(Rules::default())
    }

    /// The notifications to show now: the day's summary once the day has started, and each
    /// prompt with a set time from a few minutes before it; none already shown.
    pub fn pending_notices(&self) -> Result<Vec<Notice>, AppError> {
        let now = self.now();
        let today = now.date();
        let agenda = self.agenda(Some(today), 0)?;
        let store = self.store();
        let rules = rules(&store)?;
        let day_start = chrono::NaiveTime::parse_from_str(&rules.day_start, "%H:%M")
            .unwrap_or(chrono::NaiveTime::MIN);
        let mut notices = Vec::new();
        if carnet_core::notify::summary_due(now, day_start, agenda.due) {
            notices.push(Notice {
                key: format!("summary:{today}"),
                due_count: Some(agenda.due),
                customer_id: None,
                name: None,
                prompt: None,
            });
        }
        for row in &agenda.rows {
            for p in &row.prompts {
                let time = p
                    .time
                    .as_deref()
                    .and_then(|t| chrono::NaiveTime::parse_from_str(t, "%H:%M").ok());
                let due = p.due.parse::<NaiveDate>().unwrap_or(today);
                if carnet_core::notify::prompt_due(due, time, now, rules.notify_lead_minutes) {
                    notices.push(Notice {
                        key: format!("prompt:{}:{}:{}", row.customer_id, p.key, p.due),
                        due_count: None,
                        customer_id: Some(row.customer_id.clone()),
                        name: Some(row.name.clone()),
                        prompt: Some(p.clone()),
                    });
                }
            }
        }
        let keys: Vec<String> = notices.iter().map(|n| n.key.clone()).collect();
        let sent = store.sent_notices(&keys)?;
        notices.retain(|n| !sent.contains(&n.key));
        Ok(notices)
    }

    /// Records notifications as shown, so they are not shown again.
    pub fn mark_notified(&self, keys: &[String]) -> Result<(), AppError> {
        Ok(self.store().write(|w| w.mark_notices_sent(keys))?)
    }

    /// Prompts due today or overdue (for the tray).
    pub fn due_count(&self) -> Result<u64, AppError> {
        Ok(self.agenda(None, 0)?.due)
    }

    /// Interactions in the book.
    pub fn count_interactions(&self) -> Result<u64, AppError> {
        Ok(self.store().count_interactions()?)
    }

    /// Rolls the prompts over to the day after today, as the next day's first agenda will;
    /// returns how many customers it recomputed (for `carnet bench`).
    pub fn roll_over_to_tomorrow(&self) -> Result<usize, AppError> {
        let tomorrow = self.now().date().succ_opt().unwrap_or(self.now().date());
        self.store()
            .write(|w| Ok(w.roll_prompts_over(&rules(w)?, tomorrow)?))
    }

    /// Recomputes everyone's prompts for today (as a change of the rules does); returns how
    /// many prompts there are.
    pub fn recompute_prompts(&self) -> Result<usize, AppError> {
        let today = self.now().date();
        self.store().write(|w| {
            let count = w.refresh_all_prompts(&rules(w)?, today)?;
            w.set_setting(PROMPTS_DAY_SETTING, &today.to_string())?;
            Ok(count)
        })
    }

    /// Recomputes one customer's prompts after a write that concerns them.
    /// Part of the unit of work of every write that concerns them.
    pub(crate) fn refreshed(&self, w: &Write<'_>, customer_id: &str) -> Result<(), AppError> {
        w.refresh_prompts(customer_id, &rules(w)?, self.now().date())?;
        Ok(())
    }

    /// Logs an interaction (from the customer page or Today) and recomputes the prompts.
    pub fn log_interaction(
        &self,
        customer_id: &str,
        draft: InteractionDraft,
    ) -> Result<InteractionDto, AppError> {
        let facts = draft.validate(self.now())?;
        if matches!(
            facts.kind,
            InteractionKind::Order | InteractionKind::Delivery
        ) {
            return Err(Invalid::new(
                "kind",
                Problem::InvalidChoice {
                    value: facts.kind.code().to_owned(),
                    allowed: InteractionKind::codes()
                        .into_iter()
                        .filter(|c| *c != "order" && *c != "delivery")
                        .collect(),
                },
            )
            .into());
        }
        self.store()
            .write(|w| self.record(w, customer_id, &facts, &SaleDetails::default(), None))
    }

    /// Records an interaction (and the level it moves the customer to) in the caller's unit
    /// of work, with the prompt refresh it causes.
    fn record(
        &self,
        w: &Write<'_>,
        customer_id: &str,
        facts: &carnet_core::InteractionFacts,
        sale: &SaleDetails,
        level: Option<(Level, &str)>,
    ) -> Result<InteractionDto, AppError> {
        let id = w
            .insert_interaction(customer_id, facts, sale)?
            .ok_or_else(|| AppError::not_found(customer_id))?;
        if let Some((to, reason)) = level {
            w.set_level(customer_id, to, facts.at, Some(reason), None)?;
        }
        self.refreshed(w, customer_id)?;
        let logged = w
            .interactions(customer_id)?
            .into_iter()
            .find(|i| i.id == id)
            .ok_or_else(|| AppError::internal("the interaction vanished after it was saved"))?;
        Ok(logged.into())
    }

    /// Records an order (model, price) and moves the customer to O.
    pub fn record_order(
        &self,
        customer_id: &str,
        input: OrderInput,
    ) -> Result<InteractionDto, AppError> {
        let model = input.model.trim();
        if model.is_empty() {
            return Err(Invalid::new("model", Problem::Required).into());
        }
        let price = Budget::parse(&input.price)
            .filter(|b| b.min == Some(b.max) && !b.about)
            .map(|b| b.max)
            .ok_or_else(|| -> AppError {
                Invalid::new(
                    "price",
                    Problem::InvalidNumber {
                        value: input.price.clone(),
                    },
                )
                .into()
            })?;
        let facts = InteractionDraft {
            kind: "order".into(),
            at: input.at.clone(),
            ..InteractionDraft::default()
        }
        .validate(self.now())?;
        let expected = match input.expected_delivery.trim() {
            "" => None,
            raw => Some(day("expected_delivery", raw, facts.at.date())?),
        };
        let sale = SaleDetails {
            model: Some(model.to_owned()),
            price: Some(price),
            expected_delivery: expected,
            ..SaleDetails::default()
        };
        self.store()
            .write(|w| self.record(w, customer_id, &facts, &sale, Some((Level::O, "order"))))
    }

    /// Records a delivery and moves the customer to D; the after-sale schedule starts.
    pub fn record_delivery(
        &self,
        customer_id: &str,
        input: DeliveryInput,
    ) -> Result<InteractionDto, AppError> {
        let facts = InteractionDraft {
            kind: "delivery".into(),
            at: input.at.clone(),
            ..InteractionDraft::default()
        }
        .validate(self.now())?;
        let vin: String = input
            .vin
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_uppercase)
            .collect();
        if !vin.is_empty()
            && (vin.len() != 17
                || !vin
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() && !"IOQ".contains(c)))
        {
            return Err(Invalid::new(
                "vin",
                Problem::InvalidChoice {
                    value: input.vin.clone(),
                    allowed: vec![],
                },
            )
            .into());
        }
        let plate: String = input
            .plate
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_uppercase)
            .collect();
        let sale = SaleDetails {
            vin: (!vin.is_empty()).then_some(vin),
            plate: (!plate.is_empty()).then_some(plate),
            ..SaleDetails::default()
        };
        self.store()
            .write(|w| self.record(w, customer_id, &facts, &sale, Some((Level::D, "delivery"))))
    }

    /// Marks a complaint resolved with what was done; a satisfaction check follows.
    pub fn resolve_complaint(
        &self,
        interaction_id: &str,
        resolution: &str,
    ) -> Result<(), AppError> {
        let resolution = resolution.trim();
        if resolution.is_empty() {
            return Err(Invalid::new("resolution", Problem::Required).into());
        }
        self.store().write(|w| {
            let customer = w
                .interaction_customer(interaction_id)?
                .ok_or_else(|| AppError::not_found(interaction_id))?;
            if !w.resolve_complaint(interaction_id, self.now().date(), resolution)? {
                return Err(AppError::not_found(interaction_id));
            }
            self.refreshed(w, &customer)
        })
    }

    /// Sets a customer's level. F needs a reason and gets a revisit date (default: the rules'
    /// days from today).
    pub fn set_level(
        &self,
        customer_id: &str,
        level: Level,
        reason: &str,
        revisit: &str,
    ) -> Result<(), AppError> {
        let reason = reason.trim();
        if level == Level::F && reason.is_empty() {
            return Err(Invalid::new("level_reason", Problem::Required).into());
        }
        let store = self.store();
        let today = self.now().date();
        let revisit = if level == Level::F {
            let default = today
                .checked_add_days(Days::new(u64::from(rules(&store)?.lost_revisit_days)))
                .unwrap_or(today);
            Some(day("revisit", revisit, default)?)
        } else {
            None
        };
        let reason = (!reason.is_empty()).then_some(reason);
        store.write(|w| {
            if !w.set_level(customer_id, level, self.now(), reason, revisit)? {
                return Err(AppError::not_found(customer_id));
            }
            self.refreshed(w, customer_id)
        })
    }

    /// Today as of `date` (default: today): the prompts due on or before it and in the `days`
    /// after, one row per customer. Once a day, the customers whose prompts the date changes are
    /// recomputed (no one else).
    pub fn agenda(&self, date: Option<NaiveDate>, days: u32) -> Result<Agenda, AppError> {
        let today = date.unwrap_or_else(|| self.now().date());
        let store = self.store();
        let last_day = store
            .setting(PROMPTS_DAY_SETTING)?
            .and_then(|d| d.parse::<NaiveDate>().ok());
        if last_day != Some(today) {
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
                    rows.push(AgendaRow {
                        customer_id: p.customer_id.clone(),
                        name: p.name.clone(),
                        level: p.level,
                        phone_display: p
                            .phone
                            .clone()
                            .map(|e| carnet_core::phone::Phone::from_stored(e).display()),
                        when: dto.when,
                        prompts: vec![dto],
                    });
                }
            }
        }
        for row in &mut rows {
            row.prompts
                .sort_by(|a, b| (a.when, a.priority, &a.due).cmp(&(b.when, b.priority, &b.due)));
            row.when = row.prompts.first().map_or(When::Upcoming, |p| p.when);
        }
        rows.sort_by_key(|r| {
            let urgent = r.prompts.iter().map(|p| p.priority).min().unwrap_or(9);
            (r.when, urgent, level_rank(r.level))
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
                (None, PromptAction::Snoozed(until))
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
                PromptAction::Snoozed(until),
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

    /// The pre-call brief for a customer.
    pub fn brief(&self, customer_id: &str) -> Result<Brief, AppError> {
        let today = self.now().date();
        let store = self.store();
        let customer = store
            .customer(customer_id)?
            .ok_or_else(|| AppError::not_found(customer_id))?;
        let interactions = store.interactions(customer_id)?;
        let p = customer.profile;
        let last = interactions.last().cloned();
        // A promise stands while no contact has come on or after the next step it went with.
        let pending = interactions
            .iter()
            .enumerate()
            .rev()
            .find(|(_, i)| i.facts.promise.is_some())
            .and_then(|(n, i)| {
                let kept = interactions[n + 1..].iter().any(|later| {
                    i.facts
                        .next
                        .is_none_or(|next| later.facts.at.date() >= next.date)
                });
                (!kept).then(|| i.facts.promise.clone()).flatten()
            });
        let last_satisfaction = interactions.iter().rev().find_map(|i| i.facts.satisfaction);
        let had_test_drive = interactions
            .iter()
            .any(|i| i.facts.kind == InteractionKind::TestDrive);
        let horizon = today.checked_add_days(Days::new(30)).unwrap_or(today);
        let mut family_dates: Vec<FamilyDate> = store
            .family(customer_id)?
            .into_iter()
            .filter_map(|m| {
                let b = m.facts.birthday?;
                let date =
                    carnet_core::lunar::next_birthday(&b, today).filter(|d| *d <= horizon)?;
                Some(FamilyDate {
                    relation: m.facts.relation,
                    name: m.facts.name,
                    date: date.to_string(),
                    birthday: b,
                })
            })
            .collect();
        family_dates.sort_by(|a, b| a.date.cmp(&b.date));
        Ok(Brief {
            customer_id: customer.id,
            name: p.name.clone(),
            level: p.level,
            phones_display: p.phones.iter().map(|ph| ph.display()).collect(),
            priorities: p.priorities.clone(),
            cares: p.cares.clone(),
            worry: p.worry.clone(),
            decision_maker: p.decision_maker.clone(),
            decision_maker_name: p.decision_maker_name.clone(),
            last_contact: last.map(InteractionDto::from),
            talking_points: talking_points(&p, pending.is_some(), had_test_drive),
            last_promise: pending,
            last_satisfaction,
            family_dates,
            unknown: p.unknown_key_facts(),
        })
    }
}

/// The purchase windows of the levels that have one (H, A, B, C by default), in days.
pub(crate) fn windows(rules: &Rules) -> Vec<(Level, u32)> {
    rules
        .levels
        .iter()
        .filter(|r| matches!(r.level, Level::H | Level::A | Level::B | Level::C))
        .filter_map(|r| Some((r.level, r.window_days?)))
        .collect()
}

/// A customer not yet graded (N) takes the level their timeframe suggests today (a target
/// 10 days away: A), as the levels' windows say.
pub(crate) fn grade_by_timeframe(
    profile: &mut carnet_core::Profile,
    rules: &Rules,
    today: NaiveDate,
) {
    if profile.level == Level::N
        && let Some(level) = profile
            .timeframe
            .as_ref()
            .and_then(|t| t.suggested_level(today, &windows(rules)))
    {
        profile.level = level;
    }
}

pub(crate) fn rules(store: &Store) -> Result<Rules, AppError> {
    match store.setting(RULES_SETTING)? {
        None => Ok(Rules::default()),
        Some(text) => serde_json::from_str(&text).map_err(|e| {
            AppError::new(
                ErrorCode::Storage,
                format!("the follow-up rules are unreadable: {e}"),
            )
            .with_param("detail", e)
        }),
    }
}

#[cfg(test)]
mod tests;
