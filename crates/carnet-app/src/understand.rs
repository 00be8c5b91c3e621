//! Notes understood: what the consultant types, read for profile facts as suggestions, and
//! accepting one (one field, through the profile's own update).

use carnet_core::catalogue::Trim;
use carnet_core::understand::{SeriesName, Suggestion, understand};

use crate::{App, AppError, CustomerDetail};

impl App {
    /// The facts `text` says, as suggestions for the customer's profile (`None`: no customer
    /// yet, so nothing is known). Nothing is written.
    pub fn understand(
        &self,
        customer_id: Option<&str>,
        text: &str,
    ) -> Result<Vec<Suggestion>, AppError> {
        let store = self.store();
        let profile = match customer_id {
            Some(id) => Some(
                store
                    .customer(id)?
                    .ok_or_else(|| AppError::not_found(id))?
                    .profile,
            ),
            None => None,
        };
        let names = series_names(&store.trims()?);
        Ok(understand(
            text,
            profile.as_ref(),
            &names,
            self.now().date(),
        ))
    }

    /// Accepts one suggestion: writes its one field through the profile's update, as the
    /// form would (checked, duplicates looked up, prompts refreshed).
    pub fn accept_suggestion(
        &self,
        customer_id: &str,
        suggestion: &Suggestion,
    ) -> Result<CustomerDetail, AppError> {
        self.edit_customer(
            customer_id,
            &[(suggestion.field.clone(), suggestion.value.clone())],
            false,
        )
    }
}

/// The names customers use for the catalogue's series: each series and its aliases, once.
pub(crate) fn series_names(trims: &[Trim]) -> Vec<SeriesName> {
    let mut out: Vec<SeriesName> = Vec::new();
    for t in trims {
        for said in std::iter::once(&t.series).chain(&t.aliases) {
            let said = said.trim();
            if !said.is_empty() && !out.iter().any(|n| n.said == said) {
                out.push(SeriesName {
                    said: said.to_owned(),
                    series: t.series.clone(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
