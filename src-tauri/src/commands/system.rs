use serde::Serialize;
use shouhou_core::account::{self, Permission, SetupStatus};
use shouhou_core::audit::{self, AuditFilter, AuditPage};
use shouhou_core::db::{BackupReport, HealthReport};
use shouhou_core::settings::{self, Settings};
use tauri::State;
use ts_rs::TS;

use super::CommandResult;
use crate::AppState;
use crate::error::IpcError;

/// What the window needs before anything else: whether the store opened, and whether
/// first-run setup is still to do.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct AppStatus {
    pub version: String,
    pub data_dir: String,
    pub startup_error: Option<IpcError>,
    pub setup: Option<SetupStatus>,
    /// Set only by end-to-end tests (SHOUHOU_TEST_SAVE_DIR): files are saved there without
    /// a native dialog, which WebDriver cannot see.
    pub test_save_dir: Option<String>,
    /// Set only by end-to-end tests (SHOUHOU_TEST_OPEN_FILES, a path list): the files an open
    /// dialog would have returned.
    pub test_open_files: Vec<String>,
}

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> CommandResult<AppStatus> {
    let setup = match state.store() {
        Ok(store) => Some(account::setup_status(store).await?),
        Err(_) => None,
    };
    Ok(AppStatus {
        version: env!("CARGO_PKG_VERSION").into(),
        data_dir: state.data_dir().display().to_string(),
        startup_error: state.startup_error().cloned(),
        setup,
        test_save_dir: std::env::var("SHOUHOU_TEST_SAVE_DIR").ok().filter(|d| !d.is_empty()),
        test_open_files: std::env::var_os("SHOUHOU_TEST_OPEN_FILES")
            .map(|list| std::env::split_paths(&list).map(|p| p.display().to_string()).collect())
            .unwrap_or_default(),
    })
}

#[tauri::command]
pub async fn settings_get(state: State<'_, AppState>) -> CommandResult<Settings> {
    let (store, _) = state.signed_in().await?;
    Ok(settings::load(store).await?)
}

#[tauri::command]
pub async fn settings_update(state: State<'_, AppState>, settings: Settings) -> CommandResult<Settings> {
    let (store, actor) = state.signed_in().await?;
    Ok(settings::update(store, &actor, settings, state.now()).await?)
}

#[tauri::command]
pub async fn audit_list(state: State<'_, AppState>, filter: AuditFilter) -> CommandResult<AuditPage> {
    let (store, actor) = state.signed_in().await?;
    Ok(audit::list(store, &actor, &filter).await?)
}

#[tauri::command]
pub async fn system_check(state: State<'_, AppState>) -> CommandResult<HealthReport> {
    let (store, actor) = state.signed_in().await?;
    actor.require(Permission::Backup)?;
    Ok(store.check().await?)
}

/// `path` comes from the save dialog the window opened.
#[tauri::command]
pub async fn system_backup(state: State<'_, AppState>, path: String) -> CommandResult<BackupReport> {
    let (store, actor) = state.signed_in().await?;
    Ok(store.backup(&actor, std::path::Path::new(&path), state.now()).await?)
}
