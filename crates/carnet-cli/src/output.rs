//! Writing results on stdout: JSON, or lines of text.

use std::io::Write;

use carnet_app::{AppError, CustomerDto};

use crate::messages;

/// JSON, or one line per customer; `empty` is said on stderr when there is no one to print.
pub(crate) fn print_customers(
    out: &mut impl Write,
    customers: &[CustomerDto],
    json: bool,
    empty: impl FnOnce() -> String,
) -> Result<(), AppError> {
    if json {
        emit(out, &to_json(customers)?)
    } else if customers.is_empty() {
        eprintln!("{}", empty());
        Ok(())
    } else {
        customers.iter().try_for_each(|c| emit(out, &text_row(c)))
    }
}

pub(crate) fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, AppError> {
    serde_json::to_string_pretty(value).map_err(|e| messages::output_error(&e))
}

/// One customer per line, tab-separated: id, name, phone, level, first model (empty when
/// unknown).
fn text_row(c: &CustomerDto) -> String {
    format!(
        "{}\t{}\t{}\t{}\t{}",
        c.id,
        c.name,
        c.phone_display.as_deref().unwrap_or(""),
        c.level.code(),
        c.model.as_deref().unwrap_or("")
    )
}

pub(crate) fn emit(out: &mut impl Write, line: &str) -> Result<(), AppError> {
    writeln!(out, "{line}").map_err(|e| messages::output_error(&e))
}
