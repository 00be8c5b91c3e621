//! From a table's rows to profile drafts: which row holds the headers, which column feeds
//! which field (recognised from Chinese and English headers, phone-contact exports' headers,
//! and Carnet's own in three languages, corrected by the consultant and saved), and each
//! data row as a [`RowDraft`].

mod columns;
mod drafts;
mod headers;

pub use columns::{Mapping, SavedMapping, at_header_row, guess};
pub use drafts::{RowDraft, row_at, rows, split_phones};
pub use headers::{
    BIRTH_DAY, BIRTH_MONTH, BIRTH_YEAR, FAMILY_NAME, GIVEN_NAME, ID, KEEP, norm, recognise, targets,
};

#[cfg(test)]
mod tests;
