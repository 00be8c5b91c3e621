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

thread_local! {
    /// Whether an import on this thread works out its new customers' prompts, standings and
    /// last contacts again from what it wrote (see `recompute_worked`).
    static RECOMPUTE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether what was worked out for a new customer is worked out again from what was written.
pub(super) fn recompute_worked() -> bool {
    RECOMPUTE.with(std::cell::Cell::get)
}

/// `n` new customers with histories of every kind, made from `seed`: timelines of every kind
/// of interaction (with and without outcomes, satisfaction, next steps and appointments,
/// prices, spend, complaints resolved or not, two at the same moment), family with
/// birthdays, level changes (lost ones with a day to try again), prompts handled by key and
/// prompt logs (open and closed, a key logged twice), over the year before 2026-11-20.
fn with_histories(n: usize, seed: u64) -> Vec<NewCustomer> {
    use carnet_core::history::{
        FamilyMember, HandledPrompt, Interaction, LevelChange, PromptAction, PromptOutcome,
        SaleDetails,
    };
    use carnet_core::{
        AppointmentKind, Birthday, Calendar, DueAt, FamilyFacts, InteractionFacts, InteractionKind,
        Level, LostReason, Outcome, Pick, PromptKind, Relation,
    };
    use chrono::{Days, NaiveDate, TimeZone, Utc};
    let mut x = seed;
    let mut next = move |m: usize| -> usize {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(x >> 33).expect("fits") % m
    };
    let start = NaiveDate::from_ymd_opt(2025, 11, 20).expect("valid");
    let day = |d: usize| start + Days::new(d as u64);
    let utc = |t: chrono::NaiveDateTime| Utc.from_utc_datetime(&t);
    (0..n)
        .map(|i| {
            let mut c = if next(2) == 0 {
                new_customer(&format!("客户{i}"), &format!("139{i:08}"))
            } else {
                let mut c = new_customer(&format!("客户{i}"), &format!("139{i:08}"));
                c.profile = full_profile(&format!("客户{i}"), &format!("138{i:08}"));
                c
            };
            let born = day(next(200)).and_hms_opt(9, 0, 0).expect("valid");
            c.created_at = Some(utc(born));
            c.profile.level = Level::ALL[next(Level::ALL.len())];
            if next(3) == 0 {
                c.profile.birthday = Some(Birthday {
                    calendar: if next(2) == 0 {
                        Calendar::Solar
                    } else {
                        Calendar::Lunar
                    },
                    year: Some(1970 + next(30) as i32),
                    month: 1 + next(12) as u8,
                    day: 1 + next(28) as u8,
                });
            }
            let mut at = born;
            for k in 0..next(12) {
                // Two at the same moment, now and then.
                if k == 0 || next(6) != 0 {
                    at += chrono::Duration::hours(1 + next(24 * 20) as i64);
                }
                let kind = InteractionKind::ALL[next(InteractionKind::ALL.len())];
                let next_step = (next(3) == 0).then(|| DueAt {
                    date: at.date() + Days::new(1 + next(20) as u64),
                    time: None,
                });
                let id = format!("{i}-{k}");
                c.interactions.push(Interaction {
                    id: id.clone(),
                    facts: InteractionFacts {
                        kind,
                        at,
                        outcome: [
                            None,
                            Some(Outcome::Reached),
                            Some(Outcome::NotReached),
                            Some(Outcome::Declined),
                        ][next(4)],
                        satisfaction: (next(2) == 0).then(|| 1 + next(5) as u8),
                        promise: None,
                        notes: None,
                        next: next_step,
                        appointment: next_step.and(
                            [
                                None,
                                Some(AppointmentKind::Visit),
                                Some(AppointmentKind::TestDrive),
                            ][next(3)],
                        ),
                        spend: (kind == InteractionKind::Service).then(|| 100 * next(50) as i64),
                    },
                    sale: SaleDetails {
                        price: matches!(kind, InteractionKind::Order | InteractionKind::Delivery)
                            .then(|| 100_000 + 1000 * next(200) as i64),
                        ..SaleDetails::default()
                    },
                    resolved_at: (kind == InteractionKind::Complaint && next(2) == 0)
                        .then(|| at.date() + Days::new(3)),
                    resolution: None,
                    created_at: utc(at),
                });
                if next(4) == 0 {
                    let key = [
                        format!("next:{id}"),
                        format!("complaint:{id}"),
                        format!("satisfaction:{id}"),
                        format!("no_show:{id}"),
                    ][next(4)]
                    .clone();
                    let action = [
                        PromptAction::Done,
                        PromptAction::Dismissed,
                        PromptAction::Snoozed {
                            until: day(330 + next(40)),
                        },
                    ][next(3)];
                    c.handled_prompts.push(HandledPrompt {
                        key: key.clone(),
                        action,
                        reason: None,
                        at: utc(at),
                    });
                    for _ in 0..1 + next(2) {
                        let closed = (next(2) == 0).then(|| at.date() + Days::new(2));
                        c.prompt_log.push(PromptOutcome {
                            key: key.clone(),
                            kind: PromptKind::ALL[next(PromptKind::ALL.len())],
                            level: c.profile.level,
                            due: at.date() + Days::new(next(10) as u64),
                            made_on: None,
                            closed,
                            how: closed.map(|_| "done".to_owned()),
                            reason: None,
                        });
                    }
                }
            }
            if next(3) == 0 {
                c.prompt_log.push(PromptOutcome {
                    key: format!("cadence:{}:{}", c.profile.level.code(), day(300 + next(60))),
                    kind: PromptKind::Cadence,
                    level: c.profile.level,
                    due: day(300 + next(60)),
                    made_on: None,
                    closed: None,
                    how: None,
                    reason: None,
                });
            }
            for f in 0..next(3) {
                c.family.push(FamilyMember {
                    id: format!("{i}-f{f}"),
                    created_at: utc(born),
                    facts: FamilyFacts {
                        name: format!("家人{f}"),
                        relation: Pick::Known(Relation::ALL[next(Relation::ALL.len())]),
                        birthday: (next(2) == 0).then(|| Birthday {
                            calendar: Calendar::Solar,
                            year: None,
                            month: 1 + next(12) as u8,
                            day: 1 + next(28) as u8,
                        }),
                        phone: None,
                        notes: None,
                    },
                });
            }
            let mut from = Level::N;
            for l in 0..next(4) {
                let to = if l == 0 {
                    c.profile.level
                } else {
                    Level::ALL[next(Level::ALL.len())]
                };
                c.level_changes.push(LevelChange {
                    changed_at: (born + chrono::Duration::days(10 * l as i64 + next(9) as i64))
                        .format("%Y-%m-%d %H:%M:%S")
                        .to_string(),
                    from,
                    to,
                    reason: None,
                    revisit: (to == Level::F).then(|| day(320 + next(60))),
                    lost_reason: (to == Level::F).then(|| LostReason::ALL[next(7)]),
                    competitor: None,
                });
                from = to;
            }
            c
        })
        .collect()
}

#[test]
fn what_an_import_works_out_for_its_new_customers_is_what_the_book_would_work_out_again() {
    let customers = with_histories(600, 17);
    let book = |recompute: bool| {
        let (store, at, rules) = empty_book();
        let (plan, created) = import_plan("imp-1", customers.clone(), Vec::new());
        RECOMPUTE.with(|r| r.set(recompute));
        store
            .write(|w| w.apply_import(&plan, &mut each(&created), at, &rules, &mut |_| true))
            .expect("import");
        RECOMPUTE.with(|r| r.set(false));
        store
    };
    let worked = book(false);
    let again = book(true);
    let digests = |store: &Store| store.table_digests(&["*.updated_at"]).expect("digests");
    assert_eq!(digests(&worked), digests(&again));
    // The histories reached what is worked out: prompts of many kinds, standings with
    // satisfaction and purchases, last contacts, logged prompts answered and closed as gone.
    let count = |sql: &str| -> i64 { worked.conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    assert!(count("SELECT count(DISTINCT kind) FROM prompts") >= 6);
    assert!(
        count("SELECT count(*) FROM customer_standing WHERE satisfaction_prev IS NOT NULL") > 50
    );
    assert!(count("SELECT count(*) FROM customer_standing WHERE purchases > 0") > 50);
    assert!(count("SELECT count(*) FROM customer_standing WHERE profiled = 1") > 50);
    assert!(count("SELECT count(*) FROM customer_standing WHERE profiled = 0") > 50);
    assert!(count("SELECT count(*) FROM customers WHERE last_contact IS NOT NULL") > 300);
    assert!(count("SELECT count(*) FROM prompt_log WHERE how = 'gone'") > 20);
    assert!(count("SELECT count(*) FROM prompt_log WHERE made_on IS NOT NULL") > 20);
    assert!(count("SELECT count(*) FROM prompt_actions") > 100);
    // And the comparison can tell: a standing changed in one book shows.
    again
        .conn
        .execute(
            "UPDATE customer_standing SET purchases = purchases + 1 \
             WHERE customer_id = (SELECT min(customer_id) FROM customer_standing)",
            [],
        )
        .expect("change");
    assert_ne!(digests(&worked), digests(&again));
}
