//! Customers as front ends see them: a list row, the detail page, the input of the quick-add
//! and edit forms, family members, the key-fact history and a merge's preview.

use carnet_core::history::{FamilyMember, KeyFactChange};
use carnet_core::phone::Phone;
use carnet_core::{
    Budget, Customer, CustomerSummary, FamilyDraft, FamilyFacts, KeyFact, Level, Profile,
    ProfileDraft, Timeframe, Title,
};

use super::{InteractionDto, LevelChangeDto};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

fn time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A row of the customer list, as front ends see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CustomerDto {
    /// A UUID, stable across export, import and handover.
    pub id: String,
    pub name: String,
    pub title: Option<Title>,
    /// The main phone as stored (`+8613812345678`; `~` and the number as typed when it is
    /// not valid as written).
    pub phone: Option<String>,
    /// For display (`138 1234 5678`).
    pub phone_display: Option<String>,
    pub level: Level,
    pub budget: Option<Budget>,
    /// The first intended model.
    pub model: Option<String>,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC.
    pub updated_at: String,
    /// When the customer was moved to the trash (RFC 3339, UTC).
    pub deleted_at: Option<String>,
    /// When the customer was last contacted, local time ("YYYY-MM-DD HH:MM:SS").
    pub last_contact: Option<String>,
}

impl From<CustomerSummary> for CustomerDto {
    fn from(c: CustomerSummary) -> CustomerDto {
        CustomerDto {
            id: c.id,
            name: c.name,
            title: c.title,
            phone_display: c.phone.as_ref().map(Phone::display),
            phone: c.phone.map(|p| p.stored().to_owned()),
            level: c.level,
            budget: c.budget,
            model: c.model,
            created_at: time(c.created_at),
            updated_at: time(c.updated_at),
            deleted_at: c.deleted_at.map(time),
            last_contact: c.last_contact,
        }
    }
}

/// A family member as front ends see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FamilyMemberDto {
    pub id: String,
    #[serde(flatten)]
    pub facts: FamilyFacts,
    pub phone_display: Option<String>,
    /// The member as the edit form starts from.
    pub input: FamilyDraft,
}

impl From<FamilyMember> for FamilyMemberDto {
    fn from(m: FamilyMember) -> FamilyMemberDto {
        let f = &m.facts;
        let input = FamilyDraft {
            name: f.name.clone(),
            relation: f.relation.to_input(),
            birthday: f.birthday.map(|b| b.to_input()).unwrap_or_default(),
            birthday_lunar: f.birthday.is_some_and(|b| b.is_lunar()),
            phone: f.phone.as_ref().map(Phone::input).unwrap_or_default(),
            notes: f.notes.clone().unwrap_or_default(),
        };
        FamilyMemberDto {
            id: m.id,
            phone_display: f.phone.as_ref().map(Phone::display),
            facts: m.facts,
            input,
        }
    }
}

/// One change of a key fact; values in their input form ("" when unknown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KeyFactChangeDto {
    pub fact: KeyFact,
    pub old_value: String,
    pub new_value: String,
    /// RFC 3339, UTC.
    pub changed_at: String,
    /// A budget's old and new value as carnet-core reads them (`None` for words, unknown,
    /// or another fact), so that the UI shows them as the profile shows a budget.
    pub old_budget: Option<carnet_core::Budget>,
    pub new_budget: Option<carnet_core::Budget>,
    /// A timeframe's old and new target as carnet-core reads them (`None` for unknown or
    /// another fact; no days left or level: the target only).
    pub old_timeframe: Option<TimeframeView>,
    pub new_timeframe: Option<TimeframeView>,
}

impl From<KeyFactChange> for KeyFactChangeDto {
    fn from(c: KeyFactChange) -> KeyFactChangeDto {
        KeyFactChangeDto {
            fact: c.fact,
            old_budget: crate::reading::history_budget(c.fact, &c.old_value),
            new_budget: crate::reading::history_budget(c.fact, &c.new_value),
            old_timeframe: crate::reading::history_timeframe(c.fact, &c.old_value),
            new_timeframe: crate::reading::history_timeframe(c.fact, &c.new_value),
            old_value: c.old_value,
            new_value: c.new_value,
            changed_at: time(c.changed_at),
        }
    }
}

/// A customer with the whole profile (its fields at the top level, as `carnet edit --set`
/// names them), the family, and what is known and unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CustomerDetail {
    pub id: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC.
    pub updated_at: String,
    pub deleted_at: Option<String>,
    #[serde(flatten)]
    pub profile: Profile,
    /// The phones for display, in the order of `phones`.
    pub phones_display: Vec<String>,
    /// The phones as front ends show and copy them, in the order of `phones`.
    pub phone_views: Vec<PhoneView>,
    /// The timeframe as of today: the target and the window left to it.
    pub timeframe_view: Option<TimeframeView>,
    /// The profile as the edit form starts from.
    pub input: ProfileDraft,
    /// Percent of the key facts known.
    pub completeness: u8,
    /// The key facts still unknown: what to ask next.
    pub unknown: Vec<KeyFact>,
    pub family: Vec<FamilyMemberDto>,
    /// Key-fact changes, the newest first.
    pub changes: Vec<KeyFactChangeDto>,
    /// The timeline: every interaction, the newest first.
    pub interactions: Vec<InteractionDto>,
    /// Every change of level, the newest first.
    pub level_changes: Vec<LevelChangeDto>,
    /// For each intended model (in the order of `models`), the catalogue trim it names, if
    /// the catalogue has one; none leaves it the customer's words.
    pub model_links: Vec<Option<super::TrimLink>>,
}

impl CustomerDetail {
    pub(crate) fn new(
        c: Customer,
        history: (Vec<FamilyMember>, Vec<KeyFactChange>),
        interactions: Vec<InteractionDto>,
        level_changes: Vec<LevelChangeDto>,
        today: (chrono::NaiveDate, &[(Level, u32)]),
    ) -> CustomerDetail {
        let (family, changes) = history;
        CustomerDetail {
            id: c.id,
            created_at: time(c.created_at),
            updated_at: time(c.updated_at),
            deleted_at: c.deleted_at.map(time),
            phones_display: c.profile.phones.iter().map(Phone::display).collect(),
            phone_views: c.profile.phones.iter().map(PhoneView::from).collect(),
            timeframe_view: c
                .profile
                .timeframe
                .as_ref()
                .map(|t| TimeframeView::new(t, today.0, today.1)),
            input: c.profile.to_draft(),
            completeness: c.profile.completeness(),
            unknown: c.profile.unknown_key_facts(),
            profile: c.profile,
            family: family.into_iter().map(FamilyMemberDto::from).collect(),
            changes: changes.into_iter().map(KeyFactChangeDto::from).collect(),
            interactions,
            level_changes,
            model_links: Vec::new(),
        }
    }
}

/// A phone as front ends show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PhoneView {
    /// As shown (`138 1234 5678`; as typed when unverified).
    pub display: String,
    /// What is copied and exported: the digits (`13812345678`, `+19055551234`).
    pub digits: String,
    /// Whether the number is valid as written; an unverified one is kept exactly as typed.
    pub verified: bool,
}

impl From<&Phone> for PhoneView {
    fn from(p: &Phone) -> PhoneView {
        PhoneView {
            display: p.display(),
            digits: p.digits(),
            verified: p.is_verified(),
        }
    }
}

/// What a timeframe holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TimeframeKind {
    /// By a day (`date`).
    By,
    /// Some time in a month (`year`, `month`).
    Month,
    /// Some time in a year (`year`).
    Year,
    /// Words that name no time (`words`).
    Words,
}

/// A customer's timeframe as of a day: the target they gave, and the window left to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TimeframeView {
    pub kind: TimeframeKind,
    /// "YYYY-MM-DD", for a day.
    pub date: Option<String>,
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub words: Option<String>,
    /// Days from the day shown to the target (negative once it has passed); `None` for
    /// words.
    pub days_left: Option<i64>,
    /// The level the window suggests on the day shown (`None` for words, or once passed).
    pub suggested_level: Option<Level>,
    /// What the edit form shows and reads back.
    pub input: String,
}

impl TimeframeView {
    pub(crate) fn new(
        t: &Timeframe,
        today: chrono::NaiveDate,
        windows: &[(Level, u32)],
    ) -> TimeframeView {
        let (kind, date, year, month, words) = match t {
            Timeframe::By(d) => (TimeframeKind::By, Some(d.to_string()), None, None, None),
            Timeframe::Month { year, month } => {
                (TimeframeKind::Month, None, Some(*year), Some(*month), None)
            }
            Timeframe::Year(year) => (TimeframeKind::Year, None, Some(*year), None, None),
            Timeframe::Words(w) => (TimeframeKind::Words, None, None, None, Some(w.clone())),
        };
        TimeframeView {
            kind,
            date,
            year,
            month,
            words,
            days_left: t.days_left(today),
            suggested_level: t.suggested_level(today, windows),
            input: t.to_input(),
        }
    }
}

/// What the customer list shows: a page of customers and how many there are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CustomerList {
    pub customers: Vec<CustomerDto>,
    /// Customers the search and filters match (all of them, not only this page; with
    /// nothing searched for, the whole book). Counted for the first page (offset 0) only:
    /// `None` for later pages, whose caller already knows it.
    pub matching: Option<u64>,
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
    /// The most recently contacted first.
    LastContact,
}

impl From<ListOrder> for carnet_store::Order {
    fn from(order: ListOrder) -> carnet_store::Order {
        match order {
            ListOrder::Pinyin => carnet_store::Order::Pinyin,
            ListOrder::Newest => carnet_store::Order::Newest,
            ListOrder::LastContact => carnet_store::Order::LastContact,
        }
    }
}

/// What the add and edit forms send: the profile as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CustomerInput {
    #[serde(flatten)]
    pub profile: ProfileDraft,
    /// Save even if the customer may already be in the book (the consultant has seen the
    /// possible duplicate and said so).
    #[serde(default)]
    pub allow_duplicate: bool,
}

/// What a merge of two customers will ask: both profiles and the fields where they differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MergePreview {
    pub survivor: CustomerDetail,
    pub loser: CustomerDetail,
    /// Fields (as named in the JSON) where both hold different known values.
    pub conflicts: Vec<String>,
}
