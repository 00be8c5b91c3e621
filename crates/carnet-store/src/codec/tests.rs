//! How values are written as text and read back.

use super::*;

#[test]
fn stored_moments_read_back_as_chrono_reads_them() {
    use chrono::{NaiveDate, NaiveDateTime};
    // What the book writes, read by the fast path; anything else by chrono, same result.
    for text in [
        "2026-11-25",
        "2024-02-29",
        "2026-02-29",
        "2026-13-01",
        "2026-1-05",
        "2026-11-2x",
        "",
    ] {
        let chrono = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
        assert_eq!(parse_date(text).ok(), chrono, "{text:?}");
    }
    for text in [
        "2026-11-25 09:30:00",
        "2026-11-25 24:00:00",
        "2026-11-25 23:59:60",
        "2026-11-25T09:30:00",
        "2026-11-25 9:30:00",
        "2026-11-25 09:30",
    ] {
        let chrono = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").ok();
        assert_eq!(parse_date_time(text).ok(), chrono, "{text:?}");
    }
    for text in [
        "2026-11-25T02:03:04.005Z",
        "2026-11-25T02:03:04.5Z",
        "2026-11-25T02:03:04Z",
        "2026-11-25T10:03:04.005+08:00",
        "2026-11-25T02:03:04.00aZ",
        "2026-02-30T02:03:04.005Z",
    ] {
        let chrono = chrono::DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|t| t.with_timezone(&chrono::Utc));
        assert_eq!(parse_time(text).ok(), chrono, "{text:?}");
    }
    let now = chrono::Utc::now();
    let stored = time_text(&now);
    assert_eq!(
        parse_time(&stored).expect("read").timestamp_millis(),
        now.timestamp_millis()
    );
}

#[test]
fn moments_are_written_as_chrono_writes_them() {
    use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("valid");
    let at = |d: NaiveDate, h, mi, s, nano| d.and_hms_nano_opt(h, mi, s, nano).expect("valid");
    let mut times: Vec<NaiveDateTime> = vec![
        at(date(2026, 11, 25), 9, 30, 0, 0),
        at(date(2026, 1, 5), 0, 0, 0, 999_999_999),
        at(date(2024, 2, 29), 23, 59, 59, 5_000_000),
        at(date(2024, 2, 29), 23, 59, 59, 123_456_789),
        at(date(1, 1, 1), 1, 2, 3, 40_000_000),
        at(date(999, 12, 31), 12, 0, 0, 0),
        at(date(9999, 12, 31), 23, 59, 59, 0),
        // What chrono writes otherwise: years past four digits or before year 0, a leap second.
        at(date(10000, 1, 1), 0, 0, 0, 0),
        at(date(-1, 6, 15), 8, 0, 0, 0),
        at(date(2016, 12, 31), 23, 59, 59, 1_500_000_000),
    ];
    // A day's every hour, minute and second, in steps that land on each digit.
    let mut t = at(date(2026, 12, 7), 0, 0, 0, 0);
    for _ in 0..2000 {
        times.push(t);
        t += chrono::Duration::milliseconds(43_219_077);
    }
    for t in times {
        assert_eq!(
            date_time_text(t),
            t.format("%Y-%m-%d %H:%M:%S").to_string(),
            "{t:?}"
        );
        assert_eq!(
            date_text(t.date()),
            t.date().format("%Y-%m-%d").to_string(),
            "{t:?}"
        );
        let utc = Utc.from_utc_datetime(&t);
        assert_eq!(
            time_text(&utc),
            utc.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "{t:?}"
        );
    }
}
