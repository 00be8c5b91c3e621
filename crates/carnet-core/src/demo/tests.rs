use super::*;
use crate::followup::{self, ComplaintState, Contact, Relative, Revisit, Rules, Situation};
use crate::{InteractionKind, Level, PromptKind};

#[test]
fn the_same_seed_gives_the_same_book_and_another_seed_another() {
    assert_eq!(customers(50, 7), customers(50, 7));
    assert_ne!(customers(50, 7), customers(50, 8));
}

#[test]
fn every_demo_customer_is_valid() {
    for demo in customers(2_000, 1) {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid");
        let profile = demo
            .profile
            .validate(today)
            .unwrap_or_else(|e| panic!("{demo:?}: {e:?}"));
        let chars = profile.name.chars().count();
        assert!((2..=4).contains(&chars), "{}", profile.name);
        for member in &demo.family {
            member
                .validate()
                .unwrap_or_else(|e| panic!("{member:?}: {e:?}"));
        }
        // Models and budgets fit each other: the budget reaches the model's range.
        if let (Some(budget), Some(wish)) = (profile.budget, profile.models.first()) {
            let (_, low, high) = MODELS.iter().find(|m| m.0 == wish.model).expect("model");
            assert!(
                budget.overlaps(i64::from(*low) * 10_000, i64::from(*high + 2) * 10_000),
                "{budget:?} for {}",
                wish.model
            );
        }
    }
}

#[test]
fn surnames_follow_their_frequencies() {
    let drafts = customers(20_000, 3);
    let share = |s: &str| {
        drafts
            .iter()
            .filter(|d| d.profile.name.starts_with(s))
            .count() as f64
            / 20_000.0
    };
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
    let with_phone = drafts
        .iter()
        .filter(|d| !d.profile.phones.is_empty())
        .count() as f64
        / 20_000.0;
    assert!((0.89..0.95).contains(&with_phone), "{with_phone}");
}

#[test]
fn given_names_lean_the_way_their_sex_does() {
    let table = GivenNames::table();
    // (character, the sex far more of whom bear it)
    let cases = [
        ('娜', Sex::Female),
        ('婷', Sex::Female),
        ('静', Sex::Female),
        ('丽', Sex::Female),
        ('芳', Sex::Female),
        ('波', Sex::Male),
        ('伟', Sex::Male),
        ('军', Sex::Male),
        ('强', Sex::Male),
        ('磊', Sex::Male),
    ];
    for (c, sex) in cases {
        let other = if sex == Sex::Male {
            Sex::Female
        } else {
            Sex::Male
        };
        assert!(
            table.weight(c, sex) > 4 * table.weight(c, other),
            "{c}: {} vs {}",
            table.weight(c, sex),
            table.weight(c, other)
        );
    }
    assert!(table.chars.len() > 150, "{}", table.chars.len());
}

#[test]
fn names_match_their_form_of_address() {
    let table = GivenNames::table();
    let mut leaning_the_other_way = [0usize; 2];
    let mut characters = [0usize; 2];
    let mut check = |full: &str, sex: Sex| {
        let given: String = SURNAMES
            .iter()
            .filter(|(s, _)| full.starts_with(s))
            .map(|(s, _)| &full[s.len()..])
            .min_by_key(|g| g.len())
            .unwrap_or(full)
            .to_owned();
        let other = if sex == Sex::Male {
            Sex::Female
        } else {
            Sex::Male
        };
        let i = usize::from(sex == Sex::Female);
        for c in given.chars() {
            assert!(table.weight(c, sex) > 0, "{full} as {sex:?}");
            characters[i] += 1;
            if table.weight(c, other) > 3 * table.weight(c, sex) {
                leaning_the_other_way[i] += 1;
            }
        }
    };
    let all = customers(20_000, 5);
    for demo in &all {
        let sex = match demo.profile.title.as_str() {
            "mr" => Sex::Male,
            "ms" => Sex::Female,
            other => panic!("title {other}"),
        };
        check(&demo.profile.name, sex);
        for member in &demo.family {
            match member.relation.as_str() {
                "wife" => check(&member.name, Sex::Female),
                "husband" => check(&member.name, Sex::Male),
                _ => {}
            }
        }
    }
    for i in 0..2 {
        let share = leaning_the_other_way[i] as f64 / characters[i] as f64;
        assert!(share < 0.05, "{i}: {share}");
    }
    let men = all.iter().filter(|d| d.profile.title == "mr").count() as f64 / 20_000.0;
    assert!((0.52..0.58).contains(&men), "{men}");
}

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).expect("valid")
}

fn ids() -> impl FnMut() -> String {
    let mut n = 0u64;
    move || {
        n += 1;
        format!("id-{n}")
    }
}

fn aged(n: usize, seed: u64, today: chrono::NaiveDate) -> Vec<AgedCustomer> {
    let rules = Rules::default();
    let mut new_id = ids();
    aged_book(n, seed, today, &rules, &mut new_id).collect()
}

/// What the engine knows of an aged customer, read back from what the book is given (as the
/// store reads a customer's row, level history, family and timeline).
fn situation_of(c: &AgedCustomer) -> Situation {
    let p = &c.customer.profile;
    let level = Level::parse(&p.level).expect("level");
    let level_since = c
        .level_changes
        .iter()
        .rev()
        .find(|l| l.to == level)
        .map_or(c.created.date(), |l| l.at.date());
    let revisit = c
        .level_changes
        .iter()
        .rev()
        .find(|l| l.to == Level::F)
        .and_then(|l| {
            l.revisit.map(|date| Revisit {
                date,
                lost_reason: l.lost_reason,
            })
        });
    let family = c
        .customer
        .family
        .iter()
        .zip(&c.family_ids)
        .filter_map(|(m, id)| {
            let facts = m.validate().expect("family");
            facts.birthday.map(|birthday| Relative {
                id: id.clone(),
                name: facts.name,
                relation: facts.relation,
                birthday,
            })
        })
        .collect();
    let contacts = c
        .interactions
        .iter()
        .map(|i| Contact::of(&i.id, &i.facts))
        .collect();
    Situation {
        name: p.name.clone(),
        level,
        level_since,
        created: c.created.date(),
        birthday: crate::Birthday::parse(&p.birthday, p.birthday_lunar),
        family,
        contacts,
        delivered: c
            .interactions
            .iter()
            .rev()
            .find(|i| i.facts.kind == InteractionKind::Delivery)
            .map(|i| i.facts.at.date()),
        complaints: c
            .interactions
            .iter()
            .filter(|i| i.facts.kind == InteractionKind::Complaint)
            .map(|i| ComplaintState {
                id: i.id.clone(),
                opened: i.facts.at.date(),
                resolved: i.resolved,
            })
            .collect(),
        revisit,
    }
}

/// The prompts due on `today` (on or before it) that were not ticked off, by kind.
fn due_on(book: &[AgedCustomer], today: chrono::NaiveDate) -> Vec<(PromptKind, i64)> {
    let rules = Rules::default();
    let mut due = Vec::new();
    for c in book {
        let done: std::collections::HashSet<&str> =
            c.handled.iter().map(|h| h.key.as_str()).collect();
        for p in followup::prompts(&situation_of(c), &rules, today) {
            if p.due <= today && !done.contains(p.key.as_str()) {
                due.push((p.kind, (today - p.due).num_days()));
            }
        }
    }
    due
}

#[test]
fn customers_arrive_over_two_years_and_their_histories_stay_before_today() {
    let today = day(2026, 11, 25);
    let book = aged(2_000, 1, today);
    let first = today - chrono::Days::new(HISTORY_DAYS);
    let mut quarters = [0usize; 4];
    for c in &book {
        let created = c.created.date();
        assert!(created >= first && created < today, "{created}");
        let q = ((created - first).num_days() * 4 / HISTORY_DAYS as i64) as usize;
        quarters[q.min(3)] += 1;
        assert_eq!(c.interactions.first().map(|i| i.facts.at), Some(c.created));
        for pair in c.interactions.windows(2) {
            assert!(pair[0].facts.at <= pair[1].facts.at, "oldest first");
        }
        let last = c.interactions.last().expect("a first contact");
        assert!(
            last.facts.at.date() < today,
            "today's contacts are the consultant's"
        );
        for l in &c.level_changes {
            assert!(l.at.date() >= created && l.at.date() < today);
        }
        c.customer
            .profile
            .validate(today)
            .unwrap_or_else(|e| panic!("{e:?}"));
    }
    for q in quarters {
        assert!((400..=600).contains(&q), "{quarters:?}");
    }
    assert_eq!(
        aged(300, 4, today),
        aged(300, 4, today),
        "the same seed, the same book"
    );
}

#[test]
fn the_book_s_levels_are_where_its_histories_led() {
    let today = day(2026, 11, 25);
    let book = aged(2_000, 2, today);
    let share = |level: &str| {
        book.iter()
            .filter(|c| c.customer.profile.level == level)
            .count() as f64
            / 2_000.0
    };
    let prospects = share("H") + share("A") + share("B") + share("C") + share("N");
    println!(
        "prospects {prospects:.3} O {:.3} D {:.3} F {:.3}",
        share("O"),
        share("D"),
        share("F")
    );
    let mut repeat_buyers = 0;
    for c in &book {
        let kinds =
            |k: InteractionKind| c.interactions.iter().filter(|i| i.facts.kind == k).count();
        let (orders, deliveries) = (
            kinds(InteractionKind::Order),
            kinds(InteractionKind::Delivery),
        );
        // An owner may have come back for another car (each delivered, or the last on order).
        match c.customer.profile.level.as_str() {
            "D" => assert!(orders >= 1 && deliveries == orders, "{orders} {deliveries}"),
            "O" => assert!(
                orders >= 1 && deliveries + 1 == orders,
                "{orders} {deliveries}"
            ),
            _ => assert_eq!((orders, deliveries), (0, 0)),
        }
        repeat_buyers += usize::from(orders > 1);
        if c.customer.profile.level == "F" {
            let last = c.level_changes.last().expect("lost on a day");
            assert!(last.revisit.is_some() && last.lost_reason.is_some());
        }
    }
    assert!((0.05..0.25).contains(&prospects), "{prospects}");
    assert!((0.12..0.30).contains(&share("D")), "{}", share("D"));
    assert!((0.45..0.75).contains(&share("F")), "{}", share("F"));
    assert!(
        (5..100).contains(&repeat_buyers),
        "{repeat_buyers} bought more than one car"
    );
}

/// Today on a 2,000-customer book made on `today`: tens due, some of them overdue, hardly a
/// complaint.
fn a_day_s_work(today: chrono::NaiveDate) {
    let book = aged(2_000, 1, today);
    let due = due_on(&book, today);
    let overdue = due.iter().filter(|(_, late)| *late > 0).count();
    let complaints = due
        .iter()
        .filter(|(k, _)| *k == PromptKind::Complaint)
        .count();
    println!(
        "{today}: {} due, {overdue} overdue, {complaints} complaints",
        due.len()
    );
    assert!((10..=80).contains(&due.len()), "{today}: {} due", due.len());
    assert!(
        overdue > 0 && overdue * 2 < due.len(),
        "{today}: {overdue} overdue"
    );
    assert!(complaints <= 3, "{today}: {complaints} complaints");
}

// Days away from the holidays (on a holiday every owner's greeting is due as well).
#[test]
fn a_2000_customer_book_has_a_day_s_work_due_in_march() {
    a_day_s_work(day(2026, 3, 10));
}

#[test]
fn a_2000_customer_book_has_a_day_s_work_due_in_august() {
    a_day_s_work(day(2026, 8, 20));
}

#[test]
fn a_2000_customer_book_has_a_day_s_work_due_in_november() {
    a_day_s_work(day(2026, 11, 25));
}
