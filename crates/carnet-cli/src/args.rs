//! The command line: `carnet`'s commands and their options, as clap reads them.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "carnet",
    version,
    about = "Carnet (客户本): a sales consultant's customer book"
)]
pub(crate) struct Cli {
    /// The book to use. Default: $CARNET_DB, else the desktop app's book in the OS data folder.
    #[arg(long, global = true, value_name = "PATH")]
    pub(crate) db: Option<PathBuf>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Add a customer and print the new customer's id.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        phone: Option<String>,
        /// Add even if a customer with this phone (or this name and the same last four
        /// digits) is already in the book.
        #[arg(long)]
        allow_duplicate: bool,
    },
    /// Find customers by name, pinyin or initials (张三: zhangsan, zs), a phone fragment, a
    /// model, tag or note words; narrow with filters: level:H,A model:汉 budget:15-20万
    /// tag:VIP source:referral (or 级别: 车型: 预算: 标签: 来源:).
    Search {
        query: String,
        /// Print JSON (an array of customers, best match first) instead of text.
        #[arg(long)]
        json: bool,
        /// At most this many customers.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Skip this many first.
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// Show one customer's whole profile, family and key-fact history.
    Show {
        id: String,
        /// Print JSON (profile fields at the top level, as `edit --set` names them).
        #[arg(long)]
        json: bool,
    },
    /// Change profile fields: --set FIELD=VALUE, FIELD as in `show --json`; list fields
    /// (phones, tags, models, purposes, priorities) take comma-separated values that replace
    /// the list; models are model/trim/colour. Values are read as the app reads them.
    Edit {
        id: String,
        #[arg(long = "set", value_name = "FIELD=VALUE", required = true)]
        sets: Vec<String>,
        /// Save even if the new phone makes this customer look like another.
        #[arg(long)]
        allow_duplicate: bool,
    },
    /// A manager's team book (--db names it, a file of its own): built from the consultants'
    /// exports, read per consultant.
    Team {
        #[command(subcommand)]
        command: TeamCommand,
    },
    /// The vehicle catalogue (车型库): import a maker's price sheet (with a dry run), list it,
    /// export it, or load the sample catalogue (比亚迪).
    Catalog {
        #[command(subcommand)]
        command: CatalogCommand,
    },
    /// Message templates: list them, or render one for a customer.
    Template {
        #[command(subcommand)]
        command: TemplateCommand,
    },
    /// A customer's family members.
    Family {
        #[command(subcommand)]
        command: FamilyCommand,
    },
    /// Move a customer to the trash (restorable until the trash is emptied).
    Trash { id: String },
    /// Take a customer out of the trash (ID), or replace the whole book with a backup
    /// (FILE): the book being replaced is backed up first.
    Restore {
        #[arg(value_name = "ID|FILE")]
        target: String,
        /// With a backup FILE: only say what it holds.
        #[arg(long)]
        preview: bool,
    },
    /// The book's passphrase (encryption at rest). An encrypted book asks for it with no
    /// echo, or reads $CARNET_PASSPHRASE; a new one is typed twice, or read from
    /// $CARNET_NEW_PASSPHRASE. The book is backed up first, then converted whole, and its
    /// backups follow. A lost passphrase cannot be recovered: the book then never opens.
    Passphrase {
        #[command(subcommand)]
        command: PassphraseCommand,
    },
    /// Import customers from xlsx/xls/ods, CSV (any encoding and delimiter), vCards or a
    /// Carnet JSON export. Prints what it would do (--dry-run) or did: counts, and every
    /// invalid row with its row, column, value and reason. Exits non-zero when nothing could
    /// be imported.
    Import {
        #[arg(value_name = "FILE", required_unless_present = "undo")]
        file: Option<PathBuf>,
        /// Check every row and print the counts; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// A row that may be a customer already in the book: skip it, fill that customer's
        /// empty fields (update), or add it anyway (create).
        #[arg(long, value_name = "skip|update|create", default_value = "skip")]
        on_duplicate: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Undo the import with this id (as printed when it was made, or by `imports`).
        #[arg(long, value_name = "IMPORT_ID", conflicts_with_all = ["file", "dry_run"])]
        undo: Option<String>,
    },
    /// List the imports made into this book, newest first.
    Imports {
        #[arg(long)]
        json: bool,
    },
    /// Export the book (or what --filter shows, or one --customer) for a manager or a
    /// colleague: xlsx (four sheets), CSV (customers; UTF-8 with BOM) or JSON (everything,
    /// for handover).
    Export {
        #[arg(long, value_name = "xlsx|csv|json")]
        format: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The same words and key:value filters as search.
        #[arg(long, default_value = "")]
        filter: String,
        /// Only this customer.
        #[arg(long, value_name = "ID")]
        customer: Option<String>,
        /// Shorten phones (138****5678) and leave out address, WeChat id and notes.
        #[arg(long)]
        mask: bool,
    },
    /// Write a whole copy of the book to FILE (a USB stick).
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Erase everyone in the trash for good: from the book and from every automatic backup.
    EmptyTrash,
    /// Erase these customers for good (a deletion request), in the trash or not: from the book
    /// and from every automatic backup. Copies made with `carnet backup --out` are not changed.
    Erase {
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Merge LOSER into SURVIVOR; everything linked to LOSER moves to SURVIVOR. Where both
    /// hold different values SURVIVOR's are kept, except the fields named with --take.
    Merge {
        survivor: String,
        loser: String,
        /// A field to take from LOSER (repeatable).
        #[arg(long = "take", value_name = "FIELD")]
        take: Vec<String>,
    },
    /// Fill an empty book with a realistic, reproducible demo population that has aged like a
    /// consultant's own book.
    ///
    /// Customers arrive evenly over the two years before today, each with a first contact
    /// (a visit, a call or a message) and a level (H 10%, A 20%, B 30%, C 35%, N 5%). From
    /// there each is followed up as the follow-up rules ask: a contact at the level's
    /// interval, a regrade when the purchase window passes (cooling down to F, lost, with a
    /// reason and a win-back date), or, for about one in five, warming up to an order (O) and
    /// a delivery (D) with the after-sale schedule after it; birthdays and holidays greeted,
    /// now and then a complaint, resolved and checked. Most of it was done on its day; what
    /// came due lately is sometimes still open, so that Today shows a day's work: on a
    /// 2,000-customer book, about 30 to 70 prompts due, a few of them overdue (measured
    /// figures: docs/demo.md). On a holiday, every owner's greeting is due as well.
    Demo {
        /// How many customers.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        customers: u32,
        /// The same seed (on the same day, with the same rules) gives the same book.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Profiles only, all added today, with no history (a quick book for tests).
        #[arg(long)]
        profiles_only: bool,
    },
    /// Log an interaction: --kind call --outcome reached [--at "YYYY-MM-DD HH:MM"] (a contact
    /// that happened earlier) [--satisfaction 1-5] [--next "YYYY-MM-DD[ HH:MM]"] [--note TEXT].
    Log {
        id: String,
        #[arg(long)]
        kind: String,
        #[arg(long, default_value = "")]
        outcome: String,
        #[arg(long, default_value = "")]
        at: String,
        #[arg(long, default_value = "")]
        satisfaction: String,
        #[arg(long, default_value = "")]
        next: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long, default_value = "")]
        promise: String,
        /// The next step is an appointment: visit (到店) or test_drive (试驾); needs --next.
        #[arg(long, default_value = "")]
        appointment: String,
        /// What a service cost the customer, in yuan (1200, 1,200, 0.12万); only with
        /// --kind service.
        #[arg(long, default_value = "")]
        spend: String,
    },
    /// Set a customer's level (N H A B C O D F); F needs --lost-reason and gets a revisit
    /// date (default: the rules' days from today).
    Level {
        id: String,
        level: String,
        /// For F: price, competitor, same_brand_elsewhere, postponed, finance_refused,
        /// unreachable, other (or their Chinese words).
        #[arg(long, default_value = "")]
        lost_reason: String,
        /// For a sale lost to a competitor: the brand or model ("比亚迪 汉").
        #[arg(long, default_value = "")]
        competitor: String,
        /// The words: what happened.
        #[arg(long, default_value = "")]
        reason: String,
        /// The win-back date, YYYY-MM-DD.
        #[arg(long, default_value = "")]
        revisit: String,
    },
    /// Record an order (the customer moves to O).
    Order {
        id: String,
        #[arg(long)]
        model: String,
        /// 158000 or 15.8万.
        #[arg(long)]
        price: String,
        #[arg(long, default_value = "")]
        at: String,
        #[arg(long, default_value = "")]
        expected_delivery: String,
    },
    /// Record a delivery (the customer moves to D; the after-sale schedule starts).
    Deliver {
        id: String,
        #[arg(long, default_value = "")]
        at: String,
        #[arg(long, default_value = "")]
        vin: String,
        #[arg(long, default_value = "")]
        plate: String,
    },
    /// The prompts due on DATE (default today) and overdue, and in the N days after: one line
    /// per prompt, as Today shows them.
    Agenda {
        /// YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
        #[arg(long, default_value_t = 7)]
        days: u32,
        #[arg(long)]
        json: bool,
    },
    /// Today's plan: a day's worth of rows (the rules' daily capacity) in the order of their
    /// weight, why each is there, the groups of greetings and renewals, progress through the
    /// day, and what waits later this week, by kind.
    Today {
        /// YYYY-MM-DD (default today): plans that day if the book holds another's.
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A quote sheet (报价单) for customer ID and a catalogue trim: guide price, discount,
    /// purchase tax, insurance, fees, the total on the road and the finance grid.
    Quote {
        id: String,
        /// A catalogue id, or a name that identifies one trim (its series when only one trim
        /// has it; series and trim words).
        #[arg(long)]
        trim: String,
        /// Yuan off the guide price (8000, 0.8万).
        #[arg(long)]
        discount: Option<String>,
        /// Accessories, yuan.
        #[arg(long)]
        accessories: Option<String>,
        /// Down payment, percent of the price (30%).
        #[arg(long)]
        down: Option<String>,
        /// Months.
        #[arg(long)]
        term: Option<String>,
        /// The loan's yearly rate, percent (3.5; 0 for a 0% offer).
        #[arg(long)]
        apr: Option<String>,
        /// The loan's flat fee, yuan (a 0% offer's fee).
        #[arg(long)]
        fee: Option<String>,
        /// Save the quote to the customer's timeline.
        #[arg(long)]
        save: bool,
        #[arg(long)]
        json: bool,
    },
    /// The pre-call brief as the app shows it: the stage, the reason, the talking points, then
    /// what to know (promise, priorities, worry, decision-maker, last contact, still unknown).
    Brief {
        id: String,
        /// The prompt the call is for (its key, as `carnet agenda --json` gives it); default:
        /// the customer's most urgent prompt.
        #[arg(long, value_name = "KEY")]
        prompt: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Read a note for profile facts (budget, model, decision-maker, timeframe, current car …):
    /// one suggestion per line, field, value (and the old one), the words it came from.
    /// Nothing is written; accept one with `carnet edit ID --set FIELD=VALUE`.
    Understand {
        text: String,
        /// Compare with this customer's profile: what it already says is not suggested.
        #[arg(long, value_name = "ID")]
        customer: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A report of the Differentiate step over a period (default: this month): funnel,
    /// sources, models, compliance, lost, levels, satisfaction, tiers, grid, pareto,
    /// lookalikes. Prints a heading and tab-separated figures, or JSON.
    Report {
        #[arg(value_name = "KIND")]
        kind: String,
        /// YYYY-MM-DD (with --to).
        #[arg(long, requires = "to")]
        from: Option<String>,
        /// YYYY-MM-DD (with --from).
        #[arg(long, requires = "from")]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The catalogue's trims that fit customer ID, best first, with the price after the
    /// typical discount and the reasons; then the trims ruled out, with why.
    Suggest {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Two to four catalogue trims side by side (by id): a line per field, `*` where they
    /// differ, `✓` on the best value.
    Compare {
        #[arg(value_name = "ID", num_args = 2..=4, required = true)]
        ids: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Time searches of each query class and list paging on this book, and print the figures.
    Bench {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Rows of the CSV imported into a new book.
        #[arg(long, default_value_t = 100_000)]
        import_rows: usize,
        /// Consultants' exports read into a team book (0: no team view timed).
        #[arg(long, default_value_t = 20)]
        team_exports: usize,
        /// Customers in each of those exports (each with ten interactions).
        #[arg(long, default_value_t = 5_000)]
        team_customers: usize,
        /// The desktop binary whose start is timed (default: carnet-desktop beside carnet).
        #[arg(long)]
        desktop: Option<PathBuf>,
        /// Starts of the desktop timed, first of the day and later each (0: none).
        #[arg(long, default_value_t = 3)]
        start_runs: usize,
        /// Time the desktop's start only.
        #[arg(long)]
        start_only: bool,
        /// The minimal Tauri app whose start and memory Carnet's are set against
        /// (`make baseline`: target/baseline/release/minimal-tauri), timed beside it.
        #[arg(long)]
        baseline: Option<PathBuf>,
        /// Time the team view only (the book given is not read).
        #[arg(long, conflicts_with_all = ["start_only", "reports_only"])]
        team_only: bool,
        /// Time only these reports over the last year, on the book given: kinds as
        /// `carnet report` takes them, comma-separated, or `all`.
        #[arg(long, value_name = "KINDS", conflicts_with = "start_only")]
        reports_only: Option<String>,
    },
    /// List the customers in the trash.
    TrashList {
        #[arg(long)]
        json: bool,
    },
    /// List the customers, newest first.
    List {
        /// Print JSON (an array of customers) instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub(crate) enum TeamCommand {
    /// Build the team book from the consultants' exports (JSON, or xlsx where that is all
    /// there is; files, or folders of them), or bring it up to date: each file replaces its
    /// consultant's part.
    Open {
        #[arg(value_name = "DIR|FILE", required = true)]
        sources: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// The consultants side by side over a period (default: this month): customers, leads,
    /// shows, test drives, orders, close rate, follow-ups made, average satisfaction.
    Overview {
        #[arg(long, requires = "to")]
        from: Option<String>,
        #[arg(long, requires = "from")]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A report (as `carnet report`) for each consultant, then the team.
    Report {
        #[arg(value_name = "KIND")]
        kind: String,
        #[arg(long, requires = "to")]
        from: Option<String>,
        #[arg(long, requires = "from")]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The customers two or more consultants hold (the same phone).
    Shared {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub(crate) enum CatalogCommand {
    /// Import trims from xlsx/xls/ods or CSV (columns found by their headers: 品牌 车系 版本
    /// 年款 指导价 …) or a catalogue exported as JSON. A trim already in the catalogue (same
    /// id, or same brand, series, trim and year) is updated; a row that cannot be read is
    /// printed with its row and field, and left out.
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Print what each row would do; write nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// List the catalogue: brand, series, trim, year, price and the main specs.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Export the catalogue to FILE: xlsx, csv or json by its extension.
    Export {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Load the sample catalogue (比亚迪's range, every figure with its source).
    Sample {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Clone, Copy)]
pub(crate) enum PassphraseCommand {
    /// Encrypt the book with a new passphrase.
    Set,
    /// Change the passphrase (the current one is asked for first).
    Change,
    /// Remove the passphrase: the book is no longer encrypted.
    Remove,
    /// Say whether the book is encrypted.
    Status,
}

#[derive(Subcommand)]
pub(crate) enum TemplateCommand {
    /// Every template by occasion and language: the built-in ones (as you edited them), then
    /// your own. Tab-separated: occasion, language, id, name, body.
    List {
        #[arg(long)]
        json: bool,
    },
    /// The message for customer ID: the occasion's template in the book's language (or
    /// --template ID, or --lang), filled from their profile, history and your settings.
    /// Prints only the text; a field with no value for them is an error naming it.
    Render {
        id: String,
        /// birthday, lunar_birthday, family_birthday, spring_festival, dragon_boat,
        /// mid_autumn, national_day, new_year, delivery_anniversary, first_service,
        /// insurance_renewal, inspection, thanks_visit, after_test_drive, after_quote,
        /// complaint_follow_up, win_back (or 生日, 春节 …).
        #[arg(long, required_unless_present = "template")]
        occasion: Option<String>,
        /// A template's id (as `template list` shows it) instead of the occasion's.
        #[arg(long)]
        template: Option<String>,
        /// zh-Hans, zh-Hant or en (default: the book's language).
        #[arg(long)]
        lang: Option<String>,
        /// Print the message as JSON (text, occasion, language, template id).
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub(crate) enum FamilyCommand {
    /// Add a family member to customer ID and print the member's id.
    Add {
        id: String,
        #[arg(long, default_value = "")]
        name: String,
        /// wife, husband, son, daughter, father, mother, brother, sister, other (or 妻子 …).
        #[arg(long)]
        relation: String,
        /// YYYY-MM-DD, or MM-DD when the year is unknown.
        #[arg(long)]
        birthday: Option<String>,
        /// The birthday is in the lunar calendar (农历).
        #[arg(long)]
        lunar: bool,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        notes: Option<String>,
    },
}
