//! The append-only audit log. Every change writes one row here in the same transaction as the
//! change itself; triggers refuse UPDATE and DELETE on the table.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use crate::account::{Actor, Permission};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::keyed::keyed_enum;
use crate::listing::{self, Cursor, Key, Order, Page};

keyed_enum!(
    /// What a row of the log is about. Stored by key; the audit screen and timelines show the label.
    Entity {
        User = "user" / "用户",
        Department = "department" / "部门",
        Store = "store" / "直销店",
        Settings = "settings" / "系统设置",
        Database = "database" / "数据库",
        Customer = "customer" / "客户",
        Complaint = "complaint" / "客户投诉",
        // --- report ---
        Shipment = "shipment" / "发货数据",
        Report = "report" / "月度投诉率报表",
        // --- survey ---
        SurveyTemplate = "survey_template" / "调查模板",
        SurveyCampaign = "survey_campaign" / "调查活动",
        SurveyResponse = "survey_response" / "调查问卷",
        // --- contractor ---
        ContractorUnit = "contractor_unit" / "承包单位",
        ContractorCertificate = "contractor_certificate" / "单位证照",
        ContractorEngagement = "contractor_engagement" / "用工(发包)项目",
        ContractorItem = "contractor_item" / "清单资料",
        // contract-print
        AgreementTemplate = "agreement_template" / "安全协议书模板",
        // --- service ---
        Feedback = "feedback" / "意见建议",
        CarePlan = "care_plan" / "关怀计划",
        Visit = "visit" / "客户回访",
        StoreReturn = "store_return" / "退换货",
        // --- workers ---
        Worker = "worker" / "外来人员",
        // --- incidents ---
        SafetyViolation = "safety_violation" / "违规考核",
        SafetyDeposit = "safety_deposit" / "安全风险抵押金",
        SafetyAccident = "safety_accident" / "事故",
        // --- education ---
        SafetyClass = "safety_class" / "安全教育培训",
        WorkerCertificate = "worker_certificate" / "人员证书",
        // --- gate ---
        EntryCheck = "entry_check" / "入场资格审查",
    }
);

keyed_enum!(
    /// What was done. One vocabulary for every module, so the audit screen can name every action.
    /// (`AuditAction` in TypeScript, beside a complaint's improvement `Action`.)
    AuditAction {
        Initialize = "initialize" / "初始设置",
        Create = "create" / "新增",
        Update = "update" / "修改",
        Activate = "activate" / "启用",
        Deactivate = "deactivate" / "停用",
        ResetPassword = "reset_password" / "重置密码",
        ChangePassword = "change_password" / "修改密码",
        SignIn = "sign_in" / "登录",
        SignInFailed = "sign_in_failed" / "登录失败",
        SignInRefused = "sign_in_refused" / "登录被拒",
        SignOut = "sign_out" / "退出",
        Backup = "backup" / "备份",
        Import = "import" / "导入",
        Merge = "merge" / "合并(被合并)",
        MergeInto = "merge_into" / "合并(保留)",
        Attach = "attach" / "添加附件",
        Detach = "detach" / "删除附件",
        Register = "register" / "登记",
        UpdateRegistration = "update_registration" / "修改登记",
        SaveAnalysis = "save_analysis" / "分析核实",
        SaveRemedy = "save_remedy" / "处理方案",
        SaveMeasures = "save_measures" / "产品解决措施",
        AgreeRemedy = "agree_remedy" / "商定处理办法",
        SaveCustomerAgreement = "save_customer_agreement" / "与客户协商结果",
        Sign = "sign" / "会签",
        ReturnForRevision = "return_for_revision" / "会签驳回退回",
        AddContact = "add_contact" / "客户联系",
        SaveAction = "save_action" / "改善措施",
        VerifyAction = "verify_action" / "效果验证",
        SaveFeedback = "save_feedback" / "客户反馈",
        DecideCorrective = "decide_corrective" / "判定是否需要纠正措施",
        StartAnalysis = "start_analysis" / "开始分析核实",
        ExplainNotOurFault = "explain_not_our_fault" / "判定非我方原因",
        File = "file" / "登记备案",
        SubmitForApproval = "submit_for_approval" / "提交会签",
        StartImplementation = "start_implementation" / "开始落实",
        StartVerification = "start_verification" / "进入效果验证",
        Close = "close" / "结案",
        Cancel = "cancel" / "撤销",
        Reopen = "reopen" / "重新打开",
        // --- report ---
        Delete = "delete" / "删除",
        Submit = "submit" / "报送",
        Revise = "revise" / "修订重报",
        // --- survey ---
        EnterResponse = "enter_response" / "录入问卷",
        CloseCampaign = "close_campaign" / "结束调查",
        // --- contractor ---
        Blacklist = "blacklist" / "列入黑名单",
        Unblacklist = "unblacklist" / "移出黑名单",
        UploadItem = "upload_item" / "交资料",
        AcceptItem = "accept_item" / "资料审核通过",
        ReturnItem = "return_item" / "资料退回",
        SubmitForReview = "submit_for_review" / "提交安全审核",
        SafetyApprove = "safety_approve" / "安全审批通过",
        ReopenReview = "reopen_review" / "变更后重新审核",
        StartWork = "start_work" / "开始用工(施工)",
        Complete = "complete" / "完工",
        Terminate = "terminate" / "终止",
        Roster = "roster" / "人员名单",
        Print = "print" / "打印",
        // --- service ---
        Route = "route" / "分派",
        Answer = "answer" / "答复",
        Adopt = "adopt" / "采纳建议",
        ConvertToComplaint = "convert_to_complaint" / "转为投诉",
        Schedule = "schedule" / "安排回访",
        RecordVisit = "record_visit" / "回访记录",
        Approve = "approve" / "审批通过",
        Reject = "reject" / "驳回",
        Receive = "receive" / "收货",
        Refund = "refund" / "退款",
        Exchange = "exchange" / "换货",
        Finish = "finish" / "完成",
        Resubmit = "resubmit" / "重新申请",
        // --- workers ---
        WorkerBlacklist = "worker_blacklist" / "人员列入黑名单",
        WorkerUnblacklist = "worker_unblacklist" / "人员移出黑名单",
        // --- incidents ---
        DepositReceive = "deposit_receive" / "收取抵押金",
        DepositDeduct = "deposit_deduct" / "扣除抵押金",
        DepositRefund = "deposit_refund" / "退还抵押金",
        AccidentReport = "accident_report" / "事故上报",
        AccidentInform = "accident_inform" / "事故报安全管理部",
        // --- education ---
        SafetyClassAttendees = "safety_class_attendees" / "培训人员",
        SafetyClassScores = "safety_class_scores" / "考试成绩",
        WorkerCertificateReview = "worker_certificate_review" / "证书复审",
        // --- gate ---
        EntryOverride = "entry_override" / "入场审查放行",
    }
);

pub use AuditAction as Action;

/// One change about to be recorded.
pub struct Change<'a> {
    pub entity: Entity,
    pub entity_id: String,
    pub action: Action,
    pub summary: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub actor: &'a Actor,
    pub at: DateTime<Utc>,
}

impl<'a> Change<'a> {
    /// An action without a before/after picture (sign-in, password reset).
    pub fn note(
        actor: &'a Actor,
        entity: Entity,
        entity_id: impl ToString,
        action: Action,
        summary: String,
        at: DateTime<Utc>,
    ) -> Self {
        Change { entity, entity_id: entity_id.to_string(), action, summary, before: None, after: None, actor, at }
    }

    /// A change with the record as it was and as it is now (either may be absent).
    #[allow(clippy::too_many_arguments)]
    pub fn diff<T: Serialize>(
        actor: &'a Actor,
        entity: Entity,
        entity_id: impl ToString,
        action: Action,
        summary: String,
        before: Option<&T>,
        after: Option<&T>,
        at: DateTime<Utc>,
    ) -> Result<Self> {
        let json = |v: Option<&T>| v.map(serde_json::to_value).transpose();
        Ok(Change {
            before: json(before).map_err(|e| Error::Internal(e.to_string()))?,
            after: json(after).map_err(|e| Error::Internal(e.to_string()))?,
            ..Change::note(actor, entity, entity_id, action, summary, at)
        })
    }
}

tokio::task_local! {
    /// The desk the current call came from, set by the company server around each call (see
    /// [`from_desk`]); unset for this desk alone and the command line.
    static DESK: String;
}

/// Runs `call` (one command from a desk) so that every row it appends to the log records the
/// desk (machine name and address). A task-local rather than a parameter: the rows are written
/// deep inside the use-cases (sign-in writes its row before any session exists), and the desk
/// is a fact about the call, not about the user or the change.
pub async fn from_desk<F: std::future::Future>(desk: String, call: F) -> F::Output {
    DESK.scope(desk, call).await
}

/// The desk of the call being served, if any.
pub fn current_desk() -> Option<String> {
    DESK.try_with(Clone::clone).ok()
}

/// Appends the change to the log on the caller's connection (inside its transaction).
pub async fn record(conn: &mut SqliteConnection, change: Change<'_>) -> Result<()> {
    let at = db_time(change.at);
    let desk = current_desk();
    let before = change.before.map(|v| v.to_string());
    let after = change.after.map(|v| v.to_string());
    let (entity, action) = (change.entity.key(), change.action.key());
    let actor = change.actor;
    sqlx::query!(
        "INSERT INTO audit_event
            (occurred_at, actor_id, actor_name, entity, entity_id, action, summary, before_json, after_json, desk)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        at,
        actor.user_id,
        actor.display_name,
        entity,
        change.entity_id,
        action,
        change.summary,
        before,
        after,
        desk,
    )
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Serialize, TS, sqlx::FromRow)]
#[ts(export_to = "bindings.ts")]
pub struct AuditEvent {
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub summary: String,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    /// The desk the change came from in company mode ("质检-PC (192.168.1.23)"); `null` for
    /// this desk alone and the command line.
    pub desk: Option<String>,
}

/// Filters for the audit screen; every field is optional. Newest first (the log is appended in
/// time order, so by id), paged by keyset on `id`.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct AuditFilter {
    #[ts(optional)]
    pub entity: Option<String>,
    /// With `entity`: the history of one record.
    #[ts(optional)]
    pub entity_id: Option<String>,
    #[ts(optional)]
    pub action: Option<String>,
    #[ts(optional)]
    pub actor_id: Option<i64>,
    /// Inclusive lower bound, UTC.
    #[ts(optional)]
    pub from: Option<DateTime<Utc>>,
    /// Exclusive upper bound, UTC.
    #[ts(optional)]
    pub to: Option<DateTime<Utc>>,
    /// Substring of the summary or the entity id.
    #[ts(optional)]
    pub text: Option<String>,
    /// The previous page's `next`.
    #[ts(optional)]
    pub after: Option<Cursor>,
    #[ts(optional)]
    pub limit: Option<i64>,
}

pub type AuditPage = Page<AuditEvent>;

const NEWEST_FIRST: Order = Order::new(&[], "id", true);

pub async fn list(store: &Store, actor: &Actor, filter: &AuditFilter) -> Result<AuditPage> {
    actor.require(Permission::ViewAudit)?;
    let mut count = QueryBuilder::<Sqlite>::new("SELECT count(*) FROM (SELECT 1 FROM audit_event WHERE 1 = 1");
    push_filters(&mut count, filter);
    count.push(" LIMIT ").push_bind(listing::COUNT_CAP + 1).push(")");
    let counted: i64 = count.build_query_scalar().fetch_one(store.pool()).await?;
    let mut page = query(store, filter).await?;
    (page.total, page.total_capped) = listing::total(counted);
    Ok(page)
}

/// The log without a permission check, for use-cases that show a record's own history (the
/// page's total is its length: nothing is counted).
pub(crate) async fn query(store: &Store, filter: &AuditFilter) -> Result<AuditPage> {
    let limit = listing::limit(filter.limit, 50, 500);
    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT id, occurred_at, actor_id, actor_name, entity, entity_id, action, summary, before_json, after_json,
                desk
         FROM audit_event WHERE 1 = 1",
    );
    push_filters(&mut qb, filter);
    NEWEST_FIRST.push_after(&mut qb, filter.after.as_ref())?;
    NEWEST_FIRST.push_order_limit(&mut qb, limit);
    let rows: Vec<AuditEvent> = qb.build_query_as().fetch_all(store.pool()).await?;
    let shown = rows.len().min(limit as usize) as i64;
    Ok(NEWEST_FIRST.page(rows, limit, shown, |e| vec![Key::Int(e.id)]))
}

fn push_filters(qb: &mut QueryBuilder<Sqlite>, filter: &AuditFilter) {
    let from = filter.from.map(db_time);
    let to = filter.to.map(db_time);
    let text = filter.text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(|t| format!("%{t}%"));
    // Only the filters given go into the SQL: `(? IS NULL OR entity = ?)` would keep SQLite from
    // using the (entity, entity_id, id) index, and a record's history would scan the whole log.
    if let Some(entity) = &filter.entity {
        qb.push(" AND entity = ").push_bind(entity.clone());
    }
    if let Some(entity_id) = &filter.entity_id {
        qb.push(" AND entity_id = ").push_bind(entity_id.clone());
    }
    if let Some(action) = &filter.action {
        qb.push(" AND action = ").push_bind(action.clone());
    }
    if let Some(actor_id) = filter.actor_id {
        qb.push(" AND actor_id = ").push_bind(actor_id);
    }
    if let Some(from) = from {
        qb.push(" AND occurred_at >= ").push_bind(from);
    }
    if let Some(to) = to {
        qb.push(" AND occurred_at < ").push_bind(to);
    }
    if let Some(text) = text {
        qb.push(" AND (summary LIKE ").push_bind(text.clone()).push(" OR entity_id LIKE ").push_bind(text).push(")");
    }
}
