//! What an import would do, does and did, in words.

use carnet_app::AppError;

use super::{Lang, render};

/// A row refused: its number, column, value and why.
pub fn refused_row(lang: Lang, r: &carnet_app::InvalidRow) -> String {
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
    if lang == Lang::Zh {
        format!("第 {} 行\t{}\t“{}”\t{reason}", r.row, r.column, r.value)
    } else {
        format!("row {}\t{}\t\"{}\"\t{reason}", r.row, r.column, r.value)
    }
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
        lines.push(refused_row(lang, r));
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
