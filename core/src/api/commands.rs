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
use crate::customer::{self, Customer, CustomerInput, CustomerPage, CustomerQuery};
use crate::db::{BackupReport, HealthReport};
use crate::demo::{self, DemoSummary};
use crate::error::Result;
use crate::org::{self, Department, DepartmentInput, SalesStore, StoreInput};
// --- service ---
use crate::service::care::{self, CarePlan, CarePlanInput, Visit, VisitPage, VisitQuery, VisitRecord, VisitSchedule};
use crate::service::feedback::{self, Conversion, Feedback, FeedbackInput, FeedbackPage, FeedbackQuery, RouteInput};
use crate::service::returns::{self, ReturnCommand, ReturnInput, ReturnPage, ReturnQuery, ReturnStat, StoreReturn};
use crate::service::timeline::{self, TimelineEntry};
use crate::service::transfer;
use crate::service::{self, ServiceWork};
use crate::settings::{self, Settings};
use crate::xlsx::{ImportMode, ImportOutcome, Mapping};

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
    }
}
