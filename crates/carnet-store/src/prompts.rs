//! Queries on the `prompts` and `prompt_actions` tables: the follow-up prompts due, kept
//! fresh by running carnet-core's engine for the customers a write concerns (and for everyone
//! when the day changes), and what the consultant did with each.

use std::collections::BTreeMap;

use carnet_core::followup::{
    ComplaintState, Contact, Prompt, Relative, Rules, Situation, next_change, prompts,
};
use carnet_core::{InteractionKind, Level, Outcome, Profile, PromptKind};
use chrono::{NaiveDate, NaiveTime};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use crate::interactions::{date_text, parse_date};
use crate::{Batch, Store, StoreError, Write, now_text};

/// A prompt due, with the customer it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuePrompt {
    pub customer_id: String,
    pub name: String,
    pub level: Level,
    pub phone: Option<String>,
    pub prompt: Prompt,
}

/// What the consultant did with a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptAction {
    Done,
    Dismissed,
    /// Shown again from the given day.
    Snoozed(NaiveDate),
}

impl PromptAction {
    /// The `action` and `until` columns of `prompt_actions`.
    fn columns(self) -> (&'static str, Option<String>) {
        match self {
            PromptAction::Done => ("done", None),
            PromptAction::Dismissed => ("dismissed", None),
            PromptAction::Snoozed(until) => ("snoozed", Some(date_text(until))),
        }
    }
}

/// What the consultant did with one of a customer's prompts, found again by the prompt's key
/// whenever the prompts are recomputed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandledPrompt {
    pub key: String,
    pub action: PromptAction,
    pub reason: Option<String>,
    pub at: chrono::DateTime<chrono::Utc>,
}

const HANDLED_COLUMNS: &str = "key, action, until, reason, at, customer_id";

fn handled_from_row(row: &rusqlite::Row<'_>) -> Result<HandledPrompt, StoreError> {
    let action: String = row.get(1)?;
    let until: Option<String> = row.get(2)?;
    let action = match (action.as_str(), until) {
        ("done", _) => PromptAction::Done,
        ("dismissed", _) => PromptAction::Dismissed,
        ("snoozed", Some(until)) => PromptAction::Snoozed(parse_date(&until)?),
        _ => return Err(StoreError::Corrupt(format!("prompt action {action:?}"))),
    };
    Ok(HandledPrompt {
        key: row.get(0)?,
        action,
        reason: row.get(3)?,
        at: crate::parse_time(&row.get::<_, String>(4)?)?,
    })
}

/// Everyone's handled prompts at once, by customer, each by key (for exporting the book).
pub(crate) fn all_handled(
    conn: &Connection,
) -> Result<std::collections::HashMap<String, Vec<HandledPrompt>>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {HANDLED_COLUMNS} FROM prompt_actions ORDER BY customer_id, key"
    ))?;
    crate::group_rows(stmt.query([])?, 5, handled_from_row)
}

/// Writes what was done with a customer's prompts, as an export gave it.
pub(crate) fn insert_handled(
    conn: &Connection,
    customer_id: &str,
    handled: &[HandledPrompt],
) -> Result<(), StoreError> {
    for h in handled {
        write_action(
            conn,
            customer_id,
            &h.key,
            h.action,
            h.reason.as_deref(),
            &crate::time_text(&h.at),
        )?;
    }
    Ok(())
}

fn write_action(
    conn: &Connection,
    customer_id: &str,
    key: &str,
    action: PromptAction,
    reason: Option<&str>,
    at: &str,
) -> Result<(), StoreError> {
    let (name, until) = action.columns();
    conn.prepare_cached(
        "INSERT OR REPLACE INTO prompt_actions (customer_id, key, action, until, reason, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![customer_id, key, name, until, reason, at])?;
    Ok(())
}

/// Everything the engine needs to know of one customer; `None` for a customer who is not in
/// the book (or is in the trash).
fn situation(conn: &Connection, id: &str) -> Result<Option<Situation>, StoreError> {
    let row = conn
        .prepare_cached(
            "SELECT name, level, created_at, birthday_calendar, birthday_year, birthday_month,
                    birthday_day
             FROM customers WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<i32>>(4)?,
                r.get::<_, Option<u8>>(5)?,
                r.get::<_, Option<u8>>(6)?,
            ))
        })
        .optional()?;
    let Some((name, level, created, calendar, year, month, day)) = row else {
        return Ok(None);
    };
    let level = Level::parse(&level).unwrap_or(Level::N);
    let created = parse_date(&created)?;
    let changes = crate::level_changes::of_customer(conn, id)?;
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
        .and_then(|c| c.revisit);
    let family = crate::family_members::of_customer(conn, id)?
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
    let interactions = crate::interactions::of_customer(conn, id)?;
    let contacts = interactions
        .iter()
        .map(|i| Contact {
            id: i.id.clone(),
            date: i.facts.at.date(),
            reached: i.facts.outcome != Some(Outcome::NotReached),
            next: i.facts.next,
            promise: i.facts.promise.clone(),
            satisfaction: i.facts.satisfaction,
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
        birthday: crate::customers::birthday(calendar, year, month, day)?,
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
    conn.prepare_cached("DELETE FROM prompts WHERE customer_id = ?1")?
        .execute([id])?;
    let Some(situation) = situation(conn, id)? else {
        return Ok(0);
    };
    let until =
        next_change(&situation, rules, today).map_or_else(|| "9999-12-31".to_owned(), date_text);
    conn.prepare_cached("UPDATE customers SET prompts_until = ?2 WHERE id = ?1")?
        .execute(params![id, until])?;
    let mut actions: BTreeMap<String, (String, Option<String>)> = BTreeMap::new();
    let mut stmt = conn
        .prepare_cached("SELECT key, action, until FROM prompt_actions WHERE customer_id = ?1")?;
    for row in stmt.query_map([id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))
    })? {
        let (key, action, until) = row?;
        actions.insert(key, (action, until));
    }
    let mut rows = Batch::new(PROMPTS_HEAD, 7);
    let mut written = 0;
    for mut p in prompts(&situation, rules, today) {
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
        rows.row(prompt_row(id, p)?);
        written += 1;
    }
    rows.flush(conn)?;
    Ok(written)
}

const PROMPTS_HEAD: &str = "prompts (customer_id, key, kind, due, time, priority, params)";

fn prompt_row(id: &str, p: Prompt) -> Result<[Value; 7], StoreError> {
    let params =
        serde_json::to_string(&p.params).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    Ok([
        Value::Text(id.to_owned()),
        Value::Text(p.key),
        Value::Text(p.kind.code().to_owned()),
        Value::Text(date_text(p.due)),
        p.time.map(|t| t.format("%H:%M").to_string()).into(),
        p.priority.into(),
        Value::Text(params),
    ])
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
            rows: Batch::new(PROMPTS_HEAD, 7),
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
        for p in prompts(&situation, self.rules, self.today) {
            self.rows.row(prompt_row(id, p)?);
        }
        Ok(next_change(&situation, self.rules, self.today)
            .map_or_else(|| "9999-12-31".to_owned(), date_text))
    }

    /// The prompts added so far, to be written elsewhere (their customers first).
    pub(crate) fn take(&mut self) -> Batch {
        self.rows.take()
    }
}

impl Store {
    /// How many prompts are due on or before `until`.
    pub fn count_due_prompts(&self, until: NaiveDate) -> Result<u64, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM prompts WHERE due <= ?1",
            [date_text(until)],
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// What the consultant did with a customer's prompts, by key.
    pub fn handled_prompts(&self, customer_id: &str) -> Result<Vec<HandledPrompt>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {HANDLED_COLUMNS} FROM prompt_actions WHERE customer_id = ?1 ORDER BY key"
        ))?;
        crate::collect_rows(stmt.query([customer_id])?, handled_from_row)
    }

    /// The prompts due on or before `until` (overdue ones included), most urgent first.
    pub fn due_prompts(&self, until: NaiveDate) -> Result<Vec<DuePrompt>, StoreError> {
        self.due_prompts_limited(until, u32::MAX)
    }

    /// The first `limit` prompts due on or before `until`, most urgent first.
    pub fn due_prompts_limited(
        &self,
        until: NaiveDate,
        limit: u32,
    ) -> Result<Vec<DuePrompt>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.customer_id, c.name, c.level, c.phone, p.key, p.kind, p.due, p.time,
                    p.priority, p.params
             FROM prompts p JOIN customers c ON c.id = p.customer_id
             WHERE p.due <= ?1
             ORDER BY p.due, p.priority, p.time, c.name_pinyin, p.key
             LIMIT ?2",
        )?;
        let mut rows = stmt.query(params![date_text(until), i64::from(limit)])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let kind: String = r.get(5)?;
            let params: String = r.get(9)?;
            out.push(DuePrompt {
                customer_id: r.get(0)?,
                name: r.get(1)?,
                level: Level::parse(&r.get::<_, String>(2)?).unwrap_or(Level::N),
                phone: r.get(3)?,
                prompt: Prompt {
                    key: r.get(4)?,
                    kind: PromptKind::parse(&kind)
                        .ok_or_else(|| StoreError::Corrupt(format!("prompt kind {kind:?}")))?,
                    due: parse_date(&r.get::<_, String>(6)?)?,
                    time: r
                        .get::<_, Option<String>>(7)?
                        .map(|t| NaiveTime::parse_from_str(&t, "%H:%M"))
                        .transpose()
                        .map_err(|e| StoreError::Corrupt(format!("prompt time: {e}")))?,
                    priority: r.get(8)?,
                    params: serde_json::from_str(&params)
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                },
            });
        }
        Ok(out)
    }

    /// Which of these notices were already shown.
    pub fn sent_notices(&self, keys: &[String]) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM sent_notices WHERE key = ?1)")?;
        let mut sent = Vec::new();
        for key in keys {
            if stmt.query_row([key], |r| r.get::<_, bool>(0))? {
                sent.push(key.clone());
            }
        }
        Ok(sent)
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
        tx.execute("DELETE FROM prompts", [])?;
        let ids: Vec<String> = tx
            .prepare("SELECT id FROM customers WHERE deleted_at IS NULL")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
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
        let ids: Vec<String> = tx
            .prepare(
                "SELECT id FROM customers WHERE deleted_at IS NULL
                 AND (prompts_until IS NULL OR prompts_until <= ?1)",
            )?
            .query_map([date_text(today)], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
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
        write_action(tx, customer_id, key, action, reason, &now_text())?;
        refresh(tx, customer_id, rules, today)?;
        Ok(())
    }

    /// Records notices as shown.
    pub fn mark_notices_sent(&self, keys: &[String]) -> Result<(), StoreError> {
        let tx = self.conn();
        let now = now_text();
        for key in keys {
            tx.execute(
                "INSERT OR IGNORE INTO sent_notices (key, sent_at) VALUES (?1, ?2)",
                params![key, now],
            )?;
        }
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
        tx.execute(
            "DELETE FROM prompt_actions WHERE customer_id = ?1 AND key = ?2",
            params![customer_id, key],
        )?;
        refresh(tx, customer_id, rules, today)?;
        Ok(())
    }
}
