//! Carnet's desktop shell. The only crate that knows Tauri: it opens the book, registers
//! thin async commands that call carnet-app, and keeps one instance per book.

mod commands;
mod tray;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use carnet_app::{App, AppError};
use tauri::Manager;

/// The open book, or why it could not be opened (shown by the UI in the user's language).
pub(crate) struct Book {
    app: Result<Arc<App>, AppError>,
}

impl Book {
    fn open() -> (Option<PathBuf>, Book) {
        match carnet_app::default_book_path() {
            Ok(path) => {
                let app = App::open(&path).map(Arc::new);
                if let Err(e) = &app {
                    tracing::error!(book = %path.display(), error = %e, "cannot open the book");
                }
                (Some(path), Book { app })
            }
            Err(e) => (None, Book { app: Err(e) }),
        }
    }

    /// Runs a use case off the async runtime's threads (SQLite calls block).
    pub(crate) async fn run<T, F>(&self, use_case: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&App) -> Result<T, AppError> + Send + 'static,
    {
        let app = self.app.clone()?;
        tauri::async_runtime::spawn_blocking(move || use_case(&app))
            .await
            .map_err(AppError::internal)?
    }
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

    let (path, book) = Book::open();
    let canonical = path
        .as_deref()
        .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned()));

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
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            None,
        ))
        .setup(|app| {
            tray::start(app);
            Ok(())
        })
        .manage(book)
        .invoke_handler(tauri::generate_handler![
            commands::search_customers,
            commands::add_customer,
            commands::get_customer,
            commands::update_customer,
            commands::trash_customer,
            commands::restore_customer,
            commands::list_trash,
            commands::empty_trash,
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
