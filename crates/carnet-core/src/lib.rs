//! Carnet's domain: the customer and the rules that decide what a valid customer is.
//!
//! This crate is pure: it does no IO, knows no SQL and no Tauri. Everything here is
//! deterministic given its inputs, so every rule is tested table-driven.

pub mod customer;
pub mod demo;
pub mod phone;
pub mod search;

pub use customer::{Customer, CustomerDraft, CustomerFacts, Field, Invalid, Problem};
pub use search::{Query, SearchKeys};
