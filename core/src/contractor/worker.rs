//! The people who work on site (外用工 / 外包工 / 售后服务人员): one record per person, keyed by
//! the 身份证号 (GB 11643, see [`super::id_number`]), with the unit they come from, their trade and
//! the special-operation class their work needs, and a person-level blacklist.
//!
//! The ID number is personal data: it is shown in full only to roles holding
//! [`Permission::ViewIdNumbers`] (masked `110101********1234` for everyone else, the gate
//! included), never goes into `search_text`, audit summaries or their before/after pictures,
//! error messages or logs. Typing the whole number into the search box finds the person through
//! the column's unique index.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use super::id_number::{self, Sex};
use super::{EngagementCategory, EngagementState, local_today};
use crate::account::{Actor, Permission};
use crate::attachment::{self, Attachment, OwnerKind, OwnerRule};
use crate::audit::{self, Action, AuditEvent, AuditFilter, Change, Entity};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result, on_unique};
use crate::listing::{self, Cursor, Key, Order, Page};
use crate::search::{self, SearchIndex, Term};
use crate::validate;
use crate::write::{Record, Write};

/// The person's photo: images only, through [`set_photo`] (one photo; a new one replaces it).
pub const PHOTO_ATTACHMENTS: OwnerRule = OwnerRule {
    table: "contractor_worker",
    title_column: "name",
    entity: Entity::Worker,
    can_view: |actor| actor.require(Permission::ViewContractors),
    can_attach: |actor| actor.require(Permission::ManageWorkers),
    added_only_by: Some("人员照片请在外来人员详情中上传(只收图片)"),
};

/// The workers' search index (name, unit, trade, special class; never the ID number).
pub const WORKER_SEARCH: SearchIndex = SearchIndex::new("contractor_worker", "worker_id");

/// An engagement whose roster names the worker.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct WorkerEngagement {
    pub engagement_id: i64,
    /// The roster row.
    pub roster_id: i64,
    pub number: String,
    pub title: String,
    pub category: EngagementCategory,
    pub state: EngagementState,
    pub unit_name: Option<String>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// 上岗 on this engagement.
    pub working: bool,
}

/// The full record of a person.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Worker {
    pub id: i64,
    pub name: String,
    /// In full for roles holding `view_id_numbers`, masked (`110101********1234`) otherwise.
    pub id_number: String,
    /// Whether `id_number` is the full number.
    pub id_number_full: bool,
    pub sex: Sex,
    pub birth_date: NaiveDate,
    pub category: EngagementCategory,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    /// 工种
    pub trade: String,
    /// 特种作业类别 the work needs (empty when none).
    pub special_class: String,
    pub phone: String,
    pub emergency_contact: String,
    pub emergency_phone: String,
    /// 调换工种 / 岗位 on this date (workshop- and team-level education again).
    pub post_changed_on: Option<NaiveDate>,
    pub blacklisted: bool,
    pub blacklist_reason: String,
    pub blacklisted_on: Option<NaiveDate>,
    pub blacklisted_by: String,
    pub notes: String,
    /// 人员照片 (the newest image; the gate's entry pass prints it).
    pub photo: Option<Attachment>,
    /// Newest first.
    pub engagements: Vec<WorkerEngagement>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct WorkerInput {
    pub name: String,
    /// 18 characters; a final x is stored as X. On update, the masked form as shown keeps the
    /// stored number.
    pub id_number: String,
    pub category: EngagementCategory,
    pub unit_id: Option<i64>,
    pub trade: String,
    pub special_class: String,
    pub phone: String,
    pub emergency_contact: String,
    pub emergency_phone: String,
    #[ts(optional)]
    pub post_changed_on: Option<NaiveDate>,
    pub notes: String,
}

/// One line of the worker list.
#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[ts(export_to = "bindings.ts")]
pub struct WorkerSummary {
    pub id: i64,
    pub name: String,
    /// Masked unless the user's role holds `view_id_numbers`.
    pub id_number: String,
    #[sqlx(try_from = "String")]
    pub sex: Sex,
    pub birth_date: NaiveDate,
    #[sqlx(try_from = "String")]
    pub category: EngagementCategory,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub trade: String,
    pub special_class: String,
    pub phone: String,
    pub blacklisted: bool,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct WorkerQuery {
    /// Substring of the name, unit, trade or special class; a whole valid ID number finds its
    /// holder.
    #[ts(optional)]
    pub text: Option<String>,
    #[ts(optional)]
    pub unit_id: Option<i64>,
    #[ts(optional)]
    pub category: Option<EngagementCategory>,
    /// Absent: all; true: blacklisted only; false: not blacklisted.
    #[ts(optional)]
    pub blacklisted: Option<bool>,
    /// Only the people on this engagement's roster.
    #[ts(optional)]
    pub engagement_id: Option<i64>,
    #[ts(optional)]
    pub after: Option<Cursor>,
    #[ts(optional)]
    pub limit: Option<i64>,
}

pub type WorkerPage = Page<WorkerSummary>;

/// Whether the actor sees ID numbers in full.
pub fn sees_id_numbers(actor: &Actor) -> bool {
    actor.role.can(Permission::ViewIdNumbers)
}

/// The record as the actor may see it.
fn shown(mut worker: Worker, actor: &Actor) -> Worker {
    if !sees_id_numbers(actor) {
        worker.id_number = id_number::mask(&worker.id_number);
        worker.id_number_full = false;
    }
    worker
}

/// The record as the audit log keeps it: the ID number masked in its before/after pictures.
struct Audited(Worker);

impl Serialize for Audited {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut masked = self.0.clone();
        masked.id_number = id_number::mask(&masked.id_number);
        masked.id_number_full = false;
        masked.serialize(serializer)
    }
}

impl Record for Audited {
    const ENTITY: Entity = Entity::Worker;
    async fn load(conn: &mut SqliteConnection, id: i64) -> Result<Audited> {
        load(conn, id).await.map(Audited)
    }
    fn version(&self) -> i64 {
        self.0.version
    }
}

fn check_phone(field: &'static str, label: &str, phone: &str) -> Result<String> {
    let phone = validate::optional(field, label, phone, 20)?;
    if !phone.chars().all(|ch| ch.is_ascii_digit() || " +-()转".contains(ch)) {
        return Err(Error::validation(field, format!("{label}格式不正确,只能包含数字、+、-、括号和空格")));
    }
    Ok(phone)
}

/// The input checked, with the ID number parsed (its birth date not after `today`).
struct Checked {
    input: WorkerInput,
    id: id_number::IdNumber,
}

/// The input trimmed and checked, with its ID number parsed (born by `today`).
pub(crate) fn checked(input: WorkerInput, today: NaiveDate) -> Result<(WorkerInput, id_number::IdNumber)> {
    check(input, today).map(|c| (c.input, c.id))
}

/// The audit row of a worker registered by another use-case (an import), in its transaction.
pub(crate) async fn audit_created(
    conn: &mut SqliteConnection,
    actor: &Actor,
    id: i64,
    summary: String,
    now: DateTime<Utc>,
) -> Result<()> {
    let after = Audited(load(conn, id).await?);
    audit::record(conn, Change::diff(actor, Entity::Worker, id, Action::Create, summary, None, Some(&after), now)?)
        .await
}

fn check(input: WorkerInput, today: NaiveDate) -> Result<Checked> {
    let id = id_number::parse(&input.id_number)?.born_by(today)?;
    let input = WorkerInput {
        name: validate::required("name", "姓名", &input.name, 32)?,
        id_number: id.normalized.clone(),
        category: input.category,
        unit_id: input.unit_id,
        trade: validate::optional("trade", "工种", &input.trade, 32)?,
        special_class: validate::optional("special_class", "特种作业类别", &input.special_class, 32)?,
        phone: check_phone("phone", "联系电话", &input.phone)?,
        emergency_contact: validate::optional("emergency_contact", "紧急联系人", &input.emergency_contact, 32)?,
        emergency_phone: check_phone("emergency_phone", "紧急联系电话", &input.emergency_phone)?,
        post_changed_on: input.post_changed_on,
        notes: validate::optional("notes", "备注", &input.notes, 2000)?,
    };
    if input.category == EngagementCategory::Outsourced && input.unit_id.is_none() {
        return Err(Error::validation("unit_id", "外包工必须填写所属承包单位"));
    }
    if input.category == EngagementCategory::AfterSales && input.unit_id.is_none() {
        return Err(Error::validation("unit_id", "售后服务人员必须填写所属单位(供应商)"));
    }
    Ok(Checked { input, id })
}

/// The unit's name, or a validation error naming the field when there is no such unit.
async fn unit_name(conn: &mut SqliteConnection, unit_id: Option<i64>) -> Result<String> {
    let Some(unit_id) = unit_id else { return Ok(String::new()) };
    sqlx::query_scalar!("SELECT name FROM contractor_unit WHERE id = ?", unit_id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| Error::validation("unit_id", "所属单位不存在,请先登记承包单位"))
}

fn search_text(input: &WorkerInput, unit_name: &str) -> String {
    search::normalise(&[input.name.as_str(), unit_name, &input.trade, &input.special_class].join(" "))
}

/// Refuses an ID number registered to another record, naming that record's holder.
async fn refuse_duplicate(conn: &mut SqliteConnection, id_number: &str, except: Option<i64>) -> Result<()> {
    let existing = sqlx::query!(r#"SELECT id AS "id!", name FROM contractor_worker WHERE id_number = ?"#, id_number)
        .fetch_optional(conn)
        .await?;
    match existing {
        Some(row) if Some(row.id) != except => Err(duplicate_message(&row.name)),
        _ => Ok(()),
    }
}

fn duplicate_message(name: &str) -> Error {
    Error::Duplicate(format!("该身份证号已登记为“{name}”,同一人只登记一次,请在外来人员中查找并修改"))
}

pub(crate) async fn insert(
    conn: &mut SqliteConnection,
    input: &WorkerInput,
    id: &id_number::IdNumber,
    created_by: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    refuse_duplicate(conn, &id.normalized, None).await?;
    let unit = unit_name(conn, input.unit_id).await?;
    let text = search_text(input, &unit);
    let (at, sex, category) = (db_time(now), id.sex.key(), input.category.key());
    let name = input.name.clone();
    let worker_id = sqlx::query_scalar!(
        r#"INSERT INTO contractor_worker (name, id_number, birth_date, sex, category, unit_id, trade, special_class,
                                          phone, emergency_contact, emergency_phone, post_changed_on, notes,
                                          search_text, created_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id AS "id!""#,
        input.name,
        id.normalized,
        id.birth_date,
        sex,
        category,
        input.unit_id,
        input.trade,
        input.special_class,
        input.phone,
        input.emergency_contact,
        input.emergency_phone,
        input.post_changed_on,
        input.notes,
        text,
        created_by,
        at,
        at
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| on_unique(e, || format!("该身份证号已登记(“{name}”)")))?;
    WORKER_SEARCH.write_grams(conn, worker_id, &text).await?;
    Ok(worker_id)
}

/// The full record (ID number unmasked): callers mask with [`shown`] before it leaves the core.
pub(crate) async fn load(conn: &mut SqliteConnection, id: i64) -> Result<Worker> {
    let r = sqlx::query!(
        r#"SELECT w.id AS "id!", w.name, w.id_number, w.sex, w.birth_date AS "birth_date: NaiveDate", w.category,
                  w.unit_id, u.name AS "unit_name?", w.trade, w.special_class, w.phone, w.emergency_contact,
                  w.emergency_phone, w.post_changed_on AS "post_changed_on: NaiveDate",
                  w.blacklisted AS "blacklisted: bool", w.blacklist_reason,
                  w.blacklisted_on AS "blacklisted_on: NaiveDate", w.blacklisted_by, w.notes, w.created_by,
                  w.created_at AS "created_at: DateTime<Utc>", w.updated_at AS "updated_at: DateTime<Utc>", w.version
           FROM contractor_worker w LEFT JOIN contractor_unit u ON u.id = w.unit_id
           WHERE w.id = ?"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound("外来人员"))?;
    let rows = sqlx::query!(
        r#"SELECT e.id AS "engagement_id!", r.id AS "roster_id!", e.number, e.title, e.category, e.state,
                  u.name AS "unit_name?", e.start_date AS "start_date: NaiveDate", e.end_date AS "end_date: NaiveDate",
                  r.working AS "working: bool"
           FROM contractor_roster r
           JOIN contractor_engagement e ON e.id = r.engagement_id
           LEFT JOIN contractor_unit u ON u.id = e.unit_id
           WHERE r.worker_id = ?
           ORDER BY e.start_date DESC, e.id DESC"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut engagements = Vec::with_capacity(rows.len());
    for e in rows {
        engagements.push(WorkerEngagement {
            engagement_id: e.engagement_id,
            roster_id: e.roster_id,
            number: e.number,
            title: e.title,
            category: EngagementCategory::stored(&e.category)?,
            state: EngagementState::stored(&e.state)?,
            unit_name: e.unit_name,
            start_date: e.start_date,
            end_date: e.end_date,
            working: e.working,
        });
    }
    Ok(Worker {
        id: r.id,
        name: r.name,
        id_number: r.id_number,
        id_number_full: true,
        sex: Sex::stored(&r.sex)?,
        birth_date: r.birth_date,
        category: EngagementCategory::stored(&r.category)?,
        unit_id: r.unit_id,
        unit_name: r.unit_name,
        trade: r.trade,
        special_class: r.special_class,
        phone: r.phone,
        emergency_contact: r.emergency_contact,
        emergency_phone: r.emergency_phone,
        post_changed_on: r.post_changed_on,
        blacklisted: r.blacklisted,
        blacklist_reason: r.blacklist_reason,
        blacklisted_on: r.blacklisted_on,
        blacklisted_by: r.blacklisted_by,
        notes: r.notes,
        photo: attachment::of_owner(conn, OwnerKind::WorkerPhoto, id).await?.pop(),
        engagements,
        created_by: r.created_by,
        created_at: r.created_at,
        updated_at: r.updated_at,
        version: r.version,
    })
}

/// Registers a person. A number already registered is refused, naming that record's holder.
pub async fn create(store: &Store, actor: &Actor, input: WorkerInput, now: DateTime<Utc>) -> Result<Worker> {
    actor.require(Permission::ManageWorkers)?;
    let checked = check(input, local_today(store, now).await?)?;
    let mut w = Write::begin(store, actor, now).await?;
    let id = insert(w.conn(), &checked.input, &checked.id, &actor.display_name, now).await?;
    let after: Audited = w.finish(id, Action::Create, None, |a: &Audited| format!("登记外来人员 {}", a.0.name)).await?;
    Ok(shown(after.0, actor))
}

pub async fn update(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    mut input: WorkerInput,
    now: DateTime<Utc>,
) -> Result<Worker> {
    actor.require(Permission::ManageWorkers)?;
    let today = local_today(store, now).await?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: Audited = w.load_at(id, version).await?;
    // The form shows what the user may see: the masked number sent back keeps the stored one.
    if input.id_number.trim() == id_number::mask(&before.0.id_number) {
        input.id_number = before.0.id_number.clone();
    }
    let checked = check(input, today)?;
    let input = &checked.input;
    refuse_duplicate(w.conn(), &checked.id.normalized, Some(id)).await?;
    let unit = unit_name(w.conn(), input.unit_id).await?;
    let text = search_text(input, &unit);
    let (at, sex, category) = (db_time(now), checked.id.sex.key(), input.category.key());
    let name = input.name.clone();
    let changed = sqlx::query!(
        "UPDATE contractor_worker SET name = ?, id_number = ?, birth_date = ?, sex = ?, category = ?, unit_id = ?,
                trade = ?, special_class = ?, phone = ?, emergency_contact = ?, emergency_phone = ?,
                post_changed_on = ?, notes = ?, search_text = ?, updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?",
        input.name,
        checked.id.normalized,
        checked.id.birth_date,
        sex,
        category,
        input.unit_id,
        input.trade,
        input.special_class,
        input.phone,
        input.emergency_contact,
        input.emergency_phone,
        input.post_changed_on,
        input.notes,
        text,
        at,
        id,
        version
    )
    .execute(w.conn())
    .await
    .map_err(|e| on_unique(e, || format!("该身份证号已登记(“{name}”)")))?
    .rows_affected();
    crate::write::one_row::<Audited>(changed)?;
    WORKER_SEARCH.write_grams(w.conn(), id, &text).await?;
    let after: Audited = w.finish(id, Action::Update, Some(&before), |a| format!("修改外来人员 {}", a.0.name)).await?;
    Ok(shown(after.0, actor))
}

/// Puts a person on the blacklist (reason required; the date and who decided are recorded) or
/// takes them off. The gate refuses a blacklisted person.
pub async fn set_blacklisted(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    blacklisted: bool,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Worker> {
    actor.require(Permission::BlacklistWorkers)?;
    let reason = super::blacklist_reason(blacklisted, reason)?;
    let today = local_today(store, now).await?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: Audited = w.load_at(id, version).await?;
    let (on, by, kept_reason) =
        super::blacklist_entry("此人", before.0.blacklisted, blacklisted, reason.clone(), today, actor)?;
    let at = db_time(now);
    let changed = sqlx::query!(
        "UPDATE contractor_worker SET blacklisted = ?, blacklist_reason = ?, blacklisted_on = ?, blacklisted_by = ?,
                updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?",
        blacklisted,
        kept_reason,
        on,
        by,
        at,
        id,
        version
    )
    .execute(w.conn())
    .await?
    .rows_affected();
    crate::write::one_row::<Audited>(changed)?;
    let (action, verb) = if blacklisted {
        (Action::WorkerBlacklist, "列入黑名单")
    } else {
        (Action::WorkerUnblacklist, "移出黑名单")
    };
    let after: Audited = w
        .finish(id, action, Some(&before), |a| {
            if reason.is_empty() {
                format!("外来人员 {} {verb}", a.0.name)
            } else {
                format!("外来人员 {} {verb}:{reason}", a.0.name)
            }
        })
        .await?;
    Ok(shown(after.0, actor))
}

pub async fn get(store: &Store, actor: &Actor, id: i64) -> Result<Worker> {
    actor.require(Permission::ViewContractors)?;
    let mut conn = store.pool().acquire().await?;
    Ok(shown(load(&mut conn, id).await?, actor))
}

/// The holder of an ID number (typed or read at the gate). The number is parsed first: a wrong
/// check character is a validation error on `id_number`, not "nobody".
pub async fn find_by_id_number(store: &Store, actor: &Actor, text: &str) -> Result<Option<Worker>> {
    actor.require(Permission::ViewContractors)?;
    let id = id_number::parse(text)?;
    let mut conn = store.pool().acquire().await?;
    let found = sqlx::query_scalar!(r#"SELECT id AS "id!" FROM contractor_worker WHERE id_number = ?"#, id.normalized)
        .fetch_optional(&mut *conn)
        .await?;
    match found {
        Some(worker_id) => Ok(Some(shown(load(&mut conn, worker_id).await?, actor))),
        None => Ok(None),
    }
}

pub async fn history(store: &Store, actor: &Actor, id: i64) -> Result<Vec<AuditEvent>> {
    actor.require(Permission::ViewContractors)?;
    let filter = AuditFilter {
        entity: Some(Entity::Worker.key().into()),
        entity_id: Some(id.to_string()),
        limit: Some(500),
        ..Default::default()
    };
    Ok(audit::query(store, &filter).await?.items)
}

/// People by name (as the collation orders them), keyset-paged.
const BY_NAME: Order = Order::new(&["w.name"], "w.id", false);

/// How the search box is read: a whole valid ID number, a search term, or nothing.
enum Lookup {
    IdNumber(String),
    Text(Term),
}

fn lookup(text: Option<&str>) -> Lookup {
    let text = text.unwrap_or_default();
    let normalised = id_number::normalise(text);
    if normalised.len() == 18
        && let Ok(id) = id_number::parse(&normalised)
    {
        return Lookup::IdNumber(id.normalized);
    }
    Lookup::Text(search::term(text))
}

fn push_filters(qb: &mut QueryBuilder<Sqlite>, query: &WorkerQuery, lookup: &Lookup) {
    qb.push(" WHERE 1 = 1");
    if let Some(unit_id) = query.unit_id {
        qb.push(" AND w.unit_id = ").push_bind(unit_id);
    }
    if let Some(category) = query.category {
        qb.push(" AND w.category = ").push_bind(category.key());
    }
    if let Some(b) = query.blacklisted {
        qb.push(" AND w.blacklisted = ").push_bind(b);
    }
    if let Some(engagement_id) = query.engagement_id {
        qb.push(" AND w.id IN (SELECT r.worker_id FROM contractor_roster r WHERE r.engagement_id = ")
            .push_bind(engagement_id)
            .push(" AND r.worker_id IS NOT NULL)");
    }
    match lookup {
        Lookup::IdNumber(number) => {
            qb.push(" AND w.id_number = ").push_bind(number.clone());
        }
        Lookup::Text(Term::Empty) => {}
        Lookup::Text(term) => {
            qb.push(" AND");
            WORKER_SEARCH.push_match(qb, "w.id", term);
        }
    }
}

pub async fn list(store: &Store, actor: &Actor, query: &WorkerQuery) -> Result<WorkerPage> {
    actor.require(Permission::ViewContractors)?;
    let pool = store.pool();
    let limit = listing::limit(query.limit, 20, 200);
    let lookup = lookup(query.text.as_deref());
    let mut count = QueryBuilder::<Sqlite>::new("SELECT count(*) FROM (SELECT 1 FROM contractor_worker w");
    push_filters(&mut count, query, &lookup);
    count.push(" LIMIT ").push_bind(listing::COUNT_CAP + 1).push(")");
    let counted: i64 = count.build_query_scalar().fetch_one(pool).await?;

    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT w.id, w.name, w.id_number, w.sex, w.birth_date, w.category, w.unit_id, u.name AS unit_name,
                w.trade, w.special_class, w.phone, w.blacklisted
         FROM (SELECT w.id AS page_id FROM contractor_worker w",
    );
    push_filters(&mut qb, query, &lookup);
    BY_NAME.push_after(&mut qb, query.after.as_ref())?;
    BY_NAME.push_order_limit(&mut qb, limit);
    qb.push(
        ") p CROSS JOIN contractor_worker w ON w.id = p.page_id
         LEFT JOIN contractor_unit u ON u.id = w.unit_id
         ORDER BY",
    );
    BY_NAME.push_terms(&mut qb);
    let mut rows: Vec<WorkerSummary> = qb.build_query_as().fetch_all(pool).await?;
    if !sees_id_numbers(actor) {
        for row in &mut rows {
            row.id_number = id_number::mask(&row.id_number);
        }
    }
    // The cursor holds the name and id only (never the ID number).
    Ok(BY_NAME.page(rows, limit, counted, |w| vec![Key::from(w.name.clone()), w.id.into()]))
}

/// Sets the person's photo (an image file: JPG, PNG …); a previous photo is taken off the record.
/// The stored file is named after the person (a photo file is often named by the ID number).
pub async fn set_photo(store: &Store, actor: &Actor, id: i64, path: &Path, now: DateTime<Utc>) -> Result<Worker> {
    actor.require(Permission::ManageWorkers)?;
    let mut staged = attachment::stage_all(store, &[path.to_path_buf()])?.remove(0);
    if !staged.media_type.starts_with("image/") {
        return Err(Error::validation("photo", "人员照片只能是图片(JPG、PNG 等),不能是文档或 PDF"));
    }
    let mut w = Write::begin(store, actor, now).await?;
    let before: Audited = w.load(id).await?;
    staged.file_name = format!("{}照片.{}", before.0.name, staged.extension);
    let owner = OwnerKind::WorkerPhoto.key();
    sqlx::query!("DELETE FROM attachment WHERE owner_type = ? AND owner_id = ?", owner, id).execute(w.conn()).await?;
    attachment::link(w.conn(), actor, OwnerKind::WorkerPhoto, id, &staged, "", now).await?;
    let at = db_time(now);
    sqlx::query!("UPDATE contractor_worker SET updated_at = ?, version = version + 1 WHERE id = ?", at, id)
        .execute(w.conn())
        .await?;
    let after: Audited =
        w.finish(id, Action::Update, Some(&before), |a| format!("外来人员 {} 更换照片", a.0.name)).await?;
    Ok(shown(after.0, actor))
}

/// Where the person's photo is stored (None: no photo), for printing it on the entry pass.
pub async fn photo_path(store: &Store, actor: &Actor, id: i64) -> Result<Option<PathBuf>> {
    actor.require(Permission::ViewContractors)?;
    let mut conn = store.pool().acquire().await?;
    let photo = attachment::of_owner(&mut conn, OwnerKind::WorkerPhoto, id).await?.pop();
    drop(conn);
    match photo {
        Some(a) => Ok(Some(attachment::file(store, actor, a.id).await?.1)),
        None => Ok(None),
    }
}
