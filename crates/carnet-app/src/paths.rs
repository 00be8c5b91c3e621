//! Where the book lives. The desktop app and the `carnet` command resolve it the same way,
//! so both open the same book unless told otherwise.

use std::path::PathBuf;

use crate::{AppError, ErrorKind, OwnFileKind};

/// The app's identifier; also the name of its folder in the OS data directory.
pub const APP_IDENTIFIER: &str = "app.carnet";

/// The environment variable that points Carnet at another book.
pub const BOOK_ENV: &str = "CARNET_DB";

const BOOK_FILE: &str = "carnet.db";

/// The book to open: `CARNET_DB` if set, else `carnet.db` in the OS data directory
/// (`~/.local/share/app.carnet/` on Linux).
pub fn default_book_path() -> Result<PathBuf, AppError> {
    book_path_from(
        std::env::var_os(BOOK_ENV).map(PathBuf::from),
        dirs::data_dir(),
    )
}

/// [`default_book_path`] with its inputs given: the `CARNET_DB` value and the data folder.
pub fn book_path_from(
    env: Option<PathBuf>,
    data_dir: Option<PathBuf>,
) -> Result<PathBuf, AppError> {
    if let Some(path) = env.filter(|p| !p.as_os_str().is_empty()) {
        return Ok(path);
    }
    data_dir
        .map(|dir| dir.join(APP_IDENTIFIER).join(BOOK_FILE))
        .ok_or_else(|| {
            AppError::new(
                ErrorKind::NoDataDir {
                    env: BOOK_ENV.to_owned(),
                },
                format!("no application data folder is known on this system; set {BOOK_ENV}"),
            )
        })
}

/// The team book a desktop builds beside its own book (`team.db` in the same folder): a file
/// of its own, never the consultant's book.
pub fn team_book_path(book: &std::path::Path) -> PathBuf {
    book.with_file_name(TEAM_BOOK_FILE)
}

const TEAM_BOOK_FILE: &str = "team.db";

/// What a path given to export, copy or restore is for: the place written, or the file read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PathUse {
    /// An export or a copy is written there: not over the book, its log files or anything in
    /// its backups folder.
    Write,
    /// A restore reads it: anything but the open book and its log files (the backups folder
    /// is where restores come from).
    Restore,
}

impl crate::App {
    /// Refuses a path that is the open book's own for this use (see [`PathUse`]): every
    /// command checks the path it is given, whatever the dialog allowed.
    pub(crate) fn refuse_own_file(
        &self,
        path: &std::path::Path,
        for_use: PathUse,
    ) -> Result<(), AppError> {
        use carnet_store::files::{OwnFile, own_file};
        let store = self.store();
        let Some(book) = store.path() else {
            return Ok(());
        };
        let what = match own_file(path, book, store.backup_dir()) {
            None => return Ok(()),
            Some(OwnFile::Backups) if for_use == PathUse::Restore => return Ok(()),
            Some(OwnFile::Book) => OwnFileKind::Book,
            Some(OwnFile::Sidecar) => OwnFileKind::Sidecar,
            Some(OwnFile::Backups) => OwnFileKind::Backups,
        };
        Err(AppError::new(
            ErrorKind::OwnFile {
                path: path.display().to_string(),
                what,
            },
            format!(
                "{} is Carnet's own {}; choose another place",
                path.display(),
                what.code()
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn the_environment_wins_then_the_data_folder() {
        let cases = [
            (
                Some("/tmp/a.db"),
                Some("/home/x/.local/share"),
                Ok("/tmp/a.db"),
            ),
            (
                Some(""),
                Some("/home/x/.local/share"),
                Ok("/home/x/.local/share/app.carnet/carnet.db"),
            ),
            (None, Some("/data"), Ok("/data/app.carnet/carnet.db")),
            (None, None, Err(ErrorCode::NoDataDir)),
        ];
        for (env, data, want) in cases {
            let got = book_path_from(env.map(PathBuf::from), data.map(PathBuf::from));
            assert_eq!(
                got.map_err(|e| e.code()),
                want.map(PathBuf::from),
                "{env:?} {data:?}"
            );
        }
    }
}
