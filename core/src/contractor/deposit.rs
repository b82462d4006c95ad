//! 安全风险抵押金: the deposit ledger of one engagement. Money is received (收取), deducted (扣除,
//! with a reason, optionally taking a violation's penalty) and refunded (退还, the whole balance,
//! once the engagement has ended). The rule (§5): "费用不准挪作他用" — the money stays with its
//! engagement: a deduction takes only a violation of the same engagement and nothing moves
//! between engagements. Entries are never edited or deleted; a wrong one is answered by an
//! opposite entry with a reason.
//!
//! `decide` is the pure rule; `enter` reads the last balance inside a `BEGIN IMMEDIATE`
//! transaction, so two desks cannot both take the same money.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::local_today;
use super::review::EngagementState;
use crate::account::{Actor, Permission, Role};
use crate::audit::{Action, Entity};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::format::money;
use crate::keyed::keyed_enum;
use crate::validate;
use crate::write::Write;

keyed_enum!(
    /// One line of the deposit ledger.
    DepositKind {
        Received = "received" / "收取",
        Deduction = "deduction" / "扣除",
        Refund = "refund" / "退还",
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[ts(export_to = "bindings.ts")]
pub struct DepositEntry {
    pub id: i64,
    pub engagement_id: i64,
    #[sqlx(try_from = "String")]
    pub kind: DepositKind,
    pub amount_fen: i64,
    pub entry_on: NaiveDate,
    pub reason: String,
    pub violation_id: Option<i64>,
    /// The violation's facts, when the deduction took its penalty.
    pub violation_description: Option<String>,
    pub balance_after_fen: i64,
    pub recorded_by: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct DepositEntryInput {
    pub kind: DepositKind,
    pub amount_fen: i64,
    pub entry_on: NaiveDate,
    /// Required for a deduction; for a correction, what it corrects.
    pub reason: String,
    /// The violation whose penalty a deduction takes (same engagement only).
    #[ts(optional)]
    pub violation_id: Option<i64>,
}

/// 应收 / 已收 / 余额 and every entry, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct DepositLedger {
    pub engagement_id: i64,
    pub engagement_number: String,
    pub title: String,
    pub unit_name: Option<String>,
    pub department_name: String,
    pub state: EngagementState,
    /// 应收: the deposit the engagement agreed.
    pub agreed_fen: i64,
    /// 已收: everything received.
    pub received_fen: i64,
    pub deducted_fen: i64,
    pub refunded_fen: i64,
    /// 余额.
    pub balance_fen: i64,
    pub entries: Vec<DepositEntry>,
}

/// What the rule needs to know about the engagement and the ledger.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Facts {
    pub state: EngagementState,
    pub balance_fen: i64,
}

/// A linked violation, as the rule sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinkedViolation {
    pub same_engagement: bool,
    pub penalty_fen: i64,
    /// Already taken from the deposit by earlier deductions.
    pub deducted_fen: i64,
}

/// The balance after the entry, or why the entry is refused.
pub fn decide(facts: Facts, input: &DepositEntryInput, violation: Option<LinkedViolation>) -> Result<i64> {
    if input.amount_fen <= 0 {
        return Err(Error::validation("amount_fen", "金额必须大于0"));
    }
    if input.violation_id.is_some() && input.kind != DepositKind::Deduction {
        return Err(Error::validation("violation_id", "只有扣除可以关联违规考核"));
    }
    let balance = facts.balance_fen;
    match input.kind {
        DepositKind::Received => {
            if facts.state.is_ended() {
                return Err(Error::validation("kind", format!("项目{},不能再收取抵押金", facts.state.label())));
            }
            balance.checked_add(input.amount_fen).ok_or_else(|| Error::validation("amount_fen", "金额过大"))
        }
        DepositKind::Deduction => {
            if input.reason.trim().is_empty() {
                return Err(Error::validation("reason", "扣除原因不能为空"));
            }
            if let Some(v) = violation {
                if !v.same_engagement {
                    return Err(Error::validation("violation_id", "只能扣除本项目的违规考核:抵押金不准挪作他用"));
                }
                let left = v.penalty_fen - v.deducted_fen;
                if input.amount_fen > left {
                    return Err(Error::validation(
                        "amount_fen",
                        format!("扣除金额 {} 超过该违规考核未扣的 {}", money(input.amount_fen), money(left.max(0))),
                    ));
                }
            }
            if input.amount_fen > balance {
                return Err(Error::validation(
                    "amount_fen",
                    format!("扣除金额 {} 超过抵押金余额 {},余额不能为负", money(input.amount_fen), money(balance)),
                ));
            }
            Ok(balance - input.amount_fen)
        }
        DepositKind::Refund => {
            if !facts.state.is_ended() {
                return Err(Error::validation(
                    "kind",
                    format!("项目{},完工或终止后才能退还抵押金", facts.state.label()),
                ));
            }
            if balance == 0 {
                return Err(Error::validation("amount_fen", "抵押金余额为 0.00 元,没有可退还的金额"));
            }
            if input.amount_fen != balance {
                return Err(Error::validation(
                    "amount_fen",
                    format!("退还须为全部余额 {}(填写的是 {})", money(balance), money(input.amount_fen)),
                ));
            }
            Ok(0)
        }
    }
}

/// May the actor keep this engagement's ledger: 安全管理部 and the administrator any; a hiring
/// department its own department's.
fn can_manage(actor: &Actor, department_id: i64) -> Result<()> {
    actor.require(Permission::ManageDeposits)?;
    if actor.role == Role::HiringDept && actor.department_id != Some(department_id) {
        return Err(Error::Forbidden("用工(发包)部门只能管理本部门项目的抵押金".into()));
    }
    Ok(())
}

pub(crate) async fn balance(conn: &mut SqliteConnection, engagement_id: i64) -> Result<i64> {
    Ok(sqlx::query_scalar!(
        "SELECT balance_after_fen FROM safety_deposit_entry WHERE engagement_id = ? ORDER BY id DESC LIMIT 1",
        engagement_id
    )
    .fetch_optional(conn)
    .await?
    .unwrap_or(0))
}

async fn linked_violation(
    conn: &mut SqliteConnection,
    engagement_id: i64,
    violation_id: i64,
) -> Result<LinkedViolation> {
    let v = sqlx::query!(
        r#"SELECT engagement_id, penalty_fen,
                  (SELECT coalesce(sum(amount_fen), 0) FROM safety_deposit_entry d
                    WHERE d.violation_id = v.id AND d.kind = 'deduction') AS "deducted!: i64"
           FROM safety_violation v WHERE v.id = ?"#,
        violation_id
    )
    .fetch_optional(conn)
    .await?
    .ok_or(Error::NotFound("违规考核记录"))?;
    Ok(LinkedViolation {
        same_engagement: v.engagement_id == Some(engagement_id),
        penalty_fen: v.penalty_fen,
        deducted_fen: v.deducted,
    })
}

/// Writes one entry. The balance is read and written in one `BEGIN IMMEDIATE` transaction.
pub async fn enter(
    store: &Store,
    actor: &Actor,
    engagement_id: i64,
    input: DepositEntryInput,
    now: DateTime<Utc>,
) -> Result<DepositLedger> {
    actor.require(Permission::ManageDeposits)?;
    let today = local_today(store, now).await?;
    if input.entry_on > today {
        return Err(Error::validation("entry_on", "日期不能晚于今天"));
    }
    let reason = validate::optional("reason", "原因", &input.reason, 500)?;
    let input = DepositEntryInput { reason, ..input };
    let mut w = Write::begin(store, actor, now).await?;
    let e = sqlx::query!("SELECT number, department_id, state FROM contractor_engagement WHERE id = ?", engagement_id)
        .fetch_optional(w.conn())
        .await?
        .ok_or(Error::NotFound("用工(发包)项目"))?;
    can_manage(actor, e.department_id)?;
    let state = EngagementState::stored(&e.state)?;
    let balance_before = balance(w.conn(), engagement_id).await?;
    let violation = match input.violation_id {
        Some(v) => Some(linked_violation(w.conn(), engagement_id, v).await?),
        None => None,
    };
    let after = decide(Facts { state, balance_fen: balance_before }, &input, violation)?;
    let kind = input.kind.key();
    let at = db_time(now);
    sqlx::query!(
        "INSERT INTO safety_deposit_entry (engagement_id, kind, amount_fen, entry_on, reason, violation_id,
             balance_after_fen, recorded_by_id, recorded_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        engagement_id,
        kind,
        input.amount_fen,
        input.entry_on,
        input.reason,
        input.violation_id,
        after,
        actor.user_id,
        actor.display_name,
        at
    )
    .execute(w.conn())
    .await?;
    let action = match input.kind {
        DepositKind::Received => Action::DepositReceive,
        DepositKind::Deduction => Action::DepositDeduct,
        DepositKind::Refund => Action::DepositRefund,
    };
    let reason = if input.reason.is_empty() { String::new() } else { format!(":{}", input.reason) };
    let summary =
        format!("{} 抵押金{} {}(余额 {}){reason}", e.number, input.kind.label(), money(input.amount_fen), money(after));
    w.note(Entity::SafetyDeposit, engagement_id, action, summary).await?;
    let ledger = read(w.conn(), engagement_id).await?;
    w.commit().await?;
    Ok(ledger)
}

pub(crate) async fn read(conn: &mut SqliteConnection, engagement_id: i64) -> Result<DepositLedger> {
    let e = sqlx::query!(
        r#"SELECT e.number, e.title, e.state, e.deposit_fen, u.name AS "unit_name?", d.name AS department_name
           FROM contractor_engagement e JOIN department d ON d.id = e.department_id
           LEFT JOIN contractor_unit u ON u.id = e.unit_id WHERE e.id = ?"#,
        engagement_id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound("用工(发包)项目"))?;
    let entries: Vec<DepositEntry> = sqlx::query_as(
        "SELECT d.id, d.engagement_id, d.kind, d.amount_fen, d.entry_on, d.reason, d.violation_id,
                v.description AS violation_description, d.balance_after_fen, d.recorded_by, d.created_at
         FROM safety_deposit_entry d LEFT JOIN safety_violation v ON v.id = d.violation_id
         WHERE d.engagement_id = ? ORDER BY d.id",
    )
    .bind(engagement_id)
    .fetch_all(&mut *conn)
    .await?;
    let sum = |kind: DepositKind| entries.iter().filter(|x| x.kind == kind).map(|x| x.amount_fen).sum::<i64>();
    Ok(DepositLedger {
        engagement_id,
        engagement_number: e.number,
        title: e.title,
        unit_name: e.unit_name,
        department_name: e.department_name,
        state: EngagementState::stored(&e.state)?,
        agreed_fen: e.deposit_fen,
        received_fen: sum(DepositKind::Received),
        deducted_fen: sum(DepositKind::Deduction),
        refunded_fen: sum(DepositKind::Refund),
        balance_fen: entries.last().map(|x| x.balance_after_fen).unwrap_or(0),
        entries,
    })
}

pub async fn ledger(store: &Store, actor: &Actor, engagement_id: i64) -> Result<DepositLedger> {
    actor.require(Permission::ViewContractors)?;
    let mut conn = store.pool().acquire().await?;
    read(&mut conn, engagement_id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(kind: DepositKind, amount_fen: i64) -> DepositEntryInput {
        DepositEntryInput {
            kind,
            amount_fen,
            entry_on: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            reason: "违章作业".into(),
            violation_id: None,
        }
    }

    const ACTIVE: Facts = Facts { state: EngagementState::Active, balance_fen: 100_000 };

    #[test]
    fn the_balance_never_goes_below_zero_and_the_message_gives_it() {
        assert_eq!(decide(ACTIVE, &input(DepositKind::Deduction, 100_000), None).unwrap(), 0);
        let err = decide(ACTIVE, &input(DepositKind::Deduction, 100_001), None).unwrap_err();
        assert_eq!(err.field(), Some("amount_fen"));
        assert_eq!(err.user_message(), "扣除金额 1,000.01 元 超过抵押金余额 1,000.00 元,余额不能为负");
        assert_eq!(decide(ACTIVE, &input(DepositKind::Received, 50), None).unwrap(), 100_050);
        let err = decide(ACTIVE, &input(DepositKind::Received, 0), None).unwrap_err();
        assert_eq!(err.user_message(), "金额必须大于0");
    }

    #[test]
    fn a_deduction_needs_a_reason_and_takes_only_its_own_engagements_violation() {
        let no_reason = DepositEntryInput { reason: " ".into(), ..input(DepositKind::Deduction, 10) };
        assert_eq!(decide(ACTIVE, &no_reason, None).unwrap_err().user_message(), "扣除原因不能为空");
        let linked = DepositEntryInput { violation_id: Some(7), ..input(DepositKind::Deduction, 30_000) };
        let other = LinkedViolation { same_engagement: false, penalty_fen: 50_000, deducted_fen: 0 };
        let err = decide(ACTIVE, &linked, Some(other)).unwrap_err();
        assert!(err.user_message().contains("不准挪作他用"), "{}", err.user_message());
        let own = LinkedViolation { same_engagement: true, ..other };
        assert_eq!(decide(ACTIVE, &linked, Some(own)).unwrap(), 70_000);
        let taken = LinkedViolation { deducted_fen: 30_000, ..own };
        let err = decide(ACTIVE, &linked, Some(taken)).unwrap_err();
        assert_eq!(err.user_message(), "扣除金额 300.00 元 超过该违规考核未扣的 200.00 元");
        let received = DepositEntryInput { violation_id: Some(7), ..input(DepositKind::Received, 10) };
        assert_eq!(decide(ACTIVE, &received, Some(own)).unwrap_err().field(), Some("violation_id"));
    }

    #[test]
    fn the_whole_balance_is_refunded_only_at_the_end() {
        let err = decide(ACTIVE, &input(DepositKind::Refund, 100_000), None).unwrap_err();
        assert_eq!(err.user_message(), "项目用工中,完工或终止后才能退还抵押金");
        for state in [EngagementState::Completed, EngagementState::Terminated] {
            let ended = Facts { state, balance_fen: 100_000 };
            assert_eq!(decide(ended, &input(DepositKind::Refund, 100_000), None).unwrap(), 0);
            let err = decide(ended, &input(DepositKind::Refund, 40_000), None).unwrap_err();
            assert_eq!(err.user_message(), "退还须为全部余额 1,000.00 元(填写的是 400.00 元)");
            let err = decide(ended, &input(DepositKind::Received, 1), None).unwrap_err();
            assert_eq!(err.field(), Some("kind"));
            // A deduction found at the end is still taken before the refund.
            assert_eq!(decide(ended, &input(DepositKind::Deduction, 1), None).unwrap(), 99_999);
        }
        let empty = Facts { state: EngagementState::Completed, balance_fen: 0 };
        assert!(decide(empty, &input(DepositKind::Refund, 1), None).unwrap_err().user_message().contains("没有可退还"));
        for state in [EngagementState::Preparing, EngagementState::Approved] {
            assert!(decide(Facts { state, balance_fen: 5 }, &input(DepositKind::Refund, 5), None).is_err());
        }
    }
}
