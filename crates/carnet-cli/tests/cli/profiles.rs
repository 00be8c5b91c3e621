//! A customer's profile: show, edit, family, trash and merge.

use super::{Book, stderr};

#[test]
fn show_edit_family_trash_and_merge() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = Book::at(&dir.path().join("carnet.db"));
    let run = |args: &[&str]| book.run(args);
    let ok = |args: &[&str]| book.ok(args);
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
fn a_referrer_and_a_channel_are_set_by_edit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = super::Book::at(&dir.path().join("carnet.db"));
    let wang = book.ok(&["add", "--name", "王五", "--phone", "13812345678"]);
    let zhang = book.ok(&["add", "--name", "张三"]);
    book.ok(&[
        "edit",
        &zhang,
        "--set",
        "referred_by=13812345678",
        "--set",
        "channel=抖音",
    ]);
    let shown: serde_json::Value =
        serde_json::from_str(&book.ok(&["show", &zhang, "--json"])).expect("json");
    assert_eq!(shown["referred_by"], wang.as_str());
    assert_eq!(shown["channel"], "抖音");
    let found = book.ok(&["search", "渠道:抖音"]);
    assert!(found.contains("张三") && !found.contains("王五"), "{found}");
    let refused = book.run(&["edit", &zhang, "--set", &format!("referred_by={zhang}")]);
    assert!(!refused.status.success());
    assert!(
        super::stderr(&refused).contains("介绍人"),
        "{}",
        super::stderr(&refused)
    );
    let unknown = book.run(&["edit", &zhang, "--set", "referred_by=13900000000"]);
    assert!(
        super::stderr(&unknown).contains("介绍人"),
        "{}",
        super::stderr(&unknown)
    );
}
