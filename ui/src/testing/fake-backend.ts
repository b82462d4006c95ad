// A fake backend with the real one's shape, for component tests. Each method is a vi.fn the
// test can inspect or override.
import { vi } from 'vitest'
import { backend, type Backend } from '../api/backend'
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
    server: null,
    setup: { initialized, company_name: initialized ? '天津示例机械有限公司' : '', time_zone: 'Asia/Shanghai', demo: null },
  }
}

type Fake<T> = { [G in keyof T]: { [M in keyof T[G]]: ReturnType<typeof vi.fn> } }

/** Every command of the real backend as a vi.fn that rejects ("not faked"), with the few a
 *  screen needs to start answering harmless defaults. The shape comes from the generated client,
 *  so a new command needs no line here. */
export function fakeBackend(): Backend {
  const fake = Object.fromEntries(
    Object.entries(backend).map(([group, methods]) => [
      group,
      Object.fromEntries(
        Object.keys(methods).map((m) => [m, vi.fn(async () => Promise.reject(new Error(`not faked: ${group}.${m}`)))]),
      ),
    ]),
  ) as Fake<Backend>
  const emptyPage = { items: [], total: 0, total_capped: false, next: null }
  fake.system.status = vi.fn(async () => status(true))
  fake.session.signIn = vi.fn(async (username: string, password: string) => {
    if (username === 'admin' && password === 'admin12345') return adminActor
    throw new BackendError({ code: 'invalid_credentials', message: '用户名或密码错误', field: null })
  })
  fake.session.signOut = vi.fn(async () => undefined)
  fake.session.current = vi.fn(async () => null)
  fake.users.roles = vi.fn(async () => [])
  fake.users.list = vi.fn(async () => [])
  fake.org.departments = vi.fn(async () => [])
  fake.org.stores = vi.fn(async () => [])
  fake.settings.get = vi.fn(async () => ({
    company_name: '天津示例机械有限公司',
    company_credit_code: '',
    company_legal_rep: '',
    company_address: '',
    company_phone: '',
    time_zone: 'Asia/Shanghai',
    first_contact_hours: 24,
    signoff_department_ids: [],
    cause_codes: ['原材料', '生产工艺', '其他'],
    service_contact_name: '',
    service_contact_phone: '',
    objection_days: 15,
    complaint_rate_formula: 'case_rate',
    complaint_rate_target: null,
    report_deadline_day: 5,
    report_deadline_hour: 17,
    follow_up_visit_after_close: true,
    follow_up_visit_days: 7,
  }))
  fake.customers.list = vi.fn(async () => emptyPage)
  fake.customers.history = vi.fn(async () => [])
  fake.complaints.list = vi.fn(async () => emptyPage)
  fake.complaints.myWork = vi.fn(async () => ({
    to_sign: [],
    overdue: [],
    to_verify: [],
    registered_open: [],
    first_contact_hours: 24,
  }))
  fake.complaints.history = vi.fn(async () => [])
  // --- service ---
  fake.service.myWork = vi.fn(async () => ({ feedback_to_answer: [], feedback_overdue: [], visits_due: [], returns_to_approve: [] }))
  fake.feedback.list = vi.fn(async () => emptyPage)
  return fake as unknown as Backend
}
