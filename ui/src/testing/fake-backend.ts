// A fake backend with the real one's shape, for component tests. Each method is a vi.fn the
// test can inspect or override.
import { vi } from 'vitest'
import type { Backend } from '../api/backend'
import { BackendError } from '../api/transport'
import type { Actor, AppStatus } from '../api/bindings'

export const adminActor: Actor = {
  user_id: 1,
  username: 'admin',
  display_name: '王管理',
  role: 'admin',
  department_id: null,
  store_id: null,
  permissions: ['manage_users', 'manage_organisation', 'manage_settings', 'view_audit', 'backup', 'view_customers', 'edit_customers', 'manage_customers'],
}

export function status(initialized: boolean): AppStatus {
  return {
    version: '0.1.0',
    data_dir: '/tmp/x',
    startup_error: null,
    test_save_dir: null,
    test_open_files: [],
    setup: { initialized, company_name: initialized ? '天津示例机械有限公司' : '', time_zone: 'Asia/Shanghai', demo: null },
  }
}

export function fakeBackend(): Backend {
  const unimplemented = () => vi.fn(async () => Promise.reject(new Error('not faked')))
  return {
    system: { status: vi.fn(async () => status(true)), check: unimplemented(), backup: unimplemented() },
    session: {
      initialize: unimplemented(),
      loadDemo: unimplemented(),
      signIn: vi.fn(async (username: string, password: string) => {
        if (username === 'admin' && password === 'admin12345') return adminActor
        throw new BackendError({ code: 'invalid_credentials', message: '用户名或密码错误', field: null })
      }),
      signOut: vi.fn(async () => undefined),
      current: vi.fn(async () => null),
      changePassword: unimplemented(),
    },
    users: {
      roles: vi.fn(async () => []),
      list: vi.fn(async () => []),
      create: unimplemented(),
      update: unimplemented(),
      setActive: unimplemented(),
      resetPassword: unimplemented(),
    },
    org: {
      departments: vi.fn(async () => []),
      createDepartment: unimplemented(),
      updateDepartment: unimplemented(),
      stores: vi.fn(async () => []),
      createStore: unimplemented(),
      updateStore: unimplemented(),
    },
    settings: { get: unimplemented(), update: unimplemented() },
    customers: {
      list: vi.fn(async () => ({ items: [], total: 0, total_capped: false, next: null })),
      get: unimplemented(),
      history: vi.fn(async () => []),
      create: unimplemented(),
      update: unimplemented(),
      setActive: unimplemented(),
      merge: unimplemented(),
      importFile: unimplemented(),
      exportFile: unimplemented(),
    },
    complaints: {
      list: vi.fn(async () => ({ items: [], total: 0, total_capped: false, next: null })),
      myWork: vi.fn(async () => ({ to_sign: [], overdue: [], to_verify: [], registered_open: [], first_contact_hours: 24 })),
      get: unimplemented(),
      history: vi.fn(async () => []),
      register: unimplemented(),
      updateRegistration: unimplemented(),
      saveAnalysis: unimplemented(),
      saveRemedy: unimplemented(),
      transition: unimplemented(),
      sign: unimplemented(),
      addContact: unimplemented(),
      saveAction: unimplemented(),
      verifyAction: unimplemented(),
      saveFeedback: unimplemented(),
      pdfSave: unimplemented(),
      pdfOpen: unimplemented(),
      pdfPreview: unimplemented(),
      importFile: unimplemented(),
      exportFile: unimplemented(),
    },
    attachments: { add: unimplemented(), remove: unimplemented(), thumbnail: unimplemented(), content: unimplemented(), open: unimplemented(), save: unimplemented() },
    audit: { list: unimplemented() },
  } as unknown as Backend
}
