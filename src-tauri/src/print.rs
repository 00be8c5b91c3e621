//! Printing what the window shows to a PDF, with no dialog: the quote sheet's "Save as PDF".
//!
//! On Linux the webview is WebKitGTK: a `webkit2gtk::PrintOperation` on it, given GTK print
//! settings that print to a file (GTK's "Print to File" printer, by its translated name;
//! `output-uri` the PDF's `file://` URI; format pdf; A4), prints with `print()`, which shows
//! no dialog. The page's print stylesheet (`@media print`) decides what is on the paper. The
//! operation runs on the main thread; this waits for its `finished` (or `failed`) signal, then
//! for the file.

use std::path::Path;
use std::time::Duration;

use carnet_app::AppError;
use tauri::AppHandle;

/// How long a print may take before it is given up.
const PRINT_TIMEOUT: Duration = Duration::from_secs(60);

/// Prints the main window to a PDF at `path` (replaced if it exists).
pub async fn print_to_pdf(app: AppHandle, path: String) -> Result<(), AppError> {
    let path = std::path::PathBuf::from(path);
    if path.extension().and_then(|e| e.to_str()) != Some("pdf") {
        return Err(AppError::internal(format!(
            "a PDF is saved to a .pdf file, not {}",
            path.display()
        )));
    }
    let done = start(&app, &path)?;
    tauri::async_runtime::spawn_blocking(move || wait(&done, &path))
        .await
        .map_err(AppError::internal)?
}

/// Waits for the print's outcome, then for the file to be there (the backend writes it as the
/// operation finishes).
fn wait(done: &std::sync::mpsc::Receiver<Result<(), String>>, path: &Path) -> Result<(), AppError> {
    let io_error = |detail: String| {
        AppError::new(
            carnet_app::ErrorKind::FileError {
                path: Some(path.display().to_string()),
                format: Some("pdf".into()),
                detail: detail.clone(),
            },
            format!("printing to {} failed: {detail}", path.display()),
        )
    };
    match done.recv_timeout(PRINT_TIMEOUT) {
        Ok(Ok(())) => {}
        Ok(Err(detail)) => return Err(io_error(detail)),
        Err(_) => return Err(io_error("the print did not finish".into())),
    }
    for _ in 0..100 {
        if std::fs::metadata(path).is_ok_and(|m| m.len() > 0) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err(io_error("no file was written".into()))
}

#[cfg(target_os = "linux")]
fn start(
    app: &AppHandle,
    path: &Path,
) -> Result<std::sync::mpsc::Receiver<Result<(), String>>, AppError> {
    use tauri::Manager;
    use webkit2gtk::PrintOperationExt;

    let window = app
        .get_webview_window("main")
        .ok_or_else(|| AppError::internal("no main window to print"))?;
    let absolute = std::path::absolute(path).map_err(AppError::internal)?;
    let uri = gtk::glib::filename_to_uri(&absolute, None)
        .map_err(AppError::internal)?
        .to_string();
    // The file backend will not write over a file; a PDF saved again replaces the old one.
    if absolute.exists() {
        std::fs::remove_file(&absolute).map_err(AppError::internal)?;
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    window
        .with_webview(move |platform| {
            let webview = platform.inner();
            let settings = gtk::PrintSettings::new();
            // GTK's file backend names its printer in the session's language ("打印到文件"
            // under zh_CN): the name is looked up in GTK's own translations.
            settings.set_printer(&gtk::glib::dgettext(Some("gtk30"), "Print to File"));
            settings.set(gtk::PRINT_SETTINGS_OUTPUT_FILE_FORMAT, Some("pdf"));
            settings.set(gtk::PRINT_SETTINGS_OUTPUT_URI, Some(&uri));
            let a4 = gtk::PaperSize::new(Some(gtk::PAPER_NAME_A4));
            settings.set_paper_size(&a4);
            let page = gtk::PageSetup::new();
            page.set_paper_size_and_default_margins(&a4);
            let operation = webkit2gtk::PrintOperation::new(&webview);
            operation.set_print_settings(&settings);
            operation.set_page_setup(&page);
            let failed = sender.clone();
            operation.connect_failed(move |_, error| {
                let _ = failed.send(Err(error.to_string()));
            });
            operation.connect_finished(move |_| {
                let _ = sender.send(Ok(()));
            });
            operation.print();
        })
        .map_err(AppError::internal)?;
    Ok(receiver)
}

#[cfg(not(target_os = "linux"))]
fn start(
    _app: &AppHandle,
    _path: &Path,
) -> Result<std::sync::mpsc::Receiver<Result<(), String>>, AppError> {
    Err(AppError::internal(
        "saving a PDF without a dialog needs WebKitGTK (Linux); print the sheet instead",
    ))
}
