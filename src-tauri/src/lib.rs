//! Carnet's desktop shell. The only crate that knows Tauri: it opens the book, registers
//! thin async commands that call carnet-app, and keeps one instance per book.

mod commands;
mod dialogs;
mod tray;

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use carnet_app::{App, AppError};
use tauri::Manager;

/// The open book, or why it could not be opened (shown by the UI in the user's language).
/// A damaged book can be replaced with a backup while Carnet runs, so the book is swappable.
pub(crate) struct Book {
    path: Option<PathBuf>,
    app: RwLock<Result<Arc<App>, AppError>>,
}

impl Book {
    fn open() -> (Option<PathBuf>, Book) {
        match carnet_app::default_book_path() {
            Ok(path) => {
                let app = open_at(&path);
                (
                    Some(path.clone()),
                    Book {
                        path: Some(path),
                        app: RwLock::new(app),
                    },
                )
            }
            Err(e) => (
                None,
                Book {
                    path: None,
                    app: RwLock::new(Err(e)),
                },
            ),
        }
    }

    /// The open book (or why there is none).
    pub(crate) fn app(&self) -> Result<Arc<App>, AppError> {
        self.app
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Runs a use case off the async runtime's threads (SQLite calls block).
    pub(crate) async fn run<T, F>(&self, use_case: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&App) -> Result<T, AppError> + Send + 'static,
    {
        let app = self.app()?;
        tauri::async_runtime::spawn_blocking(move || use_case(&app))
            .await
            .map_err(AppError::internal)?
    }

    /// What to tell the consultant when the book failed its check at start.
    pub(crate) fn damaged(&self) -> Option<carnet_app::DamagedBook> {
        let path = self.path.as_deref()?;
        let err = self.app().err()?;
        carnet_app::damaged_book(path, &err)
    }

    /// Sets the damaged book aside, puts the backup in its place and opens it.
    pub(crate) fn replace_with(&self, backup: &Path) -> Result<(), AppError> {
        let path = self
            .path
            .as_deref()
            .ok_or_else(|| AppError::internal("no book path"))?;
        carnet_app::replace_with_backup(path, backup)?;
        let app = open_at(path)?;
        *self
            .app
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Ok(app);
        Ok(())
    }
}

/// Opens the book and makes the day's first backup.
fn open_at(path: &Path) -> Result<Arc<App>, AppError> {
    let app = App::open_checked(path).map(Arc::new);
    match &app {
        Ok(app) => {
            if let Err(e) = app.daily_backup() {
                tracing::warn!(error = %e, "the daily backup failed");
            }
        }
        Err(e) => tracing::error!(book = %path.display(), error = %e, "cannot open the book"),
    }
    app
}

/// While Carnet runs, the first check of each day backs the book up (Carnet often stays open
/// for days in the tray); the check itself only lists the backups folder.
fn keep_daily_backups(handle: tauri::AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(std::time::Duration::from_secs(600)).await;
            let book = handle.state::<Book>();
            if let Err(e) = book.run(|app| app.daily_backup()).await {
                tracing::warn!(error = %e.message, "the daily backup failed");
            }
        }
    });
}

/// A D-Bus name for this book, so two books can be open at once but one book only once.
fn instance_id(book: Option<&Path>) -> String {
    // FNV-1a: stable across runs and builds, unlike the std hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let text = book
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{}.book{hash:016x}", carnet_app::APP_IDENTIFIER)
}

pub fn run() {
    carnet_app::logging::init("info");

    // Only the book's path here: it names this instance. The book is opened (checked,
    // migrated, backed up) in `setup`, after the single-instance plugin has handed a second
    // launch over to the running Carnet, so a second launch never touches the book.
    let canonical = carnet_app::default_book_path()
        .ok()
        .map(|p| std::fs::canonicalize(&p).unwrap_or(p));

    let app = tauri::Builder::default()
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(instance_id(canonical.as_deref()))
                .callback(|app, _argv, _cwd| {
                    if let Some(window) = app.get_webview_window("main") {
                        let _ = window.unminimize();
                        let _ = window.show();
                        let _ = window.set_focus();
                    }
                })
                .build(),
        )
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            None,
        ))
        .setup(|app| {
            let (_, book) = Book::open();
            app.manage(book);
            tray::start(app);
            keep_daily_backups(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::search_customers,
            commands::add_customer,
            commands::get_customer,
            commands::update_customer,
            commands::trash_customer,
            commands::restore_customer,
            commands::read_timeframe,
            commands::list_trash,
            commands::empty_trash,
            commands::erase_customers,
            commands::add_family_member,
            commands::update_family_member,
            commands::delete_family_member,
            commands::merge_preview,
            commands::merge_customers,
            commands::get_settings,
            commands::set_language,
            commands::set_consultant,
            commands::agenda,
            commands::brief,
            commands::complete_prompt,
            commands::snooze_prompt,
            commands::dismiss_prompt,
            commands::undo,
            commands::log_interaction,
            commands::record_order,
            commands::record_delivery,
            commands::resolve_complaint,
            commands::set_level,
            commands::get_rules,
            commands::set_rules,
            commands::restore_default_rules,
            commands::pending_notices,
            commands::mark_notified,
            commands::preview_import,
            commands::import_file,
            commands::cancel_import,
            commands::list_imports,
            commands::undo_import,
            commands::export_book,
            commands::backup_to,
            commands::list_backups,
            commands::inspect_backup,
            commands::restore_backup,
            commands::damaged_book,
            commands::replace_damaged_book,
            commands::pick_file,
            commands::pick_save_path,
        ])
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|handle, event| {
            // Give up the book's single-instance name as soon as Carnet starts to close, so
            // reopening it at once starts a new instance instead of calling the closing one.
            if let tauri::RunEvent::ExitRequested { .. } = event {
                tauri_plugin_single_instance::destroy(handle);
            }
        }),
        Err(e) => {
            tracing::error!(error = %e, "Carnet could not start");
            std::process::exit(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_book_gets_its_own_valid_instance_name() {
        let a = instance_id(Some(Path::new("/home/a/carnet.db")));
        let b = instance_id(Some(Path::new("/home/b/carnet.db")));
        assert_ne!(a, b);
        assert_eq!(a, instance_id(Some(Path::new("/home/a/carnet.db"))));
        // D-Bus names: elements of [A-Za-z0-9_], not starting with a digit, at most 255 bytes.
        for element in a.split('.') {
            assert!(!element.is_empty() && !element.starts_with(|c: char| c.is_ascii_digit()));
            assert!(
                element
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "{a}"
            );
        }
    }
}
