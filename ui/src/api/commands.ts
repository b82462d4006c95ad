// Generated from core/src/api/commands.rs by tests/bindings.rs. Do not edit by hand:
// UPDATE_BINDINGS=1 cargo test --test bindings
import { call } from './transport'
import type { Accident, AccidentInput, AccidentQuery, AccidentSummary, ActionInput, Actor, AgreementTemplate, AgreementTemplateInput, Analysis, AnalysisDetails, AppStatus, Attachment, AuditEvent, AuditFilter, BackupReport, BlankForm, Campaign, CampaignInput, CarePlan, CarePlanInput, CertificateInput, CertificateLine, CheckAnswer, CheckRequest, ClassInput, ClassQuery, ClassSummary, Command, Complaint, ComplaintForm, ComplaintQuery, ComplaintSummary, ContactInput, ContractorUnit, ContractorUnitInput, Conversion, Customer, CustomerAgreement, CustomerInput, CustomerQuery, CustomerSummary, Dashboard, DemoSummary, Department, DepartmentInput, DepositEntryInput, DepositLedger, DeskProbe, Engagement, EngagementCommand, EngagementDocument, EngagementInput, EngagementQuery, EngagementSummary, EntryCheck, EntryLogQuery, Feedback, FeedbackInput, FeedbackQuery, FeedbackSummary, Health, HealthReport, IdNumber, ImportMode, ImportOutcome, InitialSetup, Mapping, MyWork, NewUser, OwnerKind, Page, Person, PersonDue, Registration, RemedyPlan, ReportFormat, ReportPage, Response, ResponseInput, ResponsePage, ResponseQuery, ReturnCommand, ReturnInput, ReturnQuery, ReturnStat, ReturnSummary, RoleInfo, RosterInput, RouteInput, SafetyClass, SafetyPeopleView, SafetyWorkbench, SalesStore, ScoreInput, ServerStatus, ServiceWork, Settings, Shipment, ShipmentInput, ShipmentQuery, StoreInput, StoreReturn, Submission, SubmissionSummary, SurveyResults, TargetRule, Template, TemplateInput, TemplateVersion, TimelineEntry, UnitQuery, UnitSummary, User, UserUpdate, Violation, ViolationInput, ViolationPage, ViolationQuery, Visit, VisitQuery, VisitRecord, VisitSchedule, VisitSummary, Worker, WorkerCertificateInput, WorkerEducation, WorkerInput, WorkerQuery, WorkerSummary } from './bindings'

export const commands = {
  system: {
    /** What the window needs before anything else: whether the store opened, whether first-run setup is still to do. */
    status: () => call<AppStatus>('app_status'),
    check: () => call<HealthReport>('system_check'),
    /** `path` comes from the save dialog. */
    backup: (path: string) => call<BackupReport>('system_backup', { path }),
    /** The server's version and setup state, for a desk before anyone signs in. */
    serverStatus: () => call<ServerStatus>('server_status'),
  },
  desk: {
    /** The certificate fingerprint and company of the server at `address` (`host:port`), shown for the admin to compare with the one `shouhou serve` printed. */
    probe: (address: string) => call<DeskProbe>('desk_probe', { address }),
    /** Pins the confirmed certificate and works on that server from now on (remembered in this desk's data folder). */
    connect: (address: string, fingerprint: string) => call<AppStatus>('desk_connect', { address, fingerprint }),
    /** Works on this computer's own data folder again. */
    useLocal: () => call<AppStatus>('desk_use_local'),
    /** The company server's version, uptime, sessions and last scheduled backup; `null` on a desk that works on its own data. */
    serverHealth: () => call<Health | null>('desk_server_health'),
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
    /** The active people of a department (all departments with `null`), for pickers. */
    people: (departmentId: number | null) => call<Array<Person>>('department_people', { departmentId }),
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
    /** 是否需要纠正措施 (a minor complaint), with the reason when not. */
    decideCorrective: (id: number, version: number, needed: boolean, reason: string) => call<Complaint>('complaint_decide_corrective', { id, version, needed, reason }),
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
  reports: {
    /** The month's report as of now ("2026-10"), its deadline, submissions and the difference from the latest submission. */
    monthly: (month: string) => call<ReportPage>('report_monthly', { month }),
    /** The after-sales manager's dashboard figures. */
    dashboard: () => call<Dashboard>('report_dashboard'),
    /** 报送: the first submission, or a revision with `reason`. */
    submit: (month: string, reason: string) => call<SubmissionSummary>('report_submit', { month, reason }),
    /** One submitted revision as it was. */
    submission: (month: string, revision: number) => call<Submission>('report_submission', { month, revision }),
    /** The PDF's bytes for the in-app preview (`revision`: a submitted one; none: as of now). */
    pdfPreview: (month: string, revision: number | null) => call<ArrayBuffer>('report_pdf_preview', { month, revision }),
    /** Opens the PDF in the system viewer, where it is printed. */
    pdfOpen: (month: string, revision: number | null) => call<string>('report_pdf_open', { month, revision }),
    /** Writes the report as PDF, xlsx or JSON to `path` (from the save dialog). */
    save: (month: string, revision: number | null, format: ReportFormat, path: string) => call<string>('report_save', { month, revision, format, path }),
  },
  shipments: {
    list: (query: ShipmentQuery) => call<Array<Shipment>>('shipment_list', { query }),
    /** Adds a row (`id` null) or changes one. */
    save: (id: number | null, version: number, input: ShipmentInput) => call<Shipment>('shipment_save', { id, version, input }),
    delete: (id: number, version: number) => call<void>('shipment_delete', { id, version }),
    /** `path` comes from the open dialog; a preview to map as for customers. */
    importFile: (path: string, mode: ImportMode, mapping: Mapping | null) => call<ImportOutcome>('shipment_import', { path, mode, mapping }),
    /** `path` comes from the save dialog; `template` writes the header row and 填写说明 only. */
    exportFile: (path: string, query: ShipmentQuery, template: boolean) => call<number>('shipment_export', { path, query, template }),
  },
  surveys: {
    templates: () => call<Array<Template>>('survey_template_list'),
    template: (id: number) => call<Template>('survey_template_get', { id }),
    createTemplate: (input: TemplateInput) => call<Template>('survey_template_create', { input }),
    /** Refused once a campaign uses the template: save a new revision instead. */
    updateTemplate: (id: number, version: number, input: TemplateInput) => call<Template>('survey_template_update', { id, version, input }),
    reviseTemplate: (id: number, input: TemplateInput) => call<Template>('survey_template_revise', { id, input }),
    /** How many customers a campaign with `rule` would reach. */
    countTargets: (rule: TargetRule) => call<number>('survey_count_targets', { rule }),
    campaigns: () => call<Array<Campaign>>('survey_campaign_list'),
    campaign: (id: number) => call<Campaign>('survey_campaign_get', { id }),
    createCampaign: (input: CampaignInput) => call<Campaign>('survey_campaign_create', { input }),
    closeCampaign: (id: number, version: number) => call<Campaign>('survey_campaign_close', { id, version }),
    responses: (query: ResponseQuery) => call<ResponsePage>('survey_response_list', { query }),
    /** By the number typed or scanned from a returned questionnaire. */
    response: (number: string) => call<Response>('survey_response_get', { number }),
    enterResponse: (number: string, version: number, input: ResponseInput) => call<Response>('survey_response_enter', { number, version, input }),
    results: (campaignId: number) => call<SurveyResults>('survey_results', { campaignId }),
    /** Writes every figure of the results to `path` (from the save dialog) as .xlsx. */
    exportResults: (campaignId: number, path: string) => call<void>('survey_results_export', { campaignId, path }),
    /** The questionnaire of response `number`, or a blank one (`null`), opened for printing. */
    questionnaireOpen: (number: string | null) => call<string>('survey_questionnaire_open', { number }),
    /** Writes the questionnaire to `path` (from the save dialog). */
    questionnaireSave: (number: string | null, path: string) => call<string>('survey_questionnaire_save', { number, path }),
  },
  contractor: {
    units: (query: UnitQuery) => call<Page<UnitSummary>>('contractor_unit_list', { query }),
    unit: (id: number) => call<ContractorUnit>('contractor_unit_get', { id }),
    unitHistory: (id: number) => call<Array<AuditEvent>>('contractor_unit_history', { id }),
    createUnit: (input: ContractorUnitInput) => call<ContractorUnit>('contractor_unit_create', { input }),
    updateUnit: (id: number, version: number, input: ContractorUnitInput) => call<ContractorUnit>('contractor_unit_update', { id, version, input }),
    /** `reason` is required to blacklist. */
    setBlacklisted: (id: number, version: number, blacklisted: boolean, reason: string) => call<ContractorUnit>('contractor_unit_set_blacklisted', { id, version, blacklisted, reason }),
    /** `certificate_id` null adds a certificate. */
    saveCertificate: (unitId: number, certificateId: number | null, input: CertificateInput) => call<ContractorUnit>('contractor_certificate_save', { unitId, certificateId, input }),
    removeCertificate: (id: number) => call<ContractorUnit>('contractor_certificate_remove', { id }),
    /** `path` comes from the open dialog; a preview to map as for customers. */
    importUnits: (path: string, mode: ImportMode, mapping: Mapping | null) => call<ImportOutcome>('contractor_unit_import', { path, mode, mapping }),
    /** `path` comes from the save dialog; `template` writes the header row only. */
    exportUnits: (path: string, template: boolean) => call<number>('contractor_unit_export', { path, template }),
    engagements: (query: EngagementQuery) => call<Page<EngagementSummary>>('engagement_list', { query }),
    engagement: (id: number) => call<Engagement>('engagement_get', { id }),
    engagementHistory: (id: number) => call<Array<AuditEvent>>('engagement_history', { id }),
    register: (input: EngagementInput) => call<Engagement>('engagement_register', { input }),
    /** A change of scope or dates after approval sends the package back for review. */
    updateEngagement: (id: number, version: number, input: EngagementInput) => call<Engagement>('engagement_update', { id, version, input }),
    /** `reason` is required to terminate. */
    transition: (id: number, version: number, command: EngagementCommand, reason: string) => call<Engagement>('engagement_transition', { id, version, command, reason }),
    /** `paths` come from the open dialog or a drop; the item becomes 已交. */
    uploadItem: (itemId: number, paths: Array<string>, validTo: string | null) => call<Engagement>('engagement_item_upload', { itemId, paths, validTo }),
    /** Accept, or return with `comment` as the reason. */
    reviewItem: (itemId: number, accept: boolean, comment: string) => call<Engagement>('engagement_item_review', { itemId, accept, comment }),
    rosterAdd: (id: number, people: Array<RosterInput>, working: boolean) => call<Engagement>('engagement_roster_add', { id, people, working }),
    rosterSetWorking: (entryId: number, working: boolean) => call<Engagement>('engagement_roster_set_working', { entryId, working }),
    rosterRemove: (entryId: number) => call<Engagement>('engagement_roster_remove', { entryId }),
    workbench: () => call<SafetyWorkbench>('contractor_workbench'),
    /** The document's bytes for the in-app preview (the agreement's first print fixes its template version). */
    pdfPreview: (id: number, document: EngagementDocument) => call<ArrayBuffer>('engagement_pdf_preview', { id, document }),
    /** Opens the document in the system PDF viewer, where it is printed. */
    pdfOpen: (id: number, document: EngagementDocument) => call<string>('engagement_pdf_open', { id, document }),
    /** Writes the document to `path` (from the save dialog). */
    pdfSave: (id: number, document: EngagementDocument, path: string) => call<string>('engagement_pdf_save', { id, document, path }),
    /** The 外用工/外包工台帐 of one department (by name) or all, as PDF, for the preview. */
    ledgerPreview: (department: string | null) => call<ArrayBuffer>('contractor_ledger_preview', { department }),
    /** The ledger as PDF to `path` (from the save dialog). */
    ledgerPdfSave: (department: string | null, path: string) => call<string>('contractor_ledger_pdf_save', { department, path }),
    /** The ledger as .xlsx to `path` (from the save dialog); returns its lines. */
    ledgerXlsxSave: (department: string | null, path: string) => call<number>('contractor_ledger_xlsx_save', { department, path }),
    /** Puts registered people on the roster; `unit_note` explains a person of another unit. */
    rosterAddWorkers: (id: number, workerIds: Array<number>, working: boolean, unitNote: string) => call<Engagement>('engagement_roster_add_workers', { id, workerIds, working, unitNote }),
    /** The unit's roster list (.xlsx from the open dialog); a preview to map as for customers. */
    rosterImport: (id: number, path: string, mode: ImportMode, mapping: Mapping | null) => call<ImportOutcome>('engagement_roster_import', { id, path, mode, mapping }),
    /** The empty roster sheet (姓名, 身份证号, 工种 …) to hand to a unit. */
    rosterTemplate: (path: string) => call<number>('engagement_roster_template', { path }),
    /** The people part of the safety workbench: certificates due, today's denials, open accidents, deposits held. */
    safetyPeople: () => call<SafetyPeopleView>('contractor_safety_people'),
  },
  agreementTemplate: {
    /** The agreement's clause template: the current version, or `version` (安全管理部 and admin). */
    get: (version: number | null) => call<AgreementTemplate>('agreement_template_get', { version }),
    /** Every saved version, newest first. */
    versions: () => call<Array<TemplateVersion>>('agreement_template_versions'),
    /** The shipped text, to start over from (nothing is saved). */
    defaults: () => call<AgreementTemplate>('agreement_template_defaults'),
    /** Saves the text as the next version (an unchanged text adds none). */
    save: (input: AgreementTemplateInput) => call<AgreementTemplate>('agreement_template_save', { input }),
    /** The sample engagement's four-copy agreement printed with the unsaved text. */
    preview: (input: AgreementTemplateInput) => call<ArrayBuffer>('agreement_template_preview', { input }),
    /** The preview opened in the system viewer, to print a sample. */
    previewOpen: (input: AgreementTemplateInput) => call<string>('agreement_template_preview_open', { input }),
    /** The preview written to `path` (from the save dialog). */
    previewSave: (input: AgreementTemplateInput, path: string) => call<string>('agreement_template_preview_save', { input, path }),
  },
  contractorForms: {
    /** A blank 计划外用工申报表 or 审批表, opened for printing. */
    blankPdfOpen: (form: BlankForm) => call<string>('contractor_blank_pdf_open', { form }),
    /** Writes the blank form to `path` (from the save dialog). */
    blankPdfSave: (form: BlankForm, path: string) => call<string>('contractor_blank_pdf_save', { form, path }),
    /** The blank form's bytes for the in-app preview. */
    blankPdfPreview: (form: BlankForm) => call<ArrayBuffer>('contractor_blank_pdf_preview', { form }),
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
  workers: {
    /** 外来人员; a whole valid ID number in `text` finds its holder. Numbers are masked unless the user's role holds `view_id_numbers`. */
    list: (query: WorkerQuery) => call<Page<WorkerSummary>>('worker_list', { query }),
    get: (id: number) => call<Worker>('worker_get', { id }),
    /** The holder of an ID number (null: nobody registered); a wrong check character is an error. */
    findByIdNumber: (idNumber: string) => call<Worker | null>('worker_find_by_id_number', { idNumber }),
    history: (id: number) => call<Array<AuditEvent>>('worker_history', { id }),
    create: (input: WorkerInput) => call<Worker>('worker_create', { input }),
    update: (id: number, version: number, input: WorkerInput) => call<Worker>('worker_update', { id, version, input }),
    /** `reason` is required to blacklist. */
    setBlacklisted: (id: number, version: number, blacklisted: boolean, reason: string) => call<Worker>('worker_set_blacklisted', { id, version, blacklisted, reason }),
    /** What an ID number says (birth date, sex) or why it is wrong, as the form is typed. */
    parseIdNumber: (idNumber: string) => call<IdNumber>('worker_parse_id_number', { idNumber }),
    /** `path` is an image file (JPG, PNG …) from the open dialog; it replaces the photo. */
    setPhoto: (id: number, path: string) => call<Worker>('worker_set_photo', { id, path }),
  },
  violations: {
    /** 违规考核 with filters; the penalties of every match. */
    list: (query: ViolationQuery) => call<ViolationPage>('violation_list', { query }),
    get: (id: number) => call<Violation>('violation_get', { id }),
    record: (input: ViolationInput) => call<Violation>('violation_record', { input }),
  },
  deposits: {
    /** The engagement's 安全风险抵押金 ledger: 应收/已收/余额 and every entry. */
    ledger: (engagementId: number) => call<DepositLedger>('deposit_ledger', { engagementId }),
    /** 收取 / 扣除 / 退还 (entries are never edited; a wrong one is answered by an opposite one). */
    enter: (engagementId: number, input: DepositEntryInput) => call<DepositLedger>('deposit_enter', { engagementId, input }),
    /** The engagement's 安全风险抵押金台帐 bytes for the in-app preview. */
    pdfPreview: (engagementId: number) => call<ArrayBuffer>('deposit_pdf_preview', { engagementId }),
    pdfOpen: (engagementId: number) => call<string>('deposit_pdf_open', { engagementId }),
    pdfSave: (engagementId: number, path: string) => call<string>('deposit_pdf_save', { engagementId, path }),
  },
  accidents: {
    list: (query: AccidentQuery) => call<Page<AccidentSummary>>('accident_list', { query }),
    /** The accident with its route and its clock as of the server's now. */
    get: (id: number) => call<Accident>('accident_get', { id }),
    register: (input: AccidentInput) => call<Accident>('accident_register', { input }),
    /** Records the report to the authority (time, by whom). */
    report: (id: number, version: number, reportedAt: string, reportedBy: string) => call<Accident>('accident_report', { id, version, reportedAt, reportedBy }),
    /** Records when the company safety department was informed. */
    informSafety: (id: number, version: number, informedAt: string) => call<Accident>('accident_inform_safety', { id, version, informedAt }),
    close: (id: number, version: number, result: string) => call<Accident>('accident_close', { id, version, result }),
    /** 事故快报 bytes for the in-app preview. */
    pdfPreview: (id: number) => call<ArrayBuffer>('accident_pdf_preview', { id }),
    /** 事故快报 opened in the system PDF viewer. */
    pdfOpen: (id: number) => call<string>('accident_pdf_open', { id }),
    pdfSave: (id: number, path: string) => call<string>('accident_pdf_save', { id, path }),
  },
  education: {
    classes: (query: ClassQuery) => call<Page<ClassSummary>>('safety_class_list', { query }),
    class: (id: number) => call<SafetyClass>('safety_class_get', { id }),
    /** One class for many people: the sign-in sheet lists `worker_ids` (at least one). */
    createClass: (input: ClassInput, workerIds: Array<number>) => call<SafetyClass>('safety_class_create', { input, workerIds }),
    updateClass: (id: number, version: number, input: ClassInput) => call<SafetyClass>('safety_class_update', { id, version, input }),
    addAttendees: (id: number, version: number, workerIds: Array<number>) => call<SafetyClass>('safety_class_add_attendees', { id, version, workerIds }),
    removeAttendee: (id: number, version: number, workerId: number) => call<SafetyClass>('safety_class_remove_attendee', { id, version, workerId }),
    /** Scores and signatures of the whole sheet at once. */
    recordScores: (id: number, version: number, scores: Array<ScoreInput>) => call<SafetyClass>('safety_class_record_scores', { id, version, scores }),
    /** 三级安全教育培训签到表 of the class. */
    classPdfPreview: (id: number) => call<ArrayBuffer>('safety_class_pdf_preview', { id }),
    classPdfOpen: (id: number) => call<string>('safety_class_pdf_open', { id }),
    classPdfSave: (id: number, path: string) => call<string>('safety_class_pdf_save', { id, path }),
    /** A worker's classes, standing (on the company's today) and certificates. */
    worker: (workerId: number) => call<WorkerEducation>('worker_education', { workerId }),
    /** 个人安全教育档案卡. */
    cardPdfOpen: (workerId: number) => call<string>('worker_education_card_pdf_open', { workerId }),
    cardPdfSave: (workerId: number, path: string) => call<string>('worker_education_card_pdf_save', { workerId, path }),
    certificates: (workerId: number) => call<Array<CertificateLine>>('worker_certificate_list', { workerId }),
    /** Adds (`certificate_id` null) or changes a certificate; returns the worker's certificates. */
    saveCertificate: (workerId: number, certificateId: number | null, version: number | null, input: WorkerCertificateInput) => call<Array<CertificateLine>>('worker_certificate_save', { workerId, certificateId, version, input }),
    removeCertificate: (id: number) => call<Array<CertificateLine>>('worker_certificate_remove', { id }),
    /** A passed review on `reviewed_on`: the next is due a cycle after it. */
    reviewCertificate: (id: number, version: number, reviewedOn: string) => call<Array<CertificateLine>>('worker_certificate_review', { id, version, reviewedOn }),
    /** Certificates expiring or due for review, lapsed ones, and the education due of the people on approved or working rosters (the safety department's view). */
    expiring: () => call<Array<PersonDue>>('education_expiring'),
  },
  entry: {
    /** 入场资格审查 of a person (ID number or pass code) at the desk `gate`, logged; when the person is on several current engagements and none is named, the candidates instead. */
    check: (request: CheckRequest, gate: string) => call<CheckAnswer>('entry_check', { request, gate }),
    /** 放行 a denied check with a written reason (安全管理部, admin). */
    overrideCheck: (checkId: number, reason: string) => call<EntryCheck>('entry_override', { checkId, reason }),
    /** The day's checks, newest first. */
    log: (query: EntryLogQuery) => call<Page<EntryCheck>>('entry_log', { query }),
    get: (id: number) => call<EntryCheck>('entry_check_get', { id }),
    /** 入场资格审查单 of one check, for the in-app preview. */
    sheetPreview: (id: number) => call<ArrayBuffer>('entry_sheet_preview', { id }),
    sheetOpen: (id: number) => call<string>('entry_sheet_open', { id }),
    sheetSave: (id: number, path: string) => call<string>('entry_sheet_save', { id, path }),
    /** 入场证 of the engagement's roster (`workers` absent) or the chosen people, ten to a sheet. */
    passesPreview: (engagementId: number, workers: Array<number> | null) => call<ArrayBuffer>('entry_passes_preview', { engagementId, workers }),
    passesOpen: (engagementId: number, workers: Array<number> | null) => call<string>('entry_passes_open', { engagementId, workers }),
    passesSave: (engagementId: number, workers: Array<number> | null, path: string) => call<string>('entry_passes_save', { engagementId, workers, path }),
  },
}
