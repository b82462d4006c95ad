//! Three-level safety education (三级安全教育) given as classes: one class (厂级 / 车间级 / 班组级 /
//! 年度再培训) for many workers with its sign-in sheet and exam, the standing of each person
//! against the company's numbers (`standing`), the list of what lapses for the safety
//! department (`expiring`), the printed sign-in sheet and the person's education card
//! (`print`), and the generator.

pub mod generate;
pub mod print;
pub mod standing;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

pub use standing::{Attended, EducationStanding, LevelStanding, StandingIssue, hours_text, standing};

use super::id_number::mask as mask_id_number;
use super::local_today;
use super::person_certificate::{self, CertificateLine, CertificateStatus};
use crate::account::{Actor, Permission};
use crate::audit::{Action, Entity};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::keyed::keyed_enum;
use crate::listing::{self, Cursor, Key, Order, Page};
use crate::settings;
use crate::validate;
use crate::write::{Record, Write, one_row};

keyed_enum!(
    /// The levels of 三级安全教育 and the yearly re-training.
    ClassLevel {
        Company = "company" / "厂级",
        Workshop = "workshop" / "车间级",
        Team = "team" / "班组级",
        Annual = "annual" / "年度再培训",
    }
);

/// A person on the sign-in sheet of a class.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ClassAttendee {
    pub worker_id: i64,
    pub name: String,
    pub id_number_masked: String,
    pub unit_name: Option<String>,
    pub trade: String,
    /// `None`: not examined yet.
    pub score: Option<i64>,
    /// `None` until examined; then score ≥ the class's pass mark.
    pub passed: Option<bool>,
    pub signed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct SafetyClass {
    pub id: i64,
    pub level: ClassLevel,
    pub held_on: NaiveDate,
    /// 学时 in tenths (8 学时 = 80).
    pub hours_tenths: i64,
    pub content: String,
    pub instructor: String,
    pub place: String,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub engagement_id: Option<i64>,
    pub engagement_number: Option<String>,
    pub pass_mark: i64,
    /// By name.
    pub attendees: Vec<ClassAttendee>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ClassInput {
    pub level: ClassLevel,
    pub held_on: NaiveDate,
    /// 学时 in tenths, in steps of 0.5 学时 (5).
    pub hours_tenths: i64,
    pub content: String,
    pub instructor: String,
    pub place: String,
    pub department_id: Option<i64>,
    pub engagement_id: Option<i64>,
    pub pass_mark: i64,
}

/// One attendee's exam result and signature, as entered on the score table.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ScoreInput {
    pub worker_id: i64,
    /// `None`: not examined (absent from the exam).
    pub score: Option<i64>,
    pub signed: bool,
}

impl ClassInput {
    /// The class's rules; `today` is the company's local date of the clock passed in.
    pub fn checked(self, today: NaiveDate) -> Result<ClassInput> {
        if self.hours_tenths <= 0 {
            return Err(Error::validation("hours_tenths", "学时必须大于0"));
        }
        if self.hours_tenths > 240 {
            return Err(Error::validation("hours_tenths", "学时每天不能超过24"));
        }
        if self.hours_tenths % 5 != 0 {
            return Err(Error::validation("hours_tenths", "学时须以0.5为单位,例如 7.5"));
        }
        if self.held_on > today {
            return Err(Error::validation(
                "held_on",
                format!("培训日期 {} 不能晚于今天({})", self.held_on.format("%Y-%m-%d"), today.format("%Y-%m-%d")),
            ));
        }
        if !(0..=100).contains(&self.pass_mark) {
            return Err(Error::validation("pass_mark", "合格分数须在0到100之间"));
        }
        Ok(ClassInput {
            content: validate::required("content", "培训内容", &self.content, 2000)?,
            instructor: validate::required("instructor", "授课人", &self.instructor, 32)?,
            place: validate::optional("place", "培训地点", &self.place, 64)?,
            ..self
        })
    }
}

fn check_score(score: Option<i64>) -> Result<()> {
    match score {
        Some(s) if !(0..=100).contains(&s) => Err(Error::validation("score", format!("考试成绩 {s} 须在0到100之间"))),
        _ => Ok(()),
    }
}

impl Record for SafetyClass {
    const ENTITY: Entity = Entity::SafetyClass;
    async fn load(conn: &mut SqliteConnection, id: i64) -> Result<SafetyClass> {
        load(conn, id).await
    }
    fn version(&self) -> i64 {
        self.version
    }
}

pub(crate) async fn load(conn: &mut SqliteConnection, id: i64) -> Result<SafetyClass> {
    let r = sqlx::query!(
        r#"SELECT c.id AS "id!", c.level, c.held_on AS "held_on: NaiveDate", c.hours_tenths, c.content, c.instructor,
                  c.place, c.department_id, d.name AS "department_name?", c.engagement_id,
                  e.number AS "engagement_number?", c.pass_mark, c.created_by,
                  c.created_at AS "created_at: DateTime<Utc>", c.updated_at AS "updated_at: DateTime<Utc>", c.version
           FROM safety_class c
           LEFT JOIN department d ON d.id = c.department_id
           LEFT JOIN contractor_engagement e ON e.id = c.engagement_id
           WHERE c.id = ?"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound("安全教育培训"))?;
    let rows = sqlx::query!(
        r#"SELECT a.worker_id, w.name, w.id_number, u.name AS "unit_name?", w.trade, a.score,
                  a.signed AS "signed: bool"
           FROM safety_class_attendee a
           JOIN contractor_worker w ON w.id = a.worker_id
           LEFT JOIN contractor_unit u ON u.id = w.unit_id
           WHERE a.class_id = ? ORDER BY w.name, w.id"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?;
    let attendees = rows
        .into_iter()
        .map(|a| ClassAttendee {
            worker_id: a.worker_id,
            name: a.name,
            id_number_masked: mask_id_number(&a.id_number),
            unit_name: a.unit_name,
            trade: a.trade,
            score: a.score,
            passed: a.score.map(|s| s >= r.pass_mark),
            signed: a.signed,
        })
        .collect();
    Ok(SafetyClass {
        id: r.id,
        level: ClassLevel::stored(&r.level)?,
        held_on: r.held_on,
        hours_tenths: r.hours_tenths,
        content: r.content,
        instructor: r.instructor,
        place: r.place,
        department_id: r.department_id,
        department_name: r.department_name,
        engagement_id: r.engagement_id,
        engagement_number: r.engagement_number,
        pass_mark: r.pass_mark,
        attendees,
        created_by: r.created_by,
        created_at: r.created_at,
        updated_at: r.updated_at,
        version: r.version,
    })
}

/// Refuses ids that name no worker (the message names how many).
async fn check_workers(conn: &mut SqliteConnection, worker_ids: &[i64]) -> Result<()> {
    for id in worker_ids {
        let found = sqlx::query_scalar!("SELECT count(*) FROM contractor_worker WHERE id = ?", id)
            .fetch_one(&mut *conn)
            .await?;
        if found == 0 {
            return Err(Error::validation("attendees", format!("参加人员(编号 {id})不存在")));
        }
    }
    Ok(())
}

async fn insert_attendees(conn: &mut SqliteConnection, class_id: i64, worker_ids: &[i64]) -> Result<u64> {
    let mut added = 0;
    for worker_id in worker_ids {
        added += sqlx::query!(
            "INSERT INTO safety_class_attendee (class_id, worker_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
            class_id,
            worker_id
        )
        .execute(&mut *conn)
        .await?
        .rows_affected();
    }
    Ok(added)
}

async fn touch(conn: &mut SqliteConnection, id: i64, version: i64, now: DateTime<Utc>) -> Result<()> {
    let at = db_time(now);
    let changed = sqlx::query!(
        "UPDATE safety_class SET updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
        at,
        id,
        version
    )
    .execute(conn)
    .await?
    .rows_affected();
    one_row::<SafetyClass>(changed)
}

fn title(c: &SafetyClass) -> String {
    format!("{} {}安全教育({} 学时)", c.held_on.format("%Y-%m-%d"), c.level.label(), hours_text(c.hours_tenths))
}

fn dedup(ids: Vec<i64>) -> Vec<i64> {
    let mut seen = std::collections::HashSet::new();
    ids.into_iter().filter(|id| seen.insert(*id)).collect()
}

/// Records a class with its sign-in sheet: at least one attendee.
pub async fn create(
    store: &Store,
    actor: &Actor,
    input: ClassInput,
    worker_ids: Vec<i64>,
    now: DateTime<Utc>,
) -> Result<SafetyClass> {
    actor.require(Permission::ManageEducation)?;
    let input = input.checked(local_today(store, now).await?)?;
    let worker_ids = dedup(worker_ids);
    if worker_ids.is_empty() {
        return Err(Error::validation("attendees", "至少选择一名参加培训人员"));
    }
    let mut w = Write::begin(store, actor, now).await?;
    check_workers(w.conn(), &worker_ids).await?;
    let (at, level, by) = (db_time(now), input.level.key(), actor.display_name.clone());
    let id = sqlx::query_scalar!(
        r#"INSERT INTO safety_class (level, held_on, hours_tenths, content, instructor, place, department_id,
                                     engagement_id, pass_mark, created_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id AS "id!""#,
        level,
        input.held_on,
        input.hours_tenths,
        input.content,
        input.instructor,
        input.place,
        input.department_id,
        input.engagement_id,
        input.pass_mark,
        by,
        at,
        at
    )
    .fetch_one(w.conn())
    .await?;
    insert_attendees(w.conn(), id, &worker_ids).await?;
    w.finish(id, Action::Create, None, |c: &SafetyClass| format!("登记{},{} 人参加", title(c), c.attendees.len())).await
}

pub async fn update(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    input: ClassInput,
    now: DateTime<Utc>,
) -> Result<SafetyClass> {
    actor.require(Permission::ManageEducation)?;
    let input = input.checked(local_today(store, now).await?)?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: SafetyClass = w.load_at(id, version).await?;
    let (at, level) = (db_time(now), input.level.key());
    let changed = sqlx::query!(
        "UPDATE safety_class SET level = ?, held_on = ?, hours_tenths = ?, content = ?, instructor = ?, place = ?,
                department_id = ?, engagement_id = ?, pass_mark = ?, updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?",
        level,
        input.held_on,
        input.hours_tenths,
        input.content,
        input.instructor,
        input.place,
        input.department_id,
        input.engagement_id,
        input.pass_mark,
        at,
        id,
        version
    )
    .execute(w.conn())
    .await?
    .rows_affected();
    one_row::<SafetyClass>(changed)?;
    w.finish(id, Action::Update, Some(&before), |c| format!("修改{}", title(c))).await
}

/// Adds people to the sign-in sheet (those already on it are left as they are).
pub async fn add_attendees(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    worker_ids: Vec<i64>,
    now: DateTime<Utc>,
) -> Result<SafetyClass> {
    actor.require(Permission::ManageEducation)?;
    let worker_ids = dedup(worker_ids);
    if worker_ids.is_empty() {
        return Err(Error::validation("attendees", "请选择要加入的人员"));
    }
    let mut w = Write::begin(store, actor, now).await?;
    let before: SafetyClass = w.load_at(id, version).await?;
    check_workers(w.conn(), &worker_ids).await?;
    let added = insert_attendees(w.conn(), id, &worker_ids).await?;
    touch(w.conn(), id, version, now).await?;
    let added_names: Vec<String> = {
        let after = load(w.conn(), id).await?;
        after
            .attendees
            .iter()
            .filter(|a| {
                worker_ids.contains(&a.worker_id) && !before.attendees.iter().any(|b| b.worker_id == a.worker_id)
            })
            .map(|a| a.name.clone())
            .collect()
    };
    w.finish(id, Action::SafetyClassAttendees, Some(&before), |c| {
        format!("{} 加入 {added} 人:{}", title(c), added_names.join("、"))
    })
    .await
}

/// Takes one person off the sheet; the last one stays (a class has at least one attendee).
pub async fn remove_attendee(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    worker_id: i64,
    now: DateTime<Utc>,
) -> Result<SafetyClass> {
    actor.require(Permission::ManageEducation)?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: SafetyClass = w.load_at(id, version).await?;
    let Some(person) = before.attendees.iter().find(|a| a.worker_id == worker_id) else {
        return Err(Error::NotFound("参加培训人员"));
    };
    if before.attendees.len() == 1 {
        return Err(Error::validation("attendees", "培训至少要有一名参加人员,不能删除最后一人"));
    }
    let name = person.name.clone();
    sqlx::query!("DELETE FROM safety_class_attendee WHERE class_id = ? AND worker_id = ?", id, worker_id)
        .execute(w.conn())
        .await?;
    touch(w.conn(), id, version, now).await?;
    w.finish(id, Action::SafetyClassAttendees, Some(&before), |c| format!("{} 删除参加人员 {name}", title(c))).await
}

/// Enters the exam scores and signatures of the whole sheet at once (passed = score ≥ the pass
/// mark). Every line must name a person on the sheet.
pub async fn record_scores(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    scores: Vec<ScoreInput>,
    now: DateTime<Utc>,
) -> Result<SafetyClass> {
    actor.require(Permission::ManageEducation)?;
    for s in &scores {
        check_score(s.score)?;
    }
    let mut w = Write::begin(store, actor, now).await?;
    let before: SafetyClass = w.load_at(id, version).await?;
    for s in &scores {
        let changed = sqlx::query!(
            "UPDATE safety_class_attendee SET score = ?, signed = ? WHERE class_id = ? AND worker_id = ?",
            s.score,
            s.signed,
            id,
            s.worker_id
        )
        .execute(w.conn())
        .await?
        .rows_affected();
        if changed != 1 {
            return Err(Error::validation("score", format!("人员(编号 {})不在本次培训的签到表上", s.worker_id)));
        }
    }
    touch(w.conn(), id, version, now).await?;
    w.finish(id, Action::SafetyClassScores, Some(&before), |c| {
        let examined = c.attendees.iter().filter(|a| a.score.is_some()).count();
        let passed = c.attendees.iter().filter(|a| a.passed == Some(true)).count();
        format!("{} 录入考试成绩:{examined} 人参加考试,{passed} 人合格", title(c))
    })
    .await
}

pub async fn get(store: &Store, actor: &Actor, id: i64) -> Result<SafetyClass> {
    actor.require(Permission::ViewContractors)?;
    let mut conn = store.pool().acquire().await?;
    load(&mut conn, id).await
}

/// One line of the class list.
#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[ts(export_to = "bindings.ts")]
pub struct ClassSummary {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub level: ClassLevel,
    pub held_on: NaiveDate,
    pub hours_tenths: i64,
    pub content: String,
    pub instructor: String,
    pub place: String,
    pub department_name: Option<String>,
    pub engagement_number: Option<String>,
    pub attendee_count: i64,
    pub examined_count: i64,
    pub passed_count: i64,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ClassQuery {
    #[ts(optional)]
    pub level: Option<ClassLevel>,
    #[ts(optional)]
    pub from: Option<NaiveDate>,
    #[ts(optional)]
    pub to: Option<NaiveDate>,
    #[ts(optional)]
    pub department_id: Option<i64>,
    /// Classes this worker attended.
    #[ts(optional)]
    pub worker_id: Option<i64>,
    #[ts(optional)]
    pub after: Option<Cursor>,
    #[ts(optional)]
    pub limit: Option<i64>,
}

pub type ClassPage = Page<ClassSummary>;

/// Newest class first.
const BY_DATE: Order = Order::new(&["c.held_on"], "c.id", true);

fn push_filters(qb: &mut QueryBuilder<Sqlite>, query: &ClassQuery) {
    qb.push(" WHERE 1 = 1");
    if let Some(level) = query.level {
        qb.push(" AND c.level = ").push_bind(level.key());
    }
    if let Some(from) = query.from {
        qb.push(" AND c.held_on >= ").push_bind(from);
    }
    if let Some(to) = query.to {
        qb.push(" AND c.held_on <= ").push_bind(to);
    }
    if let Some(d) = query.department_id {
        qb.push(" AND c.department_id = ").push_bind(d);
    }
    if let Some(w) = query.worker_id {
        qb.push(" AND c.id IN (SELECT class_id FROM safety_class_attendee WHERE worker_id = ").push_bind(w).push(")");
    }
}

pub async fn list(store: &Store, actor: &Actor, query: &ClassQuery) -> Result<ClassPage> {
    actor.require(Permission::ViewContractors)?;
    let pool = store.pool();
    let limit = listing::limit(query.limit, 20, 200);
    let mut count = QueryBuilder::<Sqlite>::new("SELECT count(*) FROM (SELECT 1 FROM safety_class c");
    push_filters(&mut count, query);
    count.push(" LIMIT ").push_bind(listing::COUNT_CAP + 1).push(")");
    let counted: i64 = count.build_query_scalar().fetch_one(pool).await?;

    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT c.id, c.level, c.held_on, c.hours_tenths, c.content, c.instructor, c.place,
                d.name AS department_name, e.number AS engagement_number,
                (SELECT count(*) FROM safety_class_attendee a WHERE a.class_id = c.id) AS attendee_count,
                (SELECT count(*) FROM safety_class_attendee a WHERE a.class_id = c.id AND a.score IS NOT NULL)
                    AS examined_count,
                (SELECT count(*) FROM safety_class_attendee a WHERE a.class_id = c.id AND a.score >= c.pass_mark)
                    AS passed_count
         FROM (SELECT c.id AS page_id FROM safety_class c",
    );
    push_filters(&mut qb, query);
    BY_DATE.push_after(&mut qb, query.after.as_ref())?;
    BY_DATE.push_order_limit(&mut qb, limit);
    qb.push(
        ") p CROSS JOIN safety_class c ON c.id = p.page_id
         LEFT JOIN department d ON d.id = c.department_id
         LEFT JOIN contractor_engagement e ON e.id = c.engagement_id
         ORDER BY",
    );
    BY_DATE.push_terms(&mut qb);
    let rows: Vec<ClassSummary> = qb.build_query_as().fetch_all(pool).await?;
    Ok(BY_DATE.page(rows, limit, counted, |c| vec![Key::from(c.held_on.format("%Y-%m-%d").to_string()), c.id.into()]))
}

/// A class as one person attended it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct AttendedClass {
    pub class_id: i64,
    pub level: ClassLevel,
    pub held_on: NaiveDate,
    pub hours_tenths: i64,
    pub content: String,
    pub instructor: String,
    pub pass_mark: i64,
    pub score: Option<i64>,
    pub passed: bool,
    pub signed: bool,
}

/// One person's education: the classes, the standing on the day and the certificates.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct WorkerEducation {
    pub worker_id: i64,
    pub name: String,
    pub id_number_masked: String,
    pub unit_name: Option<String>,
    pub trade: String,
    pub special_class: String,
    /// On the roster of a high-risk engagement (72 学时, yearly re-training).
    pub high_risk: bool,
    pub post_changed_on: Option<NaiveDate>,
    pub last_on_site: Option<NaiveDate>,
    /// Newest first.
    pub classes: Vec<AttendedClass>,
    pub standing: EducationStanding,
    pub certificates: Vec<CertificateLine>,
}

pub(crate) async fn attended_classes(conn: &mut SqliteConnection, worker_id: i64) -> Result<Vec<AttendedClass>> {
    let rows = sqlx::query!(
        r#"SELECT c.id AS "id!", c.level, c.held_on AS "held_on: NaiveDate", c.hours_tenths, c.content, c.instructor,
                  c.pass_mark, a.score, a.signed AS "signed: bool"
           FROM safety_class_attendee a JOIN safety_class c ON c.id = a.class_id
           WHERE a.worker_id = ? ORDER BY c.held_on DESC, c.id DESC"#,
        worker_id
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(AttendedClass {
                class_id: r.id,
                level: ClassLevel::stored(&r.level)?,
                held_on: r.held_on,
                hours_tenths: r.hours_tenths,
                content: r.content,
                instructor: r.instructor,
                pass_mark: r.pass_mark,
                score: r.score,
                passed: r.score.is_some_and(|s| s >= r.pass_mark),
                signed: r.signed,
            })
        })
        .collect()
}

impl AttendedClass {
    pub fn attended(&self) -> Attended {
        Attended { level: self.level, held_on: self.held_on, hours_tenths: self.hours_tenths, passed: self.passed }
    }
}

/// The worker's facts the standing needs beyond the classes.
pub(crate) struct WorkerFacts {
    pub name: String,
    pub id_number_masked: String,
    pub unit_name: Option<String>,
    pub trade: String,
    pub special_class: String,
    pub high_risk: bool,
    pub post_changed_on: Option<NaiveDate>,
    pub last_on_site: Option<NaiveDate>,
}

pub(crate) async fn worker_facts(conn: &mut SqliteConnection, worker_id: i64) -> Result<WorkerFacts> {
    let r = sqlx::query!(
        r#"SELECT w.name, w.id_number, u.name AS "unit_name?", w.trade, w.special_class,
                  w.post_changed_on AS "post_changed_on: NaiveDate",
                  EXISTS (SELECT 1 FROM contractor_roster r JOIN contractor_engagement e ON e.id = r.engagement_id
                          WHERE r.worker_id = w.id AND e.high_risk = 1
                            AND e.state NOT IN ('completed', 'terminated')) AS "high_risk!: bool",
                  (SELECT max(x.check_date) FROM entry_check x
                    WHERE x.worker_id = w.id AND x.result <> 'deny') AS "last_on_site?: NaiveDate"
           FROM contractor_worker w LEFT JOIN contractor_unit u ON u.id = w.unit_id
           WHERE w.id = ?"#,
        worker_id
    )
    .fetch_optional(conn)
    .await?
    .ok_or(Error::NotFound("人员"))?;
    Ok(WorkerFacts {
        name: r.name,
        id_number_masked: mask_id_number(&r.id_number),
        unit_name: r.unit_name,
        trade: r.trade,
        special_class: r.special_class,
        high_risk: r.high_risk,
        post_changed_on: r.post_changed_on,
        last_on_site: r.last_on_site,
    })
}

/// One person's classes, standing on the company's today and certificates with their status.
pub async fn worker_education(
    store: &Store,
    actor: &Actor,
    worker_id: i64,
    now: DateTime<Utc>,
) -> Result<WorkerEducation> {
    actor.require(Permission::ViewContractors)?;
    let settings = settings::load(store).await?;
    let (rules, on) = (settings.safety_rules(), settings.today(now));
    let mut conn = store.pool().acquire().await?;
    let facts = worker_facts(&mut conn, worker_id).await?;
    let classes = attended_classes(&mut conn, worker_id).await?;
    let attended: Vec<Attended> = classes.iter().map(AttendedClass::attended).collect();
    let standing = standing(&attended, &rules, facts.high_risk, facts.post_changed_on, facts.last_on_site, on);
    let certificates = person_certificate::lines_of(&mut conn, worker_id, &rules, on).await?;
    Ok(WorkerEducation {
        worker_id,
        name: facts.name,
        id_number_masked: facts.id_number_masked,
        unit_name: facts.unit_name,
        trade: facts.trade,
        special_class: facts.special_class,
        high_risk: facts.high_risk,
        post_changed_on: facts.post_changed_on,
        last_on_site: facts.last_on_site,
        classes,
        standing,
        certificates,
    })
}

keyed_enum!(
    /// Why a person is on the safety department's list.
    DueKind {
        CertificateExpiring = "certificate_expiring" / "证书即将到期",
        CertificateExpired = "certificate_expired" / "证书已过期",
        ReviewDue = "review_due" / "证书待复审",
        ReviewOverdue = "review_overdue" / "逾期未复审",
        EducationIncomplete = "education_incomplete" / "安全教育未完成",
        RetrainingDue = "retraining_due" / "年度再培训不足",
        ReeducationDue = "reeducation_due" / "须重新教育",
    }
);

/// One line of the safety department's list of what lapses (a click opens the person).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct PersonDue {
    pub worker_id: i64,
    pub name: String,
    pub unit_name: Option<String>,
    pub kind: DueKind,
    /// The certificate (kind, class, number) or the education item concerned.
    pub subject: String,
    /// Expiry or review date for certificates.
    pub due_on: Option<NaiveDate>,
    pub message: String,
}

fn education_due_kind(code: &str) -> DueKind {
    match code {
        "retraining_short" => DueKind::RetrainingDue,
        "reeducation_after_post_change" | "reeducation_after_absence" => DueKind::ReeducationDue,
        _ => DueKind::EducationIncomplete,
    }
}

/// What lapses across all workers on `on`: certificates expiring within the warning days or
/// expired, reviews due within the review window or missed, and the education of the people on
/// the roster of an engagement that is approved or working. Certificates first (by date), then
/// education (by name).
pub async fn expiring(store: &Store, actor: &Actor, on: NaiveDate) -> Result<Vec<PersonDue>> {
    actor.require(Permission::ViewContractors)?;
    let rules = settings::load(store).await?.safety_rules();
    let mut conn = store.pool().acquire().await?;
    let mut out = person_certificate::due(&mut conn, &rules, on).await?;

    // Education of the people who work now, computed in one pass over their classes.
    let people = sqlx::query!(
        r#"SELECT w.id AS "id!", w.name AS "name!", u.name AS "unit_name?",
                  w.post_changed_on AS "post_changed_on: NaiveDate", max(e.high_risk) AS "high_risk!: bool",
                  (SELECT max(x.check_date) FROM entry_check x
                    WHERE x.worker_id = w.id AND x.result <> 'deny') AS "last_on_site?: NaiveDate"
           FROM contractor_roster r
           JOIN contractor_engagement e ON e.id = r.engagement_id
           JOIN contractor_worker w ON w.id = r.worker_id
           LEFT JOIN contractor_unit u ON u.id = w.unit_id
           WHERE e.state IN ('approved', 'active') AND w.blacklisted = 0
           GROUP BY w.id ORDER BY w.name, w.id"#
    )
    .fetch_all(&mut *conn)
    .await?;
    for p in people {
        let classes = sqlx::query!(
            r#"SELECT c.level, c.held_on AS "held_on: NaiveDate", c.hours_tenths,
                      (a.score IS NOT NULL AND a.score >= c.pass_mark) AS "passed!: bool"
               FROM safety_class_attendee a JOIN safety_class c ON c.id = a.class_id
               WHERE a.worker_id = ?"#,
            p.id
        )
        .fetch_all(&mut *conn)
        .await?;
        let mut attended = Vec::with_capacity(classes.len());
        for c in classes {
            attended.push(Attended {
                level: ClassLevel::stored(&c.level)?,
                held_on: c.held_on,
                hours_tenths: c.hours_tenths,
                passed: c.passed,
            });
        }
        let s = standing(&attended, &rules, p.high_risk, p.post_changed_on, p.last_on_site, on);
        for issue in s.issues {
            out.push(PersonDue {
                worker_id: p.id,
                name: p.name.clone(),
                unit_name: p.unit_name.clone(),
                kind: education_due_kind(&issue.code),
                subject: "三级安全教育".into(),
                due_on: None,
                message: issue.message,
            });
        }
    }
    Ok(out)
}

/// The status as a due kind, for certificates that need attention.
pub(crate) fn certificate_due_kind(status: CertificateStatus) -> Option<DueKind> {
    match status {
        CertificateStatus::Valid => None,
        CertificateStatus::ExpiringSoon => Some(DueKind::CertificateExpiring),
        CertificateStatus::ReviewWindow => Some(DueKind::ReviewDue),
        CertificateStatus::Expired => Some(DueKind::CertificateExpired),
        CertificateStatus::ReviewOverdue => Some(DueKind::ReviewOverdue),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(held_on: NaiveDate, hours_tenths: i64) -> ClassInput {
        ClassInput {
            level: ClassLevel::Company,
            held_on,
            hours_tenths,
            content: "公司安全生产规章制度".into(),
            instructor: "赵安全".into(),
            place: "培训室".into(),
            department_id: None,
            engagement_id: None,
            pass_mark: 60,
        }
    }

    fn field(r: Result<ClassInput>) -> (Option<&'static str>, String) {
        let e = r.unwrap_err();
        (e.field(), e.user_message())
    }

    #[test]
    fn class_validation_names_the_field_and_rule() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert!(input(today, 80).checked(today).is_ok());
        assert!(input(today, 75).checked(today).is_ok());
        assert!(input(today, 240).checked(today).is_ok());
        assert_eq!(field(input(today, 0).checked(today)), (Some("hours_tenths"), "学时必须大于0".into()));
        assert_eq!(field(input(today, 245).checked(today)), (Some("hours_tenths"), "学时每天不能超过24".into()));
        assert_eq!(field(input(today, 73).checked(today)).0, Some("hours_tenths"));
        let tomorrow = today.succ_opt().unwrap();
        assert_eq!(
            field(input(tomorrow, 80).checked(today)),
            (Some("held_on"), "培训日期 2026-12-01 不能晚于今天(2026-11-30)".into())
        );
        let mut no_content = input(today, 80);
        no_content.content = "  ".into();
        assert_eq!(field(no_content.checked(today)), (Some("content"), "培训内容不能为空".into()));
        let mut bad_mark = input(today, 80);
        bad_mark.pass_mark = 101;
        assert_eq!(field(bad_mark.checked(today)).0, Some("pass_mark"));
        assert!(check_score(Some(100)).is_ok());
        assert!(check_score(None).is_ok());
        assert_eq!(check_score(Some(101)).unwrap_err().field(), Some("score"));
        assert_eq!(check_score(Some(-1)).unwrap_err().field(), Some("score"));
    }
}
