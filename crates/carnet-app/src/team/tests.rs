//! Two consultants' exports read into a team book, and read again.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};

use crate::customers::quick_input;
use crate::{App, Consultant, ErrorCode, ExportFormat, ExportRequest, OrderInput, ReportKind};

fn nov20() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 20)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("valid")
}

/// A consultant's book with `people` (name, phone), exported as JSON into `dir`.
fn export(dir: &Path, consultant: &str, people: &[(&str, &str)], orders: usize) -> String {
    let app = App::open_in_memory().expect("app").with_clock(nov20);
    app.set_consultant(Consultant {
        name: consultant.into(),
        dealership: "比亚迪4S店".into(),
        phone: String::new(),
    })
    .expect("consultant");
    for (i, (name, phone)) in people.iter().enumerate() {
        let id = app
            .add_customer(quick_input(name, Some(phone)))
            .expect("add")
            .id;
        if i < orders {
            app.record_order(
                &id,
                OrderInput {
                    model: "汉".into(),
                    price: "20万".into(),
                    at: String::new(),
                    expected_delivery: String::new(),
                },
            )
            .expect("order");
        }
    }
    json_export(&app, &dir.join(format!("{}.json", people[0].0)))
}

/// The book exported as JSON to `path`.
fn json_export(app: &App, path: &Path) -> String {
    app.export(&ExportRequest {
        path: path.to_string_lossy().into_owned(),
        format: ExportFormat::Json,
        ..ExportRequest::default()
    })
    .expect("export");
    path.to_string_lossy().into_owned()
}

#[test]
fn a_team_book_reads_each_consultant_and_replaces_their_part() {
    let dir = tempfile::tempdir().expect("dir");
    let wang = export(
        dir.path(),
        "王顾问",
        &[("张伟", "13800000001"), ("李娜", "13800000002")],
        1,
    );
    let li = export(
        dir.path(),
        "李顾问",
        &[
            ("张伟伟", "13800000001"),
            ("刘洋", "13800000003"),
            ("陈静", "13800000004"),
        ],
        2,
    );
    let team = App::open_in_memory().expect("app").with_clock(nov20);
    let book = team.open_team(&[wang.clone(), li]).expect("team");
    let parts: Vec<(&str, u64)> = book
        .parts
        .iter()
        .map(|p| (p.consultant.as_str(), p.customers))
        .collect();
    assert_eq!(parts, vec![("李顾问", 3), ("王顾问", 2)]);
    assert_eq!(book.shared, 1, "13800000001 is held by both");
    let shared = team.shared_customers().expect("shared");
    assert_eq!(shared[0].holders.len(), 2);
    assert_eq!(shared[0].phone, "138 0000 0001");

    let overview = team
        .team_overview("2026-11-01", "2026-11-30")
        .expect("overview");
    let row = |name: Option<&str>| {
        overview
            .rows
            .iter()
            .find(|r| r.consultant.as_deref() == name)
            .map(|r| (r.customers, r.leads, r.orders, r.close_rate))
            .expect("row")
    };
    assert_eq!(row(Some("王顾问")), (2, 2, 1, Some(50.0)));
    assert_eq!(row(Some("李顾问")), (3, 3, 2, Some(66.7)));
    assert_eq!(row(None), (5, 5, 3, Some(60.0)));
    // A month before they were added: everyone is a customer, and nobody a lead of it.
    let october = team
        .team_overview("2026-10-01", "2026-10-31")
        .expect("overview");
    let counts: Vec<(Option<&str>, u64, u64)> = october
        .rows
        .iter()
        .map(|r| (r.consultant.as_deref(), r.customers, r.leads))
        .collect();
    assert_eq!(
        counts,
        vec![(Some("李顾问"), 3, 0), (Some("王顾问"), 2, 0), (None, 5, 0)]
    );
    let reports = team
        .team_reports(ReportKind::Tiers, "", "")
        .expect("reports");
    assert_eq!(reports.len(), 3);
    assert_eq!(reports[2].consultant, None);

    // 王顾问's newer export: one customer more. Only their part changes.
    let wang_again = export(
        dir.path(),
        "王顾问",
        &[
            ("张伟", "13800000001"),
            ("李娜", "13800000002"),
            ("周杰", "13800000005"),
        ],
        1,
    );
    assert_eq!(wang_again, wang, "the same file, written again");
    let book = team.open_team(&[wang]).expect("again");
    let parts: Vec<(&str, u64)> = book
        .parts
        .iter()
        .map(|p| (p.consultant.as_str(), p.customers))
        .collect();
    assert_eq!(parts, vec![("李顾问", 3), ("王顾问", 3)]);

    // Read only, and never built in a consultant's own book.
    assert_eq!(
        team.add_customer(quick_input("新客户", None))
            .expect_err("read only")
            .code(),
        ErrorCode::TeamBookReadOnly
    );
    let own = App::open_in_memory().expect("app").with_clock(nov20);
    own.add_customer(quick_input("自己的客户", None))
        .expect("add");
    let dir_arg = dir.path().to_string_lossy().into_owned();
    assert_eq!(
        own.open_team(std::slice::from_ref(&dir_arg))
            .expect_err("own book")
            .code(),
        ErrorCode::OwnBookNotTeam
    );
    assert_eq!(
        own.list_customers().expect("list").len(),
        1,
        "left as it was"
    );
    // A folder of exports reads every one.
    let fresh = App::open_in_memory().expect("app").with_clock(nov20);
    assert_eq!(fresh.open_team(&[dir_arg]).expect("folder").parts.len(), 2);
}

/// A demo book of `customers` with their histories, as `consultant`'s, exported as JSON.
fn demo_export(dir: &Path, consultant: &str, customers: usize, seed: u64) -> String {
    let app = App::open(&dir.join(format!("{consultant}.db")))
        .expect("app")
        .with_clock(nov20);
    app.set_consultant(Consultant {
        name: consultant.into(),
        dealership: String::new(),
        phone: String::new(),
    })
    .expect("consultant");
    app.fill_demo(customers, seed, true).expect("demo");
    json_export(&app, &dir.join(format!("{consultant}.json")))
}

#[test]
fn a_team_book_holds_what_importing_each_export_writes_and_prompts_as_recomputed() {
    let dir = tempfile::tempdir().expect("dir");
    // Over 2,000 customers in one export: a big import's way of writing is taken.
    let files = [
        demo_export(dir.path(), "王顾问", 2_100, 3),
        demo_export(dir.path(), "李顾问", 300, 4),
    ];
    let team = App::open(&dir.path().join("team.db"))
        .expect("team")
        .with_clock(nov20);
    // As if a build had stopped after setting its indexes aside: this one makes them again.
    let aside = team.store().write(|w| w.set_aside_team_indexes());
    assert_eq!(aside.expect("set aside"), 13);
    team.open_team(&files).expect("team book");
    assert!(
        team.store()
            .waits_for_disk_at_commit()
            .expect("synchronous")
    );
    // The same exports imported one after the other into a consultant's book.
    let plain = App::open(&dir.path().join("plain.db"))
        .expect("plain")
        .with_clock(nov20);
    for file in &files {
        plain
            .import_file(
                &crate::ImportRequest {
                    path: file.clone(),
                    columns: None,
                    header_row: None,
                    policy: crate::DuplicatePolicy::Create,
                    save_mapping: false,
                },
                &mut |_| {},
            )
            .expect("import");
    }
    // What tells the books apart on purpose: the consultant's tag, the team book's settings,
    // the imports' own records (their ids and times), where the tables lie in the file. The
    // schema is the same: every index is there.
    let skip = ["customers.consultant", "sqlite_master.rootpage"];
    let digests = |app: &App| {
        let mut all = app.store().table_digests(&skip).expect("digests");
        for table in ["settings", "imports", "import_customers"] {
            all.remove(table).expect("a table of the book");
        }
        all
    };
    let built = digests(&team);
    assert_eq!(built, digests(&plain));
    for (table, at_least) in [
        ("customers", 2_400),
        ("interactions", 20_000),
        ("prompts", 400),
        ("customer_standing", 2_400),
    ] {
        assert!(built[table].0 >= at_least, "{table}: {:?}", built[table]);
    }
    assert_eq!(
        team.store().consultants().expect("consultants"),
        vec![("李顾问".to_owned(), 300), ("王顾问".to_owned(), 2_100)]
    );
    // Each customer's prompts and standing are what recomputing everyone's gives.
    team.recompute_prompts().expect("recompute");
    let again = digests(&team);
    for table in ["customers", "prompts", "customer_standing"] {
        assert_eq!(built[table], again[table], "{table}");
    }
}

#[test]
fn an_export_that_cannot_be_read_stops_the_build_with_the_exports_before_it_written() {
    let dir = tempfile::tempdir().expect("dir");
    let wang = export(dir.path(), "王顾问", &[("张三", "13800000001")], 0);
    let broken = dir.path().join("损坏.json");
    std::fs::write(&broken, b"{\"customers\": [").expect("write");
    let li = export(dir.path(), "李顾问", &[("李四", "13900000002")], 0);
    let team = App::open_in_memory().expect("team").with_clock(nov20);
    let err = team
        .open_team(&[wang, broken.to_string_lossy().into_owned(), li])
        .expect_err("a broken export");
    assert!(
        err.message.contains("损坏.json"),
        "the error names the file: {}",
        err.message
    );
    let parts: Vec<String> = team
        .team_book(Vec::new())
        .expect("book")
        .parts
        .into_iter()
        .map(|p| p.consultant)
        .collect();
    assert_eq!(
        parts,
        vec!["王顾问".to_owned()],
        "read up to the broken one"
    );
    // The indexes set aside while it was built are there again.
    assert!(
        team.store()
            .setting("team_indexes_set_aside")
            .expect("setting")
            .is_none()
    );
    // And its commits wait for the disk again.
    assert!(
        team.store()
            .waits_for_disk_at_commit()
            .expect("synchronous")
    );
}
