// Outside personnel in the real window (issue 9): the hiring department registers a 外包工
// engagement and hands in the eight documents; the safety department returns one; it is handed
// in again; the safety department approves (stamped and signed). Demo data provides the accounts.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { connect, dataFolder, gestures } from './helpers.mjs'

const dataDir = dataFolder({ demo: true })
let browser
let g

before(async () => {
  browser = await connect(['--data-dir', dataDir])
  g = gestures(browser, 'contractor')
})

after(async () => {
  await browser?.deleteSession()
  rmSync(dataDir, { recursive: true, force: true })
})

const click = (selector) => g.click(selector)
const type = (selector, value) => g.type(selector, value)
const waitForText = (selector, wanted, present) => g.waitForText(selector, wanted, present)

/** Clicks the option of the open select dropdown whose text contains `text`. */
async function pickOption(text) {
  await browser.waitUntil(
    () =>
      browser.execute(
        (t) => [...document.querySelectorAll('.el-select-dropdown__item')].some((o) => o.offsetParent && o.textContent.includes(t)),
        text,
      ),
    { timeout: 5000, timeoutMsg: `no option ${text}` },
  )
  await browser.pause(300)
  await browser.execute((t) => {
    ;[...document.querySelectorAll('.el-select-dropdown__item')].find((o) => o.offsetParent && o.textContent.includes(t)).click()
  }, text)
}

async function go(hash) {
  await browser.execute((h) => (location.hash = h), hash)
}

const KINDS = [
  'contract',
  'labour_application',
  'labour_approval',
  'security_agreement',
  'safety_agreement',
  'construction_plan',
  'safety_briefing',
  'qualification',
]

async function handIn(kind) {
  await click(`[data-test=upload-${kind}]`)
  await click('[data-test=upload-pick]')
  await waitForText('[data-test=upload-dialog]', '检测报告.pdf')
  await click('[data-test=upload-confirm]')
  await waitForText(`[data-test=item-state-${kind}]`, '已交')
  await browser.waitUntil(
    () => browser.execute(() => [...document.querySelectorAll('.el-overlay')].every((o) => getComputedStyle(o).display === 'none')),
    { timeout: 5000, timeoutMsg: 'the upload dialog stayed open' },
  )
}

/** Signs in as `username`; `home` is a check of the home page before going to `hash`. */
async function as(username, hash, home = async () => {}) {
  await g.signOut()
  await g.signIn(username, 'demo12345')
  await waitForText('[data-test=welcome]', '欢迎')
  await home()
  await go(hash)
}

test('a 外包工 package from registration through a returned document to approval', async () => {
  await g.loadDemo('zhengtao')
  await g.signIn('zhengtao', 'demo12345')

  await click('[data-test=menu-contractor] .el-sub-menu__title')
  await click('[data-test=menu-engagements]')
  await waitForText('[data-test=engagement-table]', 'WB-')

  // Register: 外包工 (the default), the unit, the project, the dates, the undertaking.
  await click('button[data-test=add-engagement]')
  await click('[data-test=engagement-unit]')
  await pickOption('天津宏远建筑工程有限公司')
  await type('input[data-test=engagement-title]', '焦化厂煤气管道带压堵漏')
  await type('textarea[data-test=engagement-content]', '煤气管道带压堵漏及更换阀门')
  await type('input[data-test=engagement-place]', '焦化厂煤气区域')
  await g.pickDate(['[data-test=engagement-form] .el-range-input:nth-of-type(1)', '[data-test=engagement-form] .el-range-input:nth-of-type(2)'], ['2026-12-10', '2027-01-20'])
  await click('[data-test=engagement-no-subcontracting]')
  await click('button[data-test=engagement-save]')
  await waitForText('[data-test=engagement-number]', '焦化厂煤气管道带压堵漏')
  await waitForText('[data-test=engagement-state]', '资料准备')
  const number = (await g.textOf('[data-test=engagement-number]')).trim().split(' ')[0]
  assert.match(number, /^WB-\d{4}-\d{4}$/)
  const hash = await browser.execute(() => location.hash)

  // Starting before approval is refused in the rule's words (no button: the state says so).
  assert.equal(await (await g.el('[data-test=start-engagement]')).isExisting(), false)

  for (const kind of KINDS) await handIn(kind)
  await click('[data-test=submit-engagement]')
  await waitForText('[data-test=engagement-state]', '待审核')

  // The safety department returns the construction plan with its reason.
  await as('wumin', hash)
  await waitForText('[data-test=engagement-number]', number)
  await click('[data-test=return-construction_plan]')
  await type('.el-message-box__input input', '缺少煤气区域防中毒措施')
  await g.confirmBox()
  await waitForText('[data-test=engagement-state]', '已退回')
  await waitForText('[data-test=item-construction_plan]', '退回原因:缺少煤气区域防中毒措施')

  // The hiring department hands it in again and resubmits.
  await as('zhengtao', hash)
  await waitForText('[data-test=item-state-construction_plan]', '退回')
  await handIn('construction_plan')
  await click('[data-test=submit-engagement]')
  await waitForText('[data-test=engagement-state]', '待审核')

  // The safety department approves: stamped and signed, who and when.
  // It waits on the safety department's workbench.
  await as('wumin', hash, () => waitForText('[data-test=work-review]', number))
  await waitForText('[data-test=engagement-number]', number)
  await click('[data-test=approve-engagement]')
  await g.confirmBox()
  await waitForText('[data-test=engagement-state]', '已审批')
  await waitForText('[data-test=stamp]', '安全管理部 审查合格')
  await waitForText('[data-test=stamp]', '吴敏')
  for (const kind of KINDS) await waitForText(`[data-test=item-state-${kind}]`, '已审核')
  if (process.env.SHOUHOU_E2E_SHOTS) await g.screenshot('contractor-approved')
  await waitForText('[data-test=engagement-timeline]', '盖章确认')

  // Print the agreement: the preview draws its pages (four copies), the first print fixes the
  // template version, and it is saved as a PDF.
  await click('[data-test=print-agreement]')
  await browser.waitUntil(async () => Number(await browser.execute(() => document.querySelector('[data-test=pdf-pages]')?.dataset.pages ?? 0)) >= 4, {
    timeout: 20000,
    timeoutMsg: 'the agreement preview did not draw its pages',
  })
  await waitForText('[data-test=engagement-timeline]', '首次打印安全协议书')
  await click('[data-test=preview-save]')
  const saved = join(process.env.SHOUHOU_TEST_SAVE_DIR, `${number}-外用(包)工安全协议书.pdf`)
  await browser.waitUntil(() => existsSync(saved), { timeout: 10000, timeoutMsg: `no ${saved}` })
  assert.ok(statSync(saved).size > 10000)
})
