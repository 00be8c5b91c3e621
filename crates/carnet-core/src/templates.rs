//! Message templates: what a consultant sends a customer for an occasion (a birthday, a
//! holiday, a service date …), in 简体, 繁體 or English, with merge fields the customer's
//! facts fill in.
//!
//! A merge field is written in braces, by its Chinese name (`{称呼}`, or the traditional
//! `{稱呼}`) or by its code (`{salutation}`): the three spellings read the same in any
//! language; the default Chinese templates use the names, the English ones the codes
//! ([`MergeField`] declares them once). `{{` and `}}` are a literal brace. A field this
//! customer has no value for is listed as missing, and the message is not offered until it
//! is filled in or removed; a name in braces that is no field is refused, naming it.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};

use crate::birthday::{Birthday, Calendar};
use crate::choices::{InteractionKind, MergeField, Occasion, PromptKind, TextLanguage, Title};
use crate::followup::{AfterSaleKind, PromptParams, Rules};
use crate::history::Interaction;
use crate::profile::{Invalid, Problem, Profile};

mod defaults;
mod words;

pub use defaults::{DEFAULTS, occasion_name};

/// The most characters a template's body may hold (a long WeChat message, several SMS).
pub const BODY_MAX_CHARS: usize = 1000;
/// The most characters a template's name may hold.
pub const NAME_MAX_CHARS: usize = 50;
/// How many days after an after-sale date (a service, an expiry) it still counts as the
/// next one: the follow-up engine's grace for after-sale prompts.
const AFTER_SALE_GRACE_DAYS: u64 = 30;

/// A template: built in (`default:OCCASION:LANGUAGE`, perhaps edited) or the consultant's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub id: String,
    pub occasion: Occasion,
    pub language: TextLanguage,
    pub name: String,
    pub body: String,
}

/// The id of an occasion's built-in template in a language.
pub fn default_id(occasion: Occasion, language: TextLanguage) -> String {
    format!("default:{}:{}", occasion.code(), language.code())
}

/// The occasion and language a built-in template's id names; `None` for any other id.
pub fn parse_default_id(id: &str) -> Option<(Occasion, TextLanguage)> {
    let rest = id.strip_prefix("default:")?;
    let (occasion, language) = rest.split_once(':')?;
    let occasion = Occasion::ALL
        .iter()
        .copied()
        .find(|o| o.code() == occasion)?;
    let language = TextLanguage::ALL
        .iter()
        .copied()
        .find(|l| l.code() == language)?;
    Some((occasion, language))
}

/// Every built-in template, by occasion then language.
pub fn defaults() -> Vec<Template> {
    let mut out = Vec::new();
    for occasion in Occasion::ALL {
        for language in TextLanguage::ALL {
            if let Some(body) = default_body(*occasion, *language) {
                out.push(Template {
                    id: default_id(*occasion, *language),
                    occasion: *occasion,
                    language: *language,
                    name: occasion_name(*occasion, *language).to_owned(),
                    body: body.to_owned(),
                });
            }
        }
    }
    out
}

/// The built-in body of an occasion's template in a language.
pub fn default_body(occasion: Occasion, language: TextLanguage) -> Option<&'static str> {
    DEFAULTS
        .iter()
        .find(|(o, _, _, _)| *o == occasion)
        .map(|(_, hans, hant, en)| match language {
            TextLanguage::ZhHans => *hans,
            TextLanguage::ZhHant => *hant,
            TextLanguage::En => *en,
        })
}

/// The name a template in `language` writes a field by (what the editor's chips insert).
pub fn field_name(field: MergeField, language: TextLanguage) -> &'static str {
    match language {
        TextLanguage::ZhHans => field.word(),
        TextLanguage::ZhHant => field.traditional(),
        TextLanguage::En => field.code(),
    }
}

/// The occasion a prompt calls for, if a message fits it: a birthday (the customer's, solar
/// or lunar, or a family member's), a holiday Carnet has words for, an after-sale date (the
/// first service, insurance, inspection, the delivery's anniversary), a complaint or the
/// check after it, a lost customer's revisit.
pub fn occasion_of(kind: PromptKind, params: &PromptParams) -> Option<Occasion> {
    match (kind, params) {
        (PromptKind::Birthday, PromptParams::Birthday { who, calendar, .. }) => {
            Some(match (who.as_str(), calendar) {
                ("self", Calendar::Solar) => Occasion::Birthday,
                ("self", Calendar::Lunar) => Occasion::LunarBirthday,
                _ => Occasion::FamilyBirthday,
            })
        }
        (PromptKind::Holiday, PromptParams::Holiday { holiday }) => holiday_occasion(holiday),
        (PromptKind::AfterSale, PromptParams::AfterSale { step, .. }) => match step {
            AfterSaleKind::Service => Some(Occasion::FirstService),
            AfterSaleKind::Insurance => Some(Occasion::InsuranceRenewal),
            AfterSaleKind::Inspection => Some(Occasion::Inspection),
            AfterSaleKind::Anniversary => Some(Occasion::DeliveryAnniversary),
            AfterSaleKind::Call => None,
        },
        (PromptKind::Complaint | PromptKind::SatisfactionCheck, _) => {
            Some(Occasion::ComplaintFollowUp)
        }
        (PromptKind::Revisit, _) => Some(Occasion::WinBack),
        _ => None,
    }
}

/// The greeting occasion of a holiday's code (the follow-up rules' `holidays`).
fn holiday_occasion(code: &str) -> Option<Occasion> {
    match code {
        "spring_festival" => Some(Occasion::SpringFestival),
        "dragon_boat" => Some(Occasion::DragonBoat),
        "mid_autumn" => Some(Occasion::MidAutumn),
        "national_day" => Some(Occasion::NationalDay),
        "new_year" => Some(Occasion::NewYear),
        _ => None,
    }
}

/// A piece of a template: text as written, or a merge field (and how it was written).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Brace(char),
    Field(MergeField, &'a str),
}

/// What a `{` opens: the name up to its `}` (no other brace or line break between), and the
/// text after it; `None` for a brace that opens nothing.
fn braced(after_open: &str) -> Option<(&str, &str)> {
    let end = after_open.find(['{', '}', '\n'])?;
    after_open[end..]
        .starts_with('}')
        .then(|| (&after_open[..end], &after_open[end + 1..]))
}

/// The merge field a name in braces is (`称呼`, `稱呼`, `salutation`).
fn field(written: &str) -> Option<MergeField> {
    MergeField::parse(written).filter(|_| !written.trim().is_empty())
}

/// Reads a body into pieces; names in braces that are no field are refused, all named.
fn pieces(body: &str) -> Result<Vec<Piece<'_>>, Invalid> {
    let mut out = Vec::new();
    let mut unknown: Vec<&str> = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find(['{', '}']) {
        if at > 0 {
            out.push(Piece::Text(&rest[..at]));
        }
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("{{") {
            out.push(Piece::Brace('{'));
            rest = after;
        } else if let Some(after) = tail.strip_prefix("}}") {
            out.push(Piece::Brace('}'));
            rest = after;
        } else if let Some(after) = tail.strip_prefix('{') {
            match braced(after) {
                Some((written, next)) => {
                    match field(written) {
                        Some(field) => out.push(Piece::Field(field, written)),
                        None => unknown.push(written),
                    }
                    rest = next;
                }
                // A brace that opens nothing is a brace.
                None => {
                    out.push(Piece::Text(&tail[..1]));
                    rest = after;
                }
            }
        } else {
            out.push(Piece::Text(&tail[..1]));
            rest = &tail[1..];
        }
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    if unknown.is_empty() {
        Ok(out)
    } else {
        unknown.dedup();
        Err(Invalid::new(
            "body",
            Problem::UnknownField {
                value: unknown
                    .iter()
                    .map(|u| format!("{{{u}}}"))
                    .collect::<Vec<_>>()
                    .join(" "),
            },
        ))
    }
}

/// Checks a template as the consultant saved it: a name (up to [`NAME_MAX_CHARS`]), a body
/// (up to [`BODY_MAX_CHARS`]) whose braces name only merge fields.
pub fn check(name: &str, body: &str) -> Result<(), Invalid> {
    if name.trim().is_empty() {
        return Err(Invalid::new("name", Problem::Required));
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(Invalid::new(
            "name",
            Problem::TooLong {
                max: NAME_MAX_CHARS,
            },
        ));
    }
    if body.trim().is_empty() {
        return Err(Invalid::new("body", Problem::Required));
    }
    if body.chars().count() > BODY_MAX_CHARS {
        return Err(Invalid::new(
            "body",
            Problem::TooLong {
                max: BODY_MAX_CHARS,
            },
        ));
    }
    pieces(body).map(|_| ())
}

/// The fields a body uses, in the order they first appear.
pub fn fields_used(body: &str) -> Result<Vec<MergeField>, Invalid> {
    let mut out = Vec::new();
    for piece in pieces(body)? {
        if let Piece::Field(field, _) = piece
            && !out.contains(&field)
        {
            out.push(field);
        }
    }
    Ok(out)
}

/// The values of the merge fields for one customer and message; a field absent has none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeValues(BTreeMap<MergeField, String>);

impl MergeValues {
    pub fn get(&self, field: MergeField) -> Option<&str> {
        self.0.get(&field).map(String::as_str)
    }

    /// Sets a field; an empty (or blank) value leaves it without one.
    pub fn set(&mut self, field: MergeField, value: impl Into<String>) {
        let value = value.into();
        if value.trim().is_empty() {
            self.0.remove(&field);
        } else {
            self.0.insert(field, value.trim().to_owned());
        }
    }

    /// Every field with a value.
    pub fn known(&self) -> impl Iterator<Item = (MergeField, &str)> {
        self.0.iter().map(|(f, v)| (*f, v.as_str()))
    }
}

/// A template rendered for a customer: the text, and the fields it uses that have no value
/// (left in the text as written, `{车型}`). A message with a field missing is not offered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub missing: Vec<MergeField>,
}

impl Rendered {
    /// Whether the text may be sent as it is: no field left unfilled.
    pub fn complete(&self) -> bool {
        self.missing.is_empty()
    }
}

/// Fills a template's fields with the customer's values.
pub fn render(body: &str, values: &MergeValues) -> Result<Rendered, Invalid> {
    let mut text = String::with_capacity(body.len() + 32);
    let mut missing = Vec::new();
    for piece in pieces(body)? {
        match piece {
            Piece::Text(t) => text.push_str(t),
            Piece::Brace(c) => text.push(c),
            Piece::Field(field, written) => match values.get(field) {
                Some(value) => text.push_str(value),
                None => {
                    text.push('{');
                    text.push_str(written);
                    text.push('}');
                    if !missing.contains(&field) {
                        missing.push(field);
                    }
                }
            },
        }
    }
    Ok(Rendered { text, missing })
}

/// The merge fields a text still holds unfilled, as written (`{车型}`): a text with any is
/// not sent. Braces around anything else are the consultant's own.
pub fn unfilled(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match braced(after) {
            Some((written, next)) => {
                if field(written).is_some() && !out.iter().any(|f| f[1..f.len() - 1] == *written) {
                    out.push(format!("{{{written}}}"));
                }
                rest = next;
            }
            None => rest = after,
        }
    }
    out
}

/// Who sends the message, from the consultant's settings (empty: not set).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sender {
    pub consultant: String,
    pub phone: String,
    pub dealership: String,
    /// The current offer (优惠), as the consultant words it ("置换补贴5000元").
    pub offer: String,
}

/// Everything a message's fields are filled from.
#[derive(Debug, Clone)]
pub struct MessageFacts<'a> {
    pub profile: &'a Profile,
    /// The customer's interactions, oldest first.
    pub interactions: &'a [Interaction],
    pub rules: &'a Rules,
    pub sender: &'a Sender,
    /// The prompt the message answers, if any (whose birthday, which holiday, which year).
    pub prompt: Option<&'a PromptParams>,
    pub occasion: Occasion,
    pub language: TextLanguage,
    pub today: NaiveDate,
}

/// The merge values for one customer, message and language.
pub fn merge_values(f: &MessageFacts<'_>) -> MergeValues {
    let lang = f.language;
    let p = f.profile;
    let mut v = MergeValues::default();
    v.set(MergeField::Name, p.name.clone());
    v.set(MergeField::Salutation, salutation(&p.name, p.title, lang));
    // The car: the one ordered or delivered last, else the first one they want.
    let sold = f
        .interactions
        .iter()
        .rev()
        .filter(|i| {
            matches!(
                i.facts.kind,
                InteractionKind::Order | InteractionKind::Delivery
            )
        })
        .find_map(|i| i.sale.model.clone());
    let model = sold.or_else(|| p.models.first().map(|m| m.model.clone()));
    v.set(MergeField::Model, model.unwrap_or_default());
    let delivery = f
        .interactions
        .iter()
        .rev()
        .find(|i| i.facts.kind == InteractionKind::Delivery);
    let plate = delivery
        .and_then(|d| d.sale.plate.clone())
        .or_else(|| p.current_car.plate.clone());
    v.set(MergeField::Plate, plate.unwrap_or_default());
    if let Some(delivered) = delivery.map(|d| d.facts.at.date()) {
        v.set(MergeField::DeliveryDate, words::date(delivered, lang));
        let year = match f.prompt {
            Some(PromptParams::AfterSale {
                step: AfterSaleKind::Anniversary,
                year,
                ..
            }) => Some(*year),
            _ => next_anniversary(delivered, f.today),
        };
        if let Some(year) = year.filter(|y| *y > 0) {
            v.set(MergeField::Anniversary, words::ordinal(year, lang));
        }
        let next = |kind| next_after_sale(delivered, f.rules, kind, f.today);
        for (field, kind) in [
            (MergeField::NextService, AfterSaleKind::Service),
            (MergeField::InsuranceDue, AfterSaleKind::Insurance),
            (MergeField::InspectionDue, AfterSaleKind::Inspection),
        ] {
            if let Some(date) = next(kind) {
                v.set(field, words::date(date, lang));
            }
        }
    }
    // Whose birthday: the prompt's (the customer or a family member), else the customer's.
    match f.prompt {
        Some(PromptParams::Birthday {
            who,
            calendar,
            month,
            day,
            ..
        }) => {
            v.set(
                MergeField::Birthday,
                words::birthday(*calendar, *month, *day, lang),
            );
            if who != "self" {
                v.set(MergeField::Relative, words::relation(who, lang));
            }
        }
        _ => {
            if let Some(Birthday {
                calendar,
                month,
                day,
                ..
            }) = p.birthday
            {
                v.set(
                    MergeField::Birthday,
                    words::birthday(calendar, month, day, lang),
                );
            }
        }
    }
    let holiday = match f.prompt {
        Some(PromptParams::Holiday { holiday }) => Some(
            holiday_occasion(holiday)
                .map_or_else(|| holiday.clone(), |o| words::holiday(o, lang).to_owned()),
        ),
        _ => Some(words::holiday(f.occasion, lang).to_owned()).filter(|h| !h.is_empty()),
    };
    v.set(MergeField::Holiday, holiday.unwrap_or_default());
    v.set(MergeField::Consultant, f.sender.consultant.clone());
    v.set(MergeField::ConsultantPhone, f.sender.phone.clone());
    v.set(MergeField::Dealership, f.sender.dealership.clone());
    v.set(MergeField::Offer, f.sender.offer.clone());
    v
}

/// Which anniversary of the delivery comes next, counting one that passed within the grace.
fn next_anniversary(delivered: NaiveDate, today: NaiveDate) -> Option<u32> {
    let from = today.checked_sub_days(chrono::Days::new(AFTER_SALE_GRACE_DAYS))?;
    (1..=60u32).find(|years| {
        delivered
            .checked_add_months(Months::new(12 * years))
            .is_some_and(|d| d >= from)
    })
}

/// The next date of an after-sale step as the rules schedule it (its months after the
/// delivery; the days a rule adds or takes are when the reminder comes, not the date it is
/// about), counting one that passed within the grace.
fn next_after_sale(
    delivered: NaiveDate,
    rules: &Rules,
    kind: AfterSaleKind,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let from = today.checked_sub_days(chrono::Days::new(AFTER_SALE_GRACE_DAYS))?;
    rules
        .after_sale
        .iter()
        .filter(|r| r.kind == kind)
        .filter_map(|r| {
            let years = if r.yearly { 0..30 } else { 0..1 };
            years
                .filter_map(|k| delivered.checked_add_months(Months::new(r.months + 12 * k)))
                .find(|d| *d >= from)
        })
        .min()
}

/// A sample customer for previews (Settings → Templates): 张伟, an owner who ordered a 汉
/// 60 days before `today` and took delivery 40 days before, with a birthday, and the prompt
/// that calls for `occasion` (none for the occasions the consultant picks by hand).
pub fn sample(occasion: Occasion, today: NaiveDate) -> Sample {
    use crate::history::SaleDetails;
    use crate::interaction::InteractionFacts;
    let before = |days| {
        today
            .checked_sub_days(chrono::Days::new(days))
            .unwrap_or(today)
    };
    let contact = |kind: InteractionKind, on: NaiveDate, sale| Interaction {
        id: format!("sample-{}", kind.code()),
        facts: InteractionFacts {
            kind,
            at: on.and_time(chrono::NaiveTime::MIN),
            outcome: None,
            satisfaction: None,
            promise: None,
            notes: None,
            next: None,
            appointment: None,
            spend: None,
        },
        sale,
        resolved_at: None,
        resolution: None,
        created_at: chrono::DateTime::UNIX_EPOCH,
    };
    let mut profile = Profile::named("张伟", None);
    profile.title = Some(Title::Mr);
    profile.models = vec![crate::profile::ModelWish::parse("汉 EV")];
    profile.birthday = Birthday::parse("1985-03-08", false);
    let interactions = vec![
        contact(
            InteractionKind::Order,
            before(60),
            SaleDetails {
                model: Some("汉 EV 605KM".into()),
                price: Some(209_800),
                ..SaleDetails::default()
            },
        ),
        contact(
            InteractionKind::Delivery,
            before(40),
            SaleDetails {
                plate: Some("粤B12345".into()),
                ..SaleDetails::default()
            },
        ),
    ];
    let birthday = |who: &str, calendar, month, day| PromptParams::Birthday {
        who: who.into(),
        name: "李娜".into(),
        calendar,
        month,
        day,
    };
    let holiday = |code: &str| PromptParams::Holiday {
        holiday: code.into(),
    };
    let after_sale = |step, year, days| PromptParams::AfterSale { step, year, days };
    let prompt = match occasion {
        Occasion::Birthday => Some(birthday("self", Calendar::Solar, 3, 8)),
        Occasion::LunarBirthday => Some(birthday("self", Calendar::Lunar, 8, 15)),
        Occasion::FamilyBirthday => Some(birthday("wife", Calendar::Solar, 5, 1)),
        Occasion::SpringFestival => Some(holiday("spring_festival")),
        Occasion::DragonBoat => Some(holiday("dragon_boat")),
        Occasion::MidAutumn => Some(holiday("mid_autumn")),
        Occasion::NationalDay => Some(holiday("national_day")),
        Occasion::NewYear => Some(holiday("new_year")),
        Occasion::DeliveryAnniversary => Some(after_sale(AfterSaleKind::Anniversary, 1, 365)),
        Occasion::FirstService => Some(after_sale(AfterSaleKind::Service, 0, 90)),
        Occasion::InsuranceRenewal => Some(after_sale(AfterSaleKind::Insurance, 1, 335)),
        Occasion::Inspection => Some(after_sale(AfterSaleKind::Inspection, 6, 2191)),
        Occasion::ComplaintFollowUp => Some(PromptParams::Complaint { opened: before(2) }),
        Occasion::WinBack => Some(PromptParams::Revisit { lost_reason: None }),
        Occasion::ThanksVisit | Occasion::AfterTestDrive | Occasion::AfterQuote => None,
    };
    Sample {
        profile,
        interactions,
        prompt,
    }
}

/// A sample customer and the prompt of an occasion (see [`sample`]).
#[derive(Debug, Clone)]
pub struct Sample {
    pub profile: Profile,
    pub interactions: Vec<Interaction>,
    pub prompt: Option<PromptParams>,
}

/// 称呼: the surname and the title (张先生, 王总, Mr 张); the name as it is when the title is
/// not known or the name already carries one (客户 written as 张先生).
pub fn salutation(name: &str, title: Option<Title>, language: TextLanguage) -> String {
    let name = name.trim();
    let Some(title) = title else {
        return name.to_owned();
    };
    if words::carries_title(name) {
        return name.to_owned();
    }
    let surname = words::surname(name);
    match language {
        TextLanguage::En => match words::english_title(title) {
            Some(t) => format!("{t} {surname}"),
            None => name.to_owned(),
        },
        lang => format!("{surname}{}", words::chinese_title(title, lang)),
    }
}

#[cfg(test)]
mod tests;
