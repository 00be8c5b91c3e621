//! Any bytes, read as a file named .csv: decoding, delimiter sniffing, the CSV reader, and
//! the column mapping, unguarded (a panic in Carnet's code is not turned into a bad-file
//! error). Errors are fine; a panic or a hang is not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(carnet_io::Source::Table { table, .. }) =
        carnet_io::read_bytes_unguarded(data, "fuzz.csv")
    {
        let mapping = carnet_io::mapping::guess(&table, &Default::default());
        let _ = carnet_io::mapping::rows(&table, &mapping, false);
    }
});
