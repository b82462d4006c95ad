//! Outside personnel, part 1 (issue 9): contracting and service units, engagements of 外用工 /
//! 外包工 / 售后服务人员 with the rule's document checklist, and the safety department's review.
//! The second part (workers, education, the site-entry check) plugs into the engagement and its
//! roster; the printed forms live in `forms/`.
//!
//! - `credit_code` — GB 32100 统一社会信用代码
//! - `checklist` — categories, the checklist per category, item states and rules (pure)
//! - `review` — the engagement's state machine (pure)
//! - `unit`, `engagement` — records, use-cases, lists
//! - `transfer` — Excel import/export of units
//! - `print` — the printed documents filled from the records (renderers in `forms/`)
//! - `sample` — demo data and the benchmark generator

pub mod checklist;
pub mod credit_code;
pub mod engagement;
// contract-print: the printed documents (pure renderers and the agreement template).
pub mod forms;
pub mod print;
pub mod review;
pub mod sample;
pub mod transfer;
pub mod unit;
// --- workers ---
pub mod id_number;
pub mod worker;
pub mod worker_roster;
pub mod worker_sample;
// --- incidents ---
pub mod accident;
pub mod deposit;
pub mod incident_demo;
pub mod incident_print;
pub mod people_figures;
pub mod safety_view;
pub mod violation;
// --- education ---
pub mod education;
pub mod person_certificate;
// gate: the site-entry check (入场资格审查), the entry pass and the check sheet.
pub mod entry;
pub mod entry_print;
pub mod entry_sample;

pub use checklist::{ChecklistItemKind, ChecklistState, EngagementCategory};
pub use engagement::{
    ChecklistItem, Engagement, EngagementInput, EngagementPage, EngagementQuery, EngagementSummary,
    ExpiringCertificate, RosterEntry, RosterInput, SafetyWorkbench,
};
pub use review::{EngagementCommand, EngagementState};
pub use unit::{
    CertificateInput, CertificateKind, ContractorUnit, ContractorUnitInput, UnitCertificate, UnitContact, UnitPage,
    UnitQuery, UnitSummary,
};
// --- workers ---
pub use id_number::{IdNumber, Sex};
pub use worker::{Worker, WorkerEngagement, WorkerInput, WorkerPage, WorkerQuery, WorkerSummary};

use chrono::{DateTime, NaiveDate, Utc};

use crate::account::{Actor, Permission};
use crate::attachment::OwnerRule;
use crate::audit::Entity;
use crate::db::Store;
use crate::error::{Error, Result};

/// The reason given for putting a unit or a person on the blacklist (required) or taking them off
/// (optional).
pub(crate) fn blacklist_reason(blacklisted: bool, reason: &str) -> Result<String> {
    if blacklisted {
        crate::validate::required("reason", "列入黑名单原因", reason, 500)
    } else {
        crate::validate::optional("reason", "移出黑名单原因", reason, 500)
    }
}

/// What a blacklist decision stores: the day, who decided and why — all cleared when taken off.
/// Refused when nothing changes (`subject`: 该单位, 此人).
pub(crate) fn blacklist_entry(
    subject: &str,
    was: bool,
    blacklisted: bool,
    reason: String,
    today: NaiveDate,
    actor: &Actor,
) -> Result<(Option<NaiveDate>, String, String)> {
    if was == blacklisted {
        let state = if blacklisted { "已在" } else { "不在" };
        return Err(Error::validation("blacklisted", format!("{subject}{state}黑名单中")));
    }
    Ok(if blacklisted {
        (Some(today), actor.display_name.clone(), reason)
    } else {
        (None, String::new(), String::new())
    })
}

/// The company's local date of `now` (validity dates are local dates).
/// The demo data's acting user by user name (the demo modules act as its people would).
pub(crate) async fn demo_actor(store: &Store, username: &str) -> Result<crate::account::Actor> {
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM app_user WHERE username = ?").bind(username).fetch_one(store.pool()).await?;
    crate::account::session_actor(store, id).await
}

pub(crate) async fn local_today(store: &Store, now: DateTime<Utc>) -> Result<NaiveDate> {
    crate::settings::today(store, now).await
}

/// Scans of a unit's certificate.
pub const CERTIFICATE_ATTACHMENTS: OwnerRule = OwnerRule {
    table: "contractor_certificate",
    title_column: "number",
    entity: Entity::ContractorCertificate,
    can_view: |actor| actor.require(Permission::ViewContractors),
    can_attach: |actor| actor.require(Permission::EditContractorUnits),
    added_only_by: None,
};

/// Scans of a checklist document (handed in through `engagement::upload_item`, which also moves
/// the item to 已交).
pub const ITEM_ATTACHMENTS: OwnerRule = OwnerRule {
    table: "contractor_item",
    title_column: "title",
    entity: Entity::ContractorItem,
    can_view: |actor| actor.require(Permission::ViewContractors),
    can_attach: |actor| actor.require(Permission::ManageEngagements),
    // A scan handed in makes the item 已交: only the checklist's own upload does both.
    added_only_by: Some("清单资料的扫描件请在项目的资料清单中上传(上传后该项记为“已交”)"),
};

// --- education ---
/// Scans of a person's 特种作业操作证 / 特种设备作业人员证.
pub const WORKER_CERTIFICATE_ATTACHMENTS: OwnerRule = OwnerRule {
    table: "worker_certificate",
    title_column: "number",
    entity: Entity::WorkerCertificate,
    can_view: |actor| actor.require(Permission::ViewContractors),
    can_attach: |actor| actor.require(Permission::ManageEducation),
    added_only_by: None,
};
