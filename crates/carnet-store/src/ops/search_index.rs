//! Rebuilding the search index from the customers' rows when carnet-core's recipe of search
//! keys changes.

use carnet_core::search::SEARCH_KEYS_VERSION;

use crate::tables::customer_search::{self, KEYS_VERSION_SETTING};
use crate::tables::customers;
use crate::{Store, StoreError};

/// Rebuilds the whole index if it was built with another recipe of search keys (or never).
pub(crate) fn ensure(store: &Store) -> Result<(), StoreError> {
    let built = store.setting(KEYS_VERSION_SETTING)?;
    if built.as_deref() == Some(SEARCH_KEYS_VERSION.to_string().as_str()) {
        return Ok(());
    }
    let ids = store.write(|w| {
        let tx = w.conn();
        customer_search::clear(tx)?;
        let ids = customers::live_ids(tx)?;
        for id in &ids {
            if let Some(c) = customers::read(tx, id)? {
                customer_search::index(tx, id, &c.profile)?;
            }
        }
        w.set_setting(KEYS_VERSION_SETTING, &SEARCH_KEYS_VERSION.to_string())?;
        Ok::<_, StoreError>(ids)
    })?;
    tracing::info!(customers = ids.len(), "rebuilt the search index");
    Ok(())
}

impl Store {
    /// [`ensure`] on this book.
    pub(crate) fn ensure_search_index(&self) -> Result<(), StoreError> {
        ensure(self)
    }
}

#[cfg(test)]
mod tests;
