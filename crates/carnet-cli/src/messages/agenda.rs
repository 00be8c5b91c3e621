//! The agenda as `carnet agenda` prints it: each prompt with its reason in words.

use carnet_app::{Agenda, PromptDto};
use carnet_core::{AppointmentKind, LostReason, PromptKind};
use chrono::Datelike;
use serde::Serialize;

use super::Lang;

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
        PromptKind::NextStep if !param("appointment").is_empty() => {
            let kind = AppointmentKind::parse(param("appointment"));
            let day = appointment_day(&p.due, p.time.as_deref(), zh);
            let promise = param("promise");
            match (zh, promise.is_empty()) {
                (true, true) => format!("约了 {day} {}", appointment_zh(kind)),
                (true, false) => format!("约了 {day} {}：{promise}", appointment_zh(kind)),
                (false, true) => format!("{} booked for {day}", appointment_en(kind)),
                (false, false) => format!("{} booked for {day}: {promise}", appointment_en(kind)),
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
        PromptKind::NoShow => {
            let kind = AppointmentKind::parse(param("appointment"));
            let time = Some(param("time")).filter(|t| !t.is_empty());
            let day = appointment_day(param("on"), time, zh);
            if zh {
                format!("约好 {day} {}未到，打电话问问", appointment_zh(kind))
            } else {
                format!(
                    "Did not come for the {} on {day}: call to ask",
                    appointment_en(kind).to_lowercase()
                )
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
        PromptKind::Revisit => match (zh, LostReason::parse(param("lost_reason"))) {
            (true, None) => "战败客户，到期回访".to_owned(),
            (true, Some(why)) => format!("战败客户（{}），到期回访", why.word()),
            (false, None) => "Lost customer: time to try again".to_owned(),
            (false, Some(why)) => format!(
                "Lost customer ({}): time to try again",
                why.code().replace('_', " ")
            ),
        },
    }
}

/// An appointment's day (and time): "12月8日 14:00", "8 Dec 14:00".
fn appointment_day(date: &str, time: Option<&str>, zh: bool) -> String {
    let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").map_or_else(
        |_| date.to_owned(),
        |d| {
            if zh {
                format!("{}月{}日", d.month(), d.day())
            } else {
                d.format("%-d %b").to_string()
            }
        },
    );
    match time {
        Some(t) => format!("{day} {t}"),
        None => day,
    }
}

fn appointment_zh(kind: Option<AppointmentKind>) -> &'static str {
    match kind {
        Some(AppointmentKind::TestDrive) => "到店试驾",
        _ => "到店",
    }
}

fn appointment_en(kind: Option<AppointmentKind>) -> &'static str {
    match kind {
        Some(AppointmentKind::TestDrive) => "Test drive",
        _ => "Visit",
    }
}

pub(super) fn relation_zh(code: &str) -> &str {
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

pub(super) fn holiday_zh(code: &str) -> &str {
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
