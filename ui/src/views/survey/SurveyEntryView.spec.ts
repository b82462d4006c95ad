import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import SurveyEntryView from './SurveyEntryView.vue'
import { backendKey } from '../../api/backend'
import { BackendError } from '../../api/transport'
import { session } from '../../session'
import { adminActor, fakeBackend, status } from '../../testing/fake-backend'
import type { Response } from '../../api/bindings'

const pending: Response = {
  summary: {
    id: 7,
    number: 'WJ-2026-000007',
    campaign_id: 2,
    campaign_number: 'DC-2026-02',
    campaign_name: '重点客户满意度回访',
    customer_id: 3,
    customer_code: 'KH000003',
    customer_name: '天津华泰机械有限公司',
    complaint_number: null,
    state: 'pending',
    channel: null,
    answered_on: null,
    csat_average: null,
    nps_score: null,
    loyal: null,
    version: 1,
  },
  entered_by: '',
  questions: [
    { id: 11, position: 1, kind: 'rating', text: '服务态度是否满意?', options: [], measure: 'csat', required: true },
    { id: 12, position: 2, kind: 'single', text: '是否愿意再次购买?', options: ['愿意', '不确定', '不愿意'], measure: 'loyalty', required: true },
    { id: 13, position: 3, kind: 'nps', text: '推荐意愿', options: [], measure: null, required: true },
  ],
  answers: [],
}

async function mountAt(url: string) {
  const api = fakeBackend()
  api.surveys.response = vi.fn(async () => pending)
  api.surveys.enterResponse = vi.fn(async () => ({ ...pending, summary: { ...pending.summary, state: 'answered' as const, version: 2 } }))
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/surveys/entry', component: SurveyEntryView },
      { path: '/surveys/responses/:number', component: SurveyEntryView },
      { path: '/:p(.*)*', component: { template: '<div />' } },
    ],
  })
  await router.push(url)
  const wrapper = mount(SurveyEntryView, { global: { plugins: [ElementPlus, router], provide: { [backendKey as symbol]: api } }, attachTo: document.body })
  await flushPromises()
  return { wrapper, api }
}

const click = async (selector: string) => {
  ;(document.querySelector(`[data-test="${selector}"]`) as HTMLElement).click()
  await flushPromises()
}

describe('SurveyEntryView', () => {
  beforeEach(() => {
    document.body.innerHTML = ''
    session.status = status(true)
    session.actor = adminActor
  })

  it('finds the response by the scanned number and saves the ticked answers against it', async () => {
    const { api, wrapper } = await mountAt('/surveys/entry')
    const input = document.querySelector('input[data-test=e-number]') as HTMLInputElement
    input.value = 'wj-2026-000007'
    input.dispatchEvent(new Event('input'))
    input.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }))
    await flushPromises()
    expect(api.surveys.response).toHaveBeenCalledWith('wj-2026-000007')
    expect(wrapper.find('[data-test=e-customer]').text()).toBe('天津华泰机械有限公司')
    await click('e-q-1-4')
    await click('e-q-2-0')
    await click('e-q-3-9')
    await click('e-save')
    const [number, version, input2] = (api.surveys.enterResponse as ReturnType<typeof vi.fn>).mock.calls[0]
    expect([number, version, input2.channel]).toEqual(['WJ-2026-000007', 1, 'paper'])
    expect(input2.answers.map((a: { value: number | null }) => a.value)).toEqual([4, 0, 9])
    expect(wrapper.text()).toContain('已录入')
  })

  it('opens the response named in the link and shows the rule it broke', async () => {
    const { api, wrapper } = await mountAt('/surveys/responses/WJ-2026-000007')
    expect(api.surveys.response).toHaveBeenCalledWith('WJ-2026-000007')
    api.surveys.enterResponse = vi.fn(async () => {
      throw new BackendError({ code: 'validation', message: '第1题“服务态度是否满意?”必须作答', field: 'answers' })
    })
    await click('e-save')
    expect(wrapper.find('[data-test=e-error]').text()).toContain('第1题')
  })
})
