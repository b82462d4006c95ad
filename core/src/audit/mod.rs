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
use crate::listing::{self, Cursor, Key, Order, Page};

/// One change about to be recorded.
pub struct Change<'a> {
    pub entity: &'static str,
    pub entity_id: String,
    pub action: &'static str,
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
        entity: &'static str,
        entity_id: impl ToString,
        action: &'static str,
        summary: String,
        at: DateTime<Utc>,
    ) -> Self {
        Change { entity, entity_id: entity_id.to_string(), action, summary, before: None, after: None, actor, at }
    }

    /// A change with the record as it was and as it is now (either may be absent).
    #[allow(clippy::too_many_arguments)]
    pub fn diff<T: Serialize>(
        actor: &'a Actor,
        entity: &'static str,
        entity_id: impl ToString,
        action: &'static str,
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

/// Appends the change to the log on the caller's connection (inside its transaction).
pub async fn record(conn: &mut SqliteConnection, change: Change<'_>) -> Result<()> {
    let at = db_time(change.at);
    let before = change.before.map(|v| v.to_string());
    let after = change.after.map(|v| v.to_string());
    sqlx::query!(
        "INSERT INTO audit_event
            (occurred_at, actor_id, actor_name, entity, entity_id, action, summary, before_json, after_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        at,
        change.actor.user_id,
        change.actor.display_name,
        change.entity,
        change.entity_id,
        change.action,
        change.summary,
        before,
        after,
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
        "SELECT id, occurred_at, actor_id, actor_name, entity, entity_id, action, summary, before_json, after_json
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
