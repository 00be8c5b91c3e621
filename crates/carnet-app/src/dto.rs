//! The data that crosses the IPC boundary, in both directions. Plain strings and numbers
//! only, so it serialises the same for the webview, the CLI's `--json` and the exports.
//!
//! Every request and response type of a use case lives here, a module a part of the app.

mod backups;
mod catalogue;
mod customers;
mod erase;
mod export;
mod fit;
mod followup;
mod import;
mod messages;
mod privacy;
mod quote;
mod reports;
mod settings;
mod startup;
mod team;
mod today;

pub use backups::{BackupDto, BookPreview, DamagedBook, RestoreResult};
pub use catalogue::{
    CatalogueColumn, CatalogueExportResult, CatalogueImportResult, CatalogueLine, CataloguePreview,
    TrimDto, TrimLink,
};
pub use customers::{
    CustomerDetail, CustomerDto, CustomerInput, CustomerList, FamilyMemberDto, KeyFactChangeDto,
    ListOrder, MergePreview, PhoneView, TimeframeKind, TimeframeView,
};
pub use erase::{EraseProgress, EraseResult};
pub use export::{ExportFormat, ExportRequest, ExportResult};
pub use fit::SuggestionsDto;
pub use followup::{
    Agenda, AgendaRow, BRIEF_FITS, Brief, DeliveryInput, FamilyDate, InteractionDto,
    LevelChangeDto, LevelInput, Notice, OrderInput, PromptDto, PromptParamsDto, QuickOutcome, Undo,
    When,
};
pub use import::{
    DuplicatePolicy, DuplicateRow, ImportColumn, ImportDto, ImportPhase, ImportPreview,
    ImportProgress, ImportRequest, ImportResult, InvalidRow, KeptWhere, UndoImportResult,
    WarningGroup, WarningItem,
};
pub use messages::{
    MergeFieldName, MessageInput, MessageRequest, RenderedMessage, TemplateDto, TemplateInput,
    TemplateList,
};
pub use privacy::{LockState, PassphraseChange, Privacy};
pub use quote::{QuoteInput, QuoteTrim, QuoteView};
pub use reports::{
    BandCount, CustomerValue, FunnelStepRow, GridCellRow, GridView, LevelCount, Lookalike,
    LostCustomer, LostReasonRow, ModelRow, Period, RateRow, ReasonCount, Report, ReportKind,
    ReportTable, SatisfactionMonth, SourceRow, TableValue, TallyRow, TierRow, TimeToOrderRow,
    ValuedCustomer, WeekMix,
};
pub use settings::{Consultant, Language, Settings};
pub use startup::{CatchUpProgress, CatchUpResult, CatchUpStep};
pub use team::{
    ConsultantFigures, ConsultantReport, Holder, SharedCustomer, TeamBook, TeamFile, TeamOverview,
    TeamPart,
};
pub use today::{KindCount, LaterDay, PlanGroup, PlanMember, PlanRow, TodayPlan};
