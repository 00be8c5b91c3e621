//! Phone numbers: what a consultant types, checked against libphonenumber's data.
//!
//! Numbers without a country code are read as mainland China numbers. A number is kept in
//! E.164 form (`+8613812345678`), which is what duplicate checks and exports compare; it is
//! shown in the national format at home and in the international format otherwise.

use phonenumber::{Mode, PhoneNumber, country};

/// Longer input is refused before it reaches the parser: a real number with its country
/// code, separators and an extension fits well within this.
pub const MAX_INPUT_CHARS: usize = 40;

/// A phone number that libphonenumber considers valid, in E.164 form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

impl Phone {
    /// Reads what a person typed: spaces, dashes, brackets, a leading `+` or `00`, and
    /// full-width digits (from Chinese input methods) are all accepted.
    pub fn parse(raw: &str) -> Option<Phone> {
        if raw.chars().count() > MAX_INPUT_CHARS {
            return None;
        }
        let ascii = to_ascii_digits(raw);
        let number = phonenumber::parse(Some(country::Id::CN), ascii.trim()).ok()?;
        if !phonenumber::is_valid(&number) {
            return None;
        }
        Some(Phone(number.format().mode(Mode::E164).to_string()))
    }

    /// Takes a number that is already stored in E.164 form, as read back from the book.
    pub fn from_e164(e164: impl Into<String>) -> Phone {
        Phone(e164.into())
    }

    pub fn e164(&self) -> &str {
        &self.0
    }

    /// The number as dialled at home, in digits and spaces (`138 1234 5678`, `010 6552 8899`);
    /// for a foreign number, its national form in that country.
    pub fn national(&self) -> String {
        match phonenumber::parse(None, &self.0) {
            Ok(number) => number.format().mode(Mode::National).to_string(),
            Err(_) => self.0.clone(),
        }
    }

    /// How the number is shown: `138 1234 5678` for a mainland number, `+1 650-253-0000`
    /// for a foreign one. Falls back to E.164 if the stored text no longer parses.
    pub fn display(&self) -> String {
        match phonenumber::parse(None, &self.0) {
            Ok(number) => display_number(&number),
            Err(_) => self.0.clone(),
        }
    }
}

fn display_number(number: &PhoneNumber) -> String {
    if number.code().value() == 86 {
        number.format().mode(Mode::National).to_string()
    } else {
        number.format().mode(Mode::International).to_string()
    }
}

/// Full-width digits and signs (０-９, ＋, －, （, ）, and the ideographic space) as ASCII.
fn to_ascii_digits(raw: &str) -> String {
    raw.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '＋' => '+',
            '－' | '—' => '-',
            '（' => '(',
            '）' => ')',
            '\u{3000}' => ' ',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_normalises_plausible_numbers() {
        let cases = [
            ("13812345678", "+8613812345678", "138 1234 5678"),
            ("138-1234-5678", "+8613812345678", "138 1234 5678"),
            (" 138 1234 5678 ", "+8613812345678", "138 1234 5678"),
            ("+86 138 1234 5678", "+8613812345678", "138 1234 5678"),
            ("008613812345678", "+8613812345678", "138 1234 5678"),
            ("１３８１２３４５６７８", "+8613812345678", "138 1234 5678"),
            ("010-12345678", "+861012345678", "010 1234 5678"),
            ("+1 650 253 0000", "+16502530000", "+1 650-253-0000"),
            ("+852 9123 4567", "+85291234567", "+852 9123 4567"),
        ];
        for (raw, e164, shown) in cases {
            let phone = Phone::parse(raw).unwrap_or_else(|| panic!("{raw:?} should be accepted"));
            assert_eq!(phone.e164(), e164, "e164 of {raw:?}");
            assert_eq!(phone.display(), shown, "display of {raw:?}");
        }
    }

    #[test]
    fn refuses_implausible_numbers() {
        for raw in [
            "",
            "   ",
            "12345",
            "1381234567",
            "138123456789",
            "abc",
            "张三",
            "+86",
            "12345678901234567",
        ] {
            assert_eq!(Phone::parse(raw), None, "{raw:?} should be refused");
        }
    }
}
