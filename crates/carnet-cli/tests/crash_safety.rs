//! Crash safety: a real `carnet` process, doing edits, logs, imports, merges, restores and
//! backups on a copy of a demo book, is killed with SIGKILL at a random moment; then the
//! book must pass `PRAGMA integrity_check` and `foreign_key_check`, hold every change a
//! command reported done, hold the killed command wholly or not at all, keep its search
//! index and Today's prompts in step with it, and take a new write.
//!
//! `CARNET_TORTURE_ITERATIONS` (default 50; `make torture` runs 1,000),
//! `CARNET_TORTURE_SEED` (printed; iteration 0 runs with it, so a failing iteration's seed
//! replays it), `CARNET_TORTURE_ROWS` (`MIN-MAX` new customers per generated import,
//! default 200-1000). The commands and the moment of the kill (a share of the command's
//! typical duration, measured once per run) follow from the seed; where in the command that
//! moment falls depends on the machine.

mod common;
mod torture;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use rusqlite::Connection;
use torture::model::Model;
use torture::ops::{Ctx, Op};
use torture::{Killed, Rng, Seed, Settings};

/// The seed book: small enough that a full recomputation of the prompts after every
/// iteration stays cheap in a debug build, big enough for real histories.
const SEED_CUSTOMERS: u32 = 150;

/// The two tests run one after the other: the commands' typical durations are measured
/// once, and a kill's moment means something only on a machine not busy with the other.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[test]
fn a_killed_carnet_keeps_what_it_reported_and_leaves_nothing_half_done() {
    let _alone = one_at_a_time();
    let settings = Settings::from_env();
    println!(
        "crash safety: {} iterations, CARNET_TORTURE_SEED=0x{:016x}, imports of {}-{} rows",
        settings.iterations, settings.seed, settings.min_rows, settings.max_rows
    );
    let started = Instant::now();
    let mut seed = Seed::make(SEED_CUSTOMERS);
    let durations = torture::Durations::measure(&seed, 600);
    println!("{}", durations.render());
    let root = tempfile::tempdir().expect("tempdir");
    let mut failures = Vec::new();
    // Kind of the command killed mid-way: (got in, left no trace, half-done or unknown).
    let mut kills: BTreeMap<&str, (u32, u32, u32)> = BTreeMap::new();
    let mut finished_first = 0;
    for i in 0..settings.iterations {
        if torture::now().date() != seed.day {
            // The seed's prompts were computed for its day.
            seed = Seed::make(SEED_CUSTOMERS);
        }
        let outcome = torture::iteration(
            &seed,
            &durations,
            &settings,
            settings.iteration_seed(i),
            root.path(),
        );
        println!(
            "{:>4} {:>6} ms  {}",
            i,
            outcome.elapsed.as_millis(),
            outcome.line
        );
        match outcome.killed {
            Some((kind, applied)) => {
                let e = kills.entry(kind).or_default();
                match applied {
                    Some(true) => e.0 += 1,
                    Some(false) => e.1 += 1,
                    None => e.2 += 1,
                }
            }
            None => finished_first += 1,
        }
        if let Some(f) = outcome.failure {
            println!("FAILED: {f}");
            failures.push(f);
        }
    }
    let spread: Vec<String> = kills
        .iter()
        .map(|(k, (a, b, c))| format!("{k} {a}/{b}/{c}"))
        .collect();
    println!(
        "{} iterations in {:.1} s; killed mid-command (got in / no trace / other): {}; \
         finished before the kill: {finished_first}; failed: {}",
        settings.iterations,
        started.elapsed().as_secs_f64(),
        spread.join(", "),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} iterations failed (run seed 0x{:016x}):\n\n{}",
        failures.len(),
        settings.iterations,
        settings.seed,
        failures.join("\n\n")
    );
}

/// Runs commands of the given kinds to the end on `book`, each reported done, and returns
/// the model after each.
fn run_done(
    kinds: &[&str],
    book: &Path,
    model: &mut Model,
    ctx: &mut Ctx,
    rng: &mut Rng,
) -> Vec<(Op, Model)> {
    kinds
        .iter()
        .map(|kind| {
            let op = Op::of_kind(kind, rng, model, ctx).expect("a command of this kind");
            let ran = torture::run(&op, book, None).expect("run carnet");
            let report = op
                .report(&ran.output, false)
                .unwrap_or_else(|| panic!("{kind}: {}", torture::stderr(&ran.output)));
            let before = model.clone();
            *model = torture::done(&op, model, &report, book, ctx).expect("done");
            (op, before)
        })
        .collect()
}

/// A copy of `book` broken by `sql`, checked against `model` (with `killed` the command
/// killed last).
fn broken(
    book: &Path,
    work: &Path,
    name: &str,
    sql: &str,
    model: &Model,
    killed: Option<&Killed<'_>>,
) -> Vec<String> {
    let copy = work.join(format!("{name}.db"));
    torture::check::copy_book(book, &copy).expect("copy");
    let conn = Connection::open(&copy).expect("open the copy");
    conn.execute_batch(sql).expect("break the book");
    drop(conn);
    torture::check_all(&copy, work, model, killed, true, None).problems
}

fn flags(problems: &[String], what: &str) -> bool {
    problems.iter().any(|p| p.contains(what))
}

/// The checker fails for the reasons the suite's name gives: on books broken by hand the
/// way a crash could break them, it reports what is wrong.
#[test]
fn the_checker_flags_a_hand_broken_book() {
    let _alone = one_at_a_time();
    let seed = Seed::make(60);
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("carnet.db");
    torture::check::copy_book(&seed.book, &book).expect("copy");
    let mut ctx = Ctx {
        dir: dir.path().to_owned(),
        n: 0,
        backups: Vec::new(),
        now: torture::now(),
        min_rows: 300,
        max_rows: 300,
    };
    let mut rng = Rng::new(7);
    let mut model = seed.model.clone();
    let done = run_done(
        &["add", "add", "import", "log"],
        &book,
        &mut model,
        &mut ctx,
        &mut rng,
    );
    let intact = torture::check_all(&book, dir.path(), &model, None, true, None);
    assert!(
        intact.problems.is_empty(),
        "the book as carnet left it passes: {:#?}",
        intact.problems
    );

    let import_id = model.imports.keys().next().expect("an import").clone();
    let half_import = broken(
        &book,
        dir.path(),
        "half-import",
        &format!(
            "PRAGMA foreign_keys = ON;
             DELETE FROM customers WHERE id IN (
                 SELECT customer_id FROM import_customers WHERE import_id = '{import_id}'
                 AND created = 1 LIMIT 150);"
        ),
        &model,
        None,
    );
    assert!(flags(&half_import, "is missing"), "{half_import:#?}");
    assert!(
        flags(&half_import, "customer links are missing"),
        "{half_import:#?}"
    );
    assert!(
        flags(&half_import, "the search index holds row"),
        "{half_import:#?}"
    );

    let no_prompts = broken(
        &book,
        dir.path(),
        "no-prompts",
        "DELETE FROM prompts WHERE customer_id = (SELECT customer_id FROM prompts LIMIT 1);",
        &model,
        None,
    );
    assert!(flags(&no_prompts, "Today's prompts of"), "{no_prompts:#?}");

    // A writer of the log that went round the triggers: the compliance report's counts drift.
    let drift = broken(
        &book,
        dir.path(),
        "drift",
        "UPDATE prompt_log_groups SET n = n + 1
         WHERE (due, kind, level, made_on, how, reason) IN (
             SELECT due, kind, level, made_on, how, reason FROM prompt_log_groups LIMIT 1);",
        &model,
        None,
    );
    assert!(
        flags(&drift, "the prompt log's counts differ"),
        "{drift:#?}"
    );

    let unindexed = broken(
        &book,
        dir.path(),
        "unindexed",
        "DELETE FROM customer_search WHERE rowid =
             (SELECT search_rowid FROM customers WHERE deleted_at IS NULL LIMIT 1);",
        &model,
        None,
    );
    assert!(
        flags(&unindexed, "is not in the search index"),
        "{unindexed:#?}"
    );

    let Op::Log { note, .. } = &done[3].0 else {
        panic!("the fourth command logs");
    };
    let lost_log = broken(
        &book,
        dir.path(),
        "lost-log",
        &format!("DELETE FROM interactions WHERE notes = '{note}';"),
        &model,
        None,
    );
    assert!(
        flags(&lost_log, "reported done: interaction"),
        "{lost_log:#?}"
    );

    let orphan = broken(
        &book,
        dir.path(),
        "orphan",
        "PRAGMA foreign_keys = OFF;
         INSERT INTO family_members (id, customer_id, relation, created_at, updated_at)
         VALUES ('orphan', 'nobody', 'wife', '2026-01-01', '2026-01-01');",
        &model,
        None,
    );
    assert!(flags(&orphan, "foreign_key_check"), "{orphan:#?}");

    // A restore that leaves its backup empty (as SQLite leaves a file it opens after the
    // file was deleted).
    let copy = dir.path().join("restored-from.db");
    torture::check::copy_book(&book, &copy).expect("copy");
    assert!(torture::check::backup_kept(&copy).is_empty());
    std::fs::File::create(&copy).expect("truncate");
    assert!(flags(
        &torture::check::backup_kept(&copy),
        "that was restored from is gone"
    ));

    // An import killed with its customers written but not its record.
    let (import, before_import) = &done[2];
    let killed_import = Killed {
        op: import,
        report: None,
    };
    let recordless = broken(
        &book,
        dir.path(),
        "recordless-import",
        &format!("PRAGMA foreign_keys = ON; DELETE FROM imports WHERE id = '{import_id}';"),
        before_import,
        Some(&killed_import),
    );
    assert!(flags(&recordless, "half-done"), "{recordless:#?}");
    assert!(
        flags(&recordless, "without its import record"),
        "{recordless:#?}"
    );

    // An order killed between writing the interaction and moving the customer to O.
    let before_order = model.clone();
    let order = run_done(&["order"], &book, &mut model, &mut ctx, &mut rng);
    let Op::Order { id, .. } = &order[0].0 else {
        panic!("an order");
    };
    let level = before_order.customers[id]
        .level
        .clone()
        .expect("a known level");
    let killed_order = Killed {
        op: &order[0].0,
        report: None,
    };
    let half_order = broken(
        &book,
        dir.path(),
        "half-order",
        &format!(
            "UPDATE customers SET level = '{level}' WHERE id = '{id}';
             DELETE FROM level_changes WHERE id = (SELECT max(id) FROM level_changes);"
        ),
        &before_order,
        Some(&killed_order),
    );
    assert!(flags(&half_order, "half-done"), "{half_order:#?}");
    // The same order, whole, passes as "got in".
    let whole = torture::check_all(
        &book,
        dir.path(),
        &before_order,
        Some(&killed_order),
        true,
        None,
    );
    assert!(whole.problems.is_empty(), "{:#?}", whole.problems);
    assert_eq!(whole.applied, Some(true));
}
