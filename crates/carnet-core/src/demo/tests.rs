use super::*;

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
fn demo_interactions_are_valid_and_tell_each_level_s_story() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("valid");
    let now = today.and_hms_opt(23, 59, 0).expect("valid");
    let levels = ["N", "H", "A", "B", "C", "O", "D", "F"].repeat(50);
    let all = interactions(&levels, 4_000, 3, today);
    assert!((3_800..=4_200).contains(&all.len()), "{}", all.len());
    assert_eq!(
        all,
        interactions(&levels, 4_000, 3, today),
        "the same seed, the same history"
    );
    for i in &all {
        let facts = i
            .draft
            .validate(now)
            .unwrap_or_else(|e| panic!("{i:?}: {e:?}"));
        assert!(facts.at.date() <= today);
    }
    let kinds = |level: &str, kind: &str| {
        all.iter()
            .filter(|i| levels[i.customer] == level && i.draft.kind == kind)
            .count()
    };
    assert_eq!(kinds("O", "order"), 50, "every O customer ordered once");
    assert_eq!(kinds("D", "delivery"), 50, "every D customer took delivery");
    assert_eq!(kinds("B", "order"), 0);
    assert!(
        all.iter().any(|i| !i.draft.next.is_empty()),
        "some next steps"
    );
}
