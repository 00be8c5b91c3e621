use super::*;
use crate::profile::{ModelWish, Problem};

#[test]
fn money_as_price_sheets_write_it() {
    let cases: [(&str, Option<u64>); 11] = [
        ("22.98万", Some(229_800)),
        ("229800", Some(229_800)),
        ("229,800元", Some(229_800)),
        ("¥229,800", Some(229_800)),
        ("２２.９８万", Some(229_800)),
        ("9.98", Some(99_800)),
        ("10.58 万", Some(105_800)),
        ("15-20万", None),
        ("约25万", None),
        ("面议", None),
        ("", None),
    ];
    for (raw, want) in cases {
        assert_eq!(parse_money(raw), want, "{raw:?}");
    }
}

#[test]
fn each_kind_of_field_reads_its_text_and_refuses_naming_the_field() {
    type Case = (&'static str, &'static str, Result<&'static str, Problem>);
    let bad_number = |v: &str| {
        Err(Problem::InvalidNumber {
            value: v.to_owned(),
        })
    };
    let cases: Vec<Case> = vec![
        ("brand", " 比亚迪 ", Ok("比亚迪")),
        ("price", "22.98万", Ok("229800")),
        ("price", "9,999", bad_number("9,999")),
        ("price", "15-20万", bad_number("15-20万")),
        ("year", "2025", Ok("2025")),
        ("year", "2025.5", bad_number("2025.5")),
        ("year", "1890", bad_number("1890")),
        ("seats", "7座", Ok("7")),
        ("seats", "13", bad_number("13")),
        ("seats", "七", bad_number("七")),
        ("range_km", "605km", Ok("605")),
        ("range_km", "605 KM", Ok("605")),
        ("length_mm", "4,995mm", Ok("4995")),
        ("accel_s", "3.9秒", Ok("3.9")),
        ("accel_s", "3.9s", Ok("3.9")),
        ("accel_s", "0.9", bad_number("0.9")),
        ("fuel_l100", "3.8", Ok("3.8")),
        ("battery_kwh", "85.44", Ok("85.44")),
        ("energy", "纯电", Ok("bev")),
        ("energy", "EV", Ok("bev")),
        ("energy", "phev", Ok("phev")),
        ("energy", "DM-i", Ok("phev")),
        ("body", "紧凑型SUV", Ok("suv")),
        ("body", "中大型轿车", Ok("sedan")),
        ("drivetrain", "双电机四驱", Ok("awd")),
        (
            "colours",
            "雪域白、汉宫红, 墨玉黑/时间灰",
            Ok("雪域白、汉宫红、墨玉黑、时间灰"),
        ),
        ("aliases", "汉EV；han", Ok("汉EV、han")),
        ("warranty", "6年或15万公里", Ok("6年或15万公里")),
        (
            "brand",
            Box::leak("比".repeat(41).into_boxed_str()),
            Err(Problem::TooLong { max: 40 }),
        ),
        ("note", "", Ok("")),
    ];
    for (code, raw, want) in cases {
        let mut trim = Trim::default();
        let got = trim.set_field(code, raw).map(|()| trim.field_text(code));
        match want {
            Ok(text) => assert_eq!(got, Ok(text.to_owned()), "{code} {raw:?}"),
            Err(problem) => {
                let err = got.expect_err(code);
                assert_eq!((err.field, err.problem), (code, problem), "{code} {raw:?}");
            }
        }
    }
    let err = Trim::default()
        .set_field("energy", "氢能")
        .expect_err("not a choice");
    assert_eq!(err.field, "energy");
    assert!(
        matches!(err.problem, Problem::InvalidChoice { ref allowed, .. } if allowed.contains(&"bev"))
    );
    let err = Trim::default()
        .set_field("colour", "白")
        .expect_err("no such field");
    assert!(matches!(err.problem, Problem::UnknownField { ref value } if value == "colour"));
}

fn han() -> Trim {
    Trim {
        id: "han-ev-605".into(),
        brand: "比亚迪".into(),
        series: "汉".into(),
        trim: "EV 605KM 尊贵型".into(),
        year: Some(2025),
        price: 209_800,
        body: Some(crate::Body::Sedan),
        energy: Some(crate::Energy::Bev),
        seats: Some(5),
        accel_s: Some(3.9),
        range_km: Some(605),
        battery_kwh: Some(85.44),
        colours: vec!["雪域白".into(), "汉宫红".into()],
        aliases: vec!["汉EV".into()],
        ..Trim::default()
    }
}

#[test]
fn every_field_written_reads_back_the_same() {
    let trim = han();
    let again = Trim::from_texts(
        trim.texts()
            .iter()
            .map(|(code, text)| (*code, text.as_str())),
    )
    .expect("reads back");
    assert_eq!(
        again,
        Trim {
            id: String::new(),
            ..trim.clone()
        }
    );
    // The Chinese words a sheet shows read back too.
    let mut worded = Trim::default();
    for field in TRIM_FIELDS {
        worded
            .set_field(field.code, &trim.field_word(field.code))
            .expect(field.code);
    }
    assert_eq!(trim.field_word("energy"), "纯电");
    assert_eq!(worded.energy, trim.energy);
    assert_eq!(worded.body, trim.body);
}

#[test]
fn a_whole_trim_is_checked_naming_the_first_field_at_fault() {
    assert_eq!(han().check(), Ok(()));
    type Spoil = fn(&mut Trim);
    let cases: [(Spoil, &str, Problem); 5] = [
        (|t| t.brand.clear(), "brand", Problem::Required),
        (|t| t.series.clear(), "series", Problem::Required),
        (|t| t.price = 0, "price", Problem::Required),
        (
            |t| t.price = 5_000,
            "price",
            Problem::InvalidNumber {
                value: "5000".into(),
            },
        ),
        (
            |t| t.seats = Some(40),
            "seats",
            Problem::InvalidNumber { value: "40".into() },
        ),
    ];
    for (spoil, field, problem) in cases {
        let mut trim = han();
        spoil(&mut trim);
        let err = trim.check().expect_err(field);
        assert_eq!((err.field, err.problem), (field, problem));
    }
    let err = Trim::from_texts([("brand", "比亚迪"), ("price", "9.98万")]).expect_err("no series");
    assert_eq!(err.field, "series");
}

fn catalogue() -> Vec<Trim> {
    let trim = |id: &str, series: &str, trim: &str, price: u64, energy, aliases: &[&str]| Trim {
        id: id.into(),
        brand: "比亚迪".into(),
        series: series.into(),
        trim: trim.into(),
        price,
        energy: Some(energy),
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
        ..Trim::default()
    };
    use crate::Energy::{Bev, Phev};
    vec![
        trim(
            "han-ev-506",
            "汉",
            "EV 506KM 尊贵型",
            189_800,
            Bev,
            &["汉EV"],
        ),
        trim(
            "han-ev-605",
            "汉",
            "EV 605KM 旗舰型",
            209_800,
            Bev,
            &["汉EV"],
        ),
        trim(
            "han-dmi",
            "汉",
            "DM-i 121KM 尊贵型",
            169_800,
            Phev,
            &["汉DM-i"],
        ),
        trim(
            "qin-dmi-55",
            "秦PLUS",
            "DM-i 55KM 领先型",
            79_800,
            Phev,
            &[],
        ),
        trim(
            "qin-dmi-120",
            "秦PLUS",
            "DM-i 120KM 卓越型",
            99_800,
            Phev,
            &[],
        ),
        trim("qin-ev", "秦PLUS", "EV 510KM 卓越型", 119_800, Bev, &[]),
        trim(
            "song-plus",
            "宋PLUS",
            "DM-i 冠军版 旗舰型",
            169_800,
            Phev,
            &["宋+"],
        ),
        trim("song-pro", "宋Pro", "DM-i 荣耀版", 119_800, Phev, &[]),
        trim("seal", "海豹", "EV 650KM 四驱", 239_800, Bev, &["seal"]),
    ]
}

#[test]
fn a_wish_links_to_the_trim_it_names_or_stays_words() {
    let trims = catalogue();
    let wish = |model: &str, trim: &str| ModelWish {
        model: model.into(),
        trim: trim.into(),
        colour: String::new(),
    };
    let cases: Vec<(ModelWish, Option<&str>)> = vec![
        // The series: its cheapest trim.
        (wish("汉", ""), Some("han-dmi")),
        (wish("秦PLUS", ""), Some("qin-dmi-55")),
        (wish("秦 plus", ""), Some("qin-dmi-55")),
        (wish("秦PLUS", "卓越型"), Some("qin-dmi-120")),
        (wish("秦PLUS", "EV"), Some("qin-ev")),
        // Series and trim words in the model.
        (wish("汉EV", ""), Some("han-ev-506")),
        (wish("汉 EV", "旗舰型"), Some("han-ev-605")),
        (wish("汉EV 605", ""), Some("han-ev-605")),
        (wish("宋PLUS DM-i", ""), Some("song-plus")),
        (wish("宋pro", ""), Some("song-pro")),
        // An alias, the brand first, pinyin, initials.
        (wish("汉DM-i", ""), Some("han-dmi")),
        (wish("宋+", ""), Some("song-plus")),
        (wish("Seal", ""), Some("seal")),
        (wish("比亚迪汉", ""), Some("han-dmi")),
        (wish("比亚迪 海豹", ""), Some("seal")),
        (wish("han", ""), Some("han-dmi")),
        (wish("Han EV", ""), Some("han-ev-506")),
        (wish("haibao", ""), Some("seal")),
        (wish("qinplus", ""), Some("qin-dmi-55")),
        (wish("qp", ""), Some("qin-dmi-55")),
        // What names nothing in the catalogue stays free text.
        (wish("汉兰达", ""), None),
        (wish("hanlanda", ""), None),
        (wish("海豹06", ""), None),
        (wish("宋L", ""), None),
        (wish("凯美瑞", ""), None),
        (wish("", "尊贵型"), None),
        (wish("比亚迪", ""), None),
    ];
    for (w, want) in cases {
        let got = match_wish(&w, &trims).map(|t| t.id.as_str());
        assert_eq!(got, want, "{w:?}");
    }
    assert_eq!(match_wish(&wish("汉", ""), &[]), None);
}
