use super::*;
use crate::birthday::Calendar;
use crate::choices::AppointmentKind;

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("valid")
}

const TODAY: (u32, u32) = (12, 6);

fn today() -> NaiveDate {
    date(TODAY.0, TODAY.1)
}

fn prompt(kind: PromptKind, due: NaiveDate, params: PromptParams) -> Prompt {
    Prompt {
        key: format!("{}:{due}", kind.code()),
        kind,
        due,
        time: None,
        priority: 3,
        params,
    }
}

fn cadence(level: Level, due: NaiveDate) -> Prompt {
    prompt(
        PromptKind::Cadence,
        due,
        PromptParams::Cadence { level, last: None },
    )
}

fn complaint(due: NaiveDate) -> Prompt {
    prompt(
        PromptKind::Complaint,
        due,
        PromptParams::Complaint { opened: due },
    )
}

fn next_step(due: NaiveDate, time: Option<&str>) -> Prompt {
    Prompt {
        time: time.map(|t| NaiveTime::parse_from_str(t, "%H:%M").expect("time")),
        ..prompt(
            PromptKind::NextStep,
            due,
            PromptParams::NextStep {
                promise: "报价".into(),
                set_on: date(12, 1),
                appointment: Some(AppointmentKind::Visit),
            },
        )
    }
}

fn after_sale(step: AfterSaleKind, due: NaiveDate) -> Prompt {
    prompt(
        PromptKind::AfterSale,
        due,
        PromptParams::AfterSale {
            step,
            year: 1,
            days: 365,
        },
    )
}

fn birthday(who: &str, calendar: Calendar, due: NaiveDate) -> Prompt {
    prompt(
        PromptKind::Birthday,
        due,
        PromptParams::Birthday {
            who: who.into(),
            name: "张三".into(),
            calendar,
            month: 12,
            day: 6,
        },
    )
}

fn holiday(code: &str, due: NaiveDate) -> Prompt {
    prompt(
        PromptKind::Holiday,
        due,
        PromptParams::Holiday {
            holiday: code.into(),
        },
    )
}

fn who(level: Level, tier: Tier) -> Who {
    Who {
        level,
        tier,
        unhappy: false,
    }
}

fn unhappy(tier: Tier) -> Who {
    Who {
        level: Level::D,
        tier,
        unhappy: true,
    }
}

#[test]
fn prompts_are_weighed_in_the_order_today_fills() {
    // Heaviest first; each line says why it comes before the next.
    let cases: Vec<(&str, Prompt, Who, Why)> = vec![
        (
            "an old complaint of a small owner",
            complaint(date(11, 20)),
            who(Level::D, Tier::Small),
            Why::Complaint,
        ),
        (
            "a newer complaint of a top owner: complaints by age",
            complaint(date(12, 5)),
            who(Level::D, Tier::Top),
            Why::Complaint,
        ),
        (
            "an unhappy top owner's anniversary",
            after_sale(AfterSaleKind::Anniversary, date(12, 6)),
            unhappy(Tier::Top),
            Why::Unhappy,
        ),
        (
            "an unhappy small owner's birthday: by tier",
            birthday("self", Calendar::Solar, date(12, 6)),
            unhappy(Tier::Small),
            Why::Unhappy,
        ),
        (
            "an H prospect past the interval",
            cadence(Level::H, date(12, 4)),
            who(Level::H, Tier::Prospect),
            Why::Hot,
        ),
        (
            "an H prospect due today",
            cadence(Level::H, date(12, 6)),
            who(Level::H, Tier::Prospect),
            Why::Hot,
        ),
        (
            "an A prospect long overdue: H before A",
            cadence(Level::A, date(11, 1)),
            who(Level::A, Tier::Prospect),
            Why::Hot,
        ),
        (
            "an appointment at 10:00",
            next_step(date(12, 6), Some("10:00")),
            who(Level::B, Tier::Prospect),
            Why::Appointment,
        ),
        (
            "an appointment at 15:30",
            next_step(date(12, 6), Some("15:30")),
            who(Level::B, Tier::Prospect),
            Why::Appointment,
        ),
        (
            "a promise with a date and no hour",
            next_step(date(12, 3), None),
            who(Level::C, Tier::Prospect),
            Why::Appointment,
        ),
        (
            "an overdue service reminder",
            after_sale(AfterSaleKind::Service, date(12, 1)),
            who(Level::D, Tier::Small),
            Why::AfterSale,
        ),
        (
            "a first-day call",
            after_sale(AfterSaleKind::Call, date(12, 6)),
            who(Level::D, Tier::Small),
            Why::AfterSale,
        ),
        (
            "a top owner's birthday: the rest by tier",
            birthday("self", Calendar::Solar, date(12, 6)),
            who(Level::D, Tier::Top),
            Why::Rest,
        ),
        (
            "an old B prospect",
            cadence(Level::B, date(11, 1)),
            who(Level::B, Tier::Prospect),
            Why::Rest,
        ),
        (
            "a newer C prospect: same tier, by age",
            cadence(Level::C, date(12, 5)),
            who(Level::C, Tier::Prospect),
            Why::Rest,
        ),
        (
            "a suspect",
            cadence(Level::N, date(11, 1)),
            who(Level::N, Tier::Suspect),
            Why::Rest,
        ),
    ];
    for (label, p, w, why) in &cases {
        assert_eq!(weigh(p, *w, today()).why, *why, "{label}");
    }
    let mut shuffled: Vec<usize> = (0..cases.len()).rev().collect();
    shuffled.rotate_left(5);
    shuffled.sort_by_key(|&i| weigh(&cases[i].1, cases[i].2, today()));
    let labels: Vec<&str> = shuffled.iter().map(|&i| cases[i].0).collect();
    let expected: Vec<&str> = cases.iter().map(|c| c.0).collect();
    assert_eq!(labels, expected);
}

#[test]
fn a_prompt_due_later_in_the_week_weighs_as_if_due_today() {
    // Its age does not go below today's: a C prospect due Friday is not lighter than one due
    // today for being early.
    let w = who(Level::C, Tier::Prospect);
    assert_eq!(
        weigh(&cadence(Level::C, date(12, 10)), w, today()),
        weigh(&cadence(Level::C, date(12, 6)), w, today())
    );
}

#[test]
fn what_may_wait_and_what_keeps_its_day() {
    let cases = [
        (cadence(Level::C, date(12, 6)), true),
        (cadence(Level::H, date(12, 6)), true),
        (
            prompt(
                PromptKind::Regrade,
                date(12, 6),
                PromptParams::Regrade {
                    level: Level::B,
                    since: date(10, 1),
                },
            ),
            true,
        ),
        (after_sale(AfterSaleKind::Insurance, date(12, 6)), true),
        (
            prompt(
                PromptKind::Revisit,
                date(12, 6),
                PromptParams::Revisit { lost_reason: None },
            ),
            true,
        ),
        (birthday("self", Calendar::Lunar, date(12, 6)), false),
        (holiday("new_year", date(12, 6)), false),
        (complaint(date(12, 6)), false),
        (next_step(date(12, 6), Some("10:00")), false),
        (next_step(date(12, 6), None), false),
        (
            prompt(
                PromptKind::NoShow,
                date(12, 6),
                PromptParams::NoShow {
                    on: date(12, 5),
                    time: None,
                    appointment: AppointmentKind::TestDrive,
                },
            ),
            false,
        ),
    ];
    for (p, expected) in &cases {
        assert_eq!(movable(p), *expected, "{}", p.kind.code());
    }
}

#[test]
fn greetings_and_renewals_join_their_occasion_s_group() {
    let t = today();
    let cases = [
        (
            "the customer's birthday today",
            birthday("self", Calendar::Solar, t),
            Some(Occasion::Birthday),
        ),
        (
            "a lunar birthday yesterday (a day late is still kind)",
            birthday("self", Calendar::Lunar, date(12, 5)),
            Some(Occasion::LunarBirthday),
        ),
        (
            "a wife's birthday today",
            birthday("spouse", Calendar::Solar, t),
            Some(Occasion::FamilyBirthday),
        ),
        (
            "a birthday in two days: not yet",
            birthday("self", Calendar::Solar, date(12, 8)),
            None,
        ),
        (
            "a holiday today",
            holiday("new_year", t),
            Some(Occasion::NewYear),
        ),
        (
            "a holiday Carnet has no words for",
            holiday("founders_day", t),
            None,
        ),
        (
            "an insurance renewal due today",
            after_sale(AfterSaleKind::Insurance, t),
            Some(Occasion::InsuranceRenewal),
        ),
        (
            "an insurance renewal still ahead: its own row on its day",
            after_sale(AfterSaleKind::Insurance, date(12, 8)),
            None,
        ),
        (
            "an insurance renewal overdue from last month",
            after_sale(AfterSaleKind::Insurance, date(11, 20)),
            Some(Occasion::InsuranceRenewal),
        ),
        (
            "an insurance renewal next month",
            after_sale(
                AfterSaleKind::Insurance,
                NaiveDate::from_ymd_opt(2027, 1, 2).expect("d"),
            ),
            None,
        ),
        (
            "a service reminder: its own row",
            after_sale(AfterSaleKind::Service, t),
            None,
        ),
        ("a complaint", complaint(t), None),
    ];
    for (label, p, expected) in &cases {
        assert_eq!(group_of(p, t), *expected, "{label}");
    }
}

/// A slot due `offset` days from today (negative: overdue), weighed as `why`.
fn slot(offset: i64, why: Why, movable: bool) -> Slot {
    let due = today() + chrono::Duration::days(offset);
    let p = match why {
        Why::Complaint => complaint(due),
        Why::Hot => cadence(Level::H, due),
        Why::Appointment => next_step(due, Some("10:00")),
        Why::AfterSale => after_sale(AfterSaleKind::Service, due),
        Why::Unhappy | Why::Rest => cadence(Level::C, due),
    };
    let w = match why {
        Why::Hot => who(Level::H, Tier::Prospect),
        Why::Unhappy => unhappy(Tier::Medium),
        _ => who(Level::C, Tier::Prospect),
    };
    Slot {
        due,
        weight: weigh(&p, w, today()),
        movable,
    }
}

/// The days as offsets from today ("-" after the week).
fn days(placed: &[Option<NaiveDate>]) -> Vec<String> {
    placed
        .iter()
        .map(|d| d.map_or("-".into(), |d| (d - today()).num_days().to_string()))
        .collect()
}

#[test]
fn the_week_is_spread_by_weight_and_by_what_may_wait() {
    use Why::*;
    type Case = (&'static str, u32, Vec<Slot>, Vec<&'static str>);
    let cases: Vec<Case> = vec![
        ("nothing to place", 30, vec![], vec![]),
        (
            "capacity 0: every day is full, all of it after the week",
            0,
            vec![slot(0, Complaint, false), slot(-3, Rest, true)],
            vec!["-", "-"],
        ),
        (
            "capacity 1: one a day, heaviest first",
            1,
            vec![
                slot(-2, Rest, true),
                slot(0, Hot, true),
                slot(-1, AfterSale, true),
            ],
            vec!["2", "0", "1"],
        ),
        (
            "it all fits",
            3,
            vec![
                slot(-2, Rest, true),
                slot(0, Hot, true),
                slot(-1, AfterSale, true),
            ],
            vec!["0", "0", "0"],
        ),
        (
            "what keeps its day goes first, even when lighter",
            1,
            vec![slot(0, Hot, true), slot(0, Rest, false)],
            vec!["1", "0"],
        ),
        (
            "what may wait moves past a day already full of what keeps its day",
            2,
            vec![
                slot(0, Rest, true),
                slot(0, Rest, true),
                slot(0, Rest, true),
                slot(1, Appointment, false),
                slot(1, Appointment, false),
            ],
            vec!["0", "0", "2", "1", "1"],
        ),
        (
            "a slot due later in the week keeps its own day when there is room",
            2,
            vec![slot(3, Rest, true), slot(0, Rest, true)],
            vec!["3", "0"],
        ),
        (
            "a day with more fixed slots than the capacity carries the lightest to the next day",
            1,
            vec![slot(0, Rest, false), slot(0, Complaint, false)],
            vec!["1", "0"],
        ),
        (
            "the last day of the week: what it cannot hold is after the week",
            1,
            vec![
                slot(0, Rest, true),
                slot(0, Rest, true),
                slot(0, Rest, true),
                slot(0, Rest, true),
                slot(0, Rest, true),
                slot(0, Rest, true),
                slot(0, Rest, true),
                slot(0, Rest, true),
            ],
            vec!["0", "1", "2", "3", "4", "5", "6", "-"],
        ),
        (
            "a slot due on the last day, that day full: after the week",
            1,
            vec![slot(6, Complaint, false), slot(6, Rest, true)],
            vec!["6", "-"],
        ),
    ];
    for (label, capacity, slots, expected) in cases {
        let placed = spread(&slots, capacity, today());
        assert_eq!(placed.len(), slots.len(), "{label}: nothing lost");
        assert_eq!(days(&placed), expected, "{label}");
        for (i, (s, d)) in slots.iter().zip(&placed).enumerate() {
            if let Some(d) = d {
                assert!(
                    *d >= s.due.max(today()),
                    "{label}: slot {i} is planned before it is due"
                );
            }
        }
    }
}

#[test]
fn no_day_holds_more_than_the_capacity() {
    for capacity in [0, 1, 2, 5, 30] {
        let slots: Vec<Slot> = (0..200)
            .map(|i| {
                let why = Why::ALL[i % Why::ALL.len()];
                slot(i64::try_from(i % 9).expect("small") - 3, why, i % 3 != 0)
            })
            .collect();
        let placed = spread(&slots, capacity, today());
        for offset in 0..PLAN_DAYS {
            let day = today() + Days::new(u64::from(offset));
            let n = placed.iter().filter(|d| **d == Some(day)).count();
            assert!(
                n <= capacity as usize,
                "capacity {capacity}, day {offset}: {n}"
            );
        }
    }
}

#[test]
fn a_prompt_slips_once_a_day_when_it_waits() {
    let t = today();
    let yesterday = date(12, 5);
    let tomorrow = date(12, 7);
    let kept = |day, slips, slipped_on| {
        Some(Kept {
            day,
            slips,
            slipped_on,
        })
    };
    type Case = (
        &'static str,
        Option<Kept>,
        NaiveDate,
        Option<NaiveDate>,
        (u32, Option<NaiveDate>),
    );
    let cases: [Case; 8] = [
        ("new, due, planned today", None, t, Some(t), (0, None)),
        (
            "new, overdue, pushed to tomorrow",
            None,
            yesterday,
            Some(tomorrow),
            (1, Some(t)),
        ),
        (
            "new, overdue, after the week",
            None,
            yesterday,
            None,
            (1, Some(t)),
        ),
        (
            "due later in the week, moved a day: not late yet",
            None,
            date(12, 8),
            Some(date(12, 9)),
            (0, None),
        ),
        (
            "planned for yesterday and not done, today now",
            kept(Some(yesterday), 2, Some(date(12, 3))),
            date(12, 1),
            Some(t),
            (3, Some(t)),
        ),
        (
            "planned for today yesterday, and today it is",
            kept(Some(t), 1, Some(yesterday)),
            date(12, 1),
            Some(t),
            (1, Some(yesterday)),
        ),
        (
            "already slipped today: planning again counts it once",
            kept(Some(tomorrow), 4, Some(t)),
            date(12, 1),
            Some(t),
            (4, Some(t)),
        ),
        (
            "after last week's plan, and again",
            kept(None, 1, Some(yesterday)),
            date(11, 1),
            None,
            (2, Some(t)),
        ),
    ];
    for (label, k, due, placed, expected) in cases {
        assert_eq!(slips(k, due, placed, t), expected, "{label}");
    }
}
