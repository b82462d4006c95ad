//! The embedded store: one SQLite file in the data folder, opened with the pragmas a legal
//! record needs, migrated only after a verified safety copy, and never touched when it was
//! written by a newer program or is not ours.

pub mod backup;

pub use backup::{BackupReport, backup_to};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use ts_rs::TS;

use crate::account::{Actor, Permission};
use crate::audit::{self, Action, Change, Entity};
use crate::error::{Error, Result};

pub static MIGRATOR: Migrator = sqlx::migrate!("../migrations");

/// Written into the SQLite header by the first migration ("SHSH"), so a foreign file is recognised.
pub const APPLICATION_ID: i64 = 0x5348_5348;

/// The database file inside the data folder.
pub const DB_FILE_NAME: &str = "shouhou.db";

/// The app identifier; the default data folder is the platform's data folder joined with it.
pub const APP_IDENTIFIER: &str = "cn.shouhou.desktop";

/// Where the data lives when neither `--data-dir` nor `SHOUHOU_DATA_DIR` says otherwise:
/// `~/.local/share/cn.shouhou.desktop` on Linux, `%APPDATA%\cn.shouhou.desktop` on Windows,
/// `~/Library/Application Support/cn.shouhou.desktop` on macOS (the same folder Tauri uses).
pub fn default_data_dir() -> Result<PathBuf> {
    dirs::data_dir()
        .map(|d| d.join(APP_IDENTIFIER))
        .ok_or_else(|| Error::Internal("no platform data folder (is HOME set?)".into()))
}

/// Resolves the data folder: an explicit flag wins, then `SHOUHOU_DATA_DIR`, then the default.
pub fn resolve_data_dir(flag: Option<PathBuf>) -> Result<PathBuf> {
    choose_data_dir(flag, std::env::var_os("SHOUHOU_DATA_DIR"))
}

/// The flag, else the variable's value (`SHOUHOU_DATA_DIR`, when set and not empty), else the
/// default folder; the variable is passed in so the rule is tested without touching the
/// process environment.
pub fn choose_data_dir(flag: Option<PathBuf>, variable: Option<std::ffi::OsString>) -> Result<PathBuf> {
    if let Some(dir) = flag {
        return Ok(dir);
    }
    match variable {
        Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => default_data_dir(),
    }
}

/// An open store: the connection pool and the folder that holds the database and its files.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
    data_dir: PathBuf,
}

/// What `check` reports.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct HealthReport {
    pub database_path: String,
    pub integrity: String,
    pub foreign_key_violations: i64,
    pub applied_migrations: Vec<i64>,
    pub pending_migrations: Vec<i64>,
    pub journal_mode: String,
    /// Attachments whose file is gone from the data folder ("KS-2026-0003 现场照片.jpg").
    pub missing_attachments: Vec<String>,
    pub healthy: bool,
}

/// The migration that created the attachment table (a database refused before migrating may not have it).
const ATTACHMENT_MIGRATION: i64 = 20261127000004;

impl Store {
    /// Opens (creating if needed) the database in `data_dir` and brings its schema up to date.
    /// `now` names the safety copy taken before pending migrations run.
    pub async fn open(data_dir: &Path, now: DateTime<Utc>) -> Result<Store> {
        Store::open_with(data_dir, now, &MIGRATOR).await
    }

    /// [`Store::open`] with another migration set: for tests of the migration safety net.
    #[doc(hidden)]
    pub async fn open_with(data_dir: &Path, now: DateTime<Utc>, migrator: &Migrator) -> Result<Store> {
        std::fs::create_dir_all(data_dir)?;
        let db_path = data_dir.join(DB_FILE_NAME);
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(connect_options(&db_path))
            .await?;
        let store = Store { pool, data_dir: data_dir.to_path_buf() };
        if let Err(e) = store.migrate_safely(now, migrator).await {
            store.pool.close().await;
            return Err(e);
        }
        Ok(store)
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join(DB_FILE_NAME)
    }

    /// Closes the pool, checkpointing the WAL into the main file.
    pub async fn close(self) {
        self.pool.close().await;
    }

    async fn migrate_safely(&self, now: DateTime<Utc>, migrator: &Migrator) -> Result<()> {
        let status = migration_status(&self.pool, migrator).await?;
        if status.pending.is_empty() {
            return Ok(());
        }
        if !status.applied.is_empty() {
            let name = format!(
                "before-migration-v{}-{}.db",
                status.applied.last().copied().unwrap_or_default(),
                now.format("%Y%m%dT%H%M%SZ")
            );
            let dir = self.data_dir.join("backups");
            std::fs::create_dir_all(&dir)?;
            backup_to(&self.pool, &dir.join(name)).await?;
        }
        migrator.run(&self.pool).await?;
        Ok(())
    }

    /// A verified copy of the database at `out`, recorded in the audit log.
    pub async fn backup(&self, actor: &Actor, out: &Path, now: DateTime<Utc>) -> Result<BackupReport> {
        actor.require(Permission::Backup)?;
        let report = backup_to(&self.pool, out).await?;
        // Photos and scans go beside the database file, in `attachments/` (shared by backups
        // written to the same folder).
        let (attachments, attachments_copied) = match crate::attachment::back_up(self, &backup::folder_of(out)).await {
            Ok(counts) => counts,
            Err(e) => {
                // A database backup without its photos is not a backup: take it away again.
                let _ = std::fs::remove_file(out);
                return Err(e);
            }
        };
        let report = BackupReport { attachments, attachments_copied, ..report };
        let mut tx = self.pool.begin().await?;
        let summary =
            format!("备份数据库({} 字节)及附件 {attachments} 个(本次复制 {attachments_copied} 个)", report.bytes);
        audit::record(&mut tx, Change::note(actor, Entity::Database, "", Action::Backup, summary, now)).await?;
        tx.commit().await?;
        Ok(report)
    }

    /// Integrity check and migration status; `healthy` only when all is well.
    pub async fn check(&self) -> Result<HealthReport> {
        let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&self.pool).await?;
        let integrity = integrity.join("; ");
        let fk_violations = sqlx::query("PRAGMA foreign_key_check").fetch_all(&self.pool).await?;
        let journal_mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&self.pool).await?;
        let status = migration_status(&self.pool, &MIGRATOR).await?;
        let missing_attachments = if status.applied.contains(&ATTACHMENT_MIGRATION) {
            crate::attachment::missing(self).await?
        } else {
            vec![]
        };
        let healthy = integrity == "ok"
            && fk_violations.is_empty()
            && status.pending.is_empty()
            && missing_attachments.is_empty();
        Ok(HealthReport {
            database_path: self.database_path().display().to_string(),
            integrity,
            foreign_key_violations: fk_violations.len() as i64,
            applied_migrations: status.applied,
            pending_migrations: status.pending,
            missing_attachments,
            journal_mode,
            healthy,
        })
    }
}

/// The pragmas every connection gets. `synchronous=FULL`: the data is a legal record, and
/// NORMAL may lose the last commit on power loss. A 32 MiB page cache per connection (SQLite's
/// default is 2 MiB): a search that walks a few thousand complaints and their customers reads
/// more pages than the default holds, and a connection of the pool that had to read them again
/// answered in 60 ms instead of 15 ms at a million complaints.
fn connect_options(path: &Path) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        .pragma("temp_store", "memory")
        .pragma("cache_size", "-32768")
}

struct MigrationStatus {
    applied: Vec<i64>,
    pending: Vec<i64>,
}

/// Reads what the file says about itself and refuses anything we must not touch:
/// a foreign file, a schema from a newer program, a half-applied or altered migration.
async fn migration_status(pool: &SqlitePool, migrator: &Migrator) -> Result<MigrationStatus> {
    let application_id: i64 = sqlx::query_scalar("PRAGMA application_id").fetch_one(pool).await?;
    let has_migrations_table: bool =
        sqlx::query_scalar("SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'")
            .fetch_one(pool)
            .await?;
    let object_count: i64 = sqlx::query_scalar("SELECT count(*) FROM sqlite_master").fetch_one(pool).await?;

    if application_id != 0 && application_id != APPLICATION_ID {
        return Err(Error::ForeignDatabase(format!("application_id {application_id:#x}")));
    }
    if !has_migrations_table {
        if object_count > 0 {
            return Err(Error::ForeignDatabase("tables without migration history".into()));
        }
        return Ok(MigrationStatus { applied: vec![], pending: migrator.iter().map(|m| m.version).collect() });
    }

    let rows: Vec<(i64, bool, Vec<u8>)> =
        sqlx::query_as("SELECT version, success, checksum FROM _sqlx_migrations ORDER BY version")
            .fetch_all(pool)
            .await?;
    let known: BTreeMap<i64, &[u8]> = migrator.iter().map(|m| (m.version, m.checksum.as_ref())).collect();
    let newest_known = known.keys().next_back().copied().unwrap_or_default();

    let mut applied = Vec::with_capacity(rows.len());
    for (version, success, checksum) in &rows {
        match known.get(version) {
            None => {
                return Err(Error::NewerDatabase { found: *version, known: newest_known });
            }
            Some(expected) if *expected != checksum.as_slice() => {
                return Err(Error::Corrupt(format!("migration {version} differs from this program's")));
            }
            Some(_) if !success => {
                return Err(Error::Corrupt(format!("migration {version} was left half-applied")));
            }
            Some(_) => applied.push(*version),
        }
    }
    let pending = known.keys().filter(|v| !applied.contains(v)).copied().collect();
    Ok(MigrationStatus { applied, pending })
}
