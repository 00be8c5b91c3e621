//! What the book must hold: the model built from the changes `carnet` reported done, the
//! book as read back with SQL, and the comparison of the two.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::Connection;

/// The profile fields the suite sets (`edit --set`, an import's fills) and reads back.
pub const FIELDS: [&str; 9] = [
    "notes",
    "company",
    "occupation",
    "hobbies",
    "wechat",
    "region",
    "address",
    "budget",
    "tags",
];

/// What the model knows of one field of one customer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Known {
    /// Not followed (a demo customer's own value, or a merge's result the suite does not
    /// work out).
    Unknown,
    Empty,
    Is(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Life {
    Live,
    Trash,
}

#[derive(Clone, Debug)]
pub struct Cust {
    pub name: String,
    /// The main phone as typed (11 digits), for the customers this suite made.
    pub phone: Option<String>,
    pub life: Life,
    /// The level code; `None` when the model cannot tell.
    pub level: Option<String>,
    /// Rows in `level_changes` for this customer.
    pub level_changes: usize,
    /// The fields followed; the others are empty when `blank_rest`, else unknown.
    pub fields: BTreeMap<&'static str, Known>,
    pub blank_rest: bool,
    /// Made by this suite (a unique name, searchable).
    pub mine: bool,
}

impl Cust {
    /// A customer this suite added: a name, maybe a phone, everything else empty.
    pub fn new_mine(name: &str, phone: Option<&str>) -> Cust {
        Cust {
            name: name.to_owned(),
            phone: phone.map(str::to_owned),
            life: Life::Live,
            level: Some("N".to_owned()),
            level_changes: 0,
            fields: BTreeMap::new(),
            blank_rest: true,
            mine: true,
        }
    }

    pub fn known(&self, field: &str) -> Known {
        match self.fields.get(field) {
            Some(k) => k.clone(),
            None if self.blank_rest => Known::Empty,
            None => Known::Unknown,
        }
    }
}

/// An import's link to a customer (`import_customers`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub created: bool,
    /// Field and value the import filled in (for a customer already there).
    pub filled: Vec<(&'static str, String)>,
}

#[derive(Clone, Debug)]
pub struct Import {
    pub file_name: String,
    /// `imports.created`: the rows it created when it was made.
    pub created: i64,
    pub undone: bool,
    pub links: BTreeMap<String, Link>,
}

/// The book as the changes reported done make it.
#[derive(Clone, Debug, Default)]
pub struct Model {
    /// `PRAGMA user_version`: the schema the book is at.
    pub schema_version: i64,
    pub customers: BTreeMap<String, Cust>,
    /// Interaction id to customer id.
    pub interactions: BTreeMap<String, String>,
    /// Family member id to customer id.
    pub family: BTreeMap<String, String>,
    pub imports: BTreeMap<String, Import>,
}

impl Model {
    /// Everything a book holds, taken as known (the seed book, read once).
    pub fn of_book(book: &Book) -> Model {
        let customers = book
            .customers
            .iter()
            .map(|(id, c)| {
                let cust = Cust {
                    name: c.name.clone(),
                    phone: None,
                    life: if c.trashed { Life::Trash } else { Life::Live },
                    level: Some(c.level.clone()),
                    level_changes: book.level_changes.get(id).copied().unwrap_or(0),
                    fields: BTreeMap::new(),
                    blank_rest: false,
                    mine: false,
                };
                (id.clone(), cust)
            })
            .collect();
        let imports = book
            .imports
            .iter()
            .map(|(id, i)| {
                let links = book
                    .links
                    .get(id)
                    .map(|l| {
                        l.iter()
                            .map(|(c, created)| {
                                let link = Link {
                                    created: *created,
                                    filled: Vec::new(),
                                };
                                (c.clone(), link)
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let import = Import {
                    file_name: i.file_name.clone(),
                    created: i.created,
                    undone: i.undone,
                    links,
                };
                (id.clone(), import)
            })
            .collect();
        Model {
            schema_version: book.schema_version,
            customers,
            interactions: book.interactions.clone(),
            family: book.family.clone(),
            imports,
        }
    }

    pub fn ids(&self, life: Life) -> Vec<String> {
        self.customers
            .iter()
            .filter(|(_, c)| c.life == life)
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// Erases a customer for good, with everything linked to them (ON DELETE CASCADE).
    pub fn erase(&mut self, id: &str) {
        self.customers.remove(id);
        self.interactions.retain(|_, c| c != id);
        self.family.retain(|_, c| c != id);
        for import in self.imports.values_mut() {
            import.links.remove(id);
        }
    }

    /// `carnet merge SURVIVOR LOSER`: the loser's rows move to the survivor (a row keyed by
    /// customer and import stays the survivor's when both have one), the profiles merge as
    /// carnet-core's `merge` does (the survivor's values win, the loser fills what the
    /// survivor lacks, lists are joined, a survivor at N takes the loser's level), and the
    /// loser is erased.
    pub fn merge(&mut self, survivor: &str, loser: &str) {
        let Some(l) = self.customers.get(loser).cloned() else {
            return;
        };
        for owner in self
            .interactions
            .values_mut()
            .chain(self.family.values_mut())
        {
            if owner == loser {
                *owner = survivor.to_owned();
            }
        }
        for import in self.imports.values_mut() {
            if let Some(link) = import.links.remove(loser)
                && !import.links.contains_key(survivor)
            {
                import.links.insert(survivor.to_owned(), link);
            }
        }
        if let Some(s) = self.customers.get_mut(survivor) {
            s.level_changes += l.level_changes;
            s.level = match (s.level.as_deref(), &l.level) {
                (Some("N"), other) => other.clone(),
                (mine, _) => mine.map(str::to_owned),
            };
            let mut fields = BTreeMap::new();
            for field in FIELDS {
                let merged = match (s.known(field), l.known(field)) {
                    (Known::Unknown, _) => Known::Unknown,
                    (Known::Empty, theirs) => theirs,
                    (Known::Is(a), Known::Empty) => Known::Is(a),
                    (Known::Is(a), Known::Is(b)) if field == "tags" => {
                        Known::Is(format!("{a},{b}"))
                    }
                    (Known::Is(_), _) if field == "tags" => Known::Unknown,
                    (Known::Is(a), _) => Known::Is(a),
                };
                fields.insert(field, merged);
            }
            s.fields = fields;
            s.blank_rest = s.blank_rest && l.blank_rest;
        }
        self.erase(loser);
    }
}

/// One customer as read from the book.
#[derive(Clone, Debug)]
pub struct BookCust {
    pub name: String,
    pub trashed: bool,
    pub level: String,
    pub fields: BTreeMap<&'static str, Option<String>>,
}

#[derive(Clone, Debug)]
pub struct BookImport {
    pub file_name: String,
    pub created: i64,
    pub undone: bool,
}

/// What the book holds, read with SQL, in the shape of the model.
#[derive(Clone, Debug, Default)]
pub struct Book {
    pub schema_version: i64,
    pub customers: BTreeMap<String, BookCust>,
    pub interactions: BTreeMap<String, String>,
    pub family: BTreeMap<String, String>,
    pub level_changes: BTreeMap<String, usize>,
    pub imports: BTreeMap<String, BookImport>,
    /// Import id to (customer id, created).
    pub links: BTreeMap<String, BTreeMap<String, bool>>,
}

fn text(v: Option<String>) -> Option<String> {
    v.filter(|s| !s.is_empty())
}

impl Book {
    /// The schema version alone (the rest may not be readable at another version).
    pub fn schema_version(conn: &Connection) -> rusqlite::Result<i64> {
        conn.pragma_query_value(None, "user_version", |r| r.get(0))
    }

    pub fn read(conn: &Connection) -> rusqlite::Result<Book> {
        let mut book = Book {
            schema_version: Book::schema_version(conn)?,
            ..Book::default()
        };
        let mut stmt = conn.prepare(
            "SELECT id, name, deleted_at IS NOT NULL, level, notes, company, occupation, hobbies,
                    wechat, region, address, budget_min, budget_max
             FROM customers",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let mut fields = BTreeMap::new();
            for (i, field) in FIELDS[..7].iter().enumerate() {
                fields.insert(*field, text(r.get(4 + i)?));
            }
            let (min, max): (Option<i64>, Option<i64>) = (r.get(11)?, r.get(12)?);
            let budget =
                max.map(|max| format!("{}-{max}", min.map(|m| m.to_string()).unwrap_or_default()));
            fields.insert("budget", budget);
            fields.insert("tags", None);
            let cust = BookCust {
                name: r.get(1)?,
                trashed: r.get(2)?,
                level: r.get(3)?,
                fields,
            };
            book.customers.insert(r.get(0)?, cust);
        }
        let mut stmt = conn
            .prepare("SELECT customer_id, tag FROM customer_tags ORDER BY customer_id, position")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, tag): (String, String) = (r.get(0)?, r.get(1)?);
            if let Some(c) = book.customers.get_mut(&id) {
                let tags = c.fields.entry("tags").or_default();
                *tags = Some(match tags.take() {
                    Some(t) => format!("{t},{tag}"),
                    None => tag,
                });
            }
        }
        book.interactions = pairs(conn, "SELECT id, customer_id FROM interactions")?;
        book.family = pairs(conn, "SELECT id, customer_id FROM family_members")?;
        let mut stmt =
            conn.prepare("SELECT customer_id, count(*) FROM level_changes GROUP BY customer_id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let n: i64 = r.get(1)?;
            book.level_changes
                .insert(r.get(0)?, usize::try_from(n).unwrap_or(0));
        }
        let mut stmt =
            conn.prepare("SELECT id, file_name, created, undone_at IS NOT NULL FROM imports")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let import = BookImport {
                file_name: r.get(1)?,
                created: r.get(2)?,
                undone: r.get(3)?,
            };
            book.imports.insert(r.get(0)?, import);
        }
        let mut stmt =
            conn.prepare("SELECT import_id, customer_id, created FROM import_customers")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (import, customer, created): (String, String, bool) =
                (r.get(0)?, r.get(1)?, r.get(2)?);
            book.links
                .entry(import)
                .or_default()
                .insert(customer, created);
        }
        Ok(book)
    }
}

fn pairs(conn: &Connection, sql: &str) -> rusqlite::Result<BTreeMap<String, String>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

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
