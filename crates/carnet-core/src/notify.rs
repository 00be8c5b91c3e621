//! When Carnet notifies: one summary when the consultant's day starts, and one notification
//! for each prompt with a set time, a few minutes before it. The store remembers what was
//! sent, so nothing is notified twice.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

/// Whether the day's summary is due: the day has started and there is something to do.
pub fn summary_due(now: NaiveDateTime, day_start: NaiveTime, due_count: u64) -> bool {
    now.time() >= day_start && due_count > 0
}

/// Whether a prompt with a set time should be notified now: on its day, from `lead_minutes`
/// before its time on (a prompt already past, because Carnet was closed or the laptop asleep,
/// is notified when Carnet next looks, on the same day).
pub fn prompt_due(
    due: NaiveDate,
    time: Option<NaiveTime>,
    now: NaiveDateTime,
    lead_minutes: u32,
) -> bool {
    let Some(time) = time else {
        return false;
    };
    due == now.date() && due.and_time(time) - TimeDelta::minutes(i64::from(lead_minutes)) <= now
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, d)
            .and_then(|day| day.and_hms_opt(h, m, 0))
            .expect("valid")
    }

    fn time(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    #[test]
    fn the_summary_waits_for_the_day_to_start() {
        let start = NaiveTime::from_hms_opt(8, 30, 0).expect("valid");
        let cases = [
            (at(25, 8, 0), 3, false),
            (at(25, 8, 30), 3, true),
            (at(25, 14, 0), 0, false),
        ];
        for (now, count, want) in cases {
            assert_eq!(summary_due(now, start, count), want, "{now} {count}");
        }
    }

    #[test]
    fn timed_prompts_ring_ten_minutes_ahead_and_only_on_their_day() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid");
        let cases = [
            (time(15, 0), at(25, 14, 40), false),
            (time(15, 0), at(25, 14, 50), true),
            (time(15, 0), at(25, 18, 0), true),
            (time(15, 0), at(26, 9, 0), false),
            (None, at(25, 9, 0), false),
        ];
        for (t, now, want) in cases {
            assert_eq!(prompt_due(day, t, now, 10), want, "{t:?} at {now}");
        }
    }
}
