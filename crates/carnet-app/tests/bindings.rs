//! Fails when the committed TypeScript bindings differ from what the Rust types generate.
//! `CARNET_UPDATE_BINDINGS=1 cargo test -p carnet-app --test bindings` (or `make bindings`)
//! rewrites them.

use std::path::PathBuf;

#[test]
fn committed_bindings_match_the_rust_types() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(carnet_app::bindings::BINDINGS_PATH);
    let generated = carnet_app::bindings::typescript();
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
