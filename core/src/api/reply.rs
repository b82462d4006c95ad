//! What a command answers: a JSON value, raw bytes (a PDF to preview, a thumbnail), or a file
//! the desk opens or saves itself (the core never touches a path on the caller's desk, so the
//! same command works when the core runs on the company server).

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};

pub enum Reply {
    Json(serde_json::Value),
    Bytes(Vec<u8>),
    /// The desk writes `bytes` into `folder` of its data folder as `name` and opens it in the
    /// system viewer (printing happens there); the UI gets the written path.
    Open {
        folder: ViewerFolder,
        name: String,
        bytes: Vec<u8>,
    },
    /// The desk writes `bytes` to `path` (picked in its save dialog); the UI gets the path.
    Save {
        path: String,
        bytes: Vec<u8>,
    },
}

/// Where the desk keeps files it opened for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewerFolder {
    /// Printed forms.
    Prints,
    /// Copies of attachments (the stored file is never handed out to be edited).
    Opened,
}

impl ViewerFolder {
    pub fn dir_name(self) -> &'static str {
        match self {
            ViewerFolder::Prints => "prints",
            ViewerFolder::Opened => "opened",
        }
    }
}

/// Raw bytes for the UI (an `ArrayBuffer` there).
pub struct Bytes(pub Vec<u8>);

/// A file to open in the desk's system viewer.
pub struct Opened {
    pub folder: ViewerFolder,
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Bytes to write to a path on the desk.
pub struct Saved {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A command's declared return type: how it becomes a [`Reply`] and how TypeScript sees it.
pub trait IntoReply {
    fn into_reply(self) -> Result<Reply>;
    fn typescript(cfg: &ts_rs::Config) -> String;
}

impl<T: Serialize + TS> IntoReply for T {
    fn into_reply(self) -> Result<Reply> {
        serde_json::to_value(self).map(Reply::Json).map_err(|e| Error::Internal(e.to_string()))
    }
    fn typescript(cfg: &ts_rs::Config) -> String {
        let name = T::name(cfg);
        // ts-rs names the unit type `null`; a command that returns nothing resolves to `void`.
        if name == "null" { "void".into() } else { name }
    }
}

impl IntoReply for Bytes {
    fn into_reply(self) -> Result<Reply> {
        Ok(Reply::Bytes(self.0))
    }
    fn typescript(_: &ts_rs::Config) -> String {
        "ArrayBuffer".into()
    }
}

impl IntoReply for Opened {
    fn into_reply(self) -> Result<Reply> {
        Ok(Reply::Open { folder: self.folder, name: self.name, bytes: self.bytes })
    }
    fn typescript(_: &ts_rs::Config) -> String {
        "string".into()
    }
}

impl IntoReply for Saved {
    fn into_reply(self) -> Result<Reply> {
        Ok(Reply::Save { path: self.path, bytes: self.bytes })
    }
    fn typescript(_: &ts_rs::Config) -> String {
        "string".into()
    }
}
