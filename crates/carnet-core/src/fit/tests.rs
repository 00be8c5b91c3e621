use super::*;
use crate::budget::Budget;
use crate::catalogue::TRIM_FIELDS;
use crate::choices::{Drivetrain, Pick};
use crate::profile::{ModelWish, Problem};

/// A trim with only its name and price; the cases add what they weigh.
fn trim(id: &str, series: &str, price: u64) -> Trim {
    Trim {
        id: id.to_owned(),
        brand: "比亚迪".to_owned(),
        series: series.to_owned(),
        trim: String::new(),
        price,
        ..Trim::default()
    }
}

fn with(mut t: Trim, f: impl FnOnce(&mut Trim)) -> Trim {
    f(&mut t);
    t
}

fn profile(f: impl FnOnce(&mut Profile)) -> Profile {
    let mut p = Profile::named("王先生", None);
    f(&mut p);
    p
}

fn budget(max: i64) -> Option<Budget> {
    Some(Budget {
        min: None,
        max,
        about: false,
    })
}

fn member(relation: Relation) -> FamilyFacts {
    FamilyFacts {
        name: String::new(),
        relation: Pick::Known(relation),
        birthday: None,
        phone: None,
        notes: None,
    }
}

fn ids(s: &Suggestions) -> Vec<&str> {
    s.fits.iter().map(|f| f.trim.id.as_str()).collect()
}

fn ruled_out_ids(s: &Suggestions) -> Vec<&str> {
    s.ruled_out.iter().map(|r| r.trim.id.as_str()).collect()
}

fn reasons_of<'a>(s: &'a Suggestions, id: &str) -> &'a [FitReason] {
    &s.fits
        .iter()
        .find(|f| f.trim.id == id)
        .unwrap_or_else(|| panic!("{id} fits"))
        .reasons
}

#[test]
fn default_rules_are_within_their_ranges_and_each_number_is_checked() {
    assert_eq!(FitRules::default().validate(), Ok(()));
    assert_eq!(FitRules::default().typical_discount_pct, 5);
    let cases: [(&str, FitRules); 5] = [
        (
            "typical_discount_pct",
            FitRules {
                typical_discount_pct: 51,
                ..FitRules::default()
            },
        ),
        (
            "stretch_pct",
            FitRules {
                stretch_pct: 80,
                ..FitRules::default()
            },
        ),
        (
            "long_range_km",
            FitRules {
                long_range_km: 50,
                ..FitRules::default()
            },
        ),
        (
            "roomy_boot_l",
            FitRules {
                roomy_boot_l: 5_000,
                ..FitRules::default()
            },
        ),
        (
            "roomy_boot_l",
            FitRules {
                roomy_boot_l: 99,
                ..FitRules::default()
            },
        ),
    ];
    for (field, rules) in cases {
        let err = rules.validate().expect_err(field);
        assert_eq!(err.field, field);
        assert!(
            matches!(err.problem, Problem::InvalidNumber { .. }),
            "{field}"
        );
    }
    let edges = FitRules {
        typical_discount_pct: 0,
        stretch_pct: 50,
        long_range_km: 1_500,
        roomy_boot_l: 100,
    };
    assert_eq!(edges.validate(), Ok(()));
}

#[test]
fn the_net_price_is_the_guide_price_less_the_typical_discount_to_the_yuan() {
    let five = FitRules::default();
    assert_eq!(five.net_price(200_000), 190_000);
    // 210,526 × 0.95 = 199,999.7 → 200,000; 210,527 × 0.95 = 200,000.65 → 200,001.
    assert_eq!(five.net_price(210_526), 200_000);
    assert_eq!(five.net_price(210_527), 200_001);
    let none = FitRules {
        typical_discount_pct: 0,
        ..FitRules::default()
    };
    assert_eq!(none.net_price(123_457), 123_457);
}

#[derive(Debug, PartialEq)]
enum Verdict {
    Within,
    Stretch(u64),
    Out(u64),
    NoBudget,
}

#[test]
fn the_budget_edges() {
    let five = FitRules::default();
    let exact = FitRules {
        typical_discount_pct: 0,
        ..FitRules::default()
    };
    let no_stretch = FitRules {
        typical_discount_pct: 0,
        stretch_pct: 0,
        ..FitRules::default()
    };
    let cases: &[(&str, Option<Budget>, &FitRules, u64, Verdict)] = &[
        (
            "exactly at the top after the discount",
            budget(200_000),
            &five,
            210_526,
            Verdict::Within,
        ),
        (
            "one yuan over the top after the discount: a little over",
            budget(200_000),
            &five,
            210_527,
            Verdict::Stretch(1),
        ),
        (
            "the guide price over the top, the discount brings it in",
            budget(200_000),
            &five,
            205_000,
            Verdict::Within,
        ),
        (
            "well under the top",
            budget(200_000),
            &five,
            120_000,
            Verdict::Within,
        ),
        (
            "no discount: exactly at the top",
            budget(200_000),
            &exact,
            200_000,
            Verdict::Within,
        ),
        (
            "no discount: one yuan over",
            budget(200_000),
            &exact,
            200_001,
            Verdict::Stretch(1),
        ),
        (
            "at the end of the stretch (10 %)",
            budget(200_000),
            &exact,
            220_000,
            Verdict::Stretch(20_000),
        ),
        (
            "one yuan past the stretch: ruled out",
            budget(200_000),
            &exact,
            220_001,
            Verdict::Out(20_001),
        ),
        (
            "far over: ruled out with the amount over",
            budget(200_000),
            &five,
            300_000,
            Verdict::Out(85_000),
        ),
        (
            "no stretch: one yuan over is ruled out",
            budget(200_000),
            &no_stretch,
            200_001,
            Verdict::Out(1),
        ),
        (
            "a range budget: its top counts",
            Some(Budget {
                min: Some(150_000),
                max: 200_000,
                about: false,
            }),
            &exact,
            200_000,
            Verdict::Within,
        ),
        (
            "no budget: nothing is ruled out on price",
            None,
            &five,
            5_000_000,
            Verdict::NoBudget,
        ),
    ];
    for (name, b, rules, price, want) in cases {
        let p = profile(|p| p.budget = *b);
        let s = fit(&Buyer::of(&p), &[trim("t", "汉", *price)], rules);
        let got = match (s.fits.first(), s.ruled_out.first()) {
            (Some(f), None) => match f.budget {
                BudgetFit::Within => Verdict::Within,
                BudgetFit::Stretch { over } => Verdict::Stretch(over),
                BudgetFit::Unknown => Verdict::NoBudget,
            },
            (None, Some(r)) => {
                let [
                    FitReason::OverBudget {
                        over,
                        net_price,
                        budget_max,
                    },
                ] = r.why.as_slice()
                else {
                    panic!("{name}: {:?}", r.why);
                };
                assert_eq!(*net_price, rules.net_price(*price), "{name}");
                assert_eq!(*budget_max, 200_000, "{name}");
                Verdict::Out(*over)
            }
            other => panic!("{name}: {other:?}"),
        };
        assert_eq!(&got, want, "{name}");
    }
}

#[test]
fn a_trim_a_little_over_the_budget_ranks_after_every_trim_within_it() {
    let p = profile(|p| {
        p.budget = budget(200_000);
        p.priorities = vec![Priority::Power];
    });
    let trims = [
        with(trim("slow", "秦", 150_000), |t| t.power_kw = Some(100)),
        with(trim("fast", "汉", 215_000), |t| t.power_kw = Some(390)),
        with(trim("middle", "宋", 180_000), |t| t.power_kw = Some(200)),
    ];
    let s = fit(&Buyer::of(&p), &trims, &FitRules::default());
    assert_eq!(ids(&s), ["middle", "slow", "fast"]);
    assert_eq!(s.fits[2].budget, BudgetFit::Stretch { over: 4_250 });
}

/// A small catalogue with one car for each need.
fn catalogue() -> Vec<Trim> {
    vec![
        with(trim("mpv", "夏", 250_000), |t| {
            t.body = Some(Body::Mpv);
            t.energy = Some(Energy::Phev);
            t.seats = Some(7);
            t.range_km = Some(190);
            t.boot_l = Some(400);
            t.length_mm = Some(5_145);
            t.wheelbase_mm = Some(3_045);
        }),
        with(trim("ev", "汉", 230_000), |t| {
            t.body = Some(Body::Sedan);
            t.energy = Some(Energy::Bev);
            t.seats = Some(5);
            t.range_km = Some(605);
            t.power_kw = Some(390);
            t.accel_s = Some(3.9);
            t.boot_l = Some(410);
            t.length_mm = Some(4_995);
            t.wheelbase_mm = Some(2_920);
            t.adas = "DiPilot 100".to_owned();
            t.colours = vec!["白".into(), "黑".into(), "灰".into(), "蓝".into()];
        }),
        with(trim("short_ev", "海豚", 120_000), |t| {
            t.body = Some(Body::Hatchback);
            t.energy = Some(Energy::Bev);
            t.seats = Some(5);
            t.range_km = Some(420);
            t.power_kw = Some(70);
            t.accel_s = Some(10.9);
            t.boot_l = Some(345);
            t.length_mm = Some(4_290);
            t.wheelbase_mm = Some(2_700);
        }),
        with(trim("wagon", "旅行", 180_000), |t| {
            t.body = Some(Body::Wagon);
            t.energy = Some(Energy::Petrol);
            t.seats = Some(5);
            t.fuel_l100 = Some(7.5);
            t.boot_l = Some(1_000);
            t.length_mm = Some(4_800);
            t.wheelbase_mm = Some(2_800);
            t.warranty = "3年或10万公里".to_owned();
        }),
        with(trim("hybrid", "宋", 160_000), |t| {
            t.body = Some(Body::Suv);
            t.energy = Some(Energy::Hev);
            t.seats = Some(5);
            t.fuel_l100 = Some(4.5);
            t.boot_l = Some(470);
            t.length_mm = Some(4_700);
            t.wheelbase_mm = Some(2_765);
            t.warranty = "6年或15万公里".to_owned();
        }),
    ]
}

#[test]
fn each_purpose_puts_its_car_first_with_its_reason() {
    let rules = FitRules::default();
    let cases: &[(&str, Purpose, &str, FitReason)] = &[
        (
            "family: the seven seats",
            Purpose::Family,
            "mpv",
            FitReason::ManySeats { seats: 7 },
        ),
        (
            "long trips: the long range",
            Purpose::LongTrips,
            "ev",
            FitReason::LongRange { range_km: 605 },
        ),
        (
            "business: the long sedan or MPV",
            Purpose::Business,
            "mpv",
            FitReason::BusinessImage {
                body: Body::Mpv,
                length_mm: 5_145,
            },
        ),
        (
            "cargo: the big boot",
            Purpose::Cargo,
            "wagon",
            FitReason::RoomyBoot { boot_l: 1_000 },
        ),
        (
            "commute: electric, the cheaper of two",
            Purpose::Commute,
            "short_ev",
            FitReason::Electric {
                energy: Energy::Bev,
            },
        ),
    ];
    for (name, purpose, first, why) in cases {
        let p = profile(|p| p.purposes = vec![*purpose]);
        let s = fit(&Buyer::of(&p), &catalogue(), &rules);
        assert_eq!(s.fits[0].trim.id, *first, "{name}: {:?}", ids(&s));
        assert_eq!(s.fits[0].reasons.first(), Some(why), "{name}");
        assert!(s.ruled_out.is_empty(), "{name}");
    }
}

#[test]
fn long_trips_put_a_short_range_battery_car_after_a_plug_in_hybrid() {
    let p = profile(|p| p.purposes = vec![Purpose::LongTrips]);
    let s = fit(&Buyer::of(&p), &catalogue(), &FitRules::default());
    let at = |id: &str| ids(&s).iter().position(|x| *x == id).expect(id);
    assert!(at("mpv") < at("short_ev"), "{:?}", ids(&s));
    assert_eq!(
        reasons_of(&s, "mpv").first(),
        Some(&FitReason::PlugInRange {
            range_km: 190,
            energy: Energy::Phev
        })
    );
    assert!(
        !reasons_of(&s, "short_ev")
            .iter()
            .any(|r| matches!(r, FitReason::LongRange { .. })),
        "420 km is under the rules' 500"
    );
}

#[test]
fn each_priority_puts_its_car_first_with_its_reason() {
    let rules = FitRules::default();
    let cases: &[(&str, Priority, &str, FitReason)] = &[
        (
            "power",
            Priority::Power,
            "ev",
            FitReason::Quick { accel_s: 3.9 },
        ),
        (
            "comfort",
            Priority::Comfort,
            "mpv",
            FitReason::RearSpace {
                wheelbase_mm: 3_045,
            },
        ),
        (
            "appearance",
            Priority::Appearance,
            "ev",
            FitReason::Colours { count: 4 },
        ),
        (
            "economy: electric, the cheaper of two",
            Priority::FuelEconomy,
            "short_ev",
            FitReason::Electric {
                energy: Energy::Bev,
            },
        ),
        (
            "space: the seven seats weigh as much as the boot",
            Priority::Space,
            "mpv",
            FitReason::ManySeats { seats: 7 },
        ),
        (
            "safety",
            Priority::Safety,
            "ev",
            FitReason::Assistance {
                adas: "DiPilot 100".to_owned(),
            },
        ),
        (
            "price",
            Priority::Price,
            "short_ev",
            FitReason::LowPrice { net_price: 114_000 },
        ),
        (
            "after-sales",
            Priority::AfterSales,
            "hybrid",
            FitReason::Warranty {
                warranty: "6年或15万公里".to_owned(),
            },
        ),
    ];
    for (name, priority, first, why) in cases {
        let p = profile(|p| p.priorities = vec![*priority]);
        let s = fit(&Buyer::of(&p), &catalogue(), &rules);
        assert_eq!(s.fits[0].trim.id, *first, "{name}: {:?}", ids(&s));
        assert_eq!(s.fits[0].reasons.first(), Some(why), "{name}");
        let best = s.fits.iter().filter_map(|f| f.score).max();
        assert_eq!(s.fits[0].score, best, "{name}");
        assert!(best.is_some_and(|b| b <= 100), "{name}");
    }
}

#[test]
fn priorities_weigh_by_their_rank() {
    let rules = FitRules::default();
    let power_first = profile(|p| p.priorities = vec![Priority::Power, Priority::Price]);
    let price_first = profile(|p| p.priorities = vec![Priority::Price, Priority::Power]);
    let s = fit(&Buyer::of(&power_first), &catalogue(), &rules);
    assert_eq!(s.fits[0].trim.id, "ev", "{:?}", ids(&s));
    let s = fit(&Buyer::of(&price_first), &catalogue(), &rules);
    assert_eq!(s.fits[0].trim.id, "short_ev", "{:?}", ids(&s));
}

#[test]
fn nothing_known_ranks_by_price_with_no_score() {
    let p = profile(|_| {});
    let s = fit(&Buyer::of(&p), &catalogue(), &FitRules::default());
    assert_eq!(ids(&s), ["short_ev", "hybrid", "wagon", "ev", "mpv"]);
    assert!(
        s.fits
            .iter()
            .all(|f| f.score.is_none() && f.reasons.is_empty())
    );
}

#[test]
fn the_family_the_consultant_knows_of_counts_for_seats() {
    let rules = FitRules::default();
    let family_car = profile(|p| p.purposes = vec![Purpose::Family]);
    // Two children: the seven seats are for them.
    let two_children = [
        member(Relation::Wife),
        member(Relation::Son),
        member(Relation::Daughter),
    ];
    let buyer = Buyer {
        profile: &family_car,
        family: &two_children,
        owned: &[],
    };
    let s = fit(&buyer, &catalogue(), &rules);
    assert_eq!(
        reasons_of(&s, "mpv").first(),
        Some(&FitReason::SeatsForChildren {
            seats: 7,
            children: 2
        })
    );
    assert!(s.ruled_out.is_empty(), "four people fit in five seats");
    // Six people: five seats are too few for a family car.
    let six = [
        member(Relation::Wife),
        member(Relation::Son),
        member(Relation::Father),
        member(Relation::Mother),
        member(Relation::Other),
    ];
    let buyer = Buyer {
        profile: &family_car,
        family: &six,
        owned: &[],
    };
    let s = fit(&buyer, &catalogue(), &rules);
    assert_eq!(ids(&s), ["mpv"]);
    assert_eq!(
        reasons_of(&s, "mpv").first(),
        Some(&FitReason::SeatsForFamily {
            seats: 7,
            people: 6
        })
    );
    assert_eq!(s.ruled_out.len(), 4);
    assert!(s.ruled_out.iter().all(|r| r.why
        == [FitReason::TooFewSeats {
            seats: 5,
            people: 6
        }]));
    // The same family, a car for the commute: a five-seater is not ruled out.
    let commute = profile(|p| p.purposes = vec![Purpose::Commute]);
    let buyer = Buyer {
        profile: &commute,
        family: &six,
        owned: &[],
    };
    assert!(fit(&buyer, &catalogue(), &rules).ruled_out.is_empty());
}

#[test]
fn every_reason_a_trim_is_ruled_out_is_given() {
    let p = profile(|p| {
        p.budget = budget(150_000);
        p.purposes = vec![Purpose::Family];
    });
    let family = [
        member(Relation::Wife),
        member(Relation::Son),
        member(Relation::Daughter),
        member(Relation::Mother),
        member(Relation::Father),
    ];
    let owned = ["比亚迪 汉EV".to_owned()];
    let buyer = Buyer {
        profile: &p,
        family: &family,
        owned: &owned,
    };
    let s = fit(&buyer, &catalogue(), &FitRules::default());
    let ev = s.ruled_out.iter().find(|r| r.trim.id == "ev").expect("ev");
    assert_eq!(
        ev.why,
        [
            FitReason::AlreadyOwned {
                model: "比亚迪 汉EV".to_owned()
            },
            FitReason::OverBudget {
                over: 68_500,
                net_price: 218_500,
                budget_max: 150_000
            },
            FitReason::TooFewSeats {
                seats: 5,
                people: 6
            },
        ]
    );
    assert_eq!(
        ruled_out_ids(&s),
        ["short_ev", "hybrid", "wagon", "ev", "mpv"],
        "cheapest first"
    );
}

#[test]
fn the_model_an_owner_already_has_is_not_offered_again() {
    let p = profile(|p| p.level = crate::choices::Level::D);
    let owned = ["汉 EV 605KM".to_owned()];
    let buyer = Buyer {
        profile: &p,
        family: &[],
        owned: &owned,
    };
    let mut trims = catalogue();
    trims.push(trim("highlander", "汉兰达", 260_000));
    let s = fit(&buyer, &trims, &FitRules::default());
    assert_eq!(ruled_out_ids(&s), ["ev"]);
    assert!(ids(&s).contains(&"highlander"));
}

#[test]
fn a_model_the_customer_asked_about_comes_first_and_says_so() {
    let p = profile(|p| {
        p.models = vec![ModelWish::parse("宋PLUS")];
        p.priorities = vec![Priority::Power];
    });
    let trims = [
        with(trim("han", "汉", 200_000), |t| t.power_kw = Some(390)),
        with(trim("song", "宋PLUS DM-i", 160_000), |t| {
            t.power_kw = Some(145);
        }),
    ];
    let s = fit(&Buyer::of(&p), &trims, &FitRules::default());
    assert_eq!(ids(&s), ["song", "han"]);
    assert_eq!(
        s.fits[0].reasons.first(),
        Some(&FitReason::Wished {
            model: "宋PLUS".to_owned()
        })
    );
}

#[test]
fn what_names_a_series() {
    let mut han = trim("t", "汉", 200_000);
    han.aliases = vec!["Han".to_owned()];
    let song = trim("t", "宋PLUS DM-i", 160_000);
    let cases: &[(&str, &Trim, bool)] = &[
        ("汉", &han, true),
        ("汉EV", &han, true),
        ("汉 EV 605KM 尊贵型", &han, true),
        ("比亚迪汉", &han, true),
        ("比亚迪 汉", &han, true),
        ("han", &han, true),
        ("HAN ev", &han, true),
        ("汉兰达", &han, false),
        ("比亚迪", &han, false),
        ("", &han, false),
        ("宋PLUS", &song, true),
        ("宋 plus dm-i", &song, true),
        ("宋", &song, false),
        ("秦PLUS", &song, false),
    ];
    for (said, t, want) in cases {
        assert_eq!(names_series(said, t), *want, "{said:?} names {}", t.series);
    }
}

#[test]
fn warranty_years_as_makers_word_them() {
    let cases = [
        ("6年或15万公里", Some(6)),
        ("3 年/10万公里", Some(3)),
        ("整车终身质保", Some(99)),
        ("8 years or 150,000 km", Some(8)),
        ("见说明", None),
        ("", None),
    ];
    for (text, want) in cases {
        assert_eq!(warranty_years(text), want, "{text:?}");
    }
}

#[test]
fn a_fit_gives_at_most_the_strongest_reasons_each_once() {
    let p = profile(|p| {
        p.purposes = vec![Purpose::Commute, Purpose::LongTrips, Purpose::Business];
        p.priorities = vec![
            Priority::FuelEconomy,
            Priority::Power,
            Priority::Safety,
            Priority::Appearance,
            Priority::Comfort,
        ];
    });
    let s = fit(&Buyer::of(&p), &catalogue(), &FitRules::default());
    let ev = reasons_of(&s, "ev");
    assert_eq!(ev.len(), REASONS_MAX);
    let mut codes: Vec<&str> = ev.iter().map(FitReason::code).collect();
    codes.dedup();
    assert_eq!(codes.len(), ev.len(), "{ev:?}");
}

fn full(id: &str, price: u64, accel: f32) -> Trim {
    Trim {
        id: id.to_owned(),
        brand: "比亚迪".into(),
        series: "汉".into(),
        trim: id.to_owned(),
        year: Some(2025),
        price,
        body: Some(Body::Sedan),
        energy: Some(Energy::Bev),
        seats: Some(5),
        power_kw: Some(180),
        accel_s: Some(accel),
        fuel_l100: Some(1.0),
        range_km: Some(506),
        battery_kwh: Some(72.9),
        length_mm: Some(4_995),
        wheelbase_mm: Some(2_920),
        boot_l: Some(410),
        drivetrain: Some(Drivetrain::Fwd),
        adas: "L2".into(),
        warranty: "6年或15万公里".into(),
        colours: vec!["白".into()],
        aliases: vec!["han".into()],
        note: "现车".into(),
    }
}

#[test]
fn a_comparison_has_a_row_per_catalogue_field_with_what_differs_and_what_is_best() {
    let a = full("a", 209_800, 7.9);
    let b = with(full("b", 259_800, 3.9), |t| {
        t.power_kw = Some(390);
        t.drivetrain = Some(Drivetrain::Awd);
        t.range_km = Some(610);
    });
    let c = with(full("c", 209_800, 7.9), |t| t.range_km = None);
    let cmp = compare(&[a.clone(), b, c]).expect("three trims");
    assert_eq!(cmp.rows.len(), TRIM_FIELDS.len());
    for (row, field) in cmp.rows.iter().zip(TRIM_FIELDS) {
        assert_eq!(row.field, field.code);
        assert_eq!(row.values.len(), 3);
    }
    let row = |code: &str| cmp.rows.iter().find(|r| r.field == code).expect(code);
    assert!(!row("brand").differ);
    assert!(row("brand").best.is_empty());
    assert!(row("trim").differ);
    assert!(row("drivetrain").differ);
    assert!(row("drivetrain").best.is_empty(), "no better way to drive");
    assert_eq!(row("price").best, [0, 2], "the cheaper two, tied");
    assert_eq!(row("price").better, Some(Better::Lower));
    assert_eq!(row("accel_s").best, [1]);
    assert_eq!(row("accel_s").values[1], Some(CompareCell::Number(3.9)));
    assert_eq!(row("power_kw").best, [1]);
    assert_eq!(row("range_km").best, [1]);
    assert!(row("range_km").differ);
    assert_eq!(row("range_km").values[2], None);
    assert!(!row("seats").differ);
    assert!(!row("boot_l").differ);
    assert!(row("boot_l").best.is_empty(), "all alike: none is best");
    // Two identical trims: nothing differs.
    let same = compare(&[a.clone(), a.clone()]).expect("two");
    assert!(same.rows.iter().all(|r| !r.differ && r.best.is_empty()));
}

#[test]
fn a_comparison_takes_two_to_four_trims() {
    let t = full("a", 200_000, 7.0);
    for n in 0..=6 {
        let trims = vec![t.clone(); n];
        let got = compare(&trims);
        if (COMPARE_MIN..=COMPARE_MAX).contains(&n) {
            assert!(got.is_ok(), "{n}");
        } else {
            assert_eq!(got.expect_err("refused").field, "ids", "{n}");
        }
    }
}

#[test]
fn every_catalogue_field_has_a_value_to_compare() {
    let t = full("a", 200_000, 7.0);
    for f in TRIM_FIELDS {
        assert!(cell(&t, f.code).is_some(), "{} has no cell", f.code);
    }
    for code in [
        "price",
        "year",
        "power_kw",
        "accel_s",
        "fuel_l100",
        "range_km",
        "battery_kwh",
        "wheelbase_mm",
        "boot_l",
    ] {
        assert!(
            TRIM_FIELDS.iter().any(|f| f.code == code),
            "{code} is a field"
        );
        assert!(better(code).is_some(), "{code} has a better way");
    }
}

#[test]
fn the_trims_that_fit_are_weighed_against_each_other_not_the_whole_catalogue() {
    let p = profile(|p| {
        p.budget = budget(250_000);
        p.priorities = vec![Priority::Price];
    });
    let trims = [
        trim("cheap", "秦", 100_000),
        trim("dear", "汉", 240_000),
        trim("flagship", "仰望", 1_098_000),
    ];
    let s = fit(&Buyer::of(&p), &trims, &FitRules::default());
    assert_eq!(ids(&s), ["cheap", "dear"]);
    assert_eq!(ruled_out_ids(&s), ["flagship"]);
    assert_eq!(
        reasons_of(&s, "cheap"),
        [FitReason::LowPrice { net_price: 95_000 }]
    );
    assert!(
        reasons_of(&s, "dear").is_empty(),
        "the dearer of the two fits is not cheap, however dear the flagship"
    );
    assert_eq!(s.fits[1].score, Some(0));
}

#[test]
fn seven_seats_are_said_once_however_many_needs_they_answer() {
    let p = profile(|p| {
        p.purposes = vec![Purpose::Family];
        p.priorities = vec![Priority::Space];
    });
    let family = [member(Relation::Son), member(Relation::Daughter)];
    let buyer = Buyer {
        profile: &p,
        family: &family,
        owned: &[],
    };
    let s = fit(&buyer, &catalogue(), &FitRules::default());
    let seats: Vec<&FitReason> = reasons_of(&s, "mpv")
        .iter()
        .filter(|r| {
            matches!(
                r,
                FitReason::SeatsForChildren { .. }
                    | FitReason::SeatsForFamily { .. }
                    | FitReason::ManySeats { .. }
            )
        })
        .collect();
    assert_eq!(
        seats,
        [&FitReason::SeatsForChildren {
            seats: 7,
            children: 2
        }]
    );
}

#[test]
fn a_family_car_from_a_sheet_that_leaves_the_seats_out_goes_by_the_body() {
    let p = profile(|p| p.purposes = vec![Purpose::Family]);
    let body = |id: &str, b: Option<Body>| with(trim(id, id, 150_000), |t| t.body = b);
    let trims = [
        body("hatchback", Some(Body::Hatchback)),
        body("unknown", None),
        body("sedan", Some(Body::Sedan)),
        body("suv", Some(Body::Suv)),
        body("mpv", Some(Body::Mpv)),
    ];
    let s = fit(&Buyer::of(&p), &trims, &FitRules::default());
    assert_eq!(ids(&s), ["mpv", "suv", "sedan", "unknown", "hatchback"]);
    assert_eq!(
        reasons_of(&s, "suv"),
        [FitReason::FamilyBody { body: Body::Suv }]
    );
    assert!(reasons_of(&s, "sedan").is_empty());
    // Seats the sheet gives outweigh the body's guess.
    let trims = [
        body("suv", Some(Body::Suv)),
        with(body("seven", Some(Body::Suv)), |t| t.seats = Some(7)),
    ];
    let s = fit(&Buyer::of(&p), &trims, &FitRules::default());
    assert_eq!(ids(&s), ["seven", "suv"]);
    assert_eq!(reasons_of(&s, "seven"), [FitReason::ManySeats { seats: 7 }]);
}
