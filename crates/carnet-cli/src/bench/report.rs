//! The figures of `carnet bench` as text.

use super::{LIMIT, Report};

/// The width of the figures' first column: the longest class name with its prefix
/// ("team report_compliance", "tiers_grid_after_change") and room to spare.
const NAME_WIDTH: usize = 28;

/// One class's figures, a line of the table (`prefix` before its name).
fn class_line(prefix: &str, c: &super::ClassFigures) -> String {
    let target = c
        .target_p95_ms
        .map_or("-".to_owned(), |t| format!("<= {t} ms"));
    let name = format!("{prefix}{}", c.class);
    let counted = match c.counted {
        Some(0) => "  counted nothing: the figure times an empty table".to_owned(),
        Some(n) => format!("  ({n} counted)"),
        None => String::new(),
    };
    format!(
        "{name:<NAME_WIDTH$} {:>7} {:>8.2} {:>8.2} {:>8.2} {:>12}{counted}\n",
        c.queries, c.p50_ms, c.p95_ms, c.max_ms, target
    )
}

pub fn render(report: &Report) -> String {
    let mut out = format!(
        "carnet bench: {} customers, {} interactions; {LIMIT} rows asked for per query\n\
         every prompt recomputed in {} ms ({} prompts); the next day's rollover recomputed {} \
         customers in {} ms\n{:<NAME_WIDTH$} {:>7} {:>8} {:>8} {:>8} {:>12}\n",
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
        out.push_str(&class_line("", c));
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
    if let Some(team) = &report.team {
        out.push_str(&render_team(team));
    }
    out.push_str(&render_start(&report.start));
    out.push_str(
        "(list pages start at random offsets, as a scrolled list asks for them; note words are \
         3-4 characters from notes; log_read_whole: every interaction read whole, 5 times, \
         mostly from the book's file, as the usual page cache holds a fraction of them (in an \
         encrypted book each page decrypted and its code checked); fit_500_trims: `suggest` for each of 200 demo customers over a \
         synthetic catalogue of 500 trims, on a temporary book: the one read of the customer, \
         family, timeline, catalogue and rules, and the ranking, counted)",
    );
    out
}

/// The team view's figures as text.
pub fn render_team(team: &super::team::TeamFigures) -> String {
    let mut out = format!(
        "team view: {} consultants' JSON exports of {} customers and {} interactions each, \
         read into a new team book in {} ms (target <= 10000 ms; making the exports not \
         counted)\n",
        team.exports, team.customers_each, team.interactions_each, team.build_ms
    );
    for c in &team.classes {
        out.push_str(&class_line("team ", c));
    }
    out
}

/// The reports' figures alone (`--reports-only`) as text.
pub fn render_reports(classes: &[super::ClassFigures]) -> String {
    let mut out = format!(
        "{:<NAME_WIDTH$} {:>7} {:>8} {:>8} {:>8} {:>12}\n",
        "class", "runs", "p50 ms", "p95 ms", "max ms", "target p95"
    );
    for c in classes {
        out.push_str(&class_line("", c));
    }
    out
}

/// The middle value of `ms` (the mean of the two middle ones for an even count).
fn median(ms: &[u64]) -> Option<f64> {
    let mut sorted = ms.to_vec();
    sorted.sort_unstable();
    let mid = sorted.len() / 2;
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[mid] as f64),
        _ => Some((sorted[mid - 1] + sorted[mid]) as f64 / 2.0),
    }
}

/// The desktop's start as text.
pub fn render_start(start: &super::start::StartFigures) -> String {
    use super::start::{MEMORY_RATIO, START_RATIO, StartFigures};
    let list = |ms: &[u64]| ms.iter().map(u64::to_string).collect::<Vec<_>>().join(", ");
    let mib = |m: Option<f64>| m.map_or("unknown".to_owned(), |m| format!("{m} MiB"));
    match start {
        StartFigures::Measured {
            desktop,
            first_of_day_ms,
            later_ms,
            pss_mib,
            baseline,
        } => {
            let mut out = format!(
                "desktop start ({desktop}), Today usable (ready_ms, since the process started; \
                 target <= 330 ms): first start of the day {} ms; later starts {} ms; memory \
                 with Today shown (PSS, the app and its WebKit processes): {}\n",
                list(first_of_day_ms),
                list(later_ms),
                mib(*pss_mib),
            );
            if let Some(minimal) = baseline {
                let carnet: Vec<u64> = first_of_day_ms.iter().chain(later_ms).copied().collect();
                let ratio = |ours: Option<f64>, theirs: Option<f64>| match (ours, theirs) {
                    (Some(a), Some(b)) if b > 0.0 => format!("{:.2}x", a / b),
                    _ => "unknown".to_owned(),
                };
                out.push_str(&format!(
                    "the minimal Tauri app ({}), its rows shown: {} ms; memory {}. Carnet's \
                     median start {} ms against its {} ms: {} (target <= {START_RATIO}x); \
                     memory {} (target <= {MEMORY_RATIO}x)\n",
                    minimal.binary,
                    list(&minimal.ready_ms),
                    mib(minimal.pss_mib),
                    median(&carnet).map_or("?".into(), |m| format!("{m:.0}")),
                    median(&minimal.ready_ms).map_or("?".into(), |m| format!("{m:.0}")),
                    ratio(median(&carnet), median(&minimal.ready_ms)),
                    ratio(*pss_mib, minimal.pss_mib),
                ));
            }
            out
        }
        StartFigures::Skipped { reason } => format!("desktop start not timed: {reason}\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::start::{Baseline, StartFigures};
    use super::*;

    #[test]
    fn the_middle_start_is_the_median() {
        for (ms, want) in [
            (&[][..], None),
            (&[500][..], Some(500.0)),
            (&[300, 100, 200][..], Some(200.0)),
            (&[400, 100, 300, 200][..], Some(250.0)),
        ] {
            assert_eq!(median(ms), want, "{ms:?}");
        }
    }

    /// A report's figure says what it counted, and says so when it counted nothing (the
    /// compliance report timed an empty table for several stops).
    #[test]
    fn a_figure_over_an_empty_table_says_so() {
        let class = |counted| super::super::ClassFigures {
            class: "report_compliance",
            queries: 20,
            p50_ms: 0.05,
            p95_ms: 0.09,
            max_ms: 0.09,
            target_p95_ms: Some(200.0),
            counted,
        };
        let text = render_reports(&[class(Some(0)), class(Some(410_640)), class(None)]);
        let lines: Vec<&str> = text.lines().skip(1).collect();
        assert!(
            lines[0].ends_with("counted nothing: the figure times an empty table"),
            "{text}"
        );
        assert!(lines[1].ends_with("(410640 counted)"), "{text}");
        assert!(lines[2].ends_with("<= 200 ms"), "{text}");
    }

    /// The figures stand in columns whatever the class's name (a team report's, prefixed,
    /// pushed its line's figures right of the others).
    #[test]
    fn long_class_names_keep_the_columns() {
        let class = |class| super::super::ClassFigures {
            class,
            queries: 20,
            p50_ms: 1.5,
            p95_ms: 2.5,
            max_ms: 3.5,
            target_p95_ms: Some(200.0),
            counted: None,
        };
        let lines = [
            class_line("", &class("cjk_1_2_chars")),
            class_line("", &class("tiers_grid_after_change")),
            class_line("team ", &class("report_compliance")),
        ];
        let at: Vec<_> = lines.iter().map(|l| l.find("<= 200 ms")).collect();
        assert!(at.iter().all(|a| a.is_some() && *a == at[0]), "{lines:?}");
    }

    /// Every report's figure says what it counted: nothing on an empty book, something on a
    /// demo book's last year (where the funnel's appointments, the pyramid's top and the
    /// grid's owners were once missing, and compliance counted nothing).
    #[test]
    fn every_report_s_figure_says_what_it_counted() {
        use carnet_app::{App, ReportKind};
        let nov25 = || {
            chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .expect("day")
        };
        let counts = |app: &App| {
            let mut classes = Vec::new();
            super::super::reports(app, &ReportKind::ALL, &mut classes).expect("reports");
            classes
                .into_iter()
                .filter(|c| c.class.starts_with("report_"))
                .map(|c| (c.class, c.counted))
                .collect::<Vec<_>>()
        };
        let empty = App::open_in_memory().expect("app").with_clock(nov25);
        let counted = counts(&empty);
        assert_eq!(counted.len(), ReportKind::ALL.len());
        assert!(counted.iter().all(|(_, n)| *n == Some(0)), "{counted:?}");
        let demo = App::open_in_memory().expect("app").with_clock(nov25);
        demo.fill_demo(400, 1, true).expect("demo");
        let counted = counts(&demo);
        assert!(
            counted.iter().all(|(_, n)| n.is_some_and(|n| n > 0)),
            "{counted:?}"
        );
    }

    #[test]
    fn carnet_is_set_against_the_minimal_app_by_medians() {
        let figures = StartFigures::Measured {
            desktop: "carnet-desktop".into(),
            first_of_day_ms: vec![520, 460, 440],
            later_ms: vec![450, 430, 470],
            pss_mib: Some(357.0),
            baseline: Some(Baseline {
                binary: "minimal-tauri".into(),
                ready_ms: vec![360, 350, 340, 370, 380, 330],
                pss_mib: Some(280.0),
            }),
        };
        let text = render_start(&figures);
        assert!(
            text.contains(
                "Carnet's median start 455 ms against its 355 ms: 1.28x (target <= 1.3x)"
            ),
            "{text}"
        );
        assert!(text.contains("memory 1.27x (target <= 1.15x)"), "{text}");
    }
}
