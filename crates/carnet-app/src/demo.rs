//! Filling an empty book with a realistic demo population: customers who arrived over the
//! past two years, with the histories a consultant's follow-ups left (carnet-core's
//! `demo::aged_book`), or profiles alone.

use carnet_core::demo::{AgedCustomer, aged_book};
use carnet_core::history::{
    FamilyMember, HandledPrompt, Interaction, LevelChange, PromptAction, SaleDetails,
};
use carnet_core::{FamilyDraft, Invalid};
use carnet_store::NewCustomer;
use chrono::{DateTime, NaiveDateTime, Utc};

use crate::{App, AppError, ErrorKind};

/// How many demo customers are made and written together: a 100,000-customer book is never
/// held whole.
const CHUNK: usize = 4_096;

fn bad(invalid: Invalid) -> AppError {
    AppError::internal(format!("demo data is invalid: {invalid:?}"))
}

/// A local time kept as the book keeps times it did not see happen (an export's): as UTC, so
/// that its day is the day it happened.
fn kept(at: NaiveDateTime) -> DateTime<Utc> {
    at.and_utc()
}

impl App {
    /// Adds `customers` demo customers drawn from `seed` (the same seed, the same book), with
    /// two years of history each when `histories` (else profiles alone, added today). Refuses
    /// a book that already holds customers, so nobody's real book gets demo data.
    pub fn fill_demo(
        &self,
        customers: usize,
        seed: u64,
        histories: bool,
    ) -> Result<usize, AppError> {
        let count = self.store().count_customers()?;
        if count > 0 {
            return Err(AppError::new(
                ErrorKind::BookNotEmpty { count },
                format!("the book already holds {count} customers; a demo book must start empty"),
            ));
        }
        // The demo showroom's catalogue: its customers' models are its series.
        if self.catalogue_is_empty()? {
            self.load_sample_catalogue()?;
        }
        let today = self.now().date();
        if !histories {
            let all = carnet_core::demo::customers(customers, seed)
                .into_iter()
                .map(|demo| {
                    let family = demo
                        .family
                        .iter()
                        .map(FamilyDraft::validate)
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok((demo.profile.validate(today)?, family))
                })
                .collect::<Result<Vec<_>, Invalid>>()
                .map_err(bad)?;
            let ids = self.store().write(|w| w.insert_customers(&all))?;
            return Ok(ids.len());
        }
        let rules = self.rules()?;
        let mut new_id = || uuid::Uuid::now_v7().to_string();
        let mut book = aged_book(customers, seed, today, &rules, &mut new_id);
        let store = self.store();
        store.write(|w| {
            loop {
                let chunk = book
                    .by_ref()
                    .take(CHUNK)
                    .map(|c| new_customer(&c, today))
                    .collect::<Result<Vec<_>, Invalid>>()
                    .map_err(bad)?;
                if chunk.is_empty() {
                    return Ok::<_, AppError>(());
                }
                w.insert_customers_with_histories(&chunk)?;
            }
        })?;
        Ok(customers)
    }
}

/// An aged demo customer as the store writes a new customer with a history.
fn new_customer(c: &AgedCustomer, today: chrono::NaiveDate) -> Result<NewCustomer, Invalid> {
    let created = kept(c.created);
    let family = c
        .customer
        .family
        .iter()
        .zip(&c.family_ids)
        .map(|(draft, id)| {
            Ok(FamilyMember {
                id: id.clone(),
                created_at: created,
                facts: draft.validate()?,
            })
        })
        .collect::<Result<Vec<_>, Invalid>>()?;
    let interactions = c
        .interactions
        .iter()
        .map(|i| Interaction {
            id: i.id.clone(),
            facts: i.facts.clone(),
            sale: SaleDetails {
                model: i.model.clone(),
                price: i.price,
                plate: i.plate.clone(),
                ..SaleDetails::default()
            },
            resolved_at: i.resolved,
            resolution: i.resolved.map(|_| "已处理".to_owned()),
            created_at: kept(i.facts.at),
        })
        .collect();
    let level_changes = c
        .level_changes
        .iter()
        .map(|l| LevelChange {
            changed_at: l.at.format("%Y-%m-%d %H:%M:%S").to_string(),
            from: l.from,
            to: l.to,
            reason: None,
            revisit: l.revisit,
            lost_reason: l.lost_reason,
            competitor: None,
        })
        .collect();
    let handled_prompts = c
        .handled
        .iter()
        .map(|h| HandledPrompt {
            key: h.key.clone(),
            action: if h.dismissed.is_some() {
                PromptAction::Dismissed
            } else {
                PromptAction::Done
            },
            reason: h.dismissed.map(str::to_owned),
            at: kept(h.at),
        })
        .collect();
    let updated = c.interactions.last().map_or(created, |i| kept(i.facts.at));
    Ok(NewCustomer {
        id: uuid::Uuid::now_v7().to_string(),
        created_at: Some(created),
        updated_at: Some(updated),
        profile: c.customer.profile.validate(today)?,
        family,
        interactions,
        level_changes,
        key_fact_changes: Vec::new(),
        handled_prompts,
        prompt_log: c.log.clone(),
        quotes: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use crate::customers::quick_input;
    use crate::{App, ErrorCode, When};

    fn nov25() -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("valid")
    }

    #[test]
    fn the_demo_book_s_today_has_tens_to_do_not_hundreds() {
        let app = App::open_in_memory().expect("app").with_clock(nov25);
        assert_eq!(app.fill_demo(2_000, 1, true).expect("demo"), 2_000);
        let today = app.agenda(None, 0).expect("agenda");
        assert!((10..=80).contains(&today.due), "{} due", today.due);
        let prompts: Vec<_> = today.rows.iter().flat_map(|r| &r.prompts).collect();
        assert_eq!(prompts.len() as u64, today.due);
        let overdue = prompts.iter().filter(|p| p.when == When::Overdue).count();
        assert!(
            overdue > 0 && overdue * 2 < prompts.len(),
            "{overdue} of {} overdue",
            prompts.len()
        );
        let mut kinds: Vec<_> = prompts.iter().map(|p| p.kind).collect();
        kinds.sort_by_key(|k| k.code());
        kinds.dedup();
        assert!(kinds.len() >= 3, "not a wall of one kind: {kinds:?}");
        let complaints = prompts
            .iter()
            .filter(|p| p.kind == carnet_core::PromptKind::Complaint)
            .count();
        assert!(complaints <= 3, "{complaints} complaints");
        // The book is two years old: customers were added over it, not all today.
        let list = app.list_customers().expect("list");
        let today_added = list
            .iter()
            .filter(|c| c.created_at.starts_with("2026-11-25"))
            .count();
        assert!(today_added < 20, "{today_added} added today");
    }

    /// The compliance report of a demo book shows a year of a consultant's follow-ups, not an
    /// empty table (as it did, and `carnet bench` timed a report of nothing): most made on
    /// their day, some late, a few left open or dismissed with a reason, of more than one kind.
    #[test]
    fn the_demo_book_s_compliance_report_shows_a_year_of_follow_ups() {
        let app = App::open_in_memory().expect("app").with_clock(nov25);
        app.fill_demo(600, 3, true).expect("demo");
        // The first look at Today works out which of the prompts left open were made since.
        app.agenda(None, 0).expect("agenda");
        let report = app
            .report(crate::ReportKind::Compliance, "2025-11-26", "2026-11-25")
            .expect("report");
        let crate::Report::Compliance {
            total,
            by_kind,
            dismissed,
            ..
        } = report
        else {
            panic!("not a compliance report: {report:?}");
        };
        assert!(total.due > 1_000, "{total:?}");
        assert!(total.on_time * 100 > total.due * 55, "{total:?}");
        assert!(
            total.late > 0 && total.open > 0 && total.dismissed > 0,
            "{total:?}"
        );
        // Left open: those answered by a message without an outcome or by a tick alone, which
        // make nothing (compliance.rs), and the few never seen to.
        assert!(total.open * 100 < total.due * 35, "{total:?}");
        assert_eq!(
            total.on_time + total.late + total.open + total.dismissed,
            total.due
        );
        let kinds: Vec<_> = by_kind.iter().map(|r| r.key).collect();
        for kind in [
            carnet_core::PromptKind::Cadence,
            carnet_core::PromptKind::AfterSale,
        ] {
            assert!(kinds.contains(&kind), "{kind:?} missing from {kinds:?}");
        }
        assert!(
            !dismissed.is_empty() && dismissed.iter().all(|r| !r.reason.is_empty()),
            "{dismissed:?}"
        );
    }

    /// The funnel of a demo book narrows step by step in both periods, as a showroom's does:
    /// leads, those whose key facts are known, appointments made and kept (邀约, 邀约到店),
    /// visits, test drives, quotes, orders, deliveries. It used to show no appointment at all
    /// (nobody in the demo ever made one) and fewer known profiles than orders (a customer's
    /// timeframe went with their purchase).
    #[test]
    fn the_demo_book_s_funnel_narrows_from_leads_to_deliveries() {
        use carnet_core::differentiate::funnel::{Rate, Step};
        let app = App::open_in_memory().expect("app").with_clock(nov25);
        app.fill_demo(600, 3, true).expect("demo");
        let report = app
            .report(crate::ReportKind::Funnel, "2025-11-26", "2026-11-25")
            .expect("report");
        let crate::Report::Funnel { steps, rates, .. } = report else {
            panic!("not a funnel: {report:?}");
        };
        let count = |step: Step, previous: bool| {
            steps
                .iter()
                .find(|r| r.step == step)
                .map(|r| if previous { r.previous } else { r.count })
                .unwrap_or_default()
        };
        for previous in [false, true] {
            let n = |step| count(step, previous);
            for step in Step::ALL {
                assert!(
                    n(step) > 0,
                    "{step:?} empty (previous: {previous}): {steps:?}"
                );
            }
            assert!(n(Step::Profiled) > n(Step::Shown) / 2, "{steps:?}");
            assert!(n(Step::Profiled) >= n(Step::Order), "{steps:?}");
            assert!(n(Step::Appointed) > n(Step::Kept), "{steps:?}");
            assert!(n(Step::Order) >= n(Step::Delivery), "{steps:?}");
        }
        let show_rate = rates
            .iter()
            .find(|r| r.rate == Rate::ShowRate)
            .and_then(|r| r.value)
            .unwrap_or_default();
        assert!((50.0..95.0).contains(&show_rate), "{rates:?}");
    }

    /// The pyramid of a demo book has owners in every tier: a few top customers (who came
    /// back for more cars), large to small, and owners who drifted away (inactive); most
    /// owners were asked how satisfied they are, and some are not (the grid's low row). It
    /// had no top or inactive owner, and nine in ten owners were never asked.
    #[test]
    fn the_demo_book_s_pyramid_and_grid_have_every_kind_of_owner() {
        use carnet_core::Tier;
        let app = App::open_in_memory().expect("app").with_clock(nov25);
        app.fill_demo(2_000, 1, true).expect("demo");
        let report = app.report(crate::ReportKind::Tiers, "", "").expect("tiers");
        let crate::Report::Tiers { rows, .. } = report else {
            panic!("not the pyramid: {report:?}");
        };
        let count = |tier: Tier| {
            rows.iter()
                .find(|r| r.tier == tier)
                .map_or(0, |r| r.customers)
        };
        for tier in [
            Tier::Top,
            Tier::Large,
            Tier::Medium,
            Tier::Small,
            Tier::Inactive,
        ] {
            assert!(count(tier) > 0, "no {tier:?} owner: {rows:?}");
        }
        assert!(count(Tier::Top) < count(Tier::Large), "{rows:?}");
        let report = app.report(crate::ReportKind::Grid, "", "").expect("grid");
        let crate::Report::Grid { cells, unknown, .. } = report else {
            panic!("not the grid: {report:?}");
        };
        let asked: u64 = cells.iter().map(|c| c.count).sum();
        assert!(asked > unknown * 2, "{asked} asked, {unknown} never");
        let low: u64 = cells
            .iter()
            .filter(|c| c.view.cell.satisfaction == carnet_core::differentiate::grid::Band::Low)
            .map(|c| c.count)
            .sum();
        assert!(low > 0 && low * 5 < asked, "{low} unhappy of {asked}");
    }

    #[test]
    fn a_demo_fills_an_empty_book_reproducibly_and_refuses_a_used_one() {
        let a = App::open_in_memory().expect("app");
        let b = App::open_in_memory().expect("app");
        assert_eq!(a.fill_demo(40, 9, true).expect("demo"), 40);
        b.fill_demo(40, 9, true).expect("demo");
        #[allow(clippy::type_complexity)]
        let people = |app: &App| -> Vec<(
            String,
            Option<String>,
            carnet_core::Level,
            Option<carnet_core::Budget>,
        )> {
            let mut v: Vec<_> = app
                .list_customers()
                .expect("list")
                .into_iter()
                .map(|c| (c.name, c.phone, c.level, c.budget))
                .collect();
            v.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
            v
        };
        assert_eq!(people(&a), people(&b), "same seed, same customers");

        let err = a.fill_demo(5, 1, false).expect_err("not empty");
        assert_eq!(err.code(), ErrorCode::BookNotEmpty);
        assert_eq!(err.params().get("count").map(String::as_str), Some("40"));

        let used = App::open_in_memory().expect("app");
        used.add_customer(quick_input("张三", None)).expect("add");
        assert_eq!(
            used.fill_demo(5, 1, false).expect_err("refused").code(),
            ErrorCode::BookNotEmpty
        );
        assert_eq!(
            used.list_customers().expect("list").len(),
            1,
            "nothing added"
        );
    }
}
