// The commands the UI may call. Declaring them here makes Tauri generate one `allow-*`
// permission per command, so capabilities/default.json can list exactly what is used.
macro_rules! handlers {
    ($($name:ident),* $(,)?) => {
        const COMMANDS: &[&str] = &[$(stringify!($name)),*];
    };
}
include!("src/handlers.rs");

/// Packs the binary's relative relocations (`-z pack-relative-relocs`, DT_RELR): the table
/// the loader applies at start shrinks from 0.8 MB to a few kB, in the file and in memory.
/// Only where the build's own C library is glibc 2.36 or later (Debian 12 has 2.36), since
/// a binary made so runs only on such a glibc; elsewhere it is linked as before.
fn pack_relative_relocations() {
    let linux_gnu = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    let host_is_target = std::env::var("HOST").ok() == std::env::var("TARGET").ok();
    if !(linux_gnu && host_is_target) {
        return;
    }
    // `glibc 2.36`
    let version = std::process::Command::new("getconf")
        .arg("GNU_LIBC_VERSION")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|text| {
            let (major, minor) = text.trim().strip_prefix("glibc ")?.split_once('.')?;
            Some((major.parse::<u32>().ok()?, minor.parse::<u32>().ok()?))
        });
    if version.is_some_and(|v| v >= (2, 36)) {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

fn main() {
    pack_relative_relocations();
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
