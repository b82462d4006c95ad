import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElTableColumn } from 'element-plus'
import { h } from 'vue'
import ListPage from './ListPage.vue'
import type { Page } from '../api/bindings'

type Row = { id: number; name: string }
const page: Page<Row> = { items: [{ id: 1, name: '甲' }, { id: 2, name: '乙' }], total: 10000, total_capped: true, next: '["x",2]' }

function mountList(props: Record<string, unknown> = {}) {
  return mount(ListPage, {
    props: { page, pageIndex: 0, totalTest: 'total', tableTest: 'table', ...props },
    slots: {
      filters: () => h('input', { 'data-test': 'filter' }),
      toolbar: ({ selection }: { selection: unknown[] }) => h('button', { 'data-test': 'delete' }, `删除 ${selection.length}`),
      default: () => h(ElTableColumn, { prop: 'name', label: '名称', sortable: 'custom' }),
      operations: ({ row }: { row: unknown }) => h('button', { 'data-test': `edit-${(row as Row).id}` }, '修改'),
    },
    global: { plugins: [ElementPlus] },
    attachTo: document.body,
  })
}

describe('ListPage', () => {
  it('searches on Enter or 搜索, resets on 重置, and hides the search row', async () => {
    const wrapper = mountList()
    await flushPromises()
    await wrapper.get('[data-test=list-search]').trigger('submit')
    const reset = wrapper.findAll('button').find((b) => b.text() === '重置')!
    await reset.trigger('click')
    expect(wrapper.emitted('search')).toHaveLength(1)
    expect(wrapper.emitted('reset')).toHaveLength(1)
    await wrapper.get('[data-test=toggle-search]').trigger('click')
    expect(wrapper.get('[data-test=list-search]').isVisible()).toBe(false)
    wrapper.unmount()
  })

  it('shows the rows, an operations column per row, the capped total and the keyset pager', async () => {
    const wrapper = mountList()
    await flushPromises()
    expect(wrapper.get('[data-test=table]').text()).toContain('甲')
    expect(wrapper.find('[data-test=edit-2]').exists()).toBe(true)
    expect(wrapper.get('[data-test=total]').text()).toBe('共 10000+ 条')
    const button = (text: string) => wrapper.findAll('button').find((b) => b.text() === text)!
    expect(button('上一页').attributes('disabled')).toBeDefined()
    await button('下一页').trigger('click')
    expect(wrapper.emitted('next')).toHaveLength(1)
    await wrapper.setProps({ page: { ...page, next: null }, pageIndex: 1 })
    expect(button('下一页').attributes('disabled')).toBeDefined()
    await button('上一页').trigger('click')
    expect(wrapper.emitted('previous')).toHaveLength(1)
    wrapper.unmount()
  })

  it('reports a sortable column’s sort and the selected rows to the toolbar', async () => {
    const wrapper = mountList({ selectable: true })
    await flushPromises()
    await wrapper.get('th .caret-wrapper').trigger('click')
    expect(wrapper.emitted('sort')![0]).toEqual([{ prop: 'name', order: 'ascending' }])
    const boxes = wrapper.findAll('.el-table__body .el-checkbox__original')
    expect(boxes).toHaveLength(2)
    await boxes[1].setValue(true)
    await flushPromises()
    expect(wrapper.get('[data-test=delete]').text()).toBe('删除 1')
    expect(wrapper.emitted('select')!.at(-1)).toEqual([[page.items[1]]])
    wrapper.unmount()
  })
})
