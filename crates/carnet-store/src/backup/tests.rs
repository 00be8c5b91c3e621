//! Backups: whole copies, names, the rotation.

use std::path::Path;

use chrono::TimeZone;

use rusqlite::Connection;

use super::*;
use crate::test_support::*;
use crate::*;

#[test]
fn a_backup_is_a_complete_readable_copy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("carnet.db")).expect("open");
    store
        .write(|w| w.insert_customer(&facts("王五", None)))
        .expect("insert");
    let dest = dir.path().join("usb").join("copy.db");
    store.backup_to(&dest).expect("backup");
    let copy = Store::open(&dest).expect("open copy");
    assert_eq!(copy.customers().expect("list")[0].profile.name, "王五");
    assert!(!dest.with_extension("partial").exists());
}

#[test]
fn a_backup_holds_every_commit_whether_the_file_is_copied_or_the_online_backup_runs() {
    let (dir, book, store) = book_with_wang_wu();
    let check = |dest: &Path, expected: &[&str]| {
        assert_one_whole_file(dest);
        assert_eq!(names_in(dest), expected);
        let mut log = dest.as_os_str().to_owned();
        log.push("-wal");
        assert!(!Path::new(&log).exists() || std::fs::metadata(&log).expect("log").len() == 0);
    };
    // Nothing else reading: the file is copied whole (an open transaction, or a book in
    // memory, leave it to the online backup).
    let plain = dir.path().join("a.db");
    let memory = Store::open_in_memory().expect("memory");
    assert_eq!(
        crate::backup::copy_whole_file(&memory.conn, &plain, ReadBack::Compare).expect("memory"),
        None
    );
    assert_eq!(
        store.backup_to(&plain).expect("backup"),
        CopyMade::SameBytes
    );
    check(&plain, &["王五"]);

    // Another connection reads an older state while a new customer sits in the log: the
    // log cannot be copied into the book, and the online backup copies both.
    let reader = Connection::open(&book).expect("reader");
    reader.execute_batch("BEGIN").expect("begin");
    let seen: i64 = reader
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .expect("read");
    assert_eq!(seen, 1);
    store
        .write(|w| w.insert_customer(&facts("赵六", None)))
        .expect("insert");
    let busy = dir.path().join("b.db");
    let probe = dir.path().join("probe.db");
    assert_eq!(
        crate::backup::copy_whole_file(&store.conn, &probe, ReadBack::Compare).expect("probe"),
        None,
        "not while a reader holds an older state"
    );
    assert_eq!(
        store.backup_to(&busy).expect("backup while read"),
        CopyMade::Online
    );
    check(&busy, &["王五", "赵六"]);
    reader.execute_batch("COMMIT").expect("end");

    // The reader gone, the file is copied whole again.
    assert_eq!(
        crate::backup::copy_whole_file(&store.conn, &probe, ReadBack::Compare).expect("probe"),
        Some(true)
    );
    let after = dir.path().join("c.db");
    store.backup_to(&after).expect("backup");
    check(&after, &["王五", "赵六"]);
}

#[test]
fn rotation_keeps_seven_daily_four_weekly_twelve_monthly() {
    let now = chrono::Utc
        .with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
        .single()
        .expect("now");
    // Two backups a day for two years, newest first.
    let times: Vec<_> = (0..730 * 2)
        .map(|i| now - chrono::Duration::hours(12 * i64::from(i) + 1))
        .collect();
    let keep = backups_to_keep(&times, now);
    // 7 days + up to 4 weeks + up to 12 months, overlapping; plus the last 24 hours.
    assert!(keep.len() <= 1 + 7 + 4 + 12, "{}", keep.len());
    assert!(keep.len() >= 12 + 2, "{}", keep.len());
    assert!(
        keep.contains(&0) && keep.contains(&1),
        "the last day's backups stay"
    );
    let oldest = times[*keep.last().expect("some")];
    let age = now.signed_duration_since(oldest).num_days();
    assert!(
        (300..=366).contains(&age),
        "a monthly copy about a year old: {age}"
    );
    // 1, 13 and 25 hours old: the last day's two stay; of the two made on the 24th,
    // only the newer one.
    assert_eq!(backups_to_keep(&times[..3], now), vec![0, 1]);
}

#[test]
fn backup_names_read_back() {
    let name = backup_file_name("before-import");
    let (_, reason) = parse_backup_name(&name).expect("parsed");
    assert_eq!(reason, "before-import");
    assert!(parse_backup_name("notes.txt").is_none());
}

/// A book on disk holding one customer, 王五, in a folder of its own.
fn book_with_wang_wu() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("carnet.db");
    let store = Store::open(&book).expect("open");
    store
        .write(|w| w.insert_customer(&facts("王五", None)))
        .expect("insert");
    (dir, book, store)
}

/// The copy at `dest` is one file (no log needed beside it) and whole.
fn assert_one_whole_file(dest: &Path) {
    let copy = Connection::open(dest).expect("open copy");
    let mode: String = copy
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "delete", "a copy is one file");
    let ok: String = copy
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(ok, "ok");
}

/// The names in the book at `path`, sorted.
fn names_in(path: &Path) -> Vec<String> {
    let mut names = Store::open(path)
        .expect("open copy")
        .customers()
        .expect("list")
        .names();
    names.sort();
    names
}

#[test]
fn a_backup_made_beside_a_write_is_the_book_as_it_was_before_it() {
    let (dir, _book, store) = book_with_wang_wu();
    let ((), backup) = store
        .write_after_backup("before-import", |w, backup| {
            let backup = backup.expect("a book on disk has a backups folder");
            assert!(backup.starts_with(dir.path().join("backups")));
            // Enough to spill pages into the log while the copy runs.
            for i in 0..2_000 {
                w.insert_customer(&facts(&format!("客户{i}"), None))?;
            }
            Ok::<_, StoreError>(())
        })
        .expect("write");
    let backup = backup.expect("a backup");
    assert_one_whole_file(&backup);
    assert_eq!(names_in(&backup), ["王五"], "the book as it was before");
    assert_eq!(store.customers().expect("list").len(), 2_001);
    assert_eq!(backups_in(&dir.path().join("backups")), [backup]);
}

#[test]
fn a_backup_beside_a_write_is_read_through_a_connection_of_its_own_when_the_log_is_kept() {
    let (_dir, book, store) = book_with_wang_wu();
    // Another connection reads the book as it is: the log cannot be emptied meanwhile.
    let reader = Connection::open(&book).expect("reader");
    reader.execute_batch("BEGIN").expect("begin");
    let seen: i64 = reader
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .expect("read");
    assert_eq!(seen, 1);
    store
        .write(|w| w.insert_customer(&facts("赵六", None)))
        .expect("insert");
    let ((), backup) = store
        .write_after_backup("before-import", |w, _| {
            let mut log = book.as_os_str().to_owned();
            log.push("-wal");
            let kept = std::fs::metadata(&log).expect("log").len();
            assert!(
                kept > 0,
                "the reader keeps the log: the file alone is not the book"
            );
            w.insert_customer(&facts("钱七", None))?;
            Ok::<_, StoreError>(())
        })
        .expect("write");
    drop(reader);
    let backup = backup.expect("a backup");
    assert_eq!(names_in(&backup), ["王五", "赵六"]);
    assert_eq!(store.customers().expect("list").len(), 3);
}

#[test]
fn a_failed_backup_beside_a_write_leaves_the_book_as_it_was() {
    let (dir, _book, store) = book_with_wang_wu();
    // The backups folder's place is taken by a file: no backup can be made there.
    std::fs::write(dir.path().join("backups"), b"not a folder").expect("file");
    let failed = store.write_after_backup("before-import", |w, _| {
        w.insert_customer(&facts("赵六", None))?;
        Ok::<_, StoreError>(())
    });
    assert!(failed.is_err());
    assert_eq!(store.customers().expect("list").names(), ["王五"]);
}

#[test]
fn a_write_that_fails_after_its_backup_began_writes_nothing_and_keeps_the_backup_whole() {
    let (dir, _book, store) = book_with_wang_wu();
    let failed = store.write_after_backup("before-import", |w, _| {
        w.insert_customer(&facts("赵六", None))?;
        Err::<(), _>(StoreError::Cancelled)
    });
    assert!(matches!(failed, Err(StoreError::Cancelled)));
    assert_eq!(store.customers().expect("list").names(), ["王五"]);
    let backups = backups_in(&dir.path().join("backups"));
    assert_eq!(backups.len(), 1);
    assert_eq!(names_in(&backups[0]), ["王五"]);
    let partial = std::fs::read_dir(dir.path().join("backups"))
        .expect("folder")
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().ends_with(".partial"));
    assert!(!partial, "no partial copy is left");
}

#[test]
fn a_copy_is_compared_with_the_book_byte_for_byte() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        path
    };
    // Past the first chunk read, so that a difference in a later one is found where it is.
    let big: Vec<u8> = (0..(3 << 20) + 17).map(|i| (i % 251) as u8).collect();
    let book = write("book", &big);
    let same = write("same", &big);
    let mut late = big.clone();
    late[(2 << 20) + 5] ^= 1;
    let late = write("late", &late);
    let short = write("short", &big[..big.len() - 1]);
    let longer = write("longer", &[big.as_slice(), &[0]].concat());
    let empty = write("empty", &[]);
    let cases: [(&Path, Option<u64>); 5] = [
        (&same, None),
        (&late, Some((2 << 20) + 5)),
        (&short, Some(big.len() as u64 - 1)),
        (&longer, Some(big.len() as u64)),
        (&empty, Some(0)),
    ];
    for (copy, expected) in cases {
        assert_eq!(
            first_difference(&book, copy).expect("compare"),
            expected,
            "{}",
            copy.display()
        );
    }
    assert_eq!(first_difference(&empty, &empty).expect("empty"), None);
    assert!(matches!(
        first_difference(&book, &dir.path().join("missing")),
        Err(StoreError::Io { .. })
    ));
}

#[test]
fn a_copy_read_back_equal_to_the_book_is_opened_without_its_whole_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("carnet.db")).expect("open");
    store
        .write(|w| {
            for i in 0..200 {
                w.insert_customer(&facts(&format!("王五{i}"), None))?;
            }
            Ok::<_, StoreError>(())
        })
        .expect("insert");
    let usb = dir.path().join("usb.db");
    assert_eq!(store.backup_to(&usb).expect("backup"), CopyMade::SameBytes);
    let summary = inspect_copy(&usb, None, CopyMade::SameBytes).expect("read");
    assert_eq!(summary.customers, 200);
    // A copy made otherwise is checked whole: the last pages scribbled over are found.
    let mut bytes = std::fs::read(&usb).expect("read copy");
    let len = bytes.len();
    for b in &mut bytes[len * 3 / 4..] {
        *b = 0x5A;
    }
    std::fs::write(&usb, &bytes).expect("damage");
    let checked = inspect_copy(&usb, None, CopyMade::Online);
    assert!(
        matches!(
            checked,
            Err(StoreError::Damaged { .. } | StoreError::Sqlite(_))
        ),
        "{checked:?}"
    );
}

/// Whether this process holds a POSIX lock on the file at `path` (Linux's `/proc/locks`).
#[cfg(target_os = "linux")]
fn locked_by_this_process(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let inode = std::fs::metadata(path).expect("meta").ino().to_string();
    let pid = std::process::id().to_string();
    std::fs::read_to_string("/proc/locks")
        .expect("/proc/locks")
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>())
        // "1: POSIX  ADVISORY  READ 4242 fe:00:123456 128 128"
        .any(|f| {
            f.get(1) == Some(&"POSIX")
                && f.get(4) == Some(&pid.as_str())
                && f.get(5).and_then(|id| id.rsplit(':').next()) == Some(inode.as_str())
        })
}

/// SQLite's locks on a file belong to the process: closing any handle to the book drops them,
/// and another process (a `carnet` command beside the desktop, the `sqlite3` shell) then takes
/// itself for the book's last user when it closes, and deletes the log from under it.
#[cfg(target_os = "linux")]
#[test]
fn reading_an_open_book_s_file_keeps_sqlite_s_lock_on_it() {
    let (dir, book, store) = book_with_wang_wu();
    assert!(locked_by_this_process(&book), "an open book is locked");
    // Everything that reads the book's own bytes while it is open: "back up to…" (the file
    // copied whole and compared), an automatic backup, the file's kind, the start's check on
    // a connection of its own.
    assert_eq!(
        store.backup_to(&dir.path().join("usb.db")).expect("backup"),
        CopyMade::SameBytes
    );
    assert!(locked_by_this_process(&book), "after the backup");
    store.auto_backup("daily").expect("daily");
    assert!(locked_by_this_process(&book), "after the automatic backup");
    assert_eq!(
        crate::cipher::file_kind(&book).expect("kind"),
        crate::cipher::FileKind::Plain
    );
    crate::check_file(&book, None).expect("checked");
    assert!(
        locked_by_this_process(&book),
        "after the kind and the check"
    );
    drop(store);
    assert!(!locked_by_this_process(&book), "a closed book is let go");
}
