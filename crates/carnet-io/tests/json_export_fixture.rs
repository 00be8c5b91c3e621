//! A JSON export written by an earlier Carnet (see `fixtures/README.md`) reads back, and is
//! written again byte for byte: the export's shape has not moved.

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
