//! Queries on the `customers` table: the profile, the list, duplicates, the trash.

use carnet_core::phone::Phone;
use carnet_core::profile::DuplicateKey;
use carnet_core::{
    Birthday, Budget, Calendar, CurrentCar, Customer, CustomerSummary, FamilyFacts, KeyFact, Level,
    Payment, Pick, Priority, Profile, Purpose, Reason, Source, Timeframe, Title,
};
use rusqlite::types::Value;
use rusqlite::{Connection, Row, params, params_from_iter};

use crate::customer_search::{index, unindex};
use crate::{Store, StoreError, Write, now_text, parse_time, profile_lists};

/// How a page of the customer list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// The newest first.
    Newest,
    /// By the pinyin of the name (张三 under z), as a Chinese consultant reads a list.
    Pinyin,
    /// The most recently contacted first; never contacted last.
    LastContact,
}

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

/// The columns of a list row, for `summary_from_row`; `c` is the customers table.
pub(crate) const SUMMARY_COLUMNS: &str = "c.id, c.name, c.title, c.phone, c.level, c.budget_min, \
     c.budget_max, c.budget_about, (SELECT model FROM customer_models m \
     WHERE m.customer_id = c.id AND m.position = 0), c.created_at, c.updated_at, c.deleted_at, \
     c.last_contact";

fn full_columns() -> String {
    format!(
        "id, created_at, updated_at, deleted_at, {}",
        PROFILE_COLUMNS.join(", ")
    )
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} {value:?}"))
}

/// A stored code read back as its choice; unknown codes mean the book is damaged.
fn code<T>(
    value: Option<String>,
    parse: fn(&str) -> Option<T>,
    what: &str,
) -> Result<Option<T>, StoreError> {
    value
        .map(|v| parse(&v).ok_or_else(|| corrupt(what, &v)))
        .transpose()
}

fn codes<T>(value: &str, parse: fn(&str) -> Option<T>, what: &str) -> Result<Vec<T>, StoreError> {
    value
        .split(',')
        .filter(|v| !v.is_empty())
        .map(|v| parse(v).ok_or_else(|| corrupt(what, v)))
        .collect()
}

fn join_codes(codes: impl Iterator<Item = &'static str>) -> String {
    codes.collect::<Vec<_>>().join(",")
}

fn budget(min: Option<i64>, max: Option<i64>, about: bool) -> Option<Budget> {
    max.map(|max| Budget { min, max, about })
}

pub(crate) fn birthday(
    calendar: Option<String>,
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
) -> Result<Option<Birthday>, StoreError> {
    let (Some(calendar), Some(month), Some(day)) = (calendar, month, day) else {
        return Ok(None);
    };
    let calendar = match calendar.as_str() {
        "solar" => Calendar::Solar,
        "lunar" => Calendar::Lunar,
        other => return Err(corrupt("calendar", other)),
    };
    Ok(Some(Birthday {
        calendar,
        year,
        month,
        day,
    }))
}

pub(crate) fn calendar_code(b: &Birthday) -> &'static str {
    match b.calendar {
        Calendar::Solar => "solar",
        Calendar::Lunar => "lunar",
    }
}

fn time(row: &Row<'_>, i: usize) -> Result<chrono::DateTime<chrono::Utc>, StoreError> {
    parse_time(&row.get::<_, String>(i)?)
}

fn opt_time(row: &Row<'_>, i: usize) -> Result<Option<chrono::DateTime<chrono::Utc>>, StoreError> {
    row.get::<_, Option<String>>(i)?
        .map(|t| parse_time(&t))
        .transpose()
}

pub(crate) fn summary_from_row(row: &Row<'_>) -> Result<CustomerSummary, StoreError> {
    Ok(CustomerSummary {
        id: row.get(0)?,
        name: row.get(1)?,
        title: code(row.get(2)?, Title::parse, "title")?,
        phone: row.get::<_, Option<String>>(3)?.map(Phone::from_stored),
        level: Level::parse(&row.get::<_, String>(4)?).unwrap_or(Level::N),
        budget: budget(row.get(5)?, row.get(6)?, row.get(7)?),
        model: row.get(8)?,
        created_at: time(row, 9)?,
        updated_at: time(row, 10)?,
        deleted_at: opt_time(row, 11)?,
        last_contact: row.get(12)?,
    })
}

/// Every list row the rows hold, in order.
pub(crate) fn collect_summaries(
    rows: rusqlite::Rows<'_>,
) -> Result<Vec<CustomerSummary>, StoreError> {
    crate::collect_rows(rows, summary_from_row)
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

/// Writes the profile into the customer's row (which must exist), lists and search index.
fn write_profile(conn: &Connection, id: &str, p: &Profile, now: &str) -> Result<(), StoreError> {
    write_columns(conn, id, p, now)?;
    let lists = (p.phones.as_slice(), p.models.as_slice(), p.tags.as_slice());
    profile_lists::write(conn, id, lists, false)?;
    let trashed: bool = conn
        .prepare_cached("SELECT deleted_at IS NOT NULL FROM customers WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    if trashed {
        unindex(conn, id)
    } else {
        index(conn, id, p)
    }
}

/// An optional text as a value to bind.
fn text(value: Option<&str>) -> Value {
    value.map_or(Value::Null, |v| Value::Text(v.to_owned()))
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
fn write_columns(conn: &Connection, id: &str, p: &Profile, now: &str) -> Result<(), StoreError> {
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

/// Inserts a new customer row with the given id and profile.
pub(crate) fn insert(
    conn: &Connection,
    id: &str,
    p: &Profile,
    now: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO customers (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
    )?
    .execute(params![id, p.name, now])?;
    write_profile(conn, id, p, now)
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
    batch: &mut crate::Batch,
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

/// New customers written together (an import, a demo book): their rows, lists and index
/// entries go many rows to a statement, and their full-text rows in one statement at the end.
/// A customer's row is in the book once [`NewCustomers::flush`] has run.
pub(crate) struct NewCustomers {
    next_rowid: i64,
    rows: crate::Batch,
    lists: profile_lists::NewLists,
    index: crate::customer_search::NewEntries,
}

impl NewCustomers {
    pub(crate) fn start(conn: &Connection) -> Result<NewCustomers, StoreError> {
        Ok(NewCustomers {
            next_rowid: conn.query_row(
                "SELECT coalesce(max(search_rowid), 0) + 1 FROM customers",
                [],
                |r| r.get(0),
            )?,
            rows: crate::Batch::one_row(new_row_head(), NEW_ROW_WIDTH),
            lists: profile_lists::NewLists::default(),
            index: crate::customer_search::NewEntries::start(conn)?,
        })
    }

    /// Adds a customer; `prompts_until` when their prompts are written with them (`None`
    /// leaves them to the next rollover).
    pub(crate) fn add(
        &mut self,
        id: &str,
        (created_at, updated_at): (&str, &str),
        p: &Profile,
        prompts_until: Option<&str>,
    ) {
        let keys = carnet_core::SearchKeys::of(p);
        let rowid = self.next_rowid;
        self.next_rowid += 1;
        push_new(
            &mut self.rows,
            id,
            created_at,
            updated_at,
            &keys,
            rowid,
            prompts_until,
            p,
        );
        self.lists.push(id, p);
        self.index.push(rowid, &keys);
    }

    /// The customers added so far, to be written elsewhere (by `flush`); this starts again
    /// empty, numbering on.
    pub(crate) fn take(&mut self) -> NewCustomers {
        NewCustomers {
            next_rowid: self.next_rowid,
            rows: self.rows.take(),
            lists: self.lists.take(),
            index: self.index.take(),
        }
    }

    /// Writes the customers added so far (all but their full-text rows).
    pub(crate) fn flush(&mut self, conn: &Connection) -> Result<(), StoreError> {
        self.rows.flush(conn)?;
        self.lists.flush(conn)?;
        self.index.flush(conn)
    }

    /// Writes the rest, full-text rows included.
    pub(crate) fn finish(mut self, conn: &Connection) -> Result<(), StoreError> {
        self.flush(conn)?;
        self.index.finish(conn)
    }
}

/// Replaces a customer's profile, keeping each changed key fact and a level change in the
/// history; `false` when there is no such customer.
pub(crate) fn update(
    conn: &Connection,
    id: &str,
    profile: &Profile,
    at: chrono::NaiveDateTime,
) -> Result<bool, StoreError> {
    let Some(before) = read(conn, id)? else {
        return Ok(false);
    };
    let now = now_text();
    write_profile(conn, id, profile, &now)?;
    record_changes(conn, id, profile.key_fact_changes(&before.profile), &now)?;
    if before.profile.level != profile.level {
        crate::level_changes::record(
            conn,
            id,
            at,
            before.profile.level,
            profile.level,
            None,
            None,
        )?;
    }
    Ok(true)
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

fn referencing_tables(conn: &Connection) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table' AND f.\"table\" = 'customers' ORDER BY m.name",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn record_changes(
    conn: &Connection,
    id: &str,
    changes: Vec<(KeyFact, String, String)>,
    now: &str,
) -> Result<(), StoreError> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO key_fact_changes (customer_id, fact, old_value, new_value, changed_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (fact, old, new) in changes {
        insert.execute(params![id, fact.code(), old, new, now])?;
    }
    Ok(())
}

impl Write<'_> {
    /// Adds a customer with a new time-ordered UUID and returns it as stored.
    pub fn insert_customer(&self, profile: &Profile) -> Result<Customer, StoreError> {
        let id = uuid::Uuid::now_v7().to_string();
        let tx = self.conn();
        insert(tx, &id, profile, &now_text())?;
        self.customer(&id)?
            .ok_or_else(|| StoreError::Corrupt(format!("customer {id} vanished after insert")))
    }

    /// Adds many customers with their families in one transaction (a demo book, an import):
    /// all or nothing.
    pub fn insert_customers(
        &self,
        all: &[(Profile, Vec<FamilyFacts>)],
    ) -> Result<Vec<String>, StoreError> {
        let now = now_text();
        let tx = self.conn();
        let mut ids = Vec::with_capacity(all.len());
        let mut new = NewCustomers::start(tx)?;
        for (profile, _) in all {
            let id = uuid::Uuid::now_v7().to_string();
            new.add(&id, (&now, &now), profile, None);
            ids.push(id);
        }
        new.finish(tx)?;
        for (id, (_, family)) in ids.iter().zip(all) {
            for member in family {
                crate::family_members::insert(tx, id, member, &now)?;
            }
        }
        Ok(ids)
    }

    /// Replaces a customer's profile, keeping each changed key fact in the history.
    /// `None` when there is no such customer.
    pub fn update_customer(
        &self,
        id: &str,
        profile: &Profile,
    ) -> Result<Option<Customer>, StoreError> {
        self.update_customer_at(id, profile, chrono::Local::now().naive_local())
    }

    /// `update_customer`, with the consultant's local time for the level history.
    pub fn update_customer_at(
        &self,
        id: &str,
        profile: &Profile,
        at: chrono::NaiveDateTime,
    ) -> Result<Option<Customer>, StoreError> {
        let tx = self.conn();
        if !update(tx, id, profile, at)? {
            return Ok(None);
        }
        self.customer(id)
    }

    /// Moves a customer to the trash (and out of the search index). `false` when there is no
    /// such customer in the book.
    pub fn trash_customer(&self, id: &str) -> Result<bool, StoreError> {
        let tx = self.conn();
        let moved = tx.execute(
            "UPDATE customers SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, now_text()],
        )? > 0;
        if moved {
            unindex(tx, id)?;
        }
        Ok(moved)
    }

    /// Takes a customer out of the trash (and back into the search index). `false` when they
    /// are not in it.
    pub fn restore_customer(&self, id: &str) -> Result<bool, StoreError> {
        let tx = self.conn();
        let restored = tx.execute(
            "UPDATE customers SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
            [id],
        )? > 0;
        if restored && let Some(c) = read(tx, id)? {
            index(tx, id, &c.profile)?;
        }
        Ok(restored)
    }

    /// Erases every customer in the trash for good, with every row linked to them and their
    /// search index entries. Returns how many were erased.
    pub fn empty_trash(&self) -> Result<usize, StoreError> {
        let tx = self.conn();
        let ids: Vec<String> = tx
            .prepare("SELECT id FROM customers WHERE deleted_at IS NOT NULL")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for id in &ids {
            crate::erase::erase(tx, id)?;
        }
        Ok(ids.len())
    }

    /// Erases one customer for good (see `empty_trash`). `false` when there was none.
    pub fn delete_customer(&self, id: &str) -> Result<bool, StoreError> {
        let tx = self.conn();
        let deleted = crate::erase::erase(tx, id)?;
        Ok(deleted)
    }

    /// Merges `loser` into `survivor`: the survivor takes `merged` as its profile, every row
    /// of every table that references the loser moves to the survivor, and the loser is
    /// erased. One transaction. `None` when either customer does not exist.
    pub fn merge_customers(
        &self,
        survivor: &str,
        loser: &str,
        merged: &Profile,
    ) -> Result<Option<Customer>, StoreError> {
        let tx = self.conn();
        let (Some(before), Some(_)) = (read(tx, survivor)?, read(tx, loser)?) else {
            return Ok(None);
        };
        for (table, column) in referencing_tables(tx)? {
            if profile_lists::PROFILE_TABLES.contains(&table.as_str()) {
                continue;
            }
            tx.execute(
                // Rows keyed by customer and something else (prompts) may exist for both;
                // the survivor's stay, and the loser's go with the loser.
                &format!(
                    "UPDATE OR IGNORE \"{table}\" SET \"{column}\" = ?1 WHERE \"{column}\" = ?2"
                ),
                params![survivor, loser],
            )?;
        }
        let now = now_text();
        write_profile(tx, survivor, merged, &now)?;
        record_changes(tx, survivor, merged.key_fact_changes(&before.profile), &now)?;
        crate::erase::delete_row(tx, loser)?;
        crate::interactions::touch_last_contact(tx, survivor)?;
        self.customer(survivor)
    }
}
