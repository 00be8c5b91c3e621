//! A trim's fields as text: what a cell of a maker's sheet, the Settings editor or the
//! command line holds, read and checked by the field's declaration in [`TRIM_FIELDS`], and
//! written back so that it reads the same.

use crate::budget::Budget;
use crate::choices::{Body, Choice, Drivetrain, Energy};
use crate::profile::{Invalid, Problem, tidy};

use super::{TRIM_FIELDS, Trim, TrimField, TrimFieldKind, trim_field};

/// What separates the items of a list field (colours, aliases).
pub const LIST_SEPARATORS: &[char] = &['、', ',', '，', '/', '／', ';', '；'];

/// A field's value, as the kind of the field holds it.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Empty,
    Text(String),
    Number(f64),
    /// A closed list's code.
    Choice(&'static str),
    List(Vec<String>),
}

/// Yuan as price sheets write them: `22.98万`, `229800`, `229,800元`, `¥229,800`. A bare
/// number under 1,000 is read in 万 (as budgets are). A range or an "about" is not a price.
pub fn parse_money(raw: &str) -> Option<u64> {
    let budget = Budget::parse(raw)?;
    match budget {
        Budget {
            min: Some(min),
            max,
            about: false,
        } if min == max => u64::try_from(max).ok(),
        _ => None,
    }
}

/// Reads a number as sheets write it: full-width digits, thousands separators, and the
/// field's unit (or a common one) after it: `605km`, `4,995 mm`, `6.9秒`, `7座`.
fn parse_number(raw: &str, field: &TrimField) -> Option<f64> {
    let text: String = raw
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' => Some('.'),
            ',' | '，' | ' ' | '\u{3000}' => None,
            c => Some(c),
        })
        .collect();
    let lower = text.to_lowercase();
    let unit = field.unit.to_lowercase();
    let mut number = lower.as_str();
    for suffix in [
        unit.as_str(),
        "秒",
        "座",
        "公里",
        "千米",
        "升",
        "毫米",
        "千瓦",
        "度",
    ] {
        if !suffix.is_empty()
            && let Some(rest) = number.strip_suffix(suffix)
        {
            number = rest;
            break;
        }
    }
    let value: f64 = number.parse().ok()?;
    value.is_finite().then_some(value)
}

/// A closed list's value as written: its code or a word for it, spaced or not, in any case,
/// or a sheet's longer wording that ends with one (`紧凑型SUV`, `中大型轿车`).
fn parse_choice<T: Choice>(raw: &str) -> Option<T> {
    let squeezed: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let upper = squeezed.to_uppercase();
    T::parse(raw)
        .or_else(|| T::parse(&squeezed))
        .or_else(|| T::parse(&upper))
        .or_else(|| {
            squeezed
                .char_indices()
                .skip(1)
                .find_map(|(at, _)| T::parse(&squeezed[at..]).or_else(|| T::parse(&upper[at..])))
        })
}

/// The codes a choice field allows (for the error), and the code `raw` names, if any.
fn choice(code: &str, raw: &str) -> (Vec<&'static str>, Option<&'static str>) {
    match code {
        "energy" => (
            Energy::codes(),
            parse_choice::<Energy>(raw).map(Energy::code),
        ),
        "body" => (Body::codes(), parse_choice::<Body>(raw).map(Body::code)),
        "drivetrain" => (
            Drivetrain::codes(),
            parse_choice::<Drivetrain>(raw).map(Drivetrain::code),
        ),
        _ => (Vec::new(), None),
    }
}

impl TrimField {
    /// The codes a choice field allows, in the order forms offer them (none for the others).
    pub fn choices(&self) -> Vec<&'static str> {
        choice(self.code, "").0
    }
}

/// Splits a list cell into its items, tidied, empty ones dropped.
pub fn split_list(raw: &str) -> Vec<String> {
    raw.split(LIST_SEPARATORS)
        .map(tidy)
        .filter(|item| !item.is_empty())
        .collect()
}

/// Reads one field's text into a value, checked against the field's declaration.
fn read(field: &TrimField, raw: &str) -> Result<Value, Invalid> {
    let bad_number = || {
        Invalid::new(
            field.code,
            Problem::InvalidNumber {
                value: raw.trim().to_owned(),
            },
        )
    };
    let said = tidy(raw);
    if said.is_empty() {
        return Ok(Value::Empty);
    }
    let value = match field.kind {
        TrimFieldKind::Text => Value::Text(said.clone()),
        TrimFieldKind::Integer => {
            let n = parse_number(&said, field).ok_or_else(bad_number)?;
            if n.fract() != 0.0 {
                return Err(bad_number());
            }
            Value::Number(n)
        }
        TrimFieldKind::Decimal => Value::Number(parse_number(&said, field).ok_or_else(bad_number)?),
        TrimFieldKind::Money => Value::Number(parse_money(&said).ok_or_else(bad_number)? as f64),
        TrimFieldKind::Choice => match choice(field.code, &said) {
            (_, Some(code)) => Value::Choice(code),
            (allowed, None) => {
                return Err(Invalid::new(
                    field.code,
                    Problem::InvalidChoice {
                        value: said,
                        allowed,
                    },
                ));
            }
        },
        TrimFieldKind::List => Value::List(split_list(&said)),
    };
    checked(field, value, &said)
}

/// The value if it keeps within the field's bounds: a length for text and lists, a range for
/// numbers.
fn checked(field: &TrimField, value: Value, said: &str) -> Result<Value, Invalid> {
    let max_chars = field.max as usize;
    match &value {
        Value::Text(text) if text.chars().count() > max_chars => Err(Invalid::new(
            field.code,
            Problem::TooLong { max: max_chars },
        )),
        Value::List(items)
            if items.iter().map(|i| i.chars().count() + 1).sum::<usize>() > max_chars + 1 =>
        {
            Err(Invalid::new(
                field.code,
                Problem::TooLong { max: max_chars },
            ))
        }
        Value::Number(n) if *n < field.min || *n > field.max => Err(Invalid::new(
            field.code,
            Problem::InvalidNumber {
                value: said.to_owned(),
            },
        )),
        _ => Ok(value),
    }
}

/// A whole number as the member's type holds it (the field's bounds keep it in range).
fn whole<T: TryFrom<u64>>(n: f64) -> Option<T> {
    T::try_from(n as u64).ok()
}

fn number_of<T: Into<f64> + Copy>(v: Option<T>) -> Value {
    v.map_or(Value::Empty, |n| Value::Number(n.into()))
}

fn text_of(s: &str) -> Value {
    if s.is_empty() {
        Value::Empty
    } else {
        Value::Text(s.to_owned())
    }
}

impl Trim {
    /// The value of the field `code` (a code of [`TRIM_FIELDS`]).
    fn get(&self, code: &str) -> Value {
        match code {
            "brand" => text_of(&self.brand),
            "series" => text_of(&self.series),
            "trim" => text_of(&self.trim),
            "year" => number_of(self.year),
            "price" if self.price == 0 => Value::Empty,
            "price" => Value::Number(self.price as f64),
            "body" => self.body.map_or(Value::Empty, |v| Value::Choice(v.code())),
            "energy" => self
                .energy
                .map_or(Value::Empty, |v| Value::Choice(v.code())),
            "seats" => number_of(self.seats),
            "power_kw" => number_of(self.power_kw),
            "accel_s" => number_of(self.accel_s),
            "fuel_l100" => number_of(self.fuel_l100),
            "range_km" => number_of(self.range_km),
            "battery_kwh" => number_of(self.battery_kwh),
            "length_mm" => number_of(self.length_mm),
            "wheelbase_mm" => number_of(self.wheelbase_mm),
            "boot_l" => number_of(self.boot_l),
            "drivetrain" => self
                .drivetrain
                .map_or(Value::Empty, |v| Value::Choice(v.code())),
            "adas" => text_of(&self.adas),
            "warranty" => text_of(&self.warranty),
            "colours" if self.colours.is_empty() => Value::Empty,
            "colours" => Value::List(self.colours.clone()),
            "aliases" if self.aliases.is_empty() => Value::Empty,
            "aliases" => Value::List(self.aliases.clone()),
            "note" => text_of(&self.note),
            _ => Value::Empty,
        }
    }

    /// Sets the field `code` to a value [`read`] made for it.
    fn put(&mut self, code: &str, value: Value) {
        let text = |v: &Value| match v {
            Value::Text(t) => t.clone(),
            _ => String::new(),
        };
        let number = |v: &Value| match v {
            Value::Number(n) => Some(*n),
            _ => None,
        };
        let list = |v: Value| match v {
            Value::List(items) => items,
            _ => Vec::new(),
        };
        let code_of = |v: &Value| match v {
            Value::Choice(c) => Some(*c),
            _ => None,
        };
        match code {
            "brand" => self.brand = text(&value),
            "series" => self.series = text(&value),
            "trim" => self.trim = text(&value),
            "year" => self.year = number(&value).and_then(whole),
            "price" => self.price = number(&value).and_then(whole).unwrap_or(0),
            "body" => self.body = code_of(&value).and_then(Body::parse),
            "energy" => self.energy = code_of(&value).and_then(Energy::parse),
            "seats" => self.seats = number(&value).and_then(whole),
            "power_kw" => self.power_kw = number(&value).and_then(whole),
            "accel_s" => self.accel_s = number(&value).map(|n| n as f32),
            "fuel_l100" => self.fuel_l100 = number(&value).map(|n| n as f32),
            "range_km" => self.range_km = number(&value).and_then(whole),
            "battery_kwh" => self.battery_kwh = number(&value).map(|n| n as f32),
            "length_mm" => self.length_mm = number(&value).and_then(whole),
            "wheelbase_mm" => self.wheelbase_mm = number(&value).and_then(whole),
            "boot_l" => self.boot_l = number(&value).and_then(whole),
            "drivetrain" => self.drivetrain = code_of(&value).and_then(Drivetrain::parse),
            "adas" => self.adas = text(&value),
            "warranty" => self.warranty = text(&value),
            "colours" => self.colours = list(value),
            "aliases" => self.aliases = list(value),
            "note" => self.note = text(&value),
            _ => {}
        }
    }

    /// Reads `raw` into the field `code`, as its declaration says; an empty text clears it.
    /// The error names the field.
    pub fn set_field(&mut self, code: &str, raw: &str) -> Result<(), Invalid> {
        let field = trim_field(code).ok_or_else(|| {
            Invalid::new(
                "field",
                Problem::UnknownField {
                    value: code.to_owned(),
                },
            )
        })?;
        let value = read(field, raw)?;
        self.put(field.code, value);
        Ok(())
    }

    /// The field `code` as text that [`Trim::set_field`] reads back: the price in yuan,
    /// a choice by its code, a list joined with `、`; empty when unknown.
    pub fn field_text(&self, code: &str) -> String {
        match self.get(code) {
            Value::Empty => String::new(),
            Value::Text(t) => t,
            Value::Number(n) => format_number(n),
            Value::Choice(c) => c.to_owned(),
            Value::List(items) => items.join("、"),
        }
    }

    /// The field `code` as a sheet for Chinese readers shows it: a choice by its Chinese word,
    /// the rest as [`Trim::field_text`] (which reads back the same).
    pub fn field_word(&self, code: &str) -> String {
        match code {
            "energy" => self.energy.map(Energy::word),
            "body" => self.body.map(Body::word),
            "drivetrain" => self.drivetrain.map(Drivetrain::word),
            _ => None,
        }
        .map_or_else(|| self.field_text(code), str::to_owned)
    }

    /// A trim read from `(field code, text)` pairs (the cells of a sheet's row, a form): the
    /// first refused value is the error, naming its field; then the whole trim is checked.
    pub fn from_texts<'a>(
        cells: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Trim, Invalid> {
        let mut trim = Trim::default();
        for (code, raw) in cells {
            trim.set_field(code, raw)?;
        }
        trim.check()?;
        Ok(trim)
    }

    /// Checks a whole trim: every required field given, every value within its field's
    /// bounds. The error names the first field at fault, in [`TRIM_FIELDS`]' order.
    pub fn check(&self) -> Result<(), Invalid> {
        for field in TRIM_FIELDS {
            let value = self.get(field.code);
            if value == Value::Empty {
                if field.required {
                    return Err(Invalid::new(field.code, Problem::Required));
                }
                continue;
            }
            let said = self.field_text(field.code);
            checked(field, value, &said)?;
        }
        Ok(())
    }

    /// The texts of every field, by code, in [`TRIM_FIELDS`]' order (what the editor shows).
    pub fn texts(&self) -> Vec<(&'static str, String)> {
        TRIM_FIELDS
            .iter()
            .map(|f| (f.code, self.field_text(f.code)))
            .collect()
    }
}

/// A number as a sheet writes it: whole numbers without decimals, others as short as they
/// read back (`6.9`, not `6.900000095`).
fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let short = format!("{}", n as f32);
        if short.parse::<f64>().is_ok() {
            short
        } else {
            n.to_string()
        }
    }
}
