//! Today's plan as `carnet today` prints it: progress, the rows in order with why each is
//! there (and how often it slipped), the groups, and what waits later this week by kind.

use carnet_app::{LaterDay, PlanRow, TodayPlan};
use carnet_core::PromptKind;
use carnet_core::followup::plan::Why;

use super::Lang;
use super::agenda::prompt_reason;

/// Why a row is in Today, in words.
pub fn why_words(why: Why, lang: Lang) -> &'static str {
    match (why, lang) {
        (Why::Complaint, Lang::Zh) => "投诉未解决",
        (Why::Complaint, Lang::En) => "open complaint",
        (Why::Unhappy, Lang::Zh) => "满意度低的车主",
        (Why::Unhappy, Lang::En) => "unhappy owner",
        (Why::Hot, Lang::Zh) => "热意向客户到期",
        (Why::Hot, Lang::En) => "hot prospect due",
        (Why::Appointment, Lang::Zh) => "约定与承诺",
        (Why::Appointment, Lang::En) => "appointment or promise",
        (Why::AfterSale, Lang::Zh) => "售后节点",
        (Why::AfterSale, Lang::En) => "after-sale milestone",
        (Why::Rest, Lang::Zh) => "按客户价值和时长",
        (Why::Rest, Lang::En) => "by value and age",
    }
}

/// A kind of prompt, in words (for the counts of what waits).
pub fn kind_words(kind: PromptKind, lang: Lang) -> &'static str {
    let zh = lang == Lang::Zh;
    match kind {
        PromptKind::Cadence => {
            if zh {
                "例行跟进"
            } else {
                "follow-ups"
            }
        }
        PromptKind::NextStep => {
            if zh {
                "约定的下一步"
            } else {
                "next steps"
            }
        }
        PromptKind::AfterSale => {
            if zh {
                "售后"
            } else {
                "after-sale"
            }
        }
        PromptKind::Birthday => {
            if zh {
                "生日"
            } else {
                "birthdays"
            }
        }
        PromptKind::Holiday => {
            if zh {
                "节日问候"
            } else {
                "holiday greetings"
            }
        }
        PromptKind::Complaint => {
            if zh {
                "投诉"
            } else {
                "complaints"
            }
        }
        PromptKind::SatisfactionCheck => {
            if zh {
                "满意度回访"
            } else {
                "satisfaction checks"
            }
        }
        PromptKind::Regrade => {
            if zh {
                "重新定级"
            } else {
                "re-grades"
            }
        }
        PromptKind::ProposeLost => {
            if zh {
                "建议战败"
            } else {
                "propose lost"
            }
        }
        PromptKind::Revisit => {
            if zh {
                "战败回访"
            } else {
                "win-backs"
            }
        }
        PromptKind::NoShow => {
            if zh {
                "爽约"
            } else {
                "no-shows"
            }
        }
    }
}

fn slipped(slips: u32, lang: Lang) -> String {
    match (slips, lang) {
        (0, _) => String::new(),
        (n, Lang::Zh) => format!(" · 已推迟 {n} 次"),
        (1, Lang::En) => " · slipped once".to_owned(),
        (n, Lang::En) => format!(" · slipped {n} times"),
    }
}

/// One row of Today as a line: its place, tick, who or which group, why, and the reason.
pub fn row_line(n: usize, row: &PlanRow, lang: Lang) -> String {
    let tick = if row.done { "✓" } else { " " };
    let why = why_words(row.why, lang);
    let slips = slipped(row.slips, lang);
    let late = match (row.late, lang) {
        (false, _) => "",
        (true, Lang::Zh) => " · 新到期",
        (true, Lang::En) => " · came due today",
    };
    if let Some(g) = &row.group {
        let name = match lang {
            Lang::Zh => format!("{}（{} 人，已发 {}）", g.occasion.word(), g.members, g.done),
            Lang::En => format!(
                "{} ({} people, {} sent)",
                g.occasion.code().replace('_', " "),
                g.members,
                g.done
            ),
        };
        return format!("{n:>3} {tick} [{why}] {name}{slips}{late}");
    }
    let Some(c) = &row.customer else {
        return format!("{n:>3} {tick} [{why}]");
    };
    let reasons: Vec<String> = c.prompts.iter().map(|p| prompt_reason(p, lang)).collect();
    let joined = reasons.join(if lang == Lang::Zh { "；" } else { "; " });
    format!(
        "{n:>3} {tick} [{why}] {} ({}) {joined}{slips}{late}\t{}",
        c.name,
        c.level.code(),
        c.customer_id
    )
}

/// A later day as a line: its date (or after the week), its rows, its prompts by kind.
pub fn later_line(day: &LaterDay, lang: Lang) -> String {
    let kinds: Vec<String> = day
        .kinds
        .iter()
        .map(|k| format!("{} {}", kind_words(k.kind, lang), k.count))
        .collect();
    let when = match (&day.date, lang) {
        (Some(d), _) => d.clone(),
        (None, Lang::Zh) => "本周之后".to_owned(),
        (None, Lang::En) => "after this week".to_owned(),
    };
    match lang {
        Lang::Zh => format!("  {when}  {} 行：{}", day.rows, kinds.join("，")),
        Lang::En => format!("  {when}  {} rows: {}", day.rows, kinds.join(", ")),
    }
}

/// The plan as lines: the header with progress, the rows, and what waits.
pub fn today_lines(plan: &TodayPlan, lang: Lang) -> Vec<String> {
    let mut lines = vec![match lang {
        Lang::Zh => format!(
            "今天 {} · 已完成 {}/{} · 每日容量 {} · 今早到期 {} 项",
            plan.date, plan.done, plan.total, plan.capacity, plan.due
        ),
        Lang::En => format!(
            "Today {} · done {}/{} · daily capacity {} · {} due this morning",
            plan.date, plan.done, plan.total, plan.capacity, plan.due
        ),
    }];
    if plan.total > 0 && plan.done == plan.total {
        lines.push(match lang {
            Lang::Zh => "今天的事都做完了。".to_owned(),
            Lang::En => "Today is done.".to_owned(),
        });
    }
    lines.extend(
        plan.rows
            .iter()
            .enumerate()
            .map(|(i, r)| row_line(i + 1, r, lang)),
    );
    if !plan.later.is_empty() {
        lines.push(match lang {
            Lang::Zh => "本周稍后：".to_owned(),
            Lang::En => "Later this week:".to_owned(),
        });
        lines.extend(plan.later.iter().map(|d| later_line(d, lang)));
    }
    lines
}
