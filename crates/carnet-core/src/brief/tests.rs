use chrono::NaiveDate;

use super::*;
use crate::birthday::Calendar;
use crate::differentiate::grid::Band;
use crate::{ModelWish, Pick};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("a day")
}

/// A customer who wants a 汉, whose wife decides, who put price first and drives a 大众.
fn customer() -> Profile {
    let mut p = Profile::named("张三", None);
    p.models = vec![ModelWish::parse("汉")];
    p.decision_maker = Some(Pick::Known(DecisionMaker::Spouse));
    p.priorities = vec![Priority::Price];
    p.current_car.brand = Some("大众".into());
    p
}

fn han() -> Trim {
    Trim {
        series: "汉".into(),
        trim: "EV 605KM 尊贵型".into(),
        price: 229_800,
        energy: Some(Energy::Bev),
        range_km: Some(605),
        power_kw: Some(180),
        adas: "DiPilot".into(),
        ..Trim::default()
    }
}

fn has_test_drive(points: &[TalkingPoint]) -> bool {
    points.iter().any(|t| {
        matches!(
            t,
            TalkingPoint::OfferTestDrive | TalkingPoint::InviteDecisionMaker
        )
    })
}

#[test]
fn the_stage_comes_from_the_level_and_the_history() {
    use Stage::*;
    let cases = [
        (Level::H, false, false, Prospect),
        (Level::N, false, false, Prospect),
        (Level::A, true, false, Ordered),
        (Level::O, false, false, Ordered),
        (Level::O, true, true, Owner),
        (Level::D, false, false, Owner),
        (Level::B, true, true, Owner),
        (Level::F, false, false, Lost),
        (Level::F, true, true, Lost),
    ];
    for (level, ordered, delivered, want) in cases {
        assert_eq!(Stage::of(level, ordered, delivered), want, "{level:?}");
    }
}

#[test]
fn points_by_stage_and_reason() {
    use TalkingPoint as T;
    let complaint = PromptParams::Complaint { opened: day() };
    let birthday = PromptParams::Birthday {
        who: "self".into(),
        name: "张三".into(),
        calendar: Calendar::Solar,
        month: 11,
        day: 21,
    };
    let service = PromptParams::AfterSale {
        step: AfterSaleKind::Service,
        year: 1,
        days: 150,
    };
    let insurance = PromptParams::AfterSale {
        step: AfterSaleKind::Insurance,
        year: 1,
        days: 335,
    };
    let regrade = PromptParams::Regrade {
        level: Level::A,
        since: day(),
    };
    let cadence = PromptParams::Cadence {
        level: Level::H,
        last: None,
    };
    let revisit = PromptParams::Revisit {
        lost_reason: Some(LostReason::Price),
    };
    let p = customer();
    let trim = han();
    let ctx = |stage: Stage, reason: Option<&'static PromptParams>| Context {
        profile: Box::leak(Box::new(p.clone())),
        stage,
        reason,
        cell: None,
        trim: Some(Box::leak(Box::new(trim.clone()))),
        promise: None,
        had_test_drive: false,
    };
    let leak = |r: PromptParams| -> &'static PromptParams { Box::leak(Box::new(r)) };
    let (complaint, birthday, service, insurance, regrade, cadence, revisit) = (
        leak(complaint),
        leak(birthday),
        leak(service),
        leak(insurance),
        leak(regrade),
        leak(cadence),
        leak(revisit),
    );
    let fit = T::Fit {
        trim: "汉 EV 605KM 尊贵型".into(),
        field: "price".into(),
        value: "229800".into(),
        unit: "元".into(),
        answers: FitFor::Priority,
        priority: Some(Priority::Price),
    };
    let ask_phone = T::AskKeyFact {
        fact: KeyFact::Phone,
    };
    let prospect = vec![
        T::InviteDecisionMaker,
        T::BringOffer,
        T::OfferTestDrive,
        T::OfferValuation,
        fit.clone(),
        ask_phone.clone(),
    ];
    let with_first = |first: Vec<TalkingPoint>, rest: &[TalkingPoint]| {
        let mut v = first;
        v.extend_from_slice(rest);
        v
    };
    let cases: Vec<(Stage, Option<&'static PromptParams>, Vec<TalkingPoint>)> = vec![
        (Stage::Prospect, None, prospect.clone()),
        (Stage::Prospect, Some(cadence), prospect.clone()),
        // A birthday: the greeting first, then the sale as usual.
        (
            Stage::Prospect,
            Some(birthday),
            with_first(
                vec![T::BirthdayGreeting {
                    who: "self".into(),
                    name: "张三".into(),
                }],
                &prospect,
            ),
        ),
        // A stale level: ask what changed first.
        (
            Stage::Prospect,
            Some(regrade),
            with_first(vec![T::AskWhatChanged { level: Level::A }], &prospect),
        ),
        // A prospect's complaint is about the complaint: no test drive, no fit.
        (
            Stage::Prospect,
            Some(complaint),
            vec![
                T::AcknowledgeComplaint,
                T::SayWhatWasDone,
                T::CheckSatisfaction,
                T::BringOffer,
                T::OfferValuation,
            ],
        ),
        // Ordered: the delivery, never a test drive.
        (
            Stage::Ordered,
            None,
            vec![T::DeliveryNews, T::OfferValuation],
        ),
        (
            Stage::Ordered,
            Some(birthday),
            vec![
                T::BirthdayGreeting {
                    who: "self".into(),
                    name: "张三".into(),
                },
                T::DeliveryNews,
                T::OfferValuation,
            ],
        ),
        // An owner with a complaint: acknowledge, say what was done, check; nothing to sell.
        (
            Stage::Owner,
            Some(complaint),
            vec![
                T::AcknowledgeComplaint,
                T::SayWhatWasDone,
                T::CheckSatisfaction,
            ],
        ),
        (
            Stage::Owner,
            Some(service),
            vec![T::BookAfterSale {
                step: AfterSaleKind::Service,
            }],
        ),
        (
            Stage::Owner,
            Some(insurance),
            vec![T::BookAfterSale {
                step: AfterSaleKind::Insurance,
            }],
        ),
        (Stage::Owner, None, vec![]),
        (
            Stage::Owner,
            Some(birthday),
            vec![T::BirthdayGreeting {
                who: "self".into(),
                name: "张三".into(),
            }],
        ),
        // Lost: win them back, with what would still fit them.
        (
            Stage::Lost,
            Some(revisit),
            vec![
                T::WinBack {
                    lost_reason: Some(LostReason::Price),
                },
                fit.clone(),
                ask_phone.clone(),
            ],
        ),
        (
            Stage::Lost,
            None,
            vec![T::WinBack { lost_reason: None }, fit, ask_phone],
        ),
    ];
    for (stage, reason, want) in cases {
        let got = talking_points(&ctx(stage, reason));
        assert_eq!(got, want, "{stage:?} {reason:?}");
        if stage != Stage::Prospect || reason == Some(complaint) {
            assert!(!has_test_drive(&got), "{stage:?} {reason:?}: {got:?}");
        }
    }
}

#[test]
fn the_promise_the_strategy_and_a_test_drive_already_had() {
    use TalkingPoint as T;
    let mut p = customer();
    p.decision_maker = Some(Pick::Known(DecisionMaker::Myself));
    p.priorities.clear();
    p.current_car = Default::default();
    let cell = Cell {
        satisfaction: Band::Low,
        volume: Band::High,
    };
    let c = Context {
        profile: &p,
        stage: Stage::Owner,
        reason: None,
        cell: Some(cell),
        trim: None,
        promise: Some("周五前回电报价"),
        had_test_drive: false,
    };
    assert_eq!(
        talking_points(&c),
        vec![
            T::KeepPromise {
                promise: "周五前回电报价".into()
            },
            T::Strategy {
                class: GridClass::D,
                strategy: SatisfactionStrategy::Correct
            },
        ]
    );
    let prospect = Context {
        stage: Stage::Prospect,
        cell: None,
        promise: None,
        had_test_drive: true,
        ..c
    };
    assert_eq!(
        talking_points(&prospect),
        vec![T::AskKeyFact {
            fact: KeyFact::Phone
        }]
    );
}

#[test]
fn one_key_fact_is_asked_and_never_one_known() {
    let mut p = customer();
    p.phones = vec![crate::phone::Phone::parse("13800138000").expect("a phone")];
    let c = Context {
        profile: &p,
        stage: Stage::Prospect,
        reason: None,
        cell: None,
        trim: None,
        promise: None,
        had_test_drive: true,
    };
    let asks: Vec<KeyFact> = talking_points(&c)
        .into_iter()
        .filter_map(|t| match t {
            TalkingPoint::AskKeyFact { fact } => Some(fact),
            _ => None,
        })
        .collect();
    // Phone and model are known: the budget is the next to ask.
    assert_eq!(asks, vec![KeyFact::Budget]);
    let mut all = p.clone();
    all.budget = crate::Budget::parse("20万");
    all.timeframe = Some(crate::Timeframe::Year(2027));
    all.purposes = vec![Purpose::Commute];
    all.payment = Some(crate::Payment::Cash);
    let c = Context { profile: &all, ..c };
    assert!(
        !talking_points(&c)
            .iter()
            .any(|t| matches!(t, TalkingPoint::AskKeyFact { .. }))
    );
}

#[test]
fn the_fit_answers_the_worry_else_the_top_priority() {
    let t = han();
    let fit = |f: &dyn Fn(&mut Profile)| {
        let mut p = Profile::named("李四", None);
        f(&mut p);
        fit_point(&p, &t).map(|point| match point {
            TalkingPoint::Fit {
                field,
                value,
                answers,
                ..
            } => (field, value, answers),
            other => panic!("{other:?}"),
        })
    };
    let s = |f: &str, v: &str, a: FitFor| Some((f.to_owned(), v.to_owned(), a));
    assert_eq!(
        fit(&|p| p.worry = Some("担心电费".into())),
        s("range_km", "605", FitFor::Worry)
    );
    assert_eq!(
        fit(&|p| p.priorities = vec![Priority::Power]),
        s("power_kw", "180", FitFor::Priority)
    );
    assert_eq!(
        fit(&|p| p.priorities = vec![Priority::Safety]),
        s("adas", "DiPilot", FitFor::Priority)
    );
    // Nothing in the catalogue answers it, or nothing to answer.
    assert_eq!(fit(&|p| p.priorities = vec![Priority::AfterSales]), None);
    assert_eq!(fit(&|_| {}), None);
}
