//! Keeping the `prompts` table right: carnet-core's engine run on what the book knows of a
//! customer (their row, level history, family, timeline, what was done with their prompts),
//! for the customers a write concerns, the customers the day concerns, or everyone.

use carnet_core::differentiate::compliance::{self, Closed};
use carnet_core::differentiate::{Event, Standing};
use carnet_core::followup::{
    self as engine, ComplaintState, Contact, Relative, Revisit, Rules, Situation,
};
use carnet_core::history::{FamilyMember, Interaction, LevelChange, PromptAction};
use carnet_core::{InteractionKind, Level, Profile};
use chrono::NaiveDate;
use rusqlite::Connection;

use crate::codec::{birthday, date_text, date_time_text, parse_date, parse_date_time, time_text};
use crate::rows::Batch;
use crate::tables::{
    customers, family_members, interactions, level_changes, level_snapshots, prompt_log, prompts,
    standing,
};
use crate::{StoreError, Write};

/// The Monday that starts `day`'s week, as the level snapshots name weeks.
pub(crate) fn week_of(day: NaiveDate) -> String {
    use chrono::Datelike;
    let back = u64::from(day.weekday().num_days_from_monday());
    date_text(day.checked_sub_days(chrono::Days::new(back)).unwrap_or(day))
}

/// Everything the engine needs to know of one customer; `None` for a customer who is not in
/// the book (or is in the trash).
fn situation(conn: &Connection, id: &str) -> Result<Option<Situation>, StoreError> {
    let changes = level_changes::of_customer(conn, id)?;
    let family = family_members::of_customer(conn, id)?;
    let interactions = interactions::of_customer(conn, id)?;
    situation_of(conn, id, &changes, family, &interactions)
}

/// [`situation`] from the customer's row and their history as given: level changes (oldest
/// first, then as written), family and interactions in the order the book reads them.
fn situation_of(
    conn: &Connection,
    id: &str,
    changes: &[LevelChange],
    family: Vec<FamilyMember>,
    interactions: &[Interaction],
) -> Result<Option<Situation>, StoreError> {
    let row = customers::prompt_facts(conn, id)?;
    let Some((name, level, created, calendar, year, month, day)) = row else {
        return Ok(None);
    };
    let level = Level::parse(&level).unwrap_or(Level::N);
    let created = parse_date(&created)?;
    let level_since = changes
        .iter()
        .rev()
        .find(|c| c.to == level)
        .map(|c| parse_date(&c.changed_at))
        .transpose()?
        .unwrap_or(created);
    let revisit = changes
        .iter()
        .rev()
        .find(|c| c.to == Level::F)
        .and_then(|c| {
            c.revisit.map(|date| Revisit {
                date,
                lost_reason: c.lost_reason,
            })
        });
    let family = family
        .into_iter()
        .filter_map(|m| {
            m.facts.birthday.map(|birthday| Relative {
                id: m.id,
                name: m.facts.name,
                relation: m.facts.relation,
                birthday,
            })
        })
        .collect();
    let contacts = interactions
        .iter()
        .map(|i| Contact::of(&i.id, &i.facts))
        .collect();
    let delivered = interactions
        .iter()
        .rev()
        .find(|i| i.facts.kind == InteractionKind::Delivery)
        .map(|i| i.facts.at.date());
    let complaints = interactions
        .iter()
        .filter(|i| i.facts.kind == InteractionKind::Complaint)
        .map(|i| ComplaintState {
            id: i.id.clone(),
            opened: i.facts.at.date(),
            resolved: i.resolved_at,
        })
        .collect();
    Ok(Some(Situation {
        name,
        level,
        level_since,
        created,
        birthday: birthday(calendar, year, month, day)?,
        family,
        contacts,
        delivered,
        complaints,
        revisit,
    }))
}

/// Recomputes one customer's prompts and writes them, leaving out those done or dismissed
/// and moving snoozed ones to their day.
pub(crate) fn refresh(
    conn: &Connection,
    id: &str,
    rules: &Rules,
    today: NaiveDate,
) -> Result<usize, StoreError> {
    // The prompts whose day has come are logged before they are recomputed.
    prompt_log::log_due(conn, id, today)?;
    prompts::clear(conn, id)?;
    let Some(situation) = situation(conn, id)? else {
        return Ok(0);
    };
    let actions = prompts::actions(conn, id)?;
    write_prompts(conn, id, &situation, &actions, (rules, today), true)
}

/// [`refresh`] for a customer just created with their history (by an import), from that
/// history as written rather than read back: they have no prompts yet to log or clear, and
/// their handled prompts and prompt log are read only when they brought some.
pub(crate) fn refresh_created(
    conn: &Connection,
    id: &str,
    (changes, family, interactions): (&[LevelChange], Vec<FamilyMember>, &[&Interaction]),
    (handled, logged): (bool, bool),
    rules: &Rules,
    today: NaiveDate,
) -> Result<usize, StoreError> {
    // As the book keeps them, in the order it reads them back.
    let mut changes = changes
        .iter()
        .map(|c| {
            let at = parse_date_time(&c.changed_at)?;
            Ok((
                at,
                LevelChange {
                    changed_at: date_time_text(at),
                    ..c.clone()
                },
            ))
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    changes.sort_by_key(|(at, _)| *at);
    let changes: Vec<LevelChange> = changes.into_iter().map(|(_, c)| c).collect();
    let mut family = family;
    family.sort_by_cached_key(|f| (time_text(&f.created_at), f.id.clone()));
    let mut interactions: Vec<&Interaction> = interactions.to_vec();
    interactions.sort_by_cached_key(|i| (i.facts.at, time_text(&i.created_at), i.id.clone()));
    let interactions: Vec<Interaction> = interactions.into_iter().cloned().collect();
    let Some(situation) = situation_of(conn, id, &changes, family, &interactions)? else {
        return Ok(0);
    };
    let actions = if handled {
        prompts::actions(conn, id)?
    } else {
        Default::default()
    };
    write_prompts(conn, id, &situation, &actions, (rules, today), logged)
}

/// Writes a customer's prompts from their situation, leaving out those done or dismissed and
/// moving snoozed ones to their day, then their standing, then (with `logged`) answers their
/// logged prompts.
fn write_prompts(
    conn: &Connection,
    id: &str,
    situation: &Situation,
    actions: &std::collections::BTreeMap<String, (String, Option<String>)>,
    (rules, today): (&Rules, NaiveDate),
    logged: bool,
) -> Result<usize, StoreError> {
    let until = engine::next_change(situation, rules, today)
        .map_or_else(|| "9999-12-31".to_owned(), date_text);
    customers::set_prompts_until(conn, id, &until)?;
    let mut rows = Batch::new(prompts::PROMPTS_HEAD, 7);
    let mut written = 0;
    let mut keys = std::collections::HashSet::new();
    for mut p in engine::prompts(situation, rules, today) {
        match actions.get(&p.key) {
            Some((action, _)) if action == "done" || action == "dismissed" => continue,
            Some((_, Some(until))) => {
                let until = parse_date(until)?;
                if until > p.due {
                    p.due = until;
                }
            }
            _ => {}
        }
        keys.insert(p.key.clone());
        rows.row(prompts::prompt_row(id, p)?);
        written += 1;
    }
    rows.flush(conn)?;
    let events = refresh_standing(conn, id)?;
    if logged {
        answer_logged(conn, id, &events, &keys, rules, today)?;
    }
    Ok(written)
}

/// Brings a customer's logged prompts up to date: the day each was made (the first real
/// contact in its window), and those no longer on the agenda closed as gone.
fn answer_logged(
    conn: &Connection,
    id: &str,
    events: &[Event],
    current: &std::collections::HashSet<String>,
    rules: &Rules,
    today: NaiveDate,
) -> Result<(), StoreError> {
    let open = prompt_log::open(conn, id)?;
    if open.is_empty() {
        return Ok(());
    }
    let contacts: Vec<NaiveDate> = events
        .iter()
        .filter(|e| e.contact)
        .map(|e| e.date)
        .collect();
    for p in open {
        let start = compliance::window_start(p.kind, p.due, rules.lead_days);
        prompt_log::set_made(conn, id, &p.key, compliance::made_on(start, &contacts))?;
        if !current.contains(&p.key) {
            prompt_log::close(conn, id, &p.key, Closed::Gone, None, today)?;
        }
    }
    Ok(())
}

/// Adds up one customer's standing again; their timeline, as it was added up.
pub(crate) fn refresh_standing(conn: &Connection, id: &str) -> Result<Vec<Event>, StoreError> {
    let events = standing::events(conn, id)?;
    let profiled = standing::profiled(conn, id)?;
    standing::write(conn, id, &Standing::of(&events), profiled)?;
    Ok(events)
}

/// Recomputes every customer's standing (a book from before standings were kept).
pub(crate) fn refresh_all_standings(conn: &Connection) -> Result<usize, StoreError> {
    let ids = customers::live_ids(conn)?;
    for id in &ids {
        refresh_standing(conn, id)?;
    }
    Ok(ids.len())
}

/// The prompts of customers created with a profile and nothing else (no family, timeline or
/// level history, no prompt acted on), computed without reading them back: what `refresh`
/// would write for them.
pub(crate) struct NewPrompts<'r> {
    rules: &'r Rules,
    today: NaiveDate,
    rows: Batch,
}

impl<'r> NewPrompts<'r> {
    pub(crate) fn new(rules: &'r Rules, today: NaiveDate) -> NewPrompts<'r> {
        NewPrompts {
            rules,
            today,
            rows: Batch::new(prompts::PROMPTS_HEAD, 7),
        }
    }

    /// Adds a customer's prompts; returns their `prompts_until`.
    pub(crate) fn push(
        &mut self,
        id: &str,
        profile: &Profile,
        created_at: &str,
    ) -> Result<String, StoreError> {
        let created = parse_date(created_at)?;
        let situation = Situation {
            name: profile.name.clone(),
            level: profile.level,
            level_since: created,
            created,
            birthday: profile.birthday,
            family: Vec::new(),
            contacts: Vec::new(),
            delivered: None,
            complaints: Vec::new(),
            revisit: None,
        };
        for p in engine::prompts(&situation, self.rules, self.today) {
            self.rows.row(prompts::prompt_row(id, p)?);
        }
        Ok(engine::next_change(&situation, self.rules, self.today)
            .map_or_else(|| "9999-12-31".to_owned(), date_text))
    }

    /// The prompts added so far, to be written elsewhere (their customers first).
    pub(crate) fn take(&mut self) -> Batch {
        self.rows.take()
    }
}

/// The setting that says which recipe the kept standings were added up with.
const STANDING_VERSION_SETTING: &str = "standing_version";
/// Bump when `Standing::of` or what the store gives it changes: books recompute them.
const STANDING_VERSION: &str = "1";

impl crate::Store {
    /// Adds up every customer's standing if they were added up with another recipe (or never:
    /// a book from before standings were kept).
    pub(crate) fn ensure_standings(&self) -> Result<(), StoreError> {
        if self.setting(STANDING_VERSION_SETTING)?.as_deref() == Some(STANDING_VERSION) {
            return Ok(());
        }
        let count = self.write(|w| {
            let count = refresh_all_standings(w.conn())?;
            w.set_setting(STANDING_VERSION_SETTING, STANDING_VERSION)?;
            Ok::<_, StoreError>(count)
        })?;
        tracing::info!(customers = count, "added up the customers' standings");
        Ok(())
    }
}

impl crate::Store {
    /// The customers (not in the trash) whose prompts are stale by `today`: their day came,
    /// or they were marked so (the rules changed). What a rollover recomputes.
    pub fn stale_prompt_ids(&self, today: NaiveDate) -> Result<Vec<String>, StoreError> {
        customers::prompts_due_for_refresh(&self.conn, &date_text(today))
    }
}

impl Write<'_> {
    /// Recomputes one customer's prompts (after a write that concerns them).
    pub fn refresh_prompts(
        &self,
        customer_id: &str,
        rules: &Rules,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        let tx = self.conn();
        refresh(tx, customer_id, rules, today)?;
        // What comes due today once the day is planned joins the plan.
        super::today_plan::adopt_due(tx, customer_id, today)?;
        Ok(())
    }

    /// Recomputes everyone's prompts (when the day has changed, or the rules); returns how
    /// many prompts are due or coming.
    pub fn refresh_all_prompts(
        &self,
        rules: &Rules,
        today: NaiveDate,
    ) -> Result<usize, StoreError> {
        let tx = self.conn();
        prompt_log::log_all_due(tx, today)?;
        level_snapshots::take(tx, &week_of(today))?;
        prompts::clear_all(tx)?;
        let ids = customers::live_ids(tx)?;
        let mut written = 0;
        for id in &ids {
            written += refresh(tx, id, rules, today)?;
        }
        Ok(written)
    }

    /// The day's rollover: recomputes the prompts of the customers whose prompts may have
    /// changed by `today` (carnet-core's `next_change`), and no one else. Returns how many
    /// customers were recomputed.
    pub fn roll_prompts_over(&self, rules: &Rules, today: NaiveDate) -> Result<usize, StoreError> {
        let ids = customers::prompts_due_for_refresh(self.conn(), &date_text(today))?;
        self.refresh_prompts_of(&ids, rules, today)?;
        self.finish_rollover(today)?;
        Ok(ids.len())
    }

    /// The end of the day's rollover, once the stale customers are recomputed: everyone
    /// else's prompts whose day came with the date are logged, and the week's levels kept.
    pub fn finish_rollover(&self, today: NaiveDate) -> Result<(), StoreError> {
        let tx = self.conn();
        prompt_log::log_all_due(tx, today)?;
        level_snapshots::take(tx, &week_of(today))?;
        Ok(())
    }

    /// Recomputes the prompts of `ids` (one step of a recompute in steps: each step is a unit
    /// of work of its own, so the book is never held for long); returns how many prompts
    /// were written. A customer no longer in the book is left with none.
    pub fn refresh_prompts_of(
        &self,
        ids: &[String],
        rules: &Rules,
        today: NaiveDate,
    ) -> Result<usize, StoreError> {
        let tx = self.conn();
        let mut written = 0;
        for id in ids {
            written += refresh(tx, id, rules, today)?;
        }
        Ok(written)
    }

    /// The first step of recomputing everyone's prompts in steps (the rules changed): what
    /// [`Write::refresh_all_prompts`] does before it recomputes anyone, and every customer
    /// marked stale, so the steps that follow (and, after a crash, the next start's
    /// rollover) recompute them all. Until then each customer keeps the prompts they had.
    /// Returns how many customers are to be recomputed.
    pub fn mark_all_prompts_stale(&self, today: NaiveDate) -> Result<usize, StoreError> {
        let tx = self.conn();
        prompt_log::log_all_due(tx, today)?;
        level_snapshots::take(tx, &week_of(today))?;
        prompts::clear_trashed(tx)?;
        customers::invalidate_all_prompts(tx)
    }

    /// Records what the consultant did with a prompt, then refreshes the customer's prompts.
    pub fn act_on_prompt(
        &self,
        customer_id: &str,
        key: &str,
        action: PromptAction,
        reason: Option<&str>,
        rules: &Rules,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        let tx = self.conn();
        prompts::write_action(tx, customer_id, key, action, reason, &self.now_text())?;
        let closed = match action {
            PromptAction::Done => Some(Closed::Done),
            PromptAction::Dismissed => Some(Closed::Dismissed),
            PromptAction::Snoozed { .. } => None,
        };
        if let Some(how) = closed {
            prompt_log::log_one(tx, customer_id, key)?;
            prompt_log::close(tx, customer_id, key, how, reason, today)?;
        }
        refresh(tx, customer_id, rules, today)?;
        Ok(())
    }

    /// Takes back what was done with a prompt (undo), then refreshes the customer's prompts.
    pub fn undo_prompt_action(
        &self,
        customer_id: &str,
        key: &str,
        rules: &Rules,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        let tx = self.conn();
        prompts::delete_action(tx, customer_id, key)?;
        prompt_log::reopen(tx, customer_id, key)?;
        refresh(tx, customer_id, rules, today)?;
        Ok(())
    }
}
