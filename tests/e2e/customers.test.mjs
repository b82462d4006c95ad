// The customer archive in the real window, on its own data folder with the demo data.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect, gestures } from './helpers.mjs'

const dataDir = mkdtempSync(join(tmpdir(), 'shouhou-e2e-'))
let browser
let g

before(async () => {
  browser = await connect(['--data-dir', dataDir])
  g = gestures(browser, 'customers')
})

after(async () => {
  await browser?.deleteSession()
  rmSync(dataDir, { recursive: true, force: true })
})

const textOf = (selector) => g.textOf(selector)
const click = (selector) => g.click(selector)
const type = (selector, value) => g.type(selector, value)
const waitForText = (selector, wanted, present) => g.waitForText(selector, wanted, present)

test('demo data, then find, open and add customers', async () => {
  await g.loadDemo()

  await g.signIn('lina', 'demo12345')
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
