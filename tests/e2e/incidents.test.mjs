// Incidents in the real window (issue 10): the safety department sees the open accident with its
// running clock on the workbench, records the report (the clock stops: 已于 HH:MM 上报), reads the
// violations with their total, and finds the deposit ledger on the engagement page, where a
// deduction above the balance is refused with the balance in the message. Demo data.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { connect, dataFolder, gestures } from './helpers.mjs'

const dataDir = dataFolder({ demo: true })
let browser
let g

before(async () => {
  browser = await connect(['--data-dir', dataDir])
  g = gestures(browser, 'incidents')
})

after(async () => {
  await browser?.deleteSession()
  rmSync(dataDir, { recursive: true, force: true })
})

const shots = !!process.env.SHOUHOU_E2E_SHOTS
const go = (hash) => browser.execute((h) => (location.hash = h), hash)

test('an accident clock, the report, the violations and the deposit ledger', async () => {
  await g.loadDemo('wumin')
  await g.signIn('wumin', 'demo12345')

  // The workbench: the open accident with its clock (30 minutes before the demo's now, ticking).
  await g.waitForText('[data-test=work-accidents]', 'SG-')
  await g.waitForText('[data-test=work-accidents]', '王小虎')
  await g.waitForText('[data-test=work-deposits]', '在押的安全风险抵押金(1 个项目')
  if (shots) await g.screenshot('incidents-workbench')

  await go('#/contractor/accidents')
  await g.waitForText('[data-test=accident-table]', '王小虎')
  await browser.execute(() => {
    ;[...document.querySelectorAll('[data-test=accident-table] tr')].find((r) => r.textContent.includes('王小虎')).querySelector('a').click()
  })
  await g.waitForText('[data-test=accident-state]', '待上报')
  await g.waitForText('[data-test=accident-route]', '安全管理部')
  const before = await g.textOf('[data-test=clock-figure]')
  assert.match(before, /^\d{2}:\d{2}$/, before)
  await browser.pause(2100)
  assert.notEqual(await g.textOf('[data-test=clock-figure]'), before, 'the clock ticks')
  if (shots) await g.screenshot('incidents-clock')

  await g.click('[data-test=accident-report]')
  await g.click('[data-test=report-confirm]')
  await g.waitForText('[data-test=accident-state]', '已上报')
  await g.waitForText('[data-test=clock-figure]', '上报(用时')

  // 违规考核: the demo's three, their penalties totalled.
  await go('#/contractor/violations')
  await g.waitForText('[data-test=violation-table]', '高处作业未系安全带')
  await g.waitForText('[data-test=penalty-total]', '1,700.00 元')

  // The deposit ledger on the engagement page: a deduction above the balance is refused.
  await browser.execute(() => (location.hash = '#/'))
  await g.waitForText('[data-test=work-deposits]', '元')
  await browser.execute(() => document.querySelector('[data-test=work-deposits] tbody tr td').click())
  await g.waitForText('[data-test=deposit-card]', '余额')
  await g.waitForText('[data-test=deposit-entries]', '违规考核:高处作业未系安全带')
  await g.click('[data-test=deposit-deduct]')
  await g.type('[data-test=deposit-amount] input', '999999')
  await g.type('input[data-test=deposit-reason]', '测试')
  await g.click('[data-test=deposit-confirm]')
  await g.waitForText('[data-test=deposit-dialog]', '超过抵押金余额')
  if (shots) await g.screenshot('incidents-deposit')
})
