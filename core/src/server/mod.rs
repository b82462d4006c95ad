//! The company server (`shouhou serve`): the same core commands behind HTTPS, for desks that
//! share one data set. TLS always (rustls with the ring provider), with a company certificate
//! generated on the first start and pinned by its SHA-256 fingerprint at each desk. One server
//! per data folder (an OS file lock, see [`tls::lock_data_dir`]).

pub mod backup;
mod files;
mod http;
pub mod session;
pub mod tls;
pub mod wire;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use serde::{Deserialize, Serialize};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;
use tower_service::Service as _;

use crate::clock::Clock;
use crate::db::Store;
use crate::error::{Error, Result};

/// What `GET /health` answers: for `shouhou check --server` and the desks' admin page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export_to = "bindings.ts")]
pub struct Health {
    pub version: String,
    pub started_at: DateTime<Utc>,
    pub now: DateTime<Utc>,
    /// Open desk sessions (signed in, not yet expired or ended).
    pub sessions: i64,
    pub last_backup: Option<backup::BackupRun>,
}

/// How often the server looks whether its daily backup is due.
const BACKUP_CHECK: std::time::Duration = std::time::Duration::from_secs(60);

/// A running server. Dropping it leaves the accept loop running; call [`Server::stop`].
pub struct Server {
    addr: SocketAddr,
    fingerprint: String,
    created_certificate: bool,
    store: Store,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
    _lock: tls::DataLock,
}

impl Server {
    /// Locks `data_dir`, opens (and migrates) its store, loads or creates the company
    /// certificate and listens on `listen` (port 0 picks a free one).
    pub async fn start(data_dir: &Path, listen: SocketAddr, clock: Arc<dyn Clock>) -> Result<Server> {
        let lock = tls::lock_data_dir(data_dir)?;
        let identity = tls::load_or_create(data_dir)?;
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .and_then(|b| {
                b.with_no_client_auth().with_single_cert(vec![identity.cert.clone()], identity.key.clone_key())
            })
            .map_err(|e| Error::Internal(format!("TLS 配置失败: {e}")))?;
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let store = Store::open(data_dir, clock.now()).await?;
        let listener = TcpListener::bind(listen).await.map_err(|e| {
            Error::validation("listen", format!("无法在 {listen} 上监听: {e}(端口已被占用或没有权限?)"))
        })?;
        let addr = listener.local_addr()?;
        let now = clock.now();
        let health = Arc::new(std::sync::Mutex::new(Health {
            version: env!("CARGO_PKG_VERSION").into(),
            started_at: now,
            now,
            sessions: 0,
            last_backup: None,
        }));
        let staging = files::Staging::new(data_dir)?;
        let router =
            http::router(http::App { store: store.clone(), clock: clock.clone(), staging, health: health.clone() });
        let backups = {
            let (store, data_dir) = (store.clone(), data_dir.to_path_buf());
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(BACKUP_CHECK).await;
                    match backup::run_if_due(&store, &data_dir, clock.now()).await {
                        Ok(Some(run)) => health.lock().unwrap_or_else(|e| e.into_inner()).last_backup = Some(run),
                        Ok(None) => {}
                        Err(e) => tracing::warn!("scheduled backup: {e}"),
                    }
                }
            })
        };
        let (stop, mut stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            // Open connections end with the server (a stopped server must not keep answering).
            let mut connections = tokio::task::JoinSet::new();
            loop {
                while connections.try_join_next().is_some() {}
                let (tcp, peer) = tokio::select! {
                    _ = &mut stopped => break,
                    accepted = listener.accept() => match accepted {
                        Ok(accepted) => accepted,
                        Err(e) => {
                            tracing::warn!("accept failed: {e}");
                            continue;
                        }
                    },
                };
                let (acceptor, router) = (acceptor.clone(), router.clone());
                connections.spawn(async move {
                    let _ = tcp.set_nodelay(true);
                    let Ok(tls) = acceptor.accept(tcp).await else { return };
                    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
                        request.extensions_mut().insert(http::Peer(peer));
                        router.clone().call(request)
                    });
                    let _ =
                        hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(tls), service).await;
                });
            }
            connections.shutdown().await;
            backups.abort();
        });
        Ok(Server {
            addr,
            fingerprint: identity.fingerprint,
            created_certificate: identity.created,
            store,
            stop: Some(stop),
            task,
            _lock: lock,
        })
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The company certificate's SHA-256 fingerprint (`AB:12:…`), which desks pin.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// True when this start generated the certificate (the first start on the data folder).
    pub fn created_certificate(&self) -> bool {
        self.created_certificate
    }

    /// The server's store (for the CLI's messages and tests).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Runs until the accept loop ends (it does not end by itself: the foreground `serve`).
    pub async fn wait(mut self) {
        let task = std::mem::replace(&mut self.task, tokio::spawn(async {}));
        let _ = task.await;
    }

    /// Stops accepting connections, closes the store and releases the data folder.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let task = std::mem::replace(&mut self.task, tokio::spawn(async {}));
        let _ = task.await;
        self.store.clone().close().await;
    }
}
