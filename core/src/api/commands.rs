//! The declaration of every command: `group.method = wire_name(args) -> Reply => |cx| body;`.
//! Adding a command is adding its lines here (and a use-case in its module); the shell's ACL
//! list, its capability file and the UI's typed client are generated from this table and a
//! test fails when a generated file is stale.

use std::path::{Path, PathBuf};

use ts_rs::TS;

use super::reply::{Bytes, IntoReply, Opened, Reply, Saved, ViewerFolder};
use super::{CommandInfo, Context, argument};
use crate::account::{self, Actor, InitialSetup, NewUser, RoleInfo, User, UserUpdate};
use crate::attachment::{self, Attachment, OwnerKind};
use crate::audit::{self, AuditEvent, AuditFilter, AuditPage};
use crate::complaint::{
    self, ActionInput, Analysis, AnalysisDetails, Command, Complaint, ComplaintForm, ComplaintPage, ComplaintQuery,
    ContactInput, CustomerAgreement, MyWork, Registration, RemedyPlan,
};
use crate::contractor;
use crate::customer::{self, Customer, CustomerInput, CustomerPage, CustomerQuery};
use crate::db::{BackupReport, HealthReport};
use crate::demo::{self, DemoSummary};
use crate::desk::{DeskProbe, ServerStatus};
use crate::error::Result;
use crate::org::{self, Department, DepartmentInput, Person, SalesStore, StoreInput};
use crate::report; // --- report ---
// --- service ---
use crate::service::care::{self, CarePlan, CarePlanInput, Visit, VisitPage, VisitQuery, VisitRecord, VisitSchedule};
use crate::service::feedback::{self, Conversion, Feedback, FeedbackInput, FeedbackPage, FeedbackQuery, RouteInput};
use crate::service::returns::{self, ReturnCommand, ReturnInput, ReturnPage, ReturnQuery, ReturnStat, StoreReturn};
use crate::service::timeline::{self, TimelineEntry};
use crate::service::transfer;
use crate::service::{self, ServiceWork};
use crate::settings::{self, Settings};
use crate::survey::{
    self, Campaign, CampaignInput, Response, ResponseInput, ResponsePage, ResponseQuery, SurveyResults, TargetRule,
    Template, TemplateInput,
};
use crate::xlsx::{ImportMode, ImportOutcome, Mapping};
// contract-print
use crate::contractor::forms::{
    self as contractor_forms, AgreementTemplate, AgreementTemplateInput, BlankForm, TemplateVersion,
};
// --- gate ---
use crate::contractor::{entry, entry_print};

macro_rules! declare {
    (
        shell { $(
            $(#[doc = $sdoc:literal])*
            $sgroup:ident . $smethod:ident = $sname:ident ( $($sarg:ident : $sty:ty),* $(,)? ) -> $sret:ty ;
        )* }
        core { $(
            $(#[doc = $doc:literal])*
            $group:ident . $method:ident = $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) -> $ret:ty
                => |$cx:ident| $body:expr ;
        )* }
    ) => {
        /// Every command's wire name (the shell's app manifest and capability list).
        pub const NAMES: &[&str] = &[$(stringify!($sname),)* $(stringify!($name),)*];

        pub static COMMANDS: &[CommandInfo] = &[
            $(CommandInfo {
                name: stringify!($sname),
                group: stringify!($sgroup),
                method: stringify!($smethod),
                docs: &[$($sdoc),*],
                args: |_cfg| vec![$((stringify!($sarg), <$sty as TS>::name(_cfg))),*],
                returns: |cfg| <$sret as IntoReply>::typescript(cfg),
                shell: true,
            },)*
            $(CommandInfo {
                name: stringify!($name),
                group: stringify!($group),
                method: stringify!($method),
                docs: &[$($doc),*],
                args: |_cfg| vec![$((stringify!($arg), <$ty as TS>::name(_cfg))),*],
                returns: |cfg| <$ret as IntoReply>::typescript(cfg),
                shell: false,
            },)*
        ];

        /// Runs the command `name` with its JSON arguments; `None` when the core does not know
        /// the name (a shell command, or none at all).
        pub async fn dispatch(cx: &Context<'_>, name: &str, args: &serde_json::Value) -> Option<Result<Reply>> {
            match name {
                $(stringify!($name) => Some(
                    async {
                        $(let $arg: $ty = argument(args, stringify!($name), stringify!($arg))?;)*
                        let $cx = cx;
                        let value: $ret = $body;
                        value.into_reply()
                    }
                    .await,
                ),)*
                _ => None,
            }
        }
    };
}

fn path(text: &str) -> &Path {
    Path::new(text)
}

fn paths(list: Vec<String>) -> Vec<PathBuf> {
    list.into_iter().map(PathBuf::from).collect()
}

declare! {
    shell {
        /// What the window needs before anything else: whether the store opened, whether
        /// first-run setup is still to do.
        system.status = app_status() -> super::AppStatus;
        // --- server (desk mode) ---
        /// The certificate fingerprint and company of the server at `address` (`host:port`),
        /// shown for the admin to compare with the one `shouhou serve` printed.
        desk.probe = desk_probe(address: String) -> DeskProbe;
        /// Pins the confirmed certificate and works on that server from now on (remembered in
        /// this desk's data folder).
        desk.connect = desk_connect(address: String, fingerprint: String) -> super::AppStatus;
        /// Works on this computer's own data folder again.
        desk.use_local = desk_use_local() -> super::AppStatus;
        /// The company server's version, uptime, sessions and last scheduled backup; `null` on a
        /// desk that works on its own data.
        desk.server_health = desk_server_health() -> Option<crate::server::Health>;
    }
    core {
        system.check = system_check() -> HealthReport
            => |cx| { cx.actor().await?.require(account::Permission::Backup)?; cx.store.check().await? };
        /// `path` comes from the save dialog.
        system.backup = system_backup(path: String) -> BackupReport
            => |cx| cx.store.backup(&cx.actor().await?, self::path(&path), cx.now).await?;

        session.initialize = setup_initialize(setup: InitialSetup) -> User
            => |cx| account::initialize(cx.store, setup, cx.now).await?;
        /// Offered on the first-run page of an empty database.
        session.load_demo = setup_load_demo() -> DemoSummary
            => |cx| demo::load(cx.store, cx.now).await?;
        session.sign_in = session_sign_in(username: String, password: String) -> Actor
            => |cx| {
                let actor = account::sign_in(cx.store, &username, &password, cx.now).await?;
                cx.session.set_user_id(actor.user_id);
                actor
            };
        session.sign_out = session_sign_out() -> ()
            => |cx| {
                if let Ok(actor) = cx.actor().await {
                    account::sign_out(cx.store, &actor, cx.now).await?;
                }
                cx.session.set_user_id(None);
            };
        /// The signed-in user, or `null` when nobody is.
        session.current = session_current() -> Option<Actor>
            => |cx| cx.actor().await.ok();
        session.change_password = session_change_password(old_password: String, new_password: String) -> ()
            => |cx| account::change_own_password(cx.store, &cx.actor().await?, old_password, new_password, cx.now).await?;

        users.roles = role_list() -> Vec<RoleInfo>
            => |_cx| account::roles();
        users.list = user_list() -> Vec<User>
            => |cx| account::list_users(cx.store, &cx.actor().await?).await?;
        users.create = user_create(input: NewUser) -> User
            => |cx| account::create_user(cx.store, &cx.actor().await?, input, cx.now).await?;
        users.update = user_update(id: i64, input: UserUpdate) -> User
            => |cx| account::update_user(cx.store, &cx.actor().await?, id, input, cx.now).await?;
        users.set_active = user_set_active(id: i64, active: bool, version: i64) -> User
            => |cx| account::set_user_active(cx.store, &cx.actor().await?, id, active, version, cx.now).await?;
        users.reset_password = user_reset_password(id: i64, password: String) -> ()
            => |cx| account::reset_password(cx.store, &cx.actor().await?, id, password, cx.now).await?;

        org.departments = department_list() -> Vec<Department>
            => |cx| { cx.actor().await?; org::list_departments(cx.store).await? };
        /// The active people of a department (all departments with `null`), for pickers.
        org.people = department_people(department_id: Option<i64>) -> Vec<Person>
            => |cx| { cx.actor().await?; org::people(cx.store, department_id).await? };
        org.create_department = department_create(input: DepartmentInput) -> Department
            => |cx| org::create_department(cx.store, &cx.actor().await?, input, cx.now).await?;
        org.update_department = department_update(id: i64, version: i64, input: DepartmentInput) -> Department
            => |cx| org::update_department(cx.store, &cx.actor().await?, id, version, input, cx.now).await?;
        org.stores = store_list() -> Vec<SalesStore>
            => |cx| { cx.actor().await?; org::list_stores(cx.store).await? };
        org.create_store = store_create(input: StoreInput) -> SalesStore
            => |cx| org::create_store(cx.store, &cx.actor().await?, input, cx.now).await?;
        org.update_store = store_update(id: i64, version: i64, input: StoreInput) -> SalesStore
            => |cx| org::update_store(cx.store, &cx.actor().await?, id, version, input, cx.now).await?;

        settings.get = settings_get() -> Settings
            => |cx| { cx.actor().await?; settings::load(cx.store).await? };
        settings.update = settings_update(settings: Settings) -> Settings
            => |cx| settings::update(cx.store, &cx.actor().await?, settings, cx.now).await?;

        audit.list = audit_list(filter: AuditFilter) -> AuditPage
            => |cx| audit::list(cx.store, &cx.actor().await?, &filter).await?;

        customers.list = customer_list(query: CustomerQuery) -> CustomerPage
            => |cx| customer::list(cx.store, &cx.actor().await?, &query).await?;
        customers.get = customer_get(id: i64) -> Customer
            => |cx| customer::get(cx.store, &cx.actor().await?, id).await?;
        customers.history = customer_history(id: i64) -> Vec<AuditEvent>
            => |cx| customer::history(cx.store, &cx.actor().await?, id).await?;
        customers.create = customer_create(input: CustomerInput) -> Customer
            => |cx| customer::create(cx.store, &cx.actor().await?, input, cx.now).await?;
        customers.update = customer_update(id: i64, version: i64, input: CustomerInput) -> Customer
            => |cx| customer::update(cx.store, &cx.actor().await?, id, version, input, cx.now).await?;
        customers.set_active = customer_set_active(id: i64, active: bool, version: i64) -> Customer
            => |cx| customer::set_active(cx.store, &cx.actor().await?, id, active, version, cx.now).await?;
        customers.merge = customer_merge(duplicate_id: i64, survivor_id: i64) -> Customer
            => |cx| customer::merge(cx.store, &cx.actor().await?, duplicate_id, survivor_id, cx.now).await?;
        /// `path` comes from the open dialog. A file whose headers are not all known answers with a
        /// preview to map; the call with the user's `mapping` imports and remembers it.
        customers.import_file = customer_import(path: String, mode: ImportMode, mapping: Option<Mapping>) -> ImportOutcome
            => |cx| customer::import_mapped(cx.store, &cx.actor().await?, self::path(&path), mode, mapping, cx.now).await?;
        /// `path` comes from the save dialog; `template` writes the header row only.
        customers.export_file = customer_export(path: String, template: bool) -> i64
            => |cx| customer::export(cx.store, &cx.actor().await?, self::path(&path), template).await?;

        complaints.list = complaint_list(query: ComplaintQuery) -> ComplaintPage
            => |cx| complaint::list(cx.store, &cx.actor().await?, &query, cx.now).await?;
        complaints.my_work = complaint_my_work() -> MyWork
            => |cx| complaint::my_work(cx.store, &cx.actor().await?, cx.now).await?;
        complaints.get = complaint_get(id: i64) -> Complaint
            => |cx| complaint::get(cx.store, &cx.actor().await?, id).await?;
        complaints.history = complaint_history(id: i64) -> Vec<AuditEvent>
            => |cx| complaint::history(cx.store, &cx.actor().await?, id).await?;
        /// `attachments` are paths from the open dialog; all are added or none.
        complaints.register = complaint_register(input: Registration, attachments: Vec<String>) -> Complaint
            => |cx| complaint::register_with_attachments(cx.store, &cx.actor().await?, input, &paths(attachments), cx.now).await?;
        complaints.update_registration = complaint_update_registration(id: i64, version: i64, input: Registration, reason: String) -> Complaint
            => |cx| complaint::update_registration(cx.store, &cx.actor().await?, id, version, input, &reason, cx.now).await?;
        complaints.save_measures = complaint_save_measures(id: i64, version: i64, text: String) -> Complaint
            => |cx| complaint::save_measures(cx.store, &cx.actor().await?, id, version, &text, cx.now).await?;
        complaints.agree_remedy = complaint_agree_remedy(id: i64, version: i64) -> Complaint
            => |cx| complaint::agree_remedy(cx.store, &cx.actor().await?, id, version, cx.now).await?;
        complaints.save_customer_agreement = complaint_save_customer_agreement(id: i64, version: i64, input: CustomerAgreement) -> Complaint
            => |cx| complaint::save_customer_agreement(cx.store, &cx.actor().await?, id, version, input, cx.now).await?;
        complaints.save_analysis = complaint_save_analysis(id: i64, version: i64, input: Analysis, details: AnalysisDetails) -> Complaint
            => |cx| complaint::save_analysis(cx.store, &cx.actor().await?, id, version, input, details, cx.now).await?;
        complaints.save_remedy = complaint_save_remedy(id: i64, version: i64, input: RemedyPlan) -> Complaint
            => |cx| complaint::save_remedy(cx.store, &cx.actor().await?, id, version, input, cx.now).await?;
        /// `reason` is required to cancel or reopen.
        complaints.transition = complaint_transition(id: i64, version: i64, command: Command, reason: String) -> Complaint
            => |cx| complaint::transition(cx.store, &cx.actor().await?, id, version, command, &reason, cx.now).await?;
        complaints.sign = complaint_sign(id: i64, approve: bool, comment: String) -> Complaint
            => |cx| complaint::sign(cx.store, &cx.actor().await?, id, approve, &comment, cx.now).await?;
        complaints.add_contact = complaint_add_contact(id: i64, input: ContactInput) -> Complaint
            => |cx| complaint::add_contact(cx.store, &cx.actor().await?, id, input, cx.now).await?;
        complaints.save_action = complaint_save_action(id: i64, action_id: Option<i64>, input: ActionInput) -> Complaint
            => |cx| complaint::save_action(cx.store, &cx.actor().await?, id, action_id, input, cx.now).await?;
        complaints.verify_action = complaint_verify_action(id: i64, action_id: i64, effective: bool) -> Complaint
            => |cx| complaint::verify_action(cx.store, &cx.actor().await?, id, action_id, effective, cx.now).await?;
        /// 是否需要纠正措施 (a minor complaint), with the reason when not.
        complaints.decide_corrective = complaint_decide_corrective(id: i64, version: i64, needed: bool, reason: String) -> Complaint
            => |cx| complaint::decide_corrective(cx.store, &cx.actor().await?, id, version, needed, &reason, cx.now).await?;
        complaints.save_feedback = complaint_save_feedback(id: i64, version: i64, feedback: String) -> Complaint
            => |cx| complaint::save_feedback(cx.store, &cx.actor().await?, id, version, &feedback, cx.now).await?;
        /// Writes the form to `path` (from the save dialog).
        complaints.pdf_save = complaint_pdf_save(id: i64, form: ComplaintForm, path: String) -> Saved
            => |cx| Saved { bytes: complaint::render_form(cx.store, &cx.actor().await?, id, form, cx.now).await?, path };
        /// Opens the form in the system PDF viewer, where it is printed.
        complaints.pdf_open = complaint_pdf_open(id: i64, form: ComplaintForm) -> Opened
            => |cx| {
                let actor = cx.actor().await?;
                let number = complaint::get(cx.store, &actor, id).await?.number;
                let bytes = complaint::render_form(cx.store, &actor, id, form, cx.now).await?;
                Opened { folder: ViewerFolder::Prints, name: format!("{number}-{}.pdf", form.label()), bytes }
            };
        /// The form's bytes for the in-app preview.
        complaints.pdf_preview = complaint_pdf_preview(id: i64, form: ComplaintForm) -> Bytes
            => |cx| Bytes(complaint::render_form(cx.store, &cx.actor().await?, id, form, cx.now).await?);
        /// A blank 登记表 or 处理表 to fill in by hand (the letter has no blank), opened for printing.
        complaints.blank_pdf_open = complaint_blank_pdf_open(form: ComplaintForm) -> Opened
            => |cx| {
                let bytes = complaint::render_blank(cx.store, &cx.actor().await?, form).await?;
                Opened { folder: ViewerFolder::Prints, name: format!("空白{}.pdf", form.label()), bytes }
            };
        /// Writes the blank form to `path` (from the save dialog).
        complaints.blank_pdf_save = complaint_blank_pdf_save(form: ComplaintForm, path: String) -> Saved
            => |cx| Saved { bytes: complaint::render_blank(cx.store, &cx.actor().await?, form).await?, path };
        /// The blank form's bytes for the in-app preview.
        complaints.blank_pdf_preview = complaint_blank_pdf_preview(form: ComplaintForm) -> Bytes
            => |cx| Bytes(complaint::render_blank(cx.store, &cx.actor().await?, form).await?);
        /// `path` comes from the open dialog; a preview to map as for customers.
        complaints.import_file = complaint_import(path: String, mode: ImportMode, mapping: Option<Mapping>) -> ImportOutcome
            => |cx| complaint::import_mapped(cx.store, &cx.actor().await?, self::path(&path), mode, mapping, cx.now).await?;
        /// Exports the complaints matching the list's filters to `path` (from the save dialog).
        complaints.export_file = complaint_export(path: String, query: ComplaintQuery, template: bool) -> i64
            => |cx| complaint::export(cx.store, &cx.actor().await?, self::path(&path), &query, template, cx.now).await?;

        /// `paths` come from the open dialog; all are added or none.
        attachments.add = attachment_add(owner: OwnerKind, owner_id: i64, paths: Vec<String>, caption: String) -> Vec<Attachment>
            => |cx| attachment::add(cx.store, &cx.actor().await?, owner, owner_id, &self::paths(paths), &caption, cx.now).await?;
        attachments.remove = attachment_remove(id: i64) -> ()
            => |cx| attachment::remove(cx.store, &cx.actor().await?, id, cx.now).await?;
        /// The JPEG thumbnail (the UI shows it through a blob: URL).
        attachments.thumbnail = attachment_thumbnail(id: i64) -> Bytes
            => |cx| Bytes(attachment::thumbnail(cx.store, &cx.actor().await?, id).await?);
        /// The whole file (photos are shown full size in the app).
        attachments.content = attachment_content(id: i64) -> Bytes
            => |cx| Bytes(attachment::content(cx.store, &cx.actor().await?, id).await?);
        /// Opens a copy in the system's viewer (the stored file is never handed out to be edited).
        attachments.open = attachment_open(id: i64) -> Opened
            => |cx| {
                let (a, stored) = attachment::file(cx.store, &cx.actor().await?, id).await?;
                Opened { folder: ViewerFolder::Opened, name: format!("{}-{}", a.id, a.file_name), bytes: std::fs::read(stored)? }
            };
        /// Copies the file to `path` (from the save dialog).
        attachments.save = attachment_save(id: i64, path: String) -> Saved
            => |cx| {
                let (_, stored) = attachment::file(cx.store, &cx.actor().await?, id).await?;
                Saved { bytes: std::fs::read(stored)?, path }
            };

        // --- report ---
        /// The month's report as of now ("2026-10"), its deadline, submissions and the
        /// difference from the latest submission.
        reports.monthly = report_monthly(month: String) -> report::ReportPage
            => |cx| report::report_page(cx.store, &cx.actor().await?, report::Month::parse(&month)?, cx.now).await?;
        /// The after-sales manager's dashboard figures.
        reports.dashboard = report_dashboard() -> report::Dashboard
            => |cx| report::dashboard(cx.store, &cx.actor().await?, cx.now).await?;
        /// 报送: the first submission, or a revision with `reason`.
        reports.submit = report_submit(month: String, reason: String) -> report::SubmissionSummary
            => |cx| report::submit(cx.store, &cx.actor().await?, report::Month::parse(&month)?, &reason, cx.now).await?.summary;
        /// One submitted revision as it was.
        reports.submission = report_submission(month: String, revision: i64) -> report::Submission
            => |cx| report::submission(cx.store, &cx.actor().await?, report::Month::parse(&month)?, revision).await?;
        /// The PDF's bytes for the in-app preview (`revision`: a submitted one; none: as of now).
        reports.pdf_preview = report_pdf_preview(month: String, revision: Option<i64>) -> Bytes
            => |cx| Bytes(report::export(cx.store, &cx.actor().await?, report::Month::parse(&month)?, revision, report::ReportFormat::Pdf, cx.now).await?);
        /// Opens the PDF in the system viewer, where it is printed.
        reports.pdf_open = report_pdf_open(month: String, revision: Option<i64>) -> Opened
            => |cx| {
                let m = report::Month::parse(&month)?;
                let bytes = report::export(cx.store, &cx.actor().await?, m, revision, report::ReportFormat::Pdf, cx.now).await?;
                Opened { folder: ViewerFolder::Prints, name: report::file_name(m, revision, report::ReportFormat::Pdf), bytes }
            };
        /// Writes the report as PDF, xlsx or JSON to `path` (from the save dialog).
        reports.save = report_save(month: String, revision: Option<i64>, format: report::ReportFormat, path: String) -> Saved
            => |cx| Saved { bytes: report::export(cx.store, &cx.actor().await?, report::Month::parse(&month)?, revision, format, cx.now).await?, path };
        shipments.list = shipment_list(query: report::ShipmentQuery) -> Vec<report::Shipment>
            => |cx| report::shipment::list(cx.store, &cx.actor().await?, &query).await?;
        /// Adds a row (`id` null) or changes one.
        shipments.save = shipment_save(id: Option<i64>, version: i64, input: report::ShipmentInput) -> report::Shipment
            => |cx| report::shipment::save(cx.store, &cx.actor().await?, id, version, input, cx.now).await?;
        shipments.delete = shipment_delete(id: i64, version: i64) -> ()
            => |cx| report::shipment::delete(cx.store, &cx.actor().await?, id, version, cx.now).await?;
        /// `path` comes from the open dialog; a preview to map as for customers.
        shipments.import_file = shipment_import(path: String, mode: ImportMode, mapping: Option<Mapping>) -> ImportOutcome
            => |cx| report::shipment::import_mapped(cx.store, &cx.actor().await?, self::path(&path), mode, mapping, cx.now).await?;
        /// `path` comes from the save dialog; `template` writes the header row and 填写说明 only.
        shipments.export_file = shipment_export(path: String, query: report::ShipmentQuery, template: bool) -> i64
            => |cx| report::shipment::export(cx.store, &cx.actor().await?, self::path(&path), &query, template).await?;
        // --- survey ---
        surveys.templates = survey_template_list() -> Vec<Template>
            => |cx| survey::templates(cx.store, &cx.actor().await?).await?;
        surveys.template = survey_template_get(id: i64) -> Template
            => |cx| survey::template(cx.store, &cx.actor().await?, id).await?;
        surveys.create_template = survey_template_create(input: TemplateInput) -> Template
            => |cx| survey::create_template(cx.store, &cx.actor().await?, input, cx.now).await?;
        /// Refused once a campaign uses the template: save a new revision instead.
        surveys.update_template = survey_template_update(id: i64, version: i64, input: TemplateInput) -> Template
            => |cx| survey::update_template(cx.store, &cx.actor().await?, id, version, input, cx.now).await?;
        surveys.revise_template = survey_template_revise(id: i64, input: TemplateInput) -> Template
            => |cx| survey::revise_template(cx.store, &cx.actor().await?, id, input, cx.now).await?;
        /// How many customers a campaign with `rule` would reach.
        surveys.count_targets = survey_count_targets(rule: TargetRule) -> i64
            => |cx| survey::count_targets(cx.store, &cx.actor().await?, rule).await?;
        surveys.campaigns = survey_campaign_list() -> Vec<Campaign>
            => |cx| survey::campaigns(cx.store, &cx.actor().await?).await?;
        surveys.campaign = survey_campaign_get(id: i64) -> Campaign
            => |cx| survey::campaign(cx.store, &cx.actor().await?, id).await?;
        surveys.create_campaign = survey_campaign_create(input: CampaignInput) -> Campaign
            => |cx| survey::create_campaign(cx.store, &cx.actor().await?, input, cx.now).await?;
        surveys.close_campaign = survey_campaign_close(id: i64, version: i64) -> Campaign
            => |cx| survey::close_campaign(cx.store, &cx.actor().await?, id, version, cx.now).await?;
        surveys.responses = survey_response_list(query: ResponseQuery) -> ResponsePage
            => |cx| survey::responses(cx.store, &cx.actor().await?, &query).await?;
        /// By the number typed or scanned from a returned questionnaire.
        surveys.response = survey_response_get(number: String) -> Response
            => |cx| survey::response_by_number(cx.store, &cx.actor().await?, &number).await?;
        surveys.enter_response = survey_response_enter(number: String, version: i64, input: ResponseInput) -> Response
            => |cx| survey::enter_response(cx.store, &cx.actor().await?, &number, version, input, cx.now).await?;
        surveys.results = survey_results(campaign_id: i64) -> SurveyResults
            => |cx| survey::results_for(cx.store, &cx.actor().await?, campaign_id).await?;
        /// Writes every figure of the results to `path` (from the save dialog) as .xlsx.
        surveys.export_results = survey_results_export(campaign_id: i64, path: String) -> ()
            => |cx| {
                let results = survey::results_for(cx.store, &cx.actor().await?, campaign_id).await?;
                survey::export_results(&results, self::path(&path))?;
            };
        /// The questionnaire of response `number`, or a blank one (`null`), opened for printing.
        surveys.questionnaire_open = survey_questionnaire_open(number: Option<String>) -> Opened
            => |cx| {
                let name = format!("满意度调查问卷-{}.pdf", number.clone().unwrap_or_else(|| "空白".into()));
                let bytes = survey::render_questionnaire(cx.store, &cx.actor().await?, number).await?;
                Opened { folder: ViewerFolder::Prints, name, bytes }
            };
        /// Writes the questionnaire to `path` (from the save dialog).
        surveys.questionnaire_save = survey_questionnaire_save(number: Option<String>, path: String) -> Saved
            => |cx| Saved { bytes: survey::render_questionnaire(cx.store, &cx.actor().await?, number).await?, path };
        // --- contractor ---
        contractor.units = contractor_unit_list(query: contractor::UnitQuery) -> contractor::UnitPage
            => |cx| contractor::unit::list(cx.store, &cx.actor().await?, &query).await?;
        contractor.unit = contractor_unit_get(id: i64) -> contractor::ContractorUnit
            => |cx| contractor::unit::get(cx.store, &cx.actor().await?, id).await?;
        contractor.unit_history = contractor_unit_history(id: i64) -> Vec<AuditEvent>
            => |cx| contractor::unit::history(cx.store, &cx.actor().await?, id).await?;
        contractor.create_unit = contractor_unit_create(input: contractor::ContractorUnitInput) -> contractor::ContractorUnit
            => |cx| contractor::unit::create(cx.store, &cx.actor().await?, input, cx.now).await?;
        contractor.update_unit = contractor_unit_update(id: i64, version: i64, input: contractor::ContractorUnitInput) -> contractor::ContractorUnit
            => |cx| contractor::unit::update(cx.store, &cx.actor().await?, id, version, input, cx.now).await?;
        /// `reason` is required to blacklist.
        contractor.set_blacklisted = contractor_unit_set_blacklisted(id: i64, version: i64, blacklisted: bool, reason: String) -> contractor::ContractorUnit
            => |cx| contractor::unit::set_blacklisted(cx.store, &cx.actor().await?, id, version, blacklisted, &reason, cx.now).await?;
        /// `certificate_id` null adds a certificate.
        contractor.save_certificate = contractor_certificate_save(unit_id: i64, certificate_id: Option<i64>, input: contractor::CertificateInput) -> contractor::ContractorUnit
            => |cx| contractor::unit::save_certificate(cx.store, &cx.actor().await?, unit_id, certificate_id, input, cx.now).await?;
        contractor.remove_certificate = contractor_certificate_remove(id: i64) -> contractor::ContractorUnit
            => |cx| contractor::unit::remove_certificate(cx.store, &cx.actor().await?, id, cx.now).await?;
        /// `path` comes from the open dialog; a preview to map as for customers.
        contractor.import_units = contractor_unit_import(path: String, mode: ImportMode, mapping: Option<Mapping>) -> ImportOutcome
            => |cx| contractor::transfer::import_units(cx.store, &cx.actor().await?, self::path(&path), mode, mapping, cx.now).await?;
        /// `path` comes from the save dialog; `template` writes the header row only.
        contractor.export_units = contractor_unit_export(path: String, template: bool) -> i64
            => |cx| contractor::transfer::export_units(cx.store, &cx.actor().await?, self::path(&path), template).await?;
        contractor.engagements = engagement_list(query: contractor::EngagementQuery) -> contractor::EngagementPage
            => |cx| contractor::engagement::list(cx.store, &cx.actor().await?, &query).await?;
        contractor.engagement = engagement_get(id: i64) -> contractor::Engagement
            => |cx| contractor::engagement::get(cx.store, &cx.actor().await?, id, cx.now).await?;
        contractor.engagement_history = engagement_history(id: i64) -> Vec<AuditEvent>
            => |cx| contractor::engagement::history(cx.store, &cx.actor().await?, id).await?;
        contractor.register = engagement_register(input: contractor::EngagementInput) -> contractor::Engagement
            => |cx| contractor::engagement::register(cx.store, &cx.actor().await?, input, cx.now).await?;
        /// A change of scope or dates after approval sends the package back for review.
        contractor.update_engagement = engagement_update(id: i64, version: i64, input: contractor::EngagementInput) -> contractor::Engagement
            => |cx| contractor::engagement::update(cx.store, &cx.actor().await?, id, version, input, cx.now).await?;
        /// `reason` is required to terminate.
        contractor.transition = engagement_transition(id: i64, version: i64, command: contractor::EngagementCommand, reason: String) -> contractor::Engagement
            => |cx| contractor::engagement::transition(cx.store, &cx.actor().await?, id, version, command, &reason, cx.now).await?;
        /// `paths` come from the open dialog or a drop; the item becomes 已交.
        contractor.upload_item = engagement_item_upload(item_id: i64, paths: Vec<String>, valid_to: Option<chrono::NaiveDate>) -> contractor::Engagement
            => |cx| contractor::engagement::upload_item(cx.store, &cx.actor().await?, item_id, &self::paths(paths), valid_to, cx.now).await?;
        /// Accept, or return with `comment` as the reason.
        contractor.review_item = engagement_item_review(item_id: i64, accept: bool, comment: String) -> contractor::Engagement
            => |cx| contractor::engagement::review_item(cx.store, &cx.actor().await?, item_id, accept, &comment, cx.now).await?;
        contractor.roster_add = engagement_roster_add(id: i64, people: Vec<contractor::RosterInput>, working: bool) -> contractor::Engagement
            => |cx| contractor::engagement::roster_add(cx.store, &cx.actor().await?, id, people, working, cx.now).await?;
        contractor.roster_set_working = engagement_roster_set_working(entry_id: i64, working: bool) -> contractor::Engagement
            => |cx| contractor::engagement::roster_set_working(cx.store, &cx.actor().await?, entry_id, working, cx.now).await?;
        contractor.roster_remove = engagement_roster_remove(entry_id: i64) -> contractor::Engagement
            => |cx| contractor::engagement::roster_remove(cx.store, &cx.actor().await?, entry_id, cx.now).await?;
        contractor.workbench = contractor_workbench() -> contractor::SafetyWorkbench
            => |cx| contractor::engagement::workbench(cx.store, &cx.actor().await?, cx.now).await?;
        /// The document's bytes for the in-app preview (the agreement's first print fixes its template version).
        contractor.pdf_preview = engagement_pdf_preview(id: i64, document: contractor::print::EngagementDocument) -> Bytes
            => |cx| Bytes(contractor::print::render(cx.store, &cx.actor().await?, id, document, cx.now).await?);
        /// Opens the document in the system PDF viewer, where it is printed.
        contractor.pdf_open = engagement_pdf_open(id: i64, document: contractor::print::EngagementDocument) -> Opened
            => |cx| {
                let actor = cx.actor().await?;
                let number = contractor::engagement::get(cx.store, &actor, id, cx.now).await?.number;
                let bytes = contractor::print::render(cx.store, &actor, id, document, cx.now).await?;
                Opened { folder: ViewerFolder::Prints, name: format!("{number}-{}.pdf", document.label()), bytes }
            };
        /// Writes the document to `path` (from the save dialog).
        contractor.pdf_save = engagement_pdf_save(id: i64, document: contractor::print::EngagementDocument, path: String) -> Saved
            => |cx| Saved { bytes: contractor::print::render(cx.store, &cx.actor().await?, id, document, cx.now).await?, path };
        /// The 外用工/外包工台帐 of one department (by name) or all, as PDF, for the preview.
        contractor.ledger_preview = contractor_ledger_preview(department: Option<String>) -> Bytes
            => |cx| Bytes(contractor::print::ledger_pdf(cx.store, &cx.actor().await?, department.as_deref(), cx.now).await?);
        /// The ledger as PDF to `path` (from the save dialog).
        contractor.ledger_pdf_save = contractor_ledger_pdf_save(department: Option<String>, path: String) -> Saved
            => |cx| Saved { bytes: contractor::print::ledger_pdf(cx.store, &cx.actor().await?, department.as_deref(), cx.now).await?, path };
        /// The ledger as .xlsx to `path` (from the save dialog); returns its lines.
        contractor.ledger_xlsx_save = contractor_ledger_xlsx_save(department: Option<String>, path: String) -> i64
            => |cx| contractor::print::ledger_xlsx(cx.store, &cx.actor().await?, department.as_deref(), self::path(&path), cx.now).await?;
        // --- contract-print ---
        /// The agreement's clause template: the current version, or `version` (安全管理部 and admin).
        agreement_template.get = agreement_template_get(version: Option<i64>) -> AgreementTemplate
            => |cx| contractor_forms::get_template(cx.store, &cx.actor().await?, version).await?;
        /// Every saved version, newest first.
        agreement_template.versions = agreement_template_versions() -> Vec<TemplateVersion>
            => |cx| contractor_forms::template_versions(cx.store, &cx.actor().await?).await?;
        /// The shipped text, to start over from (nothing is saved).
        agreement_template.defaults = agreement_template_defaults() -> AgreementTemplate
            => |cx| {
                cx.actor().await?.require(account::Permission::EditAgreementTemplate)?;
                contractor_forms::default_template()
            };
        /// Saves the text as the next version (an unchanged text adds none).
        agreement_template.save = agreement_template_save(input: AgreementTemplateInput) -> AgreementTemplate
            => |cx| contractor_forms::save_template(cx.store, &cx.actor().await?, input, cx.now).await?;
        /// The sample engagement's four-copy agreement printed with the unsaved text.
        agreement_template.preview = agreement_template_preview(input: AgreementTemplateInput) -> Bytes
            => |cx| Bytes(contractor_forms::preview_template(cx.store, &cx.actor().await?, input).await?);
        /// The preview opened in the system viewer, to print a sample.
        agreement_template.preview_open = agreement_template_preview_open(input: AgreementTemplateInput) -> Opened
            => |cx| {
                let bytes = contractor_forms::preview_template(cx.store, &cx.actor().await?, input).await?;
                Opened { folder: ViewerFolder::Prints, name: "安全协议书模板预览.pdf".into(), bytes }
            };
        /// The preview written to `path` (from the save dialog).
        agreement_template.preview_save = agreement_template_preview_save(input: AgreementTemplateInput, path: String) -> Saved
            => |cx| Saved { bytes: contractor_forms::preview_template(cx.store, &cx.actor().await?, input).await?, path };
        /// A blank 计划外用工申报表 or 审批表, opened for printing.
        contractor_forms.blank_pdf_open = contractor_blank_pdf_open(form: BlankForm) -> Opened
            => |cx| {
                cx.actor().await?;
                let bytes = contractor_forms::render_blank(cx.store, form).await?;
                Opened { folder: ViewerFolder::Prints, name: format!("空白{}.pdf", form.label()), bytes }
            };
        /// Writes the blank form to `path` (from the save dialog).
        contractor_forms.blank_pdf_save = contractor_blank_pdf_save(form: BlankForm, path: String) -> Saved
            => |cx| { cx.actor().await?; Saved { bytes: contractor_forms::render_blank(cx.store, form).await?, path } };
        /// The blank form's bytes for the in-app preview.
        contractor_forms.blank_pdf_preview = contractor_blank_pdf_preview(form: BlankForm) -> Bytes
            => |cx| { cx.actor().await?; Bytes(contractor_forms::render_blank(cx.store, form).await?) };
        // --- server (desk mode) ---
        /// The server's version and setup state, for a desk before anyone signs in.
        system.server_status = server_status() -> ServerStatus
            => |cx| ServerStatus { version: env!("CARGO_PKG_VERSION").into(), setup: account::setup_status(cx.store).await? };
        // --- service ---
        /// Feedback, visits due and returns to approve, for the workbench.
        service.my_work = service_my_work() -> ServiceWork
            => |cx| service::my_work(cx.store, &cx.actor().await?, cx.now).await?;
        /// The customer's complaints, feedback, visits and returns, newest first.
        customers.timeline = customer_timeline(id: i64) -> Vec<TimelineEntry>
            => |cx| timeline::customer_timeline(cx.store, &cx.actor().await?, id, 200).await?;
        feedback.list = feedback_list(query: FeedbackQuery) -> FeedbackPage
            => |cx| feedback::list(cx.store, &cx.actor().await?, &query, cx.now).await?;
        feedback.get = feedback_get(id: i64) -> Feedback
            => |cx| feedback::get(cx.store, &cx.actor().await?, id).await?;
        feedback.register = feedback_register(input: FeedbackInput) -> Feedback
            => |cx| feedback::register(cx.store, &cx.actor().await?, input, cx.now).await?;
        feedback.route = feedback_route(id: i64, version: i64, routes: Vec<RouteInput>) -> Feedback
            => |cx| feedback::route(cx.store, &cx.actor().await?, id, version, routes, cx.now).await?;
        /// The signed-in user's department answers.
        feedback.answer = feedback_answer(id: i64, answer: String) -> Feedback
            => |cx| feedback::answer(cx.store, &cx.actor().await?, id, &answer, cx.now).await?;
        feedback.close = feedback_close(id: i64, version: i64, note: String) -> Feedback
            => |cx| feedback::close(cx.store, &cx.actor().await?, id, version, &note, cx.now).await?;
        feedback.adopt = feedback_adopt(id: i64, version: i64) -> Feedback
            => |cx| feedback::adopt(cx.store, &cx.actor().await?, id, version, cx.now).await?;
        /// Registers a complaint from the item (linked both ways) and closes the item.
        feedback.convert = feedback_convert(id: i64, version: i64, conversion: Conversion) -> Feedback
            => |cx| feedback::convert_to_complaint(cx.store, &cx.actor().await?, id, version, conversion, cx.now).await?;
        care.plans = care_plan_list(customer_id: Option<i64>) -> Vec<CarePlan>
            => |cx| care::plans(cx.store, &cx.actor().await?, customer_id, cx.now).await?;
        care.create_plan = care_plan_create(input: CarePlanInput) -> CarePlan
            => |cx| care::create_plan(cx.store, &cx.actor().await?, input, cx.now).await?;
        /// `active` false ends the plan (its open visits are cancelled).
        care.update_plan = care_plan_update(id: i64, version: i64, input: CarePlanInput, active: bool) -> CarePlan
            => |cx| care::update_plan(cx.store, &cx.actor().await?, id, version, input, active, cx.now).await?;
        visits.list = visit_list(query: VisitQuery) -> VisitPage
            => |cx| care::list(cx.store, &cx.actor().await?, &query, cx.now).await?;
        visits.get = visit_get(id: i64) -> Visit
            => |cx| care::get(cx.store, &cx.actor().await?, id).await?;
        visits.schedule = visit_schedule(input: VisitSchedule) -> Visit
            => |cx| care::schedule(cx.store, &cx.actor().await?, input, cx.now).await?;
        visits.record = visit_record(id: i64, version: i64, input: VisitRecord) -> Visit
            => |cx| care::record(cx.store, &cx.actor().await?, id, version, input, cx.now).await?;
        visits.cancel = visit_cancel(id: i64, version: i64, reason: String) -> Visit
            => |cx| care::cancel(cx.store, &cx.actor().await?, id, version, &reason, cx.now).await?;
        /// 客户回访记录表, opened for printing.
        visits.pdf_open = visit_pdf_open(id: i64) -> Opened
            => |cx| {
                let actor = cx.actor().await?;
                let number = care::get(cx.store, &actor, id).await?.number;
                Opened { folder: ViewerFolder::Prints, name: format!("{number}-客户回访记录表.pdf"), bytes: service::render_visit(cx.store, &actor, id, cx.now).await? }
            };
        visits.pdf_save = visit_pdf_save(id: i64, path: String) -> Saved
            => |cx| Saved { bytes: service::render_visit(cx.store, &cx.actor().await?, id, cx.now).await?, path };
        /// A blank 客户回访记录表 with the customer's data, to take along.
        visits.blank_pdf_open = visit_blank_pdf_open(customer_id: i64) -> Opened
            => |cx| Opened { folder: ViewerFolder::Prints, name: "空白客户回访记录表.pdf".into(), bytes: service::render_blank_visit(cx.store, &cx.actor().await?, customer_id, cx.now).await? };
        returns.list = return_list(query: ReturnQuery) -> ReturnPage
            => |cx| returns::list(cx.store, &cx.actor().await?, &query).await?;
        returns.get = return_get(id: i64) -> StoreReturn
            => |cx| returns::get(cx.store, &cx.actor().await?, id).await?;
        /// The commands the signed-in user may give the return now.
        returns.commands = return_commands(id: i64) -> Vec<ReturnCommand>
            => |cx| { let actor = cx.actor().await?; returns::available(&actor, &returns::get(cx.store, &actor, id).await?) };
        returns.register = return_register(input: ReturnInput) -> StoreReturn
            => |cx| returns::register(cx.store, &cx.actor().await?, input, cx.now).await?;
        /// `reason` is required to reject.
        returns.transition = return_transition(id: i64, version: i64, command: ReturnCommand, reason: String) -> StoreReturn
            => |cx| returns::transition(cx.store, &cx.actor().await?, id, version, command, &reason, cx.now).await?;
        /// 退换货单, opened for printing.
        returns.pdf_open = return_pdf_open(id: i64) -> Opened
            => |cx| {
                let actor = cx.actor().await?;
                let number = returns::get(cx.store, &actor, id).await?.number;
                Opened { folder: ViewerFolder::Prints, name: format!("{number}-退换货单.pdf"), bytes: service::render_return(cx.store, &actor, id, cx.now).await? }
            };
        returns.pdf_save = return_pdf_save(id: i64, path: String) -> Saved
            => |cx| Saved { bytes: service::render_return(cx.store, &cx.actor().await?, id, cx.now).await?, path };
        /// Counts, quantities and amounts of one month per store, type and reason.
        returns.monthly = return_monthly(year: i32, month: u32) -> Vec<ReturnStat>
            => |cx| returns::monthly_stats(cx.store, &cx.actor().await?, year, month).await?;
        /// Writes the month's figures to `path` (.xlsx, from the save dialog).
        returns.export_monthly = return_export_monthly(year: i32, month: u32, path: String) -> i64
            => |cx| returns::export_monthly(cx.store, &cx.actor().await?, year, month, self::path(&path)).await?;
        /// `path` comes from the open dialog; a preview to map as for customers.
        feedback.import_file = feedback_import(path: String, mode: ImportMode, mapping: Option<Mapping>) -> ImportOutcome
            => |cx| transfer::import_feedback(cx.store, &cx.actor().await?, self::path(&path), mode, mapping, cx.now).await?;
        feedback.export_file = feedback_export(path: String, template: bool) -> i64
            => |cx| transfer::export_feedback(cx.store, &cx.actor().await?, self::path(&path), template).await?;
        visits.import_file = visit_import(path: String, mode: ImportMode, mapping: Option<Mapping>) -> ImportOutcome
            => |cx| transfer::import_visits(cx.store, &cx.actor().await?, self::path(&path), mode, mapping, cx.now).await?;
        visits.export_file = visit_export(path: String, template: bool) -> i64
            => |cx| transfer::export_visits(cx.store, &cx.actor().await?, self::path(&path), template).await?;
        returns.import_file = return_import(path: String, mode: ImportMode, mapping: Option<Mapping>) -> ImportOutcome
            => |cx| transfer::import_returns(cx.store, &cx.actor().await?, self::path(&path), mode, mapping, cx.now).await?;
        returns.export_file = return_export(path: String, template: bool) -> i64
            => |cx| transfer::export_returns(cx.store, &cx.actor().await?, self::path(&path), template).await?;
        // --- workers ---
        /// 外来人员; a whole valid ID number in `text` finds its holder. Numbers are masked unless
        /// the user's role holds `view_id_numbers`.
        workers.list = worker_list(query: contractor::WorkerQuery) -> contractor::WorkerPage
            => |cx| contractor::worker::list(cx.store, &cx.actor().await?, &query).await?;
        workers.get = worker_get(id: i64) -> contractor::Worker
            => |cx| contractor::worker::get(cx.store, &cx.actor().await?, id).await?;
        /// The holder of an ID number (null: nobody registered); a wrong check character is an error.
        workers.find_by_id_number = worker_find_by_id_number(id_number: String) -> Option<contractor::Worker>
            => |cx| contractor::worker::find_by_id_number(cx.store, &cx.actor().await?, &id_number).await?;
        workers.history = worker_history(id: i64) -> Vec<AuditEvent>
            => |cx| contractor::worker::history(cx.store, &cx.actor().await?, id).await?;
        workers.create = worker_create(input: contractor::WorkerInput) -> contractor::Worker
            => |cx| contractor::worker::create(cx.store, &cx.actor().await?, input, cx.now).await?;
        workers.update = worker_update(id: i64, version: i64, input: contractor::WorkerInput) -> contractor::Worker
            => |cx| contractor::worker::update(cx.store, &cx.actor().await?, id, version, input, cx.now).await?;
        /// `reason` is required to blacklist.
        workers.set_blacklisted = worker_set_blacklisted(id: i64, version: i64, blacklisted: bool, reason: String) -> contractor::Worker
            => |cx| contractor::worker::set_blacklisted(cx.store, &cx.actor().await?, id, version, blacklisted, &reason, cx.now).await?;
        /// What an ID number says (birth date, sex) or why it is wrong, as the form is typed.
        workers.parse_id_number = worker_parse_id_number(id_number: String) -> contractor::IdNumber
            => |cx| { cx.actor().await?; contractor::id_number::parse(&id_number)? };
        /// `path` is an image file (JPG, PNG …) from the open dialog; it replaces the photo.
        workers.set_photo = worker_set_photo(id: i64, path: String) -> contractor::Worker
            => |cx| contractor::worker::set_photo(cx.store, &cx.actor().await?, id, self::path(&path), cx.now).await?;
        /// Puts registered people on the roster; `unit_note` explains a person of another unit.
        contractor.roster_add_workers = engagement_roster_add_workers(id: i64, worker_ids: Vec<i64>, working: bool, unit_note: String) -> contractor::Engagement
            => |cx| contractor::worker_roster::add_workers(cx.store, &cx.actor().await?, id, worker_ids, working, &unit_note, cx.now).await?;
        /// The unit's roster list (.xlsx from the open dialog); a preview to map as for customers.
        contractor.roster_import = engagement_roster_import(id: i64, path: String, mode: ImportMode, mapping: Option<Mapping>) -> ImportOutcome
            => |cx| contractor::worker_roster::import(cx.store, &cx.actor().await?, id, self::path(&path), mode, mapping, cx.now).await?;
        /// The empty roster sheet (姓名, 身份证号, 工种 …) to hand to a unit.
        contractor.roster_template = engagement_roster_template(path: String) -> i64
            => |cx| { cx.actor().await?.require(account::Permission::ViewContractors)?; contractor::worker_roster::template(self::path(&path))?; 0 };
        // --- incidents ---
        /// 违规考核 with filters; the penalties of every match.
        violations.list = violation_list(query: contractor::violation::ViolationQuery) -> contractor::violation::ViolationPage
            => |cx| contractor::violation::list(cx.store, &cx.actor().await?, &query).await?;
        violations.get = violation_get(id: i64) -> contractor::violation::Violation
            => |cx| contractor::violation::get(cx.store, &cx.actor().await?, id).await?;
        violations.record = violation_record(input: contractor::violation::ViolationInput) -> contractor::violation::Violation
            => |cx| contractor::violation::record(cx.store, &cx.actor().await?, input, cx.now).await?;
        /// The engagement's 安全风险抵押金 ledger: 应收/已收/余额 and every entry.
        deposits.ledger = deposit_ledger(engagement_id: i64) -> contractor::deposit::DepositLedger
            => |cx| contractor::deposit::ledger(cx.store, &cx.actor().await?, engagement_id).await?;
        /// 收取 / 扣除 / 退还 (entries are never edited; a wrong one is answered by an opposite one).
        deposits.enter = deposit_enter(engagement_id: i64, input: contractor::deposit::DepositEntryInput) -> contractor::deposit::DepositLedger
            => |cx| contractor::deposit::enter(cx.store, &cx.actor().await?, engagement_id, input, cx.now).await?;
        accidents.list = accident_list(query: contractor::accident::AccidentQuery) -> contractor::accident::AccidentPage
            => |cx| contractor::accident::list(cx.store, &cx.actor().await?, &query, cx.now).await?;
        /// The accident with its route and its clock as of the server's now.
        accidents.get = accident_get(id: i64) -> contractor::accident::Accident
            => |cx| contractor::accident::get(cx.store, &cx.actor().await?, id, cx.now).await?;
        accidents.register = accident_register(input: contractor::accident::AccidentInput) -> contractor::accident::Accident
            => |cx| contractor::accident::register(cx.store, &cx.actor().await?, input, cx.now).await?;
        /// Records the report to the authority (time, by whom).
        accidents.report = accident_report(id: i64, version: i64, reported_at: chrono::DateTime<chrono::Utc>, reported_by: String) -> contractor::accident::Accident
            => |cx| contractor::accident::report(cx.store, &cx.actor().await?, id, version, reported_at, &reported_by, cx.now).await?;
        /// Records when the company safety department was informed.
        accidents.inform_safety = accident_inform_safety(id: i64, version: i64, informed_at: chrono::DateTime<chrono::Utc>) -> contractor::accident::Accident
            => |cx| contractor::accident::inform_safety(cx.store, &cx.actor().await?, id, version, informed_at, cx.now).await?;
        accidents.close = accident_close(id: i64, version: i64, result: String) -> contractor::accident::Accident
            => |cx| contractor::accident::close(cx.store, &cx.actor().await?, id, version, &result, cx.now).await?;
        /// The people part of the safety workbench: certificates due, today's denials, open accidents, deposits held.
        contractor.safety_people = contractor_safety_people() -> contractor::safety_view::SafetyPeopleView
            => |cx| contractor::safety_view::people_view(cx.store, &cx.actor().await?, cx.now).await?;
        /// 事故快报 bytes for the in-app preview.
        accidents.pdf_preview = accident_pdf_preview(id: i64) -> Bytes
            => |cx| Bytes(contractor::incident_print::render_accident(cx.store, &cx.actor().await?, id, cx.now).await?);
        /// 事故快报 opened in the system PDF viewer.
        accidents.pdf_open = accident_pdf_open(id: i64) -> Opened
            => |cx| {
                let actor = cx.actor().await?;
                let number = contractor::accident::get(cx.store, &actor, id, cx.now).await?.number;
                let bytes = contractor::incident_print::render_accident(cx.store, &actor, id, cx.now).await?;
                Opened { folder: ViewerFolder::Prints, name: format!("{number}-事故快报.pdf"), bytes }
            };
        accidents.pdf_save = accident_pdf_save(id: i64, path: String) -> Saved
            => |cx| Saved { bytes: contractor::incident_print::render_accident(cx.store, &cx.actor().await?, id, cx.now).await?, path };
        /// The engagement's 安全风险抵押金台帐 bytes for the in-app preview.
        deposits.pdf_preview = deposit_pdf_preview(engagement_id: i64) -> Bytes
            => |cx| Bytes(contractor::incident_print::render_deposit_ledger(cx.store, &cx.actor().await?, engagement_id, cx.now).await?);
        deposits.pdf_open = deposit_pdf_open(engagement_id: i64) -> Opened
            => |cx| {
                let actor = cx.actor().await?;
                let number = contractor::deposit::ledger(cx.store, &actor, engagement_id).await?.engagement_number;
                let bytes = contractor::incident_print::render_deposit_ledger(cx.store, &actor, engagement_id, cx.now).await?;
                Opened { folder: ViewerFolder::Prints, name: format!("{number}-安全风险抵押金台帐.pdf"), bytes }
            };
        deposits.pdf_save = deposit_pdf_save(engagement_id: i64, path: String) -> Saved
            => |cx| Saved { bytes: contractor::incident_print::render_deposit_ledger(cx.store, &cx.actor().await?, engagement_id, cx.now).await?, path };
        // --- education ---
        education.classes = safety_class_list(query: contractor::education::ClassQuery) -> contractor::education::ClassPage
            => |cx| contractor::education::list(cx.store, &cx.actor().await?, &query).await?;
        education.class = safety_class_get(id: i64) -> contractor::education::SafetyClass
            => |cx| contractor::education::get(cx.store, &cx.actor().await?, id).await?;
        /// One class for many people: the sign-in sheet lists `worker_ids` (at least one).
        education.create_class = safety_class_create(input: contractor::education::ClassInput, worker_ids: Vec<i64>) -> contractor::education::SafetyClass
            => |cx| contractor::education::create(cx.store, &cx.actor().await?, input, worker_ids, cx.now).await?;
        education.update_class = safety_class_update(id: i64, version: i64, input: contractor::education::ClassInput) -> contractor::education::SafetyClass
            => |cx| contractor::education::update(cx.store, &cx.actor().await?, id, version, input, cx.now).await?;
        education.add_attendees = safety_class_add_attendees(id: i64, version: i64, worker_ids: Vec<i64>) -> contractor::education::SafetyClass
            => |cx| contractor::education::add_attendees(cx.store, &cx.actor().await?, id, version, worker_ids, cx.now).await?;
        education.remove_attendee = safety_class_remove_attendee(id: i64, version: i64, worker_id: i64) -> contractor::education::SafetyClass
            => |cx| contractor::education::remove_attendee(cx.store, &cx.actor().await?, id, version, worker_id, cx.now).await?;
        /// Scores and signatures of the whole sheet at once.
        education.record_scores = safety_class_record_scores(id: i64, version: i64, scores: Vec<contractor::education::ScoreInput>) -> contractor::education::SafetyClass
            => |cx| contractor::education::record_scores(cx.store, &cx.actor().await?, id, version, scores, cx.now).await?;
        /// 三级安全教育培训签到表 of the class.
        education.class_pdf_preview = safety_class_pdf_preview(id: i64) -> Bytes
            => |cx| Bytes(contractor::education::print::class_pdf(cx.store, &cx.actor().await?, id, cx.now).await?);
        education.class_pdf_open = safety_class_pdf_open(id: i64) -> Opened
            => |cx| Opened { folder: ViewerFolder::Prints, name: format!("安全教育签到表-{id}.pdf"), bytes: contractor::education::print::class_pdf(cx.store, &cx.actor().await?, id, cx.now).await? };
        education.class_pdf_save = safety_class_pdf_save(id: i64, path: String) -> Saved
            => |cx| Saved { bytes: contractor::education::print::class_pdf(cx.store, &cx.actor().await?, id, cx.now).await?, path };
        /// A worker's classes, standing (on the company's today) and certificates.
        education.worker = worker_education(worker_id: i64) -> contractor::education::WorkerEducation
            => |cx| contractor::education::worker_education(cx.store, &cx.actor().await?, worker_id, cx.now).await?;
        /// 个人安全教育档案卡.
        education.card_pdf_open = worker_education_card_pdf_open(worker_id: i64) -> Opened
            => |cx| Opened { folder: ViewerFolder::Prints, name: format!("个人安全教育档案卡-{worker_id}.pdf"), bytes: contractor::education::print::worker_card_pdf(cx.store, &cx.actor().await?, worker_id, cx.now).await? };
        education.card_pdf_save = worker_education_card_pdf_save(worker_id: i64, path: String) -> Saved
            => |cx| Saved { bytes: contractor::education::print::worker_card_pdf(cx.store, &cx.actor().await?, worker_id, cx.now).await?, path };
        education.certificates = worker_certificate_list(worker_id: i64) -> Vec<contractor::person_certificate::CertificateLine>
            => |cx| contractor::person_certificate::of_worker(cx.store, &cx.actor().await?, worker_id, cx.now).await?;
        /// Adds (`certificate_id` null) or changes a certificate; returns the worker's certificates.
        education.save_certificate = worker_certificate_save(worker_id: i64, certificate_id: Option<i64>, version: Option<i64>, input: contractor::person_certificate::WorkerCertificateInput) -> Vec<contractor::person_certificate::CertificateLine>
            => |cx| contractor::person_certificate::save(cx.store, &cx.actor().await?, worker_id, certificate_id, version, input, cx.now).await?;
        education.remove_certificate = worker_certificate_remove(id: i64) -> Vec<contractor::person_certificate::CertificateLine>
            => |cx| contractor::person_certificate::remove(cx.store, &cx.actor().await?, id, cx.now).await?;
        /// A passed review on `reviewed_on`: the next is due a cycle after it.
        education.review_certificate = worker_certificate_review(id: i64, version: i64, reviewed_on: chrono::NaiveDate) -> Vec<contractor::person_certificate::CertificateLine>
            => |cx| contractor::person_certificate::record_review(cx.store, &cx.actor().await?, id, version, reviewed_on, cx.now).await?;
        /// Certificates expiring or due for review, lapsed ones, and the education due of the
        /// people on approved or working rosters (the safety department's view).
        education.expiring = education_expiring() -> Vec<contractor::education::PersonDue>
            => |cx| { let today = contractor::local_today(cx.store, cx.now).await?; contractor::education::expiring(cx.store, &cx.actor().await?, today).await? };
        // --- gate ---
        /// 入场资格审查 of a person (ID number or pass code) at the desk `gate`, logged; when the
        /// person is on several current engagements and none is named, the candidates instead.
        entry.check = entry_check(request: entry::CheckRequest, gate: String) -> entry::CheckAnswer
            => |cx| entry::check_entry(cx.store, &cx.actor().await?, request, &gate, cx.now).await?;
        /// 放行 a denied check with a written reason (安全管理部, admin).
        entry.override_check = entry_override(check_id: i64, reason: String) -> entry::EntryCheck
            => |cx| entry::override_entry(cx.store, &cx.actor().await?, check_id, &reason, cx.now).await?;
        /// The day's checks, newest first.
        entry.log = entry_log(query: entry::EntryLogQuery) -> entry::EntryLogPage
            => |cx| entry::entry_log(cx.store, &cx.actor().await?, &query, cx.now).await?;
        entry.get = entry_check_get(id: i64) -> entry::EntryCheck
            => |cx| entry::get_check(cx.store, &cx.actor().await?, id).await?;
        /// 入场资格审查单 of one check, for the in-app preview.
        entry.sheet_preview = entry_sheet_preview(id: i64) -> Bytes
            => |cx| Bytes(entry_print::sheet_pdf(cx.store, &cx.actor().await?, id, cx.now).await?);
        entry.sheet_open = entry_sheet_open(id: i64) -> Opened
            => |cx| Opened { folder: ViewerFolder::Prints, name: format!("入场资格审查单-{id}.pdf"), bytes: entry_print::sheet_pdf(cx.store, &cx.actor().await?, id, cx.now).await? };
        entry.sheet_save = entry_sheet_save(id: i64, path: String) -> Saved
            => |cx| Saved { bytes: entry_print::sheet_pdf(cx.store, &cx.actor().await?, id, cx.now).await?, path };
        /// 入场证 of the engagement's roster (`workers` absent) or the chosen people, ten to a sheet.
        entry.passes_preview = entry_passes_preview(engagement_id: i64, workers: Option<Vec<i64>>) -> Bytes
            => |cx| Bytes(entry_print::passes_pdf(cx.store, &cx.actor().await?, engagement_id, workers).await?);
        entry.passes_open = entry_passes_open(engagement_id: i64, workers: Option<Vec<i64>>) -> Opened
            => |cx| Opened { folder: ViewerFolder::Prints, name: format!("入场证-{engagement_id}.pdf"), bytes: entry_print::passes_pdf(cx.store, &cx.actor().await?, engagement_id, workers).await? };
        entry.passes_save = entry_passes_save(engagement_id: i64, workers: Option<Vec<i64>>, path: String) -> Saved
            => |cx| Saved { bytes: entry_print::passes_pdf(cx.store, &cx.actor().await?, engagement_id, workers).await?, path };
    }
}
