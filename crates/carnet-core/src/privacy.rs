//! The privacy rules, declared once: how long a book's passphrase must be, and the idle
//! minutes after which the app locks. The checks, the Settings form (through the bindings)
//! and the CLI all read these.

use std::ops::RangeInclusive;

use crate::followup::rules::number;
use crate::profile::{Invalid, Problem};

/// The characters a passphrase may have. There is no way back from a lost passphrase, so
/// it is long enough to resist guessing and short enough to type.
pub const PASSPHRASE_CHARS: RangeInclusive<usize> = 8..=256;

/// The idle minutes after which Carnet locks a book that has a passphrase.
pub const LOCK_AFTER_MINUTES: RangeInclusive<u32> = 1..=240;

/// The idle minutes Carnet locks after until the consultant says otherwise.
pub const LOCK_AFTER_MINUTES_DEFAULT: u32 = 10;

/// Checks a new passphrase (as typed: spaces count) against [`PASSPHRASE_CHARS`].
pub fn check_passphrase(text: &str) -> Result<(), Invalid> {
    let chars = text.chars().count();
    if chars == 0 {
        return Err(Invalid::new("passphrase", Problem::Required));
    }
    if chars < *PASSPHRASE_CHARS.start() {
        return Err(Invalid::new(
            "passphrase",
            Problem::TooShort {
                min: *PASSPHRASE_CHARS.start(),
            },
        ));
    }
    if chars > *PASSPHRASE_CHARS.end() {
        return Err(Invalid::new(
            "passphrase",
            Problem::TooLong {
                max: *PASSPHRASE_CHARS.end(),
            },
        ));
    }
    Ok(())
}

/// Checks the idle minutes before the app locks against [`LOCK_AFTER_MINUTES`].
pub fn check_lock_after(minutes: u32) -> Result<(), Invalid> {
    number("lock_after_minutes", minutes, &LOCK_AFTER_MINUTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passphrase_is_checked_by_its_characters_as_typed() {
        let cases: &[(&str, Option<Problem>)] = &[
            ("", Some(Problem::Required)),
            ("1234567", Some(Problem::TooShort { min: 8 })),
            ("12345678", None),
            ("春眠不觉晓处处", Some(Problem::TooShort { min: 8 })),
            ("春眠不觉晓处处闻", None),
            ("        ", None),
        ];
        for (text, expected) in cases {
            let got = check_passphrase(text).err().map(|e| e.problem);
            assert_eq!(&got, expected, "{text:?}");
        }
        let long = "a".repeat(257);
        assert_eq!(
            check_passphrase(&long).err().map(|e| e.problem),
            Some(Problem::TooLong { max: 256 })
        );
        assert!(check_passphrase(&"a".repeat(256)).is_ok());
    }

    #[test]
    fn the_lock_minutes_stay_within_their_range() {
        for (minutes, ok) in [(0, false), (1, true), (10, true), (240, true), (241, false)] {
            assert_eq!(check_lock_after(minutes).is_ok(), ok, "{minutes}");
        }
        assert!(LOCK_AFTER_MINUTES.contains(&LOCK_AFTER_MINUTES_DEFAULT));
    }
}
