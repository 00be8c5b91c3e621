//! A quote sheet as a consultant reads it out: a heading, one tab-separated line per item of
//! the sheet (the figures `--json` prints whole), the finance chosen, then the monthly
//! payments of the finance grid.

use carnet_app::QuoteView;
use carnet_app::grouped_yuan as yuan;
use carnet_core::quote::{FinanceRow, GRID_DOWN_PCTS, GRID_TERMS};

use super::Lang;

fn finance_line(f: &FinanceRow, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "贷款\t首付{}% {}，贷款 {}，{}期，年利率 {}%，月供 {}，利息 {}，手续费 {}，首次付款 {}",
            f.down_pct,
            yuan(f.down),
            yuan(f.loan),
            f.term,
            f.apr,
            yuan(f.monthly),
            yuan(f.interest),
            yuan(f.fee),
            yuan(f.upfront)
        ),
        Lang::En => format!(
            "Finance\t{}% down {}, loan {}, {} months at {}% a year: {} a month, interest {}, fee {}, paid up front {}",
            f.down_pct,
            yuan(f.down),
            yuan(f.loan),
            f.term,
            f.apr,
            yuan(f.monthly),
            yuan(f.interest),
            yuan(f.fee),
            yuan(f.upfront)
        ),
    }
}

/// The sheet in lines.
pub fn quote_lines(view: &QuoteView, lang: Lang) -> Vec<String> {
    let s = &view.sheet;
    let t = &s.purchase_tax;
    let zh = lang == Lang::Zh;
    let mut lines = vec![if zh {
        format!(
            "报价单\t{}\t{}（有效期至 {}）",
            view.customer_name, s.date, s.valid_until
        )
    } else {
        format!(
            "Quote\t{}\t{} (holds until {})",
            view.customer_name, s.date, s.valid_until
        )
    }];
    let tax = if t.relief > 0 {
        if zh {
            format!(
                "{}（计税价 {} × 10% = {}，新能源减免 {}）",
                yuan(t.due),
                yuan(t.base),
                yuan(t.full),
                yuan(t.relief)
            )
        } else {
            format!(
                "{} ({} before VAT × 10% = {}, new-energy relief {})",
                yuan(t.due),
                yuan(t.base),
                yuan(t.full),
                yuan(t.relief)
            )
        }
    } else if zh {
        format!("{}（计税价 {} × 10%）", yuan(t.due), yuan(t.base))
    } else {
        format!("{} ({} before VAT × 10%)", yuan(t.due), yuan(t.base))
    };
    let items: [(&str, &str, String); 11] = [
        ("车型", "Trim", view.trim_name.clone()),
        ("指导价", "Guide price", yuan(s.guide_price)),
        (
            "优惠",
            "Discount",
            if s.discount == 0 {
                "0".to_owned()
            } else {
                format!("-{}", yuan(s.discount))
            },
        ),
        ("成交价", "Price", yuan(s.price)),
        ("精品加装", "Accessories", yuan(s.accessories)),
        ("购置税", "Purchase tax", tax),
        (
            "交强险",
            "Compulsory insurance",
            yuan(s.compulsory_insurance),
        ),
        (
            "商业险（估）",
            "Commercial insurance (est.)",
            yuan(s.commercial_insurance),
        ),
        ("上牌费", "Plate fee", yuan(s.plate_fee)),
        ("服务费", "Service fee", yuan(s.service_fee)),
        ("落地价", "On the road", yuan(s.total)),
    ];
    for (zh_label, en_label, value) in items {
        lines.push(format!("{}\t{value}", if zh { zh_label } else { en_label }));
    }
    lines.push(finance_line(&s.finance, lang));
    let mut head = vec![if zh { "月供" } else { "Monthly" }.to_owned()];
    head.extend(GRID_TERMS.iter().map(|t| {
        if zh {
            format!("{t}期")
        } else {
            format!("{t} months")
        }
    }));
    lines.push(head.join("\t"));
    for down in GRID_DOWN_PCTS {
        let mut row = vec![if zh {
            format!("首付{down}%")
        } else {
            format!("{down}% down")
        }];
        row.extend(
            s.grid
                .iter()
                .filter(|r| r.down_pct == down)
                .map(|r| yuan(r.monthly)),
        );
        lines.push(row.join("\t"));
    }
    if let Some(id) = &view.interaction_id {
        lines.push(if zh {
            format!("已存入时间线\t{id}")
        } else {
            format!("Saved to the timeline\t{id}")
        });
    }
    lines
}
