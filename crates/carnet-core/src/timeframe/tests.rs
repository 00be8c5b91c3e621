use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid")
}

/// Sunday 6 December 2026.
fn today() -> NaiveDate {
    day(2026, 12, 6)
}

#[test]
fn what_consultants_write_keeps_the_target() {
    let month = |year, month| Timeframe::Month { year, month };
    let by = |y, m, d| Timeframe::By(day(y, m, d));
    let cases: Vec<(&str, Timeframe)> = vec![
        ("2024-10-15", by(2024, 10, 15)),
        ("2024-10-15 00:00", by(2024, 10, 15)),
        ("2024/10/15", by(2024, 10, 15)),
        ("2024.10.15", by(2024, 10, 15)),
        ("2024年10月15日", by(2024, 10, 15)),
        ("２０２４年１０月１５号", by(2024, 10, 15)),
        ("20241015", by(2024, 10, 15)),
        ("2027-03", month(2027, 3)),
        ("2027年3月", month(2027, 3)),
        ("2027年", Timeframe::Year(2027)),
        ("2027", Timeframe::Year(2027)),
        ("10月15日", by(2027, 10, 15)),
        ("12月20日", by(2026, 12, 20)),
        ("10月底", by(2027, 10, 31)),
        ("十月底", by(2027, 10, 31)),
        ("12月底", by(2026, 12, 31)),
        ("2月初", by(2027, 2, 10)),
        ("12月", month(2026, 12)),
        ("3月份", month(2027, 3)),
        ("今天", by(2026, 12, 6)),
        ("马上", by(2026, 12, 13)),
        ("本周", by(2026, 12, 6)),
        ("下周", by(2026, 12, 13)),
        ("下周提车", by(2026, 12, 13)),
        ("下个月", month(2027, 1)),
        ("月底", by(2026, 12, 31)),
        ("年底前", by(2026, 12, 31)),
        // Lunar New Year 2027 falls on 6 February (Hong Kong Observatory).
        ("春节前", by(2027, 2, 5)),
        ("过年前", by(2027, 2, 5)),
        ("国庆前", by(2027, 9, 30)),
        ("元旦前后", by(2026, 12, 31)),
        ("五一前", by(2027, 4, 30)),
        ("一个月内", by(2027, 1, 6)),
        ("1个月内", by(2027, 1, 6)),
        ("三个月内", by(2027, 3, 6)),
        ("两三个月", by(2027, 3, 6)),
        ("10天内", by(2026, 12, 16)),
        ("一周内", by(2026, 12, 13)),
        ("半个月内", by(2026, 12, 21)),
        ("半年内", by(2027, 6, 6)),
        ("一年内", by(2027, 12, 6)),
        ("明年", Timeframe::Year(2027)),
        ("within_30_days", by(2027, 1, 5)),
        ("待定", Timeframe::Words("待定".into())),
        ("看政策", Timeframe::Words("看政策".into())),
        (" 等 年终奖 ", Timeframe::Words("等 年终奖".into())),
        ("13月", Timeframe::Words("13月".into())),
        ("2024-02-30", Timeframe::Words("2024-02-30".into())),
        // A colon far in, after letters of more than one byte: words, never a broken slice.
        ("・(￣∀￣)・:*:", Timeframe::Words("・(￣∀￣)・:*:".into())),
        (
            "二〇二四年十月十五日 上午:00",
            Timeframe::Words("二〇二四年十月十五日 上午:00".into()),
        ),
    ];
    for (raw, want) in cases {
        let got = Timeframe::parse(raw, today()).unwrap_or_else(|| panic!("{raw}"));
        assert_eq!(got, want, "{raw}");
        // The target reads back the same on any other day.
        assert_eq!(
            Timeframe::parse(&got.to_input(), day(2030, 1, 1)),
            Some(got.clone()),
            "{raw} read back"
        );
        assert_eq!(
            Timeframe::from_stored(&got.stored()),
            Some(got),
            "{raw} stored"
        );
    }
    assert_eq!(Timeframe::parse("  ", today()), None);
}

#[test]
fn the_window_moves_as_time_passes() {
    let w = DEFAULT_WINDOWS;
    let said = Timeframe::parse("一个月内", today()).expect("a window");
    let cases = [
        (today(), Some(31), Some(Level::C)),
        (day(2026, 12, 7), Some(30), Some(Level::B)),
        (day(2026, 12, 22), Some(15), Some(Level::A)),
        (day(2026, 12, 23), Some(14), Some(Level::A)),
        (day(2026, 12, 30), Some(7), Some(Level::H)),
        (day(2027, 1, 6), Some(0), Some(Level::H)),
        (day(2027, 1, 7), Some(-1), None),
    ];
    for (on, days, level) in cases {
        assert_eq!(said.days_left(on), days, "{on}");
        assert_eq!(said.suggested_level(on, w), level, "{on}");
        assert_eq!(said.passed(on), days.is_some_and(|d| d < 0), "{on}");
    }
    // A month: its middle while ahead, its end once it has begun.
    let march = Timeframe::Month {
        year: 2027,
        month: 3,
    };
    assert_eq!(march.target_day(today()), Some(day(2027, 3, 15)));
    assert_eq!(march.target_day(day(2027, 3, 2)), Some(day(2027, 3, 31)));
    assert!(march.passed(day(2027, 4, 1)));
    let this_month = Timeframe::parse("12月", today()).expect("month");
    assert_eq!(this_month.suggested_level(today(), w), Some(Level::B));
    let next_year = Timeframe::parse("明年", today()).expect("year");
    assert_eq!(next_year.suggested_level(today(), w), Some(Level::C));
    assert_eq!(
        Timeframe::parse("待定", today())
            .expect("words")
            .suggested_level(today(), w),
        None
    );
    // Editable windows are followed.
    let tight = [
        (Level::H, 3),
        (Level::A, 10),
        (Level::B, 20),
        (Level::C, 60),
    ];
    assert_eq!(
        Timeframe::parse("下周", today())
            .expect("week")
            .suggested_level(today(), &tight),
        Some(Level::A)
    );
}
