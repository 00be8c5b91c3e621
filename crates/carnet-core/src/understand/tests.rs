use super::*;
use crate::ModelWish;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("a day")
}

fn catalogue() -> Vec<SeriesName> {
    [
        ("汉", "汉"),
        ("汉EV", "汉"),
        ("秦PLUS", "秦PLUS"),
        ("宋PLUS DM-i", "宋PLUS DM-i"),
        ("宋", "宋"),
        ("海豹", "海豹"),
    ]
    .into_iter()
    .map(|(said, series)| SeriesName {
        said: said.into(),
        series: series.into(),
    })
    .collect()
}

/// Each suggestion as "field=value" (and "<old" when it changes one), in the text's order.
fn read(text: &str, profile: Option<&Profile>) -> Vec<String> {
    understand(text, profile, &catalogue(), today())
        .into_iter()
        .map(|s| match s.old {
            Some(old) => format!("{}={}<{old}", s.field, s.value),
            None => format!("{}={}", s.field, s.value),
        })
        .collect()
}

#[test]
fn real_sounding_notes() {
    let cases: &[(&str, &[&str])] = &[
        (
            "预算25万左右 想看汉兰达 妻子做主 下个月提车 老车是07年的凯美瑞",
            &[
                "budget=25万左右",
                "models=汉兰达",
                "decision_maker=spouse",
                "timeframe=2026-12",
                "car_year=2007",
                "car_model=凯美瑞",
            ],
        ),
        (
            "预算25万左右 妻子做主 下个月提车",
            &[
                "budget=25万左右",
                "decision_maker=spouse",
                "timeframe=2026-12",
            ],
        ),
        (
            "客户想看汉，预算20-25万，老婆说了算",
            &["models=汉", "budget=20-25万", "decision_maker=spouse"],
        ),
        (
            "对秦PLUS挺满意 预算15w 全款",
            &["models=秦PLUS", "budget=15万", "payment=cash"],
        ),
        (
            "看了宋PLUS DM-i，主要上下班代步",
            &["models=宋PLUS DM-i", "purposes=commute"],
        ),
        (
            "听他老婆的，明年再买",
            &["decision_maker=spouse", "timeframe=2027"],
        ),
        ("父母做主", &["decision_maker=parents"]),
        (
            "20万以内，分期，手机13800138000",
            &["budget=20万以内", "payment=loan", "phones=138 0013 8000"],
        ),
        (
            "现在开的是2015款朗逸 跑了8万公里 想置换",
            &["car_year=2015", "car_model=朗逸", "car_mileage=80000"],
        ),
        ("首付5万 月供3千左右", &[]),
        ("客户说再考虑考虑", &[]),
        ("下午三点来电", &[]),
        ("不要打电话太早", &[]),
        ("家里有2个孩子", &[]),
        ("3号来店", &[]),
        ("优惠2万才考虑", &[]),
        ("还没决定", &[]),
        ("汉兰达车主", &[]),
        ("老车卖了3万", &[]),
        ("优惠了2万", &[]),
        ("预算不超过20万，想买SUV", &["budget=20万以内"]),
        (
            "打算年底提车，老车是凯美瑞还想再开两年",
            &["timeframe=2026-12-31", "car_model=凯美瑞"],
        ),
        ("每天通勤50公里", &["purposes=commute"]),
        ("下周三下午来店看车", &[]),
        ("老婆觉得空间小", &[]),
        ("", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(read(text, None), *want, "{text}");
    }
}

#[test]
fn a_known_fact_is_not_suggested_and_a_changed_one_is_a_change() {
    let mut p = Profile::named("王五", None);
    p.budget = Budget::parse("25万左右");
    p.models = vec![ModelWish::parse("秦PLUS")];
    p.decision_maker = Some(Pick::Known(DecisionMaker::Spouse));
    p.purposes = vec![Purpose::Family];
    let text = "预算25万左右 想看汉 妻子做主 上下班用";
    assert_eq!(
        read(text, Some(&p)),
        ["models=汉<秦PLUS", "purposes=family, commute"]
    );
    assert_eq!(
        read("预算30万 老公做主", Some(&p)),
        ["budget=30万<25万左右"]
    );
    // The catalogue's series is kept with a model it names.
    let s = understand("想看汉EV", Some(&p), &catalogue(), today());
    assert_eq!(s.len(), 1);
    assert_eq!(
        (s[0].value.as_str(), s[0].series.as_deref()),
        ("汉", Some("汉"))
    );
    assert_eq!((s[0].said.as_str(), s[0].start, s[0].end), ("汉EV", 2, 5));
}

#[test]
fn every_value_reads_back_through_the_profile() {
    // A suggestion's value is the field's text: the profile form takes it as it is.
    let text =
        "预算25万左右 想看汉兰达 妻子做主 下个月提车 老车是07年的凯美瑞 家用 全款 13800138000";
    let found = understand(text, None, &catalogue(), today());
    assert_eq!(found.len(), 9, "{found:?}");
    let mut draft = Profile::named("赵六", None).to_draft();
    for s in &found {
        draft.set(&s.field, &s.value).expect(&s.field);
        let chars: Vec<char> = text.chars().collect();
        let said: String = chars[s.start as usize..s.end as usize].iter().collect();
        assert_eq!(said, s.said);
    }
    let p = draft.validate(today()).expect("valid");
    assert_eq!(p.budget, Budget::parse("25万左右"));
    assert_eq!(p.current_car.year, Some(2007));
    assert_eq!(p.decision_maker, Some(Pick::Known(DecisionMaker::Spouse)));
    assert_eq!(
        p.timeframe,
        Some(Timeframe::Month {
            year: 2026,
            month: 12
        })
    );
}
