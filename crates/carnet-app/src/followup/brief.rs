//! The pre-call brief: what to know before calling a customer, and what to say.

use carnet_core::InteractionKind;
use carnet_core::brief::{Context, Stage, talking_points};
use carnet_core::catalogue::Trim;
use carnet_core::profile::Profile;
use chrono::Days;

use super::today::prompt_view;
use crate::reports::{customer_value, value_rules};
use crate::{App, AppError, Brief, FamilyDate, InteractionDto};

impl App {
    /// The pre-call brief for a customer, for the prompt `prompt` (its key) when it is opened
    /// from a Today row; without one (or for a key no longer there), for the customer's most
    /// urgent prompt, if any.
    pub fn brief(&self, customer_id: &str, prompt: Option<&str>) -> Result<Brief, AppError> {
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
        let had = |kind: InteractionKind| interactions.iter().any(|i| i.facts.kind == kind);
        let stage = Stage::of(
            p.level,
            had(InteractionKind::Order),
            had(InteractionKind::Delivery),
        );
        let prompts = store.customer_prompts(customer_id)?;
        let reason = prompt
            .and_then(|key| prompts.iter().find(|q| q.key == key))
            .or_else(|| prompts.first());
        let cell = match store.book_row(customer_id)? {
            Some(row) => customer_value(&row, today, &value_rules(&store)?)
                .grid
                .map(|g| g.cell),
            None => None,
        };
        let trims = store.trims()?;
        let trim = wished_trim(&p, &trims);
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
        let points = talking_points(&Context {
            profile: &p,
            stage,
            reason: reason.map(|q| &q.params),
            cell,
            trim,
            promise: pending.as_deref(),
            had_test_drive: had(InteractionKind::TestDrive),
        });
        // The fitting trims come from the fit as the customer page shows it (its own read).
        drop(store);
        let fits = if stage == Stage::Prospect {
            let mut fits = self.suggest(customer_id)?.fits;
            fits.truncate(crate::dto::BRIEF_FITS);
            fits
        } else {
            Vec::new()
        };
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
            last_promise: pending,
            last_satisfaction,
            family_dates,
            unknown: p.unknown_key_facts(),
            stage,
            prompt: reason.map(|q| prompt_view(q, today)),
            trim: trim.map(Trim::name),
            talking_points: points,
            fits,
        })
    }
}

/// The catalogue trim the customer's first intended model names, found as the customer page
/// links it (the catalogue's matcher: names, aliases, pinyin, initials).
pub(crate) fn wished_trim<'a>(p: &Profile, trims: &'a [Trim]) -> Option<&'a Trim> {
    carnet_core::catalogue::match_wish(p.models.first()?, trims)
}
