//! The people figures of an engagement for the 外用工/外包工台帐: people on the roster, how many
//! have completed the three-level education (all of 厂级/车间级/班组级 passed and the hours the
//! settings ask, 24 or 72 for high-risk work), certificates in force or lapsed, entry checks this
//! month, penalties, and the deposit balance.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use sqlx::SqliteConnection;

use super::deposit;
use crate::error::Result;
use crate::settings::SafetyRules;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PeopleFigures {
    pub roster: i64,
    pub education_complete: i64,
    pub education_incomplete: i64,
    pub certificates_valid: i64,
    pub certificates_lapsed: i64,
    pub entry_checks_month: i64,
    pub penalty_fen: i64,
    pub deposit_balance_fen: i64,
}

/// The figures of each engagement in `ids` as of `today` (the company's local date).
pub(crate) async fn by_engagement(
    conn: &mut SqliteConnection,
    ids: &[i64],
    today: NaiveDate,
    rules: &SafetyRules,
) -> Result<HashMap<i64, PeopleFigures>> {
    let month_start = today.with_day(1).unwrap_or(today);
    let mut out = HashMap::with_capacity(ids.len());
    for &id in ids {
        let high_risk: bool =
            sqlx::query_scalar!(r#"SELECT high_risk AS "h: bool" FROM contractor_engagement WHERE id = ?"#, id)
                .fetch_one(&mut *conn)
                .await?;
        let required_tenths =
            10 * if high_risk { rules.education_hours_high_risk } else { rules.education_hours_general };
        let roster =
            sqlx::query_scalar!(r#"SELECT count(*) AS "n!: i64" FROM contractor_roster WHERE engagement_id = ?"#, id)
                .fetch_one(&mut *conn)
                .await?;
        // Per registered person: the pre-job levels passed and their hours.
        let people = sqlx::query!(
            r#"SELECT r.worker_id AS "worker_id!",
                      (SELECT count(DISTINCT c.level) FROM safety_class_attendee a JOIN safety_class c ON c.id = a.class_id
                        WHERE a.worker_id = r.worker_id AND c.level IN ('company', 'workshop', 'team')
                          AND a.score >= c.pass_mark) AS "levels!: i64",
                      (SELECT coalesce(sum(c.hours_tenths), 0) FROM safety_class_attendee a JOIN safety_class c ON c.id = a.class_id
                        WHERE a.worker_id = r.worker_id AND c.level IN ('company', 'workshop', 'team')
                          AND a.score >= c.pass_mark) AS "hours_tenths!: i64"
               FROM contractor_roster r WHERE r.engagement_id = ? AND r.worker_id IS NOT NULL"#,
            id
        )
        .fetch_all(&mut *conn)
        .await?;
        let education_complete =
            people.iter().filter(|p| p.levels == 3 && p.hours_tenths >= required_tenths).count() as i64;
        let certificates = sqlx::query!(
            r#"SELECT coalesce(sum(c.valid_to >= ?1 AND c.review_due_on >= ?1), 0) AS "valid!: i64",
                      coalesce(sum(NOT (c.valid_to >= ?1 AND c.review_due_on >= ?1)), 0) AS "lapsed!: i64"
               FROM contractor_roster r JOIN worker_certificate c ON c.worker_id = r.worker_id
               WHERE r.engagement_id = ?2"#,
            today,
            id
        )
        .fetch_one(&mut *conn)
        .await?;
        let entry_checks_month = sqlx::query_scalar!(
            r#"SELECT count(*) AS "n!: i64" FROM entry_check WHERE engagement_id = ? AND check_date >= ? AND check_date <= ?"#,
            id,
            month_start,
            today
        )
        .fetch_one(&mut *conn)
        .await?;
        let penalty_fen = sqlx::query_scalar!(
            r#"SELECT coalesce(sum(penalty_fen), 0) AS "n!: i64" FROM safety_violation WHERE engagement_id = ?"#,
            id
        )
        .fetch_one(&mut *conn)
        .await?;
        let deposit_balance_fen = deposit::balance(conn, id).await?;
        out.insert(
            id,
            PeopleFigures {
                roster,
                education_complete,
                education_incomplete: roster - education_complete,
                certificates_valid: certificates.valid,
                certificates_lapsed: certificates.lapsed,
                entry_checks_month,
                penalty_fen,
                deposit_balance_fen,
            },
        );
    }
    Ok(out)
}
