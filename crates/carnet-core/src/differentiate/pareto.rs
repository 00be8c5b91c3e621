//! The 80/20 view: which fifth of the customers brings what share of the value.

use serde::{Deserialize, Serialize};

/// One point of the Pareto curve: the best `customers_percent` of the customers bring
/// `value_percent` of the value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CurvePoint {
    pub customers_percent: u32,
    pub value_percent: f64,
}

/// The Pareto view of a set of values (one per customer who brought any).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Pareto {
    /// Customers who brought any value.
    pub customers: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub total: i64,
    /// The best fifth: how many (rounded up), what they brought, and its share, percent.
    pub top_count: usize,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub top_value: i64,
    pub top_share: f64,
    /// Every tenth of the customers, best first.
    pub curve: Vec<CurvePoint>,
}

fn percent(part: i64, whole: i64) -> f64 {
    if whole <= 0 {
        0.0
    } else {
        // One decimal.
        (part as f64 * 1000.0 / whole as f64).round() / 10.0
    }
}

/// The view of `values` (values of zero or less are left out: they brought nothing).
pub fn pareto(values: &[i64]) -> Pareto {
    let mut sorted: Vec<i64> = values.iter().copied().filter(|v| *v > 0).collect();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let n = sorted.len();
    let total: i64 = sorted.iter().sum();
    let best = |share: usize| -> (usize, i64) {
        let count = (n * share).div_ceil(100);
        (count, sorted.iter().take(count).sum())
    };
    let (top_count, top_value) = best(20);
    let curve = if n == 0 {
        Vec::new()
    } else {
        (1..=10)
            .map(|tenth| {
                let (_, value) = best(tenth * 10);
                CurvePoint {
                    customers_percent: (tenth * 10) as u32,
                    value_percent: percent(value, total),
                }
            })
            .collect()
    };
    Pareto {
        customers: n,
        total,
        top_count,
        top_value,
        top_share: percent(top_value, total),
        curve,
    }
}
