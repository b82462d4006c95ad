import { describe, expect, it, beforeEach } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import LoginView from './LoginView.vue'
import { backendKey } from '../api/backend'
import { session } from '../session'
import { fakeBackend, status } from '../testing/fake-backend'

async function mountLogin() {
  const api = fakeBackend()
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', component: LoginView },
      { path: '/', component: { template: '<div>home</div>' } },
    ],
  })
  await router.push('/login')
  const wrapper = mount(LoginView, { global: { plugins: [ElementPlus, router], provide: { [backendKey as symbol]: api } } })
  return { wrapper, api, router }
}

describe('LoginView', () => {
  beforeEach(() => {
    session.status = status(true)
    session.actor = null
  })

  it('lists the demo accounts whenever the core reports the demo company, however it was loaded', async () => {
    session.demo = null
    const plain = await mountLogin()
    expect(plain.wrapper.find('[data-test=demo-accounts]').exists()).toBe(false)
    const base = status(true)
    session.status = {
      ...base,
      setup: { ...base.setup!, demo: { password: 'demo12345', accounts: [{ username: 'lina', display_name: '李娜', role_label: '售后专员', place: '售后服务部' }] } },
    }
    const { wrapper } = await mountLogin()
    expect(wrapper.get('[data-test=demo-accounts]').text()).toContain('lina · 李娜')
    expect(wrapper.get('[data-test=demo-accounts]').text()).toContain('demo12345')
  })

  it('shows the company name', async () => {
    const { wrapper } = await mountLogin()
    expect(wrapper.get('[data-test=company-name]').text()).toBe('天津示例机械有限公司')
  })

  it('refuses a wrong password with the core message and clears the password', async () => {
    const { wrapper, api } = await mountLogin()
    await wrapper.get('input[data-test=username]').setValue('admin')
    await wrapper.get('input[data-test=password]').setValue('wrong-one1')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(api.session.signIn).toHaveBeenCalledWith('admin', 'wrong-one1')
    expect(wrapper.get('[data-test=login-error]').text()).toContain('用户名或密码错误')
    expect((wrapper.get('input[data-test=password]').element as HTMLInputElement).value).toBe('')
    expect(session.actor).toBeNull()
  })

  it('signs in and goes to the workbench', async () => {
    const { wrapper, router } = await mountLogin()
    await wrapper.get('input[data-test=username]').setValue('admin')
    await wrapper.get('input[data-test=password]').setValue('admin12345')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(session.actor?.username).toBe('admin')
    expect(router.currentRoute.value.path).toBe('/')
  })

  it('does not call the backend when fields are empty', async () => {
    const { wrapper, api } = await mountLogin()
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(api.session.signIn).not.toHaveBeenCalled()
    // Both required fields are marked in error (the message itself animates in a transition).
    expect(wrapper.findAll('.el-form-item.is-error')).toHaveLength(2)
  })
})
