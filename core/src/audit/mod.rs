//! The append-only audit log. Every change writes one row here in the same transaction as the
//! change itself; triggers refuse UPDATE and DELETE on the table.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::account::{Actor, Permission};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};

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

#[derive(Debug, Clone, Serialize, TS)]
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

/// Filters for the audit screen; every field is optional. Paging is by keyset on `id`
/// (`before_id` = the last id of the previous page), newest first.
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
    #[ts(optional)]
    pub before_id: Option<i64>,
    #[ts(optional)]
    pub limit: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct AuditPage {
    pub items: Vec<AuditEvent>,
    /// Pass as `before_id` to get the next page; absent on the last page.
    pub next_before_id: Option<i64>,
}

pub async fn list(store: &Store, actor: &Actor, filter: &AuditFilter) -> Result<AuditPage> {
    actor.require(Permission::ViewAudit)?;
    query(store, filter).await
}

/// The log without a permission check, for use-cases that show a record's own history.
pub(crate) async fn query(store: &Store, filter: &AuditFilter) -> Result<AuditPage> {
    let limit = filter.limit.unwrap_or(50).clamp(1, 500);
    let from = filter.from.map(db_time);
    let to = filter.to.map(db_time);
    let text = filter.text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(|t| format!("%{t}%"));
    let fetch = limit + 1;
    let mut items = sqlx::query_as!(
        AuditEvent,
        r#"SELECT id AS "id!", occurred_at AS "occurred_at: DateTime<Utc>", actor_id, actor_name, entity,
                  entity_id, action, summary, before_json, after_json
           FROM audit_event
           WHERE (?1 IS NULL OR entity = ?1)
             AND (?2 IS NULL OR action = ?2)
             AND (?3 IS NULL OR actor_id = ?3)
             AND (?4 IS NULL OR occurred_at >= ?4)
             AND (?5 IS NULL OR occurred_at < ?5)
             AND (?6 IS NULL OR summary LIKE ?6 OR entity_id LIKE ?6)
             AND (?7 IS NULL OR id < ?7)
             AND (?9 IS NULL OR entity_id = ?9)
           ORDER BY id DESC
           LIMIT ?8"#,
        filter.entity,
        filter.action,
        filter.actor_id,
        from,
        to,
        text,
        filter.before_id,
        fetch,
        filter.entity_id,
    )
    .fetch_all(store.pool())
    .await?;
    let next_before_id = if items.len() as i64 > limit {
        items.truncate(limit as usize);
        items.last().map(|e| e.id)
    } else {
        None
    };
    Ok(AuditPage { items, next_before_id })
}
