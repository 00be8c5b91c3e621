//! Writing an xlsx export: a workbook whose sheets take their rows on threads of their own.
//! A sheet with more rows than Excel's million goes on in a sheet of the same name and its
//! number ("跟进记录 (2)"), headers again at the top.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use rust_xlsxwriter::{DocProperties, Format, Workbook};

use super::Cell;
use super::sheets::{SHEETS, customer_rows, sheet_columns, sheet_row_counts};
use crate::IoError;
use crate::json_export::{CustomerRecord, Exporter, JsonExport};
use crate::labels::{Lang, label};

/// Who exported the book, from which dealership, when, in a line (the workbook's title).
pub fn title_line(e: &Exporter, lang: Lang) -> String {
    let sep = if lang.is_chinese() { "：" } else { ": " };
    let mut parts = vec![format!(
        "{}{sep}{}",
        label("exported_by", lang),
        e.consultant
    )];
    if !e.dealership.is_empty() {
        parts.push(format!(
            "{}{sep}{}",
            label("dealership", lang),
            e.dealership
        ));
    }
    parts.push(format!(
        "{}{sep}{}",
        label("exported_at", lang),
        e.exported_at
    ));
    if e.masked {
        parts.push(label("masked", lang).to_owned());
    }
    parts.join(" · ")
}

fn write_error(format: &'static str) -> impl Fn(rust_xlsxwriter::XlsxError) -> IoError {
    move |e| IoError::Write {
        format,
        reason: e.to_string(),
    }
}

/// The rows of data a worksheet holds: Excel's 1,048,576 less the headers.
pub const SHEET_ROWS: u32 = 1_048_575;

/// Writes the xlsx export to `path`, each sheet on its own thread.
pub fn write_xlsx(book: &JsonExport, lang: Lang, path: &Path) -> Result<(), IoError> {
    write_xlsx_with(book, lang, path, SHEET_ROWS)
}

/// [`write_xlsx`] with worksheets of `sheet_rows` rows of data (a test's small sheets).
pub(crate) fn write_xlsx_with(
    book: &JsonExport,
    lang: Lang,
    path: &Path,
    sheet_rows: u32,
) -> Result<(), IoError> {
    let rows = sheet_row_counts(book);
    let mut xlsx = Xlsx::with_sheet_rows(&book.exporter, lang, rows, sheet_rows)?;
    std::thread::scope(|scope| {
        let writers: Vec<_> = xlsx
            .sheets()?
            .into_iter()
            .map(|mut sheet| {
                scope.spawn(move || book.customers.iter().try_for_each(|c| sheet.add(c)))
            })
            .collect();
        writers.into_iter().try_for_each(joined)
    })?;
    xlsx.save(path)
}

/// What a sheet's thread gave back (a panic in one is an error, not a crash).
pub fn joined<T>(
    writer: std::thread::ScopedJoinHandle<'_, Result<T, IoError>>,
) -> Result<T, IoError> {
    writer.join().unwrap_or_else(|_| {
        Err(IoError::Write {
            format: "xlsx",
            reason: "a sheet's writer stopped".into(),
        })
    })
}

/// An xlsx export being written: the workbook and its sheets ([`SHEETS`]), whose rows can be
/// added on different threads (a big book's customers and interactions sheets take about as
/// long as each other), then packed.
pub struct Xlsx {
    workbook: Workbook,
    exporter: Exporter,
    lang: Lang,
    /// How many worksheets each of [`SHEETS`] has, in order: enough for the rows it was
    /// said to have at most.
    parts: [usize; 4],
    /// For each worksheet, whether it has taken rows (a sheet's first always counts): the
    /// others are left out when the workbook is packed.
    filled: Vec<AtomicBool>,
    sheet_rows: u32,
    /// rust_xlsxwriter numbers a format the first time a sheet uses it, in a table the sheets
    /// share; two sheets doing that at once could give one format two numbers. Each sheet's
    /// first use of each format happens under this lock.
    first_uses: std::sync::Mutex<()>,
}

impl Xlsx {
    /// A workbook for an export whose sheets ([`SHEETS`], in order) hold at most `rows` rows
    /// each (more than a worksheet holds go on in further worksheets; those that take no row
    /// are left out).
    pub fn new(exporter: &Exporter, lang: Lang, rows: [u64; 4]) -> Result<Xlsx, IoError> {
        Xlsx::with_sheet_rows(exporter, lang, rows, SHEET_ROWS)
    }

    pub(crate) fn with_sheet_rows(
        exporter: &Exporter,
        lang: Lang,
        rows: [u64; 4],
        sheet_rows: u32,
    ) -> Result<Xlsx, IoError> {
        let err = write_error("xlsx");
        let mut workbook = Workbook::new();
        // Deflate level 2: packing a big book runs on one core after everything else, and
        // level 3 took 40% longer for a file 7% smaller (6 took longer still).
        workbook.set_zip_compression_level(2);
        let title = title_line(exporter, lang);
        let mut properties = DocProperties::new()
            .set_author(&exporter.consultant)
            .set_company(&exporter.dealership)
            .set_title(&title)
            .set_subject(label("sheet_customers", lang))
            .set_creation_datetime(&chrono::Local::now().to_utc())
            .set_custom_property(label("exported_by", lang), exporter.consultant.as_str())
            .set_custom_property(label("dealership", lang), exporter.dealership.as_str())
            .set_custom_property(label("exported_at", lang), exporter.exported_at.as_str());
        if exporter.masked {
            properties = properties.set_custom_property(label("masked", lang), true);
        }
        workbook.set_properties(&properties);
        let mut parts = [1; 4];
        let mut filled = Vec::new();
        for ((part_count, (name, _)), rows) in parts.iter_mut().zip(SHEETS).zip(rows) {
            *part_count = usize::try_from(rows.div_ceil(u64::from(sheet_rows.max(1))))
                .unwrap_or(usize::MAX)
                .max(1);
            for part in 1..=*part_count {
                let name = match part {
                    1 => label(name, lang).to_owned(),
                    n => format!("{} ({n})", label(name, lang)),
                };
                workbook
                    .add_worksheet_with_constant_memory()
                    .map_err(&err)?
                    .set_name(name)
                    .map_err(&err)?;
                filled.push(AtomicBool::new(part == 1));
            }
        }
        Ok(Xlsx {
            workbook,
            exporter: exporter.clone(),
            lang,
            parts,
            filled,
            sheet_rows: sheet_rows.max(1),
            first_uses: std::sync::Mutex::new(()),
        })
    }

    /// The sheets, in the order of [`SHEETS`], their headers written.
    pub fn sheets(&mut self) -> Result<Vec<XlsxSheet<'_>>, IoError> {
        let (lang, first_uses, sheet_rows) = (self.lang, &self.first_uses, self.sheet_rows);
        let mut worksheets = self.workbook.worksheets_mut().iter_mut().zip(&self.filled);
        SHEETS
            .iter()
            .zip(self.parts)
            .map(|((name, _), parts)| {
                let mut more: Vec<_> = worksheets.by_ref().take(parts).collect();
                more.reverse();
                let (ws, _) = more.pop().ok_or_else(|| IoError::Write {
                    format: "xlsx",
                    reason: "a sheet without a worksheet".into(),
                })?;
                let mut sheet = XlsxSheet {
                    ws,
                    more,
                    sheet_rows,
                    name,
                    lang,
                    first_uses,
                    used: [false; 3],
                    formats: [
                        Format::new().set_bold(),
                        Format::new().set_num_format("yyyy-mm-dd"),
                        Format::new().set_num_format("yyyy-mm-dd hh:mm"),
                    ],
                    row: 0,
                    column_formats: Vec::new(),
                };
                sheet.head()?;
                Ok(sheet)
            })
            .collect()
    }

    /// Adds the "About" sheet (who exported the book, from which dealership, when, whether
    /// it is masked) and packs the workbook into `path`, without the further worksheets that
    /// took no row.
    pub fn save(mut self, path: &Path) -> Result<(), IoError> {
        let err = write_error("xlsx");
        let mut filled = self.filled.iter().map(|f| f.load(Ordering::Relaxed));
        self.workbook
            .worksheets_mut()
            .retain(|_| filled.next().unwrap_or(true));
        let (e, lang) = (&self.exporter, self.lang);
        let about = self
            .workbook
            .add_worksheet()
            .set_name(label("sheet_about", lang))
            .map_err(&err)?;
        let mut lines = vec![
            (label("exported_by", lang), e.consultant.as_str()),
            (label("dealership", lang), e.dealership.as_str()),
            (label("exported_at", lang), e.exported_at.as_str()),
        ];
        if e.masked {
            lines.push((label("masked", lang), label("yes", lang)));
        }
        for (r, (key, value)) in (0u32..).zip(lines) {
            about.write_string(r, 0, key).map_err(&err)?;
            about.write_string(r, 1, value).map_err(&err)?;
        }
        about.set_column_width(0, 14).map_err(&err)?;
        about.set_column_width(1, 30).map_err(&err)?;
        self.workbook.save(path).map_err(err)
    }
}

/// One sheet of an [`Xlsx`] export, taking rows.
pub struct XlsxSheet<'a> {
    ws: &'a mut rust_xlsxwriter::Worksheet,
    /// The worksheets that follow when this one is full, the next last.
    more: Vec<(&'a mut rust_xlsxwriter::Worksheet, &'a AtomicBool)>,
    sheet_rows: u32,
    name: &'static str,
    lang: Lang,
    first_uses: &'a std::sync::Mutex<()>,
    used: [bool; 3],
    formats: [Format; 3],
    /// The last row written.
    row: u32,
    /// The format each column has (date columns): its cells are written without one and
    /// take the column's, which spares rust_xlsxwriter looking a format up for each.
    column_formats: Vec<Option<usize>>,
}

const BOLD: usize = 0;
const DATE: usize = 1;
const DATE_TIME: usize = 2;

impl XlsxSheet<'_> {
    /// The sheet's name key in [`SHEETS`].
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The headers, the first row, frozen above the data.
    fn head(&mut self) -> Result<(), IoError> {
        let err = write_error("xlsx");
        self.ws.set_freeze_panes(1, 0).map_err(&err)?;
        for (c, key) in sheet_columns(self.name).iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(u16::MAX);
            let label = label(key, self.lang);
            self.formatted(BOLD, |ws, bold| {
                ws.write_string_with_format(0, col, label, bold)
            })?;
            let width = if *key == "notes" || *key == "id" || *key == "customer_id" {
                24
            } else {
                12
            };
            self.ws.set_column_width(col, width).map_err(&err)?;
            let format = match *key {
                "at" | "created_at" => Some(DATE_TIME),
                "birthday" | "resolved_at" | "expected_delivery" => Some(DATE),
                _ => None,
            };
            if let Some(f) = format {
                self.ws
                    .set_column_format(col, &self.formats[f])
                    .map_err(&err)?;
            }
            self.column_formats.push(format);
        }
        Ok(())
    }

    /// Adds the rows one customer gives this sheet.
    pub fn add(&mut self, c: &CustomerRecord) -> Result<(), IoError> {
        let (name, lang) = (self.name, self.lang);
        customer_rows(c, lang, name, &mut Vec::new(), &mut |row| {
            self.write_row(row)
        })
    }

    /// Goes on in the next worksheet, its headers written.
    fn next_part(&mut self) -> Result<(), IoError> {
        let (ws, filled) = self.more.pop().ok_or_else(|| IoError::Write {
            format: "xlsx",
            reason: "more rows than the workbook's sheets were made for".into(),
        })?;
        filled.store(true, Ordering::Relaxed);
        self.ws = ws;
        self.row = 0;
        // Formats are numbered by each worksheet's first use of them, and columns formatted
        // per worksheet. The headers' column formats are set outside the lock: every sheet's
        // first worksheet numbered all three formats before its rows began.
        self.used = [false; 3];
        self.column_formats.clear();
        self.head()
    }

    fn write_row(&mut self, row: &[Cell<'_>]) -> Result<(), IoError> {
        let err = write_error("xlsx");
        if self.row >= self.sheet_rows {
            self.next_part()?;
        }
        let r = self.row + 1;
        self.row = r;
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            match cell {
                Cell::Empty => {}
                Cell::Text(t) => {
                    self.ws.write_string(r, c, t.as_ref()).map_err(&err)?;
                }
                Cell::Number(n) => {
                    self.ws.write_number(r, c, *n).map_err(&err)?;
                }
                Cell::Date(d) if self.column_format(c) == Some(DATE) => {
                    self.ws.write_datetime(r, c, d).map_err(&err)?;
                }
                Cell::DateTime(t) if self.column_format(c) == Some(DATE_TIME) => {
                    self.ws.write_datetime(r, c, t).map_err(&err)?;
                }
                Cell::Date(d) => {
                    self.formatted(DATE, |ws, f| ws.write_datetime_with_format(r, c, d, f))?;
                }
                Cell::DateTime(t) => {
                    self.formatted(DATE_TIME, |ws, f| ws.write_datetime_with_format(r, c, t, f))?;
                }
            }
        }
        Ok(())
    }

    fn column_format(&self, col: u16) -> Option<usize> {
        self.column_formats.get(usize::from(col)).copied().flatten()
    }

    /// A write with format number `format`, the sheet's first one under the lock.
    fn formatted(
        &mut self,
        format: usize,
        write: impl for<'w> FnOnce(
            &'w mut rust_xlsxwriter::Worksheet,
            &Format,
        ) -> Result<
            &'w mut rust_xlsxwriter::Worksheet,
            rust_xlsxwriter::XlsxError,
        >,
    ) -> Result<(), IoError> {
        let _first = if self.used[format] {
            None
        } else {
            self.used[format] = true;
            Some(self.first_uses.lock().unwrap_or_else(|e| e.into_inner()))
        };
        write(self.ws, &self.formats[format]).map_err(write_error("xlsx"))?;
        Ok(())
    }
}
