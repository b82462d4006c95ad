//! Survey data at scale for benchmarks: twelve monthly campaigns on the default template over
//! the generated customers, most targets answered, `answers` answer rows in all. Written
//! directly in batched transactions, with the same numbering, score summaries and indexes as the
//! use-cases.

use chrono::{DateTime, Datelike, Duration, Utc};
use serde::Serialize;

use super::*;
use crate::clock::db_time;

#[derive(Debug, Clone, Serialize)]
pub struct SurveyGenerateReport {
    pub campaigns: i64,
    pub responses: i64,
    pub answers: i64,
    pub seconds: f64,
}

const CAMPAIGNS: i64 = 12;

/// Adds about `answers` survey answers to an initialised store that has customers.
pub async fn generate(store: &Store, answers: usize, seed: u64, now: DateTime<Utc>) -> Result<SurveyGenerateReport> {
    let started = std::time::Instant::now();
    if answers == 0 {
        return Ok(SurveyGenerateReport { campaigns: 0, responses: 0, answers: 0, seconds: 0.0 });
    }
    let mut conn = store.pool().acquire().await?;
    let template_id = repo::default_template_id(&mut conn).await?;
    let questions = repo::load_template(&mut conn, template_id).await?.questions;
    let customers: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM customer WHERE active = 1 ORDER BY id").fetch_all(&mut *conn).await?;
    drop(conn);
    if customers.is_empty() {
        return Err(Error::validation("customers", "没有客户,无法生成调查数据"));
    }
    // Six scored answers per response and a written one now and then.
    let answered_per_campaign = (answers as f64 / 6.1 / CAMPAIGNS as f64).ceil() as usize;
    let targets_per_campaign = (answered_per_campaign * 115 / 100).min(customers.len()).max(1);
    let mut state = seed.max(1);
    let mut rng = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let (mut responses, mut written) = (0i64, 0i64);
    for c in 0..CAMPAIGNS {
        let opened = now - Duration::days(30 * (CAMPAIGNS - c) + 5);
        let opened_on = opened.date_naive();
        let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
        let rule = TargetRule::default();
        let name = format!("{}年{}月客户满意度调查", opened_on.year(), opened_on.month());
        let id = repo::insert_campaign(&mut tx, &name, CampaignKind::Targeted, template_id, &rule, opened_on, opened)
            .await?;
        let year = i64::from(opened_on.year());
        let start = (rng() % customers.len() as u64) as usize;
        // The campaign's mood drifts, so the trend has a shape.
        let mood = (c % 5) as u64;
        let at = db_time(opened);
        for t in 0..targets_per_campaign {
            let customer = customers[(start + t * 7) % customers.len()];
            let number = format!("WJ-{year}-{:06}", crate::sequence::next(&mut tx, "survey_response", year).await?);
            let answered = t < answered_per_campaign && written < answers as i64;
            let response_id: i64 = sqlx::query_scalar(
                "INSERT INTO survey_response (number, campaign_id, customer_id, state, customer_grade, customer_region,
                                              customer_store_id, created_at, updated_at)
                 SELECT ?, ?, id, 'pending', grade, region, source_store_id, ?, ? FROM customer WHERE id = ?
                 RETURNING id",
            )
            .bind(&number)
            .bind(id)
            .bind(&at)
            .bind(&at)
            .bind(customer)
            .fetch_one(&mut *tx)
            .await?;
            responses += 1;
            if !answered {
                continue;
            }
            let nps = ((rng() % 11 + rng() % 11 + mood * 2) / 2).min(10) as i64;
            let text = if rng() % 10 == 0 { "希望交货更及时,售后回访再主动一些。" } else { "" };
            let list = super::demo::answers_for(&questions, nps, text);
            for a in &list {
                sqlx::query(
                    "INSERT INTO survey_answer (response_id, campaign_id, question_id, value, text) VALUES (?, ?, ?, ?, ?)",
                )
                .bind(response_id)
                .bind(id)
                .bind(a.question_id)
                .bind(a.value)
                .bind(&a.text)
                .execute(&mut *tx)
                .await?;
                written += 1;
            }
            let s = scores(&questions, &list);
            let day = opened_on + Duration::days((rng() % 25) as i64);
            sqlx::query(
                "UPDATE survey_response SET state = 'answered', channel = ?, answered_on = ?, entered_at = ?,
                     entered_by = '生成数据', csat_answers = ?, csat_satisfied = ?, csat_points = ?, nps_score = ?,
                     loyal = ? WHERE id = ?",
            )
            .bind(if rng() % 3 == 0 { "phone" } else { "paper" })
            .bind(day)
            .bind(&at)
            .bind(s.csat_answers)
            .bind(s.csat_satisfied)
            .bind(s.csat_points)
            .bind(s.nps)
            .bind(s.loyal)
            .bind(response_id)
            .execute(&mut *tx)
            .await?;
        }
        if c < CAMPAIGNS - 1 {
            let closed = db_time(opened + Duration::days(28));
            sqlx::query("UPDATE survey_campaign SET state = 'closed', closed_at = ? WHERE id = ?")
                .bind(closed)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            repo::keep_closed_tally(&mut tx, id).await?;
        }
        tx.commit().await?;
    }
    sqlx::query("ANALYZE").execute(store.pool()).await?;
    Ok(SurveyGenerateReport {
        campaigns: CAMPAIGNS,
        responses,
        answers: written,
        seconds: started.elapsed().as_secs_f64(),
    })
}
