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
    /// An extension is written after 转, 分机, `ext` or `#` ("010-6552 8899 转 123") and kept
    /// as `;ext=123` after the E.164 number.
    pub fn parse(raw: &str) -> Option<Phone> {
        if raw.chars().count() > MAX_INPUT_CHARS {
            return None;
        }
        if let Some(mobile) = mainland_mobile_input(raw.trim()) {
            return Some(mobile);
        }
        let ascii = to_ascii_digits(raw);
        let (main, ext) = split_extension(&ascii)?;
        let number = phonenumber::parse(Some(country::Id::CN), main.trim()).ok()?;
        if !phonenumber::is_valid(&number) {
            return None;
        }
        let e164 = number.format().mode(Mode::E164).to_string();
        Some(Phone(match ext {
            Some(ext) => format!("{e164};ext={ext}"),
            None => e164,
        }))
    }

    /// The number as typed into a form, which `parse` reads back.
    pub fn input(&self) -> String {
        self.display()
    }

    /// The last four digits of the number (not the extension): what consultants search by.
    pub fn last_four(&self) -> &str {
        let number = self.number();
        &number[number.len().saturating_sub(4)..]
    }

    /// The E.164 number without the extension.
    pub fn number(&self) -> &str {
        self.0.split(";ext=").next().unwrap_or(&self.0)
    }

    fn extension(&self) -> Option<&str> {
        self.0.split_once(";ext=").map(|(_, ext)| ext)
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
        if let Some(mobile) = self.mainland_mobile() {
            return mobile;
        }
        match phonenumber::parse(None, self.number()) {
            Ok(number) => number.format().mode(Mode::National).to_string(),
            Err(_) => self.number().to_owned(),
        }
    }

    /// A mainland mobile (most of any book) as dialled and shown, `138 1234 5678`, without
    /// asking libphonenumber: its national and displayed forms are the same.
    fn mainland_mobile(&self) -> Option<String> {
        let mobile = self.0.strip_prefix("+861")?;
        (mobile.len() == 10 && mobile.bytes().all(|b| b.is_ascii_digit()))
            .then(|| format!("1{} {} {}", &mobile[..2], &mobile[2..6], &mobile[6..]))
    }

    /// How the number is shown: `138 1234 5678` for a mainland number, `+1 650-253-0000`
    /// for a foreign one. Falls back to E.164 if the stored text no longer parses.
    pub fn display(&self) -> String {
        let number = self.number();
        if let Some(mobile) = self.mainland_mobile() {
            return mobile;
        }
        let shown = match phonenumber::parse(None, number) {
            Ok(number) => display_number(&number),
            Err(_) => self.number().to_owned(),
        };
        match self.extension() {
            Some(ext) => format!("{shown} ext. {ext}"),
            None => shown,
        }
    }
}

impl serde::Serialize for Phone {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Phone {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Phone, D::Error> {
        let text = String::deserialize(d)?;
        Phone::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a phone number: {text}")))
    }
}

/// Eleven ASCII digits that libphonenumber's data calls a mainland mobile (most numbers an
/// import brings), read without its parser. Anything else goes the long way.
fn mainland_mobile_input(raw: &str) -> Option<Phone> {
    let d = raw.as_bytes();
    if d.len() != 11 || !d.iter().all(u8::is_ascii_digit) || d[0] != b'1' {
        return None;
    }
    // The `mobile` pattern of the CN territory: 1740[0-5]\d{6} or
    // 1(?:[38]\d|4[57]|[59][0-35-9]|6[25-7]|7[0-35-8])\d{8}.
    let mobile = match (d[1], d[2]) {
        (b'3' | b'8', _) => true,
        (b'4', b'5' | b'7') => true,
        (b'5' | b'9', c) => c != b'4',
        (b'6', c) => matches!(c, b'2' | b'5'..=b'7'),
        (b'7', b'4') => d[3] == b'0' && (b'0'..=b'5').contains(&d[4]),
        (b'7', c) => c != b'9',
        _ => false,
    };
    mobile.then(|| Phone(format!("+86{raw}")))
}

/// Splits off an extension; `None` when one is announced but holds no digits.
fn split_extension(raw: &str) -> Option<(&str, Option<String>)> {
    let lower = raw.to_ascii_lowercase();
    for mark in ["转", "轉", "分机", "分機", "ext.", "ext", "x", "#"] {
        if let Some(at) = lower.find(mark) {
            let ext: String = raw[at + mark.len()..]
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '.' && *c != ':')
                .collect();
            if ext.is_empty() || ext.len() > 8 || !ext.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            return Some((&raw[..at], Some(ext)));
        }
    }
    Some((raw, None))
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

    /// The fast path for mainland mobiles agrees with libphonenumber on every four-digit
    /// start (and every start of the 1740x block), with two endings each.
    #[test]
    fn mainland_mobiles_read_as_libphonenumber_reads_them() {
        let slow = |raw: &str| {
            let number = phonenumber::parse(Some(country::Id::CN), raw).ok()?;
            phonenumber::is_valid(&number)
                .then(|| Phone(number.format().mode(Mode::E164).to_string()))
        };
        let starts = (1000..2000)
            .map(|n: u32| n.to_string())
            .chain((0..10).map(|d| format!("1740{d}")));
        let mut fast_hits = 0;
        for start in starts {
            for ending in ["0000000", "9876543"] {
                let raw = format!("{start}{ending}")[..11].to_owned();
                let fast = mainland_mobile_input(&raw);
                if fast.is_some() {
                    fast_hits += 1;
                    assert_eq!(fast, slow(&raw), "{raw}");
                }
                assert_eq!(Phone::parse(&raw), slow(&raw), "{raw}");
            }
        }
        assert!(fast_hits > 1000, "the fast path took {fast_hits}");
    }

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
            (
                "010-6552 8899 转 123",
                "+861065528899;ext=123",
                "010 6552 8899 ext. 123",
            ),
            (
                "0755-86013388 ext. 8",
                "+8675586013388;ext=8",
                "0755 8601 3388 ext. 8",
            ),
        ];
        for (raw, e164, shown) in cases {
            let phone = Phone::parse(raw).unwrap_or_else(|| panic!("{raw:?} should be accepted"));
            assert_eq!(phone.e164(), e164, "e164 of {raw:?}");
            assert_eq!(phone.display(), shown, "display of {raw:?}");
            assert_eq!(
                Phone::parse(&phone.input()),
                Some(phone.clone()),
                "{raw:?} reads back"
            );
        }
    }

    #[test]
    fn mainland_mobiles_show_as_libphonenumber_shows_them() {
        for raw in ["13812345678", "15900001111", "19912345678", "17012345678"] {
            let phone = Phone::parse(raw).expect(raw);
            let library = phonenumber::parse(None, phone.number())
                .expect("parses")
                .format()
                .mode(Mode::National)
                .to_string();
            assert_eq!(phone.national(), library, "{raw}");
            assert_eq!(phone.display(), library, "{raw}");
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
            "010-65528899 转",
            "010-65528899 转 abc",
        ] {
            assert_eq!(Phone::parse(raw), None, "{raw:?} should be refused");
        }
    }
}
