//! The one error shape that crosses the IPC boundary.

use serde::Serialize;
use shouhou_core::Error;
use ts_rs::TS;

/// `code` is stable and for the UI to branch on; `message` is Chinese and for the user;
/// `field` names the input a validation error is about.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct IpcError {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}

impl From<Error> for IpcError {
    fn from(error: Error) -> Self {
        // Technical detail (SQL, paths) goes to the log, never to the user.
        match &error {
            Error::Database(_) | Error::Migrate(_) | Error::Io(_) | Error::Internal(_) | Error::Corrupt(_) => {
                eprintln!("[shouhou] {}: {error}", error.code());
            }
            _ => {}
        }
        IpcError {
            code: error.code().to_owned(),
            message: error.user_message(),
            field: error.field().map(str::to_owned),
        }
    }
}
