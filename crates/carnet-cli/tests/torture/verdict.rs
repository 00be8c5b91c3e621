//! Every check of a book after an iteration, against the model of what was reported done.

use std::path::Path;

use rusqlite::Connection;

use super::check;
use super::model::{self, Book, Model};
use super::ops::{NotThere, Op, Report};

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
    problems.extend(check::prompt_log_groups(&conn));
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
