//! The reports as text: a heading, then one tab-separated line per figure (the same figures
//! `--json` prints whole), and a customer's value and place in a line.

use carnet_app::{CustomerValue, Report};
use carnet_core::differentiate::funnel::{Rate, Step};
use carnet_core::differentiate::grid::{Band, GridClass};
use carnet_core::{Level, Tier};

use super::Lang;

fn step(s: Step, lang: Lang) -> &'static str {
    let zh = lang == Lang::Zh;
    match s {
        Step::Leads => {
            if zh {
                "新线索"
            } else {
                "leads"
            }
        }
        Step::Profiled => {
            if zh {
                "已留档"
            } else {
                "profiled"
            }
        }
        Step::Appointed => {
            if zh {
                "已邀约"
            } else {
                "appointed"
            }
        }
        Step::Kept => {
            if zh {
                "邀约到店"
            } else {
                "appointment kept"
            }
        }
        Step::Shown => {
            if zh {
                "已到店"
            } else {
                "shown"
            }
        }
        Step::TestDrive => {
            if zh {
                "已试驾"
            } else {
                "test drive"
            }
        }
        Step::Quote => {
            if zh {
                "已报价"
            } else {
                "quote"
            }
        }
        Step::Order => {
            if zh {
                "已订车"
            } else {
                "order"
            }
        }
        Step::Delivery => {
            if zh {
                "已交车"
            } else {
                "delivery"
            }
        }
    }
}

fn rate(r: Rate, lang: Lang) -> &'static str {
    let zh = lang == Lang::Zh;
    match r {
        Rate::ProfileRate => {
            if zh {
                "留档率"
            } else {
                "profile rate"
            }
        }
        Rate::ShowRate => {
            if zh {
                "邀约到店率"
            } else {
                "show rate"
            }
        }
        Rate::TestDriveRate => {
            if zh {
                "试驾率"
            } else {
                "test-drive rate"
            }
        }
        Rate::CloseRate => {
            if zh {
                "成交率"
            } else {
                "close rate"
            }
        }
    }
}

pub fn tier(t: Tier, lang: Lang) -> &'static str {
    let zh = lang == Lang::Zh;
    match t {
        Tier::Top => {
            if zh {
                "顶级客户"
            } else {
                "top"
            }
        }
        Tier::Large => {
            if zh {
                "大客户"
            } else {
                "large"
            }
        }
        Tier::Medium => {
            if zh {
                "中客户"
            } else {
                "medium"
            }
        }
        Tier::Small => {
            if zh {
                "小客户"
            } else {
                "small"
            }
        }
        Tier::Inactive => {
            if zh {
                "非积极客户"
            } else {
                "inactive"
            }
        }
        Tier::Prospect => {
            if zh {
                "潜在客户"
            } else {
                "prospect"
            }
        }
        Tier::Suspect => {
            if zh {
                "怀疑者"
            } else {
                "suspect"
            }
        }
        Tier::Other => {
            if zh {
                "其他"
            } else {
                "other"
            }
        }
    }
}

fn band(b: Band, lang: Lang) -> &'static str {
    match (b, lang == Lang::Zh) {
        (Band::High, true) => "高",
        (Band::Middle, true) => "中",
        (Band::Low, true) => "低",
        (b, false) => b.code(),
    }
}

fn class(c: GridClass) -> &'static str {
    match c {
        GridClass::A => "A",
        GridClass::B => "B",
        GridClass::C => "C",
        GridClass::D => "D",
    }
}

fn percent(p: Option<f64>) -> String {
    p.map_or_else(|| "-".to_owned(), |p| format!("{p:.1}%"))
}

fn level(l: Level) -> &'static str {
    l.code()
}

/// The report as lines: a heading, then the figures, tab-separated.
pub fn report_lines(report: &Report, lang: Lang) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let mut out = Vec::new();
    match report {
        Report::Funnel {
            period,
            previous_period,
            steps,
            rates,
            time_to_order,
        } => {
            out.push(if zh {
                format!(
                    "销售漏斗 {}..{}（上期 {}..{}）",
                    period.from, period.to, previous_period.from, previous_period.to
                )
            } else {
                format!(
                    "Funnel {}..{} (previous {}..{})",
                    period.from, period.to, previous_period.from, previous_period.to
                )
            });
            for s in steps {
                out.push(format!(
                    "{}\t{}\t{}",
                    step(s.step, lang),
                    s.count,
                    s.previous
                ));
            }
            for r in rates {
                out.push(format!(
                    "{}\t{}\t{}",
                    rate(r.rate, lang),
                    percent(r.value),
                    percent(r.previous)
                ));
            }
            for t in time_to_order {
                out.push(format!(
                    "{}\t{}\t{}\t{}",
                    if zh {
                        format!("{} 级成交天数", level(t.level))
                    } else {
                        format!("days to order from {}", level(t.level))
                    },
                    t.orders,
                    t.average_days,
                    t.median_days
                ));
            }
        }
        Report::Sources { period, rows } => {
            out.push(format!(
                "{} {}..{}",
                if zh { "来源与渠道" } else { "Sources" },
                period.from,
                period.to
            ));
            for r in rows {
                out.push(format!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    r.source.map_or("-", |s| s.code()),
                    r.channel.as_deref().unwrap_or("-"),
                    r.leads,
                    r.shows,
                    r.test_drives,
                    r.orders,
                    percent(r.close_rate)
                ));
            }
        }
        Report::Models { period, rows } => {
            out.push(format!(
                "{} {}..{}",
                if zh { "车型" } else { "Models" },
                period.from,
                period.to
            ));
            for r in rows {
                out.push(format!("{}\t{}\t{}", r.model, r.interested, r.orders));
            }
        }
        Report::Compliance {
            period,
            total,
            made_percent,
            previous_made_percent,
            by_kind,
            by_level,
            dismissed,
            ..
        } => {
            out.push(format!(
                "{} {}..{}\t{}\t{}",
                if zh {
                    "跟进执行"
                } else {
                    "Follow-up compliance"
                },
                period.from,
                period.to,
                percent(*made_percent),
                percent(*previous_made_percent)
            ));
            let head = if zh {
                "应跟进 按时 逾期 遗漏 忽略"
            } else {
                "due on_time late open dismissed"
            };
            out.push(head.replace(' ', "\t"));
            let line = |name: String,
                        t: &carnet_core::differentiate::compliance::Tally,
                        made: Option<f64>| {
                format!(
                    "{name}\t{}\t{}\t{}\t{}\t{}\t{}",
                    t.due,
                    t.on_time,
                    t.late,
                    t.open,
                    t.dismissed,
                    percent(made)
                )
            };
            out.push(line(
                if zh { "合计".into() } else { "total".into() },
                total,
                *made_percent,
            ));
            for r in by_kind {
                out.push(line(r.key.code().to_owned(), &r.tally, r.made_percent));
            }
            for r in by_level {
                out.push(line(r.key.code().to_owned(), &r.tally, r.made_percent));
            }
            for d in dismissed {
                out.push(format!(
                    "{}\t{}\t{}",
                    if zh { "忽略原因" } else { "dismissed" },
                    d.reason,
                    d.count
                ));
            }
        }
        Report::Lost {
            period,
            by_reason,
            competitors,
            customers,
        } => {
            out.push(format!(
                "{} {}..{}",
                if zh { "战败原因" } else { "Lost sales" },
                period.from,
                period.to
            ));
            for r in by_reason {
                out.push(format!(
                    "{}\t{}",
                    r.reason
                        .map_or(if zh { "未说明" } else { "not given" }, |r| if zh {
                            r.word()
                        } else {
                            r.code()
                        }),
                    r.count
                ));
            }
            for c in competitors {
                out.push(format!(
                    "{}\t{}\t{}",
                    if zh { "竞品" } else { "competitor" },
                    c.reason,
                    c.count
                ));
            }
            for c in customers {
                out.push(format!(
                    "{}\t{}\t{}\t{}\t{}",
                    c.id,
                    c.name,
                    c.date,
                    c.reason.map_or("-", |r| r.code()),
                    c.revisit.as_deref().unwrap_or("-")
                ));
            }
        }
        Report::Levels {
            period,
            current,
            weeks,
        } => {
            out.push(format!(
                "{} {}..{}",
                if zh { "级别分布" } else { "Levels" },
                period.from,
                period.to
            ));
            out.push(
                current
                    .iter()
                    .map(|c| format!("{}={}", level(c.level), c.count))
                    .collect::<Vec<_>>()
                    .join("\t"),
            );
            for w in weeks {
                let counts: Vec<String> = w
                    .counts
                    .iter()
                    .map(|c| format!("{}={}", level(c.level), c.count))
                    .collect();
                out.push(format!("{}\t{}", w.week, counts.join("\t")));
            }
        }
        Report::Satisfaction {
            period,
            months,
            current,
            up,
            down,
            flat,
        } => {
            out.push(format!(
                "{} {}..{}",
                if zh { "满意度" } else { "Satisfaction" },
                period.from,
                period.to
            ));
            for m in months {
                let counts: Vec<String> = m.counts.iter().map(u64::to_string).collect();
                out.push(format!(
                    "{}\t{}\t{}",
                    m.month,
                    counts.join("\t"),
                    m.average.map_or("-".into(), |a| format!("{a:.1}"))
                ));
            }
            for b in current {
                out.push(format!("{}\t{}", band(b.band, lang), b.count));
            }
            out.push(format!(
                "{}\t{up}\t{}\t{down}\t{}\t{flat}",
                if zh { "上升" } else { "up" },
                if zh { "下降" } else { "down" },
                if zh { "持平" } else { "flat" }
            ));
        }
        Report::Tiers { date, rows } => {
            out.push(format!(
                "{} {date}",
                if zh {
                    "客户金字塔"
                } else {
                    "Customer pyramid"
                }
            ));
            for r in rows {
                out.push(format!(
                    "{}\t{}\t{}",
                    tier(r.tier, lang),
                    r.customers,
                    r.value
                ));
            }
        }
        Report::Grid {
            date,
            cells,
            unknown,
        } => {
            out.push(format!(
                "{} {date}",
                if zh {
                    "满意度×购买量"
                } else {
                    "Satisfaction × volume"
                }
            ));
            for c in cells {
                out.push(format!(
                    "{}\t{}\t{}\t{}",
                    band(c.view.cell.satisfaction, lang),
                    band(c.view.cell.volume, lang),
                    class(c.view.class),
                    c.count
                ));
            }
            out.push(format!(
                "{}\t{unknown}",
                if zh {
                    "未问满意度的车主"
                } else {
                    "owners never asked"
                }
            ));
        }
        Report::Pareto {
            period,
            current,
            previous,
            top,
            ..
        } => {
            out.push(if zh {
                format!(
                    "二八分析 {}..{}：前 20% 的客户（{} 位）带来 {:.1}% 的价值（上期 {:.1}%）",
                    period.from, period.to, current.top_count, current.top_share, previous.top_share
                )
            } else {
                format!(
                    "Pareto {}..{}: the best 20% ({} customers) bring {:.1}% of the value (previous {:.1}%)",
                    period.from, period.to, current.top_count, current.top_share, previous.top_share
                )
            });
            for p in &current.curve {
                out.push(format!("{}%\t{:.1}%", p.customers_percent, p.value_percent));
            }
            for c in top {
                out.push(format!(
                    "{}\t{}\t{}\t{}",
                    c.id,
                    c.name,
                    tier(c.tier, lang),
                    c.value
                ));
            }
        }
        Report::Lookalikes {
            date,
            ideal,
            prospects,
        } => {
            out.push(format!(
                "{} {date} ({})",
                if zh {
                    "理想客户画像"
                } else {
                    "Ideal customer"
                },
                ideal.drawn_from
            ));
            for t in &ideal.typical {
                out.push(format!("{}\t{}\t{}%", t.which.code(), t.value, t.percent));
            }
            for p in prospects {
                let matching: Vec<String> = p
                    .matching
                    .iter()
                    .map(|m| format!("{}={}", m.which.code(), m.value))
                    .collect();
                out.push(format!(
                    "{}\t{}\t{}\t{}\t{}",
                    p.id,
                    p.name,
                    level(p.level),
                    p.score,
                    matching.join(",")
                ));
            }
        }
    }
    out
}

/// A customer's value and place in a line (`carnet show`).
pub fn value_line(v: &CustomerValue, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut parts = vec![format!(
        "{}{}",
        if zh { "层级：" } else { "Tier: " },
        tier(v.tier, lang)
    )];
    parts.push(format!(
        "{}{}",
        if zh { "价值：" } else { "value: " },
        v.value
    ));
    if let Some(e) = v.expected_value {
        parts.push(format!(
            "{}{e}",
            if zh { "预期价值：" } else { "expected: " }
        ));
    }
    if let Some(s) = v.satisfaction {
        parts.push(format!(
            "{}{s}/5",
            if zh { "满意度：" } else { "satisfaction: " }
        ));
    }
    if let Some(g) = &v.grid {
        parts.push(format!(
            "{} {}",
            class(g.class),
            if zh { "类" } else { "class" }
        ));
    }
    parts.join(" · ")
}

/// The heading of one consultant's report (or the team's).
pub fn consultant_heading(consultant: Option<&str>, lang: Lang) -> String {
    match (consultant, lang) {
        (Some(name), Lang::Zh) => format!("== 顾问：{name}"),
        (Some(name), Lang::En) => format!("== Consultant: {name}"),
        (None, Lang::Zh) => "== 团队合计".to_owned(),
        (None, Lang::En) => "== Team total".to_owned(),
    }
}

/// What a team book holds, a consultant a line.
pub fn team_book_lines(book: &carnet_app::TeamBook, lang: Lang) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let mut out: Vec<String> = book
        .read
        .iter()
        .map(|f| {
            if zh {
                format!("读入 {}：{}，{} 位客户", f.path, f.consultant, f.customers)
            } else {
                format!(
                    "read {}: {}, {} customers",
                    f.path, f.consultant, f.customers
                )
            }
        })
        .collect();
    for p in &book.parts {
        out.push(format!("{}\t{}", p.consultant, p.customers));
    }
    out.push(if zh {
        format!("两位以上顾问共有的客户：{}", book.shared)
    } else {
        format!("customers two or more consultants hold: {}", book.shared)
    });
    out
}

/// The consultants side by side, then the team.
pub fn team_overview_lines(o: &carnet_app::TeamOverview, lang: Lang) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let mut out = vec![if zh {
        format!(
            "团队 {}..{}\n顾问\t客户\t新线索\t到店\t试驾\t订车\t成交率\t跟进完成率\t平均满意度",
            o.period.from, o.period.to
        )
    } else {
        format!(
            "Team {}..{}\nconsultant\tcustomers\tleads\tshows\ttest drives\torders\tclose rate\tfollow-ups made\tsatisfaction",
            o.period.from, o.period.to
        )
    }];
    for r in &o.rows {
        let name = r
            .consultant
            .clone()
            .unwrap_or_else(|| if zh { "合计".into() } else { "total".into() });
        out.push(format!(
            "{name}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.customers,
            r.leads,
            r.shows,
            r.test_drives,
            r.orders,
            percent(r.close_rate),
            percent(r.made_percent),
            r.satisfaction.map_or("-".into(), |s| format!("{s:.1}"))
        ));
    }
    out
}
