//! Satisfaction and loyalty surveys (满意度、忠诚度调查): templates of questions (rating 1–5, NPS
//! 0–10, single and multiple choice, text), frozen once a campaign uses them and changed only as
//! a new revision; campaigns sent to a chosen set of customers, each target a response with its
//! own number (printed with a QR code on the questionnaire, typed or scanned when the sheet comes
//! back); answers entered from the phone or the paper sheet; results (CSAT, NPS, loyalty) per
//! question, customer grade, region and store, and over campaigns.

pub mod demo;
mod export;
pub mod generate;
mod questionnaire;
mod repo;
mod results;

pub use export::export_results;
pub use questionnaire::{questionnaire_pdf, render_questionnaire};
pub use results::{
    Bucket, Figure, NO_DATA, Nps, QuestionResult, SatisfactionSummary, Segment, SurveyResults, Tally, TrendPoint,
    results, results_for, satisfaction_summary,
};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::account::{Actor, Permission};
use crate::audit::{self, Action, Entity};
use crate::customer::{CustomerGrade, CustomerLink};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::keyed::keyed_enum;
use crate::validate;
use crate::write::{Record, Write};

/// A customer's questionnaires on their timeline (registry::CUSTOMER_TIMELINE): the campaign,
/// the NPS answer once entered, opened by the response's number.
pub const TIMELINE: crate::service::timeline::TimelineSource = crate::service::timeline::TimelineSource {
    kind: "survey_response",
    label: "满意度调查",
    permission: Permission::ViewSurveys,
    sql: "SELECT r.id, r.number, coalesce(r.answered_on, r.created_at) AS at,
                 c.name || CASE WHEN r.nps_score IS NULL THEN '' ELSE ' · NPS ' || r.nps_score END AS summary, r.state
          FROM survey_response r JOIN survey_campaign c ON c.id = r.campaign_id
          WHERE r.customer_id = ?1 ORDER BY coalesce(r.answered_on, r.created_at) DESC LIMIT ?2",
    state_label: |key| ResponseState::parse(key).map(ResponseState::label).unwrap_or(key).to_owned(),
};

/// A response names its customer; on a merge it moves to the customer that stays.
pub const CUSTOMER_LINK: CustomerLink =
    CustomerLink { table: "survey_response", column: "customer_id", label: "调查问卷" };

/// The standing campaign a closed complaint adds its customer to (settings: survey_after_close).
pub const AFTER_COMPLAINT_CAMPAIGN: &str = "投诉结案满意度调查";

keyed_enum!(QuestionKind {
    Rating = "rating" / "满意度评分(1–5)" | "评分",
    Nps = "nps" / "推荐意愿(0–10)" | "NPS",
    Single = "single" / "单选",
    Multiple = "multiple" / "多选",
    Text = "text" / "文字意见" | "文字",
});

keyed_enum!(Measure {
    /// Counted in CSAT (a rating: 4 or 5 is satisfied).
    Csat = "csat" / "满意度",
    /// Repeat-purchase intent: a rating of 4–5, or the first option of a single choice.
    Loyalty = "loyalty" / "忠诚度",
});

keyed_enum!(CampaignKind {
    Targeted = "targeted" / "定向调查",
    AfterComplaint = "after_complaint" / "投诉结案调查",
});

keyed_enum!(CampaignState {
    Open = "open" / "进行中",
    Closed = "closed" / "已结束",
});

keyed_enum!(ResponseState {
    Pending = "pending" / "待回收",
    Answered = "answered" / "已录入",
});

keyed_enum!(ResponseChannel {
    Phone = "phone" / "电话回访" | "电话",
    Paper = "paper" / "纸质问卷" | "纸质",
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Question {
    pub id: i64,
    /// 1, 2, … as printed (第1题).
    pub position: i64,
    pub kind: QuestionKind,
    pub text: String,
    /// The choices of a single or multiple choice question, in order.
    pub options: Vec<String>,
    pub measure: Option<Measure>,
    pub required: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct QuestionInput {
    pub kind: QuestionKind,
    pub text: String,
    pub options: Vec<String>,
    pub measure: Option<Measure>,
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Template {
    pub id: i64,
    pub name: String,
    /// 第N版: a template used by a campaign is frozen; a change is a new revision.
    pub revision: i64,
    pub previous_id: Option<i64>,
    pub description: String,
    pub is_default: bool,
    pub frozen: bool,
    pub active: bool,
    pub questions: Vec<Question>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct TemplateInput {
    pub name: String,
    pub description: String,
    pub questions: Vec<QuestionInput>,
}

/// Who a campaign goes to. Criteria of different kinds must all hold; within one list any value
/// will do; an empty list does not restrict. Only active customers that were not merged away.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct TargetRule {
    pub grades: Vec<CustomerGrade>,
    pub regions: Vec<String>,
    pub store_ids: Vec<i64>,
    /// Customers with a complaint closed on or after this local date…
    pub closed_from: Option<NaiveDate>,
    /// …and on or before this one.
    pub closed_to: Option<NaiveDate>,
}

impl TargetRule {
    /// "重点客户;地区:天津、北京;2026-10-01 至 2026-10-31 结案的投诉客户"
    pub fn describe(&self, store_names: &[String]) -> String {
        let mut parts = Vec::new();
        if !self.grades.is_empty() {
            parts.push(self.grades.iter().map(|g| g.label()).collect::<Vec<_>>().join("、"));
        }
        if !self.regions.is_empty() {
            parts.push(format!("地区:{}", self.regions.join("、")));
        }
        if !store_names.is_empty() {
            parts.push(format!("直销店:{}", store_names.join("、")));
        }
        if self.closed_from.is_some() || self.closed_to.is_some() {
            let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            parts.push(format!("{} 至 {} 结案的投诉客户", day(self.closed_from), day(self.closed_to)));
        }
        if parts.is_empty() { "全部有效客户".into() } else { parts.join(";") }
    }

    fn checked(mut self) -> Result<TargetRule> {
        let mut regions = Vec::new();
        for region in &self.regions {
            let region = validate::required("regions", "地区", region, 32)?;
            if !regions.contains(&region) {
                regions.push(region);
            }
        }
        self.regions = regions;
        self.grades.sort_by_key(|g| g.key());
        self.grades.dedup();
        self.store_ids.sort_unstable();
        self.store_ids.dedup();
        if let (Some(from), Some(to)) = (self.closed_from, self.closed_to)
            && from > to
        {
            return Err(Error::validation("closed_to", "结案日期止不能早于结案日期起"));
        }
        Ok(self)
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct CampaignInput {
    pub name: String,
    pub template_id: i64,
    pub opened_on: NaiveDate,
    pub rule: TargetRule,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Campaign {
    pub id: i64,
    /// DC-2026-01
    pub number: String,
    pub name: String,
    pub kind: CampaignKind,
    pub template_id: i64,
    pub template_name: String,
    pub template_revision: i64,
    pub state: CampaignState,
    pub rule: TargetRule,
    /// The rule in words, as chosen.
    pub rule_text: String,
    pub opened_on: NaiveDate,
    pub closed_at: Option<DateTime<Utc>>,
    pub targets: i64,
    pub answered: i64,
    pub version: i64,
}

/// One answer as entered: `value` is the score of a rating or NPS question or the index of the
/// option chosen; `values` the indexes ticked in a multiple choice; `text` a written answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Answer {
    pub question_id: i64,
    pub value: Option<i64>,
    pub values: Vec<i64>,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ResponseInput {
    pub channel: ResponseChannel,
    /// The day the customer answered (local date).
    pub answered_on: NaiveDate,
    pub answers: Vec<Answer>,
}

/// A response as listed (and on the customer's timeline).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ResponseSummary {
    pub id: i64,
    /// WJ-2026-000001: printed and as a QR code on the questionnaire.
    pub number: String,
    pub campaign_id: i64,
    pub campaign_number: String,
    pub campaign_name: String,
    pub customer_id: i64,
    pub customer_code: String,
    pub customer_name: String,
    pub complaint_number: Option<String>,
    pub state: ResponseState,
    pub channel: Option<ResponseChannel>,
    pub answered_on: Option<NaiveDate>,
    /// The mean of the CSAT ratings (1–5), when any were answered.
    pub csat_average: Option<f64>,
    pub nps_score: Option<i64>,
    pub loyal: Option<bool>,
    pub version: i64,
}

/// A response with its answers and the questions they answer.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Response {
    pub summary: ResponseSummary,
    pub entered_by: String,
    pub questions: Vec<Question>,
    pub answers: Vec<Answer>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ResponseQuery {
    pub campaign_id: i64,
    pub state: Option<ResponseState>,
    /// A response number, customer code or part of the customer's name.
    pub text: String,
    /// Keyset paging: the last id of the page before.
    pub after_id: Option<i64>,
    pub limit: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ResponsePage {
    pub items: Vec<ResponseSummary>,
    pub total: i64,
    /// Pass as `after_id` for the next page; `null` on the last page.
    pub next_after_id: Option<i64>,
}

/// A survey on the customer's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct SurveyEvent {
    pub answered_on: NaiveDate,
    pub campaign_number: String,
    pub campaign_name: String,
    pub response_number: String,
    /// "满意度 4.5 · NPS 9(推荐者) · 愿意再次购买"
    pub summary: String,
    /// Where the UI opens the response.
    pub link: String,
}

impl Record for Template {
    const ENTITY: Entity = Entity::SurveyTemplate;
    async fn load(conn: &mut SqliteConnection, id: i64) -> Result<Template> {
        repo::load_template(conn, id).await
    }
    fn version(&self) -> i64 {
        self.version
    }
}

impl Record for Campaign {
    const ENTITY: Entity = Entity::SurveyCampaign;
    async fn load(conn: &mut SqliteConnection, id: i64) -> Result<Campaign> {
        repo::load_campaign(conn, id).await
    }
    fn version(&self) -> i64 {
        self.version
    }
}

impl Record for Response {
    const ENTITY: Entity = Entity::SurveyResponse;
    async fn load(conn: &mut SqliteConnection, id: i64) -> Result<Response> {
        repo::load_response(conn, id).await
    }
    fn version(&self) -> i64 {
        self.summary.version
    }
}

impl TemplateInput {
    pub fn checked(self) -> Result<TemplateInput> {
        let name = validate::required("name", "模板名称", &self.name, 40)?;
        let description = validate::optional("description", "说明", &self.description, 500)?;
        if self.questions.is_empty() {
            return Err(Error::validation("questions", "调查模板至少需要一道题"));
        }
        if self.questions.len() > 30 {
            return Err(Error::validation("questions", "调查模板最多30道题"));
        }
        let mut questions = Vec::with_capacity(self.questions.len());
        for (i, q) in self.questions.into_iter().enumerate() {
            let n = i + 1;
            let text = validate::required("questions", &format!("第{n}题题目"), &q.text, 200)?;
            let mut options = Vec::new();
            if matches!(q.kind, QuestionKind::Single | QuestionKind::Multiple) {
                for option in &q.options {
                    let option = validate::required("questions", &format!("第{n}题选项"), option, 40)?;
                    if options.contains(&option) {
                        return Err(Error::validation("questions", format!("第{n}题的选项“{option}”重复")));
                    }
                    options.push(option);
                }
                if !(2..=12).contains(&options.len()) {
                    return Err(Error::validation("questions", format!("第{n}题(选择题)须有2到12个选项")));
                }
            }
            let measure_fits = match q.measure {
                None => true,
                Some(Measure::Csat) => q.kind == QuestionKind::Rating,
                Some(Measure::Loyalty) => matches!(q.kind, QuestionKind::Rating | QuestionKind::Single),
            };
            if !measure_fits {
                return Err(Error::validation(
                    "questions",
                    format!("第{n}题:满意度只能由评分题计算,忠诚度只能由评分题或单选题计算"),
                ));
            }
            questions.push(QuestionInput { kind: q.kind, text, options, measure: q.measure, required: q.required });
        }
        if questions.iter().filter(|q| q.kind == QuestionKind::Nps).count() > 1 {
            return Err(Error::validation("questions", "一份问卷只能有一道推荐意愿(NPS)题"));
        }
        if questions.iter().filter(|q| q.measure == Some(Measure::Loyalty)).count() > 1 {
            return Err(Error::validation("questions", "一份问卷只能有一道忠诚度题"));
        }
        Ok(TemplateInput { name, description, questions })
    }
}

/// Checks the answers against the template's questions; returns them cleaned, in question order
/// (unanswered optional questions left out).
pub fn check_answers(questions: &[Question], answers: &[Answer]) -> Result<Vec<Answer>> {
    for a in answers {
        if !questions.iter().any(|q| q.id == a.question_id) {
            return Err(Error::validation("answers", "答案对应的题目不在本问卷中"));
        }
    }
    let mut cleaned = Vec::new();
    for q in questions {
        let n = q.position;
        let given = answers.iter().find(|a| a.question_id == q.id);
        let mut answer = Answer { question_id: q.id, ..Answer::default() };
        let answered = match q.kind {
            QuestionKind::Rating | QuestionKind::Nps | QuestionKind::Single => {
                let (low, high, what) = match q.kind {
                    QuestionKind::Rating => (1, 5, "评分须在1到5分之间"),
                    QuestionKind::Nps => (0, 10, "推荐意愿须在0到10分之间"),
                    _ => (0, q.options.len() as i64 - 1, "所选选项不存在"),
                };
                match given.and_then(|a| a.value) {
                    None => false,
                    Some(v) if v < low || v > high => {
                        return Err(Error::validation("answers", format!("第{n}题:{what}")));
                    }
                    Some(v) => {
                        answer.value = Some(v);
                        true
                    }
                }
            }
            QuestionKind::Multiple => {
                let mut values = given.map(|a| a.values.clone()).unwrap_or_default();
                values.sort_unstable();
                values.dedup();
                if values.iter().any(|v| *v < 0 || *v >= q.options.len() as i64) {
                    return Err(Error::validation("answers", format!("第{n}题:所选选项不存在")));
                }
                answer.values = values;
                !answer.values.is_empty()
            }
            QuestionKind::Text => {
                answer.text = validate::optional("answers", &format!("第{n}题"), given.map_or("", |a| &a.text), 1000)?;
                !answer.text.is_empty()
            }
        };
        if answered {
            cleaned.push(answer);
        } else if q.required {
            return Err(Error::validation("answers", format!("第{n}题“{}”必须作答", q.text)));
        }
    }
    Ok(cleaned)
}

/// The response's score summary as stored beside its answers (what results add up).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    pub csat_answers: i64,
    pub csat_satisfied: i64,
    pub csat_points: i64,
    pub nps: Option<i64>,
    pub loyal: Option<bool>,
}

/// Scores of checked answers.
pub fn scores(questions: &[Question], answers: &[Answer]) -> Scores {
    let mut s = Scores::default();
    for a in answers {
        let Some(q) = questions.iter().find(|q| q.id == a.question_id) else { continue };
        let Some(v) = a.value else { continue };
        match (q.kind, q.measure) {
            (QuestionKind::Rating, Some(Measure::Csat)) => {
                s.csat_answers += 1;
                s.csat_points += v;
                s.csat_satisfied += i64::from(v >= 4);
            }
            (QuestionKind::Rating, Some(Measure::Loyalty)) => s.loyal = Some(v >= 4),
            (QuestionKind::Single, Some(Measure::Loyalty)) => s.loyal = Some(v == 0),
            (QuestionKind::Nps, _) => s.nps = Some(v),
            _ => {}
        }
    }
    s
}

// ---------------------------------------------------------------- use-cases

pub async fn templates(store: &Store, actor: &Actor) -> Result<Vec<Template>> {
    actor.require(Permission::ViewSurveys)?;
    let mut conn = store.pool().acquire().await?;
    repo::list_templates(&mut conn).await
}

pub async fn template(store: &Store, actor: &Actor, id: i64) -> Result<Template> {
    actor.require(Permission::ViewSurveys)?;
    let mut conn = store.pool().acquire().await?;
    repo::load_template(&mut conn, id).await
}

pub async fn create_template(
    store: &Store,
    actor: &Actor,
    input: TemplateInput,
    now: DateTime<Utc>,
) -> Result<Template> {
    actor.require(Permission::RunSurveys)?;
    let input = input.checked()?;
    let mut w = Write::begin(store, actor, now).await?;
    let id = repo::insert_template(w.conn(), &input, 1, None, now).await?;
    w.finish(id, Action::Create, None, |t: &Template| format!("新增调查模板 {} 第{}版", t.name, t.revision)).await
}

/// Changes a template no campaign has used yet; a frozen one is refused (save a new revision).
pub async fn update_template(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    input: TemplateInput,
    now: DateTime<Utc>,
) -> Result<Template> {
    actor.require(Permission::RunSurveys)?;
    let input = input.checked()?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: Template = w.load_at(id, version).await?;
    if before.frozen {
        return Err(Error::validation(
            "questions",
            format!("模板“{}”第{}版已被调查活动使用,不能修改;请另存为新版本", before.name, before.revision),
        ));
    }
    repo::update_template(w.conn(), id, version, &input, now).await?;
    w.finish(id, Action::Update, Some(&before), |t: &Template| format!("修改调查模板 {} 第{}版", t.name, t.revision))
        .await
}

/// Saves `input` as the next revision of template `id` (the usual way to change a frozen one);
/// the new revision takes over as the default when the old one was.
pub async fn revise_template(
    store: &Store,
    actor: &Actor,
    id: i64,
    input: TemplateInput,
    now: DateTime<Utc>,
) -> Result<Template> {
    actor.require(Permission::RunSurveys)?;
    let mut input = input.checked()?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: Template = w.load(id).await?;
    input.name = before.name.clone();
    let revision = repo::last_revision(w.conn(), &before.name).await? + 1;
    let new_id = repo::insert_template(w.conn(), &input, revision, Some(id), now).await?;
    if before.is_default {
        repo::move_default(w.conn(), id, new_id, now).await?;
    }
    w.finish(new_id, Action::Create, None, |t: &Template| format!("调查模板 {} 另存为第{}版", t.name, t.revision)).await
}

/// The customers a rule would reach (the campaign dialog shows it before creating).
pub async fn count_targets(store: &Store, actor: &Actor, rule: TargetRule) -> Result<i64> {
    actor.require(Permission::RunSurveys)?;
    let rule = rule.checked()?;
    let mut conn = store.pool().acquire().await?;
    let zone = crate::settings::load_on(&mut conn).await?.zone();
    Ok(repo::target_ids(&mut conn, &rule, zone).await?.len() as i64)
}

/// Opens a campaign: freezes its template and gives every customer the rule reaches a response
/// with its own number.
pub async fn create_campaign(
    store: &Store,
    actor: &Actor,
    input: CampaignInput,
    now: DateTime<Utc>,
) -> Result<Campaign> {
    actor.require(Permission::RunSurveys)?;
    let name = validate::required("name", "调查名称", &input.name, 60)?;
    let rule = input.rule.checked()?;
    let mut w = Write::begin(store, actor, now).await?;
    let template: Template = w.load(input.template_id).await.map_err(|_| Error::NotFound("调查模板"))?;
    if !template.active {
        return Err(Error::validation("template_id", "调查模板已停用"));
    }
    let zone = crate::settings::load_on(w.conn()).await?.zone();
    let customers = repo::target_ids(w.conn(), &rule, zone).await?;
    if customers.is_empty() {
        return Err(Error::validation("rule", "没有符合条件的客户,请放宽调查对象的条件"));
    }
    let id = repo::insert_campaign(w.conn(), &name, CampaignKind::Targeted, template.id, &rule, input.opened_on, now)
        .await?;
    repo::add_targets(w.conn(), id, &customers, None, input.opened_on, now).await?;
    w.finish(id, Action::Create, None, |c: &Campaign| {
        format!("新建调查活动 {} {}(调查对象{}个)", c.number, c.name, c.targets)
    })
    .await
}

/// Ends a campaign: no more responses are entered; its results stay.
pub async fn close_campaign(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    now: DateTime<Utc>,
) -> Result<Campaign> {
    actor.require(Permission::RunSurveys)?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: Campaign = w.load_at(id, version).await?;
    if before.state == CampaignState::Closed {
        return Err(Error::validation("state", "调查活动已经结束"));
    }
    repo::close_campaign(w.conn(), id, version, now).await?;
    w.finish(id, Action::CloseCampaign, Some(&before), |c: &Campaign| {
        format!("结束调查活动 {} {}(回收{}/{})", c.number, c.name, c.answered, c.targets)
    })
    .await
}

pub async fn campaigns(store: &Store, actor: &Actor) -> Result<Vec<Campaign>> {
    actor.require(Permission::ViewSurveys)?;
    let mut conn = store.pool().acquire().await?;
    repo::list_campaigns(&mut conn).await
}

pub async fn campaign(store: &Store, actor: &Actor, id: i64) -> Result<Campaign> {
    actor.require(Permission::ViewSurveys)?;
    let mut conn = store.pool().acquire().await?;
    repo::load_campaign(&mut conn, id).await
}

/// The campaign's id by its number (DC-2026-01) or, failing that, its exact name.
pub async fn campaign_id(store: &Store, actor: &Actor, number_or_name: &str) -> Result<i64> {
    actor.require(Permission::ViewSurveys)?;
    let mut conn = store.pool().acquire().await?;
    repo::campaign_id(&mut conn, number_or_name.trim()).await
}

pub async fn responses(store: &Store, actor: &Actor, query: &ResponseQuery) -> Result<ResponsePage> {
    actor.require(Permission::ViewSurveys)?;
    let mut conn = store.pool().acquire().await?;
    repo::list_responses(&mut conn, query).await
}

/// A response by its number as typed or scanned from the returned sheet (spaces and case do not
/// matter), with the questions to enter its answers against.
pub async fn response_by_number(store: &Store, actor: &Actor, number: &str) -> Result<Response> {
    actor.require(Permission::ViewSurveys)?;
    let number = normalise_number(number);
    let mut conn = store.pool().acquire().await?;
    let id = repo::response_id(&mut conn, &number).await?;
    repo::load_response(&mut conn, id).await
}

/// "wj-2026-000001 " → "WJ-2026-000001" (a scanner may send lower case; people type spaces).
pub fn normalise_number(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase().replace(['—', '_'], "-")
}

/// Enters (or corrects) the answers of response `number`. `version` is the response's version
/// as read (optimistic concurrency).
pub async fn enter_response(
    store: &Store,
    actor: &Actor,
    number: &str,
    version: i64,
    input: ResponseInput,
    now: DateTime<Utc>,
) -> Result<Response> {
    actor.require(Permission::EnterSurveyResponses)?;
    let number = normalise_number(number);
    let mut w = Write::begin(store, actor, now).await?;
    let id = repo::response_id(w.conn(), &number).await?;
    let before: Response = w.load_at(id, version).await?;
    let campaign: Campaign = w.load(before.summary.campaign_id).await?;
    if campaign.state == CampaignState::Closed {
        return Err(Error::validation("number", format!("调查活动 {} 已结束,不能再录入问卷", campaign.number)));
    }
    let zone = crate::settings::load_on(w.conn()).await?.zone();
    if input.answered_on > now.with_timezone(&zone).date_naive() {
        return Err(Error::validation("answered_on", "答卷日期不能晚于今天"));
    }
    if input.answered_on < campaign.opened_on {
        return Err(Error::validation("answered_on", "答卷日期不能早于调查开始日期"));
    }
    let answers = check_answers(&before.questions, &input.answers)?;
    let s = scores(&before.questions, &answers);
    repo::save_answers(w.conn(), &before, input.channel, input.answered_on, &answers, s, &actor.display_name, now)
        .await?;
    let corrected = before.summary.state == ResponseState::Answered;
    w.finish(id, Action::EnterResponse, Some(&before), |r: &Response| {
        let verb = if corrected { "修改问卷" } else { "录入问卷" };
        format!("{verb} {}({} {})", r.summary.number, r.summary.customer_name, input.channel.label())
    })
    .await
}

/// The customer's answered surveys, newest first, for the customer timeline.
pub async fn customer_events(conn: &mut SqliteConnection, customer_id: i64) -> Result<Vec<SurveyEvent>> {
    repo::customer_events(conn, customer_id).await
}

/// Called by the complaint close use-case (one line there), inside its transaction: when the
/// setting is on, the customer gets a response in the standing after-complaint campaign (opened
/// with the default template the first time). Closing the same complaint again after a reopen
/// adds nothing.
pub(crate) async fn after_complaint_closed(
    conn: &mut SqliteConnection,
    actor: &Actor,
    complaint_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let settings = crate::settings::load_on(conn).await?;
    if settings.survey_after_close != Some(true) {
        return Ok(());
    }
    let today = settings.today(now);
    let campaign_id = match repo::open_after_complaint_campaign(conn).await? {
        Some(id) => id,
        None => {
            let template = repo::default_template_id(conn).await?;
            let id = repo::insert_campaign(
                conn,
                AFTER_COMPLAINT_CAMPAIGN,
                CampaignKind::AfterComplaint,
                template,
                &TargetRule::default(),
                today,
                now,
            )
            .await?;
            let c = repo::load_campaign(conn, id).await?;
            let change = audit::Change::diff(
                actor,
                Entity::SurveyCampaign,
                id,
                Action::Create,
                format!("新建调查活动 {} {}", c.number, c.name),
                None,
                Some(&c),
                now,
            )?;
            audit::record(conn, change).await?;
            id
        }
    };
    if repo::complaint_has_response(conn, campaign_id, complaint_id).await? {
        return Ok(());
    }
    let customer_id = repo::complaint_customer(conn, complaint_id).await?;
    let ids = repo::add_targets(conn, campaign_id, &[customer_id], Some(complaint_id), today, now).await?;
    for id in ids {
        let r = repo::load_response(conn, id).await?;
        let summary = format!(
            "投诉 {} 结案,生成满意度调查问卷 {}",
            r.summary.complaint_number.clone().unwrap_or_default(),
            r.summary.number
        );
        audit::record(conn, audit::Change::note(actor, Entity::SurveyResponse, id, Action::Create, summary, now))
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(id: i64, kind: QuestionKind, measure: Option<Measure>, options: &[&str], required: bool) -> Question {
        Question {
            id,
            position: id,
            kind,
            text: format!("题{id}"),
            options: options.iter().map(|s| s.to_string()).collect(),
            measure,
            required,
        }
    }

    fn questions() -> Vec<Question> {
        vec![
            q(1, QuestionKind::Rating, Some(Measure::Csat), &[], true),
            q(2, QuestionKind::Rating, Some(Measure::Csat), &[], true),
            q(3, QuestionKind::Single, Some(Measure::Loyalty), &["愿意", "不确定", "不愿意"], true),
            q(4, QuestionKind::Nps, None, &[], true),
            q(5, QuestionKind::Multiple, None, &["价格", "交期", "质量"], false),
            q(6, QuestionKind::Text, None, &[], false),
        ]
    }

    fn value(question_id: i64, v: i64) -> Answer {
        Answer { question_id, value: Some(v), ..Answer::default() }
    }

    #[test]
    fn answers_are_checked_per_kind_and_scored() {
        let qs = questions();
        let mut answers = vec![value(1, 5), value(2, 3), value(3, 0), value(4, 9)];
        answers.push(Answer { question_id: 5, values: vec![2, 0, 2], ..Answer::default() });
        let cleaned = check_answers(&qs, &answers).unwrap();
        assert_eq!(cleaned[4].values, [0, 2], "sorted, duplicates dropped");
        assert_eq!(cleaned.len(), 5, "the empty text answer is left out");
        let s = scores(&qs, &cleaned);
        assert_eq!(s, Scores { csat_answers: 2, csat_satisfied: 1, csat_points: 8, nps: Some(9), loyal: Some(true) });

        let bad = |answers: Vec<Answer>| check_answers(&qs, &answers).unwrap_err().user_message();
        assert_eq!(bad(vec![value(1, 6), value(2, 3), value(3, 0), value(4, 9)]), "第1题:评分须在1到5分之间");
        assert_eq!(bad(vec![value(1, 5), value(2, 3), value(3, 0), value(4, 11)]), "第4题:推荐意愿须在0到10分之间");
        assert_eq!(bad(vec![value(1, 5), value(2, 3), value(3, 3), value(4, 1)]), "第3题:所选选项不存在");
        assert_eq!(bad(vec![value(1, 5), value(3, 0), value(4, 1)]), "第2题“题2”必须作答");
        assert_eq!(bad(vec![value(9, 1)]), "答案对应的题目不在本问卷中");
    }

    #[test]
    fn a_loyalty_rating_counts_four_and_five() {
        let qs = vec![q(1, QuestionKind::Rating, Some(Measure::Loyalty), &[], true)];
        assert_eq!(scores(&qs, &[value(1, 4)]).loyal, Some(true));
        assert_eq!(scores(&qs, &[value(1, 3)]).loyal, Some(false));
        assert_eq!(scores(&qs, &[]).loyal, None);
    }

    #[test]
    fn templates_refuse_what_results_cannot_count() {
        let input = |kind, measure, options: Vec<&str>| TemplateInput {
            name: "问卷".into(),
            description: String::new(),
            questions: vec![QuestionInput {
                kind,
                text: "题目".into(),
                options: options.into_iter().map(String::from).collect(),
                measure,
                required: true,
            }],
        };
        assert!(input(QuestionKind::Rating, Some(Measure::Csat), vec![]).checked().is_ok());
        let err = input(QuestionKind::Text, Some(Measure::Csat), vec![]).checked().unwrap_err();
        assert_eq!(err.field(), Some("questions"));
        let err = input(QuestionKind::Single, None, vec!["是"]).checked().unwrap_err();
        assert_eq!(err.user_message(), "第1题(选择题)须有2到12个选项");
        let err = input(QuestionKind::Single, None, vec!["是", "是"]).checked().unwrap_err();
        assert_eq!(err.user_message(), "第1题的选项“是”重复");
        let empty = TemplateInput { questions: vec![], ..input(QuestionKind::Text, None, vec![]) };
        assert_eq!(empty.checked().unwrap_err().user_message(), "调查模板至少需要一道题");
    }

    #[test]
    fn numbers_are_read_as_scanned_or_typed() {
        assert_eq!(normalise_number(" wj-2026-000012\n"), "WJ-2026-000012");
        assert_eq!(normalise_number("WJ 2026-000012"), "WJ2026-000012");
    }

    #[test]
    fn target_rules_are_described_and_checked() {
        let rule = TargetRule {
            grades: vec![CustomerGrade::Key],
            regions: vec!["天津".into(), " 天津 ".into()],
            ..TargetRule::default()
        }
        .checked()
        .unwrap();
        assert_eq!(rule.regions, ["天津"]);
        assert_eq!(rule.describe(&[]), "重点客户;地区:天津");
        assert_eq!(TargetRule::default().describe(&[]), "全部有效客户");
        let day = |d| NaiveDate::from_ymd_opt(2026, 10, d).unwrap();
        let err = TargetRule { closed_from: Some(day(9)), closed_to: Some(day(1)), ..TargetRule::default() }
            .checked()
            .unwrap_err();
        assert_eq!(err.field(), Some("closed_to"));
    }
}
