//! The passphrase and the lock's use cases.

use std::path::Path;

use crate::customers::quick_input;
use crate::{App, ErrorCode, FileKind, Passphrase, book_file_kind};

fn names(app: &App) -> Vec<String> {
    let mut names: Vec<String> = app
        .store()
        .customers()
        .expect("list")
        .into_iter()
        .map(|c| c.profile.name)
        .collect();
    names.sort();
    names
}

fn key(text: &str) -> Passphrase {
    Passphrase::new(text)
}

fn code<T: std::fmt::Debug>(result: Result<T, crate::AppError>) -> (ErrorCode, Option<String>) {
    let err = result.expect_err("refused");
    (err.kind.code(), err.field)
}

#[test]
fn a_passphrase_set_changed_and_removed_through_the_use_case() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("carnet.db");
    let app = App::open(&path).expect("open");
    app.add_customer(quick_input("张三", Some("13812345678")))
        .expect("add");
    assert!(!app.privacy().expect("privacy").encrypted);

    assert_eq!(
        code(app.change_passphrase(None, Some("short"))),
        (ErrorCode::TooShort, Some("new".into()))
    );
    let done = app
        .change_passphrase(None, Some("春眠不觉晓处处闻啼鸟"))
        .expect("set");
    assert!(done.encrypted && done.backup.is_some());
    assert!(app.privacy().expect("privacy").encrypted);
    assert_eq!(book_file_kind(&path).expect("kind"), FileKind::Encrypted);

    // Changing it asks for the current one first.
    assert_eq!(
        code(app.change_passphrase(Some("not it at all"), Some("another one"))),
        (ErrorCode::WrongPassphrase, Some("current".into()))
    );
    assert_eq!(
        code(app.change_passphrase(None, Some("another one"))),
        (ErrorCode::WrongPassphrase, Some("current".into()))
    );
    app.change_passphrase(Some("春眠不觉晓处处闻啼鸟"), Some("another one"))
        .expect("change");
    drop(app);

    assert_eq!(code(App::open(&path)), (ErrorCode::Locked, None));
    assert_eq!(
        code(App::open_keyed(&path, Some(&key("春眠不觉晓处处闻啼鸟")))),
        (ErrorCode::WrongPassphrase, Some("passphrase".into()))
    );
    let app = App::open_checked_keyed(&path, Some(&key("another one"))).expect("open");
    assert_eq!(names(&app), ["张三"]);
    // Its backups open with it too.
    let backups = app.backups().expect("backups");
    assert!(!backups.is_empty());
    for b in &backups {
        assert_eq!(
            app.inspect_backup(Path::new(&b.path))
                .expect("inspect")
                .customers,
            1
        );
    }

    app.change_passphrase(Some("another one"), None)
        .expect("remove");
    drop(app);
    assert_eq!(book_file_kind(&path).expect("kind"), FileKind::Plain);
    assert_eq!(names(&App::open(&path).expect("plain again")), ["张三"]);
}

#[test]
fn a_passphrase_change_during_the_start_s_check_waits_for_it_instead_of_being_refused() {
    use std::sync::{Arc, Mutex, mpsc};
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("carnet.db");
    App::open(&path)
        .expect("open")
        .add_customer(quick_input("张三", Some("13812345678")))
        .expect("add");
    let app = Arc::new(App::open_deferred(&path).expect("deferred"));
    let order = Arc::new(Mutex::new(Vec::new()));
    let (started, on_start) = mpsc::channel();
    let (changed, on_change) = mpsc::channel::<()>();
    let catching_up = {
        let (app, order) = (Arc::clone(&app), Arc::clone(&order));
        std::thread::spawn(move || {
            app.catch_up(&mut |p| match p.step {
                crate::CatchUpStep::Check => {
                    started.send(()).expect("started");
                    // A change that does not wait is made now, as the check starts.
                    let _ = on_change.recv_timeout(std::time::Duration::from_secs(2));
                }
                crate::CatchUpStep::Backup => order.lock().expect("order").push("checked"),
                crate::CatchUpStep::Prompts => {}
            })
        })
    };
    on_start.recv().expect("the check started");
    let done = app.change_passphrase(None, Some("春眠不觉晓处处闻啼鸟"));
    order.lock().expect("order").push("changed");
    let _ = changed.send(());
    catching_up
        .join()
        .expect("no panic")
        .expect("the catch-up ran");
    assert!(done.expect("set, once the check was done").encrypted);
    assert_eq!(*order.lock().expect("order"), ["checked", "changed"]);
    drop(app);
    let app = App::open_checked_keyed(&path, Some(&key("春眠不觉晓处处闻啼鸟"))).expect("open");
    assert_eq!(names(&app), ["张三"]);
}

#[test]
fn unlocking_checks_the_passphrase_and_the_locked_window_gets_only_a_count() {
    let dir = tempfile::tempdir().expect("dir");
    let app = App::open(&dir.path().join("carnet.db")).expect("open");
    app.add_customer(quick_input("张三", None)).expect("add");
    // A plain book has no passphrase to unlock with.
    assert_eq!(
        code(app.check_passphrase("anything")),
        (ErrorCode::WrongPassphrase, Some("passphrase".into()))
    );
    app.change_passphrase(None, Some("correct horse"))
        .expect("set");
    app.check_passphrase("correct horse").expect("right");
    for wrong in ["", "correct hors", "correct horse ", "Correct horse"] {
        assert_eq!(
            code(app.check_passphrase(wrong)).0,
            ErrorCode::WrongPassphrase,
            "{wrong:?}"
        );
    }
    let state = app.lock_state(true).expect("state");
    assert!(state.locked);
    assert!(state.due.is_some());
}

#[test]
fn the_lock_minutes_are_kept_within_their_range() {
    let app = App::open_in_memory().expect("open");
    let default = carnet_core::privacy::LOCK_AFTER_MINUTES_DEFAULT;
    assert_eq!(app.privacy().expect("p").lock_after_minutes, default);
    assert_eq!(app.set_lock_after(30).expect("set").lock_after_minutes, 30);
    for bad in [0, 241] {
        assert_eq!(
            code(app.set_lock_after(bad)),
            (ErrorCode::InvalidNumber, Some("lock_after_minutes".into()))
        );
    }
    assert_eq!(app.privacy().expect("p").lock_after_minutes, 30);
}

#[test]
fn a_locked_app_notifies_that_something_is_due_and_nothing_of_whom() {
    let app = App::open_in_memory().expect("open");
    app.add_customer(quick_input("张三", Some("13812345678")))
        .expect("add");
    let plain = app.pending_notices().expect("notices");
    let masked = app.pending_notices_masked().expect("masked");
    assert_eq!(
        masked.iter().map(|n| &n.key).collect::<Vec<_>>(),
        plain.iter().map(|n| &n.key).collect::<Vec<_>>()
    );
    for n in &masked {
        assert!(n.name.is_none() && n.customer_id.is_none() && n.prompt.is_none());
        let json = serde_json::to_string(n).expect("json");
        assert!(!json.contains("张三") && !json.contains("5678"), "{json}");
    }
}

#[cfg(unix)]
#[test]
fn exports_and_copies_are_written_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    let dir = tempfile::tempdir().expect("dir");
    let app = App::open(&dir.path().join("book/carnet.db")).expect("open");
    app.add_customer(quick_input("张三", Some("13812345678")))
        .expect("add");
    for (name, format) in [
        ("customers.xlsx", crate::ExportFormat::Xlsx),
        ("customers.csv", crate::ExportFormat::Csv),
        ("customers.json", crate::ExportFormat::Json),
    ] {
        let path = dir.path().join(name);
        app.export(&crate::ExportRequest {
            path: path.display().to_string(),
            format,
            ..crate::ExportRequest::default()
        })
        .expect("export");
        assert_eq!(mode(&path), 0o600, "{name}");
    }
    let catalogue = dir.path().join("catalogue.csv");
    app.export_catalogue(&catalogue.display().to_string(), crate::ExportFormat::Csv)
        .expect("catalogue");
    assert_eq!(mode(&catalogue), 0o600, "the catalogue's export");
    let copy = dir.path().join("usb/copy.db");
    app.backup_to(&copy).expect("copy");
    assert_eq!(mode(&copy), 0o600, "a copy of the book");
    assert_eq!(mode(&dir.path().join("book")), 0o700, "the book's folder");
}

/// A team book beside `own`, built from one consultant's export of `people`: its customers'
/// names.
fn build_team(own: &App, dir: &Path, people: &[&str]) -> Vec<String> {
    let export = App::open_in_memory().expect("export book");
    for (i, name) in people.iter().enumerate() {
        export
            .add_customer(quick_input(name, Some(&format!("1381234567{i}"))))
            .expect("add");
    }
    let file = dir.join("王顾问.json");
    export
        .export(&crate::ExportRequest {
            path: file.to_string_lossy().into_owned(),
            format: crate::ExportFormat::Json,
            ..crate::ExportRequest::default()
        })
        .expect("export");
    let team = own.open_team_book(true).expect("open").expect("made");
    team.open_team(&[file.to_string_lossy().into_owned()])
        .expect("team book");
    names(&team)
}

#[test]
fn the_team_book_beside_an_encrypted_book_is_encrypted_with_its_passphrase() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("carnet.db");
    let team_path = crate::team_book_path(&path);
    let own = App::open_keyed(&path, Some(&key("春眠不觉晓处处闻啼鸟"))).expect("open");
    assert!(own.open_team_book(false).expect("none yet").is_none());
    assert_eq!(book_file_kind(&team_path).expect("kind"), FileKind::Missing);
    let built = build_team(&own, dir.path(), &["张三", "李四"]);
    assert_eq!(built, ["张三", "李四"].map(String::from).to_vec());
    assert_eq!(
        book_file_kind(&team_path).expect("kind"),
        FileKind::Encrypted
    );
    // Not readable without it; read again with it.
    assert_eq!(
        code(App::open(&team_path)).0,
        ErrorCode::Locked,
        "a team book in the clear"
    );
    let again = own.open_team_book(false).expect("open").expect("there");
    assert_eq!(names(&again), built);
}

#[test]
fn the_team_book_follows_the_book_s_passphrase_or_the_change_is_refused_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("carnet.db");
    let team_path = crate::team_book_path(&path);
    let own = App::open(&path).expect("open");
    let built = build_team(&own, dir.path(), &["张三", "李四", "王五"]);
    assert_eq!(book_file_kind(&team_path).expect("kind"), FileKind::Plain);

    // Set, changed and removed: the team book follows each time, whole. The backups folder
    // they share is converted once, by the team book's change: none is told as left behind.
    let done = own
        .change_passphrase(None, Some("春眠不觉晓处处闻啼鸟"))
        .expect("set");
    assert_eq!(done.left, Vec::<String>::new());
    let backups = own.backups().expect("backups");
    assert_eq!(done.backups as usize, backups.len());
    for b in &backups {
        assert_eq!(
            book_file_kind(Path::new(&b.path)).expect("kind"),
            FileKind::Encrypted,
            "{}",
            b.path
        );
    }
    assert_eq!(
        book_file_kind(&team_path).expect("kind"),
        FileKind::Encrypted
    );
    let team = App::open_keyed(&team_path, Some(&key("春眠不觉晓处处闻啼鸟"))).expect("team");
    assert_eq!(names(&team), built);
    drop(team);
    own.change_passphrase(Some("春眠不觉晓处处闻啼鸟"), Some("夜来风雨声花落知多少"))
        .expect("change");
    let team = App::open_keyed(&team_path, Some(&key("夜来风雨声花落知多少"))).expect("team");
    assert_eq!(names(&team), built);
    drop(team);
    own.change_passphrase(Some("夜来风雨声花落知多少"), None)
        .expect("remove");
    assert_eq!(book_file_kind(&team_path).expect("kind"), FileKind::Plain);

    // A file open elsewhere: the change is refused and neither book changes.
    let refused_while_open = |elsewhere: &Path| {
        let other = App::open(elsewhere).expect("open elsewhere");
        assert_eq!(
            code(own.change_passphrase(None, Some("春眠不觉晓处处闻啼鸟"))).0,
            ErrorCode::BookInUse
        );
        assert_eq!(book_file_kind(&path).expect("kind"), FileKind::Plain);
        assert_eq!(book_file_kind(&team_path).expect("kind"), FileKind::Plain);
        drop(other);
    };
    // The team book open elsewhere cannot follow: nothing changes, and the change goes
    // through once it is closed.
    refused_while_open(&team_path);
    // The book itself open elsewhere: the team book, converted first, is put back.
    refused_while_open(&path);
    own.change_passphrase(None, Some("春眠不觉晓处处闻啼鸟"))
        .expect("set again");
    assert_eq!(
        book_file_kind(&team_path).expect("kind"),
        FileKind::Encrypted
    );
    let team = own.open_team_book(false).expect("open").expect("there");
    assert_eq!(names(&team), built);
    assert!(team.is_team_book().expect("team"));
}

#[test]
fn a_plain_team_book_beside_an_encrypted_book_is_encrypted_when_opened() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("carnet.db");
    let team_path = crate::team_book_path(&path);
    let built = build_team(
        &App::open(&path).expect("open"),
        dir.path(),
        &["张三", "李四"],
    );
    // The book encrypted by a Carnet from before the team book followed it.
    let own = App::open(&path).expect("open");
    own.store()
        .change_passphrase(Some(&key("春眠不觉晓处处闻啼鸟")))
        .expect("book only");
    assert_eq!(book_file_kind(&team_path).expect("kind"), FileKind::Plain);
    let team = own.open_team_book(false).expect("open").expect("there");
    assert_eq!(
        book_file_kind(&team_path).expect("kind"),
        FileKind::Encrypted
    );
    assert_eq!(names(&team), built);
}
