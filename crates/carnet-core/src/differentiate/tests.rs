use chrono::NaiveDate;

use super::compliance::{self, Closed, Status, Tally};
use super::funnel::{self, Rate, Step};
use super::grid::{self, Band, GridAction, GridClass, SatisfactionStrategy, VolumeStrategy};
use super::lookalike::{self, Trait, Traits};
use super::pareto::pareto;
use super::*;
use crate::choices::{DecisionMaker, InteractionKind as K, Purpose, Source};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a day")
}

fn ev(kind: K, date: NaiveDate) -> Event {
    Event {
        kind,
        date,
        price: None,
        spend: None,
        satisfaction: None,
        appointment: None,
        contact: true,
    }
}

fn priced(kind: K, date: NaiveDate, price: Option<i64>) -> Event {
    Event {
        price,
        ..ev(kind, date)
    }
}

#[test]
fn an_order_and_its_delivery_are_one_purchase() {
    let cases: Vec<(&str, Vec<Event>, u32, i64)> = vec![
        ("nothing", vec![], 0, 0),
        (
            "order then delivery",
            vec![
                priced(K::Order, d(2026, 1, 5), Some(200_000)),
                priced(K::Delivery, d(2026, 2, 1), Some(199_000)),
            ],
            1,
            200_000,
        ),
        (
            "order without a price, delivery with one",
            vec![
                priced(K::Order, d(2026, 1, 5), None),
                priced(K::Delivery, d(2026, 2, 1), Some(180_000)),
            ],
            1,
            180_000,
        ),
        (
            "a delivery without an order",
            vec![priced(K::Delivery, d(2026, 2, 1), Some(150_000))],
            1,
            150_000,
        ),
        (
            "two cars, the second not delivered yet",
            vec![
                priced(K::Order, d(2025, 1, 5), Some(200_000)),
                priced(K::Delivery, d(2025, 2, 1), None),
                priced(K::Order, d(2026, 3, 1), Some(300_000)),
            ],
            2,
            500_000,
        ),
        (
            "a negative price counts nothing",
            vec![priced(K::Order, d(2026, 1, 5), Some(-5))],
            1,
            0,
        ),
    ];
    for (name, events, purchases, bought) in cases {
        let s = Standing::of(&events);
        assert_eq!((s.purchases, s.bought), (purchases, bought), "{name}");
    }
}

#[test]
fn the_standing_keeps_first_days_satisfaction_and_spend() {
    let mut set = ev(K::Call, d(2026, 3, 1));
    set.appointment = Some(d(2026, 3, 4));
    let mut unkept = ev(K::Call, d(2026, 3, 10));
    unkept.appointment = Some(d(2026, 3, 12));
    let mut sat4 = ev(K::Call, d(2026, 3, 2));
    sat4.satisfaction = Some(4);
    let mut sat2 = ev(K::Service, d(2026, 5, 2));
    sat2.satisfaction = Some(2);
    sat2.spend = Some(1_200);
    let mut note = ev(K::Other, d(2026, 2, 1));
    note.contact = false;
    let s = Standing::of(&[
        note,
        set,
        sat4,
        ev(K::Visit, d(2026, 3, 3)),
        ev(K::TestDrive, d(2026, 3, 4)),
        unkept,
        ev(K::Quote, d(2026, 3, 13)),
        sat2,
    ]);
    assert_eq!(s.first_contact, Some(d(2026, 3, 1)));
    assert_eq!(s.first_appointment, Some(d(2026, 3, 1)));
    assert_eq!(
        s.first_show,
        Some(d(2026, 3, 4)),
        "the visit on the 4th kept it"
    );
    assert_eq!(s.first_visit, Some(d(2026, 3, 3)));
    assert_eq!(s.first_test_drive, Some(d(2026, 3, 4)));
    assert_eq!(s.first_quote, Some(d(2026, 3, 13)));
    assert_eq!((s.satisfaction, s.satisfaction_prev), (Some(2), Some(4)));
    assert_eq!(s.service_spend, 1_200);
    assert_eq!(
        trend(s.satisfaction, s.satisfaction_prev),
        Some(Trend::Down)
    );
    assert_eq!(trend(Some(3), None), None);
    assert_eq!(trend(Some(3), Some(3)), Some(Trend::Flat));
    assert_eq!(trend(Some(5), Some(3)), Some(Trend::Up));
}

#[test]
fn value_adds_purchases_spend_and_the_referral_share() {
    let rules = ValueRules::default();
    let s = Standing {
        bought: 200_000,
        service_spend: 3_000,
        ..Standing::default()
    };
    assert_eq!(value(&s, 0, &rules), 203_000);
    assert_eq!(value(&s, 150_000, &rules), 218_000);
    let none = ValueRules {
        referral_percent: 0,
        ..ValueRules::default()
    };
    assert_eq!(value(&s, 150_000, &none), 203_000);
}

#[test]
fn a_prospect_is_worth_their_budget_times_their_likelihood() {
    let rules = ValueRules::default();
    let b = Budget::parse("15-20万").expect("budget");
    assert_eq!(expected_value(Level::H, Some(&b), &rules), Some(140_000));
    assert_eq!(expected_value(Level::C, Some(&b), &rules), Some(35_000));
    assert_eq!(expected_value(Level::F, Some(&b), &rules), Some(0));
    assert_eq!(expected_value(Level::H, None, &rules), None);
    let one = Budget::parse("20万").expect("budget");
    assert_eq!(expected_value(Level::A, Some(&one), &rules), Some(120_000));
}

#[test]
fn tiers_at_every_threshold() {
    let rules = ValueRules::default();
    let today = d(2026, 12, 6);
    let owner = Standing {
        purchases: 1,
        ..Standing::default()
    };
    let recent = Some(d(2026, 11, 1));
    let cases = [
        (600_000, Tier::Top),
        (599_999, Tier::Large),
        (300_000, Tier::Large),
        (299_999, Tier::Medium),
        (150_000, Tier::Medium),
        (149_999, Tier::Small),
        (0, Tier::Small),
    ];
    for (v, want) in cases {
        assert_eq!(
            tier(Level::D, &owner, v, recent, today, &rules),
            want,
            "{v}"
        );
    }
    // Inactive: no contact or purchase for twelve months.
    assert_eq!(
        tier(
            Level::D,
            &owner,
            900_000,
            Some(d(2025, 12, 6)),
            today,
            &rules
        ),
        Tier::Top,
        "exactly twelve months ago is still active"
    );
    assert_eq!(
        tier(
            Level::D,
            &owner,
            900_000,
            Some(d(2025, 12, 5)),
            today,
            &rules
        ),
        Tier::Inactive
    );
    assert_eq!(
        tier(Level::D, &owner, 900_000, None, today, &rules),
        Tier::Inactive
    );
    // Not owners: by level; a D or O level is an owner even without a price.
    let none = Standing::default();
    let by_level = [
        (Level::H, Tier::Prospect),
        (Level::A, Tier::Prospect),
        (Level::B, Tier::Prospect),
        (Level::C, Tier::Prospect),
        (Level::N, Tier::Suspect),
        (Level::F, Tier::Other),
        (Level::D, Tier::Small),
        (Level::O, Tier::Small),
    ];
    for (level, want) in by_level {
        assert_eq!(
            tier(level, &none, 0, recent, today, &rules),
            want,
            "{level:?}"
        );
    }
}

#[test]
fn value_rules_are_checked() {
    assert_eq!(ValueRules::default().validate(), Ok(()));
    let bad = |r: ValueRules| r.validate().map_err(|e| e.field);
    let base = ValueRules::default;
    assert_eq!(
        bad(ValueRules {
            large_min: 150_000,
            ..base()
        }),
        Err("large_min")
    );
    assert_eq!(
        bad(ValueRules {
            top_min: 300_000,
            ..base()
        }),
        Err("top_min")
    );
    assert_eq!(
        bad(ValueRules {
            medium_min: 0,
            ..base()
        }),
        Err("medium_min")
    );
    assert_eq!(
        bad(ValueRules {
            inactive_months: 0,
            ..base()
        }),
        Err("inactive_months")
    );
    assert_eq!(
        bad(ValueRules {
            referral_percent: 101,
            ..base()
        }),
        Err("referral_percent")
    );
    let mut l = base();
    l.likelihoods[0].percent = 101;
    assert_eq!(bad(l), Err("likelihood"));
}

#[test]
fn the_grid_at_every_band() {
    let cases = [
        (1, Band::Low),
        (2, Band::Low),
        (3, Band::Middle),
        (4, Band::High),
        (5, Band::High),
    ];
    for (s, want) in cases {
        assert_eq!(grid::satisfaction_band(s), want, "{s}");
    }
    let cells = [
        (
            Tier::Top,
            5,
            GridClass::A,
            VolumeStrategy::OneToOne,
            SatisfactionStrategy::Partner,
        ),
        (
            Tier::Large,
            4,
            GridClass::A,
            VolumeStrategy::OneToOne,
            SatisfactionStrategy::Partner,
        ),
        (
            Tier::Medium,
            5,
            GridClass::B,
            VolumeStrategy::OneToMany,
            SatisfactionStrategy::Partner,
        ),
        (
            Tier::Small,
            4,
            GridClass::C,
            VolumeStrategy::GroupChannel,
            SatisfactionStrategy::Partner,
        ),
        (
            Tier::Inactive,
            3,
            GridClass::C,
            VolumeStrategy::GroupChannel,
            SatisfactionStrategy::Improve,
        ),
        (
            Tier::Top,
            3,
            GridClass::A,
            VolumeStrategy::OneToOne,
            SatisfactionStrategy::Improve,
        ),
        (
            Tier::Top,
            2,
            GridClass::D,
            VolumeStrategy::OneToOne,
            SatisfactionStrategy::Correct,
        ),
        (
            Tier::Small,
            1,
            GridClass::D,
            VolumeStrategy::GroupChannel,
            SatisfactionStrategy::Correct,
        ),
    ];
    for (tier, sat, class, volume, satisfaction) in cells {
        let cell = grid::cell(tier, Some(sat)).expect("an owner's cell");
        assert_eq!(cell.class(), class, "{tier:?} {sat}");
        assert_eq!(cell.volume_strategy(), volume, "{tier:?} {sat}");
        assert_eq!(cell.satisfaction_strategy(), satisfaction, "{tier:?} {sat}");
    }
    assert_eq!(grid::cell(Tier::Prospect, Some(5)), None);
    assert_eq!(grid::cell(Tier::Top, None), None);
    let d_class = grid::cell(Tier::Medium, Some(1)).expect("cell");
    assert_eq!(
        d_class.actions(),
        vec![
            GridAction::CallNow,
            GridAction::ResolveFast,
            GridAction::LearnNeeds,
            GridAction::OfferService
        ]
    );
    let middle = grid::cell(Tier::Top, Some(3)).expect("cell");
    assert_eq!(middle.actions()[0], GridAction::AskImprove);
    assert_eq!(middle.actions()[1], GridAction::Personal);
}

#[test]
fn today_puts_unhappy_owners_then_higher_tiers_first() {
    assert_eq!(attention_rank(Tier::Small, Some(2)), 0);
    assert_eq!(attention_rank(Tier::Small, Some(3)), 5);
    assert_eq!(attention_rank(Tier::Prospect, Some(1)), 4, "not an owner");
    let mut tiers = [
        Tier::Other,
        Tier::Small,
        Tier::Prospect,
        Tier::Top,
        Tier::Suspect,
        Tier::Large,
        Tier::Medium,
        Tier::Inactive,
    ];
    tiers.sort_by_key(|t| attention_rank(*t, None));
    assert_eq!(
        tiers,
        [
            Tier::Top,
            Tier::Large,
            Tier::Medium,
            Tier::Prospect,
            Tier::Small,
            Tier::Suspect,
            Tier::Inactive,
            Tier::Other
        ]
    );
}

#[test]
fn pareto_by_hand() {
    // Ten customers: the best two bring 600 of 1,000.
    let values = [400, 200, 100, 60, 60, 60, 50, 40, 20, 10, 0, -5];
    let p = pareto(&values);
    assert_eq!(p.customers, 10);
    assert_eq!(p.total, 1_000);
    assert_eq!((p.top_count, p.top_value), (2, 600));
    assert_eq!(p.top_share, 60.0);
    assert_eq!(p.curve.len(), 10);
    assert_eq!(p.curve[0].value_percent, 40.0);
    assert_eq!(p.curve[9].value_percent, 100.0);
    // A fifth of seven rounds up to two.
    let p = pareto(&[7, 6, 5, 4, 3, 2, 1]);
    assert_eq!((p.top_count, p.top_value), (2, 13));
    let empty = pareto(&[]);
    assert_eq!((empty.customers, empty.top_share), (0, 0.0));
    assert!(empty.curve.is_empty());
}

fn traits(model: &str, budget: &str, source: Option<Source>) -> Traits {
    Traits {
        models: vec![model.into()],
        budget: Budget::parse(budget),
        purposes: vec![Purpose::Family],
        source,
        region: Some("浦东".into()),
        decision_maker: Some(DecisionMaker::Shared),
        previous_brand: None,
    }
}

#[test]
fn the_ideal_and_its_lookalikes() {
    let best = vec![
        traits("汉", "25万", Some(Source::Referral)),
        traits("汉", "28万", Some(Source::Referral)),
        traits("唐", "40万", Some(Source::WalkIn)),
        traits("汉", "22万", Some(Source::Referral)),
        traits("汉", "26万", None),
    ];
    let ideal = lookalike::ideal(&best);
    assert_eq!(ideal.drawn_from, 5);
    let find = |which: Trait, value: &str| {
        ideal
            .typical
            .iter()
            .find(|t| t.which == which && t.value == value)
            .map(|t| t.percent)
    };
    assert_eq!(find(Trait::Model, "汉"), Some(80));
    assert_eq!(find(Trait::Model, "唐"), Some(20), "20% is typical");
    assert_eq!(find(Trait::BudgetBand, "20-30万"), Some(80));
    assert_eq!(find(Trait::Source, "referral"), Some(60));
    assert_eq!(find(Trait::Purpose, "family"), Some(100));
    assert_eq!(find(Trait::PreviousBrand, ""), None);

    let twin = lookalike::score(&ideal, &traits("汉", "25万", Some(Source::Referral)));
    assert_eq!(twin.score, 100);
    assert_eq!(twin.matching.len(), 6);
    let stranger = lookalike::score(&ideal, &Traits::default());
    assert_eq!((stranger.score, stranger.matching.len()), (0, 0));
    let partly = lookalike::score(
        &ideal,
        &Traits {
            models: vec!["唐".into()],
            ..Traits::default()
        },
    );
    // 唐 is held by 20% of the best, the most typical model by 80%: 20 of 80+80+60+100+100+100.
    assert_eq!(partly.score, 20 * 100 / 520);
    assert_eq!(partly.matching[0].value, "唐");
    assert_eq!(
        lookalike::budget_band(&Budget::parse("9万").expect("b")),
        "<10万"
    );
    assert_eq!(
        lookalike::budget_band(&Budget::parse("10万").expect("b")),
        "10-15万"
    );
    assert_eq!(
        lookalike::budget_band(&Budget::parse("50万").expect("b")),
        "50万+"
    );
}

#[test]
fn compliance_counts_only_real_contacts() {
    let due = d(2026, 11, 10);
    let cases: [(&str, Option<NaiveDate>, Option<Closed>, Status); 7] = [
        (
            "contact on the day",
            Some(due),
            Some(Closed::Gone),
            Status::OnTime,
        ),
        (
            "contact before (an event's lead)",
            Some(d(2026, 11, 8)),
            None,
            Status::OnTime,
        ),
        (
            "contact a day late",
            Some(d(2026, 11, 11)),
            Some(Closed::Done),
            Status::Late,
        ),
        (
            "ticked done without a contact",
            None,
            Some(Closed::Done),
            Status::Open,
        ),
        ("forgotten", None, None, Status::Open),
        (
            "went away by itself",
            None,
            Some(Closed::Gone),
            Status::Open,
        ),
        (
            "dismissed",
            None,
            Some(Closed::Dismissed),
            Status::Dismissed,
        ),
    ];
    for (name, made, closed, want) in cases {
        assert_eq!(compliance::status(due, made, closed), want, "{name}");
    }
    let start = compliance::window_start(crate::PromptKind::Birthday, due, 7);
    assert_eq!(start, d(2026, 11, 3));
    assert_eq!(
        compliance::window_start(crate::PromptKind::Cadence, due, 7),
        due
    );
    let contacts = [d(2026, 11, 1), d(2026, 11, 12), d(2026, 11, 4)];
    assert_eq!(compliance::made_on(start, &contacts), Some(d(2026, 11, 4)));
    assert_eq!(compliance::made_on(due, &contacts), Some(d(2026, 11, 12)));
    assert_eq!(compliance::made_on(d(2026, 12, 1), &contacts), None);
    let mut t = Tally::default();
    t.add(Status::OnTime, 3);
    t.add(Status::Late, 1);
    t.add(Status::Open, 3);
    t.add(Status::Dismissed, 1);
    assert_eq!((t.due, t.made_percent()), (8, Some(50.0)));
    assert_eq!(Tally::default().made_percent(), None);
    assert_eq!(Closed::from_code("gone"), Some(Closed::Gone));
}

#[test]
fn funnel_steps_by_the_periods_end() {
    let s = Standing {
        first_appointment: Some(d(2026, 11, 2)),
        first_show: Some(d(2026, 11, 5)),
        first_visit: Some(d(2026, 11, 5)),
        first_order: Some(d(2026, 12, 2)),
        ..Standing::default()
    };
    let end = d(2026, 11, 30);
    let reached: Vec<Step> = Step::ALL
        .into_iter()
        .filter(|step| funnel::reached(*step, &s, false, end))
        .collect();
    assert_eq!(
        reached,
        vec![Step::Leads, Step::Appointed, Step::Kept, Step::Shown]
    );
    assert!(funnel::reached(Step::Order, &s, false, d(2026, 12, 2)));
    assert!(funnel::reached(Step::Profiled, &s, true, end));
    assert_eq!(funnel::rate(1, 3), Some(33.3));
    assert_eq!(funnel::rate(2, 3), Some(66.7));
    assert_eq!(funnel::rate(1, 0), None);
    assert_eq!(Rate::CloseRate.steps(), (Step::Order, Step::Shown));
    assert_eq!(Step::parse("test_drive"), Some(Step::TestDrive));
}
