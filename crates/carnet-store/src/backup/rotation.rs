//! Automatic backups by name: a backup's name says when it was made and why; the rotation
//! keeps everything from the last day, then the newest of each of the last days, weeks and
//! months.

use std::path::Path;

/// The file name of a backup made now for `reason`, e.g.
/// `carnet-20261125-144210-before-migration-v1.db`. Names sort by time.
pub fn backup_file_name(reason: &str) -> String {
    backup_file_name_at(reason, chrono::Utc::now())
}

/// The file name of a backup made at `now` for `reason` (see [`backup_file_name`]).
pub(crate) fn backup_file_name_at(reason: &str, now: chrono::DateTime<chrono::Utc>) -> String {
    format!("carnet-{}-{reason}.db", now.format("%Y%m%d-%H%M%S%.3f"))
}

/// A backup in the automatic backups folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub path: std::path::PathBuf,
    /// When it was made (from its name).
    pub made_at: chrono::DateTime<chrono::Utc>,
    /// Why: "daily", "before-import", "before-migration-v5", "before-restore".
    pub reason: String,
}

/// Reads a backup's time and reason back from its name.
pub fn parse_backup_name(name: &str) -> Option<(chrono::DateTime<chrono::Utc>, String)> {
    let rest = name.strip_prefix("carnet-")?.strip_suffix(".db")?;
    let stamp = rest.get(..19)?;
    let reason = rest.get(20..).unwrap_or_default().to_owned();
    let t = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S%.3f").ok()?;
    Some((t.and_utc(), reason))
}

/// The backups in `dir`, newest first.
pub fn list_backups(dir: &Path) -> Vec<BackupFile> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<BackupFile> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (made_at, reason) = parse_backup_name(&name)?;
            Some(BackupFile {
                path: e.path(),
                made_at,
                reason,
            })
        })
        .collect();
    found.sort_by(|a, b| b.made_at.cmp(&a.made_at).then(b.path.cmp(&a.path)));
    found
}

/// How many of each kind of copy are kept.
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;
pub const KEEP_MONTHLY: usize = 12;

/// Which backups to keep at `now` (indexes into `newest_first`): everything from the last 24
/// hours (an import's own backup stays while it may be wanted), then the newest of each of
/// the last 7 days, 4 weeks and 12 months that have one, by the consultant's calendar.
pub fn backups_to_keep(
    newest_first: &[chrono::DateTime<chrono::Utc>],
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<usize> {
    use chrono::Datelike;
    let mut keep: Vec<usize> = Vec::new();
    let local = |t: &chrono::DateTime<chrono::Utc>| t.with_timezone(&chrono::Local).date_naive();
    let mut buckets = |key: &dyn Fn(chrono::NaiveDate) -> (i32, u32), limit: usize| {
        let mut seen: Vec<(i32, u32)> = Vec::new();
        for (i, t) in newest_first.iter().enumerate() {
            let k = key(local(t));
            if !seen.contains(&k) {
                if seen.len() == limit {
                    break;
                }
                seen.push(k);
                if !keep.contains(&i) {
                    keep.push(i);
                }
            }
        }
    };
    buckets(&|d| (d.year(), d.ordinal()), KEEP_DAILY);
    buckets(&|d| (d.iso_week().year(), d.iso_week().week()), KEEP_WEEKLY);
    buckets(&|d| (d.year(), d.month()), KEEP_MONTHLY);
    for (i, t) in newest_first.iter().enumerate() {
        if now.signed_duration_since(*t) < chrono::Duration::hours(24) && !keep.contains(&i) {
            keep.push(i);
        }
    }
    keep.sort_unstable();
    keep
}

/// Deletes the backups in `dir` that the rotation no longer keeps, never one of `in_use` (a
/// backup being restored); returns how many.
pub fn prune_backups(dir: &Path, now: chrono::DateTime<chrono::Utc>, in_use: &[&Path]) -> usize {
    let all = list_backups(dir);
    let times: Vec<_> = all.iter().map(|b| b.made_at).collect();
    let keep = backups_to_keep(&times, now);
    let busy = |path: &Path| {
        in_use
            .iter()
            .any(|u| crate::files::resolved(u) == crate::files::resolved(path))
    };
    let mut removed = 0;
    for (i, b) in all.iter().enumerate() {
        if !keep.contains(&i) && !busy(&b.path) && std::fs::remove_file(&b.path).is_ok() {
            removed += 1;
        }
    }
    removed
}
