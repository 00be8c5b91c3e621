//! Replays the fuzz corpus (fuzz/corpus/<target>, grown by `cargo fuzz` and kept in git)
//! through the very harnesses the fuzz targets run (carnet_io::fuzzing), which read unguarded:
//! a panic in Carnet's own reading code fails the test instead of becoming a bad-file error.
//! Every input that once found a crash stays fixed.

use std::path::Path;

fn replay(target: &str, harness: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus in {}", dir.display());
    for path in &files {
        let bytes = std::fs::read(path).expect("read");
        // The name first, so that a panic is seen with the input that made it.
        eprintln!("{target}: {}", path.display());
        harness(&bytes);
    }
    println!("{target} corpus: {} inputs replayed", files.len());
}

#[test]
fn the_csv_corpus_reads_without_a_panic() {
    replay("csv", carnet_io::fuzzing::csv);
}

#[test]
fn the_vcard_corpus_reads_without_a_panic() {
    replay("vcard", carnet_io::fuzzing::vcard);
}

#[test]
fn the_sheet_corpus_reads_without_a_panic() {
    replay("sheet", carnet_io::fuzzing::sheet);
}

#[test]
fn the_json_corpus_reads_without_a_panic() {
    replay("json", carnet_io::fuzzing::json);
}
