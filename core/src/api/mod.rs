//! Every command the app offers, declared once (in [`commands`]). From that one declaration come
//! the dispatcher the desktop shell calls (and, later, the company server), the list of names the
//! shell's capability ACL is built from, and the typed TypeScript client the UI calls — so a
//! command cannot exist on one side only. A command's body is the core use-case it runs; the
//! shell only holds the window's session and does what only a desk can do (open a file in the
//! system viewer, write to a path picked in its dialog).

mod commands;
mod reply;
mod typescript;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use ts_rs::TS;

use crate::account::{self, Actor};
use crate::db::Store;
use crate::error::{Error, Result};

pub use commands::{COMMANDS, NAMES, dispatch};
pub use reply::{Bytes, IntoReply, Opened, Reply, Saved, ViewerFolder};
pub use typescript::{capability_json, names_rs, typescript_client};

/// Who is signed in at this window (the desk's shell) or with this token (the server).
pub trait Session: Send + Sync {
    fn user_id(&self) -> Option<i64>;
    fn set_user_id(&self, user_id: Option<i64>);
}

/// What a command runs with: the store, the caller's session and the time of the call.
pub struct Context<'a> {
    pub store: &'a Store,
    pub session: &'a dyn Session,
    pub now: DateTime<Utc>,
}

impl Context<'_> {
    /// The signed-in user, re-read on every call so that deactivating a user or changing their
    /// role takes effect at once; a user who can no longer sign in is signed out.
    pub async fn actor(&self) -> Result<Actor> {
        let user_id = self.session.user_id().ok_or(Error::Unauthenticated)?;
        match account::session_actor(self.store, user_id).await {
            Err(e @ (Error::Unauthenticated | Error::AccountDisabled)) => {
                self.session.set_user_id(None);
                Err(e)
            }
            other => other,
        }
    }
}

/// The one error shape that crosses a process boundary (IPC today, HTTP with the company
/// server). `code` is stable and for the UI to branch on; `message` is Chinese and for the user;
/// `field` names the input a validation error is about.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct IpcError {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}

impl From<Error> for IpcError {
    fn from(error: Error) -> Self {
        // Technical detail (SQL, paths) goes to the log, never to the user.
        match &error {
            Error::Database(_)
            | Error::Migrate(_)
            | Error::Io(_)
            | Error::Internal(_)
            | Error::Corrupt(_)
            | Error::InvalidArgument { .. } => {
                eprintln!("[shouhou] {}: {error}", error.code());
            }
            _ => {}
        }
        IpcError {
            code: error.code().to_owned(),
            message: error.user_message(),
            field: error.field().map(str::to_owned),
        }
    }
}

/// What the window needs before anything else: whether the store opened, and whether first-run
/// setup is still to do. Answered by the desk's shell (`app_status`), which knows its window.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct AppStatus {
    pub version: String,
    pub data_dir: String,
    pub startup_error: Option<IpcError>,
    pub setup: Option<account::SetupStatus>,
    /// Set only by end-to-end tests (SHOUHOU_TEST_SAVE_DIR): files are saved there without
    /// a native dialog, which WebDriver cannot see.
    pub test_save_dir: Option<String>,
    /// Set only by end-to-end tests (SHOUHOU_TEST_OPEN_FILES, a path list): the files an open
    /// dialog would have returned.
    pub test_open_files: Vec<String>,
    // --- server (desk mode) ---
    /// The company server this desk works on; `null` when it works on its own data folder.
    pub server: Option<crate::desk::DeskServer>,
}

/// One declared command, as the generators see it.
pub struct CommandInfo {
    /// The wire name, e.g. `complaint_list`.
    pub name: &'static str,
    /// The UI's grouping: `backend.complaints.list(...)`.
    pub group: &'static str,
    pub method: &'static str,
    pub docs: &'static [&'static str],
    /// `(name, TypeScript type)` of each argument, in order.
    pub args: fn(&ts_rs::Config) -> Vec<(&'static str, String)>,
    /// The TypeScript type of the reply.
    pub returns: fn(&ts_rs::Config) -> String,
    /// Handled by the desktop shell itself (it needs the window or the desk), not by [`dispatch`].
    pub shell: bool,
}

/// `query` → `query`, `duplicate_id` → `duplicateId`: argument names as the UI sends them.
pub fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Reads one argument from the call's JSON object (camelCase key, as the UI sends it; the
/// snake_case key is accepted too). A missing argument reads as `null` (so `Option`s may be left
/// out).
fn argument<T: DeserializeOwned>(args: &serde_json::Value, command: &str, name: &str) -> Result<T> {
    let value = args.get(camel_case(name)).or_else(|| args.get(name)).cloned().unwrap_or(serde_json::Value::Null);
    serde_json::from_value(value).map_err(|e| Error::InvalidArgument {
        command: command.into(),
        name: name.into(),
        detail: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argument_names_are_sent_in_camel_case() {
        assert_eq!(camel_case("query"), "query");
        assert_eq!(camel_case("duplicate_id"), "duplicateId");
        assert_eq!(camel_case("old_password"), "oldPassword");
    }

    #[test]
    fn arguments_read_camel_or_snake_case_and_missing_options_as_none() {
        let args = serde_json::json!({ "ownerId": 7, "action_id": 3 });
        assert_eq!(argument::<i64>(&args, "c", "owner_id").unwrap(), 7);
        assert_eq!(argument::<i64>(&args, "c", "action_id").unwrap(), 3);
        assert_eq!(argument::<Option<i64>>(&args, "c", "version").unwrap(), None);
        let err = argument::<i64>(&args, "c", "version").unwrap_err();
        assert!(err.to_string().contains("`version`"), "{err}");
    }

    #[test]
    fn every_command_is_declared_once_with_a_group_and_method() {
        let mut seen = std::collections::HashSet::new();
        for c in COMMANDS {
            assert!(seen.insert(c.name), "{} declared twice", c.name);
            assert!(!c.group.is_empty() && !c.method.is_empty());
        }
        assert_eq!(NAMES.len(), COMMANDS.len());
        let mut methods = std::collections::HashSet::new();
        for c in COMMANDS {
            assert!(methods.insert((c.group, c.method)), "{}.{} twice", c.group, c.method);
        }
    }
}
