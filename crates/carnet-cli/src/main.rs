//! `carnet`: the book from the command line, for scripts, managers and benchmarks.

mod bench;
mod messages;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use carnet_app::{App, AppError, CustomerDto, ErrorKind, ListOrder, quick_input};
use carnet_app::{
    DeliveryInput, DuplicatePolicy, ExportFormat, ExportRequest, ImportPhase, ImportRequest,
    OrderInput,
};
use carnet_core::profile::{Invalid, Problem};
use carnet_core::{DueAt, FamilyDraft, InteractionDraft, Level};
use clap::{Parser, Subcommand};

use messages::Lang;

/// Rust's allocations go to mimalloc: an import or export of a big book makes and frees
/// millions of small values on two threads, which glibc's allocator spent a quarter of an
/// import on (SQLite keeps the system allocator).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "carnet",
    version,
    about = "Carnet (客户本): a sales consultant's customer book"
)]
struct Cli {
    /// The book to use. Default: $CARNET_DB, else the desktop app's book in the OS data folder.
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Add a customer and print the new customer's id.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        phone: Option<String>,
        /// Add even if a customer with this phone (or this name and the same last four
        /// digits) is already in the book.
        #[arg(long)]
        allow_duplicate: bool,
    },
    /// Find customers by name, pinyin or initials (张三: zhangsan, zs), a phone fragment, a
    /// model, tag or note words; narrow with filters: level:H,A model:汉 budget:15-20万
    /// tag:VIP source:referral (or 级别: 车型: 预算: 标签: 来源:).
    Search {
        query: String,
        /// Print JSON (an array of customers, best match first) instead of text.
        #[arg(long)]
        json: bool,
        /// At most this many customers.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Skip this many first.
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// Show one customer's whole profile, family and key-fact history.
    Show {
        id: String,
        /// Print JSON (profile fields at the top level, as `edit --set` names them).
        #[arg(long)]
        json: bool,
    },
    /// Change profile fields: --set FIELD=VALUE, FIELD as in `show --json`; list fields
    /// (phones, tags, models, purposes, priorities) take comma-separated values that replace
    /// the list; models are model/trim/colour. Values are read as the app reads them.
    Edit {
        id: String,
        #[arg(long = "set", value_name = "FIELD=VALUE", required = true)]
        sets: Vec<String>,
        /// Save even if the new phone makes this customer look like another.
        #[arg(long)]
        allow_duplicate: bool,
    },
    /// A customer's family members.
    Family {
        #[command(subcommand)]
        command: FamilyCommand,
    },
    /// Move a customer to the trash (restorable until the trash is emptied).
    Trash { id: String },
    /// Take a customer out of the trash (ID), or replace the whole book with a backup
    /// (FILE): the book being replaced is backed up first.
    Restore {
        #[arg(value_name = "ID|FILE")]
        target: String,
        /// With a backup FILE: only say what it holds.
        #[arg(long)]
        preview: bool,
    },
    /// Import customers from xlsx/xls/ods, CSV (any encoding and delimiter), vCards or a
    /// Carnet JSON export. Prints what it would do (--dry-run) or did: counts, and every
    /// invalid row with its row, column, value and reason. Exits non-zero when nothing could
    /// be imported.
    Import {
        #[arg(value_name = "FILE", required_unless_present = "undo")]
        file: Option<PathBuf>,
        /// Check every row and print the counts; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// A row that may be a customer already in the book: skip it, fill that customer's
        /// empty fields (update), or add it anyway (create).
        #[arg(long, value_name = "skip|update|create", default_value = "skip")]
        on_duplicate: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Undo the import with this id (as printed when it was made, or by `imports`).
        #[arg(long, value_name = "IMPORT_ID", conflicts_with_all = ["file", "dry_run"])]
        undo: Option<String>,
    },
    /// List the imports made into this book, newest first.
    Imports {
        #[arg(long)]
        json: bool,
    },
    /// Export the book (or what --filter shows, or one --customer) for a manager or a
    /// colleague: xlsx (four sheets), CSV (customers; UTF-8 with BOM) or JSON (everything,
    /// for handover).
    Export {
        #[arg(long, value_name = "xlsx|csv|json")]
        format: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The same words and key:value filters as search.
        #[arg(long, default_value = "")]
        filter: String,
        /// Only this customer.
        #[arg(long, value_name = "ID")]
        customer: Option<String>,
        /// Shorten phones (138****5678) and leave out address, WeChat id and notes.
        #[arg(long)]
        mask: bool,
    },
    /// Write a whole copy of the book to FILE (a USB stick).
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Erase everyone in the trash for good: from the book and from every automatic backup.
    EmptyTrash,
    /// Erase these customers for good (a deletion request), in the trash or not: from the book
    /// and from every automatic backup. Copies made with `carnet backup --out` are not changed.
    Erase {
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Merge LOSER into SURVIVOR; everything linked to LOSER moves to SURVIVOR. Where both
    /// hold different values SURVIVOR's are kept, except the fields named with --take.
    Merge {
        survivor: String,
        loser: String,
        /// A field to take from LOSER (repeatable).
        #[arg(long = "take", value_name = "FIELD")]
        take: Vec<String>,
    },
    /// Fill an empty book with a realistic, reproducible demo population.
    Demo {
        /// How many customers.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        customers: u32,
        /// The same seed gives the same book.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// About this many interactions in all (visits, calls, test drives, orders,
        /// deliveries, complaints), dated in the last 150 days.
        #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=20_000_000))]
        interactions: u32,
    },
    /// Log an interaction: --kind call --outcome reached [--at "YYYY-MM-DD HH:MM"] (a contact
    /// that happened earlier) [--satisfaction 1-5] [--next "YYYY-MM-DD[ HH:MM]"] [--note TEXT].
    Log {
        id: String,
        #[arg(long)]
        kind: String,
        #[arg(long, default_value = "")]
        outcome: String,
        #[arg(long, default_value = "")]
        at: String,
        #[arg(long, default_value = "")]
        satisfaction: String,
        #[arg(long, default_value = "")]
        next: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long, default_value = "")]
        promise: String,
    },
    /// Set a customer's level (N H A B C O D F); F needs --reason and gets a revisit date.
    Level {
        id: String,
        level: String,
        #[arg(long, default_value = "")]
        reason: String,
        #[arg(long, default_value = "")]
        revisit: String,
    },
    /// Record an order (the customer moves to O).
    Order {
        id: String,
        #[arg(long)]
        model: String,
        /// 158000 or 15.8万.
        #[arg(long)]
        price: String,
        #[arg(long, default_value = "")]
        at: String,
        #[arg(long, default_value = "")]
        expected_delivery: String,
    },
    /// Record a delivery (the customer moves to D; the after-sale schedule starts).
    Deliver {
        id: String,
        #[arg(long, default_value = "")]
        at: String,
        #[arg(long, default_value = "")]
        vin: String,
        #[arg(long, default_value = "")]
        plate: String,
    },
    /// The prompts due on DATE (default today) and overdue, and in the N days after: one line
    /// per prompt, as Today shows them.
    Agenda {
        /// YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
        #[arg(long, default_value_t = 7)]
        days: u32,
        #[arg(long)]
        json: bool,
    },
    /// Time searches of each query class and list paging on this book, and print the figures.
    Bench {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Rows of the CSV imported into a new book.
        #[arg(long, default_value_t = 100_000)]
        import_rows: usize,
    },
    /// List the customers in the trash.
    TrashList {
        #[arg(long)]
        json: bool,
    },
    /// List the customers, newest first.
    List {
        /// Print JSON (an array of customers) instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum FamilyCommand {
    /// Add a family member to customer ID and print the member's id.
    Add {
        id: String,
        #[arg(long, default_value = "")]
        name: String,
        /// wife, husband, son, daughter, father, mother, brother, sister, other (or 妻子 …).
        #[arg(long)]
        relation: String,
        /// YYYY-MM-DD, or MM-DD when the year is unknown.
        #[arg(long)]
        birthday: Option<String>,
        /// The birthday is in the lunar calendar (农历).
        #[arg(long)]
        lunar: bool,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        notes: Option<String>,
    },
}

fn main() -> ExitCode {
    carnet_app::logging::init("warn");
    let cli = Cli::parse();
    let lang = Lang::from_env();
    match run(cli, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{}", messages::render(&err, lang));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli, lang: Lang) -> Result<(), AppError> {
    let path = match cli.db {
        Some(path) => path,
        None => carnet_app::default_book_path()?,
    };
    if let Command::Restore { target, preview } = &cli.command
        && std::path::Path::new(target).is_file()
    {
        return restore_book(&path, std::path::Path::new(target), *preview, lang);
    }
    let app = App::open(&path)?;
    let mut out = std::io::stdout().lock();
    match cli.command {
        Command::Add {
            name,
            phone,
            allow_duplicate,
        } => {
            let mut input = quick_input(&name, phone.as_deref());
            input.allow_duplicate = allow_duplicate;
            let customer = app.add_customer(input)?;
            emit(&mut out, &customer.id)
        }
        Command::Search {
            query,
            json,
            limit,
            offset,
        } => {
            let customers = app
                .search_customers(&query, ListOrder::Newest, offset, limit)?
                .customers;
            print_customers(&mut out, &customers, json, || {
                messages::no_match(lang, &query)
            })
        }
        Command::Show { id, json } => {
            let customer = app.get_customer(&id)?;
            let text = if json {
                to_json(&customer)?
            } else {
                messages::profile_text(&customer, lang)
            };
            emit(&mut out, &text)
        }
        Command::Edit {
            id,
            sets,
            allow_duplicate,
        } => {
            let pairs = sets
                .iter()
                .map(|s| {
                    s.split_once('=')
                        .map(|(f, v)| (f.trim().to_owned(), v.to_owned()))
                        .ok_or_else(|| {
                            AppError::new(
                                ErrorKind::UnknownField { value: s.clone() },
                                format!("--set takes FIELD=VALUE, not {s:?}"),
                            )
                            .with_field("field")
                        })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let customer = app.edit_customer(&id, &pairs, allow_duplicate)?;
            emit(&mut out, &customer.id)
        }
        Command::Family {
            command:
                FamilyCommand::Add {
                    id,
                    name,
                    relation,
                    birthday,
                    lunar,
                    phone,
                    notes,
                },
        } => {
            let member = app.add_family_member(
                &id,
                FamilyDraft {
                    name,
                    relation,
                    birthday: birthday.unwrap_or_default(),
                    birthday_lunar: lunar,
                    phone: phone.unwrap_or_default(),
                    notes: notes.unwrap_or_default(),
                },
            )?;
            emit(&mut out, &member.id)
        }
        Command::Log {
            id,
            kind,
            outcome,
            at,
            satisfaction,
            next,
            note,
            promise,
        } => {
            let draft = InteractionDraft {
                kind,
                at,
                outcome,
                satisfaction,
                promise,
                notes: note,
                next,
            };
            emit(&mut out, &app.log_interaction(&id, draft)?.id)
        }
        Command::Level {
            id,
            level,
            reason,
            revisit,
        } => {
            let parsed = Level::parse(&level).ok_or_else(|| {
                AppError::from(Invalid::new(
                    "level",
                    Problem::InvalidChoice {
                        value: level.clone(),
                        allowed: Level::codes(),
                    },
                ))
            })?;
            app.set_level(&id, parsed, &reason, &revisit)
        }
        Command::Order {
            id,
            model,
            price,
            at,
            expected_delivery,
        } => {
            let input = OrderInput {
                model,
                price,
                at,
                expected_delivery,
            };
            emit(&mut out, &app.record_order(&id, input)?.id)
        }
        Command::Deliver { id, at, vin, plate } => emit(
            &mut out,
            &app.record_delivery(&id, DeliveryInput { at, vin, plate })?
                .id,
        ),
        Command::Agenda { date, days, json } => {
            let date = date
                .map(|d| {
                    DueAt::parse(&d)
                        .filter(|p| p.time.is_none())
                        .map(|p| p.date)
                        .ok_or_else(|| {
                            AppError::from(Invalid::new(
                                "date",
                                Problem::InvalidDate { value: d.clone() },
                            ))
                        })
                })
                .transpose()?;
            let agenda = app.agenda(date, days)?;
            let entries = messages::agenda_entries(&agenda, lang);
            if json {
                emit(&mut out, &to_json(&entries)?)
            } else if entries.is_empty() {
                eprintln!("{}", messages::nothing_due(lang));
                Ok(())
            } else {
                entries.iter().try_for_each(|e| {
                    let line = format!(
                        "{}\t{}\t{}\t{}\t{}\t{}",
                        e.due, e.customer_id, e.name, e.kind, e.priority, e.reason
                    );
                    emit(&mut out, &line)
                })
            }
        }
        Command::Trash { id } => app.trash_customer(&id),
        Command::Restore { target, .. } => app.restore_customer(&target).map(drop),
        Command::Import {
            file,
            dry_run,
            on_duplicate,
            json,
            undo,
        } => {
            if let Some(id) = undo {
                let done = app.undo_import(&id)?;
                return if json {
                    emit(&mut out, &to_json(&done)?)
                } else {
                    emit(&mut out, &messages::import_undone(lang, &done))
                };
            }
            let policy = DuplicatePolicy::parse(&on_duplicate).ok_or_else(|| {
                AppError::from(Invalid::new(
                    "on_duplicate",
                    Problem::InvalidChoice {
                        value: on_duplicate.clone(),
                        allowed: vec!["skip", "update", "create"],
                    },
                ))
            })?;
            let file = file.unwrap_or_default();
            import(&app, &mut out, &file, policy, dry_run, json, lang)
        }
        Command::Imports { json } => {
            let imports = app.imports()?;
            if json {
                emit(&mut out, &to_json(&imports)?)
            } else {
                imports
                    .iter()
                    .try_for_each(|i| emit(&mut out, &messages::import_line(lang, i)))
            }
        }
        Command::Export {
            format,
            out: file,
            filter,
            customer,
            mask,
        } => {
            let format = ExportFormat::parse(&format).ok_or_else(|| {
                AppError::from(Invalid::new(
                    "format",
                    Problem::InvalidChoice {
                        value: format.clone(),
                        allowed: vec!["xlsx", "csv", "json"],
                    },
                ))
            })?;
            let done = app.export(&ExportRequest {
                path: file.display().to_string(),
                format,
                filter,
                customer_id: customer,
                mask,
            })?;
            eprintln!("{}", messages::exported(lang, &done));
            Ok(())
        }
        Command::Backup { out: file } => {
            let copy = app.backup_to(&file)?;
            eprintln!("{}", messages::backed_up(lang, &copy));
            Ok(())
        }
        Command::EmptyTrash => {
            let done = app.empty_trash(&mut |p| {
                eprint!("{}", messages::erase_progress(lang, p));
            })?;
            eprintln!("{}", messages::erased(lang, &done));
            Ok(())
        }
        Command::Erase { ids } => {
            for id in &ids {
                app.get_customer(id)?;
            }
            let done = app.erase_customers(&ids, &mut |p| {
                eprint!("{}", messages::erase_progress(lang, p));
            })?;
            eprintln!("{}", messages::erased(lang, &done));
            Ok(())
        }
        Command::TrashList { json } => {
            let customers = app.trash()?;
            print_customers(&mut out, &customers, json, || {
                messages::trash_empty(lang).to_owned()
            })
        }
        Command::Merge {
            survivor,
            loser,
            take,
        } => {
            let merged = app.merge_customers(&survivor, &loser, &take)?;
            emit(&mut out, &merged.id)
        }
        Command::Demo {
            customers,
            seed,
            interactions,
        } => {
            let added = app.fill_demo(customers as usize, seed, interactions as usize)?;
            eprintln!("{}", messages::demo_added(lang, added));
            Ok(())
        }
        Command::Bench { json, import_rows } => {
            let report = bench::run(&app, import_rows)?;
            let text = if json {
                to_json(&report)?
            } else {
                bench::render(&report)
            };
            emit(&mut out, &text)
        }
        Command::List { json } => {
            let customers = app.list_customers()?;
            print_customers(&mut out, &customers, json, || {
                messages::empty_book(lang).to_owned()
            })
        }
    }
}

/// JSON, or one line per customer; `empty` is said on stderr when there is no one to print.
fn print_customers(
    out: &mut impl Write,
    customers: &[CustomerDto],
    json: bool,
    empty: impl FnOnce() -> String,
) -> Result<(), AppError> {
    if json {
        emit(out, &to_json(customers)?)
    } else if customers.is_empty() {
        eprintln!("{}", empty());
        Ok(())
    } else {
        customers.iter().try_for_each(|c| emit(out, &text_row(c)))
    }
}

/// `carnet import FILE`: the dry run, or the import with progress on stderr.
fn import(
    app: &App,
    out: &mut impl Write,
    file: &std::path::Path,
    policy: DuplicatePolicy,
    dry_run: bool,
    json: bool,
    lang: Lang,
) -> Result<(), AppError> {
    let req = ImportRequest {
        path: file.display().to_string(),
        policy,
        ..ImportRequest::default()
    };
    let started = std::time::Instant::now();
    let preview = app.preview_import(&req)?;
    let checked = started.elapsed();
    if json && dry_run {
        emit(out, &to_json(&preview)?)?;
    } else if !json {
        for line in messages::import_preview(lang, &preview) {
            emit(out, &line)?;
        }
    }
    let nothing = || {
        AppError::new(
            ErrorKind::NothingToImport {
                refused: preview.refused,
                duplicate: preview.duplicate,
            },
            "no row could be imported",
        )
    };
    if preview.new + preview.updated == 0 {
        return Err(nothing());
    }
    if dry_run {
        return Ok(());
    }
    let mut shown = 0;
    let done = app.import_file(&req, &mut |p| {
        // A line per tenth written, for people and for tests that stop it part way.
        if p.phase == ImportPhase::Writing && p.total > 0 {
            let tenth = p.done * 10 / p.total;
            if tenth > shown || p.done == 0 {
                shown = tenth;
                eprintln!("{}", messages::import_progress(lang, p.done, p.total));
            }
        }
    })?;
    // `carnet bench` runs an import as a process of its own and reads this line.
    if std::env::var_os(bench::REPORT_ENV).is_some() {
        // The import is written and the book usable; copying it from the log into the book
        // goes on on a thread of its own (the process waits for it as it ends).
        eprintln!(
            "{} dry_run_ms={:.0} write_ms={:.0} peak_rss_kb={}",
            bench::REPORT_PREFIX,
            checked.as_secs_f64() * 1000.0,
            (started.elapsed() - checked).as_secs_f64() * 1000.0,
            bench::peak_rss_kb().unwrap_or(0)
        );
    }
    if json {
        emit(out, &to_json(&done)?)
    } else {
        emit(out, &messages::import_done(lang, &done))
    }
}

/// `carnet restore FILE`: replaces the book with a backup (or only previews it). A book that
/// no longer opens is set aside and replaced.
fn restore_book(
    book: &std::path::Path,
    backup: &std::path::Path,
    preview: bool,
    lang: Lang,
) -> Result<(), AppError> {
    let summary = carnet_app::inspect_backup(backup)?;
    eprintln!("{}", messages::book_preview(lang, &summary));
    if preview {
        return Ok(());
    }
    match App::open_checked(book) {
        Ok(app) => {
            let done = app.restore(backup)?;
            eprintln!("{}", messages::restored(lang, &done));
            Ok(())
        }
        Err(err) if carnet_app::damaged_book(book, &err).is_some() => {
            carnet_app::replace_with_backup(book, backup)?;
            eprintln!("{}", messages::replaced_damaged(lang, book));
            Ok(())
        }
        Err(err) => Err(err),
    }
}

fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, AppError> {
    serde_json::to_string_pretty(value).map_err(|e| messages::output_error(&e))
}

/// One customer per line, tab-separated: id, name, phone, level, first model (empty when
/// unknown).
fn text_row(c: &CustomerDto) -> String {
    format!(
        "{}\t{}\t{}\t{}\t{}",
        c.id,
        c.name,
        c.phone_display.as_deref().unwrap_or(""),
        c.level.code(),
        c.model.as_deref().unwrap_or("")
    )
}

fn emit(out: &mut impl Write, line: &str) -> Result<(), AppError> {
    writeln!(out, "{line}").map_err(|e| messages::output_error(&e))
}
