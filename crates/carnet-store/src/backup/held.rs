//! A book file checked and held unchanged (for a restore's preview and copy), and a damaged
//! book replaced by a good copy.

use std::path::Path;

use rusqlite::Connection;

use super::make_copy;
use crate::StoreError;
use crate::cipher::{self, Passphrase};

/// What a book file holds, read without changing it: for a restore's preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookSummary {
    pub schema_version: u32,
    pub customers: u64,
    pub interactions: u64,
    /// The latest change to a customer (RFC 3339), if any.
    pub last_change: Option<String>,
    pub consultant: Option<String>,
    /// A team book or a consultant's own: a restore takes only a backup of its own kind.
    pub kind: crate::BookKind,
}

/// Checks a file is a whole Carnet book (`quick_check`) and says what it holds. An encrypted
/// one is read with `key` (the book's passphrase).
pub fn inspect_backup(path: &Path, key: Option<&Passphrase>) -> Result<BookSummary, StoreError> {
    HeldBook::open(path, key)?.summary()
}

/// What the copy just made at `path` holds ([`inspect_backup`]), checked as `made` calls for:
/// a copy found equal to the book byte for byte ([`CopyMade::SameBytes`]) is as whole as the
/// book and is only opened and read; any other is checked whole (`quick_check`).
pub fn inspect_copy(
    path: &Path,
    key: Option<&Passphrase>,
    made: super::CopyMade,
) -> Result<BookSummary, StoreError> {
    let check = made != super::CopyMade::SameBytes;
    HeldBook::open_checked(path, key, check)?.summary()
}

/// A book file opened read-only and held open, with a read transaction, from its check to the
/// copy made of it: nothing can change it meanwhile, and a file deleted or replaced at its
/// path is noticed ([`HeldBook::still_there`]) instead of being read as an empty book.
pub struct HeldBook {
    path: std::path::PathBuf,
    conn: Connection,
    /// The file held open until after the connection closes (see `files::held`).
    _file: crate::files::HeldFile,
    version: u32,
    identity: Option<FileIdentity>,
    /// What it was opened with: `None` for a plain file.
    key: Option<Passphrase>,
}

/// What tells one file from another at the same path.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileIdentity {
    device: u64,
    inode: u64,
    len: u64,
    modified: Option<std::time::SystemTime>,
}

fn identity(path: &Path) -> Option<FileIdentity> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let (device, inode) = {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino())
    };
    #[cfg(not(unix))]
    let (device, inode) = (0, 0);
    Some(FileIdentity {
        device,
        inode,
        len: meta.len(),
        modified: meta.modified().ok(),
    })
}

impl HeldBook {
    /// Opens the book at `path` read-only (a missing file is an error, never an empty book),
    /// checks it is a Carnet book this Carnet understands, and starts holding it. An encrypted
    /// file is opened with `key`; a plain one needs none.
    pub fn open(path: &Path, key: Option<&Passphrase>) -> Result<HeldBook, StoreError> {
        Self::open_checked(path, key, true)
    }

    /// [`HeldBook::open`], with its check (`quick_check`) only when `check` is set.
    fn open_checked(
        path: &Path,
        key: Option<&Passphrase>,
        check: bool,
    ) -> Result<HeldBook, StoreError> {
        let not_a_book = || StoreError::NotABook {
            path: path.to_owned(),
        };
        if !path.exists() {
            return Err(StoreError::BackupGone {
                path: path.to_owned(),
            });
        }
        let file = crate::files::hold(path, false)?;
        let key = cipher::key_for(path, key)?;
        let version = crate::existing_version(path, key)?.ok_or_else(not_a_book)?;
        let supported = crate::migrations::latest_version(crate::MIGRATIONS);
        if version == 0 {
            return Err(not_a_book());
        }
        if version > supported {
            return Err(StoreError::NewerBook {
                found: version,
                supported,
            });
        }
        let identity = identity(path);
        let conn = cipher::open(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            key,
        )?;
        // The read transaction holds the file's shared lock: no writer can change it.
        crate::unit::hold_read_lock(&conn)?;
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
        let held = HeldBook {
            path: path.to_owned(),
            conn,
            _file: file,
            version,
            identity,
            key: key.cloned(),
        };
        let problems = if check {
            quick_check(&held.conn)?
        } else {
            Vec::new()
        };
        if !problems.is_empty() {
            return Err(StoreError::Damaged {
                path: path.to_owned(),
                problems,
            });
        }
        Ok(held)
    }

    /// Refuses to go on when the file at the path is no longer the one that was checked:
    /// deleted (by a rotation, by hand) or replaced.
    pub fn still_there(&self) -> Result<(), StoreError> {
        match identity(&self.path) {
            None => Err(StoreError::BackupGone {
                path: self.path.clone(),
            }),
            Some(now) if Some(&now) != self.identity.as_ref() => Err(StoreError::BackupChanged {
                path: self.path.clone(),
            }),
            Some(_) => Ok(()),
        }
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The passphrase it was opened with (`None`: a plain file).
    pub fn key(&self) -> Option<&Passphrase> {
        self.key.as_ref()
    }

    /// What the book holds.
    pub fn summary(&self) -> Result<BookSummary, StoreError> {
        let conn = &self.conn;
        let count = |sql: &str| -> Result<u64, StoreError> {
            let n: i64 = conn.query_row(sql, [], |r| r.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        };
        let consultant = if self.version >= 2 {
            conn.query_row(
                "SELECT value FROM settings WHERE key = 'consultant_name'",
                [],
                |r| r.get(0),
            )
            .ok()
        } else {
            None
        };
        Ok(BookSummary {
            schema_version: self.version,
            customers: count("SELECT count(*) FROM customers WHERE deleted_at IS NULL")?,
            interactions: if self.version >= 5 {
                count("SELECT count(*) FROM interactions")?
            } else {
                0
            },
            last_change: conn
                .query_row("SELECT max(updated_at) FROM customers", [], |r| r.get(0))?,
            consultant,
            kind: crate::ops::team::kind_of_book(conn)?,
        })
    }
}

/// `PRAGMA quick_check`: the problems it reports, none for a whole book.
pub(crate) fn quick_check(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let lines: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(lines.into_iter().filter(|l| l != "ok").collect())
}

/// Puts a good copy of `backup` in the place of the damaged book at `book`, keeping the
/// damaged one aside (`…damaged-TIME.db`, with its -wal and -shm). A healthy book is refused.
///
/// The order is what makes it safe: the good copy is first written whole beside the book; the
/// damaged file is then kept aside under its new name (a second link to it, so the book's
/// path still holds it) with its log moved out of the way (an old log must never be applied
/// to the new book); only then is the copy renamed into place, in one step. A crash at any
/// moment leaves the book's path holding the damaged book or the good copy, and the damaged
/// book is never lost. An encrypted backup is read with `key`, and the copy keeps its key.
pub fn replace_book(
    book: &Path,
    backup: &Path,
    key: Option<&Passphrase>,
) -> Result<Option<std::path::PathBuf>, StoreError> {
    if book_is_whole(book, key)? {
        return Err(StoreError::Healthy {
            path: book.to_owned(),
        });
    }
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| StoreError::Io { path, source }
    };
    let dir = book
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // 1. The good copy, whole and on disk, beside the book.
    let partial = crate::files::partial_path(book);
    let made = HeldBook::open(backup, key).and_then(|source| {
        make_copy(
            source.conn(),
            source.key(),
            book,
            &partial,
            super::ReadBack::No,
        )?;
        crate::files::sync_file(&partial)
    });
    if let Err(e) = made {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    // 2. The damaged book kept aside: a second name for the same file, its log moved along.
    let mut aside = None;
    if book.exists() {
        let stem = book
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "carnet".into());
        let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
        let moved = book.with_file_name(format!("{stem}.damaged-{stamp}.db"));
        if std::fs::hard_link(book, &moved).is_err() {
            crate::files::copy_out(book, &moved)?;
            crate::files::sync_file(&moved)?;
        }
        for suffix in ["-wal", "-shm"] {
            let side = std::path::PathBuf::from(format!("{}{suffix}", book.display()));
            if side.exists() {
                let to = std::path::PathBuf::from(format!("{}{suffix}", moved.display()));
                std::fs::rename(&side, &to).map_err(io(&side))?;
            }
        }
        crate::files::sync_dir(dir)?;
        aside = Some(moved);
    }
    // 3. The good copy in the book's place, in one rename.
    std::fs::rename(&partial, book).map_err(io(book))?;
    crate::files::sync_dir(dir)?;
    Ok(aside)
}

/// Whether the file at `book` is a Carnet book that passes its check (a missing, damaged or
/// unreadable file is not; a book from a newer Carnet is refused as it is).
fn book_is_whole(book: &Path, key: Option<&Passphrase>) -> Result<bool, StoreError> {
    if !book.exists() {
        return Ok(false);
    }
    match HeldBook::open(book, key) {
        Ok(_) => Ok(true),
        Err(StoreError::Damaged { .. } | StoreError::NotABook { .. } | StoreError::Sqlite(_)) => {
            Ok(false)
        }
        Err(other) => Err(other),
    }
}
