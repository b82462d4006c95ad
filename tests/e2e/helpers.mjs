// Shared steps for the end-to-end tests: a WebDriver session on the release binary (through
// tauri-driver, started by scripts/e2e.sh) and the few gestures the tests use.
import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { remote } from 'webdriverio'

/**
 * A fresh data folder for one test file. With `demo`, it holds the demo data: a copy of the
 * folder scripts/e2e.sh loads once with the command line (SHOUHOU_E2E_DEMO) — loading it through
 * the sign-in screen took seconds of every file's time in a debug build. Without that folder the
 * data is loaded through the screen (`loadDemo`), as customers.test.mjs always does.
 */
export function dataFolder({ demo = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'shouhou-e2e-'))
  if (demo && process.env.SHOUHOU_E2E_DEMO) cpSync(process.env.SHOUHOU_E2E_DEMO, dir, { recursive: true })
  return dir
}

/** Starts the app; `args` go to the binary (e.g. ['--data-dir', dir]); `port` is the
 *  tauri-driver's (two-desks runs one per desk). */
export function connect(args = [], port = process.env.TAURI_DRIVER_PORT ?? 4444) {
  return remote({
    hostname: '127.0.0.1',
    port: Number(port),
    logLevel: 'warn',
    capabilities: {
      browserName: 'wry',
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application: process.env.SHOUHOU_APP_BINARY, args },
    },
  })
}

export function gestures(browser, name) {
  const el = (selector) => browser.$(selector)
  // DOM text (textContent): WebKitWebDriver's rendered-text command skips some table cells.
  const textOf = (selector) => browser.execute((s) => document.querySelector(s)?.textContent ?? '', selector)

  // Element Plus re-renders table rows and poppers as they settle; a reference found a moment
  // too early goes stale, so look the element up again before giving up.
  async function click(selector) {
    for (let attempt = 1; ; attempt++) {
      try {
        const node = await el(selector)
        await node.waitForClickable({ timeout: 5000 })
        await node.click()
        return
      } catch (e) {
        if (attempt === 3) throw e
        await browser.pause(300)
      }
    }
  }

  // clearValue() does not fire the input event Vue listens to; select-all and delete does.
  async function type(selector, value) {
    const input = await el(selector)
    await input.waitForDisplayed({ timeout: 10000 })
    await input.click()
    await browser.keys(['Control', 'a'])
    await browser.keys('Backspace')
    await input.addValue(value)
  }

  /**
   * Saves a screenshot to the artifacts folder. Without GPU compositing the window paints only
   * when something changes, and WebKitWebDriver's screenshot waits for a paint: a page at rest
   * would hang it. A 1-pixel animation in a corner keeps frames coming.
   */
  async function screenshot(name) {
    await browser.execute(() => {
      if (document.getElementById('e2e-paint')) return
      const style = document.createElement('style')
      style.textContent =
        '@keyframes e2e-paint { to { opacity: 0.5 } } #e2e-paint { position: fixed; right: 0; bottom: 0; width: 1px;' +
        ' height: 1px; background: #fff; pointer-events: none; animation: e2e-paint 0.2s infinite alternate }'
      document.head.appendChild(style)
      const dot = document.createElement('div')
      dot.id = 'e2e-paint'
      document.body.appendChild(dot)
    })
    await browser.pause(700) // the window paints a moment after the DOM changes
    const path = `${process.env.SHOUHOU_E2E_ARTIFACTS ?? '/tmp'}/e2e-${name}.png`
    await browser.saveScreenshot(path)
    return path
  }

  /** `timeout` is longer only for work that takes long in a debug build on a busy machine
   *  (loading the demo data while another shard's window runs beside it). */
  async function waitForText(selector, wanted, present = true, timeout = 10000) {
    try {
      await browser.waitUntil(async () => (await textOf(selector)).includes(wanted) === present, {
        timeout,
        timeoutMsg: `${selector} ${present ? 'never showed' : 'still shows'} “${wanted}”`,
      })
    } catch (e) {
      const shot = await screenshot(`${name}-failure`).catch(() => '(none)')
      console.log(`screenshot: ${shot}\npage text: ${await textOf('body').catch(() => '?')}`)
      throw e
    }
  }

  /** Clicks an option of the open select popper. */
  /** Sees that the demo data is there (loading it from the sign-in screen if the folder does not
   *  hold it yet) and waits for its accounts to be listed. */
  async function loadDemo(account = 'lina') {
    // The sign-in screen shows either the demo's accounts (the folder holds it already) or the
    // button that loads it.
    const loaded = () => el('[data-test=demo-accounts]').then((n) => n.isExisting())
    await browser.waitUntil(async () => (await loaded()) || (await el('button[data-test=load-demo]')).isDisplayed(), {
      timeout: 15000,
      timeoutMsg: 'neither the demo accounts nor the button to load them were shown',
    })
    if (!(await loaded())) {
      await click('button[data-test=load-demo]')
      await confirmBox()
    }
    await waitForText('[data-test=demo-accounts]', account, true, 60000)
  }

  async function option(selector) {
    const item = `.el-select-dropdown ${selector}`
    await (await el(item)).waitForDisplayed({ timeout: 5000 })
    await browser.pause(300) // as for menus: let the popper finish opening
    await click(item)
  }

  const confirmBox = () => click('.el-message-box__btns .el-button--primary')

  async function signIn(username, password) {
    await type('input[data-test=username]', username)
    await type('input[data-test=password]', password)
    await click('button[data-test=submit]')
  }

  /**
   * Opens a dropdown and picks an item. An item clicked while its menu is still opening can be
   * ignored (the window paints the opening on the CPU), so wait for the menu to settle first.
   */
  async function menu(trigger, item) {
    await click(trigger)
    await (await el(item)).waitForDisplayed({ timeout: 5000 })
    await browser.pause(400)
    await click(item)
  }

  // A dialog that has just closed still fades out over the header, and a dropdown item clicked
  // while its menu is still opening is ignored: wait for overlays to go, and try the menu again
  // if the sign-in page does not come.
  async function signOut() {
    await browser.waitUntil(
      () => browser.execute(() => [...document.querySelectorAll('.el-overlay')].every((o) => getComputedStyle(o).display === 'none')),
      { timeout: 5000, timeoutMsg: 'a dialog stayed open' },
    )
    for (let attempt = 1; ; attempt++) {
      await menu('[data-test=current-user]', '[data-test=sign-out]')
      try {
        await (await el('input[data-test=username]')).waitForDisplayed({ timeout: 4000 })
        return
      } catch (e) {
        if (attempt === 3) throw e
        await browser.keys('Escape')
        await browser.pause(300)
      }
    }
  }

  // Element Plus keeps every picker's popper in the page, hidden with display: none.
  const pickerOpen = () =>
    browser.execute(() => [...document.querySelectorAll('.el-picker__popper')].some((p) => getComputedStyle(p).display !== 'none'))

  /**
   * Types into the date or date-time picker input(s) at `selectors` (one, or the start and end
   * inputs of a range) and confirms with Enter, as a user typing does. The first keystroke opens
   * the popper; an Enter that comes while it is still opening only opens it, so wait for it to
   * settle first, and for it to close after.
   */
  async function pickDate(selectors, values) {
    selectors = [selectors].flat()
    values = [values].flat()
    for (let i = 0; i < selectors.length; i++) await type(selectors[i], values[i])
    await browser.waitUntil(pickerOpen, { timeout: 5000, timeoutMsg: 'the picker did not open' })
    await browser.pause(300)
    await browser.keys('Enter')
    await browser.waitUntil(async () => !(await pickerOpen()), { timeout: 5000, timeoutMsg: `the picker did not take ${values.join(' – ')}` })
    for (let i = 0; i < selectors.length; i++) {
      const shown = await (await el(selectors[i])).getValue()
      if (shown !== values[i]) throw new Error(`the picker shows “${shown}”, not “${values[i]}”`)
    }
  }

  /** The text of the cell under `header` in the row of the table at `table` that contains `rowText`; null without that row. */
  const cellOf = (table, rowText, header) =>
    browser.execute(
      (t, r, h) => {
        const root = document.querySelector(t)
        const heads = [...root.querySelectorAll('.el-table__header-wrapper th')].map((th) => th.textContent.trim())
        const row = [...root.querySelectorAll('.el-table__body-wrapper tr.el-table__row')].find((tr) => tr.textContent.includes(r))
        const i = heads.indexOf(h)
        if (i < 0) throw new Error(`no column ${h} in ${heads.join(', ')}`)
        return row ? row.children[i].textContent.trim() : null
      },
      table,
      rowText,
      header,
    )

  return { el, textOf, click, type, waitForText, loadDemo, option, confirmBox, signIn, signOut, menu, screenshot, pickDate, cellOf }
}
