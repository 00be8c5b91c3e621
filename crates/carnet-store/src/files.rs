//! Writing whole files safely: a file is written under a temporary name beside its place,
//! flushed to disk, renamed into place, and the folder flushed too, so that after a crash or
//! a power cut the place holds the old file or the new one, never half of one. Also: which
//! paths are the book's own (the book, its log and shared-memory files, its backups folder),
//! which nothing may be written over.

use std::path::{Path, PathBuf};

use crate::StoreError;

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Flushes a file's content and size to the disk.
pub fn sync_file(path: &Path) -> Result<(), StoreError> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(io(path))
}

/// Flushes a folder's entries (a rename or a new file in it) to the disk.
pub fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    // Windows cannot open a folder as a file; its renames are flushed by the file system.
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(io(dir))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// A temporary name beside `dest`, unique to this write, that no other file has: the file is
/// written there and then renamed into place (see [`commit_file`]).
pub fn partial_path(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dest.with_file_name(format!(".{name}.{}.partial", uuid::Uuid::now_v7().simple()))
}

/// Puts a whole file written at `partial` in its place at `dest`: flushes it, renames it over
/// whatever was there, and flushes the folder.
pub fn commit_file(partial: &Path, dest: &Path) -> Result<(), StoreError> {
    sync_file(partial)?;
    std::fs::rename(partial, dest).map_err(io(dest))?;
    sync_dir(dest.parent().unwrap_or(Path::new(".")))
}

/// `path` made absolute with its folder's links resolved (the file itself may not exist yet),
/// so that two spellings of one place compare equal.
pub fn resolved(path: &Path) -> PathBuf {
    if let Ok(full) = std::fs::canonicalize(path) {
        return full;
    }
    let absolute = if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_owned())
    };
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or(absolute),
        _ => absolute,
    }
}

/// The same file under two names (a hard link, or two spellings of one path).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    resolved(a) == resolved(b)
}

/// What of the book's own a path is, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnFile {
    /// The book itself.
    Book,
    /// Its write-ahead log or shared-memory file (`-wal`, `-shm`).
    Sidecar,
    /// A file in its automatic backups folder (or the folder itself).
    Backups,
}

/// Whether `path` is the book at `book`, one of its `-wal`/`-shm` files, or in its backups
/// folder `backups`: places that an export, a copy or a restore must never write over.
pub fn own_file(path: &Path, book: &Path, backups: Option<&Path>) -> Option<OwnFile> {
    let target = resolved(path);
    if same_file(path, book) || target == resolved(book) {
        return Some(OwnFile::Book);
    }
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = PathBuf::from(format!("{}{suffix}", book.display()));
        if same_file(path, &side) || target == resolved(&side) {
            return Some(OwnFile::Sidecar);
        }
    }
    if let Some(dir) = backups {
        let dir = resolved(dir);
        if target == dir || target.starts_with(&dir) {
            return Some(OwnFile::Backups);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_book_its_sidecars_and_backups_are_its_own_under_any_spelling() {
        let dir = tempfile::tempdir().expect("dir");
        let book = dir.path().join("carnet.db");
        std::fs::write(&book, b"book").expect("book");
        let backups = dir.path().join("backups");
        std::fs::create_dir(&backups).expect("backups");
        let link = dir.path().join("link.db");
        std::fs::hard_link(&book, &link).expect("link");
        let own = |p: &Path| own_file(p, &book, Some(&backups));
        assert_eq!(own(&book), Some(OwnFile::Book));
        assert_eq!(
            own(&dir.path().join("backups/../carnet.db")),
            Some(OwnFile::Book)
        );
        assert_eq!(own(&link), Some(OwnFile::Book), "a hard link to the book");
        assert_eq!(
            own(&dir.path().join("carnet.db-wal")),
            Some(OwnFile::Sidecar)
        );
        assert_eq!(
            own(&dir.path().join("carnet.db-shm")),
            Some(OwnFile::Sidecar)
        );
        assert_eq!(
            own(&backups.join("carnet-x-daily.db")),
            Some(OwnFile::Backups)
        );
        assert_eq!(own(&backups), Some(OwnFile::Backups));
        assert_eq!(own(&dir.path().join("export.xlsx")), None);
        assert_eq!(own(&dir.path().join("carnet.db.xlsx")), None);
    }

    #[test]
    fn a_committed_file_replaces_the_old_one_whole() {
        let dir = tempfile::tempdir().expect("dir");
        let dest = dir.path().join("客户.xlsx");
        std::fs::write(&dest, b"old").expect("old");
        let partial = partial_path(&dest);
        assert_eq!(
            partial.parent(),
            dest.parent(),
            "beside it, on the same disk"
        );
        assert_ne!(partial_path(&dest), partial, "unique to each write");
        std::fs::write(&partial, b"new").expect("new");
        commit_file(&partial, &dest).expect("commit");
        assert_eq!(std::fs::read(&dest).expect("read"), b"new");
        assert!(!partial.exists());
    }
}
