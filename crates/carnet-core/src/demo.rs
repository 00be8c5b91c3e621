//! A realistic, reproducible population for a demo book: Chinese names drawn with real
//! surname frequencies, and mainland mobile numbers. The same seed gives the same book.
//!
//! The profile facts that later issues add (models, budgets, levels, family) will be drawn
//! here too, so that demo books stay realistic as the book grows.

use crate::CustomerDraft;

/// A small deterministic generator (SplitMix64): no IO, no global state.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// Surnames with their share of the population in hundredths of a percent (2020 census
/// order, rounded), with a few rarer ones whose readings need care (单, 曾, 解, 仇, 欧阳).
const SURNAMES: &[(&str, u32)] = &[
    ("王", 710),
    ("李", 700),
    ("张", 660),
    ("刘", 540),
    ("陈", 450),
    ("杨", 310),
    ("黄", 220),
    ("赵", 210),
    ("吴", 200),
    ("周", 190),
    ("徐", 130),
    ("孙", 130),
    ("马", 120),
    ("朱", 120),
    ("胡", 110),
    ("郭", 110),
    ("何", 100),
    ("林", 90),
    ("高", 90),
    ("罗", 90),
    ("郑", 80),
    ("梁", 80),
    ("谢", 70),
    ("宋", 60),
    ("唐", 60),
    ("许", 60),
    ("韩", 60),
    ("冯", 50),
    ("邓", 50),
    ("曹", 50),
    ("彭", 50),
    ("曾", 50),
    ("肖", 50),
    ("田", 40),
    ("董", 40),
    ("袁", 40),
    ("潘", 40),
    ("于", 40),
    ("蒋", 40),
    ("蔡", 40),
    ("余", 40),
    ("杜", 40),
    ("叶", 40),
    ("程", 30),
    ("苏", 30),
    ("魏", 30),
    ("吕", 30),
    ("丁", 30),
    ("任", 30),
    ("沈", 30),
    ("姚", 30),
    ("卢", 30),
    ("姜", 30),
    ("崔", 30),
    ("钟", 30),
    ("谭", 30),
    ("陆", 30),
    ("汪", 30),
    ("范", 30),
    ("金", 30),
    ("单", 5),
    ("解", 5),
    ("仇", 4),
    ("欧阳", 5),
    ("区", 3),
];

const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "英", "霞", "平", "刚", "桂", "华", "建", "国", "文", "辉", "玲", "鹏", "飞", "宇",
    "浩", "凯", "婷", "雪", "琳", "晨", "阳", "欣", "怡", "佳", "子", "梓", "涵", "轩", "博", "思",
    "雨", "嘉", "俊", "志", "海", "斌", "丹", "萍", "红", "亮", "波", "鑫", "健", "峰", "龙", "慧",
    "颖", "立", "新", "春", "成", "荣",
];

/// Mainland mobile prefixes in wide use.
const MOBILE_PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
    "156", "157", "158", "159", "176", "177", "180", "181", "182", "183", "185", "186", "187",
    "188", "189", "191", "199",
];

fn surname(rng: &mut Rng) -> &'static str {
    let total: u32 = SURNAMES.iter().map(|(_, w)| w).sum();
    let mut ticket = rng.below(u64::from(total)) as u32;
    for (name, weight) in SURNAMES {
        if ticket < *weight {
            return name;
        }
        ticket -= weight;
    }
    SURNAMES[0].0
}

/// `n` customers for a demo book; the same `seed` gives the same customers.
pub fn customers(n: usize, seed: u64) -> Vec<CustomerDraft> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|_| {
            let mut name = surname(&mut rng).to_owned();
            name.push_str(rng.pick(GIVEN));
            if rng.chance(65) {
                name.push_str(rng.pick(GIVEN));
            }
            let phone = rng
                .chance(92)
                .then(|| format!("{}{:08}", rng.pick(MOBILE_PREFIXES), rng.below(100_000_000)));
            CustomerDraft { name, phone }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_book_and_another_seed_another() {
        assert_eq!(customers(50, 7), customers(50, 7));
        assert_ne!(customers(50, 7), customers(50, 8));
    }

    #[test]
    fn every_demo_customer_is_valid() {
        for draft in customers(2_000, 1) {
            let facts = draft
                .validate()
                .unwrap_or_else(|e| panic!("{draft:?}: {e:?}"));
            let chars = facts.name.chars().count();
            assert!((2..=4).contains(&chars), "{}", facts.name);
        }
    }

    #[test]
    fn surnames_follow_their_frequencies() {
        let drafts = customers(20_000, 3);
        let share =
            |s: &str| drafts.iter().filter(|d| d.name.starts_with(s)).count() as f64 / 20_000.0;
        // Weights are relative to the table's total; 王 draws 710 of them.
        let total: u32 = SURNAMES.iter().map(|(_, w)| w).sum();
        let expected = 710.0 / f64::from(total);
        assert!(
            (share("王") - expected).abs() < 0.01,
            "王 {} vs {expected}",
            share("王")
        );
        assert!(share("王") > share("杨") && share("杨") > share("韩"));
        assert!(share("欧阳") > 0.0, "rare surnames appear too");
        let with_phone = drafts.iter().filter(|d| d.phone.is_some()).count() as f64 / 20_000.0;
        assert!((0.89..0.95).contains(&with_phone), "{with_phone}");
    }
}
