//! A drawn command as run: its kind, the file it reads, its arguments and its log line.

use std::io::Write;
use std::path::Path;

use super::Op;

impl Op {
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
            // A lost reason is required for F, and ignored for the other levels.
            Op::Level { id, level, reason } => push(&[
                "level",
                id,
                level,
                "--lost-reason",
                "other",
                "--reason",
                reason,
            ]),
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
}
