import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import ImportMappingDialog from './ImportMappingDialog.vue'
import type { Mapping, Preview } from '../api/bindings'

// What the core answers for a company's own customer list (the shape of customer::import_mapped).
function preview(): Preview {
  return {
    kind: 'customer',
    header_row: 2,
    headers: [
      { header: '名称', column: '客户名称', match: 'guess' },
      { header: '联系人', column: '联系人', match: 'exact' },
      { header: '电话', column: '联系电话', match: 'guess' },
      { header: '开票信息', column: null, match: 'unknown' },
    ],
    samples: [
      ['天津华泰机械有限公司', '张伟', '13800001111', '税号 1201'],
      ['北京恒通经贸', '', '', ''],
    ],
    columns: [
      { name: '客户编号', kind: 'text', required: false, synonyms: ['客户代码'] },
      { name: '客户名称', kind: 'text', required: true, synonyms: ['客户', '单位名称'] },
      { name: '联系人', kind: 'text', required: false, synonyms: [] },
      { name: '联系电话', kind: 'text', required: false, synonyms: ['手机'] },
    ],
    missing: ['客户名称'],
    message: '有 3 列无法识别:名称、电话、开票信息;缺少必需的列:客户名称。请指定文件中的各列对应系统中的哪一列(或忽略)后再导入。',
  }
}

async function mountDialog(p: Preview) {
  const wrapper = mount(ImportMappingDialog, {
    props: { modelValue: true, preview: p },
    global: { plugins: [ElementPlus] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

describe('ImportMappingDialog', () => {
  beforeEach(() => {
    document.body.innerHTML = ''
  })

  it('shows the headers with samples and how each was recognised, and applies the guesses', async () => {
    const wrapper = await mountDialog(preview())
    const text = document.body.textContent ?? ''
    expect(text).toContain('有 3 列无法识别')
    expect(text).toContain('文件第 2 行是表头')
    expect(text).toContain('天津华泰机械有限公司 / 北京恒通经贸')
    expect(text).toContain('猜测')
    expect(text).toContain('未识别')
    expect(text).toContain('列名相同')
    expect(document.querySelector('[data-test=mapping-missing]')).toBeNull()
    const apply = document.querySelector('[data-test=mapping-apply]') as HTMLButtonElement
    expect(apply.disabled).toBe(false)
    apply.click()
    const [[mapping]] = wrapper.emitted('apply') as [[Mapping]]
    expect(mapping.headers).toEqual([
      { header: '名称', column: '客户名称' },
      { header: '联系人', column: '联系人' },
      { header: '电话', column: '联系电话' },
      { header: '开票信息', column: null },
    ])
    wrapper.unmount()
  })

  it('will not apply while a required column is unmapped or a column is chosen twice', async () => {
    const p = preview()
    p.headers[0] = { header: '名称', column: null, match: 'unknown' }
    p.headers[3] = { header: '开票信息', column: '联系电话', match: 'guess' }
    const wrapper = await mountDialog(p)
    const apply = () => document.querySelector('[data-test=mapping-apply]') as HTMLButtonElement
    expect(apply().disabled).toBe(true)
    expect(document.querySelector('[data-test=mapping-missing]')?.textContent).toContain('客户名称')
    expect(document.querySelector('[data-test=mapping-twice]')?.textContent).toContain('联系电话')
    apply().click()
    expect(wrapper.emitted('apply')).toBeUndefined()
    wrapper.unmount()
  })
})
