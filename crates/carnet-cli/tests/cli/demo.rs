//! `demo` and `bench`.

use super::{carnet, db_arg, stderr, stdout};

#[test]
fn demo_fills_an_empty_book_once_and_bench_reports_every_class() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_arg(&dir.path().join("demo.db"));
    let demo = carnet(
        &["--db", &db, "demo", "--customers", "300", "--seed", "3"],
        &[],
    );
    assert!(demo.status.success(), "{}", stderr(&demo));
    assert_eq!(stderr(&demo).trim(), "Added 300 demo customers.");
    let again = carnet(&["--db", &db, "demo", "--customers", "5"], &[]);
    assert!(!again.status.success(), "a book with customers is refused");
    assert!(
        carnet(&["--db", &db, "demo", "--customers", "0"], &[])
            .status
            .code()
            == Some(2)
    );

    let bench = carnet(
        &[
            "--db",
            &db,
            "bench",
            "--json",
            "--import-rows",
            "300",
            "--team-exports",
            "2",
            "--team-customers",
            "40",
        ],
        &[],
    );
    assert!(bench.status.success(), "{}", stderr(&bench));
    let report: serde_json::Value = serde_json::from_str(&stdout(&bench)).expect("json");
    assert_eq!(report["customers"], 300);
    assert!(
        report["interactions"].as_u64().is_some_and(|n| n > 0),
        "{report}"
    );
    assert!(
        report["prompts"].as_u64().is_some_and(|n| n > 0),
        "{report}"
    );
    let log = report["classes"]
        .as_array()
        .expect("classes")
        .iter()
        .find(|c| c["class"] == "log_read_whole")
        .expect("the whole log's read");
    assert_eq!(log["counted"], report["interactions"], "{log}");
    let classes: Vec<&str> = report["classes"]
        .as_array()
        .expect("classes")
        .iter()
        .map(|c| c["class"].as_str().expect("class"))
        .collect();
    assert_eq!(
        classes,
        [
            "cjk_1_2_chars",
            "cjk_3plus_chars",
            "pinyin_initials",
            "pinyin_full",
            "phone_last_four",
            "filter_level_model",
            "note_words",
            "list_page_pinyin",
            "list_page_newest",
            "agenda_read",
            "log_read_whole",
            "today_plan_first",
            "today_plan",
            "report_funnel",
            "report_sources",
            "report_models",
            "report_compliance",
            "report_lost",
            "report_levels",
            "report_satisfaction",
            "report_tiers",
            "report_grid",
            "report_pareto",
            "report_lookalikes",
            "tiers_grid_after_change",
            "fit_500_trims",
            "brief",
            "understand_note",
        ]
    );
    for class in report["classes"].as_array().expect("classes") {
        let name = class["class"].as_str().expect("class");
        let runs = match name {
            "agenda_read" | "today_plan" => 50,
            "today_plan_first" => 1,
            "tiers_grid_after_change" | "log_read_whole" => 5,
            _ if name.starts_with("report_") => 20,
            _ => 200,
        };
        assert_eq!(class["queries"], runs, "{class}");
        let (p50, p95, max) = (
            class["p50_ms"].as_f64(),
            class["p95_ms"].as_f64(),
            class["max_ms"].as_f64(),
        );
        assert!(p50 <= p95 && p95 <= max, "{class}");
    }
    let team = &report["team"];
    assert_eq!(
        (team["exports"].as_u64(), team["customers_each"].as_u64()),
        (Some(2), Some(40))
    );
    assert!(
        team["build_ms"].as_f64().is_some_and(|ms| ms > 0.0),
        "{team}"
    );
    assert_eq!(team["classes"].as_array().map(Vec::len), Some(12), "{team}");
    let transfer = &report["transfer"];
    assert_eq!(transfer["import_rows"], 300);
    assert!(
        transfer["import_created"].as_u64().is_some_and(|n| n > 250),
        "{transfer}"
    );
    for figure in [
        "import_ms",
        "export_xlsx_ms",
        "export_csv_ms",
        "export_json_ms",
        "backup_ms",
        "imported_xlsx_ms",
        "imported_csv_ms",
    ] {
        assert!(
            transfer[figure].as_f64().is_some_and(|ms| ms > 0.0),
            "{figure}: {transfer}"
        );
    }
}
