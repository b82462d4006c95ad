//! 重点客户关怀 and 回访: a care plan per key customer (frequency, owner, goals) schedules its
//! visits one after another; a closed complaint schedules a follow-up visit (settings); a visit is
//! recorded (date, mode, participants, content, needs found, satisfaction, follow-up actions with
//! owner and due date) or cancelled with a reason. 待回访 → 已回访 | 已取消.

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use super::Refusal;
use crate::account::{Actor, Permission, Role};
use crate::audit::{Action, Entity};
use crate::clock::db_time;
use crate::complaint::Complaint;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::keyed::keyed_enum;
use crate::listing::{self, Cursor, Key, Order, Page};
use crate::settings::Settings;
use crate::validate;
use crate::write::{Record, Write, one_row};

keyed_enum!(CareFrequency {
    Monthly = "monthly" / "每月",
    Quarterly = "quarterly" / "每季度",
    HalfYearly = "half_yearly" / "每半年",
    Yearly = "yearly" / "每年",
});

impl CareFrequency {
    pub fn months(self) -> u32 {
        match self {
            CareFrequency::Monthly => 1,
            CareFrequency::Quarterly => 3,
            CareFrequency::HalfYearly => 6,
            CareFrequency::Yearly => 12,
        }
    }

    /// The visit after one due on `due`.
    pub fn next_after(self, due: NaiveDate) -> NaiveDate {
        due.checked_add_months(Months::new(self.months())).unwrap_or(due)
    }
}

keyed_enum!(
    /// 待回访 → 已回访 | 已取消.
    VisitState {
        Planned = "planned" / "待回访",
        Done = "done" / "已回访",
        Cancelled = "cancelled" / "已取消",
    }
);

keyed_enum!(VisitMode {
    Phone = "phone" / "电话",
    OnSite = "on_site" / "上门",
    Video = "video" / "视频",
    Other = "other" / "其他",
});

keyed_enum!(
    /// Why a visit was scheduled.
    VisitSource {
        Plan = "plan" / "关怀计划",
        Complaint = "complaint" / "投诉结案回访",
        Manual = "manual" / "临时安排",
    }
);

keyed_enum!(VisitCommand {
    Record = "record" / "记录回访",
    Cancel = "cancel" / "取消回访",
});

/// The next state of a visit, or why not.
pub fn decide(state: VisitState, command: VisitCommand, has_reason: bool) -> std::result::Result<VisitState, Refusal> {
    if state != VisitState::Planned {
        return Err(Refusal {
            message: format!(
                "不能{}:回访当前状态为“{}”,只有“待回访”时可以{}",
                command.label(),
                state.label(),
                command.label()
            ),
        });
    }
    match command {
        VisitCommand::Record => Ok(VisitState::Done),
        VisitCommand::Cancel if has_reason => Ok(VisitState::Cancelled),
        VisitCommand::Cancel => Err(Refusal { message: "不能取消回访:须填写取消原因".into() }),
    }
}

// ---------------------------------------------------------------- plans

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct CarePlanInput {
    pub customer_id: i64,
    pub owner_id: Option<i64>,
    pub frequency: CareFrequency,
    pub goals: String,
    /// The first visit is due on this local date.
    pub starts_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[ts(export_to = "bindings.ts")]
pub struct CarePlan {
    pub id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    pub customer_code: String,
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    #[sqlx(try_from = "String")]
    pub frequency: CareFrequency,
    pub goals: String,
    pub starts_on: NaiveDate,
    pub active: bool,
    /// The next visit still to make, if any.
    pub next_due: Option<NaiveDate>,
    pub visits_done: i64,
    pub visits_overdue: i64,
    pub version: i64,
}

impl Record for CarePlan {
    const ENTITY: Entity = Entity::CarePlan;
    async fn load(conn: &mut SqliteConnection, id: i64) -> Result<CarePlan> {
        let today = String::new();
        let mut qb = plan_select(&today);
        qb.push(" WHERE p.id = ").push_bind(id);
        qb.build_query_as().fetch_optional(conn).await?.ok_or(Error::NotFound("关怀计划"))
    }
    fn version(&self) -> i64 {
        self.version
    }
}

fn plan_select(today: &str) -> QueryBuilder<Sqlite> {
    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT p.id, p.customer_id, cu.name AS customer_name, cu.code AS customer_code, p.owner_id,
                u.display_name AS owner_name, p.frequency, p.goals, p.starts_on, p.active,
                (SELECT min(v.due_date) FROM visit v WHERE v.plan_id = p.id AND v.state = 'planned') AS next_due,
                (SELECT count(*) FROM visit v WHERE v.plan_id = p.id AND v.state = 'done') AS visits_done,
                (SELECT count(*) FROM visit v WHERE v.plan_id = p.id AND v.state = 'planned' AND v.due_date < ",
    );
    qb.push_bind(today.to_owned()).push(
        ") AS visits_overdue, p.version
         FROM care_plan p JOIN customer cu ON cu.id = p.customer_id LEFT JOIN app_user u ON u.id = p.owner_id",
    );
    qb
}

async fn check_owner(conn: &mut SqliteConnection, owner: Option<i64>) -> Result<()> {
    if let Some(o) = owner {
        let ok: Option<bool> =
            sqlx::query_scalar("SELECT active FROM app_user WHERE id = ?").bind(o).fetch_optional(conn).await?;
        if ok != Some(true) {
            return Err(Error::validation("owner_id", "负责人不存在或已停用"));
        }
    }
    Ok(())
}

/// 建立关怀计划 for a key customer (one active plan each); its first visit is scheduled on
/// `starts_on`.
pub async fn create_plan(store: &Store, actor: &Actor, input: CarePlanInput, now: DateTime<Utc>) -> Result<CarePlan> {
    actor.require(Permission::ManageVisits)?;
    let goals = validate::required("goals", "关怀目标", &input.goals, 1000)?;
    let mut w = Write::begin(store, actor, now).await?;
    super::active_customer(w.conn(), input.customer_id).await?;
    let grade: String = sqlx::query_scalar("SELECT grade FROM customer WHERE id = ?")
        .bind(input.customer_id)
        .fetch_one(w.conn())
        .await?;
    if grade != "key" {
        return Err(Error::validation("customer_id", "只有重点客户可以建立关怀计划"));
    }
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM care_plan WHERE customer_id = ? AND active = 1")
        .bind(input.customer_id)
        .fetch_optional(w.conn())
        .await?;
    if existing.is_some() {
        return Err(Error::validation("customer_id", "该客户已有在用的关怀计划"));
    }
    check_owner(w.conn(), input.owner_id).await?;
    let at = db_time(now);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO care_plan (customer_id, owner_id, frequency, goals, starts_on, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(input.customer_id)
    .bind(input.owner_id)
    .bind(input.frequency.key())
    .bind(&goals)
    .bind(input.starts_on)
    .bind(&at)
    .bind(&at)
    .fetch_one(w.conn())
    .await?;
    insert_visit(&mut w, input.customer_id, VisitSource::Plan, Some(id), None, input.starts_on, input.owner_id).await?;
    w.finish(id, Action::Create, None, |p: &CarePlan| {
        format!("{} 建立关怀计划({})", p.customer_name, p.frequency.label())
    })
    .await
}

/// Changes the owner, frequency and goals (the visits already scheduled keep their dates), or
/// ends the plan (`active` false; its open visits are cancelled).
pub async fn update_plan(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    input: CarePlanInput,
    active: bool,
    now: DateTime<Utc>,
) -> Result<CarePlan> {
    actor.require(Permission::ManageVisits)?;
    let goals = validate::required("goals", "关怀目标", &input.goals, 1000)?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: CarePlan = w.load_at(id, version).await?;
    check_owner(w.conn(), input.owner_id).await?;
    let changed = sqlx::query(
        "UPDATE care_plan SET owner_id = ?, frequency = ?, goals = ?, active = ?, updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?",
    )
    .bind(input.owner_id)
    .bind(input.frequency.key())
    .bind(&goals)
    .bind(active)
    .bind(db_time(now))
    .bind(id)
    .bind(version)
    .execute(w.conn())
    .await?
    .rows_affected();
    one_row::<CarePlan>(changed)?;
    if !active && before.active {
        sqlx::query(
            "UPDATE visit SET state = 'cancelled', cancel_reason = '关怀计划已停止', version = version + 1, updated_at = ?
             WHERE plan_id = ? AND state = 'planned'",
        )
        .bind(db_time(now))
        .bind(id)
        .execute(w.conn())
        .await?;
    }
    let what = if active { "修改关怀计划" } else { "停止关怀计划" };
    w.finish(id, Action::Update, Some(&before), |p: &CarePlan| format!("{} {what}", p.customer_name)).await
}

pub async fn plans(
    store: &Store,
    actor: &Actor,
    customer_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Vec<CarePlan>> {
    actor.require(Permission::ViewService)?;
    let today = super::today(store, now).await?.to_string();
    let mut qb = plan_select(&today);
    qb.push(" WHERE 1 = 1");
    if let Some(c) = customer_id {
        qb.push(" AND p.customer_id = ").push_bind(c);
    }
    qb.push(" ORDER BY p.active DESC, cu.code, p.id LIMIT 1000");
    Ok(qb.build_query_as().fetch_all(store.pool()).await?)
}

// ---------------------------------------------------------------- visits

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, sqlx::FromRow)]
#[ts(export_to = "bindings.ts")]
pub struct VisitActionItem {
    pub description: String,
    /// Who follows it up (a person or a department).
    pub owner: String,
    pub due_date: NaiveDate,
    #[ts(optional)]
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
}

/// 回访记录.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct VisitRecord {
    pub visited_on: NaiveDate,
    pub mode: VisitMode,
    pub participants: String,
    pub content: String,
    /// Needs found (客户需求).
    pub needs: String,
    /// 1 (很不满意) … 5 (很满意).
    pub satisfaction: Option<i64>,
    pub actions: Vec<VisitActionItem>,
}

impl VisitRecord {
    fn checked(self, today: NaiveDate) -> Result<VisitRecord> {
        if self.visited_on > today {
            return Err(Error::validation("visited_on", "回访日期不能晚于今天"));
        }
        if let Some(s) = self.satisfaction
            && !(1..=5).contains(&s)
        {
            return Err(Error::validation("satisfaction", "满意度须在1到5之间"));
        }
        if self.actions.len() > 20 {
            return Err(Error::validation("actions", "后续措施最多20条"));
        }
        let mut actions = Vec::new();
        for a in self.actions {
            actions.push(VisitActionItem {
                description: validate::required("actions", "后续措施内容", &a.description, 500)?,
                owner: validate::required("actions", "后续措施负责人", &a.owner, 32)?,
                ..a
            });
        }
        Ok(VisitRecord {
            participants: validate::required("participants", "参加人员", &self.participants, 200)?,
            content: validate::required("content", "回访内容", &self.content, 2000)?,
            needs: validate::optional("needs", "客户需求", &self.needs, 2000)?,
            actions,
            ..self
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[ts(export_to = "bindings.ts")]
pub struct Visit {
    pub id: i64,
    pub number: String,
    pub customer_id: i64,
    pub customer_name: String,
    pub customer_code: String,
    pub plan_id: Option<i64>,
    pub complaint_id: Option<i64>,
    pub complaint_number: Option<String>,
    #[sqlx(try_from = "String")]
    pub source: VisitSource,
    pub due_date: NaiveDate,
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    #[sqlx(try_from = "String")]
    pub state: VisitState,
    pub visited_on: Option<NaiveDate>,
    #[sqlx(skip)]
    pub mode: Option<VisitMode>,
    #[serde(skip)]
    #[ts(skip)]
    mode_key: Option<String>,
    pub participants: String,
    pub content: String,
    pub needs: String,
    pub satisfaction: Option<i64>,
    pub cancel_reason: String,
    #[sqlx(skip)]
    pub actions: Vec<VisitActionItem>,
    pub version: i64,
}

const VISIT_COLUMNS: &str = "SELECT v.id, v.number, v.customer_id, cu.name AS customer_name, cu.code AS customer_code,
        v.plan_id, v.complaint_id, c.number AS complaint_number, v.source, v.due_date, v.owner_id,
        u.display_name AS owner_name, v.state, v.visited_on, v.mode AS mode_key, v.participants, v.content, v.needs,
        v.satisfaction, v.cancel_reason, v.version
 FROM visit v JOIN customer cu ON cu.id = v.customer_id LEFT JOIN complaint c ON c.id = v.complaint_id
      LEFT JOIN app_user u ON u.id = v.owner_id";

impl Record for Visit {
    const ENTITY: Entity = Entity::Visit;
    async fn load(conn: &mut SqliteConnection, id: i64) -> Result<Visit> {
        let mut qb = QueryBuilder::<Sqlite>::new(VISIT_COLUMNS);
        qb.push(" WHERE v.id = ").push_bind(id);
        let mut v: Visit = qb.build_query_as().fetch_optional(&mut *conn).await?.ok_or(Error::NotFound("回访"))?;
        v.mode = v.mode_key.as_deref().map(VisitMode::stored).transpose()?;
        v.actions = sqlx::query_as(
            "SELECT description, owner, due_date, done_on FROM visit_action WHERE visit_id = ? ORDER BY id",
        )
        .bind(id)
        .fetch_all(conn)
        .await?;
        Ok(v)
    }
    fn version(&self) -> i64 {
        self.version
    }
}

fn visit_title(summary: impl Into<String>) -> impl FnOnce(&Visit) -> String {
    let summary = summary.into();
    move |v| format!("{} {} {summary}", v.number, v.customer_name)
}

/// Schedules a visit inside the caller's write; its id.
pub(crate) async fn insert_visit(
    w: &mut Write<'_>,
    customer_id: i64,
    source: VisitSource,
    plan_id: Option<i64>,
    complaint_id: Option<i64>,
    due: NaiveDate,
    owner_id: Option<i64>,
) -> Result<i64> {
    let now = w.now();
    insert_visit_on(w.conn(), now, customer_id, source, plan_id, complaint_id, due, owner_id).await
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_visit_on(
    conn: &mut SqliteConnection,
    now: DateTime<Utc>,
    customer_id: i64,
    source: VisitSource,
    plan_id: Option<i64>,
    complaint_id: Option<i64>,
    due: NaiveDate,
    owner_id: Option<i64>,
) -> Result<i64> {
    let number = super::next_number(conn, "visit", "HF", due.year()).await?;
    let at = db_time(now);
    Ok(sqlx::query_scalar(
        "INSERT INTO visit (number, customer_id, plan_id, complaint_id, source, due_date, owner_id, state, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'planned', ?, ?) RETURNING id",
    )
    .bind(&number)
    .bind(customer_id)
    .bind(plan_id)
    .bind(complaint_id)
    .bind(source.key())
    .bind(due)
    .bind(owner_id)
    .bind(&at)
    .bind(&at)
    .fetch_one(conn)
    .await?)
}

/// The hook the complaint's close runs (one call in `complaint::transition`): a follow-up visit
/// to the customer, due `follow_up_visit_days` after the local closing day, owned by whoever
/// closed it — unless the settings switch it off or one is already scheduled.
pub(crate) async fn after_complaint_closed(
    w: &mut Write<'_>,
    settings: &Settings,
    complaint: &Complaint,
) -> Result<()> {
    if !settings.follow_up_visit_after_close {
        return Ok(());
    }
    let open: i64 = sqlx::query_scalar("SELECT count(*) FROM visit WHERE complaint_id = ? AND state = 'planned'")
        .bind(complaint.id)
        .fetch_one(w.conn())
        .await?;
    if open > 0 {
        return Ok(());
    }
    let closed_on = settings.today(w.now());
    let due = closed_on + chrono::Duration::days(settings.follow_up_visit_days);
    let owner = w.actor().user_id;
    let customer = complaint.registration.customer_id;
    let id = insert_visit(w, customer, VisitSource::Complaint, None, Some(complaint.id), due, owner).await?;
    let visit = Visit::load(w.conn(), id).await?;
    w.audit(
        id,
        Action::Schedule,
        format!("{} 投诉 {} 结案后回访,{} 前", visit.number, complaint.number, due),
        None,
        &visit,
    )
    .await
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct VisitSchedule {
    pub customer_id: i64,
    pub due_date: NaiveDate,
    pub owner_id: Option<i64>,
    /// A visit about this complaint.
    pub complaint_id: Option<i64>,
}

/// 安排回访 by hand.
pub async fn schedule(store: &Store, actor: &Actor, input: VisitSchedule, now: DateTime<Utc>) -> Result<Visit> {
    actor.require(Permission::ManageVisits)?;
    let mut w = Write::begin(store, actor, now).await?;
    super::active_customer(w.conn(), input.customer_id).await?;
    check_owner(w.conn(), input.owner_id).await?;
    let source = if input.complaint_id.is_some() { VisitSource::Complaint } else { VisitSource::Manual };
    let id = insert_visit(&mut w, input.customer_id, source, None, input.complaint_id, input.due_date, input.owner_id)
        .await?;
    w.finish(id, Action::Schedule, None, visit_title(format!("安排回访,{} 前", input.due_date))).await
}

/// 记录回访: the visit becomes 已回访; a plan's visit schedules the plan's next one.
pub async fn record(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    input: VisitRecord,
    now: DateTime<Utc>,
) -> Result<Visit> {
    actor.require(Permission::ManageVisits)?;
    let input = input.checked(super::today(store, now).await?)?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: Visit = w.load_at(id, version).await?;
    let next = decide(before.state, VisitCommand::Record, false)?;
    let changed = sqlx::query(
        "UPDATE visit SET state = ?, visited_on = ?, mode = ?, participants = ?, content = ?, needs = ?, satisfaction = ?,
                updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?",
    )
    .bind(next.key())
    .bind(input.visited_on)
    .bind(input.mode.key())
    .bind(&input.participants)
    .bind(&input.content)
    .bind(&input.needs)
    .bind(input.satisfaction)
    .bind(db_time(now))
    .bind(id)
    .bind(version)
    .execute(w.conn())
    .await?
    .rows_affected();
    one_row::<Visit>(changed)?;
    for a in &input.actions {
        sqlx::query(
            "INSERT INTO visit_action (visit_id, description, owner, due_date, done_on) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(&a.description)
        .bind(&a.owner)
        .bind(a.due_date)
        .bind(a.done_on)
        .execute(w.conn())
        .await?;
    }
    if let Some(plan) = before.plan_id {
        let row: Option<(String, bool, Option<i64>)> =
            sqlx::query_as("SELECT frequency, active, owner_id FROM care_plan WHERE id = ?")
                .bind(plan)
                .fetch_optional(w.conn())
                .await?;
        if let Some((frequency, true, owner)) = row {
            let due = CareFrequency::stored(&frequency)?.next_after(before.due_date);
            let next_id =
                insert_visit(&mut w, before.customer_id, VisitSource::Plan, Some(plan), None, due, owner).await?;
            let scheduled = Visit::load(w.conn(), next_id).await?;
            let summary = format!("{} {} 按关怀计划安排下次回访,{due} 前", scheduled.number, scheduled.customer_name);
            w.audit(next_id, Action::Schedule, summary, None, &scheduled).await?;
        }
    }
    w.finish(id, Action::RecordVisit, Some(&before), visit_title("记录回访")).await
}

/// 取消回访, with a reason.
pub async fn cancel(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Visit> {
    actor.require(Permission::ManageVisits)?;
    let reason = validate::optional("reason", "取消原因", reason, 500)?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: Visit = w.load_at(id, version).await?;
    let next = decide(before.state, VisitCommand::Cancel, !reason.is_empty())?;
    let changed = sqlx::query(
        "UPDATE visit SET state = ?, cancel_reason = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
    )
    .bind(next.key())
    .bind(&reason)
    .bind(db_time(now))
    .bind(id)
    .bind(version)
    .execute(w.conn())
    .await?
    .rows_affected();
    one_row::<Visit>(changed)?;
    w.finish(id, Action::Cancel, Some(&before), visit_title(format!("取消回访(原因:{reason})"))).await
}

pub async fn get(store: &Store, actor: &Actor, id: i64) -> Result<Visit> {
    actor.require(Permission::ViewService)?;
    Visit::load(&mut *store.pool().acquire().await?, id).await
}

pub async fn find_by_number(store: &Store, actor: &Actor, number: &str) -> Result<Visit> {
    actor.require(Permission::ViewService)?;
    let id: Option<i64> =
        sqlx::query_scalar("SELECT id FROM visit WHERE number = ?").bind(number).fetch_optional(store.pool()).await?;
    get(store, actor, id.ok_or(Error::NotFound("回访"))?).await
}

#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[ts(export_to = "bindings.ts")]
pub struct VisitSummary {
    pub id: i64,
    pub number: String,
    pub customer_id: i64,
    pub customer_name: String,
    #[sqlx(try_from = "String")]
    pub source: VisitSource,
    pub complaint_number: Option<String>,
    pub due_date: NaiveDate,
    pub owner_name: Option<String>,
    #[sqlx(try_from = "String")]
    pub state: VisitState,
    pub visited_on: Option<NaiveDate>,
    pub satisfaction: Option<i64>,
    /// 待回访 past its due date.
    pub overdue: bool,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct VisitQuery {
    #[ts(optional)]
    pub state: Option<VisitState>,
    #[ts(optional)]
    pub source: Option<VisitSource>,
    #[ts(optional)]
    pub customer_id: Option<i64>,
    #[ts(optional)]
    pub owner_id: Option<i64>,
    #[ts(optional)]
    pub overdue: Option<bool>,
    #[ts(optional)]
    pub after: Option<Cursor>,
    #[ts(optional)]
    pub limit: Option<i64>,
}

pub type VisitPage = Page<VisitSummary>;

const ORDER: Order = Order::new(&["v.due_date"], "v.id", true);

fn summary_select(today: &str) -> QueryBuilder<Sqlite> {
    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT v.id, v.number, v.customer_id, cu.name AS customer_name, v.source, c.number AS complaint_number,
                v.due_date, u.display_name AS owner_name, v.state, v.visited_on, v.satisfaction,
                (v.state = 'planned' AND v.due_date < ",
    );
    qb.push_bind(today.to_owned()).push(
        ") AS overdue
         FROM visit v CROSS JOIN customer cu ON cu.id = v.customer_id LEFT JOIN complaint c ON c.id = v.complaint_id
              LEFT JOIN app_user u ON u.id = v.owner_id",
    );
    qb
}

pub async fn list(store: &Store, actor: &Actor, q: &VisitQuery, now: DateTime<Utc>) -> Result<VisitPage> {
    actor.require(Permission::ViewService)?;
    let limit = listing::limit(q.limit, 20, 200);
    let today = super::today(store, now).await?.to_string();
    let push_filters = |qb: &mut QueryBuilder<Sqlite>| {
        qb.push(" WHERE 1 = 1");
        if q.overdue == Some(true) {
            qb.push(" AND v.state = 'planned' AND v.due_date < ").push_bind(today.clone());
        } else if let Some(s) = q.state {
            qb.push(" AND v.state = ").push_bind(s.key());
        }
        if let Some(s) = q.source {
            qb.push(" AND v.source = ").push_bind(s.key());
        }
        if let Some(c) = q.customer_id {
            qb.push(" AND v.customer_id = ").push_bind(c);
        }
        if let Some(o) = q.owner_id {
            qb.push(" AND v.owner_id = ").push_bind(o);
        }
    };
    let mut conn = store.pool().acquire().await?;
    let mut count = QueryBuilder::<Sqlite>::new("SELECT count(*) FROM (SELECT 1 FROM visit v");
    push_filters(&mut count);
    count.push(" LIMIT ").push_bind(listing::COUNT_CAP + 1).push(")");
    let counted: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    let mut qb = summary_select(&today);
    push_filters(&mut qb);
    ORDER.push_after(&mut qb, q.after.as_ref())?;
    ORDER.push_order_limit(&mut qb, limit);
    let rows: Vec<VisitSummary> = qb.build_query_as().fetch_all(&mut *conn).await?;
    Ok(ORDER.page(rows, limit, counted, |v| vec![Key::Text(v.due_date.to_string()), v.id.into()]))
}

/// 待回访 visits due within `days` or overdue: the actor's own, or everyone's for the manager.
pub async fn due_soon(store: &Store, actor: &Actor, days: i64, now: DateTime<Utc>) -> Result<Vec<VisitSummary>> {
    if !actor.role.can(Permission::ManageVisits) {
        return Ok(vec![]);
    }
    let today = super::today(store, now).await?;
    let mut qb = summary_select(&today.to_string());
    qb.push(" WHERE v.state = 'planned' AND v.due_date <= ")
        .push_bind((today + chrono::Duration::days(days)).to_string());
    if !matches!(actor.role, Role::AfterSalesManager | Role::Admin) {
        qb.push(" AND (v.owner_id IS NULL OR v.owner_id = ").push_bind(actor.user_id.unwrap_or(-1)).push(")");
    }
    qb.push(" ORDER BY v.due_date, v.id LIMIT 50");
    Ok(qb.build_query_as().fetch_all(store.pool()).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_and_command() {
        use VisitCommand::*;
        use VisitState::*;
        let table = [
            (Planned, Record, Ok(Done)),
            (Planned, Cancel, Ok(Cancelled)),
            (Done, Record, Err(())),
            (Done, Cancel, Err(())),
            (Cancelled, Record, Err(())),
            (Cancelled, Cancel, Err(())),
        ];
        assert_eq!(table.len(), VisitState::ALL.len() * VisitCommand::ALL.len());
        for (state, command, want) in table {
            match (decide(state, command, true), want) {
                (Ok(got), Ok(next)) => assert_eq!(got, next),
                (Err(e), Err(())) => assert!(e.message.contains(state.label()), "{}", e.message),
                (got, want) => panic!("{state:?}/{command:?}: {got:?} vs {want:?}"),
            }
        }
        assert_eq!(decide(Planned, Cancel, false).unwrap_err().message, "不能取消回访:须填写取消原因");
    }

    #[test]
    fn plans_schedule_by_their_frequency() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(CareFrequency::Monthly.next_after(d(2026, 1, 31)), d(2026, 2, 28));
        assert_eq!(CareFrequency::Quarterly.next_after(d(2026, 11, 15)), d(2027, 2, 15));
        assert_eq!(CareFrequency::HalfYearly.next_after(d(2026, 3, 1)), d(2026, 9, 1));
        assert_eq!(CareFrequency::Yearly.next_after(d(2028, 2, 29)), d(2029, 2, 28));
    }

    #[test]
    fn a_visit_record_names_the_field_it_refuses() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let ok = VisitRecord {
            visited_on: today,
            mode: VisitMode::Phone,
            participants: "张三".into(),
            content: "了解使用情况".into(),
            needs: String::new(),
            satisfaction: Some(5),
            actions: vec![],
        };
        assert!(ok.clone().checked(today).is_ok());
        let err = VisitRecord { satisfaction: Some(6), ..ok.clone() }.checked(today).unwrap_err();
        assert_eq!(err.field(), Some("satisfaction"));
        let err = VisitRecord { visited_on: today.succ_opt().unwrap(), ..ok.clone() }.checked(today).unwrap_err();
        assert_eq!(err.field(), Some("visited_on"));
        let err = VisitRecord { content: " ".into(), ..ok }.checked(today).unwrap_err();
        assert_eq!(err.field(), Some("content"));
    }
}
