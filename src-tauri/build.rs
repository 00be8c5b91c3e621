// The commands the UI may call. Declaring them here makes Tauri generate one `allow-*`
// permission per command, so capabilities/default.json can list exactly what is used.
const COMMANDS: &[&str] = &[
    "search_customers",
    "add_customer",
    "get_customer",
    "update_customer",
    "trash_customer",
    "restore_customer",
    "list_trash",
    "empty_trash",
    "erase_customers",
    "add_family_member",
    "update_family_member",
    "delete_family_member",
    "merge_preview",
    "merge_customers",
    "get_settings",
    "set_language",
    "set_consultant",
    "agenda",
    "brief",
    "complete_prompt",
    "snooze_prompt",
    "dismiss_prompt",
    "undo",
    "log_interaction",
    "record_order",
    "record_delivery",
    "resolve_complaint",
    "set_level",
    "get_rules",
    "set_rules",
    "restore_default_rules",
    "pending_notices",
    "mark_notified",
    "preview_import",
    "import_file",
    "cancel_import",
    "list_imports",
    "undo_import",
    "export_book",
    "backup_to",
    "list_backups",
    "inspect_backup",
    "restore_backup",
    "damaged_book",
    "replace_damaged_book",
    "pick_file",
    "pick_save_path",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
