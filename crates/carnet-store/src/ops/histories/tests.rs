//! The whole book's histories.

use crate::test_support::*;
use crate::*;

/// Everyone's timelines read at once (for an export) come in the order each customer's own
/// timeline has: by time, then when recorded, then id, whatever order they were written in.
#[test]
fn histories_order_each_timeline_as_the_customer_read_does() {
    let store = Store::open_in_memory().expect("open");
    let ids: Vec<String> = (0..3)
        .map(|i| {
            store
                .write(|w| w.insert_customer(&facts(&format!("客户{i}"), None)))
                .expect("insert")
                .id
        })
        .collect();
    let at = |day: u32, hour: u32| {
        chrono::NaiveDate::from_ymd_opt(2026, 11, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .expect("valid")
    };
    let call = |at| carnet_core::InteractionFacts {
        kind: carnet_core::InteractionKind::Call,
        at,
        outcome: None,
        satisfaction: None,
        promise: None,
        notes: None,
        next: None,
        appointment: None,
        spend: None,
    };
    // Written newest first and interleaved between customers, with ties on the time.
    let mut all = Vec::new();
    for (day, hour) in [(20, 9), (3, 15), (20, 9), (11, 8), (3, 15), (1, 10)] {
        for id in ids.iter().rev() {
            all.push((
                id.clone(),
                call(at(day, hour)),
                carnet_core::history::SaleDetails::default(),
            ));
        }
    }
    store.write(|w| w.insert_interactions(&all)).expect("log");
    let histories = store.histories().expect("histories");
    for id in &ids {
        let own = store.interactions(id).expect("timeline");
        assert_eq!(own.len(), 6);
        assert!(own.windows(2).all(|w| w[0].facts.at <= w[1].facts.at));
        assert_eq!(histories.interactions.get(id), Some(&own), "{id}");
    }
    // Streamed in the book's order: a customer without interactions and one in the trash
    // are left out; the rest come whole, each as its own read gives it.
    let quiet = store
        .write(|w| w.insert_customer(&facts("没联系过", None)))
        .expect("insert")
        .id;
    assert!(store.write(|w| w.trash_customer(&ids[1])).expect("trash"));
    let mut streamed = Vec::new();
    store
        .each_timeline(|id, timeline| {
            streamed.push((id, timeline));
            Ok::<_, StoreError>(())
        })
        .expect("stream");
    let book: Vec<String> = store
        .customers()
        .expect("customers")
        .into_iter()
        .map(|c| c.id)
        .filter(|id| *id != quiet)
        .collect();
    assert_eq!(book.len(), 2);
    let want: Vec<(String, Vec<carnet_core::history::Interaction>)> = book
        .iter()
        .map(|id| (id.clone(), store.interactions(id).expect("timeline")))
        .collect();
    assert_eq!(streamed, want);
}
