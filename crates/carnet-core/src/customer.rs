//! The customer, and what makes a draft of one valid.

use chrono::{DateTime, Utc};

use crate::phone::Phone;

/// The longest name Carnet keeps, in characters.
pub const NAME_MAX_CHARS: usize = 100;

/// A customer as the book holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    /// A UUID, stable across export, import and handover.
    pub id: String,
    pub name: String,
    pub phone: Option<Phone>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What a person typed into the form or the command line, unchecked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerDraft {
    pub name: String,
    pub phone: Option<String>,
}

/// A draft that passed validation: the name is tidy and the phone normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerFacts {
    pub name: String,
    pub phone: Option<Phone>,
}

/// A field of the customer profile, named as front ends and exports name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Phone,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Phone => "phone",
        }
    }
}

/// Why a field's value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong { max: usize },
    InvalidPhone { value: String },
}

/// A refused draft: which field, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub field: Field,
    pub problem: Problem,
}

impl CustomerDraft {
    /// Checks the draft. The first problem found is returned, fields in form order.
    pub fn validate(&self) -> Result<CustomerFacts, Invalid> {
        let name = tidy_name(&self.name);
        if name.is_empty() {
            return Err(Invalid {
                field: Field::Name,
                problem: Problem::Required,
            });
        }
        if name.chars().count() > NAME_MAX_CHARS {
            return Err(Invalid {
                field: Field::Name,
                problem: Problem::TooLong {
                    max: NAME_MAX_CHARS,
                },
            });
        }
        let phone = match self.phone.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(Phone::parse(raw).ok_or_else(|| Invalid {
                field: Field::Phone,
                problem: Problem::InvalidPhone {
                    value: raw.to_owned(),
                },
            })?),
        };
        Ok(CustomerFacts { name, phone })
    }
}

impl CustomerFacts {
    /// The duplicate rule, the same everywhere (entry, import): the same phone number, or the
    /// same name and the same last four digits of the phone.
    pub fn may_duplicate(&self, other: &Customer) -> bool {
        match (&self.phone, &other.phone) {
            (Some(mine), Some(theirs)) => {
                mine == theirs || (self.name == other.name && last_four(mine) == last_four(theirs))
            }
            _ => false,
        }
    }
}

fn last_four(phone: &Phone) -> &str {
    let digits = phone.e164();
    &digits[digits.len().saturating_sub(4)..]
}

/// Trims the name, folds runs of white space (the ideographic space too) into one space and
/// drops control characters, so that "  张三 " and "张三" are the same name.
fn tidy_name(raw: &str) -> String {
    raw.split(|c: char| c.is_whitespace())
        .filter(|part| !part.is_empty())
        .map(|part| part.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str, phone: Option<&str>) -> CustomerDraft {
        CustomerDraft {
            name: name.to_owned(),
            phone: phone.map(str::to_owned),
        }
    }

    #[test]
    fn valid_drafts_are_tidied() {
        let cases: [(&str, Option<&str>, &str, Option<&str>); 6] = [
            ("张三", Some("13812345678"), "张三", Some("+8613812345678")),
            ("  张三\u{3000}", None, "张三", None),
            ("John   Smith", Some(""), "John Smith", None),
            ("王\u{7}五", Some("   "), "王五", None),
            (
                "欧阳 娜娜",
                Some("+1 650 253 0000"),
                "欧阳 娜娜",
                Some("+16502530000"),
            ),
            (
                &"李".repeat(NAME_MAX_CHARS),
                None,
                &"李".repeat(NAME_MAX_CHARS),
                None,
            ),
        ];
        for (name, phone, want_name, want_phone) in cases {
            let facts = draft(name, phone)
                .validate()
                .unwrap_or_else(|e| panic!("{name:?} refused: {e:?}"));
            assert_eq!(facts.name, want_name);
            assert_eq!(facts.phone.as_ref().map(Phone::e164), want_phone);
        }
    }

    #[test]
    fn the_duplicate_rule() {
        let existing = |name: &str, phone: Option<&str>| Customer {
            id: "x".into(),
            name: name.into(),
            phone: phone.map(|p| Phone::parse(p).expect("valid")),
            created_at: DateTime::<Utc>::MIN_UTC,
            updated_at: DateTime::<Utc>::MIN_UTC,
        };
        let cases = [
            // (new, existing, duplicate?)
            (
                ("张三", Some("13812345678")),
                ("李四", Some("138 1234 5678")),
                true,
            ),
            (
                ("张三", Some("13812345678")),
                ("张三", Some("13999995678")),
                true,
            ),
            (
                ("张三", Some("13812345678")),
                ("张三", Some("13999991111")),
                false,
            ),
            (
                ("张三", Some("13812345678")),
                ("张三丰", Some("13999995678")),
                false,
            ),
            (("张三", None), ("张三", None), false),
            (("张三", Some("13812345678")), ("张三", None), false),
        ];
        for ((name, phone), (their_name, their_phone), want) in cases {
            let facts = draft(name, phone).validate().expect("valid");
            assert_eq!(
                facts.may_duplicate(&existing(their_name, their_phone)),
                want,
                "{name} {phone:?} vs {their_name} {their_phone:?}"
            );
        }
    }

    #[test]
    fn invalid_drafts_name_the_field_and_the_problem() {
        let long = "李".repeat(NAME_MAX_CHARS + 1);
        let cases = [
            (draft("", None), Field::Name, Problem::Required),
            (
                draft(" \t\u{3000} ", Some("13812345678")),
                Field::Name,
                Problem::Required,
            ),
            (draft("\u{7}", None), Field::Name, Problem::Required),
            (
                draft(&long, None),
                Field::Name,
                Problem::TooLong {
                    max: NAME_MAX_CHARS,
                },
            ),
            (
                draft("张三", Some(" 12345 ")),
                Field::Phone,
                Problem::InvalidPhone {
                    value: "12345".into(),
                },
            ),
            (
                draft("张三", Some("call me")),
                Field::Phone,
                Problem::InvalidPhone {
                    value: "call me".into(),
                },
            ),
        ];
        for (draft, field, problem) in cases {
            assert_eq!(
                draft.validate(),
                Err(Invalid { field, problem }),
                "draft {draft:?}"
            );
        }
    }
}
