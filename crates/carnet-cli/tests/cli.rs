//! The `carnet` binary, run as a script or a manager would run it.

use std::path::Path;
use std::process::Output;

#[path = "cli/book.rs"]
mod book;
#[path = "cli/catalogue.rs"]
mod catalogue;
mod common;
#[path = "cli/customize.rs"]
mod customize;
#[path = "cli/demo.rs"]
mod demo;
#[path = "cli/fit.rs"]
mod fit;
#[path = "cli/follow_up.rs"]
mod follow_up;
#[path = "cli/privacy.rs"]
mod privacy;
#[path = "cli/profiles.rs"]
mod profiles;
#[path = "cli/quote.rs"]
mod quote;
#[path = "cli/reports.rs"]
mod reports;
#[path = "cli/search.rs"]
mod search;
#[path = "cli/templates.rs"]
mod templates;

fn carnet(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = common::carnet_cmd(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run carnet")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

fn db_arg(path: &Path) -> String {
    path.to_str().expect("utf-8 path").to_owned()
}

/// `carnet --db BOOK …` in Chinese, on one book: `run` gives the output, `ok` insists on
/// success and gives stdout trimmed.
struct Book {
    db: String,
}

impl Book {
    fn at(path: &Path) -> Book {
        Book { db: db_arg(path) }
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut all = vec!["--db", self.db.as_str()];
        all.extend_from_slice(args);
        carnet(&all, &[("LANG", "zh_CN.UTF-8")])
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out).trim().to_owned()
    }
}
