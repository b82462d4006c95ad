import { describe, expect, it, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import ComplaintsView from './ComplaintsView.vue'
import { backendKey } from '../../api/backend'
import { session } from '../../session'
import { adminActor, fakeBackend, status } from '../../testing/fake-backend'
import type { ComplaintPage, CustomerPage } from '../../api/bindings'

vi.mock('@tauri-apps/plugin-dialog', () => ({
  save: vi.fn(async () => '/tmp/投诉登记.xlsx'),
  open: vi.fn(async () => null),
}))

const complaints: ComplaintPage = { items: [], total: 0, total_capped: false, next: null }
const customers: CustomerPage = {
  total: 1,
  total_capped: false,
  next: null,
  items: [
    {
      id: 5,
      code: 'KH000005',
      name: '天津华泰机械有限公司',
      kind: 'company',
      region: '天津',
      industry: '',
      grade: 'key',
      source_store_name: null,
      tags: [],
      primary_contact: null,
      primary_phone: null,
      active: true,
      merged_into_code: null,
      created_at: '2026-11-27T08:00:00Z',
      updated_at: '2026-11-27T08:00:00Z',
    },
  ],
}

async function mountAt(url: string) {
  const api = fakeBackend()
  api.complaints.list = vi.fn(async () => complaints)
  api.complaints.exportFile = vi.fn(async () => 3)
  api.customers.list = vi.fn(async () => customers)
  api.org.departments = vi.fn(async () => [])
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: ComplaintsView }] })
  await router.push(url)
  const wrapper = mount(ComplaintsView, { global: { plugins: [ElementPlus, router], provide: { [backendKey as symbol]: api } } })
  await flushPromises()
  return { wrapper, api }
}

describe('ComplaintsView', () => {
  beforeEach(() => {
    session.status = status(true)
    session.actor = { ...adminActor, permissions: [...adminActor.permissions, 'view_complaints', 'register_complaints', 'close_complaints'] }
  })

  it('lists one customer’s complaints when opened from the customer’s page', async () => {
    const { wrapper, api } = await mountAt('/complaints?customer=5&code=KH000005')
    expect(api.customers.list).toHaveBeenCalledWith({ text: 'KH000005', limit: 20 })
    expect(api.complaints.list).toHaveBeenLastCalledWith(expect.objectContaining({ customer_id: 5, limit: 20 }))
    expect(wrapper.get('[data-test=complaint-customer]').text()).toContain('天津华泰机械有限公司')
  })

  it('exports what the filters show, not just the page', async () => {
    const { wrapper, api } = await mountAt('/complaints?customer=5&code=KH000005')
    await wrapper.get('[data-test=export-complaints]').trigger('click')
    await flushPromises()
    const [path, query, template] = vi.mocked(api.complaints.exportFile).mock.calls[0]
    expect(path).toBe('/tmp/投诉登记.xlsx')
    expect(query).toMatchObject({ customer_id: 5 })
    expect(query).not.toHaveProperty('after')
    expect(template).toBe(false)
  })

  it('offers import only to those who may register and close complaints', async () => {
    session.actor = { ...adminActor, permissions: ['view_complaints'] }
    const { wrapper } = await mountAt('/complaints')
    expect(wrapper.find('[data-test=import-complaints]').exists()).toBe(false)
    expect(wrapper.find('[data-test=export-complaints]').exists()).toBe(true)
  })
})
