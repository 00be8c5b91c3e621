//! Where the book lives. The desktop app and the `carnet` command resolve it the same way,
//! so both open the same book unless told otherwise.

use std::path::PathBuf;

use crate::{AppError, ErrorCode};

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
                ErrorCode::NoDataDir,
                format!("no application data folder is known on this system; set {BOOK_ENV}"),
            )
            .with_param("env", BOOK_ENV)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

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
                got.map_err(|e| e.code),
                want.map(PathBuf::from),
                "{env:?} {data:?}"
            );
        }
    }
}
