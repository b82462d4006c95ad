// Generated from the Rust types by tests/bindings.rs. Do not edit by hand:
// UPDATE_BINDINGS=1 cargo test --test bindings

/**
 * `code` is stable and for the UI to branch on; `message` is Chinese and for the user;
 * `field` names the input a validation error is about.
 */
export type IpcError = { code: string, message: string, field: string | null, };

/**
 * What the window needs before anything else: whether the store opened, and whether
 * first-run setup is still to do.
 */
export type AppStatus = { version: string, data_dir: string, startup_error: IpcError | null, setup: SetupStatus | null, };

/**
 * The roles of DESIGN.md. Stored by `key()`.
 */
export type Role = "after_sales" | "after_sales_manager" | "business" | "quality" | "technical" | "production" | "safety" | "hiring_dept" | "store_clerk" | "gate" | "admin";

/**
 * Things a use-case may require of the acting user. The UI receives the signed-in user's
 * list to decide which menus to show; the core checks them regardless.
 */
export type Permission = "manage_users" | "manage_organisation" | "manage_settings" | "view_audit" | "backup" | "view_customers" | "edit_customers" | "manage_customers" | "view_complaints" | "register_complaints" | "handle_complaints" | "close_complaints" | "sign_complaints" | "verify_complaint_actions";

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

export type SetupStatus = { initialized: boolean, company_name: string, };

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
first_contact_hours: number, };

export type AuditEvent = { id: number, occurred_at: string, actor_id: number | null, actor_name: string, entity: string, entity_id: string, action: string, summary: string, before_json: string | null, after_json: string | null, };

/**
 * Filters for the audit screen; every field is optional. Paging is by keyset on `id`
 * (`before_id` = the last id of the previous page), newest first.
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
text?: string, before_id?: number, limit?: number, };

export type AuditPage = { items: Array<AuditEvent>, 
/**
 * Pass as `before_id` to get the next page; absent on the last page.
 */
next_before_id: number | null, };

/**
 * What `check` reports.
 */
export type HealthReport = { database_path: string, integrity: string, foreign_key_violations: number, applied_migrations: Array<number>, pending_migrations: Array<number>, journal_mode: string, healthy: boolean, };

export type BackupReport = { path: string, bytes: number, integrity: string, migrations: number, };

export type DemoAccount = { username: string, display_name: string, role_label: string, place: string, };

export type DemoSummary = { company_name: string, password: string, accounts: Array<DemoAccount>, stores: number, customers: number, };

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
export type CustomerSummary = { id: number, code: string, name: string, kind: CustomerKind, region: string, industry: string, grade: CustomerGrade, source_store_name: string | null, tags: Array<string>, primary_contact: string | null, primary_phone: string | null, active: boolean, merged_into_code: string | null, updated_at: string, };

/**
 * Filters for the customer list; all optional. Newest first, paged by keyset on `id`.
 */
export type CustomerQuery = { 
/**
 * Substring of the name, code, a contact's name or phone (Chinese included).
 */
text?: string, kind?: CustomerKind, grade?: CustomerGrade, region?: string, store_id?: number, 
/**
 * Absent: active customers only. `false`: deactivated and merged ones.
 */
active?: boolean, before_id?: number, limit?: number, };

export type CustomerPage = { items: Array<CustomerSummary>, 
/**
 * All customers matching the filters (not just this page).
 */
total: number, next_before_id: number | null, };

export type ImportMode = "all_or_nothing" | "good_rows";

export type ImportProblem = { 
/**
 * The row number as Excel shows it.
 */
row: number, column: string, message: string, };

export type ImportReport = { rows: number, imported: number, problems: Array<ImportProblem>, };
