import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import SurveyTemplatesView from './SurveyTemplatesView.vue'
import { backendKey } from '../../api/backend'
import { BackendError } from '../../api/transport'
import { session } from '../../session'
import { adminActor, fakeBackend, status } from '../../testing/fake-backend'
import type { Template, TemplateInput } from '../../api/bindings'

const shipped: Template = {
  id: 1,
  name: '客户满意度调查问卷',
  revision: 1,
  previous_id: null,
  description: '投诉结案后回访',
  is_default: true,
  frozen: true,
  active: true,
  questions: [
    { id: 11, position: 1, kind: 'rating', text: '服务态度是否满意?', options: [], measure: 'csat', required: true },
    { id: 12, position: 2, kind: 'single', text: '是否愿意再次购买?', options: ['愿意', '不确定', '不愿意'], measure: 'loyalty', required: true },
    { id: 13, position: 3, kind: 'nps', text: '推荐意愿', options: [], measure: null, required: true },
  ],
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
  version: 3,
}

function saved(input: TemplateInput, over: Partial<Template>): Template {
  return {
    ...shipped,
    ...over,
    name: input.name,
    description: input.description,
    questions: input.questions.map((q, i) => ({ ...q, id: 100 + i, position: i + 1 })),
  }
}

async function mountView() {
  const api = fakeBackend()
  api.surveys.templates = vi.fn(async () => [shipped])
  api.surveys.template = vi.fn(async () => shipped)
  api.surveys.createTemplate = vi.fn(async (input: TemplateInput) => saved(input, { id: 2, is_default: false, frozen: false, version: 1 }))
  api.surveys.reviseTemplate = vi.fn(async (_id: number, input: TemplateInput) => saved(input, { id: 3, revision: 2, previous_id: 1, frozen: false, version: 1 }))
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
  await router.push('/surveys/templates')
  const wrapper = mount(SurveyTemplatesView, { global: { plugins: [ElementPlus, router], provide: { [backendKey as symbol]: api } }, attachTo: document.body })
  await flushPromises()
  return { wrapper, api }
}

const click = async (selector: string) => {
  ;(document.querySelector(`[data-test="${selector}"]`) as HTMLElement).click()
  await flushPromises()
}
async function typeInto(selector: string, value: string) {
  const el = document.querySelector(`input[data-test="${selector}"], textarea[data-test="${selector}"]`) as HTMLInputElement
  el.value = value
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}
/** Picks `value` in the el-select marked `selector` as the user would (model update, then change). */
async function choose(wrapper: VueWrapper, selector: string, value: string) {
  const select = wrapper.findAllComponents({ name: 'ElSelect' }).find((c) => c.vm.$attrs['data-test'] === selector)
  if (!select) throw new Error(`no select ${selector}`)
  select.vm.$emit('update:modelValue', value)
  select.vm.$emit('change', value)
  await flushPromises()
}

describe('SurveyTemplatesView', () => {
  beforeEach(() => {
    document.body.innerHTML = ''
    session.status = status(true)
    session.actor = { ...adminActor, permissions: [...adminActor.permissions, 'view_surveys', 'run_surveys'] }
  })

  it('lists the templates and creates a new one with its questions in order and the choice options', async () => {
    const { wrapper, api } = await mountView()
    const list = wrapper.find('[data-test=t-list]').text()
    expect(list).toContain('客户满意度调查问卷')
    expect(list).toContain('第1版')
    expect(list).toContain('默认')
    expect(list).toContain('已使用')

    await click('t-new')
    expect(wrapper.find('[data-test=t-editor-title]').text()).toBe('新建调查模板')
    await typeInto('t-name', '经销商回访问卷')
    await typeInto('t-description', '季度回访')
    // 1: a rating counted for satisfaction.
    await typeInto('t-q-1-text', '产品质量是否满意?')
    await choose(wrapper, 't-q-1-measure', 'csat')
    // 2: a multiple choice question with three options, optional.
    await click('t-add')
    await choose(wrapper, 't-q-2-kind', 'multiple')
    expect(wrapper.find('[data-test=t-q-2-measure]').exists()).toBe(false)
    await typeInto('t-q-2-text', '您关注哪些方面?')
    await typeInto('t-q-2-option-1', '价格')
    await typeInto('t-q-2-option-2', '交期')
    await click('t-q-2-add-option')
    await typeInto('t-q-2-option-3', '服务')
    await click('t-q-2-required')
    // 3: a text question, then moved to the top.
    await click('t-add')
    await choose(wrapper, 't-q-3-kind', 'text')
    await typeInto('t-q-3-text', '其他意见')
    await click('t-q-3-up')
    await click('t-q-2-up')

    await click('t-save')
    expect(api.surveys.createTemplate).toHaveBeenCalledTimes(1)
    const input = (api.surveys.createTemplate as ReturnType<typeof vi.fn>).mock.calls[0][0] as TemplateInput
    expect(input).toEqual({
      name: '经销商回访问卷',
      description: '季度回访',
      questions: [
        { kind: 'text', text: '其他意见', options: [], measure: null, required: true },
        { kind: 'rating', text: '产品质量是否满意?', options: [], measure: 'csat', required: true },
        { kind: 'multiple', text: '您关注哪些方面?', options: ['价格', '交期', '服务'], measure: null, required: false },
      ],
    })
    expect(api.surveys.updateTemplate).not.toHaveBeenCalled()
  })

  it('shows the core’s complaint about the questions beside them', async () => {
    const { wrapper, api } = await mountView()
    api.surveys.createTemplate = vi.fn(async () => {
      throw new BackendError({ code: 'validation', message: '第1题题目不能为空', field: 'questions' })
    })
    await click('t-new')
    await typeInto('t-name', '空题目')
    await click('t-save')
    expect(wrapper.find('[data-test=t-questions-error]').text()).toBe('第1题题目不能为空')
  })

  it('explains that a template in use cannot be changed and saves the change as a new revision', async () => {
    const { wrapper, api } = await mountView()
    await click('t-edit-1')
    expect(api.surveys.template).toHaveBeenCalledWith(1)
    expect(wrapper.find('[data-test=t-frozen]').text()).toContain('已被调查活动使用')
    expect(wrapper.find('[data-test=t-save]').exists()).toBe(false)
    // The options of the loaded choice question are there to edit; one is removed.
    await click('t-q-2-option-2-remove')
    await typeInto('t-q-3-text', '您向朋友推荐我们的可能性有多大?')

    await click('t-revise')
    expect(api.surveys.updateTemplate).not.toHaveBeenCalled()
    expect(api.surveys.reviseTemplate).toHaveBeenCalledTimes(1)
    const [id, input] = (api.surveys.reviseTemplate as ReturnType<typeof vi.fn>).mock.calls[0] as [number, TemplateInput]
    expect(id).toBe(1)
    expect(input.questions.map((q) => q.text)).toEqual(['服务态度是否满意?', '是否愿意再次购买?', '您向朋友推荐我们的可能性有多大?'])
    expect(input.questions[1]).toEqual({ kind: 'single', text: '是否愿意再次购买?', options: ['愿意', '不愿意'], measure: 'loyalty', required: true })
    // Now editing the new, unused revision.
    expect(wrapper.find('[data-test=t-editor-title]').text()).toContain('第2版')
    expect(wrapper.find('[data-test=t-frozen]').exists()).toBe(false)
  })

  it('offers a new revision when a campaign started with the template while it was being edited', async () => {
    const { wrapper, api } = await mountView()
    const unused = { ...shipped, frozen: false }
    api.surveys.template = vi.fn(async () => unused)
    await click('t-edit-1')
    expect(wrapper.find('[data-test=t-frozen]').exists()).toBe(false)
    await typeInto('t-q-1-text', '维修服务是否满意?')
    api.surveys.updateTemplate = vi.fn(async () => {
      throw new BackendError({ code: 'validation', message: '模板“客户满意度调查问卷”第1版已被调查活动使用,不能修改;请另存为新版本', field: 'questions' })
    })
    api.surveys.template = vi.fn(async () => shipped)
    await click('t-save')
    expect(api.surveys.updateTemplate).toHaveBeenCalledWith(1, 3, expect.objectContaining({ name: '客户满意度调查问卷' }))
    expect(wrapper.find('[data-test=t-questions-error]').text()).toContain('请另存为新版本')
    expect(wrapper.find('[data-test=t-frozen]').exists()).toBe(true)
    await click('t-revise')
    const [, input] = (api.surveys.reviseTemplate as ReturnType<typeof vi.fn>).mock.calls[0] as [number, TemplateInput]
    expect(input.questions[0].text).toBe('维修服务是否满意?')
  })
})
