//! What the CLI tests share: the `carnet` binary with a clean environment.

use std::process::Command;

/// `carnet ARGS`, in English, on no book but the one the arguments name.
pub fn carnet_cmd(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_carnet"));
    cmd.args(args)
        .env_remove("CARNET_DB")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C");
    cmd
}
