//! What the fit answers: the catalogue's trims for one customer, and trims side by side.

use carnet_core::Budget;
use carnet_core::fit::{Fit, FitRules, RuledOut};
use serde::Serialize;
use ts_rs::TS;

/// The catalogue for one customer (the customer page, `carnet suggest`): the best fits first,
/// then the trims ruled out, each with why; at most [`crate::FIT_LIST_MAX`] of each, the
/// totals beside them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SuggestionsDto {
    pub customer_id: String,
    pub name: String,
    pub budget: Option<Budget>,
    /// How many trims the catalogue holds (0: the catalogue is empty).
    pub catalogue_size: u32,
    pub fits: Vec<Fit>,
    pub fits_total: u32,
    pub ruled_out: Vec<RuledOut>,
    pub ruled_out_total: u32,
    /// The rules the fit was made with (the typical discount …).
    pub rules: FitRules,
}
