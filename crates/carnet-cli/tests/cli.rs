//! The `carnet` binary, run as a script or a manager would run it.

use std::path::Path;
use std::process::Output;

mod common;

fn carnet(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = common::carnet_cmd(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run carnet")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

fn db_arg(path: &Path) -> String {
    path.to_str().expect("utf-8 path").to_owned()
}

#[test]
fn add_then_list_round_trips() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_arg(&dir.path().join("carnet.db"));

    let added = carnet(
        &[
            "--db",
            &db,
            "add",
            "--name",
            "张三",
            "--phone",
            "138 1234 5678",
        ],
        &[],
    );
    assert!(added.status.success(), "{}", stderr(&added));
    let id = stdout(&added).trim().to_owned();
    assert_eq!(id.len(), 36, "prints the new id: {id:?}");

    let added2 = carnet(&["--db", &db, "add", "--name", "李四"], &[]);
    assert!(added2.status.success(), "{}", stderr(&added2));

    let listed = carnet(&["--db", &db, "list", "--json"], &[]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    let json: serde_json::Value = serde_json::from_str(&stdout(&listed)).expect("json");
    let rows = json.as_array().expect("array");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["id"], id.as_str());
    assert_eq!(rows[1]["name"], "张三");
    assert_eq!(rows[1]["phone"], "+8613812345678");
    assert_eq!(rows[0]["name"], "李四");
    assert_eq!(rows[0]["phone"], serde_json::Value::Null);

    let text = carnet(&["--db", &db, "list"], &[]);
    assert_eq!(
        stdout(&text).lines().nth(1),
        Some(format!("{id}\t张三\t138 1234 5678\tN\t").as_str())
    );
}

#[test]
fn carnet_db_names_the_book_when_db_is_not_given() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_arg(&dir.path().join("env.db"));
    let added = carnet(&["add", "--name", "王五"], &[("CARNET_DB", &db)]);
    assert!(added.status.success(), "{}", stderr(&added));
    let listed = carnet(&["--db", &db, "list"], &[]);
    assert!(stdout(&listed).contains("王五"));
}

#[test]
fn bad_input_fails_on_stderr_in_the_users_language() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_arg(&dir.path().join("carnet.db"));

    let en = carnet(&["--db", &db, "add", "--name", "  "], &[]);
    assert!(!en.status.success());
    assert!(stdout(&en).is_empty());
    assert_eq!(stderr(&en).trim(), "error: Name is required (--name)");

    let zh = carnet(
        &["--db", &db, "add", "--name", "张三", "--phone", "打给我"],
        &[("LANG", "zh_CN.UTF-8")],
    );
    assert!(!zh.status.success());
    assert_eq!(stderr(&zh).trim(), "错误：电话“打给我”不是有效的号码");

    let listed = carnet(&["--db", &db, "list", "--json"], &[]);
    assert_eq!(stdout(&listed).trim(), "[]", "nothing was written");
}

#[test]
fn a_newer_book_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("carnet.db");
    let db = db_arg(&path);
    assert!(
        carnet(&["--db", &db, "add", "--name", "张三"], &[])
            .status
            .success()
    );
    // Pretend a future Carnet wrote it: bump user_version in the header (offset 60, big-endian).
    let mut bytes = std::fs::read(&path).expect("read");
    bytes[60..64].copy_from_slice(&999u32.to_be_bytes());
    std::fs::write(&path, &bytes).expect("write");

    let out = carnet(&["--db", &db, "list"], &[("LANG", "zh_CN.UTF-8")]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("更新版本的 Carnet"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        bytes,
        "left byte-for-byte unchanged"
    );
}

#[test]
fn search_finds_by_initials_and_last_four_digits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_arg(&dir.path().join("carnet.db"));
    for (name, phone) in [
        ("张三", "13812345678"),
        ("单田芳", "13900001111"),
        ("李四", "18600115678"),
    ] {
        assert!(
            carnet(&["--db", &db, "add", "--name", name, "--phone", phone], &[])
                .status
                .success()
        );
    }
    let names = |query: &str| -> Vec<String> {
        let out = carnet(&["--db", &db, "search", query, "--json"], &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
        json.as_array()
            .expect("array")
            .iter()
            .map(|c| c["name"].as_str().expect("name").to_owned())
            .collect()
    };
    assert_eq!(names("zs"), ["张三"]);
    assert_eq!(names("stf"), ["单田芳"]);
    assert_eq!(names("5678"), ["李四", "张三"]);

    let none = carnet(&["--db", &db, "search", "王五"], &[("LANG", "zh_CN.UTF-8")]);
    assert!(none.status.success());
    assert!(stdout(&none).is_empty());
    assert_eq!(stderr(&none).trim(), "没有找到与“王五”相符的客户。");
}

#[test]
fn a_possible_duplicate_is_refused_unless_allowed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_arg(&dir.path().join("carnet.db"));
    assert!(
        carnet(
            &[
                "--db",
                &db,
                "add",
                "--name",
                "张三",
                "--phone",
                "13812345678"
            ],
            &[]
        )
        .status
        .success()
    );
    let again = carnet(
        &[
            "--db",
            &db,
            "add",
            "--name",
            "张三丰",
            "--phone",
            "138 1234 5678",
        ],
        &[("LANG", "zh_CN.UTF-8")],
    );
    assert!(!again.status.success());
    assert!(
        stderr(&again).starts_with("错误：可能与已有客户重复：张三（138 1234 5678，编号 "),
        "{}",
        stderr(&again)
    );
    let allowed = carnet(
        &[
            "--db",
            &db,
            "add",
            "--name",
            "张三丰",
            "--phone",
            "138 1234 5678",
            "--allow-duplicate",
        ],
        &[],
    );
    assert!(allowed.status.success(), "{}", stderr(&allowed));
    let listed = carnet(&["--db", &db, "list"], &[]);
    assert_eq!(stdout(&listed).lines().count(), 2);
}

#[test]
fn demo_fills_an_empty_book_once_and_bench_reports_every_class() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_arg(&dir.path().join("demo.db"));
    let demo = carnet(
        &[
            "--db",
            &db,
            "demo",
            "--customers",
            "300",
            "--seed",
            "3",
            "--interactions",
            "3000",
        ],
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
        &["--db", &db, "bench", "--json", "--import-rows", "300"],
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
            "agenda_read"
        ]
    );
    for class in report["classes"].as_array().expect("classes") {
        let runs = if class["class"] == "agenda_read" {
            50
        } else {
            200
        };
        assert_eq!(class["queries"], runs, "{class}");
        let (p50, p95, max) = (
            class["p50_ms"].as_f64(),
            class["p95_ms"].as_f64(),
            class["max_ms"].as_f64(),
        );
        assert!(p50 <= p95 && p95 <= max, "{class}");
    }
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

#[test]
fn show_edit_family_trash_and_merge() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_arg(&dir.path().join("carnet.db"));
    let run = |args: &[&str]| {
        let mut all = vec!["--db", db.as_str()];
        all.extend_from_slice(args);
        carnet(&all, &[("LANG", "zh_CN.UTF-8")])
    };
    let ok = |args: &[&str]| {
        let out = run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out).trim().to_owned()
    };
    let id = ok(&["add", "--name", "张三", "--phone", "13812345678"]);
    ok(&[
        "edit",
        &id,
        "--set",
        "budget=15-20万",
        "--set",
        "level=H",
        "--set",
        "tags=VIP,二胎",
        "--set",
        "models=汉/冠军版/雪域白,海豹",
        "--set",
        "payment=贷款",
    ]);
    let member = ok(&[
        "family",
        "add",
        &id,
        "--name",
        "李娜",
        "--relation",
        "妻子",
        "--birthday",
        "10-08",
        "--lunar",
    ]);
    assert_eq!(member.len(), 36, "prints the member's id");

    let shown: serde_json::Value =
        serde_json::from_str(&ok(&["show", &id, "--json"])).expect("json");
    assert_eq!(shown["name"], "张三");
    assert_eq!(shown["level"], "H");
    assert_eq!(shown["budget"]["min"], 150_000);
    assert_eq!(shown["budget"]["max"], 200_000);
    assert_eq!(shown["tags"], serde_json::json!(["VIP", "二胎"]));
    assert_eq!(shown["models"][0]["trim"], "冠军版");
    assert_eq!(shown["family"][0]["relation"], "wife");
    assert_eq!(shown["family"][0]["birthday"]["calendar"], "lunar");
    assert_eq!(
        shown["changes"].as_array().map(Vec::len),
        Some(3),
        "budget, models, payment"
    );
    let text = ok(&["show", &id]);
    assert!(text.contains("预算: 15-20万"), "{text}");
    assert!(
        text.contains("待了解: 购车时间、用途、决策人、现有车"),
        "{text}"
    );

    // What the customer said, kept as said and read as of today.
    ok(&[
        "edit",
        &id,
        "--set",
        "timeframe=下个月",
        "--set",
        "decision_maker=夫妻商量",
    ]);
    let said: serde_json::Value =
        serde_json::from_str(&ok(&["show", &id, "--json"])).expect("json");
    assert_eq!(said["timeframe_view"]["kind"], "month", "{said}");
    assert!(said["timeframe_view"]["days_left"].as_i64().unwrap_or(0) > 0);
    assert_eq!(said["decision_maker"], "shared");

    for (args, message) in [
        (
            vec!["edit", id.as_str(), "--set", "emails=zhang@"],
            "错误：邮箱“zhang@”不是有效的邮箱地址",
        ),
        (
            vec!["edit", id.as_str(), "--set", "level=Z"],
            "错误：级别“Z”不在可选范围内",
        ),
        (
            vec!["edit", id.as_str(), "--set", "shoe=42"],
            "错误：没有名为“shoe”的字段",
        ),
        (
            vec!["edit", id.as_str(), "--set", "budget"],
            "错误：没有名为“budget”的字段",
        ),
        (
            vec![
                "family",
                "add",
                id.as_str(),
                "--relation",
                "wife",
                "--birthday",
                "02-30",
            ],
            "错误：生日“02-30”不是有效日期",
        ),
    ] {
        let out = run(&args);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            stderr(&out).starts_with(message),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let found = ok(&["search", "level:H 预算:18万"]);
    assert!(found.contains("张三"), "{found}");

    let other = ok(&[
        "add",
        "--name",
        "张三",
        "--phone",
        "13900005678",
        "--allow-duplicate",
    ]);
    ok(&["edit", &other, "--set", "budget=30万"]);
    ok(&["merge", &id, &other, "--take", "budget"]);
    let merged: serde_json::Value =
        serde_json::from_str(&ok(&["show", &id, "--json"])).expect("json");
    assert_eq!(merged["budget"]["max"], 300_000);
    assert_eq!(merged["phones"].as_array().map(Vec::len), Some(2));

    ok(&["trash", &id]);
    assert!(ok(&["list"]).is_empty());
    assert!(ok(&["trash-list"]).contains("张三"));
    ok(&["restore", &id]);
    assert!(ok(&["list"]).contains("张三"));
    ok(&["trash", &id]);
    let emptied = run(&["empty-trash"]);
    let said = stderr(&emptied);
    assert!(
        said.contains("已永久删除 1 位客户：已从客户本及其日志中删除，并从 0 个自动备份中删除。"),
        "{said}"
    );
    assert!(!run(&["show", &id]).status.success());
    // A deletion request for someone not in the trash: erased at once.
    let other = ok(&["add", "--name", "王五", "--phone", "13700001111"]);
    let erased = run(&["erase", other.trim()]);
    assert!(erased.status.success(), "{}", stderr(&erased));
    assert!(!run(&["show", other.trim()]).status.success());
    assert!(!run(&["erase", "no-such-id"]).status.success());
}

#[test]
fn log_level_order_deliver_and_the_agenda() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_arg(&dir.path().join("carnet.db"));
    let run = |args: &[&str]| {
        let mut all = vec!["--db", db.as_str()];
        all.extend_from_slice(args);
        carnet(&all, &[("LANG", "zh_CN.UTF-8")])
    };
    let ok = |args: &[&str]| {
        let out = run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out).trim().to_owned()
    };
    let hot = ok(&["add", "--name", "张三", "--phone", "13812345678"]);
    ok(&["level", &hot, "H", "--reason", "本周要定"]);
    ok(&[
        "log",
        &hot,
        "--kind",
        "call",
        "--outcome",
        "reached",
        "--at",
        "2020-01-05 18:30",
        "--satisfaction",
        "4",
    ]);
    let lost = ok(&["add", "--name", "李四"]);
    let refused = run(&["level", &lost, "F"]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).starts_with("错误：请填写原因"),
        "{}",
        stderr(&refused)
    );
    ok(&[
        "level",
        &lost,
        "F",
        "--reason",
        "买了别家",
        "--revisit",
        "2020-02-01",
    ]);
    let owner = ok(&["add", "--name", "王五"]);
    ok(&[
        "order",
        &owner,
        "--model",
        "汉",
        "--price",
        "15.8万",
        "--at",
        "2020-01-01",
    ]);
    ok(&[
        "deliver",
        &owner,
        "--at",
        "2020-01-10 10:00",
        "--plate",
        "粤B12345",
    ]);
    let bad = run(&["log", &hot, "--kind", "call", "--at", "2999-01-01 10:00"]);
    assert!(
        stderr(&bad).starts_with("错误：时间“2999-01-01 10:00”不是有效日期"),
        "{}",
        stderr(&bad)
    );

    // The agenda as of 2020-01-11: H is overdue (contact on the 5th, every 2 days), the
    // owner's +1 call is due, the lost customer's revisit is still weeks away.
    let text = ok(&["agenda", "--date", "2020-01-11", "--days", "3"]);
    assert!(
        text.contains("2020-01-07\t") && text.contains("H级，上次联系已 6 天"),
        "{text}"
    );
    assert!(text.contains("交车后第 1 天回访"), "{text}");
    assert!(!text.contains("李四"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "agenda",
        "--date",
        "2020-01-11",
        "--days",
        "3",
        "--json",
    ]))
    .expect("json");
    let first = &json.as_array().expect("entries")[0];
    assert_eq!(
        (first["name"].as_str(), first["kind"].as_str()),
        (Some("张三"), Some("cadence"))
    );
    let revisit = ok(&["agenda", "--date", "2020-02-01", "--days", "0"]);
    assert!(
        revisit.contains("李四") && revisit.contains("战败客户，到期回访"),
        "{revisit}"
    );
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&["show", &owner, "--json"])).expect("json");
    assert_eq!(shown["level"], "D");
    assert_eq!(shown["interactions"][0]["kind"], "delivery");
    assert_eq!(shown["interactions"][1]["price"], 158_000);
}
