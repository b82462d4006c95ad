//! The shell's one command handler. Every command is declared once in the core
//! (`shouhou_core::api`); the handler reads the window's call, runs it through the core's
//! dispatcher with this window's session, and does what only the desk can do with the reply:
//! open a file in the system viewer, write bytes to a path picked in its dialog. The only
//! command the shell answers itself is `app_status` (it knows whether the store opened).

pub mod names;

use serde_json::Value;
use shouhou_core::account;
use shouhou_core::api::{self, AppStatus, Context, IpcError, Reply};
use tauri::ipc::{Invoke, InvokeBody, InvokeError, InvokeResponseBody};
use tauri::{Manager, Runtime};

use crate::AppState;

pub fn handler<R: Runtime>() -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    |invoke: Invoke<R>| {
        let name = invoke.message.command().to_owned();
        if !names::ALL.contains(&name.as_str()) {
            return false;
        }
        let Invoke { message, resolver, .. } = invoke;
        resolver.respond_async_serialized(async move {
            let state = message.webview_ref().state::<AppState>();
            let args = match message.payload() {
                InvokeBody::Json(value) => value.clone(),
                InvokeBody::Raw(_) => Value::Null,
            };
            run(&state, &name, &args).await.map_err(InvokeError::from)
        });
        true
    }
}

async fn run(state: &AppState, name: &str, args: &Value) -> Result<InvokeResponseBody, IpcError> {
    if name == "app_status" {
        return json(&app_status(state).await?);
    }
    let cx = Context { store: state.store()?, session: state, now: state.now() };
    let reply = api::dispatch(&cx, name, args).await.ok_or_else(|| IpcError {
        code: "internal".into(),
        message: format!("程序内部错误:命令 {name} 没有处理者"),
        field: None,
    })??;
    match reply {
        Reply::Json(value) => Ok(InvokeResponseBody::Json(value.to_string())),
        Reply::Bytes(bytes) => Ok(InvokeResponseBody::Raw(bytes)),
        Reply::Open { folder, name, bytes } => {
            let path = crate::files::write_into(&state.data_dir().join(folder.dir_name()), &name, &bytes)?;
            crate::files::open_in_system_viewer(&path)?;
            json(&path.display().to_string())
        }
        Reply::Save { path, bytes } => {
            std::fs::write(&path, bytes).map_err(shouhou_core::Error::from)?;
            json(&path)
        }
    }
}

fn json<T: serde::Serialize>(value: &T) -> Result<InvokeResponseBody, IpcError> {
    serde_json::to_string(value)
        .map(InvokeResponseBody::Json)
        .map_err(|e| shouhou_core::Error::Internal(e.to_string()).into())
}

async fn app_status(state: &AppState) -> Result<AppStatus, IpcError> {
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
