// A paper questionnaire comes back: the after-sales clerk types its number on the entry screen,
// ticks the answers, saves, and the campaign's results (回收, NPS) change in the real window.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { connect, dataFolder, gestures } from './helpers.mjs'

const dataDir = dataFolder({ demo: true })
let browser
let g

before(async () => {
  browser = await connect(['--data-dir', dataDir])
  g = gestures(browser, 'survey')
})

after(async () => {
  await browser?.deleteSession()
  rmSync(dataDir, { recursive: true, force: true })
})

const el = (selector) => g.el(selector)
const click = (selector) => g.click(selector)
const textOf = (selector) => g.textOf(selector)
const waitForText = (selector, wanted, present) => g.waitForText(selector, wanted, present)

/** The open campaign's results page; its figures once shown. */
async function openResults() {
  await browser.execute(() => { location.hash = '#/surveys' })
  await waitForText('[data-test=survey-campaigns]', '重点客户满意度回访')
  const number = await browser.execute(() => {
    const row = [...document.querySelectorAll('[data-test=survey-campaigns] tr.el-table__row')].find((tr) => tr.textContent.includes('进行中'))
    return row?.querySelector('td')?.textContent?.trim() ?? ''
  })
  await click(`[data-test=survey-results-${number}]`)
  await (await el('[data-test=r-nps]')).waitForDisplayed({ timeout: 10000 })
  return { rate: await textOf('[data-test=r-rate]'), nps: await textOf('[data-test=r-nps]') }
}

test('enter a paper survey response by its number and see the results change', async () => {
  await g.loadDemo()
  await g.signIn('lina', 'demo12345')
  await (await el('[data-test=welcome]')).waitForDisplayed({ timeout: 10000 })

  // The demo's open campaign has two answers (NPS 9 and 6): +0.0.
  await waitForText('[data-test=sidebar]', '满意度调查')
  await click('[data-test=menu-surveys]')
  const before = await openResults()
  assert.equal(before.nps, '+0.0')

  // A sheet still out: its number from the response list (the printed number on paper).
  await click('#tab-responses')
  await waitForText('[data-test=r-responses]', '待回收')
  const number = await browser.execute(() => {
    const row = [...document.querySelectorAll('[data-test=r-responses] tr.el-table__row')].find((tr) => tr.textContent.includes('待回收'))
    return row?.querySelector('td')?.textContent?.trim() ?? ''
  })
  assert.match(number, /^WJ-\d{4}-\d{6}$/)

  // The entry screen: typed in lower case as a person might, Enter looks it up.
  await browser.execute(() => { location.hash = '#/surveys/entry' })
  await g.type('input[data-test=e-number]', number.toLowerCase())
  await browser.keys('Enter')
  await waitForText('[data-test=e-found-number]', number)
  for (const q of [1, 2, 3, 4]) await click(`[data-test=e-q-${q}-5]`)
  await click('[data-test=e-q-5-0]')
  await click('[data-test=e-q-6-10]')
  await click('[data-test=e-save]')
  await waitForText('.el-message', '保存成功')
  await waitForText('[data-test=e-response]', '已录入')

  // 3 answers now: 9, 6 and 10 → (2 − 1) / 3 = +33.3, and one more sheet back.
  const after = await openResults()
  assert.equal(after.nps, '+33.3')
  await browser.pause(500) // the charts animate in
  console.log(`results screen: ${await g.screenshot('survey-results')}`)
  assert.notEqual(after.rate, before.rate)
})
