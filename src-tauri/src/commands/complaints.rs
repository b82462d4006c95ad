use shouhou_core::audit::AuditEvent;
use shouhou_core::complaint::{
    self, ActionInput, Analysis, Command, Complaint, ComplaintForm, ComplaintPage, ComplaintQuery, ContactInput,
    MyWork, Registration, RemedyPlan,
};
use shouhou_core::xlsx::{ImportMode, ImportReport};
use tauri::State;

use super::CommandResult;
use crate::AppState;

#[tauri::command]
pub async fn complaint_list(state: State<'_, AppState>, query: ComplaintQuery) -> CommandResult<ComplaintPage> {
    let (store, actor) = state.signed_in().await?;
    Ok(complaint::list(store, &actor, &query, state.now()).await?)
}

#[tauri::command]
pub async fn complaint_my_work(state: State<'_, AppState>) -> CommandResult<MyWork> {
    let (store, actor) = state.signed_in().await?;
    Ok(complaint::my_work(store, &actor, state.now()).await?)
}

#[tauri::command]
pub async fn complaint_get(state: State<'_, AppState>, id: i64) -> CommandResult<Complaint> {
    let (store, actor) = state.signed_in().await?;
    Ok(complaint::get(store, &actor, id).await?)
}

#[tauri::command]
pub async fn complaint_history(state: State<'_, AppState>, id: i64) -> CommandResult<Vec<AuditEvent>> {
    let (store, actor) = state.signed_in().await?;
    Ok(complaint::history(store, &actor, id).await?)
}

#[tauri::command]
pub async fn complaint_register(
    state: State<'_, AppState>,
    input: Registration,
    attachments: Vec<String>,
) -> CommandResult<Complaint> {
    let (store, actor) = state.signed_in().await?;
    let files: Vec<std::path::PathBuf> = attachments.into_iter().map(Into::into).collect();
    Ok(complaint::register_with_attachments(store, &actor, input, &files, state.now()).await?)
}

#[tauri::command]
pub async fn complaint_update_registration(
    state: State<'_, AppState>,
    id: i64,
    version: i64,
    input: Registration,
) -> CommandResult<Complaint> {
    let (store, actor) = state.signed_in().await?;
    Ok(complaint::update_registration(store, &actor, id, version, input, state.now()).await?)
}

#[tauri::command]
pub async fn complaint_save_analysis(
    state: State<'_, AppState>,
    id: i64,
    version: i64,
    input: Analysis,
) -> CommandResult<Complaint> {
    let (store, actor) = state.signed_in().await?;
    Ok(complaint::save_analysis(store, &actor, id, version, input, state.now()).await?)
}

#[tauri::command]
pub async fn complaint_save_remedy(
    state: State<'_, AppState>,
    id: i64,
    version: i64,
    input: RemedyPlan,
) -> CommandResult<Complaint> {
    let (store, actor) = state.signed_in().await?;
    Ok(complaint::save_remedy(store, &actor, id, version, input, state.now()).await?)
}

#[tauri::command]
pub async fn complaint_transition(
    state: State<'_, AppState>,
    id: i64,
    version: i64,
    command: Command,
    reason: String,
) -> CommandResult<Complaint> {
    let (store, actor) = state.signed_in().await?;
    Ok(complaint::transition(store, &actor, id, version, command, &reason, state.now()).await?)
}

#[tauri::command]
pub async fn complaint_sign(
    state: State<'_, AppState>,
    id: i64,
    approve: bool,
    comment: String,
) -> CommandResult<Complaint> {
    let (store, actor) = state.signed_in().await?;
    Ok(complaint::sign(store, &actor, id, approve, &comment, state.now()).await?)
}

#[tauri::command]
pub async fn complaint_add_contact(
    state: State<'_, AppState>,
    id: i64,
    input: ContactInput,
) -> CommandResult<Complaint> {
    let (store, actor) = state.signed_in().await?;
    Ok(complaint::add_contact(store, &actor, id, input, state.now()).await?)
}

#[tauri::command]
pub async fn complaint_save_action(
    state: State<'_, AppState>,
    id: i64,
    action_id: Option<i64>,
    input: ActionInput,
) -> CommandResult<Complaint> {
    let (store, actor) = state.signed_in().await?;
    Ok(complaint::save_action(store, &actor, id, action_id, input, state.now()).await?)
}

#[tauri::command]
pub async fn complaint_verify_action(
    state: State<'_, AppState>,
    id: i64,
    action_id: i64,
    effective: bool,
) -> CommandResult<Complaint> {
    let (store, actor) = state.signed_in().await?;
    Ok(complaint::verify_action(store, &actor, id, action_id, effective, state.now()).await?)
}

#[tauri::command]
pub async fn complaint_save_feedback(
    state: State<'_, AppState>,
    id: i64,
    version: i64,
    feedback: String,
) -> CommandResult<Complaint> {
    let (store, actor) = state.signed_in().await?;
    Ok(complaint::save_feedback(store, &actor, id, version, &feedback, state.now()).await?)
}

/// Writes the form to `path` (from the save dialog).
#[tauri::command]
pub async fn complaint_pdf_save(
    state: State<'_, AppState>,
    id: i64,
    form: ComplaintForm,
    path: String,
) -> CommandResult<String> {
    let (store, actor) = state.signed_in().await?;
    let bytes = complaint::render_form(store, &actor, id, form, state.now()).await?;
    std::fs::write(&path, bytes).map_err(shouhou_core::Error::from)?;
    Ok(path)
}

/// Writes the form into the data folder's `prints/` and opens it in the system PDF viewer,
/// where it is printed.
#[tauri::command]
pub async fn complaint_pdf_open(state: State<'_, AppState>, id: i64, form: ComplaintForm) -> CommandResult<String> {
    let (store, actor) = state.signed_in().await?;
    let number = complaint::get(store, &actor, id).await?.number;
    let bytes = complaint::render_form(store, &actor, id, form, state.now()).await?;
    let path = crate::files::write_print(state.data_dir(), &format!("{number}-{}.pdf", form.label()), &bytes)?;
    crate::files::open_in_system_viewer(&path)?;
    Ok(path.display().to_string())
}

/// The form's bytes for the in-app preview.
#[tauri::command]
pub async fn complaint_pdf_preview(
    state: State<'_, AppState>,
    id: i64,
    form: ComplaintForm,
) -> CommandResult<tauri::ipc::Response> {
    let (store, actor) = state.signed_in().await?;
    let bytes = complaint::render_form(store, &actor, id, form, state.now()).await?;
    Ok(tauri::ipc::Response::new(bytes))
}

/// `path` comes from the open dialog.
#[tauri::command]
pub async fn complaint_import(
    state: State<'_, AppState>,
    path: String,
    mode: ImportMode,
) -> CommandResult<ImportReport> {
    let (store, actor) = state.signed_in().await?;
    Ok(complaint::import(store, &actor, std::path::Path::new(&path), mode, state.now()).await?)
}

/// Exports the complaints matching the list's filters to `path` (from the save dialog).
#[tauri::command]
pub async fn complaint_export(
    state: State<'_, AppState>,
    path: String,
    query: ComplaintQuery,
    template: bool,
) -> CommandResult<i64> {
    let (store, actor) = state.signed_in().await?;
    Ok(complaint::export(store, &actor, std::path::Path::new(&path), &query, template, state.now()).await?)
}
