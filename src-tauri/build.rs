// The commands the UI may call. Declaring them here makes Tauri generate one `allow-*`
// permission per command, so capabilities/default.json can list exactly what is used.
const COMMANDS: &[&str] = &[
    "list_customers",
    "search_customers",
    "add_customer",
    "get_settings",
    "set_language",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
