//! The fuzz targets' harnesses (feature `unguarded`), shared by fuzz/ and by the corpus replay
//! (tests/fuzz_corpus.rs), so that an input in fuzz/corpus is read the same way by both. Each
//! runs the readers unguarded: errors are fine; a panic in Carnet's code, a hang or an
//! allocation beyond the caps is not. A panic inside a parsing library (calamine, cfb) is a
//! bad file, as in the app: not Carnet's code to fix.

use std::cell::Cell;
use std::io::{Cursor, Write};
use std::sync::Once;

use crate::read::read_bytes_unguarded;
use crate::{Guard, Source, json_export, mapping, text, vcard};

thread_local! {
    /// How deep this thread is in calls into a parsing library.
    static IN_LIBRARY: Cell<u32> = const { Cell::new(0) };
}

/// Marks a call into a parsing library ([`crate::library`]) while it lives.
pub(crate) struct LibraryScope;

impl LibraryScope {
    pub(crate) fn enter() -> LibraryScope {
        IN_LIBRARY.with(|depth| depth.set(depth.get() + 1));
        LibraryScope
    }
}

impl Drop for LibraryScope {
    fn drop(&mut self) {
        IN_LIBRARY.with(|depth| depth.set(depth.get().saturating_sub(1)));
    }
}

/// libFuzzer's panic hook aborts on every panic, even one that `library` catches and turns
/// into a bad file: this hook (set once, over the one before it) lets a panic inside a library
/// call unwind to its catch quietly, and hands every other panic to the hook before it.
fn pass_library_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if IN_LIBRARY.with(Cell::get) == 0 {
                previous(info);
            }
        }));
    });
}

/// Any bytes as a file named .csv, then the column mapping.
pub fn csv(data: &[u8]) {
    pass_library_panics();
    read(data, "fuzz.csv");
}

/// Any bytes as vCards.
pub fn vcard(data: &[u8]) {
    pass_library_panics();
    let text = text::decode(data).0;
    let _ = vcard::to_table(&vcard::parse(&text));
}

/// A sheet, by the input's first byte (mod 4):
/// - 0: the rest is a file, read as the app reads a file named .xlsx and named .ods (or .xls);
/// - 1: the rest is an ods `content.xml`, in an archive made here;
/// - 2: the rest is an xlsx worksheet part (then, after a 0xFF byte, its shared strings),
///   in an archive made here;
/// - 3: the rest is an xls workbook stream, in a compound file made here.
///
/// Archives and compound files are made here because a fuzzer that mutates a deflated,
/// checksummed zip seldom gets past the checksum to the XML.
pub fn sheet(data: &[u8]) {
    pass_library_panics();
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode % 4 {
        0 if rest.starts_with(b"PK") => {
            read(rest, "fuzz.xlsx");
            read(rest, "fuzz.ods");
        }
        0 => read(rest, "fuzz.xls"),
        1 => read(&ods_archive(rest), "fuzz.ods"),
        2 => {
            let (sheet, shared) = match rest.iter().position(|&b| b == 0xFF) {
                Some(at) => (&rest[..at], Some(&rest[at + 1..])),
                None => (rest, None),
            };
            read(&xlsx_archive(sheet, shared), "fuzz.xlsx");
        }
        _ => {
            if let Some(file) = xls_file(rest) {
                read(&file, "fuzz.xls");
            }
        }
    }
}

/// Any bytes as a Carnet JSON export; one that reads is written and read back the same.
pub fn json(data: &[u8]) {
    pass_library_panics();
    let text = text::decode(data).0;
    let Ok(read) = json_export::parse_with(&text, Guard::PassThrough) else {
        return;
    };
    let mut written = Vec::new();
    json_export::write(&read, &mut written).expect("an export that was read can be written");
    let again = json_export::parse_with(&String::from_utf8_lossy(&written), Guard::PassThrough)
        .expect("a written export reads back");
    assert_eq!(read, again, "an export reads back as it was written");
}

fn read(bytes: &[u8], name: &str) {
    if let Ok(Source::Table { table, .. }) = read_bytes_unguarded(bytes, name) {
        let mapping = mapping::guess(&table, &Default::default());
        let _ = mapping::rows(&table, &mapping, false);
    }
}

/// A zip of these entries, stored (no compression: quick to make and to read).
pub fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in entries {
        zip.start_file(*name, options).expect("entry");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("finish");
    buf.into_inner()
}

/// An ods archive around this `content.xml`.
pub fn ods_archive(content: &[u8]) -> Vec<u8> {
    zip(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", content),
    ])
}

/// An xlsx archive around this worksheet part (and shared strings).
pub fn xlsx_archive(sheet: &[u8], shared: Option<&[u8]>) -> Vec<u8> {
    let mut entries: Vec<(&str, &[u8])> = vec![
        (
            "_rels/.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    if let Some(shared) = shared {
        entries.push(("xl/sharedStrings.xml", shared));
    }
    zip(&entries)
}

/// A compound file holding this xls workbook stream.
pub fn xls_file(stream: &[u8]) -> Option<Vec<u8>> {
    let mut file =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).ok()?;
    let mut out = file.create_stream("/Workbook").ok()?;
    out.write_all(stream).ok()?;
    out.flush().ok()?;
    drop(out);
    file.flush().ok()?;
    Some(file.into_inner().into_inner())
}
