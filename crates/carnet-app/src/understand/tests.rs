use chrono::{NaiveDate, NaiveDateTime};

use crate::App;
use crate::customers::quick_input;

fn nov25() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("valid")
}

#[test]
fn a_note_suggests_and_one_accepted_chip_writes_one_field() {
    let app = App::open_in_memory().expect("app").with_clock(nov25);
    let id = app.add_customer(quick_input("王五", None)).expect("add").id;
    app.edit_customer(&id, &[("models".into(), "秦PLUS".into())], false)
        .expect("edit");
    let text = "预算25万左右 想看汉 妻子做主 下个月提车";
    let found = app.understand(Some(&id), text).expect("understand");
    let fields: Vec<(&str, &str, Option<&str>)> = found
        .iter()
        .map(|s| (s.field.as_str(), s.value.as_str(), s.old.as_deref()))
        .collect();
    assert_eq!(
        fields,
        [
            ("budget", "25万左右", None),
            ("models", "汉", Some("秦PLUS")),
            ("decision_maker", "spouse", None),
            ("timeframe", "2026-12", None),
        ]
    );
    // Reading writes nothing.
    let before = app.get_customer(&id).expect("get");
    assert_eq!(before.profile.budget, None);

    let after = app.accept_suggestion(&id, &found[0]).expect("accept");
    assert_eq!(after.input.budget, "25万左右");
    assert_eq!(after.input.models, before.input.models);
    assert_eq!(after.input.decision_maker, "");
    // What was accepted is known now: not suggested again.
    let again = app.understand(Some(&id), text).expect("understand");
    assert!(again.iter().all(|s| s.field != "budget"), "{again:?}");
    assert_eq!(again.len(), 3);
    // Without a customer, everything is new.
    assert_eq!(app.understand(None, text).expect("understand").len(), 4);
    assert!(app.understand(Some("nobody"), text).is_err());
}
