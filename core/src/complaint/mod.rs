//! Customer complaints (客户投诉): registration, analysis and responsibility, the not-our-fault
//! branch, minor cases filed, serious ones signed by every required department, implementation
//! with the customer contact log, improvement actions, closing, cancelling and reopening.
//! Every step checks the acting user, runs in one transaction and writes the audit log.

mod forms;
mod list;
mod model;
mod repo;
mod transfer;
pub mod workflow;

pub use forms::{ComplaintForm, render as render_form};
pub use list::{ComplaintPage, ComplaintQuery, ComplaintSummary, MyWork, list, my_work};
pub use model::*;
pub use transfer::{COLUMNS, IMPORT, TABLE, export, import, import_mapped};
pub use workflow::{Category, Command, Severity, State};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sqlx::SqliteConnection;

use crate::account::{Actor, Permission, Role};
use crate::audit::{self, Change};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::{attachment, sequence, settings};

/// The company's local date for `now` (dates typed by users are local dates).
async fn today(store: &Store, now: DateTime<Utc>) -> Result<NaiveDate> {
    Ok(now.with_timezone(&settings::load(store).await?.zone()).date_naive())
}

async fn begin(store: &Store) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
    Ok(store.pool().begin_with("BEGIN IMMEDIATE").await?)
}

fn require_open(c: &Complaint, what: &str) -> Result<()> {
    if c.state.is_open() {
        Ok(())
    } else {
        Err(Error::validation("state", format!("投诉已{},不能{what}", c.state.label())))
    }
}

fn require_state(c: &Complaint, allowed: &[State], what: &str) -> Result<()> {
    if allowed.contains(&c.state) {
        return Ok(());
    }
    let names: Vec<&str> = allowed.iter().map(|s| s.label()).collect();
    Err(Error::validation(
        "state",
        format!("投诉当前状态为“{}”,只有“{}”时可以{what}", c.state.label(), names.join("”“")),
    ))
}

async fn customer_exists(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    let active = sqlx::query_scalar!(r#"SELECT active AS "active: bool" FROM customer WHERE id = ?"#, id)
        .fetch_optional(conn)
        .await?;
    match active {
        None => Err(Error::validation("customer_id", "所选客户不存在")),
        Some(false) => Err(Error::validation("customer_id", "所选客户已停用或已合并,请选择在用的客户")),
        Some(true) => Ok(()),
    }
}

/// Writes the audit row for a change from `before` to the complaint as it is now.
async fn audited(
    conn: &mut SqliteConnection,
    actor: &Actor,
    before: Option<&Complaint>,
    id: i64,
    action: &'static str,
    summary: String,
    now: DateTime<Utc>,
) -> Result<Complaint> {
    let after = repo::load(conn, id).await?;
    let summary = format!("{} {summary}", after.number);
    audit::record(conn, Change::diff(actor, "complaint", id, action, summary, before, Some(&after), now)?).await?;
    Ok(after)
}

/// The next number KS-YYYY-NNNN for a complaint received at `received_at` (the year is the
/// company's local year of receipt), inside the caller's transaction.
async fn next_number(conn: &mut SqliteConnection, zone: chrono_tz::Tz, received_at: DateTime<Utc>) -> Result<String> {
    let year = i64::from(received_at.with_timezone(&zone).year());
    Ok(format!("KS-{year}-{:04}", sequence::next(conn, "complaint", year).await?))
}

/// 登记: a new complaint numbered KS-YYYY-NNNN (gap-free per year of receipt).
pub async fn register(store: &Store, actor: &Actor, input: Registration, now: DateTime<Utc>) -> Result<Complaint> {
    register_with_attachments(store, actor, input, &[], now).await
}

/// 登记 with photos and scans: every file is checked and copied first, then the complaint and
/// its attachments are written in one transaction (a bad file registers nothing).
pub async fn register_with_attachments(
    store: &Store,
    actor: &Actor,
    input: Registration,
    files: &[std::path::PathBuf],
    now: DateTime<Utc>,
) -> Result<Complaint> {
    actor.require(Permission::RegisterComplaints)?;
    let input = input.checked(now, today(store, now).await?)?;
    let staged = attachment::stage_all(store, files)?;
    let zone = settings::load(store).await?.zone();
    let mut tx = begin(store).await?;
    customer_exists(&mut tx, input.customer_id).await?;
    let number = next_number(&mut tx, zone, input.received_at).await?;
    let id = repo::insert(&mut tx, &number, &input, actor.user_id, now).await?;
    list::index(&mut tx, id).await?;
    for s in &staged {
        attachment::link(&mut tx, actor, attachment::OwnerKind::Complaint, id, s, "", now).await?;
    }
    let after = audited(&mut tx, actor, None, id, "register", "登记投诉".into(), now).await?;
    tx.commit().await?;
    Ok(after)
}

pub async fn get(store: &Store, actor: &Actor, id: i64) -> Result<Complaint> {
    actor.require(Permission::ViewComplaints)?;
    let mut conn = store.pool().acquire().await?;
    repo::load(&mut conn, id).await
}

pub async fn update_registration(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    input: Registration,
    now: DateTime<Utc>,
) -> Result<Complaint> {
    actor.require(Permission::RegisterComplaints)?;
    let input = input.checked(now, today(store, now).await?)?;
    let mut tx = begin(store).await?;
    let before = repo::load(&mut tx, id).await?;
    require_state(&before, &[State::Registered, State::Analysing], "修改登记内容")?;
    customer_exists(&mut tx, input.customer_id).await?;
    repo::update_registration(&mut tx, id, version, &input, now).await?;
    list::index(&mut tx, id).await?;
    let after = audited(&mut tx, actor, Some(&before), id, "update_registration", "修改登记内容".into(), now).await?;
    tx.commit().await?;
    Ok(after)
}

/// 分析核实: cause, production data, our fault or not, responsibility.
pub async fn save_analysis(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    input: Analysis,
    now: DateTime<Utc>,
) -> Result<Complaint> {
    actor.require(Permission::HandleComplaints)?;
    let input = input.checked(today(store, now).await?)?;
    let mut tx = begin(store).await?;
    let before = repo::load(&mut tx, id).await?;
    require_state(&before, &[State::Analysing], "填写分析结论")?;
    repo::save_analysis(&mut tx, id, version, &input, now).await?;
    let after = audited(&mut tx, actor, Some(&before), id, "save_analysis", "填写分析核实结论".into(), now).await?;
    tx.commit().await?;
    Ok(after)
}

/// 协商处理办法: the remedy and which departments must sign it.
pub async fn save_remedy(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    input: RemedyPlan,
    now: DateTime<Utc>,
) -> Result<Complaint> {
    actor.require(Permission::HandleComplaints)?;
    let input = input.checked()?;
    let mut tx = begin(store).await?;
    let before = repo::load(&mut tx, id).await?;
    require_state(&before, &[State::Analysing], "修改处理方案")?;
    if before.registration.severity == Severity::Major
        && actor.role != Role::AfterSalesManager
        && actor.role != Role::Admin
    {
        return Err(Error::Forbidden("重大投诉及索赔的处理方案由售后服务经理负责".into()));
    }
    for department in &input.approval_department_ids {
        let active = sqlx::query_scalar!(r#"SELECT active AS "active: bool" FROM department WHERE id = ?"#, department)
            .fetch_optional(&mut *tx)
            .await?;
        if active != Some(true) {
            return Err(Error::validation("approval_department_ids", "会签部门不存在或已停用"));
        }
    }
    repo::save_remedy(&mut tx, id, version, &input, now).await?;
    let after = audited(&mut tx, actor, Some(&before), id, "save_remedy", "填写处理方案".into(), now).await?;
    tx.commit().await?;
    Ok(after)
}

/// Moves the complaint along the workflow. `reason` is required to cancel or reopen.
pub async fn transition(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    command: Command,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Complaint> {
    actor.require(Permission::HandleComplaints)?;
    let reason = crate::validate::optional("reason", "原因", reason, 500)?;
    let mut tx = begin(store).await?;
    let before = repo::load(&mut tx, id).await?;
    if before.version != version {
        return Err(Error::Stale("投诉"));
    }
    if matches!(command, Command::Close | Command::Cancel | Command::Reopen) {
        actor.require(Permission::CloseComplaints)?;
        if before.registration.severity == Severity::Major
            && !matches!(actor.role, Role::AfterSalesManager | Role::Admin)
        {
            return Err(Error::Forbidden("重大投诉由售后服务经理结案、撤销或重新打开".into()));
        }
    }
    let next = workflow::decide(&repo::facts(&before, !reason.is_empty()), command)
        .map_err(|refusal| Error::validation("state", refusal.message))?;
    let keep_reason = if matches!(command, Command::Cancel | Command::Reopen) {
        reason.as_str()
    } else {
        before.state_reason.as_str()
    };
    repo::set_state(&mut tx, id, version, next, keep_reason, now).await?;
    if command == Command::SubmitForApproval {
        repo::open_approval_round(&mut tx, id, &before.remedy.approval_department_ids).await?;
    }
    let summary = if reason.is_empty() {
        format!("{}:{} → {}", command.label(), before.state.label(), next.label())
    } else {
        format!("{}:{} → {}(原因:{reason})", command.label(), before.state.label(), next.label())
    };
    let after = audited(&mut tx, actor, Some(&before), id, command.key(), summary, now).await?;
    tx.commit().await?;
    Ok(after)
}

/// 会签: a department approves or rejects the remedy. Only a user of that department signs,
/// and only for a department the current round asks.
pub async fn sign(
    store: &Store,
    actor: &Actor,
    id: i64,
    approve: bool,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<Complaint> {
    actor.require(Permission::SignComplaints)?;
    let comment = crate::validate::optional("comment", "会签意见", comment, 1000)?;
    if !approve && comment.is_empty() {
        return Err(Error::validation("comment", "驳回时须填写意见"));
    }
    let department = actor.department_id.ok_or_else(|| Error::Forbidden("没有所属部门的用户不能会签".into()))?;
    let mut tx = begin(store).await?;
    let before = repo::load(&mut tx, id).await?;
    require_state(&before, &[State::Approval], "会签")?;
    if !repo::sign(&mut tx, id, department, approve, &comment, (actor.user_id, &actor.display_name), now).await? {
        let asked = before.approvals.iter().any(|a| a.round == before.approval_round && a.department_id == department);
        return Err(if asked {
            Error::validation("department", "本部门已会签过本轮处理方案")
        } else {
            Error::Forbidden("本轮会签不需要您所在部门签署".into())
        });
    }
    let verb = if approve { "同意" } else { "驳回" };
    let after = audited(&mut tx, actor, Some(&before), id, "sign", format!("会签{verb}:{comment}"), now).await?;
    tx.commit().await?;
    Ok(after)
}

/// 客户联系记录: every contact with the customer; the first is the acknowledgement.
pub async fn add_contact(
    store: &Store,
    actor: &Actor,
    id: i64,
    input: ContactInput,
    now: DateTime<Utc>,
) -> Result<Complaint> {
    actor.require(Permission::HandleComplaints)?;
    let input = input.checked(now)?;
    let mut tx = begin(store).await?;
    let before = repo::load(&mut tx, id).await?;
    require_open(&before, "记录客户联系")?;
    if input.contacted_at < before.registration.received_at {
        return Err(Error::validation("contacted_at", "联系时间不能早于投诉时间"));
    }
    repo::add_contact(&mut tx, id, &input, (actor.user_id, &actor.display_name), now).await?;
    let summary = format!("客户联系({}):{}", input.method.label(), input.summary);
    let after = audited(&mut tx, actor, Some(&before), id, "add_contact", summary, now).await?;
    tx.commit().await?;
    Ok(after)
}

/// 改善措施 (8D): add (`action_id` None) or edit one.
pub async fn save_action(
    store: &Store,
    actor: &Actor,
    id: i64,
    action_id: Option<i64>,
    input: ActionInput,
    now: DateTime<Utc>,
) -> Result<Complaint> {
    actor.require(Permission::HandleComplaints)?;
    let input = input.checked(today(store, now).await?)?;
    let mut tx = begin(store).await?;
    let before = repo::load(&mut tx, id).await?;
    require_state(
        &before,
        &[State::Analysing, State::Filed, State::Approval, State::Implementing, State::Verifying],
        "修改改善措施",
    )?;
    repo::save_action(&mut tx, id, action_id, &input).await?;
    let summary = format!(
        "{}改善措施({}):{}",
        if action_id.is_some() { "修改" } else { "新增" },
        input.kind.label(),
        input.description
    );
    let after = audited(&mut tx, actor, Some(&before), id, "save_action", summary, now).await?;
    tx.commit().await?;
    Ok(after)
}

/// 效果验证: 品控中心 (or the after-sales manager) confirms an action worked.
pub async fn verify_action(
    store: &Store,
    actor: &Actor,
    id: i64,
    action_id: i64,
    effective: bool,
    now: DateTime<Utc>,
) -> Result<Complaint> {
    actor.require(Permission::VerifyComplaintActions)?;
    let mut tx = begin(store).await?;
    let before = repo::load(&mut tx, id).await?;
    require_state(&before, &[State::Implementing, State::Verifying], "验证改善效果")?;
    repo::verify_action(&mut tx, id, action_id, effective, &actor.display_name, now).await?;
    let summary = format!("验证改善措施效果:{}", if effective { "有效" } else { "无效" });
    let after = audited(&mut tx, actor, Some(&before), id, "verify_action", summary, now).await?;
    tx.commit().await?;
    Ok(after)
}

/// 客户反馈意见 on the outcome, needed to close.
pub async fn save_feedback(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    feedback: &str,
    now: DateTime<Utc>,
) -> Result<Complaint> {
    actor.require(Permission::HandleComplaints)?;
    let feedback = crate::validate::optional("customer_feedback", "客户反馈意见", feedback, 2000)?;
    let mut tx = begin(store).await?;
    let before = repo::load(&mut tx, id).await?;
    require_open(&before, "记录客户反馈")?;
    repo::save_feedback(&mut tx, id, version, &feedback, now).await?;
    let after = audited(&mut tx, actor, Some(&before), id, "save_feedback", "记录客户反馈意见".into(), now).await?;
    tx.commit().await?;
    Ok(after)
}

/// The complaint's history: every step, who and when, newest first.
pub async fn history(store: &Store, actor: &Actor, id: i64) -> Result<Vec<audit::AuditEvent>> {
    actor.require(Permission::ViewComplaints)?;
    let filter = audit::AuditFilter {
        entity: Some("complaint".into()),
        entity_id: Some(id.to_string()),
        limit: Some(500),
        ..Default::default()
    };
    Ok(audit::query(store, &filter).await?.items)
}

/// The id of the complaint with this number (KS-2026-0001).
pub async fn id_by_number(store: &Store, actor: &Actor, number: &str) -> Result<i64> {
    actor.require(Permission::ViewComplaints)?;
    let number = number.trim();
    sqlx::query_scalar!(r#"SELECT id AS "id!" FROM complaint WHERE number = ?"#, number)
        .fetch_optional(store.pool())
        .await?
        .ok_or(Error::NotFound("投诉"))
}
