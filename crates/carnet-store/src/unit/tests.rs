//! The unit of work.

use crate::test_support::*;
use crate::*;

#[test]
fn a_unit_of_work_commits_once_or_not_at_all() {
    let store = Store::open_in_memory().expect("store");
    // Two writes and an error: neither is kept.
    let failed: Result<(), StoreError> = store.write(|w| {
        w.insert_customer(&facts("张三", Some("13812345678")))?;
        w.set_setting("language", "en")?;
        Err(StoreError::Cancelled)
    });
    assert!(matches!(failed, Err(StoreError::Cancelled)));
    assert_eq!(store.count_customers().expect("count"), 0);
    assert_eq!(store.setting("language").expect("setting"), None);
    assert_eq!(search_rows(&store), 0, "no index entry either");

    // A panic inside the unit of work rolls it back too, and the book takes writes after.
    let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = store.write(|w| {
            w.insert_customer(&facts("李四", None))?;
            if w.count_customers()? == 1 {
                panic!("a bug halfway through a use case");
            }
            Ok::<_, StoreError>(())
        });
    }));
    assert!(panicked.is_err());
    assert_eq!(store.count_customers().expect("count"), 0);

    // A write cannot begin inside another: the store method would commit the caller's half.
    let nested = store.write(|w| {
        w.insert_customer(&facts("王五", None))?;
        w.write(|inner| inner.set_setting("language", "en"))
    });
    assert!(matches!(nested, Err(StoreError::NestedTransaction)));
    assert_eq!(store.count_customers().expect("count"), 0);
    assert!(matches!(
        store.read(|r| r.write(|w| w.set_setting("language", "en"))),
        Err(StoreError::NestedTransaction)
    ));

    // Both writes of one unit are seen together.
    let id = store
        .write(|w| {
            let c = w.insert_customer(&facts("赵六", Some("13900001111")))?;
            w.set_setting("language", "en")?;
            Ok::<_, StoreError>(c.id)
        })
        .expect("committed");
    assert!(store.customer(&id).expect("read").is_some());
    assert_eq!(
        store.setting("language").expect("setting").as_deref(),
        Some("en")
    );
}
