//! Attachments: photos, scans and documents kept with a record. The bytes are stored once per
//! content in the data folder (`attachments/ab/<sha256>.<ext>`), with a JPEG thumbnail for images
//! (`attachments/thumbs/<sha256>.jpg`), EXIF orientation applied so phone photos stand upright.
//! A file is checked and copied before the transaction that links it, so a bad file changes
//! nothing and a failed transaction leaves at most an unreferenced copy.

mod blob;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::SqliteConnection;
use ts_rs::TS;

pub use blob::{MAX_BYTES, Staged, stage};

use crate::account::{Actor, Role};
use crate::audit::{self, Action, Change, Entity};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::validate;
use crate::write::Write;

pub use crate::registry::OwnerKind;

/// How a kind of record carries attachments: its table (whose `id` the attachment names), the
/// column that names a record for people (a number or code), the audit entity its attachments'
/// additions and removals are logged under, and who may view and who may add or remove them.
/// Each module declares its own rule; [`OwnerKind::rule`] finds it.
pub struct OwnerRule {
    pub table: &'static str,
    pub title_column: &'static str,
    pub entity: Entity,
    pub can_view: fn(&Actor) -> Result<()>,
    pub can_attach: fn(&Actor) -> Result<()>,
    /// `Some(message)`: files reach this record only through its module's own use-case (which
    /// also moves its state), never through the generic add; the message says where.
    pub added_only_by: Option<&'static str>,
}

impl OwnerKind {
    fn can_view(self, actor: &Actor) -> Result<()> {
        (self.rule().can_view)(actor)
    }
    fn can_attach(self, actor: &Actor) -> Result<()> {
        (self.rule().can_attach)(actor)
    }
    async fn exists(self, conn: &mut SqliteConnection, id: i64) -> Result<()> {
        let sql = format!("SELECT 1 FROM {} WHERE id = ?", self.rule().table);
        let found: Option<i64> =
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&mut *conn).await?;
        found.map(|_| ()).ok_or(Error::NotFound(self.label()))
    }
    /// The record's number or code, for messages ("KS-2026-0001").
    async fn title(self, conn: &mut SqliteConnection, id: i64) -> Result<String> {
        let rule = self.rule();
        let sql = format!("SELECT {} FROM {} WHERE id = ?", rule.title_column, rule.table);
        let title: Option<String> =
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&mut *conn).await?;
        Ok(title.unwrap_or_else(|| format!("{} {id}", self.label())))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Attachment {
    pub id: i64,
    pub owner: OwnerKind,
    pub owner_id: i64,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub has_thumbnail: bool,
    pub caption: String,
    pub added_by: Option<i64>,
    pub added_by_name: String,
    pub added_at: DateTime<Utc>,
}

impl Attachment {
    pub fn is_image(&self) -> bool {
        self.media_type.starts_with("image/")
    }
}

/// Links a staged file to its owner inside the caller's transaction, with its audit row on the
/// owner's history. The caller has checked the actor and the owner.
pub(crate) async fn link(
    conn: &mut SqliteConnection,
    actor: &Actor,
    owner: OwnerKind,
    owner_id: i64,
    staged: &Staged,
    caption: &str,
    now: DateTime<Utc>,
) -> Result<Attachment> {
    let caption = validate::optional("caption", "附件说明", caption, 200)?;
    let (key, at) = (owner.key(), db_time(now));
    let entity = owner.rule().entity;
    let id = sqlx::query_scalar!(
        r#"INSERT INTO attachment (owner_type, owner_id, sha256, extension, file_name, media_type, size_bytes, width, height,
                                   has_thumbnail, caption, added_by, added_by_name, added_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id AS "id!""#,
        key,
        owner_id,
        staged.sha256,
        staged.extension,
        staged.file_name,
        staged.media_type,
        staged.size_bytes,
        staged.width,
        staged.height,
        staged.has_thumbnail,
        caption,
        actor.user_id,
        actor.display_name,
        at
    )
    .fetch_one(&mut *conn)
    .await?;
    let summary = format!("添加附件“{}”", staged.file_name);
    audit::record(conn, Change::note(actor, entity, owner_id, Action::Attach, summary, now)).await?;
    load(conn, id).await
}

/// Adds the files at `paths` to a record, all or none: every file is checked before any is linked.
pub async fn add(
    store: &Store,
    actor: &Actor,
    owner: OwnerKind,
    owner_id: i64,
    paths: &[PathBuf],
    caption: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Attachment>> {
    owner.can_attach(actor)?;
    if let Some(message) = owner.rule().added_only_by {
        return Err(Error::validation("owner", message));
    }
    let staged = stage_all(store, paths)?;
    let mut w = Write::begin(store, actor, now).await?;
    owner.exists(w.conn(), owner_id).await?;
    let mut added = Vec::with_capacity(staged.len());
    for s in &staged {
        added.push(link(w.conn(), actor, owner, owner_id, s, caption, now).await?);
    }
    w.commit().await?;
    Ok(added)
}

/// Checks and copies several files; at most [`MAX_FILES`] at once.
pub fn stage_all(store: &Store, paths: &[PathBuf]) -> Result<Vec<Staged>> {
    if paths.len() > MAX_FILES {
        return Err(Error::validation("file", format!("一次最多添加{MAX_FILES}个附件")));
    }
    paths.iter().map(|p| stage(store.data_dir(), p)).collect()
}

/// How many files one action may add.
pub const MAX_FILES: usize = 30;

pub async fn list(store: &Store, actor: &Actor, owner: OwnerKind, owner_id: i64) -> Result<Vec<Attachment>> {
    owner.can_view(actor)?;
    let mut conn = store.pool().acquire().await?;
    of_owner(&mut conn, owner, owner_id).await
}

/// Removes an attachment from its record: the one who added it, or a manager. The stored bytes
/// stay (another record may share them; backups stay complete).
pub async fn remove(store: &Store, actor: &Actor, id: i64, now: DateTime<Utc>) -> Result<()> {
    let mut w = Write::begin(store, actor, now).await?;
    let a = load(w.conn(), id).await?;
    a.owner.can_attach(actor)?;
    let manager = matches!(actor.role, Role::AfterSalesManager | Role::Admin);
    if !manager && a.added_by != actor.user_id {
        return Err(Error::Forbidden("只有上传人或售后服务部经理可以删除附件".into()));
    }
    sqlx::query!("DELETE FROM attachment WHERE id = ?", id).execute(w.conn()).await?;
    w.note(a.owner.rule().entity, a.owner_id, Action::Detach, format!("删除附件“{}”", a.file_name)).await?;
    w.commit().await
}

/// Where the attachment's bytes are, for opening in the system viewer or copying out.
pub async fn file(store: &Store, actor: &Actor, id: i64) -> Result<(Attachment, PathBuf)> {
    let mut conn = store.pool().acquire().await?;
    let (a, sha, ext) = load_stored(&mut conn, id).await?;
    a.owner.can_view(actor)?;
    let path = blob::content_path(store.data_dir(), &sha, &ext);
    if !path.exists() {
        return Err(Error::validation("file", format!("附件“{}”的文件在数据目录中缺失,请从备份恢复", a.file_name)));
    }
    Ok((a, path))
}

/// Copies every stored attachment file into `backup_dir/attachments/` (content-addressed, so
/// backups written to the same folder share their files and each run copies only what is new).
/// Returns (files referenced, files copied now).
pub(crate) async fn back_up(store: &Store, backup_dir: &Path) -> Result<(i64, i64)> {
    let files = sqlx::query!("SELECT DISTINCT sha256, extension FROM attachment").fetch_all(store.pool()).await?;
    let root = backup_dir.to_path_buf();
    let mut copied = 0;
    for f in &files {
        if blob::back_up_one(store.data_dir(), &root, &f.sha256, &f.extension)? {
            copied += 1;
        }
    }
    Ok((files.len() as i64, copied))
}

/// Attachments whose stored file is missing from the data folder, named for people.
pub(crate) async fn missing(store: &Store) -> Result<Vec<String>> {
    let rows = sqlx::query!("SELECT sha256, extension, file_name, owner_type, owner_id FROM attachment ORDER BY id")
        .fetch_all(store.pool())
        .await?;
    let mut conn = store.pool().acquire().await?;
    let mut out = Vec::new();
    for r in rows.into_iter().filter(|r| !blob::content_path(store.data_dir(), &r.sha256, &r.extension).exists()) {
        let owner = OwnerKind::stored(&r.owner_type)?.title(&mut conn, r.owner_id).await?;
        out.push(format!("{owner} {}", r.file_name));
    }
    Ok(out)
}

/// The bytes of an attachment, for showing a photo at full size in the app.
pub async fn content(store: &Store, actor: &Actor, id: i64) -> Result<Vec<u8>> {
    let (_, path) = file(store, actor, id).await?;
    Ok(std::fs::read(path)?)
}

/// The JPEG thumbnail of an image attachment.
pub async fn thumbnail(store: &Store, actor: &Actor, id: i64) -> Result<Vec<u8>> {
    let mut conn = store.pool().acquire().await?;
    let (a, sha, _) = load_stored(&mut conn, id).await?;
    a.owner.can_view(actor)?;
    if !a.has_thumbnail {
        return Err(Error::validation("file", "该附件没有缩略图"));
    }
    Ok(std::fs::read(blob::thumbnail_path(store.data_dir(), &sha))?)
}

/// The stored row, before the owner key is decoded.
struct Row {
    id: i64,
    owner_type: String,
    owner_id: i64,
    file_name: String,
    media_type: String,
    size_bytes: i64,
    width: Option<i64>,
    height: Option<i64>,
    has_thumbnail: bool,
    caption: String,
    added_by: Option<i64>,
    added_by_name: String,
    added_at: DateTime<Utc>,
    sha256: String,
    extension: String,
}

impl TryFrom<Row> for Attachment {
    type Error = Error;
    fn try_from(r: Row) -> Result<Attachment> {
        Ok(Attachment {
            id: r.id,
            owner: OwnerKind::stored(&r.owner_type)?,
            owner_id: r.owner_id,
            file_name: r.file_name,
            media_type: r.media_type,
            size_bytes: r.size_bytes,
            width: r.width,
            height: r.height,
            has_thumbnail: r.has_thumbnail,
            caption: r.caption,
            added_by: r.added_by,
            added_by_name: r.added_by_name,
            added_at: r.added_at,
        })
    }
}

async fn load(conn: &mut SqliteConnection, id: i64) -> Result<Attachment> {
    Ok(load_stored(conn, id).await?.0)
}

/// The attachment with the name of its stored file (SHA-256 and extension).
async fn load_stored(conn: &mut SqliteConnection, id: i64) -> Result<(Attachment, String, String)> {
    let row = sqlx::query_as!(
        Row,
        r#"SELECT id AS "id!", owner_type, owner_id, file_name, media_type, size_bytes, width, height,
                  has_thumbnail AS "has_thumbnail: bool", caption, added_by, added_by_name, added_at AS "added_at: DateTime<Utc>",
                  sha256, extension
           FROM attachment WHERE id = ?"#,
        id
    )
    .fetch_optional(conn)
    .await?
    .ok_or(Error::NotFound("附件"))?;
    let (sha256, extension) = (row.sha256.clone(), row.extension.clone());
    Ok((row.try_into()?, sha256, extension))
}

/// A record's attachments, oldest first (for the record's own view; the caller checked access).
pub(crate) async fn of_owner(conn: &mut SqliteConnection, owner: OwnerKind, owner_id: i64) -> Result<Vec<Attachment>> {
    let key = owner.key();
    sqlx::query_as!(
        Row,
        r#"SELECT id AS "id!", owner_type, owner_id, file_name, media_type, size_bytes, width, height,
                  has_thumbnail AS "has_thumbnail: bool", caption, added_by, added_by_name, added_at AS "added_at: DateTime<Utc>",
                  sha256, extension
           FROM attachment WHERE owner_type = ? AND owner_id = ? ORDER BY id"#,
        key,
        owner_id
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(Attachment::try_from)
    .collect()
}
