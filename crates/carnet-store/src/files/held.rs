//! The files of the books this process has open, each read through one handle held open for
//! as long as they are.
//!
//! SQLite locks a book's file with POSIX advisory locks, which belong to the process, not to
//! a handle: closing *any* handle the process has on the file drops them all, SQLite's too
//! (SQLite's "How To Corrupt An SQLite Database File", 2.2). A book in WAL mode then looks
//! unused to another process (a `carnet` command beside the desktop), which on closing takes
//! itself for the last user and deletes the log the desktop is still writing to. So Carnet
//! never opens and closes a book it has open: a [`Store`](crate::Store) (or a held backup)
//! holds its file here from before its connection opens until after it closes, and every
//! read of the file's bytes (its kind, its salt, a copy made whole, a comparison) goes
//! through that handle ([`with_file`]), by the file's identity (device and inode), with
//! positional reads so that readers never share an offset.

use std::fs::File;
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::StoreError;

/// A file's identity: its device and inode (none where the system has no such thing).
type FileId = (u64, u64);

struct Entry {
    id: FileId,
    users: usize,
    file: Arc<File>,
}

/// The files held, each with how many holders it has.
static HELD: Mutex<Vec<Entry>> = Mutex::new(Vec::new());

fn held() -> std::sync::MutexGuard<'static, Vec<Entry>> {
    HELD.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(unix)]
fn id_of(meta: &std::fs::Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

/// Elsewhere a handle's locks are its own: nothing needs holding.
#[cfg(not(unix))]
fn id_of(_meta: &std::fs::Metadata) -> Option<FileId> {
    None
}

/// One holder's hold on a file: the file stays open until the last holder lets go (dropped
/// after the connection that reads it is closed).
#[derive(Debug)]
pub struct HeldFile {
    id: Option<FileId>,
}

impl Drop for HeldFile {
    fn drop(&mut self) {
        let Some(id) = self.id else { return };
        let mut held = held();
        if let Some(at) = held.iter().position(|e| e.id == id) {
            held[at].users -= 1;
            if held[at].users == 0 {
                held.swap_remove(at);
            }
        }
    }
}

/// Holds the file at `path` open: a book about to be opened (`create`: created empty,
/// readable by its owner only, when there is none), or an existing file opened read-only.
/// A file this process holds already gains a holder; it is not opened again.
pub fn hold(path: &Path, create: bool) -> Result<HeldFile, StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_owned(),
        source,
    };
    let mut held = held();
    if let Some(id) = std::fs::metadata(path).ok().as_ref().and_then(id_of)
        && let Some(entry) = held.iter_mut().find(|e| e.id == id)
    {
        entry.users += 1;
        return Ok(HeldFile { id: Some(id) });
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    if create {
        options.write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, super::PRIVATE_FILE);
    }
    let file = options.open(path).map_err(io)?;
    let id = id_of(&file.metadata().map_err(io)?);
    if let Some(id) = id {
        held.push(Entry {
            id,
            users: 1,
            file: Arc::new(file),
        });
    }
    Ok(HeldFile { id })
}

/// Runs `read` on the file at `path`: through the handle this process holds on it when it
/// holds one (see the module's doc), else through a handle of its own. Read with
/// [`read_at`], never with the handle's offset.
pub fn with_file<T>(
    path: &Path,
    read: impl FnOnce(&File) -> std::io::Result<T>,
) -> std::io::Result<T> {
    let id = std::fs::metadata(path).ok().as_ref().and_then(id_of);
    let file = id.and_then(|id| {
        held()
            .iter()
            .find(|e| e.id == id)
            .map(|e| Arc::clone(&e.file))
    });
    match file {
        Some(file) => read(&file),
        None => read(&File::open(path)?),
    }
}

/// Reads into `buf` from `offset` without moving the handle's offset; how many bytes were
/// read (fewer at the end of the file, none past it).
pub fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    let mut done = 0;
    while done < buf.len() {
        #[cfg(unix)]
        let n = std::os::unix::fs::FileExt::read_at(file, &mut buf[done..], offset + done as u64);
        #[cfg(windows)]
        let n =
            std::os::windows::fs::FileExt::seek_read(file, &mut buf[done..], offset + done as u64);
        match n {
            Ok(0) => break,
            Ok(k) => done += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(done)
}

/// Copies the file at `from` (through [`with_file`]) into the file at `to`: created readable
/// by its owner only, or truncated first.
pub fn copy_out(from: &Path, to: &Path) -> Result<(), StoreError> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, super::PRIVATE_FILE);
    let mut out = options.open(to).map_err(|source| StoreError::Io {
        path: to.to_owned(),
        source,
    })?;
    let mut buf = vec![0u8; 1 << 20];
    let mut offset = 0u64;
    let mut wrote: std::io::Result<()> = Ok(());
    with_file(from, |file| {
        loop {
            let n = read_at(file, &mut buf, offset)?;
            if n == 0 {
                return Ok(());
            }
            if let Err(e) = out.write_all(&buf[..n]) {
                wrote = Err(e);
                return Ok(());
            }
            offset += n as u64;
        }
    })
    .map_err(|source| StoreError::Io {
        path: from.to_owned(),
        source,
    })?;
    wrote
        .and_then(|()| out.flush())
        .map_err(|source| StoreError::Io {
            path: to.to_owned(),
            source,
        })
}

#[cfg(test)]
mod tests;
