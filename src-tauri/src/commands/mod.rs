//! The shell's one command handler. Every command is declared once in the core
//! (`shouhou_core::api`); the handler reads the window's call, runs it through the core's
//! dispatcher with this window's session, and does what only the desk can do with the reply:
//! open a file in the system viewer, write bytes to a path picked in its dialog. In company mode
//! the same commands go to the server with the window's own session token instead. The shell
//! answers `app_status` itself (it knows whether the store opened) and the `desk_*` commands
//! that choose between this desk's own data and a company server.

pub mod names;

use serde_json::Value;
use shouhou_core::account;
use shouhou_core::api::{self, AppStatus, Context, IpcError, Reply};
use shouhou_core::desk;
use tauri::ipc::{Invoke, InvokeBody, InvokeError, InvokeResponseBody};
use tauri::{Manager, Runtime};

use crate::AppState;
use crate::state::Core;

pub fn handler<R: Runtime>() -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    |invoke: Invoke<R>| {
        let name = invoke.message.command().to_owned();
        if !names::ALL.contains(&name.as_str()) {
            return false;
        }
        let Invoke { message, resolver, .. } = invoke;
        resolver.respond_async_serialized(async move {
            let webview = message.webview_ref();
            let state = webview.state::<AppState>();
            let args = match message.payload() {
                InvokeBody::Json(value) => value.clone(),
                InvokeBody::Raw(_) => Value::Null,
            };
            run(&state, webview.label(), &name, &args).await.map_err(InvokeError::from)
        });
        true
    }
}

async fn run(state: &AppState, window: &str, name: &str, args: &Value) -> Result<InvokeResponseBody, IpcError> {
    let text = |key: &str| args.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
    match name {
        "app_status" => return json(&app_status(state).await?),
        "desk_probe" => return json(&desk::probe(&text("address")).await?),
        "desk_connect" => {
            state.connect(&text("address"), &text("fingerprint")).await?;
            return json(&app_status(state).await?);
        }
        "desk_server_health" => {
            return match &*state.core() {
                Core::Server { remote, .. } => json(&Some(remote.health().await?)),
                Core::Local { .. } => json(&None::<()>),
            };
        }
        "desk_use_local" => {
            state.use_local().await?;
            return json(&app_status(state).await?);
        }
        _ => {}
    }
    let reply = match &*state.core() {
        Core::Local { store, .. } => {
            let cx = Context { store: store.as_ref().map_err(Clone::clone)?, session: state, now: state.now() };
            api::dispatch(&cx, name, args).await.ok_or_else(|| IpcError {
                code: "internal".into(),
                message: format!("程序内部错误:命令 {name} 没有处理者"),
                field: None,
            })??
        }
        Core::Server { remote, .. } => {
            if name.starts_with("setup_") {
                return Err(IpcError {
                    code: "forbidden".into(),
                    message: "本机已连接公司服务器:初始设置和演示数据只能在服务器上进行(shouhou init)".into(),
                    field: None,
                });
            }
            remote.call_as(&state.token_of(window), name, args).await?
        }
    };
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
    let (setup, startup_error, server) = match &*state.core() {
        Core::Local { store: Ok(store), .. } => (Some(account::setup_status(store).await?), None, None),
        Core::Local { store: Err(e), .. } => (None, Some(e.clone()), None),
        // An unreachable server or a changed certificate is said on the first screen, which
        // offers to retry, to connect again or to work locally.
        Core::Server { remote, server } => match desk::server_status(remote).await {
            Ok(status) => (Some(status.setup), None, Some(server.clone())),
            Err(e) => (None, Some(e), Some(server.clone())),
        },
    };
    Ok(AppStatus {
        version: env!("CARGO_PKG_VERSION").into(),
        data_dir: state.data_dir().display().to_string(),
        startup_error,
        setup,
        server,
        test_save_dir: std::env::var("SHOUHOU_TEST_SAVE_DIR").ok().filter(|d| !d.is_empty()),
        test_open_files: std::env::var_os("SHOUHOU_TEST_OPEN_FILES")
            .map(|list| std::env::split_paths(&list).map(|p| p.display().to_string()).collect())
            .unwrap_or_default(),
    })
}
