//! The follow-up: log, level, order, deliver and the agenda.

use super::{Book, stderr};

#[test]
fn log_level_order_deliver_and_the_agenda() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = Book::at(&dir.path().join("carnet.db"));
    let run = |args: &[&str]| book.run(args);
    let ok = |args: &[&str]| book.ok(args);
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
        stderr(&refused).starts_with("错误：请填写战败原因"),
        "{}",
        stderr(&refused)
    );
    let unknown = run(&["level", &lost, "F", "--lost-reason", "cheap"]);
    assert!(
        stderr(&unknown).contains("战败原因") && stderr(&unknown).contains("competitor"),
        "{}",
        stderr(&unknown)
    );
    ok(&[
        "level",
        &lost,
        "F",
        "--lost-reason",
        "competitor",
        "--competitor",
        "比亚迪 汉",
        "--reason",
        "买了别家",
        "--revisit",
        "2020-02-01",
    ]);
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&["show", &lost, "--json"])).expect("json");
    assert_eq!(shown["level_changes"][0]["lost_reason"], "competitor");
    assert_eq!(shown["level_changes"][0]["competitor"], "比亚迪 汉");
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
        revisit.contains("李四") && revisit.contains("战败客户（买了竞品），到期回访"),
        "{revisit}"
    );
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&["show", &owner, "--json"])).expect("json");
    assert_eq!(shown["level"], "D");
    assert_eq!(shown["interactions"][0]["kind"], "delivery");
    assert_eq!(shown["interactions"][1]["price"], 158_000);
}

#[test]
fn an_appointment_and_a_service_spend_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = Book::at(&dir.path().join("carnet.db"));
    let run = |args: &[&str]| book.run(args);
    let ok = |args: &[&str]| book.ok(args);
    let id = ok(&["add", "--name", "张三", "--phone", "13812345678"]);
    let refused = run(&["log", &id, "--kind", "call", "--appointment", "visit"]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("预约"), "{}", stderr(&refused));
    let refused = run(&["log", &id, "--kind", "call", "--spend", "1200"]);
    assert!(stderr(&refused).contains("消费"), "{}", stderr(&refused));
    ok(&["log", &id, "--kind", "service", "--spend", "0.12万"]);
    ok(&[
        "log",
        &id,
        "--kind",
        "call",
        "--next",
        "2099-12-08 14:00",
        "--appointment",
        "试驾",
    ]);
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&["show", &id, "--json"])).expect("json");
    let timeline = shown["interactions"].as_array().expect("timeline");
    assert!(timeline.iter().any(|i| i["spend"] == 1200), "{timeline:?}");
    assert!(
        timeline.iter().any(|i| i["appointment"] == "test_drive"),
        "{timeline:?}"
    );
    let booked = ok(&["agenda", "--date", "2099-12-08", "--days", "0"]);
    assert!(booked.contains("约了 12月8日 14:00 到店试驾"), "{booked}");
    let missed = ok(&["agenda", "--date", "2099-12-10", "--days", "0"]);
    assert!(
        missed.contains("约好 12月8日 14:00 到店试驾未到，打电话问问"),
        "{missed}"
    );
    let english = super::carnet(
        &[
            "--db",
            &book.db,
            "agenda",
            "--date",
            "2099-12-10",
            "--days",
            "0",
        ],
        &[("LANG", "en_US.UTF-8")],
    );
    let english = super::stdout(&english);
    assert!(
        english.contains("Did not come for the test drive on 8 Dec 14:00"),
        "{english}"
    );
}
