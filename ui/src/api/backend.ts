// The typed backend, one group per domain, mirroring the shell's command modules. Screens use
// `useBackend()`; component tests provide a fake with the same shape.
import { inject, type InjectionKey } from 'vue'
import { call } from './transport'
import type {
  Actor,
  AppStatus,
  AuditFilter,
  AuditPage,
  BackupReport,
  Customer,
  CustomerInput,
  CustomerPage,
  CustomerQuery,
  ImportMode,
  ImportReport,
  AuditEvent,
  ActionInput,
  Attachment,
  OwnerKind,
  Analysis,
  Command,
  Complaint,
  ComplaintForm,
  ComplaintPage,
  ComplaintQuery,
  ContactInput,
  MyWork,
  Registration,
  RemedyPlan,
  DemoSummary,
  Department,
  DepartmentInput,
  HealthReport,
  InitialSetup,
  NewUser,
  RoleInfo,
  SalesStore,
  Settings,
  StoreInput,
  User,
  UserUpdate,
} from './bindings'

export const backend = {
  system: {
    status: () => call<AppStatus>('app_status'),
    check: () => call<HealthReport>('system_check'),
    backup: (path: string) => call<BackupReport>('system_backup', { path }),
  },
  session: {
    initialize: (setup: InitialSetup) => call<User>('setup_initialize', { setup }),
    loadDemo: () => call<DemoSummary>('setup_load_demo'),
    signIn: (username: string, password: string) => call<Actor>('session_sign_in', { username, password }),
    signOut: () => call<void>('session_sign_out'),
    current: () => call<Actor | null>('session_current'),
    changePassword: (oldPassword: string, newPassword: string) =>
      call<void>('session_change_password', { oldPassword, newPassword }),
  },
  users: {
    roles: () => call<RoleInfo[]>('role_list'),
    list: () => call<User[]>('user_list'),
    create: (input: NewUser) => call<User>('user_create', { input }),
    update: (id: number, input: UserUpdate) => call<User>('user_update', { id, input }),
    setActive: (id: number, active: boolean, version: number) =>
      call<User>('user_set_active', { id, active, version }),
    resetPassword: (id: number, password: string) => call<void>('user_reset_password', { id, password }),
  },
  org: {
    departments: () => call<Department[]>('department_list'),
    createDepartment: (input: DepartmentInput) => call<Department>('department_create', { input }),
    updateDepartment: (id: number, version: number, input: DepartmentInput) =>
      call<Department>('department_update', { id, version, input }),
    stores: () => call<SalesStore[]>('store_list'),
    createStore: (input: StoreInput) => call<SalesStore>('store_create', { input }),
    updateStore: (id: number, version: number, input: StoreInput) =>
      call<SalesStore>('store_update', { id, version, input }),
  },
  settings: {
    get: () => call<Settings>('settings_get'),
    update: (settings: Settings) => call<Settings>('settings_update', { settings }),
  },
  customers: {
    list: (query: CustomerQuery) => call<CustomerPage>('customer_list', { query }),
    get: (id: number) => call<Customer>('customer_get', { id }),
    history: (id: number) => call<AuditEvent[]>('customer_history', { id }),
    create: (input: CustomerInput) => call<Customer>('customer_create', { input }),
    update: (id: number, version: number, input: CustomerInput) =>
      call<Customer>('customer_update', { id, version, input }),
    setActive: (id: number, active: boolean, version: number) =>
      call<Customer>('customer_set_active', { id, active, version }),
    merge: (duplicateId: number, survivorId: number) =>
      call<Customer>('customer_merge', { duplicateId, survivorId }),
    importFile: (path: string, mode: ImportMode) => call<ImportReport>('customer_import', { path, mode }),
    exportFile: (path: string, template: boolean) => call<number>('customer_export', { path, template }),
  },
  complaints: {
    list: (query: ComplaintQuery) => call<ComplaintPage>('complaint_list', { query }),
    myWork: () => call<MyWork>('complaint_my_work'),
    get: (id: number) => call<Complaint>('complaint_get', { id }),
    history: (id: number) => call<AuditEvent[]>('complaint_history', { id }),
    register: (input: Registration, attachments: string[] = []) =>
      call<Complaint>('complaint_register', { input, attachments }),
    updateRegistration: (id: number, version: number, input: Registration) =>
      call<Complaint>('complaint_update_registration', { id, version, input }),
    saveAnalysis: (id: number, version: number, input: Analysis) =>
      call<Complaint>('complaint_save_analysis', { id, version, input }),
    saveRemedy: (id: number, version: number, input: RemedyPlan) =>
      call<Complaint>('complaint_save_remedy', { id, version, input }),
    transition: (id: number, version: number, command: Command, reason: string) =>
      call<Complaint>('complaint_transition', { id, version, command, reason }),
    sign: (id: number, approve: boolean, comment: string) => call<Complaint>('complaint_sign', { id, approve, comment }),
    addContact: (id: number, input: ContactInput) => call<Complaint>('complaint_add_contact', { id, input }),
    saveAction: (id: number, actionId: number | null, input: ActionInput) =>
      call<Complaint>('complaint_save_action', { id, actionId, input }),
    verifyAction: (id: number, actionId: number, effective: boolean) =>
      call<Complaint>('complaint_verify_action', { id, actionId, effective }),
    saveFeedback: (id: number, version: number, feedback: string) =>
      call<Complaint>('complaint_save_feedback', { id, version, feedback }),
    pdfSave: (id: number, form: ComplaintForm, path: string) => call<string>('complaint_pdf_save', { id, form, path }),
    pdfOpen: (id: number, form: ComplaintForm) => call<string>('complaint_pdf_open', { id, form }),
    pdfPreview: (id: number, form: ComplaintForm) => call<ArrayBuffer>('complaint_pdf_preview', { id, form }),
    importFile: (path: string, mode: ImportMode) => call<ImportReport>('complaint_import', { path, mode }),
    exportFile: (path: string, query: ComplaintQuery, template: boolean) =>
      call<number>('complaint_export', { path, query, template }),
  },
  attachments: {
    add: (owner: OwnerKind, ownerId: number, paths: string[], caption = '') =>
      call<Attachment[]>('attachment_add', { owner, ownerId, paths, caption }),
    remove: (id: number) => call<void>('attachment_remove', { id }),
    thumbnail: (id: number) => call<ArrayBuffer>('attachment_thumbnail', { id }),
    content: (id: number) => call<ArrayBuffer>('attachment_content', { id }),
    open: (id: number) => call<string>('attachment_open', { id }),
    save: (id: number, path: string) => call<string>('attachment_save', { id, path }),
  },
  audit: {
    list: (filter: AuditFilter) => call<AuditPage>('audit_list', { filter }),
  },
}

export type Backend = typeof backend

export const backendKey: InjectionKey<Backend> = Symbol('backend')

export function useBackend(): Backend {
  return inject(backendKey, backend)
}
