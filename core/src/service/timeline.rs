//! The customer's timeline: the records that name the customer (complaints, feedback, visits,
//! returns, and surveys when that module lands), newest first, from the registry of sources in
//! `registry::CUSTOMER_TIMELINE` — a module joins the timeline with one line there.

use serde::Serialize;
use ts_rs::TS;

use crate::account::{Actor, Permission};
use crate::db::Store;
use crate::error::Result;
use crate::registry;

/// One kind of record on the timeline.
pub struct TimelineSource {
    /// The record kind the UI opens (`complaint`, `feedback`, `visit`, `store_return`, …).
    pub kind: &'static str,
    /// What it is called on the timeline (投诉, 意见建议, …).
    pub label: &'static str,
    /// Who may see these records; a user without it sees none of them on the timeline.
    pub permission: Permission,
    /// `SELECT id, number, at, summary, state … WHERE <customer column> = ?1 ORDER BY at DESC
    /// LIMIT ?2`: `at` an ISO time or local date (text order is time order), `state` its key.
    pub sql: &'static str,
    /// The Chinese label of a stored state key.
    pub state_label: fn(&str) -> String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct TimelineEntry {
    pub kind: String,
    pub kind_label: String,
    pub id: i64,
    pub number: String,
    /// UTC time (2026-11-27T07:19:19.123Z) or a local date (2026-11-27).
    pub at: String,
    pub summary: String,
    pub state: String,
}

/// The customer's records of every registered kind the actor may see, newest first (at most
/// `limit` of each kind).
pub async fn customer_timeline(
    store: &Store,
    actor: &Actor,
    customer_id: i64,
    limit: i64,
) -> Result<Vec<TimelineEntry>> {
    actor.require(Permission::ViewCustomers)?;
    let mut conn = store.pool().acquire().await?;
    let mut entries = Vec::new();
    for source in registry::CUSTOMER_TIMELINE {
        if !actor.role.can(source.permission) {
            continue;
        }
        let rows: Vec<(i64, String, String, String, String)> =
            sqlx::query_as(source.sql).bind(customer_id).bind(limit).fetch_all(&mut *conn).await?;
        entries.extend(rows.into_iter().map(|(id, number, at, summary, state)| TimelineEntry {
            kind: source.kind.into(),
            kind_label: source.label.into(),
            id,
            number,
            at,
            summary,
            state: (source.state_label)(&state),
        }));
    }
    entries.sort_by(|a, b| b.at.cmp(&a.at).then(b.id.cmp(&a.id)));
    Ok(entries)
}

fn label_of<E: Copy>(parse: fn(&str) -> Option<E>, label: fn(E) -> &'static str) -> impl Fn(&str) -> String {
    move |key| parse(key).map(label).unwrap_or(key).to_owned()
}

pub const FEEDBACK: TimelineSource = TimelineSource {
    kind: "feedback",
    label: "意见建议",
    permission: Permission::ViewService,
    sql: "SELECT id, number, received_at AS at, substr(content, 1, 60) AS summary, state
          FROM feedback WHERE customer_id = ?1 ORDER BY received_at DESC LIMIT ?2",
    state_label: |k| label_of(super::feedback::FeedbackState::parse, super::feedback::FeedbackState::label)(k),
};

pub const VISITS: TimelineSource = TimelineSource {
    kind: "visit",
    label: "回访",
    permission: Permission::ViewService,
    sql: "SELECT id, number, coalesce(visited_on, due_date) AS at,
                 CASE WHEN state = 'done' THEN substr(content, 1, 60) ELSE '计划 ' || due_date END AS summary, state
          FROM visit WHERE customer_id = ?1 ORDER BY coalesce(visited_on, due_date) DESC LIMIT ?2",
    state_label: |k| label_of(super::care::VisitState::parse, super::care::VisitState::label)(k),
};

pub const RETURNS: TimelineSource = TimelineSource {
    kind: "store_return",
    label: "退换货",
    permission: Permission::ViewReturns,
    sql: "SELECT id, number, requested_at AS at,
                 CASE kind WHEN 'return' THEN '退货' ELSE '换货' END || ' ' || printf('%.2f', amount_fen / 100.0) || '元' AS summary,
                 state
          FROM store_return WHERE customer_id = ?1 ORDER BY requested_at DESC LIMIT ?2",
    state_label: |k| label_of(super::returns::ReturnState::parse, super::returns::ReturnState::label)(k),
};
