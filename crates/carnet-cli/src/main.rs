//! `carnet`: the book from the command line, for scripts, managers and benchmarks.

mod bench;
mod messages;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use carnet_app::{App, AppError, CustomerDto, CustomerInput, ListOrder};
use clap::{Parser, Subcommand};

use messages::Lang;

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
    /// Find customers by name, pinyin or initials (张三: zhangsan, zs) or a phone fragment.
    Search {
        query: String,
        /// Print JSON (an array of customers, best match first) instead of text.
        #[arg(long)]
        json: bool,
        /// At most this many customers.
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Fill an empty book with a realistic, reproducible demo population.
    Demo {
        /// How many customers.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        customers: u32,
        /// The same seed gives the same book.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Time searches of each query class and list paging on this book, and print the figures.
    Bench {
        /// Print JSON instead of a table.
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
    let app = App::open(&path)?;
    let mut out = std::io::stdout().lock();
    match cli.command {
        Command::Add {
            name,
            phone,
            allow_duplicate,
        } => {
            let customer = app.add_customer(CustomerInput {
                name,
                phone,
                allow_duplicate,
            })?;
            emit(&mut out, &customer.id)
        }
        Command::Search { query, json, limit } => {
            let customers = app
                .search_customers(&query, ListOrder::Newest, limit)?
                .customers;
            print_customers(&mut out, &customers, json, || {
                messages::no_match(lang, &query)
            })
        }
        Command::Demo { customers, seed } => {
            let added = app.fill_demo(customers as usize, seed)?;
            eprintln!("{}", messages::demo_added(lang, added));
            Ok(())
        }
        Command::Bench { json } => {
            let report = bench::run(&app)?;
            let text = if json {
                serde_json::to_string_pretty(&report).map_err(|e| messages::output_error(&e))?
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
        let text =
            serde_json::to_string_pretty(customers).map_err(|e| messages::output_error(&e))?;
        emit(out, &text)
    } else if customers.is_empty() {
        eprintln!("{}", empty());
        Ok(())
    } else {
        customers.iter().try_for_each(|c| emit(out, &text_row(c)))
    }
}

/// One customer per line, tab-separated: id, name, phone (empty when unknown).
fn text_row(c: &CustomerDto) -> String {
    format!(
        "{}\t{}\t{}",
        c.id,
        c.name,
        c.phone_display.as_deref().unwrap_or("")
    )
}

fn emit(out: &mut impl Write, line: &str) -> Result<(), AppError> {
    writeln!(out, "{line}").map_err(|e| messages::output_error(&e))
}
