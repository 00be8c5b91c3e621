//! Quotes through the use cases: trims found by name, defaults and settings, saving to the
//! timeline and re-opening.

use carnet_core::catalogue::Trim;
use carnet_core::quote::QuoteSettings;
use carnet_core::{Energy, InteractionKind};
use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::customers::quick_input;
use crate::{App, Consultant, ErrorCode, Language};

fn nov25() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(15, 0, 0))
        .expect("valid")
}

fn trim(id: &str, series: &str, name: &str, price: u64, energy: Energy, seats: u8) -> Trim {
    Trim {
        id: id.into(),
        brand: "比亚迪".into(),
        series: series.into(),
        trim: name.into(),
        year: Some(2026),
        price,
        energy: Some(energy),
        seats: Some(seats),
        ..Trim::default()
    }
}

fn catalogue() -> Vec<Trim> {
    let mut han = trim("han-605", "汉", "EV 605KM 尊贵型", 229_800, Energy::Bev, 5);
    han.aliases = vec!["汉EV".into(), "han".into()];
    let mut han_506 = trim("han-506", "汉", "EV 506KM 精英型", 199_800, Energy::Bev, 5);
    han_506.aliases = han.aliases.clone();
    vec![
        han,
        han_506,
        trim(
            "tang-dmi",
            "唐DM-i",
            "112KM 尊贵型",
            209_800,
            Energy::Phev,
            7,
        ),
        trim(
            "qin-plus",
            "秦PLUS",
            "DM-i 55KM 领先型",
            99_800,
            Energy::Phev,
            5,
        ),
    ]
}

fn book() -> (App, String) {
    let app = App::open_in_memory().expect("app").with_clock(nov25);
    app.store()
        .write(|w| {
            for t in catalogue() {
                w.save_trim(&t)?;
            }
            Ok::<_, carnet_store::StoreError>(())
        })
        .expect("catalogue");
    let id = app.add_customer(quick_input("周杰", None)).expect("add").id;
    (app, id)
}

fn input(trim: &str) -> QuoteInput {
    QuoteInput {
        trim: trim.into(),
        ..QuoteInput::default()
    }
}

#[test]
fn a_trim_is_named_by_id_name_series_or_words() {
    let trims = catalogue();
    let cases = [
        ("tang-dmi", "tang-dmi", "its id"),
        ("汉 EV 605KM 尊贵型", "han-605", "its whole name"),
        ("汉ev605km尊贵型", "han-605", "spaces and case do not count"),
        ("唐DM-i", "tang-dmi", "a series only one trim has"),
        ("秦plus", "qin-plus", "a series, folded"),
        ("汉 605", "han-605", "series and trim words"),
        ("han 506", "han-506", "an alias and a trim word"),
    ];
    for (typed, id, why) in cases {
        assert_eq!(
            find_trim(&trims, typed)
                .map(|t| t.id)
                .map_err(|e| e.message),
            Ok(id.to_owned()),
            "{why}"
        );
    }
}

#[test]
fn an_ambiguous_or_unknown_trim_lists_the_candidates() {
    let trims = catalogue();
    let err = find_trim(&trims, "汉").expect_err("two trims of 汉");
    assert_eq!(err.code(), ErrorCode::InvalidChoice);
    assert_eq!(err.field.as_deref(), Some("trim"));
    assert_eq!(
        err.params().get("allowed").map(String::as_str),
        Some("汉 EV 605KM 尊贵型,汉 EV 506KM 精英型")
    );
    let err = find_trim(&trims, "海豹").expect_err("not in the catalogue");
    assert_eq!(err.field.as_deref(), Some("trim"));
    assert_eq!(
        err.params().get("allowed").map(|a| a.split(',').count()),
        Some(4),
        "the whole catalogue offered"
    );
    assert!(find_trim(&trims, "  ").is_err());
}

#[test]
fn a_quote_applies_the_settings_and_the_rules_of_its_day() {
    let (app, id) = book();
    let view = app
        .quote(
            &id,
            &QuoteInput {
                discount: Some(8_000),
                ..input("汉 605")
            },
        )
        .expect("quote");
    let s = &view.sheet;
    // 2026: a BEV's tax halved. 221,800 ÷ 1.13 × 10% = 19,628.32; half waived: 9,814.
    assert_eq!(s.price, 221_800);
    assert_eq!(s.purchase_tax.due, 9_814);
    // 3% of 221,800 = 6,654; 交强险 950 (5 seats); plate 500.
    assert_eq!(s.commercial_insurance, 6_654);
    assert_eq!(s.total, 221_800 + 9_814 + 950 + 6_654 + 500);
    assert_eq!((s.finance.down_pct, s.finance.term), (30, 36));
    assert_eq!(
        s.valid_until,
        NaiveDate::from_ymd_opt(2026, 12, 2).expect("day")
    );
    assert_eq!(view.customer_name, "周杰");
    assert_eq!(
        view.summary,
        format!(
            "汉 EV 605KM 尊贵型 落地 24万，首付30% 36期 月供 {}",
            grouped(s.finance.monthly)
        )
    );
    assert!(
        app.timeline_len(&id) == 0,
        "a quote is not saved until asked"
    );

    app.set_quote_settings(QuoteSettings {
        commercial_pct: 4.0,
        plate_fee: 0,
        service_fee: 1_000,
        valid_days: 3,
        apr: 0.0,
        loan_fee: 3_000,
    })
    .expect("settings");
    let view = app.quote(&id, &input("唐DM-i")).expect("quote");
    assert_eq!(view.sheet.compulsory_insurance, 1_100, "7 seats");
    assert_eq!(view.sheet.service_fee, 1_000);
    assert_eq!(view.sheet.finance.interest, 0);
    assert_eq!(view.sheet.finance.fee, 3_000);
    assert_eq!(
        view.sheet.valid_until,
        NaiveDate::from_ymd_opt(2026, 11, 28).expect("day")
    );
}

#[test]
fn bad_numbers_are_refused_naming_their_field() {
    let (app, id) = book();
    let err = app
        .quote(
            &id,
            &QuoteInput {
                discount: Some(300_000),
                ..input("秦PLUS")
            },
        )
        .expect_err("discount over the price");
    assert_eq!(err.field.as_deref(), Some("discount"));
    let err = app
        .set_quote_settings(QuoteSettings {
            valid_days: 0,
            ..QuoteSettings::default()
        })
        .expect_err("a quote holds a day at least");
    assert_eq!(err.field.as_deref(), Some("valid_days"));
    assert_eq!(
        app.quote_settings().expect("read"),
        QuoteSettings::default()
    );
    assert_eq!(
        app.quote("nobody", &input("秦PLUS"))
            .expect_err("no customer")
            .code(),
        ErrorCode::NotFound
    );
}

#[test]
fn a_saved_quote_is_on_the_timeline_and_reopens_as_quoted() {
    let (app, id) = book();
    app.set_consultant(Consultant {
        name: "王芳".into(),
        dealership: "比亚迪南山店".into(),
        phone: "13812345678".into(),
    })
    .expect("consultant");
    let saved = app
        .save_quote(
            &id,
            &QuoteInput {
                down_pct: Some(50),
                term: Some(24),
                ..input("秦PLUS")
            },
        )
        .expect("saved");
    let interaction = saved.interaction_id.clone().expect("logged");
    let timeline = app.store().interactions(&id).expect("timeline");
    assert_eq!(timeline.len(), 1);
    assert_eq!(timeline[0].id, interaction);
    assert_eq!(timeline[0].facts.kind, InteractionKind::Quote);
    assert_eq!(
        timeline[0].facts.notes.as_deref(),
        Some(saved.summary.as_str())
    );
    assert!(saved.summary.contains("首付50% 24期"), "{}", saved.summary);

    // The catalogue's price changes and the trim goes: the quote stays as it was quoted.
    app.store()
        .write(|w| w.delete_trim("qin-plus"))
        .expect("delete");
    let reopened = app.quote_of(&interaction).expect("reopen");
    assert_eq!(reopened.sheet, saved.sheet);
    assert_eq!(reopened.terms, saved.terms);
    assert_eq!(reopened.trim_name, "秦PLUS DM-i 55KM 领先型");
    assert_eq!(reopened.trim_id, None, "no longer in the catalogue");
    assert_eq!(reopened.consultant.dealership, "比亚迪南山店");
    assert_eq!(
        app.quote_of("not-a-quote").expect_err("none").code(),
        ErrorCode::NotFound
    );
}

#[test]
fn the_customers_models_come_first_and_the_summary_speaks_their_language() {
    let (app, id) = book();
    app.edit_customer(&id, &[("models".into(), "唐/尊贵型".into())], false)
        .expect("edit");
    let offered = app.quote_trims(&id).expect("trims");
    assert_eq!(offered[0].id, "tang-dmi");
    assert!(offered[0].intended);
    assert!(offered[1..].iter().all(|t| !t.intended));
    assert_eq!(offered.len(), 4);

    app.set_language(Language::En).expect("en");
    let view = app.quote(&id, &input("qin-plus")).expect("quote");
    assert!(
        view.summary.starts_with("秦PLUS DM-i 55KM 领先型: "),
        "{}",
        view.summary
    );
    assert!(
        view.summary.contains("30% down, 36 months at"),
        "{}",
        view.summary
    );
}

#[test]
fn money_is_written_as_consultants_read_it() {
    assert_eq!(grouped(4_512), "4,512");
    assert_eq!(grouped(999), "999");
    assert_eq!(grouped(1_234_567), "1,234,567");
    assert_eq!(wan(216_149), "21.6");
    assert_eq!(wan(199_960), "20");
    assert_eq!(wan(95_000), "9.5");
}

impl App {
    fn timeline_len(&self, id: &str) -> usize {
        self.store().interactions(id).expect("timeline").len()
    }
}
