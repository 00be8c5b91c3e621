//! Today's plan on a scenario book: 200 prompts due of mixed kinds, a day's capacity of 30.

use std::collections::BTreeMap;

use carnet_core::PromptKind;
use carnet_core::choices::Occasion;
use carnet_core::followup::plan::Why;

use super::*;
use crate::{MessageInput, MessageRequest, TodayPlan};

/// Adds `n` customers at `level`, each given `then` (a contact, a birthday …).
fn many(app: &App, n: usize, prefix: &str, level: &str, then: impl Fn(&App, &str)) {
    for i in 0..n {
        let id = add(app, &format!("{prefix}{i:03}"), level);
        then(app, &id);
    }
}

fn contact_on(day: &'static str) -> impl Fn(&App, &str) {
    move |app, id| {
        app.log_interaction(id, call("reached", &format!("{day} 10:00"), ""))
            .expect("log");
    }
}

/// The book: 10 open complaints (overdue), 10 appointments at 15:00 today, 20 birthdays
/// today, 40 H prospects, 60 B and 60 C past their interval: 200 prompts due.
fn scenario() -> App {
    let app = app();
    many(&app, 10, "投诉", "D", |app, id| {
        app.log_interaction(
            id,
            InteractionDraft {
                kind: "complaint".into(),
                at: "2026-11-20 10:00".into(),
                notes: "漆面划痕".into(),
                ..InteractionDraft::default()
            },
        )
        .expect("complaint");
    });
    many(&app, 10, "约", "B", |app, id| {
        app.log_interaction(id, call("reached", "2026-11-25 09:00", "2026-11-25 15:00"))
            .expect("appointment");
    });
    many(&app, 20, "寿", "D", |app, id| {
        app.edit_customer(id, &[("birthday".into(), "1980-11-25".into())], false)
            .expect("birthday");
    });
    many(&app, 40, "热", "H", contact_on("2026-11-20"));
    many(&app, 60, "乙", "B", contact_on("2026-11-10"));
    many(&app, 60, "丙", "C", contact_on("2026-11-01"));
    app
}

/// Every prompt the plan holds: today's rows' and groups' (by member), and the later days'.
fn counted(app: &App, plan: &TodayPlan) -> usize {
    let mut n = 0;
    for row in &plan.rows {
        if let Some(c) = &row.customer {
            n += c.prompts.len();
        }
        if let Some(g) = &row.group {
            n += app.plan_group(g.occasion).expect("group").len();
        }
    }
    n + plan
        .later
        .iter()
        .flat_map(|d| &d.kinds)
        .map(|k| k.count as usize)
        .sum::<usize>()
}

#[test]
fn a_day_holds_the_capacity_in_the_order_of_weight_and_loses_nothing() {
    let app = scenario();
    let plan = app.today_plan().expect("plan");
    assert_eq!(plan.capacity, 30);
    assert_eq!(plan.rows.len(), 30, "exactly the capacity");
    assert_eq!((plan.done, plan.total), (0, 30));
    // The 200 prompts due this week: each is today's, a later day's or after the week.
    let due_this_week = app
        .store()
        .due_prompts(NaiveDate::from_ymd_opt(2026, 12, 1).expect("d"))
        .expect("due")
        .len();
    assert_eq!(due_this_week, 200);
    assert_eq!(plan.due, 200);
    assert_eq!(counted(&app, &plan), 200, "every prompt is counted once");

    // Complaints first, then hot prospects, then the appointments (they keep their day, so
    // they are in; the hot prospects take what room is left), then the birthday group.
    let whys: Vec<Why> = plan.rows.iter().map(|r| r.why).collect();
    let mut expected = vec![Why::Complaint; 10];
    expected.extend([Why::Hot; 9]);
    expected.extend([Why::Appointment; 10]);
    expected.push(Why::Rest);
    assert_eq!(whys, expected);
    let group = plan.rows[29].group.as_ref().expect("the birthdays' group");
    assert_eq!(
        (group.occasion, group.members, group.done),
        (Occasion::Birthday, 20, 0)
    );
    let first = plan.rows[0].customer.as_ref().expect("a customer");
    assert_eq!(first.prompts[0].kind, PromptKind::Complaint);

    // Later this week: the other 31 H first, then B and C, 30 rows a day; nothing after.
    let rows_by_day: Vec<(Option<String>, u32)> = plan
        .later
        .iter()
        .map(|d| (d.date.clone(), d.rows))
        .collect();
    assert_eq!(
        rows_by_day,
        [
            (Some("2026-11-26".into()), 30),
            (Some("2026-11-27".into()), 30),
            (Some("2026-11-28".into()), 30),
            (Some("2026-11-29".into()), 30),
            (Some("2026-11-30".into()), 30),
            (Some("2026-12-01".into()), 1),
        ]
    );
    let kinds: BTreeMap<PromptKind, u32> =
        plan.later
            .iter()
            .flat_map(|d| &d.kinds)
            .fold(BTreeMap::new(), |mut m, k| {
                *m.entry(k.kind).or_default() += k.count;
                m
            });
    assert_eq!(kinds.get(&PromptKind::Cadence), Some(&151));
    assert_eq!(kinds.len(), 1);
    // What waits has slipped once (it was due and is not today's).
    let tomorrow = app
        .plan_for(NaiveDate::from_ymd_opt(2026, 11, 26).expect("d"))
        .expect("tomorrow");
    assert!(
        tomorrow
            .rows
            .iter()
            .any(|r| r.why == Why::Hot && r.slips >= 1),
        "a hot prospect pushed yesterday has slipped"
    );
}

#[test]
fn the_plan_holds_through_the_day_and_ticks_off() {
    let app = scenario();
    let plan = app.today_plan().expect("plan");
    assert_eq!(
        app.today_plan().expect("again"),
        plan,
        "opened again: the same"
    );
    assert_eq!(app.due_count().expect("tray"), 30);

    // A row done: the day's order holds, and progress moves.
    let row = plan.rows[0].customer.as_ref().expect("customer");
    app.complete_prompt(
        &row.customer_id,
        &row.prompts[0].key,
        QuickOutcome::Done,
        "",
    )
    .expect("done");
    let after = app.today_plan().expect("after");
    assert_eq!(after.done, 1);
    assert!(after.rows[0].done);
    let names = |p: &TodayPlan| -> Vec<String> {
        p.rows
            .iter()
            .map(|r| {
                r.customer
                    .as_ref()
                    .map(|c| c.name.clone())
                    .unwrap_or_default()
            })
            .collect()
    };
    assert_eq!(names(&after), names(&plan));
    assert_eq!(app.due_count().expect("tray"), 29);

    // The birthday group: each member's message prepared from the occasion's template,
    // sent one by one.
    let members = app.plan_group(Occasion::Birthday).expect("members");
    assert_eq!(members.len(), 20);
    for m in &members[..2] {
        let message = app
            .render_message(MessageRequest {
                customer_id: m.customer_id.clone(),
                occasion: None,
                template_id: String::new(),
                prompt_key: m.key.clone(),
                language: None,
                body: None,
            })
            .expect("render");
        assert_eq!(message.occasion, Occasion::Birthday);
        assert!(message.text.contains(&m.name[..3]), "{}", message.text);
        app.log_message(MessageInput {
            customer_id: m.customer_id.clone(),
            text: message.text,
            prompt_key: m.key.clone(),
            sent: true,
        })
        .expect("sent");
    }
    let members = app.plan_group(Occasion::Birthday).expect("members");
    assert_eq!(members.iter().filter(|m| m.done).count(), 2);
    let group = app.today_plan().expect("plan").rows[29]
        .group
        .clone()
        .expect("group");
    assert_eq!((group.members, group.done), (20, 2));
}

#[test]
fn a_prompt_that_comes_due_after_the_plan_joins_today() {
    let app = scenario();
    app.today_plan().expect("planned");
    let id = add(&app, "新客", "B");
    app.log_interaction(&id, call("reached", "2026-11-25 09:30", "2026-11-25 17:00"))
        .expect("call back today");
    let plan = app.today_plan().expect("plan");
    let last = plan.rows.last().expect("rows");
    assert!(last.late);
    assert_eq!(
        last.customer.as_ref().map(|c| c.name.as_str()),
        Some("新客")
    );
    assert_eq!(plan.total, 31);
}

#[test]
fn a_new_capacity_plans_the_day_again() {
    let app = scenario();
    app.today_plan().expect("planned");
    let mut rules = app.rules().expect("rules");
    rules.daily_capacity = 0;
    assert_eq!(
        app.set_rules(rules.clone())
            .expect_err("0")
            .field
            .as_deref(),
        Some("daily_capacity")
    );
    rules.daily_capacity = 5;
    app.set_rules(rules).expect("5");
    let plan = app.today_plan().expect("plan");
    assert_eq!(plan.rows.len(), 5);
    assert!(plan.rows.iter().all(|r| r.why == Why::Complaint));
}

#[test]
fn one_birthday_is_a_row_two_are_a_group() {
    let app = app();
    let born_today = |app: &App, id: &str| {
        app.edit_customer(id, &[("birthday".into(), "1980-11-25".into())], false)
            .expect("birthday");
    };
    many(&app, 1, "寿", "D", born_today);
    let plan = app.today_plan().expect("plan");
    assert_eq!(plan.rows.len(), 1);
    let row = plan.rows[0].customer.as_ref().expect("a customer's row");
    assert_eq!(row.prompts[0].kind, PromptKind::Birthday);

    many(&app, 1, "福", "D", born_today);
    app.replan_today().expect("again");
    let plan = app.today_plan().expect("plan");
    assert_eq!(plan.rows.len(), 1);
    let group = plan.rows[0].group.as_ref().expect("a group");
    assert_eq!((group.occasion, group.members), (Occasion::Birthday, 2));
}

#[test]
fn birthdays_later_in_the_week_are_one_row_on_their_day() {
    let app = app();
    many(&app, 3, "寿", "D", |app, id| {
        app.edit_customer(id, &[("birthday".into(), "1980-11-27".into())], false)
            .expect("birthday");
    });
    let plan = app.today_plan().expect("plan");
    assert!(plan.rows.is_empty());
    let later: Vec<(Option<String>, u32, u32)> = plan
        .later
        .iter()
        .map(|d| {
            (
                d.date.clone(),
                d.rows,
                d.kinds.iter().map(|k| k.count).sum(),
            )
        })
        .collect();
    assert_eq!(later, [(Some("2026-11-27".into()), 1, 3)]);
}

#[test]
fn a_forgotten_plan_is_made_again_at_the_next_look_as_on_a_new_day() {
    let app = scenario();
    app.today_plan().expect("planned");
    let id = add(&app, "新客", "B");
    app.log_interaction(&id, call("reached", "2026-11-25 09:30", "2026-11-25 17:00"))
        .expect("call back today");
    assert_eq!(app.today_plan().expect("late").total, 31, "a late row");
    // Forgotten (as `carnet bench` makes a new day's first start): the next look plans the
    // day again, with the newcomer weighed among the rest, at the capacity.
    app.forget_todays_plan().expect("forget");
    let plan = app.today_plan().expect("made again");
    assert_eq!(plan.total, 30);
    assert!(plan.rows.iter().all(|r| !r.late));
}
