//! The key facts (the facts a consultant needs before a sale): each is one or more fields of
//! the registry ([`super::FieldSpec::key_fact`]); which are still unknown, how complete a
//! profile is, and what changed between two versions of it.

use crate::choices::KeyFact;
use crate::profile::fields::{FIELDS, FieldSpec};
use crate::profile::{Profile, ProfileDraft};
use crate::timeframe::Timeframe;

/// The fields a key fact is made of, in form order.
pub fn key_fact_fields(fact: KeyFact) -> impl Iterator<Item = &'static FieldSpec> {
    FIELDS.iter().filter(move |f| f.key_fact == Some(fact))
}

/// A key fact in its input form: the values of its fields, the known ones, joined by a space.
fn key_fact_text(draft: &ProfileDraft, fact: KeyFact) -> String {
    key_fact_fields(fact)
        .filter_map(|f| draft.get(f.name))
        .filter(|v| !v.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Profile {
    /// A key fact in its input form, the empty string when unknown; what the history of key
    /// facts keeps ("15万" → "15-20万").
    pub fn key_fact(&self, fact: KeyFact) -> String {
        key_fact_text(&self.to_draft(), fact)
    }

    /// The key facts still unknown, in the order a consultant would ask for them.
    pub fn unknown_key_facts(&self) -> Vec<KeyFact> {
        let draft = self.to_draft();
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
                other => key_fact_text(&draft, *other).is_empty(),
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
        let (then, now) = (before.to_draft(), self.to_draft());
        KeyFact::ALL
            .iter()
            .filter_map(|&f| {
                let (old, new) = (key_fact_text(&then, f), key_fact_text(&now, f));
                (old != new).then_some((f, old, new))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::Budget;
    use crate::choices::Payment;
    use crate::phone::Phone;
    use crate::profile::tests::{full, today};

    #[test]
    fn every_key_fact_is_made_of_fields() {
        for &fact in KeyFact::ALL {
            assert!(key_fact_fields(fact).next().is_some(), "{fact:?}");
        }
        let car: Vec<&str> = key_fact_fields(KeyFact::CurrentCar)
            .map(|f| f.name)
            .collect();
        assert_eq!(car, ["car_brand", "car_model", "car_year", "car_plate"]);
    }

    #[test]
    fn a_key_fact_reads_as_typed() {
        let p = full().validate(today()).expect("valid");
        let cases = [
            (KeyFact::Phone, "138 1234 5678, 010 6552 8899 ext. 123"),
            (KeyFact::Model, "汉/冠军版/雪域白, 海豹"),
            (KeyFact::Budget, "15-20万"),
            (KeyFact::Purpose, "commute, family"),
            (KeyFact::DecisionMaker, "spouse 李娜"),
            (KeyFact::Payment, "loan"),
            (KeyFact::CurrentCar, "大众 朗逸 2016 粤B12345"),
        ];
        for (fact, want) in cases {
            assert_eq!(p.key_fact(fact), want, "{fact:?}");
        }
        let mut only_name = Profile::named("李四", None);
        only_name.decision_maker_name = Some("王芳".into());
        assert_eq!(only_name.key_fact(KeyFact::DecisionMaker), "王芳");
        assert_eq!(only_name.key_fact(KeyFact::CurrentCar), "");
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
}
