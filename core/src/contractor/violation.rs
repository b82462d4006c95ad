//! 违规考核: a violation of an outside person, unit or engagement and its penalty. The rule
//! (§5 检查与考核): "外用工、外包工、售后服务人员违章违纪、违反合同和违反协议、协定问题,安全管理部有权按公司有关安全规定处理"
//! — the safety department, the hiring department and the administrator record them.
//!
//! A violation names at least one of person, unit and engagement; a person brings their unit,
//! an engagement its unit, and the three must agree. Penalties are integer fen.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use super::local_today;
use crate::account::{Actor, Permission};
use crate::audit::{Action, Entity};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::listing::{self, Cursor, Key, Order, Page};
use crate::validate;
use crate::write::{Record, Write};

/// The largest penalty one violation may carry (100,000.00 元): a typo guard.
pub const MAX_PENALTY_FEN: i64 = 10_000_000;

#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[ts(export_to = "bindings.ts")]
pub struct Violation {
    pub id: i64,
    pub occurred_on: NaiveDate,
    pub place: String,
    pub description: String,
    pub rule_broken: String,
    pub penalty_fen: i64,
    pub worker_id: Option<i64>,
    pub worker_name: Option<String>,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub engagement_id: Option<i64>,
    pub engagement_number: Option<String>,
    pub recorded_by: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ViolationInput {
    pub occurred_on: NaiveDate,
    pub place: String,
    /// 违规事实.
    pub description: String,
    /// 违反的规定.
    pub rule_broken: String,
    /// 考核金额 in fen (the form takes 元 with two decimals).
    pub penalty_fen: i64,
    #[ts(optional)]
    pub worker_id: Option<i64>,
    #[ts(optional)]
    pub unit_id: Option<i64>,
    #[ts(optional)]
    pub engagement_id: Option<i64>,
}

impl ViolationInput {
    /// The rules that need no database: texts, the penalty, the date, someone named.
    pub fn checked(self, today: NaiveDate) -> Result<ViolationInput> {
        if self.occurred_on > today {
            return Err(Error::validation("occurred_on", "违规日期不能晚于今天"));
        }
        if self.penalty_fen < 0 {
            return Err(Error::validation("penalty_fen", "考核金额不能为负数"));
        }
        if self.penalty_fen > MAX_PENALTY_FEN {
            return Err(Error::validation(
                "penalty_fen",
                format!("考核金额不能超过{}", crate::format::money(MAX_PENALTY_FEN)),
            ));
        }
        if self.worker_id.is_none() && self.unit_id.is_none() && self.engagement_id.is_none() {
            return Err(Error::validation("worker_id", "违规人员、单位和项目至少填写一项"));
        }
        Ok(ViolationInput {
            place: validate::optional("place", "违规地点", &self.place, 100)?,
            description: validate::required("description", "违规事实", &self.description, 1000)?,
            rule_broken: validate::optional("rule_broken", "违反的规定", &self.rule_broken, 500)?,
            ..self
        })
    }
}

const COLUMNS: &str = "SELECT v.id, v.occurred_on, v.place, v.description, v.rule_broken, v.penalty_fen,
        v.worker_id, w.name AS worker_name, v.unit_id, u.name AS unit_name, v.engagement_id,
        e.number AS engagement_number, v.recorded_by, v.created_at";
const JOINS: &str = " LEFT JOIN contractor_worker w ON w.id = v.worker_id
        LEFT JOIN contractor_unit u ON u.id = v.unit_id
        LEFT JOIN contractor_engagement e ON e.id = v.engagement_id";

pub(crate) async fn load(conn: &mut SqliteConnection, id: i64) -> Result<Violation> {
    let mut qb = QueryBuilder::<Sqlite>::new(COLUMNS);
    qb.push(" FROM safety_violation v").push(JOINS).push(" WHERE v.id = ").push_bind(id);
    qb.build_query_as().fetch_optional(conn).await?.ok_or(Error::NotFound("违规考核记录"))
}

impl Record for Violation {
    const ENTITY: Entity = Entity::SafetyViolation;
    async fn load(conn: &mut SqliteConnection, id: i64) -> Result<Violation> {
        load(conn, id).await
    }
    /// Violations are never edited (a wrong one is answered by a new record).
    fn version(&self) -> i64 {
        1
    }
}

/// Fills in the unit from the person or the engagement and refuses when they disagree.
async fn resolve_unit(conn: &mut SqliteConnection, input: &ViolationInput) -> Result<Option<i64>> {
    let mut unit = input.unit_id;
    if let Some(unit_id) = unit {
        sqlx::query_scalar!("SELECT id FROM contractor_unit WHERE id = ?", unit_id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(Error::NotFound("承包单位"))?;
    }
    if let Some(worker_id) = input.worker_id {
        let worker = sqlx::query!("SELECT name, unit_id FROM contractor_worker WHERE id = ?", worker_id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(Error::NotFound("人员"))?;
        match (unit, worker.unit_id) {
            (Some(u), Some(wu)) if u != wu => {
                return Err(Error::validation("unit_id", format!("{} 不属于所选单位", worker.name)));
            }
            (None, Some(wu)) => unit = Some(wu),
            _ => {}
        }
    }
    if let Some(engagement_id) = input.engagement_id {
        let e = sqlx::query!("SELECT number, unit_id FROM contractor_engagement WHERE id = ?", engagement_id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(Error::NotFound("用工(发包)项目"))?;
        match (unit, e.unit_id) {
            (Some(u), Some(eu)) if u != eu => {
                return Err(Error::validation("engagement_id", format!("项目 {} 不属于该单位", e.number)));
            }
            (Some(_), None) => {
                return Err(Error::validation("engagement_id", format!("项目 {} 没有承包单位,不属于该单位", e.number)));
            }
            (None, Some(eu)) => unit = Some(eu),
            _ => {}
        }
    }
    Ok(unit)
}

/// Records a violation (安全管理部、用工部门、管理员).
pub async fn record(store: &Store, actor: &Actor, input: ViolationInput, now: DateTime<Utc>) -> Result<Violation> {
    actor.require(Permission::RecordViolations)?;
    let today = local_today(store, now).await?;
    let input = input.checked(today)?;
    let mut w = Write::begin(store, actor, now).await?;
    let unit_id = resolve_unit(w.conn(), &input).await?;
    let at = db_time(now);
    let id = sqlx::query_scalar!(
        r#"INSERT INTO safety_violation (occurred_on, place, description, rule_broken, penalty_fen, worker_id, unit_id,
               engagement_id, recorded_by_id, recorded_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id AS "id!""#,
        input.occurred_on,
        input.place,
        input.description,
        input.rule_broken,
        input.penalty_fen,
        input.worker_id,
        unit_id,
        input.engagement_id,
        actor.user_id,
        actor.display_name,
        at
    )
    .fetch_one(w.conn())
    .await?;
    w.finish(id, Action::Create, None, |v: &Violation| {
        let who = v.worker_name.clone().or(v.unit_name.clone()).or(v.engagement_number.clone()).unwrap_or_default();
        format!("违规考核 {who}:{},考核 {}", v.description, crate::format::money(v.penalty_fen))
    })
    .await
}

pub async fn get(store: &Store, actor: &Actor, id: i64) -> Result<Violation> {
    actor.require(Permission::ViewContractors)?;
    let mut conn = store.pool().acquire().await?;
    load(&mut conn, id).await
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ViolationQuery {
    #[ts(optional)]
    pub from: Option<NaiveDate>,
    #[ts(optional)]
    pub to: Option<NaiveDate>,
    #[ts(optional)]
    pub unit_id: Option<i64>,
    #[ts(optional)]
    pub engagement_id: Option<i64>,
    #[ts(optional)]
    pub worker_id: Option<i64>,
    #[ts(optional)]
    pub after: Option<Cursor>,
    #[ts(optional)]
    pub limit: Option<i64>,
}

/// A page of violations and the penalties of every match (not only the page).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ViolationPage {
    pub page: Page<Violation>,
    pub penalty_total_fen: i64,
}

/// Newest first by the day it happened.
const BY_DAY: Order = Order::new(&["v.occurred_on"], "v.id", true);

fn push_filters(qb: &mut QueryBuilder<Sqlite>, query: &ViolationQuery) {
    qb.push(" WHERE 1 = 1");
    if let Some(from) = query.from {
        qb.push(" AND v.occurred_on >= ").push_bind(from);
    }
    if let Some(to) = query.to {
        qb.push(" AND v.occurred_on <= ").push_bind(to);
    }
    if let Some(u) = query.unit_id {
        qb.push(" AND v.unit_id = ").push_bind(u);
    }
    if let Some(e) = query.engagement_id {
        qb.push(" AND v.engagement_id = ").push_bind(e);
    }
    if let Some(w) = query.worker_id {
        qb.push(" AND v.worker_id = ").push_bind(w);
    }
}

pub async fn list(store: &Store, actor: &Actor, query: &ViolationQuery) -> Result<ViolationPage> {
    actor.require(Permission::ViewContractors)?;
    let pool = store.pool();
    let limit = listing::limit(query.limit, 20, 200);
    let mut totals =
        QueryBuilder::<Sqlite>::new("SELECT count(*), coalesce(sum(v.penalty_fen), 0) FROM safety_violation v");
    push_filters(&mut totals, query);
    let (counted, penalty_total_fen): (i64, i64) = totals.build_query_as().fetch_one(pool).await?;
    let mut qb = QueryBuilder::<Sqlite>::new(COLUMNS);
    qb.push(" FROM safety_violation v").push(JOINS);
    push_filters(&mut qb, query);
    BY_DAY.push_after(&mut qb, query.after.as_ref())?;
    BY_DAY.push_order_limit(&mut qb, limit);
    let rows: Vec<Violation> = qb.build_query_as().fetch_all(pool).await?;
    let page = BY_DAY.page(rows, limit, counted, |v| vec![Key::from(v.occurred_on.to_string()), v.id.into()]);
    Ok(ViolationPage { page, penalty_total_fen })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ViolationInput {
        ViolationInput {
            occurred_on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            place: " 2号转炉平台 ".into(),
            description: " 高处作业未系安全带 ".into(),
            rule_broken: "高处作业安全规程".into(),
            penalty_fen: 50_000,
            worker_id: Some(1),
            unit_id: None,
            engagement_id: None,
        }
    }

    #[test]
    fn a_violation_needs_facts_someone_and_a_sane_penalty() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let ok = input().checked(today).unwrap();
        assert_eq!((ok.place.as_str(), ok.description.as_str()), ("2号转炉平台", "高处作业未系安全带"));
        let err = ViolationInput { description: "  ".into(), ..input() }.checked(today).unwrap_err();
        assert_eq!((err.field(), err.user_message().as_str()), (Some("description"), "违规事实不能为空"));
        let err = ViolationInput { worker_id: None, ..input() }.checked(today).unwrap_err();
        assert_eq!(err.user_message(), "违规人员、单位和项目至少填写一项");
        let err = ViolationInput { penalty_fen: -1, ..input() }.checked(today).unwrap_err();
        assert_eq!((err.field(), err.user_message().as_str()), (Some("penalty_fen"), "考核金额不能为负数"));
        let err = ViolationInput { penalty_fen: MAX_PENALTY_FEN + 1, ..input() }.checked(today).unwrap_err();
        assert_eq!(err.user_message(), "考核金额不能超过100,000.00 元");
        assert!(ViolationInput { penalty_fen: MAX_PENALTY_FEN, ..input() }.checked(today).is_ok());
        let err = ViolationInput { occurred_on: today.succ_opt().unwrap(), ..input() }.checked(today).unwrap_err();
        assert_eq!(err.field(), Some("occurred_on"));
        assert!(ViolationInput { occurred_on: today, ..input() }.checked(today).is_ok());
    }
}
