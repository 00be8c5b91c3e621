//! Values the UI shows as carnet-core reads them, so that the UI never parses one itself:
//! the levels a search names (the level chips), and a budget or a timeframe in a key fact's
//! history.

use carnet_core::{Budget, Filter, KeyFact, Level, Timeframe};

use crate::TimeframeView;

/// The levels the query's `level:` words name: the level chips that show as chosen.
pub fn levels_in_query(query: &str) -> Vec<Level> {
    Filter::levels_in(query)
}

/// The query with its `level:` words replaced by one naming `levels`: what choosing or
/// clearing a level chip writes into the search box.
pub fn query_with_levels(query: &str, levels: &[Level]) -> String {
    Filter::with_levels(query, levels)
}

/// The budget a key fact's history value names (kept in its input form, "15-20万"); `None`
/// for another fact, an unknown budget, or words ("面议").
pub(crate) fn history_budget(fact: KeyFact, value: &str) -> Option<Budget> {
    (fact == KeyFact::Budget)
        .then(|| Budget::parse(value))
        .flatten()
}

/// The timeframe a key fact's history value names (kept in its input form: `2026-12-13`,
/// `2026-12`, `2027`, or the customer's words), its target only; `None` for another fact or
/// an unknown timeframe.
pub(crate) fn history_timeframe(fact: KeyFact, value: &str) -> Option<TimeframeView> {
    if fact != KeyFact::Timeframe || value.trim().is_empty() {
        return None;
    }
    // The input form is never relative to a day; what is not a target is the words as said.
    let timeframe = Timeframe::from_stored(value).unwrap_or(Timeframe::Words(value.to_owned()));
    // The target only: no day to count from, so no days left and no level.
    let any_day = chrono::NaiveDate::MIN;
    Some(TimeframeView {
        days_left: None,
        suggested_level: None,
        ..TimeframeView::new(&timeframe, any_day, &[])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TimeframeKind;

    #[test]
    fn a_budget_in_the_history_is_read_as_the_profile_reads_it() {
        let budget = |min, max, about| Budget { min, max, about };
        let cases = [
            ("15-20万", Some(budget(Some(150_000), 200_000, false))),
            ("20万以内", Some(budget(None, 200_000, false))),
            ("25万左右", Some(budget(Some(250_000), 250_000, true))),
            ("15万", Some(budget(Some(150_000), 150_000, false))),
            ("面议", None),
            ("abc", None),
            ("", None),
        ];
        for (value, want) in cases {
            assert_eq!(history_budget(KeyFact::Budget, value), want, "{value}");
        }
        assert_eq!(history_budget(KeyFact::Timeframe, "15-20万"), None);
    }

    #[test]
    fn a_timeframe_in_the_history_is_its_target() {
        let read = |value| history_timeframe(KeyFact::Timeframe, value);
        let day = read("2026-12-13").expect("a day");
        assert_eq!(
            (day.kind, day.date.as_deref()),
            (TimeframeKind::By, Some("2026-12-13"))
        );
        let month = read("2027-03").expect("a month");
        assert_eq!(
            (month.kind, month.year, month.month),
            (TimeframeKind::Month, Some(2027), Some(3))
        );
        let year = read("2027").expect("a year");
        assert_eq!((year.kind, year.year), (TimeframeKind::Year, Some(2027)));
        // Words are never read against another day.
        for words in ["看政策", "下个月", "年底前"] {
            let said = read(words).expect("words");
            assert_eq!(
                (said.kind, said.words.as_deref()),
                (TimeframeKind::Words, Some(words))
            );
            assert_eq!((said.days_left, said.suggested_level), (None, None));
        }
        assert!(read("").is_none());
        assert!(history_timeframe(KeyFact::Budget, "2027").is_none());
    }

    #[test]
    fn level_chips_read_and_write_the_query() {
        assert_eq!(levels_in_query("张 level:H,A"), [Level::H, Level::A]);
        assert_eq!(
            query_with_levels("张 level:H", &[Level::A, Level::H]),
            "张 level:H,A"
        );
    }
}
