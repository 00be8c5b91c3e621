//! The duplicate rule, the same everywhere (entry, import, merge): two customers may be one
//! person when they share a [`DuplicateKey`].

use crate::phone::Phone;
use crate::profile::Profile;

/// One half of the duplicate rule: two customers may be one person when they share a key.
/// A key is a phone number (by its digits, [`Phone::key`]), or a name with the last four
/// digits of one of its phones. A customer without a phone has no key: a name alone is not
/// a person.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DuplicateKey {
    Phone(String),
    NameAndLastFour(String, String),
}

impl DuplicateKey {
    /// The keys of a customer named `name` with `phones`.
    pub fn of(name: &str, phones: &[Phone]) -> Vec<DuplicateKey> {
        phones
            .iter()
            .flat_map(|p| {
                [
                    DuplicateKey::Phone(p.key()),
                    DuplicateKey::NameAndLastFour(name.to_owned(), p.last_four()),
                ]
            })
            .collect()
    }

    /// A 64-bit digest of the key (the same throughout a run): what an index of a whole book
    /// holds instead of the key itself (a match is then checked on the customer).
    pub fn digest(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        self.hash(&mut h);
        h.finish()
    }
}

impl Profile {
    /// The duplicate rule, the same everywhere (entry, import): a phone number in common, or
    /// the same name and a phone with the same last four digits; that is, a
    /// [`DuplicateKey`] in common.
    pub fn may_duplicate(&self, other: &Profile) -> bool {
        let mine = self.duplicate_keys();
        other.duplicate_keys().iter().any(|k| mine.contains(k))
    }

    /// What this customer may be found a duplicate by (see [`DuplicateKey`]).
    pub fn duplicate_keys(&self) -> Vec<DuplicateKey> {
        DuplicateKey::of(&self.name, &self.phones)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_duplicate_rule() {
        let person = |name: &str, phones: &[&str]| {
            let mut p = Profile::named(name, None);
            p.phones = phones
                .iter()
                .map(|s| Phone::parse(s).expect("valid"))
                .collect();
            p
        };
        let cases = [
            // (new, existing, duplicate?)
            (
                ("张三", &["13812345678"][..]),
                ("李四", &["138 1234 5678"][..]),
                true,
            ),
            (
                ("张三", &["13812345678"][..]),
                ("张三", &["13999995678"][..]),
                true,
            ),
            (
                ("张三", &["13812345678"][..]),
                ("张三", &["13999991111"][..]),
                false,
            ),
            (
                ("张三", &["13812345678"][..]),
                ("张三丰", &["13999995678"][..]),
                false,
            ),
            (("张三", &[][..]), ("张三", &[][..]), false),
            (("张三", &["13812345678"][..]), ("张三", &[][..]), false),
            (
                ("张三", &["13700000000", "13812345678"][..]),
                ("王五", &["13912340000", "13812345678"][..]),
                true,
            ),
        ];
        for ((name, phones), (their_name, their_phones), want) in cases {
            assert_eq!(
                person(name, phones).may_duplicate(&person(their_name, their_phones)),
                want,
                "{name} {phones:?} vs {their_name} {their_phones:?}"
            );
        }
    }
}
