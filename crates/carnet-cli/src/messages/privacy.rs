//! The passphrase's words: the prompts and what a change did.

use carnet_app::PassphraseChange;

use super::Lang;

/// What `carnet` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// The book's passphrase, to open it.
    Current,
    /// A new passphrase.
    New,
    /// The new one again.
    Repeat,
}

pub fn passphrase_prompt(lang: Lang, ask: Ask) -> &'static str {
    match (lang, ask) {
        (Lang::Zh, Ask::Current) => "客户本密码：",
        (Lang::Zh, Ask::New) => "新密码：",
        (Lang::Zh, Ask::Repeat) => "再输入一次新密码：",
        (Lang::En, Ask::Current) => "Book passphrase: ",
        (Lang::En, Ask::New) => "New passphrase: ",
        (Lang::En, Ask::Repeat) => "New passphrase again: ",
    }
}

pub fn passphrase_changed(lang: Lang, done: &PassphraseChange) -> String {
    let backup = done.backup.as_deref().unwrap_or("-");
    let mut lines = vec![match (lang, done.encrypted) {
        (Lang::Zh, true) => format!(
            "客户本已加密（改动前已备份到 {backup}）；{} 份备份已用同一密码加密。\n密码一旦忘记，客户本就再也打不开了：请把它记在安全的地方。",
            done.backups
        ),
        (Lang::Zh, false) => format!(
            "已去掉密码，客户本不再加密（改动前已备份到 {backup}）；{} 份备份也已解密。",
            done.backups
        ),
        (Lang::En, true) => format!(
            "the book is encrypted (backed up first to {backup}); {} backups are encrypted with the same passphrase.\nIf the passphrase is lost, the book can never be opened again: keep it somewhere safe.",
            done.backups
        ),
        (Lang::En, false) => format!(
            "the passphrase is removed and the book is no longer encrypted (backed up first to {backup}); {} backups were decrypted too.",
            done.backups
        ),
    }];
    for left in &done.left {
        lines.push(match lang {
            Lang::Zh => format!("这份备份用的是别的密码，保持原样：{left}"),
            Lang::En => format!("this backup has another passphrase and was left as it is: {left}"),
        });
    }
    lines.join("\n")
}

pub fn passphrase_status(lang: Lang, encrypted: bool) -> &'static str {
    match (lang, encrypted) {
        (Lang::Zh, true) => "客户本已加密（有密码）",
        (Lang::Zh, false) => "客户本没有加密（没有密码）",
        (Lang::En, true) => "the book is encrypted (it has a passphrase)",
        (Lang::En, false) => "the book is not encrypted (it has no passphrase)",
    }
}
