//! The pre-call brief as `carnet brief` prints it (the sections and words of the app's brief),
//! and what `carnet understand` read in a note.

use carnet_app::Brief;
use carnet_core::brief::{FitFor, Stage, TalkingPoint};
use carnet_core::differentiate::grid::SatisfactionStrategy;
use carnet_core::followup::AfterSaleKind;
use carnet_core::understand::Suggestion;
use carnet_core::{AppointmentKind, DecisionMaker, LostReason, Priority, Purpose};

use super::agenda::{holiday_zh, prompt_reason, relation_zh};
use super::{Lang, field_label};

fn stage(s: Stage, zh: bool) -> &'static str {
    match (s, zh) {
        (Stage::Prospect, true) => "潜在客户",
        (Stage::Ordered, true) => "已订车",
        (Stage::Owner, true) => "车主",
        (Stage::Lost, true) => "战败",
        (Stage::Prospect, false) => "Prospect",
        (Stage::Ordered, false) => "Ordered",
        (Stage::Owner, false) => "Owner",
        (Stage::Lost, false) => "Lost",
    }
}

fn appointment(kind: AppointmentKind, zh: bool) -> &'static str {
    match (kind, zh) {
        (AppointmentKind::Visit, true) => "到店",
        (AppointmentKind::TestDrive, true) => "试驾",
        (AppointmentKind::Visit, false) => "visit",
        (AppointmentKind::TestDrive, false) => "test drive",
    }
}

fn priority(p: Priority, zh: bool) -> String {
    if zh {
        p.word().to_owned()
    } else {
        p.code().replace('_', " ")
    }
}

/// A catalogue field's name, for a fit.
fn trim_label(code: &str, zh: bool) -> &str {
    let (z, e) = match code {
        "power_kw" => ("功率", "power"),
        "accel_s" => ("百公里加速", "0–100 km/h"),
        "fuel_l100" => ("油耗", "fuel use"),
        "range_km" => ("续航", "range"),
        "boot_l" => ("后备箱", "boot"),
        "seats" => ("座位", "seats"),
        "wheelbase_mm" => ("轴距", "wheelbase"),
        "length_mm" => ("车长", "length"),
        "colours" => ("颜色", "colours"),
        "adas" => ("辅助驾驶", "driver assistance"),
        "price" => ("指导价", "guide price"),
        "warranty" => ("质保", "warranty"),
        other => (other, other),
    };
    if zh { z } else { e }
}

/// One talking point in words.
pub fn point_text(point: &TalkingPoint, lang: Lang) -> String {
    use TalkingPoint as T;
    let zh = lang == Lang::Zh;
    match point {
        T::BirthdayGreeting { who, name } => match (zh, who.as_str()) {
            (true, "self") => "先送上生日祝福".to_owned(),
            (false, "self") => "Start with the birthday wishes".to_owned(),
            (true, _) => format!("先祝{}{name}生日快乐", relation_zh(who)),
            (false, _) => format!("Start with birthday wishes for {name}"),
        },
        T::HolidayGreeting { holiday } => {
            if zh {
                format!("先送上{}问候", holiday_zh(holiday))
            } else {
                format!("Start with the {} greetings", holiday.replace('_', " "))
            }
        }
        T::AnniversaryGreeting { year } => {
            if zh {
                format!("祝贺购车 {year} 周年，问问用车情况")
            } else {
                format!("{year} years with the car: congratulate them, ask how it goes")
            }
        }
        T::AcknowledgeComplaint => if zh {
            "先为投诉的问题致歉，让客户把话说完"
        } else {
            "Acknowledge the complaint first; let them say it all"
        }
        .to_owned(),
        T::SayWhatWasDone => if zh {
            "说明已经做了什么、接下来怎么处理"
        } else {
            "Say what was done about it, and what comes next"
        }
        .to_owned(),
        T::CheckSatisfaction => if zh {
            "问问现在是否满意"
        } else {
            "Ask whether they are satisfied now"
        }
        .to_owned(),
        T::BookAfterSale { step } => match (step, zh) {
            (AfterSaleKind::Insurance, true) => "保险快到期：约好续保时间".to_owned(),
            (AfterSaleKind::Insurance, false) => {
                "The insurance is due: book the renewal".to_owned()
            }
            (AfterSaleKind::Inspection, true) => "该年检了：约好时间".to_owned(),
            (AfterSaleKind::Inspection, false) => "The inspection is due: book it".to_owned(),
            (_, true) => "该保养了：约好进店时间".to_owned(),
            (_, false) => "The service is due: book it".to_owned(),
        },
        T::AskHowTheCarIs => if zh {
            "问问用车感受，有没有不会用的功能"
        } else {
            "Ask how the car is going, and whether any feature puzzles them"
        }
        .to_owned(),
        T::AskWhatChanged { level } => {
            if zh {
                format!("{}级的购买期已过：问问有什么变化", level.code())
            } else {
                format!("Their {} window has passed: ask what changed", level.code())
            }
        }
        T::Rebook { appointment: a } => {
            if zh {
                format!("上次约的{}没来：再约一个时间", appointment(*a, zh))
            } else {
                format!("They missed the {}: book another time", appointment(*a, zh))
            }
        }
        T::ConfirmAppointment { appointment: a } => {
            if zh {
                format!("确认约好的{}时间", appointment(*a, zh))
            } else {
                format!("Confirm the {} they booked", appointment(*a, zh))
            }
        }
        T::TryAnotherWay { attempts } => {
            if zh {
                format!("已连续 {attempts} 次没接通：换微信或短信联系")
            } else {
                format!("{attempts} calls unanswered: try a message instead")
            }
        }
        T::WinBack { lost_reason } => match (lost_reason, zh) {
            (None, true) => "问问近况，是否还在看车".to_owned(),
            (None, false) => "Ask how they are, and whether they are still looking".to_owned(),
            (Some(r), true) => format!("问问近况（当时因为{}没成交），有没有新的机会", r.word()),
            (Some(r), false) => format!(
                "Ask how they are (lost over {}): is there a new chance?",
                lost_reason_en(*r)
            ),
        },
        T::KeepPromise { promise } => {
            if zh {
                format!("先兑现上次的承诺：{promise}")
            } else {
                format!("Keep last time's promise first: {promise}")
            }
        }
        T::Strategy { class, strategy } => {
            let class = class.code().to_uppercase();
            match (strategy, zh) {
                (SatisfactionStrategy::Partner, true) => {
                    format!("{class}类客户：维护伙伴关系，请他转介绍")
                }
                (SatisfactionStrategy::Improve, true) => {
                    format!("{class}类客户：问问哪里还可以做得更好")
                }
                (SatisfactionStrategy::Correct, true) => {
                    format!("{class}类客户：尽快解决问题，提供一项服务弥补")
                }
                (SatisfactionStrategy::Partner, false) => {
                    format!("Class {class}: keep the partnership; ask for referrals")
                }
                (SatisfactionStrategy::Improve, false) => {
                    format!("Class {class}: ask what could be better")
                }
                (SatisfactionStrategy::Correct, false) => {
                    format!("Class {class}: fix the problem fast; offer a service to make up")
                }
            }
        }
        T::DeliveryNews => if zh {
            "告知交车进度和需要准备的材料"
        } else {
            "Give news of the delivery, and what to bring"
        }
        .to_owned(),
        T::InviteDecisionMaker => if zh {
            "决策人不是本人：邀请决策人一起试驾"
        } else {
            "Someone else decides: invite them to test-drive together"
        }
        .to_owned(),
        T::AskDailyDistance => if zh {
            "担心用车成本：问问每天开多远，算一算费用"
        } else {
            "Worried about running costs: ask how far they drive a day, and do the sums"
        }
        .to_owned(),
        T::BringOffer => if zh {
            "最看重价格：带上当前的优惠方案"
        } else {
            "Price matters most: bring the current offer"
        }
        .to_owned(),
        T::ShowSpace => if zh {
            "看重空间或家用：带看后排和后备箱"
        } else {
            "Space matters, or it is a family car: show the rear seats and the boot"
        }
        .to_owned(),
        T::TalkSafety => if zh {
            "最看重安全：讲讲安全配置和碰撞成绩"
        } else {
            "Safety matters most: go through the safety kit and crash ratings"
        }
        .to_owned(),
        T::OfferTestDrive => if zh {
            "还没试驾：邀请来试驾"
        } else {
            "Not test-driven yet: invite them for a test drive"
        }
        .to_owned(),
        T::OfferValuation => if zh {
            "有旧车：提供置换评估"
        } else {
            "A trade-in is possible: offer a valuation"
        }
        .to_owned(),
        T::Fit {
            trim,
            field,
            value,
            unit,
            answers,
            priority: p,
        } => {
            let fact = format!("{} {value}{unit}", trim_label(field, zh));
            match (answers, p, zh) {
                (FitFor::Worry, _, true) => format!("{trim}：{fact}，回应他对用车成本的担心"),
                (FitFor::Worry, _, false) => {
                    format!("{trim}: {fact}, which answers their worry about running costs")
                }
                (FitFor::Priority, p, true) => format!(
                    "{trim}：{fact}，正合他最看重的{}",
                    p.map(|p| priority(p, true)).unwrap_or_default()
                ),
                (FitFor::Priority, p, false) => format!(
                    "{trim}: {fact}, which answers their top priority ({})",
                    p.map(|p| priority(p, false)).unwrap_or_default()
                ),
            }
        }
        T::AskKeyFact { fact } => {
            let label = field_label(fact.code(), lang);
            if zh {
                format!("问清{label}")
            } else {
                format!("Ask for the {}", label.to_lowercase())
            }
        }
    }
}

fn lost_reason_en(r: LostReason) -> String {
    r.code().replace('_', " ")
}

/// The brief as lines of text: who, the stage and the reason, the talking points, then the
/// app's sections.
pub fn brief_lines(b: &Brief, lang: Lang) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let sep = if zh { "、" } else { ", " };
    let none = "—".to_owned();
    let label = |z: &str, e: &str| if zh { z.to_owned() } else { e.to_owned() };
    let mut out = vec![format!(
        "{}\t{}\t{}",
        b.name,
        b.level.code(),
        b.phones_display.join(sep)
    )];
    out.push(format!(
        "{}: {}",
        label("阶段", "Stage"),
        stage(b.stage, zh)
    ));
    if let Some(p) = &b.prompt {
        out.push(format!(
            "{}: {}",
            label("事由", "Reason"),
            prompt_reason(p, lang)
        ));
    }
    out.push(format!("{}:", label("建议话题", "Talking points")));
    if b.talking_points.is_empty() {
        out.push(format!("  {none}"));
    }
    for (n, point) in b.talking_points.iter().enumerate() {
        out.push(format!("  {}. {}", n + 1, point_text(point, lang)));
    }
    if let Some(trim) = &b.trim {
        out.push(format!("{}: {trim}", label("意向车款", "Trim wanted")));
    }
    if !b.fits.is_empty() {
        out.push(format!("{}:", label("适合的车型", "Trims that fit")));
        for f in &b.fits {
            let reasons: Vec<String> = f
                .reasons
                .iter()
                .map(|r| super::fit::reason(r, lang))
                .collect();
            let why = if reasons.is_empty() {
                String::new()
            } else {
                format!(" — {}", reasons.join(sep))
            };
            out.push(format!(
                "  {} ({}){why}",
                f.trim.name(),
                super::fit::money(f.trim.price, lang)
            ));
        }
    }
    out.push(format!(
        "{}: {}",
        label("上次的承诺", "Last promise"),
        b.last_promise.clone().unwrap_or_else(|| none.clone())
    ));
    let priorities: Vec<String> = b.priorities.iter().map(|p| priority(*p, zh)).collect();
    out.push(format!(
        "{}: {}",
        label("看重", "Priorities"),
        if priorities.is_empty() {
            none.clone()
        } else {
            priorities.join(sep)
        }
    ));
    out.push(format!(
        "{}: {}",
        label("最大顾虑", "Biggest worry"),
        b.worry.clone().unwrap_or_else(|| none.clone())
    ));
    let who = match &b.decision_maker {
        None => none.clone(),
        Some(carnet_core::Pick::Known(d)) => decision_maker(*d, zh),
        Some(carnet_core::Pick::Words(w)) => w.clone(),
    };
    out.push(format!(
        "{}: {who}{}",
        label("决策人", "Decision-maker"),
        b.decision_maker_name
            .as_ref()
            .map(|n| format!(" {n}"))
            .unwrap_or_default()
    ));
    out.push(format!(
        "{}: {}",
        label("上次联系", "Last contact"),
        b.last_contact.as_ref().map_or(none.clone(), |c| {
            format!(
                "{} {}",
                c.at,
                if zh { c.kind.word() } else { c.kind.code() }
            )
        })
    ));
    out.push(format!(
        "{}: {}",
        label("上次满意度", "Last satisfaction"),
        b.last_satisfaction
            .map_or(none.clone(), |s| format!("{s}/5"))
    ));
    for d in &b.family_dates {
        out.push(format!(
            "{}: {} {}",
            label("家人纪念日", "Family dates"),
            d.name,
            d.date
        ));
    }
    let unknown: Vec<&str> = b
        .unknown
        .iter()
        .map(|f| field_label(f.code(), lang))
        .collect();
    out.push(format!(
        "{}: {}",
        label("还不知道", "Still unknown"),
        if unknown.is_empty() {
            none
        } else {
            unknown.join(sep)
        }
    ));
    out
}

fn decision_maker(d: DecisionMaker, zh: bool) -> String {
    if zh {
        d.word().to_owned()
    } else {
        d.code().to_owned()
    }
}

/// A suggestion as a line: "预算 25万左右（原: 20万）\t“预算25万左右”".
pub fn suggestion_line(s: &Suggestion, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let value = match s.field.as_str() {
        "decision_maker" => DecisionMaker::parse(&s.value)
            .map_or_else(|| s.value.clone(), |d| decision_maker(d, zh)),
        "purposes" if zh => s
            .value
            .split(", ")
            .map(|p| Purpose::parse(p).map_or_else(|| p.to_owned(), |w| w.word().to_owned()))
            .collect::<Vec<_>>()
            .join("、"),
        _ => s.value.clone(),
    };
    let old = s
        .old
        .as_ref()
        .map(|o| {
            if zh {
                format!("（原: {o}）")
            } else {
                format!(" (was: {o})")
            }
        })
        .unwrap_or_default();
    format!("{}\t{value}{old}\t{}", field_label(&s.field, lang), s.said)
}

pub fn nothing_understood(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "这段文字里没有读到新的客户资料。",
        Lang::En => "Nothing new about the customer in this text.",
    }
}
