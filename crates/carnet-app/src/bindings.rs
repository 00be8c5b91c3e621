//! TypeScript declarations for everything the UI sees, generated from the Rust types.
//!
//! The generated file is committed at `ui/src/lib/bindings.ts`. A test fails when it is stale;
//! `make bindings` rewrites it.

use ts_rs::{Config, TS};

use crate::{
    AppError, CustomerDto, CustomerInput, CustomerList, ErrorCode, Language, ListOrder, Settings,
};

/// Where the committed bindings live, relative to the workspace root.
pub const BINDINGS_PATH: &str = "ui/src/lib/bindings.ts";

/// The whole bindings file, as it should be committed.
pub fn typescript() -> String {
    // IPC sends plain JSON numbers.
    let cfg = Config::new().with_large_int("number");
    let decls = [
        ErrorCode::decl(&cfg),
        AppError::decl(&cfg),
        CustomerDto::decl(&cfg),
        CustomerList::decl(&cfg),
        ListOrder::decl(&cfg),
        CustomerInput::decl(&cfg),
        Language::decl(&cfg),
        Settings::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from Rust by carnet-app (src/bindings.rs). Do not edit: run `make bindings`.\n",
    );
    for decl in decls {
        out.push('\n');
        out.push_str("export ");
        out.push_str(&decl);
        out.push('\n');
    }
    out
}
