//! The words a message's fields are written in: dates, titles, surnames, family relations
//! and holidays, in 简体, 繁體 or English.

use chrono::{Datelike, NaiveDate};

use crate::birthday::Calendar;
use crate::choices::{Occasion, Pick, Relation, TextLanguage, Title};

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A day as a message writes it: 2026年3月8日, 8 March 2026.
pub(super) fn date(d: NaiveDate, lang: TextLanguage) -> String {
    match lang {
        TextLanguage::En => format!(
            "{} {} {}",
            d.day(),
            MONTHS_EN[d.month0() as usize],
            d.year()
        ),
        _ => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
    }
}

/// The Chinese numerals of a lunar day (初一 … 三十) and month (正月 … 腊月).
fn lunar_day(day: u8) -> String {
    const DIGITS: [&str; 11] = [
        "", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    let d = usize::from(day);
    match d {
        1..=10 => format!("初{}", DIGITS[d]),
        11..=19 => format!("十{}", DIGITS[d - 10]),
        20 => "二十".into(),
        21..=29 => format!("廿{}", DIGITS[d - 20]),
        30 => "三十".into(),
        _ => day.to_string(),
    }
}

fn lunar_month(month: u8, lang: TextLanguage) -> String {
    const MONTHS: [&str; 12] = [
        "正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊",
    ];
    match (month, lang) {
        (12, TextLanguage::ZhHant) => "臘月".into(),
        (1..=12, _) => format!("{}月", MONTHS[usize::from(month) - 1]),
        _ => format!("{month}月"),
    }
}

/// A birthday as a message writes it: 3月8日, 农历八月十五, 8 March, the 15th of the 8th
/// lunar month.
pub(super) fn birthday(calendar: Calendar, month: u8, day: u8, lang: TextLanguage) -> String {
    match (calendar, lang) {
        (Calendar::Solar, TextLanguage::En) => {
            let name = MONTHS_EN
                .get(usize::from(month).saturating_sub(1))
                .copied()
                .unwrap_or("");
            format!("{day} {name}")
        }
        (Calendar::Solar, _) => format!("{month}月{day}日"),
        (Calendar::Lunar, TextLanguage::ZhHans) => {
            format!("农历{}{}", lunar_month(month, lang), lunar_day(day))
        }
        (Calendar::Lunar, TextLanguage::ZhHant) => {
            format!("農曆{}{}", lunar_month(month, lang), lunar_day(day))
        }
        (Calendar::Lunar, TextLanguage::En) => format!(
            "the {} day of the {} lunar month",
            english_ordinal(u32::from(day)),
            english_ordinal(u32::from(month))
        ),
    }
}

fn english_ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The count of an anniversary: 3 in Chinese (购车3周年), 3rd in English.
pub(super) fn ordinal(n: u32, lang: TextLanguage) -> String {
    match lang {
        TextLanguage::En => english_ordinal(n),
        _ => n.to_string(),
    }
}

/// The title after a Chinese surname.
pub(super) fn chinese_title(title: Title, lang: TextLanguage) -> &'static str {
    let hant = lang == TextLanguage::ZhHant;
    match title {
        Title::Mr => "先生",
        Title::Ms => "女士",
        Title::Miss => "小姐",
        Title::Boss if hant => "總",
        Title::Boss => "总",
        Title::Teacher if hant => "老師",
        Title::Teacher => "老师",
        Title::Doctor if hant => "醫生",
        Title::Doctor => "医生",
    }
}

/// The title before an English surname; `None` where English has none (a boss, a teacher).
pub(super) fn english_title(title: Title) -> Option<&'static str> {
    match title {
        Title::Mr => Some("Mr"),
        Title::Ms => Some("Ms"),
        Title::Miss => Some("Miss"),
        Title::Doctor => Some("Dr"),
        Title::Boss | Title::Teacher => None,
    }
}

/// Whether a name as kept already says how to address them (张先生, 李总, 王姐).
pub(super) fn carries_title(name: &str) -> bool {
    const ENDINGS: [&str; 16] = [
        "先生", "女士", "小姐", "总", "總", "老师", "老師", "医生", "醫生", "大夫", "姐", "哥",
        "老板", "老闆", "经理", "經理",
    ];
    name.chars().count() >= 2 && ENDINGS.iter().any(|e| name.ends_with(e))
}

/// The surname: the first character of a Chinese name (two for a compound surname such as
/// 欧阳), the last word of a name in Latin letters.
pub(super) fn surname(name: &str) -> String {
    const COMPOUND: [&str; 24] = [
        "欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "皇甫", "尉迟",
        "尉遲", "公孙", "公孫", "慕容", "长孙", "長孫", "令狐", "夏侯", "司徒", "端木", "西门",
        "西門", "宇文",
    ];
    let name = name.trim();
    let first = name.chars().next();
    if first.is_some_and(|c| c.is_ascii_alphabetic()) {
        return name.split_whitespace().last().unwrap_or(name).to_owned();
    }
    if name.chars().count() > 2
        && let Some(compound) = COMPOUND.iter().find(|c| name.starts_with(*c))
    {
        return (*compound).to_owned();
    }
    first.map(String::from).unwrap_or_default()
}

/// A family member's relation as a message names them (太太, 兒子, wife); the consultant's
/// own words as said.
pub(super) fn relation(who: &str, lang: TextLanguage) -> String {
    let Some(Pick::Known(relation)) = Pick::<Relation>::parse(who) else {
        return who.trim().to_owned();
    };
    let (hans, hant, en) = match relation {
        Relation::Wife => ("爱人", "愛人", "wife"),
        Relation::Husband => ("爱人", "愛人", "husband"),
        Relation::Spouse => ("爱人", "愛人", "partner"),
        Relation::Son => ("儿子", "兒子", "son"),
        Relation::Daughter => ("女儿", "女兒", "daughter"),
        Relation::Father => ("父亲", "父親", "father"),
        Relation::Mother => ("母亲", "母親", "mother"),
        Relation::FatherInLaw => ("岳父", "岳父", "father-in-law"),
        Relation::MotherInLaw => ("岳母", "岳母", "mother-in-law"),
        Relation::SonInLaw => ("女婿", "女婿", "son-in-law"),
        Relation::DaughterInLaw => ("儿媳", "兒媳", "daughter-in-law"),
        Relation::Grandfather => ("家里老爷子", "家裡老爺子", "grandfather"),
        Relation::Grandmother => ("家里老太太", "家裡老太太", "grandmother"),
        Relation::Grandson => ("孙子", "孫子", "grandson"),
        Relation::Granddaughter => ("孙女", "孫女", "granddaughter"),
        Relation::Brother => ("兄弟", "兄弟", "brother"),
        Relation::Sister => ("姐妹", "姐妹", "sister"),
        Relation::Other => ("家人", "家人", "family member"),
    };
    match lang {
        TextLanguage::ZhHans => hans,
        TextLanguage::ZhHant => hant,
        TextLanguage::En => en,
    }
    .to_owned()
}

/// A holiday occasion's name (春节, 中秋節, Mid-Autumn Festival); empty for an occasion that
/// is no holiday.
pub(super) fn holiday(occasion: Occasion, lang: TextLanguage) -> &'static str {
    let (hans, hant, en) = match occasion {
        Occasion::SpringFestival => ("春节", "春節", "Spring Festival"),
        Occasion::DragonBoat => ("端午节", "端午節", "Dragon Boat Festival"),
        Occasion::MidAutumn => ("中秋节", "中秋節", "Mid-Autumn Festival"),
        Occasion::NationalDay => ("国庆节", "國慶節", "National Day"),
        Occasion::NewYear => ("元旦", "元旦", "New Year"),
        _ => ("", "", ""),
    };
    match lang {
        TextLanguage::ZhHans => hans,
        TextLanguage::ZhHant => hant,
        TextLanguage::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames_dates_and_lunar_days_read_as_people_write_them() {
        assert_eq!(surname("张伟"), "张");
        assert_eq!(surname("欧阳娜娜"), "欧阳");
        assert_eq!(surname("欧阳"), "欧");
        assert_eq!(surname("John Smith"), "Smith");
        assert!(carries_title("张先生"));
        assert!(carries_title("李总"));
        assert!(!carries_title("张伟"));
        let d = NaiveDate::from_ymd_opt(2026, 3, 8).expect("date");
        assert_eq!(date(d, TextLanguage::ZhHans), "2026年3月8日");
        assert_eq!(date(d, TextLanguage::En), "8 March 2026");
        assert_eq!(
            birthday(Calendar::Lunar, 8, 15, TextLanguage::ZhHans),
            "农历八月十五"
        );
        assert_eq!(
            birthday(Calendar::Lunar, 1, 1, TextLanguage::ZhHant),
            "農曆正月初一"
        );
        assert_eq!(
            birthday(Calendar::Lunar, 12, 23, TextLanguage::ZhHant),
            "農曆臘月廿三"
        );
        assert_eq!(
            birthday(Calendar::Lunar, 8, 15, TextLanguage::En),
            "the 15th day of the 8th lunar month"
        );
        assert_eq!(
            birthday(Calendar::Solar, 11, 2, TextLanguage::En),
            "2 November"
        );
        assert_eq!(ordinal(1, TextLanguage::En), "1st");
        assert_eq!(ordinal(12, TextLanguage::En), "12th");
        assert_eq!(ordinal(23, TextLanguage::En), "23rd");
        assert_eq!(relation("wife", TextLanguage::En), "wife");
        assert_eq!(relation("老婆", TextLanguage::ZhHant), "愛人");
        assert_eq!(relation("干爹", TextLanguage::ZhHans), "干爹");
    }
}
