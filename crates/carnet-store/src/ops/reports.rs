//! What the reports read (carnet-app's `reports` adds it up with carnet-core's
//! `differentiate`): every customer's standing beside their row, the sales, lost sales,
//! logged prompts, satisfaction answers, appointments and level snapshots of a period. Reads
//! only; dates are local days, 'YYYY-MM-DD', and periods include both ends.

use std::collections::HashMap;
use std::sync::atomic::Ordering::Relaxed;

use carnet_core::differentiate::Standing;
use carnet_core::differentiate::lookalike::Traits;
use carnet_core::{
    AppointmentKind, Budget, DecisionMaker, InteractionKind, Level, LostReason, Pick, PromptKind,
    Purpose, Source,
};
use chrono::NaiveDate;
use rusqlite::params;

use crate::codec::{budget, date_text, fixed_date};
use crate::rows::collect_rows;
use crate::tables::standing::{
    self, PROFILED_SQL, Placing, REFERRED_BOUGHT, STANDING_COLUMNS, placing_at, placing_columns,
};
use crate::{Store, StoreError};

/// A day from a stored text that starts with one ('YYYY-MM-DD…').
fn day_of(text: Option<String>) -> Option<NaiveDate> {
    day_ref(text.as_deref())
}

/// [`day_of`] of a text read in place.
fn day_ref(text: Option<&str>) -> Option<NaiveDate> {
    text.and_then(|t| t.get(..10).and_then(|d| fixed_date(d.as_bytes())))
}

/// A text column read in place (`None` for NULL).
fn text_ref<'r>(r: &'r rusqlite::Row<'_>, at: usize) -> Result<Option<&'r str>, StoreError> {
    r.get_ref(at)?
        .as_str_or_null()
        .map_err(|e| StoreError::Corrupt(format!("a text column: {e}")))
}

/// A customer as the reports see them.
#[derive(Debug, Clone)]
pub struct BookRow {
    pub id: String,
    /// Empty from [`Store::book_rows`] (reading every name costs more than the rest; a report
    /// names the few it lists with [`Store::names_of`]).
    pub name: String,
    pub level: Level,
    /// The day they were added (UTC).
    pub created: NaiveDate,
    pub source: Option<Source>,
    pub channel: Option<String>,
    pub last_contact: Option<NaiveDate>,
    pub standing: Standing,
    pub profiled: bool,
    /// What the customers they referred bought, yuan.
    pub referred_bought: i64,
    /// The level they had when they came (their first level change's, else today's); read
    /// only for those who ordered, and only by [`Store::book_row`] and
    /// [`Store::book_rows_of`] ([`Store::entry_levels`] looks up those of many rows).
    pub entry_level: Option<Level>,
    pub budget: Option<Budget>,
    /// Why they were lost, for a customer at F: read by [`Store::book_row`] and
    /// [`Store::book_rows_of`]; [`Store::book_rows`] leaves it to [`Store::lost_reasons`].
    pub lost_reason: Option<LostReason>,
    /// Whose customer they are, in a team book.
    pub consultant: Option<String>,
}

/// A customer as the ideal customer and the lookalikes weigh them: what they are worth
/// (carnet-core's `value`) and whether they own a car.
#[derive(Debug, Clone)]
pub struct ValueRow {
    pub id: String,
    pub level: Level,
    /// Cars bought, what they cost, and the after-sale spend (their standing's).
    pub purchases: u32,
    pub bought: i64,
    pub service_spend: i64,
    /// What the customers they referred bought, yuan.
    pub referred_bought: i64,
}

impl ValueRow {
    /// The part of their standing that says what they are worth.
    pub fn standing(&self) -> Standing {
        Standing {
            purchases: self.purchases,
            bought: self.bought,
            service_spend: self.service_spend,
            ..Standing::default()
        }
    }
}

/// A customer id written as Carnet writes them (a UUID: lowercase hex, 8-4-4-4-12) as the
/// number it spells. Such ids compare as their numbers do, since a digit sorts before a
/// letter in both; `None` for any other id.
fn uuid_key(id: &str) -> Option<u128> {
    let b = id.as_bytes();
    if b.len() != 36 {
        return None;
    }
    let mut key: u128 = 0;
    for (at, &c) in b.iter().enumerate() {
        if matches!(at, 8 | 13 | 18 | 23) {
            if c != b'-' {
                return None;
            }
            continue;
        }
        let digit = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            _ => return None,
        };
        key = (key << 4) | u128::from(digit);
    }
    Some(key)
}

/// The positions of rows in the order of their ids, to merge other scans into by id with no
/// map of the book (the rows keep their own order).
///
/// When every id is a UUID (any book Carnet made), the ids are sorted and compared as the
/// numbers they spell: the same order as the texts' (SQLite's), without a memcmp, or a visit
/// to each row's id, per comparison (sorting and merging a book's 100,000 ids as texts was a
/// quarter of the pyramid report).
struct IdOrder {
    /// Positions in the rows, in the order of their ids.
    at: Vec<usize>,
    /// The ids' numbers in that order, when every id is a UUID.
    keys: Option<Vec<u128>>,
}

impl IdOrder {
    fn new<T>(rows: &[T], id: impl Fn(&T) -> &str) -> IdOrder {
        let keyed: Option<Vec<(u128, usize)>> = (0..rows.len())
            .map(|at| uuid_key(id(&rows[at])).map(|key| (key, at)))
            .collect();
        match keyed {
            Some(mut keyed) => {
                keyed.sort_unstable();
                let (keys, at) = keyed.into_iter().unzip();
                IdOrder {
                    at,
                    keys: Some(keys),
                }
            }
            None => {
                let mut at: Vec<usize> = (0..rows.len()).collect();
                at.sort_unstable_by(|a, b| id(&rows[*a]).cmp(id(&rows[*b])));
                IdOrder { at, keys: None }
            }
        }
    }

    /// The number of `key` to compare with [`IdOrder::cmp`]: none when the rows are compared
    /// as texts (an id of theirs is not a UUID), so no key is parsed for nothing.
    fn number_of(&self, key: &str) -> Option<u128> {
        self.keys.as_ref().and_then(|_| uuid_key(key))
    }

    /// How the id of the `nth` row in id order compares with `key`, whose number is `number`
    /// ([`IdOrder::number_of`]).
    fn cmp<T>(
        &self,
        rows: &[T],
        id: impl Fn(&T) -> &str,
        nth: usize,
        key: &str,
        number: Option<u128>,
    ) -> std::cmp::Ordering {
        match (&self.keys, number) {
            (Some(keys), Some(number)) => keys[nth].cmp(&number),
            _ => id(&rows[self.at[nth]]).cmp(key),
        }
    }

    /// Where the row with this id is.
    fn find<T>(&self, rows: &[T], id: impl Fn(&T) -> &str, key: &str) -> Option<usize> {
        let number = self.number_of(key);
        let (mut low, mut high) = (0, self.at.len());
        while low < high {
            let mid = low + (high - low) / 2;
            match self.cmp(rows, &id, mid, key, number) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return Some(self.at[mid]),
            }
        }
        None
    }
}

/// The first level each customer of the JSON list `?1` changed from (see
/// [`Store::entry_levels`]).
const ENTRY_LEVELS_SQL: &str =
    "SELECT j.value, (SELECT from_level FROM level_changes l WHERE l.customer_id = j.value
                      ORDER BY changed_at, id LIMIT 1)
     FROM json_each(?1) j";

/// Up to how many customers [`Store::traits`] looks up by id (more are read with the whole
/// table).
const TRAITS_LOOKED_UP: usize = 20_000;

/// A sale or a service spend of a period.
#[derive(Debug, Clone)]
pub struct SaleRow {
    pub customer_id: String,
    pub referred_by: Option<String>,
    pub kind: InteractionKind,
    pub date: NaiveDate,
    /// The price or spend, yuan.
    pub amount: i64,
    pub model: Option<String>,
}

/// A customer who went to F in a period, with why.
#[derive(Debug, Clone)]
pub struct LostRow {
    pub customer_id: String,
    pub name: String,
    pub date: NaiveDate,
    pub lost_reason: Option<LostReason>,
    pub competitor: Option<String>,
    pub words: Option<String>,
    pub revisit: Option<NaiveDate>,
}

/// A logged prompt that came due in a period.
#[derive(Debug, Clone)]
pub struct LoggedPrompt {
    pub kind: PromptKind,
    pub level: Level,
    pub due: NaiveDate,
    pub made_on: Option<NaiveDate>,
    pub how: Option<String>,
    pub reason: Option<String>,
    /// Whose customer it is, in a team book (asked for with `each_consultant`).
    pub consultant: Option<String>,
    /// How many prompts logged alike.
    pub count: u64,
}

/// An appointment of a period and whether it was kept.
#[derive(Debug, Clone)]
pub struct AppointmentRow {
    pub customer_id: String,
    pub day: NaiveDate,
    pub kind: Option<AppointmentKind>,
    pub shown: bool,
}

/// The sales (`i`) of the period from `?1` to before `?2`: orders, deliveries with no order
/// before them, and after-sale service. Read from indexes alone (migration 0017): the
/// period's from `interactions_sales`, a delivery's earlier orders from `interactions_orders`.
const SALES: &str = "i.kind IN ('order', 'delivery', 'service') AND i.at >= ?1 AND i.at < ?2
    AND (i.kind <> 'delivery' OR NOT EXISTS (
         SELECT 1 FROM interactions o WHERE o.customer_id = i.customer_id
         AND o.kind = 'order' AND o.at <= i.at))";

impl Store {
    /// Every customer in the book (the trash left out) with their standing; only those added
    /// from `created.0` to `created.1` when given. Lost reasons are left out (see
    /// [`Store::lost_reasons`]).
    pub fn book_rows(
        &self,
        created: Option<(NaiveDate, NaiveDate)>,
        consultant: Option<&str>,
    ) -> Result<Vec<BookRow>, StoreError> {
        // Two narrow scans merged here by id, with no map of the book: the customers' few
        // columns from `customers_report` alone, and the standings in their key's order (a
        // join in SQL looks every customer up in `customer_standing`, and hashing 100,000 ids
        // cost more than reading them); then referrals and the rarer facts (lost reasons,
        // `profiled` for those without a standing) by what needs them.
        let (from, to) = match created {
            Some((from, to)) => (date_text(from), date_text(to.succ_opt().unwrap_or(to))),
            None => (String::new(), String::new()),
        };
        let range = match created {
            Some(_) => "created_at >= ?1 AND created_at < ?2",
            None => "?1 = ?2",
        };
        let sql = format!(
            "SELECT id, level, created_at, source, channel, last_contact, budget_min, budget_max,
                    budget_about, consultant
             FROM customers INDEXED BY customers_report
             WHERE deleted_at IS NULL AND {range} AND (?3 IS NULL OR consultant = ?3)"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = Vec::with_capacity(self.book_rows_read.load(Relaxed));
        let mut found = stmt.query(params![from, to, consultant])?;
        while let Some(r) = found.next()? {
            let created = text_ref(r, 2)?.unwrap_or_default();
            rows.push(BookRow {
                id: r.get(0)?,
                name: String::new(),
                level: text_ref(r, 1)?.and_then(Level::parse).unwrap_or(Level::N),
                created: day_ref(Some(created))
                    .ok_or_else(|| crate::codec::corrupt("a customer's creation", created))?,
                source: text_ref(r, 3)?.and_then(Source::parse),
                channel: r.get(4)?,
                last_contact: day_ref(text_ref(r, 5)?),
                standing: Standing::default(),
                profiled: false,
                referred_bought: 0,
                entry_level: None,
                budget: budget(r.get(6)?, r.get(7)?, r.get(8)?),
                lost_reason: None,
                consultant: r.get(9)?,
            });
        }
        self.book_rows_read.store(rows.len(), Relaxed);
        // The rows by id, to merge the other scans into (the rows keep their order).
        let order = IdOrder::new(&rows, |r| &r.id);
        let stood = self.merge_standings(
            &mut rows,
            &order,
            |r| &r.id,
            STANDING_COLUMNS,
            |row, r| {
                (row.standing, row.profiled) = standing::from_row(r, 1)?;
                Ok(())
            },
        )?;
        // Added with nothing more: nothing adds up yet, and the key facts are read from the
        // row.
        let mut unstood = self.conn.prepare_cached(&format!(
            "SELECT {PROFILED_SQL} FROM customers c WHERE c.id = ?1"
        ))?;
        for (row, stood) in rows.iter_mut().zip(stood) {
            if !stood {
                row.profiled = unstood.query_row([&row.id], |r| r.get(0))?;
            }
        }
        for (at, bought) in self.referrals(&rows, &order, |r| &r.id)? {
            rows[at].referred_bought = bought;
        }
        Ok(rows)
    }

    /// Why each of these rows at F was lost (`lost_reason`), which [`Store::book_rows`] leaves
    /// empty: only a filter on lost reasons asks for it, and the scan costs a report on an aged
    /// book (70,000 customers at F) a fifth of its time.
    pub fn lost_reasons(&self, rows: &mut [BookRow]) -> Result<(), StoreError> {
        if !rows.iter().any(|r| r.level == Level::F) {
            return Ok(());
        }
        let order = IdOrder::new(rows, |r| &r.id);
        // Their latest change to F's reason (the latest day, then the latest written). The
        // table read in its order: through the index on `to_level` every change was a random
        // read of the table, and of the customer's row.
        let mut stmt = self.conn.prepare_cached(
            "SELECT customer_id, changed_at, lost_reason FROM level_changes NOT INDEXED
             WHERE to_level = 'F'",
        )?;
        let mut latest: Vec<Option<String>> = vec![None; rows.len()];
        let mut found = stmt.query([])?;
        while let Some(r) = found.next()? {
            let Some(at) = order.find(rows, |r| &r.id, text_ref(r, 0)?.unwrap_or_default()) else {
                continue;
            };
            if rows[at].level != Level::F {
                continue;
            }
            let changed = text_ref(r, 1)?.unwrap_or_default();
            // In the order written: of two changes on one day, the later one wins.
            if latest[at].as_deref().is_none_or(|kept| changed >= kept) {
                latest[at] = Some(changed.to_owned());
                rows[at].lost_reason = text_ref(r, 2)?.and_then(LostReason::parse);
            }
        }
        Ok(())
    }

    /// Merges the standings (`columns` after the customer id, in their key's order) into the
    /// rows: `apply` hears each row and its standing's row (the id first). Which rows have a
    /// standing.
    fn merge_standings<T>(
        &self,
        rows: &mut [T],
        order: &IdOrder,
        id: impl Fn(&T) -> &str,
        columns: &str,
        mut apply: impl FnMut(&mut T, &rusqlite::Row<'_>) -> Result<(), StoreError>,
    ) -> Result<Vec<bool>, StoreError> {
        let mut stood = vec![false; rows.len()];
        let sql = format!(
            "SELECT s.customer_id, {columns} FROM customer_standing s ORDER BY s.customer_id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut found = stmt.query([])?;
        // The next row in id order.
        let mut nth = 0;
        'standings: while let Some(r) = found.next()? {
            let key = text_ref(r, 0)?.unwrap_or_default();
            let number = order.number_of(key);
            // Rows before this id have no standing; a standing before the next row is not
            // one of the rows (out of the period, in the trash).
            let at = loop {
                if nth == order.at.len() {
                    break 'standings;
                }
                match order.cmp(rows, &id, nth, key, number) {
                    std::cmp::Ordering::Less => nth += 1,
                    std::cmp::Ordering::Equal => break order.at[nth],
                    std::cmp::Ordering::Greater => continue 'standings,
                }
            };
            apply(&mut rows[at], r)?;
            stood[at] = true;
            nth += 1;
        }
        Ok(stood)
    }

    /// What each referrer among the rows had their referred customers buy: `(position,
    /// yuan)`.
    fn referrals<T>(
        &self,
        rows: &[T],
        order: &IdOrder,
        id: impl Fn(&T) -> &str,
    ) -> Result<Vec<(usize, i64)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT k.referred_by, sum(s.bought) FROM customers k
             JOIN customer_standing s ON s.customer_id = k.id
             WHERE k.referred_by IS NOT NULL AND k.deleted_at IS NULL
             GROUP BY k.referred_by",
        )?;
        let mut out = Vec::new();
        let mut found = stmt.query([])?;
        while let Some(r) = found.next()? {
            if let Some(at) = order.find(rows, &id, text_ref(r, 0)?.unwrap_or_default()) {
                out.push((at, r.get(1)?));
            }
        }
        Ok(out)
    }

    /// Every customer in the book (the trash left out; one consultant's in a team book) with
    /// what they are worth, in the order [`Store::book_rows`] gives them: only the few
    /// columns the lookalikes weigh, from `customers_report` and the standings.
    pub fn value_rows(&self, consultant: Option<&str>) -> Result<Vec<ValueRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, level FROM customers INDEXED BY customers_report
             WHERE deleted_at IS NULL AND (?1 IS NULL OR consultant = ?1)",
        )?;
        let mut rows = collect_rows(stmt.query([consultant])?, |r| {
            Ok(ValueRow {
                id: r.get(0)?,
                level: text_ref(r, 1)?.and_then(Level::parse).unwrap_or(Level::N),
                purchases: 0,
                bought: 0,
                service_spend: 0,
                referred_bought: 0,
            })
        })?;
        let order = IdOrder::new(&rows, |r| &r.id);
        self.merge_standings(
            &mut rows,
            &order,
            |r| &r.id,
            "s.purchases, s.bought, s.service_spend",
            |row, r| {
                row.purchases = u32::try_from(r.get::<_, i64>(1)?).unwrap_or(0);
                (row.bought, row.service_spend) = (r.get(2)?, r.get(3)?);
                Ok(())
            },
        )?;
        for (at, bought) in self.referrals(&rows, &order, |r| &r.id)? {
            rows[at].referred_bought = bought;
        }
        Ok(rows)
    }

    /// How many customers are at each level (the trash left out).
    pub fn level_counts(&self, consultant: Option<&str>) -> Result<Vec<(Level, u64)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT level, count(*) FROM customers
             WHERE deleted_at IS NULL AND (?1 IS NULL OR consultant = ?1) GROUP BY level",
        )?;
        collect_rows(stmt.query([consultant])?, |r| {
            let level: String = r.get(0)?;
            Ok((
                Level::parse(&level).unwrap_or(Level::N),
                u64::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
            ))
        })
    }

    /// The level each of these customers came in at: the first level they changed from, by id
    /// (those who never changed level are left out: they are at the one they came in at).
    /// Looked up one by one through `level_changes_customer`, which holds `from_level`
    /// (migration 0020): a report asks for the few who ordered, and reading every change of
    /// the book cost more.
    pub fn entry_levels(&self, ids: &[&str]) -> Result<HashMap<String, Level>, StoreError> {
        let list = serde_json::to_string(ids).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let mut stmt = self.conn.prepare_cached(ENTRY_LEVELS_SQL)?;
        let mut out: HashMap<String, Level> = HashMap::new();
        let mut found = stmt.query([list])?;
        while let Some(r) = found.next()? {
            if let Some(level) = text_ref(r, 1)?.and_then(Level::parse) {
                out.insert(r.get(0)?, level);
            }
        }
        Ok(out)
    }

    /// The names of these customers, by id (the trash left out).
    pub fn names_of(&self, ids: &[String]) -> Result<HashMap<String, String>, StoreError> {
        let list = serde_json::to_string(ids).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name FROM customers
             WHERE id IN (SELECT value FROM json_each(?1)) AND deleted_at IS NULL",
        )?;
        let mut out = HashMap::new();
        let mut found = stmt.query([list])?;
        while let Some(r) = found.next()? {
            out.insert(r.get(0)?, r.get(1)?);
        }
        Ok(out)
    }

    /// How many of the customers added from `created.0` to `created.1` (the trash left out)
    /// want each model first: `(model as written, customers)`, the most wanted first (then
    /// by the words), each spelling apart.
    pub fn first_model_counts(
        &self,
        (from, to): (NaiveDate, NaiveDate),
        consultant: Option<&str>,
    ) -> Result<Vec<(String, u64)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.model COLLATE BINARY, count(*) FROM customers c INDEXED BY customers_report
             JOIN customer_models m ON m.customer_id = c.id AND m.position = 0
             WHERE c.deleted_at IS NULL AND c.created_at >= ?1 AND c.created_at < ?2
               AND (?3 IS NULL OR c.consultant = ?3)
             GROUP BY 1 ORDER BY 2 DESC, 1",
        )?;
        let end = date_text(to.succ_opt().unwrap_or(to));
        collect_rows(
            stmt.query(params![date_text(from), end, consultant])?,
            |r| Ok((r.get(0)?, u64::try_from(r.get::<_, i64>(1)?).unwrap_or(0))),
        )
    }

    /// These customers as the reports see them (Today's rows), in no order.
    pub fn book_rows_of(&self, ids: &[String]) -> Result<Vec<BookRow>, StoreError> {
        let list = serde_json::to_string(ids).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.book_rows_where(
            "c.id IN (SELECT value FROM json_each(?1)) AND ?2 IS NULL",
            params![list, None::<String>, None::<String>],
        )
    }

    /// What places these customers (Today's rows), by id; those not in the book left out.
    pub fn placings(&self, ids: &[String]) -> Result<Vec<(String, Placing)>, StoreError> {
        let list = serde_json::to_string(ids).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT c.id, {} FROM customers c
             LEFT JOIN customer_standing s ON s.customer_id = c.id
             WHERE c.deleted_at IS NULL AND c.id IN (SELECT value FROM json_each(?1))",
            placing_columns()
        ))?;
        collect_rows(stmt.query([list])?, |r| Ok((r.get(0)?, placing_at(r, 1)?)))
    }

    /// One customer as the reports see them (`None` when not in the book).
    pub fn book_row(&self, id: &str) -> Result<Option<BookRow>, StoreError> {
        Ok(self
            .book_rows_where(
                "c.id = ?1 AND ?2 IS NULL",
                params![id, None::<String>, None::<String>],
            )?
            .pop())
    }

    fn book_rows_where(
        &self,
        range: &str,
        values: impl rusqlite::Params,
    ) -> Result<Vec<BookRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&book_rows_sql(range))?;
        collect_rows(stmt.query(values)?, |r| {
            let level: String = r.get(2)?;
            let created: String = r.get(3)?;
            let source: Option<String> = r.get(4)?;
            let entry: Option<String> = r.get(8)?;
            let lost: Option<String> = r.get(15)?;
            let (mut standing, mut profiled) = standing::from_row(r, 16)?;
            if r.get::<_, bool>(13)? {
                standing = Standing::default();
                profiled = r.get(14)?;
            }
            Ok(BookRow {
                id: r.get(0)?,
                name: r.get(1)?,
                level: Level::parse(&level).unwrap_or(Level::N),
                created: day_of(Some(created.clone()))
                    .ok_or_else(|| crate::codec::corrupt("a customer's creation", &created))?,
                source: source.as_deref().and_then(Source::parse),
                channel: r.get(5)?,
                last_contact: day_of(r.get(6)?),
                standing,
                profiled,
                referred_bought: r.get(7)?,
                entry_level: entry.as_deref().and_then(Level::parse),
                budget: budget(r.get(9)?, r.get(10)?, r.get(11)?),
                lost_reason: lost.as_deref().and_then(LostReason::parse),
                consultant: r.get(12)?,
            })
        })
    }

    /// The facts the ideal customer is drawn from, of these customers (the trash left out):
    /// their models (chosen, and bought), budget, purposes, source, region, who decides and
    /// the brand they drove before.
    pub fn traits(&self, ids: &[String]) -> Result<HashMap<String, Traits>, StoreError> {
        // A few customers are looked up by id; many are read with the whole table in its
        // order (through a partial index on live customers, the planner's choice, every row
        // was a random read), and models with the whole list.
        let few = ids.len() <= TRAITS_LOOKED_UP;
        let (list, wanted) = if few {
            let list =
                serde_json::to_string(ids).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            (list, std::collections::HashSet::new())
        } else {
            ("[]".to_owned(), ids.iter().map(String::as_str).collect())
        };
        let mut out: HashMap<String, Traits> = HashMap::with_capacity(ids.len());
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, budget_min, budget_max, budget_about, purposes, source, region,
                    decision_maker, car_brand
             FROM customers WHERE id IN (SELECT value FROM json_each(?1))
               AND deleted_at IS NULL AND ?2
             UNION ALL
             SELECT id, budget_min, budget_max, budget_about, purposes, source, region,
                    decision_maker, car_brand
             FROM customers NOT INDEXED WHERE deleted_at IS NULL AND NOT ?2",
        )?;
        let mut rows = stmt.query(params![list, few])?;
        while let Some(r) = rows.next()? {
            let id = text_ref(r, 0)?.unwrap_or_default();
            if !few && !wanted.contains(id) {
                continue;
            }
            let id = id.to_owned();
            let decides = text_ref(r, 7)?;
            out.insert(
                id,
                Traits {
                    models: Vec::new(),
                    budget: budget(r.get(1)?, r.get(2)?, r.get(3)?),
                    purposes: text_ref(r, 4)?
                        .unwrap_or_default()
                        .split(',')
                        .filter_map(Purpose::parse)
                        .collect(),
                    source: text_ref(r, 5)?.and_then(Source::parse),
                    region: r.get(6)?,
                    decision_maker: decides
                        .and_then(Pick::<DecisionMaker>::from_stored)
                        .and_then(|p| p.known()),
                    previous_brand: r.get(8)?,
                },
            );
        }
        let mut models = self.conn.prepare_cached(
            "SELECT customer_id, model FROM customer_models
             WHERE customer_id IN (SELECT value FROM json_each(?1))
             UNION ALL
             SELECT customer_id, model FROM customer_models WHERE ?2
             UNION ALL
             SELECT customer_id, model FROM interactions
             -- The first term lets the planner read `interactions_sales` alone.
             WHERE kind IN ('order', 'delivery', 'service') AND kind = 'order'
               AND model IS NOT NULL",
        )?;
        let mut rows = models.query(params![list, !few])?;
        while let Some(r) = rows.next()? {
            if let Some(t) = out.get_mut(text_ref(r, 0)?.unwrap_or_default()) {
                t.models.push(r.get(1)?);
            }
        }
        Ok(out)
    }

    /// The sales (orders, and deliveries with no order before them) and service spend of a
    /// period, of customers in the book.
    pub fn sales(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        consultant: Option<&str>,
    ) -> Result<Vec<SaleRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT i.customer_id, c.referred_by, i.kind, i.at,
                    CASE WHEN i.kind = 'service' THEN i.spend ELSE i.price END, i.model
             FROM interactions i JOIN customers c ON c.id = i.customer_id
             WHERE {SALES} AND c.deleted_at IS NULL AND (?3 IS NULL OR c.consultant = ?3)"
        ))?;
        let end = date_text(to.succ_opt().unwrap_or(to));
        collect_rows(
            stmt.query(params![date_text(from), end, consultant])?,
            |r| {
                let kind: String = r.get(2)?;
                let at: String = r.get(3)?;
                Ok(SaleRow {
                    customer_id: r.get(0)?,
                    referred_by: r.get(1)?,
                    kind: InteractionKind::parse(&kind).unwrap_or(InteractionKind::Other),
                    date: day_of(Some(at.clone()))
                        .ok_or_else(|| crate::codec::corrupt("an interaction's time", &at))?,
                    amount: r.get::<_, Option<i64>>(4)?.unwrap_or(0).max(0),
                    model: r.get(5)?,
                })
            },
        )
    }

    /// How many cars of each model (as written) the sales of a period sold (orders, and
    /// deliveries with no order before them), the most sold first (then by the words).
    pub fn sold_model_counts(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        consultant: Option<&str>,
    ) -> Result<Vec<(String, u64)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT i.model COLLATE BINARY, count(*) FROM interactions i
             WHERE {SALES} AND i.kind <> 'service' AND i.model IS NOT NULL
               AND i.customer_id NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL)
               AND (?3 IS NULL OR i.customer_id IN (
                    SELECT id FROM customers WHERE consultant = ?3))
             GROUP BY 1 ORDER BY 2 DESC, 1"
        ))?;
        let end = date_text(to.succ_opt().unwrap_or(to));
        collect_rows(
            stmt.query(params![date_text(from), end, consultant])?,
            |r| Ok((r.get(0)?, u64::try_from(r.get::<_, i64>(1)?).unwrap_or(0))),
        )
    }

    /// The customers who went to F in a period (their latest such change: the latest day,
    /// then the latest written, as [`Store::lost_reasons`] reads it) and are still F, in the
    /// order of those changes.
    ///
    /// Two reads and no lookup a row: every change to F from the period's first day on, in
    /// that order (a later change of a customer's, in the period or after it, is read after
    /// theirs and puts it aside), then the names of the customers at F. Through a customer's
    /// row and their other changes for each change, the report took 0.3 s on an aged book
    /// (35,000 losses a year).
    pub fn lost(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        consultant: Option<&str>,
    ) -> Result<Vec<LostRow>, StoreError> {
        let end = date_text(to.succ_opt().unwrap_or(to));
        let mut stmt = self.conn.prepare_cached(
            "SELECT customer_id, changed_at, lost_reason, competitor, reason, revisit
             FROM level_changes
             WHERE to_level = 'F' AND changed_at >= ?1
             ORDER BY changed_at, id",
        )?;
        let mut rows: Vec<(LostRow, bool)> = Vec::new();
        // Each customer's latest change read so far: its row, or none after the period.
        let mut latest: HashMap<String, Option<usize>> = HashMap::new();
        let mut found = stmt.query(params![date_text(from)])?;
        while let Some(r) = found.next()? {
            let id = text_ref(r, 0)?.unwrap_or_default();
            let at = text_ref(r, 1)?.unwrap_or_default();
            let row = if at < end.as_str() {
                rows.push((
                    LostRow {
                        customer_id: id.to_owned(),
                        name: String::new(),
                        date: day_ref(Some(at))
                            .ok_or_else(|| crate::codec::corrupt("a level change's time", at))?,
                        lost_reason: text_ref(r, 2)?.and_then(LostReason::parse),
                        competitor: r.get(3)?,
                        words: r.get(4)?,
                        revisit: day_ref(text_ref(r, 5)?),
                    },
                    false,
                ));
                Some(rows.len() - 1)
            } else {
                None
            };
            match latest.get_mut(id) {
                Some(kept) => *kept = row,
                None => {
                    latest.insert(id.to_owned(), row);
                }
            }
        }
        // Kept: a customer's latest change, when they are still at F (and not in the trash).
        let sql = if consultant.is_some() {
            "SELECT id, name FROM customers
             WHERE level = 'F' AND deleted_at IS NULL AND consultant = ?1"
        } else {
            // Through the index on the level, which holds the names.
            "SELECT id, name FROM customers WHERE level = 'F' AND deleted_at IS NULL AND ?1 IS NULL"
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut at_f = stmt.query(params![consultant])?;
        while let Some(r) = at_f.next()? {
            let id = text_ref(r, 0)?.unwrap_or_default();
            if let Some(&Some(at)) = latest.get(id) {
                let (row, kept) = &mut rows[at];
                row.name = r.get(1)?;
                *kept = true;
            }
        }
        Ok(rows
            .into_iter()
            .filter_map(|(row, kept)| kept.then_some(row))
            .collect())
    }

    /// The prompts that came due in a period, as logged: each alike group once, with how
    /// many (a year of the 100,000-customer demo book logs 410,640 prompts, in about 9,000
    /// groups). With `each_consultant`, the groups are per consultant (a team book's).
    pub fn logged_prompts(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        consultant: Option<&str>,
        each_consultant: bool,
    ) -> Result<Vec<LoggedPrompt>, StoreError> {
        let sql: std::borrow::Cow<'_, str> = if consultant.is_none() && !each_consultant {
            LOGGED_PROMPT_GROUPS_SQL.into()
        } else {
            logged_prompts_sql(each_consultant).into()
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let values = params![date_text(from), date_text(to), consultant];
        collect_rows(stmt.query(values)?, |r| {
            let due = text_ref(r, 2)?.unwrap_or_default();
            Ok(LoggedPrompt {
                kind: text_ref(r, 0)?
                    .and_then(PromptKind::parse)
                    .unwrap_or(PromptKind::Cadence),
                level: text_ref(r, 1)?.and_then(Level::parse).unwrap_or(Level::N),
                due: day_ref(Some(due)).ok_or_else(|| crate::codec::corrupt("a due day", due))?,
                made_on: day_ref(text_ref(r, 3)?),
                how: r.get(4)?,
                reason: r.get(5)?,
                consultant: r.get(6)?,
                count: u64::try_from(r.get::<_, i64>(7)?).unwrap_or(0),
            })
        })
    }

    /// How many answers of each satisfaction (1–5) each month of a period gave:
    /// `(month 'YYYY-MM', satisfaction, count)`.
    pub fn satisfaction_by_month(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        consultant: Option<&str>,
    ) -> Result<Vec<(String, u8, u64)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(i.at, 1, 7), i.satisfaction, count(*)
             FROM interactions i
             WHERE i.satisfaction IS NOT NULL AND i.at >= ?1 AND i.at < ?2
               AND i.customer_id NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL)
               AND (?3 IS NULL OR i.customer_id IN (SELECT id FROM customers WHERE consultant = ?3))
             GROUP BY 1, 2 ORDER BY 1, 2",
        )?;
        let end = date_text(to.succ_opt().unwrap_or(to));
        collect_rows(
            stmt.query(params![date_text(from), end, consultant])?,
            |r| {
                Ok((
                    r.get(0)?,
                    u8::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
                    u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                ))
            },
        )
    }

    /// The appointments set for the days of a period, and whether a visit or test drive came
    /// on the day.
    pub fn appointments(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<AppointmentRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.customer_id, a.next_date, a.appointment,
                    EXISTS (SELECT 1 FROM interactions v WHERE v.customer_id = a.customer_id
                            AND +v.kind IN ('visit', 'test_drive')
                            AND v.at >= a.next_date AND v.at < date(a.next_date, '+1 day'))
             FROM interactions a JOIN customers c ON c.id = a.customer_id
             WHERE a.appointment IS NOT NULL AND a.next_date >= ?1 AND a.next_date <= ?2
               AND c.deleted_at IS NULL",
        )?;
        collect_rows(stmt.query(params![date_text(from), date_text(to)])?, |r| {
            let day: String = r.get(1)?;
            let kind: Option<String> = r.get(2)?;
            Ok(AppointmentRow {
                customer_id: r.get(0)?,
                day: day_of(Some(day.clone()))
                    .ok_or_else(|| crate::codec::corrupt("an appointment's day", &day))?,
                kind: kind.as_deref().and_then(AppointmentKind::parse),
                shown: r.get(3)?,
            })
        })
    }

    /// The level mix of each week of a period: `(the week's Monday, level, count)`.
    pub fn level_snapshots(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(NaiveDate, Level, u64)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT week, level, count FROM level_snapshots
             WHERE week >= ?1 AND week <= ?2 ORDER BY week, level",
        )?;
        let from = crate::ops::prompt_refresh::week_of(from);
        collect_rows(stmt.query(params![from, date_text(to)])?, |r| {
            let week: String = r.get(0)?;
            let level: String = r.get(1)?;
            Ok((
                day_of(Some(week.clone()))
                    .ok_or_else(|| crate::codec::corrupt("a snapshot's week", &week))?,
                Level::parse(&level).unwrap_or(Level::N),
                u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
            ))
        })
    }

    /// How many customers (the trash left out) stand at each latest satisfaction given with
    /// the one before it: `(latest, before, customers)`, those who gave none left out. One
    /// scan of the standings, grouped.
    pub fn satisfaction_counts(
        &self,
        consultant: Option<&str>,
    ) -> Result<Vec<(u8, Option<u8>, u64)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.satisfaction, s.satisfaction_prev, count(*) FROM customer_standing s
             WHERE s.satisfaction IS NOT NULL
               AND s.customer_id NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL)
               AND (?1 IS NULL OR s.customer_id IN (
                    SELECT id FROM customers WHERE consultant = ?1))
             GROUP BY 1, 2",
        )?;
        let answer = |v: Option<i64>| v.and_then(|v| u8::try_from(v).ok());
        let mut out = Vec::new();
        let mut found = stmt.query([consultant])?;
        while let Some(r) = found.next()? {
            if let Some(latest) = answer(r.get(0)?) {
                out.push((
                    latest,
                    answer(r.get(1)?),
                    u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                ));
            }
        }
        Ok(out)
    }

    /// Whether a customer's standing, as kept (`None` for one not in the book).
    pub fn standing(&self, customer_id: &str) -> Result<Option<(Standing, bool)>, StoreError> {
        standing::read(&self.conn, customer_id)
    }

    /// What the customers `customer_id` referred bought, yuan.
    pub fn referred_bought(&self, customer_id: &str) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT coalesce(sum(s.bought), 0) FROM customers k
             JOIN customer_standing s ON s.customer_id = k.id
             WHERE k.referred_by = ?1 AND k.deleted_at IS NULL",
            )?
            .query_row([customer_id], |r| r.get(0))?)
    }
}

/// The reports' rows of the customers `range` (SQL over `c`, the customers, with `?1` and
/// `?2`) selects, and of consultant `?3` when it is not null.
pub(crate) fn book_rows_sql(range: &str) -> String {
    format!(
        "SELECT c.id, c.name, c.level, c.created_at, c.source, c.channel, c.last_contact,
                    {REFERRED_BOUGHT},
                    CASE WHEN s.first_order IS NOT NULL THEN coalesce(
                        (SELECT from_level FROM level_changes l WHERE l.customer_id = c.id
                         ORDER BY changed_at, id LIMIT 1), c.level) END,
                    c.budget_min, c.budget_max, c.budget_about, c.consultant,
                    s.customer_id IS NULL,
                    CASE WHEN s.customer_id IS NULL THEN {PROFILED_SQL} ELSE 0 END,
                    -- The customer's own changes (`+`: through the index on to_level, every
                    -- change to F of the book was read for each customer at F: 14 s to plan
                    -- the day of a book with 70,000 of them).
                    CASE WHEN c.level = 'F' THEN (SELECT lost_reason FROM level_changes l
                        WHERE l.customer_id = c.id AND +l.to_level = 'F'
                        ORDER BY changed_at DESC, id DESC LIMIT 1) END,
                    {STANDING_COLUMNS}
             FROM customers c
             LEFT JOIN customer_standing s ON s.customer_id = c.id
             WHERE c.deleted_at IS NULL AND {range} AND (?3 IS NULL OR c.consultant = ?3)"
    )
}

/// [`Store::logged_prompts`] of the whole book: the groups `prompt_log_groups` keeps (migration
/// 0023), less the logged prompts of the customers in the trash (few, found by their ids).
/// `?3` is the consultant, always NULL here.
const LOGGED_PROMPT_GROUPS_SQL: &str = "
    SELECT kind, level, due, nullif(made_on, ''), nullif(how, ''), nullif(reason, ''),
           NULL, sum(n)
    FROM (SELECT due, kind, level, made_on, how, reason, n
          FROM prompt_log_groups WHERE due >= ?1 AND due <= ?2 AND ?3 IS NULL
          UNION ALL
          SELECT p.due, p.kind, p.level, coalesce(p.made_on, ''), coalesce(p.how, ''),
                 coalesce(p.reason, ''), -1
          -- From the trash to their prompts: the planner's own order read every prompt of
          -- the period and looked its customer up (2.2 s on the demo book).
          FROM customers c CROSS JOIN prompt_log p ON p.customer_id = c.id
          WHERE c.deleted_at IS NOT NULL AND p.due >= ?1 AND p.due <= ?2)
    GROUP BY due, kind, level, made_on, how, reason
    HAVING sum(n) > 0";

/// [`Store::logged_prompts`]'s statement read from the log itself, for one consultant's part
/// of a team book (`?3`) or with the groups per consultant (`each_consultant`).
pub(crate) fn logged_prompts_sql(each_consultant: bool) -> String {
    // Grouped in the order of `prompt_log_due`, which holds every column read (migration
    // 0022): the index alone answers, without a sort (the planner's choice; not named, as
    // a team book's build sets it aside). Each consultant's groups need their customers'
    // rows, and a sort.
    const ALL: &str = "NULL";
    const EACH: &str = "(SELECT c.consultant FROM customers c WHERE c.id = p.customer_id)";
    // The trash and the other consultants are left out through their (few, indexed)
    // ids, not by looking up every logged prompt's customer.
    format!(
        "SELECT p.kind, p.level, p.due, p.made_on, p.how, p.reason, {}, count(*)
         FROM prompt_log p
         WHERE p.due >= ?1 AND p.due <= ?2
           AND p.customer_id NOT IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL)
           AND (?3 IS NULL OR p.customer_id IN (
                SELECT id FROM customers WHERE consultant = ?3))
         GROUP BY p.due, p.kind, p.level, p.made_on, p.how, p.reason{}",
        if each_consultant { EACH } else { ALL },
        if each_consultant { ", 7" } else { "" },
    )
}

#[cfg(test)]
mod tests {
    use crate::Store;

    /// How SQLite reads `sql` given `params`, a line a step.
    fn explain(store: &Store, sql: &str, params: impl rusqlite::Params) -> Vec<String> {
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .expect("prepare");
        stmt.query_map(params, |r| r.get::<_, String>(3))
            .expect("plan")
            .collect::<Result<_, _>>()
            .expect("steps")
    }

    /// How SQLite reads the reports' rows of `range`, a line a step.
    fn plan_of(store: &Store, range: &str) -> Vec<String> {
        explain(
            store,
            &super::book_rows_sql(range),
            [None::<String>, None, None],
        )
    }

    /// The period and consultant every compliance plan below is asked for.
    const PERIOD: [&str; 3] = ["2025-12-01", "2026-11-30", ""];

    /// The whole book's logged prompts are the groups kept for them (migration 0023), less the
    /// trash's prompts, read from the trash's few customers: never every prompt of the period.
    #[test]
    fn the_compliance_report_reads_its_groups_and_the_trash_s_prompts_only() {
        let store = Store::open_in_memory().expect("store");
        let plan = explain(&store, super::LOGGED_PROMPT_GROUPS_SQL, PERIOD);
        let at = |step: &str| plan.iter().position(|s| s.contains(step));
        assert!(
            at("SEARCH prompt_log_groups USING PRIMARY KEY").is_some(),
            "{plan:?}"
        );
        let trash = at("SEARCH c USING INDEX customers_trash");
        let theirs = at("SEARCH p USING PRIMARY KEY (customer_id=?)");
        assert!(
            trash.is_some() && theirs.is_some() && trash < theirs,
            "{plan:?}"
        );
        assert!(
            !plan.iter().any(|s| s.contains("prompt_log_due")),
            "{plan:?}"
        );
    }

    /// One consultant's logged prompts of a period (a team book's) are read from
    /// `prompt_log_due` alone, grouped in its order: a year of the 100,000-customer demo book
    /// took 3.2 s when each was looked up in the table and its groups sorted (migration 0022).
    #[test]
    fn the_compliance_report_reads_the_index_alone_and_sorts_nothing() {
        let store = Store::open_in_memory().expect("store");
        let plan = |each: bool| explain(&store, &super::logged_prompts_sql(each), PERIOD);
        let all = plan(false);
        assert!(
            all.iter()
                .any(|s| s.contains("USING COVERING INDEX prompt_log_due")),
            "{all:?}"
        );
        assert!(!all.iter().any(|s| s.contains("TEMP B-TREE")), "{all:?}");
        let each = plan(true);
        assert!(
            each.iter()
                .any(|s| s.contains("USING COVERING INDEX prompt_log_due")),
            "{each:?}"
        );
    }

    #[test]
    fn rows_are_put_in_the_order_of_their_ids_as_texts_compare() {
        let ids = [
            "0193a5b2-1c3d-7a00-8000-000000000002",
            "0193a5b2-1c3d-7a00-8000-000000000001",
            "0193a5b2-1c3d-7a0",
            "0193a5b2-1c3d-7a",
            "",
            "z",
            "0193a5b2-1c3d-7a00",
            "客户甲",
            "0193a5b1-ffff-7fff-bfff-ffffffffffff",
            "0193a5b2-1c3d-7a\u{0}",
        ];
        let order = super::IdOrder::new(&ids, |s| s);
        assert!(order.keys.is_none(), "not every id is a UUID");
        let sorted: Vec<&str> = order.at.iter().map(|at| ids[*at]).collect();
        let mut expected = ids.to_vec();
        expected.sort_unstable();
        assert_eq!(sorted, expected);
        for id in ids {
            assert_eq!(order.find(&ids, |s| s, id).map(|at| ids[at]), Some(id));
        }
    }

    #[test]
    fn uuids_are_put_in_the_order_of_their_texts_by_their_numbers() {
        // Carnet's own (time-ordered, many alike at the start) and scattered ones.
        let mut seed: u128 = 0x2545_f491_4f6c_dd1d;
        let mut ids: Vec<String> = (0..2_000)
            .map(|i| {
                if i % 2 == 0 {
                    uuid::Uuid::now_v7().to_string()
                } else {
                    seed = seed
                        .wrapping_mul(0x5851_f42d_4c95_7f2d_1405_7b7e_f767_814f)
                        .wrapping_add(1);
                    uuid::Uuid::from_u128(seed).to_string()
                }
            })
            .collect();
        // Ids that differ only late, and digits against letters at each place.
        ids.push("0193a5b2-1c3d-7a00-8000-00000000000a".to_owned());
        ids.push("0193a5b2-1c3d-7a00-8000-000000000009".to_owned());
        ids.push("f193a5b2-1c3d-7a00-8000-000000000009".to_owned());
        let order = super::IdOrder::new(&ids, |s| s.as_str());
        assert!(order.keys.is_some(), "every id is a UUID");
        let sorted: Vec<&str> = order.at.iter().map(|at| ids[*at].as_str()).collect();
        let mut expected: Vec<&str> = ids.iter().map(String::as_str).collect();
        expected.sort_unstable();
        assert_eq!(sorted, expected);
        for id in &ids {
            assert_eq!(
                order.find(&ids, |s| s.as_str(), id).map(|at| &ids[at]),
                Some(id)
            );
        }
        // Not one of the rows, and not a UUID: found nowhere, compared as texts.
        assert_eq!(order.find(&ids, |s| s.as_str(), "客户甲"), None);
        assert_eq!(
            order.find(&ids, |s| s.as_str(), "0193A5B2-1C3D-7A00-8000-000000000009"),
            None
        );
        for other in [
            "0193A5B2-1C3D-7A00-8000-000000000009",
            "0193a5b2_1c3d-7a00-8000-000000000009",
            "0193a5b2-1c3d-7a00-8000-00000000000g",
        ] {
            assert_eq!(super::uuid_key(other), None, "{other}");
        }
    }

    #[test]
    fn a_period_lists_each_customer_still_at_f_once_by_their_latest_change() {
        let store = Store::open_in_memory().expect("open");
        let all: Vec<_> = ["甲", "乙", "丙", "丁", "戊", "己"]
            .iter()
            .map(|n| (crate::test_support::facts(n, None), Vec::new()))
            .collect();
        let ids = store
            .write(|w| w.insert_customers(&all))
            .expect("customers");
        let lose = |who: usize, at: &str, reason: &str| {
            store
                .conn
                .execute(
                    "INSERT INTO level_changes (customer_id, changed_at, from_level, to_level,
                                                lost_reason)
                     VALUES (?1, ?2, 'H', 'F', ?3)",
                    rusqlite::params![ids[who], at, reason],
                )
                .expect("change");
        };
        lose(0, "2026-11-03T10:00:00", "price");
        lose(0, "2026-11-20T10:00:00", "competitor");
        // Written later, of an earlier day: the day decides.
        lose(1, "2026-11-10T10:00:00", "price");
        lose(1, "2026-11-05T10:00:00", "competitor");
        // Lost again after the period: counted there, not here.
        lose(2, "2026-11-10T10:00:00", "price");
        lose(2, "2026-12-02T10:00:00", "competitor");
        // Won back (at H now), and in the trash.
        lose(3, "2026-11-12T10:00:00", "price");
        lose(4, "2026-11-15T10:00:00", "price");
        // Two on one day: the later written.
        lose(5, "2026-11-25T09:00:00", "price");
        lose(5, "2026-11-25T09:00:00", "competitor");
        store
            .conn
            .execute_batch(&format!(
                "UPDATE customers SET level = 'F';
                 UPDATE customers SET level = 'H' WHERE id = '{}';
                 UPDATE customers SET deleted_at = '2026-11-30T00:00:00' WHERE id = '{}';
                 UPDATE customers SET consultant = '王' WHERE id IN ('{}', '{}');",
                ids[3], ids[4], ids[0], ids[2]
            ))
            .expect("levels");
        let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("day");
        let listed = |consultant: Option<&str>| -> Vec<(String, String, String)> {
            store
                .lost(day("2026-11-01"), day("2026-11-30"), consultant)
                .expect("lost")
                .into_iter()
                .map(|l| {
                    let reason = l.lost_reason.map(|r| r.code().to_owned());
                    (l.name, l.date.to_string(), reason.unwrap_or_default())
                })
                .collect()
        };
        let row = |n: &str, d: &str, r: &str| (n.to_owned(), d.to_owned(), r.to_owned());
        assert_eq!(
            listed(None),
            [
                row("乙", "2026-11-10", "price"),
                row("甲", "2026-11-20", "competitor"),
                row("己", "2026-11-25", "competitor"),
            ]
        );
        assert_eq!(listed(Some("王")), [row("甲", "2026-11-20", "competitor")]);
        // December holds 丙's second loss.
        let december = store
            .lost(day("2026-12-01"), day("2026-12-31"), None)
            .expect("december");
        assert_eq!(december.len(), 1);
        assert_eq!(december[0].name, "丙");
    }

    #[test]
    fn the_level_a_customer_came_in_at_is_read_from_the_index_alone() {
        let store = Store::open_in_memory().expect("open");
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {}", super::ENTRY_LEVELS_SQL))
            .expect("prepare");
        let plan: Vec<String> = stmt
            .query_map(["[]"], |r| r.get::<_, String>(3))
            .expect("plan")
            .collect::<Result<_, _>>()
            .expect("steps");
        assert!(
            plan.iter()
                .any(|step| step.contains("COVERING INDEX level_changes_customer")),
            "{plan:#?}"
        );
        assert!(
            !plan.iter().any(|step| step.contains("TEMP B-TREE")),
            "{plan:#?}"
        );
    }

    #[test]
    fn a_customers_lost_reason_is_found_among_their_own_changes() {
        // Through the index on to_level, each customer at F read every change to F of the
        // book: minutes for a book with tens of thousands lost. Each range the store reads.
        let store = Store::open_in_memory().expect("open");
        for range in [
            "c.id IN (SELECT value FROM json_each(?1)) AND ?2 IS NULL",
            "c.id = ?1 AND ?2 IS NULL",
        ] {
            let plan = plan_of(&store, range);
            assert!(
                !plan
                    .iter()
                    .any(|step| step.contains("level_changes_to_level")),
                "{range}: {plan:#?}"
            );
            assert!(
                plan.iter()
                    .any(|step| step.contains("level_changes_customer")),
                "{range}: {plan:#?}"
            );
        }
    }
}
