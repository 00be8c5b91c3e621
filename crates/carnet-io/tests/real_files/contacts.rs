//! What one contact in a file holds, and how a contacts file is checked against it.

use carnet_io::Format;

use super::checks::{Checks, read};

/// What one contact in a file holds, as the file writes it.
#[derive(Default)]
pub(crate) struct Contact {
    /// The card's number in the file (vCards) or the 1-based record, header included (CSV).
    pub(crate) row: usize,
    pub(crate) name: &'static str,
    pub(crate) phones: &'static [&'static str],
    pub(crate) emails: &'static [&'static str],
    pub(crate) company: &'static str,
    pub(crate) occupation: &'static str,
    /// The lines of the note, as the file writes them.
    pub(crate) note_lines: &'static [&'static str],
    /// How a long note starts and ends.
    pub(crate) note_ends: (&'static str, &'static str),
    /// The birthday, as a date.
    pub(crate) birthday: &'static str,
    /// Text the address must contain.
    pub(crate) address_has: &'static [&'static str],
}

/// Checks a contacts file: how many contacts come out, and each one's facts.
pub(crate) fn contacts(file: &'static str, format: Format, want: &[Contact]) -> Vec<String> {
    let read = read(file);
    let mut c = Checks::new(file);
    c.eq("format", read.format, format);
    c.eq("one row per contact", read.rows.len(), want.len());
    for contact in want {
        let n = contact.row;
        let Some(row) = read.row(n) else {
            c.that(&format!("contact {n} comes out as a row"), false, || {
                let mut what = format!("nothing came out for {:?}", contact.name);
                if contact.name.is_empty() {
                    what = format!("nothing came out for the contact of {:?}", contact.emails);
                }
                what
            });
            continue;
        };
        c.that(
            &format!("contact {n} comes out as a row"),
            true,
            String::new,
        );
        let d = &row.draft;
        c.eq(&format!("contact {n}: name"), d.name.as_str(), contact.name);
        let phones: Vec<&str> = d.phones.iter().map(String::as_str).collect();
        c.eq(
            &format!("contact {n}: phones"),
            phones,
            contact.phones.to_vec(),
        );
        if !contact.company.is_empty() {
            c.eq(
                &format!("contact {n}: company"),
                d.company.as_str(),
                contact.company,
            );
        }
        if !contact.occupation.is_empty() {
            c.eq(
                &format!("contact {n}: occupation"),
                d.occupation.as_str(),
                contact.occupation,
            );
        }
        // The card's note comes first in the notes, whole; what else the card holds that has
        // no field (a nickname, a web page, another address) may follow it.
        if !contact.note_lines.is_empty() {
            let lines: Vec<&str> = d.notes.lines().collect();
            c.eq(
                &format!("contact {n}: note"),
                lines[..contact.note_lines.len().min(lines.len())].to_vec(),
                contact.note_lines.to_vec(),
            );
        }
        let (start, end) = contact.note_ends;
        if !start.is_empty() {
            c.that(
                &format!("contact {n}: note is whole"),
                d.notes.starts_with(start) && d.notes.contains(end),
                || format!("note is {:?}", d.notes),
            );
        }
        if !contact.birthday.is_empty() {
            c.eq(
                &format!("contact {n}: birthday"),
                d.birthday.as_str(),
                contact.birthday,
            );
        }
        for part in contact.address_has {
            c.that(
                &format!("contact {n}: address has {part:?}"),
                d.address.contains(part),
                || format!("address is {:?}", d.address),
            );
        }
        // Carnet's profile has no e-mail field; an import should still not drop a contact's
        // e-mail on the floor (it could go to the notes).
        for email in contact.emails {
            c.that(
                &format!("contact {n}: e-mail {email} is kept"),
                kept(d, email),
                || "no field of the draft holds it".to_owned(),
            );
        }
    }
    c.finish()
}

/// Whether any field of a draft holds `text`.
pub(crate) fn kept(d: &carnet_core::ProfileDraft, text: &str) -> bool {
    carnet_core::FIELDS
        .iter()
        .filter_map(|f| d.get(f.name))
        .any(|value| value.contains(text))
}
