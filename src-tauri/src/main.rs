// No console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Forms and tables gain nothing from WebKitGTK's GPU compositing, and on office PCs without
    // a usable GPU (and under Xvfb) it runs through software GL, which costs the web process
    // about 100 MiB (measured: 242 → 137 MiB PSS on the first screen). Set the variable to 0 to
    // turn compositing back on.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // SAFETY: the first statement of `main`, before any other thread exists.
        unsafe { std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1") };
    }
    shouhou_app::run()
}
