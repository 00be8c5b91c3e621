//! Opening a book: creating, migrating, refusing what is not a book.

use carnet_core::phone::Phone;
use rusqlite::Connection;

use crate::test_support::*;
use crate::*;

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

/// A team book whose build stopped before its end has its scattered indexes set aside; the
/// next Carnet's migration may change one of them: they are made again first, in the same
/// transaction, and the migration runs.
#[test]
fn indexes_a_stopped_team_build_set_aside_are_made_again_before_a_migration() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("team.db");
    let backup_dir = dir.path().join("backups");
    let indexes = |store: &Store| -> Vec<String> {
        let mut stmt = store
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
            .expect("prepare");
        stmt.query_map([], |r| r.get(0))
            .expect("indexes")
            .collect::<Result<_, _>>()
            .expect("names")
    };
    let before = {
        let store = Store::open_with(&path, &backup_dir, MIGRATIONS).expect("book");
        let before = indexes(&store);
        let aside = store
            .write(|w| w.set_aside_team_indexes())
            .expect("set aside");
        assert!(aside > 0);
        assert!(indexes(&store).len() < before.len());
        assert!(!indexes(&store).iter().any(|i| i == "interactions_sales"));
        before
    };
    // A later Carnet whose migration makes one of them anew.
    let mut later = MIGRATIONS.to_vec();
    later.push(Migration {
        version: migrations::latest_version(MIGRATIONS) + 1,
        name: "9999_sales_again",
        sql: "DROP INDEX interactions_sales;
              CREATE INDEX interactions_sales ON interactions (kind, at, customer_id);",
    });
    let store = Store::open_with(&path, &backup_dir, &later).expect("migrated");
    assert_eq!(indexes(&store), before);
    assert_eq!(
        store.setting("team_indexes_set_aside").expect("setting"),
        None
    );
}

/// A new team book gets bigger pages before anything is in it; a book with customers keeps
/// its own. Backups copy pages as they are, so a backup restores only into a book of its
/// page size: the team book's own backup restores, a consultant's is refused, and the team
/// book is left as it was (nothing half-copied).
#[test]
fn a_new_team_book_gets_bigger_pages_and_a_backup_of_other_pages_is_refused_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page_size = |store: &Store| -> i64 {
        store
            .conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .expect("page size")
    };
    let journal = |store: &Store| -> String {
        store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("journal mode")
    };
    let names = |store: &Store| -> Vec<String> {
        store
            .customers()
            .expect("list")
            .into_iter()
            .map(|c| c.profile.name)
            .collect()
    };

    let own = Store::open(dir.path().join("carnet.db")).expect("own book");
    own.write(|w| w.insert_customer(&facts("王五", None)))
        .expect("insert");
    assert!(
        !own.use_team_pages().expect("own book"),
        "it holds customers"
    );
    assert_eq!(page_size(&own), 4096);
    let own_backup = dir.path().join("own-backup.db");
    own.backup_to(&own_backup).expect("backup");

    let mut team = Store::open(dir.path().join("team.db")).expect("team book");
    assert!(team.use_team_pages().expect("new book"));
    assert_eq!(page_size(&team), crate::ops::team::TEAM_PAGE_SIZE);
    assert_eq!(journal(&team), "wal");
    assert!(!team.use_team_pages().expect("again"), "already");
    team.write(|w| w.insert_customer(&facts("李四", None)))
        .expect("insert");
    let team_backup = dir.path().join("team-backup.db");
    team.backup_to(&team_backup).expect("team backup");
    team.write(|w| w.insert_customer(&facts("赵六", None)))
        .expect("insert");

    let refused = team.restore_from(&own_backup).expect_err("another kind");
    assert!(
        matches!(refused, StoreError::BackupOtherKind { .. }),
        "{refused:?}"
    );
    let mut kept = names(&team);
    kept.sort();
    assert_eq!(kept, ["李四", "赵六"]);
    drop(team);
    let mut team = Store::open(dir.path().join("team.db")).expect("opened again");
    let mut kept = names(&team);
    kept.sort();
    assert_eq!(kept, ["李四", "赵六"]);
    assert_eq!(page_size(&team), crate::ops::team::TEAM_PAGE_SIZE);

    team.restore_from(&team_backup).expect("its own backup");
    assert_eq!(names(&team), ["李四"]);

    // A team book made before its pages grew has the own book's page size: its backup is
    // still refused by a consultant's own book, which stays as it was.
    let old_team = Store::open(dir.path().join("old-team.db")).expect("old team book");
    old_team
        .write(|w| w.set_setting(crate::TEAM_BOOK_SETTING, "1"))
        .expect("team");
    assert_eq!(page_size(&old_team), 4096);
    let old_team_backup = dir.path().join("old-team-backup.db");
    old_team.backup_to(&old_team_backup).expect("backup");
    let mut own = own;
    let refused = own
        .restore_from(&old_team_backup)
        .expect_err("another kind");
    assert!(
        matches!(refused, StoreError::BackupOtherKind { .. }),
        "{refused:?}"
    );
    assert_eq!(names(&own), ["王五"]);
}

/// A new team book another connection holds open (reading) keeps its pages and its WAL
/// mode: it is built with them, nothing refused.
#[test]
fn a_new_team_book_held_open_elsewhere_keeps_its_pages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("team.db");
    let team = Store::open(&path).expect("team book");
    let other = Store::open(&path).expect("another connection");
    let held = other.read(|store| {
        store.count_customers()?;
        // While this read is open, the book cannot leave WAL mode.
        team.use_team_pages()
    });
    assert!(!held.expect("left as it is"));
    let (mode, size): (String, i64) = team
        .conn
        .query_row(
            "SELECT journal_mode, page_size FROM pragma_journal_mode(), pragma_page_size()",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("pragmas");
    assert_eq!((mode.as_str(), size), ("wal", 4096));
    team.write(|w| w.insert_customer(&facts("李四", None)))
        .expect("written as before");
}
