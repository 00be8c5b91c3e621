//! The customers table: profiles round trip, duplicates.

use carnet_core::Profile;
use carnet_core::phone::Phone;

use crate::test_support::*;
use crate::*;

#[test]
fn customers_round_trip() {
    let store = Store::open_in_memory().expect("open");
    let a = store
        .write(|w| w.insert_customer(&facts("张三", Some("13812345678"))))
        .expect("insert a");
    let b = store
        .write(|w| w.insert_customer(&facts("李四", None)))
        .expect("insert b");
    assert_ne!(a.id, b.id);
    assert!(uuid::Uuid::parse_str(&a.id).is_ok(), "ids are UUIDs");
    assert_eq!(a.profile.phone().map(Phone::stored), Some("+8613812345678"));

    let listed: Vec<_> = store
        .customers()
        .expect("list")
        .into_iter()
        .map(|c| c.profile.name)
        .collect();
    assert_eq!(listed, ["李四", "张三"], "newest first");

    let updated = store
        .write(|w| w.update_customer(&a.id, &facts("张三丰", Some("13900001111"))))
        .expect("update")
        .expect("exists");
    assert_eq!(updated.profile.name, "张三丰");
    assert_eq!(updated.created_at, a.created_at);
    assert!(updated.updated_at >= a.updated_at);
    assert_eq!(store.customer(&a.id).expect("get"), Some(updated));

    assert_eq!(
        store
            .write(|w| w.update_customer("missing", &facts("x", None)))
            .expect("update"),
        None
    );
    assert!(store.write(|w| w.delete_customer(&b.id)).expect("delete"));
    assert!(
        !store
            .write(|w| w.delete_customer(&b.id))
            .expect("delete again")
    );
    assert_eq!(store.customer(&b.id).expect("get"), None);
}

#[test]
fn possible_duplicates_follow_the_rule_and_skip_the_customer_being_edited() {
    let store = Store::open_in_memory().expect("open");
    let zhang = store
        .write(|w| w.insert_customer(&facts("张三", Some("13812345678"))))
        .expect("insert");
    store
        .write(|w| w.insert_customer(&facts("张三", Some("13900001111"))))
        .expect("insert");
    let trashed = store
        .write(|w| w.insert_customer(&facts("张三", Some("13700005678"))))
        .expect("insert");
    store
        .write(|w| w.trash_customer(&trashed.id))
        .expect("trash");
    // An import of many rows finds the same through an index of the whole book.
    let index = store.duplicate_index().expect("index");
    let dupes = |name: &str, phone: Option<&str>, except: Option<&str>| {
        let found = names(
            store
                .possible_duplicates(&facts(name, phone), except)
                .expect("query"),
        );
        if except.is_none() {
            let indexed = store
                .indexed_duplicates(&index, &facts(name, phone))
                .expect("indexed");
            assert_eq!(names(indexed), found, "{name} {phone:?}");
        }
        found
    };
    assert_eq!(
        dupes("李四", Some("138 1234 5678"), None),
        ["张三"],
        "same phone"
    );
    assert_eq!(
        dupes("张三", Some("18600005678"), None),
        ["张三"],
        "same name and last four"
    );
    assert!(dupes("张三", Some("18600002222"), None).is_empty());
    assert!(dupes("张三", None, None).is_empty());
    assert!(
        dupes("张三", Some("13812345678"), Some(&zhang.id)).is_empty(),
        "not itself"
    );
}

#[test]
fn a_full_profile_round_trips() {
    let store = Store::open_in_memory().expect("open");
    let profile = full_profile("张三", "13812345678, 010-6552 8899 转 123");
    let c = store
        .write(|w| w.insert_customer(&profile))
        .expect("insert");
    assert_eq!(c.profile, profile);
    assert_eq!(
        store.customer(&c.id).expect("get").expect("exists").profile,
        profile
    );
    let bare = Profile::named("李四", None);
    let b = store.write(|w| w.insert_customer(&bare)).expect("insert");
    assert_eq!(b.profile, bare);
}

#[test]
fn words_and_numbers_as_typed_round_trip_through_the_book() {
    let store = Store::open_in_memory().expect("store");
    let mut d = carnet_core::ProfileDraft {
        name: "Kevin Wang".into(),
        ..Default::default()
    };
    for (field, value) in [
        ("phones", "905-555-1234, 021-62345678-8001"),
        ("emails", "kevin@example.com, k.wang@example.org"),
        ("budget", "面议"),
        ("timeframe", "看政策"),
        ("decision_maker", "岳父说了算"),
    ] {
        d.set(field, value).expect("set");
    }
    let profile = d.validate(day()).expect("valid");
    let c = store
        .write(|w| w.insert_customer(&profile))
        .expect("insert");
    assert_eq!(c.profile, profile);
    let member = carnet_core::FamilyDraft {
        relation: "干爹".into(),
        ..Default::default()
    }
    .validate()
    .expect("valid");
    store
        .write(|w| w.insert_family_member(&c.id, &member))
        .expect("family")
        .expect("customer");
    assert_eq!(store.family(&c.id).expect("family")[0].facts, member);
    // The number kept as typed is found by its digits, spaced another way.
    let other = facts("王", Some("905 555 1234"));
    assert_eq!(
        store
            .possible_duplicates(&other, None)
            .expect("dupes")
            .len(),
        1
    );
    assert_eq!(
        names(
            store
                .search_customers(&query("5551234"), Order::Newest, 0, 10)
                .expect("search")
        ),
        ["Kevin Wang"]
    );
}
