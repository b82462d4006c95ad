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

/// The runtime the shell's commands run on: tokio's multi-thread runtime as Tauri would make it,
/// but with 8 MiB worker stacks. A command such as loading the demo data nests every module's
/// futures, and an unoptimised build's stack frames are large: 2 MiB overflowed. Call before
/// anything uses `tauri::async_runtime` (later calls do nothing).
pub fn init_runtime() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .thread_stack_size(8 << 20)
            .build()
            .expect("the async runtime starts");
        tauri::async_runtime::set(runtime.handle().clone());
        // It serves the whole process.
        std::mem::forget(runtime);
    });
}

pub fn run() {
    init_runtime();
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
