//! What the book must hold: the model built from the changes `carnet` reported done, the
//! book as read back with SQL, and the comparison of the two.

use std::collections::BTreeMap;

mod book;
mod compare;

pub use book::Book;
pub use compare::differences;

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
