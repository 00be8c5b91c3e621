//! The file read: its columns mapped as corrected, and files Carnet cannot read refused.

use super::*;

#[test]
fn a_corrected_mapping_is_used_and_remembered() {
    let dir = tempfile::tempdir().expect("dir");
    let app = book(dir.path(), "a");
    let path = write(dir.path(), "odd.csv", "客人,号码\n张三,13812345678\n");
    let guess = app
        .preview_import(&request(&path, DuplicatePolicy::Skip))
        .expect("preview");
    // Headers Carnet does not know: their values would be kept in the notes.
    assert_eq!(
        guess.columns[1].target.as_deref(),
        Some(carnet_io::mapping::KEEP)
    );
    let mut req = request(&path, DuplicatePolicy::Skip);
    req.columns = Some(vec![Some("name".into()), Some("phones".into())]);
    req.header_row = Some(0);
    req.save_mapping = true;
    assert_eq!(
        app.import_file(&req, &mut |_| {}).expect("import").created,
        1
    );
    let again = app
        .preview_import(&request(&path, DuplicatePolicy::Skip))
        .expect("preview");
    assert_eq!(again.columns[1].target.as_deref(), Some("phones"), "saved");
    assert_eq!(again.duplicate, 1);
}

#[test]
fn bad_files_are_refused_by_name_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("dir");
    let app = book(dir.path(), "a");
    let cases = [
        (
            "x.xlsx",
            b"PK\x03\x04not really a zip".to_vec(),
            ErrorCode::BadFile,
        ),
        ("x.json", b"{\"hello\": 1}".to_vec(), ErrorCode::BadFile),
        (
            "x.json",
            br#"{"format":"carnet-book","version":99,"exporter":{},"customers":[]}"#.to_vec(),
            ErrorCode::ExportTooNew,
        ),
        ("x.csv", Vec::new(), ErrorCode::EmptyFile),
    ];
    for (name, bytes, code) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let err = app
            .import_file(&request(&path, DuplicatePolicy::Skip), &mut |_| {})
            .expect_err(name);
        assert_eq!(err.code(), code, "{name}");
    }
    let missing = app
        .preview_import(&request(
            &dir.path().join("nope.csv"),
            DuplicatePolicy::Skip,
        ))
        .expect_err("missing");
    assert_eq!(missing.code(), ErrorCode::FileError);
    assert_eq!(app.store().count_customers().expect("count"), 0);
}
