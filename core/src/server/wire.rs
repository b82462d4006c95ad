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

/// Sent by the server when the command wrote a file for the desk: the id to fetch it by from
/// [`DOWNLOAD_ROUTE`].
pub const DOWNLOAD: &str = "x-shouhou-download";
/// With an upload: the upload's id (none for the first chunk; the server answers with it).
pub const UPLOAD: &str = "x-shouhou-upload";
/// With an upload or download chunk: where in the file it starts.
pub const OFFSET: &str = "x-shouhou-offset";
/// With a download chunk: the whole file's size.
pub const SIZE: &str = "x-shouhou-size";

/// Files cross in chunks of this size (each chunk a request that can be retried on its own).
pub const CHUNK: usize = 4 * 1024 * 1024;
/// The largest file a desk may upload (the use-cases apply their own, smaller limits after).
pub const MAX_UPLOAD: u64 = 256 * 1024 * 1024;
/// An uploaded file as a command argument: `upload:<id>`.
pub const UPLOADED: &str = "upload:";

pub const UPLOAD_ROUTE: &str = "/files/upload";
pub const DOWNLOAD_ROUTE: &str = "/files/download";
/// `GET`: the server's version, uptime, sessions and last scheduled backup (no sign-in).
pub const HEALTH_ROUTE: &str = "/health";

/// How a command argument that names a file on the desk crosses to the server. The server never
/// takes a desk's path as one of its own: it would read or write its own disk wherever a desk
/// pointed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileArg {
    /// The desk uploads the file (or each file of a list) first and sends `upload:<id>`.
    Upload,
    /// The server writes into a file of its own and the desk downloads it to its path.
    Download,
    /// Only handed back in a `Save` reply, which the desk writes itself.
    Echo,
    /// Refused from a desk (the server does it itself, e.g. its scheduled backups).
    ServerOnly,
}

/// Every command argument that names a file (a test checks that every argument called `path`,
/// `paths` or `attachments` is listed here: a new one must say how it crosses).
pub const FILE_ARGS: &[(&str, &str, FileArg)] = &[
    ("system_backup", "path", FileArg::ServerOnly),
    ("customer_import", "path", FileArg::Upload),
    ("customer_export", "path", FileArg::Download),
    ("complaint_register", "attachments", FileArg::Upload),
    ("complaint_pdf_save", "path", FileArg::Echo),
    ("complaint_blank_pdf_save", "path", FileArg::Echo),
    ("complaint_import", "path", FileArg::Upload),
    ("complaint_export", "path", FileArg::Download),
    ("attachment_add", "paths", FileArg::Upload),
    ("attachment_save", "path", FileArg::Echo),
    // report
    ("report_save", "path", FileArg::Echo),
    ("shipment_import", "path", FileArg::Upload),
    ("shipment_export", "path", FileArg::Download),
    // survey
    ("survey_results_export", "path", FileArg::Download),
    ("survey_questionnaire_save", "path", FileArg::Echo),
    // contractor
    ("contractor_unit_import", "path", FileArg::Upload),
    ("contractor_unit_export", "path", FileArg::Download),
    ("engagement_item_upload", "paths", FileArg::Upload),
    ("engagement_pdf_save", "path", FileArg::Echo),
    ("contractor_ledger_pdf_save", "path", FileArg::Echo),
    ("contractor_ledger_xlsx_save", "path", FileArg::Download),
    ("agreement_template_preview_save", "path", FileArg::Echo),
    ("contractor_blank_pdf_save", "path", FileArg::Echo),
    // service
    ("visit_pdf_save", "path", FileArg::Echo),
    ("return_pdf_save", "path", FileArg::Echo),
    ("return_export_monthly", "path", FileArg::Download),
    ("feedback_import", "path", FileArg::Upload),
    ("feedback_export", "path", FileArg::Download),
    ("visit_import", "path", FileArg::Upload),
    ("visit_export", "path", FileArg::Download),
    ("return_import", "path", FileArg::Upload),
    ("return_export", "path", FileArg::Download),
    // --- workers ---
    ("engagement_roster_import", "path", FileArg::Upload),
    ("engagement_roster_template", "path", FileArg::Download),
    ("worker_set_photo", "path", FileArg::Upload),
    // --- incidents ---
    ("accident_pdf_save", "path", FileArg::Echo),
    ("deposit_pdf_save", "path", FileArg::Echo),
    // education
    ("safety_class_pdf_save", "path", FileArg::Echo),
    ("worker_education_card_pdf_save", "path", FileArg::Echo),
    // gate
    ("entry_sheet_save", "path", FileArg::Echo),
    ("entry_passes_save", "path", FileArg::Echo),
];

/// The file arguments of `command`.
pub fn file_args(command: &str) -> impl Iterator<Item = (&'static str, FileArg)> + '_ {
    FILE_ARGS.iter().filter(move |(c, _, _)| *c == command).map(|(_, arg, how)| (*arg, *how))
}

/// The last component of a path typed on any desk (`/` or `\\`), for naming the server's copy.
pub fn file_name_of(path: &str) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    let name: String = name.chars().filter(|c| !c.is_control()).take(120).collect();
    if name.is_empty() || name == "." || name == ".." { "file".into() } else { name }
}

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
        "payload_too_large" => 413,
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

    #[test]
    fn every_argument_that_names_a_file_says_how_it_crosses() {
        for command in crate::api::COMMANDS.iter().filter(|c| !c.shell) {
            for (arg, _) in (command.args)(&ts_rs::Config::new()) {
                if arg.contains("path") || arg == "attachments" {
                    assert!(
                        file_args(command.name).any(|(a, _)| a == arg),
                        "{}({arg}) is missing from FILE_ARGS",
                        command.name
                    );
                }
            }
        }
        for (command, arg, _) in FILE_ARGS {
            let info = crate::api::COMMANDS.iter().find(|c| c.name == *command).expect(command);
            assert!((info.args)(&ts_rs::Config::new()).iter().any(|(a, _)| a == arg), "{command}({arg})");
        }
    }

    #[test]
    fn file_names_are_the_last_component_of_any_desk_path() {
        assert_eq!(file_name_of("C:\\用户\\桌面\\客户.xlsx"), "客户.xlsx");
        assert_eq!(file_name_of("/home/a/b.pdf"), "b.pdf");
        assert_eq!(file_name_of("../.."), "file");
        assert_eq!(file_name_of(""), "file");
    }
}
