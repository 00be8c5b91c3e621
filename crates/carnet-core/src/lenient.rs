//! Reading a row of someone else's sheet or phone export: a person is refused only when
//! nothing identifies them (no name, no phone, no WeChat id, no e-mail). Every other value
//! Carnet cannot understand is kept, never dropped: in the field's own text where the field
//! has one (a budget, a timeframe or who decides in words; a phone kept as typed), otherwise
//! in the notes under its column's label; and each is reported, so the consultant can see
//! what was kept where.

use chrono::NaiveDate;

use crate::choices::Pick;
use crate::phone::Phone;
use crate::profile::fields::spec;
use crate::profile::{FIELDS, Invalid, Problem, Profile, ProfileDraft};
use crate::timeframe::Timeframe;

/// Where a value Carnet could not understand was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeptIn {
    /// In its own field, as words (a budget, a timeframe, who decides) or as typed (a phone,
    /// unverified).
    Field,
    /// In the notes, under its column's label.
    Notes,
    /// The person had no name: one was made from what they had (their phone, WeChat id or
    /// e-mail), to be corrected.
    MadeUpName,
    /// The notes were full: what did not fit was cut (the only loss, reported as such).
    Cut,
}

/// A value that was kept rather than understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// The field the value was for (named as in the JSON of a customer).
    pub field: &'static str,
    /// The value, as written.
    pub value: String,
    /// Why it was not understood as the field's value.
    pub problem: Problem,
    pub kept_in: KeptIn,
}

/// A row read leniently: the profile, and what was kept rather than understood.
#[derive(Debug, Clone, PartialEq)]
pub struct Lenient {
    pub profile: Profile,
    pub kept: Vec<Kept>,
}

/// The most fixes a row can need: one per field and list item, with room to spare.
const MAX_FIXES: usize = 200;

impl ProfileDraft {
    /// Reads the draft as an import does (see the module's documentation). `label` gives the
    /// label a field's values are kept under in the notes (the column's header). Refused
    /// (`Err`, naming the name field) only when nothing identifies the person.
    pub fn validate_lenient(
        &self,
        today: NaiveDate,
        label: &dyn Fn(&str) -> String,
    ) -> Result<Lenient, Invalid> {
        // Most rows are understood whole: checked as they are, nothing copied.
        let first = match self.validate(today) {
            Ok(profile) => {
                return Ok(Lenient {
                    kept: kept_in_fields(&profile),
                    profile,
                });
            }
            Err(e) => e,
        };
        let mut draft = self.clone();
        let mut kept: Vec<Kept> = Vec::new();
        // The lines kept in the notes, each with its field's place in the form.
        let mut notes: Vec<(usize, String)> = Vec::new();
        let mut failed = Some(first);
        for _ in 0..MAX_FIXES {
            let mut attempt = draft.clone();
            if !notes.is_empty() {
                attempt.notes = join_notes(&draft.notes, &notes);
            }
            let checked = match failed.take() {
                Some(e) => Err(e),
                None => attempt.validate(today),
            };
            match checked {
                Ok(profile) => {
                    kept.sort_by_key(|k| place(k.field));
                    kept.extend(kept_in_fields(&profile));
                    return Ok(Lenient { profile, kept });
                }
                Err(e) if e.field == "notes" => {
                    // Too long with what was kept: cut to fit, and say so.
                    let all = attempt.notes;
                    let fit: String = all.chars().take(spec::notes.max_chars).collect();
                    let cut: String = all.chars().skip(spec::notes.max_chars).collect();
                    draft.notes = fit;
                    notes.clear();
                    kept.push(Kept {
                        field: "notes",
                        value: cut,
                        problem: e.problem,
                        kept_in: KeptIn::Cut,
                    });
                }
                Err(e) => fix(&mut draft, &mut notes, &mut kept, e, label)?,
            }
        }
        Err(Invalid::new(
            spec::notes.name,
            Problem::TooLong {
                max: spec::notes.max_chars,
            },
        ))
    }
}

/// A field's place in the form (see [`crate::FIELDS`]).
fn place(field: &str) -> usize {
    FIELDS
        .iter()
        .position(|f| f.name == field)
        .unwrap_or(usize::MAX)
}

/// The notes with the kept lines after them, in the order of the form.
fn join_notes(notes: &str, kept: &[(usize, String)]) -> String {
    let mut lines: Vec<&(usize, String)> = kept.iter().collect();
    lines.sort_by_key(|(at, _)| *at);
    let mut all: Vec<&str> = Vec::new();
    if !notes.trim().is_empty() {
        all.push(notes);
    }
    all.extend(lines.iter().map(|(_, line)| line.as_str()));
    all.join("\n")
}

/// `label：value` (a full-width colon after a Chinese label): a value kept in the notes
/// under its label, by the lenient check and by an import's columns without a field.
pub fn note_line(label: &str, value: &str) -> String {
    let cjk = label
        .chars()
        .any(|c| ('\u{3400}'..='\u{9FFF}').contains(&c));
    if cjk {
        format!("{label}：{value}")
    } else {
        format!("{label}: {value}")
    }
}

/// Phones written inside other text ("13812345678（微信同号）"): runs of digits with the signs
/// numbers are written with, that read as a valid number.
fn phones_in(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut run = String::new();
    let flush = |run: &mut String, found: &mut Vec<String>| {
        let candidate = run.trim_matches(|c: char| !c.is_ascii_digit() && c != '+');
        if Phone::verified(candidate).is_some() {
            found.push(candidate.to_owned());
        }
        run.clear();
    };
    for c in text.chars() {
        let c = match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            other => other,
        };
        if c.is_ascii_digit() || "+- ".contains(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut found);
        }
    }
    flush(&mut run, &mut found);
    found
}

/// Makes the draft pass the check `e` failed, keeping the value that failed it.
fn fix(
    draft: &mut ProfileDraft,
    notes: &mut Vec<(usize, String)>,
    kept: &mut Vec<Kept>,
    e: Invalid,
    label: &dyn Fn(&str) -> String,
) -> Result<(), Invalid> {
    let field = e.field;
    let mut keep = |value: String, kept_in: KeptIn| {
        if kept_in == KeptIn::Notes {
            notes.push((place(field), note_line(&label(field), &value)));
        }
        kept.push(Kept {
            field,
            value,
            problem: e.problem.clone(),
            kept_in,
        });
    };
    match (field, &e.problem) {
        ("name", Problem::Required) => {
            let made = made_up_name(draft).ok_or_else(|| e.clone())?;
            draft.name = made.clone();
            keep(made, KeptIn::MadeUpName);
        }
        ("name", Problem::TooLong { .. }) => {
            let whole = std::mem::take(&mut draft.name);
            draft.name = whole.chars().take(spec::name.max_chars).collect();
            keep(whole, KeptIn::Notes);
        }
        ("models", _) => {
            let all: Vec<String> = draft.models.iter().map(|m| m.to_input()).collect();
            draft.models.clear();
            keep(all.join(", "), KeptIn::Notes);
        }
        (list, Problem::TooMany { max }) => {
            let max = *max;
            let items = draft.texts_mut(list).ok_or_else(|| e.clone())?;
            let extra: Vec<String> = items.split_off(max.min(items.len()));
            keep(extra.join(", "), KeptIn::Notes);
        }
        (list, _) if draft.texts_mut(list).is_some() => {
            let bad = value_of(&e.problem);
            let items = draft.texts_mut(field).ok_or_else(|| e.clone())?;
            let at = if bad.is_empty() {
                // A tag too long: the problem names no value.
                items.iter().position(|i| {
                    i.trim().trim_start_matches('#').chars().count() > spec::tags.max_chars
                })
            } else {
                items.iter().position(|i| i.trim() == bad)
            }
            .ok_or_else(|| e.clone())?;
            let item = items.remove(at);
            if field == "phones" {
                // The numbers in it are kept as phones too, so the person is found by them.
                items.extend(phones_in(&item));
            }
            keep(item, KeptIn::Notes);
        }
        (field, _) => {
            let value = draft.get(field).unwrap_or_default();
            if value.is_empty() {
                return Err(e);
            }
            draft.set(field, "").map_err(|_| e.clone())?;
            if field == "birthday" {
                draft.birthday_lunar = false;
            }
            keep(value, KeptIn::Notes);
        }
    }
    Ok(())
}

/// The offending value a problem names ("" when it names none).
fn value_of(problem: &Problem) -> String {
    match problem {
        Problem::InvalidPhone { value }
        | Problem::InvalidEmail { value }
        | Problem::InvalidBudget { value }
        | Problem::InvalidDate { value }
        | Problem::InvalidNumber { value }
        | Problem::InvalidChoice { value, .. }
        | Problem::UnknownField { value } => value.trim().to_owned(),
        Problem::Required
        | Problem::TooLong { .. }
        | Problem::TooShort { .. }
        | Problem::TooMany { .. } => String::new(),
    }
}

/// A name for someone who has none, from what identifies them: their phone as shown, their
/// WeChat id, or their e-mail address. `None` when they have none of these.
fn made_up_name(draft: &ProfileDraft) -> Option<String> {
    let phone = draft
        .phones
        .iter()
        .find_map(|p| Phone::parse(p))
        .map(|p| p.display());
    let wechat = Some(draft.wechat.trim().to_owned()).filter(|w| !w.is_empty());
    let email = draft
        .emails
        .iter()
        .map(|e| e.trim())
        .find(|e| !e.is_empty())
        .map(str::to_owned);
    let found = phone.or(wechat).or(email)?;
    Some(found.chars().take(spec::name.max_chars).collect())
}

/// The values a valid profile holds in its own fields as words or as typed.
fn kept_in_fields(p: &Profile) -> Vec<Kept> {
    let mut out = Vec::new();
    for phone in p.phones.iter().filter(|p| !p.is_verified()) {
        out.push(Kept {
            field: "phones",
            value: phone.input(),
            problem: Problem::InvalidPhone {
                value: phone.input(),
            },
            kept_in: KeptIn::Field,
        });
    }
    if let Some(words) = &p.budget_words {
        out.push(Kept {
            field: "budget",
            value: words.clone(),
            problem: Problem::InvalidBudget {
                value: words.clone(),
            },
            kept_in: KeptIn::Field,
        });
    }
    if let Some(Timeframe::Words(words)) = &p.timeframe {
        out.push(Kept {
            field: "timeframe",
            value: words.clone(),
            problem: Problem::InvalidDate {
                value: words.clone(),
            },
            kept_in: KeptIn::Field,
        });
    }
    if let Some(Pick::Words(words)) = &p.decision_maker {
        out.push(Kept {
            field: "decision_maker",
            value: words.clone(),
            problem: Problem::InvalidChoice {
                value: words.clone(),
                allowed: crate::DecisionMaker::codes(),
            },
            kept_in: KeptIn::Field,
        });
    }
    out
}

#[cfg(test)]
mod tests;
