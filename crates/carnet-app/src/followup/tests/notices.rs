use super::*;

fn nov25_0800() -> NaiveDateTime {
    at(11, 25, 8)
}
fn nov25_1450() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(14, 50, 0))
        .expect("valid")
}

/// A notifier that records what it would have shown, as the desktop's does with real ones.
fn deliver(app: &App, shown: &mut Vec<String>) {
    let notices = app.pending_notices().expect("pending");
    let keys: Vec<String> = notices.iter().map(|n| n.key.clone()).collect();
    for n in notices {
        shown.push(match (n.due_count, n.prompt) {
            (Some(count), _) => format!("summary {count}"),
            (_, Some(p)) => format!(
                "{} {} {}",
                n.name.unwrap_or_default(),
                p.kind.code(),
                p.time.unwrap_or_default()
            ),
            _ => "?".into(),
        });
    }
    app.mark_notified(&keys).expect("mark");
}

#[test]
fn notifications_a_summary_when_the_day_starts_and_timed_prompts_once_each() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("carnet.db");
    {
        let app = App::open(&path).expect("open").with_clock(nov25_0800);
        let id = add(&app, "张三", "H");
        app.log_interaction(&id, call("reached", "2026-11-22 10:00", ""))
            .expect("log");
        let other = add(&app, "李四", "A");
        app.log_interaction(
            &other,
            call("reached", "2026-11-24 10:00", "2026-11-25 15:00"),
        )
        .expect("log");
    }
    let mut shown = Vec::new();
    // 08:00: the day has not started yet; nothing.
    deliver(
        &App::open(&path).expect("open").with_clock(nov25_0800),
        &mut shown,
    );
    assert!(shown.is_empty(), "{shown:?}");
    // 10:00: the summary, once, however often Carnet looks.
    let ten = App::open(&path).expect("open").with_clock(nov25);
    deliver(&ten, &mut shown);
    deliver(&ten, &mut shown);
    assert_eq!(shown, ["summary 2"]);
    // 14:50: the 15:00 next step, ten minutes ahead; once, even after a restart.
    deliver(
        &App::open(&path).expect("open").with_clock(nov25_1450),
        &mut shown,
    );
    deliver(
        &App::open(&path).expect("open").with_clock(nov25_1450),
        &mut shown,
    );
    assert_eq!(shown, ["summary 2", "李四 next_step 15:00"]);
}
