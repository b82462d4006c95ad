// Workers in the real window (issue 10): the hiring department registers a person — the ID-number
// field reads the birth date and sex as it is typed and says when the check character is wrong —
// adds a photo; the gate sees the same person with the number masked and cannot change it.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { connect, dataFolder, gestures } from './helpers.mjs'

const dataDir = dataFolder({ demo: true })
let browser
let g

before(async () => {
  browser = await connect(['--data-dir', dataDir])
  g = gestures(browser, 'workers')
})

after(async () => {
  await browser?.deleteSession()
  rmSync(dataDir, { recursive: true, force: true })
})

const click = (selector) => g.click(selector)
const type = (selector, value) => g.type(selector, value)
const waitForText = (selector, wanted, present) => g.waitForText(selector, wanted, present)

test('a person is registered with a checked ID number and the gate sees it masked', async () => {
  await g.loadDemo('zhengtao')
  await g.signIn('zhengtao', 'demo12345')

  await click('[data-test=menu-contractor] .el-sub-menu__title')
  await click('[data-test=menu-workers]')
  await waitForText('[data-test=worker-total]', '共')

  await click('button[data-test=add-worker]')
  await type('input[data-test=worker-name]', '刘秀兰')
  // A wrong check character: the core's rule, in Chinese, under the field.
  await type('input[data-test=id-number]', '110105194912310021')
  await waitForText('[data-test=id-number-hint]', '校验码错误')
  await type('input[data-test=id-number]', '11010519491231002x')
  await waitForText('[data-test=id-number-hint]', '出生日期 1949-12-31 · 女')
  // An individual 外用工 needs no unit.
  await browser.execute(() => {
    ;[...document.querySelectorAll('[data-test=worker-form] .el-radio-button')].find((b) => b.textContent.includes('外用工')).click()
  })
  await type('[data-test=worker-form] input[placeholder^="如 电焊工"]', '力工')
  if (process.env.SHOUHOU_E2E_SHOTS) await g.screenshot('worker-form')
  await click('button[data-test=worker-save]')
  await waitForText('[data-test=worker-name]', '刘秀兰')
  await waitForText('[data-test=worker-id-number]', '11010519491231002X')
  const hash = await browser.execute(() => location.hash)
  assert.match(hash, /#\/contractor\/workers\/\d+$/)

  // The photo (the open dialog answers with the fixture photo in tests).
  await click('[data-test=worker-set-photo]')
  await browser.waitUntil(() => browser.execute(() => !!document.querySelector('[data-test=worker-photo] img')), {
    timeout: 10000,
    timeoutMsg: 'the photo did not show',
  })
  await click('.el-tabs__item#tab-history')
  await waitForText('[data-test=worker-history]', '登记外来人员 刘秀兰')
  await waitForText('[data-test=worker-history]', '刘秀兰照片')
  if (process.env.SHOUHOU_E2E_SHOTS) await g.screenshot('worker-detail')

  // The gate: the number masked on the record and in the list; no change.
  await g.signOut()
  await g.signIn('fengjun', 'demo12345')
  await waitForText('[data-test=welcome]', '欢迎')
  await browser.execute((h) => (location.hash = h), hash)
  await waitForText('[data-test=worker-id-number]', '110105********002X')
  assert.equal(await (await g.el('[data-test=worker-edit]')).isExisting(), false)
  await browser.execute(() => (location.hash = '#/contractor/workers'))
  await type('input[data-test=worker-search]', '11010519491231002X')
  await waitForText('[data-test=worker-table]', '刘秀兰')
  await waitForText('[data-test=worker-table]', '110105********002X')
  await waitForText('[data-test=worker-table]', '11010519491231002X', false)
  if (process.env.SHOUHOU_E2E_SHOTS) await g.screenshot('worker-list-gate')

  // The hiring department puts her on a demo engagement of a unit: she belongs to none, so only
  // with a note; the roster shows her masked number and the 跨单位 mark.
  await g.signOut()
  await g.signIn('zhengtao', 'demo12345')
  await waitForText('[data-test=welcome]', '欢迎')
  let found = false
  for (let id = 1; id <= 20 && !found; id++) {
    await browser.execute((h) => (location.hash = h), `#/contractor/engagements/${id}`)
    await browser.pause(800)
    found = await browser.execute(
      () => !!document.querySelector('[data-test=roster-pick-workers]') && document.querySelector('[data-test=engagement-number]')?.textContent.includes('WB-'),
    )
  }
  assert.ok(found, 'no open 外包工 engagement of 生产部 in the demo')
  await click('[data-test=roster-pick-workers]')
  // The filterable select's own input takes what is typed (the remote search).
  await click('[data-test=roster-worker-search]')
  await browser.pause(300)
  await browser.execute(() => {
    const input = document.querySelector('[data-test=roster-worker-search] input') ?? document.querySelector('input[data-test=roster-worker-search]')
    input.focus()
  })
  await browser.keys('刘秀兰')
  await browser.waitUntil(
    () => browser.execute(() => [...document.querySelectorAll('.el-select-dropdown__item')].some((o) => o.offsetParent && o.textContent.includes('刘秀兰'))),
    { timeout: 10000, timeoutMsg: 'the search did not offer 刘秀兰' },
  )
  await browser.execute(() => {
    ;[...document.querySelectorAll('.el-select-dropdown__item')].find((o) => o.offsetParent && o.textContent.includes('刘秀兰')).click()
  })
  await type('input[data-test=roster-unit-note]', '经安全管理部同意临时借用')
  if (process.env.SHOUHOU_E2E_SHOTS) await g.screenshot('roster-picker')
  await click('button[data-test=roster-add-workers]')
  await waitForText('[data-test=roster]', '刘秀兰')
  await waitForText('[data-test=roster]', '110105********002X')
  await waitForText('[data-test=roster]', '跨单位')
  if (process.env.SHOUHOU_E2E_SHOTS) await g.screenshot('roster-with-worker')
})
