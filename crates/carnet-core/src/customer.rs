//! The customer as the book holds it.

use chrono::{DateTime, Utc};

use crate::budget::Budget;
use crate::choices::{Level, Title};
use crate::phone::Phone;
use crate::profile::Profile;

/// A customer with the whole profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    /// A UUID, stable across export, import and handover.
    pub id: String,
    pub profile: Profile,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When the customer was moved to the trash; `None` for a customer in the book.
    pub deleted_at: Option<DateTime<Utc>>,
}

/// A row of the customer list: what is shown at a glance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerSummary {
    pub id: String,
    pub name: String,
    pub title: Option<Title>,
    pub phone: Option<Phone>,
    pub level: Level,
    pub budget: Option<Budget>,
    /// The first intended model.
    pub model: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    /// When the customer was last contacted, local time ("YYYY-MM-DD HH:MM:SS").
    pub last_contact: Option<String>,
}

impl Customer {
    pub fn summary(&self) -> CustomerSummary {
        CustomerSummary {
            id: self.id.clone(),
            name: self.profile.name.clone(),
            title: self.profile.title,
            phone: self.profile.phone().cloned(),
            level: self.profile.level,
            budget: self.profile.budget,
            model: self.profile.models.first().map(|m| m.model.clone()),
            created_at: self.created_at,
            updated_at: self.updated_at,
            deleted_at: self.deleted_at,
            last_contact: None,
        }
    }
}
