//! The quote sheet (报价单) as front ends see it: what the consultant types, and the sheet
//! Rust works out.

use carnet_core::Energy;
use carnet_core::quote::{QuoteSheet, QuoteTerms};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Consultant;

/// What the consultant types for a quote. Every number left out takes the quote settings'
/// default (or, for the insurance, the estimate); money in whole yuan.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct QuoteInput {
    /// A catalogue id, or a name that identifies one trim (its series when only one trim has
    /// it; series and trim words).
    pub trim: String,
    pub discount: Option<u64>,
    pub accessories: Option<u64>,
    /// Down payment, percent of the price paid.
    pub down_pct: Option<u8>,
    /// Months.
    pub term: Option<u16>,
    /// The loan's yearly rate, percent.
    pub apr: Option<f64>,
    /// The loan's flat fee (a 0% offer's 手续费).
    pub loan_fee: Option<u64>,
    /// 交强险, yuan; left out: the base rate by seats.
    pub compulsory: Option<u64>,
    /// 商业险, yuan; left out: `commercial_pct` of the price paid.
    pub commercial: Option<u64>,
    pub commercial_pct: Option<f64>,
    pub plate_fee: Option<u64>,
    pub service_fee: Option<u64>,
}

/// A catalogue trim offered for a quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QuoteTrim {
    pub id: String,
    /// Series and trim, as a consultant says it.
    pub name: String,
    pub brand: String,
    pub year: Option<u16>,
    /// Guide price, yuan.
    pub price: u64,
    pub energy: Option<Energy>,
    pub seats: Option<u8>,
    /// One of the models the customer wants.
    pub intended: bool,
}

/// A quote sheet for a customer: made now, or re-opened from the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QuoteView {
    pub customer_id: String,
    pub customer_name: String,
    /// The catalogue id quoted (none when the trim has since left the catalogue).
    pub trim_id: Option<String>,
    pub trim_name: String,
    /// What the sheet was worked out from, every default applied.
    pub terms: QuoteTerms,
    pub sheet: QuoteSheet,
    /// The note the quote is (or would be) logged with.
    pub summary: String,
    /// Who quotes: printed on the sheet.
    pub consultant: Consultant,
    /// The quote interaction, once saved.
    pub interaction_id: Option<String>,
}
