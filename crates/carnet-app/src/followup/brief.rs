//! The pre-call brief: what to know before calling a customer.

use carnet_core::InteractionKind;
use carnet_core::brief::talking_points;
use chrono::Days;

use crate::{App, AppError, Brief, FamilyDate, InteractionDto};

impl App {
    /// The pre-call brief for a customer.
    pub fn brief(&self, customer_id: &str) -> Result<Brief, AppError> {
        let today = self.now().date();
        let store = self.store();
        let customer = store
            .customer(customer_id)?
            .ok_or_else(|| AppError::not_found(customer_id))?;
        let interactions = store.interactions(customer_id)?;
        let p = customer.profile;
        let last = interactions.last().cloned();
        // A promise stands while no contact has come on or after the next step it went with.
        let pending = interactions
            .iter()
            .enumerate()
            .rev()
            .find(|(_, i)| i.facts.promise.is_some())
            .and_then(|(n, i)| {
                let kept = interactions[n + 1..].iter().any(|later| {
                    i.facts
                        .next
                        .is_none_or(|next| later.facts.at.date() >= next.date)
                });
                (!kept).then(|| i.facts.promise.clone()).flatten()
            });
        let last_satisfaction = interactions.iter().rev().find_map(|i| i.facts.satisfaction);
        let had_test_drive = interactions
            .iter()
            .any(|i| i.facts.kind == InteractionKind::TestDrive);
        let horizon = today.checked_add_days(Days::new(30)).unwrap_or(today);
        let mut family_dates: Vec<FamilyDate> = store
            .family(customer_id)?
            .into_iter()
            .filter_map(|m| {
                let b = m.facts.birthday?;
                let date =
                    carnet_core::lunar::next_birthday(&b, today).filter(|d| *d <= horizon)?;
                Some(FamilyDate {
                    relation: m.facts.relation,
                    name: m.facts.name,
                    date: date.to_string(),
                    birthday: b,
                })
            })
            .collect();
        family_dates.sort_by(|a, b| a.date.cmp(&b.date));
        Ok(Brief {
            customer_id: customer.id,
            name: p.name.clone(),
            level: p.level,
            phones_display: p.phones.iter().map(|ph| ph.display()).collect(),
            priorities: p.priorities.clone(),
            cares: p.cares.clone(),
            worry: p.worry.clone(),
            decision_maker: p.decision_maker.clone(),
            decision_maker_name: p.decision_maker_name.clone(),
            last_contact: last.map(InteractionDto::from),
            talking_points: talking_points(&p, pending.is_some(), had_test_drive),
            last_promise: pending,
            last_satisfaction,
            family_dates,
            unknown: p.unknown_key_facts(),
        })
    }
}
