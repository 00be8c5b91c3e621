//! Imports: written whole or not at all, undone as a whole.

use carnet_core::Profile;

use crate::test_support::*;
use crate::*;

/// Every index of the book with the statement that makes it, by name.
fn book_indexes(store: &Store) -> Vec<(String, String)> {
    let mut s = store
        .conn
        .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' \
             AND sql IS NOT NULL ORDER BY name",
        )
        .expect("prepare");
    s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<Vec<_>, _>>()
        .expect("indexes")
}

/// An empty book, the morning of 2026-11-20, and the default rules.
fn empty_book() -> (Store, chrono::NaiveDateTime, carnet_core::followup::Rules) {
    let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("valid");
    let store = Store::open_in_memory().expect("open");
    (store, at, carnet_core::followup::Rules::default())
}

/// `n` new customers named `name` and a number, with phones `phone` and eight digits.
fn numbered(name: &str, phone: &str, n: usize) -> Vec<NewCustomer> {
    (0..n)
        .map(|i| new_customer(&format!("{name}{i}"), &format!("{phone}{i:08}")))
        .collect()
}

/// `created`, the one at `failing` failing to come (the file changed since its dry run, say).
fn failing_at(
    created: &[NewCustomer],
    failing: usize,
) -> impl Iterator<Item = Result<NewCustomer, StoreError>> + Send + '_ {
    created.iter().cloned().enumerate().map(move |(i, c)| {
        if i == failing {
            Err(StoreError::Cancelled)
        } else {
            Ok(c)
        }
    })
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
    created[1]
        .level_changes
        .push(carnet_core::history::LevelChange {
            changed_at: "2026-11-01 09:00:00".into(),
            from: carnet_core::Level::N,
            to: level,
            reason: None,
            revisit: None,
            lost_reason: None,
            competitor: None,
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

#[test]
fn an_import_whose_customers_fail_or_fall_short_writes_nothing() {
    let (store, at, rules) = empty_book();
    let (plan, created) = import_plan("imp-x", numbered("客户", "139", 3000), Vec::new());
    // The customer made 2,000th fails.
    let mut failing = failing_at(&created, 2000);
    // A big import into a smaller book sets the indexes aside while it writes: whatever
    // happens, the book ends with every index it had, as it was.
    let before = book_indexes(&store);
    assert!(before.iter().any(|(n, _)| n == "customers_live_pinyin"));
    let failed = store.write(|w| w.apply_import(&plan, &mut failing, at, &rules, &mut |_| true));
    assert!(matches!(failed, Err(StoreError::Cancelled)), "{failed:?}");
    assert_eq!(
        book_indexes(&store),
        before,
        "a failed import leaves every index"
    );
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
    assert_eq!(
        book_indexes(&store),
        before,
        "an import builds every index again"
    );
    let checked: String = store
        .conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(checked, "ok");
    // The rebuilt indexes answer: a search by name and the newest first.
    assert_eq!(
        names(
            store
                .search_customers(&query("客户2999"), Order::Newest, 0, 10)
                .expect("search")
        ),
        ["客户2999"]
    );
}

/// Runs `f` on a thread of its own and fails when it has not finished within a minute: an
/// import whose threads wait on each other would otherwise hang the test run, not fail it.
fn within_a_minute(what: &str, f: impl FnOnce() + Send + 'static) {
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        f();
        let _ = done.send(());
    });
    match finished.recv_timeout(std::time::Duration::from_secs(60)) {
        Ok(()) => {}
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("{what}: still running after a minute (its threads wait on each other?)")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: panicked"),
    }
}

#[test]
fn an_import_ends_on_every_path_however_its_chunks_fall() {
    // (customers, the one that fails to come, the progress step that cancels): chunks of
    // 256 here, so 512 ends on a whole chunk and 700 on a short one.
    let cases: [(usize, Option<usize>, Option<usize>); 6] = [
        (0, None, None),
        (512, None, None),
        (700, None, None),
        (1000, Some(600), None),
        (1000, Some(0), None),
        (1000, None, Some(512)),
    ];
    for (n, failing, cancel_at) in cases {
        within_a_minute(
            &format!("{n} customers, failing {failing:?}, cancelled at {cancel_at:?}"),
            move || {
                let (store, at, rules) = empty_book();
                let (plan, created) = import_plan("imp-w", numbered("客户", "139", n), Vec::new());
                let written = match failing {
                    Some(i) => {
                        let mut failing = failing_at(&created, i);
                        store.write(|w| {
                            w.apply_import(&plan, &mut failing, at, &rules, &mut |_| true)
                        })
                    }
                    None => store.write(|w| {
                        w.apply_import(&plan, &mut each(&created), at, &rules, &mut |done| {
                            cancel_at.is_none_or(|c| done < c)
                        })
                    }),
                };
                let whole = failing.is_none() && cancel_at.is_none();
                assert_eq!(written.is_ok(), whole, "{n}: {written:?}");
                let count = store.count_customers().expect("count");
                assert_eq!(count as usize, if whole { n } else { 0 }, "{n}");
            },
        );
    }
}

#[test]
fn chunks_start_small_and_end_on_a_progress_step() {
    for n in [0, 1, 255, 256, 300, 5_000, 60_000, 100_000, 250_000] {
        let lengths: Vec<usize> = super::chunk_lengths(n).take(4).collect();
        assert!(lengths.iter().all(|l| l % 256 == 0 && *l > 0), "{n}");
        if n > 10_000 {
            assert!(lengths[0] < lengths[1], "{n}: a small first chunk");
        }
        assert!(lengths[1..].iter().all(|l| *l == lengths[1]), "{n}");
    }
}

#[test]
fn an_import_sets_aside_the_indexes_its_size_calls_for() {
    use super::SetAside::{All, None, Scattered};
    // (customers created, customers in the book before, what is set aside)
    let cases = [
        (0, 0, None),
        (1_999, 0, None),
        (2_000, 0, All),
        (2_000, 2_000, All),
        (2_000, 2_001, Scattered),
        (2_000, 8_000, Scattered),
        (2_000, 8_001, None),
        (100_000, 100_000, All),
        (100_000, 100_001, Scattered),
        (100_000, 400_000, Scattered),
        (100_000, 400_001, None),
        (1_000, 500, None),
    ];
    for (created, before, expected) in cases {
        assert_eq!(
            super::SetAside::of(created, before),
            expected,
            "{created} into {before}"
        );
    }
}

#[test]
fn the_indexes_named_for_imports_are_the_books_own() {
    // A renamed or moved index would silently stop being set aside: each name must be an
    // index of a table whose indexes an import may set aside, and not a unique one.
    let store = Store::open_in_memory().expect("open");
    for name in super::SCATTERED_INDEXES
        .into_iter()
        .chain(super::NEARLY_EMPTY_INDEXES)
    {
        let (table, sql): (String, String) = store
            .conn
            .query_row(
                "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'index' AND name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            super::INDEXES_REBUILT_FOR.contains(&table.as_str()),
            "{name} on {table}"
        );
        assert!(!sql.starts_with("CREATE UNIQUE"), "{name}");
    }
}

#[test]
fn an_import_into_a_book_its_size_builds_the_scattered_indexes_again() {
    let (store, at, rules) = empty_book();
    let (plan, first) = import_plan("imp-a", numbered("老客户", "138", 3000), Vec::new());
    store
        .write(|w| w.apply_import(&plan, &mut each(&first), at, &rules, &mut |_| true))
        .expect("first import");
    let before = book_indexes(&store);
    // 2,500 into 3,000: the scattered indexes are set aside, and a failure leaves them.
    let (plan, second) = import_plan("imp-b", numbered("新客户", "139", 2500), Vec::new());
    let mut failing = failing_at(&second, 2400);
    let failed = store.write(|w| w.apply_import(&plan, &mut failing, at, &rules, &mut |_| true));
    assert!(matches!(failed, Err(StoreError::Cancelled)), "{failed:?}");
    assert_eq!(
        book_indexes(&store),
        before,
        "a failed import leaves every index"
    );
    assert_eq!(store.count_customers().expect("count"), 3000);
    store
        .write(|w| w.apply_import(&plan, &mut each(&second), at, &rules, &mut |_| true))
        .expect("second import");
    assert_eq!(store.count_customers().expect("count"), 5500);
    assert_eq!(book_indexes(&store), before, "the import builds them again");
    let checked: String = store
        .conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(checked, "ok");
    // Each rebuilt index holds every customer: by pinyin, by level, by phone.
    for (index, table) in [
        ("customers_live_pinyin", "customers"),
        ("customers_live_level", "customers"),
        ("customer_phones_key", "customer_phones"),
    ] {
        let n: i64 = store
            .conn
            .query_row(
                &format!(
                    "SELECT count(*) FROM {table} INDEXED BY {index} WHERE {}",
                    if table == "customers" {
                        "deleted_at IS NULL"
                    } else {
                        "key IS NOT NULL"
                    }
                ),
                [],
                |r| r.get(0),
            )
            .expect(index);
        assert_eq!(n, 5500, "{index}");
    }
    assert_eq!(
        names(
            store
                .search_customers(&query("新客户2499"), Order::Newest, 0, 10)
                .expect("search")
        ),
        ["新客户2499"]
    );
    let by_phone = store
        .possible_duplicates(
            &new_customer("新客户7", "13900000007").profile,
            Option::None,
        )
        .expect("duplicates");
    assert_eq!(by_phone.len(), 1);
}

/// Whether the book's foreign keys are checked.
fn keys_checked(store: &Store) -> bool {
    store
        .conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .expect("foreign keys")
}

/// Whether the foreign keys are checked inside a unit of work.
fn keys_checked_inside(w: &Write<'_>) -> bool {
    w.conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .expect("foreign keys")
}

/// What `PRAGMA foreign_key_check` finds (nothing in a whole book): the tables of the rows
/// whose keys point nowhere.
fn dangling(store: &Store) -> Vec<String> {
    let mut s = store
        .conn
        .prepare("PRAGMA foreign_key_check")
        .expect("prepare");
    s.query_map([], |r| r.get::<_, String>(0))
        .expect("check")
        .collect::<Result<Vec<_>, _>>()
        .expect("rows")
}

/// A new book in a folder of its own (with its backups folder beside it).
fn book_on_disk() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("carnet.db");
    let store = Store::open(&book).expect("open");
    (dir, book, store)
}

#[test]
fn an_import_that_only_creates_customers_is_whole_or_nothing_and_its_keys_checked_after() {
    let (_, at, rules) = empty_book();
    let (_dir, _book, store) = book_on_disk();
    store
        .write(|w| w.insert_customer(&facts("老客户", Some("13800000000"))))
        .expect("one customer");
    assert!(keys_checked(&store));
    // A failure halfway leaves the book as it was, and its keys checked again.
    let (plan, created) = import_plan("imp-a", numbered("客户", "139", 1200), Vec::new());
    let mut failing = failing_at(&created, 900);
    let failed = store.write_import(Some("before-import"), true, |w, _| {
        assert!(!keys_checked_inside(w), "checked by construction");
        w.apply_import(&plan, &mut failing, at, &rules, &mut |_| true)
    });
    assert!(matches!(failed, Err(StoreError::Cancelled)), "{failed:?}");
    assert_eq!(store.count_customers().expect("count"), 1);
    assert!(store.imports().expect("imports").is_empty());
    assert!(keys_checked(&store));
    // The import: every row it wrote refers to a row there; its backup is the book before.
    let ((), backup) = store
        .write_import(Some("before-import"), true, |w, _| {
            w.apply_import(&plan, &mut each(&created), at, &rules, &mut |_| true)
        })
        .expect("import");
    assert_eq!(store.count_customers().expect("count"), 1201);
    assert!(keys_checked(&store));
    assert!(dangling(&store).is_empty(), "{:?}", dangling(&store));
    let before = Store::open(backup.expect("a backup")).expect("open the backup");
    assert_eq!(before.count_customers().expect("count"), 1);
}

#[test]
fn a_fill_for_a_customer_erased_since_the_dry_run_is_refused_with_nothing_written() {
    let (_, at, rules) = empty_book();
    let (_dir, book, store) = book_on_disk();
    let old = store
        .write(|w| w.insert_customer(&facts("老客户", Some("13800000000"))))
        .expect("one customer");
    let mut filled = old.profile.clone();
    filled.occupation = Some("教师".into());
    let mut f = fill(&old.id, filled, "occupation", "教师");
    f.interactions = vec![quote_interaction("i-x", at)];
    f.quotes = vec![saved_quote("i-x", &old.id)];
    // The dry run read the customer; then the app, beside, erased them.
    let beside = Store::open(&book).expect("open beside");
    beside.write(|w| w.delete_customer(&old.id)).expect("erase");
    drop(beside);
    let (plan, created) = import_plan("imp-f", numbered("客户", "139", 3), vec![f]);
    let refused = store.write_import(None, plan.fills.is_empty(), |w, _| {
        assert!(
            keys_checked_inside(w),
            "an import that fills keeps the check"
        );
        w.apply_import(&plan, &mut each(&created), at, &rules, &mut |_| true)
    });
    assert!(refused.is_err(), "refused by the foreign keys");
    assert!(dangling(&store).is_empty(), "{:?}", dangling(&store));
    assert_eq!(store.count_customers().expect("count"), 0);
    assert!(store.imports().expect("imports").is_empty());
}

#[test]
fn the_interactions_of_new_customers_are_added_once_each_to_the_customer_they_came_with() {
    let (store, at, rules) = empty_book();
    let quote = |id: &str| quote_interaction(id, at);
    // The book holds an interaction "i-1" of a customer of its own.
    let (plan, mut held) = import_plan(
        "imp-held",
        vec![new_customer("老客户", "13800000000")],
        Vec::new(),
    );
    held[0].interactions = vec![quote("i-1")];
    store
        .write(|w| w.apply_import(&plan, &mut each(&held), at, &rules, &mut |_| true))
        .expect("the book's own");
    // A file whose two customers bring "i-1" again, "i-2" twice (A, then A again, then B) and
    // "i-3" (B), each with its quote sheet.
    let mut a = new_customer("甲", "13900000001");
    a.interactions = vec![quote("i-1"), quote("i-2"), quote("i-2")];
    a.quotes = vec![saved_quote("i-2", &a.id), saved_quote("i-1", &a.id)];
    let mut b = new_customer("乙", "13900000002");
    b.interactions = vec![quote("i-2"), quote("i-3")];
    b.quotes = vec![saved_quote("i-2", &b.id), saved_quote("i-3", &b.id)];
    let (plan, created) = import_plan("imp-file", vec![a.clone(), b.clone()], Vec::new());
    store
        .write(|w| w.apply_import(&plan, &mut each(&created), at, &rules, &mut |_| true))
        .expect("import");
    let owner = |id: &str| -> String {
        store
            .conn
            .query_row(
                "SELECT customer_id FROM interactions WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .expect("owner")
    };
    assert_eq!(owner("i-1"), held[0].id, "the book's own stays");
    assert_eq!(owner("i-2"), a.id, "the first to bring it");
    assert_eq!(owner("i-3"), b.id);
    let count = |table: &str, customer: &str| rows_for(&store, table, "customer_id", customer);
    assert_eq!(count("interactions", &a.id), 1);
    assert_eq!(count("interactions", &b.id), 1);
    // A quote sheet is kept only with the interaction its customer added.
    let quoted = |customer: &str| -> Vec<String> {
        let mut s = store
            .conn
            .prepare("SELECT interaction_id FROM quotes WHERE customer_id = ?1 ORDER BY 1")
            .expect("prepare");
        s.query_map([customer], |r| r.get(0))
            .expect("query")
            .collect::<Result<Vec<_>, _>>()
            .expect("quotes")
    };
    assert_eq!(quoted(&a.id), vec!["i-2".to_owned()]);
    assert_eq!(quoted(&b.id), vec!["i-3".to_owned()]);
    assert!(dangling(&store).is_empty());
}
