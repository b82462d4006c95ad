import { describe, expect, it, vi, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import StoresView from './StoresView.vue'
import { backendKey } from '../../api/backend'
import { BackendError } from '../../api/transport'
import { session } from '../../session'
import { adminActor, fakeBackend, status } from '../../testing/fake-backend'
import type { SalesStore } from '../../api/bindings'

const store: SalesStore = {
  id: 3,
  code: 'TJ-01',
  name: '天津河西直销店',
  region: '天津',
  address: '河西区友谊路 1 号',
  manager: '刘芳',
  phone: '022-2345 6789',
  active: true,
  version: 4,
}

async function mountView() {
  const api = fakeBackend()
  api.org.stores = vi.fn(async () => [store])
  api.org.createStore = vi.fn(async () => ({ ...store, id: 4 }))
  api.org.updateStore = vi.fn(async () => store)
  const wrapper = mount(StoresView, { global: { plugins: [ElementPlus], provide: { [backendKey as symbol]: api } }, attachTo: document.body })
  await flushPromises()
  return { wrapper, api }
}

const input = (selector: string) => document.querySelector(`input[data-test=${selector}]`) as HTMLInputElement
async function typeInto(selector: string, value: string) {
  const el = input(selector)
  el.value = value
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}
const click = async (selector: string) => {
  ;(document.querySelector(`[data-test=${selector}]`) as HTMLElement).click()
  await flushPromises()
}

describe('StoresView', () => {
  beforeEach(() => {
    document.body.innerHTML = ''
    session.status = status(true)
    session.actor = adminActor
  })

  it('adds a store from a blank form and reloads the list', async () => {
    const { api, wrapper } = await mountView()
    expect(wrapper.text()).toContain('天津河西直销店')
    await click('add-store')
    await typeInto('s-code', 'BJ-02')
    await typeInto('s-name', '北京朝阳直销店')
    await click('s-save')
    expect(api.org.createStore).toHaveBeenCalledWith({ code: 'BJ-02', name: '北京朝阳直销店', region: '', address: '', manager: '', phone: '', active: true })
    expect(api.org.stores).toHaveBeenCalledTimes(2)
    wrapper.unmount()
  })

  it('edits a store with its version and shows the core’s message on the field', async () => {
    const { api, wrapper } = await mountView()
    api.org.updateStore = vi.fn(async () => {
      throw new BackendError({ code: 'validation', message: '门店编号“BJ-01”已被使用', field: 'code' })
    })
    await click('edit-store-TJ-01')
    expect(input('s-name').value).toBe('天津河西直销店')
    await typeInto('s-code', 'BJ-01')
    await click('s-save')
    expect(api.org.updateStore).toHaveBeenCalledWith(3, 4, expect.objectContaining({ code: 'BJ-01', name: '天津河西直销店', manager: '刘芳' }))
    expect(document.body.textContent).toContain('门店编号“BJ-01”已被使用')
    wrapper.unmount()
  })
})
