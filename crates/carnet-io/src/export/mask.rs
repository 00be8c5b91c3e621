//! Masking an export for sharing.

use crate::json_export::{CustomerRecord, JsonExport};

/// Shortens a phone for sharing: 138****5678 (the last four kept).
pub fn mask_phone(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    let national: Vec<char> = if digits.len() == 13 && digits.starts_with(&['8', '6']) {
        digits[2..].to_vec()
    } else {
        digits
    };
    if national.len() < 7 {
        return "****".to_owned();
    }
    let head: String = national[..3].iter().collect();
    let tail: String = national[national.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

/// Masks an export for sharing: phones shortened (family members' and the history of phone
/// numbers left out); address, WeChat id, every note, licence plates, VINs, family members'
/// names and birthdays and the decision-maker's name gone (with the history of the key facts
/// that held them).
pub fn mask(book: &mut JsonExport) {
    book.exporter.masked = true;
    book.customers.iter_mut().for_each(mask_customer);
}

/// Masks one customer of an export, whatever of their history is there yet (masking twice
/// changes nothing).
pub fn mask_customer(c: &mut CustomerRecord) {
    let p = &mut c.profile;
    p.phones = p.phones.iter().map(|ph| mask_phone(ph)).collect();
    p.address.clear();
    p.wechat.clear();
    p.notes.clear();
    p.car_plate.clear();
    p.decision_maker_name.clear();
    for f in &mut c.family {
        // A family member's number is a whole phone or none: it is left out.
        f.facts.phone = None;
        f.facts.notes = None;
        f.facts.name.clear();
        f.facts.birthday = None;
    }
    for i in &mut c.interactions {
        i.facts.notes = None;
        i.facts.promise = None;
        i.resolution = None;
        i.sale.vin = None;
        i.sale.plate = None;
    }
    for l in &mut c.level_changes {
        l.reason = None;
    }
    // A quote sheet names the customer and their terms: a shared export leaves them out.
    c.quotes.clear();
    // The history of phones, of the current car (its plate) and of the decision-maker (their
    // name) would give back what is masked above.
    c.key_fact_changes.retain(|k| {
        !matches!(
            k.fact,
            carnet_core::KeyFact::Phone
                | carnet_core::KeyFact::CurrentCar
                | carnet_core::KeyFact::DecisionMaker
        )
    });
    for h in &mut c.handled_prompts {
        h.reason = None;
    }
}
