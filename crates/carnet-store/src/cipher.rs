//! Encryption at rest: a book may be encrypted with SQLCipher under a passphrase the
//! consultant chooses. The key is SQLCipher 4's own (PBKDF2-HMAC-SHA512 of the passphrase
//! over the file's salt, 256,000 rounds): Carnet works it out once per book and process
//! ([`Passphrase`] keeps it, in memory only) and gives every connection the raw key with the
//! salt (`PRAGMA key = "x'…'"`), so that only the first connection of a process pays the
//! derivation (0.3–0.5 s), and a file opens with its passphrase in any SQLCipher tool all the
//! same (told its page code, below). Every connection to an encrypted book or backup is keyed
//! here, before its first statement; an encrypted file is told from a plain one by its first
//! bytes, read without opening it.
//!
//! Each page of an encrypted file carries a code that proves it unchanged (SQLCipher's
//! HMAC). A file Carnet encrypts now gets HMAC-SHA256, which this machine's processors work
//! out in hardware, twice as fast as SQLCipher 4's default HMAC-SHA512 (`openssl speed`: 1.7
//! against 0.8 GB/s): every page read from the file is checked, every page written is coded.
//! Files encrypted before, with the default, keep it and open as they did: which code a file
//! carries is found by reading its first page whenever it is opened ([`PageCode`]). Another
//! SQLCipher tool opens a file Carnet encrypts now with the passphrase when also told
//! `PRAGMA cipher_hmac_algorithm = HMAC_SHA256`; a Carnet from before this change does not
//! open it (it says the passphrase is wrong).

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use crate::StoreError;

/// Whether this build can encrypt (SQLCipher) at all.
pub const AVAILABLE: bool = cfg!(feature = "sqlcipher");

/// The first bytes of every plain SQLite file; an encrypted one begins with random salt.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// SQLCipher 4's key derivation: its salt (the file's first bytes), its rounds and the key's
/// length (the defaults, which Carnet never changes).
const SALT_LEN: usize = 16;
#[cfg(feature = "sqlcipher")]
const KDF_ROUNDS: u32 = 256_000;
const KEY_LEN: usize = 32;

/// A book's passphrase. Never shown: `Debug` prints no character of it, and it is in no
/// error message. Clones share the keys derived from it (see [`Passphrase::keyspec`]).
#[derive(Clone)]
pub struct Passphrase {
    text: String,
    derived: Arc<Mutex<Vec<Derived>>>,
}

/// The key SQLCipher derives from a passphrase for one salt, and the code the pages of the
/// last file read with that salt carry (which the next file is tried with first).
struct Derived {
    salt: [u8; SALT_LEN],
    key: [u8; KEY_LEN],
    code: Option<PageCode>,
}

/// The code (HMAC) each page of an encrypted file carries; a file has one for good.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageCode {
    /// What Carnet gives every file it encrypts now.
    Sha256,
    /// SQLCipher 4's default: files Carnet encrypted before, and those other SQLCipher tools
    /// make.
    Sha512,
}

impl PageCode {
    /// The code of a new file.
    const NEW: PageCode = PageCode::Sha256;

    /// The codes an existing file is tried with, in turn: the newer first.
    const TRIED: [PageCode; 2] = [PageCode::Sha256, PageCode::Sha512];

    fn name(self) -> &'static str {
        match self {
            PageCode::Sha256 => "HMAC_SHA256",
            PageCode::Sha512 => "HMAC_SHA512",
        }
    }

    /// Tells the connection's database `schema` (keyed, not yet read) that its pages carry
    /// this code.
    fn set(self, conn: &Connection, schema: &str) -> Result<(), StoreError> {
        conn.execute_batch(&format!(
            "PRAGMA {schema}.cipher_hmac_algorithm = {}",
            self.name()
        ))?;
        Ok(())
    }

    /// The code the main database of `conn` (keyed) is read with.
    pub(crate) fn of(conn: &Connection) -> Result<Option<PageCode>, StoreError> {
        let name: Option<String> = conn
            .query_row("PRAGMA cipher_hmac_algorithm", [], |r| r.get(0))
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
        Ok(PageCode::TRIED
            .into_iter()
            .find(|c| name.as_deref() == Some(c.name())))
    }
}

impl Drop for Derived {
    /// The key's bytes are overwritten before its memory is given back.
    fn drop(&mut self) {
        self.key = [0; KEY_LEN];
        std::hint::black_box(&self.key);
    }
}

impl PartialEq for Passphrase {
    fn eq(&self, other: &Passphrase) -> bool {
        self.text == other.text
    }
}

impl Eq for Passphrase {}

impl Passphrase {
    /// A passphrase as typed (kept exactly: spaces and all).
    pub fn new(text: impl Into<String>) -> Passphrase {
        Passphrase {
            text: text.into(),
            derived: Arc::default(),
        }
    }

    /// How many characters it has (what the rules about its length look at).
    pub fn chars(&self) -> usize {
        self.text.chars().count()
    }

    pub(crate) fn expose(&self) -> &str {
        &self.text
    }

    /// Its bytes, for comparing with one typed to unlock the app.
    pub fn as_bytes(&self) -> &[u8] {
        self.text.as_bytes()
    }

    fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// What `PRAGMA key` is given for a file whose salt is `salt` (`None`: a new file, which
    /// gets the salt of a key already derived, or a new one): the raw key and salt, derived
    /// here once per salt, as SQLCipher would from the passphrase. A passphrase SQLCipher
    /// itself takes as a raw key (`x'…'` in hex) is given as it is.
    #[cfg(feature = "sqlcipher")]
    fn keyspec(&self, salt: Option<[u8; SALT_LEN]>) -> Result<Secret, StoreError> {
        if is_raw_key(&self.text) {
            return Ok(Secret(self.text.clone()));
        }
        let mut derived = self.derived.lock().unwrap_or_else(|e| e.into_inner());
        let salt = match salt.or_else(|| derived.first().map(|d| d.salt)) {
            Some(salt) => salt,
            None => {
                let mut salt = [0; SALT_LEN];
                getrandom::fill(&mut salt).map_err(|e| StoreError::Io {
                    path: "(random salt)".into(),
                    source: std::io::Error::other(e.to_string()),
                })?;
                salt
            }
        };
        let found = match derived.iter().position(|d| d.salt == salt) {
            Some(at) => at,
            None => {
                let mut key = [0; KEY_LEN];
                pbkdf2::pbkdf2_hmac::<sha2::Sha512>(
                    self.text.as_bytes(),
                    &salt,
                    KDF_ROUNDS,
                    &mut key,
                );
                derived.push(Derived {
                    salt,
                    key,
                    code: None,
                });
                key = [0; KEY_LEN];
                std::hint::black_box(&key);
                derived.len() - 1
            }
        };
        let d = &derived[found];
        let mut spec = String::with_capacity(3 + 2 * (KEY_LEN + SALT_LEN));
        spec.push_str("x'");
        for byte in d.key.iter().chain(&d.salt) {
            spec.push(char::from(HEX[usize::from(byte >> 4)]));
            spec.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
        spec.push('\'');
        Ok(Secret(spec))
    }
}

#[cfg(feature = "sqlcipher")]
impl Passphrase {
    /// The code the last file with this salt was found to carry, in this process.
    fn code_for(&self, salt: [u8; SALT_LEN]) -> Option<PageCode> {
        let derived = self.derived.lock().unwrap_or_else(|e| e.into_inner());
        derived.iter().find(|d| d.salt == salt)?.code
    }

    /// Remembers the code a file with this salt carries.
    fn found(&self, salt: [u8; SALT_LEN], code: PageCode) {
        let mut derived = self.derived.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(d) = derived.iter_mut().find(|d| d.salt == salt) {
            d.code = Some(code);
        }
    }
}

#[cfg(feature = "sqlcipher")]
const HEX: &[u8; 16] = b"0123456789abcdef";

/// Whether SQLCipher reads `text` as a raw key rather than a passphrase: `x'…'` around hex
/// digits that make a key, a key and salt, or a key, an HMAC key and a salt.
#[cfg(feature = "sqlcipher")]
fn is_raw_key(text: &str) -> bool {
    let Some(hex) = text
        .get(..2)
        .filter(|x| x.eq_ignore_ascii_case("x'"))
        .and_then(|_| text[2..].strip_suffix('\''))
    else {
        return false;
    };
    [
        2 * KEY_LEN,
        2 * (KEY_LEN + SALT_LEN),
        2 * (2 * KEY_LEN + SALT_LEN),
    ]
    .contains(&hex.len())
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Text that holds a key: overwritten before its memory is given back.
#[cfg(feature = "sqlcipher")]
struct Secret(String);

#[cfg(feature = "sqlcipher")]
impl Drop for Secret {
    fn drop(&mut self) {
        let len = self.0.len();
        self.0.clear();
        self.0.extend(std::iter::repeat_n('\0', len));
        std::hint::black_box(&self.0);
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
        let len = self.text.len();
        self.text.clear();
        self.text.extend(std::iter::repeat_n('\0', len));
        std::hint::black_box(&self.text);
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
    // Through the handle this process holds on a book it has open (see files::held).
    let read = crate::files::with_file(path, |file| {
        let mut head = [0u8; PLAIN_HEADER.len()];
        let n = crate::files::read_at(file, &mut head, 0)?;
        Ok((head[..n].to_vec(), file.metadata()?.len()))
    });
    let (head, len) = match read {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::Missing),
        Err(e) => return Err(io(e)),
    };
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
        (FileKind::Missing, key) => key.filter(|k| !k.is_empty()),
        (FileKind::Encrypted, Some(key)) if !key.is_empty() => Some(key),
        (FileKind::Encrypted, key) => return Err(refused(path, key)),
    })
}

/// Makes sure SQLite (SQLCipher) has finished starting up before a connection is opened:
/// SQLCipher adds `sqlcipher_export` to each new connection only once its start-up is done,
/// and a connection opened on another thread meanwhile would lack it. The first call opens a
/// connection in memory, and every other caller waits for it. It also stops SQLCipher writing
/// its own lines to stderr ("hmac check failed for pgno=1" for every file a code or a
/// passphrase does not open, [`find_code`]'s tries included, on every opening of a book with
/// the older code): Carnet reports a refused passphrase or a damaged page as its own error
/// (`WrongPassphrase`, `Damaged` from the book's check), and logs the code it found at debug.
pub(crate) fn ready() {
    static READY: std::sync::Once = std::sync::Once::new();
    READY.call_once(|| {
        if let Ok(conn) = Connection::open_in_memory() {
            #[cfg(feature = "sqlcipher")]
            let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE");
            drop(conn);
        }
    });
}

/// Keys `conn` with `key` (its first statement), or leaves a plain connection as it is: with
/// the raw key for the salt its file begins with, derived once per process (a new file gets
/// the salt of the key already derived, and so the book's), and the code its pages carry
/// ([`PageCode`]: a new file's, or the one found by reading the file).
pub(crate) fn apply_key(conn: &Connection, key: Option<&Passphrase>) -> Result<(), StoreError> {
    if let Some(key) = key {
        #[cfg(feature = "sqlcipher")]
        {
            ready();
            let salt = salt_of(conn);
            let spec = key.keyspec(salt)?;
            conn.pragma_update(None, "key", spec.0.as_str())?;
            match salt {
                None => PageCode::NEW.set(conn, "main")?,
                Some(salt) => {
                    if let Some(code) = find_code(conn, &spec, key.code_for(salt))? {
                        key.found(salt, code);
                    }
                }
            }
        }
        #[cfg(not(feature = "sqlcipher"))]
        {
            let _ = (conn, key);
            return Err(StoreError::NoEncryption);
        }
    }
    Ok(())
}

/// Finds the code the pages of the file of `conn` carry by reading its first page (the
/// header's `user_version`, no schema read), keyed with `spec`, with each code in turn (`hint`
/// first: the one found last for a file with this salt), on a read-only connection of its
/// own: a connection whose first read failed is not to be trusted with writes, even keyed
/// again. Every opening of a file looks: a copy shares its book's salt but not always its
/// code (a team book beside an older book, one a restore converted). Only "not a database"
/// moves on to the next code. `None` when no code opens the first page (the wrong
/// passphrase, or a first page damaged): `conn` is then left with SQLCipher's default, and its
/// first statement fails as it did before codes were looked for. Any other error (the file
/// busy past the wait, or not to be opened) is returned as it is, not taken for a wrong
/// passphrase; a damage further in is found by the book's own check, as before.
#[cfg(feature = "sqlcipher")]
fn find_code(
    conn: &Connection,
    spec: &Secret,
    hint: Option<PageCode>,
) -> Result<Option<PageCode>, StoreError> {
    let Some(path) = conn.path().filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    let tried = hint
        .into_iter()
        .chain(PageCode::TRIED.into_iter().filter(|c| Some(*c) != hint));
    for code in tried {
        let probe = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        probe.pragma_update(None, "key", spec.0.as_str())?;
        code.set(&probe, "main")?;
        match probe.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)) {
            Ok(_) => {
                tracing::debug!(code = code.name(), "an encrypted file's page code");
                code.set(conn, "main")?;
                return Ok(Some(code));
            }
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {}
            Err(e) => return Err(e.into()),
        }
    }
    tracing::debug!("no page code opens an encrypted file's first page");
    Ok(None)
}

/// Gives `copy`, a new file keyed with `key` and not yet written, the code the pages of
/// `source` carry: SQLite's online backup copies pages, and SQLCipher refuses one between
/// files whose pages carry different codes.
pub(crate) fn same_code(source: &Connection, copy: &Connection) -> Result<(), StoreError> {
    if let Some(code) = PageCode::of(source)? {
        code.set(copy, "main")?;
    }
    Ok(())
}

/// The salt the file of `conn`'s main database begins with; `None` for a new (empty) file,
/// one in memory, or one that cannot be read (SQLCipher then reports what is wrong).
#[cfg(feature = "sqlcipher")]
fn salt_of(conn: &Connection) -> Option<[u8; SALT_LEN]> {
    let path = conn.path().filter(|p| !p.is_empty())?;
    let mut salt = [0; SALT_LEN];
    let n = crate::files::with_file(Path::new(path), |file| {
        crate::files::read_at(file, &mut salt, 0)
    })
    .ok()?;
    (n == SALT_LEN && &salt != PLAIN_HEADER).then_some(salt)
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
/// `key`, its pages carrying `code` (a new file's when `None`), or plain without one:
/// SQLCipher's `sqlcipher_export` into a fresh file, with the schema version carried over.
/// `dest` must not exist yet. Nothing is renamed here: the caller puts the copy in place.
pub(crate) fn export(
    conn: &Connection,
    dest: &Path,
    key: Option<&Passphrase>,
    code: Option<PageCode>,
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
        if key.is_some() {
            code.unwrap_or(PageCode::NEW).set(conn, "carnet_export")?;
        }
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
