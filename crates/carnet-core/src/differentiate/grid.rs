//! The satisfaction × purchase-volume grid of seed 002: nine cells, each with a strategy for
//! its volume (one-to-one, one-to-many, through a group channel) and for its satisfaction
//! (partner, improve, correct), and the concrete actions the source lists for its class (A:
//! high value and loyal; B: loyal, less value; C: many small buyers; D: not satisfied).

use serde::{Deserialize, Serialize};

use crate::choices::Tier;

/// Satisfaction up to this (1–2) is low; 3 is middle; 4–5 high.
pub const LOW_MAX: u8 = 2;
pub const MIDDLE: u8 = 3;

/// High, middle or low: a satisfaction or a purchase volume.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Band {
    High,
    Middle,
    Low,
}

impl Band {
    pub const ALL: [Band; 3] = [Band::High, Band::Middle, Band::Low];

    pub fn code(self) -> &'static str {
        match self {
            Band::High => "high",
            Band::Middle => "middle",
            Band::Low => "low",
        }
    }

    pub fn parse(raw: &str) -> Option<Band> {
        Band::ALL.into_iter().find(|b| b.code() == raw.trim())
    }
}

/// A satisfaction (1–5) as a band.
pub fn satisfaction_band(satisfaction: u8) -> Band {
    match satisfaction {
        s if s <= LOW_MAX => Band::Low,
        MIDDLE => Band::Middle,
        _ => Band::High,
    }
}

/// An owner's purchase volume, read from their tier (the value thresholds are the volume's):
/// top and large are high, medium middle, small and inactive low; `None` for one who has not
/// bought.
pub fn volume_band(tier: Tier) -> Option<Band> {
    match tier {
        Tier::Top | Tier::Large => Some(Band::High),
        Tier::Medium => Some(Band::Middle),
        Tier::Small | Tier::Inactive => Some(Band::Low),
        Tier::Prospect | Tier::Suspect | Tier::Other => None,
    }
}

/// The strategy for a purchase volume.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum VolumeStrategy {
    OneToOne,
    OneToMany,
    GroupChannel,
}

/// The strategy for a satisfaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SatisfactionStrategy {
    Partner,
    Improve,
    Correct,
}

/// The source's classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum GridClass {
    A,
    B,
    C,
    D,
}

impl GridClass {
    pub const ALL: [GridClass; 4] = [GridClass::A, GridClass::B, GridClass::C, GridClass::D];

    pub fn code(self) -> &'static str {
        match self {
            GridClass::A => "a",
            GridClass::B => "b",
            GridClass::C => "c",
            GridClass::D => "d",
        }
    }

    /// A class's letter, either case.
    pub fn parse(raw: &str) -> Option<GridClass> {
        GridClass::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(raw.trim()))
    }
}

/// A concrete action the source lists for a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum GridAction {
    /// A: the consultant looks after them personally …
    Personal,
    /// … every need handled at once …
    EveryNeed,
    /// … from the offer through the order and delivery to after-sales.
    WholeJourney,
    /// B: a medium- to long-term plan for the relationship …
    LongTermPlan,
    /// … their suggestions heard …
    DiscussImprovements,
    /// … regular calls.
    RegularCalls,
    /// C: periodic messages to the group …
    GroupMessages,
    /// … their needs gathered from time to time …
    CollectNeeds,
    /// … news of models and offers passed on.
    ShareUpdates,
    /// D: call now …
    CallNow,
    /// … resolve the complaint fast …
    ResolveFast,
    /// … learn their needs and interests, come closer …
    LearnNeeds,
    /// … offer a service or an advantage rather than a lesser product.
    OfferService,
    /// Middle satisfaction: ask what would make it better.
    AskImprove,
}

/// A cell of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Cell {
    pub satisfaction: Band,
    pub volume: Band,
}

/// The cell of an owner with a known satisfaction; `None` for a customer who has not bought or
/// was never asked.
pub fn cell(tier: Tier, satisfaction: Option<u8>) -> Option<Cell> {
    Some(Cell {
        satisfaction: satisfaction_band(satisfaction?),
        volume: volume_band(tier)?,
    })
}

impl Cell {
    /// D for low satisfaction whatever they bought; else A, B, C by volume.
    pub fn class(self) -> GridClass {
        match (self.satisfaction, self.volume) {
            (Band::Low, _) => GridClass::D,
            (_, Band::High) => GridClass::A,
            (_, Band::Middle) => GridClass::B,
            (_, Band::Low) => GridClass::C,
        }
    }

    pub fn volume_strategy(self) -> VolumeStrategy {
        match self.volume {
            Band::High => VolumeStrategy::OneToOne,
            Band::Middle => VolumeStrategy::OneToMany,
            Band::Low => VolumeStrategy::GroupChannel,
        }
    }

    pub fn satisfaction_strategy(self) -> SatisfactionStrategy {
        match self.satisfaction {
            Band::High => SatisfactionStrategy::Partner,
            Band::Middle => SatisfactionStrategy::Improve,
            Band::Low => SatisfactionStrategy::Correct,
        }
    }

    /// What to do, most important first.
    pub fn actions(self) -> Vec<GridAction> {
        use GridAction::*;
        let mut out = match self.class() {
            GridClass::A => vec![Personal, EveryNeed, WholeJourney],
            GridClass::B => vec![LongTermPlan, DiscussImprovements, RegularCalls],
            GridClass::C => vec![GroupMessages, CollectNeeds, ShareUpdates],
            GridClass::D => vec![CallNow, ResolveFast, LearnNeeds, OfferService],
        };
        if self.satisfaction == Band::Middle {
            out.insert(0, AskImprove);
        }
        out
    }
}
