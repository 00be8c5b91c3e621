//! A book's passphrase on the command line: asked for with no echo (or read from
//! `CARNET_PASSPHRASE` in scripts), and `carnet passphrase set|change|remove|status`.

use std::path::Path;

use carnet_app::{App, AppError, ErrorKind, FileKind, PASSPHRASE_ENV, Passphrase};

use crate::args::PassphraseCommand;
use crate::messages::{self, Ask, Lang};

/// Where scripts give a new passphrase (`carnet passphrase set|change`).
pub(crate) const NEW_PASSPHRASE_ENV: &str = "CARNET_NEW_PASSPHRASE";

/// The passphrase to open the book at `path` with: none for a plain or a new book.
pub(crate) fn key_for(path: &Path, lang: Lang) -> Result<Option<Passphrase>, AppError> {
    if carnet_app::book_file_kind(path)? != FileKind::Encrypted {
        return Ok(None);
    }
    ask(lang, Ask::Current, PASSPHRASE_ENV)
        .map(|p| Some(Passphrase::new(p)))
        .ok_or_else(AppError::locked)
}

/// The passphrase from `env`, else typed at the terminal with no echo; `None` when there is
/// neither (a script whose input is not a terminal never waits for one).
fn ask(lang: Lang, what: Ask, env: &str) -> Option<String> {
    if let Ok(text) = std::env::var(env) {
        return Some(text);
    }
    if !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return None;
    }
    rpassword::prompt_password(messages::passphrase_prompt(lang, what)).ok()
}

/// A new passphrase for `passphrase set` or `change` (`None` for any other command): from
/// `CARNET_NEW_PASSPHRASE`, or typed twice, and checked, before the book is opened (an
/// opening may migrate the book, with a backup): a refused one leaves everything as it was.
pub(crate) fn new_for(
    command: &crate::args::Command,
    lang: Lang,
) -> Result<Option<String>, AppError> {
    match command {
        crate::args::Command::Passphrase {
            command: PassphraseCommand::Set | PassphraseCommand::Change,
        } => {
            let new = ask_new(lang)?;
            carnet_app::check_new_passphrase(&new)?;
            Ok(Some(new))
        }
        _ => Ok(None),
    }
}

/// A new passphrase: from `CARNET_NEW_PASSPHRASE`, or typed twice.
fn ask_new(lang: Lang) -> Result<String, AppError> {
    if let Ok(text) = std::env::var(NEW_PASSPHRASE_ENV) {
        return Ok(text);
    }
    let first = ask(lang, Ask::New, NEW_PASSPHRASE_ENV).ok_or_else(|| no_terminal("new"))?;
    let again = rpassword::prompt_password(messages::passphrase_prompt(lang, Ask::Repeat))
        .map_err(|_| no_terminal("repeat"))?;
    if first != again {
        return Err(AppError::new(
            ErrorKind::WrongPassphrase,
            "the two new passphrases typed differ",
        )
        .with_field("repeat"));
    }
    Ok(first)
}

fn no_terminal(field: &str) -> AppError {
    AppError::new(
        ErrorKind::Required,
        format!("no terminal to type the passphrase in; set {NEW_PASSPHRASE_ENV}"),
    )
    .with_field(field)
}

/// `carnet passphrase …` on the open book (opened with its current passphrase, if any).
pub(crate) fn run(
    app: &App,
    key: Option<&Passphrase>,
    command: PassphraseCommand,
    new: Option<String>,
    lang: Lang,
    out: &mut impl std::io::Write,
) -> Result<(), AppError> {
    let current = key.map(|k| String::from_utf8_lossy(k.as_bytes()).into_owned());
    let done = match command {
        PassphraseCommand::Status => {
            let encrypted = app.privacy()?.encrypted;
            return crate::output::emit(out, messages::passphrase_status(lang, encrypted));
        }
        PassphraseCommand::Set | PassphraseCommand::Change => {
            let new = match new {
                Some(new) => new,
                None => ask_new(lang)?,
            };
            app.change_passphrase(current.as_deref(), Some(&new))?
        }
        PassphraseCommand::Remove => app.change_passphrase(current.as_deref(), None)?,
    };
    eprintln!("{}", messages::passphrase_changed(lang, &done));
    Ok(())
}
