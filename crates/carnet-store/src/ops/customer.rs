//! A customer written with everything that goes with their profile: the row's columns, the
//! profile's lists, the search entry (or none, in the trash), and on an update the history
//! of key facts and level. Trash and restore (the search entry follows); new customers in
//! bulk (an import, a demo book).

use carnet_core::{Customer, FamilyFacts, Profile};
use rusqlite::Connection;

use crate::rows::Batch;
use crate::tables::{
    customer_search, customers, family_members, key_fact_changes, level_changes, profile_lists,
};
use crate::{StoreError, Write};

/// Writes the profile into the customer's row (which must exist), lists and search index.
pub(crate) fn write_profile(
    conn: &Connection,
    id: &str,
    p: &Profile,
    now: &str,
) -> Result<(), StoreError> {
    customers::write_columns(conn, id, p, now)?;
    let lists = (p.phones.as_slice(), p.models.as_slice(), p.tags.as_slice());
    profile_lists::write(conn, id, lists, false)?;
    if customers::is_trashed(conn, id)? {
        customer_search::unindex(conn, id)
    } else {
        customer_search::index(conn, id, p)
    }
}

/// Inserts a new customer row with the given id and profile.
pub(crate) fn insert(
    conn: &Connection,
    id: &str,
    p: &Profile,
    now: &str,
) -> Result<(), StoreError> {
    customers::insert_row(conn, id, &p.name, now)?;
    write_profile(conn, id, p, now)
}

/// Replaces a customer's profile, keeping each changed key fact and a level change in the
/// history (`at`, the consultant's local time, for the level; `now` for the rest); `false`
/// when there is no such customer.
pub(crate) fn update(
    conn: &Connection,
    id: &str,
    profile: &Profile,
    at: chrono::NaiveDateTime,
    now: &str,
) -> Result<bool, StoreError> {
    let Some(before) = customers::read(conn, id)? else {
        return Ok(false);
    };
    write_profile(conn, id, profile, now)?;
    key_fact_changes::record(conn, id, profile.key_fact_changes(&before.profile), now)?;
    if before.profile.level != profile.level {
        let change = level_changes::change(before.profile.level, profile.level);
        level_changes::record(conn, id, at, &change)?;
    }
    Ok(true)
}

/// New customers written together (an import, a demo book): their rows, lists and index
/// entries go many rows to a statement, and their full-text rows in one statement at the end.
/// A customer's row is in the book once [`NewCustomers::write`] has run.
pub(crate) struct NewCustomers {
    next_rowid: i64,
    rows: Batch,
    lists: profile_lists::NewLists,
    index: customer_search::NewEntries,
}

impl NewCustomers {
    pub(crate) fn start(conn: &Connection) -> Result<NewCustomers, StoreError> {
        Ok(NewCustomers {
            next_rowid: customers::next_search_rowid(conn)?,
            rows: Batch::one_row(customers::new_row_head(), customers::NEW_ROW_WIDTH),
            lists: profile_lists::NewLists::default(),
            index: customer_search::NewEntries::start(conn)?,
        })
    }

    /// Adds a customer; `prompts_until` when their prompts are written with them (`None`
    /// leaves them to the next rollover), their `last_contact` when they come with a
    /// timeline already worked out (`None` for none, or to be set once it is written), and
    /// in a team book their consultant.
    pub(crate) fn add(
        &mut self,
        id: &str,
        (created_at, updated_at): (&str, &str),
        p: &Profile,
        (prompts_until, last_contact): (Option<&str>, Option<&str>),
        consultant: Option<&str>,
    ) {
        let keys = carnet_core::SearchKeys::of(p);
        let rowid = self.next_rowid;
        self.next_rowid += 1;
        customers::push_new(
            &mut self.rows,
            id,
            created_at,
            updated_at,
            &keys,
            rowid,
            (prompts_until, last_contact),
            consultant,
            p,
        );
        self.lists.push(id, p);
        self.index.push(rowid, &keys);
    }

    /// The customers added so far, to be written elsewhere (by `flush`); this starts again
    /// empty, numbering on.
    pub(crate) fn take(&mut self) -> NewCustomers {
        NewCustomers {
            next_rowid: self.next_rowid,
            rows: self.rows.take(),
            lists: self.lists.take(),
            index: self.index.take(),
        }
    }

    /// Writes the customers added (all but their full-text rows), keeping them: see
    /// [`Batch::write`](crate::rows::Batch::write).
    pub(crate) fn write(&self, conn: &Connection) -> Result<(), StoreError> {
        self.rows.write(conn)?;
        self.lists.write(conn)?;
        self.index.write(conn)
    }

    /// Writes them all, full-text rows included.
    pub(crate) fn finish(self, conn: &Connection) -> Result<(), StoreError> {
        self.write(conn)?;
        customer_search::write_pending(conn)
    }
}

impl Write<'_> {
    /// Adds a customer with a new time-ordered UUID and returns it as stored.
    pub fn insert_customer(&self, profile: &Profile) -> Result<Customer, StoreError> {
        let id = uuid::Uuid::now_v7().to_string();
        let tx = self.conn();
        insert(tx, &id, profile, &self.now_text())?;
        self.customer(&id)?
            .ok_or_else(|| StoreError::Corrupt(format!("customer {id} vanished after insert")))
    }

    /// Adds many customers with their families in one transaction (a demo book, an import):
    /// all or nothing.
    pub fn insert_customers(
        &self,
        all: &[(Profile, Vec<FamilyFacts>)],
    ) -> Result<Vec<String>, StoreError> {
        let now = self.now_text();
        let tx = self.conn();
        let mut ids = Vec::with_capacity(all.len());
        let mut new = NewCustomers::start(tx)?;
        for (profile, _) in all {
            let id = uuid::Uuid::now_v7().to_string();
            new.add(&id, (&now, &now), profile, (None, None), None);
            ids.push(id);
        }
        new.finish(tx)?;
        for (id, (_, family)) in ids.iter().zip(all) {
            for member in family {
                family_members::insert(tx, id, member, &now)?;
            }
        }
        Ok(ids)
    }

    /// Replaces a customer's profile, keeping each changed key fact in the history.
    /// `None` when there is no such customer.
    pub fn update_customer(
        &self,
        id: &str,
        profile: &Profile,
    ) -> Result<Option<Customer>, StoreError> {
        self.update_customer_at(id, profile, self.clock().local_now())
    }

    /// `update_customer`, with the consultant's local time for the level history.
    pub fn update_customer_at(
        &self,
        id: &str,
        profile: &Profile,
        at: chrono::NaiveDateTime,
    ) -> Result<Option<Customer>, StoreError> {
        let tx = self.conn();
        if !update(tx, id, profile, at, &self.now_text())? {
            return Ok(None);
        }
        self.customer(id)
    }

    /// Moves a customer to the trash (and out of the search index). `false` when there is no
    /// such customer in the book.
    pub fn trash_customer(&self, id: &str) -> Result<bool, StoreError> {
        let tx = self.conn();
        let moved = customers::set_trashed(tx, id, &self.now_text())?;
        if moved {
            customer_search::unindex(tx, id)?;
        }
        Ok(moved)
    }

    /// Takes a customer out of the trash (and back into the search index). `false` when they
    /// are not in it.
    pub fn restore_customer(&self, id: &str) -> Result<bool, StoreError> {
        let tx = self.conn();
        let restored = customers::clear_trashed(tx, id)?;
        if restored && let Some(c) = customers::read(tx, id)? {
            customer_search::index(tx, id, &c.profile)?;
        }
        Ok(restored)
    }
}

#[cfg(test)]
mod tests;
