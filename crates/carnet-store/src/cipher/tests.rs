//! Encryption at rest: a book with a passphrase, its backups, its conversion, its modes.

use std::path::{Path, PathBuf};

use crate::test_support::*;
use crate::*;

fn pass(text: &str) -> Passphrase {
    Passphrase::new(text)
}

/// A book at `dir/carnet.db` holding 王五 and 赵六, plain.
fn plain_book(dir: &Path) -> (PathBuf, Store) {
    let path = dir.join("carnet.db");
    let store = Store::open(&path).expect("open");
    store
        .write(|w| {
            w.insert_customer(&facts("王五", Some("13812345678")))?;
            w.insert_customer(&facts("赵六", None))
        })
        .expect("insert");
    (path, store)
}

fn sorted_names(store: &Store) -> Vec<String> {
    let mut names = store.customers().expect("list").names();
    names.sort();
    names
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walk(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read");
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn a_book_given_a_passphrase_is_encrypted_and_opens_only_with_it() {
    let dir = tempfile::tempdir().expect("dir");
    let (path, mut store) = plain_book(dir.path());
    assert_eq!(cipher::file_kind(&path).expect("kind"), FileKind::Plain);
    let done = store
        .change_passphrase(Some(&pass("春眠不觉晓")))
        .expect("set");
    assert!(done.backup.is_some(), "a backup first");
    assert!(store.is_encrypted());
    assert_eq!(
        sorted_names(&store),
        ["王五", "赵六"],
        "the open book goes on"
    );
    drop(store);

    assert_eq!(cipher::file_kind(&path).expect("kind"), FileKind::Encrypted);
    let bytes = std::fs::read(&path).expect("bytes");
    assert!(!contains(&bytes, "王五") && !contains(&bytes, "13812345678"));
    assert!(matches!(Store::open(&path), Err(StoreError::Locked { .. })));
    let store = Store::open_keyed(&path, Some(&pass("春眠不觉晓"))).expect("reopen");
    assert_eq!(sorted_names(&store), ["王五", "赵六"]);
    assert!(store.is_encrypted());
}

#[test]
fn a_wrong_passphrase_is_refused_and_leaves_every_file_byte_for_byte() {
    let dir = tempfile::tempdir().expect("dir");
    let (path, mut store) = plain_book(dir.path());
    store.change_passphrase(Some(&pass("right"))).expect("set");
    // A change not yet copied from the log into the book: the log is there to be touched.
    store
        .write(|w| w.insert_customer(&facts("孙七", None)))
        .expect("insert");
    drop(store);
    let before = snapshot(dir.path());
    for attempt in [
        Some(pass("wrong")),
        Some(pass("")),
        Some(pass("right ")),
        None,
    ] {
        let refused = Store::open_keyed(&path, attempt.as_ref());
        let refused_checked = Store::open_checked(&path, attempt.as_ref());
        for result in [refused, refused_checked] {
            match (&attempt, result) {
                (Some(_), Err(StoreError::WrongPassphrase { .. })) => {}
                (None, Err(StoreError::Locked { .. })) => {}
                (_, other) => panic!("{attempt:?} gave {other:?}"),
            }
        }
        assert_eq!(snapshot(dir.path()), before, "{attempt:?} touched a file");
    }
    let store = Store::open_keyed(&path, Some(&pass("right"))).expect("right");
    assert_eq!(sorted_names(&store), ["孙七", "王五", "赵六"]);
}

#[test]
fn backups_are_encrypted_with_the_books_passphrase_and_restore() {
    let dir = tempfile::tempdir().expect("dir");
    let (_path, mut store) = plain_book(dir.path());
    let old = store.auto_backup("daily").expect("old").expect("path");
    let done = store.change_passphrase(Some(&pass("钥匙"))).expect("set");
    assert_eq!(done.backups, 2, "the old backup and the one made first");
    assert!(done.left.is_empty());
    for backup in backups_in(store.backup_dir().expect("dir")) {
        assert_eq!(
            cipher::file_kind(&backup).expect("kind"),
            FileKind::Encrypted
        );
        assert!(!contains(&std::fs::read(&backup).expect("bytes"), "王五"));
    }
    let fresh = store.auto_backup("daily").expect("made").expect("path");
    assert_eq!(
        cipher::file_kind(&fresh).expect("kind"),
        FileKind::Encrypted
    );
    let usb = dir.path().join("usb/copy.db");
    store.backup_to(&usb).expect("to usb");
    assert_eq!(cipher::file_kind(&usb).expect("kind"), FileKind::Encrypted);
    assert!(matches!(
        inspect_backup(&usb, None),
        Err(StoreError::Locked { .. })
    ));
    assert_eq!(
        inspect_backup(&usb, Some(&pass("钥匙")))
            .expect("inspect")
            .customers,
        2
    );

    // A change, then the encrypted backup restored: the change is gone, the book encrypted.
    store
        .write(|w| w.insert_customer(&facts("孙七", None)))
        .expect("insert");
    store.restore_from(&old).expect("restore");
    assert_eq!(sorted_names(&store), ["王五", "赵六"]);
    let book = store.path().expect("path").to_owned();
    drop(store);
    assert_eq!(cipher::file_kind(&book).expect("kind"), FileKind::Encrypted);
    let store = Store::open_keyed(&book, Some(&pass("钥匙"))).expect("reopen");
    assert_eq!(sorted_names(&store), ["王五", "赵六"]);
}

#[test]
fn an_older_plain_backup_restores_into_an_encrypted_book_encrypted() {
    let dir = tempfile::tempdir().expect("dir");
    let (path, mut store) = plain_book(dir.path());
    // A plain copy kept elsewhere (a USB stick) before the passphrase was set.
    let usb = dir.path().join("usb/old.db");
    store.backup_to(&usb).expect("usb");
    store.change_passphrase(Some(&pass("钥匙"))).expect("set");
    assert_eq!(
        cipher::file_kind(&usb).expect("kind"),
        FileKind::Plain,
        "not ours to change"
    );
    store
        .write(|w| w.insert_customer(&facts("孙七", None)))
        .expect("insert");
    store.restore_from(&usb).expect("restore a plain backup");
    assert_eq!(sorted_names(&store), ["王五", "赵六"]);
    drop(store);
    assert_eq!(cipher::file_kind(&path).expect("kind"), FileKind::Encrypted);
    let leftovers: Vec<_> = walk(dir.path())
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let store = Store::open_keyed(&path, Some(&pass("钥匙"))).expect("reopen");
    assert_eq!(sorted_names(&store), ["王五", "赵六"]);
}

#[test]
fn a_passphrase_changed_then_removed_leaves_a_plain_book_and_plain_backups() {
    let dir = tempfile::tempdir().expect("dir");
    let (path, mut store) = plain_book(dir.path());
    store.change_passphrase(Some(&pass("one"))).expect("set");
    store.change_passphrase(Some(&pass("two"))).expect("change");
    drop(store);
    assert!(matches!(
        Store::open_keyed(&path, Some(&pass("one"))),
        Err(StoreError::WrongPassphrase { .. })
    ));
    let mut store = Store::open_keyed(&path, Some(&pass("two"))).expect("two");
    for backup in backups_in(store.backup_dir().expect("dir")) {
        inspect_backup(&backup, Some(&pass("two"))).expect("a backup opens with the new one");
    }
    store.change_passphrase(None).expect("remove");
    assert!(!store.is_encrypted());
    drop(store);
    assert_eq!(cipher::file_kind(&path).expect("kind"), FileKind::Plain);
    let store = Store::open(&path).expect("plain");
    assert_eq!(sorted_names(&store), ["王五", "赵六"]);
    for backup in backups_in(store.backup_dir().expect("dir")) {
        assert_eq!(cipher::file_kind(&backup).expect("kind"), FileKind::Plain);
        inspect_backup(&backup, None).expect("a plain backup");
    }
}

#[test]
fn a_conversion_stopped_at_any_step_leaves_a_whole_book() {
    // The steps of a conversion, each one as a process killed right after it would leave the
    // files: the old book is whole until the rename; after it, the new one is.
    let dir = tempfile::tempdir().expect("dir");
    let (path, store) = plain_book(dir.path());
    let key = pass("钥匙");
    // 1. The backup made first: nothing else changed.
    store.auto_backup("before-passphrase").expect("backup");
    // 2. The converted copy written beside the book, the book still open with its log.
    let partial = files::partial_path(&path);
    cipher::export(&store.conn, &partial, Some(&key), None).expect("export");
    let killed_here = dir.path().join("killed");
    std::fs::create_dir(&killed_here).expect("dir");
    for file in walk(dir.path()) {
        let name = file.file_name().expect("name").to_owned();
        if file.parent() == Some(dir.path()) {
            std::fs::copy(&file, killed_here.join(name)).expect("copy");
        }
    }
    // As found after a kill at step 2: the old book (with its log) opens, plain, whole.
    let found = Store::open(killed_here.join("carnet.db")).expect("old book");
    assert_eq!(sorted_names(&found), ["王五", "赵六"]);
    drop(found);
    // 3. The book closed (its log copied in and removed), 4. the copy renamed over it.
    drop(store);
    assert!(!Path::new(&format!("{}-wal", path.display())).exists());
    let old_book = dir.path().join("old.db");
    std::fs::copy(&path, &old_book).expect("keep");
    let found = Store::open(&old_book).expect("old book after the close");
    assert_eq!(sorted_names(&found), ["王五", "赵六"]);
    drop(found);
    std::fs::rename(&partial, &path).expect("rename");
    let found = Store::open_keyed(&path, Some(&key)).expect("new book after the rename");
    assert_eq!(sorted_names(&found), ["王五", "赵六"]);
}

#[test]
fn a_book_its_log_and_its_backups_are_its_owners_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    let dir = tempfile::tempdir().expect("dir");
    let folder = dir.path().join("new/app.carnet");
    let path = folder.join("carnet.db");
    let mut store = Store::open(&path).expect("open");
    store
        .write(|w| w.insert_customer(&facts("王五", None)))
        .expect("insert");
    assert_eq!(mode(&folder), 0o700, "the book's folder");
    assert_eq!(
        mode(&dir.path().join("new")),
        0o700,
        "and each one made for it"
    );
    assert_eq!(mode(&path), 0o600, "the book");
    for side in ["-wal", "-shm"] {
        assert_eq!(
            mode(Path::new(&format!("{}{side}", path.display()))),
            0o600,
            "{side}"
        );
    }
    let backup = store.auto_backup("daily").expect("backup").expect("path");
    assert_eq!(mode(&backup), 0o600, "a backup");
    assert_eq!(
        mode(backup.parent().expect("dir")),
        0o700,
        "the backups folder"
    );
    let usb = dir.path().join("usb.db");
    store.backup_to(&usb).expect("usb");
    assert_eq!(mode(&usb), 0o600, "a copy made elsewhere");
    store.change_passphrase(Some(&pass("钥匙"))).expect("set");
    assert_eq!(mode(&path), 0o600, "the converted book");
    for backup in backups_in(store.backup_dir().expect("dir")) {
        assert_eq!(mode(&backup), 0o600, "{}", backup.display());
    }

    // A book made by an older Carnet, readable by all: its modes are tightened when opened.
    let old = dir.path().join("old.db");
    drop(Store::open(&old).expect("make"));
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).expect("loosen");
    drop(Store::open(&old).expect("reopen"));
    assert_eq!(mode(&old), 0o600);
}

#[test]
fn the_passphrase_is_never_shown() {
    let key = pass("春眠不觉晓");
    assert!(!format!("{key:?}").contains("春眠"));
    let dir = tempfile::tempdir().expect("dir");
    let (path, mut store) = plain_book(dir.path());
    store.change_passphrase(Some(&key)).expect("set");
    drop(store);
    let wrong = Store::open_keyed(&path, Some(&pass("秋"))).expect_err("wrong");
    assert!(!format!("{wrong} {wrong:?}").contains('秋'));
}

#[test]
fn a_backup_made_beside_a_write_of_an_encrypted_book_is_encrypted_and_opens_with_its_key() {
    let dir = tempfile::tempdir().expect("dir");
    let (path, mut store) = plain_book(dir.path());
    store
        .change_passphrase(Some(&pass("春眠不觉晓")))
        .expect("set");
    let ((), backup) = store
        .write_after_backup("before-import", |w, _| {
            w.insert_customer(&crate::test_support::facts("钱七", None))?;
            Ok::<_, StoreError>(())
        })
        .expect("write");
    let backup = backup.expect("a backup");
    assert_eq!(
        cipher::file_kind(&backup).expect("kind"),
        FileKind::Encrypted
    );
    assert!(!contains(&std::fs::read(&backup).expect("bytes"), "王五"));
    assert!(matches!(
        Store::open(&backup),
        Err(StoreError::Locked { .. })
    ));
    let copy = Store::open_keyed(&backup, Some(&pass("春眠不觉晓"))).expect("opens with the key");
    assert_eq!(
        sorted_names(&copy),
        ["王五", "赵六"],
        "the book as it was before"
    );
    assert_eq!(sorted_names(&store), ["王五", "赵六", "钱七"]);
    assert_eq!(cipher::file_kind(&path).expect("kind"), FileKind::Encrypted);
}

/// A connection to `path` keyed by SQLCipher itself from the passphrase `text` (its own
/// derivation, as any SQLCipher tool opens the file), told the code Carnet gives the pages
/// of the files it encrypts (`PRAGMA cipher_hmac_algorithm = HMAC_SHA256`).
fn opened_by_sqlcipher(path: &Path, text: &str) -> rusqlite::Connection {
    let conn = by_sqlcipher_defaults(path, text);
    conn.execute_batch("PRAGMA cipher_hmac_algorithm = HMAC_SHA256")
        .expect("code");
    conn
}

/// The same with SQLCipher 4's defaults throughout, as Carnet encrypted files before, and as
/// other SQLCipher tools make them (HMAC-SHA512).
fn by_sqlcipher_defaults(path: &Path, text: &str) -> rusqlite::Connection {
    cipher::ready();
    let conn = rusqlite::Connection::open(path).expect("open");
    conn.pragma_update(None, "key", text).expect("key");
    conn
}

#[test]
fn the_key_carnet_derives_is_the_one_sqlcipher_derives_from_the_passphrase() {
    let dir = tempfile::tempdir().expect("dir");
    // Made by SQLCipher from the passphrase, read with the key Carnet derives.
    let theirs = dir.path().join("theirs.db");
    by_sqlcipher_defaults(&theirs, "床前明月光 moon")
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES ('王五');")
        .expect("write");
    let conn = rusqlite::Connection::open(&theirs).expect("open");
    cipher::apply_key(&conn, Some(&pass("床前明月光 moon"))).expect("key");
    let name: String = conn
        .query_row("SELECT x FROM t", [], |r| r.get(0))
        .expect("read with the derived key");
    assert_eq!(name, "王五");
    let other = rusqlite::Connection::open(&theirs).expect("open");
    cipher::apply_key(&other, Some(&pass("床前明月光 moon "))).expect("key");
    assert!(other.query_row("SELECT x FROM t", [], |_| Ok(())).is_err());

    // Made by Carnet (its salt, its derived key), read by SQLCipher from the passphrase.
    let ours = dir.path().join("ours/carnet.db");
    let store = Store::open_keyed(&ours, Some(&pass("床前明月光 moon"))).expect("new book");
    store
        .write(|w| w.insert_customer(&facts("赵六", None)))
        .expect("insert");
    drop(store);
    assert_eq!(cipher::file_kind(&ours).expect("kind"), FileKind::Encrypted);
    let count: i64 = opened_by_sqlcipher(&ours, "床前明月光 moon")
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .expect("read with the passphrase");
    assert_eq!(count, 1);
}

#[test]
fn a_book_and_its_backups_share_one_key_derived_once_and_open_with_the_passphrase() {
    let dir = tempfile::tempdir().expect("dir");
    let key = pass("秋水共长天一色");
    let path = dir.path().join("carnet.db");
    let store = Store::open_keyed(&path, Some(&key)).expect("new book");
    store
        .write(|w| w.insert_customer(&facts("王五", None)))
        .expect("insert");
    let daily = store.auto_backup("daily").expect("made").expect("path");
    let usb = dir.path().join("usb/copy.db");
    store.backup_to(&usb).expect("to usb");
    drop(store);
    let store = Store::open_checked(&path, Some(&key)).expect("reopen");
    drop(store);
    assert_eq!(
        key.derived.lock().expect("keys").len(),
        1,
        "one derivation for the book, its backups and its reopening"
    );
    for copy in [&daily, &usb] {
        let count: i64 = opened_by_sqlcipher(copy, "秋水共长天一色")
            .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
            .expect("a backup opens with the passphrase alone");
        assert_eq!(count, 1, "{}", copy.display());
    }
}

#[test]
fn a_passphrase_written_as_a_raw_key_is_taken_as_sqlcipher_takes_it() {
    let raw = format!("x'{}'", "2d".repeat(32));
    assert!(cipher::is_raw_key(&raw));
    assert!(cipher::is_raw_key(&format!("X'{}'", "aB".repeat(48))));
    for not_raw in [
        "x''".to_owned(),
        format!("x'{}'", "2d".repeat(31)),
        format!("x'{}'", "zz".repeat(32)),
        format!("x'{}", "2d".repeat(32)),
        "钥匙".to_owned(),
    ] {
        assert!(!cipher::is_raw_key(&not_raw), "{not_raw}");
    }
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("carnet.db");
    let store = Store::open_keyed(&path, Some(&pass(&raw))).expect("new book");
    store
        .write(|w| w.insert_customer(&facts("王五", None)))
        .expect("insert");
    drop(store);
    let count: i64 = opened_by_sqlcipher(&path, &raw)
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .expect("read");
    assert_eq!(count, 1);
    assert!(Store::open_keyed(&path, Some(&pass(&raw))).is_ok());
}

/// The book's schema: every table, index and trigger, as written.
fn schema(store: &Store) -> Vec<(String, String, Option<String>)> {
    let mut stmt = store
        .conn
        .prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("schema")
        .collect::<Result<_, _>>()
        .expect("rows")
}

/// A book converted either way (SQLCipher's export into a new file) keeps its whole schema,
/// the triggers that keep the compliance report's groups (migration 0023) among it.
#[test]
fn a_converted_book_keeps_its_schema_triggers_and_all() {
    let dir = tempfile::tempdir().expect("dir");
    let (_, mut store) = plain_book(dir.path());
    let before = schema(&store);
    assert!(
        before
            .iter()
            .any(|(kind, name, _)| kind == "trigger" && name == "prompt_log_grouped"),
        "{before:?}"
    );
    store
        .change_passphrase(Some(&pass("春眠不觉晓")))
        .expect("set");
    assert_eq!(schema(&store), before, "encrypted");
    store.change_passphrase(None).expect("removed");
    assert_eq!(schema(&store), before, "plain again");
}

mod codes;
