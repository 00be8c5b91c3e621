use super::*;

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
        today.rows[0].prompts[0].params,
        PromptParamsDto::Cadence {
            level: Level::H,
            last: Some("2026-11-20".into()),
            days: Some(5),
        }
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
        (p.time.as_deref(), &p.params),
        (
            Some("15:00"),
            &PromptParamsDto::NextStep {
                promise: "发报价".into(),
                set_on: "2026-11-25".into(),
                appointment: None,
            }
        )
    );
    let brief = app.brief(&id, Some(&p.key)).expect("brief");
    assert_eq!(brief.last_promise.as_deref(), Some("发报价"));
    assert_eq!(
        brief.talking_points.first(),
        Some(&TalkingPoint::KeepPromise {
            promise: "发报价".into()
        })
    );
    assert_eq!(
        brief.prompt.as_ref().map(|q| q.key.as_str()),
        Some(p.key.as_str())
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
        app.fill_demo(300, 5, true).expect("demo");
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
fn an_appointment_not_kept_becomes_a_no_show_until_a_contact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("carnet.db");
    let id = {
        let app = App::open(&path).expect("open").with_clock(nov25);
        let id = add(&app, "张三", "A");
        let logged = app
            .log_interaction(
                &id,
                InteractionDraft {
                    appointment: "试驾".into(),
                    ..call("reached", "", "2026-11-27 14:00")
                },
            )
            .expect("log");
        assert_eq!(
            logged.appointment,
            Some(carnet_core::AppointmentKind::TestDrive)
        );
        let p = &app.agenda(None, 3).expect("agenda").rows[0].prompts[0];
        assert_eq!(
            p.params,
            PromptParamsDto::NextStep {
                promise: String::new(),
                set_on: "2026-11-25".into(),
                appointment: Some(carnet_core::AppointmentKind::TestDrive),
            }
        );
        id
    };
    fn nov29() -> NaiveDateTime {
        at(11, 29, 10)
    }
    let app = App::open(&path).expect("open").with_clock(nov29);
    let agenda = app.agenda(None, 3).expect("agenda");
    assert_eq!(shown(&agenda), ["张三: no_show 2026-11-28"]);
    let p = &agenda.rows[0].prompts[0];
    assert_eq!(p.priority, 1);
    assert_eq!(
        p.params,
        PromptParamsDto::NoShow {
            on: "2026-11-27".into(),
            time: Some("14:00".into()),
            appointment: carnet_core::AppointmentKind::TestDrive,
        }
    );
    assert!(p.key.starts_with("no_show:"), "{}", p.key);
    app.log_interaction(&id, call("reached", "", ""))
        .expect("called");
    assert!(
        shown(&app.agenda(None, 3).expect("agenda"))
            .iter()
            .all(|row| !row.contains("no_show")),
        "a contact since ends it"
    );
}
