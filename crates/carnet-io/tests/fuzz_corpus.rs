//! Replays the fuzz corpus (fuzz/corpus, grown by `cargo fuzz` and kept in git) through the
//! same readers the fuzz targets call, unguarded (`read_bytes_unguarded`: a panic in Carnet's
//! own reading code fails the test instead of becoming a bad-file error): every input that
//! once found a crash stays fixed.

use std::path::Path;

fn corpus(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read");
            (p.display().to_string(), bytes)
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus in {}", dir.display());
    files
}

#[test]
fn the_csv_corpus_reads_without_a_panic() {
    let files = corpus("csv");
    for (name, bytes) in &files {
        if let Ok(carnet_io::Source::Table { table, .. }) =
            carnet_io::read_bytes_unguarded(bytes, "fuzz.csv")
        {
            let mapping = carnet_io::mapping::guess(&table, &Default::default());
            let _ = carnet_io::mapping::rows(&table, &mapping, false);
        }
        eprintln!("ok {name}");
    }
    println!("csv corpus: {} inputs replayed", files.len());
}

#[test]
fn the_vcard_corpus_reads_without_a_panic() {
    let files = corpus("vcard");
    for (name, bytes) in &files {
        let text = carnet_io::text::decode(bytes).0;
        let _ = carnet_io::vcard::to_table(&carnet_io::vcard::parse(&text));
        eprintln!("ok {name}");
    }
    println!("vcard corpus: {} inputs replayed", files.len());
}
