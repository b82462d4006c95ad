use shouhou_core::org::{self, Department, DepartmentInput, SalesStore, StoreInput};
use tauri::State;

use super::CommandResult;
use crate::AppState;

#[tauri::command]
pub async fn department_list(state: State<'_, AppState>) -> CommandResult<Vec<Department>> {
    let (store, _) = state.signed_in().await?;
    Ok(org::list_departments(store).await?)
}

#[tauri::command]
pub async fn department_create(state: State<'_, AppState>, input: DepartmentInput) -> CommandResult<Department> {
    let (store, actor) = state.signed_in().await?;
    Ok(org::create_department(store, &actor, input, state.now()).await?)
}

#[tauri::command]
pub async fn department_update(
    state: State<'_, AppState>,
    id: i64,
    version: i64,
    input: DepartmentInput,
) -> CommandResult<Department> {
    let (store, actor) = state.signed_in().await?;
    Ok(org::update_department(store, &actor, id, version, input, state.now()).await?)
}

#[tauri::command]
pub async fn store_list(state: State<'_, AppState>) -> CommandResult<Vec<SalesStore>> {
    let (store, _) = state.signed_in().await?;
    Ok(org::list_stores(store).await?)
}

#[tauri::command]
pub async fn store_create(state: State<'_, AppState>, input: StoreInput) -> CommandResult<SalesStore> {
    let (store, actor) = state.signed_in().await?;
    Ok(org::create_store(store, &actor, input, state.now()).await?)
}

#[tauri::command]
pub async fn store_update(
    state: State<'_, AppState>,
    id: i64,
    version: i64,
    input: StoreInput,
) -> CommandResult<SalesStore> {
    let (store, actor) = state.signed_in().await?;
    Ok(org::update_store(store, &actor, id, version, input, state.now()).await?)
}
