// End to end in the real window: the release binary under Xvfb, driven through tauri-driver and
// WebKitWebDriver. scripts/e2e.sh starts the display and the driver with a temporary data folder.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { connect, gestures } from './helpers.mjs'

let browser
let openedMs
let g

before(async () => {
  assert.ok(process.env.SHOUHOU_APP_BINARY, 'SHOUHOU_APP_BINARY must point at the release binary')
  const started = Date.now()
  browser = await connect()
  g = gestures(browser, 'first-run')
  await (await browser.$('input[data-test=company]')).waitForDisplayed({ timeout: 20000 })
  openedMs = Date.now() - started
  console.log(`window usable after ${openedMs} ms (session start to first form)`)
})

after(async () => {
  await browser?.deleteSession()
})

const el = (selector) => g.el(selector)
const click = (selector) => g.click(selector)
const type = (selector, value) => g.type(selector, value)
const textOf = (selector) => g.textOf(selector)
const waitForText = (selector, wanted) => g.waitForText(selector, wanted)
const chooseOption = async (select, option) => {
  await click(select)
  await g.option(option)
}
const signIn = (username, password) => g.signIn(username, password)
const signOut = () => g.signOut()

test('first-run setup, sign-in, a new user, sign-out, and a refused wrong password', async () => {
  // The page is Chinese and rendered with the shipped font.
  const body = await textOf('body')
  assert.match(body, /初始设置/)

  await type('input[data-test=company]', '天津示例机械有限公司')
  await type('input[data-test=admin-username]', 'admin')
  await type('input[data-test=admin-name]', '王管理')
  await type('input[data-test=password]', 'admin12345')
  await type('input[data-test=confirm]', 'admin12345')
  await click('button[data-test=submit]')

  // Login page, with the company name from setup.
  await waitForText('[data-test=company-name]', '天津示例机械有限公司')
  await signIn('admin', 'admin12345')
  await waitForText('[data-test=welcome]', '欢迎,王管理')
  assert.match(await textOf('[data-test=sidebar]'), /系统管理/)

  // Create a quality-centre user.
  await click('[data-test=menu-admin]')
  await click('[data-test=menu-users]')
  await click('button[data-test=add-user]')
  await type('input[data-test=f-username]', 'zhangsan')
  await type('input[data-test=f-name]', '张三')
  await chooseOption('[data-test=user-form] .el-form-item:nth-child(3) .el-select', 'li[data-test=role-quality]')
  await chooseOption('[data-test=user-form] .el-form-item:nth-child(4) .el-select', 'li[data-test="dept-品控中心"]')
  await type('input[data-test=f-password]', 'quality123')
  await click('button[data-test=save-user]')
  await waitForText('[data-test=user-table]', 'zhangsan')
  assert.match(await textOf('[data-test=user-table]'), /张三[\s\S]*品控中心/)

  await signOut()

  // A wrong password is refused with the core's message.
  await signIn('zhangsan', 'not-the-password1')
  await waitForText('[data-test=login-error]', '用户名或密码错误')

  // The new user signs in and sees no administration.
  await signIn('zhangsan', 'quality123')
  await waitForText('[data-test=welcome]', '欢迎,张三')
  assert.doesNotMatch(await textOf('[data-test=sidebar]'), /系统管理/)
  await signOut()
})

test('the window opened within the target', () => {
  // Reported, not asserted tightly: CI machines vary. 1.5 s is the target (DESIGN.md); this
  // bound only catches a window that hangs.
  assert.ok(openedMs < 15000, `window took ${openedMs} ms`)
})
