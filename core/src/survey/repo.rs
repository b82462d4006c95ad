//! Storage of templates, campaigns, responses and answers.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use super::*;
use crate::clock::db_time;
use crate::{search, sequence};

fn corrupt(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Corrupt(format!("{what}: {e}"))
}

fn measure_key(m: Option<Measure>) -> &'static str {
    m.map_or("", |m| m.key())
}

// ---------------------------------------------------------------- templates

async fn questions_of(conn: &mut SqliteConnection, template_id: i64) -> Result<Vec<Question>> {
    let rows = sqlx::query!(
        r#"SELECT id AS "id!", position, kind, text, options, measure, required AS "required: bool"
           FROM survey_question WHERE template_id = ? ORDER BY position"#,
        template_id
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Question {
                id: r.id,
                position: r.position,
                kind: QuestionKind::stored(&r.kind)?,
                text: r.text,
                options: serde_json::from_str(&r.options).map_err(|e| corrupt("survey_question options", e))?,
                measure: if r.measure.is_empty() { None } else { Some(Measure::stored(&r.measure)?) },
                required: r.required,
            })
        })
        .collect()
}

pub(super) async fn load_template(conn: &mut SqliteConnection, id: i64) -> Result<Template> {
    let r = sqlx::query!(
        r#"SELECT id AS "id!", name, revision, previous_id, description, is_default AS "is_default: bool",
                  frozen AS "frozen: bool", active AS "active: bool",
                  created_at AS "created_at: DateTime<Utc>", updated_at AS "updated_at: DateTime<Utc>", version
           FROM survey_template WHERE id = ?"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound("调查模板"))?;
    Ok(Template {
        id: r.id,
        name: r.name,
        revision: r.revision,
        previous_id: r.previous_id,
        description: r.description,
        is_default: r.is_default,
        frozen: r.frozen,
        active: r.active,
        questions: questions_of(conn, id).await?,
        created_at: r.created_at,
        updated_at: r.updated_at,
        version: r.version,
    })
}

pub(super) async fn list_templates(conn: &mut SqliteConnection) -> Result<Vec<Template>> {
    let ids = sqlx::query_scalar!(r#"SELECT id AS "id!" FROM survey_template ORDER BY name, revision DESC"#)
        .fetch_all(&mut *conn)
        .await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(load_template(conn, id).await?);
    }
    Ok(out)
}

async fn insert_questions(conn: &mut SqliteConnection, template_id: i64, input: &TemplateInput) -> Result<()> {
    for (i, q) in input.questions.iter().enumerate() {
        let position = i as i64 + 1;
        let kind = q.kind.key();
        let options = serde_json::to_string(&q.options).map_err(|e| Error::Internal(e.to_string()))?;
        let measure = measure_key(q.measure);
        sqlx::query!(
            "INSERT INTO survey_question (template_id, position, kind, text, options, measure, required)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
            template_id,
            position,
            kind,
            q.text,
            options,
            measure,
            q.required
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub(super) async fn insert_template(
    conn: &mut SqliteConnection,
    input: &TemplateInput,
    revision: i64,
    previous_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64> {
    let at = db_time(now);
    let id = sqlx::query!(
        "INSERT INTO survey_template (name, revision, previous_id, description, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)",
        input.name,
        revision,
        previous_id,
        input.description,
        at,
        at
    )
    .execute(&mut *conn)
    .await
    .map_err(|e| crate::error::on_unique(e, || format!("调查模板“{}”第{revision}版已存在", input.name)))?
    .last_insert_rowid();
    insert_questions(conn, id, input).await?;
    Ok(id)
}

pub(super) async fn update_template(
    conn: &mut SqliteConnection,
    id: i64,
    version: i64,
    input: &TemplateInput,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = db_time(now);
    let changed = sqlx::query!(
        "UPDATE survey_template SET name = ?, description = ?, updated_at = ?, version = version + 1
         WHERE id = ? AND version = ? AND frozen = 0",
        input.name,
        input.description,
        at,
        id,
        version
    )
    .execute(&mut *conn)
    .await
    .map_err(|e| crate::error::on_unique(e, || format!("调查模板“{}”已存在", input.name)))?
    .rows_affected();
    crate::write::one_row::<Template>(changed)?;
    sqlx::query!("DELETE FROM survey_question WHERE template_id = ?", id).execute(&mut *conn).await?;
    insert_questions(conn, id, input).await
}

pub(super) async fn last_revision(conn: &mut SqliteConnection, name: &str) -> Result<i64> {
    Ok(sqlx::query_scalar!(
        r#"SELECT coalesce(max(revision), 0) AS "n!: i64" FROM survey_template WHERE name = ?"#,
        name
    )
    .fetch_one(conn)
    .await?)
}

pub(super) async fn move_default(conn: &mut SqliteConnection, from: i64, to: i64, now: DateTime<Utc>) -> Result<()> {
    let at = db_time(now);
    sqlx::query!(
        "UPDATE survey_template SET is_default = (id = ?), updated_at = ?, version = version + 1 WHERE id IN (?, ?)",
        to,
        at,
        from,
        to
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub(super) async fn default_template_id(conn: &mut SqliteConnection) -> Result<i64> {
    sqlx::query_scalar!(
        r#"SELECT id AS "id!" FROM survey_template WHERE is_default = 1 AND active = 1 ORDER BY revision DESC LIMIT 1"#
    )
    .fetch_optional(conn)
    .await?
    .ok_or(Error::NotFound("默认调查模板"))
}

// ---------------------------------------------------------------- campaigns

/// The customers `rule` reaches, by id. Dynamic SQL, every value bound.
pub(super) async fn target_ids(conn: &mut SqliteConnection, rule: &TargetRule, zone: Tz) -> Result<Vec<i64>> {
    let mut q: QueryBuilder<Sqlite> =
        QueryBuilder::new("SELECT c.id FROM customer c WHERE c.active = 1 AND c.merged_into_id IS NULL");
    if !rule.grades.is_empty() {
        q.push(" AND c.grade IN (");
        let mut list = q.separated(", ");
        for g in &rule.grades {
            list.push_bind(g.key());
        }
        q.push(")");
    }
    if !rule.regions.is_empty() {
        q.push(" AND c.region IN (");
        let mut list = q.separated(", ");
        for r in &rule.regions {
            list.push_bind(r.clone());
        }
        q.push(")");
    }
    if !rule.store_ids.is_empty() {
        q.push(" AND c.source_store_id IN (");
        let mut list = q.separated(", ");
        for s in &rule.store_ids {
            list.push_bind(*s);
        }
        q.push(")");
    }
    if rule.closed_from.is_some() || rule.closed_to.is_some() {
        // Local days to UTC instants: a complaint closed at 23:30 in Shanghai belongs to that day.
        let start = |d: NaiveDate| {
            d.and_hms_opt(0, 0, 0)
                .and_then(|t| t.and_local_timezone(zone).earliest())
                .map(|t| db_time(t.with_timezone(&Utc)))
                .unwrap_or_default()
        };
        q.push(" AND c.id IN (SELECT customer_id FROM complaint WHERE state = 'closed' AND closed_at IS NOT NULL");
        if let Some(from) = rule.closed_from {
            q.push(" AND closed_at >= ").push_bind(start(from));
        }
        if let Some(to) = rule.closed_to {
            q.push(" AND closed_at < ").push_bind(start(to + chrono::Duration::days(1)));
        }
        q.push(")");
    }
    q.push(" ORDER BY c.code");
    Ok(q.build_query_scalar::<i64>().fetch_all(conn).await?)
}

pub(super) async fn insert_campaign(
    conn: &mut SqliteConnection,
    name: &str,
    kind: CampaignKind,
    template_id: i64,
    rule: &TargetRule,
    opened_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<i64> {
    let year = i64::from(opened_on.year());
    let number = format!("DC-{year}-{:02}", sequence::next(conn, "survey_campaign", year).await?);
    let at = db_time(now);
    let kind = kind.key();
    let rule = serde_json::to_string(rule).map_err(|e| Error::Internal(e.to_string()))?;
    let id = sqlx::query!(
        "INSERT INTO survey_campaign (number, name, kind, template_id, state, target_rule, opened_on, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?)",
        number,
        name,
        kind,
        template_id,
        rule,
        opened_on,
        at,
        at
    )
    .execute(&mut *conn)
    .await?
    .last_insert_rowid();
    // The questions a customer answers never change under their answers.
    sqlx::query!("UPDATE survey_template SET frozen = 1 WHERE id = ? AND frozen = 0", template_id)
        .execute(&mut *conn)
        .await?;
    Ok(id)
}

/// Gives each customer a pending response numbered WJ-YYYY-NNNNNN (the year of `day`), skipping
/// customers the campaign already has (unless a complaint is named). Returns the new ids.
pub(super) async fn add_targets(
    conn: &mut SqliteConnection,
    campaign_id: i64,
    customers: &[i64],
    complaint_id: Option<i64>,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Vec<i64>> {
    let year = i64::from(day.year());
    let at = db_time(now);
    let mut ids = Vec::with_capacity(customers.len());
    for customer_id in customers {
        let number = format!("WJ-{year}-{:06}", sequence::next(conn, "survey_response", year).await?);
        // The customer's grade, region and store as they are now: what the results group by.
        let id = sqlx::query!(
            "INSERT INTO survey_response (number, campaign_id, customer_id, complaint_id, state, customer_grade,
                                          customer_region, customer_store_id, created_at, updated_at)
             SELECT ?, ?, id, ?, 'pending', grade, region, source_store_id, ?, ? FROM customer WHERE id = ?",
            number,
            campaign_id,
            complaint_id,
            at,
            at,
            customer_id
        )
        .execute(&mut *conn)
        .await?
        .last_insert_rowid();
        ids.push(id);
    }
    Ok(ids)
}

pub(super) async fn load_campaign(conn: &mut SqliteConnection, id: i64) -> Result<Campaign> {
    let r = sqlx::query!(
        r#"SELECT c.id AS "id!", c.number, c.name, c.kind, c.template_id, t.name AS template_name,
                  t.revision AS template_revision, c.state, c.target_rule,
                  c.opened_on AS "opened_on: NaiveDate", c.closed_at AS "closed_at: DateTime<Utc>", c.version,
                  (SELECT count(*) FROM survey_response r WHERE r.campaign_id = c.id) AS "targets!: i64",
                  (SELECT count(*) FROM survey_response r WHERE r.campaign_id = c.id AND r.state = 'answered')
                      AS "answered!: i64"
           FROM survey_campaign c JOIN survey_template t ON t.id = c.template_id
           WHERE c.id = ?"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound("调查活动"))?;
    let rule: TargetRule = serde_json::from_str(&r.target_rule).map_err(|e| corrupt("survey_campaign rule", e))?;
    let mut store_names = Vec::new();
    for store_id in &rule.store_ids {
        let name = sqlx::query_scalar!("SELECT name FROM store WHERE id = ?", store_id)
            .fetch_optional(&mut *conn)
            .await?
            .unwrap_or_else(|| format!("#{store_id}"));
        store_names.push(name);
    }
    let kind = CampaignKind::stored(&r.kind)?;
    let rule_text = match kind {
        CampaignKind::AfterComplaint => "每张结案的投诉的客户".to_owned(),
        CampaignKind::Targeted => rule.describe(&store_names),
    };
    Ok(Campaign {
        id: r.id,
        number: r.number,
        name: r.name,
        kind,
        template_id: r.template_id,
        template_name: r.template_name,
        template_revision: r.template_revision,
        state: CampaignState::stored(&r.state)?,
        rule,
        rule_text,
        opened_on: r.opened_on,
        closed_at: r.closed_at,
        targets: r.targets,
        answered: r.answered,
        version: r.version,
    })
}

pub(super) async fn list_campaigns(conn: &mut SqliteConnection) -> Result<Vec<Campaign>> {
    let ids = sqlx::query_scalar!(r#"SELECT id AS "id!" FROM survey_campaign ORDER BY opened_on DESC, id DESC"#)
        .fetch_all(&mut *conn)
        .await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(load_campaign(conn, id).await?);
    }
    Ok(out)
}

pub(super) async fn campaign_id(conn: &mut SqliteConnection, text: &str) -> Result<i64> {
    let upper = text.to_uppercase();
    sqlx::query_scalar!(
        r#"SELECT id AS "id!" FROM survey_campaign WHERE number = ? OR name = ? ORDER BY number = ? DESC, id DESC LIMIT 1"#,
        upper,
        text,
        upper
    )
    .fetch_optional(conn)
    .await?
    .ok_or(Error::NotFound("调查活动"))
}

pub(super) async fn close_campaign(
    conn: &mut SqliteConnection,
    id: i64,
    version: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = db_time(now);
    let changed = sqlx::query!(
        "UPDATE survey_campaign SET state = 'closed', closed_at = ?, updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?",
        at,
        at,
        id,
        version
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    crate::write::one_row::<Campaign>(changed)?;
    keep_closed_tally(conn, id).await
}

/// Keeps a closed campaign's sums (no answer is entered after closing), for the trend.
pub(crate) async fn keep_closed_tally(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    sqlx::query!(
        "UPDATE survey_campaign SET closed_tally = (
             SELECT json_object('responses', count(*), 'csat_answers', coalesce(sum(csat_answers), 0),
                                'csat_satisfied', coalesce(sum(csat_satisfied), 0),
                                'csat_points', coalesce(sum(csat_points), 0),
                                'promoters', coalesce(sum(nps_score >= 9), 0),
                                'passives', coalesce(sum(nps_score BETWEEN 7 AND 8), 0),
                                'detractors', coalesce(sum(nps_score <= 6), 0), 'loyal', coalesce(sum(loyal), 0),
                                'loyalty_answers', count(loyal))
             FROM survey_response r WHERE r.campaign_id = survey_campaign.id AND r.state = 'answered')
         WHERE id = ? AND state = 'closed'",
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub(super) async fn open_after_complaint_campaign(conn: &mut SqliteConnection) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar!(
        r#"SELECT id AS "id!" FROM survey_campaign WHERE kind = 'after_complaint' AND state = 'open'
           ORDER BY id DESC LIMIT 1"#
    )
    .fetch_optional(conn)
    .await?)
}

pub(super) async fn complaint_has_response(
    conn: &mut SqliteConnection,
    campaign_id: i64,
    complaint_id: i64,
) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM survey_response WHERE campaign_id = ? AND complaint_id = ?"#,
        campaign_id,
        complaint_id
    )
    .fetch_one(conn)
    .await?
        > 0)
}

pub(super) async fn complaint_customer(conn: &mut SqliteConnection, complaint_id: i64) -> Result<i64> {
    sqlx::query_scalar!("SELECT customer_id FROM complaint WHERE id = ?", complaint_id)
        .fetch_optional(conn)
        .await?
        .ok_or(Error::NotFound("投诉"))
}

// ---------------------------------------------------------------- responses

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    number: String,
    campaign_id: i64,
    campaign_number: String,
    campaign_name: String,
    customer_id: i64,
    customer_code: String,
    customer_name: String,
    complaint_number: Option<String>,
    state: String,
    channel: Option<String>,
    answered_on: Option<NaiveDate>,
    csat_answers: i64,
    csat_points: i64,
    nps_score: Option<i64>,
    loyal: Option<bool>,
    version: i64,
}

impl SummaryRow {
    fn summary(self) -> Result<ResponseSummary> {
        Ok(ResponseSummary {
            id: self.id,
            number: self.number,
            campaign_id: self.campaign_id,
            campaign_number: self.campaign_number,
            campaign_name: self.campaign_name,
            customer_id: self.customer_id,
            customer_code: self.customer_code,
            customer_name: self.customer_name,
            complaint_number: self.complaint_number,
            state: ResponseState::stored(&self.state)?,
            channel: self.channel.as_deref().map(ResponseChannel::stored).transpose()?,
            answered_on: self.answered_on,
            csat_average: (self.csat_answers > 0).then(|| self.csat_points as f64 / self.csat_answers as f64),
            nps_score: self.nps_score,
            loyal: self.loyal,
            version: self.version,
        })
    }
}

const SUMMARY_SELECT: &str =
    "SELECT r.id, r.number, r.campaign_id, g.number AS campaign_number, g.name AS campaign_name,
        r.customer_id, c.code AS customer_code, c.name AS customer_name, k.number AS complaint_number, r.state,
        r.channel, r.answered_on, r.csat_answers, r.csat_points, r.nps_score, r.loyal, r.version
    FROM survey_response r
    JOIN survey_campaign g ON g.id = r.campaign_id
    JOIN customer c ON c.id = r.customer_id
    LEFT JOIN complaint k ON k.id = r.complaint_id";

pub(super) async fn response_id(conn: &mut SqliteConnection, number: &str) -> Result<i64> {
    sqlx::query_scalar!(r#"SELECT id AS "id!" FROM survey_response WHERE number = ?"#, number)
        .fetch_optional(conn)
        .await?
        .ok_or(Error::NotFound("调查问卷编号"))
}

pub(super) async fn load_response(conn: &mut SqliteConnection, id: i64) -> Result<Response> {
    let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(SUMMARY_SELECT);
    q.push(" WHERE r.id = ").push_bind(id);
    let row: SummaryRow = q.build_query_as().fetch_optional(&mut *conn).await?.ok_or(Error::NotFound("调查问卷"))?;
    let summary = row.summary()?;
    let extra = sqlx::query!(
        r#"SELECT r.entered_by, g.template_id FROM survey_response r JOIN survey_campaign g ON g.id = r.campaign_id
           WHERE r.id = ?"#,
        id
    )
    .fetch_one(&mut *conn)
    .await?;
    let questions = questions_of(conn, extra.template_id).await?;
    let rows = sqlx::query!(
        "SELECT question_id, value, text FROM survey_answer WHERE response_id = ? ORDER BY question_id, value",
        id
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut answers: Vec<Answer> = Vec::new();
    for q in &questions {
        let mine: Vec<_> = rows.iter().filter(|r| r.question_id == q.id).collect();
        if mine.is_empty() {
            continue;
        }
        let mut a = Answer { question_id: q.id, ..Answer::default() };
        match q.kind {
            QuestionKind::Multiple => a.values = mine.iter().filter_map(|r| r.value).collect(),
            QuestionKind::Text => a.text = mine[0].text.clone(),
            _ => a.value = mine[0].value,
        }
        answers.push(a);
    }
    Ok(Response { summary, entered_by: extra.entered_by, questions, answers })
}

pub(super) async fn list_responses(conn: &mut SqliteConnection, query: &ResponseQuery) -> Result<ResponsePage> {
    let limit = query.limit.unwrap_or(20).clamp(1, 200);
    let text = query.text.trim();
    let filter = |q: &mut QueryBuilder<Sqlite>| {
        q.push(" WHERE r.campaign_id = ").push_bind(query.campaign_id);
        if let Some(state) = query.state {
            q.push(" AND r.state = ").push_bind(state.key());
        }
        let number = normalise_number(text);
        if number.starts_with("WJ-") {
            q.push(" AND r.number = ").push_bind(number);
        } else if !text.is_empty() {
            // The customer's code, or its search text (name, contacts) through the customer
            // search index. `+` keeps SQLite walking the campaign's responses and testing each
            // against the matches gathered once, rather than probing every matching customer
            // (thousands for a common word) for responses.
            q.push(" AND (+r.customer_id IN (SELECT id FROM customer WHERE code = ")
                .push_bind(text.to_owned())
                .push(")");
            let term = search::term(text);
            if term != search::Term::Empty {
                q.push(" OR");
                search::CUSTOMERS.push_match(q, "+r.customer_id", &term);
            }
            q.push(")");
        }
    };
    let mut count: QueryBuilder<Sqlite> = QueryBuilder::new("SELECT count(*) FROM survey_response r");
    filter(&mut count);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(SUMMARY_SELECT);
    filter(&mut q);
    if let Some(after) = query.after_id {
        q.push(" AND r.id > ").push_bind(after);
    }
    q.push(" ORDER BY r.id LIMIT ").push_bind(limit + 1);
    let mut rows: Vec<SummaryRow> = q.build_query_as().fetch_all(&mut *conn).await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let items = rows.into_iter().map(SummaryRow::summary).collect::<Result<Vec<_>>>()?;
    let next_after_id = if more { items.last().map(|r| r.id) } else { None };
    Ok(ResponsePage { items, total, next_after_id })
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn save_answers(
    conn: &mut SqliteConnection,
    before: &Response,
    channel: ResponseChannel,
    answered_on: NaiveDate,
    answers: &[Answer],
    s: Scores,
    entered_by: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let id = before.summary.id;
    let campaign_id = before.summary.campaign_id;
    sqlx::query!("DELETE FROM survey_answer WHERE response_id = ?", id).execute(&mut *conn).await?;
    for a in answers {
        let values: Vec<Option<i64>> =
            if a.values.is_empty() { vec![a.value] } else { a.values.iter().copied().map(Some).collect() };
        for value in values {
            sqlx::query!(
                "INSERT INTO survey_answer (response_id, campaign_id, question_id, value, text) VALUES (?, ?, ?, ?, ?)",
                id,
                campaign_id,
                a.question_id,
                value,
                a.text
            )
            .execute(&mut *conn)
            .await?;
        }
    }
    let at = db_time(now);
    let channel = channel.key();
    let changed = sqlx::query!(
        "UPDATE survey_response SET state = 'answered', channel = ?, answered_on = ?, entered_at = ?, entered_by = ?,
             csat_answers = ?, csat_satisfied = ?, csat_points = ?, nps_score = ?, loyal = ?,
             updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?",
        channel,
        answered_on,
        at,
        entered_by,
        s.csat_answers,
        s.csat_satisfied,
        s.csat_points,
        s.nps,
        s.loyal,
        at,
        id,
        before.summary.version
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    crate::write::one_row::<Response>(changed)
}

pub(super) async fn customer_events(conn: &mut SqliteConnection, customer_id: i64) -> Result<Vec<SurveyEvent>> {
    let rows = sqlx::query!(
        r#"SELECT r.number, r.answered_on AS "answered_on!: NaiveDate", g.number AS campaign_number,
                  g.name AS campaign_name, r.csat_answers, r.csat_points, r.nps_score, r.loyal AS "loyal: bool"
           FROM survey_response r JOIN survey_campaign g ON g.id = r.campaign_id
           WHERE r.customer_id = ? AND r.state = 'answered'
           ORDER BY r.answered_on DESC, r.id DESC"#,
        customer_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut parts = Vec::new();
            if r.csat_answers > 0 {
                parts.push(format!("满意度 {:.1}", r.csat_points as f64 / r.csat_answers as f64));
            }
            if let Some(n) = r.nps_score {
                parts.push(format!("NPS {n}({})", results::nps_group(n)));
            }
            match r.loyal {
                Some(true) => parts.push("愿意再次购买".into()),
                Some(false) => parts.push("再次购买意愿低".into()),
                None => {}
            }
            SurveyEvent {
                answered_on: r.answered_on,
                campaign_number: r.campaign_number,
                campaign_name: r.campaign_name,
                link: format!("/surveys/responses/{}", r.number),
                response_number: r.number,
                summary: if parts.is_empty() { "已答卷".into() } else { parts.join(" · ") },
            }
        })
        .collect())
}
