//! `report` and what `show` says of a customer's value.

use super::{Book, stderr};

#[test]
fn reports_print_figures_and_json_and_refuse_what_they_cannot_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = Book::at(&dir.path().join("book.db"));
    let id = book.ok(&["add", "--name", "张伟", "--phone", "13800138000"]);
    book.ok(&["edit", &id, "--set", "models=汉", "--set", "budget=20万"]);
    book.ok(&["log", &id, "--kind", "visit"]);
    book.ok(&["order", &id, "--model", "汉", "--price", "25万"]);
    let today = chrono::Local::now().date_naive().to_string();

    let text = book.ok(&["report", "funnel", "--from", &today, "--to", &today]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("销售漏斗"), "{text}");
    assert!(lines.contains(&"新线索\t1\t0"), "{text}");
    assert!(lines.contains(&"已到店\t1\t0"), "{text}");
    assert!(lines.contains(&"已订车\t1\t0"), "{text}");

    let json = book.ok(&["report", "tiers", "--json"]);
    let tiers: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(tiers["kind"], "tiers");
    let medium = tiers["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["tier"] == "medium")
        .expect("medium");
    assert_eq!(medium["customers"], 1);
    assert_eq!(medium["value"], 250_000);

    let shown: serde_json::Value =
        serde_json::from_str(&book.ok(&["show", &id, "--json"])).expect("json");
    assert_eq!(shown["tier"], "medium");
    assert_eq!(shown["value"], 250_000);
    assert_eq!(shown["name"], "张伟");
    assert!(shown["grid"].is_null(), "never asked their satisfaction");
    assert!(book.ok(&["show", &id]).contains("层级：中客户"));

    let bad = book.run(&["report", "moon"]);
    assert_eq!(bad.status.code(), Some(1), "{}", stderr(&bad));
    assert!(stderr(&bad).contains("moon"), "{}", stderr(&bad));
    assert!(stderr(&bad).contains("funnel,sources"), "{}", stderr(&bad));
    let bad = book.run(&[
        "report",
        "funnel",
        "--from",
        "2026-12-31",
        "--to",
        "2026-01-01",
    ]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("to"), "{}", stderr(&bad));
}
