//! Files real software wrote: the sheet fixtures in every format, the consultant's
//! 300-row workbook, and phones' contact exports.

use super::*;

/// The sheets LibreOffice made from tests/fixtures/sheets/customers.fods (make-sheets.sh).
fn sheet_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/sheets")
        .join(name)
}

#[test]
fn every_sheet_format_reads_the_same_customers() {
    for name in [
        "customers.xlsx",
        "customers.xls",
        "customers.ods",
        "customers-gbk.csv",
    ] {
        let dir = tempfile::tempdir().expect("dir");
        let app = book(dir.path(), "a");
        let path = sheet_fixture(name);
        let preview = app
            .preview_import(&request(&path, DuplicatePolicy::Skip))
            .expect(name);
        assert_eq!(preview.header_row, 2, "{name}: title rows skipped");
        assert_eq!(
            (
                preview.rows,
                preview.new,
                preview.refused,
                preview.with_warnings
            ),
            (5, 5, 0, 3),
            "{name}"
        );
        let kept: Vec<(u32, &str, KeptWhere, ErrorCode)> = preview
            .warnings
            .iter()
            .flat_map(|g| {
                g.items
                    .iter()
                    .map(move |i| (i.row, i.value.as_str(), g.kept, g.code))
            })
            .collect();
        assert_eq!(
            kept,
            vec![
                (6, "很多钱", KeptWhere::Field, ErrorCode::InvalidBudget),
                (8, "12345", KeptWhere::Field, ErrorCode::InvalidPhone),
                (9, "1990-02-30", KeptWhere::Notes, ErrorCode::InvalidDate),
            ],
            "{name}"
        );
        app.import_file(&request(&path, DuplicatePolicy::Skip), &mut |_| {})
            .expect(name);
        let find = |who: &str| {
            let id = app
                .search_customers(who, crate::ListOrder::Newest, 0, 5)
                .expect("search")
                .customers[0]
                .id
                .clone();
            app.get_customer(&id).expect("get").profile
        };
        let zhang = find("张三");
        assert_eq!(zhang.name, "张三", "{name}: stray spaces trimmed");
        assert_eq!(
            zhang.phones[0].stored(),
            "+8613812345678",
            "{name}: a number cell"
        );
        assert_eq!(
            zhang.birthday.map(|b| b.to_input()).as_deref(),
            Some("1985-03-12"),
            "{name}: a date cell"
        );
        assert_eq!(zhang.source, Some(carnet_core::Source::Referral), "{name}");
        let li = find("李四");
        assert_eq!(li.phones.len(), 2, "{name}: two phones in one cell");
        assert_eq!(li.budget, carnet_core::Budget::parse("20万"), "{name}");
        if !name.ends_with(".csv") {
            assert_eq!(
                li.source,
                Some(carnet_core::Source::Referral),
                "{name}: merged down"
            );
        }
    }
}

/// The consultant's workbook of tests/fixtures/sheets (make_sheets.py: written by openpyxl,
/// converted by LibreOffice), and what the script wrote into each row.
fn consultant_sheet() -> (Vec<PathBuf>, serde_json::Value) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sheets");
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("expected.json")).expect("expected.json"),
    )
    .expect("json");
    let files = expected["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| dir.join(f.as_str().expect("name")))
        .collect();
    (files, expected)
}

/// A cell as the script wrote it, `None` when empty: in a spreadsheet, its value (a date
/// cell's date, whatever its format shows); in a CSV, what it showed.
fn written(row: &serde_json::Value, col: usize, csv: bool) -> Option<String> {
    let cell = if csv {
        row["shown"][col].as_str().unwrap_or_default().to_owned()
    } else {
        match &row["values"][col] {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => String::new(),
        }
    };
    let cell = cell.trim().to_owned();
    (!cell.is_empty()).then_some(cell)
}

/// Whether a customer holds what a phone cell said: each number in it among their phones,
/// or (what is no number) in their notes.
fn holds_phones(p: &carnet_core::Profile, cell: &str) -> bool {
    let notes = p.notes.clone().unwrap_or_default();
    carnet_io::mapping::split_phones(cell).iter().all(
        |piece| match carnet_core::phone::Phone::parse(piece) {
            Some(phone) => p.phones.iter().any(|mine| mine.key() == phone.key()),
            None => notes.contains(piece.as_str()),
        },
    )
}

#[test]
fn the_consultants_300_row_workbook_loses_nothing_in_any_format() {
    let (files, expected) = consultant_sheet();
    let rows = expected["rows"].as_array().expect("rows");
    let nobody: Vec<u64> = expected["no_identifying_value"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(serde_json::Value::as_u64)
        .collect();
    assert_eq!(rows.len(), 300);
    for file in files {
        let name = file.display().to_string();
        let csv = name.ends_with(".csv");
        let written = |row: &serde_json::Value, col: usize| written(row, col, csv);
        let dir = tempfile::tempdir().expect("dir");
        let app = book(dir.path(), "a");
        let preview = app
            .preview_import(&request(&file, DuplicatePolicy::Create))
            .expect(&name);
        assert_eq!(preview.header_row, 1, "{name}: under the title row");
        let refused: Vec<u64> = preview
            .refused_rows
            .iter()
            .map(|r| u64::from(r.row))
            .collect();
        assert_eq!(refused, nobody, "{name}: only the rows nothing identifies");
        assert_eq!(
            (preview.rows, preview.new),
            (300, 300 - u32::try_from(nobody.len()).expect("few")),
            "{name}"
        );
        app.import_file(&request(&file, DuplicatePolicy::Create), &mut |_| {})
            .expect(&name);
        let customers = app.store().customers().expect("customers");
        let today = nov25().date();
        for row in rows {
            let n = row["row"].as_u64().expect("row");
            if nobody.contains(&n) {
                continue;
            }
            let who = written(row, 0);
            let phones = written(row, 1);
            let found: Vec<&carnet_core::Customer> = customers
                .iter()
                .filter(|c| {
                    let p = &c.profile;
                    let notes = p.notes.clone().unwrap_or_default();
                    // Two customers of one name: told apart by their phones and notes.
                    who.as_ref().is_none_or(|w| &p.name == w)
                        && phones.as_ref().is_none_or(|cell| holds_phones(p, cell))
                        && written(row, 6).is_none_or(|n| notes.contains(&n))
                })
                .collect();
            assert_eq!(found.len(), 1, "{name}: row {n} is one customer: {row}");
            let p = &found[0].profile;
            let notes = p.notes.clone().unwrap_or_default();
            // Each value is kept: understood in its field, or as written in it, or in the notes.
            if let Some(models) = written(row, 2) {
                let kept = p
                    .models
                    .iter()
                    .map(carnet_core::ModelWish::to_input)
                    .collect::<Vec<_>>()
                    .join("，");
                for m in models.split([',', '，', '、']) {
                    assert!(
                        kept.contains(m.trim()),
                        "{name}: row {n} model {m:?} in {kept:?}"
                    );
                }
            }
            if let Some(budget) = written(row, 3) {
                let understood = carnet_core::Budget::parse(&budget);
                assert!(
                    (understood.is_some() && p.budget == understood)
                        || p.budget_words.as_deref() == Some(budget.as_str()),
                    "{name}: row {n} budget {budget:?}: {:?} / {:?}",
                    p.budget,
                    p.budget_words
                );
            }
            if let Some(when) = written(row, 4) {
                assert_eq!(
                    p.timeframe,
                    carnet_core::Timeframe::parse(&when, today),
                    "{name}: row {n} timeframe {when:?}"
                );
            }
            if let Some(decides) = written(row, 5) {
                assert_eq!(
                    p.decision_maker,
                    carnet_core::Pick::parse(&decides),
                    "{name}: row {n} decision-maker {decides:?}"
                );
            }
            if let Some(note) = written(row, 6) {
                assert!(
                    notes.contains(&note),
                    "{name}: row {n} note {note:?} in {notes:?}"
                );
            }
        }
    }
}

#[test]
fn every_real_phone_export_comes_in_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let app = book(dir.path(), "a");
    let contacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/contacts");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&contacts)
        .expect("contacts")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir() && !p.ends_with("LICENSES"))
        .flat_map(|d| {
            std::fs::read_dir(d)
                .expect("dir")
                .filter_map(Result::ok)
                .map(|e| e.path())
        })
        .filter(|p| p.extension().is_some_and(|e| e == "vcf" || e == "csv"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "{files:?}");
    let mut created = 0;
    for file in &files {
        let name = file.display().to_string();
        let preview = app
            .preview_import(&request(file, DuplicatePolicy::Create))
            .expect(&name);
        // Every card or row holds a name, a phone or an e-mail: none is refused.
        assert_eq!(preview.refused, 0, "{name}: {:?}", preview.refused_rows);
        let done = app
            .import_file(&request(file, DuplicatePolicy::Create), &mut |_| {})
            .expect(&name);
        assert_eq!(done.created, preview.new, "{name}");
        created += done.created;
    }
    assert!(created >= 30, "{created} contacts");
    // iPhone: the US numbers are kept as typed (unverified) or checked with their country
    // code; the customer is there whole.
    let found = app
        .search_customers("john doe", crate::ListOrder::Newest, 0, 50)
        .expect("search");
    assert!(!found.customers.is_empty());
    let everyone = app.store().customers().expect("customers");
    let unverified = everyone
        .iter()
        .flat_map(|c| c.profile.phones.iter())
        .filter(|p| !p.is_verified())
        .count();
    assert!(
        unverified > 5,
        "foreign numbers without a country code are kept: {unverified}"
    );
    let emails: usize = everyone.iter().map(|c| c.profile.emails.len()).sum();
    assert!(emails > 10, "{emails} e-mails kept");
    // The Android cards that held only an e-mail are people too.
    assert!(
        everyone.iter().any(|c| c
            .profile
            .emails
            .contains(&"jane.doe@company.com".to_owned())),
        "an e-mail-only card"
    );
}
