//! What is added to a customer's record: interactions and `last_contact`.

use carnet_core::Filter;

use crate::test_support::*;
use crate::*;

#[test]
fn the_list_sorts_by_last_contact_kept_with_the_interactions() {
    let store = Store::open_in_memory().expect("open");
    let a = store
        .write(|w| w.insert_customer(&facts("张三", None)))
        .expect("insert");
    let b = store
        .write(|w| w.insert_customer(&facts("李四", None)))
        .expect("insert");
    store
        .write(|w| w.insert_customer(&facts("王五", None)))
        .expect("insert");
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .expect("valid");
    let log = |id: &str, at: &str| {
        let facts = carnet_core::InteractionDraft {
            kind: "call".into(),
            at: at.into(),
            ..Default::default()
        }
        .validate(now)
        .expect("valid");
        store
            .write(|w| {
                w.insert_interaction(id, &facts, &carnet_core::history::SaleDetails::default())
            })
            .expect("log")
            .expect("exists")
    };
    log(&a.id, "2026-11-20 10:00");
    let latest = log(&b.id, "2026-11-24 10:00");
    let order = || {
        names(
            store
                .search_customers(&Filter::default(), Order::LastContact, 0, 10)
                .expect("page"),
        )
    };
    assert_eq!(order(), ["李四", "张三", "王五"], "never contacted last");
    store
        .write(|w| w.delete_interaction(&latest))
        .expect("undo");
    assert_eq!(
        order(),
        ["张三", "王五", "李四"],
        "both never contacted now: newest first"
    );
    let (rows, _) = store
        .search_customers(&query("zs"), Order::Newest, 0, 1)
        .expect("search");
    assert_eq!(rows[0].last_contact.as_deref(), Some("2026-11-20 10:00:00"));
}

#[test]
fn a_lost_sale_keeps_its_reason_and_competitor() {
    let store = Store::open_in_memory().expect("open");
    let c = store
        .write(|w| w.insert_customer(&facts("张三", None)))
        .expect("insert");
    let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .expect("valid");
    let revisit = chrono::NaiveDate::from_ymd_opt(2027, 2, 23);
    let lost = carnet_core::Lost::read(carnet_core::Level::F, "竞品", "比亚迪 汉").expect("lost");
    store
        .write(|w| {
            w.set_level_lost(
                &c.id,
                carnet_core::Level::F,
                at,
                (Some("试驾后觉得空间大"), revisit),
                lost.as_ref(),
            )
        })
        .expect("level");
    store
        .write(|w| w.set_level(&c.id, carnet_core::Level::C, at, None, None))
        .expect("back");
    let changes = store.level_changes(&c.id).expect("changes");
    assert_eq!(changes.len(), 2);
    assert_eq!(
        changes[0].lost_reason,
        Some(carnet_core::LostReason::Competitor)
    );
    assert_eq!(changes[0].competitor.as_deref(), Some("比亚迪 汉"));
    assert_eq!(changes[0].reason.as_deref(), Some("试驾后觉得空间大"));
    assert_eq!(changes[0].revisit, revisit);
    assert_eq!(
        (changes[1].lost_reason, changes[1].competitor.as_deref()),
        (None, None)
    );
    let all = store.histories().expect("all");
    assert_eq!(
        all.level_changes[&c.id], changes,
        "the export reads the same"
    );
}

#[test]
fn an_appointment_and_a_spend_are_kept() {
    let store = Store::open_in_memory().expect("open");
    let c = store
        .write(|w| w.insert_customer(&facts("张三", None)))
        .expect("insert");
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .expect("valid");
    let log = |kind: &str, next: &str, appointment: &str, spend: &str| {
        let facts = carnet_core::InteractionDraft {
            kind: kind.into(),
            next: next.into(),
            appointment: appointment.into(),
            spend: spend.into(),
            ..Default::default()
        }
        .validate(now)
        .expect("valid");
        store
            .write(|w| {
                w.insert_interaction(&c.id, &facts, &carnet_core::history::SaleDetails::default())
            })
            .expect("log")
            .expect("exists");
        facts
    };
    let booked = log("call", "2026-12-08 14:00", "visit", "");
    let serviced = log("service", "", "", "1,200");
    let kept: Vec<_> = store
        .interactions(&c.id)
        .expect("timeline")
        .into_iter()
        .map(|i| i.facts)
        .collect();
    assert_eq!(kept, [booked, serviced]);
    assert_eq!(
        (kept[0].appointment, kept[1].spend),
        (Some(carnet_core::AppointmentKind::Visit), Some(1200))
    );
    let all = store.histories().expect("all");
    assert_eq!(
        all.interactions[&c.id]
            .iter()
            .map(|i| &i.facts)
            .collect::<Vec<_>>(),
        kept.iter().collect::<Vec<_>>(),
        "the export reads the same"
    );
}
