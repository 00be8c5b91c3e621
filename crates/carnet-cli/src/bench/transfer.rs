//! Timing the ways books move in and out: an import (in this process and as `carnet import`),
//! the exports, a backup, and erasing a customer for good.

use std::time::Instant;

use carnet_app::{
    App, AppError, ExportFormat, ExportRequest, ImportRequest, ListOrder, PASSPHRASE_ENV,
    Passphrase,
};
use serde::Serialize;

use super::{REPORT_ENV, REPORT_PREFIX, ms};

/// An import as a consultant meets it: `carnet import FILE`, a process of its own that opens
/// the book, reads and checks the file (the dry run), backs the book up and writes.
#[derive(Debug, Serialize)]
pub struct ProcessImport {
    /// Customers in the book before.
    pub customers_before: u64,
    pub created: u32,
    /// Reading the file and checking every row against the book.
    pub dry_run_ms: f64,
    /// The backup and the write, until the import is committed and the book usable (copying
    /// the log into the book goes on after, on a thread of its own; `process_ms` counts it).
    pub write_ms: f64,
    /// The two together.
    pub import_ms: f64,
    /// The whole process, from its start to its end (opening the book included).
    pub process_ms: f64,
    /// The most memory the process held, in MiB.
    pub peak_rss_mib: f64,
}

/// Erasing one customer for good from a book and its automatic backups.
#[derive(Debug, Serialize)]
pub struct EraseFigures {
    pub customers: u64,
    pub backups: u32,
    pub ms: f64,
}

/// Moving books in and out.
#[derive(Debug, Serialize)]
pub struct Transfer {
    /// Rows in the CSV imported, and how long the import took after its dry run, in this
    /// process (its backup included, the dry run not).
    pub import_rows: usize,
    pub import_created: u32,
    pub import_ms: f64,
    /// The same file imported by `carnet import` into an empty book, and into a copy of this
    /// book.
    pub into_empty: ProcessImport,
    pub into_this: ProcessImport,
    /// One customer erased from a copy of this book and 23 automatic backups of it.
    pub erase: EraseFigures,
    /// The `sqlite3` shell's `.import` of the same file into a bare table, for scale; `None`
    /// when there is no sqlite3 on the PATH.
    pub sqlite3_import_ms: Option<f64>,
    /// Exports of this book.
    pub export_xlsx_ms: f64,
    pub export_csv_ms: f64,
    pub export_json_ms: f64,
    /// A backup of this book (as before every import into it).
    pub backup_ms: f64,
    /// Exports of the book the import made: its customers alone, without timelines.
    pub imported_xlsx_ms: f64,
    pub imported_csv_ms: f64,
}

/// A sheet as consultants keep one: name, phone, model, budget, timeframe, notes.
fn import_sheet(path: &std::path::Path, rows: usize) -> Result<(), AppError> {
    let mut text = String::from("姓名,手机,意向车型,预算,购车时间,备注\n");
    for c in carnet_core::demo::customers(rows, 0x1A2B) {
        let p = &c.profile;
        let model = p
            .models
            .first()
            .map(|m| m.model.clone())
            .unwrap_or_default();
        let phone = p.phones.first().cloned().unwrap_or_default();
        let notes = p.notes.replace(['"', ',', '\n'], " ");
        text.push_str(&format!(
            "{},{phone},{model},{},{},{notes}\n",
            p.name, p.budget, p.timeframe
        ));
    }
    std::fs::write(path, text).map_err(carnet_app::AppError::internal)
}

pub(super) fn transfer(
    app: &App,
    key: Option<&Passphrase>,
    import_rows: usize,
) -> Result<Transfer, AppError> {
    let dir = std::env::temp_dir().join(format!("carnet-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(AppError::internal)?;
    let result = transfer_in(app, key, &dir, import_rows);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// Runs `carnet --db BOOK import SHEET` as a process of its own and reads its report; an
/// encrypted book is opened with `key`.
fn process_import(
    book: &std::path::Path,
    key: Option<&Passphrase>,
    sheet: &std::path::Path,
    customers_before: u64,
) -> Result<ProcessImport, AppError> {
    let exe = std::env::current_exe().map_err(AppError::internal)?;
    let mut command = std::process::Command::new(exe);
    if let Some(key) = key {
        command.env(
            PASSPHRASE_ENV,
            String::from_utf8_lossy(key.as_bytes()).as_ref(),
        );
    }
    let start = Instant::now();
    let out = command
        .arg("--db")
        .arg(book)
        .arg("import")
        .arg(sheet)
        .arg("--json")
        .env(REPORT_ENV, "1")
        .output()
        .map_err(AppError::internal)?;
    let process_ms = ms(start.elapsed());
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(AppError::internal(format!("the import failed: {stderr}")));
    }
    let report = stderr
        .lines()
        .find_map(|l| l.strip_prefix(REPORT_PREFIX))
        .ok_or_else(|| AppError::internal(format!("no report from the import: {stderr}")))?;
    let value = |key: &str| -> f64 {
        report
            .split_whitespace()
            .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    };
    let done: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(AppError::internal)?;
    let (dry_run_ms, write_ms) = (value("dry_run_ms"), value("write_ms"));
    Ok(ProcessImport {
        customers_before,
        created: u32::try_from(done["created"].as_u64().unwrap_or(0)).unwrap_or(0),
        dry_run_ms,
        write_ms,
        import_ms: dry_run_ms + write_ms,
        process_ms: process_ms.round(),
        peak_rss_mib: (value("peak_rss_kb") / 1024.0).round(),
    })
}

/// Erases one customer from a copy of this book that has `backups` automatic backups (each
/// a whole copy), and times it.
fn erase_figures(
    app: &App,
    key: Option<&Passphrase>,
    dir: &std::path::Path,
    backups: u32,
) -> Result<EraseFigures, AppError> {
    let book = dir.join("erase").join("carnet.db");
    app.backup_to(&book)?;
    let folder = dir.join("erase").join("backups");
    std::fs::create_dir_all(&folder).map_err(AppError::internal)?;
    for day in 0..backups {
        let made = chrono::Utc::now() - chrono::Duration::days(i64::from(day) + 1);
        let name = format!("carnet-{}-daily.db", made.format("%Y%m%d-%H%M%S%.3f"));
        std::fs::copy(&book, folder.join(name)).map_err(AppError::internal)?;
    }
    // A copy of an encrypted book is encrypted: opened as the book was.
    let copy = App::open_keyed(&book, key)?;
    let customers = copy
        .search_customers("", ListOrder::Newest, 0, 1)?
        .matching
        .unwrap_or(0);
    let one = copy
        .search_customers("", ListOrder::Newest, 0, 1)?
        .customers
        .into_iter()
        .next()
        .ok_or_else(|| AppError::internal("an empty book"))?;
    let start = Instant::now();
    let done = copy.erase_customers(&[one.id], &mut |_| {})?;
    let ms = ms(start.elapsed());
    Ok(EraseFigures {
        customers,
        backups: done.backups,
        ms: ms.round(),
    })
}

fn transfer_in(
    app: &App,
    key: Option<&Passphrase>,
    dir: &std::path::Path,
    rows: usize,
) -> Result<Transfer, AppError> {
    let export = |app: &App, format: ExportFormat| -> Result<f64, AppError> {
        let path = dir.join(format!("book.{}", format.extension()));
        let start = Instant::now();
        app.export(&ExportRequest {
            path: path.display().to_string(),
            format,
            ..ExportRequest::default()
        })?;
        Ok(ms(start.elapsed()))
    };
    // "Back up to…" first, before the imports and exports below write gigabytes: the copy,
    // read back and compared with the book, and the copy's summary for the preview, as a
    // consultant waits for them in the desktop, whose start has checked the book (that
    // check is made here first, untimed; a book not checked has its copy checked whole).
    app.check_now()?;
    let start = Instant::now();
    app.backup_to(&dir.join("backup.db"))?;
    let backup_ms = ms(start.elapsed());
    let _ = std::fs::remove_file(dir.join("backup.db"));
    // The import next: after the exports, which leave hundreds of megabytes of freed memory
    // and unwritten files behind, it ran about a fifth slower than on its own.
    let sheet = dir.join("import.csv");
    import_sheet(&sheet, rows)?;
    let fresh = App::open_keyed(&dir.join("fresh").join("carnet.db"), key)?;
    let request = ImportRequest {
        path: sheet.display().to_string(),
        ..ImportRequest::default()
    };
    // As the consultant imports: the dry run first (not timed), then the import, which
    // writes what the dry run planned.
    fresh.preview_import(&request)?;
    let start = Instant::now();
    let done = fresh.import_file(&request, &mut |_| {})?;
    let import_ms = ms(start.elapsed());
    // Its checkpoint, left to a thread, would otherwise run into the next timings.
    fresh.wait_for_background_work();
    let sqlite3_import_ms = sqlite3_import(dir, &sheet);
    // As a consultant meets it: a process that opens the book, checks the file and writes.
    // The empty book is made first, encrypted when this one is (a new book is made plain by
    // `carnet import`), so both kinds of book are timed alike.
    let empty = dir.join("empty").join("carnet.db");
    drop(App::open_keyed(&empty, key)?);
    let into_empty = process_import(&empty, key, &sheet, 0)?;
    let this = dir.join("this").join("carnet.db");
    app.backup_to(&this)?;
    let before = app
        .search_customers("", ListOrder::Newest, 0, 1)?
        .matching
        .unwrap_or(0);
    let into_this = process_import(&this, key, &sheet, before)?;
    let _ = std::fs::remove_dir_all(dir.join("this"));

    let imported_xlsx_ms = export(&fresh, ExportFormat::Xlsx)?;
    let imported_csv_ms = export(&fresh, ExportFormat::Csv)?;
    // The new book is closed (its memory freed) before this book's exports.
    drop(fresh);

    let export_xlsx_ms = export(app, ExportFormat::Xlsx)?;
    let export_csv_ms = export(app, ExportFormat::Csv)?;
    let export_json_ms = export(app, ExportFormat::Json)?;
    // Last: its 23 copies of the book leave gigabytes of unwritten files behind, which slowed
    // the exports timed after them by half.
    let erase = erase_figures(app, key, dir, 23)?;
    let _ = std::fs::remove_dir_all(dir.join("erase"));
    Ok(Transfer {
        import_rows: rows,
        import_created: done.created,
        import_ms,
        into_empty,
        into_this,
        erase,
        sqlite3_import_ms,
        export_xlsx_ms,
        export_csv_ms,
        export_json_ms,
        backup_ms,
        imported_xlsx_ms,
        imported_csv_ms,
    })
}

/// Times `sqlite3 DB '.import --csv FILE t'`: a bare table, no checks, no index.
fn sqlite3_import(dir: &std::path::Path, sheet: &std::path::Path) -> Option<f64> {
    let db = dir.join("sqlite3.db");
    let start = Instant::now();
    let status = std::process::Command::new("sqlite3")
        .arg(&db)
        .arg(format!(".import --csv {} t", sheet.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .ok()?;
    status.success().then(|| ms(start.elapsed()))
}
