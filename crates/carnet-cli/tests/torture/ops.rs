//! The `carnet` commands the suite runs: how each is drawn, its arguments, what it reports,
//! and what the book holds after it (the model after it, built from its report or, for a
//! command killed before it reported, from what the book shows of it).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

use chrono::{Days, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension};

use super::Rng;
use super::model::{Cust, Import, Known, Life, Link, Model};

/// Everything one iteration draws its commands from.
pub struct Ctx {
    pub dir: PathBuf,
    /// Makes names, phones, notes and file names unique within the iteration.
    pub n: u64,
    /// Whole copies of the book this iteration made (`backup --out`, an import's own) and
    /// the model each holds.
    pub backups: Vec<(PathBuf, Model)>,
    pub now: NaiveDateTime,
    /// Rows of a generated import: from `min_rows` to `max_rows` new customers.
    pub min_rows: usize,
    pub max_rows: usize,
}

impl Ctx {
    fn next(&mut self) -> u64 {
        self.n += 1;
        self.n
    }

    fn today(&self) -> NaiveDate {
        self.now.date()
    }
}

const SURNAMES: [&str; 10] = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"];
const GIVEN: [char; 24] = [
    '甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸', '子', '丑', '寅', '卯', '辰', '巳',
    '午', '未', '申', '酉', '戌', '亥', '春', '秋',
];

/// A name no one else in the iteration has: a surname and four characters spelling `n`.
pub fn unique_name(rng: &mut Rng, n: u64) -> String {
    let mut name = (*rng.pick(&SURNAMES)).to_owned();
    let mut rest = n;
    for _ in 0..4 {
        name.push(GIVEN[usize::try_from(rest % 24).unwrap_or(0)]);
        rest /= 24;
    }
    name
}

/// A mobile number no demo customer has (the demo draws no 166 or 198 numbers).
fn unique_phone(prefix: &str, n: u64) -> String {
    format!("{prefix}{:08}", n % 100_000_000)
}

#[derive(Clone, Debug)]
pub struct NewRow {
    pub name: String,
    pub phone: String,
    pub company: String,
    pub notes: String,
}

/// A row for a customer already in the book: fills their empty company and hobbies.
#[derive(Clone, Debug)]
pub struct Fill {
    pub id: String,
    pub name: String,
    pub phone: String,
    pub company: String,
    pub hobbies: String,
}

#[derive(Clone, Debug)]
pub enum Op {
    Add {
        name: String,
        phone: Option<String>,
    },
    Edit {
        id: String,
        /// Field, the value typed, the value read back.
        sets: Vec<(&'static str, String, String)>,
    },
    Log {
        id: String,
        kind: &'static str,
        outcome: &'static str,
        at: String,
        next: String,
        satisfaction: String,
        note: String,
    },
    Level {
        id: String,
        level: &'static str,
        reason: String,
    },
    Order {
        id: String,
        price: u64,
        expected_delivery: String,
    },
    Deliver {
        id: String,
        vin: String,
        plate: String,
    },
    Family {
        id: String,
        name: String,
        relation: &'static str,
        birthday: Option<String>,
        lunar: bool,
    },
    Import {
        file: PathBuf,
        rows: Vec<NewRow>,
        fills: Vec<Fill>,
    },
    UndoImport {
        id: String,
    },
    Merge {
        survivor: String,
        loser: String,
    },
    Trash {
        id: String,
    },
    RestoreCustomer {
        id: String,
    },
    EmptyTrash,
    Backup {
        file: PathBuf,
    },
    RestoreBook {
        file: PathBuf,
        model: Box<Model>,
        /// Restored from an automatic backup three days old: `prepare` copies this backup
        /// into the book's backups folder under such a name, beside a newer one of the same
        /// day (as a consultant's folder holds after a few days of use), and the restore
        /// picks the older.
        aged_from: Option<PathBuf>,
    },
}

/// Every kind of command, with how often it is drawn.
pub const KINDS: [(&str, u64); 15] = [
    ("add", 10),
    ("edit", 8),
    ("log", 12),
    ("level", 8),
    ("order", 5),
    ("deliver", 4),
    ("family", 6),
    ("import", 9),
    ("undo-import", 5),
    ("merge", 7),
    ("trash", 5),
    ("restore", 4),
    ("empty-trash", 4),
    ("backup", 6),
    ("restore-book", 6),
];

/// What a command printed when it finished: the id it prints, its JSON, or only its exit
/// status (`level`, `trash`, `restore ID` print nothing) or its message on stderr.
#[derive(Clone, Debug)]
pub enum Report {
    Id(String),
    Json(serde_json::Value),
    Done,
}

/// Why there is no model after a command.
#[derive(Clone, Debug)]
pub enum NotThere {
    /// The book shows nothing of it.
    NotApplied,
    /// The book shows part of it.
    Half(String),
}

fn io_err(e: impl std::fmt::Display) -> NotThere {
    NotThere::Half(format!("reading the book: {e}"))
}

fn pick_live(rng: &mut Rng, model: &Model, prefer_mine: bool) -> Option<String> {
    let live: Vec<(&String, &Cust)> = model
        .customers
        .iter()
        .filter(|(_, c)| c.life == Life::Live)
        .collect();
    let mine: Vec<&String> = live
        .iter()
        .filter(|(_, c)| c.mine)
        .map(|(id, _)| *id)
        .collect();
    if prefer_mine && !mine.is_empty() && rng.chance(0.5) {
        return Some((*rng.pick(&mine)).clone());
    }
    if live.is_empty() {
        return None;
    }
    Some(rng.pick(&live).0.clone())
}

impl Op {
    /// A command of a kind drawn by weight that the model allows (an undo needs an import,
    /// a restore a backup, …).
    pub fn draw(rng: &mut Rng, model: &Model, ctx: &mut Ctx) -> Op {
        let total: u64 = KINDS.iter().map(|(_, w)| w).sum();
        loop {
            let mut roll = rng.below(total);
            let kind = KINDS
                .iter()
                .find(|(_, w)| {
                    if roll < *w {
                        true
                    } else {
                        roll -= w;
                        false
                    }
                })
                .map_or("add", |(k, _)| *k);
            if let Some(op) = Op::of_kind(kind, rng, model, ctx) {
                return op;
            }
        }
    }

    /// A command of `kind`, or `None` when the model has nothing it could work on.
    pub fn of_kind(kind: &str, rng: &mut Rng, model: &Model, ctx: &mut Ctx) -> Option<Op> {
        let n = ctx.next();
        let today = ctx.today();
        let day = |d: u64| {
            today
                .checked_add_days(Days::new(d))
                .unwrap_or(today)
                .format("%Y-%m-%d")
                .to_string()
        };
        Some(match kind {
            "add" => Op::Add {
                name: unique_name(rng, n),
                phone: rng.chance(0.9).then(|| unique_phone("198", n)),
            },
            "edit" => {
                let id = pick_live(rng, model, true)?;
                let mut fields: Vec<&'static str> = super::model::FIELDS.to_vec();
                rng.shuffle(&mut fields);
                let count = 2 + usize::try_from(rng.below(4)).unwrap_or(0);
                fields.truncate(count);
                // The first field is a text one: what a killed edit is told apart by.
                match fields.iter().position(|f| !matches!(*f, "budget" | "tags")) {
                    Some(text) => fields.swap(0, text),
                    None => fields.insert(0, "notes"),
                }
                let sets = fields
                    .into_iter()
                    .map(|f| match f {
                        "budget" => {
                            let lo = 5 + rng.below(30);
                            let hi = lo + 1 + rng.below(10);
                            (
                                f,
                                format!("{lo}-{hi}万"),
                                format!("{}-{}", lo * 10_000, hi * 10_000),
                            )
                        }
                        "tags" => (f, format!("t{n},k{n}"), format!("t{n},k{n}")),
                        _ => (f, format!("{f} {n}"), format!("{f} {n}")),
                    })
                    .collect();
                Op::Edit { id, sets }
            }
            "log" => {
                let id = pick_live(rng, model, true)?;
                let kind = *rng.pick(&[
                    "call",
                    "call",
                    "visit",
                    "message",
                    "test_drive",
                    "quote",
                    "service",
                    "complaint",
                ]);
                let outcome = match kind {
                    "call" | "message" => *rng.pick(&["reached", "not_reached", "declined"]),
                    _ => "",
                };
                let at = if rng.chance(0.3) {
                    let hours = 1 + rng.below(72);
                    (ctx.now - chrono::Duration::hours(i64::try_from(hours).unwrap_or(1)))
                        .format("%Y-%m-%d %H:%M")
                        .to_string()
                } else {
                    String::new()
                };
                let next = if rng.chance(0.6) {
                    let d = day(1 + rng.below(20));
                    if rng.chance(0.3) {
                        format!("{d} {:02}:{:02}", 9 + rng.below(9), 15 * rng.below(4))
                    } else {
                        d
                    }
                } else {
                    String::new()
                };
                let satisfaction = if kind == "service" && rng.chance(0.7) {
                    (1 + rng.below(5)).to_string()
                } else {
                    String::new()
                };
                Op::Log {
                    id,
                    kind,
                    outcome,
                    at,
                    next,
                    satisfaction,
                    note: format!("log {n}"),
                }
            }
            "level" => {
                let id = pick_live(rng, model, true)?;
                let now = model.customers.get(&id).and_then(|c| c.level.clone());
                let choices: Vec<&'static str> = ["N", "H", "A", "B", "C", "F"]
                    .into_iter()
                    .filter(|l| now.as_deref() != Some(*l))
                    .collect();
                let level = rng.one(&choices);
                Op::Level {
                    id,
                    level,
                    reason: format!("reason {n}"),
                }
            }
            "order" => Op::Order {
                id: pick_live(rng, model, true)?,
                price: 100_000 + n,
                expected_delivery: if rng.chance(0.5) {
                    day(10 + rng.below(30))
                } else {
                    String::new()
                },
            },
            "deliver" => {
                const VIN: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
                let vin: String = (0..17).map(|_| char::from(*rng.pick(VIN))).collect();
                Op::Deliver {
                    id: pick_live(rng, model, true)?,
                    vin: if rng.chance(0.8) { vin } else { String::new() },
                    plate: format!("粤B{:05}", n % 100_000),
                }
            }
            "family" => {
                let id = pick_live(rng, model, true)?;
                let birthday = rng
                    .chance(0.7)
                    .then(|| format!("{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)));
                let relation: &'static str =
                    rng.one(&["wife", "husband", "son", "daughter", "father", "mother"]);
                Op::Family {
                    id,
                    name: unique_name(rng, n),
                    relation,
                    lunar: birthday.is_some() && rng.chance(0.5),
                    birthday,
                }
            }
            "import" => {
                let span = ctx.max_rows.saturating_sub(ctx.min_rows) as u64 + 1;
                let count = ctx.min_rows + usize::try_from(rng.below(span)).unwrap_or(0);
                let rows = (0..count)
                    .map(|_| {
                        let n = ctx.next();
                        NewRow {
                            name: unique_name(rng, n),
                            phone: unique_phone("166", n),
                            company: format!("co {n}"),
                            notes: format!("imported {n}"),
                        }
                    })
                    .collect();
                let mut targets: Vec<(&String, &Cust)> = model
                    .customers
                    .iter()
                    .filter(|(_, c)| {
                        c.life == Life::Live
                            && c.phone.is_some()
                            && c.known("company") == Known::Empty
                            && c.known("hobbies") == Known::Empty
                    })
                    .collect();
                rng.shuffle(&mut targets);
                targets.truncate(usize::try_from(rng.below(4)).unwrap_or(0));
                let fills = targets
                    .into_iter()
                    .map(|(id, c)| Fill {
                        id: id.clone(),
                        name: c.name.clone(),
                        phone: c.phone.clone().unwrap_or_default(),
                        company: format!("filled co {n}"),
                        hobbies: format!("filled hobbies {n}"),
                    })
                    .collect();
                Op::Import {
                    file: ctx.dir.join(format!("import-{n}.csv")),
                    rows,
                    fills,
                }
            }
            "undo-import" => {
                let open: Vec<&String> = model
                    .imports
                    .iter()
                    .filter(|(_, i)| !i.undone)
                    .map(|(id, _)| id)
                    .collect();
                if open.is_empty() {
                    return None;
                }
                Op::UndoImport {
                    id: (*rng.pick(&open)).clone(),
                }
            }
            "merge" => {
                let survivor = pick_live(rng, model, true)?;
                let loser = pick_live(rng, model, true)?;
                if survivor == loser {
                    return None;
                }
                Op::Merge { survivor, loser }
            }
            "trash" => Op::Trash {
                id: pick_live(rng, model, true)?,
            },
            "restore" => {
                let trashed = model.ids(Life::Trash);
                if trashed.is_empty() {
                    return None;
                }
                Op::RestoreCustomer {
                    id: rng.pick(&trashed).clone(),
                }
            }
            "empty-trash" => Op::EmptyTrash,
            "backup" => Op::Backup {
                file: ctx.dir.join(format!("backup-{n}.db")),
            },
            "restore-book" => {
                if ctx.backups.is_empty() {
                    return None;
                }
                let (file, model) = rng.pick(&ctx.backups).clone();
                let (file, aged_from) = if rng.chance(0.3) {
                    let day = (chrono::Utc::now() - chrono::Duration::days(3)).format("%Y%m%d");
                    let aged = ctx
                        .dir
                        .join("backups")
                        .join(format!("carnet-{day}-080000.000-daily.db"));
                    (aged, Some(file))
                } else {
                    (file, None)
                };
                Op::RestoreBook {
                    file,
                    model: Box::new(model),
                    aged_from,
                }
            }
            _ => return None,
        })
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Op::Add { .. } => "add",
            Op::Edit { .. } => "edit",
            Op::Log { .. } => "log",
            Op::Level { .. } => "level",
            Op::Order { .. } => "order",
            Op::Deliver { .. } => "deliver",
            Op::Family { .. } => "family",
            Op::Import { .. } => "import",
            Op::UndoImport { .. } => "undo-import",
            Op::Merge { .. } => "merge",
            Op::Trash { .. } => "trash",
            Op::RestoreCustomer { .. } => "restore",
            Op::EmptyTrash => "empty-trash",
            Op::Backup { .. } => "backup",
            Op::RestoreBook { .. } => "restore-book",
        }
    }

    /// Writes what the command reads (an import's CSV).
    pub fn prepare(&self) -> std::io::Result<()> {
        if let Op::RestoreBook {
            file,
            aged_from: Some(from),
            ..
        } = self
        {
            let newer = file.with_file_name(
                file.file_name()
                    .map(|f| f.to_string_lossy().replace("-080000.000-", "-080100.000-"))
                    .unwrap_or_default(),
            );
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::copy(from, file)?;
            std::fs::copy(from, newer)?;
            return Ok(());
        }
        let Op::Import { file, rows, fills } = self else {
            return Ok(());
        };
        let mut csv = std::io::BufWriter::new(std::fs::File::create(file)?);
        writeln!(csv, "姓名,电话,单位,爱好,备注")?;
        // The rows for customers already there come among the new ones.
        let every = rows.len() / (fills.len() + 1) + 1;
        let mut fills = fills.iter();
        for (i, r) in rows.iter().enumerate() {
            if i > 0
                && i % every == 0
                && let Some(f) = fills.next()
            {
                writeln!(csv, "{},{},{},{},", f.name, f.phone, f.company, f.hobbies)?;
            }
            writeln!(csv, "{},{},{},,{}", r.name, r.phone, r.company, r.notes)?;
        }
        for f in fills {
            writeln!(csv, "{},{},{},{},", f.name, f.phone, f.company, f.hobbies)?;
        }
        csv.flush()
    }

    /// The arguments after `carnet --db BOOK`.
    pub fn args(&self, book: &Path) -> Vec<String> {
        let mut a: Vec<String> = vec!["--db".into(), book.display().to_string()];
        let mut push = |items: &[&str]| a.extend(items.iter().map(|s| (*s).to_owned()));
        match self {
            Op::Add { name, phone } => {
                push(&["add", "--name", name]);
                if let Some(p) = phone {
                    push(&["--phone", p]);
                }
            }
            Op::Edit { id, sets } => {
                push(&["edit", id]);
                for (field, typed, _) in sets {
                    push(&["--set", &format!("{field}={typed}")]);
                }
            }
            Op::Log {
                id,
                kind,
                outcome,
                at,
                next,
                satisfaction,
                note,
            } => {
                push(&["log", id, "--kind", kind, "--note", note]);
                for (flag, value) in [
                    ("--outcome", *outcome),
                    ("--at", at.as_str()),
                    ("--next", next.as_str()),
                    ("--satisfaction", satisfaction.as_str()),
                ] {
                    if !value.is_empty() {
                        push(&[flag, value]);
                    }
                }
            }
            Op::Level { id, level, reason } => push(&["level", id, level, "--reason", reason]),
            Op::Order {
                id,
                price,
                expected_delivery,
            } => {
                push(&["order", id, "--model", "汉", "--price", &price.to_string()]);
                if !expected_delivery.is_empty() {
                    push(&["--expected-delivery", expected_delivery]);
                }
            }
            Op::Deliver { id, vin, plate } => {
                push(&["deliver", id, "--plate", plate]);
                if !vin.is_empty() {
                    push(&["--vin", vin]);
                }
            }
            Op::Family {
                id,
                name,
                relation,
                birthday,
                lunar,
            } => {
                push(&["family", "add", id, "--name", name, "--relation", relation]);
                if let Some(b) = birthday {
                    push(&["--birthday", b]);
                }
                if *lunar {
                    push(&["--lunar"]);
                }
            }
            Op::Import { file, .. } => push(&[
                "import",
                &file.display().to_string(),
                "--on-duplicate",
                "update",
                "--json",
            ]),
            Op::UndoImport { id } => push(&["import", "--undo", id, "--json"]),
            Op::Merge { survivor, loser } => push(&["merge", survivor, loser]),
            Op::Trash { id } => push(&["trash", id]),
            Op::RestoreCustomer { id } => push(&["restore", id]),
            Op::EmptyTrash => push(&["empty-trash"]),
            Op::Backup { file } => push(&["backup", "--out", &file.display().to_string()]),
            Op::RestoreBook { file, .. } => push(&["restore", &file.display().to_string()]),
        }
        a
    }

    /// One line for the log.
    pub fn describe(&self) -> String {
        match self {
            Op::Import { rows, fills, .. } => {
                format!("import ({} new rows, {} fills)", rows.len(), fills.len())
            }
            Op::Edit { sets, .. } => {
                let fields: Vec<&str> = sets.iter().map(|(f, _, _)| *f).collect();
                format!("edit ({})", fields.join(","))
            }
            Op::Level { level, .. } => format!("level {level}"),
            Op::Log { kind, .. } => format!("log {kind}"),
            Op::RestoreBook {
                file,
                aged_from: Some(_),
                ..
            } => format!(
                "restore backups/{}",
                file.file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ),
            Op::RestoreBook { file, .. } => format!(
                "restore {}",
                file.file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ),
            other => other.kind().to_owned(),
        }
    }

    /// What the command reported: `None` unless it printed its result (or, for the commands
    /// that print nothing, exited 0). A command killed after printing its result reported it.
    pub fn report(&self, out: &Output, killed: bool) -> Option<Report> {
        if !killed && !out.status.success() {
            return None;
        }
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let id = || {
            let line = stdout.trim();
            (line.len() == 36 && line.chars().filter(|c| *c == '-').count() == 4)
                .then(|| Report::Id(line.to_owned()))
        };
        let json = || serde_json::from_str(&stdout).ok().map(Report::Json);
        let said = |text: &str| stderr.contains(text).then_some(Report::Done);
        match self {
            Op::Add { .. }
            | Op::Edit { .. }
            | Op::Log { .. }
            | Op::Order { .. }
            | Op::Deliver { .. }
            | Op::Family { .. }
            | Op::Merge { .. } => id(),
            Op::Import { .. } | Op::UndoImport { .. } => json(),
            Op::EmptyTrash => said("Erased ").or_else(|| said("The trash is empty")),
            Op::Backup { .. } => said("backed up "),
            Op::RestoreBook { .. } => said("restored: "),
            Op::Level { .. } | Op::Trash { .. } | Op::RestoreCustomer { .. } => {
                (!killed).then_some(Report::Done)
            }
        }
    }

    /// The model after this command, given the model before it. With a report, the command
    /// is done; without one (it was killed), the book says whether it got in: by the mark
    /// each command leaves (a unique name, note, price, plate, reason, file name, or the
    /// loser being gone), `NotApplied` when there is none.
    pub fn after(
        &self,
        pre: &Model,
        report: Option<&Report>,
        conn: &Connection,
    ) -> Result<Model, NotThere> {
        let mut m = pre.clone();
        let reported_id = match report {
            Some(Report::Id(id)) => Some(id.clone()),
            _ => None,
        };
        let one = |sql: &str, key: &dyn rusqlite::ToSql| -> Result<Option<String>, NotThere> {
            conn.query_row(sql, [key], |r| r.get(0))
                .optional()
                .map_err(io_err)
        };
        let found = |id: Option<String>| id.ok_or(NotThere::NotApplied);
        match self {
            Op::Add { name, phone } => {
                let id = match reported_id {
                    Some(id) => id,
                    None => found(one("SELECT id FROM customers WHERE name = ?1", name)?)?,
                };
                m.customers
                    .insert(id, Cust::new_mine(name, phone.as_deref()));
            }
            Op::Edit { id, sets } => {
                if report.is_none() {
                    let (field, _, want) = &sets[0];
                    let now = one(&format!("SELECT {field} FROM customers WHERE id = ?1"), id)?;
                    if now.as_deref() != Some(want.as_str()) {
                        return Err(NotThere::NotApplied);
                    }
                }
                if let Some(c) = m.customers.get_mut(id) {
                    for (field, _, want) in sets {
                        c.fields.insert(field, Known::Is(want.clone()));
                    }
                }
            }
            Op::Log { id, note, .. } => {
                let logged = match reported_id {
                    Some(i) => i,
                    None => found(one("SELECT id FROM interactions WHERE notes = ?1", note)?)?,
                };
                m.interactions.insert(logged, id.clone());
            }
            Op::Level { id, level, reason } => {
                if report.is_none()
                    && one(
                        "SELECT customer_id FROM level_changes WHERE reason = ?1",
                        reason,
                    )?
                    .is_none()
                {
                    return Err(NotThere::NotApplied);
                }
                if let Some(c) = m.customers.get_mut(id) {
                    c.level = Some((*level).to_owned());
                    c.level_changes += 1;
                }
            }
            Op::Order { id, price, .. } => {
                let logged = match reported_id {
                    Some(i) => i,
                    None => found(one(
                        "SELECT id FROM interactions WHERE kind = 'order' AND price = ?1",
                        &i64::try_from(*price).unwrap_or(0),
                    )?)?,
                };
                m.interactions.insert(logged, id.clone());
                if let Some(c) = m.customers.get_mut(id) {
                    c.level = Some("O".to_owned());
                    c.level_changes += 1;
                }
            }
            Op::Deliver { id, plate, .. } => {
                let logged = match reported_id {
                    Some(i) => i,
                    None => found(one("SELECT id FROM interactions WHERE plate = ?1", plate)?)?,
                };
                m.interactions.insert(logged, id.clone());
                if let Some(c) = m.customers.get_mut(id) {
                    c.level = Some("D".to_owned());
                    c.level_changes += 1;
                }
            }
            Op::Family { id, name, .. } => {
                let member = match reported_id {
                    Some(i) => i,
                    None => found(one("SELECT id FROM family_members WHERE name = ?1", name)?)?,
                };
                m.family.insert(member, id.clone());
            }
            Op::Import { file, rows, fills } => {
                let file_name = file
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let import_id = match report {
                    Some(Report::Json(v)) => v["id"].as_str().map(str::to_owned),
                    _ => one("SELECT id FROM imports WHERE file_name = ?1", &file_name)?,
                };
                let Some(import_id) = import_id else {
                    let strays = rows
                        .iter()
                        .filter(|r| {
                            matches!(
                                one("SELECT id FROM customers WHERE name = ?1", &r.name),
                                Ok(Some(_))
                            )
                        })
                        .count();
                    return Err(if strays == 0 {
                        NotThere::NotApplied
                    } else {
                        NotThere::Half(format!(
                            "{strays} of the {} customers of {file_name} are in the book without \
                             its import record",
                            rows.len()
                        ))
                    });
                };
                let mut created: BTreeMap<String, String> = BTreeMap::new();
                let mut stmt = conn
                    .prepare(
                        "SELECT c.name, c.id FROM import_customers l
                         JOIN customers c ON c.id = l.customer_id
                         WHERE l.import_id = ?1 AND l.created = 1",
                    )
                    .map_err(io_err)?;
                let linked = stmt
                    .query_map([&import_id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .map_err(io_err)?;
                for pair in linked {
                    let (name, id): (String, String) = pair.map_err(io_err)?;
                    created.insert(name, id);
                }
                let missing = rows
                    .iter()
                    .filter(|r| !created.contains_key(&r.name))
                    .count();
                if missing > 0 || created.len() != rows.len() {
                    return Err(NotThere::Half(format!(
                        "import {import_id} ({file_name}) is recorded, but {missing} of its {} \
                         new customers are not linked to it ({} are)",
                        rows.len(),
                        created.len()
                    )));
                }
                let mut links = BTreeMap::new();
                for r in rows {
                    let id = created[&r.name].clone();
                    let mut c = Cust::new_mine(&r.name, Some(&r.phone));
                    c.fields.insert("company", Known::Is(r.company.clone()));
                    c.fields.insert("notes", Known::Is(r.notes.clone()));
                    m.customers.insert(id.clone(), c);
                    links.insert(
                        id,
                        Link {
                            created: true,
                            filled: Vec::new(),
                        },
                    );
                }
                for f in fills {
                    if let Some(c) = m.customers.get_mut(&f.id) {
                        c.fields.insert("company", Known::Is(f.company.clone()));
                        c.fields.insert("hobbies", Known::Is(f.hobbies.clone()));
                    }
                    links.insert(
                        f.id.clone(),
                        Link {
                            created: false,
                            filled: vec![
                                ("company", f.company.clone()),
                                ("hobbies", f.hobbies.clone()),
                            ],
                        },
                    );
                }
                m.imports.insert(
                    import_id,
                    Import {
                        file_name,
                        created: i64::try_from(rows.len()).unwrap_or(0),
                        undone: false,
                        links,
                    },
                );
            }
            Op::UndoImport { id } => {
                if report.is_none()
                    && one(
                        "SELECT id FROM imports WHERE id = ?1 AND undone_at IS NOT NULL",
                        id,
                    )?
                    .is_none()
                {
                    return Err(NotThere::NotApplied);
                }
                let Some(import) = m.imports.get_mut(id) else {
                    return Err(NotThere::Half(format!("import {id} is not in the model")));
                };
                import.undone = true;
                let links = import.links.clone();
                for (customer, link) in links {
                    let Some(c) = m.customers.get_mut(&customer) else {
                        continue;
                    };
                    if link.created {
                        c.life = Life::Trash;
                        continue;
                    }
                    for (field, value) in link.filled {
                        match c.known(field) {
                            Known::Is(v) if v == value => {
                                c.fields.insert(field, Known::Empty);
                            }
                            Known::Unknown => {
                                c.fields.insert(field, Known::Unknown);
                            }
                            _ => {}
                        }
                    }
                }
            }
            Op::Merge { survivor, loser } => {
                if report.is_none()
                    && one("SELECT id FROM customers WHERE id = ?1", loser)?.is_some()
                {
                    return Err(NotThere::NotApplied);
                }
                m.merge(survivor, loser);
            }
            Op::Trash { id } | Op::RestoreCustomer { id } => {
                let to_trash = matches!(self, Op::Trash { .. });
                if report.is_none() {
                    let trashed = one(
                        "SELECT id FROM customers WHERE id = ?1 AND deleted_at IS NOT NULL",
                        id,
                    )?
                    .is_some();
                    if trashed != to_trash {
                        return Err(NotThere::NotApplied);
                    }
                }
                if let Some(c) = m.customers.get_mut(id) {
                    c.life = if to_trash { Life::Trash } else { Life::Live };
                }
            }
            Op::EmptyTrash => {
                let trashed = m.ids(Life::Trash);
                if report.is_none() {
                    let mut gone = 0;
                    for id in &trashed {
                        if one("SELECT id FROM customers WHERE id = ?1", id)?.is_none() {
                            gone += 1;
                        }
                    }
                    if gone == 0 {
                        return Err(NotThere::NotApplied);
                    }
                }
                for id in trashed {
                    m.erase(&id);
                }
            }
            Op::Backup { .. } => {}
            Op::RestoreBook { model, .. } => m = (**model).clone(),
        }
        Ok(m)
    }
}
