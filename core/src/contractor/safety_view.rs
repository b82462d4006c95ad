//! The safety department's view of the people (added to the workbench beside the packages of
//! `engagement::workbench`): person certificates running out or lapsed, today's denials at the
//! gate, open accidents with their clocks, and the deposits held. Each part reads one index:
//! `worker_certificate_valid_to` / `_review_due`, `entry_check_denied`, `safety_accident_open`,
//! `safety_deposit_entry_engagement`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::accident::{self, AccidentQuery, AccidentSummary, ClockRules};
use super::local_today;
use super::review::EngagementState;
use crate::account::{Actor, Permission};
use crate::db::Store;
use crate::error::Result;
use crate::keyed::keyed_enum;

keyed_enum!(
    /// What runs out on a person's certificate.
    CertificateDeadline {
        ValidTo = "valid_to" / "有效期",
        Review = "review" / "复审",
    }
);

/// A person's certificate whose validity ends within the warning days, whose review is due within
/// the review warning days, or which has lapsed. The UI links to `/contractor/workers/:worker_id`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct PersonCertificateDue {
    pub worker_id: i64,
    pub worker_name: String,
    pub unit_name: Option<String>,
    pub certificate_id: i64,
    /// special_operation / special_equipment.
    pub kind: String,
    pub class: String,
    pub number: String,
    pub deadline: CertificateDeadline,
    pub due_on: NaiveDate,
    /// Negative: lapsed that many days ago.
    pub days_left: i64,
}

/// A denial at the gate today.
#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[ts(export_to = "bindings.ts")]
pub struct GateDenial {
    pub check_id: i64,
    pub checked_at: DateTime<Utc>,
    pub worker_id: Option<i64>,
    pub worker_name: Option<String>,
    pub id_number_masked: String,
    pub engagement_number: Option<String>,
    pub gate: String,
    /// The reasons' messages, in the order of the checks.
    pub reasons: String,
}

/// An engagement holding deposit money.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct DepositHeld {
    pub engagement_id: i64,
    pub number: String,
    pub title: String,
    pub unit_name: Option<String>,
    pub state: EngagementState,
    pub agreed_fen: i64,
    pub balance_fen: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct SafetyPeopleView {
    pub today: NaiveDate,
    pub certificates: Vec<PersonCertificateDue>,
    pub denials_today: Vec<GateDenial>,
    pub open_accidents: Vec<AccidentSummary>,
    pub deposits_held: Vec<DepositHeld>,
    pub deposits_held_total_fen: i64,
}

const LIMIT: i64 = 200;

async fn certificates(
    conn: &mut SqliteConnection,
    today: NaiveDate,
    warn_valid_days: i64,
    warn_review_days: i64,
) -> Result<Vec<PersonCertificateDue>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        worker_id: i64,
        worker_name: String,
        unit_name: Option<String>,
        certificate_id: i64,
        kind: String,
        class: String,
        number: String,
        due_on: NaiveDate,
    }
    // Two literal queries, one per index (valid_to and review_due_on).
    const VALID_TO: &str =
        "SELECT w.id AS worker_id, w.name AS worker_name, u.name AS unit_name, c.id AS certificate_id,
                 c.kind, c.class, c.number, c.valid_to AS due_on
          FROM worker_certificate c INDEXED BY worker_certificate_valid_to
          JOIN contractor_worker w ON w.id = c.worker_id LEFT JOIN contractor_unit u ON u.id = w.unit_id
          WHERE c.valid_to <= ? AND NOT w.blacklisted ORDER BY c.valid_to, c.id LIMIT ?";
    const REVIEW: &str = "SELECT w.id AS worker_id, w.name AS worker_name, u.name AS unit_name, c.id AS certificate_id,
                 c.kind, c.class, c.number, c.review_due_on AS due_on
          FROM worker_certificate c INDEXED BY worker_certificate_review_due
          JOIN contractor_worker w ON w.id = c.worker_id LEFT JOIN contractor_unit u ON u.id = w.unit_id
          WHERE c.review_due_on <= ? AND NOT w.blacklisted ORDER BY c.review_due_on, c.id LIMIT ?";
    let mut out = Vec::new();
    for (deadline, sql, days) in [
        (CertificateDeadline::ValidTo, VALID_TO, warn_valid_days),
        (CertificateDeadline::Review, REVIEW, warn_review_days),
    ] {
        let rows: Vec<Row> =
            sqlx::query_as(sql).bind(today + chrono::Duration::days(days)).bind(LIMIT).fetch_all(&mut *conn).await?;
        out.extend(rows.into_iter().map(|r| PersonCertificateDue {
            worker_id: r.worker_id,
            worker_name: r.worker_name,
            unit_name: r.unit_name,
            certificate_id: r.certificate_id,
            kind: r.kind,
            class: r.class,
            number: r.number,
            deadline,
            days_left: (r.due_on - today).num_days(),
            due_on: r.due_on,
        }));
    }
    out.sort_by_key(|c| (c.due_on, c.certificate_id));
    Ok(out)
}

async fn denials(conn: &mut SqliteConnection, today: NaiveDate) -> Result<Vec<GateDenial>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        check_id: i64,
        checked_at: DateTime<Utc>,
        worker_id: Option<i64>,
        worker_name: Option<String>,
        id_number_masked: String,
        engagement_number: Option<String>,
        gate: String,
        reasons: String,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT c.id AS check_id, c.checked_at, c.worker_id, w.name AS worker_name, c.id_number_masked,
                e.number AS engagement_number, c.gate, c.reasons
         FROM entry_check c INDEXED BY entry_check_denied
         LEFT JOIN contractor_worker w ON w.id = c.worker_id
         LEFT JOIN contractor_engagement e ON e.id = c.engagement_id
         WHERE c.check_date = ? AND c.result = 'deny' ORDER BY c.checked_at DESC, c.id DESC LIMIT ?",
    )
    .bind(today)
    .bind(LIMIT)
    .fetch_all(conn)
    .await?;
    #[derive(serde::Deserialize)]
    struct Reason {
        message: String,
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let reasons: Vec<Reason> = serde_json::from_str(&r.reasons).unwrap_or_default();
            GateDenial {
                check_id: r.check_id,
                checked_at: r.checked_at,
                worker_id: r.worker_id,
                worker_name: r.worker_name,
                id_number_masked: r.id_number_masked,
                engagement_number: r.engagement_number,
                gate: r.gate,
                reasons: reasons.into_iter().map(|x| x.message).collect::<Vec<_>>().join(";"),
            }
        })
        .collect())
}

async fn deposits(conn: &mut SqliteConnection) -> Result<Vec<DepositHeld>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        engagement_id: i64,
        number: String,
        title: String,
        unit_name: Option<String>,
        #[sqlx(try_from = "String")]
        state: EngagementState,
        agreed_fen: i64,
        balance_fen: i64,
    }
    // The last entry of each engagement, found on (engagement_id, id).
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT e.id AS engagement_id, e.number, e.title, u.name AS unit_name, e.state, e.deposit_fen AS agreed_fen,
                d.balance_after_fen AS balance_fen
         FROM (SELECT engagement_id, max(id) AS last_id FROM safety_deposit_entry GROUP BY engagement_id) l
         JOIN safety_deposit_entry d ON d.id = l.last_id
         JOIN contractor_engagement e ON e.id = l.engagement_id
         LEFT JOIN contractor_unit u ON u.id = e.unit_id
         WHERE d.balance_after_fen > 0 ORDER BY e.number",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| DepositHeld {
            engagement_id: r.engagement_id,
            number: r.number,
            title: r.title,
            unit_name: r.unit_name,
            state: r.state,
            agreed_fen: r.agreed_fen,
            balance_fen: r.balance_fen,
        })
        .collect())
}

pub async fn people_view(store: &Store, actor: &Actor, now: DateTime<Utc>) -> Result<SafetyPeopleView> {
    actor.require(Permission::ViewContractors)?;
    let today = local_today(store, now).await?;
    let settings = crate::settings::load(store).await?;
    let rules = settings.safety_rules();
    let clock = ClockRules { limit_minutes: rules.accident_report_minutes, zone: settings.zone() };
    let mut conn = store.pool().acquire().await?;
    let certificates = certificates(&mut conn, today, rules.warn_certificate_days, rules.warn_review_days).await?;
    let denials_today = denials(&mut conn, today).await?;
    let open = AccidentQuery { open: Some(true), ..Default::default() };
    let open_accidents = accident::summaries(&mut conn, &open, LIMIT, clock, now).await?;
    let deposits_held = deposits(&mut conn).await?;
    let deposits_held_total_fen = deposits_held.iter().map(|d| d.balance_fen).sum();
    Ok(SafetyPeopleView { today, certificates, denials_today, open_accidents, deposits_held, deposits_held_total_fen })
}
