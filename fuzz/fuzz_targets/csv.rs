//! Any bytes, read as a file named .csv: decoding, delimiter sniffing, the CSV reader, and
//! the column mapping, unguarded (carnet_io::fuzzing::csv). Errors are fine; a panic or a hang
//! is not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| carnet_io::fuzzing::csv(data));
