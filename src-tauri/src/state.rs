//! What the shell holds between commands: the open store (or why it could not open) and the
//! signed-in user of this window.

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use shouhou_core::account::{self, Actor};
use shouhou_core::clock::{Clock, SystemClock};
use shouhou_core::db::Store;
use shouhou_core::{Error, Result};

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

    pub fn begin_session(&self, actor: &Actor) {
        *self.session.lock().expect("session lock") = actor.user_id;
    }

    pub fn end_session(&self) -> Option<i64> {
        self.session.lock().expect("session lock").take()
    }

    /// The store and the signed-in user, re-read so that deactivation takes effect at once.
    pub async fn signed_in(&self) -> std::result::Result<(&Store, Actor), IpcError> {
        let store = self.store()?;
        let user_id = (*self.session.lock().expect("session lock")).ok_or(Error::Unauthenticated)?;
        match account::session_actor(store, user_id).await {
            Ok(actor) => Ok((store, actor)),
            Err(e @ (Error::Unauthenticated | Error::AccountDisabled)) => {
                self.end_session();
                Err(e.into())
            }
            Err(e) => Err(e.into()),
        }
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
