use super::*;

#[test]
fn the_sort_key_keeps_a_surname_together() {
    let key = |name: &str| SearchKeys::new(name, &[]).sort_key;
    assert_eq!(key("陈芳浩"), "chen fang hao");
    assert_eq!(key("John Smith"), "john smith");
    assert_eq!(key("欧阳娜娜"), "ou yang na na");
    let mut names = ["程洋国", "陈涵成", "陈芳浩", "曾国藩", "张三"];
    names.sort_by_key(|n| key(n));
    assert_eq!(names, ["陈芳浩", "陈涵成", "程洋国", "曾国藩", "张三"]);
}

#[test]
fn grams_rank_what_short_queries_find() {
    let mut profile = crate::Profile::named("张三丰", None);
    profile.models = vec![crate::ModelWish::parse("汉")];
    profile.tags = vec!["VIP".into()];
    let keys = SearchKeys::of(&profile);
    let rank = |text: &str| keys.grams.iter().find(|g| g.text == text).map(|g| g.rank);
    let cases = [
        ("张", Some(1)),
        ("张三", Some(1)),
        ("三丰", Some(2)),
        ("丰", Some(2)),
        ("zs", Some(1)),
        ("z", Some(1)),
        ("zh", Some(1)),
        ("汉", Some(2)),
        ("vi", Some(2)),
        ("张丰", None),
        ("sf", None),
    ];
    for (text, want) in cases {
        assert_eq!(rank(text), want, "{text}");
    }
    let two = SearchKeys::of(&crate::Profile::named("王五", None));
    let exact: Vec<&str> = two
        .grams
        .iter()
        .filter(|g| g.rank == 0)
        .map(|g| g.text.as_str())
        .collect();
    assert_eq!(
        exact,
        ["ww", "王五"],
        "the whole name and the whole initials rank first"
    );
}

#[test]
fn pinyin_keys_including_special_surnames() {
    let cases = [
        ("张三", "zhangsan", "zs"),
        ("李秀英", "lixiuying", "lxy"),
        ("单田芳", "shantianfang", "stf"),
        ("曾国藩", "zengguofan", "zgf"),
        ("解缙", "xiejin", "xj"),
        ("仇英", "qiuying", "qy"),
        ("区志强", "ouzhiqiang", "ozq"),
        ("尉迟恭", "yuchigong", "ycg"),
        ("欧阳娜娜", "ouyangnana", "oynn"),
        ("John Smith", "johnsmith", "js"),
        ("王 Amy", "wangamy", "wa"),
    ];
    for (name, pinyin, initials) in cases {
        let keys = SearchKeys::new(name, &[]);
        assert_eq!(
            (keys.pinyin.as_str(), keys.initials.as_str()),
            (pinyin, initials),
            "{name}"
        );
    }
}

#[test]
fn a_special_reading_applies_only_to_the_surname() {
    // 单 is "dan" inside a given name; 曾 is "ceng" there.
    assert_eq!(SearchKeys::new("王单", &[]).pinyin, "wangdan");
    assert_eq!(SearchKeys::new("李曾", &[]).pinyin, "liceng");
}

#[test]
fn phone_keys_hold_international_and_national_digits() {
    let mobile = Phone::parse("138 1234 5678").expect("valid");
    let landline = Phone::parse("010-6552 8899").expect("valid");
    let keys = SearchKeys::new("张三", &[&mobile, &landline]);
    assert_eq!(
        keys.phones,
        "8613812345678 13812345678 861065528899 01065528899"
    );
}

#[test]
fn queries_are_tidied() {
    let cases = [
        ("  张三 ", Some("张三")),
        ("ZS", Some("zs")),
        ("138 1234-5678", Some("13812345678")),
        ("+86 138", Some("86138")),
        ("5678", Some("5678")),
        ("Zhang  San", Some("zhang san")),
        ("A6L 2023", Some("a6l 2023")),
        ("", None),
        ("   ", None),
    ];
    for (raw, want) in cases {
        assert_eq!(
            Query::parse(raw).map(|q| q.text),
            want.map(String::from),
            "{raw:?}"
        );
    }
}
