//! The commands that read a file into the book: an import, a restore from a backup.

use std::io::Write;

use carnet_app::{App, AppError, DuplicatePolicy, ErrorKind, ImportPhase, ImportRequest};

use crate::bench;
use crate::messages::{self, Lang};
use crate::output::{emit, to_json};

/// `carnet import FILE`: the dry run, or the import with progress on stderr.
pub(crate) fn import(
    app: &App,
    out: &mut impl Write,
    file: &std::path::Path,
    policy: DuplicatePolicy,
    dry_run: bool,
    json: bool,
    lang: Lang,
) -> Result<(), AppError> {
    let req = ImportRequest {
        path: file.display().to_string(),
        policy,
        ..ImportRequest::default()
    };
    let started = std::time::Instant::now();
    let preview = app.preview_import(&req)?;
    let checked = started.elapsed();
    if json && dry_run {
        emit(out, &to_json(&preview)?)?;
    } else if !json {
        for line in messages::import_preview(lang, &preview) {
            emit(out, &line)?;
        }
    }
    let nothing = || {
        AppError::new(
            ErrorKind::NothingToImport {
                refused: preview.refused,
                duplicate: preview.duplicate,
            },
            "no row could be imported",
        )
    };
    if preview.new + preview.updated == 0 {
        return Err(nothing());
    }
    if dry_run {
        return Ok(());
    }
    let mut shown = 0;
    let done = app.import_file(&req, &mut |p| {
        // A line per tenth written, for people and for tests that stop it part way.
        if p.phase == ImportPhase::Writing && p.total > 0 {
            let tenth = p.done * 10 / p.total;
            if tenth > shown || p.done == 0 {
                shown = tenth;
                eprintln!("{}", messages::import_progress(lang, p.done, p.total));
            }
        }
    })?;
    // `carnet bench` runs an import as a process of its own and reads this line.
    if std::env::var_os(bench::REPORT_ENV).is_some() {
        // The import is written and the book usable; copying it from the log into the book
        // goes on on a thread of its own (the process waits for it as it ends).
        eprintln!(
            "{} dry_run_ms={:.0} write_ms={:.0} peak_rss_kb={}",
            bench::REPORT_PREFIX,
            checked.as_secs_f64() * 1000.0,
            (started.elapsed() - checked).as_secs_f64() * 1000.0,
            bench::peak_rss_kb().unwrap_or(0)
        );
    }
    if json {
        emit(out, &to_json(&done)?)
    } else {
        emit(out, &messages::import_done(lang, &done))
    }
}

/// `carnet restore FILE`: replaces the book with a backup (or only previews it). A book that
/// no longer opens is set aside and replaced.
pub(crate) fn restore_book(
    book: &std::path::Path,
    backup: &std::path::Path,
    preview: bool,
    lang: Lang,
) -> Result<(), AppError> {
    // An encrypted book's backups are read with its passphrase.
    let key = crate::passphrase::key_for(book, lang)?;
    let summary = carnet_app::inspect_backup_with(backup, key.as_ref())?;
    eprintln!("{}", messages::book_preview(lang, &summary));
    if preview {
        return Ok(());
    }
    match App::open_checked_keyed(book, key.as_ref()) {
        Ok(app) => {
            let done = app.restore(backup)?;
            eprintln!("{}", messages::restored(lang, &done));
            Ok(())
        }
        Err(err) if carnet_app::damaged_book_with(book, &err, key.as_ref()).is_some() => {
            carnet_app::replace_with_backup_keyed(book, backup, key.as_ref())?;
            eprintln!("{}", messages::replaced_damaged(lang, book));
            Ok(())
        }
        Err(err) => Err(err),
    }
}
