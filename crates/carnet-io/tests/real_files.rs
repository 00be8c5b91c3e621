//! Files that real programs wrote, read with the public reader and mapping as an import
//! reads them: phones' and mail programs' contact exports (tests/fixtures/contacts, each
//! file's origin in SOURCES.md there) and a consultant's 300-customer workbook that openpyxl
//! and LibreOffice wrote (tests/fixtures/sheets, made by make_sheets.py, described by
//! expected.json).
//!
//! Every expectation here was read off the file itself, not off the reader's output. Where
//! the reader still gets a file wrong, the expectation stays as the file says and the check
//! is listed in [`KNOWN_GAPS`] (and explained in tests/fixtures/contacts/KNOWN_GAPS.md): a
//! listed check must fail, so a gap that gets fixed fails this test until it is taken off
//! the list, and an unlisted failure fails it at once. Profile validation (which phones or
//! budgets are accepted) is deliberately not checked here.

use std::path::{Path, PathBuf};

use carnet_io::mapping::{self, Mapping, RowDraft};
use carnet_io::{Format, Source, Table};

/// The checks that fail today because the reader or the mapping loses or mangles what the
/// file holds: (file under tests/fixtures, the check's name); `*` stands for any text.
/// tests/fixtures/contacts/KNOWN_GAPS.md says what is lost and why, under the same G-number.
/// When a gap is fixed its checks pass, this test fails, and the entry comes off the list.
const KNOWN_GAPS: &[(&str, &str)] = &[];

const THE_BAT: &str = "contacts/roundcube/thebat.vcf";

/// Whether `text` matches `pattern`, where `*` stands for any text.
fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let [first, middle @ .., last] = parts.as_slice() else {
        return pattern == text;
    };
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// Whether a check of a file is a known gap.
fn known_gap(file: &str, check: &str) -> bool {
    KNOWN_GAPS
        .iter()
        .any(|(f, c)| glob(f, file) && glob(c, check))
}

// ------------------------------------------------------------------------------------------
// Reading, and checking against the known gaps

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// A file as an import reads it: the table, the guessed mapping and the rows it yields.
struct Read {
    format: Format,
    table: Table,
    mapping: Mapping,
    rows: Vec<RowDraft>,
}

fn read(file: &str) -> Read {
    let path = fixtures().join(file);
    let source = carnet_io::read_file(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let Source::Table { format, table } = source else {
        panic!("{file}: not a table");
    };
    let mapping = mapping::guess(&table, &Default::default());
    let rows = mapping::rows(&table, &mapping, format == Format::Vcard);
    Read {
        format,
        table,
        mapping,
        rows,
    }
}

impl Read {
    /// The row numbered `n` (a card's number in a vCard file, the sheet's 1-based row
    /// otherwise).
    fn row(&self, n: usize) -> Option<&RowDraft> {
        self.rows.iter().find(|r| r.row == n)
    }

    /// The column mapped to `target`, if any.
    fn column(&self, target: &str) -> Option<usize> {
        self.mapping
            .columns
            .iter()
            .position(|c| c.as_deref() == Some(target))
    }
}

/// The checks of one file. Each has a fixed name; [`Checks::finish`] compares the failed
/// ones with [`KNOWN_GAPS`].
struct Checks {
    file: &'static str,
    failed: Vec<(String, String)>,
    passed: Vec<String>,
}

impl Checks {
    fn new(file: &'static str) -> Checks {
        Checks {
            file,
            failed: Vec::new(),
            passed: Vec::new(),
        }
    }

    fn that(&mut self, name: &str, ok: bool, detail: impl FnOnce() -> String) {
        assert!(
            !self
                .passed
                .iter()
                .chain(self.failed.iter().map(|(n, _)| n))
                .any(|n| n == name),
            "{}: two checks named {name:?}",
            self.file
        );
        if ok {
            self.passed.push(name.to_owned());
        } else {
            self.failed.push((name.to_owned(), detail()));
        }
    }

    fn eq<T: PartialEq + std::fmt::Debug>(&mut self, name: &str, got: T, want: T) {
        let ok = got == want;
        self.that(name, ok, || format!("got {got:?}, the file has {want:?}"));
    }

    /// The problems of this file's checks: failures not listed in [`KNOWN_GAPS`], listed
    /// ones that pass now, and listed ones that are no check.
    fn finish(self) -> Vec<String> {
        let mut problems = Vec::new();
        for (name, detail) in &self.failed {
            if !known_gap(self.file, name) {
                problems.push(format!("FAILED {name:?}: {detail}"));
            }
        }
        for name in &self.passed {
            if known_gap(self.file, name) {
                problems.push(format!(
                    "FIXED {name:?}: the reader gets this right now; take it off KNOWN_GAPS \
                     (and KNOWN_GAPS.md)"
                ));
            }
        }
        // An entry naming this file and one check exactly must name a check that ran.
        for (file, check) in KNOWN_GAPS {
            let exact = !file.contains('*') && !check.contains('*');
            let ran = self.passed.iter().chain(self.failed.iter().map(|(n, _)| n));
            if exact && *file == self.file && !ran.clone().any(|n| n == check) {
                problems.push(format!("KNOWN_GAPS names {check:?}, which is not a check"));
            }
        }
        problems
            .into_iter()
            .map(|p| format!("{}: {p}", self.file))
            .collect()
    }
}

/// Fails with every problem of every file checked, so one file's gap hides no other's.
fn report(problems: impl IntoIterator<Item = Vec<String>>) {
    let all: Vec<String> = problems.into_iter().flatten().collect();
    assert!(all.is_empty(), "\n{}", all.join("\n"));
}

// ------------------------------------------------------------------------------------------
// Contacts

/// What one contact in a file holds, as the file writes it.
#[derive(Default)]
struct Contact {
    /// The card's number in the file (vCards) or the 1-based record, header included (CSV).
    row: usize,
    name: &'static str,
    phones: &'static [&'static str],
    emails: &'static [&'static str],
    company: &'static str,
    occupation: &'static str,
    /// The lines of the note, as the file writes them.
    note_lines: &'static [&'static str],
    /// How a long note starts and ends.
    note_ends: (&'static str, &'static str),
    /// The birthday, as a date.
    birthday: &'static str,
    /// Text the address must contain.
    address_has: &'static [&'static str],
}

/// Checks a contacts file: how many contacts come out, and each one's facts.
fn contacts(file: &'static str, format: Format, want: &[Contact]) -> Vec<String> {
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
fn kept(d: &carnet_core::ProfileDraft, text: &str) -> bool {
    carnet_core::FIELDS
        .iter()
        .filter_map(|f| d.get(f.name))
        .any(|value| value.contains(text))
}

#[test]
fn android_2_1_quoted_printable_and_e_mail_only_cards() {
    report([
        // Six cards: the first two hold only an e-mail; names are quoted-printable UTF-8 "Ñ".
        contacts(
            "contacts/ez-vcard/John_Doe_ANDROID.vcf",
            Format::Vcard,
            &[
                Contact {
                    row: 1,
                    emails: &["john.doe@company.com"],
                    ..Contact::default()
                },
                Contact {
                    row: 2,
                    emails: &["jane.doe@company.com"],
                    ..Contact::default()
                },
                Contact {
                    row: 3,
                    name: "Ñ Ñ Ñ Ñ Ñ",
                    phones: &["123456789"],
                    ..Contact::default()
                },
                Contact {
                    row: 4,
                    name: "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ",
                    phones: &["123456", "234567", "3456789", "45678901"],
                    ..Contact::default()
                },
                Contact {
                    row: 5,
                    name: "Ñ Ñ Ñ Ñ",
                    // CELL, WORK and FAX all hold 123456: one number.
                    phones: &["123456"],
                    emails: &["bob@company.com"],
                    ..Contact::default()
                },
                Contact {
                    row: 6,
                    name: "ÑÑÑÑ",
                    phones: &["55556666"],
                    emails: &["henry@company.com"],
                    ..Contact::default()
                },
            ],
        ),
    ]);
}

#[test]
fn iphone_3_0_with_item_groups() {
    report([contacts(
        "contacts/ez-vcard/John_Doe_IPHONE.vcf",
        Format::Vcard,
        &[Contact {
            row: 1,
            name: "Mr. John Richter James Doe Sr.",
            phones: &[
                "905-555-1234",
                "905-666-1234",
                "905-777-1234",
                "905-888-1234",
                "905-999-1234",
                "905-111-1234",
                "905-222-1234",
            ],
            emails: &["john.doe@ibm.com"],
            company: "IBM Accounting",
            occupation: "Money Counter",
            birthday: "2012-06-06",
            address_has: &["Silicon Alley 5", "New York"],
            ..Contact::default()
        }],
    )]);
}

#[test]
fn outlook_2_1_exports() {
    report([
        contacts(
            "contacts/ez-vcard/John_Doe_MS_OUTLOOK.vcf",
            Format::Vcard,
            &[Contact {
                row: 1,
                name: "Mr. John Richter James Doe Sr.",
                phones: &["(905) 555-1234", "(905) 666-1234"],
                emails: &["john.doe@ibm.cm"],
                note_ends: (
                    "THIS SOFTWARE IS PROVIDED BY GEORGE EL-HADDAD ''AS IS''",
                    "EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.",
                ),
                company: "IBM Accounting",
                occupation: "Money Counter",
                birthday: "1980-03-22",
                address_has: &["Cresent moon drive", "Albaney"],
                ..Contact::default()
            }],
        ),
        contacts(
            "contacts/ez-vcard/outlook-2003.vcf",
            Format::Vcard,
            &[Contact {
                row: 1,
                name: "John Doe III",
                // The numbers' fields were filled with their names.
                phones: &[
                    "BusinessPhone",
                    "HomePhone",
                    "MobilePhone",
                    "BusinessFaxPhone",
                ],
                emails: &["jdoe@hotmail.com"],
                company: "Company, The TheDepartment",
                occupation: "The Job Title",
                note_lines: &[
                    "This is the note field!!",
                    "Second line",
                    "",
                    "Third line is empty",
                ],
                birthday: "1980-03-21",
                address_has: &["123 Main St", "Austin"],
                ..Contact::default()
            }],
        ),
        contacts(
            "contacts/ez-vcard/outlook-2007.vcf",
            Format::Vcard,
            &[Contact {
                row: 1,
                name: "Mr. Michael Angstadt Jr.",
                phones: &[
                    "(111) 555-1111",
                    "(111) 555-2222",
                    "(111) 555-4444",
                    "(111) 555-3333",
                ],
                emails: &["mike.angstadt@gmail.com"],
                company: "TheCompany TheDepartment",
                occupation: "TheJobTitle",
                note_lines: &[
                    "This is the NOTE field\t",
                    "I assume it encodes this text inside a NOTE vCard type.",
                    "But I'm not sure because there's text formatting going on here.",
                    "It does not preserve the formatting",
                ],
                birthday: "1922-03-10",
                address_has: &["222 Broadway"],
                ..Contact::default()
            }],
        ),
        contacts(
            "contacts/folkerkinzel-vcards/Outlook_v2.vcf",
            Format::Vcard,
            &[Contact {
                row: 1,
                name: "Herr Max Anderer Mustermann sen.",
                phones: &[
                    "+49 (0611) 123456 - 11",
                    "+49 (0611) 123456 - 12",
                    "+49 (0611) 123456 - 14",
                    "+49 (0611) 123456 - 13",
                ],
                emails: &["max.mustermann@musterfirma.de"],
                company: "Musterfirma GmbH",
                occupation: "Musterposition",
                note_lines: &["Hier noch ein paar notizen"],
                address_has: &["Musterstrasse 12", "Wiesbaden"],
                ..Contact::default()
            }],
        ),
    ]);
}

#[test]
fn outlook_2_1_in_windows_1252() {
    report([
        // Outlook writes the bytes of Windows-1252 (ß, ä) into the file, not UTF-8.
        contacts(
            "contacts/folkerkinzel-vcards/LabelIssue.vcf",
            Format::Vcard,
            &[Contact {
                row: 1,
                name: "Rudi Wimmel",
                phones: &["0987 /6543", "9876 /11223344"],
                emails: &["Wimmel@wurstdarm.de"],
                company: "Wurstdarm KG",
                occupation: "Compliance Officer",
                address_has: &["Business-Straße 19", "Schaffhausen"],
                ..Contact::default()
            }],
        ),
        contacts(
            "contacts/folkerkinzel-vcards/AnsiIssue.vcf",
            Format::Vcard,
            &[Contact {
                row: 1,
                name: "Ralf Rastral",
                address_has: &["Lämmerweg 12", "Kleindorf"],
                ..Contact::default()
            }],
        ),
    ]);
}

#[test]
fn gmail_3_0_exports() {
    report([
        contacts(
            "contacts/ez-vcard/John_Doe_GMAIL.vcf",
            Format::Vcard,
            &[Contact {
                row: 1,
                name: "Mr. John Richter, James Doe Sr.",
                phones: &["905-555-1234", "905-666-1234"],
                emails: &["john.doe@ibm.com"],
                company: "IBM",
                occupation: "Money Counter",
                note_ends: (
                    "THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS \"AS IS\"",
                    "\nFavotire Color: Blue",
                ),
                birthday: "1980-03-22",
                ..Contact::default()
            }],
        ),
        contacts(
            "contacts/ez-vcard/gmail-list.vcf",
            Format::Vcard,
            &[
                Contact {
                    row: 1,
                    name: "Arnold Smith",
                    emails: &["asmithk@gmail.com"],
                    ..Contact::default()
                },
                Contact {
                    row: 2,
                    name: "Chris Beatle",
                    emails: &["chrisy55d@yahoo.com"],
                    ..Contact::default()
                },
                Contact {
                    row: 3,
                    name: "Doug White",
                    emails: &["dwhite@gmail.com"],
                    ..Contact::default()
                },
            ],
        ),
        contacts(
            "contacts/ez-vcard/gmail-single.vcf",
            Format::Vcard,
            &[Contact {
                row: 1,
                name: "Greg Dartmouth",
                phones: &["555 555 1111", "555 555 2222"],
                emails: &["gdartmouth@hotmail.com"],
                company: "TheCompany",
                occupation: "TheJobTitle",
                note_lines: &[
                    "This is GMail's note field.",
                    "It should be added as a NOTE type.",
                    "ACustomField: CustomField",
                ],
                birthday: "1960-09-10",
                address_has: &["123 Home St"],
                ..Contact::default()
            }],
        ),
        contacts(
            "contacts/ez-vcard/gmail-single2.vcf",
            Format::Vcard,
            &[Contact {
                row: 1,
                name: "VCard Test",
                phones: &[
                    "5555551111",
                    "5555551112",
                    "5555551113",
                    "5555551114",
                    "5555551115",
                    "5555551116",
                    "5555551117",
                    "5555551118",
                    "5555551119",
                    "5555551120",
                    "5555551121",
                ],
                emails: &[
                    "email@example.com",
                    "homeemail@example.com",
                    "workemail@example.com",
                    "otheremail@example.com",
                    "customcategory@example.com",
                ],
                company: "TheCompany",
                occupation: "TheJobTitle",
                note_lines: &["note line 1", "note line 2", "CustomField: field value"],
                birthday: "1912-06-23",
                address_has: &["111 Main St"],
                ..Contact::default()
            }],
        ),
    ]);
}

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
fn mac_address_book_exports() {
    report([
        contacts(
            "contacts/ez-vcard/John_Doe_MAC_ADDRESS_BOOK.vcf",
            Format::Vcard,
            &[Contact {
                row: 1,
                name: "Mr. John Richter,James Doe Sr.",
                phones: &[
                    "905-777-1234",
                    "905-666-1234",
                    "905-555-1234",
                    "905-888-1234",
                    "905-999-1234",
                    "905-111-1234",
                    "905-222-1234",
                ],
                emails: &["john.doe@ibm.com"],
                company: "IBM Accounting",
                occupation: "Money Counter",
                birthday: "2012-06-06",
                ..Contact::default()
            }],
        ),
        // A company's card: N is empty, the name is the company's.
        contacts(
            "contacts/roundcube/apple.vcf",
            Format::Vcard,
            &[Contact {
                row: 1,
                name: "Apple Computer AG",
                company: "Apple Computer AG",
                address_has: &["Birgistrasse 4a", "Wallisellen-Zürich", "Switzerland"],
                ..Contact::default()
            }],
        ),
        // Address Book writes UTF-16 (big-endian, no BOM) when a card is not plain ASCII.
        contacts(
            "contacts/roundcube/utf-16_sample.vcf",
            Format::Vcard,
            &[Contact {
                row: 1,
                name: "Ǽgean ĽdaMonté",
                address_has: &["169 Mária Canal", "Perú"],
                ..Contact::default()
            }],
        ),
    ]);
}

#[test]
fn evolution_folds_inside_numbers() {
    report([
        // Evolution folds long lines anywhere, even inside a phone number or an e-mail.
        contacts(
            "contacts/ez-vcard/John_Doe_EVOLUTION.vcf",
            Format::Vcard,
            &[Contact {
                row: 1,
                name: "Mr. John Richter, James Doe Sr.",
                phones: &["905-666-1234", "905-555-1234"],
                emails: &["john.doe@ibm.com"],
                company: "IBM Accounting Dungeon",
                occupation: "Money Counter",
                birthday: "1980-03-22",
                address_has: &["15 Crescent moon drive", "Albaney"],
                ..Contact::default()
            }],
        ),
    ]);
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

#[test]
fn blackberry_and_the_bat() {
    let blackberry = contacts(
        "contacts/ez-vcard/John_Doe_BLACK_BERRY.vcf",
        Format::Vcard,
        &[Contact {
            row: 1,
            name: "John Doe",
            phones: &["+96123456789"],
            company: "Acme Solutions",
            ..Contact::default()
        }],
    );
    // The Bat! writes the name quoted-printable in the Windows code page without naming it:
    // =F1 is ń in Windows-1250 (the name is Polish), ñ in Windows-1252.
    let file = THE_BAT;
    let read = read(file);
    let mut c = Checks::new(file);
    c.eq("one row per contact", read.rows.len(), 1);
    let name = read
        .rows
        .first()
        .map(|r| r.draft.name.clone())
        .unwrap_or_default();
    c.that(
        "the name reads Piotr Iksiński (or Iksiñski)",
        name == "Piotr Iksiński" || name == "Piotr Iksiñski",
        || format!("got {name:?}"),
    );
    let email = "piotr.iksinski@somedomain.com";
    let draft = read
        .rows
        .first()
        .map(|r| r.draft.clone())
        .unwrap_or_default();
    c.that(
        &format!("contact 1: e-mail {email} is kept"),
        kept(&draft, email),
        || "no field of the draft holds it".to_owned(),
    );
    report([blackberry, c.finish()]);
}

// ------------------------------------------------------------------------------------------
// The consultant's workbook

const COLUMNS: [&str; 7] = [
    "姓名",
    "手机",
    "意向车型",
    "预算",
    "购车时间",
    "决策人",
    "备注",
];
const TARGETS: [&str; 7] = [
    "name",
    "phones",
    "models",
    "budget",
    "timeframe",
    "decision_maker",
    "notes",
];

struct Expected {
    rows: Vec<ExpectedRow>,
    no_id: Vec<usize>,
}

struct ExpectedRow {
    row: usize,
    /// Each column's value as written: text, a number, an ISO date, or nothing.
    values: Vec<serde_json::Value>,
    kinds: Vec<String>,
    /// Each column's text as a person sees it (and as LibreOffice writes it to CSV).
    shown: Vec<String>,
}

fn expected() -> Expected {
    let path = fixtures().join("sheets/expected.json");
    let text = std::fs::read_to_string(&path).expect("expected.json");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(json["columns"], serde_json::json!(COLUMNS));
    assert_eq!(json["title_row"], 1);
    assert_eq!(json["header_row"], 2);
    let rows = json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| ExpectedRow {
            row: r["row"].as_u64().expect("row") as usize,
            values: r["values"].as_array().expect("values").clone(),
            kinds: r["kinds"]
                .as_array()
                .expect("kinds")
                .iter()
                .map(|k| k.as_str().expect("kind").to_owned())
                .collect(),
            shown: r["shown"]
                .as_array()
                .expect("shown")
                .iter()
                .map(|k| k.as_str().expect("shown").to_owned())
                .collect(),
        })
        .collect();
    let no_id = json["no_identifying_value"]
        .as_array()
        .expect("no_identifying_value")
        .iter()
        .map(|n| n.as_u64().expect("row") as usize)
        .collect();
    Expected { rows, no_id }
}

/// A cell's text as the reader documents it keeps text: trimmed, inner runs of spaces one
/// space, line ends kept.
fn tidied(text: &str) -> String {
    text.trim()
        .split('\n')
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The digits of a text, full-width digits (from Chinese input methods) counted as digits.
fn digits(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0),
            _ => None,
        })
        .collect()
}

/// What a sheet cell should read as: a date cell as its ISO date where the format keeps
/// cells (xlsx, xls, ods), as shown where it keeps text (CSV); other cells as shown.
fn want_cell(row: &ExpectedRow, col: usize, csv: bool) -> String {
    match row.kinds[col].as_str() {
        "date" if !csv => row.values[col].as_str().expect("iso date").to_owned(),
        _ => tidied(&row.shown[col]),
    }
}

fn sheet(file: &'static str, format: Format) {
    let expected = expected();
    let read = read(file);
    let csv = format == Format::Csv;
    let mut c = Checks::new(file);
    c.eq("format", read.format, format);
    c.eq(
        "the header is the row after the title",
        read.mapping.header_row,
        1,
    );
    for (col, target) in TARGETS.iter().enumerate() {
        c.eq(
            &format!("{} is mapped to {target}", COLUMNS[col]),
            read.column(target),
            Some(col),
        );
    }
    c.eq("300 data rows come out", read.rows.len(), 300);
    let numbers: Vec<usize> = read.rows.iter().map(|r| r.row).collect();
    let want_numbers: Vec<usize> = expected.rows.iter().map(|r| r.row).collect();
    c.eq("the data rows are rows 3 to 302", numbers, want_numbers);

    // Every cell reads as written, column by column.
    for (col, header) in COLUMNS.iter().enumerate() {
        let mut wrong = Vec::new();
        for want in &expected.rows {
            let got = read
                .table
                .rows
                .get(want.row - 1)
                .and_then(|r| r.get(col))
                .map_or("", String::as_str);
            let expect = want_cell(want, col, csv);
            if got != expect {
                wrong.push(format!("row {}: {got:?} for {expect:?}", want.row));
            }
        }
        c.that(
            &format!("every {header} cell reads as written"),
            wrong.is_empty(),
            || format!("{} cells differ: {}", wrong.len(), wrong.join("; ")),
        );
    }

    // The drafts: names, every digit of the phones, the timeframes, budgets, deciders.
    let mut names = Vec::new();
    let mut phones = Vec::new();
    let mut times = Vec::new();
    let mut dates = Vec::new();
    let mut budgets = Vec::new();
    let mut deciders = Vec::new();
    let mut notes = Vec::new();
    for want in &expected.rows {
        let Some(row) = read.row(want.row) else {
            continue;
        };
        let d = &row.draft;
        if d.name != tidied(&want.shown[0]) {
            names.push(format!(
                "row {}: {:?} for {:?}",
                want.row, d.name, want.shown[0]
            ));
        }
        let got_digits = digits(&d.phones.concat());
        if got_digits != digits(&want.shown[1]) {
            phones.push(format!(
                "row {}: {:?} for {:?}",
                want.row, d.phones, want.shown[1]
            ));
        }
        let time = want_cell(want, 4, csv);
        if d.timeframe != time {
            let line = format!("row {}: {:?} for {:?}", want.row, d.timeframe, time);
            if want.kinds[4] == "date" {
                dates.push(line);
            } else {
                times.push(line);
            }
        }
        if d.budget != want_cell(want, 3, csv) {
            budgets.push(format!(
                "row {}: {:?} for {:?}",
                want.row, d.budget, want.values[3]
            ));
        }
        if d.decision_maker != want_cell(want, 5, csv) {
            deciders.push(format!("row {}: {:?}", want.row, d.decision_maker));
        }
        if d.notes != want_cell(want, 6, csv) {
            notes.push(format!("row {}: {:?}", want.row, d.notes));
        }
    }
    let mut list = |name: &str, wrong: Vec<String>| {
        c.that(name, wrong.is_empty(), || {
            format!("{} rows: {}", wrong.len(), wrong.join("; "))
        });
    };
    list("every name comes out as written", names);
    list("every digit of every phone cell comes out", phones);
    list("every date cell's timeframe is its date", dates);
    list("every other timeframe comes out as written", times);
    list("every budget comes out as written", budgets);
    list("every decision-maker comes out as written", deciders);
    list("every note comes out as written", notes);

    // The rows that identify nobody still come out (for the consultant to see), empty.
    for n in &expected.no_id {
        let row = read.row(*n);
        c.that(
            &format!("row {n}, which identifies nobody, comes out without name or phone"),
            row.is_some_and(|r| r.draft.name.is_empty() && r.draft.phones.is_empty()),
            || format!("{:?}", row.map(|r| (&r.draft.name, &r.draft.phones))),
        );
    }
    report([c.finish()]);
}

#[test]
fn consultant_workbook_as_openpyxl_wrote_it() {
    sheet("sheets/consultant-300.xlsx", Format::Xlsx);
}

#[test]
fn consultant_workbook_as_libreoffice_wrote_xls() {
    sheet("sheets/consultant-300.xls", Format::Xls);
}

#[test]
fn consultant_workbook_as_libreoffice_wrote_ods() {
    sheet("sheets/consultant-300.ods", Format::Ods);
}

#[test]
fn consultant_workbook_as_libreoffice_wrote_utf8_csv() {
    sheet("sheets/consultant-300-utf8.csv", Format::Csv);
}

#[test]
fn consultant_workbook_as_libreoffice_wrote_gbk_csv() {
    sheet("sheets/consultant-300-gbk.csv", Format::Csv);
}

#[test]
fn the_expected_rows_are_as_the_script_says() {
    let expected = expected();
    assert_eq!(expected.rows.len(), 300);
    assert_eq!(expected.rows[0].row, 3);
    assert_eq!(expected.rows[299].row, 302);
    assert_eq!(expected.no_id.len(), 2);
    // A spread worth testing: numbers stored as numbers and real date cells.
    let kinds = |kind: &str| {
        expected
            .rows
            .iter()
            .flat_map(|r| &r.kinds)
            .filter(|k| *k == kind)
            .count()
    };
    assert!(kinds("int") > 50 && kinds("date") > 50);
}

#[test]
fn every_known_gap_is_written_up() {
    let doc =
        std::fs::read_to_string(fixtures().join("contacts/KNOWN_GAPS.md")).expect("KNOWN_GAPS.md");
    for (file, check) in KNOWN_GAPS {
        assert!(
            doc.contains(file) && doc.contains(check),
            "KNOWN_GAPS.md does not name {file} and {check:?}"
        );
    }
}
