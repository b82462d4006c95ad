//! The HTTP side: one route per core command, generated from the command table, each running
//! the command through [`api::dispatch`] with the token's session, exactly as the desk's shell does.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Extension, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use axum::routing::{get, post};

use super::files::Staging;
use super::{Health, session, wire};
use crate::api::{self, Context, IpcError, Reply};
use crate::audit;
use crate::clock::Clock;
use crate::db::Store;
use crate::error::Error;

/// The largest request body (attachments will come this way).
const BODY_LIMIT: usize = 64 * 1024 * 1024;

#[derive(Clone)]
pub(crate) struct App {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub staging: Staging,
    pub health: Arc<std::sync::Mutex<Health>>,
}

/// The address the call came from (set per connection).
#[derive(Clone, Copy)]
pub(crate) struct Peer(pub SocketAddr);

pub(crate) fn router(app: App) -> Router {
    let mut router = Router::new();
    for command in api::COMMANDS.iter().filter(|c| !c.shell) {
        let name = command.name;
        router = router.route(
            &wire::route(name),
            post(move |State(app): State<App>, Extension(peer): Extension<Peer>, headers: HeaderMap, body: Bytes| {
                call(app, peer, name, headers, body)
            }),
        );
    }
    router
        .route(wire::UPLOAD_ROUTE, post(upload))
        .route(wire::DOWNLOAD_ROUTE, post(download))
        .route(wire::HEALTH_ROUTE, get(health))
        .fallback(unknown)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(app)
}

/// Version, uptime, sessions and the last scheduled backup: for `shouhou check --server` and
/// the desks' admin page. No sign-in (it says nothing about the company's data).
async fn health(State(app): State<App>) -> Response {
    let sessions = session::count(&app.store).await.unwrap_or(-1);
    let mut health = app.health.lock().unwrap_or_else(|e| e.into_inner()).clone();
    health.sessions = sessions;
    health.now = app.clock.now();
    let mut response = Response::new(Body::from(serde_json::to_vec(&health).unwrap_or_default()));
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(wire::decode)
}

fn offset(headers: &HeaderMap) -> u64 {
    header_text(headers, wire::OFFSET).and_then(|o| o.parse().ok()).unwrap_or(0)
}

/// Only a signed-in desk moves files.
async fn signed_in(app: &App, headers: &HeaderMap) -> Result<(), IpcError> {
    let token = bearer(headers).ok_or(Error::Unauthenticated)?;
    session::lookup(&app.store, token, app.clock.now()).await?.ok_or(Error::Unauthenticated)?;
    Ok(())
}

async fn upload(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Response {
    let result = async {
        signed_in(&app, &headers).await?;
        let id = header_text(&headers, wire::UPLOAD);
        let name = header_text(&headers, wire::NAME).unwrap_or_default();
        let (staging, offset) = (app.staging.clone(), offset(&headers));
        tokio::task::spawn_blocking(move || staging.upload_chunk(id.as_deref(), &name, offset, &body))
            .await
            .map_err(|e| Error::Internal(e.to_string()))?
            .map_err(IpcError::from)
    }
    .await;
    match result {
        Ok((id, size)) => {
            let mut response = Response::new(Body::from(serde_json::json!({ "id": id, "size": size }).to_string()));
            response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
            response
        }
        Err(e) => error(e),
    }
}

async fn download(State(app): State<App>, headers: HeaderMap) -> Response {
    let result = async {
        signed_in(&app, &headers).await?;
        let id = header_text(&headers, wire::DOWNLOAD).unwrap_or_default();
        let (staging, offset) = (app.staging.clone(), offset(&headers));
        tokio::task::spawn_blocking(move || staging.download_chunk(&id, offset))
            .await
            .map_err(|e| Error::Internal(e.to_string()))?
            .map_err(IpcError::from)
    }
    .await;
    match result {
        Ok((chunk, size)) => {
            let mut response = Response::new(Body::from(chunk));
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/octet-stream"));
            headers.insert(wire::SIZE, HeaderValue::from(size));
            response
        }
        Err(e) => error(e),
    }
}

async fn unknown() -> Response {
    error(IpcError {
        code: "unknown_command".into(),
        message: "服务器没有这个命令,请确认桌面程序与服务器的版本一致".into(),
        field: None,
    })
}

/// The desk as recorded in sessions and audit rows: its machine name and address.
struct Desk {
    name: String,
    address: String,
}

impl Desk {
    fn of(headers: &HeaderMap, peer: Peer) -> Desk {
        let name = headers.get(wire::DESK).and_then(|v| v.to_str().ok()).map(wire::decode).unwrap_or_default();
        let name: String = name.trim().chars().take(64).collect();
        Desk { name, address: peer.0.ip().to_string() }
    }

    fn label(&self) -> String {
        if self.name.is_empty() { self.address.clone() } else { format!("{} ({})", self.name, self.address) }
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    value.strip_prefix("Bearer ").map(str::trim).filter(|t| !t.is_empty())
}

async fn call(app: App, peer: Peer, name: &'static str, headers: HeaderMap, body: Bytes) -> Response {
    let desk = Desk::of(&headers, peer);
    let token = bearer(&headers);
    match audit::from_desk(desk.label(), run(&app, &desk, token, name, &body)).await {
        Ok((reply, new_token, download)) => encode(reply, new_token, download),
        Err(e) => error(e),
    }
}

async fn run(
    app: &App,
    desk: &Desk,
    token: Option<&str>,
    name: &str,
    body: &[u8],
) -> Result<(Reply, Option<String>, Option<String>), IpcError> {
    let now = app.clock.now();
    let mut args: serde_json::Value = if body.is_empty() {
        serde_json::Value::Object(Default::default())
    } else {
        serde_json::from_slice(body).map_err(|e| Error::InvalidArgument {
            command: name.into(),
            name: "(请求体)".into(),
            detail: e.to_string(),
        })?
    };
    let user_id = match token {
        Some(token) => session::lookup(&app.store, token, now).await?,
        None => None,
    };
    let session = session::TokenSession::new(user_id);
    let staged = app.staging.prepare(name, &mut args)?;
    let cx = Context { store: &app.store, session: &session, now };
    let result = api::dispatch(&cx, name, &args)
        .await
        .unwrap_or_else(|| Err(Error::Internal(format!("命令 {name} 没有处理者"))));
    let download = staged.finish(result.is_ok());
    // A sign-in issues a token; a sign-out (or a user who can no longer sign in) ends it —
    // whether or not the command itself succeeded.
    let mut new_token = None;
    match session.change() {
        Some(Some(user_id)) => {
            if let Some(old) = token {
                session::end(&app.store, old).await?;
            }
            new_token = Some(session::create(&app.store, user_id, &desk.name, &desk.address, now).await?);
        }
        Some(None) => {
            if let Some(old) = token {
                session::end(&app.store, old).await?;
            }
        }
        None => {}
    }
    Ok((result?, new_token, download))
}

fn encode(reply: Reply, token: Option<String>, download: Option<String>) -> Response {
    let (kind, content_type, body, extra): (&str, &str, Vec<u8>, Vec<(&str, String)>) = match reply {
        Reply::Json(value) => ("json", "application/json", value.to_string().into_bytes(), vec![]),
        Reply::Bytes(bytes) => ("bytes", "application/octet-stream", bytes, vec![]),
        Reply::Open { folder, name, bytes } => (
            "open",
            "application/octet-stream",
            bytes,
            vec![(wire::FOLDER, wire::folder_key(folder).to_owned()), (wire::NAME, wire::encode(&name))],
        ),
        Reply::Save { path, bytes } => {
            ("save", "application/octet-stream", bytes, vec![(wire::PATH, wire::encode(&path))])
        }
    };
    let mut response = Response::new(Body::from(body));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(wire::REPLY, HeaderValue::from_static(kind));
    let extra = extra.into_iter().chain(token.map(|t| (wire::TOKEN, t))).chain(download.map(|d| (wire::DOWNLOAD, d)));
    for (name, value) in extra {
        // Encoded values are ASCII; a value that still fails is left out rather than panicking.
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
    response
}

fn error(error: IpcError) -> Response {
    let body = serde_json::to_vec(&error).unwrap_or_default();
    let mut response = Response::new(Body::from(body));
    *response.status_mut() =
        StatusCode::from_u16(wire::status(&error.code)).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(wire::REPLY, HeaderValue::from_static("error"));
    response
}
