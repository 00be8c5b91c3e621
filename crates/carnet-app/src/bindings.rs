//! TypeScript declarations for everything the UI sees, generated from the Rust types: the
//! types, every closed list's values and the limits the forms enforce. The UI never declares
//! them again.
//!
//! The generated file is committed at `ui/src/lib/bindings.ts` (beside `commands.ts`, from
//! [`crate::commands`]). A test fails when either is stale; `make bindings` rewrites them.

use ts_rs::{Config, TS};

use carnet_core::brief::{FitFor, Stage, TalkingPoint};
use carnet_core::catalogue::{TRIM_FIELDS, Trim, TrimField, TrimFieldKind};
use carnet_core::differentiate::compliance::Tally;
use carnet_core::differentiate::funnel::{Rate, Step};
use carnet_core::differentiate::grid::{
    Band, Cell, GridAction, GridClass, SatisfactionStrategy, VolumeStrategy,
};
use carnet_core::differentiate::lookalike::{Ideal, Trait, Typical};
use carnet_core::differentiate::pareto::{CurvePoint, Pareto};
use carnet_core::differentiate::{Likelihood, Trend, ValueRules};
use carnet_core::fit::{
    Better, BudgetFit, CompareCell, CompareRow, Comparison, Fit, FitReason, FitRules, RuledOut,
};
use carnet_core::followup::{AfterSaleKind, AfterSaleRule, Holiday, LevelRule, Rules};
use carnet_core::understand::Suggestion;
use carnet_core::{
    AppointmentKind, Birthday, Body, Budget, Calendar, CurrentCar, DecisionMaker, Drivetrain,
    Energy, FIELDS, FamilyDraft, FamilyFacts, FieldKind, FieldSpec, InteractionDraft,
    InteractionKind, KeyFact, Level, LostReason, MergeRule, ModelWish, Outcome, Payment, Priority,
    Profile, ProfileDraft, PromptKind, Purpose, Reason, Relation, Source, Tier, Title,
};

use carnet_core::choices::{MergeField, Occasion, TextLanguage};

use crate::commands::{OpenKind, SaveKind};
use crate::error::Param;
use crate::{
    Agenda, AgendaRow, AppError, BackupDto, BookPreview, Brief, Consultant, CustomerDetail,
    CustomerDto, CustomerInput, CustomerList, DamagedBook, DeliveryInput, DuplicatePolicy,
    DuplicateRow, EraseProgress, EraseResult, ErrorCode, ExportFormat, ExportRequest, ExportResult,
    FamilyDate, FamilyMemberDto, ImportColumn, ImportDto, ImportPhase, ImportPreview,
    ImportProgress, ImportRequest, ImportResult, InteractionDto, InvalidRow, KeptWhere,
    KeyFactChangeDto, Language, LevelChangeDto, LevelInput, ListOrder, MergePreview, Notice,
    OrderInput, PhoneView, PromptDto, PromptParamsDto, QuickOutcome, RestoreResult, Settings,
    TimeframeKind, TimeframeView, Undo, UndoImportResult, WarningGroup, WarningItem, When,
};
use crate::{
    BandCount, CustomerValue, FunnelStepRow, GridCellRow, GridView, LevelCount, Lookalike,
    LostCustomer, LostReasonRow, ModelRow, Period, RateRow, ReasonCount, Report, ReportKind,
    ReportTable, SatisfactionMonth, SourceRow, TableValue, TallyRow, TierRow, TimeToOrderRow,
    ValuedCustomer, WeekMix,
};
use crate::{
    CatalogueColumn, CatalogueExportResult, CatalogueImportResult, CatalogueLine, CataloguePreview,
    TrimDto, TrimLink,
};
use crate::{CatchUpProgress, CatchUpResult, CatchUpStep};
use crate::{
    ConsultantFigures, ConsultantReport, Holder, SharedCustomer, TeamBook, TeamFile, TeamOverview,
    TeamPart,
};
use crate::{KindCount, LaterDay, PlanGroup, PlanMember, PlanRow, TodayPlan};
use crate::{LockState, PassphraseChange, Privacy};
use crate::{
    MergeFieldName, MessageInput, MessageRequest, RenderedMessage, TemplateDto, TemplateInput,
    TemplateList,
};
use crate::{QuoteInput, QuoteTrim, QuoteView};

/// Where the committed bindings live, relative to the workspace root.
pub const BINDINGS_PATH: &str = "ui/src/lib/bindings.ts";

/// How types are named in TypeScript: IPC sends plain JSON numbers.
pub fn config() -> Config {
    Config::new().with_large_int("number")
}

/// The whole bindings file, as it should be committed.
pub fn typescript() -> String {
    let cfg = config();
    let decls = [
        ErrorCode::decl(&cfg),
        error_params(),
        CODE_AND_PARAMS.to_owned(),
        with_code_and_params(AppError::decl(&cfg)),
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
        Energy::decl(&cfg),
        Body::decl(&cfg),
        Drivetrain::decl(&cfg),
        Trim::decl(&cfg),
        TrimFieldKind::decl(&cfg),
        TrimField::decl(&cfg),
        TrimDto::decl(&cfg),
        TrimLink::decl(&cfg),
        CatalogueColumn::decl(&cfg),
        CatalogueLine::decl(&cfg),
        CataloguePreview::decl(&cfg),
        CatalogueImportResult::decl(&cfg),
        CatalogueExportResult::decl(&cfg),
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
        LostReason::decl(&cfg),
        AppointmentKind::decl(&cfg),
        InteractionDraft::decl(&cfg),
        InteractionDto::decl(&cfg),
        LevelChangeDto::decl(&cfg),
        OrderInput::decl(&cfg),
        LevelInput::decl(&cfg),
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
        PromptParamsDto::decl(&cfg),
        PromptDto::decl(&cfg),
        AgendaRow::decl(&cfg),
        Agenda::decl(&cfg),
        FamilyDate::decl(&cfg),
        Stage::decl(&cfg),
        FitFor::decl(&cfg),
        TalkingPoint::decl(&cfg),
        Brief::decl(&cfg),
        Suggestion::decl(&cfg),
        QuickOutcome::decl(&cfg),
        Undo::decl(&cfg),
        EraseProgress::decl(&cfg),
        EraseResult::decl(&cfg),
        Notice::decl(&cfg),
        carnet_core::followup::plan::Why::decl(&cfg),
        PlanGroup::decl(&cfg),
        PlanRow::decl(&cfg),
        KindCount::decl(&cfg),
        LaterDay::decl(&cfg),
        TodayPlan::decl(&cfg),
        PlanMember::decl(&cfg),
        LevelRule::decl(&cfg),
        AfterSaleKind::decl(&cfg),
        AfterSaleRule::decl(&cfg),
        Holiday::decl(&cfg),
        Rules::decl(&cfg),
        Language::decl(&cfg),
        Consultant::decl(&cfg),
        Settings::decl(&cfg),
        CatchUpStep::decl(&cfg),
        CatchUpProgress::decl(&cfg),
        CatchUpResult::decl(&cfg),
        DuplicatePolicy::decl(&cfg),
        ImportRequest::decl(&cfg),
        ImportColumn::decl(&cfg),
        with_code_and_params(InvalidRow::decl(&cfg)),
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
        Privacy::decl(&cfg),
        PassphraseChange::decl(&cfg),
        LockState::decl(&cfg),
        Tier::decl(&cfg),
        Trend::decl(&cfg),
        Band::decl(&cfg),
        Cell::decl(&cfg),
        GridClass::decl(&cfg),
        VolumeStrategy::decl(&cfg),
        SatisfactionStrategy::decl(&cfg),
        GridAction::decl(&cfg),
        GridView::decl(&cfg),
        CustomerValue::decl(&cfg),
        Likelihood::decl(&cfg),
        ValueRules::decl(&cfg),
        ReportKind::decl(&cfg),
        Period::decl(&cfg),
        Step::decl(&cfg),
        Rate::decl(&cfg),
        FunnelStepRow::decl(&cfg),
        RateRow::decl(&cfg),
        TimeToOrderRow::decl(&cfg),
        SourceRow::decl(&cfg),
        ModelRow::decl(&cfg),
        Tally::decl(&cfg),
        TallyRow::<()>::decl(&cfg),
        ReasonCount::decl(&cfg),
        LostReasonRow::decl(&cfg),
        LostCustomer::decl(&cfg),
        LevelCount::decl(&cfg),
        WeekMix::decl(&cfg),
        SatisfactionMonth::decl(&cfg),
        BandCount::decl(&cfg),
        TierRow::decl(&cfg),
        GridCellRow::decl(&cfg),
        CurvePoint::decl(&cfg),
        Pareto::decl(&cfg),
        ValuedCustomer::decl(&cfg),
        Trait::decl(&cfg),
        Typical::decl(&cfg),
        Ideal::decl(&cfg),
        Lookalike::decl(&cfg),
        Report::decl(&cfg),
        TableValue::decl(&cfg),
        ReportTable::decl(&cfg),
        TeamPart::decl(&cfg),
        TeamFile::decl(&cfg),
        TeamBook::decl(&cfg),
        ConsultantFigures::decl(&cfg),
        TeamOverview::decl(&cfg),
        ConsultantReport::decl(&cfg),
        Holder::decl(&cfg),
        SharedCustomer::decl(&cfg),
        OpenKind::decl(&cfg),
        SaveKind::decl(&cfg),
        // The fit.
        FitRules::decl(&cfg),
        FitReason::decl(&cfg),
        BudgetFit::decl(&cfg),
        Fit::decl(&cfg),
        RuledOut::decl(&cfg),
        crate::SuggestionsDto::decl(&cfg),
        Better::decl(&cfg),
        CompareCell::decl(&cfg),
        CompareRow::decl(&cfg),
        Comparison::decl(&cfg),
        // The quote sheet (carnet-core's quote).
        carnet_core::quote::QuoteSettings::decl(&cfg),
        carnet_core::quote::QuoteTerms::decl(&cfg),
        carnet_core::quote::PurchaseTax::decl(&cfg),
        carnet_core::quote::FinanceRow::decl(&cfg),
        carnet_core::quote::QuoteSheet::decl(&cfg),
        QuoteInput::decl(&cfg),
        QuoteTrim::decl(&cfg),
        QuoteView::decl(&cfg),
        Occasion::decl(&cfg),
        MergeField::decl(&cfg),
        TextLanguage::decl(&cfg),
        TemplateDto::decl(&cfg),
        MergeFieldName::decl(&cfg),
        TemplateList::decl(&cfg),
        TemplateInput::decl(&cfg),
        MessageRequest::decl(&cfg),
        RenderedMessage::decl(&cfg),
        MessageInput::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from Rust by carnet-app (src/bindings.rs). Do not edit: run `make bindings`.\n",
    );
    for decl in decls {
        // A declaration written here may open with its documentation, which goes first.
        let (doc, decl) = match decl.split_once("*/\n") {
            Some((doc, decl)) if decl.starts_with("type ") => (format!("{doc}*/\n"), decl),
            _ => (String::new(), decl.as_str()),
        };
        out.push('\n');
        out.push_str(&doc);
        out.push_str("export ");
        out.push_str(decl);
        out.push('\n');
    }
    out.push_str("\n// Every value of each closed list, in the order forms offer them.\n");
    for (name, ty, values) in lists(&cfg) {
        out.push_str(&format!(
            "export const {name} = [{}] as const satisfies readonly {ty}[];\n",
            values.join(", ")
        ));
    }
    out.push_str("\n// The limits carnet-core checks, for the forms' own limits.\n");
    out.push_str("export const LIMITS = {\n");
    for (name, value, doc) in LIMITS {
        out.push_str(&format!("  /** {doc} */\n  {name}: {value},\n"));
    }
    out.push_str("} as const;\n");
    out.push_str(
        "\n/** The ranges the follow-up rules' numbers must fall in (carnet-core's followup::rules). */\n",
    );
    out.push_str("export const RULE_RANGES = {\n");
    for (name, min, max) in rule_ranges() {
        out.push_str(&format!("  {name}: {{ min: {min}, max: {max} }},\n"));
    }
    out.push_str("} as const;\n");
    out.push_str(&quote_ranges());
    out.push_str("\n/** The events the desktop shell sends the window (carnet-app's EVENTS). */\n");
    out.push_str("export const EVENTS = {\n");
    for (name, doc) in crate::EVENTS {
        out.push_str(&format!("  /** {doc} */\n  {name}: '{name}',\n"));
    }
    out.push_str("} as const;\n");
    // The registry itself, so that the UI lists and checks the fields Rust declares.
    out.push_str("\n/** The profile's fields in form order: carnet-core's registry. */\n");
    out.push_str("export const FIELDS: readonly FieldSpec[] = [\n");
    for field in FIELDS {
        let json = serde_json::to_string(field).expect("a field's declaration is JSON");
        out.push_str(&format!("  {json},\n"));
    }
    out.push_str("];\n");
    // The catalogue's fields, so that its editor is built from what Rust declares.
    out.push_str(
        "\n/** The catalogue's fields in sheet order (carnet-core's TRIM_FIELDS), each choice field with its codes. */\n",
    );
    out.push_str(
        "export const TRIM_FIELDS: readonly (TrimField & { choices: readonly string[] })[] = [\n",
    );
    for field in TRIM_FIELDS {
        let mut json = serde_json::to_value(field).expect("a trim field's declaration is JSON");
        json["choices"] = serde_json::json!(field.choices());
        out.push_str(&format!("  {json},\n"));
    }
    out.push_str("];\n");
    out
}

/// Each error code's parameters, from [`ErrorCode::params`]: by name, each as text.
fn error_params() -> String {
    let mut out = String::from(
        "/**\n * The parameters each error code is sent with, by name, each as text (optional: sent\n * when known).\n */\ntype ErrorParams = {\n",
    );
    for code in ErrorCode::ALL {
        let code_json = serde_json::to_string(code).expect("a code serialises");
        let names: Vec<String> = code
            .params()
            .iter()
            .map(|param| match param {
                Param::Always(name) => format!("{name}: string"),
                Param::Sometimes(name) => format!("{name}?: string"),
            })
            .collect();
        let params = if names.is_empty() {
            "Record<string, never>".to_owned()
        } else {
            format!("{{ {} }}", names.join(", "))
        };
        out.push_str(&format!("  {code_json}: {params},\n"));
    }
    out.push_str("};");
    out
}

/// An error's code with its parameters, typed together: one variant per code.
const CODE_AND_PARAMS: &str = "/** An error's code with that code's parameters: one variant per code. */\n\
type CodeAndParams = { [C in ErrorCode]: { code: C, params: ErrorParams[C] } }[ErrorCode];";

/// A type sent with an error's code and parameters (declared without them, `#[ts(skip)]`),
/// with them typed together by code.
fn with_code_and_params(decl: String) -> String {
    let decl = decl
        .strip_suffix(';')
        .expect("a declaration ends with a semicolon");
    format!("{decl} & CodeAndParams;")
}

/// A closed list's values as JSON strings (as serde writes them over IPC).
fn values<T: serde::Serialize>(all: &[T]) -> Vec<String> {
    all.iter()
        .map(|v| serde_json::to_string(v).expect("a list value serialises"))
        .collect()
}

/// Every value of an enum that has no `ALL` of its own; it stops compiling when a value is
/// added to the enum and not here.
macro_rules! every {
    ($ty:ident { $($variant:ident),+ $(,)? }) => {{
        let _exhaustive = |value: $ty| match value {
            $($ty::$variant)|+ => (),
        };
        &[$($ty::$variant),+]
    }};
}

/// The closed lists: the constant's name, the type of its values and the values.
fn lists(cfg: &Config) -> Vec<(&'static str, String, Vec<String>)> {
    vec![
        ("TITLES", Title::name(cfg), values(Title::ALL)),
        ("REASONS", Reason::name(cfg), values(Reason::ALL)),
        ("PURPOSES", Purpose::name(cfg), values(Purpose::ALL)),
        ("LEVELS", Level::name(cfg), values(Level::ALL)),
        (
            "DECISION_MAKERS",
            DecisionMaker::name(cfg),
            values(DecisionMaker::ALL),
        ),
        ("PAYMENTS", Payment::name(cfg), values(Payment::ALL)),
        ("SOURCES", Source::name(cfg), values(Source::ALL)),
        ("PRIORITIES", Priority::name(cfg), values(Priority::ALL)),
        ("ENERGIES", Energy::name(cfg), values(Energy::ALL)),
        ("BODIES", Body::name(cfg), values(Body::ALL)),
        (
            "DRIVETRAINS",
            Drivetrain::name(cfg),
            values(Drivetrain::ALL),
        ),
        ("RELATIONS", Relation::name(cfg), values(Relation::ALL)),
        ("KEY_FACTS", KeyFact::name(cfg), values(KeyFact::ALL)),
        (
            "INTERACTION_KINDS",
            InteractionKind::name(cfg),
            values(InteractionKind::ALL),
        ),
        ("OUTCOMES", Outcome::name(cfg), values(Outcome::ALL)),
        ("TIERS", Tier::name(cfg), values(Tier::ALL)),
        ("BANDS", Band::name(cfg), values(&Band::ALL)),
        (
            "GRID_CLASSES",
            GridClass::name(cfg),
            values(&GridClass::ALL),
        ),
        ("FUNNEL_STEPS", Step::name(cfg), values(&Step::ALL)),
        ("RATES", Rate::name(cfg), values(&Rate::ALL)),
        (
            "REPORT_KINDS",
            ReportKind::name(cfg),
            values(&ReportKind::ALL),
        ),
        ("TRAITS", Trait::name(cfg), values(&Trait::ALL)),
        (
            "LOST_REASONS",
            LostReason::name(cfg),
            values(LostReason::ALL),
        ),
        (
            "APPOINTMENT_KINDS",
            AppointmentKind::name(cfg),
            values(AppointmentKind::ALL),
        ),
        (
            "AFTER_SALE_KINDS",
            AfterSaleKind::name(cfg),
            values(every!(AfterSaleKind {
                Call,
                Service,
                Insurance,
                Inspection,
                Anniversary
            })),
        ),
        (
            "LANGUAGES",
            Language::name(cfg),
            values(every!(Language { ZhHans, ZhHant, En })),
        ),
        (
            "LIST_ORDERS",
            ListOrder::name(cfg),
            values(every!(ListOrder {
                Pinyin,
                Newest,
                LastContact
            })),
        ),
        (
            "WHENS",
            When::name(cfg),
            values(every!(When {
                Overdue,
                Today,
                Upcoming
            })),
        ),
        (
            "EXPORT_FORMATS",
            ExportFormat::name(cfg),
            values(every!(ExportFormat { Xlsx, Csv, Json })),
        ),
        ("OCCASIONS", Occasion::name(cfg), values(Occasion::ALL)),
        (
            "MERGE_FIELDS",
            MergeField::name(cfg),
            values(MergeField::ALL),
        ),
        (
            "TEXT_LANGUAGES",
            TextLanguage::name(cfg),
            values(TextLanguage::ALL),
        ),
        (
            "DUPLICATE_POLICIES",
            DuplicatePolicy::name(cfg),
            values(every!(DuplicatePolicy {
                Skip,
                Update,
                Create
            })),
        ),
    ]
}

/// Each rule range as (name, min, max), as `Rules::validate` checks them.
/// The ranges of a quote's numbers and the finance grid's rows and columns (carnet-core's
/// quote), for the quote form's inputs.
fn quote_ranges() -> String {
    use carnet_core::quote::{
        APR_PCT, COMMERCIAL_PCT, DOWN_PCT, FEE_YUAN, GRID_DOWN_PCTS, GRID_TERMS, PRICE_YUAN,
        TERM_MONTHS, VALID_DAYS,
    };
    let ranges = [
        (
            "commercial_pct",
            COMMERCIAL_PCT.start().to_string(),
            COMMERCIAL_PCT.end().to_string(),
        ),
        (
            "fee_yuan",
            FEE_YUAN.start().to_string(),
            FEE_YUAN.end().to_string(),
        ),
        (
            "price_yuan",
            PRICE_YUAN.start().to_string(),
            PRICE_YUAN.end().to_string(),
        ),
        (
            "valid_days",
            VALID_DAYS.start().to_string(),
            VALID_DAYS.end().to_string(),
        ),
        (
            "apr",
            APR_PCT.start().to_string(),
            APR_PCT.end().to_string(),
        ),
        (
            "down_pct",
            DOWN_PCT.start().to_string(),
            DOWN_PCT.end().to_string(),
        ),
        (
            "term",
            TERM_MONTHS.start().to_string(),
            TERM_MONTHS.end().to_string(),
        ),
    ];
    let mut out = String::from(
        "\n/** The ranges of a quote's numbers (carnet-core's quote). */\nexport const QUOTE_RANGES = {\n",
    );
    for (name, min, max) in ranges {
        out.push_str(&format!("  {name}: {{ min: {min}, max: {max} }},\n"));
    }
    out.push_str("} as const;\n");
    let list = |values: Vec<String>| values.join(", ");
    out.push_str(&format!(
        "\n/** The finance grid: down payments (percent) by terms (months). */\nexport const FINANCE_GRID = {{ down_pcts: [{}], terms: [{}] }} as const;\n",
        list(GRID_DOWN_PCTS.iter().map(u8::to_string).collect()),
        list(GRID_TERMS.iter().map(u16::to_string).collect()),
    ));
    out
}

fn rule_ranges() -> Vec<(&'static str, i64, i64)> {
    use carnet_core::followup::rules::{
        AFTER_SALE_DAYS, AFTER_SALE_MONTHS, DAILY_CAPACITY, FAILED_ATTEMPTS, HOLIDAY_DAYS,
        HOLIDAY_MONTHS, INTERVAL_DAYS, LEAD_DAYS, LOST_REVISIT_DAYS, NOTIFY_LEAD_MINUTES,
        SATISFACTION_CHECK_DAYS, WINDOW_DAYS,
    };
    use std::ops::RangeInclusive;
    fn ends<T: Copy + Into<i64>>(range: &RangeInclusive<T>) -> (i64, i64) {
        ((*range.start()).into(), (*range.end()).into())
    }
    let ranges = [
        ("window_days", ends(&WINDOW_DAYS)),
        ("interval_days", ends(&INTERVAL_DAYS)),
        ("failed_attempts", ends(&FAILED_ATTEMPTS)),
        ("lost_revisit_days", ends(&LOST_REVISIT_DAYS)),
        ("satisfaction_check_days", ends(&SATISFACTION_CHECK_DAYS)),
        ("lead_days", ends(&LEAD_DAYS)),
        ("notify_lead_minutes", ends(&NOTIFY_LEAD_MINUTES)),
        ("daily_capacity", ends(&DAILY_CAPACITY)),
        ("after_sale_months", ends(&AFTER_SALE_MONTHS)),
        ("after_sale_days", ends(&AFTER_SALE_DAYS)),
        ("holiday_month", ends(&HOLIDAY_MONTHS)),
        ("holiday_day", ends(&HOLIDAY_DAYS)),
        // The value rules' (carnet-core's differentiate).
        (
            "value_min_yuan",
            ends(&carnet_core::differentiate::VALUE_MIN_RANGE),
        ),
        (
            "inactive_months",
            ends(&carnet_core::differentiate::INACTIVE_MONTHS_RANGE),
        ),
        ("percent", ends(&carnet_core::differentiate::PERCENT_RANGE)),
        // The fit rules' (carnet-core's fit).
        (
            "typical_discount_pct",
            ends(&carnet_core::fit::DISCOUNT_PCT_RANGE),
        ),
        ("stretch_pct", ends(&carnet_core::fit::STRETCH_PCT_RANGE)),
        (
            "long_range_km",
            ends(&carnet_core::fit::LONG_RANGE_KM_RANGE),
        ),
        ("roomy_boot_l", ends(&carnet_core::fit::ROOMY_BOOT_L_RANGE)),
    ];
    ranges
        .into_iter()
        .map(|(name, (min, max))| (name, min, max))
        .collect()
}

/// The limits the UI's forms use: name, value, what it limits.
const LIMITS: &[(&str, usize, &str)] = {
    use carnet_core::profile::{
        EMAIL_MAX_CHARS, LIST_MAX, LONG_MAX_CHARS, NAME_MAX_CHARS, SHORT_MAX_CHARS, TAG_MAX_CHARS,
    };
    &[
        (
            "name_max_chars",
            NAME_MAX_CHARS,
            "A name (a customer's, a family member's, the consultant's).",
        ),
        (
            "short_max_chars",
            SHORT_MAX_CHARS,
            "A short text field (a company, an address, the dealership).",
        ),
        (
            "long_max_chars",
            LONG_MAX_CHARS,
            "Notes and other long text.",
        ),
        ("email_max_chars", EMAIL_MAX_CHARS, "An e-mail address."),
        (
            "list_max",
            LIST_MAX,
            "Items in one list field (phones, tags …).",
        ),
        ("tag_max_chars", TAG_MAX_CHARS, "One tag."),
        (
            "phone_max_chars",
            carnet_core::phone::MAX_INPUT_CHARS,
            "A phone number as typed.",
        ),
        (
            "page_max",
            crate::PAGE_MAX as usize,
            "Customers one search answers with at most.",
        ),
        (
            "compare_min",
            carnet_core::fit::COMPARE_MIN,
            "The fewest trims a comparison takes.",
        ),
        (
            "compare_max",
            carnet_core::fit::COMPARE_MAX,
            "The most trims a comparison takes.",
        ),
        (
            "template_body_max_chars",
            carnet_core::templates::BODY_MAX_CHARS,
            "A message template's body.",
        ),
        (
            "template_name_max_chars",
            carnet_core::templates::NAME_MAX_CHARS,
            "A message template's name.",
        ),
        (
            "passphrase_min_chars",
            *carnet_core::privacy::PASSPHRASE_CHARS.start(),
            "The fewest characters a book's passphrase has.",
        ),
        (
            "passphrase_max_chars",
            *carnet_core::privacy::PASSPHRASE_CHARS.end(),
            "The most characters a book's passphrase has.",
        ),
        (
            "lock_after_minutes_min",
            *carnet_core::privacy::LOCK_AFTER_MINUTES.start() as usize,
            "The fewest idle minutes before the app locks.",
        ),
        (
            "lock_after_minutes_max",
            *carnet_core::privacy::LOCK_AFTER_MINUTES.end() as usize,
            "The most idle minutes before the app locks.",
        ),
    ]
};
