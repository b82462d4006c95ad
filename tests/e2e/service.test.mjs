// Customer service in the real window, on the demo data: a feedback item routed to two
// departments and answered by each in its own account; the follow-up visit a closed complaint
// scheduled, recorded and printed; a store return registered by the store clerk and approved by
// after-sales, who the clerk cannot stand in for.
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
  g = gestures(browser, 'service')
})

after(async () => {
  await browser?.deleteSession()
  rmSync(dataDir, { recursive: true, force: true })
})

const el = (selector) => g.el(selector)
const click = (selector) => g.click(selector)
const type = (selector, value) => g.type(selector, value)
const waitForText = (selector, wanted, present) => g.waitForText(selector, wanted, present)

async function signIn(username) {
  await g.signIn(username, 'demo12345')
  await (await el('[data-test=welcome]')).waitForDisplayed({ timeout: 10000 })
}

async function go(hash) {
  await browser.execute((h) => { location.hash = h }, hash)
}

/** Closes the open drawer (the sign-out waits for overlays to go). */
async function closeDrawer() {
  await browser.execute(() => {
    for (const b of document.querySelectorAll('.el-drawer__close-btn')) if (b.offsetParent) b.click()
  })
}

/** Opens a record's drawer from its link and waits for it to finish sliding in (a button clicked
 * while it moves can be missed). */
async function openRecord(selector) {
  await click(selector)
  await (await el('.el-drawer__body')).waitForDisplayed({ timeout: 10000 })
  await browser.pause(600)
}

async function signOut() {
  await closeDrawer()
  await g.signOut()
}

let feedbackNumber = ''

test('a feedback item routed to two departments is answered by each', async () => {
  await g.loadDemo()
  await signIn('lina')

  await click('[data-test=menu-service]')
  await click('[data-test=menu-feedback]')
  await click('button[data-test=add-feedback]')
  await type('textarea[data-test=feedback-content]', '建议产品包装上增加安装示意图')
  await click('button[data-test=feedback-save]')
  await waitForText('[data-test=feedback-state]', '待分派')
  await browser.pause(600)
  feedbackNumber = (await g.textOf('.el-drawer__title')).replace('意见建议', '').trim()
  assert.match(feedbackNumber, /^YJ-\d{4}-\d{5}$/)

  await click('[data-test=route-departments]')
  await g.option('li[data-test=route-dept-品控中心]')
  await g.option('li[data-test=route-dept-技术部]')
  await browser.keys('Escape')
  await click('button[data-test=route-save]')
  await waitForText('[data-test=feedback-state]', '处理中')
  await waitForText('[data-test=feedback-routes]', '品控中心')
  await waitForText('[data-test=feedback-routes]', '技术部')
  await signOut()

  for (const [user, answer] of [['liuyang', '品控中心:下批包装增加示意图'], ['sunwei', '技术部:已提供示意图图稿']]) {
    await signIn(user)
    // The department's workbench lists it.
    await waitForText('[data-test=work-feedback-answer]', feedbackNumber)
    await go('#/service/feedback')
    await openRecord(`[data-test="feedback-${feedbackNumber}"]`)
    await type('textarea[data-test=feedback-answer]', answer)
    await click('button[data-test=feedback-answer-save]')
    await waitForText('[data-test=feedback-routes]', answer)
    await signOut()
  }
  await signIn('lina')
  await go('#/service/feedback')
  await openRecord(`[data-test="feedback-${feedbackNumber}"]`)
  await waitForText('[data-test=feedback-state]', '已答复')
  await click('button[data-test=feedback-adopt]')
  await waitForText('[data-test=feedback-adopted]', '已采纳')
})

test('the follow-up visit of a closed complaint is recorded and printed', async () => {
  // The demo's first closed complaint scheduled visit 1 when it was closed.
  await go('#/service/visits?open=1')
  await waitForText('[data-test=visit-drawer]', '投诉结案回访')
  await browser.pause(600)
  await waitForText('[data-test=visit-state]', '待回访')
  await type('input[data-test=visit-participants]', '李娜、客户张工')
  await type('textarea[data-test=visit-content]', '回访投诉处理结果,客户满意')
  await click('[data-test=visit-satisfaction] .el-rate__item:nth-child(5)')
  await click('button[data-test=visit-record-save]')
  await waitForText('[data-test=visit-state]', '已回访')
  const number = (await g.textOf('.el-drawer__title')).replace('回访', '').trim()
  await click('button[data-test=visit-print]')
  const file = join(process.env.SHOUHOU_TEST_SAVE_DIR, `${number}-客户回访记录表.pdf`)
  await browser.waitUntil(() => existsSync(file), { timeout: 10000, timeoutMsg: `${file} was not written` })
  const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s/g, '')
  for (const wanted of ['客户回访记录表', number, '李娜、客户张工', '回访投诉处理结果,客户满意', '5分(很满意)']) {
    assert.ok(text.includes(wanted), `the printed record lacks ${wanted}`)
  }
  await signOut()
})

test('a store clerk registers a return that only after-sales approves', async () => {
  await signIn('heli')
  await click('[data-test=menu-service]')
  await click('[data-test=menu-returns]')
  await click('button[data-test=add-return]')
  await click('[data-test=return-customer]')
  await browser.keys('华泰')
  await g.option('li[data-test=customer-KH000001]')
  await type('input[data-test=return-part]', 'JSJ-200-A')
  await type('[data-test=return-price] input', '1250.5')
  await browser.keys('Tab')
  await click('button[data-test=return-save]')
  await waitForText('[data-test=return-state]', '申请')
  await browser.pause(600)
  const number = (await g.textOf('.el-drawer__title')).replace('退换货单', '').trim()
  // The clerk is offered no approval.
  assert.equal(await (await el('button[data-test=return-cmd-approve]')).isExisting(), false)
  await signOut()

  await signIn('lina')
  await waitForText('[data-test=work-returns]', number)
  await go('#/service/returns')
  await openRecord(`[data-test="return-${number}"]`)
  await click('button[data-test=return-cmd-approve]')
  await waitForText('.el-message-box__btns', '确定')
  await g.confirmBox()
  await waitForText('[data-test=return-state]', '已审批')
  await signOut()

  await signIn('heli')
  await go('#/service/returns')
  await openRecord(`[data-test="return-${number}"]`)
  await click('button[data-test=return-cmd-receive]')
  await waitForText('[data-test=return-state]', '已收货')
})
