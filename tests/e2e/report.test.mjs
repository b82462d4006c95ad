// The after-sales manager's month-end duty in the real window: the dashboard shows the report
// countdown and the open work, last month's report (the test computes "last month" itself, in the
// company's time zone) is generated, previewed as the A4 PDF and submitted (报送).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { connect, dataFolder, gestures } from './helpers.mjs'

const dataDir = dataFolder({ demo: true })
let browser
let g

before(async () => {
  browser = await connect(['--data-dir', dataDir])
  g = gestures(browser, 'report')
})

after(async () => {
  await browser?.deleteSession()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Last month in Shanghai as the report names it: "2026-10". */
function lastMonth(now = new Date()) {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(now)
    .split('-')
    .map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

test('the dashboard counts down to last month’s report, which is previewed and submitted', async () => {
  await g.loadDemo('zhaoqiang')
  await g.signIn('zhaoqiang', 'demo12345')
  await (await g.el('[data-test=manager-dashboard]')).waitForDisplayed({ timeout: 10000 })
  const month = lastMonth()
  const label = `${month.slice(0, 4)}年${Number(month.slice(5))}月报表`
  await g.waitForText('[data-test=dash-countdown]', label)
  assert.match(await g.textOf('[data-test=dash-countdown]'), /剩|已逾期/)
  assert.match(await g.textOf('[data-test=dash-open]'), /\d+/)
  await g.screenshot('dashboard')

  // The countdown opens last month's report.
  await g.click('[data-test=dash-countdown]')
  await g.waitForText('[data-test=report-rate]', '投诉件数 ÷ 发货次数')
  await g.waitForText('[data-test=not-submitted]', '未报送')
  assert.match(await g.textOf('[data-test=report-received]'), /投诉 \d+ 件/)
  assert.match(await g.textOf('[data-test=report-rate-value]'), /%|无发货数据/)

  await g.click('button[data-test=report-preview]')
  await browser.waitUntil(
    () => browser.execute(() => Number(document.querySelector('[data-test=pdf-pages]')?.getAttribute('data-pages') ?? 0)),
    { timeout: 15000, timeoutMsg: 'the preview drew no pages' },
  )
  await g.screenshot('report-preview')
  await browser.keys('Escape')

  await g.click('button[data-test=report-submit]')
  await g.click('button[data-test=report-submit-confirm]')
  await g.waitForText('[data-test=revision-1]', '第1版')
  assert.match(await g.textOf('[data-test=revision-1]'), /按时|逾期/)
  await g.screenshot('report-page')
})
