//! Sessions as tokens: the desk gets a random token at sign-in (sent back as a bearer header);
//! the server keeps its SHA-256 in `server_session`, with the desk and the last call's time.

use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

use crate::api::Session;
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::settings;

/// `last_seen_at` is written at most this often per session (a read-mostly desk must not turn
/// every list into a write).
const TOUCH_EVERY: Duration = Duration::seconds(60);

/// The [`Session`] of one HTTP call: the user the token stands for, and whether the command
/// signed someone in or out (the server then issues or ends the token).
pub struct TokenSession {
    user_id: Mutex<Option<i64>>,
    changed: Mutex<Option<Option<i64>>>,
}

impl TokenSession {
    pub fn new(user_id: Option<i64>) -> Self {
        TokenSession { user_id: Mutex::new(user_id), changed: Mutex::new(None) }
    }

    /// `Some(Some(id))`: signed in as `id`; `Some(None)`: signed out; `None`: unchanged.
    pub fn change(&self) -> Option<Option<i64>> {
        *self.changed.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Session for TokenSession {
    fn user_id(&self) -> Option<i64> {
        *self.user_id.lock().unwrap_or_else(|e| e.into_inner())
    }
    fn set_user_id(&self, user_id: Option<i64>) {
        *self.user_id.lock().unwrap_or_else(|e| e.into_inner()) = user_id;
        *self.changed.lock().unwrap_or_else(|e| e.into_inner()) = Some(user_id);
    }
}

fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn new_token() -> Result<String> {
    random_hex(32)
}

/// `bytes` random bytes from the system's generator, as lower-case hex.
pub(crate) fn random_hex(bytes: usize) -> Result<String> {
    let mut bytes = vec![0u8; bytes];
    rustls::crypto::ring::default_provider()
        .secure_random
        .fill(&mut bytes)
        .map_err(|_| Error::Internal("系统随机数不可用".into()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The user a token stands for, or `None` (unknown, ended, or idle longer than the settings
/// allow — an idle session is ended here).
pub async fn lookup(store: &Store, token: &str, now: DateTime<Utc>) -> Result<Option<i64>> {
    let hash = token_hash(token);
    let row = sqlx::query!(
        r#"SELECT id AS "id!", user_id, last_seen_at AS "last_seen_at: DateTime<Utc>"
           FROM server_session WHERE token_hash = ?"#,
        hash
    )
    .fetch_optional(store.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let idle = settings::load(store).await?.session_idle();
    if now - row.last_seen_at > idle {
        sqlx::query!("DELETE FROM server_session WHERE id = ?", row.id).execute(store.pool()).await?;
        return Ok(None);
    }
    if now - row.last_seen_at >= TOUCH_EVERY {
        let at = db_time(now);
        sqlx::query!("UPDATE server_session SET last_seen_at = ? WHERE id = ?", at, row.id)
            .execute(store.pool())
            .await?;
    }
    Ok(Some(row.user_id))
}

/// Starts a session for `user_id` at `desk_name` (`desk_address`); returns the token.
pub async fn create(
    store: &Store,
    user_id: i64,
    desk_name: &str,
    desk_address: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    let token = new_token()?;
    let (hash, at) = (token_hash(&token), db_time(now));
    sqlx::query!(
        "INSERT INTO server_session (user_id, token_hash, desk_name, desk_address, created_at, last_seen_at)
         VALUES (?, ?, ?, ?, ?, ?)",
        user_id,
        hash,
        desk_name,
        desk_address,
        at,
        at
    )
    .execute(store.pool())
    .await?;
    Ok(token)
}

/// Ends the session of `token` (sign-out, or the user can no longer sign in).
pub async fn end(store: &Store, token: &str) -> Result<()> {
    let hash = token_hash(token);
    sqlx::query!("DELETE FROM server_session WHERE token_hash = ?", hash).execute(store.pool()).await?;
    Ok(())
}

/// Sessions open now (ended and expired ones are deleted when they are met).
pub async fn count(store: &Store) -> Result<i64> {
    Ok(sqlx::query_scalar!(r#"SELECT COUNT(*) AS "n!: i64" FROM server_session"#).fetch_one(store.pool()).await?)
}
