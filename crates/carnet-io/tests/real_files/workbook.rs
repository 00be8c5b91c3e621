//! The consultant's 300-customer workbook, as openpyxl and LibreOffice wrote it.

use carnet_io::Format;

use super::checks::{Checks, fixtures, read, report};

const COLUMNS: [&str; 7] = [
    "姓名",
    "手机",
    "意向车型",
    "预算",
    "购车时间",
    "决策人",
    "备注",
];
const TARGETS: [&str; 7] = [
    "name",
    "phones",
    "models",
    "budget",
    "timeframe",
    "decision_maker",
    "notes",
];

struct Expected {
    rows: Vec<ExpectedRow>,
    no_id: Vec<usize>,
}

struct ExpectedRow {
    row: usize,
    /// Each column's value as written: text, a number, an ISO date, or nothing.
    values: Vec<serde_json::Value>,
    kinds: Vec<String>,
    /// Each column's text as a person sees it (and as LibreOffice writes it to CSV).
    shown: Vec<String>,
}

fn expected() -> Expected {
    let path = fixtures().join("sheets/expected.json");
    let text = std::fs::read_to_string(&path).expect("expected.json");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(json["columns"], serde_json::json!(COLUMNS));
    assert_eq!(json["title_row"], 1);
    assert_eq!(json["header_row"], 2);
    let rows = json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| ExpectedRow {
            row: r["row"].as_u64().expect("row") as usize,
            values: r["values"].as_array().expect("values").clone(),
            kinds: r["kinds"]
                .as_array()
                .expect("kinds")
                .iter()
                .map(|k| k.as_str().expect("kind").to_owned())
                .collect(),
            shown: r["shown"]
                .as_array()
                .expect("shown")
                .iter()
                .map(|k| k.as_str().expect("shown").to_owned())
                .collect(),
        })
        .collect();
    let no_id = json["no_identifying_value"]
        .as_array()
        .expect("no_identifying_value")
        .iter()
        .map(|n| n.as_u64().expect("row") as usize)
        .collect();
    Expected { rows, no_id }
}

/// A cell's text as the reader documents it keeps text: trimmed, inner runs of spaces one
/// space, line ends kept.
fn tidied(text: &str) -> String {
    text.trim()
        .split('\n')
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The digits of a text, full-width digits (from Chinese input methods) counted as digits.
fn digits(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0),
            _ => None,
        })
        .collect()
}

/// What a sheet cell should read as: a date cell as its ISO date where the format keeps
/// cells (xlsx, xls, ods), as shown where it keeps text (CSV); other cells as shown.
fn want_cell(row: &ExpectedRow, col: usize, csv: bool) -> String {
    match row.kinds[col].as_str() {
        "date" if !csv => row.values[col].as_str().expect("iso date").to_owned(),
        _ => tidied(&row.shown[col]),
    }
}

fn sheet(file: &'static str, format: Format) {
    let expected = expected();
    let read = read(file);
    let csv = format == Format::Csv;
    let mut c = Checks::new(file);
    c.eq("format", read.format, format);
    c.eq(
        "the header is the row after the title",
        read.mapping.header_row,
        1,
    );
    for (col, target) in TARGETS.iter().enumerate() {
        c.eq(
            &format!("{} is mapped to {target}", COLUMNS[col]),
            read.column(target),
            Some(col),
        );
    }
    c.eq("300 data rows come out", read.rows.len(), 300);
    let numbers: Vec<usize> = read.rows.iter().map(|r| r.row).collect();
    let want_numbers: Vec<usize> = expected.rows.iter().map(|r| r.row).collect();
    c.eq("the data rows are rows 3 to 302", numbers, want_numbers);

    // Every cell reads as written, column by column.
    for (col, header) in COLUMNS.iter().enumerate() {
        let mut wrong = Vec::new();
        for want in &expected.rows {
            let got = read
                .table
                .rows
                .get(want.row - 1)
                .and_then(|r| r.get(col))
                .map_or("", String::as_str);
            let expect = want_cell(want, col, csv);
            if got != expect {
                wrong.push(format!("row {}: {got:?} for {expect:?}", want.row));
            }
        }
        c.that(
            &format!("every {header} cell reads as written"),
            wrong.is_empty(),
            || format!("{} cells differ: {}", wrong.len(), wrong.join("; ")),
        );
    }

    // The drafts: names, every digit of the phones, the timeframes, budgets, deciders.
    let mut names = Vec::new();
    let mut phones = Vec::new();
    let mut times = Vec::new();
    let mut dates = Vec::new();
    let mut budgets = Vec::new();
    let mut deciders = Vec::new();
    let mut notes = Vec::new();
    for want in &expected.rows {
        let Some(row) = read.row(want.row) else {
            continue;
        };
        let d = &row.draft;
        if d.name != tidied(&want.shown[0]) {
            names.push(format!(
                "row {}: {:?} for {:?}",
                want.row, d.name, want.shown[0]
            ));
        }
        let got_digits = digits(&d.phones.concat());
        if got_digits != digits(&want.shown[1]) {
            phones.push(format!(
                "row {}: {:?} for {:?}",
                want.row, d.phones, want.shown[1]
            ));
        }
        let time = want_cell(want, 4, csv);
        if d.timeframe != time {
            let line = format!("row {}: {:?} for {:?}", want.row, d.timeframe, time);
            if want.kinds[4] == "date" {
                dates.push(line);
            } else {
                times.push(line);
            }
        }
        if d.budget != want_cell(want, 3, csv) {
            budgets.push(format!(
                "row {}: {:?} for {:?}",
                want.row, d.budget, want.values[3]
            ));
        }
        if d.decision_maker != want_cell(want, 5, csv) {
            deciders.push(format!("row {}: {:?}", want.row, d.decision_maker));
        }
        if d.notes != want_cell(want, 6, csv) {
            notes.push(format!("row {}: {:?}", want.row, d.notes));
        }
    }
    let mut list = |name: &str, wrong: Vec<String>| {
        c.that(name, wrong.is_empty(), || {
            format!("{} rows: {}", wrong.len(), wrong.join("; "))
        });
    };
    list("every name comes out as written", names);
    list("every digit of every phone cell comes out", phones);
    list("every date cell's timeframe is its date", dates);
    list("every other timeframe comes out as written", times);
    list("every budget comes out as written", budgets);
    list("every decision-maker comes out as written", deciders);
    list("every note comes out as written", notes);

    // The rows that identify nobody still come out (for the consultant to see), empty.
    for n in &expected.no_id {
        let row = read.row(*n);
        c.that(
            &format!("row {n}, which identifies nobody, comes out without name or phone"),
            row.is_some_and(|r| r.draft.name.is_empty() && r.draft.phones.is_empty()),
            || format!("{:?}", row.map(|r| (&r.draft.name, &r.draft.phones))),
        );
    }
    report([c.finish()]);
}

#[test]
fn consultant_workbook_as_openpyxl_wrote_it() {
    sheet("sheets/consultant-300.xlsx", Format::Xlsx);
}

#[test]
fn consultant_workbook_as_libreoffice_wrote_xls() {
    sheet("sheets/consultant-300.xls", Format::Xls);
}

#[test]
fn consultant_workbook_as_libreoffice_wrote_ods() {
    sheet("sheets/consultant-300.ods", Format::Ods);
}

#[test]
fn consultant_workbook_as_libreoffice_wrote_utf8_csv() {
    sheet("sheets/consultant-300-utf8.csv", Format::Csv);
}

#[test]
fn consultant_workbook_as_libreoffice_wrote_gbk_csv() {
    sheet("sheets/consultant-300-gbk.csv", Format::Csv);
}

#[test]
fn the_expected_rows_are_as_the_script_says() {
    let expected = expected();
    assert_eq!(expected.rows.len(), 300);
    assert_eq!(expected.rows[0].row, 3);
    assert_eq!(expected.rows[299].row, 302);
    assert_eq!(expected.no_id.len(), 2);
    // A spread worth testing: numbers stored as numbers and real date cells.
    let kinds = |kind: &str| {
        expected
            .rows
            .iter()
            .flat_map(|r| &r.kinds)
            .filter(|k| *k == kind)
            .count()
    };
    assert!(kinds("int") > 50 && kinds("date") > 50);
}
