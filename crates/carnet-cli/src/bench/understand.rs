//! The Customize step's figures for the brief and notes understood: each the whole use case as
//! the desktop calls it.

use std::time::{Duration, Instant};

use carnet_app::{App, AppError, CustomerDto};
use carnet_core::demo::Rng;

use super::{ClassFigures, QUERIES, WARM_UP, figures};

/// Pieces a consultant types in a note, facts and chatter alike.
const PIECES: &[&str] = &[
    "预算25万左右",
    "想看汉兰达",
    "妻子做主",
    "下个月提车",
    "老车是07年的凯美瑞",
    "客户说再考虑考虑",
    "下午三点来电",
    "家里有2个孩子",
    "3号来店",
    "主要上下班代步",
    "对比了隔壁店的报价",
    "20万以内 分期",
    "听他老婆的",
    "周末带家人来试驾",
    "担心油耗太高，每天通勤六十公里",
    "现在开的是2015款朗逸 跑了8万公里",
    "不要打电话太早",
];

/// The length of a timed note, in characters.
pub const NOTE_CHARS: usize = 200;

/// A note of [`NOTE_CHARS`] characters made of `PIECES`, drawn by `rng`.
fn note(rng: &mut Rng) -> String {
    let mut text = String::new();
    while text.chars().count() < NOTE_CHARS {
        text.push_str(PIECES[rng.below(PIECES.len() as u64) as usize]);
        text.push(' ');
    }
    text.chars().take(NOTE_CHARS).collect()
}

/// `brief`: `App::brief` for one customer drawn from the book (reading the customer, their
/// timeline, prompts, standing, family and the catalogue, then the talking points).
/// `understand_note`: `App::understand` of a 200-character note against one customer (reading
/// the profile and the catalogue's series names, then the note).
pub(super) fn customize(
    app: &App,
    everyone: &[CustomerDto],
    rng: &mut Rng,
    classes: &mut Vec<ClassFigures>,
) -> Result<(), AppError> {
    if everyone.is_empty() {
        return Ok(());
    }
    let mut briefs: Vec<Duration> = Vec::new();
    let mut notes: Vec<Duration> = Vec::new();
    for run in 0..QUERIES + WARM_UP {
        let who = &everyone[rng.below(everyone.len() as u64) as usize];
        let start = Instant::now();
        app.brief(&who.id, None)?;
        let brief = start.elapsed();
        let text = note(rng);
        let start = Instant::now();
        app.understand(Some(&who.id), &text)?;
        let understood = start.elapsed();
        if run >= WARM_UP {
            briefs.push(brief);
            notes.push(understood);
        }
    }
    classes.push(figures("brief", briefs, Some(10.0)));
    classes.push(figures("understand_note", notes, Some(2.0)));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timed_note_has_its_length_and_says_facts() {
        let mut rng = Rng::new(7);
        for _ in 0..20 {
            let text = note(&mut rng);
            assert_eq!(text.chars().count(), NOTE_CHARS);
        }
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("day");
        let text = note(&mut Rng::new(7));
        assert!(!carnet_core::understand::understand(&text, None, &[], today).is_empty());
    }
}
