// A serious complaint through the whole serious path in the real window: registered by the
// after-sales clerk, analysed, remedy signed by 品控中心 and 技术部 (each by its own user),
// implemented with an improvement action verified by quality, and closed.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, rmSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { connect, dataFolder, gestures } from './helpers.mjs'

const dataDir = dataFolder({ demo: true })
let browser
let g

before(async () => {
  browser = await connect(['--data-dir', dataDir])
  g = gestures(browser, 'complaint')
})

after(async () => {
  await browser?.deleteSession()
  rmSync(dataDir, { recursive: true, force: true })
})

const el = (selector) => g.el(selector)
const textOf = (selector) => g.textOf(selector)
const click = (selector) => g.click(selector)
const type = (selector, value) => g.type(selector, value)
const waitForText = (selector, wanted, present) => g.waitForText(selector, wanted, present)
const option = (selector) => g.option(selector)
const confirmBox = () => g.confirmBox()

async function signIn(username) {
  await g.signIn(username, 'demo12345')
  await (await el('[data-test=welcome]')).waitForDisplayed({ timeout: 10000 })
}

const signOut = () => g.signOut()

async function openComplaint(id) {
  await browser.execute((i) => { location.hash = `#/complaints/${i}` }, id)
  await (await el('[data-test=complaint-number]')).waitForDisplayed({ timeout: 10000 })
}

/** Waits until the image at `selector` has loaded; its natural width in pixels. */
async function shownWidth(selector, what) {
  const width = () => browser.execute((s) => document.querySelector(s)?.naturalWidth ?? 0, selector)
  await browser.waitUntil(width, { timeout: 10000, timeoutMsg: `${what} was not shown` })
  return width()
}

async function command(name, expectedState) {
  await click(`button[data-test=cmd-${name}]`)
  await waitForText('.el-message-box__btns', '确定') // Chinese, not the library's English default
  await confirmBox()
  await waitForText('[data-test=complaint-state]', expectedState)
}

test('register, analyse, every required department signs, implement, verify and close', async () => {
  await g.loadDemo()
  await signIn('lina')

  // Register a serious quality complaint.
  await click('[data-test=menu-complaints]')
  await click('button[data-test=register-complaint]')
  await click('[data-test=r-customer]')
  await browser.keys('华泰')
  await option('li[data-test=customer-KH000001]')
  await type('textarea[data-test=r-description]', '液压站油泵噪声大,油温升高。')
  await type('textarea[data-test=r-demand]', '更换油泵')
  await click('[data-test=severity-serious]')
  await type('input[data-test=l-order]', 'SO-2026-1101')
  await type('input[data-test=l-part]', 'YB-40')
  await type('[data-test=l-ship] input', '2026-11-01')
  await browser.keys('Enter')
  await type('[data-test=l-qty] input', '20')
  await type('[data-test=l-defective] input', '2')
  // A photo and a scanned report go with the registration.
  await click('button[data-test=r-add-files]')
  await waitForText('.files', '油泵现场照片.jpg')
  await waitForText('.files', '检测报告.pdf')
  await click('button[data-test=r-save]')
  // The number carries the company's local year of receipt (the app runs on the real clock).
  const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())
  await waitForText('[data-test=complaint-number]', `KS-${year}-`)
  const number = (await textOf('[data-test=complaint-number]')).trim()
  assert.match(number, new RegExp(`^KS-${year}-\\d{4}$`))
  const url = await browser.getUrl()
  const id = Number(url.split('/').pop())
  await waitForText('[data-test=complaint-lines]', 'YB-40')
  await waitForText('[data-test=attachments]', '检测报告.pdf')
  assert.equal(await shownWidth('[data-test=attachments] img', 'the photo thumbnail'), 320, 'the thumbnail, not the photo')
  assert.match(await textOf('[data-test=attachments]'), /PDF/)
  // The photo opens full size in the app.
  await click('[data-test=attachments] button.thumb')
  assert.equal(await shownWidth('.el-image-viewer__img', 'the full-size photo'), 640)
  await click('.el-image-viewer__close')
  await browser.execute(() => document.querySelector('[data-test=attachments]').scrollIntoView())
  await g.screenshot('attachments')

  // First contact, then analysis.
  await type('input[data-test=k-summary]', '已受理,明天派技术员上门。')
  await click('button[data-test=k-add]')
  await waitForText('[data-test=contacts]', '明天派技术员上门')
  await command('start_analysis', '分析核实')

  await type('textarea[data-test=a-cause]', '油泵吸油口密封圈装配不到位。')
  await click('[data-test=a-cause-code]')
  await option('li[data-test="cause-生产工艺"]')
  await click('[data-test=a-ours]')
  await click('button[data-test=a-add-share]')
  await click('[data-test=a-share-dept]')
  await option('li[data-test="share-dept-生产部"]')
  await click('button[data-test=a-save]')
  await (await el('[data-test=remedy-form]')).waitForDisplayed({ timeout: 10000 })

  await click('[data-test=m-remedy]')
  await option('li[data-test=remedy-exchange]')
  // The rule's five departments are on the remedy already and cannot be taken off.
  await waitForText('[data-test=m-departments]', '生产部')
  await click('button[data-test=m-save]')
  // 协商处理办法: 售后服务部 agrees the remedy and records what the customer agreed to ...
  await click('button[data-test=n-agree]')
  await waitForText('[data-test=negotiation]', '李娜')
  await type('input[data-test=n-contact]', '王工')
  await type('input[data-test=n-summary]', '客户同意更换油泵。')
  await click('button[data-test=n-save-agreement]')
  await waitForText('[data-test=negotiation]', '客户同意更换油泵')
  await signOut()
  // ... 生产部 and 技术部 propose their product measures, 业务部 agrees.
  for (const [user, measures] of [['zhoulei', '油泵装配增加密封圈检查。'], ['sunwei', '修订吸油口密封结构。']]) {
    await signIn(user)
    await openComplaint(id)
    await type('textarea[data-test=n-measures]', measures)
    await click('button[data-test=n-save-measures]')
    await waitForText('[data-test=negotiation]', measures)
    await signOut()
  }
  await signIn('chenchen')
  await openComplaint(id)
  await click('button[data-test=n-agree]')
  await waitForText('[data-test=negotiation]', '陈晨')
  await signOut()
  await signIn('lina')
  await openComplaint(id)
  await command('submit_for_approval', '方案会签')
  await waitForText('[data-test=approvals]', '待会签')
  await signOut()

  // Each department signs for itself.
  const waiting = async () => (await textOf('[data-test=approvals]')).split('待会签').length - 1
  for (const user of ['lina', 'chenchen', 'liuyang', 'sunwei', 'zhoulei']) {
    await signIn(user)
    await openComplaint(id)
    const before = await waiting()
    await click('[data-test=sign-approve]')
    await confirmBox()
    await browser.waitUntil(async () => (await waiting()) === before - 1, { timeout: 10000 })
    await signOut()
  }

  await signIn('lina')
  await openComplaint(id)
  await waitForText('[data-test=approvals]', '同意')
  await command('start_implementation', '落实跟踪')
  await click('button[data-test=add-action]')
  await type('textarea[data-test=x-description]', '增加吸油口密封圈装配检查。')
  // The owner is a department and one of its people (here 生产部's 周磊, picked from its list).
  await click('[data-test=x-department]')
  await option('li[data-test="owner-dept-生产部"]')
  await click('[data-test=x-owner]')
  await option('li[data-test="owner-周磊"]')
  await type('[data-test=x-done] input', '2026-11-27')
  await browser.keys('Enter')
  await click('button[data-test=x-save]')
  await waitForText('[data-test=actions]', '增加吸油口密封圈装配检查')
  await waitForText('[data-test=actions]', '生产部 / 周磊')
  await command('start_verification', '效果验证')
  await signOut()

  await signIn('liuyang')
  await openComplaint(id)
  await click('[data-test=verify-effective]')
  await waitForText('[data-test=actions]', '有效')
  await signOut()

  await signIn('lina')
  await openComplaint(id)
  await type('textarea[data-test=f-feedback]', '客户对更换结果满意。')
  await click('button[data-test=f-save]')
  await command('close', '结案')
  await waitForText('[data-test=complaint-timeline]', '结案')
  assert.match(await textOf('[data-test=complaint-timeline]'), /会签同意/)

  // Print the registration form to a file (the test save folder stands in for the dialog).
  await g.menu('[data-test=print]', '[data-test=save-registration]')
  const saved = join(process.env.SHOUHOU_TEST_SAVE_DIR, `${number}-客户投诉登记表.pdf`)
  await browser.waitUntil(() => existsSync(saved), { timeout: 10000, timeoutMsg: `${saved} was not written` })
  const text = execFileSync('pdftotext', [saved, '-']).toString().replace(/\s/g, '')
  assert.match(text, /客户投诉登记表/)
  assert.ok(text.includes(number), `${number} on the form`)
  assert.match(text, /YB-40/)
  assert.match(text, /液压站油泵噪声大/)

  // Preview the handling form in the app: pdf.js draws every page of the same PDF.
  await g.menu('[data-test=print]', '[data-test=preview-handling]')
  await browser.waitUntil(
    () => browser.execute(() => Number(document.querySelector('[data-test=pdf-pages]')?.getAttribute('data-pages') ?? 0)),
    { timeout: 15000, timeoutMsg: 'the preview drew no pages' },
  )
  const drawn = await browser.execute(() => {
    const canvas = document.querySelector('[data-test=pdf-pages] canvas')
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data
    let dark = 0
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 128) dark++
    return { width: canvas.width, dark }
  })
  assert.ok(drawn.width > 500 && drawn.dark > 5000, `the preview canvas shows the form: ${JSON.stringify(drawn)}`)
  await g.screenshot('preview')
})
