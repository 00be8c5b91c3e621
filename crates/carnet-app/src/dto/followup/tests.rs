use std::collections::BTreeMap;

use carnet_core::followup::{AfterSaleKind, PromptParams};
use carnet_core::{AppointmentKind, Calendar, Level};
use chrono::NaiveDate;
use serde_json::json;

use super::PromptParamsDto;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("valid")
}

/// Every kind of prompt's parameters, as the book keeps them, and as they are sent on
/// 2026-11-25.
fn every_kind() -> Vec<(PromptParams, serde_json::Value)> {
    vec![
        (
            PromptParams::Cadence {
                level: Level::H,
                last: Some(day(11, 22)),
            },
            json!({"kind": "cadence", "level": "H", "last": "2026-11-22", "days": 3}),
        ),
        (
            PromptParams::Cadence {
                level: Level::N,
                last: None,
            },
            json!({"kind": "cadence", "level": "N", "last": null, "days": null}),
        ),
        (
            PromptParams::NextStep {
                promise: "报价".into(),
                set_on: day(11, 20),
                appointment: None,
            },
            json!({"kind": "next_step", "promise": "报价", "set_on": "2026-11-20", "appointment": null}),
        ),
        (
            PromptParams::NextStep {
                promise: String::new(),
                set_on: day(11, 20),
                appointment: Some(AppointmentKind::TestDrive),
            },
            json!({"kind": "next_step", "promise": "", "set_on": "2026-11-20", "appointment": "test_drive"}),
        ),
        (
            PromptParams::NoShow {
                on: day(12, 8),
                time: chrono::NaiveTime::from_hms_opt(14, 0, 0),
                appointment: AppointmentKind::Visit,
            },
            json!({"kind": "no_show", "on": "2026-12-08", "time": "14:00", "appointment": "visit"}),
        ),
        (
            PromptParams::AfterSale {
                step: AfterSaleKind::Insurance,
                year: 1,
                days: 335,
            },
            json!({"kind": "after_sale", "step": "insurance", "year": 1, "days": 335}),
        ),
        (
            PromptParams::Birthday {
                who: "老丈人".into(),
                name: "李".into(),
                calendar: Calendar::Lunar,
                month: 8,
                day: 15,
            },
            json!({"kind": "birthday", "who": "老丈人", "name": "李", "calendar": "lunar", "month": 8, "day": 15}),
        ),
        (
            PromptParams::Holiday {
                holiday: "mid_autumn".into(),
            },
            json!({"kind": "holiday", "holiday": "mid_autumn"}),
        ),
        (
            PromptParams::Complaint { opened: day(11, 2) },
            json!({"kind": "complaint", "opened": "2026-11-02"}),
        ),
        (
            PromptParams::SatisfactionCheck {
                resolved: day(11, 3),
            },
            json!({"kind": "satisfaction_check", "resolved": "2026-11-03"}),
        ),
        (
            PromptParams::Regrade {
                level: Level::A,
                since: day(10, 1),
            },
            json!({"kind": "regrade", "level": "A", "since": "2026-10-01"}),
        ),
        (
            PromptParams::ProposeLost { attempts: 5 },
            json!({"kind": "propose_lost", "attempts": 5}),
        ),
        (
            PromptParams::Revisit { lost_reason: None },
            json!({"kind": "revisit", "lost_reason": null}),
        ),
        (
            PromptParams::Revisit {
                lost_reason: Some(carnet_core::LostReason::Price),
            },
            json!({"kind": "revisit", "lost_reason": "price"}),
        ),
    ]
}

#[test]
fn each_kind_is_sent_typed_and_tagged_with_its_kind() {
    for (params, sent) in every_kind() {
        let dto = PromptParamsDto::new(&params, day(11, 25));
        assert_eq!(serde_json::to_value(&dto).expect("serialise"), sent);
        assert_eq!(sent["kind"], json!(dto.kind().code()), "{params:?}");
        let back: PromptParamsDto = serde_json::from_value(sent).expect("read back");
        assert_eq!(back, dto);
    }
}

#[test]
fn the_texts_are_the_kept_parameters_with_the_days_since_the_last_contact() {
    for (params, _) in every_kind() {
        let mut want: BTreeMap<String, String> = params.to_map();
        match params {
            PromptParams::Cadence { last: Some(_), .. } => {
                want.insert("days".into(), "3".into());
            }
            PromptParams::Cadence { last: None, .. } => {
                want.remove("last");
            }
            _ => {}
        }
        assert_eq!(
            PromptParamsDto::new(&params, day(11, 25)).texts(),
            want,
            "{params:?}"
        );
    }
}
