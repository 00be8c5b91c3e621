//! Phones' and mail programs' vCard exports.

use carnet_io::Format;

use super::checks::{Checks, read, report};
use super::contacts::{Contact, contacts, kept};

const THE_BAT: &str = "contacts/roundcube/thebat.vcf";

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
