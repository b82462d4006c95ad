use shouhou_core::audit::AuditEvent;
use shouhou_core::customer::{self, Customer, CustomerInput, CustomerPage, CustomerQuery, ImportMode, ImportReport};
use tauri::State;

use super::CommandResult;
use crate::AppState;

#[tauri::command]
pub async fn customer_list(state: State<'_, AppState>, query: CustomerQuery) -> CommandResult<CustomerPage> {
    let (store, actor) = state.signed_in().await?;
    Ok(customer::list(store, &actor, &query).await?)
}

#[tauri::command]
pub async fn customer_get(state: State<'_, AppState>, id: i64) -> CommandResult<Customer> {
    let (store, actor) = state.signed_in().await?;
    Ok(customer::get(store, &actor, id).await?)
}

#[tauri::command]
pub async fn customer_history(state: State<'_, AppState>, id: i64) -> CommandResult<Vec<AuditEvent>> {
    let (store, actor) = state.signed_in().await?;
    Ok(customer::history(store, &actor, id).await?)
}

#[tauri::command]
pub async fn customer_create(state: State<'_, AppState>, input: CustomerInput) -> CommandResult<Customer> {
    let (store, actor) = state.signed_in().await?;
    Ok(customer::create(store, &actor, input, state.now()).await?)
}

#[tauri::command]
pub async fn customer_update(
    state: State<'_, AppState>,
    id: i64,
    version: i64,
    input: CustomerInput,
) -> CommandResult<Customer> {
    let (store, actor) = state.signed_in().await?;
    Ok(customer::update(store, &actor, id, version, input, state.now()).await?)
}

#[tauri::command]
pub async fn customer_set_active(
    state: State<'_, AppState>,
    id: i64,
    active: bool,
    version: i64,
) -> CommandResult<Customer> {
    let (store, actor) = state.signed_in().await?;
    Ok(customer::set_active(store, &actor, id, active, version, state.now()).await?)
}

#[tauri::command]
pub async fn customer_merge(
    state: State<'_, AppState>,
    duplicate_id: i64,
    survivor_id: i64,
) -> CommandResult<Customer> {
    let (store, actor) = state.signed_in().await?;
    Ok(customer::merge(store, &actor, duplicate_id, survivor_id, state.now()).await?)
}

/// `path` comes from the open dialog.
#[tauri::command]
pub async fn customer_import(
    state: State<'_, AppState>,
    path: String,
    mode: ImportMode,
) -> CommandResult<ImportReport> {
    let (store, actor) = state.signed_in().await?;
    Ok(customer::import(store, &actor, std::path::Path::new(&path), mode, state.now()).await?)
}

/// `path` comes from the save dialog; `template` writes the header row only.
#[tauri::command]
pub async fn customer_export(state: State<'_, AppState>, path: String, template: bool) -> CommandResult<i64> {
    let (store, actor) = state.signed_in().await?;
    Ok(customer::export(store, &actor, std::path::Path::new(&path), template).await?)
}
