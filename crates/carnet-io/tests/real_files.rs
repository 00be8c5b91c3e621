//! Files that real programs wrote, read with the public reader and mapping as an import
//! reads them: phones' and mail programs' contact exports (tests/fixtures/contacts, each
//! file's origin in SOURCES.md there) and a consultant's 300-customer workbook that openpyxl
//! and LibreOffice wrote (tests/fixtures/sheets, made by make_sheets.py, described by
//! expected.json).
//!
//! Every expectation here was read off the file itself, not off the reader's output. Where
//! the reader still gets a file wrong, the expectation stays as the file says and the check
//! is listed in [`KNOWN_GAPS`] (and explained in tests/fixtures/contacts/KNOWN_GAPS.md): a
//! listed check must fail, so a gap that gets fixed fails this test until it is taken off
//! the list, and an unlisted failure fails it at once. Profile validation (which phones or
//! budgets are accepted) is deliberately not checked here.

#[path = "real_files/checks.rs"]
mod checks;
#[path = "real_files/contact_csvs.rs"]
mod contact_csvs;
#[path = "real_files/contacts.rs"]
mod contacts;
#[path = "real_files/vcards.rs"]
mod vcards;
#[path = "real_files/workbook.rs"]
mod workbook;

use checks::fixtures;

/// The checks that fail today because the reader or the mapping loses or mangles what the
/// file holds: (file under tests/fixtures, the check's name); `*` stands for any text.
/// tests/fixtures/contacts/KNOWN_GAPS.md says what is lost and why, under the same G-number.
/// When a gap is fixed its checks pass, this test fails, and the entry comes off the list.
const KNOWN_GAPS: &[(&str, &str)] = &[];

/// Whether `text` matches `pattern`, where `*` stands for any text.
fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let [first, middle @ .., last] = parts.as_slice() else {
        return pattern == text;
    };
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// Whether a check of a file is a known gap.
fn known_gap(file: &str, check: &str) -> bool {
    KNOWN_GAPS
        .iter()
        .any(|(f, c)| glob(f, file) && glob(c, check))
}

#[test]
fn every_known_gap_is_written_up() {
    let doc =
        std::fs::read_to_string(fixtures().join("contacts/KNOWN_GAPS.md")).expect("KNOWN_GAPS.md");
    for (file, check) in KNOWN_GAPS {
        assert!(
            doc.contains(file) && doc.contains(check),
            "KNOWN_GAPS.md does not name {file} and {check:?}"
        );
    }
}
