//! The `trims` table: the consultant's catalogue, each trim stored whole (its JSON) with the
//! columns it is listed by.

use carnet_core::catalogue::Trim;
use rusqlite::params;

use crate::rows::collect_rows;
use crate::{Store, StoreError, Write};

fn decode(id: &str, data: &str) -> Result<Trim, StoreError> {
    serde_json::from_str(data)
        .map_err(|e| StoreError::Corrupt(format!("catalogue trim {id} cannot be read: {e}")))
}

impl Store {
    /// The whole catalogue, by brand, series, price and trim.
    pub fn trims(&self) -> Result<Vec<Trim>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, data FROM trims ORDER BY brand, series, price, trim, id")?;
        let rows = collect_rows(stmt.query([])?, |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        rows.iter().map(|(id, data)| decode(id, data)).collect()
    }

    /// One trim, if the catalogue has it.
    pub fn trim(&self, id: &str) -> Result<Option<Trim>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT data FROM trims WHERE id = ?1")?;
        let mut rows = stmt.query([id])?;
        match rows.next()? {
            Some(row) => decode(id, &row.get::<_, String>(0)?).map(Some),
            None => Ok(None),
        }
    }

    /// How many trims the catalogue holds.
    pub fn count_trims(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM trims", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}

impl Write<'_> {
    /// Adds the trim, or replaces the one with its id.
    pub fn save_trim(&self, trim: &Trim) -> Result<(), StoreError> {
        let data = serde_json::to_string(trim)
            .map_err(|e| StoreError::Corrupt(format!("a trim cannot be written: {e}")))?;
        let now = self.now_text();
        self.conn()
            .prepare_cached(
                "INSERT INTO trims (id, brand, series, trim, price, data, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
                 ON CONFLICT (id) DO UPDATE SET brand = excluded.brand,
                     series = excluded.series, trim = excluded.trim, price = excluded.price,
                     data = excluded.data, updated_at = excluded.updated_at",
            )?
            .execute(params![
                trim.id,
                trim.brand,
                trim.series,
                trim.trim,
                i64::try_from(trim.price).unwrap_or(i64::MAX),
                data,
                now
            ])?;
        Ok(())
    }

    /// Removes a trim; whether there was one.
    pub fn delete_trim(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn()
            .prepare_cached("DELETE FROM trims WHERE id = ?1")?
            .execute([id])?
            > 0)
    }
}

#[cfg(test)]
mod tests {
    use carnet_core::catalogue::Trim;

    use crate::Store;

    #[test]
    fn trims_are_kept_whole_listed_in_order_and_replaced_by_id() {
        let store = Store::open_in_memory().expect("open");
        let han = Trim {
            id: "t-han".into(),
            brand: "比亚迪".into(),
            series: "汉".into(),
            trim: "EV 605KM 尊贵型".into(),
            price: 209_800,
            seats: Some(5),
            range_km: Some(605),
            colours: vec!["雪域白".into(), "汉宫红".into()],
            ..Trim::default()
        };
        let qin = Trim {
            id: "t-qin".into(),
            brand: "比亚迪".into(),
            series: "秦PLUS".into(),
            price: 79_800,
            ..Trim::default()
        };
        store
            .write(|w| {
                w.save_trim(&qin)?;
                w.save_trim(&han)
            })
            .expect("save");
        assert_eq!(store.trims().expect("list"), vec![han.clone(), qin.clone()]);
        let cheaper = Trim {
            price: 199_800,
            ..han.clone()
        };
        store.write(|w| w.save_trim(&cheaper)).expect("replace");
        assert_eq!(store.trim("t-han").expect("get"), Some(cheaper));
        assert_eq!(store.count_trims().expect("count"), 2);
        assert!(store.write(|w| w.delete_trim("t-qin")).expect("delete"));
        assert!(!store.write(|w| w.delete_trim("t-qin")).expect("again"));
        assert_eq!(store.count_trims().expect("count"), 1);
    }
}
