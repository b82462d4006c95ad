import { describe, expect, it, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import CustomersView from './CustomersView.vue'
import ListPage from '../../components/ListPage.vue'
import { backendKey } from '../../api/backend'
import { session } from '../../session'
import { adminActor, fakeBackend, status } from '../../testing/fake-backend'
import type { CustomerPage } from '../../api/bindings'

const page: CustomerPage = {
  total: 41,
  total_capped: false,
  next: '["2026-11-27T08:00:00.000Z",41]',
  items: [
    {
      id: 41,
      code: 'KH000041',
      name: '天津华泰机械有限公司',
      kind: 'company',
      region: '天津',
      industry: '机械制造',
      grade: 'key',
      source_store_name: null,
      tags: ['长期合作'],
      primary_contact: '张伟',
      primary_phone: '13820001111',
      active: true,
      merged_into_code: null,
      created_at: '2026-11-27T08:00:00Z',
      updated_at: '2026-11-27T08:00:00Z',
    },
  ],
}

async function mountView() {
  const api = fakeBackend()
  api.customers.list = vi.fn(async () => page)
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: CustomersView }] })
  const wrapper = mount(CustomersView, { global: { plugins: [ElementPlus, router], provide: { [backendKey as symbol]: api } } })
  await flushPromises()
  return { wrapper, api }
}

describe('CustomersView', () => {
  beforeEach(() => {
    session.status = status(true)
    session.actor = adminActor
  })

  it('lists customers with grade labels and the total', async () => {
    const { wrapper } = await mountView()
    expect(wrapper.get('[data-test=customer-total]').text()).toBe('共 41 条')
    const table = wrapper.get('[data-test=customer-table]').text()
    expect(table).toContain('天津华泰机械有限公司')
    expect(table).toContain('重点客户')
    expect(table).toContain('企业客户')
  })

  it('searches as the user types and pages by keyset', async () => {
    vi.useFakeTimers()
    const { wrapper, api } = await mountView()
    await wrapper.get('input[data-test=customer-search]').setValue('华泰')
    vi.advanceTimersByTime(300)
    await flushPromises()
    expect(api.customers.list).toHaveBeenLastCalledWith(expect.objectContaining({ text: '华泰', active: true }))
    const next = wrapper.findAll('button').find((b) => b.text() === '下一页')!
    await next.trigger('click')
    await flushPromises()
    expect(api.customers.list).toHaveBeenLastCalledWith(expect.objectContaining({ after: page.next }))
    vi.useRealTimers()
  })

  it('sorts by a sortable column from the first page, and back to newest first', async () => {
    const { wrapper, api } = await mountView()
    const list = wrapper.findComponent(ListPage)
    list.vm.$emit('sort', { prop: 'code', order: 'ascending' })
    await flushPromises()
    expect(api.customers.list).toHaveBeenLastCalledWith(expect.objectContaining({ sort: 'code', ascending: true, after: undefined }))
    list.vm.$emit('sort', { prop: 'name', order: 'descending' })
    await flushPromises()
    expect(vi.mocked(api.customers.list).mock.lastCall![0]).toMatchObject({ sort: 'name' })
    expect(vi.mocked(api.customers.list).mock.lastCall![0]).not.toHaveProperty('ascending')
    list.vm.$emit('sort', { prop: 'name', order: null })
    await flushPromises()
    expect(vi.mocked(api.customers.list).mock.lastCall![0]).not.toHaveProperty('sort')
  })

  it('hides the add button from roles that may only read', async () => {
    session.actor = { ...adminActor, role: 'quality', permissions: ['view_customers'] }
    const { wrapper } = await mountView()
    expect(wrapper.find('[data-test=add-customer]').exists()).toBe(false)
  })
})
