//! Reading rows and writing many: helpers every table module uses, and the list row of a
//! customer (read by the customers table and by the search alike). Imports no table module.

use carnet_core::phone::Phone;
use carnet_core::{CustomerSummary, Level, Title};
use rusqlite::{Connection, Row};

use crate::StoreError;
use crate::codec::{budget, code, opt_time, time};

/// Every row a query returns, read by `from_row`, in order.
pub(crate) fn collect_rows<T>(
    mut rows: rusqlite::Rows<'_>,
    from_row: impl Fn(&rusqlite::Row<'_>) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(from_row(row)?);
    }
    Ok(out)
}

/// Every row a query returns, read by `from_row` and grouped by the customer id in column
/// `key` (rows of one customer keep their order).
pub(crate) fn group_rows<T>(
    mut rows: rusqlite::Rows<'_>,
    key: usize,
    from_row: impl Fn(&rusqlite::Row<'_>) -> Result<T, StoreError>,
) -> Result<std::collections::HashMap<String, Vec<T>>, StoreError> {
    let mut out: std::collections::HashMap<String, Vec<T>> = std::collections::HashMap::new();
    while let Some(row) = rows.next()? {
        let item = from_row(row)?;
        // The id is copied once per customer, not once per row.
        let id = row
            .get_ref(key)?
            .as_str()
            .map_err(|e| StoreError::Corrupt(format!("customer id: {e}")))?;
        match out.get_mut(id) {
            Some(items) => items.push(item),
            None => {
                out.insert(id.to_owned(), vec![item]);
            }
        }
    }
    Ok(out)
}

/// Rows written many to a statement (`INSERT OR FAIL INTO t (a, b) VALUES (?, ?), (?, ?), …`):
/// when an import writes a million small rows, running one statement per row costs more than
/// the rows themselves.
///
/// `OR FAIL` spares SQLite a statement journal (a copy of every page a statement touches,
/// kept to undo that one statement) where no foreign key needs one: every caller undoes the
/// whole transaction on an error anyway.
///
/// Rows of a table that others reference (customers) go one to a statement
/// (`Batch::one_row`): for each row of a many-row insert into such a table, SQLite looks in
/// every referencing table for rows that the new one could satisfy, which a single-row
/// insert cannot need (it took 40% of writing the customers of an import).
pub(crate) struct Batch {
    /// What a row whose key is taken already does: fails the write (`INSERT OR FAIL`), is
    /// left out (`INSERT OR IGNORE`), or replaces the row there (`INSERT OR REPLACE`; rows
    /// are written in the order they were added).
    verb: &'static str,
    /// `t (a, b)`: the table and its columns.
    head: &'static str,
    width: usize,
    values: Vec<rusqlite::types::Value>,
    /// At most this many rows to a statement.
    max_rows: usize,
    /// The statement for a full chunk of rows, made once.
    full_sql: String,
}

impl Batch {
    /// SQLite's limit on the parameters of one statement (SQLITE_MAX_VARIABLE_NUMBER).
    const MAX_PARAMS: usize = 32_766;
    /// More rows to a statement saves little once the statement's own cost is shared.
    const MAX_ROWS: usize = 256;

    pub(crate) fn new(head: &'static str, width: usize) -> Batch {
        Batch::with_rows("INSERT OR FAIL", head, width, Self::MAX_ROWS)
    }

    /// A batch written a row to a statement (a table that others reference).
    pub(crate) fn one_row(head: &'static str, width: usize) -> Batch {
        Batch::with_rows("INSERT OR FAIL", head, width, 1)
    }

    /// A batch whose rows are left out when their key is taken already (see
    /// [`Batch::write_counting`]); `one_row` as for [`Batch::one_row`].
    pub(crate) fn or_ignore(head: &'static str, width: usize, one_row: bool) -> Batch {
        let rows = if one_row { 1 } else { Self::MAX_ROWS };
        Batch::with_rows("INSERT OR IGNORE", head, width, rows)
    }

    /// A batch whose rows replace the rows with their keys, in the order they were added.
    pub(crate) fn or_replace(head: &'static str, width: usize) -> Batch {
        Batch::with_rows("INSERT OR REPLACE", head, width, Self::MAX_ROWS)
    }

    fn with_rows(verb: &'static str, head: &'static str, width: usize, max_rows: usize) -> Batch {
        let mut batch = Batch {
            verb,
            head,
            width,
            values: Vec::new(),
            max_rows,
            full_sql: String::new(),
        };
        batch.full_sql = batch.sql(batch.rows_per_statement());
        batch
    }

    /// The rows added so far, to be written elsewhere; this batch starts again empty.
    pub(crate) fn take(&mut self) -> Batch {
        Batch {
            verb: self.verb,
            head: self.head,
            width: self.width,
            values: std::mem::take(&mut self.values),
            max_rows: self.max_rows,
            full_sql: self.full_sql.clone(),
        }
    }

    /// Adds one row: exactly as many values as the head names columns.
    pub(crate) fn row<const N: usize>(&mut self, values: [rusqlite::types::Value; N]) {
        debug_assert_eq!(N, self.width, "{}", self.head);
        self.values.extend(values);
    }

    /// Adds one row from a vector (for rows built column by column).
    pub(crate) fn row_vec(&mut self, values: Vec<rusqlite::types::Value>) {
        debug_assert_eq!(values.len(), self.width, "{}", self.head);
        self.values.extend(values);
    }

    /// How many rows go to one statement.
    fn rows_per_statement(&self) -> usize {
        (Self::MAX_PARAMS / self.width).clamp(1, self.max_rows)
    }

    /// The statement for `rows` rows.
    fn sql(&self, rows: usize) -> String {
        insert_sql(self.verb, self.head, self.width, rows)
    }

    /// Writes the rows added so far, and forgets them.
    pub(crate) fn flush(&mut self, conn: &Connection) -> Result<(), StoreError> {
        self.write(conn)?;
        self.values.clear();
        Ok(())
    }

    /// Writes the rows added so far, keeping them: a batch made on another thread can be
    /// handed back there to be dropped (freeing memory on the thread that took it is
    /// quicker, and off the writing thread).
    pub(crate) fn write(&self, conn: &Connection) -> Result<(), StoreError> {
        self.write_counting(conn).map(|_| ())
    }

    /// [`Batch::write`], answering how many rows were written (those left out by
    /// [`Batch::or_ignore`] are not).
    pub(crate) fn write_counting(&self, conn: &Connection) -> Result<usize, StoreError> {
        let mut written = 0;
        let mut chunks = self
            .values
            .chunks_exact(self.rows_per_statement() * self.width);
        if chunks.len() > 0 {
            // One statement, prepared once, for all the full chunks.
            let mut full = conn.prepare_cached(&self.full_sql)?;
            for chunk in chunks.by_ref() {
                written += full.execute(rusqlite::params_from_iter(chunk))?;
            }
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            written += conn
                .prepare_cached(&self.sql(rest.len() / self.width))?
                .execute(rusqlite::params_from_iter(rest))?;
        }
        Ok(written)
    }

    /// How many rows were added.
    pub(crate) fn len(&self) -> usize {
        self.values.len() / self.width.max(1)
    }
}

/// The statement that inserts `rows` rows of `width` values into `head` (`t (a, b)`), with
/// `verb` (`INSERT`, `INSERT OR IGNORE`, …).
fn insert_sql(verb: &str, head: &str, width: usize, rows: usize) -> String {
    let row = format!("({})", vec!["?"; width].join(", "));
    format!("{verb} INTO {head} VALUES {}", vec![row; rows].join(", "))
}

/// Inserts one row into `head` (`t (a, b)`, the row's columns) with `verb` (`INSERT`,
/// `INSERT OR IGNORE`, …): the table modules' single inserts of the rows they also give
/// [`Batch`]es. How many rows were written (none when one is left out).
pub(crate) fn insert_one<const N: usize>(
    conn: &Connection,
    verb: &str,
    head: &str,
    values: [rusqlite::types::Value; N],
) -> Result<usize, StoreError> {
    Ok(conn
        .prepare_cached(&insert_sql(verb, head, N, 1))?
        .execute(rusqlite::params_from_iter(values))?)
}

/// The columns of a list row, for `summary_from_row`; `c` is the customers table.
pub(crate) const SUMMARY_COLUMNS: &str = "c.id, c.name, c.title, c.phone, c.level, c.budget_min, \
     c.budget_max, c.budget_about, (SELECT model FROM customer_models m \
     WHERE m.customer_id = c.id AND m.position = 0), c.created_at, c.updated_at, c.deleted_at, \
     c.last_contact";

pub(crate) fn summary_from_row(row: &Row<'_>) -> Result<CustomerSummary, StoreError> {
    Ok(CustomerSummary {
        id: row.get(0)?,
        name: row.get(1)?,
        title: code(row.get(2)?, Title::parse, "title")?,
        phone: row.get::<_, Option<String>>(3)?.map(Phone::from_stored),
        level: Level::parse(&row.get::<_, String>(4)?).unwrap_or(Level::N),
        budget: budget(row.get(5)?, row.get(6)?, row.get(7)?),
        model: row.get(8)?,
        created_at: time(row, 9)?,
        updated_at: time(row, 10)?,
        deleted_at: opt_time(row, 11)?,
        last_contact: row.get(12)?,
    })
}

/// Every list row the rows hold, in order.
pub(crate) fn collect_summaries(
    rows: rusqlite::Rows<'_>,
) -> Result<Vec<CustomerSummary>, StoreError> {
    collect_rows(rows, summary_from_row)
}
