//! From a draft to a checked profile, each field against its declaration's limits.

use chrono::NaiveDate;

use crate::budget::Budget;
use crate::choices::{
    DecisionMaker, Level, Payment, Pick, Priority, Purpose, Reason, Source, Title,
};
use crate::profile::fields::spec;
use crate::profile::parse::{
    birthday_field, check_count, check_length, choice, choices, email_field, number, phone_field,
    plate, text,
};
use crate::profile::{CurrentCar, Invalid, ModelWish, Problem, Profile, ProfileDraft};
use crate::timeframe::Timeframe;

impl ProfileDraft {
    /// Checks the draft, on the day `today` it is saved (a timeframe such as "下周" is counted
    /// from it). The first problem found is returned, fields in form order. Values in the
    /// consultant's own words are kept as words (a budget, a timeframe, who decides), and a
    /// phone not valid as written is kept as typed: neither is a problem.
    pub fn validate(&self, today: NaiveDate) -> Result<Profile, Invalid> {
        let name = text(&spec::name, &self.name)?
            .ok_or_else(|| Invalid::new(spec::name.name, Problem::Required))?;
        let mut phones = Vec::new();
        for raw in &self.phones {
            let raw = raw.trim();
            if raw.is_empty() {
                continue;
            }
            if let Some(phone) = phone_field(spec::phones.name, raw)?
                && !phones.contains(&phone)
            {
                phones.push(phone);
            }
        }
        let mut emails: Vec<String> = Vec::new();
        for raw in &self.emails {
            if let Some(email) = email_field(spec::emails.name, raw)?
                && !emails.iter().any(|e| e.eq_ignore_ascii_case(&email))
            {
                emails.push(email);
            }
        }
        let (budget, budget_words) = match self.budget.trim() {
            "" => (None, None),
            raw => match Budget::parse(raw) {
                Some(range) => (Some(range), None),
                None => (None, text(&spec::budget, raw)?),
            },
        };
        let timeframe = Timeframe::parse(&self.timeframe, today);
        if let Some(t) = &timeframe {
            check_length(&spec::timeframe, &t.to_input())?;
        }
        let decision_maker = Pick::<DecisionMaker>::parse(&self.decision_maker);
        if let Some(d) = &decision_maker {
            check_length(&spec::decision_maker, &d.to_input())?;
        }
        let mut models = Vec::new();
        for wish in &self.models {
            let part = |raw: &str| text(&spec::models, raw).map(Option::unwrap_or_default);
            let wish = ModelWish {
                model: part(&wish.model)?,
                trim: part(&wish.trim)?,
                colour: part(&wish.colour)?,
            };
            if wish.model.is_empty() {
                if wish.trim.is_empty() && wish.colour.is_empty() {
                    continue;
                }
                return Err(Invalid::new(spec::models.name, Problem::Required));
            }
            if !models.contains(&wish) {
                models.push(wish);
            }
        }
        let mut tags: Vec<String> = Vec::new();
        for raw in &self.tags {
            if let Some(tag) = text(&spec::tags, raw.trim_start_matches('#'))?
                && !tags.contains(&tag)
            {
                tags.push(tag);
            }
        }
        let birthday = birthday_field(spec::birthday.name, &self.birthday, self.birthday_lunar)?;
        Ok(Profile {
            name,
            title: choice(&spec::title, &self.title, Title::parse, Title::codes)?,
            phones: check_count(&spec::phones, phones)?,
            wechat: text(&spec::wechat, &self.wechat)?,
            emails: check_count(&spec::emails, emails)?,
            region: text(&spec::region, &self.region)?,
            address: text(&spec::address, &self.address)?,
            occupation: text(&spec::occupation, &self.occupation)?,
            company: text(&spec::company, &self.company)?,
            budget,
            budget_words,
            models: check_count(&spec::models, models)?,
            reason: choice(&spec::reason, &self.reason, Reason::parse, Reason::codes)?,
            purposes: choices(
                &spec::purposes,
                &self.purposes,
                Purpose::parse,
                Purpose::codes,
            )?,
            timeframe,
            level: choice(&spec::level, &self.level, Level::parse, Level::codes)?
                .unwrap_or(Level::N),
            decision_maker,
            decision_maker_name: text(&spec::decision_maker_name, &self.decision_maker_name)?,
            current_car: CurrentCar {
                brand: text(&spec::car_brand, &self.car_brand)?,
                model: text(&spec::car_model, &self.car_model)?,
                year: number(&spec::car_year, &self.car_year)?.map(|y| y as i32),
                mileage: number(&spec::car_mileage, &self.car_mileage)?,
                plate: plate(&spec::car_plate, &self.car_plate)?,
            },
            payment: choice(
                &spec::payment,
                &self.payment,
                Payment::parse,
                Payment::codes,
            )?,
            source: choice(&spec::source, &self.source, Source::parse, Source::codes)?,
            channel: text(&spec::channel, &self.channel)?,
            referred_by: text(&spec::referred_by, &self.referred_by)?,
            cares: text(&spec::cares, &self.cares)?,
            worry: text(&spec::worry, &self.worry)?,
            personality: text(&spec::personality, &self.personality)?,
            priorities: choices(
                &spec::priorities,
                &self.priorities,
                Priority::parse,
                Priority::codes,
            )?,
            special_needs: text(&spec::special_needs, &self.special_needs)?,
            hobbies: text(&spec::hobbies, &self.hobbies)?,
            tags: check_count(&spec::tags, tags)?,
            notes: text(&spec::notes, &self.notes)?,
            birthday,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::choices::KeyFact;
    use crate::profile::SHORT_MAX_CHARS;
    use crate::profile::tests::today;

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
}
