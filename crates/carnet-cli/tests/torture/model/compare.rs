//! The comparison of the book with the model.

use std::collections::{BTreeMap, BTreeSet};

use super::{Book, FIELDS, Known, Life, Model};

/// At most this many differences are listed for one comparison.
const MAX_LISTED: usize = 12;

/// Where the book differs from the model: nothing when every change reported done is there
/// and nothing else is.
pub fn differences(model: &Model, book: &Book) -> Vec<String> {
    let mut all = Vec::new();
    let mut out = Vec::new();
    if book.schema_version != model.schema_version {
        all.push(format!(
            "the book is at schema version {}, not {}",
            book.schema_version, model.schema_version
        ));
    }
    let name_of = |id: &str| -> String {
        model
            .customers
            .get(id)
            .map(|c| c.name.clone())
            .or_else(|| book.customers.get(id).map(|c| c.name.clone()))
            .unwrap_or_default()
    };
    for (id, c) in &model.customers {
        let Some(b) = book.customers.get(id) else {
            out.push(format!("customer {} ({id}) is missing", c.name));
            continue;
        };
        if b.name != c.name {
            out.push(format!(
                "customer {id} is named {:?}, not {:?}",
                b.name, c.name
            ));
        }
        let trashed = c.life == Life::Trash;
        if b.trashed != trashed {
            out.push(format!(
                "customer {} ({id}) is {}in the trash, but should {}be",
                c.name,
                if b.trashed { "" } else { "not " },
                if trashed { "" } else { "not " }
            ));
        }
        if let Some(level) = &c.level
            && *level != b.level
        {
            out.push(format!(
                "customer {} ({id}) is at level {}, not {level}",
                c.name, b.level
            ));
        }
        let changes = book.level_changes.get(id).copied().unwrap_or(0);
        if changes != c.level_changes {
            out.push(format!(
                "customer {} ({id}) has {changes} level changes, not {}",
                c.name, c.level_changes
            ));
        }
        for field in FIELDS {
            let found = b.fields.get(field).cloned().flatten();
            let want = match c.known(field) {
                Known::Unknown => continue,
                Known::Empty => None,
                Known::Is(v) => Some(v),
            };
            if found != want {
                out.push(format!(
                    "customer {} ({id}): {field} is {found:?}, not {want:?}",
                    c.name
                ));
            }
        }
    }
    capped(std::mem::take(&mut out), &mut all);
    for (id, b) in &book.customers {
        if !model.customers.contains_key(id) {
            out.push(format!(
                "customer {} ({id}) is in the book but no change reported it",
                b.name
            ));
        }
    }
    capped(std::mem::take(&mut out), &mut all);
    for (what, want, found) in [
        ("interaction", &model.interactions, &book.interactions),
        ("family member", &model.family, &book.family),
    ] {
        for (id, owner) in want {
            match found.get(id) {
                None => out.push(format!("{what} {id} of {} is missing", name_of(owner))),
                Some(o) if o != owner => out.push(format!(
                    "{what} {id} belongs to {} ({o}), not {} ({owner})",
                    name_of(o),
                    name_of(owner)
                )),
                Some(_) => {}
            }
        }
        for (id, owner) in found {
            if !want.contains_key(id) {
                out.push(format!(
                    "{what} {id} of {} ({owner}) is in the book but no change reported it",
                    name_of(owner)
                ));
            }
        }
    }
    capped(std::mem::take(&mut out), &mut all);
    for (id, i) in &model.imports {
        let Some(b) = book.imports.get(id) else {
            out.push(format!("import {id} ({}) is missing", i.file_name));
            continue;
        };
        if b.file_name != i.file_name || b.created != i.created || b.undone != i.undone {
            out.push(format!(
                "import {id} reads {} created {} undone {}, not {} created {} undone {}",
                b.file_name, b.created, b.undone, i.file_name, i.created, i.undone
            ));
        }
        let want: BTreeSet<(&String, bool)> = i.links.iter().map(|(c, l)| (c, l.created)).collect();
        let found: BTreeSet<(&String, bool)> = book
            .links
            .get(id)
            .map(|l| l.iter().map(|(c, created)| (c, *created)).collect())
            .unwrap_or_default();
        if want != found {
            let missing = want.difference(&found).count();
            let extra = found.difference(&want).count();
            out.push(format!(
                "import {id} ({}): {missing} of its {} customer links are missing and {extra} \
                 are extra",
                i.file_name,
                want.len()
            ));
        }
    }
    for (id, b) in &book.imports {
        if !model.imports.contains_key(id) {
            let links = book.links.get(id).map_or(0, BTreeMap::len);
            out.push(format!(
                "import {id} ({}, {links} customers) is in the book but no change reported it",
                b.file_name
            ));
        }
    }
    capped(out, &mut all);
    all
}

/// Each section's first `MAX_LISTED` lines, and how many more there are.
fn capped(section: Vec<String>, out: &mut Vec<String>) {
    let more = section.len().saturating_sub(MAX_LISTED);
    out.extend(section.into_iter().take(MAX_LISTED));
    if more > 0 {
        out.push(format!("… and {more} more like it"));
    }
}
