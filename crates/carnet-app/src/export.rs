//! Taking the book out: all of it, what a filter shows, or one customer; as xlsx for a
//! manager, CSV, or Carnet JSON for handover. Optionally masked for sharing.

use std::path::Path;

use carnet_core::{Customer, Filter};
use carnet_io::book::{
    BookFile, CustomerRecord, Exporter, FamilyRecord, HandledAs, HandledPromptRecord,
    InteractionRecord, KeyFactChangeRecord, LevelChangeRecord,
};
use carnet_io::labels::Lang;
use carnet_store::{PromptAction, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{App, AppError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    #[default]
    Xlsx,
    Csv,
    Json,
}

impl ExportFormat {
    pub fn parse(code: &str) -> Option<ExportFormat> {
        match code {
            "xlsx" => Some(ExportFormat::Xlsx),
            "csv" => Some(ExportFormat::Csv),
            "json" => Some(ExportFormat::Json),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }
}

/// What to export, and where.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ExportRequest {
    pub path: String,
    pub format: ExportFormat,
    /// What the search box holds (words and `key:value` filters); empty for everyone.
    pub filter: String,
    /// Only this customer (a customer's own data, on request).
    pub customer_id: Option<String>,
    /// Phones shortened; address, WeChat id and notes left out.
    pub mask: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportResult {
    pub path: String,
    pub customers: u32,
}

/// A customer with everything that hangs off them (only the profile for CSV, which holds
/// nothing else).
fn record(store: &Store, c: Customer, history: History) -> Result<CustomerRecord, AppError> {
    let history = match history {
        History::None => carnet_store::CustomerHistory::default(),
        History::Each => carnet_store::CustomerHistory {
            family: store.family(&c.id)?,
            interactions: store.interactions(&c.id)?,
            level_changes: store.level_changes(&c.id)?,
            key_fact_changes: store.key_fact_changes(&c.id)?,
            handled_prompts: store.handled_prompts(&c.id)?,
        },
        History::All(all) => all.take(&c.id),
    };
    Ok(to_record(c, history))
}

/// Which history an export reads: none (CSV), each customer's (a few customers), or the
/// whole book's at once.
enum History<'a> {
    None,
    Each,
    All(&'a mut carnet_store::Histories),
}

fn to_record(c: Customer, history: carnet_store::CustomerHistory) -> CustomerRecord {
    let carnet_store::CustomerHistory {
        family,
        interactions,
        level_changes,
        key_fact_changes,
        handled_prompts,
    } = history;
    CustomerRecord {
        id: c.id,
        created_at: c.created_at,
        updated_at: c.updated_at,
        profile: c.profile.to_draft(),
        family: family
            .into_iter()
            .map(|f| FamilyRecord {
                id: f.id,
                created_at: f.created_at,
                facts: f.facts,
            })
            .collect(),
        interactions: interactions
            .into_iter()
            .map(|i| InteractionRecord {
                id: i.id,
                created_at: i.created_at,
                kind: i.facts.kind,
                at: i.facts.at,
                outcome: i.facts.outcome,
                satisfaction: i.facts.satisfaction,
                promise: i.facts.promise,
                notes: i.facts.notes,
                next_date: i.facts.next.map(|n| n.date),
                next_time: i.facts.next.and_then(|n| n.time),
                model: i.sale.model,
                price: i.sale.price,
                expected_delivery: i.sale.expected_delivery,
                vin: i.sale.vin,
                plate: i.sale.plate,
                resolved_at: i.resolved_at,
                resolution: i.resolution,
            })
            .collect(),
        level_changes: level_changes
            .into_iter()
            .map(|l| LevelChangeRecord {
                at: l.changed_at,
                from: l.from,
                to: l.to,
                reason: l.reason,
                revisit: l.revisit,
            })
            .collect(),
        key_fact_changes: key_fact_changes
            .into_iter()
            .map(|k| KeyFactChangeRecord {
                fact: k.fact,
                old_value: k.old_value,
                new_value: k.new_value,
                changed_at: k.changed_at,
            })
            .collect(),
        handled_prompts: handled_prompts
            .into_iter()
            .map(|h| HandledPromptRecord {
                key: h.key,
                action: match h.action {
                    PromptAction::Done => HandledAs::Done,
                    PromptAction::Dismissed => HandledAs::Dismissed,
                    PromptAction::Snoozed(until) => HandledAs::Snoozed { until },
                },
                reason: h.reason,
                at: h.at,
            })
            .collect(),
    }
}

impl App {
    /// The export as a book file (what JSON holds; xlsx and CSV are written from it).
    pub fn export_book(&self, req: &ExportRequest) -> Result<BookFile, AppError> {
        let filter = Filter::parse(&req.filter)?;
        let settings = self.settings()?;
        let store = self.store();
        let customers: Vec<Customer> = if let Some(id) = &req.customer_id {
            vec![
                store
                    .customer(id)?
                    .filter(|c| c.deleted_at.is_none())
                    .ok_or_else(|| AppError::not_found(id))?,
            ]
        } else if filter == Filter::default() {
            store.customers()?
        } else {
            let total = u32::try_from(store.count_customers()?).unwrap_or(u32::MAX);
            let (page, _) =
                store.search_customers(&filter, carnet_store::Order::Newest, 0, total)?;
            page.iter()
                .filter_map(|s| store.customer(&s.id).transpose())
                .collect::<Result<_, _>>()?
        };
        // The whole book's history in three scans; a few customers' one by one.
        let mut all = None;
        if req.format != ExportFormat::Csv && customers.len() > 50 {
            all = Some(store.histories()?);
        }
        let records = customers
            .into_iter()
            .map(|c| {
                let history = match (&mut all, req.format) {
                    (_, ExportFormat::Csv) => History::None,
                    (Some(all), _) => History::All(all),
                    (None, _) => History::Each,
                };
                record(&store, c, history)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut book = BookFile::new(
            Exporter {
                consultant: settings.consultant.name,
                dealership: settings.consultant.dealership,
                exported_at: self.now().format("%Y-%m-%d %H:%M:%S").to_string(),
                masked: false,
            },
            records,
        );
        if req.mask {
            carnet_io::export::mask(&mut book);
        }
        Ok(book)
    }

    /// Writes the export to `req.path` (whole or not at all: a partial file is removed).
    pub fn export(&self, req: &ExportRequest) -> Result<ExportResult, AppError> {
        let book = self.export_book(req)?;
        let lang = Lang::from_code(self.settings()?.language.code());
        let path = Path::new(&req.path);
        let partial = path.with_extension(format!("{}.partial", req.format.extension()));
        let written = match req.format {
            ExportFormat::Xlsx => {
                carnet_io::export::write_xlsx(&book, lang, &partial).map_err(AppError::from)
            }
            ExportFormat::Csv | ExportFormat::Json => std::fs::File::create(&partial)
                .map_err(|e| AppError::file(&partial, e))
                .and_then(|f| {
                    let mut out = std::io::BufWriter::new(f);
                    if req.format == ExportFormat::Csv {
                        carnet_io::export::write_csv(&book, lang, &mut out)?;
                    } else {
                        carnet_io::book::write_json(&book, &mut out)?;
                    }
                    std::io::Write::flush(&mut out).map_err(|e| AppError::file(&partial, e))
                }),
        };
        if let Err(e) = written {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
        std::fs::rename(&partial, path).map_err(|e| AppError::file(path, e))?;
        tracing::info!(path = %path.display(), customers = book.customers.len(), "exported");
        Ok(ExportResult {
            path: path.display().to_string(),
            customers: u32::try_from(book.customers.len()).unwrap_or(u32::MAX),
        })
    }
}
