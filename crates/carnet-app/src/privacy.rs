//! Privacy: the book's passphrase (encryption at rest, through the store) and the idle
//! minutes before the app locks. The lock itself is the front end's (the desktop shell
//! refuses every command while locked); what it checks the passphrase with is here.

use std::path::Path;

use carnet_core::privacy::{LOCK_AFTER_MINUTES_DEFAULT, check_lock_after, check_passphrase};
use carnet_store::{FileKind, Passphrase};

use crate::{App, AppError, LockState, Notice, PassphraseChange, Privacy, saturating_u32};

/// The environment variable scripts give a book's passphrase in (the `carnet` command asks
/// for it otherwise).
pub const PASSPHRASE_ENV: &str = "CARNET_PASSPHRASE";

/// The setting that holds the idle minutes before the app locks.
const LOCK_AFTER: &str = "lock_after_minutes";

/// What the book file at `path` is, from its first bytes: whether a passphrase is needed to
/// open it.
pub fn book_file_kind(path: &Path) -> Result<FileKind, AppError> {
    carnet_store::cipher::file_kind(path).map_err(|e| AppError::from_store(e, Some(path)))
}

/// Checks a new passphrase as typed (its length), naming the field `new`: also before the book
/// is opened, which may migrate it (the CLI asks for a new passphrase first).
pub fn check_new_passphrase(text: &str) -> Result<(), AppError> {
    check_passphrase(text).map_err(|e| AppError::from(e).with_field("new"))
}

impl App {
    /// Whether the book is encrypted, and when the app locks.
    pub fn privacy(&self) -> Result<Privacy, AppError> {
        let store = self.store();
        let lock_after_minutes = store
            .setting(LOCK_AFTER)?
            .and_then(|m| m.parse::<u32>().ok())
            .filter(|m| check_lock_after(*m).is_ok())
            .unwrap_or(LOCK_AFTER_MINUTES_DEFAULT);
        Ok(Privacy {
            available: carnet_store::cipher::AVAILABLE,
            encrypted: store.is_encrypted(),
            lock_after_minutes,
        })
    }

    /// Sets the idle minutes before the app locks (within carnet-core's range).
    pub fn set_lock_after(&self, minutes: u32) -> Result<Privacy, AppError> {
        check_lock_after(minutes)?;
        self.store()
            .write(|w| w.set_setting(LOCK_AFTER, &minutes.to_string()))?;
        self.privacy()
    }

    /// Sets (`new`), changes or removes (`None`) the book's passphrase. A book that has one
    /// asks for it first (`current`, refused as `wrong_passphrase` on the field `current`). The
    /// book is backed up first and converted whole, and its automatic backups follow. The team
    /// book beside it, if any, is converted first: when it cannot be (open elsewhere), nothing
    /// changes; when the book then cannot be, the team book is put back to the old passphrase,
    /// so the two never part (a team book under a passphrase the book no longer has could not
    /// be opened again).
    pub fn change_passphrase(
        &self,
        current: Option<&str>,
        new: Option<&str>,
    ) -> Result<PassphraseChange, AppError> {
        if !carnet_store::cipher::AVAILABLE {
            return Err(carnet_store::StoreError::NoEncryption.into());
        }
        let new = match new {
            Some(text) => {
                check_new_passphrase(text)?;
                Some(Passphrase::new(text))
            }
            None => None,
        };
        // The start's check of the file runs on a connection of its own, which the
        // conversion would take for another Carnet's: the change waits for the catch-up.
        let _catch_up = self
            .catching_up
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // A book whose check has not run (or failed) is checked first: a damaged book is
        // never converted, nor its backups.
        if self.unchecked.load(std::sync::atomic::Ordering::SeqCst) {
            self.check_now()?;
        }
        let mut store = self.store();
        if store.is_encrypted() && !same_passphrase(store.key(), current) {
            return Err(AppError::wrong_passphrase("current"));
        }
        let path = store.path().map(Path::to_owned);
        let old = store.key().cloned();
        let team = match &path {
            Some(own) => crate::team::follow_team_book(own, old.as_ref(), new.as_ref())?,
            None => None,
        };
        let done = match store.change_passphrase(new.as_ref()) {
            Ok(done) => done,
            Err(e) => {
                if let Some(team) = &team
                    && let Err(back) =
                        crate::team::rekey_team_book(team, new.as_ref(), old.as_ref())
                {
                    tracing::error!(error = %back.message, "the team book kept the new passphrase");
                }
                return Err(AppError::from_store(e, path.as_deref()));
            }
        };
        let text = |p: &Path| p.display().to_string();
        Ok(PassphraseChange {
            encrypted: store.is_encrypted(),
            backup: done.backup.as_deref().map(text),
            backups: saturating_u32(done.backups),
            left: done.left.iter().map(|p| text(p)).collect(),
        })
    }

    /// Checks `passphrase` against the open book's (unlocking the app): `wrong_passphrase`
    /// when it is not the one.
    pub fn check_passphrase(&self, passphrase: &str) -> Result<(), AppError> {
        if same_passphrase(self.store().key(), Some(passphrase)) {
            Ok(())
        } else {
            Err(AppError::wrong_passphrase("passphrase"))
        }
    }

    /// [`App::pending_notices`] as a locked app may show them: that something is due, and
    /// nothing of whom or why (no name, no customer, no reason).
    pub fn pending_notices_masked(&self) -> Result<Vec<Notice>, AppError> {
        Ok(self
            .pending_notices()?
            .into_iter()
            .map(|n| Notice {
                key: n.key,
                due_count: n.due_count,
                customer_id: None,
                name: None,
                prompt: None,
            })
            .collect())
    }

    /// What a locked window may show: the count of prompts due today, and no one's name.
    pub fn lock_state(&self, locked: bool) -> Result<LockState, AppError> {
        Ok(LockState {
            locked,
            due: Some(saturating_u32(self.due_count()?)),
        })
    }
}

/// Whether `given` is the book's passphrase (`key`), compared in a time that does not depend
/// on where they first differ.
fn same_passphrase(key: Option<&Passphrase>, given: Option<&str>) -> bool {
    match (key, given) {
        (Some(key), Some(given)) => {
            let (a, b) = (key.as_bytes(), given.as_bytes());
            a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests;
