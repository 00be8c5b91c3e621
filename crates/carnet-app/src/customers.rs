//! Use cases on customers: add, list, get, update, delete.

use carnet_core::{CustomerDraft, CustomerFacts, Query};
use carnet_store::Store;

use crate::{App, AppError, CustomerDto, CustomerInput, CustomerList, ErrorCode, ListOrder};

impl App {
    pub fn add_customer(&self, input: CustomerInput) -> Result<CustomerDto, AppError> {
        let store = self.store();
        let facts = facts_to_save(&store, input, None)?;
        let customer = store.insert_customer(&facts)?;
        tracing::debug!(id = %customer.id, "added customer");
        Ok(customer.into())
    }

    pub fn list_customers(&self) -> Result<Vec<CustomerDto>, AppError> {
        Ok(self
            .store()
            .customers()?
            .into_iter()
            .map(CustomerDto::from)
            .collect())
    }

    /// Customers matching what was typed into the search box, best first (see
    /// `Store::search_customers`); for an empty query, the first customers in `order`.
    /// At most `limit`.
    pub fn search_customers(
        &self,
        query: &str,
        order: ListOrder,
        limit: u32,
    ) -> Result<CustomerList, AppError> {
        let store = self.store();
        let found = match Query::parse(query) {
            Some(query) => store.search_customers(&query, limit)?,
            None => store.customers_page(order.into(), limit)?,
        };
        Ok(CustomerList {
            customers: found.into_iter().map(CustomerDto::from).collect(),
            total: store.count_customers()?,
        })
    }

    pub fn get_customer(&self, id: &str) -> Result<CustomerDto, AppError> {
        self.store()
            .customer(id)?
            .map(CustomerDto::from)
            .ok_or_else(|| AppError::not_found(id))
    }

    pub fn update_customer(&self, id: &str, input: CustomerInput) -> Result<CustomerDto, AppError> {
        let store = self.store();
        let facts = facts_to_save(&store, input, Some(id))?;
        store
            .update_customer(id, &facts)?
            .map(CustomerDto::from)
            .ok_or_else(|| AppError::not_found(id))
    }

    pub fn delete_customer(&self, id: &str) -> Result<(), AppError> {
        if self.store().delete_customer(id)? {
            Ok(())
        } else {
            Err(AppError::not_found(id))
        }
    }
}

/// The checked facts of a customer about to be saved (`except`: the one being edited). A
/// customer who may already be in the book is refused, naming the newest match, unless the
/// input allows duplicates.
fn facts_to_save(
    store: &Store,
    input: CustomerInput,
    except: Option<&str>,
) -> Result<CustomerFacts, AppError> {
    let allow_duplicate = input.allow_duplicate;
    let facts = CustomerDraft::from(input).validate()?;
    if allow_duplicate {
        return Ok(facts);
    }
    let dupes = store.possible_duplicates(&facts, except)?;
    let Some(first) = dupes.first() else {
        return Ok(facts);
    };
    let phone = first
        .phone
        .as_ref()
        .map(|p| p.display())
        .unwrap_or_default();
    Err(AppError::new(
        ErrorCode::PossibleDuplicate,
        format!("{} ({phone}) may be the same customer", first.name),
    )
    .with_param("id", &first.id)
    .with_param("name", &first.name)
    .with_param("phone", phone)
    .with_param("count", dupes.len()))
}

#[cfg(test)]
mod tests {
    use crate::{App, CustomerInput, ErrorCode, ListOrder};

    fn input(name: &str, phone: Option<&str>) -> CustomerInput {
        CustomerInput {
            name: name.into(),
            phone: phone.map(Into::into),
            allow_duplicate: false,
        }
    }

    #[test]
    fn a_possible_duplicate_is_named_before_saving_and_saved_when_allowed() {
        let app = App::open_in_memory().expect("app");
        let zhang = app
            .add_customer(input("张三", Some("13812345678")))
            .expect("add");
        let err = app
            .add_customer(input("张三丰", Some("138 1234 5678")))
            .expect_err("duplicate");
        assert_eq!(err.code, ErrorCode::PossibleDuplicate);
        assert_eq!(err.params.get("name").map(String::as_str), Some("张三"));
        assert_eq!(
            err.params.get("phone").map(String::as_str),
            Some("138 1234 5678")
        );
        assert_eq!(err.params.get("id"), Some(&zhang.id));
        assert_eq!(
            app.list_customers().expect("list").len(),
            1,
            "nothing saved"
        );

        let allowed = CustomerInput {
            allow_duplicate: true,
            ..input("张三丰", Some("13812345678"))
        };
        app.add_customer(allowed).expect("saved when allowed");
        assert_eq!(app.list_customers().expect("list").len(), 2);

        // Editing a customer does not flag the customer themself.
        app.update_customer(&zhang.id, input("张三", Some("13812345679")))
            .expect("edit");
    }

    #[test]
    fn add_list_get_update_delete() {
        let app = App::open_in_memory().expect("app");
        let added = app
            .add_customer(input(" 张三 ", Some("138 1234 5678")))
            .expect("add");
        assert_eq!(added.name, "张三");
        assert_eq!(added.phone.as_deref(), Some("+8613812345678"));
        assert_eq!(added.phone_display.as_deref(), Some("138 1234 5678"));

        assert_eq!(app.list_customers().expect("list"), vec![added.clone()]);
        assert_eq!(app.get_customer(&added.id).expect("get"), added);

        let updated = app
            .update_customer(&added.id, input("张三丰", None))
            .expect("update");
        assert_eq!(
            (updated.name.as_str(), updated.phone.as_deref()),
            ("张三丰", None)
        );
        assert_eq!(updated.id, added.id);

        app.delete_customer(&added.id).expect("delete");
        assert!(app.list_customers().expect("list").is_empty());
        assert_eq!(
            app.get_customer(&added.id).expect_err("gone").code,
            ErrorCode::NotFound
        );
        assert_eq!(
            app.delete_customer(&added.id).expect_err("gone").code,
            ErrorCode::NotFound
        );
    }

    #[test]
    fn search_uses_what_was_typed_and_an_empty_query_lists_everyone() {
        let app = App::open_in_memory().expect("app");
        app.add_customer(input("张三", Some("13812345678")))
            .expect("add");
        app.add_customer(input("李四", None)).expect("add");
        let names = |q: &str| -> Vec<String> {
            app.search_customers(q, ListOrder::Newest, 50)
                .expect("search")
                .customers
                .into_iter()
                .map(|c| c.name)
                .collect()
        };
        assert_eq!(names(" ZS "), ["张三"]);
        assert_eq!(names("138-1234"), ["张三"]);
        assert_eq!(names("  "), ["李四", "张三"]);
        assert!(names("王").is_empty());
        let list = app
            .search_customers("", ListOrder::Newest, 1)
            .expect("first page");
        assert_eq!(
            (list.customers.len(), list.total),
            (1, 2),
            "a page of the newest, and the total"
        );
    }

    #[test]
    fn invalid_input_is_refused_with_the_field_named_and_nothing_written() {
        let app = App::open_in_memory().expect("app");
        let cases = [
            (input("", Some("13812345678")), ErrorCode::Required, "name"),
            (input("   ", None), ErrorCode::Required, "name"),
            (input(&"名".repeat(101), None), ErrorCode::TooLong, "name"),
            (
                input("张三", Some("12345")),
                ErrorCode::InvalidPhone,
                "phone",
            ),
        ];
        for (bad, code, field) in cases {
            let err = app.add_customer(bad.clone()).expect_err("refused");
            assert_eq!(
                (err.code, err.field.as_deref()),
                (code, Some(field)),
                "{bad:?}"
            );
        }
        assert!(
            app.list_customers().expect("list").is_empty(),
            "nothing half-written"
        );

        let kept = app.add_customer(input("李四", None)).expect("add");
        let err = app
            .update_customer(&kept.id, input("", None))
            .expect_err("refused");
        assert_eq!(err.code, ErrorCode::Required);
        assert_eq!(app.get_customer(&kept.id).expect("get"), kept, "unchanged");
    }
}
