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
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;

use crate::api::{IpcError, Reply};
use crate::server::tls::{fingerprint, normalize_fingerprint};
use crate::server::wire;

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
        *self.token.lock().unwrap_or_else(|e| e.into_inner()) = token;
    }

    /// Runs the core command `name` on the server with its JSON arguments.
    pub async fn call(&self, name: &str, args: &serde_json::Value) -> Result<Reply, IpcError> {
        let body = serde_json::to_vec(args).map_err(|e| internal(e.to_string()))?;
        let mut request = Request::post(wire::route(name))
            .header(header::HOST, self.address.as_str())
            .header(header::CONTENT_TYPE, "application/json")
            .header(wire::DESK, wire::encode(&self.desk));
        if let Some(token) = self.token() {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let request = request.body(Full::new(Bytes::from(body))).map_err(|e| internal(e.to_string()))?;

        let mut sender = self.sender().await?;
        let response = sender.send_request(request).await.map_err(|e| self.lost(e))?;
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.map_err(|e| self.lost(e))?.to_bytes();
        self.put_back(sender);

        let text = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok()).map(wire::decode);
        if let Some(token) = text(wire::TOKEN) {
            self.set_token(Some(token));
        }
        if !parts.status.is_success() {
            let error: IpcError =
                serde_json::from_slice(&bytes).unwrap_or_else(|_| internal(format!("服务器答复 {}", parts.status)));
            if matches!(error.code.as_str(), "unauthenticated" | "account_disabled") {
                self.set_token(None);
            }
            return Err(error);
        }
        if name == "session_sign_out" {
            self.set_token(None);
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

    fn lost(&self, e: impl std::fmt::Display) -> IpcError {
        IpcError {
            code: "unreachable".into(),
            message: format!("与公司服务器 {} 的连接中断,请稍后重试({e})", self.address),
            field: None,
        }
    }
}

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
