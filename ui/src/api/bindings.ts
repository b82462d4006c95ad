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
test_open_files: Array<string>, };

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
export type Permission = "manage_users" | "manage_organisation" | "manage_settings" | "view_audit" | "backup" | "view_customers" | "edit_customers" | "manage_customers" | "view_complaints" | "register_complaints" | "handle_complaints" | "close_complaints" | "sign_complaints" | "verify_complaint_actions" | "view_service" | "register_feedback" | "handle_feedback" | "answer_feedback" | "manage_visits" | "view_returns" | "register_returns" | "approve_returns";

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

export type StoreInput = { code: string, name: string, region: string, address: string, manager: string, phone: string, active: boolean, };

export type Settings = { 
/**
 * Printed in the header of every form.
 */
company_name: string, 
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
 * Closing a complaint schedules a follow-up visit (回访) to its customer.
 */
follow_up_visit_after_close: boolean, 
/**
 * That visit is due this many days after the closing day.
 */
follow_up_visit_days: number, };

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

export type ProductLine = { order_number: string, part_number: string, batch: string, ship_date: string | null, quantity: number, defective_quantity: number, };

/**
 * 客户投诉登记: everything the rule asks to record at once.
 */
export type Registration = { received_at: string, channel: Channel, customer_id: number, contact_name: string, contact_phone: string, store_id: number | null, category: Category, severity: Severity, description: string, customer_demand: string, lines: Array<ProductLine>, };

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

export type ActionInput = { kind: ActionKind, description: string, owner: string, due_date: string, done_date: string | null, };

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

export type Action = { id: number, kind: ActionKind, description: string, owner: string, due_date: string, done_date: string | null, effective: boolean | null, verified_by: string, verified_at: string | null, };

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
available: Array<Command>, registered_by: number | null, closed_at: string | null, created_at: string, updated_at: string, version: number, };

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
export type OwnerKind = "complaint";

export type Attachment = { id: number, owner: OwnerKind, owner_id: number, file_name: string, media_type: string, size_bytes: number, width: number | null, height: number | null, has_thumbnail: boolean, caption: string, added_by: number | null, added_by_name: string, added_at: string, };

/**
 * What a row of the log is about. Stored by key; the audit screen and timelines show the label.
 */
export type Entity = "user" | "department" | "store" | "settings" | "database" | "customer" | "complaint" | "feedback" | "care_plan" | "visit" | "store_return";

/**
 * What was done. One vocabulary for every module, so the audit screen can name every action.
 * (`AuditAction` in TypeScript, beside a complaint's improvement `Action`.)
 */
export type AuditAction = "initialize" | "create" | "update" | "activate" | "deactivate" | "reset_password" | "change_password" | "sign_in" | "sign_in_failed" | "sign_in_refused" | "sign_out" | "backup" | "import" | "merge" | "merge_into" | "attach" | "detach" | "register" | "update_registration" | "save_analysis" | "save_remedy" | "save_measures" | "agree_remedy" | "save_customer_agreement" | "sign" | "return_for_revision" | "add_contact" | "save_action" | "verify_action" | "save_feedback" | "start_analysis" | "explain_not_our_fault" | "file" | "submit_for_approval" | "start_implementation" | "start_verification" | "close" | "cancel" | "reopen" | "route" | "answer" | "adopt" | "convert_to_complaint" | "schedule" | "record_visit" | "approve" | "reject" | "receive" | "refund" | "exchange" | "complete" | "resubmit";

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
}

export const entityLabels: Record<Entity, string> = {
  user: '用户',
  department: '部门',
  store: '直销店',
  settings: '系统设置',
  database: '数据库',
  customer: '客户',
  complaint: '客户投诉',
  feedback: '意见建议',
  care_plan: '关怀计划',
  visit: '客户回访',
  store_return: '退换货',
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
  start_analysis: '开始分析核实',
  explain_not_our_fault: '判定非我方原因',
  file: '登记备案',
  submit_for_approval: '提交会签',
  start_implementation: '开始落实',
  start_verification: '进入效果验证',
  close: '结案',
  cancel: '撤销',
  reopen: '重新打开',
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
  complete: '完成',
  resubmit: '重新申请',
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

export type AuditPage = Page<AuditEvent>;

export type CustomerPage = Page<CustomerSummary>;

export type ComplaintPage = Page<ComplaintSummary>;

export type FeedbackPage = Page<FeedbackSummary>;

export type VisitPage = Page<VisitSummary>;

export type ReturnPage = Page<ReturnSummary>;
