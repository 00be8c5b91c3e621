//! Held files: one handle per file, shared by its holders, read at positions.

use super::*;

fn holders(path: &Path) -> usize {
    let id = std::fs::metadata(path).ok().as_ref().and_then(id_of);
    held()
        .iter()
        .find(|e| Some(e.id) == id)
        .map_or(0, |e| e.users)
}

#[test]
fn a_file_is_held_once_for_all_its_holders_and_let_go_by_the_last() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("book.db");
    let first = hold(&path, true).expect("created and held");
    assert!(path.exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, crate::files::PRIVATE_FILE);
        assert_eq!(holders(&path), 1);
        let second = hold(&path, false).expect("held again");
        assert_eq!(holders(&path), 2);
        drop(first);
        assert_eq!(holders(&path), 1);
        drop(second);
    }
    #[cfg(not(unix))]
    drop(first);
    assert_eq!(holders(&path), 0);
    assert!(matches!(
        hold(&dir.path().join("missing.db"), false),
        Err(StoreError::Io { .. })
    ));
}

#[test]
fn reads_at_a_position_and_copies_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("book.db");
    let bytes: Vec<u8> = (0..(2 << 20) + 3).map(|i| (i % 253) as u8).collect();
    std::fs::write(&path, &bytes).expect("write");
    let _held = hold(&path, false).expect("held");
    let mut buf = [0u8; 8];
    let n = with_file(&path, |f| read_at(f, &mut buf, 5)).expect("read");
    assert_eq!((n, &buf[..]), (8, &bytes[5..13]));
    // At the end: what there is, then nothing.
    let end = bytes.len() as u64 - 2;
    let n = with_file(&path, |f| read_at(f, &mut buf, end)).expect("read");
    assert_eq!((n, &buf[..2]), (2, &bytes[bytes.len() - 2..]));
    let n = with_file(&path, |f| read_at(f, &mut buf, end + 10)).expect("read");
    assert_eq!(n, 0);
    let copy = dir.path().join("copy.db");
    std::fs::write(&copy, b"something longer than nothing").expect("old");
    copy_out(&path, &copy).expect("copied");
    assert_eq!(std::fs::read(&copy).expect("copy"), bytes);
    // A file not held is read through a handle of its own.
    let other = dir.path().join("other.db");
    std::fs::write(&other, b"SQLite format 3\0").expect("other");
    let n = with_file(&other, |f| read_at(f, &mut buf, 0)).expect("read");
    assert_eq!(&buf[..n], b"SQLite f");
}
