//! The fit as text: the trims that fit a customer, ranked, with the reasons in words, then the
//! trims ruled out with why; and trims side by side.

use carnet_app::SuggestionsDto;
use carnet_core::fit::{BudgetFit, CompareCell, Comparison, FitReason};
use carnet_core::{Body, Drivetrain, Energy};

use super::Lang;

/// Yuan as a consultant says it: "21.98万" in Chinese, "CNY 219,800" in English.
pub fn money(yuan: u64, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            let wan = format!("{:.2}", yuan as f64 / 10_000.0);
            format!("{}万", wan.trim_end_matches('0').trim_end_matches('.'))
        }
        Lang::En => {
            let digits = yuan.to_string();
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push(',');
                }
                out.push(c);
            }
            format!("CNY {out}")
        }
    }
}

fn energy(e: Energy, lang: Lang) -> &'static str {
    match (e, lang) {
        (Energy::Petrol, Lang::Zh) => "燃油",
        (Energy::Hev, Lang::Zh) => "油电混动",
        (Energy::Phev, Lang::Zh) => "插电混动",
        (Energy::Erev, Lang::Zh) => "增程",
        (Energy::Bev, Lang::Zh) => "纯电",
        (Energy::Petrol, Lang::En) => "petrol",
        (Energy::Hev, Lang::En) => "hybrid",
        (Energy::Phev, Lang::En) => "plug-in hybrid",
        (Energy::Erev, Lang::En) => "range extender",
        (Energy::Bev, Lang::En) => "battery electric",
    }
}

fn body(b: Body, lang: Lang) -> &'static str {
    match (lang, b) {
        (Lang::Zh, _) => b.word(),
        // Said in capitals in English, as in Chinese.
        (Lang::En, Body::Suv) => "SUV",
        (Lang::En, Body::Mpv) => "MPV",
        (Lang::En, _) => b.code(),
    }
}

/// A reason a trim fits, or why it does not, in words.
pub fn reason(r: &FitReason, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    match r {
        FitReason::Wished { model } => {
            if zh {
                format!("客户想看的车型：{model}")
            } else {
                format!("the model they asked about: {model}")
            }
        }
        FitReason::SeatsForChildren { seats, children } => {
            if zh {
                let family = match children {
                    2 => "二胎家庭".to_owned(),
                    3 => "三胎家庭".to_owned(),
                    n => format!("{n} 个孩子"),
                };
                format!("{seats} 座：{family}")
            } else {
                format!("{seats} seats: {children} children")
            }
        }
        FitReason::SeatsForFamily { seats, people } => {
            if zh {
                format!("{seats} 座：一家 {people} 口都坐得下")
            } else {
                format!("{seats} seats: room for all {people} of the family")
            }
        }
        FitReason::ManySeats { seats } => {
            if zh {
                format!("{seats} 座：全家出行")
            } else {
                format!("{seats} seats: the whole family")
            }
        }
        FitReason::FamilyBody { body: b } => {
            if zh {
                format!("{}：一家人出行更宽敞", body(*b, lang))
            } else {
                format!("{} body: room for the family", body(*b, lang))
            }
        }
        FitReason::RoomyBoot { boot_l } => {
            if zh {
                format!("后备箱 {boot_l} L：装得下")
            } else {
                format!("{boot_l} L boot: room for the load")
            }
        }
        FitReason::LongRange { range_km } => {
            if zh {
                format!("续航 {range_km} km：常跑长途")
            } else {
                format!("{range_km} km range: for long trips")
            }
        }
        FitReason::PlugInRange {
            range_km,
            energy: e,
        } => {
            if zh {
                format!("{}，纯电 {range_km} km：长途不怕没电", energy(*e, lang))
            } else {
                format!(
                    "{}, {range_km} km on electricity: no range worry on long trips",
                    energy(*e, lang)
                )
            }
        }
        FitReason::LowFuel { fuel_l100 } => {
            if zh {
                format!("油耗 {fuel_l100} L/100km：省油")
            } else {
                format!("{fuel_l100} L/100 km: economical")
            }
        }
        FitReason::Electric { energy: e } => {
            if zh {
                format!("{}：用车成本低", energy(*e, lang))
            } else {
                format!("{}: cheap to run", energy(*e, lang))
            }
        }
        FitReason::BusinessImage { body: b, length_mm } => {
            if zh {
                format!("车长 {length_mm} mm 的{}：商务有面子", body(*b, lang))
            } else {
                format!("a {length_mm} mm {}: an image for business", body(*b, lang))
            }
        }
        FitReason::RearSpace { wheelbase_mm } => {
            if zh {
                format!("轴距 {wheelbase_mm} mm：后排宽敞")
            } else {
                format!("{wheelbase_mm} mm wheelbase: room in the back")
            }
        }
        FitReason::Quick { accel_s } => {
            if zh {
                format!("百公里加速 {accel_s} s：动力强")
            } else {
                format!("0–100 km/h in {accel_s} s: quick")
            }
        }
        FitReason::Powerful { power_kw } => {
            if zh {
                format!("功率 {power_kw} kW：动力强")
            } else {
                format!("{power_kw} kW: powerful")
            }
        }
        FitReason::Colours { count } => {
            if zh {
                format!("{count} 种颜色可选")
            } else {
                format!("{count} colours to choose from")
            }
        }
        FitReason::Assistance { adas } => {
            if zh {
                format!("辅助驾驶：{adas}")
            } else {
                format!("driver assistance: {adas}")
            }
        }
        FitReason::LowPrice { net_price } => {
            if zh {
                format!("约 {}：更实惠", money(*net_price, lang))
            } else {
                format!("about {}: good value", money(*net_price, lang))
            }
        }
        FitReason::Warranty { warranty } => {
            if zh {
                format!("质保 {warranty}")
            } else {
                format!("warranty: {warranty}")
            }
        }
        FitReason::OverBudget {
            over, budget_max, ..
        } => {
            if zh {
                format!(
                    "超出预算上限 {} 约 {}",
                    money(*budget_max, lang),
                    money(*over, lang)
                )
            } else {
                format!(
                    "{} over the budget's top of {}",
                    money(*over, lang),
                    money(*budget_max, lang)
                )
            }
        }
        FitReason::TooFewSeats { seats, people } => {
            if zh {
                format!("只有 {seats} 座，一家 {people} 口坐不下")
            } else {
                format!("only {seats} seats for a family of {people}")
            }
        }
        FitReason::AlreadyOwned { model } => {
            if zh {
                format!("客户已经有这款车（{model}）")
            } else {
                format!("they already own it ({model})")
            }
        }
    }
}

/// `carnet suggest`: a heading, the fits one per line (rank, id, name, guide price, price
/// after the typical discount, reasons), then the trims ruled out with why.
pub fn suggestion_lines(s: &SuggestionsDto, lang: Lang) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let mut lines = Vec::new();
    if s.catalogue_size == 0 {
        lines.push(if zh {
            "车型库是空的：先用 carnet catalog import 导入厂家价格表，或在设置 → 车型库里添加。"
                .to_owned()
        } else {
            "The catalogue is empty: import the maker's price sheet with carnet catalog import, or add trims in Settings → Catalogue.".to_owned()
        });
        return lines;
    }
    let budget = s.budget.map(|b| b.to_input());
    lines.push(match (zh, budget) {
        (true, Some(b)) => format!(
            "{}：预算 {b}，按指导价优惠 {}% 估算；{} 款适合，{} 款不适合",
            s.name, s.rules.typical_discount_pct, s.fits_total, s.ruled_out_total
        ),
        (true, None) => format!(
            "{}：预算未知，不按价格排除；{} 款适合，{} 款不适合",
            s.name, s.fits_total, s.ruled_out_total
        ),
        (false, Some(b)) => format!(
            "{}: budget {b}, prices less a typical {}% discount; {} fit, {} ruled out",
            s.name, s.rules.typical_discount_pct, s.fits_total, s.ruled_out_total
        ),
        (false, None) => format!(
            "{}: budget unknown, nothing ruled out on price; {} fit, {} ruled out",
            s.name, s.fits_total, s.ruled_out_total
        ),
    });
    for (n, f) in s.fits.iter().enumerate() {
        let mut said: Vec<String> = f.reasons.iter().map(|r| reason(r, lang)).collect();
        if let BudgetFit::Stretch { over } = f.budget {
            said.push(if zh {
                format!("略超预算 {}", money(over, lang))
            } else {
                format!("{} over the budget", money(over, lang))
            });
        }
        lines.push(format!(
            "{}\t{}\t{}\t{}\t{}",
            n + 1,
            f.trim.id,
            f.trim.name(),
            price_pair(f.trim.price, f.net_price, lang),
            said.join(if zh { "；" } else { "; " })
        ));
    }
    if !s.ruled_out.is_empty() {
        lines.push(if zh { "不适合：" } else { "Ruled out:" }.to_owned());
        for r in &s.ruled_out {
            let why: Vec<String> = r.why.iter().map(|w| reason(w, lang)).collect();
            lines.push(format!(
                "-\t{}\t{}\t{}\t{}",
                r.trim.id,
                r.trim.name(),
                price_pair(r.trim.price, r.net_price, lang),
                why.join(if zh { "；" } else { "; " })
            ));
        }
    }
    lines
}

fn price_pair(price: u64, net: u64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("指导价 {}（约 {}）", money(price, lang), money(net, lang)),
        Lang::En => format!("{} (about {})", money(price, lang), money(net, lang)),
    }
}

/// A value as the sheet would show it: money in 万 or CNY, a closed list's value in words,
/// a figure with its unit.
fn cell_text(field: &str, unit: &str, cell: &Option<CompareCell>, lang: Lang) -> String {
    let words = |code: &str| -> Option<String> {
        let word = match field {
            "energy" => Energy::parse(code).map(|e| energy(e, lang)),
            "body" => Body::parse(code).map(|b| body(b, lang)),
            "drivetrain" => Drivetrain::parse(code).map(|d| match lang {
                Lang::Zh => d.word(),
                Lang::En => d.code(),
            }),
            _ => None,
        };
        word.map(str::to_owned)
    };
    match cell {
        None => "—".to_owned(),
        Some(CompareCell::Number(n)) if field == "price" => money(*n as u64, lang),
        Some(CompareCell::Number(n)) => {
            let figure = if n.fract() == 0.0 {
                format!("{n:.0}")
            } else {
                n.to_string()
            };
            if unit.is_empty() || (lang == Lang::En && !unit.is_ascii()) {
                figure
            } else {
                format!("{figure} {unit}")
            }
        }
        Some(CompareCell::Text(t)) => words(t).unwrap_or_else(|| t.clone()),
        Some(CompareCell::List(l)) => l.join(if lang == Lang::Zh { "、" } else { ", " }),
    }
}

/// `carnet compare`: a line per field, tab-separated: a mark (`*` the trims differ), the
/// field, then each trim's value, the best marked with `✓`.
pub fn comparison_lines(c: &Comparison, lang: Lang) -> Vec<String> {
    c.rows
        .iter()
        .map(|row| {
            let label = field_label(row.field, lang);
            let values: Vec<String> = row
                .values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let text = cell_text(row.field, row.unit, v, lang);
                    if row.best.contains(&(i as u32)) {
                        format!("{text} ✓")
                    } else {
                        text
                    }
                })
                .collect();
            format!(
                "{}\t{label}\t{}",
                if row.differ { "*" } else { " " },
                values.join("\t")
            )
        })
        .collect()
}

/// A catalogue field as its declaration names it: the export's (Chinese) header, or its
/// first English header.
fn field_label(code: &str, lang: Lang) -> &str {
    let Some(field) = carnet_core::catalogue::trim_field(code) else {
        return code;
    };
    match lang {
        Lang::Zh => field.headers.first().copied().unwrap_or(code),
        Lang::En => field
            .headers
            .iter()
            .copied()
            .find(|h| h.is_ascii())
            .unwrap_or(code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_as_consultants_say_it() {
        assert_eq!(money(219_800, Lang::Zh), "21.98万");
        assert_eq!(money(200_000, Lang::Zh), "20万");
        assert_eq!(money(1_098_000, Lang::Zh), "109.8万");
        assert_eq!(money(219_800, Lang::En), "CNY 219,800");
        assert_eq!(money(1_098_000, Lang::En), "CNY 1,098,000");
        assert_eq!(money(500, Lang::En), "CNY 500");
    }

    #[test]
    fn reasons_in_words() {
        let r = FitReason::LongRange { range_km: 605 };
        assert_eq!(reason(&r, Lang::Zh), "续航 605 km：常跑长途");
        let r = FitReason::SeatsForChildren {
            seats: 7,
            children: 2,
        };
        assert_eq!(reason(&r, Lang::Zh), "7 座：二胎家庭");
        assert_eq!(reason(&r, Lang::En), "7 seats: 2 children");
    }
}
