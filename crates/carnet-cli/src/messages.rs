//! The command's words, in the language `LANG` asks for: 简体中文 for `zh*`, English otherwise.
//! Errors are rendered from their stable code and params, as every front end does.

use carnet_app::{AppError, ErrorCode};

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

fn field_label(field: &str, lang: Lang) -> &str {
    match (field, lang) {
        ("name", Lang::Zh) => "姓名",
        ("phone", Lang::Zh) => "电话",
        ("name", Lang::En) => "Name",
        ("phone", Lang::En) => "Phone",
        (other, _) => other,
    }
}

/// One line: what went wrong and, where it helps, how to fix it.
pub fn render(err: &AppError, lang: Lang) -> String {
    let param = |key: &str| err.params.get(key).map_or("", String::as_str);
    let field = field_label(err.field.as_deref().unwrap_or(""), lang);
    let text = match (err.code, lang) {
        (ErrorCode::Required, Lang::Zh) => {
            format!("请填写{field}（--{}）", err.field.as_deref().unwrap_or(""))
        }
        (ErrorCode::Required, Lang::En) => format!(
            "{field} is required (--{})",
            err.field.as_deref().unwrap_or("")
        ),
        (ErrorCode::TooLong, Lang::Zh) => format!("{field}太长：最多 {} 个字", param("max")),
        (ErrorCode::TooLong, Lang::En) => {
            format!("{field} is too long: at most {} characters", param("max"))
        }
        (ErrorCode::InvalidPhone, Lang::Zh) => format!("{field}“{}”不是有效的号码", param("value")),
        (ErrorCode::InvalidPhone, Lang::En) => {
            format!("{field} \"{}\" is not a valid phone number", param("value"))
        }
        (ErrorCode::PossibleDuplicate, Lang::Zh) => format!(
            "可能与已有客户重复：{}（{}，编号 {}）；确认是另一位客户时加 --allow-duplicate",
            param("name"),
            param("phone"),
            param("id")
        ),
        (ErrorCode::PossibleDuplicate, Lang::En) => format!(
            "this may be a customer already in the book: {} ({}, id {}); add --allow-duplicate if it is someone else",
            param("name"),
            param("phone"),
            param("id")
        ),
        (ErrorCode::NotFound, Lang::Zh) => format!("找不到客户 {}", param("id")),
        (ErrorCode::NotFound, Lang::En) => format!("no customer has the id {}", param("id")),
        (ErrorCode::BookTooNew, Lang::Zh) => format!(
            "这个客户本由更新版本的 Carnet 写入（结构版本 {}，本版本最高支持 {}），请升级 Carnet 后再打开；文件未作任何改动",
            param("found"),
            param("supported")
        ),
        (ErrorCode::BookTooNew, Lang::En) => format!(
            "this book was written by a newer Carnet (schema {}; this one knows up to {}): update Carnet to open it; the file was not changed",
            param("found"),
            param("supported")
        ),
        (ErrorCode::NotABook, Lang::Zh) => {
            format!("{} 不是 Carnet 客户本；文件未作任何改动", param("path"))
        }
        (ErrorCode::NotABook, Lang::En) => {
            format!(
                "{} is not a Carnet book; the file was not changed",
                param("path")
            )
        }
        (ErrorCode::NoDataDir, Lang::Zh) => {
            format!(
                "系统没有应用数据目录：请用 --db 或环境变量 {} 指定客户本",
                param("env")
            )
        }
        (ErrorCode::NoDataDir, Lang::En) => format!(
            "this system has no application data folder: name the book with --db or {}",
            param("env")
        ),
        (ErrorCode::Storage, Lang::Zh) => format!("读写客户本失败：{}", param("detail")),
        (ErrorCode::Storage, Lang::En) => {
            format!("the book could not be read or written: {}", param("detail"))
        }
        (ErrorCode::BookNotEmpty, Lang::Zh) => format!(
            "这个客户本已有 {} 位客户；演示数据只能放进空的客户本（用 --db 指定一个新文件）",
            param("count")
        ),
        (ErrorCode::BookNotEmpty, Lang::En) => format!(
            "this book already holds {} customers; a demo book must start empty (name a new file with --db)",
            param("count")
        ),
        (ErrorCode::Internal, Lang::Zh) => {
            format!("Carnet 内部出错，未保存任何改动：{}", param("detail"))
        }
        (ErrorCode::Internal, Lang::En) => {
            format!("Carnet failed and saved nothing: {}", param("detail"))
        }
    };
    match lang {
        Lang::Zh => format!("错误：{text}"),
        Lang::En => format!("error: {text}"),
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
        ErrorCode::Storage,
        format!("could not write the output: {e}"),
    )
    .with_param("detail", e)
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
