//! Linking what a customer said they want ("汉EV", "宋plus dm-i 冠军版", "hanev", "qp") to a
//! trim of the catalogue. A wish names a series (or one of its aliases) by its characters,
//! its pinyin or its initials, ignoring case, spaces and punctuation, optionally after the
//! brand; words after the name and the wish's trim pick among the series' trims, and the
//! cheapest wins a tie. A wish that names nothing in the catalogue stays the customer's words.

use crate::profile::ModelWish;
use crate::search::romanise;

use super::Trim;

/// A name a trim is known by, in the forms a wish may use.
#[derive(Debug, Clone)]
struct Name {
    text: String,
    /// Full pinyin, Latin words lower-cased (`qinplus`).
    pinyin: String,
    /// First letters of syllables and words (`qp`).
    initials: String,
}

impl Name {
    fn new(raw: &str) -> Name {
        let (pinyin, initials, _) = romanise(raw);
        Name {
            text: raw.to_owned(),
            pinyin,
            initials,
        }
    }
}

/// A trim with the names it is found by and the words its trims are told apart by.
#[derive(Debug, Clone)]
struct Entry {
    brand: String,
    names: Vec<Name>,
    /// The trim's own words (see [`words`]): version, energy, model year.
    words: Vec<String>,
}

/// The catalogue, ready for linking many wishes (a list of customers) without working out
/// each trim's pinyin again.
#[derive(Debug, Clone)]
pub struct Matcher<'a> {
    trims: &'a [Trim],
    entries: Vec<Entry>,
}

/// Letters and digits of `text`, lower-cased: what is compared.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// If `name` (its letters and digits) opens `wish`, ignoring case, spaces and punctuation:
/// the rest of `wish` after it.
fn after<'w>(wish: &'w str, name: &str) -> Option<&'w str> {
    let mut want = squeeze(name)
        .chars()
        .collect::<Vec<_>>()
        .into_iter()
        .peekable();
    want.peek()?;
    for (at, c) in wish.char_indices() {
        if !c.is_alphanumeric() {
            continue;
        }
        for lower in c.to_lowercase() {
            if want.next() != Some(lower) {
                return None;
            }
        }
        if want.peek().is_none() {
            return Some(&wish[at + c.len_utf8()..]);
        }
    }
    None
}

/// The words of a text: runs of letters and digits, split where Latin meets Chinese
/// (`DM-i 冠军版` → `dm`, `i`, `冠军版`), lower-cased.
fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut ascii = false;
    for c in text.chars() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if !current.is_empty() && c.is_ascii() != ascii {
            out.push(std::mem::take(&mut current));
        }
        ascii = c.is_ascii();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// How well a trim answers a wish; compared field by field, more is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Score {
    /// Characters of the wish's model the trim accounts for (its name and the words after).
    named: usize,
    /// Characters of the wish's trim words found in the trim.
    trim_words: usize,
}

impl<'a> Matcher<'a> {
    pub fn new(trims: &'a [Trim]) -> Matcher<'a> {
        let entries = trims
            .iter()
            .map(|t| {
                let mut names = vec![Name::new(&t.series)];
                names.extend(t.aliases.iter().map(|a| Name::new(a)));
                let energy = t
                    .energy
                    .map(|e| format!("{} {}", e.code(), e.word()))
                    .unwrap_or_default();
                let year = t.year.map(|y| format!("{y}款")).unwrap_or_default();
                Entry {
                    brand: t.brand.clone(),
                    names,
                    words: words(&format!("{} {energy} {year}", t.trim)),
                }
            })
            .collect();
        Matcher { trims, entries }
    }

    /// The trim a wish names, if the catalogue has one (see the module's documentation).
    pub fn find(&self, wish: &ModelWish) -> Option<&'a Trim> {
        let model = wish.model.trim();
        if model.is_empty() {
            return None;
        }
        let wish_trim = words(&wish.trim);
        self.entries
            .iter()
            .zip(self.trims)
            .filter_map(|(entry, trim)| {
                let score = entry.score(model, &wish_trim)?;
                Some((score, std::cmp::Reverse(trim.price), trim))
            })
            .max_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)))
            .map(|(_, _, trim)| trim)
    }
}

impl Entry {
    /// Whether the trim has the word: a Latin word or number opens one of its words
    /// (`605` → `605km`), a Chinese one is part of one (`旗舰` → `冠军版旗舰型`).
    fn has(&self, word: &str) -> bool {
        if word.is_ascii() {
            self.words.iter().any(|w| w.starts_with(word))
        } else {
            self.words.iter().any(|w| w.contains(word))
        }
    }

    /// How the trim answers a wish for `model` (with `wish_trim`'s words), if it does.
    fn score(&self, model: &str, wish_trim: &[String]) -> Option<Score> {
        let without_brand = after(model, &self.brand).filter(|rest| !squeeze(rest).is_empty());
        let named = [Some(model), without_brand]
            .into_iter()
            .flatten()
            .filter_map(|wish| self.named(wish))
            .max()?;
        let trim_words = wish_trim
            .iter()
            .filter(|w| self.has(w))
            .map(|w| w.chars().count())
            .sum();
        Some(Score { named, trim_words })
    }

    /// How much of `wish` one of the trim's names accounts for, with the words after it
    /// (every one of which must be the trim's); `None` when no name opens the wish.
    fn named(&self, wish: &str) -> Option<usize> {
        let latin = wish.is_ascii();
        let squeezed = squeeze(wish);
        self.names
            .iter()
            .filter_map(|name| {
                if latin && name.initials.chars().count() >= 2 && squeezed == name.initials {
                    return Some(squeezed.chars().count());
                }
                let forms = [
                    Some(name.text.as_str()),
                    latin.then_some(name.pinyin.as_str()),
                ];
                forms
                    .into_iter()
                    .flatten()
                    .filter_map(|form| {
                        let rest = after(wish, form)?;
                        let rest_words = words(rest);
                        rest_words.iter().all(|w| self.has(w)).then(|| {
                            squeeze(form).chars().count()
                                + rest_words.iter().map(|w| w.chars().count()).sum::<usize>()
                        })
                    })
                    .max()
            })
            .max()
    }
}

/// The trim a customer's wish names, if the catalogue has one: [`Matcher::find`] over `trims`.
pub fn match_wish<'a>(wish: &ModelWish, trims: &'a [Trim]) -> Option<&'a Trim> {
    Matcher::new(trims).find(wish)
}
