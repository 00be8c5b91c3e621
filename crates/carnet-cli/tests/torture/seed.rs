//! The book every iteration starts from, and the typical duration of each command.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use rusqlite::Connection;

use super::model::{self, Book, Model};
use super::ops::{Ctx, Op};
use super::{Rng, check, done, now, run, stderr};

/// The book every iteration starts from (a copy of it), made once with `carnet demo`, and
/// the model of what it holds.
pub struct Seed {
    _dir: tempfile::TempDir,
    pub book: PathBuf,
    pub model: Model,
    pub day: chrono::NaiveDate,
}

impl Seed {
    pub fn make(customers: u32) -> Seed {
        let dir = tempfile::tempdir().expect("tempdir");
        let book = dir.path().join("seed.db");
        let day = now().date();
        let made = crate::common::carnet_cmd(&[
            "--db",
            &book.display().to_string(),
            "demo",
            "--customers",
            &customers.to_string(),
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
