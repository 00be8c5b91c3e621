//! The Interact step's use cases, through `App` as front ends call them: the helpers every
//! test here shares, the rules; the timeline, Today and notices in their own modules.

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::customers::quick_input;
use crate::{Agenda, DeliveryInput, LevelInput, OrderInput, PromptParamsDto, QuickOutcome, When};
use carnet_core::InteractionDraft;
use carnet_core::Level;
use carnet_core::brief::TalkingPoint;

mod brief;
mod notices;
mod plan;
mod timeline;
mod today;

fn at(m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, m, d)
        .and_then(|day| day.and_hms_opt(h, 0, 0))
        .expect("valid")
}

fn nov25() -> NaiveDateTime {
    at(11, 25, 10)
}

fn app() -> App {
    App::open_in_memory().expect("app").with_clock(nov25)
}

fn add(app: &App, name: &str, level: &str) -> String {
    let id = app.add_customer(quick_input(name, None)).expect("add").id;
    app.edit_customer(&id, &[("level".into(), level.into())], false)
        .expect("level");
    id
}

fn call(outcome: &str, when: &str, next: &str) -> InteractionDraft {
    InteractionDraft {
        kind: "call".into(),
        at: when.into(),
        outcome: outcome.into(),
        next: next.into(),
        ..InteractionDraft::default()
    }
}

/// Each row as "name: kind due" for every prompt (whose params must be of its kind).
pub(crate) fn shown(agenda: &Agenda) -> Vec<String> {
    agenda
        .rows
        .iter()
        .map(|r| {
            let prompts: Vec<String> = r
                .prompts
                .iter()
                .map(|p| {
                    assert_eq!(p.params.kind(), p.kind, "{p:?}: params of another kind");
                    format!("{} {}", p.kind.code(), p.due)
                })
                .collect();
            format!("{}: {}", r.name, prompts.join(", "))
        })
        .collect()
}

#[test]
fn edited_rules_are_checked_then_followed() {
    let app = app();
    let id = add(&app, "张三", "B");
    app.log_interaction(&id, call("reached", "2026-11-20 10:00", ""))
        .expect("log");
    assert!(
        shown(&app.agenda(None, 0).expect("agenda")).is_empty(),
        "B: every 7 days, due 11-27"
    );
    let mut rules = app.rules().expect("rules");
    if let Some(b) = rules.levels.iter_mut().find(|r| r.level == Level::B) {
        b.interval_days = Some(3);
    }
    app.set_rules(rules.clone()).expect("save");
    assert_eq!(
        shown(&app.agenda(None, 0).expect("agenda")),
        ["张三: cadence 2026-11-23"]
    );
    rules.failed_attempts = 0;
    assert_eq!(
        app.set_rules(rules).expect_err("zero").field.as_deref(),
        Some("failed_attempts")
    );
    let mut bad_holiday = app.rules().expect("rules");
    bad_holiday.failed_attempts = 5;
    bad_holiday.holidays.push(carnet_core::followup::Holiday {
        code: "店庆".into(),
        calendar: carnet_core::Calendar::Solar,
        month: 2,
        day: 31,
    });
    assert_eq!(
        app.set_rules(bad_holiday)
            .expect_err("no 31 February")
            .field
            .as_deref(),
        Some("holidays")
    );
    app.restore_default_rules().expect("defaults");
    assert_eq!(app.rules().expect("rules"), Rules::default());
}

/// The page cache while everyone's prompts are recomputed, at each bound: never below the
/// usual 64 MiB; half a plain book up to 256; a whole encrypted book up to 512.
#[test]
fn the_cache_a_recompute_takes_grows_with_the_book_to_its_bounds() {
    for (book_mib, encrypted, want) in [
        (0, false, 64),
        (128, false, 64),
        (130, false, 65),
        (512, false, 256),
        (545, false, 256),
        (i64::MAX, false, 256),
        (0, true, 64),
        (64, true, 64),
        (65, true, 65),
        (512, true, 512),
        (514, true, 512),
        (i64::MAX, true, 512),
    ] {
        assert_eq!(
            whole_book_cache_mib_for(book_mib, encrypted),
            want,
            "{book_mib} MiB, encrypted: {encrypted}"
        );
    }
}

/// A recompute of everyone puts the page cache back as it was, whether it ends well or not.
#[test]
fn a_recompute_of_everyone_puts_the_cache_back() {
    let app = app();
    // As many as make a change of the rules read the whole book with a bigger cache.
    app.fill_demo(10_000, 7, false).expect("demo");
    // The cache's size as it is (what setting another answers), left as it was.
    let cache = |store: &carnet_store::Store| {
        let size = store.set_cache_mib(1).expect("set");
        store.put_cache_back(size).expect("back");
        size
    };
    // A cache other than the one a recompute takes (a small book's: the usual 64 MiB).
    let _usual = app.store().set_cache_mib(8).expect("8 MiB");
    let before = cache(&app.store());
    let usual = app
        .store()
        .with_cache(64, |store| Ok::<_, carnet_store::StoreError>(cache(store)))
        .expect("64 MiB");
    assert_ne!(before, usual);
    app.recompute_prompts().expect("recompute");
    assert_eq!(cache(&app.store()), before);
    let mut rules = app.rules().expect("rules");
    rules.levels[0].interval_days = rules.levels[0].interval_days.map(|d| d + 1);
    app.set_rules(rules)
        .expect("the rules changed: everyone recomputed");
    assert_eq!(cache(&app.store()), before);
}
