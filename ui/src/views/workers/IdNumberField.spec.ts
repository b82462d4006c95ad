import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { defineComponent, h, ref } from 'vue'
import IdNumberField from './IdNumberField.vue'
import { backendKey } from '../../api/backend'
import { BackendError } from '../../api/transport'
import { fakeBackend } from '../../testing/fake-backend'

const VALID = '11010519491231002X'

function mountField(initial = '') {
  const api = fakeBackend()
  api.workers.parseIdNumber = vi.fn(async (text: string) => {
    if (text.toUpperCase() === VALID) return { normalized: VALID, birth_date: '1949-12-31', sex: 'female' }
    throw new BackendError({ code: 'validation', message: '身份证号校验码错误:第18位应为“X”,填写的是“1”,请核对证件(110105********0021)', field: 'id_number' })
  }) as typeof api.workers.parseIdNumber
  const value = ref(initial)
  const Host = defineComponent({
    setup: () => () => h(IdNumberField, { modelValue: value.value, 'onUpdate:modelValue': (v: string) => (value.value = v) }),
  })
  const wrapper = mount(Host, { global: { plugins: [ElementPlus], provide: { [backendKey as symbol]: api } } })
  return { wrapper, api, value }
}

function input(w: ReturnType<typeof mountField>['wrapper']) {
  const el = w.find('[data-test="id-number"]')
  return el.element.tagName === 'INPUT' ? el : el.find('input')
}
const hint = (w: ReturnType<typeof mountField>['wrapper']) => w.find('[data-test="id-number-hint"]').text()

describe('IdNumberField', () => {
  it('shows the birth date and sex of a valid number as it is typed', async () => {
    const { wrapper, api, value } = mountField()
    const field = input(wrapper)
    await field.setValue('1101051949')
    await flushPromises()
    expect(api.workers.parseIdNumber).not.toHaveBeenCalled()
    expect(hint(wrapper)).toBe('')
    expect(wrapper.text()).toContain('10/18')
    await field.setValue('11010519491231002x')
    await flushPromises()
    expect(value.value).toBe('11010519491231002x')
    expect(api.workers.parseIdNumber).toHaveBeenCalledWith('11010519491231002x')
    expect(hint(wrapper)).toBe('出生日期 1949-12-31 · 女')
  })

  it('shows the check-digit error in Chinese from the core', async () => {
    const { wrapper } = mountField()
    await input(wrapper).setValue('110105194912310021')
    await flushPromises()
    expect(hint(wrapper)).toContain('身份证号校验码错误:第18位应为“X”')
  })

  it('flags letters before the 18th character without asking the core', async () => {
    const { wrapper, api } = mountField()
    await input(wrapper).setValue('1101A5')
    await flushPromises()
    expect(hint(wrapper)).toBe('身份证号只能是数字,最后一位可以是X')
    expect(api.workers.parseIdNumber).not.toHaveBeenCalled()
  })

  it('says a masked number is kept as stored', async () => {
    const { wrapper, api } = mountField('110105********002X')
    await flushPromises()
    expect(hint(wrapper)).toContain('不显示完整号码')
    expect(api.workers.parseIdNumber).not.toHaveBeenCalled()
  })
})
