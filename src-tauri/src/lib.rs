//! The Tauri shell: opens the store, registers the commands, nothing else. All logic is in
//! `shouhou-core`; the builder is generic over the runtime so tests can drive the real wiring
//! on the mock runtime.

pub mod commands;
pub mod error;
pub mod files;
pub mod state;

use tauri::{Builder, Runtime};

pub use state::AppState;

/// Adds the app's plugins, state and commands to a builder of any runtime
/// (`Builder::new()` in the app, `tauri::test::mock_builder()` in tests).
pub fn configure<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    builder.plugin(tauri_plugin_dialog::init()).manage(state).invoke_handler(commands::handler())
}

pub fn run() {
    let data_dir = match state::resolve_data_dir() {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("无法确定数据目录:{}", e.user_message());
            std::process::exit(1);
        }
    };
    let state = tauri::async_runtime::block_on(AppState::open(data_dir));
    configure(Builder::<tauri::Wry>::new(), state)
        .run(tauri::generate_context!())
        .expect("error while running the application");
}
