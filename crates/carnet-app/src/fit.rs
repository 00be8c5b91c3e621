//! The Customize step's fit: which catalogue trims suit a customer, trims side by side, and
//! the fit rules. carnet-store reads the customer and the catalogue; carnet-core's `fit`
//! decides everything.

use std::collections::HashSet;

use carnet_core::InteractionKind;
use carnet_core::Level;
use carnet_core::catalogue::Trim;
use carnet_core::fit::{self, Buyer, Comparison, FitRules};
use carnet_store::Store;

use crate::{App, AppError, ErrorKind, SuggestionsDto};

const FIT_RULES_SETTING: &str = "fit_rules";

/// At most this many fits, and as many trims ruled out, in an answer: the best (and the
/// nearest misses) are what a consultant reads.
pub const FIT_LIST_MAX: usize = 30;

pub(crate) fn fit_rules(store: &Store) -> Result<FitRules, AppError> {
    match store.setting(FIT_RULES_SETTING)? {
        None => Ok(FitRules::default()),
        Some(text) => serde_json::from_str(&text).map_err(|e| {
            AppError::new(
                ErrorKind::Storage {
                    detail: e.to_string(),
                    path: None,
                },
                format!("the fit rules are unreadable: {e}"),
            )
        }),
    }
}

fn no_trim(id: &str) -> AppError {
    AppError::new(
        ErrorKind::NotFound { id: id.to_owned() },
        format!("no catalogue trim has the id {id}"),
    )
}

fn total(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl App {
    /// The catalogue's trims for a customer: those that fit, best first, with their reasons,
    /// then those ruled out with why. The customer, their family, their deliveries and the
    /// catalogue are read in one read.
    pub fn suggest(&self, customer_id: &str) -> Result<SuggestionsDto, AppError> {
        let store = self.store();
        let (customer, family, owned, trims, rules) = store.read(|s| {
            let customer = s
                .customer(customer_id)?
                .ok_or_else(|| AppError::not_found(customer_id))?;
            let family: Vec<_> = s
                .family(customer_id)?
                .into_iter()
                .map(|m| m.facts)
                .collect();
            // The models delivered to them: a delivery names none, so the models of their
            // orders once a car was delivered; an owner with neither on record owns the model
            // the profile names.
            let interactions = s.interactions(customer_id)?;
            let delivered = interactions
                .iter()
                .any(|i| i.facts.kind == InteractionKind::Delivery);
            let mut owned: Vec<String> = interactions
                .into_iter()
                .filter(|i| delivered && i.sale.model.is_some())
                .filter_map(|i| i.sale.model)
                .collect();
            if owned.is_empty() && customer.profile.level == Level::D {
                owned.extend(customer.profile.models.iter().map(|m| m.model.clone()));
            }
            Ok::<_, AppError>((customer, family, owned, s.trims()?, fit_rules(s)?))
        })?;
        drop(store);
        let buyer = Buyer {
            profile: &customer.profile,
            family: &family,
            owned: &owned,
        };
        let mut found = fit::fit(&buyer, &trims, &rules);
        let fits_total = total(found.fits.len());
        let ruled_out_total = total(found.ruled_out.len());
        found.fits.truncate(FIT_LIST_MAX);
        found.ruled_out.truncate(FIT_LIST_MAX);
        Ok(SuggestionsDto {
            customer_id: customer.id,
            name: customer.profile.name,
            budget: customer.profile.budget,
            catalogue_size: total(trims.len()),
            fits: found.fits,
            fits_total,
            ruled_out: found.ruled_out,
            ruled_out_total,
            rules,
        })
    }

    /// Two to four catalogue trims side by side, in the order asked (an id asked twice counts
    /// once).
    pub fn compare_trims(&self, ids: &[String]) -> Result<Comparison, AppError> {
        let mut seen = HashSet::new();
        let ids: Vec<&String> = ids.iter().filter(|id| seen.insert(id.as_str())).collect();
        fit::compare_count(ids.len())?;
        let store = self.store();
        let trims = store.read(|s| {
            ids.iter()
                .map(|id| s.trim(id)?.ok_or_else(|| no_trim(id)))
                .collect::<Result<Vec<Trim>, AppError>>()
        })?;
        Ok(fit::compare(&trims)?)
    }

    /// Adds (or replaces, by id) these trims as they are, in one write: a bench's or a test's
    /// catalogue. The catalogue's own import and editor check each trim first.
    pub fn load_trims(&self, trims: &[Trim]) -> Result<(), AppError> {
        self.store()
            .write(|w| trims.iter().try_for_each(|t| w.save_trim(t)))?;
        Ok(())
    }

    /// The fit rules: the consultant's, or the defaults.
    pub fn fit_rules(&self) -> Result<FitRules, AppError> {
        fit_rules(&self.store())
    }

    /// Saves edited fit rules (every number checked against its range, the first out of it
    /// named).
    pub fn set_fit_rules(&self, rules: FitRules) -> Result<FitRules, AppError> {
        rules.validate()?;
        let text = serde_json::to_string(&rules).map_err(AppError::internal)?;
        self.store()
            .write(|w| w.set_setting(FIT_RULES_SETTING, &text))?;
        Ok(rules)
    }

    pub fn restore_default_fit_rules(&self) -> Result<FitRules, AppError> {
        self.set_fit_rules(FitRules::default())
    }
}

#[cfg(test)]
mod tests;
