//! `carnet bench`: times the searches a consultant makes, on the book it is given, and
//! prints the figures. Queries are drawn from the book's own customers (seeded, so two runs
//! on one book ask the same questions).

use std::time::{Duration, Instant};

use carnet_app::{
    App, AppError, CustomerDto, ExportFormat, ExportRequest, ImportRequest, ListOrder,
};
use carnet_core::SearchKeys;
use carnet_core::demo::Rng;
use carnet_core::phone::Phone;
use serde::Serialize;

/// Queries timed per class.
const QUERIES: usize = 200;
/// Untimed queries first, so the page cache and prepared statements are warm.
const WARM_UP: usize = 20;
/// Rows asked for, as the desktop's search box asks.
const LIMIT: u32 = 200;

#[derive(Debug, Serialize)]
pub struct Report {
    pub customers: u64,
    pub interactions: u64,
    /// Prompts due or coming after the full rebuild.
    pub prompts: u64,
    /// How long recomputing everyone's prompts took (when the rules change).
    pub prompt_rebuild_ms: f64,
    /// The next day's rollover: how many customers it recomputed, and how long it took.
    pub rollover_customers: u64,
    pub rollover_ms: f64,
    pub classes: Vec<ClassFigures>,
    pub transfer: Transfer,
}

/// An import as a consultant meets it: `carnet import FILE`, a process of its own that opens
/// the book, reads and checks the file (the dry run), backs the book up and writes.
#[derive(Debug, Serialize)]
pub struct ProcessImport {
    /// Customers in the book before.
    pub customers_before: u64,
    pub created: u32,
    /// Reading the file and checking every row against the book.
    pub dry_run_ms: f64,
    /// The backup, the write, and waiting for the log to be copied into the book.
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

/// Set for an import `carnet bench` runs as a process of its own: the import then says, on a
/// line starting [`REPORT_PREFIX`], how long its dry run and its write took and the most
/// memory the process held.
pub const REPORT_ENV: &str = "CARNET_BENCH_REPORT";
pub const REPORT_PREFIX: &str = "carnet-bench:";

/// The most memory this process has held (resident, in KiB), as Linux counts it.
pub fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 10_000.0).round() / 10.0
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

fn transfer(app: &App, import_rows: usize) -> Result<Transfer, AppError> {
    let dir = std::env::temp_dir().join(format!("carnet-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(AppError::internal)?;
    let result = transfer_in(app, &dir, import_rows);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// Runs `carnet --db BOOK import SHEET` as a process of its own and reads its report.
fn process_import(
    book: &std::path::Path,
    sheet: &std::path::Path,
    customers_before: u64,
) -> Result<ProcessImport, AppError> {
    let exe = std::env::current_exe().map_err(AppError::internal)?;
    let start = Instant::now();
    let out = std::process::Command::new(exe)
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
fn erase_figures(app: &App, dir: &std::path::Path, backups: u32) -> Result<EraseFigures, AppError> {
    let book = dir.join("erase").join("carnet.db");
    app.backup_to(&book)?;
    let folder = dir.join("erase").join("backups");
    std::fs::create_dir_all(&folder).map_err(AppError::internal)?;
    for day in 0..backups {
        let made = chrono::Utc::now() - chrono::Duration::days(i64::from(day) + 1);
        let name = format!("carnet-{}-daily.db", made.format("%Y%m%d-%H%M%S%.3f"));
        std::fs::copy(&book, folder.join(name)).map_err(AppError::internal)?;
    }
    let copy = App::open(&book)?;
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

fn transfer_in(app: &App, dir: &std::path::Path, rows: usize) -> Result<Transfer, AppError> {
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
    // The import first: after the exports, which leave hundreds of megabytes of freed memory
    // and unwritten files behind, it ran about a fifth slower than on its own.
    let sheet = dir.join("import.csv");
    import_sheet(&sheet, rows)?;
    let fresh = App::open(&dir.join("fresh").join("carnet.db"))?;
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
    let into_empty = process_import(&dir.join("empty").join("carnet.db"), &sheet, 0)?;
    let this = dir.join("this").join("carnet.db");
    app.backup_to(&this)?;
    let before = app
        .search_customers("", ListOrder::Newest, 0, 1)?
        .matching
        .unwrap_or(0);
    let into_this = process_import(&this, &sheet, before)?;
    let _ = std::fs::remove_dir_all(dir.join("this"));

    let imported_xlsx_ms = export(&fresh, ExportFormat::Xlsx)?;
    let imported_csv_ms = export(&fresh, ExportFormat::Csv)?;
    // The new book is closed (its memory freed) before this book's exports.
    drop(fresh);

    let export_xlsx_ms = export(app, ExportFormat::Xlsx)?;
    let export_csv_ms = export(app, ExportFormat::Csv)?;
    let export_json_ms = export(app, ExportFormat::Json)?;
    let start = Instant::now();
    app.backup_to(&dir.join("backup.db"))?;
    let backup_ms = ms(start.elapsed());
    // Last: its 23 copies of the book leave gigabytes of unwritten files behind, which slowed
    // the exports timed after them by half.
    let erase = erase_figures(app, dir, 23)?;
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

#[derive(Debug, Serialize)]
pub struct ClassFigures {
    pub class: &'static str,
    pub queries: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
    /// The p95 this class must stay under at 100,000 customers on 2 cores.
    pub target_p95_ms: Option<f64>,
}

type Sampler = fn(&CustomerDto, &mut Rng) -> Option<String>;

fn cjk_short(c: &CustomerDto, rng: &mut Rng) -> Option<String> {
    let chars: Vec<char> = c.name.chars().collect();
    let take = if rng.chance(50) { 1 } else { 2 };
    let start = rng.below((chars.len().saturating_sub(take) + 1) as u64) as usize;
    Some(chars.get(start..start + take)?.iter().collect())
}

fn cjk_long(c: &CustomerDto, _: &mut Rng) -> Option<String> {
    (c.name.chars().count() >= 3).then(|| c.name.clone())
}

fn initials(c: &CustomerDto, _: &mut Rng) -> Option<String> {
    let keys = SearchKeys::new(&c.name, &[]);
    (keys.initials.len() >= 2).then_some(keys.initials)
}

fn pinyin(c: &CustomerDto, _: &mut Rng) -> Option<String> {
    Some(SearchKeys::new(&c.name, &[]).pinyin)
}

fn phone_last_four(c: &CustomerDto, _: &mut Rng) -> Option<String> {
    Some(Phone::from_stored(c.phone.clone()?).last_four().to_owned())
}

fn level_and_model(c: &CustomerDto, _: &mut Rng) -> Option<String> {
    let model: String = c.model.as_ref()?.chars().take(2).collect();
    Some(format!("level:{} model:{model}", c.level.code()))
}

const CLASSES: &[(&str, Sampler, Option<f64>)] = &[
    ("cjk_1_2_chars", cjk_short, Some(30.0)),
    ("cjk_3plus_chars", cjk_long, Some(10.0)),
    ("pinyin_initials", initials, Some(10.0)),
    ("pinyin_full", pinyin, Some(10.0)),
    ("phone_last_four", phone_last_four, Some(10.0)),
    ("filter_level_model", level_and_model, None),
];

/// A note word: three or four characters from a customer's notes (the trigram index needs
/// three; shorter words in notes are not searched, see `Store::search_customers`).
fn note_word(app: &App, c: &CustomerDto, rng: &mut Rng) -> Result<Option<String>, AppError> {
    let Some(notes) = app.get_customer(&c.id)?.profile.notes else {
        return Ok(None);
    };
    let chars: Vec<char> = notes
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation() && !"，。、".contains(*c))
        .collect();
    let take = 3 + rng.below(2) as usize;
    if chars.len() < take {
        return Ok(None);
    }
    let start = rng.below((chars.len() - take + 1) as u64) as usize;
    Ok(Some(chars[start..start + take].iter().collect()))
}

fn figures(class: &'static str, mut times: Vec<Duration>, target: Option<f64>) -> ClassFigures {
    times.sort();
    let ms = |d: Duration| (d.as_secs_f64() * 1000.0 * 100.0).round() / 100.0;
    let at = |pct: usize| times.get((times.len() * pct / 100).min(times.len().saturating_sub(1)));
    ClassFigures {
        class,
        queries: times.len(),
        p50_ms: at(50).map_or(0.0, |d| ms(*d)),
        p95_ms: at(95).map_or(0.0, |d| ms(*d)),
        max_ms: times.last().map_or(0.0, |d| ms(*d)),
        target_p95_ms: target,
    }
}

fn time(app: &App, query: &str, order: ListOrder, offset: u32) -> Result<Duration, AppError> {
    let start = Instant::now();
    app.search_customers(query, order, offset, LIMIT)?;
    Ok(start.elapsed())
}

/// Times the queries, the first `WARM_UP` untimed.
fn time_all(app: &App, queries: &[String]) -> Result<Vec<Duration>, AppError> {
    let mut times = Vec::new();
    for (i, q) in queries.iter().enumerate() {
        let t = time(app, q, ListOrder::Newest, 0)?;
        if i >= WARM_UP {
            times.push(t);
        }
    }
    Ok(times)
}

pub fn run(app: &App, import_rows: usize) -> Result<Report, AppError> {
    let everyone = app.list_customers()?;
    let mut rng = Rng::new(0xBE4C);
    let mut classes = Vec::new();
    for (class, sample, target) in CLASSES {
        let mut queries = Vec::new();
        for _ in 0..(QUERIES + WARM_UP) * 20 {
            if queries.len() == QUERIES + WARM_UP || everyone.is_empty() {
                break;
            }
            let who = &everyone[rng.below(everyone.len() as u64) as usize];
            if let Some(q) = sample(who, &mut rng) {
                queries.push(q);
            }
        }
        let times = time_all(app, &queries)?;
        classes.push(figures(class, times, *target));
    }
    let mut notes = Vec::new();
    for _ in 0..(QUERIES + WARM_UP) * 20 {
        if notes.len() == QUERIES + WARM_UP || everyone.is_empty() {
            break;
        }
        let who = &everyone[rng.below(everyone.len() as u64) as usize];
        if let Some(word) = note_word(app, who, &mut rng)? {
            notes.push(word);
        }
    }
    classes.push(figures("note_words", time_all(app, &notes)?, Some(10.0)));
    // Pages anywhere in the list, as a scrolled virtual list asks for them.
    let last = u32::try_from(everyone.len()).unwrap_or(u32::MAX);
    for (class, order) in [
        ("list_page_pinyin", ListOrder::Pinyin),
        ("list_page_newest", ListOrder::Newest),
    ] {
        let pages = (0..QUERIES + WARM_UP)
            .map(|_| time(app, "", order, rng.below(u64::from(last.max(1))) as u32))
            .collect::<Result<Vec<_>, _>>()?;
        classes.push(figures(class, pages[WARM_UP..].to_vec(), None));
    }
    // Today: everyone's prompts recomputed once (the day's first read), then the agenda.
    let start = Instant::now();
    let prompts = app.recompute_prompts()?;
    let rebuild_ms = start.elapsed().as_secs_f64() * 1000.0;
    let reads = (0..50 + WARM_UP)
        .map(|_| {
            let start = Instant::now();
            app.agenda(None, 7).map(|_| start.elapsed())
        })
        .collect::<Result<Vec<_>, _>>()?;
    classes.push(figures(
        "agenda_read",
        reads[WARM_UP..].to_vec(),
        Some(30.0),
    ));
    let start = Instant::now();
    let rolled = app.roll_over_to_tomorrow()?;
    let rollover_ms = start.elapsed().as_secs_f64() * 1000.0;
    Ok(Report {
        customers: everyone.len() as u64,
        interactions: app.count_interactions()?,
        prompts: prompts as u64,
        prompt_rebuild_ms: (rebuild_ms * 10.0).round() / 10.0,
        rollover_customers: rolled as u64,
        rollover_ms: (rollover_ms * 10.0).round() / 10.0,
        classes,
        transfer: transfer(app, import_rows)?,
    })
}

pub fn render(report: &Report) -> String {
    let mut out = format!(
        "carnet bench: {} customers, {} interactions; {LIMIT} rows asked for per query\n\
         every prompt recomputed in {} ms ({} prompts); the next day's rollover recomputed {} \
         customers in {} ms\n{:<18} {:>7} {:>8} {:>8} {:>8} {:>12}\n",
        report.customers,
        report.interactions,
        report.prompt_rebuild_ms,
        report.prompts,
        report.rollover_customers,
        report.rollover_ms,
        "class",
        "queries",
        "p50 ms",
        "p95 ms",
        "max ms",
        "target p95"
    );
    for c in &report.classes {
        let target = c
            .target_p95_ms
            .map_or("-".to_owned(), |t| format!("<= {t} ms"));
        out.push_str(&format!(
            "{:<18} {:>7} {:>8.2} {:>8.2} {:>8.2} {:>12}\n",
            c.class, c.queries, c.p50_ms, c.p95_ms, c.max_ms, target
        ));
    }
    let t = &report.transfer;
    let ratio = t
        .sqlite3_import_ms
        .map_or("sqlite3 not found".to_owned(), |s| {
            format!(
                "sqlite3 .import {s} ms; ratio {:.1}x",
                t.import_ms / s.max(0.1)
            )
        });
    out.push_str(&format!(
        "import of a {}-row CSV into a new book: {} ms, {} created (target <= 3000 ms; after the \
         dry run, which is not counted; backup included); {ratio}\n\
         export of this book: xlsx {} ms (target <= 5000), csv {} ms (target <= 1000), json {} ms; \
         backup {} ms\n\
         export of the imported book ({} customers, no timelines): xlsx {} ms, csv {} ms\n",
        t.import_rows,
        t.import_ms,
        t.import_created,
        t.export_xlsx_ms,
        t.export_csv_ms,
        t.export_json_ms,
        t.backup_ms,
        t.import_created,
        t.imported_xlsx_ms,
        t.imported_csv_ms,
    ));
    for (into, p, target) in [
        ("an empty book", &t.into_empty, 3000),
        ("a copy of this book", &t.into_this, 4000),
    ] {
        let scale = t.sqlite3_import_ms.map_or(String::new(), |s| {
            format!(" ({:.1}x the sqlite3 .import)", p.import_ms / s.max(0.1))
        });
        out.push_str(&format!(
            "carnet import of the {}-row CSV into {into} ({} customers): dry run {} ms + write {} \
             ms (backup included) = {} ms{scale} (target <= {target} ms), {} created; the whole \
             process {} ms; peak memory {} MiB (target <= 250)\n",
            t.import_rows,
            p.customers_before,
            p.dry_run_ms,
            p.write_ms,
            p.import_ms,
            p.created,
            p.process_ms,
            p.peak_rss_mib,
        ));
    }
    out.push_str(&format!(
        "erasing one customer for good from a book of {} customers and {} automatic backups: {} ms\n",
        t.erase.customers, t.erase.backups, t.erase.ms
    ));
    out.push_str(
        "(list pages start at random offsets, as a scrolled list asks for them; note words are \
         3-4 characters from notes)",
    );
    out
}
