//! Gap-free numbers. The counter moves inside the caller's transaction, so a rolled-back insert
//! gives its number back and committed numbers have no holes.

use sqlx::SqliteConnection;

use crate::error::Result;

pub(crate) async fn next(conn: &mut SqliteConnection, scope: &str, period: i64) -> Result<i64> {
    Ok(sqlx::query_scalar!(
        r#"INSERT INTO number_sequence (scope, period, last) VALUES (?, ?, 1)
           ON CONFLICT (scope, period) DO UPDATE SET last = last + 1
           RETURNING last AS "last!""#,
        scope,
        period
    )
    .fetch_one(conn)
    .await?)
}

/// Moves the counter to at least `last` (numbers brought in from elsewhere, e.g. an imported
/// register), so the numbers given after them do not collide.
pub(crate) async fn at_least(conn: &mut SqliteConnection, scope: &str, period: i64, last: i64) -> Result<()> {
    sqlx::query!(
        "INSERT INTO number_sequence (scope, period, last) VALUES (?, ?, ?)
         ON CONFLICT (scope, period) DO UPDATE SET last = max(last, excluded.last)",
        scope,
        period,
        last
    )
    .execute(conn)
    .await?;
    Ok(())
}
