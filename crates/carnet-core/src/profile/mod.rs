//! The customer profile (DOMAIN.md): every fact a consultant keeps, as typed fields; the draft
//! a person types; and the rules that turn one into the other.
//!
//! - [`fields`]: the field registry, each field declared once (and [`ProfileDraft`] with it);
//! - [`parse`]: reading one field's text, and why a value is refused ([`Invalid`]);
//! - [`validate`](ProfileDraft::validate): from a draft to a checked [`Profile`];
//! - [`key_facts`]: the key facts still unknown, completeness, key-fact changes;
//! - [`duplicates`]: the duplicate rule ([`DuplicateKey`]);
//! - [`merge`](merge()): two customers' profiles into one.

use serde::{Deserialize, Serialize};

use crate::birthday::Birthday;
use crate::budget::Budget;
use crate::choices::{
    DecisionMaker, Level, Payment, Pick, Priority, Purpose, Reason, Source, Title,
};
use crate::phone::Phone;
use crate::timeframe::Timeframe;

mod duplicates;
pub mod fields;
mod key_facts;
mod merge;
mod parse;
mod validate;

pub use duplicates::DuplicateKey;
pub use fields::{
    CHANNEL_MAX_CHARS, CHANNELS_MAX, DEFAULT_CHANNELS, FIELDS, FieldKind, FieldSpec, MergeRule,
    ProfileDraft, channel_list, field,
};
pub use key_facts::key_fact_fields;
pub use merge::{merge, merge_conflicts};
pub use parse::{Invalid, Problem, tidy};
pub(crate) use parse::{birthday_field, phone_field};

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
    /// The channel under the source (汽车之家, 抖音 …), as the consultant names it.
    pub channel: Option<String>,
    /// The id of the customer who referred this one (the book checks it names another
    /// customer).
    pub referred_by: Option<String>,
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
            channel: None,
            referred_by: None,
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
            channel: s(&self.channel),
            referred_by: s(&self.referred_by),
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
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::NaiveDate;

    pub(crate) fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid")
    }

    pub(crate) fn full() -> ProfileDraft {
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
