//! Timing the desktop's start on the real binary: `carnet-desktop` is started on a copy of the
//! bench book under the current display, with `CARNET_QUIT_WHEN_READY`, and says on its log
//! when Today was first usable (`ready_ms=…`, since its process started) before it quits. The
//! first start of a day (no backup yet, the check and the day's work pending, and the day's
//! plan not made yet: it is made while the window loads, before Today is usable) and later
//! starts are timed a few times each, after one start that is not timed (the session's
//! services start with its first window); one more start, left running, has its memory
//! counted: the
//! proportional set size (PSS) of the app and every process it started (WebKit's). Given the
//! minimal Tauri app of `tests/baseline` (`--baseline`), its start is timed the same way, each
//! run beside Carnet's, and its memory counted: issue 16 sets Carnet's figures against it.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use carnet_app::{App, AppError, BOOK_ENV, QUIT_WHEN_READY_ENV, READY_FIELD};
use serde::Serialize;

/// How long one start may take before it counts as failed.
const TIMEOUT: Duration = Duration::from_secs(90);
/// How long the start left running settles before its memory is counted.
const SETTLE: Duration = Duration::from_secs(3);

/// The start's figures, or why there are none.
#[derive(Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StartFigures {
    Measured {
        /// The desktop binary started.
        desktop: String,
        /// `ready_ms` of each first start of the day (no backup yet, nothing checked).
        first_of_day_ms: Vec<u64>,
        /// `ready_ms` of each later start (the day's backup made, the prompts current).
        later_ms: Vec<u64>,
        /// The PSS of the app and its WebKit processes, Today shown, in MiB (`None` where
        /// /proc cannot tell).
        pss_mib: Option<f64>,
        /// The minimal app's figures, timed beside these (`--baseline`).
        baseline: Option<Baseline>,
    },
    Skipped {
        reason: String,
    },
}

/// The minimal Tauri app's start and memory (`tests/baseline`), on the same book: its page
/// logs `ready_ms=…` once it shows the book's first rows.
#[derive(Debug, Serialize)]
pub struct Baseline {
    pub binary: String,
    /// `ready_ms` of each start, one beside each of Carnet's.
    pub ready_ms: Vec<u64>,
    pub pss_mib: Option<f64>,
}

/// What issue 16 allows Carnet against the minimal app: Today usable within 1.3 times its
/// start, memory within 1.15 times its.
pub const START_RATIO: f64 = 1.3;
pub const MEMORY_RATIO: f64 = 1.15;

/// The desktop binary: `explicit`, else `carnet-desktop` beside this `carnet`.
fn desktop_binary(explicit: Option<&Path>) -> Option<PathBuf> {
    match explicit {
        Some(path) => Some(path.to_owned()),
        None => Some(
            std::env::current_exe()
                .ok()?
                .with_file_name("carnet-desktop"),
        ),
    }
}

/// Times `runs` first starts of the day and `runs` later starts of `app`'s book (and as many
/// starts of `baseline`, the minimal app, beside them).
pub fn start(
    app: &App,
    desktop: Option<&Path>,
    runs: usize,
    baseline: Option<&Path>,
) -> Result<StartFigures, AppError> {
    let skipped = |reason: String| Ok(StartFigures::Skipped { reason });
    if runs == 0 {
        return skipped("--start-runs 0".into());
    }
    if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty())
        && std::env::var_os("WAYLAND_DISPLAY").is_none_or(|d| d.is_empty())
    {
        return skipped("no display (DISPLAY is not set)".into());
    }
    let Some(binary) = desktop_binary(desktop).filter(|b| b.is_file()) else {
        return skipped(format!(
            "no desktop binary ({}): build it with `cargo build --release -p carnet-desktop` \
             or name it with --desktop",
            desktop_binary(desktop).map_or_else(|| "?".into(), |b| b.display().to_string())
        ));
    };
    // A copy of the book in a folder of its own: its backups are the copy's, never the
    // bench book's, and removing them makes the next start the first of a day.
    let dir = std::env::temp_dir().join(format!("carnet-bench-start-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(AppError::internal)?;
    if let Some(minimal) = baseline.filter(|b| !b.is_file()) {
        let _ = std::fs::remove_dir_all(&dir);
        return skipped(format!(
            "no minimal app at {} (make baseline builds it)",
            minimal.display()
        ));
    }
    let figures = start_in(app, &binary, &dir, runs, baseline);
    let _ = std::fs::remove_dir_all(&dir);
    figures
}

fn start_in(
    app: &App,
    binary: &Path,
    dir: &Path,
    runs: usize,
    baseline: Option<&Path>,
) -> Result<StartFigures, AppError> {
    let book = dir.join("carnet.db");
    app.backup_to(&book)?;
    let backups = dir.join("backups");
    let mut first_of_day_ms = Vec::new();
    let mut later_ms = Vec::new();
    let mut minimal_ms = Vec::new();
    // One start first, not timed: the first WebKit window of a D-Bus session starts the
    // session's accessibility and portal services (100-200 ms more here), which a
    // consultant's desktop runs long before Carnet opens. Whichever app came first would pay
    // for them.
    ready_ms(baseline.unwrap_or(binary), &book)?;
    for _ in 0..runs {
        if backups.exists() {
            std::fs::remove_dir_all(&backups).map_err(AppError::internal)?;
        }
        // Nor is the day's plan made yet: the first look makes it, before Today is usable.
        App::open_deferred(&book)?.forget_todays_plan()?;
        first_of_day_ms.push(ready_ms(binary, &book)?);
        // The day's work done, as the first start would have done it had it not quit.
        App::open_deferred(&book)?.catch_up(&mut |_| {})?;
        later_ms.push(ready_ms(binary, &book)?);
        if let Some(minimal) = baseline {
            minimal_ms.push(ready_ms(minimal, &book)?);
            minimal_ms.push(ready_ms(minimal, &book)?);
        }
    }
    let pss_mib = memory(binary, &book)?;
    let baseline = match baseline {
        Some(minimal) => Some(Baseline {
            binary: minimal.display().to_string(),
            ready_ms: minimal_ms,
            pss_mib: memory(minimal, &book)?,
        }),
        None => None,
    };
    Ok(StartFigures::Measured {
        desktop: binary.display().to_string(),
        first_of_day_ms,
        later_ms,
        pss_mib,
        baseline,
    })
}

/// Starts the desktop on `book`; answers the child and a channel that gets its `ready_ms`.
fn spawn(binary: &Path, book: &Path, quit: bool) -> Result<(Child, mpsc::Receiver<u64>), AppError> {
    let mut command = Command::new(binary);
    command
        .env(BOOK_ENV, book)
        .env("CARNET_LOG", "info")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if quit {
        command.env(QUIT_WHEN_READY_ENV, "1");
    }
    let mut child = command.spawn().map_err(AppError::internal)?;
    let stderr = child
        .stderr
        .take()
        .ok_or_else(|| AppError::internal("no stderr"))?;
    let (send, ready) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(ms) = ready_in(&line) {
                let _ = send.send(ms);
            }
        }
    });
    Ok((child, ready))
}

/// The `ready_ms` a log line reports, if it is that line.
fn ready_in(line: &str) -> Option<u64> {
    let at = line.find(&format!("{READY_FIELD}="))?;
    line[at + READY_FIELD.len() + 1..]
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// One start, to Today usable and quit.
fn ready_ms(binary: &Path, book: &Path) -> Result<u64, AppError> {
    let (mut child, ready) = spawn(binary, book, true)?;
    let got = ready.recv_timeout(TIMEOUT);
    let deadline = Instant::now() + TIMEOUT;
    while child.try_wait().map_err(AppError::internal)?.is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    got.map_err(|_| {
        AppError::internal(format!(
            "{} did not report Today usable within {} s",
            binary.display(),
            TIMEOUT.as_secs()
        ))
    })
}

/// One start left running until Today is usable and a moment more: the PSS of it and its
/// processes. Then it is stopped, with the processes it started.
fn memory(binary: &Path, book: &Path) -> Result<Option<f64>, AppError> {
    let (mut child, ready) = spawn(binary, book, false)?;
    let shown = ready.recv_timeout(TIMEOUT).is_ok();
    if shown {
        std::thread::sleep(SETTLE);
    }
    let pids = tree(child.id());
    let pss: Option<u64> = if shown {
        pids.iter().map(|pid| pss_kib(*pid)).sum()
    } else {
        None
    };
    for pid in pids.iter().skip(1) {
        // Processes the app started (WebKit's); they would outlive a killed parent.
        let _ = Command::new("kill").arg(pid.to_string()).status();
    }
    let _ = child.kill();
    let _ = child.wait();
    Ok(pss.map(|kib| (kib as f64 / 1024.0 * 10.0).round() / 10.0))
}

/// `pid` and every process under it.
fn tree(pid: u32) -> Vec<u32> {
    let mut all = vec![pid];
    let mut i = 0;
    while i < all.len() {
        let parent = all[i];
        let tasks = std::fs::read_dir(format!("/proc/{parent}/task"))
            .map(|d| d.filter_map(Result::ok).collect::<Vec<_>>())
            .unwrap_or_default();
        for task in tasks {
            let children =
                std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
            all.extend(
                children
                    .split_whitespace()
                    .filter_map(|c| c.parse::<u32>().ok()),
            );
        }
        i += 1;
    }
    all
}

/// A process's proportional set size, in KiB.
fn pss_kib(pid: u32) -> Option<u64> {
    std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("Pss:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ready_line_is_read_as_the_desktop_writes_it() {
        let line = "2026-12-06T12:00:00.123Z  INFO carnet_desktop_lib: ready_ms=287";
        assert_eq!(ready_in(line), Some(287));
        assert_eq!(
            ready_in("INFO carnet_desktop_lib: ready_ms=1203 extra"),
            Some(1203)
        );
        assert_eq!(ready_in("INFO opened book"), None);
        assert_eq!(ready_in("ready_ms="), None);
    }

    #[test]
    fn this_process_has_a_pss_and_a_tree() {
        let me = std::process::id();
        assert!(pss_kib(me).is_some_and(|kib| kib > 0));
        assert_eq!(tree(me).first(), Some(&me));
    }
}
