use std::path::Path;

use carnet_core::CustomerDraft;
use rusqlite::Connection;

use super::*;
use crate::Order;

fn facts(name: &str, phone: Option<&str>) -> carnet_core::CustomerFacts {
    CustomerDraft {
        name: name.into(),
        phone: phone.map(Into::into),
    }
    .validate()
    .expect("valid draft")
}

fn query(text: &str) -> carnet_core::Query {
    carnet_core::Query::parse(text).expect("a query")
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
    assert_eq!(customers[0].name, "张三");
    let found = store.search_customers(&query("zs"), 10).expect("search");
    assert_eq!(found.len(), 1, "the upgrade indexed the existing customer");

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
        .insert_customer(&facts("张三", Some("13812345678")))
        .expect("insert a");
    let b = store
        .insert_customer(&facts("李四", None))
        .expect("insert b");
    assert_ne!(a.id, b.id);
    assert!(uuid::Uuid::parse_str(&a.id).is_ok(), "ids are UUIDs");
    assert_eq!(a.phone.as_ref().map(|p| p.e164()), Some("+8613812345678"));

    let listed: Vec<_> = store
        .customers()
        .expect("list")
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(listed, ["李四", "张三"], "newest first");

    let updated = store
        .update_customer(&a.id, &facts("张三丰", Some("13900001111")))
        .expect("update")
        .expect("exists");
    assert_eq!(updated.name, "张三丰");
    assert_eq!(updated.created_at, a.created_at);
    assert!(updated.updated_at >= a.updated_at);
    assert_eq!(store.customer(&a.id).expect("get"), Some(updated));

    assert_eq!(
        store
            .update_customer("missing", &facts("x", None))
            .expect("update"),
        None
    );
    assert!(store.delete_customer(&b.id).expect("delete"));
    assert!(!store.delete_customer(&b.id).expect("delete again"));
    assert_eq!(store.customer(&b.id).expect("get"), None);
}

#[test]
fn settings_are_kept_and_overwritten() {
    let store = Store::open_in_memory().expect("open");
    assert_eq!(store.setting("language").expect("get"), None);
    store.set_setting("language", "en").expect("set");
    store.set_setting("language", "zh-Hans").expect("overwrite");
    assert_eq!(
        store.setting("language").expect("get").as_deref(),
        Some("zh-Hans")
    );
}

#[test]
fn a_backup_is_a_complete_readable_copy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("carnet.db")).expect("open");
    store.insert_customer(&facts("王五", None)).expect("insert");
    let dest = dir.path().join("usb").join("copy.db");
    store.backup_to(&dest).expect("backup");
    let copy = Store::open(&dest).expect("open copy");
    assert_eq!(copy.customers().expect("list")[0].name, "王五");
    assert!(!dest.with_extension("partial").exists());
}

fn names(found: Vec<carnet_core::Customer>) -> Vec<String> {
    found.into_iter().map(|c| c.name).collect()
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
        store.insert_customer(&facts(name, phone)).expect("insert");
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
        let got = names(store.search_customers(&query(q), 50).expect("search"));
        assert_eq!(
            got,
            want.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            "query {q:?}"
        );
    }
    assert_eq!(
        store
            .search_customers(&query("zs"), 1)
            .expect("search")
            .len(),
        1,
        "limit"
    );
}

#[test]
fn the_index_follows_updates_and_deletes() {
    let store = Store::open_in_memory().expect("open");
    let c = store
        .insert_customer(&facts("张三", Some("13812345678")))
        .expect("insert");
    store
        .update_customer(&c.id, &facts("李四", Some("13900001111")))
        .expect("update");
    assert!(
        store
            .search_customers(&query("zs"), 10)
            .expect("search")
            .is_empty()
    );
    assert!(
        store
            .search_customers(&query("5678"), 10)
            .expect("search")
            .is_empty()
    );
    assert_eq!(
        names(store.search_customers(&query("1111"), 10).expect("search")),
        ["李四"]
    );
    store.delete_customer(&c.id).expect("delete");
    assert!(
        store
            .search_customers(&query("ls"), 10)
            .expect("search")
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
    store.insert_customer(&facts("张三", None)).expect("insert");
    store
        .conn
        .execute("DELETE FROM customer_search", [])
        .expect("wipe");
    store
        .set_setting("search_keys_version", "0")
        .expect("older recipe");
    store.ensure_search_index().expect("rebuild");
    assert_eq!(
        names(store.search_customers(&query("zs"), 10).expect("search")),
        ["张三"]
    );
}

#[test]
fn bulk_insert_counts_pages_and_indexes() {
    let store = Store::open_in_memory().expect("open");
    let all: Vec<_> = (0..30).map(|i| facts(&format!("客户{i}"), None)).collect();
    assert_eq!(store.insert_customers(&all).expect("bulk"), 30);
    assert_eq!(store.count_customers().expect("count"), 30);
    let page = names(store.customers_page(Order::Newest, 3).expect("page"));
    assert_eq!(
        page,
        ["客户29", "客户28", "客户27"],
        "newest first, by id within the same time"
    );
    assert_eq!(
        names(
            store
                .search_customers(&query("客户17"), 10)
                .expect("search")
        ),
        ["客户17"]
    );
}

#[test]
fn the_index_still_points_at_the_right_customers_after_vacuum() {
    let store = Store::open_in_memory().expect("open");
    let first = store.insert_customer(&facts("张三", None)).expect("insert");
    store.insert_customer(&facts("李四", None)).expect("insert");
    let third = store.insert_customer(&facts("王五", None)).expect("insert");
    store.delete_customer(&first.id).expect("delete");
    store.conn.execute_batch("VACUUM").expect("vacuum");
    assert_eq!(
        names(store.search_customers(&query("ww"), 10).expect("search")),
        ["王五"]
    );
    store
        .update_customer(&third.id, &facts("赵六", None))
        .expect("update");
    assert_eq!(
        names(store.search_customers(&query("zl"), 10).expect("search")),
        ["赵六"]
    );
    assert_eq!(
        names(store.search_customers(&query("ls"), 10).expect("search")),
        ["李四"]
    );
}

#[test]
fn possible_duplicates_follow_the_rule_and_skip_the_customer_being_edited() {
    let store = Store::open_in_memory().expect("open");
    let zhang = store
        .insert_customer(&facts("张三", Some("13812345678")))
        .expect("insert");
    store
        .insert_customer(&facts("张三", Some("13900001111")))
        .expect("insert");
    let dupes = |name: &str, phone: Option<&str>, except: Option<&str>| {
        names(
            store
                .possible_duplicates(&facts(name, phone), except)
                .expect("query"),
        )
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
        store.insert_customer(&facts(name, None)).expect("insert");
    }
    let page = names(store.customers_page(Order::Pinyin, 10).expect("page"));
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
        names(store.customers_page(Order::Pinyin, 2).expect("page")),
        ["Amy", "李四"]
    );
}
