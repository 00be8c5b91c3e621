//! Imports: written whole or not at all, undone as a whole.

use carnet_core::Profile;

use crate::test_support::*;
use crate::*;

/// The customers of a test import, as the import takes them.

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
    // A big import into a smaller book sets the indexes aside while it writes: whatever
    // happens, the book ends with every index it had, as it was.
    let indexes = |store: &Store| -> Vec<(String, String)> {
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
    };
    let before = indexes(&store);
    assert!(before.iter().any(|(n, _)| n == "customers_live_pinyin"));
    let failed = store.write(|w| w.apply_import(&plan, &mut failing, at, &rules, &mut |_| true));
    assert!(matches!(failed, Err(StoreError::Cancelled)), "{failed:?}");
    assert_eq!(
        indexes(&store),
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
        indexes(&store),
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
