//! Writing one table (a report's) to an xlsx workbook: a bold header row, numbers as
//! numbers, text guarded against formulas.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};

use crate::IoError;
use crate::text::guard_formula;

/// A cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum TableCell<'a> {
    Text(&'a str),
    Number(f64),
    Empty,
}

/// The longest name a sheet may have (Excel's limit).
const SHEET_NAME_MAX: usize = 31;

/// A sheet name Excel accepts: without `[]:*?/\`, at most 31 characters, not empty.
fn sheet_name(raw: &str) -> String {
    let name: String = raw
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(SHEET_NAME_MAX)
        .collect();
    if name.trim().is_empty() {
        "Report".to_owned()
    } else {
        name
    }
}

/// Writes `headers` and `rows` to a one-sheet workbook at `path`.
pub fn write_table(
    path: &Path,
    sheet: &str,
    headers: &[String],
    rows: &[Vec<TableCell<'_>>],
) -> Result<(), IoError> {
    let err = |e: rust_xlsxwriter::XlsxError| IoError::Write {
        format: "xlsx",
        reason: e.to_string(),
    };
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = workbook.add_worksheet();
    ws.set_name(sheet_name(sheet)).map_err(err)?;
    for (c, h) in (0u16..).zip(headers) {
        ws.write_string_with_format(0, c, guard_formula(h).as_ref(), &bold)
            .map_err(err)?;
        let width = h.chars().count().clamp(8, 40) as f64 + 2.0;
        ws.set_column_width(c, width).map_err(err)?;
    }
    for (r, row) in (1u32..).zip(rows) {
        for (c, cell) in (0u16..).zip(row) {
            match cell {
                TableCell::Text(t) => {
                    ws.write_string(r, c, guard_formula(t).as_ref())
                        .map_err(err)?;
                }
                TableCell::Number(n) if n.is_finite() => {
                    ws.write_number(r, c, *n).map_err(err)?;
                }
                TableCell::Number(_) | TableCell::Empty => {}
            }
        }
    }
    workbook.save(path).map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_reads_back_with_numbers_as_numbers() {
        use calamine::{Data, Reader, Xlsx, open_workbook};
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("funnel.xlsx");
        let headers = vec!["环节".to_owned(), "人数".to_owned()];
        let rows = vec![
            vec![TableCell::Text("新线索"), TableCell::Number(12.0)],
            vec![TableCell::Text("=cmd()"), TableCell::Number(33.3)],
            vec![TableCell::Text("空"), TableCell::Empty],
        ];
        write_table(&path, "销售漏斗: 11/2026", &headers, &rows).expect("written");
        let mut book: Xlsx<_> = open_workbook(&path).expect("opens");
        assert_eq!(book.sheet_names(), vec!["销售漏斗 112026".to_owned()]);
        let range = book.worksheet_range("销售漏斗 112026").expect("sheet");
        assert_eq!(range.get_value((0, 0)), Some(&Data::String("环节".into())));
        assert_eq!(range.get_value((1, 1)), Some(&Data::Float(12.0)));
        assert_eq!(range.get_value((2, 1)), Some(&Data::Float(33.3)));
        assert_eq!(
            range.get_value((2, 0)),
            Some(&Data::String("'=cmd()".into())),
            "a formula is kept as text"
        );
        assert!(matches!(range.get_value((3, 1)), None | Some(Data::Empty)));
    }
}
