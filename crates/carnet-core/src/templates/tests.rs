use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::history::SaleDetails;
use crate::interaction::InteractionFacts;
use crate::profile::ModelWish;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn interaction(kind: InteractionKind, on: NaiveDate, sale: SaleDetails) -> Interaction {
    Interaction {
        id: format!("{}-{on}", kind.code()),
        facts: InteractionFacts {
            kind,
            at: on.and_hms_opt(10, 0, 0).expect("time"),
            outcome: None,
            satisfaction: None,
            promise: None,
            notes: None,
            next: None,
            appointment: None,
            spend: None,
        },
        sale,
        resolved_at: None,
        resolution: None,
        created_at: Utc
            .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
            .single()
            .expect("utc"),
    }
}

/// A customer with every fact a message may name: an owner who took delivery of a 汉 on
/// 10 January 2026, seen on 20 February 2026.
fn full_profile() -> Profile {
    let mut p = Profile::named("张伟", None);
    p.title = Some(Title::Mr);
    p.models = vec![ModelWish::parse("汉 EV")];
    p.birthday = Birthday::parse("1985-03-08", false);
    p
}

fn owner_history() -> Vec<Interaction> {
    vec![
        interaction(
            InteractionKind::Order,
            day(2025, 12, 20),
            SaleDetails {
                model: Some("汉 EV 605KM".into()),
                price: Some(209_800),
                ..SaleDetails::default()
            },
        ),
        interaction(
            InteractionKind::Delivery,
            day(2026, 1, 10),
            SaleDetails {
                plate: Some("粤B12345".into()),
                ..SaleDetails::default()
            },
        ),
    ]
}

fn sender() -> Sender {
    Sender {
        consultant: "王芳".into(),
        phone: "138 1234 5678".into(),
        dealership: "比亚迪南山店".into(),
        offer: "置换补贴5000元".into(),
    }
}

/// The prompt that calls for each occasion (none for the ones the consultant picks).
fn prompt_for(occasion: Occasion) -> Option<(PromptKind, PromptParams)> {
    let birthday = |who: &str, calendar, month, day| {
        (
            PromptKind::Birthday,
            PromptParams::Birthday {
                who: who.into(),
                name: "李娜".into(),
                calendar,
                month,
                day,
            },
        )
    };
    let holiday = |code: &str| {
        (
            PromptKind::Holiday,
            PromptParams::Holiday {
                holiday: code.into(),
            },
        )
    };
    let after_sale = |step, year, days| {
        (
            PromptKind::AfterSale,
            PromptParams::AfterSale { step, year, days },
        )
    };
    Some(match occasion {
        Occasion::Birthday => birthday("self", Calendar::Solar, 3, 8),
        Occasion::LunarBirthday => birthday("self", Calendar::Lunar, 8, 15),
        Occasion::FamilyBirthday => birthday("wife", Calendar::Solar, 5, 1),
        Occasion::SpringFestival => holiday("spring_festival"),
        Occasion::DragonBoat => holiday("dragon_boat"),
        Occasion::MidAutumn => holiday("mid_autumn"),
        Occasion::NationalDay => holiday("national_day"),
        Occasion::NewYear => holiday("new_year"),
        Occasion::DeliveryAnniversary => after_sale(AfterSaleKind::Anniversary, 1, 365),
        Occasion::FirstService => after_sale(AfterSaleKind::Service, 0, 90),
        Occasion::InsuranceRenewal => after_sale(AfterSaleKind::Insurance, 1, 335),
        Occasion::Inspection => after_sale(AfterSaleKind::Inspection, 6, 2191),
        Occasion::ComplaintFollowUp => (
            PromptKind::Complaint,
            PromptParams::Complaint {
                opened: day(2026, 2, 18),
            },
        ),
        Occasion::WinBack => (
            PromptKind::Revisit,
            PromptParams::Revisit { lost_reason: None },
        ),
        Occasion::ThanksVisit | Occasion::AfterTestDrive | Occasion::AfterQuote => return None,
    })
}

#[test]
fn every_default_renders_for_a_full_profile_in_every_language_with_no_field_left() {
    let rules = Rules::default();
    let sender = sender();
    let all = defaults();
    let today = day(2026, 2, 20);
    assert_eq!(all.len(), Occasion::ALL.len() * TextLanguage::ALL.len());
    for t in &all {
        let prompt = prompt_for(t.occasion);
        let sample = sample(t.occasion, today);
        assert_eq!(
            sample.prompt,
            prompt.clone().map(|(_, p)| p),
            "the sample's prompt for {:?}",
            t.occasion
        );
        let (profile, history) = (&sample.profile, &sample.interactions);
        if let Some((kind, params)) = &prompt {
            assert_eq!(
                occasion_of(*kind, params),
                Some(t.occasion),
                "the prompt for {:?} calls for it",
                t.occasion
            );
        }
        let facts = MessageFacts {
            profile,
            interactions: history,
            rules: &rules,
            sender: &sender,
            prompt: prompt.as_ref().map(|(_, p)| p),
            occasion: t.occasion,
            language: t.language,
            today,
        };
        check(&t.name, &t.body).unwrap_or_else(|e| panic!("{}: {e:?}", t.id));
        let rendered = render(&t.body, &merge_values(&facts)).expect("renders");
        assert!(rendered.complete(), "{}: {:?}", t.id, rendered.missing);
        assert!(
            !rendered.text.contains(['{', '}']),
            "{}: {}",
            t.id,
            rendered.text
        );
        // One screen of WeChat; in English, words are longer than characters.
        let most = if t.language == TextLanguage::En {
            260
        } else {
            110
        };
        assert!(
            rendered.text.chars().count() <= most,
            "{} is too long for a message: {}",
            t.id,
            rendered.text
        );
        let salutation = match t.language {
            TextLanguage::En => "Mr 张",
            _ => "张先生",
        };
        assert!(rendered.text.contains(salutation), "{}", rendered.text);
        assert!(
            rendered.text.chars().count() > 20,
            "{}: {}",
            t.id,
            rendered.text
        );
    }
}

#[test]
fn the_fields_fill_in_as_a_message_says_them() {
    let profile = full_profile();
    let history = owner_history();
    let rules = Rules::default();
    let sender = sender();
    let values = |occasion, language| {
        let prompt = prompt_for(occasion).map(|(_, p)| p);
        merge_values(&MessageFacts {
            profile: &profile,
            interactions: &history,
            rules: &rules,
            sender: &sender,
            prompt: prompt.as_ref(),
            occasion,
            language,
            today: day(2026, 2, 20),
        })
    };
    let hans = values(Occasion::FirstService, TextLanguage::ZhHans);
    let cases = [
        (MergeField::Salutation, Some("张先生")),
        (MergeField::Name, Some("张伟")),
        (MergeField::Model, Some("汉 EV 605KM")),
        (MergeField::Plate, Some("粤B12345")),
        (MergeField::DeliveryDate, Some("2026年1月10日")),
        (MergeField::NextService, Some("2026年4月10日")),
        (MergeField::InsuranceDue, Some("2027年1月10日")),
        (MergeField::InspectionDue, Some("2032年1月10日")),
        (MergeField::Anniversary, Some("1")),
        (MergeField::Birthday, Some("3月8日")),
        (MergeField::Holiday, None),
        (MergeField::Relative, None),
        (MergeField::Consultant, Some("王芳")),
        (MergeField::ConsultantPhone, Some("138 1234 5678")),
        (MergeField::Dealership, Some("比亚迪南山店")),
        (MergeField::Offer, Some("置换补贴5000元")),
    ];
    for (field, want) in cases {
        assert_eq!(hans.get(field), want, "{field:?}");
    }
    let family = values(Occasion::FamilyBirthday, TextLanguage::ZhHant);
    assert_eq!(family.get(MergeField::Relative), Some("愛人"));
    assert_eq!(family.get(MergeField::Birthday), Some("5月1日"));
    let en = values(Occasion::MidAutumn, TextLanguage::En);
    assert_eq!(en.get(MergeField::Holiday), Some("Mid-Autumn Festival"));
    assert_eq!(en.get(MergeField::Salutation), Some("Mr 张"));
    assert_eq!(en.get(MergeField::DeliveryDate), Some("10 January 2026"));
    let anniversary = values(Occasion::DeliveryAnniversary, TextLanguage::En);
    assert_eq!(anniversary.get(MergeField::Anniversary), Some("1st"));
}

#[test]
fn a_lunar_birthday_is_said_in_the_lunar_calendar() {
    let mut profile = full_profile();
    profile.birthday = Birthday::parse("08-15", true);
    let rules = Rules::default();
    let sender = sender();
    for (language, prompt, want) in [
        (TextLanguage::ZhHans, None, "农历八月十五"),
        (
            TextLanguage::ZhHant,
            Some(PromptParams::Birthday {
                who: "self".into(),
                name: "张伟".into(),
                calendar: Calendar::Lunar,
                month: 1,
                day: 1,
            }),
            "農曆正月初一",
        ),
    ] {
        let facts = MessageFacts {
            profile: &profile,
            interactions: &[],
            rules: &rules,
            sender: &sender,
            prompt: prompt.as_ref(),
            occasion: Occasion::LunarBirthday,
            language,
            today: day(2026, 9, 20),
        };
        let body = default_body(Occasion::LunarBirthday, language).expect("default");
        let rendered = render(body, &merge_values(&facts)).expect("renders");
        assert!(rendered.complete(), "{:?}", rendered.missing);
        assert!(rendered.text.contains(want), "{}", rendered.text);
    }
    let solar = PromptParams::Birthday {
        who: "self".into(),
        name: "张伟".into(),
        calendar: Calendar::Solar,
        month: 3,
        day: 8,
    };
    assert_eq!(
        occasion_of(PromptKind::Birthday, &solar),
        Some(Occasion::Birthday)
    );
}

#[test]
fn fields_with_no_value_are_flagged_and_left_as_written() {
    // A walk-in prospect: a name and nothing else, and no consultant settings yet.
    let profile = Profile::named("李娜", None);
    let rules = Rules::default();
    let nobody = Sender::default();
    let facts = MessageFacts {
        profile: &profile,
        interactions: &[],
        rules: &rules,
        sender: &nobody,
        prompt: None,
        occasion: Occasion::FirstService,
        language: TextLanguage::ZhHans,
        today: day(2026, 2, 20),
    };
    let values = merge_values(&facts);
    let body = default_body(Occasion::FirstService, TextLanguage::ZhHans).expect("default");
    let rendered = render(body, &values).expect("renders");
    assert!(!rendered.complete());
    assert_eq!(
        rendered.missing,
        vec![
            MergeField::Dealership,
            MergeField::Consultant,
            MergeField::Model,
            MergeField::Plate,
            MergeField::NextService,
        ]
    );
    assert!(
        rendered.text.starts_with("李娜您好，我是{门店}的{顾问}。"),
        "{}",
        rendered.text
    );
    assert!(rendered.text.contains("{车型}"));
    // The name without a title is how they are addressed; the birthday greeting is complete.
    let birthday = default_body(Occasion::Birthday, TextLanguage::ZhHans).expect("default");
    let greeting = render(birthday, &values).expect("renders");
    assert!(greeting.complete());
    assert!(
        greeting.text.starts_with("李娜，生日快乐"),
        "{}",
        greeting.text
    );
    // A field spelt three ways is one field, missing once.
    let spelt = render("{车型} {車型} {model}", &values).expect("renders");
    assert_eq!(spelt.missing, vec![MergeField::Model]);
    assert_eq!(spelt.text, "{车型} {車型} {model}");
    assert_eq!(unfilled(&spelt.text), ["{车型}", "{車型}", "{model}"]);
    assert_eq!(
        unfilled(&rendered.text)[..2],
        ["{门店}".to_owned(), "{顾问}".to_owned()]
    );
    assert!(unfilled("李娜，生日快乐 {笑脸} {{").is_empty());
}

#[test]
fn unknown_fields_are_refused_naming_them_and_braces_can_be_written() {
    let values = MergeValues::default();
    let err = render("{称呼}您好，{价格}和{车 型}", &values).expect_err("unknown");
    assert_eq!(err.field, "body");
    assert_eq!(
        err.problem,
        Problem::UnknownField {
            value: "{价格} {车 型}".into()
        }
    );
    assert!(matches!(
        check("生日", "{}").expect_err("empty braces").problem,
        Problem::UnknownField { .. }
    ));
    let mut named = MergeValues::default();
    named.set(MergeField::Name, "张伟");
    let literal = render("{{姓名}} = {姓名}; 5 } 3 {", &named).expect("renders");
    assert_eq!(literal.text, "{姓名} = 张伟; 5 } 3 {");
    assert_eq!(
        fields_used("{顾问}{称呼}{顾问}").expect("fields"),
        vec![MergeField::Consultant, MergeField::Salutation]
    );
}

#[test]
fn a_template_needs_a_name_and_a_body_within_their_limits() {
    type Refused = Option<(&'static str, Problem)>;
    let cases: [(&str, String, Refused); 5] = [
        ("生日", "{称呼}生日快乐".into(), None),
        ("", "生日快乐".into(), Some(("name", Problem::Required))),
        ("生日", " \n ".into(), Some(("body", Problem::Required))),
        (
            "生日",
            "长".repeat(BODY_MAX_CHARS + 1),
            Some((
                "body",
                Problem::TooLong {
                    max: BODY_MAX_CHARS,
                },
            )),
        ),
        (
            "名".repeat(NAME_MAX_CHARS + 1).leak(),
            "好".into(),
            Some((
                "name",
                Problem::TooLong {
                    max: NAME_MAX_CHARS,
                },
            )),
        ),
    ];
    for (name, body, want) in cases {
        let got = check(name, &body).err().map(|e| (e.field, e.problem));
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn salutations_follow_the_title_and_the_language() {
    let cases = [
        ("张伟", Some(Title::Mr), TextLanguage::ZhHans, "张先生"),
        ("王芳", Some(Title::Ms), TextLanguage::ZhHant, "王女士"),
        ("李强", Some(Title::Boss), TextLanguage::ZhHans, "李总"),
        ("李强", Some(Title::Boss), TextLanguage::ZhHant, "李總"),
        (
            "欧阳明",
            Some(Title::Teacher),
            TextLanguage::ZhHans,
            "欧阳老师",
        ),
        ("张伟", None, TextLanguage::ZhHans, "张伟"),
        ("张先生", Some(Title::Mr), TextLanguage::ZhHans, "张先生"),
        ("张伟", Some(Title::Doctor), TextLanguage::En, "Dr 张"),
        ("李强", Some(Title::Boss), TextLanguage::En, "李强"),
        ("Anna Lee", Some(Title::Ms), TextLanguage::En, "Ms Lee"),
    ];
    for (name, title, language, want) in cases {
        assert_eq!(salutation(name, title, language), want, "{name} {title:?}");
    }
}

#[test]
fn prompts_that_call_for_no_message_have_no_occasion_and_ids_read_back() {
    let custom = PromptParams::Holiday {
        holiday: "lantern".into(),
    };
    assert_eq!(occasion_of(PromptKind::Holiday, &custom), None);
    let call = PromptParams::AfterSale {
        step: AfterSaleKind::Call,
        year: 0,
        days: 3,
    };
    assert_eq!(occasion_of(PromptKind::AfterSale, &call), None);
    let cadence = PromptParams::Cadence {
        level: crate::Level::H,
        last: None,
    };
    assert_eq!(occasion_of(PromptKind::Cadence, &cadence), None);
    for t in defaults() {
        assert_eq!(parse_default_id(&t.id), Some((t.occasion, t.language)));
    }
    assert_eq!(parse_default_id("default:birthday:fr"), None);
    assert_eq!(parse_default_id("8f3c-own"), None);
    // The editor's chips write a field as the template's language names it.
    assert_eq!(field_name(MergeField::Plate, TextLanguage::ZhHant), "車牌");
    assert_eq!(field_name(MergeField::Plate, TextLanguage::En), "plate");
    assert_eq!(field_name(MergeField::Name, TextLanguage::ZhHant), "姓名");
}
