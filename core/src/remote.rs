//! The desk's side of company mode: calls the core's commands on a company server over HTTPS,
//! trusting exactly the server certificate whose SHA-256 fingerprint the desk pinned.
//!
//! The shell uses it like [`crate::api::dispatch`]: `remote.call(name, &args)` gives the same
//! [`Reply`] (JSON, bytes, or a file the desk opens or saves itself), errors as [`IpcError`].

use std::sync::{Arc, Mutex};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1::SendRequest;
use hyper::{Request, header};
use hyper_util::rt::TokioIo;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;

use crate::api::{IpcError, Reply};
use crate::server::tls::{fingerprint, normalize_fingerprint};
use crate::server::wire::{self, FileArg};

/// Idle connections kept for the next calls.
const IDLE_CONNECTIONS: usize = 4;

/// A connection to one company server with a pinned certificate; one per desk window (each
/// window holds its own session token).
pub struct Remote {
    address: String,
    desk: String,
    verifier: Arc<Pinned>,
    connector: TlsConnector,
    idle: Mutex<Vec<SendRequest<Full<Bytes>>>>,
    token: Mutex<Option<String>>,
}

impl Remote {
    /// Connects to `address` (`host:port`) and checks the certificate against `pinned` (as
    /// `shouhou serve` printed it; case, colons and spaces do not matter). A different
    /// certificate is refused with code `certificate_mismatch`, an unreachable server with
    /// `unreachable`.
    pub async fn connect(address: &str, pinned: &str) -> Result<Remote, IpcError> {
        let remote = Remote::new(address, Some(normalize_fingerprint(pinned)));
        let sender = remote.open().await?;
        remote.put_back(sender);
        Ok(remote)
    }

    /// A client for `address` trusting only `pinned`, without connecting yet (a desk starts
    /// while its server is down, and connects at its first call).
    pub fn pinned(address: &str, pinned: &str) -> Remote {
        Remote::new(address, Some(normalize_fingerprint(pinned)))
    }

    /// The fingerprint of the certificate the server at `address` presents, for the desk to
    /// show before pinning it (the admin compares it with the one `shouhou serve` printed).
    pub async fn fingerprint_of(address: &str) -> Result<String, IpcError> {
        let remote = Remote::new(address, None);
        remote.open().await?;
        let seen = remote.verifier.seen.lock().unwrap_or_else(|e| e.into_inner()).clone();
        seen.ok_or_else(|| unreachable(address, "服务器没有出示证书"))
    }

    fn new(address: &str, pin: Option<String>) -> Remote {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let verifier = Arc::new(Pinned { pin, seen: Mutex::new(None), provider: provider.clone() });
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("the ring provider supports the default TLS versions")
            .dangerous()
            .with_custom_certificate_verifier(verifier.clone())
            .with_no_client_auth();
        Remote {
            address: address.trim().to_owned(),
            desk: desk_name(),
            verifier,
            connector: TlsConnector::from(Arc::new(config)),
            idle: Mutex::new(Vec::new()),
            token: Mutex::new(None),
        }
    }

    /// Names this desk in the server's sessions and audit rows (default: the machine's name).
    pub fn with_desk_name(mut self, name: &str) -> Remote {
        self.desk = name.trim().to_owned();
        self
    }

    /// The server's address as given.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// The session token of this window (set by a successful `session_sign_in`).
    pub fn token(&self) -> Option<String> {
        self.token.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn set_token(&self, token: Option<String>) {
        *lock(&self.token) = token;
    }

    /// Runs the core command `name` on the server with its JSON arguments, as the session held
    /// by this `Remote` (tests, the CLI).
    pub async fn call(&self, name: &str, args: &serde_json::Value) -> Result<Reply, IpcError> {
        self.call_as(&self.token, name, args).await
    }

    /// Runs the core command `name` as the session whose token `token` holds (each desk window
    /// has its own). Files named in the arguments cross as [`wire::FILE_ARGS`] says: the desk's
    /// files are uploaded first, a file the command writes is downloaded to the desk's path.
    pub async fn call_as(
        &self,
        token: &Mutex<Option<String>>,
        name: &str,
        args: &serde_json::Value,
    ) -> Result<Reply, IpcError> {
        let mut args = args.clone();
        let mut download_to = None;
        for (arg, how) in wire::file_args(name) {
            let key = [crate::api::camel_case(arg), arg.to_owned()].into_iter().find(|k| args.get(k).is_some());
            let Some(value) = key.and_then(|k| args.get_mut(k)) else { continue };
            match how {
                FileArg::Upload => match value {
                    serde_json::Value::Array(list) => {
                        for v in list.iter_mut() {
                            *v = self.upload(token, v).await?;
                        }
                    }
                    serde_json::Value::Null => {}
                    v => *v = self.upload(token, v).await?,
                },
                FileArg::Download => download_to = value.as_str().map(str::to_owned),
                FileArg::Echo | FileArg::ServerOnly => {}
            }
        }
        let body = serde_json::to_vec(&args).map_err(|e| internal(e.to_string()))?;
        let (parts, bytes) = self.send(token, &wire::route(name), &[], body).await?;

        let text = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok()).map(wire::decode);
        if let Some(new_token) = text(wire::TOKEN) {
            *lock(token) = Some(new_token);
        }
        if !parts.status.is_success() {
            let error: IpcError =
                serde_json::from_slice(&bytes).unwrap_or_else(|_| internal(format!("服务器答复 {}", parts.status)));
            if matches!(error.code.as_str(), "unauthenticated" | "account_disabled") {
                *lock(token) = None;
            }
            return Err(error);
        }
        if name == "session_sign_out" {
            *lock(token) = None;
        }
        if let (Some(id), Some(path)) = (text(wire::DOWNLOAD), download_to) {
            self.download(token, &id, std::path::Path::new(&path)).await?;
        }
        let bytes = bytes.to_vec();
        match text(wire::REPLY).as_deref() {
            Some("json") => serde_json::from_slice(&bytes)
                .map(Reply::Json)
                .map_err(|e| internal(format!("服务器答复无法读取: {e}"))),
            Some("bytes") => Ok(Reply::Bytes(bytes)),
            Some("open") => Ok(Reply::Open {
                folder: text(wire::FOLDER)
                    .and_then(|f| wire::folder_from_key(&f))
                    .ok_or_else(|| internal("服务器答复缺少文件夹".into()))?,
                name: text(wire::NAME).ok_or_else(|| internal("服务器答复缺少文件名".into()))?,
                bytes,
            }),
            Some("save") => Ok(Reply::Save {
                path: text(wire::PATH).ok_or_else(|| internal("服务器答复缺少保存路径".into()))?,
                bytes,
            }),
            other => Err(internal(format!("服务器答复类型未知: {other:?}"))),
        }
    }

    /// The server's health (`GET /health`, no sign-in).
    pub async fn health(&self) -> Result<crate::server::Health, IpcError> {
        let request = Request::get(wire::HEALTH_ROUTE)
            .header(header::HOST, self.address.as_str())
            .body(Full::new(Bytes::new()))
            .map_err(|e| internal(e.to_string()))?;
        let (parts, bytes) = self.exchange(request).await?;
        if !parts.status.is_success() {
            return Err(internal(format!("服务器答复 {}", parts.status)));
        }
        serde_json::from_slice(&bytes).map_err(|e| internal(format!("服务器答复无法读取: {e}")))
    }

    /// Uploads the desk's file `path` in chunks; answers the argument the server takes for it.
    async fn upload(
        &self,
        token: &Mutex<Option<String>>,
        path: &serde_json::Value,
    ) -> Result<serde_json::Value, IpcError> {
        let path = path.as_str().ok_or_else(|| internal("文件路径不是文本".into()))?;
        let shown = wire::file_name_of(path);
        let unreadable = |e: std::io::Error| IpcError {
            code: "validation".into(),
            message: format!("无法读取文件“{shown}”:{e}"),
            field: Some("file".into()),
        };
        let mut file = tokio::fs::File::open(path).await.map_err(unreadable)?;
        let size = file.metadata().await.map_err(unreadable)?.len();
        if size > wire::MAX_UPLOAD {
            return Err(IpcError {
                code: "validation".into(),
                message: format!("文件“{shown}”太大,上传到公司服务器的文件不能超过 {} MB", wire::MAX_UPLOAD >> 20),
                field: Some("file".into()),
            });
        }
        let (mut id, mut offset) = (None::<String>, 0u64);
        loop {
            let mut chunk = Vec::with_capacity(wire::CHUNK.min(size as usize));
            (&mut file).take(wire::CHUNK as u64).read_to_end(&mut chunk).await.map_err(unreadable)?;
            if chunk.is_empty() && id.is_some() {
                break;
            }
            let offset_text = offset.to_string();
            let mut headers = vec![(wire::NAME, wire::encode(&shown)), (wire::OFFSET, offset_text)];
            if let Some(id) = &id {
                headers.push((wire::UPLOAD, id.clone()));
            }
            let length = chunk.len() as u64;
            let (parts, bytes) = self.send(token, wire::UPLOAD_ROUTE, &headers, chunk).await?;
            if !parts.status.is_success() {
                return Err(
                    serde_json::from_slice(&bytes).unwrap_or_else(|_| internal(format!("上传答复 {}", parts.status)))
                );
            }
            let answer: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| internal(e.to_string()))?;
            id = answer["id"].as_str().map(str::to_owned);
            offset += length;
            if length < wire::CHUNK as u64 {
                break;
            }
        }
        let id = id.ok_or_else(|| internal("上传没有得到编号".into()))?;
        Ok(serde_json::Value::String(format!("{}{id}", wire::UPLOADED)))
    }

    /// Downloads the file the server wrote for the desk into `path` (via a `.partial` file, so a
    /// broken transfer leaves no half file under the name the user picked).
    async fn download(&self, token: &Mutex<Option<String>>, id: &str, path: &std::path::Path) -> Result<(), IpcError> {
        let io = |e: std::io::Error| IpcError {
            code: "io".into(),
            message: format!("无法写入文件 {}:{e}", path.display()),
            field: None,
        };
        let partial = path.with_extension("partial");
        let mut file = tokio::fs::File::create(&partial).await.map_err(io)?;
        let mut offset = 0u64;
        loop {
            let headers = [(wire::DOWNLOAD, id.to_owned()), (wire::OFFSET, offset.to_string())];
            let (parts, bytes) = self.send(token, wire::DOWNLOAD_ROUTE, &headers, Vec::new()).await?;
            if !parts.status.is_success() {
                let _ = tokio::fs::remove_file(&partial).await;
                return Err(
                    serde_json::from_slice(&bytes).unwrap_or_else(|_| internal(format!("下载答复 {}", parts.status)))
                );
            }
            let size: u64 =
                parts.headers.get(wire::SIZE).and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).unwrap_or(0);
            file.write_all(&bytes).await.map_err(io)?;
            offset += bytes.len() as u64;
            if offset >= size || bytes.is_empty() {
                break;
            }
        }
        file.flush().await.map_err(io)?;
        drop(file);
        tokio::fs::rename(&partial, path).await.map_err(io)
    }

    /// One request with this desk's headers and the session's bearer token.
    async fn send(
        &self,
        token: &Mutex<Option<String>>,
        route: &str,
        headers: &[(&str, String)],
        body: Vec<u8>,
    ) -> Result<(hyper::http::response::Parts, Bytes), IpcError> {
        let mut request = Request::post(route)
            .header(header::HOST, self.address.as_str())
            .header(header::CONTENT_TYPE, "application/json")
            .header(wire::DESK, wire::encode(&self.desk));
        if let Some(token) = lock(token).clone() {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        for (name, value) in headers {
            request = request.header(*name, value.as_str());
        }
        let request = request.body(Full::new(Bytes::from(body))).map_err(|e| internal(e.to_string()))?;
        self.exchange(request).await
    }

    /// Sends `request` on an idle connection or a new one. A request the connection closed
    /// before sending (the server restarted, or closed an idle connection) is sent again on a
    /// new one; a request that may have reached the server is never sent twice.
    async fn exchange(
        &self,
        mut request: Request<Full<Bytes>>,
    ) -> Result<(hyper::http::response::Parts, Bytes), IpcError> {
        let mut attempts = 0;
        loop {
            attempts += 1;
            let mut sender = self.sender().await?;
            match sender.try_send_request(request).await {
                Ok(response) => {
                    let (parts, body) = response.into_parts();
                    let bytes = body.collect().await.map_err(|e| self.lost(e))?.to_bytes();
                    self.put_back(sender);
                    return Ok((parts, bytes));
                }
                Err(mut e) => match e.take_message() {
                    Some(unsent) if attempts < 3 => request = unsent,
                    _ => return Err(self.lost(e.into_error())),
                },
            }
        }
    }

    /// An idle connection that is still open, or a new one.
    async fn sender(&self) -> Result<SendRequest<Full<Bytes>>, IpcError> {
        loop {
            let idle = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
            match idle {
                Some(mut sender) => {
                    if !sender.is_closed() && sender.ready().await.is_ok() {
                        return Ok(sender);
                    }
                }
                None => return self.open().await,
            }
        }
    }

    fn put_back(&self, sender: SendRequest<Full<Bytes>>) {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        if !sender.is_closed() && idle.len() < IDLE_CONNECTIONS {
            idle.push(sender);
        }
    }

    async fn open(&self) -> Result<SendRequest<Full<Bytes>>, IpcError> {
        let tcp = TcpStream::connect(&self.address).await.map_err(|e| unreachable(&self.address, &e.to_string()))?;
        let _ = tcp.set_nodelay(true);
        let name = ServerName::try_from("shouhou-server").expect("a valid DNS name");
        let tls = match self.connector.connect(name, tcp).await {
            Ok(tls) => tls,
            Err(e) => {
                return Err(self.verifier.mismatch().unwrap_or_else(|| unreachable(&self.address, &e.to_string())));
            }
        };
        let (sender, connection) =
            hyper::client::conn::http1::handshake(TokioIo::new(tls)).await.map_err(|e| self.lost(e))?;
        tokio::spawn(async move {
            let _ = connection.await;
        });
        Ok(sender)
    }

    /// The connection broke after the request may have reached the server: whether it was
    /// carried out is unknown, so it is not retried by itself (code `connection_lost`).
    fn lost(&self, e: impl std::fmt::Display) -> IpcError {
        IpcError {
            code: "connection_lost".into(),
            message: format!("与公司服务器 {} 的连接中断,请稍后重试({e})", self.address),
            field: None,
        }
    }
}

fn lock(token: &Mutex<Option<String>>) -> std::sync::MutexGuard<'_, Option<String>> {
    token.lock().unwrap_or_else(|e| e.into_inner())
}

/// The server could not be reached; nothing was sent, so the call may be made again as is
/// (the desk's UI waits for the server and retries).
fn unreachable(address: &str, detail: &str) -> IpcError {
    IpcError {
        code: "unreachable".into(),
        message: format!("无法连接公司服务器 {address},请检查地址和网络({detail})"),
        field: None,
    }
}

fn internal(detail: String) -> IpcError {
    IpcError { code: "internal".into(), message: format!("程序内部错误:{detail}"), field: None }
}

/// This machine's name, as the server's sessions and audit rows record it.
pub fn desk_name() -> String {
    let from_env = std::env::var("COMPUTERNAME").or_else(|_| std::env::var("HOSTNAME")).ok();
    let from_file = || std::fs::read_to_string("/etc/hostname").ok();
    from_env.or_else(from_file).map(|n| n.trim().to_owned()).unwrap_or_default()
}

/// Accepts exactly the server certificate with the pinned SHA-256 fingerprint (no chain, no
/// name, no expiry: the pin is the trust). Without a pin (only to read the fingerprint for the
/// desk to show) it accepts any certificate, and [`Remote::fingerprint_of`] sends no call.
#[derive(Debug)]
struct Pinned {
    pin: Option<String>,
    seen: Mutex<Option<String>>,
    provider: Arc<CryptoProvider>,
}

impl Pinned {
    /// The refusal when the server showed a certificate other than the pinned one.
    fn mismatch(&self) -> Option<IpcError> {
        let pin = self.pin.as_ref()?;
        let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner()).clone()?;
        (normalize_fingerprint(&seen) != *pin).then(|| IpcError {
            code: "certificate_mismatch".into(),
            message: format!(
                "服务器证书与已确认的指纹不一致,连接已拒绝。可能连到了别的服务器,或服务器证书已更换。\
                 已确认的指纹:{};服务器出示的指纹:{seen}。请与管理员核对 shouhou serve 显示的指纹。",
                pretty(pin)
            ),
            field: None,
        })
    }
}

fn pretty(hex: &str) -> String {
    hex.as_bytes().chunks(2).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(":")
}

impl ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let seen = fingerprint(end_entity);
        let matches = self.pin.as_ref().is_none_or(|pin| normalize_fingerprint(&seen) == *pin);
        *self.seen.lock().unwrap_or_else(|e| e.into_inner()) = Some(seen);
        if matches {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General("服务器证书与已确认的指纹不一致".into()))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}
