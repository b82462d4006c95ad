use shouhou_core::attachment::{self, Attachment, OwnerKind};
use tauri::State;

use super::CommandResult;
use crate::AppState;

/// `paths` come from the open dialog; all are added or none.
#[tauri::command]
pub async fn attachment_add(
    state: State<'_, AppState>,
    owner: OwnerKind,
    owner_id: i64,
    paths: Vec<String>,
    caption: String,
) -> CommandResult<Vec<Attachment>> {
    let (store, actor) = state.signed_in().await?;
    let paths: Vec<std::path::PathBuf> = paths.into_iter().map(Into::into).collect();
    Ok(attachment::add(store, &actor, owner, owner_id, &paths, &caption, state.now()).await?)
}

#[tauri::command]
pub async fn attachment_remove(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    let (store, actor) = state.signed_in().await?;
    Ok(attachment::remove(store, &actor, id, state.now()).await?)
}

/// The JPEG thumbnail's bytes (the UI shows them through a blob: URL).
#[tauri::command]
pub async fn attachment_thumbnail(state: State<'_, AppState>, id: i64) -> CommandResult<tauri::ipc::Response> {
    let (store, actor) = state.signed_in().await?;
    Ok(tauri::ipc::Response::new(attachment::thumbnail(store, &actor, id).await?))
}

/// The whole file's bytes (photos are shown full size in the app).
#[tauri::command]
pub async fn attachment_content(state: State<'_, AppState>, id: i64) -> CommandResult<tauri::ipc::Response> {
    let (store, actor) = state.signed_in().await?;
    Ok(tauri::ipc::Response::new(attachment::content(store, &actor, id).await?))
}

/// Opens a copy in the system's viewer (the stored file is never handed out to be edited).
#[tauri::command]
pub async fn attachment_open(state: State<'_, AppState>, id: i64) -> CommandResult<String> {
    let (store, actor) = state.signed_in().await?;
    let (a, path) = attachment::file(store, &actor, id).await?;
    let bytes = std::fs::read(&path).map_err(shouhou_core::Error::from)?;
    let copy = crate::files::write_opened(state.data_dir(), &format!("{}-{}", a.id, a.file_name), &bytes)?;
    crate::files::open_in_system_viewer(&copy)?;
    Ok(copy.display().to_string())
}

/// Copies the file to `path` (from the save dialog).
#[tauri::command]
pub async fn attachment_save(state: State<'_, AppState>, id: i64, path: String) -> CommandResult<String> {
    let (store, actor) = state.signed_in().await?;
    let (_, stored) = attachment::file(store, &actor, id).await?;
    std::fs::copy(&stored, &path).map_err(shouhou_core::Error::from)?;
    Ok(path)
}
