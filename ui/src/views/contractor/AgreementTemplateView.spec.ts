import { describe, expect, it, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElMessageBox } from 'element-plus'
import AgreementTemplateView from './AgreementTemplateView.vue'
import { backendKey } from '../../api/backend'
import { BackendError } from '../../api/transport'
import { session } from '../../session'
import { adminActor, fakeBackend, status } from '../../testing/fake-backend'
import type { AgreementTemplate } from '../../api/bindings'

const REQUIRED = ['legal_basis', 'party_a_duties', 'party_b_duties', 'no_subcontracting', 'safety_costs', 'hazards', 'accidents', 'inspections', 'public_order', 'liability', 'insurance', 'validity']

function template(version: number): AgreementTemplate {
  return {
    version,
    copy_labels: ['第一联 安全管理部存档', '第二联 用工(发包)部门', '第三联 乙方(承包单位)', '第四联 保卫部门(门岗)'],
    sections: REQUIRED.map((key, i) => ({ key, heading: `条款${i + 1}`, body: `正文${i + 1}` })),
    note: version === 1 ? '系统默认文本' : '修改',
    saved_at: version === 1 ? null : '2026-11-30T02:00:00.000Z',
    saved_by: version === 1 ? '系统' : '周文斌',
  }
}

async function mountView() {
  const api = fakeBackend()
  api.agreementTemplate.get = vi.fn(async () => template(1))
  api.agreementTemplate.versions = vi.fn(async () => [{ version: 1, note: '系统默认文本', saved_at: null, saved_by: '系统' }])
  api.agreementTemplate.save = vi.fn(async () => template(2))
  const wrapper = mount(AgreementTemplateView, { global: { plugins: [ElementPlus], provide: { [backendKey as symbol]: api } }, attachTo: document.body })
  await flushPromises()
  return { wrapper, api }
}

const field = (selector: string) => document.querySelector(`[data-test=${selector}] input, [data-test=${selector}] textarea, input[data-test=${selector}], textarea[data-test=${selector}]`) as HTMLInputElement
async function typeInto(selector: string, value: string) {
  const el = field(selector)
  el.value = value
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}
const click = async (selector: string) => {
  ;(document.querySelector(`[data-test=${selector}]`) as HTMLElement).click()
  await flushPromises()
}

describe('AgreementTemplateView', () => {
  beforeEach(() => {
    document.body.innerHTML = ''
    session.status = status(true)
    session.actor = { ...adminActor, permissions: [...adminActor.permissions, 'edit_agreement_template'] }
    vi.restoreAllMocks()
  })

  it('shows the current version numbered from 三 and saves an edit as a new version with its note', async () => {
    const { wrapper, api } = await mountView()
    expect(wrapper.find('[data-test=t-current]').text()).toContain('当前为第 1 版')
    expect(wrapper.find('[data-test=t-section-legal_basis]').text()).toContain('三、')
    expect(wrapper.find('[data-test=t-section-validity]').text()).toContain('十四、')
    // Required sections cannot be deleted; an added one can.
    expect(wrapper.find('[data-test=t-section-liability]').text()).not.toContain('删除')
    await click('t-add')
    expect(wrapper.find('[data-test=t-section-extra_1]').text()).toContain('十五、')
    expect(wrapper.find('[data-test=t-section-extra_1]').text()).toContain('删除')

    await typeInto('t-heading-legal_basis', '订立依据(2026修订)')
    await typeInto('t-label-3', '第四联 东门岗')
    vi.spyOn(ElMessageBox, 'prompt').mockResolvedValue({ value: '增加其他约定', action: 'confirm' } as never)
    await click('t-save')
    expect(api.agreementTemplate.save).toHaveBeenCalledTimes(1)
    const input = vi.mocked(api.agreementTemplate.save).mock.calls[0][0]
    expect(input.note).toBe('增加其他约定')
    expect(input.copy_labels[3]).toBe('第四联 东门岗')
    expect(input.sections[0]).toEqual({ key: 'legal_basis', heading: '订立依据(2026修订)', body: '正文1' })
    expect(input.sections.at(-1)?.key).toBe('extra_1')
    expect(wrapper.find('[data-test=t-current]').text()).toContain('当前为第 2 版')
    expect(api.agreementTemplate.versions).toHaveBeenCalledTimes(2)
  })

  it('shows a refused template on its field and saves nothing when the note is cancelled', async () => {
    const { wrapper, api } = await mountView()
    vi.spyOn(ElMessageBox, 'prompt').mockRejectedValueOnce('cancel')
    await click('t-save')
    expect(api.agreementTemplate.save).not.toHaveBeenCalled()

    api.agreementTemplate.save = vi.fn(async () => {
      throw new BackendError({ code: 'validation', message: '缺少必备条款“保险”', field: 'sections' })
    })
    vi.spyOn(ElMessageBox, 'prompt').mockResolvedValue({ value: '删掉保险', action: 'confirm' } as never)
    await click('t-save')
    expect(wrapper.find('[data-test=t-sections-error]').text()).toContain('缺少必备条款“保险”')
    expect(wrapper.find('[data-test=t-current]').text()).toContain('当前为第 1 版')
  })
})
