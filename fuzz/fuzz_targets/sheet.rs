//! Sheets: xlsx, ods and xls through the reader the app uses, unguarded, merged regions
//! included (carnet_io::fuzzing::sheet: the first byte says whether the rest is a whole file
//! or the XML or workbook stream inside one). Errors are fine; a panic, a hang or an
//! allocation past the caps (run with -rss_limit_mb / -malloc_limit_mb) is not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| carnet_io::fuzzing::sheet(data));
