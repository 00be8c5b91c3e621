//! Any bytes as a Carnet JSON export (carnet_io::fuzzing::json): one that reads must write
//! and read back the same. Errors are fine; a panic or a hang is not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| carnet_io::fuzzing::json(data));
