//! Backups as front ends see them: the automatic ones, what a copy of the book holds (a
//! restore's preview), a restore's result, and a damaged book with the backup offered.

use std::path::Path;

use carnet_store::{BackupFile, BookSummary};
use serde::Serialize;
use ts_rs::TS;

/// A backup in the automatic backups folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupDto {
    pub path: String,
    /// RFC 3339.
    pub made_at: String,
    /// "daily", "before-import", "before-migration-v5", "before-restore".
    pub reason: String,
    pub bytes: u64,
}

impl From<&BackupFile> for BackupDto {
    fn from(b: &BackupFile) -> BackupDto {
        BackupDto {
            path: b.path.display().to_string(),
            made_at: b.made_at.to_rfc3339(),
            reason: b.reason.clone(),
            bytes: std::fs::metadata(&b.path).map(|m| m.len()).unwrap_or(0),
        }
    }
}

/// What a book file holds: a restore's preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BookPreview {
    pub path: String,
    pub customers: u32,
    pub interactions: u32,
    /// The latest change to a customer (RFC 3339).
    pub last_change: Option<String>,
    pub consultant: Option<String>,
}

impl BookPreview {
    pub(crate) fn new(path: &Path, s: BookSummary) -> BookPreview {
        BookPreview {
            path: path.display().to_string(),
            customers: u32::try_from(s.customers).unwrap_or(u32::MAX),
            interactions: u32::try_from(s.interactions).unwrap_or(u32::MAX),
            last_change: s.last_change,
            consultant: s.consultant.filter(|c| !c.is_empty()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RestoreResult {
    /// The copy of the book that was replaced.
    pub previous: Option<String>,
    pub customers: u32,
}

/// A book that failed its check at start, and the newest backup that passes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DamagedBook {
    pub path: String,
    pub problem: String,
    pub backup: Option<BackupDto>,
    pub preview: Option<BookPreview>,
}
