//! The `today_plan` table: the day each prompt due this week is planned for, its row's place
//! that day, its group, why it weighs what it does, and how often it has slipped (carnet-core's
//! `followup::plan`). Made once a day by carnet-app and replaced whole.

use std::collections::HashMap;

use carnet_core::PromptKind;
use carnet_core::followup::plan::Kept;
use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::Value;

use crate::StoreError;
use crate::codec::{date_text, parse_date};
use crate::rows::Batch;

/// One prompt's place in the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanEntry {
    pub customer_id: String,
    pub key: String,
    pub kind: PromptKind,
    /// `None`: after the week.
    pub day: Option<NaiveDate>,
    /// The row's place among the day's rows (a customer's prompts and a group's members share
    /// their row's).
    pub rank: u32,
    /// The occasion's code of the group it joins.
    pub group: Option<String>,
    /// carnet-core's `Why`, by its code.
    pub why: String,
    pub slips: u32,
    pub slipped_on: Option<NaiveDate>,
}

const HEAD: &str = "today_plan (customer_id, key, kind, day, rank, grp, why, slips, slipped_on)";

/// Replaces the plan with `entries`.
pub(crate) fn replace(conn: &Connection, entries: &[PlanEntry]) -> Result<(), StoreError> {
    conn.execute("DELETE FROM today_plan", [])?;
    // In the key's order: each row goes after the last in the table's b-tree, and the
    // customers it references are looked up in their order, not at random.
    let mut sorted: Vec<&PlanEntry> = entries.iter().collect();
    sorted.sort_unstable_by(|a, b| (&a.customer_id, &a.key).cmp(&(&b.customer_id, &b.key)));
    let mut batch = Batch::new(HEAD, 9);
    for e in sorted {
        batch.row([
            Value::Text(e.customer_id.clone()),
            Value::Text(e.key.clone()),
            Value::Text(e.kind.code().to_owned()),
            e.day.map(date_text).into(),
            i64::from(e.rank).into(),
            e.group.clone().into(),
            Value::Text(e.why.clone()),
            i64::from(e.slips).into(),
            e.slipped_on.map(date_text).into(),
        ]);
    }
    batch.flush(conn)?;
    Ok(())
}

/// What the plan holds for each prompt, by customer and key.
pub(crate) fn kept(conn: &Connection) -> Result<HashMap<(String, String), Kept>, StoreError> {
    let mut stmt =
        conn.prepare("SELECT customer_id, key, day, slips, slipped_on FROM today_plan")?;
    let mut rows = stmt.query([])?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next()? {
        let day: Option<String> = r.get(2)?;
        let slipped_on: Option<String> = r.get(4)?;
        out.insert(
            (r.get(0)?, r.get(1)?),
            Kept {
                day: day.as_deref().map(parse_date).transpose()?,
                slips: r.get(3)?,
                slipped_on: slipped_on.as_deref().map(parse_date).transpose()?,
            },
        );
    }
    Ok(out)
}
