import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import ImportReportDialog from './ImportReportDialog.vue'
import type { ImportReport } from '../api/bindings'

async function mountDialog(report: ImportReport) {
  const wrapper = mount(ImportReportDialog, {
    props: { modelValue: true, report, unit: '条投诉' },
    global: { plugins: [ElementPlus] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

describe('ImportReportDialog', () => {
  beforeEach(() => {
    document.body.innerHTML = ''
  })

  it('lists every problem by row and column and offers to import the rest', async () => {
    const wrapper = await mountDialog({
      rows: 5,
      imported: 0,
      problems: [
        { row: 3, column: '不良数量', message: '不良数量(11)不能大于数量(10)' },
        { row: 5, column: '投诉编号', message: '投诉编号“KS-2025-0001”已存在于系统中' },
      ],
    })
    const text = document.body.textContent ?? ''
    expect(text).toContain('共 5 行,导入 0 条投诉,有问题 2 处')
    expect(text).toContain('不良数量(11)不能大于数量(10)')
    expect(text).toContain('没有导入任何数据')
    const button = document.querySelector('[data-test=import-good-rows]') as HTMLElement
    button.click()
    expect(wrapper.emitted('good-rows')).toHaveLength(1)
    wrapper.unmount()
  })

  it('offers nothing more once the good rows are in', async () => {
    const wrapper = await mountDialog({ rows: 5, imported: 3, problems: [{ row: 3, column: '数量', message: 'x' }] })
    expect(document.querySelector('[data-test=import-good-rows]')).toBeNull()
    expect(document.body.textContent).toContain('导入 3 条投诉')
    wrapper.unmount()
  })
})
