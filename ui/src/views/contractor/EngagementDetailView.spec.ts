import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import EngagementDetailView from './EngagementDetailView.vue'
import { backendKey } from '../../api/backend'
import { session } from '../../session'
import { fakeBackend, status } from '../../testing/fake-backend'
import type { Actor, ChecklistItem, ChecklistItemKind, ChecklistState, Engagement } from '../../api/bindings'

function item(id: number, kind: ChecklistItemKind, state: ChecklistState, comment = ''): ChecklistItem {
  return {
    id,
    kind,
    state,
    printable: false,
    valid_to: null,
    submitted_by: state === 'missing' ? '' : '郑涛',
    submitted_at: state === 'missing' ? null : '2026-11-27T02:00:00Z',
    reviewer: comment ? '吴敏' : '',
    reviewed_at: comment ? '2026-11-27T03:00:00Z' : null,
    comment,
    attachments: [],
  }
}

const engagement: Engagement = {
  id: 7,
  number: 'WB-2026-0007',
  category: 'outsourced',
  department_id: 5,
  department_name: '生产部',
  unit_id: 1,
  unit_name: '天津宏远建筑工程有限公司',
  unit_credit_code: '91120116MA05JBT06Y',
  unit_blacklisted: false,
  title: '2号转炉除尘管道检修',
  content: '拆除并更换除尘管道',
  place: '炼钢厂',
  area: '',
  contract_number: 'HT-2026-101',
  start_date: '2026-12-01',
  end_date: '2027-01-10',
  no_subcontracting: true,
  deposit_fen: 2000000,
  deposit_terms: '',
  agreement_template_version: null,
  state: 'returned',
  review_round: 1,
  approved_by: '',
  approved_at: null,
  end_reason: '',
  ended_at: null,
  items: [item(1, 'contract', 'accepted'), item(2, 'construction_plan', 'returned', '缺少高处作业防护措施'), item(3, 'qualification', 'submitted')],
  roster: [],
  created_by: '郑涛',
  created_at: '2026-11-27T01:00:00Z',
  updated_at: '2026-11-27T03:00:00Z',
  version: 5,
}

const actor = (role: Actor['role'], department_id: number, permissions: Actor['permissions']): Actor => ({
  user_id: 2,
  username: role,
  display_name: role,
  role,
  department_id,
  store_id: null,
  permissions,
})

async function mountView(who: Actor) {
  session.status = status(true)
  session.actor = who
  const api = fakeBackend()
  api.contractor.engagement = vi.fn(async () => engagement)
  api.contractor.engagementHistory = vi.fn(async () => [])
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/contractor/engagements/:id', component: EngagementDetailView }] })
  await router.push('/contractor/engagements/7')
  const wrapper = mount(EngagementDetailView, { global: { plugins: [ElementPlus, router], provide: { [backendKey as symbol]: api } } })
  await flushPromises()
  return { wrapper, api }
}

describe('EngagementDetailView', () => {
  beforeEach(() => vi.restoreAllMocks())

  it('shows the checklist as a board with states and the return reason', async () => {
    const { wrapper } = await mountView(actor('gate', 9, ['view_contractors']))
    expect(wrapper.get('[data-test="item-state-contract"]').text()).toBe('已审核')
    expect(wrapper.get('[data-test="item-state-construction_plan"]').text()).toBe('退回')
    expect(wrapper.get('[data-test="item-construction_plan"]').text()).toContain('退回原因:缺少高处作业防护措施')
    expect(wrapper.get('[data-test="checklist"]').text()).toContain('本单位相关资质证明')
    // The gate sees, and has nothing to press.
    expect(wrapper.find('[data-test="upload-construction_plan"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="submit-engagement"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="accept-qualification"]').exists()).toBe(false)
    expect(wrapper.get('[data-test="print-buttons"]').text()).toContain('安全协议书(一式四份)')
  })

  it('offers the hiring department upload and resubmission, the safety department review', async () => {
    const hiring = await mountView(actor('hiring_dept', 5, ['view_contractors', 'edit_contractor_units', 'manage_engagements']))
    expect(hiring.wrapper.find('[data-test="upload-construction_plan"]').exists()).toBe(true)
    expect(hiring.wrapper.find('[data-test="upload-contract"]').exists()).toBe(false)
    expect(hiring.wrapper.find('[data-test="submit-engagement"]').exists()).toBe(true)
    expect(hiring.wrapper.find('[data-test="accept-qualification"]').exists()).toBe(false)

    const safety = await mountView(actor('safety', 6, ['view_contractors', 'edit_contractor_units', 'blacklist_contractor_units', 'manage_engagements', 'review_engagements']))
    expect(safety.wrapper.find('[data-test="accept-qualification"]').exists()).toBe(true)
    expect(safety.wrapper.find('[data-test="return-contract"]').exists()).toBe(true)
    safety.api.contractor.reviewItem = vi.fn(async () => ({ ...engagement, items: engagement.items.map((i) => (i.id === 3 ? { ...i, state: 'accepted' as const } : i)) }))
    await safety.wrapper.get('[data-test="accept-qualification"]').trigger('click')
    await flushPromises()
    expect(safety.api.contractor.reviewItem).toHaveBeenCalledWith(3, true, '')
    expect(safety.wrapper.get('[data-test="item-state-qualification"]').text()).toBe('已审核')
  })

  it('does not let the safety department review its own department’s package', async () => {
    const { wrapper } = await mountView(actor('safety', 5, ['view_contractors', 'manage_engagements', 'review_engagements']))
    expect(wrapper.find('[data-test="accept-qualification"]').exists()).toBe(false)
  })
})
