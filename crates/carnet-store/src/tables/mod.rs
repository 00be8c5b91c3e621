//! One module per table (`profile_lists` for the customer's three list tables, `prompts` for
//! the prompts and what was done with them, `customer_search` for the two full-text tables).
//! A table module touches its own table(s) and imports only the leaf modules (`codec`,
//! `rows`); the one exception is `customers`, which reads a customer's lists through
//! `profile_lists` (one record, two tables). Writes that span tables are in `ops`.

pub(crate) mod customer_search;
pub(crate) mod customers;
pub(crate) mod erased_customers;
pub(crate) mod family_members;
pub(crate) mod imports;
pub(crate) mod interactions;
pub(crate) mod key_fact_changes;
pub(crate) mod level_changes;
pub(crate) mod level_snapshots;
pub(crate) mod message_templates;
pub(crate) mod profile_lists;
pub(crate) mod prompt_log;
pub(crate) mod prompts;
pub(crate) mod quotes;
pub(crate) mod settings;
pub(crate) mod standing;
pub(crate) mod today_plan;
pub(crate) mod trims;
