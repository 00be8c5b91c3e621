//! An import written in one transaction (its record, the customers it creates with their
//! history and prompts, the fields it fills, its links to them), and undone as a whole
//! later.

use std::collections::BTreeMap;

use carnet_core::Profile;
use carnet_core::followup::Rules;
use carnet_core::history::{
    FamilyMember, HandledPrompt, Interaction, KeyFactChange, LevelChange, PromptOutcome,
};
use carnet_core::quote::SavedQuote;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rusqlite::Connection;
use rusqlite::types::Value;

use crate::codec::{date_time_text, json_ids, parse_date_time, time_text};
use crate::ops::customer::{self, NewCustomers as NewRows};
use crate::ops::prompt_refresh::{self, NewPrompts};
use crate::rows::Batch;
pub use crate::tables::imports::ImportRecord;
use crate::tables::imports::{self, CREATED_HEAD};
use crate::tables::{
    customer_search, customers, family_members, interactions, key_fact_changes, level_changes,
    prompt_log, prompts, quotes, standing,
};
use crate::{StoreError, Write};

/// A customer an import creates, with everything it brings.
#[derive(Debug, Clone)]
pub struct NewCustomer {
    pub id: String,
    /// Kept from a Carnet export; now when `None`.
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub profile: Profile,
    pub family: Vec<FamilyMember>,
    pub interactions: Vec<Interaction>,
    pub level_changes: Vec<LevelChange>,
    /// The history of key facts an export brought (the newest first).
    pub key_fact_changes: Vec<KeyFactChange>,
    /// What the consultant who exported the book did with this customer's prompts.
    pub handled_prompts: Vec<HandledPrompt>,
    /// The prompts that came due and what became of them, as an export kept them.
    pub prompt_log: Vec<carnet_core::history::PromptOutcome>,
    /// The quote sheets of the interactions above, as an export kept them.
    pub quotes: Vec<SavedQuote>,
}

/// What an import adds to a customer already in the book: empty fields filled (`profile` is
/// the whole profile after filling; `filled` the fields and the text put in them), and family
/// members and interactions not there yet.
#[derive(Debug, Clone)]
pub struct Fill {
    pub customer_id: String,
    pub profile: Profile,
    pub filled: BTreeMap<String, String>,
    pub family: Vec<FamilyMember>,
    pub interactions: Vec<Interaction>,
    /// The quote sheets of those interactions.
    pub quotes: Vec<SavedQuote>,
}

/// What one import writes besides the customers it creates (which come a chunk at a time,
/// see [`Write::apply_import`]).
#[derive(Debug, Clone)]
pub struct ImportPlan {
    pub record: ImportRecord,
    /// How many customers the import creates.
    pub created: usize,
    pub fills: Vec<Fill>,
    /// In a team book, the consultant whose export this is: the customers it creates are
    /// theirs.
    pub consultant: Option<String>,
}

/// The customers an import creates, made one at a time as they are written (on a thread of
/// their own): a big file's customers are never all held at once. An error stops the import
/// with nothing written.
pub type NewCustomers<'a> = dyn Iterator<Item = Result<NewCustomer, StoreError>> + Send + 'a;

/// What undoing an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UndoneImport {
    /// Customers the import created, moved to the trash.
    pub removed: u64,
    /// Customers whose filled fields (still as the import left them) were cleared, or whose
    /// added family members and interactions were taken away.
    pub reverted: u64,
}

/// How many new customers are written together, between two progress reports: about a
/// dozen reports in all, and as many rows as that allows to each table in turn (writing one
/// table's rows together is faster than going round every table for each few hundred).
/// A multiple of 256, as progress is reported every 256 customers.
fn chunk_size(created: usize) -> usize {
    (created / 12 / 256 * 256).clamp(256, 8192)
}

/// How many new customers each chunk holds, in turn: a small one first, so that writing
/// starts while the next chunk's rows are being made, then chunks of `chunk_size` (each a
/// multiple of 256, as progress is reported every 256 customers).
fn chunk_lengths(created: usize) -> impl Iterator<Item = usize> {
    let size = chunk_size(created);
    let first = (size / 8 / 256 * 256).max(256);
    std::iter::once(first).chain(std::iter::repeat(size))
}

impl NewCustomer {
    /// Whether the customer comes with nothing their prompts depend on but the profile.
    fn plain(&self) -> bool {
        self.family.is_empty()
            && self.interactions.is_empty()
            && self.level_changes.is_empty()
            && self.handled_prompts.is_empty()
            && self.prompt_log.is_empty()
    }
}

/// A chunk of new customers with their rows, made on one thread and written on another:
/// the customers (with their lists and index entries), their prompts and standings (worked
/// out from what they bring), their links to the import, their histories' rows, and the
/// prompt log each brought, answered (`None` for one who brought none).
struct Made {
    chunk: Vec<NewCustomer>,
    customers: NewRows,
    prompts: Batch,
    standings: Batch,
    links: Batch,
    history: HistoryRows,
    logs: Vec<Option<Vec<PromptOutcome>>>,
}

/// The rows of a chunk's histories, but their prompt logs and quotes (which depend on what
/// is written).
struct HistoryRows {
    key_facts: Batch,
    /// Left out when their ids are in the book already; a row to a statement when the
    /// foreign keys are checked row by row (quotes refer to interactions: see
    /// [`Batch::one_row`]), many otherwise.
    interactions: Batch,
    /// Left out when their ids are in the book already.
    family: Batch,
    level_changes: Batch,
    /// The last of each key stays.
    actions: Batch,
}

impl HistoryRows {
    /// `keys_checked`: whether the import's foreign keys are checked row by row (see
    /// [`Store::write_import`](crate::Store::write_import)).
    fn new(keys_checked: bool) -> HistoryRows {
        HistoryRows {
            key_facts: Batch::new(key_fact_changes::HEAD, 5),
            interactions: Batch::or_ignore(interactions::HEAD, 20, keys_checked),
            family: Batch::or_ignore(family_members::HEAD, 12, false),
            level_changes: Batch::new(level_changes::HEAD, 8),
            actions: Batch::or_replace(prompts::ACTIONS_HEAD, 6),
        }
    }

    /// Adds a new customer's history.
    fn push(&mut self, c: &NewCustomer) -> Result<(), StoreError> {
        for row in key_fact_changes::history_rows(&c.id, &c.key_fact_changes) {
            self.key_facts.row(row);
        }
        for f in &c.family {
            let created = time_text(&f.created_at);
            self.family
                .row(family_members::row(&f.id, &c.id, &f.facts, &created));
        }
        for i in &c.interactions {
            let created = time_text(&i.created_at);
            self.interactions.row(interactions::row(&c.id, i, &created));
        }
        for l in &c.level_changes {
            let at = parse_date_time(&l.changed_at)?;
            self.level_changes.row(level_changes::row(&c.id, at, l));
        }
        for h in &c.handled_prompts {
            let at = time_text(&h.at);
            self.actions.row(prompts::action_row(
                &c.id,
                &h.key,
                h.action,
                h.reason.as_deref(),
                &at,
            ));
        }
        Ok(())
    }

    /// Writes them all; whether every family member and interaction was written (none of
    /// their ids was in the book already).
    fn write(&self, conn: &Connection) -> Result<bool, StoreError> {
        self.key_facts.write(conn)?;
        let family = self.family.write_counting(conn)?;
        let interactions = self.interactions.write_counting(conn)?;
        self.level_changes.write(conn)?;
        self.actions.write(conn)?;
        Ok(family == self.family.len() && interactions == self.interactions.len())
    }
}

/// Makes the rows of a chunk of new customers: the customers (with their lists and index
/// entries), their prompts and standings, their links to the import, their histories.
fn chunk_rows(
    chunk: Vec<NewCustomer>,
    (import_id, now, consultant, fills): (&str, &str, Option<&str>, bool),
    new: &mut NewRows,
    prompts: &mut NewPrompts<'_>,
    links: &mut Batch,
) -> Result<Made, StoreError> {
    let mut standings = Batch::new(standing::STANDING_HEAD, 16);
    // An import that fills no customer in the book has its keys checked by construction.
    let mut history = HistoryRows::new(fills);
    let mut logs = Vec::with_capacity(chunk.len());
    for c in &chunk {
        let created_at = c
            .created_at
            .as_ref()
            .map_or_else(|| now.to_owned(), time_text);
        let updated_at = c
            .updated_at
            .as_ref()
            .map_or_else(|| now.to_owned(), time_text);
        let (until, last_contact) = if c.plain() {
            logs.push(None);
            (prompts.push(&c.id, &c.profile, &created_at)?, None)
        } else {
            let brought = prompt_refresh::Brought {
                id: &c.id,
                profile: &c.profile,
                level_changes: &c.level_changes,
                family: &c.family,
                interactions: &c.interactions,
                handled_prompts: &c.handled_prompts,
                prompt_log: &c.prompt_log,
            };
            let worked = prompts.push_worked(&brought, &created_at)?;
            standings.row(worked.standing);
            logs.push(worked.log);
            (worked.until, worked.last_contact)
        };
        history.push(c)?;
        new.add(
            &c.id,
            (&created_at, &updated_at),
            &c.profile,
            (Some(&until), last_contact.as_deref()),
            consultant,
        );
        links.row([
            Value::Text(import_id.to_owned()),
            Value::Text(c.id.clone()),
            Value::Integer(1),
        ]);
    }
    Ok(Made {
        chunk,
        customers: new.take(),
        prompts: prompts.take(),
        standings,
        links: links.take(),
        history,
        logs,
    })
}

/// The rest of a new customer's history, once the chunk's rows are written (`whole`: every
/// family member and interaction of the chunk was): the quotes of their interactions and
/// their prompt log (`log`: the one they brought, answered). Their row, prompts and standing
/// were worked out from their history (see [`prompt_refresh::Worked`]); when one of their
/// family members or interactions was in the book already (under the same id, so not
/// written), they are worked out again from what was, with the prompt log as they brought
/// it.
fn write_history(
    conn: &Connection,
    c: &NewCustomer,
    (log, whole): (Option<&[PromptOutcome]>, bool),
    rules: &Rules,
    today: NaiveDate,
) -> Result<(), StoreError> {
    if c.plain() {
        return Ok(());
    }
    let (family, interactions) = if whole {
        (c.family.clone(), c.interactions.iter().collect())
    } else {
        written(conn, c)?
    };
    save_quotes(conn, &c.id, &c.quotes, &interactions)?;
    let complete = family.len() == c.family.len() && interactions.len() == c.interactions.len();
    if complete && !tests::recompute_worked() {
        prompt_log::insert_history(conn, &c.id, log.unwrap_or_default())?;
        return Ok(());
    }
    prompt_log::insert_history(conn, &c.id, &c.prompt_log)?;
    prompts::clear(conn, &c.id)?;
    customers::touch_last_contact(conn, &c.id)?;
    prompt_refresh::refresh_created(
        conn,
        &c.id,
        (&c.level_changes, family, &interactions),
        (!c.handled_prompts.is_empty(), !c.prompt_log.is_empty()),
        rules,
        today,
    )?;
    Ok(())
}

/// The family members and interactions of a new customer that were written as theirs (one
/// whose id was in the book already, another's, was not).
fn written<'c>(
    conn: &Connection,
    c: &'c NewCustomer,
) -> Result<(Vec<FamilyMember>, Vec<&'c Interaction>), StoreError> {
    // Each id once: a second with the same id was not written.
    let mut seen = std::collections::HashSet::new();
    let mut theirs = |id: &str, owner: Option<String>| {
        owner.as_deref() == Some(c.id.as_str()) && seen.insert(id.to_owned())
    };
    let mut family = Vec::new();
    for f in &c.family {
        if theirs(&f.id, family_members::customer_of(conn, &f.id)?) {
            family.push(f.clone());
        }
    }
    let mut added = Vec::new();
    for i in &c.interactions {
        if theirs(&i.id, interactions::customer_of(conn, &i.id)?) {
            added.push(i);
        }
    }
    Ok((family, added))
}

/// A new customer's history of key facts, family, timeline, level history and handled
/// prompts, written as it came (not their prompt log, their prompts or their last contact);
/// the family members and interactions written (one whose id the book holds already is not).
fn write_records<'c>(
    conn: &Connection,
    c: &'c NewCustomer,
) -> Result<(Vec<FamilyMember>, Vec<&'c Interaction>), StoreError> {
    key_fact_changes::insert_history(conn, &c.id, &c.key_fact_changes)?;
    if c.plain() {
        return Ok((Vec::new(), Vec::new()));
    }
    let mut family = Vec::new();
    for f in &c.family {
        if family_members::insert_as(conn, &f.id, &c.id, &f.facts, &time_text(&f.created_at))? {
            family.push(f.clone());
        }
    }
    let mut added = Vec::new();
    for i in &c.interactions {
        if interactions::insert_as(conn, &c.id, i, &time_text(&i.created_at))? {
            added.push(i);
        }
    }
    save_quotes(conn, &c.id, &c.quotes, &added)?;
    for l in &c.level_changes {
        level_changes::record(conn, &c.id, parse_date_time(&l.changed_at)?, l)?;
    }
    prompts::insert_handled(conn, &c.id, &c.handled_prompts)?;
    Ok((family, added))
}

/// Keeps the quote sheets of the interactions this import `added` for `customer_id`, each as
/// saved when its interaction was logged (a quote whose interaction was in the book already,
/// or is not in the file, is left as the book has it).
fn save_quotes(
    conn: &Connection,
    customer_id: &str,
    quotes: &[SavedQuote],
    added: &[&Interaction],
) -> Result<(), StoreError> {
    for q in quotes {
        let Some(logged) = added.iter().find(|i| i.id == q.interaction_id) else {
            continue;
        };
        let quote = SavedQuote {
            customer_id: customer_id.to_owned(),
            ..q.clone()
        };
        quotes::insert(conn, &quote, &time_text(&logged.created_at))?;
    }
    Ok(())
}

fn write(
    conn: &Connection,
    plan: &ImportPlan,
    created: &mut NewCustomers<'_>,
    (at, now, rules): (NaiveDateTime, &str, &Rules),
    progress: &mut dyn FnMut(usize) -> bool,
) -> Result<(), StoreError> {
    let r = &plan.record;
    imports::insert(conn, r)?;
    let mut done = 0usize;
    let mut tick = |done: usize| -> Result<(), StoreError> {
        if done.is_multiple_of(256) && !progress(done) {
            return Err(StoreError::Cancelled);
        }
        Ok(())
    };
    let today = at.date();
    let rebuilt = set_aside_indexes(conn, plan.created)?;
    // Each chunk of new customers is made, and its rows with it, on a thread of its own while
    // the chunk before is written here (making them costs a fraction of writing them). The
    // channel holds none: a chunk made waits for the writer to take it, so that two chunks
    // at most are held at once (a third held 30 to 50 MB more in a 100,000-row import).
    // A chunk written goes back to that thread to be dropped: freeing what another thread
    // allocated cost the writer a twentieth of its time.
    let mut new = NewRows::start(conn)?;
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel(0);
        let (give_back, written) = std::sync::mpsc::channel::<Made>();
        scope.spawn(move || {
            let mut prompts = NewPrompts::new(rules, today);
            let mut links = Batch::new(CREATED_HEAD, 3);
            for len in chunk_lengths(plan.created) {
                written.try_iter().for_each(drop);
                let chunk: Result<Vec<NewCustomer>, StoreError> =
                    (&mut *created).take(len).collect();
                let made = chunk.and_then(|chunk| {
                    chunk_rows(
                        chunk,
                        (
                            r.id.as_str(),
                            now,
                            plan.consultant.as_deref(),
                            !plan.fills.is_empty(),
                        ),
                        &mut new,
                        &mut prompts,
                        &mut links,
                    )
                });
                let last = made.as_ref().map_or(true, |m| m.chunk.len() < len);
                // Nobody receiving: the writer stopped, and says why.
                if send.send(made).is_err() || last {
                    break;
                }
            }
            // Until the writer is done (which it is once it hears that no chunk follows).
            drop(send);
            written.iter().for_each(drop);
        });
        for made in receive {
            let made = made?;
            made.customers.write(conn)?;
            made.prompts.write(conn)?;
            made.standings.write(conn)?;
            made.links.write(conn)?;
            let whole = made.history.write(conn)?;
            for (c, log) in made.chunk.iter().zip(&made.logs) {
                write_history(conn, c, (log.as_deref(), whole), rules, today)?;
            }
            // The chunk's full-text rows, in one statement (FTS5 writes what it gathered at
            // the end of each statement).
            customer_search::write_pending(conn)?;
            done += made.chunk.len();
            // Refused only if the thread that made it panicked: the chunk is then dropped here.
            let _ = give_back.send(made);
            tick(done)?;
        }
        drop(give_back);
        if done != plan.created {
            return Err(StoreError::Corrupt(format!(
                "the import was to create {} customers and {done} came",
                plan.created
            )));
        }
        Ok(())
    })?;
    for f in &plan.fills {
        if !f.filled.is_empty() {
            customer::update(conn, &f.customer_id, &f.profile, at, now)?;
        }
        let mut family_ids = Vec::new();
        for m in &f.family {
            if family_members::insert_as(
                conn,
                &m.id,
                &f.customer_id,
                &m.facts,
                &time_text(&m.created_at),
            )? {
                family_ids.push(&m.id);
            }
        }
        let mut interaction_ids = Vec::new();
        let mut added = Vec::new();
        for i in &f.interactions {
            if interactions::insert_as(conn, &f.customer_id, i, &time_text(&i.created_at))? {
                interaction_ids.push(&i.id);
                added.push(i);
            }
        }
        if !interaction_ids.is_empty() {
            customers::touch_last_contact(conn, &f.customer_id)?;
        }
        save_quotes(conn, &f.customer_id, &f.quotes, &added)?;
        prompt_refresh::refresh(conn, &f.customer_id, rules, today)?;
        imports::link_filled(
            conn,
            &r.id,
            &f.customer_id,
            &serde_json::to_string(&f.filled).unwrap_or_else(|_| "{}".into()),
            &json_ids(family_ids.into_iter()),
            &json_ids(interaction_ids.into_iter()),
        )?;
        done += 1;
        tick(done)?;
    }
    for sql in rebuilt {
        conn.execute_batch(&sql)?;
    }
    Ok(())
}

/// The tables whose secondary indexes a big import into a smaller book sets aside and builds
/// again at its end: nothing the write reads goes through them (it reads by primary key),
/// and building an index from its rows once, sorted, is quicker than inserting into it row
/// by row.
const INDEXES_REBUILT_FOR: [&str; 7] = [
    "customers",
    "customer_models",
    "customer_tags",
    "customer_phones",
    "prompts",
    "import_customers",
    "prompt_log",
];

/// The indexes of [`INDEXES_REBUILT_FOR`] whose new entries land all over the index (by the
/// name's pinyin, the level, a phone's digits), not after the entries already there as most
/// others' do (by a new id, today's date) or in a few places (by a model): an import into a
/// book about its size (or up to four times bigger) sets these aside and builds them again.
/// 100,000 customers into a book of 100,000: the writing thread's time went from 4.3 s to
/// 3.5–3.7 s, building these three again included (0.75–0.85 s).
const SCATTERED_INDEXES: [&str; 3] = [
    "customers_live_pinyin",
    "customers_live_level",
    "customer_phones_key",
];

/// The partial indexes of [`INDEXES_REBUILT_FOR`] that an import's rows seldom enter (the
/// customers in the trash, those with a consultant's name or a referrer): never set aside,
/// as inserting the few rows costs next to nothing and building one again reads the whole
/// table (0.1 s of a 100,000-row import into an empty book for the three).
const NEARLY_EMPTY_INDEXES: [&str; 3] = [
    "customers_trash",
    "customers_consultant",
    "customers_referred_by",
];

/// The fewest customers an import creates for [`set_aside_indexes`] to be worth it.
const SET_ASIDE_FROM: usize = 2_000;

/// Which secondary indexes an import of `created` customers into a book of `before` sets
/// aside: none for a small import (or one into a book more than four times its size); the
/// scattered ones into a book up to four times its size; all but the nearly empty ones into
/// a book no bigger than it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SetAside {
    None,
    Scattered,
    All,
}

impl SetAside {
    fn of(created: usize, before: usize) -> SetAside {
        if created < SET_ASIDE_FROM || created.saturating_mul(4) < before {
            SetAside::None
        } else if created < before {
            SetAside::Scattered
        } else {
            SetAside::All
        }
    }
}

/// Drops the secondary (not unique) indexes of [`INDEXES_REBUILT_FOR`] that [`SetAside`]
/// names for an import of `created` customers, and returns the statements that make them
/// again. Both run in the import's transaction: an import that fails or is stopped rolls the
/// drop back with everything else.
fn set_aside_indexes(conn: &Connection, created: usize) -> Result<Vec<String>, StoreError> {
    if created < SET_ASIDE_FROM {
        return Ok(Vec::new());
    }
    let before: i64 = conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?;
    let set_aside = SetAside::of(created, usize::try_from(before).unwrap_or(usize::MAX));
    if set_aside == SetAside::None {
        return Ok(Vec::new());
    }
    drop_indexes(conn, &INDEXES_REBUILT_FOR, |name| match set_aside {
        SetAside::Scattered => SCATTERED_INDEXES.contains(&name),
        _ => !NEARLY_EMPTY_INDEXES.contains(&name),
    })
}

/// Drops the secondary (not unique) indexes of `tables` that `dropped` names, and returns the
/// statements that make them again, in the caller's transaction.
pub(crate) fn drop_indexes(
    conn: &Connection,
    tables: &[&str],
    dropped: impl Fn(&str) -> bool,
) -> Result<Vec<String>, StoreError> {
    let mut statement = conn.prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL \
         AND sql NOT LIKE 'CREATE UNIQUE%' \
         AND tbl_name IN (SELECT value FROM json_each(?1)) ORDER BY name",
    )?;
    let tables = serde_json::to_string(tables).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let indexes = statement
        .query_map([tables], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut again = Vec::with_capacity(indexes.len());
    for (name, sql) in indexes {
        if !dropped(&name) {
            continue;
        }
        conn.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
        again.push(sql);
    }
    Ok(again)
}

impl Write<'_> {
    /// Adds customers with the histories they bring (a demo book), written as an import
    /// writes the customers it creates, but belonging to no import. Their standings are
    /// added up now; their prompts wait for the next refresh (the first look at Today).
    pub fn insert_customers_with_histories(&self, all: &[NewCustomer]) -> Result<(), StoreError> {
        let conn = self.conn();
        let now = self.now_text();
        let mut new = NewRows::start(conn)?;
        for c in all {
            let created_at = c.created_at.as_ref().map_or_else(|| now.clone(), time_text);
            let updated_at = c.updated_at.as_ref().map_or_else(|| now.clone(), time_text);
            new.add(
                &c.id,
                (&created_at, &updated_at),
                &c.profile,
                (None, None),
                None,
            );
        }
        new.finish(conn)?;
        for c in all {
            write_records(conn, c)?;
            prompt_log::insert_history(conn, &c.id, &c.prompt_log)?;
            if !c.interactions.is_empty() {
                customers::touch_last_contact(conn, &c.id)?;
            }
            prompt_refresh::refresh_standing(conn, &c.id)?;
        }
        Ok(())
    }

    /// Writes a whole import in one transaction: all of it, or (on an error, or when
    /// `progress` answers `false` to stop) none of it. `progress` hears how many customers
    /// have been written. `at` is the consultant's local time, for the level history; the
    /// prompts of the customers it concerns are recomputed by `rules` in the same
    /// transaction.
    pub fn apply_import(
        &self,
        plan: &ImportPlan,
        created: &mut NewCustomers<'_>,
        at: NaiveDateTime,
        rules: &Rules,
        progress: &mut dyn FnMut(usize) -> bool,
    ) -> Result<(), StoreError> {
        write(
            self.conn(),
            plan,
            created,
            (at, &self.now_text(), rules),
            progress,
        )?;
        // Copying a big import from the log into the book (a checkpoint) takes about half as
        // long as committing it; it is left to a thread of its own, so that the consultant
        // does not wait for it. The import is safe on disk once committed.
        self.defer_checkpoint();
        Ok(())
    }

    /// Undoes an import as a whole: the customers it created go to the trash; the fields it
    /// filled are cleared where they still hold what it put there; the family members and
    /// interactions it added are removed. Everything done since stays. `None` when there is
    /// no such import (or it was undone already).
    pub fn undo_import(
        &self,
        id: &str,
        at: NaiveDateTime,
    ) -> Result<Option<UndoneImport>, StoreError> {
        let tx = self.conn();
        if !imports::is_open(tx, id)? {
            return Ok(None);
        }
        let links = imports::links(tx, id)?;
        let mut done = UndoneImport::default();
        let now = self.now_text();
        for (customer_id, created, filled, family_ids, interaction_ids) in links {
            if created {
                let moved = customers::set_trashed(tx, &customer_id, &now)?;
                if moved {
                    customer_search::unindex(tx, &customer_id)?;
                    // Nobody in the trash is on Today.
                    prompts::clear(tx, &customer_id)?;
                    done.removed += 1;
                }
                continue;
            }
            let mut changed = false;
            let filled: BTreeMap<String, String> =
                serde_json::from_str(&filled).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            if let Some(customer) = customers::read(tx, &customer_id)? {
                let mut draft = customer.profile.to_draft();
                let mut cleared = false;
                for (field, value) in &filled {
                    if draft.get(field).as_deref() == Some(value.as_str()) {
                        draft
                            .set(field, "")
                            .map_err(|e| StoreError::Corrupt(format!("{e:?}")))?;
                        if field == "birthday" {
                            draft.birthday_lunar = false;
                        }
                        cleared = true;
                    }
                }
                if cleared {
                    let profile = draft
                        .validate(at.date())
                        .map_err(|e| StoreError::Corrupt(format!("{e:?}")))?;
                    customer::update(tx, &customer_id, &profile, at, &now)?;
                    changed = true;
                }
            }
            let ids = |json: &str| -> Result<Vec<String>, StoreError> {
                serde_json::from_str(json).map_err(|e| StoreError::Corrupt(e.to_string()))
            };
            for family_id in ids(&family_ids)? {
                changed |= family_members::delete(tx, &family_id)?;
            }
            let interaction_ids = ids(&interaction_ids)?;
            for interaction_id in &interaction_ids {
                changed |= interactions::delete(tx, interaction_id)?;
            }
            if !interaction_ids.is_empty() {
                customers::touch_last_contact(tx, &customer_id)?;
            }
            customers::invalidate_prompts(tx, &customer_id)?;
            if changed {
                done.reverted += 1;
            }
        }
        imports::mark_undone(tx, id, &date_time_text(at))?;
        Ok(Some(done))
    }
}

#[cfg(test)]
mod tests;

#[cfg(not(test))]
mod tests {
    /// Whether what was worked out for a new customer is worked out again from what was
    /// written (only ever asked for by a test comparing the two).
    pub(super) fn recompute_worked() -> bool {
        false
    }
}
