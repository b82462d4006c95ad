//! The TypeScript types the UI uses are generated from the Rust types. This test fails when
//! the committed file is stale; `UPDATE_BINDINGS=1 cargo test --test bindings` rewrites it.

use ts_rs::{Config, TS};

fn render() -> String {
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types by tests/bindings.rs. Do not edit by hand:\n\
         // UPDATE_BINDINGS=1 cargo test --test bindings\n",
    );
    macro_rules! emit {
        ($($ty:ty),* $(,)?) => {$(
            out.push('\n');
            if let Some(docs) = <$ty as TS>::docs() {
                out.push_str(&docs);
                if !docs.ends_with('\n') { out.push('\n'); }
            }
            out.push_str("export ");
            out.push_str(&<$ty as TS>::decl(&cfg));
            out.push('\n');
        )*};
    }
    use shouhou_core::{account, attachment, audit, complaint, customer, db, demo, org, settings};
    emit!(
        shouhou_app::error::IpcError,
        shouhou_app::commands::AppStatus,
        account::Role,
        account::Permission,
        account::RoleInfo,
        account::Actor,
        account::SetupStatus,
        account::InitialSetup,
        account::User,
        account::NewUser,
        account::UserUpdate,
        org::Department,
        org::DepartmentInput,
        org::SalesStore,
        org::StoreInput,
        settings::Settings,
        audit::AuditEvent,
        audit::AuditFilter,
        audit::AuditPage,
        db::HealthReport,
        db::BackupReport,
        demo::DemoAccount,
        demo::DemoSummary,
        customer::CustomerKind,
        customer::CustomerGrade,
        customer::Contact,
        customer::Address,
        customer::Customer,
        customer::CustomerInput,
        customer::CustomerSummary,
        customer::CustomerQuery,
        customer::CustomerPage,
        customer::ImportMode,
        customer::ImportProblem,
        customer::ImportReport,
        shouhou_core::xlsx::ColumnKind,
        shouhou_core::xlsx::HeaderMatch,
        shouhou_core::xlsx::HeaderGuess,
        shouhou_core::xlsx::ColumnInfo,
        shouhou_core::xlsx::Preview,
        shouhou_core::xlsx::HeaderMapping,
        shouhou_core::xlsx::Mapping,
        shouhou_core::xlsx::ImportOutcome,
        complaint::State,
        complaint::Category,
        complaint::Severity,
        complaint::Command,
        complaint::Channel,
        complaint::Remedy,
        complaint::ActionKind,
        complaint::ContactMethod,
        complaint::ProductLine,
        complaint::Registration,
        complaint::Share,
        complaint::Analysis,
        complaint::RemedyPlan,
        complaint::ContactInput,
        complaint::ActionInput,
        complaint::ShareView,
        complaint::ApprovalView,
        complaint::ContactEntry,
        complaint::Action,
        complaint::Complaint,
        complaint::ComplaintSummary,
        complaint::ComplaintQuery,
        complaint::ComplaintPage,
        complaint::MyWork,
        complaint::ComplaintForm,
        attachment::OwnerKind,
        attachment::Attachment,
    );
    out
}

#[test]
fn typescript_bindings_are_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/api/bindings.ts");
    let want = render();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "ui/src/api/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test --test bindings` and commit the result"
    );
}
