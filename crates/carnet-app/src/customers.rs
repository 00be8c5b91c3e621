//! Use cases on customers: add, find, show, edit, family, trash, merge.

use carnet_core::{FamilyDraft, Filter, Profile, ProfileDraft};
use carnet_store::Store;

use crate::{
    App, AppError, CustomerDetail, CustomerDto, CustomerInput, CustomerList, ErrorKind,
    FamilyMemberDto, ListOrder, MergePreview,
};

/// The most customers one page of the list may ask for.
pub const PAGE_MAX: u32 = 1_000;

impl App {
    pub fn add_customer(&self, input: CustomerInput) -> Result<CustomerDetail, AppError> {
        self.own_book_only()?;
        let store = self.store();
        let profile = profile_to_save(&store, input, None, self.now().date())?;
        let customer = store.write(|w| {
            let customer = w.insert_customer(&profile)?;
            self.refreshed(w, &customer.id)?;
            Ok::<_, AppError>(customer)
        })?;
        tracing::debug!(id = %customer.id, "added customer");
        self.detail(&store, &customer.id)
    }

    /// Every customer in the book, newest first.
    pub fn list_customers(&self) -> Result<Vec<CustomerDto>, AppError> {
        let store = self.store();
        let total = u32::try_from(store.count_customers()?).unwrap_or(u32::MAX);
        let (page, _) =
            store.search_customers(&Filter::default(), carnet_store::Order::Newest, 0, total)?;
        Ok(page.into_iter().map(CustomerDto::from).collect())
    }

    /// A page of the customers that what was typed into the search box shows: words to find
    /// (best matches first) and `key:value` filters (carnet-core's filter syntax); without
    /// words, customers come in `order`.
    pub fn search_customers(
        &self,
        query: &str,
        order: ListOrder,
        offset: u32,
        limit: u32,
    ) -> Result<CustomerList, AppError> {
        let store = self.store();
        let filter = self.resolve_filter(&store, query)?;
        let (page, matching) =
            store.search_customers(&filter, order.into(), offset, limit.min(PAGE_MAX))?;
        Ok(CustomerList {
            customers: page.into_iter().map(CustomerDto::from).collect(),
            matching,
        })
    }

    pub fn get_customer(&self, id: &str) -> Result<CustomerDetail, AppError> {
        self.detail(&self.store(), id)
    }

    /// Saves the whole profile as typed into the edit form.
    pub fn update_customer(
        &self,
        id: &str,
        input: CustomerInput,
    ) -> Result<CustomerDetail, AppError> {
        let store = self.store();
        let profile = profile_to_save(&store, input, Some(id), self.now().date())?;
        store.write(|w| {
            w.update_customer_at(id, &profile, self.now())?
                .ok_or_else(|| AppError::not_found(id))?;
            self.refreshed(w, id)
        })?;
        self.detail(&store, id)
    }

    /// Sets fields from text (`carnet edit --set FIELD=VALUE`), parsed as the forms parse them.
    pub fn edit_customer(
        &self,
        id: &str,
        sets: &[(String, String)],
        allow_duplicate: bool,
    ) -> Result<CustomerDetail, AppError> {
        let mut draft = self.get_customer(id)?.input;
        for (field, value) in sets {
            draft.set(field, value)?;
        }
        self.update_customer(
            id,
            CustomerInput {
                profile: draft,
                allow_duplicate,
            },
        )
    }

    /// What a timeframe as typed means today: the target it keeps, the days left to it and
    /// the level it suggests (what the profile form shows beside the field). `None` when
    /// nothing was typed.
    pub fn read_timeframe(&self, text: &str) -> Result<Option<crate::TimeframeView>, AppError> {
        let today = self.now().date();
        let windows = crate::followup::windows(&crate::followup::rules(&self.store())?);
        Ok(carnet_core::Timeframe::parse(text, today)
            .map(|t| crate::TimeframeView::new(&t, today, &windows)))
    }

    /// Moves a customer to the trash, from where they can be restored.
    pub fn trash_customer(&self, id: &str) -> Result<(), AppError> {
        self.store().write(|w| {
            if !w.trash_customer(id)? {
                return Err(AppError::not_found(id));
            }
            self.refreshed(w, id)
        })
    }

    pub fn restore_customer(&self, id: &str) -> Result<CustomerDetail, AppError> {
        let store = self.store();
        store.write(|w| {
            if !w.restore_customer(id)? {
                return Err(AppError::not_found(id));
            }
            self.refreshed(w, id)
        })?;
        self.detail(&store, id)
    }

    /// The customers in the trash, the most recently trashed first.
    pub fn trash(&self) -> Result<Vec<CustomerDto>, AppError> {
        Ok(self
            .store()
            .trashed_customers()?
            .into_iter()
            .map(CustomerDto::from)
            .collect())
    }

    pub fn add_family_member(
        &self,
        customer_id: &str,
        input: FamilyDraft,
    ) -> Result<FamilyMemberDto, AppError> {
        let facts = input.validate()?;
        self.store().write(|w| {
            let member = w
                .insert_family_member(customer_id, &facts)?
                .map(FamilyMemberDto::from)
                .ok_or_else(|| AppError::not_found(customer_id))?;
            self.refreshed(w, customer_id)?;
            Ok(member)
        })
    }

    pub fn update_family_member(&self, id: &str, input: FamilyDraft) -> Result<(), AppError> {
        let facts = input.validate()?;
        self.store().write(|w| {
            let customer = w
                .family_member_customer(id)?
                .ok_or_else(|| AppError::not_found(id))?;
            w.update_family_member(id, &facts)?;
            self.refreshed(w, &customer)
        })
    }

    pub fn delete_family_member(&self, id: &str) -> Result<(), AppError> {
        self.store().write(|w| {
            let customer = w
                .family_member_customer(id)?
                .ok_or_else(|| AppError::not_found(id))?;
            w.delete_family_member(id)?;
            self.refreshed(w, &customer)
        })
    }

    /// Both customers and the fields where they differ, before a merge.
    pub fn merge_preview(&self, survivor: &str, loser: &str) -> Result<MergePreview, AppError> {
        let store = self.store();
        let (a, b) = merge_pair(&store, survivor, loser)?;
        Ok(MergePreview {
            conflicts: carnet_core::merge_conflicts(&a, &b)
                .into_iter()
                .map(str::to_owned)
                .collect(),
            survivor: self.detail(&store, survivor)?,
            loser: self.detail(&store, loser)?,
        })
    }

    /// Merges `loser` into `survivor`, taking the loser's value for the fields named in
    /// `take_from_loser`; everything linked to the loser moves to the survivor.
    pub fn merge_customers(
        &self,
        survivor: &str,
        loser: &str,
        take_from_loser: &[String],
    ) -> Result<CustomerDetail, AppError> {
        let store = self.store();
        store.write(|w| {
            let (a, b) = merge_pair(w, survivor, loser)?;
            let merged = carnet_core::merge(&a, &b, take_from_loser, self.now().date())?;
            w.merge_customers(survivor, loser, &merged)?
                .ok_or_else(|| AppError::not_found(loser))?;
            self.refreshed(w, survivor)
        })?;
        tracing::info!(%survivor, %loser, "merged customers");
        self.detail(&store, survivor)
    }
}

fn merge_pair(store: &Store, survivor: &str, loser: &str) -> Result<(Profile, Profile), AppError> {
    if survivor == loser {
        return Err(AppError::new(
            ErrorKind::SameCustomer {
                id: survivor.to_owned(),
            },
            "a customer cannot be merged with themself",
        ));
    }
    let get = |id: &str| -> Result<Profile, AppError> {
        Ok(store
            .customer(id)?
            .ok_or_else(|| AppError::not_found(id))?
            .profile)
    };
    Ok((get(survivor)?, get(loser)?))
}

impl App {
    /// A customer as the customer page shows them today.
    fn detail(&self, store: &Store, id: &str) -> Result<CustomerDetail, AppError> {
        let customer = store.customer(id)?.ok_or_else(|| AppError::not_found(id))?;
        let mut interactions = store.interactions(id)?;
        interactions.reverse();
        let mut levels = store.level_changes(id)?;
        levels.reverse();
        let windows = crate::followup::windows(&crate::followup::rules(store)?);
        let mut detail = CustomerDetail::new(
            customer,
            (store.family(id)?, store.key_fact_changes(id)?),
            interactions.into_iter().map(Into::into).collect(),
            levels.into_iter().map(Into::into).collect(),
            (self.now().date(), &windows),
        );
        detail.model_links = crate::catalogue::model_links(&store.trims()?, &detail.profile.models);
        Ok(detail)
    }
}

/// Who referred a customer, as typed: another customer's id, or a phone that exactly one
/// customer has; the id kept. A customer cannot refer themself (`except`), and an id or phone
/// that names no one (or several) is refused naming `referred_by`.
fn referrer(
    store: &Store,
    typed: Option<String>,
    except: Option<&str>,
) -> Result<Option<String>, AppError> {
    let Some(typed) = typed else {
        return Ok(None);
    };
    let id = match store.customer(&typed)? {
        Some(c) => c.id,
        None => {
            let found = match carnet_core::phone::Phone::parse(&typed) {
                Some(phone) => store.customers_with_phone(&phone)?,
                None => Vec::new(),
            };
            match found.as_slice() {
                [one] => one.clone(),
                _ => return Err(AppError::not_found(&typed).with_field("referred_by")),
            }
        }
    };
    if Some(id.as_str()) == except {
        return Err(carnet_core::Invalid::new(
            "referred_by",
            carnet_core::Problem::InvalidChoice {
                value: typed,
                allowed: Vec::new(),
            },
        )
        .into());
    }
    Ok(Some(id))
}

/// The checked profile of a customer about to be saved (`except`: the one being edited). A
/// customer who may already be in the book is refused, naming the newest match, unless the
/// input allows duplicates.
fn profile_to_save(
    store: &Store,
    input: CustomerInput,
    except: Option<&str>,
    today: chrono::NaiveDate,
) -> Result<Profile, AppError> {
    let mut profile = input.profile.validate(today)?;
    profile.referred_by = referrer(store, profile.referred_by.take(), except)?;
    crate::followup::grade_by_timeframe(&mut profile, &crate::followup::rules(store)?, today);
    // Lost (F) needs a reason and a revisit date: `set_level`, not the profile form.
    if profile.level == carnet_core::Level::F
        && let Some(id) = except
        && store
            .customer(id)?
            .is_some_and(|c| c.profile.level != carnet_core::Level::F)
    {
        return Err(
            carnet_core::Invalid::new("level_reason", carnet_core::Problem::Required).into(),
        );
    }
    if input.allow_duplicate {
        return Ok(profile);
    }
    // An edit that leaves the name and phones alone raises no new doubt.
    if let Some(id) = except
        && let Some(before) = store.customer(id)?
        && before.profile.name == profile.name
        && before.profile.phones == profile.phones
    {
        return Ok(profile);
    }
    let dupes = store.possible_duplicates(&profile, except)?;
    let Some(first) = dupes.first() else {
        return Ok(profile);
    };
    let phone = first
        .profile
        .phone()
        .map(|p| p.display())
        .unwrap_or_default();
    Err(AppError::new(
        ErrorKind::PossibleDuplicate {
            id: first.id.clone(),
            name: first.profile.name.clone(),
            phone: phone.clone(),
            count: dupes.len(),
        },
        format!("{} ({phone}) may be the same customer", first.profile.name),
    ))
}

/// A draft with a name and phones, as the quick-add form sends it.
pub fn quick_input(name: &str, phone: Option<&str>) -> CustomerInput {
    CustomerInput {
        profile: ProfileDraft {
            name: name.to_owned(),
            phones: phone.map(str::to_owned).into_iter().collect(),
            ..ProfileDraft::default()
        },
        allow_duplicate: false,
    }
}

#[cfg(test)]
mod tests;
