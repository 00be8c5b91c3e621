//! Import, export, backup and restore through the `carnet` binary, and an import killed part
//! way that leaves the book exactly as it was.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Output, Stdio};

mod common;

use common::carnet_cmd;

fn carnet(args: &[&str]) -> Output {
    carnet_cmd(args).output().expect("run carnet")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// The book as JSON, without the export's own header (its time differs run to run).
fn customers_json(db: &str, dir: &Path, name: &str) -> serde_json::Value {
    let out = dir.join(name);
    let done = carnet(&["--db", db, "export", "--format", "json", "--out", p(&out)]);
    assert!(done.status.success(), "{}", text(&done.stderr));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("read")).expect("json");
    json["customers"].clone()
}

#[test]
fn import_export_backup_and_restore_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("book").join("carnet.db");
    let db = p(&db);
    let sheet = dir.path().join("客户.csv");
    std::fs::write(
        &sheet,
        "客户姓名,手机,预算\n张三,138 1234 5678,15万\n李四,13912345678,很多钱\n",
    )
    .expect("write");

    let dry = carnet(&["--db", db, "import", p(&sheet), "--dry-run"]);
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    let report = text(&dry.stdout);
    assert!(
        report.contains("2 new")
            && report.contains("1 with warnings")
            && report.contains("0 refused"),
        "{report}"
    );
    // A budget nobody can read is kept as written, never a reason to drop 李四.
    assert!(
        report.contains("row 3\t预算\t\"很多钱\"\tnot understood: kept as written in 预算"),
        "{report}"
    );
    assert_eq!(
        customers_json(db, dir.path(), "empty.json"),
        serde_json::json!([])
    );

    let json = carnet(&["--db", db, "import", p(&sheet), "--json"]);
    assert!(json.status.success(), "{}", text(&json.stderr));
    let done: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(done["created"], 2);
    let id = done["id"].as_str().expect("an id").to_owned();

    // The same file again: nothing new, so the exit code says so.
    let again = carnet(&["--db", db, "import", p(&sheet)]);
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("no row could be imported"));

    let bad = carnet(&["--db", db, "import", p(&sheet), "--on-duplicate", "merge"]);
    assert!(!bad.status.success());
    assert!(text(&bad.stderr).contains("merge"), "{}", text(&bad.stderr));

    for format in ["xlsx", "csv", "json"] {
        let out = dir.path().join(format!("book.{format}"));
        let e = carnet(&[
            "--db",
            db,
            "export",
            "--format",
            format,
            "--out",
            p(&out),
            "--mask",
        ]);
        assert!(e.status.success(), "{}", text(&e.stderr));
        assert!(out.metadata().expect("written").len() > 0);
    }
    let csv = std::fs::read_to_string(dir.path().join("book.csv")).expect("csv");
    assert!(
        csv.starts_with('\u{FEFF}') && csv.contains("138****5678"),
        "{csv}"
    );

    let usb = dir.path().join("usb").join("carnet.db");
    assert!(
        carnet(&["--db", db, "backup", "--out", p(&usb)])
            .status
            .success()
    );
    let undo = carnet(&["--db", db, "import", "--undo", &id]);
    assert!(undo.status.success(), "{}", text(&undo.stderr));
    assert_eq!(
        customers_json(db, dir.path(), "undone.json"),
        serde_json::json!([])
    );
    let restore = carnet(&["--db", db, "restore", p(&usb)]);
    assert!(restore.status.success(), "{}", text(&restore.stderr));
    let back = customers_json(db, dir.path(), "restored.json");
    let names: Vec<&str> = back
        .as_array()
        .expect("customers")
        .iter()
        .filter_map(|c| c["profile"]["name"].as_str())
        .collect();
    assert_eq!(names.len(), 2, "{back}");
    assert!(
        names.contains(&"张三") && names.contains(&"李四"),
        "{names:?}"
    );
}

#[test]
fn an_import_killed_part_way_leaves_the_book_exactly_as_it_was() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("carnet.db");
    let db = p(&db);
    let demo = carnet(&["--db", db, "demo", "--customers", "50"]);
    assert!(demo.status.success(), "{}", text(&demo.stderr));
    let before = customers_json(db, dir.path(), "before.json");

    let mut sheet = String::from("姓名,手机,备注\n");
    for i in 0..60_000 {
        sheet.push_str(&format!("导入客户{i},139{i:08},第{i}行\n"));
    }
    let file = dir.path().join("many.csv");
    std::fs::write(&file, sheet).expect("write");

    let mut child = carnet_cmd(&["--db", db, "import", p(&file)])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    // Wait until it is writing, past the first tenth, then kill it (SIGKILL).
    let writing = lines
        .by_ref()
        .map_while(Result::ok)
        .find(|l| l.starts_with("writing ") && !l.starts_with("writing 0/"));
    assert!(writing.is_some(), "the import never reported writing");
    child.kill().expect("SIGKILL");
    let status = child.wait().expect("wait");
    assert!(
        !status.success(),
        "the import finished before it was killed"
    );

    assert_eq!(customers_json(db, dir.path(), "after.json"), before);
    let imports = carnet(&["--db", db, "imports", "--json"]);
    assert_eq!(text(&imports.stdout).trim(), "[]");
}

/// An export's bytes with its `exported_at` left out (it is the time the export was made).
fn without_export_time(json: &str) -> String {
    let start = json.find(r#""exported_at":""#).expect("exported_at") + r#""exported_at":""#.len();
    let end = start + json[start..].find('"').expect("the time's end");
    format!("{}{}", &json[..start], &json[end..])
}

#[test]
fn an_earlier_json_export_imports_and_exports_again_to_the_same_bytes() {
    // Written by an earlier Carnet; how is told in carnet-io's tests/fixtures/README.md.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../carnet-io/tests/fixtures/json-export-v1.json");
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("carnet.db");
    let db = p(&db);
    let done = carnet(&["--db", db, "import", p(&fixture)]);
    assert!(done.status.success(), "{}", text(&done.stderr));
    assert!(
        text(&done.stdout).contains("6 new"),
        "{}",
        text(&done.stdout)
    );
    let out = dir.path().join("again.json");
    let done = carnet(&["--db", db, "export", "--format", "json", "--out", p(&out)]);
    assert!(done.status.success(), "{}", text(&done.stderr));
    let before = std::fs::read_to_string(&fixture).expect("read the fixture");
    let again = std::fs::read_to_string(&out).expect("read the export");
    assert_ne!(without_export_time(&before), before, "the time is left out");
    assert_eq!(without_export_time(&again), without_export_time(&before));
}
