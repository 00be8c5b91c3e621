//! The `family_members` table.

use carnet_core::history::FamilyMember;
use carnet_core::phone::Phone;
use carnet_core::{FamilyFacts, Pick};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::codec::{birthday, calendar_code, parse_time, text};
use crate::rows::{collect_rows, group_rows, insert_one};
use crate::{Store, StoreError, Write};

const COLUMNS: &str = "id, customer_id, name, relation, birthday_calendar, birthday_year, \
     birthday_month, birthday_day, phone, notes, created_at";

fn from_row(row: &Row<'_>) -> Result<FamilyMember, StoreError> {
    let relation: String = row.get(3)?;
    Ok(FamilyMember {
        id: row.get(0)?,
        facts: FamilyFacts {
            name: row.get(2)?,
            relation: Pick::from_stored(&relation)
                .ok_or_else(|| StoreError::Corrupt(format!("relation {relation:?}")))?,
            birthday: birthday(row.get(4)?, row.get(5)?, row.get(6)?, row.get(7)?)?,
            phone: row.get::<_, Option<String>>(8)?.map(Phone::from_stored),
            notes: row.get(9)?,
        },
        created_at: parse_time(&row.get::<_, String>(10)?)?,
    })
}

/// Adds a family member to a customer (who must exist); returns the new id.
pub(crate) fn insert(
    conn: &Connection,
    customer_id: &str,
    f: &FamilyFacts,
    now: &str,
) -> Result<String, StoreError> {
    let id = uuid::Uuid::now_v7().to_string();
    insert_as(conn, &id, customer_id, f, now)?;
    Ok(id)
}

/// The table and columns of a family member's row, as [`row`] gives them.
pub(crate) const HEAD: &str = "family_members (id, customer_id, name, relation, \
     birthday_calendar, birthday_year, birthday_month, birthday_day, phone, notes, created_at, \
     updated_at)";

/// The row of a family member with a given id (from an import), added `now`.
pub(crate) fn row(id: &str, customer_id: &str, f: &FamilyFacts, now: &str) -> [Value; 12] {
    let b = f.birthday.as_ref();
    [
        Value::Text(id.to_owned()),
        Value::Text(customer_id.to_owned()),
        Value::Text(f.name.clone()),
        Value::Text(f.relation.stored()),
        text(b.map(calendar_code)),
        b.and_then(|b| b.year).into(),
        b.map(|b| b.month).into(),
        b.map(|b| b.day).into(),
        text(f.phone.as_ref().map(Phone::stored)),
        text(f.notes.as_deref()),
        Value::Text(now.to_owned()),
        Value::Text(now.to_owned()),
    ]
}

/// Adds a family member with a given id (from an import) unless that id is already there;
/// `true` when a row was added.
pub(crate) fn insert_as(
    conn: &Connection,
    id: &str,
    customer_id: &str,
    f: &FamilyFacts,
    now: &str,
) -> Result<bool, StoreError> {
    let row = row(id, customer_id, f, now);
    Ok(insert_one(conn, "INSERT OR IGNORE", HEAD, row)? > 0)
}

/// The customer a family member belongs to.
pub(crate) fn customer_of(conn: &Connection, id: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT customer_id FROM family_members WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?)
}

impl Store {
    /// Everyone's family members, by customer id, each in the order they were added.
    pub fn families(
        &self,
    ) -> Result<std::collections::HashMap<String, Vec<FamilyMember>>, StoreError> {
        all(&self.conn)
    }

    /// The customer a family member belongs to.
    pub fn family_member_customer(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT customer_id FROM family_members WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Whether a family member id is already in the book (an import adds only those that
    /// are not).
    pub fn has_family_member(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM family_members WHERE id = ?1)")?
            .query_row([id], |r| r.get(0))?)
    }

    /// A customer's family, in the order they were added.
    pub fn family(&self, customer_id: &str) -> Result<Vec<FamilyMember>, StoreError> {
        of_customer(&self.conn, customer_id)
    }
}

/// Everyone's family members at once, by customer (for exporting the book).
pub(crate) fn all(
    conn: &Connection,
) -> Result<std::collections::HashMap<String, Vec<FamilyMember>>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM family_members ORDER BY customer_id, created_at, id"
    ))?;
    group_rows(stmt.query([])?, 1, from_row)
}

/// A customer's family, in the order they were added.
pub(crate) fn of_customer(
    conn: &Connection,
    customer_id: &str,
) -> Result<Vec<FamilyMember>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM family_members WHERE customer_id = +?1 ORDER BY created_at, id"
    ))?;
    collect_rows(stmt.query([customer_id])?, from_row)
}

/// Removes a family member; `false` when there was none.
pub(crate) fn delete(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn.execute("DELETE FROM family_members WHERE id = ?1", [id])? > 0)
}

impl Write<'_> {
    /// Replaces a family member's facts. `false` when there is no such member.
    pub fn update_family_member(&self, id: &str, f: &FamilyFacts) -> Result<bool, StoreError> {
        let b = f.birthday.as_ref();
        Ok(self.conn().execute(
            "UPDATE family_members SET name = ?2, relation = ?3, birthday_calendar = ?4,
                 birthday_year = ?5, birthday_month = ?6, birthday_day = ?7, phone = ?8,
                 notes = ?9, updated_at = ?10
             WHERE id = ?1",
            params![
                id,
                f.name,
                f.relation.stored(),
                b.map(calendar_code),
                b.and_then(|b| b.year),
                b.map(|b| b.month),
                b.map(|b| b.day),
                f.phone.as_ref().map(Phone::stored),
                f.notes,
                self.now_text(),
            ],
        )? > 0)
    }

    /// Removes a family member. `false` when there was none.
    pub fn delete_family_member(&self, id: &str) -> Result<bool, StoreError> {
        delete(self.conn(), id)
    }
}
