//! The fit end to end through the app: a customer and a catalogue in the book.

use carnet_core::catalogue::Trim;
use carnet_core::fit::{BudgetFit, CompareCell, FitReason};
use carnet_core::{Energy, FamilyDraft};
use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::customers::quick_input;
use crate::{DeliveryInput, ErrorCode, OrderInput};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 20)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("valid")
}

fn add(app: &App, name: &str, sets: &[(&str, &str)]) -> String {
    let id = app.add_customer(quick_input(name, None)).expect("add").id;
    let sets: Vec<(String, String)> = sets
        .iter()
        .map(|(f, v)| ((*f).to_owned(), (*v).to_owned()))
        .collect();
    app.edit_customer(&id, &sets, false).expect("edit");
    id
}

fn trim(id: &str, series: &str, price: u64, seats: u8) -> Trim {
    Trim {
        id: id.to_owned(),
        brand: "比亚迪".to_owned(),
        series: series.to_owned(),
        trim: "标准型".to_owned(),
        price,
        seats: Some(seats),
        energy: Some(Energy::Bev),
        range_km: Some(500),
        ..Trim::default()
    }
}

fn book(trims: &[Trim]) -> App {
    let app = App::open_in_memory().expect("app").with_clock(now);
    app.store()
        .write(|w| trims.iter().try_for_each(|t| w.save_trim(t)))
        .expect("catalogue");
    app
}

fn catalogue() -> Vec<Trim> {
    vec![
        trim("xia", "夏", 219_800, 7),
        trim("han", "汉", 209_800, 5),
        trim("seal", "海豹", 179_800, 5),
        trim("u8", "仰望U8", 1_098_000, 5),
    ]
}

#[test]
fn a_family_with_a_budget_gets_the_seven_seater_first_and_the_far_too_dear_ruled_out() {
    let app = book(&catalogue());
    let id = add(&app, "王强", &[("budget", "20-22万"), ("purposes", "家用")]);
    for relation in ["妻子", "儿子", "女儿"] {
        app.add_family_member(
            &id,
            FamilyDraft {
                relation: relation.into(),
                ..FamilyDraft::default()
            },
        )
        .expect("family");
    }
    let s = app.suggest(&id).expect("suggest");
    assert_eq!(s.catalogue_size, 4);
    assert_eq!(s.fits_total, 3);
    assert_eq!(s.fits[0].trim.id, "xia");
    assert_eq!(s.fits[0].budget, BudgetFit::Within);
    assert_eq!(
        s.fits[0].reasons.first(),
        Some(&FitReason::SeatsForChildren {
            seats: 7,
            children: 2
        })
    );
    assert_eq!(s.ruled_out_total, 1);
    assert_eq!(s.ruled_out[0].trim.id, "u8");
    assert!(matches!(
        s.ruled_out[0].why.as_slice(),
        [FitReason::OverBudget { over, .. }] if *over == 1_043_100 - 220_000
    ));
    // The reasons travel as {code, params}.
    let json = serde_json::to_value(&s.fits[0].reasons[0]).expect("json");
    assert_eq!(
        json,
        serde_json::json!({"code": "seats_for_children", "params": {"seats": 7, "children": 2}})
    );
}

#[test]
fn an_owner_is_not_offered_the_model_delivered_to_them() {
    let app = book(&catalogue());
    let id = add(&app, "李娜", &[("level", "H")]);
    app.record_order(
        &id,
        OrderInput {
            model: "汉 EV".into(),
            price: "20.98万".into(),
            at: "2026-10-01 10:00".into(),
            expected_delivery: String::new(),
        },
    )
    .expect("order");
    let before = app.suggest(&id).expect("suggest");
    assert!(before.ruled_out.is_empty(), "ordered, not yet delivered");
    app.record_delivery(
        &id,
        DeliveryInput {
            at: "2026-10-20 10:00".into(),
            ..DeliveryInput::default()
        },
    )
    .expect("delivery");
    let after = app.suggest(&id).expect("suggest");
    assert_eq!(after.ruled_out.len(), 1);
    assert_eq!(after.ruled_out[0].trim.id, "han");
    assert_eq!(
        after.ruled_out[0].why,
        [FitReason::AlreadyOwned {
            model: "汉 EV".into()
        }]
    );
}

#[test]
fn an_empty_catalogue_and_an_unknown_customer() {
    let app = book(&[]);
    let id = add(&app, "赵磊", &[]);
    let s = app.suggest(&id).expect("suggest");
    assert_eq!(s.catalogue_size, 0);
    assert!(s.fits.is_empty() && s.ruled_out.is_empty());
    assert_eq!(
        app.suggest("nobody").expect_err("unknown").code(),
        ErrorCode::NotFound
    );
}

#[test]
fn the_lists_are_capped_with_their_totals() {
    let many: Vec<Trim> = (0..FIT_LIST_MAX + 5)
        .map(|n| trim(&format!("t{n}"), "秦", 100_000 + n as u64, 5))
        .collect();
    let app = book(&many);
    let id = add(&app, "周六", &[]);
    let s = app.suggest(&id).expect("suggest");
    assert_eq!(s.fits.len(), FIT_LIST_MAX);
    assert_eq!(s.fits_total as usize, FIT_LIST_MAX + 5);
}

#[test]
fn trims_are_compared_two_to_four_by_id() {
    let app = book(&catalogue());
    let ids = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let c = app.compare_trims(&ids(&["han", "xia"])).expect("compare");
    assert_eq!(c.trims[0].id, "han");
    let price = c.rows.iter().find(|r| r.field == "price").expect("price");
    assert_eq!(price.values[0], Some(CompareCell::Number(209_800.0)));
    assert!(price.differ);
    assert_eq!(price.best, [0]);
    let seats = c.rows.iter().find(|r| r.field == "seats").expect("seats");
    assert!(seats.differ && seats.best.is_empty());

    let err = app.compare_trims(&ids(&["han"])).expect_err("one");
    assert_eq!(err.field.as_deref(), Some("ids"));
    let err = app
        .compare_trims(&ids(&["han", "han"]))
        .expect_err("the same twice is one");
    assert_eq!(err.field.as_deref(), Some("ids"));
    let err = app
        .compare_trims(&ids(&["han", "xia", "seal", "u8", "x"]))
        .expect_err("five");
    assert_eq!(err.code(), ErrorCode::TooMany);
    let err = app
        .compare_trims(&ids(&["han", "nope"]))
        .expect_err("no such trim");
    assert_eq!(err.code(), ErrorCode::NotFound);
}

#[test]
fn fit_rules_are_kept_checked_and_used() {
    let app = book(&[trim("han", "汉", 210_000, 5)]);
    assert_eq!(app.fit_rules().expect("rules"), FitRules::default());
    let id = add(&app, "孙悦", &[("budget", "20万")]);
    // 5 %: 199,500, within 20万.
    assert_eq!(
        app.suggest(&id).expect("s").fits[0].budget,
        BudgetFit::Within
    );
    let none = FitRules {
        typical_discount_pct: 0,
        ..FitRules::default()
    };
    app.set_fit_rules(none.clone()).expect("saved");
    assert_eq!(app.fit_rules().expect("rules"), none);
    let s = app.suggest(&id).expect("s");
    assert_eq!(s.rules, none);
    assert_eq!(s.fits[0].budget, BudgetFit::Stretch { over: 10_000 });

    let bad = FitRules {
        typical_discount_pct: 90,
        ..FitRules::default()
    };
    let err = app.set_fit_rules(bad).expect_err("refused");
    assert_eq!(err.field.as_deref(), Some("typical_discount_pct"));
    assert_eq!(err.code(), ErrorCode::InvalidNumber);
    assert_eq!(app.fit_rules().expect("rules"), none, "kept as they were");
    app.restore_default_fit_rules().expect("restored");
    assert_eq!(app.fit_rules().expect("rules"), FitRules::default());
}
