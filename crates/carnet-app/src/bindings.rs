//! TypeScript declarations for everything the UI sees, generated from the Rust types.
//!
//! The generated file is committed at `ui/src/lib/bindings.ts`. A test fails when it is stale;
//! `make bindings` rewrites it.

use ts_rs::{Config, TS};

use carnet_core::brief::TalkingPoint;
use carnet_core::followup::{AfterSaleKind, AfterSaleRule, Holiday, LevelRule, Rules};
use carnet_core::{
    Birthday, Budget, Calendar, CurrentCar, DecisionMaker, FIELDS, FamilyDraft, FamilyFacts,
    FieldKind, FieldSpec, InteractionDraft, InteractionKind, KeyFact, Level, MergeRule, ModelWish,
    Outcome, Payment, Priority, Profile, ProfileDraft, PromptKind, Purpose, Reason, Relation,
    Source, Title,
};

use crate::{
    Agenda, AgendaRow, AppError, BackupDto, BookPreview, Brief, Consultant, CustomerDetail,
    CustomerDto, CustomerInput, CustomerList, DamagedBook, DeliveryInput, DuplicatePolicy,
    DuplicateRow, EraseProgress, EraseResult, ErrorCode, ExportFormat, ExportRequest, ExportResult,
    FamilyDate, FamilyMemberDto, ImportColumn, ImportDto, ImportPhase, ImportPreview,
    ImportProgress, ImportRequest, ImportResult, InteractionDto, InvalidRow, KeptWhere,
    KeyFactChangeDto, Language, LevelChangeDto, ListOrder, MergePreview, Notice, OrderInput,
    PhoneView, PromptDto, QuickOutcome, RestoreResult, Settings, TimeframeKind, TimeframeView,
    Undo, UndoImportResult, WarningGroup, WarningItem, When,
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
        FieldKind::decl(&cfg),
        MergeRule::decl(&cfg),
        FieldSpec::decl(&cfg),
        FamilyFacts::decl(&cfg),
        FamilyDraft::decl(&cfg),
        FamilyMemberDto::decl(&cfg),
        KeyFactChangeDto::decl(&cfg),
        InteractionKind::decl(&cfg),
        Outcome::decl(&cfg),
        InteractionDraft::decl(&cfg),
        InteractionDto::decl(&cfg),
        LevelChangeDto::decl(&cfg),
        OrderInput::decl(&cfg),
        DeliveryInput::decl(&cfg),
        PhoneView::decl(&cfg),
        TimeframeKind::decl(&cfg),
        TimeframeView::decl(&cfg),
        CustomerDetail::decl(&cfg),
        CustomerDto::decl(&cfg),
        CustomerList::decl(&cfg),
        ListOrder::decl(&cfg),
        CustomerInput::decl(&cfg),
        MergePreview::decl(&cfg),
        PromptKind::decl(&cfg),
        When::decl(&cfg),
        PromptDto::decl(&cfg),
        AgendaRow::decl(&cfg),
        Agenda::decl(&cfg),
        FamilyDate::decl(&cfg),
        TalkingPoint::decl(&cfg),
        Brief::decl(&cfg),
        QuickOutcome::decl(&cfg),
        Undo::decl(&cfg),
        EraseProgress::decl(&cfg),
        EraseResult::decl(&cfg),
        Notice::decl(&cfg),
        LevelRule::decl(&cfg),
        AfterSaleKind::decl(&cfg),
        AfterSaleRule::decl(&cfg),
        Holiday::decl(&cfg),
        Rules::decl(&cfg),
        Language::decl(&cfg),
        Consultant::decl(&cfg),
        Settings::decl(&cfg),
        DuplicatePolicy::decl(&cfg),
        ImportRequest::decl(&cfg),
        ImportColumn::decl(&cfg),
        InvalidRow::decl(&cfg),
        KeptWhere::decl(&cfg),
        WarningItem::decl(&cfg),
        WarningGroup::decl(&cfg),
        DuplicateRow::decl(&cfg),
        ImportPreview::decl(&cfg),
        ImportPhase::decl(&cfg),
        ImportProgress::decl(&cfg),
        ImportResult::decl(&cfg),
        ImportDto::decl(&cfg),
        UndoImportResult::decl(&cfg),
        ExportFormat::decl(&cfg),
        ExportRequest::decl(&cfg),
        ExportResult::decl(&cfg),
        BackupDto::decl(&cfg),
        BookPreview::decl(&cfg),
        RestoreResult::decl(&cfg),
        DamagedBook::decl(&cfg),
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
    // The registry itself, so that the UI lists and checks the fields Rust declares.
    out.push_str("\n/** The profile's fields in form order: carnet-core's registry. */\n");
    out.push_str("export const FIELDS: readonly FieldSpec[] = [\n");
    for field in FIELDS {
        let json = serde_json::to_string(field).expect("a field's declaration is JSON");
        out.push_str(&format!("  {json},\n"));
    }
    out.push_str("];\n");
    out
}
