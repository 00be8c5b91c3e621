//! The sales funnel of a period: the leads that came in it (customers added in the period) and
//! how many of them reached each step by the period's end, with the conversion rates Chinese
//! dealerships read (留档率, 邀约到店率, 试驾率, 成交率).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Standing;

/// A step of the funnel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Leads,
    /// The key facts a lead is graded on are known (phone, model, budget, timeframe).
    Profiled,
    /// An appointment set.
    Appointed,
    /// Came on an appointment's day.
    Kept,
    /// Came to the showroom.
    Shown,
    TestDrive,
    Quote,
    Order,
    Delivery,
}

impl Step {
    pub const ALL: [Step; 9] = [
        Step::Leads,
        Step::Profiled,
        Step::Appointed,
        Step::Kept,
        Step::Shown,
        Step::TestDrive,
        Step::Quote,
        Step::Order,
        Step::Delivery,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Step::Leads => "leads",
            Step::Profiled => "profiled",
            Step::Appointed => "appointed",
            Step::Kept => "kept",
            Step::Shown => "shown",
            Step::TestDrive => "test_drive",
            Step::Quote => "quote",
            Step::Order => "order",
            Step::Delivery => "delivery",
        }
    }

    pub fn parse(raw: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.code() == raw.trim())
    }
}

/// Whether a lead had reached `step` by `end` (a lead has reached `Leads`).
pub fn reached(step: Step, standing: &Standing, profiled: bool, end: NaiveDate) -> bool {
    let by = |d: Option<NaiveDate>| d.is_some_and(|d| d <= end);
    match step {
        Step::Leads => true,
        Step::Profiled => profiled,
        Step::Appointed => by(standing.first_appointment),
        Step::Kept => by(standing.first_show),
        Step::Shown => by(standing.first_visit),
        Step::TestDrive => by(standing.first_test_drive),
        Step::Quote => by(standing.first_quote),
        Step::Order => by(standing.first_order),
        Step::Delivery => by(standing.first_delivery),
    }
}

/// A conversion rate the dealerships read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Rate {
    /// 留档率: profiled ÷ leads.
    ProfileRate,
    /// 邀约到店率: appointments kept ÷ appointed.
    ShowRate,
    /// 试驾率: test drives ÷ shown.
    TestDriveRate,
    /// 成交率: orders ÷ shown.
    CloseRate,
}

impl Rate {
    pub const ALL: [Rate; 4] = [
        Rate::ProfileRate,
        Rate::ShowRate,
        Rate::TestDriveRate,
        Rate::CloseRate,
    ];

    /// The steps it divides: (part, whole).
    pub fn steps(self) -> (Step, Step) {
        match self {
            Rate::ProfileRate => (Step::Profiled, Step::Leads),
            Rate::ShowRate => (Step::Kept, Step::Appointed),
            Rate::TestDriveRate => (Step::TestDrive, Step::Shown),
            Rate::CloseRate => (Step::Order, Step::Shown),
        }
    }
}

/// `part` ÷ `whole`, percent with one decimal; `None` when `whole` is zero.
pub fn rate(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0)
}
