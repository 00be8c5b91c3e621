//! File dialogs, asked from Rust (the UI gets only a path back, and does no file IO).
//!
//! In the end-to-end build (feature `e2e`) they are answered from the environment instead,
//! since WebDriver cannot reach a GTK dialog: `CARNET_E2E_OPEN` is the file "picked" (or,
//! when `CARNET_E2E_OPEN_FROM` names a file, the path written in it, which a test rewrites
//! between dialogs), and a save goes to `CARNET_E2E_SAVE_DIR` under the suggested name.

use carnet_app::AppError;
use carnet_app::commands::{OpenKind, SaveKind};
use tauri::AppHandle;

/// The filters of an open dialog.
fn open_filters(kind: OpenKind) -> Vec<(&'static str, &'static [&'static str])> {
    match kind {
        OpenKind::Backup => vec![("Carnet", &["db"])],
        OpenKind::Team => vec![("Carnet JSON / Excel", &["json", "xlsx"])],
        OpenKind::Import => vec![(
            "Excel / CSV / vCard / Carnet",
            &["xlsx", "xls", "ods", "csv", "txt", "vcf", "json"],
        )],
    }
}

/// The name of a save dialog's filter.
fn save_filter(kind: SaveKind) -> &'static str {
    match kind {
        SaveKind::Backup => "Carnet",
        SaveKind::Export => "Export",
        SaveKind::Report => "Excel",
        SaveKind::Chart => "PNG",
        SaveKind::Pdf => "PDF",
    }
}

#[cfg(not(feature = "e2e"))]
pub async fn pick_files(app: AppHandle, kind: OpenKind) -> Result<Vec<String>, AppError> {
    use tauri_plugin_dialog::DialogExt;
    tauri::async_runtime::spawn_blocking(move || {
        let mut dialog = app.dialog().file();
        for (name, extensions) in open_filters(kind) {
            dialog = dialog.add_filter(name, extensions);
        }
        dialog
            .blocking_pick_files()
            .unwrap_or_default()
            .into_iter()
            .map(|p| p.into_path().map(|p| p.display().to_string()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(AppError::internal)
    })
    .await
    .map_err(AppError::internal)?
}

#[cfg(not(feature = "e2e"))]
pub async fn pick_file(app: AppHandle, kind: OpenKind) -> Result<Option<String>, AppError> {
    use tauri_plugin_dialog::DialogExt;
    tauri::async_runtime::spawn_blocking(move || {
        let mut dialog = app.dialog().file();
        for (name, extensions) in open_filters(kind) {
            dialog = dialog.add_filter(name, extensions);
        }
        dialog
            .blocking_pick_file()
            .map(|p| p.into_path().map(|p| p.display().to_string()))
            .transpose()
            .map_err(AppError::internal)
    })
    .await
    .map_err(AppError::internal)?
}

#[cfg(not(feature = "e2e"))]
pub async fn pick_save_path(
    app: AppHandle,
    kind: SaveKind,
    name: String,
) -> Result<Option<String>, AppError> {
    use tauri_plugin_dialog::DialogExt;
    tauri::async_runtime::spawn_blocking(move || {
        let extension = name.rsplit('.').next().unwrap_or("").to_owned();
        let mut dialog = app.dialog().file().set_file_name(&name);
        if !extension.is_empty() {
            dialog = dialog.add_filter(save_filter(kind), &[extension.as_str()]);
        }
        dialog
            .blocking_save_file()
            .map(|p| p.into_path().map(|p| p.display().to_string()))
            .transpose()
            .map_err(AppError::internal)
    })
    .await
    .map_err(AppError::internal)?
}

#[cfg(feature = "e2e")]
pub async fn pick_file(_app: AppHandle, kind: OpenKind) -> Result<Option<String>, AppError> {
    let _ = open_filters(kind);
    if let Ok(from) = std::env::var("CARNET_E2E_OPEN_FROM") {
        let path = std::fs::read_to_string(from).map_err(AppError::internal)?;
        return Ok(Some(path.trim().to_owned()).filter(|p| !p.is_empty()));
    }
    Ok(std::env::var("CARNET_E2E_OPEN").ok())
}

#[cfg(feature = "e2e")]
pub async fn pick_files(_app: AppHandle, kind: OpenKind) -> Result<Vec<String>, AppError> {
    let _ = open_filters(kind);
    Ok(std::env::var("CARNET_E2E_OPEN_MANY")
        .map(|list| list.split('\n').map(str::to_owned).collect())
        .unwrap_or_default())
}

#[cfg(feature = "e2e")]
pub async fn pick_save_path(
    _app: AppHandle,
    kind: SaveKind,
    name: String,
) -> Result<Option<String>, AppError> {
    let _ = save_filter(kind);
    Ok(std::env::var("CARNET_E2E_SAVE_DIR")
        .ok()
        .map(|dir| std::path::Path::new(&dir).join(name).display().to_string()))
}
