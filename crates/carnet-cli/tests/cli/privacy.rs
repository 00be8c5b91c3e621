//! The passphrase on the command line, and what the CLI's log may hold.

use std::path::Path;
use std::process::Stdio;

use super::{common, db_arg, stderr, stdout};

/// `carnet --db BOOK ARGS` with `env`, its input not a terminal.
fn run(db: &str, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut all = vec!["--db", db];
    all.extend_from_slice(args);
    let mut cmd = common::carnet_cmd(&all);
    cmd.env_remove("CARNET_PASSPHRASE")
        .env_remove("CARNET_NEW_PASSPHRASE")
        .stdin(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run carnet")
}

/// `passphrase set` with a new passphrase too short: refused, saying why.
fn refuses_a_short_new_passphrase(db: &str) {
    let short = run(
        db,
        &["passphrase", "set"],
        &[("CARNET_NEW_PASSPHRASE", "short")],
    );
    assert!(!short.status.success());
    assert!(
        stderr(&short).contains("at least 8 characters"),
        "{}",
        stderr(&short)
    );
}

/// Every file in `dir` with its bytes.
fn files(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read");
            (p, bytes)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_passphrase_set_from_a_script_is_asked_for_and_a_wrong_one_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_arg(&dir.path().join("carnet.db"));
    assert!(
        run(
            &db,
            &["add", "--name", "张三", "--phone", "13812345678"],
            &[]
        )
        .status
        .success()
    );

    refuses_a_short_new_passphrase(&db);

    let set = run(
        &db,
        &["passphrase", "set"],
        &[("CARNET_NEW_PASSPHRASE", "春眠不觉晓处处闻啼鸟")],
    );
    assert!(set.status.success(), "{}", stderr(&set));
    assert!(
        stderr(&set).contains("can never be opened again"),
        "{}",
        stderr(&set)
    );

    // No passphrase and no terminal: refused, naming the variable; a wrong one changes nothing.
    let before = files(dir.path());
    let locked = run(&db, &["list"], &[]);
    assert!(!locked.status.success());
    assert!(
        stderr(&locked).contains("CARNET_PASSPHRASE"),
        "{}",
        stderr(&locked)
    );
    let wrong = run(&db, &["list"], &[("CARNET_PASSPHRASE", "春眠不觉晓")]);
    assert!(!wrong.status.success());
    assert!(
        stderr(&wrong).contains("does not open this book"),
        "{}",
        stderr(&wrong)
    );
    assert_eq!(files(dir.path()), before, "no file was touched");

    let right = [("CARNET_PASSPHRASE", "春眠不觉晓处处闻啼鸟")];
    assert!(stdout(&run(&db, &["list"], &right)).contains("张三"));
    assert!(stdout(&run(&db, &["passphrase", "status"], &right)).contains("is encrypted"));

    let changed = run(
        &db,
        &["passphrase", "change"],
        &[
            ("CARNET_PASSPHRASE", "春眠不觉晓处处闻啼鸟"),
            ("CARNET_NEW_PASSPHRASE", "夜来风雨声花落知多少"),
        ],
    );
    assert!(changed.status.success(), "{}", stderr(&changed));
    assert!(
        !run(&db, &["list"], &right).status.success(),
        "the old one no longer opens it"
    );
    let new = [("CARNET_PASSPHRASE", "夜来风雨声花落知多少")];
    // A backup restored with the book's passphrase (the backups follow it).
    let usb = db_arg(&dir.path().join("usb.db"));
    assert!(run(&db, &["backup", "--out", &usb], &new).status.success());
    let restored = run(&db, &["restore", &usb], &new);
    assert!(restored.status.success(), "{}", stderr(&restored));

    let removed = run(&db, &["passphrase", "remove"], &new);
    assert!(removed.status.success(), "{}", stderr(&removed));
    let plain = run(&db, &["list"], &[]);
    assert!(stdout(&plain).contains("张三"), "{}", stderr(&plain));
    assert!(stdout(&run(&db, &["passphrase", "status"], &[])).contains("not encrypted"));
}

/// Lines of `tracing` output: a timestamp, then a level (ANSI colours taken out).
fn log_lines(text: &str) -> Vec<String> {
    let mut plain = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            plain.push(c);
        }
    }
    plain
        .lines()
        .filter(|l| {
            let mut words = l.split_whitespace();
            let stamp = words.next().unwrap_or("");
            let level = words.next().unwrap_or("");
            stamp.starts_with("20") && ["TRACE", "DEBUG", "INFO", "WARN", "ERROR"].contains(&level)
        })
        // The time stamp is left out: its microseconds may spell a phone's last four digits.
        .map(|l| {
            l.split_once(char::is_whitespace)
                .map_or(l, |(_, rest)| rest)
                .to_owned()
        })
        .collect()
}

#[test]
fn the_clis_log_holds_no_customers_names_phones_or_notes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = db_arg(&dir.path().join("carnet.db"));
    let secret = [
        "欧阳娜娜",
        "13812345678",
        "1234 5678",
        "5678",
        "想要白色的车",
        "Quenby",
        "15987654321",
    ];
    let log = [("CARNET_LOG", "trace")];
    let mut all = String::new();
    let mut step = |args: &[&str], env: &[(&str, &str)]| -> String {
        let mut env = env.to_vec();
        env.extend_from_slice(&log);
        let out = run(&db, args, &env);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        all.push_str(&stderr(&out));
        stdout(&out)
    };
    let id = step(
        &["add", "--name", "欧阳娜娜", "--phone", "13812345678"],
        &[],
    );
    let id = id.trim().to_owned();
    let other = step(&["add", "--name", "Quenby", "--phone", "15987654321"], &[]);
    step(&["edit", &id, "--set", "notes=想要白色的车"], &[]);
    step(
        &["log", &id, "--kind", "call", "--note", "想要白色的车"],
        &[],
    );
    step(&["search", "欧阳"], &[]);
    step(&["search", "5678"], &[]);
    step(&["agenda"], &[]);
    let export = dir.path().join("carnet-欧阳娜娜.csv");
    step(
        &["export", "--format", "csv", "--out", &db_arg(&export)],
        &[],
    );
    step(
        &["import", &db_arg(&export), "--on-duplicate", "create"],
        &[],
    );
    step(
        &["backup", "--out", &db_arg(&dir.path().join("copy.db"))],
        &[],
    );
    step(&["trash", other.trim()], &[]);
    step(&["empty-trash"], &[]);
    step(
        &["passphrase", "set"],
        &[("CARNET_NEW_PASSPHRASE", "a long passphrase")],
    );
    step(&["list"], &[("CARNET_PASSPHRASE", "a long passphrase")]);
    let lines = log_lines(&all);
    assert!(
        lines.len() >= 5,
        "the log was captured: {} lines of\n{all}",
        lines.len()
    );
    for line in &lines {
        for s in secret {
            assert!(!line.contains(s), "{s:?} in the log: {line}");
        }
    }
}

/// A new passphrase is checked before the book is opened: a refused one creates, migrates
/// and backs up nothing.
#[test]
fn a_refused_new_passphrase_leaves_the_book_unopened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("carnet.db");
    refuses_a_short_new_passphrase(&db_arg(&book));
    assert!(!book.exists(), "the book was not created");
    assert!(!dir.path().join("backups").exists());
}
