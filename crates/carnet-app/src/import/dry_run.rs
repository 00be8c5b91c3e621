//! A dry run kept for the import that follows it, and what it depends on.

use carnet_io::mapping::SavedMapping;
use carnet_store::Store;

use super::plan::Planned;
use crate::{AppError, ImportRequest};

/// A dry run kept for the import that follows it: its plan, with what it depends on.
pub(crate) struct DryRun {
    pub(super) key: DryRunKey,
    pub(super) planned: Planned,
}

/// What a dry run's plan depends on: the request (remembering the mapping aside), the file
/// (its size and modification time), the saved mappings, and the book.
#[derive(PartialEq)]
pub(super) struct DryRunKey {
    req: ImportRequest,
    file: Option<(u64, std::time::SystemTime)>,
    saved: SavedMapping,
    book: (i64, i64),
}

impl DryRunKey {
    pub(super) fn new(
        req: &ImportRequest,
        saved: &SavedMapping,
        store: &Store,
    ) -> Result<DryRunKey, AppError> {
        let file = std::fs::metadata(&req.path)
            .and_then(|m| Ok((m.len(), m.modified()?)))
            .ok();
        Ok(DryRunKey {
            req: ImportRequest {
                save_mapping: false,
                ..req.clone()
            },
            file,
            saved: saved.clone(),
            book: store.change_mark()?,
        })
    }
}
