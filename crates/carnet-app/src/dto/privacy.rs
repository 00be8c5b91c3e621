//! Privacy: the book's passphrase and the app lock.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Whether the book is encrypted, and when the app locks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Privacy {
    /// This Carnet can encrypt (it was built with SQLCipher).
    pub available: bool,
    /// The book has a passphrase: it is encrypted on disk, and the app locks.
    pub encrypted: bool,
    /// The idle minutes after which the app locks (when the book has a passphrase).
    pub lock_after_minutes: u32,
}

/// What setting, changing or removing the passphrase did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PassphraseChange {
    /// The book is now encrypted.
    pub encrypted: bool,
    /// The backup made first, of the book as it was.
    pub backup: Option<String>,
    /// The automatic backups converted to the new passphrase.
    pub backups: u32,
    /// Backups the old passphrase did not open, left as they were.
    pub left: Vec<String>,
}

/// What a locked window may show: how many are due, and nothing of who.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LockState {
    pub locked: bool,
    /// How many prompts are due today (none known while the book is not yet opened).
    pub due: Option<u32>,
}
