//! The `customer_standing` table: what each customer's timeline adds up to (carnet-core's
//! `Standing`), one narrow row per customer, kept with their prompts; and what places a
//! customer in the book ([`Placing`]: their standing with their level, last contact and
//! referrals' purchases), as Today's rows and the day's plan read it.

use carnet_core::differentiate::{Event, Standing};
use carnet_core::{InteractionKind, Level};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};

use crate::StoreError;
use crate::codec::{date_text, fixed_date};
use crate::rows::collect_rows;

/// What a customer's place in the book is worked out from (carnet-core's
/// `differentiate::place`: their tier and cell of the grid), read without the rest of their
/// row: what Today weighs its rows by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placing {
    pub level: Level,
    pub last_contact: Option<NaiveDate>,
    /// What the customers they referred bought, yuan.
    pub referred_bought: i64,
    pub standing: Standing,
}

/// The columns of a customer `c` (with their standing `s`, `LEFT JOIN`ed) that
/// [`placing_at`] reads.
pub(crate) fn placing_columns() -> String {
    format!("c.level, c.last_contact, {REFERRED_BOUGHT}, {STANDING_COLUMNS}")
}

/// A [`Placing`] from the columns of [`placing_columns`] at `at` on. A customer without a
/// standing (added with nothing more) reads as nothing added up yet.
pub(crate) fn placing_at(r: &rusqlite::Row<'_>, at: usize) -> Result<Placing, StoreError> {
    Ok(Placing {
        level: r
            .get_ref(at)?
            .as_str()
            .ok()
            .and_then(Level::parse)
            .unwrap_or(Level::N),
        last_contact: r
            .get_ref(at + 1)?
            .as_bytes_or_null()
            .map_err(|e| StoreError::Corrupt(format!("a last contact: {e}")))?
            .and_then(|t| t.get(..10))
            .and_then(fixed_date),
        referred_bought: r.get(at + 2)?,
        standing: from_row(r, at + 3)?.0,
    })
}

/// What the customers that customer `c` referred bought, yuan (0 for none).
pub(crate) const REFERRED_BOUGHT: &str = "coalesce((SELECT sum(ks.bought) FROM customers k
                              JOIN customer_standing ks ON ks.customer_id = k.id
                              WHERE k.referred_by = c.id AND k.deleted_at IS NULL), 0)";

/// The table and columns of a standing row, as [`row`] gives them.
pub(crate) const STANDING_HEAD: &str = "customer_standing (customer_id, purchases, bought, \
     last_purchase, service_spend, satisfaction, satisfaction_prev, first_appointment, \
     first_show, first_visit, first_test_drive, first_quote, first_order, first_delivery, \
     first_contact, profiled)";

/// The columns after the id, in the order of [`STANDING_HEAD`], for reading rows back.
pub(crate) const STANDING_COLUMNS: &str = "s.purchases, s.bought, s.last_purchase, \
     s.service_spend, s.satisfaction, s.satisfaction_prev, s.first_appointment, s.first_show, \
     s.first_visit, s.first_test_drive, s.first_quote, s.first_order, s.first_delivery, \
     s.first_contact, s.profiled";

fn day(d: Option<chrono::NaiveDate>) -> Value {
    d.map(date_text).into()
}

/// A standing row.
pub(crate) fn row(id: &str, s: &Standing, profiled: bool) -> [Value; 16] {
    [
        Value::Text(id.to_owned()),
        i64::from(s.purchases).into(),
        s.bought.into(),
        day(s.last_purchase),
        s.service_spend.into(),
        s.satisfaction.map(i64::from).into(),
        s.satisfaction_prev.map(i64::from).into(),
        day(s.first_appointment),
        day(s.first_show),
        day(s.first_visit),
        day(s.first_test_drive),
        day(s.first_quote),
        day(s.first_order),
        day(s.first_delivery),
        day(s.first_contact),
        i64::from(profiled).into(),
    ]
}

/// Writes (or replaces) one customer's standing.
pub(crate) fn write(
    conn: &Connection,
    id: &str,
    s: &Standing,
    profiled: bool,
) -> Result<(), StoreError> {
    let sql = format!(
        "INSERT OR REPLACE INTO {STANDING_HEAD} VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, \
         ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
    );
    conn.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(row(id, s, profiled)))?;
    Ok(())
}

/// Reads a standing from the columns `STANDING_COLUMNS` starting at `at`; `(standing,
/// profiled)`. A customer without a row (added with nothing more) reads as nothing yet.
pub(crate) fn from_row(r: &rusqlite::Row<'_>, at: usize) -> Result<(Standing, bool), StoreError> {
    // Read in place: a report reads every customer's.
    let d = |i: usize| -> Result<Option<chrono::NaiveDate>, StoreError> {
        Ok(r.get_ref(at + i)?
            .as_bytes_or_null()
            .map_err(|e| StoreError::Corrupt(format!("a standing's day: {e}")))?
            .and_then(fixed_date))
    };
    let n =
        |i: usize| -> Result<i64, StoreError> { Ok(r.get::<_, Option<i64>>(at + i)?.unwrap_or(0)) };
    let sat = |i: usize| -> Result<Option<u8>, StoreError> {
        Ok(r.get::<_, Option<i64>>(at + i)?
            .and_then(|v| u8::try_from(v).ok()))
    };
    Ok((
        Standing {
            purchases: u32::try_from(n(0)?).unwrap_or(0),
            bought: n(1)?,
            last_purchase: d(2)?,
            service_spend: n(3)?,
            satisfaction: sat(4)?,
            satisfaction_prev: sat(5)?,
            first_appointment: d(6)?,
            first_show: d(7)?,
            first_visit: d(8)?,
            first_test_drive: d(9)?,
            first_quote: d(10)?,
            first_order: d(11)?,
            first_delivery: d(12)?,
            first_contact: d(13)?,
        },
        n(14)? != 0,
    ))
}

/// A customer's standing as kept.
pub(crate) fn read(conn: &Connection, id: &str) -> Result<Option<(Standing, bool)>, StoreError> {
    let sql = format!("SELECT {STANDING_COLUMNS} FROM customer_standing s WHERE customer_id = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => Ok(Some(from_row(r, 0)?)),
        None => Ok(None),
    }
}

/// A customer's timeline as the standing adds it up, oldest first.
pub(crate) fn events(conn: &Connection, id: &str) -> Result<Vec<Event>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, at, outcome IS NOT NULL, satisfaction, price, spend, appointment, next_date
         FROM interactions WHERE customer_id = +?1 ORDER BY at, created_at",
    )?;
    collect_rows(stmt.query([id])?, |r| {
        let kind_text: String = r.get(0)?;
        let kind = InteractionKind::parse(&kind_text).unwrap_or(InteractionKind::Other);
        let at: String = r.get(1)?;
        let date = at
            .get(..10)
            .and_then(|d| fixed_date(d.as_bytes()))
            .ok_or_else(|| crate::codec::corrupt("an interaction's time", &at))?;
        let appointment: Option<String> = r.get(6)?;
        let next: Option<String> = r.get(7)?;
        Ok(Event {
            kind,
            date,
            contact: Event::is_contact(kind, r.get::<_, bool>(2)?),
            satisfaction: r
                .get::<_, Option<i64>>(3)?
                .and_then(|v| u8::try_from(v).ok()),
            price: r.get(4)?,
            spend: r.get(5)?,
            appointment: appointment.and(next).and_then(|n| fixed_date(n.as_bytes())),
        })
    })
}

/// Whether the key facts a lead is graded on are known, for the customers row `c`: a phone,
/// a model, a budget and a timeframe (words that name no time do not count). What a
/// standing's `profiled` holds, and what a report reads for a customer without a standing.
pub(crate) const PROFILED_SQL: &str = "(c.phone IS NOT NULL AND c.budget_max IS NOT NULL \
     AND c.timeframe IS NOT NULL AND substr(c.timeframe, 1, 1) <> '~' \
     AND EXISTS (SELECT 1 FROM customer_models m WHERE m.customer_id = c.id))";

/// [`PROFILED_SQL`] for a customer about to be written with profile `p`: what their row and
/// lists will say.
pub(crate) fn profiled_of(p: &carnet_core::Profile) -> bool {
    p.phone().is_some()
        && p.budget.is_some()
        && p.timeframe
            .as_ref()
            .is_some_and(|t| !t.stored().starts_with('~'))
        && !p.models.is_empty()
}

/// [`PROFILED_SQL`] for one customer.
pub(crate) fn profiled(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    let sql = format!("SELECT {PROFILED_SQL} FROM customers c WHERE c.id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], |r| r.get::<_, bool>(0))
        .optional()?
        .unwrap_or(false))
}
