//! What the shell holds between commands: the core it works on — this desk's own store (or why
//! it could not open), or a company server reached through a pinned [`Remote`] — and who is
//! signed in: one session for the local store, a server token per window in company mode.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use chrono::{DateTime, Utc};
use shouhou_core::Result;
use shouhou_core::clock::{Clock, SystemClock};
use shouhou_core::db::Store;
use shouhou_core::desk::{self, DeskConfig, DeskServer};
use shouhou_core::remote::Remote;
use shouhou_core::server::tls::DataLock;

use crate::error::IpcError;

/// The core this desk works on.
pub enum Core {
    /// 单机使用: the store in this desk's data folder, whose lock the app holds while it runs.
    Local { store: std::result::Result<Store, IpcError>, _lock: Option<DataLock> },
    /// 连接公司服务器: every core command goes to the server.
    Server { remote: Arc<Remote>, server: DeskServer },
}

impl Core {
    async fn local(data_dir: &std::path::Path, now: DateTime<Utc>) -> Core {
        match desk::lock_local(data_dir) {
            Ok(lock) => {
                let store = Store::open(data_dir, now).await.map_err(IpcError::from);
                Core::Local { store, _lock: Some(lock) }
            }
            Err(e) => Core::Local { store: Err(e.into()), _lock: None },
        }
    }

    fn server(address: String, fingerprint: String) -> Core {
        let remote = Arc::new(Remote::pinned(&address, &fingerprint));
        Core::Server { remote, server: DeskServer { address, fingerprint } }
    }
}

pub struct AppState {
    core: RwLock<Arc<Core>>,
    data_dir: PathBuf,
    session: Mutex<Option<i64>>,
    /// Company mode: each window's server session token, by window label.
    tokens: Mutex<HashMap<String, Arc<Mutex<Option<String>>>>>,
    clock: Box<dyn Clock>,
}

impl AppState {
    /// Opens what the desk's choice (`desk.json` in `data_dir`) names. A store that cannot open
    /// is kept as its error so the window can say why instead of failing to start; a company
    /// server is reached at the first call (the desk starts while it is down).
    pub async fn open(data_dir: PathBuf) -> AppState {
        AppState::open_with_clock(data_dir, Box::new(SystemClock)).await
    }

    pub async fn open_with_clock(data_dir: PathBuf, clock: Box<dyn Clock>) -> AppState {
        let core = match DeskConfig::load(&data_dir) {
            Ok(DeskConfig::Server { address, fingerprint }) => Core::server(address, fingerprint),
            Ok(DeskConfig::Local) => Core::local(&data_dir, clock.now()).await,
            Err(e) => Core::Local { store: Err(e.into()), _lock: None },
        };
        AppState {
            core: RwLock::new(Arc::new(core)),
            data_dir,
            session: Mutex::new(None),
            tokens: Mutex::new(HashMap::new()),
            clock,
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn data_dir(&self) -> &PathBuf {
        &self.data_dir
    }

    /// The core as it is now (a call keeps working on it even if the desk switches meanwhile).
    pub fn core(&self) -> Arc<Core> {
        self.core.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The window's server session token (company mode).
    pub fn token_of(&self, window: &str) -> Arc<Mutex<Option<String>>> {
        self.tokens.lock().unwrap_or_else(|e| e.into_inner()).entry(window.to_owned()).or_default().clone()
    }

    /// Pins the server's certificate after checking that the server presents it now, and works
    /// on the server from now on. The local store is closed and its folder lock released.
    pub async fn connect(&self, address: &str, fingerprint: &str) -> std::result::Result<(), IpcError> {
        let address = address.trim();
        Remote::connect(address, fingerprint).await?;
        DeskConfig::Server { address: address.to_owned(), fingerprint: fingerprint.trim().to_owned() }
            .save(&self.data_dir)?;
        self.switch(Core::server(address.to_owned(), fingerprint.trim().to_owned())).await;
        Ok(())
    }

    /// Works on this desk's own data folder again.
    pub async fn use_local(&self) -> Result<()> {
        DeskConfig::Local.save(&self.data_dir)?;
        // The old core is closed first: the local store's lock must be free to take again.
        let old = std::mem::replace(
            &mut *self.core.write().unwrap_or_else(|e| e.into_inner()),
            Arc::new(Core::Local { store: Err(closed()), _lock: None }),
        );
        close(old).await;
        let core = Core::local(&self.data_dir, self.now()).await;
        *self.core.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(core);
        Ok(())
    }

    async fn switch(&self, core: Core) {
        let old = std::mem::replace(&mut *self.core.write().unwrap_or_else(|e| e.into_inner()), Arc::new(core));
        close(old).await;
        *self.session.lock().unwrap_or_else(|e| e.into_inner()) = None;
        self.tokens.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

fn closed() -> IpcError {
    IpcError { code: "unavailable".into(), message: "正在切换数据来源,请稍后重试".into(), field: None }
}

async fn close(core: Arc<Core>) {
    if let Core::Local { store: Ok(store), .. } = &*core {
        store.clone().close().await;
    }
}

/// The window's session on the local store.
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
