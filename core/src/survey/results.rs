//! Results of a campaign: CSAT (the share of ratings that are 4 or 5), NPS (promoters 9–10 minus
//! detractors 0–6, in points), loyalty (the share intending to buy again), per question, per
//! customer grade, region and store, and the trend over campaigns. A figure with nothing to count
//! is "无数据", never NaN: every ratio is computed only over a non-zero count.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::{Campaign, Measure, QuestionKind, repo};
use crate::account::{Actor, Permission};
use crate::customer::CustomerGrade;
use crate::db::Store;
use crate::error::Result;

/// What a figure says when there is nothing to count.
pub const NO_DATA: &str = "无数据";

/// A ratio or mean over `count` answers: `value` is `None` (and `text` 无数据) when `count` is 0.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Figure {
    pub value: Option<f64>,
    pub count: i64,
    pub text: String,
}

impl Figure {
    /// `part / whole` as a percentage: "86.5%".
    pub fn percent(part: i64, whole: i64) -> Figure {
        let value = (whole > 0).then(|| part as f64 * 100.0 / whole as f64);
        Figure { value, count: whole, text: value.map_or(NO_DATA.into(), |v| format!("{v:.1}%")) }
    }

    /// `sum / count`, two decimals: "4.35".
    pub fn mean(sum: i64, count: i64) -> Figure {
        let value = (count > 0).then(|| sum as f64 / count as f64);
        Figure { value, count, text: value.map_or(NO_DATA.into(), |v| format!("{v:.2}")) }
    }
}

/// Net Promoter Score: promoters (9–10) minus detractors (0–6), as a share of all answers, in
/// points from −100 to +100.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Nps {
    pub promoters: i64,
    pub passives: i64,
    pub detractors: i64,
    pub answers: i64,
    pub score: Option<f64>,
    pub text: String,
}

impl Nps {
    pub fn of(promoters: i64, passives: i64, detractors: i64) -> Nps {
        let answers = promoters + passives + detractors;
        let score = (answers > 0).then(|| (promoters - detractors) as f64 * 100.0 / answers as f64);
        Nps {
            promoters,
            passives,
            detractors,
            answers,
            score,
            text: score.map_or(NO_DATA.into(), |s| format!("{s:+.1}")),
        }
    }
}

/// 推荐者 / 中立者 / 贬损者 for an NPS score.
pub fn nps_group(score: i64) -> &'static str {
    match score {
        9.. => "推荐者",
        7..=8 => "中立者",
        _ => "贬损者",
    }
}

/// Response-level sums the figures are computed from (pure; added up in SQL or in memory).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Tally {
    pub responses: i64,
    pub csat_answers: i64,
    pub csat_satisfied: i64,
    pub csat_points: i64,
    pub promoters: i64,
    pub passives: i64,
    pub detractors: i64,
    pub loyal: i64,
    pub loyalty_answers: i64,
}

impl Tally {
    /// Adds one answered response's scores.
    pub fn add(&mut self, s: &super::Scores) {
        self.responses += 1;
        self.csat_answers += s.csat_answers;
        self.csat_satisfied += s.csat_satisfied;
        self.csat_points += s.csat_points;
        match s.nps {
            Some(9..) => self.promoters += 1,
            Some(7..=8) => self.passives += 1,
            Some(_) => self.detractors += 1,
            None => {}
        }
        if let Some(loyal) = s.loyal {
            self.loyalty_answers += 1;
            self.loyal += i64::from(loyal);
        }
    }

    pub fn csat(&self) -> Figure {
        Figure::percent(self.csat_satisfied, self.csat_answers)
    }
    pub fn csat_average(&self) -> Figure {
        Figure::mean(self.csat_points, self.csat_answers)
    }
    pub fn nps(&self) -> Nps {
        Nps::of(self.promoters, self.passives, self.detractors)
    }
    pub fn loyalty(&self) -> Figure {
        Figure::percent(self.loyal, self.loyalty_answers)
    }
}

/// One group of customers (a grade, a region, a store) or one campaign of the trend.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Segment {
    pub name: String,
    pub responses: i64,
    pub csat: Figure,
    pub csat_average: Figure,
    pub nps: Nps,
    pub loyalty: Figure,
}

impl Segment {
    fn of(name: String, t: &Tally) -> Segment {
        Segment {
            name,
            responses: t.responses,
            csat: t.csat(),
            csat_average: t.csat_average(),
            nps: t.nps(),
            loyalty: t.loyalty(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Bucket {
    pub label: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct QuestionResult {
    pub question_id: i64,
    pub position: i64,
    pub kind: QuestionKind,
    pub text: String,
    pub measure: Option<Measure>,
    /// Responses that answered it.
    pub answers: i64,
    /// The mean score of a rating or NPS question.
    pub average: Figure,
    /// Each score (1–5, 0–10) or option with how many chose it; empty for a text question.
    pub distribution: Vec<Bucket>,
    /// A rating's share of 4 and 5.
    pub satisfied: Option<Figure>,
    pub nps: Option<Nps>,
    /// The newest written answers (at most 20).
    pub texts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts", rename = "SurveyTrendPoint")]
pub struct TrendPoint {
    pub campaign_id: i64,
    pub number: String,
    pub name: String,
    pub opened_on: NaiveDate,
    pub figures: Segment,
}

/// Every figure of the results screen (and of `shouhou survey results`).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct SurveyResults {
    pub campaign: Campaign,
    pub targets: i64,
    pub responses: i64,
    /// Answered responses as a share of targets.
    pub response_rate: Figure,
    pub overall: Segment,
    pub questions: Vec<QuestionResult>,
    pub by_grade: Vec<Segment>,
    pub by_region: Vec<Segment>,
    pub by_store: Vec<Segment>,
    /// This campaign and up to eleven before it, oldest first.
    pub trend: Vec<TrendPoint>,
}

/// The satisfaction of responses answered between two local dates (the manager's dashboard).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct SatisfactionSummary {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub figures: Segment,
}

fn scores_of(
    csat_answers: i64,
    csat_satisfied: i64,
    csat_points: i64,
    nps: Option<i64>,
    loyal: Option<bool>,
) -> super::Scores {
    super::Scores { csat_answers, csat_satisfied, csat_points, nps, loyal }
}

/// The results of campaign `campaign_id` (reads only). At 500,000 answers: see benches/survey.rs.
pub async fn results(conn: &mut SqliteConnection, campaign_id: i64) -> Result<SurveyResults> {
    let campaign = repo::load_campaign(conn, campaign_id).await?;
    let template = repo::load_template(conn, campaign.template_id).await?;

    // Per response, with the customer's grade, region and store when it was sent (one covering
    // index; the few stores joined by id).
    let rows = sqlx::query!(
        r#"SELECT r.customer_grade AS grade, r.customer_region AS region, s.name AS "store?", r.csat_answers,
                  r.csat_satisfied, r.csat_points, r.nps_score, r.loyal AS "loyal: bool"
           FROM survey_response r
           LEFT JOIN store s ON s.id = r.customer_store_id
           WHERE r.campaign_id = ? AND r.state = 'answered'"#,
        campaign_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut overall = Tally::default();
    let mut grades: BTreeMap<String, Tally> = BTreeMap::new();
    let mut regions: BTreeMap<String, Tally> = BTreeMap::new();
    let mut stores: BTreeMap<String, Tally> = BTreeMap::new();
    for r in &rows {
        let s = scores_of(r.csat_answers, r.csat_satisfied, r.csat_points, r.nps_score, r.loyal);
        overall.add(&s);
        let grade = CustomerGrade::stored(&r.grade).map(|g| g.label().to_owned()).unwrap_or_else(|_| r.grade.clone());
        grades.entry(grade).or_default().add(&s);
        let region = if r.region.is_empty() { "(未填地区)".to_owned() } else { r.region.clone() };
        regions.entry(region).or_default().add(&s);
        stores.entry(r.store.clone().unwrap_or_else(|| "(非直销店客户)".into())).or_default().add(&s);
    }
    let segments = |map: BTreeMap<String, Tally>| -> Vec<Segment> {
        let mut list: Vec<Segment> = map.into_iter().map(|(name, t)| Segment::of(name, &t)).collect();
        list.sort_by(|a, b| b.responses.cmp(&a.responses).then_with(|| a.name.cmp(&b.name)));
        list
    };

    // Per question: how many gave each score or option.
    let counts = sqlx::query!(
        r#"SELECT question_id, value AS "value!", count(*) AS "n!: i64" FROM survey_answer
           WHERE campaign_id = ? AND value IS NOT NULL GROUP BY question_id, value"#,
        campaign_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut questions = Vec::with_capacity(template.questions.len());
    for q in &template.questions {
        let count_of = |v: i64| counts.iter().find(|c| c.question_id == q.id && c.value == v).map_or(0, |c| c.n);
        let (labels, scale): (Vec<String>, Vec<i64>) = match q.kind {
            QuestionKind::Rating => ((1..=5).map(|v| format!("{v}分")).collect(), (1..=5).collect()),
            QuestionKind::Nps => ((0..=10).map(|v| format!("{v}分")).collect(), (0..=10).collect()),
            QuestionKind::Single | QuestionKind::Multiple => (q.options.clone(), (0..q.options.len() as i64).collect()),
            QuestionKind::Text => (vec![], vec![]),
        };
        let distribution: Vec<Bucket> =
            labels.into_iter().zip(&scale).map(|(label, v)| Bucket { label, count: count_of(*v) }).collect();
        let sum: i64 = distribution.iter().map(|b| b.count).sum();
        let (answers, texts) = match q.kind {
            QuestionKind::Multiple => {
                let n = sqlx::query_scalar!(
                    r#"SELECT count(DISTINCT response_id) AS "n!: i64" FROM survey_answer
                       WHERE campaign_id = ? AND question_id = ?"#,
                    campaign_id,
                    q.id
                )
                .fetch_one(&mut *conn)
                .await?;
                (n, vec![])
            }
            QuestionKind::Text => {
                let n = sqlx::query_scalar!(
                    r#"SELECT count(*) AS "n!: i64" FROM survey_answer WHERE campaign_id = ? AND question_id = ?"#,
                    campaign_id,
                    q.id
                )
                .fetch_one(&mut *conn)
                .await?;
                let texts = sqlx::query_scalar!(
                    "SELECT text FROM survey_answer WHERE campaign_id = ? AND question_id = ? ORDER BY id DESC LIMIT 20",
                    campaign_id,
                    q.id
                )
                .fetch_all(&mut *conn)
                .await?;
                (n, texts)
            }
            _ => (sum, vec![]),
        };
        let points: i64 = distribution.iter().zip(&scale).map(|(b, v)| b.count * v).sum();
        let scored = matches!(q.kind, QuestionKind::Rating | QuestionKind::Nps);
        questions.push(QuestionResult {
            question_id: q.id,
            position: q.position,
            kind: q.kind,
            text: q.text.clone(),
            measure: q.measure,
            answers,
            average: if scored { Figure::mean(points, sum) } else { Figure::mean(0, 0) },
            satisfied: (q.kind == QuestionKind::Rating).then(|| Figure::percent(count_of(4) + count_of(5), sum)),
            nps: (q.kind == QuestionKind::Nps).then(|| {
                let range = |r: std::ops::RangeInclusive<i64>| r.map(count_of).sum::<i64>();
                Nps::of(range(9..=10), range(7..=8), range(0..=6))
            }),
            distribution,
            texts,
        });
    }

    // The trend: this campaign and the eleven opened before it.
    let opened_on = campaign.opened_on;
    let earlier = sqlx::query!(
        r#"SELECT id AS "id!", number, name, opened_on AS "opened_on: NaiveDate", closed_tally FROM survey_campaign
           WHERE opened_on < ? OR (opened_on = ? AND id <= ?)
           ORDER BY opened_on DESC, id DESC LIMIT 12"#,
        opened_on,
        opened_on,
        campaign_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut trend = Vec::with_capacity(earlier.len());
    for c in earlier.into_iter().rev() {
        // A closed campaign's sums were kept when it closed.
        let kept: Option<Tally> = c.closed_tally.as_deref().and_then(|json| serde_json::from_str(json).ok());
        let t = match kept {
            _ if c.id == campaign_id => overall,
            Some(t) => t,
            None => campaign_tally(conn, c.id).await?,
        };
        trend.push(TrendPoint {
            campaign_id: c.id,
            figures: Segment::of(c.number.clone(), &t),
            number: c.number,
            name: c.name,
            opened_on: c.opened_on,
        });
    }

    Ok(SurveyResults {
        targets: campaign.targets,
        responses: overall.responses,
        response_rate: Figure::percent(overall.responses, campaign.targets),
        overall: Segment::of("总体".into(), &overall),
        questions,
        by_grade: segments(grades),
        by_region: segments(regions),
        by_store: segments(stores),
        trend,
        campaign,
    })
}

/// The sums of one campaign's answered responses, from the covering index alone.
async fn campaign_tally(conn: &mut SqliteConnection, campaign_id: i64) -> Result<Tally> {
    let r = sqlx::query!(
        r#"SELECT count(*) AS "responses!: i64", coalesce(sum(csat_answers), 0) AS "csat_answers!: i64",
                  coalesce(sum(csat_satisfied), 0) AS "csat_satisfied!: i64",
                  coalesce(sum(csat_points), 0) AS "csat_points!: i64",
                  coalesce(sum(nps_score >= 9), 0) AS "promoters!: i64",
                  coalesce(sum(nps_score BETWEEN 7 AND 8), 0) AS "passives!: i64",
                  coalesce(sum(nps_score <= 6), 0) AS "detractors!: i64",
                  coalesce(sum(loyal), 0) AS "loyal!: i64", count(loyal) AS "loyalty_answers!: i64"
           FROM survey_response WHERE campaign_id = ? AND state = 'answered'"#,
        campaign_id
    )
    .fetch_one(conn)
    .await?;
    Ok(Tally {
        responses: r.responses,
        csat_answers: r.csat_answers,
        csat_satisfied: r.csat_satisfied,
        csat_points: r.csat_points,
        promoters: r.promoters,
        passives: r.passives,
        detractors: r.detractors,
        loyal: r.loyal,
        loyalty_answers: r.loyalty_answers,
    })
}

/// [`results`] for a signed-in user.
pub async fn results_for(store: &Store, actor: &Actor, campaign_id: i64) -> Result<SurveyResults> {
    actor.require(Permission::ViewSurveys)?;
    let mut conn = store.pool().acquire().await?;
    results(&mut conn, campaign_id).await
}

/// CSAT, NPS and loyalty of every response answered from `from` to `to` (local dates, both
/// included), whatever the campaign.
pub async fn satisfaction_summary(
    conn: &mut SqliteConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<SatisfactionSummary> {
    let r = sqlx::query!(
        r#"SELECT count(*) AS "responses!: i64", coalesce(sum(csat_answers), 0) AS "csat_answers!: i64",
                  coalesce(sum(csat_satisfied), 0) AS "csat_satisfied!: i64",
                  coalesce(sum(csat_points), 0) AS "csat_points!: i64",
                  coalesce(sum(nps_score >= 9), 0) AS "promoters!: i64",
                  coalesce(sum(nps_score BETWEEN 7 AND 8), 0) AS "passives!: i64",
                  coalesce(sum(nps_score <= 6), 0) AS "detractors!: i64",
                  coalesce(sum(loyal), 0) AS "loyal!: i64", count(loyal) AS "loyalty_answers!: i64"
           FROM survey_response WHERE state = 'answered' AND answered_on >= ? AND answered_on <= ?"#,
        from,
        to
    )
    .fetch_one(conn)
    .await?;
    let t = Tally {
        responses: r.responses,
        csat_answers: r.csat_answers,
        csat_satisfied: r.csat_satisfied,
        csat_points: r.csat_points,
        promoters: r.promoters,
        passives: r.passives,
        detractors: r.detractors,
        loyal: r.loyal,
        loyalty_answers: r.loyalty_answers,
    };
    Ok(SatisfactionSummary { from, to, figures: Segment::of(format!("{from} 至 {to}"), &t) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::Scores;

    fn response(ratings: &[i64], nps: Option<i64>, loyal: Option<bool>) -> Scores {
        Scores {
            csat_answers: ratings.len() as i64,
            csat_satisfied: ratings.iter().filter(|r| **r >= 4).count() as i64,
            csat_points: ratings.iter().sum(),
            nps,
            loyal,
        }
    }

    fn tally(responses: &[Scores]) -> Tally {
        let mut t = Tally::default();
        for r in responses {
            t.add(r);
        }
        t
    }

    #[test]
    fn all_promoters_score_plus_one_hundred() {
        let t = tally(&[response(&[5, 5], Some(10), Some(true)), response(&[4, 5], Some(9), Some(true))]);
        assert_eq!(t.nps().score, Some(100.0));
        assert_eq!(t.nps().text, "+100.0");
        assert_eq!(t.csat().text, "100.0%");
        assert_eq!(t.csat_average().text, "4.75");
        assert_eq!(t.loyalty().text, "100.0%");
    }

    #[test]
    fn all_detractors_score_minus_one_hundred() {
        let t = tally(&[response(&[1, 2], Some(0), Some(false)), response(&[3, 3], Some(6), Some(false))]);
        let nps = t.nps();
        assert_eq!((nps.promoters, nps.passives, nps.detractors), (0, 0, 2));
        assert_eq!(nps.score, Some(-100.0));
        assert_eq!(nps.text, "-100.0");
        assert_eq!(t.csat().value, Some(0.0));
        assert_eq!(t.loyalty().text, "0.0%");
    }

    #[test]
    fn no_answers_read_no_data_never_nan() {
        for t in [tally(&[]), tally(&[response(&[], None, None)])] {
            assert_eq!(t.nps().score, None);
            assert_eq!(t.nps().text, NO_DATA);
            assert_eq!(t.csat().text, NO_DATA);
            assert_eq!(t.csat_average().text, NO_DATA);
            assert_eq!(t.loyalty().text, NO_DATA);
            let json = serde_json::to_string(&Segment::of("x".into(), &t)).unwrap();
            assert!(!json.contains("NaN") && json.contains("\"value\":null"), "{json}");
        }
    }

    #[test]
    fn a_mixed_campaign_counts_each_group() {
        // 3 promoters, 1 passive, 2 detractors: (3 − 2) / 6 = +16.7.
        let scores = [10, 9, 9, 8, 6, 0];
        let t = tally(&scores.map(|n| response(&[4, 2], Some(n), Some(n >= 8))));
        let nps = t.nps();
        assert_eq!((nps.promoters, nps.passives, nps.detractors, nps.answers), (3, 1, 2, 6));
        assert_eq!(nps.text, "+16.7");
        assert_eq!(t.csat().text, "50.0%", "half the ratings are 4 or 5");
        assert_eq!(t.loyalty().text, "66.7%");
        assert_eq!(nps_group(9), "推荐者");
        assert_eq!(nps_group(7), "中立者");
        assert_eq!(nps_group(6), "贬损者");
    }
}
