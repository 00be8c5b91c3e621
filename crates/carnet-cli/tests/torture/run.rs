//! Running `carnet` for a command (killing it after a while), and the model after it.

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;

use super::model::Model;
use super::ops::{Ctx, NotThere, Op, Report};

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
