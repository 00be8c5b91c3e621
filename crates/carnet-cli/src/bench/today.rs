//! Today's plan (issue 17): `today_plan_first`, the day's first look, which makes the plan
//! (every prompt due this week weighed, grouped and spread at the daily capacity, and kept);
//! `today_plan`, Today opened again as the desktop opens it (the plan read back with what was
//! done since, its groups counted, and what came due since).

use std::time::{Duration, Instant};

use carnet_app::{App, AppError};

use super::{ClassFigures, WARM_UP, figures};

/// How many times Today is opened.
const OPENS: usize = 50;

pub(super) fn today(app: &App, classes: &mut Vec<ClassFigures>) -> Result<(), AppError> {
    let start = Instant::now();
    app.replan_today()?;
    classes.push(figures("today_plan_first", vec![start.elapsed()], None));
    let opens = (0..OPENS + WARM_UP)
        .map(|_| {
            let start = Instant::now();
            app.today_plan().map(|_| start.elapsed())
        })
        .collect::<Result<Vec<Duration>, _>>()?;
    classes.push(figures("today_plan", opens[WARM_UP..].to_vec(), Some(10.0)));
    Ok(())
}
