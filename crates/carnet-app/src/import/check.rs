//! Each row (or card, or customer of a Carnet export) read into a profile, leniently: refused
//! only when nothing identifies the person; every value Carnet cannot understand kept (in its
//! field as words or as typed, else in the notes under its column's header) and reported as
//! a warning with its row, column, value and where it was kept.

use carnet_core::lenient::{Kept, KeptIn};
use carnet_core::{Invalid, Profile, ProfileDraft};
use carnet_io::labels::{Lang, label};
use carnet_io::mapping::{self, RowDraft};
use carnet_io::{Format, json_export::CustomerRecord};

use super::convert::invalid_row;
use super::read::{Read, ReadKind};
use crate::{AppError, ErrorCode};
use crate::{InvalidRow, KeptWhere, WarningGroup, WarningItem, saturating_u32};

/// One value a row's customer was imported with, but not as the field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Warning {
    pub row: u32,
    /// The column's header (the field's label for a Carnet export).
    pub column: String,
    /// The field the value was for (or `keep`, a column Carnet has no field for).
    pub field: String,
    pub value: String,
    pub kept: KeptWhere,
    pub code: ErrorCode,
}

/// How many values a warning group lists (all are counted).
const LISTED_PER_GROUP: usize = 200;

/// Gathers warnings into groups, in the order each kind first appears.
#[derive(Debug, Default)]
pub(crate) struct Warnings {
    groups: Vec<WarningGroup>,
    index: std::collections::HashMap<(String, String, KeptWhere, ErrorCode), usize>,
}

impl Warnings {
    pub(crate) fn add(&mut self, w: Warning) {
        let key = (w.column.clone(), w.field.clone(), w.kept, w.code);
        let at = *self.index.entry(key).or_insert_with(|| {
            self.groups.push(WarningGroup {
                column: w.column.clone(),
                field: w.field.clone(),
                kept: w.kept,
                code: w.code,
                count: 0,
                items: Vec::new(),
            });
            self.groups.len() - 1
        });
        let group = &mut self.groups[at];
        group.count = group.count.saturating_add(1);
        if group.items.len() < LISTED_PER_GROUP {
            group.items.push(WarningItem {
                row: w.row,
                value: w.value,
            });
        }
    }

    pub(crate) fn into_groups(self) -> Vec<WarningGroup> {
        self.groups
    }
}

/// One row or customer, checked.
pub(crate) enum Checked {
    Valid {
        row: u32,
        id: Option<String>,
        profile: Box<Profile>,
        record: Option<Box<CustomerRecord>>,
        /// Why a lost (F) customer of a sheet was lost: the reason when the words name one,
        /// else the words.
        lost: Option<SheetLost>,
        warnings: Vec<Warning>,
    },
    Invalid(InvalidRow),
}

/// A lost reason a sheet gave an F row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SheetLost {
    pub(crate) reason: Option<carnet_core::LostReason>,
    pub(crate) words: Option<String>,
}

/// Every row of the file, read on the day `today` (`lang` names the tag a made-up name gets),
/// and how many there are. The rows are taken out of `read` and checked as they are asked
/// for, each freed once checked.
pub(crate) fn check_rows(
    read: &mut Read,
    today: chrono::NaiveDate,
    lang: Lang,
) -> (usize, Box<dyn Iterator<Item = Checked> + Send + '_>) {
    if let Some((total, checked)) = read.checked.take() {
        return (total, Box::new(checked.into_iter()));
    }
    let vcard = read.format == Format::Vcard;
    match &mut read.kind {
        ReadKind::Rows {
            table,
            mapping,
            headers,
        } => {
            let rows = std::mem::take(&mut table.rows);
            let total = rows
                .iter()
                .enumerate()
                .filter(|(i, cells)| {
                    *i > mapping.header_row && cells.iter().any(|c| !c.trim().is_empty())
                })
                .count();
            let (mapping, headers) = (&*mapping, &*headers);
            let checked = rows.into_iter().enumerate().filter_map(move |(i, cells)| {
                let r = mapping::row_at(i, &cells, mapping, vcard)?;
                Some(check_row(&r, &cells, mapping, headers, (today, lang)))
            });
            (total, Box::new(checked))
        }
        ReadKind::Export(export) => {
            let customers = std::mem::take(&mut export.customers);
            let total = customers.len();
            let checked = customers
                .into_iter()
                .enumerate()
                .map(move |(i, c)| check_record(i, c, (today, lang)));
            (total, Box::new(checked))
        }
    }
}

/// A row of a table.
fn check_row(
    r: &RowDraft,
    cells: &[String],
    mapping: &mapping::Mapping,
    headers: &[String],
    (today, lang): (chrono::NaiveDate, Lang),
) -> Checked {
    let header = |col: usize| headers.get(col).cloned().unwrap_or_default();
    // The column a field's value came from, or (for an empty one) the column mapped to the
    // field.
    let column_of = |field: &str| {
        r.column_of(field).or_else(|| {
            mapping.columns.iter().position(|t| {
                t.as_deref() == Some(field)
                    || (field == "name"
                        && matches!(
                            t.as_deref(),
                            Some(mapping::GIVEN_NAME | mapping::FAMILY_NAME)
                        ))
            })
        })
    };
    let label_of = |field: &str| {
        column_of(field)
            .map(header)
            .filter(|h| !h.trim().is_empty())
            .unwrap_or_else(|| label(field, lang).to_owned())
    };
    // Columns Carnet has no field for, and values that could not even be set: into the notes
    // under their headers, first (the draft is copied only then).
    let mut with_kept = None;
    let mut warnings = Vec::new();
    // A referrer named in a sheet (a name or phone, not a Carnet id) is kept in the notes
    // under its header: the row is never refused for it.
    let mut kept = r.kept.clone();
    // A lost reason belongs to an F row; on any other it is kept in the notes.
    let lost_row = carnet_core::Level::parse(&r.draft.level) == Some(carnet_core::Level::F);
    let lost = match &r.lost_reason {
        Some((_, words)) if lost_row => Some(match carnet_core::LostReason::parse(words) {
            Some(reason) => SheetLost {
                reason: Some(reason),
                words: None,
            },
            None => SheetLost {
                reason: None,
                words: Some(words.clone()),
            },
        }),
        Some((col, words)) => {
            kept.push((*col, words.clone()));
            None
        }
        None => None,
    };
    if !r.draft.referred_by.trim().is_empty()
        && let Some(col) = column_of("referred_by")
    {
        kept.push((col, r.draft.referred_by.trim().to_owned()));
        with_kept
            .get_or_insert_with(|| r.draft.clone())
            .referred_by
            .clear();
    }
    for (col, value) in &kept {
        let draft: &mut ProfileDraft = with_kept.get_or_insert_with(|| r.draft.clone());
        let line = carnet_core::lenient::note_line(&header(*col), value);
        if draft.notes.trim().is_empty() {
            draft.notes = line;
        } else {
            draft.notes = format!("{}\n{line}", draft.notes);
        }
        let field = mapping
            .columns
            .get(*col)
            .cloned()
            .flatten()
            .unwrap_or_else(|| mapping::KEEP.to_owned());
        warnings.push(Warning {
            row: saturating_u32(r.row),
            column: header(*col),
            code: if field == mapping::KEEP {
                ErrorCode::UnknownField
            } else {
                ErrorCode::InvalidChoice
            },
            field,
            value: value.clone(),
            kept: KeptWhere::Notes,
        });
    }
    match lenient(
        with_kept.as_ref().unwrap_or(&r.draft),
        today,
        lang,
        &label_of,
    ) {
        Ok((profile, kept)) => {
            warnings.extend(kept.into_iter().map(|k| {
                let column = column_of(k.field).map(header).unwrap_or_default();
                warning(saturating_u32(r.row), column, k)
            }));
            Checked::Valid {
                row: saturating_u32(r.row),
                id: r.id.clone(),
                profile: Box::new(profile),
                record: None,
                lost,
                warnings,
            }
        }
        Err(e) => {
            let col = column_of(e.field);
            let value = col.and_then(|c| cells.get(c)).cloned().unwrap_or_default();
            let column = col.map(header).unwrap_or_default();
            let field = e.field;
            Checked::Invalid(invalid_row(saturating_u32(r.row), column, field, value, e))
        }
    }
}

/// A customer of a Carnet export.
fn check_record(i: usize, c: CustomerRecord, (today, lang): (chrono::NaiveDate, Lang)) -> Checked {
    let label_of = |field: &str| label(field, lang).to_owned();
    match lenient(&c.profile, today, lang, &label_of) {
        Ok((profile, kept)) => Checked::Valid {
            row: saturating_u32(i + 1),
            id: Some(c.id.clone()),
            profile: Box::new(profile),
            lost: None,
            warnings: kept
                .into_iter()
                .map(|k| {
                    let column = label(k.field, lang).to_owned();
                    warning(saturating_u32(i + 1), column, k)
                })
                .collect(),
            record: Some(Box::new(c)),
        },
        Err(e) => {
            let value = c.profile.get(e.field).unwrap_or_default();
            let field = e.field;
            Checked::Invalid(invalid_row(
                saturating_u32(i + 1),
                field.to_owned(),
                field,
                value,
                e,
            ))
        }
    }
}

/// The draft read leniently; a made-up name's customer tagged to be named.
fn lenient(
    draft: &ProfileDraft,
    today: chrono::NaiveDate,
    lang: Lang,
    label_of: &dyn Fn(&str) -> String,
) -> Result<(Profile, Vec<Kept>), Invalid> {
    let read = draft.validate_lenient(today, label_of)?;
    let mut profile = read.profile;
    if read.kept.iter().any(|k| k.kept_in == KeptIn::MadeUpName) {
        let tag = label("name_missing_tag", lang).to_owned();
        if !profile.tags.contains(&tag) && profile.tags.len() < carnet_core::profile::LIST_MAX {
            profile.tags.push(tag);
        }
    }
    Ok((profile, read.kept))
}

fn warning(row: u32, column: String, k: Kept) -> Warning {
    Warning {
        row,
        column,
        field: k.field.to_owned(),
        value: k.value,
        kept: k.kept_in.into(),
        code: AppError::from(Invalid::new(k.field, k.problem)).code(),
    }
}

/// The warnings of a row, and whether it has any.
pub(crate) fn add_all(all: &mut Warnings, row: Vec<Warning>) -> bool {
    let any = !row.is_empty();
    for w in row {
        all.add(w);
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_of_one_kind_are_one_group_listing_their_rows() {
        let mut all = Warnings::default();
        for row in 2..400 {
            all.add(Warning {
                row,
                column: "购车时间".into(),
                field: "timeframe".into(),
                value: "待定".into(),
                kept: KeptWhere::Field,
                code: ErrorCode::InvalidDate,
            });
        }
        all.add(Warning {
            row: 7,
            column: "手机".into(),
            field: "phones".into(),
            value: "123456".into(),
            kept: KeptWhere::Field,
            code: ErrorCode::InvalidPhone,
        });
        let groups = all.into_groups();
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].count, 398);
        assert_eq!(groups[0].items.len(), LISTED_PER_GROUP);
        assert_eq!(groups[0].items[0].row, 2);
        assert_eq!(
            groups[1].items,
            vec![WarningItem {
                row: 7,
                value: "123456".into()
            }]
        );
    }
}
