//! Strings that break software, for the tests of every place a consultant types text: the
//! Big List of Naughty Strings and our own script payloads (`tests/fixtures/naughty/`, their
//! source and licence beside them).

use std::path::Path;

fn strings(file: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/naughty")
        .join(file);
    let text = std::fs::read_to_string(&path).expect("the naughty strings");
    serde_json::from_str(&text).expect("a JSON list of strings")
}

/// Every string of both lists.
pub(crate) fn naughty() -> Vec<String> {
    let mut all = strings("blns.json");
    all.extend(strings("xss.json"));
    assert!(all.len() > 530, "{}", all.len());
    all
}
