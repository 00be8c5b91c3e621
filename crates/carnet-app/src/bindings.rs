//! TypeScript declarations for everything the UI sees, generated from the Rust types.
//!
//! The generated file is committed at `ui/src/lib/bindings.ts`. A test fails when it is stale;
//! `make bindings` rewrites it.

use ts_rs::{Config, TS};

use carnet_core::{
    Birthday, Budget, Calendar, CurrentCar, DecisionMaker, FamilyDraft, FamilyFacts, KeyFact,
    Level, ModelWish, Payment, Priority, Profile, ProfileDraft, Purpose, Reason, Relation, Source,
    Timeframe, Title,
};

use crate::{
    AppError, Consultant, CustomerDetail, CustomerDto, CustomerInput, CustomerList, ErrorCode,
    FamilyMemberDto, KeyFactChangeDto, Language, ListOrder, MergePreview, Settings,
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
        Title::decl(&cfg),
        Reason::decl(&cfg),
        Purpose::decl(&cfg),
        Timeframe::decl(&cfg),
        Level::decl(&cfg),
        DecisionMaker::decl(&cfg),
        Payment::decl(&cfg),
        Source::decl(&cfg),
        Priority::decl(&cfg),
        Relation::decl(&cfg),
        KeyFact::decl(&cfg),
        Budget::decl(&cfg),
        Calendar::decl(&cfg),
        Birthday::decl(&cfg),
        ModelWish::decl(&cfg),
        CurrentCar::decl(&cfg),
        Profile::decl(&cfg),
        ProfileDraft::decl(&cfg),
        FamilyFacts::decl(&cfg),
        FamilyDraft::decl(&cfg),
        FamilyMemberDto::decl(&cfg),
        KeyFactChangeDto::decl(&cfg),
        CustomerDetail::decl(&cfg),
        CustomerDto::decl(&cfg),
        CustomerList::decl(&cfg),
        ListOrder::decl(&cfg),
        CustomerInput::decl(&cfg),
        MergePreview::decl(&cfg),
        Language::decl(&cfg),
        Consultant::decl(&cfg),
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
