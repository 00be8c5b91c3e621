//! What a command reported, and the model after it.

use std::collections::BTreeMap;
use std::process::Output;

use rusqlite::{Connection, OptionalExtension};

use super::super::model::{Cust, Import, Known, Life, Link, Model};
use super::{NotThere, Op, Report, io_err};

impl Op {
    /// What the command reported: `None` unless it printed its result (or, for the commands
    /// that print nothing, exited 0). A command killed after printing its result reported it.
    pub fn report(&self, out: &Output, killed: bool) -> Option<Report> {
        if !killed && !out.status.success() {
            return None;
        }
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let id = || {
            let line = stdout.trim();
            (line.len() == 36 && line.chars().filter(|c| *c == '-').count() == 4)
                .then(|| Report::Id(line.to_owned()))
        };
        let json = || serde_json::from_str(&stdout).ok().map(Report::Json);
        let said = |text: &str| stderr.contains(text).then_some(Report::Done);
        match self {
            Op::Add { .. }
            | Op::Edit { .. }
            | Op::Log { .. }
            | Op::Order { .. }
            | Op::Deliver { .. }
            | Op::Family { .. }
            | Op::Merge { .. } => id(),
            Op::Import { .. } | Op::UndoImport { .. } => json(),
            Op::EmptyTrash => said("Erased ").or_else(|| said("The trash is empty")),
            Op::Backup { .. } => said("backed up "),
            Op::RestoreBook { .. } => said("restored: "),
            Op::Level { .. } | Op::Trash { .. } | Op::RestoreCustomer { .. } => {
                (!killed).then_some(Report::Done)
            }
        }
    }

    /// The model after this command, given the model before it. With a report, the command
    /// is done; without one (it was killed), the book says whether it got in: by the mark
    /// each command leaves (a unique name, note, price, plate, reason, file name, or the
    /// loser being gone), `NotApplied` when there is none.
    pub fn after(
        &self,
        pre: &Model,
        report: Option<&Report>,
        conn: &Connection,
    ) -> Result<Model, NotThere> {
        let mut m = pre.clone();
        let reported_id = match report {
            Some(Report::Id(id)) => Some(id.clone()),
            _ => None,
        };
        let one = |sql: &str, key: &dyn rusqlite::ToSql| -> Result<Option<String>, NotThere> {
            conn.query_row(sql, [key], |r| r.get(0))
                .optional()
                .map_err(io_err)
        };
        let found = |id: Option<String>| id.ok_or(NotThere::NotApplied);
        match self {
            Op::Add { name, phone } => {
                let id = match reported_id {
                    Some(id) => id,
                    None => found(one("SELECT id FROM customers WHERE name = ?1", name)?)?,
                };
                m.customers
                    .insert(id, Cust::new_mine(name, phone.as_deref()));
            }
            Op::Edit { id, sets } => {
                if report.is_none() {
                    let (field, _, want) = &sets[0];
                    let now = one(&format!("SELECT {field} FROM customers WHERE id = ?1"), id)?;
                    if now.as_deref() != Some(want.as_str()) {
                        return Err(NotThere::NotApplied);
                    }
                }
                if let Some(c) = m.customers.get_mut(id) {
                    for (field, _, want) in sets {
                        c.fields.insert(field, Known::Is(want.clone()));
                    }
                }
            }
            Op::Log { id, note, .. } => {
                let logged = match reported_id {
                    Some(i) => i,
                    None => found(one("SELECT id FROM interactions WHERE notes = ?1", note)?)?,
                };
                m.interactions.insert(logged, id.clone());
            }
            Op::Level { id, level, reason } => {
                if report.is_none()
                    && one(
                        "SELECT customer_id FROM level_changes WHERE reason = ?1",
                        reason,
                    )?
                    .is_none()
                {
                    return Err(NotThere::NotApplied);
                }
                if let Some(c) = m.customers.get_mut(id) {
                    c.level = Some((*level).to_owned());
                    c.level_changes += 1;
                }
            }
            Op::Order { id, price, .. } => {
                let logged = match reported_id {
                    Some(i) => i,
                    None => found(one(
                        "SELECT id FROM interactions WHERE kind = 'order' AND price = ?1",
                        &i64::try_from(*price).unwrap_or(0),
                    )?)?,
                };
                m.interactions.insert(logged, id.clone());
                if let Some(c) = m.customers.get_mut(id) {
                    c.level = Some("O".to_owned());
                    c.level_changes += 1;
                }
            }
            Op::Deliver { id, plate, .. } => {
                let logged = match reported_id {
                    Some(i) => i,
                    None => found(one("SELECT id FROM interactions WHERE plate = ?1", plate)?)?,
                };
                m.interactions.insert(logged, id.clone());
                if let Some(c) = m.customers.get_mut(id) {
                    c.level = Some("D".to_owned());
                    c.level_changes += 1;
                }
            }
            Op::Family { id, name, .. } => {
                let member = match reported_id {
                    Some(i) => i,
                    None => found(one("SELECT id FROM family_members WHERE name = ?1", name)?)?,
                };
                m.family.insert(member, id.clone());
            }
            Op::Import { file, rows, fills } => {
                let file_name = file
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let import_id = match report {
                    Some(Report::Json(v)) => v["id"].as_str().map(str::to_owned),
                    _ => one("SELECT id FROM imports WHERE file_name = ?1", &file_name)?,
                };
                let Some(import_id) = import_id else {
                    let strays = rows
                        .iter()
                        .filter(|r| {
                            matches!(
                                one("SELECT id FROM customers WHERE name = ?1", &r.name),
                                Ok(Some(_))
                            )
                        })
                        .count();
                    return Err(if strays == 0 {
                        NotThere::NotApplied
                    } else {
                        NotThere::Half(format!(
                            "{strays} of the {} customers of {file_name} are in the book without \
                             its import record",
                            rows.len()
                        ))
                    });
                };
                let mut created: BTreeMap<String, String> = BTreeMap::new();
                let mut stmt = conn
                    .prepare(
                        "SELECT c.name, c.id FROM import_customers l
                         JOIN customers c ON c.id = l.customer_id
                         WHERE l.import_id = ?1 AND l.created = 1",
                    )
                    .map_err(io_err)?;
                let linked = stmt
                    .query_map([&import_id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .map_err(io_err)?;
                for pair in linked {
                    let (name, id): (String, String) = pair.map_err(io_err)?;
                    created.insert(name, id);
                }
                let missing = rows
                    .iter()
                    .filter(|r| !created.contains_key(&r.name))
                    .count();
                if missing > 0 || created.len() != rows.len() {
                    return Err(NotThere::Half(format!(
                        "import {import_id} ({file_name}) is recorded, but {missing} of its {} \
                         new customers are not linked to it ({} are)",
                        rows.len(),
                        created.len()
                    )));
                }
                let mut links = BTreeMap::new();
                for r in rows {
                    let id = created[&r.name].clone();
                    let mut c = Cust::new_mine(&r.name, Some(&r.phone));
                    c.fields.insert("company", Known::Is(r.company.clone()));
                    c.fields.insert("notes", Known::Is(r.notes.clone()));
                    m.customers.insert(id.clone(), c);
                    links.insert(
                        id,
                        Link {
                            created: true,
                            filled: Vec::new(),
                        },
                    );
                }
                for f in fills {
                    if let Some(c) = m.customers.get_mut(&f.id) {
                        c.fields.insert("company", Known::Is(f.company.clone()));
                        c.fields.insert("hobbies", Known::Is(f.hobbies.clone()));
                    }
                    links.insert(
                        f.id.clone(),
                        Link {
                            created: false,
                            filled: vec![
                                ("company", f.company.clone()),
                                ("hobbies", f.hobbies.clone()),
                            ],
                        },
                    );
                }
                m.imports.insert(
                    import_id,
                    Import {
                        file_name,
                        created: i64::try_from(rows.len()).unwrap_or(0),
                        undone: false,
                        links,
                    },
                );
            }
            Op::UndoImport { id } => {
                if report.is_none()
                    && one(
                        "SELECT id FROM imports WHERE id = ?1 AND undone_at IS NOT NULL",
                        id,
                    )?
                    .is_none()
                {
                    return Err(NotThere::NotApplied);
                }
                let Some(import) = m.imports.get_mut(id) else {
                    return Err(NotThere::Half(format!("import {id} is not in the model")));
                };
                import.undone = true;
                let links = import.links.clone();
                for (customer, link) in links {
                    let Some(c) = m.customers.get_mut(&customer) else {
                        continue;
                    };
                    if link.created {
                        c.life = Life::Trash;
                        continue;
                    }
                    for (field, value) in link.filled {
                        match c.known(field) {
                            Known::Is(v) if v == value => {
                                c.fields.insert(field, Known::Empty);
                            }
                            Known::Unknown => {
                                c.fields.insert(field, Known::Unknown);
                            }
                            _ => {}
                        }
                    }
                }
            }
            Op::Merge { survivor, loser } => {
                if report.is_none()
                    && one("SELECT id FROM customers WHERE id = ?1", loser)?.is_some()
                {
                    return Err(NotThere::NotApplied);
                }
                m.merge(survivor, loser);
            }
            Op::Trash { id } | Op::RestoreCustomer { id } => {
                let to_trash = matches!(self, Op::Trash { .. });
                if report.is_none() {
                    let trashed = one(
                        "SELECT id FROM customers WHERE id = ?1 AND deleted_at IS NOT NULL",
                        id,
                    )?
                    .is_some();
                    if trashed != to_trash {
                        return Err(NotThere::NotApplied);
                    }
                }
                if let Some(c) = m.customers.get_mut(id) {
                    c.life = if to_trash { Life::Trash } else { Life::Live };
                }
            }
            Op::EmptyTrash => {
                let trashed = m.ids(Life::Trash);
                if report.is_none() {
                    let mut gone = 0;
                    for id in &trashed {
                        if one("SELECT id FROM customers WHERE id = ?1", id)?.is_none() {
                            gone += 1;
                        }
                    }
                    if gone == 0 {
                        return Err(NotThere::NotApplied);
                    }
                }
                for id in trashed {
                    m.erase(&id);
                }
            }
            Op::Backup { .. } => {}
            Op::RestoreBook { model, .. } => m = (**model).clone(),
        }
        Ok(m)
    }
}
