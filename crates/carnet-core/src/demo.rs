//! A realistic, reproducible population for a demo book: Chinese names drawn with real
//! surname frequencies and given names drawn by sex with real given-name frequencies (a 女士
//! is not called 波), mainland mobile numbers, models and budgets that fit each other,
//! levels with matching timeframes, family members with (often lunar) birthdays, and the
//! notes consultants write. The same seed gives the same book. `aged_book` (in `ages.rs`)
//! gives them the histories two years in a consultant's book leave.

use crate::{FamilyDraft, ModelWish, ProfileDraft};

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

/// The characters of given names with how many men and women bear each (born 1970–1999, by
/// the national register), from `assets/names/given.csv`: see its README for the source.
const GIVEN_CSV: &str = include_str!("../../../assets/names/given.csv");

/// A customer's sex, as their form of address says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    /// The form of address (`title`) a customer of this sex is written with.
    pub fn title(self) -> &'static str {
        match self {
            Sex::Male => "mr",
            Sex::Female => "ms",
        }
    }
}

/// The given-name characters with their weight for men and for women.
pub struct GivenNames {
    /// (character, men, women).
    pub chars: Vec<(char, u64, u64)>,
    male_total: u64,
    female_total: u64,
}

impl GivenNames {
    fn parse(csv: &str) -> GivenNames {
        let chars: Vec<(char, u64, u64)> = csv
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut cells = line.split(',');
                let c = cells.next()?.chars().next()?;
                let men = cells.next()?.trim().parse().ok()?;
                let women = cells.next()?.trim().parse().ok()?;
                Some((c, men, women))
            })
            .collect();
        GivenNames {
            male_total: chars.iter().map(|c| c.1).sum(),
            female_total: chars.iter().map(|c| c.2).sum(),
            chars,
        }
    }

    /// The table built into the program.
    pub fn table() -> &'static GivenNames {
        static TABLE: std::sync::OnceLock<GivenNames> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| GivenNames::parse(GIVEN_CSV))
    }

    /// How many of `sex` bear `c` (0 when it is not among their most used).
    pub fn weight(&self, c: char, sex: Sex) -> u64 {
        self.chars
            .iter()
            .find(|g| g.0 == c)
            .map_or(0, |g| if sex == Sex::Male { g.1 } else { g.2 })
    }

    /// A character drawn with the frequencies of `sex`.
    fn draw(&self, rng: &mut Rng, sex: Sex) -> char {
        let total = if sex == Sex::Male {
            self.male_total
        } else {
            self.female_total
        };
        let mut ticket = rng.below(total.max(1));
        for &(c, men, women) in &self.chars {
            let w = if sex == Sex::Male { men } else { women };
            if ticket < w {
                return c;
            }
            ticket -= w;
        }
        self.chars.first().map_or('明', |c| c.0)
    }
}

/// Mainland mobile prefixes in wide use.
const MOBILE_PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
    "156", "157", "158", "159", "176", "177", "180", "181", "182", "183", "185", "186", "187",
    "188", "189", "191", "199",
];

/// A demo customer: the profile and the family, as if typed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoCustomer {
    pub profile: ProfileDraft,
    pub family: Vec<FamilyDraft>,
}

/// The models of a (BYD) showroom with their price range in 万: the series of the sample
/// catalogue (`assets/catalogue/byd.csv`), from its cheapest trim's price (rounded down) to
/// its dearest (rounded up). carnet-app's tests hold the two together.
pub const MODELS: &[(&str, u32, u32)] = &[
    ("海鸥", 6, 9),
    ("海豚", 9, 10),
    ("元PLUS", 11, 12),
    ("秦PLUS", 7, 17),
    ("驱逐舰05", 7, 8),
    ("海豹06", 9, 11),
    ("宋PLUS", 12, 19),
    ("汉", 17, 18),
    ("海狮07EV", 18, 24),
    ("海豹", 21, 29),
    ("唐", 27, 32),
];
const TRIMS: &[&str] = &["荣耀版", "冠军版", "尊贵型", "旗舰型", "领先型"];
const COLOURS: &[&str] = &["雪域白", "时间灰", "汉宫红", "极地蓝", "墨玉黑"];
/// Levels with their weights (a book has more owners and far prospects than hot leads).
const LEVELS: &[(&str, u32)] = &[
    ("N", 10),
    ("H", 8),
    ("A", 12),
    ("B", 18),
    ("C", 22),
    ("O", 5),
    ("D", 20),
    ("F", 5),
];
const NOTES: &[&str] = &[
    "周末带家人来试驾",
    "关心电池衰减和质保",
    "对比过特斯拉Model 3",
    "希望送贴膜和脚垫",
    "孩子刚上小学，需要大空间",
    "二胎家庭，后排要宽",
    "上班单程40公里，看重续航",
    "担心保值率",
    "想用旧车置换，先评估",
    "爱人比较喜欢白色",
    "小区能装充电桩",
    "在等年底优惠",
    "经常跑高速回老家",
    "做生意要拉货",
];
const WORRIES: &[&str] = &[
    "续航不够",
    "充电不方便",
    "保值率",
    "售后网点少",
    "价格还会降",
];
const CARES: &[&str] = &["空间", "安全", "续航", "智能座舱", "价格", "舒适性"];
const HOBBIES: &[&str] = &["钓鱼", "自驾游", "羽毛球", "摄影", "露营", "跑步"];
const OCCUPATIONS: &[&str] = &[
    "教师",
    "医生",
    "程序员",
    "个体户",
    "公务员",
    "销售",
    "工程师",
];
const REGIONS: &[&str] = &[
    "深圳市南山区",
    "深圳市福田区",
    "深圳市宝安区",
    "东莞市",
    "惠州市",
];
const TAGS: &[&str] = &["VIP", "老客户介绍", "价格敏感", "二胎", "网约车"];
const OLD_CARS: &[(&str, &str)] = &[
    ("大众", "朗逸"),
    ("丰田", "卡罗拉"),
    ("本田", "思域"),
    ("日产", "轩逸"),
    ("别克", "英朗"),
    ("吉利", "帝豪"),
];
const PLATE_LETTERS: &[&str] = &["B", "S", "L"];

fn weighted(rng: &mut Rng, table: &[(&'static str, u32)]) -> &'static str {
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut ticket = rng.below(u64::from(total)) as u32;
    for (value, weight) in table {
        if ticket < *weight {
            return value;
        }
        ticket -= weight;
    }
    table[0].0
}

/// A full name for someone of `sex`: a surname by its frequency, then one or two given-name
/// characters by their frequency among that sex.
fn name(rng: &mut Rng, sex: Sex) -> String {
    let given = GivenNames::table();
    let mut name = weighted(rng, SURNAMES).to_owned();
    name.push(given.draw(rng, sex));
    if rng.chance(65) {
        name.push(given.draw(rng, sex));
    }
    name
}

fn mobile(rng: &mut Rng) -> String {
    format!("{}{:08}", rng.pick(MOBILE_PREFIXES), rng.below(100_000_000))
}

/// A budget written as consultants write it, around the model's price range.
fn budget(rng: &mut Rng, low: u32, high: u32) -> String {
    let low = low + rng.below(2) as u32;
    let high = high.max(low + 1);
    match rng.below(10) {
        0..=4 => format!("{low}-{high}万"),
        5 | 6 => format!("{high}万以内"),
        7 | 8 => format!("{}万左右", (low + high) / 2),
        _ => format!("{}", (low + high) / 2 * 10_000),
    }
}

fn birthday(rng: &mut Rng, from_year: u64, span: u64) -> String {
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    if rng.chance(20) {
        format!("{month:02}-{day:02}")
    } else {
        format!("{}-{month:02}-{day:02}", from_year + rng.below(span))
    }
}

fn customer(rng: &mut Rng) -> DemoCustomer {
    let sex = if rng.chance(55) {
        Sex::Male
    } else {
        Sex::Female
    };
    let mut p = ProfileDraft {
        name: name(rng, sex),
        title: sex.title().to_owned(),
        ..ProfileDraft::default()
    };
    if rng.chance(92) {
        p.phones.push(mobile(rng));
        if rng.chance(8) {
            p.phones.push(mobile(rng));
        }
    }
    let level = weighted(rng, LEVELS);
    p.level = level.to_owned();
    p.timeframe = match level {
        "H" => "一周内",
        "A" => "半个月内",
        "B" => "一个月内",
        "C" => "三个月内",
        _ => "",
    }
    .to_owned();
    let known = |rng: &mut Rng, percent| level != "N" && rng.chance(percent);
    let (model, low, high) = rng.pick(MODELS);
    if level != "N" || rng.chance(50) {
        p.models.push(ModelWish {
            model: model.to_owned(),
            trim: if rng.chance(50) { rng.pick(TRIMS) } else { "" }.to_owned(),
            colour: if rng.chance(40) {
                rng.pick(COLOURS)
            } else {
                ""
            }
            .to_owned(),
        });
        if rng.chance(15) {
            let (other, _, _) = rng.pick(MODELS);
            if other != model {
                p.models.push(ModelWish::parse(other));
            }
        }
    }
    if known(rng, 80) {
        p.budget = budget(rng, low, high);
    }
    if known(rng, 60) {
        p.reason = rng
            .pick(&["first_car", "replacement", "additional"])
            .to_owned();
    }
    if known(rng, 70) {
        p.purposes.push(
            rng.pick(&["commute", "family", "business", "long_trips", "cargo"])
                .into(),
        );
        if rng.chance(40) {
            p.purposes.push("family".into());
        }
    }
    if known(rng, 60) {
        p.decision_maker = rng
            .pick(&["self", "self", "spouse", "parents", "company"])
            .to_owned();
    }
    if known(rng, 55) {
        p.payment = rng.pick(&["cash", "loan", "loan", "lease"]).to_owned();
    }
    p.source = rng
        .pick(&[
            "walk_in", "walk_in", "phone", "online", "online", "referral", "show",
        ])
        .to_owned();
    if rng.chance(40) {
        let (brand, old) = rng.pick(OLD_CARS);
        p.car_brand = brand.to_owned();
        p.car_model = old.to_owned();
        p.car_year = (2010 + rng.below(12)).to_string();
        p.car_mileage = (20_000 + rng.below(150_000)).to_string();
        p.car_plate = format!("粤{}{:05}", rng.pick(PLATE_LETTERS), rng.below(100_000));
    }
    if rng.chance(50) {
        let mut priorities: Vec<String> = Vec::new();
        while priorities.len() < 3 {
            let pick = rng
                .pick(&[
                    "power",
                    "comfort",
                    "appearance",
                    "fuel_economy",
                    "space",
                    "safety",
                    "price",
                    "after_sales",
                ])
                .to_owned();
            if !priorities.contains(&pick) {
                priorities.push(pick);
            }
        }
        p.priorities = priorities;
    }
    if rng.chance(45) {
        p.occupation = rng.pick(OCCUPATIONS).to_owned();
    }
    if rng.chance(60) {
        p.region = rng.pick(REGIONS).to_owned();
    }
    if rng.chance(35) {
        p.worry = rng.pick(WORRIES).to_owned();
    }
    if rng.chance(35) {
        p.cares = rng.pick(CARES).to_owned();
    }
    if rng.chance(20) {
        p.hobbies = rng.pick(HOBBIES).to_owned();
    }
    if rng.chance(15) {
        p.tags.push(rng.pick(TAGS).to_owned());
    }
    if rng.chance(55) {
        p.notes = rng.pick(NOTES).to_owned();
    }
    if rng.chance(30) {
        p.birthday = birthday(rng, 1960, 45);
        p.birthday_lunar = rng.chance(30);
    }
    let mut family = Vec::new();
    if rng.chance(35) {
        let (spouse, relation) = match sex {
            Sex::Male => (Sex::Female, "wife"),
            Sex::Female => (Sex::Male, "husband"),
        };
        family.push(FamilyDraft {
            name: name(rng, spouse),
            relation: relation.to_owned(),
            birthday: birthday(rng, 1960, 45),
            birthday_lunar: rng.chance(35),
            ..FamilyDraft::default()
        });
        if rng.chance(50) {
            family.push(FamilyDraft {
                name: String::new(),
                relation: rng.pick(&["son", "daughter"]).to_owned(),
                birthday: birthday(rng, 2005, 18),
                ..FamilyDraft::default()
            });
        }
    }
    DemoCustomer { profile: p, family }
}

/// `n` customers for a demo book; the same `seed` gives the same customers.
pub fn customers(n: usize, seed: u64) -> Vec<DemoCustomer> {
    let mut rng = Rng::new(seed);
    (0..n).map(|_| customer(&mut rng)).collect()
}

const CONTACT_NOTES: &[&str] = &[
    "聊了配置和颜色",
    "问了贷款方案",
    "约了周末试驾",
    "还在比较竞品",
    "家里人想再看看",
    "关心充电桩安装",
    "问了置换补贴",
    "发了报价单",
    "对内饰很满意",
    "觉得价格偏高",
];
const PROMISES: &[&str] = &[
    "发最新报价",
    "问一下店长能否再优惠",
    "确认到车时间",
    "发置换评估结果",
];

mod ages;

pub use ages::{AgedCustomer, AgedInteraction, AgedLevelChange, HISTORY_DAYS, Handled, aged_book};

#[cfg(test)]
mod tests;
