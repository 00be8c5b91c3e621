//! The search index and the search.

use carnet_core::Filter;

use crate::test_support::*;
use crate::*;

#[test]
fn search_finds_by_name_pinyin_initials_and_phone_fragments() {
    let store = Store::open_in_memory().expect("open");
    for (name, phone) in [
        ("张三", Some("138 1234 5678")),
        ("张三丰", Some("139 0000 1111")),
        ("李四", Some("186 0011 5678")),
        ("单田芳", None),
        ("欧阳娜娜", Some("+852 9123 4567")),
        ("John Smith", Some("010 6552 8899")),
        ("100%_王", None),
    ] {
        store
            .write(|w| w.insert_customer(&facts(name, phone)))
            .expect("insert");
    }
    let cases: [(&str, &[&str]); 16] = [
        ("张", &["张三丰", "张三"]),
        ("张三", &["张三", "张三丰"]),
        ("三丰", &["张三丰"]),
        ("娜娜", &["欧阳娜娜"]),
        ("zs", &["张三", "张三丰"]),
        ("zsf", &["张三丰"]),
        ("zhangsan", &["张三", "张三丰"]),
        ("stf", &["单田芳"]),
        ("shantian", &["单田芳"]),
        ("5678", &["李四", "张三"]),
        ("138 1234 5678", &["张三"]),
        ("+86 138-1234-5678", &["张三"]),
        ("91234567", &["欧阳娜娜"]),
        ("smith", &["John Smith"]),
        ("%_", &["100%_王"]),
        ("nobody", &[]),
    ];
    for (q, want) in cases {
        let got = names(
            store
                .search_customers(&query(q), Order::Newest, 0, 50)
                .expect("search"),
        );
        assert_eq!(
            got,
            want.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            "query {q:?}"
        );
    }
    assert_eq!(
        store
            .search_customers(&query("zs"), Order::Newest, 0, 1)
            .expect("search")
            .0
            .len(),
        1,
        "limit"
    );
}

#[test]
fn the_index_follows_updates_and_deletes() {
    let store = Store::open_in_memory().expect("open");
    let c = store
        .write(|w| w.insert_customer(&facts("张三", Some("13812345678"))))
        .expect("insert");
    store
        .write(|w| w.update_customer(&c.id, &facts("李四", Some("13900001111"))))
        .expect("update");
    assert!(
        store
            .search_customers(&query("zs"), Order::Newest, 0, 10)
            .expect("search")
            .0
            .is_empty()
    );
    assert!(
        store
            .search_customers(&query("5678"), Order::Newest, 0, 10)
            .expect("search")
            .0
            .is_empty()
    );
    assert_eq!(
        names(
            store
                .search_customers(&query("1111"), Order::Newest, 0, 10)
                .expect("search")
        ),
        ["李四"]
    );
    store.write(|w| w.delete_customer(&c.id)).expect("delete");
    assert!(
        store
            .search_customers(&query("ls"), Order::Newest, 0, 10)
            .expect("search")
            .0
            .is_empty()
    );
    let left: i64 = store
        .conn
        .query_row("SELECT count(*) FROM customer_search", [], |r| r.get(0))
        .expect("count");
    assert_eq!(left, 0, "no index entry outlives its customer");
}

#[test]
fn the_index_still_points_at_the_right_customers_after_vacuum() {
    let store = Store::open_in_memory().expect("open");
    let first = store
        .write(|w| w.insert_customer(&facts("张三", None)))
        .expect("insert");
    store
        .write(|w| w.insert_customer(&facts("李四", None)))
        .expect("insert");
    let third = store
        .write(|w| w.insert_customer(&facts("王五", None)))
        .expect("insert");
    store
        .write(|w| w.delete_customer(&first.id))
        .expect("delete");
    store.conn.execute_batch("VACUUM").expect("vacuum");
    assert_eq!(
        names(
            store
                .search_customers(&query("ww"), Order::Newest, 0, 10)
                .expect("search")
        ),
        ["王五"]
    );
    store
        .write(|w| w.update_customer(&third.id, &facts("赵六", None)))
        .expect("update");
    assert_eq!(
        names(
            store
                .search_customers(&query("zl"), Order::Newest, 0, 10)
                .expect("search")
        ),
        ["赵六"]
    );
    assert_eq!(
        names(
            store
                .search_customers(&query("ls"), Order::Newest, 0, 10)
                .expect("search")
        ),
        ["李四"]
    );
}

#[test]
fn a_page_in_pinyin_order() {
    let store = Store::open_in_memory().expect("open");
    for name in [
        "张三",
        "王五",
        "单田芳",
        "李四",
        "欧阳娜娜",
        "曾国藩",
        "Amy",
    ] {
        store
            .write(|w| w.insert_customer(&facts(name, None)))
            .expect("insert");
    }
    let page = names(
        store
            .search_customers(&Filter::default(), Order::Pinyin, 0, 10)
            .expect("page"),
    );
    assert_eq!(
        page,
        [
            "Amy",
            "李四",
            "欧阳娜娜",
            "单田芳",
            "王五",
            "曾国藩",
            "张三"
        ]
    );
    assert_eq!(
        names(
            store
                .search_customers(&Filter::default(), Order::Pinyin, 0, 2)
                .expect("page")
        ),
        ["Amy", "李四"]
    );
}

#[test]
fn search_finds_models_tags_and_notes_and_filters_narrow() {
    let store = Store::open_in_memory().expect("open");
    store
        .write(|w| w.insert_customer(&full_profile("张三", "13812345678")))
        .expect("insert");
    let mut li = full_profile("李四", "13900001111");
    li.level = carnet_core::Level::H;
    li.tags = vec!["老客户介绍".into()];
    li.models = vec![carnet_core::ModelWish::parse("宋PLUS")];
    li.budget = carnet_core::Budget::parse("25万左右");
    li.notes = Some("担心续航".into());
    li.source = Some(carnet_core::Source::WalkIn);
    li.wechat = None;
    store.write(|w| w.insert_customer(&li)).expect("insert");
    store
        .write(|w| w.insert_customer(&facts("王五", None)))
        .expect("insert");
    let cases: [(&str, &[&str]); 15] = [
        ("汉", &["张三"]),
        ("宋plus", &["李四"]),
        ("vip", &["张三"]),
        ("带孩子来", &["张三"]),
        ("担心续航", &["李四"]),
        ("wx_zhang", &["张三"]),
        ("level:H", &["李四"]),
        ("level:B,H", &["李四", "张三"]),
        ("model:海豹", &["张三"]),
        ("budget:22-30万", &["李四"]),
        ("budget:18万以内", &["张三"]),
        ("tag:vip", &["张三"]),
        ("source:walk_in", &["李四"]),
        ("张 level:H", &[]),
        ("级别:B 预算:16万", &["张三"]),
    ];
    for (q, want) in cases {
        let got = names(
            store
                .search_customers(&query(q), Order::Newest, 0, 50)
                .expect("search"),
        );
        assert_eq!(
            got,
            want.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            "query {q:?}"
        );
    }
}

#[test]
fn pages_follow_each_other_and_the_total_counts_every_match() {
    let store = Store::open_in_memory().expect("open");
    let all: Vec<_> = (0..25)
        .map(|i| (facts(&format!("客户{i:02}"), None), Vec::new()))
        .collect();
    store.write(|w| w.insert_customers(&all)).expect("bulk");
    let page = |offset| {
        store
            .search_customers(&Filter::default(), Order::Pinyin, offset, 10)
            .expect("page")
    };
    let (first, total) = page(0);
    let (third, later) = page(20);
    assert_eq!(total, Some(25));
    assert_eq!(later, None, "later pages are not counted again");
    assert_eq!(first[0].name, "客户00");
    assert_eq!(third.len(), 5);
    assert_eq!(third[4].name, "客户24");

    let mut friend = facts("王五", None);
    friend.notes = Some("客户1的朋友".into());
    store.write(|w| w.insert_customer(&friend)).expect("insert");
    let count = |q: &str| {
        let (found, total) = store
            .search_customers(&query(q), Order::Newest, 0, 3)
            .expect("search");
        (found.len(), total)
    };
    assert_eq!(
        count("客户1"),
        (3, Some(11)),
        "names and notes, counted apart"
    );
    assert_eq!(
        count("客户"),
        (3, Some(25)),
        "a short query, counted in the grams"
    );
    assert_eq!(count("王五"), (1, Some(1)), "a first page that is not full");
}
