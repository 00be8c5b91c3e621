//! The `interactions` table: the timeline of contacts, orders, deliveries and
//! complaints.

use carnet_core::history::{Interaction, SaleDetails};
use carnet_core::{AppointmentKind, InteractionFacts, InteractionKind, Outcome};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::codec::{date_text, date_time_text, parse_date, parse_date_time, parse_time, text};
use crate::rows::{collect_rows, group_rows, insert_one};
use crate::{Store, StoreError, Write};

const COLUMNS: &str = "id, customer_id, kind, at, outcome, satisfaction, promise, notes, next_date, \
     next_time, model, price, expected_delivery, vin, plate, resolved_at, resolution, created_at, \
     appointment, spend";

/// An interaction's row (the customer it belongs to, column 1, is read by the caller that
/// needs it).
fn from_row(row: &Row<'_>) -> Result<Interaction, StoreError> {
    // Texts that are parsed are read in place, not copied first: an export reads a million.
    let text = |i: usize| -> Result<Option<&str>, StoreError> {
        row.get_ref(i)?
            .as_str_or_null()
            .map_err(|e| StoreError::Corrupt(format!("column {i}: {e}")))
    };
    let kind = text(2)?.unwrap_or_default();
    let next = match text(8)? {
        Some(d) => Some(carnet_core::DueAt {
            date: parse_date(d)?,
            time: text(9)?
                .map(|t| chrono::NaiveTime::parse_from_str(t, "%H:%M"))
                .transpose()
                .map_err(|e| StoreError::Corrupt(format!("next time: {e}")))?,
        }),
        None => None,
    };
    Ok(Interaction {
        id: row.get(0)?,
        facts: InteractionFacts {
            kind: InteractionKind::parse(kind)
                .ok_or_else(|| StoreError::Corrupt(format!("kind {kind:?}")))?,
            at: parse_date_time(text(3)?.unwrap_or_default())?,
            outcome: text(4)?
                .map(|o| {
                    Outcome::parse(o).ok_or_else(|| StoreError::Corrupt(format!("outcome {o:?}")))
                })
                .transpose()?,
            satisfaction: row.get(5)?,
            promise: row.get(6)?,
            notes: row.get(7)?,
            // A code this Carnet does not know reads as no appointment (the next step stays).
            appointment: text(18)?
                .and_then(AppointmentKind::parse)
                .filter(|_| next.is_some()),
            next,
            spend: row.get(19)?,
        },
        sale: SaleDetails {
            model: row.get(10)?,
            price: row.get(11)?,
            expected_delivery: text(12)?.map(parse_date).transpose()?,
            vin: row.get(13)?,
            plate: row.get(14)?,
        },
        resolved_at: text(15)?.map(parse_date).transpose()?,
        resolution: row.get(16)?,
        created_at: parse_time(text(17)?.unwrap_or_default())?,
    })
}

/// Inserts one interaction row.
pub(crate) fn insert_row(
    conn: &Connection,
    customer_id: &str,
    facts: &InteractionFacts,
    sale: &SaleDetails,
    now: &str,
) -> Result<String, StoreError> {
    let id = uuid::Uuid::now_v7().to_string();
    let row = Interaction {
        id,
        facts: facts.clone(),
        sale: sale.clone(),
        resolved_at: None,
        resolution: None,
        created_at: parse_time(now)?,
    };
    insert_as(conn, customer_id, &row, now)?;
    Ok(row.id)
}

/// The table and columns of an interaction's row, as [`row`] gives them.
pub(crate) const HEAD: &str = "interactions (id, customer_id, kind, at, outcome, satisfaction, \
     promise, notes, next_date, next_time, model, price, expected_delivery, vin, plate, \
     created_at, resolved_at, resolution, appointment, spend)";

/// The row of an interaction of a customer as it was (from an import: its id, its
/// resolution), recorded `now`.
pub(crate) fn row(customer_id: &str, i: &Interaction, now: &str) -> [Value; 20] {
    let (facts, sale) = (&i.facts, &i.sale);
    let date = |d: Option<NaiveDate>| d.map(date_text).into();
    [
        Value::Text(i.id.clone()),
        Value::Text(customer_id.to_owned()),
        Value::Text(facts.kind.code().to_owned()),
        Value::Text(date_time_text(facts.at)),
        text(facts.outcome.map(Outcome::code)),
        facts.satisfaction.into(),
        text(facts.promise.as_deref()),
        text(facts.notes.as_deref()),
        date(facts.next.map(|n| n.date)),
        facts
            .next
            .and_then(|n| n.time)
            .map(|t| t.format("%H:%M").to_string())
            .into(),
        text(sale.model.as_deref()),
        sale.price.into(),
        date(sale.expected_delivery),
        text(sale.vin.as_deref()),
        text(sale.plate.as_deref()),
        Value::Text(now.to_owned()),
        date(i.resolved_at),
        text(i.resolution.as_deref()),
        text(facts.appointment.map(AppointmentKind::code)),
        facts.spend.into(),
    ]
}

/// Adds an interaction of a customer as it was (from an import: its id, its resolution)
/// unless its id is already there; `true` when a row was added.
pub(crate) fn insert_as(
    conn: &Connection,
    customer_id: &str,
    i: &Interaction,
    now: &str,
) -> Result<bool, StoreError> {
    Ok(insert_one(conn, "INSERT OR IGNORE", HEAD, row(customer_id, i, now))? > 0)
}

/// The customer an interaction belongs to.
pub(crate) fn customer_of(conn: &Connection, id: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT customer_id FROM interactions WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Deletes an interaction; `false` when there was none.
pub(crate) fn delete(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn.execute("DELETE FROM interactions WHERE id = ?1", [id])? > 0)
}

/// Everyone's interactions at once, by customer, oldest first (for exporting the book).
pub(crate) fn all(
    conn: &Connection,
) -> Result<std::collections::HashMap<String, Vec<Interaction>>, StoreError> {
    // Read in the table's order and sorted per customer here: going through the index on
    // (customer_id, at) visits the rows in random order and takes three times as long.
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM interactions"))?;
    let mut all = group_rows(stmt.query([])?, 1, from_row)?;
    for timeline in all.values_mut() {
        // As `of_customer` orders them (its texts sort as these values do).
        timeline.sort_by(|a, b| {
            (a.facts.at, a.created_at, &a.id).cmp(&(b.facts.at, b.created_at, &b.id))
        });
    }
    Ok(all)
}

/// A customer's interactions, oldest first.
pub(crate) fn of_customer(
    conn: &Connection,
    customer_id: &str,
) -> Result<Vec<Interaction>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM interactions WHERE customer_id = +?1 ORDER BY at, created_at, id"
    ))?;
    collect_rows(stmt.query([customer_id])?, from_row)
}

impl Store {
    /// Everyone's timeline (the trash left out), one customer at a time in the order of
    /// [`Store::customers`] (the newest customer first), each oldest first, as `of_customer`
    /// orders it; customers without interactions are skipped. For exporting a whole book
    /// while it is being read, in one pass through the index on (customer, time).
    pub fn each_timeline<E: From<StoreError>>(
        &self,
        mut each: impl FnMut(String, Vec<Interaction>) -> Result<(), E>,
    ) -> Result<(), E> {
        let columns: Vec<String> = COLUMNS.split(", ").map(|c| format!("i.{c}")).collect();
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {} FROM customers c JOIN interactions i ON i.customer_id = c.id
                 WHERE c.deleted_at IS NULL
                 ORDER BY c.created_at DESC, c.id DESC, i.at, i.created_at, i.id",
                columns.join(", ")
            ))
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        // The customer whose timeline is being gathered, and it so far.
        let mut timeline: Option<(String, Vec<Interaction>)> = None;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let customer_id: String = row.get(1).map_err(StoreError::from)?;
            let i = from_row(row)?;
            match &mut timeline {
                Some((id, interactions)) if *id == customer_id => interactions.push(i),
                _ => {
                    if let Some((id, done)) = timeline.replace((customer_id, vec![i])) {
                        each(id, done)?;
                    }
                }
            }
        }
        if let Some((id, done)) = timeline {
            each(id, done)?;
        }
        Ok(())
    }

    /// Whether an interaction id is already in the book (an import adds only those that are
    /// not).
    pub fn has_interaction(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM interactions WHERE id = ?1)")?
            .query_row([id], |r| r.get(0))?)
    }

    /// Interactions in the book.
    pub fn count_interactions(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM interactions", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Reads every row of the interactions table whole (returns how many, and the bytes of
    /// their notes): `carnet bench`'s figure of what reading a big part of the book from its
    /// file costs, page by page, each page decrypted and its code checked in an encrypted
    /// book (the usual page cache holds a tenth of it).
    pub fn read_whole_log(&self) -> Result<(u64, u64), StoreError> {
        let (rows, bytes): (i64, i64) = self.conn.query_row(
            "SELECT count(*), coalesce(sum(length(CAST(notes AS BLOB))), 0) \
             FROM interactions NOT INDEXED",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((
            u64::try_from(rows).unwrap_or(0),
            u64::try_from(bytes).unwrap_or(0),
        ))
    }

    /// A customer's interactions, oldest first.
    pub fn interactions(&self, customer_id: &str) -> Result<Vec<Interaction>, StoreError> {
        of_customer(&self.conn, customer_id)
    }

    /// The customer an interaction belongs to.
    pub fn interaction_customer(&self, id: &str) -> Result<Option<String>, StoreError> {
        customer_of(&self.conn, id)
    }
}

impl Write<'_> {
    /// Marks an open complaint resolved, with what was done. `false` when there is no such
    /// open complaint.
    pub fn resolve_complaint(
        &self,
        id: &str,
        on: NaiveDate,
        resolution: &str,
    ) -> Result<bool, StoreError> {
        Ok(self.conn().execute(
            "UPDATE interactions SET resolved_at = ?2, resolution = ?3
             WHERE id = ?1 AND kind = 'complaint' AND resolved_at IS NULL",
            params![id, date_text(on), resolution],
        )? > 0)
    }
}
