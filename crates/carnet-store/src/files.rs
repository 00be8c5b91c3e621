//! Writing whole files safely: a file is written under a temporary name beside its place,
//! flushed to disk, renamed into place, and the folder flushed too, so that after a crash or
//! a power cut the place holds the old file or the new one, never half of one. Also: which
//! paths are the book's own (the book, its log and shared-memory files, its backups folder),
//! which nothing may be written over.

use std::path::{Path, PathBuf};

use crate::StoreError;

mod held;
pub use held::{HeldFile, copy_out, hold, read_at, with_file};

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

/// Only the owner may read or write the file at `path` (0600): the book, its log files, its
/// backups and the files an export writes hold customers. (No-op where there are no Unix
/// modes.)
pub fn restrict_file(path: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(PRIVATE_FILE))
            .map_err(io(path))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// The mode of every file Carnet writes customers into: read and written by the owner only.
pub const PRIVATE_FILE: u32 = 0o600;
/// The mode of every folder Carnet makes for them (the book's, the backups'): the owner's only.
pub const PRIVATE_DIR: u32 = 0o700;

/// Creates the file at `path`, empty, readable by its owner only, or makes an existing one
/// so: a file written there afterwards (truncated, not replaced) keeps that mode, so its
/// content is never readable by others, not even while it is being written.
pub fn create_private(path: &Path) -> Result<(), StoreError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, PRIVATE_FILE);
    options.open(path).map_err(io(path))?;
    restrict_file(path)
}

/// Creates the folder `dir` and any missing parents, each one Carnet makes readable by its
/// owner only (0700). A folder that exists already is left as it is (it may be the user's
/// own, such as their home); see [`restrict_dir`] for Carnet's own folders.
pub fn create_private_dir_all(dir: &Path) -> Result<(), StoreError> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, PRIVATE_DIR);
    builder.create(dir).map_err(io(dir))
}

/// Makes a folder that is Carnet's own (the backups folder) readable by its owner only,
/// creating it if needed.
pub fn restrict_dir(dir: &Path) -> Result<(), StoreError> {
    create_private_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(PRIVATE_DIR))
            .map_err(io(dir))?;
    }
    Ok(())
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
