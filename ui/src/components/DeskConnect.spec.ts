import { describe, expect, it, vi, beforeEach, afterEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import DeskConnect from './DeskConnect.vue'
import { backendKey } from '../api/backend'
import { BackendError } from '../api/transport'
import { session } from '../session'
import { fakeBackend, status } from '../testing/fake-backend'

const FINGERPRINT = 'AB:'.repeat(31) + 'CD'

async function mountConnect() {
  const api = fakeBackend()
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/setup', component: DeskConnect },
      { path: '/login', component: { template: '<div>login</div>' } },
    ],
  })
  await router.push('/setup')
  const wrapper = mount(DeskConnect, { global: { plugins: [ElementPlus, router], provide: { [backendKey as symbol]: api } } })
  return { wrapper, api, router }
}

describe('DeskConnect', () => {
  beforeEach(() => {
    session.status = status(false)
  })

  it('shows the fingerprint to compare before connecting, then pins exactly that one', async () => {
    const { wrapper, api, router } = await mountConnect()
    api.desk.probe = vi.fn(async (address: string) => ({
      address,
      fingerprint: FINGERPRINT,
      company_name: '天津示例机械有限公司',
      initialized: true,
      version: '0.1.0',
    }))
    const connected = { ...status(true), server: { address: '192.168.1.10:8443', fingerprint: FINGERPRINT } }
    api.desk.connect = vi.fn(async () => connected)
    api.system.status = vi.fn(async () => connected)
    expect(wrapper.find('[data-test=connect]').exists()).toBe(false)
    await wrapper.get('input[data-test=server-address]').setValue('192.168.1.10:8443')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-test=server-fingerprint]').text()).toBe(FINGERPRINT)
    expect(wrapper.get('[data-test=server-company]').text()).toBe('天津示例机械有限公司')
    await wrapper.get('[data-test=connect]').trigger('click')
    await flushPromises()
    expect(api.desk.connect).toHaveBeenCalledWith('192.168.1.10:8443', FINGERPRINT)
    expect(session.status?.server?.address).toBe('192.168.1.10:8443')
    expect(router.currentRoute.value.path).toBe('/login')
  })

  it('says why a server cannot be read, and a changed address hides the old fingerprint', async () => {
    const { wrapper, api } = await mountConnect()
    api.desk.probe = vi.fn(async () => {
      throw new BackendError({ code: 'unreachable', message: '无法连接公司服务器 10.0.0.9:8443,请检查地址和网络', field: null })
    })
    await wrapper.get('input[data-test=server-address]').setValue('10.0.0.9:8443')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-test=connect-error]').text()).toContain('无法连接公司服务器 10.0.0.9:8443')
    expect(wrapper.find('[data-test=connect]').exists()).toBe(false)
  })
})

describe('call while the company server is out of reach', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.resetModules()
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.resetModules()
    vi.doUnmock('@tauri-apps/api/core')
  })

  it('waits with the banner up and sends the call again when the server is back', async () => {
    const invoke = vi.fn()
    invoke
      .mockRejectedValueOnce({ code: 'unreachable', message: '无法连接公司服务器', field: null })
      .mockRejectedValueOnce({ code: 'unreachable', message: '无法连接公司服务器', field: null })
      .mockResolvedValueOnce({ id: 7 })
    vi.doMock('@tauri-apps/api/core', () => ({ invoke }))
    const { call, connection } = await import('../api/transport')
    const saved = call('complaint_save_feedback', { id: 7 })
    await vi.advanceTimersByTimeAsync(0)
    expect(connection.lost).toBe(true)
    await vi.advanceTimersByTimeAsync(4000)
    await expect(saved).resolves.toEqual({ id: 7 })
    expect(invoke).toHaveBeenCalledTimes(3)
    expect(connection.lost).toBe(false)
  })

  it('does not repeat a call whose connection broke after sending, nor wait on the connection screens', async () => {
    const invoke = vi.fn().mockRejectedValue({ code: 'connection_lost', message: '连接中断', field: null })
    vi.doMock('@tauri-apps/api/core', () => ({ invoke }))
    const { call } = await import('../api/transport')
    await expect(call('complaint_register', {})).rejects.toMatchObject({ code: 'connection_lost' })
    invoke.mockRejectedValue({ code: 'unreachable', message: '无法连接', field: null })
    await expect(call('app_status')).rejects.toMatchObject({ code: 'unreachable' })
    expect(invoke).toHaveBeenCalledTimes(2)
  })

  it('an idle desk raises the banner when the heartbeat finds the server gone and lowers it when it answers', async () => {
    const invoke = vi.fn()
    invoke
      .mockResolvedValueOnce({ version: '1' })
      .mockRejectedValueOnce({ code: 'unreachable', message: '无法连接公司服务器', field: null })
      .mockResolvedValueOnce({ version: '1' })
    vi.doMock('@tauri-apps/api/core', () => ({ invoke }))
    const { startHeartbeat, connection } = await import('../api/transport')
    const stop = startHeartbeat(1000)
    await vi.advanceTimersByTimeAsync(1000)
    expect(connection.lost).toBe(false)
    await vi.advanceTimersByTimeAsync(1000)
    expect(connection.lost).toBe(true)
    expect(connection.message).toBe('无法连接公司服务器')
    await vi.advanceTimersByTimeAsync(1000)
    expect(connection.lost).toBe(false)
    expect(invoke).toHaveBeenCalledWith('desk_server_health')
    stop()
    await vi.advanceTimersByTimeAsync(5000)
    expect(invoke).toHaveBeenCalledTimes(3)
  })
})
