//! The tray icon: how many prompts are due, checked every minute; a click brings the window
//! back. Where the desktop has no tray (some window managers, Xvfb), Carnet runs without one.

use std::time::Duration;

use carnet_app::Language;
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{App as TauriApp, Manager};

use crate::Book;

/// How often the count is checked (also right after a wake, when the timer fires late).
const EVERY: Duration = Duration::from_secs(60);

/// The tooltip, in the consultant's language.
fn tooltip(language: Language, due: u64) -> String {
    match language {
        Language::ZhHans => format!("Carnet：今天待跟进 {due} 项"),
        Language::ZhHant => format!("Carnet：今天待跟進 {due} 項"),
        Language::En => format!("Carnet: {due} due today"),
    }
}

pub(crate) fn start(app: &mut TauriApp) {
    let mut builder = TrayIconBuilder::with_id("due")
        .tooltip("Carnet")
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
                && let Some(window) = tray.app_handle().get_webview_window("main")
            {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        });
    if let Some(icon) = app.default_window_icon().cloned() {
        builder = builder.icon(icon);
    }
    let tray = match builder.build(app) {
        Ok(tray) => tray,
        Err(e) => {
            tracing::warn!(error = %e, "no tray icon on this desktop");
            return;
        }
    };
    let handle = app.handle().clone();
    tauri::async_runtime::spawn(async move {
        loop {
            let book = handle.state::<Book>();
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
            tokio::time::sleep(EVERY).await;
        }
    });
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
}
