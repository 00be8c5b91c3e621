//! Desktop notices: the day's summary (the rows of today's plan still to do) once the day has
//! started and each prompt of the plan with a set time shortly before it, each shown once.

use chrono::NaiveDate;

use super::rules;
use crate::{App, AppError, Notice};

impl App {
    /// The notifications to show now: the day's summary once the day has started, and each
    /// prompt with a set time from a few minutes before it; none already shown.
    pub fn pending_notices(&self) -> Result<Vec<Notice>, AppError> {
        let now = self.now();
        let today = now.date();
        let plan = self.plan_for(today)?;
        let left = u64::from(plan.total - plan.done);
        let store = self.store();
        let rules = rules(&store)?;
        let day_start = chrono::NaiveTime::parse_from_str(&rules.day_start, "%H:%M")
            .unwrap_or(chrono::NaiveTime::MIN);
        let mut notices = Vec::new();
        if carnet_core::notify::summary_due(now, day_start, left) {
            notices.push(Notice {
                key: format!("summary:{today}"),
                due_count: Some(left),
                customer_id: None,
                name: None,
                prompt: None,
            });
        }
        for row in plan.rows.iter().filter_map(|r| r.customer.as_ref()) {
            for p in &row.prompts {
                let time = p
                    .time
                    .as_deref()
                    .and_then(|t| chrono::NaiveTime::parse_from_str(t, "%H:%M").ok());
                let due = p.due.parse::<NaiveDate>().unwrap_or(today);
                if carnet_core::notify::prompt_due(due, time, now, rules.notify_lead_minutes) {
                    notices.push(Notice {
                        key: format!("prompt:{}:{}:{}", row.customer_id, p.key, p.due),
                        due_count: None,
                        customer_id: Some(row.customer_id.clone()),
                        name: Some(row.name.clone()),
                        prompt: Some(p.clone()),
                    });
                }
            }
        }
        let keys: Vec<String> = notices.iter().map(|n| n.key.clone()).collect();
        let sent = store.sent_notices(&keys)?;
        notices.retain(|n| !sent.contains(&n.key));
        Ok(notices)
    }

    /// Records notifications as shown, so they are not shown again.
    pub fn mark_notified(&self, keys: &[String]) -> Result<(), AppError> {
        Ok(self.store().write(|w| w.mark_notices_sent(keys))?)
    }
}
