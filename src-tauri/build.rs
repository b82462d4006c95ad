// The app's own commands are listed in the app manifest so that the capability ACL applies to
// them (without it, app commands bypass the ACL). Keep this list in step with `commands::handler`.
fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(shouhou_commands::ALL)),
    )
    .expect("failed to run tauri-build");
}

#[path = "src/commands/names.rs"]
mod shouhou_commands;
