//! Fit (issue 15, Customize): which of the consultant's trims suit a customer, and why.
//!
//! [`fit`] decides, for each trim of the catalogue, whether the customer can be offered it
//! (within the budget once the typical discount is off, room for the family, not the car they
//! already own) and ranks the ones they can by what they will use the car for
//! ([`Purpose`]) and by their ranking of priorities ([`Priority`]), the first weighing most.
//! Every fit carries its reasons and every trim ruled out its why, as codes with typed params
//! ([`FitReason`]) that front ends put into words. [`compare`] lays two to four trims side by side.
//!
//! The numbers a consultant may disagree with are [`FitRules`], each with its range.

use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use crate::catalogue::Trim;
use crate::choices::{Body, Energy, Priority, Purpose, Relation};
use crate::family::FamilyFacts;
use crate::followup::rules::number;
use crate::profile::{Invalid, Profile};

mod compare;
#[cfg(test)]
mod tests;

pub use compare::{
    Better, COMPARE_MAX, COMPARE_MIN, CompareCell, CompareRow, Comparison, better, cell, compare,
    compare_count,
};

/// The numbers of the fit, every one the consultant's to edit (defaults on each field).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FitRules {
    /// The discount a customer can usually expect off the guide price, percent (default 5).
    pub typical_discount_pct: u32,
    /// A trim whose price after the discount is over the top of the budget by at most this
    /// share still fits, ranked after those within it; beyond it, it is ruled out. Percent
    /// (default 10).
    pub stretch_pct: u32,
    /// The electric range that answers "long trips", km CLTC (default 500).
    pub long_range_km: u32,
    /// A boot at least this big is roomy, litres (default 450).
    pub roomy_boot_l: u32,
}

impl Default for FitRules {
    fn default() -> FitRules {
        FitRules {
            typical_discount_pct: 5,
            stretch_pct: 10,
            long_range_km: 500,
            roomy_boot_l: 450,
        }
    }
}

/// The ranges an edited fit rule must fall in (sent to front ends with the bindings).
pub const DISCOUNT_PCT_RANGE: RangeInclusive<u32> = 0..=50;
pub const STRETCH_PCT_RANGE: RangeInclusive<u32> = 0..=50;
pub const LONG_RANGE_KM_RANGE: RangeInclusive<u32> = 100..=1_500;
pub const ROOMY_BOOT_L_RANGE: RangeInclusive<u32> = 100..=2_000;

impl FitRules {
    /// Checks every number, naming the first one out of its range.
    pub fn validate(&self) -> Result<(), Invalid> {
        number(
            "typical_discount_pct",
            self.typical_discount_pct,
            &DISCOUNT_PCT_RANGE,
        )?;
        number("stretch_pct", self.stretch_pct, &STRETCH_PCT_RANGE)?;
        number("long_range_km", self.long_range_km, &LONG_RANGE_KM_RANGE)?;
        number("roomy_boot_l", self.roomy_boot_l, &ROOMY_BOOT_L_RANGE)?;
        Ok(())
    }

    /// The guide price less the typical discount, yuan (rounded to the yuan).
    pub fn net_price(&self, price: u64) -> u64 {
        let keep = u128::from(100 - self.typical_discount_pct.min(100));
        let net = (u128::from(price) * keep + 50) / 100;
        u64::try_from(net).unwrap_or(u64::MAX)
    }
}

/// A reason a trim fits, or why it is ruled out: a code with its params, which front ends
/// put into words ("续航 605 km：常跑长途").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum FitReason {
    /// One of the models the customer asked about.
    Wished { model: String },
    /// Seats for the customer's children ("7 座：二胎家庭").
    SeatsForChildren { seats: u8, children: u32 },
    /// Seats for everyone in the family the consultant knows of ("7 座：一家 5 口").
    SeatsForFamily { seats: u8, people: u32 },
    /// Six seats or more, for a family car.
    ManySeats { seats: u8 },
    /// A body with room for a family (an MPV, an SUV, an estate), seats not said otherwise.
    FamilyBody { body: Body },
    /// A boot at least the rules' roomy size.
    RoomyBoot { boot_l: u32 },
    /// A battery car with the range for long trips.
    LongRange { range_km: u32 },
    /// A plug-in or extended-range car: electric for the day, fuel for the long trip.
    PlugInRange { range_km: u32, energy: Energy },
    /// Low fuel use among the catalogue's cars.
    LowFuel { fuel_l100: f32 },
    /// Runs on electricity (all or mostly): cheap to run.
    Electric { energy: Energy },
    /// A long sedan or MPV: an image for business.
    BusinessImage { body: Body, length_mm: u32 },
    /// A long wheelbase: room in the back.
    RearSpace { wheelbase_mm: u32 },
    /// Quick off the line.
    Quick { accel_s: f32 },
    /// Much power.
    Powerful { power_kw: u32 },
    /// Many colours to choose from.
    Colours { count: u32 },
    /// Driver assistance, as the maker names it.
    Assistance { adas: String },
    /// Among the cheaper trims that fit, at this price after the typical discount.
    LowPrice { net_price: u64 },
    /// The warranty, as the maker words it.
    Warranty { warranty: String },
    /// Ruled out: over the budget's top by this much, after the typical discount.
    OverBudget {
        over: u64,
        net_price: u64,
        budget_max: u64,
    },
    /// Ruled out: fewer seats than the family the consultant knows of.
    TooFewSeats { seats: u8, people: u32 },
    /// Ruled out: the customer already owns this model.
    AlreadyOwned { model: String },
}

impl FitReason {
    /// What the reason speaks of: a fit says each topic once (seven seats for the children
    /// and seven seats for space are one reason).
    fn topic(&self) -> &'static str {
        match self {
            FitReason::SeatsForChildren { .. }
            | FitReason::SeatsForFamily { .. }
            | FitReason::ManySeats { .. }
            | FitReason::FamilyBody { .. } => "seats",
            FitReason::Quick { .. } | FitReason::Powerful { .. } => "power",
            other => other.code(),
        }
    }

    /// The code front ends render (the serde tag).
    pub fn code(&self) -> &'static str {
        match self {
            FitReason::Wished { .. } => "wished",
            FitReason::SeatsForChildren { .. } => "seats_for_children",
            FitReason::SeatsForFamily { .. } => "seats_for_family",
            FitReason::ManySeats { .. } => "many_seats",
            FitReason::FamilyBody { .. } => "family_body",
            FitReason::RoomyBoot { .. } => "roomy_boot",
            FitReason::LongRange { .. } => "long_range",
            FitReason::PlugInRange { .. } => "plug_in_range",
            FitReason::LowFuel { .. } => "low_fuel",
            FitReason::Electric { .. } => "electric",
            FitReason::BusinessImage { .. } => "business_image",
            FitReason::RearSpace { .. } => "rear_space",
            FitReason::Quick { .. } => "quick",
            FitReason::Powerful { .. } => "powerful",
            FitReason::Colours { .. } => "colours",
            FitReason::Assistance { .. } => "assistance",
            FitReason::LowPrice { .. } => "low_price",
            FitReason::Warranty { .. } => "warranty",
            FitReason::OverBudget { .. } => "over_budget",
            FitReason::TooFewSeats { .. } => "too_few_seats",
            FitReason::AlreadyOwned { .. } => "already_owned",
        }
    }
}

/// Where a trim's price stands against the customer's budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum BudgetFit {
    /// At or under the top of the budget once the typical discount is off.
    Within,
    /// A little over the top (within the rules' stretch): offered, ranked after those within.
    Stretch { over: u64 },
    /// No budget known: nothing is ruled out on price.
    Unknown,
}

/// A trim the customer can be offered, with why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Fit {
    pub trim: Trim,
    /// The guide price less the typical discount, yuan.
    pub net_price: u64,
    pub budget: BudgetFit,
    /// How well it answers the customer's purposes and priorities, percent of a perfect
    /// answer; `None` when neither is known.
    pub score: Option<u32>,
    /// The strongest reasons first.
    pub reasons: Vec<FitReason>,
}

/// A trim that does not fit, with every reason why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuledOut {
    pub trim: Trim,
    pub net_price: u64,
    pub why: Vec<FitReason>,
}

/// The catalogue for one customer: the fits best first, then the trims ruled out (cheapest
/// first).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Suggestions {
    pub fits: Vec<Fit>,
    pub ruled_out: Vec<RuledOut>,
}

/// Who the car is for: the profile, the family the consultant knows of, and the models the
/// customer already owns (delivered to them), which are not offered again.
#[derive(Debug, Clone, Copy)]
pub struct Buyer<'a> {
    pub profile: &'a Profile,
    pub family: &'a [FamilyFacts],
    pub owned: &'a [String],
}

impl<'a> Buyer<'a> {
    /// A buyer known by the profile only.
    pub fn of(profile: &'a Profile) -> Buyer<'a> {
        Buyer {
            profile,
            family: &[],
            owned: &[],
        }
    }

    /// Everyone the car carries, as far as the consultant knows: the customer and their
    /// family members; `None` when no family member is known.
    pub fn people(&self) -> Option<u32> {
        (!self.family.is_empty()).then(|| 1 + count(self.family.len()))
    }

    /// The children (and grandchildren) among the family members.
    pub fn children(&self) -> u32 {
        count(
            self.family
                .iter()
                .filter(|m| {
                    matches!(
                        m.relation.known(),
                        Some(
                            Relation::Son
                                | Relation::Daughter
                                | Relation::Grandson
                                | Relation::Granddaughter
                        )
                    )
                })
                .count(),
        )
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A name as compared: lower case, without spaces and punctuation.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether what a customer calls a model ("汉EV", "比亚迪 汉", "宋PLUS DM-i 旗舰型") names this
/// trim's series (or one of its aliases).
pub fn names_series(said: &str, trim: &Trim) -> bool {
    let said = squeeze(said);
    if said.is_empty() {
        return false;
    }
    let brand = squeeze(&trim.brand);
    let said = match said.strip_prefix(brand.as_str()) {
        Some(rest) if !brand.is_empty() && !rest.is_empty() => rest.to_owned(),
        _ => said,
    };
    std::iter::once(&trim.series)
        .chain(&trim.aliases)
        .map(|name| squeeze(name))
        .filter(|name| !name.is_empty())
        .any(|name| {
            said == name
                // "汉ev" names 汉, but "汉兰达" does not.
                || said
                    .strip_prefix(name.as_str())
                    .and_then(|rest| rest.chars().next())
                    .is_some_and(|c| c.is_ascii_alphanumeric())
                || (name.starts_with(&said) && said.chars().count() >= 3)
        })
}

/// Scales a value among the catalogue's: 0 for the least, 1 for the most.
#[derive(Debug, Clone, Copy)]
struct Scale {
    min: f64,
    max: f64,
}

impl Scale {
    fn of(values: impl Iterator<Item = f64>) -> Scale {
        values.fold(
            Scale {
                min: f64::INFINITY,
                max: f64::NEG_INFINITY,
            },
            |s, v| Scale {
                min: s.min.min(v),
                max: s.max.max(v),
            },
        )
    }

    /// Higher is better: 0 (the least, or unknown) to 1 (the most, or all alike).
    fn up(&self, value: Option<f64>) -> f64 {
        match value {
            None => 0.0,
            Some(_) if self.max <= self.min => 1.0,
            Some(v) => ((v - self.min) / (self.max - self.min)).clamp(0.0, 1.0),
        }
    }

    /// Lower is better.
    fn down(&self, value: Option<f64>) -> f64 {
        match value {
            None => 0.0,
            Some(_) if self.max <= self.min => 1.0,
            Some(v) => ((self.max - v) / (self.max - self.min)).clamp(0.0, 1.0),
        }
    }
}

/// The catalogue's spread of each figure the fit weighs.
struct Scales {
    net_price: Scale,
    power: Scale,
    accel: Scale,
    fuel: Scale,
    length: Scale,
    wheelbase: Scale,
    boot: Scale,
    seats: Scale,
    colours: Scale,
    warranty: Scale,
}

impl Scales {
    fn of<'a>(trims: impl Iterator<Item = &'a Trim> + Clone, rules: &FitRules) -> Scales {
        let scale = |f: &dyn Fn(&Trim) -> Option<f64>| Scale::of(trims.clone().filter_map(f));
        Scales {
            net_price: scale(&|t| Some(rules.net_price(t.price) as f64)),
            power: scale(&|t| t.power_kw.map(f64::from)),
            accel: scale(&|t| t.accel_s.map(f64::from)),
            fuel: scale(&|t| t.fuel_l100.map(f64::from)),
            length: scale(&|t| t.length_mm.map(f64::from)),
            wheelbase: scale(&|t| t.wheelbase_mm.map(f64::from)),
            boot: scale(&|t| t.boot_l.map(f64::from)),
            seats: scale(&|t| t.seats.map(f64::from)),
            colours: scale(&|t| Some(t.colours.len() as f64)),
            warranty: scale(&|t| warranty_years(&t.warranty).map(f64::from)),
        }
    }
}

/// The years of a warranty as makers word it ("6年或15万公里", "终身质保" counts as 99).
fn warranty_years(text: &str) -> Option<u32> {
    if text.contains("终身") || text.contains("終身") || text.to_lowercase().contains("lifetime")
    {
        return Some(99);
    }
    let at = text
        .find('年')
        .or_else(|| text.to_lowercase().find("year"))?;
    let digits: String = text[..at]
        .chars()
        .rev()
        .skip_while(|c| c.is_whitespace())
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok()
}

/// What a customer weighs: a purpose, a priority, or a model they asked about.
#[derive(Debug, Clone, Copy)]
enum Need {
    Purpose(Purpose),
    Priority(Priority),
}

/// Each purpose weighs this much; the first priority as much, the later ones less.
const PURPOSE_WEIGHT: f64 = 2.0;
/// A model the customer asked about weighs this much.
const WISH_WEIGHT: f64 = 3.0;
/// A relative reason (the catalogue's better half) is given from this score up.
const GOOD: f64 = 0.5;

fn weights(profile: &Profile) -> Vec<(Need, f64)> {
    let mut out: Vec<(Need, f64)> = profile
        .purposes
        .iter()
        .map(|p| (Need::Purpose(*p), PURPOSE_WEIGHT))
        .collect();
    let n = profile.priorities.len() as f64;
    out.extend(
        profile
            .priorities
            .iter()
            .enumerate()
            .map(|(i, p)| (Need::Priority(*p), PURPOSE_WEIGHT * (n - i as f64) / n)),
    );
    out
}

/// How well the trim answers one need (0 to 1), and the reason to say, if it is a good one.
fn answer(
    need: Need,
    t: &Trim,
    buyer: &Buyer<'_>,
    s: &Scales,
    rules: &FitRules,
) -> (f64, Option<FitReason>) {
    let boot = t.boot_l.map(f64::from);
    let roomy = t
        .boot_l
        .filter(|b| *b >= rules.roomy_boot_l)
        .map(|boot_l| FitReason::RoomyBoot { boot_l });
    match need {
        Need::Purpose(Purpose::Family) => {
            // Seats as the catalogue says; where it does not, as the body suggests (sheets
            // often leave the seats out: an MPV seats more than a hatchback).
            let seats = t.seats.unwrap_or(0);
            let seat_score = match (t.seats, t.body) {
                (Some(7..), _) => 1.0,
                (Some(6), _) => 0.8,
                (Some(5), _) => 0.6,
                (Some(_), _) => 0.2,
                (None, Some(Body::Mpv)) => 0.9,
                (None, Some(Body::Suv | Body::Wagon | Body::Sedan)) => 0.6,
                (None, _) => 0.3,
            };
            let family_body = match t.body {
                Some(Body::Mpv) => 1.0,
                Some(Body::Suv | Body::Wagon) => 0.8,
                Some(Body::Sedan) => 0.5,
                None => 0.3,
                Some(_) => 0.2,
            };
            let children = buyer.children();
            let why = if seats >= 7 && children >= 2 {
                Some(FitReason::SeatsForChildren { seats, children })
            } else if let Some(people) = buyer.people().filter(|p| *p > 5 && u32::from(seats) >= *p)
            {
                Some(FitReason::SeatsForFamily { seats, people })
            } else if seats >= 6 {
                Some(FitReason::ManySeats { seats })
            } else if let Some(body @ (Body::Mpv | Body::Suv | Body::Wagon)) = t.body {
                Some(FitReason::FamilyBody { body })
            } else {
                roomy
            };
            (
                0.6 * seat_score + 0.2 * family_body + 0.2 * s.boot.up(boot),
                why,
            )
        }
        Need::Purpose(Purpose::LongTrips) => match t.energy {
            Some(Energy::Bev) => {
                let range = t.range_km.unwrap_or(0);
                let score = (f64::from(range) / f64::from(rules.long_range_km.max(1))).min(1.0);
                let why = (range >= rules.long_range_km)
                    .then_some(FitReason::LongRange { range_km: range });
                (score, why)
            }
            Some(energy @ (Energy::Phev | Energy::Erev)) => (
                0.9,
                t.range_km
                    .map(|range_km| FitReason::PlugInRange { range_km, energy }),
            ),
            _ => {
                let (score, why) = fuel(t, s);
                (0.9 * score, why)
            }
        },
        Need::Purpose(Purpose::Business) => {
            let image = match t.body {
                Some(Body::Sedan | Body::Mpv) => 1.0,
                Some(Body::Suv) => 0.6,
                _ => 0.3,
            };
            let length = s.length.up(t.length_mm.map(f64::from));
            let wheelbase = s.wheelbase.up(t.wheelbase_mm.map(f64::from));
            let why = match (t.body, t.length_mm) {
                (Some(body @ (Body::Sedan | Body::Mpv)), Some(length_mm)) if length >= GOOD => {
                    Some(FitReason::BusinessImage { body, length_mm })
                }
                _ => rear_space(t, wheelbase),
            };
            (0.4 * image + 0.3 * length + 0.3 * wheelbase, why)
        }
        Need::Purpose(Purpose::Cargo) => {
            let shape = match t.body {
                Some(Body::Wagon | Body::Mpv | Body::Pickup | Body::Suv) => 1.0,
                _ => 0.4,
            };
            (0.7 * s.boot.up(boot) + 0.3 * shape, roomy)
        }
        Need::Purpose(Purpose::Commute) | Need::Priority(Priority::FuelEconomy) => economy(t, s),
        Need::Priority(Priority::Power) => {
            let power = s.power.up(t.power_kw.map(f64::from));
            let quick = s.accel.down(t.accel_s.map(f64::from));
            let score = match (t.power_kw, t.accel_s) {
                (Some(_), Some(_)) => 0.5 * power + 0.5 * quick,
                (Some(_), None) => power,
                _ => quick,
            };
            let why = match (t.accel_s, t.power_kw) {
                (Some(accel_s), _) if quick >= GOOD => Some(FitReason::Quick { accel_s }),
                (_, Some(power_kw)) if power >= GOOD => Some(FitReason::Powerful { power_kw }),
                _ => None,
            };
            (score, why)
        }
        Need::Priority(Priority::Comfort) => {
            let wheelbase = s.wheelbase.up(t.wheelbase_mm.map(f64::from));
            (wheelbase, rear_space(t, wheelbase))
        }
        Need::Priority(Priority::Appearance) => {
            let n = count(t.colours.len());
            let score = s.colours.up(Some(f64::from(n)));
            let why = (n >= 2 && score >= GOOD).then_some(FitReason::Colours { count: n });
            (score, why)
        }
        Need::Priority(Priority::Space) => {
            let score = 0.5 * s.boot.up(boot) + 0.5 * s.seats.up(t.seats.map(f64::from));
            let why = roomy.or_else(|| {
                t.seats
                    .filter(|n| *n >= 6)
                    .map(|seats| FitReason::ManySeats { seats })
            });
            (score, why)
        }
        Need::Priority(Priority::Safety) => {
            let adas = t.adas.trim();
            if adas.is_empty() {
                (0.0, None)
            } else {
                (
                    1.0,
                    Some(FitReason::Assistance {
                        adas: adas.to_owned(),
                    }),
                )
            }
        }
        Need::Priority(Priority::Price) => {
            let net_price = rules.net_price(t.price);
            let score = s.net_price.down(Some(net_price as f64));
            (
                score,
                (score >= GOOD).then_some(FitReason::LowPrice { net_price }),
            )
        }
        Need::Priority(Priority::AfterSales) => {
            let warranty = t.warranty.trim();
            if warranty.is_empty() {
                return (0.0, None);
            }
            let score = match warranty_years(warranty) {
                Some(years) => s.warranty.up(Some(f64::from(years))),
                None => 0.5,
            };
            let why = (score >= GOOD).then(|| FitReason::Warranty {
                warranty: warranty.to_owned(),
            });
            (score, why)
        }
    }
}

fn rear_space(t: &Trim, wheelbase: f64) -> Option<FitReason> {
    t.wheelbase_mm
        .filter(|_| wheelbase >= GOOD)
        .map(|wheelbase_mm| FitReason::RearSpace { wheelbase_mm })
}

/// Fuel use among the catalogue's: the less the better.
fn fuel(t: &Trim, s: &Scales) -> (f64, Option<FitReason>) {
    let score = s.fuel.down(t.fuel_l100.map(f64::from));
    let why = t
        .fuel_l100
        .filter(|_| score >= GOOD)
        .map(|fuel_l100| FitReason::LowFuel { fuel_l100 });
    (0.5 + 0.5 * score, why)
}

/// Running costs: electricity first, then a hybrid, then fuel use.
fn economy(t: &Trim, s: &Scales) -> (f64, Option<FitReason>) {
    match t.energy {
        Some(energy @ Energy::Bev) => (1.0, Some(FitReason::Electric { energy })),
        Some(energy @ (Energy::Phev | Energy::Erev)) => {
            (0.85, Some(FitReason::Electric { energy }))
        }
        Some(Energy::Hev) => {
            let (score, why) = fuel(t, s);
            (0.4 + 0.4 * score, why)
        }
        _ => {
            let (score, why) = fuel(t, s);
            (0.6 * score, why)
        }
    }
}

/// Where the trim stands against the budget, or every reason it is ruled out: the model they
/// already own, over the budget past the stretch, too few seats for the family.
fn rule_out(
    buyer: &Buyer<'_>,
    t: &Trim,
    net_price: u64,
    rules: &FitRules,
) -> Result<BudgetFit, Vec<FitReason>> {
    let profile = buyer.profile;
    let mut why = Vec::new();
    if let Some(model) = buyer.owned.iter().find(|m| names_series(m, t)) {
        why.push(FitReason::AlreadyOwned {
            model: model.clone(),
        });
    }
    let budget = match profile.budget {
        None => BudgetFit::Unknown,
        Some(b) => {
            let max = u64::try_from(b.max).unwrap_or(0);
            let stretch =
                u64::try_from(u128::from(max) * u128::from(100 + rules.stretch_pct) / 100)
                    .unwrap_or(u64::MAX);
            if net_price <= max {
                BudgetFit::Within
            } else if net_price <= stretch {
                BudgetFit::Stretch {
                    over: net_price - max,
                }
            } else {
                why.push(FitReason::OverBudget {
                    over: net_price - max,
                    net_price,
                    budget_max: max,
                });
                BudgetFit::Unknown
            }
        }
    };
    let people = buyer
        .people()
        .filter(|_| profile.purposes.contains(&Purpose::Family));
    if let (Some(people), Some(seats)) = (people, t.seats)
        && u32::from(seats) < people
    {
        why.push(FitReason::TooFewSeats { seats, people });
    }
    if why.is_empty() { Ok(budget) } else { Err(why) }
}

/// At most this many reasons per fit, the strongest first.
pub const REASONS_MAX: usize = 4;

/// The catalogue for this buyer: what fits, best first, and what is ruled out, with why.
/// The figures of the trims that fit are weighed against each other (the cheapest of them is
/// the cheap one, whatever else the catalogue holds).
pub fn fit(buyer: &Buyer<'_>, trims: &[Trim], rules: &FitRules) -> Suggestions {
    let profile = buyer.profile;
    let needs = weights(profile);
    let total: f64 = needs.iter().map(|(_, w)| w).sum();
    let mut candidates: Vec<(&Trim, u64, BudgetFit)> = Vec::new();
    let mut ruled_out = Vec::new();
    for t in trims {
        let net_price = rules.net_price(t.price);
        match rule_out(buyer, t, net_price, rules) {
            Ok(budget) => candidates.push((t, net_price, budget)),
            Err(why) => ruled_out.push(RuledOut {
                trim: t.clone(),
                net_price,
                why,
            }),
        }
    }
    let scales = Scales::of(candidates.iter().map(|(t, _, _)| *t), rules);
    let mut fits: Vec<(u8, f64, Fit)> = Vec::new();
    for (t, net_price, budget) in candidates {
        let mut score = 0.0;
        let mut reasons: Vec<(f64, FitReason)> = Vec::new();
        if let Some(wish) = profile.models.iter().find(|m| names_series(&m.model, t)) {
            reasons.push((
                WISH_WEIGHT,
                FitReason::Wished {
                    model: wish.model.clone(),
                },
            ));
        }
        for (need, weight) in &needs {
            let (s, reason) = answer(*need, t, buyer, &scales, rules);
            score += weight * s;
            if let Some(reason) = reason {
                reasons.push((weight * s, reason));
            }
        }
        let wished = !reasons.is_empty() && matches!(reasons[0].1, FitReason::Wished { .. });
        reasons.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut said: Vec<FitReason> = Vec::new();
        for (_, r) in reasons {
            if said.len() < REASONS_MAX && !said.iter().any(|s| s.topic() == r.topic()) {
                said.push(r);
            }
        }
        let band = u8::from(matches!(budget, BudgetFit::Stretch { .. }));
        let ranked = score + if wished { WISH_WEIGHT } else { 0.0 };
        fits.push((
            band,
            ranked,
            Fit {
                trim: t.clone(),
                net_price,
                budget,
                score: (total > 0.0).then(|| (100.0 * score / total).round() as u32),
                reasons: said,
            },
        ));
    }
    fits.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.total_cmp(&a.1))
            .then(a.2.net_price.cmp(&b.2.net_price))
            .then_with(|| a.2.trim.name().cmp(&b.2.trim.name()))
    });
    ruled_out.sort_by(|a, b| {
        a.net_price
            .cmp(&b.net_price)
            .then_with(|| a.trim.name().cmp(&b.trim.name()))
    });
    Suggestions {
        fits: fits.into_iter().map(|(_, _, f)| f).collect(),
        ruled_out,
    }
}
