//! The one write path of every use-case: permission and validation first (by the caller, before
//! anything is opened), then
//!
//! ```text
//! let mut w = Write::begin(store, actor, now).await?;      // BEGIN IMMEDIATE
//! let before: Complaint = w.load_at(id, version).await?;   // load, refuse a stale version
//! require_state(&before, …)?;                              // guard
//! repo::save_analysis(w.conn(), id, version, &input).await?; // versioned write
//! w.finish(id, Action::SaveAnalysis, Some(&before), |c| format!("{} 填写分析核实结论", c.number)).await
//!                                                          // reload, audit (before/after), commit
//! ```
//!
//! Dropping a `Write` without `finish`/`commit` rolls everything back, so an error anywhere
//! leaves no half-written data. The audit row is written in the same transaction as the change.

use std::future::Future;

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::{Sqlite, SqliteConnection, Transaction};

use crate::account::Actor;
use crate::audit::{self, Action, Change, Entity};
use crate::db::Store;
use crate::error::{Error, Result};

/// A record a use-case loads, changes and audits: an aggregate with a numeric id and a version.
pub trait Record: Serialize + Send + Sync + Sized {
    /// Its name in the audit log (and, by label, in "已被他人修改" messages).
    const ENTITY: Entity;
    fn load(conn: &mut SqliteConnection, id: i64) -> impl Future<Output = Result<Self>> + Send;
    fn version(&self) -> i64;
}

/// An open write transaction of one use-case.
pub struct Write<'a> {
    tx: Transaction<'static, Sqlite>,
    actor: &'a Actor,
    now: DateTime<Utc>,
}

impl<'a> Write<'a> {
    /// `BEGIN IMMEDIATE`: the write lock is taken before the first read, so what the use-case
    /// reads cannot change before it writes.
    pub async fn begin(store: &Store, actor: &'a Actor, now: DateTime<Utc>) -> Result<Write<'a>> {
        Ok(Write { tx: store.pool().begin_with("BEGIN IMMEDIATE").await?, actor, now })
    }

    pub fn conn(&mut self) -> &mut SqliteConnection {
        &mut self.tx
    }

    pub fn actor(&self) -> &'a Actor {
        self.actor
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    pub async fn load<R: Record>(&mut self, id: i64) -> Result<R> {
        R::load(&mut self.tx, id).await
    }

    /// Loads the record and refuses when someone saved it since the caller read `version`.
    pub async fn load_at<R: Record>(&mut self, id: i64, version: i64) -> Result<R> {
        let record = R::load(&mut self.tx, id).await?;
        if record.version() != version {
            return Err(Error::Stale(R::ENTITY.label()));
        }
        Ok(record)
    }

    /// An audit row without a before/after picture (a sign-in, an import summary).
    pub async fn note(
        &mut self,
        entity: Entity,
        entity_id: impl ToString,
        action: Action,
        summary: String,
    ) -> Result<()> {
        audit::record(&mut self.tx, Change::note(self.actor, entity, entity_id, action, summary, self.now)).await
    }

    /// An audit row with the record as it was and as it is now, inside the transaction.
    pub async fn audit<R: Record>(
        &mut self,
        id: i64,
        action: Action,
        summary: String,
        before: Option<&R>,
        after: &R,
    ) -> Result<()> {
        let change = Change::diff(self.actor, R::ENTITY, id, action, summary, before, Some(after), self.now)?;
        audit::record(&mut self.tx, change).await
    }

    /// Reloads the record, audits the change from `before` (None: created) with the summary
    /// made from the record as it is now, commits, and returns the record.
    pub async fn finish<R: Record>(
        mut self,
        id: i64,
        action: Action,
        before: Option<&R>,
        summary: impl FnOnce(&R) -> String,
    ) -> Result<R> {
        let after = R::load(&mut self.tx, id).await?;
        self.audit(id, action, summary(&after), before, &after).await?;
        self.tx.commit().await?;
        Ok(after)
    }

    pub async fn commit(self) -> Result<()> {
        Ok(self.tx.commit().await?)
    }
}

/// `Stale` unless the versioned UPDATE changed exactly one row.
pub fn one_row<R: Record>(changed: u64) -> Result<()> {
    if changed == 1 { Ok(()) } else { Err(Error::Stale(R::ENTITY.label())) }
}
