use std::path::Path;

use carnet_core::phone::Phone;
use carnet_core::{Customer, CustomerSummary, Filter, Profile};
use rusqlite::Connection;

use super::*;
use crate::Order;

/// The day the tests' profiles are typed on.
fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid")
}

fn facts(name: &str, phone: Option<&str>) -> Profile {
    Profile::named(name, phone.map(|p| Phone::parse(p).expect("valid phone")))
}

fn query(text: &str) -> Filter {
    Filter::parse(text).expect("a query")
}

fn backups_in(dir: &Path) -> Vec<PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(entries) => entries.map(|e| e.expect("entry").path()).collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn a_fresh_book_is_fully_migrated_with_the_expected_settings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("book").join("carnet.db");
    let store = Store::open(&path).expect("open");
    assert_eq!(
        store.schema_version().expect("version"),
        migrations::latest_version(MIGRATIONS)
    );
    let pragma = |name: &str| -> String {
        store
            .conn
            .pragma_query_value(None, name, |r| r.get::<_, rusqlite::types::Value>(0))
            .map(|v| match v {
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Text(t) => t,
                other => format!("{other:?}"),
            })
            .expect("pragma")
    };
    assert_eq!(pragma("journal_mode"), "wal");
    assert_eq!(pragma("foreign_keys"), "1");
    assert_eq!(pragma("synchronous"), "2", "FULL");
    assert_eq!(pragma("busy_timeout"), BUSY_TIMEOUT_MS.to_string());
    assert!(
        backups_in(&dir.path().join("book").join("backups")).is_empty(),
        "a new book needs no backup"
    );
}

#[test]
fn a_version_6_book_keeps_its_grams_and_import_links_when_upgraded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("carnet.db");
    let backup_dir = dir.path().join("backups");
    {
        let old = Store::open_with(&path, &backup_dir, &MIGRATIONS[..6]).expect("old book");
        // As version 6 wrote a customer: a row of grams each (the index already current, so
        // nothing is rebuilt on opening).
        old.conn
            .execute_batch(&format!(
                "INSERT INTO customers (id, name, created_at, updated_at, search_rowid)
                 VALUES ('0193a0c8-0000-7000-8000-000000000001', '张三',
                         '2026-11-01T08:00:00.000Z', '2026-11-01T08:00:00.000Z', 7);
                 INSERT INTO customer_search (rowid, name, pinyin, initials, phones, other)
                 VALUES (7, '张三', 'zhangsan', 'zs', '', '');
                 INSERT INTO customer_grams (gram, rank, search_rowid) VALUES
                     ('张三', 0, 7), ('张', 1, 7), ('三', 2, 7), ('zs', 0, 7), ('z', 1, 7);
                 INSERT INTO settings (key, value, updated_at)
                 VALUES ('search_keys_version', '{}', '2026-11-01T08:00:00.000Z');
                 INSERT INTO imports (id, at, file_name, format, policy, created, updated,
                                      skipped, invalid)
                 VALUES ('i1', '2026-11-01 16:00:00', 'a.csv', 'csv', 'skip', 1, 0, 0, 0);
                 INSERT INTO import_customers (import_id, customer_id, created)
                 VALUES ('i1', '0193a0c8-0000-7000-8000-000000000001', 1);",
                carnet_core::search::SEARCH_KEYS_VERSION
            ))
            .expect("a version 6 customer");
    }
    let store = Store::open(&path).expect("upgrade");
    for (q, found) in [("张", 1), ("三", 1), ("zs", 1), ("z", 1), ("李", 0)] {
        let (page, total) = store
            .search_customers(&query(q), Order::Newest, 0, 10)
            .expect("search");
        assert_eq!((page.len(), total), (found, Some(found as u64)), "{q}");
    }
    // The import that brought the customer can still be undone.
    let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 2)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("valid");
    let undone = store
        .write(|w| w.undo_import("i1", at))
        .expect("undo")
        .expect("an import");
    assert_eq!(undone.removed, 1);
    assert!(store.customers().expect("customers").is_empty());
    assert!(
        store
            .write(|w| w.restore_customer("0193a0c8-0000-7000-8000-000000000001"))
            .expect("restore")
    );
    // Ranked as before: the whole name first.
    store
        .write(|w| w.insert_customer(&facts("张三丰", None)))
        .expect("insert");
    assert_eq!(
        names(
            store
                .search_customers(&query("张三"), Order::Newest, 0, 10)
                .expect("search")
        ),
        ["张三", "张三丰"]
    );
}

#[test]
fn an_older_book_is_backed_up_then_upgraded_without_losing_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("carnet.db");
    let backup_dir = dir.path().join("backups");
    {
        let old = Store::open_with(&path, &backup_dir, &MIGRATIONS[..1]).expect("old book");
        assert_eq!(old.schema_version().expect("version"), 1);
        // As the first Carnet wrote it: no search index yet.
        old.conn
            .execute(
                "INSERT INTO customers VALUES ('0193a0c8-0000-7000-8000-000000000001', '张三',
                 '+8613812345678', '2026-11-01T08:00:00.000Z', '2026-11-01T08:00:00.000Z')",
                [],
            )
            .expect("insert");
    }
    assert!(
        backups_in(&backup_dir).is_empty(),
        "no backup for a new book"
    );

    let store = Store::open(&path).expect("upgrade");
    assert_eq!(
        store.schema_version().expect("version"),
        migrations::latest_version(MIGRATIONS)
    );
    let customers = store.customers().expect("list");
    assert_eq!(customers.len(), 1);
    assert_eq!(customers[0].profile.name, "张三");
    assert_eq!(
        customers[0].profile.phone().map(Phone::stored),
        Some("+8613812345678"),
        "the phone moved into the list of phones"
    );
    let found = store
        .search_customers(&query("zs"), Order::Newest, 0, 10)
        .expect("search");
    assert_eq!(
        found.1,
        Some(1),
        "the upgrade indexed the existing customer"
    );

    let backups = backups_in(&backup_dir);
    assert_eq!(
        backups.len(),
        1,
        "one backup before the migration: {backups:?}"
    );
    let name = backups[0]
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(name.ends_with("-before-migration-v1.db"), "{name}");
    let copy = Connection::open(&backups[0]).expect("open backup");
    let version: i64 = copy
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("v");
    assert_eq!(version, 1, "the backup is the book as it was");
    let names: String = copy
        .query_row("SELECT group_concat(name) FROM customers", [], |r| r.get(0))
        .expect("customers in backup");
    assert_eq!(names, "张三");
    let mode: String = copy
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "delete", "a backup is a single file");
    drop(copy);

    drop(store);
    Store::open(&path).expect("reopen");
    assert_eq!(
        backups_in(&backup_dir).len(),
        1,
        "an up-to-date book is not backed up again"
    );
}

#[test]
fn a_book_from_a_newer_carnet_is_refused_and_left_byte_for_byte_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("carnet.db");
    {
        let conn = Connection::open(&path).expect("create");
        conn.execute_batch(
            "CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT);
             INSERT INTO customers VALUES ('x', '李四');
             PRAGMA user_version = 99;",
        )
        .expect("newer book");
    }
    let before = std::fs::read(&path).expect("bytes");

    let err = Store::open(&path).expect_err("must refuse");
    assert!(
        matches!(err, StoreError::NewerBook { found: 99, supported } if supported == migrations::latest_version(MIGRATIONS)),
        "{err:?}"
    );
    assert_eq!(
        std::fs::read(&path).expect("bytes"),
        before,
        "bytes unchanged"
    );
    let mut siblings: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    siblings.sort();
    assert_eq!(
        siblings,
        ["carnet.db"],
        "no journal, WAL or backup was written"
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("carnet.db");
    std::fs::write(&path, "姓名,电话\n张三,13812345678\n").expect("write");
    let before = std::fs::read(&path).expect("bytes");
    let err = Store::open(&path).expect_err("must refuse");
    assert!(matches!(err, StoreError::NotABook { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).expect("bytes"), before);
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("other.db");
    {
        let conn = Connection::open(&path).expect("create");
        conn.execute_batch("CREATE TABLE contacts (who TEXT); INSERT INTO contacts VALUES ('x');")
            .expect("other app's schema");
    }
    let before = std::fs::read(&path).expect("bytes");
    let err = Store::open(&path).expect_err("must refuse");
    assert!(matches!(err, StoreError::NotABook { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).expect("bytes"), before);
}

#[test]
fn an_empty_sqlite_file_becomes_a_book() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("carnet.db");
    Connection::open(&path)
        .expect("create")
        .execute_batch("PRAGMA user_version = 0; VACUUM;")
        .expect("empty database");
    let store = Store::open(&path).expect("open");
    assert_eq!(
        store.schema_version().expect("version"),
        migrations::latest_version(MIGRATIONS)
    );
}

#[test]
fn customers_round_trip() {
    let store = Store::open_in_memory().expect("open");
    let a = store
        .write(|w| w.insert_customer(&facts("张三", Some("13812345678"))))
        .expect("insert a");
    let b = store
        .write(|w| w.insert_customer(&facts("李四", None)))
        .expect("insert b");
    assert_ne!(a.id, b.id);
    assert!(uuid::Uuid::parse_str(&a.id).is_ok(), "ids are UUIDs");
    assert_eq!(a.profile.phone().map(Phone::stored), Some("+8613812345678"));

    let listed: Vec<_> = store
        .customers()
        .expect("list")
        .into_iter()
        .map(|c| c.profile.name)
        .collect();
    assert_eq!(listed, ["李四", "张三"], "newest first");

    let updated = store
        .write(|w| w.update_customer(&a.id, &facts("张三丰", Some("13900001111"))))
        .expect("update")
        .expect("exists");
    assert_eq!(updated.profile.name, "张三丰");
    assert_eq!(updated.created_at, a.created_at);
    assert!(updated.updated_at >= a.updated_at);
    assert_eq!(store.customer(&a.id).expect("get"), Some(updated));

    assert_eq!(
        store
            .write(|w| w.update_customer("missing", &facts("x", None)))
            .expect("update"),
        None
    );
    assert!(store.write(|w| w.delete_customer(&b.id)).expect("delete"));
    assert!(
        !store
            .write(|w| w.delete_customer(&b.id))
            .expect("delete again")
    );
    assert_eq!(store.customer(&b.id).expect("get"), None);
}

#[test]
fn settings_are_kept_and_overwritten() {
    let store = Store::open_in_memory().expect("open");
    assert_eq!(store.setting("language").expect("get"), None);
    store
        .write(|w| w.set_setting("language", "en"))
        .expect("set");
    store
        .write(|w| w.set_setting("language", "zh-Hans"))
        .expect("overwrite");
    assert_eq!(
        store.setting("language").expect("get").as_deref(),
        Some("zh-Hans")
    );
}

#[test]
fn a_backup_is_a_complete_readable_copy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("carnet.db")).expect("open");
    store
        .write(|w| w.insert_customer(&facts("王五", None)))
        .expect("insert");
    let dest = dir.path().join("usb").join("copy.db");
    store.backup_to(&dest).expect("backup");
    let copy = Store::open(&dest).expect("open copy");
    assert_eq!(copy.customers().expect("list")[0].profile.name, "王五");
    assert!(!dest.with_extension("partial").exists());
}

#[test]
fn a_backup_holds_every_commit_whether_the_file_is_copied_or_the_online_backup_runs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("carnet.db");
    let store = Store::open(&book).expect("open");
    store
        .write(|w| w.insert_customer(&facts("王五", None)))
        .expect("insert");
    let check = |dest: &Path, expected: &[&str]| {
        let copy = Connection::open(dest).expect("open copy");
        let mode: String = copy
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("mode");
        assert_eq!(mode, "delete", "a copy is one file");
        let ok: String = copy
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("check");
        assert_eq!(ok, "ok");
        drop(copy);
        let mut names = Store::open(dest)
            .expect("open copy")
            .customers()
            .expect("list")
            .names();
        names.sort();
        assert_eq!(names, expected);
        let mut log = dest.as_os_str().to_owned();
        log.push("-wal");
        assert!(!Path::new(&log).exists() || std::fs::metadata(&log).expect("log").len() == 0);
    };
    // Nothing else reading: the file is copied whole (an open transaction, or a book in
    // memory, leave it to the online backup).
    let plain = dir.path().join("a.db");
    let memory = Store::open_in_memory().expect("memory");
    assert!(!crate::backup::copy_whole_file(&memory.conn, &plain).expect("memory"));
    store.backup_to(&plain).expect("backup");
    check(&plain, &["王五"]);

    // Another connection reads an older state while a new customer sits in the log: the
    // log cannot be copied into the book, and the online backup copies both.
    let reader = Connection::open(&book).expect("reader");
    reader.execute_batch("BEGIN").expect("begin");
    let seen: i64 = reader
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .expect("read");
    assert_eq!(seen, 1);
    store
        .write(|w| w.insert_customer(&facts("赵六", None)))
        .expect("insert");
    let busy = dir.path().join("b.db");
    let probe = dir.path().join("probe.db");
    assert!(
        !crate::backup::copy_whole_file(&store.conn, &probe).expect("probe"),
        "not while a reader holds an older state"
    );
    store.backup_to(&busy).expect("backup while read");
    check(&busy, &["王五", "赵六"]);
    reader.execute_batch("COMMIT").expect("end");

    // The reader gone, the file is copied whole again.
    assert!(crate::backup::copy_whole_file(&store.conn, &probe).expect("probe"));
    let after = dir.path().join("c.db");
    store.backup_to(&after).expect("backup");
    check(&after, &["王五", "赵六"]);
}

trait Names {
    fn names(self) -> Vec<String>;
}

impl Names for Vec<Customer> {
    fn names(self) -> Vec<String> {
        self.into_iter().map(|c| c.profile.name).collect()
    }
}

impl Names for (Vec<CustomerSummary>, Option<u64>) {
    fn names(self) -> Vec<String> {
        self.0.into_iter().map(|c| c.name).collect()
    }
}

fn names(found: impl Names) -> Vec<String> {
    found.names()
}

#[test]
fn search_finds_by_name_pinyin_initials_and_phone_fragments() {
    let store = Store::open_in_memory().expect("open");
    for (name, phone) in [
        ("张三", Some("138 1234 5678")),
        ("张三丰", Some("139 0000 1111")),
        ("李四", Some("186 0011 5678")),
        ("单田芳", None),
        ("欧阳娜娜", Some("+852 9123 4567")),
        ("John Smith", Some("010 6552 8899")),
        ("100%_王", None),
    ] {
        store
            .write(|w| w.insert_customer(&facts(name, phone)))
            .expect("insert");
    }
    let cases: [(&str, &[&str]); 16] = [
        ("张", &["张三丰", "张三"]),
        ("张三", &["张三", "张三丰"]),
        ("三丰", &["张三丰"]),
        ("娜娜", &["欧阳娜娜"]),
        ("zs", &["张三", "张三丰"]),
        ("zsf", &["张三丰"]),
        ("zhangsan", &["张三", "张三丰"]),
        ("stf", &["单田芳"]),
        ("shantian", &["单田芳"]),
        ("5678", &["李四", "张三"]),
        ("138 1234 5678", &["张三"]),
        ("+86 138-1234-5678", &["张三"]),
        ("91234567", &["欧阳娜娜"]),
        ("smith", &["John Smith"]),
        ("%_", &["100%_王"]),
        ("nobody", &[]),
    ];
    for (q, want) in cases {
        let got = names(
            store
                .search_customers(&query(q), Order::Newest, 0, 50)
                .expect("search"),
        );
        assert_eq!(
            got,
            want.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            "query {q:?}"
        );
    }
    assert_eq!(
        store
            .search_customers(&query("zs"), Order::Newest, 0, 1)
            .expect("search")
            .0
            .len(),
        1,
        "limit"
    );
}

#[test]
fn the_index_follows_updates_and_deletes() {
    let store = Store::open_in_memory().expect("open");
    let c = store
        .write(|w| w.insert_customer(&facts("张三", Some("13812345678"))))
        .expect("insert");
    store
        .write(|w| w.update_customer(&c.id, &facts("李四", Some("13900001111"))))
        .expect("update");
    assert!(
        store
            .search_customers(&query("zs"), Order::Newest, 0, 10)
            .expect("search")
            .0
            .is_empty()
    );
    assert!(
        store
            .search_customers(&query("5678"), Order::Newest, 0, 10)
            .expect("search")
            .0
            .is_empty()
    );
    assert_eq!(
        names(
            store
                .search_customers(&query("1111"), Order::Newest, 0, 10)
                .expect("search")
        ),
        ["李四"]
    );
    store.write(|w| w.delete_customer(&c.id)).expect("delete");
    assert!(
        store
            .search_customers(&query("ls"), Order::Newest, 0, 10)
            .expect("search")
            .0
            .is_empty()
    );
    let left: i64 = store
        .conn
        .query_row("SELECT count(*) FROM customer_search", [], |r| r.get(0))
        .expect("count");
    assert_eq!(left, 0, "no index entry outlives its customer");
}

#[test]
fn the_index_is_rebuilt_when_the_key_recipe_changes() {
    let store = Store::open_in_memory().expect("open");
    store
        .write(|w| w.insert_customer(&facts("张三丰", Some("13812345678"))))
        .expect("insert");
    // Both indexes lose everything: the trigram one (three characters or more) and the
    // grams that answer shorter queries.
    store
        .conn
        .execute_batch(
            "DELETE FROM customer_search;
             INSERT INTO customer_short (customer_short) VALUES ('delete-all');",
        )
        .expect("wipe");
    let found = |text: &str| {
        names(
            store
                .search_customers(&query(text), Order::Newest, 0, 10)
                .expect("search"),
        )
    };
    // Each query class goes to one index, and each index is empty now.
    for text in ["zs", "张三", "zhangsanfeng", "5678"] {
        assert!(found(text).is_empty(), "{text} found before the rebuild");
    }
    store
        .write(|w| w.set_setting("search_keys_version", "0"))
        .expect("older recipe");
    store.ensure_search_index().expect("rebuild");
    for text in ["zs", "张三", "zhangsanfeng", "5678"] {
        assert_eq!(found(text), ["张三丰"], "{text}");
    }
}

#[test]
fn bulk_insert_counts_pages_and_indexes() {
    let store = Store::open_in_memory().expect("open");
    let all: Vec<_> = (0..30)
        .map(|i| (facts(&format!("客户{i}"), None), Vec::new()))
        .collect();
    assert_eq!(
        store
            .write(|w| w.insert_customers(&all))
            .expect("bulk")
            .len(),
        30
    );
    assert_eq!(store.count_customers().expect("count"), 30);
    let page = names(
        store
            .search_customers(&Filter::default(), Order::Newest, 0, 3)
            .expect("page"),
    );
    assert_eq!(
        page,
        ["客户29", "客户28", "客户27"],
        "newest first, by id within the same time"
    );
    assert_eq!(
        names(
            store
                .search_customers(&query("客户17"), Order::Newest, 0, 10)
                .expect("search")
        ),
        ["客户17"]
    );
}

#[test]
fn the_index_still_points_at_the_right_customers_after_vacuum() {
    let store = Store::open_in_memory().expect("open");
    let first = store
        .write(|w| w.insert_customer(&facts("张三", None)))
        .expect("insert");
    store
        .write(|w| w.insert_customer(&facts("李四", None)))
        .expect("insert");
    let third = store
        .write(|w| w.insert_customer(&facts("王五", None)))
        .expect("insert");
    store
        .write(|w| w.delete_customer(&first.id))
        .expect("delete");
    store.conn.execute_batch("VACUUM").expect("vacuum");
    assert_eq!(
        names(
            store
                .search_customers(&query("ww"), Order::Newest, 0, 10)
                .expect("search")
        ),
        ["王五"]
    );
    store
        .write(|w| w.update_customer(&third.id, &facts("赵六", None)))
        .expect("update");
    assert_eq!(
        names(
            store
                .search_customers(&query("zl"), Order::Newest, 0, 10)
                .expect("search")
        ),
        ["赵六"]
    );
    assert_eq!(
        names(
            store
                .search_customers(&query("ls"), Order::Newest, 0, 10)
                .expect("search")
        ),
        ["李四"]
    );
}

#[test]
fn possible_duplicates_follow_the_rule_and_skip_the_customer_being_edited() {
    let store = Store::open_in_memory().expect("open");
    let zhang = store
        .write(|w| w.insert_customer(&facts("张三", Some("13812345678"))))
        .expect("insert");
    store
        .write(|w| w.insert_customer(&facts("张三", Some("13900001111"))))
        .expect("insert");
    let trashed = store
        .write(|w| w.insert_customer(&facts("张三", Some("13700005678"))))
        .expect("insert");
    store
        .write(|w| w.trash_customer(&trashed.id))
        .expect("trash");
    // An import of many rows finds the same through an index of the whole book.
    let index = store.duplicate_index().expect("index");
    let dupes = |name: &str, phone: Option<&str>, except: Option<&str>| {
        let found = names(
            store
                .possible_duplicates(&facts(name, phone), except)
                .expect("query"),
        );
        if except.is_none() {
            let indexed = store
                .indexed_duplicates(&index, &facts(name, phone))
                .expect("indexed");
            assert_eq!(names(indexed), found, "{name} {phone:?}");
        }
        found
    };
    assert_eq!(
        dupes("李四", Some("138 1234 5678"), None),
        ["张三"],
        "same phone"
    );
    assert_eq!(
        dupes("张三", Some("18600005678"), None),
        ["张三"],
        "same name and last four"
    );
    assert!(dupes("张三", Some("18600002222"), None).is_empty());
    assert!(dupes("张三", None, None).is_empty());
    assert!(
        dupes("张三", Some("13812345678"), Some(&zhang.id)).is_empty(),
        "not itself"
    );
}

#[test]
fn a_page_in_pinyin_order() {
    let store = Store::open_in_memory().expect("open");
    for name in [
        "张三",
        "王五",
        "单田芳",
        "李四",
        "欧阳娜娜",
        "曾国藩",
        "Amy",
    ] {
        store
            .write(|w| w.insert_customer(&facts(name, None)))
            .expect("insert");
    }
    let page = names(
        store
            .search_customers(&Filter::default(), Order::Pinyin, 0, 10)
            .expect("page"),
    );
    assert_eq!(
        page,
        [
            "Amy",
            "李四",
            "欧阳娜娜",
            "单田芳",
            "王五",
            "曾国藩",
            "张三"
        ]
    );
    assert_eq!(
        names(
            store
                .search_customers(&Filter::default(), Order::Pinyin, 0, 2)
                .expect("page")
        ),
        ["Amy", "李四"]
    );
}

fn full_profile(name: &str, phones: &str) -> Profile {
    let mut d = carnet_core::ProfileDraft {
        name: name.into(),
        ..Default::default()
    };
    for (field, value) in [
        ("title", "先生"),
        ("phones", phones),
        ("wechat", "wx_zhang"),
        ("budget", "15-20万"),
        ("models", "汉/冠军版/雪域白, 海豹"),
        ("purposes", "commute,family"),
        ("timeframe", "within_30_days"),
        ("level", "B"),
        ("decision_maker", "spouse"),
        ("car_brand", "大众"),
        ("car_year", "2016"),
        ("payment", "loan"),
        ("source", "referral"),
        ("priorities", "safety,space"),
        ("tags", "VIP,二胎"),
        ("notes", "周末带孩子来试驾"),
        ("birthday", "10-08"),
        ("birthday_lunar", "true"),
    ] {
        d.set(field, value).expect("set");
    }
    d.validate(day()).expect("valid")
}

#[test]
fn a_full_profile_round_trips() {
    let store = Store::open_in_memory().expect("open");
    let profile = full_profile("张三", "13812345678, 010-6552 8899 转 123");
    let c = store
        .write(|w| w.insert_customer(&profile))
        .expect("insert");
    assert_eq!(c.profile, profile);
    assert_eq!(
        store.customer(&c.id).expect("get").expect("exists").profile,
        profile
    );
    let bare = Profile::named("李四", None);
    let b = store.write(|w| w.insert_customer(&bare)).expect("insert");
    assert_eq!(b.profile, bare);
}

#[test]
fn search_finds_models_tags_and_notes_and_filters_narrow() {
    let store = Store::open_in_memory().expect("open");
    store
        .write(|w| w.insert_customer(&full_profile("张三", "13812345678")))
        .expect("insert");
    let mut li = full_profile("李四", "13900001111");
    li.level = carnet_core::Level::H;
    li.tags = vec!["老客户介绍".into()];
    li.models = vec![carnet_core::ModelWish::parse("宋PLUS")];
    li.budget = carnet_core::Budget::parse("25万左右");
    li.notes = Some("担心续航".into());
    li.source = Some(carnet_core::Source::WalkIn);
    li.wechat = None;
    store.write(|w| w.insert_customer(&li)).expect("insert");
    store
        .write(|w| w.insert_customer(&facts("王五", None)))
        .expect("insert");
    let cases: [(&str, &[&str]); 15] = [
        ("汉", &["张三"]),
        ("宋plus", &["李四"]),
        ("vip", &["张三"]),
        ("带孩子来", &["张三"]),
        ("担心续航", &["李四"]),
        ("wx_zhang", &["张三"]),
        ("level:H", &["李四"]),
        ("level:B,H", &["李四", "张三"]),
        ("model:海豹", &["张三"]),
        ("budget:22-30万", &["李四"]),
        ("budget:18万以内", &["张三"]),
        ("tag:vip", &["张三"]),
        ("source:walk_in", &["李四"]),
        ("张 level:H", &[]),
        ("级别:B 预算:16万", &["张三"]),
    ];
    for (q, want) in cases {
        let got = names(
            store
                .search_customers(&query(q), Order::Newest, 0, 50)
                .expect("search"),
        );
        assert_eq!(
            got,
            want.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            "query {q:?}"
        );
    }
}

#[test]
fn pages_follow_each_other_and_the_total_counts_every_match() {
    let store = Store::open_in_memory().expect("open");
    let all: Vec<_> = (0..25)
        .map(|i| (facts(&format!("客户{i:02}"), None), Vec::new()))
        .collect();
    store.write(|w| w.insert_customers(&all)).expect("bulk");
    let page = |offset| {
        store
            .search_customers(&Filter::default(), Order::Pinyin, offset, 10)
            .expect("page")
    };
    let (first, total) = page(0);
    let (third, later) = page(20);
    assert_eq!(total, Some(25));
    assert_eq!(later, None, "later pages are not counted again");
    assert_eq!(first[0].name, "客户00");
    assert_eq!(third.len(), 5);
    assert_eq!(third[4].name, "客户24");

    let mut friend = facts("王五", None);
    friend.notes = Some("客户1的朋友".into());
    store.write(|w| w.insert_customer(&friend)).expect("insert");
    let count = |q: &str| {
        let (found, total) = store
            .search_customers(&query(q), Order::Newest, 0, 3)
            .expect("search");
        (found.len(), total)
    };
    assert_eq!(
        count("客户1"),
        (3, Some(11)),
        "names and notes, counted apart"
    );
    assert_eq!(
        count("客户"),
        (3, Some(25)),
        "a short query, counted in the grams"
    );
    assert_eq!(count("王五"), (1, Some(1)), "a first page that is not full");
}

fn rows_for(store: &Store, table: &str, column: &str, id: &str) -> i64 {
    store
        .conn
        .query_row(
            &format!("SELECT count(*) FROM \"{table}\" WHERE \"{column}\" = ?1"),
            [id],
            |r| r.get(0),
        )
        .expect("count")
}

fn search_rows(store: &Store) -> i64 {
    store
        .conn
        .query_row("SELECT count(*) FROM customer_search", [], |r| r.get(0))
        .expect("count")
}

/// Gives a customer a row in every table that references customers. A table this test does
/// not know fails it: whoever adds one must say how it is filled, so merge and trash are
/// checked against it.
fn fill_every_linked_table(store: &Store, id: &str) {
    let wife = carnet_core::FamilyDraft {
        name: "李娜".into(),
        relation: "wife".into(),
        birthday: "10-08".into(),
        birthday_lunar: true,
        ..Default::default()
    }
    .validate()
    .expect("valid");
    store
        .write(|w| w.insert_family_member(id, &wife))
        .expect("family")
        .expect("customer exists");
    let mut changed = store.customer(id).expect("get").expect("exists").profile;
    changed.budget = carnet_core::Budget::parse("30万");
    store
        .write(|w| w.update_customer(id, &changed))
        .expect("update");
    let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("valid");
    let call = carnet_core::InteractionDraft {
        kind: "call".into(),
        at: "2026-11-20 10:00".into(),
        outcome: "reached".into(),
        ..Default::default()
    }
    .validate(at)
    .expect("valid");
    store
        .write(|w| w.insert_interaction(id, &call, &crate::SaleDetails::default()))
        .expect("log")
        .expect("customer exists");
    store
        .write(|w| w.set_level(id, carnet_core::Level::H, at, Some("buys this week"), None))
        .expect("level");
    let rules = carnet_core::followup::Rules::default();
    let today = at.date();
    store
        .write(|w| w.refresh_prompts(id, &rules, today))
        .expect("refresh");
    let due = store
        .due_prompts(today + chrono::Days::new(30))
        .expect("due");
    let key = due
        .iter()
        .find(|p| p.customer_id == id)
        .expect("a prompt")
        .prompt
        .key
        .clone();
    store
        .write(|w| {
            w.act_on_prompt(
                id,
                &key,
                crate::PromptAction::Snoozed(today),
                None,
                &rules,
                today,
            )
        })
        .expect("snooze");
    let mut filled = store.customer(id).expect("get").expect("exists").profile;
    filled.occupation = Some("教师".into());
    store
        .write(|w| {
            let (plan, created) = import_plan(
                "imp-fill",
                Vec::new(),
                vec![fill(id, filled, "occupation", "教师")],
            );
            w.apply_import(&plan, &mut each(&created), at, &rules, &mut |_| true)
        })
        .expect("import");
    for (table, column) in store.tables_referencing_customers().expect("schema") {
        let known = [
            "import_customers",
            "customer_phones",
            "customer_models",
            "customer_tags",
            "family_members",
            "interactions",
            "key_fact_changes",
            "level_changes",
            "prompt_actions",
            "prompts",
        ];
        assert!(
            known.contains(&table.as_str()),
            "a new table references customers: {table}; fill it here"
        );
        assert!(
            rows_for(store, &table, &column, id) > 0,
            "{table} has a row for the customer"
        );
    }
}

#[test]
fn a_merge_moves_every_linked_row_to_the_survivor() {
    let store = Store::open_in_memory().expect("open");
    let survivor = store
        .write(|w| w.insert_customer(&facts("张三", Some("13812345678"))))
        .expect("insert");
    let loser = store
        .write(|w| w.insert_customer(&full_profile("张三", "13900005678")))
        .expect("insert");
    fill_every_linked_table(&store, &loser.id);
    let tables = store.tables_referencing_customers().expect("schema");
    assert!(tables.len() >= 5, "{tables:?}");

    let mut merged = store
        .customer(&loser.id)
        .expect("get")
        .expect("exists")
        .profile;
    merged
        .phones
        .insert(0, Phone::parse("13812345678").expect("valid"));
    let after = store
        .write(|w| w.merge_customers(&survivor.id, &loser.id, &merged))
        .expect("merge")
        .expect("both exist");
    assert_eq!(after.profile, merged);
    assert_eq!(
        store.customer(&loser.id).expect("get"),
        None,
        "the loser is gone"
    );
    for (table, column) in &tables {
        assert_eq!(
            rows_for(&store, table, column, &loser.id),
            0,
            "{table} keeps nothing of the loser"
        );
        assert!(
            rows_for(&store, table, column, &survivor.id) > 0,
            "{table} moved to the survivor"
        );
    }
    assert_eq!(store.family(&survivor.id).expect("family").len(), 1);
    assert_eq!(search_rows(&store), 1, "one index entry left");
    assert_eq!(
        names(
            store
                .search_customers(&query("vip"), Order::Newest, 0, 10)
                .expect("search")
        ),
        ["张三"]
    );
    assert_eq!(
        store
            .write(|w| w.merge_customers(&survivor.id, "missing", &merged))
            .expect("merge"),
        None
    );
}

#[test]
fn the_trash_hides_restores_and_erases_for_good() {
    let store = Store::open_in_memory().expect("open");
    let keep = store
        .write(|w| w.insert_customer(&facts("李四", None)))
        .expect("insert");
    let gone = store
        .write(|w| w.insert_customer(&full_profile("张三", "13812345678")))
        .expect("insert");
    fill_every_linked_table(&store, &gone.id);

    assert!(store.write(|w| w.trash_customer(&gone.id)).expect("trash"));
    assert!(
        !store
            .write(|w| w.trash_customer(&gone.id))
            .expect("already in the trash")
    );
    assert_eq!(store.count_customers().expect("count"), 1);
    assert!(
        names(
            store
                .search_customers(&query("zs"), Order::Newest, 0, 10)
                .expect("search")
        )
        .is_empty()
    );
    assert!(
        store
            .possible_duplicates(&facts("王五", Some("13812345678")), None)
            .expect("dupes")
            .is_empty()
    );
    assert_eq!(store.trashed_customers().expect("trash")[0].name, "张三");

    assert!(
        store
            .write(|w| w.restore_customer(&gone.id))
            .expect("restore")
    );
    assert_eq!(
        names(
            store
                .search_customers(&query("zs"), Order::Newest, 0, 10)
                .expect("search")
        ),
        ["张三"]
    );

    store.write(|w| w.trash_customer(&gone.id)).expect("trash");
    assert_eq!(store.write(|w| w.empty_trash()).expect("empty"), 1);
    assert_eq!(store.customer(&gone.id).expect("get"), None);
    for (table, column) in store.tables_referencing_customers().expect("schema") {
        assert_eq!(rows_for(&store, &table, &column, &gone.id), 0, "{table}");
    }
    assert_eq!(search_rows(&store), 1, "only the kept customer is indexed");
    assert!(store.customer(&keep.id).expect("get").is_some());
    let secure: i64 = store
        .conn
        .pragma_query_value(None, "secure_delete", |r| r.get(0))
        .expect("pragma");
    assert_eq!(secure, 1);
    // The full-text indexes take a deleted row's words out at once, not at a later merge.
    for index in ["customer_search", "customer_short"] {
        let on: i64 = store
            .conn
            .query_row(
                &format!("SELECT v FROM {index}_config WHERE k = 'secure-delete'"),
                [],
                |r| r.get(0),
            )
            .expect(index);
        assert_eq!(on, 1, "{index}");
    }
    let (gone_page, _) = store
        .search_customers(&query(&gone.profile.name), Order::Newest, 0, 10)
        .expect("search");
    assert!(gone_page.is_empty());
}

#[test]
fn key_fact_changes_are_kept_with_their_date() {
    let store = Store::open_in_memory().expect("open");
    let mut p = facts("张三", None);
    p.budget = carnet_core::Budget::parse("15万");
    let c = store.write(|w| w.insert_customer(&p)).expect("insert");
    p.budget = carnet_core::Budget::parse("20万");
    p.notes = Some("not a key fact".into());
    store
        .write(|w| w.update_customer(&c.id, &p))
        .expect("update");
    let history = store.key_fact_changes(&c.id).expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(
        (
            history[0].fact,
            history[0].old_value.as_str(),
            history[0].new_value.as_str()
        ),
        (carnet_core::KeyFact::Budget, "15万", "20万")
    );
}

#[test]
fn the_list_sorts_by_last_contact_kept_with_the_interactions() {
    let store = Store::open_in_memory().expect("open");
    let a = store
        .write(|w| w.insert_customer(&facts("张三", None)))
        .expect("insert");
    let b = store
        .write(|w| w.insert_customer(&facts("李四", None)))
        .expect("insert");
    store
        .write(|w| w.insert_customer(&facts("王五", None)))
        .expect("insert");
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .expect("valid");
    let log = |id: &str, at: &str| {
        let facts = carnet_core::InteractionDraft {
            kind: "call".into(),
            at: at.into(),
            ..Default::default()
        }
        .validate(now)
        .expect("valid");
        store
            .write(|w| w.insert_interaction(id, &facts, &crate::SaleDetails::default()))
            .expect("log")
            .expect("exists")
    };
    log(&a.id, "2026-11-20 10:00");
    let latest = log(&b.id, "2026-11-24 10:00");
    let order = || {
        names(
            store
                .search_customers(&Filter::default(), Order::LastContact, 0, 10)
                .expect("page"),
        )
    };
    assert_eq!(order(), ["李四", "张三", "王五"], "never contacted last");
    store
        .write(|w| w.delete_interaction(&latest))
        .expect("undo");
    assert_eq!(
        order(),
        ["张三", "王五", "李四"],
        "both never contacted now: newest first"
    );
    let (rows, _) = store
        .search_customers(&query("zs"), Order::Newest, 0, 1)
        .expect("search");
    assert_eq!(rows[0].last_contact.as_deref(), Some("2026-11-20 10:00:00"));
}

fn import_plan(
    id: &str,
    created: Vec<crate::NewCustomer>,
    fills: Vec<crate::Fill>,
) -> (crate::ImportPlan, Vec<crate::NewCustomer>) {
    let plan = crate::ImportPlan {
        record: crate::ImportRecord {
            id: id.into(),
            at: "2026-11-20 10:00:00".into(),
            file_name: "customers.csv".into(),
            format: "csv".into(),
            policy: "update".into(),
            created: created.len() as u64,
            updated: fills.len() as u64,
            skipped: 0,
            invalid: 0,
            backup: None,
            undone_at: None,
        },
        created: created.len(),
        fills,
    };
    (plan, created)
}

/// The customers of a test import, as the import takes them.
fn each(
    created: &[crate::NewCustomer],
) -> impl Iterator<Item = Result<crate::NewCustomer, StoreError>> + Send + '_ {
    created.iter().cloned().map(Ok)
}

fn fill(id: &str, profile: Profile, field: &str, value: &str) -> crate::Fill {
    crate::Fill {
        customer_id: id.into(),
        profile,
        filled: [(field.to_owned(), value.to_owned())].into_iter().collect(),
        family: Vec::new(),
        interactions: Vec::new(),
    }
}

fn new_customer(name: &str, phone: &str) -> crate::NewCustomer {
    crate::NewCustomer {
        id: uuid::Uuid::now_v7().to_string(),
        created_at: None,
        updated_at: None,
        profile: Profile::named(name, carnet_core::phone::Phone::parse(phone)),
        family: Vec::new(),
        interactions: Vec::new(),
        level_changes: Vec::new(),
        key_fact_changes: Vec::new(),
        handled_prompts: Vec::new(),
    }
}

#[test]
fn an_import_is_all_or_nothing_and_undone_as_a_whole() {
    let store = Store::open_in_memory().expect("open");
    let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("valid");
    let old = store
        .write(|w| {
            w.insert_customer(&Profile::named(
                "老客户",
                carnet_core::phone::Phone::parse("13800000000"),
            ))
        })
        .expect("insert");
    let mut filled = old.profile.clone();
    filled.occupation = Some("教师".into());
    filled.company = Some("一中".into());
    let mut two = fill(&old.id, filled, "occupation", "教师");
    two.filled.insert("company".into(), "一中".into());
    let created: Vec<_> = (0..600)
        .map(|i| new_customer(&format!("客户{i}"), &format!("139{i:08}")))
        .collect();
    let (plan, created) = import_plan("imp-1", created, vec![two]);

    // Stopped part way: nothing at all was written.
    let mut calls = 0;
    let rules = carnet_core::followup::Rules::default();
    let stopped = store.write(|w| {
        w.apply_import(&plan, &mut each(&created), at, &rules, &mut |done| {
            calls += 1;
            done < 300
        })
    });
    assert!(matches!(stopped, Err(StoreError::Cancelled)), "{stopped:?}");
    assert!(calls > 1);
    assert_eq!(store.count_customers().expect("count"), 1);
    assert!(store.imports().expect("imports").is_empty());
    assert_eq!(
        store
            .customer(&old.id)
            .expect("get")
            .expect("exists")
            .profile,
        old.profile
    );

    store
        .write(|w| w.apply_import(&plan, &mut each(&created), at, &rules, &mut |_| true))
        .expect("import");
    assert_eq!(store.count_customers().expect("count"), 601);
    assert_eq!(
        store
            .customer(&old.id)
            .expect("get")
            .expect("exists")
            .profile
            .occupation
            .as_deref(),
        Some("教师")
    );
    // Since the import, the consultant changed the company by hand: that stays.
    let mut edited = store
        .customer(&old.id)
        .expect("get")
        .expect("exists")
        .profile;
    edited.company = Some("二中".into());
    store
        .write(|w| w.update_customer(&old.id, &edited))
        .expect("edit");

    let undone = store
        .write(|w| w.undo_import("imp-1", at))
        .expect("undo")
        .expect("there");
    assert_eq!(undone.removed, 600);
    assert_eq!(undone.reverted, 1);
    assert_eq!(store.count_customers().expect("count"), 1);
    let after = store
        .customer(&old.id)
        .expect("get")
        .expect("exists")
        .profile;
    assert_eq!(after.occupation, None, "the filled field is cleared");
    assert_eq!(
        after.company.as_deref(),
        Some("二中"),
        "the later edit stays"
    );
    assert!(
        store
            .write(|w| w.undo_import("imp-1", at))
            .expect("undo")
            .is_none(),
        "once only"
    );
    assert!(store.imports().expect("imports")[0].undone_at.is_some());
}

/// The prompts an import writes for its new customers (computed from the plan, without
/// reading them back) are the ones a recomputation from the book gives.
#[test]
fn an_import_writes_the_prompts_a_recomputation_gives() {
    let store = Store::open_in_memory().expect("open");
    let rules = carnet_core::followup::Rules::default();
    let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("valid");
    let old = store
        .write(|w| w.insert_customer(&facts("老客户", Some("13800000000"))))
        .expect("insert");
    let mut created: Vec<crate::NewCustomer> = carnet_core::demo::customers(300, 7)
        .into_iter()
        .enumerate()
        .map(|(i, demo)| {
            let mut c = new_customer("x", "13900000000");
            c.profile = demo
                .profile
                .validate(day())
                .expect("a demo profile is valid");
            // Some were in another consultant's book for a while.
            c.created_at = (i % 3 == 0).then(|| {
                chrono::DateTime::parse_from_rfc3339("2026-03-01T02:00:00Z")
                    .expect("time")
                    .with_timezone(&chrono::Utc)
            });
            c
        })
        .collect();
    let level = created[1].profile.level;
    created[1].level_changes.push(crate::LevelChange {
        changed_at: "2026-11-01 09:00:00".into(),
        from: carnet_core::Level::N,
        to: level,
        reason: None,
        revisit: None,
    });
    let mut filled = old.profile.clone();
    filled.occupation = Some("教师".into());
    let (plan, created) = import_plan(
        "imp-p",
        created,
        vec![fill(&old.id, filled, "occupation", "教师")],
    );
    store
        .write(|w| w.apply_import(&plan, &mut each(&created), at, &rules, &mut |_| true))
        .expect("import");

    let prompts = |store: &Store| -> Vec<(String, String, String, String, Option<String>)> {
        let mut stmt = store
            .conn
            .prepare(
                "SELECT p.customer_id, p.key, p.due || ' ' || p.priority, p.params,
                        c.prompts_until
                 FROM prompts p JOIN customers c ON c.id = p.customer_id
                 ORDER BY p.customer_id, p.key",
            )
            .expect("prepare");
        stmt.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
    };
    let written = prompts(&store);
    let customers_with_prompts: std::collections::HashSet<_> =
        written.iter().map(|p| p.0.clone()).collect();
    assert!(
        customers_with_prompts.len() > 200,
        "{}",
        customers_with_prompts.len()
    );
    store
        .write(|w| w.refresh_all_prompts(&rules, at.date()))
        .expect("recompute");
    assert_eq!(written, prompts(&store));
}

/// Everyone's timelines read at once (for an export) come in the order each customer's own
/// timeline has: by time, then when recorded, then id, whatever order they were written in.
#[test]
fn histories_order_each_timeline_as_the_customer_read_does() {
    let store = Store::open_in_memory().expect("open");
    let ids: Vec<String> = (0..3)
        .map(|i| {
            store
                .write(|w| w.insert_customer(&facts(&format!("客户{i}"), None)))
                .expect("insert")
                .id
        })
        .collect();
    let at = |day: u32, hour: u32| {
        chrono::NaiveDate::from_ymd_opt(2026, 11, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .expect("valid")
    };
    let call = |at| carnet_core::InteractionFacts {
        kind: carnet_core::InteractionKind::Call,
        at,
        outcome: None,
        satisfaction: None,
        promise: None,
        notes: None,
        next: None,
    };
    // Written newest first and interleaved between customers, with ties on the time.
    let mut all = Vec::new();
    for (day, hour) in [(20, 9), (3, 15), (20, 9), (11, 8), (3, 15), (1, 10)] {
        for id in ids.iter().rev() {
            all.push((
                id.clone(),
                call(at(day, hour)),
                crate::SaleDetails::default(),
            ));
        }
    }
    store.write(|w| w.insert_interactions(&all)).expect("log");
    let histories = store.histories().expect("histories");
    for id in &ids {
        let own = store.interactions(id).expect("timeline");
        assert_eq!(own.len(), 6);
        assert!(own.windows(2).all(|w| w[0].facts.at <= w[1].facts.at));
        assert_eq!(histories.interactions.get(id), Some(&own), "{id}");
    }
    // Streamed in the book's order: a customer without interactions and one in the trash
    // are left out; the rest come whole, each as its own read gives it.
    let quiet = store
        .write(|w| w.insert_customer(&facts("没联系过", None)))
        .expect("insert")
        .id;
    assert!(store.write(|w| w.trash_customer(&ids[1])).expect("trash"));
    let mut streamed = Vec::new();
    store
        .each_timeline(|id, timeline| {
            streamed.push((id, timeline));
            Ok::<_, StoreError>(())
        })
        .expect("stream");
    let book: Vec<String> = store
        .customers()
        .expect("customers")
        .into_iter()
        .map(|c| c.id)
        .filter(|id| *id != quiet)
        .collect();
    assert_eq!(book.len(), 2);
    let want: Vec<(String, Vec<crate::Interaction>)> = book
        .iter()
        .map(|id| (id.clone(), store.interactions(id).expect("timeline")))
        .collect();
    assert_eq!(streamed, want);
}

#[test]
fn stored_moments_read_back_as_chrono_reads_them() {
    use chrono::{NaiveDate, NaiveDateTime};
    // What the book writes, read by the fast path; anything else by chrono, same result.
    for text in [
        "2026-11-25",
        "2024-02-29",
        "2026-02-29",
        "2026-13-01",
        "2026-1-05",
        "2026-11-2x",
        "",
    ] {
        let chrono = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
        assert_eq!(interactions::parse_date(text).ok(), chrono, "{text:?}");
    }
    for text in [
        "2026-11-25 09:30:00",
        "2026-11-25 24:00:00",
        "2026-11-25 23:59:60",
        "2026-11-25T09:30:00",
        "2026-11-25 9:30:00",
        "2026-11-25 09:30",
    ] {
        let chrono = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").ok();
        assert_eq!(interactions::parse_date_time(text).ok(), chrono, "{text:?}");
    }
    for text in [
        "2026-11-25T02:03:04.005Z",
        "2026-11-25T02:03:04.5Z",
        "2026-11-25T02:03:04Z",
        "2026-11-25T10:03:04.005+08:00",
        "2026-11-25T02:03:04.00aZ",
        "2026-02-30T02:03:04.005Z",
    ] {
        let chrono = chrono::DateTime::parse_from_rfc3339(text)
            .ok()
            .map(|t| t.with_timezone(&chrono::Utc));
        assert_eq!(parse_time(text).ok(), chrono, "{text:?}");
    }
    let now = chrono::Utc::now();
    let stored = time_text(&now);
    assert_eq!(
        parse_time(&stored).expect("read").timestamp_millis(),
        now.timestamp_millis()
    );
}

#[test]
fn a_unit_of_work_commits_once_or_not_at_all() {
    let store = Store::open_in_memory().expect("store");
    // Two writes and an error: neither is kept.
    let failed: Result<(), StoreError> = store.write(|w| {
        w.insert_customer(&facts("张三", Some("13812345678")))?;
        w.set_setting("language", "en")?;
        Err(StoreError::Cancelled)
    });
    assert!(matches!(failed, Err(StoreError::Cancelled)));
    assert_eq!(store.count_customers().expect("count"), 0);
    assert_eq!(store.setting("language").expect("setting"), None);
    assert_eq!(search_rows(&store), 0, "no index entry either");

    // A panic inside the unit of work rolls it back too, and the book takes writes after.
    let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = store.write(|w| {
            w.insert_customer(&facts("李四", None))?;
            if w.count_customers()? == 1 {
                panic!("a bug halfway through a use case");
            }
            Ok::<_, StoreError>(())
        });
    }));
    assert!(panicked.is_err());
    assert_eq!(store.count_customers().expect("count"), 0);

    // A write cannot begin inside another: the store method would commit the caller's half.
    let nested = store.write(|w| {
        w.insert_customer(&facts("王五", None))?;
        w.write(|inner| inner.set_setting("language", "en"))
    });
    assert!(matches!(nested, Err(StoreError::NestedTransaction)));
    assert_eq!(store.count_customers().expect("count"), 0);
    assert!(matches!(
        store.read(|r| r.write(|w| w.set_setting("language", "en"))),
        Err(StoreError::NestedTransaction)
    ));

    // Both writes of one unit are seen together.
    let id = store
        .write(|w| {
            let c = w.insert_customer(&facts("赵六", Some("13900001111")))?;
            w.set_setting("language", "en")?;
            Ok::<_, StoreError>(c.id)
        })
        .expect("committed");
    assert!(store.customer(&id).expect("read").is_some());
    assert_eq!(
        store.setting("language").expect("setting").as_deref(),
        Some("en")
    );
}

#[test]
fn a_backup_of_an_older_version_is_rewritten_without_the_erased_and_stays_that_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("backup-v6.db");
    {
        let old = Store::open_with(&path, &dir.path().join("b"), &MIGRATIONS[..6]).expect("old");
        old.conn
            .execute_batch(
                "INSERT INTO customers (id, name, created_at, updated_at, search_rowid, notes)
                 VALUES ('c1', '欧阳娜娜', '2026-11-01T08:00:00.000Z', '2026-11-01T08:00:00.000Z', 7,
                         '找不到我'),
                        ('c2', '李四', '2026-11-01T08:00:00.000Z', '2026-11-01T08:00:00.000Z', 8, '');
                 INSERT INTO customer_search (rowid, name, pinyin, initials, phones, other)
                 VALUES (7, '欧阳娜娜', 'ouyangnana', 'oynn', '13812345678', '找不到我'),
                        (8, '李四', 'lisi', 'ls', '', '');
                 INSERT INTO customer_grams (gram, rank, search_rowid) VALUES
                     ('欧阳', 0, 7), ('oy', 0, 7), ('李', 0, 8);
                 INSERT INTO customer_phones (customer_id, position, phone)
                 VALUES ('c1', 0, '+8613812345678');
                 PRAGMA journal_mode = DELETE;",
            )
            .expect("a version 6 book");
    }
    let erased =
        crate::erase_from_backup(&path, &["c1".into(), "nobody".into()]).expect("rewritten");
    assert_eq!(erased, 1);
    let conn = Connection::open(&path).expect("open");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version, 6, "not migrated");
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    assert_eq!(count("SELECT count(*) FROM customers"), 1);
    assert_eq!(count("SELECT count(*) FROM customer_phones"), 0);
    assert_eq!(
        count("SELECT count(*) FROM customer_grams WHERE search_rowid = 7"),
        0
    );
    assert_eq!(count("SELECT count(*) FROM customer_search"), 1);
    drop(conn);
    let bytes = std::fs::read(&path).expect("read");
    for text in ["找不到我", "欧阳娜娜", "13812345678", "ouyangnana"] {
        assert!(
            !bytes.windows(text.len()).any(|w| w == text.as_bytes()),
            "{text} left in the file"
        );
    }
}

#[test]
fn a_version_10_book_keeps_its_timeframes_as_targets_and_finds_its_phones_by_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("carnet.db");
    {
        let old = Store::open_with(&path, &dir.path().join("backups"), &MIGRATIONS[..10])
            .expect("old book");
        old.conn
            .execute_batch(
                "INSERT INTO customers (id, name, created_at, updated_at, timeframe, phone)
                 VALUES ('c1', '张三', '2026-11-01T08:00:00.000Z', '2026-11-01T08:00:00.000Z',
                         'within_30_days', '+8613812345678'),
                        ('c2', '李四', '2026-10-01T08:00:00.000Z', '2026-10-01T08:00:00.000Z',
                         'later', NULL),
                        ('c3', '王五', '2026-09-01T08:00:00.000Z', '2026-09-01T08:00:00.000Z',
                         'within_7_days', NULL);
                 INSERT INTO customer_phones (customer_id, position, phone)
                 VALUES ('c1', 0, '+8613812345678');
                 INSERT INTO key_fact_changes (customer_id, fact, old_value, new_value, changed_at)
                 VALUES ('c3', 'timeframe', '', 'within_7_days', '2026-11-20T02:00:00.000Z');",
            )
            .expect("a version 10 book");
    }
    let store = Store::open(&path).expect("upgrade");
    let timeframe = |id: &str| {
        store
            .customer(id)
            .expect("read")
            .expect("there")
            .profile
            .timeframe
    };
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).map(carnet_core::Timeframe::By);
    assert_eq!(
        timeframe("c1"),
        day(2026, 12, 1),
        "30 days from when it was added"
    );
    assert_eq!(
        timeframe("c2"),
        Some(carnet_core::Timeframe::Words("以后".into()))
    );
    assert_eq!(
        timeframe("c3"),
        day(2026, 11, 27),
        "7 days from when it was set"
    );
    // Found by the phone's key, typed however.
    let dupes = store
        .possible_duplicates(&facts("张三丰", Some("138 1234 5678")), None)
        .expect("dupes");
    assert_eq!(dupes.len(), 1);
}

#[test]
fn words_and_numbers_as_typed_round_trip_through_the_book() {
    let store = Store::open_in_memory().expect("store");
    let mut d = carnet_core::ProfileDraft {
        name: "Kevin Wang".into(),
        ..Default::default()
    };
    for (field, value) in [
        ("phones", "905-555-1234, 021-62345678-8001"),
        ("emails", "kevin@example.com, k.wang@example.org"),
        ("budget", "面议"),
        ("timeframe", "看政策"),
        ("decision_maker", "岳父说了算"),
    ] {
        d.set(field, value).expect("set");
    }
    let profile = d.validate(day()).expect("valid");
    let c = store
        .write(|w| w.insert_customer(&profile))
        .expect("insert");
    assert_eq!(c.profile, profile);
    let member = carnet_core::FamilyDraft {
        relation: "干爹".into(),
        ..Default::default()
    }
    .validate()
    .expect("valid");
    store
        .write(|w| w.insert_family_member(&c.id, &member))
        .expect("family")
        .expect("customer");
    assert_eq!(store.family(&c.id).expect("family")[0].facts, member);
    // The number kept as typed is found by its digits, spaced another way.
    let other = facts("王", Some("905 555 1234"));
    assert_eq!(
        store
            .possible_duplicates(&other, None)
            .expect("dupes")
            .len(),
        1
    );
    assert_eq!(
        names(
            store
                .search_customers(&query("5551234"), Order::Newest, 0, 10)
                .expect("search")
        ),
        ["Kevin Wang"]
    );
}

#[test]
fn an_import_whose_customers_fail_or_fall_short_writes_nothing() {
    let store = Store::open_in_memory().expect("open");
    let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("valid");
    let rules = carnet_core::followup::Rules::default();
    let created: Vec<_> = (0..3000)
        .map(|i| new_customer(&format!("客户{i}"), &format!("139{i:08}")))
        .collect();
    let (plan, created) = import_plan("imp-x", created, Vec::new());
    // The customer made 2,000th fails (the file changed since its dry run, say).
    let mut failing = created.iter().cloned().enumerate().map(|(i, c)| {
        if i == 2000 {
            Err(StoreError::Cancelled)
        } else {
            Ok(c)
        }
    });
    let failed = store.write(|w| w.apply_import(&plan, &mut failing, at, &rules, &mut |_| true));
    assert!(matches!(failed, Err(StoreError::Cancelled)), "{failed:?}");
    // Fewer customers come than the plan counted.
    let short = store.write(|w| {
        w.apply_import(&plan, &mut each(&created[..2999]), at, &rules, &mut |_| {
            true
        })
    });
    assert!(matches!(short, Err(StoreError::Corrupt(_))), "{short:?}");
    assert_eq!(store.count_customers().expect("count"), 0);
    assert!(store.imports().expect("imports").is_empty());
    store
        .write(|w| w.apply_import(&plan, &mut each(&created), at, &rules, &mut |_| true))
        .expect("import");
    assert_eq!(store.count_customers().expect("count"), 3000);
}
