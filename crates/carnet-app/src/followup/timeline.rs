//! The timeline: interactions logged, orders, deliveries, complaints resolved, and levels set,
//! each with the prompt refresh it causes, in one unit of work.

use carnet_core::history::SaleDetails;
use carnet_core::profile::{Invalid, Problem};
use carnet_core::{Budget, InteractionDraft, InteractionKind, Level, Lost};
use carnet_store::Write;
use chrono::Days;

use super::{day, rules};
use crate::{App, AppError, DeliveryInput, InteractionDto, LevelInput, OrderInput};

impl App {
    /// Interactions in the book.
    pub fn count_interactions(&self) -> Result<u64, AppError> {
        Ok(self.store().count_interactions()?)
    }

    /// Reads the whole interaction log from the book's file (for `carnet bench`): how many
    /// interactions, and the bytes of their notes.
    pub fn read_whole_log(&self) -> Result<(u64, u64), AppError> {
        Ok(self.store().read_whole_log()?)
    }

    /// Logs an interaction (from the customer page or Today) and recomputes the prompts.
    pub fn log_interaction(
        &self,
        customer_id: &str,
        draft: InteractionDraft,
    ) -> Result<InteractionDto, AppError> {
        let facts = draft.validate(self.now())?;
        if matches!(
            facts.kind,
            InteractionKind::Order | InteractionKind::Delivery
        ) {
            return Err(Invalid::new(
                "kind",
                Problem::InvalidChoice {
                    value: facts.kind.code().to_owned(),
                    allowed: InteractionKind::codes()
                        .into_iter()
                        .filter(|c| *c != "order" && *c != "delivery")
                        .collect(),
                },
            )
            .into());
        }
        self.store()
            .write(|w| self.record(w, customer_id, &facts, &SaleDetails::default(), None))
    }

    /// Records an interaction (and the level it moves the customer to) in the caller's unit
    /// of work, with the prompt refresh it causes.
    pub(crate) fn record(
        &self,
        w: &Write<'_>,
        customer_id: &str,
        facts: &carnet_core::InteractionFacts,
        sale: &SaleDetails,
        level: Option<(Level, &str)>,
    ) -> Result<InteractionDto, AppError> {
        let id = w
            .insert_interaction(customer_id, facts, sale)?
            .ok_or_else(|| AppError::not_found(customer_id))?;
        if let Some((to, reason)) = level {
            w.set_level(customer_id, to, facts.at, Some(reason), None)?;
        }
        self.refreshed(w, customer_id)?;
        let logged = w
            .interactions(customer_id)?
            .into_iter()
            .find(|i| i.id == id)
            .ok_or_else(|| AppError::internal("the interaction vanished after it was saved"))?;
        Ok(logged.into())
    }

    /// Records an order (model, price) and moves the customer to O.
    pub fn record_order(
        &self,
        customer_id: &str,
        input: OrderInput,
    ) -> Result<InteractionDto, AppError> {
        let model = input.model.trim();
        if model.is_empty() {
            return Err(Invalid::new("model", Problem::Required).into());
        }
        let price = Budget::parse(&input.price)
            .filter(|b| b.min == Some(b.max) && !b.about)
            .map(|b| b.max)
            .ok_or_else(|| -> AppError {
                Invalid::new(
                    "price",
                    Problem::InvalidNumber {
                        value: input.price.clone(),
                    },
                )
                .into()
            })?;
        let facts = InteractionDraft {
            kind: "order".into(),
            at: input.at.clone(),
            ..InteractionDraft::default()
        }
        .validate(self.now())?;
        let expected = match input.expected_delivery.trim() {
            "" => None,
            raw => Some(day("expected_delivery", raw, facts.at.date())?),
        };
        let sale = SaleDetails {
            model: Some(model.to_owned()),
            price: Some(price),
            expected_delivery: expected,
            ..SaleDetails::default()
        };
        self.store()
            .write(|w| self.record(w, customer_id, &facts, &sale, Some((Level::O, "order"))))
    }

    /// Records a delivery and moves the customer to D; the after-sale schedule starts.
    pub fn record_delivery(
        &self,
        customer_id: &str,
        input: DeliveryInput,
    ) -> Result<InteractionDto, AppError> {
        let facts = InteractionDraft {
            kind: "delivery".into(),
            at: input.at.clone(),
            ..InteractionDraft::default()
        }
        .validate(self.now())?;
        let vin: String = input
            .vin
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_uppercase)
            .collect();
        if !vin.is_empty()
            && (vin.len() != 17
                || !vin
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() && !"IOQ".contains(c)))
        {
            return Err(Invalid::new(
                "vin",
                Problem::InvalidChoice {
                    value: input.vin.clone(),
                    allowed: vec![],
                },
            )
            .into());
        }
        let plate: String = input
            .plate
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_uppercase)
            .collect();
        let sale = SaleDetails {
            vin: (!vin.is_empty()).then_some(vin),
            plate: (!plate.is_empty()).then_some(plate),
            ..SaleDetails::default()
        };
        self.store()
            .write(|w| self.record(w, customer_id, &facts, &sale, Some((Level::D, "delivery"))))
    }

    /// Marks a complaint resolved with what was done; a satisfaction check follows.
    pub fn resolve_complaint(
        &self,
        interaction_id: &str,
        resolution: &str,
    ) -> Result<(), AppError> {
        let resolution = resolution.trim();
        if resolution.is_empty() {
            return Err(Invalid::new("resolution", Problem::Required).into());
        }
        self.store().write(|w| {
            let customer = w
                .interaction_customer(interaction_id)?
                .ok_or_else(|| AppError::not_found(interaction_id))?;
            if !w.resolve_complaint(interaction_id, self.now().date(), resolution)? {
                return Err(AppError::not_found(interaction_id));
            }
            self.refreshed(w, &customer)
        })
    }

    /// Sets a customer's level. F needs why the sale was lost (a `LostReason`, and the brand
    /// or model for a competitor) and gets a win-back date (default: the rules' days from
    /// today); the words are kept as said.
    pub fn set_level(
        &self,
        customer_id: &str,
        level: Level,
        input: LevelInput,
    ) -> Result<(), AppError> {
        let lost = Lost::read(level, &input.lost_reason, &input.competitor)?;
        let reason = input.reason.trim();
        let revisit = input.revisit.as_str();
        let store = self.store();
        let today = self.now().date();
        let revisit = if level == Level::F {
            let default = today
                .checked_add_days(Days::new(u64::from(rules(&store)?.lost_revisit_days)))
                .unwrap_or(today);
            Some(day("revisit", revisit, default)?)
        } else {
            None
        };
        let reason = (!reason.is_empty()).then_some(reason);
        store.write(|w| {
            let said = (reason, revisit);
            if !w.set_level_lost(customer_id, level, self.now(), said, lost.as_ref())? {
                return Err(AppError::not_found(customer_id));
            }
            self.refreshed(w, customer_id)
        })
    }
}
