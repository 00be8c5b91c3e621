//! `catalog`: the vehicle catalogue from the command line.

use super::{Book, stderr, stdout};

#[test]
fn the_sample_loads_a_sheet_imports_after_its_dry_run_and_the_catalogue_exports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = Book::at(&dir.path().join("book.db"));
    assert_eq!(
        book.ok(&["catalog", "list"]),
        "车型库是空的（carnet catalog sample 载入示例车型库）"
    );
    let loaded = book.ok(&["catalog", "sample"]);
    assert!(
        loaded.starts_with("车型库已导入：新增 26，更新 0"),
        "{loaded}"
    );
    let listed = book.ok(&["catalog", "list"]);
    assert_eq!(listed.lines().count(), 26);
    assert!(
        listed
            .lines()
            .any(|l| l.ends_with("比亚迪 汉 EV 荣耀版\t2024款\t17.98万\t纯电\t5 座")),
        "{listed}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&book.ok(&["catalog", "list", "--json"])).expect("json");
    assert_eq!(json.as_array().map(Vec::len), Some(26));
    assert_eq!(json[0]["trim"]["brand"], "比亚迪");

    let sheet = dir.path().join("价格表.csv");
    std::fs::write(
        &sheet,
        "车系,版本,年款,厂商指导价,品牌\n\
         宋L,DM-i 领先型,2025,13.58万,比亚迪\n\
         汉,EV 荣耀版,2024,16.98万,比亚迪\n\
         元UP,,2025,面议,比亚迪\n",
    )
    .expect("write");
    let file = sheet.to_str().expect("utf-8");
    let dry = book.ok(&["catalog", "import", file, "--dry-run"]);
    let lines: Vec<&str> = dry.lines().collect();
    assert_eq!(lines[0], "价格表.csv：新增 1，更新 1，不变 0，无法导入 1");
    assert!(
        lines.contains(&"第 2 行\t新增\t宋L DM-i 领先型\t13.58万"),
        "{dry}"
    );
    assert!(
        lines.contains(&"第 3 行\t更新\t汉 EV 荣耀版\t16.98万"),
        "{dry}"
    );
    assert!(
        lines.contains(&"第 4 行\t厂商指导价\t“面议”\t指导价“面议”不是有效数字"),
        "{dry}"
    );
    assert_eq!(
        book.ok(&["catalog", "list"]).lines().count(),
        26,
        "a dry run writes nothing"
    );

    let done: serde_json::Value =
        serde_json::from_str(&book.ok(&["catalog", "import", file, "--json"])).expect("json");
    assert_eq!(
        (done["added"].as_u64(), done["updated"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(done["refused"][0]["row"], 4);
    assert_eq!(done["refused"][0]["field"], "price");
    assert_eq!(done["refused"][0]["code"], "invalid_number");
    let listed = book.ok(&["catalog", "list"]);
    assert_eq!(listed.lines().count(), 27);
    assert!(
        listed.contains("比亚迪 汉 EV 荣耀版\t2024款\t16.98万"),
        "{listed}"
    );

    let out = dir.path().join("车型库.xlsx");
    let exported = book.ok(&["catalog", "export", out.to_str().expect("utf-8")]);
    assert!(exported.starts_with("已导出 27 个车型到 "), "{exported}");
    assert!(std::fs::read(&out).expect("written").starts_with(b"PK"));
    let bad = book.run(&["catalog", "export", "车型库.pdf"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("车型库.pdf"), "{}", stderr(&bad));
    assert!(stdout(&bad).is_empty());
}
