//! The quotes table.

use crate::test_support::{facts, quote_facts, saved_quote};
use crate::*;

fn at() -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(15, 30, 0))
        .expect("valid")
}

fn customer_with_quote(store: &Store, name: &str) -> (String, String) {
    let id = store
        .write(|w| w.insert_customer(&facts(name, None)))
        .expect("insert")
        .id;
    let interaction = store
        .write(|w| {
            let i = w
                .insert_interaction(&id, &quote_facts(at()), &Default::default())?
                .expect("customer exists");
            w.save_quote(&saved_quote(&i, &id))?;
            Ok::<_, StoreError>(i)
        })
        .expect("saved");
    (id, interaction)
}

#[test]
fn a_quote_reads_back_as_saved() {
    let store = Store::open_in_memory().expect("open");
    let (id, interaction) = customer_with_quote(&store, "王五");
    let read = store.quote(&interaction).expect("read").expect("there");
    assert_eq!(read, saved_quote(&interaction, &id));
    assert_eq!(read.sheet.price, 221_800);
    assert_eq!(store.quotes_of(&id).expect("list"), [read]);
    assert_eq!(store.quote("no-such").expect("read"), None);
}

#[test]
fn a_quote_needs_its_interaction_and_goes_with_it() {
    let store = Store::open_in_memory().expect("open");
    let (id, interaction) = customer_with_quote(&store, "王五");
    assert!(
        store
            .write(|w| w.save_quote(&saved_quote("not-logged", &id)))
            .is_err(),
        "no interaction, no quote"
    );
    assert!(
        store
            .write(|w| w.delete_interaction(&interaction))
            .expect("delete")
    );
    assert_eq!(store.quote(&interaction).expect("read"), None);
    assert!(store.quotes_of(&id).expect("list").is_empty());
}

#[test]
fn erasing_a_customer_erases_their_quotes() {
    let store = Store::open_in_memory().expect("open");
    let (gone, quoted) = customer_with_quote(&store, "王五");
    let (kept, other) = customer_with_quote(&store, "赵六");
    assert!(store.write(|w| w.delete_customer(&gone)).expect("erase"));
    assert_eq!(store.quote(&quoted).expect("read"), None);
    assert!(store.quotes_of(&gone).expect("list").is_empty());
    assert_eq!(store.quotes_of(&kept).expect("list").len(), 1);
    assert!(store.quote(&other).expect("read").is_some());
}
