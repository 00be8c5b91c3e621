//! The desktop's start and the recompute in steps: Today first, the rest after; steps that
//! add up to the one-shot recompute; a recompute cut short that the next start finishes.

use std::path::{Path, PathBuf};

use carnet_core::followup::Rules;
use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::followup::RULES_SETTING;

fn nov25() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("valid")
}

/// Forty days on: birthdays, holidays, after-sale steps and cadences have moved.
fn jan04() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2027, 1, 4)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("valid")
}

/// A demo book at `dir/name/carnet.db`, its prompts looked at on Nov 25.
fn demo_book(dir: &Path) -> PathBuf {
    let path = dir.join("a").join("carnet.db");
    let app = App::open(&path).expect("open").with_clock(nov25);
    app.fill_demo(300, 7, true).expect("demo");
    app.agenda(None, 0).expect("the day's first look");
    path
}

/// The same book in another folder (same ids): a copy the other way is tried on.
fn copy_of(path: &Path, dir: &Path, name: &str) -> PathBuf {
    let dest = dir.join(name).join("carnet.db");
    let app = App::open(path).expect("open");
    app.store().backup_to(&dest).expect("copy");
    dest
}

/// Every row of the tables the prompts' refresh writes, as text, sorted.
fn prompt_tables(path: &Path) -> Vec<String> {
    carnet_store::prompt_state(path).expect("read")
}

/// Rules that change most customers' prompts.
fn new_rules() -> Rules {
    let mut rules = Rules::default();
    rules.lead_days += 5;
    for level in &mut rules.levels {
        level.interval_days = level.interval_days.map(|d| d + 2);
    }
    rules
}

/// The rules saved and everyone recomputed in one unit of work, as before steps.
fn one_shot(path: &Path, rules: &Rules) {
    let app = App::open(path).expect("open").with_clock(nov25);
    let text = serde_json::to_string(rules).expect("json");
    let today = app.now().date();
    app.store()
        .write(|w| {
            w.set_setting(RULES_SETTING, &text)?;
            w.refresh_all_prompts(rules, today)?;
            w.set_setting(PROMPTS_DAY_SETTING, &today.to_string())
        })
        .expect("one shot");
}

#[test]
fn a_recompute_in_steps_writes_what_the_one_shot_recompute_writes() {
    let dir = tempfile::tempdir().expect("dir");
    let book = demo_book(dir.path());
    let whole = copy_of(&book, dir.path(), "whole");
    one_shot(&whole, &new_rules());

    let app = App::open(&book).expect("open").with_clock(nov25);
    let before = prompt_tables(&book);
    app.save_rules(new_rules()).expect("saved");
    let mut seen = Vec::new();
    let count = app
        .refresh_stale_prompts(7, &mut |p| seen.push((p.done, p.total)))
        .expect("steps");
    assert_eq!(count, 300, "everyone");
    assert_eq!(seen.first(), Some(&(0, 300)));
    assert_eq!(seen.last(), Some(&(300, 300)));
    assert_eq!(seen.len(), 1 + 300_usize.div_ceil(7), "one report a step");
    let stepped = prompt_tables(&book);
    assert_ne!(stepped, before, "the new rules changed the prompts");
    assert_eq!(stepped, prompt_tables(&whole));
}

#[test]
fn a_recompute_cut_short_leaves_a_consistent_book_that_the_next_start_finishes() {
    let dir = tempfile::tempdir().expect("dir");
    let book = demo_book(dir.path());
    let whole = copy_of(&book, dir.path(), "whole");
    one_shot(&whole, &new_rules());
    {
        // The rules saved, two steps of 50 done, then the process dies.
        let app = App::open(&book).expect("open").with_clock(nov25);
        app.save_rules(new_rules()).expect("saved");
        let today = app.now().date();
        let stale = app.store().stale_prompt_ids(today).expect("stale");
        assert_eq!(stale.len(), 300);
        for chunk in stale.chunks(50).take(2) {
            app.store()
                .write(|w| w.refresh_prompts_of(chunk, &new_rules(), today))
                .expect("a step");
        }
        // Everyone has the prompts of one rule set or the other, and the rest are marked.
        assert_eq!(
            app.store().stale_prompt_ids(today).expect("stale").len(),
            200
        );
        assert!(
            app.agenda(None, 0).is_ok(),
            "Today reads the book meanwhile"
        );
        assert_eq!(app.rules().expect("rules"), new_rules());
    }
    let app = App::open_deferred(&book).expect("reopen").with_clock(nov25);
    let done = app.catch_up(&mut |_| {}).expect("caught up");
    assert_eq!(done.customers, 200, "only those left");
    drop(app);
    assert_eq!(prompt_tables(&book), prompt_tables(&whole));
}

/// Today's rows and the week after, as the follow-up tests show them.
fn today_rows(app: &App) -> Vec<String> {
    crate::followup::tests::shown(&app.agenda(None, 7).expect("agenda"))
}

#[test]
fn todays_first_read_does_not_wait_for_the_check_the_backup_or_the_rollover() {
    let dir = tempfile::tempdir().expect("dir");
    let book = demo_book(dir.path());
    let inline = copy_of(&book, dir.path(), "inline");
    // As Carnet did before: Today's read rolled the day over itself.
    let expected = today_rows(&App::open(&inline).expect("open").with_clock(jan04));

    let app = App::open_deferred(&book).expect("open").with_clock(jan04);
    let stale_before = app
        .store()
        .stale_prompt_ids(jan04().date())
        .expect("stale")
        .len();
    assert!(stale_before > 0, "the day has work to do");
    let first = today_rows(&app);
    assert!(!first.is_empty(), "Today shows the prompts as they are");
    assert_eq!(
        app.store()
            .stale_prompt_ids(jan04().date())
            .expect("stale")
            .len(),
        stale_before,
        "nothing recomputed before Today"
    );
    assert!(app.backups().expect("backups").is_empty(), "no backup yet");
    assert!(app.unchecked.load(Ordering::SeqCst), "not checked yet");

    let mut steps = Vec::new();
    let result = app
        .catch_up(&mut |p| {
            if steps.last() != Some(&p.step) {
                steps.push(p.step);
            }
        })
        .expect("caught up");
    assert_eq!(
        steps,
        [
            CatchUpStep::Check,
            CatchUpStep::Backup,
            CatchUpStep::Prompts
        ]
    );
    assert!(result.backup.is_some(), "the day's backup");
    assert_eq!(result.customers, crate::saturating_u32(stale_before));
    assert_eq!(today_rows(&app), expected, "as the inline rollover had it");
    assert_ne!(first, expected, "the rollover changed Today");

    // A second catch-up (after a change of the rules, say) neither checks nor backs up again.
    let mut again = Vec::new();
    let second = app.catch_up(&mut |p| again.push(p.step)).expect("again");
    assert_eq!(second.backup, None);
    assert_eq!(second.customers, 0);
    assert!(!again.contains(&CatchUpStep::Check));
}

#[test]
fn a_damaged_book_opens_for_today_and_its_check_after_refuses_it() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("b").join("carnet.db");
    {
        let app = App::open(&path).expect("open");
        app.fill_demo(300, 3, true).expect("demo");
        app.daily_backup().expect("backup").expect("made");
    }
    // Scribble over the last pages of the file, past the header and the schema.
    let mut bytes = std::fs::read(&path).expect("read");
    let len = bytes.len();
    for b in &mut bytes[len * 3 / 4..] {
        *b = 0x5A;
    }
    std::fs::write(&path, &bytes).expect("write");
    let err = match App::open_deferred(&path) {
        Ok(app) => {
            let err = app.catch_up(&mut |_| {}).expect_err("the check finds it");
            // Nor is a damaged book converted to a passphrase, nor its backups.
            let refused = app
                .change_passphrase(None, Some("春眠不觉晓处处闻啼鸟"))
                .expect_err("damaged");
            assert_eq!(refused.code(), crate::ErrorCode::DamagedBook);
            assert_eq!(
                crate::book_file_kind(&path).expect("kind"),
                crate::FileKind::Plain
            );
            // Nor is a copy of it made as if it were whole.
            let usb = dir.path().join("usb.db");
            let copied = app.backup_to(&usb).err().map(|e| e.code());
            assert_eq!(copied, Some(crate::ErrorCode::DamagedBook));
            err
        }
        Err(err) => err,
    };
    assert_eq!(err.code(), crate::ErrorCode::DamagedBook, "{err:?}");
    let damaged = crate::damaged_book(&path, &err).expect("the damaged-book offer");
    assert!(damaged.backup.is_some(), "a good backup offered");
}

#[test]
fn todays_plan_made_before_the_days_prompts_is_made_again_once_they_are() {
    let dir = tempfile::tempdir().expect("dir");
    // A demo book no one has looked at yet (as `carnet demo` leaves it), opened by the
    // desktop: Today's first plan is made before the day's prompts are worked out.
    let path = dir.path().join("a").join("carnet.db");
    App::open(&path)
        .expect("open")
        .with_clock(nov25)
        .fill_demo(300, 7, true)
        .expect("demo");
    let fresh = copy_of(&path, dir.path(), "b");
    let app = App::open_deferred(&path).expect("open").with_clock(nov25);
    let first = app.today_plan().expect("the first screen's plan");
    app.catch_up(&mut |_| {}).expect("the rest of the start");
    let after = app
        .today_plan()
        .expect("the plan once the day's prompts are there");
    // The same as a start that worked the prompts out first.
    let other = App::open(&fresh).expect("open").with_clock(nov25);
    other.catch_up(&mut |_| {}).expect("prompts first");
    let expected = other.today_plan().expect("plan");
    let names = |p: &crate::TodayPlan| -> Vec<String> {
        p.rows
            .iter()
            .map(|r| {
                r.customer
                    .as_ref()
                    .map_or_else(|| "group".to_owned(), |c| c.name.clone())
            })
            .collect()
    };
    assert!(!expected.rows.is_empty());
    assert_eq!(
        names(&after),
        names(&expected),
        "first: {:?}",
        names(&first)
    );
    assert_eq!((after.total, after.due), (expected.total, expected.due));
}
