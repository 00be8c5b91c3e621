//! Exports read back: a JSON export and an xlsx import as the same customers, and the sheets
//! and CSV written while the book is read hold what the book holds.

use super::*;

#[test]
fn a_json_export_imports_into_an_empty_book_identically_and_twice_changes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let from = book(dir.path(), "from");
    // Over 50 customers: the export reads the whole history in three scans.
    from.fill_demo(60, 7, true).expect("demo");
    // Key facts changed, twice in the same millisecond or so: their history goes along.
    let someone = from.store().customers().expect("customers")[3].id.clone();
    for budget in ["30万", "35万"] {
        from.edit_customer(&someone, &[("budget".into(), budget.into())], true)
            .expect("edit");
    }
    // A quote sheet on the timeline: the colleague re-opens it as it was quoted.
    from.load_sample_catalogue().expect("catalogue");
    let quoted = from
        .save_quote(
            &someone,
            &crate::QuoteInput {
                trim: "汉".into(),
                discount: Some(8_000),
                ..crate::QuoteInput::default()
            },
        )
        .expect("quote");
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
    let interaction = quoted
        .interaction_id
        .clone()
        .expect("saved on the timeline");
    assert_eq!(
        to.quote_of(&interaction)
            .expect("the quote came along")
            .sheet,
        quoted.sheet
    );
    assert!(text.contains("\"quotes\":[{"), "{text:.200}");
    // A masked export is for sharing: the sheets, which name the customer, stay home.
    let shared = dir.path().join("shared.json");
    from.export(&ExportRequest {
        path: shared.display().to_string(),
        format: ExportFormat::Json,
        mask: true,
        ..ExportRequest::default()
    })
    .expect("masked export");
    let shared = std::fs::read_to_string(&shared).expect("read");
    assert!(!shared.contains("\"quotes\""));
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
    from.fill_demo(60, 11, false).expect("demo");
    let sheet = export(&from, dir.path(), "book.xlsx", ExportFormat::Xlsx);
    // Beside each profile, where the customer stands: the tier in words, the value a number
    // (and the import below reads them as the book's own, not as notes).
    {
        use calamine::{Data, Reader, Xlsx, open_workbook};
        let mut workbook: Xlsx<_> = open_workbook(&sheet).expect("opens");
        let name = workbook.sheet_names()[0].clone();
        let range = workbook.worksheet_range(&name).expect("customers sheet");
        let headers: Vec<String> = range
            .rows()
            .next()
            .expect("header")
            .iter()
            .map(|c| c.to_string())
            .collect();
        let tier = headers
            .iter()
            .position(|h| h == "层级")
            .expect("a tier column");
        let value = headers
            .iter()
            .position(|h| h == "价值（元）")
            .expect("a value column");
        let tiers: Vec<String> = range.rows().skip(1).map(|r| r[tier].to_string()).collect();
        assert!(
            tiers.iter().all(|t| [
                "顶级客户",
                "大客户",
                "中客户",
                "小客户",
                "非积极客户",
                "潜在客户",
                "怀疑者",
                "其他"
            ]
            .contains(&t.as_str())),
            "{tiers:?}"
        );
        assert!(
            range
                .rows()
                .skip(1)
                .all(|r| matches!(r[value], Data::Float(_) | Data::Int(_)))
        );
    }
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
    app.fill_demo(60, 5, true).expect("demo");
    let json = app
        .json_export(&ExportRequest {
            format: ExportFormat::Json,
            ..ExportRequest::default()
        })
        .expect("export");
    let want: Vec<(String, Option<String>)> = json
        .customers
        .iter()
        .flat_map(|c| {
            c.interactions
                .iter()
                .map(|i| (c.id.clone(), i.facts.notes.clone()))
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
    app.fill_demo(80, 9, false).expect("demo");
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
            &app.json_export(&req).expect("export"),
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
fn a_whole_book_xlsx_export_puts_the_page_cache_back_as_it_found_it() {
    let dir = tempfile::tempdir().expect("dir");
    let app = book(dir.path(), "b");
    app.fill_demo(60, 7, true).expect("demo");
    // Not the usual size: the export's own (at least the usual) must not stay.
    let cache = app.store().set_cache_mib(8).expect("cache");
    let before = app.store().set_cache_mib(8).expect("again");
    export(&app, dir.path(), "all.xlsx", ExportFormat::Xlsx);
    assert_eq!(app.store().set_cache_mib(8).expect("after"), before);
    app.store().put_cache_back(cache).expect("back");
}
