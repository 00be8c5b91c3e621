//! The work left for after the first screen: the check, the day's backup, the prompts.

use serde::Serialize;
use ts_rs::TS;

/// What the work after the first screen is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CatchUpStep {
    /// Checking the book (`quick_check`), once per start.
    Check,
    /// The day's first backup.
    Backup,
    /// Recomputing the prompts the day or a change of the rules made stale.
    Prompts,
}

/// How far the work after the first screen has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct CatchUpProgress {
    pub step: CatchUpStep,
    /// Customers recomputed so far (0 for the check and the backup).
    pub done: u32,
    /// Customers to recompute in all (0 for the check and the backup).
    pub total: u32,
}

/// What the work after the first screen did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CatchUpResult {
    /// The day's backup, when this made it.
    pub backup: Option<String>,
    /// Customers whose prompts were recomputed.
    pub customers: u32,
}
