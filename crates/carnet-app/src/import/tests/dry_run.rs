//! The dry run kept for the import: used while nothing it depends on changed, a file changed
//! under it refused, and an import stopped with nothing written.

use super::*;

#[test]
fn an_import_uses_its_dry_run_only_while_the_file_and_the_book_are_unchanged() {
    let dir = tempfile::tempdir().expect("dir");
    let app = book(dir.path(), "a");
    let rows: String = (0..300).map(|i| format!("客户{i},139{i:08}\n")).collect();
    let sheet = write(dir.path(), "a.csv", &format!("姓名,手机\n{rows}"));
    let checked = |app: &App| {
        let mut checking = 0;
        let done = app
            .import_file(&request(&sheet, DuplicatePolicy::Skip), &mut |p| {
                if p.phase == ImportPhase::Checking {
                    checking += 1;
                }
            })
            .expect("import");
        (checking, done.created, done.skipped)
    };
    // Right after its dry run, the import writes what the dry run planned.
    app.preview_import(&request(&sheet, DuplicatePolicy::Skip))
        .expect("dry run");
    assert_eq!(checked(&app), (0, 300, 0));
    app.undo_import(&app.imports().expect("imports")[0].id)
        .expect("undo");

    // The book changed after the dry run (a customer who is now a duplicate): checked again.
    app.preview_import(&request(&sheet, DuplicatePolicy::Skip))
        .expect("dry run");
    app.add_customer(quick_input("客户7", Some("13900000007")))
        .expect("add");
    let (checking, created, skipped) = checked(&app);
    assert!(checking > 0);
    assert_eq!((created, skipped), (299, 1));

    // The file changed after the dry run: read and checked again.
    let other = write(dir.path(), "a.csv", "姓名,手机\n新客户,13700000001\n");
    app.preview_import(&request(&other, DuplicatePolicy::Skip))
        .expect("dry run");
    std::thread::sleep(std::time::Duration::from_millis(20));
    write(
        dir.path(),
        "a.csv",
        "姓名,手机\n新客户,13700000001\n又一位,13700000002\n",
    );
    let done = app
        .import_file(&request(&other, DuplicatePolicy::Skip), &mut |_| {})
        .expect("import");
    assert_eq!(done.created, 2);
}

#[test]
fn a_file_changed_in_place_after_its_dry_run_is_refused_with_nothing_written() {
    let dir = tempfile::tempdir().expect("dir");
    let app = book(dir.path(), "a");
    let sheet = write(
        dir.path(),
        "a.csv",
        "姓名,手机\n张三,13700000001\n李四,13700000002\n",
    );
    let modified = std::fs::metadata(&sheet)
        .and_then(|m| m.modified())
        .expect("mtime");
    app.preview_import(&request(&sheet, DuplicatePolicy::Skip))
        .expect("dry run");
    // Another name of the same length, and the old modification time: the dry run is used,
    // and the rows made again as they are written are not the rows it checked.
    write(
        dir.path(),
        "a.csv",
        "姓名,手机\n王五,13700000001\n李四,13700000002\n",
    );
    std::fs::File::options()
        .write(true)
        .open(&sheet)
        .and_then(|f| f.set_modified(modified))
        .expect("set mtime");
    let err = app
        .import_file(&request(&sheet, DuplicatePolicy::Skip), &mut |_| {})
        .expect_err("the file changed");
    assert_eq!(err.code(), ErrorCode::FileError, "{err:?}");
    assert_eq!(app.list_customers().expect("list").len(), 0);
    assert!(app.imports().expect("imports").is_empty());
    // Checked again, it imports.
    app.preview_import(&request(&sheet, DuplicatePolicy::Skip))
        .expect("dry run");
    let done = app
        .import_file(&request(&sheet, DuplicatePolicy::Skip), &mut |_| {})
        .expect("import");
    assert_eq!(done.created, 2);
}

#[test]
fn a_cancelled_import_writes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let app = book(dir.path(), "a");
    let mut text = String::from("姓名,手机\n");
    for i in 0..3000 {
        text.push_str(&format!("客户{i},139{i:08}\n"));
    }
    let path = write(dir.path(), "many.csv", &text);
    let err = app
        .import_file(&request(&path, DuplicatePolicy::Skip), &mut |p| {
            if p.phase == ImportPhase::Writing && p.done > 1000 {
                app.cancel_import();
            }
        })
        .expect_err("cancelled");
    assert_eq!(err.code(), ErrorCode::Cancelled);
    assert_eq!(app.store().count_customers().expect("count"), 0);
    assert!(app.imports().expect("imports").is_empty());
    // The next import runs (the stop applied to that one only).
    let done = app
        .import_file(&request(&path, DuplicatePolicy::Skip), &mut |_| {})
        .expect("import");
    assert_eq!(done.created, 3000);
}
