use shouhou_core::account::{self, NewUser, RoleInfo, User, UserUpdate};
use tauri::State;

use super::CommandResult;
use crate::AppState;

#[tauri::command]
pub fn role_list() -> Vec<RoleInfo> {
    account::roles()
}

#[tauri::command]
pub async fn user_list(state: State<'_, AppState>) -> CommandResult<Vec<User>> {
    let (store, actor) = state.signed_in().await?;
    Ok(account::list_users(store, &actor).await?)
}

#[tauri::command]
pub async fn user_create(state: State<'_, AppState>, input: NewUser) -> CommandResult<User> {
    let (store, actor) = state.signed_in().await?;
    Ok(account::create_user(store, &actor, input, state.now()).await?)
}

#[tauri::command]
pub async fn user_update(state: State<'_, AppState>, id: i64, input: UserUpdate) -> CommandResult<User> {
    let (store, actor) = state.signed_in().await?;
    Ok(account::update_user(store, &actor, id, input, state.now()).await?)
}

#[tauri::command]
pub async fn user_set_active(state: State<'_, AppState>, id: i64, active: bool, version: i64) -> CommandResult<User> {
    let (store, actor) = state.signed_in().await?;
    Ok(account::set_user_active(store, &actor, id, active, version, state.now()).await?)
}

#[tauri::command]
pub async fn user_reset_password(state: State<'_, AppState>, id: i64, password: String) -> CommandResult<()> {
    let (store, actor) = state.signed_in().await?;
    Ok(account::reset_password(store, &actor, id, password, state.now()).await?)
}
