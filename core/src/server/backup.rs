//! The server's daily backup: at the hour the settings name (company time), a verified copy of
//! the database with its attachments into `data_dir/backups/`, keeping the newest N. The date of
//! the last one is read from the file names, so a restarted server neither repeats nor skips a day.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, NaiveDateTime, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::account::Actor;
use crate::db::Store;
use crate::error::Result;
use crate::settings::{self, DEFAULT_BACKUP_HOUR, DEFAULT_BACKUP_KEEP};

pub const BACKUP_DIR: &str = "backups";
const PREFIX: &str = "shouhou-";
const SUFFIX: &str = ".db";

/// The last scheduled backup, as the server's health reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export_to = "bindings.ts")]
pub struct BackupRun {
    pub at: DateTime<Utc>,
    pub path: String,
    pub ok: bool,
    /// The failure, in Chinese, when `ok` is false.
    pub message: Option<String>,
}

/// Whether a backup is due at `local` (company time): within its hour, and none made today. A
/// server that was down for the whole hour does not catch up later in the day (a 2 GB copy at
/// a busy hour would surprise the desks); it backs up at the next day's hour.
pub fn due(local: NaiveDateTime, hour: i64, last: Option<NaiveDate>) -> bool {
    i64::from(local.hour()) == hour && last.is_none_or(|d| d < local.date())
}

/// `shouhou-20261130-0200.db` for a backup made at that local time.
pub fn file_name(local: NaiveDateTime) -> String {
    format!("{PREFIX}{}{SUFFIX}", local.format("%Y%m%d-%H%M"))
}

fn date_of(name: &str) -> Option<NaiveDate> {
    let stem = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    NaiveDate::parse_from_str(stem.get(..8)?, "%Y%m%d").ok()
}

/// The scheduled backups in `dir`, oldest first.
fn backups_in(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.file_name().and_then(|n| n.to_str()).and_then(date_of).is_some())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// Removes all but the newest `keep` backups (their attachments folder is shared and stays).
pub fn prune(dir: &Path, keep: usize) -> Vec<PathBuf> {
    let all = backups_in(dir);
    let excess = all.len().saturating_sub(keep);
    let removed: Vec<PathBuf> = all.into_iter().take(excess).collect();
    for path in &removed {
        let _ = std::fs::remove_file(path);
    }
    removed
}

/// Runs the backup if one is due at `now`; `None` when none was.
pub async fn run_if_due(store: &Store, data_dir: &Path, now: DateTime<Utc>) -> Result<Option<BackupRun>> {
    let settings = settings::load(store).await?;
    let local = now.with_timezone(&settings.zone()).naive_local();
    let dir = data_dir.join(BACKUP_DIR);
    let last = backups_in(&dir).last().and_then(|p| p.file_name()?.to_str().and_then(date_of));
    if !due(local, settings.backup_hour.unwrap_or(DEFAULT_BACKUP_HOUR), last) {
        return Ok(None);
    }
    let path = dir.join(file_name(local));
    let run = match store.backup(&Actor::command_line(), &path, now).await {
        Ok(_) => {
            prune(&dir, settings.backup_keep.unwrap_or(DEFAULT_BACKUP_KEEP).max(1) as usize);
            BackupRun { at: now, path: path.display().to_string(), ok: true, message: None }
        }
        Err(e) => {
            tracing::warn!("scheduled backup failed: {e}");
            BackupRun { at: now, path: path.display().to_string(), ok: false, message: Some(e.user_message()) }
        }
    };
    Ok(Some(run))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap().and_hms_opt(hour, 5, 0).unwrap()
    }

    #[test]
    fn a_backup_is_due_once_a_day_from_its_hour() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert!(!due(at(30, 1), 2, None), "before the hour");
        assert!(due(at(30, 2), 2, None));
        assert!(due(at(30, 2), 2, Some(today.pred_opt().unwrap())));
        assert!(!due(at(30, 2), 2, Some(today)), "once a day");
        assert!(!due(at(30, 15), 2, Some(today.pred_opt().unwrap())), "no catching up at a busy hour");
    }

    #[test]
    fn only_the_newest_backups_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        for day in 20..=25 {
            std::fs::write(dir.path().join(file_name(at(day, 2))), b"x").unwrap();
        }
        std::fs::write(dir.path().join("手工备份.db"), b"x").unwrap();
        let removed = prune(dir.path(), 4);
        assert_eq!(removed.len(), 2);
        assert!(removed[0].ends_with("shouhou-20261120-0205.db"), "{:?}", removed);
        assert_eq!(backups_in(dir.path()).len(), 4);
        assert!(dir.path().join("手工备份.db").exists(), "other files are left alone");
        assert_eq!(date_of("shouhou-20261125-0205.db"), NaiveDate::from_ymd_opt(2026, 11, 25));
    }
}
