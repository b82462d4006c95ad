use shouhou_core::account::{self, Actor, InitialSetup, User};
use shouhou_core::demo::{self, DemoSummary};
use tauri::State;

use super::CommandResult;
use crate::AppState;

#[tauri::command]
pub async fn setup_initialize(state: State<'_, AppState>, setup: InitialSetup) -> CommandResult<User> {
    Ok(account::initialize(state.store()?, setup, state.now()).await?)
}

/// Offered on the first-run page of an empty database.
#[tauri::command]
pub async fn setup_load_demo(state: State<'_, AppState>) -> CommandResult<DemoSummary> {
    Ok(demo::load(state.store()?, state.now()).await?)
}

#[tauri::command]
pub async fn session_sign_in(state: State<'_, AppState>, username: String, password: String) -> CommandResult<Actor> {
    let actor = account::sign_in(state.store()?, &username, &password, state.now()).await?;
    state.begin_session(&actor);
    Ok(actor)
}

#[tauri::command]
pub async fn session_sign_out(state: State<'_, AppState>) -> CommandResult<()> {
    if let Ok((store, actor)) = state.signed_in().await {
        account::sign_out(store, &actor, state.now()).await?;
    }
    state.end_session();
    Ok(())
}

/// The signed-in user, or `null` when nobody is.
#[tauri::command]
pub async fn session_current(state: State<'_, AppState>) -> CommandResult<Option<Actor>> {
    Ok(state.signed_in().await.ok().map(|(_, actor)| actor))
}

#[tauri::command]
pub async fn session_change_password(
    state: State<'_, AppState>,
    old_password: String,
    new_password: String,
) -> CommandResult<()> {
    let (store, actor) = state.signed_in().await?;
    Ok(account::change_own_password(store, &actor, old_password, new_password, state.now()).await?)
}
