//! A JSON export written by an earlier Carnet (see `fixtures/README.md`) reads back, and is
//! written again byte for byte: the export's shape has not moved.

use carnet_core::LostReason;
use carnet_core::history::LevelChange;
use carnet_io::json_export;

const FIXTURE: &str = include_str!("fixtures/json-export-v1.json");

#[test]
fn an_earlier_export_reads_and_writes_back_byte_for_byte() {
    let export = json_export::parse(FIXTURE).expect("an earlier export reads");
    let customers = &export.customers;
    assert_eq!(customers.len(), 6);
    // Every kind of history record is there to be checked.
    assert!(customers.iter().any(|c| !c.family.is_empty()));
    assert!(customers.iter().any(|c| !c.level_changes.is_empty()));
    assert!(customers.iter().any(|c| !c.key_fact_changes.is_empty()));
    assert_eq!(
        customers
            .iter()
            .map(|c| c.handled_prompts.len())
            .sum::<usize>(),
        3
    );
    let mut written = Vec::new();
    json_export::write(&export, &mut written).expect("write");
    assert_eq!(String::from_utf8(written).expect("utf-8"), FIXTURE);
}

/// A lost sale's reason and competitor are written when known and left out when not, so an
/// export without them (an earlier one) reads and writes back the same.
#[test]
fn a_level_change_keeps_a_lost_reason_and_reads_without_one() {
    let old = r#"{"at":"2026-11-25 10:00:00","from":"C","to":"F","reason":"买了别家","revisit":"2027-02-23"}"#;
    let read: LevelChange = serde_json::from_str(old).expect("an older export");
    assert_eq!((read.lost_reason, read.competitor.as_deref()), (None, None));
    assert_eq!(
        serde_json::to_string(&read).expect("write"),
        old,
        "written back as it was"
    );
    let lost = LevelChange {
        lost_reason: Some(LostReason::Competitor),
        competitor: Some("比亚迪 汉".into()),
        ..read
    };
    let written = serde_json::to_string(&lost).expect("write");
    assert!(
        written.ends_with(r#""lost_reason":"competitor","competitor":"比亚迪 汉"}"#),
        "{written}"
    );
    assert_eq!(
        serde_json::from_str::<LevelChange>(&written).expect("read"),
        lost
    );
}
