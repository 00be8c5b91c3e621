//! A customer written with their lists, search entry and history; the trash.

use carnet_core::Filter;

use crate::test_support::*;
use crate::*;

#[test]
fn bulk_insert_counts_pages_and_indexes() {
    let store = Store::open_in_memory().expect("open");
    let all: Vec<_> = (0..30)
        .map(|i| (facts(&format!("客户{i}"), None), Vec::new()))
        .collect();
    assert_eq!(
        store
            .write(|w| w.insert_customers(&all))
            .expect("bulk")
            .len(),
        30
    );
    assert_eq!(store.count_customers().expect("count"), 30);
    let page = names(
        store
            .search_customers(&Filter::default(), Order::Newest, 0, 3)
            .expect("page"),
    );
    assert_eq!(
        page,
        ["客户29", "客户28", "客户27"],
        "newest first, by id within the same time"
    );
    assert_eq!(
        names(
            store
                .search_customers(&query("客户17"), Order::Newest, 0, 10)
                .expect("search")
        ),
        ["客户17"]
    );
}

#[test]
fn the_trash_hides_restores_and_erases_for_good() {
    let store = Store::open_in_memory().expect("open");
    let keep = store
        .write(|w| w.insert_customer(&facts("李四", None)))
        .expect("insert");
    let gone = store
        .write(|w| w.insert_customer(&full_profile("张三", "13812345678")))
        .expect("insert");
    fill_every_linked_table(&store, &gone.id);

    assert!(store.write(|w| w.trash_customer(&gone.id)).expect("trash"));
    assert!(
        !store
            .write(|w| w.trash_customer(&gone.id))
            .expect("already in the trash")
    );
    assert_eq!(store.count_customers().expect("count"), 1);
    assert!(
        names(
            store
                .search_customers(&query("zs"), Order::Newest, 0, 10)
                .expect("search")
        )
        .is_empty()
    );
    assert!(
        store
            .possible_duplicates(&facts("王五", Some("13812345678")), None)
            .expect("dupes")
            .is_empty()
    );
    assert_eq!(store.trashed_customers().expect("trash")[0].name, "张三");

    assert!(
        store
            .write(|w| w.restore_customer(&gone.id))
            .expect("restore")
    );
    assert_eq!(
        names(
            store
                .search_customers(&query("zs"), Order::Newest, 0, 10)
                .expect("search")
        ),
        ["张三"]
    );

    store.write(|w| w.trash_customer(&gone.id)).expect("trash");
    assert_eq!(store.write(|w| w.empty_trash()).expect("empty"), 1);
    assert_eq!(store.customer(&gone.id).expect("get"), None);
    for (table, column) in store.tables_referencing_customers().expect("schema") {
        assert_eq!(rows_for(&store, &table, &column, &gone.id), 0, "{table}");
    }
    assert_eq!(search_rows(&store), 1, "only the kept customer is indexed");
    assert!(store.customer(&keep.id).expect("get").is_some());
    let secure: i64 = store
        .conn
        .pragma_query_value(None, "secure_delete", |r| r.get(0))
        .expect("pragma");
    assert_eq!(secure, 1);
    // The full-text indexes take a deleted row's words out at once, not at a later merge.
    for index in ["customer_search", "customer_short"] {
        let on: i64 = store
            .conn
            .query_row(
                &format!("SELECT v FROM {index}_config WHERE k = 'secure-delete'"),
                [],
                |r| r.get(0),
            )
            .expect(index);
        assert_eq!(on, 1, "{index}");
    }
    let (gone_page, _) = store
        .search_customers(&query(&gone.profile.name), Order::Newest, 0, 10)
        .expect("search");
    assert!(gone_page.is_empty());
}

#[test]
fn key_fact_changes_are_kept_with_their_date() {
    let store = Store::open_in_memory().expect("open");
    let mut p = facts("张三", None);
    p.budget = carnet_core::Budget::parse("15万");
    let c = store.write(|w| w.insert_customer(&p)).expect("insert");
    p.budget = carnet_core::Budget::parse("20万");
    p.notes = Some("not a key fact".into());
    store
        .write(|w| w.update_customer(&c.id, &p))
        .expect("update");
    let history = store.key_fact_changes(&c.id).expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(
        (
            history[0].fact,
            history[0].old_value.as_str(),
            history[0].new_value.as_str()
        ),
        (carnet_core::KeyFact::Budget, "15万", "20万")
    );
}
