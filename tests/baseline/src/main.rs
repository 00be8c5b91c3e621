//! A minimal Tauri v2 app: one window whose Svelte page lists the first rows of a SQLite
//! book (`CARNET_DB`, read with rusqlite), and logs `ready_ms=…` (since the process
//! started) once they are drawn, as Carnet logs Today usable; it quits then when
//! `CARNET_QUIT_WHEN_READY` is set. What `carnet bench --baseline …` reads.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

struct Started {
    before_run: Duration,
    at: Instant,
    shown: AtomicBool,
}

/// The names of the book's first customers (none without a book).
#[tauri::command]
fn first_rows() -> Vec<String> {
    let Some(path) = std::env::var_os("CARNET_DB") else {
        return Vec::new();
    };
    let rows = || -> rusqlite::Result<Vec<String>> {
        let conn = rusqlite::Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )?;
        let mut statement = conn.prepare("SELECT name FROM customers LIMIT 20")?;
        statement.query_map([], |r| r.get(0))?.collect()
    };
    rows().unwrap_or_default()
}

/// The page has drawn its rows: logs `ready_ms=…` once.
#[tauri::command]
fn shown(app: tauri::AppHandle, started: tauri::State<'_, Started>) {
    if started.shown.swap(true, Ordering::SeqCst) {
        return;
    }
    let ms = (started.before_run + started.at.elapsed()).as_millis();
    eprintln!("ready_ms={ms}");
    if std::env::var_os("CARNET_QUIT_WHEN_READY").is_some() {
        app.exit(0);
    }
}

/// How long ago this process started (field 22 of /proc/self/stat against the uptime): the
/// same measure as Carnet's (`process_age` in src-tauri/src/lib.rs), written again here so
/// that the minimal app depends on nothing of Carnet's.
fn process_age() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let start_ticks: f64 = after.split_whitespace().nth(19)?.parse().ok()?;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let age = uptime - start_ticks / 100.0;
    (age >= 0.0).then(|| Duration::from_secs_f64(age))
}

fn main() {
    let started = Started {
        before_run: process_age().unwrap_or_default(),
        at: Instant::now(),
        shown: AtomicBool::new(false),
    };
    tauri::Builder::default()
        .manage(started)
        .invoke_handler(tauri::generate_handler![first_rows, shown])
        .run(tauri::generate_context!())
        .expect("the window");
}
