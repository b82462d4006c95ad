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
        account, approval, attachment, audit, complaint, contractor, customer, db, demo, listing, org, report, service,
        settings, survey,
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
        org::Person,
        org::StoreInput,
        settings::Settings,
        settings::SafetyRules,
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
        // --- report ---
        report::RateFormula,
        report::ReportFormat,
        report::CountRow,
        report::Durations,
        report::Rate,
        report::TrendPoint,
        report::ShipMonthRow,
        report::ShipmentTotals,
        report::PartyRow,
        report::Responsibility,
        report::ListedComplaint,
        report::Listing,
        report::ActionFigures,
        report::MonthlyReport,
        report::SubmissionSummary,
        report::Submission,
        report::Difference,
        report::ReportPage,
        report::AgeBucket,
        report::Dashboard,
        report::Shipment,
        report::ShipmentInput,
        report::ShipmentQuery,
        // --- survey ---
        survey::QuestionKind,
        survey::Measure,
        survey::CampaignKind,
        survey::CampaignState,
        survey::ResponseState,
        survey::ResponseChannel,
        survey::Question,
        survey::QuestionInput,
        survey::Template,
        survey::TemplateInput,
        survey::TargetRule,
        survey::CampaignInput,
        survey::Campaign,
        survey::Answer,
        survey::ResponseInput,
        survey::ResponseSummary,
        survey::Response,
        survey::ResponseQuery,
        survey::ResponsePage,
        survey::SurveyEvent,
        survey::Figure,
        survey::Nps,
        survey::Segment,
        survey::Bucket,
        survey::QuestionResult,
        survey::TrendPoint,
        survey::SurveyResults,
        survey::SatisfactionSummary,
        // --- contractor ---
        contractor::EngagementCategory,
        contractor::ChecklistItemKind,
        contractor::ChecklistState,
        contractor::EngagementState,
        contractor::EngagementCommand,
        contractor::CertificateKind,
        contractor::UnitContact,
        contractor::UnitCertificate,
        contractor::CertificateInput,
        contractor::ContractorUnit,
        contractor::ContractorUnitInput,
        contractor::UnitSummary,
        contractor::UnitQuery,
        contractor::ChecklistItem,
        contractor::RosterEntry,
        contractor::RosterInput,
        contractor::Engagement,
        contractor::EngagementInput,
        contractor::EngagementSummary,
        contractor::EngagementQuery,
        contractor::ExpiringCertificate,
        contractor::SafetyWorkbench,
        contractor::print::EngagementDocument,
        // contract-print
        shouhou_core::contractor::forms::Party,
        shouhou_core::contractor::forms::RosterRow,
        shouhou_core::contractor::forms::AgreementDoc,
        shouhou_core::contractor::forms::BriefingDoc,
        shouhou_core::contractor::forms::ApplicationDoc,
        shouhou_core::contractor::forms::LedgerRow,
        shouhou_core::contractor::forms::BlankForm,
        shouhou_core::contractor::forms::ClauseSection,
        shouhou_core::contractor::forms::AgreementTemplate,
        shouhou_core::contractor::forms::TemplateVersion,
        shouhou_core::contractor::forms::AgreementTemplateInput,
        // --- server (desk mode) ---
        shouhou_core::desk::DeskServer,
        shouhou_core::desk::DeskProbe,
        shouhou_core::desk::ServerStatus,
        shouhou_core::server::Health,
        shouhou_core::server::backup::BackupRun,
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
        // --- workers ---
        contractor::Sex,
        contractor::IdNumber,
        contractor::WorkerEngagement,
        contractor::Worker,
        contractor::WorkerInput,
        contractor::WorkerSummary,
        contractor::WorkerQuery,
        // --- incidents ---
        contractor::violation::Violation,
        contractor::violation::ViolationInput,
        contractor::violation::ViolationQuery,
        contractor::violation::ViolationPage,
        contractor::deposit::DepositKind,
        contractor::deposit::DepositEntry,
        contractor::deposit::DepositEntryInput,
        contractor::deposit::DepositLedger,
        contractor::accident::AccidentState,
        contractor::accident::ClockState,
        contractor::accident::ReportClock,
        contractor::accident::RouteStep,
        contractor::accident::AccidentPerson,
        contractor::accident::AccidentPersonInput,
        contractor::accident::AccidentInput,
        contractor::accident::Accident,
        contractor::accident::AccidentSummary,
        contractor::accident::AccidentQuery,
        contractor::safety_view::CertificateDeadline,
        contractor::safety_view::PersonCertificateDue,
        contractor::safety_view::GateDenial,
        contractor::safety_view::DepositHeld,
        contractor::safety_view::SafetyPeopleView,
        // --- education ---
        contractor::education::ClassLevel,
        contractor::education::StandingIssue,
        contractor::education::LevelStanding,
        contractor::education::EducationStanding,
        contractor::education::ClassAttendee,
        contractor::education::SafetyClass,
        contractor::education::ClassInput,
        contractor::education::ScoreInput,
        contractor::education::ClassSummary,
        contractor::education::ClassQuery,
        contractor::education::AttendedClass,
        contractor::education::WorkerEducation,
        contractor::education::DueKind,
        contractor::education::PersonDue,
        contractor::person_certificate::PersonCertificateKind,
        contractor::person_certificate::CertificateStatus,
        contractor::person_certificate::WorkerCertificate,
        contractor::person_certificate::CertificateLine,
        contractor::person_certificate::WorkerCertificateInput,
        // --- gate ---
        contractor::entry::EntryResult,
        contractor::entry::ReasonSeverity,
        contractor::entry::EntryRule,
        contractor::entry::Reason,
        contractor::entry::Verdict,
        contractor::entry::CheckRequest,
        contractor::entry::EntryCheck,
        contractor::entry::EngagementChoice,
        contractor::entry::CheckAnswer,
        contractor::entry::EntryLogQuery,
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
        // --- report ---
        report::RateFormula,
        report::ReportFormat,
        // --- survey ---
        survey::QuestionKind,
        survey::Measure,
        survey::CampaignKind,
        survey::CampaignState,
        survey::ResponseState,
        survey::ResponseChannel,
        // --- contractor ---
        contractor::EngagementCategory,
        contractor::ChecklistItemKind,
        contractor::ChecklistState,
        contractor::EngagementState,
        contractor::EngagementCommand,
        contractor::CertificateKind,
        contractor::print::EngagementDocument,
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
        // --- workers ---
        contractor::Sex,
        // --- incidents ---
        contractor::deposit::DepositKind,
        contractor::accident::AccidentState,
        contractor::accident::ClockState,
        contractor::safety_view::CertificateDeadline,
        // --- education ---
        contractor::education::ClassLevel,
        contractor::education::DueKind,
        contractor::person_certificate::PersonCertificateKind,
        contractor::person_certificate::CertificateStatus,
        // --- gate ---
        contractor::entry::EntryResult,
        contractor::entry::ReasonSeverity,
        contractor::entry::EntryRule,
    );
    alias!(
        "AuditPage" = audit::AuditPage,
        "CustomerPage" = customer::CustomerPage,
        "ComplaintPage" = complaint::ComplaintPage,
        // --- contractor ---
        "UnitPage" = contractor::UnitPage,
        "EngagementPage" = contractor::EngagementPage,
        // --- service ---
        "FeedbackPage" = service::feedback::FeedbackPage,
        "VisitPage" = service::care::VisitPage,
        "ReturnPage" = service::returns::ReturnPage,
        // --- workers ---
        "WorkerPage" = contractor::WorkerPage,
        // --- incidents ---
        "AccidentPage" = contractor::accident::AccidentPage,
        // --- education ---
        "ClassPage" = contractor::education::ClassPage,
        // --- gate ---
        "EntryLogPage" = contractor::entry::EntryLogPage,
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

/// Two Rust types exported under one TypeScript name would silently shadow each other (the
/// report's and the survey's `TrendPoint` did): every exported name appears once.
#[test]
fn every_typescript_name_is_exported_once() {
    let text = render();
    let mut seen = std::collections::BTreeMap::<&str, usize>::new();
    for line in text.lines() {
        let rest = line.strip_prefix("export type ").or_else(|| line.strip_prefix("export const "));
        if let Some(name) = rest.and_then(|r| r.split([' ', '<', ':', '=']).next()) {
            *seen.entry(name).or_default() += 1;
        }
    }
    let twice: Vec<&str> = seen.iter().filter(|(_, n)| **n > 1).map(|(name, _)| *name).collect();
    assert!(twice.is_empty(), "exported more than once: {twice:?} (rename one with #[ts(rename = \"…\")])");
    assert!(seen.len() > 100, "the check read the declarations ({} names)", seen.len());
}
