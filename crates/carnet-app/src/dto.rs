//! The data that crosses the IPC boundary, in both directions. Plain strings and numbers
//! only, so it serialises the same for the webview, the CLI's `--json` and the exports.

use carnet_core::{Customer, CustomerDraft};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A customer as front ends see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CustomerDto {
    /// A UUID, stable across export, import and handover.
    pub id: String,
    pub name: String,
    /// E.164 (`+8613812345678`), as compared and exported.
    pub phone: Option<String>,
    /// For display (`138 1234 5678`).
    pub phone_display: Option<String>,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC.
    pub updated_at: String,
}

impl From<Customer> for CustomerDto {
    fn from(c: Customer) -> CustomerDto {
        let time = |t: chrono::DateTime<chrono::Utc>| {
            t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        };
        CustomerDto {
            id: c.id,
            name: c.name,
            phone_display: c.phone.as_ref().map(|p| p.display()),
            phone: c.phone.map(|p| p.e164().to_owned()),
            created_at: time(c.created_at),
            updated_at: time(c.updated_at),
        }
    }
}

/// What the customer list shows: a page of customers and how many the book holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CustomerList {
    pub customers: Vec<CustomerDto>,
    /// Customers in the whole book (not only those shown).
    pub total: u64,
}

/// How the customer list is ordered when nothing is searched for. (Search results are
/// ordered by how well they match.)
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ListOrder {
    /// By the pinyin of the name, as a Chinese consultant reads a list.
    #[default]
    Pinyin,
    /// The newest first.
    Newest,
}

impl From<ListOrder> for carnet_store::Order {
    fn from(order: ListOrder) -> carnet_store::Order {
        match order {
            ListOrder::Pinyin => carnet_store::Order::Pinyin,
            ListOrder::Newest => carnet_store::Order::Newest,
        }
    }
}

/// What the add and edit forms send.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CustomerInput {
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
    /// Save even if the customer may already be in the book (the consultant has seen the
    /// possible duplicate and said so).
    #[serde(default)]
    pub allow_duplicate: bool,
}

impl From<CustomerInput> for CustomerDraft {
    fn from(input: CustomerInput) -> CustomerDraft {
        CustomerDraft {
            name: input.name,
            phone: input.phone,
        }
    }
}

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
}
