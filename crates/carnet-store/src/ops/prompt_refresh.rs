//! Keeping the `prompts` table right: carnet-core's engine run on what the book knows of a
//! customer (their row, level history, family, timeline, what was done with their prompts),
//! for the customers a write concerns, the customers the day concerns, or everyone.

use carnet_core::Birthday;
use carnet_core::differentiate::compliance::{self, Closed};
use carnet_core::differentiate::{Event, Standing};
use carnet_core::followup::{
    self as engine, ComplaintState, Contact, Relative, Revisit, Rules, Situation,
};
use carnet_core::history::{
    FamilyMember, HandledPrompt, Interaction, LevelChange, PromptAction, PromptOutcome,
};
use carnet_core::{InteractionKind, Level, Profile};
use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::Value;

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
    let facts = (
        name,
        level,
        parse_date(&created)?,
        birthday(calendar, year, month, day)?,
    );
    situation_from(facts, changes, family, interactions).map(Some)
}

/// The facts of a customer's row the engine reads: name, level, the day they were added,
/// birthday.
type RowFacts = (String, Level, NaiveDate, Option<Birthday>);

/// [`situation_of`] from the facts of the customer's row.
fn situation_from(
    (name, level, created, birthday): RowFacts,
    changes: &[LevelChange],
    family: Vec<FamilyMember>,
    interactions: &[Interaction],
) -> Result<Situation, StoreError> {
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
    Ok(Situation {
        name,
        level,
        level_since,
        created,
        birthday,
        family,
        contacts,
        delivered,
        complaints,
        revisit,
    })
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

/// A new customer's level changes, family and interactions as the book keeps them, in the
/// order it reads them back.
type Ordered = (Vec<LevelChange>, Vec<FamilyMember>, Vec<Interaction>);

fn in_book_order(
    changes: &[LevelChange],
    mut family: Vec<FamilyMember>,
    interactions: &[&Interaction],
) -> Result<Ordered, StoreError> {
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
    family.sort_by_cached_key(|f| (time_text(&f.created_at), f.id.clone()));
    let mut interactions: Vec<&Interaction> = interactions.to_vec();
    interactions.sort_by_cached_key(|i| (i.facts.at, time_text(&i.created_at), i.id.clone()));
    let interactions: Vec<Interaction> = interactions.into_iter().cloned().collect();
    Ok((changes, family, interactions))
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
    let (changes, family, interactions) = in_book_order(changes, family, interactions)?;
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

/// What [`refresh_created`] and the writing of its history would leave in the book for a
/// customer an import creates with a history, worked out from that history as the file
/// brings it, before anything is written (on the thread that makes an import's rows): what
/// is to be written with them instead of being read back and written again. Right when
/// every family member and interaction of theirs is written (none of their ids is in the
/// book already).
pub(crate) struct Worked {
    /// Their `prompts_until`.
    pub(crate) until: String,
    /// Their `last_contact`: their latest interaction's time.
    pub(crate) last_contact: Option<String>,
    /// Their prompts' rows.
    pub(crate) prompts: Vec<[Value; 7]>,
    /// Their standing's row.
    pub(crate) standing: [Value; 16],
    /// The prompt log they brought, each prompt once, the open ones answered (`None`: they
    /// brought none).
    pub(crate) log: Option<Vec<PromptOutcome>>,
}

/// A customer an import creates, and the history they bring.
pub(crate) struct Brought<'a> {
    pub(crate) id: &'a str,
    pub(crate) profile: &'a Profile,
    pub(crate) level_changes: &'a [LevelChange],
    pub(crate) family: &'a [FamilyMember],
    pub(crate) interactions: &'a [Interaction],
    pub(crate) handled_prompts: &'a [HandledPrompt],
    pub(crate) prompt_log: &'a [PromptOutcome],
}

/// [`Worked`] for a customer added at `created_at` with the history they bring.
pub(crate) fn worked_out(
    c: &Brought<'_>,
    created_at: &str,
    rules: &Rules,
    today: NaiveDate,
) -> Result<Worked, StoreError> {
    let all: Vec<&Interaction> = c.interactions.iter().collect();
    let (changes, family, interactions) = in_book_order(c.level_changes, c.family.to_vec(), &all)?;
    let p = c.profile;
    let facts = (p.name.clone(), p.level, parse_date(created_at)?, p.birthday);
    let situation = situation_from(facts, &changes, family, &interactions)?;
    // As `prompt_actions` keeps them: the last of each key.
    let actions = c
        .handled_prompts
        .iter()
        .map(|h| {
            let (action, until) = prompts::action_columns(h.action);
            (h.key.clone(), (action.to_owned(), until))
        })
        .collect();
    let (until, rows, keys) = prompt_rows(c.id, &situation, &actions, (rules, today))?;
    // The timeline as `standing::events` reads it back: by time, then by when it was
    // logged, then as written.
    let mut timed: Vec<(String, String, &Interaction)> = c
        .interactions
        .iter()
        .map(|i| (date_time_text(i.facts.at), time_text(&i.created_at), i))
        .collect();
    timed.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let events: Vec<Event> = timed
        .iter()
        .map(|(_, _, i)| Event::of(&i.facts, i.sale.price))
        .collect();
    let standing = standing::row(
        c.id,
        &Standing::of(&events),
        standing::profiled_of(c.profile),
    );
    let log = if c.prompt_log.is_empty() {
        None
    } else {
        Some(answered_log(c.prompt_log, &events, &keys, rules, today))
    };
    Ok(Worked {
        until,
        last_contact: timed.pop().map(|(at, _, _)| at),
        prompts: rows,
        standing,
        log,
    })
}

/// [`answer_logged`] for a prompt log not written yet: each key's last entry, the open ones
/// answered.
fn answered_log(
    log: &[PromptOutcome],
    events: &[Event],
    current: &std::collections::HashSet<String>,
    rules: &Rules,
    today: NaiveDate,
) -> Vec<PromptOutcome> {
    let mut by_key = std::collections::BTreeMap::new();
    for p in log {
        by_key.insert(p.key.clone(), p.clone());
    }
    let contacts = contact_days(events);
    by_key
        .into_values()
        .map(|mut p| {
            if p.closed.is_none() {
                let start = compliance::window_start(p.kind, p.due, rules.lead_days);
                p.made_on = compliance::made_on(start, &contacts);
                if !current.contains(&p.key) {
                    p.closed = Some(today);
                    p.how = Some(Closed::Gone.code().to_owned());
                    p.reason = None;
                }
            }
            p
        })
        .collect()
}

/// The days of the real contacts of a timeline, in its order.
fn contact_days(events: &[Event]) -> Vec<NaiveDate> {
    events
        .iter()
        .filter(|e| e.contact)
        .map(|e| e.date)
        .collect()
}

/// A customer's `prompts_until`, their prompts' rows and the prompts' keys.
type PromptRows = (String, Vec<[Value; 7]>, std::collections::HashSet<String>);

/// A customer's prompts from their situation, leaving out those done or dismissed and
/// moving snoozed ones to their day: their `prompts_until`, the prompts' rows and keys.
fn prompt_rows(
    id: &str,
    situation: &Situation,
    actions: &std::collections::BTreeMap<String, (String, Option<String>)>,
    (rules, today): (&Rules, NaiveDate),
) -> Result<PromptRows, StoreError> {
    let until = engine::next_change(situation, rules, today)
        .map_or_else(|| "9999-12-31".to_owned(), date_text);
    let mut rows = Vec::new();
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
        rows.push(prompts::prompt_row(id, p)?);
    }
    Ok((until, rows, keys))
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
    let (until, prompts, keys) = prompt_rows(id, situation, actions, (rules, today))?;
    customers::set_prompts_until(conn, id, &until)?;
    let mut rows = Batch::new(prompts::PROMPTS_HEAD, 7);
    let written = prompts.len();
    for p in prompts {
        rows.row(p);
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
    let contacts = contact_days(events);
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

    /// Works out what a customer created with a history comes to (see [`Worked`]), and adds
    /// their prompts.
    pub(crate) fn push_worked(
        &mut self,
        c: &Brought<'_>,
        created_at: &str,
    ) -> Result<Worked, StoreError> {
        let mut worked = worked_out(c, created_at, self.rules, self.today)?;
        for row in std::mem::take(&mut worked.prompts) {
            self.rows.row(row);
        }
        Ok(worked)
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
