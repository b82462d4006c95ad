//! What the shell holds between commands: the open store (or why it could not open) and the
//! signed-in user of this window.

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use shouhou_core::Result;
use shouhou_core::clock::{Clock, SystemClock};
use shouhou_core::db::Store;

use crate::error::IpcError;

pub struct AppState {
    store: std::result::Result<Store, IpcError>,
    data_dir: PathBuf,
    session: Mutex<Option<i64>>,
    clock: Box<dyn Clock>,
}

impl AppState {
    /// Opens the store in `data_dir`. A store that cannot open is kept as its error so the
    /// window can say why instead of failing to start.
    pub async fn open(data_dir: PathBuf) -> AppState {
        AppState::open_with_clock(data_dir, Box::new(SystemClock)).await
    }

    pub async fn open_with_clock(data_dir: PathBuf, clock: Box<dyn Clock>) -> AppState {
        let store = Store::open(&data_dir, clock.now()).await.map_err(IpcError::from);
        AppState { store, data_dir, session: Mutex::new(None), clock }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn data_dir(&self) -> &PathBuf {
        &self.data_dir
    }

    pub fn startup_error(&self) -> Option<&IpcError> {
        self.store.as_ref().err()
    }

    pub fn store(&self) -> std::result::Result<&Store, IpcError> {
        self.store.as_ref().map_err(Clone::clone)
    }
}

/// The window's session: which user signed in here.
impl shouhou_core::api::Session for AppState {
    fn user_id(&self) -> Option<i64> {
        *self.session.lock().expect("session lock")
    }
    fn set_user_id(&self, user_id: Option<i64>) {
        *self.session.lock().expect("session lock") = user_id;
    }
}

/// Reads `--data-dir DIR` or `--data-dir=DIR` from the command line.
pub fn data_dir_flag(args: impl IntoIterator<Item = String>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(dir) = arg.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(dir));
        }
    }
    None
}

pub fn resolve_data_dir() -> Result<PathBuf> {
    shouhou_core::db::resolve_data_dir(data_dir_flag(std::env::args().skip(1)))
}
