//! A scenario book built day by day with the app's own use cases, whose reports are checked
//! against figures counted by hand.

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::customers::quick_input;
use crate::{DeliveryInput, OrderInput, QuickOutcome};
use carnet_core::InteractionDraft;
use carnet_core::differentiate::compliance::Tally;
use carnet_core::followup::plan::Why;

fn at(m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, m, d)
        .and_then(|day| day.and_hms_opt(10, 0, 0))
        .expect("valid")
}
fn oct10() -> NaiveDateTime {
    at(10, 10)
}
fn nov2() -> NaiveDateTime {
    at(11, 2)
}
fn nov5() -> NaiveDateTime {
    at(11, 5)
}
fn nov6() -> NaiveDateTime {
    at(11, 6)
}
fn nov8() -> NaiveDateTime {
    at(11, 8)
}
fn dec1() -> NaiveDateTime {
    at(12, 1)
}

fn log(app: &App, id: &str, kind: &str, when: &str, outcome: &str, next: &str) {
    app.log_interaction(
        id,
        InteractionDraft {
            kind: kind.into(),
            at: when.into(),
            outcome: outcome.into(),
            next: next.into(),
            ..InteractionDraft::default()
        },
    )
    .expect("logged");
}

fn add(app: &App, name: &str, sets: &[(&str, &str)]) -> String {
    let id = app.add_customer(quick_input(name, None)).expect("add").id;
    let sets: Vec<(String, String)> = sets
        .iter()
        .map(|(f, v)| ((*f).to_owned(), (*v).to_owned()))
        .collect();
    app.edit_customer(&id, &sets, false).expect("edit");
    id
}

struct Book {
    app: App,
    a: String,
    b: String,
    c: String,
    d: String,
    e: String,
    f: String,
}

/// October: 陈静 comes, orders (18万) and takes delivery. November: 张伟 (walk-in, profiled)
/// visits, test-drives, gets a quote, orders (25万) and takes delivery; 李娜 (online,
/// profiled) visits and test-drives; 王芳 (online, phone only) is invited for the 6th and
/// comes; 赵磊 (referred by 张伟, name only) is called and orders (10万) on the 20th; 周六
/// (phone) is lost to a competitor. Next steps: 李娜's due 4 Nov, answered by the visit of
/// the 5th (late); 王芳's due the 6th, answered that day by her visit (on time); 赵磊's due
/// the 7th, ticked done on the 8th with no contact (not made, his later order
/// notwithstanding).
fn scenario() -> Book {
    let mut app = App::open_in_memory().expect("app").with_clock(oct10);
    let e = add(&app, "陈静", &[("phones", "13900000005"), ("level", "H")]);
    app = app.with_clock(nov2);
    // An order recorded later, back-dated into October: the clock only forbids the future.
    app.record_order(
        &e,
        OrderInput {
            model: "唐".into(),
            price: "18万".into(),
            at: "2026-10-15 11:00".into(),
            expected_delivery: String::new(),
        },
    )
    .expect("order in October");
    app.record_delivery(
        &e,
        DeliveryInput {
            at: "2026-10-25 15:00".into(),
            ..DeliveryInput::default()
        },
    )
    .expect("delivered");
    let profiled = |phone: &'static str, budget: &'static str, source: &'static str| {
        vec![
            ("phones", phone),
            ("models", "汉"),
            ("budget", budget),
            ("timeframe", "2026-12"),
            ("source", source),
        ]
    };
    let a = add(&app, "张伟", &profiled("13900000001", "20万", "walk_in"));
    let b = add(&app, "李娜", &profiled("13900000002", "20-25万", "online"));
    let c = add(
        &app,
        "王芳",
        &[("phones", "13900000003"), ("source", "online")],
    );
    let d = add(
        &app,
        "赵磊",
        &[("source", "referral"), ("referred_by", a.as_str())],
    );
    let f = add(
        &app,
        "周六",
        &[("phones", "13900000006"), ("source", "phone")],
    );
    log(
        &app,
        &b,
        "call",
        "2026-11-02 10:00",
        "reached",
        "2026-11-04",
    );
    // 王芳 is invited to come on the 6th, and comes: an appointment kept.
    app.log_interaction(
        &c,
        InteractionDraft {
            kind: "call".into(),
            at: "2026-11-02 10:00".into(),
            outcome: "reached".into(),
            next: "2026-11-06".into(),
            appointment: "visit".into(),
            ..InteractionDraft::default()
        },
    )
    .expect("appointment");
    log(
        &app,
        &d,
        "call",
        "2026-11-02 10:00",
        "reached",
        "2026-11-07",
    );

    app = app.with_clock(nov5);
    app.agenda(None, 0).expect("the day rolls over");
    log(&app, &a, "visit", "2026-11-03 10:00", "", "");
    log(&app, &a, "test_drive", "2026-11-03 11:00", "", "");
    log(&app, &a, "quote", "2026-11-04 10:00", "", "");
    log(&app, &b, "visit", "2026-11-05 09:00", "", "");
    log(&app, &b, "test_drive", "2026-11-05 09:30", "", "");

    app = app.with_clock(nov6);
    app.agenda(None, 0).expect("the day rolls over");
    log(&app, &c, "visit", "2026-11-06 09:00", "", "");
    let key = |app: &App, id: &str| {
        app.agenda(None, 0)
            .expect("agenda")
            .rows
            .into_iter()
            .find(|r| r.customer_id == id)
            .and_then(|r| {
                r.prompts
                    .into_iter()
                    .find(|p| p.kind == PromptKind::NextStep)
            })
            .map(|p| p.key)
    };
    // 王芳's visit of the 6th answered her next step already: nothing left to tick.
    assert_eq!(key(&app, &c), None);

    app = app.with_clock(nov8);
    let d_key = key(&app, &d).expect("赵磊's next step is on the agenda");
    app.complete_prompt(&d, &d_key, QuickOutcome::Done, "")
        .expect("ticked");
    app.record_order(
        &a,
        OrderInput {
            model: "汉".into(),
            price: "25万".into(),
            at: "2026-11-08 10:00".into(),
            expected_delivery: String::new(),
        },
    )
    .expect("order");

    app.set_level(
        &f,
        Level::F,
        crate::LevelInput {
            reason: "他说星越L更便宜".into(),
            revisit: String::new(),
            lost_reason: "competitor".into(),
            competitor: "吉利 星越L".into(),
        },
    )
    .expect("lost");

    app = app.with_clock(dec1);
    // 赵磊 (referred by 张伟) orders after his ticked prompt was closed: it stays not made.
    app.record_order(
        &d,
        OrderInput {
            model: "汉".into(),
            price: "10万".into(),
            at: "2026-11-20 11:00".into(),
            expected_delivery: String::new(),
        },
    )
    .expect("order");
    app.record_delivery(
        &a,
        DeliveryInput {
            at: "2026-11-20 10:00".into(),
            ..DeliveryInput::default()
        },
    )
    .expect("delivery");
    Book {
        app,
        a,
        b,
        c,
        d,
        e,
        f,
    }
}

fn counts(report: &Report) -> Vec<(Step, u64, u64)> {
    let Report::Funnel { steps, .. } = report else {
        panic!("a funnel: {report:?}");
    };
    steps
        .iter()
        .map(|s| (s.step, s.count, s.previous))
        .collect()
}

#[test]
fn the_funnel_counted_by_hand() {
    let book = scenario();
    let funnel = book
        .app
        .report(ReportKind::Funnel, "2026-11-01", "2026-11-30")
        .expect("funnel");
    assert_eq!(
        counts(&funnel),
        vec![
            (Step::Leads, 5, 1),
            (Step::Profiled, 2, 0),
            (Step::Appointed, 1, 0),
            (Step::Kept, 1, 0),
            (Step::Shown, 3, 0),
            (Step::TestDrive, 2, 0),
            (Step::Quote, 1, 0),
            (Step::Order, 2, 1),
            (Step::Delivery, 1, 1),
        ]
    );
    let Report::Funnel {
        rates,
        previous_period,
        time_to_order,
        steps,
        ..
    } = &funnel
    else {
        unreachable!()
    };
    assert_eq!(previous_period.from, "2026-10-01");
    assert_eq!(previous_period.to, "2026-10-31");
    let rate = |r: Rate| rates.iter().find(|x| x.rate == r).expect("rate").value;
    assert_eq!(rate(Rate::ProfileRate), Some(40.0));
    assert_eq!(rate(Rate::ShowRate), Some(100.0), "王芳 came as invited");
    assert_eq!(rate(Rate::TestDriveRate), Some(66.7));
    assert_eq!(rate(Rate::CloseRate), Some(66.7));
    // 张伟: added the 2nd, ordered the 8th; 赵磊: added the 2nd, ordered the 20th.
    let days: Vec<(u64, u32)> = time_to_order
        .iter()
        .map(|t| (t.orders, t.median_days))
        .collect();
    assert_eq!(
        days.iter().map(|d| d.0).sum::<u64>(),
        2,
        "{time_to_order:?}"
    );
    assert!(
        days.iter().all(|d| d.1 == 6 || d.1 == 18),
        "{time_to_order:?}"
    );
    // Both came in ungraded (N), whatever their level after the order.
    assert_eq!(
        time_to_order.iter().map(|t| t.level).collect::<Vec<_>>(),
        vec![Level::N],
        "{time_to_order:?}"
    );
    // A step's customers are what its filter lists.
    let order = steps.iter().find(|s| s.step == Step::Order).expect("order");
    let listed = book
        .app
        .search_customers(&order.filter, crate::ListOrder::Newest, 0, 50)
        .expect("drill down");
    let mut names: Vec<&str> = listed.customers.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, vec!["张伟", "赵磊"]);
    let shown = steps.iter().find(|s| s.step == Step::Shown).expect("shown");
    let listed = book
        .app
        .search_customers(&shown.filter, crate::ListOrder::Pinyin, 0, 50)
        .expect("drill down");
    assert_eq!(listed.matching, Some(3));
    // October's funnel is November's previous period.
    let october = book
        .app
        .report(ReportKind::Funnel, "2026-10-01", "2026-10-31")
        .expect("funnel");
    assert_eq!(counts(&october)[0], (Step::Leads, 1, 0));
    let _ = (&book.b, &book.c, &book.d, &book.e, &book.f);
}

#[test]
fn sources_and_models_counted_by_hand() {
    let book = scenario();
    let Report::Sources { rows, .. } = book
        .app
        .report(ReportKind::Sources, "2026-11-01", "2026-11-30")
        .expect("sources")
    else {
        panic!("sources")
    };
    let row = |code: &str| {
        rows.iter()
            .find(|r| r.source.map(|s| s.code()) == Some(code))
            .map(|r| (r.leads, r.shows, r.test_drives, r.orders, r.close_rate))
    };
    assert_eq!(row("walk_in"), Some((1, 1, 1, 1, Some(100.0))));
    assert_eq!(row("online"), Some((2, 2, 1, 0, Some(0.0))));
    assert_eq!(row("referral"), Some((1, 0, 0, 1, Some(100.0))));
    assert_eq!(row("phone"), Some((1, 0, 0, 0, Some(0.0))));
    let Report::Models { rows, .. } = book
        .app
        .report(ReportKind::Models, "2026-11-01", "2026-11-30")
        .expect("models")
    else {
        panic!("models")
    };
    let han = rows.iter().find(|r| r.model == "汉").expect("汉");
    assert_eq!((han.interested, han.orders), (2, 2));
    assert!(rows.iter().all(|r| r.model != "唐"), "唐 sold in October");
}

#[test]
fn compliance_counts_only_real_contacts() {
    let book = scenario();
    let Report::Compliance { by_kind, total, .. } = book
        .app
        .report(ReportKind::Compliance, "2026-11-01", "2026-11-30")
        .expect("compliance")
    else {
        panic!("compliance")
    };
    let next = by_kind
        .iter()
        .find(|r| r.key == PromptKind::NextStep)
        .expect("next steps");
    // 李娜 late (the 5th for the 4th), 王芳 on time, 赵磊 ticked without a contact: open.
    assert_eq!(
        next.tally,
        Tally {
            due: 3,
            on_time: 1,
            late: 1,
            open: 1,
            dismissed: 0
        }
    );
    assert_eq!(next.made_percent, Some(66.7));
    assert!(total.due >= 3);
}

#[test]
fn pareto_and_tiers_counted_by_hand() {
    let book = scenario();
    let Report::Pareto {
        current,
        previous,
        top,
        ..
    } = book
        .app
        .report(ReportKind::Pareto, "2026-11-01", "2026-11-30")
        .expect("pareto")
    else {
        panic!("pareto")
    };
    // 张伟 25万 and a tenth of 赵磊's 10万 (he referred him); 赵磊 10万.
    assert_eq!((current.customers, current.total), (2, 360_000));
    assert_eq!((current.top_count, current.top_value), (1, 260_000));
    assert_eq!(current.top_share, 72.2);
    assert_eq!((previous.customers, previous.total), (1, 180_000));
    assert_eq!(top.len(), 1);
    assert_eq!(top[0].id, book.a);
    let Report::Tiers { rows, .. } = book.app.report(ReportKind::Tiers, "", "").expect("tiers")
    else {
        panic!("tiers")
    };
    let tier = |t: Tier| {
        rows.iter()
            .find(|r| r.tier == t)
            .map(|r| (r.customers, r.value))
    };
    // 张伟 26万 with the referral share (medium), 陈静 18万 (medium), 赵磊 10万 (small); 李娜
    // is graded by her timeframe (a prospect), 王芳 is a suspect (N), 周六 lost (other).
    assert_eq!(tier(Tier::Medium), Some((2, 440_000)));
    assert_eq!(tier(Tier::Small), Some((1, 100_000)));
    assert_eq!(tier(Tier::Suspect), Some((1, 0)));
    assert_eq!(tier(Tier::Other), Some((1, 0)));
    assert_eq!(tier(Tier::Prospect).map(|t| t.0), Some(1));
    let v = book.app.customer_value(&book.a).expect("value");
    assert_eq!((v.tier, v.value, v.purchases), (Tier::Medium, 260_000, 1));
    assert_eq!(v.referred_bought, 100_000);
    // Thresholds edited: 张伟 is large now, with nothing recomputed.
    let mut rules = book.app.value_rules().expect("rules");
    rules.large_min = 200_000;
    rules.medium_min = 100_000;
    book.app.set_value_rules(rules).expect("saved");
    assert_eq!(
        book.app.customer_value(&book.a).expect("value").tier,
        Tier::Large
    );
    let listed = book
        .app
        .search_customers("tier:large", crate::ListOrder::Pinyin, 0, 10)
        .expect("tier filter");
    assert_eq!(listed.matching, Some(1));
}

#[test]
fn bad_periods_and_value_rules_are_refused_naming_the_field() {
    let app = App::open_in_memory().expect("app").with_clock(nov2);
    let field = |r: Result<Report, AppError>| r.expect_err("refused").field;
    assert_eq!(
        field(app.report(ReportKind::Funnel, "2026-11-30", "2026-11-01")),
        Some("to".into())
    );
    assert_eq!(
        app.report(ReportKind::Funnel, "2026-11-30", "2026-11-01")
            .expect_err("backwards")
            .code(),
        crate::ErrorCode::PeriodBackwards
    );
    assert_eq!(
        field(app.report(ReportKind::Funnel, "11/2026", "2026-11-30")),
        Some("from".into())
    );
    let rules = ValueRules {
        top_min: 1,
        ..ValueRules::default()
    };
    assert_eq!(
        app.set_value_rules(rules).expect_err("refused").field,
        Some("top_min".into())
    );
    assert_eq!(app.value_rules().expect("rules"), ValueRules::default());
    // This month when no period is given.
    let Report::Funnel { period, .. } = app.report(ReportKind::Funnel, "", "").expect("ok") else {
        panic!("funnel")
    };
    assert_eq!(
        (period.from.as_str(), period.to.as_str()),
        ("2026-11-01", "2026-11-30")
    );
}

#[test]
fn previous_periods() {
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).expect("day");
    let cases = [
        ((d(11, 1), d(11, 30)), (d(10, 1), d(10, 31))),
        ((d(3, 1), d(3, 31)), (d(2, 1), d(2, 28))),
        ((d(10, 1), d(12, 31)), (d(7, 1), d(9, 30))),
        (
            (d(1, 1), d(12, 31)),
            (
                NaiveDate::from_ymd_opt(2025, 1, 1).expect("d"),
                NaiveDate::from_ymd_opt(2025, 12, 31).expect("d"),
            ),
        ),
        ((d(11, 30), d(12, 6)), (d(11, 23), d(11, 29))),
        ((d(11, 5), d(11, 5)), (d(11, 4), d(11, 4))),
    ];
    for (p, want) in cases {
        assert_eq!(previous(p), want, "{p:?}");
    }
}

#[test]
fn what_became_of_the_prompts_travels_with_a_json_export() {
    let book = scenario();
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("book.json");
    book.app
        .export(&crate::ExportRequest {
            path: path.to_string_lossy().into_owned(),
            format: crate::ExportFormat::Json,
            ..crate::ExportRequest::default()
        })
        .expect("exported");
    let copy = App::open_in_memory().expect("app").with_clock(dec1);
    copy.import_file(
        &crate::ImportRequest {
            path: path.to_string_lossy().into_owned(),
            columns: None,
            header_row: None,
            policy: crate::DuplicatePolicy::Skip,
            save_mapping: false,
        },
        &mut |_| {},
    )
    .expect("imported");
    let compliance = |app: &App| {
        app.report(ReportKind::Compliance, "2026-11-01", "2026-11-30")
            .expect("compliance")
    };
    assert_eq!(compliance(&copy), compliance(&book.app));
    let Report::Compliance { total, .. } = compliance(&copy) else {
        panic!("compliance")
    };
    assert!(total.due >= 3, "{total:?}");
}

#[test]
fn today_puts_unhappy_owners_then_higher_tiers_first_within_a_day() {
    let app = App::open_in_memory().expect("app").with_clock(nov2);
    let prospect = add(&app, "郑强", &[("phones", "13900000011"), ("level", "H")]);
    let small = add(&app, "孙丽", &[("phones", "13900000012")]);
    let large = add(&app, "钱多", &[("phones", "13900000013")]);
    let unhappy = add(&app, "吴怨", &[("phones", "13900000014")]);
    for (id, price) in [(&small, "10万"), (&large, "35万"), (&unhappy, "12万")] {
        app.record_order(
            id,
            OrderInput {
                model: "汉".into(),
                price: price.into(),
                at: "2026-11-01 10:00".into(),
                expected_delivery: String::new(),
            },
        )
        .expect("order");
    }
    app.log_interaction(
        &unhappy,
        InteractionDraft {
            kind: "complaint".into(),
            at: "2026-11-02 09:00".into(),
            outcome: "reached".into(),
            satisfaction: "2".into(),
            ..InteractionDraft::default()
        },
    )
    .expect("complaint");
    // Everyone's next step is tomorrow.
    for id in [&prospect, &small, &large, &unhappy] {
        log(
            &app,
            id,
            "call",
            "2026-11-02 10:00",
            "reached",
            "2026-11-03",
        );
    }
    let app = app.with_clock(nov5);
    let agenda = app.agenda(None, 0).expect("agenda");
    let order: Vec<(&str, Tier, bool)> = agenda
        .rows
        .iter()
        .filter(|r| r.prompts.iter().any(|p| p.kind == PromptKind::NextStep))
        .map(|r| (r.name.as_str(), r.tier, r.unhappy))
        .collect();
    assert_eq!(
        order,
        vec![
            ("吴怨", Tier::Small, true),
            ("钱多", Tier::Large, false),
            ("郑强", Tier::Prospect, false),
            ("孙丽", Tier::Small, false),
        ]
    );
    // The day's plan reads the same standings: an owner who answered low on a call (no
    // complaint) comes right after the open complaint, for that, before the appointments.
    let sore = add(&app, "冯憾", &[("phones", "13900000015")]);
    app.record_order(
        &sore,
        OrderInput {
            model: "汉".into(),
            price: "15万".into(),
            at: "2026-11-01 10:00".into(),
            expected_delivery: String::new(),
        },
    )
    .expect("order");
    app.log_interaction(
        &sore,
        InteractionDraft {
            kind: "call".into(),
            at: "2026-11-04 09:00".into(),
            outcome: "reached".into(),
            satisfaction: "2".into(),
            next: "2026-11-05".into(),
            ..InteractionDraft::default()
        },
    )
    .expect("a low answer");
    let plan = app.today_plan().expect("plan");
    let first: Vec<(Why, &str)> = plan
        .rows
        .iter()
        .filter_map(|r| Some((r.why, r.customer.as_ref()?.name.as_str())))
        .take(2)
        .collect();
    assert_eq!(first, [(Why::Complaint, "吴怨"), (Why::Unhappy, "冯憾")]);
    assert_eq!(plan.rows.get(2).map(|r| r.why), Some(Why::Appointment));
}

#[test]
fn the_plan_reads_each_customer_s_standing_as_the_reports_do() {
    let book = scenario();
    let store = book.app.store();
    let far = NaiveDate::from_ymd_opt(2027, 12, 31).expect("day");
    let due = store.plan_prompts(far).expect("plan prompts");
    // In the order of the agenda's prompts, each with its customer's standing, referrals
    // (张伟's) included, as the reports read it.
    let agenda: Vec<(String, carnet_core::followup::Prompt)> = store
        .due_prompts(far)
        .expect("due")
        .into_iter()
        .map(|p| (p.customer_id, p.prompt))
        .collect();
    let planned: Vec<(String, carnet_core::followup::Prompt)> = due
        .iter()
        .map(|p| (p.customer_id.clone(), p.prompt.clone()))
        .collect();
    assert_eq!(planned, agenda);
    assert!(due.iter().any(|p| p.placing.referred_bought > 0), "{due:?}");
    assert!(
        due.iter().any(|p| p.placing.standing.purchases > 0),
        "{due:?}"
    );
    let as_reported = |id: &str| {
        let row = store.book_row(id).expect("row").expect("in the book");
        carnet_store::Placing {
            level: row.level,
            last_contact: row.last_contact,
            referred_bought: row.referred_bought,
            standing: row.standing,
        }
    };
    for p in &due {
        assert_eq!(p.placing, as_reported(&p.customer_id), "{}", p.customer_id);
    }
    let ids: Vec<String> = due.iter().map(|p| p.customer_id.clone()).collect();
    let placings = store.placings(&ids).expect("placings");
    assert!(!placings.is_empty());
    for (id, placing) in placings {
        assert_eq!(placing, as_reported(&id), "{id}");
    }
}

#[test]
fn lost_sales_counted_by_hand_and_listed_by_their_reason() {
    let book = scenario();
    let Report::Lost {
        by_reason,
        competitors,
        customers,
        ..
    } = book
        .app
        .report(ReportKind::Lost, "2026-11-01", "2026-11-30")
        .expect("lost")
    else {
        panic!("lost")
    };
    assert_eq!(by_reason.len(), 1);
    assert_eq!(by_reason[0].reason, Some(LostReason::Competitor));
    assert_eq!(by_reason[0].count, 1);
    assert_eq!(competitors[0].reason, "吉利 星越L");
    assert_eq!(customers[0].id, book.f);
    assert!(customers[0].revisit.is_some(), "a win-back date");
    let listed = book
        .app
        .search_customers(&by_reason[0].filter, crate::ListOrder::Pinyin, 0, 10)
        .expect("drill down");
    assert_eq!(listed.matching, Some(1));
}

#[test]
fn lookalikes_counted_by_hand() {
    let book = scenario();
    let Report::Lookalikes {
        ideal, prospects, ..
    } = book
        .app
        .report(ReportKind::Lookalikes, "", "")
        .expect("lookalikes")
    else {
        panic!("lookalikes")
    };
    // The best fifth of three owners is 张伟: 汉, a 20-30万 budget, a walk-in.
    assert_eq!(ideal.drawn_from, 1);
    // 李娜 shares the model and the budget band, not the source: 200 of 300; 王芳 nothing.
    let found: Vec<(&str, u32)> = prospects
        .iter()
        .map(|p| (p.name.as_str(), p.score))
        .collect();
    assert_eq!(found, vec![("李娜", 66)]);
    assert_eq!(prospects[0].id, book.b);
}

/// The lookalikes as every row of the book, every customer's traits and a whole sort give
/// them: the lean read of what customers are worth, the traits of the best and the prospects
/// only, and the partial sort rank the same (ties of value in the book's order, ties of
/// score by id). A demo book has many ties (its cars' prices repeat).
#[test]
fn lookalikes_rank_as_the_whole_book_does() {
    let app = App::open_in_memory().expect("app").with_clock(dec1);
    app.fill_demo(400, 11, true).expect("demo");
    let store = app.store();
    let rules = value_rules(&store).expect("rules");
    let today = app.now().date();
    let rows = store.book_rows(None, None).expect("rows");
    let mut owners: Vec<(&BookRow, i64)> = rows
        .iter()
        .map(|r| (r, place(r, today, &rules).value))
        .filter(|(_, v)| *v > 0)
        .collect();
    owners.sort_by_key(|o| std::cmp::Reverse(o.1));
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let traits = store.traits(&ids).expect("traits");
    let best: Vec<Traits> = owners
        .iter()
        .take(owners.len().div_ceil(5))
        .map(|(r, _)| traits.get(&r.id).cloned().unwrap_or_default())
        .collect();
    let ideal = lookalike::ideal(&best);
    let mut expected: Vec<(String, u32)> = rows
        .iter()
        .filter(|r| !r.standing.is_owner(r.level) && r.level != Level::F)
        .filter_map(|r| {
            let m = lookalike::score(&ideal, traits.get(&r.id)?);
            (m.score > 0).then(|| (r.id.clone(), m.score))
        })
        .collect();
    expected.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    expected.truncate(REPORT_LIST_MAX);
    drop(store);
    let Report::Lookalikes {
        ideal: got_ideal,
        prospects,
        ..
    } = app
        .report(ReportKind::Lookalikes, "", "")
        .expect("lookalikes")
    else {
        panic!("lookalikes")
    };
    assert!(owners.len() > 10 && expected.len() > 10, "a book to rank");
    assert_eq!(got_ideal, ideal);
    let got: Vec<(String, u32)> = prospects.into_iter().map(|p| (p.id, p.score)).collect();
    assert_eq!(got, expected);
}

/// The best few of many matches, ties of score by id, as a whole sort gives them.
#[test]
fn top_lookalikes_as_a_whole_sort() {
    let all: Vec<Lookalike> = (0..500u32)
        .map(|i| Lookalike {
            id: format!("{:03}", (i * 7919) % 500),
            name: String::new(),
            level: Level::B,
            score: (i * 31) % 17,
            matching: Vec::new(),
        })
        .collect();
    let mut sorted = all.clone();
    sorted.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    for n in [0, 1, 50, 499, 500, 600] {
        let mut top = all.clone();
        top_lookalikes(&mut top, n);
        let want: Vec<&str> = sorted.iter().take(n).map(|p| p.id.as_str()).collect();
        let got: Vec<&str> = top.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(got, want, "the best {n}");
    }
}

/// The models report counts in SQL (each spelling apart) and merges spellings here: a model
/// is one row however its customers write it (case, spaces), named as most of them write
/// it; the trash and customers added outside the period are not counted.
#[test]
fn models_merge_spellings_and_leave_out_the_trash() {
    let app = App::open_in_memory().expect("app").with_clock(oct10);
    add(&app, "十月", &[("models", "汉")]);
    let app = app.with_clock(nov2);
    for (name, model) in [
        ("甲", "Han EV"),
        ("乙", "han ev"),
        ("丙", "Han EV"),
        ("丁", " Han EV "),
        ("戊", "汉"),
    ] {
        add(&app, name, &[("models", model)]);
    }
    let trashed = add(&app, "己", &[("models", "汉")]);
    app.trash_customer(&trashed).expect("trash");
    let Report::Models { rows, .. } = app
        .report(ReportKind::Models, "2026-11-01", "2026-11-30")
        .expect("models")
    else {
        panic!("models")
    };
    let counts: Vec<(&str, u64, u64)> = rows
        .iter()
        .map(|r| (r.model.as_str(), r.interested, r.orders))
        .collect();
    assert_eq!(counts, vec![("Han EV", 4, 0), ("汉", 1, 0)]);
}

/// The customers' current satisfaction is counted in SQL, one group per latest answer and
/// the one before it, and put in bands and trends here: counted by hand, the trash left out.
#[test]
fn current_satisfaction_counted_by_hand() {
    let app = App::open_in_memory().expect("app").with_clock(nov8);
    let answered = |name: &str, answers: &[&str]| {
        let id = add(&app, name, &[]);
        for (day, answer) in answers.iter().enumerate() {
            app.log_interaction(
                &id,
                InteractionDraft {
                    kind: "visit".into(),
                    at: format!("2026-11-0{} 10:00", day + 1),
                    satisfaction: (*answer).into(),
                    ..InteractionDraft::default()
                },
            )
            .expect("logged");
        }
        id
    };
    answered("甲", &["2", "4"]); // high, up
    answered("乙", &["5", "5"]); // high, flat
    answered("丙", &["3", "1"]); // low, down
    answered("丁", &["3"]); // middle, no trend yet
    answered("戊", &[]); // no answer
    let gone = answered("己", &["4", "2"]);
    app.trash_customer(&gone).expect("trash");
    let Report::Satisfaction {
        current,
        up,
        down,
        flat,
        ..
    } = app
        .report(ReportKind::Satisfaction, "2026-11-01", "2026-11-30")
        .expect("satisfaction")
    else {
        panic!("satisfaction")
    };
    let bands: Vec<(Band, u64)> = current.iter().map(|b| (b.band, b.count)).collect();
    assert_eq!(
        bands,
        vec![(Band::High, 2), (Band::Middle, 1), (Band::Low, 1)]
    );
    assert_eq!((up, down, flat), (1, 1, 1));
}
