//! The one error shape that crosses the IPC boundary lives in the core (`api::IpcError`), shared
//! with the company server.

pub use shouhou_core::api::IpcError;
