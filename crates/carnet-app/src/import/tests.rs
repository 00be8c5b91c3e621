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
";

#[test]
fn a_dry_run_counts_every_row_and_names_each_invalid_one() {
    let dir = tempfile::tempdir().expect("dir");
    let app = book(dir.path(), "a");
    let path = write(dir.path(), "客户.csv", SHEET);
    let preview = app
        .preview_import(&request(&path, DuplicatePolicy::Skip))
        .expect("preview");
    assert_eq!(preview.header_row, 1);
    assert_eq!(preview.format, "csv");
    assert_eq!(preview.unknown_columns, vec!["随便"]);
    assert_eq!(
        (
            preview.rows,
            preview.new,
            preview.updated,
            preview.duplicate,
            preview.invalid
        ),
        (6, 2, 0, 1, 3)
    );
    let bad: Vec<(u32, &str, &str, ErrorCode)> = preview
        .invalid_rows
        .iter()
        .map(|r| (r.row, r.column.as_str(), r.value.as_str(), r.code))
        .collect();
    assert_eq!(
        bad,
        vec![
            (4, "预算", "很多钱", ErrorCode::InvalidBudget),
            (5, "客户姓名", "", ErrorCode::Required),
            (6, "手机", "12345", ErrorCode::InvalidPhone),
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
    assert_eq!((skip.new, skip.updated, skip.duplicate), (1, 0, 2));
    assert_eq!(
        skip.duplicates[0].existing_id.as_deref(),
        Some(zhang.as_str())
    );
    let create = app
        .preview_import(&request(&path, DuplicatePolicy::Create))
        .expect("preview");
    assert_eq!((create.new, create.updated, create.duplicate), (3, 0, 0));

    let mut seen = Vec::new();
    let done = app
        .import_file(&request(&path, DuplicatePolicy::Update), &mut |p| {
            seen.push(p)
        })
        .expect("import");
    assert_eq!(
        (done.created, done.updated, done.skipped, done.invalid),
        (1, 1, 1, 3)
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
        Some("想要白色"),
        "the first row filled it"
    );
    assert!(filled.budget.is_some(), "the empty budget was filled");
    assert_eq!(app.store().count_customers().expect("count"), 2);
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
    let undone = app.undo_import(&id).expect("undo");
    assert_eq!((undone.removed, undone.reverted), (1, 1));
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
    assert_eq!(guess.columns[1].target, None);
    assert_eq!(guess.unknown_columns, vec!["客人", "号码"]);
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
    assert_eq!((done.created, done.invalid), (60, 0));
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
            .skip(2)
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
            .skip(2)
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
        assert_eq!(got.iter().filter(|b| **b == b'\n').count(), 82);
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
            (preview.rows, preview.new, preview.invalid),
            (5, 2, 3),
            "{name}"
        );
        let bad: Vec<(u32, &str, ErrorCode)> = preview
            .invalid_rows
            .iter()
            .map(|r| (r.row, r.value.as_str(), r.code))
            .collect();
        assert_eq!(
            bad,
            vec![
                (6, "很多钱", ErrorCode::InvalidBudget),
                (8, "12345", ErrorCode::InvalidPhone),
                (9, "1990-02-30", ErrorCode::InvalidDate),
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
            zhang.phones[0].e164(),
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

#[test]
fn phone_contacts_import_from_every_vcard_exporter() {
    let dir = tempfile::tempdir().expect("dir");
    let app = book(dir.path(), "a");
    let mut created = 0;
    for name in [
        "android-2.1.vcf",
        "outlook-2.1.vcf",
        "iphone-3.0.vcf",
        "gmail-3.0.vcf",
        "v4.vcf",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/vcard")
            .join(name);
        let done = app
            .import_file(&request(&path, DuplicatePolicy::Skip), &mut |_| {})
            .expect(name);
        created += done.created;
        if name == "gmail-3.0.vcf" {
            assert_eq!(
                done.invalid, 1,
                "the card without a name is reported, the rest read"
            );
        }
    }
    assert_eq!(created, 8);
    let chen = app
        .search_customers("陈静", crate::ListOrder::Newest, 0, 5)
        .expect("search");
    let chen = app
        .get_customer(&chen.customers[0].id)
        .expect("get")
        .profile;
    assert_eq!(chen.company.as_deref(), Some("深圳市南山区实验学校"));
    assert!(chen.notes.as_deref().is_some_and(|n| n.contains("七座")));
}
