//! 售后服务管理 (Shouhou) core: every business rule, the store, and the `shouhou` CLI.
//! Nothing here knows about Tauri; the desktop shell and the CLI call the same use-cases.

pub mod account;
pub mod api;
pub mod approval;
pub mod attachment;
pub mod audit;
pub mod cli;
pub mod clock;
pub mod complaint;
// --- contractor ---
pub mod contractor;
pub mod customer;
pub mod db;
pub mod demo;
// --- server (desk mode) ---
pub mod desk;
pub mod error;
pub mod format;
pub mod generate;
mod keyed;
pub mod listing;
pub mod org;
pub mod pdf;
pub mod registry;
pub mod remote;
pub mod report; // --- report ---
pub mod search;
mod sequence;
pub mod server;
pub mod service;
pub mod settings;
pub mod survey;
pub mod validate;
pub mod write;
pub mod xlsx;

pub use error::{Error, Result};
