//! Text from files written anywhere: the encoding is detected (a BOM, valid UTF-8, UTF-16
//! without a BOM, else chardetng's guess, which finds GBK/GB18030 from Chinese Excel), and
//! cell values are tidied the same way whatever the format.

use std::borrow::Cow;

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

/// Decodes a text file. Returns the text (the bytes themselves when they are UTF-8 already,
/// not a copy) and the name of the encoding it was read as.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, &'static str) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text, encoding.name());
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return (text, encoding.name());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), UTF_8.name());
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let mut encoding = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    // GB18030 reads everything GBK does, and more.
    if encoding == encoding_rs::GBK || encoding == GB18030 {
        encoding = if reads_as_chinese(bytes) {
            GB18030
        } else {
            encoding_rs::WINDOWS_1252
        };
    }
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    (text, encoding.name())
}

/// Whether bytes guessed to be GBK read as Chinese text: most of their two-byte characters
/// in GB2312's range (the characters Chinese text is written in: both bytes from 0xA1).
/// European text in Windows-1252 guessed as GBK reads as rare characters instead ("ß" and
/// the letter after it make one, 遝), whose second byte is ASCII.
fn reads_as_chinese(bytes: &[u8]) -> bool {
    let (mut pairs, mut common) = (0usize, 0usize);
    let mut i = 0;
    while i + 1 < bytes.len() {
        let (lead, trail) = (bytes[i], bytes[i + 1]);
        if (0x81..=0xFE).contains(&lead) {
            pairs += 1;
            if lead >= 0xA1 && trail >= 0xA1 {
                common += 1;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    pairs == 0 || common * 2 > pairs
}

/// UTF-16 written without a BOM shows as a NUL in every other byte of ASCII text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nuls = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nuls = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    if odd_nuls * 10 >= pairs * 3 && even_nuls * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nuls * 10 >= pairs * 3 && odd_nuls * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The delimiters a CSV file may use.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Picks the delimiter of a CSV text: the one under which the largest share of the first
/// records (read as CSV, so quoted delimiters and line ends inside quotes count right) have
/// the same number of fields; then the one with more such records, then more fields. A
/// share, not a count: a wrong delimiter inside quoted cells with line ends can cut a file
/// into more, but disagreeing, records.
pub fn sniff_delimiter(text: &str) -> u8 {
    // (agreeing records, records, fields, delimiter)
    let mut best: Option<(usize, usize, usize, u8)> = None;
    for delimiter in DELIMITERS {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut freq: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        let mut records = 0;
        for record in reader.records().take(30) {
            let Ok(record) = record else { break };
            if record.iter().any(|f| !f.trim().is_empty()) {
                *freq.entry(record.len()).or_default() += 1;
                records += 1;
            }
        }
        let Some((fields, agreeing)) = freq
            .into_iter()
            .filter(|(fields, _)| *fields > 1)
            .max_by_key(|(c, n)| (*n, *c))
        else {
            continue;
        };
        let better = best.is_none_or(|(a, r, f, _)| {
            // agreeing / records against a / r, without dividing.
            (agreeing * r, agreeing, fields) > (a * records, a, f)
        });
        if better {
            best = Some((agreeing, records, fields, delimiter));
        }
    }
    best.map_or(b',', |(_, _, _, d)| d)
}

/// Full-width ASCII (from Chinese input methods: １３８, （, ＋) as plain ASCII; the
/// ideographic space as a space.
pub fn to_half_width(raw: &str) -> String {
    raw.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// Starts that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a spreadsheet would read `value` as a formula. A phone like +86 138… is one too,
/// which is why phones are guarded as well.
pub fn looks_like_formula(value: &str) -> bool {
    value.starts_with(FORMULA_STARTS)
}

/// The guard Carnet writes before such a value in CSV, and strips again on its own import.
pub const FORMULA_GUARD: char = '\'';

/// `value` with the guard prefix when a spreadsheet would read it as a formula.
pub fn guard_formula(value: &str) -> std::borrow::Cow<'_, str> {
    if looks_like_formula(value) {
        std::borrow::Cow::Owned(format!("{FORMULA_GUARD}{value}"))
    } else {
        std::borrow::Cow::Borrowed(value)
    }
}

/// Removes Carnet's guard again (only where it guards a formula start).
pub fn strip_formula_guard(value: &str) -> &str {
    match value.strip_prefix(FORMULA_GUARD) {
        Some(rest) if looks_like_formula(rest) => rest,
        _ => value,
    }
}

/// A cell's text tidied: stray spaces and non-breaking spaces trimmed, inner runs of
/// whitespace kept as one space, line ends kept (notes have them).
pub fn tidy_cell(raw: &str) -> String {
    let trimmed = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    let mut out = String::with_capacity(trimmed.len());
    let mut space = false;
    for c in trimmed.chars() {
        if c == '\n' {
            while out.ends_with(' ') {
                out.pop();
            }
            out.push('\n');
            space = false;
        } else if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.ends_with('\n') {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_detected() {
        let text = "姓名,手机\n张三,13812345678\n李四,13912345678\n";
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (text.as_bytes().to_vec(), "UTF-8"),
            (
                [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
                "UTF-8",
            ),
            (GB18030.encode(text).0.into_owned(), "gb18030"),
            (
                [
                    vec![0xFF, 0xFE],
                    text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
                ]
                .concat(),
                "UTF-16LE",
            ),
            (
                text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
                "UTF-16LE",
            ),
            (
                text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
                "UTF-16BE",
            ),
        ];
        for (bytes, encoding) in cases {
            let (decoded, name) = decode(&bytes);
            assert_eq!(decoded, text, "{encoding}");
            assert_eq!(name.to_lowercase(), encoding.to_lowercase());
        }
    }

    #[test]
    fn delimiters_are_sniffed() {
        for (text, want) in [
            ("a,b,c\n1,2,3\n", b','),
            ("a;b;c\n1;2,5;3\n", b';'),
            ("a\tb\tc\n1\t2\t3\n", b'\t'),
            ("a|b\n1|2\n", b'|'),
            ("\"x,y\";b\n\"1,2\";3\n", b';'),
            ("姓名\n张三\n", b','),
            // A title line above the header.
            ("客户名单\n姓名;手机\n张三;138\n", b';'),
            // Found by the property test: semicolons and line ends inside quoted cells cut
            // the file into more records under ';' than it has under '|'.
            (
                "姓名|手机|备注\n;|\"\n\"|\"\"\"';=\"\n|\";\n\"|\";\n\"\n",
                b'|',
            ),
        ] {
            assert_eq!(sniff_delimiter(text), want, "{text}");
        }
    }

    #[test]
    fn cells_are_tidied_and_guards_undone() {
        assert_eq!(tidy_cell("  张三\u{a0} "), "张三");
        assert_eq!(tidy_cell("a   b \n c"), "a b\nc");
        assert_eq!(to_half_width("１３８　１２３４"), "138 1234");
        for value in ["=1+1", "+8613812345678", "-5", "@x", "plain", "'quoted"] {
            assert_eq!(strip_formula_guard(&guard_formula(value)), value);
        }
        assert_eq!(guard_formula("=HYPERLINK()"), "'=HYPERLINK()");
        assert_eq!(guard_formula("张三"), "张三");
    }
}
