//! The code each page of an encrypted file carries (`PageCode`): HMAC-SHA256 for the files
//! Carnet encrypts now, SQLCipher 4's default HMAC-SHA512 kept by the files encrypted before.

use super::*;
use crate::cipher::PageCode;

/// A book at `dir/name` holding 王五 and 赵六 (and `extra`), encrypted under `text` as
/// Carnet encrypted books before and as other SQLCipher tools do: SQLCipher 4's defaults
/// throughout (`sqlcipher_export` into a file attached with the passphrase).
fn old_book(dir: &Path, name: &str, text: &str, extra: Option<&str>) -> PathBuf {
    let plain_dir = dir.join(format!("{name}-plain"));
    std::fs::create_dir_all(&plain_dir).expect("dir");
    let (plain, store) = plain_book(&plain_dir);
    if let Some(extra) = extra {
        store
            .write(|w| w.insert_customer(&facts(extra, None)))
            .expect("insert");
    }
    drop(store);
    let path = dir.join(name);
    cipher::ready();
    let conn = rusqlite::Connection::open(&plain).expect("open");
    conn.execute(
        "ATTACH DATABASE ?1 AS old KEY ?2",
        [path.to_str().expect("path"), text],
    )
    .expect("attach");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    conn.query_row("SELECT sqlcipher_export('old')", [], |_| Ok(()))
        .expect("export");
    conn.pragma_update(Some("old"), "user_version", version)
        .expect("version");
    conn.execute("DETACH DATABASE old", []).expect("detach");
    path
}

/// A new book at `dir/folder/file` encrypted with `key` as Carnet encrypts now, holding `name`.
fn new_book(dir: &Path, folder: &str, file: &str, key: &Passphrase, name: &str) -> PathBuf {
    let folder = dir.join(folder);
    std::fs::create_dir_all(&folder).expect("dir");
    let path = folder.join(file);
    let store = Store::open_keyed(&path, Some(key)).expect("new book");
    store
        .write(|w| w.insert_customer(&facts(name, None)))
        .expect("insert");
    path
}

/// Whether SQLCipher with its defaults (HMAC-SHA512) reads the file at `path`.
fn opens_with_defaults(path: &Path, text: &str) -> bool {
    by_sqlcipher_defaults(path, text)
        .query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))
        .is_ok()
}

/// Whether SQLCipher told HMAC-SHA256 reads the file at `path`.
fn opens_with_sha256(path: &Path, text: &str) -> bool {
    opened_by_sqlcipher(path, text)
        .query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))
        .is_ok()
}

/// A copy through SQLite's online backup (a read-only connection never has its file copied
/// whole), as made beside a reader holding an older state.
fn online_copy(book: &Path, key: &Passphrase, dest: &Path) {
    let reader =
        cipher::open(book, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY, Some(key)).expect("open");
    let partial = crate::files::partial_path(dest);
    let made = crate::backup::make_copy(
        &reader,
        Some(key),
        dest,
        &partial,
        crate::backup::ReadBack::No,
    )
    .expect("copy");
    assert_eq!(made, crate::backup::CopyMade::Online);
    std::fs::rename(&partial, dest).expect("rename");
}

#[test]
fn a_new_book_and_every_copy_of_it_carry_hmac_sha256() {
    let dir = tempfile::tempdir().expect("dir");
    let key = pass("白日依山尽");
    let path = dir.path().join("carnet.db");
    let store = Store::open_keyed(&path, Some(&key)).expect("new book");
    store
        .write(|w| w.insert_customer(&facts("王五", None)))
        .expect("insert");
    assert_eq!(
        PageCode::of(&store.conn).expect("code"),
        Some(PageCode::Sha256)
    );
    let daily = store.auto_backup("daily").expect("made").expect("path");
    let usb = dir.path().join("usb/copy.db");
    store.backup_to(&usb).expect("to usb");
    let online = dir.path().join("online.db");
    online_copy(&path, &key, &online);
    drop(store);
    for file in [&path, &daily, &usb, &online] {
        assert!(opens_with_sha256(file, "白日依山尽"), "{}", file.display());
        assert!(
            !opens_with_defaults(file, "白日依山尽"),
            "{} opened with HMAC-SHA512",
            file.display()
        );
    }
    let store = Store::open_keyed(&online, Some(&key)).expect("the online copy opens");
    assert_eq!(sorted_names(&store), ["王五"]);
}

#[test]
fn a_book_encrypted_with_sqlcipher_s_defaults_keeps_them_and_everything_works() {
    let dir = tempfile::tempdir().expect("dir");
    let text = "黄河入海流";
    let path = old_book(dir.path(), "carnet.db", text, None);
    assert!(opens_with_defaults(&path, text));

    // A wrong passphrase is still refused, every file left byte for byte.
    let before = snapshot(dir.path());
    assert!(matches!(
        Store::open_checked(&path, Some(&pass("黄河入海"))),
        Err(StoreError::WrongPassphrase { .. })
    ));
    assert_eq!(snapshot(dir.path()), before);

    let key = pass(text);
    let mut store = Store::open_checked(&path, Some(&key)).expect("opens");
    assert_eq!(
        PageCode::of(&store.conn).expect("code"),
        Some(PageCode::Sha512)
    );
    store
        .write(|w| w.insert_customer(&facts("孙七", None)))
        .expect("write");
    let daily = store.auto_backup("daily").expect("made").expect("path");
    let usb = dir.path().join("usb/copy.db");
    store.backup_to(&usb).expect("to usb");
    let online = dir.path().join("online.db");
    online_copy(&path, &key, &online);
    for file in [&path, &daily, &usb, &online] {
        assert!(opens_with_defaults(file, text), "{}", file.display());
    }
    store
        .write(|w| w.insert_customer(&facts("钱八", None)))
        .expect("write");
    store.restore_from(&online).expect("restore its own backup");
    assert_eq!(sorted_names(&store), ["孙七", "王五", "赵六"]);
    drop(store);
    assert!(opens_with_defaults(&path, text), "restored, still SHA-512");

    // A new passphrase moves the book and its backups to HMAC-SHA256.
    let mut store = Store::open_checked(&path, Some(&key)).expect("reopen");
    let done = store
        .change_passphrase(Some(&pass("欲穷千里目")))
        .expect("changed");
    assert!(done.left.is_empty(), "{:?}", done.left);
    assert_eq!(sorted_names(&store), ["孙七", "王五", "赵六"]);
    drop(store);
    assert!(opens_with_sha256(&path, "欲穷千里目"));
    for backup in backups_in(&dir.path().join("backups")) {
        assert!(
            opens_with_sha256(&backup, "欲穷千里目"),
            "{}",
            backup.display()
        );
    }
}

#[test]
fn a_backup_whose_pages_carry_the_other_code_restores_into_the_book() {
    let dir = tempfile::tempdir().expect("dir");
    let text = "更上一层楼";
    let key = pass(text);
    // A book of the old kind, restored from a new one's backup, and the other way round.
    let old = old_book(dir.path(), "old.db", text, Some("周九"));
    let new = new_book(dir.path(), "new", "carnet.db", &key, "吴十");
    let new_backup = dir.path().join("new-backup.db");
    Store::open_keyed(&new, Some(&key))
        .expect("new book")
        .backup_to(&new_backup)
        .expect("backup");

    let old_copy_dir = dir.path().join("old-book");
    std::fs::create_dir_all(&old_copy_dir).expect("dir");
    let old_book_path = old_copy_dir.join("carnet.db");
    std::fs::copy(&old, &old_book_path).expect("copy");
    let mut store = Store::open_checked(&old_book_path, Some(&key)).expect("old book");
    store
        .restore_from(&new_backup)
        .expect("a new backup restores");
    assert_eq!(sorted_names(&store), ["吴十"]);
    assert_eq!(
        PageCode::of(&store.conn).expect("code"),
        Some(PageCode::Sha512)
    );
    drop(store);
    assert!(opens_with_defaults(&old_book_path, text));

    let mut store = Store::open_checked(&new, Some(&key)).expect("new book");
    store.restore_from(&old).expect("an old backup restores");
    assert_eq!(sorted_names(&store), ["周九", "王五", "赵六"]);
    assert_eq!(
        PageCode::of(&store.conn).expect("code"),
        Some(PageCode::Sha256)
    );
    drop(store);
    assert!(opens_with_sha256(&new, text));
    let leftovers: Vec<_> = walk(dir.path())
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Flips one byte inside page `page` (counted from 1) of the file at `path`.
fn damage_page(path: &Path, page: u64) {
    use std::io::{Read, Seek, SeekFrom, Write};
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .expect("open");
    let at = (page - 1) * 4096 + 1000;
    let mut byte = [0u8];
    file.seek(SeekFrom::Start(at)).expect("seek");
    file.read_exact(&mut byte).expect("read");
    file.seek(SeekFrom::Start(at)).expect("seek");
    file.write_all(&[byte[0] ^ 0x5a]).expect("write");
    file.sync_all().expect("sync");
}

#[test]
fn a_damaged_page_beyond_the_first_is_damage_not_a_wrong_passphrase_whatever_the_code() {
    let dir = tempfile::tempdir().expect("dir");
    let key = pass("两岸猿声啼不住");
    let new = new_book(dir.path(), "new", "carnet.db", &key, "王五");
    let old = old_book(dir.path(), "old.db", "两岸猿声啼不住", None);
    // Page 2 holds the schema: the check, or the read of the schema, finds the damage, on a
    // book with either code, as the app shows a damaged book (with the newest good backup).
    for book in [&new, &old] {
        damage_page(book, 2);
        match Store::open_checked(book, Some(&key)) {
            Err(StoreError::Damaged { .. }) => {}
            Err(StoreError::Sqlite(e))
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) => {}
            other => panic!("{}: {other:?}", book.display()),
        }
    }
}

#[test]
fn files_sharing_a_salt_but_not_a_code_each_open_whichever_was_opened_last() {
    let dir = tempfile::tempdir().expect("dir");
    let text = "轻舟已过万重山";
    let key = pass(text);
    let old = old_book(dir.path(), "old.db", text, Some("周九"));
    let store = Store::open_keyed(&old, Some(&key)).expect("old book");
    assert_eq!(sorted_names(&store), ["周九", "王五", "赵六"]);
    drop(store);
    // A new file made with the same passphrase takes the salt already derived (the old
    // book's), as a team book beside an older book does, and the new code.
    let beside = new_book(dir.path(), "beside", "team.db", &key, "吴十");
    let salt = |p: &Path| std::fs::read(p).expect("bytes")[..16].to_vec();
    assert_eq!(salt(&old), salt(&beside), "one salt");
    assert!(opens_with_sha256(&beside, text) && opens_with_defaults(&old, text));
    assert_eq!(key.derived.lock().expect("keys").len(), 1);
    for _ in 0..2 {
        for (file, names) in [
            (&old, vec!["周九", "王五", "赵六"]),
            (&beside, vec!["吴十"]),
        ] {
            let store = Store::open_checked(file, Some(&key)).expect("opens");
            assert_eq!(sorted_names(&store), names, "{}", file.display());
        }
    }
}
