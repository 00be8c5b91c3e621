use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::customers::quick_input;

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

/// Each row as "name: kind due" for every prompt.
fn shown(agenda: &Agenda) -> Vec<String> {
    agenda
        .rows
        .iter()
        .map(|r| {
            let prompts: Vec<String> = r
                .prompts
                .iter()
                .map(|p| format!("{} {}", p.kind.code(), p.due))
                .collect();
            format!("{}: {}", r.name, prompts.join(", "))
        })
        .collect()
}

#[test]
fn a_logged_call_moves_the_next_contact_and_today_orders_by_urgency() {
    let app = app();
    let hot = add(&app, "张三", "H");
    let warm = add(&app, "李四", "B");
    app.log_interaction(&hot, call("reached", "2026-11-20 15:00", ""))
        .expect("log");
    app.log_interaction(&warm, call("reached", "2026-11-24 09:00", ""))
        .expect("log");
    let week = app.agenda(None, 7).expect("agenda");
    assert_eq!(
        shown(&week),
        ["张三: cadence 2026-11-22", "李四: cadence 2026-12-01"],
        "overdue first"
    );
    let today = app.agenda(None, 3).expect("agenda");
    assert_eq!(today.date, "2026-11-25");
    assert_eq!(
        shown(&today),
        ["张三: cadence 2026-11-22"],
        "B due 12-01 is beyond three days"
    );
    assert_eq!(today.rows[0].when, When::Overdue);
    assert_eq!(today.due, 1);
    assert_eq!(
        today.rows[0].prompts[0]
            .params
            .get("days")
            .map(String::as_str),
        Some("5")
    );

    // One keystroke: reached. The call is logged and the next contact is in two days.
    let undo = app
        .complete_prompt(
            &hot,
            &today.rows[0].prompts[0].key,
            QuickOutcome::Reached,
            "",
        )
        .expect("done");
    assert!(undo.interaction_id.is_some());
    assert_eq!(
        shown(&app.agenda(None, 3).expect("agenda")),
        ["张三: cadence 2026-11-27"]
    );
    assert_eq!(app.get_customer(&hot).expect("get").interactions.len(), 2);

    // …and undone: the call is gone and the prompt is back.
    app.undo(undo).expect("undo");
    assert_eq!(
        shown(&app.agenda(None, 3).expect("agenda")),
        ["张三: cadence 2026-11-22"]
    );
    assert_eq!(app.get_customer(&hot).expect("get").interactions.len(), 1);
}

#[test]
fn next_steps_reschedules_snoozes_and_dismissals() {
    let app = app();
    let id = add(&app, "张三", "A");
    app.log_interaction(
        &id,
        InteractionDraft {
            promise: "发报价".into(),
            ..call("reached", "", "2026-11-26 15:00")
        },
    )
    .expect("log");
    let agenda = app.agenda(None, 3).expect("agenda");
    assert_eq!(shown(&agenda), ["张三: next_step 2026-11-26"]);
    let p = &agenda.rows[0].prompts[0];
    assert_eq!(
        (
            p.time.as_deref(),
            p.params.get("promise").map(String::as_str)
        ),
        (Some("15:00"), Some("发报价"))
    );
    let brief = app.brief(&id).expect("brief");
    assert_eq!(brief.last_promise.as_deref(), Some("发报价"));
    assert_eq!(
        brief.talking_points.first(),
        Some(&TalkingPoint::KeepPromise)
    );

    app.complete_prompt(&id, &p.key, QuickOutcome::Reschedule, "2026-11-28")
        .expect("reschedule");
    assert_eq!(
        shown(&app.agenda(None, 7).expect("agenda")),
        ["张三: next_step 2026-11-28"]
    );
    let err = app
        .complete_prompt(&id, &p.key, QuickOutcome::Reschedule, "2026-11-20")
        .expect_err("past");
    assert_eq!(err.field.as_deref(), Some("date"));
    assert_eq!(
        app.dismiss_prompt(&id, &p.key, " ")
            .expect_err("reason")
            .field
            .as_deref(),
        Some("dismiss_reason")
    );
    app.dismiss_prompt(&id, &p.key, "客户已到店")
        .expect("dismiss");
    assert!(
        shown(&app.agenda(None, 3).expect("agenda")).is_empty(),
        "the cadence is not due within 3 days"
    );
}

#[test]
fn orders_deliveries_levels_and_complaints() {
    let app = app();
    let id = add(&app, "张三", "H");
    let err = app.record_order(
        &id,
        OrderInput {
            model: "汉".into(),
            price: "很贵".into(),
            ..OrderInput::default()
        },
    );
    assert_eq!(err.expect_err("price").field.as_deref(), Some("price"));
    app.record_order(
        &id,
        OrderInput {
            model: "汉".into(),
            price: "15.8万".into(),
            at: "2026-11-01".into(),
            ..OrderInput::default()
        },
    )
    .expect("order");
    let c = app.get_customer(&id).expect("get");
    assert_eq!(c.profile.level, Level::O);
    assert_eq!(c.interactions[0].price, Some(158_000));
    app.record_delivery(
        &id,
        DeliveryInput {
            at: "2026-11-22 10:00".into(),
            vin: "LGXC16DF5N0123456".into(),
            plate: "粤b 12345".into(),
        },
    )
    .expect("deliver");
    let c = app.get_customer(&id).expect("get");
    assert_eq!(c.profile.level, Level::D);
    assert_eq!(c.interactions[0].plate.as_deref(), Some("粤B12345"));
    assert_eq!(
        c.level_changes.len(),
        3,
        "N→H by edit, H→O by the order, O→D by the delivery"
    );
    assert_eq!(
        shown(&app.agenda(None, 3).expect("agenda")),
        ["张三: after_sale 2026-11-23, after_sale 2026-11-25"]
    );
    assert_eq!(
        app.record_delivery(
            &id,
            DeliveryInput {
                vin: "123".into(),
                ..DeliveryInput::default()
            }
        )
        .expect_err("vin")
        .field
        .as_deref(),
        Some("vin")
    );

    let complaint = app
        .log_interaction(
            &id,
            InteractionDraft {
                kind: "complaint".into(),
                notes: "交车时漆面有划痕".into(),
                ..InteractionDraft::default()
            },
        )
        .expect("complaint");
    assert!(shown(&app.agenda(None, 3).expect("agenda"))[0].contains("complaint 2026-11-26"));
    app.resolve_complaint(&complaint.id, "已补漆")
        .expect("resolve");
    assert!(
        shown(&app.agenda(None, 3).expect("agenda"))[0].contains("satisfaction_check 2026-11-28")
    );

    let lost = add(&app, "李四", "C");
    assert_eq!(
        app.set_level(&lost, Level::F, "", "")
            .expect_err("reason")
            .field
            .as_deref(),
        Some("level_reason")
    );
    app.set_level(&lost, Level::F, "买了别家", "")
        .expect("lost");
    let c = app.get_customer(&lost).expect("get");
    assert_eq!(
        c.level_changes[0].revisit.as_deref(),
        Some("2027-02-23"),
        "90 days on"
    );
    assert_eq!(
        app.log_interaction(
            &id,
            InteractionDraft {
                kind: "order".into(),
                ..InteractionDraft::default()
            }
        )
        .expect_err("orders have their own form")
        .field
        .as_deref(),
        Some("kind")
    );
}

fn nov26() -> NaiveDateTime {
    at(11, 26, 9)
}
fn nov27() -> NaiveDateTime {
    at(11, 27, 9)
}
fn dec2() -> NaiveDateTime {
    at(12, 2, 9)
}

#[test]
fn no_prompt_is_lost_or_doubled_when_days_are_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("carnet.db");
    {
        let app = App::open(&path).expect("open").with_clock(nov25);
        app.fill_demo(300, 5, 3_000).expect("demo");
        let list = app
            .search_customers("", crate::ListOrder::Newest, 0, 300)
            .expect("list");
        for (n, c) in list.customers.iter().enumerate().take(120) {
            let outcome = if n % 3 == 0 { "not_reached" } else { "reached" };
            let next = if n % 4 == 0 { "2026-11-30" } else { "" };
            app.log_interaction(&c.id, call(outcome, "2026-11-24 10:00", next))
                .expect("log");
        }
        app.agenda(None, 7).expect("agenda");
    }
    // A copy of the book as it was closed on 25 November, before any later day saw it.
    let copy = dir.path().join("copy.db");
    std::fs::copy(&path, &copy).expect("copy");
    assert!(
        !dir.path().join("carnet.db-wal").exists(),
        "the book was closed whole"
    );
    // Opened every day…
    let daily = |clock: fn() -> NaiveDateTime| {
        App::open(&path)
            .expect("open")
            .with_clock(clock)
            .agenda(None, 7)
            .expect("agenda")
    };
    daily(nov26);
    daily(nov27);
    let every_day = daily(dec2);
    // …or closed for a week: the same Today.
    let after_a_week = App::open(&copy)
        .expect("open")
        .with_clock(dec2)
        .agenda(None, 7)
        .expect("agenda");
    assert_eq!(every_day, after_a_week);
    assert!(
        every_day.rows.len() > 50,
        "a demo book has plenty to do: {}",
        every_day.rows.len()
    );
    for row in &every_day.rows {
        let mut keys: Vec<&str> = row.prompts.iter().map(|p| p.key.as_str()).collect();
        let all = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), all, "no prompt twice for {}", row.name);
    }
    // Computed from scratch on that day, the same again.
    let fresh = App::open(&path).expect("open").with_clock(dec2);
    fresh.restore_default_rules().expect("recompute");
    assert_eq!(fresh.agenda(None, 7).expect("agenda"), every_day);
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

fn nov25_0800() -> NaiveDateTime {
    at(11, 25, 8)
}
fn nov25_1450() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(14, 50, 0))
        .expect("valid")
}

/// A notifier that records what it would have shown, as the desktop's does with real ones.
fn deliver(app: &App, shown: &mut Vec<String>) {
    let notices = app.pending_notices().expect("pending");
    let keys: Vec<String> = notices.iter().map(|n| n.key.clone()).collect();
    for n in notices {
        shown.push(match (n.due_count, n.prompt) {
            (Some(count), _) => format!("summary {count}"),
            (_, Some(p)) => format!(
                "{} {} {}",
                n.name.unwrap_or_default(),
                p.kind.code(),
                p.time.unwrap_or_default()
            ),
            _ => "?".into(),
        });
    }
    app.mark_notified(&keys).expect("mark");
}

#[test]
fn notifications_a_summary_when_the_day_starts_and_timed_prompts_once_each() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("carnet.db");
    {
        let app = App::open(&path).expect("open").with_clock(nov25_0800);
        let id = add(&app, "张三", "H");
        app.log_interaction(&id, call("reached", "2026-11-22 10:00", ""))
            .expect("log");
        let other = add(&app, "李四", "A");
        app.log_interaction(
            &other,
            call("reached", "2026-11-24 10:00", "2026-11-25 15:00"),
        )
        .expect("log");
    }
    let mut shown = Vec::new();
    // 08:00: the day has not started yet; nothing.
    deliver(
        &App::open(&path).expect("open").with_clock(nov25_0800),
        &mut shown,
    );
    assert!(shown.is_empty(), "{shown:?}");
    // 10:00: the summary, once, however often Carnet looks.
    let ten = App::open(&path).expect("open").with_clock(nov25);
    deliver(&ten, &mut shown);
    deliver(&ten, &mut shown);
    assert_eq!(shown, ["summary 2"]);
    // 14:50: the 15:00 next step, ten minutes ahead; once, even after a restart.
    deliver(
        &App::open(&path).expect("open").with_clock(nov25_1450),
        &mut shown,
    );
    deliver(
        &App::open(&path).expect("open").with_clock(nov25_1450),
        &mut shown,
    );
    assert_eq!(shown, ["summary 2", "李四 next_step 15:00"]);
}
