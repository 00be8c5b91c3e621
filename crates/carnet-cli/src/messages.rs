//! The command's words, in the language `LANG` asks for: 简体中文 for `zh*`, English otherwise.
//! Errors are rendered from their stable code and params, as every front end does.

use carnet_app::{Agenda, AppError, CustomerDetail, ErrorCode, ErrorKind, PromptDto};
use carnet_core::PromptKind;
use serde::Serialize;

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

/// One line: what went wrong and, where it helps, how to fix it.
pub fn render(err: &AppError, lang: Lang) -> String {
    let params = err.params();
    let param = |key: &str| params.get(key).map_or("", String::as_str);
    let field = field_label(err.field.as_deref().unwrap_or(""), lang);
    let text = match (err.code(), lang) {
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
        (ErrorCode::InvalidEmail, Lang::Zh) => {
            format!("{field}“{}”不是有效的邮箱地址", param("value"))
        }
        (ErrorCode::InvalidEmail, Lang::En) => {
            format!("{field} \"{}\" is not an e-mail address", param("value"))
        }
        (ErrorCode::InvalidPhone, Lang::Zh) => format!("{field}“{}”不是有效的号码", param("value")),
        (ErrorCode::InvalidPhone, Lang::En) => {
            format!("{field} \"{}\" is not a valid phone number", param("value"))
        }
        (ErrorCode::TooMany, Lang::Zh) => format!("{field}最多 {} 项", param("max")),
        (ErrorCode::TooMany, Lang::En) => format!("{field} holds at most {} items", param("max")),
        (ErrorCode::InvalidBudget, Lang::Zh) => format!(
            "{field}“{}”看不懂：请写 15万、15-20万、20万以内、25万左右 或 150000",
            param("value")
        ),
        (ErrorCode::InvalidBudget, Lang::En) => format!(
            "{field} \"{}\" is not a budget: write 15万, 15-20万, 20万以内, 25万左右 or 150000",
            param("value")
        ),
        (ErrorCode::InvalidDate, Lang::Zh) => {
            format!(
                "{field}“{}”不是有效日期（YYYY-MM-DD 或 MM-DD）",
                param("value")
            )
        }
        (ErrorCode::InvalidDate, Lang::En) => format!(
            "{field} \"{}\" is not a date that exists (YYYY-MM-DD or MM-DD)",
            param("value")
        ),
        (ErrorCode::InvalidNumber, Lang::Zh) => format!("{field}“{}”不是有效数字", param("value")),
        (ErrorCode::InvalidNumber, Lang::En) => {
            format!("{field} \"{}\" is not a number it can hold", param("value"))
        }
        (ErrorCode::InvalidChoice, Lang::Zh) => format!(
            "{field}“{}”不在可选范围内：{}",
            param("value"),
            param("allowed")
        ),
        (ErrorCode::InvalidChoice, Lang::En) => format!(
            "{field} \"{}\" is not one of: {}",
            param("value"),
            param("allowed")
        ),
        (ErrorCode::UnknownField, Lang::Zh) => format!(
            "没有名为“{}”的字段（字段名见 carnet show ID --json）",
            param("value")
        ),
        (ErrorCode::UnknownField, Lang::En) => format!(
            "there is no field \"{}\" (field names as in carnet show ID --json)",
            param("value")
        ),
        (ErrorCode::SameCustomer, Lang::Zh) => "不能把客户与自己合并".to_owned(),
        (ErrorCode::SameCustomer, Lang::En) => {
            "a customer cannot be merged with themself".to_owned()
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
        (ErrorCode::BadFile, Lang::Zh) => {
            format!("无法读取这个 {} 文件：{}", param("format"), param("detail"))
        }
        (ErrorCode::BadFile, Lang::En) => {
            format!(
                "this is not a readable {} file: {}",
                param("format"),
                param("detail")
            )
        }
        (ErrorCode::FileTooLarge, Lang::Zh) => format!(
            "文件太大（{} 字节）；Carnet 最多读取 {} 字节",
            param("size"),
            param("max")
        ),
        (ErrorCode::FileTooLarge, Lang::En) => format!(
            "the file is too large ({} bytes); Carnet reads up to {} bytes",
            param("size"),
            param("max")
        ),
        (ErrorCode::ArchiveBomb, Lang::Zh) => format!(
            "这个文件解压后会超过 {} 字节，可能是恶意文件，已拒绝",
            param("max")
        ),
        (ErrorCode::ArchiveBomb, Lang::En) => format!(
            "this file would unpack to more than {} bytes (a decompression bomb); refused",
            param("max")
        ),
        (ErrorCode::ExportTooNew, Lang::Zh) => format!(
            "这个导出文件来自更新版本的 Carnet（格式版本 {}，本版本最高支持 {}）",
            param("found"),
            param("supported")
        ),
        (ErrorCode::ExportTooNew, Lang::En) => format!(
            "this export comes from a newer Carnet (version {}; this one reads up to {})",
            param("found"),
            param("supported")
        ),
        (ErrorCode::FileError, Lang::Zh) => {
            format!("无法读写文件 {}：{}", param("path"), param("detail"))
        }
        (ErrorCode::FileError, Lang::En) => format!(
            "the file {} could not be read or written: {}",
            param("path"),
            param("detail")
        ),
        (ErrorCode::EmptyFile, Lang::Zh) => "文件里没有任何数据".to_owned(),
        (ErrorCode::EmptyFile, Lang::En) => "the file holds no rows".to_owned(),
        (ErrorCode::Cancelled, Lang::Zh) => "导入已停止，什么都没有写入".to_owned(),
        (ErrorCode::Cancelled, Lang::En) => {
            "the import was stopped; nothing was written".to_owned()
        }
        (ErrorCode::NothingToImport, Lang::Zh) => format!(
            "没有可以导入的行：{} 行无法导入，{} 行重复",
            param("refused"),
            param("duplicate")
        ),
        (ErrorCode::NothingToImport, Lang::En) => format!(
            "no row could be imported: {} refused, {} duplicates",
            param("refused"),
            param("duplicate")
        ),
        (ErrorCode::DamagedBook, Lang::Zh) => format!(
            "客户本 {} 已损坏（{}）；可以用 carnet restore 从备份恢复",
            param("path"),
            param("detail")
        ),
        (ErrorCode::DamagedBook, Lang::En) => format!(
            "the book {} is damaged ({}); restore a backup with carnet restore",
            param("path"),
            param("detail")
        ),
        (ErrorCode::BackupGone, Lang::Zh) => {
            format!("备份 {} 不在了；客户本没有改动", param("path"))
        }
        (ErrorCode::BackupGone, Lang::En) => format!(
            "the backup {} is not there; the book was not changed",
            param("path")
        ),
        (ErrorCode::BackupChanged, Lang::Zh) => format!(
            "备份 {} 在恢复过程中被改动了；客户本没有改动，请重试",
            param("path")
        ),
        (ErrorCode::BackupChanged, Lang::En) => format!(
            "the backup {} changed while it was being restored; the book was not changed, try again",
            param("path")
        ),
        (ErrorCode::BookHealthy, Lang::Zh) => {
            format!("客户本 {} 检查完好，不会被备份替换", param("path"))
        }
        (ErrorCode::BookHealthy, Lang::En) => format!(
            "the book {} passes its check; it is not replaced by a backup",
            param("path")
        ),
        (ErrorCode::ErasedCustomer, Lang::Zh) => {
            "这位客户已应要求从客户本永久删除，不再导入".to_owned()
        }
        (ErrorCode::ErasedCustomer, Lang::En) => {
            "this customer was erased for good from the book on request; not imported again"
                .to_owned()
        }
        (ErrorCode::OwnFile, Lang::Zh) => format!(
            "{} 是 Carnet 自己的{}，不能写到这里或从这里恢复；请换个位置",
            param("path"),
            match param("what") {
                "book" => "客户本",
                "sidecar" => "客户本日志文件",
                _ => "备份文件夹",
            }
        ),
        (ErrorCode::OwnFile, Lang::En) => format!(
            "{} is Carnet's own {}; choose another place",
            param("path"),
            match param("what") {
                "book" => "book",
                "sidecar" => "book log file",
                _ => "backups folder",
            }
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

/// A customer's profile as text: one known field per line (as `edit --set` writes the
/// values), what is still unknown, the family and the history of key facts.
pub fn profile_text(c: &CustomerDetail, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = format!("{}\t{}\n", c.id, c.profile.name);
    for field in carnet_core::FIELDS.iter().skip(1).map(|f| &f.name) {
        let value = c.input.get(field).unwrap_or_default();
        if value.is_empty() || (*field == "birthday_lunar" && value == "false") {
            continue;
        }
        out.push_str(&format!("{}: {value}\n", field_label(field, lang)));
    }
    out.push_str(&if zh {
        format!("资料完整度: {}%\n", c.completeness)
    } else {
        format!("Complete: {}%\n", c.completeness)
    });
    if !c.unknown.is_empty() {
        let unknown: Vec<&str> = c
            .unknown
            .iter()
            .map(|f| field_label(f.code(), lang))
            .collect();
        let list = unknown.join(if zh { "、" } else { ", " });
        out.push_str(&if zh {
            format!("待了解: {list}\n")
        } else {
            format!("Still unknown: {list}\n")
        });
    }
    for m in &c.family {
        let i = &m.input;
        let lunar = if i.birthday_lunar {
            if zh { "（农历）" } else { " (lunar)" }
        } else {
            ""
        };
        out.push_str(&format!(
            "{}: {} {} {}{lunar}\n",
            if zh { "家人" } else { "Family" },
            i.relation,
            i.name,
            i.birthday
        ));
    }
    for change in &c.changes {
        let date = change.changed_at.get(..10).unwrap_or(&change.changed_at);
        out.push_str(&format!(
            "{date} {}: {} → {}\n",
            field_label(change.fact.code(), lang),
            if change.old_value.is_empty() {
                "-"
            } else {
                &change.old_value
            },
            if change.new_value.is_empty() {
                "-"
            } else {
                &change.new_value
            },
        ));
    }
    out.trim_end().to_owned()
}

/// One prompt of the agenda, as `carnet agenda` prints it.
#[derive(Debug, Serialize)]
pub struct AgendaEntry {
    pub customer_id: String,
    pub name: String,
    pub kind: &'static str,
    pub due: String,
    pub time: Option<String>,
    pub priority: u8,
    pub reason: String,
}

/// Every prompt of the agenda in Today's order, with its reason in words.
pub fn agenda_entries(agenda: &Agenda, lang: Lang) -> Vec<AgendaEntry> {
    agenda
        .rows
        .iter()
        .flat_map(|row| {
            row.prompts.iter().map(|p| AgendaEntry {
                customer_id: row.customer_id.clone(),
                name: row.name.clone(),
                kind: p.kind.code(),
                due: p.due.clone(),
                time: p.time.clone(),
                priority: p.priority,
                reason: prompt_reason(p, lang),
            })
        })
        .collect()
}

/// Why a prompt is due: "H级，上次联系已 3 天", "H, last contact 3 days ago".
pub fn prompt_reason(p: &PromptDto, lang: Lang) -> String {
    let params = p.params.texts();
    let param = |k: &str| params.get(k).map_or("", String::as_str);
    let zh = lang == Lang::Zh;
    match p.kind {
        PromptKind::Cadence if param("days").is_empty() => {
            if zh {
                format!("{}级，还没有联系过", param("level"))
            } else {
                format!("{}, not contacted yet", param("level"))
            }
        }
        PromptKind::Cadence => {
            if zh {
                format!("{}级，上次联系已 {} 天", param("level"), param("days"))
            } else {
                format!(
                    "{}, last contact {} days ago",
                    param("level"),
                    param("days")
                )
            }
        }
        PromptKind::NextStep => {
            let promise = param("promise");
            match (zh, promise.is_empty()) {
                (true, true) => "约定的下一步".to_owned(),
                (true, false) => format!("约定的下一步：{promise}"),
                (false, true) => "Agreed next step".to_owned(),
                (false, false) => format!("Agreed next step: {promise}"),
            }
        }
        PromptKind::AfterSale => match (param("step"), zh) {
            ("call", true) => format!("交车后第 {} 天回访", param("days")),
            ("call", false) => format!("Call {} days after delivery", param("days")),
            ("service", true) => "首次保养提醒".to_owned(),
            ("service", false) => "First service".to_owned(),
            ("insurance", true) => format!("保险续保（第 {} 年）", param("year")),
            ("insurance", false) => format!("Insurance renewal (year {})", param("year")),
            ("inspection", true) => format!("车辆年检（第 {} 年）", param("year")),
            ("inspection", false) => format!("Vehicle inspection (year {})", param("year")),
            (_, true) => format!("购车 {} 周年", param("year")),
            (_, false) => format!("{} years since the purchase", param("year")),
        },
        PromptKind::Birthday => {
            let lunar = param("calendar") == "lunar";
            let date = match (zh, lunar) {
                (true, true) => format!("农历{}月{}日", param("month"), param("day")),
                (true, false) => format!("{}月{}日", param("month"), param("day")),
                (false, true) => format!("lunar {}/{}", param("month"), param("day")),
                (false, false) => format!("{}/{}", param("month"), param("day")),
            };
            let who = param("who");
            match (zh, who) {
                (true, "self") => format!("本人生日（{date}）"),
                (false, "self") => format!("Birthday ({date})"),
                (true, _) => format!("{}{}生日（{date}）", relation_zh(who), param("name")),
                (false, _) => format!("{who} {}'s birthday ({date})", param("name")),
            }
        }
        PromptKind::Holiday => {
            if zh {
                format!("{}问候", holiday_zh(param("holiday")))
            } else {
                format!("{} greetings", param("holiday").replace('_', " "))
            }
        }
        PromptKind::Complaint => if zh {
            "投诉待处理，24 小时内回复"
        } else {
            "Open complaint: answer within 24 hours"
        }
        .to_owned(),
        PromptKind::SatisfactionCheck => if zh {
            "投诉已处理，回访满意度"
        } else {
            "Complaint resolved: check satisfaction"
        }
        .to_owned(),
        PromptKind::Regrade => {
            if zh {
                format!("{}级的购买期已过，请重新定级", param("level"))
            } else {
                format!("{}'s buying window has passed: grade again", param("level"))
            }
        }
        PromptKind::ProposeLost => {
            if zh {
                format!("连续 {} 次未联系上，考虑标为战败", param("attempts"))
            } else {
                format!(
                    "{} failed attempts in a row: consider lost",
                    param("attempts")
                )
            }
        }
        PromptKind::Revisit => if zh {
            "战败客户，到期回访"
        } else {
            "Lost customer: time to try again"
        }
        .to_owned(),
    }
}

fn relation_zh(code: &str) -> &str {
    match code {
        "wife" => "妻子",
        "husband" => "丈夫",
        "son" => "儿子",
        "daughter" => "女儿",
        "father" => "父亲",
        "mother" => "母亲",
        "brother" => "兄弟",
        "sister" => "姐妹",
        _ => "家人",
    }
}

fn holiday_zh(code: &str) -> &str {
    match code {
        "new_year" => "元旦",
        "spring_festival" => "春节",
        "dragon_boat" => "端午节",
        "mid_autumn" => "中秋节",
        "national_day" => "国庆节",
        other => other,
    }
}

pub fn nothing_due(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "这天没有要跟进的客户。",
        Lang::En => "Nobody to follow up that day.",
    }
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

/// What an import would do (or did, before it was written): the counts, the columns that are
/// not imported, every refused row, every value kept rather than understood, and the
/// duplicates.
pub fn import_preview(lang: Lang, p: &carnet_app::ImportPreview) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let mut lines = vec![if zh {
        format!(
            "{}（{}）：共 {} 行，新客户 {}，更新 {}，重复 {}，有警告 {}，无法导入 {}",
            p.file_name,
            p.format,
            p.rows,
            p.new,
            p.updated,
            p.duplicate,
            p.with_warnings,
            p.refused
        )
    } else {
        format!(
            "{} ({}): {} rows, {} new, {} updated, {} duplicate, {} with warnings, {} refused",
            p.file_name,
            p.format,
            p.rows,
            p.new,
            p.updated,
            p.duplicate,
            p.with_warnings,
            p.refused
        )
    }];
    if !p.unknown_columns.is_empty() {
        let cols = p.unknown_columns.join(", ");
        lines.push(if zh {
            format!("未导入的列：{cols}")
        } else {
            format!("columns not imported: {cols}")
        });
    }
    for r in &p.refused_rows {
        let err = AppError {
            kind: Box::new(r.kind.clone()),
            message: String::new(),
            field: Some(r.field.clone()),
            row: Some(r.row),
        };
        let reason = render(&err, lang);
        let reason = reason
            .strip_prefix("错误：")
            .or_else(|| reason.strip_prefix("error: "))
            .unwrap_or(&reason);
        lines.push(if zh {
            format!("第 {} 行\t{}\t“{}”\t{reason}", r.row, r.column, r.value)
        } else {
            format!("row {}\t{}\t\"{}\"\t{reason}", r.row, r.column, r.value)
        });
    }
    for g in &p.warnings {
        let kept = kept_where(lang, g.kept, &g.column);
        lines.push(if zh {
            format!("警告\t{}\t{} 处\t{kept}", g.column, g.count)
        } else {
            format!("warning\t{}\t{} values\t{kept}", g.column, g.count)
        });
        for item in &g.items {
            lines.push(if zh {
                format!("第 {} 行\t{}\t“{}”\t{kept}", item.row, g.column, item.value)
            } else {
                format!("row {}\t{}\t\"{}\"\t{kept}", item.row, g.column, item.value)
            });
        }
        if g.count as usize > g.items.len() {
            let more = g.count as usize - g.items.len();
            lines.push(if zh {
                format!("……另有 {more} 处")
            } else {
                format!("… and {more} more")
            });
        }
    }
    for d in &p.duplicates {
        let with = d.existing_id.as_deref().unwrap_or(if zh {
            "本文件前面的行"
        } else {
            "an earlier row"
        });
        lines.push(if zh {
            format!(
                "第 {} 行\t{}\t重复：{}（{with}）",
                d.row, d.name, d.existing_name
            )
        } else {
            format!(
                "row {}\t{}\tduplicate of {} ({with})",
                d.row, d.name, d.existing_name
            )
        });
    }
    lines
}

/// Where an import kept a value it did not understand, in words.
fn kept_where(lang: Lang, kept: carnet_app::KeptWhere, column: &str) -> String {
    use carnet_app::KeptWhere;
    match (kept, lang) {
        (KeptWhere::Field, Lang::Zh) => format!("未能识别，按原文保留在“{column}”"),
        (KeptWhere::Field, Lang::En) => format!("not understood: kept as written in {column}"),
        (KeptWhere::Notes, Lang::Zh) => format!("未能识别，保留在备注里（“{column}：…”）"),
        (KeptWhere::Notes, Lang::En) => {
            format!("not understood: kept in the notes (\"{column}: …\")")
        }
        (KeptWhere::MadeUpName, Lang::Zh) => {
            "没有姓名：暂以此为名，并加上“待补姓名”标签".to_owned()
        }
        (KeptWhere::MadeUpName, Lang::En) => {
            "no name: named after this for now, tagged \"name to add\"".to_owned()
        }
        (KeptWhere::Cut, Lang::Zh) => "备注已满，这部分未能保留".to_owned(),
        (KeptWhere::Cut, Lang::En) => "the notes are full: this part was cut".to_owned(),
    }
}

pub fn import_progress(lang: Lang, done: u32, total: u32) -> String {
    match lang {
        Lang::Zh => format!("正在写入 {done}/{total}"),
        Lang::En => format!("writing {done}/{total}"),
    }
}

pub fn import_done(lang: Lang, r: &carnet_app::ImportResult) -> String {
    let id = r.id.as_deref().unwrap_or("-");
    match lang {
        Lang::Zh => format!(
            "已导入：新客户 {}，更新 {}，跳过 {}，有警告 {}，无法导入 {}；撤销用 carnet import --undo {id}",
            r.created, r.updated, r.skipped, r.with_warnings, r.refused
        ),
        Lang::En => format!(
            "imported: {} new, {} updated, {} skipped, {} with warnings, {} refused; undo with carnet import --undo {id}",
            r.created, r.updated, r.skipped, r.with_warnings, r.refused
        ),
    }
}

pub fn import_undone(lang: Lang, r: &carnet_app::UndoImportResult) -> String {
    match lang {
        Lang::Zh => format!(
            "已撤销：{} 位导入的客户移入回收站，{} 位客户的导入内容已清除",
            r.removed, r.reverted
        ),
        Lang::En => format!(
            "undone: {} imported customers moved to the trash, {} customers' imported values cleared",
            r.removed, r.reverted
        ),
    }
}

pub fn import_line(lang: Lang, i: &carnet_app::ImportDto) -> String {
    let undone = match (i.undone, lang) {
        (false, _) => "",
        (true, Lang::Zh) => "\t已撤销",
        (true, Lang::En) => "\tundone",
    };
    format!(
        "{}\t{}\t{}\t+{}\t~{}{undone}",
        i.id, i.at, i.file_name, i.created, i.updated
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
