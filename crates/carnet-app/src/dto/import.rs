//! An import as front ends see it: the request, the dry run's preview (columns, refused rows,
//! warnings grouped by what was kept where, duplicates), progress, the result, the history
//! and what an undo did.

use std::collections::BTreeMap;

use carnet_core::lenient::KeptIn;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ErrorCode, ErrorKind};

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
#[serde(into = "InvalidRowWire")]
#[ts(as = "InvalidRowWire")]
pub struct InvalidRow {
    /// 1-based, as the sheet shows it (the card's or customer's number otherwise).
    pub row: u32,
    /// The column's header (the field's name for a Carnet export).
    pub column: String,
    pub field: String,
    pub value: String,
    /// Why (sent as `code` and `params`).
    pub kind: ErrorKind,
}

/// An [`InvalidRow`] as it is sent: the code and its parameters as text.
#[derive(Serialize, TS)]
struct InvalidRowWire {
    /// 1-based, as the sheet shows it (the card's or customer's number otherwise).
    row: u32,
    /// The column's header (the field's name for a Carnet export).
    column: String,
    field: String,
    value: String,
    // Typed together, code by code, in the TypeScript bindings (see `crate::bindings`).
    #[ts(skip)]
    code: ErrorCode,
    #[ts(skip)]
    params: BTreeMap<String, String>,
}

impl From<InvalidRow> for InvalidRowWire {
    fn from(r: InvalidRow) -> InvalidRowWire {
        InvalidRowWire {
            row: r.row,
            column: r.column,
            field: r.field,
            value: r.value,
            code: r.kind.code(),
            params: r.kind.params(),
        }
    }
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

/// Where the import kept a value it could not understand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KeptWhere {
    /// In its own field: words for a budget, a timeframe or who decides; a phone as typed,
    /// marked unverified.
    Field,
    /// In the notes, under its column's header.
    Notes,
    /// The person had no name: the import made one from their phone, WeChat id or e-mail,
    /// and tagged them to be named.
    MadeUpName,
    /// Cut: the notes could not hold it all (the notes hold up to a spreadsheet cell).
    Cut,
}

impl From<KeptIn> for KeptWhere {
    fn from(k: KeptIn) -> KeptWhere {
        match k {
            KeptIn::Field => KeptWhere::Field,
            KeptIn::Notes => KeptWhere::Notes,
            KeptIn::MadeUpName => KeptWhere::MadeUpName,
            KeptIn::Cut => KeptWhere::Cut,
        }
    }
}

/// A value as a warning lists it: its row and what it held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WarningItem {
    pub row: u32,
    pub value: String,
}

/// Warnings of one kind (the same column, the same reason, kept in the same place), with
/// the rows they concern: what the dry run lists, one line a kind, opened to its rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WarningGroup {
    pub column: String,
    pub field: String,
    pub kept: KeptWhere,
    /// Why the value was not understood as the field's value (`invalid_phone`,
    /// `invalid_budget`, `invalid_date` for a timeframe or a birthday, `invalid_choice`,
    /// `unknown_field` for a column Carnet has no field for, `required` for a name …).
    pub code: ErrorCode,
    /// How many values (every one counted).
    pub count: u32,
    /// The first of them, with their rows.
    pub items: Vec<WarningItem>,
}
