//! The quote sheet (报价单): what a car costs on the road, and what it costs a month.
//!
//! Money is whole yuan (`u64`). Every line of the sheet is rounded half up to the yuan where it
//! is worked out, and a sum (the total, what is paid up front) adds the rounded lines, so the
//! lines a customer reads always add up. The purchase tax is worked out in fen and only the tax
//! due is rounded; its relief is shown as the full tax less the tax due. A monthly payment is
//! rounded to the yuan, and the interest is the rounded payments less the loan.

use std::ops::RangeInclusive;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::choices::Energy;
use crate::followup::rules::number;
use crate::profile::Invalid;

/// Purchase tax (车辆购置税): 10% of the price before VAT.
pub const PURCHASE_TAX_PCT: u64 = 10;
/// VAT on a car (增值税), 13%: the price before VAT is the price paid ÷ 1.13.
pub const VAT_PCT: u64 = 13;

/// A relief of the purchase tax for new-energy vehicles over a span of purchase dates: the
/// share of the tax waived, and the most it waives per car (`None`: no cap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NevRelief {
    /// First and last purchase day (the invoice's date), as `(year, month, day)`.
    pub from: (i32, u32, u32),
    pub until: (i32, u32, u32),
    /// Percent of the tax waived: 100 exempt, 50 halved.
    pub waived_pct: u64,
    /// The most waived per passenger car, in yuan.
    pub cap: Option<u64>,
}

impl NevRelief {
    fn covers(&self, day: NaiveDate) -> bool {
        let ymd = (day.year(), day.month(), day.day());
        self.from <= ymd && ymd <= self.until
    }
}

/// The reliefs in force, by purchase date. A new rule is one more row.
///
/// 财政部 税务总局 工业和信息化部公告2023年第10号《关于延续和优化新能源汽车车辆购置税减免政策
/// 的公告》: new-energy vehicles bought from 2024-01-01 to 2025-12-31 are exempt, the tax waived
/// per new-energy passenger car at most 30,000 yuan; bought from 2026-01-01 to 2027-12-31 the
/// tax is halved, the reduction per passenger car at most 15,000 yuan. The notice sets no price
/// cap; which models qualify is the catalogue of qualifying models (技术要求, tightened for
/// 2026–27), which a quote takes as given by the trim's energy.
pub const NEV_RELIEFS: &[NevRelief] = &[
    NevRelief {
        from: (2024, 1, 1),
        until: (2025, 12, 31),
        waived_pct: 100,
        cap: Some(30_000),
    },
    NevRelief {
        from: (2026, 1, 1),
        until: (2027, 12, 31),
        waived_pct: 50,
        cap: Some(15_000),
    },
];

/// The purchase tax on a price paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PurchaseTax {
    /// The price before VAT (计税价格): price ÷ 1.13, rounded to the yuan.
    pub base: u64,
    /// 10% of it, before any relief.
    pub full: u64,
    /// What a new-energy relief waives (full − due).
    pub relief: u64,
    /// What is paid.
    pub due: u64,
}

/// `n / d` rounded half up.
fn div_round(n: u128, d: u128) -> u64 {
    u64::try_from((2 * n + d) / (2 * d)).unwrap_or(u64::MAX)
}

/// The purchase tax on `price` (yuan, as paid, VAT included) for a car of `energy` bought on
/// `day`, under `reliefs` (the table is a parameter so tests can hold a rule fixed).
pub fn purchase_tax_under(
    reliefs: &[NevRelief],
    price: u64,
    energy: Option<Energy>,
    day: NaiveDate,
) -> PurchaseTax {
    let price = u128::from(price);
    let base = div_round(price * 100, 100 + u128::from(VAT_PCT));
    // In fen: price × 100 × 10% ÷ 1.13.
    let full_fen = div_round(
        price * 100 * u128::from(PURCHASE_TAX_PCT) * 100,
        100 * (100 + u128::from(VAT_PCT)),
    );
    let relief_fen = match energy.filter(|e| e.new_energy()) {
        None => 0,
        Some(_) => reliefs.iter().find(|r| r.covers(day)).map_or(0, |r| {
            let waived = div_round(u128::from(full_fen) * u128::from(r.waived_pct), 100);
            r.cap.map_or(waived, |cap| waived.min(cap * 100))
        }),
    };
    let full = div_round(u128::from(full_fen), 100);
    let due = div_round(u128::from(full_fen - relief_fen), 100);
    PurchaseTax {
        base,
        full,
        relief: full - due,
        due,
    }
}

/// The purchase tax by the rules in force ([`NEV_RELIEFS`]).
pub fn purchase_tax(price: u64, energy: Option<Energy>, day: NaiveDate) -> PurchaseTax {
    purchase_tax_under(NEV_RELIEFS, price, energy, day)
}

/// Compulsory traffic insurance (交强险), the published base rates for a family car: under 6
/// seats 950 yuan, 6 seats or more 1,100 yuan. A car whose seats are not known counts as under 6.
pub fn compulsory_insurance(seats: Option<u8>) -> u64 {
    match seats {
        Some(s) if s >= 6 => 1_100,
        _ => 950,
    }
}

/// The down payments of the finance grid, percent of the price.
pub const GRID_DOWN_PCTS: [u8; 3] = [20, 30, 50];
/// The terms of the finance grid, months.
pub const GRID_TERMS: [u16; 4] = [12, 24, 36, 60];

/// Ranges of what the consultant edits (declared once: checks, settings, the UI's inputs).
pub const COMMERCIAL_PCT: RangeInclusive<f64> = 0.0..=20.0;
pub const FEE_YUAN: RangeInclusive<u64> = 0..=100_000;
pub const VALID_DAYS: RangeInclusive<u32> = 1..=90;
pub const APR_PCT: RangeInclusive<f64> = 0.0..=36.0;
pub const DOWN_PCT: RangeInclusive<u8> = 0..=100;
pub const TERM_MONTHS: RangeInclusive<u16> = 1..=120;
pub const PRICE_YUAN: RangeInclusive<u64> = 0..=100_000_000;

/// The consultant's defaults for every quote, kept as settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QuoteSettings {
    /// Commercial insurance estimate, percent of the price paid.
    pub commercial_pct: f64,
    /// 上牌费, yuan.
    pub plate_fee: u64,
    /// 服务费, yuan.
    pub service_fee: u64,
    /// How many days a quote holds.
    pub valid_days: u32,
    /// The loan's yearly rate, percent.
    pub apr: f64,
    /// A loan's flat fee (手续费), yuan: what a 0% offer charges instead of interest.
    pub loan_fee: u64,
}

impl Default for QuoteSettings {
    /// What a consultant starts from: commercial cover at about 3% of the price (车损, 三者
    /// 100万 and 座位险 on a family car), 500 yuan for the plate, no service fee, a week's
    /// hold, a 3.5% loan without a fee.
    fn default() -> QuoteSettings {
        QuoteSettings {
            commercial_pct: 3.0,
            plate_fee: 500,
            service_fee: 0,
            valid_days: 7,
            apr: 3.5,
            loan_fee: 0,
        }
    }
}

fn decimal(field: &'static str, value: f64, range: &RangeInclusive<f64>) -> Result<(), Invalid> {
    if value.is_finite() {
        number(field, value, range)
    } else {
        number(field, *range.end() + 1.0, range)
    }
}

impl QuoteSettings {
    /// Every number in its range; the first out of it is named.
    pub fn validate(&self) -> Result<(), Invalid> {
        decimal("commercial_pct", self.commercial_pct, &COMMERCIAL_PCT)?;
        number("plate_fee", self.plate_fee, &FEE_YUAN)?;
        number("service_fee", self.service_fee, &FEE_YUAN)?;
        number("valid_days", self.valid_days, &VALID_DAYS)?;
        decimal("apr", self.apr, &APR_PCT)?;
        number("loan_fee", self.loan_fee, &FEE_YUAN)
    }
}

/// Everything a sheet is worked out from, every default already applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QuoteTerms {
    /// The day of the quote: the tax rules in force on it apply.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub date: NaiveDate,
    pub guide_price: u64,
    pub discount: u64,
    /// 精品/加装, paid beside the car (not in the tax base).
    pub accessories: u64,
    pub energy: Option<Energy>,
    pub seats: Option<u8>,
    /// 交强险; `None`: the base rate by seats.
    pub compulsory: Option<u64>,
    /// 商业险; `None`: `settings.commercial_pct` of the price paid.
    pub commercial: Option<u64>,
    pub settings: QuoteSettings,
    /// The finance the customer chose: down payment (percent) and term (months).
    pub down_pct: u8,
    pub term: u16,
}

/// One cell of the finance grid.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FinanceRow {
    pub down_pct: u8,
    pub term: u16,
    /// The yearly rate, percent.
    pub apr: f64,
    /// 首付: the down payment on the car.
    pub down: u64,
    /// 贷款额.
    pub loan: u64,
    /// 月供.
    pub monthly: u64,
    /// The payments less the loan.
    pub interest: u64,
    /// The loan's flat fee.
    pub fee: u64,
    /// What the loan costs over the car's price: interest + fee.
    pub cost: u64,
    /// What is paid at the start: the total on the road less the loan.
    pub upfront: u64,
}

/// The sheet as the customer reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QuoteSheet {
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub date: NaiveDate,
    /// The last day the quote holds.
    #[cfg_attr(feature = "ts", ts(as = "String"))]
    pub valid_until: NaiveDate,
    pub guide_price: u64,
    pub discount: u64,
    /// The car's price as paid: guide price less discount.
    pub price: u64,
    pub accessories: u64,
    pub purchase_tax: PurchaseTax,
    pub compulsory_insurance: u64,
    pub commercial_insurance: u64,
    pub plate_fee: u64,
    pub service_fee: u64,
    /// 落地价: everything above.
    pub total: u64,
    /// The finance chosen.
    pub finance: FinanceRow,
    /// Every down payment × term, down payments first.
    pub grid: Vec<FinanceRow>,
}

impl QuoteTerms {
    /// Every number in its range, and a discount no larger than the price; the first wrong
    /// one is named.
    pub fn validate(&self) -> Result<(), Invalid> {
        number("guide_price", self.guide_price, &PRICE_YUAN)?;
        number("discount", self.discount, &(0..=self.guide_price))?;
        number("accessories", self.accessories, &PRICE_YUAN)?;
        if let Some(c) = self.compulsory {
            number("compulsory", c, &FEE_YUAN)?;
        }
        if let Some(c) = self.commercial {
            number("commercial", c, &PRICE_YUAN)?;
        }
        self.settings.validate()?;
        number("down_pct", self.down_pct, &DOWN_PCT)?;
        number("term", self.term, &TERM_MONTHS)
    }

    /// The sheet. Call [`QuoteTerms::validate`] first: out-of-range terms are not refused here.
    pub fn sheet(&self) -> QuoteSheet {
        let price = self.guide_price.saturating_sub(self.discount);
        let tax = purchase_tax(price, self.energy, self.date);
        let compulsory = self
            .compulsory
            .unwrap_or_else(|| compulsory_insurance(self.seats));
        let commercial = self
            .commercial
            .unwrap_or_else(|| percent_of(price, self.settings.commercial_pct));
        let s = &self.settings;
        let total = price
            + self.accessories
            + tax.due
            + compulsory
            + commercial
            + s.plate_fee
            + s.service_fee;
        let row = |down_pct, term| finance(price, total, down_pct, term, s.apr, s.loan_fee);
        let grid = GRID_DOWN_PCTS
            .iter()
            .flat_map(|&d| GRID_TERMS.iter().map(move |&t| (d, t)))
            .map(|(d, t)| row(d, t))
            .collect();
        QuoteSheet {
            date: self.date,
            valid_until: self
                .date
                .checked_add_days(Days::new(u64::from(s.valid_days)))
                .unwrap_or(self.date),
            guide_price: self.guide_price,
            discount: self.discount,
            price,
            accessories: self.accessories,
            purchase_tax: tax,
            compulsory_insurance: compulsory,
            commercial_insurance: commercial,
            plate_fee: s.plate_fee,
            service_fee: s.service_fee,
            total,
            finance: row(self.down_pct, self.term),
            grid,
        }
    }
}

/// A quote as saved on a customer's timeline: the interaction it was logged as, the trim
/// quoted (its catalogue id, if it came from the catalogue, and its name as quoted), and
/// what the sheet was worked out from with the sheet itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SavedQuote {
    pub interaction_id: String,
    pub customer_id: String,
    pub trim_id: Option<String>,
    pub trim_name: String,
    pub terms: QuoteTerms,
    pub sheet: QuoteSheet,
}

/// `pct` percent of `amount`, rounded half up to the yuan.
pub fn percent_of(amount: u64, pct: f64) -> u64 {
    round_yuan(amount as f64 * pct / 100.0)
}

fn round_yuan(x: f64) -> u64 {
    if x.is_finite() && x > 0.0 {
        (x + 0.5).floor() as u64
    } else {
        0
    }
}

/// The monthly payment of an annuity loan (等额本息): `loan × r ÷ (1 − (1 + r)^−n)` with `r`
/// the monthly rate (`apr` ÷ 12 ÷ 100), or `loan ÷ n` at 0%; rounded to the yuan.
pub fn monthly_payment(loan: u64, apr: f64, term: u16) -> u64 {
    let n = f64::from(term.max(1));
    let r = apr / 100.0 / 12.0;
    if r <= 0.0 {
        return round_yuan(loan as f64 / n);
    }
    round_yuan(loan as f64 * r / (1.0 - (1.0 + r).powf(-n)))
}

/// One finance cell on a car of `price` whose total on the road is `total`.
pub fn finance(price: u64, total: u64, down_pct: u8, term: u16, apr: f64, fee: u64) -> FinanceRow {
    let down = percent_of(price, f64::from(down_pct)).min(price);
    let loan = price - down;
    let monthly = monthly_payment(loan, apr, term);
    let interest = if apr > 0.0 {
        (monthly * u64::from(term)).saturating_sub(loan)
    } else {
        0
    };
    let fee = if loan > 0 { fee } else { 0 };
    FinanceRow {
        down_pct,
        term,
        apr,
        down,
        loan,
        monthly,
        interest,
        fee,
        cost: interest + fee,
        upfront: total - loan,
    }
}

#[cfg(test)]
mod tests;
