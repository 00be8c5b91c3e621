//! The Big List of Naughty Strings and our own script payloads (`tests/fixtures/naughty/`) in
//! every free-text field of a profile, a family member and an interaction: each is kept as the
//! field's own check makes it (tidied of control characters and runs of spaces) or refused
//! with the field named, never a panic; and a JSON, CSV and xlsx export imports back into
//! another book with every value unchanged (a cell guarded against being read as a formula
//! reads back without its guard).

use carnet_core::profile::{FIELDS, FieldKind};
use carnet_core::{FamilyDraft, InteractionDraft, ProfileDraft};

use super::*;
use crate::CustomerInput;
use crate::naughty::naughty;

/// The profile's free-text fields: what a consultant may type anything into (a customer's id
/// for "referred by" is not free text).
fn free_text_fields() -> Vec<&'static str> {
    FIELDS
        .iter()
        .filter(|f| {
            matches!(
                f.kind,
                FieldKind::Text | FieldKind::LongText | FieldKind::Budget | FieldKind::Timeframe
            ) && f.name != "referred_by"
        })
        .map(|f| f.name)
        .collect()
}

/// The customer a string goes with: a name and a phone of their own, so every row of every
/// export is told apart by its phone.
fn phone(i: usize) -> String {
    format!("1390000{i:04}")
}

/// A draft holding `text` in every free-text field that takes it. A field that refuses it
/// must say which field and why; the draft then leaves that field empty.
fn draft_with(i: usize, text: &str, fields: &[&str]) -> ProfileDraft {
    let mut draft = quick_input(&format!("客户{i}"), Some(&phone(i))).profile;
    let today = nov25().date();
    for field in fields {
        let mut one = draft.clone();
        one.set(field, text).expect("a field of the profile");
        match one.validate(today) {
            Ok(_) => draft = one,
            Err(invalid) => {
                assert_eq!(&invalid.field, field, "{text:?} refused by another field");
            }
        }
    }
    draft
}

#[test]
fn every_free_text_field_keeps_a_naughty_string_and_every_export_brings_it_back() {
    let dir = tempfile::tempdir().expect("dir");
    let from = book(dir.path(), "from");
    let fields = free_text_fields();
    assert!(
        fields.contains(&"name") && fields.contains(&"notes"),
        "{fields:?}"
    );
    let texts = naughty();
    let today = nov25().date();
    let mut kept = 0;
    for (i, text) in texts.iter().enumerate() {
        let draft = draft_with(i, text, &fields);
        let expected = draft.validate(today).expect("valid").to_draft();
        let added = from
            .add_customer(CustomerInput {
                profile: draft,
                allow_duplicate: true,
            })
            .expect("added");
        let stored = added.profile.to_draft();
        for field in &fields {
            assert_eq!(
                stored.get(field),
                expected.get(field),
                "{field} of string {i} {text:?}"
            );
            if stored.get(field).as_deref() == Some(text.as_str()) {
                kept += 1;
            }
        }
        let family = from.add_family_member(
            &added.id,
            FamilyDraft {
                name: text.clone(),
                relation: text.clone(),
                notes: text.clone(),
                ..FamilyDraft::default()
            },
        );
        if let Err(e) = &family {
            assert!(e.field.is_some(), "{text:?}: {e:?}");
        }
        let logged = from.log_interaction(
            &added.id,
            InteractionDraft {
                kind: "call".into(),
                notes: text.clone(),
                promise: text.clone(),
                ..InteractionDraft::default()
            },
        );
        if let Err(e) = &logged {
            assert!(e.field.is_some(), "{text:?}: {e:?}");
        }
    }
    // Most strings are kept exactly as typed in most fields.
    assert!(kept > texts.len() * fields.len() / 2, "{kept}");

    let before = profiles_by_phone(&from);
    assert_eq!(before.len(), texts.len());
    let json = export(&from, dir.path(), "book.json", ExportFormat::Json);
    let csv = export(&from, dir.path(), "book.csv", ExportFormat::Csv);
    let xlsx = export(&from, dir.path(), "book.xlsx", ExportFormat::Xlsx);
    for (file, histories) in [(json, true), (csv, false), (xlsx, false)] {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
        let to = book(dir.path(), &format!("from-{}", name.unwrap_or_default()));
        to.import_file(&request(&file, DuplicatePolicy::Update), &mut |_| {})
            .expect("import");
        let after = profiles_by_phone(&to);
        assert_eq!(after.len(), before.len(), "{file:?}");
        for (phone, (draft, family, timeline)) in &before {
            let (back, back_family, back_timeline) = &after[phone];
            for field in &fields {
                let (was, is) = (draft.get(field), back.get(field));
                assert_eq!(was, is, "{file:?} {field}");
            }
            if histories {
                assert_eq!(family, back_family, "{file:?} family of {phone}");
                assert_eq!(timeline, back_timeline, "{file:?} timeline of {phone}");
            }
        }
    }
}

type Kept = (ProfileDraft, Vec<String>, Vec<String>);

/// Each customer's profile, family members' words and timeline's words, by their phone.
fn profiles_by_phone(app: &App) -> std::collections::BTreeMap<String, Kept> {
    let store = app.store();
    store
        .customers()
        .expect("customers")
        .into_iter()
        .map(|c| {
            let family = store
                .family(&c.id)
                .expect("family")
                .into_iter()
                .map(|m| {
                    format!(
                        "{}|{}|{}",
                        m.facts.name,
                        m.facts.relation.to_input(),
                        m.facts.notes.unwrap_or_default()
                    )
                })
                .collect();
            let timeline = store
                .interactions(&c.id)
                .expect("timeline")
                .into_iter()
                .map(|i| {
                    format!(
                        "{}|{}",
                        i.facts.notes.unwrap_or_default(),
                        i.facts.promise.unwrap_or_default()
                    )
                })
                .collect();
            let phone = c
                .profile
                .phones
                .first()
                .map(|p| p.digits())
                .unwrap_or_default();
            (phone, (c.profile.to_draft(), family, timeline))
        })
        .collect()
}
