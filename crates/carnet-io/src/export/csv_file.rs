//! Writing a CSV export: the customer sheet alone.

use std::io::Write;

use super::sheets::{customer_columns, customer_row};
use crate::IoError;
use crate::json_export::{CustomerRecord, JsonExport};
use crate::labels::{Lang, label};

/// Writes the customer sheet as CSV: UTF-8 with a BOM (so Chinese Excel opens it right), the
/// headers, then one customer per line.
pub fn write_csv(book: &JsonExport, lang: Lang, out: &mut impl Write) -> Result<(), IoError> {
    let mut csv = Csv::new(out, lang)?;
    book.customers.iter().try_for_each(|c| csv.add(c))?;
    csv.finish()
}

/// A CSV export being written, a customer at a time (see [`write_csv`]).
pub struct Csv<W: Write> {
    w: csv::Writer<W>,
    lang: Lang,
}

fn csv_error(e: csv::Error) -> IoError {
    IoError::Write {
        format: "csv",
        reason: e.to_string(),
    }
}

impl<W: Write> Csv<W> {
    /// Starts the file: the BOM and the headers. (Who exported it and when is in the xlsx
    /// export's properties; a CSV file has nowhere for it that every reader skips.)
    pub fn new(mut out: W, lang: Lang) -> Result<Csv<W>, IoError> {
        out.write_all("\u{FEFF}".as_bytes())
            .map_err(|e| csv_error(e.into()))?;
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(out);
        w.write_record(customer_columns().iter().map(|k| label(k, lang)))
            .map_err(csv_error)?;
        Ok(Csv { w, lang })
    }

    /// Adds a customer's line.
    pub fn add(&mut self, c: &CustomerRecord) -> Result<(), IoError> {
        for cell in customer_row(c, self.lang) {
            self.w
                .write_field(cell.csv_text().as_bytes())
                .map_err(csv_error)?;
        }
        self.w.write_record(None::<&[u8]>).map_err(csv_error)
    }

    pub fn finish(mut self) -> Result<(), IoError> {
        self.w.flush().map_err(|e| csv_error(e.into()))
    }
}
