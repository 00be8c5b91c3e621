//! Use cases of the Interact step: the timeline (log, orders, deliveries, complaints), levels,
//! the follow-up rules, Today's agenda with one-keystroke outcomes, and the pre-call brief.
//!
//! This module keeps the rules (checked by carnet-core's `Rules::validate`) and the prompt
//! refresh every write that concerns a customer runs; `timeline` writes interactions and
//! levels, `today` reads and acts on the agenda, `notices` says what to notify, and `brief`
//! gathers what to know before a call.

use carnet_core::followup::Rules;
use carnet_core::profile::{Invalid, Problem};
use carnet_core::{DueAt, Level};
use carnet_store::{Store, Write};
use chrono::NaiveDate;

use crate::{App, AppError, ErrorKind};

mod brief;
mod notices;
pub(crate) mod plan;
mod timeline;
mod today;

pub use today::AGENDA_PROMPTS;

pub(crate) const RULES_SETTING: &str = "followup_rules";
pub(crate) const PROMPTS_DAY_SETTING: &str = "prompts_day";

fn invalid_date(field: &'static str, raw: &str) -> AppError {
    Invalid::new(
        field,
        Problem::InvalidDate {
            value: raw.to_owned(),
        },
    )
    .into()
}

/// A day typed as "YYYY-MM-DD"; empty gives `default`.
fn day(field: &'static str, raw: &str, default: NaiveDate) -> Result<NaiveDate, AppError> {
    match raw.trim() {
        "" => Ok(default),
        raw => DueAt::parse(raw)
            .map(|d| d.date)
            .ok_or_else(|| invalid_date(field, raw)),
    }
}

impl App {
    /// The follow-up rules: the consultant's, or the defaults.
    pub fn rules(&self) -> Result<Rules, AppError> {
        rules(&self.store())
    }

    /// Saves edited rules (every number checked) and recomputes everyone's prompts, a step
    /// at a time (each step its own unit of work, so others get the book in between).
    pub fn set_rules(&self, new: Rules) -> Result<Rules, AppError> {
        let saved = self.save_rules(new)?;
        self.refresh_stale_prompts(crate::startup::PROMPTS_STEP, &mut |_| {})?;
        Ok(saved)
    }

    /// Saves edited rules (every number checked) and marks everyone's prompts stale, in one
    /// unit of work; [`App::catch_up`] recomputes them (the desktop, with progress).
    pub fn save_rules(&self, new: Rules) -> Result<Rules, AppError> {
        new.validate()?;
        let text = serde_json::to_string(&new).map_err(AppError::internal)?;
        self.store().write(|w| {
            w.set_setting(RULES_SETTING, &text)?;
            w.mark_all_prompts_stale(self.now().date())?;
            // Today is planned again with the new rules (a new capacity) on its next look.
            w.set_setting(plan::PLAN_DAY_SETTING, "")?;
            Ok::<_, AppError>(())
        })?;
        Ok(new)
    }

    /// Puts the default rules back.
    pub fn restore_default_rules(&self) -> Result<Rules, AppError> {
        self.set_rules(Rules::default())
    }

    /// Rolls the prompts over to the day after today, as the next day's first agenda will;
    /// returns how many customers it recomputed (for `carnet bench`).
    pub fn roll_over_to_tomorrow(&self) -> Result<usize, AppError> {
        let tomorrow = self.now().date().succ_opt().unwrap_or(self.now().date());
        self.store()
            .write(|w| Ok(w.roll_prompts_over(&rules(w)?, tomorrow)?))
    }

    /// Recomputes everyone's prompts for today (as a change of the rules does); returns how
    /// many prompts there are.
    pub fn recompute_prompts(&self) -> Result<usize, AppError> {
        let today = self.now().date();
        let store = self.store();
        store.with_cache(whole_book_cache_mib(&store)?, |store| {
            store.write(|w| {
                let count = w.refresh_all_prompts(&rules(w)?, today)?;
                w.set_setting(PROMPTS_DAY_SETTING, &today.to_string())?;
                Ok(count)
            })
        })
    }

    /// Recomputes one customer's prompts after a write that concerns them.
    /// Part of the unit of work of every write that concerns them.
    pub(crate) fn refreshed(&self, w: &Write<'_>, customer_id: &str) -> Result<(), AppError> {
        w.refresh_prompts(customer_id, &rules(w)?, self.now().date())?;
        Ok(())
    }
}

/// The page cache, in MiB, while the whole book is read a customer after another: everyone's
/// prompts recomputed (the rules changed, a restore), or the timelines of an xlsx export of
/// the whole book. 64 MiB, the usual, reads most pages from the file several times. A plain
/// book gets up to half its size, to 256 MiB; an encrypted one up to its whole size, to 512
/// MiB, as each page read from the file is decrypted and its code checked again. `carnet bench`'s recompute of a
/// 100,000-customer book (545 MB; 514 MB encrypted): 7.2–7.4 s plain and 11.8–11.9 s
/// encrypted with 64 MiB; 6.5 s plain with 256; 7.1 s encrypted with 512. `carnet export
/// --format xlsx` of that book, three runs each: 5.8–6.6 s plain and 8.1–10.0 s encrypted with
/// 64 MiB; 5.4–6.0 s and 6.2–6.7 s with these, the process's peak 300 MB → 467 MB plain and
/// 530 MB encrypted. The pages are freed when the cache is put back.
pub(crate) fn whole_book_cache_mib(store: &carnet_store::Store) -> Result<i64, AppError> {
    let book_mib = i64::try_from(store.book_bytes()? >> 20).unwrap_or(i64::MAX);
    Ok(whole_book_cache_mib_for(book_mib, store.key().is_some()))
}

/// [`whole_book_cache_mib`] for a book of `book_mib` MiB.
fn whole_book_cache_mib_for(book_mib: i64, encrypted: bool) -> i64 {
    const USUAL: i64 = 64;
    if encrypted {
        book_mib.clamp(USUAL, 512)
    } else {
        (book_mib / 2).clamp(USUAL, 256)
    }
}

/// The purchase windows of the levels that have one (H, A, B, C by default), in days.
pub(crate) fn windows(rules: &Rules) -> Vec<(Level, u32)> {
    rules
        .levels
        .iter()
        .filter(|r| matches!(r.level, Level::H | Level::A | Level::B | Level::C))
        .filter_map(|r| Some((r.level, r.window_days?)))
        .collect()
}

/// A customer not yet graded (N) takes the level their timeframe suggests today (a target
/// 10 days away: A), as the levels' windows say.
pub(crate) fn grade_by_timeframe(
    profile: &mut carnet_core::Profile,
    rules: &Rules,
    today: NaiveDate,
) {
    if profile.level == Level::N
        && let Some(level) = profile
            .timeframe
            .as_ref()
            .and_then(|t| t.suggested_level(today, &windows(rules)))
    {
        profile.level = level;
    }
}

pub(crate) fn rules(store: &Store) -> Result<Rules, AppError> {
    match store.setting(RULES_SETTING)? {
        None => Ok(Rules::default()),
        Some(text) => serde_json::from_str(&text).map_err(|e| {
            AppError::new(
                ErrorKind::Storage {
                    detail: e.to_string(),
                    path: None,
                },
                format!("the follow-up rules are unreadable: {e}"),
            )
        }),
    }
}

#[cfg(test)]
pub(crate) mod tests;
