//! The settings table.

use crate::*;

#[test]
fn settings_are_kept_and_overwritten() {
    let store = Store::open_in_memory().expect("open");
    assert_eq!(store.setting("language").expect("get"), None);
    store
        .write(|w| w.set_setting("language", "en"))
        .expect("set");
    store
        .write(|w| w.set_setting("language", "zh-Hans"))
        .expect("overwrite");
    assert_eq!(
        store.setting("language").expect("get").as_deref(),
        Some("zh-Hans")
    );
}
