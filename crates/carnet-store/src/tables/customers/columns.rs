//! The profile's columns of the `customers` row: their names, the values written to them,
//! and a customer read back from them.

use carnet_core::phone::Phone;
use carnet_core::{
    CurrentCar, Customer, Level, Payment, Pick, Priority, Profile, Purpose, Reason, Source,
    Timeframe, Title,
};
use rusqlite::types::Value;
use rusqlite::{Connection, Row, params_from_iter};

use crate::StoreError;
use crate::codec::{
    birthday, budget, calendar_code, code, codes, corrupt, join_codes, opt_time, text, time,
};
use crate::rows::Batch;
use crate::tables::profile_lists;

/// The profile columns, in the order `write_profile` binds them (after the id).
pub(crate) const PROFILE_COLUMNS: &[&str] = &[
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
    "channel",
    "referred_by",
];

pub(crate) fn full_columns() -> String {
    format!(
        "id, created_at, updated_at, deleted_at, {}",
        PROFILE_COLUMNS.join(", ")
    )
}

pub(crate) fn customer_with_lists(
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
        channel: row.get(c + 37)?,
        referred_by: row.get(c + 38)?,
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
        text(p.channel.as_deref()),
        text(p.referred_by.as_deref()),
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
             search_rowid, prompts_until, last_contact, consultant, {})",
            PROFILE_COLUMNS.join(", ")
        )
    })
}

/// How many values [`push_new`] adds.
pub(crate) const NEW_ROW_WIDTH: usize = 9 + PROFILE_COLUMNS.len();

/// The whole row of a new customer, for a bulk insert (an import): born with its sort keys,
/// search rowid, prompts horizon, last contact (when known) and consultant (in a team book),
/// so nothing is written to it twice.
#[allow(clippy::too_many_arguments)]
pub(crate) fn push_new(
    batch: &mut Batch,
    id: &str,
    created_at: &str,
    updated_at: &str,
    keys: &carnet_core::SearchKeys,
    search_rowid: i64,
    (prompts_until, last_contact): (Option<&str>, Option<&str>),
    consultant: Option<&str>,
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
        text(last_contact),
        text(consultant),
    ]);
    row.extend(profile_values(p));
    batch.row_vec(row);
}
