//! Contact exports as CSV (Thunderbird's vCards are checked beside its CSVs).

use carnet_io::Format;

use super::checks::{read, report};
use super::contacts::{Contact, contacts};

#[test]
fn google_csv_export() {
    report([contacts(
        "contacts/roundcube/gmail.csv",
        Format::Csv,
        &[Contact {
            row: 2,
            name: "Prefix Firstname Middle Lastname Suffix",
            // Gmail's seven "Phone N - Value" columns, filled with their types' names.
            phones: &[
                "pager",
                "mainphone",
                "homephone",
                "homefax",
                "mobile",
                "workphone",
                "workfax",
            ],
            emails: &[
                "home@aaa.pl",
                "work@email.pl",
                "unknown@email.com",
                "other@email.com",
            ],
            company: "company",
            occupation: "jobtitle",
            note_lines: &["note\"note"],
            birthday: "1975-12-12",
            address_has: &["home_street", "home_city, home_state home_zip"],
            ..Contact::default()
        }],
    )]);
}

#[test]
fn thunderbird_exports() {
    report([
        contacts(
            "contacts/ez-vcard/thunderbird-MoreFunctionsForAddressBook-extension.vcf",
            Format::Vcard,
            &[Contact {
                row: 1,
                name: "John Doe",
                phones: &[
                    "555-555-1111",
                    "555-555-2222",
                    "555-555-5555",
                    "555-555-3333",
                    "555-555-4444",
                ],
                emails: &[
                    "doe.john@hotmail.com",
                    "additional-email@company.com",
                    "additional-email3@company.com",
                ],
                company: "TheOrganization TheDepartment",
                occupation: "TheTitle",
                note_lines: &[
                    "This is the notes field.",
                    "Second Line",
                    "",
                    "Fourth Line",
                    "You can put anything in the \"note\" field; even curse words.",
                ],
                birthday: "1970-09-21",
                address_has: &["222 Broadway"],
                ..Contact::default()
            }],
        ),
        contacts(
            "contacts/thunderbird/export.vcf",
            Format::Vcard,
            &[
                Contact {
                    row: 1,
                    name: "contact number one",
                    emails: &["contact1@invalid"],
                    ..Contact::default()
                },
                Contact {
                    row: 2,
                    name: "contact number two",
                    emails: &["contact2@invalid"],
                    occupation: "\"worker\"",
                    note_lines: &["here's some unicode text…"],
                    ..Contact::default()
                },
            ],
        ),
        contacts(
            "contacts/thunderbird/export.csv",
            Format::Csv,
            &[
                Contact {
                    row: 2,
                    name: "contact number one",
                    emails: &["contact1@invalid"],
                    ..Contact::default()
                },
                Contact {
                    // Its Custom 4 cell holds a line end inside quotes: one record on two lines.
                    row: 3,
                    name: "contact number two",
                    emails: &["contact2@invalid"],
                    occupation: "\"worker\"",
                    note_lines: &["here's some unicode text…"],
                    ..Contact::default()
                },
            ],
        ),
        contacts(
            "contacts/roundcube/tb_plain.csv",
            Format::Csv,
            &[Contact {
                row: 2,
                name: "Displayname",
                // Work Phone, Home Phone, Mobile Number: numbers to call. The Fax Number and
                // Pager Number are kept in the notes under their headers (checked below).
                phones: &["phone work", "phone home", "mobile"],
                emails: &["test@domain.tld", "next@domain.tld"],
                company: "Organization",
                occupation: "title",
                // Birth Year, Birth Month and Birth Day columns: 1970, 11, 15.
                birthday: "1970-11-15",
                address_has: &["Priv address"],
                ..Contact::default()
            }],
        ),
    ]);
}

#[test]
fn columns_carnet_has_no_field_for_are_kept_under_their_headers() {
    let file = "contacts/roundcube/tb_plain.csv";
    let read = read(file);
    let row = read.row(2).expect("the contact");
    let headers = read.mapping.headers(&read.table);
    let kept: Vec<(&str, &str)> = row
        .kept
        .iter()
        .map(|(col, value)| (headers[*col].as_str(), value.as_str()))
        .collect();
    for want in [
        ("Nickname", "Nick"),
        ("Fax Number", "fax"),
        ("Pager Number", "pager"),
        ("Web Page 1", "http://page.com"),
        ("Work Address", "Addr work"),
    ] {
        assert!(kept.contains(&want), "{want:?} not in {kept:?}");
    }
}
