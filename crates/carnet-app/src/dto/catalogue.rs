//! The catalogue (车型库) as front ends list, edit, import and export it.

use std::collections::BTreeMap;

use carnet_core::catalogue::Trim;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::InvalidRow;

/// A trim as the catalogue lists it, with the text of each field for the editor.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TrimDto {
    pub id: String,
    /// The name a consultant says: series and trim.
    pub name: String,
    pub trim: Trim,
    /// Each field's text by code, as the editor shows it and `save_trim` reads it back.
    pub texts: BTreeMap<String, String>,
}

impl From<Trim> for TrimDto {
    fn from(trim: Trim) -> TrimDto {
        TrimDto {
            id: trim.id.clone(),
            name: trim.name(),
            texts: trim
                .texts()
                .into_iter()
                .map(|(code, text)| (code.to_owned(), text))
                .collect(),
            trim,
        }
    }
}

/// A trim a customer's intended model links to (see `carnet_core::catalogue::match_wish`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TrimLink {
    pub id: String,
    pub name: String,
}

impl From<&Trim> for TrimLink {
    fn from(trim: &Trim) -> TrimLink {
        TrimLink {
            id: trim.id.clone(),
            name: trim.name(),
        }
    }
}

/// A column of a catalogue sheet and the field it feeds (none: not read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CatalogueColumn {
    pub header: String,
    pub field: Option<String>,
}

/// A row of a catalogue sheet that the import adds or updates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CatalogueLine {
    /// The row's line in the sheet, counted from 1 (the trim's number in a JSON file).
    pub row: u32,
    pub name: String,
    /// Yuan.
    pub price: u64,
}

/// The dry run of a catalogue import: what each row would do. Nothing is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CataloguePreview {
    pub file_name: String,
    pub columns: Vec<CatalogueColumn>,
    /// Trims the catalogue does not have yet.
    pub new: Vec<CatalogueLine>,
    /// Trims the catalogue has (same id, or same brand, series, trim and year) that change.
    pub updated: Vec<CatalogueLine>,
    /// Trims the catalogue has as they are.
    pub unchanged: Vec<CatalogueLine>,
    /// Rows that cannot be read, each with its line and the field at fault.
    pub refused: Vec<InvalidRow>,
}

/// What a catalogue import did. It commits once: the rows refused are left out, the others
/// all written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CatalogueImportResult {
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub refused: Vec<InvalidRow>,
}

/// Where a catalogue was exported, and how many trims it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CatalogueExportResult {
    pub path: String,
    pub trims: u32,
}
