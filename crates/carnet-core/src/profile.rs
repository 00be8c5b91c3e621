//! The customer profile (DOMAIN.md): every fact a consultant keeps, as typed fields; the draft
//! a person types; and the rules that turn one into the other.

use serde::{Deserialize, Serialize};

use crate::birthday::Birthday;
use crate::budget::Budget;
use chrono::NaiveDate;

use crate::choices::{
    DecisionMaker, KeyFact, Level, Payment, Pick, Priority, Purpose, Reason, Source, Title,
};
use crate::phone::Phone;
use crate::timeframe::Timeframe;

/// The longest name Carnet keeps, in characters.
pub const NAME_MAX_CHARS: usize = 100;
/// The longest one-line fact (WeChat id, company, model, plate …), in characters.
pub const SHORT_MAX_CHARS: usize = 200;
/// The longest free text (notes, worries, hobbies …), in characters: as much as a
/// spreadsheet cell holds.
pub const LONG_MAX_CHARS: usize = 32_767;
/// The longest e-mail address, in characters.
pub const EMAIL_MAX_CHARS: usize = 254;
/// At most this many phones, models or tags per customer.
pub const LIST_MAX: usize = 20;
/// The longest tag, in characters.
pub const TAG_MAX_CHARS: usize = 50;

/// A model the customer is interested in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ModelWish {
    pub model: String,
    #[serde(default)]
    pub trim: String,
    #[serde(default)]
    pub colour: String,
}

impl ModelWish {
    /// Reads "model/trim/colour" (trim and colour optional), as the command line writes it.
    pub fn parse(raw: &str) -> ModelWish {
        let mut parts = raw.split(['/', '／']).map(tidy);
        ModelWish {
            model: parts.next().unwrap_or_default(),
            trim: parts.next().unwrap_or_default(),
            colour: parts.collect::<Vec<_>>().join("/"),
        }
    }

    /// The text `parse` reads back.
    pub fn to_input(&self) -> String {
        let mut text = self.model.clone();
        if !self.trim.is_empty() || !self.colour.is_empty() {
            text = format!("{text}/{}", self.trim);
        }
        if !self.colour.is_empty() {
            text = format!("{text}/{}", self.colour);
        }
        text
    }
}

/// What a person typed into the profile form or on the command line, unchecked. Every
/// field is text (or a list of texts), named as in the JSON of a customer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ProfileDraft {
    pub name: String,
    pub title: String,
    pub phones: Vec<String>,
    pub wechat: String,
    pub emails: Vec<String>,
    pub region: String,
    pub address: String,
    pub occupation: String,
    pub company: String,
    pub budget: String,
    pub models: Vec<ModelWish>,
    pub reason: String,
    pub purposes: Vec<String>,
    pub timeframe: String,
    pub level: String,
    pub decision_maker: String,
    pub decision_maker_name: String,
    pub car_brand: String,
    pub car_model: String,
    pub car_year: String,
    pub car_mileage: String,
    pub car_plate: String,
    pub payment: String,
    pub source: String,
    pub cares: String,
    pub worry: String,
    pub personality: String,
    pub priorities: Vec<String>,
    pub special_needs: String,
    pub hobbies: String,
    pub tags: Vec<String>,
    pub notes: String,
    pub birthday: String,
    pub birthday_lunar: bool,
}

/// The customer's current or previous car: the trade-in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CurrentCar {
    pub brand: Option<String>,
    pub model: Option<String>,
    pub year: Option<i32>,
    /// Kilometres.
    pub mileage: Option<i64>,
    pub plate: Option<String>,
}

impl CurrentCar {
    pub fn is_known(&self) -> bool {
        self.brand.is_some() || self.model.is_some() || self.plate.is_some()
    }
}

/// A checked profile: text tidied, phones normalised, budget in yuan, choices typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Profile {
    pub name: String,
    pub title: Option<Title>,
    /// Stored forms (E.164, or `~` and the number as typed when unverified); the first is
    /// the main number.
    #[cfg_attr(feature = "ts", ts(as = "Vec<String>"))]
    pub phones: Vec<Phone>,
    pub wechat: Option<String>,
    pub emails: Vec<String>,
    pub region: Option<String>,
    pub address: Option<String>,
    pub occupation: Option<String>,
    pub company: Option<String>,
    pub budget: Option<Budget>,
    /// What the customer said of the budget when it names no amount ("面议", "看车定").
    pub budget_words: Option<String>,
    pub models: Vec<ModelWish>,
    pub reason: Option<Reason>,
    pub purposes: Vec<Purpose>,
    /// When they mean to buy, as a target day, month or year, or words.
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub timeframe: Option<Timeframe>,
    pub level: Level,
    /// Who decides: one of the list, or the consultant's words for them.
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub decision_maker: Option<Pick<DecisionMaker>>,
    pub decision_maker_name: Option<String>,
    pub current_car: CurrentCar,
    pub payment: Option<Payment>,
    pub source: Option<Source>,
    pub cares: Option<String>,
    pub worry: Option<String>,
    pub personality: Option<String>,
    /// Most important first.
    pub priorities: Vec<Priority>,
    pub special_needs: Option<String>,
    pub hobbies: Option<String>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    pub birthday: Option<Birthday>,
}

/// Why a field's value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
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

/// Trims, folds runs of white space (the ideographic space too) into one space and drops
/// control characters, so that "  张三 " and "张三" are the same.
pub fn tidy(raw: &str) -> String {
    raw.split(|c: char| c.is_whitespace())
        .filter(|part| !part.is_empty())
        .map(|part| part.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
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

fn text(field: &'static str, raw: &str, max: usize) -> Result<Option<String>, Invalid> {
    let value = if max > SHORT_MAX_CHARS {
        tidy_lines(raw)
    } else {
        tidy(raw)
    };
    if value.chars().count() > max {
        return Err(Invalid::new(field, Problem::TooLong { max }));
    }
    Ok((!value.is_empty()).then_some(value))
}

fn choice<T>(
    field: &'static str,
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
            field,
            Problem::InvalidChoice {
                value: raw.to_owned(),
                allowed: codes(),
            },
        )
    })
}

fn choices<T: PartialEq>(
    field: &'static str,
    raw: &[String],
    parse: fn(&str) -> Option<T>,
    codes: fn() -> Vec<&'static str>,
) -> Result<Vec<T>, Invalid> {
    let mut out = Vec::new();
    for item in raw {
        if let Some(value) = choice(field, item, parse, codes)?
            && !out.contains(&value)
        {
            out.push(value);
        }
    }
    Ok(out)
}

fn check_count<T>(field: &'static str, items: Vec<T>) -> Result<Vec<T>, Invalid> {
    if items.len() > LIST_MAX {
        return Err(Invalid::new(field, Problem::TooMany { max: LIST_MAX }));
    }
    Ok(items)
}

/// A whole number, full-width digits, separators and 万 allowed ("5万" km); `None` if empty.
fn number(
    field: &'static str,
    raw: &str,
    range: std::ops::RangeInclusive<i64>,
) -> Result<Option<i64>, Invalid> {
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
            field,
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
    if !value.is_finite() || value < *range.start() as f64 || value > *range.end() as f64 {
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
    if email.chars().count() > EMAIL_MAX_CHARS {
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
fn plate(raw: &str) -> Result<Option<String>, Invalid> {
    let value: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '·' && *c != '-')
        .flat_map(char::to_uppercase)
        .collect();
    text("car_plate", &value, 20)
}

/// The fields of a profile, named as in its JSON and on the command line, in form order.
pub const FIELDS: &[&str] = &[
    "name",
    "title",
    "phones",
    "wechat",
    "emails",
    "region",
    "address",
    "occupation",
    "company",
    "budget",
    "models",
    "reason",
    "purposes",
    "timeframe",
    "level",
    "decision_maker",
    "decision_maker_name",
    "car_brand",
    "car_model",
    "car_year",
    "car_mileage",
    "car_plate",
    "payment",
    "source",
    "cares",
    "worry",
    "personality",
    "priorities",
    "special_needs",
    "hobbies",
    "tags",
    "notes",
    "birthday",
    "birthday_lunar",
];

/// The fields that hold lists; a merge keeps the items of both customers.
const LIST_FIELDS: &[&str] = &[
    "phones",
    "emails",
    "models",
    "purposes",
    "priorities",
    "tags",
];

impl ProfileDraft {
    /// One field as text, in the form `set` reads (lists comma-separated).
    pub fn get(&self, field: &str) -> Option<String> {
        let list = |items: &[String]| items.join(", ");
        Some(match field {
            "name" => self.name.clone(),
            "title" => self.title.clone(),
            "phones" => list(&self.phones),
            "wechat" => self.wechat.clone(),
            "emails" => list(&self.emails),
            "region" => self.region.clone(),
            "address" => self.address.clone(),
            "occupation" => self.occupation.clone(),
            "company" => self.company.clone(),
            "budget" => self.budget.clone(),
            "models" => list(
                &self
                    .models
                    .iter()
                    .map(ModelWish::to_input)
                    .collect::<Vec<_>>(),
            ),
            "reason" => self.reason.clone(),
            "purposes" => list(&self.purposes),
            "timeframe" => self.timeframe.clone(),
            "level" => self.level.clone(),
            "decision_maker" => self.decision_maker.clone(),
            "decision_maker_name" => self.decision_maker_name.clone(),
            "car_brand" => self.car_brand.clone(),
            "car_model" => self.car_model.clone(),
            "car_year" => self.car_year.clone(),
            "car_mileage" => self.car_mileage.clone(),
            "car_plate" => self.car_plate.clone(),
            "payment" => self.payment.clone(),
            "source" => self.source.clone(),
            "cares" => self.cares.clone(),
            "worry" => self.worry.clone(),
            "personality" => self.personality.clone(),
            "priorities" => list(&self.priorities),
            "special_needs" => self.special_needs.clone(),
            "hobbies" => self.hobbies.clone(),
            "tags" => list(&self.tags),
            "notes" => self.notes.clone(),
            "birthday" => self.birthday.clone(),
            "birthday_lunar" => if self.birthday_lunar { "true" } else { "false" }.to_owned(),
            _ => return None,
        })
    }

    /// Checks the draft, on the day `today` it is saved (a timeframe such as "下周" is counted
    /// from it). The first problem found is returned, fields in form order. Values in the
    /// consultant's own words are kept as words (a budget, a timeframe, who decides), and a
    /// phone not valid as written is kept as typed: neither is a problem.
    pub fn validate(&self, today: NaiveDate) -> Result<Profile, Invalid> {
        let name = text("name", &self.name, NAME_MAX_CHARS)?
            .ok_or_else(|| Invalid::new("name", Problem::Required))?;
        let mut phones = Vec::new();
        for raw in &self.phones {
            let raw = raw.trim();
            if raw.is_empty() {
                continue;
            }
            if let Some(phone) = phone_field("phones", raw)?
                && !phones.contains(&phone)
            {
                phones.push(phone);
            }
        }
        let mut emails: Vec<String> = Vec::new();
        for raw in &self.emails {
            if let Some(email) = email_field("emails", raw)?
                && !emails.iter().any(|e| e.eq_ignore_ascii_case(&email))
            {
                emails.push(email);
            }
        }
        let (budget, budget_words) = match self.budget.trim() {
            "" => (None, None),
            raw => match Budget::parse(raw) {
                Some(range) => (Some(range), None),
                None => (None, text("budget", raw, SHORT_MAX_CHARS)?),
            },
        };
        let timeframe = Timeframe::parse(&self.timeframe, today);
        if timeframe
            .as_ref()
            .is_some_and(|t| t.to_input().chars().count() > crate::timeframe::MAX_CHARS)
        {
            return Err(Invalid::new(
                "timeframe",
                Problem::TooLong {
                    max: crate::timeframe::MAX_CHARS,
                },
            ));
        }
        let decision_maker = Pick::<DecisionMaker>::parse(&self.decision_maker);
        if decision_maker
            .as_ref()
            .is_some_and(|d| d.to_input().chars().count() > SHORT_MAX_CHARS)
        {
            return Err(Invalid::new(
                "decision_maker",
                Problem::TooLong {
                    max: SHORT_MAX_CHARS,
                },
            ));
        }
        let mut models = Vec::new();
        for wish in &self.models {
            let wish = ModelWish {
                model: text("models", &wish.model, SHORT_MAX_CHARS)?.unwrap_or_default(),
                trim: text("models", &wish.trim, SHORT_MAX_CHARS)?.unwrap_or_default(),
                colour: text("models", &wish.colour, SHORT_MAX_CHARS)?.unwrap_or_default(),
            };
            if wish.model.is_empty() {
                if wish.trim.is_empty() && wish.colour.is_empty() {
                    continue;
                }
                return Err(Invalid::new("models", Problem::Required));
            }
            if !models.contains(&wish) {
                models.push(wish);
            }
        }
        let mut tags: Vec<String> = Vec::new();
        for raw in &self.tags {
            if let Some(tag) = text("tags", raw.trim_start_matches('#'), TAG_MAX_CHARS)?
                && !tags.contains(&tag)
            {
                tags.push(tag);
            }
        }
        let birthday = birthday_field("birthday", &self.birthday, self.birthday_lunar)?;
        let short = |field, raw: &str| text(field, raw, SHORT_MAX_CHARS);
        let long = |field, raw: &str| text(field, raw, LONG_MAX_CHARS);
        Ok(Profile {
            name,
            title: choice("title", &self.title, Title::parse, Title::codes)?,
            phones: check_count("phones", phones)?,
            wechat: short("wechat", &self.wechat)?,
            emails: check_count("emails", emails)?,
            region: short("region", &self.region)?,
            address: short("address", &self.address)?,
            occupation: short("occupation", &self.occupation)?,
            company: short("company", &self.company)?,
            budget,
            budget_words,
            models: check_count("models", models)?,
            reason: choice("reason", &self.reason, Reason::parse, Reason::codes)?,
            purposes: choices("purposes", &self.purposes, Purpose::parse, Purpose::codes)?,
            timeframe,
            level: choice("level", &self.level, Level::parse, Level::codes)?.unwrap_or(Level::N),
            decision_maker,
            decision_maker_name: short("decision_maker_name", &self.decision_maker_name)?,
            current_car: CurrentCar {
                brand: short("car_brand", &self.car_brand)?,
                model: short("car_model", &self.car_model)?,
                year: number("car_year", &self.car_year, 1950..=2100)?.map(|y| y as i32),
                mileage: number("car_mileage", &self.car_mileage, 0..=10_000_000)?,
                plate: plate(&self.car_plate)?,
            },
            payment: choice("payment", &self.payment, Payment::parse, Payment::codes)?,
            source: choice("source", &self.source, Source::parse, Source::codes)?,
            cares: long("cares", &self.cares)?,
            worry: long("worry", &self.worry)?,
            personality: long("personality", &self.personality)?,
            priorities: choices(
                "priorities",
                &self.priorities,
                Priority::parse,
                Priority::codes,
            )?,
            special_needs: long("special_needs", &self.special_needs)?,
            hobbies: long("hobbies", &self.hobbies)?,
            tags: check_count("tags", tags)?,
            notes: long("notes", &self.notes)?,
            birthday,
        })
    }

    /// Sets one field from text, as `carnet edit --set FIELD=VALUE` does: list fields take
    /// comma-separated values (、，; too) that replace the list; models are "model/trim/colour".
    pub fn set(&mut self, field: &str, value: &str) -> Result<(), Invalid> {
        let list = || -> Vec<String> {
            value
                .split([',', '，', '、', ';', '；'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let value = value.to_owned();
        match field {
            "name" => self.name = value,
            "title" => self.title = value,
            "phones" => self.phones = list(),
            "wechat" => self.wechat = value,
            "emails" => self.emails = list(),
            "region" => self.region = value,
            "address" => self.address = value,
            "occupation" => self.occupation = value,
            "company" => self.company = value,
            "budget" => self.budget = value,
            "models" => self.models = list().iter().map(|m| ModelWish::parse(m)).collect(),
            "reason" => self.reason = value,
            "purposes" => self.purposes = list(),
            "timeframe" => self.timeframe = value,
            "level" => self.level = value,
            "decision_maker" => self.decision_maker = value,
            "decision_maker_name" => self.decision_maker_name = value,
            "car_brand" => self.car_brand = value,
            "car_model" => self.car_model = value,
            "car_year" => self.car_year = value,
            "car_mileage" => self.car_mileage = value,
            "car_plate" => self.car_plate = value,
            "payment" => self.payment = value,
            "source" => self.source = value,
            "cares" => self.cares = value,
            "worry" => self.worry = value,
            "personality" => self.personality = value,
            "priorities" => self.priorities = list(),
            "special_needs" => self.special_needs = value,
            "hobbies" => self.hobbies = value,
            "tags" => self.tags = list(),
            "notes" => self.notes = value,
            "birthday" => self.birthday = value,
            "birthday_lunar" => {
                self.birthday_lunar = match value.trim() {
                    "true" | "yes" | "1" | "农历" | "農曆" => true,
                    "false" | "no" | "0" | "" | "公历" | "公曆" => false,
                    other => {
                        return Err(Invalid::new(
                            "birthday_lunar",
                            Problem::InvalidChoice {
                                value: other.to_owned(),
                                allowed: vec!["true", "false"],
                            },
                        ));
                    }
                }
            }
            other => {
                return Err(Invalid::new(
                    "field",
                    Problem::UnknownField {
                        value: other.to_owned(),
                    },
                ));
            }
        }
        Ok(())
    }
}

/// The fields where two customers hold different known values: what a merge asks about.
/// (Lists are not conflicts: a merge keeps the items of both.)
pub fn merge_conflicts(survivor: &Profile, loser: &Profile) -> Vec<&'static str> {
    let (a, b) = (survivor.to_draft(), loser.to_draft());
    FIELDS
        .iter()
        .copied()
        .filter(|f| !LIST_FIELDS.contains(f) && *f != "birthday_lunar")
        .filter(|f| {
            let (x, y) = (a.get(f).unwrap_or_default(), b.get(f).unwrap_or_default());
            let unknown = |v: &str| v.is_empty() || (*f == "level" && v == "N");
            !unknown(&x)
                && !unknown(&y)
                && (x != y || (*f == "birthday" && a.birthday_lunar != b.birthday_lunar))
        })
        .collect()
}

/// The profile two customers merge into: the survivor's facts, the loser's where the
/// survivor's are unknown or where the consultant chose the loser's (`take_from_loser`, field
/// names), and the items of both in every list.
pub fn merge(
    survivor: &Profile,
    loser: &Profile,
    take_from_loser: &[String],
    today: NaiveDate,
) -> Result<Profile, Invalid> {
    let (a, b) = (survivor.to_draft(), loser.to_draft());
    let mut merged = a.clone();
    for &field in FIELDS {
        if field == "birthday_lunar" {
            continue;
        }
        let (x, y) = (
            a.get(field).unwrap_or_default(),
            b.get(field).unwrap_or_default(),
        );
        if LIST_FIELDS.contains(&field) {
            let both = [x, y]
                .into_iter()
                .filter(|v| !v.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            merged.set(field, &both)?;
            continue;
        }
        let unknown = x.is_empty() || (field == "level" && x == "N");
        if unknown || take_from_loser.iter().any(|t| t == field) {
            if y.is_empty() {
                continue;
            }
            merged.set(field, &y)?;
            if field == "birthday" {
                merged.birthday_lunar = b.birthday_lunar;
            }
        }
    }
    merged.validate(today)
}

impl Profile {
    /// A profile with only a name (and phone), the rest unknown.
    pub fn named(name: impl Into<String>, phone: Option<Phone>) -> Profile {
        Profile {
            name: name.into(),
            title: None,
            phones: phone.into_iter().collect(),
            wechat: None,
            emails: Vec::new(),
            region: None,
            address: None,
            occupation: None,
            company: None,
            budget: None,
            budget_words: None,
            models: Vec::new(),
            reason: None,
            purposes: Vec::new(),
            timeframe: None,
            level: Level::N,
            decision_maker: None,
            decision_maker_name: None,
            current_car: CurrentCar::default(),
            payment: None,
            source: None,
            cares: None,
            worry: None,
            personality: None,
            priorities: Vec::new(),
            special_needs: None,
            hobbies: None,
            tags: Vec::new(),
            notes: None,
            birthday: None,
        }
    }

    /// The main phone.
    pub fn phone(&self) -> Option<&Phone> {
        self.phones.first()
    }

    /// The budget as the edit form shows it: the range ("15-20万"), or the words.
    pub fn budget_input(&self) -> String {
        match (&self.budget, &self.budget_words) {
            (Some(range), _) => range.to_input(),
            (None, Some(words)) => words.clone(),
            (None, None) => String::new(),
        }
    }

    /// The profile as a draft that validates back to it: what an edit form starts from.
    pub fn to_draft(&self) -> ProfileDraft {
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        let code = |c: Option<&'static str>| c.unwrap_or_default().to_owned();
        ProfileDraft {
            name: self.name.clone(),
            title: code(self.title.map(Title::code)),
            phones: self.phones.iter().map(Phone::input).collect(),
            wechat: s(&self.wechat),
            emails: self.emails.clone(),
            region: s(&self.region),
            address: s(&self.address),
            occupation: s(&self.occupation),
            company: s(&self.company),
            budget: self.budget_input(),
            models: self.models.clone(),
            reason: code(self.reason.map(Reason::code)),
            purposes: self.purposes.iter().map(|p| p.code().to_owned()).collect(),
            timeframe: self
                .timeframe
                .as_ref()
                .map(Timeframe::to_input)
                .unwrap_or_default(),
            level: self.level.code().to_owned(),
            decision_maker: self
                .decision_maker
                .as_ref()
                .map(Pick::to_input)
                .unwrap_or_default(),
            decision_maker_name: s(&self.decision_maker_name),
            car_brand: s(&self.current_car.brand),
            car_model: s(&self.current_car.model),
            car_year: self
                .current_car
                .year
                .map(|y| y.to_string())
                .unwrap_or_default(),
            car_mileage: self
                .current_car
                .mileage
                .map(|m| m.to_string())
                .unwrap_or_default(),
            car_plate: s(&self.current_car.plate),
            payment: code(self.payment.map(Payment::code)),
            source: code(self.source.map(Source::code)),
            cares: s(&self.cares),
            worry: s(&self.worry),
            personality: s(&self.personality),
            priorities: self
                .priorities
                .iter()
                .map(|p| p.code().to_owned())
                .collect(),
            special_needs: s(&self.special_needs),
            hobbies: s(&self.hobbies),
            tags: self.tags.clone(),
            notes: s(&self.notes),
            birthday: self.birthday.map(|b| b.to_input()).unwrap_or_default(),
            birthday_lunar: self.birthday.is_some_and(|b| b.is_lunar()),
        }
    }

    /// A key fact in its input form, the empty string when unknown; what the history of key
    /// facts keeps ("15万" → "15-20万").
    pub fn key_fact(&self, fact: KeyFact) -> String {
        let draft_list = |items: Vec<String>| items.join(", ");
        match fact {
            KeyFact::Phone => draft_list(self.phones.iter().map(Phone::input).collect()),
            KeyFact::Model => draft_list(self.models.iter().map(ModelWish::to_input).collect()),
            KeyFact::Budget => self.budget_input(),
            KeyFact::Timeframe => self
                .timeframe
                .as_ref()
                .map(Timeframe::to_input)
                .unwrap_or_default(),
            KeyFact::Purpose => draft_list(self.purposes.iter().map(|p| p.code().into()).collect()),
            KeyFact::DecisionMaker => {
                let who = self
                    .decision_maker
                    .as_ref()
                    .map(Pick::to_input)
                    .unwrap_or_default();
                match &self.decision_maker_name {
                    Some(name) => format!("{who} {name}").trim().to_owned(),
                    None => who.to_owned(),
                }
            }
            KeyFact::Payment => self.payment.map(Payment::code).unwrap_or_default().into(),
            KeyFact::CurrentCar => {
                let car = &self.current_car;
                [
                    car.brand.clone(),
                    car.model.clone(),
                    car.year.map(|y| y.to_string()),
                    car.plate.clone(),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ")
            }
        }
    }

    /// The key facts still unknown, in the order a consultant would ask for them.
    pub fn unknown_key_facts(&self) -> Vec<KeyFact> {
        KeyFact::ALL
            .iter()
            .copied()
            .filter(|f| match f {
                KeyFact::DecisionMaker => self.decision_maker.is_none(),
                KeyFact::CurrentCar => !self.current_car.is_known(),
                // Words that name no amount or no time ("面议", "待定") are still to ask.
                KeyFact::Budget => self.budget.is_none(),
                KeyFact::Timeframe => {
                    matches!(self.timeframe, None | Some(Timeframe::Words(_)))
                }
                other => self.key_fact(*other).is_empty(),
            })
            .collect()
    }

    /// How complete the profile is, in percent of the key facts known.
    pub fn completeness(&self) -> u8 {
        let total = KeyFact::ALL.len();
        let known = total - self.unknown_key_facts().len();
        u8::try_from(known * 100 / total).unwrap_or(100)
    }

    /// The key facts that differ from `before`, each with its old and new input form.
    pub fn key_fact_changes(&self, before: &Profile) -> Vec<(KeyFact, String, String)> {
        KeyFact::ALL
            .iter()
            .filter_map(|&f| {
                let (old, new) = (before.key_fact(f), self.key_fact(f));
                (old != new).then_some((f, old, new))
            })
            .collect()
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid")
    }

    fn full() -> ProfileDraft {
        let mut d = ProfileDraft {
            name: " 张三 ".into(),
            ..ProfileDraft::default()
        };
        for (field, value) in [
            ("title", "先生"),
            ("phones", "138 1234 5678, 010-6552 8899 转 123"),
            ("wechat", "zhangsan_88"),
            ("region", "深圳市南山区"),
            ("occupation", "工程师"),
            ("company", "腾讯"),
            ("budget", "15-20万"),
            ("models", "汉/冠军版/雪域白, 海豹"),
            ("reason", "replacement"),
            ("purposes", "commute、家用"),
            ("timeframe", "within_30_days"),
            ("level", "b"),
            ("decision_maker", "spouse"),
            ("decision_maker_name", "李娜"),
            ("car_brand", "大众"),
            ("car_model", "朗逸"),
            ("car_year", "2016"),
            ("car_mileage", "8.5万"),
            ("car_plate", "粤b 12345"),
            ("payment", "贷款"),
            ("source", "referral"),
            ("worry", "续航"),
            ("priorities", "safety,space,price,safety"),
            ("tags", "VIP, #二胎, VIP"),
            ("notes", "  周末试驾\n\n带孩子  "),
            ("birthday", "10-08"),
            ("birthday_lunar", "true"),
        ] {
            d.set(field, value)
                .unwrap_or_else(|e| panic!("{field}: {e:?}"));
        }
        d
    }

    #[test]
    fn a_full_profile_is_typed() {
        let p = full().validate(today()).expect("valid");
        assert_eq!(p.name, "张三");
        assert_eq!(p.title, Some(Title::Mr));
        let phones: Vec<&str> = p.phones.iter().map(Phone::stored).collect();
        assert_eq!(phones, ["+8613812345678", "+861065528899;ext=123"]);
        assert_eq!(
            p.budget.map(|b| (b.min, b.max)),
            Some((Some(150_000), 200_000))
        );
        assert_eq!(p.models.len(), 2);
        assert_eq!(
            (p.models[0].trim.as_str(), p.models[0].colour.as_str()),
            ("冠军版", "雪域白")
        );
        assert_eq!(p.purposes, [Purpose::Commute, Purpose::Family]);
        assert_eq!(p.level, Level::B);
        assert_eq!(p.current_car.mileage, Some(85_000));
        assert_eq!(p.current_car.plate.as_deref(), Some("粤B12345"));
        assert_eq!(p.payment, Some(Payment::Loan));
        assert_eq!(
            p.priorities,
            [Priority::Safety, Priority::Space, Priority::Price]
        );
        assert_eq!(p.tags, ["VIP", "二胎"]);
        assert_eq!(p.notes.as_deref(), Some("周末试驾\n\n带孩子"));
        assert!(p.birthday.is_some_and(|b| b.is_lunar() && b.year.is_none()));
        assert_eq!(p.completeness(), 100);
        assert!(p.unknown_key_facts().is_empty());
    }

    #[test]
    fn the_draft_of_a_profile_validates_back_to_it() {
        let p = full().validate(today()).expect("valid");
        assert_eq!(p.to_draft().validate(today()), Ok(p.clone()));
        let bare = Profile::named("李四", None);
        assert_eq!(bare.to_draft().validate(today()), Ok(bare));
    }

    #[test]
    fn bad_values_name_their_field() {
        let long = "字".repeat(SHORT_MAX_CHARS + 1);
        let cases: [(&str, &str, &str); 12] = [
            ("name", "  ", "name"),
            ("phones", "13812345678, 没有", "phones"),
            ("emails", "zhang@", "emails"),
            ("timeframe", &long, "timeframe"),
            ("level", "Z", "level"),
            ("title", "陛下", "title"),
            ("purposes", "commute,flying", "purposes"),
            ("car_year", "1800", "car_year"),
            ("car_mileage", "很远", "car_mileage"),
            ("birthday", "02-30", "birthday"),
            ("company", &long, "company"),
            ("models", "/冠军版", "models"),
        ];
        for (field, value, named) in cases {
            let mut d = ProfileDraft {
                name: "张三".into(),
                ..ProfileDraft::default()
            };
            d.set(field, value).expect("set");
            let err = d.validate(today()).expect_err(value);
            assert_eq!(err.field, named, "{field}={value}: {err:?}");
        }
        let mut d = ProfileDraft::default();
        assert_eq!(
            d.set("shoe_size", "42").expect_err("unknown").field,
            "field"
        );
        assert_eq!(
            d.set("birthday_lunar", "maybe").expect_err("bad").field,
            "birthday_lunar"
        );
    }

    #[test]
    fn words_are_kept_as_words_and_numbers_as_typed() {
        let mut d = ProfileDraft {
            name: "张三".into(),
            ..ProfileDraft::default()
        };
        for (field, value) in [
            ("budget", "面议"),
            ("timeframe", "看政策"),
            ("decision_maker", "岳父说了算"),
            ("phones", "905-555-1234, 13812345678"),
            ("emails", "Zhang.San@Example.com, zhang.san@example.com"),
        ] {
            d.set(field, value).expect("set");
        }
        let p = d.validate(today()).expect("valid");
        assert_eq!(p.budget, None);
        assert_eq!(p.budget_words.as_deref(), Some("面议"));
        assert_eq!(p.timeframe, Some(Timeframe::Words("看政策".into())));
        assert_eq!(p.decision_maker, Some(Pick::Words("岳父说了算".into())));
        assert!(!p.phones[0].is_verified() && p.phones[1].is_verified());
        assert_eq!(p.emails, ["Zhang.San@Example.com"], "the same address once");
        // Words name no amount and no time: still to ask. Who decides is known.
        let unknown = p.unknown_key_facts();
        assert!(unknown.contains(&KeyFact::Budget) && unknown.contains(&KeyFact::Timeframe));
        assert!(!unknown.contains(&KeyFact::DecisionMaker));
        assert_eq!(p.to_draft().validate(today()), Ok(p.clone()));
        // A window is kept as the day it ends, read back the same on any later day.
        d.set("timeframe", "一个月内").expect("set");
        let p = d.validate(today()).expect("valid");
        assert_eq!(
            p.timeframe,
            NaiveDate::from_ymd_opt(2026, 12, 25).map(Timeframe::By)
        );
        let later = NaiveDate::from_ymd_opt(2027, 5, 1).expect("valid");
        assert_eq!(p.to_draft().validate(later), Ok(p));
    }

    #[test]
    fn unknown_key_facts_and_completeness() {
        let mut p = Profile::named("李四", Phone::parse("13812345678"));
        assert_eq!(
            p.unknown_key_facts(),
            [
                KeyFact::Model,
                KeyFact::Budget,
                KeyFact::Timeframe,
                KeyFact::Purpose,
                KeyFact::DecisionMaker,
                KeyFact::Payment,
                KeyFact::CurrentCar
            ]
        );
        assert_eq!(p.completeness(), 12);
        p.budget = Budget::parse("15万");
        p.payment = Some(Payment::Cash);
        p.current_car.brand = Some("大众".into());
        assert_eq!(p.completeness(), 50);
    }

    #[test]
    fn key_fact_changes_keep_the_input_form() {
        let before = full().validate(today()).expect("valid");
        let mut after = before.clone();
        after.budget = Budget::parse("20万");
        after.payment = None;
        after.notes = Some("not a key fact".into());
        assert_eq!(
            after.key_fact_changes(&before),
            [
                (KeyFact::Budget, "15-20万".into(), "20万".into()),
                (KeyFact::Payment, "loan".into(), String::new()),
            ]
        );
        assert!(before.key_fact_changes(&before).is_empty());
    }

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

    #[test]
    fn a_merge_keeps_both_lists_and_asks_only_about_real_conflicts() {
        let survivor = {
            let mut d = ProfileDraft {
                name: "张三".into(),
                ..ProfileDraft::default()
            };
            d.set("phones", "13812345678").expect("set");
            d.set("budget", "15万").expect("set");
            d.set("tags", "VIP").expect("set");
            d.validate(today()).expect("valid")
        };
        let loser = full().validate(today()).expect("valid");
        let conflicts = merge_conflicts(&survivor, &loser);
        assert_eq!(
            conflicts,
            ["budget"],
            "the name is the same; lists are kept whole"
        );

        let kept = merge(&survivor, &loser, &[], today()).expect("merge");
        assert_eq!(
            kept.budget,
            Budget::parse("15万"),
            "the survivor's by default"
        );
        assert_eq!(kept.tags, ["VIP", "二胎"]);
        assert_eq!(
            kept.phones.len(),
            2,
            "13812345678 once, and the extension line"
        );
        assert_eq!(
            kept.wechat.as_deref(),
            Some("zhangsan_88"),
            "unknown facts filled in"
        );
        assert_eq!(kept.level, Level::B, "N is not a known level");
        assert!(kept.birthday.is_some_and(|b| b.is_lunar()));

        let chosen = merge(&survivor, &loser, &["budget".into()], today()).expect("merge");
        assert_eq!(
            chosen.budget,
            Budget::parse("15-20万"),
            "the consultant's choice"
        );
    }

    #[test]
    fn every_field_can_be_read_and_set_by_name() {
        let draft = full();
        let mut copy = ProfileDraft::default();
        for field in FIELDS {
            let value = draft.get(field).unwrap_or_else(|| panic!("get {field}"));
            copy.set(field, &value)
                .unwrap_or_else(|e| panic!("set {field}: {e:?}"));
        }
        assert_eq!(copy.validate(today()), draft.validate(today()));
        assert_eq!(draft.get("shoe_size"), None);
    }

    #[test]
    fn models_on_the_command_line() {
        let cases = [
            ("汉", ("汉", "", "")),
            ("汉/冠军版", ("汉", "冠军版", "")),
            ("汉 / 冠军版 / 雪域白", ("汉", "冠军版", "雪域白")),
            ("汉//雪域白", ("汉", "", "雪域白")),
        ];
        for (raw, (model, trim, colour)) in cases {
            let wish = ModelWish::parse(raw);
            assert_eq!(
                (
                    wish.model.as_str(),
                    wish.trim.as_str(),
                    wish.colour.as_str()
                ),
                (model, trim, colour),
                "{raw}"
            );
            assert_eq!(ModelWish::parse(&wish.to_input()), wish);
        }
    }
}
