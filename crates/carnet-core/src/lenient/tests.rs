use super::*;
use crate::profile::{LIST_MAX, NAME_MAX_CHARS};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 6).expect("valid")
}

fn row(pairs: &[(&str, &str)]) -> ProfileDraft {
    let mut d = ProfileDraft::default();
    for (field, value) in pairs {
        d.set(field, value)
            .unwrap_or_else(|e| panic!("{field}: {e:?}"));
    }
    d
}

fn header(field: &str) -> String {
    match field {
        "title" => "称呼".into(),
        "level" => "级别".into(),
        "birthday" => "生日".into(),
        "phones" => "手机".into(),
        "emails" => "E-mail".into(),
        other => other.into(),
    }
}

#[test]
fn a_row_is_refused_only_when_nothing_identifies_the_person() {
    type Row<'a> = &'a [(&'a str, &'a str)];
    let cases: [(Row<'_>, Option<&str>); 6] = [
        (&[("name", "张三")], Some("张三")),
        (&[("phones", "13812345678")], Some("138 1234 5678")),
        (&[("phones", "905-555-1234")], Some("905-555-1234")),
        (&[("wechat", "zs_88")], Some("zs_88")),
        (&[("emails", "zs@example.com")], Some("zs@example.com")),
        (&[("notes", "来过一次"), ("budget", "20万")], None),
    ];
    for (pairs, name) in cases {
        let got = row(pairs).validate_lenient(today(), &header);
        match name {
            Some(name) => {
                let read = got.unwrap_or_else(|e| panic!("{pairs:?}: {e:?}"));
                assert_eq!(read.profile.name, name, "{pairs:?}");
                let made = read.kept.iter().any(|k| k.kept_in == KeptIn::MadeUpName);
                assert_eq!(made, pairs[0].0 != "name", "{pairs:?}");
            }
            None => assert_eq!(got.expect_err("refused").field, "name"),
        }
    }
}

#[test]
fn what_is_not_understood_is_kept_in_its_field_or_the_notes() {
    let read = row(&[
        ("name", "张三"),
        ("title", "陛下"),
        ("phones", "13812345678, 123456, 13900001111（微信同号）"),
        ("emails", "zs@example, zs@example.com"),
        ("budget", "看车定"),
        ("timeframe", "年底前"),
        ("decision_maker", "老板"),
        ("level", "Z"),
        ("purposes", "family, 跑滴滴"),
        ("birthday", "02-30"),
        ("notes", "老客户介绍"),
    ])
    .validate_lenient(today(), &header)
    .expect("kept");
    let p = &read.profile;
    let phones: Vec<String> = p.phones.iter().map(Phone::input).collect();
    assert_eq!(phones, ["138 1234 5678", "123456", "139 0000 1111"]);
    assert_eq!(p.emails, ["zs@example.com"]);
    assert_eq!(p.budget_words.as_deref(), Some("看车定"));
    assert_eq!(
        p.timeframe,
        NaiveDate::from_ymd_opt(2026, 12, 31).map(Timeframe::By)
    );
    assert_eq!(
        p.decision_maker,
        Some(Pick::Known(crate::DecisionMaker::Company))
    );
    assert_eq!(p.level, crate::Level::N);
    assert_eq!(p.purposes, [crate::Purpose::Family]);
    assert_eq!(p.birthday, None);
    assert_eq!(
        p.notes.as_deref(),
        Some(
            "老客户介绍\n称呼：陛下\n手机：13900001111（微信同号）\nE-mail: zs@example\npurposes: 跑滴滴\n级别：Z\n生日：02-30"
        )
    );
    let kept: Vec<(&str, &str, KeptIn)> = read
        .kept
        .iter()
        .map(|k| (k.field, k.value.as_str(), k.kept_in))
        .collect();
    assert_eq!(
        kept,
        [
            ("title", "陛下", KeptIn::Notes),
            ("phones", "13900001111（微信同号）", KeptIn::Notes),
            ("emails", "zs@example", KeptIn::Notes),
            ("purposes", "跑滴滴", KeptIn::Notes),
            ("level", "Z", KeptIn::Notes),
            ("birthday", "02-30", KeptIn::Notes),
            ("phones", "123456", KeptIn::Field),
            ("budget", "看车定", KeptIn::Field),
        ]
    );
}

#[test]
fn a_name_too_long_and_too_many_phones_lose_nothing() {
    let long = "名".repeat(NAME_MAX_CHARS + 5);
    let phones: Vec<String> = (0..25).map(|i| format!("1380000{i:04}")).collect();
    let read = row(&[("name", &long), ("phones", &phones.join(","))])
        .validate_lenient(today(), &header)
        .expect("kept");
    assert_eq!(read.profile.name.chars().count(), NAME_MAX_CHARS);
    assert_eq!(read.profile.phones.len(), LIST_MAX);
    let notes = read.profile.notes.expect("notes");
    assert!(notes.contains(&long), "{notes}");
    assert!(notes.contains("13800000024"), "{notes}");
}
