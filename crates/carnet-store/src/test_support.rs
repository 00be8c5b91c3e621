//! What the store's tests share: profiles, queries, a customer with a row in every linked
//! table.

use std::path::{Path, PathBuf};

use carnet_core::phone::Phone;
use carnet_core::{Customer, CustomerSummary, Filter, Profile};

use crate::*;

/// The day the tests' profiles are typed on.
pub(crate) fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid")
}

pub(crate) fn facts(name: &str, phone: Option<&str>) -> Profile {
    Profile::named(name, phone.map(|p| Phone::parse(p).expect("valid phone")))
}

pub(crate) fn query(text: &str) -> Filter {
    Filter::parse(text).expect("a query")
}

pub(crate) fn backups_in(dir: &Path) -> Vec<PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(entries) => entries.map(|e| e.expect("entry").path()).collect(),
        Err(_) => Vec::new(),
    }
}

pub(crate) trait Names {
    fn names(self) -> Vec<String>;
}

impl Names for Vec<Customer> {
    fn names(self) -> Vec<String> {
        self.into_iter().map(|c| c.profile.name).collect()
    }
}

impl Names for (Vec<CustomerSummary>, Option<u64>) {
    fn names(self) -> Vec<String> {
        self.0.into_iter().map(|c| c.name).collect()
    }
}

pub(crate) fn names(found: impl Names) -> Vec<String> {
    found.names()
}

pub(crate) fn full_profile(name: &str, phones: &str) -> Profile {
    let mut d = carnet_core::ProfileDraft {
        name: name.into(),
        ..Default::default()
    };
    for (field, value) in [
        ("title", "先生"),
        ("phones", phones),
        ("wechat", "wx_zhang"),
        ("budget", "15-20万"),
        ("models", "汉/冠军版/雪域白, 海豹"),
        ("purposes", "commute,family"),
        ("timeframe", "within_30_days"),
        ("level", "B"),
        ("decision_maker", "spouse"),
        ("car_brand", "大众"),
        ("car_year", "2016"),
        ("payment", "loan"),
        ("source", "referral"),
        ("priorities", "safety,space"),
        ("tags", "VIP,二胎"),
        ("notes", "周末带孩子来试驾"),
        ("birthday", "10-08"),
        ("birthday_lunar", "true"),
    ] {
        d.set(field, value).expect("set");
    }
    d.validate(day()).expect("valid")
}

pub(crate) fn rows_for(store: &Store, table: &str, column: &str, id: &str) -> i64 {
    store
        .conn
        .query_row(
            &format!("SELECT count(*) FROM \"{table}\" WHERE \"{column}\" = ?1"),
            [id],
            |r| r.get(0),
        )
        .expect("count")
}

pub(crate) fn search_rows(store: &Store) -> i64 {
    store
        .conn
        .query_row("SELECT count(*) FROM customer_search", [], |r| r.get(0))
        .expect("count")
}

/// Gives a customer a row in every table that references customers. A table this test does
/// not know fails it: whoever adds one must say how it is filled, so merge and trash are
/// checked against it.
pub(crate) fn fill_every_linked_table(store: &Store, id: &str) {
    let wife = carnet_core::FamilyDraft {
        name: "李娜".into(),
        relation: "wife".into(),
        birthday: "10-08".into(),
        birthday_lunar: true,
        ..Default::default()
    }
    .validate()
    .expect("valid");
    store
        .write(|w| w.insert_family_member(id, &wife))
        .expect("family")
        .expect("customer exists");
    let mut changed = store.customer(id).expect("get").expect("exists").profile;
    changed.budget = carnet_core::Budget::parse("30万");
    store
        .write(|w| w.update_customer(id, &changed))
        .expect("update");
    let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("valid");
    let call = carnet_core::InteractionDraft {
        kind: "call".into(),
        at: "2026-11-20 10:00".into(),
        outcome: "reached".into(),
        ..Default::default()
    }
    .validate(at)
    .expect("valid");
    store
        .write(|w| w.insert_interaction(id, &call, &carnet_core::history::SaleDetails::default()))
        .expect("log")
        .expect("customer exists");
    store
        .write(|w| w.set_level(id, carnet_core::Level::H, at, Some("buys this week"), None))
        .expect("level");
    let rules = carnet_core::followup::Rules::default();
    let today = at.date();
    store
        .write(|w| w.refresh_prompts(id, &rules, today))
        .expect("refresh");
    let due = store
        .due_prompts(today + chrono::Days::new(30))
        .expect("due");
    let key = due
        .iter()
        .find(|p| p.customer_id == id)
        .expect("a prompt")
        .prompt
        .key
        .clone();
    // A prompt dismissed (its day come or not) is logged for the compliance report, and stays
    // logged when the dismissal is undone.
    store
        .write(|w| {
            w.act_on_prompt(
                id,
                &key,
                carnet_core::history::PromptAction::Dismissed,
                Some("already called from the other phone"),
                &rules,
                today,
            )
        })
        .expect("dismiss");
    store
        .write(|w| w.undo_prompt_action(id, &key, &rules, today))
        .expect("undo");
    store
        .write(|w| {
            w.act_on_prompt(
                id,
                &key,
                carnet_core::history::PromptAction::Snoozed { until: today },
                None,
                &rules,
                today,
            )
        })
        .expect("snooze");
    let mut filled = store.customer(id).expect("get").expect("exists").profile;
    filled.occupation = Some("教师".into());
    store
        .write(|w| {
            let (plan, created) = import_plan(
                "imp-fill",
                Vec::new(),
                vec![fill(id, filled, "occupation", "教师")],
            );
            w.apply_import(&plan, &mut each(&created), at, &rules, &mut |_| true)
        })
        .expect("import");
    // Migration 0013's tables, until the code that keeps them fills them (written as rows
    // here, so that merge and erase are held to them now).
    store
        .write(|w| {
            w.conn().execute(
                "INSERT OR IGNORE INTO customer_standing (customer_id) VALUES (?1)",
                [id],
            )?;
            w.conn().execute(
                "INSERT OR IGNORE INTO prompt_log (customer_id, key, kind, level, due)
                 VALUES (?1, 'next:test', 'next_step', 'H', '2026-11-20')",
                [id],
            )?;
            Ok::<_, StoreError>(())
        })
        .expect("standing and prompt log");
    let quoted = store
        .write(|w| {
            w.insert_interaction(
                id,
                &quote_facts(at),
                &carnet_core::history::SaleDetails::default(),
            )
        })
        .expect("log")
        .expect("customer exists");
    store
        .write(|w| w.save_quote(&saved_quote(&quoted, id)))
        .expect("quote");
    store
        .write(|w| {
            w.replace_plan(&[crate::PlanEntry {
                customer_id: id.into(),
                key: "next:test".into(),
                kind: carnet_core::PromptKind::NextStep,
                day: Some(day()),
                rank: 0,
                group: None,
                why: "appointment".into(),
                slips: 1,
                slipped_on: Some(day()),
            }])
        })
        .expect("plan");
    for (table, column) in store.tables_referencing_customers().expect("schema") {
        let known = [
            "quotes",
            "import_customers",
            "customer_phones",
            "customer_models",
            "customer_tags",
            "family_members",
            "interactions",
            "key_fact_changes",
            "level_changes",
            "prompt_actions",
            "prompts",
            "customer_standing",
            "prompt_log",
            "today_plan",
        ];
        assert!(
            known.contains(&table.as_str()),
            "a new table references customers: {table}; fill it here"
        );
        assert!(
            rows_for(store, &table, &column, id) > 0,
            "{table} has a row for the customer"
        );
    }
}

/// A quote interaction's facts, logged at `at`.
pub(crate) fn quote_facts(at: chrono::NaiveDateTime) -> carnet_core::InteractionFacts {
    carnet_core::InteractionDraft {
        kind: "quote".into(),
        at: at.format("%Y-%m-%d %H:%M").to_string(),
        notes: "汉 EV 605KM 尊贵型 落地 24.6万".into(),
        ..Default::default()
    }
    .validate(at)
    .expect("valid")
}

/// A quote interaction `id`, logged at `at` (as an import brings one).
pub(crate) fn quote_interaction(
    id: &str,
    at: chrono::NaiveDateTime,
) -> carnet_core::history::Interaction {
    carnet_core::history::Interaction {
        id: id.into(),
        facts: quote_facts(at),
        sale: Default::default(),
        resolved_at: None,
        resolution: None,
        created_at: chrono::Utc::now(),
    }
}

/// A quote of a 229,800-yuan BEV, saved as the interaction `interaction_id`.
pub(crate) fn saved_quote(
    interaction_id: &str,
    customer_id: &str,
) -> carnet_core::quote::SavedQuote {
    let terms = carnet_core::quote::QuoteTerms {
        date: day(),
        guide_price: 229_800,
        discount: 8_000,
        accessories: 0,
        energy: Some(carnet_core::Energy::Bev),
        seats: Some(5),
        compulsory: None,
        commercial: None,
        settings: carnet_core::quote::QuoteSettings::default(),
        down_pct: 30,
        term: 36,
    };
    carnet_core::quote::SavedQuote {
        interaction_id: interaction_id.into(),
        customer_id: customer_id.into(),
        trim_id: Some("trim-han-605".into()),
        trim_name: "汉 EV 605KM 尊贵型".into(),
        sheet: terms.sheet(),
        terms,
    }
}

pub(crate) fn import_plan(
    id: &str,
    created: Vec<crate::NewCustomer>,
    fills: Vec<crate::Fill>,
) -> (crate::ImportPlan, Vec<crate::NewCustomer>) {
    let plan = crate::ImportPlan {
        record: crate::ImportRecord {
            id: id.into(),
            at: "2026-11-20 10:00:00".into(),
            file_name: "customers.csv".into(),
            format: "csv".into(),
            policy: "update".into(),
            created: created.len() as u64,
            updated: fills.len() as u64,
            skipped: 0,
            invalid: 0,
            backup: None,
            undone_at: None,
        },
        created: created.len(),
        fills,
        consultant: None,
    };
    (plan, created)
}

pub(crate) fn each(
    created: &[crate::NewCustomer],
) -> impl Iterator<Item = Result<crate::NewCustomer, StoreError>> + Send + '_ {
    created.iter().cloned().map(Ok)
}

pub(crate) fn fill(id: &str, profile: Profile, field: &str, value: &str) -> crate::Fill {
    crate::Fill {
        customer_id: id.into(),
        profile,
        filled: [(field.to_owned(), value.to_owned())].into_iter().collect(),
        family: Vec::new(),
        interactions: Vec::new(),
        quotes: Vec::new(),
    }
}

pub(crate) fn new_customer(name: &str, phone: &str) -> crate::NewCustomer {
    crate::NewCustomer {
        id: uuid::Uuid::now_v7().to_string(),
        created_at: None,
        updated_at: None,
        profile: Profile::named(name, carnet_core::phone::Phone::parse(phone)),
        family: Vec::new(),
        interactions: Vec::new(),
        level_changes: Vec::new(),
        key_fact_changes: Vec::new(),
        handled_prompts: Vec::new(),
        prompt_log: Vec::new(),
        quotes: Vec::new(),
    }
}
