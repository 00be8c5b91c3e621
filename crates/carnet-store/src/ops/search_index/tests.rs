//! Rebuilding the search index.

use crate::test_support::*;
use crate::*;

#[test]
fn the_index_is_rebuilt_when_the_key_recipe_changes() {
    let store = Store::open_in_memory().expect("open");
    store
        .write(|w| w.insert_customer(&facts("张三丰", Some("13812345678"))))
        .expect("insert");
    // Both indexes lose everything: the trigram one (three characters or more) and the
    // grams that answer shorter queries.
    store
        .conn
        .execute_batch(
            "DELETE FROM customer_search;
             INSERT INTO customer_short (customer_short) VALUES ('delete-all');",
        )
        .expect("wipe");
    let found = |text: &str| {
        names(
            store
                .search_customers(&query(text), Order::Newest, 0, 10)
                .expect("search"),
        )
    };
    // Each query class goes to one index, and each index is empty now.
    for text in ["zs", "张三", "zhangsanfeng", "5678"] {
        assert!(found(text).is_empty(), "{text} found before the rebuild");
    }
    store
        .write(|w| w.set_setting("search_keys_version", "0"))
        .expect("older recipe");
    store.ensure_search_index().expect("rebuild");
    for text in ["zs", "张三", "zhangsanfeng", "5678"] {
        assert_eq!(found(text), ["张三丰"], "{text}");
    }
}
