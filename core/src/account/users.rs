use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::password;
use super::{Actor, Permission, Role};
use crate::audit::{self, Action, Change, Entity};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result, on_unique};
use crate::settings;
use crate::validate;
use crate::write::{self, Record, Write};

/// Consecutive wrong passwords before an account is locked, and for how long.
pub const MAX_FAILED_LOGINS: i64 = 5;
pub const LOCK_MINUTES: i64 = 15;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub store_id: Option<i64>,
    pub store_name: Option<String>,
    pub phone: String,
    pub active: bool,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

// Deserialize: a desk reads it from the company server's status.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct SetupStatus {
    pub initialized: bool,
    pub company_name: String,
    /// The company's IANA time zone: every time the UI shows, and every date a user picks or
    /// types, is in this zone (not the computer's).
    pub time_zone: String,
    /// The demo accounts, when the database holds the demo company (however it was loaded).
    pub demo: Option<crate::demo::DemoAccounts>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct InitialSetup {
    pub company_name: String,
    pub admin_username: String,
    pub admin_display_name: String,
    pub password: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department_id: Option<i64>,
    pub store_id: Option<i64>,
    pub phone: String,
    pub password: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct UserUpdate {
    pub display_name: String,
    pub role: Role,
    pub department_id: Option<i64>,
    pub store_id: Option<i64>,
    pub phone: String,
    /// The version the editor read; a newer one in the database means someone else saved first.
    pub version: i64,
}

pub async fn setup_status(store: &Store) -> Result<SetupStatus> {
    let users = sqlx::query_scalar!("SELECT count(*) FROM app_user").fetch_one(store.pool()).await?;
    let settings = settings::load(store).await?;
    let demo = if users > 0 { crate::demo::accounts(store, &settings.company_name).await? } else { None };
    Ok(SetupStatus { initialized: users > 0, company_name: settings.company_name, time_zone: settings.time_zone, demo })
}

/// First-run setup: the company name and the first administrator, in one transaction.
/// Refused once any user exists.
pub async fn initialize(store: &Store, setup: InitialSetup, now: DateTime<Utc>) -> Result<User> {
    let checked = setup.checked().await?;
    let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
    let (user, _) = insert_first_admin(&mut tx, &checked, now).await?;
    tx.commit().await?;
    Ok(user)
}

/// First-run input that passed the rules, with the password hashed.
pub(crate) struct CheckedSetup {
    company_name: String,
    username: String,
    display_name: String,
    password_hash: String,
}

impl InitialSetup {
    pub(crate) async fn checked(self) -> Result<CheckedSetup> {
        let company_name = validate::required("company_name", "公司名称", &self.company_name, 64)?;
        let username = check_username(&self.admin_username)?;
        let display_name = validate::required("admin_display_name", "管理员姓名", &self.admin_display_name, 32)?;
        password::check_rules("password", &self.password)?;
        let password_hash = password::hash(self.password).await?;
        Ok(CheckedSetup { company_name, username, display_name, password_hash })
    }
}

/// Writes the company name and the first administrator on the caller's transaction; refused
/// once any user exists. Returns the administrator as a user and as the actor for what follows.
pub(crate) async fn insert_first_admin(
    conn: &mut SqliteConnection,
    setup: &CheckedSetup,
    now: DateTime<Utc>,
) -> Result<(User, Actor)> {
    let users = sqlx::query_scalar!("SELECT count(*) FROM app_user").fetch_one(&mut *conn).await?;
    if users > 0 {
        return Err(Error::AlreadyInitialized);
    }
    let at = db_time(now);
    let role = Role::Admin.key();
    let id = sqlx::query_scalar!(
        r#"INSERT INTO app_user (username, display_name, password_hash, role, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?) RETURNING id AS "id!""#,
        setup.username,
        setup.display_name,
        setup.password_hash,
        role,
        at,
        at
    )
    .fetch_one(&mut *conn)
    .await?;
    let actor = actor_by_id(conn, id).await?;
    settings::write_company_name(conn, &actor, &setup.company_name, now).await?;
    let user = user_by_id(conn, id).await?;
    let summary = format!("初始设置:公司“{}”,管理员 {}", setup.company_name, setup.username);
    audit::record(conn, Change::diff(&actor, Entity::User, id, Action::Initialize, summary, None, Some(&user), now)?)
        .await?;
    Ok((user, actor))
}

/// Checks a username and password. Wrong passwords count towards a temporary lock; every
/// attempt on an existing account is logged.
pub async fn sign_in(store: &Store, username: &str, password_text: &str, now: DateTime<Utc>) -> Result<Actor> {
    let username = username.trim();
    if username.is_empty() {
        return Err(Error::validation("username", "用户名不能为空"));
    }
    if password_text.is_empty() {
        return Err(Error::validation("password", "密码不能为空"));
    }
    let row = sqlx::query!(
        r#"SELECT id AS "id!", password_hash, active AS "active: bool", failed_logins,
                  locked_until AS "locked_until: DateTime<Utc>"
           FROM app_user WHERE username = ?"#,
        username
    )
    .fetch_optional(store.pool())
    .await?;
    let Some(row) = row else {
        return Err(Error::InvalidCredentials);
    };
    if let Some(until) = row.locked_until
        && until > now
    {
        let zone = settings::load(store).await?.zone();
        return Err(Error::AccountLocked(until.with_timezone(&zone).format("%H:%M").to_string()));
    }
    let ok = password::verify(password_text.to_owned(), row.password_hash).await?;

    let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
    let actor = actor_by_id(&mut tx, row.id).await?;
    let at = db_time(now);
    if !ok {
        let failed = row.failed_logins + 1;
        let locked_until = (failed >= MAX_FAILED_LOGINS).then(|| db_time(now + Duration::minutes(LOCK_MINUTES)));
        sqlx::query!(
            "UPDATE app_user SET failed_logins = ?, locked_until = ? WHERE id = ?",
            failed,
            locked_until,
            row.id
        )
        .execute(&mut *tx)
        .await?;
        let summary = match &locked_until {
            Some(_) => format!("登录失败:密码错误(连续{failed}次),账号锁定{LOCK_MINUTES}分钟"),
            None => format!("登录失败:密码错误(连续{failed}次)"),
        };
        audit::record(&mut tx, Change::note(&actor, Entity::User, row.id, Action::SignInFailed, summary, now)).await?;
        tx.commit().await?;
        return Err(Error::InvalidCredentials);
    }
    if !row.active {
        audit::record(
            &mut tx,
            Change::note(&actor, Entity::User, row.id, Action::SignInRefused, "登录被拒绝:账号已停用".into(), now),
        )
        .await?;
        tx.commit().await?;
        return Err(Error::AccountDisabled);
    }
    sqlx::query!(
        "UPDATE app_user SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?",
        at,
        row.id
    )
    .execute(&mut *tx)
    .await?;
    audit::record(&mut tx, Change::note(&actor, Entity::User, row.id, Action::SignIn, "登录".into(), now)).await?;
    tx.commit().await?;
    Ok(actor)
}

pub async fn sign_out(store: &Store, actor: &Actor, now: DateTime<Utc>) -> Result<()> {
    let Some(id) = actor.user_id else { return Ok(()) };
    let mut tx = store.pool().begin().await?;
    audit::record(&mut tx, Change::note(actor, Entity::User, id, Action::SignOut, "退出登录".into(), now)).await?;
    tx.commit().await?;
    Ok(())
}

/// The acting user for a signed-in session, re-read so that a deactivation or a role change
/// takes effect on the next action.
pub async fn session_actor(store: &Store, user_id: i64) -> Result<Actor> {
    let mut conn = store.pool().acquire().await?;
    let actor = match actor_by_id(&mut conn, user_id).await {
        Err(Error::NotFound(_)) => return Err(Error::Unauthenticated),
        other => other?,
    };
    let active = sqlx::query_scalar!(r#"SELECT active AS "active: bool" FROM app_user WHERE id = ?"#, user_id)
        .fetch_one(&mut *conn)
        .await?;
    if !active {
        return Err(Error::AccountDisabled);
    }
    Ok(actor)
}

impl Record for User {
    const ENTITY: Entity = Entity::User;
    async fn load(conn: &mut SqliteConnection, id: i64) -> Result<User> {
        user_by_id(conn, id).await
    }
    fn version(&self) -> i64 {
        self.version
    }
}

pub async fn list_users(store: &Store, actor: &Actor) -> Result<Vec<User>> {
    actor.require(Permission::ManageUsers)?;
    let mut conn = store.pool().acquire().await?;
    users(&mut conn, None).await
}

pub async fn create_user(store: &Store, actor: &Actor, input: NewUser, now: DateTime<Utc>) -> Result<User> {
    actor.require(Permission::ManageUsers)?;
    let checked = input.checked().await?;
    let mut w = Write::begin(store, actor, now).await?;
    let user = insert_user(w.conn(), actor, &checked, now).await?;
    w.commit().await?;
    Ok(user)
}

/// A new user whose fields passed the rules and whose password is hashed.
pub(crate) struct CheckedUser {
    pub(crate) username: String,
    display_name: String,
    role: Role,
    pub(crate) department_id: Option<i64>,
    pub(crate) store_id: Option<i64>,
    phone: String,
    password_hash: String,
}

impl NewUser {
    /// Applies the field rules and hashes the password (slow: done before any transaction).
    pub(crate) async fn checked(self) -> Result<CheckedUser> {
        let username = check_username(&self.username)?;
        let display_name = validate::required("display_name", "姓名", &self.display_name, 32)?;
        let phone = validate::optional("phone", "电话", &self.phone, 32)?;
        password::check_rules("password", &self.password)?;
        let password_hash = password::hash(self.password).await?;
        Ok(CheckedUser {
            username,
            display_name,
            role: self.role,
            department_id: self.department_id,
            store_id: self.store_id,
            phone,
            password_hash,
        })
    }
}

/// Inserts a checked user and its audit row on the caller's transaction.
pub(crate) async fn insert_user(
    conn: &mut SqliteConnection,
    actor: &Actor,
    input: &CheckedUser,
    now: DateTime<Utc>,
) -> Result<User> {
    check_placement(conn, input.role, input.department_id, input.store_id).await?;
    let at = db_time(now);
    let role = input.role.key();
    let id = sqlx::query_scalar!(
        r#"INSERT INTO app_user (username, display_name, password_hash, role, department_id, store_id, phone,
                                 created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id AS "id!""#,
        input.username,
        input.display_name,
        input.password_hash,
        role,
        input.department_id,
        input.store_id,
        input.phone,
        at,
        at
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| on_unique(e, || format!("用户名“{}”已被使用", input.username)))?;
    let user = user_by_id(conn, id).await?;
    let summary = format!("新增用户 {}({}, {})", user.username, user.display_name, user.role.label());
    audit::record(conn, Change::diff(actor, Entity::User, id, Action::Create, summary, None, Some(&user), now)?)
        .await?;
    Ok(user)
}

pub async fn update_user(store: &Store, actor: &Actor, id: i64, input: UserUpdate, now: DateTime<Utc>) -> Result<User> {
    actor.require(Permission::ManageUsers)?;
    let display_name = validate::required("display_name", "姓名", &input.display_name, 32)?;
    let phone = validate::optional("phone", "电话", &input.phone, 32)?;

    let mut w = Write::begin(store, actor, now).await?;
    let before: User = w.load(id).await?;
    check_placement(w.conn(), input.role, input.department_id, input.store_id).await?;
    if before.role == Role::Admin && input.role != Role::Admin && before.active {
        ensure_another_admin(w.conn(), id, "不能取消最后一位系统管理员的管理员角色").await?;
    }
    let role = input.role.key();
    let at = db_time(now);
    let changed = sqlx::query!(
        "UPDATE app_user SET display_name = ?, role = ?, department_id = ?, store_id = ?, phone = ?,
                updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?",
        display_name,
        role,
        input.department_id,
        input.store_id,
        phone,
        at,
        id,
        input.version
    )
    .execute(w.conn())
    .await?
    .rows_affected();
    write::one_row::<User>(changed)?;
    w.finish(id, Action::Update, Some(&before), |u| format!("修改用户 {}", u.username)).await
}

/// Deactivates (or reactivates) an account. Users are never deleted: their names stay on the
/// records they signed.
pub async fn set_user_active(
    store: &Store,
    actor: &Actor,
    id: i64,
    active: bool,
    version: i64,
    now: DateTime<Utc>,
) -> Result<User> {
    actor.require(Permission::ManageUsers)?;
    if !active && actor.user_id == Some(id) {
        return Err(Error::validation("active", "不能停用自己的账号"));
    }
    let mut w = Write::begin(store, actor, now).await?;
    let before: User = w.load(id).await?;
    if !active && before.role == Role::Admin {
        ensure_another_admin(w.conn(), id, "不能停用最后一位系统管理员").await?;
    }
    let at = db_time(now);
    let changed = sqlx::query!(
        "UPDATE app_user SET active = ?, failed_logins = 0, locked_until = NULL, updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?",
        active,
        at,
        id,
        version
    )
    .execute(w.conn())
    .await?
    .rows_affected();
    write::one_row::<User>(changed)?;
    if !active {
        end_sessions(w.conn(), id).await?;
    }
    let (action, verb) = if active { (Action::Activate, "启用") } else { (Action::Deactivate, "停用") };
    w.finish(id, action, Some(&before), |u| format!("{verb}用户 {}", u.username)).await
}

/// Ends the user's company-mode sessions (every desk's token) in the caller's transaction: a
/// deactivated user or one whose password was reset must sign in again everywhere.
async fn end_sessions(conn: &mut SqliteConnection, user_id: i64) -> Result<()> {
    sqlx::query!("DELETE FROM server_session WHERE user_id = ?", user_id).execute(conn).await?;
    Ok(())
}

/// An administrator sets a new password for a user (and lifts any lock); their sessions end.
pub async fn reset_password(
    store: &Store,
    actor: &Actor,
    id: i64,
    new_password: String,
    now: DateTime<Utc>,
) -> Result<()> {
    actor.require(Permission::ManageUsers)?;
    password::check_rules("password", &new_password)?;
    let hash = password::hash(new_password).await?;
    let mut w = Write::begin(store, actor, now).await?;
    let user: User = w.load(id).await?;
    write_password(w.conn(), id, &hash, now).await?;
    end_sessions(w.conn(), id).await?;
    w.note(Entity::User, id, Action::ResetPassword, format!("重置用户 {} 的密码", user.username)).await?;
    w.commit().await
}

/// A signed-in user changes their own password, proving the old one.
pub async fn change_own_password(
    store: &Store,
    actor: &Actor,
    old_password: String,
    new_password: String,
    now: DateTime<Utc>,
) -> Result<()> {
    let id = actor.user_id.ok_or(Error::Unauthenticated)?;
    if old_password.is_empty() {
        return Err(Error::validation("old_password", "原密码不能为空"));
    }
    password::check_rules("new_password", &new_password)?;
    if old_password == new_password {
        return Err(Error::validation("new_password", "新密码不能与原密码相同"));
    }
    let stored = sqlx::query_scalar!("SELECT password_hash FROM app_user WHERE id = ?", id)
        .fetch_optional(store.pool())
        .await?
        .ok_or(Error::Unauthenticated)?;
    if !password::verify(old_password, stored).await? {
        return Err(Error::validation("old_password", "原密码不正确"));
    }
    let hash = password::hash(new_password).await?;
    let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
    write_password(&mut tx, id, &hash, now).await?;
    audit::record(&mut tx, Change::note(actor, Entity::User, id, Action::ChangePassword, "修改本人密码".into(), now))
        .await?;
    tx.commit().await?;
    Ok(())
}

async fn write_password(conn: &mut SqliteConnection, id: i64, hash: &str, now: DateTime<Utc>) -> Result<()> {
    let at = db_time(now);
    sqlx::query!(
        "UPDATE app_user SET password_hash = ?, failed_logins = 0, locked_until = NULL, updated_at = ?,
                version = version + 1
         WHERE id = ?",
        hash,
        at,
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Letters (Chinese included), digits, `_`, `.` and `-`; 2 to 32 characters.
fn check_username(value: &str) -> Result<String> {
    let username = validate::required("username", "用户名", value, 32)?;
    if username.chars().count() < 2 {
        return Err(Error::validation("username", "用户名至少需要2个字"));
    }
    if !username.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-')) {
        return Err(Error::validation("username", "用户名只能包含字母、汉字、数字、下划线、点和短横线"));
    }
    Ok(username)
}

/// A department role needs an active department of its own duty (a business user is not placed
/// in 技术部); a store clerk an active store.
async fn check_placement(
    conn: &mut SqliteConnection,
    role: Role,
    department_id: Option<i64>,
    store_id: Option<i64>,
) -> Result<()> {
    match department_id {
        None if role.needs_department() => {
            return Err(Error::validation("department_id", format!("{}必须选择所属部门", role.label())));
        }
        None => {}
        Some(id) => {
            let department =
                sqlx::query!(r#"SELECT name, active AS "active: bool", duty FROM department WHERE id = ?"#, id)
                    .fetch_optional(&mut *conn)
                    .await?;
            match department {
                None => return Err(Error::validation("department_id", "所选部门不存在")),
                Some(d) if !d.active => return Err(Error::validation("department_id", "所选部门已停用")),
                Some(d) => {
                    if let (Some(want), Some(have)) = (role.duty(), d.duty.as_deref())
                        && want != have
                    {
                        return Err(Error::validation(
                            "department_id",
                            format!("{}不能放在“{}”:角色须与所属部门的职能一致", role.label(), d.name),
                        ));
                    }
                }
            }
        }
    }
    match store_id {
        None if role.needs_store() => Err(Error::validation("store_id", "直销店店员必须选择所属直销店")),
        None => Ok(()),
        Some(id) => {
            let active = sqlx::query_scalar!(r#"SELECT active AS "active: bool" FROM store WHERE id = ?"#, id)
                .fetch_optional(&mut *conn)
                .await?;
            match active {
                None => Err(Error::validation("store_id", "所选直销店不存在")),
                Some(false) => Err(Error::validation("store_id", "所选直销店已停用")),
                Some(true) => Ok(()),
            }
        }
    }
}

async fn ensure_another_admin(conn: &mut SqliteConnection, except: i64, message: &str) -> Result<()> {
    let role = Role::Admin.key();
    let others =
        sqlx::query_scalar!("SELECT count(*) FROM app_user WHERE role = ? AND active = 1 AND id <> ?", role, except)
            .fetch_one(conn)
            .await?;
    if others == 0 {
        return Err(Error::validation("role", message));
    }
    Ok(())
}

struct UserRow {
    id: i64,
    username: String,
    display_name: String,
    role: String,
    department_id: Option<i64>,
    department_name: Option<String>,
    store_id: Option<i64>,
    store_name: Option<String>,
    phone: String,
    active: bool,
    last_login_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: i64,
}

impl TryFrom<UserRow> for User {
    type Error = Error;
    fn try_from(r: UserRow) -> Result<User> {
        Ok(User {
            id: r.id,
            username: r.username,
            display_name: r.display_name,
            role: Role::parse(&r.role)?,
            department_id: r.department_id,
            department_name: r.department_name,
            store_id: r.store_id,
            store_name: r.store_name,
            phone: r.phone,
            active: r.active,
            last_login_at: r.last_login_at,
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
        })
    }
}

/// All users (active first, by department), or the one with `only` as its id.
async fn users(conn: &mut SqliteConnection, only: Option<i64>) -> Result<Vec<User>> {
    let rows = sqlx::query_as!(
        UserRow,
        r#"SELECT u.id AS "id!", u.username, u.display_name, u.role, u.department_id, d.name AS "department_name?",
                  u.store_id, s.name AS "store_name?", u.phone, u.active AS "active: bool",
                  u.last_login_at AS "last_login_at: DateTime<Utc>", u.created_at AS "created_at: DateTime<Utc>",
                  u.updated_at AS "updated_at: DateTime<Utc>", u.version
           FROM app_user u
           LEFT JOIN department d ON d.id = u.department_id
           LEFT JOIN store s ON s.id = u.store_id
           WHERE ?1 IS NULL OR u.id = ?1
           ORDER BY u.active DESC, d.sort_order, u.username"#,
        only
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(User::try_from).collect()
}

pub(crate) async fn user_by_id(conn: &mut SqliteConnection, id: i64) -> Result<User> {
    users(conn, Some(id)).await?.pop().ok_or(Error::NotFound("用户"))
}

async fn actor_by_id(conn: &mut SqliteConnection, id: i64) -> Result<Actor> {
    let user = user_by_id(conn, id).await?;
    Ok(Actor {
        user_id: Some(user.id),
        username: user.username,
        display_name: user.display_name,
        role: user.role,
        department_id: user.department_id,
        store_id: user.store_id,
        permissions: user.role.permissions(),
    })
}
