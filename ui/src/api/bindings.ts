// Generated from the Rust types by tests/bindings.rs. Do not edit by hand:
// UPDATE_BINDINGS=1 cargo test --test bindings

/**
 * The one error shape that crosses a process boundary (IPC today, HTTP with the company
 * server). `code` is stable and for the UI to branch on; `message` is Chinese and for the user;
 * `field` names the input a validation error is about.
 */
export type IpcError = { code: string, message: string, field: string | null, };

/**
 * What the window needs before anything else: whether the store opened, and whether first-run
 * setup is still to do. Answered by the desk's shell (`app_status`), which knows its window.
 */
export type AppStatus = { version: string, data_dir: string, startup_error: IpcError | null, setup: SetupStatus | null, 
/**
 * Set only by end-to-end tests (SHOUHOU_TEST_SAVE_DIR): files are saved there without
 * a native dialog, which WebDriver cannot see.
 */
test_save_dir: string | null, 
/**
 * Set only by end-to-end tests (SHOUHOU_TEST_OPEN_FILES, a path list): the files an open
 * dialog would have returned.
 */
test_open_files: Array<string>, 
/**
 * The company server this desk works on; `null` when it works on its own data folder.
 */
server: DeskServer | null, };

/**
 * Where the next page starts: the sort key(s) and the id of the last row shown. Opaque to the
 * UI, which only hands it back.
 */
export type Cursor = string;

/**
 * One page of a list.
 */
export type Page<T> = { items: Array<T>, 
/**
 * Matching rows (not just this page), counted up to [`COUNT_CAP`].
 */
total: number, 
/**
 * More match than `total` says.
 */
total_capped: boolean, 
/**
 * Pass back as the query's `after` for the next page; absent on the last page.
 */
next: Cursor | null, };

/**
 * The roles of DESIGN.md. Stored by `key()`.
 */
export type Role = "after_sales" | "after_sales_manager" | "business" | "quality" | "technical" | "production" | "safety" | "hiring_dept" | "store_clerk" | "gate" | "admin";

/**
 * Things a use-case may require of the acting user. The UI receives the signed-in user's
 * list to decide which menus to show; the core checks them regardless.
 */
export type Permission = "manage_users" | "manage_organisation" | "manage_settings" | "view_audit" | "backup" | "view_customers" | "edit_customers" | "manage_customers" | "view_complaints" | "register_complaints" | "handle_complaints" | "close_complaints" | "sign_complaints" | "verify_complaint_actions" | "view_reports" | "manage_shipments" | "submit_reports" | "view_surveys" | "run_surveys" | "enter_survey_responses" | "view_contractors" | "edit_contractor_units" | "blacklist_contractor_units" | "manage_engagements" | "review_engagements" | "edit_agreement_template" | "view_service" | "register_feedback" | "handle_feedback" | "answer_feedback" | "manage_visits" | "view_returns" | "register_returns" | "approve_returns" | "view_id_numbers" | "manage_workers" | "blacklist_workers" | "record_violations" | "manage_deposits" | "record_accidents" | "manage_education" | "check_entry" | "override_entry_check";

export type RoleInfo = { key: Role, label: string, needs_department: boolean, needs_store: boolean, };

/**
 * Who is acting. Every use-case takes one and checks it before touching data.
 */
export type Actor = { 
/**
 * `None` for the local operator of the command-line tool.
 */
user_id: number | null, username: string, display_name: string, role: Role, department_id: number | null, store_id: number | null, 
/**
 * What the role allows, for the UI's menus.
 */
permissions: Array<Permission>, };

export type InitialSetup = { company_name: string, admin_username: string, admin_display_name: string, password: string, };

export type User = { id: number, username: string, display_name: string, role: Role, department_id: number | null, department_name: string | null, store_id: number | null, store_name: string | null, phone: string, active: boolean, last_login_at: string | null, created_at: string, updated_at: string, version: number, };

export type NewUser = { username: string, display_name: string, role: Role, department_id: number | null, store_id: number | null, phone: string, password: string, };

export type UserUpdate = { display_name: string, role: Role, department_id: number | null, store_id: number | null, phone: string, 
/**
 * The version the editor read; a newer one in the database means someone else saved first.
 */
version: number, };

export type Department = { id: number, name: string, sort_order: number, active: boolean, 
/**
 * Active users in the department.
 */
user_count: number, version: number, };

export type DepartmentInput = { name: string, sort_order: number, active: boolean, };

export type SalesStore = { id: number, code: string, name: string, region: string, address: string, manager: string, phone: string, active: boolean, version: number, };

/**
 * A colleague as pickers show them: an active user and their department (no account details).
 */
export type Person = { id: number, display_name: string, department_id: number | null, };

export type StoreInput = { code: string, name: string, region: string, address: string, manager: string, phone: string, active: boolean, };

export type Settings = { 
/**
 * Printed in the header of every form.
 */
company_name: string, 
/**
 * The company's particulars as 甲方 of the safety agreement: 统一社会信用代码 (GB 32100,
 * checked), 法定代表人, 地址, 电话. Empty until the admin fills them in.
 */
company_credit_code: string, company_legal_rep: string, company_address: string, company_phone: string, 
/**
 * IANA name; dates are shown and typed in this zone.
 */
time_zone: string, 
/**
 * A complaint with no customer contact this many hours after receipt is flagged overdue
 * (the rule asks for contact 第一时间).
 */
first_contact_hours: number, 
/**
 * Company mode: a desk's session ends after this many hours without a call (default 8).
 * Left out of an update (a screen that does not show it), the stored value is kept.
 */
session_idle_hours?: number, 
/**
 * The departments that must sign every 严重/重大 remedy (报各部门审批); a round may add more,
 * never leave one of these out. Seeded with 生产部, 技术部, 售后服务部, 业务部, 品控中心.
 */
signoff_department_ids: Array<number>, 
/**
 * 项目原因: the cause codes an analysis picks from (the monthly report attributes by them).
 */
cause_codes: Array<string>, 
/**
 * The after-sales contact the letters to customers name (联系人 and 电话).
 */
service_contact_name: string, service_contact_phone: string, 
/**
 * Days a customer has to object to an appraisal (鉴定说明函), default 15.
 */
objection_days: number, 
/**
 * The complaint rate the monthly report states as official (the rule fixes none).
 */
complaint_rate_formula: RateFormula, 
/**
 * The target for that rate, in the formula's unit (% or PPM); `None`: no target set.
 */
complaint_rate_target: number | null, 
/**
 * A month's report is due on this day of the next month (1–28) …
 */
report_deadline_day: number, 
/**
 * … at this hour, company time (0–23). The rule: the 5th at 17:00.
 */
report_deadline_hour: number, 
/**
 * A satisfaction survey after every closed complaint: the customer is added to the standing
 * campaign 投诉结案满意度调查 when the complaint closes. Off unless set; left out of an
 * update (a screen that does not show it), the stored value is kept.
 */
survey_after_close?: boolean, 
/**
 * Company mode: the hour (company time, 0–23) the server backs its data folder up each day
 * (default 2). Left out of an update, the stored value is kept.
 */
backup_hour?: number, 
/**
 * Company mode: how many daily backups the server keeps (default 14; older ones are removed).
 */
backup_keep?: number, 
/**
 * Closing a complaint schedules a follow-up visit (回访) to its customer.
 */
follow_up_visit_after_close: boolean, 
/**
 * That visit is due this many days after the closing day.
 */
follow_up_visit_days: number, 
/**
 * The safety department's numbers for outside personnel (education hours, warning windows,
 * review cycles). Left out of an update (a screen that does not show them), the stored ones
 * are kept; read them with [`Settings::safety_rules`].
 */
safety?: SafetyRules, };

/**
 * The numbers of `domain/contractor-safety.md` §5 and §6, editable because some come from
 * reprints of the regulations rather than the gazette.
 */
export type SafetyRules = { 
/**
 * 岗前安全培训学时, general work (default 24).
 */
education_hours_general: number, 
/**
 * 岗前安全培训学时, 金属冶炼 and other high-risk work (default 72).
 */
education_hours_high_risk: number, 
/**
 * 每年再培训学时, high-risk work (default 20).
 */
retraining_hours: number, 
/**
 * Away this many days (or a post change) → workshop- and team-level education again (365).
 */
reeducation_after_days_away: number, 
/**
 * Warn at the gate when a certificate expires within this many days (30).
 */
warn_certificate_days: number, 
/**
 * Warn when a certificate's review is due within this many days (60: the window to apply).
 */
warn_review_days: number, 
/**
 * Warn when the engagement ends within this many days (7).
 */
warn_engagement_end_days: number, 
/**
 * 特种作业操作证: review every this many years (3).
 */
special_operation_review_years: number, 
/**
 * 特种设备作业人员证: review every this many years (4).
 */
special_equipment_review_years: number, 
/**
 * An accident is reported to the authority within this many minutes (60).
 */
accident_report_minutes: number, };

export type AuditEvent = { id: number, occurred_at: string, actor_id: number | null, actor_name: string, entity: string, entity_id: string, action: string, summary: string, before_json: string | null, after_json: string | null, 
/**
 * The desk the change came from in company mode ("质检-PC (192.168.1.23)"); `null` for
 * this desk alone and the command line.
 */
desk: string | null, };

/**
 * Filters for the audit screen; every field is optional. Newest first (the log is appended in
 * time order, so by id), paged by keyset on `id`.
 */
export type AuditFilter = { entity?: string, 
/**
 * With `entity`: the history of one record.
 */
entity_id?: string, action?: string, actor_id?: number, 
/**
 * Inclusive lower bound, UTC.
 */
from?: string, 
/**
 * Exclusive upper bound, UTC.
 */
to?: string, 
/**
 * Substring of the summary or the entity id.
 */
text?: string, 
/**
 * The previous page's `next`.
 */
after?: Cursor, limit?: number, };

/**
 * What `check` reports.
 */
export type HealthReport = { database_path: string, integrity: string, foreign_key_violations: number, applied_migrations: Array<number>, pending_migrations: Array<number>, journal_mode: string, 
/**
 * Attachments whose file is gone from the data folder ("KS-2026-0003 现场照片.jpg").
 */
missing_attachments: Array<string>, healthy: boolean, };

export type BackupReport = { path: string, bytes: number, integrity: string, migrations: number, 
/**
 * Attachment files the database refers to, all present in the backup's `attachments/`.
 */
attachments: number, 
/**
 * Of those, copied by this backup (the others were there from an earlier one).
 */
attachments_copied: number, };

export type DemoAccount = { username: string, display_name: string, role_label: string, place: string, };

export type DemoSummary = { company_name: string, password: string, accounts: Array<DemoAccount>, stores: number, customers: number, complaints: number, };

/**
 * What the login page lists while the database holds the demo company.
 */
export type DemoAccounts = { password: string, accounts: Array<DemoAccount>, };

export type SetupStatus = { initialized: boolean, company_name: string, 
/**
 * The company's IANA time zone: every time the UI shows, and every date a user picks or
 * types, is in this zone (not the computer's).
 */
time_zone: string, 
/**
 * The demo accounts, when the database holds the demo company (however it was loaded).
 */
demo: DemoAccounts | null, };

export type CustomerKind = "company" | "person" | "dealer";

export type CustomerGrade = "key" | "normal";

export type Contact = { name: string, title: string, phone: string, email: string, is_primary: boolean, };

export type Address = { label: string, address: string, is_default: boolean, };

export type Customer = { id: number, code: string, name: string, kind: CustomerKind, region: string, industry: string, grade: CustomerGrade, source_store_id: number | null, source_store_name: string | null, tags: Array<string>, notes: string, active: boolean, merged_into_id: number | null, merged_into_code: string | null, contacts: Array<Contact>, addresses: Array<Address>, created_at: string, updated_at: string, version: number, };

export type CustomerInput = { 
/**
 * Empty: the next number (KH000001, …) is assigned.
 */
code: string, name: string, kind: CustomerKind, region: string, industry: string, grade: CustomerGrade, source_store_id: number | null, tags: Array<string>, notes: string, contacts: Array<Contact>, addresses: Array<Address>, };

/**
 * One line of the customer list.
 */
export type CustomerSummary = { id: number, code: string, name: string, kind: CustomerKind, region: string, industry: string, grade: CustomerGrade, source_store_name: string | null, tags: Array<string>, primary_contact: string | null, primary_phone: string | null, active: boolean, merged_into_code: string | null, 
/**
 * 建档时间
 */
created_at: string, updated_at: string, };

/**
 * Filters for the customer list; all optional. Newest first (建档时间) unless another column is
 * chosen, paged by keyset on that column and the id.
 */
export type CustomerQuery = { 
/**
 * Substring of the name, code, a contact's name or phone (Chinese included).
 */
text?: string, kind?: CustomerKind, grade?: CustomerGrade, region?: string, store_id?: number, 
/**
 * Absent: active customers only. `false`: deactivated and merged ones.
 */
active?: boolean, sort?: CustomerSort, 
/**
 * Smallest first (oldest, A→Z); largest first when absent.
 */
ascending?: boolean, 
/**
 * The previous page's `next`.
 */
after?: Cursor, limit?: number, };

/**
 * The columns the customer list sorts by, each served by an index (migration list_order).
 */
export type CustomerSort = "created_at" | "code" | "name";

export type ImportMode = "all_or_nothing" | "good_rows";

export type ImportProblem = { 
/**
 * The row number as Excel shows it.
 */
row: number, column: string, message: string, };

export type ImportReport = { rows: number, imported: number, problems: Array<ImportProblem>, };

/**
 * What a column holds: how an export writes it and what the mapping screen says it expects.
 */
export type ColumnKind = "text" | "integer" | "date" | "date_time" | "money" | "percent";

/**
 * How a file header was matched.
 */
export type HeaderMatch = "exact" | "synonym" | "mapped" | "remembered" | "guess" | "unknown";

export type HeaderGuess = { header: string, column: string | null, match: HeaderMatch, };

export type ColumnInfo = { name: string, kind: ColumnKind, required: boolean, synonyms: Array<string>, };

/**
 * A file whose headers need the user's mapping before it can be imported.
 */
export type Preview = { 
/**
 * Which import: customer or complaint.
 */
kind: string, 
/**
 * The header row's number as Excel shows it.
 */
header_row: number, 
/**
 * Every non-empty header of the file, in order, with its match or guess.
 */
headers: Array<HeaderGuess>, 
/**
 * The first few data rows, one text per header (same order as `headers`).
 */
samples: Array<Array<string>>, 
/**
 * The columns the import knows.
 */
columns: Array<ColumnInfo>, 
/**
 * Required columns no header is matched to.
 */
missing: Array<string>, 
/**
 * What is wrong, in Chinese, e.g. 有 2 列无法识别:名称、电话。
 */
message: string, };

export type HeaderMapping = { header: string, 
/**
 * Our column's name; `None` ignores the file's column.
 */
column: string | null, };

/**
 * The caller's answer to a preview: for each file header, our column or `None` to ignore it.
 */
export type Mapping = { headers: Array<HeaderMapping>, };

/**
 * The result of an import call: imported (possibly with problems), or a preview to map.
 */
export type ImportOutcome = { "outcome": "imported", "detail": ImportReport } | { "outcome": "needs_mapping", "detail": Preview };

/**
 * 已登记 → 分析核实 → { 非我方原因: 已解释 → 结案 } | { 轻微: 备案 → 结案 |
 * 严重/重大: 方案会签 → 落实跟踪 → 效果验证 → 结案 }; 撤销 from any open state; 结案 can be reopened.
 */
export type State = "registered" | "analysing" | "explained" | "filed" | "approval" | "implementing" | "verifying" | "closed" | "cancelled";

export type Category = "quality" | "non_quality" | "other";

export type Severity = "minor" | "serious" | "major";

/**
 * The commands that move a complaint from one state to another; the key is also the audit
 * log's action.
 */
export type Command = "start_analysis" | "explain_not_our_fault" | "file" | "submit_for_approval" | "start_implementation" | "start_verification" | "close" | "cancel" | "reopen";

export type Channel = "hotline" | "website" | "email" | "store" | "visit" | "other";

export type Remedy = "return" | "exchange" | "repair" | "compensation" | "discount" | "apology" | "technical_support" | "other";

export type ActionKind = "containment" | "occurrence_cause" | "escape_cause" | "corrective" | "preventive";

export type ContactMethod = "phone" | "visit" | "email" | "wechat" | "letter" | "other";

export type ProductLine = { order_number: string, part_number: string, batch: string, ship_date: string | null, quantity: number, defective_quantity: number, 
/**
 * 产品名称 and 规格型号, as the registration form prints them.
 */
product_name: string, specification: string, };

/**
 * 客户投诉登记: everything the rule asks to record at once.
 */
export type Registration = { received_at: string, channel: Channel, customer_id: number, contact_name: string, contact_phone: string, store_id: number | null, category: Category, severity: Severity, description: string, customer_demand: string, lines: Array<ProductLine>, 
/**
 * 样品或退货: what the customer sent back (quantity, where it is), empty when nothing.
 */
samples: string, 
/**
 * 答复期限: the date the customer was promised an answer by.
 */
reply_by: string | null, };

export type Share = { 
/**
 * A responsible department, or `None` with `party` naming a unit or person.
 */
department_id: number | null, party: string, share_percent: number, };

/**
 * 分析核实: cause, production data from 生产部, our fault or not, responsibility.
 */
export type Analysis = { cause_analysis: string, production_unit: string, production_staff: string, production_date: string | null, our_fault: boolean | null, appraisal_result: string, appraisal_basis: string, responsibilities: Array<Share>, };

/**
 * 检验/分析: who inspected or analysed the complaint for a department (品控中心, 技术部), and on
 * what local date.
 */
export type Inspection = { department_id: number, person: string, inspected_on: string, };

/**
 * Saved with the analysis: the cause code (项目原因, from the settings' list) the monthly report
 * attributes by, and who inspected or analysed.
 */
export type AnalysisDetails = { cause_code: string, inspections: Array<Inspection>, };

export type InspectionView = { department_id: number, department_name: string, person: string, inspected_on: string, };

/**
 * 协商处理办法: the remedy, the amounts, and the departments that must sign.
 */
export type RemedyPlan = { remedy: Remedy | null, remedy_detail: string, claimed_fen: number, agreed_fen: number, approval_department_ids: Array<number>, };

/**
 * The final solution agreed with the customer (与客户协商最终解决办法).
 */
export type CustomerAgreement = { agreed_on: string, contact: string, summary: string, };

/**
 * 协商处理办法 before sign-off: 生产部's and 技术部's product measures (each with who entered
 * them), the remedy agreed by 售后服务部 and 业务部 (who agreed for each; a changed remedy must be
 * agreed again), and the solution agreed with the customer.
 */
export type Negotiation = { production_measures: string, production_measures_by: string, technical_measures: string, technical_measures_by: string, after_sales_agreed_by: string, business_agreed_by: string, customer_agreement: CustomerAgreement | null, };

export type ContactInput = { contacted_at: string, method: ContactMethod, customer_person: string, summary: string, };

export type ActionInput = { kind: ActionKind, description: string, 
/**
 * The department that owns the action (责任部门).
 */
owner_department_id: number, 
/**
 * The person in charge: a user of that department, or `None` with `owner` naming them.
 */
owner_user_id: number | null, 
/**
 * 责任人 by name (the user's name when `owner_user_id` is given).
 */
owner: string, due_date: string, done_date: string | null, 
/**
 * The action verified ineffective that this new action follows up.
 */
follows_action_id: number | null, };

export type ShareView = { department_id: number | null, department_name: string | null, party: string, share_percent: number, };

/**
 * Who a place in a round is for: a department, or the after-sales manager in person
 * (重大投诉及索赔 are the manager's own, so a 重大 remedy needs the manager's signature too).
 */
export type Seat = "department" | "manager";

/**
 * One department's place in one round.
 */
export type ApprovalView = { round: number, department_id: number, department_name: string, seat: Seat, 
/**
 * `None` until the department signs.
 */
approved: boolean | null, comment: string, signer_name: string, signed_at: string | null, };

export type ContactEntry = { id: number, contacted_at: string, method: ContactMethod, staff_name: string, customer_person: string, summary: string, };

export type Action = { id: number, kind: ActionKind, description: string, 
/**
 * `None` only on actions recorded before owners were departments.
 */
owner_department_id: number | null, owner_department_name: string | null, owner_user_id: number | null, owner: string, due_date: string, done_date: string | null, effective: boolean | null, verified_by: string, verified_at: string | null, 
/**
 * The ineffective action this one follows up.
 */
follows_action_id: number | null, 
/**
 * A later action follows this one up (it was verified ineffective).
 */
followed_up: boolean, };

export type Complaint = { id: number, number: string, state: State, registration: Registration, customer_code: string, customer_name: string, store_name: string | null, analysis: Analysis, 
/**
 * 项目原因: one of the settings' cause codes, chosen with the analysis.
 */
cause_code: string, 
/**
 * Who inspected or analysed, and when.
 */
inspections: Array<InspectionView>, responsibility: Array<ShareView>, remedy: RemedyPlan, negotiation: Negotiation, approval_round: number, approvals: Array<ApprovalView>, contacts: Array<ContactEntry>, actions: Array<Action>, 
/**
 * A minor complaint's decision on a corrective action (需要纠正措施): `None` undecided.
 */
corrective_needed: boolean | null, 
/**
 * Why no corrective action is needed.
 */
no_corrective_reason: string, 
/**
 * Photos, scans and documents, oldest first.
 */
attachments: Array<Attachment>, customer_feedback: string, state_reason: string, 
/**
 * Hours from receipt to the first contact (the acknowledgement), when there is one.
 */
hours_to_first_contact: number | null, 
/**
 * The commands that would succeed now (the UI shows these buttons).
 */
available: Array<Command>, registered_by: number | null, 
/**
 * 登记人: the registering user's name (empty for imported complaints).
 */
registered_by_name: string, closed_at: string | null, 
/**
 * Who closed it (结案人).
 */
closed_by: string, 
/**
 * 历史导入: the file a past register came from, empty for complaints registered here.
 */
imported_from: string, import_note: string, created_at: string, updated_at: string, version: number, };

export type ComplaintSummary = { id: number, number: string, state: State, received_at: string, customer_id: number, customer_name: string, category: Category, severity: Severity, description: string, part_numbers: string | null, defective_quantity: number, 
/**
 * Open, no customer contact yet, and past the first-contact limit.
 */
contact_overdue: boolean, 
/**
 * An improvement action is past its due date and not done.
 */
actions_overdue: boolean, };

export type ComplaintQuery = { 
/**
 * Number, customer (name or code), part, order or batch number, contact person: Chinese
 * substrings of any length, codes and numbers from three characters.
 */
text?: string, state?: State, 
/**
 * Only open complaints (not closed or cancelled).
 */
open_only?: boolean, category?: Category, severity?: Severity, 
/**
 * Complaints with responsibility attributed to this department.
 */
department_id?: number, customer_id?: number, 
/**
 * Received on or after this local date.
 */
from?: string, 
/**
 * Received on or before this local date.
 */
to?: string, overdue?: boolean, 
/**
 * Newest received first unless another column is chosen.
 */
sort?: ComplaintSort, 
/**
 * Smallest first (oldest, 轻微 first, …); largest first when absent.
 */
ascending?: boolean, 
/**
 * The previous page's `next`.
 */
after?: Cursor, limit?: number, };

/**
 * The columns the complaint list sorts by: each is an index walked from one end (see the
 * migration list_order), ties broken by the received time, then the id.
 */
export type ComplaintSort = "received_at" | "severity" | "defective_quantity" | "state";

/**
 * What waits for one user: sign-offs for their department, overdue complaints, actions to
 * verify, and the open complaints they registered.
 */
export type MyWork = { to_sign: Array<ComplaintSummary>, overdue: Array<ComplaintSummary>, to_verify: Array<ComplaintSummary>, registered_open: Array<ComplaintSummary>, first_contact_hours: number, };

export type ComplaintForm = "registration" | "handling" | "letter";

/**
 * The kinds of record that carry attachments.
 */
export type OwnerKind = "complaint" | "contractor_certificate" | "contractor_item" | "worker_photo" | "worker_certificate";

export type Attachment = { id: number, owner: OwnerKind, owner_id: number, file_name: string, media_type: string, size_bytes: number, width: number | null, height: number | null, has_thumbnail: boolean, caption: string, added_by: number | null, added_by_name: string, added_at: string, };

/**
 * What a row of the log is about. Stored by key; the audit screen and timelines show the label.
 */
export type Entity = "user" | "department" | "store" | "settings" | "database" | "customer" | "complaint" | "shipment" | "report" | "survey_template" | "survey_campaign" | "survey_response" | "contractor_unit" | "contractor_certificate" | "contractor_engagement" | "contractor_item" | "agreement_template" | "feedback" | "care_plan" | "visit" | "store_return" | "worker" | "safety_violation" | "safety_deposit" | "safety_accident" | "safety_class" | "worker_certificate" | "entry_check";

/**
 * What was done. One vocabulary for every module, so the audit screen can name every action.
 * (`AuditAction` in TypeScript, beside a complaint's improvement `Action`.)
 */
export type AuditAction = "initialize" | "create" | "update" | "activate" | "deactivate" | "reset_password" | "change_password" | "sign_in" | "sign_in_failed" | "sign_in_refused" | "sign_out" | "backup" | "import" | "merge" | "merge_into" | "attach" | "detach" | "register" | "update_registration" | "save_analysis" | "save_remedy" | "save_measures" | "agree_remedy" | "save_customer_agreement" | "sign" | "return_for_revision" | "add_contact" | "save_action" | "verify_action" | "save_feedback" | "decide_corrective" | "start_analysis" | "explain_not_our_fault" | "file" | "submit_for_approval" | "start_implementation" | "start_verification" | "close" | "cancel" | "reopen" | "delete" | "submit" | "revise" | "enter_response" | "close_campaign" | "blacklist" | "unblacklist" | "upload_item" | "accept_item" | "return_item" | "submit_for_review" | "safety_approve" | "reopen_review" | "start_work" | "complete" | "terminate" | "roster" | "print" | "route" | "answer" | "adopt" | "convert_to_complaint" | "schedule" | "record_visit" | "approve" | "reject" | "receive" | "refund" | "exchange" | "finish" | "resubmit" | "worker_blacklist" | "worker_unblacklist" | "deposit_receive" | "deposit_deduct" | "deposit_refund" | "accident_report" | "accident_inform" | "safety_class_attendees" | "safety_class_scores" | "worker_certificate_review" | "entry_override";

/**
 * How the complaint rate is computed (complaints.md §3); the company picks one in settings.
 */
export type RateFormula = "case_rate" | "ppm" | "per_customer" | "contact_share";

/**
 * What the report is written as.
 */
export type ReportFormat = "pdf" | "xlsx" | "json";

/**
 * A count by one dimension (category, severity, channel, state, store, customer, part number).
 */
export type CountRow = { 
/**
 * The stored key (category key, store id, customer id, part number); empty for 其他/未填.
 */
key: string, name: string, complaints: number, defective: number, };

/**
 * Time to the first contact (minutes) or to closing (hours): median and worst of the
 * complaints that have one.
 */
export type Durations = { 
/**
 * "分钟" or "小时".
 */
unit: string, 
/**
 * Complaints measured.
 */
measured: number, 
/**
 * The lower median (the middle complaint's value).
 */
median: number | null, worst: number | null, 
/**
 * Not contacted yet (first contact only).
 */
missing: number, 
/**
 * Contacted later than the limit in settings (first contact only).
 */
over_limit: number, 
/**
 * The limit, in hours (first contact only; 0 for closing).
 */
limit_hours: number, };

/**
 * A complaint rate with everything that made it.
 */
export type Rate = { formula: RateFormula, formula_text: string, numerator: number, numerator_label: string, 
/**
 * `None`: no shipment (or customer, or contact) data for the period.
 */
denominator: number | null, denominator_label: string, value: number | null, 
/**
 * "%" or "PPM".
 */
unit: string, 
/**
 * Why there is no value, or what was left out ("无发货数据"); empty otherwise.
 */
note: string, };

/**
 * One month of the 12-month trend.
 */
export type TrendPoint = { month: string, numerator: number, denominator: number | null, value: number | null, };

/**
 * Complaint product lines by the month their goods were shipped (complaints arrive weeks
 * later), against that month's shipments.
 */
export type ShipMonthRow = { 
/**
 * "2026-09"; empty: ship date not recorded.
 */
ship_month: string, 
/**
 * Complaint product lines (each names one delivered order) received up to the report month.
 */
lines: number, defective: number, shipment_count: number | null, shipped_quantity: number | null, 
/**
 * Lines ÷ shipments × 100 %, or PPM of defective ÷ shipped quantity when the formula is PPM.
 */
value: number | null, unit: string, };

/**
 * The month's shipments (the denominator).
 */
export type ShipmentTotals = { shipped_quantity: number, shipment_count: number, service_contacts: number, };

/**
 * A responsible department, unit/person or cause code: its complaints, share-weighted, and the
 * claim amounts weighted by its share.
 */
export type PartyRow = { 
/**
 * Department id, the party's name or the cause code (empty: 未填).
 */
key: string, name: string, complaints: number, 
/**
 * Σ share % ÷ 100: a complaint split 60/40 counts 0.6 and 0.4.
 */
weighted: number, claimed_fen: number, agreed_fen: number, 
/**
 * The complaints behind the figure (in the full report; empty in the quick one).
 */
numbers: Array<string>, };

export type Responsibility = { by_department: Array<PartyRow>, 
/**
 * Units and persons named instead of a department.
 */
by_party: Array<PartyRow>, 
/**
 * 项目原因
 */
by_cause: Array<PartyRow>, };

export type ListedComplaint = { id: number, number: string, received_at: string, customer_name: string, state: string, category: string, severity: string, claimed_fen: number, agreed_fen: number, description: string, };

export type Listing = { total: number, 
/**
 * The first [`LISTED`], in order received.
 */
items: Array<ListedComplaint>, };

/**
 * Improvement actions (改善措施) due in the month and verified in the month.
 */
export type ActionFigures = { due: number, done_on_time: number, done_late: number, not_done: number, verified: number, effective: number, ineffective: number, };

/**
 * 月度客户投诉率及责任归属报表: every figure of the report (the JSON export is this).
 */
export type MonthlyReport = { 
/**
 * "2026-10"
 */
month: string, month_label: string, company_name: string, time_zone: string, 
/**
 * Local midnight of the 1st and of the next month's 1st.
 */
period_start: string, period_end: string, generated_at: string, 
/**
 * Received in the month, cancelled ones left out.
 */
received: number, cancelled: number, closed: number, open: number, defective_quantity: number, claimed_fen: number, agreed_fen: number, by_category: Array<CountRow>, by_severity: Array<CountRow>, by_channel: Array<CountRow>, 
/**
 * Every state, 撤销 included (shown apart).
 */
by_state: Array<CountRow>, by_store: Array<CountRow>, by_customer: Array<CountRow>, by_part_number: Array<CountRow>, first_contact: Durations, closing: Durations, shipments: ShipmentTotals | null, 
/**
 * By the formula in settings.
 */
rate: Rate, target: number | null, meets_target: boolean | null, 
/**
 * The 12 months ending with this one (months without data left out, and said so).
 */
moving_12: Rate, trend: Array<TrendPoint>, by_ship_month: Array<ShipMonthRow>, responsibility: Responsibility, major: Listing, claims: Listing, actions: ActionFigures, };

export type SubmissionSummary = { month: string, revision: number, submitted_at: string, submitter_name: string, deadline_at: string, on_time: boolean, 
/**
 * Why a revision was issued (empty for the first submission).
 */
reason: string, };

/**
 * A submitted revision with the report exactly as it was submitted.
 */
export type Submission = { summary: SubmissionSummary, report: MonthlyReport, };

/**
 * One figure that changed since the report was submitted.
 */
export type Difference = { figure: string, submitted: string, today: string, };

/**
 * What the screen shows above the figures: the report as of now, the submissions so far, the
 * deadline, and how today's figures differ from the latest submission.
 */
export type ReportPage = { report: MonthlyReport, deadline_at: string, submissions: Array<SubmissionSummary>, 
/**
 * Today's figures against the latest submission's; empty when none was submitted or
 * nothing changed.
 */
differences: Array<Difference>, };

/**
 * Open complaints received in a span of local dates (the list's 投诉日期 filter).
 */
export type AgeBucket = { label: string, from: string | null, to: string | null, complaints: number, };

export type Dashboard = { open_total: number, 
/**
 * Open states in workflow order (key: the state, for the list's 状态 filter).
 */
open_by_state: Array<CountRow>, open_by_age: Array<AgeBucket>, 
/**
 * Open and not contacted within the limit in settings.
 */
overdue_contact: number, 
/**
 * Open complaints with an improvement action past its due date.
 */
overdue_actions: number, first_contact_hours: number, 
/**
 * 重大 complaints still open.
 */
major_open: number, 
/**
 * Open complaints with a claim.
 */
claims_open: number, claims_open_fen: number, 
/**
 * This year to the current month, by the formula in settings.
 */
year: number, year_rate: Rate, target: number | null, meets_target: boolean | null, 
/**
 * The report due now (last month's) and its deadline.
 */
report_month: string, report_deadline_at: string, 
/**
 * Seconds to the deadline (negative: past it).
 */
report_seconds_left: number, report_submitted: SubmissionSummary | null, 
/**
 * The 12 months ending with the current one, first and last month.
 */
responsibility_from: string, responsibility_to: string, responsibility_by_department: Array<PartyRow>, 
/**
 * Satisfaction over the last 12 months (CSAT, NPS, loyalty) from the surveys entered.
 */
satisfaction: SatisfactionSummary, };

export type Shipment = { id: number, 
/**
 * "2026-10"
 */
month: string, customer_id: number | null, customer_name: string | null, part_number: string, shipped_quantity: number, shipment_count: number, service_contacts: number, note: string, version: number, };

export type ShipmentInput = { month: string, customer_id: number | null, part_number: string, shipped_quantity: number, shipment_count: number, 
/**
 * 其他服务联系次数 (enquiries, requests) for the share-of-contacts rate; 0 if not kept.
 */
service_contacts: number, note: string, };

export type ShipmentQuery = { 
/**
 * From this month (inclusive), "2026-01".
 */
from: string | null, 
/**
 * To this month (inclusive).
 */
to: string | null, };

export type QuestionKind = "rating" | "nps" | "single" | "multiple" | "text";

export type Measure = "csat" | "loyalty";

export type CampaignKind = "targeted" | "after_complaint";

export type CampaignState = "open" | "closed";

export type ResponseState = "pending" | "answered";

export type ResponseChannel = "phone" | "paper";

export type Question = { id: number, 
/**
 * 1, 2, … as printed (第1题).
 */
position: number, kind: QuestionKind, text: string, 
/**
 * The choices of a single or multiple choice question, in order.
 */
options: Array<string>, measure: Measure | null, required: boolean, };

export type QuestionInput = { kind: QuestionKind, text: string, options: Array<string>, measure: Measure | null, required: boolean, };

export type Template = { id: number, name: string, 
/**
 * 第N版: a template used by a campaign is frozen; a change is a new revision.
 */
revision: number, previous_id: number | null, description: string, is_default: boolean, frozen: boolean, active: boolean, questions: Array<Question>, created_at: string, updated_at: string, version: number, };

export type TemplateInput = { name: string, description: string, questions: Array<QuestionInput>, };

/**
 * Who a campaign goes to. Criteria of different kinds must all hold; within one list any value
 * will do; an empty list does not restrict. Only active customers that were not merged away.
 */
export type TargetRule = { grades: Array<CustomerGrade>, regions: Array<string>, store_ids: Array<number>, 
/**
 * Customers with a complaint closed on or after this local date…
 */
closed_from: string | null, 
/**
 * …and on or before this one.
 */
closed_to: string | null, };

export type CampaignInput = { name: string, template_id: number, opened_on: string, rule: TargetRule, };

export type Campaign = { id: number, 
/**
 * DC-2026-01
 */
number: string, name: string, kind: CampaignKind, template_id: number, template_name: string, template_revision: number, state: CampaignState, rule: TargetRule, 
/**
 * The rule in words, as chosen.
 */
rule_text: string, opened_on: string, closed_at: string | null, targets: number, answered: number, version: number, };

/**
 * One answer as entered: `value` is the score of a rating or NPS question or the index of the
 * option chosen; `values` the indexes ticked in a multiple choice; `text` a written answer.
 */
export type Answer = { question_id: number, value: number | null, values: Array<number>, text: string, };

export type ResponseInput = { channel: ResponseChannel, 
/**
 * The day the customer answered (local date).
 */
answered_on: string, answers: Array<Answer>, };

/**
 * A response as listed (and on the customer's timeline).
 */
export type ResponseSummary = { id: number, 
/**
 * WJ-2026-000001: printed and as a QR code on the questionnaire.
 */
number: string, campaign_id: number, campaign_number: string, campaign_name: string, customer_id: number, customer_code: string, customer_name: string, complaint_number: string | null, state: ResponseState, channel: ResponseChannel | null, answered_on: string | null, 
/**
 * The mean of the CSAT ratings (1–5), when any were answered.
 */
csat_average: number | null, nps_score: number | null, loyal: boolean | null, version: number, };

/**
 * A response with its answers and the questions they answer.
 */
export type Response = { summary: ResponseSummary, entered_by: string, questions: Array<Question>, answers: Array<Answer>, };

export type ResponseQuery = { campaign_id: number, state: ResponseState | null, 
/**
 * A response number, customer code or part of the customer's name.
 */
text: string, 
/**
 * Keyset paging: the last id of the page before.
 */
after_id: number | null, limit: number | null, };

export type ResponsePage = { items: Array<ResponseSummary>, total: number, 
/**
 * Pass as `after_id` for the next page; `null` on the last page.
 */
next_after_id: number | null, };

/**
 * A survey on the customer's timeline.
 */
export type SurveyEvent = { answered_on: string, campaign_number: string, campaign_name: string, response_number: string, 
/**
 * "满意度 4.5 · NPS 9(推荐者) · 愿意再次购买"
 */
summary: string, 
/**
 * Where the UI opens the response.
 */
link: string, };

/**
 * A ratio or mean over `count` answers: `value` is `None` (and `text` 无数据) when `count` is 0.
 */
export type Figure = { value: number | null, count: number, text: string, };

/**
 * Net Promoter Score: promoters (9–10) minus detractors (0–6), as a share of all answers, in
 * points from −100 to +100.
 */
export type Nps = { promoters: number, passives: number, detractors: number, answers: number, score: number | null, text: string, };

/**
 * One group of customers (a grade, a region, a store) or one campaign of the trend.
 */
export type Segment = { name: string, responses: number, csat: Figure, csat_average: Figure, nps: Nps, loyalty: Figure, };

export type Bucket = { label: string, count: number, };

export type QuestionResult = { question_id: number, position: number, kind: QuestionKind, text: string, measure: Measure | null, 
/**
 * Responses that answered it.
 */
answers: number, 
/**
 * The mean score of a rating or NPS question.
 */
average: Figure, 
/**
 * Each score (1–5, 0–10) or option with how many chose it; empty for a text question.
 */
distribution: Array<Bucket>, 
/**
 * A rating's share of 4 and 5.
 */
satisfied: Figure | null, nps: Nps | null, 
/**
 * The newest written answers (at most 20).
 */
texts: Array<string>, };

export type SurveyTrendPoint = { campaign_id: number, number: string, name: string, opened_on: string, figures: Segment, };

/**
 * Every figure of the results screen (and of `shouhou survey results`).
 */
export type SurveyResults = { campaign: Campaign, targets: number, responses: number, 
/**
 * Answered responses as a share of targets.
 */
response_rate: Figure, overall: Segment, questions: Array<QuestionResult>, by_grade: Array<Segment>, by_region: Array<Segment>, by_store: Array<Segment>, 
/**
 * This campaign and up to eleven before it, oldest first.
 */
trend: Array<SurveyTrendPoint>, };

/**
 * The satisfaction of responses answered between two local dates (the manager's dashboard).
 */
export type SatisfactionSummary = { from: string, to: string, figures: Segment, };

/**
 * 外用工 / 外包工 / 售后服务人员 (the rule's three categories, §3).
 */
export type EngagementCategory = "temporary" | "outsourced" | "after_sales";

/**
 * One document of a checklist.
 */
export type ChecklistItemKind = "contract" | "labour_application" | "labour_approval" | "security_agreement" | "safety_agreement" | "construction_plan" | "safety_briefing" | "qualification" | "service_filing" | "safety_accord" | "ledger_archive" | "post_training" | "safety_filing" | "three_level_education";

/**
 * 缺 / 已交 / 已审核 / 退回 / 过期.
 */
export type ChecklistState = "missing" | "submitted" | "accepted" | "returned" | "expired";

export type EngagementState = "preparing" | "submitted" | "returned" | "approved" | "active" | "completed" | "terminated";

/**
 * What the hiring department and the safety department do with a package.
 */
export type EngagementCommand = "submit" | "approve" | "start" | "complete" | "terminate";

export type CertificateKind = "business_licence" | "qualification" | "safety_permit" | "other";

export type UnitContact = { name: string, title: string, phone: string, };

export type UnitCertificate = { id: number, kind: CertificateKind, 
/**
 * e.g. 建筑业企业资质证书 施工总承包二级.
 */
name: string, number: string, issuer: string, valid_from: string | null, 
/**
 * `None`: 长期.
 */
valid_to: string | null, attachments: Array<Attachment>, version: number, };

export type CertificateInput = { kind: CertificateKind, name: string, number: string, issuer: string, valid_from: string | null, valid_to: string | null, };

export type ContractorUnit = { id: number, name: string, credit_code: string, legal_representative: string, address: string, bank_name: string, bank_account: string, contacts: Array<UnitContact>, notes: string, blacklisted: boolean, blacklist_reason: string, blacklisted_on: string | null, blacklisted_by: string, certificates: Array<UnitCertificate>, created_at: string, updated_at: string, version: number, };

export type ContractorUnitInput = { name: string, credit_code: string, legal_representative: string, address: string, bank_name: string, bank_account: string, contacts: Array<UnitContact>, notes: string, };

/**
 * One line of the unit list.
 */
export type UnitSummary = { id: number, name: string, credit_code: string, legal_representative: string, contact: string | null, phone: string | null, blacklisted: boolean, blacklist_reason: string, certificate_count: number, 
/**
 * The earliest end of validity among its certificates (lapsed ones included).
 */
next_expiry: string | null, engagement_count: number, created_at: string, };

export type UnitQuery = { 
/**
 * Substring of the name, credit code, legal representative, a contact or phone.
 */
text?: string, 
/**
 * Absent: all; true: blacklisted only; false: not blacklisted.
 */
blacklisted?: boolean, after?: Cursor, limit?: number, };

export type ChecklistItem = { id: number, kind: ChecklistItemKind, 
/**
 * As of today: a handed-in document past its validity (or a qualification proof of a unit
 * with a lapsed certificate) shows 过期.
 */
state: ChecklistState, 
/**
 * The program prints this document (the agreement, the briefing sheet).
 */
printable: boolean, valid_to: string | null, submitted_by: string, submitted_at: string | null, reviewer: string, reviewed_at: string | null, 
/**
 * The reviewer's comment; the reason when returned.
 */
comment: string, attachments: Array<Attachment>, };

export type RosterEntry = { id: number, name: string, trade: string, 
/**
 * 上岗 (only once the package is approved).
 */
working: boolean, added_by: string, added_at: string, 
/**
 * The registered person (None: a name-only row of issue 9).
 */
worker_id: number | null, 
/**
 * Always masked here (the engagement's record is audited and shown to the gate).
 */
id_number: string, special_class: string, 
/**
 * Why a person of another unit than the engagement's is on the roster.
 */
unit_note: string, };

export type RosterInput = { name: string, trade: string, };

export type Engagement = { id: number, number: string, category: EngagementCategory, department_id: number, department_name: string, unit_id: number | null, unit_name: string | null, unit_credit_code: string | null, unit_blacklisted: boolean, title: string, content: string, place: string, area: string, contract_number: string, start_date: string, end_date: string, no_subcontracting: boolean, deposit_fen: number, deposit_terms: string, 
/**
 * The agreement template of the first print (reprints use it); `None` until printed.
 */
agreement_template_version: number | null, state: EngagementState, review_round: number, 
/**
 * 安全管理部 stamped and signed: who and when (`None` until approved, cleared when a change
 * reopens the review).
 */
approved_by: string, approved_at: string | null, end_reason: string, ended_at: string | null, items: Array<ChecklistItem>, roster: Array<RosterEntry>, created_by: string, created_at: string, updated_at: string, version: number, };

export type EngagementInput = { category: EngagementCategory, 
/**
 * The hiring or contracting department (a hiring department registers its own only).
 */
department_id: number, 
/**
 * None only for an individual 外用工.
 */
unit_id: number | null, 
/**
 * 项目名称
 */
title: string, 
/**
 * 工作内容 / 承包范围
 */
content: string, place: string, area: string, contract_number: string, start_date: string, end_date: string, 
/**
 * 不转包、不分包 undertaking given.
 */
no_subcontracting: boolean, deposit_fen: number, deposit_terms: string, };

/**
 * One line of the engagement list.
 */
export type EngagementSummary = { id: number, number: string, category: EngagementCategory, department_id: number, department_name: string, unit_id: number | null, unit_name: string | null, title: string, place: string, start_date: string, end_date: string, state: EngagementState, 
/**
 * Items missing, returned or expired (缺项).
 */
open_items: number, roster_count: number, created_at: string, };

export type EngagementQuery = { 
/**
 * Substring of the number, project, unit, place or contract number.
 */
text?: string, category?: EngagementCategory, department_id?: number, state?: EngagementState, 
/**
 * Only engagements with items missing, returned or expired.
 */
missing_items?: boolean, unit_id?: number, after?: Cursor, limit?: number, };

/**
 * A certificate of a unit that lapses within 30 days (or has lapsed).
 */
export type ExpiringCertificate = { unit_id: number, unit_name: string, certificate_id: number, kind: CertificateKind, number: string, valid_to: string, };

/**
 * The safety department's workbench.
 */
export type SafetyWorkbench = { today: string, 
/**
 * Packages submitted and waiting for review, oldest first.
 */
waiting: Array<EngagementSummary>, 
/**
 * Unit certificates ending within 30 days or already lapsed (units not blacklisted).
 */
expiring_certificates: Array<ExpiringCertificate>, 
/**
 * Approved or working engagements ending within 7 days.
 */
ending: Array<EngagementSummary>, };

/**
 * The documents printed from an engagement.
 */
export type EngagementDocument = "agreement" | "briefing" | "application" | "approval";

/**
 * One side of an agreement: the company (甲方) or the contracting unit (乙方). Empty fields
 * print as empty boxes to fill in by hand.
 */
export type Party = { 
/**
 * Full registered name (甲方: the company name from settings).
 */
name: string, 
/**
 * 统一社会信用代码, 18 characters.
 */
credit_code: string, 
/**
 * 法定代表人.
 */
legal_rep: string, 
/**
 * Registered or business address.
 */
address: string, 
/**
 * 开户银行 (an independent legal person has its own account: the rule's test for 外包工).
 */
bank: string, 
/**
 * Bank account number.
 */
account: string, 
/**
 * Contact person for this engagement (乙方: the project or safety lead).
 */
contact: string, 
/**
 * The contact's phone.
 */
phone: string, };

/**
 * One person of an engagement's approved roster, as printed on the agreement's annex, the
 * briefing's signature grid and the application.
 */
export type RosterRow = { 
/**
 * 姓名.
 */
name: string, 
/**
 * The ID card number with its middle masked (e.g. 120104********1234); printed as given.
 */
id_number_masked: string, 
/**
 * 工种 (e.g. 电焊工, 力工); a special trade's certificate is checked elsewhere.
 */
trade: string, };

/**
 * Everything the four-copy 外用(包)工安全协议书 prints besides the template's clause texts.
 */
export type AgreementDoc = { 
/**
 * The agreement's number, printed on every page (the engagement's number, e.g. WB-2026-0007).
 */
number: string, 
/**
 * 用工类别: 外用工, 外包工 or 售后服务人员.
 */
category_label: string, 
/**
 * The 用工(发包)部门 that signs for 甲方.
 */
hiring_department: string, 
/**
 * 甲方: the company.
 */
company: Party, 
/**
 * 乙方: the contracting or service unit; `None` for individual 外用工 (乙方 is then the
 * people on the roster, each signing the annex).
 */
unit: Party | null, 
/**
 * 工程(项目)名称.
 */
project: string, 
/**
 * 作业内容及范围 (the scope; work outside it is forbidden).
 */
content: string, 
/**
 * 作业地点 (the plant or building).
 */
place: string, 
/**
 * 作业区域 within the place (the area the gate admits to).
 */
area: string, 
/**
 * 主合同编号; empty when there is no separate main contract.
 */
contract_number: string, 
/**
 * First day of work.
 */
start: string, 
/**
 * Last day of work (the agreement's validity ends with it).
 */
end: string, 
/**
 * 安全风险抵押金 in fen; 0 prints 无.
 */
deposit_fen: number, 
/**
 * The approved roster, printed as the annex 作业人员名单.
 */
roster: Array<RosterRow>, 
/**
 * Who in 安全管理部 approved the package; `None` leaves the review box blank to sign by hand.
 */
approved_by: string | null, 
/**
 * The local date of that approval.
 */
approved_at: string | null, 
/**
 * Printed at the foot of every page, e.g. "打印:2026-12-01 09:30 张三"; may be empty.
 */
printed: string, };

/**
 * The 安全技术交底单 of one engagement. Empty texts print as boxes to write in by hand.
 */
export type BriefingDoc = { 
/**
 * The sheet's number (e.g. the engagement's number with a suffix: WB-2026-0007-JD1).
 */
number: string, 
/**
 * 工程(项目)名称.
 */
project: string, 
/**
 * 施工(作业)单位; for individual 外用工 the hiring department's name.
 */
unit_name: string, 
/**
 * 作业内容.
 */
content: string, 
/**
 * 作业地点及区域.
 */
location: string, 
/**
 * 交底日期.
 */
date: string, 
/**
 * 主要危险因素.
 */
hazards: string, 
/**
 * 预防措施.
 */
measures: string, 
/**
 * 注意事项.
 */
precautions: string, 
/**
 * 安全操作规程 (the rules of the trades involved).
 */
operating_rules: string, 
/**
 * 应急措施及急救 (who to call, where the first-aid kit and the assembly point are).
 */
emergency: string, 
/**
 * 交底人 (of the hiring department); empty: signed by hand.
 */
briefer: string, 
/**
 * 安全员 (of the unit); empty: signed by hand.
 */
safety_officer: string, 
/**
 * Everyone who receives the briefing: one signature row each, across as many pages as needed.
 */
roster: Array<RosterRow>, 
/**
 * Printed at the foot of every page; may be empty.
 */
printed: string, };

/**
 * The 计划外用工申报表 and 审批表 of one engagement (the same facts; the 审批表 adds the
 * departments' opinion boxes).
 */
export type ApplicationDoc = { 
/**
 * The engagement's number.
 */
number: string, 
/**
 * 申报部门 (the hiring or contracting department).
 */
department: string, 
/**
 * 用工类别: 外用工, 外包工 or 售后服务人员.
 */
category_label: string, 
/**
 * 用工(承包)单位; empty for individual 外用工.
 */
unit_name: string, 
/**
 * 工程(项目)名称.
 */
project: string, 
/**
 * 作业内容.
 */
content: string, 
/**
 * 作业地点及区域.
 */
place: string, 
/**
 * 用工起止日期.
 */
start: string, end: string, 
/**
 * 用工事由 (why outside labour is needed).
 */
reason: string, 
/**
 * 安全风险抵押金 in fen.
 */
deposit_fen: number, 
/**
 * 申报人; empty: signed by hand.
 */
applicant: string, 
/**
 * 申报日期.
 */
applied_on: string | null, 
/**
 * The people asked for (their count is the 用工人数).
 */
roster: Array<RosterRow>, 
/**
 * Who in 安全管理部 approved, and when; `None` leaves that box blank.
 */
approved_by: string | null, approved_at: string | null, 
/**
 * Printed at the foot of every page; may be empty.
 */
printed: string, };

/**
 * One line of the 外用工/外包工台帐: a person on an engagement, or the engagement alone when its
 * roster is empty (person fields empty). The ledger groups lines by department in the given order.
 */
export type LedgerRow = { 
/**
 * 用工(发包)部门.
 */
department: string, 
/**
 * The engagement's number (WY-/WB-/SH-YYYY-NNNN).
 */
engagement_number: string, 
/**
 * 外用工, 外包工 or 售后服务人员.
 */
category_label: string, 
/**
 * 单位; empty for individual 外用工.
 */
unit_name: string, 
/**
 * 工程(项目)名称.
 */
project: string, 
/**
 * 作业地点.
 */
place: string, start: string, end: string, 
/**
 * The engagement's state as users read it (待审核, 已批准, 已结束 …).
 */
state_label: string, 
/**
 * 姓名; empty on an engagement line without people.
 */
person_name: string, 
/**
 * The masked ID card number.
 */
id_number_masked: string, 
/**
 * 工种.
 */
trade: string, 
/**
 * 三级安全教育 as users read it (e.g. 已完成 24学时, 未完成).
 */
education: string, 
/**
 * The special-operation certificate and its validity, e.g. "特种作业操作证 至2029-06-30"; may be empty.
 */
certificate: string, 
/**
 * 安全风险抵押金 of the engagement, in fen.
 */
deposit_fen: number, 
/**
 * People on the roster.
 */
roster_count: number, 
/**
 * Three-level education complete / not complete.
 */
education_complete: number, education_incomplete: number, 
/**
 * The roster's person certificates in force / lapsed (validity or review).
 */
certificates_valid: number, certificates_lapsed: number, 
/**
 * Entry checks at the gate this month.
 */
entry_checks_month: number, 
/**
 * 违规考核 penalties of the engagement, in fen.
 */
penalty_fen: number, 
/**
 * The deposit's balance, in fen.
 */
deposit_balance_fen: number, };

/**
 * The forms that print blank, to fill in by hand (空白表单).
 */
export type BlankForm = "application" | "approval";

/**
 * One numbered section of the agreement's clauses.
 */
export type ClauseSection = { 
/**
 * Stable name of the section (one of [`REQUIRED_SECTIONS`], or `extra_…` for added ones).
 */
key: string, 
/**
 * The heading without its number (the number follows the position): 甲方的安全责任.
 */
heading: string, 
/**
 * The text; each line is a paragraph. `{乙方}` and the other [`PLACEHOLDERS`] are filled in.
 */
body: string, };

/**
 * One saved version of the agreement's template.
 */
export type AgreementTemplate = { 
/**
 * 1 is the shipped text; every save adds one.
 */
version: number, 
/**
 * The four copy labels, in copy order (第一联 安全管理部存档 …).
 */
copy_labels: Array<string>, 
/**
 * The clause sections, in print order (numbered from 三、 after the parties and the project).
 */
sections: Array<ClauseSection>, 
/**
 * What the editor said changed.
 */
note: string, 
/**
 * When it was saved; `None` for the shipped text.
 */
saved_at: string | null, 
/**
 * Who saved it.
 */
saved_by: string, };

/**
 * A version as the history list shows it.
 */
export type TemplateVersion = { version: number, note: string, saved_at: string | null, saved_by: string, };

/**
 * What the settings screen saves.
 */
export type AgreementTemplateInput = { copy_labels: Array<string>, sections: Array<ClauseSection>, 
/**
 * What changed (kept with the version); required.
 */
note: string, };

/**
 * The server a desk works on, as the window's status shows it.
 */
export type DeskServer = { address: string, fingerprint: string, };

/**
 * What the desk shows before pinning: the fingerprint to compare with the one `shouhou serve`
 * printed, and the company the server holds.
 */
export type DeskProbe = { address: string, fingerprint: string, company_name: string, initialized: boolean, version: string, };

/**
 * What a company server says about itself before anyone signs in.
 */
export type ServerStatus = { version: string, setup: SetupStatus, };

/**
 * What `GET /health` answers: for `shouhou check --server` and the desks' admin page.
 */
export type Health = { version: string, started_at: string, now: string, 
/**
 * Open desk sessions (signed in, not yet expired or ended).
 */
sessions: number, last_backup: BackupRun | null, };

/**
 * The last scheduled backup, as the server's health reports it.
 */
export type BackupRun = { at: string, path: string, ok: boolean, 
/**
 * The failure, in Chinese, when `ok` is false.
 */
message: string | null, };

/**
 * 待分派 → 处理中 → 已答复 → 已关闭.
 */
export type FeedbackState = "unassigned" | "in_progress" | "answered" | "closed";

export type FeedbackKind = "inquiry" | "suggestion" | "praise" | "complaint_lead";

export type FeedbackChannel = "hotline" | "website" | "email" | "store" | "visit" | "other";

/**
 * What can be done to a feedback item; the key is also its audit action.
 */
export type FeedbackCommand = "route" | "answer" | "close" | "convert_to_complaint" | "adopt";

export type FeedbackInput = { received_at: string, channel: FeedbackChannel, kind: FeedbackKind, content: string, customer_id: number | null, 
/**
 * Who gave it and how to reach them, when there is no customer record.
 */
contact: string, store_id: number | null, };

/**
 * One department the item is routed to, with its deadline and answer.
 */
export type RouteInput = { department_id: number, 
/**
 * The local date the answer is due.
 */
due_date: string, };

export type FeedbackRoute = { department_id: number, department_name: string, due_date: string, answer: string, answerer_name: string, answered_at: string | null, };

export type Feedback = { id: number, number: string, received_at: string, channel: FeedbackChannel, kind: FeedbackKind, content: string, customer_id: number | null, customer_name: string | null, contact: string, store_id: number | null, store_name: string | null, state: FeedbackState, adopted: boolean, 
/**
 * The complaint it became.
 */
complaint_id: number | null, complaint_number: string | null, closing_note: string, routes: Array<FeedbackRoute>, version: number, };

/**
 * What a conversion adds to the item's data to make a complaint registration.
 */
export type Conversion = { 
/**
 * The customer, when the item has none yet.
 */
customer_id: number | null, category: Category, severity: Severity, customer_demand: string, };

export type FeedbackSummary = { id: number, number: string, received_at: string, channel: FeedbackChannel, kind: FeedbackKind, state: FeedbackState, content: string, customer_id: number | null, customer_name: string | null, 
/**
 * "品控中心、技术部": the departments routed to.
 */
departments: string | null, adopted: boolean, complaint_id: number | null, 
/**
 * A routed department has not answered by its deadline.
 */
overdue: boolean, };

export type FeedbackQuery = { 
/**
 * Number or content (substring).
 */
text?: string, state?: FeedbackState, kind?: FeedbackKind, customer_id?: number, 
/**
 * Routed to this department.
 */
department_id?: number, overdue?: boolean, after?: Cursor, limit?: number, };

export type CareFrequency = "monthly" | "quarterly" | "half_yearly" | "yearly";

/**
 * 待回访 → 已回访 | 已取消.
 */
export type VisitState = "planned" | "done" | "cancelled";

export type VisitMode = "phone" | "on_site" | "video" | "other";

/**
 * Why a visit was scheduled.
 */
export type VisitSource = "plan" | "complaint" | "manual";

export type VisitCommand = "record" | "cancel";

export type CarePlanInput = { customer_id: number, owner_id: number | null, frequency: CareFrequency, goals: string, 
/**
 * The first visit is due on this local date.
 */
starts_on: string, };

export type CarePlan = { id: number, customer_id: number, customer_name: string, customer_code: string, owner_id: number | null, owner_name: string | null, frequency: CareFrequency, goals: string, starts_on: string, active: boolean, 
/**
 * The next visit still to make, if any.
 */
next_due: string | null, visits_done: number, visits_overdue: number, version: number, };

export type VisitActionItem = { description: string, 
/**
 * Who follows it up (a person or a department).
 */
owner: string, due_date: string, done_on?: string, };

/**
 * 回访记录.
 */
export type VisitRecord = { visited_on: string, mode: VisitMode, participants: string, content: string, 
/**
 * Needs found (客户需求).
 */
needs: string, 
/**
 * 1 (很不满意) … 5 (很满意).
 */
satisfaction: number | null, actions: Array<VisitActionItem>, };

export type Visit = { id: number, number: string, customer_id: number, customer_name: string, customer_code: string, plan_id: number | null, complaint_id: number | null, complaint_number: string | null, source: VisitSource, due_date: string, owner_id: number | null, owner_name: string | null, state: VisitState, visited_on: string | null, mode: VisitMode | null, participants: string, content: string, needs: string, satisfaction: number | null, cancel_reason: string, actions: Array<VisitActionItem>, version: number, };

export type VisitSchedule = { customer_id: number, due_date: string, owner_id: number | null, 
/**
 * A visit about this complaint.
 */
complaint_id: number | null, };

export type VisitSummary = { id: number, number: string, customer_id: number, customer_name: string, source: VisitSource, complaint_number: string | null, due_date: string, owner_name: string | null, state: VisitState, visited_on: string | null, satisfaction: number | null, 
/**
 * 待回访 past its due date.
 */
overdue: boolean, };

export type VisitQuery = { state?: VisitState, source?: VisitSource, customer_id?: number, owner_id?: number, overdue?: boolean, after?: Cursor, limit?: number, };

/**
 * 申请 → 已审批 → 已收货 → 已退款/已换货 → 完成, or 驳回.
 */
export type ReturnState = "requested" | "approved" | "received" | "refunded" | "exchanged" | "completed" | "rejected";

export type ReturnKind = "return" | "exchange";

export type ReturnReason = "quality" | "non_quality" | "other";

export type ReturnCommand = "approve" | "reject" | "receive" | "refund" | "exchange" | "complete" | "resubmit";

export type ReturnLine = { part_number: string, product_name: string, batch: string, quantity: number, 
/**
 * Unit price in fen.
 */
unit_price_fen: number, };

export type ReturnInput = { requested_at: string, store_id: number, customer_id: number, complaint_id: number | null, kind: ReturnKind, reason: ReturnReason, reason_detail: string, lines: Array<ReturnLine>, };

export type StoreReturn = { id: number, number: string, requested_at: string, store_id: number, store_name: string, customer_id: number, customer_name: string, customer_code: string, complaint_id: number | null, complaint_number: string | null, kind: ReturnKind, reason: ReturnReason, reason_detail: string, amount_fen: number, state: ReturnState, 
/**
 * Why it was rejected.
 */
state_reason: string, approval_round: number, registered_by_name: string | null, lines: Array<ReturnLine>, approvals: Array<ApprovalView>, version: number, };

export type ReturnSummary = { id: number, number: string, requested_at: string, store_id: number, store_name: string, customer_id: number, customer_name: string, kind: ReturnKind, reason: ReturnReason, amount_fen: number, state: ReturnState, part_numbers: string | null, };

export type ReturnQuery = { state?: ReturnState, store_id?: number, kind?: ReturnKind, reason?: ReturnReason, customer_id?: number, after?: Cursor, limit?: number, };

/**
 * Returns of one month by store, type and reason (rejected ones left out).
 */
export type ReturnStat = { store_id: number, store_name: string, kind: ReturnKind, reason: ReturnReason, count: number, quantity: number, amount_fen: number, };

/**
 * What waits for one user in customer service ("my work"): feedback their department has to
 * answer (overdue first), every overdue answer for after-sales, visits due within a week or
 * overdue, returns waiting for approval.
 */
export type ServiceWork = { feedback_to_answer: Array<FeedbackSummary>, feedback_overdue: Array<FeedbackSummary>, visits_due: Array<VisitSummary>, returns_to_approve: Array<ReturnSummary>, };

export type TimelineEntry = { kind: string, kind_label: string, id: number, number: string, 
/**
 * UTC time (2026-11-27T07:19:19.123Z) or a local date (2026-11-27).
 */
at: string, summary: string, state: string, };

/**
 * From the 17th digit of the ID number: odd 男, even 女.
 */
export type Sex = "male" | "female";

/**
 * A valid ID number and what it says about its holder.
 */
export type IdNumber = { 
/**
 * 18 characters, a final x as X.
 */
normalized: string, birth_date: string, sex: Sex, };

/**
 * An engagement whose roster names the worker.
 */
export type WorkerEngagement = { engagement_id: number, 
/**
 * The roster row.
 */
roster_id: number, number: string, title: string, category: EngagementCategory, state: EngagementState, unit_name: string | null, start_date: string, end_date: string, 
/**
 * 上岗 on this engagement.
 */
working: boolean, };

/**
 * The full record of a person.
 */
export type Worker = { id: number, name: string, 
/**
 * In full for roles holding `view_id_numbers`, masked (`110101********1234`) otherwise.
 */
id_number: string, 
/**
 * Whether `id_number` is the full number.
 */
id_number_full: boolean, sex: Sex, birth_date: string, category: EngagementCategory, unit_id: number | null, unit_name: string | null, 
/**
 * 工种
 */
trade: string, 
/**
 * 特种作业类别 the work needs (empty when none).
 */
special_class: string, phone: string, emergency_contact: string, emergency_phone: string, 
/**
 * 调换工种 / 岗位 on this date (workshop- and team-level education again).
 */
post_changed_on: string | null, blacklisted: boolean, blacklist_reason: string, blacklisted_on: string | null, blacklisted_by: string, notes: string, 
/**
 * 人员照片 (the newest image; the gate's entry pass prints it).
 */
photo: Attachment | null, 
/**
 * Newest first.
 */
engagements: Array<WorkerEngagement>, created_by: string, created_at: string, updated_at: string, version: number, };

export type WorkerInput = { name: string, 
/**
 * 18 characters; a final x is stored as X. On update, the masked form as shown keeps the
 * stored number.
 */
id_number: string, category: EngagementCategory, unit_id: number | null, trade: string, special_class: string, phone: string, emergency_contact: string, emergency_phone: string, post_changed_on?: string, notes: string, };

/**
 * One line of the worker list.
 */
export type WorkerSummary = { id: number, name: string, 
/**
 * Masked unless the user's role holds `view_id_numbers`.
 */
id_number: string, sex: Sex, birth_date: string, category: EngagementCategory, unit_id: number | null, unit_name: string | null, trade: string, special_class: string, phone: string, blacklisted: boolean, };

export type WorkerQuery = { 
/**
 * Substring of the name, unit, trade or special class; a whole valid ID number finds its
 * holder.
 */
text?: string, unit_id?: number, category?: EngagementCategory, 
/**
 * Absent: all; true: blacklisted only; false: not blacklisted.
 */
blacklisted?: boolean, 
/**
 * Only the people on this engagement's roster.
 */
engagement_id?: number, after?: Cursor, limit?: number, };

export type Violation = { id: number, occurred_on: string, place: string, description: string, rule_broken: string, penalty_fen: number, worker_id: number | null, worker_name: string | null, unit_id: number | null, unit_name: string | null, engagement_id: number | null, engagement_number: string | null, recorded_by: string, created_at: string, };

export type ViolationInput = { occurred_on: string, place: string, 
/**
 * 违规事实.
 */
description: string, 
/**
 * 违反的规定.
 */
rule_broken: string, 
/**
 * 考核金额 in fen (the form takes 元 with two decimals).
 */
penalty_fen: number, worker_id?: number, unit_id?: number, engagement_id?: number, };

export type ViolationQuery = { from?: string, to?: string, unit_id?: number, engagement_id?: number, worker_id?: number, after?: Cursor, limit?: number, };

/**
 * A page of violations and the penalties of every match (not only the page).
 */
export type ViolationPage = { page: Page<Violation>, penalty_total_fen: number, };

/**
 * One line of the deposit ledger.
 */
export type DepositKind = "received" | "deduction" | "refund";

export type DepositEntry = { id: number, engagement_id: number, kind: DepositKind, amount_fen: number, entry_on: string, reason: string, violation_id: number | null, 
/**
 * The violation's facts, when the deduction took its penalty.
 */
violation_description: string | null, balance_after_fen: number, recorded_by: string, created_at: string, };

export type DepositEntryInput = { kind: DepositKind, amount_fen: number, entry_on: string, 
/**
 * Required for a deduction; for a correction, what it corrects.
 */
reason: string, 
/**
 * The violation whose penalty a deduction takes (same engagement only).
 */
violation_id?: number, };

/**
 * 应收 / 已收 / 余额 and every entry, oldest first.
 */
export type DepositLedger = { engagement_id: number, engagement_number: string, title: string, unit_name: string | null, department_name: string, state: EngagementState, 
/**
 * 应收: the deposit the engagement agreed.
 */
agreed_fen: number, 
/**
 * 已收: everything received.
 */
received_fen: number, deducted_fen: number, refunded_fen: number, 
/**
 * 余额.
 */
balance_fen: number, entries: Array<DepositEntry>, };

export type AccidentState = "open" | "reported" | "closed";

/**
 * Where the 1-hour clock stands.
 */
export type ClockState = "running" | "overdue" | "reported_in_time" | "reported_late";

/**
 * The reporting clock at `now`.
 */
export type ReportClock = { state: ClockState, 
/**
 * occurred_at + the limit.
 */
deadline: string, 
/**
 * The server's now the clock was read at: the UI ticks on from it (now + elapsed).
 */
now: string, limit_minutes: number, 
/**
 * Running: minutes left (rounded up, 0 at the deadline itself).
 */
remaining_minutes: number, 
/**
 * Reported: minutes from occurrence to report (rounded up).
 */
used_minutes: number, 
/**
 * Overdue or late: minutes past the deadline (rounded up).
 */
overdue_minutes: number, 
/**
 * "剩余 N 分钟", "已超时 N 分钟,尚未上报", "已于 HH:MM 上报(用时 N 分钟)", "超时 N 分钟上报".
 */
text: string, };

/**
 * One step of the reporting route: who does what.
 */
export type RouteStep = { who: string, does: string, };

export type AccidentPerson = { worker_id: number | null, name: string, injury: string, };

export type AccidentPersonInput = { 
/**
 * A registered worker (the name is then taken from the record), or none for a name only.
 */
worker_id?: number, name: string, injury: string, };

export type AccidentInput = { 
/**
 * To the minute.
 */
occurred_at: string, place: string, 
/**
 * Of the person(s); taken from the engagement when one is named.
 */
category: EngagementCategory, engagement_id?: number, unit_id?: number, 
/**
 * 事故经过.
 */
description: string, 
/**
 * 伤害情况 (overall).
 */
injuries: string, 
/**
 * The department that investigates; by default the engagement's.
 */
responsible_department_id?: number, people: Array<AccidentPersonInput>, };

export type Accident = { id: number, number: string, occurred_at: string, place: string, category: EngagementCategory, engagement_id: number | null, engagement_number: string | null, engagement_title: string | null, unit_id: number | null, unit_name: string | null, description: string, injuries: string, responsible_department_id: number | null, responsible_department_name: string | null, reported_to_authority_at: string | null, reported_by: string, safety_dept_informed_at: string | null, state: AccidentState, result: string, closed_at: string | null, created_by: string, created_at: string, updated_at: string, version: number, people: Array<AccidentPerson>, route: Array<RouteStep>, 
/**
 * As of the time it was read (for a record read without a clock: of its last change).
 */
clock: ReportClock, };

/**
 * One line of the accident list.
 */
export type AccidentSummary = { id: number, number: string, occurred_at: string, place: string, category: EngagementCategory, engagement_number: string | null, unit_name: string | null, people: string, state: AccidentState, clock: ReportClock, };

export type AccidentQuery = { state?: AccidentState, 
/**
 * Only those not closed.
 */
open?: boolean, after?: Cursor, limit?: number, };

/**
 * What runs out on a person's certificate.
 */
export type CertificateDeadline = "valid_to" | "review";

/**
 * A person's certificate whose validity ends within the warning days, whose review is due within
 * the review warning days, or which has lapsed. The UI links to `/contractor/workers/:worker_id`.
 */
export type PersonCertificateDue = { worker_id: number, worker_name: string, unit_name: string | null, certificate_id: number, 
/**
 * special_operation / special_equipment.
 */
kind: string, class: string, number: string, deadline: CertificateDeadline, due_on: string, 
/**
 * Negative: lapsed that many days ago.
 */
days_left: number, };

/**
 * A denial at the gate today.
 */
export type GateDenial = { check_id: number, checked_at: string, worker_id: number | null, worker_name: string | null, id_number_masked: string, engagement_number: string | null, gate: string, 
/**
 * The reasons' messages, in the order of the checks.
 */
reasons: string, };

/**
 * An engagement holding deposit money.
 */
export type DepositHeld = { engagement_id: number, number: string, title: string, unit_name: string | null, state: EngagementState, agreed_fen: number, balance_fen: number, };

export type SafetyPeopleView = { today: string, certificates: Array<PersonCertificateDue>, denials_today: Array<GateDenial>, open_accidents: Array<AccidentSummary>, deposits_held: Array<DepositHeld>, deposits_held_total_fen: number, };

/**
 * The levels of 三级安全教育 and the yearly re-training.
 */
export type ClassLevel = "company" | "workshop" | "team" | "annual";

/**
 * What is missing, as a code the gate can branch on and the sentence shown and printed.
 */
export type StandingIssue = { 
/**
 * `education_level_missing`, `education_level_failed`, `education_hours_short`,
 * `retraining_short`, `reeducation_after_post_change`, `reeducation_after_absence`.
 */
code: string, message: string, };

/**
 * The classes of one level a person passed.
 */
export type LevelStanding = { level: ClassLevel, 
/**
 * Classes of this level attended (passed or not).
 */
attended: number, passed: number, 
/**
 * 学时 of the passed classes, in tenths.
 */
hours_tenths: number, last_passed_on: string | null, };

export type EducationStanding = { on: string, high_risk: boolean, 
/**
 * 厂级, 车间级, 班组级, 年度再培训, in that order.
 */
levels: Array<LevelStanding>, 
/**
 * Passed 厂级 + 车间级 + 班组级 学时 (tenths) against the threshold (tenths: 24 学时 = 240).
 */
pre_job_hours_tenths: number, required_hours_tenths: number, 
/**
 * Each of the three levels attended and passed.
 */
levels_complete: boolean, 
/**
 * Working for more than a year on high-risk work: the yearly re-training applies.
 */
retraining_required: boolean, 
/**
 * Passed 学时 (tenths) in the 365 days up to `on`, and what the year requires.
 */
retraining_hours_tenths: number, retraining_required_hours_tenths: number, 
/**
 * Workshop and team level must be given again (post change or a long absence).
 */
reeducation_due: boolean, first_passed_on: string | null, last_class_on: string | null, 
/**
 * Nothing missing.
 */
complete: boolean, issues: Array<StandingIssue>, };

/**
 * A person on the sign-in sheet of a class.
 */
export type ClassAttendee = { worker_id: number, name: string, id_number_masked: string, unit_name: string | null, trade: string, 
/**
 * `None`: not examined yet.
 */
score: number | null, 
/**
 * `None` until examined; then score ≥ the class's pass mark.
 */
passed: boolean | null, signed: boolean, };

export type SafetyClass = { id: number, level: ClassLevel, held_on: string, 
/**
 * 学时 in tenths (8 学时 = 80).
 */
hours_tenths: number, content: string, instructor: string, place: string, department_id: number | null, department_name: string | null, engagement_id: number | null, engagement_number: string | null, pass_mark: number, 
/**
 * By name.
 */
attendees: Array<ClassAttendee>, created_by: string, created_at: string, updated_at: string, version: number, };

export type ClassInput = { level: ClassLevel, held_on: string, 
/**
 * 学时 in tenths, in steps of 0.5 学时 (5).
 */
hours_tenths: number, content: string, instructor: string, place: string, department_id: number | null, engagement_id: number | null, pass_mark: number, };

/**
 * One attendee's exam result and signature, as entered on the score table.
 */
export type ScoreInput = { worker_id: number, 
/**
 * `None`: not examined (absent from the exam).
 */
score: number | null, signed: boolean, };

/**
 * One line of the class list.
 */
export type ClassSummary = { id: number, level: ClassLevel, held_on: string, hours_tenths: number, content: string, instructor: string, place: string, department_name: string | null, engagement_number: string | null, attendee_count: number, examined_count: number, passed_count: number, };

export type ClassQuery = { level?: ClassLevel, from?: string, to?: string, department_id?: number, 
/**
 * Classes this worker attended.
 */
worker_id?: number, after?: Cursor, limit?: number, };

/**
 * A class as one person attended it.
 */
export type AttendedClass = { class_id: number, level: ClassLevel, held_on: string, hours_tenths: number, content: string, instructor: string, pass_mark: number, score: number | null, passed: boolean, signed: boolean, };

/**
 * One person's education: the classes, the standing on the day and the certificates.
 */
export type WorkerEducation = { worker_id: number, name: string, id_number_masked: string, unit_name: string | null, trade: string, special_class: string, 
/**
 * On the roster of a high-risk engagement (72 学时, yearly re-training).
 */
high_risk: boolean, post_changed_on: string | null, last_on_site: string | null, 
/**
 * Newest first.
 */
classes: Array<AttendedClass>, standing: EducationStanding, certificates: Array<CertificateLine>, };

/**
 * Why a person is on the safety department's list.
 */
export type DueKind = "certificate_expiring" | "certificate_expired" | "review_due" | "review_overdue" | "education_incomplete" | "retraining_due" | "reeducation_due";

/**
 * One line of the safety department's list of what lapses (a click opens the person).
 */
export type PersonDue = { worker_id: number, name: string, unit_name: string | null, kind: DueKind, 
/**
 * The certificate (kind, class, number) or the education item concerned.
 */
subject: string, 
/**
 * Expiry or review date for certificates.
 */
due_on: string | null, message: string, };

export type PersonCertificateKind = "special_operation" | "special_equipment";

/**
 * Where a certificate stands on a day.
 */
export type CertificateStatus = "valid" | "expiring_soon" | "review_window" | "expired" | "review_overdue";

export type WorkerCertificate = { id: number, worker_id: number, kind: PersonCertificateKind, 
/**
 * 作业类别 / 作业项目, e.g. 电工作业.
 */
class: string, number: string, issuer: string, issued_on: string, valid_to: string, last_reviewed_on: string | null, review_due_on: string, version: number, };

/**
 * A certificate with its status on the day asked and its scans.
 */
export type CertificateLine = { certificate: WorkerCertificate, status: CertificateStatus, attachments: Array<Attachment>, };

export type WorkerCertificateInput = { kind: PersonCertificateKind, class: string, number: string, issuer: string, issued_on: string, 
/**
 * Absent: six years after issue.
 */
valid_to: string | null, 
/**
 * The last review passed, when the certificate was reviewed before it was recorded here.
 */
last_reviewed_on: string | null, };

/**
 * The answer at the gate.
 */
export type EntryResult = "allow" | "allow_with_warning" | "deny" | "allow_with_escort";

/**
 * What a reason does to the answer.
 */
export type ReasonSeverity = "deny" | "warning" | "escort";

/**
 * The checks of §6, in their order: the printed sheet lists each with 通过 or its reasons.
 */
export type EntryRule = "identity" | "blacklist" | "package" | "agreement" | "unit_certificates" | "roster" | "education" | "retraining" | "reeducation" | "special_certificate" | "dates" | "escort";

/**
 * One reason of a verdict: a stable code for the log and the safety department's counts, and a
 * Chinese sentence with the facts.
 */
export type Reason = { rule: EntryRule, code: string, message: string, severity: ReasonSeverity, };

export type Verdict = { result: EntryResult, 
/**
 * Every failing check and every warning, in the order of the checks.
 */
reasons: Array<Reason>, 
/**
 * The escort named for a visitor or after-sales person.
 */
escort: string, };

/**
 * What the gate asks: a person (ID number, or the pass code from the entry pass's QR), the
 * engagement (when the person is on several) and the date (today when absent).
 */
export type CheckRequest = { id_number?: string, pass_code?: string, engagement_id?: number, date?: string, };

/**
 * One logged check (or override) as the gate and the log show it.
 */
export type EntryCheck = { id: number, checked_at: string, check_date: string, gate_user: string, gate: string, worker_id: number | null, 
/**
 * The name; empty for a person nobody registered.
 */
worker_name: string, id_number_masked: string, unit_name: string, engagement_id: number | null, engagement_number: string, engagement_title: string, result: EntryResult, reasons: Array<Reason>, escort: string, 
/**
 * Set on an override row: who let the person in, why, and which check it overrides.
 */
override_by: string, override_reason: string, overrides_id: number | null, 
/**
 * On a DENY row: an override was given later.
 */
overridden: boolean, 
/**
 * The DENY may be overridden (not for an unregistered or blacklisted person).
 */
can_override: boolean, };

/**
 * An engagement the person is on, for the gate to choose from.
 */
export type EngagementChoice = { id: number, number: string, title: string, unit_name: string, start_date: string, end_date: string, };

/**
 * The gate's answer: the logged check, or — when the person is on several current engagements
 * and none was named — the engagements to choose from (nothing logged yet).
 */
export type CheckAnswer = { check: EntryCheck | null, worker_name: string, candidates: Array<EngagementChoice>, };

/**
 * Filters of the day's log.
 */
export type EntryLogQuery = { 
/**
 * The local date; today when absent.
 */
date?: string, result?: EntryResult, engagement_id?: number, worker_id?: number, limit?: number, after?: Cursor, };

export const customerKindLabels: Record<CustomerKind, string> = {
  company: '企业客户',
  person: '个人客户',
  dealer: '经销商',
}

export const customerGradeLabels: Record<CustomerGrade, string> = {
  key: '重点客户',
  normal: '普通客户',
}

export const stateLabels: Record<State, string> = {
  registered: '已登记',
  analysing: '分析核实',
  explained: '已解释',
  filed: '备案',
  approval: '方案会签',
  implementing: '落实跟踪',
  verifying: '效果验证',
  closed: '结案',
  cancelled: '撤销',
}

export const categoryLabels: Record<Category, string> = {
  quality: '质量异常',
  non_quality: '非质量异常(人为)',
  other: '其他',
}

export const severityLabels: Record<Severity, string> = {
  minor: '轻微',
  serious: '严重',
  major: '重大',
}

export const commandLabels: Record<Command, string> = {
  start_analysis: '开始分析核实',
  explain_not_our_fault: '判定非我方原因',
  file: '登记备案',
  submit_for_approval: '提交会签',
  start_implementation: '开始落实',
  start_verification: '进入效果验证',
  close: '结案',
  cancel: '撤销',
  reopen: '重新打开',
}

export const channelLabels: Record<Channel, string> = {
  hotline: '热线',
  website: '网站',
  email: '邮箱',
  store: '直销店',
  visit: '来访',
  other: '其他',
}

export const remedyLabels: Record<Remedy, string> = {
  return: '退货',
  exchange: '换货',
  repair: '返修',
  compensation: '补偿',
  discount: '折让',
  apology: '道歉',
  technical_support: '技术支持',
  other: '其他',
}

export const actionKindLabels: Record<ActionKind, string> = {
  containment: '围堵措施',
  occurrence_cause: '发生原因对策',
  escape_cause: '流出原因对策',
  corrective: '纠正措施',
  preventive: '预防措施',
}

export const contactMethodLabels: Record<ContactMethod, string> = {
  phone: '电话',
  visit: '上门',
  email: '邮件',
  wechat: '微信',
  letter: '函件',
  other: '其他',
}

export const seatLabels: Record<Seat, string> = {
  department: '部门',
  manager: '售后服务经理',
}

export const ownerKindLabels: Record<OwnerKind, string> = {
  complaint: '客户投诉',
  contractor_certificate: '单位证照',
  contractor_item: '清单资料',
  worker_photo: '人员照片',
  worker_certificate: '人员证书',
}

export const entityLabels: Record<Entity, string> = {
  user: '用户',
  department: '部门',
  store: '直销店',
  settings: '系统设置',
  database: '数据库',
  customer: '客户',
  complaint: '客户投诉',
  shipment: '发货数据',
  report: '月度投诉率报表',
  survey_template: '调查模板',
  survey_campaign: '调查活动',
  survey_response: '调查问卷',
  contractor_unit: '承包单位',
  contractor_certificate: '单位证照',
  contractor_engagement: '用工(发包)项目',
  contractor_item: '清单资料',
  agreement_template: '安全协议书模板',
  feedback: '意见建议',
  care_plan: '关怀计划',
  visit: '客户回访',
  store_return: '退换货',
  worker: '外来人员',
  safety_violation: '违规考核',
  safety_deposit: '安全风险抵押金',
  safety_accident: '事故',
  safety_class: '安全教育培训',
  worker_certificate: '人员证书',
  entry_check: '入场资格审查',
}

export const auditActionLabels: Record<AuditAction, string> = {
  initialize: '初始设置',
  create: '新增',
  update: '修改',
  activate: '启用',
  deactivate: '停用',
  reset_password: '重置密码',
  change_password: '修改密码',
  sign_in: '登录',
  sign_in_failed: '登录失败',
  sign_in_refused: '登录被拒',
  sign_out: '退出',
  backup: '备份',
  import: '导入',
  merge: '合并(被合并)',
  merge_into: '合并(保留)',
  attach: '添加附件',
  detach: '删除附件',
  register: '登记',
  update_registration: '修改登记',
  save_analysis: '分析核实',
  save_remedy: '处理方案',
  save_measures: '产品解决措施',
  agree_remedy: '商定处理办法',
  save_customer_agreement: '与客户协商结果',
  sign: '会签',
  return_for_revision: '会签驳回退回',
  add_contact: '客户联系',
  save_action: '改善措施',
  verify_action: '效果验证',
  save_feedback: '客户反馈',
  decide_corrective: '判定是否需要纠正措施',
  start_analysis: '开始分析核实',
  explain_not_our_fault: '判定非我方原因',
  file: '登记备案',
  submit_for_approval: '提交会签',
  start_implementation: '开始落实',
  start_verification: '进入效果验证',
  close: '结案',
  cancel: '撤销',
  reopen: '重新打开',
  delete: '删除',
  submit: '报送',
  revise: '修订重报',
  enter_response: '录入问卷',
  close_campaign: '结束调查',
  blacklist: '列入黑名单',
  unblacklist: '移出黑名单',
  upload_item: '交资料',
  accept_item: '资料审核通过',
  return_item: '资料退回',
  submit_for_review: '提交安全审核',
  safety_approve: '安全审批通过',
  reopen_review: '变更后重新审核',
  start_work: '开始用工(施工)',
  complete: '完工',
  terminate: '终止',
  roster: '人员名单',
  print: '打印',
  route: '分派',
  answer: '答复',
  adopt: '采纳建议',
  convert_to_complaint: '转为投诉',
  schedule: '安排回访',
  record_visit: '回访记录',
  approve: '审批通过',
  reject: '驳回',
  receive: '收货',
  refund: '退款',
  exchange: '换货',
  finish: '完成',
  resubmit: '重新申请',
  worker_blacklist: '人员列入黑名单',
  worker_unblacklist: '人员移出黑名单',
  deposit_receive: '收取抵押金',
  deposit_deduct: '扣除抵押金',
  deposit_refund: '退还抵押金',
  accident_report: '事故上报',
  accident_inform: '事故报安全管理部',
  safety_class_attendees: '培训人员',
  safety_class_scores: '考试成绩',
  worker_certificate_review: '证书复审',
  entry_override: '入场审查放行',
}

export const rateFormulaLabels: Record<RateFormula, string> = {
  case_rate: '投诉率(件数/发货次数)',
  ppm: '不良PPM(不良数/发货数量)',
  per_customer: '客户投诉率(件数/在册客户数)',
  contact_share: '投诉占服务联系比例',
}

export const reportFormatLabels: Record<ReportFormat, string> = {
  pdf: 'PDF',
  xlsx: 'Excel',
  json: 'JSON',
}

export const questionKindLabels: Record<QuestionKind, string> = {
  rating: '满意度评分(1–5)',
  nps: '推荐意愿(0–10)',
  single: '单选',
  multiple: '多选',
  text: '文字意见',
}

export const measureLabels: Record<Measure, string> = {
  csat: '满意度',
  loyalty: '忠诚度',
}

export const campaignKindLabels: Record<CampaignKind, string> = {
  targeted: '定向调查',
  after_complaint: '投诉结案调查',
}

export const campaignStateLabels: Record<CampaignState, string> = {
  open: '进行中',
  closed: '已结束',
}

export const responseStateLabels: Record<ResponseState, string> = {
  pending: '待回收',
  answered: '已录入',
}

export const responseChannelLabels: Record<ResponseChannel, string> = {
  phone: '电话回访',
  paper: '纸质问卷',
}

export const engagementCategoryLabels: Record<EngagementCategory, string> = {
  temporary: '外用工',
  outsourced: '外包工',
  after_sales: '售后服务人员',
}

export const checklistItemKindLabels: Record<ChecklistItemKind, string> = {
  contract: '承包合同(协议)',
  labour_application: '计划外用工申报表',
  labour_approval: '计划外用工审批表',
  security_agreement: '治安五防协议书',
  safety_agreement: '外用(包)工安全协议书(一式四份)',
  construction_plan: '工程安全施工方案',
  safety_briefing: '安全技术交底单',
  qualification: '本单位相关资质证明',
  service_filing: '售后服务人员安全管理备案',
  safety_accord: '安全协定',
  ledger_archive: '外用工台帐、档案',
  post_training: '岗位安全技术培训考核合格记录',
  safety_filing: '安全管理部门登记备案',
  three_level_education: '三级安全教育记录',
}

export const checklistStateLabels: Record<ChecklistState, string> = {
  missing: '缺',
  submitted: '已交',
  accepted: '已审核',
  returned: '退回',
  expired: '过期',
}

export const engagementStateLabels: Record<EngagementState, string> = {
  preparing: '资料准备',
  submitted: '待审核',
  returned: '已退回',
  approved: '已审批',
  active: '用工中',
  completed: '已完工',
  terminated: '已终止',
}

export const engagementCommandLabels: Record<EngagementCommand, string> = {
  submit: '提交安全审核',
  approve: '审批通过',
  start: '开始用工(施工)',
  complete: '完工',
  terminate: '终止',
}

export const certificateKindLabels: Record<CertificateKind, string> = {
  business_licence: '营业执照',
  qualification: '资质证书',
  safety_permit: '安全生产许可证',
  other: '其他证书',
}

export const engagementDocumentLabels: Record<EngagementDocument, string> = {
  agreement: '外用(包)工安全协议书',
  briefing: '安全技术交底单',
  application: '计划外用工申报表',
  approval: '计划外用工审批表',
}

export const feedbackStateLabels: Record<FeedbackState, string> = {
  unassigned: '待分派',
  in_progress: '处理中',
  answered: '已答复',
  closed: '已关闭',
}

export const feedbackKindLabels: Record<FeedbackKind, string> = {
  inquiry: '咨询',
  suggestion: '建议',
  praise: '表扬',
  complaint_lead: '投诉线索',
}

export const feedbackChannelLabels: Record<FeedbackChannel, string> = {
  hotline: '热线',
  website: '网站',
  email: '邮箱',
  store: '直销店',
  visit: '回访',
  other: '其他',
}

export const feedbackCommandLabels: Record<FeedbackCommand, string> = {
  route: '分派',
  answer: '答复',
  close: '关闭',
  convert_to_complaint: '转为投诉',
  adopt: '采纳建议',
}

export const careFrequencyLabels: Record<CareFrequency, string> = {
  monthly: '每月',
  quarterly: '每季度',
  half_yearly: '每半年',
  yearly: '每年',
}

export const visitStateLabels: Record<VisitState, string> = {
  planned: '待回访',
  done: '已回访',
  cancelled: '已取消',
}

export const visitModeLabels: Record<VisitMode, string> = {
  phone: '电话',
  on_site: '上门',
  video: '视频',
  other: '其他',
}

export const visitSourceLabels: Record<VisitSource, string> = {
  plan: '关怀计划',
  complaint: '投诉结案回访',
  manual: '临时安排',
}

export const visitCommandLabels: Record<VisitCommand, string> = {
  record: '记录回访',
  cancel: '取消回访',
}

export const returnStateLabels: Record<ReturnState, string> = {
  requested: '申请',
  approved: '已审批',
  received: '已收货',
  refunded: '已退款',
  exchanged: '已换货',
  completed: '完成',
  rejected: '驳回',
}

export const returnKindLabels: Record<ReturnKind, string> = {
  return: '退货',
  exchange: '换货',
}

export const returnReasonLabels: Record<ReturnReason, string> = {
  quality: '质量原因',
  non_quality: '非质量原因',
  other: '其他',
}

export const returnCommandLabels: Record<ReturnCommand, string> = {
  approve: '审批通过',
  reject: '驳回',
  receive: '确认收货',
  refund: '退款',
  exchange: '换货',
  complete: '完成',
  resubmit: '重新申请',
}

export const sexLabels: Record<Sex, string> = {
  male: '男',
  female: '女',
}

export const depositKindLabels: Record<DepositKind, string> = {
  received: '收取',
  deduction: '扣除',
  refund: '退还',
}

export const accidentStateLabels: Record<AccidentState, string> = {
  open: '待上报',
  reported: '已上报',
  closed: '已结案',
}

export const clockStateLabels: Record<ClockState, string> = {
  running: '计时中',
  overdue: '已超时未上报',
  reported_in_time: '按时上报',
  reported_late: '超时上报',
}

export const certificateDeadlineLabels: Record<CertificateDeadline, string> = {
  valid_to: '有效期',
  review: '复审',
}

export const classLevelLabels: Record<ClassLevel, string> = {
  company: '厂级',
  workshop: '车间级',
  team: '班组级',
  annual: '年度再培训',
}

export const dueKindLabels: Record<DueKind, string> = {
  certificate_expiring: '证书即将到期',
  certificate_expired: '证书已过期',
  review_due: '证书待复审',
  review_overdue: '逾期未复审',
  education_incomplete: '安全教育未完成',
  retraining_due: '年度再培训不足',
  reeducation_due: '须重新教育',
}

export const personCertificateKindLabels: Record<PersonCertificateKind, string> = {
  special_operation: '特种作业操作证',
  special_equipment: '特种设备作业人员证',
}

export const certificateStatusLabels: Record<CertificateStatus, string> = {
  valid: '有效',
  expiring_soon: '即将到期',
  review_window: '复审期内',
  expired: '已过期',
  review_overdue: '逾期未复审(失效)',
}

export const entryResultLabels: Record<EntryResult, string> = {
  allow: '准许入场',
  allow_with_warning: '准许入场(有提醒)',
  deny: '禁止入场',
  allow_with_escort: '需陪同入场',
}

export const reasonSeverityLabels: Record<ReasonSeverity, string> = {
  deny: '禁止',
  warning: '提醒',
  escort: '陪同',
}

export const entryRuleLabels: Record<EntryRule, string> = {
  identity: '身份已登记',
  blacklist: '未列入黑名单(个人及单位)',
  package: '项目手续经安全管理部审批',
  agreement: '安全协议(协定)在有效期内',
  unit_certificates: '单位资质证照有效',
  roster: '在本项目人员名单上',
  education: '三级安全教育完成(学时、考试)',
  retraining: '年度再培训',
  reeducation: '换岗、离岗后重新教育',
  special_certificate: '特种作业持证上岗',
  dates: '在项目用工期限内',
  escort: '参观及售后服务人员陪同',
}

export type AuditPage = Page<AuditEvent>;

export type CustomerPage = Page<CustomerSummary>;

export type ComplaintPage = Page<ComplaintSummary>;

export type UnitPage = Page<UnitSummary>;

export type EngagementPage = Page<EngagementSummary>;

export type FeedbackPage = Page<FeedbackSummary>;

export type VisitPage = Page<VisitSummary>;

export type ReturnPage = Page<ReturnSummary>;

export type WorkerPage = Page<WorkerSummary>;

export type AccidentPage = Page<AccidentSummary>;

export type ClassPage = Page<ClassSummary>;

export type EntryLogPage = Page<EntryCheck>;
