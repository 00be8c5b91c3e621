//! Any text, read as vCards (carnet_io::fuzzing::vcard). Errors are fine; a panic or a hang
//! is not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| carnet_io::fuzzing::vcard(data));
