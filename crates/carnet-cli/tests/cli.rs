//! The `carnet` binary, run as a script or a manager would run it.

use std::path::Path;
use std::process::Output;

#[path = "cli/book.rs"]
mod book;
mod common;
#[path = "cli/demo.rs"]
mod demo;
#[path = "cli/follow_up.rs"]
mod follow_up;
#[path = "cli/profiles.rs"]
mod profiles;
#[path = "cli/search.rs"]
mod search;

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
