use super::*;

fn invalid_number(field: &'static str, value: u32) -> Result<(), Invalid> {
    Err(Invalid::new(
        field,
        Problem::InvalidNumber {
            value: value.to_string(),
        },
    ))
}

#[test]
fn the_defaults_are_valid() {
    assert_eq!(Rules::default().validate(), Ok(()));
}

#[test]
fn every_number_is_checked_at_both_ends_of_its_range() {
    type Set = fn(&mut Rules, u32);
    let cases: [(&'static str, Set, &RangeInclusive<u32>); 8] = [
        (
            "window_days",
            |r, v| r.levels[1].window_days = Some(v),
            &WINDOW_DAYS,
        ),
        (
            "interval_days",
            |r, v| r.levels[1].interval_days = Some(v),
            &INTERVAL_DAYS,
        ),
        (
            "failed_attempts",
            |r, v| r.failed_attempts = v,
            &FAILED_ATTEMPTS,
        ),
        (
            "lost_revisit_days",
            |r, v| r.lost_revisit_days = v,
            &LOST_REVISIT_DAYS,
        ),
        (
            "satisfaction_check_days",
            |r, v| r.satisfaction_check_days = v,
            &SATISFACTION_CHECK_DAYS,
        ),
        (
            "notify_lead_minutes",
            |r, v| r.notify_lead_minutes = v,
            &NOTIFY_LEAD_MINUTES,
        ),
        ("lead_days", |r, v| r.lead_days = v, &LEAD_DAYS),
        (
            "daily_capacity",
            |r, v| r.daily_capacity = v,
            &DAILY_CAPACITY,
        ),
    ];
    for (field, set, range) in cases {
        let (min, max) = (*range.start(), *range.end());
        let at = |value: u32| {
            let mut rules = Rules::default();
            set(&mut rules, value);
            rules.validate()
        };
        assert_eq!(at(min), Ok(()), "{field} at {min}");
        assert_eq!(at(max), Ok(()), "{field} at {max}");
        assert_eq!(
            at(max + 1),
            invalid_number(field, max + 1),
            "{field} past {max}"
        );
        if min > 0 {
            assert_eq!(
                at(min - 1),
                invalid_number(field, min - 1),
                "{field} below {min}"
            );
        }
    }
}

#[test]
fn an_after_sale_step_is_checked_at_both_ends_of_its_months_and_days() {
    let with = |months: u32, days: i32| {
        let mut rules = Rules::default();
        rules.after_sale[0].months = months;
        rules.after_sale[0].days = days;
        rules.validate()
    };
    let bad = |value: &str| {
        Err(Invalid::new(
            "after_sale",
            Problem::InvalidNumber {
                value: value.into(),
            },
        ))
    };
    let (months, days) = (AFTER_SALE_MONTHS, AFTER_SALE_DAYS);
    assert_eq!(with(*months.start(), *days.start()), Ok(()));
    assert_eq!(with(*months.end(), *days.end()), Ok(()));
    assert_eq!(with(months.end() + 1, 0), bad("601"));
    assert_eq!(with(0, days.end() + 1), bad("366"));
    assert_eq!(with(0, days.start() - 1), bad("-366"));
}

#[test]
fn a_level_without_a_window_or_interval_needs_none() {
    let mut rules = Rules::default();
    rules.levels[1].window_days = None;
    rules.levels[1].interval_days = None;
    assert_eq!(rules.validate(), Ok(()));
}

#[test]
fn holidays_need_a_code_and_a_day_their_calendar_has() {
    let holiday = |code: &str, calendar, month, day| Holiday {
        code: code.into(),
        calendar,
        month,
        day,
    };
    let date = |value: &str| {
        Err(Invalid::new(
            "holidays",
            Problem::InvalidDate {
                value: value.into(),
            },
        ))
    };
    let required = Err(Invalid::new("holidays", Problem::Required));
    let cases = [
        (holiday("x", Calendar::Solar, 1, 1), Ok(())),
        (holiday(&"节".repeat(50), Calendar::Solar, 1, 1), Ok(())),
        (
            holiday(&"节".repeat(51), Calendar::Solar, 1, 1),
            required.clone(),
        ),
        (holiday("  ", Calendar::Solar, 1, 1), required.clone()),
        (holiday("", Calendar::Lunar, 1, 1), required),
        (holiday("leap", Calendar::Solar, 2, 29), Ok(())),
        (holiday("x", Calendar::Solar, 2, 30), date("2-30")),
        (holiday("x", Calendar::Solar, 12, 31), Ok(())),
        (holiday("x", Calendar::Solar, 13, 1), date("13-1")),
        (holiday("x", Calendar::Solar, 0, 1), date("0-1")),
        (holiday("x", Calendar::Solar, 1, 0), date("1-0")),
        (holiday("x", Calendar::Lunar, 12, 30), Ok(())),
        (holiday("x", Calendar::Lunar, 1, 31), date("1-31")),
        (holiday("x", Calendar::Lunar, 13, 1), date("13-1")),
        (holiday("x", Calendar::Lunar, 0, 1), date("0-1")),
        (holiday("x", Calendar::Lunar, 1, 0), date("1-0")),
    ];
    for (h, want) in cases {
        let rules = Rules {
            holidays: vec![h.clone()],
            ..Rules::default()
        };
        assert_eq!(rules.validate(), want, "{h:?}");
    }
}

#[test]
fn the_day_starts_at_a_time_written_hh_mm() {
    let cases = [
        ("08:30", Ok(())),
        (" 00:00 ", Ok(())),
        ("23:59", Ok(())),
        ("24:00", Err("24:00")),
        ("8", Err("8")),
        ("", Err("")),
        ("早上", Err("早上")),
    ];
    for (day_start, want) in cases {
        let rules = Rules {
            day_start: day_start.into(),
            ..Rules::default()
        };
        let want = want.map_err(|value| {
            Invalid::new(
                "day_start",
                Problem::InvalidDate {
                    value: value.into(),
                },
            )
        });
        assert_eq!(rules.validate(), want, "{day_start:?}");
    }
}

#[test]
fn the_first_bad_number_is_the_one_named() {
    let rules = Rules {
        failed_attempts: 0,
        lead_days: 61,
        ..Rules::default()
    };
    assert_eq!(rules.validate(), invalid_number("failed_attempts", 0));
}
