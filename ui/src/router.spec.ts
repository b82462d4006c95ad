import { describe, expect, it, beforeEach } from 'vitest'
import { makeRouter } from './router'
import { session } from './session'
import { adminActor, fakeBackend, status } from './testing/fake-backend'

describe('router guard', () => {
  beforeEach(() => {
    session.status = null
    session.actor = null
  })

  it('sends a new installation to first-run setup', async () => {
    const api = fakeBackend()
    api.system.status = async () => status(false)
    const router = makeRouter(api)
    await router.push('/admin/users')
    expect(router.currentRoute.value.path).toBe('/setup')
  })

  it('sends a signed-out user to the login page', async () => {
    const router = makeRouter(fakeBackend())
    await router.push('/admin/users')
    expect(router.currentRoute.value.path).toBe('/login')
  })

  it('keeps non-administrators out of the admin screens', async () => {
    const api = fakeBackend()
    api.session.current = async () => ({ ...adminActor, role: 'quality' as const })
    const router = makeRouter(api)
    await router.push('/admin/users')
    expect(router.currentRoute.value.path).toBe('/')
  })

  it('lets an administrator in', async () => {
    const api = fakeBackend()
    api.session.current = async () => adminActor
    const router = makeRouter(api)
    await router.push('/admin/users')
    expect(router.currentRoute.value.path).toBe('/admin/users')
  })

  it('shows why the store could not open', async () => {
    const api = fakeBackend()
    api.system.status = async () => ({
      ...status(true),
      startup_error: { code: 'newer_database', message: '数据库由更新版本写入', field: null },
    })
    const router = makeRouter(api)
    await router.push('/login')
    expect(router.currentRoute.value.path).toBe('/startup-error')
  })
})
