//! Today's plan as front ends read it: the day's rows (the plan joined with the prompts as
//! they stand and the customers they are about), its groups and their members; and the
//! prompts that come due after the plan was made, joined to it as a customer's row is written.

use std::collections::HashMap;

use carnet_core::followup::Prompt;
use carnet_core::followup::plan::Kept;
use carnet_core::{Level, PromptKind};
use chrono::NaiveDate;
use rusqlite::params;

use crate::codec::date_text;
use crate::rows::collect_rows;
use crate::tables::prompts::{DUE_ORDER, PROMPT_COLUMNS, due_prompt, prompt_at};
use crate::tables::standing::{Placing, placing_at, placing_columns};
use crate::tables::today_plan::{self, PlanEntry};
use crate::{Store, StoreError, Write};

/// A prompt of a day's plan, with the customer it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedPrompt {
    pub customer_id: String,
    pub name: String,
    pub level: Level,
    pub phone: Option<String>,
    pub key: String,
    pub kind: PromptKind,
    pub rank: u32,
    pub group: Option<String>,
    pub why: String,
    pub slips: u32,
    /// The prompt as it stands while it is still to do that day; `None` once done, dismissed,
    /// snoozed past the day or gone with a change of the customer's facts.
    pub open: Option<Prompt>,
}

/// A prompt due by the end of the plan's week, as the plan weighs it: the customer's id and
/// what places them, and the prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanPrompt {
    pub customer_id: String,
    pub placing: Placing,
    pub prompt: Prompt,
}

/// A group of a day's plan: its occasion's code, its row's place, why, and how many members
/// it has and how many are still to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedGroup {
    pub group: String,
    pub rank: u32,
    pub why: String,
    pub members: u32,
    pub open: u32,
}

/// The setting that names the day the plan in the book was made for.
pub const TODAY_PLAN_DAY: &str = "today_plan_day";

/// The `why` of a prompt that joined today's plan after it was made.
pub const LATE: &str = "late";

/// A customer's prompts due by `today` that today's plan does not hold join it, as one row
/// after the plan's (`why` [`LATE`]): what came due after the day was planned (a call back
/// set for today). Nothing when the plan in the book is another day's.
pub(crate) fn adopt_due(
    conn: &rusqlite::Connection,
    customer_id: &str,
    today: NaiveDate,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO today_plan
             (customer_id, key, kind, day, rank, grp, why, slips, slipped_on)
         SELECT p.customer_id, p.key, p.kind, ?2,
                coalesce(
                    (SELECT rank FROM today_plan
                     WHERE customer_id = ?1 AND day = ?2 AND why = ?4 LIMIT 1),
                    (SELECT coalesce(max(rank), 0) + 1 FROM today_plan WHERE day = ?2)),
                NULL, ?4, 0, NULL
         FROM prompts p
         WHERE p.customer_id = ?1 AND p.due <= ?2
           AND EXISTS (SELECT 1 FROM settings WHERE key = ?3 AND value = ?2)",
    )?
    .execute(params![customer_id, date_text(today), TODAY_PLAN_DAY, LATE])?;
    Ok(())
}

/// The plan's prompts with their customers and, while still to do that day, the prompt as it
/// stands, where `filter` says (`?1`: the day).
fn planned_sql(filter: &str) -> String {
    format!(
        "SELECT t.customer_id, c.name, c.level, c.phone, {PROMPT_COLUMNS},
                t.key, t.kind, t.rank, t.grp, t.why, t.slips
         FROM today_plan t JOIN customers c ON c.id = t.customer_id
         LEFT JOIN prompts p ON p.customer_id = t.customer_id AND p.key = t.key AND p.due <= ?1
         WHERE {filter}"
    )
}

fn planned(r: &rusqlite::Row<'_>) -> Result<PlannedPrompt, StoreError> {
    let open = match r.get::<_, Option<String>>(4)? {
        Some(_) => Some(due_prompt(r, 0)?.prompt),
        None => None,
    };
    let kind: String = r.get(11)?;
    Ok(PlannedPrompt {
        customer_id: r.get(0)?,
        name: r.get(1)?,
        level: Level::parse(&r.get::<_, String>(2)?).unwrap_or(Level::N),
        phone: r.get(3)?,
        key: r.get(10)?,
        kind: PromptKind::parse(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("prompt kind {kind:?}")))?,
        rank: r.get(12)?,
        group: r.get(13)?,
        why: r.get(14)?,
        slips: r.get(15)?,
        open,
    })
}

impl Store {
    /// The prompts due on or before `until`, most urgent first, each with what places its
    /// customer: what a day's plan is made from, read in one pass (the customers' rows are
    /// looked up once, not again for their standings).
    pub fn plan_prompts(&self, until: NaiveDate) -> Result<Vec<PlanPrompt>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT p.customer_id, {PROMPT_COLUMNS}, {}
             FROM prompts p JOIN customers c ON c.id = p.customer_id
             LEFT JOIN customer_standing s ON s.customer_id = p.customer_id
             WHERE p.due <= ?1
             ORDER BY {DUE_ORDER}",
            placing_columns()
        ))?;
        collect_rows(stmt.query([date_text(until)])?, |r| {
            Ok(PlanPrompt {
                customer_id: r.get(0)?,
                prompt: prompt_at(r, 1)?,
                placing: placing_at(r, 7)?,
            })
        })
    }

    /// What the plan holds for each prompt, by customer and key (to plan the next day).
    pub fn kept_plan(&self) -> Result<HashMap<(String, String), Kept>, StoreError> {
        today_plan::kept(&self.conn)
    }

    /// The customers' rows planned for `day` (not the groups' members), in the plan's order.
    pub fn planned_rows(&self, day: NaiveDate) -> Result<Vec<PlannedPrompt>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&planned_sql(
            "t.day = ?1 AND t.grp IS NULL ORDER BY t.rank, t.key",
        ))?;
        collect_rows(stmt.query([date_text(day)])?, planned)
    }

    /// The members of a group planned for `day`, by name.
    pub fn planned_group(
        &self,
        day: NaiveDate,
        group: &str,
    ) -> Result<Vec<PlannedPrompt>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&planned_sql(
            "t.day = ?1 AND t.grp = ?2 ORDER BY c.name_pinyin, t.customer_id, t.key",
        ))?;
        collect_rows(stmt.query(params![date_text(day), group])?, planned)
    }

    /// The groups planned for `day`, in the plan's order.
    pub fn planned_groups(&self, day: NaiveDate) -> Result<Vec<PlannedGroup>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.grp, min(t.rank), min(t.why), count(*), count(p.key)
             FROM today_plan t
             LEFT JOIN prompts p ON p.customer_id = t.customer_id AND p.key = t.key AND p.due <= ?1
             WHERE t.day = ?1 AND t.grp IS NOT NULL
             GROUP BY t.grp ORDER BY min(t.rank)",
        )?;
        collect_rows(stmt.query([date_text(day)])?, |r| {
            Ok(PlannedGroup {
                group: r.get(0)?,
                rank: r.get(1)?,
                why: r.get(2)?,
                members: r.get(3)?,
                open: r.get(4)?,
            })
        })
    }
}

impl Write<'_> {
    /// Replaces the plan with a new day's.
    pub fn replace_plan(&self, entries: &[PlanEntry]) -> Result<(), StoreError> {
        today_plan::replace(self.conn(), entries)
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;
    use crate::*;

    fn entry(id: &str, key: &str, day: Option<chrono::NaiveDate>, rank: u32) -> PlanEntry {
        PlanEntry {
            customer_id: id.into(),
            key: key.into(),
            kind: carnet_core::PromptKind::Birthday,
            day,
            rank,
            group: Some("birthday".into()),
            why: "rest".into(),
            slips: rank,
            slipped_on: None,
        }
    }

    #[test]
    fn a_day_s_plan_reads_back_with_what_is_still_to_do() {
        let store = Store::open_in_memory().expect("open");
        let a = store
            .write(|w| w.insert_customer(&facts("张三", Some("13812345678"))))
            .expect("insert");
        let b = store
            .write(|w| w.insert_customer(&facts("李四", Some("13912345678"))))
            .expect("insert");
        let today = day();
        store
            .write(|w| {
                // 张三's birthday prompt stands; 李四's was done (gone from the prompts).
                w.conn().execute(
                    "INSERT INTO prompts (customer_id, key, kind, due, time, priority, params)
                     VALUES (?1, 'birthday:self', 'birthday', ?2, NULL, 5,
                             '{\"who\":\"self\",\"name\":\"张三\",\"calendar\":\"solar\",\"month\":\"11\",\"day\":\"20\"}')",
                    rusqlite::params![a.id, today.to_string()],
                )?;
                w.replace_plan(&[
                    entry(&a.id, "birthday:self", Some(today), 1),
                    entry(&b.id, "birthday:self", Some(today), 1),
                    PlanEntry {
                        group: None,
                        ..entry(&a.id, "cadence:C", today.succ_opt(), 0)
                    },
                ])
            })
            .expect("plan");
        let groups = store.planned_groups(today).expect("groups");
        assert_eq!(groups.len(), 1);
        assert_eq!((groups[0].members, groups[0].open), (2, 1));
        let members = store.planned_group(today, "birthday").expect("members");
        let open: Vec<(&str, bool)> = members
            .iter()
            .map(|m| (m.name.as_str(), m.open.is_some()))
            .collect();
        assert_eq!(open, [("李四", false), ("张三", true)]);
        assert!(store.planned_rows(today).expect("rows").is_empty());
        assert_eq!(
            store
                .planned_rows(today.succ_opt().expect("d"))
                .expect("rows")
                .len(),
            1
        );
        let kept = store.kept_plan().expect("kept");
        assert_eq!(kept.len(), 3);
        assert_eq!(
            kept[&(a.id.clone(), "cadence:C".to_owned())].day,
            today.succ_opt()
        );
        // A prompt that comes due today after the plan was made joins it, once the plan is
        // today's, as one row after the plan's.
        store
            .write(|w| {
                w.conn().execute(
                    "INSERT INTO prompts (customer_id, key, kind, due, time, priority, params)
                     VALUES (?1, 'next:x', 'next_step', ?2, '16:00', 1,
                             '{\"promise\":\"\",\"set_on\":\"2026-11-20\"}')",
                    rusqlite::params![b.id, today.to_string()],
                )?;
                super::adopt_due(w.conn(), &b.id, today)?;
                Ok::<_, StoreError>(())
            })
            .expect("not planned today");
        assert!(store.planned_rows(today).expect("rows").is_empty());
        store
            .write(|w| {
                w.set_setting(super::TODAY_PLAN_DAY, &today.to_string())?;
                super::adopt_due(w.conn(), &b.id, today)?;
                super::adopt_due(w.conn(), &b.id, today)
            })
            .expect("adopted");
        let late = store.planned_rows(today).expect("rows");
        assert_eq!(late.len(), 1);
        assert_eq!(
            (late[0].name.as_str(), late[0].why.as_str(), late[0].rank),
            ("李四", super::LATE, 2)
        );
        assert!(late[0].open.is_some());
    }
}
