//! Writing a book out for a manager: xlsx (one sheet per kind, dates as dates, every text a
//! string cell) and CSV (UTF-8 with a BOM, formula starts guarded). The headers are the first
//! row of every sheet, so pandas, Power Query and VLOOKUP read it as it is; who exported it,
//! from which dealership and when are in the workbook's properties and its "About" sheet.
//! Phones are their digits as text (`13800138000`, `+19055551234`, `02162345678;ext=8001`),
//! the main one in a column of its own, to match against another sheet or a call log. JSON is
//! [`crate::json_export::write`].

mod csv_file;
mod mask;
mod sheets;
mod table;
mod xlsx;

pub use csv_file::{Csv, write_csv};
pub use mask::{mask, mask_customer, mask_phone};
pub use sheets::{
    OTHER_PHONES, SHEETS, customer_columns, sheet_columns, sheet_row_counts, sheet_rows,
};
pub use table::{TableCell, write_table};
pub use xlsx::{SHEET_ROWS, Xlsx, XlsxSheet, joined, title_line, write_xlsx};

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveDateTime};

use crate::text::guard_formula;

/// A cell of an export (texts borrowed where they can be: a big book has millions).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(Cow<'a, str>),
    Number(f64),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
}

impl<'a> Cell<'a> {
    fn text(value: impl Into<Cow<'a, str>>) -> Cell<'a> {
        let value = value.into();
        if value.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(value)
        }
    }

    fn opt(value: Option<&'a str>) -> Cell<'a> {
        value.map_or(Cell::Empty, Cell::text)
    }

    /// As CSV writes it.
    fn csv_text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(t) => guard_formula(t),
            Cell::Number(n) => Cow::Owned(n.to_string()),
            Cell::Date(d) => Cow::Owned(d.format("%Y-%m-%d").to_string()),
            Cell::DateTime(t) => Cow::Owned(t.format("%Y-%m-%d %H:%M").to_string()),
        }
    }
}

#[cfg(test)]
mod tests;
