//! How values are written in the book's columns and read back: moments (RFC 3339, UTC,
//! milliseconds), local dates and times, codes of choices, lists of codes, birthdays, JSON
//! lists of ids. A leaf: it imports no other module of the store.

use carnet_core::{Birthday, Budget, Calendar};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Row;
use rusqlite::types::Value;

use crate::StoreError;

/// A moment as the book stores it: RFC 3339, UTC, milliseconds.
pub(crate) fn time_text(t: &chrono::DateTime<chrono::Utc>) -> String {
    let naive = t.naive_utc();
    let mut text = String::with_capacity(24);
    if !push_date_time(&mut text, naive, 'T') {
        return t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    }
    text.push('.');
    let ms = naive.and_utc().timestamp_subsec_millis();
    push_digits(&mut text, ms / 100, 1);
    push_digits(&mut text, ms % 100, 2);
    text.push('Z');
    text
}

/// Writes `n` (below 10^`width`) with `width` digits.
fn push_digits(text: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = (n / 10u32.pow(place)) % 10;
        text.push(char::from(b'0' + u8::try_from(digit).unwrap_or(0)));
    }
}

/// Writes `YYYY-MM-DD`, the date and time parted by `sep`, `HH:MM:SS`, as chrono's formats do
/// but without reading a format each time (an import writes millions): `false`, with nothing
/// written, for what chrono writes otherwise (a year outside 0–9999, a leap second).
fn push_date_time(text: &mut String, t: NaiveDateTime, sep: char) -> bool {
    use chrono::Timelike;
    if t.nanosecond() >= 1_000_000_000 || !push_date(text, t.date()) {
        return false;
    }
    text.push(sep);
    push_digits(text, t.hour(), 2);
    text.push(':');
    push_digits(text, t.minute(), 2);
    text.push(':');
    push_digits(text, t.second(), 2);
    true
}

/// Writes `YYYY-MM-DD`; `false`, with nothing written, for a year outside 0–9999.
fn push_date(text: &mut String, d: NaiveDate) -> bool {
    use chrono::Datelike;
    let Ok(year) = u32::try_from(d.year()) else {
        return false;
    };
    if year > 9999 {
        return false;
    }
    push_digits(text, year, 4);
    text.push('-');
    push_digits(text, d.month(), 2);
    text.push('-');
    push_digits(text, d.day(), 2);
    true
}

/// Reads a moment back: the form `time_text` writes (`2026-11-25T02:00:00.000Z`) directly,
/// any other RFC 3339 through chrono. An export reads millions of these.
pub(crate) fn parse_time(text: &str) -> Result<chrono::DateTime<chrono::Utc>, StoreError> {
    let b = text.as_bytes();
    if b.len() == 24
        && b[19] == b'.'
        && b[23] == b'Z'
        && let (Some(t), Some(ms)) = (fixed_date_time(&b[..19], b'T'), digits(&b[20..23]))
    {
        return Ok(t.and_utc() + chrono::Duration::milliseconds(i64::from(ms)));
    }
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|e| StoreError::Corrupt(format!("time {text:?}: {e}")))
}

/// The number an all-digit ASCII slice spells.
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// `YYYY-MM-DD`, exactly.
pub(crate) fn fixed_date(b: &[u8]) -> Option<chrono::NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(&b[..4])?).ok()?;
    chrono::NaiveDate::from_ymd_opt(year, digits(&b[5..7])?, digits(&b[8..10])?)
}

/// `YYYY-MM-DD HH:MM:SS` (the date and the time parted by `sep`), exactly.
pub(crate) fn fixed_date_time(b: &[u8], sep: u8) -> Option<chrono::NaiveDateTime> {
    if b.len() != 19 || b[10] != sep || b[13] != b':' || b[16] != b':' {
        return None;
    }
    fixed_date(&b[..10])?.and_hms_opt(
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    )
}

const DATE_TIME: &str = "%Y-%m-%d %H:%M:%S";
const DATE: &str = "%Y-%m-%d";

/// A local date and time as the book stores it (`2026-11-25 14:30:00`).
pub(crate) fn date_time_text(t: NaiveDateTime) -> String {
    let mut text = String::with_capacity(19);
    if push_date_time(&mut text, t, ' ') {
        text
    } else {
        t.format(DATE_TIME).to_string()
    }
}

/// A local date as the book stores it (`2026-11-25`).
pub(crate) fn date_text(d: NaiveDate) -> String {
    let mut text = String::with_capacity(10);
    if push_date(&mut text, d) {
        text
    } else {
        d.format(DATE).to_string()
    }
}

/// Reads a date back (the first ten characters of a date or a date and time).
pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, StoreError> {
    let day = text.get(..10).unwrap_or(text);
    if let Some(d) = fixed_date(day.as_bytes()) {
        return Ok(d);
    }
    NaiveDate::parse_from_str(day, DATE)
        .map_err(|e| StoreError::Corrupt(format!("date {text:?}: {e}")))
}

/// Reads a local date and time back.
pub(crate) fn parse_date_time(text: &str) -> Result<NaiveDateTime, StoreError> {
    if let Some(t) = fixed_date_time(text.as_bytes(), b' ') {
        return Ok(t);
    }
    NaiveDateTime::parse_from_str(text, DATE_TIME)
        .map_err(|e| StoreError::Corrupt(format!("time {text:?}: {e}")))
}

/// The moment in column `i`.
pub(crate) fn time(row: &Row<'_>, i: usize) -> Result<chrono::DateTime<chrono::Utc>, StoreError> {
    parse_time(&row.get::<_, String>(i)?)
}

/// The moment in column `i`, if any.
pub(crate) fn opt_time(
    row: &Row<'_>,
    i: usize,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, StoreError> {
    row.get::<_, Option<String>>(i)?
        .map(|t| parse_time(&t))
        .transpose()
}

pub(crate) fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} {value:?}"))
}

/// A stored code read back as its choice; unknown codes mean the book is damaged.
pub(crate) fn code<T>(
    value: Option<String>,
    parse: fn(&str) -> Option<T>,
    what: &str,
) -> Result<Option<T>, StoreError> {
    value
        .map(|v| parse(&v).ok_or_else(|| corrupt(what, &v)))
        .transpose()
}

/// A list of codes stored as one text (`a,b,c`) read back.
pub(crate) fn codes<T>(
    value: &str,
    parse: fn(&str) -> Option<T>,
    what: &str,
) -> Result<Vec<T>, StoreError> {
    value
        .split(',')
        .filter(|v| !v.is_empty())
        .map(|v| parse(v).ok_or_else(|| corrupt(what, v)))
        .collect()
}

/// A list of codes as one text (`a,b,c`).
pub(crate) fn join_codes(codes: impl Iterator<Item = &'static str>) -> String {
    codes.collect::<Vec<_>>().join(",")
}

/// An optional text as a value to bind.
pub(crate) fn text(value: Option<&str>) -> Value {
    value.map_or(Value::Null, |v| Value::Text(v.to_owned()))
}

/// A budget from its three columns (none without a maximum).
pub(crate) fn budget(min: Option<i64>, max: Option<i64>, about: bool) -> Option<Budget> {
    max.map(|max| Budget { min, max, about })
}

/// A birthday from its four columns (none unless the calendar, month and day are there).
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

/// A birthday's calendar as stored.
pub(crate) fn calendar_code(b: &Birthday) -> &'static str {
    match b.calendar {
        Calendar::Solar => "solar",
        Calendar::Lunar => "lunar",
    }
}

/// Ids as a JSON list column (`["a","b"]`).
pub(crate) fn json_ids<'a>(ids: impl Iterator<Item = &'a String>) -> String {
    serde_json::to_string(&ids.collect::<Vec<_>>()).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests;
