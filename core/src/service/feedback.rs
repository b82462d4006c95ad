//! 意见建议 (feedback): taken in from the hotline, website, mailbox, stores and visits, routed to
//! departments with a reply deadline, answered by each department in the app; 待分派 → 处理中 →
//! 已答复 → 已关闭. An item that turns out to be a complaint is registered as one (linked both
//! ways); a good suggestion is marked adopted.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use super::Refusal;
use crate::account::{Actor, Permission, Role};
use crate::audit::{Action, Entity};
use crate::clock::db_time;
use crate::complaint::{self, Category, Channel, Registration, Severity};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::keyed::keyed_enum;
use crate::listing::{self, Cursor, Key, Order, Page};
use crate::validate;
use crate::write::{Record, Write, one_row};

keyed_enum!(
    /// 待分派 → 处理中 → 已答复 → 已关闭.
    FeedbackState {
        Unassigned = "unassigned" / "待分派",
        InProgress = "in_progress" / "处理中",
        Answered = "answered" / "已答复",
        Closed = "closed" / "已关闭",
    }
);

keyed_enum!(FeedbackKind {
    Inquiry = "inquiry" / "咨询",
    Suggestion = "suggestion" / "建议",
    Praise = "praise" / "表扬",
    ComplaintLead = "complaint_lead" / "投诉线索",
});

keyed_enum!(FeedbackChannel {
    Hotline = "hotline" / "热线",
    Website = "website" / "网站",
    Email = "email" / "邮箱",
    Store = "store" / "直销店",
    Visit = "visit" / "回访",
    Other = "other" / "其他",
});

keyed_enum!(
    /// What can be done to a feedback item; the key is also its audit action.
    FeedbackCommand {
        Route = "route" / "分派",
        Answer = "answer" / "答复",
        Close = "close" / "关闭",
        ConvertToComplaint = "convert_to_complaint" / "转为投诉",
        Adopt = "adopt" / "采纳建议",
    }
);

impl FeedbackChannel {
    /// The complaint channel a converted item is registered with.
    fn complaint_channel(self) -> Channel {
        match self {
            FeedbackChannel::Hotline => Channel::Hotline,
            FeedbackChannel::Website => Channel::Website,
            FeedbackChannel::Email => Channel::Email,
            FeedbackChannel::Store => Channel::Store,
            FeedbackChannel::Visit => Channel::Visit,
            FeedbackChannel::Other => Channel::Other,
        }
    }
}

/// What the rule needs to know about an item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub state: Option<FeedbackState>,
    pub kind: Option<FeedbackKind>,
    /// Departments the item is routed to, and how many of them have not answered.
    pub routes: usize,
    pub unanswered: usize,
    /// Departments a Route command adds (not yet routed).
    pub new_routes: usize,
    /// The acting department is routed and has not answered.
    pub actor_may_answer: bool,
    pub adopted: bool,
    pub converted: bool,
    pub has_customer: bool,
    pub has_note: bool,
}

/// The state after `command`, or why not. Answering leaves the item 处理中 until the last routed
/// department answers; adopting does not move it.
pub fn decide(f: &Facts, command: FeedbackCommand) -> std::result::Result<FeedbackState, Refusal> {
    use FeedbackState::*;
    let state = f.state.unwrap_or(Unassigned);
    let wrong = |allowed: &str| Refusal {
        message: format!(
            "不能{}:意见建议当前状态为“{}”,只有{allowed}时可以{}",
            command.label(),
            state.label(),
            command.label()
        ),
    };
    let missing = |what: &str| Refusal { message: format!("不能{}:{what}", command.label()) };
    match command {
        FeedbackCommand::Route => {
            if !matches!(state, Unassigned | InProgress | Answered) {
                return Err(wrong("“待分派”“处理中”或“已答复”"));
            }
            if f.new_routes == 0 {
                return Err(missing("须选择至少一个尚未分派的部门"));
            }
            Ok(InProgress)
        }
        FeedbackCommand::Answer => {
            if state != InProgress {
                return Err(wrong("“处理中”"));
            }
            if !f.actor_may_answer {
                return Err(missing("本部门未被分派此意见建议或已答复"));
            }
            Ok(if f.unanswered <= 1 { Answered } else { InProgress })
        }
        FeedbackCommand::Close => match state {
            Answered => Ok(Closed),
            // An inquiry answered at once on the phone is closed without routing, with a note.
            Unassigned if f.has_note => Ok(Closed),
            Unassigned => Err(missing("未分派即关闭须填写处理说明")),
            _ => Err(wrong("“已答复”(或填写处理说明后的“待分派”)")),
        },
        FeedbackCommand::ConvertToComplaint => {
            if state == Closed {
                return Err(wrong("未关闭"));
            }
            if f.converted {
                return Err(missing("已经转为投诉"));
            }
            if !f.has_customer {
                return Err(missing("须先选择客户(投诉须关联客户档案)"));
            }
            Ok(Closed)
        }
        FeedbackCommand::Adopt => {
            if f.kind != Some(FeedbackKind::Suggestion) {
                return Err(missing("只有“建议”可以采纳"));
            }
            if f.adopted {
                return Err(missing("已经采纳"));
            }
            if !matches!(state, Answered | Closed) {
                return Err(wrong("“已答复”或“已关闭”"));
            }
            Ok(state)
        }
    }
}

// ---------------------------------------------------------------- data

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct FeedbackInput {
    pub received_at: DateTime<Utc>,
    pub channel: FeedbackChannel,
    pub kind: FeedbackKind,
    pub content: String,
    pub customer_id: Option<i64>,
    /// Who gave it and how to reach them, when there is no customer record.
    pub contact: String,
    pub store_id: Option<i64>,
}

impl FeedbackInput {
    fn checked(self, now: DateTime<Utc>) -> Result<FeedbackInput> {
        if self.received_at > now + chrono::Duration::minutes(5) {
            return Err(Error::validation("received_at", "收到时间不能晚于现在"));
        }
        Ok(FeedbackInput {
            content: validate::required("content", "意见建议内容", &self.content, 2000)?,
            contact: validate::optional("contact", "联系人及联系方式", &self.contact, 100)?,
            ..self
        })
    }
}

/// One department the item is routed to, with its deadline and answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct RouteInput {
    pub department_id: i64,
    /// The local date the answer is due.
    pub due_date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[ts(export_to = "bindings.ts")]
pub struct FeedbackRoute {
    pub department_id: i64,
    pub department_name: String,
    pub due_date: NaiveDate,
    pub answer: String,
    pub answerer_name: String,
    pub answered_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Feedback {
    pub id: i64,
    pub number: String,
    pub received_at: DateTime<Utc>,
    pub channel: FeedbackChannel,
    pub kind: FeedbackKind,
    pub content: String,
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    pub contact: String,
    pub store_id: Option<i64>,
    pub store_name: Option<String>,
    pub state: FeedbackState,
    pub adopted: bool,
    /// The complaint it became.
    pub complaint_id: Option<i64>,
    pub complaint_number: Option<String>,
    pub closing_note: String,
    pub routes: Vec<FeedbackRoute>,
    pub version: i64,
}

#[derive(sqlx::FromRow)]
struct FeedbackRow {
    id: i64,
    number: String,
    received_at: DateTime<Utc>,
    #[sqlx(try_from = "String")]
    channel: FeedbackChannel,
    #[sqlx(try_from = "String")]
    kind: FeedbackKind,
    content: String,
    customer_id: Option<i64>,
    customer_name: Option<String>,
    contact: String,
    store_id: Option<i64>,
    store_name: Option<String>,
    #[sqlx(try_from = "String")]
    state: FeedbackState,
    adopted: bool,
    complaint_id: Option<i64>,
    complaint_number: Option<String>,
    closing_note: String,
    version: i64,
}

impl Record for Feedback {
    const ENTITY: Entity = Entity::Feedback;
    async fn load(conn: &mut SqliteConnection, id: i64) -> Result<Feedback> {
        load(conn, id).await
    }
    fn version(&self) -> i64 {
        self.version
    }
}

pub(crate) async fn load(conn: &mut SqliteConnection, id: i64) -> Result<Feedback> {
    let r: FeedbackRow = sqlx::query_as(
        "SELECT f.id, f.number, f.received_at, f.channel, f.kind, f.content, f.customer_id, cu.name AS customer_name,
                f.contact, f.store_id, s.name AS store_name, f.state, f.adopted, f.complaint_id,
                c.number AS complaint_number, f.closing_note, f.version
         FROM feedback f LEFT JOIN customer cu ON cu.id = f.customer_id LEFT JOIN store s ON s.id = f.store_id
              LEFT JOIN complaint c ON c.id = f.complaint_id
         WHERE f.id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound("意见建议"))?;
    let routes: Vec<FeedbackRoute> = sqlx::query_as(
        "SELECT r.department_id, d.name AS department_name, r.due_date, r.answer, r.answerer_name, r.answered_at
         FROM feedback_route r JOIN department d ON d.id = r.department_id
         WHERE r.feedback_id = ? ORDER BY d.sort_order, d.id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Feedback {
        id: r.id,
        number: r.number,
        received_at: r.received_at,
        channel: r.channel,
        kind: r.kind,
        content: r.content,
        customer_id: r.customer_id,
        customer_name: r.customer_name,
        contact: r.contact,
        store_id: r.store_id,
        store_name: r.store_name,
        state: r.state,
        adopted: r.adopted,
        complaint_id: r.complaint_id,
        complaint_number: r.complaint_number,
        closing_note: r.closing_note,
        routes,
        version: r.version,
    })
}

impl Feedback {
    fn facts(&self) -> Facts {
        Facts {
            state: Some(self.state),
            kind: Some(self.kind),
            routes: self.routes.len(),
            unanswered: self.routes.iter().filter(|r| r.answered_at.is_none()).count(),
            new_routes: 0,
            actor_may_answer: false,
            adopted: self.adopted,
            converted: self.complaint_id.is_some(),
            has_customer: self.customer_id.is_some(),
            has_note: false,
        }
    }
}

fn titled(summary: impl Into<String>) -> impl FnOnce(&Feedback) -> String {
    let summary = summary.into();
    move |f| format!("{} {summary}", f.number)
}

/// A store clerk registers and sees only their own store's items.
fn own_store(actor: &Actor, store_id: Option<i64>) -> Result<()> {
    if actor.role == Role::StoreClerk && (store_id.is_none() || store_id != actor.store_id) {
        return Err(Error::Forbidden("直销店店员只能登记和查看本店的意见建议".into()));
    }
    Ok(())
}

async fn set_state(conn: &mut SqliteConnection, f: &Feedback, state: FeedbackState, now: DateTime<Utc>) -> Result<()> {
    let changed = sqlx::query(
        "UPDATE feedback SET state = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
    )
    .bind(state.key())
    .bind(db_time(now))
    .bind(f.id)
    .bind(f.version)
    .execute(conn)
    .await?
    .rows_affected();
    one_row::<Feedback>(changed)
}

// ---------------------------------------------------------------- use-cases

/// 登记: a new item YJ-YYYY-NNNNN in 待分派.
pub async fn register(store: &Store, actor: &Actor, input: FeedbackInput, now: DateTime<Utc>) -> Result<Feedback> {
    actor.require(Permission::RegisterFeedback)?;
    let input = input.checked(now)?;
    let input = if actor.role == Role::StoreClerk && input.store_id.is_none() {
        FeedbackInput { store_id: actor.store_id, ..input }
    } else {
        input
    };
    own_store(actor, input.store_id)?;
    let zone = crate::settings::load(store).await?.zone();
    let mut w = Write::begin(store, actor, now).await?;
    let id = insert(&mut w, &input, zone).await?;
    w.finish(id, Action::Register, None, titled("登记意见建议")).await
}

/// Inserts inside the caller's write (register, demo); the new id.
pub(crate) async fn insert(w: &mut Write<'_>, input: &FeedbackInput, zone: chrono_tz::Tz) -> Result<i64> {
    let (by, now) = (w.actor().user_id, w.now());
    insert_on(w.conn(), by, now, input, zone).await
}

/// Inserts on the caller's transaction (also the import's); the new id.
pub(crate) async fn insert_on(
    conn: &mut SqliteConnection,
    by: Option<i64>,
    now: DateTime<Utc>,
    input: &FeedbackInput,
    zone: chrono_tz::Tz,
) -> Result<i64> {
    if let Some(c) = input.customer_id {
        super::active_customer(conn, c).await?;
    }
    if let Some(s) = input.store_id {
        super::active_store(conn, s).await?;
    }
    let year = input.received_at.with_timezone(&zone).year();
    let number = super::next_number(conn, "feedback", "YJ", year).await?;
    let at = db_time(now);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO feedback (number, received_at, channel, kind, content, customer_id, contact, store_id, state,
                               registered_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'unassigned', ?, ?, ?) RETURNING id",
    )
    .bind(&number)
    .bind(db_time(input.received_at))
    .bind(input.channel.key())
    .bind(input.kind.key())
    .bind(&input.content)
    .bind(input.customer_id)
    .bind(&input.contact)
    .bind(input.store_id)
    .bind(by)
    .bind(&at)
    .bind(&at)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

pub async fn get(store: &Store, actor: &Actor, id: i64) -> Result<Feedback> {
    actor.require(Permission::ViewService)?;
    let f = load(&mut *store.pool().acquire().await?, id).await?;
    if actor.role == Role::StoreClerk {
        own_store(actor, f.store_id)?;
    }
    Ok(f)
}

/// 分派: routes the item to more departments, each with its reply deadline.
pub async fn route(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    routes: Vec<RouteInput>,
    now: DateTime<Utc>,
) -> Result<Feedback> {
    actor.require(Permission::HandleFeedback)?;
    let today = super::today(store, now).await?;
    for r in &routes {
        if r.due_date < today {
            return Err(Error::validation("due_date", "答复期限不能早于今天"));
        }
    }
    let mut w = Write::begin(store, actor, now).await?;
    let before: Feedback = w.load_at(id, version).await?;
    let mut added = Vec::new();
    for r in &routes {
        let name: Option<String> = sqlx::query_scalar("SELECT name FROM department WHERE id = ? AND active = 1")
            .bind(r.department_id)
            .fetch_optional(w.conn())
            .await?;
        let name = name.ok_or_else(|| Error::validation("department_id", "所选部门不存在或已停用"))?;
        if before.routes.iter().any(|x| x.department_id == r.department_id) || added.contains(&name) {
            continue;
        }
        added.push(name);
    }
    let next = decide(&Facts { new_routes: added.len(), ..before.facts() }, FeedbackCommand::Route)?;
    for r in &routes {
        sqlx::query("INSERT OR IGNORE INTO feedback_route (feedback_id, department_id, due_date) VALUES (?, ?, ?)")
            .bind(id)
            .bind(r.department_id)
            .bind(r.due_date)
            .execute(w.conn())
            .await?;
    }
    set_state(w.conn(), &before, next, now).await?;
    w.finish(id, Action::Route, Some(&before), titled(format!("分派至{}", added.join("、")))).await
}

/// 答复: the acting user's department answers.
pub async fn answer(store: &Store, actor: &Actor, id: i64, text: &str, now: DateTime<Utc>) -> Result<Feedback> {
    actor.require(Permission::AnswerFeedback)?;
    let text = validate::required("answer", "答复内容", text, 2000)?;
    let department = actor.department_id.ok_or_else(|| Error::Forbidden("答复须由所属部门的用户登录".into()))?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: Feedback = w.load(id).await?;
    let may = before.routes.iter().any(|r| r.department_id == department && r.answered_at.is_none());
    let next = decide(&Facts { actor_may_answer: may, ..before.facts() }, FeedbackCommand::Answer)?;
    sqlx::query(
        "UPDATE feedback_route SET answer = ?, answered_by = ?, answerer_name = ?, answered_at = ?
         WHERE feedback_id = ? AND department_id = ? AND answered_at IS NULL",
    )
    .bind(&text)
    .bind(actor.user_id)
    .bind(&actor.display_name)
    .bind(db_time(now))
    .bind(id)
    .bind(department)
    .execute(w.conn())
    .await?;
    set_state(w.conn(), &before, next, now).await?;
    let dept = before.routes.iter().find(|r| r.department_id == department).map(|r| r.department_name.clone());
    w.finish(id, Action::Answer, Some(&before), titled(format!("{}答复", dept.unwrap_or_default()))).await
}

/// 关闭, with a note (required when closing an item never routed).
pub async fn close(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    note: &str,
    now: DateTime<Utc>,
) -> Result<Feedback> {
    actor.require(Permission::HandleFeedback)?;
    let note = validate::optional("note", "处理说明", note, 1000)?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: Feedback = w.load_at(id, version).await?;
    let next = decide(&Facts { has_note: !note.is_empty(), ..before.facts() }, FeedbackCommand::Close)?;
    sqlx::query("UPDATE feedback SET closing_note = ? WHERE id = ?").bind(&note).bind(id).execute(w.conn()).await?;
    set_state(w.conn(), &before, next, now).await?;
    w.finish(id, Action::Close, Some(&before), titled("关闭")).await
}

/// 采纳: marks a suggestion adopted.
pub async fn adopt(store: &Store, actor: &Actor, id: i64, version: i64, now: DateTime<Utc>) -> Result<Feedback> {
    actor.require(Permission::HandleFeedback)?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: Feedback = w.load_at(id, version).await?;
    decide(&before.facts(), FeedbackCommand::Adopt)?;
    let changed = sqlx::query(
        "UPDATE feedback SET adopted = 1, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
    )
    .bind(db_time(now))
    .bind(id)
    .bind(version)
    .execute(w.conn())
    .await?
    .rows_affected();
    one_row::<Feedback>(changed)?;
    w.finish(id, Action::Adopt, Some(&before), titled("建议被采纳")).await
}

/// What a conversion adds to the item's data to make a complaint registration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Conversion {
    /// The customer, when the item has none yet.
    pub customer_id: Option<i64>,
    pub category: Category,
    pub severity: Severity,
    pub customer_demand: String,
}

/// 转为投诉: registers a complaint carrying the item's time, channel, customer, contact, store and
/// content over, links the two, and closes the item — all in one transaction.
pub async fn convert_to_complaint(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    conversion: Conversion,
    now: DateTime<Utc>,
) -> Result<Feedback> {
    actor.require(Permission::HandleFeedback)?;
    actor.require(Permission::RegisterComplaints)?;
    let today = super::today(store, now).await?;
    let zone = crate::settings::load(store).await?.zone();
    let mut w = Write::begin(store, actor, now).await?;
    let before: Feedback = w.load_at(id, version).await?;
    let customer_id = before.customer_id.or(conversion.customer_id);
    let facts = Facts { has_customer: customer_id.is_some(), ..before.facts() };
    let next = decide(&facts, FeedbackCommand::ConvertToComplaint)?;
    let customer_id = customer_id.unwrap_or_default();
    let registration = Registration {
        received_at: before.received_at,
        channel: before.channel.complaint_channel(),
        customer_id,
        contact_name: before.contact.chars().take(32).collect(),
        contact_phone: String::new(),
        store_id: before.store_id,
        category: conversion.category,
        severity: conversion.severity,
        description: format!("{}(由意见建议 {} 转入)", before.content, before.number),
        customer_demand: conversion.customer_demand,
        lines: vec![],
        samples: String::new(),
        reply_by: None,
    };
    let complaint = complaint::register_in(&mut w, registration, today, zone).await?;
    sqlx::query("UPDATE feedback SET complaint_id = ?, customer_id = ? WHERE id = ?")
        .bind(complaint.id)
        .bind(customer_id)
        .bind(id)
        .execute(w.conn())
        .await?;
    set_state(w.conn(), &before, next, now).await?;
    w.finish(id, Action::ConvertToComplaint, Some(&before), titled(format!("转为投诉 {}", complaint.number))).await
}

/// The item a complaint was converted from (the complaint's side of the link).
pub async fn of_complaint(store: &Store, actor: &Actor, complaint_id: i64) -> Result<Option<FeedbackSummary>> {
    actor.require(Permission::ViewService)?;
    let mut qb = select("");
    qb.push(" WHERE f.complaint_id = ").push_bind(complaint_id);
    Ok(qb.build_query_as().fetch_optional(store.pool()).await?)
}

// ---------------------------------------------------------------- list

#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[ts(export_to = "bindings.ts")]
pub struct FeedbackSummary {
    pub id: i64,
    pub number: String,
    pub received_at: DateTime<Utc>,
    #[sqlx(try_from = "String")]
    pub channel: FeedbackChannel,
    #[sqlx(try_from = "String")]
    pub kind: FeedbackKind,
    #[sqlx(try_from = "String")]
    pub state: FeedbackState,
    pub content: String,
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    /// "品控中心、技术部": the departments routed to.
    pub departments: Option<String>,
    pub adopted: bool,
    pub complaint_id: Option<i64>,
    /// A routed department has not answered by its deadline.
    pub overdue: bool,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct FeedbackQuery {
    /// Number or content (substring).
    #[ts(optional)]
    pub text: Option<String>,
    #[ts(optional)]
    pub state: Option<FeedbackState>,
    #[ts(optional)]
    pub kind: Option<FeedbackKind>,
    #[ts(optional)]
    pub customer_id: Option<i64>,
    /// Routed to this department.
    #[ts(optional)]
    pub department_id: Option<i64>,
    #[ts(optional)]
    pub overdue: Option<bool>,
    #[ts(optional)]
    pub after: Option<Cursor>,
    #[ts(optional)]
    pub limit: Option<i64>,
}

pub type FeedbackPage = Page<FeedbackSummary>;

const ORDER: Order = Order::new(&["f.received_at"], "f.id", true);
const OVERDUE: &str =
    "EXISTS (SELECT 1 FROM feedback_route r WHERE r.feedback_id = f.id AND r.answered_at IS NULL AND r.due_date < ";

fn select(today: &str) -> QueryBuilder<Sqlite> {
    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT f.id, f.number, f.received_at, f.channel, f.kind, f.state, substr(f.content, 1, 60) AS content,
                f.customer_id, cu.name AS customer_name,
                (SELECT group_concat(d.name, '、') FROM feedback_route r JOIN department d ON d.id = r.department_id
                 WHERE r.feedback_id = f.id) AS departments,
                f.adopted, f.complaint_id, ",
    );
    qb.push(OVERDUE)
        .push_bind(today.to_owned())
        .push(") AS overdue FROM feedback f LEFT JOIN customer cu ON cu.id = f.customer_id");
    qb
}

pub async fn list(store: &Store, actor: &Actor, q: &FeedbackQuery, now: DateTime<Utc>) -> Result<FeedbackPage> {
    actor.require(Permission::ViewService)?;
    let limit = listing::limit(q.limit, 20, 200);
    let today = super::today(store, now).await?.to_string();
    let push_filters = |qb: &mut QueryBuilder<Sqlite>| {
        qb.push(" WHERE 1 = 1");
        if let Some(s) = q.state {
            qb.push(" AND f.state = ").push_bind(s.key());
        }
        if let Some(k) = q.kind {
            qb.push(" AND f.kind = ").push_bind(k.key());
        }
        if let Some(c) = q.customer_id {
            qb.push(" AND f.customer_id = ").push_bind(c);
        }
        if actor.role == Role::StoreClerk {
            qb.push(" AND f.store_id = ").push_bind(actor.store_id.unwrap_or(-1));
        }
        if let Some(d) = q.department_id {
            qb.push(" AND f.id IN (SELECT feedback_id FROM feedback_route WHERE department_id = ")
                .push_bind(d)
                .push(")");
        }
        if q.overdue == Some(true) {
            qb.push(" AND ").push(OVERDUE).push_bind(today.clone()).push(")");
        }
        if let Some(text) = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            let like = format!("%{}%", text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
            qb.push(" AND (f.number LIKE ")
                .push_bind(like.clone())
                .push(" ESCAPE '\\' OR f.content LIKE ")
                .push_bind(like)
                .push(" ESCAPE '\\')");
        }
    };
    let mut conn = store.pool().acquire().await?;
    let mut count = QueryBuilder::<Sqlite>::new("SELECT count(*) FROM (SELECT 1 FROM feedback f");
    push_filters(&mut count);
    count.push(" LIMIT ").push_bind(listing::COUNT_CAP + 1).push(")");
    let counted: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    let mut qb = select(&today);
    push_filters(&mut qb);
    ORDER.push_after(&mut qb, q.after.as_ref())?;
    ORDER.push_order_limit(&mut qb, limit);
    let rows: Vec<FeedbackSummary> = qb.build_query_as().fetch_all(&mut *conn).await?;
    Ok(ORDER.page(rows, limit, counted, |f| vec![Key::Text(db_time(f.received_at)), f.id.into()]))
}

/// The items routed to the actor's department that it has not answered, deadline first, with
/// the overdue ones flagged (the department's workbench).
pub async fn awaiting_answer(store: &Store, actor: &Actor, now: DateTime<Utc>) -> Result<Vec<FeedbackSummary>> {
    let Some(department) = actor.department_id.filter(|_| actor.role.can(Permission::AnswerFeedback)) else {
        return Ok(vec![]);
    };
    let today = super::today(store, now).await?.to_string();
    let mut qb = select(&today);
    qb.push(
        " JOIN feedback_route mine ON mine.feedback_id = f.id AND mine.answered_at IS NULL AND mine.department_id = ",
    )
    .push_bind(department)
    .push(" WHERE f.state = 'in_progress' ORDER BY mine.due_date, f.id LIMIT 50");
    Ok(qb.build_query_as().fetch_all(store.pool()).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use FeedbackCommand::*;
    use FeedbackState::*;

    fn ready(state: FeedbackState) -> Facts {
        Facts {
            state: Some(state),
            kind: Some(FeedbackKind::Suggestion),
            routes: 2,
            unanswered: 2,
            new_routes: 1,
            actor_may_answer: true,
            adopted: false,
            converted: false,
            has_customer: true,
            has_note: true,
        }
    }

    #[test]
    fn every_state_and_command() {
        // (state, command, outcome): Some(next) legal with every fact in place, None refused.
        let table = [
            (Unassigned, Route, Some(InProgress)),
            (Unassigned, Answer, None),
            (Unassigned, Close, Some(Closed)),
            (Unassigned, ConvertToComplaint, Some(Closed)),
            (Unassigned, Adopt, None),
            (InProgress, Route, Some(InProgress)),
            (InProgress, Answer, Some(InProgress)),
            (InProgress, Close, None),
            (InProgress, ConvertToComplaint, Some(Closed)),
            (InProgress, Adopt, None),
            (Answered, Route, Some(InProgress)),
            (Answered, Answer, None),
            (Answered, Close, Some(Closed)),
            (Answered, ConvertToComplaint, Some(Closed)),
            (Answered, Adopt, Some(Answered)),
            (Closed, Route, None),
            (Closed, Answer, None),
            (Closed, Close, None),
            (Closed, ConvertToComplaint, None),
            (Closed, Adopt, Some(Closed)),
        ];
        assert_eq!(table.len(), FeedbackState::ALL.len() * FeedbackCommand::ALL.len());
        for (state, command, want) in table {
            let got = decide(&ready(state), command);
            match want {
                Some(next) => assert_eq!(got, Ok(next), "{state:?} --{command:?}"),
                None => {
                    let err = got.unwrap_err();
                    assert!(err.message.contains(state.label()), "{state:?}/{command:?}: {}", err.message);
                }
            }
        }
    }

    #[test]
    fn the_last_answer_makes_it_answered() {
        let f = Facts { unanswered: 1, ..ready(InProgress) };
        assert_eq!(decide(&f, Answer), Ok(Answered));
        let f = Facts { actor_may_answer: false, ..ready(InProgress) };
        assert!(decide(&f, Answer).unwrap_err().message.contains("本部门未被分派"));
    }

    #[test]
    fn refusals_say_what_is_missing() {
        let f = Facts { new_routes: 0, ..ready(Unassigned) };
        assert!(decide(&f, Route).unwrap_err().message.contains("至少一个"));
        let f = Facts { has_note: false, ..ready(Unassigned) };
        assert!(decide(&f, Close).unwrap_err().message.contains("处理说明"));
        let f = Facts { has_customer: false, ..ready(InProgress) };
        assert!(decide(&f, ConvertToComplaint).unwrap_err().message.contains("须先选择客户"));
        let f = Facts { converted: true, ..ready(InProgress) };
        assert!(decide(&f, ConvertToComplaint).unwrap_err().message.contains("已经转为投诉"));
        let f = Facts { kind: Some(FeedbackKind::Praise), ..ready(Answered) };
        assert!(decide(&f, Adopt).unwrap_err().message.contains("只有“建议”"));
        let f = Facts { adopted: true, ..ready(Closed) };
        assert!(decide(&f, Adopt).unwrap_err().message.contains("已经采纳"));
    }
}
