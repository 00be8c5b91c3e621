//! Fails when the committed TypeScript bindings (the types, closed lists and limits) or the
//! generated command functions differ from what the Rust side generates.
//! `CARNET_UPDATE_BINDINGS=1 cargo test -p carnet-app --test bindings` (or `make bindings`)
//! rewrites them.

use std::path::PathBuf;

/// Compares (or, asked to, rewrites) one generated file.
fn check(relative: &str, generated: String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative);
    if std::env::var_os("CARNET_UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).expect("write bindings");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is stale: run `make bindings` and commit the result",
        path.display()
    );
}

#[test]
fn committed_bindings_match_the_rust_types() {
    check(
        carnet_app::bindings::BINDINGS_PATH,
        carnet_app::bindings::typescript(),
    );
}

#[test]
fn committed_commands_match_the_command_table() {
    check(
        carnet_app::commands::COMMANDS_PATH,
        carnet_app::commands::typescript(),
    );
}
