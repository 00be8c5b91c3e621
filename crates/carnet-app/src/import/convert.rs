//! Rows into the store's rows: a refused value as a refused row, the empty fields a row fills,
//! and new customers made again from their rows as the import writes them, with the history a
//! Carnet export brings (family, timeline, level and key-fact history, handled prompts: the
//! same `carnet_core::history` types in the export and in the book, so they pass as they are).

use std::collections::BTreeMap;
use std::sync::atomic::Ordering;

use carnet_core::{FIELDS, Invalid, Profile, ProfileDraft};
use carnet_io::json_export::CustomerRecord;
use carnet_store::NewCustomer;

use super::check::Checked;
use super::plan::{Create, row_digest};
use crate::{AppError, InvalidRow};

pub(super) fn invalid_row(
    row: u32,
    column: String,
    field: &str,
    value: String,
    e: Invalid,
) -> InvalidRow {
    let err = AppError::from(e);
    InvalidRow {
        row,
        column,
        field: err.field.unwrap_or_else(|| field.to_owned()),
        value,
        kind: *err.kind,
    }
}

/// The empty fields of `existing` that `row` can fill; the profile after filling and the
/// fields with the text they now hold.
pub(super) fn fill_empty(
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

pub(super) fn is_uuid(id: &str) -> bool {
    uuid::Uuid::parse_str(id).is_ok()
}

/// The customers a dry run found new, made again from the file's rows as they are checked
/// once more, for the import to write. A row that is not the one the dry run saw (the file
/// changed in between) stops the import, with `changed` set.
pub(super) struct Remade<'a, I> {
    pub(super) checked: I,
    pub(super) creates: std::slice::Iter<'a, Create>,
    pub(super) rules: &'a carnet_core::followup::Rules,
    pub(super) today: chrono::NaiveDate,
    pub(super) changed: &'a std::sync::atomic::AtomicBool,
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
                    lost,
                    ..
                }) if row == want.row && row_digest(&profile) == want.digest => {
                    let mut created = new_customer(
                        *profile,
                        id.filter(|_| want.keep_id),
                        record,
                        self.rules,
                        self.today,
                    );
                    if let Some(lost) = lost {
                        created.level_changes = vec![lost_change(lost, self.rules, self.today)];
                    }
                    return Some(Ok(created));
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

/// The change to F a sheet's lost customer is created with: the reason the sheet gave (or its
/// words), and the win-back date the rules set from the day of the import.
fn lost_change(
    lost: super::check::SheetLost,
    rules: &carnet_core::followup::Rules,
    today: chrono::NaiveDate,
) -> carnet_core::history::LevelChange {
    let revisit = today
        .checked_add_days(chrono::Days::new(u64::from(rules.lost_revisit_days)))
        .unwrap_or(today);
    carnet_core::history::LevelChange {
        changed_at: format!("{today} 00:00:00"),
        from: carnet_core::Level::N,
        to: carnet_core::Level::F,
        reason: lost.words,
        revisit: Some(revisit),
        lost_reason: lost.reason,
        competitor: None,
    }
}

/// A new customer from their checked row: the id it keeps (else a new one), the level their
/// timeframe suggests, and what a Carnet export brought with them.
pub(super) fn new_customer(
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
    let Some(r) = record else {
        return NewCustomer {
            id: new_id,
            created_at: None,
            updated_at: None,
            profile,
            family: Vec::new(),
            interactions: Vec::new(),
            level_changes: Vec::new(),
            key_fact_changes: Vec::new(),
            handled_prompts: Vec::new(),
            prompt_log: Vec::new(),
            quotes: Vec::new(),
        };
    };
    let CustomerRecord {
        id,
        created_at,
        updated_at,
        mut family,
        mut interactions,
        level_changes,
        key_fact_changes,
        handled_prompts,
        prompt_log,
        mut quotes,
        ..
    } = *r;
    let kept = id == new_id;
    if !kept {
        // Created anyway beside a customer with its id: its rows get new ids too.
        for f in &mut family {
            f.id = uuid::Uuid::now_v7().to_string();
        }
        for i in &mut interactions {
            let new = uuid::Uuid::now_v7().to_string();
            // A quote sheet goes with its interaction.
            for q in quotes.iter_mut().filter(|q| q.interaction_id == i.id) {
                q.interaction_id.clone_from(&new);
            }
            i.id = new;
        }
    }
    NewCustomer {
        id: new_id,
        created_at: kept.then_some(created_at),
        updated_at: kept.then_some(updated_at),
        profile,
        family,
        interactions,
        level_changes,
        key_fact_changes,
        handled_prompts,
        prompt_log,
        quotes,
    }
}
