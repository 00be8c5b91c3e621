//! The sheets of an export and their columns, and the rows a customer gives each.

use std::borrow::Cow;

use carnet_core::history::Interaction;
use carnet_core::phone::Phone;
use carnet_core::{
    Birthday, Calendar, DecisionMaker, DueAt, FieldKind, InteractionKind, Payment, Priority,
    Purpose, Reason, Source, Title,
};
use chrono::NaiveDate;

use super::Cell;
use crate::IoError;
use crate::json_export::{CustomerRecord, JsonExport};
use crate::labels::{Lang, label};

/// The sheets of an xlsx export, each a name key and column keys (see [`crate::labels`]);
/// [`sheet_rows`] makes their rows.
pub const SHEETS: [(&str, &[&str]); 4] = [
    ("sheet_customers", &[]),
    (
        "sheet_family",
        &[
            "customer_id",
            "customer",
            "name",
            "relation",
            "birthday",
            "phone",
            "notes",
        ],
    ),
    (
        "sheet_interactions",
        &[
            "customer_id",
            "customer",
            "at",
            "kind",
            "outcome",
            "satisfaction",
            "promise",
            "notes",
            "next",
            "appointment",
            "spend",
            "resolved_at",
            "resolution",
        ],
    ),
    (
        "sheet_orders",
        &[
            "customer_id",
            "customer",
            "at",
            "kind",
            "model",
            "price",
            "expected_delivery",
            "vin",
            "plate",
        ],
    ),
];

/// The column keys of a sheet of [`SHEETS`].
pub fn sheet_columns(sheet: &str) -> Vec<&'static str> {
    match SHEETS.iter().find(|(name, _)| *name == sheet) {
        Some(("sheet_customers", _)) | None => customer_columns(),
        Some((_, columns)) => columns.to_vec(),
    }
}

/// The customer sheet's columns: the id, every profile field (the phones as the main one and
/// the others), when the customer was added.
pub fn customer_columns() -> Vec<&'static str> {
    let mut columns = vec!["id"];
    for field in carnet_core::FIELDS {
        columns.push(field.name);
        if field.name == "phones" {
            columns.push(OTHER_PHONES);
        }
    }
    columns.push("created_at");
    // Where the customer stands as exported (worked out by the book, not read back).
    columns.push("tier");
    columns.push("value");
    columns
}

/// The column of the phones after the main one.
pub const OTHER_PHONES: &str = "phones_other";

/// A phone as a sheet holds it: its digits ([`Phone::digits`]); text that is not a phone (a
/// masked one, 138****5678) as it is.
fn phone_digits(input: &str) -> Cow<'_, str> {
    match Phone::parse(input) {
        Some(phone) => Cow::Owned(phone.digits()),
        None => Cow::Borrowed(input),
    }
}

/// A choice code as the reader of `lang` reads it: the Chinese word in Chinese, the code in
/// English. Both read back on import.
fn word(field: &str, code: &str, lang: Lang) -> String {
    if !lang.is_chinese() {
        return code.to_owned();
    }
    let w = match field {
        "title" => Title::parse(code).map(Title::word),
        "reason" => Reason::parse(code).map(Reason::word),
        "purposes" => Purpose::parse(code).map(Purpose::word),
        "decision_maker" => DecisionMaker::parse(code).map(DecisionMaker::word),
        "payment" => Payment::parse(code).map(Payment::word),
        "source" => Source::parse(code).map(Source::word),
        "priorities" => Priority::parse(code).map(Priority::word),
        "kind" => InteractionKind::parse(code).map(InteractionKind::word),
        _ => None,
    };
    w.unwrap_or(code).to_owned()
}

pub(super) fn customer_row(c: &CustomerRecord, lang: Lang) -> Vec<Cell<'_>> {
    let d = &c.profile;
    let mut row = vec![Cell::text(c.id.as_str())];
    for spec in carnet_core::FIELDS {
        let field = spec.name;
        let cell = match spec.kind {
            FieldKind::List if field == "phones" => {
                row.push(Cell::text(
                    d.phones
                        .first()
                        .map_or(Cow::Borrowed(""), |p| phone_digits(p)),
                ));
                Cell::text(
                    d.phones
                        .iter()
                        .skip(1)
                        .map(|p| phone_digits(p))
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            }
            // The level's code is its word.
            FieldKind::Choice => Cell::text(
                d.get(field)
                    .map(|v| word(field, &v, lang))
                    .unwrap_or_default(),
            ),
            FieldKind::Choices => Cell::text(list(d.texts(field).unwrap_or_default(), field, lang)),
            FieldKind::Date => birthday_cell(&d.birthday, d.birthday_lunar),
            FieldKind::Flag => Cell::text(if d.birthday_lunar {
                label("yes", lang)
            } else {
                ""
            }),
            _ => Cell::text(d.get(field).unwrap_or_default()),
        };
        row.push(cell);
    }
    row.push(Cell::DateTime(
        c.created_at.with_timezone(&chrono::Local).naive_local(),
    ));
    match c.standing {
        Some(s) => {
            row.push(Cell::text(if lang.is_chinese() {
                s.tier.word()
            } else {
                s.tier.code()
            }));
            row.push(Cell::Number(s.value as f64));
        }
        None => row.extend([Cell::Empty, Cell::Empty]),
    }
    row
}

fn list(items: &[String], field: &str, lang: Lang) -> String {
    items
        .iter()
        .map(|v| word(field, v, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A solar birthday with a year is a real date; a lunar one or one without a year is text.
fn birthday_cell(raw: &str, lunar: bool) -> Cell<'_> {
    if lunar {
        // Text as stored; reading it again would convert it through the lunar tables.
        return Cell::text(raw);
    }
    match Birthday::parse(raw, false) {
        Some(Birthday {
            calendar: Calendar::Solar,
            year: Some(y),
            month,
            day,
        }) => NaiveDate::from_ymd_opt(y, u32::from(month), u32::from(day))
            .map_or_else(|| Cell::text(raw), Cell::Date),
        _ => Cell::text(raw),
    }
}

/// Hands each row of a sheet of [`SHEETS`] to `out`, one at a time (a big book's sheets are
/// never all in memory).
pub fn sheet_rows(
    book: &JsonExport,
    lang: Lang,
    sheet: &str,
    out: &mut dyn FnMut(&[Cell<'_>]) -> Result<(), IoError>,
) -> Result<(), IoError> {
    let mut row = Vec::new();
    for c in &book.customers {
        customer_rows(c, lang, sheet, &mut row, out)?;
    }
    Ok(())
}

/// How many rows each sheet of [`SHEETS`] takes from `book`, in order (what
/// [`customer_rows`] hands out, counted without making them).
pub fn sheet_row_counts(book: &JsonExport) -> [u64; 4] {
    let mut counts = [0u64; 4];
    for c in &book.customers {
        let sales = c
            .interactions
            .iter()
            .filter(|i| on_orders_sheet(i.facts.kind))
            .count();
        for (count, n) in counts
            .iter_mut()
            .zip([1, c.family.len(), c.interactions.len(), sales])
        {
            *count += n as u64;
        }
    }
    counts
}

/// Hands the rows one customer gives a sheet of [`SHEETS`] to `out` (`row` is room for them).
pub(super) fn customer_rows<'a>(
    c: &'a CustomerRecord,
    lang: Lang,
    sheet: &str,
    row: &mut Vec<Cell<'a>>,
    out: &mut dyn FnMut(&[Cell<'_>]) -> Result<(), IoError>,
) -> Result<(), IoError> {
    let who = |row: &mut Vec<Cell<'a>>| {
        row.clear();
        row.extend([
            Cell::text(c.id.as_str()),
            Cell::text(c.profile.name.as_str()),
        ]);
    };
    match sheet {
        "sheet_family" => {
            for f in &c.family {
                who(row);
                row.extend([
                    Cell::text(f.facts.name.as_str()),
                    Cell::text(match f.facts.relation.known() {
                        Some(relation) if lang.is_chinese() => Cow::Borrowed(relation.word()),
                        Some(relation) => Cow::Borrowed(relation.code()),
                        None => Cow::Owned(f.facts.relation.to_input()),
                    }),
                    f.facts.birthday.map_or(Cell::Empty, |b| {
                        birthday_cell(&b.to_input(), b.is_lunar()).into_owned()
                    }),
                    f.facts
                        .phone
                        .as_ref()
                        .map_or(Cell::Empty, |p| Cell::text(p.digits())),
                    Cell::opt(f.facts.notes.as_deref()),
                ]);
                out(row)?;
            }
        }
        "sheet_interactions" => {
            for Interaction {
                facts: i,
                resolved_at,
                resolution,
                ..
            } in &c.interactions
            {
                who(row);
                row.extend([
                    Cell::DateTime(i.at),
                    Cell::text(kind_word(i.kind, lang)),
                    Cell::opt(i.outcome.map(|o| {
                        if lang.is_chinese() {
                            o.word()
                        } else {
                            o.code()
                        }
                    })),
                    i.satisfaction
                        .map_or(Cell::Empty, |s| Cell::Number(f64::from(s))),
                    Cell::opt(i.promise.as_deref()),
                    Cell::opt(i.notes.as_deref()),
                    match i.next {
                        Some(DueAt {
                            date,
                            time: Some(t),
                        }) => Cell::DateTime(date.and_time(t)),
                        Some(DueAt { date, time: None }) => Cell::Date(date),
                        None => Cell::Empty,
                    },
                    Cell::opt(i.appointment.map(|a| {
                        if lang.is_chinese() {
                            a.word()
                        } else {
                            a.code()
                        }
                    })),
                    i.spend.map_or(Cell::Empty, |s| Cell::Number(s as f64)),
                    resolved_at.map_or(Cell::Empty, Cell::Date),
                    Cell::opt(resolution.as_deref()),
                ]);
                out(row)?;
            }
        }
        "sheet_orders" => {
            for Interaction { facts: i, sale, .. } in &c.interactions {
                if !on_orders_sheet(i.kind) {
                    continue;
                }
                who(row);
                row.extend([
                    Cell::DateTime(i.at),
                    Cell::text(kind_word(i.kind, lang)),
                    Cell::opt(sale.model.as_deref()),
                    sale.price.map_or(Cell::Empty, |p| Cell::Number(p as f64)),
                    sale.expected_delivery.map_or(Cell::Empty, Cell::Date),
                    Cell::opt(sale.vin.as_deref()),
                    Cell::opt(sale.plate.as_deref()),
                ]);
                out(row)?;
            }
        }
        _ => out(&customer_row(c, lang))?,
    }
    Ok(())
}

/// Whether an interaction of `kind` has a row on the orders sheet: orders and deliveries.
fn on_orders_sheet(kind: InteractionKind) -> bool {
    matches!(kind, InteractionKind::Order | InteractionKind::Delivery)
}

/// An interaction's kind as the reader of `lang` reads it.
fn kind_word(kind: InteractionKind, lang: Lang) -> &'static str {
    if lang.is_chinese() {
        kind.word()
    } else {
        kind.code()
    }
}

impl Cell<'_> {
    /// The same cell, owning its text.
    fn into_owned(self) -> Cell<'static> {
        match self {
            Cell::Empty => Cell::Empty,
            Cell::Text(t) => Cell::Text(Cow::Owned(t.into_owned())),
            Cell::Number(n) => Cell::Number(n),
            Cell::Date(d) => Cell::Date(d),
            Cell::DateTime(t) => Cell::DateTime(t),
        }
    }
}
