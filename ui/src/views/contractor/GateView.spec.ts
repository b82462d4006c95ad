import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import GateView from './GateView.vue'
import { backendKey } from '../../api/backend'
import { session } from '../../session'
import { fakeBackend, status } from '../../testing/fake-backend'
import type { Actor, CheckAnswer, EntryCheck } from '../../api/bindings'

const gateUser: Actor = {
  user_id: 9,
  username: 'fengjun',
  display_name: '冯军',
  role: 'gate',
  department_id: 3,
  store_id: null,
  permissions: ['view_contractors', 'check_entry'],
}
const safetyUser: Actor = { ...gateUser, username: 'wumin', display_name: '吴敏', role: 'safety', permissions: ['view_contractors', 'check_entry', 'override_entry_check'] }

const denied: EntryCheck = {
  id: 11,
  checked_at: '2026-11-27T01:00:00Z',
  check_date: '2026-11-27',
  gate_user: '冯军',
  gate: '门岗',
  worker_id: 3,
  worker_name: '张海涛',
  id_number_masked: '120104********3794',
  unit_name: '',
  engagement_id: 7,
  engagement_number: 'WY-2026-0001',
  engagement_title: '成品库临时装卸工',
  result: 'deny',
  reasons: [
    {
      rule: 'special_certificate',
      code: 'special_certificate_expired',
      message: '特种作业操作证(焊接与热切割作业)(编号 T1)已于 2026-11-02 过期',
      severity: 'deny',
    },
  ],
  escort: '',
  override_by: '',
  override_reason: '',
  overrides_id: null,
  overridden: false,
  can_override: true,
}

async function mountView(who: Actor) {
  session.status = status(true)
  session.actor = who
  const api = fakeBackend()
  api.entry.log = vi.fn(async () => ({ items: [], total: 0, total_capped: false, next: null }))
  const wrapper = mount(GateView, { attachTo: document.body, global: { plugins: [ElementPlus], provide: { [backendKey as symbol]: api } } })
  await flushPromises()
  return { wrapper, api }
}

async function enter(wrapper: Awaited<ReturnType<typeof mountView>>['wrapper'], text: string) {
  const input = wrapper.get('input[data-test="gate-input"]')
  await input.setValue(text)
  await input.trigger('keydown', { key: 'Enter' })
  await flushPromises()
}

describe('GateView', () => {
  beforeEach(() => vi.restoreAllMocks())

  it('checks on Enter, shows the answer in words with every reason, and Esc clears for the next person', async () => {
    const { wrapper, api } = await mountView(gateUser)
    api.entry.check = vi.fn(async (): Promise<CheckAnswer> => ({ check: denied, worker_name: '张海涛', candidates: [] }))
    await enter(wrapper, '12010419881123379 4')
    expect(api.entry.check).toHaveBeenCalledWith({ id_number: '12010419881123379 4', engagement_id: undefined }, '门岗')
    const result = wrapper.get('[data-test="gate-result"]')
    expect(result.attributes('data-result')).toBe('deny')
    expect(result.text()).toContain('禁止入场')
    expect(result.text()).toContain('已于 2026-11-02 过期')
    // The gate may not override.
    expect(wrapper.find('[data-test="gate-override"]').exists()).toBe(false)
    await wrapper.get('input[data-test="gate-input"]').trigger('keydown', { key: 'Escape' })
    expect(wrapper.find('[data-test="gate-result"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('sends a scanned pass code as a pass code', async () => {
    const { wrapper, api } = await mountView(gateUser)
    api.entry.check = vi.fn(async (): Promise<CheckAnswer> => ({ check: { ...denied, result: 'allow', reasons: [] }, worker_name: '张海涛', candidates: [] }))
    await enter(wrapper, 'RCZ-3-7-ABCDEF')
    expect(api.entry.check).toHaveBeenCalledWith({ pass_code: 'RCZ-3-7-ABCDEF', engagement_id: undefined }, '门岗')
    expect(wrapper.get('[data-test="gate-verdict"]').text()).toBe('准许入场')
    wrapper.unmount()
  })

  it('asks which engagement by number key when the person is on several', async () => {
    const { wrapper, api } = await mountView(gateUser)
    const choice = (id: number, number: string) => ({ id, number, title: '检修', unit_name: '', start_date: '2026-11-01', end_date: '2026-12-31' })
    api.entry.check = vi
      .fn()
      .mockResolvedValueOnce({ check: null, worker_name: '王建国', candidates: [choice(7, 'WB-2026-0007'), choice(8, 'WB-2026-0008')] })
      .mockResolvedValueOnce({ check: { ...denied, result: 'allow', reasons: [] }, worker_name: '王建国', candidates: [] })
    await enter(wrapper, '120116198503121315')
    expect(wrapper.get('[data-test="gate-candidates"]').text()).toContain('WB-2026-0008')
    await wrapper.get('input[data-test="gate-input"]').trigger('keydown', { key: '2' })
    await flushPromises()
    expect(api.entry.check).toHaveBeenLastCalledWith({ id_number: '120116198503121315', engagement_id: 8 }, '门岗')
    expect(wrapper.get('[data-test="gate-result"]').attributes('data-result')).toBe('allow')
    wrapper.unmount()
  })

  it('lets the safety department override with a reason', async () => {
    const { wrapper, api } = await mountView(safetyUser)
    api.entry.check = vi.fn(async (): Promise<CheckAnswer> => ({ check: denied, worker_name: '张海涛', candidates: [] }))
    api.entry.overrideCheck = vi.fn(async (): Promise<EntryCheck> => ({ ...denied, id: 12, result: 'allow', overrides_id: 11, override_by: '吴敏', override_reason: '复审中,持受理回执', can_override: false }))
    await enter(wrapper, '120104198811233794')
    await wrapper.get('[data-test="gate-override"]').trigger('click')
    await flushPromises()
    await wrapper.get('textarea[data-test="gate-override-reason"]').setValue('复审中,持受理回执')
    await wrapper.get('[data-test="gate-override-confirm"]').trigger('click')
    await flushPromises()
    expect(api.entry.overrideCheck).toHaveBeenCalledWith(11, '复审中,持受理回执')
    expect(wrapper.get('[data-test="gate-verdict"]').text()).toContain('已放行')
    expect(wrapper.get('[data-test="gate-override-note"]').text()).toContain('吴敏 放行:复审中,持受理回执')
    wrapper.unmount()
  })
})
