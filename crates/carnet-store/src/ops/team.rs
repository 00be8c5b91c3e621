//! A team book: a manager's book built from the consultants' exports, each customer tagged
//! with the consultant whose export they came from (`customers.consultant`), and read per
//! consultant by the reports. A consultant's own book never holds a tag.

use rusqlite::Connection;

use crate::ops::erase::delete_row;
use crate::ops::import::drop_indexes;
use crate::rows::collect_rows;
use crate::tables::settings;
use crate::{Store, StoreError, Write};

/// A customer two or more consultants hold: the phone they share, and who holds them as whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedRow {
    /// The phone's key (E.164, or `~` and the digits of one kept as typed).
    pub phone: String,
    pub consultant: String,
    pub customer_id: String,
    pub name: String,
}

/// The secondary indexes a team book's build sets aside and makes again once every export is
/// read: their entries land all over them (by kind, day and customer, by the day due, by level and
/// name, by a phone's digits, by model), so inserting a million interactions and a hundred
/// thousand customers into them row by row costs more than building them once, sorted. None
/// is read by the build (the indexes by customer that erasing a consultant's part goes
/// through stay, as does the one by name the duplicate check reads), and none is named by a
/// query (`INDEXED BY`): a team book whose build stopped before its end opens and answers as
/// well, slower.
const SET_ASIDE_WHILE_BUILT: [&str; 13] = [
    "interactions_appointments",
    "interactions_satisfaction",
    "interactions_sales",
    "level_changes_to_level",
    "prompt_log_due",
    "prompts_due",
    "customers_live_level",
    "customers_live_newest",
    "customers_live_last_contact",
    "customers_prompts_until",
    "customer_phones_key",
    "customer_models_model",
    "customer_tags_tag",
];

/// The tables of [`SET_ASIDE_WHILE_BUILT`].
const TABLES_SET_ASIDE: [&str; 8] = [
    "interactions",
    "level_changes",
    "prompt_log",
    "prompts",
    "customers",
    "customer_phones",
    "customer_models",
    "customer_tags",
];

/// The setting that keeps the statements making the indexes set aside again, until they are.
const SET_ASIDE_SETTING: &str = "team_indexes_set_aside";

/// The statements that make the indexes set aside again (none: none is).
fn set_aside_on(conn: &Connection) -> Result<Vec<String>, StoreError> {
    match settings::value(conn, SET_ASIDE_SETTING)? {
        Some(json) => serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(e.to_string())),
        None => Ok(Vec::new()),
    }
}

/// Makes again the indexes a team book's build set aside, on `conn`; how many. Also before
/// a book is migrated (in the first migration's transaction, see `Store::open_at`): a build
/// stopped before its end left them aside, and a migration may change one of them.
pub(crate) fn restore_left_aside(conn: &Connection) -> Result<usize, StoreError> {
    let again = set_aside_on(conn)?;
    for sql in &again {
        conn.execute_batch(sql)?;
    }
    settings::remove(conn, SET_ASIDE_SETTING)?;
    Ok(again.len())
}

impl Write<'_> {
    /// Sets aside a team book's scattered indexes while it is built (see
    /// [`SET_ASIDE_WHILE_BUILT`]), keeping the statements that make them again in the book: a
    /// build stopped before [`Write::restore_team_indexes`] leaves them to the next one.
    pub fn set_aside_team_indexes(&self) -> Result<usize, StoreError> {
        let mut again = self.indexes_set_aside()?;
        again.extend(drop_indexes(self.conn(), &TABLES_SET_ASIDE, |name| {
            SET_ASIDE_WHILE_BUILT.contains(&name)
        })?);
        self.keep_set_aside(&again)?;
        Ok(again.len())
    }

    /// Makes the indexes a team book's build set aside again; how many.
    pub fn restore_team_indexes(&self) -> Result<usize, StoreError> {
        restore_left_aside(self.conn())
    }

    fn indexes_set_aside(&self) -> Result<Vec<String>, StoreError> {
        set_aside_on(self.conn())
    }

    fn keep_set_aside(&self, again: &[String]) -> Result<(), StoreError> {
        let json = serde_json::to_string(again).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.set_setting(SET_ASIDE_SETTING, &json)
    }

    /// Erases a consultant's part of the team book (before their newer export replaces it);
    /// how many customers went.
    pub fn drop_consultant(&self, consultant: &str) -> Result<usize, StoreError> {
        let tx = self.conn();
        let ids: Vec<String> = {
            let mut stmt = tx.prepare("SELECT id FROM customers WHERE consultant = ?1")?;
            collect_rows(stmt.query([consultant])?, |r| Ok(r.get(0)?))?
        };
        // Not remembered as erased: the newer export brings the same customers back.
        for id in &ids {
            delete_row(tx, id)?;
        }
        Ok(ids.len())
    }
}

/// The setting that makes a book a team book (`"1"`).
pub const TEAM_BOOK_SETTING: &str = "team_book";

/// What kind of book a file is, as far as a restore goes: a team book and a consultant's own
/// book never replace each other (nor could one be copied into the other: a team book made
/// since [`TEAM_PAGE_SIZE`] has bigger pages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BookKind {
    pub team: bool,
    pub page_size: i64,
}

/// What kind of book `conn` holds. A book from before the settings table is a consultant's
/// own.
pub(crate) fn kind_of_book(conn: &Connection) -> Result<BookKind, StoreError> {
    let has_settings: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'settings'",
        [],
        |r| r.get(0),
    )?;
    let team = has_settings && settings::value(conn, TEAM_BOOK_SETTING)?.as_deref() == Some("1");
    Ok(BookKind {
        team,
        page_size: page_size(conn)?,
    })
}

/// The book's page size in bytes. SQLCipher answers for an encrypted book, as text.
fn page_size(conn: &Connection) -> Result<i64, StoreError> {
    use rusqlite::types::Value;
    let size = match conn.query_row("PRAGMA page_size", [], |r| r.get::<_, Value>(0))? {
        Value::Integer(size) => Some(size),
        Value::Text(text) => text.trim().parse().ok(),
        _ => None,
    };
    size.ok_or_else(|| StoreError::Corrupt("the book's page size could not be read".into()))
}

/// The page size a new team book is given, in bytes (SQLite's default, which a consultant's
/// own book keeps, is 4 KiB): building a team book from 20 exports of 5,000 customers took
/// 7.8–7.9 s with these pages against 9.0 s (8 KiB: 8.2–8.6 s), its reports as quick. A
/// backup's pages must be the book's size to be restored into it, so a consultant's own book
/// keeps the default (its backups of every age restore into it).
pub(crate) const TEAM_PAGE_SIZE: i64 = 16_384;

impl Store {
    /// Gives a new book (no customers yet) the team book's pages ([`TEAM_PAGE_SIZE`]),
    /// rewriting it (`VACUUM`), which holds nothing but its schema yet; whether it did. A book
    /// with customers, an encrypted one (its pages are SQLCipher's) or one another connection
    /// holds open is left as it is: it is built as well, more slowly.
    pub fn use_team_pages(&self) -> Result<bool, StoreError> {
        if self.is_encrypted()
            || page_size(&self.conn)? == TEAM_PAGE_SIZE
            || self.count_customers()? > 0
        {
            return Ok(false);
        }
        // The page size of a book in WAL mode is fixed: it leaves WAL mode for the rewrite.
        self.wait_for_checkpoint();
        // Another connection holding the book keeps it in WAL mode (the answer, or a busy
        // error once the wait is over): it is then built with the pages it has.
        let mode: Result<String, _> =
            self.conn
                .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0));
        if !mode.is_ok_and(|mode| mode.eq_ignore_ascii_case("delete")) {
            return Ok(false);
        }
        let rewritten = self
            .conn
            .pragma_update(None, "page_size", TEAM_PAGE_SIZE)
            .and_then(|()| self.conn.execute_batch("VACUUM"));
        let back: Result<String, _> =
            self.conn
                .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0));
        rewritten?;
        back?;
        Ok(true)
    }

    /// Whether each commit waits for the log to be on disk (`synchronous = FULL`, as always)
    /// or not (`NORMAL`: while a team book is built, export after export). Without the wait,
    /// a crash may lose the exports read last, never leave the book damaged (each commit is
    /// whole in the log), and the exports are there to be read again; the next commit made
    /// with the wait puts every one before it on disk too.
    pub fn wait_for_disk_at_commit(&self, wait: bool) -> Result<(), StoreError> {
        let level = if wait { "FULL" } else { "NORMAL" };
        self.conn.pragma_update(None, "synchronous", level)?;
        Ok(())
    }

    /// Whether each commit waits for the log to be on disk (see
    /// [`Store::wait_for_disk_at_commit`]).
    pub fn waits_for_disk_at_commit(&self) -> Result<bool, StoreError> {
        let level: i64 = self
            .conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))?;
        Ok(level >= 2)
    }

    /// The consultants of a team book and how many customers each holds, by name.
    pub fn consultants(&self) -> Result<Vec<(String, u64)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT consultant, count(*) FROM customers
             WHERE consultant IS NOT NULL AND deleted_at IS NULL
             GROUP BY consultant ORDER BY consultant",
        )?;
        collect_rows(stmt.query([])?, |r| {
            Ok((r.get(0)?, u64::try_from(r.get::<_, i64>(1)?).unwrap_or(0)))
        })
    }

    /// What each table of the book holds, told by its rows and not their order: for the
    /// schema (`sqlite_master`), each ordinary table and each full-text table's own columns
    /// (not its segments), how many
    /// rows and the wrapping sum of each row's hash, leaving out the columns `skip` names
    /// (`table.column`, or `*.column` in every table). Two books that hold the same rows give
    /// the same digests, however they were written: a team book built one way or another.
    pub fn table_digests(
        &self,
        skip: &[&str],
    ) -> Result<std::collections::BTreeMap<String, (u64, u64)>, StoreError> {
        use std::hash::{Hash, Hasher};
        let mut tables: Vec<(String, bool)> = {
            let mut stmt = self.conn.prepare(
                "SELECT name, sql LIKE 'CREATE VIRTUAL%' FROM sqlite_master
                 WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )?;
            collect_rows(stmt.query([])?, |r| Ok((r.get(0)?, r.get(1)?)))?
        };
        tables.push(("sqlite_master".to_owned(), false));
        let virtual_tables: Vec<&str> = tables
            .iter()
            .filter(|(_, v)| *v)
            .map(|(n, _)| n.as_str())
            .collect();
        let mut out = std::collections::BTreeMap::new();
        for (table, _) in &tables {
            // A full-text table's segments depend on how its rows came.
            if virtual_tables
                .iter()
                .any(|v| table.starts_with(&format!("{v}_")))
            {
                continue;
            }
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT * FROM \"{}\"", table.replace('"', "\"\"")))?;
            let kept: Vec<usize> = stmt
                .column_names()
                .enumerate()
                .filter(|(_, c)| {
                    !skip.contains(&format!("{table}.{c}").as_str())
                        && !skip.contains(&format!("*.{c}").as_str())
                })
                .map(|(i, _)| i)
                .collect();
            let mut rows = stmt.query([])?;
            let (mut count, mut sum) = (0u64, 0u64);
            while let Some(row) = rows.next()? {
                let mut h = std::hash::DefaultHasher::new();
                for &i in &kept {
                    format!("{:?}", row.get_ref(i)?).hash(&mut h);
                }
                count += 1;
                sum = sum.wrapping_add(h.finish());
            }
            out.insert(table.clone(), (count, sum));
        }
        Ok(out)
    }

    /// The customers whom two or more consultants hold (the same phone), by phone.
    pub fn shared_customers(&self) -> Result<Vec<SharedRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT p.key, c.consultant, c.id, c.name
             FROM customer_phones p JOIN customers c ON c.id = p.customer_id
             WHERE c.consultant IS NOT NULL AND c.deleted_at IS NULL AND p.key IN (
                 SELECT p2.key FROM customer_phones p2
                 JOIN customers c2 ON c2.id = p2.customer_id
                 WHERE c2.consultant IS NOT NULL AND c2.deleted_at IS NULL
                 GROUP BY p2.key HAVING count(DISTINCT c2.consultant) > 1)
             ORDER BY p.key, c.consultant, c.name",
        )?;
        collect_rows(stmt.query([])?, |r| {
            Ok(SharedRow {
                phone: r.get(0)?,
                consultant: r.get(1)?,
                customer_id: r.get(2)?,
                name: r.get(3)?,
            })
        })
    }
}
