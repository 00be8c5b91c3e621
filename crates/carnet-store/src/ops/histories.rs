//! Every customer's history (family, timeline, level and key-fact history, handled prompts)
//! read in one scan a table, for exporting the whole book.

use std::collections::HashMap;

use carnet_core::history::{
    FamilyMember, HandledPrompt, Interaction, KeyFactChange, LevelChange, PromptOutcome,
};

use carnet_core::quote::SavedQuote;

use crate::tables::{
    family_members, interactions, key_fact_changes, level_changes, prompt_log, prompts, quotes,
};
use crate::{Store, StoreError};

/// A customer's family, timeline, level history, key-fact history and handled prompts, for
/// every customer at once.
#[derive(Debug, Default)]
pub struct Histories {
    pub family: HashMap<String, Vec<FamilyMember>>,
    pub interactions: HashMap<String, Vec<Interaction>>,
    pub level_changes: HashMap<String, Vec<LevelChange>>,
    pub key_fact_changes: HashMap<String, Vec<KeyFactChange>>,
    pub handled_prompts: HashMap<String, Vec<HandledPrompt>>,
    pub prompt_log: HashMap<String, Vec<PromptOutcome>>,
    pub quotes: HashMap<String, Vec<SavedQuote>>,
}

/// One customer's family, timeline, level history, key-fact history and handled prompts.
#[derive(Debug, Default)]
pub struct CustomerHistory {
    pub family: Vec<FamilyMember>,
    pub interactions: Vec<Interaction>,
    pub level_changes: Vec<LevelChange>,
    pub key_fact_changes: Vec<KeyFactChange>,
    pub handled_prompts: Vec<HandledPrompt>,
    /// The prompts that came due and what became of them.
    pub prompt_log: Vec<PromptOutcome>,
    /// The quote sheets saved on the timeline.
    pub quotes: Vec<SavedQuote>,
}

impl Histories {
    /// Takes one customer's history out (empty when they have none).
    pub fn take(&mut self, customer_id: &str) -> CustomerHistory {
        CustomerHistory {
            family: self.family.remove(customer_id).unwrap_or_default(),
            interactions: self.interactions.remove(customer_id).unwrap_or_default(),
            level_changes: self.level_changes.remove(customer_id).unwrap_or_default(),
            key_fact_changes: self
                .key_fact_changes
                .remove(customer_id)
                .unwrap_or_default(),
            handled_prompts: self.handled_prompts.remove(customer_id).unwrap_or_default(),
            prompt_log: self.prompt_log.remove(customer_id).unwrap_or_default(),
            quotes: self.quotes.remove(customer_id).unwrap_or_default(),
        }
    }
}

impl Store {
    /// A customer's logged prompts (what became of each prompt that came due).
    pub fn prompt_log(&self, customer_id: &str) -> Result<Vec<PromptOutcome>, StoreError> {
        prompt_log::of_customer(&self.conn, customer_id)
    }

    /// Everyone's family members, interactions, level changes, key-fact changes and handled
    /// prompts, by customer id, each in the order the per-customer reads give: for exporting
    /// the whole book in five scans.
    pub fn histories(&self) -> Result<Histories, StoreError> {
        Ok(Histories {
            family: family_members::all(&self.conn)?,
            interactions: interactions::all(&self.conn)?,
            level_changes: level_changes::all(&self.conn)?,
            key_fact_changes: key_fact_changes::all(&self.conn)?,
            handled_prompts: prompts::all_handled(&self.conn)?,
            prompt_log: prompt_log::all(&self.conn)?,
            quotes: quotes::all(&self.conn)?,
        })
    }
}

#[cfg(test)]
mod tests;
