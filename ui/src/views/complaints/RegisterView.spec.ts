import { describe, expect, it, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import RegisterView from './RegisterView.vue'
import { backendKey } from '../../api/backend'
import { BackendError } from '../../api/transport'
import { session } from '../../session'
import { adminActor, fakeBackend, status } from '../../testing/fake-backend'
import type { Actor, Complaint, SalesStore } from '../../api/bindings'

vi.mock('@tauri-apps/plugin-dialog', () => ({ save: vi.fn(async () => null), open: vi.fn(async () => null) }))

const stores: SalesStore[] = [
  { id: 1, code: 'TJ-01', name: '天津河西直销店', region: '', address: '', manager: '', phone: '', active: true, version: 1 },
  { id: 2, code: 'TJ-02', name: '天津南开直销店', region: '', address: '', manager: '', phone: '', active: true, version: 1 },
]

const existing = {
  id: 7,
  number: 'KS-2026-0007',
  state: 'analysing',
  version: 4,
  customer_code: 'KH000005',
  registration: {
    received_at: '2026-11-27T00:00:00Z',
    channel: 'hotline',
    customer_id: 5,
    contact_name: '张伟',
    contact_phone: '',
    store_id: null,
    category: 'quality',
    severity: 'serious',
    description: '减速机异响',
    customer_demand: '更换',
    lines: [{ order_number: 'SO-1', part_number: 'JSJ-200-A', batch: '', ship_date: '2026-11-01', quantity: 10, defective_quantity: 2 }],
  },
} as unknown as Complaint

async function mountAt(url: string, actor: Actor) {
  session.actor = actor
  const api = fakeBackend()
  api.org.stores = vi.fn(async () => stores)
  api.complaints.get = vi.fn(async () => existing)
  api.customers.list = vi.fn(async () => ({ items: [], total: 0, total_capped: false, next: null }))
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/complaints/new', component: RegisterView },
      { path: '/complaints/:id/edit', component: RegisterView },
      { path: '/:p(.*)*', component: { template: '<div />' } },
    ],
  })
  await router.push(url)
  const wrapper = mount(RegisterView, { global: { plugins: [ElementPlus, router], provide: { [backendKey as symbol]: api } } })
  await flushPromises()
  return { wrapper, api }
}

describe('RegisterView', () => {
  beforeEach(() => {
    session.status = status(true)
  })

  it('registers a store clerk’s complaint for their own store, which they cannot change', async () => {
    const clerk: Actor = { ...adminActor, role: 'store_clerk', store_id: 2, permissions: ['view_complaints', 'register_complaints'] }
    const { wrapper } = await mountAt('/complaints/new', clerk)
    const select = wrapper.find('[data-test="r-store"]')
    expect(select.text() + (select.find('input').attributes('placeholder') ?? '')).toContain('天津南开直销店')
    expect(select.classes().join(' ') + select.html()).toContain('is-disabled')
    expect(wrapper.find('[data-test="r-reason"]').exists()).toBe(false)
  })

  it('sends the reason with a change and shows the core’s refusal on the reason field', async () => {
    const manager: Actor = { ...adminActor, role: 'after_sales_manager', permissions: ['view_complaints', 'register_complaints'] }
    const { wrapper, api } = await mountAt('/complaints/7/edit', manager)
    api.complaints.updateRegistration = vi.fn(async () => {
      throw new BackendError({ code: 'validation', message: '修改严重程度须填写原因', field: 'reason' })
    })
    await wrapper.find('[data-test="r-save"]').trigger('click')
    await flushPromises()
    expect(api.complaints.updateRegistration).toHaveBeenCalledTimes(1)
    expect(document.body.textContent).toContain('修改严重程度须填写原因')
    expect(wrapper.find('[data-test="r-reason"]').element.closest('.el-form-item')?.classList.contains('is-error')).toBe(true)

    api.complaints.updateRegistration = vi.fn(async () => existing)
    await wrapper.find('input[data-test="r-reason"]').setValue('客户索赔升级')
    await wrapper.find('[data-test="r-save"]').trigger('click')
    await flushPromises()
    const call = (api.complaints.updateRegistration as ReturnType<typeof vi.fn>).mock.calls[0]
    expect(call[0]).toBe(7)
    expect(call[1]).toBe(4)
    expect(call[2].lines[0].part_number).toBe('JSJ-200-A')
    expect(call[3]).toBe('客户索赔升级')
  })
})
