//! The after-sales manager's dashboard (工作台, part 3 of the rule): open complaints by state and
//! age, overdue items, major complaints and claims waiting, this year's rate against the target,
//! the report countdown and 12 months of responsibility by department. Every figure carries
//! what the complaint list needs to show the complaints behind it.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::monthly::{CountRow, PartyRow, Rate, rate_of_months, responsibility_of, shipment_totals};
use super::submission::{SubmissionSummary, SummaryRow, deadline, summary};
use super::{Month, sync_zone};
use crate::account::{Actor, Permission};
use crate::clock::db_time;
use crate::complaint::{Severity, State};
use crate::db::Store;
use crate::error::Result;
use crate::settings;

/// Open complaints received in a span of local dates (the list's 投诉日期 filter).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct AgeBucket {
    pub label: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub complaints: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Dashboard {
    pub open_total: i64,
    /// Open states in workflow order (key: the state, for the list's 状态 filter).
    pub open_by_state: Vec<CountRow>,
    pub open_by_age: Vec<AgeBucket>,
    /// Open and not contacted within the limit in settings.
    pub overdue_contact: i64,
    /// Open complaints with an improvement action past its due date.
    pub overdue_actions: i64,
    pub first_contact_hours: i64,
    /// 重大 complaints still open.
    pub major_open: i64,
    /// Open complaints with a claim.
    pub claims_open: i64,
    pub claims_open_fen: i64,
    /// This year to the current month, by the formula in settings.
    pub year: i32,
    pub year_rate: Rate,
    pub target: Option<f64>,
    pub meets_target: Option<bool>,
    /// The report due now (last month's) and its deadline.
    pub report_month: String,
    pub report_deadline_at: DateTime<Utc>,
    /// Seconds to the deadline (negative: past it).
    pub report_seconds_left: i64,
    pub report_submitted: Option<SubmissionSummary>,
    /// The 12 months ending with the current one, first and last month.
    pub responsibility_from: String,
    pub responsibility_to: String,
    pub responsibility_by_department: Vec<PartyRow>,
    /// Satisfaction over the last 12 months (CSAT, NPS, loyalty) from the surveys entered.
    pub satisfaction: crate::survey::SatisfactionSummary,
}

pub async fn dashboard(store: &Store, actor: &Actor, now: DateTime<Utc>) -> Result<Dashboard> {
    actor.require(Permission::ViewReports)?;
    let settings = settings::load(store).await?;
    let zone = settings.zone();
    sync_zone(store, zone).await?;
    let mut conn = store.pool().acquire().await?;
    let this_month = Month::containing(now, zone);

    let open: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT month, state, severity, sum(complaints) FROM report_tally
         WHERE state NOT IN ('closed', 'cancelled') GROUP BY month, state, severity",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut by_state: BTreeMap<String, i64> = BTreeMap::new();
    let mut by_month: BTreeMap<String, i64> = BTreeMap::new();
    let mut major_open = 0;
    for (month, state, severity, n) in &open {
        *by_state.entry(state.clone()).or_default() += n;
        *by_month.entry(month.clone()).or_default() += n;
        if severity == Severity::Major.key() {
            major_open += n;
        }
    }
    let open_by_state: Vec<CountRow> = State::ALL
        .iter()
        .filter(|s| !matches!(s, State::Closed | State::Cancelled))
        .map(|s| CountRow {
            key: s.key().into(),
            name: s.label().into(),
            complaints: by_state.get(s.key()).copied().unwrap_or(0),
            defective: 0,
        })
        .collect();
    let open_total = open_by_state.iter().map(|r| r.complaints).sum();
    let sum_months = |from: Option<Month>, to: Option<Month>| -> i64 {
        by_month
            .iter()
            .filter(|(m, _)| from.is_none_or(|f| m.as_str() >= f.key().as_str()))
            .filter(|(m, _)| to.is_none_or(|t| m.as_str() <= t.key().as_str()))
            .map(|(_, n)| n)
            .sum()
    };
    let bucket = |label: &str, from: Option<Month>, to: Option<Month>| AgeBucket {
        label: label.into(),
        from: from.map(Month::first_day),
        to: to.map(Month::last_day),
        complaints: sum_months(from, to),
    };
    let open_by_age = vec![
        bucket("本月受理", Some(this_month), Some(this_month)),
        bucket("上月受理", Some(this_month.plus(-1)), Some(this_month.plus(-1))),
        bucket("2-3个月前", Some(this_month.plus(-3)), Some(this_month.plus(-2))),
        bucket("3个月以前", None, Some(this_month.plus(-4))),
    ];

    let overdue_contact: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM complaint
         WHERE first_contact_at IS NULL AND state NOT IN ('closed', 'cancelled') AND received_at < ?",
    )
    .bind(db_time(now - Duration::hours(settings.first_contact_hours)))
    .fetch_one(&mut *conn)
    .await?;
    let today = now.with_timezone(&zone).date_naive().to_string();
    let overdue_actions: i64 = sqlx::query_scalar(
        "SELECT count(DISTINCT a.complaint_id) FROM complaint_action a JOIN complaint c ON c.id = a.complaint_id
         WHERE a.done_date IS NULL AND a.due_date < ? AND c.state NOT IN ('closed', 'cancelled')",
    )
    .bind(&today)
    .fetch_one(&mut *conn)
    .await?;
    let (claims_open, claims_open_fen): (i64, Option<i64>) = sqlx::query_as(
        "SELECT count(*), sum(claimed_fen) FROM complaint WHERE claimed_fen > 0 AND state NOT IN ('closed', 'cancelled')",
    )
    .fetch_one(&mut *conn)
    .await?;

    // This year's rate, January to this month.
    let january = Month { year: this_month.year, month: 1 };
    let counts: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT month, sum(complaints), sum(defective) FROM report_tally
         WHERE month >= ? AND month <= ? AND state <> 'cancelled' GROUP BY month",
    )
    .bind(january.key())
    .bind(this_month.key())
    .fetch_all(&mut *conn)
    .await?;
    let shipped = shipment_totals(&mut conn, january, this_month).await?;
    let year_rate = rate_of_months(&mut conn, &settings, january, this_month, &counts, &shipped).await?;
    let target = settings.complaint_rate_target;
    let meets_target = match (year_rate.value, target) {
        (Some(v), Some(t)) => Some(v <= t),
        _ => None,
    };

    let report_month = this_month.plus(-1);
    let report_deadline_at = deadline(report_month, &settings);
    let submitted: Option<SummaryRow> = sqlx::query_as(
        "SELECT month, revision, submitted_at, submitter_name, deadline_at, on_time, reason
         FROM report_submission WHERE month = ? ORDER BY revision LIMIT 1",
    )
    .bind(report_month.key())
    .fetch_optional(&mut *conn)
    .await?;
    let report_submitted = submitted.map(summary);

    let first = this_month.plus(-11);
    let rows: Vec<(i64, String, String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT department_id, '', '', sum(entries), sum(share_percent), sum(claimed_share), sum(agreed_share)
         FROM report_responsibility_tally WHERE month >= ? AND month <= ? AND live = 1 AND department_id <> 0
         GROUP BY department_id",
    )
    .bind(first.key())
    .bind(this_month.key())
    .fetch_all(&mut *conn)
    .await?;
    let departments: BTreeMap<i64, String> =
        sqlx::query_as("SELECT id, name FROM department").fetch_all(&mut *conn).await?.into_iter().collect();
    let responsibility_by_department = responsibility_of(&rows, &departments).by_department;

    let today = now.with_timezone(&zone).date_naive();
    let year_ago = today.checked_sub_months(chrono::Months::new(12)).unwrap_or(today);
    let satisfaction = crate::survey::satisfaction_summary(&mut conn, year_ago, today).await?;
    Ok(Dashboard {
        satisfaction,
        open_total,
        open_by_state,
        open_by_age,
        overdue_contact,
        overdue_actions,
        first_contact_hours: settings.first_contact_hours,
        major_open,
        claims_open,
        claims_open_fen: claims_open_fen.unwrap_or(0),
        year: this_month.year,
        year_rate,
        target,
        meets_target,
        report_month: report_month.key(),
        report_deadline_at,
        report_seconds_left: (report_deadline_at - now).num_seconds(),
        report_submitted,
        responsibility_from: first.key(),
        responsibility_to: this_month.key(),
        responsibility_by_department,
    })
}
