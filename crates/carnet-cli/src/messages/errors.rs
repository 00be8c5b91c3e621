//! An error in words: what went wrong and, where it helps, how to fix it.

use carnet_app::{AppError, ErrorCode};

use super::{Lang, field_label};

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
        // A field that names a customer (who referred them): said with the field.
        (ErrorCode::NotFound, Lang::Zh) if err.field.is_some() => {
            format!("{field}：找不到客户 {}", param("id"))
        }
        (ErrorCode::NotFound, Lang::En) if err.field.is_some() => {
            format!("{field}: no customer has the id or phone {}", param("id"))
        }
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
        (ErrorCode::OwnBookNotTeam, Lang::Zh) => format!(
            "这是顾问自己的客户本（{} 位客户）；团队汇总要建在一个新文件里（用 --db 指定）",
            param("count")
        ),
        (ErrorCode::OwnBookNotTeam, Lang::En) => format!(
            "this is a consultant's own book ({} customers); a team book is built in a new file (name it with --db)",
            param("count")
        ),
        (ErrorCode::PeriodBackwards, Lang::Zh) => format!(
            "结束日期 {} 早于开始日期 {}：请把 --to 设在 --from 当天或之后",
            param("to"),
            param("from")
        ),
        (ErrorCode::PeriodBackwards, Lang::En) => format!(
            "the period ends on {} before it starts on {}: --to must be on or after --from",
            param("to"),
            param("from")
        ),
        (ErrorCode::UnfilledFields, Lang::Zh) => format!(
            "消息里还有这位客户没有的信息：{}。请先在客户资料或设置里补上，或从模板里删掉",
            param("fields")
        ),
        (ErrorCode::UnfilledFields, Lang::En) => format!(
            "the message still has fields this customer has no value for: {}. Fill them in (the profile or settings) or remove them from the template",
            param("fields")
        ),
        (ErrorCode::TeamBookReadOnly, Lang::Zh) => {
            "这是由顾问导出文件汇总的团队客户本，只能查看；要修改客户请打开顾问自己的客户本".to_owned()
        }
        (ErrorCode::TeamBookReadOnly, Lang::En) => {
            "this is a team book built from the consultants' exports: it is read only; change customers in the consultant's own book".to_owned()
        }
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
        (ErrorCode::BackupOtherKind, Lang::Zh) => format!(
            "备份 {} 属于另一种客户本（团队客户本与顾问自己的客户本不能互相替换）；客户本没有改动",
            param("path")
        ),
        (ErrorCode::BackupOtherKind, Lang::En) => format!(
            "the backup {} is of another kind of book (a team book and a consultant's own book do not replace each other); the book was not changed",
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
        (ErrorCode::TooShort, Lang::Zh) => format!("密码太短：至少 {} 个字", param("min")),
        (ErrorCode::TooShort, Lang::En) => {
            format!("the passphrase is too short: at least {} characters", param("min"))
        }
        (ErrorCode::Locked, Lang::Zh) => format!(
            "客户本已加密，需要密码才能打开：请输入密码，或在脚本中设置 {}",
            carnet_app::PASSPHRASE_ENV
        ),
        (ErrorCode::Locked, Lang::En) => format!(
            "the book is encrypted and needs its passphrase: type it, or set {} in scripts",
            carnet_app::PASSPHRASE_ENV
        ),
        (ErrorCode::WrongPassphrase, Lang::Zh) => match err.field.as_deref() {
            Some("current") => "当前密码不对；客户本没有改动".to_owned(),
            Some("repeat") => "两次输入的新密码不一致；客户本没有改动".to_owned(),
            _ => "密码不对，打不开这本客户本；文件没有改动".to_owned(),
        },
        (ErrorCode::WrongPassphrase, Lang::En) => match err.field.as_deref() {
            Some("current") => "the current passphrase is not right; the book was not changed"
                .to_owned(),
            Some("repeat") => "the two new passphrases typed differ; the book was not changed"
                .to_owned(),
            _ => "the passphrase does not open this book; its file was not changed".to_owned(),
        },
        (ErrorCode::NoEncryption, Lang::Zh) => {
            "这个 Carnet 构建时没有加密功能（SQLCipher），不能打开或设置带密码的客户本".to_owned()
        }
        (ErrorCode::NoEncryption, Lang::En) => {
            "this Carnet was built without encryption (SQLCipher): no book with a passphrase"
                .to_owned()
        }
        (ErrorCode::BookInUse, Lang::Zh) => format!(
            "客户本 {} 正在另一个 Carnet 中打开；请先关闭它再改密码",
            param("path")
        ),
        (ErrorCode::BookInUse, Lang::En) => format!(
            "the book {} is open in another Carnet; close it before changing the passphrase",
            param("path")
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
