//! Merging two customers.

use carnet_core::phone::Phone;

use crate::test_support::*;
use crate::*;

#[test]
fn a_merge_moves_every_linked_row_to_the_survivor() {
    let store = Store::open_in_memory().expect("open");
    let survivor = store
        .write(|w| w.insert_customer(&facts("张三", Some("13812345678"))))
        .expect("insert");
    let loser = store
        .write(|w| w.insert_customer(&full_profile("张三", "13900005678")))
        .expect("insert");
    fill_every_linked_table(&store, &loser.id);
    let tables = store.tables_referencing_customers().expect("schema");
    assert!(tables.len() >= 5, "{tables:?}");

    let mut merged = store
        .customer(&loser.id)
        .expect("get")
        .expect("exists")
        .profile;
    merged
        .phones
        .insert(0, Phone::parse("13812345678").expect("valid"));
    let after = store
        .write(|w| w.merge_customers(&survivor.id, &loser.id, &merged))
        .expect("merge")
        .expect("both exist");
    assert_eq!(after.profile, merged);
    assert_eq!(
        store.customer(&loser.id).expect("get"),
        None,
        "the loser is gone"
    );
    for (table, column) in &tables {
        assert_eq!(
            rows_for(&store, table, column, &loser.id),
            0,
            "{table} keeps nothing of the loser"
        );
        assert!(
            rows_for(&store, table, column, &survivor.id) > 0,
            "{table} moved to the survivor"
        );
    }
    assert_eq!(store.family(&survivor.id).expect("family").len(), 1);
    assert_eq!(search_rows(&store), 1, "one index entry left");
    assert_eq!(
        names(
            store
                .search_customers(&query("vip"), Order::Newest, 0, 10)
                .expect("search")
        ),
        ["张三"]
    );
    assert_eq!(
        store
            .write(|w| w.merge_customers(&survivor.id, "missing", &merged))
            .expect("merge"),
        None
    );
}

#[test]
fn a_merge_and_an_erase_keep_referrals_whole() {
    let store = Store::open_in_memory().expect("open");
    let add = |name: &str, referred_by: Option<&str>| {
        let mut profile = facts(name, None);
        profile.referred_by = referred_by.map(str::to_owned);
        store
            .write(|w| w.insert_customer(&profile))
            .expect("insert")
    };
    let survivor = add("张三", None);
    let loser = add("张三", Some(&survivor.id));
    let friend = add("李四", Some(&loser.id));
    let merged = loser.profile.clone();
    let after = store
        .write(|w| w.merge_customers(&survivor.id, &loser.id, &merged))
        .expect("merge")
        .expect("both exist");
    assert_eq!(after.profile.referred_by, None, "nobody refers themself");
    let referrer = |id: &str| {
        store
            .customer(id)
            .expect("get")
            .expect("exists")
            .profile
            .referred_by
    };
    assert_eq!(
        referrer(&friend.id),
        Some(survivor.id.clone()),
        "moved to the survivor"
    );
    store
        .write(|w| w.erase_customers(std::slice::from_ref(&survivor.id)))
        .expect("erase");
    assert_eq!(
        referrer(&friend.id),
        None,
        "the referred customer stays, unlinked"
    );
}
