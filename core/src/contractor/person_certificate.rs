//! The person's certificates: 特种作业操作证 (valid 6 years, reviewed every
//! `special_operation_review_years`) and 特种设备作业人员证 (reviewed every
//! `special_equipment_review_years`). The next review is due a cycle after the last review (or
//! the issue); a missed review makes the certificate invalid. Scans are attachments.

use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::education::{DueKind, PersonDue, certificate_due_kind};
use crate::account::{Actor, Permission};
use crate::attachment::{self, Attachment, OwnerKind};
use crate::audit::{Action, Entity};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::keyed::keyed_enum;
use crate::settings::{self, SafetyRules};
use crate::validate;
use crate::write::{Record, Write, one_row};

/// A 特种作业操作证 is valid this many years unless the input says otherwise.
pub const DEFAULT_VALID_YEARS: u32 = 6;

keyed_enum!(
    PersonCertificateKind {
        SpecialOperation = "special_operation" / "特种作业操作证",
        SpecialEquipment = "special_equipment" / "特种设备作业人员证",
    }
);

keyed_enum!(
    /// Where a certificate stands on a day.
    CertificateStatus {
        Valid = "valid" / "有效",
        /// Expires within `warn_certificate_days` (30).
        ExpiringSoon = "expiring_soon" / "即将到期",
        /// The review is due within `warn_review_days` (60): the window to apply.
        ReviewWindow = "review_window" / "复审期内",
        Expired = "expired" / "已过期",
        /// The review date has passed without a review: invalid.
        ReviewOverdue = "review_overdue" / "逾期未复审(失效)",
    }
);

/// The classes of 特种作业 the forms offer (any other text is accepted).
pub const SPECIAL_OPERATION_CLASSES: &[&str] = &[
    "电工作业",
    "焊接与热切割作业",
    "高处作业",
    "制冷与空调作业",
    "煤矿安全作业",
    "金属非金属矿山安全作业",
    "石油天然气安全作业",
    "冶金(有色)生产安全作业",
    "危险化学品安全作业",
    "烟花爆竹安全作业",
    "煤气作业",
];

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct WorkerCertificate {
    pub id: i64,
    pub worker_id: i64,
    pub kind: PersonCertificateKind,
    /// 作业类别 / 作业项目, e.g. 电工作业.
    pub class: String,
    pub number: String,
    pub issuer: String,
    pub issued_on: NaiveDate,
    pub valid_to: NaiveDate,
    pub last_reviewed_on: Option<NaiveDate>,
    pub review_due_on: NaiveDate,
    pub version: i64,
}

/// A certificate with its status on the day asked and its scans.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct CertificateLine {
    pub certificate: WorkerCertificate,
    pub status: CertificateStatus,
    pub attachments: Vec<Attachment>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct WorkerCertificateInput {
    pub kind: PersonCertificateKind,
    pub class: String,
    pub number: String,
    pub issuer: String,
    pub issued_on: NaiveDate,
    /// Absent: six years after issue.
    pub valid_to: Option<NaiveDate>,
    /// The last review passed, when the certificate was reviewed before it was recorded here.
    pub last_reviewed_on: Option<NaiveDate>,
}

/// Years between reviews for the kind.
pub fn review_cycle_years(kind: PersonCertificateKind, rules: &SafetyRules) -> i64 {
    match kind {
        PersonCertificateKind::SpecialOperation => rules.special_operation_review_years,
        PersonCertificateKind::SpecialEquipment => rules.special_equipment_review_years,
    }
}

pub(crate) fn add_years(date: NaiveDate, years: i64) -> NaiveDate {
    // 29 February plus a year is 28 February.
    date.checked_add_months(Months::new((years.max(0) * 12) as u32)).unwrap_or(date)
}

/// The next review: a cycle after the last review, or after issue.
pub fn review_due_on(
    kind: PersonCertificateKind,
    issued_on: NaiveDate,
    last_reviewed_on: Option<NaiveDate>,
    rules: &SafetyRules,
) -> NaiveDate {
    add_years(last_reviewed_on.unwrap_or(issued_on), review_cycle_years(kind, rules))
}

/// Where the certificate stands on `on`: 已过期 after `valid_to`; 逾期未复审(失效) after the review
/// date; 即将到期 within the warning days of the end (the last day included); 复审期内 within the
/// review window; otherwise 有效.
pub fn certificate_status(cert: &WorkerCertificate, rules: &SafetyRules, on: NaiveDate) -> CertificateStatus {
    if on > cert.valid_to {
        CertificateStatus::Expired
    } else if on > cert.review_due_on {
        CertificateStatus::ReviewOverdue
    } else if (cert.valid_to - on).num_days() <= rules.warn_certificate_days {
        CertificateStatus::ExpiringSoon
    } else if (cert.review_due_on - on).num_days() <= rules.warn_review_days {
        CertificateStatus::ReviewWindow
    } else {
        CertificateStatus::Valid
    }
}

impl WorkerCertificateInput {
    pub fn checked(self, today: NaiveDate) -> Result<WorkerCertificateInput> {
        if self.issued_on > today {
            return Err(Error::validation("issued_on", "发证日期不能晚于今天"));
        }
        let valid_to = self.valid_to.unwrap_or_else(|| add_years(self.issued_on, DEFAULT_VALID_YEARS as i64));
        if valid_to <= self.issued_on {
            return Err(Error::validation("valid_to", "有效期至须晚于发证日期"));
        }
        if let Some(r) = self.last_reviewed_on {
            if r < self.issued_on {
                return Err(Error::validation("last_reviewed_on", "复审日期不能早于发证日期"));
            }
            if r > today {
                return Err(Error::validation("last_reviewed_on", "复审日期不能晚于今天"));
            }
        }
        Ok(WorkerCertificateInput {
            kind: self.kind,
            class: validate::required("class", "作业类别", &self.class, 64)?,
            number: validate::required("number", "证书编号", &self.number, 64)?,
            issuer: validate::optional("issuer", "发证机关", &self.issuer, 64)?,
            issued_on: self.issued_on,
            valid_to: Some(valid_to),
            last_reviewed_on: self.last_reviewed_on,
        })
    }
}

impl Record for WorkerCertificate {
    const ENTITY: Entity = Entity::WorkerCertificate;
    async fn load(conn: &mut SqliteConnection, id: i64) -> Result<WorkerCertificate> {
        load(conn, id).await
    }
    fn version(&self) -> i64 {
        self.version
    }
}

pub(crate) async fn load(conn: &mut SqliteConnection, id: i64) -> Result<WorkerCertificate> {
    let r = sqlx::query!(
        r#"SELECT id AS "id!", worker_id, kind, class, number, issuer, issued_on AS "issued_on: NaiveDate",
                  valid_to AS "valid_to: NaiveDate", last_reviewed_on AS "last_reviewed_on: NaiveDate",
                  review_due_on AS "review_due_on: NaiveDate", version
           FROM worker_certificate WHERE id = ?"#,
        id
    )
    .fetch_optional(conn)
    .await?
    .ok_or(Error::NotFound("人员证书"))?;
    Ok(WorkerCertificate {
        id: r.id,
        worker_id: r.worker_id,
        kind: PersonCertificateKind::stored(&r.kind)?,
        class: r.class,
        number: r.number,
        issuer: r.issuer,
        issued_on: r.issued_on,
        valid_to: r.valid_to,
        last_reviewed_on: r.last_reviewed_on,
        review_due_on: r.review_due_on,
        version: r.version,
    })
}

/// The worker's certificates with their status on `on` (newest issue first).
pub(crate) async fn lines_of(
    conn: &mut SqliteConnection,
    worker_id: i64,
    rules: &SafetyRules,
    on: NaiveDate,
) -> Result<Vec<CertificateLine>> {
    let ids = sqlx::query_scalar!(
        r#"SELECT id AS "id!" FROM worker_certificate WHERE worker_id = ? ORDER BY issued_on DESC, id DESC"#,
        worker_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let certificate = load(conn, id).await?;
        out.push(CertificateLine {
            status: certificate_status(&certificate, rules, on),
            attachments: attachment::of_owner(conn, OwnerKind::WorkerCertificate, id).await?,
            certificate,
        });
    }
    Ok(out)
}

async fn worker_name(conn: &mut SqliteConnection, worker_id: i64) -> Result<String> {
    sqlx::query_scalar!("SELECT name FROM contractor_worker WHERE id = ?", worker_id)
        .fetch_optional(conn)
        .await?
        .ok_or(Error::NotFound("人员"))
}

fn label(c: &WorkerCertificate) -> String {
    format!("{} {} {}", c.kind.label(), c.class, c.number)
}

async fn rules_and_today(store: &Store, now: DateTime<Utc>) -> Result<(SafetyRules, NaiveDate)> {
    let settings = settings::load(store).await?;
    Ok((settings.safety_rules(), settings.today(now)))
}

/// Records a certificate (`certificate_id` None) or changes one (at `version`); returns the
/// worker's certificates.
pub async fn save(
    store: &Store,
    actor: &Actor,
    worker_id: i64,
    certificate_id: Option<i64>,
    version: Option<i64>,
    input: WorkerCertificateInput,
    now: DateTime<Utc>,
) -> Result<Vec<CertificateLine>> {
    actor.require(Permission::ManageEducation)?;
    let (rules, today) = rules_and_today(store, now).await?;
    let input = input.checked(today)?;
    let valid_to = input.valid_to.unwrap_or(input.issued_on);
    let due = review_due_on(input.kind, input.issued_on, input.last_reviewed_on, &rules);
    let (at, kind) = (db_time(now), input.kind.key());
    let mut w = Write::begin(store, actor, now).await?;
    let name = worker_name(w.conn(), worker_id).await?;
    match certificate_id {
        None => {
            let id = sqlx::query_scalar!(
                r#"INSERT INTO worker_certificate (worker_id, kind, class, number, issuer, issued_on, valid_to,
                                                   last_reviewed_on, review_due_on, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id AS "id!""#,
                worker_id,
                kind,
                input.class,
                input.number,
                input.issuer,
                input.issued_on,
                valid_to,
                input.last_reviewed_on,
                due,
                at,
                at
            )
            .fetch_one(w.conn())
            .await?;
            let after: WorkerCertificate = w.load(id).await?;
            w.audit(id, Action::Create, format!("{name} 登记{}", label(&after)), None, &after).await?;
        }
        Some(id) => {
            let before: WorkerCertificate = w.load_at(id, version.unwrap_or(-1)).await?;
            if before.worker_id != worker_id {
                return Err(Error::NotFound("人员证书"));
            }
            let changed = sqlx::query!(
                "UPDATE worker_certificate SET kind = ?, class = ?, number = ?, issuer = ?, issued_on = ?, valid_to = ?,
                        last_reviewed_on = ?, review_due_on = ?, updated_at = ?, version = version + 1
                 WHERE id = ? AND version = ?",
                kind,
                input.class,
                input.number,
                input.issuer,
                input.issued_on,
                valid_to,
                input.last_reviewed_on,
                due,
                at,
                id,
                before.version
            )
            .execute(w.conn())
            .await?
            .rows_affected();
            one_row::<WorkerCertificate>(changed)?;
            let after: WorkerCertificate = w.load(id).await?;
            w.audit(id, Action::Update, format!("{name} 修改{}", label(&after)), Some(&before), &after).await?;
        }
    }
    let lines = lines_of(w.conn(), worker_id, &rules, today).await?;
    w.commit().await?;
    Ok(lines)
}

/// Records a passed review on `reviewed_on`: the next is due a cycle after it.
pub async fn record_review(
    store: &Store,
    actor: &Actor,
    certificate_id: i64,
    version: i64,
    reviewed_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Vec<CertificateLine>> {
    actor.require(Permission::ManageEducation)?;
    let (rules, today) = rules_and_today(store, now).await?;
    if reviewed_on > today {
        return Err(Error::validation("reviewed_on", "复审日期不能晚于今天"));
    }
    let mut w = Write::begin(store, actor, now).await?;
    let before: WorkerCertificate = w.load_at(certificate_id, version).await?;
    if reviewed_on < before.issued_on {
        return Err(Error::validation("reviewed_on", "复审日期不能早于发证日期"));
    }
    if before.last_reviewed_on.is_some_and(|last| reviewed_on <= last) {
        return Err(Error::validation("reviewed_on", "复审日期须晚于上次复审日期"));
    }
    if reviewed_on > before.valid_to {
        return Err(Error::validation("reviewed_on", "证书已过有效期,须重新取证,不能复审"));
    }
    let due = review_due_on(before.kind, before.issued_on, Some(reviewed_on), &rules);
    let at = db_time(now);
    let changed = sqlx::query!(
        "UPDATE worker_certificate SET last_reviewed_on = ?, review_due_on = ?, updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?",
        reviewed_on,
        due,
        at,
        certificate_id,
        version
    )
    .execute(w.conn())
    .await?
    .rows_affected();
    one_row::<WorkerCertificate>(changed)?;
    let name = worker_name(w.conn(), before.worker_id).await?;
    let after: WorkerCertificate = w.load(certificate_id).await?;
    let summary = format!(
        "{name} {} 复审合格({}),下次复审 {}",
        label(&after),
        reviewed_on.format("%Y-%m-%d"),
        due.format("%Y-%m-%d")
    );
    w.audit(certificate_id, Action::WorkerCertificateReview, summary, Some(&before), &after).await?;
    let lines = lines_of(w.conn(), before.worker_id, &rules, today).await?;
    w.commit().await?;
    Ok(lines)
}

pub async fn remove(
    store: &Store,
    actor: &Actor,
    certificate_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<CertificateLine>> {
    actor.require(Permission::ManageEducation)?;
    let (rules, today) = rules_and_today(store, now).await?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: WorkerCertificate = w.load(certificate_id).await?;
    let name = worker_name(w.conn(), before.worker_id).await?;
    let owner = OwnerKind::WorkerCertificate.key();
    sqlx::query!("DELETE FROM attachment WHERE owner_type = ? AND owner_id = ?", owner, certificate_id)
        .execute(w.conn())
        .await?;
    sqlx::query!("DELETE FROM worker_certificate WHERE id = ?", certificate_id).execute(w.conn()).await?;
    let change = crate::audit::Change::diff(
        actor,
        Entity::WorkerCertificate,
        certificate_id,
        Action::Delete,
        format!("{name} 删除{}", label(&before)),
        Some(&before),
        None,
        now,
    )?;
    crate::audit::record(w.conn(), change).await?;
    let lines = lines_of(w.conn(), before.worker_id, &rules, today).await?;
    w.commit().await?;
    Ok(lines)
}

pub async fn of_worker(
    store: &Store,
    actor: &Actor,
    worker_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<CertificateLine>> {
    actor.require(Permission::ViewContractors)?;
    let (rules, today) = rules_and_today(store, now).await?;
    let mut conn = store.pool().acquire().await?;
    lines_of(&mut conn, worker_id, &rules, today).await
}

/// Certificates that need attention on `on`: expiring within the warning days, past their end,
/// review due within the window or missed. Read through the date indexes.
pub(crate) async fn due(conn: &mut SqliteConnection, rules: &SafetyRules, on: NaiveDate) -> Result<Vec<PersonDue>> {
    let expiry_limit = on + chrono::Duration::days(rules.warn_certificate_days);
    let review_limit = on + chrono::Duration::days(rules.warn_review_days);
    let rows = sqlx::query!(
        r#"SELECT c.id AS "id!", c.worker_id, c.kind, c.class, c.number, c.issuer, c.issued_on AS "issued_on: NaiveDate",
                  c.valid_to AS "valid_to: NaiveDate", c.last_reviewed_on AS "last_reviewed_on: NaiveDate",
                  c.review_due_on AS "review_due_on: NaiveDate", c.version, w.name, u.name AS "unit_name?"
           FROM worker_certificate c
           JOIN contractor_worker w ON w.id = c.worker_id
           LEFT JOIN contractor_unit u ON u.id = w.unit_id
           WHERE c.id IN (SELECT id FROM worker_certificate WHERE valid_to <= ?
                          UNION SELECT id FROM worker_certificate WHERE review_due_on <= ?)
           ORDER BY c.id"#,
        expiry_limit,
        review_limit
    )
    .fetch_all(conn)
    .await?;
    let mut out = Vec::new();
    for r in rows {
        let cert = WorkerCertificate {
            id: r.id,
            worker_id: r.worker_id,
            kind: PersonCertificateKind::stored(&r.kind)?,
            class: r.class,
            number: r.number,
            issuer: r.issuer,
            issued_on: r.issued_on,
            valid_to: r.valid_to,
            last_reviewed_on: r.last_reviewed_on,
            review_due_on: r.review_due_on,
            version: r.version,
        };
        let status = certificate_status(&cert, rules, on);
        let Some(kind) = certificate_due_kind(status) else { continue };
        let due_on = match kind {
            DueKind::ReviewDue | DueKind::ReviewOverdue => cert.review_due_on,
            _ => cert.valid_to,
        };
        let when = due_on.format("%Y-%m-%d");
        let message = match kind {
            DueKind::CertificateExpiring => format!("{} 于 {when} 到期", label(&cert)),
            DueKind::CertificateExpired => format!("{} 已于 {when} 过期", label(&cert)),
            DueKind::ReviewDue => format!("{} 须于 {when} 前复审", label(&cert)),
            _ => format!("{} 应于 {when} 复审,逾期未复审,证书失效", label(&cert)),
        };
        out.push(PersonDue {
            worker_id: cert.worker_id,
            name: r.name,
            unit_name: r.unit_name,
            kind,
            subject: label(&cert),
            due_on: Some(due_on),
            message,
        });
    }
    out.sort_by(|a, b| a.due_on.cmp(&b.due_on).then(a.name.cmp(&b.name)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn cert(kind: PersonCertificateKind, issued_on: NaiveDate, last: Option<NaiveDate>) -> WorkerCertificate {
        let rules = SafetyRules::default();
        WorkerCertificate {
            id: 1,
            worker_id: 1,
            kind,
            class: "电工作业".into(),
            number: "T120101199003071234".into(),
            issuer: "天津市应急管理局".into(),
            issued_on,
            valid_to: add_years(issued_on, 6),
            last_reviewed_on: last,
            review_due_on: review_due_on(kind, issued_on, last, &rules),
            version: 1,
        }
    }

    #[test]
    fn reviews_fall_due_three_or_four_years_after_issue_or_the_last_review() {
        let rules = SafetyRules::default();
        let issued = d(2024, 2, 29);
        assert_eq!(review_due_on(PersonCertificateKind::SpecialOperation, issued, None, &rules), d(2027, 2, 28));
        assert_eq!(review_due_on(PersonCertificateKind::SpecialEquipment, issued, None, &rules), d(2028, 2, 29));
        assert_eq!(
            review_due_on(PersonCertificateKind::SpecialOperation, issued, Some(d(2026, 12, 1)), &rules),
            d(2029, 12, 1)
        );
        let custom = SafetyRules { special_operation_review_years: 6, ..SafetyRules::default() };
        assert_eq!(review_due_on(PersonCertificateKind::SpecialOperation, issued, None, &custom), d(2030, 2, 28));
    }

    #[test]
    fn status_by_date_with_its_boundaries() {
        let rules = SafetyRules::default();
        let c = cert(PersonCertificateKind::SpecialOperation, d(2021, 1, 10), Some(d(2023, 12, 1)));
        // valid to 2027-01-10, review due 2026-12-01
        assert_eq!(c.valid_to, d(2027, 1, 10));
        assert_eq!(c.review_due_on, d(2026, 12, 1));
        assert_eq!(certificate_status(&c, &rules, d(2026, 10, 1)), CertificateStatus::Valid);
        // Exactly 60 days before the review: in the window; 61: not yet.
        assert_eq!(certificate_status(&c, &rules, d(2026, 10, 2)), CertificateStatus::ReviewWindow);
        assert_eq!(certificate_status(&c, &rules, d(2026, 10, 1)), CertificateStatus::Valid);
        // The due day itself is still in the window; the day after, invalid.
        assert_eq!(certificate_status(&c, &rules, d(2026, 12, 1)), CertificateStatus::ReviewWindow);
        assert_eq!(certificate_status(&c, &rules, d(2026, 12, 2)), CertificateStatus::ReviewOverdue);

        let fresh = cert(PersonCertificateKind::SpecialOperation, d(2020, 12, 1), Some(d(2026, 1, 5)));
        // valid to 2026-12-01, review due 2029-01-05 (past the end: the end decides)
        assert_eq!(certificate_status(&fresh, &rules, d(2026, 10, 31)), CertificateStatus::Valid);
        assert_eq!(certificate_status(&fresh, &rules, d(2026, 11, 1)), CertificateStatus::ExpiringSoon);
        // Expires today: still valid today (expiring), expired tomorrow.
        assert_eq!(certificate_status(&fresh, &rules, d(2026, 12, 1)), CertificateStatus::ExpiringSoon);
        assert_eq!(certificate_status(&fresh, &rules, d(2026, 12, 2)), CertificateStatus::Expired);
    }

    #[test]
    fn input_defaults_to_six_years_and_refuses_bad_dates() {
        let today = d(2026, 11, 30);
        let input = WorkerCertificateInput {
            kind: PersonCertificateKind::SpecialOperation,
            class: "焊接与热切割作业".into(),
            number: "T1".into(),
            issuer: String::new(),
            issued_on: d(2025, 3, 1),
            valid_to: None,
            last_reviewed_on: None,
        };
        assert_eq!(input.clone().checked(today).unwrap().valid_to, Some(d(2031, 3, 1)));
        let future = WorkerCertificateInput { issued_on: d(2026, 12, 1), ..input.clone() };
        assert_eq!(future.checked(today).unwrap_err().field(), Some("issued_on"));
        let early = WorkerCertificateInput { last_reviewed_on: Some(d(2025, 2, 1)), ..input.clone() };
        assert_eq!(early.checked(today).unwrap_err().field(), Some("last_reviewed_on"));
        let short = WorkerCertificateInput { valid_to: Some(d(2025, 3, 1)), ..input.clone() };
        assert_eq!(short.checked(today).unwrap_err().field(), Some("valid_to"));
        let no_number = WorkerCertificateInput { number: " ".into(), ..input };
        assert_eq!(no_number.checked(today).unwrap_err().user_message(), "证书编号不能为空");
    }
}
