//! Files generated from the Rust side, each checked against the committed copy: the TypeScript
//! types (and the Chinese labels of every keyed enum) the UI uses, the UI's typed command client,
//! the shell's command-name list (its app manifest, hence the ACL) and the window's capability
//! file. A test fails when one is stale; `UPDATE_BINDINGS=1 cargo test --test bindings` rewrites
//! them all.

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
    // A concrete page type by name, e.g. `ComplaintPage = Page<ComplaintSummary>`.
    macro_rules! alias {
        ($($name:literal = $ty:ty),* $(,)?) => {$(
            out.push_str(&format!("\nexport type {} = {};\n", $name, <$ty as TS>::name(&cfg)));
        )*};
    }
    use shouhou_core::{
        account, approval, attachment, audit, complaint, customer, db, demo, listing, org, service, settings,
    };
    emit!(
        shouhou_core::api::IpcError,
        shouhou_core::api::AppStatus,
        listing::Cursor,
        listing::Page<()>,
        account::Role,
        account::Permission,
        account::RoleInfo,
        account::Actor,
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
        db::HealthReport,
        db::BackupReport,
        demo::DemoAccount,
        demo::DemoSummary,
        demo::DemoAccounts,
        account::SetupStatus,
        customer::CustomerKind,
        customer::CustomerGrade,
        customer::Contact,
        customer::Address,
        customer::Customer,
        customer::CustomerInput,
        customer::CustomerSummary,
        customer::CustomerQuery,
        customer::CustomerSort,
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
        complaint::Inspection,
        complaint::AnalysisDetails,
        complaint::InspectionView,
        complaint::RemedyPlan,
        complaint::CustomerAgreement,
        complaint::Negotiation,
        complaint::ContactInput,
        complaint::ActionInput,
        complaint::ShareView,
        approval::Seat,
        complaint::ApprovalView,
        complaint::ContactEntry,
        complaint::Action,
        complaint::Complaint,
        complaint::ComplaintSummary,
        complaint::ComplaintQuery,
        complaint::ComplaintSort,
        complaint::MyWork,
        complaint::ComplaintForm,
        attachment::OwnerKind,
        attachment::Attachment,
        audit::Entity,
        audit::AuditAction,
        // --- service ---
        service::feedback::FeedbackState,
        service::feedback::FeedbackKind,
        service::feedback::FeedbackChannel,
        service::feedback::FeedbackCommand,
        service::feedback::FeedbackInput,
        service::feedback::RouteInput,
        service::feedback::FeedbackRoute,
        service::feedback::Feedback,
        service::feedback::Conversion,
        service::feedback::FeedbackSummary,
        service::feedback::FeedbackQuery,
        service::care::CareFrequency,
        service::care::VisitState,
        service::care::VisitMode,
        service::care::VisitSource,
        service::care::VisitCommand,
        service::care::CarePlanInput,
        service::care::CarePlan,
        service::care::VisitActionItem,
        service::care::VisitRecord,
        service::care::Visit,
        service::care::VisitSchedule,
        service::care::VisitSummary,
        service::care::VisitQuery,
        service::returns::ReturnState,
        service::returns::ReturnKind,
        service::returns::ReturnReason,
        service::returns::ReturnCommand,
        service::returns::ReturnLine,
        service::returns::ReturnInput,
        service::returns::StoreReturn,
        service::returns::ReturnSummary,
        service::returns::ReturnQuery,
        service::returns::ReturnStat,
        service::ServiceWork,
        service::timeline::TimelineEntry,
    );
    // The Chinese label of every keyed enum, as the core prints and parses them.
    macro_rules! labels {
        ($($ty:ty),* $(,)?) => {$(
            out.push('\n');
            out.push_str(&<$ty>::typescript_labels());
        )*};
    }
    labels!(
        customer::CustomerKind,
        customer::CustomerGrade,
        complaint::State,
        complaint::Category,
        complaint::Severity,
        complaint::Command,
        complaint::Channel,
        complaint::Remedy,
        complaint::ActionKind,
        complaint::ContactMethod,
        approval::Seat,
        attachment::OwnerKind,
        audit::Entity,
        audit::AuditAction,
        // --- service ---
        service::feedback::FeedbackState,
        service::feedback::FeedbackKind,
        service::feedback::FeedbackChannel,
        service::feedback::FeedbackCommand,
        service::care::CareFrequency,
        service::care::VisitState,
        service::care::VisitMode,
        service::care::VisitSource,
        service::care::VisitCommand,
        service::returns::ReturnState,
        service::returns::ReturnKind,
        service::returns::ReturnReason,
        service::returns::ReturnCommand,
    );
    alias!(
        "AuditPage" = audit::AuditPage,
        "CustomerPage" = customer::CustomerPage,
        "ComplaintPage" = complaint::ComplaintPage,
        // --- service ---
        "FeedbackPage" = service::feedback::FeedbackPage,
        "VisitPage" = service::care::VisitPage,
        "ReturnPage" = service::returns::ReturnPage,
    );
    out
}

fn check(relative: &str, want: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{relative} is stale: run `UPDATE_BINDINGS=1 cargo test --test bindings` and commit the result"
    );
}

#[test]
fn typescript_bindings_are_current() {
    check("ui/src/api/bindings.ts", &render());
}

#[test]
fn the_ui_command_client_is_current() {
    check("ui/src/api/commands.ts", &shouhou_core::api::typescript_client(&Config::new().with_large_int("number")));
}

#[test]
fn the_shell_command_names_are_current() {
    check("src-tauri/src/commands/names.rs", &shouhou_core::api::names_rs());
}

#[test]
fn the_capability_file_is_current() {
    check("capabilities/main.json", &shouhou_core::api::capability_json());
}
