//! The ideal customer (seed 002's seven steps, made concrete) and the prospects who look like
//! them. The ideal is drawn from the best fifth of the customers by value: the models they
//! chose, their budget band, purpose, source, region, who decides and the car they drove
//! before. A prospect's match is how many of these they share, weighted by how typical each
//! value is of the best customers, with the shared facts named.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::budget::Budget;
use crate::choices::{DecisionMaker, Purpose, Source};

/// A value held by at least this share (percent) of the best customers is typical of them.
pub const TYPICAL_PERCENT: u32 = 20;
/// At most this many typical values per fact.
pub const TYPICAL_MAX: usize = 3;

/// The facts of a customer the ideal is drawn from and a prospect is matched on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Traits {
    /// Models chosen or bought (any case; compared lower-cased).
    pub models: Vec<String>,
    pub budget: Option<Budget>,
    pub purposes: Vec<Purpose>,
    pub source: Option<Source>,
    pub region: Option<String>,
    pub decision_maker: Option<DecisionMaker>,
    /// The brand of the car they drove before.
    pub previous_brand: Option<String>,
}

/// Which fact of the ideal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Trait {
    Model,
    BudgetBand,
    Purpose,
    Source,
    Region,
    DecisionMaker,
    PreviousBrand,
}

impl Trait {
    pub const ALL: [Trait; 7] = [
        Trait::Model,
        Trait::BudgetBand,
        Trait::Purpose,
        Trait::Source,
        Trait::Region,
        Trait::DecisionMaker,
        Trait::PreviousBrand,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Trait::Model => "model",
            Trait::BudgetBand => "budget_band",
            Trait::Purpose => "purpose",
            Trait::Source => "source",
            Trait::Region => "region",
            Trait::DecisionMaker => "decision_maker",
            Trait::PreviousBrand => "previous_brand",
        }
    }
}

/// The budget bands an ideal speaks of, in 万: the band of a budget's middle.
pub const BUDGET_BANDS: [(i64, &str); 6] = [
    (100_000, "<10万"),
    (150_000, "10-15万"),
    (200_000, "15-20万"),
    (300_000, "20-30万"),
    (500_000, "30-50万"),
    (i64::MAX, "50万+"),
];

/// The band of a budget (`BUDGET_BANDS`).
pub fn budget_band(b: &Budget) -> &'static str {
    let middle = b.min.map_or(b.max, |min| (min + b.max) / 2);
    BUDGET_BANDS
        .iter()
        .find(|(below, _)| middle < *below)
        .map_or("50万+", |(_, band)| band)
}

/// The values of one fact a customer holds, in a form that compares.
fn values(t: &Traits, which: Trait) -> Vec<String> {
    let one = |v: Option<String>| v.into_iter().collect::<Vec<_>>();
    match which {
        Trait::Model => {
            let mut m: Vec<String> = t
                .models
                .iter()
                .map(|m| m.trim().to_lowercase())
                .filter(|m| !m.is_empty())
                .collect();
            m.sort();
            m.dedup();
            m
        }
        Trait::BudgetBand => one(t.budget.as_ref().map(|b| budget_band(b).to_owned())),
        Trait::Purpose => t.purposes.iter().map(|p| p.code().to_owned()).collect(),
        Trait::Source => one(t.source.map(|s| s.code().to_owned())),
        Trait::Region => one(t
            .region
            .as_ref()
            .map(|r| r.trim().to_owned())
            .filter(|r| !r.is_empty())),
        Trait::DecisionMaker => one(t.decision_maker.map(|d| d.code().to_owned())),
        Trait::PreviousBrand => one(t
            .previous_brand
            .as_ref()
            .map(|b| b.trim().to_lowercase())
            .filter(|b| !b.is_empty())),
    }
}

/// A typical value of the best customers: which fact, the value (a code for closed lists,
/// the words otherwise, lower-cased) and the share of the best customers who hold it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Typical {
    pub which: Trait,
    pub value: String,
    pub percent: u32,
}

/// The ideal customer: the typical values of the best customers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Ideal {
    /// How many best customers it was drawn from.
    pub drawn_from: usize,
    pub typical: Vec<Typical>,
}

/// Draws the ideal from the best customers' traits.
pub fn ideal(best: &[Traits]) -> Ideal {
    let n = best.len();
    let mut typical = Vec::new();
    if n == 0 {
        return Ideal::default();
    }
    for which in Trait::ALL {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for t in best {
            for v in values(t, which) {
                *counts.entry(v).or_default() += 1;
            }
        }
        let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        for (value, count) in ranked.into_iter().take(TYPICAL_MAX) {
            let percent = u32::try_from(count * 100 / n).unwrap_or(100);
            if percent >= TYPICAL_PERCENT {
                typical.push(Typical {
                    which,
                    value,
                    percent,
                });
            }
        }
    }
    Ideal {
        drawn_from: n,
        typical,
    }
}

/// How closely a prospect matches the ideal: a score from 0 to 100 and the facts shared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Match {
    pub score: u32,
    pub matching: Vec<Typical>,
}

/// Scores a prospect: for each fact the ideal has typical values for, the share of the best
/// customers holding the prospect's value (the best of theirs); the sum over the sum of the
/// most typical share of each fact.
pub fn score(ideal: &Ideal, prospect: &Traits) -> Match {
    let mut got = 0u32;
    let mut possible = 0u32;
    let mut matching = Vec::new();
    for which in Trait::ALL {
        let of_fact: Vec<&Typical> = ideal.typical.iter().filter(|t| t.which == which).collect();
        let Some(most) = of_fact.iter().map(|t| t.percent).max() else {
            continue;
        };
        possible += most;
        let theirs = values(prospect, which);
        if let Some(best) = of_fact
            .iter()
            .filter(|t| theirs.contains(&t.value))
            .max_by_key(|t| t.percent)
        {
            got += best.percent;
            matching.push((*best).clone());
        }
    }
    Match {
        score: (got * 100).checked_div(possible).unwrap_or(0),
        matching,
    }
}
