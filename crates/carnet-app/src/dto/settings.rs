//! The consultant's settings: the language Carnet speaks and who keeps the book.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The language Carnet speaks to the consultant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum Language {
    /// 简体中文, the default.
    #[default]
    #[serde(rename = "zh-Hans")]
    ZhHans,
    /// 繁體中文 (Taiwan, Hong Kong, Macau).
    #[serde(rename = "zh-Hant")]
    ZhHant,
    #[serde(rename = "en")]
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::ZhHans => "zh-Hans",
            Language::ZhHant => "zh-Hant",
            Language::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Language> {
        [Language::ZhHans, Language::ZhHant, Language::En]
            .into_iter()
            .find(|l| l.code() == code)
    }
}

/// The consultant's preferences, kept in the book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Settings {
    pub language: Language,
    pub consultant: Consultant,
    /// The channels a profile's channel field suggests (汽车之家, 抖音 …), in the consultant's
    /// order.
    pub channels: Vec<String>,
    /// Reminders while Carnet runs: closing the window keeps Carnet in the tray, and the
    /// notices come when due (on unless turned off).
    pub reminders: bool,
}

/// Who keeps the book; shown on exports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Consultant {
    pub name: String,
    pub dealership: String,
    /// As typed; checked as a phone number when saved.
    pub phone: String,
}
