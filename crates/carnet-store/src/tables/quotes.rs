//! The `quotes` table: saved quote sheets, one per quote interaction, kept whole (the terms
//! and the sheet as JSON) so that a quote re-opens as it was quoted.

use carnet_core::quote::SavedQuote;
use rusqlite::{OptionalExtension, params};

use crate::codec::date_text;
use crate::rows::collect_rows;
use crate::{Store, StoreError, Write};

fn corrupt(id: &str, what: &str) -> impl Fn(serde_json::Error) -> StoreError {
    move |e| {
        StoreError::Corrupt(format!(
            "quote {id}: its {what} cannot be read or written: {e}"
        ))
    }
}

const COLUMNS: &str = "interaction_id, customer_id, trim_id, trim_name, terms, sheet";

fn from_row(r: &rusqlite::Row<'_>) -> Result<SavedQuote, StoreError> {
    let id: String = r.get(0)?;
    let terms: String = r.get(4)?;
    let sheet: String = r.get(5)?;
    Ok(SavedQuote {
        terms: serde_json::from_str(&terms).map_err(corrupt(&id, "terms"))?,
        sheet: serde_json::from_str(&sheet).map_err(corrupt(&id, "sheet"))?,
        customer_id: r.get(1)?,
        trim_id: r.get(2)?,
        trim_name: r.get(3)?,
        interaction_id: id,
    })
}

/// Every quote in the book by customer, each customer's oldest first: for exporting the whole
/// book in one scan.
pub(crate) fn all(
    conn: &rusqlite::Connection,
) -> Result<std::collections::HashMap<String, Vec<SavedQuote>>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM quotes ORDER BY customer_id, created_at, interaction_id"
    ))?;
    let mut out: std::collections::HashMap<String, Vec<SavedQuote>> =
        std::collections::HashMap::new();
    for quote in collect_rows(stmt.query([])?, from_row)? {
        out.entry(quote.customer_id.clone())
            .or_default()
            .push(quote);
    }
    Ok(out)
}

impl Store {
    /// The quote saved as this interaction, if it is one.
    pub fn quote(&self, interaction_id: &str) -> Result<Option<SavedQuote>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM quotes WHERE interaction_id = ?1"
        ))?;
        stmt.query_row([interaction_id], |r| Ok(from_row(r)))
            .optional()?
            .transpose()
    }

    /// A customer's quotes, the latest first.
    pub fn quotes_of(&self, customer_id: &str) -> Result<Vec<SavedQuote>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM quotes WHERE customer_id = ?1 \
             ORDER BY created_at DESC, interaction_id DESC"
        ))?;
        collect_rows(stmt.query([customer_id])?, from_row)
    }
}

impl Write<'_> {
    /// Keeps a quote beside the interaction it was logged as (which must exist, and belong to
    /// its customer: the schema's references refuse anything else).
    pub fn save_quote(&self, quote: &SavedQuote) -> Result<(), StoreError> {
        insert(self.conn(), quote, &self.now_text())
    }
}

/// Keeps `quote`, saved at `created_at` (RFC 3339).
pub(crate) fn insert(
    conn: &rusqlite::Connection,
    quote: &SavedQuote,
    created_at: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO quotes (interaction_id, customer_id, trim_id, trim_name, terms, sheet,
                     valid_until, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        quote.interaction_id,
        quote.customer_id,
        quote.trim_id,
        quote.trim_name,
        serde_json::to_string(&quote.terms).map_err(corrupt(&quote.interaction_id, "terms"))?,
        serde_json::to_string(&quote.sheet).map_err(corrupt(&quote.interaction_id, "sheet"))?,
        date_text(quote.sheet.valid_until),
        created_at,
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests;
