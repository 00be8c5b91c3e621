//! The Customize step on the command line: the brief and notes understood.

use super::{Book, stderr, stdout};

#[test]
fn the_brief_follows_the_stage_and_a_note_is_read_for_facts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = Book::at(&dir.path().join("carnet.db"));
    let ok = |args: &[&str]| book.ok(args);
    let id = ok(&["add", "--name", "李四", "--phone", "13900002222"]);
    ok(&[
        "edit",
        &id,
        "--set",
        "models=汉",
        "--set",
        "decision_maker=spouse",
    ]);
    let prospect = ok(&["brief", &id]);
    assert!(prospect.contains("阶段: 潜在客户"), "{prospect}");
    assert!(prospect.contains("邀请决策人一起试驾"), "{prospect}");

    ok(&[
        "order",
        &id,
        "--model",
        "汉",
        "--price",
        "22万",
        "--at",
        "2020-01-01",
    ]);
    ok(&["deliver", &id, "--at", "2020-01-10 10:00"]);
    ok(&["log", &id, "--kind", "complaint", "--note", "车机死机"]);
    let owner = ok(&["brief", &id]);
    assert!(owner.contains("阶段: 车主"), "{owner}");
    assert!(owner.contains("1. 先为投诉的问题致歉"), "{owner}");
    assert!(!owner.contains("试驾"), "{owner}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["brief", &id, "--json"])).expect("json");
    assert_eq!(json["stage"], "owner");
    assert_eq!(json["talking_points"][0]["code"], "acknowledge_complaint");

    // A note: the decision-maker is known already, the rest is new.
    let read = ok(&[
        "understand",
        "预算25万左右 妻子做主 老车是07年的凯美瑞",
        "--customer",
        &id,
    ]);
    let lines: Vec<&str> = read.lines().collect();
    assert_eq!(
        lines,
        [
            "预算\t25万左右\t25万左右",
            "现有车年份\t2007\t07年",
            "现有车型\t凯美瑞\t凯美瑞"
        ]
    );
    let nothing = book.run(&["understand", "客户说再考虑考虑"]);
    assert!(nothing.status.success());
    assert_eq!(stdout(&nothing), "");
    assert!(
        stderr(&nothing).contains("没有读到"),
        "{}",
        stderr(&nothing)
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["understand", "预算25万左右", "--json"])).expect("json");
    assert_eq!(json[0]["field"], "budget");
    assert_eq!(json[0]["value"], "25万左右");
}
