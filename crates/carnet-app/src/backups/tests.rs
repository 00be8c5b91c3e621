//! Every path that replaces or deletes a file, tried the ways that used to lose a book.

use std::path::{Path, PathBuf};

use crate::customers::quick_input;
use crate::{App, ErrorCode, ExportFormat, ExportRequest};

fn book(dir: &Path) -> (App, PathBuf) {
    let path = dir.join("book").join("carnet.db");
    (App::open(&path).expect("open"), path)
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read")
}

/// A backup in the folder named as made at `stamp` (`YYYYMMDD-HHMMSS.mmm`).
fn old_backup(app: &App, book: &Path, stamp: &str) -> PathBuf {
    let dir = book.parent().expect("dir").join("backups");
    let path = dir.join(format!("carnet-{stamp}-daily.db"));
    app.store().backup_to(&path).expect("backup");
    path
}

#[test]
fn restoring_a_backup_the_rotation_would_delete_restores_it_and_keeps_it() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, path) = book(dir.path());
    app.add_customer(quick_input("张三", Some("13812345678")))
        .expect("add");
    // Two years old: beyond the 12 monthly copies the rotation keeps.
    let ancient = old_backup(&app, &path, "20241201-090000.000");
    for month in 1..=12 {
        old_backup(&app, &path, &format!("2026{month:02}01-090000.000"));
    }
    app.add_customer(quick_input("李四", Some("13912345678")))
        .expect("add");
    assert!(
        carnet_store::backups_to_keep(
            &carnet_store::list_backups(ancient.parent().expect("dir"))
                .iter()
                .map(|b| b.made_at)
                .collect::<Vec<_>>(),
            chrono::Utc::now()
        )
        .len()
            < 13,
        "the rotation would delete the oldest"
    );
    let restored = app.restore(&ancient).expect("restore");
    assert_eq!(
        restored.customers, 1,
        "the backup's customer, not an empty book"
    );
    assert_eq!(app.list_customers().expect("list")[0].name, "张三");
    assert!(ancient.exists(), "the file restored from is still there");
    let previous = restored.previous.expect("backed up first");
    assert_eq!(
        crate::inspect_backup(Path::new(&previous))
            .expect("whole")
            .customers,
        2
    );
}

#[test]
fn a_missing_or_replaced_backup_is_refused_and_the_book_untouched() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, _) = book(dir.path());
    app.add_customer(quick_input("张三", Some("13812345678")))
        .expect("add");
    let gone = dir.path().join("usb").join("nothing-here.db");
    let err = app.restore(&gone).expect_err("missing");
    assert_eq!(err.code(), ErrorCode::BackupGone, "{err:?}");
    assert!(!gone.exists(), "no empty book was made at the path");
    assert_eq!(app.list_customers().expect("list").len(), 1);

    // The file is replaced (or deleted) between its check and its copy.
    let usb = dir.path().join("usb").join("carnet.db");
    app.backup_to(&usb).expect("backup");
    let held = carnet_store::HeldBook::open(&usb, None).expect("held");
    let other = dir.path().join("other.db");
    std::fs::copy(&usb, &other).expect("copy");
    std::fs::rename(&other, &usb).expect("replaced");
    assert!(matches!(
        held.still_there(),
        Err(carnet_store::StoreError::BackupChanged { .. })
    ));
    std::fs::remove_file(&usb).expect("deleted");
    assert!(matches!(
        held.still_there(),
        Err(carnet_store::StoreError::BackupGone { .. })
    ));
}

#[test]
fn nothing_is_written_over_the_book_its_log_or_its_backups() {
    let dir = tempfile::tempdir().expect("dir");
    let (app, path) = book(dir.path());
    app.add_customer(quick_input("张三", Some("13812345678")))
        .expect("add");
    let daily = app.daily_backup().expect("backup").expect("made");
    app.store().wait_for_checkpoint();
    let before = bytes(&path);
    let daily_before = bytes(Path::new(&daily));
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    let spelled = path
        .parent()
        .expect("dir")
        .join("backups")
        .join("..")
        .join("carnet.db");
    for target in [
        path.clone(),
        spelled,
        wal.clone(),
        PathBuf::from(format!("{}-shm", path.display())),
        PathBuf::from(&daily),
        path.parent().expect("dir").join("backups").join("new.xlsx"),
    ] {
        for format in [ExportFormat::Xlsx, ExportFormat::Csv, ExportFormat::Json] {
            let err = app
                .export(&ExportRequest {
                    path: target.display().to_string(),
                    format,
                    ..ExportRequest::default()
                })
                .expect_err("export onto the book's own");
            assert_eq!(err.code(), ErrorCode::OwnFile, "{}", target.display());
        }
        let err = app
            .backup_to(&target)
            .expect_err("copy onto the book's own");
        assert_eq!(err.code(), ErrorCode::OwnFile, "{}", target.display());
    }
    for source in [path.clone(), wal] {
        let err = app.restore(&source).expect_err("restore from the book");
        assert_eq!(err.code(), ErrorCode::OwnFile, "{}", source.display());
    }
    assert_eq!(bytes(&path), before, "the book is byte for byte the same");
    assert_eq!(bytes(Path::new(&daily)), daily_before);
    assert_eq!(app.list_customers().expect("list").len(), 1);
    // Beside the book, in a folder of the consultant's: written.
    let fine = path.parent().expect("dir").join("客户.xlsx");
    app.export(&ExportRequest {
        path: fine.display().to_string(),
        format: ExportFormat::Xlsx,
        ..ExportRequest::default()
    })
    .expect("export");
    assert!(fine.exists());
    let leftovers: Vec<_> = std::fs::read_dir(path.parent().expect("dir"))
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_healthy_book_is_never_replaced_and_a_damaged_one_is_kept_aside() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("b").join("carnet.db");
    let backup = {
        let app = App::open(&path).expect("open");
        app.add_customer(quick_input("张三", Some("13812345678")))
            .expect("add");
        app.daily_backup().expect("backup").expect("made")
    };
    let healthy = bytes(&path);
    let err = crate::replace_with_backup(&path, Path::new(&backup)).expect_err("healthy");
    assert_eq!(err.code(), ErrorCode::BookHealthy);
    assert_eq!(bytes(&path), healthy);

    // Damage it, with a log beside it that must not meet the good copy.
    let mut damaged = healthy.clone();
    let len = damaged.len();
    for b in &mut damaged[len / 2..] {
        *b = 0x5A;
    }
    std::fs::write(&path, &damaged).expect("damage");
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    std::fs::write(&wal, b"an old log").expect("log");
    crate::replace_with_backup(&path, Path::new(&backup)).expect("replaced");
    assert!(!wal.exists(), "the damaged book's log went aside with it");
    let aside: Vec<PathBuf> = std::fs::read_dir(path.parent().expect("dir"))
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("damaged-"))
        .collect();
    let kept = aside
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "db"))
        .expect("the damaged book is kept");
    assert_eq!(bytes(kept), damaged, "kept byte for byte");
    assert!(
        aside.iter().any(|p| p.to_string_lossy().ends_with("-wal")),
        "{aside:?}"
    );
    let app = App::open_checked(&path).expect("opens");
    assert_eq!(app.list_customers().expect("list").len(), 1);
}

/// Whether any of these files holds `text` anywhere in its bytes.
fn anywhere(files: &[PathBuf], text: &str) -> Vec<PathBuf> {
    files
        .iter()
        .filter(|f| {
            std::fs::read(f)
                .map(|b| b.windows(text.len()).any(|w| w == text.as_bytes()))
                .unwrap_or(false)
        })
        .cloned()
        .collect()
}

fn book_files(path: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = ["", "-wal"]
        .iter()
        .map(|s| PathBuf::from(format!("{}{s}", path.display())))
        .filter(|p| p.exists())
        .collect();
    files.extend(
        carnet_store::list_backups(&path.parent().expect("dir").join("backups"))
            .into_iter()
            .map(|b| b.path),
    );
    files
}

#[test]
fn erasing_for_good_leaves_nothing_in_the_book_its_log_or_its_backups_and_no_restore_brings_it_back()
 {
    let dir = tempfile::tempdir().expect("dir");
    let (app, path) = book(dir.path());
    let keep = app
        .add_customer(quick_input("李四", Some("13912345678")))
        .expect("add");
    let mut erase = quick_input("欧阳娜娜", Some("13812345678"));
    erase.profile.notes = "删除请求：PIPL-找不到我".into();
    let gone = app.add_customer(erase).expect("add");
    app.log_interaction(
        &gone.id,
        carnet_core::InteractionDraft {
            kind: "call".into(),
            notes: "通话记录-找不到我".into(),
            ..Default::default()
        },
    )
    .expect("log");
    // Backups that hold them: the day's, one from before an import, an old one, and a copy
    // made elsewhere.
    app.daily_backup().expect("backup").expect("made");
    let old = old_backup(&app, &path, "20250601-090000.000");
    let usb = dir.path().join("usb").join("carnet.db");
    app.backup_to(&usb).expect("usb");
    // And an export handed to a manager, which a colleague may import back one day.
    let export = dir.path().join("handover.json");
    app.export(&crate::ExportRequest {
        path: export.display().to_string(),
        format: crate::ExportFormat::Json,
        ..crate::ExportRequest::default()
    })
    .expect("export");
    let files = book_files(&path);
    assert!(files.len() >= 3, "{files:?}");
    assert!(!anywhere(&files, "找不到我").is_empty(), "written at first");

    app.trash_customer(&gone.id).expect("trash");
    let mut seen = Vec::new();
    let done = app.empty_trash(&mut |p| seen.push(p)).expect("erase");
    assert_eq!(done.erased, 1);
    assert!(done.failed.is_empty(), "{:?}", done.failed);
    let backups = u32::try_from(
        carnet_store::list_backups(&path.parent().expect("dir").join("backups")).len(),
    )
    .expect("few");
    assert_eq!(backups, 2, "the day's and the old one");
    assert_eq!(done.backups, backups, "every automatic backup rewritten");
    assert_eq!(
        seen.last().map(|p| (p.done, p.backups)),
        Some((backups, backups))
    );
    assert!(done.log_purged);
    for text in ["找不到我", "欧阳娜娜", "13812345678", "8613812345678"] {
        assert_eq!(
            anywhere(&book_files(&path), text),
            Vec::<PathBuf>::new(),
            "{text}"
        );
    }
    assert!(
        !anywhere(std::slice::from_ref(&usb), "找不到我").is_empty(),
        "a copy made elsewhere is the consultant's own: not changed"
    );

    // Restoring a backup from before the erasure, or the copy on the stick, does not bring
    // them back; the customer kept is there.
    for source in [old, usb] {
        let restored = app.restore(&source).expect("restore");
        assert_eq!(restored.customers, 1, "{}", source.display());
        assert_eq!(
            app.get_customer(&gone.id).expect_err("still erased").code(),
            ErrorCode::NotFound
        );
        app.get_customer(&keep.id).expect("kept");
        assert_eq!(
            app.search_customers("欧阳", crate::ListOrder::Newest, 0, 10)
                .expect("search")
                .customers
                .len(),
            0
        );
    }
    assert_eq!(
        app.store().erased_ids().expect("ids"),
        vec![gone.id.clone()]
    );

    // Importing the old export does not bring them back either: their row is refused, and
    // said why (the customer kept is a duplicate of themself).
    let request = crate::ImportRequest {
        path: export.display().to_string(),
        ..crate::ImportRequest::default()
    };
    let preview = app.preview_import(&request).expect("dry run");
    assert_eq!(
        (preview.new, preview.duplicate, preview.refused),
        (0, 1, 1),
        "{preview:?}"
    );
    assert_eq!(
        preview.refused_rows[0].kind.code(),
        ErrorCode::ErasedCustomer
    );
    assert_eq!(preview.refused_rows[0].kind.params()["id"], gone.id);
    app.import_file(&request, &mut |_| {}).expect("import");
    assert_eq!(
        app.get_customer(&gone.id).expect_err("still erased").code(),
        ErrorCode::NotFound
    );
}

fn nov25() -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("valid")
}

#[test]
fn a_restore_previews_backs_up_the_current_book_and_replaces_it() {
    let dir = tempfile::tempdir().expect("dir");
    let app = App::open(&dir.path().join("a").join("carnet.db"))
        .expect("open")
        .with_clock(nov25);
    app.add_customer(quick_input("张三", Some("13812345678")))
        .expect("add");
    let usb = dir.path().join("usb").join("carnet.db");
    let copy = app.backup_to(&usb).expect("backup");
    assert_eq!(copy.customers, 1);
    app.add_customer(quick_input("李四", Some("13912345678")))
        .expect("add");
    let preview = crate::inspect_backup(&usb).expect("preview");
    assert_eq!((preview.customers, preview.interactions), (1, 0));
    let restored = app.restore(&usb).expect("restore");
    assert_eq!(restored.customers, 1);
    let previous = restored.previous.expect("the replaced book was backed up");
    assert_eq!(
        crate::inspect_backup(Path::new(&previous))
            .expect("check")
            .customers,
        2
    );
    assert!(
        app.backups()
            .expect("backups")
            .iter()
            .any(|b| b.reason == "before-restore")
    );
    // Not a book: refused by name, the book untouched.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "hello").expect("write");
    assert_eq!(
        app.restore(&junk).map_err(|e| e.code()).err(),
        Some(ErrorCode::NotABook)
    );
    assert_eq!(app.store().count_customers().expect("count"), 1);
}

#[test]
fn a_damaged_book_is_refused_at_start_and_the_newest_good_backup_offered() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("b").join("carnet.db");
    {
        let app = App::open(&path).expect("open");
        app.add_customer(quick_input("张三", Some("13812345678")))
            .expect("add");
        app.daily_backup().expect("backup").expect("made");
        assert_eq!(app.daily_backup().expect("backup"), None, "once a day");
    }
    // Scribble over the middle of the file, past the header.
    let mut bytes = std::fs::read(&path).expect("read");
    let len = bytes.len();
    for b in &mut bytes[len / 2..] {
        *b = 0x5A;
    }
    std::fs::write(&path, &bytes).expect("write");
    let Err(err) = App::open_checked(&path) else {
        panic!("a damaged book opened");
    };
    let damaged = crate::damaged_book(&path, &err).expect("damaged");
    let backup = damaged.backup.expect("a good backup");
    assert_eq!(damaged.preview.expect("preview").customers, 1);
    crate::replace_with_backup(&path, Path::new(&backup.path)).expect("replaced");
    let app = App::open_checked(&path).expect("opens again");
    assert_eq!(app.store().count_customers().expect("count"), 1);
}

#[test]
fn a_backup_of_the_other_kind_is_refused_at_its_preview_and_the_book_is_untouched() {
    let dir = tempfile::tempdir().expect("dir");
    let (own, own_path) = book(dir.path());
    own.add_customer(quick_input("张三", Some("13812345678")))
        .expect("add");
    let exported = dir.path().join("own.json");
    own.export(&ExportRequest {
        path: exported.to_string_lossy().into_owned(),
        format: ExportFormat::Json,
        ..ExportRequest::default()
    })
    .expect("export");
    let team_path = dir.path().join("team").join("team.db");
    let team = App::open(&team_path).expect("team");
    team.open_team(&[exported.to_string_lossy().into_owned()])
        .expect("team book");
    let team_copy = dir.path().join("usb").join("team-copy.db");
    team.backup_to(&team_copy)
        .expect("the team book's own copy");
    let own_copy = dir.path().join("usb").join("own-copy.db");
    own.backup_to(&own_copy).expect("the own book's copy");
    let before = bytes(&own_path);
    // Each kind previews its own copies, and refuses the other's, naming the file.
    for (app, theirs) in [(&own, &team_copy), (&team, &own_copy), (&own, &team_path)] {
        let refused = app.inspect_backup(theirs).expect_err("the other kind");
        assert_eq!(
            refused.code(),
            ErrorCode::BackupOtherKind,
            "{}",
            theirs.display()
        );
        assert!(
            refused.message.contains(&*theirs.to_string_lossy()),
            "{}",
            refused.message
        );
    }
    assert_eq!(own.inspect_backup(&own_copy).expect("own").customers, 1);
    assert_eq!(
        team.inspect_backup(&team_copy).expect("team's").customers,
        1
    );
    drop(own);
    assert_eq!(bytes(&own_path), before, "the own book is untouched");
}
