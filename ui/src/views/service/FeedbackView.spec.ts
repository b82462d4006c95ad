import { afterEach, describe, expect, it, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import FeedbackView from './FeedbackView.vue'
import { backendKey } from '../../api/backend'
import { session } from '../../session'
import { adminActor, fakeBackend, status } from '../../testing/fake-backend'
import type { Actor, Feedback } from '../../api/bindings'

const quality: Actor = {
  ...adminActor,
  user_id: 5,
  username: 'liuyang',
  display_name: '刘洋',
  role: 'quality',
  department_id: 3,
  permissions: ['view_customers', 'view_complaints', 'view_service', 'answer_feedback'],
}

const routed: Feedback = {
  id: 7,
  number: 'YJ-2026-00007',
  received_at: '2026-11-27T01:00:00Z',
  channel: 'hotline',
  kind: 'suggestion',
  content: '建议说明书增加图示',
  customer_id: null,
  customer_name: null,
  contact: '',
  store_id: null,
  store_name: null,
  state: 'in_progress',
  adopted: false,
  complaint_id: null,
  complaint_number: null,
  closing_note: '',
  routes: [
    { department_id: 3, department_name: '品控中心', due_date: '2099-12-01', answer: '', answerer_name: '', answered_at: null },
    { department_id: 4, department_name: '技术部', due_date: '2000-01-01', answer: '', answerer_name: '', answered_at: null },
  ],
  version: 2,
}

let mounted: { unmount: () => void } | null = null

async function mountWith(actor: Actor, feedback: Feedback) {
  session.actor = actor
  const api = fakeBackend()
  api.feedback.get = vi.fn(async () => feedback)
  api.feedback.answer = vi.fn(async () => ({ ...feedback, version: 3 }))
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: FeedbackView }] })
  await router.push('/service/feedback?open=7')
  const wrapper = mount(FeedbackView, { global: { plugins: [ElementPlus, router], provide: { [backendKey as symbol]: api } }, attachTo: document.body })
  await flushPromises()
  mounted = wrapper
  return { wrapper, api }
}

describe('FeedbackView', () => {
  beforeEach(() => {
    session.status = status(true)
  })
  afterEach(() => {
    mounted?.unmount()
    document.body.innerHTML = ''
  })

  it('lets a routed department answer and flags another department that is overdue', async () => {
    const { api } = await mountWith(quality, routed)
    expect(api.feedback.get).toHaveBeenCalledWith(7)
    const routes = document.querySelector('[data-test=feedback-routes]')!.textContent!
    expect(routes).toContain('品控中心')
    expect(routes).toContain('逾期未答复')
    expect(document.querySelector('[data-test=feedback-answer-block]')).not.toBeNull()
    expect(document.querySelector('[data-test=route-save]')).toBeNull()
  })

  it('offers no answer to a department it was not routed to', async () => {
    await mountWith({ ...quality, department_id: 9 }, routed)
    expect(document.querySelector('[data-test=feedback-answer-block]')).toBeNull()
  })
})
