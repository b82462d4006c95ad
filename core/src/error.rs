//! One error type for the whole core. Every variant has a stable `code` the UI can branch on
//! and a message a clerk can act on, in Chinese. Technical detail (SQL, paths) stays in `Display`
//! for the log and never reaches the user through [`Error::user_message`].

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input broke a rule. `field` names the input field (as in the IPC/TS types) so the UI can
    /// mark it; `message` names the field and the rule in Chinese, e.g. "用户名不能为空".
    #[error("{field}: {message}")]
    Validation { field: &'static str, message: String },

    /// The acting user's role or department may not do this.
    #[error("forbidden: {0}")]
    Forbidden(String),

    #[error("not signed in")]
    Unauthenticated,

    #[error("invalid credentials")]
    InvalidCredentials,

    #[error("account disabled")]
    AccountDisabled,

    #[error("account locked until {0}")]
    AccountLocked(String),

    /// `what` is the Chinese name of the missing thing, e.g. "用户".
    #[error("not found: {0}")]
    NotFound(&'static str),

    /// A unique value is taken (`message` says which, in Chinese).
    #[error("duplicate: {0}")]
    Duplicate(String),

    /// Someone else saved the record since it was read (optimistic concurrency).
    #[error("stale version of {0}")]
    Stale(&'static str),

    #[error("already initialised")]
    AlreadyInitialized,

    #[error("not initialised")]
    NotInitialized,

    /// The database file was written by a newer version of the program.
    #[error("database schema version {found} is newer than this program's {known}")]
    NewerDatabase { found: i64, known: i64 },

    /// The file is an SQLite database, but not ours.
    #[error("not a shouhou database: {0}")]
    ForeignDatabase(String),

    /// Integrity check failed, a migration was left half-applied, or a backup did not verify.
    #[error("database damaged: {0}")]
    Corrupt(String),

    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),

    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),

    #[error("file error: {0}")]
    Io(#[from] std::io::Error),

    #[error("internal error: {0}")]
    Internal(String),

    /// A command's argument is missing or of the wrong shape (a caller's defect, not the user's).
    #[error("invalid argument `{name}` for command `{command}`: {detail}")]
    InvalidArgument { command: String, name: String, detail: String },
}

impl Error {
    pub fn validation(field: &'static str, message: impl Into<String>) -> Self {
        Error::Validation { field, message: message.into() }
    }

    /// A stable machine-readable code; the UI branches on it, never on the message.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Validation { .. } => "validation",
            Error::Forbidden(_) => "forbidden",
            Error::Unauthenticated => "unauthenticated",
            Error::InvalidCredentials => "invalid_credentials",
            Error::AccountDisabled => "account_disabled",
            Error::AccountLocked(_) => "account_locked",
            Error::NotFound(_) => "not_found",
            Error::Duplicate(_) => "duplicate",
            Error::Stale(_) => "stale",
            Error::AlreadyInitialized => "already_initialized",
            Error::NotInitialized => "not_initialized",
            Error::NewerDatabase { .. } => "newer_database",
            Error::ForeignDatabase(_) => "foreign_database",
            Error::Corrupt(_) => "corrupt_database",
            Error::Database(_) | Error::Migrate(_) => "database",
            Error::Io(_) => "io",
            Error::Internal(_) => "internal",
            Error::InvalidArgument { .. } => "invalid_args",
        }
    }

    /// The field the error is about, when it is about one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Validation { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The message shown to the user, in Chinese, without SQL or file paths.
    pub fn user_message(&self) -> String {
        match self {
            Error::Validation { message, .. } => message.clone(),
            Error::Forbidden(what) => format!("权限不足:{what}"),
            Error::Unauthenticated => "请先登录".into(),
            Error::InvalidCredentials => "用户名或密码错误".into(),
            Error::AccountDisabled => "该账号已停用,请联系管理员".into(),
            Error::AccountLocked(until) => {
                format!("密码错误次数过多,账号已锁定至 {until},请稍后再试或联系管理员重置密码")
            }
            Error::NotFound(what) => format!("{what}不存在或已被删除"),
            Error::Duplicate(message) => message.clone(),
            Error::Stale(what) => format!("{what}已被他人修改,请刷新后重试"),
            Error::AlreadyInitialized => "系统已完成初始化设置,请直接登录".into(),
            Error::NotInitialized => "系统尚未初始化,请先完成初始设置".into(),
            Error::NewerDatabase { .. } => "数据库由更新版本的售后服务管理写入,本版本无法打开。\
                 为保护数据,程序没有做任何修改。请安装最新版本后再打开。"
                .into(),
            Error::ForeignDatabase(_) => "数据文件不是售后服务管理的数据库,程序没有做任何修改。\
                 请检查数据目录设置。"
                .into(),
            Error::Corrupt(_) => "数据库校验未通过,可能已损坏。请联系管理员从备份恢复。".into(),
            Error::Database(sqlx::Error::PoolTimedOut) => "数据库繁忙,请稍后重试".into(),
            Error::Database(_) | Error::Migrate(_) => "数据库操作失败,数据未作修改。请重试或联系管理员。".into(),
            Error::Io(_) => "文件读写失败,请检查磁盘空间和权限后重试".into(),
            Error::Internal(_) => "程序内部错误,请联系管理员".into(),
            Error::InvalidArgument { name, .. } => format!("请求参数“{name}”格式不正确(程序内部错误,请联系管理员)"),
        }
    }
}

/// Maps a UNIQUE-constraint violation to [`Error::Duplicate`] with a user message;
/// everything else passes through. Used at the repository layer.
pub(crate) fn on_unique(err: sqlx::Error, message: impl FnOnce() -> String) -> Error {
    if let sqlx::Error::Database(db) = &err
        && db.is_unique_violation()
    {
        return Error::Duplicate(message());
    }
    Error::Database(err)
}
