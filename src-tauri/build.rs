// The commands the UI may call. Declaring them here makes Tauri generate one `allow-*`
// permission per command, so capabilities/default.json can list exactly what is used.
macro_rules! handlers {
    ($($name:ident),* $(,)?) => {
        const COMMANDS: &[&str] = &[$(stringify!($name)),*];
    };
}
include!("src/handlers.rs");

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
