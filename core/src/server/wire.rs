//! What server and desk agree on over HTTP: one route per core command (`POST /api/<name>`
//! with the JSON arguments), the reply's kind in a header, the session token as a bearer header.

use crate::api::ViewerFolder;

/// `json`, `bytes`, `open`, `save` or `error`: how to read the body.
pub const REPLY: &str = "x-shouhou-reply";
/// With `open`: `prints` or `opened` (the desk folder to write into).
pub const FOLDER: &str = "x-shouhou-folder";
/// With `open`: the file name (percent-encoded UTF-8).
pub const NAME: &str = "x-shouhou-name";
/// With `save`: the path picked in the desk's dialog (percent-encoded UTF-8).
pub const PATH: &str = "x-shouhou-path";
/// Sent by the server when a call signed someone in: the new session's token.
pub const TOKEN: &str = "x-shouhou-token";
/// Sent by the desk: its machine name (percent-encoded UTF-8), recorded with its address.
pub const DESK: &str = "x-shouhou-desk";

pub fn route(name: &str) -> String {
    format!("/api/{name}")
}

pub fn folder_key(folder: ViewerFolder) -> &'static str {
    folder.dir_name()
}

pub fn folder_from_key(key: &str) -> Option<ViewerFolder> {
    [ViewerFolder::Prints, ViewerFolder::Opened].into_iter().find(|f| f.dir_name() == key)
}

/// Header values are ASCII: everything but unreserved characters is `%XX` of its UTF-8 bytes.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).filter(|h| h.iter().all(u8::is_ascii_hexdigit));
        if bytes[i] == b'%'
            && let Some(hex) = hex
        {
            let digit = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
            out.push(digit(hex[0]) * 16 + digit(hex[1]));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The HTTP status for an error code (the body is always the `IpcError`).
pub fn status(code: &str) -> u16 {
    match code {
        "unauthenticated" | "invalid_credentials" => 401,
        "forbidden" | "account_disabled" | "account_locked" => 403,
        "not_found" | "unknown_command" => 404,
        "stale" | "duplicate" | "already_initialized" | "not_initialized" => 409,
        "validation" => 422,
        "invalid_args" => 400,
        _ => 500,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_survive_the_header_round_trip() {
        for text in ["KS-2026-0001-处理表.pdf", "C:\\用户\\桌面\\a b.pdf", "100%", "a%zz", ""] {
            let encoded = encode(text);
            assert!(encoded.is_ascii(), "{encoded}");
            assert_eq!(decode(&encoded), text);
        }
        assert_eq!(folder_from_key("prints"), Some(ViewerFolder::Prints));
        assert_eq!(folder_from_key("x"), None);
        assert_eq!(status("stale"), 409);
        assert_eq!(status("unauthenticated"), 401);
    }
}
