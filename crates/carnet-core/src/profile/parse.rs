//! Reading one field's text: tidying, and the checks every kind of field shares (length,
//! count, closed lists, numbers, phones, e-mails, dates). A refused value names its field.

use crate::birthday::Birthday;
use crate::phone::Phone;
use crate::profile::SHORT_MAX_CHARS;
use crate::profile::fields::{FieldKind, FieldSpec};

/// Why a field's value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    /// Shorter than `min` characters (a passphrase).
    TooShort {
        min: usize,
    },
    TooMany {
        max: usize,
    },
    InvalidPhone {
        value: String,
    },
    InvalidEmail {
        value: String,
    },
    InvalidBudget {
        value: String,
    },
    InvalidDate {
        value: String,
    },
    InvalidNumber {
        value: String,
    },
    /// Not one of the allowed codes (or their Chinese words).
    InvalidChoice {
        value: String,
        allowed: Vec<&'static str>,
    },
    /// No such field (on the command line's `--set FIELD=VALUE`).
    UnknownField {
        value: String,
    },
}

/// A refused value: which field (named as in the JSON of a customer), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub field: &'static str,
    pub problem: Problem,
}

impl Invalid {
    pub fn new(field: &'static str, problem: Problem) -> Invalid {
        Invalid { field, problem }
    }
}

/// A byte-order mark: it marks where a file's text begins and says nothing inside the text
/// (files read with one keep it in a cell now and then).
const BOM: char = '\u{FEFF}';

/// Trims, folds runs of white space (the ideographic space too) into one space and drops
/// control characters and byte-order marks, so that "  张三 " and "张三" are the same.
pub fn tidy(raw: &str) -> String {
    // One pass, one string (an import tidies every cell of every row).
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else if !c.is_control() && c != BOM {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Like `tidy`, but keeps line breaks (for notes).
fn tidy_lines(raw: &str) -> String {
    raw.lines()
        .map(tidy)
        .collect::<Vec<_>>()
        .join("\n")
        .trim_matches('\n')
        .to_owned()
}

/// Text of at most `spec.max_chars` characters, tidied (over lines for long text); `None`
/// when empty.
pub(crate) fn text(spec: &FieldSpec, raw: &str) -> Result<Option<String>, Invalid> {
    let max = spec.max_chars;
    let value = if max > SHORT_MAX_CHARS {
        tidy_lines(raw)
    } else {
        tidy(raw)
    };
    if value.chars().count() > max {
        return Err(Invalid::new(spec.name, Problem::TooLong { max }));
    }
    Ok((!value.is_empty()).then_some(value))
}

/// Words (a budget, a timeframe, who decides) of at most `spec.max_chars` characters.
pub(crate) fn check_length(spec: &FieldSpec, words: &str) -> Result<(), Invalid> {
    let max = spec.max_chars;
    if words.chars().count() > max {
        return Err(Invalid::new(spec.name, Problem::TooLong { max }));
    }
    Ok(())
}

/// One value of a closed list; `None` if empty.
pub(crate) fn choice<T>(
    spec: &FieldSpec,
    raw: &str,
    parse: fn(&str) -> Option<T>,
    codes: fn() -> Vec<&'static str>,
) -> Result<Option<T>, Invalid> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    parse(raw).map(Some).ok_or_else(|| {
        Invalid::new(
            spec.name,
            Problem::InvalidChoice {
                value: raw.to_owned(),
                allowed: codes(),
            },
        )
    })
}

/// Values of a closed list, each once.
pub(crate) fn choices<T: PartialEq>(
    spec: &FieldSpec,
    raw: &[String],
    parse: fn(&str) -> Option<T>,
    codes: fn() -> Vec<&'static str>,
) -> Result<Vec<T>, Invalid> {
    let mut out = Vec::new();
    for item in raw {
        if let Some(value) = choice(spec, item, parse, codes)?
            && !out.contains(&value)
        {
            out.push(value);
        }
    }
    Ok(out)
}

/// A list of at most `spec.max_items` items.
pub(crate) fn check_count<T>(spec: &FieldSpec, items: Vec<T>) -> Result<Vec<T>, Invalid> {
    let max = spec.max_items;
    if items.len() > max {
        return Err(Invalid::new(spec.name, Problem::TooMany { max }));
    }
    Ok(items)
}

/// A whole number in the field's range, full-width digits, separators and 万 allowed ("5万"
/// km); `None` if empty.
pub(crate) fn number(spec: &FieldSpec, raw: &str) -> Result<Option<i64>, Invalid> {
    let FieldKind::Number { min, max } = spec.kind else {
        unreachable!("{} is not a number", spec.name);
    };
    let cleaned: String = raw
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            ',' | '，' | ' ' | '\u{3000}' => None,
            c => Some(c.to_ascii_lowercase()),
        })
        .collect();
    let cleaned = cleaned
        .trim_end_matches("km")
        .trim_end_matches("公里")
        .to_owned();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let bad = || {
        Invalid::new(
            spec.name,
            Problem::InvalidNumber {
                value: raw.trim().to_owned(),
            },
        )
    };
    let (digits, factor) = match cleaned.strip_suffix('万').or(cleaned.strip_suffix('w')) {
        Some(d) => (d, 10_000.0),
        None => (cleaned.as_str(), 1.0),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(bad());
    }
    let value: f64 = digits.parse().map_err(|_| bad())?;
    let value = (value * factor).round();
    if !value.is_finite() || value < min as f64 || value > max as f64 {
        return Err(bad());
    }
    Ok(Some(value as i64))
}

/// A birthday field: empty is unknown; anything else must be a date that exists.
pub(crate) fn birthday_field(
    field: &'static str,
    raw: &str,
    lunar: bool,
) -> Result<Option<Birthday>, Invalid> {
    match raw.trim() {
        "" => Ok(None),
        raw => Birthday::parse(raw, lunar).map(Some).ok_or_else(|| {
            Invalid::new(
                field,
                Problem::InvalidDate {
                    value: raw.to_owned(),
                },
            )
        }),
    }
}

/// A phone field: empty is none; anything else must be a plausible number.
pub(crate) fn phone_field(field: &'static str, raw: &str) -> Result<Option<Phone>, Invalid> {
    match raw.trim() {
        "" => Ok(None),
        raw => Phone::parse(raw).map(Some).ok_or_else(|| {
            Invalid::new(
                field,
                Problem::InvalidPhone {
                    value: raw.to_owned(),
                },
            )
        }),
    }
}

/// An e-mail address field: empty is none; else one address, `local@domain`, no spaces.
pub(crate) fn email_field(field: &'static str, raw: &str) -> Result<Option<String>, Invalid> {
    let email = raw.trim().trim_start_matches("mailto:").trim();
    if email.is_empty() {
        return Ok(None);
    }
    let bad = || {
        Invalid::new(
            field,
            Problem::InvalidEmail {
                value: raw.trim().to_owned(),
            },
        )
    };
    if email.chars().count() > crate::profile::EMAIL_MAX_CHARS {
        return Err(bad());
    }
    let (local, domain) = email.split_once('@').ok_or_else(bad)?;
    let plausible = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    plausible.then(|| Some(email.to_owned())).ok_or_else(bad)
}

/// Licence plates are written in capitals without spaces ("粤B12345").
pub(crate) fn plate(spec: &FieldSpec, raw: &str) -> Result<Option<String>, Invalid> {
    let value: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '·' && *c != '-')
        .flat_map(char::to_uppercase)
        .collect();
    text(spec, &value)
}
