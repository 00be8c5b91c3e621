//! An export as front ends ask for it and hear of it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The format of an export: a workbook for a manager, CSV, or Carnet's JSON for handover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    #[default]
    Xlsx,
    Csv,
    Json,
}

impl ExportFormat {
    pub fn parse(code: &str) -> Option<ExportFormat> {
        match code {
            "xlsx" => Some(ExportFormat::Xlsx),
            "csv" => Some(ExportFormat::Csv),
            "json" => Some(ExportFormat::Json),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }
}

/// What to export, and where.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ExportRequest {
    pub path: String,
    pub format: ExportFormat,
    /// What the search box holds (words and `key:value` filters); empty for everyone.
    pub filter: String,
    /// Only this customer (a customer's own data, on request).
    pub customer_id: Option<String>,
    /// Phones shortened; address, WeChat id and notes left out.
    pub mask: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportResult {
    pub path: String,
    pub customers: u32,
}
