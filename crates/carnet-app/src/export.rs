//! Taking the book out: all of it, what a filter shows, or one customer; as xlsx for a
//! manager, CSV, or Carnet JSON for handover. Optionally masked for sharing.

use std::path::Path;

use carnet_core::{Customer, Filter};
use carnet_io::json_export::{CustomerRecord, Exporter, JsonExport};
use carnet_io::labels::Lang;
use carnet_store::Store;

use crate::{App, AppError, ExportFormat, ExportRequest, ExportResult};

/// A customer's history as an export reads it: none (CSV, which holds only the profiles),
/// each customer's own (a few customers), or taken from the whole book's, read at once.
enum History {
    None,
    Each,
    All(Box<carnet_store::Histories>),
}

impl History {
    /// How an export of `customers` customers as `format` reads their history.
    fn read(store: &Store, format: ExportFormat, customers: usize) -> Result<History, AppError> {
        Ok(match format {
            ExportFormat::Csv => History::None,
            _ if customers > 50 => History::All(Box::new(store.histories()?)),
            _ => History::Each,
        })
    }

    fn of(&mut self, store: &Store, id: &str) -> Result<carnet_store::CustomerHistory, AppError> {
        Ok(match self {
            History::None => carnet_store::CustomerHistory::default(),
            History::Each => carnet_store::CustomerHistory {
                family: store.family(id)?,
                interactions: store.interactions(id)?,
                level_changes: store.level_changes(id)?,
                key_fact_changes: store.key_fact_changes(id)?,
                handled_prompts: store.handled_prompts(id)?,
                prompt_log: store.prompt_log(id)?,
                // The oldest first, as the whole book's scan gives them.
                quotes: store.quotes_of(id)?.into_iter().rev().collect(),
            },
            History::All(all) => all.take(id),
        })
    }
}

/// The customers an export holds, in its order: one, what a filter shows, or everyone.
fn export_customers(
    app: &App,
    store: &Store,
    req: &ExportRequest,
) -> Result<Vec<Customer>, AppError> {
    let filter = app.resolve_filter(store, &req.filter)?;
    Ok(if let Some(id) = &req.customer_id {
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
        let (page, _) = store.search_customers(&filter, carnet_store::Order::Newest, 0, total)?;
        page.iter()
            .filter_map(|s| store.customer(&s.id).transpose())
            .collect::<Result<_, _>>()?
    })
}

/// Whether an export holds the whole book (no filter, not one customer).
fn whole_book(req: &ExportRequest) -> Result<bool, AppError> {
    Ok(req.customer_id.is_none() && Filter::parse(&req.filter)? == Filter::default())
}

/// A customer's record without their history (what the customers sheet and CSV hold).
fn base_record(c: &Customer) -> CustomerRecord {
    record_with(c, c.profile.to_draft())
}

/// The referrers of a book by id: their name, and phone (unless the export is masked), as
/// the sheets show who referred a customer: "王五 13812345678".
type Referrers = std::collections::HashMap<String, String>;

fn referrers(store: &Store, mask: bool) -> Result<Referrers, AppError> {
    Ok(store
        .referrers()?
        .into_iter()
        .map(|(id, (name, phone))| {
            let phone = phone
                .filter(|_| !mask)
                .map(|p| carnet_core::phone::Phone::from_stored(p).digits());
            let shown = match phone {
                Some(p) if !p.is_empty() => format!("{name} {p}"),
                _ => name,
            };
            (id, shown)
        })
        .collect())
}

/// A sheet shows the referrer by name (and phone), not by id (which JSON keeps).
/// What the sheets show beside a customer's profile: their referrer by name, and where they
/// stand (tier and value, as of today).
struct SheetFacts {
    referrers: Referrers,
    standings: std::collections::HashMap<String, carnet_io::json_export::ExportStanding>,
}

fn sheet_facts(app: &App, store: &Store, mask: bool) -> Result<SheetFacts, AppError> {
    let rules = crate::reports::value_rules(store)?;
    let today = app.now().date();
    let standings = store
        .book_rows(None, None)?
        .into_iter()
        .map(|r| {
            let v = crate::reports::customer_value(&r, today, &rules);
            (
                r.id,
                carnet_io::json_export::ExportStanding {
                    tier: v.tier,
                    value: v.value,
                },
            )
        })
        .collect();
    Ok(SheetFacts {
        referrers: referrers(store, mask)?,
        standings,
    })
}

/// A sheet's record completed with its [`SheetFacts`].
fn complete(r: &mut CustomerRecord, facts: &SheetFacts) {
    name_referrer(r, &facts.referrers);
    r.standing = facts.standings.get(&r.id).copied();
}

fn name_referrer(r: &mut CustomerRecord, referrers: &Referrers) {
    if let Some(shown) = referrers.get(&r.profile.referred_by) {
        r.profile.referred_by.clone_from(shown);
    }
}

/// A customer's record with `profile` for their profile, and no history.
fn record_with(c: &Customer, profile: carnet_core::ProfileDraft) -> CustomerRecord {
    CustomerRecord {
        id: c.id.clone(),
        created_at: c.created_at,
        updated_at: c.updated_at,
        profile,
        family: Vec::new(),
        interactions: Vec::new(),
        level_changes: Vec::new(),
        key_fact_changes: Vec::new(),
        handled_prompts: Vec::new(),
        prompt_log: Vec::new(),
        quotes: Vec::new(),
        standing: None,
    }
}

/// Adds a customer's history to their record (the book's history types are the export's).
fn attach(r: &mut CustomerRecord, history: carnet_store::CustomerHistory) {
    let carnet_store::CustomerHistory {
        family,
        interactions,
        level_changes,
        key_fact_changes,
        handled_prompts,
        prompt_log,
        quotes,
    } = history;
    r.family = family;
    r.interactions = interactions;
    r.level_changes = level_changes;
    r.key_fact_changes = key_fact_changes;
    r.handled_prompts = handled_prompts;
    r.prompt_log = prompt_log;
    r.quotes = quotes;
}

impl App {
    /// Who the export says made it, and when.
    fn exporter(&self, masked: bool) -> Result<Exporter, AppError> {
        let consultant = self.settings()?.consultant;
        Ok(Exporter {
            consultant: consultant.name,
            dealership: consultant.dealership,
            exported_at: self.now().format("%Y-%m-%d %H:%M:%S").to_string(),
            masked,
        })
    }

    /// The JSON export of the customers asked for (what a JSON file holds; CSV is written
    /// from it).
    pub fn json_export(&self, req: &ExportRequest) -> Result<JsonExport, AppError> {
        let exporter = self.exporter(req.mask)?;
        let store = self.store();
        let customers = export_customers(self, &store, req)?;
        let mut history = History::read(&store, req.format, customers.len())?;
        // A JSON file leaves the tiers out: they are worked out only for sheets made from it.
        let standings = match req.format {
            ExportFormat::Json => Default::default(),
            _ => sheet_facts(self, &store, req.mask)?.standings,
        };
        let mut records = Vec::with_capacity(customers.len());
        for c in &customers {
            let mut r = base_record(c);
            attach(&mut r, history.of(&store, &c.id)?);
            r.standing = standings.get(&r.id).copied();
            if req.mask {
                carnet_io::export::mask_customer(&mut r);
            }
            records.push(r);
        }
        Ok(JsonExport::new(exporter, records))
    }

    /// Writes an xlsx export to `path`; returns how many customers it holds. A whole book is
    /// written on two cores while it is read: the customers sheet on a thread from the
    /// profiles, the interactions and orders sheets on another from the timelines as they
    /// are read (one pass in the book's order), then the family sheet. A part of the book (a
    /// filter, one customer) is read first, then written a sheet to a thread.
    fn write_xlsx(&self, req: &ExportRequest, lang: Lang, path: &Path) -> Result<usize, AppError> {
        use carnet_io::export::{Xlsx, joined, mask_customer};
        let named = sheet_facts(self, &self.store(), req.mask)?;
        if !whole_book(req)? {
            let mut export = self.json_export(req)?;
            export
                .customers
                .iter_mut()
                .for_each(|r| complete(r, &named));
            carnet_io::export::write_xlsx(&export, lang, path)?;
            return Ok(export.customers.len());
        }
        let exporter = self.exporter(req.mask)?;
        // What the other sheets show of a customer beside their rows: the id and the name.
        let who = |c: &Customer, history: carnet_store::CustomerHistory| {
            let name = carnet_core::ProfileDraft {
                name: c.profile.name.clone(),
                ..carnet_core::ProfileDraft::default()
            };
            let mut r = record_with(c, name);
            attach(&mut r, history);
            if req.mask {
                mask_customer(&mut r);
            }
            r
        };
        // The timelines are read a customer after another, each one's interactions wherever
        // they lie in the book: the page cache grows as for a recompute (see
        // `whole_book_cache_mib`), and is put back at the end, the book held throughout.
        let store = self.store();
        let mib = crate::followup::whole_book_cache_mib(&store)?;
        let (customers, xlsx) = store.with_cache(mib, |store| {
            store.read(|store| {
                let customers = store.customers()?;
                let mut families = store.families()?;
                // Each sheet's rows at most (the interactions of the trash too), for the
                // worksheets a sheet of more than a million rows goes on in.
                let interactions = store.count_interactions()?;
                let members: usize = families.values().map(Vec::len).sum();
                let rows = [
                    customers.len() as u64,
                    members as u64,
                    interactions,
                    interactions,
                ];
                let mut xlsx = Xlsx::new(&exporter, lang, rows)?;
                let mut sheets = xlsx.sheets()?.into_iter();
                let (Some(mut profiles), Some(mut family), Some(mut timeline), Some(mut orders)) =
                    (sheets.next(), sheets.next(), sheets.next(), sheets.next())
                else {
                    return Err(AppError::internal("an xlsx export has four sheets"));
                };
                std::thread::scope(|scope| {
                    let everyone = &customers;
                    let named = &named;
                    let written = scope.spawn(move || {
                        everyone.iter().try_for_each(|c| {
                            let mut r = base_record(c);
                            complete(&mut r, named);
                            if req.mask {
                                mask_customer(&mut r);
                            }
                            profiles.add(&r)
                        })
                    });
                    let (send, receive) = std::sync::mpsc::sync_channel::<CustomerRecord>(64);
                    let timelines = scope.spawn(move || {
                        receive.iter().try_for_each(|r| {
                            timeline.add(&r)?;
                            orders.add(&r)
                        })
                    });
                    let mut next = customers.iter();
                    let streamed = store.each_timeline(|id, interactions| {
                        let c = next.find(|c| c.id == id).ok_or_else(|| {
                            AppError::internal("a timeline out of the book's order")
                        })?;
                        let r = who(
                            c,
                            carnet_store::CustomerHistory {
                                interactions,
                                ..Default::default()
                            },
                        );
                        send.send(r)
                            .map_err(|_| AppError::internal("the interactions sheet stopped"))
                    });
                    drop(send);
                    let family_written =
                        customers
                            .iter()
                            .try_for_each(|c| match families.remove(&c.id) {
                                Some(members) => family.add(&who(
                                    c,
                                    carnet_store::CustomerHistory {
                                        family: members,
                                        ..Default::default()
                                    },
                                )),
                                None => Ok(()),
                            });
                    // A sheet's own error first: it explains a stopped stream.
                    joined(written)?;
                    joined(timelines)?;
                    family_written?;
                    streamed?;
                    Ok::<_, AppError>(())
                })?;
                drop((family, sheets));
                Ok::<_, AppError>((customers, xlsx))
            })
        })?;
        drop(store);
        xlsx.save(path)?;
        Ok(customers.len())
    }

    /// Writes a CSV export to `out`; returns how many customers it holds. A whole book is
    /// written while it is read: each customer goes to a thread that makes their line.
    fn write_csv(
        &self,
        req: &ExportRequest,
        lang: Lang,
        out: &mut (impl std::io::Write + Send),
    ) -> Result<usize, AppError> {
        use carnet_io::export::{Csv, mask_customer};
        let store = self.store();
        let named = sheet_facts(self, &store, req.mask)?;
        if !whole_book(req)? {
            drop(store);
            let mut export = self.json_export(req)?;
            export
                .customers
                .iter_mut()
                .for_each(|r| complete(r, &named));
            carnet_io::export::write_csv(&export, lang, out)?;
            return Ok(export.customers.len());
        }
        let mut csv = Csv::new(out, lang)?;
        std::thread::scope(|scope| {
            let (send, receive) = std::sync::mpsc::sync_channel::<Customer>(256);
            let written = scope.spawn(move || {
                let mut count = 0;
                for c in receive {
                    let mut r = base_record(&c);
                    complete(&mut r, &named);
                    if req.mask {
                        mask_customer(&mut r);
                    }
                    csv.add(&r)?;
                    count += 1;
                }
                csv.finish().map(|()| count)
            });
            let streamed = store.each_customer(|c| {
                send.send(c)
                    .map_err(|_| AppError::internal("the CSV writer stopped"))
            });
            drop(send);
            // The writer's own error first: it explains a stopped stream.
            let count = carnet_io::export::joined(written)?;
            streamed?;
            Ok(count)
        })
    }

    /// Writes the export to `req.path` (whole or not at all: a partial file is removed).
    pub fn export(&self, req: &ExportRequest) -> Result<ExportResult, AppError> {
        let lang = Lang::from_code(self.settings()?.language.code());
        let path = Path::new(&req.path);
        self.refuse_own_file(path, crate::paths::PathUse::Write)?;
        let partial = carnet_store::files::partial_path(path);
        // Readable by its owner only from the start: it holds customers.
        carnet_store::files::create_private(&partial)
            .map_err(|e| AppError::from_store(e, Some(&partial)))?;
        let to_file =
            |write: &dyn Fn(&mut std::io::BufWriter<std::fs::File>) -> Result<usize, AppError>| {
                let f = std::fs::File::create(&partial).map_err(|e| AppError::file(&partial, e))?;
                let mut out = std::io::BufWriter::new(f);
                let customers = write(&mut out)?;
                std::io::Write::flush(&mut out).map_err(|e| AppError::file(&partial, e))?;
                Ok(customers)
            };
        let written = match req.format {
            ExportFormat::Xlsx => self.write_xlsx(req, lang, &partial),
            ExportFormat::Csv => to_file(&|out| self.write_csv(req, lang, out)),
            ExportFormat::Json => to_file(&|out| {
                let export = self.json_export(req)?;
                carnet_io::json_export::write(&export, out)?;
                Ok(export.customers.len())
            }),
        };
        let customers = match written {
            Ok(customers) => customers,
            Err(e) => {
                let _ = std::fs::remove_file(&partial);
                return Err(e.naming_file(path, &partial));
            }
        };
        // Flushed to disk, file and folder, before it is reported done.
        if let Err(e) = carnet_store::files::commit_file(&partial, path) {
            let _ = std::fs::remove_file(&partial);
            return Err(AppError::from_store(e, Some(path)));
        }
        // Not the path: the consultant names the file, often after the customer.
        tracing::info!(format = ?req.format, customers, "exported");
        Ok(ExportResult {
            path: path.display().to_string(),
            customers: u32::try_from(customers).unwrap_or(u32::MAX),
        })
    }
}
