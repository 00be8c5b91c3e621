//! The manager's team view: a team book built from the consultants' exports (JSON, or xlsx
//! where that is all there is), each customer tagged with their consultant, read per
//! consultant and in total. A team book is a file of its own, never a consultant's book, and
//! read only: it is built from the exports, which stay as they were.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use carnet_core::differentiate::compliance::{self, Closed, Tally};
use carnet_core::differentiate::funnel::{self, Step};
use carnet_core::phone::Phone;
use carnet_store::Passphrase;

use crate::import::{Destination, Read};
use crate::reports::period;
use crate::{
    App, AppError, ConsultantFigures, ConsultantReport, DuplicatePolicy, ErrorKind, Holder,
    ImportRequest, Period, ReportKind, SharedCustomer, TeamBook, TeamFile, TeamOverview, TeamPart,
};

/// The setting that makes a book a team book (defined by the store, which reads it too).
const TEAM_SETTING: &str = carnet_store::TEAM_BOOK_SETTING;

/// The exports among `sources`: files as given, and the `.json`, `.xlsx` files of folders (a
/// JSON export is read rather than an xlsx export of the same name), in name order.
fn team_files(sources: &[String]) -> Result<Vec<PathBuf>, AppError> {
    let mut files = Vec::new();
    for source in sources {
        let path = Path::new(source);
        if path.is_dir() {
            let mut found: BTreeMap<String, PathBuf> = BTreeMap::new();
            let entries = std::fs::read_dir(path).map_err(|e| AppError::file(path, e))?;
            for entry in entries {
                let file = entry.map_err(|e| AppError::file(path, e))?.path();
                let ext = file
                    .extension()
                    .map(|e| e.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                let stem = file
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                match ext.as_str() {
                    "json" => {
                        found.insert(stem, file);
                    }
                    "xlsx" => {
                        found.entry(stem).or_insert(file);
                    }
                    _ => {}
                }
            }
            files.extend(found.into_values());
        } else {
            files.push(path.to_owned());
        }
    }
    if files.is_empty() {
        return Err(AppError::new(
            ErrorKind::EmptyFile,
            "no Carnet export (.json or .xlsx) was given",
        ));
    }
    Ok(files)
}

/// A file's error, naming the file among the exports when what it says of it does not
/// (a file Carnet cannot read says why, not which).
fn naming(path: &Path, mut e: AppError) -> AppError {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let ErrorKind::BadFile { detail, .. } = e.kind.as_mut() {
        *detail = format!("{name}: {detail}");
        e.message = format!("{name}: {}", e.message);
    }
    e
}

/// Whose export a file is: the consultant a Carnet export names, else the file's name.
fn consultant_of(path: &Path, read: &Read) -> String {
    read.consultant().unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().trim().to_owned())
            .unwrap_or_default()
    })
}

/// The team book beside the book at `own`, converted from the book's passphrase `old` to
/// `new` (backed up first, whole or not at all): its path when there is one (a plain one,
/// from before the book had a passphrase, is read as it is). Refused, with nothing changed,
/// when it cannot be: another connection has it open, say.
pub(crate) fn follow_team_book(
    own: &Path,
    old: Option<&Passphrase>,
    new: Option<&Passphrase>,
) -> Result<Option<PathBuf>, AppError> {
    let path = crate::team_book_path(own);
    let old = match crate::book_file_kind(&path)? {
        carnet_store::FileKind::Missing => return Ok(None),
        carnet_store::FileKind::Plain => None,
        _ => old,
    };
    rekey_team_book(&path, old, new)?;
    Ok(Some(path))
}

/// The team book at `path` converted from `old` to `new`.
pub(crate) fn rekey_team_book(
    path: &Path,
    old: Option<&Passphrase>,
    new: Option<&Passphrase>,
) -> Result<(), AppError> {
    let team = App::open_keyed(path, old)?;
    team.store()
        .change_passphrase(new)
        .map_err(|e| AppError::from_store(e, Some(path)))?;
    Ok(())
}

impl App {
    /// The team book a desktop builds beside this book ([`crate::team_book_path`]), under this
    /// book's passphrase: created when there is none and `create` is set, else `None`. One
    /// made while this book had no passphrase is encrypted with it first (backed up as it
    /// was, then converted whole), so an encrypted book never has its team's customers in the
    /// clear beside it.
    pub fn open_team_book(&self, create: bool) -> Result<Option<App>, AppError> {
        let (own, key) = {
            let store = self.store();
            let own = store
                .path()
                .map(Path::to_owned)
                .ok_or_else(|| AppError::internal("a book in memory has no team book"))?;
            (own, store.key().cloned())
        };
        let path = crate::team_book_path(&own);
        if !create && !path.exists() {
            return Ok(None);
        }
        let plain = crate::book_file_kind(&path)? == carnet_store::FileKind::Plain;
        if plain && let Some(key) = key.as_ref() {
            let team = App::open(&path)?;
            team.store()
                .change_passphrase(Some(key))
                .map_err(|e| AppError::from_store(e, Some(&path)))?;
            tracing::info!("the team book was encrypted with the book's passphrase");
            return Ok(Some(team));
        }
        App::open_keyed(&path, key.as_ref()).map(Some)
    }

    /// Whether this book is a team book.
    pub fn is_team_book(&self) -> Result<bool, AppError> {
        Ok(self.store().setting(TEAM_SETTING)?.as_deref() == Some("1"))
    }

    /// Refuses a change to a team book.
    pub(crate) fn own_book_only(&self) -> Result<(), AppError> {
        if self.is_team_book()? {
            return Err(AppError::new(
                ErrorKind::TeamBookReadOnly,
                "a team book is read only",
            ));
        }
        Ok(())
    }

    /// Builds this (new) book as a team book from the consultants' exports (files, or folders
    /// of them), or brings a team book up to date: each file's consultant's part is replaced
    /// by what the file holds; the other consultants' parts stay. A consultant's own book is
    /// refused.
    pub fn open_team(&self, sources: &[String]) -> Result<TeamBook, AppError> {
        let files = team_files(sources)?;
        {
            let store = self.store();
            if store.setting(TEAM_SETTING)?.as_deref() != Some("1") {
                let count = store.count_customers()?;
                if count > 0 {
                    return Err(AppError::new(
                        ErrorKind::OwnBookNotTeam { count },
                        format!("this book holds {count} customers of its own"),
                    ));
                }
                store.use_team_pages()?;
                store.write(|w| w.set_setting(TEAM_SETTING, "1"))?;
            }
        }
        // The scattered indexes are set aside while the exports are read, and made again
        // at the end, whether every export was read or not. The exports' commits do not
        // wait for the disk (their files are there to be read again); the last commit, which
        // makes the indexes again, does, and puts them all on disk.
        self.store().write(|w| w.set_aside_team_indexes())?;
        self.store().wait_for_disk_at_commit(false)?;
        let read = self.read_exports(files);
        let waits = self.store().wait_for_disk_at_commit(true);
        self.store().write(|w| w.restore_team_indexes())?;
        waits?;
        self.team_book(read?)
    }

    /// Reads each export into the team book, in place of its consultant's part. The next
    /// export is read from its file (parsed) on a thread of its own while this one is
    /// written, then waits for its turn: one export at most is held read ahead (the channel
    /// holds none; a second one held ahead took 30 to 50 MB more with exports of 5,000
    /// customers and 52,000 interactions each).
    fn read_exports(&self, files: Vec<PathBuf>) -> Result<Vec<TeamFile>, AppError> {
        let saved = self.saved_mapping()?;
        let (today, lang) = (self.now().date(), self.export_lang()?);
        let request_for = |path: &Path| ImportRequest {
            path: path.to_string_lossy().into_owned(),
            columns: None,
            header_row: None,
            policy: DuplicatePolicy::Create,
            save_mapping: false,
        };
        std::thread::scope(|scope| {
            let (send, receive) = std::sync::mpsc::sync_channel(0);
            scope.spawn(|| {
                let send = send;
                for path in &files {
                    // Read and checked here, while the export before it is written.
                    let file = crate::import::read(path, &request_for(path), &saved)
                        .map(|mut read| {
                            read.check_ahead(today, lang);
                            read
                        })
                        .map_err(|e| naming(path, e));
                    let failed = file.is_err();
                    // Nobody receiving: an earlier export failed to be written.
                    if send.send((path, file)).is_err() || failed {
                        return;
                    }
                }
            });
            let mut read = Vec::new();
            for (path, file) in receive {
                read.push(self.read_export(path, request_for(path), file?)?);
            }
            Ok(read)
        })
    }

    /// Writes one export, read, into the team book in place of its consultant's part.
    fn read_export(
        &self,
        path: &Path,
        request: ImportRequest,
        file: Read,
    ) -> Result<TeamFile, AppError> {
        let consultant = consultant_of(path, &file);
        self.store().write(|w| w.drop_consultant(&consultant))?;
        let into = Destination::Team {
            consultant: &consultant,
        };
        let result = self.import_into(&request, Some(file), &mut |_| {}, into)?;
        tracing::info!(file = %request.path, %consultant, customers = result.created, "read into the team book");
        Ok(TeamFile {
            path: request.path,
            consultant,
            customers: u64::from(result.created),
        })
    }

    /// What this team book holds.
    pub fn team_book(&self, read: Vec<TeamFile>) -> Result<TeamBook, AppError> {
        let store = self.store();
        let parts = store
            .consultants()?
            .into_iter()
            .map(|(consultant, customers)| TeamPart {
                consultant,
                customers,
            })
            .collect();
        drop(store);
        Ok(TeamBook {
            parts,
            shared: self.shared_customers()?.len() as u64,
            read,
        })
    }

    /// The consultants side by side over a period (this month when both days are empty),
    /// then the team.
    pub fn team_overview(&self, from: &str, to: &str) -> Result<TeamOverview, AppError> {
        let today = self.now().date();
        let p = period(from, to, today)?;
        let store = self.store();
        // One read of the book and of the period's prompts, grouped by consultant here.
        let everyone = store.book_rows(None, None)?;
        let logged = store.logged_prompts(p.0, p.1.min(today), None, true)?;
        // Each consultant's customers, gathered in one pass (not one pass over the whole
        // book per consultant).
        let mut by_consultant: BTreeMap<&str, Vec<&carnet_store::BookRow>> = BTreeMap::new();
        for r in &everyone {
            if let Some(c) = &r.consultant {
                by_consultant.entry(c.as_str()).or_default().push(r);
            }
        }
        let mut names: Vec<Option<String>> = store
            .consultants()?
            .into_iter()
            .map(|(c, _)| Some(c))
            .collect();
        names.push(None);
        let mut rows = Vec::new();
        for name in names {
            let ours = |c: &Option<String>| name.is_none() || *c == name;
            let theirs: Vec<&carnet_store::BookRow> = match &name {
                Some(n) => by_consultant.remove(n.as_str()).unwrap_or_default(),
                None => everyone.iter().collect(),
            };
            // The period's leads: their customers added in it (what `book_rows` reads for a
            // period, without reading the book again).
            let leads: Vec<&carnet_store::BookRow> = theirs
                .iter()
                .copied()
                .filter(|r| r.created >= p.0 && r.created <= p.1)
                .collect();
            let reached = |step| {
                leads
                    .iter()
                    .filter(|r| funnel::reached(step, &r.standing, r.profiled, p.1))
                    .count() as u64
            };
            let orders = reached(Step::Order);
            let mut tally = Tally::default();
            for l in logged.iter().filter(|l| ours(&l.consultant)) {
                let closed = l.how.as_deref().and_then(Closed::from_code);
                tally.add(compliance::status(l.due, l.made_on, closed), l.count);
            }
            let answers: Vec<u8> = theirs
                .iter()
                .filter_map(|r| r.standing.satisfaction)
                .collect();
            rows.push(ConsultantFigures {
                consultant: name.clone(),
                customers: theirs.len() as u64,
                leads: leads.len() as u64,
                shows: reached(Step::Shown),
                test_drives: reached(Step::TestDrive),
                orders,
                close_rate: funnel::rate(orders, leads.len() as u64),
                made_percent: tally.made_percent(),
                satisfaction: (!answers.is_empty()).then(|| {
                    let sum: u64 = answers.iter().map(|s| u64::from(*s)).sum();
                    (sum as f64 * 10.0 / answers.len() as f64).round() / 10.0
                }),
            });
        }
        Ok(TeamOverview {
            period: Period {
                from: p.0.to_string(),
                to: p.1.to_string(),
            },
            rows,
        })
    }

    /// A report per consultant, then the team's.
    pub fn team_reports(
        &self,
        kind: ReportKind,
        from: &str,
        to: &str,
    ) -> Result<Vec<ConsultantReport>, AppError> {
        let names = self.store().consultants()?;
        let mut out = Vec::new();
        for (name, _) in names {
            out.push(ConsultantReport {
                report: self.report_of(kind, from, to, Some(&name))?,
                consultant: Some(name),
            });
        }
        out.push(ConsultantReport {
            consultant: None,
            report: self.report(kind, from, to)?,
        });
        Ok(out)
    }

    /// The customers two or more consultants hold (the same phone).
    pub fn shared_customers(&self) -> Result<Vec<SharedCustomer>, AppError> {
        let mut out: Vec<SharedCustomer> = Vec::new();
        for row in self.store().shared_customers()? {
            let holder = Holder {
                consultant: row.consultant,
                customer_id: row.customer_id,
                name: row.name,
            };
            let phone = Phone::from_stored(row.phone).display();
            match out.last_mut() {
                Some(last) if last.phone == phone => last.holders.push(holder),
                _ => out.push(SharedCustomer {
                    phone,
                    holders: vec![holder],
                }),
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests;
