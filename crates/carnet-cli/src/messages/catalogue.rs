//! The catalogue (车型库) in words: its trims, and what an import would do and did.

use carnet_app::{CatalogueExportResult, CatalogueImportResult, CataloguePreview, TrimDto};
use carnet_core::Budget;

use super::Lang;
use super::import::refused_row;

/// A refused row, its field named as the catalogue names it (指导价, not a profile's word).
fn refused(lang: Lang, r: &carnet_app::InvalidRow) -> String {
    let named = carnet_core::catalogue::trim_field(&r.field)
        .and_then(|f| f.headers.first())
        .filter(|_| lang == Lang::Zh)
        .map_or_else(|| r.field.clone(), |h| (*h).to_owned());
    refused_row(
        lang,
        &carnet_app::InvalidRow {
            field: named,
            ..r.clone()
        },
    )
}

/// Yuan as a consultant says a price: `17.98万`.
fn price(yuan: u64) -> String {
    let yuan = i64::try_from(yuan).unwrap_or(i64::MAX);
    Budget {
        min: Some(yuan),
        max: yuan,
        about: false,
    }
    .to_input()
}

/// One trim on a line: brand, name, year, price, energy, range or fuel use, seats.
pub fn trim_line(lang: Lang, t: &TrimDto) -> String {
    let trim = &t.trim;
    let zh = lang == Lang::Zh;
    let mut parts = vec![format!("{} {}", trim.brand, t.name)];
    if let Some(year) = trim.year {
        parts.push(if zh {
            format!("{year}款")
        } else {
            format!("{year}")
        });
    }
    parts.push(price(trim.price));
    if let Some(energy) = trim.energy {
        parts.push(if zh {
            energy.word().to_owned()
        } else {
            energy.code().to_owned()
        });
    }
    if let Some(km) = trim.range_km {
        parts.push(if zh {
            format!("续航 {km} km")
        } else {
            format!("range {km} km")
        });
    }
    if let Some(l) = trim.fuel_l100 {
        parts.push(format!("{l} L/100km"));
    }
    if let Some(seats) = trim.seats {
        parts.push(if zh {
            format!("{seats} 座")
        } else {
            format!("{seats} seats")
        });
    }
    format!("{}\t{}", t.id, parts.join("\t"))
}

pub fn catalogue_empty(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "车型库是空的（carnet catalog sample 载入示例车型库）",
        Lang::En => "the catalogue is empty (carnet catalog sample loads the sample)",
    }
}

/// What an import would do: the counts, each new and updated trim, every refused row.
pub fn catalogue_preview(lang: Lang, p: &CataloguePreview) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let mut lines = vec![if zh {
        format!(
            "{}：新增 {}，更新 {}，不变 {}，无法导入 {}",
            p.file_name,
            p.new.len(),
            p.updated.len(),
            p.unchanged.len(),
            p.refused.len()
        )
    } else {
        format!(
            "{}: {} new, {} updated, {} unchanged, {} refused",
            p.file_name,
            p.new.len(),
            p.updated.len(),
            p.unchanged.len(),
            p.refused.len()
        )
    }];
    let not_read: Vec<&str> = p
        .columns
        .iter()
        .filter(|c| c.field.is_none() && !c.header.trim().is_empty())
        .map(|c| c.header.as_str())
        .collect();
    if !not_read.is_empty() {
        lines.push(if zh {
            format!("未导入的列：{}", not_read.join(", "))
        } else {
            format!("columns not imported: {}", not_read.join(", "))
        });
    }
    let (new, updated) = if zh {
        ("新增", "更新")
    } else {
        ("new", "updated")
    };
    for (word, list) in [(new, &p.new), (updated, &p.updated)] {
        for l in list {
            lines.push(if zh {
                format!("第 {} 行\t{word}\t{}\t{}", l.row, l.name, price(l.price))
            } else {
                format!("row {}\t{word}\t{}\t{}", l.row, l.name, price(l.price))
            });
        }
    }
    lines.extend(p.refused.iter().map(|r| refused(lang, r)));
    lines
}

/// What an import did.
pub fn catalogue_done(lang: Lang, r: &CatalogueImportResult) -> Vec<String> {
    let mut lines = vec![match lang {
        Lang::Zh => format!(
            "车型库已导入：新增 {}，更新 {}，不变 {}，无法导入 {}",
            r.added,
            r.updated,
            r.unchanged,
            r.refused.len()
        ),
        Lang::En => format!(
            "catalogue imported: {} new, {} updated, {} unchanged, {} refused",
            r.added,
            r.updated,
            r.unchanged,
            r.refused.len()
        ),
    }];
    lines.extend(r.refused.iter().map(|row| refused(lang, row)));
    lines
}

pub fn catalogue_exported(lang: Lang, r: &CatalogueExportResult) -> String {
    match lang {
        Lang::Zh => format!("已导出 {} 个车型到 {}", r.trims, r.path),
        Lang::En => format!("exported {} trims to {}", r.trims, r.path),
    }
}
