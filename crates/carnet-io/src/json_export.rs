//! Carnet's own JSON export ([`JsonExport`]; "book" is the SQLite file it is written from):
//! the customers with their family, timeline, level and key-fact history, and what was done
//! with their prompts, versioned, for handover to a colleague and for reading back. Ids are
//! kept, so importing the same export twice changes nothing the second time.
//!
//! The history records are carnet-core's [`history`](carnet_core::history) types, written
//! as they are: their serde shape is the export's.

use carnet_core::ProfileDraft;
use carnet_core::history::{
    FamilyMember, HandledPrompt, Interaction, KeyFactChange, LevelChange, PromptOutcome,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::IoError;

/// The `format` field of every Carnet export.
pub const JSON_EXPORT_FORMAT: &str = "carnet-book";
/// The version this Carnet writes; it reads this one and older.
pub const JSON_EXPORT_VERSION: u32 = 1;

/// Who made an export, and when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Exporter {
    pub consultant: String,
    pub dealership: String,
    /// The consultant's local time, "YYYY-MM-DD HH:MM:SS".
    pub exported_at: String,
    /// Phones shortened, address, WeChat id and notes left out: for sharing, not handover.
    pub masked: bool,
}

/// A whole export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonExport {
    pub format: String,
    pub version: u32,
    pub exporter: Exporter,
    pub customers: Vec<CustomerRecord>,
}

impl JsonExport {
    pub fn new(exporter: Exporter, customers: Vec<CustomerRecord>) -> JsonExport {
        JsonExport {
            format: JSON_EXPORT_FORMAT.to_owned(),
            version: JSON_EXPORT_VERSION,
            exporter,
            customers,
        }
    }
}

/// Where a customer stands when exported: what the sheets show beside the profile. Worked
/// out from the book (carnet-core's differentiate), so a JSON export leaves it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportStanding {
    pub tier: carnet_core::Tier,
    /// Yuan.
    pub value: i64,
}

/// One customer with everything that hangs off them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerRecord {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// As text, checked on import by the same rules as every entry.
    pub profile: ProfileDraft,
    #[serde(default)]
    pub family: Vec<FamilyMember>,
    /// The timeline, oldest first.
    #[serde(default)]
    pub interactions: Vec<Interaction>,
    #[serde(default)]
    pub level_changes: Vec<LevelChange>,
    /// The history of the key facts, the newest first.
    #[serde(default)]
    pub key_fact_changes: Vec<KeyFactChange>,
    /// What the consultant did with the customer's follow-up prompts, by key: a colleague
    /// taking the book over is not asked again.
    #[serde(default)]
    pub handled_prompts: Vec<HandledPrompt>,
    /// The prompts that came due and what became of them (the compliance report's records);
    /// left out when there are none, as exports before them were written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prompt_log: Vec<PromptOutcome>,
    /// The quote sheets saved on the timeline, each whole (what it was worked out from and
    /// the sheet), beside the quote interaction it belongs to; left out when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<carnet_core::quote::SavedQuote>,
    /// The tier and value the sheets show; never in the JSON.
    #[serde(skip)]
    pub standing: Option<ExportStanding>,
}

/// Reads an export, refusing other JSON and exports from a newer Carnet by name.
pub fn parse(text: &str) -> Result<JsonExport, IoError> {
    parse_with(text, crate::Guard::Catch)
}

pub(crate) fn parse_with(text: &str, guard: crate::Guard) -> Result<JsonExport, IoError> {
    #[derive(Deserialize)]
    struct Head {
        format: Option<String>,
        version: Option<u32>,
    }
    let head: Head = serde_json::from_str(text).map_err(|e| IoError::bad("json", e))?;
    if head.format.as_deref() != Some(JSON_EXPORT_FORMAT) {
        return Err(IoError::bad("json", "this JSON is not a Carnet export"));
    }
    let found = head.version.unwrap_or(0);
    if found > JSON_EXPORT_VERSION {
        return Err(IoError::NewerExport {
            found,
            supported: JSON_EXPORT_VERSION,
        });
    }
    crate::guarded(guard, "json", || {
        serde_json::from_str(text).map_err(|e| IoError::bad("json", e))
    })
}

/// Writes the export as compact JSON (a book with a million interactions stays a few
/// hundred megabytes, not a gigabyte).
pub fn write(export: &JsonExport, out: &mut impl std::io::Write) -> Result<(), IoError> {
    serde_json::to_writer(out, export).map_err(|e| IoError::Write {
        format: "json",
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use carnet_core::history::PromptAction;
    use chrono::NaiveDate;

    use super::*;

    #[test]
    fn handled_prompts_read_back_and_a_snooze_needs_its_day() {
        let at = "2026-11-25T02:00:00Z";
        for (json, action) in [
            (
                r#"{"key":"k","action":"done","reason":null,"at":"AT"}"#,
                PromptAction::Done,
            ),
            (
                r#"{"key":"k","action":"dismissed","reason":"买了","at":"AT"}"#,
                PromptAction::Dismissed,
            ),
            (
                r#"{"key":"k","action":"snoozed","until":"2026-12-01","reason":null,"at":"AT"}"#,
                PromptAction::Snoozed {
                    until: NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
                },
            ),
        ] {
            let json = json.replace("AT", at);
            let read: HandledPrompt = serde_json::from_str(&json).expect(&json);
            assert_eq!(read.action, action);
            assert_eq!(serde_json::to_string(&read).expect("json"), json);
        }
        for bad in [
            r#"{"key":"k","action":"snoozed","reason":null,"at":"AT"}"#,
            r#"{"key":"k","action":"forgotten","reason":null,"at":"AT"}"#,
        ] {
            let bad = bad.replace("AT", at);
            assert!(
                serde_json::from_str::<HandledPrompt>(&bad).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn an_interactions_next_step_is_a_day_and_a_time_and_a_time_alone_is_none() {
        let record = |next_date: &str, next_time: &str| {
            format!(
                r#"{{"id":"i","created_at":"2026-11-25T02:00:00Z","kind":"call","at":"2026-11-25T10:00:00","outcome":"reached","satisfaction":4,"promise":null,"notes":null,"next_date":{next_date},"next_time":{next_time},"model":null,"price":null,"expected_delivery":null,"vin":null,"plate":null,"resolved_at":null,"resolution":null}}"#
            )
        };
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        let ten = chrono::NaiveTime::from_hms_opt(10, 30, 0);
        for (date, time, next) in [
            (r#""2026-12-01""#, r#""10:30:00""#, Some((day, ten))),
            (r#""2026-12-01""#, "null", Some((day, None))),
            ("null", "null", None),
        ] {
            let json = record(date, time);
            let read: Interaction = serde_json::from_str(&json).expect(&json);
            assert_eq!(read.facts.next.map(|n| (n.date, n.time)), next, "{json}");
            assert_eq!(read.facts.satisfaction, Some(4));
            assert_eq!(serde_json::to_string(&read).expect("json"), json);
        }
        // A time without its day was never a next step: it reads as none, and is not
        // written back.
        let read: Interaction =
            serde_json::from_str(&record("null", r#""10:30:00""#)).expect("read");
        assert_eq!(read.facts.next, None);
        assert_eq!(
            serde_json::to_string(&read).expect("json"),
            record("null", "null")
        );
    }
}
