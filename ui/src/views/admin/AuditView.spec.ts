import { describe, expect, it, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import AuditView from './AuditView.vue'
import { backendKey } from '../../api/backend'
import { session } from '../../session'
import { adminActor, fakeBackend, status } from '../../testing/fake-backend'
import type { AuditEvent, Page } from '../../api/bindings'

const event = (id: number, summary: string): AuditEvent => ({
  id,
  occurred_at: '2026-11-27T02:30:00Z',
  actor_id: 1,
  actor_name: '王管理',
  entity: 'complaint',
  entity_id: String(id),
  action: 'register',
  summary,
  before_json: null,
  after_json: '{"number":"KS-2026-0001"}',
  desk: '质检-PC (192.168.1.23)',
})

describe('AuditView', () => {
  beforeEach(() => {
    document.body.innerHTML = ''
    session.status = status(true)
    session.actor = adminActor
    vi.useRealTimers()
  })

  it('pages the log by its cursor on the shared list page and searches by keyword from the first page', async () => {
    const api = fakeBackend()
    const first: Page<AuditEvent> = { items: [event(9, '登记投诉 KS-2026-0009')], total: 2, total_capped: false, next: '9' }
    const second: Page<AuditEvent> = { items: [event(8, '登记投诉 KS-2026-0008')], total: 2, total_capped: false, next: null }
    api.audit.list = vi.fn(async (filter) => (filter.after === '9' ? second : first))
    api.users.list = vi.fn(async () => [])
    const wrapper = mount(AuditView, { global: { plugins: [ElementPlus], provide: { [backendKey as symbol]: api } }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.text()).toContain('KS-2026-0009')
    expect(wrapper.text()).toContain('客户投诉')
    expect(wrapper.text()).toContain('质检-PC (192.168.1.23)')
    const nextButton = wrapper.findAll('button').find((b) => b.text().includes('下一页'))
    expect(nextButton).toBeDefined()
    await nextButton!.trigger('click')
    await flushPromises()
    expect(api.audit.list).toHaveBeenLastCalledWith(expect.objectContaining({ after: '9', limit: 50 }))
    expect(wrapper.text()).toContain('KS-2026-0008')

    vi.useFakeTimers()
    const text = document.querySelector('input[data-test=audit-text]') as HTMLInputElement
    text.value = '0009'
    text.dispatchEvent(new Event('input'))
    await vi.advanceTimersByTimeAsync(300)
    await flushPromises()
    expect(api.audit.list).toHaveBeenLastCalledWith(expect.objectContaining({ text: '0009', after: undefined }))
  })
})
