//! The store on real SQLite files: pragmas, migration safety, refusal of files we must not
//! touch, verified backups, and the append-only audit table.

use crate::common;

use std::borrow::Cow;

use common::*;
use shouhou_core::db::{self, APPLICATION_ID, DB_FILE_NAME, Store};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AssertSqlSafe, Connection, SqlSafeStr, SqliteConnection};

#[tokio::test]
async fn a_new_store_has_the_durability_pragmas_and_our_mark() {
    let (dir, store) = fresh().await;
    assert!(dir.path().join(DB_FILE_NAME).exists());
    let pool = store.pool();
    let journal: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(pool).await.unwrap();
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(pool).await.unwrap();
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(pool).await.unwrap();
    let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout").fetch_one(pool).await.unwrap();
    let app_id: i64 = sqlx::query_scalar("PRAGMA application_id").fetch_one(pool).await.unwrap();
    assert_eq!(journal, "wal");
    assert_eq!(sync, 2, "synchronous=FULL");
    assert_eq!(fk, 1);
    assert!(busy >= 1000);
    assert_eq!(app_id, APPLICATION_ID);

    let report = store.check().await.unwrap();
    assert!(report.healthy, "{report:?}");
    assert_eq!(report.integrity, "ok");
    assert!(report.pending_migrations.is_empty());
}

#[tokio::test]
async fn reopening_is_idempotent_and_keeps_data() {
    let (dir, store, _admin) = initialized().await;
    store.close().await;
    let store = Store::open(dir.path(), at(9, 0)).await.unwrap();
    let status = shouhou_core::account::setup_status(&store).await.unwrap();
    assert!(status.initialized);
    assert_eq!(status.company_name, "天津示例机械有限公司");
    assert!(!dir.path().join("backups").exists(), "no migration ran, so no safety copy");
}

async fn raw(dir: &std::path::Path) -> SqliteConnection {
    SqliteConnection::connect(&format!("sqlite://{}", dir.join(DB_FILE_NAME).display())).await.unwrap()
}

fn file_bytes(dir: &std::path::Path) -> Vec<u8> {
    std::fs::read(dir.join(DB_FILE_NAME)).unwrap()
}

#[tokio::test]
async fn a_database_from_a_newer_version_is_refused_untouched() {
    let (dir, store) = fresh().await;
    store.close().await;
    let mut conn = raw(dir.path()).await;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (29991231000000, 'from the future', 1, x'00', 1)",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();
    let before = file_bytes(dir.path());

    let err = Store::open(dir.path(), at(9, 0)).await.unwrap_err();
    assert_eq!(err.code(), "newer_database");
    assert!(err.user_message().contains("更新版本"), "{}", err.user_message());
    assert_eq!(file_bytes(dir.path()), before, "the file must not change");
}

#[tokio::test]
async fn a_foreign_sqlite_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = SqliteConnection::connect(&format!("sqlite://{}?mode=rwc", dir.path().join(DB_FILE_NAME).display()))
        .await
        .unwrap();
    sqlx::query("CREATE TABLE orders (id INTEGER PRIMARY KEY)").execute(&mut conn).await.unwrap();
    conn.close().await.unwrap();
    let err = Store::open(dir.path(), at(9, 0)).await.unwrap_err();
    assert_eq!(err.code(), "foreign_database");
}

#[tokio::test]
async fn a_half_applied_migration_is_reported_not_retried() {
    let (dir, store) = fresh().await;
    store.close().await;
    let mut conn = raw(dir.path()).await;
    sqlx::query("UPDATE _sqlx_migrations SET success = 0").execute(&mut conn).await.unwrap();
    conn.close().await.unwrap();
    let err = Store::open(dir.path(), at(9, 0)).await.unwrap_err();
    assert_eq!(err.code(), "corrupt_database");
}

fn migration(version: i64, sql: &str) -> Migration {
    Migration::new(
        version,
        Cow::Owned(format!("test {version}")),
        MigrationType::Simple,
        AssertSqlSafe(sql.to_owned()).into_sql_str(),
        false,
    )
}

fn with_extra(sql: &str) -> Migrator {
    let mut all: Vec<Migration> = db::MIGRATOR.iter().cloned().collect();
    all.push(migration(29991231000000, sql));
    Migrator::with_migrations(all)
}

#[tokio::test]
async fn pending_migrations_run_only_after_a_verified_safety_copy() {
    let (dir, store, _admin) = initialized().await;
    store.close().await;

    let store =
        Store::open_with(dir.path(), at(10, 0), &with_extra("CREATE TABLE later_module (id INTEGER PRIMARY KEY)"))
            .await
            .unwrap();
    let copies: Vec<_> = std::fs::read_dir(dir.path().join("backups")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    let name = copies[0].file_name().unwrap().to_str().unwrap().to_owned();
    assert!(name.starts_with("before-migration-v") && name.ends_with("-20261127T100000Z.db"), "{name}");

    // The copy is the old schema with the old data; the live file has the new table.
    let mut copy = SqliteConnection::connect(&format!("sqlite://{}", copies[0].display())).await.unwrap();
    let tables: i64 = sqlx::query_scalar("SELECT count(*) FROM sqlite_master WHERE name = 'later_module'")
        .fetch_one(&mut copy)
        .await
        .unwrap();
    let users: i64 = sqlx::query_scalar("SELECT count(*) FROM app_user").fetch_one(&mut copy).await.unwrap();
    assert_eq!((tables, users), (0, 1));
    let live: i64 = sqlx::query_scalar("SELECT count(*) FROM sqlite_master WHERE name = 'later_module'")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(live, 1);
}

#[tokio::test]
async fn a_failed_migration_leaves_the_old_database_and_its_copy() {
    let (dir, store, _admin) = initialized().await;
    store.close().await;
    let err =
        Store::open_with(dir.path(), at(10, 0), &with_extra("CREATE TABLE broken (id INTEGER PRIMARY KEY); SELEC 1;"))
            .await
            .unwrap_err();
    assert_eq!(err.code(), "database");
    assert_eq!(std::fs::read_dir(dir.path().join("backups")).unwrap().count(), 1);

    // The current program still opens it, with nothing of the failed migration in it.
    let store = Store::open(dir.path(), at(10, 1)).await.unwrap();
    let broken: i64 = sqlx::query_scalar("SELECT count(*) FROM sqlite_master WHERE name = 'broken'")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(broken, 0);
    assert!(store.check().await.unwrap().healthy);
}

#[tokio::test]
async fn backup_writes_a_verified_copy_and_never_overwrites() {
    let (dir, store, admin) = initialized().await;
    let out = dir.path().join("copies").join("b1.db");
    let report = store.backup(&admin, &out, at(11, 0)).await.unwrap();
    assert_eq!(report.integrity, "ok");
    assert!(report.bytes > 0);
    assert!(out.exists());
    assert!(!out.with_extension("partial").exists());
    let migrations = db::MIGRATOR.iter().count() as i64;
    let verified = db::backup::verify_copy(&out, migrations).await.unwrap();
    assert_eq!(verified.migrations, migrations);

    let err = store.backup(&admin, &out, at(11, 1)).await.unwrap_err();
    assert_eq!(err.field(), Some("out"));

    // A copy opens as a store in its own right.
    let other = tempfile::tempdir().unwrap();
    std::fs::copy(&out, other.path().join(DB_FILE_NAME)).unwrap();
    let restored = Store::open(other.path(), at(11, 2)).await.unwrap();
    assert!(shouhou_core::account::setup_status(&restored).await.unwrap().initialized);
}

#[tokio::test]
async fn the_audit_log_is_append_only() {
    let (_dir, store, _admin) = initialized().await;
    assert!(audit_count(&store).await >= 2);
    let update = sqlx::query("UPDATE audit_event SET summary = 'x'").execute(store.pool()).await.unwrap_err();
    assert!(update.to_string().contains("append-only"), "{update}");
    let delete = sqlx::query("DELETE FROM audit_event").execute(store.pool()).await.unwrap_err();
    assert!(delete.to_string().contains("append-only"), "{delete}");
}

#[tokio::test]
async fn data_dir_resolution_prefers_the_flag_then_the_variable() {
    let flag = std::path::PathBuf::from("/tmp/flag-dir");
    let variable = Some(std::ffi::OsString::from("/tmp/variable-dir"));
    assert_eq!(db::resolve_data_dir(Some(flag.clone())).unwrap(), flag);
    assert_eq!(db::choose_data_dir(Some(flag.clone()), variable.clone()).unwrap(), flag, "the flag wins");
    assert_eq!(db::choose_data_dir(None, variable).unwrap(), std::path::PathBuf::from("/tmp/variable-dir"));
    let default = db::default_data_dir().unwrap();
    assert!(default.ends_with(db::APP_IDENTIFIER));
    assert_eq!(db::choose_data_dir(None, Some("".into())).unwrap(), default, "an empty variable is unset");
    assert_eq!(db::choose_data_dir(None, None).unwrap(), default);
}

/// Sign-off rounds written before the shared approval table existed (complaint_approval) are
/// carried into it by the migration: decisions, comments, signers and rounds.
#[tokio::test]
async fn complaint_sign_offs_move_into_the_shared_approval_table() {
    use shouhou_core::complaint;
    let dir = tempfile::tempdir().unwrap();
    let before: Vec<Migration> = db::MIGRATOR.iter().filter(|m| m.version < 20261130000000).cloned().collect();
    let old = Migrator::with_migrations(before);
    let store = Store::open_with(dir.path(), at(8, 0), &old).await.unwrap();
    // Written as the old program wrote them (today's use-cases expect today's schema).
    let customer_id: i64 = sqlx::query_scalar(
        "INSERT INTO customer (code, name, kind, grade, created_at, updated_at)
         VALUES ('KH000001', '天津华泰机械有限公司', 'company', 'normal', '2026-11-27T08:02:00Z', '2026-11-27T08:02:00Z')
         RETURNING id",
    )
    .fetch_one(store.pool())
    .await
    .unwrap();
    let complaint_id: i64 = sqlx::query_scalar(
        "INSERT INTO complaint (number, state, received_at, channel, customer_id, category, severity, description,
                                created_at, updated_at)
         VALUES ('KS-2026-0001', 'approval', '2026-11-27T08:03:00Z', 'hotline', ?, 'quality', 'serious', '齿轮箱异响',
                 '2026-11-27T08:03:00Z', '2026-11-27T08:03:00Z') RETURNING id",
    )
    .bind(customer_id)
    .fetch_one(store.pool())
    .await
    .unwrap();
    let (production, quality) = (department_id(&store, "生产部").await, department_id(&store, "品控中心").await);
    for (round, department, decision, comment) in [
        (1, production, Some("reject"), "返工方案不可行"),
        (1, quality, None, ""),
        (2, production, Some("approve"), "同意"),
    ] {
        sqlx::query(
            "INSERT INTO complaint_approval (complaint_id, round, department_id, decision, comment, signer_name, signed_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(complaint_id)
        .bind(round)
        .bind(department)
        .bind(decision)
        .bind(comment)
        .bind(if decision.is_some() { "张生产" } else { "" })
        .bind(decision.map(|_| "2026-11-27T09:00:00Z"))
        .execute(store.pool())
        .await
        .unwrap();
    }
    sqlx::query("UPDATE complaint SET approval_round = 2 WHERE id = ?")
        .bind(complaint_id)
        .execute(store.pool())
        .await
        .unwrap();
    store.close().await;

    let store = Store::open(dir.path(), at(9, 0)).await.unwrap();
    let c = complaint::get(&store, &shouhou_core::account::Actor::command_line(), complaint_id).await.unwrap();
    let rounds: Vec<(i64, String, Option<bool>, String, String)> = c
        .approvals
        .iter()
        .map(|a| (a.round, a.department_name.clone(), a.approved, a.comment.clone(), a.signer_name.clone()))
        .collect();
    assert_eq!(
        rounds,
        [
            (2, "生产部".to_owned(), Some(true), "同意".to_owned(), "张生产".to_owned()),
            (1, "品控中心".to_owned(), None, String::new(), String::new()),
            (1, "生产部".to_owned(), Some(false), "返工方案不可行".to_owned(), "张生产".to_owned()),
        ]
    );
    let old_table: i64 = sqlx::query_scalar("SELECT count(*) FROM sqlite_master WHERE name = 'complaint_approval'")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(old_table, 0);
}
