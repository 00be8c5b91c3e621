//! Carnet's desktop shell. The only crate that knows Tauri: it opens the book, registers
//! thin async commands that call carnet-app, and keeps one instance per book.

mod commands;
mod dialogs;
mod print;
mod tray;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use carnet_app::{App, AppError, ErrorCode, Passphrase};
use tauri::Manager;

/// The open book, or why it could not be opened (shown by the UI in the user's language).
/// A damaged book can be replaced with a backup while Carnet runs, so the book is swappable.
///
/// A book with a passphrase starts locked (it cannot be opened without it), and locks again
/// after the consultant's idle minutes or on "lock now": while locked, every command that
/// goes through [`Book::run`] is refused as `locked`, so the window gets nothing of the book.
pub(crate) struct Book {
    path: Option<PathBuf>,
    app: RwLock<Result<Arc<App>, AppError>>,
    locked: AtomicBool,
    /// The passphrase given at start, kept only while the book could not be opened for
    /// another reason (a damaged book: its backups are read with it).
    key: Mutex<Option<Passphrase>>,
}

impl Book {
    /// Opens the book with no more than Today needs: the check, the day's backup and the
    /// day's rollover wait for the window's `catch_up`, once Today is on screen.
    fn open() -> (Option<PathBuf>, Book) {
        match carnet_app::default_book_path() {
            Ok(path) => {
                let app = open_at(&path, None);
                (
                    Some(path.clone()),
                    Book {
                        path: Some(path),
                        app: RwLock::new(app),
                        locked: AtomicBool::new(false),
                        key: Mutex::new(None),
                    },
                )
            }
            Err(e) => (
                None,
                Book {
                    path: None,
                    app: RwLock::new(Err(e)),
                    locked: AtomicBool::new(false),
                    key: Mutex::new(None),
                },
            ),
        }
    }

    /// The open book (or why there is none); `locked` while the app is locked.
    pub(crate) fn app(&self) -> Result<Arc<App>, AppError> {
        if self.locked.load(Ordering::SeqCst) {
            return Err(AppError::locked());
        }
        self.app_even_locked()
    }

    /// The open book even while the app is locked: for what a locked window may show (how
    /// many are due), never for anything about a customer.
    pub(crate) fn app_even_locked(&self) -> Result<Arc<App>, AppError> {
        self.app
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Whether the app is locked: locked after idling, or a book with a passphrase not yet
    /// given.
    pub(crate) fn is_locked(&self) -> bool {
        self.locked.load(Ordering::SeqCst)
            || matches!(&self.app_even_locked(), Err(e) if e.code() == ErrorCode::Locked)
    }

    /// Runs `use_case` even while the app is locked (see [`Book::app_even_locked`]).
    pub(crate) async fn run_even_locked<T, F>(&self, use_case: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&App) -> Result<T, AppError> + Send + 'static,
    {
        let app = self.app_even_locked()?;
        blocking(move || use_case(&app)).await
    }

    /// Locks the app, when the book has a passphrase (a plain book has nothing to lock with).
    pub(crate) fn lock(&self) -> Result<(), AppError> {
        let app = self.app_even_locked()?;
        if app.privacy()?.encrypted {
            self.locked.store(true, Ordering::SeqCst);
            tracing::info!("locked");
        }
        Ok(())
    }

    /// Unlocks the app with the book's passphrase, or opens the book with it at start. A
    /// wrong one is refused (`wrong_passphrase`) and nothing changes.
    pub(crate) fn unlock(&self, passphrase: &str) -> Result<(), AppError> {
        match self.app_even_locked() {
            Ok(app) => {
                app.check_passphrase(passphrase)?;
                self.locked.store(false, Ordering::SeqCst);
            }
            Err(e) if e.code() == ErrorCode::Locked => {
                let path = self
                    .path
                    .as_deref()
                    .ok_or_else(|| AppError::internal("no book path"))?;
                let key = Passphrase::new(passphrase);
                let opened = open_at(path, Some(&key));
                if let Err(e) = &opened
                    && matches!(e.code(), ErrorCode::WrongPassphrase | ErrorCode::Locked)
                {
                    return Err(AppError::wrong_passphrase("passphrase"));
                }
                // Kept for a book that opened but failed its check: its backups are read with it.
                *self.key.lock().unwrap_or_else(|p| p.into_inner()) =
                    opened.is_err().then_some(key);
                *self
                    .app
                    .write()
                    .unwrap_or_else(|poisoned| poisoned.into_inner()) = opened;
                self.locked.store(false, Ordering::SeqCst);
            }
            Err(_) => {}
        }
        tracing::info!("unlocked");
        Ok(())
    }

    /// Runs a use case off the async runtime's threads (SQLite calls block).
    pub(crate) async fn run<T, F>(&self, use_case: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&App) -> Result<T, AppError> + Send + 'static,
    {
        let app = self.app()?;
        blocking(move || use_case(&app)).await
    }

    /// What to tell the consultant when the book failed its check at start.
    pub(crate) fn damaged(&self) -> Option<carnet_app::DamagedBook> {
        let path = self.path.as_deref()?;
        let err = self.app().err()?;
        let key = self.key.lock().unwrap_or_else(|p| p.into_inner()).clone();
        carnet_app::damaged_book_with(path, &err, key.as_ref())
    }

    /// After the check that runs once Today is shown: a damaged book becomes the book's
    /// state, so the window offers its backups as when the check ran before opening.
    pub(crate) fn failed_check(&self, error: &AppError) {
        if error.code() == carnet_app::ErrorCode::DamagedBook {
            tracing::error!(error = %error, "the book failed its check");
            *self
                .app
                .write()
                .unwrap_or_else(|poisoned| poisoned.into_inner()) = Err(error.clone());
        }
    }

    /// Sets the damaged book aside, puts the backup in its place and opens it.
    pub(crate) fn replace_with(&self, backup: &Path) -> Result<(), AppError> {
        let path = self
            .path
            .as_deref()
            .ok_or_else(|| AppError::internal("no book path"))?;
        let key = self.key.lock().unwrap_or_else(|p| p.into_inner()).clone();
        carnet_app::replace_with_backup_keyed(path, backup, key.as_ref())?;
        let app = open_at(path, key.as_ref())?;
        *self
            .app
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Ok(app);
        Ok(())
    }
}

/// The manager's team book beside the book (`team.db`), opened when first asked for: a book
/// of its own, built from the consultants' exports, never the consultant's book.
#[derive(Default)]
pub(crate) struct Team {
    app: Arc<std::sync::Mutex<Option<Arc<App>>>>,
}

impl Team {
    /// The team book's slot, for [`TeamSlot::closed`] on a blocking thread.
    pub(crate) fn slot(&self) -> TeamSlot {
        TeamSlot(Arc::clone(&self.app))
    }

    /// Runs a use case on the team book; `create` opens (and so creates) it when there is
    /// none yet, else `None` answers for a team book that was never built.
    pub(crate) async fn run<T, F>(
        &self,
        book: &Book,
        create: bool,
        use_case: F,
    ) -> Result<Option<T>, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&App) -> Result<T, AppError> + Send + 'static,
    {
        // Asked first, whether the team book is open or not: a locked app answers nothing.
        let own = book.app()?;
        let slot = Arc::clone(&self.app);
        // The team book is opened (and, beside an encrypted book, maybe converted) on the
        // blocking thread, as the use case runs, the slot held meanwhile so that it is opened
        // once.
        blocking(move || {
            let app = {
                let mut slot = slot.lock().unwrap_or_else(|p| p.into_inner());
                match slot.as_ref() {
                    Some(app) => Some(app.clone()),
                    None => {
                        // Under the book's passphrase (see `App::open_team_book`).
                        let app = own.open_team_book(create)?.map(Arc::new);
                        slot.clone_from(&app);
                        app
                    }
                }
            };
            app.map(|app| use_case(&app)).transpose()
        })
        .await
    }
}

/// The team book's slot, carried to a blocking thread.
pub(crate) struct TeamSlot(Arc<std::sync::Mutex<Option<Arc<App>>>>);

impl TeamSlot {
    /// Runs `work` with the team book closed, and kept closed until it returns (no team
    /// question opens it meanwhile): the book's change of passphrase converts it as a file.
    /// Taken before the book's own locks, as `Team::run` takes it.
    pub(crate) fn closed<T>(&self, work: impl FnOnce() -> T) -> T {
        let mut slot = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *slot = None;
        work()
    }
}

/// Runs blocking work (SQLite, files) off the async runtime's threads.
///
/// The work and its answer cross to the blocking thread boxed, so that every command shares
/// one kind of blocking task ([`Work`]): a task of each command's own closure type would be
/// compiled once per command (tokio's task code, a few KB each, for ~100 commands).
pub(crate) async fn blocking<T, F>(work: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, AppError> + Send + 'static,
{
    let answer = on_blocking_thread(Box::new(move || Box::new(work()))).await?;
    match answer.downcast::<Result<T, AppError>>() {
        Ok(answer) => *answer,
        Err(_) => Err(AppError::internal(
            "a blocking task answered with another type",
        )),
    }
}

/// Blocking work, its answer boxed (see [`blocking`]).
type Work = Box<dyn FnOnce() -> Box<dyn std::any::Any + Send> + Send>;

/// The one blocking task of every command. A panic in the work is an internal error.
async fn on_blocking_thread(work: Work) -> Result<Box<dyn std::any::Any + Send>, AppError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(AppError::internal)
}

/// Registers the commands `handlers.rs` lists (in carnet-app's table order), and names them
/// for the test that holds the list to the table.
macro_rules! handlers {
    ($($name:ident),* $(,)?) => {
        /// The commands registered with Tauri.
        #[cfg(test)]
        const HANDLERS: &[&str] = &[$(stringify!($name)),*];

        /// Tauri's handler for every command.
        fn invoke_handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(commands::$name),*]
        }
    };
}
include!("handlers.rs");

/// Opens the book (with its passphrase, when it has one) with no more than Today needs: the
/// check, the day's backup and the day's rollover wait for the window's `catch_up`, once
/// Today is on screen (see [`App::open_deferred`]).
fn open_at(path: &Path, key: Option<&Passphrase>) -> Result<Arc<App>, AppError> {
    let app = App::open_deferred_keyed(path, key).map(Arc::new);
    if let Err(e) = &app {
        tracing::error!(book = %path.display(), error = %e, "cannot open the book");
    }
    app
}

/// While Carnet runs (it often stays open for days in the tray), every ten minutes: the
/// day's first backup and rollover on a new day, and any prompts still stale (a change of
/// the rules the window did not finish). Most checks only list the backups folder and find
/// no stale customer.
fn keep_up(handle: tauri::AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(std::time::Duration::from_secs(600)).await;
            let book = handle.state::<Book>();
            // While locked too: the backup is encrypted as the book is, and the rollover shows
            // nothing of the book.
            if let Err(e) = book.run_even_locked(|app| app.catch_up(&mut |_| {})).await {
                tracing::warn!(error = %e.message, "the background work failed");
                book.failed_check(&e);
            }
        }
    });
}

/// Makes today's plan while the window loads: on a new day's first start the plan is made
/// (about a tenth of a second for 100,000 customers) before the page asks for it, and the
/// pages Today reads are in SQLite's cache. The page's own `today_plan` then reads it as made
/// (or waits for the book while it is being made). Nothing of it reaches the window, so a
/// locked app makes it too, as the tray counts what is due.
fn prepare_today(handle: tauri::AppHandle) {
    tauri::async_runtime::spawn(async move {
        // No book open yet (its passphrase not given, or damaged): the window says why.
        let Ok(app) = handle.state::<Book>().app_even_locked() else {
            return;
        };
        if let Err(e) = blocking(move || app.today_plan().map(drop)).await {
            tracing::warn!(error = %e.message, "today's plan was not made ahead");
        }
    });
}

/// When the process started, and whether Today has been reported usable yet.
pub(crate) struct Started {
    /// The process's age when `run` began (Linux: from /proc), plus the instant then.
    before_run: std::time::Duration,
    at: std::time::Instant,
    shown: std::sync::atomic::AtomicBool,
}

impl Started {
    fn now() -> Started {
        Started {
            before_run: process_age().unwrap_or_default(),
            at: std::time::Instant::now(),
            shown: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// The window's first Today: logs `ready_ms=…` once, and quits right after when
    /// `carnet bench` asked for it (`CARNET_QUIT_WHEN_READY`).
    pub(crate) fn today_shown(&self, app: &tauri::AppHandle) {
        if self.shown.swap(true, std::sync::atomic::Ordering::SeqCst) {
            return;
        }
        let ms = (self.before_run + self.at.elapsed()).as_millis();
        tracing::info!("{}={ms}", carnet_app::READY_FIELD);
        if std::env::var_os(carnet_app::QUIT_WHEN_READY_ENV).is_some() {
            app.exit(0);
        }
    }
}

/// How long ago this process started (Linux: field 22 of /proc/self/stat, in clock ticks,
/// against the system's uptime).
fn process_age() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name may hold spaces and parentheses: count fields after the last ')'.
    let after = stat.rsplit_once(')')?.1;
    let start_ticks: f64 = after.split_whitespace().nth(19)?.parse().ok()?;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    // Linux reports starttime in USER_HZ, which is 100 on every architecture it runs on.
    let age = uptime - start_ticks / 100.0;
    (age >= 0.0).then(|| std::time::Duration::from_secs_f64(age))
}

/// Whether reminders are on (closing the window then keeps Carnet in the tray), as the
/// settings say; kept here so the close button needs no trip to the book.
#[derive(Default)]
pub(crate) struct Reminders {
    on: std::sync::atomic::AtomicBool,
    /// Whether the desktop has a tray to come back from.
    tray: std::sync::atomic::AtomicBool,
}

impl Reminders {
    pub(crate) fn set(&self, on: bool) {
        self.on.store(on, std::sync::atomic::Ordering::SeqCst);
    }

    pub(crate) fn is_on(&self) -> bool {
        self.on.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn on_close(&self) -> OnClose {
        on_close(
            self.on.load(std::sync::atomic::Ordering::SeqCst),
            self.tray.load(std::sync::atomic::Ordering::SeqCst),
        )
    }
}

/// What closing the main window does.
#[derive(Debug, PartialEq, Eq)]
enum OnClose {
    /// Hide it: Carnet stays in the tray and keeps reminding.
    Hide,
    /// Quit.
    Quit,
}

/// Closing hides the window while reminders are on and there is a tray to come back from;
/// otherwise it quits (a hidden window with no tray could only be found by starting again).
fn on_close(reminders: bool, tray: bool) -> OnClose {
    if reminders && tray {
        OnClose::Hide
    } else {
        OnClose::Quit
    }
}

/// What of the window comes back at the next start (`tauri-plugin-window-state`, kept in the
/// app's config folder): its size, place and maximised state, not whether it was hidden in
/// the tray (Carnet always opens shown).
fn window_state() -> tauri_plugin_window_state::StateFlags {
    use tauri_plugin_window_state::StateFlags;
    StateFlags::all() - StateFlags::VISIBLE
}

/// How long the window must stay still before its size and place are written down.
const WINDOW_STILL: std::time::Duration = std::time::Duration::from_millis(500);

/// Moves and resizes of the window so far: a save waits until they stop.
#[derive(Default)]
struct WindowMoves(AtomicU64);

/// Writes the window's size and place down once it has stayed still a moment (a drag is many
/// moves). The plugin would write them only when Carnet quits: a session that ends with
/// Carnet in the tray, or Carnet killed, would lose them.
fn keep_window_state(app: &tauri::AppHandle) {
    let Some(moves) = app.try_state::<WindowMoves>() else {
        return;
    };
    let this = moves.0.fetch_add(1, Ordering::SeqCst) + 1;
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(WINDOW_STILL).await;
        if app.state::<WindowMoves>().0.load(Ordering::SeqCst) != this {
            return;
        }
        use tauri_plugin_window_state::AppHandleExt;
        if let Err(e) = app.save_window_state(window_state()) {
            tracing::warn!(error = %e, "the window's size and place were not kept");
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

/// The variable that has WebKitGTK paint pages with Skia on the CPU instead of through GL
/// (the layers are still composited as before).
const CPU_PAINTING_ENV: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/// Has WebKit paint Carnet's pages on the CPU, unless the variable is set already (then its
/// value stands). Carnet's screens are text and boxes: with a machine's GL done in software
/// (no GPU driver, a virtual machine, Xvfb), painting through GL kept glyph atlases and
/// textures that cost 35 MiB with Today shown on the 100,000-customer book, and Today came
/// no later without them (`carnet bench --start-only`). Set before any thread exists: the
/// web process WebKit starts inherits it, and nothing reads the environment meanwhile.
/// Why the variable could not be set, if it could not.
fn paint_on_the_cpu() -> Option<String> {
    #[cfg(target_os = "linux")]
    if std::env::var_os(CPU_PAINTING_ENV).is_none() {
        return gtk::glib::setenv(CPU_PAINTING_ENV, "1", false)
            .err()
            .map(|e| e.to_string());
    }
    None
}

pub fn run() {
    let painting = paint_on_the_cpu();
    let started = Started::now();
    carnet_app::logging::init("info");
    if let Some(e) = painting {
        tracing::warn!(error = %e, "{CPU_PAINTING_ENV} could not be set: WebKit paints through GL");
    }

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
        .plugin(
            tauri_plugin_window_state::Builder::new()
                .with_state_flags(window_state())
                .build(),
        )
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            None,
        ))
        .setup(move |app| {
            let (_, book) = Book::open();
            let reminders = Reminders::default();
            reminders.set(
                book.app()
                    .and_then(|a| a.settings())
                    .is_ok_and(|s| s.reminders),
            );
            app.manage(book);
            prepare_today(app.handle().clone());
            app.manage(Team::default());
            app.manage(WindowMoves::default());
            app.manage(started);
            reminders
                .tray
                .store(tray::start(app), std::sync::atomic::Ordering::SeqCst);
            app.manage(reminders);
            tray::remind(app.handle().clone());
            keep_up(app.handle().clone());
            Ok(())
        })
        .on_window_event(|window, event| match event {
            tauri::WindowEvent::CloseRequested { api, .. }
                if window.label() == "main"
                    && window.state::<Reminders>().on_close() == OnClose::Hide =>
            {
                api.prevent_close();
                let _ = window.hide();
            }
            tauri::WindowEvent::Moved(_) | tauri::WindowEvent::Resized(_)
                if window.label() == "main" =>
            {
                keep_window_state(window.app_handle());
            }
            _ => {}
        })
        .invoke_handler(invoke_handler())
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
    use carnet_app::commands::{COMMANDS, CommandSpec};

    #[test]
    fn blocking_work_answers_its_own_value_and_a_panic_is_an_internal_error() {
        let answer = tauri::async_runtime::block_on(blocking(|| Ok(vec![1u32, 2, 3])));
        assert_eq!(answer.ok(), Some(vec![1, 2, 3]));
        let refused: Result<String, AppError> =
            tauri::async_runtime::block_on(blocking(|| Err(AppError::not_found("c1"))));
        assert_eq!(refused.err().map(|e| e.code()), Some(ErrorCode::NotFound));
        let panicked: Result<u8, AppError> =
            tauri::async_runtime::block_on(blocking(|| panic!("a bad file")));
        assert_eq!(panicked.err().map(|e| e.code()), Some(ErrorCode::Internal));
    }

    #[test]
    fn the_team_book_answers_nothing_while_the_app_is_locked() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("carnet.db");
        let app = App::open(&path).expect("open");
        let book = Book {
            path: Some(path),
            app: RwLock::new(Ok(Arc::new(app))),
            locked: AtomicBool::new(false),
            key: Mutex::new(None),
        };
        let team = Team::default();
        let ask = |create| {
            tauri::async_runtime::block_on(team.run(&book, create, |app| app.shared_customers()))
        };
        assert_eq!(ask(false).expect("no team book yet").map(|s| s.len()), None);
        assert_eq!(ask(true).expect("made").map(|s| s.len()), Some(0));
        book.locked.store(true, Ordering::SeqCst);
        // Open already, the team book is still refused while the app is locked.
        let refused = ask(false).err().map(|e| e.code());
        assert_eq!(refused, Some(ErrorCode::Locked));
        book.locked.store(false, Ordering::SeqCst);
        team.slot().closed(|| ());
        assert_eq!(ask(false).expect("opened again").map(|s| s.len()), Some(0));
    }

    #[test]
    fn the_registered_commands_are_the_command_table() {
        assert_eq!(HANDLERS, carnet_app::commands::names().as_slice());
    }

    #[test]
    fn the_window_may_call_every_command_and_no_other_of_ours() {
        let capabilities = include_str!("../capabilities/default.json");
        let allowed: Vec<String> = capabilities
            .split('"')
            .filter(|word| word.starts_with("allow-"))
            .map(str::to_owned)
            .collect();
        let wanted: Vec<String> = HANDLERS
            .iter()
            .map(|name| format!("allow-{}", name.replace('_', "-")))
            .collect();
        assert_eq!(allowed, wanted, "capabilities/default.json");
    }

    /// A command as commands.rs declares it: its name, the arguments the UI passes (name and
    /// type, spaces removed) and the result's type.
    #[derive(Debug, PartialEq)]
    struct Signature {
        name: String,
        args: Vec<(String, String)>,
        result: String,
    }

    /// Splits `text` at `separator` where no bracket is open.
    fn split_top(text: &str, separator: char) -> Vec<String> {
        let mut parts = vec![String::new()];
        let mut depth = 0i32;
        for c in text.chars() {
            match c {
                '<' | '(' | '[' => depth += 1,
                '>' | ')' | ']' => depth -= 1,
                _ => {}
            }
            if c == separator && depth == 0 {
                parts.push(String::new());
            } else if let Some(last) = parts.last_mut() {
                last.push(c);
            }
        }
        parts
            .into_iter()
            .map(|p| p.split_whitespace().collect::<String>())
            .filter(|p| !p.is_empty())
            .collect()
    }

    /// Reads every `#[tauri::command]` of commands.rs. Arguments Tauri fills itself (the book's
    /// `State`, the `AppHandle`) are left out.
    fn signatures(source: &str) -> Vec<Signature> {
        source
            .split("#[tauri::command]")
            .skip(1)
            .map(|item| {
                let after = item
                    .split_once("pub async fn ")
                    .expect("a command is a pub async fn")
                    .1;
                let (name, rest) = after.split_once('(').expect("an argument list");
                let mut depth = 1;
                let end = rest
                    .char_indices()
                    .find(|&(_, c)| {
                        match c {
                            '(' => depth += 1,
                            ')' => depth -= 1,
                            _ => {}
                        }
                        depth == 0
                    })
                    .expect("the argument list ends")
                    .0;
                let args = split_top(&rest[..end], ',')
                    .into_iter()
                    .map(|arg| {
                        let (name, ty) = arg.split_once(':').expect("name: Type");
                        (name.to_owned(), ty.to_owned())
                    })
                    .filter(|(_, ty)| !ty.starts_with("State<") && ty != "AppHandle")
                    .collect();
                let result = rest[end + 1..]
                    .split_once('{')
                    .expect("a body")
                    .0
                    .split_whitespace()
                    .collect::<String>();
                Signature {
                    name: name.trim().to_owned(),
                    args,
                    result: result.trim_start_matches("->").to_owned(),
                }
            })
            .collect()
    }

    /// What the table says the command's signature is.
    fn expected(spec: &CommandSpec) -> Signature {
        let bare = |rust: &str| rust.split_whitespace().collect::<String>();
        let mut args: Vec<_> = spec
            .args
            .iter()
            .map(|a| (a.name.to_owned(), bare(a.ty.rust)))
            .collect();
        if let Some(progress) = spec.progress {
            args.push((
                CommandSpec::PROGRESS_ARG.to_owned(),
                format!("Channel<{}>", bare(progress.rust)),
            ));
        }
        Signature {
            name: spec.name.to_owned(),
            args,
            result: format!("Result<{},AppError>", bare(spec.result.rust)),
        }
    }

    #[test]
    fn each_command_takes_and_answers_what_the_table_says() {
        let declared = signatures(include_str!("commands.rs"));
        let table: Vec<_> = COMMANDS.iter().map(expected).collect();
        for want in &table {
            let found = declared.iter().find(|d| d.name == want.name);
            assert_eq!(
                found,
                Some(want),
                "commands.rs and carnet-app's table differ"
            );
        }
        assert_eq!(declared.len(), table.len(), "a command is not in the table");
    }

    #[test]
    fn signatures_are_read_as_written() {
        let source = "#[tauri::command]\npub async fn merge(\n    book: State<'_, Book>,\n    ids: Vec<String>,\n    on_progress: Channel<EraseProgress>,\n) -> Result<Option<Brief>, AppError> {\n    todo()\n}\n#[tauri::command]\npub async fn pick(app: AppHandle, kind: OpenKind) -> Result<(), AppError> {}";
        assert_eq!(
            signatures(source),
            [
                Signature {
                    name: "merge".into(),
                    args: vec![
                        ("ids".into(), "Vec<String>".into()),
                        ("on_progress".into(), "Channel<EraseProgress>".into()),
                    ],
                    result: "Result<Option<Brief>,AppError>".into(),
                },
                Signature {
                    name: "pick".into(),
                    args: vec![("kind".into(), "OpenKind".into())],
                    result: "Result<(),AppError>".into(),
                },
            ]
        );
    }

    #[test]
    fn closing_hides_to_the_tray_only_while_reminders_are_on_and_there_is_a_tray() {
        assert_eq!(on_close(true, true), OnClose::Hide);
        assert_eq!(on_close(false, true), OnClose::Quit);
        assert_eq!(
            on_close(true, false),
            OnClose::Quit,
            "no tray to come back from"
        );
        assert_eq!(on_close(false, false), OnClose::Quit);
        let reminders = Reminders::default();
        assert_eq!(reminders.on_close(), OnClose::Quit);
        reminders.set(true);
        reminders
            .tray
            .store(true, std::sync::atomic::Ordering::SeqCst);
        assert_eq!(reminders.on_close(), OnClose::Hide);
        reminders.set(false);
        assert_eq!(reminders.on_close(), OnClose::Quit);
    }

    #[test]
    fn the_process_knows_its_age() {
        let age = process_age().expect("Linux's /proc");
        assert!(age < std::time::Duration::from_secs(3600), "{age:?}");
    }

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
