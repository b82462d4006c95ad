import { describe, expect, it, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import AttachmentPanel from './AttachmentPanel.vue'
import { backendKey } from '../api/backend'
import { session } from '../session'
import { adminActor, fakeBackend, status } from '../testing/fake-backend'
import type { Attachment } from '../api/bindings'

// The shell's drag-and-drop events, driven by the test.
const drop = vi.hoisted(() => ({ handler: null as null | ((e: { payload: unknown }) => void) }))
vi.mock('@tauri-apps/api/webview', () => ({
  getCurrentWebview: () => ({
    onDragDropEvent: async (h: (e: { payload: unknown }) => void) => {
      drop.handler = h
      return () => (drop.handler = null)
    },
  }),
}))

const attachment = (id: number, name: string, image: boolean, addedBy: number): Attachment => ({
  id,
  owner: 'complaint',
  owner_id: 7,
  file_name: name,
  media_type: image ? 'image/jpeg' : 'application/pdf',
  size_bytes: image ? 2_400_000 : 35_000,
  width: image ? 4000 : null,
  height: image ? 3000 : null,
  has_thumbnail: image,
  caption: '',
  added_by: addedBy,
  added_by_name: addedBy === 2 ? '李娜' : '王芳',
  added_at: '2026-11-27T01:30:00Z',
})

function mountPanel(attachments: Attachment[], canAdd = true) {
  const api = fakeBackend()
  api.attachments.thumbnail = vi.fn(async () => new Uint8Array([0xff, 0xd8]).buffer)
  api.attachments.add = vi.fn(async () => [attachments[0]])
  const wrapper = mount(AttachmentPanel, {
    props: { owner: 'complaint', ownerId: 7, attachments, canAdd },
    global: { plugins: [ElementPlus], provide: { [backendKey as symbol]: api } },
  })
  return { wrapper, api }
}

describe('AttachmentPanel', () => {
  beforeEach(() => {
    globalThis.URL.createObjectURL = vi.fn(() => 'blob:thumb')
    globalThis.URL.revokeObjectURL = vi.fn()
    session.status = status(true)
    session.actor = { ...adminActor, user_id: 2, role: 'after_sales' }
  })

  it('shows thumbnails for photos and a type badge for scans, with sizes and who added them', async () => {
    const { wrapper, api } = mountPanel([attachment(1, '现场照片.jpg', true, 2), attachment(2, '检测报告.pdf', false, 3)])
    await flushPromises()
    expect(api.attachments.thumbnail).toHaveBeenCalledTimes(1)
    expect(api.attachments.thumbnail).toHaveBeenCalledWith(1)
    expect(wrapper.get('[data-test=attachment-1] img').attributes('src')).toBe('blob:thumb')
    const scan = wrapper.get('[data-test=attachment-2]').text()
    expect(scan).toContain('PDF')
    expect(scan).toContain('34 KB · 王芳 · 2026-11-27')
    expect(wrapper.get('[data-test=attachment-1]').text()).toContain('2.3 MB')
  })

  it('offers removal only of one’s own attachments, unless a manager', async () => {
    const { wrapper } = mountPanel([attachment(1, 'a.jpg', true, 2), attachment(2, 'b.pdf', false, 3)])
    await flushPromises()
    expect(wrapper.find('[data-test=remove-attachment-1]').exists()).toBe(true)
    expect(wrapper.find('[data-test=remove-attachment-2]').exists()).toBe(false)
    session.actor = { ...adminActor, user_id: 9, role: 'after_sales_manager' }
    const manager = mountPanel([attachment(2, 'b.pdf', false, 3)]).wrapper
    await flushPromises()
    expect(manager.find('[data-test=remove-attachment-2]').exists()).toBe(true)
  })

  it('adds the files a dialog returns and tells the page to reload', async () => {
    session.status = { ...status(true), test_open_files: ['/tmp/x/现场照片.jpg'] }
    const { wrapper, api } = mountPanel([attachment(1, 'a.jpg', true, 2)])
    await wrapper.get('[data-test=add-attachment]').trigger('click')
    await flushPromises()
    expect(api.attachments.add).toHaveBeenCalledWith('complaint', 7, ['/tmp/x/现场照片.jpg'], '')
    expect(wrapper.emitted('changed')).toHaveLength(1)
  })

  it('shows a photo full size in the app and opens a scan in the system viewer', async () => {
    const { wrapper, api } = mountPanel([attachment(1, '现场照片.jpg', true, 2), attachment(2, '检测报告.pdf', false, 3)])
    api.attachments.content = vi.fn(async () => new Uint8Array([0xff, 0xd8]).buffer)
    api.attachments.open = vi.fn(async () => '/tmp/opened/2-检测报告.pdf')
    await flushPromises()
    await wrapper.get('[data-test=open-attachment-1]').trigger('click')
    await flushPromises()
    expect(api.attachments.content).toHaveBeenCalledWith(1)
    expect(document.querySelector('.el-image-viewer__wrapper')).not.toBeNull()
    await wrapper.get('[data-test=open-attachment-2]').trigger('click')
    await flushPromises()
    expect(api.attachments.open).toHaveBeenCalledWith(2)
    expect(api.attachments.content).toHaveBeenCalledTimes(1)
  })

  it('adds photos dragged from the file manager onto the window', async () => {
    const { wrapper, api } = mountPanel([attachment(1, 'a.jpg', true, 2)])
    await flushPromises()
    drop.handler!({ payload: { type: 'enter', paths: ['/home/lina/照片/1.jpg', '/home/lina/照片/2.jpg'], position: { x: 1, y: 1 } } })
    await flushPromises()
    expect(wrapper.text()).toContain('松开鼠标,添加为附件')
    drop.handler!({ payload: { type: 'drop', paths: ['/home/lina/照片/1.jpg', '/home/lina/照片/2.jpg'], position: { x: 1, y: 1 } } })
    await flushPromises()
    expect(api.attachments.add).toHaveBeenCalledWith('complaint', 7, ['/home/lina/照片/1.jpg', '/home/lina/照片/2.jpg'], '')
    expect(wrapper.text()).not.toContain('松开鼠标')
    wrapper.unmount()
    expect(drop.handler).toBeNull()
  })

  it('ignores a drop from someone who may only look', async () => {
    const { api } = mountPanel([], false)
    await flushPromises()
    drop.handler!({ payload: { type: 'enter', paths: ['/tmp/1.jpg'], position: { x: 1, y: 1 } } })
    drop.handler!({ payload: { type: 'drop', paths: ['/tmp/1.jpg'], position: { x: 1, y: 1 } } })
    await flushPromises()
    expect(api.attachments.add).not.toHaveBeenCalled()
  })

  it('has no add button for someone who may only look', async () => {
    const { wrapper } = mountPanel([], false)
    expect(wrapper.find('[data-test=add-attachment]').exists()).toBe(false)
    expect(wrapper.text()).toContain('无附件')
  })
})
