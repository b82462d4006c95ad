//! Which core a desk works on: its own data folder (单机使用, the default) or a company server
//! (连接公司服务器) whose certificate the admin confirmed and the desk pinned. The choice is a
//! small file in the desk's data folder; the shell reads it at start and holds either the local
//! store or a [`Remote`].

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::account::SetupStatus;
use crate::api::IpcError;
use crate::error::{Error, Result};
use crate::remote::Remote;
use crate::server::tls::{self, DataLock};

const FILE: &str = "desk.json";

/// The desk's choice, kept in `data_dir/desk.json` (missing: local).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum DeskConfig {
    Local,
    Server {
        /// `host:port`, as the admin typed it.
        address: String,
        /// The company certificate's SHA-256 fingerprint, as confirmed (`AB:12:…`).
        fingerprint: String,
    },
}

impl DeskConfig {
    pub fn load(data_dir: &Path) -> Result<DeskConfig> {
        let path = data_dir.join(FILE);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                Error::validation("desk", format!("工位设置文件 {} 无法读取({e}),请删除它后重新选择", path.display()))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(DeskConfig::Local),
            Err(e) => Err(e.into()),
        }
    }

    /// Written to a temporary file and renamed, so a crash leaves the old choice or the new one.
    pub fn save(&self, data_dir: &Path) -> Result<()> {
        std::fs::create_dir_all(data_dir)?;
        let partial = data_dir.join(format!("{FILE}.partial"));
        let text = serde_json::to_vec_pretty(self).map_err(|e| Error::Internal(e.to_string()))?;
        std::fs::write(&partial, text)?;
        std::fs::rename(&partial, data_dir.join(FILE))?;
        Ok(())
    }
}

/// The server a desk works on, as the window's status shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct DeskServer {
    pub address: String,
    pub fingerprint: String,
}

/// What a company server says about itself before anyone signs in.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ServerStatus {
    pub version: String,
    pub setup: SetupStatus,
}

/// What the desk shows before pinning: the fingerprint to compare with the one `shouhou serve`
/// printed, and the company the server holds.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct DeskProbe {
    pub address: String,
    pub fingerprint: String,
    pub company_name: String,
    pub initialized: bool,
    pub version: String,
}

/// Reads the certificate of the server at `address` and, trusting exactly that certificate for
/// this one call, its status.
pub async fn probe(address: &str) -> std::result::Result<DeskProbe, IpcError> {
    let address = address.trim();
    if address.is_empty() {
        return Err(Error::validation("address", "服务器地址不能为空,例如 192.168.1.10:8443").into());
    }
    let fingerprint = Remote::fingerprint_of(address).await?;
    let remote = Remote::connect(address, &fingerprint).await?;
    let status = server_status(&remote).await?;
    Ok(DeskProbe {
        address: address.to_owned(),
        fingerprint,
        company_name: status.setup.company_name,
        initialized: status.setup.initialized,
        version: status.version,
    })
}

/// The server's `server_status`.
pub async fn server_status(remote: &Remote) -> std::result::Result<ServerStatus, IpcError> {
    match remote.call("server_status", &serde_json::json!({})).await? {
        crate::api::Reply::Json(value) => serde_json::from_value(value).map_err(|e| IpcError {
            code: "internal".into(),
            message: format!("服务器答复无法读取(桌面程序与服务器的版本是否一致?):{e}"),
            field: None,
        }),
        _ => Err(IpcError { code: "internal".into(), message: "服务器答复类型不对".into(), field: None }),
    }
}

/// A desk working on its own data folder holds the folder's lock (the one `shouhou serve`
/// takes): the app is refused on a folder a server uses, and a server on a folder an app uses.
pub fn lock_local(data_dir: &Path) -> Result<DataLock> {
    tls::lock_data_dir(data_dir).map_err(|e| match e {
        Error::Validation { field: "data_dir", .. } => Error::validation(
            "data_dir",
            format!(
                "数据目录 {} 正由公司服务器(shouhou serve)或另一个桌面程序使用。\
                 公司服务器的数据只能通过“连接公司服务器”使用;请关闭另一个程序,或选择别的数据目录",
                data_dir.display()
            ),
        ),
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_choice_round_trips_and_a_missing_file_means_local() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(DeskConfig::load(dir.path()).unwrap(), DeskConfig::Local);
        let server = DeskConfig::Server { address: "192.168.1.10:8443".into(), fingerprint: "AB:CD".into() };
        server.save(dir.path()).unwrap();
        assert_eq!(DeskConfig::load(dir.path()).unwrap(), server);
        std::fs::write(dir.path().join(FILE), b"{").unwrap();
        assert_eq!(DeskConfig::load(dir.path()).unwrap_err().field(), Some("desk"));
    }

    #[test]
    fn a_folder_held_by_a_server_is_refused_to_the_app_with_its_own_message() {
        let dir = tempfile::tempdir().unwrap();
        let held = tls::lock_data_dir(dir.path()).unwrap();
        let err = lock_local(dir.path()).err().unwrap();
        assert!(err.user_message().contains("shouhou serve"), "{}", err.user_message());
        drop(held);
        let _app = lock_local(dir.path()).unwrap();
        assert!(tls::lock_data_dir(dir.path()).is_err(), "and a server is refused on the app's folder");
    }
}
