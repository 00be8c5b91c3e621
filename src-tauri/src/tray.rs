//! The tray and the reminders' timer. The tray shows how many prompts are due, opens Today
//! (a click, or its menu) and quits Carnet (its menu); closing the window hides it here while
//! reminders are on (`crate::Reminders`). Every minute, on a tokio timer the webview cannot
//! throttle (the window may be hidden), Rust counts what is due for the tray and, with
//! reminders on, asks the book for the notices due and sends them to the window, which shows
//! them in the consultant's words and marks them shown. Where the desktop has no tray (some
//! window managers, Xvfb), Carnet runs without one and closing the window quits.

use std::time::Duration;

use carnet_app::Language;
use tauri::menu::{Menu, MenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{App as TauriApp, AppHandle, Emitter, Manager};

use crate::{Book, Reminders};

/// How often the count and the notices are checked (also right after a wake, when the timer
/// fires late).
const EVERY: Duration = Duration::from_secs(60);
/// The first check waits this long, so that it does not compete with Today's first read.
const FIRST_AFTER: Duration = Duration::from_secs(5);

/// The tray's id, and its menu items' ids.
const TRAY: &str = "due";
const OPEN_TODAY: &str = "today";
const QUIT: &str = "quit";

/// The tooltip, in the consultant's language.
fn tooltip(language: Language, due: u64) -> String {
    match language {
        Language::ZhHans => format!("Carnet：今天待跟进 {due} 项"),
        Language::ZhHant => format!("Carnet：今天待跟進 {due} 項"),
        Language::En => format!("Carnet: {due} due today"),
    }
}

/// The menu's words, in the consultant's language: open Today, quit.
fn menu_words(language: Language) -> (&'static str, &'static str) {
    match language {
        Language::ZhHans => ("打开今天", "退出 Carnet"),
        Language::ZhHant => ("打開今天", "結束 Carnet"),
        Language::En => ("Open Today", "Quit Carnet"),
    }
}

/// Brings the window back on Today.
fn open_today(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        let _ = window.emit(carnet_app::EVENT_SHOW_TODAY, ());
    }
}

/// Builds the tray; `false` when this desktop has none.
pub(crate) fn start(app: &mut TauriApp) -> bool {
    let language = app
        .state::<Book>()
        .app()
        .and_then(|a| a.settings())
        .map(|s| s.language)
        .unwrap_or_default();
    let (today_words, quit_words) = menu_words(language);
    let menu =
        MenuItem::with_id(app, OPEN_TODAY, today_words, true, None::<&str>).and_then(|today| {
            MenuItem::with_id(app, QUIT, quit_words, true, None::<&str>)
                .and_then(|quit| Menu::with_items(app, &[&today, &quit]))
        });
    let mut builder = TrayIconBuilder::with_id(TRAY)
        .tooltip("Carnet")
        .show_menu_on_left_click(false)
        .on_menu_event(|app, event| match event.id().as_ref() {
            OPEN_TODAY => open_today(app),
            QUIT => app.exit(0),
            _ => {}
        })
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                open_today(tray.app_handle());
            }
        });
    match menu {
        Ok(menu) => builder = builder.menu(&menu),
        Err(e) => tracing::warn!(error = %e, "no tray menu"),
    }
    if let Some(icon) = app.default_window_icon().cloned() {
        builder = builder.icon(icon);
    }
    match builder.build(app) {
        Ok(_) => true,
        Err(e) => {
            tracing::warn!(error = %e, "no tray icon on this desktop");
            false
        }
    }
}

/// The minute-by-minute timer: the tray's count, and the notices due while reminders are on.
pub(crate) fn remind(handle: AppHandle) {
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(FIRST_AFTER).await;
        loop {
            tick(&handle).await;
            tokio::time::sleep(EVERY).await;
        }
    });
}

async fn tick(handle: &AppHandle) {
    let book = handle.state::<Book>();
    if let Some(tray) = handle.tray_by_id(TRAY) {
        // Counted while locked too: a count names no one.
        let counted = book
            .run_even_locked(|app| Ok((app.settings()?.language, app.due_count()?)))
            .await;
        match counted {
            Ok((language, due)) => {
                let _ = tray.set_tooltip(Some(tooltip(language, due)));
                let _ = tray.set_title(Some(if due > 0 {
                    due.to_string()
                } else {
                    String::new()
                }));
            }
            Err(e) => tracing::warn!(error = %e.message, "could not count the due prompts"),
        }
    }
    if handle.state::<Reminders>().is_on() {
        // While locked: that something is due, and nothing of whom.
        let notices = if book.is_locked() {
            book.run_even_locked(|app| app.pending_notices_masked())
                .await
        } else {
            book.run(|app| app.pending_notices()).await
        };
        match notices {
            Ok(notices) if !notices.is_empty() => {
                if let Some(window) = handle.get_webview_window("main") {
                    let _ = window.emit(carnet_app::EVENT_NOTICES, notices);
                }
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e.message, "could not read the notices due"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tooltip_speaks_each_language() {
        assert_eq!(tooltip(Language::ZhHans, 3), "Carnet：今天待跟进 3 项");
        assert_eq!(tooltip(Language::ZhHant, 3), "Carnet：今天待跟進 3 項");
        assert_eq!(tooltip(Language::En, 0), "Carnet: 0 due today");
    }

    #[test]
    fn the_menu_speaks_each_language() {
        assert_eq!(menu_words(Language::ZhHans), ("打开今天", "退出 Carnet"));
        assert_eq!(menu_words(Language::ZhHant), ("打開今天", "結束 Carnet"));
        assert_eq!(menu_words(Language::En), ("Open Today", "Quit Carnet"));
    }
}
