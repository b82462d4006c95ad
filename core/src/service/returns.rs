//! 直销店退换货: a store registers a return or exchange (store, customer, product lines, type,
//! reason, optional complaint), after-sales approves it in an approval round, the store receives
//! the goods, refunds or exchanges, and completes it: 申请 → 已审批 → 已收货 → 已退款/已换货 → 完成,
//! or 驳回 with a reason (a rejected request may be resubmitted: a new round). A store clerk sees
//! and registers only their own store's returns; head office sees all.

use std::path::Path;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use super::Refusal;
use crate::account::{Actor, Permission, Role};
use crate::approval::{self, ApprovalView, Place, Seat, Signed};
use crate::audit::{Action, Entity};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::keyed::keyed_enum;
use crate::listing::{self, Cursor, Key, Order, Page};
use crate::validate;
use crate::write::{Record, Write, one_row};
use crate::xlsx::{Table, Value};

keyed_enum!(
    /// 申请 → 已审批 → 已收货 → 已退款/已换货 → 完成, or 驳回.
    ReturnState {
        Requested = "requested" / "申请",
        Approved = "approved" / "已审批",
        Received = "received" / "已收货",
        Refunded = "refunded" / "已退款",
        Exchanged = "exchanged" / "已换货",
        Completed = "completed" / "完成",
        Rejected = "rejected" / "驳回",
    }
);

keyed_enum!(ReturnKind {
    Return = "return" / "退货",
    Exchange = "exchange" / "换货",
});

keyed_enum!(ReturnReason {
    Quality = "quality" / "质量原因",
    NonQuality = "non_quality" / "非质量原因",
    Other = "other" / "其他",
});

keyed_enum!(ReturnCommand {
    Approve = "approve" / "审批通过",
    Reject = "reject" / "驳回",
    Receive = "receive" / "确认收货",
    Refund = "refund" / "退款",
    Exchange = "exchange" / "换货",
    Complete = "complete" / "完成",
    Resubmit = "resubmit" / "重新申请",
});

impl ReturnCommand {
    /// Approving and rejecting are after-sales' (the approval round); the rest the store's.
    pub fn is_approval(self) -> bool {
        matches!(self, ReturnCommand::Approve | ReturnCommand::Reject)
    }

    fn action(self) -> Action {
        match self {
            ReturnCommand::Approve => Action::Approve,
            ReturnCommand::Reject => Action::Reject,
            ReturnCommand::Receive => Action::Receive,
            ReturnCommand::Refund => Action::Refund,
            ReturnCommand::Exchange => Action::Exchange,
            ReturnCommand::Complete => Action::Finish,
            ReturnCommand::Resubmit => Action::Resubmit,
        }
    }
}

/// The next state, or why not. `has_reason`: a rejection's reason was given.
pub fn decide(
    state: ReturnState,
    kind: ReturnKind,
    command: ReturnCommand,
    has_reason: bool,
) -> std::result::Result<ReturnState, Refusal> {
    use ReturnState::*;
    let wrong = |allowed: &str| Refusal {
        message: format!(
            "不能{}:退换货单当前状态为“{}”,只有{allowed}时可以{}",
            command.label(),
            state.label(),
            command.label()
        ),
    };
    match command {
        ReturnCommand::Approve if state == Requested => Ok(Approved),
        ReturnCommand::Approve => Err(wrong("“申请”")),
        ReturnCommand::Reject if state != Requested => Err(wrong("“申请”")),
        ReturnCommand::Reject if !has_reason => Err(Refusal { message: "不能驳回:须填写驳回原因".into() }),
        ReturnCommand::Reject => Ok(Rejected),
        ReturnCommand::Receive if state == Approved => Ok(Received),
        ReturnCommand::Receive => Err(wrong("“已审批”")),
        ReturnCommand::Refund if state != Received => Err(wrong("“已收货”")),
        ReturnCommand::Refund if kind != ReturnKind::Return => {
            Err(Refusal { message: "不能退款:这是换货单,请办理换货".into() })
        }
        ReturnCommand::Refund => Ok(Refunded),
        ReturnCommand::Exchange if state != Received => Err(wrong("“已收货”")),
        ReturnCommand::Exchange if kind != ReturnKind::Exchange => {
            Err(Refusal { message: "不能换货:这是退货单,请办理退款".into() })
        }
        ReturnCommand::Exchange => Ok(Exchanged),
        ReturnCommand::Complete if matches!(state, Refunded | Exchanged) => Ok(Completed),
        ReturnCommand::Complete => Err(wrong("“已退款”或“已换货”")),
        ReturnCommand::Resubmit if state == Rejected => Ok(Requested),
        ReturnCommand::Resubmit => Err(wrong("“驳回”")),
    }
}

// ---------------------------------------------------------------- data

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::FromRow)]
#[ts(export_to = "bindings.ts")]
pub struct ReturnLine {
    pub part_number: String,
    pub product_name: String,
    pub batch: String,
    pub quantity: i64,
    /// Unit price in fen.
    pub unit_price_fen: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ReturnInput {
    pub requested_at: DateTime<Utc>,
    pub store_id: i64,
    pub customer_id: i64,
    pub complaint_id: Option<i64>,
    pub kind: ReturnKind,
    pub reason: ReturnReason,
    pub reason_detail: String,
    pub lines: Vec<ReturnLine>,
}

impl ReturnInput {
    /// Checked input and its amount in fen (Σ quantity × unit price).
    pub(crate) fn checked(self, now: DateTime<Utc>) -> Result<(ReturnInput, i64)> {
        if self.requested_at > now + chrono::Duration::minutes(5) {
            return Err(Error::validation("requested_at", "申请时间不能晚于现在"));
        }
        if self.lines.is_empty() {
            return Err(Error::validation("lines", "退换货产品至少需要一条"));
        }
        if self.lines.len() > 100 {
            return Err(Error::validation("lines", "退换货产品最多100条"));
        }
        let mut amount: i64 = 0;
        let mut lines = Vec::new();
        for l in self.lines {
            if l.quantity <= 0 {
                return Err(Error::validation("quantity", "数量须大于0"));
            }
            if l.unit_price_fen < 0 {
                return Err(Error::validation("unit_price_fen", "单价不能为负数"));
            }
            amount = l
                .quantity
                .checked_mul(l.unit_price_fen)
                .and_then(|x| amount.checked_add(x))
                .filter(|a| *a <= 100_000_000_000)
                .ok_or_else(|| Error::validation("unit_price_fen", "金额超出范围(单张不超过10亿元)"))?;
            lines.push(ReturnLine {
                part_number: validate::required("part_number", "料号", &l.part_number, 64)?,
                product_name: validate::optional("product_name", "品名", &l.product_name, 100)?,
                batch: validate::optional("batch", "批次", &l.batch, 64)?,
                ..l
            });
        }
        let reason_detail = validate::optional("reason_detail", "原因说明", &self.reason_detail, 1000)?;
        Ok((ReturnInput { lines, reason_detail, ..self }, amount))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[ts(export_to = "bindings.ts")]
pub struct StoreReturn {
    pub id: i64,
    pub number: String,
    pub requested_at: DateTime<Utc>,
    pub store_id: i64,
    pub store_name: String,
    pub customer_id: i64,
    pub customer_name: String,
    pub customer_code: String,
    pub complaint_id: Option<i64>,
    pub complaint_number: Option<String>,
    #[sqlx(try_from = "String")]
    pub kind: ReturnKind,
    #[sqlx(try_from = "String")]
    pub reason: ReturnReason,
    pub reason_detail: String,
    pub amount_fen: i64,
    #[sqlx(try_from = "String")]
    pub state: ReturnState,
    /// Why it was rejected.
    pub state_reason: String,
    pub approval_round: i64,
    pub registered_by_name: Option<String>,
    #[sqlx(skip)]
    pub lines: Vec<ReturnLine>,
    #[sqlx(skip)]
    pub approvals: Vec<ApprovalView>,
    pub version: i64,
}

impl Record for StoreReturn {
    const ENTITY: Entity = Entity::StoreReturn;
    async fn load(conn: &mut SqliteConnection, id: i64) -> Result<StoreReturn> {
        let mut r: StoreReturn = sqlx::query_as(
            "SELECT r.id, r.number, r.requested_at, r.store_id, s.name AS store_name, r.customer_id,
                    cu.name AS customer_name, cu.code AS customer_code, r.complaint_id, c.number AS complaint_number,
                    r.kind, r.reason, r.reason_detail, r.amount_fen, r.state, r.state_reason, r.approval_round,
                    u.display_name AS registered_by_name, r.version
             FROM store_return r JOIN store s ON s.id = r.store_id JOIN customer cu ON cu.id = r.customer_id
                  LEFT JOIN complaint c ON c.id = r.complaint_id LEFT JOIN app_user u ON u.id = r.registered_by
             WHERE r.id = ?",
        )
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound("退换货单"))?;
        r.lines = sqlx::query_as(
            "SELECT part_number, product_name, batch, quantity, unit_price_fen FROM store_return_line WHERE return_id = ? ORDER BY id",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        r.approvals = approval::of(conn, Entity::StoreReturn, id).await?;
        Ok(r)
    }
    fn version(&self) -> i64 {
        self.version
    }
}

fn titled(summary: impl Into<String>) -> impl FnOnce(&StoreReturn) -> String {
    let summary = summary.into();
    move |r| format!("{} {summary}", r.number)
}

/// A store clerk works on their own store's returns only.
fn own_store(actor: &Actor, store_id: i64) -> Result<()> {
    if actor.role == Role::StoreClerk && actor.store_id != Some(store_id) {
        return Err(Error::Forbidden("直销店店员只能登记和查看本店的退换货".into()));
    }
    Ok(())
}

/// The after-sales department, whose place the approval round asks.
async fn after_sales_department(conn: &mut SqliteConnection) -> Result<i64> {
    let id: Option<i64> =
        sqlx::query_scalar("SELECT id FROM department WHERE duty = 'after_sales' AND active = 1 ORDER BY id")
            .fetch_optional(conn)
            .await?;
    id.ok_or_else(|| Error::validation("department", "没有在用的售后服务部,无法提交审批"))
}

async fn open_round(conn: &mut SqliteConnection, id: i64, round: i64) -> Result<()> {
    let department_id = after_sales_department(conn).await?;
    approval::open_round(conn, Entity::StoreReturn, id, round, &[Place { department_id, seat: Seat::Department }]).await
}

/// Inserts inside the caller's write (register, demo): its id.
pub(crate) async fn insert(
    w: &mut Write<'_>,
    input: &ReturnInput,
    amount_fen: i64,
    zone: chrono_tz::Tz,
) -> Result<i64> {
    let (by, now) = (w.actor().user_id, w.now());
    insert_on(w.conn(), by, now, input, amount_fen, zone).await
}

/// Inserts on the caller's transaction (also the import's): its id.
pub(crate) async fn insert_on(
    conn: &mut SqliteConnection,
    by: Option<i64>,
    now: DateTime<Utc>,
    input: &ReturnInput,
    amount_fen: i64,
    zone: chrono_tz::Tz,
) -> Result<i64> {
    super::active_store(conn, input.store_id).await?;
    super::active_customer(&mut *conn, input.customer_id).await?;
    if let Some(c) = input.complaint_id {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT id FROM complaint WHERE id = ?").bind(c).fetch_optional(&mut *conn).await?;
        found.ok_or_else(|| Error::validation("complaint_id", "关联的投诉不存在"))?;
    }
    let year = input.requested_at.with_timezone(&zone).year();
    let number = super::next_number(&mut *conn, "store_return", "TH", year).await?;
    let at = db_time(now);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO store_return (number, store_id, customer_id, complaint_id, kind, reason, reason_detail, amount_fen,
                                   state, approval_round, requested_at, registered_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'requested', 1, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&number)
    .bind(input.store_id)
    .bind(input.customer_id)
    .bind(input.complaint_id)
    .bind(input.kind.key())
    .bind(input.reason.key())
    .bind(&input.reason_detail)
    .bind(amount_fen)
    .bind(db_time(input.requested_at))
    .bind(by)
    .bind(&at)
    .bind(&at)
    .fetch_one(&mut *conn)
    .await?;
    for l in &input.lines {
        sqlx::query(
            "INSERT INTO store_return_line (return_id, part_number, product_name, batch, quantity, unit_price_fen)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(&l.part_number)
        .bind(&l.product_name)
        .bind(&l.batch)
        .bind(l.quantity)
        .bind(l.unit_price_fen)
        .execute(&mut *conn)
        .await?;
    }
    open_round(conn, id, 1).await?;
    Ok(id)
}

// ---------------------------------------------------------------- use-cases

/// 申请: a new return TH-YYYY-NNNNN, put before after-sales in round 1.
pub async fn register(store: &Store, actor: &Actor, input: ReturnInput, now: DateTime<Utc>) -> Result<StoreReturn> {
    actor.require(Permission::RegisterReturns)?;
    own_store(actor, input.store_id)?;
    let (input, amount) = input.checked(now)?;
    let zone = crate::settings::load(store).await?.zone();
    let mut w = Write::begin(store, actor, now).await?;
    let id = insert(&mut w, &input, amount, zone).await?;
    w.finish(id, Action::Register, None, |r: &StoreReturn| {
        format!("{} {} {}申请", r.number, r.store_name, r.kind.label())
    })
    .await
}

pub async fn get(store: &Store, actor: &Actor, id: i64) -> Result<StoreReturn> {
    actor.require(Permission::ViewReturns)?;
    let r = StoreReturn::load(&mut *store.pool().acquire().await?, id).await?;
    own_store(actor, r.store_id)?;
    Ok(r)
}

pub async fn find_by_number(store: &Store, actor: &Actor, number: &str) -> Result<StoreReturn> {
    actor.require(Permission::ViewReturns)?;
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM store_return WHERE number = ?")
        .bind(number)
        .fetch_optional(store.pool())
        .await?;
    get(store, actor, id.ok_or(Error::NotFound("退换货单"))?).await
}

/// Moves a return on. Approve and reject are signatures in the current round by an after-sales
/// user (never a store clerk); the rest are the store's (or head office's). `reason` is
/// required to reject.
pub async fn transition(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    command: ReturnCommand,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<StoreReturn> {
    if command.is_approval() {
        actor.require(Permission::ApproveReturns)?;
    } else {
        actor.require(Permission::RegisterReturns)?;
    }
    let reason = validate::optional("reason", "原因", reason, 500)?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: StoreReturn = w.load_at(id, version).await?;
    own_store(actor, before.store_id)?;
    let next = decide(before.state, before.kind, command, !reason.is_empty())?;
    if command.is_approval() {
        let department_id =
            actor.department_id.ok_or_else(|| Error::Forbidden("审批须由售后服务部的用户登录".into()))?;
        let place = Place { department_id, seat: Seat::Department };
        let signed = approval::sign(
            w.conn(),
            Entity::StoreReturn,
            id,
            before.approval_round,
            place,
            command == ReturnCommand::Approve,
            &reason,
            (actor.user_id, &actor.display_name),
            now,
        )
        .await?;
        match signed {
            Signed::Recorded => {}
            Signed::AlreadySigned => return Err(Error::validation("state", "本轮审批已签署")),
            Signed::NotAsked => return Err(Error::Forbidden("只有售后服务部可以审批退换货".into())),
        }
    }
    let round = if command == ReturnCommand::Resubmit { before.approval_round + 1 } else { before.approval_round };
    let state_reason = match command {
        ReturnCommand::Reject => reason.as_str(),
        ReturnCommand::Resubmit => "",
        _ => before.state_reason.as_str(),
    };
    let changed = sqlx::query(
        "UPDATE store_return SET state = ?, state_reason = ?, approval_round = ?, updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?",
    )
    .bind(next.key())
    .bind(state_reason)
    .bind(round)
    .bind(db_time(now))
    .bind(id)
    .bind(version)
    .execute(w.conn())
    .await?
    .rows_affected();
    one_row::<StoreReturn>(changed)?;
    if command == ReturnCommand::Resubmit {
        open_round(w.conn(), id, round).await?;
    }
    let summary = if reason.is_empty() {
        format!("{}:{} → {}", command.label(), before.state.label(), next.label())
    } else {
        format!("{}:{} → {}(原因:{reason})", command.label(), before.state.label(), next.label())
    };
    w.finish(id, command.action(), Some(&before), titled(summary)).await
}

/// The commands the actor could give now (the UI's buttons).
pub fn available(actor: &Actor, r: &StoreReturn) -> Vec<ReturnCommand> {
    ReturnCommand::ALL
        .into_iter()
        .filter(|c| {
            let allowed = if c.is_approval() {
                actor.role.can(Permission::ApproveReturns)
            } else {
                actor.role.can(Permission::RegisterReturns)
                    && (actor.role != Role::StoreClerk || actor.store_id == Some(r.store_id))
            };
            allowed && decide(r.state, r.kind, *c, true).is_ok()
        })
        .collect()
}

// ---------------------------------------------------------------- list

#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[ts(export_to = "bindings.ts")]
pub struct ReturnSummary {
    pub id: i64,
    pub number: String,
    pub requested_at: DateTime<Utc>,
    pub store_id: i64,
    pub store_name: String,
    pub customer_id: i64,
    pub customer_name: String,
    #[sqlx(try_from = "String")]
    pub kind: ReturnKind,
    #[sqlx(try_from = "String")]
    pub reason: ReturnReason,
    pub amount_fen: i64,
    #[sqlx(try_from = "String")]
    pub state: ReturnState,
    pub part_numbers: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ReturnQuery {
    #[ts(optional)]
    pub state: Option<ReturnState>,
    #[ts(optional)]
    pub store_id: Option<i64>,
    #[ts(optional)]
    pub kind: Option<ReturnKind>,
    #[ts(optional)]
    pub reason: Option<ReturnReason>,
    #[ts(optional)]
    pub customer_id: Option<i64>,
    #[ts(optional)]
    pub after: Option<Cursor>,
    #[ts(optional)]
    pub limit: Option<i64>,
}

pub type ReturnPage = Page<ReturnSummary>;

const ORDER: Order = Order::new(&["r.requested_at"], "r.id", true);

pub async fn list(store: &Store, actor: &Actor, q: &ReturnQuery) -> Result<ReturnPage> {
    actor.require(Permission::ViewReturns)?;
    let limit = listing::limit(q.limit, 20, 200);
    // A store clerk's list is their store's, whatever the filter asks.
    let store_only = if actor.role == Role::StoreClerk { Some(actor.store_id.unwrap_or(-1)) } else { q.store_id };
    let push_filters = |qb: &mut QueryBuilder<Sqlite>| {
        qb.push(" WHERE 1 = 1");
        if let Some(s) = store_only {
            qb.push(" AND r.store_id = ").push_bind(s);
        }
        if let Some(s) = q.state {
            qb.push(" AND r.state = ").push_bind(s.key());
        }
        if let Some(k) = q.kind {
            qb.push(" AND r.kind = ").push_bind(k.key());
        }
        if let Some(r) = q.reason {
            qb.push(" AND r.reason = ").push_bind(r.key());
        }
        if let Some(c) = q.customer_id {
            qb.push(" AND r.customer_id = ").push_bind(c);
        }
    };
    let mut conn = store.pool().acquire().await?;
    let mut count = QueryBuilder::<Sqlite>::new("SELECT count(*) FROM (SELECT 1 FROM store_return r");
    push_filters(&mut count);
    count.push(" LIMIT ").push_bind(listing::COUNT_CAP + 1).push(")");
    let counted: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT r.id, r.number, r.requested_at, r.store_id, s.name AS store_name, r.customer_id, cu.name AS customer_name,
                r.kind, r.reason, r.amount_fen, r.state,
                (SELECT group_concat(part_number, '、') FROM store_return_line l WHERE l.return_id = r.id) AS part_numbers
         FROM (SELECT r.id AS page_id FROM store_return r",
    );
    push_filters(&mut qb);
    ORDER.push_after(&mut qb, q.after.as_ref())?;
    ORDER.push_order_limit(&mut qb, limit);
    qb.push(
        ") p CROSS JOIN store_return r ON r.id = p.page_id CROSS JOIN store s ON s.id = r.store_id
         CROSS JOIN customer cu ON cu.id = r.customer_id ORDER BY",
    );
    ORDER.push_terms(&mut qb);
    let rows: Vec<ReturnSummary> = qb.build_query_as().fetch_all(&mut *conn).await?;
    Ok(ORDER.page(rows, limit, counted, |r| vec![Key::Text(db_time(r.requested_at)), r.id.into()]))
}

/// The returns waiting for the actor's approval (after-sales' workbench).
pub async fn awaiting_approval(store: &Store, actor: &Actor) -> Result<ReturnPage> {
    if !actor.role.can(Permission::ApproveReturns) {
        return Ok(Page { items: vec![], total: 0, total_capped: false, next: None });
    }
    list(store, actor, &ReturnQuery { state: Some(ReturnState::Requested), limit: Some(50), ..Default::default() })
        .await
}

// ---------------------------------------------------------------- monthly figures

/// Returns of one month by store, type and reason (rejected ones left out).
#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[ts(export_to = "bindings.ts")]
pub struct ReturnStat {
    pub store_id: i64,
    pub store_name: String,
    #[sqlx(try_from = "String")]
    pub kind: ReturnKind,
    #[sqlx(try_from = "String")]
    pub reason: ReturnReason,
    pub count: i64,
    pub quantity: i64,
    pub amount_fen: i64,
}

/// The month's figures, by the local month of the request: what the monthly report calls.
pub async fn monthly_stats(store: &Store, actor: &Actor, year: i32, month: u32) -> Result<Vec<ReturnStat>> {
    actor.require(Permission::ViewReturns)?;
    let zone = crate::settings::load(store).await?.zone();
    let first =
        NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(|| Error::validation("month", "月份须在1到12之间"))?;
    let next = first.checked_add_months(chrono::Months::new(1)).unwrap_or(first);
    let start = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .and_then(|t| t.and_local_timezone(zone).earliest())
            .map(|t| db_time(t.with_timezone(&Utc)))
            .unwrap_or_default()
    };
    let own = if actor.role == Role::StoreClerk { Some(actor.store_id.unwrap_or(-1)) } else { None };
    Ok(sqlx::query_as(
        "SELECT r.store_id, s.name AS store_name, r.kind, r.reason, count(*) AS count,
                coalesce(sum((SELECT sum(quantity) FROM store_return_line l WHERE l.return_id = r.id)), 0) AS quantity,
                sum(r.amount_fen) AS amount_fen
         FROM store_return r JOIN store s ON s.id = r.store_id
         WHERE r.requested_at >= ? AND r.requested_at < ? AND r.state <> 'rejected' AND (?3 IS NULL OR r.store_id = ?3)
         GROUP BY r.store_id, r.kind, r.reason ORDER BY s.code, r.kind, r.reason",
    )
    .bind(start(first))
    .bind(start(next))
    .bind(own)
    .fetch_all(store.pool())
    .await?)
}

/// Writes the month's figures to `path` (.xlsx) with a total row; how many rows.
pub async fn export_monthly(store: &Store, actor: &Actor, year: i32, month: u32, path: &Path) -> Result<i64> {
    let stats = monthly_stats(store, actor, year, month).await?;
    let sheet = format!("{year}年{month}月退换货");
    let mut t = Table::with_headers(
        &sheet,
        &[("直销店", 18.0), ("类型", 8.0), ("原因", 12.0), ("单数", 8.0), ("数量", 10.0), ("金额(元)", 14.0)],
    )?;
    for s in &stats {
        t.push(&[
            s.store_name.clone().into(),
            s.kind.label().into(),
            s.reason.label().into(),
            Value::Integer(s.count),
            Value::Integer(s.quantity),
            Value::Fen(s.amount_fen),
        ])?;
    }
    let sum = |f: fn(&ReturnStat) -> i64| stats.iter().map(f).sum::<i64>();
    t.totals(
        "合计",
        &[
            (3, Value::Integer(sum(|s| s.count))),
            (4, Value::Integer(sum(|s| s.quantity))),
            (5, Value::Fen(sum(|s| s.amount_fen))),
        ],
    )?;
    t.save(path)?;
    Ok(stats.len() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReturnCommand as C;
    use ReturnState::*;

    #[test]
    fn every_state_and_command_for_both_kinds() {
        // The legal moves; every other (state, command) pair is refused naming the state.
        let legal = |kind: ReturnKind, state: ReturnState, command: ReturnCommand| -> Option<ReturnState> {
            match (state, command, kind) {
                (Requested, C::Approve, _) => Some(Approved),
                (Requested, C::Reject, _) => Some(Rejected),
                (Approved, C::Receive, _) => Some(Received),
                (Received, C::Refund, ReturnKind::Return) => Some(Refunded),
                (Received, C::Exchange, ReturnKind::Exchange) => Some(Exchanged),
                (Refunded | Exchanged, C::Complete, _) => Some(Completed),
                (Rejected, C::Resubmit, _) => Some(Requested),
                _ => None,
            }
        };
        let mut legal_count = 0;
        for kind in ReturnKind::ALL {
            for state in ReturnState::ALL {
                for command in ReturnCommand::ALL {
                    let got = decide(state, kind, command, true);
                    match legal(kind, state, command) {
                        Some(next) => {
                            assert_eq!(got, Ok(next), "{kind:?} {state:?} --{command:?}");
                            legal_count += 1;
                        }
                        None => {
                            let err = got.unwrap_err();
                            let wrong_kind = state == Received && matches!(command, C::Refund | C::Exchange);
                            assert!(
                                wrong_kind || err.message.contains(state.label()),
                                "{kind:?} {state:?}/{command:?}: {}",
                                err.message
                            );
                        }
                    }
                }
            }
        }
        assert_eq!(legal_count, 2 * 7, "7 moves for each kind");
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(
            decide(Requested, ReturnKind::Return, C::Reject, false).unwrap_err().message,
            "不能驳回:须填写驳回原因"
        );
        assert!(decide(Received, ReturnKind::Exchange, C::Refund, true).unwrap_err().message.contains("这是换货单"));
        assert!(decide(Received, ReturnKind::Return, C::Exchange, true).unwrap_err().message.contains("这是退货单"));
    }

    #[test]
    fn the_amount_is_quantity_times_price_in_fen() {
        let line = |q, p| ReturnLine {
            part_number: "PN-1".into(),
            product_name: String::new(),
            batch: String::new(),
            quantity: q,
            unit_price_fen: p,
        };
        let input = ReturnInput {
            requested_at: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
            store_id: 1,
            customer_id: 1,
            complaint_id: None,
            kind: ReturnKind::Return,
            reason: ReturnReason::Quality,
            reason_detail: String::new(),
            lines: vec![line(3, 1999), line(1, 1)],
        };
        let now = input.requested_at;
        assert_eq!(input.clone().checked(now).unwrap().1, 5998);
        let err = ReturnInput { lines: vec![line(0, 1)], ..input.clone() }.checked(now).unwrap_err();
        assert_eq!(err.field(), Some("quantity"));
        let err = ReturnInput { lines: vec![line(i64::MAX, 2)], ..input.clone() }.checked(now).unwrap_err();
        assert_eq!(err.field(), Some("unit_price_fen"));
        let err = ReturnInput { lines: vec![], ..input }.checked(now).unwrap_err();
        assert_eq!(err.field(), Some("lines"));
    }
}
