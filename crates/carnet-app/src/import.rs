//! Importing a file into the book: the dry run every import starts with, the import itself
//! (one transaction, after a backup, with progress and a way to stop it), and undo.
//!
//! carnet-io reads the file; this module decides, row by row, what it means for this book:
//! new, an update of empty fields, a duplicate (the same rule as on entry), or invalid.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::Ordering;

use carnet_core::{FIELDS, Invalid, Profile, ProfileDraft};
use carnet_io::json_export::{CustomerRecord, HandledAs, JsonExport};
use carnet_io::mapping::{self, Mapping, SavedMapping};
use carnet_io::{Format, Source, Table};
use carnet_store::{
    FamilyMember, Fill, HandledPrompt, ImportPlan, ImportRecord, Interaction, KeyFactChange,
    LevelChange, NewCustomer, PromptAction, SaleDetails, Store,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{App, AppError, ErrorCode};

mod check;

use check::{Checked, Warnings, add_all, check_rows};
pub use check::{KeptWhere, WarningGroup, WarningItem};

/// Where the consultant's corrections to column mappings are kept.
const SAVED_MAPPING: &str = "import_mapping";
/// How many duplicates a dry run lists (all are counted).
const LISTED_DUPLICATES: usize = 500;

/// What to do with a row that may be a customer already in the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DuplicatePolicy {
    /// Leave the customer in the book as it is.
    #[default]
    Skip,
    /// Fill the customer's empty fields from the row (and, from a Carnet export, add the
    /// family members and interactions the book does not have yet).
    Update,
    /// Add the row as a new customer anyway.
    Create,
}

impl DuplicatePolicy {
    pub fn code(self) -> &'static str {
        match self {
            DuplicatePolicy::Skip => "skip",
            DuplicatePolicy::Update => "update",
            DuplicatePolicy::Create => "create",
        }
    }

    pub fn parse(code: &str) -> Option<DuplicatePolicy> {
        [
            DuplicatePolicy::Skip,
            DuplicatePolicy::Update,
            DuplicatePolicy::Create,
        ]
        .into_iter()
        .find(|p| p.code() == code)
    }
}

/// What the consultant asks for: a file, how its columns map (the guess when `None`), and
/// the duplicate policy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ImportRequest {
    pub path: String,
    /// Each column's target (a profile field, `given_name`, `family_name`, `id`) or null.
    pub columns: Option<Vec<Option<String>>>,
    /// 0-based row of the headers; the guess when `None`.
    pub header_row: Option<u32>,
    pub policy: DuplicatePolicy,
    /// Remember the corrected columns for the next file with these headers.
    pub save_mapping: bool,
}

/// A column of the file, as the dry run shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportColumn {
    pub index: u32,
    pub header: String,
    pub target: Option<String>,
    /// The first non-empty value below the header.
    pub sample: String,
}

/// A row that cannot be imported (nothing identifies the person), and why (the error code
/// and params, as everywhere).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct InvalidRow {
    /// 1-based, as the sheet shows it (the card's or customer's number otherwise).
    pub row: u32,
    /// The column's header (the field's name for a Carnet export).
    pub column: String,
    pub field: String,
    pub value: String,
    pub code: ErrorCode,
    pub params: BTreeMap<String, String>,
}

/// A row that may be a customer already in the book (or an earlier row of the same file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DuplicateRow {
    pub row: u32,
    pub name: String,
    /// The customer it matches; `None` when it matches an earlier row of the file.
    pub existing_id: Option<String>,
    pub existing_name: String,
}

/// The dry run: what importing the file with this mapping and policy would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportPreview {
    pub file_name: String,
    pub format: String,
    /// A Carnet export: whole customers, no columns to map.
    pub carnet_export: bool,
    pub header_row: u32,
    pub columns: Vec<ImportColumn>,
    /// Headers of columns that are not imported.
    pub unknown_columns: Vec<String>,
    /// What a column may be mapped to.
    pub targets: Vec<String>,
    pub rows: u32,
    pub new: u32,
    pub updated: u32,
    pub duplicate: u32,
    /// Rows imported (new or updated) with a value kept rather than understood.
    pub with_warnings: u32,
    /// Rows refused: nothing identifies the person (no name, phone, WeChat id or e-mail).
    pub refused: u32,
    pub refused_rows: Vec<InvalidRow>,
    /// The values kept rather than understood, a group a kind, with their rows.
    pub warnings: Vec<WarningGroup>,
    pub duplicates: Vec<DuplicateRow>,
    pub policy: DuplicatePolicy,
}

/// How far an import has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct ImportProgress {
    /// "checking" the rows, then "writing" them.
    pub phase: ImportPhase,
    pub done: u32,
    pub total: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportPhase {
    Checking,
    Writing,
}

/// A finished import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportResult {
    /// The id to undo it by; `None` when there was nothing to import.
    pub id: Option<String>,
    pub created: u32,
    pub updated: u32,
    pub skipped: u32,
    pub refused: u32,
    /// Rows imported with a value kept rather than understood.
    pub with_warnings: u32,
    /// The copy of the book made just before.
    pub backup: Option<String>,
}

/// An import in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportDto {
    pub id: String,
    pub at: String,
    pub file_name: String,
    pub format: String,
    pub policy: String,
    pub created: u32,
    pub updated: u32,
    pub skipped: u32,
    pub refused: u32,
    pub undone: bool,
}

/// What undoing an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct UndoImportResult {
    /// Customers it had created, now in the trash.
    pub removed: u32,
    /// Customers already in the book whose imported fields were cleared again.
    pub reverted: u32,
}

pub(crate) fn n(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

fn n64(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// A file read and understood, before it meets the book. Its rows (or customers) are taken
/// out as they are checked, and freed a row at a time: a big file is never held twice.
struct Read {
    file_name: String,
    format: Format,
    kind: ReadKind,
}

enum ReadKind {
    Rows {
        table: Table,
        mapping: Mapping,
        /// The header row's cells (the table's rows go when they are checked).
        headers: Vec<String>,
    },
    Book(Box<JsonExport>),
}

/// The outcome of checking every row against the book.
struct Planned {
    plan: ImportPlan,
    /// The rows whose customers the import creates, in order.
    creates: Vec<Create>,
    preview: ImportPreview,
}

/// A dry run kept for the import that follows it: its plan, with what it depends on.
pub(crate) struct DryRun {
    key: DryRunKey,
    planned: Planned,
}

/// What a dry run's plan depends on: the request (remembering the mapping aside), the file
/// (its size and modification time), the saved mappings, and the book.
#[derive(PartialEq)]
struct DryRunKey {
    req: ImportRequest,
    file: Option<(u64, std::time::SystemTime)>,
    saved: SavedMapping,
    book: (i64, i64),
}

impl DryRunKey {
    fn new(
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

fn invalid_row(row: u32, column: String, field: &str, value: String, e: Invalid) -> InvalidRow {
    let err = AppError::from(e);
    InvalidRow {
        row,
        column,
        field: err.field.unwrap_or_else(|| field.to_owned()),
        value,
        code: err.code,
        params: err.params,
    }
}

fn read(path: &Path, req: &ImportRequest, saved: &SavedMapping) -> Result<Read, AppError> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (format, kind) = match carnet_io::read_file(path)? {
        Source::JsonExport(book) => (Format::Json, ReadKind::Book(book)),
        Source::Table { format, table } => {
            let mut mapping = match req.header_row {
                Some(row) if (row as usize) < table.rows.len() => {
                    mapping::at_header_row(&table, row as usize, saved)
                }
                _ => mapping::guess(&table, saved),
            };
            if let Some(columns) = &req.columns {
                let targets = mapping::targets();
                mapping.columns = columns
                    .iter()
                    .map(|c| c.clone().filter(|t| targets.contains(&t.as_str())))
                    .collect();
            }
            let headers = mapping.headers(&table).to_vec();
            (
                format,
                ReadKind::Rows {
                    table,
                    mapping,
                    headers,
                },
            )
        }
    };
    Ok(Read {
        file_name,
        format,
        kind,
    })
}

/// The empty fields of `existing` that `row` can fill; the profile after filling and the
/// fields with the text they now hold.
fn fill_empty(
    existing: &Profile,
    row: &Profile,
    today: chrono::NaiveDate,
) -> Option<(Profile, BTreeMap<String, String>)> {
    let mut draft = existing.to_draft();
    let incoming = row.to_draft();
    let mut fields = Vec::new();
    for field in FIELDS.iter().map(|f| &f.name) {
        if matches!(*field, "level" | "birthday_lunar") {
            continue;
        }
        let (mine, theirs) = (draft.get(field)?, incoming.get(field)?);
        if mine.is_empty() && !theirs.is_empty() {
            draft.set(field, &theirs).ok()?;
            if *field == "birthday" {
                draft.birthday_lunar = incoming.birthday_lunar;
            }
            fields.push(*field);
        }
    }
    if fields.is_empty() {
        return None;
    }
    let profile = draft.validate(today).ok()?;
    let stored: ProfileDraft = profile.to_draft();
    let filled = fields
        .into_iter()
        .filter_map(|f| Some((f.to_owned(), stored.get(f)?)))
        .collect();
    Some((profile, filled))
}

fn family_of(record: &CustomerRecord, customer_id: &str) -> Vec<FamilyMember> {
    record
        .family
        .iter()
        .map(|f| FamilyMember {
            id: f.id.clone(),
            customer_id: customer_id.to_owned(),
            facts: f.facts.clone(),
            created_at: f.created_at,
        })
        .collect()
}

fn interactions_of(record: &CustomerRecord, customer_id: &str) -> Vec<Interaction> {
    record
        .interactions
        .iter()
        .map(|i| Interaction {
            id: i.id.clone(),
            customer_id: customer_id.to_owned(),
            facts: carnet_core::InteractionFacts {
                kind: i.kind,
                at: i.at,
                outcome: i.outcome,
                satisfaction: i.satisfaction,
                promise: i.promise.clone(),
                notes: i.notes.clone(),
                next: i.next_date.map(|date| carnet_core::DueAt {
                    date,
                    time: i.next_time,
                }),
            },
            sale: SaleDetails {
                model: i.model.clone(),
                price: i.price,
                expected_delivery: i.expected_delivery,
                vin: i.vin.clone(),
                plate: i.plate.clone(),
            },
            resolved_at: i.resolved_at,
            resolution: i.resolution.clone(),
            created_at: i.created_at,
        })
        .collect()
}

fn level_changes_of(record: &CustomerRecord) -> Vec<LevelChange> {
    record
        .level_changes
        .iter()
        .map(|l| LevelChange {
            changed_at: l.at.clone(),
            from: l.from,
            to: l.to,
            reason: l.reason.clone(),
            revisit: l.revisit,
        })
        .collect()
}

fn key_fact_changes_of(record: &CustomerRecord) -> Vec<KeyFactChange> {
    record
        .key_fact_changes
        .iter()
        .map(|k| KeyFactChange {
            fact: k.fact,
            old_value: k.old_value.clone(),
            new_value: k.new_value.clone(),
            changed_at: k.changed_at,
        })
        .collect()
}

fn handled_prompts_of(record: &CustomerRecord) -> Vec<HandledPrompt> {
    record
        .handled_prompts
        .iter()
        .map(|h| HandledPrompt {
            key: h.key.clone(),
            action: match h.action {
                HandledAs::Done => PromptAction::Done,
                HandledAs::Dismissed => PromptAction::Dismissed,
                HandledAs::Snoozed { until } => PromptAction::Snoozed(until),
            },
            reason: h.reason.clone(),
            at: h.at,
        })
        .collect()
}

fn is_uuid(id: &str) -> bool {
    uuid::Uuid::parse_str(id).is_ok()
}

/// From how many rows a dry run finds duplicates through an index of the whole book (one
/// pass over it) instead of a query or two a row.
const INDEXED_FROM: usize = 1_000;

/// The page cache, in MiB, while a dry run checks the rows against the book and while the
/// import writes them (the book's pages pass through it once): a quarter of the usual, for
/// 48 MB less memory held (measured about as fast into an empty book; a little slower into a
/// big one).
const IMPORT_CACHE_MIB: i64 = 16;

/// Rows handed from the thread reading and checking the file to the one checking them
/// against the book, at a time.
const HANDED: usize = 256;

/// A customer the dry run found new. The import makes it again from its row (the same file,
/// read and checked again as it is written) rather than hold every new customer from the dry
/// run to the write; `digest` makes sure it is the same row.
#[derive(Debug, Clone, Copy)]
struct Create {
    row: u32,
    digest: u64,
    /// Whether it keeps the id it came with (a Carnet export's, free in the book).
    keep_id: bool,
}

/// What identifies a row's customer: their name and phones.
fn row_digest(profile: &Profile) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    profile.name.hash(&mut h);
    for p in &profile.phones {
        p.stored().hash(&mut h);
    }
    h.finish()
}

/// Checks every row against the book and decides what each one does. The file is read and
/// its rows checked on a thread of their own while this one looks each up in the book.
fn plan(
    store: &Store,
    read: &mut Read,
    req: &ImportRequest,
    (at, lang): (chrono::NaiveDateTime, carnet_io::labels::Lang),
    progress: &mut dyn FnMut(ImportProgress) -> bool,
) -> Result<Planned, AppError> {
    let mut preview = preview_head(read, req);
    let record_head = (read.file_name.clone(), read.format.name().to_owned());
    let (total, checked) = check_rows(read, at.date(), lang);
    let index = if total >= INDEXED_FROM {
        Some(store.duplicate_index()?)
    } else {
        None
    };
    let total = n(total);
    preview.rows = total;
    let erased: std::collections::HashSet<String> = store.erased_ids()?.into_iter().collect();
    let mut planner = Planner {
        store,
        req,
        at,
        index,
        erased,
        preview,
        warnings: Warnings::default(),
        creates: Vec::new(),
        fills: Vec::new(),
        fill_of: HashMap::new(),
        in_file: HashMap::new(),
        taken_ids: std::collections::HashSet::new(),
    };
    std::thread::scope(|scope| -> Result<(), AppError> {
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Checked>>(4);
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
        let mut i = 0usize;
        for batch in receive {
            for item in batch {
                if i.is_multiple_of(512)
                    && !progress(ImportProgress {
                        phase: ImportPhase::Checking,
                        done: n(i),
                        total,
                    })
                {
                    return Err(AppError::from(carnet_store::StoreError::Cancelled));
                }
                i += 1;
                planner.take(item)?;
            }
        }
        Ok(())
    })?;
    let Planner {
        mut preview,
        warnings,
        creates,
        fills,
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
        },
        creates,
        preview,
    })
}

/// The dry run's state as it goes through the rows.
struct Planner<'a> {
    store: &'a Store,
    req: &'a ImportRequest,
    at: chrono::NaiveDateTime,
    index: Option<carnet_store::DuplicateIndex>,
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
}

impl Planner<'_> {
    /// Decides what one checked row does.
    fn take(&mut self, item: Checked) -> Result<(), AppError> {
        let store = self.store;
        let preview = &mut self.preview;
        let (row, id, profile, record, row_warnings) = match item {
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
                warnings,
            } => (row, id, *profile, record, warnings),
        };
        if let Some(id) = id.as_deref().filter(|id| self.erased.contains(*id)) {
            preview.refused += 1;
            preview.refused_rows.push(InvalidRow {
                row,
                column: "id".to_owned(),
                field: "id".to_owned(),
                value: profile.name.clone(),
                code: ErrorCode::ErasedCustomer,
                params: [("id".to_owned(), id.to_owned())].into_iter().collect(),
            });
            return Ok(());
        }
        // The same customer: by Carnet id first, then by the duplicate rule.
        let by_id = match id.as_deref() {
            Some(id) => store.customer(id)?,
            None => None,
        };
        let existing = match (by_id, &self.index) {
            (Some(c), _) => Some(c),
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
                    },
                };
                if let Some((profile, filled)) = fill_empty(&base, &profile, self.at.date()) {
                    fill.profile = profile;
                    fill.filled.extend(filled);
                    changed = true;
                }
                if let Some(record) = &record {
                    for f in family_of(record, existing_id) {
                        if !store.has_family_member(&f.id)? {
                            fill.family.push(f);
                            changed = true;
                        }
                    }
                    for i in interactions_of(record, existing_id) {
                        if !store.has_interaction(&i.id)? {
                            fill.interactions.push(i);
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
        preview.new += 1;
        Ok(())
    }
}

/// The customers a dry run found new, made again from the file's rows as they are checked
/// once more, for the import to write. A row that is not the one the dry run saw (the file
/// changed in between) stops the import, with `changed` set.
struct Remade<'a, I> {
    checked: I,
    creates: std::slice::Iter<'a, Create>,
    rules: &'a carnet_core::followup::Rules,
    today: chrono::NaiveDate,
    changed: &'a std::sync::atomic::AtomicBool,
}

impl<I: Iterator<Item = Checked>> Iterator for Remade<'_, I> {
    type Item = Result<NewCustomer, carnet_store::StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        let want = self.creates.next()?;
        loop {
            match self.checked.next() {
                Some(Checked::Valid {
                    row,
                    id,
                    profile,
                    record,
                    ..
                }) if row == want.row && row_digest(&profile) == want.digest => {
                    return Some(Ok(new_customer(
                        *profile,
                        id.filter(|_| want.keep_id),
                        record,
                        self.rules,
                        self.today,
                    )));
                }
                Some(Checked::Valid { row, .. } | Checked::Invalid(InvalidRow { row, .. }))
                    if row < want.row => {}
                _ => {
                    self.changed.store(true, Ordering::SeqCst);
                    return Some(Err(carnet_store::StoreError::Cancelled));
                }
            }
        }
    }
}

/// A new customer from their checked row: the id it keeps (else a new one), the level their
/// timeframe suggests, and what a Carnet export brought with them.
fn new_customer(
    mut profile: Profile,
    kept_id: Option<String>,
    record: Option<Box<CustomerRecord>>,
    rules: &carnet_core::followup::Rules,
    today: chrono::NaiveDate,
) -> NewCustomer {
    let new_id = kept_id.unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
    if record.is_none() {
        crate::followup::grade_by_timeframe(&mut profile, rules, today);
    }
    let (created_at, updated_at, family, interactions, level_changes) = match &record {
        Some(r) if r.id == new_id => (
            Some(r.created_at),
            Some(r.updated_at),
            family_of(r, &new_id),
            interactions_of(r, &new_id),
            level_changes_of(r),
        ),
        Some(r) => {
            // Created anyway beside a customer with its id: its rows get new ids too.
            let mut family = family_of(r, &new_id);
            for f in &mut family {
                f.id = uuid::Uuid::now_v7().to_string();
            }
            let mut interactions = interactions_of(r, &new_id);
            for i in &mut interactions {
                i.id = uuid::Uuid::now_v7().to_string();
            }
            (None, None, family, interactions, level_changes_of(r))
        }
        None => (None, None, Vec::new(), Vec::new(), Vec::new()),
    };
    NewCustomer {
        id: new_id,
        created_at,
        updated_at,
        profile,
        family,
        interactions,
        level_changes,
        key_fact_changes: record
            .as_deref()
            .map(key_fact_changes_of)
            .unwrap_or_default(),
        handled_prompts: record
            .as_deref()
            .map(handled_prompts_of)
            .unwrap_or_default(),
    }
}

fn preview_head(read: &Read, req: &ImportRequest) -> ImportPreview {
    let mut preview = ImportPreview {
        file_name: read.file_name.clone(),
        format: read.format.name().to_owned(),
        carnet_export: matches!(read.kind, ReadKind::Book(_)),
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
        preview.header_row = n(mapping.header_row);
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
                index: n(i),
                header,
                target: target.clone(),
                sample,
            });
        }
    }
    preview
}

impl App {
    fn saved_mapping(&self) -> Result<SavedMapping, AppError> {
        Ok(self
            .store()
            .setting(SAVED_MAPPING)?
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default())
    }

    /// The dry run: reads the file and checks every row against the book, writing nothing.
    pub fn preview_import(&self, req: &ImportRequest) -> Result<ImportPreview, AppError> {
        let saved = self.saved_mapping()?;
        let mut read = read(Path::new(&req.path), req, &saved)?;
        let lang = self.export_lang()?;
        let store = self.store();
        let now = self.now();
        let planned = store.with_cache(IMPORT_CACHE_MIB, |store| {
            store.read(|store| plan(store, &mut read, req, (now, lang), &mut |_| true))
        })?;
        drop(read);
        let preview = planned.preview.clone();
        let key = DryRunKey::new(req, &saved, &store)?;
        *self.lock_dry_run() = Some(DryRun { key, planned });
        Ok(preview)
    }

    fn lock_dry_run(&self) -> std::sync::MutexGuard<'_, Option<DryRun>> {
        self.dry_run.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Stops the import that is running (it writes nothing).
    pub fn cancel_import(&self) {
        self.import_cancel.store(true, Ordering::SeqCst);
    }

    /// Imports the file: the same checks as the dry run, then a backup of the book, then
    /// every row in one transaction. `progress` hears how far it has got; `cancel_import`
    /// stops it with nothing written.
    pub fn import_file(
        &self,
        req: &ImportRequest,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportResult, AppError> {
        self.import_cancel.store(false, Ordering::SeqCst);
        let started = std::time::Instant::now();
        let saved = self.saved_mapping()?;
        let lang = self.export_lang()?;
        let dry_run = self.lock_dry_run().take();
        let store = self.store();
        let at = self.now();
        let cancel = &self.import_cancel;
        let mut report = |p: ImportProgress| {
            progress(p);
            !cancel.load(Ordering::SeqCst)
        };
        // The dry run just made for this file is used as it is when nothing it depends on
        // has changed since; otherwise the file is read and checked again.
        let key = DryRunKey::new(req, &saved, &store)?;
        let Planned {
            mut plan,
            creates,
            preview,
        } = match dry_run {
            Some(d) if d.key == key => d.planned,
            _ => {
                let mut read = read(Path::new(&req.path), req, &saved)?;
                store.with_cache(IMPORT_CACHE_MIB, |store| {
                    store.read(|store| plan(store, &mut read, req, (at, lang), &mut report))
                })?
            }
        };
        plan.record.at = at.format("%Y-%m-%d %H:%M:%S").to_string();
        let planned = started.elapsed();
        let writes = plan.created > 0 || !plan.fills.is_empty();
        // The file is read again, for the customers it creates to be made again as they are
        // written; the backup is made meanwhile.
        let (again, backup) = std::thread::scope(|scope| {
            let reading = scope.spawn(|| read(Path::new(&req.path), req, &saved));
            let backup = if writes {
                store.auto_backup("before-import").map_err(AppError::from)
            } else {
                Ok(None)
            };
            let again = reading
                .join()
                .unwrap_or_else(|_| Err(AppError::internal("reading the file again failed")));
            (again, backup)
        });
        let (mut again, backup) = (again?, backup?);
        let backed_up = started.elapsed();
        let mut new_mapping = None;
        if req.save_mapping
            && let ReadKind::Rows {
                mapping, headers, ..
            } = &again.kind
        {
            let mut saved = saved;
            for (header, target) in headers.iter().zip(&mapping.columns) {
                let key = mapping::norm(header);
                if key.is_empty() {
                    continue;
                }
                if mapping::recognise(header) == target.as_deref() {
                    saved.remove(&key);
                } else {
                    saved.insert(key, target.clone());
                }
            }
            new_mapping = Some(serde_json::to_string(&saved).map_err(AppError::internal)?);
        }
        let save_mapping = |w: &carnet_store::Write<'_>| match &new_mapping {
            Some(json) => w.set_setting(SAVED_MAPPING, json),
            None => Ok(()),
        };
        let mut result = ImportResult {
            id: None,
            created: preview.new,
            updated: preview.updated,
            skipped: preview.duplicate,
            refused: preview.refused,
            with_warnings: preview.with_warnings,
            backup: None,
        };
        if !writes {
            store.write(save_mapping)?;
            return Ok(result);
        }
        plan.record.backup = backup.as_ref().map(|p| p.display().to_string());
        let total = n(plan.created + plan.fills.len());
        let rules = crate::followup::rules(&store)?;
        let changed = std::sync::atomic::AtomicBool::new(false);
        let (_, checked) = check_rows(&mut again, at.date(), lang);
        let mut created = Remade {
            checked,
            creates: creates.iter(),
            rules: &rules,
            today: at.date(),
            changed: &changed,
        };
        // The corrected mapping, the customers and their prompts: one commit.
        let written = store.with_cache(IMPORT_CACHE_MIB, |store| {
            store.write(|w| {
                save_mapping(w)?;
                w.apply_import(&plan, &mut created, at, &rules, &mut |done| {
                    report(ImportProgress {
                        phase: ImportPhase::Writing,
                        done: n(done),
                        total,
                    })
                })
            })
        });
        if changed.load(Ordering::SeqCst) {
            return Err(AppError::new(
                ErrorCode::FileError,
                "the file changed while it was being imported; nothing was written",
            )
            .with_param("path", req.path.clone())
            .with_param(
                "detail",
                "the file changed while it was being imported; nothing was written",
            ));
        }
        written?;
        progress(ImportProgress {
            phase: ImportPhase::Writing,
            done: total,
            total,
        });
        let written = started.elapsed();
        tracing::info!(
            import = %plan.record.id,
            created = result.created,
            updated = result.updated,
            ?planned,
            ?backed_up,
            ?written,
            "imported"
        );
        result.id = Some(plan.record.id.clone());
        result.backup = plan.record.backup.clone();
        Ok(result)
    }

    /// Every import, newest first.
    pub fn imports(&self) -> Result<Vec<ImportDto>, AppError> {
        Ok(self
            .store()
            .imports()?
            .into_iter()
            .map(|r| ImportDto {
                id: r.id,
                at: r.at,
                file_name: r.file_name,
                format: r.format,
                policy: r.policy,
                created: n64(r.created),
                updated: n64(r.updated),
                skipped: n64(r.skipped),
                refused: n64(r.invalid),
                undone: r.undone_at.is_some(),
            })
            .collect())
    }

    /// Undoes an import as a whole (see [`Store::undo_import`]).
    pub fn undo_import(&self, id: &str) -> Result<UndoImportResult, AppError> {
        let store = self.store();
        let at = self.now();
        let done = store.write(|w| {
            let done = w.undo_import(id, at)?.ok_or_else(|| {
                AppError::new(ErrorCode::NotFound, format!("no import {id} to undo"))
                    .with_param("id", id)
            })?;
            w.roll_prompts_over(&crate::followup::rules(w)?, at.date())?;
            Ok::<_, AppError>(done)
        })?;
        Ok(UndoImportResult {
            removed: n64(done.removed),
            reverted: n64(done.reverted),
        })
    }
}

#[cfg(test)]
mod tests;
