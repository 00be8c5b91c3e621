//! One iteration: the commands, the kill, the checks; a failed one's folder kept.

use std::path::Path;
use std::time::{Duration, Instant};

use super::ops::{self, Ctx, Op, Report};
use super::verdict::Verdict;
use super::{Durations, Killed, Rng, Seed, Settings, check, check_all, done, now, run, stderr};

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
