//! Timing the manager's team view: consultants' JSON exports (demo books, one per consultant,
//! made first and not counted) read into a new team book, and its reports.

use std::time::Instant;

use carnet_app::{App, AppError, Consultant, ExportFormat, ExportRequest, ReportKind};
use serde::Serialize;

use super::{ClassFigures, REPORT_CLASSES, figures, ms};

/// The team view's figures.
#[derive(Debug, Serialize)]
pub struct TeamFigures {
    pub exports: usize,
    pub customers_each: usize,
    /// On average: a demo book's history is what its customers' follow-ups came to.
    pub interactions_each: usize,
    /// Reading every export into a new team book (`open_team`), from the files.
    pub build_ms: f64,
    /// Each report over the last year for the whole team, and the consultants side by side.
    pub classes: Vec<ClassFigures>,
}

/// Runs of each team report timed (after one untimed).
const RUNS: usize = 10;

pub fn team(exports: usize, each: usize) -> Result<TeamFigures, AppError> {
    let dir = std::env::temp_dir().join(format!("carnet-bench-team-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(AppError::internal)?;
    let result = team_in(&dir, exports, each);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn team_in(dir: &std::path::Path, exports: usize, each: usize) -> Result<TeamFigures, AppError> {
    let out = dir.join("exports");
    std::fs::create_dir(&out).map_err(AppError::internal)?;
    let mut interactions = 0;
    for i in 0..exports {
        let book = App::open(&dir.join(format!("consultant-{i}.db")))?;
        book.set_consultant(Consultant {
            name: format!("顾问{:02}", i + 1),
            dealership: String::new(),
            phone: String::new(),
        })?;
        book.fill_demo(each, 100 + i as u64, true)?;
        interactions += book.count_interactions()? as usize;
        book.export(&ExportRequest {
            path: out
                .join(format!("consultant-{i}.json"))
                .display()
                .to_string(),
            format: ExportFormat::Json,
            ..ExportRequest::default()
        })?;
    }
    let team = App::open(&dir.join("team.db"))?;
    let start = Instant::now();
    team.open_team(&[out.display().to_string()])?;
    let build_ms = ms(start.elapsed());
    let today = team.now().date();
    let from = today
        .checked_sub_days(chrono::Days::new(364))
        .unwrap_or(today)
        .to_string();
    let to = today.to_string();
    let mut classes = Vec::new();
    for (kind, class) in ReportKind::ALL.into_iter().zip(REPORT_CLASSES) {
        let mut times = Vec::new();
        let mut last = None;
        for run in 0..=RUNS {
            let start = Instant::now();
            let report = team.report(kind, &from, &to)?;
            if run > 0 {
                times.push(start.elapsed());
            }
            last = Some(report);
        }
        let mut figures = figures(class, times, Some(200.0));
        figures.counted = last.as_ref().map(super::counted);
        classes.push(figures);
    }
    let mut times = Vec::new();
    for run in 0..=RUNS {
        let start = Instant::now();
        team.team_overview(&from, &to)?;
        if run > 0 {
            times.push(start.elapsed());
        }
    }
    classes.push(figures("team_overview", times, Some(200.0)));
    Ok(TeamFigures {
        exports,
        customers_each: each,
        interactions_each: interactions / exports.max(1),
        build_ms,
        classes,
    })
}
