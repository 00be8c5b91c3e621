// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// Rust's allocations go to mimalloc, as in the `carnet` binary (an import or export of a
/// big book makes and frees millions of small values on two threads); WebKit and SQLite
/// keep the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    carnet_desktop_lib::run();
}
