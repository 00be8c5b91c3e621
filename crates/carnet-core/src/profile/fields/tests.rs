use super::*;
use crate::profile::tests::{full, today};

#[test]
fn every_field_can_be_read_and_set_by_name() {
    let draft = full();
    let mut copy = ProfileDraft::default();
    for field in FIELDS.iter().map(|f| f.name) {
        let value = draft.get(field).unwrap_or_else(|| panic!("get {field}"));
        copy.set(field, &value)
            .unwrap_or_else(|e| panic!("set {field}: {e:?}"));
    }
    assert_eq!(copy.validate(today()), draft.validate(today()));
    assert_eq!(draft.get("shoe_size"), None);
}

/// A draft with a name and `field` set to `value`, checked.
fn check(field: &str, value: &str) -> Result<crate::Profile, Invalid> {
    let mut d = ProfileDraft {
        name: "张三".into(),
        ..ProfileDraft::default()
    };
    d.set(field, value).expect("set");
    d.validate(today())
}

#[test]
fn the_limits_checked_are_the_declared_ones() {
    for f in FIELDS {
        let too_long = "x".repeat(f.max_chars + 1);
        match f.kind {
            FieldKind::Text
            | FieldKind::LongText
            | FieldKind::Budget
            | FieldKind::Timeframe
            | FieldKind::Choice
                if f.max_chars > 0 =>
            {
                assert!(
                    check(f.name, &"x".repeat(f.max_chars)).is_ok(),
                    "{}",
                    f.name
                );
                let err = check(f.name, &too_long).expect_err(f.name);
                let want = Invalid::new(f.name, Problem::TooLong { max: f.max_chars });
                assert_eq!(err, want);
            }
            FieldKind::Number { min, max } => {
                for ok in [min, max] {
                    assert!(check(f.name, &ok.to_string()).is_ok(), "{} {ok}", f.name);
                }
                for bad in [min - 1, max + 1] {
                    let err = check(f.name, &bad.to_string()).expect_err(f.name);
                    assert_eq!(err.field, f.name);
                }
            }
            _ => {}
        }
        if f.max_items > 0 {
            let item = |i: usize| match f.name {
                "phones" => format!("138{i:08}"),
                "emails" => format!("a{i}@example.com"),
                _ => format!("x{i}"),
            };
            let items = |n: usize| (0..n).map(item).collect::<Vec<_>>().join(", ");
            assert!(check(f.name, &items(f.max_items)).is_ok(), "{}", f.name);
            let err = check(f.name, &items(f.max_items + 1)).expect_err(f.name);
            let want = Invalid::new(f.name, Problem::TooMany { max: f.max_items });
            assert_eq!(err, want);
        }
    }
    for (list, item) in [("tags", spec::tags.max_chars), ("models", SHORT_MAX_CHARS)] {
        let err = check(list, &"x".repeat(item + 1)).expect_err(list);
        assert_eq!(err, Invalid::new(list, Problem::TooLong { max: item }));
    }
}

#[test]
fn lists_merge_by_union_and_the_flag_goes_with_the_birthday() {
    let lists: Vec<&str> = FIELDS
        .iter()
        .filter(|f| f.is_list())
        .map(|f| f.name)
        .collect();
    assert_eq!(
        lists,
        [
            "phones",
            "emails",
            "models",
            "purposes",
            "priorities",
            "tags"
        ]
    );
    let at = FIELDS.iter().position(|f| f.name == "birthday_lunar");
    assert_eq!(at.map(|at| FIELDS[at - 1].name), Some("birthday"));
    assert_eq!(spec::birthday_lunar.merge, MergeRule::WithPrevious);
    assert!(spec::level.is_unknown("N") && !spec::level.is_unknown("B"));
    assert_eq!(field("car_year"), Some(&spec::car_year));
    assert_eq!(field("shoe_size"), None);
}

#[test]
fn the_list_of_channels_is_tidied_and_checked() {
    let typed = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    assert_eq!(channel_list(&[]).expect("empty"), Vec::<String>::new());
    assert_eq!(
        channel_list(&typed(&[" 抖音 ", "", "汽车之家", "抖音", "  ", "小红书"])).expect("valid"),
        ["抖音", "汽车之家", "小红书"],
        "tidied, repeats and empty ones dropped, in the order given"
    );
    let longest = "长".repeat(CHANNEL_MAX_CHARS);
    assert_eq!(
        channel_list(std::slice::from_ref(&longest)).expect("valid"),
        std::slice::from_ref(&longest)
    );
    let refused = |given: Vec<String>| channel_list(&given).expect_err("refused");
    let too_long = refused(vec![format!("{longest}长")]);
    assert_eq!(
        (too_long.field, too_long.problem),
        (
            "channels",
            Problem::TooLong {
                max: CHANNEL_MAX_CHARS
            }
        )
    );
    let too_many = refused((0..=CHANNELS_MAX).map(|i| format!("渠道{i}")).collect());
    assert_eq!(
        (too_many.field, too_many.problem),
        ("channels", Problem::TooMany { max: CHANNELS_MAX })
    );
    let repeats: Vec<String> = (0..=CHANNELS_MAX)
        .map(|i| format!("渠道{}", i % 10))
        .collect();
    assert_eq!(
        channel_list(&repeats).expect("repeats do not count").len(),
        10
    );
    assert_eq!(
        channel_list(&typed(DEFAULT_CHANNELS)).expect("the defaults are valid"),
        DEFAULT_CHANNELS
    );
}

#[test]
fn text_is_tidied_of_runs_of_space_control_characters_and_byte_order_marks() {
    let cases = [
        ("  张三 ", "张三"),
        ("张\u{3000}\u{3000}三", "张 三"),
        ("a\tb\r\nc", "a b c"),
        ("\u{FEFF}张三", "张三"),
        ("\u{FEFF}", ""),
        ("王\u{0007}五", "王五"),
        // A part that is nothing but control characters leaves no double space behind.
        ("a \u{0001} b", "a b"),
        (" \u{0001} a\u{FEFF} \u{FEFF} ", "a"),
        ("\u{0001}", ""),
        ("", ""),
        // Invisible but meaningful marks stay: a zero-width joiner inside an emoji.
        ("👨\u{200D}👩", "👨\u{200D}👩"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
    ];
    for (typed, kept) in cases {
        assert_eq!(crate::profile::tidy(typed), kept, "{typed:?}");
    }
}
