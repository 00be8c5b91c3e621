//! Phone numbers: what a consultant types, checked against libphonenumber's data.
//!
//! Numbers without a country code are read as mainland China numbers; a number with one is
//! checked for that country. A valid number is kept in E.164 form (`+8613812345678`, with
//! `;ext=8001` for an extension), shown in the national format at home and in the
//! international format otherwise. A number that is not valid as written (a foreign number
//! without its country code, an eight-digit local number without its area code, a typo) is
//! never refused for that: it is kept exactly as typed and marked unverified, found by its
//! digits and shown as typed, never reformatted.

use phonenumber::{Mode, PhoneNumber, country};

/// Longer input is refused before it reaches the parser: a real number with its country
/// code, separators and an extension fits well within this.
pub const MAX_INPUT_CHARS: usize = 40;

/// The fewest and most digits a number kept unverified may have.
const UNVERIFIED_DIGITS: std::ops::RangeInclusive<usize> = 3..=20;

/// Marks the stored form of a number kept as typed.
const UNVERIFIED: char = '~';

/// A phone number: valid (E.164) or kept as typed (unverified). The text inside is its
/// stored form: the E.164 number, or `~` and the number as typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

impl Phone {
    /// Reads what a person typed: spaces, dashes, brackets, a leading `+` or `00`, and
    /// full-width digits (from Chinese input methods) are all accepted. An extension is
    /// written after 转, 分机, `ext`, `x` or `#`, or after a dash that follows a whole landline
    /// (`021-62345678-8001`), and kept as `;ext=8001`. A number that is not valid as written
    /// is kept as typed, unverified; `None` only for text that is not a phone number at all
    /// (letters, too few or too many digits).
    pub fn parse(raw: &str) -> Option<Phone> {
        Phone::verified(raw).or_else(|| Phone::unverified(raw))
    }

    /// A valid number only (`None` for anything else).
    pub fn verified(raw: &str) -> Option<Phone> {
        if raw.chars().count() > MAX_INPUT_CHARS {
            return None;
        }
        if let Some(mobile) = mainland_mobile_input(raw.trim()).or_else(|| spaced_mobile(raw)) {
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

    /// A number kept exactly as typed (tidied of surrounding and repeated white space):
    /// digits and the signs numbers are written with, and the words of an extension.
    fn unverified(raw: &str) -> Option<Phone> {
        let typed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if typed.chars().count() > MAX_INPUT_CHARS {
            return None;
        }
        let ascii = to_ascii_digits(&typed).to_ascii_lowercase();
        let mut rest = ascii.as_str().to_owned();
        for mark in EXTENSION_MARKS {
            rest = rest.replace(mark, " ");
        }
        let signs_only = rest
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()./".contains(c));
        let count = rest.chars().filter(char::is_ascii_digit).count();
        (signs_only && UNVERIFIED_DIGITS.contains(&count))
            .then(|| Phone(format!("{UNVERIFIED}{typed}")))
    }

    /// Whether libphonenumber's data calls the number valid (else it is kept as typed).
    pub fn is_verified(&self) -> bool {
        !self.0.starts_with(UNVERIFIED)
    }

    /// The number as typed, for one kept unverified.
    pub fn typed(&self) -> Option<&str> {
        self.0.strip_prefix(UNVERIFIED)
    }

    /// The number as typed into a form, which `parse` reads back.
    pub fn input(&self) -> String {
        match self.typed() {
            Some(typed) => typed.to_owned(),
            None => self.display(),
        }
    }

    /// What two numbers are compared by to tell whether they are the same: the E.164 number
    /// (with its extension), or the digits of one kept as typed (a leading `+` kept), so
    /// that "905-555-1234" and "905 555 1234" are one number.
    pub fn key(&self) -> String {
        match self.typed() {
            Some(typed) => {
                let plus = if typed.trim_start().starts_with(['+', '＋']) {
                    "+"
                } else {
                    ""
                };
                format!("{UNVERIFIED}{plus}{}", digits(typed))
            }
            None => self.0.clone(),
        }
    }

    /// The last four digits of the number (not the extension): what consultants search by.
    pub fn last_four(&self) -> String {
        let all = digits(self.number());
        all[all.len().saturating_sub(4)..].to_owned()
    }

    /// The E.164 number without the extension (a number kept as typed: as typed).
    pub fn number(&self) -> &str {
        match self.typed() {
            Some(typed) => typed,
            None => self.0.split(";ext=").next().unwrap_or(&self.0),
        }
    }

    fn extension(&self) -> Option<&str> {
        self.0.split_once(";ext=").map(|(_, ext)| ext)
    }

    /// Takes a number in its stored form, as read back from the book.
    pub fn from_stored(stored: impl Into<String>) -> Phone {
        Phone(stored.into())
    }

    /// The stored form: the E.164 number (with `;ext=`), or `~` and the number as typed.
    pub fn stored(&self) -> &str {
        &self.0
    }

    /// The number as dialled at home, in digits and spaces (`138 1234 5678`, `010 6552 8899`);
    /// for a foreign number, its national form in that country; as typed when unverified.
    pub fn national(&self) -> String {
        if let Some(typed) = self.typed() {
            return typed.to_owned();
        }
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
    /// for a foreign one, as typed when unverified. Falls back to E.164 if the stored text
    /// no longer parses.
    pub fn display(&self) -> String {
        if let Some(typed) = self.typed() {
            return typed.to_owned();
        }
        if let Some(mobile) = self.mainland_mobile() {
            return mobile;
        }
        let shown = match phonenumber::parse(None, self.number()) {
            Ok(number) => display_number(&number),
            Err(_) => self.number().to_owned(),
        };
        match self.extension() {
            Some(ext) => format!("{shown} ext. {ext}"),
            None => shown,
        }
    }

    /// The number as a sheet holds it for matching against other sheets and call logs: the
    /// digits a mainland phone dials (`13800138000`, `02162345678`), a foreign number with
    /// its country code (`+19055551234`), an extension after `;ext=`; a number kept as typed,
    /// its digits (and a leading `+`).
    pub fn digits(&self) -> String {
        if self.typed().is_some() {
            return self.key().trim_start_matches(UNVERIFIED).to_owned();
        }
        let number = self.number();
        let main = match number.strip_prefix("+86") {
            Some(national) if national.len() == 11 && national.starts_with('1') => {
                national.to_owned()
            }
            Some(national) => format!("0{national}"),
            None => number.to_owned(),
        };
        match self.extension() {
            Some(ext) => format!("{main};ext={ext}"),
            None => main,
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
        if text.starts_with(UNVERIFIED) {
            return Ok(Phone(text));
        }
        Phone::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a phone number: {text}")))
    }
}

fn digits(text: &str) -> String {
    to_ascii_digits(text)
        .chars()
        .filter(char::is_ascii_digit)
        .collect()
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

/// A mainland mobile as it is shown and often typed: `138 1234 5678`, `138-1234-5678`,
/// `+86 138 1234 5678` (ASCII digits grouped by spaces or dashes, the country code optional),
/// read by the fast path once the grouping is taken out, as libphonenumber would.
fn spaced_mobile(raw: &str) -> Option<Phone> {
    let raw = raw.trim();
    let rest = raw.strip_prefix("+86").unwrap_or(raw);
    if !rest
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b' ' || b == b'-')
    {
        return None;
    }
    let joined: String = rest.chars().filter(char::is_ascii_digit).collect();
    mainland_mobile_input(&joined)
}

/// The words an extension is written after (lower case, as `split_extension` looks for them).
const EXTENSION_MARKS: &[&str] = &[
    "分机号",
    "分機號",
    "分机",
    "分機",
    "转",
    "轉",
    "ext.",
    "ext",
    "x",
    "#",
];

/// Splits off an extension; `None` when one is announced but holds no digits.
fn split_extension(raw: &str) -> Option<(String, Option<String>)> {
    let lower = raw.to_ascii_lowercase();
    for mark in EXTENSION_MARKS {
        if let Some(at) = lower.find(mark) {
            let ext: String = raw[at + mark.len()..]
                .chars()
                .filter(|c| !c.is_whitespace() && !".:：-".contains(*c))
                .collect();
            if ext.is_empty() || ext.len() > 8 || !ext.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            return Some((raw[..at].to_owned(), Some(ext)));
        }
    }
    Some(match dash_extension(raw) {
        Some((main, ext)) => (main, Some(ext)),
        None => (raw.to_owned(), None),
    })
}

/// A landline with its extension after a dash, as Chinese business cards write it:
/// `021-62345678-8001`, `(0755) 8601 3388-8` (area code, number, extension).
fn dash_extension(raw: &str) -> Option<(String, String)> {
    let groups: Vec<&str> = raw
        .split(|c: char| c == '-' || c.is_whitespace() || c == '(' || c == ')')
        .filter(|g| !g.is_empty())
        .collect();
    if !groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let (area, local, ext) = match groups.as_slice() {
        [area, local, ext] => (*area, local.to_string(), *ext),
        [area, a, b, ext] if a.len() + b.len() <= 8 => (*area, format!("{a}{b}"), *ext),
        _ => return None,
    };
    let landline = area.starts_with('0')
        && (3..=4).contains(&area.len())
        && (7..=8).contains(&local.len())
        && (1..=6).contains(&ext.len());
    landline.then(|| (format!("{area}{local}"), ext.to_owned()))
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
mod tests;
