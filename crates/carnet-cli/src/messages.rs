//! The command's words, in the language `LANG` asks for: 简体中文 for `zh*`, English otherwise.
//! Errors are rendered from their stable code and params, as every front end does.

mod agenda;
mod brief;
mod catalogue;
mod errors;
mod fit;
mod import;
mod privacy;
mod profile;
mod quote;
mod report;
mod today;

pub use agenda::{agenda_entries, nothing_due};
pub use brief::{brief_lines, nothing_understood, suggestion_line};
pub use catalogue::{
    catalogue_done, catalogue_empty, catalogue_exported, catalogue_preview, trim_line,
};
pub use errors::render;
pub use fit::{comparison_lines, suggestion_lines};
pub use import::{import_done, import_line, import_preview, import_progress, import_undone};
pub use privacy::{Ask, passphrase_changed, passphrase_prompt, passphrase_status};
pub use profile::profile_text;
pub use quote::quote_lines;
pub use report::{
    consultant_heading, report_lines, team_book_lines, team_overview_lines, value_line,
};
pub use today::today_lines;

use carnet_app::{AppError, ErrorKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// POSIX order: `LC_ALL`, then `LC_MESSAGES`, then `LANG`; the first one set decides.
    pub fn from_env() -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .find(|value| !value.is_empty())
            .unwrap_or_default();
        Lang::from_locale(&locale)
    }

    fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// A field (or another word an error names) as the command line shows it: carnet-io's
/// labels, the one dictionary every front end reads.
fn field_label(field: &str, lang: Lang) -> &str {
    let lang = match lang {
        Lang::Zh => carnet_io::labels::Lang::ZhHans,
        Lang::En => carnet_io::labels::Lang::En,
    };
    carnet_io::labels::cli_label(field, lang)
}

/// The line an erasure rewrites as it goes through the backups.
pub fn erase_progress(lang: Lang, p: carnet_app::EraseProgress) -> String {
    match lang {
        Lang::Zh => format!("\r正在从自动备份中删除：{}/{}", p.done, p.backups),
        Lang::En => format!(
            "\rErasing from the automatic backups: {}/{}",
            p.done, p.backups
        ),
    }
}

pub fn erased(lang: Lang, done: &carnet_app::EraseResult) -> String {
    let mut text = match lang {
        Lang::Zh => format!(
            "\n已永久删除 {} 位客户：已从客户本及其日志中删除，并从 {} 个自动备份中删除。用 carnet backup --out 另存的副本不受影响。",
            done.erased, done.backups
        ),
        Lang::En => format!(
            "\nErased {} customers for good: from the book and its log, and from {} automatic backups. Copies made with carnet backup --out are not changed.",
            done.erased, done.backups
        ),
    };
    for path in &done.failed {
        text.push_str(&match lang {
            Lang::Zh => format!("\n无法改写备份 {path}（已损坏？）：其中可能仍有这些客户。"),
            Lang::En => format!(
                "\nThe backup {path} could not be rewritten (damaged?): it may still hold them."
            ),
        });
    }
    text
}

pub fn trash_empty(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "回收站是空的。",
        Lang::En => "The trash is empty.",
    }
}

pub fn empty_book(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "还没有客户。用 carnet add --name 姓名 --phone 电话 新建。",
        Lang::En => "No customers yet. Add one with carnet add --name NAME --phone PHONE.",
    }
}

pub fn demo_added(lang: Lang, added: usize) -> String {
    match lang {
        Lang::Zh => format!("已添加 {added} 位演示客户。"),
        Lang::En => format!("Added {added} demo customers."),
    }
}

pub fn no_match(lang: Lang, query: &str) -> String {
    match lang {
        Lang::Zh => format!("没有找到与“{query}”相符的客户。"),
        Lang::En => format!("No customer matches \"{query}\"."),
    }
}

/// Writing to stdout failed (a closed pipe, a full disk).
pub fn output_error(e: &dyn std::fmt::Display) -> AppError {
    AppError::new(
        ErrorKind::Storage {
            detail: e.to_string(),
            path: None,
        },
        format!("could not write the output: {e}"),
    )
}

pub fn exported(lang: Lang, r: &carnet_app::ExportResult) -> String {
    match lang {
        Lang::Zh => format!("已导出 {} 位客户到 {}", r.customers, r.path),
        Lang::En => format!("exported {} customers to {}", r.customers, r.path),
    }
}

pub fn book_preview(lang: Lang, p: &carnet_app::BookPreview) -> String {
    let last = p.last_change.as_deref().unwrap_or("-");
    match lang {
        Lang::Zh => format!(
            "{}：{} 位客户，{} 条跟进记录，最后修改 {last}",
            p.path, p.customers, p.interactions
        ),
        Lang::En => format!(
            "{}: {} customers, {} interactions, last changed {last}",
            p.path, p.customers, p.interactions
        ),
    }
}

pub fn backed_up(lang: Lang, p: &carnet_app::BookPreview) -> String {
    match lang {
        Lang::Zh => format!("已备份 {} 位客户到 {}", p.customers, p.path),
        Lang::En => format!("backed up {} customers to {}", p.customers, p.path),
    }
}

pub fn restored(lang: Lang, r: &carnet_app::RestoreResult) -> String {
    let previous = r.previous.as_deref().unwrap_or("-");
    match lang {
        Lang::Zh => format!(
            "已恢复：现有 {} 位客户；恢复前的客户本已备份到 {previous}",
            r.customers
        ),
        Lang::En => format!(
            "restored: {} customers now; the book it replaced was backed up to {previous}",
            r.customers
        ),
    }
}

pub fn replaced_damaged(lang: Lang, book: &std::path::Path) -> String {
    match lang {
        Lang::Zh => format!(
            "已用备份替换损坏的客户本 {}（原文件已改名保留）",
            book.display()
        ),
        Lang::En => format!(
            "replaced the damaged book {} with the backup (the damaged file was kept, renamed)",
            book.display()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_picks_the_language() {
        for (locale, want) in [
            ("zh_CN.UTF-8", Lang::Zh),
            ("zh_TW.UTF-8", Lang::Zh),
            ("ZH", Lang::Zh),
            ("en_US.UTF-8", Lang::En),
            ("C", Lang::En),
            ("", Lang::En),
        ] {
            assert_eq!(Lang::from_locale(locale), want, "{locale:?}");
        }
    }
}
