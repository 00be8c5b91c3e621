//! The checks that need no model: the file is whole, the search index and Today's prompts
//! agree with the book, and the book still takes a write.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::Connection;

use super::model::{Life, Model};

/// At most this many problems are listed for one check.
const MAX_LISTED: usize = 8;

fn capped(mut problems: Vec<String>) -> Vec<String> {
    if problems.len() > MAX_LISTED {
        let more = problems.len() - MAX_LISTED;
        problems.truncate(MAX_LISTED);
        problems.push(format!("… and {more} more"));
    }
    problems
}

/// `PRAGMA integrity_check` says "ok" and `PRAGMA foreign_key_check` finds nothing.
pub fn integrity(conn: &Connection) -> Vec<String> {
    let mut problems = Vec::new();
    let lines: rusqlite::Result<Vec<String>> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect());
    match lines {
        Ok(lines) if lines == ["ok"] => {}
        Ok(lines) => problems.extend(lines.into_iter().map(|l| format!("integrity_check: {l}"))),
        Err(e) => problems.push(format!("integrity_check failed: {e}")),
    }
    let orphans: rusqlite::Result<Vec<(String, Option<i64>, String)>> =
        conn.prepare("PRAGMA foreign_key_check").and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        });
    match orphans {
        Ok(rows) => problems.extend(rows.into_iter().map(|(table, rowid, parent)| {
            format!("foreign_key_check: a row of {table} (rowid {rowid:?}) points to no {parent}")
        })),
        Err(e) => problems.push(format!("foreign_key_check failed: {e}")),
    }
    capped(problems)
}

/// The compliance report's counts (`prompt_log_groups`, kept by triggers) are those of the
/// prompt log itself, group by group.
pub fn prompt_log_groups(conn: &Connection) -> Vec<String> {
    const GROUPED: &str = "SELECT due, kind, level, coalesce(made_on, ''), coalesce(how, ''),
                                  coalesce(reason, ''), count(*)
                           FROM prompt_log GROUP BY 1, 2, 3, 4, 5, 6";
    const KEPT: &str = "SELECT due, kind, level, made_on, how, reason, n FROM prompt_log_groups";
    let sql = format!(
        "SELECT 'kept', * FROM ({KEPT} EXCEPT {GROUPED})
         UNION ALL SELECT 'in the log', * FROM ({GROUPED} EXCEPT {KEPT})"
    );
    let rows: rusqlite::Result<Vec<String>> = conn.prepare(&sql).and_then(|mut s| {
        s.query_map([], |r| {
            let cells = (0..8)
                .map(|i| Ok(format!("{:?}", r.get_ref(i)?)))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(format!(
                "the prompt log's counts differ: {}",
                cells.join(" | ")
            ))
        })?
        .collect()
    });
    match rows {
        Ok(problems) => capped(problems),
        Err(e) => vec![format!("the prompt log's counts could not be read: {e}")],
    }
}

/// Both full-text indexes hold exactly the customers not in the trash, under their
/// `search_rowid`, the trigram one with their name.
pub fn search_index(conn: &Connection) -> Vec<String> {
    let read = || -> rusqlite::Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut live: BTreeMap<i64, (String, String)> = BTreeMap::new();
        let mut stmt =
            conn.prepare("SELECT id, name, search_rowid FROM customers WHERE deleted_at IS NULL")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, name, rowid): (String, String, Option<i64>) =
                (r.get(0)?, r.get(1)?, r.get(2)?);
            match rowid {
                Some(rowid) => {
                    live.insert(rowid, (id, name));
                }
                None => problems.push(format!("customer {name} ({id}) has no search_rowid")),
            }
        }
        let mut stmt = conn.prepare("SELECT rowid, name FROM customer_search")?;
        let trigram: BTreeMap<i64, String> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = conn.prepare("SELECT rowid FROM customer_short")?;
        let short: Vec<i64> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for (rowid, (id, name)) in &live {
            match trigram.get(rowid) {
                None => problems.push(format!(
                    "customer {name} ({id}) is not in the search index (customer_search)"
                )),
                Some(n) if n != name => problems.push(format!(
                    "customer {name} ({id}) is in the search index as {n:?}"
                )),
                Some(_) => {}
            }
            if short.binary_search(rowid).is_err() {
                problems.push(format!(
                    "customer {name} ({id}) is not in the short-query index (customer_short)"
                ));
            }
        }
        for rowid in trigram.keys().chain(short.iter()) {
            if !live.contains_key(rowid) {
                problems.push(format!(
                    "the search index holds row {rowid}, which is no customer outside the trash"
                ));
            }
        }
        Ok(problems)
    };
    match read() {
        Ok(problems) => capped(problems),
        Err(e) => vec![format!("reading the search index: {e}")],
    }
}

/// Today's table as stored: (customer, key) to the prompt's kind, due day and time,
/// priority and parameters; and each customer's `prompts_until`.
type Prompts = BTreeMap<(String, String), String>;

fn prompts(conn: &Connection) -> rusqlite::Result<(Prompts, BTreeMap<String, Option<String>>)> {
    let mut stmt = conn.prepare(
        "SELECT customer_id, key, kind, due, coalesce(time, ''), priority, params FROM prompts",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let key: (String, String) = (r.get(0)?, r.get(1)?);
            let (kind, due, time, priority, params): (String, String, String, i64, String) =
                (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?);
            Ok((key, format!("{kind} due {due} {time} p{priority} {params}")))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt =
        conn.prepare("SELECT id, prompts_until FROM customers WHERE deleted_at IS NULL")?;
    let until = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((rows, until))
}

/// Copies a closed book (and its log, if one was left) to `to`.
pub fn copy_book(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::copy(from, to)?;
    for suffix in ["-wal", "-shm"] {
        let side = format!("{}{suffix}", from.display());
        let copy = format!("{}{suffix}", to.display());
        if Path::new(&side).exists() {
            std::fs::copy(&side, &copy)?;
        } else if Path::new(&copy).exists() {
            std::fs::remove_file(&copy)?;
        }
    }
    Ok(())
}

/// On a copy of the book: every customer's prompts equal a recomputation from scratch
/// (`App::recompute_prompts`), when `prompts` (the day has not changed since they were
/// written); the customers the suite made are found by their name exactly when they are
/// not in the trash (`App::search_customers`, what `carnet search` runs); and FTS5's own
/// integrity check passes on both indexes.
pub fn on_a_copy(book: &Path, work: &Path, model: &Model, check_prompts: bool) -> Vec<String> {
    let copy = work.join("recomputed.db");
    if let Err(e) = copy_book(book, &copy) {
        return vec![format!("copying the book: {e}")];
    }
    let mut problems = Vec::new();
    let before = match Connection::open(&copy).and_then(|c| prompts(&c)) {
        Ok(p) => p,
        Err(e) => return vec![format!("reading the prompts: {e}")],
    };
    let app = match carnet_app::App::open(&copy) {
        Ok(app) => app,
        Err(e) => return vec![format!("the book does not open in the app: {e:?}")],
    };
    if check_prompts && let Err(e) = app.recompute_prompts() {
        problems.push(format!("recomputing the prompts failed: {e:?}"));
    }
    let mine: Vec<(&String, &super::model::Cust)> =
        model.customers.iter().filter(|(_, c)| c.mine).collect();
    let step = mine.len() / 40 + 1;
    for (id, c) in mine.into_iter().step_by(step) {
        match app.search_customers(&c.name, carnet_app::ListOrder::Newest, 0, 50) {
            Ok(found) => {
                let there = found.customers.iter().any(|f| f.id == *id);
                let live = c.life == Life::Live;
                if there != live {
                    problems.push(format!(
                        "searching {:?} {} customer {id}, who is {}in the trash",
                        c.name,
                        if there { "finds" } else { "does not find" },
                        if live { "not " } else { "" }
                    ));
                }
            }
            Err(e) => problems.push(format!("searching {:?} failed: {e:?}", c.name)),
        }
    }
    drop(app);
    let conn = match Connection::open(&copy) {
        Ok(c) => c,
        Err(e) => return vec![format!("reopening the copy: {e}")],
    };
    if check_prompts {
        match prompts(&conn) {
            Ok(after) => problems.extend(compare_prompts(&conn, &before, &after)),
            Err(e) => problems.push(format!("reading the recomputed prompts: {e}")),
        }
    }
    for index in ["customer_search", "customer_short"] {
        if let Err(e) = conn.execute(
            &format!("INSERT INTO {index} ({index}) VALUES ('integrity-check')"),
            [],
        ) {
            problems.push(format!("FTS5 integrity-check of {index}: {e}"));
        }
    }
    capped(problems)
}

/// Where the stored prompts differ from the recomputed ones, by customer. A
/// `prompts_until` left empty (to be recomputed at the next rollover) is not a difference.
fn compare_prompts(
    conn: &Connection,
    before: &(Prompts, BTreeMap<String, Option<String>>),
    after: &(Prompts, BTreeMap<String, Option<String>>),
) -> Vec<String> {
    let mut by_customer: BTreeMap<&String, Vec<String>> = BTreeMap::new();
    for (key, stored) in &before.0 {
        match after.0.get(key) {
            None => by_customer.entry(&key.0).or_default().push(format!(
                "stored {} {stored}, which a recomputation drops",
                key.1
            )),
            Some(fresh) if fresh != stored => by_customer
                .entry(&key.0)
                .or_default()
                .push(format!("stored {} {stored}, recomputed {fresh}", key.1)),
            Some(_) => {}
        }
    }
    for (key, fresh) in &after.0 {
        if !before.0.contains_key(key) {
            by_customer.entry(&key.0).or_default().push(format!(
                "missing {} {fresh}, which a recomputation gives",
                key.1
            ));
        }
    }
    for (id, stored) in &before.1 {
        let fresh = after.1.get(id).cloned().flatten();
        if let Some(stored) = stored
            && Some(stored) != fresh.as_ref()
        {
            by_customer.entry(id).or_default().push(format!(
                "prompts_until {stored}, recomputed {}",
                fresh.as_deref().unwrap_or("none")
            ));
        }
    }
    by_customer
        .into_iter()
        .map(|(id, diffs)| {
            let name: String = conn
                .query_row("SELECT name FROM customers WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .unwrap_or_default();
            format!(
                "Today's prompts of {name} ({id}) are not what a recomputation gives: {}",
                diffs.join("; ")
            )
        })
        .collect()
}

/// The book opens and takes a new customer, who is then found by `carnet search`.
pub fn still_takes_a_write(book: &Path, name: &str, phone: &str) -> Vec<String> {
    let db = book.display().to_string();
    let added =
        crate::common::carnet_cmd(&["--db", &db, "add", "--name", name, "--phone", phone]).output();
    let added = match added {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim().to_owned(),
        Ok(o) => {
            return vec![format!(
                "after the crash, `carnet add` fails: {}",
                String::from_utf8_lossy(&o.stderr).trim()
            )];
        }
        Err(e) => return vec![format!("running carnet: {e}")],
    };
    match crate::common::carnet_cmd(&["--db", &db, "search", name]).output() {
        Ok(o) if o.status.success() && String::from_utf8_lossy(&o.stdout).contains(&added) => {
            Vec::new()
        }
        Ok(o) => vec![format!(
            "after the crash, `carnet search {name}` does not find the customer just added \
             ({added}): {}{}",
            String::from_utf8_lossy(&o.stdout).trim(),
            String::from_utf8_lossy(&o.stderr).trim()
        )],
        Err(e) => vec![format!("running carnet: {e}")],
    }
}

/// A backup file left by a killed `backup --out` is whole, if it is there at all.
pub fn whole_if_there(file: &Path) -> Vec<String> {
    if !file.exists() {
        return Vec::new();
    }
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
    match Connection::open_with_flags(file, flags) {
        Ok(conn) => integrity(&conn)
            .into_iter()
            .map(|p| {
                format!(
                    "the backup {} left by the killed command: {p}",
                    file.display()
                )
            })
            .collect(),
        Err(e) => vec![format!("the backup {} does not open: {e}", file.display())],
    }
}

/// The backup a restore read from is still there and whole: restoring never costs the
/// consultant the copy they restored.
pub fn backup_kept(file: &Path) -> Vec<String> {
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    if size == 0 {
        return vec![format!(
            "the backup {} that was restored from is gone (or empty) after the restore",
            file.display()
        )];
    }
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
    let tables = Connection::open_with_flags(file, flags).and_then(|c| {
        c.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        })
    });
    match tables {
        Ok(n) if n > 0 => whole_if_there(file),
        Ok(_) => vec![format!(
            "the backup {} that was restored from holds no book after the restore",
            file.display()
        )],
        Err(e) => vec![format!(
            "the backup {} that was restored from does not open after the restore: {e}",
            file.display()
        )],
    }
}
