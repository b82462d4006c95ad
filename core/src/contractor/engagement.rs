//! Engagements (用工/发包项目): registration with their checklist, the documents handed in and
//! reviewed, the safety department's approval, start, end, and the name roster. Every use-case
//! asks `review::decide` / `checklist::decide_item` and writes what they decided, with the audit
//! row, in one transaction.

use std::path::PathBuf;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use super::checklist::{self, ChecklistItemKind, ChecklistState, EngagementCategory, ItemCommand};
use super::local_today;
use super::review::{self, EngagementCommand, EngagementState, Facts, Who};
use crate::account::{Actor, Permission, Role};
use crate::attachment::{self, Attachment, OwnerKind};
use crate::audit::{self, Action, AuditEvent, AuditFilter, Entity};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::listing::{self, Cursor, Key, Order, Page};
use crate::search::{self, SearchIndex, Term};
use crate::write::{Record, Write, one_row};
use crate::{sequence, validate};

/// The engagements' search index (number, title, unit, place, contract number).
pub const ENGAGEMENT_SEARCH: SearchIndex = SearchIndex::new("contractor_engagement", "engagement_id");

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ChecklistItem {
    pub id: i64,
    pub kind: ChecklistItemKind,
    /// As of today: a handed-in document past its validity (or a qualification proof of a unit
    /// with a lapsed certificate) shows 过期.
    pub state: ChecklistState,
    /// The program prints this document (the agreement, the briefing sheet).
    pub printable: bool,
    pub valid_to: Option<NaiveDate>,
    pub submitted_by: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub reviewer: String,
    pub reviewed_at: Option<DateTime<Utc>>,
    /// The reviewer's comment; the reason when returned.
    pub comment: String,
    pub attachments: Vec<Attachment>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct RosterEntry {
    pub id: i64,
    pub name: String,
    pub trade: String,
    /// 上岗 (only once the package is approved).
    pub working: bool,
    pub added_by: String,
    pub added_at: DateTime<Utc>,
    // --- workers ---
    /// The registered person (None: a name-only row of issue 9).
    pub worker_id: Option<i64>,
    /// Always masked here (the engagement's record is audited and shown to the gate).
    pub id_number: String,
    pub special_class: String,
    /// Why a person of another unit than the engagement's is on the roster.
    pub unit_note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct RosterInput {
    pub name: String,
    pub trade: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Engagement {
    pub id: i64,
    pub number: String,
    pub category: EngagementCategory,
    pub department_id: i64,
    pub department_name: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub unit_credit_code: Option<String>,
    pub unit_blacklisted: bool,
    pub title: String,
    pub content: String,
    pub place: String,
    pub area: String,
    pub contract_number: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub no_subcontracting: bool,
    pub deposit_fen: i64,
    pub deposit_terms: String,
    /// The agreement template of the first print (reprints use it); `None` until printed.
    pub agreement_template_version: Option<i64>,
    pub state: EngagementState,
    pub review_round: i64,
    /// 安全管理部 stamped and signed: who and when (`None` until approved, cleared when a change
    /// reopens the review).
    pub approved_by: String,
    pub approved_at: Option<DateTime<Utc>>,
    pub end_reason: String,
    pub ended_at: Option<DateTime<Utc>>,
    pub items: Vec<ChecklistItem>,
    pub roster: Vec<RosterEntry>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct EngagementInput {
    pub category: EngagementCategory,
    /// The hiring or contracting department (a hiring department registers its own only).
    pub department_id: i64,
    /// None only for an individual 外用工.
    pub unit_id: Option<i64>,
    /// 项目名称
    pub title: String,
    /// 工作内容 / 承包范围
    pub content: String,
    pub place: String,
    pub area: String,
    pub contract_number: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// 不转包、不分包 undertaking given.
    pub no_subcontracting: bool,
    pub deposit_fen: i64,
    pub deposit_terms: String,
}

impl EngagementInput {
    pub fn checked(self) -> Result<EngagementInput> {
        if self.category.needs_unit() && self.unit_id.is_none() {
            return Err(Error::validation("unit_id", format!("{}须选择承包(服务)单位", self.category.label())));
        }
        if self.end_date < self.start_date {
            return Err(Error::validation("end_date", "结束日期不能早于开始日期"));
        }
        if self.deposit_fen < 0 {
            return Err(Error::validation("deposit_fen", "安全风险抵押金不能为负数"));
        }
        Ok(EngagementInput {
            title: validate::required("title", "项目名称", &self.title, 100)?,
            content: validate::required("content", "工作内容", &self.content, 2000)?,
            place: validate::required("place", "作业地点", &self.place, 100)?,
            area: validate::optional("area", "作业区域", &self.area, 100)?,
            contract_number: validate::optional("contract_number", "合同编号", &self.contract_number, 64)?,
            deposit_terms: validate::optional("deposit_terms", "抵押金约定", &self.deposit_terms, 500)?,
            ..self
        })
    }

    fn scope_differs(&self, e: &Engagement) -> bool {
        self.title != e.title
            || self.content != e.content
            || self.place != e.place
            || self.area != e.area
            || self.start_date != e.start_date
            || self.end_date != e.end_date
            || self.unit_id != e.unit_id
    }
}

impl Record for Engagement {
    const ENTITY: Entity = Entity::ContractorEngagement;
    async fn load(conn: &mut SqliteConnection, id: i64) -> Result<Engagement> {
        load(conn, id, None).await
    }
    fn version(&self) -> i64 {
        self.version
    }
}

/// May the actor change this department's engagements: the safety department and the
/// administrator any; a hiring department its own.
pub(crate) fn can_manage(actor: &Actor, department_id: i64) -> Result<()> {
    actor.require(Permission::ManageEngagements)?;
    if actor.role == Role::HiringDept && actor.department_id != Some(department_id) {
        return Err(Error::Forbidden("用工(发包)部门只能办理本部门的项目".into()));
    }
    Ok(())
}

fn who(actor: &Actor, e: &Engagement) -> Who {
    Who {
        reviewer: actor.role.can(Permission::ReviewEngagements),
        own_department: actor.department_id == Some(e.department_id),
    }
}

fn item_states(e: &Engagement) -> Vec<(ChecklistItemKind, ChecklistState)> {
    e.items.iter().map(|i| (i.kind, i.state)).collect()
}

pub(crate) async fn load(conn: &mut SqliteConnection, id: i64, today: Option<NaiveDate>) -> Result<Engagement> {
    let r = sqlx::query!(
        r#"SELECT e.id AS "id!", e.number, e.category, e.department_id, d.name AS department_name, e.unit_id,
                  u.name AS "unit_name?", u.credit_code AS "unit_credit_code?",
                  coalesce(u.blacklisted, 0) AS "unit_blacklisted!: bool",
                  e.title, e.content, e.place, e.area, e.contract_number,
                  e.start_date AS "start_date: NaiveDate", e.end_date AS "end_date: NaiveDate",
                  e.no_subcontracting AS "no_subcontracting: bool", e.deposit_fen, e.deposit_terms,
                  e.agreement_template_version, e.state, e.review_round, e.approved_by,
                  e.approved_at AS "approved_at: DateTime<Utc>", e.end_reason, e.ended_at AS "ended_at: DateTime<Utc>",
                  e.created_by, e.created_at AS "created_at: DateTime<Utc>", e.updated_at AS "updated_at: DateTime<Utc>",
                  e.version
           FROM contractor_engagement e
           JOIN department d ON d.id = e.department_id
           LEFT JOIN contractor_unit u ON u.id = e.unit_id
           WHERE e.id = ?"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound("用工(发包)项目"))?;
    let lapsed = match (today, r.unit_id) {
        (Some(today), Some(unit_id)) => sqlx::query_scalar!(
            r#"SELECT EXISTS (SELECT 1 FROM contractor_certificate WHERE unit_id = ? AND valid_to < ?) AS "x!: bool""#,
            unit_id,
            today
        )
        .fetch_one(&mut *conn)
        .await?,
        _ => false,
    };
    let rows = sqlx::query!(
        r#"SELECT id AS "id!", kind, state, valid_to AS "valid_to: NaiveDate", submitted_by,
                  submitted_at AS "submitted_at: DateTime<Utc>", reviewer, reviewed_at AS "reviewed_at: DateTime<Utc>", comment
           FROM contractor_item WHERE engagement_id = ? ORDER BY sort_order"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut items = Vec::with_capacity(rows.len());
    for i in rows {
        let kind = ChecklistItemKind::stored(&i.kind)?;
        let stored = ChecklistState::stored(&i.state)?;
        let state = match today {
            Some(today) => checklist::effective_state(stored, kind, i.valid_to, lapsed, today),
            None => stored,
        };
        items.push(ChecklistItem {
            id: i.id,
            kind,
            state,
            printable: kind.printable(),
            valid_to: i.valid_to,
            submitted_by: i.submitted_by,
            submitted_at: i.submitted_at,
            reviewer: i.reviewer,
            reviewed_at: i.reviewed_at,
            comment: i.comment,
            attachments: attachment::of_owner(conn, OwnerKind::ContractorItem, i.id).await?,
        });
    }
    let roster = sqlx::query!(
        r#"SELECT r.id AS "id!", r.name, r.trade, r.working AS "working: bool", r.added_by,
                  r.added_at AS "added_at: DateTime<Utc>", r.worker_id, w.id_number AS "id_number?",
                  w.special_class AS "special_class?", r.unit_note
           FROM contractor_roster r LEFT JOIN contractor_worker w ON w.id = r.worker_id
           WHERE r.engagement_id = ? ORDER BY r.id"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|p| RosterEntry {
        id: p.id,
        name: p.name,
        trade: p.trade,
        working: p.working,
        added_by: p.added_by,
        added_at: p.added_at,
        worker_id: p.worker_id,
        id_number: p.id_number.as_deref().map(super::id_number::mask).unwrap_or_default(),
        special_class: p.special_class.unwrap_or_default(),
        unit_note: p.unit_note,
    })
    .collect();
    Ok(Engagement {
        id: r.id,
        number: r.number,
        category: EngagementCategory::stored(&r.category)?,
        department_id: r.department_id,
        department_name: r.department_name,
        unit_id: r.unit_id,
        unit_name: r.unit_name,
        unit_credit_code: r.unit_credit_code,
        unit_blacklisted: r.unit_blacklisted,
        title: r.title,
        content: r.content,
        place: r.place,
        area: r.area,
        contract_number: r.contract_number,
        start_date: r.start_date,
        end_date: r.end_date,
        no_subcontracting: r.no_subcontracting,
        deposit_fen: r.deposit_fen,
        deposit_terms: r.deposit_terms,
        agreement_template_version: r.agreement_template_version,
        state: EngagementState::stored(&r.state)?,
        review_round: r.review_round,
        approved_by: r.approved_by,
        approved_at: r.approved_at,
        end_reason: r.end_reason,
        ended_at: r.ended_at,
        items,
        roster,
        created_by: r.created_by,
        created_at: r.created_at,
        updated_at: r.updated_at,
        version: r.version,
    })
}

fn search_text(number: &str, input: &EngagementInput, unit_name: &str) -> String {
    search::normalise(&[number, &input.title, unit_name, &input.place, &input.area, &input.contract_number].join(" "))
}

/// The unit an engagement may name: it exists and is not blacklisted. Returns its name.
async fn usable_unit(conn: &mut SqliteConnection, unit_id: Option<i64>) -> Result<String> {
    let Some(unit_id) = unit_id else { return Ok(String::new()) };
    let unit =
        sqlx::query!(r#"SELECT name, blacklisted AS "blacklisted: bool" FROM contractor_unit WHERE id = ?"#, unit_id)
            .fetch_optional(conn)
            .await?
            .ok_or_else(|| Error::validation("unit_id", "所选承包单位不存在"))?;
    if unit.blacklisted {
        return Err(Error::validation("unit_id", format!("承包单位“{}”已列入黑名单,不能雇佣或发包", unit.name)));
    }
    Ok(unit.name)
}

async fn department_active(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    let active = sqlx::query_scalar!(r#"SELECT active AS "active: bool" FROM department WHERE id = ?"#, id)
        .fetch_optional(conn)
        .await?;
    if active != Some(true) {
        return Err(Error::validation("department_id", "用工(发包)部门不存在或已停用"));
    }
    Ok(())
}

/// Counts the items that block approval (as stored) onto the row, for the list's 缺项 filter.
async fn refresh_open_items(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    sqlx::query!(
        "UPDATE contractor_engagement SET open_items =
             (SELECT count(*) FROM contractor_item WHERE engagement_id = ?1 AND state IN ('missing', 'returned', 'expired'))
         WHERE id = ?1",
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Inserts a checked engagement with its numbered checklist (no audit row; the caller writes it).
pub(crate) async fn insert(
    conn: &mut SqliteConnection,
    input: &EngagementInput,
    number: &str,
    created_by: &str,
    unit_name: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let (at, category, state) = (db_time(now), input.category.key(), EngagementState::Preparing.key());
    let text = search_text(number, input, unit_name);
    let id = sqlx::query_scalar!(
        r#"INSERT INTO contractor_engagement (number, category, department_id, unit_id, title, content, place, area,
                contract_number, start_date, end_date, no_subcontracting, deposit_fen, deposit_terms, state,
                search_text, created_by, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id AS "id!""#,
        number,
        category,
        input.department_id,
        input.unit_id,
        input.title,
        input.content,
        input.place,
        input.area,
        input.contract_number,
        input.start_date,
        input.end_date,
        input.no_subcontracting,
        input.deposit_fen,
        input.deposit_terms,
        state,
        text,
        created_by,
        at,
        at
    )
    .fetch_one(&mut *conn)
    .await?;
    for (order, kind) in input.category.checklist().iter().enumerate() {
        let (key, order, title) = (kind.key(), order as i64, format!("{number} {}", kind.label()));
        sqlx::query!(
            "INSERT INTO contractor_item (engagement_id, kind, sort_order, title) VALUES (?, ?, ?, ?)",
            id,
            key,
            order,
            title
        )
        .execute(&mut *conn)
        .await?;
    }
    refresh_open_items(conn, id).await?;
    ENGAGEMENT_SEARCH.write_grams(conn, id, &text).await?;
    Ok(id)
}

/// The next WY-/WB-/SH-YYYY-NNNN of the category in the company's local year of `today`.
pub(crate) async fn next_number(
    conn: &mut SqliteConnection,
    category: EngagementCategory,
    today: NaiveDate,
) -> Result<String> {
    let year = i64::from(today.year());
    let prefix = category.prefix();
    let n = sequence::next(conn, &format!("engagement-{prefix}"), year).await?;
    Ok(format!("{prefix}-{year}-{n:04}"))
}

/// 登记: a new engagement with the checklist of its category, all items 缺.
pub async fn register(store: &Store, actor: &Actor, input: EngagementInput, now: DateTime<Utc>) -> Result<Engagement> {
    let input = input.checked()?;
    can_manage(actor, input.department_id)?;
    let today = local_today(store, now).await?;
    let mut w = Write::begin(store, actor, now).await?;
    department_active(w.conn(), input.department_id).await?;
    let unit_name = usable_unit(w.conn(), input.unit_id).await?;
    let number = next_number(w.conn(), input.category, today).await?;
    let id = insert(w.conn(), &input, &number, &actor.display_name, &unit_name, now).await?;
    w.finish(id, Action::Register, None, |e: &Engagement| {
        format!("{} 登记{}项目 {}", e.number, e.category.label(), e.title)
    })
    .await
}

/// Changes the details. A change of scope, place, dates or unit after approval reopens the
/// review (the package goes back before the safety department).
pub async fn update(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    input: EngagementInput,
    now: DateTime<Utc>,
) -> Result<Engagement> {
    let input = input.checked()?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: Engagement = w.load_at(id, version).await?;
    can_manage(actor, before.department_id)?;
    can_manage(actor, input.department_id)?;
    if input.category != before.category {
        return Err(Error::validation("category", "登记后不能改变人员类别(资料清单随类别而定),请终止后重新登记"));
    }
    if input.department_id != before.department_id {
        department_active(w.conn(), input.department_id).await?;
    }
    let unit_name = if input.unit_id == before.unit_id {
        before.unit_name.clone().unwrap_or_default()
    } else {
        usable_unit(w.conn(), input.unit_id).await?
    };
    let reopened = before.state.is_approved() && input.scope_differs(&before);
    let state = review::after_change(before.state, input.scope_differs(&before))?;
    let (at, text, state_key) = (db_time(now), search_text(&before.number, &input, &unit_name), state.key());
    let round = before.review_round + i64::from(reopened);
    let changed = sqlx::query!(
        "UPDATE contractor_engagement SET department_id = ?, unit_id = ?, title = ?, content = ?, place = ?, area = ?,
                contract_number = ?, start_date = ?, end_date = ?, no_subcontracting = ?, deposit_fen = ?,
                deposit_terms = ?, state = ?, review_round = ?, search_text = ?, updated_at = ?, version = version + 1,
                approved_by_id = CASE WHEN ? THEN NULL ELSE approved_by_id END,
                approved_by = CASE WHEN ? THEN '' ELSE approved_by END,
                approved_at = CASE WHEN ? THEN NULL ELSE approved_at END
         WHERE id = ? AND version = ?",
        input.department_id,
        input.unit_id,
        input.title,
        input.content,
        input.place,
        input.area,
        input.contract_number,
        input.start_date,
        input.end_date,
        input.no_subcontracting,
        input.deposit_fen,
        input.deposit_terms,
        state_key,
        round,
        text,
        at,
        reopened,
        reopened,
        reopened,
        id,
        version
    )
    .execute(w.conn())
    .await?
    .rows_affected();
    one_row::<Engagement>(changed)?;
    ENGAGEMENT_SEARCH.write_grams(w.conn(), id, &text).await?;
    let (action, what) = if reopened {
        (Action::ReopenReview, "审批后变更范围或日期,重新提交安全管理部审核")
    } else {
        (Action::Update, "修改项目信息")
    };
    w.finish(id, action, Some(&before), |e| format!("{} {what}", e.number)).await
}

/// Submit, approve, start, complete or terminate (`reason` for terminating).
pub async fn transition(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    command: EngagementCommand,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Engagement> {
    let today = local_today(store, now).await?;
    let mut w = Write::begin(store, actor, now).await?;
    let stored: Engagement = w.load_at(id, version).await?;
    if command == EngagementCommand::Approve {
        actor.require(Permission::ReviewEngagements)?;
    } else {
        can_manage(actor, stored.department_id)?;
    }
    let current = load(w.conn(), id, Some(today)).await?;
    let items = item_states(&current);
    let facts = Facts {
        state: current.state,
        category: current.category,
        items: &items,
        unit_blacklisted: current.unit_blacklisted,
        no_subcontracting: current.no_subcontracting,
    };
    let outcome = review::decide(&facts, &who(actor, &current), command, reason)?;
    let reason = validate::optional("reason", "原因", reason, 500)?;
    let at = db_time(now);
    let to = outcome.to.key();
    let round = current.review_round + i64::from(command == EngagementCommand::Submit);
    let changed = sqlx::query!(
        "UPDATE contractor_engagement SET state = ?, review_round = ?, updated_at = ?, version = version + 1,
                approved_by_id = CASE WHEN ? THEN ? ELSE approved_by_id END,
                approved_by = CASE WHEN ? THEN ? ELSE approved_by END,
                approved_at = CASE WHEN ? THEN ? ELSE approved_at END,
                end_reason = CASE WHEN ? THEN ? ELSE end_reason END,
                ended_at = CASE WHEN ? THEN ? ELSE ended_at END
         WHERE id = ? AND version = ?",
        to,
        round,
        at,
        outcome.stamps,
        actor.user_id,
        outcome.stamps,
        actor.display_name,
        outcome.stamps,
        at,
        outcome.ends,
        reason,
        outcome.ends,
        at,
        id,
        version
    )
    .execute(w.conn())
    .await?
    .rows_affected();
    one_row::<Engagement>(changed)?;
    if outcome.accept_submitted {
        sqlx::query!(
            "UPDATE contractor_item SET state = 'accepted', reviewer_id = ?, reviewer = ?, reviewed_at = ?
             WHERE engagement_id = ? AND state = 'submitted'",
            actor.user_id,
            actor.display_name,
            at,
            id
        )
        .execute(w.conn())
        .await?;
        refresh_open_items(w.conn(), id).await?;
    }
    let action = match command {
        EngagementCommand::Submit => Action::SubmitForReview,
        EngagementCommand::Approve => Action::SafetyApprove,
        EngagementCommand::Start => Action::StartWork,
        EngagementCommand::Complete => Action::Complete,
        EngagementCommand::Terminate => Action::Terminate,
    };
    let summary = match command {
        EngagementCommand::Approve => format!("安全管理部审查合格,盖章确认(审批人 {})", actor.display_name),
        EngagementCommand::Terminate => format!("终止:{reason}"),
        c => c.label().to_owned(),
    };
    w.finish(id, action, Some(&stored), |e| format!("{} {summary}", e.number)).await
}

/// The item and its engagement, for an item use-case.
async fn item_and_engagement(w: &mut Write<'_>, item_id: i64) -> Result<(i64, ChecklistItemKind, Engagement)> {
    let row = sqlx::query!("SELECT engagement_id, kind FROM contractor_item WHERE id = ?", item_id)
        .fetch_optional(w.conn())
        .await?
        .ok_or(Error::NotFound("清单资料"))?;
    let e: Engagement = w.load(row.engagement_id).await?;
    Ok((row.engagement_id, ChecklistItemKind::stored(&row.kind)?, e))
}

/// Hands in scans of a checklist item (dialog or drag and drop): the files are attached to the
/// item and it becomes 已交; `valid_to` is the document's end of validity when it has one.
pub async fn upload_item(
    store: &Store,
    actor: &Actor,
    item_id: i64,
    paths: &[PathBuf],
    valid_to: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<Engagement> {
    actor.require(Permission::ManageEngagements)?;
    if paths.is_empty() {
        return Err(Error::validation("paths", "请选择要上传的扫描件"));
    }
    let today = local_today(store, now).await?;
    let staged = attachment::stage_all(store, paths)?;
    let mut w = Write::begin(store, actor, now).await?;
    let (id, kind, before) = item_and_engagement(&mut w, item_id).await?;
    can_manage(actor, before.department_id)?;
    if !before.state.takes_documents() {
        return Err(Error::validation(
            "state",
            format!("项目当前为“{}”,不能再交资料;审批后如有变更,请先修改项目信息重新提交审核", before.state.label()),
        ));
    }
    let current = load(w.conn(), id, Some(today)).await?;
    let state = current.items.iter().find(|i| i.id == item_id).map(|i| i.state).unwrap_or(ChecklistState::Missing);
    let next = checklist::decide_item(state, ItemCommand::Upload, "")?;
    if let Some(d) = valid_to
        && d < today
    {
        return Err(Error::validation("valid_to", "资料有效期已过,请上传有效的资料"));
    }
    for s in &staged {
        attachment::link(w.conn(), actor, OwnerKind::ContractorItem, item_id, s, "", now).await?;
    }
    let (at, next_key) = (db_time(now), next.key());
    sqlx::query!(
        "UPDATE contractor_item SET state = ?, submitted_by = ?, submitted_at = ?, valid_to = coalesce(?, valid_to)
         WHERE id = ?",
        next_key,
        actor.display_name,
        at,
        valid_to,
        item_id
    )
    .execute(w.conn())
    .await?;
    touch(w.conn(), id, now).await?;
    refresh_open_items(w.conn(), id).await?;
    let files = staged.len();
    w.finish(id, Action::UploadItem, Some(&before), |e| format!("{} 交来“{}”扫描件 {files} 个", e.number, kind.label()))
        .await
}

/// Bumps the engagement's version (its documents or roster changed).
pub(crate) async fn touch(conn: &mut SqliteConnection, id: i64, now: DateTime<Utc>) -> Result<()> {
    let at = db_time(now);
    sqlx::query!("UPDATE contractor_engagement SET updated_at = ?, version = version + 1 WHERE id = ?", at, id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The safety department accepts a handed-in document, or returns it with the reason (a package
/// under review then goes back to the hiring department).
pub async fn review_item(
    store: &Store,
    actor: &Actor,
    item_id: i64,
    accept: bool,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<Engagement> {
    actor.require(Permission::ReviewEngagements)?;
    let comment = validate::optional("reason", "审核意见", comment, 500)?;
    let today = local_today(store, now).await?;
    let mut w = Write::begin(store, actor, now).await?;
    let (id, kind, before) = item_and_engagement(&mut w, item_id).await?;
    if actor.department_id == Some(before.department_id) {
        return Err(Error::Forbidden("用工(发包)部门不能审核本部门的项目".into()));
    }
    if !matches!(before.state, EngagementState::Submitted | EngagementState::Returned) {
        return Err(Error::validation(
            "state",
            format!("项目当前为“{}”,只有待审核或已退回的项目可以审核资料", before.state.label()),
        ));
    }
    let current = load(w.conn(), id, Some(today)).await?;
    let state = current.items.iter().find(|i| i.id == item_id).map(|i| i.state).unwrap_or(ChecklistState::Missing);
    let command = if accept { ItemCommand::Accept } else { ItemCommand::Return };
    let next = checklist::decide_item(state, command, &comment)?;
    let (at, next_key) = (db_time(now), next.key());
    sqlx::query!(
        "UPDATE contractor_item SET state = ?, reviewer_id = ?, reviewer = ?, reviewed_at = ?, comment = ? WHERE id = ?",
        next_key,
        actor.user_id,
        actor.display_name,
        at,
        comment,
        item_id
    )
    .execute(w.conn())
    .await?;
    let engagement_state = if accept { before.state } else { review::after_item_return(before.state) };
    let state_key = engagement_state.key();
    sqlx::query!(
        "UPDATE contractor_engagement SET state = ?, updated_at = ?, version = version + 1 WHERE id = ?",
        state_key,
        at,
        id
    )
    .execute(w.conn())
    .await?;
    refresh_open_items(w.conn(), id).await?;
    let (action, what) = if accept {
        (Action::AcceptItem, format!("“{}”审核通过", kind.label()))
    } else {
        (Action::ReturnItem, format!("“{}”退回:{comment}", kind.label()))
    };
    w.finish(id, action, Some(&before), |e| format!("{} {what}", e.number)).await
}

/// Adds names to the roster; `working` (上岗) only once the package is approved.
pub async fn roster_add(
    store: &Store,
    actor: &Actor,
    id: i64,
    people: Vec<RosterInput>,
    working: bool,
    now: DateTime<Utc>,
) -> Result<Engagement> {
    let mut clean = Vec::with_capacity(people.len());
    for p in people {
        clean.push((
            validate::required("name", "姓名", &p.name, 32)?,
            validate::optional("trade", "工种", &p.trade, 32)?,
        ));
    }
    if clean.is_empty() {
        return Err(Error::validation("name", "请填写人员姓名"));
    }
    let mut w = Write::begin(store, actor, now).await?;
    let before: Engagement = w.load(id).await?;
    can_manage(actor, before.department_id)?;
    if before.state.is_ended() {
        return Err(Error::validation("state", format!("项目已{},不能再增加人员", before.state.label())));
    }
    if working {
        review::may_work(before.state)?;
        return Err(unregistered_cannot_work(&clean[0].0));
    }
    let at = db_time(now);
    for (name, trade) in &clean {
        sqlx::query!(
            "INSERT INTO contractor_roster (engagement_id, name, trade, working, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)",
            id,
            name,
            trade,
            working,
            actor.display_name,
            at
        )
        .execute(w.conn())
        .await?;
    }
    touch(w.conn(), id, now).await?;
    let names: Vec<&str> = clean.iter().map(|(n, _)| n.as_str()).collect();
    let verb = if working { "人员上岗" } else { "登记拟用人员" };
    w.finish(id, Action::Roster, Some(&before), |e| format!("{} {verb}:{}", e.number, names.join("、"))).await
}

/// A name typed on the roster is nobody the core can check: it may be listed as planned (拟用),
/// never put to work.
fn unregistered_cannot_work(name: &str) -> Error {
    Error::validation(
        "working",
        format!(
            "{name}未在外来人员档案中登记,无法核对三级安全教育和特种作业证,不能上岗:请先登记该人员(身份证号),再从档案加入名单"
        ),
    )
}

/// Puts a person on the roster to work (上岗: only once approved, only a registered person who
/// passes the gate's person rules — 三级安全教育, 特种作业证, re-training, not blacklisted) or off it.
pub async fn roster_set_working(
    store: &Store,
    actor: &Actor,
    entry_id: i64,
    working: bool,
    now: DateTime<Utc>,
) -> Result<Engagement> {
    let settings = crate::settings::load(store).await?;
    let on = settings.today(now);
    let mut w = Write::begin(store, actor, now).await?;
    let row = sqlx::query!("SELECT engagement_id, name, worker_id FROM contractor_roster WHERE id = ?", entry_id)
        .fetch_optional(w.conn())
        .await?
        .ok_or(Error::NotFound("人员"))?;
    let before: Engagement = w.load(row.engagement_id).await?;
    can_manage(actor, before.department_id)?;
    if working {
        review::may_work(before.state)?;
        let worker_id = row.worker_id.ok_or_else(|| unregistered_cannot_work(&row.name))?;
        super::entry::require_fit_for_work(w.conn(), worker_id, before.id, &settings.safety_rules(), on).await?;
    }
    sqlx::query!("UPDATE contractor_roster SET working = ? WHERE id = ?", working, entry_id).execute(w.conn()).await?;
    touch(w.conn(), before.id, now).await?;
    let verb = if working { "上岗" } else { "下岗" };
    let name = row.name;
    w.finish(before.id, Action::Roster, Some(&before), |e| format!("{} {name} {verb}", e.number)).await
}

pub async fn roster_remove(store: &Store, actor: &Actor, entry_id: i64, now: DateTime<Utc>) -> Result<Engagement> {
    let mut w = Write::begin(store, actor, now).await?;
    let row = sqlx::query!("SELECT engagement_id, name FROM contractor_roster WHERE id = ?", entry_id)
        .fetch_optional(w.conn())
        .await?
        .ok_or(Error::NotFound("人员"))?;
    let before: Engagement = w.load(row.engagement_id).await?;
    can_manage(actor, before.department_id)?;
    sqlx::query!("DELETE FROM contractor_roster WHERE id = ?", entry_id).execute(w.conn()).await?;
    touch(w.conn(), before.id, now).await?;
    let name = row.name;
    w.finish(before.id, Action::Roster, Some(&before), |e| format!("{} 从名单删除 {name}", e.number)).await
}

/// Records the agreement template of the first print (later prints keep it); returns the
/// version in force for the engagement. For the printed forms.
pub async fn agreement_template_version(conn: &mut SqliteConnection, id: i64, current: i64) -> Result<i64> {
    sqlx::query!(
        "UPDATE contractor_engagement SET agreement_template_version = ? WHERE id = ? AND agreement_template_version IS NULL",
        current,
        id
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query_scalar!(r#"SELECT agreement_template_version AS "v!" FROM contractor_engagement WHERE id = ?"#, id)
        .fetch_optional(conn)
        .await?
        .ok_or(Error::NotFound("用工(发包)项目"))
}

/// The engagement as of `now` (documents past their validity show 过期).
pub async fn get(store: &Store, actor: &Actor, id: i64, now: DateTime<Utc>) -> Result<Engagement> {
    actor.require(Permission::ViewContractors)?;
    let today = local_today(store, now).await?;
    let mut conn = store.pool().acquire().await?;
    load(&mut conn, id, Some(today)).await
}

pub async fn id_by_number(store: &Store, actor: &Actor, number: &str) -> Result<i64> {
    actor.require(Permission::ViewContractors)?;
    let number = number.trim().to_uppercase();
    sqlx::query_scalar!("SELECT id FROM contractor_engagement WHERE number = ?", number)
        .fetch_optional(store.pool())
        .await?
        .ok_or(Error::NotFound("用工(发包)项目"))
}

pub async fn history(store: &Store, actor: &Actor, id: i64) -> Result<Vec<AuditEvent>> {
    actor.require(Permission::ViewContractors)?;
    let filter = AuditFilter {
        entity: Some(Entity::ContractorEngagement.key().into()),
        entity_id: Some(id.to_string()),
        limit: Some(500),
        ..Default::default()
    };
    Ok(audit::query(store, &filter).await?.items)
}

/// One line of the engagement list.
#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[ts(export_to = "bindings.ts")]
pub struct EngagementSummary {
    pub id: i64,
    pub number: String,
    #[sqlx(try_from = "String")]
    pub category: EngagementCategory,
    pub department_id: i64,
    pub department_name: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub title: String,
    pub place: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    #[sqlx(try_from = "String")]
    pub state: EngagementState,
    /// Items missing, returned or expired (缺项).
    pub open_items: i64,
    pub roster_count: i64,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct EngagementQuery {
    /// Substring of the number, project, unit, place or contract number.
    #[ts(optional)]
    pub text: Option<String>,
    #[ts(optional)]
    pub category: Option<EngagementCategory>,
    #[ts(optional)]
    pub department_id: Option<i64>,
    #[ts(optional)]
    pub state: Option<EngagementState>,
    /// Only engagements with items missing, returned or expired.
    #[ts(optional)]
    pub missing_items: Option<bool>,
    #[ts(optional)]
    pub unit_id: Option<i64>,
    #[ts(optional)]
    pub after: Option<Cursor>,
    #[ts(optional)]
    pub limit: Option<i64>,
}

pub type EngagementPage = Page<EngagementSummary>;

/// Up to this many matches the page is gathered from the filters' index and sorted.
pub const GATHER_BELOW: i64 = 2_000;

/// Newest registered first.
const BY_CREATED: Order = Order::new(&["e.created_at"], "e.id", true);

const SUMMARY_COLUMNS: &str =
    "SELECT e.id, e.number, e.category, e.department_id, d.name AS department_name, e.unit_id,
        u.name AS unit_name, e.title, e.place, e.start_date, e.end_date, e.state, e.open_items,
        (SELECT count(*) FROM contractor_roster r WHERE r.engagement_id = e.id) AS roster_count, e.created_at";

fn push_filters(qb: &mut QueryBuilder<Sqlite>, query: &EngagementQuery, term: &Term) {
    qb.push(" WHERE 1 = 1");
    if let Some(c) = query.category {
        qb.push(" AND e.category = ").push_bind(c.key());
    }
    if let Some(d) = query.department_id {
        qb.push(" AND e.department_id = ").push_bind(d);
    }
    if let Some(s) = query.state {
        qb.push(" AND e.state = ").push_bind(s.key());
    }
    if query.missing_items == Some(true) {
        qb.push(" AND e.open_items > 0");
    }
    if let Some(u) = query.unit_id {
        qb.push(" AND e.unit_id = ").push_bind(u);
    }
    if *term != Term::Empty {
        qb.push(" AND");
        ENGAGEMENT_SEARCH.push_match(qb, "e.id", term);
    }
}

pub async fn list(store: &Store, actor: &Actor, query: &EngagementQuery) -> Result<EngagementPage> {
    actor.require(Permission::ViewContractors)?;
    let pool = store.pool();
    let limit = listing::limit(query.limit, 20, 200);
    let term = search::term(query.text.as_deref().unwrap_or_default());
    // Every filter is a column of one covering index: the count reads the index, not the rows.
    let mut count = QueryBuilder::<Sqlite>::new(
        "SELECT count(*) FROM (SELECT 1 FROM contractor_engagement e INDEXED BY contractor_engagement_filters",
    );
    push_filters(&mut count, query, &term);
    count.push(" LIMIT ").push_bind(listing::COUNT_CAP + 1).push(")");
    let counted: i64 = count.build_query_scalar().fetch_one(pool).await?;

    let mut qb = QueryBuilder::<Sqlite>::new(SUMMARY_COLUMNS);
    qb.push(" FROM (SELECT e.id AS page_id FROM contractor_engagement e");
    // Few matches: gather them from the covering index and sort them (a walk in registration
    // order would pass every engagement that does not match); many: walk the order's index.
    if counted <= GATHER_BELOW {
        qb.push(" INDEXED BY contractor_engagement_filters");
    }
    push_filters(&mut qb, query, &term);
    BY_CREATED.push_after(&mut qb, query.after.as_ref())?;
    BY_CREATED.push_order_limit(&mut qb, limit);
    qb.push(
        ") p CROSS JOIN contractor_engagement e ON e.id = p.page_id
         JOIN department d ON d.id = e.department_id
         LEFT JOIN contractor_unit u ON u.id = e.unit_id
         ORDER BY",
    );
    BY_CREATED.push_terms(&mut qb);
    let rows: Vec<EngagementSummary> = qb.build_query_as().fetch_all(pool).await?;
    Ok(BY_CREATED.page(rows, limit, counted, |e| vec![Key::from(db_time(e.created_at)), e.id.into()]))
}

/// A certificate of a unit that lapses within 30 days (or has lapsed).
#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[ts(export_to = "bindings.ts")]
pub struct ExpiringCertificate {
    pub unit_id: i64,
    pub unit_name: String,
    pub certificate_id: i64,
    #[sqlx(try_from = "String")]
    pub kind: super::unit::CertificateKind,
    pub number: String,
    pub valid_to: NaiveDate,
}

/// The safety department's workbench.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct SafetyWorkbench {
    pub today: NaiveDate,
    /// Packages submitted and waiting for review, oldest first.
    pub waiting: Vec<EngagementSummary>,
    /// Unit certificates ending within 30 days or already lapsed (units not blacklisted).
    pub expiring_certificates: Vec<ExpiringCertificate>,
    /// Approved or working engagements ending within 7 days.
    pub ending: Vec<EngagementSummary>,
}

pub async fn workbench(store: &Store, actor: &Actor, now: DateTime<Utc>) -> Result<SafetyWorkbench> {
    actor.require(Permission::ViewContractors)?;
    let today = local_today(store, now).await?;
    let pool = store.pool();
    let joins = " FROM contractor_engagement e JOIN department d ON d.id = e.department_id
                  LEFT JOIN contractor_unit u ON u.id = e.unit_id";
    let mut qb = QueryBuilder::<Sqlite>::new(SUMMARY_COLUMNS);
    // Oldest registered first, walking the (state, created_at) index: no sort of every package.
    qb.push(joins).push(" WHERE e.state = 'submitted' ORDER BY e.created_at, e.id LIMIT 100");
    let waiting: Vec<EngagementSummary> = qb.build_query_as().fetch_all(pool).await?;
    let mut qb = QueryBuilder::<Sqlite>::new(SUMMARY_COLUMNS);
    qb.push(joins)
        .push(" WHERE e.state IN ('approved', 'active') AND e.end_date >= ")
        .push_bind(today)
        .push(" AND e.end_date <= ")
        .push_bind(today + chrono::Duration::days(7))
        .push(" ORDER BY e.end_date, e.id LIMIT 100");
    let ending: Vec<EngagementSummary> = qb.build_query_as().fetch_all(pool).await?;
    let horizon = today + chrono::Duration::days(30);
    let expiring_certificates: Vec<ExpiringCertificate> = sqlx::query_as(
        "SELECT u.id AS unit_id, u.name AS unit_name, c.id AS certificate_id, c.kind, c.number, c.valid_to
         FROM contractor_certificate c JOIN contractor_unit u ON u.id = c.unit_id
         WHERE c.valid_to IS NOT NULL AND c.valid_to <= ? AND NOT u.blacklisted
         ORDER BY c.valid_to, c.id LIMIT 100",
    )
    .bind(horizon)
    .fetch_all(pool)
    .await?;
    Ok(SafetyWorkbench { today, waiting, expiring_certificates, ending })
}
