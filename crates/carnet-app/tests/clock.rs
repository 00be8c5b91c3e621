//! The app's clock is the one clock: every time the book records on the app's behalf
//! (created, updated, changed, handled, trashed, erased, imported …), the backups' names and
//! the day a backup counts for are the app's time, not the system's.

use std::path::Path;

use carnet_app::{App, ImportRequest, quick_input};
use carnet_core::{FamilyDraft, InteractionDraft, Level};
use chrono::{Local, NaiveDateTime, SecondsFormat, TimeZone, Utc};

/// 2 January 2030, 9 o'clock, the consultant's local time.
fn jan2() -> NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2030, 1, 2)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("valid")
}

/// That moment as the book stores a moment (RFC 3339, UTC, milliseconds).
fn moment() -> chrono::DateTime<Utc> {
    Local
        .from_local_datetime(&jan2())
        .earliest()
        .expect("9 o'clock exists")
        .with_timezone(&Utc)
}

fn moment_text() -> String {
    moment().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Every value of `column` in `table`, read from the book's file.
fn stamps(book: &Path, table: &str, column: &str) -> Vec<Option<String>> {
    let held = carnet_store::HeldBook::open(book, None).expect("the book opens");
    let mut stmt = held
        .conn()
        .prepare(&format!("SELECT {column} FROM {table}"))
        .expect("prepare");
    stmt.query_map([], |r| r.get::<_, Option<String>>(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

/// Asserts that `table.column` holds at least one value and every value is `want`.
fn all_at(book: &Path, table: &str, column: &str, want: &str) {
    let found = stamps(book, table, column);
    assert!(!found.is_empty(), "{table}.{column}: no rows");
    for value in found {
        assert_eq!(value.as_deref(), Some(want), "{table}.{column}");
    }
}

#[test]
fn every_stamp_the_book_records_is_the_apps_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("carnet.db");
    let app = App::open(&book).expect("open").with_clock(jan2);
    let at = moment_text();
    let local = jan2().format("%Y-%m-%d %H:%M:%S").to_string();

    // Added, then edited (a key fact changes), a call logged, a family member added, the
    // level changed, a prompt snoozed, a setting saved.
    let c = app
        .add_customer(quick_input("张三", Some("13812345678")))
        .expect("add");
    assert_eq!(c.created_at, at, "as the app shows it");
    let edited = app
        .edit_customer(&c.id, &[("budget".into(), "15万".into())], false)
        .expect("edit");
    assert_eq!(edited.updated_at, at);
    app.log_interaction(
        &c.id,
        InteractionDraft {
            kind: "call".into(),
            outcome: "reached".into(),
            ..InteractionDraft::default()
        },
    )
    .expect("log");
    app.add_family_member(
        &c.id,
        FamilyDraft {
            name: "李梅".into(),
            relation: "妻子".into(),
            birthday: "1990-03-08".into(),
            ..FamilyDraft::default()
        },
    )
    .expect("family");
    app.set_level(&c.id, Level::H, carnet_app::LevelInput::default())
        .expect("level");
    let agenda = app.agenda(None, 400).expect("agenda");
    let row = agenda
        .rows
        .iter()
        .find(|r| r.customer_id == c.id)
        .expect("the customer is on the agenda");
    app.snooze_prompt(&c.id, &row.prompts[0].key, 3)
        .expect("snooze");
    let rules = app.rules().expect("rules");
    app.set_rules(rules).expect("rules saved");
    // An import: its record, the customer it creates, the backup made before it.
    let file = dir.path().join("a.csv");
    std::fs::write(&file, "姓名,手机\n李四,13700000001\n").expect("write");
    let imported = app
        .import_file(
            &ImportRequest {
                path: file.display().to_string(),
                ..ImportRequest::default()
            },
            &mut |_| {},
        )
        .expect("import");
    assert_eq!(imported.created, 1);

    // Trashed: the trash time is the app's.
    app.trash_customer(&c.id).expect("trash");
    let trashed = format!("customers WHERE id = '{}'", c.id);
    all_at(&book, &trashed, "deleted_at", &at);
    let restored = app.restore_customer(&c.id).expect("restore");
    assert_eq!(restored.deleted_at, None);

    for (table, column) in [
        // Both customers: the one added and the one imported.
        ("customers", "created_at"),
        ("customers", "updated_at"),
        ("key_fact_changes", "changed_at"),
        ("interactions", "created_at"),
        ("family_members", "created_at"),
        ("family_members", "updated_at"),
        ("prompt_actions", "at"),
        // All but the recipes of the search index and of the standings, written as the book
        // opens (before the app has a clock to give).
        (
            "settings WHERE key NOT IN ('search_keys_version', 'standing_version')",
            "updated_at",
        ),
    ] {
        all_at(&book, table, column, &at);
    }
    // Times of the consultant's day are the app's local time.
    all_at(&book, "imports", "at", &local);
    all_at(&book, "interactions", "at", &local);
    all_at(&book, "level_changes", "changed_at", &local);

    // Backups are named by the app's time, and the day's one counts as made.
    let backups = app.backups().expect("backups");
    assert_eq!(backups.len(), 1, "{backups:?}");
    let made = backups[0].path.clone();
    let stamp = moment()
        .format("carnet-%Y%m%d-%H%M%S%.3f-before-import.db")
        .to_string();
    assert!(made.ends_with(&stamp), "{made} is named {stamp}");
    assert_eq!(
        app.daily_backup().expect("backup"),
        None,
        "made today already"
    );

    // Erased for good: the time it is remembered at is the app's.
    app.trash_customer(&c.id).expect("trash again");
    let result = app.empty_trash(&mut |_| {}).expect("emptied");
    assert_eq!(result.backups, 1, "the backup was rewritten");
    all_at(&book, "erased_customers", "erased_at", &at);
    let backup = Path::new(&made);
    all_at(backup, "erased_customers", "erased_at", &at);
}
