//! A consistent, verified copy of the live database. The same routine serves `shouhou backup`,
//! the admin screen and the safety copy taken before migrations.

use std::path::{Path, PathBuf};

use serde::Serialize;
use sqlx::Connection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqlitePool};
use ts_rs::TS;

use super::APPLICATION_ID;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct BackupReport {
    pub path: String,
    pub bytes: i64,
    pub integrity: String,
    pub migrations: i64,
    /// Attachment files the database refers to, all present in the backup's `attachments/`.
    pub attachments: i64,
    /// Of those, copied by this backup (the others were there from an earlier one).
    pub attachments_copied: i64,
}

/// The folder a backup file goes in (the current one for a bare file name).
pub fn folder_of(out: &Path) -> PathBuf {
    match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes a copy of the database to `out` with `VACUUM INTO` (a consistent snapshot taken in
/// one read transaction, never a copy of the live file), checks the copy, and only then moves
/// it into place. A copy that does not verify is deleted and reported as an error; an existing
/// file at `out` is never overwritten.
pub async fn backup_to(pool: &SqlitePool, out: &Path) -> Result<BackupReport> {
    if out.exists() {
        return Err(Error::validation("out", format!("备份文件已存在:{}", out.display())));
    }
    let dir = folder_of(out);
    std::fs::create_dir_all(&dir)?;
    let partial = out.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    let partial_text =
        partial.to_str().ok_or_else(|| Error::validation("out", "备份路径包含无法识别的字符"))?.to_owned();

    sqlx::query("VACUUM INTO ?").bind(&partial_text).execute(pool).await?;
    let source_migrations: i64 =
        sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations WHERE success").fetch_one(pool).await?;

    let report = match verify_copy(&partial, source_migrations).await {
        Ok(report) => report,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
    };
    std::fs::File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, out)?;
    // Make the rename itself durable.
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(BackupReport { path: out.display().to_string(), ..report })
}

/// Opens a copy read-only and checks it is whole, ours, and at the source's schema version.
pub async fn verify_copy(path: &Path, expected_migrations: i64) -> Result<BackupReport> {
    let mut conn = SqliteConnection::connect_with(&SqliteConnectOptions::new().filename(path).read_only(true)).await?;
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&mut conn).await?;
    let integrity = integrity.join("; ");
    let application_id: i64 = sqlx::query_scalar("PRAGMA application_id").fetch_one(&mut conn).await?;
    let migrations: i64 =
        sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations WHERE success").fetch_one(&mut conn).await?;
    conn.close().await?;

    if integrity != "ok" {
        return Err(Error::Corrupt(format!("backup integrity_check: {integrity}")));
    }
    if application_id != APPLICATION_ID || migrations != expected_migrations {
        return Err(Error::Corrupt(format!(
            "backup does not match source (application_id {application_id:#x}, {migrations} migrations)"
        )));
    }
    let bytes = std::fs::metadata(path)?.len() as i64;
    Ok(BackupReport {
        path: path.display().to_string(),
        bytes,
        integrity,
        migrations,
        attachments: 0,
        attachments_copied: 0,
    })
}
