//! 月度客户投诉率及责任归属报表 (售后服务管理制度 二(四)): the monthly complaint rate against
//! shipments, responsibility by department, unit, person and cause code, its submission (报送)
//! by the deadline in settings, and the after-sales manager's dashboard.
//!
//! Figures come from kept monthly totals (the `report_*_tally` tables, maintained by triggers in
//! the same statement as every change to a complaint; see the migration), so a month of 42,000
//! complaints is read as a few hundred rows. Months are the company's local months.

mod dashboard;
mod monthly;
mod output;
pub mod shipment;
mod submission;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

pub use dashboard::{AgeBucket, Dashboard, dashboard};
pub use monthly::*;
pub use output::{render_pdf, write_xlsx, xlsx_bytes};
pub use shipment::{Shipment, ShipmentInput, ShipmentQuery};
pub use submission::{Submission, SubmissionSummary, deadline, submission, submissions, submit};

use crate::account::{Actor, Permission};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::keyed::keyed_enum;
use crate::settings::{self, Settings};

keyed_enum!(
    /// How the complaint rate is computed (complaints.md §3); the company picks one in settings.
    RateFormula {
        /// complaints ÷ shipments (deliveries) × 100 %
        CaseRate = "case_rate" / "投诉率(件数/发货次数)",
        /// defective quantity ÷ shipped quantity × 1,000,000
        Ppm = "ppm" / "不良PPM(不良数/发货数量)",
        /// complaints ÷ active customers × 100 %
        PerCustomer = "per_customer" / "客户投诉率(件数/在册客户数)",
        /// complaints ÷ all service contacts (complaints + other contacts) × 100 %
        ContactShare = "contact_share" / "投诉占服务联系比例",
    }
);

impl RateFormula {
    /// The formula as the report prints it.
    pub fn text(self) -> &'static str {
        match self {
            RateFormula::CaseRate => "投诉件数 ÷ 发货次数 × 100%",
            RateFormula::Ppm => "投诉不良数量 ÷ 发货数量 × 1,000,000",
            RateFormula::PerCustomer => "投诉件数 ÷ 在册客户数 × 100%",
            RateFormula::ContactShare => "投诉件数 ÷ (投诉件数 + 其他服务联系次数) × 100%",
        }
    }
    pub fn unit(self) -> &'static str {
        if self == RateFormula::Ppm { "PPM" } else { "%" }
    }
    fn scale(self) -> f64 {
        if self == RateFormula::Ppm { 1_000_000.0 } else { 100.0 }
    }
    pub fn numerator_label(self) -> &'static str {
        if self == RateFormula::Ppm { "投诉不良数量" } else { "投诉件数(不含撤销)" }
    }
    pub fn denominator_label(self) -> &'static str {
        match self {
            RateFormula::CaseRate => "发货次数",
            RateFormula::Ppm => "发货数量",
            RateFormula::PerCustomer => "在册客户数",
            RateFormula::ContactShare => "服务联系总次数",
        }
    }
    /// The rate, or `None` when there is nothing to divide by (never a made-up figure).
    pub fn rate(self, numerator: i64, denominator: Option<i64>) -> Option<f64> {
        match denominator {
            Some(d) if d > 0 => Some(round4(numerator as f64 * self.scale() / d as f64)),
            _ => None,
        }
    }
}

/// Four decimals: enough for a rate, and stable in JSON.
pub(crate) fn round4(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

/// A calendar month of the company's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    /// 1–12
    pub month: u32,
}

impl Month {
    /// "2026-10" (also "2026-1", "2026/10", "202610").
    pub fn parse(text: &str) -> Result<Month> {
        let t = text.trim();
        let bad = || Error::validation("month", format!("月份“{t}”格式不对,应为 YYYY-MM,如 2026-10"));
        let (y, m) = match t.split_once(['-', '/', '年']) {
            Some((y, m)) => (y, m.trim_end_matches('月')),
            None if t.len() == 6 => t.split_at(4),
            None => return Err(bad()),
        };
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        if !(1990..=2098).contains(&year) || !(1..=12).contains(&month) {
            return Err(bad());
        }
        Ok(Month { year, month })
    }

    /// The month an instant falls in, in `zone`.
    pub fn containing(at: DateTime<Utc>, zone: Tz) -> Month {
        let local = at.with_timezone(&zone);
        Month { year: local.year(), month: local.month() }
    }

    pub fn key(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// "2026年10月"
    pub fn label(self) -> String {
        format!("{}年{}月", self.year, self.month)
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a valid month")
    }

    /// The month `n` months later (earlier when negative).
    pub fn plus(self, n: i32) -> Month {
        let index = self.year * 12 + self.month as i32 - 1 + n;
        Month { year: index.div_euclid(12), month: index.rem_euclid(12) as u32 + 1 }
    }

    /// Local midnight of the 1st, as an instant.
    pub fn start(self, zone: Tz) -> DateTime<Utc> {
        local_instant(self.first_day(), 0, zone)
    }

    /// The last calendar day.
    pub fn last_day(self) -> NaiveDate {
        self.plus(1).first_day().pred_opt().expect("a valid day")
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.key())
    }
}

/// `day` at `hour`:00 local time as an instant (the earliest, should the hour repeat; the next
/// existing one should it be skipped by a clock change).
pub(crate) fn local_instant(day: NaiveDate, hour: u32, zone: Tz) -> DateTime<Utc> {
    let mut at = day.and_hms_opt(hour, 0, 0).expect("a valid hour");
    for _ in 0..4 {
        if let Some(t) = at.and_local_timezone(zone).earliest() {
            return t.with_timezone(&Utc);
        }
        at += chrono::Duration::hours(1);
    }
    at.and_utc()
}

/// The months `report_month` maps instants to, 1990–2099.
const FIRST_YEAR: i32 = 1990;
const LAST_YEAR: i32 = 2099;

/// Makes the kept totals count by the months of `zone`: when they were made for another time
/// zone (the setting changed), refills `report_month` and recounts every total from the raw
/// rows, in one transaction. Cheap when nothing changed (one row read).
pub async fn sync_zone(store: &Store, zone: Tz) -> Result<()> {
    let mut conn = store.pool().acquire().await?;
    let kept: Option<String> =
        sqlx::query_scalar("SELECT zone FROM report_tally_zone WHERE id = 1").fetch_optional(&mut *conn).await?;
    if kept.as_deref() == Some(zone.name()) {
        return Ok(());
    }
    drop(conn);
    let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
    refill_months(&mut tx, zone).await?;
    rebuild_tallies(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

async fn refill_months(conn: &mut SqliteConnection, zone: Tz) -> Result<()> {
    sqlx::query("DELETE FROM report_month").execute(&mut *conn).await?;
    let mut month = Month { year: FIRST_YEAR, month: 1 };
    while month.year <= LAST_YEAR {
        sqlx::query("INSERT INTO report_month (starts_at, month) VALUES (?, ?)")
            .bind(db_time(month.start(zone)))
            .bind(month.key())
            .execute(&mut *conn)
            .await?;
        month = month.plus(1);
    }
    sqlx::query(
        "INSERT INTO report_tally_zone (id, zone) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET zone = excluded.zone",
    )
    .bind(zone.name())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Recounts every kept total from the complaints, lines, shares and contacts (the statements
/// the migration ran first). Tests compare what the triggers kept with this.
pub async fn rebuild_tallies(conn: &mut SqliteConnection) -> Result<()> {
    sqlx::raw_sql(include_str!("rebuild.sql")).execute(&mut *conn).await?;
    Ok(())
}

/// The report of `month` for the screen, the exports and a submission (with the complaint
/// numbers behind every responsibility figure).
pub async fn monthly_report(store: &Store, actor: &Actor, month: Month, now: DateTime<Utc>) -> Result<MonthlyReport> {
    actor.require(Permission::ViewReports)?;
    let settings = settings::load(store).await?;
    sync_zone(store, settings.zone()).await?;
    let mut conn = store.pool().acquire().await?;
    let mut report = monthly(&mut conn, month, &settings, now).await?;
    add_traces(&mut conn, &mut report).await?;
    Ok(report)
}

keyed_enum!(
    /// What the report is written as.
    ReportFormat {
        Pdf = "pdf" / "PDF",
        Xlsx = "xlsx" / "Excel",
        Json = "json" / "JSON",
    }
);

/// The report of `month` as it is now, or revision `revision` as it was submitted.
pub async fn document(
    store: &Store,
    actor: &Actor,
    month: Month,
    revision: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(MonthlyReport, Option<SubmissionSummary>)> {
    match revision {
        Some(revision) => {
            let s = submission(store, actor, month, revision).await?;
            Ok((s.report, Some(s.summary)))
        }
        None => Ok((monthly_report(store, actor, month, now).await?, None)),
    }
}

/// The report's bytes in `format` (`shouhou report monthly`, the screen's export and preview).
pub async fn export(
    store: &Store,
    actor: &Actor,
    month: Month,
    revision: Option<i64>,
    format: ReportFormat,
    now: DateTime<Utc>,
) -> Result<Vec<u8>> {
    let (report, submitted) = document(store, actor, month, revision, now).await?;
    match format {
        ReportFormat::Pdf => render_pdf(&report, submitted.as_ref()),
        ReportFormat::Xlsx => xlsx_bytes(&report),
        ReportFormat::Json => {
            #[derive(Serialize)]
            struct Exported<'a> {
                submission: Option<&'a SubmissionSummary>,
                #[serde(flatten)]
                report: &'a MonthlyReport,
            }
            let mut text = serde_json::to_string_pretty(&Exported { submission: submitted.as_ref(), report: &report })
                .map_err(|e| Error::Internal(e.to_string()))?;
            text.push('\n');
            Ok(text.into_bytes())
        }
    }
}

/// A file name for the report: 月度客户投诉率报表-2026-10(-第2版).pdf
pub fn file_name(month: Month, revision: Option<i64>, format: ReportFormat) -> String {
    let revision = revision.map(|r| format!("-第{r}版")).unwrap_or_default();
    format!("月度客户投诉率报表-{}{revision}.{}", month.key(), format.key())
}

/// Last month in the company's time zone: the report due this month.
pub fn last_month(now: DateTime<Utc>, settings: &Settings) -> Month {
    Month::containing(now, settings.zone()).plus(-1)
}

/// What the screen shows above the figures: the report as of now, the submissions so far, the
/// deadline, and how today's figures differ from the latest submission.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export_to = "bindings.ts")]
pub struct ReportPage {
    pub report: MonthlyReport,
    pub deadline_at: DateTime<Utc>,
    pub submissions: Vec<SubmissionSummary>,
    /// Today's figures against the latest submission's; empty when none was submitted or
    /// nothing changed.
    pub differences: Vec<Difference>,
}

/// One figure that changed since the report was submitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export_to = "bindings.ts")]
pub struct Difference {
    pub figure: String,
    pub submitted: String,
    pub today: String,
}

pub async fn report_page(store: &Store, actor: &Actor, month: Month, now: DateTime<Utc>) -> Result<ReportPage> {
    let report = monthly_report(store, actor, month, now).await?;
    let settings = settings::load(store).await?;
    let submissions = submissions(store, actor, month).await?;
    let differences = match submissions.last() {
        Some(latest) => {
            let submitted = submission(store, actor, month, latest.revision).await?;
            differences(&submitted.report, &report)
        }
        None => vec![],
    };
    Ok(ReportPage { report, deadline_at: deadline(month, &settings), submissions, differences })
}

/// The headline figures of two reports of one month, where they differ.
pub fn differences(submitted: &MonthlyReport, today: &MonthlyReport) -> Vec<Difference> {
    let rate = |r: &Rate| r.value.map(|v| format!("{v} {}", r.unit)).unwrap_or_else(|| r.note.clone());
    let mut figures: Vec<(String, String, String)> = vec![
        ("投诉件数".into(), submitted.received.to_string(), today.received.to_string()),
        ("撤销件数".into(), submitted.cancelled.to_string(), today.cancelled.to_string()),
        ("已结案".into(), submitted.closed.to_string(), today.closed.to_string()),
        ("不良数量".into(), submitted.defective_quantity.to_string(), today.defective_quantity.to_string()),
        ("投诉率".into(), rate(&submitted.rate), rate(&today.rate)),
        ("近12个月投诉率".into(), rate(&submitted.moving_12), rate(&today.moving_12)),
        ("索赔金额(分)".into(), submitted.claimed_fen.to_string(), today.claimed_fen.to_string()),
        ("同意赔付(分)".into(), submitted.agreed_fen.to_string(), today.agreed_fen.to_string()),
    ];
    let mut parties: Vec<String> = submitted
        .responsibility
        .by_department
        .iter()
        .chain(&today.responsibility.by_department)
        .map(|r| r.name.clone())
        .collect();
    parties.sort();
    parties.dedup();
    for name in parties {
        let weighted = |r: &MonthlyReport| {
            r.responsibility
                .by_department
                .iter()
                .find(|p| p.name == name)
                .map(|p| p.weighted.to_string())
                .unwrap_or_else(|| "0".into())
        };
        figures.push((format!("责任部门 {name}(加权件数)"), weighted(submitted), weighted(today)));
    }
    figures
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(figure, submitted, today)| Difference { figure, submitted, today })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn months_parse_step_and_start_at_local_midnight() {
        let m = Month::parse("2026-10").unwrap();
        assert_eq!(m, Month::parse("2026/10").unwrap());
        assert_eq!(m, Month::parse("202610").unwrap());
        assert_eq!(Month::parse("2026-13").unwrap_err().field(), Some("month"));
        assert_eq!(
            (m.plus(3).key(), m.plus(-10).key(), m.plus(-22).key()),
            ("2027-01".into(), "2025-12".into(), "2024-12".into())
        );
        assert_eq!(m.last_day().to_string(), "2026-10-31");
        let shanghai = chrono_tz::Asia::Shanghai;
        assert_eq!(m.start(shanghai), Utc.with_ymd_and_hms(2026, 9, 30, 16, 0, 0).unwrap());
        // 23:30 on the 31st in Shanghai is still October; 00:30 on the 1st is November.
        assert_eq!(Month::containing(Utc.with_ymd_and_hms(2026, 10, 31, 15, 30, 0).unwrap(), shanghai), m);
        assert_eq!(Month::containing(Utc.with_ymd_and_hms(2026, 10, 31, 16, 30, 0).unwrap(), shanghai), m.plus(1));
    }

    #[test]
    fn a_rate_needs_a_positive_denominator() {
        assert_eq!(RateFormula::CaseRate.rate(3, Some(200)), Some(1.5));
        assert_eq!(RateFormula::Ppm.rate(17, Some(10_000)), Some(1700.0));
        assert_eq!(RateFormula::CaseRate.rate(3, Some(0)), None);
        assert_eq!(RateFormula::CaseRate.rate(3, None), None);
        assert_eq!(RateFormula::ContactShare.rate(1, Some(3)), Some(33.3333));
    }
}
