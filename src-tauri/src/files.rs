//! Files the shell hands to the operating system: printed forms and attachment copies opened in
//! the system viewer.

use std::path::{Path, PathBuf};

use shouhou_core::Error;

use crate::error::IpcError;

/// Writes `bytes` as `name` into `dir` (created when missing).
pub fn write_into(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, IpcError> {
    // The name comes from a user's file: keep only its last component.
    let name = Path::new(name).file_name().map(|n| n.to_owned()).unwrap_or_else(|| "file".into());
    std::fs::create_dir_all(dir).map_err(Error::from)?;
    let path = dir.join(name);
    std::fs::write(&path, bytes).map_err(Error::from)?;
    Ok(path)
}

pub fn open_in_system_viewer(path: &Path) -> Result<(), IpcError> {
    #[cfg(target_os = "windows")]
    let mut command = {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    };
    #[cfg(target_os = "macos")]
    let mut command = std::process::Command::new("open");
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    let mut command = std::process::Command::new("xdg-open");
    command.arg(path).spawn().map(|_| ()).map_err(|e| IpcError {
        code: "no_viewer".into(),
        message: format!("无法打开 PDF 查看器({e}),文件已保存在:{}", path.display()),
        field: None,
    })
}
