use crate::customers::quick_input as input;
use crate::{App, CustomerInput, ErrorCode, ListOrder};

#[test]
fn a_possible_duplicate_is_named_before_saving_and_saved_when_allowed() {
    let app = App::open_in_memory().expect("app");
    let zhang = app
        .add_customer(input("张三", Some("13812345678")))
        .expect("add");
    let err = app
        .add_customer(input("张三丰", Some("138 1234 5678")))
        .expect_err("duplicate");
    assert_eq!(err.code(), ErrorCode::PossibleDuplicate);
    assert_eq!(err.params().get("name").map(String::as_str), Some("张三"));
    assert_eq!(
        err.params().get("phone").map(String::as_str),
        Some("138 1234 5678")
    );
    assert_eq!(err.params().get("id"), Some(&zhang.id));
    assert_eq!(
        app.list_customers().expect("list").len(),
        1,
        "nothing saved"
    );

    let allowed = CustomerInput {
        allow_duplicate: true,
        ..input("张三丰", Some("13812345678"))
    };
    app.add_customer(allowed).expect("saved when allowed");
    assert_eq!(app.list_customers().expect("list").len(), 2);

    // Editing a customer does not flag the customer themself.
    app.update_customer(&zhang.id, input("张三", Some("13812345679")))
        .expect("edit");
}

#[test]
fn add_list_get_update_delete() {
    let app = App::open_in_memory().expect("app");
    let added = app
        .add_customer(input(" 张三 ", Some("138 1234 5678")))
        .expect("add");
    assert_eq!(added.profile.name, "张三");
    assert_eq!(added.profile.phones[0].stored(), "+8613812345678");
    assert_eq!(added.phones_display, ["138 1234 5678"]);
    assert_eq!(
        added.unknown.len(),
        7,
        "everything but the phone is still to ask"
    );

    let listed = app.list_customers().expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].phone_display.as_deref(), Some("138 1234 5678"));
    assert_eq!(app.get_customer(&added.id).expect("get"), added);

    let updated = app
        .update_customer(&added.id, input("张三丰", None))
        .expect("update");
    assert_eq!(
        (updated.profile.name.as_str(), updated.profile.phones.len()),
        ("张三丰", 0)
    );
    assert_eq!(updated.id, added.id);
    assert_eq!(updated.changes.len(), 1, "the phone, a key fact, changed");

    app.trash_customer(&added.id).expect("trash");
    assert!(app.list_customers().expect("list").is_empty());
    assert_eq!(app.trash().expect("trash")[0].id, added.id);
    app.restore_customer(&added.id).expect("restore");
    assert_eq!(app.list_customers().expect("list").len(), 1);
    app.trash_customer(&added.id).expect("trash");
    assert_eq!(app.empty_trash(&mut |_| {}).expect("empty").erased, 1);
    assert_eq!(
        app.get_customer(&added.id).expect_err("gone").code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        app.trash_customer(&added.id).expect_err("gone").code(),
        ErrorCode::NotFound
    );
}

#[test]
fn search_uses_what_was_typed_and_an_empty_query_lists_everyone() {
    let app = App::open_in_memory().expect("app");
    app.add_customer(input("张三", Some("13812345678")))
        .expect("add");
    app.add_customer(input("李四", None)).expect("add");
    let names = |q: &str| -> Vec<String> {
        app.search_customers(q, ListOrder::Newest, 0, 50)
            .expect("search")
            .customers
            .into_iter()
            .map(|c| c.name)
            .collect()
    };
    assert_eq!(names(" ZS "), ["张三"]);
    assert_eq!(names("138-1234"), ["张三"]);
    assert_eq!(names("  "), ["李四", "张三"]);
    assert!(names("王").is_empty());
    let list = app
        .search_customers("", ListOrder::Newest, 0, 1)
        .expect("first page");
    assert_eq!(
        (list.customers.len(), list.matching),
        (1, Some(2)),
        "a page of the newest, and the total"
    );
}

#[test]
fn invalid_input_is_refused_with_the_field_named_and_nothing_written() {
    let app = App::open_in_memory().expect("app");
    let cases = [
        (input("", Some("13812345678")), ErrorCode::Required, "name"),
        (input("   ", None), ErrorCode::Required, "name"),
        (input(&"名".repeat(101), None), ErrorCode::TooLong, "name"),
        (
            input("张三", Some("打我电话")),
            ErrorCode::InvalidPhone,
            "phones",
        ),
    ];
    for (bad, code, field) in cases {
        let err = app.add_customer(bad.clone()).expect_err("refused");
        assert_eq!(
            (err.code(), err.field.as_deref()),
            (code, Some(field)),
            "{bad:?}"
        );
    }
    assert!(
        app.list_customers().expect("list").is_empty(),
        "nothing half-written"
    );

    // A number not valid as written is no error: it is kept as typed, unverified.
    let typed = app
        .add_customer(input("王五", Some("905-555-1234")))
        .expect("kept");
    assert_eq!(typed.phones_display, ["905-555-1234"]);
    assert!(!typed.phone_views[0].verified);
    app.trash_customer(&typed.id).expect("trash");

    let kept = app.add_customer(input("李四", None)).expect("add");
    let err = app
        .update_customer(&kept.id, input("", None))
        .expect_err("refused");
    assert_eq!(err.code(), ErrorCode::Required);
    assert_eq!(app.get_customer(&kept.id).expect("get"), kept, "unchanged");
}

#[test]
fn edit_sets_fields_as_text_and_refuses_bad_ones_by_name() {
    // Wednesday 25 November 2026.
    let app = App::open_in_memory().expect("app").with_clock(|| {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .expect("valid")
    });
    let c = app.add_customer(input("张三", None)).expect("add");
    let set = |pairs: &[(&str, &str)]| {
        let sets: Vec<(String, String)> = pairs
            .iter()
            .map(|(f, v)| (f.to_string(), v.to_string()))
            .collect();
        app.edit_customer(&c.id, &sets, false)
    };
    let edited = set(&[("budget", "15-20万"), ("level", "H"), ("tags", "VIP,二胎")]).expect("edit");
    assert_eq!(edited.input.budget, "15-20万");
    assert_eq!(edited.profile.level.code(), "H");
    assert_eq!(edited.profile.tags, ["VIP", "二胎"]);
    // Words are kept as words; a timeframe is counted from the day it is set.
    let words = set(&[
        ("budget", "面议"),
        ("timeframe", "下周"),
        ("decision_maker", "老板"),
    ])
    .expect("edit");
    assert_eq!(words.input.budget, "面议");
    assert_eq!(words.profile.budget_words.as_deref(), Some("面议"));
    assert_eq!(words.input.timeframe, "2026-12-06", "the end of next week");
    assert_eq!(words.input.decision_maker, "company");
    let view = words.timeframe_view.expect("a window");
    assert_eq!(
        (view.days_left, view.suggested_level),
        (Some(11), Some(carnet_core::Level::A))
    );
    for (field, value, code) in [
        ("emails", "zhang@", ErrorCode::InvalidEmail),
        ("level", "Z", ErrorCode::InvalidChoice),
        ("birthday", "13-40", ErrorCode::InvalidDate),
        ("car_year", "old", ErrorCode::InvalidNumber),
        ("shoe_size", "42", ErrorCode::UnknownField),
    ] {
        let err = set(&[(field, value)]).expect_err("refused");
        assert_eq!(err.code(), code, "{field}={value}");
        let named = if code == ErrorCode::UnknownField {
            field
        } else {
            value
        };
        assert_eq!(
            err.params().get("value").map(String::as_str),
            Some(named),
            "{field}"
        );
    }
    assert_eq!(
        app.get_customer(&c.id).expect("get").input.budget,
        "面议",
        "unchanged by the refused edits"
    );
    let lost = set(&[("level", "F")]).expect_err("F needs a reason");
    assert_eq!(
        (lost.code(), lost.field.as_deref()),
        (ErrorCode::Required, Some("level_reason"))
    );
}

#[test]
fn bad_filters_name_the_filter() {
    let app = App::open_in_memory().expect("app");
    let err = app
        .search_customers("level:Q", ListOrder::Pinyin, 0, 10)
        .expect_err("refused");
    assert_eq!(
        (err.code(), err.field.as_deref()),
        (ErrorCode::InvalidChoice, Some("level"))
    );
}

#[test]
fn family_and_merge() {
    let app = App::open_in_memory().expect("app");
    let a = app
        .add_customer(input("张三", Some("13812345678")))
        .expect("add");
    let mut second = input("张三", Some("13900005678"));
    second.allow_duplicate = true;
    second.profile.budget = "20万".into();
    let b = app.add_customer(second).expect("add");
    app.edit_customer(&a.id, &[("budget".into(), "15万".into())], false)
        .expect("edit");
    let wife = carnet_core::FamilyDraft {
        name: "李娜".into(),
        relation: "妻子".into(),
        birthday: "10-08".into(),
        birthday_lunar: true,
        ..Default::default()
    };
    let member = app.add_family_member(&b.id, wife).expect("family");
    assert_eq!(member.input.relation, "wife");
    let err = app
        .add_family_member(&b.id, carnet_core::FamilyDraft::default())
        .expect_err("relation needed");
    assert_eq!(err.field.as_deref(), Some("relation"));

    let preview = app.merge_preview(&a.id, &b.id).expect("preview");
    assert_eq!(preview.conflicts, ["budget"]);
    let merged = app
        .merge_customers(&a.id, &b.id, &["budget".into()])
        .expect("merge");
    assert_eq!(merged.input.budget, "20万");
    assert_eq!(merged.profile.phones.len(), 2);
    assert_eq!(merged.family.len(), 1, "the family came along");
    assert_eq!(
        app.get_customer(&b.id).expect_err("gone").code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        app.merge_customers(&a.id, &a.id, &[])
            .expect_err("self")
            .code(),
        ErrorCode::SameCustomer
    );
}

#[test]
fn a_referrer_is_another_customer_in_the_book_found_by_id_or_phone() {
    let app = App::open_in_memory().expect("app");
    let wang = app
        .add_customer(input("王五", Some("13812345678")))
        .expect("add");
    let zhang = app.add_customer(input("张三", None)).expect("add");
    let set =
        |value: &str| app.edit_customer(&zhang.id, &[("referred_by".into(), value.into())], false);
    assert_eq!(
        set(&wang.id).expect("by id").profile.referred_by.as_deref(),
        Some(wang.id.as_str())
    );
    assert_eq!(
        set("138 1234 5678")
            .expect("by phone")
            .profile
            .referred_by
            .as_deref(),
        Some(wang.id.as_str())
    );
    for (value, code) in [
        ("no-such-id", ErrorCode::NotFound),
        ("13900000000", ErrorCode::NotFound),
        (zhang.id.as_str(), ErrorCode::InvalidChoice),
    ] {
        let err = set(value).expect_err("refused");
        assert_eq!(
            (err.code(), err.field.as_deref()),
            (code, Some("referred_by")),
            "{value}"
        );
    }
    app.add_customer(input("王六", Some("13812345678")))
        .map(|_| ())
        .or_else(|_| {
            app.add_customer(CustomerInput {
                allow_duplicate: true,
                ..input("王六", Some("13812345678"))
            })
            .map(|_| ())
        })
        .expect("a second customer with the phone");
    assert_eq!(
        set("13812345678").expect_err("two have it").code(),
        ErrorCode::NotFound,
        "a phone several customers have names no one"
    );
    assert_eq!(set("").expect("cleared").profile.referred_by, None);
}

#[test]
fn the_channel_is_a_filter() {
    let app = App::open_in_memory().expect("app");
    for (name, channel) in [("张三", "抖音"), ("李四", "汽车之家"), ("王五", "")] {
        let c = app.add_customer(input(name, None)).expect("add");
        app.edit_customer(&c.id, &[("channel".into(), channel.into())], false)
            .expect("channel");
    }
    let names = |filter: &str| -> Vec<String> {
        app.search_customers(filter, ListOrder::Pinyin, 0, 10)
            .expect("list")
            .customers
            .into_iter()
            .map(|r| r.name)
            .collect()
    };
    assert_eq!(names("channel:抖音"), ["张三"]);
    assert_eq!(names("渠道:汽车之家"), ["李四"]);
    assert!(names("渠道:车展").is_empty());
}
