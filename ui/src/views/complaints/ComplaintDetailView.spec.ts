import { describe, expect, it, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import ComplaintDetailView from './ComplaintDetailView.vue'
import { backendKey } from '../../api/backend'
import { session } from '../../session'
import { adminActor, fakeBackend, status } from '../../testing/fake-backend'
import type { Actor, ApprovalView, Complaint, Department } from '../../api/bindings'

vi.mock('@tauri-apps/plugin-dialog', () => ({ save: vi.fn(async () => null), open: vi.fn(async () => null) }))

const names = ['售后服务部', '业务部', '品控中心', '技术部', '生产部', '安全管理部']
const departments: Department[] = names.map((name, i) => ({ id: i + 1, name, sort_order: i * 10, active: true, user_count: 1, version: 1 }))

function place(round: number, department_id: number, approved: boolean | null, seat: ApprovalView['seat'] = 'department'): ApprovalView {
  return {
    round,
    department_id,
    department_name: names[department_id - 1],
    seat,
    approved,
    comment: approved === false ? '补偿金额过高' : '',
    signer_name: approved === null ? '' : '刘洋',
    signed_at: approved === null ? null : '2026-11-27T02:00:00Z',
  }
}

function complaint(over: Partial<Complaint> = {}): Complaint {
  return {
    id: 7,
    number: 'KS-2026-0007',
    state: 'approval',
    registration: {
      received_at: '2026-11-27T00:00:00Z',
      channel: 'hotline',
      customer_id: 5,
      contact_name: '张伟',
      contact_phone: '',
      store_id: null,
      category: 'quality',
      severity: 'major',
      description: '船用泵振动超标',
      customer_demand: '索赔',
      lines: [],
      samples: '',
      reply_by: null,
    },
    customer_code: 'KH000005',
    customer_name: '天津华泰机械有限公司',
    store_name: null,
    analysis: {
      cause_analysis: '装配不良',
      production_unit: '',
      production_staff: '',
      production_date: null,
      our_fault: true,
      appraisal_result: '',
      appraisal_basis: '',
      responsibilities: [],
    },
    cause_code: '',
    inspections: [],
    responsibility: [],
    negotiation: {
      production_measures: '',
      production_measures_by: '',
      technical_measures: '',
      technical_measures_by: '',
      after_sales_agreed_by: '',
      business_agreed_by: '',
      customer_agreement: null,
    },
    remedy: { remedy: 'compensation', remedy_detail: '', claimed_fen: 0, agreed_fen: 0, approval_department_ids: [1, 2, 3, 4, 5] },
    approval_round: 2,
    approvals: [place(2, 1, null), place(2, 3, null), place(2, 1, null, 'manager'), place(1, 1, true), place(1, 3, false)],
    contacts: [],
    actions: [],
    corrective_needed: null,
    no_corrective_reason: '',
    attachments: [],
    customer_feedback: '',
    state_reason: '',
    hours_to_first_contact: null,
    available: [],
    registered_by: null,
    registered_by_name: '',
    closed_at: null,
    closed_by: '',
    imported_from: '',
    import_note: '',
    created_at: '2026-11-27T00:00:00Z',
    updated_at: '2026-11-27T00:00:00Z',
    version: 3,
    ...over,
  }
}

async function mountWith(c: Complaint, actor: Actor) {
  session.actor = actor
  const api = fakeBackend()
  api.complaints.get = vi.fn(async () => c)
  api.org.departments = vi.fn(async () => departments)
  api.settings.get = vi.fn(async () => ({ company_name: '甲', company_credit_code: '', company_legal_rep: '', company_address: '', company_phone: '', time_zone: 'Asia/Shanghai', first_contact_hours: 24, signoff_department_ids: [1, 2, 3, 4, 5], cause_codes: ['生产工艺', '其他'], service_contact_name: '', service_contact_phone: '', objection_days: 15, complaint_rate_formula: 'case_rate' as const, complaint_rate_target: null, report_deadline_day: 5, report_deadline_hour: 17, follow_up_visit_after_close: true, follow_up_visit_days: 7 }))
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/complaints/:id', component: ComplaintDetailView }, { path: '/:p(.*)*', component: ComplaintDetailView }] })
  await router.push('/complaints/7')
  const wrapper = mount(ComplaintDetailView, { global: { plugins: [ElementPlus, router], provide: { [backendKey as symbol]: api } } })
  await flushPromises()
  return { wrapper, api }
}

const signer = (role: Actor['role'], department_id: number): Actor => ({
  ...adminActor,
  user_id: 9,
  role,
  department_id,
  permissions: ['view_complaints', 'handle_complaints', 'sign_complaints'],
})

describe('ComplaintDetailView analysis', () => {
  beforeEach(() => {
    session.status = status(true)
  })

  it('sends the cause code and who inspected with the analysis', async () => {
    const c = complaint({ state: 'analysing', approval_round: 0, approvals: [], cause_code: '生产工艺' })
    const { wrapper, api } = await mountWith(c, signer('quality', 3))
    api.complaints.saveAnalysis = vi.fn(async () => c)
    await wrapper.find('[data-test="a-add-inspection"]').trigger('click')
    await wrapper.find('[data-test="a-save"]').trigger('click')
    await flushPromises()
    const [id, version, , details] = (api.complaints.saveAnalysis as ReturnType<typeof vi.fn>).mock.calls[0]
    expect([id, version]).toEqual([7, 3])
    expect(details.cause_code).toBe('生产工艺')
    expect(details.inspections).toHaveLength(1)
    expect(details.inspections[0].department_id).toBe(3)
  })
})

describe('ComplaintDetailView negotiation', () => {
  beforeEach(() => {
    session.status = status(true)
  })

  it('lets 技术部 enter its measures and 业务部 agree, nobody else', async () => {
    const c = complaint({ state: 'analysing', approval_round: 0, approvals: [] })
    const tech = await mountWith(c, signer('technical', 4))
    tech.api.complaints.saveMeasures = vi.fn(async () => c)
    expect(tech.wrapper.find('[data-test="n-agree"]').exists()).toBe(false)
    await tech.wrapper.find('textarea[data-test="n-measures"]').setValue('修订图纸公差')
    await tech.wrapper.find('[data-test="n-save-measures"]').trigger('click')
    await flushPromises()
    expect(tech.api.complaints.saveMeasures).toHaveBeenCalledWith(7, 3, '修订图纸公差')

    const business = await mountWith(c, signer('business', 2))
    expect(business.wrapper.find('[data-test="n-measures"]').exists()).toBe(false)
    expect(business.wrapper.find('[data-test="n-agree"]').text()).toContain('业务部')
  })
})

describe('ComplaintDetailView sign-off', () => {
  beforeEach(() => {
    session.status = status(true)
  })

  it('lists every round, the manager by title, the rejected round kept', async () => {
    const { wrapper } = await mountWith(complaint(), signer('quality', 3))
    const text = wrapper.find('[data-test="approvals"]').text()
    expect(text).toContain('第 2 轮')
    expect(text).toContain('第 1 轮')
    expect(text).toContain('补偿金额过高')
    expect(text).toContain('售后服务经理')
    // 品控中心 signs its own open place of the current round only.
    expect(wrapper.findAll('[data-test="sign-approve"]')).toHaveLength(1)
  })

  it('offers the manager the manager’s place first', async () => {
    const { wrapper } = await mountWith(complaint(), signer('after_sales_manager', 1))
    expect(wrapper.findAll('[data-test="sign-approve"]')).toHaveLength(1)
    const rows = wrapper.findAll('[data-test="approvals"] tbody tr')
    const withButton = rows.filter((r) => r.find('[data-test="sign-approve"]').exists())
    expect(withButton[0].text()).toContain('售后服务经理')
  })

  it('starts a remedy with the required departments, which cannot be removed', async () => {
    const c = complaint({
      state: 'analysing',
      approval_round: 0,
      approvals: [],
      remedy: { remedy: null, remedy_detail: '', claimed_fen: 0, agreed_fen: 0, approval_department_ids: [6] },
    })
    const { wrapper, api } = await mountWith(c, signer('after_sales_manager', 1))
    api.complaints.saveRemedy = vi.fn(async () => c)
    await wrapper.find('[data-test="m-save"]').trigger('click')
    await flushPromises()
    const sent = (api.complaints.saveRemedy as ReturnType<typeof vi.fn>).mock.calls[0][2]
    expect([...sent.approval_department_ids].sort()).toEqual([1, 2, 3, 4, 5, 6])
    expect(wrapper.text()).toContain('重大投诉另须售后服务经理会签')
  })
})

describe('ComplaintDetailView follow-through', () => {
  beforeEach(() => {
    session.status = status(true)
  })

  const ineffective = {
    id: 31,
    kind: 'corrective' as const,
    description: '作业员再培训',
    owner_department_id: 5,
    owner_department_name: '生产部',
    owner_user_id: 12,
    owner: '周磊',
    due_date: '2026-11-20',
    done_date: '2026-11-18',
    effective: false,
    verified_by: '刘洋',
    verified_at: '2026-11-19T02:00:00Z',
    follows_action_id: null,
    followed_up: false,
  }

  it('asks a minor case whether a corrective action is needed and sends the reason when not', async () => {
    const c = complaint({ state: 'analysing', approval_round: 0, approvals: [], registration: { ...complaint().registration, severity: 'minor' } })
    const { wrapper, api } = await mountWith(c, signer('after_sales', 1))
    api.complaints.decideCorrective = vi.fn(async () => c)
    expect(wrapper.find('[data-test="corrective"]').text()).toContain('须判定是否需要采取纠正措施')
    await wrapper.findAll('[data-test="corrective-needed"] input')[1].setValue(true)
    await wrapper.find('input[data-test="corrective-reason"]').setValue('偶发个案')
    await wrapper.find('[data-test="corrective-save"]').trigger('submit')
    await flushPromises()
    expect(api.complaints.decideCorrective).toHaveBeenCalledWith(7, 3, false, '偶发个案')
  })

  it('shows an action verified ineffective with its department and person and offers a new action that follows it up', async () => {
    const c = complaint({ state: 'verifying', actions: [ineffective] })
    const { wrapper, api } = await mountWith(c, signer('after_sales', 1))
    api.org.people = vi.fn(async () => [{ id: 12, display_name: '周磊', department_id: 5 }])
    api.complaints.saveAction = vi.fn(async () => c)
    const row = wrapper.find('[data-test="actions"] tbody tr').text()
    expect(row).toContain('生产部 / 周磊')
    expect(row).toContain('无效 · 刘洋')
    await wrapper.find('[data-test="follow-up"]').trigger('click')
    await flushPromises()
    await wrapper.find('textarea[data-test="x-description"]').setValue('增加防错工装')
    await wrapper.find('[data-test="x-save"]').trigger('click')
    await flushPromises()
    const [id, actionId, input] = (api.complaints.saveAction as ReturnType<typeof vi.fn>).mock.calls[0]
    expect([id, actionId, input.follows_action_id, input.description]).toEqual([7, null, 31, '增加防错工装'])
  })
})
