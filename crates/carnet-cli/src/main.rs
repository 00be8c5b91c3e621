//! `carnet`: the book from the command line, for scripts, managers and benchmarks.

mod args;
mod bench;
mod files;
mod messages;
mod output;
mod passphrase;
mod run;

use std::process::ExitCode;

use clap::Parser;

use args::Cli;
use messages::Lang;
use run::run;

/// Rust's allocations go to mimalloc: an import or export of a big book makes and frees
/// millions of small values on two threads, which glibc's allocator spent a quarter of an
/// import on (SQLite keeps the system allocator).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
