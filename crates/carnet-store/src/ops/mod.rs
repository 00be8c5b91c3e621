//! What reads or writes several tables, built on the table modules: a customer with their
//! lists, search entry and history (`customer`), what is added to their record (`record`),
//! `merge`, `erase`, an `import` and its undo, the prompts' refresh (`prompt_refresh`), the
//! search index's rebuild (`search_index`) and the whole book's histories (`histories`).
//! Every write here runs inside the caller's unit of work ([`crate::Write`]); none begins a
//! transaction.

pub(crate) mod customer;
pub(crate) mod erase;
pub(crate) mod histories;
pub(crate) mod import;
pub(crate) mod merge;
pub(crate) mod prompt_refresh;
pub(crate) mod record;
pub(crate) mod reports;
pub(crate) mod search_index;
pub(crate) mod team;
pub(crate) mod today_plan;
