//! The dry run's plan: every checked row against the book (by Carnet id, then by the
//! duplicate rule, through an index of the book for a big file) and against the file's
//! earlier rows, decided as new, a fill of empty fields, a duplicate, or refused.

use std::collections::{BTreeMap, HashMap};

use carnet_core::Profile;
use carnet_io::mapping;
use carnet_store::{Fill, ImportPlan, ImportRecord, Store};

use super::check::{Checked, Warnings, add_all, check_rows};
use super::convert::{fill_empty, is_uuid};
use super::read::{Read, ReadKind};
use crate::{
    AppError, DuplicatePolicy, DuplicateRow, ErrorKind, ImportColumn, ImportPhase, ImportPreview,
    ImportProgress, ImportRequest, InvalidRow, saturating_u32,
};

/// How many duplicates a dry run lists (all are counted).
const LISTED_DUPLICATES: usize = 500;

/// From how many rows a dry run finds duplicates through an index of the whole book (one
/// pass over it) instead of a query or two a row.
pub(super) const INDEXED_FROM: usize = 1_000;

/// Rows handed from the thread reading and checking the file to the one checking them
/// against the book, at a time.
const HANDED: usize = 256;

/// How many handfuls of checked rows may wait for the book's side: enough for the rows
/// checked while the index of a 100,000-customer book is made (0.15 s, about 40,000 rows,
/// 20 MB or so of a sheet's), which the checking thread would otherwise wait for. At most
/// 49,152 rows wait at any time; a Carnet export's records were held whole already.
const AHEAD: usize = 192;

/// The outcome of checking every row against the book.
pub(super) struct Planned {
    pub(super) plan: ImportPlan,
    /// The rows whose customers the import creates, in order.
    pub(super) creates: Vec<Create>,
    pub(super) preview: ImportPreview,
    /// The checked rows of the customers it creates, in order, when kept (a Carnet export's
    /// for the import that follows at once: the file is then not read and checked again).
    pub(super) kept: Option<Vec<Checked>>,
}

/// A customer the dry run found new. The import makes it again from its row (the same file,
/// read and checked again as it is written) rather than hold every new customer from the dry
/// run to the write; `digest` makes sure it is the same row.
#[derive(Debug, Clone, Copy)]
pub(super) struct Create {
    pub(super) row: u32,
    pub(super) digest: u64,
    /// Whether it keeps the id it came with (a Carnet export's, free in the book).
    pub(super) keep_id: bool,
}

/// What identifies a row's customer: their name and phones.
pub(super) fn row_digest(profile: &Profile) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    profile.name.hash(&mut h);
    for p in &profile.phones {
        p.stored().hash(&mut h);
    }
    h.finish()
}

/// Checks every row against the book and decides what each one does. The file is read and
/// its rows checked on a thread of their own while this one looks each up in the book. With
/// `keep`, a Carnet export's new customers are kept as checked (an export is held whole as it
/// is read anyway); a sheet's never are (its rows are freed as they are checked).
pub(super) fn plan(
    store: &Store,
    read: &mut Read,
    req: &ImportRequest,
    (at, lang): (chrono::NaiveDateTime, carnet_io::labels::Lang),
    keep: bool,
    progress: &mut dyn FnMut(ImportProgress) -> bool,
) -> Result<Planned, AppError> {
    let mut preview = preview_head(read, req);
    let kept = (keep && matches!(read.kind, ReadKind::Export(_))).then(Vec::new);
    let record_head = (read.file_name.clone(), read.format.name().to_owned());
    let (total, checked) = check_rows(read, at.date(), lang);
    // Under `Create` a row's duplicate in the book changes nothing: none is looked for.
    let looks_up = req.policy != DuplicatePolicy::Create;
    let rows = total;
    let total = saturating_u32(total);
    preview.rows = total;
    let planner = std::thread::scope(|scope| -> Result<Planner<'_>, AppError> {
        // The rows are checked from the start, while the book's index is made here.
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Checked>>(AHEAD);
        scope.spawn(move || {
            let mut checked = checked;
            loop {
                let batch: Vec<Checked> = checked.by_ref().take(HANDED).collect();
                let last = batch.len() < HANDED;
                // Nobody receiving: the dry run stopped.
                if send.send(batch).is_err() || last {
                    return;
                }
            }
        });
        let index = if looks_up && rows >= INDEXED_FROM {
            Some(store.duplicate_index()?)
        } else {
            None
        };
        let erased: std::collections::HashSet<String> = store.erased_ids()?.into_iter().collect();
        let mut planner = Planner {
            store,
            req,
            at,
            index,
            looks_up,
            erased,
            preview,
            warnings: Warnings::default(),
            // Made as big as most files need at once (a key or two a row), not grown again
            // and again as the rows come.
            creates: Vec::with_capacity(rows),
            fills: Vec::new(),
            fill_of: HashMap::new(),
            in_file: HashMap::with_capacity(rows.saturating_mul(2)),
            taken_ids: std::collections::HashSet::new(),
            kept,
        };
        let mut i = 0usize;
        for batch in receive {
            for item in batch {
                if i.is_multiple_of(512)
                    && !progress(ImportProgress {
                        phase: ImportPhase::Checking,
                        done: saturating_u32(i),
                        total,
                    })
                {
                    return Err(AppError::from(carnet_store::StoreError::Cancelled));
                }
                i += 1;
                planner.take(item)?;
            }
        }
        Ok(planner)
    })?;
    let Planner {
        mut preview,
        warnings,
        creates,
        fills,
        kept,
        ..
    } = planner;
    let record = ImportRecord {
        id: uuid::Uuid::now_v7().to_string(),
        at: at.format("%Y-%m-%d %H:%M:%S").to_string(),
        file_name: record_head.0,
        format: record_head.1,
        policy: req.policy.code().to_owned(),
        created: u64::from(preview.new),
        updated: u64::from(preview.updated),
        skipped: u64::from(preview.duplicate),
        invalid: u64::from(preview.refused),
        backup: None,
        undone_at: None,
    };
    preview.warnings = warnings.into_groups();
    Ok(Planned {
        plan: ImportPlan {
            record,
            created: creates.len(),
            fills,
            consultant: None,
        },
        creates,
        preview,
        kept,
    })
}

/// The dry run's state as it goes through the rows.
struct Planner<'a> {
    store: &'a Store,
    req: &'a ImportRequest,
    at: chrono::NaiveDateTime,
    index: Option<carnet_store::DuplicateIndex>,
    /// Whether the book is searched for each row's duplicate (not under `Create`, which
    /// creates them all the same).
    looks_up: bool,
    /// Customers erased for good from this book: a row with one of their ids (an old export)
    /// does not bring them back.
    erased: std::collections::HashSet<String>,
    preview: ImportPreview,
    warnings: Warnings,
    creates: Vec<Create>,
    fills: Vec<Fill>,
    fill_of: HashMap<String, usize>,
    /// The rows this import creates, by their duplicate keys: a later row that shares one
    /// is a duplicate of it (the same rule as with the book).
    in_file: HashMap<carnet_core::profile::DuplicateKey, String>,
    /// Ids kept from the file: a second row with one is given a new id.
    taken_ids: std::collections::HashSet<String>,
    /// The new customers' checked rows, when they are kept for the import.
    kept: Option<Vec<Checked>>,
}

impl Planner<'_> {
    /// Decides what one checked row does.
    fn take(&mut self, item: Checked) -> Result<(), AppError> {
        let store = self.store;
        let preview = &mut self.preview;
        let (row, id, profile, record, lost, row_warnings) = match item {
            Checked::Invalid(bad) => {
                preview.refused += 1;
                preview.refused_rows.push(bad);
                return Ok(());
            }
            Checked::Valid {
                row,
                id,
                profile,
                record,
                lost,
                warnings,
            } => (row, id, *profile, record, lost, warnings),
        };
        if let Some(id) = id.as_deref().filter(|id| self.erased.contains(*id)) {
            preview.refused += 1;
            preview.refused_rows.push(InvalidRow {
                row,
                column: "id".to_owned(),
                field: "id".to_owned(),
                value: profile.name.clone(),
                kind: ErrorKind::ErasedCustomer { id: id.to_owned() },
            });
            return Ok(());
        }
        // The same customer: by Carnet id first, then by the duplicate rule.
        let by_id = match id.as_deref() {
            Some(id) if self.looks_up => store.customer(id)?,
            _ => None,
        };
        let existing = match (by_id, &self.index) {
            (Some(c), _) => Some(c),
            (None, _) if !self.looks_up => None,
            (None, Some(index)) => store
                .indexed_duplicates(index, &profile)?
                .into_iter()
                .next(),
            (None, None) => store
                .possible_duplicates(&profile, None)?
                .into_iter()
                .next(),
        };
        let keys = profile.duplicate_keys();
        let in_file = keys.iter().find_map(|k| self.in_file.get(k).cloned());
        let duplicate_of = existing
            .as_ref()
            .map(|c| (Some(c.id.clone()), c.profile.name.clone()))
            .or_else(|| in_file.map(|name| (None, name)));
        let policy = self.req.policy;
        if let Some((existing_id, existing_name)) = &duplicate_of
            && policy != DuplicatePolicy::Create
        {
            let mut changed = false;
            if let (DuplicatePolicy::Update, Some(existing_id)) = (policy, existing_id) {
                let slot = self.fill_of.get(existing_id).copied();
                let base = match slot {
                    Some(s) => self.fills[s].profile.clone(),
                    None => existing
                        .as_ref()
                        .map(|c| c.profile.clone())
                        .ok_or_else(|| AppError::internal("a matched customer vanished"))?,
                };
                let mut fill = match slot {
                    Some(s) => self.fills[s].clone(),
                    None => Fill {
                        customer_id: existing_id.clone(),
                        profile: base.clone(),
                        filled: BTreeMap::new(),
                        family: Vec::new(),
                        interactions: Vec::new(),
                        quotes: Vec::new(),
                    },
                };
                if let Some((profile, filled)) = fill_empty(&base, &profile, self.at.date()) {
                    fill.profile = profile;
                    fill.filled.extend(filled);
                    changed = true;
                }
                if let Some(record) = &record {
                    for f in &record.family {
                        if !store.has_family_member(&f.id)? {
                            fill.family.push(f.clone());
                            changed = true;
                        }
                    }
                    for i in &record.interactions {
                        if !store.has_interaction(&i.id)? {
                            fill.interactions.push(i.clone());
                            fill.quotes.extend(
                                record
                                    .quotes
                                    .iter()
                                    .filter(|q| q.interaction_id == i.id)
                                    .cloned(),
                            );
                            changed = true;
                        }
                    }
                }
                if changed {
                    match slot {
                        Some(s) => self.fills[s] = fill,
                        None => {
                            self.fill_of.insert(existing_id.clone(), self.fills.len());
                            self.fills.push(fill);
                            preview.updated += 1;
                        }
                    }
                    if add_all(&mut self.warnings, row_warnings) {
                        preview.with_warnings += 1;
                    }
                }
            }
            if !changed {
                preview.duplicate += 1;
                if preview.duplicates.len() < LISTED_DUPLICATES {
                    preview.duplicates.push(DuplicateRow {
                        row,
                        name: profile.name.clone(),
                        existing_id: existing_id.clone(),
                        existing_name: existing_name.clone(),
                    });
                }
            }
            return Ok(());
        }
        // A new customer: it keeps the id it came with when that id is free.
        let keep = id
            .clone()
            .filter(|id| is_uuid(id) && !self.taken_ids.contains(id))
            .filter(|id| store.customer(id).ok().flatten().is_none());
        let keep_id = keep.is_some();
        self.taken_ids.extend(keep);
        for k in keys {
            self.in_file
                .entry(k)
                .or_insert_with(|| profile.name.clone());
        }
        if add_all(&mut self.warnings, row_warnings) {
            preview.with_warnings += 1;
        }
        self.creates.push(Create {
            row,
            digest: row_digest(&profile),
            keep_id,
        });
        if let Some(kept) = &mut self.kept {
            kept.push(Checked::Valid {
                row,
                id,
                profile: Box::new(profile),
                record,
                lost,
                warnings: Vec::new(),
            });
        }
        preview.new += 1;
        Ok(())
    }
}

fn preview_head(read: &Read, req: &ImportRequest) -> ImportPreview {
    let mut preview = ImportPreview {
        file_name: read.file_name.clone(),
        format: read.format.name().to_owned(),
        carnet_export: matches!(read.kind, ReadKind::Export(_)),
        header_row: 0,
        columns: Vec::new(),
        unknown_columns: Vec::new(),
        targets: mapping::targets().into_iter().map(str::to_owned).collect(),
        rows: 0,
        new: 0,
        updated: 0,
        duplicate: 0,
        with_warnings: 0,
        refused: 0,
        refused_rows: Vec::new(),
        warnings: Vec::new(),
        duplicates: Vec::new(),
        policy: req.policy,
    };
    if let ReadKind::Rows {
        table,
        mapping,
        headers,
    } = &read.kind
    {
        preview.header_row = saturating_u32(mapping.header_row);
        for (i, target) in mapping.columns.iter().enumerate() {
            let header = headers.get(i).cloned().unwrap_or_default();
            let sample = table
                .rows
                .iter()
                .skip(mapping.header_row + 1)
                .filter_map(|r| r.get(i))
                .find(|v| !v.is_empty())
                .cloned()
                .unwrap_or_default();
            if target.is_none() && !(header.is_empty() && sample.is_empty()) {
                preview.unknown_columns.push(header.clone());
            }
            preview.columns.push(ImportColumn {
                index: saturating_u32(i),
                header,
                target: target.clone(),
                sample,
            });
        }
    }
    preview
}
