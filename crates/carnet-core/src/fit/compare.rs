//! Two to four trims side by side: one row per catalogue field ([`TRIM_FIELDS`]), whether the
//! trims differ on it, and which is best where a field has a better direction.

use serde::Serialize;

use crate::catalogue::{TRIM_FIELDS, Trim};
use crate::profile::{Invalid, Problem};

/// The fewest trims a comparison takes.
pub const COMPARE_MIN: usize = 2;
/// The most trims a comparison takes (what fits side by side).
pub const COMPARE_MAX: usize = 4;

/// Which way a figure is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Lower,
    Higher,
}

/// The fields whose value has a better direction: a lower price, a newer year, more power, a
/// quicker 0–100, less fuel, more range … Size (length, seats) has none: it is a need.
pub fn better(code: &str) -> Option<Better> {
    match code {
        "price" | "accel_s" | "fuel_l100" => Some(Better::Lower),
        "year" | "power_kw" | "range_km" | "battery_kwh" | "wheelbase_mm" | "boot_l" => {
            Some(Better::Higher)
        }
        _ => None,
    }
}

/// A trim's value of one field.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum CompareCell {
    Number(f64),
    /// Text, or a closed list's code (energy, body, drivetrain).
    Text(String),
    List(Vec<String>),
}

impl CompareCell {
    fn number(&self) -> Option<f64> {
        match self {
            CompareCell::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// The value of the field `code` of a trim; `None` when the trim does not say (or the code is
/// not a field).
pub fn cell(t: &Trim, code: &str) -> Option<CompareCell> {
    let text = |s: &str| (!s.trim().is_empty()).then(|| CompareCell::Text(s.to_owned()));
    let num = |n: Option<f64>| n.map(CompareCell::Number);
    let list = |l: &[String]| (!l.is_empty()).then(|| CompareCell::List(l.to_vec()));
    match code {
        "brand" => text(&t.brand),
        "series" => text(&t.series),
        "trim" => text(&t.trim),
        "year" => num(t.year.map(f64::from)),
        "price" => Some(CompareCell::Number(t.price as f64)),
        "body" => t.body.map(|b| CompareCell::Text(b.code().to_owned())),
        "energy" => t.energy.map(|e| CompareCell::Text(e.code().to_owned())),
        "seats" => num(t.seats.map(f64::from)),
        "power_kw" => num(t.power_kw.map(f64::from)),
        "accel_s" => num(t.accel_s.map(round_f32)),
        "fuel_l100" => num(t.fuel_l100.map(round_f32)),
        "range_km" => num(t.range_km.map(f64::from)),
        "battery_kwh" => num(t.battery_kwh.map(round_f32)),
        "length_mm" => num(t.length_mm.map(f64::from)),
        "wheelbase_mm" => num(t.wheelbase_mm.map(f64::from)),
        "boot_l" => num(t.boot_l.map(f64::from)),
        "drivetrain" => t.drivetrain.map(|d| CompareCell::Text(d.code().to_owned())),
        "adas" => text(&t.adas),
        "warranty" => text(&t.warranty),
        "colours" => list(&t.colours),
        "aliases" => list(&t.aliases),
        "note" => text(&t.note),
        _ => None,
    }
}

/// An f32 figure as the sheet wrote it (3.9, not 3.900000095).
fn round_f32(v: f32) -> f64 {
    (f64::from(v) * 100.0).round() / 100.0
}

/// One field across the trims compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CompareRow {
    /// The field's code ([`TRIM_FIELDS`]).
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub field: &'static str,
    /// The unit shown after a value.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub unit: &'static str,
    /// Each trim's value, in the order of the trims.
    pub values: Vec<Option<CompareCell>>,
    /// Whether the trims' values are not all the same (a missing value differs).
    pub differ: bool,
    /// Where the field has a better direction and the trims differ on it: which of them (by
    /// position) hold the best value; ties are all best.
    pub best: Vec<u32>,
    pub better: Option<Better>,
}

/// The trims side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Comparison {
    pub trims: Vec<Trim>,
    pub rows: Vec<CompareRow>,
}

/// Whether `n` trims can be compared: two to four; fewer or more is refused, naming `ids`.
pub fn compare_count(n: usize) -> Result<(), Invalid> {
    if n < COMPARE_MIN {
        return Err(Invalid::new("ids", Problem::Required));
    }
    if n > COMPARE_MAX {
        return Err(Invalid::new("ids", Problem::TooMany { max: COMPARE_MAX }));
    }
    Ok(())
}

/// Lays two to four trims side by side; refuses fewer or more ([`compare_count`]).
pub fn compare(trims: &[Trim]) -> Result<Comparison, Invalid> {
    compare_count(trims.len())?;
    let rows = TRIM_FIELDS
        .iter()
        .map(|f| {
            let values: Vec<Option<CompareCell>> = trims.iter().map(|t| cell(t, f.code)).collect();
            let differ = values.iter().any(|v| *v != values[0]);
            let direction = better(f.code);
            let numbers: Vec<(u32, f64)> = values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| Some((i as u32, v.as_ref()?.number()?)))
                .collect();
            let best = match direction {
                Some(way) if differ && numbers.len() >= 2 => {
                    let pick = numbers
                        .iter()
                        .map(|(_, n)| *n)
                        .fold(None, |acc: Option<f64>, n| {
                            Some(match (acc, way) {
                                (None, _) => n,
                                (Some(a), Better::Lower) => a.min(n),
                                (Some(a), Better::Higher) => a.max(n),
                            })
                        });
                    numbers
                        .iter()
                        .filter(|(_, n)| Some(*n) == pick)
                        .map(|(i, _)| *i)
                        .collect()
                }
                _ => Vec::new(),
            };
            CompareRow {
                field: f.code,
                unit: f.unit,
                values,
                differ,
                best,
                better: direction,
            }
        })
        .collect();
    Ok(Comparison {
        trims: trims.to_vec(),
        rows,
    })
}
