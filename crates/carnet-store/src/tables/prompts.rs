//! The `prompts`, `prompt_actions` and `sent_notices` tables: the follow-up prompts due
//! (written by `ops::prompt_refresh`, which runs carnet-core's engine), what the consultant
//! did with each, and the notices shown.

use std::collections::BTreeMap;

use carnet_core::followup::Prompt;
use carnet_core::history::{HandledPrompt, PromptAction};
use carnet_core::{Level, PromptKind};
use chrono::{NaiveDate, NaiveTime};
use rusqlite::types::Value;
use rusqlite::{Connection, params};

use crate::codec::{date_text, parse_date, parse_time, time_text};
use crate::rows::{collect_rows, group_rows, insert_one};
use crate::{Store, StoreError, Write};

/// A prompt due, with the customer it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuePrompt {
    pub customer_id: String,
    pub name: String,
    pub level: Level,
    pub phone: Option<String>,
    pub prompt: Prompt,
}

/// A prompt from the columns at `at` on: its key, kind, due day, time, priority and params
/// (`PROMPT_COLUMNS`).
pub(crate) fn prompt_at(r: &rusqlite::Row<'_>, at: usize) -> Result<Prompt, StoreError> {
    let kind: String = r.get(at + 1)?;
    let params: String = r.get(at + 5)?;
    Ok(Prompt {
        key: r.get(at)?,
        kind: PromptKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("prompt kind {kind:?}")))?,
        due: parse_date(&r.get::<_, String>(at + 2)?)?,
        time: r
            .get::<_, Option<String>>(at + 3)?
            .map(|t| NaiveTime::parse_from_str(&t, "%H:%M"))
            .transpose()
            .map_err(|e| StoreError::Corrupt(format!("prompt time: {e}")))?,
        priority: r.get(at + 4)?,
        params: serde_json::from_str(&params).map_err(|e| StoreError::Corrupt(e.to_string()))?,
    })
}

/// The columns of a prompt `p`, in the order [`prompt_at`] reads them.
pub(crate) const PROMPT_COLUMNS: &str = "p.key, p.kind, p.due, p.time, p.priority, p.params";

/// The order prompts come due in, most urgent first: by day, priority and time, then by the
/// customer's name (`c`) and the prompt's key.
pub(crate) const DUE_ORDER: &str = "p.due, p.priority, p.time, c.name_pinyin, p.key";

/// A prompt due from the columns at `at` on: the customer's id, name, level and phone, then the
/// prompt's ([`PROMPT_COLUMNS`]).
pub(crate) fn due_prompt(r: &rusqlite::Row<'_>, at: usize) -> Result<DuePrompt, StoreError> {
    Ok(DuePrompt {
        customer_id: r.get(at)?,
        name: r.get(at + 1)?,
        level: Level::parse(&r.get::<_, String>(at + 2)?).unwrap_or(Level::N),
        phone: r.get(at + 3)?,
        prompt: prompt_at(r, at + 4)?,
    })
}

/// The `action` and `until` columns of `prompt_actions` for what was done with a prompt.
pub(crate) fn action_columns(action: PromptAction) -> (&'static str, Option<String>) {
    match action {
        PromptAction::Done => ("done", None),
        PromptAction::Dismissed => ("dismissed", None),
        PromptAction::Snoozed { until } => ("snoozed", Some(date_text(until))),
    }
}

const HANDLED_COLUMNS: &str = "key, action, until, reason, at, customer_id";

fn handled_from_row(row: &rusqlite::Row<'_>) -> Result<HandledPrompt, StoreError> {
    let action: String = row.get(1)?;
    let until: Option<String> = row.get(2)?;
    let action = match (action.as_str(), until) {
        ("done", _) => PromptAction::Done,
        ("dismissed", _) => PromptAction::Dismissed,
        ("snoozed", Some(until)) => PromptAction::Snoozed {
            until: parse_date(&until)?,
        },
        _ => return Err(StoreError::Corrupt(format!("prompt action {action:?}"))),
    };
    Ok(HandledPrompt {
        key: row.get(0)?,
        action,
        reason: row.get(3)?,
        at: parse_time(&row.get::<_, String>(4)?)?,
    })
}

/// Everyone's handled prompts at once, by customer, each by key (for exporting the book).
pub(crate) fn all_handled(
    conn: &Connection,
) -> Result<std::collections::HashMap<String, Vec<HandledPrompt>>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {HANDLED_COLUMNS} FROM prompt_actions ORDER BY customer_id, key"
    ))?;
    group_rows(stmt.query([])?, 5, handled_from_row)
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
            &time_text(&h.at),
        )?;
    }
    Ok(())
}

pub(crate) fn write_action(
    conn: &Connection,
    customer_id: &str,
    key: &str,
    action: PromptAction,
    reason: Option<&str>,
    at: &str,
) -> Result<(), StoreError> {
    let row = action_row(customer_id, key, action, reason, at);
    insert_one(conn, "INSERT OR REPLACE", ACTIONS_HEAD, row)?;
    Ok(())
}

/// The table and columns of a row of what was done with a prompt, as [`action_row`] gives
/// them.
pub(crate) const ACTIONS_HEAD: &str =
    "prompt_actions (customer_id, key, action, until, reason, at)";

/// The row of what was done with a customer's prompt `key`, `at`.
pub(crate) fn action_row(
    customer_id: &str,
    key: &str,
    action: PromptAction,
    reason: Option<&str>,
    at: &str,
) -> [Value; 6] {
    let (name, until) = action_columns(action);
    [
        Value::Text(customer_id.to_owned()),
        Value::Text(key.to_owned()),
        Value::Text(name.to_owned()),
        until.into(),
        reason.map(str::to_owned).into(),
        Value::Text(at.to_owned()),
    ]
}

/// Deletes a customer's prompts.
pub(crate) fn clear(conn: &Connection, customer_id: &str) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM prompts WHERE customer_id = ?1")?
        .execute([customer_id])?;
    Ok(())
}

/// Deletes everyone's prompts.
pub(crate) fn clear_all(conn: &Connection) -> Result<(), StoreError> {
    conn.execute("DELETE FROM prompts", [])?;
    Ok(())
}

/// Deletes the prompts of the customers in the trash (what `clear_all` leaves to no one).
pub(crate) fn clear_trashed(conn: &Connection) -> Result<(), StoreError> {
    conn.execute(
        "DELETE FROM prompts WHERE customer_id IN
             (SELECT id FROM customers WHERE deleted_at IS NOT NULL)",
        [],
    )?;
    Ok(())
}

/// What was done with a customer's prompts: the action and the day a snooze ends, by key.
pub(crate) fn actions(
    conn: &Connection,
    customer_id: &str,
) -> Result<BTreeMap<String, (String, Option<String>)>, StoreError> {
    let mut actions = BTreeMap::new();
    let mut stmt = conn
        .prepare_cached("SELECT key, action, until FROM prompt_actions WHERE customer_id = ?1")?;
    for row in stmt.query_map([customer_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))
    })? {
        let (key, action, until) = row?;
        actions.insert(key, (action, until));
    }
    Ok(actions)
}

/// Takes back what was done with a prompt.
pub(crate) fn delete_action(
    conn: &Connection,
    customer_id: &str,
    key: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "DELETE FROM prompt_actions WHERE customer_id = ?1 AND key = ?2",
        params![customer_id, key],
    )?;
    Ok(())
}

/// The table and columns of a prompt's row, as [`prompt_row`] gives them.
pub(crate) const PROMPTS_HEAD: &str =
    "prompts (customer_id, key, kind, due, time, priority, params)";

pub(crate) fn prompt_row(id: &str, p: Prompt) -> Result<[Value; 7], StoreError> {
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
        collect_rows(stmt.query([customer_id])?, handled_from_row)
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
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT p.customer_id, c.name, c.level, c.phone, {PROMPT_COLUMNS}
             FROM prompts p JOIN customers c ON c.id = p.customer_id
             WHERE p.due <= ?1
             ORDER BY {DUE_ORDER}
             LIMIT ?2"
        ))?;
        collect_rows(
            stmt.query(params![date_text(until), i64::from(limit)])?,
            |r| due_prompt(r, 0),
        )
    }

    /// One customer's prompts, most urgent first (as Today orders them).
    pub fn customer_prompts(&self, customer_id: &str) -> Result<Vec<Prompt>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {PROMPT_COLUMNS} FROM prompts p
             WHERE customer_id = ?1 ORDER BY due, priority, time, key"
        ))?;
        collect_rows(stmt.query([customer_id])?, |r| prompt_at(r, 0))
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
    /// Records notices as shown.
    pub fn mark_notices_sent(&self, keys: &[String]) -> Result<(), StoreError> {
        let tx = self.conn();
        let now = self.now_text();
        for key in keys {
            tx.execute(
                "INSERT OR IGNORE INTO sent_notices (key, sent_at) VALUES (?1, ?2)",
                params![key, now],
            )?;
        }
        Ok(())
    }
}
