//! Each data row of a mapped table as a profile draft.

use std::collections::HashMap;

use carnet_core::ProfileDraft;

use super::Mapping;
use super::headers::{
    BIRTH_DAY, BIRTH_MONTH, BIRTH_YEAR, FAMILY_NAME, GIVEN_NAME, ID, KEEP, LOST_REASON,
};
use crate::Table;
use crate::text::{strip_formula_guard, to_half_width};

/// One data row read into a draft.
#[derive(Debug, Clone, PartialEq)]
pub struct RowDraft {
    /// 1-based, as the sheet shows it (the card's number in a vCard file).
    pub row: usize,
    /// The Carnet id the row carried, if an id column was mapped.
    pub id: Option<String>,
    pub draft: ProfileDraft,
    /// For each field set, the column it came from (to name it in an error).
    pub sources: Vec<(String, usize)>,
    /// Values kept in the notes under their column's header rather than understood, by
    /// column: a column Carnet has no field for, or a value that could not even be set (a
    /// "lunar" column holding "maybe").
    pub kept: Vec<(usize, String)>,
    /// Why a lost customer was lost, as the sheet says, and its column (the import reads it
    /// on an F row).
    pub lost_reason: Option<(usize, String)>,
}

impl RowDraft {
    /// The column a field's value came from.
    pub fn column_of(&self, field: &str) -> Option<usize> {
        self.sources
            .iter()
            .find(|(f, _)| f == field || (field == "name" && (f == GIVEN_NAME || f == FAMILY_NAME)))
            .map(|(_, c)| *c)
    }
}

/// Every non-blank row below the header as a draft. `synthetic_header` numbers rows from the
/// first data row (vCards, whose header row Carnet made up).
pub fn rows(table: &Table, mapping: &Mapping, synthetic_header: bool) -> Vec<RowDraft> {
    table
        .rows
        .iter()
        .enumerate()
        .filter_map(|(i, cells)| row_at(i, cells, mapping, synthetic_header))
        .collect()
}

/// The table's row `index` (0-based, its cells `cells`) as a draft: `None` for the header and
/// the rows above it, and for a blank row. An import reads a big file so, a row at a time.
pub fn row_at(
    index: usize,
    cells: &[String],
    mapping: &Mapping,
    synthetic_header: bool,
) -> Option<RowDraft> {
    if index <= mapping.header_row || cells.iter().all(|c| c.trim().is_empty()) {
        return None;
    }
    let row = if synthetic_header {
        index - mapping.header_row
    } else {
        index + 1
    };
    Some(read_row(row, cells, &mapping.columns))
}

fn read_row(row: usize, cells: &[String], columns: &[Option<String>]) -> RowDraft {
    let mut out = RowDraft {
        row,
        id: None,
        draft: ProfileDraft::default(),
        sources: Vec::new(),
        kept: Vec::new(),
        lost_reason: None,
    };
    let mut given = String::new();
    let mut family = String::new();
    let mut birth: [String; 3] = Default::default();
    let mut lists: HashMap<&str, Vec<String>> = HashMap::new();
    for (col, target) in columns.iter().enumerate() {
        let Some(target) = target.as_deref() else {
            continue;
        };
        let raw = cells.get(col).map_or("", String::as_str);
        let value = strip_formula_guard(raw.trim()).trim();
        if value.is_empty() {
            continue;
        }
        if !out.sources.iter().any(|(f, _)| f == target) {
            out.sources.push((target.to_owned(), col));
        }
        match target {
            ID => out.id = Some(value.to_owned()),
            GIVEN_NAME => given = value.to_owned(),
            FAMILY_NAME => family = value.to_owned(),
            BIRTH_YEAR => birth[0] = value.to_owned(),
            BIRTH_MONTH => birth[1] = value.to_owned(),
            BIRTH_DAY => birth[2] = value.to_owned(),
            KEEP => out.kept.push((col, value.to_owned())),
            LOST_REASON => out.lost_reason = Some((col, value.to_owned())),
            "phones" => lists
                .entry("phones")
                .or_default()
                .extend(split_phones(value)),
            "emails" => lists.entry("emails").or_default().extend(split_list(value)),
            list if let Some(spec) = carnet_core::profile::field(list)
                && spec.is_list() =>
            {
                lists.entry(spec.name).or_default().push(value.to_owned());
            }
            "notes" if !out.draft.notes.is_empty() => {
                out.draft.notes.push('\n');
                out.draft.notes.push_str(value);
            }
            "birthday" => out.draft.birthday = birthday_text(value),
            "birthday_lunar" => {
                let yes = ["是", "yes", "y", "true", "1", "农历", "農曆", "lunar"];
                let lunar = yes.iter().any(|y| value.eq_ignore_ascii_case(y));
                let no = ["否", "no", "n", "false", "0", "公历", "公曆", "solar"];
                if lunar || no.iter().any(|n| value.eq_ignore_ascii_case(n)) {
                    out.draft.birthday_lunar = lunar;
                } else {
                    out.kept.push((col, value.to_owned()));
                }
            }
            field => {
                if out.draft.set(field, value).is_err() {
                    out.kept.push((col, value.to_owned()));
                }
            }
        }
    }
    for (key, items) in lists {
        // Set item by item: a list cell's own commas are not taken apart again.
        match key {
            "phones" => out.draft.phones = items,
            "emails" => out.draft.emails = items,
            _ => {
                let _ = out.draft.set(key, &items.join(", "));
            }
        }
    }
    if out.draft.birthday.is_empty() && !birth[1].is_empty() && !birth[2].is_empty() {
        let pad = |s: &str| format!("{:0>2}", s.trim());
        out.draft.birthday = if birth[0].trim().is_empty() {
            format!("{}-{}", pad(&birth[1]), pad(&birth[2]))
        } else {
            format!("{}-{}-{}", birth[0].trim(), pad(&birth[1]), pad(&birth[2]))
        };
        if let Some(col) = columns.iter().position(|c| c.as_deref() == Some(BIRTH_DAY)) {
            out.sources.push(("birthday".to_owned(), col));
        }
    } else {
        // A part of a birthday alone: kept, not lost.
        for (part, target) in birth.iter().zip([BIRTH_YEAR, BIRTH_MONTH, BIRTH_DAY]) {
            if !part.trim().is_empty()
                && let Some(col) = columns.iter().position(|c| c.as_deref() == Some(target))
                && out.draft.birthday.is_empty()
            {
                out.kept.push((col, part.clone()));
            }
        }
    }

    if out.draft.name.trim().is_empty() && !(given.is_empty() && family.is_empty()) {
        let cjk = |s: &str| s.chars().any(|c| ('\u{3400}'..='\u{9FFF}').contains(&c));
        out.draft.name = if cjk(&family) || cjk(&given) {
            format!("{family}{given}")
        } else {
            format!("{given} {family}").trim().to_owned()
        };
    }
    out
}

/// Several items in one cell: split on commas, semicolons, 、 and line ends.
fn split_list(cell: &str) -> Vec<String> {
    cell.split([',', '，', ';', '；', '、', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Several phones in one cell: split on commas, semicolons, 、 and line ends; on slashes and
/// bars when every piece is a whole number ("13812345678/13987654321", not "0987 /6543");
/// and on spaces when every piece is a whole number (not "138 1234 5678").
pub fn split_phones(cell: &str) -> Vec<String> {
    let cell = to_half_width(cell);
    let digits = |p: &str| p.chars().filter(char::is_ascii_digit).count();
    let pieces: Vec<String> = cell
        .split([',', ';', '、', '\n'])
        .flat_map(|piece| {
            let parts: Vec<&str> = piece.split(['/', '|']).collect();
            if parts.len() > 1 && parts.iter().all(|p| digits(p) >= 7) {
                parts
            } else {
                vec![piece]
            }
        })
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    pieces
        .into_iter()
        .flat_map(|p| {
            let words: Vec<&str> = p.split_whitespace().collect();
            let all_numbers = words.len() > 1
                && words.iter().all(|w| {
                    w.len() >= 7
                        && w.trim_start_matches('+')
                            .chars()
                            .all(|c| c.is_ascii_digit())
                });
            if all_numbers {
                words.into_iter().map(str::to_owned).collect()
            } else {
                vec![p]
            }
        })
        .collect()
}

/// A birthday as written in sheets and vCards, in the form carnet-core reads: an Excel date
/// with a time, 19850312, --0312 and --03-12 (no year).
fn birthday_text(raw: &str) -> String {
    let raw = to_half_width(raw);
    let date = raw.split([' ', 'T']).next().unwrap_or(&raw);
    if let Some(rest) = date.strip_prefix("--") {
        let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
        if digits.len() == 4 {
            return format!("{}-{}", &digits[..2], &digits[2..]);
        }
    }
    if date.len() == 8 && date.chars().all(|c| c.is_ascii_digit()) {
        return format!("{}-{}-{}", &date[..4], &date[4..6], &date[6..]);
    }
    date.to_owned()
}
