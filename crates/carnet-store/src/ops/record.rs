//! What is added to a customer's record besides the profile, and what it changes in their
//! row: an interaction (the row's `last_contact` follows), a family member, a change of
//! level (the row's level, and the change kept in `level_changes`).

use carnet_core::history::{FamilyMember, LevelChange, SaleDetails};
use carnet_core::{FamilyFacts, InteractionFacts, Level, Lost};
use chrono::{NaiveDate, NaiveDateTime};

use crate::tables::{customers, family_members, interactions, level_changes};
use crate::{StoreError, Write};

impl Write<'_> {
    /// Records an interaction with a customer who must exist; returns its id, or `None`.
    pub fn insert_interaction(
        &self,
        customer_id: &str,
        facts: &InteractionFacts,
        sale: &SaleDetails,
    ) -> Result<Option<String>, StoreError> {
        let tx = self.conn();
        if !customers::exists(tx, customer_id)? {
            return Ok(None);
        }
        let id = interactions::insert_row(tx, customer_id, facts, sale, &self.now_text())?;
        customers::touch_last_contact(tx, customer_id)?;
        Ok(Some(id))
    }

    /// Records many interactions in one transaction (a demo book, an import): all or nothing.
    pub fn insert_interactions(
        &self,
        all: &[(String, InteractionFacts, SaleDetails)],
    ) -> Result<usize, StoreError> {
        let tx = self.conn();
        let now = self.now_text();
        let mut touched = std::collections::BTreeSet::new();
        for (customer_id, facts, sale) in all {
            interactions::insert_row(tx, customer_id, facts, sale, &now)?;
            touched.insert(customer_id.as_str());
        }
        customers::touch_all_last_contacts(tx)?;
        // Their prompts wait for the next refresh; what their timelines add up to does not.
        for id in touched {
            crate::ops::prompt_refresh::refresh_standing(tx, id)?;
        }
        Ok(all.len())
    }

    /// Removes an interaction (an undone one-keystroke outcome). `false` when there was none.
    pub fn delete_interaction(&self, id: &str) -> Result<bool, StoreError> {
        let tx = self.conn();
        let Some(customer) = interactions::customer_of(tx, id)? else {
            return Ok(false);
        };
        interactions::delete(tx, id)?;
        customers::touch_last_contact(tx, &customer)?;
        Ok(true)
    }

    /// Adds a family member; `None` when there is no such customer.
    pub fn insert_family_member(
        &self,
        customer_id: &str,
        facts: &FamilyFacts,
    ) -> Result<Option<FamilyMember>, StoreError> {
        let tx = self.conn();
        if !customers::exists(tx, customer_id)? {
            return Ok(None);
        }
        let id = family_members::insert(tx, customer_id, facts, &self.now_text())?;
        Ok(self.family(customer_id)?.into_iter().find(|m| m.id == id))
    }

    /// Sets a customer's level, keeping the change. `false` when there is no such customer.
    pub fn set_level(
        &self,
        customer_id: &str,
        to: Level,
        at: NaiveDateTime,
        reason: Option<&str>,
        revisit: Option<NaiveDate>,
    ) -> Result<bool, StoreError> {
        self.set_level_lost(customer_id, to, at, (reason, revisit), None)
    }

    /// Sets a customer's level as [`Write::set_level`] does, with why a lost sale (F) was
    /// lost: the words and the win-back date, and the structured reason.
    pub fn set_level_lost(
        &self,
        customer_id: &str,
        to: Level,
        at: NaiveDateTime,
        (reason, revisit): (Option<&str>, Option<NaiveDate>),
        lost: Option<&Lost>,
    ) -> Result<bool, StoreError> {
        let tx = self.conn();
        let Some(from) = customers::level(tx, customer_id)? else {
            return Ok(false);
        };
        let from = Level::parse(&from).unwrap_or(Level::N);
        customers::set_level(tx, customer_id, to)?;
        let change = LevelChange {
            reason: reason.map(str::to_owned),
            revisit,
            lost_reason: lost.map(|l| l.reason),
            competitor: lost.and_then(|l| l.competitor.clone()),
            ..level_changes::change(from, to)
        };
        level_changes::record(tx, customer_id, at, &change)?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests;
