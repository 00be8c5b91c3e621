//! Finding customers, and the duplicate check when one is added.

use super::{carnet, db_arg, stderr, stdout};

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
