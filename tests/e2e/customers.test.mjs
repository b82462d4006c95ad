// The customer archive in the real window, on its own data folder with the demo data.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { remote } from 'webdriverio'

const dataDir = mkdtempSync(join(tmpdir(), 'shouhou-e2e-'))
let browser

before(async () => {
  browser = await remote({
    hostname: '127.0.0.1',
    port: Number(process.env.TAURI_DRIVER_PORT ?? 4444),
    logLevel: 'warn',
    capabilities: {
      browserName: 'wry',
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application: process.env.SHOUHOU_APP_BINARY, args: ['--data-dir', dataDir] },
    },
  })
})

after(async () => {
  await browser?.deleteSession()
  rmSync(dataDir, { recursive: true, force: true })
})

const el = (selector) => browser.$(selector)
const textOf = (selector) => browser.execute((s) => document.querySelector(s)?.textContent ?? '', selector)

async function click(selector) {
  const node = await el(selector)
  await node.waitForClickable({ timeout: 10000 })
  await node.click()
}

async function type(selector, value) {
  const input = await el(selector)
  await input.waitForDisplayed({ timeout: 10000 })
  await input.click()
  await browser.keys(['Control', 'a'])
  await browser.keys('Backspace')
  await input.addValue(value)
}

async function waitForText(selector, wanted, present = true) {
  await browser.waitUntil(async () => (await textOf(selector)).includes(wanted) === present, {
    timeout: 10000,
    timeoutMsg: `${selector} ${present ? 'never showed' : 'still shows'} “${wanted}”`,
  })
}

test('demo data, then find, open and add customers', async () => {
  await click('button[data-test=load-demo]')
  await click('.el-message-box__btns .el-button--primary')
  await waitForText('[data-test=demo-accounts]', 'lina')

  await type('input[data-test=username]', 'lina')
  await type('input[data-test=password]', 'demo12345')
  await click('button[data-test=submit]')
  await click('[data-test=menu-customers]')
  await waitForText('[data-test=customer-total]', '共 12 条')

  // Two Chinese characters: the gram index, not trigram FTS.
  await type('input[data-test=customer-search]', '华泰')
  await waitForText('[data-test=customer-total]', '共 1 条')
  await waitForText('[data-test=customer-table]', '天津华泰机械有限公司')
  await waitForText('[data-test=customer-table]', '北京精工设备制造厂', false)

  await click('[data-test=customer-table] .el-link')
  await waitForText('[data-test=customer-name]', '天津华泰机械有限公司')
  await waitForText('[data-test=customer-contacts]', '13820001111')
  await waitForText('[data-test=customer-timeline]', '新增客户 KH000001')

  await click('[data-test=menu-customers]')
  await click('button[data-test=add-customer]')
  await type('input[data-test=c-name]', '沈阳北方重型机械有限公司')
  await click('button[data-test=c-add-contact]')
  await type('input[data-test=c-contact-name]', '韩冬')
  await type('input[data-test=c-contact-phone]', '024-88886666')
  await click('button[data-test=c-save]')
  await waitForText('[data-test=customer-name]', '沈阳北方重型机械有限公司')
  await waitForText('[data-test=customer-contacts]', '韩冬')

  await click('[data-test=menu-customers]')
  await type('input[data-test=customer-search]', '88886666')
  await waitForText('[data-test=customer-table]', 'KH000013')
})
