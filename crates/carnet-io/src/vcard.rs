//! One tolerant reader for the vCards phones and mail programs export: 2.1 (Android,
//! Outlook: quoted-printable, bare TYPE words, CHARSET), 3.0 (iPhone, Gmail) and 4.0.
//! Folded lines, mixed line ends, a missing final newline or END, cards without a name and
//! malformed quoted-printable are all read as well as they can be; nothing in one card stops
//! the next.

use crate::Table;

/// What Carnet takes from a card.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Card {
    pub name: String,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub company: String,
    pub occupation: String,
    pub notes: String,
    /// As written: 1985-03-12, 19850312, --0312 or --03-12.
    pub birthday: String,
    pub address: String,
    /// What else the card holds that a consultant may want (a nickname, a web page, another
    /// address), a line each as "label: value": kept in the notes.
    pub other: Vec<String>,
}

/// The headers of the table a vCard file becomes; [`crate::mapping`] recognises them.
pub const HEADERS: [&str; 9] = [
    "Name",
    "Phone",
    "E-mail",
    "Company",
    "Occupation",
    "Notes",
    "Birthday",
    "Address",
    "Other",
];

/// One row per card, under [`HEADERS`]; phones joined with "; ".
pub fn to_table(cards: &[Card]) -> Table {
    let mut rows = vec![HEADERS.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>()];
    rows.extend(cards.iter().map(|c| {
        vec![
            c.name.clone(),
            c.phones.join("; "),
            c.emails.join("; "),
            c.company.clone(),
            c.occupation.clone(),
            c.notes.clone(),
            c.birthday.clone(),
            c.address.clone(),
            c.other.join("\n"),
        ]
    }));
    Table { rows }
}

/// Reads every card of a file.
pub fn parse(text: &str) -> Vec<Card> {
    let mut cards = Vec::new();
    let mut current: Option<Partial> = None;
    for line in logical_lines(text) {
        let Some((name, params, value)) = split_property(&line) else {
            continue;
        };
        match name.as_str() {
            "BEGIN" if value.trim().eq_ignore_ascii_case("VCARD") => {
                if let Some(card) = current.take() {
                    cards.push(card.finish());
                }
                current = Some(Partial::default());
            }
            "END" if value.trim().eq_ignore_ascii_case("VCARD") => {
                if let Some(card) = current.take() {
                    cards.push(card.finish());
                }
            }
            _ => {
                if let Some(card) = current.as_mut() {
                    let value = decode_value(&params, &value);
                    card.add(&name, &value);
                }
            }
        }
    }
    if let Some(card) = current.take() {
        cards.push(card.finish());
    }
    cards
}

#[derive(Default)]
struct Partial {
    formatted: String,
    structured: String,
    card: Card,
}

impl Partial {
    fn add(&mut self, name: &str, value: &str) {
        let card = &mut self.card;
        match name {
            "FN" => self.formatted = unescape(value),
            "N" => {
                // Family;Given;Additional;Prefix;Suffix. Chinese names read family first with
                // no space; Latin names given first.
                let parts: Vec<String> = split_unescaped(value, ';');
                let get = |i: usize| parts.get(i).map_or("", |s| s.trim());
                let (family, given, middle) = (get(0), get(1), get(2));
                let cjk = |s: &str| s.chars().any(is_cjk);
                self.structured = if cjk(family) || cjk(given) {
                    format!("{family}{middle}{given}")
                } else {
                    [given, middle, family]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" ")
                };
            }
            "TEL" => {
                let phone = unescape(value).trim().trim_start_matches("tel:").to_owned();
                if !phone.is_empty() && !card.phones.contains(&phone) {
                    card.phones.push(phone);
                }
            }
            "EMAIL" => {
                let email = unescape(value)
                    .trim()
                    .trim_start_matches("mailto:")
                    .to_owned();
                if !email.is_empty() && !card.emails.contains(&email) {
                    card.emails.push(email);
                }
            }
            "NICKNAME" | "URL" | "X-QQ" | "X-WECHAT" | "IMPP" => {
                let text = unescape(value).trim().to_owned();
                if !text.is_empty() {
                    card.other.push(format!("{name}: {text}"));
                }
            }
            "ADR" if !card.address.is_empty() => {
                let text = split_unescaped(value, ';')
                    .into_iter()
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                if !text.is_empty() {
                    card.other.push(format!("ADR: {text}"));
                }
            }
            "ORG" => {
                card.company = split_unescaped(value, ';')
                    .into_iter()
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            "TITLE" => card.occupation = unescape(value),
            "NOTE" => {
                let note = unescape(value);
                if !note.trim().is_empty() {
                    if !card.notes.is_empty() {
                        card.notes.push('\n');
                    }
                    card.notes.push_str(note.trim());
                }
            }
            "BDAY" => card.birthday = unescape(value).trim().to_owned(),
            "ADR" if card.address.is_empty() => {
                // PO box;extended;street;city;region;postal code;country, shown big to small
                // the Chinese way when it is Chinese.
                let parts: Vec<String> = split_unescaped(value, ';')
                    .into_iter()
                    .map(|s| s.trim().to_owned())
                    .collect();
                let pick = |order: &[usize]| {
                    order
                        .iter()
                        .filter_map(|i| parts.get(*i))
                        .filter(|s| !s.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                };
                let cjk = parts.iter().any(|p| p.chars().any(is_cjk));
                card.address = if cjk {
                    pick(&[6, 4, 3, 2, 1, 0]).concat()
                } else {
                    pick(&[0, 1, 2, 3, 4, 5, 6]).join(", ")
                };
            }
            _ => {}
        }
    }

    fn finish(mut self) -> Card {
        let name = if self.formatted.trim().is_empty() {
            self.structured
        } else {
            self.formatted
        };
        self.card.name = name.trim().to_owned();
        self.card
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// The file's lines with folding undone: a line starting with a space or tab continues the
/// previous one (RFC 2425/6350), and in 2.1 a quoted-printable value ending in `=` continues
/// on the next line. Any mix of CRLF, LF and CR ends a line.
fn logical_lines(text: &str) -> Vec<String> {
    let text = text.trim_start_matches('\u{FEFF}');
    let mut out: Vec<String> = Vec::new();
    let mut physical = text.split(['\n', '\r']).peekable();
    // "\r\n" makes an empty piece between \r and \n; real blank lines carry nothing either.
    while let Some(line) = physical.next() {
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix([' ', '\t'])
            && let Some(last) = out.last_mut()
        {
            last.push_str(rest);
            continue;
        }
        let mut logical = line.to_owned();
        while is_quoted_printable(&logical) && logical.ends_with('=') {
            // Soft line break: skip the empty pieces of a CRLF, then join the next line.
            while physical.peek() == Some(&"") {
                physical.next();
            }
            // A broken soft break (a value that just ends in "=") must not swallow the next
            // property.
            if physical.peek().is_none_or(|next| starts_property(next)) {
                logical.pop();
                break;
            }
            match physical.next() {
                Some(next) => {
                    logical.pop();
                    logical.push_str(next);
                }
                None => break,
            }
        }
        out.push(logical);
    }
    out
}

/// Whether a line reads as the start of a property ("TEL;CELL:", "END:VCARD", "item1.ADR:").
fn starts_property(line: &str) -> bool {
    let Some(end) = line.find([':', ';']) else {
        return false;
    };
    let name = &line[..end];
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '.')
        && name.chars().any(|c| c.is_ascii_uppercase())
        || name.starts_with("item")
}

fn is_quoted_printable(line: &str) -> bool {
    line.split_once(':')
        .is_some_and(|(head, _)| head.to_ascii_uppercase().contains("QUOTED-PRINTABLE"))
}

/// `group.NAME;PARAMS:value` → (NAME upper-cased, params upper-cased, value).
fn split_property(line: &str) -> Option<(String, Vec<String>, String)> {
    let colon = find_unquoted_colon(line)?;
    let (head, value) = (&line[..colon], &line[colon + 1..]);
    let mut parts = head.split(';');
    let name = parts.next()?.trim();
    let name = name.rsplit('.').next().unwrap_or(name).to_ascii_uppercase();
    let params = parts.map(|p| p.trim().to_ascii_uppercase()).collect();
    Some((name, params, value.to_owned()))
}

fn find_unquoted_colon(line: &str) -> Option<usize> {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ':' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

/// Undoes quoted-printable and base64-free charsets: the bytes are decoded with the CHARSET
/// the card names (UTF-8 when none; GBK-family labels work too).
fn decode_value(params: &[String], value: &str) -> String {
    let qp = params
        .iter()
        .any(|p| p == "QUOTED-PRINTABLE" || p == "ENCODING=QUOTED-PRINTABLE");
    if !qp {
        return value.to_owned();
    }
    let bytes = quoted_printable(value);
    let charset = params
        .iter()
        .find_map(|p| p.strip_prefix("CHARSET="))
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
    match charset {
        Some(encoding) => encoding.decode_without_bom_handling(&bytes).0.into_owned(),
        None => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => crate::text::decode(e.as_bytes()).0.into_owned(),
        },
    }
}

/// Decodes `=XX` escapes; a malformed escape is kept as written.
fn quoted_printable(value: &str) -> Vec<u8> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && let Some(hex) = bytes.get(i + 1..i + 3)
            && let Ok(hex) = std::str::from_utf8(hex)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits on `sep` where it is not escaped with a backslash, unescaping each part.
fn split_unescaped(value: &str, sep: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    let last = parts.last_mut().expect("parts starts non-empty");
                    last.push('\\');
                    last.push(next);
                }
            }
            c if c == sep => parts.push(String::new()),
            c => parts.last_mut().expect("parts starts non-empty").push(c),
        }
    }
    parts.iter().map(|p| unescape(p)).collect()
}

#[cfg(test)]
mod tests;
