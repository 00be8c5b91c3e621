//! Any text, read as vCards. Errors are fine; a panic or a hang is not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = carnet_io::text::decode(data).0;
    let cards = carnet_io::vcard::parse(&text);
    let _ = carnet_io::vcard::to_table(&cards);
});
