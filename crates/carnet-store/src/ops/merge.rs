//! Merging two customers: the survivor takes the merged profile and every row that
//! references the loser, and the loser's row goes.

use carnet_core::{Customer, Profile};
use rusqlite::params;

use crate::ops::customer::write_profile;
use crate::ops::erase::delete_row;
use crate::tables::{customers, key_fact_changes, profile_lists};
use crate::{StoreError, Write};

impl Write<'_> {
    /// Merges `loser` into `survivor`: the survivor takes `merged` as its profile, every row
    /// of every table that references the loser moves to the survivor, and the loser is
    /// erased. One transaction. `None` when either customer does not exist.
    pub fn merge_customers(
        &self,
        survivor: &str,
        loser: &str,
        merged: &Profile,
    ) -> Result<Option<Customer>, StoreError> {
        let tx = self.conn();
        let (Some(before), Some(_)) = (customers::read(tx, survivor)?, customers::read(tx, loser)?)
        else {
            return Ok(None);
        };
        for (table, column) in customers::referencing_tables(tx)? {
            if profile_lists::PROFILE_TABLES.contains(&table.as_str()) {
                continue;
            }
            tx.execute(
                // Rows keyed by customer and something else (prompts) may exist for both;
                // the survivor's stay, and the loser's go with the loser.
                &format!(
                    "UPDATE OR IGNORE \"{table}\" SET \"{column}\" = ?1 WHERE \"{column}\" = ?2"
                ),
                params![survivor, loser],
            )?;
        }
        let now = self.now_text();
        write_profile(tx, survivor, merged, &now)?;
        // Whom the loser referred, the survivor did; and nobody refers themself.
        tx.execute(
            "UPDATE customers SET referred_by = ?1 WHERE referred_by = ?2",
            params![survivor, loser],
        )?;
        tx.execute(
            "UPDATE customers SET referred_by = NULL WHERE id = ?1 AND referred_by = ?1",
            params![survivor],
        )?;
        key_fact_changes::record(tx, survivor, merged.key_fact_changes(&before.profile), &now)?;
        delete_row(tx, loser)?;
        customers::touch_last_contact(tx, survivor)?;
        self.customer(survivor)
    }
}

#[cfg(test)]
mod tests;
