//! The field registry: every field of a profile declared once, in form order, with what it
//! holds and the limits it is checked against. [`ProfileDraft`] (the text a person types, one
//! member per field), [`FIELDS`], `get`/`set` by name (the command line's `--set`), the limits
//! [`ProfileDraft::validate`] checks, the key facts, the merge, export columns, import
//! headers, the CLI's field names and the UI's field list all come from the declaration at
//! the end of this file.
//!
//! Adding a field: its line in `profile_fields!` below (left out of a JSON export when empty,
//! `skip_serializing_if`, so that earlier exports write back the same), its typed member in
//! [`crate::Profile`] (with [`ProfileDraft::validate`] and [`crate::Profile::to_draft`]),
//! its labels (carnet-io's `labels.tsv`, and the UI's dictionaries, which a test holds to it),
//! and its tests.

use serde::{Deserialize, Serialize};

use crate::choices::KeyFact;
use crate::profile::{
    EMAIL_MAX_CHARS, Invalid, LIST_MAX, LONG_MAX_CHARS, ModelWish, NAME_MAX_CHARS, Problem,
    SHORT_MAX_CHARS, TAG_MAX_CHARS,
};

/// What a field holds, as a form asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Text over several lines.
    LongText,
    /// Several texts (phones, e-mails, tags; models as "model/trim/colour").
    List,
    /// One value of a closed list (who decides may be the consultant's own words).
    Choice,
    /// Several values of a closed list, most important first.
    Choices,
    /// A budget: an amount or range in yuan, or words ("面议").
    Budget,
    /// When they mean to buy: a day, a month, a year, or words.
    Timeframe,
    /// A whole number from `min` to `max`.
    Number { min: i64, max: i64 },
    /// A day (a birthday, its year optional).
    Date,
    /// Yes or no (a birthday is lunar).
    Flag,
}

/// How a merge of two customers treats a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MergeRule {
    /// The survivor's value, the loser's where the survivor's is unknown or chosen; two
    /// known values that differ are a conflict the consultant decides.
    Pick,
    /// The items of both (lists).
    Union,
    /// Goes with the field before it (whether the birthday is lunar goes with the birthday).
    WithPrevious,
}

/// One field of the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldSpec {
    /// As in the JSON of a customer, on the command line (`--set name=…`), and the key of its
    /// labels (carnet-io's `labels.tsv`, the UI's `fields` dictionary).
    pub name: &'static str,
    #[serde(flatten)]
    pub kind: FieldKind,
    /// The most characters the value (a list's item) holds; 0 when the kind sets it (choices,
    /// numbers, dates, flags).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub max_chars: usize,
    /// The most items a list holds (0: no count of its own; a closed list holds each once).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub max_items: usize,
    /// Required: a profile without it is refused.
    pub required: bool,
    /// The key fact the field is (part of), if any.
    pub key_fact: Option<KeyFact>,
    pub merge: MergeRule,
    /// A value that stands for "not known yet" besides the empty text (the level N).
    pub unknown: &'static str,
}

impl FieldSpec {
    const fn new(kind: FieldKind) -> FieldSpec {
        FieldSpec {
            name: "",
            kind,
            max_chars: 0,
            max_items: 0,
            required: false,
            key_fact: None,
            merge: MergeRule::Pick,
            unknown: "",
        }
    }

    /// One line of text of at most `max` characters.
    const fn text(max: usize) -> FieldSpec {
        FieldSpec::new(FieldKind::Text).max_chars(max)
    }

    /// Free text over lines, as much as a spreadsheet cell holds.
    const fn long_text() -> FieldSpec {
        FieldSpec::new(FieldKind::LongText).max_chars(LONG_MAX_CHARS)
    }

    /// A list of at most [`LIST_MAX`] texts of `max` characters each, merged by union.
    const fn list(max: usize) -> FieldSpec {
        let mut spec = FieldSpec::new(FieldKind::List).max_chars(max);
        spec.max_items = LIST_MAX;
        spec.merge = MergeRule::Union;
        spec
    }

    const fn choices() -> FieldSpec {
        let mut spec = FieldSpec::new(FieldKind::Choices);
        spec.merge = MergeRule::Union;
        spec
    }

    const fn number(min: i64, max: i64) -> FieldSpec {
        FieldSpec::new(FieldKind::Number { min, max })
    }

    const fn max_chars(mut self, max: usize) -> FieldSpec {
        self.max_chars = max;
        self
    }

    const fn required(mut self) -> FieldSpec {
        self.required = true;
        self
    }

    const fn key_fact(mut self, fact: KeyFact) -> FieldSpec {
        self.key_fact = Some(fact);
        self
    }

    const fn unknown(mut self, value: &'static str) -> FieldSpec {
        self.unknown = value;
        self
    }

    const fn with_previous(mut self) -> FieldSpec {
        self.merge = MergeRule::WithPrevious;
        self
    }

    /// A list merged by union (phones, e-mails, models, purposes, priorities, tags).
    pub fn is_list(&self) -> bool {
        self.merge == MergeRule::Union
    }

    /// Whether `value` (the field's text, as [`ProfileDraft::get`] gives it) says nothing
    /// known.
    pub fn is_unknown(&self, value: &str) -> bool {
        value.is_empty() || (!self.unknown.is_empty() && value == self.unknown)
    }
}

/// The field named `name` (as in the JSON of a customer).
pub fn field(name: &str) -> Option<&'static FieldSpec> {
    FIELDS.iter().find(|f| f.name == name)
}

/// A member of [`ProfileDraft`], read and written as text.
trait DraftValue {
    /// The value as text, in the form `put` reads (lists comma-separated).
    fn text(&self) -> String;
    /// Sets the value from text (lists: comma-separated values that replace the list); a
    /// refusal names the field `name`.
    fn put(&mut self, name: &'static str, value: &str) -> Result<(), Invalid>;
    /// The items of a list of texts.
    fn texts(&self) -> Option<&[String]> {
        None
    }
    /// The items of a list of texts, to change.
    fn texts_mut(&mut self) -> Option<&mut Vec<String>> {
        None
    }
}

/// A list as `set` reads it: comma-separated (、，; too).
fn split_list(value: &str) -> Vec<String> {
    value
        .split([',', '，', '、', ';', '；'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

impl DraftValue for String {
    fn text(&self) -> String {
        self.clone()
    }
    fn put(&mut self, _: &'static str, value: &str) -> Result<(), Invalid> {
        value.clone_into(self);
        Ok(())
    }
}

impl DraftValue for Vec<String> {
    fn text(&self) -> String {
        self.join(", ")
    }
    fn put(&mut self, _: &'static str, value: &str) -> Result<(), Invalid> {
        *self = split_list(value);
        Ok(())
    }
    fn texts(&self) -> Option<&[String]> {
        Some(self)
    }
    fn texts_mut(&mut self) -> Option<&mut Vec<String>> {
        Some(self)
    }
}

impl DraftValue for Vec<ModelWish> {
    fn text(&self) -> String {
        self.iter()
            .map(ModelWish::to_input)
            .collect::<Vec<_>>()
            .join(", ")
    }
    fn put(&mut self, _: &'static str, value: &str) -> Result<(), Invalid> {
        *self = split_list(value)
            .iter()
            .map(|m| ModelWish::parse(m))
            .collect();
        Ok(())
    }
}

impl DraftValue for bool {
    fn text(&self) -> String {
        if *self { "true" } else { "false" }.to_owned()
    }
    fn put(&mut self, name: &'static str, value: &str) -> Result<(), Invalid> {
        *self = match value.trim() {
            "true" | "yes" | "1" | "农历" | "農曆" => true,
            "false" | "no" | "0" | "" | "公历" | "公曆" => false,
            other => {
                return Err(Invalid::new(
                    name,
                    Problem::InvalidChoice {
                        value: other.to_owned(),
                        allowed: vec!["true", "false"],
                    },
                ));
            }
        };
        Ok(())
    }
}

impl ProfileDraft {
    /// One field as text, in the form `set` reads (lists comma-separated).
    pub fn get(&self, field: &str) -> Option<String> {
        Some(self.value(field)?.text())
    }

    /// Sets one field from text, as `carnet edit --set FIELD=VALUE` does: list fields take
    /// comma-separated values (、，; too) that replace the list; models are "model/trim/colour".
    pub fn set(&mut self, field: &str, value: &str) -> Result<(), Invalid> {
        let (name, slot) = self.value_mut(field).ok_or_else(|| {
            Invalid::new(
                "field",
                Problem::UnknownField {
                    value: field.to_owned(),
                },
            )
        })?;
        slot.put(name, value)
    }

    /// The items of a field that is a list of texts (phones, e-mails, purposes, priorities,
    /// tags); `None` for any other field.
    pub fn texts(&self, field: &str) -> Option<&[String]> {
        self.value(field)?.texts()
    }

    /// The items of a field that is a list of texts, to change.
    pub fn texts_mut(&mut self, field: &str) -> Option<&mut Vec<String>> {
        self.value_mut(field)?.1.texts_mut()
    }
}

/// Declares the fields: the draft's members, their specs (in [`spec`], by name) and
/// [`FIELDS`] in form order.
macro_rules! profile_fields {
    ($($(#[$attr:meta])* $name:ident: $draft:ty = $spec:expr),+ $(,)?) => {
        /// What a person typed into the profile form or on the command line, unchecked. Every
        /// field is text (or a list of texts), named as in the JSON of a customer.
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[serde(default)]
        pub struct ProfileDraft {
            $($(#[$attr])* pub $name: $draft,)+
        }

        /// Each field's declaration, by its name.
        #[allow(non_upper_case_globals)]
        pub mod spec {
            use super::*;
            $(pub const $name: FieldSpec = FieldSpec { name: stringify!($name), ..$spec };)+
        }

        /// The fields of a profile, in form order.
        pub const FIELDS: &[FieldSpec] = &[$(spec::$name),+];

        impl ProfileDraft {
            fn value(&self, field: &str) -> Option<&dyn DraftValue> {
                match field {
                    $(stringify!($name) => Some(&self.$name),)+
                    _ => None,
                }
            }

            /// A member by its field's name, with that name.
            fn value_mut(&mut self, field: &str) -> Option<(&'static str, &mut dyn DraftValue)> {
                match field {
                    $(stringify!($name) => Some((stringify!($name), &mut self.$name)),)+
                    _ => None,
                }
            }
        }
    };
}

const SHORT: FieldSpec = FieldSpec::text(SHORT_MAX_CHARS);

/// The most characters of a channel (汽车之家, 懂车帝 …), as of an item of the settings'
/// list of channels.
pub const CHANNEL_MAX_CHARS: usize = 50;

/// The most channels the consultant's list of suggestions holds.
pub const CHANNELS_MAX: usize = 50;

/// The channels offered when the consultant has not changed the list.
pub const DEFAULT_CHANNELS: &[&str] = &[
    "汽车之家",
    "懂车帝",
    "易车",
    "抖音",
    "老客户转介绍",
    "车展",
    "官网",
    "微信",
];

/// The consultant's list of channels as typed, checked: each tidied, empty ones and repeats
/// dropped (the first kept, in the order given); more than [`CHANNELS_MAX`], or one longer
/// than [`CHANNEL_MAX_CHARS`], refused naming `channels`.
pub fn channel_list(typed: &[String]) -> Result<Vec<String>, Invalid> {
    let mut out: Vec<String> = Vec::new();
    for raw in typed {
        let channel = crate::profile::tidy(raw);
        if channel.is_empty() || out.contains(&channel) {
            continue;
        }
        if channel.chars().count() > CHANNEL_MAX_CHARS {
            return Err(Invalid::new(
                "channels",
                Problem::TooLong {
                    max: CHANNEL_MAX_CHARS,
                },
            ));
        }
        out.push(channel);
    }
    if out.len() > CHANNELS_MAX {
        return Err(Invalid::new(
            "channels",
            Problem::TooMany { max: CHANNELS_MAX },
        ));
    }
    Ok(out)
}

/// The most characters of another customer's id (a UUID has 36).
pub const ID_MAX_CHARS: usize = 64;
const CHOICE: FieldSpec = FieldSpec::new(FieldKind::Choice);

profile_fields! {
    name: String = FieldSpec::text(NAME_MAX_CHARS).required(),
    title: String = CHOICE,
    phones: Vec<String> = FieldSpec::list(0).key_fact(KeyFact::Phone),
    wechat: String = SHORT,
    emails: Vec<String> = FieldSpec::list(EMAIL_MAX_CHARS),
    region: String = SHORT,
    address: String = SHORT,
    occupation: String = SHORT,
    company: String = SHORT,
    budget: String = FieldSpec::new(FieldKind::Budget)
        .max_chars(SHORT_MAX_CHARS)
        .key_fact(KeyFact::Budget),
    models: Vec<ModelWish> = FieldSpec::list(SHORT_MAX_CHARS).key_fact(KeyFact::Model),
    reason: String = CHOICE,
    purposes: Vec<String> = FieldSpec::choices().key_fact(KeyFact::Purpose),
    timeframe: String = FieldSpec::new(FieldKind::Timeframe)
        .max_chars(crate::timeframe::MAX_CHARS)
        .key_fact(KeyFact::Timeframe),
    level: String = CHOICE.unknown("N"),
    decision_maker: String = CHOICE
        .max_chars(SHORT_MAX_CHARS)
        .key_fact(KeyFact::DecisionMaker),
    decision_maker_name: String = SHORT.key_fact(KeyFact::DecisionMaker),
    car_brand: String = SHORT.key_fact(KeyFact::CurrentCar),
    car_model: String = SHORT.key_fact(KeyFact::CurrentCar),
    car_year: String = FieldSpec::number(1950, 2100).key_fact(KeyFact::CurrentCar),
    car_mileage: String = FieldSpec::number(0, 10_000_000),
    car_plate: String = FieldSpec::text(20).key_fact(KeyFact::CurrentCar),
    payment: String = CHOICE.key_fact(KeyFact::Payment),
    source: String = CHOICE,
    // Left out of an export when empty, so an export made before they were kept writes back
    // the same (the same goes for every field added later).
    #[serde(skip_serializing_if = "String::is_empty")]
    channel: String = FieldSpec::text(CHANNEL_MAX_CHARS),
    #[serde(skip_serializing_if = "String::is_empty")]
    referred_by: String = FieldSpec::text(ID_MAX_CHARS),
    cares: String = FieldSpec::long_text(),
    worry: String = FieldSpec::long_text(),
    personality: String = FieldSpec::long_text(),
    priorities: Vec<String> = FieldSpec::choices(),
    special_needs: String = FieldSpec::long_text(),
    hobbies: String = FieldSpec::long_text(),
    tags: Vec<String> = FieldSpec::list(TAG_MAX_CHARS),
    notes: String = FieldSpec::long_text(),
    birthday: String = FieldSpec::new(FieldKind::Date),
    birthday_lunar: bool = FieldSpec::new(FieldKind::Flag).with_previous(),
}

#[cfg(test)]
mod tests;
