//! The crash-safety suite's machinery: a seeded random generator, the seed book, the typical
//! duration of each command, one iteration (commands, a SIGKILL, the checks), and the checks
//! of a book against the model of what was reported done.

pub mod check;
pub mod model;
pub mod ops;

use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;

use model::{Book, Model};
use ops::{Ctx, NotThere, Op, Report};

/// SplitMix64: small, seeded, the same sequence on every platform.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let len = u64::try_from(items.len()).unwrap_or(u64::MAX);
        &items[usize::try_from(self.below(len)).unwrap_or(0)]
    }

    /// `pick` for values that are copied (codes).
    pub fn one<T: Copy>(&mut self, items: &[T]) -> T {
        *self.pick(items)
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = usize::try_from(self.below(i as u64 + 1)).unwrap_or(0);
            items.swap(i, j);
        }
    }
}

/// What the environment asks for.
#[derive(Clone, Debug)]
pub struct Settings {
    /// `CARNET_TORTURE_ITERATIONS` (default 50).
    pub iterations: u64,
    /// `CARNET_TORTURE_SEED` (decimal or 0x-hex; default drawn from the clock): iteration 0
    /// runs with this seed, so a failing iteration's seed replays it alone.
    pub seed: u64,
    /// `CARNET_TORTURE_ROWS`, `MIN-MAX` new customers in a generated import (default
    /// 200-1000).
    pub min_rows: usize,
    pub max_rows: usize,
    /// At most this many commands run to completion before the one that is killed.
    pub max_before: u64,
}

impl Settings {
    pub fn from_env() -> Settings {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let iterations = var("CARNET_TORTURE_ITERATIONS")
            .map(|v| {
                v.trim()
                    .parse()
                    .expect("CARNET_TORTURE_ITERATIONS is a number")
            })
            .unwrap_or(50);
        let seed = var("CARNET_TORTURE_SEED").map_or_else(
            || {
                let t = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos())
                    .unwrap_or(0);
                Rng::new(t as u64 ^ u64::from(std::process::id())).next_u64()
            },
            |v| {
                let v = v.trim();
                match v.strip_prefix("0x") {
                    Some(hex) => u64::from_str_radix(hex, 16),
                    None => v.parse(),
                }
                .expect("CARNET_TORTURE_SEED is a number (decimal or 0x-hex)")
            },
        );
        let (min_rows, max_rows) = var("CARNET_TORTURE_ROWS").map_or((200, 1000), |v| {
            let (lo, hi) = v.split_once('-').expect("CARNET_TORTURE_ROWS is MIN-MAX");
            let lo: usize = lo.trim().parse().expect("CARNET_TORTURE_ROWS is MIN-MAX");
            let hi: usize = hi.trim().parse().expect("CARNET_TORTURE_ROWS is MIN-MAX");
            (lo.max(1), hi.max(lo.max(1)))
        });
        Settings {
            iterations,
            seed,
            min_rows,
            max_rows,
            max_before: 4,
        }
    }

    /// The seed of iteration `i`: the run's seed for the first, then a mix of both.
    pub fn iteration_seed(&self, i: u64) -> u64 {
        if i == 0 {
            self.seed
        } else {
            Rng::new(self.seed ^ i.wrapping_mul(0xD1B5_4A32_D192_ED03)).next_u64()
        }
    }
}

pub fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// The book every iteration starts from (a copy of it), made once with `carnet demo`, and
/// the model of what it holds.
pub struct Seed {
    _dir: tempfile::TempDir,
    pub book: PathBuf,
    pub model: Model,
    pub day: chrono::NaiveDate,
}

impl Seed {
    pub fn make(customers: u32, interactions: u32) -> Seed {
        let dir = tempfile::tempdir().expect("tempdir");
        let book = dir.path().join("seed.db");
        let day = now().date();
        let made = crate::common::carnet_cmd(&[
            "--db",
            &book.display().to_string(),
            "demo",
            "--customers",
            &customers.to_string(),
            "--interactions",
            &interactions.to_string(),
        ])
        .output()
        .expect("run carnet demo");
        assert!(
            made.status.success(),
            "carnet demo: {}",
            String::from_utf8_lossy(&made.stderr)
        );
        // `demo` writes the histories after the customers without recomputing their prompts:
        // the first look at Today does (as the app's first start would).
        let looked = crate::common::carnet_cmd(&["--db", &book.display().to_string(), "agenda"])
            .output()
            .expect("run carnet agenda");
        assert!(
            looked.status.success(),
            "carnet agenda: {}",
            String::from_utf8_lossy(&looked.stderr)
        );
        let conn = Connection::open(&book).expect("open the seed book");
        let model = Model::of_book(&Book::read(&conn).expect("read the seed book"));
        drop(conn);
        Seed {
            _dir: dir,
            book,
            model,
            day,
        }
    }
}

/// The time each kind of command typically takes on a copy of the seed book, measured once:
/// the kill comes after a random part of it.
#[derive(Clone, Debug)]
pub struct Durations {
    pub by_kind: BTreeMap<&'static str, Duration>,
    /// The rows of the timed commands whose time grows with their rows (see `rows`).
    pub rows: BTreeMap<&'static str, usize>,
}

impl Durations {
    pub fn measure(seed: &Seed, import_rows: usize) -> Durations {
        let dir = tempfile::tempdir().expect("tempdir");
        let book = dir.path().join("carnet.db");
        check::copy_book(&seed.book, &book).expect("copy the seed book");
        let mut ctx = Ctx {
            dir: dir.path().to_owned(),
            n: 0,
            backups: Vec::new(),
            now: now(),
            min_rows: import_rows,
            max_rows: import_rows,
        };
        let mut rng = Rng::new(1);
        let mut model = seed.model.clone();
        let mut by_kind: BTreeMap<&'static str, Duration> = BTreeMap::new();
        let mut rows = BTreeMap::new();
        let order = [
            "add",
            "edit",
            "log",
            "level",
            "order",
            "deliver",
            "family",
            "import",
            "undo-import",
            "trash",
            "restore",
            "empty-trash",
            "merge",
            "backup",
            "restore-book",
        ];
        // Twice, keeping the shorter time: the first run of a binary reads it from disk.
        for kind in order.iter().chain(order.iter()) {
            // A merge drawn with one customer twice, or refused, is drawn again.
            let (op, ran, report) = (0..20)
                .find_map(|_| {
                    let op = Op::of_kind(kind, &mut rng, &model, &mut ctx)?;
                    let ran = run(&op, &book, None).expect("run carnet");
                    let report = op.report(&ran.output, false);
                    if report.is_none() && !matches!(op, Op::Merge { .. }) {
                        panic!("{kind} failed: {}", stderr(&ran.output));
                    }
                    Some((op, ran, report?))
                })
                .unwrap_or_else(|| panic!("no {kind} to time"));
            let time = by_kind.entry(op.kind()).or_insert(ran.elapsed);
            if ran.elapsed <= *time {
                *time = ran.elapsed;
                rows.insert(op.kind(), Durations::rows(&op, &model));
            }
            model = done(&op, &model, &report, &book, &mut ctx).expect("the timed command");
        }
        Durations { by_kind, rows }
    }

    /// How long `op` typically runs: imports and their undoing in proportion to their rows.
    pub fn typical(&self, op: &Op, model: &Model) -> Duration {
        let base = self.by_kind.get(op.kind()).copied().unwrap_or_default();
        let rows = Durations::rows(op, model);
        let timed = self.rows.get(op.kind()).copied().unwrap_or(0);
        if timed == 0 {
            return base;
        }
        // Starting the process and opening the book, then the rows.
        let start = self.by_kind.values().min().copied().unwrap_or_default();
        start
            + base
                .saturating_sub(start)
                .mul_f64(rows as f64 / timed as f64)
    }

    /// The rows a command works through, for those whose time grows with them: an import's,
    /// an undone import's, the trash's.
    fn rows(op: &Op, model: &Model) -> usize {
        match op {
            Op::Import { rows, fills, .. } => rows.len() + fills.len(),
            Op::UndoImport { id } => model.imports.get(id).map_or(0, |i| i.links.len()),
            Op::EmptyTrash => model.ids(model::Life::Trash).len(),
            _ => 0,
        }
    }

    pub fn render(&self) -> String {
        let parts: Vec<String> = self
            .by_kind
            .iter()
            .map(|(k, d)| match self.rows.get(k) {
                Some(rows) if *rows > 0 => format!("{k} {} ms ({rows} rows)", d.as_millis()),
                _ => format!("{k} {} ms", d.as_millis()),
            })
            .collect();
        format!("typical durations: {}", parts.join(", "))
    }
}

/// A finished (or killed) `carnet` process.
pub struct Ran {
    pub output: Output,
    pub killed: bool,
    pub elapsed: Duration,
}

/// Runs `carnet` for `op` on `book`; with `kill_after`, sends SIGKILL (std's `Child::kill`)
/// once that much time has passed, unless it has exited already.
pub fn run(op: &Op, book: &Path, kill_after: Option<Duration>) -> std::io::Result<Ran> {
    op.prepare()?;
    let args = op.args(book);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut cmd = crate::common::carnet_cmd(&args);
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd.spawn()?;
    if let Some(delay) = kill_after {
        let deadline = start + delay;
        loop {
            if child.try_wait()?.is_some() {
                break;
            }
            let now = Instant::now();
            if now >= deadline {
                child.kill()?;
                break;
            }
            std::thread::sleep((deadline - now).min(Duration::from_millis(1)));
        }
    }
    let output = child.wait_with_output()?;
    let elapsed = start.elapsed();
    let killed = output.status.signal() == Some(9);
    Ok(Ran {
        output,
        killed,
        elapsed,
    })
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).trim().to_owned()
}

/// The model after a command that reported done; a whole copy it made joins `ctx.backups`.
pub fn done(
    op: &Op,
    pre: &Model,
    report: &Report,
    book: &Path,
    ctx: &mut Ctx,
) -> Result<Model, String> {
    // Only an import's new customers are read from the book (their ids are not printed).
    let conn = if matches!(op, Op::Import { .. }) {
        Connection::open(book)
    } else {
        Connection::open_in_memory()
    }
    .map_err(|e| e.to_string())?;
    let post = op.after(pre, Some(report), &conn).map_err(|e| match e {
        NotThere::NotApplied => "it is not in the book".to_owned(),
        NotThere::Half(why) => why,
    })?;
    match (op, report) {
        (Op::Backup { file }, _) => ctx.backups.push((file.clone(), post.clone())),
        (Op::Import { .. }, Report::Json(v)) => {
            if let Some(copy) = v["backup"].as_str() {
                let copy = PathBuf::from(copy);
                let copy = if copy.is_relative() {
                    std::env::current_dir().map_or(copy.clone(), |d| d.join(&copy))
                } else {
                    copy
                };
                ctx.backups.push((copy, pre.clone()));
            }
        }
        _ => {}
    }
    Ok(post)
}

/// The command killed at the end of an iteration, and what it printed before.
pub struct Killed<'a> {
    pub op: &'a Op,
    pub report: Option<Report>,
}

/// What the checks found.
pub struct Verdict {
    /// Whether the killed command got in (`None`: nothing was killed, or it cannot be told).
    pub applied: Option<bool>,
    pub problems: Vec<String>,
}

/// Every check of a book after an iteration: the file is whole; it holds exactly what the
/// model says, where a killed command is either wholly in or wholly out (a killed restore:
/// the book before it or the backup's); the search index and Today's prompts agree with
/// it (the prompts only when `same_day`); a killed backup left a whole file or none; and
/// the book still takes a write (`write`: a new customer's name and phone).
pub fn check_all(
    book: &Path,
    work: &Path,
    pre: &Model,
    killed: Option<&Killed<'_>>,
    same_day: bool,
    write: Option<(&str, &str)>,
) -> Verdict {
    let conn = match Connection::open(book) {
        Ok(c) => c,
        Err(e) => {
            return Verdict {
                applied: None,
                problems: vec![format!("the book does not open: {e}")],
            };
        }
    };
    let mut problems = check::integrity(&conn);
    problems.extend(check::search_index(&conn));
    let (model, applied) = match Book::read(&conn) {
        Ok(found) => judge(&conn, &found, pre, killed, &mut problems),
        Err(e) => {
            let version = Book::schema_version(&conn).unwrap_or(-1);
            let count: i64 = conn
                .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
                .unwrap_or(-1);
            problems.push(format!(
                "the book cannot be read as the model's (schema version {version}, the model's \
                 {}; {count} customers): {e}",
                pre.schema_version
            ));
            (pre.clone(), None)
        }
    };
    drop(conn);
    // A backup changes nothing in the book: whether it got in is whether its file is there.
    let applied = match killed {
        Some(Killed {
            op: Op::Backup { file },
            ..
        }) => Some(file.exists()),
        _ => applied,
    };
    problems.extend(check::on_a_copy(book, work, &model, same_day));
    match killed {
        Some(Killed {
            op: Op::Backup { file },
            ..
        }) => problems.extend(check::whole_if_there(file)),
        Some(Killed {
            op: Op::RestoreBook { file, .. },
            ..
        }) => problems.extend(check::backup_kept(file)),
        _ => {}
    }
    if let Some((name, phone)) = write {
        problems.extend(check::still_takes_a_write(book, name, phone));
    }
    Verdict { applied, problems }
}

/// The model the book matches: `pre`, or with a killed command the model before or after
/// it (`applied` says which); a problem for each difference when it matches none.
fn judge(
    conn: &Connection,
    found: &Book,
    pre: &Model,
    killed: Option<&Killed<'_>>,
    problems: &mut Vec<String>,
) -> (Model, Option<bool>) {
    match killed {
        None => {
            let diffs = model::differences(pre, found);
            problems.extend(diffs.into_iter().map(|d| format!("reported done: {d}")));
            (pre.clone(), None)
        }
        Some(k) => {
            let post = k.op.after(pre, k.report.as_ref(), conn);
            let post_diffs = match &post {
                Ok(m) => model::differences(m, found),
                Err(NotThere::NotApplied) => vec!["the book shows nothing of it".to_owned()],
                Err(NotThere::Half(why)) => vec![why.clone()],
            };
            let pre_diffs = model::differences(pre, found);
            let what = k.op.describe();
            if k.report.is_some() {
                // It printed its result before it was killed: it is done.
                if !post_diffs.is_empty() {
                    problems.push(format!(
                        "the killed {what} printed its result, but the book is not as after it:"
                    ));
                    problems.extend(post_diffs.into_iter().map(|d| format!("  {d}")));
                }
                (post.unwrap_or_else(|_| pre.clone()), Some(true))
            } else if post_diffs.is_empty() {
                (post.unwrap_or_else(|_| pre.clone()), Some(true))
            } else if pre_diffs.is_empty() {
                (pre.clone(), Some(false))
            } else {
                problems.push(format!(
                    "half-done: the book is neither as before the killed {what} nor as after it"
                ));
                problems.push("  as before it:".to_owned());
                problems.extend(pre_diffs.into_iter().map(|d| format!("    {d}")));
                problems.push("  as after it:".to_owned());
                problems.extend(post_diffs.into_iter().map(|d| format!("    {d}")));
                (pre.clone(), None)
            }
        }
    }
}

/// What one iteration did and found.
pub struct Outcome {
    pub line: String,
    pub failure: Option<String>,
    /// The kind of the command killed mid-way, and whether it got in.
    pub killed: Option<(&'static str, Option<bool>)>,
    pub elapsed: Duration,
}

/// One iteration: a copy of the seed book, up to `max_before` commands run to the end, one
/// more killed after a random part of its typical duration, then every check.
pub fn iteration(
    seed: &Seed,
    durations: &Durations,
    settings: &Settings,
    iteration_seed: u64,
    root: &Path,
) -> Outcome {
    let started = Instant::now();
    let mut rng = Rng::new(iteration_seed);
    let dir = root.join(format!("{iteration_seed:016x}"));
    std::fs::create_dir_all(&dir).expect("iteration dir");
    let book = dir.join("carnet.db");
    check::copy_book(&seed.book, &book).expect("copy the seed book");
    let start_day = now().date();
    let mut ctx = Ctx {
        dir: dir.clone(),
        n: 0,
        backups: Vec::new(),
        now: now(),
        min_rows: settings.min_rows,
        max_rows: settings.max_rows,
    };
    let mut model = seed.model.clone();
    let before = rng.below(settings.max_before + 1);
    let mut steps: Vec<String> = Vec::new();
    let mut failure: Vec<String> = Vec::new();
    let mut model_lost = false;
    // The killed command, what it printed, when it was killed, its typical duration, and
    // how long it ran.
    let mut last: Option<(Op, Option<Report>, Duration, Duration, Duration)> = None;
    let mut finished = String::new();
    for step in 0..=before {
        let op = Op::draw(&mut rng, &model, &mut ctx);
        let is_last = step == before;
        let typical = durations.typical(&op, &model);
        let delay = is_last.then(|| typical.mul_f64(rng.unit()));
        let ran = match run(&op, &book, delay) {
            Ok(r) => r,
            Err(e) => {
                failure.push(format!("running carnet {}: {e}", op.describe()));
                model_lost = true;
                break;
            }
        };
        let report = op.report(&ran.output, ran.killed);
        if ran.killed {
            steps.push(format!(
                "{} KILLED after {} ms",
                op.describe(),
                ran.elapsed.as_millis()
            ));
            last = Some((op, report, delay.unwrap_or_default(), typical, ran.elapsed));
            break;
        }
        if let Op::RestoreBook { file, .. } = &op {
            failure.extend(check::backup_kept(file));
        }
        if let Some(delay) = delay {
            finished = format!(
                " (ran {} ms; the kill was due at {} ms of ~{} ms typical)",
                ran.elapsed.as_millis(),
                delay.as_millis(),
                typical.as_millis()
            );
        }
        match report {
            Some(report) => match done(&op, &model, &report, &book, &mut ctx) {
                Ok(post) => {
                    model = post;
                    steps.push(op.describe());
                }
                Err(why) => {
                    failure.push(format!("{} reported done, but: {why}", op.describe()));
                    model_lost = true;
                    break;
                }
            },
            // A merge may be refused (the merged profile must be valid); it writes nothing.
            None if matches!(op, Op::Merge { .. }) => {
                steps.push(format!("{} (refused)", op.describe()));
            }
            None => {
                model_lost = true;
                failure.push(format!(
                    "{} failed unexpectedly (status {}): {}",
                    op.describe(),
                    ran.output.status,
                    stderr(&ran.output)
                ));
                break;
            }
        }
    }
    let same_day = now().date() == start_day && start_day == seed.day;
    let n = ctx.n + 1;
    let name = ops::unique_name(&mut rng, n);
    let phone = format!("173{:08}", n % 100_000_000);
    let killed = last.as_ref().map(|(op, report, _, _, _)| Killed {
        op,
        report: report.clone(),
    });
    // The model is lost when a command failed or its report could not be followed.
    let verdict = if !model_lost {
        check_all(
            &book,
            &dir,
            &model,
            killed.as_ref(),
            same_day,
            Some((&name, &phone)),
        )
    } else {
        Verdict {
            applied: None,
            problems: Vec::new(),
        }
    };
    failure.extend(verdict.problems);
    let tail = match &last {
        Some((op, report, delay, typical, ran)) => format!(
            "killed {} at {} ms (of ~{} ms typical; ran {} ms){}: {}",
            op.describe(),
            delay.as_millis(),
            typical.as_millis(),
            ran.as_millis(),
            if report.is_some() {
                ", result printed"
            } else {
                ""
            },
            match verdict.applied {
                Some(true) => "got in whole",
                Some(false) => "left no trace",
                None => "?",
            }
        ),
        None => format!("the last command finished before the kill{finished}"),
    };
    let line = format!(
        "seed 0x{iteration_seed:016x}: {} | {tail}{}",
        steps.join(", "),
        if same_day {
            ""
        } else {
            " (the day changed: prompts not compared)"
        }
    );
    let failure = (!failure.is_empty()).then(|| {
        let kept = keep(&dir, iteration_seed);
        format!(
            "{line}\n  replay: CARNET_TORTURE_SEED=0x{iteration_seed:016x} \
             CARNET_TORTURE_ITERATIONS=1 (the kill's moment varies with the machine)\n  \
             book kept in {kept}\n  {}",
            failure.join("\n  ")
        )
    });
    let _ = std::fs::remove_dir_all(&dir);
    Outcome {
        line,
        failure,
        killed: last.map(|(op, ..)| (op.kind(), verdict.applied)),
        elapsed: started.elapsed(),
    }
}

/// Copies a failed iteration's folder (the book, its backups, the CSVs) where it survives
/// the run: target/tmp/crash-safety/SEED.
fn keep(dir: &Path, seed: u64) -> String {
    let to = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("crash-safety")
        .join(format!("{seed:016x}"));
    let copied = copy_dir(dir, &to);
    match copied {
        Ok(()) => to.display().to_string(),
        Err(e) => format!("(not kept: {e})"),
    }
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
