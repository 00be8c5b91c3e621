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
    // An update of a prompt already logged, not a replacement: SQLite's REPLACE deletes the
    // row it replaces without its triggers, which keep `prompt_log_groups` (migration 0023).
    let mut stmt = conn.prepare_cached(
        "INSERT INTO prompt_log (customer_id, key, kind, level, due, made_on, closed, how, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (customer_id, key) DO UPDATE SET
             kind = excluded.kind, level = excluded.level, due = excluded.due,
             made_on = excluded.made_on, closed = excluded.closed, how = excluded.how,
             reason = excluded.reason",
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

#[cfg(test)]
mod tests {
    use carnet_core::differentiate::compliance::Closed;
    use carnet_core::history::PromptOutcome;
    use carnet_core::{Level, PromptKind};
    use chrono::NaiveDate;

    use crate::test_support::facts;
    use crate::{Store, StoreError};

    fn d(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    fn outcome(key: &str, due: &str, made_on: Option<&str>, how: Option<Closed>) -> PromptOutcome {
        PromptOutcome {
            key: key.into(),
            kind: PromptKind::Cadence,
            level: Level::B,
            due: d(due),
            made_on: made_on.map(d),
            closed: how.map(|_| d(due)),
            how: how.map(|h| h.code().to_owned()),
            reason: (how == Some(Closed::Dismissed)).then(|| "客户出差".to_owned()),
        }
    }

    /// `prompt_log_groups` must hold what grouping the log itself gives, row for row.
    fn assert_groups_kept(store: &Store, step: &str) {
        let rows = |sql: &str| -> Vec<(String, String, String, String, String, String, i64)> {
            let mut stmt = store.conn.prepare(sql).expect("prepare");
            stmt.query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows")
        };
        let kept = rows("SELECT * FROM prompt_log_groups ORDER BY 1, 2, 3, 4, 5, 6");
        let grouped = rows(
            "SELECT due, kind, level, coalesce(made_on, ''), coalesce(how, ''),
                    coalesce(reason, ''), count(*)
             FROM prompt_log GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6",
        );
        assert_eq!(kept, grouped, "after {step}");
    }

    /// Every way the log is written keeps the compliance report's groups (migration 0023):
    /// prompts logged as they come due, made, closed, reopened, brought by an import (again,
    /// changed), and deleted with their customer; a group no prompt is in goes.
    #[test]
    fn the_report_s_groups_follow_every_write_of_the_log() {
        let store = Store::open_in_memory().expect("store");
        let id = |name: &str| -> String {
            store
                .write(|w| w.insert_customer(&facts(name, None)))
                .expect("customer")
                .id
        };
        let (a, b) = (id("甲"), id("乙"));
        let write = |step: &str, f: &dyn Fn(&rusqlite::Connection) -> Result<(), StoreError>| {
            store.write(|w| f(w.conn())).expect(step);
            assert_groups_kept(&store, step);
        };
        write("an import's log", &|c| {
            super::insert_history(
                c,
                &a,
                &[
                    outcome(
                        "cadence:B:2026-10-01",
                        "2026-10-01",
                        Some("2026-10-01"),
                        Some(Closed::Gone),
                    ),
                    outcome(
                        "cadence:B:2026-10-08",
                        "2026-10-08",
                        None,
                        Some(Closed::Dismissed),
                    ),
                    outcome("cadence:B:2026-10-15", "2026-10-15", None, None),
                ],
            )
        });
        write("the same import again, changed", &|c| {
            super::insert_history(
                c,
                &a,
                &[
                    outcome(
                        "cadence:B:2026-10-01",
                        "2026-10-01",
                        Some("2026-10-02"),
                        Some(Closed::Gone),
                    ),
                    outcome("cadence:B:2026-10-15", "2026-10-15", None, None),
                    outcome("cadence:B:2026-10-22", "2026-10-22", None, None),
                ],
            )
        });
        write("a prompt logged twice", &|c| {
            for _ in 0..2 {
                c.execute(
                    "INSERT OR IGNORE INTO prompt_log (customer_id, key, kind, level, due)
                     VALUES (?1, 'cadence:B:2026-10-15', 'cadence', 'B', '2026-10-15')",
                    [&b],
                )?;
            }
            Ok(())
        });
        write("made", &|c| {
            super::set_made(c, &b, "cadence:B:2026-10-15", Some(d("2026-10-16")))
        });
        write("made as it was", &|c| {
            super::set_made(c, &b, "cadence:B:2026-10-15", Some(d("2026-10-16")))
        });
        write("dismissed", &|c| {
            super::close(
                c,
                &a,
                "cadence:B:2026-10-22",
                Closed::Dismissed,
                Some("客户出差"),
                d("2026-10-22"),
            )
        });
        write("reopened", &|c| {
            super::reopen(c, &a, "cadence:B:2026-10-22")
        });
        write("closed again", &|c| {
            super::close(
                c,
                &a,
                "cadence:B:2026-10-22",
                Closed::Done,
                None,
                d("2026-10-23"),
            )
        });
        let before: i64 = store
            .conn
            .query_row("SELECT count(*) FROM prompt_log_groups", [], |r| r.get(0))
            .expect("groups");
        store
            .write(|w| w.erase_customers(std::slice::from_ref(&a)))
            .expect("erase");
        assert_groups_kept(&store, "a customer erased");
        let after: i64 = store
            .conn
            .query_row("SELECT count(*) FROM prompt_log_groups", [], |r| r.get(0))
            .expect("groups");
        assert!(after < before && after > 0, "{before} groups, then {after}");
        let reasons: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM prompt_log_groups WHERE reason <> ''",
                [],
                |r| r.get(0),
            )
            .expect("reasons");
        assert_eq!(reasons, 0, "no group keeps an erased customer's reason");
    }

    /// The whole book's logged prompts read from the groups are those the log itself gives,
    /// the trash's left out.
    #[test]
    fn the_groups_answer_as_the_log_does_with_the_trash_left_out() {
        let store = Store::open_in_memory().expect("store");
        let mut ids = Vec::new();
        for (i, name) in ["甲", "乙", "丙"].iter().enumerate() {
            let id = store
                .write(|w| w.insert_customer(&facts(name, None)))
                .expect("customer")
                .id;
            let log: Vec<PromptOutcome> = (0..6)
                .map(|k| {
                    let due = format!("2026-1{}-{:02}", k % 2, 1 + k + i);
                    let made = (k % 3 == 0).then_some(due.as_str());
                    let how = [None, Some(Closed::Dismissed), Some(Closed::Gone)][k % 3];
                    outcome(&format!("cadence:B:{due}"), &due, made, how)
                })
                .collect();
            store
                .write(|w| super::insert_history(w.conn(), &id, &log))
                .expect("log");
            ids.push(id);
        }
        store.write(|w| w.trash_customer(&ids[1])).expect("trash");
        let (from, to) = (d("2026-10-02"), d("2026-11-05"));
        let key = |p: &crate::LoggedPrompt| {
            (
                p.due,
                p.kind.code(),
                p.level.code(),
                p.made_on,
                p.how.clone(),
                p.reason.clone(),
                p.count,
            )
        };
        let mut from_groups: Vec<_> = store
            .logged_prompts(from, to, None, false)
            .expect("groups")
            .iter()
            .map(key)
            .collect();
        from_groups.sort();
        // The same read from the log itself, as a team book's consultant's report reads it.
        let sql = crate::ops::reports::logged_prompts_sql(false);
        let mut stmt = store.conn.prepare(&sql).expect("prepare");
        let mut from_log: Vec<_> = stmt
            .query_map(
                rusqlite::params![from.to_string(), to.to_string(), None::<String>],
                |r| {
                    Ok((
                        r.get::<_, String>(2)?.parse::<NaiveDate>().expect("due"),
                        PromptKind::parse(&r.get::<_, String>(0)?)
                            .expect("kind")
                            .code(),
                        Level::parse(&r.get::<_, String>(1)?).expect("level").code(),
                        r.get::<_, Option<String>>(3)?
                            .map(|t| t.parse().expect("made")),
                        r.get(4)?,
                        r.get(5)?,
                        r.get::<_, i64>(7)? as u64,
                    ))
                },
            )
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        from_log.sort();
        assert!(from_groups.len() > 3, "{from_groups:?}");
        assert_eq!(from_groups, from_log);
        let counted: u64 = from_groups.iter().map(|g| g.6).sum();
        assert!(counted < 12, "the trash's prompts are left out: {counted}");
    }
}
