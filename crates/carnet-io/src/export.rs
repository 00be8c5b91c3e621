//! Writing a book out for a manager: xlsx (one sheet per kind, dates as dates, every text a
//! string cell) and CSV (UTF-8 with a BOM, formula starts guarded). The headers are the first
//! row of every sheet, so pandas, Power Query and VLOOKUP read it as it is; who exported it,
//! from which dealership and when are in the workbook's properties and its "About" sheet.
//! Phones are their digits as text (`13800138000`, `+19055551234`, `02162345678;ext=8001`),
//! the main one in a column of its own, to match against another sheet or a call log. JSON is
//! [`crate::json_export::write`].

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

use carnet_core::history::Interaction;
use carnet_core::phone::Phone;
use carnet_core::{
    Birthday, Calendar, DecisionMaker, DueAt, FieldKind, InteractionKind, Payment, Priority,
    Purpose, Reason, Source, Title,
};
use chrono::{NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{DocProperties, Format, Workbook};

use crate::IoError;
use crate::json_export::{CustomerRecord, Exporter, JsonExport};
use crate::labels::{Lang, label};
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

/// The sheets of an xlsx export, each a name key and column keys (see [`crate::labels`]);
/// [`sheet_rows`] makes their rows.
pub const SHEETS: [(&str, &[&str]); 4] = [
    ("sheet_customers", &[]),
    (
        "sheet_family",
        &[
            "customer_id",
            "customer",
            "name",
            "relation",
            "birthday",
            "phone",
            "notes",
        ],
    ),
    (
        "sheet_interactions",
        &[
            "customer_id",
            "customer",
            "at",
            "kind",
            "outcome",
            "satisfaction",
            "promise",
            "notes",
            "next",
            "resolved_at",
            "resolution",
        ],
    ),
    (
        "sheet_orders",
        &[
            "customer_id",
            "customer",
            "at",
            "kind",
            "model",
            "price",
            "expected_delivery",
            "vin",
            "plate",
        ],
    ),
];

/// The column keys of a sheet of [`SHEETS`].
pub fn sheet_columns(sheet: &str) -> Vec<&'static str> {
    match SHEETS.iter().find(|(name, _)| *name == sheet) {
        Some(("sheet_customers", _)) | None => customer_columns(),
        Some((_, columns)) => columns.to_vec(),
    }
}

/// The customer sheet's columns: the id, every profile field (the phones as the main one and
/// the others), when the customer was added.
pub fn customer_columns() -> Vec<&'static str> {
    let mut columns = vec!["id"];
    for field in carnet_core::FIELDS {
        columns.push(field.name);
        if field.name == "phones" {
            columns.push(OTHER_PHONES);
        }
    }
    columns.push("created_at");
    columns
}

/// The column of the phones after the main one.
pub const OTHER_PHONES: &str = "phones_other";

/// A phone as a sheet holds it: its digits ([`Phone::digits`]); text that is not a phone (a
/// masked one, 138****5678) as it is.
fn phone_digits(input: &str) -> Cow<'_, str> {
    match Phone::parse(input) {
        Some(phone) => Cow::Owned(phone.digits()),
        None => Cow::Borrowed(input),
    }
}

/// A choice code as the reader of `lang` reads it: the Chinese word in Chinese, the code in
/// English. Both read back on import.
fn word(field: &str, code: &str, lang: Lang) -> String {
    if !lang.is_chinese() {
        return code.to_owned();
    }
    let w = match field {
        "title" => Title::parse(code).map(Title::word),
        "reason" => Reason::parse(code).map(Reason::word),
        "purposes" => Purpose::parse(code).map(Purpose::word),
        "decision_maker" => DecisionMaker::parse(code).map(DecisionMaker::word),
        "payment" => Payment::parse(code).map(Payment::word),
        "source" => Source::parse(code).map(Source::word),
        "priorities" => Priority::parse(code).map(Priority::word),
        "kind" => InteractionKind::parse(code).map(InteractionKind::word),
        _ => None,
    };
    w.unwrap_or(code).to_owned()
}

fn customer_row(c: &CustomerRecord, lang: Lang) -> Vec<Cell<'_>> {
    let d = &c.profile;
    let mut row = vec![Cell::text(c.id.as_str())];
    for spec in carnet_core::FIELDS {
        let field = spec.name;
        let cell = match spec.kind {
            FieldKind::List if field == "phones" => {
                row.push(Cell::text(
                    d.phones
                        .first()
                        .map_or(Cow::Borrowed(""), |p| phone_digits(p)),
                ));
                Cell::text(
                    d.phones
                        .iter()
                        .skip(1)
                        .map(|p| phone_digits(p))
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            }
            // The level's code is its word.
            FieldKind::Choice => Cell::text(
                d.get(field)
                    .map(|v| word(field, &v, lang))
                    .unwrap_or_default(),
            ),
            FieldKind::Choices => Cell::text(list(d.texts(field).unwrap_or_default(), field, lang)),
            FieldKind::Date => birthday_cell(&d.birthday, d.birthday_lunar),
            FieldKind::Flag => Cell::text(if d.birthday_lunar {
                label("yes", lang)
            } else {
                ""
            }),
            _ => Cell::text(d.get(field).unwrap_or_default()),
        };
        row.push(cell);
    }
    row.push(Cell::DateTime(
        c.created_at.with_timezone(&chrono::Local).naive_local(),
    ));
    row
}

fn list(items: &[String], field: &str, lang: Lang) -> String {
    items
        .iter()
        .map(|v| word(field, v, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A solar birthday with a year is a real date; a lunar one or one without a year is text.
fn birthday_cell(raw: &str, lunar: bool) -> Cell<'_> {
    if lunar {
        // Text as stored; reading it again would convert it through the lunar tables.
        return Cell::text(raw);
    }
    match Birthday::parse(raw, false) {
        Some(Birthday {
            calendar: Calendar::Solar,
            year: Some(y),
            month,
            day,
        }) => NaiveDate::from_ymd_opt(y, u32::from(month), u32::from(day))
            .map_or_else(|| Cell::text(raw), Cell::Date),
        _ => Cell::text(raw),
    }
}

/// Hands each row of a sheet of [`SHEETS`] to `out`, one at a time (a big book's sheets are
/// never all in memory).
pub fn sheet_rows(
    book: &JsonExport,
    lang: Lang,
    sheet: &str,
    out: &mut dyn FnMut(&[Cell<'_>]) -> Result<(), IoError>,
) -> Result<(), IoError> {
    let mut row = Vec::new();
    for c in &book.customers {
        customer_rows(c, lang, sheet, &mut row, out)?;
    }
    Ok(())
}

/// Hands the rows one customer gives a sheet of [`SHEETS`] to `out` (`row` is room for them).
fn customer_rows<'a>(
    c: &'a CustomerRecord,
    lang: Lang,
    sheet: &str,
    row: &mut Vec<Cell<'a>>,
    out: &mut dyn FnMut(&[Cell<'_>]) -> Result<(), IoError>,
) -> Result<(), IoError> {
    let who = |row: &mut Vec<Cell<'a>>| {
        row.clear();
        row.extend([
            Cell::text(c.id.as_str()),
            Cell::text(c.profile.name.as_str()),
        ]);
    };
    match sheet {
        "sheet_family" => {
            for f in &c.family {
                who(row);
                row.extend([
                    Cell::text(f.facts.name.as_str()),
                    Cell::text(match f.facts.relation.known() {
                        Some(relation) if lang.is_chinese() => Cow::Borrowed(relation.word()),
                        Some(relation) => Cow::Borrowed(relation.code()),
                        None => Cow::Owned(f.facts.relation.to_input()),
                    }),
                    f.facts.birthday.map_or(Cell::Empty, |b| {
                        birthday_cell(&b.to_input(), b.is_lunar()).into_owned()
                    }),
                    f.facts
                        .phone
                        .as_ref()
                        .map_or(Cell::Empty, |p| Cell::text(p.digits())),
                    Cell::opt(f.facts.notes.as_deref()),
                ]);
                out(row)?;
            }
        }
        "sheet_interactions" => {
            for Interaction {
                facts: i,
                resolved_at,
                resolution,
                ..
            } in &c.interactions
            {
                who(row);
                row.extend([
                    Cell::DateTime(i.at),
                    Cell::text(kind_word(i.kind, lang)),
                    Cell::opt(i.outcome.map(|o| {
                        if lang.is_chinese() {
                            o.word()
                        } else {
                            o.code()
                        }
                    })),
                    i.satisfaction
                        .map_or(Cell::Empty, |s| Cell::Number(f64::from(s))),
                    Cell::opt(i.promise.as_deref()),
                    Cell::opt(i.notes.as_deref()),
                    match i.next {
                        Some(DueAt {
                            date,
                            time: Some(t),
                        }) => Cell::DateTime(date.and_time(t)),
                        Some(DueAt { date, time: None }) => Cell::Date(date),
                        None => Cell::Empty,
                    },
                    resolved_at.map_or(Cell::Empty, Cell::Date),
                    Cell::opt(resolution.as_deref()),
                ]);
                out(row)?;
            }
        }
        "sheet_orders" => {
            for Interaction { facts: i, sale, .. } in &c.interactions {
                if !matches!(i.kind, InteractionKind::Order | InteractionKind::Delivery) {
                    continue;
                }
                who(row);
                row.extend([
                    Cell::DateTime(i.at),
                    Cell::text(kind_word(i.kind, lang)),
                    Cell::opt(sale.model.as_deref()),
                    sale.price.map_or(Cell::Empty, |p| Cell::Number(p as f64)),
                    sale.expected_delivery.map_or(Cell::Empty, Cell::Date),
                    Cell::opt(sale.vin.as_deref()),
                    Cell::opt(sale.plate.as_deref()),
                ]);
                out(row)?;
            }
        }
        _ => out(&customer_row(c, lang))?,
    }
    Ok(())
}

/// An interaction's kind as the reader of `lang` reads it.
fn kind_word(kind: InteractionKind, lang: Lang) -> &'static str {
    if lang.is_chinese() {
        kind.word()
    } else {
        kind.code()
    }
}

impl Cell<'_> {
    /// The same cell, owning its text.
    fn into_owned(self) -> Cell<'static> {
        match self {
            Cell::Empty => Cell::Empty,
            Cell::Text(t) => Cell::Text(Cow::Owned(t.into_owned())),
            Cell::Number(n) => Cell::Number(n),
            Cell::Date(d) => Cell::Date(d),
            Cell::DateTime(t) => Cell::DateTime(t),
        }
    }
}

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

/// Writes the xlsx export to `path`, each sheet on its own thread.
pub fn write_xlsx(book: &JsonExport, lang: Lang, path: &Path) -> Result<(), IoError> {
    let mut xlsx = Xlsx::new(&book.exporter, lang)?;
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
    /// rust_xlsxwriter numbers a format the first time a sheet uses it, in a table the sheets
    /// share; two sheets doing that at once could give one format two numbers. Each sheet's
    /// first use of each format happens under this lock.
    first_uses: std::sync::Mutex<()>,
}

impl Xlsx {
    pub fn new(exporter: &Exporter, lang: Lang) -> Result<Xlsx, IoError> {
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
        for (name, _) in SHEETS {
            workbook
                .add_worksheet_with_constant_memory()
                .map_err(&err)?
                .set_name(label(name, lang))
                .map_err(&err)?;
        }
        Ok(Xlsx {
            workbook,
            exporter: exporter.clone(),
            lang,
            first_uses: std::sync::Mutex::new(()),
        })
    }

    /// The sheets, in the order of [`SHEETS`], their headers written.
    pub fn sheets(&mut self) -> Result<Vec<XlsxSheet<'_>>, IoError> {
        let (lang, first_uses) = (self.lang, &self.first_uses);
        self.workbook
            .worksheets_mut()
            .iter_mut()
            .zip(SHEETS)
            .map(|(ws, (name, _))| {
                let mut sheet = XlsxSheet {
                    ws,
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
    /// it is masked) and packs the workbook into `path`.
    pub fn save(mut self, path: &Path) -> Result<(), IoError> {
        let err = write_error("xlsx");
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

    fn write_row(&mut self, row: &[Cell<'_>]) -> Result<(), IoError> {
        let err = write_error("xlsx");
        let r = self.row.checked_add(1).ok_or_else(|| IoError::Write {
            format: "xlsx",
            reason: "more rows than a sheet holds".into(),
        })?;
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

/// Shortens a phone for sharing: 138****5678 (the last four kept).
pub fn mask_phone(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    let national: Vec<char> = if digits.len() == 13 && digits.starts_with(&['8', '6']) {
        digits[2..].to_vec()
    } else {
        digits
    };
    if national.len() < 7 {
        return "****".to_owned();
    }
    let head: String = national[..3].iter().collect();
    let tail: String = national[national.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

/// Masks an export for sharing: phones shortened (family members' and the history of phone
/// numbers left out); address, WeChat id, every note, licence plates, VINs, family members'
/// names and birthdays and the decision-maker's name gone (with the history of the key facts
/// that held them).
pub fn mask(book: &mut JsonExport) {
    book.exporter.masked = true;
    book.customers.iter_mut().for_each(mask_customer);
}

/// Masks one customer of an export, whatever of their history is there yet (masking twice
/// changes nothing).
pub fn mask_customer(c: &mut CustomerRecord) {
    let p = &mut c.profile;
    p.phones = p.phones.iter().map(|ph| mask_phone(ph)).collect();
    p.address.clear();
    p.wechat.clear();
    p.notes.clear();
    p.car_plate.clear();
    p.decision_maker_name.clear();
    for f in &mut c.family {
        // A family member's number is a whole phone or none: it is left out.
        f.facts.phone = None;
        f.facts.notes = None;
        f.facts.name.clear();
        f.facts.birthday = None;
    }
    for i in &mut c.interactions {
        i.facts.notes = None;
        i.facts.promise = None;
        i.resolution = None;
        i.sale.vin = None;
        i.sale.plate = None;
    }
    for l in &mut c.level_changes {
        l.reason = None;
    }
    // The history of phones, of the current car (its plate) and of the decision-maker (their
    // name) would give back what is masked above.
    c.key_fact_changes.retain(|k| {
        !matches!(
            k.fact,
            carnet_core::KeyFact::Phone
                | carnet_core::KeyFact::CurrentCar
                | carnet_core::KeyFact::DecisionMaker
        )
    });
    for h in &mut c.handled_prompts {
        h.reason = None;
    }
}

#[cfg(test)]
mod tests;
