//! `carnet bench`: times the searches a consultant makes, on the book it is given, and
//! prints the figures. Queries are drawn from the book's own customers (seeded, so two runs
//! on one book ask the same questions).

mod fit;
mod report;
pub mod start;
pub mod team;
mod today;
mod transfer;
mod understand;

pub use report::{render, render_reports, render_start, render_team};
pub use team::team;

use std::time::{Duration, Instant};

use carnet_app::{App, AppError, CustomerDto, ListOrder, Passphrase, ReportKind};
use carnet_core::SearchKeys;
use carnet_core::demo::Rng;
use carnet_core::phone::Phone;
use serde::Serialize;

use transfer::{Transfer, transfer};

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
    /// The manager's team view; `None` when not asked for (`--team-exports 0`).
    pub team: Option<team::TeamFigures>,
    /// The desktop's start on the real binary.
    pub start: start::StartFigures,
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

#[derive(Debug, Serialize)]
pub struct ClassFigures {
    pub class: &'static str,
    pub queries: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
    /// The p95 this class must stay under at 100,000 customers on 2 cores.
    pub target_p95_ms: Option<f64>,
    /// What the timed work counted, where its figure could otherwise time an empty table
    /// unnoticed: what each report tallied ([`counted`]; demo books once logged no prompt,
    /// and the bench timed a compliance report of nothing for several stops).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counted: Option<u64>,
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
        counted: None,
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

/// Runs of the whole log's read timed (after one untimed).
const LOG_RUNS: usize = 5;

/// The whole interaction log read from the book's file, row by row: what reading pages from
/// the file costs, where an encrypted book decrypts each and checks its code, a plain one
/// copies it from the operating system's cache.
fn whole_log(app: &App) -> Result<ClassFigures, AppError> {
    let mut times = Vec::new();
    let mut rows = 0;
    for run in 0..=LOG_RUNS {
        let start = Instant::now();
        (rows, _) = app.read_whole_log()?;
        if run > 0 {
            times.push(start.elapsed());
        }
    }
    let mut figures = figures("log_read_whole", times, None);
    figures.counted = Some(rows);
    Ok(figures)
}

/// The class name of each report's timing, in `ReportKind::ALL`'s order.
const REPORT_CLASSES: [&str; 11] = [
    "report_funnel",
    "report_sources",
    "report_models",
    "report_compliance",
    "report_lost",
    "report_levels",
    "report_satisfaction",
    "report_tiers",
    "report_grid",
    "report_pareto",
    "report_lookalikes",
];

/// Runs of each report timed (after two untimed).
const REPORT_RUNS: usize = 20;

/// Every report over the last year, as the Reports screen asks for it (the whole use case:
/// reading the book, adding it up, the figures and their filters; not drawing the chart);
/// then the pyramid and the grid right after the thresholds change (when both are among
/// `kinds`).
pub fn reports(
    app: &App,
    kinds: &[ReportKind],
    classes: &mut Vec<ClassFigures>,
) -> Result<(), AppError> {
    let today = app.now().date();
    let from = today
        .checked_sub_days(chrono::Days::new(364))
        .unwrap_or(today)
        .to_string();
    let to = today.to_string();
    for (kind, class) in ReportKind::ALL.into_iter().zip(REPORT_CLASSES) {
        if !kinds.contains(&kind) {
            continue;
        }
        let mut times = Vec::new();
        let mut last = None;
        for run in 0..REPORT_RUNS + 2 {
            let start = Instant::now();
            let report = app.report(kind, &from, &to)?;
            if run >= 2 {
                times.push(start.elapsed());
            }
            last = Some(report);
        }
        let mut figures = figures(class, times, Some(200.0));
        figures.counted = last.as_ref().map(counted);
        classes.push(figures);
    }
    if !(kinds.contains(&ReportKind::Tiers) && kinds.contains(&ReportKind::Grid)) {
        return Ok(());
    }
    let kept = app.value_rules()?;
    let mut times = Vec::new();
    for run in 0..5 {
        let mut changed = kept.clone();
        changed.medium_min += 1_000 * (run + 1);
        let start = Instant::now();
        app.set_value_rules(changed)?;
        app.report(ReportKind::Tiers, "", "")?;
        app.report(ReportKind::Grid, "", "")?;
        times.push(start.elapsed());
    }
    app.set_value_rules(kept)?;
    classes.push(figures("tiers_grid_after_change", times, Some(1000.0)));
    Ok(())
}

/// What a report counted: the leads of its period (funnel, sources), the interest in models,
/// the prompts due (compliance), the sales lost, the customers by level, the satisfaction
/// answers of its months, the customers in the pyramid, the owners placed in the grid, the
/// customers of the 80/20 period, the best customers the ideal is drawn from. A report of a
/// book that holds none of them times an empty table.
pub fn counted(report: &carnet_app::Report) -> u64 {
    use carnet_app::Report;
    match report {
        Report::Funnel { steps, .. } => steps
            .iter()
            .find(|s| s.step == carnet_core::differentiate::funnel::Step::Leads)
            .map_or(0, |s| s.count),
        Report::Sources { rows, .. } => rows.iter().map(|r| r.leads).sum(),
        Report::Models { rows, .. } => rows.iter().map(|r| r.interested).sum(),
        Report::Compliance { total, .. } => total.due,
        Report::Lost { by_reason, .. } => by_reason.iter().map(|r| r.count).sum(),
        Report::Levels { current, .. } => current.iter().map(|r| r.count).sum(),
        Report::Satisfaction { months, .. } => months.iter().flat_map(|m| &m.counts).sum(),
        Report::Tiers { rows, .. } => rows.iter().map(|r| r.customers).sum(),
        Report::Grid { cells, .. } => cells.iter().map(|c| c.count).sum(),
        Report::Pareto { current, .. } => current.customers as u64,
        Report::Lookalikes { ideal, .. } => ideal.drawn_from as u64,
    }
}

/// `key`: the book's passphrase, when it is encrypted; the books the bench makes (the imports'
/// new books, the copies) are then encrypted with it, so that the figures of an encrypted
/// book can be set beside those of a plain one.
pub fn run(
    app: &App,
    key: Option<&Passphrase>,
    import_rows: usize,
    team_exports: usize,
    team_customers: usize,
    desktop: (Option<&std::path::Path>, usize, Option<&std::path::Path>),
) -> Result<Report, AppError> {
    // First, on a quiet machine: the desktop's start.
    let desktop_start = start::start(app, desktop.0, desktop.1, desktop.2)?;
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
    classes.push(whole_log(app)?);
    today::today(app, &mut classes)?;
    reports(app, &ReportKind::ALL, &mut classes)?;
    classes.push(fit::fit()?);
    understand::customize(app, &everyone, &mut rng, &mut classes)?;
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
        transfer: transfer(app, key, import_rows)?,
        team: if team_exports > 0 {
            Some(team::team(team_exports, team_customers)?)
        } else {
            None
        },
        start: desktop_start,
    })
}
