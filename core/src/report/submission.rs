//! 报送: a month's report submitted by the deadline in settings (default the 5th, 17:00, company
//! time) is stored as an unchangeable snapshot of every figure, with who and when, on time or
//! late. A submitted month is reissued only as a new revision with a reason; every revision
//! stays readable and printable as it was (the table refuses UPDATE and DELETE).

use chrono::{DateTime, Datelike, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Month, MonthlyReport, add_traces, local_instant, monthly, sync_zone};
use crate::account::{Actor, Permission};
use crate::audit::{self, Action, Change, Entity};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::settings::{self, Settings};
use crate::validate;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct SubmissionSummary {
    pub month: String,
    pub revision: i64,
    pub submitted_at: DateTime<Utc>,
    pub submitter_name: String,
    pub deadline_at: DateTime<Utc>,
    pub on_time: bool,
    /// Why a revision was issued (empty for the first submission).
    pub reason: String,
}

/// A submitted revision with the report exactly as it was submitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Submission {
    pub summary: SubmissionSummary,
    pub report: MonthlyReport,
}

/// When `month`'s report is due: the deadline day of the next month at the deadline hour,
/// company time.
pub fn deadline(month: Month, settings: &Settings) -> DateTime<Utc> {
    let next = month.plus(1).first_day();
    let day = next.with_day(settings.report_deadline_day.clamp(1, 28)).unwrap_or(next);
    local_instant(day, settings.report_deadline_hour.min(23), settings.zone())
}

/// On time when submitted within the deadline's minute at the latest (17:00:59 is on time,
/// 17:01:00 late): people read the deadline to the minute.
pub fn on_time(submitted_at: DateTime<Utc>, deadline: DateTime<Utc>) -> bool {
    submitted_at < deadline + Duration::minutes(1)
}

pub(crate) type SummaryRow = (String, i64, DateTime<Utc>, String, DateTime<Utc>, bool, String);
type SnapshotRow = (String, i64, DateTime<Utc>, String, DateTime<Utc>, bool, String, String);

pub(crate) fn summary(
    (month, revision, submitted_at, submitter_name, deadline_at, on_time, reason): SummaryRow,
) -> SubmissionSummary {
    SubmissionSummary { month, revision, submitted_at, submitter_name, deadline_at, on_time, reason }
}

/// Submits `month`'s report as it is now: revision 1, or the next revision with `reason`.
pub async fn submit(
    store: &Store,
    actor: &Actor,
    month: Month,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Submission> {
    actor.require(Permission::SubmitReports)?;
    let settings = settings::load(store).await?;
    let zone = settings.zone();
    if now < month.plus(1).start(zone) {
        return Err(Error::validation("month", format!("{}尚未结束,不能报送", month.label())));
    }
    sync_zone(store, zone).await?;
    let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
    let last: Option<i64> = sqlx::query_scalar("SELECT max(revision) FROM report_submission WHERE month = ?")
        .bind(month.key())
        .fetch_one(&mut *tx)
        .await?;
    let revision = last.unwrap_or(0) + 1;
    let reason = if revision > 1 {
        validate::required("reason", "修订原因", reason, 500)
            .map_err(|_| Error::validation("reason", format!("{}已报送,重新报送须填写修订原因", month.label())))?
    } else {
        reason.trim().to_owned()
    };
    let mut report = monthly(&mut tx, month, &settings, now).await?;
    add_traces(&mut tx, &mut report).await?;
    let snapshot = serde_json::to_string(&report).map_err(|e| Error::Internal(e.to_string()))?;
    let due = deadline(month, &settings);
    let timely = on_time(now, due);
    sqlx::query(
        "INSERT INTO report_submission (month, revision, submitted_at, submitted_by, submitter_name, deadline_at, on_time,
                                        reason, snapshot)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(month.key())
    .bind(revision)
    .bind(db_time(now))
    .bind(actor.user_id)
    .bind(&actor.display_name)
    .bind(db_time(due))
    .bind(timely)
    .bind(&reason)
    .bind(&snapshot)
    .execute(&mut *tx)
    .await?;
    let (action, text) = if revision == 1 {
        (Action::Submit, format!("报送{}月度投诉率报表", month.label()))
    } else {
        (Action::Revise, format!("修订重报{}月度投诉率报表(第{revision}版):{reason}", month.label()))
    };
    let text = format!("{text}{}", if timely { "(按时)" } else { "(逾期)" });
    audit::record(&mut tx, Change::note(actor, Entity::Report, month.key(), action, text, now)).await?;
    tx.commit().await?;
    let summary = SubmissionSummary {
        month: month.key(),
        revision,
        submitted_at: now,
        submitter_name: actor.display_name.clone(),
        deadline_at: due,
        on_time: timely,
        reason,
    };
    Ok(Submission { summary, report })
}

/// The month's revisions, first to last.
pub async fn submissions(store: &Store, actor: &Actor, month: Month) -> Result<Vec<SubmissionSummary>> {
    actor.require(Permission::ViewReports)?;
    let rows: Vec<SummaryRow> = sqlx::query_as(
        "SELECT month, revision, submitted_at, submitter_name, deadline_at, on_time, reason
         FROM report_submission WHERE month = ? ORDER BY revision",
    )
    .bind(month.key())
    .fetch_all(store.pool())
    .await?;
    Ok(rows.into_iter().map(summary).collect())
}

/// One revision as it was submitted.
pub async fn submission(store: &Store, actor: &Actor, month: Month, revision: i64) -> Result<Submission> {
    actor.require(Permission::ViewReports)?;
    let row: Option<SnapshotRow> = sqlx::query_as(
        "SELECT month, revision, submitted_at, submitter_name, deadline_at, on_time, reason, snapshot
         FROM report_submission WHERE month = ? AND revision = ?",
    )
    .bind(month.key())
    .bind(revision)
    .fetch_optional(store.pool())
    .await?;
    let (m, rev, at, name, due, timely, reason, snapshot) = row.ok_or(Error::NotFound("报送记录"))?;
    let report: MonthlyReport =
        serde_json::from_str(&snapshot).map_err(|e| Error::Corrupt(format!("report snapshot {m} r{rev}: {e}")))?;
    Ok(Submission { summary: summary((m, rev, at, name, due, timely, reason)), report })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_deadline_is_the_fifth_at_five_in_the_afternoon_company_time_and_counts_to_the_minute() {
        let settings = Settings::default();
        let due = deadline(Month { year: 2026, month: 12 }, &settings);
        // 2027-01-05 17:00 in Shanghai is 09:00 UTC.
        assert_eq!(due, Utc.with_ymd_and_hms(2027, 1, 5, 9, 0, 0).unwrap());
        assert!(on_time(Utc.with_ymd_and_hms(2027, 1, 5, 8, 59, 59).unwrap(), due));
        assert!(on_time(Utc.with_ymd_and_hms(2027, 1, 5, 9, 0, 59).unwrap(), due));
        assert!(!on_time(Utc.with_ymd_and_hms(2027, 1, 5, 9, 1, 0).unwrap(), due));
        let custom = Settings { report_deadline_day: 3, report_deadline_hour: 12, ..Settings::default() };
        assert_eq!(
            deadline(Month { year: 2026, month: 10 }, &custom),
            Utc.with_ymd_and_hms(2026, 11, 3, 4, 0, 0).unwrap()
        );
    }
}
