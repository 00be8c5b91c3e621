//! The `customers` table: the profile's columns, reading a customer (with their lists, kept
//! in `profile_lists`), the list, duplicates, and the row's own writes (its columns, the
//! trash mark, the level, `last_contact`, the prompts horizon). What also writes other
//! tables (the search entry, the history) is in `ops::customer`.

use carnet_core::phone::Phone;
use carnet_core::profile::DuplicateKey;
use carnet_core::{
    CurrentCar, Customer, CustomerSummary, Level, Payment, Pick, Priority, Profile, Purpose,
    Reason, Source, Timeframe, Title,
};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use crate::codec::{
    birthday, budget, calendar_code, code, codes, corrupt, join_codes, opt_time, text, time,
};
use crate::rows::{Batch, SUMMARY_COLUMNS, collect_summaries};
use crate::tables::profile_lists;
use crate::{Store, StoreError};

/// The profile columns, in the order `write_profile` binds them (after the id).
const PROFILE_COLUMNS: &[&str] = &[
    "name",
    "phone",
    "title",
    "wechat",
    "region",
    "address",
    "occupation",
    "company",
    "budget_min",
    "budget_max",
    "budget_about",
    "reason",
    "purposes",
    "timeframe",
    "level",
    "decision_maker",
    "decision_maker_name",
    "car_brand",
    "car_model",
    "car_year",
    "car_mileage",
    "car_plate",
    "payment",
    "source",
    "cares",
    "worry",
    "personality",
    "priorities",
    "special_needs",
    "hobbies",
    "notes",
    "birthday_calendar",
    "birthday_year",
    "birthday_month",
    "birthday_day",
    "emails",
    "budget_words",
];

fn full_columns() -> String {
    format!(
        "id, created_at, updated_at, deleted_at, {}",
        PROFILE_COLUMNS.join(", ")
    )
}

/// A customer row (in `full_columns` order) with its lists.
fn customer_from_row(conn: &Connection, row: &Row<'_>) -> Result<Customer, StoreError> {
    let id: String = row.get(0)?;
    let lists = profile_lists::read(conn, &id)?;
    customer_with_lists(row, id, lists)
}

fn customer_with_lists(
    row: &Row<'_>,
    id: String,
    (phones, models, tags): profile_lists::Lists,
) -> Result<Customer, StoreError> {
    let c = 4; // first profile column
    let level: String = row.get(c + 14)?;
    let profile = Profile {
        name: row.get(c)?,
        title: code(row.get(c + 2)?, Title::parse, "title")?,
        phones,
        wechat: row.get(c + 3)?,
        region: row.get(c + 4)?,
        address: row.get(c + 5)?,
        occupation: row.get(c + 6)?,
        company: row.get(c + 7)?,
        budget: budget(row.get(c + 8)?, row.get(c + 9)?, row.get(c + 10)?),
        models,
        reason: code(row.get(c + 11)?, Reason::parse, "reason")?,
        purposes: codes(&row.get::<_, String>(c + 12)?, Purpose::parse, "purpose")?,
        timeframe: code(row.get(c + 13)?, Timeframe::from_stored, "timeframe")?,
        level: Level::parse(&level).ok_or_else(|| corrupt("level", &level))?,
        decision_maker: code(row.get(c + 15)?, Pick::from_stored, "decision maker")?,
        decision_maker_name: row.get(c + 16)?,
        current_car: CurrentCar {
            brand: row.get(c + 17)?,
            model: row.get(c + 18)?,
            year: row.get(c + 19)?,
            mileage: row.get(c + 20)?,
            plate: row.get(c + 21)?,
        },
        payment: code(row.get(c + 22)?, Payment::parse, "payment")?,
        source: code(row.get(c + 23)?, Source::parse, "source")?,
        cares: row.get(c + 24)?,
        worry: row.get(c + 25)?,
        personality: row.get(c + 26)?,
        priorities: codes(&row.get::<_, String>(c + 27)?, Priority::parse, "priority")?,
        special_needs: row.get(c + 28)?,
        hobbies: row.get(c + 29)?,
        tags,
        notes: row.get(c + 30)?,
        birthday: birthday(
            row.get(c + 31)?,
            row.get(c + 32)?,
            row.get(c + 33)?,
            row.get(c + 34)?,
        )?,
        emails: row
            .get_ref(c + 35)?
            .as_str()
            .map_err(|e| corrupt("emails", &e.to_string()))?
            .lines()
            .map(str::to_owned)
            .collect(),
        budget_words: row.get(c + 36)?,
    };
    Ok(Customer {
        id,
        profile,
        created_at: time(row, 1)?,
        updated_at: time(row, 2)?,
        deleted_at: opt_time(row, 3)?,
    })
}

/// The values of [`PROFILE_COLUMNS`], in that order.
fn profile_values(p: &Profile) -> Vec<Value> {
    let car = &p.current_car;
    let b = p.birthday.as_ref();
    let code = |c: Option<&'static str>| text(c);
    vec![
        Value::Text(p.name.clone()),
        text(p.phone().map(Phone::stored)),
        code(p.title.map(Title::code)),
        text(p.wechat.as_deref()),
        text(p.region.as_deref()),
        text(p.address.as_deref()),
        text(p.occupation.as_deref()),
        text(p.company.as_deref()),
        p.budget.and_then(|b| b.min).into(),
        p.budget.map(|b| b.max).into(),
        p.budget.is_some_and(|b| b.about).into(),
        code(p.reason.map(Reason::code)),
        Value::Text(join_codes(p.purposes.iter().map(|v| v.code()))),
        p.timeframe
            .as_ref()
            .map_or(Value::Null, |t| Value::Text(t.stored())),
        Value::Text(p.level.code().to_owned()),
        p.decision_maker
            .as_ref()
            .map_or(Value::Null, |d| Value::Text(d.stored())),
        text(p.decision_maker_name.as_deref()),
        text(car.brand.as_deref()),
        text(car.model.as_deref()),
        car.year.into(),
        car.mileage.into(),
        text(car.plate.as_deref()),
        code(p.payment.map(Payment::code)),
        code(p.source.map(Source::code)),
        text(p.cares.as_deref()),
        text(p.worry.as_deref()),
        text(p.personality.as_deref()),
        Value::Text(join_codes(p.priorities.iter().map(|v| v.code()))),
        text(p.special_needs.as_deref()),
        text(p.hobbies.as_deref()),
        text(p.notes.as_deref()),
        code(b.map(calendar_code)),
        b.and_then(|b| b.year).into(),
        b.map(|b| b.month).into(),
        b.map(|b| b.day).into(),
        Value::Text(p.emails.join("\n")),
        text(p.budget_words.as_deref()),
    ]
}

/// The profile's own columns of the customer's row.
pub(crate) fn write_columns(
    conn: &Connection,
    id: &str,
    p: &Profile,
    now: &str,
) -> Result<(), StoreError> {
    static UPDATE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let update = UPDATE.get_or_init(|| {
        let sets = PROFILE_COLUMNS
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ?{}", i + 3))
            .collect::<Vec<_>>()
            .join(", ");
        format!("UPDATE customers SET updated_at = ?2, {sets} WHERE id = ?1")
    });
    let mut values = vec![Value::Text(id.to_owned()), Value::Text(now.to_owned())];
    values.extend(profile_values(p));
    conn.prepare_cached(update)?
        .execute(params_from_iter(values))?;
    Ok(())
}

/// The table and columns of a new customer's row as [`push_new`] gives them.
pub(crate) fn new_row_head() -> &'static str {
    static HEAD: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HEAD.get_or_init(|| {
        format!(
            "customers (id, created_at, updated_at, name_pinyin, name_initials, \
             search_rowid, prompts_until, {})",
            PROFILE_COLUMNS.join(", ")
        )
    })
}

/// How many values [`push_new`] adds.
pub(crate) const NEW_ROW_WIDTH: usize = 7 + PROFILE_COLUMNS.len();

/// The whole row of a new customer, for a bulk insert (an import): born with its sort keys,
/// search rowid and prompts horizon, so nothing is written to it twice.
#[allow(clippy::too_many_arguments)]
pub(crate) fn push_new(
    batch: &mut Batch,
    id: &str,
    created_at: &str,
    updated_at: &str,
    keys: &carnet_core::SearchKeys,
    search_rowid: i64,
    prompts_until: Option<&str>,
    p: &Profile,
) {
    let mut row = Vec::with_capacity(NEW_ROW_WIDTH);
    row.extend([
        Value::Text(id.to_owned()),
        Value::Text(created_at.to_owned()),
        Value::Text(updated_at.to_owned()),
        Value::Text(keys.sort_key.clone()),
        Value::Text(keys.initials.clone()),
        Value::Integer(search_rowid),
        text(prompts_until),
    ]);
    row.extend(profile_values(p));
    batch.row_vec(row);
}

/// Whether a customer row exists (in the book or the trash).
pub(crate) fn exists(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM customers WHERE id = ?1)")?
        .query_row([id], |r| r.get(0))?)
}

/// The customers of `found` the duplicate rule matches with `profile`, out of the trash,
/// newest first.
fn duplicates_among(profile: &Profile, mut found: Vec<Customer>) -> Vec<Customer> {
    found.retain(|c| c.deleted_at.is_none() && profile.may_duplicate(&c.profile));
    found.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    found
}

/// The book's customers by the digests of their duplicate keys (see
/// [`carnet_core::profile::DuplicateKey`]): a digest leads to the customers that may match,
/// each then checked against the rule itself.
#[derive(Debug, Default)]
pub struct DuplicateIndex {
    by_digest: std::collections::HashMap<u64, Vec<i64>>,
}

/// One customer, trashed or not.
pub(crate) fn read(conn: &Connection, id: &str) -> Result<Option<Customer>, StoreError> {
    read_where(conn, "id", id)
}

fn read_by_rowid(conn: &Connection, rowid: i64) -> Result<Option<Customer>, StoreError> {
    read_where(conn, "rowid", rowid)
}

/// The customer whose `column` (unique) holds `key`.
fn read_where(
    conn: &Connection,
    column: &str,
    key: impl rusqlite::ToSql,
) -> Result<Option<Customer>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM customers WHERE {column} = ?1",
        full_columns()
    ))?;
    let mut rows = stmt.query([key])?;
    match rows.next()? {
        Some(row) => Ok(Some(customer_from_row(conn, row)?)),
        None => Ok(None),
    }
}

impl Store {
    /// Customers who may be the same person as `profile` (carnet-core's duplicate rule),
    /// other than `except` (the customer being edited); customers in the trash are left out.
    pub fn possible_duplicates(
        &self,
        profile: &Profile,
        except: Option<&str>,
    ) -> Result<Vec<Customer>, StoreError> {
        if profile.phones.is_empty() {
            return Ok(Vec::new());
        }
        let mut ids: Vec<String> = Vec::new();
        // A name is found by its sort key first (customers_live_pinyin).
        let mut by_phone = self.conn.prepare_cached(
            "SELECT customer_id FROM customer_phones WHERE key = +?1
             UNION SELECT id FROM customers
             WHERE name_pinyin = ?3 AND name = ?2 AND deleted_at IS NULL",
        )?;
        let sort_key = carnet_core::SearchKeys::new(&profile.name, &[]).sort_key;
        for phone in &profile.phones {
            for id in by_phone.query_map(params![phone.key(), profile.name, sort_key], |r| {
                r.get::<_, String>(0)
            })? {
                let id = id?;
                if Some(id.as_str()) != except && !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        let mut found = Vec::new();
        for id in ids {
            if let Some(c) = read(&self.conn, &id)? {
                found.push(c);
            }
        }
        Ok(duplicates_among(profile, found))
    }

    /// Every customer in the book by their duplicate keys: for an import of many rows,
    /// which then finds each row's duplicates with [`Store::indexed_duplicates`] instead of
    /// querying the book once or twice a row. One pass over the book's phones.
    pub fn duplicate_index(&self) -> Result<DuplicateIndex, StoreError> {
        let mut index = DuplicateIndex::default();
        let mut stmt = self.conn.prepare(
            "SELECT c.rowid, c.name, p.phone FROM customer_phones p
             JOIN customers c ON c.id = p.customer_id
             WHERE c.deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let rowid: i64 = row.get(0)?;
            let name: String = row.get(1)?;
            let phone = Phone::from_stored(&row.get::<_, String>(2)?);
            for key in DuplicateKey::of(&name, std::slice::from_ref(&phone)) {
                let rowids = index.by_digest.entry(key.digest()).or_default();
                if !rowids.contains(&rowid) {
                    rowids.push(rowid);
                }
            }
        }
        Ok(index)
    }

    /// What [`Store::possible_duplicates`] finds (without an exception), found through an
    /// index made by [`Store::duplicate_index`] in the same read.
    pub fn indexed_duplicates(
        &self,
        index: &DuplicateIndex,
        profile: &Profile,
    ) -> Result<Vec<Customer>, StoreError> {
        let mut rowids: Vec<i64> = profile
            .duplicate_keys()
            .iter()
            .filter_map(|k| index.by_digest.get(&k.digest()))
            .flatten()
            .copied()
            .collect();
        rowids.sort_unstable();
        rowids.dedup();
        let mut found = Vec::new();
        for rowid in rowids {
            if let Some(c) = read_by_rowid(&self.conn, rowid)? {
                found.push(c);
            }
        }
        Ok(duplicates_among(profile, found))
    }

    /// Customers in the book (not in the trash).
    pub fn count_customers(&self) -> Result<u64, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM customers WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// A customer with the whole profile, trashed or not.
    pub fn customer(&self, id: &str) -> Result<Option<Customer>, StoreError> {
        read(&self.conn, id)
    }

    /// Every customer in the book with the whole profile, newest first.
    pub fn customers(&self) -> Result<Vec<Customer>, StoreError> {
        let mut out = Vec::new();
        self.each_customer(|c| {
            out.push(c);
            Ok::<_, StoreError>(())
        })?;
        Ok(out)
    }

    /// Every customer in the book, as [`Store::customers`] gives them, handed over one at a
    /// time (for writing an export while it is read).
    pub fn each_customer<E: From<StoreError>>(
        &self,
        mut each: impl FnMut(Customer) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut lists = profile_lists::read_all(&self.conn)?;
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {} FROM customers WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC",
                full_columns()
            ))
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let id: String = row.get(0).map_err(StoreError::from)?;
            let own = lists.remove(&id).unwrap_or_default();
            each(customer_with_lists(row, id, own)?)?;
        }
        Ok(())
    }

    /// The customers in the trash, the most recently trashed first.
    pub fn trashed_customers(&self) -> Result<Vec<CustomerSummary>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM customers c WHERE c.deleted_at IS NOT NULL
             ORDER BY c.deleted_at DESC, c.id"
        ))?;
        collect_summaries(stmt.query([])?)
    }

    /// Every table that references customers, with its referencing column, read from the
    /// schema: a table added later is covered without anyone remembering it.
    pub fn tables_referencing_customers(&self) -> Result<Vec<(String, String)>, StoreError> {
        referencing_tables(&self.conn)
    }
}

pub(crate) fn referencing_tables(conn: &Connection) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table' AND f.\"table\" = 'customers' ORDER BY m.name",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Adds a customer's row with only its name and times; the profile's columns follow
/// (`write_columns`).
pub(crate) fn insert_row(
    conn: &Connection,
    id: &str,
    name: &str,
    now: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO customers (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
    )?
    .execute(params![id, name, now])?;
    Ok(())
}

/// Whether the customer is in the trash.
pub(crate) fn is_trashed(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT deleted_at IS NOT NULL FROM customers WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?)
}

/// Marks a customer as in the trash since `now`; `false` when there is no such customer in
/// the book.
pub(crate) fn set_trashed(conn: &Connection, id: &str, now: &str) -> Result<bool, StoreError> {
    Ok(conn.execute(
        "UPDATE customers SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        params![id, now],
    )? > 0)
}

/// Takes the trash mark off; `false` when the customer is not in the trash.
pub(crate) fn clear_trashed(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn.execute(
        "UPDATE customers SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
        [id],
    )? > 0)
}

/// The ids of the customers in the trash.
pub(crate) fn trashed_ids(conn: &Connection) -> Result<Vec<String>, StoreError> {
    Ok(conn
        .prepare("SELECT id FROM customers WHERE deleted_at IS NOT NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// The ids of the customers in the book (not in the trash).
pub(crate) fn live_ids(conn: &Connection) -> Result<Vec<String>, StoreError> {
    Ok(conn
        .prepare("SELECT id FROM customers WHERE deleted_at IS NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// Deletes a customer's row (their linked rows go with it, `ON DELETE CASCADE`); `false`
/// when there was none.
pub(crate) fn delete(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn.execute("DELETE FROM customers WHERE id = ?1", [id])? > 0)
}

/// Sets a customer's `last_contact` from their interactions.
pub(crate) fn touch_last_contact(conn: &Connection, customer_id: &str) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE customers SET last_contact =
             (SELECT max(at) FROM interactions WHERE customer_id = ?1) WHERE id = ?1",
    )?
    .execute([customer_id])?;
    Ok(())
}

/// Sets every customer's `last_contact` who has interactions (after many were written).
pub(crate) fn touch_all_last_contacts(conn: &Connection) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE customers SET last_contact =
             (SELECT max(at) FROM interactions WHERE customer_id = customers.id)
         WHERE id IN (SELECT DISTINCT customer_id FROM interactions)",
        [],
    )?;
    Ok(())
}

/// A customer's level code; `None` when there is no such customer.
pub(crate) fn level(conn: &Connection, id: &str) -> Result<Option<String>, StoreError> {
    match conn.query_row("SELECT level FROM customers WHERE id = ?1", [id], |r| {
        r.get::<_, String>(0)
    }) {
        Ok(level) => Ok(Some(level)),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Sets a customer's level (the change is kept by the caller).
pub(crate) fn set_level(conn: &Connection, id: &str, to: Level) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE customers SET level = ?2 WHERE id = ?1",
        params![id, to.code()],
    )?;
    Ok(())
}

/// Until when (a date) a customer's prompts stay right.
pub(crate) fn set_prompts_until(
    conn: &Connection,
    id: &str,
    until: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE customers SET prompts_until = ?2 WHERE id = ?1")?
        .execute(params![id, until])?;
    Ok(())
}

/// Marks a customer's prompts for recomputing at the next rollover.
pub(crate) fn invalidate_prompts(conn: &Connection, id: &str) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE customers SET prompts_until = NULL WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// The customers (not in the trash) whose prompts may have changed by `today` (a date).
pub(crate) fn prompts_due_for_refresh(
    conn: &Connection,
    today: &str,
) -> Result<Vec<String>, StoreError> {
    Ok(conn
        .prepare(
            "SELECT id FROM customers WHERE deleted_at IS NULL
             AND (prompts_until IS NULL OR prompts_until <= ?1)",
        )?
        .query_map([today], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// The next free `search_rowid`.
pub(crate) fn next_search_rowid(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row(
        "SELECT coalesce(max(search_rowid), 0) + 1 FROM customers",
        [],
        |r| r.get(0),
    )?)
}

/// What the prompts engine reads of a customer's row: name, level, created at, and the
/// birthday's calendar, year, month and day; `None` for a customer who is not in the book
/// (or is in the trash).
pub(crate) type PromptFacts = (
    String,
    String,
    String,
    Option<String>,
    Option<i32>,
    Option<u8>,
    Option<u8>,
);

/// [`PromptFacts`] of a customer in the book.
pub(crate) fn prompt_facts(conn: &Connection, id: &str) -> Result<Option<PromptFacts>, StoreError> {
    Ok(conn
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
        .optional()?)
}

#[cfg(test)]
mod tests;
