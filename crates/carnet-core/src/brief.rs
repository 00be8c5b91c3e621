//! Talking points for the pre-call brief, drawn from the profile and the history.

use serde::{Deserialize, Serialize};

use crate::choices::{DecisionMaker, Priority, Purpose};
use crate::profile::Profile;

/// A suggestion for the next conversation, as a code front ends render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TalkingPoint {
    /// A promise was made last time: keep it first.
    KeepPromise,
    /// Someone else decides: invite them to a test drive.
    InviteDecisionMaker,
    /// Worried about running costs: ask about the daily distance.
    AskDailyDistance,
    /// Price matters most: bring the current offer.
    BringOffer,
    /// Space matters, or it is a family car: show the rear seats and the boot.
    ShowSpace,
    /// Safety matters: talk through the safety ratings.
    TalkSafety,
    /// No test drive yet: offer one.
    OfferTestDrive,
    /// A trade-in is possible: offer a valuation.
    OfferValuation,
}

/// Words in a worry that are about running costs.
const COST_WORDS: &[&str] = &[
    "油耗",
    "油费",
    "电费",
    "费用",
    "成本",
    "续航",
    "保养费",
    "養車",
    "费",
    "cost",
    "fuel",
];

/// The points worth raising, most important first.
pub fn talking_points(
    p: &Profile,
    promise_pending: bool,
    had_test_drive: bool,
) -> Vec<TalkingPoint> {
    let mut out = Vec::new();
    if promise_pending {
        out.push(TalkingPoint::KeepPromise);
    }
    if matches!(
        p.decision_maker.as_ref().and_then(|d| d.known()),
        Some(
            DecisionMaker::Spouse
                | DecisionMaker::Shared
                | DecisionMaker::Parents
                | DecisionMaker::Children
        )
    ) {
        out.push(TalkingPoint::InviteDecisionMaker);
    }
    if p.worry
        .as_deref()
        .is_some_and(|w| COST_WORDS.iter().any(|c| w.to_lowercase().contains(c)))
    {
        out.push(TalkingPoint::AskDailyDistance);
    }
    let first = p.priorities.first().copied();
    if first == Some(Priority::Price) {
        out.push(TalkingPoint::BringOffer);
    }
    if first == Some(Priority::Space) || p.purposes.contains(&Purpose::Family) {
        out.push(TalkingPoint::ShowSpace);
    }
    if first == Some(Priority::Safety) {
        out.push(TalkingPoint::TalkSafety);
    }
    if !had_test_drive && !p.models.is_empty() {
        out.push(TalkingPoint::OfferTestDrive);
    }
    if p.current_car.is_known() {
        out.push(TalkingPoint::OfferValuation);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_follow_the_profile() {
        let base = || {
            let mut p = Profile::named("张三", None);
            p.models = vec![crate::ModelWish::parse("汉")];
            p
        };
        let with = |f: &dyn Fn(&mut Profile)| {
            let mut p = base();
            f(&mut p);
            p
        };
        use TalkingPoint::*;
        let cases: Vec<(Profile, bool, bool, Vec<TalkingPoint>)> = vec![
            (base(), false, false, vec![OfferTestDrive]),
            (base(), true, true, vec![KeepPromise]),
            (
                with(&|p| p.decision_maker = Some(crate::Pick::Known(DecisionMaker::Spouse))),
                false,
                true,
                vec![InviteDecisionMaker],
            ),
            (
                with(&|p| p.decision_maker = Some(crate::Pick::Known(DecisionMaker::Myself))),
                false,
                true,
                vec![],
            ),
            (
                with(&|p| p.worry = Some("担心油耗太高".into())),
                false,
                true,
                vec![AskDailyDistance],
            ),
            (
                with(&|p| p.priorities = vec![Priority::Price, Priority::Space]),
                false,
                true,
                vec![BringOffer],
            ),
            (
                with(&|p| p.purposes = vec![Purpose::Family]),
                false,
                true,
                vec![ShowSpace],
            ),
            (
                with(&|p| p.current_car.brand = Some("大众".into())),
                false,
                true,
                vec![OfferValuation],
            ),
        ];
        for (profile, promise, drove, want) in cases {
            assert_eq!(
                talking_points(&profile, promise, drove),
                want,
                "{profile:?}"
            );
        }
    }
}
