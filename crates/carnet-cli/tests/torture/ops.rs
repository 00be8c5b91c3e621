//! The `carnet` commands the suite runs: how each is drawn, its arguments, what it reports,
//! and what the book holds after it (the model after it, built from its report or, for a
//! command killed before it reported, from what the book shows of it).

use std::path::PathBuf;

use super::Rng;
use super::model::{Cust, Life, Model};
use chrono::{NaiveDate, NaiveDateTime};

mod after;
mod command;
mod draw;

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
