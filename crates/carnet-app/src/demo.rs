//! Filling an empty book with a realistic demo population.

use carnet_core::history::SaleDetails;
use carnet_core::{FamilyDraft, Invalid};

use crate::{App, AppError, ErrorKind};

impl App {
    /// Adds `customers` demo customers drawn from `seed` (the same seed, the same book).
    /// Refuses a book that already holds customers, so nobody's real book gets demo data.
    pub fn fill_demo(
        &self,
        customers: usize,
        seed: u64,
        interactions: usize,
    ) -> Result<usize, AppError> {
        let store = self.store();
        let count = store.count_customers()?;
        if count > 0 {
            return Err(AppError::new(
                ErrorKind::BookNotEmpty { count },
                format!("the book already holds {count} customers; a demo book must start empty"),
            ));
        }
        let bad =
            |invalid: Invalid| AppError::internal(format!("demo data is invalid: {invalid:?}"));
        let all = carnet_core::demo::customers(customers, seed)
            .into_iter()
            .map(|demo| {
                let family = demo
                    .family
                    .iter()
                    .map(FamilyDraft::validate)
                    .collect::<Result<Vec<_>, _>>()?;
                Ok((demo.profile.validate(self.now().date())?, family))
            })
            .collect::<Result<Vec<_>, Invalid>>()
            .map_err(bad)?;
        let levels: Vec<&str> = all.iter().map(|(p, _)| p.level.code()).collect();
        let now = self.now();
        let history = carnet_core::demo::interactions(&levels, interactions, seed, now.date())
            .into_iter()
            .map(|i| {
                let facts = i.draft.validate(now)?;
                let sale = SaleDetails {
                    model: i.model,
                    price: i.price,
                    plate: i.plate,
                    ..SaleDetails::default()
                };
                Ok((i.customer, facts, sale))
            })
            .collect::<Result<Vec<_>, Invalid>>()
            .map_err(bad)?;
        drop(store);
        // The demo showroom's catalogue: its customers' models are its series.
        if self.catalogue_is_empty()? {
            self.load_sample_catalogue()?;
        }
        let store = self.store();
        let ids = store.write(|w| {
            let ids = w.insert_customers(&all)?;
            let rows: Vec<_> = history
                .into_iter()
                .filter_map(|(n, facts, sale)| ids.get(n).map(|id| (id.clone(), facts, sale)))
                .collect();
            w.insert_interactions(&rows)?;
            Ok::<_, AppError>(ids)
        })?;
        Ok(ids.len())
    }
}

#[cfg(test)]
mod tests {
    use crate::customers::quick_input;
    use crate::{App, ErrorCode};

    #[test]
    fn a_demo_fills_an_empty_book_reproducibly_and_refuses_a_used_one() {
        let a = App::open_in_memory().expect("app");
        let b = App::open_in_memory().expect("app");
        assert_eq!(a.fill_demo(40, 9, 200).expect("demo"), 40);
        b.fill_demo(40, 9, 200).expect("demo");
        #[allow(clippy::type_complexity)]
        let people = |app: &App| -> Vec<(
            String,
            Option<String>,
            carnet_core::Level,
            Option<carnet_core::Budget>,
        )> {
            let mut v: Vec<_> = app
                .list_customers()
                .expect("list")
                .into_iter()
                .map(|c| (c.name, c.phone, c.level, c.budget))
                .collect();
            v.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
            v
        };
        assert_eq!(people(&a), people(&b), "same seed, same customers");

        let err = a.fill_demo(5, 1, 0).expect_err("not empty");
        assert_eq!(err.code(), ErrorCode::BookNotEmpty);
        assert_eq!(err.params().get("count").map(String::as_str), Some("40"));

        let used = App::open_in_memory().expect("app");
        used.add_customer(quick_input("张三", None)).expect("add");
        assert_eq!(
            used.fill_demo(5, 1, 0).expect_err("refused").code(),
            ErrorCode::BookNotEmpty
        );
        assert_eq!(
            used.list_customers().expect("list").len(),
            1,
            "nothing added"
        );
    }
}
