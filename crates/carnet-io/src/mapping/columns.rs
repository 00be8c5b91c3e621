//! Finding a table's header row and mapping each column, a saved correction first.

use std::collections::HashMap;

use super::headers::{IGNORED, KEEP, is_own_bookkeeping, norm, recognise};
use crate::Table;

/// How a table is read: its header row (0-based) and each column's target.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mapping {
    pub header_row: usize,
    pub columns: Vec<Option<String>>,
}

impl Mapping {
    /// The headers of the mapped table.
    pub fn headers<'t>(&self, table: &'t Table) -> &'t [String] {
        table.rows.get(self.header_row).map_or(&[], Vec::as_slice)
    }
}

/// A mapping the consultant corrected before, by header: applied over the guess next time.
pub type SavedMapping = HashMap<String, Option<String>>;

/// Finds the header row (the one among the first 20 where most headers are known; title
/// rows above it are skipped) and maps each column, a saved correction first.
pub fn guess(table: &Table, saved: &SavedMapping) -> Mapping {
    let known = |row: &Vec<String>| {
        row.iter()
            .filter(|h| {
                saved
                    .get(&norm(h))
                    .map_or(recognise(h).is_some(), Option::is_some)
            })
            .count()
    };
    let header_row = table
        .rows
        .iter()
        .take(20)
        .enumerate()
        .max_by_key(|(i, row)| (known(row), std::cmp::Reverse(*i)))
        .filter(|(_, row)| known(row) > 0)
        .map(|(i, _)| i)
        .or_else(|| {
            table
                .rows
                .iter()
                .position(|r| r.iter().any(|c| !c.is_empty()))
        })
        .unwrap_or(0);
    at_header_row(table, header_row, saved)
}

/// The columns of a table whose headers are in row `header_row` (0-based): the consultant
/// chose it, or [`guess`] found it.
pub fn at_header_row(table: &Table, header_row: usize, saved: &SavedMapping) -> Mapping {
    let headers = table.rows.get(header_row).cloned().unwrap_or_default();
    let width = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    // How many values each column holds below the header.
    let mut filled = vec![0usize; width];
    for row in table.rows.iter().skip(header_row + 1) {
        for (i, cell) in row.iter().enumerate() {
            if !cell.trim().is_empty() {
                filled[i] += 1;
            }
        }
    }
    let mut columns: Vec<Option<String>> = (0..width)
        .map(|i| {
            let header = headers.get(i).map_or("", String::as_str);
            match saved.get(&norm(header)) {
                Some(target) => target.clone(),
                None => recognise(header).map(str::to_owned).or_else(|| {
                    // A column Carnet does not know, that holds something: kept in the notes.
                    let h = norm(header);
                    let ignored = IGNORED.contains(&h.as_str()) || is_own_bookkeeping(&h);
                    (filled[i] > 0 && !ignored).then(|| KEEP.to_owned())
                }),
            }
        })
        .collect();
    // A field fed by two columns keeps the one with the most values (an empty "Occupation"
    // beside a filled "Organization 1 - Title"), the first of equals; except where values add
    // up (phones and the lists, notes, columns kept in the notes).
    let mut chosen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, column) in columns.iter().enumerate() {
        if let Some(target) = column
            && !adds_up(target)
        {
            let best = chosen.entry(target.clone()).or_insert(i);
            if filled[i] > filled[*best] {
                *best = i;
            }
        }
    }
    for (i, column) in columns.iter_mut().enumerate() {
        if let Some(target) = column.clone()
            && !adds_up(&target)
            && chosen.get(&target) != Some(&i)
        {
            *column = None;
        }
    }
    Mapping {
        header_row,
        columns,
    }
}

/// Whether the values of several columns mapped to `target` are combined rather than the
/// first kept: the lists (phones, e-mails, models, purposes, priorities, tags), the notes, and
/// the columns kept in the notes.
fn adds_up(target: &str) -> bool {
    target == "notes"
        || target == KEEP
        || carnet_core::profile::field(target).is_some_and(|f| f.is_list())
}
