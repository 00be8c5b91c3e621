//! Property tests of the readers: whatever a spreadsheet or a phone writes, in any encoding
//! and delimiter, reads back as written.

use carnet_io::text::{guard_formula, strip_formula_guard, tidy_cell};
use carnet_io::{Source, read_bytes, vcard};
use proptest::prelude::*;

/// Cell text as people type it: CJK, Latin, digits, punctuation that matters to CSV, formula
/// starts, and inner line ends.
fn cell() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[张王李陈汉宋秦 a-zA-Z0-9,;|\"'=+@\\-\\n]{0,12}")
        .expect("regex")
}

fn encode(text: &str, encoding: u8) -> Vec<u8> {
    match encoding {
        0 => text.as_bytes().to_vec(),
        1 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        2 => encoding_rs::GB18030.encode(text).0.into_owned(),
        _ => [
            vec![0xFF, 0xFE],
            text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        ]
        .concat(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_csv_reads_back_in_any_encoding_and_delimiter(
        rows in proptest::collection::vec(proptest::collection::vec(cell(), 3), 2..6),
        delimiter in prop::sample::select(vec![b',', b';', b'\t', b'|']),
        encoding in 0u8..4,
    ) {
        // A header row of known words, so the file reads as a table whatever the cells hold.
        let mut w = csv::WriterBuilder::new().delimiter(delimiter).from_writer(Vec::new());
        w.write_record(["姓名", "手机", "备注"]).expect("header");
        for row in &rows {
            w.write_record(row.iter().map(|c| guard_formula(c).into_owned())).expect("row");
        }
        let text = String::from_utf8(w.into_inner().expect("flush")).expect("utf-8");
        let Ok(Source::Table { table, .. }) = read_bytes(&encode(&text, encoding), "p.csv") else {
            return Err(TestCaseError::fail("not read as a table"));
        };
        prop_assert_eq!(&table.rows[0], &vec!["姓名".to_owned(), "手机".to_owned(), "备注".to_owned()]);
        let read: Vec<Vec<String>> = table.rows[1..]
            .iter()
            .map(|r| r.iter().map(|c| strip_formula_guard(c).to_owned()).collect())
            .collect();
        let want: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|c| strip_formula_guard(&tidy_cell(&guard_formula(c))).to_owned()).collect())
            .collect();
        prop_assert_eq!(read, want);
    }

    #[test]
    fn a_vcard_reads_back_folded_escaped_and_with_any_line_ends(
        cards in proptest::collection::vec(
            ("[张王李陈 a-zA-Z]{1,10}", proptest::collection::vec("1[3-9][0-9]{9}", 0..3), "[张王a-z ,;\\n]{0,90}"),
            1..5,
        ),
        line_end in prop::sample::select(vec!["\r\n", "\n", "\r"]),
        final_newline in any::<bool>(),
    ) {
        let escape = |s: &str| s.replace('\\', "\\\\").replace(',', "\\,").replace(';', "\\;").replace('\n', "\\n");
        let mut text = String::new();
        for (name, phones, note) in &cards {
            let mut lines = vec!["BEGIN:VCARD".to_owned(), "VERSION:3.0".to_owned(), format!("FN:{}", escape(name))];
            lines.extend(phones.iter().map(|p| format!("TEL;TYPE=CELL:{p}")));
            lines.push(format!("NOTE:{}", escape(note)));
            lines.push("END:VCARD".to_owned());
            for line in lines {
                // Fold every 20 characters, as exporters fold long lines.
                let chars: Vec<char> = line.chars().collect();
                for (i, chunk) in chars.chunks(20).enumerate() {
                    if i > 0 { text.push(' '); }
                    text.extend(chunk);
                    text.push_str(line_end);
                }
            }
        }
        if !final_newline {
            text.truncate(text.trim_end_matches(['\r', '\n']).len());
        }
        let read = vcard::parse(&text);
        prop_assert_eq!(read.len(), cards.len());
        for (card, (name, phones, note)) in read.iter().zip(&cards) {
            prop_assert_eq!(&card.name, name.trim());
            prop_assert_eq!(&card.phones, phones);
            prop_assert_eq!(&card.notes, note.trim());
        }
    }
}
