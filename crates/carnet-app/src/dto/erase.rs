//! Erasing for good as front ends see it: its progress through the backups and its result.

use serde::Serialize;
use ts_rs::TS;

/// How far an erasure has got: the book first, then each automatic backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct EraseProgress {
    /// Backups rewritten so far.
    pub done: u32,
    /// Automatic backups in all.
    pub backups: u32,
}

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EraseResult {
    /// Customers erased from the book.
    pub erased: u32,
    /// Automatic backups rewritten without them (every customer ever erased from this book
    /// is taken out of each backup).
    pub backups: u32,
    /// Backups that could not be rewritten (damaged, or not a Carnet book), by path: they
    /// may still hold erased customers.
    pub failed: Vec<String>,
    /// Whether the book's log was emptied at once (else at its next checkpoint).
    pub log_purged: bool,
}
