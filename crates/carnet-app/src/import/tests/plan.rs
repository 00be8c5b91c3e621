//! The plan: every row counted and decided (new, filled, duplicate, refused) by the policy,
//! against the book and the file's earlier rows, and an import undone as a whole.

use super::*;

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
        .map(|r| (r.row, r.column.as_str(), r.kind.code()))
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
        app.undo_import(&id).map_err(|e| e.code()),
        Err(ErrorCode::NotFound)
    );
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
    let mut rows: String = (0..crate::import::plan::INDEXED_FROM)
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
        (
            crate::saturating_u32(crate::import::plan::INDEXED_FROM) + 1,
            3
        )
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
        crate::import::plan::INDEXED_FROM + 3
    );
}

#[test]
fn a_referrer_named_in_a_sheet_is_kept_in_the_notes_and_the_channel_read() {
    let dir = tempfile::tempdir().expect("dir");
    let app = book(dir.path(), "a");
    let path = write(
        dir.path(),
        "客户.csv",
        "姓名,手机,介绍人,渠道\n张三,13812345678,王五 13900001111,抖音\n",
    );
    let preview = app
        .preview_import(&request(&path, DuplicatePolicy::Skip))
        .expect("preview");
    assert_eq!(preview.new, 1, "the row is not refused");
    let kept = preview
        .warnings
        .iter()
        .find(|w| w.field == "referred_by")
        .expect("a warning says where the referrer went");
    assert_eq!(
        (kept.column.as_str(), kept.kept),
        ("介绍人", KeptWhere::Notes)
    );
    app.import_file(&request(&path, DuplicatePolicy::Skip), &mut |_| {})
        .expect("import");
    let c = &app.list_customers().expect("list")[0];
    let profile = app.get_customer(&c.id).expect("get").profile;
    assert_eq!(profile.referred_by, None);
    assert_eq!(profile.channel.as_deref(), Some("抖音"));
    assert!(
        profile
            .notes
            .as_deref()
            .is_some_and(|n| n.contains("介绍人") && n.contains("王五 13900001111")),
        "{:?}",
        profile.notes
    );
}

#[test]
fn a_lost_reason_column_gives_an_f_row_its_reason_or_its_words() {
    let dir = tempfile::tempdir().expect("dir");
    let app = book(dir.path(), "a");
    let path = write(
        dir.path(),
        "客户.csv",
        "姓名,手机,级别,战败原因\n张三,13812345678,F,嫌贵\n李四,13912345678,F,太远了\n王五,13712345678,C,价格\n",
    );
    let preview = app
        .preview_import(&request(&path, DuplicatePolicy::Skip))
        .expect("preview");
    assert_eq!(preview.new, 3);
    app.import_file(&request(&path, DuplicatePolicy::Skip), &mut |_| {})
        .expect("import");
    let by_name = |name: &str| {
        let id = app
            .list_customers()
            .expect("list")
            .into_iter()
            .find(|c| c.name == name)
            .expect("imported")
            .id;
        app.get_customer(&id).expect("get")
    };
    let zhang = by_name("张三");
    assert_eq!(zhang.level_changes.len(), 1);
    let change = &zhang.level_changes[0];
    assert_eq!(
        (change.to, change.lost_reason, change.reason.as_deref()),
        (
            carnet_core::Level::F,
            Some(carnet_core::LostReason::Price),
            None
        )
    );
    assert_eq!(
        change.revisit.as_deref(),
        Some("2027-02-23"),
        "the rules' 90 days on"
    );
    let li = by_name("李四");
    assert_eq!(
        (
            li.level_changes[0].lost_reason,
            li.level_changes[0].reason.as_deref()
        ),
        (None, Some("太远了")),
        "words that name no reason are kept as words"
    );
    let wang = by_name("王五");
    assert!(
        wang.level_changes.is_empty(),
        "not lost: no reason of its own"
    );
    assert!(
        wang.profile
            .notes
            .as_deref()
            .is_some_and(|n| n.contains("价格")),
        "{:?}",
        wang.profile.notes
    );
}
