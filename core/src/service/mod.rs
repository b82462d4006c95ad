//! Customer service (售后服务管理制度 一(一) 1、3、5、6 and 一(二) 1、2、5): feedback routed to
//! departments ([`feedback`]), key-customer care plans and follow-up visits ([`care`]), and
//! direct-sales store returns and exchanges ([`returns`]). Each record names its customer, moves
//! with it on a merge and shows on the customer's timeline ([`timeline`]).

pub mod care;
pub mod demo;
pub mod feedback;
mod forms;
pub mod generate;
pub mod returns;
pub mod timeline;
pub mod transfer;

pub use forms::{render_blank_visit, render_return, render_visit};

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

use crate::customer::CustomerLink;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::settings;

/// The records of this module that name a customer (listed in `registry::CUSTOMER_LINKS`).
pub const FEEDBACK_LINK: CustomerLink =
    CustomerLink { table: "feedback", column: "customer_id", label: "意见建议" };
pub const CARE_PLAN_LINK: CustomerLink =
    CustomerLink { table: "care_plan", column: "customer_id", label: "关怀计划" };
pub const VISIT_LINK: CustomerLink = CustomerLink { table: "visit", column: "customer_id", label: "回访" };
pub const RETURN_LINK: CustomerLink = CustomerLink { table: "store_return", column: "customer_id", label: "退换货" };

/// Refused by a pure rule: the message says why (the state, or what is missing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
}

impl From<Refusal> for Error {
    fn from(r: Refusal) -> Error {
        Error::validation("state", r.message)
    }
}

/// The company's local date of `now`.
pub(crate) async fn today(store: &Store, now: DateTime<Utc>) -> Result<NaiveDate> {
    settings::today(store, now).await
}

pub(crate) async fn active_customer(conn: &mut SqliteConnection, id: i64) -> Result<String> {
    let row: Option<(String, bool)> =
        sqlx::query_as("SELECT name, active FROM customer WHERE id = ?").bind(id).fetch_optional(conn).await?;
    match row {
        None => Err(Error::validation("customer_id", "所选客户不存在")),
        Some((_, false)) => Err(Error::validation("customer_id", "所选客户已停用或已合并,请选择在用的客户")),
        Some((name, true)) => Ok(name),
    }
}

pub(crate) async fn active_store(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    let active: Option<bool> =
        sqlx::query_scalar("SELECT active FROM store WHERE id = ?").bind(id).fetch_optional(conn).await?;
    match active {
        Some(true) => Ok(()),
        _ => Err(Error::validation("store_id", "所选直销店不存在或已停用")),
    }
}

/// The next number PREFIX-YYYY-NNNNN, gap-free per year, inside the caller's transaction.
pub(crate) async fn next_number(conn: &mut SqliteConnection, scope: &str, prefix: &str, year: i32) -> Result<String> {
    let n = crate::sequence::next(conn, scope, i64::from(year)).await?;
    Ok(format!("{prefix}-{year}-{n:05}"))
}

/// What waits for one user in customer service ("my work"): feedback their department has to
/// answer (overdue first), every overdue answer for after-sales, visits due within a week or
/// overdue, returns waiting for approval.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export_to = "bindings.ts")]
pub struct ServiceWork {
    pub feedback_to_answer: Vec<feedback::FeedbackSummary>,
    pub feedback_overdue: Vec<feedback::FeedbackSummary>,
    pub visits_due: Vec<care::VisitSummary>,
    pub returns_to_approve: Vec<returns::ReturnSummary>,
}

pub async fn my_work(store: &Store, actor: &crate::account::Actor, now: DateTime<Utc>) -> Result<ServiceWork> {
    use crate::account::Permission;
    let feedback_overdue = if actor.role.can(Permission::HandleFeedback) {
        let q = feedback::FeedbackQuery { overdue: Some(true), limit: Some(50), ..Default::default() };
        feedback::list(store, actor, &q, now).await?.items
    } else {
        vec![]
    };
    Ok(ServiceWork {
        feedback_to_answer: feedback::awaiting_answer(store, actor, now).await?,
        feedback_overdue,
        visits_due: care::due_soon(store, actor, 7, now).await?,
        returns_to_approve: returns::awaiting_approval(store, actor).await?.items,
    })
}
