//! The organisation: departments (seeded from DESIGN.md, editable) and direct-sales stores.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::account::{Actor, Permission};
use crate::audit::{self, Action, Change, Entity};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result, on_unique};
use crate::validate;
use crate::write::{self, Record, Write};

impl Record for Department {
    const ENTITY: Entity = Entity::Department;
    async fn load(conn: &mut SqliteConnection, id: i64) -> Result<Department> {
        department(conn, id).await
    }
    fn version(&self) -> i64 {
        self.version
    }
}

impl Record for SalesStore {
    const ENTITY: Entity = Entity::Store;
    async fn load(conn: &mut SqliteConnection, id: i64) -> Result<SalesStore> {
        sales_store(conn, id).await
    }
    fn version(&self) -> i64 {
        self.version
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Department {
    pub id: i64,
    pub name: String,
    pub sort_order: i64,
    pub active: bool,
    /// Active users in the department.
    pub user_count: i64,
    pub version: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct DepartmentInput {
    pub name: String,
    pub sort_order: i64,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct SalesStore {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub region: String,
    pub address: String,
    pub manager: String,
    pub phone: String,
    pub active: bool,
    pub version: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct StoreInput {
    pub code: String,
    pub name: String,
    pub region: String,
    pub address: String,
    pub manager: String,
    pub phone: String,
    pub active: bool,
}

/// Every signed-in user may read the organisation (forms and pickers need it).
pub async fn list_departments(store: &Store) -> Result<Vec<Department>> {
    let mut conn = store.pool().acquire().await?;
    departments(&mut conn, None).await
}

/// A colleague as pickers show them: an active user and their department (no account details).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Person {
    pub id: i64,
    pub display_name: String,
    pub department_id: Option<i64>,
}

/// The active users of a department (or of every department), for choosing who is in charge
/// of an action, a visit or an answer. Every signed-in user may read it.
pub async fn people(store: &Store, department_id: Option<i64>) -> Result<Vec<Person>> {
    Ok(sqlx::query_as!(
        Person,
        r#"SELECT id AS "id!", display_name, department_id FROM app_user
           WHERE active = 1 AND department_id IS NOT NULL AND (?1 IS NULL OR department_id = ?1)
           ORDER BY department_id, display_name"#,
        department_id
    )
    .fetch_all(store.pool())
    .await?)
}

async fn departments(conn: &mut SqliteConnection, only: Option<i64>) -> Result<Vec<Department>> {
    Ok(sqlx::query_as!(
        Department,
        r#"SELECT d.id AS "id!", d.name, d.sort_order, d.active AS "active: bool", d.version,
                  (SELECT count(*) FROM app_user u WHERE u.department_id = d.id AND u.active = 1) AS "user_count!: i64"
           FROM department d
           WHERE ?1 IS NULL OR d.id = ?1
           ORDER BY d.sort_order, d.id"#,
        only
    )
    .fetch_all(conn)
    .await?)
}

async fn department(conn: &mut SqliteConnection, id: i64) -> Result<Department> {
    departments(conn, Some(id)).await?.pop().ok_or(Error::NotFound("部门"))
}

fn check_department(input: &DepartmentInput) -> Result<String> {
    if !(0..=9999).contains(&input.sort_order) {
        return Err(Error::validation("sort_order", "排序号须在0到9999之间"));
    }
    validate::required("name", "部门名称", &input.name, 32)
}

pub async fn create_department(
    store: &Store,
    actor: &Actor,
    input: DepartmentInput,
    now: DateTime<Utc>,
) -> Result<Department> {
    actor.require(Permission::ManageOrganisation)?;
    let name = check_department(&input)?;
    let at = db_time(now);
    let mut w = Write::begin(store, actor, now).await?;
    let id = sqlx::query_scalar!(
        r#"INSERT INTO department (name, sort_order, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
           RETURNING id AS "id!""#,
        name,
        input.sort_order,
        input.active,
        at,
        at
    )
    .fetch_one(w.conn())
    .await
    .map_err(|e| on_unique(e, || format!("部门“{name}”已存在")))?;
    w.finish(id, Action::Create, None, |d: &Department| format!("新增部门 {}", d.name)).await
}

pub async fn update_department(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    input: DepartmentInput,
    now: DateTime<Utc>,
) -> Result<Department> {
    actor.require(Permission::ManageOrganisation)?;
    let name = check_department(&input)?;
    let at = db_time(now);
    let mut w = Write::begin(store, actor, now).await?;
    let before: Department = w.load(id).await?;
    if before.active && !input.active && before.user_count > 0 {
        return Err(Error::validation(
            "active",
            format!("部门“{}”还有{}名在职用户,请先调整这些用户的部门再停用", before.name, before.user_count),
        ));
    }
    let changed = sqlx::query!(
        "UPDATE department SET name = ?, sort_order = ?, active = ?, updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?",
        name,
        input.sort_order,
        input.active,
        at,
        id,
        version
    )
    .execute(w.conn())
    .await
    .map_err(|e| on_unique(e, || format!("部门“{name}”已存在")))?
    .rows_affected();
    write::one_row::<Department>(changed)?;
    w.finish(id, Action::Update, Some(&before), |d| format!("修改部门 {}", d.name)).await
}

pub async fn list_stores(store: &Store) -> Result<Vec<SalesStore>> {
    let mut conn = store.pool().acquire().await?;
    stores(&mut conn, None).await
}

async fn stores(conn: &mut SqliteConnection, only: Option<i64>) -> Result<Vec<SalesStore>> {
    Ok(sqlx::query_as!(
        SalesStore,
        r#"SELECT id AS "id!", code, name, region, address, manager, phone, active AS "active: bool", version
           FROM store WHERE ?1 IS NULL OR id = ?1 ORDER BY code"#,
        only
    )
    .fetch_all(conn)
    .await?)
}

async fn sales_store(conn: &mut SqliteConnection, id: i64) -> Result<SalesStore> {
    stores(conn, Some(id)).await?.pop().ok_or(Error::NotFound("直销店"))
}

fn check_store(input: StoreInput) -> Result<StoreInput> {
    let code = validate::required("code", "门店编号", &input.code, 16)?;
    if !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(Error::validation("code", "门店编号只能包含字母、数字和短横线"));
    }
    Ok(StoreInput {
        code,
        name: validate::required("name", "门店名称", &input.name, 64)?,
        region: validate::optional("region", "所在区域", &input.region, 32)?,
        address: validate::optional("address", "地址", &input.address, 128)?,
        manager: validate::optional("manager", "店长", &input.manager, 32)?,
        phone: validate::optional("phone", "电话", &input.phone, 32)?,
        active: input.active,
    })
}

fn duplicate_store(input: &StoreInput) -> impl FnOnce() -> String + '_ {
    move || format!("门店编号“{}”或名称“{}”已被使用", input.code, input.name)
}

pub async fn create_store(store: &Store, actor: &Actor, input: StoreInput, now: DateTime<Utc>) -> Result<SalesStore> {
    actor.require(Permission::ManageOrganisation)?;
    let mut w = Write::begin(store, actor, now).await?;
    let created = insert_store(w.conn(), actor, input, now).await?;
    w.commit().await?;
    Ok(created)
}

/// Checks and inserts a store with its audit row on the caller's transaction.
pub(crate) async fn insert_store(
    conn: &mut SqliteConnection,
    actor: &Actor,
    input: StoreInput,
    now: DateTime<Utc>,
) -> Result<SalesStore> {
    let input = check_store(input)?;
    let at = db_time(now);
    let id = sqlx::query_scalar!(
        r#"INSERT INTO store (code, name, region, address, manager, phone, active, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id AS "id!""#,
        input.code,
        input.name,
        input.region,
        input.address,
        input.manager,
        input.phone,
        input.active,
        at,
        at
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| on_unique(e, duplicate_store(&input)))?;
    let created = sales_store(conn, id).await?;
    let summary = format!("新增直销店 {} {}", created.code, created.name);
    audit::record(conn, Change::diff(actor, Entity::Store, id, Action::Create, summary, None, Some(&created), now)?)
        .await?;
    Ok(created)
}

pub async fn update_store(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    input: StoreInput,
    now: DateTime<Utc>,
) -> Result<SalesStore> {
    actor.require(Permission::ManageOrganisation)?;
    let input = check_store(input)?;
    let at = db_time(now);
    let mut w = Write::begin(store, actor, now).await?;
    let before: SalesStore = w.load(id).await?;
    let changed = sqlx::query!(
        "UPDATE store SET code = ?, name = ?, region = ?, address = ?, manager = ?, phone = ?, active = ?,
                updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?",
        input.code,
        input.name,
        input.region,
        input.address,
        input.manager,
        input.phone,
        input.active,
        at,
        id,
        version
    )
    .execute(w.conn())
    .await
    .map_err(|e| on_unique(e, duplicate_store(&input)))?
    .rows_affected();
    write::one_row::<SalesStore>(changed)?;
    w.finish(id, Action::Update, Some(&before), |s| format!("修改直销店 {} {}", s.code, s.name)).await
}
