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

pub use forms::{ComplaintForm, render as render_form, render_blank};
pub use list::{ComplaintPage, ComplaintQuery, ComplaintSort, ComplaintSummary, MyWork, list, my_work};
pub use model::*;
pub use transfer::{COLUMNS, IMPORT, TABLE, export, import, import_mapped};
pub use workflow::{Category, Command, Severity, State};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sqlx::SqliteConnection;

use crate::account::{Actor, Permission, Role};
use crate::audit::{self, Entity};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::write::{Record, Write};
use crate::{approval, attachment, sequence, settings};

impl Record for Complaint {
    const ENTITY: Entity = Entity::Complaint;
    async fn load(conn: &mut SqliteConnection, id: i64) -> Result<Complaint> {
        repo::load(conn, id).await
    }
    fn version(&self) -> i64 {
        self.version
    }
}

/// A complaint's step is recorded under the audit action of the same key and label (the log's
/// vocabulary is closed and its stored keys never change; `every_step_is_its_own_audit_action`
/// fails if the two ever differ).
impl From<Command> for audit::Action {
    fn from(command: Command) -> audit::Action {
        match command {
            Command::StartAnalysis => audit::Action::StartAnalysis,
            Command::ExplainNotOurFault => audit::Action::ExplainNotOurFault,
            Command::File => audit::Action::File,
            Command::SubmitForApproval => audit::Action::SubmitForApproval,
            Command::StartImplementation => audit::Action::StartImplementation,
            Command::StartVerification => audit::Action::StartVerification,
            Command::Close => audit::Action::Close,
            Command::Cancel => audit::Action::Cancel,
            Command::Reopen => audit::Action::Reopen,
        }
    }
}

/// Complaints carry photos, scans and documents: seen by whoever may see complaints, added and
/// removed by those who register or handle them.
pub const ATTACHMENTS: attachment::OwnerRule = attachment::OwnerRule {
    table: "complaint",
    title_column: "number",
    entity: Entity::Complaint,
    can_view: |actor| actor.require(Permission::ViewComplaints),
    can_attach: |actor| {
        if actor.role.can(Permission::HandleComplaints) {
            Ok(())
        } else {
            actor.require(Permission::RegisterComplaints)
        }
    },
    added_only_by: None,
};

/// A complaint names its customer; on a merge it moves to the customer that stays.
pub const CUSTOMER_LINK: crate::customer::CustomerLink =
    crate::customer::CustomerLink { table: "complaint", column: "customer_id", label: "投诉" };

/// The customer's complaints on the customer's timeline (`registry::CUSTOMER_TIMELINE`).
pub const TIMELINE: crate::service::timeline::TimelineSource = crate::service::timeline::TimelineSource {
    kind: "complaint",
    label: "投诉",
    permission: Permission::ViewComplaints,
    sql: "SELECT id, number, received_at AS at, substr(description, 1, 60) AS summary, state
          FROM complaint WHERE customer_id = ?1 ORDER BY received_at DESC LIMIT ?2",
    state_label: |k| State::parse(k).map(State::label).unwrap_or(k).to_owned(),
};

/// The audit row of a complaint written outside a [`Write`] (the register import).
async fn audited(
    conn: &mut SqliteConnection,
    actor: &Actor,
    id: i64,
    action: audit::Action,
    summary: String,
    now: DateTime<Utc>,
) -> Result<()> {
    let after = repo::load(conn, id).await?;
    let summary = format!("{} {summary}", after.number);
    audit::record(conn, audit::Change::diff(actor, Entity::Complaint, id, action, summary, None, Some(&after), now)?)
        .await
}

/// The audit summary of a complaint: its number, then what happened.
fn titled(summary: impl Into<String>) -> impl FnOnce(&Complaint) -> String {
    let summary = summary.into();
    move |c| format!("{} {summary}", c.number)
}

/// The company's local date for `now` (dates typed by users are local dates).
async fn today(store: &Store, now: DateTime<Utc>) -> Result<NaiveDate> {
    settings::today(store, now).await
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
    own_store(actor, input.store_id, "登记")?;
    let staged = attachment::stage_all(store, files)?;
    let zone = settings::load(store).await?.zone();
    let mut w = Write::begin(store, actor, now).await?;
    customer_exists(w.conn(), input.customer_id).await?;
    let number = next_number(w.conn(), zone, input.received_at).await?;
    let id = repo::insert(w.conn(), &number, &input, actor.user_id, now).await?;
    list::index(w.conn(), id).await?;
    for s in &staged {
        attachment::link(w.conn(), actor, attachment::OwnerKind::Complaint, id, s, "", now).await?;
    }
    w.finish(id, audit::Action::Register, None, titled("登记投诉")).await
}

/// 登记 inside the caller's write (a feedback item converted into a complaint, see
/// `service::feedback`): the same checks and numbering, audited in that transaction.
pub(crate) async fn register_in(
    w: &mut Write<'_>,
    input: Registration,
    today: NaiveDate,
    zone: chrono_tz::Tz,
) -> Result<Complaint> {
    let (actor, now) = (w.actor(), w.now());
    let input = input.checked(now, today)?;
    own_store(actor, input.store_id, "登记")?;
    customer_exists(w.conn(), input.customer_id).await?;
    let number = next_number(w.conn(), zone, input.received_at).await?;
    let id = repo::insert(w.conn(), &number, &input, actor.user_id, now).await?;
    list::index(w.conn(), id).await?;
    let after = repo::load(w.conn(), id).await?;
    w.audit(id, audit::Action::Register, format!("{} 登记投诉", after.number), None, &after).await?;
    Ok(after)
}

/// A store clerk registers and sees only the complaints of their own store.
fn own_store(actor: &Actor, store_id: Option<i64>, what: &str) -> Result<()> {
    if actor.role == Role::StoreClerk && (store_id.is_none() || store_id != actor.store_id) {
        return Err(Error::Forbidden(format!("直销店店员只能{what}本店的投诉")));
    }
    Ok(())
}

pub async fn get(store: &Store, actor: &Actor, id: i64) -> Result<Complaint> {
    actor.require(Permission::ViewComplaints)?;
    let mut conn = store.pool().acquire().await?;
    let c = repo::load(&mut conn, id).await?;
    own_store(actor, c.registration.store_id, "查看")?;
    Ok(c)
}

fn is_manager(actor: &Actor) -> bool {
    matches!(actor.role, Role::AfterSalesManager | Role::Admin)
}

/// Who may make a change to a registration (the rule's checks start at 分析核实):
/// - the received time never moves into another year (the number carries the year);
/// - 业务部 supplies the order data: business users change the product lines and nothing else;
/// - lowering the severity (escaping the manager or the sign-off) is the manager's alone, with a reason;
/// - once 分析核实 has started, the customer, lines, category, severity and received time are
///   the manager's to change, with a reason (业务部 still completes its lines).
pub fn check_registration_change(change: &RegistrationChange, state: State, actor: &Actor, reason: &str) -> Result<()> {
    if change.year_changed {
        return Err(Error::validation(
            "received_at",
            "投诉时间不能改到另一年份(投诉编号带有登记年份),请撤销后重新登记",
        ));
    }
    if actor.role == Role::Business {
        if !change.lines_only() {
            return Err(Error::Forbidden("业务部只能补充和更正产品明细(订单编号、料号、数量、交运日期)".into()));
        }
        return Ok(());
    }
    let checked = !change.checked.is_empty();
    if change.severity_lowered && !is_manager(actor) {
        return Err(Error::Forbidden("降低严重程度须由售后服务经理办理".into()));
    }
    if state != State::Registered && checked && !is_manager(actor) {
        return Err(Error::Forbidden(format!("分析核实开始后,{}只能由售后服务经理修改", change.checked.join("、"))));
    }
    if (change.severity_lowered || (state != State::Registered && checked)) && reason.is_empty() {
        return Err(Error::validation("reason", format!("修改{}须填写原因", change.checked.join("、"))));
    }
    Ok(())
}

/// 修改登记: by those who register (and 业务部 for the product lines), with the rules of
/// [`check_registration_change`]; the reason and what changed go on the timeline.
#[allow(clippy::too_many_arguments)]
pub async fn update_registration(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    input: Registration,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Complaint> {
    if actor.role != Role::Business {
        actor.require(Permission::RegisterComplaints)?;
    }
    let reason = crate::validate::optional("reason", "修改原因", reason, 500)?;
    let input = input.checked(now, today(store, now).await?)?;
    let zone = settings::load(store).await?.zone();
    let mut w = Write::begin(store, actor, now).await?;
    let before: Complaint = w.load_at(id, version).await?;
    own_store(actor, before.registration.store_id, "修改")?;
    own_store(actor, input.store_id, "修改")?;
    require_state(&before, &[State::Registered, State::Analysing], "修改登记内容")?;
    let change = RegistrationChange::between(&before.registration, &input, zone);
    check_registration_change(&change, before.state, actor, &reason)?;
    customer_exists(w.conn(), input.customer_id).await?;
    repo::update_registration(w.conn(), id, version, &input, now).await?;
    list::index(w.conn(), id).await?;
    let mut summary = "修改登记内容".to_owned();
    if !change.checked.is_empty() {
        summary.push_str(&format!("(改动:{}", change.checked.join("、")));
        if !reason.is_empty() {
            summary.push_str(&format!(";原因:{reason}"));
        }
        summary.push(')');
    } else if !reason.is_empty() {
        summary.push_str(&format!("(原因:{reason})"));
    }
    w.finish(id, audit::Action::UpdateRegistration, Some(&before), titled(summary)).await
}

/// 分析核实: cause and its code (项目原因), who inspected, production data, our fault or not,
/// responsibility (only once our fault is decided; see [`check_responsibility`]).
#[allow(clippy::too_many_arguments)]
pub async fn save_analysis(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    input: Analysis,
    details: AnalysisDetails,
    now: DateTime<Utc>,
) -> Result<Complaint> {
    actor.require(Permission::HandleComplaints)?;
    let today = today(store, now).await?;
    let input = input.checked(today)?;
    check_responsibility(&input)?;
    let codes = settings::load(store).await?.cause_codes;
    let details = details.checked(&codes, &input, today)?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: Complaint = w.load(id).await?;
    require_state(&before, &[State::Analysing], "填写分析结论")?;
    for x in &details.inspections {
        let active =
            sqlx::query_scalar!(r#"SELECT active AS "active: bool" FROM department WHERE id = ?"#, x.department_id)
                .fetch_optional(w.conn())
                .await?;
        if active != Some(true) {
            return Err(Error::validation("inspections", "检验分析的部门不存在或已停用"));
        }
    }
    repo::save_analysis(w.conn(), id, version, &input, now).await?;
    repo::save_details(w.conn(), id, &details).await?;
    w.finish(id, audit::Action::SaveAnalysis, Some(&before), titled("填写分析核实结论")).await
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
    let required = settings::load(store).await?.signoff_department_ids;
    let mut w = Write::begin(store, actor, now).await?;
    let before: Complaint = w.load(id).await?;
    require_state(&before, &[State::Analysing], "修改处理方案")?;
    if before.registration.severity == Severity::Major
        && actor.role != Role::AfterSalesManager
        && actor.role != Role::Admin
    {
        return Err(Error::Forbidden("重大投诉及索赔的处理方案由售后服务经理负责".into()));
    }
    for department in &input.approval_department_ids {
        let active = sqlx::query_scalar!(r#"SELECT active AS "active: bool" FROM department WHERE id = ?"#, department)
            .fetch_optional(w.conn())
            .await?;
        if active != Some(true) {
            return Err(Error::validation("approval_department_ids", "会签部门不存在或已停用"));
        }
    }
    if before.registration.severity != Severity::Minor {
        let mut missing = Vec::new();
        for id in required_departments(w.conn(), &required).await? {
            if !input.approval_department_ids.contains(&id) {
                missing.push(department_name(w.conn(), id).await?);
            }
        }
        if !missing.is_empty() {
            return Err(Error::validation(
                "approval_department_ids",
                format!("会签部门不能少于制度规定的部门,缺少:{}", missing.join("、")),
            ));
        }
    }
    repo::save_remedy(w.conn(), id, version, &input, now).await?;
    // A changed remedy is agreed again by 售后服务部 and 业务部.
    let changed = before.remedy.remedy != input.remedy
        || before.remedy.remedy_detail != input.remedy_detail
        || before.remedy.agreed_fen != input.agreed_fen;
    if changed {
        repo::agree_remedy(w.conn(), id, version + 1, None, "", now).await?;
    }
    w.finish(id, audit::Action::SaveRemedy, Some(&before), titled("填写处理方案")).await
}

/// 产品解决措施: 生产部 and 技术部 each enter their own (由生产部及技术部提出产品解决措施).
pub async fn save_measures(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    text: &str,
    now: DateTime<Utc>,
) -> Result<Complaint> {
    actor.require(Permission::HandleComplaints)?;
    let of = match actor.role {
        Role::Production => repo::MeasuresOf::Production,
        Role::Technical => repo::MeasuresOf::Technical,
        _ => return Err(Error::Forbidden("产品解决措施由生产部、技术部填写".into())),
    };
    let text = crate::validate::required("measures", "产品解决措施", text, 2000)?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: Complaint = w.load_at(id, version).await?;
    require_state(&before, &[State::Analysing], "填写产品解决措施")?;
    repo::save_measures(w.conn(), id, version, of, &text, &actor.display_name, now).await?;
    let who = if of == repo::MeasuresOf::Production { "生产部" } else { "技术部" };
    w.finish(id, audit::Action::SaveMeasures, Some(&before), titled(format!("{who}提出产品解决措施:{text}"))).await
}

/// 共同商议解决办法: 售后服务部 and 业务部 each agree the remedy as it stands.
pub async fn agree_remedy(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    now: DateTime<Utc>,
) -> Result<Complaint> {
    actor.require(Permission::HandleComplaints)?;
    let business = match actor.role {
        Role::AfterSales | Role::AfterSalesManager => false,
        Role::Business => true,
        _ => return Err(Error::Forbidden("处理办法由售后服务部与业务部共同商定".into())),
    };
    let mut w = Write::begin(store, actor, now).await?;
    let before: Complaint = w.load_at(id, version).await?;
    require_state(&before, &[State::Analysing], "商定处理办法")?;
    if before.remedy.remedy.is_none() {
        return Err(Error::validation("remedy", "尚未填写处理方案,不能商定"));
    }
    repo::agree_remedy(w.conn(), id, version, Some(business), &actor.display_name, now).await?;
    let who = if business { "业务部" } else { "售后服务部" };
    w.finish(id, audit::Action::AgreeRemedy, Some(&before), titled(format!("{who}同意处理办法"))).await
}

/// 与客户协商最终解决办法: the date, the customer's contact and the solution agreed.
pub async fn save_customer_agreement(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    input: CustomerAgreement,
    now: DateTime<Utc>,
) -> Result<Complaint> {
    actor.require(Permission::HandleComplaints)?;
    let input = input.checked(today(store, now).await?)?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: Complaint = w.load_at(id, version).await?;
    require_state(&before, &[State::Analysing], "记录与客户协商的结果")?;
    repo::save_customer_agreement(w.conn(), id, version, &input, now).await?;
    let summary = format!("与客户协商({} {}):{}", input.agreed_on, input.contact, input.summary);
    w.finish(id, audit::Action::SaveCustomerAgreement, Some(&before), titled(summary)).await
}

/// The departments every round must ask, as settings name them (the active ones).
async fn required_departments(conn: &mut SqliteConnection, ids: &[i64]) -> Result<Vec<i64>> {
    let mut active = Vec::with_capacity(ids.len());
    for id in ids {
        let on = sqlx::query_scalar!(r#"SELECT active AS "active: bool" FROM department WHERE id = ?"#, id)
            .fetch_optional(&mut *conn)
            .await?;
        if on == Some(true) {
            active.push(*id);
        }
    }
    Ok(active)
}

async fn department_name(conn: &mut SqliteConnection, id: i64) -> Result<String> {
    sqlx::query_scalar!("SELECT name FROM department WHERE id = ?", id)
        .fetch_optional(conn)
        .await?
        .ok_or(Error::NotFound("部门"))
}

/// The places of a new round: the required departments and the ones the remedy adds, and for a
/// 重大 complaint the after-sales manager (held under the after-sales department).
async fn round_places(conn: &mut SqliteConnection, c: &Complaint, required: &[i64]) -> Result<Vec<approval::Place>> {
    let mut departments = required_departments(&mut *conn, required).await?;
    departments.extend(&c.remedy.approval_department_ids);
    departments.sort_unstable();
    departments.dedup();
    let mut places: Vec<approval::Place> = departments
        .into_iter()
        .map(|department_id| approval::Place { department_id, seat: approval::Seat::Department })
        .collect();
    if c.registration.severity == Severity::Major {
        let duty = Role::AfterSalesManager.duty();
        let department_id = sqlx::query_scalar!(
            r#"SELECT id AS "id!" FROM department WHERE duty = ? AND active = 1 ORDER BY sort_order, id LIMIT 1"#,
            duty
        )
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::validation("approval_department_ids", "没有在用的售后服务部,无法安排售后服务经理会签"))?;
        places.push(approval::Place { department_id, seat: approval::Seat::Manager });
    }
    Ok(places)
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
    let current_settings = settings::load(store).await?;
    let required = current_settings.signoff_department_ids.clone();
    let mut w = Write::begin(store, actor, now).await?;
    let before: Complaint = w.load(id).await?;
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
    repo::set_state(w.conn(), id, version, next, keep_reason, &actor.display_name, now).await?;
    if command == Command::Close {
        crate::survey::after_complaint_closed(w.conn(), actor, id, now).await?; // --- survey ---
    }
    let mut round_note = String::new();
    if command == Command::SubmitForApproval {
        let places = round_places(w.conn(), &before, &required).await?;
        let round = repo::open_approval_round(w.conn(), id, &places).await?;
        round_note = format!("(第{round}轮会签)");
    }
    let summary = if reason.is_empty() {
        format!("{}:{} → {}{round_note}", command.label(), before.state.label(), next.label())
    } else {
        format!("{}:{} → {}(原因:{reason})", command.label(), before.state.label(), next.label())
    };
    if next == State::Closed {
        // --- service --- a follow-up visit after closing (switchable in the settings)
        crate::service::care::after_complaint_closed(&mut w, &current_settings, &before).await?;
    }
    w.finish(id, command.into(), Some(&before), titled(summary)).await
}

/// 会签: a department approves or rejects the remedy. Only an active user whose role belongs
/// to their department signs for it, and only for a place the current round asks; the
/// after-sales manager fills the manager's place of a 重大 round first. A rejection sends the
/// complaint back to 分析核实 (the round stays on the record; resubmitting opens the next one).
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
    let user = actor.user_id.ok_or_else(|| Error::Forbidden("会签须由用户本人登录签署".into()))?;
    let mut w = Write::begin(store, actor, now).await?;
    // Who the signer is now, not when they signed in: moved or deactivated since counts.
    let me = sqlx::query!(
        r#"SELECT u.active AS "active: bool", u.department_id, d.duty AS "duty?"
           FROM app_user u LEFT JOIN department d ON d.id = u.department_id WHERE u.id = ?"#,
        user
    )
    .fetch_optional(w.conn())
    .await?
    .ok_or_else(|| Error::Forbidden("用户不存在".into()))?;
    if !me.active {
        return Err(Error::Forbidden("已停用的用户不能会签".into()));
    }
    let department = me.department_id.ok_or_else(|| Error::Forbidden("没有所属部门的用户不能会签".into()))?;
    if actor.role.duty().is_none() || actor.role.duty() != me.duty.as_deref() {
        return Err(Error::Forbidden(format!("{}的用户不能代表所在部门会签:角色与部门不一致", actor.role.label())));
    }
    let before: Complaint = w.load(id).await?;
    require_state(&before, &[State::Approval], "会签")?;
    let round = before.approval_round;
    let manager_place = before
        .approvals
        .iter()
        .find(|a| a.round == round && a.seat == approval::Seat::Manager && a.approved.is_none())
        .filter(|_| actor.role == Role::AfterSalesManager);
    let place = match manager_place {
        Some(a) => approval::Place { department_id: a.department_id, seat: approval::Seat::Manager },
        None => approval::Place { department_id: department, seat: approval::Seat::Department },
    };
    let signer = (actor.user_id, actor.display_name.as_str());
    match approval::sign(w.conn(), Entity::Complaint, id, round, place, approve, &comment, signer, now).await? {
        approval::Signed::Recorded => {}
        approval::Signed::AlreadySigned => {
            return Err(Error::validation("department", "本部门已会签过本轮处理方案"));
        }
        approval::Signed::NotAsked => return Err(Error::Forbidden("本轮会签不需要您所在部门签署".into())),
    }
    let approvals = approval::of(w.conn(), Entity::Complaint, id).await?;
    let next = workflow::after_signature(before.state, approval::Tally::of(&approvals, round));
    if let Some(next) = next {
        repo::set_state(w.conn(), id, before.version, next, &before.state_reason, "", now).await?;
    }
    let who = if place.seat == approval::Seat::Manager {
        "售后服务经理".to_owned()
    } else {
        department_name(w.conn(), department).await?
    };
    let verb = if approve { "同意" } else { "驳回" };
    let mut summary = format!("第{round}轮会签{verb}({who}):{comment}");
    let action = match next {
        Some(next) => {
            summary.push_str(&format!(";退回“{}”,修改方案后重新提交会签", next.label()));
            audit::Action::ReturnForRevision
        }
        None => audit::Action::Sign,
    };
    w.finish(id, action, Some(&before), titled(summary)).await
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
    let mut w = Write::begin(store, actor, now).await?;
    let before: Complaint = w.load(id).await?;
    require_open(&before, "记录客户联系")?;
    if input.contacted_at < before.registration.received_at {
        return Err(Error::validation("contacted_at", "联系时间不能早于投诉时间"));
    }
    repo::add_contact(w.conn(), id, &input, (actor.user_id, &actor.display_name), now).await?;
    let summary = format!("客户联系({}):{}", input.method.label(), input.summary);
    w.finish(id, audit::Action::AddContact, Some(&before), titled(summary)).await
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
    let mut w = Write::begin(store, actor, now).await?;
    let before: Complaint = w.load(id).await?;
    require_state(&before, ACTION_STATES, "修改改善措施")?;
    let input = action_owner(w.conn(), input).await?;
    if let Some(follows) = input.follows_action_id {
        let ineffective = before.actions.iter().any(|a| a.id == follows && a.effective == Some(false));
        if !ineffective || Some(follows) == action_id {
            return Err(Error::validation("follows_action_id", "只能针对本投诉中验证无效的改善措施制定新措施"));
        }
    }
    repo::save_action(w.conn(), id, action_id, &input).await?;
    let summary = format!(
        "{}改善措施({}):{}",
        if action_id.is_some() { "修改" } else { "新增" },
        input.kind.label(),
        input.description
    );
    w.finish(id, audit::Action::SaveAction, Some(&before), titled(summary)).await
}

/// The states in which improvement actions are added, edited and verified: on every path
/// after registration (the rule asks for prevention on minor, serious and explained cases).
const ACTION_STATES: &[State] =
    &[State::Analysing, State::Explained, State::Filed, State::Approval, State::Implementing, State::Verifying];

/// The action's owner as stored: an active department, and a person — an active user of that
/// department (whose name is recorded) or a person named by hand.
async fn action_owner(conn: &mut SqliteConnection, mut input: ActionInput) -> Result<ActionInput> {
    let active = sqlx::query_scalar!(
        r#"SELECT active AS "active: bool" FROM department WHERE id = ?"#,
        input.owner_department_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    if active != Some(true) {
        return Err(Error::validation("owner_department_id", "责任部门不存在或已停用"));
    }
    match input.owner_user_id {
        Some(user_id) => {
            let user = sqlx::query!(
                r#"SELECT display_name, department_id, active AS "active: bool" FROM app_user WHERE id = ?"#,
                user_id
            )
            .fetch_optional(&mut *conn)
            .await?;
            match user {
                Some(u) if u.active && u.department_id == Some(input.owner_department_id) => {
                    input.owner = u.display_name;
                }
                Some(u) if u.active => {
                    return Err(Error::validation("owner_user_id", "责任人须是责任部门的人员"));
                }
                _ => return Err(Error::validation("owner_user_id", "责任人不存在或已停用")),
            }
        }
        None if input.owner.is_empty() => {
            return Err(Error::validation("owner", "责任人不能为空"));
        }
        None => {}
    }
    Ok(input)
}

/// 是否需要纠正措施: a minor complaint records whether a corrective action is needed, and why
/// not when it is not (二(二)4: minor cases are filed, prevention still considered).
pub async fn decide_corrective(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    needed: bool,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Complaint> {
    actor.require(Permission::HandleComplaints)?;
    let reason = crate::validate::optional("no_corrective_reason", "不需要纠正措施的理由", reason, 500)?;
    if !needed && reason.is_empty() {
        return Err(Error::validation("no_corrective_reason", "判定不需要纠正措施时须说明理由"));
    }
    let reason = if needed { String::new() } else { reason };
    let mut w = Write::begin(store, actor, now).await?;
    let before: Complaint = w.load_at(id, version).await?;
    require_state(&before, &[State::Analysing, State::Filed], "判定是否需要纠正措施")?;
    repo::decide_corrective(w.conn(), id, version, needed, &reason, now).await?;
    let summary =
        if needed { "判定需要纠正措施".to_string() } else { format!("判定不需要纠正措施:{reason}") };
    w.finish(id, audit::Action::DecideCorrective, Some(&before), titled(summary)).await
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
    let mut w = Write::begin(store, actor, now).await?;
    let before: Complaint = w.load(id).await?;
    require_state(&before, ACTION_STATES, "验证改善效果")?;
    repo::verify_action(w.conn(), id, action_id, effective, (actor.user_id, &actor.display_name), now).await?;
    let summary = format!("验证改善措施效果:{}", if effective { "有效" } else { "无效" });
    w.finish(id, audit::Action::VerifyAction, Some(&before), titled(summary)).await
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
    let mut w = Write::begin(store, actor, now).await?;
    let before: Complaint = w.load(id).await?;
    require_open(&before, "记录客户反馈")?;
    repo::save_feedback(w.conn(), id, version, &feedback, now).await?;
    w.finish(id, audit::Action::SaveFeedback, Some(&before), titled("记录客户反馈意见")).await
}

/// The complaint's history: every step, who and when, newest first.
pub async fn history(store: &Store, actor: &Actor, id: i64) -> Result<Vec<audit::AuditEvent>> {
    actor.require(Permission::ViewComplaints)?;
    let filter = audit::AuditFilter {
        entity: Some(Entity::Complaint.key().into()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_is_its_own_audit_action() {
        for command in Command::ALL {
            let action = audit::Action::from(command);
            assert_eq!((action.key(), action.label()), (command.key(), command.label()), "{command:?}");
        }
    }
}
