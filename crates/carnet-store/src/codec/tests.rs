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
