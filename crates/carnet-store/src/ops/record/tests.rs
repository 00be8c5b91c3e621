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
