//! Use cases of the Differentiate step: the value rules, a customer's value and place, the
//! filters that need them, and the reports. carnet-store reads the facts (one row per
//! customer, the events of a period); carnet-core's `differentiate` decides everything.

use std::collections::{BTreeMap, HashMap};

use carnet_core::differentiate::compliance::{self, Closed, Tally};
use carnet_core::differentiate::funnel::{self, Rate, Step};
use carnet_core::differentiate::grid::{self, Band, Cell};
use carnet_core::differentiate::lookalike::{self, Traits};
use carnet_core::differentiate::pareto::pareto;
use carnet_core::differentiate::{self as diff, Placed, ValueRules};
use carnet_core::profile::{Invalid, Problem};
use carnet_core::{Filter, InteractionKind, Level, LostReason, PromptKind, Tier};
use carnet_store::{BookRow, Store, ValueRow};
use chrono::{Datelike, Days, Months, NaiveDate};

use crate::{
    App, AppError, BandCount, CustomerValue, ErrorKind, FunnelStepRow, GridCellRow, GridView,
    LevelCount, Lookalike, LostCustomer, LostReasonRow, ModelRow, Period, RateRow, ReasonCount,
    Report, ReportKind, ReportTable, SatisfactionMonth, SourceRow, TableValue, TallyRow, TierRow,
    TimeToOrderRow, ValuedCustomer, WeekMix,
};

const VALUE_RULES_SETTING: &str = "value_rules";

/// At most this many customers in a report's list (lookalikes, lost sales, the best fifth).
pub const REPORT_LIST_MAX: usize = 200;

pub(crate) fn value_rules(store: &Store) -> Result<ValueRules, AppError> {
    match store.setting(VALUE_RULES_SETTING)? {
        None => Ok(ValueRules::default()),
        Some(text) => serde_json::from_str(&text).map_err(|e| {
            AppError::new(
                ErrorKind::Storage {
                    detail: e.to_string(),
                    path: None,
                },
                format!("the value rules are unreadable: {e}"),
            )
        }),
    }
}

/// A day typed "YYYY-MM-DD".
fn day(field: &'static str, raw: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
        Invalid::new(
            field,
            Problem::InvalidDate {
                value: raw.to_owned(),
            },
        )
        .into()
    })
}

/// The period asked for: both days given (from ≤ to), or this month when both are empty.
pub(crate) fn period(
    from: &str,
    to: &str,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), AppError> {
    if from.trim().is_empty() && to.trim().is_empty() {
        let first = today.with_day(1).unwrap_or(today);
        let last = first
            .checked_add_months(Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(today);
        return Ok((first, last));
    }
    let (from, to) = (day("from", from)?, day("to", to)?);
    if from > to {
        return Err(AppError::new(
            ErrorKind::PeriodBackwards {
                from: from.to_string(),
                to: to.to_string(),
            },
            format!("the period ends on {to}, before it starts on {from}"),
        )
        .with_field("to"));
    }
    Ok((from, to))
}

/// The period before: the same number of calendar months when the period is whole months
/// (a month, a quarter, a year), else the same number of days.
pub(crate) fn previous((from, to): (NaiveDate, NaiveDate)) -> (NaiveDate, NaiveDate) {
    let whole_months = from.day() == 1 && to.succ_opt().is_some_and(|next| next.day() == 1);
    if whole_months {
        let next = to.succ_opt().unwrap_or(to);
        let months = (next.year() - from.year()) * 12 + next.month() as i32 - from.month() as i32;
        let months = Months::new(u32::try_from(months.max(1)).unwrap_or(1));
        let start = from.checked_sub_months(months).unwrap_or(from);
        return (start, from.pred_opt().unwrap_or(from));
    }
    let days = (to - from).num_days() + 1;
    let end = from.pred_opt().unwrap_or(from);
    let start = end
        .checked_sub_days(Days::new(u64::try_from(days - 1).unwrap_or(0)))
        .unwrap_or(end);
    (start, end)
}

fn period_dto((from, to): (NaiveDate, NaiveDate)) -> Period {
    Period {
        from: from.to_string(),
        to: to.to_string(),
    }
}

fn added((from, to): (NaiveDate, NaiveDate)) -> String {
    format!("added:{from}..{to}")
}

/// Where a book row stands on `today`.
fn place(r: &BookRow, today: NaiveDate, rules: &ValueRules) -> Placed {
    diff::place(
        r.level,
        &r.standing,
        r.referred_bought,
        r.last_contact,
        today,
        rules,
    )
}

/// The filter words for a cell of the grid: the tiers of its volume and the band of its
/// satisfaction.
fn cell_filter(cell: Cell) -> String {
    let tiers: Vec<&str> = Tier::ALL
        .iter()
        .filter(|t| grid::volume_band(**t) == Some(cell.volume))
        .map(|t| t.code())
        .collect();
    format!(
        "tier:{} satisfaction:{}",
        tiers.join(","),
        cell.satisfaction.code()
    )
}

fn tally_rows<K: Ord + Copy>(rows: BTreeMap<K, Tally>) -> Vec<TallyRow<K>> {
    rows.into_iter()
        .map(|(key, tally)| TallyRow {
            key,
            made_percent: tally.made_percent(),
            tally,
        })
        .collect()
}

impl App {
    /// The value thresholds: the consultant's, or the defaults.
    pub fn value_rules(&self) -> Result<ValueRules, AppError> {
        value_rules(&self.store())
    }

    /// Saves edited value thresholds (every number checked). Tiers and the grid read them
    /// when asked, so nothing is recomputed.
    pub fn set_value_rules(&self, rules: ValueRules) -> Result<ValueRules, AppError> {
        rules.validate()?;
        let text = serde_json::to_string(&rules).map_err(AppError::internal)?;
        self.store()
            .write(|w| w.set_setting(VALUE_RULES_SETTING, &text))?;
        Ok(rules)
    }

    pub fn restore_default_value_rules(&self) -> Result<ValueRules, AppError> {
        self.set_value_rules(ValueRules::default())
    }

    /// What a customer is worth and where they stand today.
    pub fn customer_value(&self, id: &str) -> Result<CustomerValue, AppError> {
        let store = self.store();
        let row = store.book_row(id)?.ok_or_else(|| AppError::not_found(id))?;
        let rules = value_rules(&store)?;
        Ok(customer_value(&row, self.now().date(), &rules))
    }

    /// The filter the words say, with its Differentiate filters (tiers, grid, funnel …)
    /// resolved into the customers they keep.
    pub(crate) fn resolve_filter(&self, store: &Store, query: &str) -> Result<Filter, AppError> {
        let mut filter = Filter::parse(query)?;
        if !filter.standing.is_empty() {
            let rules = value_rules(store)?;
            let today = self.now().date();
            let mut rows = store.book_rows(filter.standing.added, None)?;
            if !filter.standing.lost.is_empty() {
                store.lost_reasons(&mut rows)?;
            }
            filter.ids = Some(
                rows.iter()
                    .filter(|r| {
                        filter.standing.matches(
                            r.created,
                            &place(r, today, &rules),
                            &r.standing,
                            r.profiled,
                            r.lost_reason,
                        )
                    })
                    .map(|r| r.id.clone())
                    .collect(),
            );
        }
        Ok(filter)
    }

    /// Saves a report's table as a workbook at `path`, whole or not at all.
    pub fn save_table(&self, path: &str, table: &ReportTable) -> Result<(), AppError> {
        use carnet_io::export::TableCell;
        let rows: Vec<Vec<TableCell<'_>>> = table
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| match cell {
                        Some(TableValue::Number(n)) => TableCell::Number(*n),
                        Some(TableValue::Text(t)) => TableCell::Text(t),
                        None => TableCell::Empty,
                    })
                    .collect()
            })
            .collect();
        write_whole(path, |partial| {
            Ok(carnet_io::export::write_table(
                partial,
                &table.sheet,
                &table.headers,
                &rows,
            )?)
        })
    }

    /// Saves a chart's picture (a PNG as a `data:` URL, as the chart gives it) at `path`,
    /// whole or not at all.
    pub fn save_chart(&self, path: &str, png: &str) -> Result<(), AppError> {
        use base64::Engine;
        let bad = || -> AppError {
            Invalid::new(
                "png",
                Problem::InvalidNumber {
                    value: png.chars().take(40).collect(),
                },
            )
            .into()
        };
        let data = png.strip_prefix("data:image/png;base64,").ok_or_else(bad)?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data.trim())
            .map_err(|_| bad())?;
        if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Err(bad());
        }
        write_whole(path, |partial| {
            std::fs::write(partial, &bytes).map_err(|e| AppError::file(partial, e))
        })
    }

    /// A report over a period (`from`, `to`: "YYYY-MM-DD", both empty for this month); the
    /// pyramid, the grid and the lookalikes are as of today.
    pub fn report(&self, kind: ReportKind, from: &str, to: &str) -> Result<Report, AppError> {
        self.report_of(kind, from, to, None)
    }

    /// A report over one consultant's part of a team book (`None`: the whole book).
    pub fn report_of(
        &self,
        kind: ReportKind,
        from: &str,
        to: &str,
        consultant: Option<&str>,
    ) -> Result<Report, AppError> {
        let today = self.now().date();
        let p = period(from, to, today)?;
        let store = self.store();
        let rules = value_rules(&store)?;
        let scope = &Scope {
            store: &store,
            consultant,
        };
        Ok(match kind {
            ReportKind::Funnel => funnel_report(scope, p)?,
            ReportKind::Sources => sources_report(scope, p)?,
            ReportKind::Models => models_report(scope, p)?,
            ReportKind::Compliance => compliance_report(scope, p, today)?,
            ReportKind::Lost => lost_report(scope, p)?,
            ReportKind::Levels => levels_report(scope, p)?,
            ReportKind::Satisfaction => satisfaction_report(scope, p)?,
            ReportKind::Tiers => tiers_report(scope, today, &rules)?,
            ReportKind::Grid => grid_report(scope, today, &rules)?,
            ReportKind::Pareto => pareto_report(scope, p, today, &rules)?,
            ReportKind::Lookalikes => lookalikes_report(scope, today, &rules)?,
        })
    }
}

/// Writes a file through a partial copy beside it, renamed over `path` once whole: a failure
/// leaves `path` as it was.
pub(crate) fn write_whole(
    path: &str,
    write: impl FnOnce(&std::path::Path) -> Result<(), AppError>,
) -> Result<(), AppError> {
    let path = std::path::Path::new(path);
    let partial = carnet_store::files::partial_path(path);
    // Readable by its owner only from the start (a table of customers, the catalogue).
    carnet_store::files::create_private(&partial)?;
    if let Err(e) = write(&partial) {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    if let Err(e) = carnet_store::files::commit_file(&partial, path) {
        let _ = std::fs::remove_file(&partial);
        return Err(e.into());
    }
    Ok(())
}

pub(crate) fn customer_value(row: &BookRow, today: NaiveDate, rules: &ValueRules) -> CustomerValue {
    let placed = place(row, today, rules);
    let s = &row.standing;
    CustomerValue {
        value: placed.value,
        expected_value: if s.is_owner(row.level) {
            None
        } else {
            diff::expected_value(row.level, row.budget.as_ref(), rules)
        },
        tier: placed.tier,
        purchases: s.purchases,
        bought: s.bought,
        service_spend: s.service_spend,
        referred_bought: row.referred_bought,
        satisfaction: s.satisfaction,
        previous_satisfaction: s.satisfaction_prev,
        trend: diff::trend(s.satisfaction, s.satisfaction_prev),
        grid: placed.cell.map(GridView::new),
    }
}

/// The book, or one consultant's part of a team book, as the reports read it.
pub(crate) struct Scope<'a> {
    pub(crate) store: &'a Store,
    pub(crate) consultant: Option<&'a str>,
}

impl Scope<'_> {
    fn book_rows(&self, created: Option<(NaiveDate, NaiveDate)>) -> Result<Vec<BookRow>, AppError> {
        Ok(self.store.book_rows(created, self.consultant)?)
    }

    fn sales(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<carnet_store::SaleRow>, AppError> {
        Ok(self.store.sales(from, to, self.consultant)?)
    }

    fn lost(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<carnet_store::LostRow>, AppError> {
        Ok(self.store.lost(from, to, self.consultant)?)
    }

    fn logged_prompts(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<carnet_store::LoggedPrompt>, AppError> {
        Ok(self
            .store
            .logged_prompts(from, to, self.consultant, false)?)
    }

    fn satisfaction_by_month(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(String, u8, u64)>, AppError> {
        Ok(self
            .store
            .satisfaction_by_month(from, to, self.consultant)?)
    }

    /// The weekly level mix is the whole book's: a team book keeps none per consultant.
    fn level_snapshots(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(NaiveDate, Level, u64)>, AppError> {
        match self.consultant {
            Some(_) => Ok(Vec::new()),
            None => Ok(self.store.level_snapshots(from, to)?),
        }
    }
}

fn step_counts(rows: &[&BookRow], end: NaiveDate) -> BTreeMap<Step, u64> {
    let mut counts = BTreeMap::new();
    for step in Step::ALL {
        let n = rows
            .iter()
            .filter(|r| funnel::reached(step, &r.standing, r.profiled, end))
            .count();
        counts.insert(step, n as u64);
    }
    counts
}

fn funnel_report(s: &Scope<'_>, p: (NaiveDate, NaiveDate)) -> Result<Report, AppError> {
    let prev = previous(p);
    // Both periods in one read (the previous one ends the day before this one starts), parted
    // by reference (moving 100,000 rows cost a tenth of the report).
    let both = s.book_rows(Some((prev.0.min(p.0), p.1)))?;
    let (rows, earlier): (Vec<&BookRow>, Vec<&BookRow>) =
        both.iter().partition(|r| r.created >= p.0);
    let now = step_counts(&rows, p.1);
    let before = step_counts(&earlier, prev.1);
    let steps = Step::ALL
        .into_iter()
        .map(|step| FunnelStepRow {
            step,
            count: now[&step],
            previous: before[&step],
            filter: if step == Step::Leads {
                added(p)
            } else {
                format!("{} reached:{}", added(p), step.code())
            },
        })
        .collect();
    let rates = Rate::ALL
        .into_iter()
        .map(|rate| {
            let (part, whole) = rate.steps();
            RateRow {
                rate,
                value: funnel::rate(now[&part], now[&whole]),
                previous: funnel::rate(before[&part], before[&whole]),
            }
        })
        .collect();
    // Days from the first contact (else the day they were added) to the order.
    let mut by_level: BTreeMap<Level, Vec<i64>> = BTreeMap::new();
    let ordered: Vec<&BookRow> = rows
        .iter()
        .copied()
        .filter(|r| r.standing.first_order.is_some_and(|d| d <= p.1))
        .collect();
    let ids: Vec<&str> = ordered.iter().map(|r| r.id.as_str()).collect();
    let entry = s.store.entry_levels(&ids)?;
    for r in ordered {
        if let Some(order) = r.standing.first_order {
            let start = r.standing.first_contact.unwrap_or(r.created).min(r.created);
            by_level
                .entry(entry.get(&r.id).copied().unwrap_or(r.level))
                .or_default()
                .push((order - start).num_days().max(0));
        }
    }
    let time_to_order = by_level
        .into_iter()
        .map(|(level, mut days)| {
            days.sort_unstable();
            let n = days.len();
            let sum: i64 = days.iter().sum();
            TimeToOrderRow {
                level,
                orders: n as u64,
                average_days: (sum as f64 * 10.0 / n as f64).round() / 10.0,
                median_days: u32::try_from(days[n / 2]).unwrap_or(0),
            }
        })
        .collect();
    Ok(Report::Funnel {
        period: period_dto(p),
        previous_period: period_dto(prev),
        steps,
        rates,
        time_to_order,
    })
}

fn sources_report(s: &Scope<'_>, p: (NaiveDate, NaiveDate)) -> Result<Report, AppError> {
    let rows = s.book_rows(Some(p))?;
    let mut groups: BTreeMap<(Option<&str>, Option<String>), SourceRow> = BTreeMap::new();
    for r in &rows {
        let key = (r.source.map(|s| s.code()), r.channel.clone());
        let row = groups.entry(key).or_insert_with(|| SourceRow {
            source: r.source,
            channel: r.channel.clone(),
            leads: 0,
            shows: 0,
            test_drives: 0,
            orders: 0,
            close_rate: None,
            filter: {
                let mut words = added(p);
                if let Some(s) = r.source {
                    words.push_str(&format!(" source:{}", s.code()));
                }
                // A channel with a space in it cannot be one word of the filter.
                if let Some(ch) = r
                    .channel
                    .as_deref()
                    .filter(|c| !c.contains(char::is_whitespace))
                {
                    words.push_str(&format!(" channel:{ch}"));
                }
                words
            },
        });
        let reached = |step| u64::from(funnel::reached(step, &r.standing, r.profiled, p.1));
        row.leads += 1;
        row.shows += reached(Step::Shown);
        row.test_drives += reached(Step::TestDrive);
        row.orders += reached(Step::Order);
    }
    let mut out: Vec<SourceRow> = groups.into_values().collect();
    for row in &mut out {
        row.close_rate = funnel::rate(row.orders, row.leads);
    }
    out.sort_by_key(|r| std::cmp::Reverse(r.leads));
    Ok(Report::Sources {
        period: period_dto(p),
        rows: out,
    })
}

fn models_report(s: &Scope<'_>, p: (NaiveDate, NaiveDate)) -> Result<Report, AppError> {
    // A model is named as most of the customers who want it write it.
    let mut by_model: BTreeMap<String, (String, u64, u64)> = BTreeMap::new();
    for (model, customers) in s.store.first_model_counts(p, s.consultant)? {
        let m = model.trim();
        if !m.is_empty() {
            by_model
                .entry(m.to_lowercase())
                .or_insert_with(|| (m.to_owned(), 0, 0))
                .1 += customers;
        }
    }
    for (model, sold) in s.store.sold_model_counts(p.0, p.1, s.consultant)? {
        let m = model.trim();
        if !m.is_empty() {
            by_model
                .entry(m.to_lowercase())
                .or_insert_with(|| (m.to_owned(), 0, 0))
                .2 += sold;
        }
    }
    let mut rows: Vec<ModelRow> = by_model
        .into_values()
        .map(|(model, interested, orders)| ModelRow {
            filter: format!(
                "{} model:{}",
                added(p),
                model.replace(char::is_whitespace, "")
            ),
            model,
            interested,
            orders,
        })
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse((r.orders, r.interested)));
    Ok(Report::Models {
        period: period_dto(p),
        rows,
    })
}

fn tally_of(
    s: &Scope<'_>,
    (from, to): (NaiveDate, NaiveDate),
    today: NaiveDate,
) -> Result<Vec<(carnet_store::LoggedPrompt, compliance::Status)>, AppError> {
    // Prompts whose day has not come are not due yet.
    let to = to.min(today);
    if from > to {
        return Ok(Vec::new());
    }
    Ok(s.logged_prompts(from, to)?
        .into_iter()
        .map(|l| {
            let closed = l.how.as_deref().and_then(Closed::from_code);
            let status = compliance::status(l.due, l.made_on, closed);
            (l, status)
        })
        .collect())
}

fn compliance_report(
    s: &Scope<'_>,
    p: (NaiveDate, NaiveDate),
    today: NaiveDate,
) -> Result<Report, AppError> {
    let prev = previous(p);
    let mut total = Tally::default();
    let mut by_kind: BTreeMap<PromptKind, Tally> = BTreeMap::new();
    let mut by_level: BTreeMap<Level, Tally> = BTreeMap::new();
    let mut dismissed: BTreeMap<String, u64> = BTreeMap::new();
    for (l, status) in tally_of(s, p, today)? {
        total.add(status, l.count);
        by_kind.entry(l.kind).or_default().add(status, l.count);
        by_level.entry(l.level).or_default().add(status, l.count);
        if status == compliance::Status::Dismissed {
            *dismissed.entry(l.reason.unwrap_or_default()).or_default() += l.count;
        }
    }
    let mut previous_tally = Tally::default();
    for (l, status) in tally_of(s, prev, today)? {
        previous_tally.add(status, l.count);
    }
    let mut dismissed: Vec<ReasonCount> = dismissed
        .into_iter()
        .map(|(reason, count)| ReasonCount { reason, count })
        .collect();
    dismissed.sort_by_key(|r| std::cmp::Reverse(r.count));
    Ok(Report::Compliance {
        period: period_dto(p),
        previous_period: period_dto(prev),
        made_percent: total.made_percent(),
        total,
        previous_made_percent: previous_tally.made_percent(),
        previous: previous_tally,
        by_kind: tally_rows(by_kind),
        by_level: tally_rows(by_level),
        dismissed,
    })
}

fn lost_report(s: &Scope<'_>, p: (NaiveDate, NaiveDate)) -> Result<Report, AppError> {
    let lost = s.lost(p.0, p.1)?;
    let mut by_reason: BTreeMap<Option<LostReason>, u64> = BTreeMap::new();
    let mut competitors: BTreeMap<String, u64> = BTreeMap::new();
    for l in &lost {
        *by_reason.entry(l.lost_reason).or_default() += 1;
        if let Some(c) = l
            .competitor
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            *competitors.entry(c.to_owned()).or_default() += 1;
        }
    }
    let mut by_reason: Vec<LostReasonRow> = by_reason
        .into_iter()
        .map(|(reason, count)| LostReasonRow {
            filter: match reason {
                Some(r) => format!("level:F lost:{}", r.code()),
                None => "level:F".to_owned(),
            },
            reason,
            count,
        })
        .collect();
    by_reason.sort_by_key(|r| std::cmp::Reverse(r.count));
    let mut competitors: Vec<ReasonCount> = competitors
        .into_iter()
        .map(|(reason, count)| ReasonCount { reason, count })
        .collect();
    competitors.sort_by_key(|r| std::cmp::Reverse(r.count));
    let customers = lost
        .into_iter()
        .rev()
        .take(REPORT_LIST_MAX)
        .map(|l| LostCustomer {
            id: l.customer_id,
            name: l.name,
            date: l.date.to_string(),
            reason: l.lost_reason,
            competitor: l.competitor,
            words: l.words,
            revisit: l.revisit.map(|d| d.to_string()),
        })
        .collect();
    Ok(Report::Lost {
        period: period_dto(p),
        by_reason,
        competitors,
        customers,
    })
}

fn level_counts(counts: &BTreeMap<Level, u64>) -> Vec<LevelCount> {
    Level::ALL
        .iter()
        .map(|level| LevelCount {
            level: *level,
            count: counts.get(level).copied().unwrap_or(0),
            filter: format!("level:{}", level.code()),
        })
        .collect()
}

fn levels_report(s: &Scope<'_>, p: (NaiveDate, NaiveDate)) -> Result<Report, AppError> {
    let current: BTreeMap<Level, u64> = s.store.level_counts(s.consultant)?.into_iter().collect();
    let mut weeks: BTreeMap<NaiveDate, BTreeMap<Level, u64>> = BTreeMap::new();
    for (week, level, count) in s.level_snapshots(p.0, p.1)? {
        weeks.entry(week).or_default().insert(level, count);
    }
    Ok(Report::Levels {
        period: period_dto(p),
        current: level_counts(&current),
        weeks: weeks
            .into_iter()
            .map(|(week, counts)| WeekMix {
                week: week.to_string(),
                counts: level_counts(&counts),
            })
            .collect(),
    })
}

fn satisfaction_report(s: &Scope<'_>, p: (NaiveDate, NaiveDate)) -> Result<Report, AppError> {
    let mut months: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for (month, satisfaction, count) in s.satisfaction_by_month(p.0, p.1)? {
        if (1..=5).contains(&satisfaction) {
            months.entry(month).or_insert_with(|| vec![0; 5])[usize::from(satisfaction - 1)] +=
                count;
        }
    }
    let months = months
        .into_iter()
        .map(|(month, counts)| {
            let n: u64 = counts.iter().sum();
            let sum: u64 = counts.iter().zip(1u64..).map(|(c, s)| c * s).sum();
            SatisfactionMonth {
                month,
                average: (n > 0).then(|| (sum as f64 * 10.0 / n as f64).round() / 10.0),
                counts,
            }
        })
        .collect();
    let mut bands: BTreeMap<Band, u64> = BTreeMap::new();
    let (mut up, mut down, mut flat) = (0, 0, 0);
    for (latest, before, customers) in s.store.satisfaction_counts(s.consultant)? {
        *bands.entry(grid::satisfaction_band(latest)).or_default() += customers;
        match diff::trend(Some(latest), before) {
            Some(diff::Trend::Up) => up += customers,
            Some(diff::Trend::Down) => down += customers,
            Some(diff::Trend::Flat) => flat += customers,
            None => {}
        }
    }
    Ok(Report::Satisfaction {
        period: period_dto(p),
        months,
        current: Band::ALL
            .into_iter()
            .map(|band| BandCount {
                band,
                count: bands.get(&band).copied().unwrap_or(0),
                filter: format!("satisfaction:{}", band.code()),
            })
            .collect(),
        up,
        down,
        flat,
    })
}

fn tiers_report(s: &Scope<'_>, today: NaiveDate, rules: &ValueRules) -> Result<Report, AppError> {
    let mut tiers: BTreeMap<Tier, (u64, i64)> = BTreeMap::new();
    for r in s.book_rows(None)? {
        let placed = place(&r, today, rules);
        let value = if r.standing.is_owner(r.level) {
            placed.value
        } else {
            diff::expected_value(r.level, r.budget.as_ref(), rules).unwrap_or(0)
        };
        let e = tiers.entry(placed.tier).or_default();
        e.0 += 1;
        e.1 += value;
    }
    Ok(Report::Tiers {
        date: today.to_string(),
        rows: Tier::ALL
            .iter()
            .map(|tier| {
                let (customers, value) = tiers.get(tier).copied().unwrap_or_default();
                TierRow {
                    tier: *tier,
                    customers,
                    value,
                    filter: format!("tier:{}", tier.code()),
                }
            })
            .collect(),
    })
}

fn grid_report(s: &Scope<'_>, today: NaiveDate, rules: &ValueRules) -> Result<Report, AppError> {
    let mut cells: BTreeMap<Cell, u64> = BTreeMap::new();
    let mut unknown = 0;
    for r in s.book_rows(None)? {
        let placed = place(&r, today, rules);
        match placed.cell {
            Some(cell) => *cells.entry(cell).or_default() += 1,
            None if grid::volume_band(placed.tier).is_some() => unknown += 1,
            None => {}
        }
    }
    let mut out = Vec::new();
    for satisfaction in Band::ALL {
        for volume in Band::ALL {
            let cell = Cell {
                satisfaction,
                volume,
            };
            out.push(GridCellRow {
                view: GridView::new(cell),
                count: cells.get(&cell).copied().unwrap_or(0),
                filter: cell_filter(cell),
            });
        }
    }
    Ok(Report::Grid {
        date: today.to_string(),
        cells: out,
        unknown,
    })
}

/// Each customer's value in a period: their sales and service spend, and the referral
/// share of their referred customers' sales.
fn values_in(
    s: &Scope<'_>,
    (from, to): (NaiveDate, NaiveDate),
    rules: &ValueRules,
) -> Result<HashMap<String, i64>, AppError> {
    let mut values: HashMap<String, i64> = HashMap::new();
    for sale in s.sales(from, to)? {
        *values.entry(sale.customer_id.clone()).or_default() += sale.amount;
        if sale.kind != InteractionKind::Service
            && let Some(referrer) = sale.referred_by
        {
            *values.entry(referrer).or_default() +=
                sale.amount * i64::from(rules.referral_percent) / 100;
        }
    }
    Ok(values)
}

fn pareto_report(
    s: &Scope<'_>,
    p: (NaiveDate, NaiveDate),
    today: NaiveDate,
    rules: &ValueRules,
) -> Result<Report, AppError> {
    let prev = previous(p);
    let values = values_in(s, p, rules)?;
    let previous_values = values_in(s, prev, rules)?;
    let current = pareto(&values.values().copied().collect::<Vec<_>>());
    let mut best: Vec<(&String, i64)> = values
        .iter()
        .filter(|(_, v)| **v > 0)
        .map(|(id, v)| (id, *v))
        .collect();
    best.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    best.truncate(current.top_count.min(REPORT_LIST_MAX));
    // The listed customers read at once.
    let ids: Vec<String> = best.iter().map(|(id, _)| (*id).clone()).collect();
    let mut rows: HashMap<String, BookRow> = s
        .store
        .book_rows_of(&ids)?
        .into_iter()
        .map(|r| (r.id.clone(), r))
        .collect();
    let mut top = Vec::new();
    for (id, value) in best {
        if let Some(r) = rows.remove(id) {
            top.push(ValuedCustomer {
                tier: place(&r, today, rules).tier,
                id: r.id,
                name: r.name,
                level: r.level,
                value,
            });
        }
    }
    Ok(Report::Pareto {
        period: period_dto(p),
        previous_period: period_dto(prev),
        current,
        previous: pareto(&previous_values.values().copied().collect::<Vec<_>>()),
        top,
    })
}

/// Keeps the `n` best matches, best first (then by id): the listed few put first, then
/// sorted; ids are unique, so the same list as a whole sort gives.
fn top_lookalikes(prospects: &mut Vec<Lookalike>, n: usize) {
    let ranked = |a: &Lookalike, b: &Lookalike| b.score.cmp(&a.score).then_with(|| a.id.cmp(&b.id));
    if n == 0 {
        prospects.clear();
        return;
    }
    if prospects.len() > n {
        prospects.select_nth_unstable_by(n - 1, ranked);
        prospects.truncate(n);
    }
    prospects.sort_unstable_by(ranked);
}

fn lookalikes_report(
    s: &Scope<'_>,
    today: NaiveDate,
    rules: &ValueRules,
) -> Result<Report, AppError> {
    // What each customer is worth and whether they own a car: no more of the book is read.
    let rows = s.store.value_rows(s.consultant)?;
    let mut owners: Vec<(&ValueRow, i64)> = rows
        .iter()
        .map(|r| (r, diff::value(&r.standing(), r.referred_bought, rules)))
        .filter(|(_, v)| *v > 0)
        .collect();
    // Stable: of two customers worth the same, the one the book gives first.
    owners.sort_by_key(|o| std::cmp::Reverse(o.1));
    owners.truncate(owners.len().div_ceil(5));
    let candidates: Vec<&ValueRow> = rows
        .iter()
        .filter(|r| !r.standing().is_owner(r.level) && r.level != Level::F)
        .collect();
    // The traits of the best fifth and of the prospects only.
    let wanted: Vec<String> = owners
        .iter()
        .map(|(r, _)| r.id.clone())
        .chain(candidates.iter().map(|r| r.id.clone()))
        .collect();
    let traits = s.store.traits(&wanted)?;
    let empty = Traits::default();
    let best: Vec<Traits> = owners
        .iter()
        .map(|(r, _)| traits.get(&r.id).unwrap_or(&empty).clone())
        .collect();
    let ideal = lookalike::ideal(&best);
    let mut prospects: Vec<Lookalike> = candidates
        .iter()
        .filter_map(|r| {
            let m = lookalike::score(&ideal, traits.get(&r.id)?);
            (m.score > 0).then(|| Lookalike {
                id: r.id.clone(),
                name: String::new(),
                level: r.level,
                score: m.score,
                matching: m.matching,
            })
        })
        .collect();
    top_lookalikes(&mut prospects, REPORT_LIST_MAX);
    let ids: Vec<String> = prospects.iter().map(|p| p.id.clone()).collect();
    let mut names = s.store.names_of(&ids)?;
    for p in &mut prospects {
        p.name = names.remove(&p.id).unwrap_or_default();
    }
    Ok(Report::Lookalikes {
        date: today.to_string(),
        ideal,
        prospects,
    })
}

#[cfg(test)]
mod tests;
