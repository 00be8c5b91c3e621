//! Reading a fixture as an import reads it, and checking it against the known gaps.

use std::path::{Path, PathBuf};

use carnet_io::mapping::{self, Mapping, RowDraft};
use carnet_io::{Format, Source, Table};

use super::{KNOWN_GAPS, known_gap};

pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// A file as an import reads it: the table, the guessed mapping and the rows it yields.
pub(crate) struct Read {
    pub(crate) format: Format,
    pub(crate) table: Table,
    pub(crate) mapping: Mapping,
    pub(crate) rows: Vec<RowDraft>,
}

pub(crate) fn read(file: &str) -> Read {
    let path = fixtures().join(file);
    let source = carnet_io::read_file(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let Source::Table { format, table } = source else {
        panic!("{file}: not a table");
    };
    let mapping = mapping::guess(&table, &Default::default());
    let rows = mapping::rows(&table, &mapping, format == Format::Vcard);
    Read {
        format,
        table,
        mapping,
        rows,
    }
}

impl Read {
    /// The row numbered `n` (a card's number in a vCard file, the sheet's 1-based row
    /// otherwise).
    pub(crate) fn row(&self, n: usize) -> Option<&RowDraft> {
        self.rows.iter().find(|r| r.row == n)
    }

    /// The column mapped to `target`, if any.
    pub(crate) fn column(&self, target: &str) -> Option<usize> {
        self.mapping
            .columns
            .iter()
            .position(|c| c.as_deref() == Some(target))
    }
}

/// The checks of one file. Each has a fixed name; [`Checks::finish`] compares the failed
/// ones with [`KNOWN_GAPS`].
pub(crate) struct Checks {
    file: &'static str,
    failed: Vec<(String, String)>,
    passed: Vec<String>,
}

impl Checks {
    pub(crate) fn new(file: &'static str) -> Checks {
        Checks {
            file,
            failed: Vec::new(),
            passed: Vec::new(),
        }
    }

    pub(crate) fn that(&mut self, name: &str, ok: bool, detail: impl FnOnce() -> String) {
        assert!(
            !self
                .passed
                .iter()
                .chain(self.failed.iter().map(|(n, _)| n))
                .any(|n| n == name),
            "{}: two checks named {name:?}",
            self.file
        );
        if ok {
            self.passed.push(name.to_owned());
        } else {
            self.failed.push((name.to_owned(), detail()));
        }
    }

    pub(crate) fn eq<T: PartialEq + std::fmt::Debug>(&mut self, name: &str, got: T, want: T) {
        let ok = got == want;
        self.that(name, ok, || format!("got {got:?}, the file has {want:?}"));
    }

    /// The problems of this file's checks: failures not listed in [`KNOWN_GAPS`], listed
    /// ones that pass now, and listed ones that are no check.
    pub(crate) fn finish(self) -> Vec<String> {
        let mut problems = Vec::new();
        for (name, detail) in &self.failed {
            if !known_gap(self.file, name) {
                problems.push(format!("FAILED {name:?}: {detail}"));
            }
        }
        for name in &self.passed {
            if known_gap(self.file, name) {
                problems.push(format!(
                    "FIXED {name:?}: the reader gets this right now; take it off KNOWN_GAPS \
                     (and KNOWN_GAPS.md)"
                ));
            }
        }
        // An entry naming this file and one check exactly must name a check that ran.
        for (file, check) in KNOWN_GAPS {
            let exact = !file.contains('*') && !check.contains('*');
            let ran = self.passed.iter().chain(self.failed.iter().map(|(n, _)| n));
            if exact && *file == self.file && !ran.clone().any(|n| n == check) {
                problems.push(format!("KNOWN_GAPS names {check:?}, which is not a check"));
            }
        }
        problems
            .into_iter()
            .map(|p| format!("{}: {p}", self.file))
            .collect()
    }
}

/// Fails with every problem of every file checked, so one file's gap hides no other's.
pub(crate) fn report(problems: impl IntoIterator<Item = Vec<String>>) {
    let all: Vec<String> = problems.into_iter().flatten().collect();
    assert!(all.is_empty(), "\n{}", all.join("\n"));
}
