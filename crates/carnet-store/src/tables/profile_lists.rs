//! The tables that hold a customer's lists: `customer_phones`, `customer_models`
//! and `customer_tags`. They belong to the profile: written whole with it, read with it.

use carnet_core::phone::Phone;
use carnet_core::{ModelWish, Profile};
use rusqlite::types::Value;
use rusqlite::{Connection, params};

use crate::StoreError;
use crate::rows::Batch;

/// The tables written whole from a profile. A merge writes the survivor's merged profile into
/// them instead of moving the loser's rows.
pub(crate) const PROFILE_TABLES: &[&str] = &["customer_phones", "customer_models", "customer_tags"];

/// Replaces a customer's phones, models and tags (a `new` customer has none to remove).
pub(crate) fn write(
    conn: &Connection,
    id: &str,
    (phones, models, tags): (&[Phone], &[ModelWish], &[String]),
    new: bool,
) -> Result<(), StoreError> {
    if !new {
        for table in PROFILE_TABLES {
            conn.prepare_cached(&format!("DELETE FROM {table} WHERE customer_id = ?1"))?
                .execute([id])?;
        }
    }
    let mut insert = conn.prepare_cached(
        "INSERT INTO customer_phones (customer_id, position, phone, key) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, phone) in (0_i64..).zip(phones) {
        insert.execute(params![id, i, phone.stored(), phone.key()])?;
    }
    let mut insert = conn.prepare_cached(
        "INSERT INTO customer_models (customer_id, position, model, trim, colour)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, m) in (0_i64..).zip(models) {
        insert.execute(params![id, i, m.model, m.trim, m.colour])?;
    }
    let mut insert = conn.prepare_cached(
        "INSERT INTO customer_tags (customer_id, position, tag) VALUES (?1, ?2, ?3)",
    )?;
    for (i, tag) in (0_i64..).zip(tags) {
        insert.execute(params![id, i, tag])?;
    }
    Ok(())
}

/// The lists of new customers, written many rows to a statement.
pub(crate) struct NewLists {
    phones: Batch,
    models: Batch,
    tags: Batch,
}

impl Default for NewLists {
    fn default() -> NewLists {
        NewLists {
            phones: Batch::new("customer_phones (customer_id, position, phone, key)", 4),
            models: Batch::new(
                "customer_models (customer_id, position, model, trim, colour)",
                5,
            ),
            tags: Batch::new("customer_tags (customer_id, position, tag)", 3),
        }
    }
}

impl NewLists {
    pub(crate) fn push(&mut self, id: &str, p: &Profile) {
        let id = || Value::Text(id.to_owned());
        for (i, phone) in (0_i64..).zip(&p.phones) {
            self.phones.row([
                id(),
                i.into(),
                Value::Text(phone.stored().to_owned()),
                Value::Text(phone.key()),
            ]);
        }
        for (i, m) in (0_i64..).zip(&p.models) {
            self.models.row([
                id(),
                i.into(),
                Value::Text(m.model.clone()),
                Value::Text(m.trim.clone()),
                Value::Text(m.colour.clone()),
            ]);
        }
        for (i, tag) in (0_i64..).zip(&p.tags) {
            self.tags.row([id(), i.into(), Value::Text(tag.clone())]);
        }
    }

    /// The rows added so far; this starts again empty.
    pub(crate) fn take(&mut self) -> NewLists {
        NewLists {
            phones: self.phones.take(),
            models: self.models.take(),
            tags: self.tags.take(),
        }
    }

    /// Writes the lists added so far, keeping them (see [`Batch::write`]).
    pub(crate) fn write(&self, conn: &Connection) -> Result<(), StoreError> {
        self.phones.write(conn)?;
        self.models.write(conn)?;
        self.tags.write(conn)
    }
}

/// A customer's phones, models and tags.
pub(crate) type Lists = (Vec<Phone>, Vec<ModelWish>, Vec<String>);

/// A customer's phones, models and tags, in order.
pub(crate) fn read(conn: &Connection, id: &str) -> Result<Lists, StoreError> {
    let phones = conn
        .prepare_cached(
            "SELECT phone FROM customer_phones WHERE customer_id = +?1 ORDER BY position",
        )?
        .query_map([id], |r| r.get::<_, String>(0))?
        .map(|p| p.map(Phone::from_stored))
        .collect::<Result<_, _>>()?;
    let models = conn
        .prepare_cached(
            "SELECT model, trim, colour FROM customer_models WHERE customer_id = +?1 ORDER BY position",
        )?
        .query_map([id], |r| {
            Ok(ModelWish {
                model: r.get(0)?,
                trim: r.get(1)?,
                colour: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let tags = conn
        .prepare_cached("SELECT tag FROM customer_tags WHERE customer_id = +?1 ORDER BY position")?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok((phones, models, tags))
}

/// Every customer's lists at once, by customer id (for reading the whole book: three scans
/// instead of three queries per customer).
pub(crate) fn read_all(
    conn: &Connection,
) -> Result<std::collections::HashMap<String, Lists>, StoreError> {
    let mut all: std::collections::HashMap<String, Lists> = std::collections::HashMap::new();
    let mut stmt = conn
        .prepare("SELECT customer_id, phone FROM customer_phones ORDER BY customer_id, position")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        all.entry(r.get(0)?)
            .or_default()
            .0
            .push(Phone::from_stored(r.get::<_, String>(1)?));
    }
    let mut stmt = conn.prepare(
        "SELECT customer_id, model, trim, colour FROM customer_models ORDER BY customer_id, position",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        all.entry(r.get(0)?).or_default().1.push(ModelWish {
            model: r.get(1)?,
            trim: r.get(2)?,
            colour: r.get(3)?,
        });
    }
    let mut stmt =
        conn.prepare("SELECT customer_id, tag FROM customer_tags ORDER BY customer_id, position")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        all.entry(r.get(0)?).or_default().2.push(r.get(1)?);
    }
    Ok(all)
}
