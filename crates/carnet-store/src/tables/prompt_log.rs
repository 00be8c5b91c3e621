//! The `prompt_log` table: the prompts that came due and what became of them (the compliance
//! report), written as prompts come due, are acted on and leave the agenda.

use std::collections::HashMap;

use carnet_core::differentiate::compliance::Closed;
use carnet_core::history::PromptOutcome;
use carnet_core::{Level, PromptKind};
use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::StoreError;
use crate::codec::{date_text, fixed_date};
use crate::rows::{collect_rows, group_rows};

/// Logs one customer's stored prompts whose day has come by `today` (those already logged
/// keep their first due day).
pub(crate) fn log_due(
    conn: &Connection,
    customer_id: &str,
    today: NaiveDate,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO prompt_log (customer_id, key, kind, level, due)
         SELECT p.customer_id, p.key, p.kind, c.level, p.due
         FROM prompts p JOIN customers c ON c.id = p.customer_id
         WHERE p.customer_id = +?1 AND p.due <= +?2",
    )?
    .execute(params![customer_id, date_text(today)])?;
    Ok(())
}

/// Logs everyone's stored prompts whose day has come by `today`.
pub(crate) fn log_all_due(conn: &Connection, today: NaiveDate) -> Result<usize, StoreError> {
    Ok(conn
        .prepare_cached(
            "INSERT OR IGNORE INTO prompt_log (customer_id, key, kind, level, due)
             SELECT p.customer_id, p.key, p.kind, c.level, p.due
             FROM prompts p JOIN customers c ON c.id = p.customer_id
             WHERE p.due <= ?1
               AND NOT EXISTS (SELECT 1 FROM prompt_log l
                               WHERE l.customer_id = p.customer_id AND l.key = p.key)",
        )?
        .execute([date_text(today)])?)
}

/// Logs one prompt being acted on (its day come or not), from the stored prompt.
pub(crate) fn log_one(conn: &Connection, customer_id: &str, key: &str) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO prompt_log (customer_id, key, kind, level, due)
         SELECT p.customer_id, p.key, p.kind, c.level, p.due
         FROM prompts p JOIN customers c ON c.id = p.customer_id
         WHERE p.customer_id = ?1 AND p.key = ?2",
    )?
    .execute(params![customer_id, key])?;
    Ok(())
}

/// A logged prompt still open: its key, kind and due day.
pub(crate) struct OpenPrompt {
    pub(crate) key: String,
    pub(crate) kind: PromptKind,
    pub(crate) due: NaiveDate,
}

/// One customer's logged prompts not yet closed.
pub(crate) fn open(conn: &Connection, customer_id: &str) -> Result<Vec<OpenPrompt>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, kind, due FROM prompt_log WHERE customer_id = ?1 AND closed IS NULL",
    )?;
    collect_rows(stmt.query([customer_id])?, |r| {
        let kind: String = r.get(1)?;
        let due: String = r.get(2)?;
        Ok(OpenPrompt {
            key: r.get(0)?,
            kind: PromptKind::parse(&kind).unwrap_or(PromptKind::Cadence),
            due: fixed_date(due.as_bytes())
                .ok_or_else(|| crate::codec::corrupt("a due day", &due))?,
        })
    })
}

/// Records the day a logged prompt was made (or that it was not).
pub(crate) fn set_made(
    conn: &Connection,
    customer_id: &str,
    key: &str,
    made_on: Option<NaiveDate>,
) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE prompt_log SET made_on = ?3 WHERE customer_id = ?1 AND key = ?2")?
        .execute(params![customer_id, key, made_on.map(date_text)])?;
    Ok(())
}

/// Closes a logged prompt (if open): done, dismissed (with the reason) or gone.
pub(crate) fn close(
    conn: &Connection,
    customer_id: &str,
    key: &str,
    how: Closed,
    reason: Option<&str>,
    today: NaiveDate,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE prompt_log SET closed = ?3, how = ?4, reason = ?5
         WHERE customer_id = ?1 AND key = ?2 AND closed IS NULL",
    )?
    .execute(params![
        customer_id,
        key,
        date_text(today),
        how.code(),
        reason
    ])?;
    Ok(())
}

/// Opens a logged prompt again (an action undone).
pub(crate) fn reopen(conn: &Connection, customer_id: &str, key: &str) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE prompt_log SET closed = NULL, how = NULL, reason = NULL
         WHERE customer_id = ?1 AND key = ?2",
    )?
    .execute(params![customer_id, key])?;
    Ok(())
}

const OUTCOME_COLUMNS: &str = "key, kind, level, due, made_on, closed, how, reason";

fn outcome_from_row(r: &rusqlite::Row<'_>, at: usize) -> Result<PromptOutcome, StoreError> {
    let day = |i: usize| -> Result<Option<NaiveDate>, StoreError> {
        Ok(r.get::<_, Option<String>>(at + i)?
            .and_then(|t| fixed_date(t.as_bytes())))
    };
    let kind: String = r.get(at + 1)?;
    let level: String = r.get(at + 2)?;
    Ok(PromptOutcome {
        key: r.get(at)?,
        kind: PromptKind::parse(&kind)
            .ok_or_else(|| crate::codec::corrupt("a prompt kind", &kind))?,
        level: Level::parse(&level).ok_or_else(|| crate::codec::corrupt("a level", &level))?,
        due: day(3)?.ok_or_else(|| crate::codec::corrupt("a due day", "?"))?,
        made_on: day(4)?,
        closed: day(5)?,
        how: r.get(at + 6)?,
        reason: r.get(at + 7)?,
    })
}

/// One customer's logged prompts, by due day.
pub(crate) fn of_customer(
    conn: &Connection,
    customer_id: &str,
) -> Result<Vec<PromptOutcome>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {OUTCOME_COLUMNS} FROM prompt_log WHERE customer_id = ?1 ORDER BY due, key"
    ))?;
    collect_rows(stmt.query([customer_id])?, |r| outcome_from_row(r, 0))
}

/// Everyone's logged prompts, by customer id.
pub(crate) fn all(conn: &Connection) -> Result<HashMap<String, Vec<PromptOutcome>>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT customer_id, {OUTCOME_COLUMNS} FROM prompt_log ORDER BY customer_id, due, key"
    ))?;
    group_rows(stmt.query([])?, 0, |r| outcome_from_row(r, 1))
}

/// Writes a customer's logged prompts as an export kept them (an import).
pub(crate) fn insert_history(
    conn: &Connection,
    customer_id: &str,
    log: &[PromptOutcome],
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR REPLACE INTO prompt_log (customer_id, key, kind, level, due, made_on, closed, how, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for p in log {
        let how = p
            .how
            .as_deref()
            .filter(|h| matches!(*h, "done" | "dismissed" | "gone"));
        stmt.execute(params![
            customer_id,
            p.key,
            p.kind.code(),
            p.level.code(),
            date_text(p.due),
            p.made_on.map(date_text),
            p.closed.map(date_text),
            how,
            p.reason
        ])?;
    }
    Ok(())
}
