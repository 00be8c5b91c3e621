//! What the Differentiate step answers: a customer's value, tier and cell of the grid, and the
//! reports (each with the filter words that list the customers behind every figure, so that a
//! click on a bar, slice or cell opens them, and the list exports as it is).

use carnet_core::differentiate::Trend;
use carnet_core::differentiate::compliance::Tally;
use carnet_core::differentiate::funnel::{Rate, Step};
use carnet_core::differentiate::grid::{
    Band, Cell, GridAction, GridClass, SatisfactionStrategy, VolumeStrategy,
};
use carnet_core::differentiate::lookalike::{Ideal, Typical};
use carnet_core::differentiate::pareto::Pareto;
use carnet_core::{Level, LostReason, PromptKind, Source, Tier};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A cell of the satisfaction × volume grid with what to do there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GridView {
    pub cell: Cell,
    pub class: GridClass,
    pub volume_strategy: VolumeStrategy,
    pub satisfaction_strategy: SatisfactionStrategy,
    pub actions: Vec<GridAction>,
}

impl GridView {
    pub fn new(cell: Cell) -> GridView {
        GridView {
            cell,
            class: cell.class(),
            volume_strategy: cell.volume_strategy(),
            satisfaction_strategy: cell.satisfaction_strategy(),
            actions: cell.actions(),
        }
    }
}

/// What a customer is worth and where they stand (the profile, the brief, `carnet show`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CustomerValue {
    /// Yuan: bought + after-sale spend + the referral share.
    pub value: i64,
    /// A prospect's budget × their level's likelihood, yuan; null without a budget.
    pub expected_value: Option<i64>,
    pub tier: Tier,
    pub purchases: u32,
    pub bought: i64,
    pub service_spend: i64,
    /// What the customers they referred bought, yuan.
    pub referred_bought: i64,
    /// The latest satisfaction (1–5), the one before, and which way it went.
    pub satisfaction: Option<u8>,
    pub previous_satisfaction: Option<u8>,
    pub trend: Option<Trend>,
    /// Owners who gave a satisfaction only.
    pub grid: Option<GridView>,
}

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    Funnel,
    Sources,
    Models,
    Compliance,
    Lost,
    Levels,
    Satisfaction,
    Tiers,
    Grid,
    Pareto,
    Lookalikes,
}

impl ReportKind {
    pub const ALL: [ReportKind; 11] = [
        ReportKind::Funnel,
        ReportKind::Sources,
        ReportKind::Models,
        ReportKind::Compliance,
        ReportKind::Lost,
        ReportKind::Levels,
        ReportKind::Satisfaction,
        ReportKind::Tiers,
        ReportKind::Grid,
        ReportKind::Pareto,
        ReportKind::Lookalikes,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReportKind::Funnel => "funnel",
            ReportKind::Sources => "sources",
            ReportKind::Models => "models",
            ReportKind::Compliance => "compliance",
            ReportKind::Lost => "lost",
            ReportKind::Levels => "levels",
            ReportKind::Satisfaction => "satisfaction",
            ReportKind::Tiers => "tiers",
            ReportKind::Grid => "grid",
            ReportKind::Pareto => "pareto",
            ReportKind::Lookalikes => "lookalikes",
        }
    }

    pub fn parse(raw: &str) -> Option<ReportKind> {
        ReportKind::ALL.into_iter().find(|k| k.code() == raw.trim())
    }
}

/// A period, both days included: "YYYY-MM-DD".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Period {
    pub from: String,
    pub to: String,
}

/// A step of the funnel: how many of the period's leads reached it, and of the previous
/// period's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FunnelStepRow {
    pub step: Step,
    pub count: u64,
    pub previous: u64,
    /// The words that list these customers.
    pub filter: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RateRow {
    pub rate: Rate,
    /// Percent, one decimal; null when nothing to divide by.
    pub value: Option<f64>,
    pub previous: Option<f64>,
}

/// Days from the first contact to the order, for the orders of the period, by the level the
/// customer came in at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TimeToOrderRow {
    pub level: Level,
    pub orders: u64,
    pub average_days: f64,
    pub median_days: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SourceRow {
    /// Null: not known.
    pub source: Option<Source>,
    /// Null: none given.
    pub channel: Option<String>,
    pub leads: u64,
    pub shows: u64,
    pub test_drives: u64,
    pub orders: u64,
    /// Orders ÷ leads, percent.
    pub close_rate: Option<f64>,
    pub filter: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ModelRow {
    pub model: String,
    /// Leads of the period whose first choice it is.
    pub interested: u64,
    /// Orders of the period for it.
    pub orders: u64,
    pub filter: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TallyRow<K> {
    pub key: K,
    pub tally: Tally,
    pub made_percent: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReasonCount {
    pub reason: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LostReasonRow {
    /// Null: no reason given.
    pub reason: Option<LostReason>,
    pub count: u64,
    pub filter: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LostCustomer {
    pub id: String,
    pub name: String,
    pub date: String,
    pub reason: Option<LostReason>,
    pub competitor: Option<String>,
    pub words: Option<String>,
    /// The win-back date.
    pub revisit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LevelCount {
    pub level: Level,
    pub count: u64,
    pub filter: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WeekMix {
    /// The week's Monday.
    pub week: String,
    pub counts: Vec<LevelCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SatisfactionMonth {
    /// "YYYY-MM".
    pub month: String,
    /// How many answers gave 1, 2, 3, 4 and 5.
    pub counts: Vec<u64>,
    pub average: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BandCount {
    pub band: Band,
    pub count: u64,
    pub filter: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TierRow {
    pub tier: Tier,
    pub customers: u64,
    /// Their value, yuan (owners'), or expected value (prospects').
    pub value: i64,
    pub filter: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GridCellRow {
    pub view: GridView,
    pub count: u64,
    pub filter: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ValuedCustomer {
    pub id: String,
    pub name: String,
    pub level: Level,
    pub tier: Tier,
    /// In the period, yuan.
    pub value: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Lookalike {
    pub id: String,
    pub name: String,
    pub level: Level,
    /// 0–100.
    pub score: u32,
    pub matching: Vec<Typical>,
}

/// A report, as asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Report {
    Funnel {
        period: Period,
        previous_period: Period,
        steps: Vec<FunnelStepRow>,
        rates: Vec<RateRow>,
        time_to_order: Vec<TimeToOrderRow>,
    },
    Sources {
        period: Period,
        rows: Vec<SourceRow>,
    },
    Models {
        period: Period,
        rows: Vec<ModelRow>,
    },
    Compliance {
        period: Period,
        previous_period: Period,
        total: Tally,
        made_percent: Option<f64>,
        previous: Tally,
        previous_made_percent: Option<f64>,
        by_kind: Vec<TallyRow<PromptKind>>,
        by_level: Vec<TallyRow<Level>>,
        dismissed: Vec<ReasonCount>,
    },
    Lost {
        period: Period,
        by_reason: Vec<LostReasonRow>,
        competitors: Vec<ReasonCount>,
        customers: Vec<LostCustomer>,
    },
    Levels {
        period: Period,
        current: Vec<LevelCount>,
        weeks: Vec<WeekMix>,
    },
    Satisfaction {
        period: Period,
        months: Vec<SatisfactionMonth>,
        /// The customers' current satisfaction, by band.
        current: Vec<BandCount>,
        /// Whose latest answer went up, down or stayed.
        up: u64,
        down: u64,
        flat: u64,
    },
    Tiers {
        /// As of this day.
        date: String,
        rows: Vec<TierRow>,
    },
    Grid {
        date: String,
        cells: Vec<GridCellRow>,
        /// Owners never asked their satisfaction.
        unknown: u64,
    },
    Pareto {
        period: Period,
        previous_period: Period,
        current: Pareto,
        previous: Pareto,
        /// The best fifth of the period, best first.
        top: Vec<ValuedCustomer>,
    },
    Lookalikes {
        date: String,
        ideal: Ideal,
        prospects: Vec<Lookalike>,
    },
}

/// A value of a report's table: a number (written as a number) or text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum TableValue {
    Number(f64),
    Text(String),
}

/// A report's table as the screen shows it (its words in the consultant's language), to be
/// saved as a workbook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportTable {
    /// The sheet's name (cut to Excel's 31 characters).
    pub sheet: String,
    pub headers: Vec<String>,
    /// Rows of cells; null for an empty cell.
    pub rows: Vec<Vec<Option<TableValue>>>,
}
