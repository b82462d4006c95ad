// Generated from core/src/api/commands.rs by tests/bindings.rs. Do not edit by hand:
// UPDATE_BINDINGS=1 cargo test --test bindings
import { call } from './transport'
import type { ActionInput, Actor, Analysis, AnalysisDetails, AppStatus, Attachment, AuditEvent, AuditFilter, BackupReport, CarePlan, CarePlanInput, Command, Complaint, ComplaintForm, ComplaintQuery, ComplaintSummary, ContactInput, Conversion, Customer, CustomerAgreement, CustomerInput, CustomerQuery, CustomerSummary, DemoSummary, Department, DepartmentInput, Feedback, FeedbackInput, FeedbackQuery, FeedbackSummary, HealthReport, ImportMode, ImportOutcome, InitialSetup, Mapping, MyWork, NewUser, OwnerKind, Page, Registration, RemedyPlan, ReturnCommand, ReturnInput, ReturnQuery, ReturnStat, ReturnSummary, RoleInfo, RouteInput, SalesStore, ServiceWork, Settings, StoreInput, StoreReturn, TimelineEntry, User, UserUpdate, Visit, VisitQuery, VisitRecord, VisitSchedule, VisitSummary } from './bindings'

export const commands = {
  system: {
    /** What the window needs before anything else: whether the store opened, whether first-run setup is still to do. */
    status: () => call<AppStatus>('app_status'),
    check: () => call<HealthReport>('system_check'),
    /** `path` comes from the save dialog. */
    backup: (path: string) => call<BackupReport>('system_backup', { path }),
  },
  session: {
    initialize: (setup: InitialSetup) => call<User>('setup_initialize', { setup }),
    /** Offered on the first-run page of an empty database. */
    loadDemo: () => call<DemoSummary>('setup_load_demo'),
    signIn: (username: string, password: string) => call<Actor>('session_sign_in', { username, password }),
    signOut: () => call<void>('session_sign_out'),
    /** The signed-in user, or `null` when nobody is. */
    current: () => call<Actor | null>('session_current'),
    changePassword: (oldPassword: string, newPassword: string) => call<void>('session_change_password', { oldPassword, newPassword }),
  },
  users: {
    roles: () => call<Array<RoleInfo>>('role_list'),
    list: () => call<Array<User>>('user_list'),
    create: (input: NewUser) => call<User>('user_create', { input }),
    update: (id: number, input: UserUpdate) => call<User>('user_update', { id, input }),
    setActive: (id: number, active: boolean, version: number) => call<User>('user_set_active', { id, active, version }),
    resetPassword: (id: number, password: string) => call<void>('user_reset_password', { id, password }),
  },
  org: {
    departments: () => call<Array<Department>>('department_list'),
    createDepartment: (input: DepartmentInput) => call<Department>('department_create', { input }),
    updateDepartment: (id: number, version: number, input: DepartmentInput) => call<Department>('department_update', { id, version, input }),
    stores: () => call<Array<SalesStore>>('store_list'),
    createStore: (input: StoreInput) => call<SalesStore>('store_create', { input }),
    updateStore: (id: number, version: number, input: StoreInput) => call<SalesStore>('store_update', { id, version, input }),
  },
  settings: {
    get: () => call<Settings>('settings_get'),
    update: (settings: Settings) => call<Settings>('settings_update', { settings }),
  },
  audit: {
    list: (filter: AuditFilter) => call<Page<AuditEvent>>('audit_list', { filter }),
  },
  customers: {
    list: (query: CustomerQuery) => call<Page<CustomerSummary>>('customer_list', { query }),
    get: (id: number) => call<Customer>('customer_get', { id }),
    history: (id: number) => call<Array<AuditEvent>>('customer_history', { id }),
    create: (input: CustomerInput) => call<Customer>('customer_create', { input }),
    update: (id: number, version: number, input: CustomerInput) => call<Customer>('customer_update', { id, version, input }),
    setActive: (id: number, active: boolean, version: number) => call<Customer>('customer_set_active', { id, active, version }),
    merge: (duplicateId: number, survivorId: number) => call<Customer>('customer_merge', { duplicateId, survivorId }),
    /** `path` comes from the open dialog. A file whose headers are not all known answers with a preview to map; the call with the user's `mapping` imports and remembers it. */
    importFile: (path: string, mode: ImportMode, mapping: Mapping | null) => call<ImportOutcome>('customer_import', { path, mode, mapping }),
    /** `path` comes from the save dialog; `template` writes the header row only. */
    exportFile: (path: string, template: boolean) => call<number>('customer_export', { path, template }),
    /** The customer's complaints, feedback, visits and returns, newest first. */
    timeline: (id: number) => call<Array<TimelineEntry>>('customer_timeline', { id }),
  },
  complaints: {
    list: (query: ComplaintQuery) => call<Page<ComplaintSummary>>('complaint_list', { query }),
    myWork: () => call<MyWork>('complaint_my_work'),
    get: (id: number) => call<Complaint>('complaint_get', { id }),
    history: (id: number) => call<Array<AuditEvent>>('complaint_history', { id }),
    /** `attachments` are paths from the open dialog; all are added or none. */
    register: (input: Registration, attachments: Array<string>) => call<Complaint>('complaint_register', { input, attachments }),
    updateRegistration: (id: number, version: number, input: Registration, reason: string) => call<Complaint>('complaint_update_registration', { id, version, input, reason }),
    saveMeasures: (id: number, version: number, text: string) => call<Complaint>('complaint_save_measures', { id, version, text }),
    agreeRemedy: (id: number, version: number) => call<Complaint>('complaint_agree_remedy', { id, version }),
    saveCustomerAgreement: (id: number, version: number, input: CustomerAgreement) => call<Complaint>('complaint_save_customer_agreement', { id, version, input }),
    saveAnalysis: (id: number, version: number, input: Analysis, details: AnalysisDetails) => call<Complaint>('complaint_save_analysis', { id, version, input, details }),
    saveRemedy: (id: number, version: number, input: RemedyPlan) => call<Complaint>('complaint_save_remedy', { id, version, input }),
    /** `reason` is required to cancel or reopen. */
    transition: (id: number, version: number, command: Command, reason: string) => call<Complaint>('complaint_transition', { id, version, command, reason }),
    sign: (id: number, approve: boolean, comment: string) => call<Complaint>('complaint_sign', { id, approve, comment }),
    addContact: (id: number, input: ContactInput) => call<Complaint>('complaint_add_contact', { id, input }),
    saveAction: (id: number, actionId: number | null, input: ActionInput) => call<Complaint>('complaint_save_action', { id, actionId, input }),
    verifyAction: (id: number, actionId: number, effective: boolean) => call<Complaint>('complaint_verify_action', { id, actionId, effective }),
    saveFeedback: (id: number, version: number, feedback: string) => call<Complaint>('complaint_save_feedback', { id, version, feedback }),
    /** Writes the form to `path` (from the save dialog). */
    pdfSave: (id: number, form: ComplaintForm, path: string) => call<string>('complaint_pdf_save', { id, form, path }),
    /** Opens the form in the system PDF viewer, where it is printed. */
    pdfOpen: (id: number, form: ComplaintForm) => call<string>('complaint_pdf_open', { id, form }),
    /** The form's bytes for the in-app preview. */
    pdfPreview: (id: number, form: ComplaintForm) => call<ArrayBuffer>('complaint_pdf_preview', { id, form }),
    /** A blank 登记表 or 处理表 to fill in by hand (the letter has no blank), opened for printing. */
    blankPdfOpen: (form: ComplaintForm) => call<string>('complaint_blank_pdf_open', { form }),
    /** Writes the blank form to `path` (from the save dialog). */
    blankPdfSave: (form: ComplaintForm, path: string) => call<string>('complaint_blank_pdf_save', { form, path }),
    /** The blank form's bytes for the in-app preview. */
    blankPdfPreview: (form: ComplaintForm) => call<ArrayBuffer>('complaint_blank_pdf_preview', { form }),
    /** `path` comes from the open dialog; a preview to map as for customers. */
    importFile: (path: string, mode: ImportMode, mapping: Mapping | null) => call<ImportOutcome>('complaint_import', { path, mode, mapping }),
    /** Exports the complaints matching the list's filters to `path` (from the save dialog). */
    exportFile: (path: string, query: ComplaintQuery, template: boolean) => call<number>('complaint_export', { path, query, template }),
  },
  attachments: {
    /** `paths` come from the open dialog; all are added or none. */
    add: (owner: OwnerKind, ownerId: number, paths: Array<string>, caption: string) => call<Array<Attachment>>('attachment_add', { owner, ownerId, paths, caption }),
    remove: (id: number) => call<void>('attachment_remove', { id }),
    /** The JPEG thumbnail (the UI shows it through a blob: URL). */
    thumbnail: (id: number) => call<ArrayBuffer>('attachment_thumbnail', { id }),
    /** The whole file (photos are shown full size in the app). */
    content: (id: number) => call<ArrayBuffer>('attachment_content', { id }),
    /** Opens a copy in the system's viewer (the stored file is never handed out to be edited). */
    open: (id: number) => call<string>('attachment_open', { id }),
    /** Copies the file to `path` (from the save dialog). */
    save: (id: number, path: string) => call<string>('attachment_save', { id, path }),
  },
  service: {
    /** Feedback, visits due and returns to approve, for the workbench. */
    myWork: () => call<ServiceWork>('service_my_work'),
  },
  feedback: {
    list: (query: FeedbackQuery) => call<Page<FeedbackSummary>>('feedback_list', { query }),
    get: (id: number) => call<Feedback>('feedback_get', { id }),
    register: (input: FeedbackInput) => call<Feedback>('feedback_register', { input }),
    route: (id: number, version: number, routes: Array<RouteInput>) => call<Feedback>('feedback_route', { id, version, routes }),
    /** The signed-in user's department answers. */
    answer: (id: number, answer: string) => call<Feedback>('feedback_answer', { id, answer }),
    close: (id: number, version: number, note: string) => call<Feedback>('feedback_close', { id, version, note }),
    adopt: (id: number, version: number) => call<Feedback>('feedback_adopt', { id, version }),
    /** Registers a complaint from the item (linked both ways) and closes the item. */
    convert: (id: number, version: number, conversion: Conversion) => call<Feedback>('feedback_convert', { id, version, conversion }),
    /** `path` comes from the open dialog; a preview to map as for customers. */
    importFile: (path: string, mode: ImportMode, mapping: Mapping | null) => call<ImportOutcome>('feedback_import', { path, mode, mapping }),
    exportFile: (path: string, template: boolean) => call<number>('feedback_export', { path, template }),
  },
  care: {
    plans: (customerId: number | null) => call<Array<CarePlan>>('care_plan_list', { customerId }),
    createPlan: (input: CarePlanInput) => call<CarePlan>('care_plan_create', { input }),
    /** `active` false ends the plan (its open visits are cancelled). */
    updatePlan: (id: number, version: number, input: CarePlanInput, active: boolean) => call<CarePlan>('care_plan_update', { id, version, input, active }),
  },
  visits: {
    list: (query: VisitQuery) => call<Page<VisitSummary>>('visit_list', { query }),
    get: (id: number) => call<Visit>('visit_get', { id }),
    schedule: (input: VisitSchedule) => call<Visit>('visit_schedule', { input }),
    record: (id: number, version: number, input: VisitRecord) => call<Visit>('visit_record', { id, version, input }),
    cancel: (id: number, version: number, reason: string) => call<Visit>('visit_cancel', { id, version, reason }),
    /** 客户回访记录表, opened for printing. */
    pdfOpen: (id: number) => call<string>('visit_pdf_open', { id }),
    pdfSave: (id: number, path: string) => call<string>('visit_pdf_save', { id, path }),
    /** A blank 客户回访记录表 with the customer's data, to take along. */
    blankPdfOpen: (customerId: number) => call<string>('visit_blank_pdf_open', { customerId }),
    importFile: (path: string, mode: ImportMode, mapping: Mapping | null) => call<ImportOutcome>('visit_import', { path, mode, mapping }),
    exportFile: (path: string, template: boolean) => call<number>('visit_export', { path, template }),
  },
  returns: {
    list: (query: ReturnQuery) => call<Page<ReturnSummary>>('return_list', { query }),
    get: (id: number) => call<StoreReturn>('return_get', { id }),
    /** The commands the signed-in user may give the return now. */
    commands: (id: number) => call<Array<ReturnCommand>>('return_commands', { id }),
    register: (input: ReturnInput) => call<StoreReturn>('return_register', { input }),
    /** `reason` is required to reject. */
    transition: (id: number, version: number, command: ReturnCommand, reason: string) => call<StoreReturn>('return_transition', { id, version, command, reason }),
    /** 退换货单, opened for printing. */
    pdfOpen: (id: number) => call<string>('return_pdf_open', { id }),
    pdfSave: (id: number, path: string) => call<string>('return_pdf_save', { id, path }),
    /** Counts, quantities and amounts of one month per store, type and reason. */
    monthly: (year: number, month: number) => call<Array<ReturnStat>>('return_monthly', { year, month }),
    /** Writes the month's figures to `path` (.xlsx, from the save dialog). */
    exportMonthly: (year: number, month: number, path: string) => call<number>('return_export_monthly', { year, month, path }),
    importFile: (path: string, mode: ImportMode, mapping: Mapping | null) => call<ImportOutcome>('return_import', { path, mode, mapping }),
    exportFile: (path: string, template: boolean) => call<number>('return_export', { path, template }),
  },
}
