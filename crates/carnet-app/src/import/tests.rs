use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::customers::quick_input;
use crate::{ExportFormat, ExportRequest};

fn nov25() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("valid")
}

fn book(dir: &Path, name: &str) -> App {
    App::open(&dir.join(name).join("carnet.db"))
        .expect("open")
        .with_clock(nov25)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

fn request(path: &Path, policy: DuplicatePolicy) -> ImportRequest {
    ImportRequest {
        path: path.display().to_string(),
        policy,
        ..ImportRequest::default()
    }
}

fn export(app: &App, dir: &Path, name: &str, format: ExportFormat) -> PathBuf {
    let path = dir.join(name);
    app.export(&ExportRequest {
        path: path.display().to_string(),
        format,
        ..ExportRequest::default()
    })
    .expect("export");
    path
}

const SHEET: &str = "\
客户名单（2026年11月）
客户姓名,手机,意向车型,预算,购车时间,决策人,备注,随便
张三,138 1234 5678,汉,15-20万,一个月内,本人,想要白色,x
李四,13912345678,,很多钱,,,,
,13700000000,,,,,,
王五,12345,,,,,,
张三,13812345678,海豹,,,,又来了,

赵六,13611112222;13633334444,宋,,,配偶,,
,,汉,20万,,,只留了车型,
";

#[test]
fn a_dry_run_counts_every_row_refuses_only_who_nothing_identifies_and_lists_what_it_kept() {
    let dir = tempfile::tempdir().expect("dir");
    let app = book(dir.path(), "a");
    let path = write(dir.path(), "客户.csv", SHEET);
    let preview = app
        .preview_import(&request(&path, DuplicatePolicy::Skip))
        .expect("preview");
    assert_eq!(preview.header_row, 1);
    assert_eq!(preview.format, "csv");
    assert_eq!(
        preview.unknown_columns,
        Vec::<String>::new(),
        "the column Carnet has no field for is kept in the notes"
    );
    assert_eq!(
        (
            preview.rows,
            preview.new,
            preview.updated,
            preview.duplicate,
            preview.with_warnings,
            preview.refused
        ),
        (7, 5, 0, 1, 4, 1)
    );
    let refused: Vec<(u32, &str, ErrorCode)> = preview
        .refused_rows
        .iter()
        .map(|r| (r.row, r.column.as_str(), r.code))
        .collect();
    assert_eq!(
        refused,
        vec![(10, "客户姓名", ErrorCode::Required)],
        "no name, no phone: nothing identifies them"
    );
    type Group<'a> = (&'a str, KeptWhere, ErrorCode, Vec<(u32, &'a str)>);
    let kept: Vec<Group<'_>> = preview
        .warnings
        .iter()
        .map(|g| {
            (
                g.column.as_str(),
                g.kept,
                g.code,
                g.items.iter().map(|i| (i.row, i.value.as_str())).collect(),
            )
        })
        .collect();
    assert_eq!(
        kept,
        vec![
            (
                "随便",
                KeptWhere::Notes,
                ErrorCode::UnknownField,
                vec![(3, "x")]
            ),
            (
                "预算",
                KeptWhere::Field,
                ErrorCode::InvalidBudget,
                vec![(4, "很多钱")]
            ),
            (
                "客户姓名",
                KeptWhere::MadeUpName,
                ErrorCode::Required,
                vec![(5, "137 0000 0000")]
            ),
            (
                "手机",
                KeptWhere::Field,
                ErrorCode::InvalidPhone,
                vec![(6, "12345")]
            ),
        ]
    );
    assert_eq!(preview.duplicates[0].row, 7);
    assert_eq!(
        preview.duplicates[0].existing_id, None,
        "an earlier row of the file"
    );
    assert_eq!(
        app.imports().expect("imports"),
        vec![],
        "a dry run writes nothing"
    );
    assert_eq!(app.store().count_customers().expect("count"), 0);
}

#[test]
fn duplicates_follow_the_policy_and_an_import_undoes_as_a_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let app = book(dir.path(), "a");
    let mut input = quick_input("张三", Some("13812345678"));
    input.profile.occupation = "教师".into();
    let zhang = app.add_customer(input).expect("add").id;
    let path = write(dir.path(), "客户.csv", SHEET);

    let skip = app
        .preview_import(&request(&path, DuplicatePolicy::Skip))
        .expect("preview");
    assert_eq!((skip.new, skip.updated, skip.duplicate), (4, 0, 2));
    assert_eq!(
        skip.duplicates[0].existing_id.as_deref(),
        Some(zhang.as_str())
    );
    let create = app
        .preview_import(&request(&path, DuplicatePolicy::Create))
        .expect("preview");
    assert_eq!((create.new, create.updated, create.duplicate), (6, 0, 0));

    let mut seen = Vec::new();
    let done = app
        .import_file(&request(&path, DuplicatePolicy::Update), &mut |p| {
            seen.push(p)
        })
        .expect("import");
    assert_eq!(
        (done.created, done.updated, done.skipped, done.refused),
        (4, 1, 1, 1)
    );
    assert!(
        seen.iter()
            .any(|p| p.phase == ImportPhase::Writing && p.done == p.total)
    );
    let backup = done.backup.expect("a backup before the import");
    assert!(Path::new(&backup).exists());
    let filled = app.get_customer(&zhang).expect("get").profile;
    assert_eq!(
        filled.occupation.as_deref(),
        Some("教师"),
        "filled fields only"
    );
    assert_eq!(
        filled.notes.as_deref(),
        Some("想要白色\n随便：x"),
        "the first row filled it (the column Carnet has no field for kept in the notes)"
    );
    assert!(filled.budget.is_some(), "the empty budget was filled");
    assert_eq!(app.store().count_customers().expect("count"), 5);
    // The nameless customer: named after their phone, tagged to be named.
    let nameless = app
        .search_customers("0000", crate::ListOrder::Newest, 0, 10)
        .expect("search");
    let nameless = app
        .get_customer(&nameless.customers[0].id)
        .expect("get")
        .profile;
    assert_eq!(nameless.name, "137 0000 0000");
    assert_eq!(nameless.tags, ["待补姓名"]);
    let li = app
        .search_customers("李四", crate::ListOrder::Newest, 0, 10)
        .expect("search");
    let li = app.get_customer(&li.customers[0].id).expect("get").profile;
    assert_eq!(li.budget_words.as_deref(), Some("很多钱"), "kept as said");
    let zhao = app
        .search_customers("赵六", crate::ListOrder::Newest, 0, 10)
        .expect("search");
    let zhao = app
        .get_customer(&zhao.customers[0].id)
        .expect("get")
        .profile;
    assert_eq!(zhao.phones.len(), 2, "two phones in one cell");

    // The consultant edits the budget after the import: undo leaves that alone.
    let mut edit = app.get_customer(&zhang).expect("get").profile.to_draft();
    edit.budget = "30万".into();
    let mut input = quick_input("", None);
    input.profile = edit;
    input.allow_duplicate = true;
    app.update_customer(&zhang, input).expect("edit");
    let id = done.id.expect("an import id");
    assert_eq!(app.imports().expect("imports")[0].id, id);
    let before = app.agenda(None, 30).expect("agenda");
    assert!(before.rows.len() > 1, "the imported customers are on Today");
    let undone = app.undo_import(&id).expect("undo");
    assert_eq!((undone.removed, undone.reverted), (4, 1));
    // The customers it took back are in the trash, and so not on Today.
    let today = app.agenda(None, 30).expect("agenda");
    assert!(
        today.rows.iter().all(|r| r.customer_id == zhang),
        "{:?}",
        today.rows.iter().map(|r| &r.name).collect::<Vec<_>>()
    );
    let after = app.get_customer(&zhang).expect("get").profile;
    assert_eq!(after.occupation.as_deref(), Some("教师"));
    assert_eq!(after.models, vec![], "the filled models are cleared");
    assert_eq!(
        after.budget,
        carnet_core::Budget::parse("30万"),
        "the later edit stays"
    );
    assert_eq!(app.store().count_customers().expect("count"), 1);
    assert!(app.imports().expect("imports")[0].undone);
    assert_eq!(
        app.undo_import(&id).map_err(|e| e.code),
        Err(ErrorCode::NotFound)
    );
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
    assert_eq!(err.code, ErrorCode::Cancelled);
    assert_eq!(app.store().count_customers().expect("count"), 0);
    assert!(app.imports().expect("imports").is_empty());
    // The next import runs (the stop applied to that one only).
    let done = app
        .import_file(&request(&path, DuplicatePolicy::Skip), &mut |_| {})
        .expect("import");
    assert_eq!(done.created, 3000);
}

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
        assert_eq!(err.code, code, "{name}");
    }
    let missing = app
        .preview_import(&request(
            &dir.path().join("nope.csv"),
            DuplicatePolicy::Skip,
        ))
        .expect_err("missing");
    assert_eq!(missing.code, ErrorCode::FileError);
    assert_eq!(app.store().count_customers().expect("count"), 0);
}

#[test]
fn a_json_export_imports_into_an_empty_book_identically_and_twice_changes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let from = book(dir.path(), "from");
    // Over 50 customers: the export reads the whole history in three scans.
    from.fill_demo(60, 7, 400).expect("demo");
    // Key facts changed, twice in the same millisecond or so: their history goes along.
    let someone = from.store().customers().expect("customers")[3].id.clone();
    for budget in ["30万", "35万"] {
        from.edit_customer(&someone, &[("budget".into(), budget.into())], true)
            .expect("edit");
    }
    // Prompts handled: the colleague is not asked again about them.
    from.recompute_prompts().expect("prompts");
    let far = NaiveDate::from_ymd_opt(2027, 12, 31).expect("date");
    let due = from.store().due_prompts(far).expect("due");
    assert!(due.len() >= 3, "{due:?}");
    let handled: Vec<(String, String)> = due[..3]
        .iter()
        .map(|p| (p.customer_id.clone(), p.prompt.key.clone()))
        .collect();
    from.dismiss_prompt(&handled[0].0, &handled[0].1, "已在别家买了")
        .expect("dismiss");
    from.snooze_prompt(&handled[1].0, &handled[1].1, 30)
        .expect("snooze");
    from.complete_prompt(&handled[2].0, &handled[2].1, crate::QuickOutcome::Done, "")
        .expect("done");
    let first = export(&from, dir.path(), "handover.json", ExportFormat::Json);
    let history = from.store().key_fact_changes(&someone).expect("history");
    assert_eq!(history.len(), 2);
    let text = std::fs::read_to_string(&first).expect("read");
    assert!(text.contains("\"action\":\"dismissed\",\"reason\":\"已在别家买了\""));
    assert!(
        text.contains("\"key_fact_changes\":[{\"fact\":\"budget\""),
        "{text:.400}"
    );

    let to = book(dir.path(), "to");
    for policy in [
        DuplicatePolicy::Update,
        DuplicatePolicy::Update,
        DuplicatePolicy::Skip,
    ] {
        to.import_file(&request(&first, policy), &mut |_| {})
            .expect("import");
    }
    let imports = to.imports().expect("imports");
    assert_eq!(
        imports.len(),
        1,
        "the second and third import had nothing to do"
    );
    assert_eq!(imports[0].created, 60);
    let shown = |app: &App| -> Vec<(String, String, NaiveDate)> {
        let mut due: Vec<_> = app
            .store()
            .due_prompts(far)
            .expect("due")
            .into_iter()
            .map(|p| (p.customer_id, p.prompt.key, p.prompt.due))
            .collect();
        due.sort();
        due
    };
    let now_due = shown(&to);
    assert_eq!(now_due, shown(&from), "the same prompts, on the same days");
    for (customer, key) in [&handled[0], &handled[2]] {
        assert!(
            !now_due.iter().any(|(c, k, _)| c == customer && k == key),
            "{key} was handled"
        );
    }
    let snoozed = now_due
        .iter()
        .find(|(c, k, _)| *c == handled[1].0 && *k == handled[1].1)
        .expect("a snoozed prompt comes back");
    assert_eq!(snoozed.2, nov25().date() + chrono::Days::new(30));
    let second = export(&to, dir.path(), "again.json", ExportFormat::Json);
    let (a, b) = (
        std::fs::read_to_string(&first).expect("read"),
        std::fs::read_to_string(&second).expect("read"),
    );
    assert!(a == b, "the round trip changed the export");
}

#[test]
fn an_xlsx_export_imports_as_the_same_customers() {
    let dir = tempfile::tempdir().expect("dir");
    let from = book(dir.path(), "from");
    from.fill_demo(60, 11, 0).expect("demo");
    let sheet = export(&from, dir.path(), "book.xlsx", ExportFormat::Xlsx);
    let to = book(dir.path(), "to");
    let done = to
        .import_file(&request(&sheet, DuplicatePolicy::Skip), &mut |_| {})
        .expect("import");
    assert_eq!((done.created, done.refused, done.with_warnings), (60, 0, 0));
    let profiles = |app: &App| {
        let mut all: Vec<_> = app
            .store()
            .customers()
            .expect("customers")
            .into_iter()
            .map(|c| (c.id, c.profile))
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all
    };
    assert_eq!(profiles(&from), profiles(&to));
}

#[test]
fn an_xlsx_export_holds_every_timeline_in_the_book_order_and_masks_on_every_sheet() {
    let dir = tempfile::tempdir().expect("dir");
    let app = book(dir.path(), "a");
    // Over 50 customers: the whole book's history is read at once, beside the profiles.
    app.fill_demo(60, 5, 400).expect("demo");
    let json = app
        .export_book(&ExportRequest {
            format: ExportFormat::Json,
            ..ExportRequest::default()
        })
        .expect("book");
    let want: Vec<(String, Option<String>)> = json
        .customers
        .iter()
        .flat_map(|c| {
            c.interactions
                .iter()
                .map(|i| (c.id.clone(), i.notes.clone()))
        })
        .collect();
    assert!(want.len() > 300 && want.iter().any(|(_, n)| n.is_some()));
    for mask in [false, true] {
        let path = dir.path().join(format!("book-{mask}.xlsx"));
        app.export(&ExportRequest {
            path: path.display().to_string(),
            format: ExportFormat::Xlsx,
            mask,
            ..ExportRequest::default()
        })
        .expect("export");
        let mut wb = calamine::open_workbook_auto(&path).expect("open");
        use calamine::Reader;
        let timeline = wb.worksheet_range("跟进记录").expect("interactions");
        let notes = carnet_io::export::sheet_columns("sheet_interactions")
            .iter()
            .position(|c| *c == "notes")
            .expect("notes column");
        let got: Vec<(String, Option<String>)> = timeline
            .rows()
            .skip(1)
            .map(|r| {
                let text = |i: usize| r.get(i).map(|d| d.to_string()).filter(|t| !t.is_empty());
                (text(0).unwrap_or_default(), text(notes))
            })
            .collect();
        let expected: Vec<_> = want
            .iter()
            .map(|(id, n)| (id.clone(), if mask { None } else { n.clone() }))
            .collect();
        assert_eq!(got, expected, "masked: {mask}");
        let customers = wb.worksheet_range("客户").expect("customers");
        let phone = carnet_io::export::customer_columns()
            .iter()
            .position(|c| *c == "phones")
            .expect("phones column");
        let phones: Vec<String> = customers
            .rows()
            .skip(1)
            .filter_map(|r| r.get(phone).map(|d| d.to_string()))
            .filter(|p| !p.is_empty())
            .collect();
        assert!(phones.len() > 40);
        assert_eq!(
            phones.iter().all(|p| p.contains("****")),
            mask,
            "{phones:?}"
        );
    }
}

#[test]
fn a_whole_book_csv_written_while_read_is_the_csv_of_the_book() {
    let dir = tempfile::tempdir().expect("dir");
    let app = book(dir.path(), "a");
    app.fill_demo(80, 9, 0).expect("demo");
    for mask in [false, true] {
        let req = ExportRequest {
            path: dir.path().join("book.csv").display().to_string(),
            format: ExportFormat::Csv,
            mask,
            ..ExportRequest::default()
        };
        app.export(&req).expect("export");
        let mut want = Vec::new();
        carnet_io::export::write_csv(
            &app.export_book(&req).expect("book"),
            carnet_io::labels::Lang::ZhHans,
            &mut want,
        )
        .expect("csv");
        let got = std::fs::read(&req.path).expect("read");
        // The headers, then a line a customer.
        assert_eq!(got.iter().filter(|b| **b == b'\n').count(), 81);
        assert!(got == want, "masked: {mask}");
    }
}

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
    assert_eq!(err.code, ErrorCode::FileError, "{err:?}");
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
fn a_big_file_finds_duplicates_in_the_book_and_in_itself_by_the_same_rule() {
    let dir = tempfile::tempdir().expect("dir");
    let app = book(dir.path(), "a");
    app.add_customer(quick_input("王芳", Some("13900000010")))
        .expect("add");
    app.add_customer(quick_input("赵敏", Some("13800005555")))
        .expect("add");
    // More rows than a dry run looks up one by one: the book is indexed once.
    let mut rows: String = (0..super::INDEXED_FROM)
        .map(|i| format!("客户{i},137{i:08}\n"))
        .collect();
    // The same phone as a customer in the book, typed another way.
    rows.push_str("王芳芳,139 0000 0010\n");
    // The same name and the same last four digits as a customer in the book.
    rows.push_str("赵敏,13655555555\n");
    // The same name and last four digits as an earlier row of the file.
    rows.push_str("客户5,15800000005\n");
    // A name alone is no one: a new customer.
    rows.push_str("客户6,15811112222\n");
    let sheet = write(dir.path(), "big.csv", &format!("姓名,手机\n{rows}"));
    let preview = app
        .preview_import(&request(&sheet, DuplicatePolicy::Skip))
        .expect("dry run");
    assert_eq!(
        (preview.new, preview.duplicate),
        (super::n(super::INDEXED_FROM) + 1, 3)
    );
    let of: Vec<(&str, &str)> = preview
        .duplicates
        .iter()
        .map(|d| (d.name.as_str(), d.existing_name.as_str()))
        .collect();
    assert_eq!(
        of,
        [("王芳芳", "王芳"), ("赵敏", "赵敏"), ("客户5", "客户5")]
    );
    let done = app
        .import_file(&request(&sheet, DuplicatePolicy::Skip), &mut |_| {})
        .expect("import");
    assert_eq!(done.created, preview.new);
    assert_eq!(
        app.list_customers().expect("list").len(),
        super::INDEXED_FROM + 3
    );
}

#[test]
fn a_restore_previews_backs_up_the_current_book_and_replaces_it() {
    let dir = tempfile::tempdir().expect("dir");
    let app = book(dir.path(), "a");
    app.add_customer(quick_input("张三", Some("13812345678")))
        .expect("add");
    let usb = dir.path().join("usb").join("carnet.db");
    let copy = app.backup_to(&usb).expect("backup");
    assert_eq!(copy.customers, 1);
    app.add_customer(quick_input("李四", Some("13912345678")))
        .expect("add");
    let preview = app.inspect_backup(&usb).expect("preview");
    assert_eq!((preview.customers, preview.interactions), (1, 0));
    let restored = app.restore(&usb).expect("restore");
    assert_eq!(restored.customers, 1);
    let previous = restored.previous.expect("the replaced book was backed up");
    assert_eq!(
        crate::inspect_book(Path::new(&previous))
            .expect("check")
            .customers,
        2
    );
    assert!(
        app.backups()
            .expect("backups")
            .iter()
            .any(|b| b.reason == "before-restore")
    );
    // Not a book: refused by name, the book untouched.
    let junk = write(dir.path(), "junk.db", "hello");
    assert_eq!(
        app.restore(&junk).map_err(|e| e.code).err(),
        Some(ErrorCode::NotABook)
    );
    assert_eq!(app.store().count_customers().expect("count"), 1);
}

#[test]
fn a_damaged_book_is_refused_at_start_and_the_newest_good_backup_offered() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("b").join("carnet.db");
    {
        let app = App::open(&path).expect("open");
        app.add_customer(quick_input("张三", Some("13812345678")))
            .expect("add");
        app.daily_backup().expect("backup").expect("made");
        assert_eq!(app.daily_backup().expect("backup"), None, "once a day");
    }
    // Scribble over the middle of the file, past the header.
    let mut bytes = std::fs::read(&path).expect("read");
    let len = bytes.len();
    for b in &mut bytes[len / 2..] {
        *b = 0x5A;
    }
    std::fs::write(&path, &bytes).expect("write");
    let Err(err) = App::open_checked(&path) else {
        panic!("a damaged book opened");
    };
    let damaged = crate::damaged_book(&path, &err).expect("damaged");
    let backup = damaged.backup.expect("a good backup");
    assert_eq!(damaged.preview.expect("preview").customers, 1);
    crate::replace_with_backup(&path, Path::new(&backup.path)).expect("replaced");
    let app = App::open_checked(&path).expect("opens again");
    assert_eq!(app.store().count_customers().expect("count"), 1);
}

/// The sheets LibreOffice made from tests/fixtures/sheets/customers.fods (make-sheets.sh).
fn sheet_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/sheets")
        .join(name)
}

#[test]
fn every_sheet_format_reads_the_same_customers() {
    for name in [
        "customers.xlsx",
        "customers.xls",
        "customers.ods",
        "customers-gbk.csv",
    ] {
        let dir = tempfile::tempdir().expect("dir");
        let app = book(dir.path(), "a");
        let path = sheet_fixture(name);
        let preview = app
            .preview_import(&request(&path, DuplicatePolicy::Skip))
            .expect(name);
        assert_eq!(preview.header_row, 2, "{name}: title rows skipped");
        assert_eq!(
            (
                preview.rows,
                preview.new,
                preview.refused,
                preview.with_warnings
            ),
            (5, 5, 0, 3),
            "{name}"
        );
        let kept: Vec<(u32, &str, KeptWhere, ErrorCode)> = preview
            .warnings
            .iter()
            .flat_map(|g| {
                g.items
                    .iter()
                    .map(move |i| (i.row, i.value.as_str(), g.kept, g.code))
            })
            .collect();
        assert_eq!(
            kept,
            vec![
                (6, "很多钱", KeptWhere::Field, ErrorCode::InvalidBudget),
                (8, "12345", KeptWhere::Field, ErrorCode::InvalidPhone),
                (9, "1990-02-30", KeptWhere::Notes, ErrorCode::InvalidDate),
            ],
            "{name}"
        );
        app.import_file(&request(&path, DuplicatePolicy::Skip), &mut |_| {})
            .expect(name);
        let find = |who: &str| {
            let id = app
                .search_customers(who, crate::ListOrder::Newest, 0, 5)
                .expect("search")
                .customers[0]
                .id
                .clone();
            app.get_customer(&id).expect("get").profile
        };
        let zhang = find("张三");
        assert_eq!(zhang.name, "张三", "{name}: stray spaces trimmed");
        assert_eq!(
            zhang.phones[0].stored(),
            "+8613812345678",
            "{name}: a number cell"
        );
        assert_eq!(
            zhang.birthday.map(|b| b.to_input()).as_deref(),
            Some("1985-03-12"),
            "{name}: a date cell"
        );
        assert_eq!(zhang.source, Some(carnet_core::Source::Referral), "{name}");
        let li = find("李四");
        assert_eq!(li.phones.len(), 2, "{name}: two phones in one cell");
        assert_eq!(li.budget, carnet_core::Budget::parse("20万"), "{name}");
        if !name.ends_with(".csv") {
            assert_eq!(
                li.source,
                Some(carnet_core::Source::Referral),
                "{name}: merged down"
            );
        }
    }
}

/// The consultant's workbook of tests/fixtures/sheets (make_sheets.py: written by openpyxl,
/// converted by LibreOffice), and what the script wrote into each row.
fn consultant_sheet() -> (Vec<PathBuf>, serde_json::Value) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sheets");
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("expected.json")).expect("expected.json"),
    )
    .expect("json");
    let files = expected["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| dir.join(f.as_str().expect("name")))
        .collect();
    (files, expected)
}

/// A cell as the script wrote it, `None` when empty: in a spreadsheet, its value (a date
/// cell's date, whatever its format shows); in a CSV, what it showed.
fn written(row: &serde_json::Value, col: usize, csv: bool) -> Option<String> {
    let cell = if csv {
        row["shown"][col].as_str().unwrap_or_default().to_owned()
    } else {
        match &row["values"][col] {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => String::new(),
        }
    };
    let cell = cell.trim().to_owned();
    (!cell.is_empty()).then_some(cell)
}

/// Whether a customer holds what a phone cell said: each number in it among their phones,
/// or (what is no number) in their notes.
fn holds_phones(p: &carnet_core::Profile, cell: &str) -> bool {
    let notes = p.notes.clone().unwrap_or_default();
    carnet_io::mapping::split_phones(cell).iter().all(
        |piece| match carnet_core::phone::Phone::parse(piece) {
            Some(phone) => p.phones.iter().any(|mine| mine.key() == phone.key()),
            None => notes.contains(piece.as_str()),
        },
    )
}

#[test]
fn the_consultants_300_row_workbook_loses_nothing_in_any_format() {
    let (files, expected) = consultant_sheet();
    let rows = expected["rows"].as_array().expect("rows");
    let nobody: Vec<u64> = expected["no_identifying_value"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(serde_json::Value::as_u64)
        .collect();
    assert_eq!(rows.len(), 300);
    for file in files {
        let name = file.display().to_string();
        let csv = name.ends_with(".csv");
        let written = |row: &serde_json::Value, col: usize| written(row, col, csv);
        let dir = tempfile::tempdir().expect("dir");
        let app = book(dir.path(), "a");
        let preview = app
            .preview_import(&request(&file, DuplicatePolicy::Create))
            .expect(&name);
        assert_eq!(preview.header_row, 1, "{name}: under the title row");
        let refused: Vec<u64> = preview
            .refused_rows
            .iter()
            .map(|r| u64::from(r.row))
            .collect();
        assert_eq!(refused, nobody, "{name}: only the rows nothing identifies");
        assert_eq!(
            (preview.rows, preview.new),
            (300, 300 - u32::try_from(nobody.len()).expect("few")),
            "{name}"
        );
        app.import_file(&request(&file, DuplicatePolicy::Create), &mut |_| {})
            .expect(&name);
        let customers = app.store().customers().expect("customers");
        let today = nov25().date();
        for row in rows {
            let n = row["row"].as_u64().expect("row");
            if nobody.contains(&n) {
                continue;
            }
            let who = written(row, 0);
            let phones = written(row, 1);
            let found: Vec<&carnet_core::Customer> = customers
                .iter()
                .filter(|c| {
                    let p = &c.profile;
                    let notes = p.notes.clone().unwrap_or_default();
                    // Two customers of one name: told apart by their phones and notes.
                    who.as_ref().is_none_or(|w| &p.name == w)
                        && phones.as_ref().is_none_or(|cell| holds_phones(p, cell))
                        && written(row, 6).is_none_or(|n| notes.contains(&n))
                })
                .collect();
            assert_eq!(found.len(), 1, "{name}: row {n} is one customer: {row}");
            let p = &found[0].profile;
            let notes = p.notes.clone().unwrap_or_default();
            // Each value is kept: understood in its field, or as written in it, or in the notes.
            if let Some(models) = written(row, 2) {
                let kept = p
                    .models
                    .iter()
                    .map(carnet_core::ModelWish::to_input)
                    .collect::<Vec<_>>()
                    .join("，");
                for m in models.split([',', '，', '、']) {
                    assert!(
                        kept.contains(m.trim()),
                        "{name}: row {n} model {m:?} in {kept:?}"
                    );
                }
            }
            if let Some(budget) = written(row, 3) {
                let understood = carnet_core::Budget::parse(&budget);
                assert!(
                    (understood.is_some() && p.budget == understood)
                        || p.budget_words.as_deref() == Some(budget.as_str()),
                    "{name}: row {n} budget {budget:?}: {:?} / {:?}",
                    p.budget,
                    p.budget_words
                );
            }
            if let Some(when) = written(row, 4) {
                assert_eq!(
                    p.timeframe,
                    carnet_core::Timeframe::parse(&when, today),
                    "{name}: row {n} timeframe {when:?}"
                );
            }
            if let Some(decides) = written(row, 5) {
                assert_eq!(
                    p.decision_maker,
                    carnet_core::Pick::parse(&decides),
                    "{name}: row {n} decision-maker {decides:?}"
                );
            }
            if let Some(note) = written(row, 6) {
                assert!(
                    notes.contains(&note),
                    "{name}: row {n} note {note:?} in {notes:?}"
                );
            }
        }
    }
}

#[test]
fn every_real_phone_export_comes_in_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let app = book(dir.path(), "a");
    let contacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/contacts");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&contacts)
        .expect("contacts")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir() && !p.ends_with("LICENSES"))
        .flat_map(|d| {
            std::fs::read_dir(d)
                .expect("dir")
                .filter_map(Result::ok)
                .map(|e| e.path())
        })
        .filter(|p| p.extension().is_some_and(|e| e == "vcf" || e == "csv"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "{files:?}");
    let mut created = 0;
    for file in &files {
        let name = file.display().to_string();
        let preview = app
            .preview_import(&request(file, DuplicatePolicy::Create))
            .expect(&name);
        // Every card or row holds a name, a phone or an e-mail: none is refused.
        assert_eq!(preview.refused, 0, "{name}: {:?}", preview.refused_rows);
        let done = app
            .import_file(&request(file, DuplicatePolicy::Create), &mut |_| {})
            .expect(&name);
        assert_eq!(done.created, preview.new, "{name}");
        created += done.created;
    }
    assert!(created >= 30, "{created} contacts");
    // iPhone: the US numbers are kept as typed (unverified) or checked with their country
    // code; the customer is there whole.
    let found = app
        .search_customers("john doe", crate::ListOrder::Newest, 0, 50)
        .expect("search");
    assert!(!found.customers.is_empty());
    let everyone = app.store().customers().expect("customers");
    let unverified = everyone
        .iter()
        .flat_map(|c| c.profile.phones.iter())
        .filter(|p| !p.is_verified())
        .count();
    assert!(
        unverified > 5,
        "foreign numbers without a country code are kept: {unverified}"
    );
    let emails: usize = everyone.iter().map(|c| c.profile.emails.len()).sum();
    assert!(emails > 10, "{emails} e-mails kept");
    // The Android cards that held only an e-mail are people too.
    assert!(
        everyone.iter().any(|c| c
            .profile
            .emails
            .contains(&"jane.doe@company.com".to_owned())),
        "an e-mail-only card"
    );
}
