//! What a customer can be found by, and how a query is read.
//!
//! A Chinese consultant looks a buyer up by any part of the name, by full pinyin or initials
//! (张三 → `zhangsan`, `zs`), or by a fragment of a phone number (usually the last four
//! digits). [`SearchKeys`] is the text the store indexes for one customer; [`Query`] is what
//! the consultant typed, tidied.

use pinyin::ToPinyin;

use crate::phone::Phone;
use crate::profile::Profile;

/// Bump when the recipe of [`SearchKeys`] changes: the store then rebuilds its index.
pub const SEARCH_KEYS_VERSION: u32 = 2;

/// Surnames whose reading differs from the character's usual one. Two-character surnames
/// come first so they win over a single-character match.
const SURNAME_READINGS: &[(&str, &[&str])] = &[
    ("尉迟", &["yu", "chi"]),
    ("万俟", &["mo", "qi"]),
    ("长孙", &["zhang", "sun"]),
    ("单", &["shan"]),
    ("曾", &["zeng"]),
    ("解", &["xie"]),
    ("仇", &["qiu"]),
    ("区", &["ou"]),
    ("朴", &["piao"]),
    ("查", &["zha"]),
    ("盖", &["ge"]),
    ("缪", &["miao"]),
    ("翟", &["zhai"]),
    ("乐", &["yue"]),
    ("覃", &["qin"]),
    ("种", &["chong"]),
    ("重", &["chong"]),
    ("召", &["shao"]),
    ("员", &["yun"]),
    ("秘", &["bi"]),
    ("句", &["gou"]),
    ("隗", &["wei"]),
    ("冼", &["xian"]),
    ("柏", &["bai"]),
];

/// The indexed text of one customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchKeys {
    /// The name, lower-cased.
    pub name: String,
    /// Full pinyin without tones or spaces (`zhangsan`).
    pub pinyin: String,
    /// The first letter of each syllable or word (`zs`).
    pub initials: String,
    /// What the list sorts by: the syllables and words, each followed by a space
    /// (`chen fang`), so a surname's customers stay together.
    pub sort_key: String,
    /// Digits of each phone, international and national (`8613812345678 13812345678`).
    pub phones: String,
    /// The rest a customer is found by, lower-cased, one per line: models (with trim and
    /// colour), tags, WeChat id, company, region, notes and the other free text.
    pub other: String,
    /// What one- and two-character queries find, each with its rank (see [`Gram`]).
    pub grams: Vec<Gram>,
}

/// A one- or two-character key and how well a query equal to it matches the customer:
/// 0 the whole name, pinyin or initials; 1 their start; 2 elsewhere in the name, or the start
/// of a model or tag. The store looks short queries up by these, already ranked.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Gram {
    pub text: String,
    pub rank: u8,
}

/// The grams of one customer: every 1- and 2-character piece of the name, the first one and
/// two letters of the pinyin and initials, and of each model and tag; each once, best rank.
fn grams(name: &str, pinyin: &str, initials: &str, starts: &[String]) -> Vec<Gram> {
    let mut out: Vec<Gram> = Vec::new();
    let mut add = |text: String, rank: u8| {
        if text.is_empty() || text.chars().any(char::is_whitespace) {
            return;
        }
        match out.iter_mut().find(|g| g.text == text) {
            Some(g) => g.rank = g.rank.min(rank),
            None => out.push(Gram { text, rank }),
        }
    };
    let chars: Vec<char> = name.chars().collect();
    for len in 1..=2 {
        for start in 0..chars.len().saturating_sub(len - 1) {
            let piece: String = chars[start..start + len].iter().collect();
            let rank = if piece.chars().count() == chars.len() {
                0
            } else if start == 0 {
                1
            } else {
                2
            };
            add(piece, rank);
        }
    }
    for key in [pinyin, initials] {
        for len in 1..=2 {
            let piece: String = key.chars().take(len).collect();
            if piece.chars().count() == len {
                add(piece.clone(), if piece == key { 0 } else { 1 });
            }
        }
    }
    for start in starts {
        let lower = start.to_lowercase();
        for len in 1..=2 {
            let piece: String = lower.chars().take(len).collect();
            if piece.chars().count() == len {
                add(piece, 2);
            }
        }
    }
    out.sort();
    out
}

impl SearchKeys {
    pub fn new(name: &str, phones: &[&Phone]) -> SearchKeys {
        let (pinyin, initials, sort_key) = romanise(name);
        let phones = phones
            .iter()
            .flat_map(|p| {
                let international = digits(p.number());
                let national = digits(&p.national());
                [international, national]
            })
            .collect::<Vec<_>>()
            .join(" ");
        let name = name.to_lowercase();
        let grams = grams(&name, &pinyin, &initials, &[]);
        SearchKeys {
            name,
            pinyin,
            initials,
            sort_key,
            phones,
            other: String::new(),
            grams,
        }
    }

    /// The keys of a whole profile.
    pub fn of(profile: &Profile) -> SearchKeys {
        let phones: Vec<&Phone> = profile.phones.iter().collect();
        let mut keys = SearchKeys::new(&profile.name, &phones);
        let mut other: Vec<String> = profile
            .models
            .iter()
            .map(|m| {
                format!("{} {} {}", m.model, m.trim, m.colour)
                    .trim()
                    .to_owned()
            })
            .collect();
        other.extend(profile.tags.iter().cloned());
        other.extend(
            [
                &profile.wechat,
                &profile.company,
                &profile.region,
                &profile.occupation,
                &profile.decision_maker_name,
                &profile.current_car.brand,
                &profile.current_car.model,
                &profile.current_car.plate,
                &profile.cares,
                &profile.worry,
                &profile.personality,
                &profile.special_needs,
                &profile.hobbies,
                &profile.notes,
            ]
            .into_iter()
            .flatten()
            .cloned(),
        );
        keys.other = other.join("\n").to_lowercase();
        let starts: Vec<String> = profile
            .models
            .iter()
            .map(|m| m.model.clone())
            .chain(profile.tags.iter().cloned())
            .collect();
        keys.grams = grams(&keys.name, &keys.pinyin, &keys.initials, &starts);
        keys
    }
}

/// Pinyin (and plain words, for Latin names) of a name: the full reading and the initials.
/// Also the sort key: the syllables and words with a space after each, so that 陈 (chen)
/// sorts before 程 (cheng) whatever the given names are.
pub(crate) fn romanise(name: &str) -> (String, String, String) {
    let mut full = String::new();
    let mut initials = String::new();
    let mut sort = String::new();
    let mut rest = name;
    if let Some((surname, readings)) = SURNAME_READINGS.iter().find(|(s, _)| name.starts_with(s)) {
        for reading in *readings {
            full.push_str(reading);
            initials.push_str(&reading[..1]);
            sort.push_str(reading);
            sort.push(' ');
        }
        rest = &name[surname.len()..];
    }
    let mut in_word = false;
    for c in rest.chars() {
        if let Some(p) = c.to_pinyin() {
            if in_word {
                sort.push(' ');
            }
            full.push_str(p.plain());
            initials.push_str(&p.plain()[..1]);
            sort.push_str(p.plain());
            sort.push(' ');
            in_word = false;
        } else if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                full.push(lower);
                sort.push(lower);
                if !in_word {
                    initials.push(lower);
                }
            }
            in_word = true;
        } else {
            if in_word {
                sort.push(' ');
            }
            in_word = false;
        }
    }
    (full, initials, sort.trim_end().to_owned())
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// What the consultant typed into the search box, tidied for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// Lower-cased, trimmed; a phone-like query (digits with spaces, dashes, brackets or a
    /// leading +) is reduced to its digits, so "138 1234" finds 13812345678.
    pub text: String,
}

impl Query {
    /// `None` for a query with nothing to look for.
    pub fn parse(raw: &str) -> Option<Query> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return None;
        }
        let phone_like = trimmed.chars().any(|c| c.is_ascii_digit())
            && trimmed
                .chars()
                .all(|c| c.is_ascii_digit() || " -+()".contains(c) || c == '\u{3000}');
        let text = if phone_like {
            digits(trimmed)
        } else {
            trimmed
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        Some(Query { text })
    }

    /// Length in characters; the store uses its trigram index from three on.
    pub fn len(&self) -> usize {
        self.text.chars().count()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

#[cfg(test)]
mod tests;
