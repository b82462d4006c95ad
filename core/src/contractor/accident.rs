//! Accidents of outside personnel: number SG-YYYY-NNNN, the people and their injuries, the
//! reporting route of the people's category (§5 检查与考核, seed lines 197–201) and the 1-hour
//! clock from the moment it happened to the report to the authority (`accident_report_minutes`).
//!
//! `route` and `clock` are pure; the use-cases write what happened with the audit row.

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use super::checklist::EngagementCategory;
use crate::account::{Actor, Permission};
use crate::audit::{Action, Entity};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::keyed::keyed_enum;
use crate::listing::{self, Cursor, Key, Order, Page};
use crate::write::{Record, Write, one_row};
use crate::{sequence, validate};

keyed_enum!(
    AccidentState {
        /// Recorded; the report to the authority is not yet made.
        Open = "open" / "待上报",
        Reported = "reported" / "已上报",
        Closed = "closed" / "已结案",
    }
);

keyed_enum!(
    /// Where the 1-hour clock stands.
    ClockState {
        /// Not reported, still within the limit.
        Running = "running" / "计时中",
        /// Not reported and past the limit.
        Overdue = "overdue" / "已超时未上报",
        ReportedInTime = "reported_in_time" / "按时上报",
        ReportedLate = "reported_late" / "超时上报",
    }
);

/// The reporting clock at `now`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ReportClock {
    pub state: ClockState,
    /// occurred_at + the limit.
    pub deadline: DateTime<Utc>,
    /// The server's now the clock was read at: the UI ticks on from it (now + elapsed).
    pub now: DateTime<Utc>,
    pub limit_minutes: i64,
    /// Running: minutes left (rounded up, 0 at the deadline itself).
    pub remaining_minutes: i64,
    /// Reported: minutes from occurrence to report (rounded up).
    pub used_minutes: i64,
    /// Overdue or late: minutes past the deadline (rounded up).
    pub overdue_minutes: i64,
    /// "剩余 N 分钟", "已超时 N 分钟,尚未上报", "已于 HH:MM 上报(用时 N 分钟)", "超时 N 分钟上报".
    pub text: String,
}

/// Whole minutes, a started minute counting as one.
fn minutes_up(seconds: i64) -> i64 {
    (seconds.max(0) + 59) / 60
}

/// The clock: in time when reported no later than `limit_minutes` after the accident (exactly
/// 60 minutes is in time).
pub fn clock(
    occurred_at: DateTime<Utc>,
    reported_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    limit_minutes: i64,
    zone: Tz,
) -> ReportClock {
    let limit = limit_minutes * 60;
    let deadline = occurred_at + chrono::Duration::minutes(limit_minutes);
    let base = ReportClock {
        state: ClockState::Running,
        deadline,
        now,
        limit_minutes,
        remaining_minutes: 0,
        used_minutes: 0,
        overdue_minutes: 0,
        text: String::new(),
    };
    match reported_at {
        Some(at) => {
            let used = (at - occurred_at).num_seconds();
            let used_minutes = minutes_up(used);
            if used <= limit {
                let local = at.with_timezone(&zone).format("%H:%M");
                ReportClock {
                    state: ClockState::ReportedInTime,
                    used_minutes,
                    text: format!("已于 {local} 上报(用时 {used_minutes} 分钟)"),
                    ..base
                }
            } else {
                let overdue_minutes = minutes_up(used - limit);
                ReportClock {
                    state: ClockState::ReportedLate,
                    used_minutes,
                    overdue_minutes,
                    text: format!("超时 {overdue_minutes} 分钟上报"),
                    ..base
                }
            }
        }
        None => {
            let elapsed = (now - occurred_at).num_seconds();
            if elapsed <= limit {
                let remaining_minutes = minutes_up(limit - elapsed);
                ReportClock { remaining_minutes, text: format!("剩余 {remaining_minutes} 分钟"), ..base }
            } else {
                let overdue_minutes = minutes_up(elapsed - limit);
                ReportClock {
                    state: ClockState::Overdue,
                    overdue_minutes,
                    text: format!("已超时 {overdue_minutes} 分钟,尚未上报"),
                    ..base
                }
            }
        }
    }
}

/// One step of the reporting route: who does what.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct RouteStep {
    pub who: String,
    pub does: String,
}

fn step(who: &str, does: &str) -> RouteStep {
    RouteStep { who: who.into(), does: does.into() }
}

/// The reporting route of the category, in the rule's words.
pub fn route(category: EngagementCategory) -> Vec<RouteStep> {
    match category {
        // "所有计划外用工……按正式职工严格安全管理,发生工伤事故按《天津钢铁集团有限公司工伤事故管理制度》统计上报、调查处理、考核。"
        EngagementCategory::Temporary => vec![
            step("用人部门", "按正式职工对待,1小时内向安全管理部和有关部门报告事故"),
            step("用人部门", "按《天津钢铁集团有限公司工伤事故管理制度》统计上报"),
            step("用人部门、安全管理部", "按工伤事故管理制度调查处理"),
            step("安全管理部", "按工伤事故管理制度考核"),
        ],
        // "发生工伤事故,由责任部门负责组织、调查处理统计上报,所在安全主管部门协同调查,并及时将事故情况及处理结果报公司安全管理部。"
        EngagementCategory::Outsourced => vec![
            step("责任部门(发包部门)", "负责组织调查处理、统计上报"),
            step("所在区域安全主管部门", "协同调查"),
            step("责任部门(发包部门)", "及时将事故情况及处理结果报公司安全管理部"),
        ],
        // "发生工伤事故售后服务单位自行负责组织调查处理统计上报,发包部门应及时将事故情况报公司安全管理部。"
        EngagementCategory::AfterSales => vec![
            step("售后服务单位", "自行负责组织调查处理、统计上报"),
            step("发包部门(引入部门)", "及时将事故情况报公司安全管理部"),
        ],
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[ts(export_to = "bindings.ts")]
pub struct AccidentPerson {
    pub worker_id: Option<i64>,
    pub name: String,
    pub injury: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct AccidentPersonInput {
    /// A registered worker (the name is then taken from the record), or none for a name only.
    #[ts(optional)]
    pub worker_id: Option<i64>,
    pub name: String,
    pub injury: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct AccidentInput {
    /// To the minute.
    pub occurred_at: DateTime<Utc>,
    pub place: String,
    /// Of the person(s); taken from the engagement when one is named.
    pub category: EngagementCategory,
    #[ts(optional)]
    pub engagement_id: Option<i64>,
    #[ts(optional)]
    pub unit_id: Option<i64>,
    /// 事故经过.
    pub description: String,
    /// 伤害情况 (overall).
    pub injuries: String,
    /// The department that investigates; by default the engagement's.
    #[ts(optional)]
    pub responsible_department_id: Option<i64>,
    pub people: Vec<AccidentPersonInput>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Accident {
    pub id: i64,
    pub number: String,
    pub occurred_at: DateTime<Utc>,
    pub place: String,
    pub category: EngagementCategory,
    pub engagement_id: Option<i64>,
    pub engagement_number: Option<String>,
    pub engagement_title: Option<String>,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub description: String,
    pub injuries: String,
    pub responsible_department_id: Option<i64>,
    pub responsible_department_name: Option<String>,
    pub reported_to_authority_at: Option<DateTime<Utc>>,
    pub reported_by: String,
    pub safety_dept_informed_at: Option<DateTime<Utc>>,
    pub state: AccidentState,
    pub result: String,
    pub closed_at: Option<DateTime<Utc>>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
    pub people: Vec<AccidentPerson>,
    pub route: Vec<RouteStep>,
    /// As of the time it was read (for a record read without a clock: of its last change).
    pub clock: ReportClock,
}

#[derive(Debug, sqlx::FromRow)]
struct Row {
    id: i64,
    number: String,
    occurred_at: DateTime<Utc>,
    place: String,
    #[sqlx(try_from = "String")]
    category: EngagementCategory,
    engagement_id: Option<i64>,
    engagement_number: Option<String>,
    engagement_title: Option<String>,
    unit_id: Option<i64>,
    unit_name: Option<String>,
    description: String,
    injuries: String,
    responsible_department_id: Option<i64>,
    responsible_department_name: Option<String>,
    reported_to_authority_at: Option<DateTime<Utc>>,
    reported_by: String,
    safety_dept_informed_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "String")]
    state: AccidentState,
    result: String,
    closed_at: Option<DateTime<Utc>>,
    created_by: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: i64,
}

const COLUMNS: &str = "SELECT a.id, a.number, a.occurred_at, a.place, a.category, a.engagement_id,
        e.number AS engagement_number, e.title AS engagement_title, a.unit_id, u.name AS unit_name,
        a.description, a.injuries, a.responsible_department_id, d.name AS responsible_department_name,
        a.reported_to_authority_at, a.reported_by, a.safety_dept_informed_at, a.state, a.result, a.closed_at,
        a.created_by, a.created_at, a.updated_at, a.version
     FROM safety_accident a
     LEFT JOIN contractor_engagement e ON e.id = a.engagement_id
     LEFT JOIN contractor_unit u ON u.id = a.unit_id
     LEFT JOIN department d ON d.id = a.responsible_department_id";

/// The limit and the zone the clock is read with.
#[derive(Debug, Clone, Copy)]
pub struct ClockRules {
    pub limit_minutes: i64,
    pub zone: Tz,
}

impl ClockRules {
    pub async fn load(store: &Store) -> Result<ClockRules> {
        let settings = crate::settings::load(store).await?;
        Ok(ClockRules { limit_minutes: settings.safety_rules().accident_report_minutes, zone: settings.zone() })
    }
}

impl Default for ClockRules {
    fn default() -> Self {
        ClockRules { limit_minutes: 60, zone: chrono_tz::Asia::Shanghai }
    }
}

fn assemble(r: Row, people: Vec<AccidentPerson>, rules: ClockRules, now: DateTime<Utc>) -> Accident {
    Accident {
        clock: clock(r.occurred_at, r.reported_to_authority_at, now, rules.limit_minutes, rules.zone),
        route: route(r.category),
        people,
        id: r.id,
        number: r.number,
        occurred_at: r.occurred_at,
        place: r.place,
        category: r.category,
        engagement_id: r.engagement_id,
        engagement_number: r.engagement_number,
        engagement_title: r.engagement_title,
        unit_id: r.unit_id,
        unit_name: r.unit_name,
        description: r.description,
        injuries: r.injuries,
        responsible_department_id: r.responsible_department_id,
        responsible_department_name: r.responsible_department_name,
        reported_to_authority_at: r.reported_to_authority_at,
        reported_by: r.reported_by,
        safety_dept_informed_at: r.safety_dept_informed_at,
        state: r.state,
        result: r.result,
        closed_at: r.closed_at,
        created_by: r.created_by,
        created_at: r.created_at,
        updated_at: r.updated_at,
        version: r.version,
    }
}

pub(crate) async fn load_at(
    conn: &mut SqliteConnection,
    id: i64,
    rules: ClockRules,
    now: Option<DateTime<Utc>>,
) -> Result<Accident> {
    let mut qb = QueryBuilder::<Sqlite>::new(COLUMNS);
    qb.push(" WHERE a.id = ").push_bind(id);
    let row: Row = qb.build_query_as().fetch_optional(&mut *conn).await?.ok_or(Error::NotFound("事故"))?;
    let people: Vec<AccidentPerson> = sqlx::query_as(
        "SELECT worker_id, name, injury FROM safety_accident_person WHERE accident_id = ? ORDER BY rowid",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let now = now.unwrap_or(row.updated_at);
    Ok(assemble(row, people, rules, now))
}

impl Record for Accident {
    const ENTITY: Entity = Entity::SafetyAccident;
    async fn load(conn: &mut SqliteConnection, id: i64) -> Result<Accident> {
        load_at(conn, id, ClockRules::default(), None).await
    }
    fn version(&self) -> i64 {
        self.version
    }
}

/// An instant the user entered: not before the accident, not in the future.
fn entered(
    field: &'static str,
    label: &str,
    at: DateTime<Utc>,
    occurred_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<()> {
    if at < occurred_at {
        return Err(Error::validation(field, format!("{label}不能早于事故发生时间")));
    }
    if at > now {
        return Err(Error::validation(field, format!("{label}不能晚于现在")));
    }
    Ok(())
}

/// Records an accident (安全管理部、用工部门、管理员).
pub async fn register(store: &Store, actor: &Actor, input: AccidentInput, now: DateTime<Utc>) -> Result<Accident> {
    actor.require(Permission::RecordAccidents)?;
    let rules = ClockRules::load(store).await?;
    if input.occurred_at > now {
        return Err(Error::validation("occurred_at", "事故发生时间不能晚于现在"));
    }
    let place = validate::required("place", "事故地点", &input.place, 100)?;
    let description = validate::required("description", "事故经过", &input.description, 2000)?;
    let injuries = validate::optional("injuries", "伤害情况", &input.injuries, 1000)?;
    if input.people.is_empty() {
        return Err(Error::validation("people", "请填写事故涉及的人员"));
    }
    // To the minute: seconds typed by nobody would only shift the clock.
    let seconds = input.occurred_at.timestamp();
    let occurred_at = DateTime::from_timestamp(seconds - seconds.rem_euclid(60), 0).unwrap_or(input.occurred_at);
    let mut w = Write::begin(store, actor, now).await?;
    let mut category = input.category;
    let mut unit_id = input.unit_id;
    let mut department_id = input.responsible_department_id;
    if let Some(engagement_id) = input.engagement_id {
        let e = sqlx::query!(
            "SELECT number, category, unit_id, department_id FROM contractor_engagement WHERE id = ?",
            engagement_id
        )
        .fetch_optional(w.conn())
        .await?
        .ok_or(Error::NotFound("用工(发包)项目"))?;
        if let (Some(u), Some(eu)) = (unit_id, e.unit_id)
            && u != eu
        {
            return Err(Error::validation("engagement_id", format!("项目 {} 不属于该单位", e.number)));
        }
        unit_id = unit_id.or(e.unit_id);
        category = EngagementCategory::stored(&e.category)?;
        department_id = department_id.or(Some(e.department_id));
    }
    let mut people = Vec::with_capacity(input.people.len());
    for p in &input.people {
        let name = match p.worker_id {
            Some(worker_id) => sqlx::query_scalar!("SELECT name FROM contractor_worker WHERE id = ?", worker_id)
                .fetch_optional(w.conn())
                .await?
                .ok_or(Error::NotFound("人员"))?,
            None => validate::required("people", "人员姓名", &p.name, 32)?,
        };
        people.push((p.worker_id, name, validate::optional("people", "伤害情况", &p.injury, 200)?));
    }
    let local = occurred_at.with_timezone(&rules.zone);
    let year = i64::from(local.year());
    let n = sequence::next(w.conn(), "accident", year).await?;
    let number = format!("SG-{year}-{n:04}");
    let at = db_time(now);
    let occurred = db_time(occurred_at);
    let category_key = category.key();
    let id = sqlx::query_scalar!(
        r#"INSERT INTO safety_accident (number, occurred_at, place, category, engagement_id, unit_id, description,
               injuries, responsible_department_id, created_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id AS "id!""#,
        number,
        occurred,
        place,
        category_key,
        input.engagement_id,
        unit_id,
        description,
        injuries,
        department_id,
        actor.display_name,
        at,
        at
    )
    .fetch_one(w.conn())
    .await?;
    for (worker_id, name, injury) in &people {
        sqlx::query!(
            "INSERT INTO safety_accident_person (accident_id, worker_id, name, injury) VALUES (?, ?, ?, ?)",
            id,
            worker_id,
            name,
            injury
        )
        .execute(w.conn())
        .await?;
    }
    w.finish(id, Action::Register, None, |a: &Accident| {
        let names: Vec<&str> = a.people.iter().map(|p| p.name.as_str()).collect();
        format!("{} 登记{}事故:{} {}", a.number, a.category.label(), a.place, names.join("、"))
    })
    .await?;
    let mut conn = store.pool().acquire().await?;
    load_at(&mut conn, id, rules, Some(now)).await
}

async fn change(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    now: DateTime<Utc>,
    act: impl AsyncFnOnce(&mut Write<'_>, &Accident) -> Result<(Action, String)>,
) -> Result<Accident> {
    actor.require(Permission::RecordAccidents)?;
    let rules = ClockRules::load(store).await?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: Accident = w.load_at(id, version).await?;
    if before.state == AccidentState::Closed {
        return Err(Error::validation("state", format!("事故 {} 已结案,不能再修改", before.number)));
    }
    let (action, what) = act(&mut w, &before).await?;
    let at = db_time(now);
    let changed = sqlx::query!(
        "UPDATE safety_accident SET updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
        at,
        id,
        version
    )
    .execute(w.conn())
    .await?
    .rows_affected();
    one_row::<Accident>(changed)?;
    w.finish(id, action, Some(&before), |a| format!("{} {what}", a.number)).await?;
    let mut conn = store.pool().acquire().await?;
    load_at(&mut conn, id, rules, Some(now)).await
}

/// Records the report to the authority: when, by whom.
pub async fn report(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    reported_at: DateTime<Utc>,
    reported_by: &str,
    now: DateTime<Utc>,
) -> Result<Accident> {
    let reported_by = validate::required("reported_by", "上报人", reported_by, 32)?;
    let rules = ClockRules::load(store).await?;
    change(store, actor, id, version, now, async |w, before| {
        if before.state != AccidentState::Open {
            return Err(Error::validation("state", format!("事故 {} 已上报", before.number)));
        }
        entered("reported_at", "上报时间", reported_at, before.occurred_at, now)?;
        let at = db_time(reported_at);
        sqlx::query!(
            "UPDATE safety_accident SET reported_to_authority_at = ?, reported_by = ?, state = 'reported' WHERE id = ?",
            at,
            reported_by,
            id
        )
        .execute(w.conn())
        .await?;
        let c = clock(before.occurred_at, Some(reported_at), now, rules.limit_minutes, rules.zone);
        Ok((Action::AccidentReport, format!("{reported_by} 上报,{}", c.text)))
    })
    .await
}

/// Records when the company safety department was informed.
pub async fn inform_safety(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    informed_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Accident> {
    change(store, actor, id, version, now, async |w, before| {
        entered("informed_at", "报安全管理部时间", informed_at, before.occurred_at, now)?;
        let at = db_time(informed_at);
        sqlx::query!("UPDATE safety_accident SET safety_dept_informed_at = ? WHERE id = ?", at, id)
            .execute(w.conn())
            .await?;
        Ok((Action::AccidentInform, "已报公司安全管理部".into()))
    })
    .await
}

/// Closes with the result of the investigation (处理结果); the report must have been made.
pub async fn close(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    result: &str,
    now: DateTime<Utc>,
) -> Result<Accident> {
    let result = validate::required("result", "调查处理结果", result, 2000)?;
    change(store, actor, id, version, now, async |w, before| {
        if before.state == AccidentState::Open {
            return Err(Error::validation("state", "事故尚未上报,不能结案"));
        }
        if before.safety_dept_informed_at.is_none() {
            return Err(Error::validation("state", "尚未将事故情况报公司安全管理部,不能结案"));
        }
        let at = db_time(now);
        sqlx::query!(
            "UPDATE safety_accident SET result = ?, state = 'closed', closed_at = ? WHERE id = ?",
            result,
            at,
            id
        )
        .execute(w.conn())
        .await?;
        Ok((Action::Close, "结案".into()))
    })
    .await
}

pub async fn get(store: &Store, actor: &Actor, id: i64, now: DateTime<Utc>) -> Result<Accident> {
    actor.require(Permission::ViewContractors)?;
    let rules = ClockRules::load(store).await?;
    let mut conn = store.pool().acquire().await?;
    load_at(&mut conn, id, rules, Some(now)).await
}

/// One line of the accident list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct AccidentSummary {
    pub id: i64,
    pub number: String,
    pub occurred_at: DateTime<Utc>,
    pub place: String,
    pub category: EngagementCategory,
    pub engagement_number: Option<String>,
    pub unit_name: Option<String>,
    pub people: String,
    pub state: AccidentState,
    pub clock: ReportClock,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct AccidentQuery {
    #[ts(optional)]
    pub state: Option<AccidentState>,
    /// Only those not closed.
    #[ts(optional)]
    pub open: Option<bool>,
    #[ts(optional)]
    pub after: Option<Cursor>,
    #[ts(optional)]
    pub limit: Option<i64>,
}

pub type AccidentPage = Page<AccidentSummary>;

const BY_OCCURRED: Order = Order::new(&["a.occurred_at"], "a.id", true);

fn push_filters(qb: &mut QueryBuilder<Sqlite>, query: &AccidentQuery) {
    qb.push(" WHERE 1 = 1");
    if let Some(s) = query.state {
        qb.push(" AND a.state = ").push_bind(s.key());
    }
    if query.open == Some(true) {
        qb.push(" AND a.state <> 'closed'");
    }
}

pub(crate) async fn summaries(
    conn: &mut SqliteConnection,
    query: &AccidentQuery,
    limit: i64,
    rules: ClockRules,
    now: DateTime<Utc>,
) -> Result<Vec<AccidentSummary>> {
    let mut qb = QueryBuilder::<Sqlite>::new(COLUMNS);
    push_filters(&mut qb, query);
    BY_OCCURRED.push_after(&mut qb, query.after.as_ref())?;
    BY_OCCURRED.push_order_limit(&mut qb, limit);
    let rows: Vec<Row> = qb.build_query_as().fetch_all(&mut *conn).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let people: Vec<String> =
            sqlx::query_scalar("SELECT name FROM safety_accident_person WHERE accident_id = ? ORDER BY rowid")
                .bind(r.id)
                .fetch_all(&mut *conn)
                .await?;
        out.push(AccidentSummary {
            clock: clock(r.occurred_at, r.reported_to_authority_at, now, rules.limit_minutes, rules.zone),
            id: r.id,
            number: r.number,
            occurred_at: r.occurred_at,
            place: r.place,
            category: r.category,
            engagement_number: r.engagement_number,
            unit_name: r.unit_name,
            people: people.join("、"),
            state: r.state,
        });
    }
    Ok(out)
}

pub async fn list(store: &Store, actor: &Actor, query: &AccidentQuery, now: DateTime<Utc>) -> Result<AccidentPage> {
    actor.require(Permission::ViewContractors)?;
    let rules = ClockRules::load(store).await?;
    let limit = listing::limit(query.limit, 20, 200);
    let mut conn = store.pool().acquire().await?;
    let mut count = QueryBuilder::<Sqlite>::new("SELECT count(*) FROM safety_accident a");
    push_filters(&mut count, query);
    let counted: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    let rows = summaries(&mut conn, query, limit, rules, now).await?;
    Ok(BY_OCCURRED.page(rows, limit, counted, |a| vec![Key::from(db_time(a.occurred_at)), a.id.into()]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use chrono_tz::Asia::Shanghai;

    fn occurred() -> DateTime<Utc> {
        // 2026-11-27 10:00 in Shanghai.
        Utc.with_ymd_and_hms(2026, 11, 27, 2, 0, 0).unwrap()
    }

    #[test]
    fn the_clock_at_its_boundaries() {
        let t0 = occurred();
        let at = |m: i64, s: i64| t0 + Duration::minutes(m) + Duration::seconds(s);
        let running = clock(t0, None, at(0, 0), 60, Shanghai);
        assert_eq!(
            (running.state, running.remaining_minutes, running.text.as_str()),
            (ClockState::Running, 60, "剩余 60 分钟")
        );
        assert_eq!(running.deadline, at(60, 0));
        assert_eq!(clock(t0, None, at(30, 0), 60, Shanghai).text, "剩余 30 分钟");
        assert_eq!(clock(t0, None, at(59, 30), 60, Shanghai).remaining_minutes, 1, "a started minute counts");
        let edge = clock(t0, None, at(60, 0), 60, Shanghai);
        assert_eq!(
            (edge.state, edge.remaining_minutes),
            (ClockState::Running, 0),
            "60 minutes exactly is still in time"
        );
        let over = clock(t0, None, at(60, 1), 60, Shanghai);
        assert_eq!((over.state, over.overdue_minutes), (ClockState::Overdue, 1));
        assert_eq!(over.text, "已超时 1 分钟,尚未上报");
        assert_eq!(clock(t0, None, at(95, 0), 60, Shanghai).text, "已超时 35 分钟,尚未上报");

        let in_time = clock(t0, Some(at(60, 0)), at(200, 0), 60, Shanghai);
        assert_eq!(in_time.state, ClockState::ReportedInTime);
        assert_eq!(in_time.text, "已于 11:00 上报(用时 60 分钟)", "local time, exactly 60 minutes is in time");
        assert_eq!(clock(t0, Some(at(42, 0)), at(43, 0), 60, Shanghai).text, "已于 10:42 上报(用时 42 分钟)");
        let late = clock(t0, Some(at(60, 1)), at(200, 0), 60, Shanghai);
        assert_eq!((late.state, late.text.as_str()), (ClockState::ReportedLate, "超时 1 分钟上报"));
        assert_eq!(clock(t0, Some(at(85, 0)), at(200, 0), 60, Shanghai).text, "超时 25 分钟上报");
        // Another limit from the settings.
        assert_eq!(clock(t0, None, at(60, 1), 120, Shanghai).state, ClockState::Running);
    }

    #[test]
    fn the_route_follows_the_category() {
        let temporary = route(EngagementCategory::Temporary);
        assert!(temporary.iter().any(|s| s.does.contains("天津钢铁集团有限公司工伤事故管理制度")));
        assert!(temporary.iter().any(|s| s.does.contains("考核")));
        let outsourced = route(EngagementCategory::Outsourced);
        assert_eq!(outsourced[0].who, "责任部门(发包部门)");
        assert_eq!(outsourced[1], step("所在区域安全主管部门", "协同调查"));
        assert!(outsourced[2].does.contains("处理结果报公司安全管理部"));
        let after_sales = route(EngagementCategory::AfterSales);
        assert_eq!(after_sales[0].who, "售后服务单位");
        assert!(after_sales[0].does.contains("自行负责"));
        assert_eq!(after_sales[1].who, "发包部门(引入部门)");
    }
}
