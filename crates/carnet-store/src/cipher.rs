//! Encryption at rest: a book may be encrypted with SQLCipher under a passphrase the
//! consultant chooses. The key is derived by SQLCipher's own KDF (`PRAGMA key` with the
//! passphrase, PBKDF2-HMAC-SHA512), never by Carnet. Every connection to an encrypted book or
//! backup is keyed here, before its first statement; an encrypted file is told from a plain
//! one by its first bytes, read without opening it.

use std::io::Read;
use std::path::Path;

use rusqlite::Connection;

use crate::StoreError;

/// Whether this build can encrypt (SQLCipher) at all.
pub const AVAILABLE: bool = cfg!(feature = "sqlcipher");

/// The first bytes of every plain SQLite file; an encrypted one begins with random salt.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// A book's passphrase. Never shown: `Debug` prints no character of it, and it is in no
/// error message.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(String);

impl Passphrase {
    /// A passphrase as typed (kept exactly: spaces and all).
    pub fn new(text: impl Into<String>) -> Passphrase {
        Passphrase(text.into())
    }

    /// How many characters it has (what the rules about its length look at).
    pub fn chars(&self) -> usize {
        self.0.chars().count()
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// Its bytes, for comparing with one typed to unlock the app.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

impl Drop for Passphrase {
    /// The passphrase's bytes are overwritten before its memory is given back.
    fn drop(&mut self) {
        let len = self.0.len();
        self.0.clear();
        self.0.extend(std::iter::repeat_n('\0', len));
        std::hint::black_box(&self.0);
    }
}

/// What a book file is, read from its first bytes without opening it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// No file there, or an empty one: a new book.
    Missing,
    /// A plain SQLite file.
    Plain,
    /// Whole pages that are not a plain SQLite file: an encrypted book (or something else
    /// altogether of that size, which no passphrase then opens).
    Encrypted,
    /// Something else: not a book at all (a spreadsheet saved under the book's name …).
    Other,
}

/// SQLCipher's page size (its default, which Carnet keeps): an encrypted book is whole pages.
const PAGE_SIZE: u64 = 4096;

/// What the file at `path` is (see [`FileKind`]).
pub fn file_kind(path: &Path) -> Result<FileKind, StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_owned(),
        source,
    };
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::Missing),
        Err(e) => return Err(io(e)),
    };
    let mut head = Vec::with_capacity(PLAIN_HEADER.len());
    file.by_ref()
        .take(PLAIN_HEADER.len() as u64)
        .read_to_end(&mut head)
        .map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    Ok(if head.is_empty() {
        FileKind::Missing
    } else if head.as_slice() == PLAIN_HEADER {
        FileKind::Plain
    } else if len % PAGE_SIZE == 0 {
        FileKind::Encrypted
    } else {
        FileKind::Other
    })
}

/// The key to open `path` with: `key` for an encrypted file or a new one, none for a plain
/// file (a passphrase given for a plain book is not used: it has none). An empty passphrase
/// is none for a new book, and opens no encrypted one.
pub(crate) fn key_for<'k>(
    path: &Path,
    key: Option<&'k Passphrase>,
) -> Result<Option<&'k Passphrase>, StoreError> {
    Ok(match (file_kind(path)?, key) {
        (FileKind::Plain | FileKind::Other, _) => None,
        (FileKind::Missing, key) => key.filter(|k| !k.0.is_empty()),
        (FileKind::Encrypted, Some(key)) if !key.0.is_empty() => Some(key),
        (FileKind::Encrypted, key) => return Err(refused(path, key)),
    })
}

/// Makes sure SQLite (SQLCipher) has finished starting up before a connection is opened:
/// SQLCipher adds `sqlcipher_export` to each new connection only once its start-up is done,
/// and a connection opened on another thread meanwhile would lack it. The first call opens a
/// connection in memory, and every other caller waits for it.
pub(crate) fn ready() {
    static READY: std::sync::Once = std::sync::Once::new();
    READY.call_once(|| {
        let _ = Connection::open_in_memory();
    });
}

/// Keys `conn` with `key` (its first statement), or leaves a plain connection as it is.
pub(crate) fn apply_key(conn: &Connection, key: Option<&Passphrase>) -> Result<(), StoreError> {
    if let Some(key) = key {
        if !AVAILABLE {
            return Err(StoreError::NoEncryption);
        }
        conn.pragma_update(None, "key", key.expose())?;
    }
    Ok(())
}

/// Opens `path` with `flags`, keyed with `key` when given.
pub(crate) fn open(
    path: &Path,
    flags: rusqlite::OpenFlags,
    key: Option<&Passphrase>,
) -> Result<Connection, StoreError> {
    ready();
    let conn = Connection::open_with_flags(path, flags)?;
    apply_key(&conn, key)?;
    Ok(conn)
}

/// Turns SQLite's "not a database" on an encrypted file into what it means there: no
/// passphrase was given, or not the right one.
pub(crate) fn refused(path: &Path, key: Option<&Passphrase>) -> StoreError {
    match key {
        None => StoreError::Locked {
            path: path.to_owned(),
        },
        Some(_) => StoreError::WrongPassphrase {
            path: path.to_owned(),
        },
    }
}

/// Writes a whole copy of the database on `conn` (keyed as it is) to `dest`, encrypted with
/// `key` or plain without one: SQLCipher's `sqlcipher_export` into a fresh file, with the
/// schema version carried over. `dest` must not exist yet. Nothing is renamed here: the
/// caller puts the copy in place.
pub(crate) fn export(
    conn: &Connection,
    dest: &Path,
    key: Option<&Passphrase>,
) -> Result<(), StoreError> {
    if !AVAILABLE {
        return Err(StoreError::NoEncryption);
    }
    crate::files::create_private(dest)?;
    let dest_text = dest.to_string_lossy();
    let key_text = key.map_or("", Passphrase::expose);
    conn.execute(
        "ATTACH DATABASE ?1 AS carnet_export KEY ?2",
        [dest_text.as_ref(), key_text],
    )?;
    let copied = (|| -> Result<(), StoreError> {
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        conn.query_row("SELECT sqlcipher_export('carnet_export')", [], |_| Ok(()))?;
        conn.pragma_update(Some("carnet_export"), "user_version", version)?;
        Ok(())
    })();
    let detached = conn.execute("DETACH DATABASE carnet_export", []);
    copied?;
    detached?;
    crate::files::sync_file(dest)
}

#[cfg(test)]
mod tests;
