//! Merging two customers' profiles into one: lists keep the items of both; for any other field
//! the survivor's value stands, unless it is unknown or the consultant chose the loser's.

use chrono::NaiveDate;

use crate::profile::fields::{FIELDS, FieldSpec, MergeRule};
use crate::profile::{Invalid, Profile, ProfileDraft};

/// The fields after the one at `at` that go with it (whether the birthday is lunar).
fn companions(at: usize) -> impl Iterator<Item = &'static FieldSpec> {
    FIELDS[at + 1..]
        .iter()
        .take_while(|f| f.merge == MergeRule::WithPrevious)
}

fn text(draft: &ProfileDraft, field: &FieldSpec) -> String {
    draft.get(field.name).unwrap_or_default()
}

/// The fields where two customers hold different known values: what a merge asks about.
/// (Lists are not conflicts: a merge keeps the items of both.)
pub fn merge_conflicts(survivor: &Profile, loser: &Profile) -> Vec<&'static str> {
    let (a, b) = (survivor.to_draft(), loser.to_draft());
    FIELDS
        .iter()
        .enumerate()
        .filter(|(_, f)| f.merge == MergeRule::Pick)
        .filter(|&(at, f)| {
            let (x, y) = (text(&a, f), text(&b, f));
            !f.is_unknown(&x)
                && !f.is_unknown(&y)
                && (x != y || companions(at).any(|c| text(&a, c) != text(&b, c)))
        })
        .map(|(_, f)| f.name)
        .collect()
}

/// The profile two customers merge into: the survivor's facts, the loser's where the
/// survivor's are unknown or where the consultant chose the loser's (`take_from_loser`, field
/// names), and the items of both in every list.
pub fn merge(
    survivor: &Profile,
    loser: &Profile,
    take_from_loser: &[String],
    today: NaiveDate,
) -> Result<Profile, Invalid> {
    let (a, b) = (survivor.to_draft(), loser.to_draft());
    let mut merged = a.clone();
    for (at, field) in FIELDS.iter().enumerate() {
        let (x, y) = (text(&a, field), text(&b, field));
        match field.merge {
            MergeRule::WithPrevious => {}
            MergeRule::Union => {
                let both = [x, y]
                    .into_iter()
                    .filter(|v| !v.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                merged.set(field.name, &both)?;
            }
            MergeRule::Pick => {
                let chosen = take_from_loser.iter().any(|t| t == field.name);
                if (field.is_unknown(&x) || chosen) && !y.is_empty() {
                    merged.set(field.name, &y)?;
                    for companion in companions(at) {
                        merged.set(companion.name, &text(&b, companion))?;
                    }
                }
            }
        }
    }
    merged.validate(today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::Budget;
    use crate::choices::Level;
    use crate::profile::tests::{full, today};

    #[test]
    fn a_merge_keeps_both_lists_and_asks_only_about_real_conflicts() {
        let survivor = {
            let mut d = ProfileDraft {
                name: "张三".into(),
                ..ProfileDraft::default()
            };
            d.set("phones", "13812345678").expect("set");
            d.set("budget", "15万").expect("set");
            d.set("tags", "VIP").expect("set");
            d.validate(today()).expect("valid")
        };
        let loser = full().validate(today()).expect("valid");
        let conflicts = merge_conflicts(&survivor, &loser);
        assert_eq!(
            conflicts,
            ["budget"],
            "the name is the same; lists are kept whole"
        );

        let kept = merge(&survivor, &loser, &[], today()).expect("merge");
        assert_eq!(
            kept.budget,
            Budget::parse("15万"),
            "the survivor's by default"
        );
        assert_eq!(kept.tags, ["VIP", "二胎"]);
        assert_eq!(
            kept.phones.len(),
            2,
            "13812345678 once, and the extension line"
        );
        assert_eq!(
            kept.wechat.as_deref(),
            Some("zhangsan_88"),
            "unknown facts filled in"
        );
        assert_eq!(kept.level, Level::B, "N is not a known level");
        assert!(kept.birthday.is_some_and(|b| b.is_lunar()));

        let chosen = merge(&survivor, &loser, &["budget".into()], today()).expect("merge");
        assert_eq!(
            chosen.budget,
            Budget::parse("15-20万"),
            "the consultant's choice"
        );
    }
}
