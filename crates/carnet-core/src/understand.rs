//! Notes understood: what the consultant types in a note or the log box, read for profile
//! facts ("预算25万左右 想看汉兰达 妻子做主 下个月提车 老车是07年的凯美瑞").
//!
//! Each reader finds the words that say a fact (a span of the text) and hands them to the
//! profile's own parser for that value ([`Budget::parse`], [`Timeframe::parse`],
//! [`Pick::parse`], [`Phone::parse`] …), so a value means here what it means in the form. The
//! result is suggestions, one field each, as the field's text; nothing is written here. A fact
//! the profile already holds with the same value is not suggested; a different one is, with
//! the old value.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::budget::Budget;
use crate::choices::{DecisionMaker, Payment, Pick, Purpose};
use crate::phone::Phone;
use crate::profile::fields::spec;
use crate::profile::{FieldKind, Profile, ProfileDraft};
use crate::timeframe::Timeframe;

/// A name customers use for a catalogue series (the series itself or an alias), and the
/// series it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesName {
    pub said: String,
    pub series: String,
}

/// A fact read in the text, as a suggestion for one profile field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Suggestion {
    /// The profile field (as in the field registry: `budget`, `models`, `car_year` …).
    pub field: String,
    /// The field's new text, as the profile form would take it (`ProfileDraft::set`).
    pub value: String,
    /// The field's text before, when the suggestion changes a value already known.
    pub old: Option<String>,
    /// The words of the text the fact was read from.
    pub said: String,
    /// Where they are in the text, in characters (Unicode scalar values), end excluded.
    pub start: u32,
    pub end: u32,
    /// For a model: the catalogue series it names, when one matches.
    pub series: Option<String>,
}

/// The longest note read, in characters; the rest is not read (a note is read as it is typed,
/// so it must stay fast).
pub const MAX_CHARS: usize = 2_000;

/// A span of the text, in characters, with the value read from it.
struct Found {
    field: &'static str,
    value: String,
    start: usize,
    end: usize,
    series: Option<String>,
}

/// Reads `text` for facts, against what the profile already holds (`None`: a new customer)
/// and the catalogue's series names; `today` is the day the words were said.
pub fn understand(
    text: &str,
    profile: Option<&Profile>,
    series: &[SeriesName],
    today: NaiveDate,
) -> Vec<Suggestion> {
    let chars: Vec<char> = text.chars().take(MAX_CHARS).collect();
    let mut found: Vec<Found> = Vec::new();
    budgets(&chars, &mut found);
    decision_makers(&chars, &mut found);
    timeframes(&chars, today, &mut found);
    current_car(&chars, today, &mut found);
    purposes_and_payment(&chars, &mut found);
    phones(&chars, &mut found);
    models(&chars, series, &mut found);
    found.sort_by_key(|f| (f.start, f.field));

    let draft = profile.map(Profile::to_draft).unwrap_or_default();
    let mut out: Vec<Suggestion> = Vec::new();
    for f in found {
        // One suggestion per field: the first said.
        if out.iter().any(|s| s.field == f.field) {
            continue;
        }
        let Some((value, old)) = against(&draft, profile, f.field, &f.value) else {
            continue;
        };
        out.push(Suggestion {
            field: f.field.to_owned(),
            value,
            old,
            said: chars[f.start..f.end].iter().collect(),
            start: u32::try_from(f.start).unwrap_or(u32::MAX),
            end: u32::try_from(f.end).unwrap_or(u32::MAX),
            series: f.series,
        });
    }
    out
}

/// The field's new text and its old one (when a known value changes), or `None` when the
/// profile already says it.
fn against(
    draft: &ProfileDraft,
    profile: Option<&Profile>,
    field: &str,
    value: &str,
) -> Option<(String, Option<String>)> {
    let old = draft.get(field).unwrap_or_default();
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    // Lists take the new item beside the old ones: an addition, not a change.
    let add = |items: &[String]| -> Option<(String, Option<String>)> {
        if items.iter().any(|i| same(i, value)) {
            return None;
        }
        let mut all = items.to_vec();
        all.push(value.to_owned());
        Some((all.join(", "), None))
    };
    match field {
        "purposes" => add(&draft.purposes),
        "phones" => {
            let new = Phone::parse(value)?;
            let known =
                profile.is_some_and(|p| p.phones.iter().any(|ph| ph.digits() == new.digits()));
            if known {
                return None;
            }
            add(&draft.phones)
        }
        "models" => {
            if draft.models.iter().any(|m| same(&m.model, value)) {
                return None;
            }
            Some((value.to_owned(), (!old.is_empty()).then_some(old)))
        }
        _ if same(&old, value) => None,
        _ => Some((value.to_owned(), (!old.is_empty()).then_some(old))),
    }
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Whether the characters at `at` spell `word`.
fn at_word(chars: &[char], at: usize, word: &str) -> bool {
    let mut rest = chars.get(at..).unwrap_or_default().iter();
    word.chars().all(|w| rest.next() == Some(&w))
}

/// Whether `word` ends just before `at`.
fn ends_before(chars: &[char], at: usize, word: &str) -> bool {
    let n = word.chars().count();
    at >= n && at_word(chars, at - n, word)
}

fn text_of(chars: &[char], start: usize, end: usize) -> String {
    chars[start..end].iter().collect()
}

/// What breaks a phrase: white space and punctuation.
fn is_break(c: char) -> bool {
    c.is_whitespace()
        || (c.is_ascii_punctuation() && !"-~.".contains(c))
        || "，。、；：！？（）【】“”‘’《》…".contains(c)
}

/// Amounts said of something other than the budget: a down payment, a discount, a loan, an
/// income, the old car's price.
const NOT_BUDGET_BEFORE: &[&str] = &[
    "首付", "优惠", "優惠", "便宜", "贷款", "貸款", "月供", "定金", "订金", "訂金", "差价", "差價",
    "补贴", "補貼", "收入", "年薪", "月薪", "工资", "工資", "卖", "賣", "估价", "估價", "跑了",
    "开了", "開了", "公里",
];

/// Budgets: an amount in 万 (or w), a range, with its words (左右, 以内, 约 …); a bare number
/// only right after 预算.
fn budgets(chars: &[char], out: &mut Vec<Found>) {
    let is_amount = |c: char| is_digit(c) || ".．".contains(c);
    let is_joint = |c: char| "-－—–~～到至".contains(c);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let unit = c == '万' || ((c == 'w' || c == 'W') && i > 0 && is_digit(chars[i - 1]));
        let after_budget_word = ends_before(chars, i, "预算") || ends_before(chars, i, "預算");
        if !(unit
            || after_budget_word
                && (is_digit(c) || c == '在' || c == '是' || c == '：' || c == ':'))
        {
            i += 1;
            continue;
        }
        // The amount's extent: from the number before the unit (through a range) to the words
        // after it.
        let (mut start, mut end) = if unit {
            let mut s = i;
            while s > 0
                && (is_amount(chars[s - 1]) || is_joint(chars[s - 1]) || chars[s - 1] == '万')
            {
                s -= 1;
            }
            while s < i && is_joint(chars[s]) {
                s += 1;
            }
            (s, i + 1)
        } else {
            let mut s = i;
            while s < chars.len() && "在是：: ".contains(chars[s]) {
                s += 1;
            }
            let mut e = s;
            while e < chars.len()
                && (is_amount(chars[e]) || is_joint(chars[e]) || "万wW".contains(chars[e]))
            {
                e += 1;
            }
            (s, e)
        };
        if start >= end || !chars[start..end].iter().any(|c| is_digit(*c)) {
            i += 1;
            continue;
        }
        for word in ["左右", "上下", "以内", "以內", "以下", "元"] {
            if at_word(chars, end, word) {
                end += word.chars().count();
                break;
            }
        }
        for word in ["不超过", "不超過", "大约", "大約", "约", "約"] {
            if ends_before(chars, start, word) {
                start -= word.chars().count();
                break;
            }
        }
        i = end.max(i + 1);
        // A mileage, or an amount said of something else, is not a budget.
        let said_of_other = NOT_BUDGET_BEFORE
            .iter()
            .any(|w| (0..=3).any(|gap| start >= gap && ends_before(chars, start - gap, w)));
        let distance = ["公里", "km", "KM", "万公里"]
            .iter()
            .any(|w| at_word(chars, end, w));
        if said_of_other || distance {
            continue;
        }
        if let Some(budget) = Budget::parse(&text_of(chars, start, end)) {
            out.push(Found {
                field: "budget",
                value: budget.to_input(),
                start,
                end,
                series: None,
            });
        }
    }
}

/// Who decides: "妻子做主", "老婆说了算", "听他爸的", "决策人是老板".
fn decision_makers(chars: &[char], out: &mut Vec<Found>) {
    const AFTER: &[&str] = &[
        "做主",
        "作主",
        "说了算",
        "說了算",
        "拍板",
        "决定",
        "決定",
        "定夺",
    ];
    const BEFORE: &[&str] = &["决策人是", "决策人", "決策人", "听", "聽"];
    let known = |start: usize, end: usize| -> Option<DecisionMaker> {
        if is_break(chars[start]) || is_break(chars[end - 1]) {
            return None;
        }
        match Pick::<DecisionMaker>::parse(&text_of(chars, start, end))? {
            Pick::Known(who) => Some(who),
            Pick::Words(_) => None,
        }
    };
    for i in 0..chars.len() {
        if AFTER.iter().any(|w| at_word(chars, i, w)) {
            // The words just before the cue, with a "来" or "最后" between them let go.
            let mut end = i;
            for filler in ["来", "來", "最后", "最後", "说", "說"] {
                if ends_before(chars, end, filler) {
                    end -= filler.chars().count();
                }
            }
            let longest = (1..=5.min(end))
                .rev()
                .find_map(|n| known(end - n, end).map(|w| (n, w)));
            if let Some((n, who)) = longest {
                out.push(Found {
                    field: "decision_maker",
                    value: who.code().to_owned(),
                    start: end - n,
                    end,
                    series: None,
                });
            }
        }
        if let Some(cue) = BEFORE.iter().find(|w| at_word(chars, i, w)) {
            let mut start = i + cue.chars().count();
            // "听他老婆的": the pronoun before whose they are is let go.
            while start < chars.len() && "：: 是他她".contains(chars[start]) {
                start += 1;
            }
            let longest = (1..=5.min(chars.len() - start))
                .rev()
                .find_map(|n| known(start, start + n).map(|w| (n, w)));
            if let Some((n, who)) = longest {
                // "听X的" needs its 的: "听老婆说" is not who decides.
                let listen = cue.starts_with('听') || cue.starts_with('聽');
                if listen && chars.get(start + n) != Some(&'的') {
                    continue;
                }
                out.push(Found {
                    field: "decision_maker",
                    value: who.code().to_owned(),
                    start,
                    end: start + n,
                    series: None,
                });
            }
        }
    }
}

/// Words that say the purchase itself, after the time it is meant for ("下个月提车").
const BUY_WORDS: &[&str] = &[
    "提车", "提車", "买车", "買車", "购车", "購車", "订车", "訂車", "定车", "定車", "下定", "下订",
    "下訂", "拿车", "拿車", "入手", "成交", "买", "買", "购", "購", "定",
];

/// Words between the time and the purchase ("下个月就提车").
const BUY_FILLERS: &[&str] = &[
    "再", "就", "才", "要", "想", "能", "会", "會", "准备", "準備", "打算", "可以",
];

/// When they mean to buy: a time said before a word of buying, read by the profile's
/// timeframe parser; only a time it reads as one (never words).
fn timeframes(chars: &[char], today: NaiveDate, out: &mut Vec<Found>) {
    for i in 0..chars.len() {
        if !BUY_WORDS.iter().any(|w| at_word(chars, i, w)) {
            continue;
        }
        let mut end = i;
        for filler in BUY_FILLERS {
            if ends_before(chars, end, filler) {
                end -= filler.chars().count();
            }
        }
        let mut first = end;
        while first > 0 && end - first < 8 && !is_break(chars[first - 1]) {
            first -= 1;
        }
        let read = (first..end).find_map(|start| {
            match Timeframe::parse(&text_of(chars, start, end), today)? {
                Timeframe::Words(_) => None,
                t => Some((start, t)),
            }
        });
        if let Some((start, t)) = read
            && !out
                .iter()
                .any(|f| f.field == "timeframe" && f.start == start)
        {
            out.push(Found {
                field: "timeframe",
                value: t.to_input(),
                start,
                end,
                series: None,
            });
        }
    }
}

/// The car they drive now: "老车是07年的凯美瑞", "现在开的是2015款朗逸", "跑了8万公里".
fn current_car(chars: &[char], today: NaiveDate, out: &mut Vec<Found>) {
    const CUES: &[&str] = &[
        "老车",
        "老車",
        "旧车",
        "舊車",
        "原车",
        "原車",
        "现在开",
        "現在開",
        "目前开",
        "目前開",
        "现开",
        "开的是",
        "開的是",
    ];
    // After these the car is named only through a link ("老车是…", "旧车：…") or a year.
    const LINKED: &[&str] = &["老车", "老車", "旧车", "舊車", "原车", "原車"];
    let FieldKind::Number { min, max } = spec::car_year.kind else {
        return;
    };
    let Some(cue_at) = (0..chars.len()).find(|&i| CUES.iter().any(|w| at_word(chars, i, w))) else {
        return;
    };
    let Some(cue) = CUES.iter().find(|w| at_word(chars, cue_at, w)) else {
        return;
    };
    let mut i = cue_at + cue.chars().count();
    let linked = !LINKED.contains(cue)
        || chars
            .get(i)
            .is_some_and(|c| "是为為：:".contains(*c) || is_digit(*c));
    if !linked {
        return;
    }
    let skip = |i: &mut usize| {
        while *i < chars.len() && "是的为為：: 了一辆輛台".contains(chars[*i]) {
            *i += 1;
        }
    };
    skip(&mut i);
    // A year: "07年", "2015款", "2015年的".
    let digits_start = i;
    while i < chars.len() && is_digit(chars[i]) {
        i += 1;
    }
    let digits = text_of(chars, digits_start, i);
    if (digits.len() == 2 || digits.len() == 4) && matches!(chars.get(i), Some('年' | '款')) {
        let n: i64 = digits.parse().unwrap_or(0);
        let year = if digits.len() == 2 {
            let century = i64::from(today.year()) / 100 * 100;
            if century + n > i64::from(today.year()) {
                century - 100 + n
            } else {
                century + n
            }
        } else {
            n
        };
        if (min..=max).contains(&year) && year <= i64::from(today.year()) {
            out.push(Found {
                field: "car_year",
                value: year.to_string(),
                start: digits_start,
                end: i + 1,
                series: None,
            });
        }
        i += 1;
        skip(&mut i);
    } else {
        i = digits_start;
    }
    // The model: the word that follows, up to a break.
    let start = i;
    while i < chars.len()
        && i - start < 12
        && !is_break(chars[i])
        && !is_digit(chars[i])
        && !"了还還想要卖賣已在跑开開和也都就".contains(chars[i])
    {
        i += 1;
    }
    let model = text_of(chars, start, i);
    let stop = ["车", "車", "还", "還", "想", "要", "准备", "打算"];
    if model.chars().count() >= 2 && !stop.iter().any(|w| model.starts_with(w)) {
        out.push(Found {
            field: "car_model",
            value: model,
            start,
            end: i,
            series: None,
        });
    }
    // Its mileage: "跑了8万公里", "开了6万多公里".
    for j in i..chars.len().min(i + 12) {
        let Some(unit) = ["万公里", "万多公里", "公里", "km"]
            .iter()
            .find(|w| at_word(chars, j, w))
        else {
            continue;
        };
        let mut s = j;
        while s > 0 && (is_digit(chars[s - 1]) || chars[s - 1] == '.') {
            s -= 1;
        }
        if s == j {
            continue;
        }
        let number = text_of(chars, s, j);
        let km = if unit.starts_with('万') {
            Budget::parse(&format!("{number}万")).map(|b| b.max)
        } else {
            number.parse::<i64>().ok()
        };
        if let (Some(km), FieldKind::Number { min, max }) = (km, spec::car_mileage.kind)
            && (min..=max).contains(&km)
        {
            out.push(Found {
                field: "car_mileage",
                value: km.to_string(),
                start: s,
                end: j + unit.chars().count(),
                series: None,
            });
        }
        break;
    }
}

/// Purposes ("上下班", "家用", "跑长途") and how they pay ("全款", "分期"): the closed lists'
/// own words.
fn purposes_and_payment(chars: &[char], out: &mut Vec<Found>) {
    for i in 0..chars.len() {
        for p in Purpose::ALL {
            if let Some(w) = p.aliases().iter().find(|w| at_word(chars, i, w)) {
                out.push(Found {
                    field: "purposes",
                    value: p.code().to_owned(),
                    start: i,
                    end: i + w.chars().count(),
                    series: None,
                });
            }
        }
        for p in Payment::ALL {
            if let Some(w) = p.aliases().iter().find(|w| at_word(chars, i, w)) {
                // "贷款10万" is a loan's amount, and still says they pay by loan.
                out.push(Found {
                    field: "payment",
                    value: p.code().to_owned(),
                    start: i,
                    end: i + w.chars().count(),
                    series: None,
                });
            }
        }
    }
}

/// A mainland mobile number: eleven digits from 1, read by the profile's phone parser.
fn phones(chars: &[char], out: &mut Vec<Found>) {
    let mut i = 0;
    while i < chars.len() {
        if !is_digit(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_digit(chars[i]) {
            i += 1;
        }
        let digits = text_of(chars, start, i);
        if i - start == 11
            && let Some(phone) = Phone::verified(&digits)
        {
            out.push(Found {
                field: "phones",
                value: phone.input(),
                start,
                end: i,
                series: None,
            });
        }
    }
}

/// Words that say which model they want, before its name ("想看汉兰达").
const MODEL_CUES: &[&str] = &[
    "想看",
    "看中",
    "中意",
    "意向车型是",
    "意向车型",
    "意向車型",
    "意向是",
    "想买",
    "想買",
    "试驾了",
    "試駕了",
];

/// The model they want: a catalogue series (or alias) named anywhere, else the word after a
/// cue ("想看汉兰达"), up to a break or another fact.
fn models(chars: &[char], series: &[SeriesName], out: &mut Vec<Found>) {
    let lower: String = chars.iter().flat_map(|c| c.to_lowercase()).collect();
    // Lowercasing may change the count of a rare character; then only cues are read.
    let comparable = lower.chars().count() == chars.len();
    let taken = |out: &Vec<Found>, s: usize, e: usize| out.iter().any(|f| f.start < e && s < f.end);
    // The character each byte of `lower` starts, for the names found in it.
    let mut char_at = vec![usize::MAX; lower.len() + 1];
    for (n, (b, _)) in lower.char_indices().enumerate() {
        char_at[b] = n;
    }
    // The first name said, the longest where two start together ("宋PLUS" before "宋").
    let mut best: Option<(usize, usize, &SeriesName)> = None;
    if comparable {
        for s in series {
            let name: String = s.said.chars().flat_map(|c| c.to_lowercase()).collect();
            let len = name.chars().count();
            if len == 0 {
                continue;
            }
            for (b, _) in lower.match_indices(name.as_str()) {
                let i = char_at[b];
                let end = i + len;
                if best.is_some_and(|(bs, be, _)| bs < i || (bs == i && be >= end)) {
                    break;
                }
                // A name of one character must stand alone ("汉" in "汉兰达" is not 汉).
                let alone = len > 1
                    || (i == 0
                        || is_break(chars[i - 1])
                        || MODEL_CUES.iter().any(|c| ends_before(chars, i, c)))
                        && (end == chars.len() || is_break(chars[end]));
                if alone && !taken(out, i, end) {
                    best = Some((i, end, s));
                    break;
                }
            }
        }
    }
    let catalogue = best.map(|(start, end, s)| Found {
        field: "models",
        value: s.series.clone(),
        start,
        end,
        series: Some(s.series.clone()),
    });
    if let Some(f) = catalogue {
        out.push(f);
        return;
    }
    for i in 0..chars.len() {
        let Some(cue) = MODEL_CUES.iter().find(|w| at_word(chars, i, w)) else {
            continue;
        };
        let start = i + cue.chars().count();
        let mut end = start;
        while end < chars.len()
            && end - start < 12
            && !is_break(chars[end])
            && !"的了和跟或还吧呢啊".contains(chars[end])
            && !out.iter().any(|f| f.start == end)
        {
            end += 1;
        }
        let word = text_of(chars, start, end);
        // A priority or a purpose is not a model ("看中空间").
        let not_a_model = crate::choices::Priority::parse(&word).is_some()
            || Purpose::parse(&word).is_some()
            || crate::choices::Body::parse(&word).is_some();
        if end > start && !not_a_model && !taken(out, start, end) {
            out.push(Found {
                field: "models",
                value: word,
                start,
                end,
                series: None,
            });
            return;
        }
    }
}

#[cfg(test)]
mod tests;
