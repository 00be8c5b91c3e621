//! Carnet's own JSON export: the whole book (customers with their family, timeline and level
//! history), versioned, for handover to a colleague and for reading back. Ids are kept, so
//! importing the same export twice changes nothing the second time.

use carnet_core::{FamilyFacts, InteractionKind, KeyFact, Level, Outcome, ProfileDraft};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::IoError;

/// The `format` field of every Carnet export.
pub const BOOK_FORMAT: &str = "carnet-book";
/// The version this Carnet writes; it reads this one and older.
pub const BOOK_VERSION: u32 = 1;

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookFile {
    pub format: String,
    pub version: u32,
    pub exporter: Exporter,
    pub customers: Vec<CustomerRecord>,
}

impl BookFile {
    pub fn new(exporter: Exporter, customers: Vec<CustomerRecord>) -> BookFile {
        BookFile {
            format: BOOK_FORMAT.to_owned(),
            version: BOOK_VERSION,
            exporter,
            customers,
        }
    }
}

/// One customer with everything that hangs off them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerRecord {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// As text, checked on import by the same rules as every entry.
    pub profile: ProfileDraft,
    #[serde(default)]
    pub family: Vec<FamilyRecord>,
    #[serde(default)]
    pub interactions: Vec<InteractionRecord>,
    #[serde(default)]
    pub level_changes: Vec<LevelChangeRecord>,
    /// The history of the key facts, the newest first.
    #[serde(default)]
    pub key_fact_changes: Vec<KeyFactChangeRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyRecord {
    pub id: String,
    pub created_at: DateTime<Utc>,
    #[serde(flatten)]
    pub facts: FamilyFacts,
}

/// An interaction as it happened: no "not in the future" check applies to history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InteractionRecord {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub kind: InteractionKind,
    pub at: NaiveDateTime,
    pub outcome: Option<Outcome>,
    pub satisfaction: Option<u8>,
    pub promise: Option<String>,
    pub notes: Option<String>,
    pub next_date: Option<NaiveDate>,
    pub next_time: Option<NaiveTime>,
    pub model: Option<String>,
    /// Yuan.
    pub price: Option<i64>,
    pub expected_delivery: Option<NaiveDate>,
    pub vin: Option<String>,
    pub plate: Option<String>,
    pub resolved_at: Option<NaiveDate>,
    pub resolution: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelChangeRecord {
    /// Local time, "YYYY-MM-DD HH:MM:SS".
    pub at: String,
    pub from: Level,
    pub to: Level,
    pub reason: Option<String>,
    pub revisit: Option<NaiveDate>,
}

/// A key fact's change: the values in their input form ("" when unknown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFactChangeRecord {
    pub fact: KeyFact,
    pub old_value: String,
    pub new_value: String,
    pub changed_at: DateTime<Utc>,
}

/// Reads an export, refusing other JSON and exports from a newer Carnet by name.
pub fn parse(text: &str) -> Result<BookFile, IoError> {
    #[derive(Deserialize)]
    struct Head {
        format: Option<String>,
        version: Option<u32>,
    }
    let head: Head = serde_json::from_str(text).map_err(|e| IoError::bad("json", e))?;
    if head.format.as_deref() != Some(BOOK_FORMAT) {
        return Err(IoError::bad("json", "this JSON is not a Carnet export"));
    }
    let found = head.version.unwrap_or(0);
    if found > BOOK_VERSION {
        return Err(IoError::NewerExport {
            found,
            supported: BOOK_VERSION,
        });
    }
    crate::guarded("json", || {
        serde_json::from_str(text).map_err(|e| IoError::bad("json", e))
    })
}

/// Writes the export as compact JSON (a book with a million interactions stays a few
/// hundred megabytes, not a gigabyte).
pub fn write_json(book: &BookFile, out: &mut impl std::io::Write) -> Result<(), IoError> {
    serde_json::to_writer(out, book).map_err(|e| IoError::Write {
        format: "json",
        reason: e.to_string(),
    })
}
