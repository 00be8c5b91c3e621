//! The one clock the store stamps times with: the system's, unless the app gave the store its
//! own (`Store::set_clock`), so that a test or `carnet agenda --date` that sets the app's
//! date sees every stamp at that date. A leaf.

use chrono::{DateTime, Local, NaiveDateTime, Offset, TimeZone, Utc};

use crate::codec::time_text;

/// The system's clock, or the consultant's local time as the app reads it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Clock {
    /// The app's clock (local time); `None` for the system's.
    local: Option<fn() -> NaiveDateTime>,
}

impl Clock {
    /// The app's clock, which reads the consultant's local time.
    pub(crate) fn local(clock: fn() -> NaiveDateTime) -> Clock {
        Clock { local: Some(clock) }
    }

    /// Now, as a moment.
    pub(crate) fn now(self) -> DateTime<Utc> {
        match self.local {
            None => Utc::now(),
            Some(clock) => utc_of_local(clock()),
        }
    }

    /// Now, in the consultant's local time.
    pub(crate) fn local_now(self) -> NaiveDateTime {
        match self.local {
            None => Local::now().naive_local(),
            Some(clock) => clock(),
        }
    }

    /// Now, as the book stores a moment (RFC 3339, UTC, milliseconds).
    pub(crate) fn now_text(self) -> String {
        time_text(&self.now())
    }
}

/// The moment a local time names (the earlier one where the clocks go back; where they
/// jump forward, the offset of the moment read as UTC).
fn utc_of_local(t: NaiveDateTime) -> DateTime<Utc> {
    match Local.from_local_datetime(&t).earliest() {
        Some(local) => local.with_timezone(&Utc),
        None => {
            let offset = Local.offset_from_utc_datetime(&t).fix().local_minus_utc();
            (t - chrono::Duration::seconds(i64::from(offset))).and_utc()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_apps_clock_is_read_as_local_time() {
        let clock = Clock::local(|| {
            chrono::NaiveDate::from_ymd_opt(2030, 1, 2)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .expect("valid")
        });
        assert_eq!(
            clock.now().with_timezone(&Local).naive_local(),
            clock.local_now()
        );
        assert_eq!(clock.local_now().to_string(), "2030-01-02 09:00:00");
    }

    #[test]
    fn the_system_clock_is_now() {
        let before = Utc::now();
        let now = Clock::default().now();
        assert!(now >= before && now <= Utc::now());
    }
}
