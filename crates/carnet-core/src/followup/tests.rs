use super::*;

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("valid")
}

fn situation(level: Level) -> Situation {
    Situation {
        name: "张三".into(),
        level,
        level_since: date(11, 20),
        created: date(11, 1),
        birthday: None,
        family: Vec::new(),
        contacts: Vec::new(),
        delivered: None,
        complaints: Vec::new(),
        revisit: None,
    }
}

fn contact(id: &str, on: NaiveDate, reached: bool, next: Option<&str>) -> Contact {
    Contact {
        id: id.into(),
        date: on,
        reached,
        next: next.map(|n| DueAt::parse(n).expect("valid next")),
        promise: None,
        satisfaction: None,
        appointment: None,
        kind: InteractionKind::Call,
    }
}

/// A contact that set an appointment of `kind` on `next`.
fn appointment(id: &str, on: NaiveDate, next: &str, kind: AppointmentKind) -> Contact {
    Contact {
        appointment: Some(kind),
        ..contact(id, on, true, Some(next))
    }
}

/// A contact of `kind` on a day.
fn came(id: &str, on: NaiveDate, kind: InteractionKind) -> Contact {
    Contact {
        kind,
        ..contact(id, on, true, None)
    }
}

/// The prompts as `kind due [time]` lines, for comparing at a glance.
fn summary(s: &Situation, today: NaiveDate) -> Vec<String> {
    prompts(s, &Rules::default(), today)
        .into_iter()
        .map(|p| {
            let time = p
                .time
                .map(|t| format!(" {}", t.format("%H:%M")))
                .unwrap_or_default();
            format!("{} {}{time}", p.kind.code(), p.due)
        })
        .collect()
}

#[test]
fn every_source_as_a_table() {
    let today = date(11, 25);
    let with = |level: Level, f: &dyn Fn(&mut Situation)| {
        let mut s = situation(level);
        f(&mut s);
        s
    };
    let lunar_wife = Relative {
        id: "w".into(),
        name: "李娜".into(),
        relation: crate::Pick::Known(Relation::Wife),
        birthday: Birthday {
            calendar: Calendar::Lunar,
            year: None,
            month: 8,
            day: 15,
        },
    };
    let cases: Vec<(&str, Situation, NaiveDate, Vec<&str>)> = vec![
        (
            "H, last contact five days ago: due two days after it",
            with(Level::H, &|s| {
                s.contacts = vec![contact("a", date(11, 20), true, None)]
            }),
            today,
            vec!["cadence 2026-11-22"],
        ),
        (
            "N, never contacted: within a day of creation",
            with(Level::N, &|s| s.created = date(11, 24)),
            today,
            vec!["cadence 2026-11-25"],
        ),
        (
            "D: no cadence of its own",
            situation(Level::D),
            today,
            vec![],
        ),
        (
            "a next step replaces the cadence",
            with(Level::H, &|s| {
                s.contacts = vec![contact("a", date(11, 24), true, Some("2026-11-27 15:00"))]
            }),
            today,
            vec!["next_step 2026-11-27 15:00"],
        ),
        (
            "an appointment to come is a next step",
            with(Level::H, &|s| {
                s.contacts = vec![appointment(
                    "a",
                    date(11, 24),
                    "2026-11-27 14:00",
                    AppointmentKind::TestDrive,
                )]
            }),
            today,
            vec!["next_step 2026-11-27 14:00"],
        ),
        (
            "an appointment today is still a next step",
            with(Level::H, &|s| {
                s.contacts = vec![appointment(
                    "a",
                    date(11, 20),
                    "2026-11-25 14:00",
                    AppointmentKind::Visit,
                )]
            }),
            today,
            vec!["next_step 2026-11-25 14:00"],
        ),
        (
            "an appointment whose day passed without a contact: a no-show, the day after",
            with(Level::H, &|s| {
                s.contacts = vec![appointment(
                    "a",
                    date(11, 20),
                    "2026-11-23 14:00",
                    AppointmentKind::Visit,
                )]
            }),
            today,
            vec!["no_show 2026-11-24"],
        ),
        (
            "a visit on the appointment's day is a show: the cadence follows",
            with(Level::H, &|s| {
                s.contacts = vec![
                    appointment(
                        "a",
                        date(11, 20),
                        "2026-11-23 14:00",
                        AppointmentKind::Visit,
                    ),
                    came("b", date(11, 23), InteractionKind::Visit),
                ]
            }),
            today,
            vec!["cadence 2026-11-25"],
        ),
        (
            "a test drive on the day too",
            with(Level::H, &|s| {
                s.contacts = vec![
                    appointment("a", date(11, 20), "2026-11-23", AppointmentKind::TestDrive),
                    came("b", date(11, 23), InteractionKind::TestDrive),
                ]
            }),
            today,
            vec!["cadence 2026-11-25"],
        ),
        (
            "a call after a missed appointment ends the no-show",
            with(Level::H, &|s| {
                s.contacts = vec![
                    appointment("a", date(11, 20), "2026-11-22", AppointmentKind::Visit),
                    came("b", date(11, 24), InteractionKind::Call),
                ]
            }),
            today,
            vec!["cadence 2026-11-26"],
        ),
        (
            "a next step that is no appointment stays one when its day has passed",
            with(Level::H, &|s| {
                s.contacts = vec![contact("a", date(11, 20), true, Some("2026-11-23"))]
            }),
            today,
            vec!["next_step 2026-11-23"],
        ),
        (
            "a contact on the next step's day ends it",
            with(Level::A, &|s| {
                s.contacts = vec![
                    contact("a", date(11, 20), true, Some("2026-11-22")),
                    contact("b", date(11, 22), true, None),
                ];
            }),
            today,
            vec!["cadence 2026-11-26"],
        ),
        (
            "B past its 30-day window: re-grade",
            with(Level::B, &|s| {
                s.level_since = date(10, 1);
                s.contacts = vec![contact("a", date(11, 24), true, None)];
            }),
            today,
            vec!["regrade 2026-11-01", "cadence 2026-12-01"],
        ),
        (
            "five failed attempts in a row: propose F",
            with(Level::C, &|s| {
                s.contacts = (0..5)
                    .map(|i| contact(&format!("c{i}"), date(11, 10 + i), false, None))
                    .collect();
            }),
            today,
            vec!["propose_lost 2026-11-14", "cadence 2026-11-29"],
        ),
        (
            "four failed attempts: not yet",
            with(Level::C, &|s| {
                s.contacts = (0..4)
                    .map(|i| contact(&format!("c{i}"), date(11, 10 + i), false, None))
                    .collect();
            }),
            today,
            vec!["cadence 2026-11-28"],
        ),
        (
            "F: revisited when due",
            with(Level::F, &|s| {
                s.revisit = Some(Revisit {
                    date: date(11, 25),
                    lost_reason: None,
                })
            }),
            today,
            vec!["revisit 2026-11-25"],
        ),
        (
            "delivered five days ago: the +1 and +3 calls",
            with(Level::D, &|s| s.delivered = Some(date(11, 20))),
            today,
            vec!["after_sale 2026-11-21", "after_sale 2026-11-23"],
        ),
        (
            "a contact after delivery makes the calls whose day has come",
            with(Level::D, &|s| {
                s.delivered = Some(date(11, 20));
                s.contacts = vec![contact("a", date(11, 24), true, None)];
            }),
            today,
            vec![],
        ),
        (
            "insurance renewal, a month before the second year",
            with(Level::D, &|s| {
                s.delivered = NaiveDate::from_ymd_opt(2024, 12, 20)
            }),
            date(11, 19),
            vec!["after_sale 2026-11-20"],
        ),
        (
            "a lunar birthday (八月十五 is 25 September in 2026), two days ahead; and Mid-Autumn for an owner",
            with(Level::D, &|s| s.family = vec![lunar_wife.clone()]),
            date(9, 23),
            vec!["birthday 2026-09-25", "holiday 2026-09-25"],
        ),
        (
            "a birthday without a year still comes round",
            with(Level::C, &|s| {
                s.birthday = Some(Birthday {
                    calendar: Calendar::Solar,
                    year: None,
                    month: 11,
                    day: 27,
                });
                s.contacts = vec![contact("a", date(11, 24), true, None)];
            }),
            today,
            vec!["birthday 2026-11-27", "cadence 2026-12-09"],
        ),
        (
            "an open complaint: recover within a day",
            with(Level::D, &|s| {
                s.complaints = vec![ComplaintState {
                    id: "x".into(),
                    opened: date(11, 24),
                    resolved: None,
                }];
            }),
            today,
            vec!["complaint 2026-11-25"],
        ),
        (
            "a resolved complaint: check satisfaction three days later",
            with(Level::D, &|s| {
                s.complaints = vec![ComplaintState {
                    id: "x".into(),
                    opened: date(11, 10),
                    resolved: Some(date(11, 20)),
                }];
            }),
            today,
            vec!["satisfaction_check 2026-11-23"],
        ),
        (
            "…until a contact records the satisfaction",
            with(Level::D, &|s| {
                s.complaints = vec![ComplaintState {
                    id: "x".into(),
                    opened: date(11, 10),
                    resolved: Some(date(11, 20)),
                }];
                s.contacts = vec![Contact {
                    satisfaction: Some(4),
                    ..contact("a", date(11, 24), true, None)
                }];
            }),
            today,
            vec![],
        ),
    ];
    for (why, s, on, want) in cases {
        assert_eq!(summary(&s, on), want, "{why}");
    }
}

#[test]
fn reasons_carry_what_front_ends_render() {
    let mut s = situation(Level::H);
    s.contacts = vec![contact("a", date(11, 22), false, None)];
    let p = &prompts(&s, &Rules::default(), date(11, 25))[0];
    assert_eq!(
        p.params,
        PromptParams::Cadence {
            level: Level::H,
            last: Some(date(11, 22)),
        }
    );
    let sent = p.params.to_map();
    assert_eq!(sent.get("level").map(String::as_str), Some("H"));
    assert_eq!(
        sent.get("last").map(String::as_str),
        Some("2026-11-22"),
        "the last contact's day; front ends count the days"
    );
    assert_eq!(p.priority, 1);

    let mut s = situation(Level::B);
    s.family = vec![Relative {
        id: "w".into(),
        name: "李娜".into(),
        relation: crate::Pick::Known(Relation::Wife),
        birthday: Birthday {
            calendar: Calendar::Lunar,
            year: None,
            month: 8,
            day: 15,
        },
    }];
    s.level_since = date(9, 20);
    s.contacts = vec![contact("a", date(9, 23), true, None)];
    // 农历八月十五 is 25 September in 2026 (HKO table): the day after tomorrow.
    let found = prompts(&s, &Rules::default(), date(9, 23));
    let b = found
        .iter()
        .find(|p| p.kind == PromptKind::Birthday)
        .expect("the birthday");
    assert_eq!(b.due, date(9, 25));
    let sent = b.params.to_map();
    assert_eq!(sent.get("who").map(String::as_str), Some("wife"));
    assert_eq!(sent.get("name").map(String::as_str), Some("李娜"));
    assert_eq!(sent.get("calendar").map(String::as_str), Some("lunar"));
    assert_eq!((sent["month"].as_str(), sent["day"].as_str()), ("8", "15"));
}

#[test]
fn edited_rules_are_followed() {
    let mut rules = Rules::default();
    if let Some(h) = rules.levels.iter_mut().find(|r| r.level == Level::H) {
        h.interval_days = Some(1);
    }
    rules.failed_attempts = 2;
    let mut s = situation(Level::H);
    s.contacts = vec![
        contact("a", date(11, 20), false, None),
        contact("b", date(11, 21), false, None),
    ];
    let kinds: Vec<(PromptKind, NaiveDate)> = prompts(&s, &rules, date(11, 25))
        .into_iter()
        .map(|p| (p.kind, p.due))
        .collect();
    assert_eq!(
        kinds,
        [
            (PromptKind::ProposeLost, date(11, 21)),
            (PromptKind::Cadence, date(11, 22))
        ]
    );
}

/// Keys of the prompts on a day.
fn keys(s: &Situation, day: NaiveDate) -> Vec<String> {
    prompts(s, &Rules::default(), day)
        .into_iter()
        .map(|p| p.key)
        .collect()
}

#[test]
fn prompts_stay_the_same_until_the_next_change() {
    use crate::demo::Rng;
    // Varied situations, drawn from a seed: levels, windows, deliveries, birthdays, families.
    let mut rng = Rng::new(11);
    let levels = [
        Level::N,
        Level::H,
        Level::A,
        Level::B,
        Level::C,
        Level::O,
        Level::D,
        Level::F,
    ];
    for case in 0..25 {
        let start = date(1, 1);
        let mut s = situation(rng.pick(&levels));
        s.level_since = add_days(start, -(rng.below(120) as i64));
        s.created = add_days(s.level_since, -(rng.below(30) as i64));
        if rng.chance(60) {
            s.contacts = vec![contact(
                "c",
                add_days(start, -(rng.below(20) as i64)),
                rng.chance(70),
                None,
            )];
        }
        if rng.chance(50) {
            s.birthday = Some(Birthday {
                calendar: if rng.chance(30) {
                    Calendar::Lunar
                } else {
                    Calendar::Solar
                },
                year: None,
                month: 1 + rng.below(12) as u8,
                day: 1 + rng.below(28) as u8,
            });
        }
        if rng.chance(30) {
            s.family = vec![Relative {
                id: "f".into(),
                name: "李娜".into(),
                relation: crate::Pick::Known(Relation::Wife),
                birthday: Birthday {
                    calendar: Calendar::Lunar,
                    year: None,
                    month: 1 + rng.below(12) as u8,
                    day: 1 + rng.below(30) as u8,
                },
            }];
        }
        if rng.chance(30) {
            // An appointment set before the walk starts, on a day around it.
            let set_on = add_days(start, -30);
            let on = add_days(start, rng.below(40) as i64 - 20);
            s.contacts.insert(
                0,
                appointment("p", set_on, &on.to_string(), AppointmentKind::Visit),
            );
        }
        if s.level == Level::D || rng.chance(10) {
            s.delivered = Some(add_days(start, -(rng.below(800) as i64)));
        }
        // Walk a year day by day: wherever the next change is not yet due, the prompts are
        // those of the day it was computed on.
        let mut day = start;
        let mut computed = keys(&s, day);
        let mut until = next_change(&s, &Rules::default(), day);
        for _ in 0..370 {
            day = add_days(day, 1);
            if until.is_some_and(|u| day >= u) {
                computed = keys(&s, day);
                until = next_change(&s, &Rules::default(), day);
            } else {
                assert_eq!(keys(&s, day), computed, "case {case} on {day}: {s:?}");
            }
        }
    }
}

#[test]
fn a_revisit_names_why_the_sale_was_lost() {
    let mut s = situation(Level::F);
    s.revisit = Some(Revisit {
        date: date(11, 25),
        lost_reason: Some(crate::LostReason::Price),
    });
    let due = prompts(&s, &Rules::default(), date(11, 25));
    assert_eq!(
        due.iter().map(|p| &p.params).collect::<Vec<_>>(),
        [&PromptParams::Revisit {
            lost_reason: Some(crate::LostReason::Price)
        }]
    );
    s.level = Level::C;
    assert!(
        prompts(&s, &Rules::default(), date(11, 25))
            .iter()
            .all(|p| p.kind != PromptKind::Revisit),
        "back in the running: no revisit"
    );
}

#[test]
fn a_no_show_carries_the_appointment() {
    let mut s = situation(Level::A);
    s.level_since = date(12, 1);
    s.contacts = vec![appointment(
        "i1",
        date(12, 1),
        "2026-12-08 14:00",
        AppointmentKind::Visit,
    )];
    let before = prompts(&s, &Rules::default(), date(12, 8));
    assert_eq!(before.len(), 1);
    assert_eq!(
        before[0].params,
        PromptParams::NextStep {
            promise: String::new(),
            set_on: date(12, 1),
            appointment: Some(AppointmentKind::Visit),
        }
    );
    assert_eq!(
        next_change(&s, &Rules::default(), date(12, 8)),
        Some(date(12, 9)),
        "recomputed the day after the appointment"
    );
    let after = prompts(&s, &Rules::default(), date(12, 10));
    assert_eq!(after.len(), 1);
    let p = &after[0];
    assert_eq!(
        (p.key.as_str(), p.kind, p.priority, p.due),
        ("no_show:i1", PromptKind::NoShow, 1, date(12, 9))
    );
    assert_eq!(
        p.params,
        PromptParams::NoShow {
            on: date(12, 8),
            time: NaiveTime::from_hms_opt(14, 0, 0),
            appointment: AppointmentKind::Visit,
        }
    );
}
