//! The consultant's catalogue of trims (车型库): what each car is, declared once. Its fields
//! ([`TRIM_FIELDS`]) drive the import's column mapping, the export's headers, the Settings
//! editor and the checks, so a field is added in one place.

use serde::{Deserialize, Serialize};

use crate::choices::{Body, Drivetrain, Energy};

mod matching;
mod text;

pub use matching::{Matcher, match_wish};
pub use text::{LIST_SEPARATORS, parse_money, split_list};

/// One trim of one model: the unit a customer is offered, compared and quoted.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Trim {
    /// Stable id (a UUID for a trim made in Carnet; kept from an export).
    pub id: String,
    /// 品牌, e.g. 比亚迪.
    pub brand: String,
    /// 车系, the model as customers name it: 汉, 宋PLUS DM-i.
    pub series: String,
    /// 版本, e.g. 605KM 尊贵型.
    pub trim: String,
    /// 年款.
    pub year: Option<u16>,
    /// 指导价, in yuan.
    pub price: u64,
    pub body: Option<Body>,
    pub energy: Option<Energy>,
    pub seats: Option<u8>,
    /// Combined power, kW.
    pub power_kw: Option<u32>,
    /// 0–100 km/h, seconds.
    pub accel_s: Option<f32>,
    /// Fuel use, L/100 km (WLTC; for a plug-in hybrid, with the battery flat).
    pub fuel_l100: Option<f32>,
    /// Electric range, km (CLTC).
    pub range_km: Option<u32>,
    /// Battery, kWh.
    pub battery_kwh: Option<f32>,
    pub length_mm: Option<u32>,
    pub wheelbase_mm: Option<u32>,
    /// Boot volume, litres (seats up).
    pub boot_l: Option<u32>,
    pub drivetrain: Option<Drivetrain>,
    /// Driver assistance, as the maker names it (e.g. L2, DiPilot 100).
    pub adas: String,
    /// Warranty, as the maker words it (e.g. 6年或15万公里).
    pub warranty: String,
    pub colours: Vec<String>,
    /// Other names customers use for the series (汉EV, han), for linking their wishes.
    pub aliases: Vec<String>,
    pub note: String,
}

impl Trim {
    /// The name a consultant says: series and trim (`汉 EV 605KM 尊贵型`).
    pub fn name(&self) -> String {
        if self.trim.is_empty() {
            self.series.clone()
        } else {
            format!("{} {}", self.series, self.trim)
        }
    }
}

/// What kind of value a catalogue field holds, for parsing, checking and the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TrimFieldKind {
    Text,
    /// A whole number within `min..=max`.
    Integer,
    /// A number with decimals within `min..=max`.
    Decimal,
    /// Yuan; `万` and `元` read (`22.98万`).
    Money,
    /// One of a closed list (energy, body, drivetrain).
    Choice,
    /// Several words, separated by `、` `,` `/` `;`.
    List,
}

/// A catalogue field: its code (JSON, CLI, bindings), the header words that map a column of
/// a maker's sheet to it (the first is the export's header), its kind and its bounds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TrimField {
    pub code: &'static str,
    #[cfg_attr(feature = "ts", ts(as = "Vec<String>"))]
    pub headers: &'static [&'static str],
    pub kind: TrimFieldKind,
    pub required: bool,
    pub min: f64,
    pub max: f64,
    /// The unit shown after the value, if any.
    pub unit: &'static str,
}

const fn field(
    code: &'static str,
    headers: &'static [&'static str],
    kind: TrimFieldKind,
    (min, max): (f64, f64),
    unit: &'static str,
) -> TrimField {
    TrimField {
        code,
        headers,
        kind,
        required: false,
        min,
        max,
        unit,
    }
}

const fn required(f: TrimField) -> TrimField {
    TrimField {
        required: true,
        ..f
    }
}

use TrimFieldKind as K;

/// Every field of a trim, in the order sheets and the editor show them.
pub const TRIM_FIELDS: &[TrimField] = &[
    required(field(
        "brand",
        &["品牌", "brand", "厂商", "廠商"],
        K::Text,
        (0.0, 40.0),
        "",
    )),
    required(field(
        "series",
        &["车系", "車系", "series", "车型", "車型", "model"],
        K::Text,
        (0.0, 40.0),
        "",
    )),
    field(
        "trim",
        &["版本", "trim", "车款", "車款", "配置", "款型"],
        K::Text,
        (0.0, 80.0),
        "",
    ),
    field(
        "year",
        &["年款", "year", "model year"],
        K::Integer,
        (1990.0, 2100.0),
        "",
    ),
    required(field(
        "price",
        &[
            "指导价",
            "指導價",
            "厂商指导价",
            "廠商指導價",
            "price",
            "guide price",
            "售价",
            "售價",
        ],
        K::Money,
        (10_000.0, 20_000_000.0),
        "元",
    )),
    field(
        "body",
        &[
            "车身",
            "車身",
            "body",
            "车身结构",
            "車身結構",
            "级别",
            "級別",
        ],
        K::Choice,
        (0.0, 0.0),
        "",
    ),
    field(
        "energy",
        &[
            "能源",
            "能源类型",
            "能源類型",
            "energy",
            "动力类型",
            "動力類型",
        ],
        K::Choice,
        (0.0, 0.0),
        "",
    ),
    field(
        "seats",
        &["座位数", "座位數", "座位", "seats"],
        K::Integer,
        (1.0, 12.0),
        "座",
    ),
    field(
        "power_kw",
        &[
            "功率",
            "最大功率",
            "综合功率",
            "綜合功率",
            "power",
            "power (kw)",
            "kw",
        ],
        K::Integer,
        (10.0, 2_000.0),
        "kW",
    ),
    field(
        "accel_s",
        &["百公里加速", "0-100", "0–100km/h", "加速", "0-100 km/h"],
        K::Decimal,
        (1.5, 30.0),
        "s",
    ),
    field(
        "fuel_l100",
        &[
            "油耗",
            "wltc油耗",
            "WLTC油耗",
            "综合油耗",
            "綜合油耗",
            "fuel",
            "fuel (l/100km)",
        ],
        K::Decimal,
        (0.5, 30.0),
        "L/100km",
    ),
    field(
        "range_km",
        &[
            "续航",
            "續航",
            "纯电续航",
            "純電續航",
            "cltc续航",
            "CLTC续航",
            "range",
            "range (km)",
        ],
        K::Integer,
        (10.0, 2_000.0),
        "km",
    ),
    field(
        "battery_kwh",
        &[
            "电池",
            "電池",
            "电池容量",
            "電池容量",
            "battery",
            "battery (kwh)",
            "kwh",
        ],
        K::Decimal,
        (1.0, 250.0),
        "kWh",
    ),
    field(
        "length_mm",
        &["车长", "車長", "长度", "長度", "length", "length (mm)"],
        K::Integer,
        (2_000.0, 7_000.0),
        "mm",
    ),
    field(
        "wheelbase_mm",
        &["轴距", "軸距", "wheelbase", "wheelbase (mm)"],
        K::Integer,
        (1_500.0, 4_500.0),
        "mm",
    ),
    field(
        "boot_l",
        &[
            "后备箱",
            "後備箱",
            "行李厢",
            "行李廂",
            "后备厢容积",
            "boot",
            "boot (l)",
            "trunk",
        ],
        K::Integer,
        (0.0, 5_000.0),
        "L",
    ),
    field(
        "drivetrain",
        &[
            "驱动",
            "驅動",
            "驱动方式",
            "驅動方式",
            "drivetrain",
            "drive",
        ],
        K::Choice,
        (0.0, 0.0),
        "",
    ),
    field(
        "adas",
        &["辅助驾驶", "輔助駕駛", "驾驶辅助", "駕駛輔助", "adas"],
        K::Text,
        (0.0, 60.0),
        "",
    ),
    field(
        "warranty",
        &["质保", "質保", "保修", "warranty"],
        K::Text,
        (0.0, 60.0),
        "",
    ),
    field(
        "colours",
        &["颜色", "顏色", "车身颜色", "車身顏色", "colours", "colors"],
        K::List,
        (0.0, 200.0),
        "",
    ),
    field(
        "aliases",
        &["别名", "別名", "aliases"],
        K::List,
        (0.0, 200.0),
        "",
    ),
    field(
        "note",
        &["备注", "備註", "note", "notes"],
        K::Text,
        (0.0, 500.0),
        "",
    ),
];

/// The field with this code.
pub fn trim_field(code: &str) -> Option<&'static TrimField> {
    TRIM_FIELDS.iter().find(|f| f.code == code)
}

#[cfg(test)]
mod tests;
