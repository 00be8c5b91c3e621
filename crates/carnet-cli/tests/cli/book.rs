//! The book itself: adding and listing, naming it by CARNET_DB, bad input, and a newer book.

use super::{carnet, db_arg, stderr, stdout};

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
