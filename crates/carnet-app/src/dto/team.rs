//! A manager's team book: built from the consultants' exports, read per consultant.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::reports::{Period, Report};

/// A consultant's part of a team book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TeamPart {
    pub consultant: String,
    pub customers: u64,
}

/// What a team book holds, after it was built or opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TeamBook {
    pub parts: Vec<TeamPart>,
    /// Customers two or more consultants hold (the same phone).
    pub shared: u64,
    /// The files read this time, with the consultant each one was.
    pub read: Vec<TeamFile>,
}

/// A file a team book was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TeamFile {
    pub path: String,
    pub consultant: String,
    pub customers: u64,
}

/// One consultant's figures (or the team's, `consultant` null) over a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConsultantFigures {
    pub consultant: Option<String>,
    pub customers: u64,
    pub leads: u64,
    pub shows: u64,
    pub test_drives: u64,
    pub orders: u64,
    /// Orders ÷ leads, percent.
    pub close_rate: Option<f64>,
    /// Follow-ups made ÷ due, percent.
    pub made_percent: Option<f64>,
    /// The average of the customers' latest satisfaction (1–5).
    pub satisfaction: Option<f64>,
}

/// The consultants side by side, and the team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TeamOverview {
    pub period: Period,
    pub rows: Vec<ConsultantFigures>,
}

/// A report per consultant, and the team's (`consultant` null).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConsultantReport {
    pub consultant: Option<String>,
    pub report: Report,
}

/// Who holds a customer two consultants both hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Holder {
    pub consultant: String,
    pub customer_id: String,
    pub name: String,
}

/// A customer two or more consultants hold (the same phone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SharedCustomer {
    /// The phone as shown.
    pub phone: String,
    pub holders: Vec<Holder>,
}
