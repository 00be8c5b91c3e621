//! A customer's family members: whom they buy for, and whose birthdays to remember.

use serde::{Deserialize, Serialize};

use crate::birthday::Birthday;
use crate::choices::{Pick, Relation};
use crate::phone::Phone;
use crate::profile::{
    Invalid, LONG_MAX_CHARS, NAME_MAX_CHARS, Problem, birthday_field, phone_field, tidy,
};

/// What a person typed for a family member, unchecked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct FamilyDraft {
    pub name: String,
    pub relation: String,
    /// "YYYY-MM-DD", or "MM-DD" when the year is unknown.
    pub birthday: String,
    pub birthday_lunar: bool,
    pub phone: String,
    pub notes: String,
}

/// A checked family member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FamilyFacts {
    pub name: String,
    /// One of the list, or the consultant's words ("干爹").
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub relation: Pick<Relation>,
    pub birthday: Option<Birthday>,
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub phone: Option<Phone>,
    pub notes: Option<String>,
}

impl FamilyDraft {
    /// Checks the draft; a relation is needed ("his wife", birthday known, name not yet is
    /// common): one of the list, or the consultant's own words for it.
    pub fn validate(&self) -> Result<FamilyFacts, Invalid> {
        let name = tidy(&self.name);
        if name.chars().count() > NAME_MAX_CHARS {
            return Err(Invalid::new(
                "name",
                Problem::TooLong {
                    max: NAME_MAX_CHARS,
                },
            ));
        }
        let relation_raw = self.relation.trim();
        if relation_raw.is_empty() {
            return Err(Invalid::new("relation", Problem::Required));
        }
        let relation = Pick::<Relation>::parse(relation_raw)
            .ok_or_else(|| Invalid::new("relation", Problem::Required))?;
        if relation.to_input().chars().count() > NAME_MAX_CHARS {
            return Err(Invalid::new(
                "relation",
                Problem::TooLong {
                    max: NAME_MAX_CHARS,
                },
            ));
        }
        let birthday = birthday_field("birthday", &self.birthday, self.birthday_lunar)?;
        let phone = phone_field("phone", &self.phone)?;
        let notes = self.notes.trim();
        if notes.chars().count() > LONG_MAX_CHARS {
            return Err(Invalid::new(
                "notes",
                Problem::TooLong {
                    max: LONG_MAX_CHARS,
                },
            ));
        }
        Ok(FamilyFacts {
            name,
            relation,
            birthday,
            phone,
            notes: (!notes.is_empty()).then(|| notes.to_owned()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::birthday::Calendar;

    fn draft(name: &str, relation: &str, birthday: &str, lunar: bool, phone: &str) -> FamilyDraft {
        FamilyDraft {
            name: name.into(),
            relation: relation.into(),
            birthday: birthday.into(),
            birthday_lunar: lunar,
            phone: phone.into(),
            notes: String::new(),
        }
    }

    #[test]
    fn family_members_checked() {
        let wife = draft(" 李娜 ", "妻子", "10-08", true, "")
            .validate()
            .expect("valid");
        assert_eq!(wife.name, "李娜");
        assert_eq!(wife.relation, Pick::Known(Relation::Wife));
        let godfather = draft("王", "干爹", "", false, "")
            .validate()
            .expect("words for the relation");
        assert_eq!(godfather.relation, Pick::Words("干爹".into()));
        let b = wife.birthday.expect("birthday");
        assert_eq!(
            (b.calendar, b.year, b.month, b.day),
            (Calendar::Lunar, None, 10, 8)
        );
        let son = draft("", "son", "2015-06-01", false, "13812345678")
            .validate()
            .expect("a relation without a name is enough");
        assert_eq!(
            son.phone.map(|p| p.stored().to_owned()).as_deref(),
            Some("+8613812345678")
        );

        let cases = [
            (draft("李娜", "", "", false, ""), "relation", "required"),
            (
                draft("李娜", &"字".repeat(NAME_MAX_CHARS + 1), "", false, ""),
                "relation",
                "long",
            ),
            (
                draft("李娜", "wife", "10-32", false, ""),
                "birthday",
                "date",
            ),
            (draft("李娜", "wife", "", false, "未知"), "phone", "phone"),
        ];
        for (bad, field, kind) in cases {
            let err = bad.validate().expect_err("refused");
            assert_eq!(err.field, field, "{bad:?}");
            let got = match err.problem {
                Problem::Required => "required",
                Problem::InvalidChoice { .. } => "choice",
                Problem::TooLong { .. } => "long",
                Problem::InvalidDate { .. } => "date",
                Problem::InvalidPhone { .. } => "phone",
                _ => "other",
            };
            assert_eq!(got, kind, "{bad:?}");
        }
    }
}
