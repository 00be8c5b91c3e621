//! Keeping the `prompts` table right: carnet-core's engine run on what the book knows of a
//! customer (their row, level history, family, timeline, what was done with their prompts),
//! for the customers a write concerns, the customers the day concerns, or everyone.

use carnet_core::followup::{
    self as engine, ComplaintState, Contact, Relative, Revisit, Rules, Situation,
};
use carnet_core::history::PromptAction;
use carnet_core::{InteractionKind, Level, Outcome, Profile};
use chrono::NaiveDate;
use rusqlite::Connection;

use crate::codec::{birthday, date_text, parse_date};
use crate::rows::Batch;
use crate::tables::{customers, family_members, interactions, level_changes, prompts};
use crate::{StoreError, Write};

/// Everything the engine needs to know of one customer; `None` for a customer who is not in
/// the book (or is in the trash).
fn situation(conn: &Connection, id: &str) -> Result<Option<Situation>, StoreError> {
    let row = customers::prompt_facts(conn, id)?;
    let Some((name, level, created, calendar, year, month, day)) = row else {
        return Ok(None);
    };
    let level = Level::parse(&level).unwrap_or(Level::N);
    let created = parse_date(&created)?;
    let changes = level_changes::of_customer(conn, id)?;
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
    let family = family_members::of_customer(conn, id)?
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
    let interactions = interactions::of_customer(conn, id)?;
    let contacts = interactions
        .iter()
        .map(|i| Contact {
            id: i.id.clone(),
            date: i.facts.at.date(),
            reached: i.facts.outcome != Some(Outcome::NotReached),
            next: i.facts.next,
            promise: i.facts.promise.clone(),
            satisfaction: i.facts.satisfaction,
            appointment: i.facts.appointment,
            kind: i.facts.kind,
        })
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
    prompts::clear(conn, id)?;
    let Some(situation) = situation(conn, id)? else {
        return Ok(0);
    };
    let until = engine::next_change(&situation, rules, today)
        .map_or_else(|| "9999-12-31".to_owned(), date_text);
    customers::set_prompts_until(conn, id, &until)?;
    let actions = prompts::actions(conn, id)?;
    let mut rows = Batch::new(prompts::PROMPTS_HEAD, 7);
    let mut written = 0;
    for mut p in engine::prompts(&situation, rules, today) {
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
        rows.row(prompts::prompt_row(id, p)?);
        written += 1;
    }
    rows.flush(conn)?;
    Ok(written)
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
        let tx = self.conn();
        let ids = customers::prompts_due_for_refresh(tx, &date_text(today))?;
        for id in &ids {
            refresh(tx, id, rules, today)?;
        }
        Ok(ids.len())
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
        refresh(tx, customer_id, rules, today)?;
        Ok(())
    }
}
