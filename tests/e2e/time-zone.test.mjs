// The company's time zone in a window whose process runs in UTC (scripts/e2e.sh starts the app
// with TZ=UTC): a complaint received at 23:30 company time (Asia/Shanghai, UTC+8) on the last day
// of a month is 15:30Z that day. It must be shown, filtered and exported on that day, not on the
// next one (as a UI that formats or picks in the computer's zone would) nor at 15:30.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, rmSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { connect, dataFolder, gestures } from './helpers.mjs'

const dataDir = dataFolder({ demo: true })
let browser
let g

before(async () => {
  browser = await connect(['--data-dir', dataDir])
  g = gestures(browser, 'time-zone')
})

after(async () => {
  await browser?.deleteSession()
  rmSync(dataDir, { recursive: true, force: true })
})

const DAY_MS = 86400000
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10)

// The last day of the month before today in Shanghai: never in the future, whatever the date.
const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).split('-').map(Number)
const lastDay = Date.UTC(year, month - 1, 0) // day 0 of this month
const day = isoDay(lastDay)
const nextDay = isoDay(lastDay + DAY_MS)
const wallTime = `${day} 23:30`
/** The same instant in UTC: Shanghai keeps UTC+8 all year. */
const receivedUtc = `${day}T15:30:00.000Z`
/** What Excel stores for the wall time: days since 1899-12-30, the fraction the time of day. */
const expectedSerial = (lastDay + (23.5 * DAY_MS) / 24 - Date.UTC(1899, 11, 30)) / DAY_MS

/** The cells of the first worksheet of an .xlsx, as rows of { ref, value, type, style }. */
function readSheet(path) {
  const part = (name) => {
    try {
      return execFileSync('unzip', ['-p', path, name]).toString()
    } catch {
      return ''
    }
  }
  const unescape = (t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
  const texts = (xml) => [...xml.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((m) => unescape(m[1])).join('')
  const shared = [...part('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]))
  const rows = []
  for (const row of part('xl/worksheets/sheet1.xml').matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells = []
    for (const c of row[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const [, column, attrs, body = ''] = c
      const type = /\bt="(\w+)"/.exec(attrs)?.[1] ?? 'n'
      const style = Number(/\bs="(\d+)"/.exec(attrs)?.[1] ?? 0)
      const v = /<v>([^<]*)<\/v>/.exec(body)?.[1]
      const value = type === 's' ? shared[Number(v)] : type === 'inlineStr' ? texts(body) : type === 'n' ? Number(v) : v
      cells.push({ column, value, type, style })
    }
    rows.push(cells)
  }
  // The number format of each cell style, for telling a typed date from a number.
  const styles = part('xl/styles.xml')
  const formats = Object.fromEntries([...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((m) => [m[1], unescape(m[2])]))
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? ''
  const styleFormats = [...xfs.matchAll(/<xf [^>]*?numFmtId="(\d+)"/g)].map((m) => formats[m[1]] ?? `builtin ${m[1]}`)
  return { rows, styleFormats }
}

test('a complaint at 23:30 company time on the last day of a month is shown, filtered and exported on that day', async () => {
  // The premise: the window's process is in UTC, not in the company's zone.
  assert.equal(await browser.execute(() => new Date().getTimezoneOffset()), 0, 'scripts/e2e.sh starts the app with TZ=UTC')
  assert.equal(new Date(`${wallTime}:00+08:00`).toISOString(), receivedUtc)

  await g.loadDemo()
  await g.signIn('lina', 'demo12345')
  await (await g.el('[data-test=welcome]')).waitForDisplayed({ timeout: 10000 })

  // Registered through the form, the time typed into the date-time picker.
  await g.click('[data-test=menu-complaints]')
  await g.click('button[data-test=register-complaint]')
  await g.click('[data-test=r-customer]')
  await browser.keys('华泰')
  await g.option('li[data-test=customer-KH000001]')
  await g.pickDate('[data-test=register-form] .el-date-editor--datetime input' /* 投诉时间: the form's one date-time picker */, wallTime)
  await g.type('textarea[data-test=r-description]', '月末深夜来电:油泵异响。')
  await g.type('input[data-test=l-order]', 'SO-TZ-0001')
  await g.type('input[data-test=l-part]', 'YB-40')
  await g.type('[data-test=l-qty] input', '5')
  await g.type('[data-test=l-defective] input', '1')
  await g.click('button[data-test=r-save]')
  await g.waitForText('[data-test=complaint-number]', 'KS-')
  const number = (await g.textOf('[data-test=complaint-number]')).trim()
  // Numbered by the year of the company's day (a 31 December complaint belongs to that year).
  assert.match(number, new RegExp(`^KS-${day.slice(0, 4)}-\\d{4}$`))

  // Shown: the complaint page and the list row read the company's wall time.
  await g.waitForText('.page-card.head', `投诉时间 ${wallTime}`)
  await g.click('[data-test=menu-complaints]')
  await g.type('input[data-test=complaint-search]', number)
  await g.waitForText('[data-test=complaint-total]', '共 1 条')
  assert.equal(await g.cellOf('[data-test=complaint-table]', number, '投诉时间'), wallTime)

  // Filtered: the day's range finds it, the next day's does not.
  const range = ['[data-test=list-search] .el-range-input:nth-of-type(1)', '[data-test=list-search] .el-range-input:nth-of-type(2)']
  await g.pickDate(range, [nextDay, nextDay])
  await g.waitForText('[data-test=complaint-table]', '没有符合条件的投诉')
  assert.equal(await g.cellOf('[data-test=complaint-table]', number, '投诉时间'), null)
  await g.pickDate(range, [day, day])
  await g.waitForText('[data-test=complaint-table]', number)
  assert.equal(await g.cellOf('[data-test=complaint-table]', number, '投诉时间'), wallTime)

  // Exported with the list's filters: the 投诉日期 cell is a typed date-time of that wall time.
  const saveDir = process.env.SHOUHOU_TEST_SAVE_DIR
  const exported = () => readdirSync(saveDir).filter((f) => /^客户投诉登记表-.*\.xlsx$/.test(f))
  assert.deepEqual(exported(), [])
  await g.click('button[data-test=export-complaints]')
  await g.waitForText('body', '已导出 1 条投诉') // written in full
  const [file] = exported()
  assert.ok(file, `an export in ${saveDir}`)
  const { rows, styleFormats } = readSheet(join(saveDir, file))
  const header = rows.findIndex((cells) => cells.some((c) => c.value === '投诉编号'))
  assert.ok(header >= 0, 'a header row with 投诉编号')
  const columnOf = (name) => rows[header].find((c) => c.value === name)?.column
  const numberColumn = columnOf('投诉编号')
  const dateColumn = columnOf('投诉日期')
  assert.ok(dateColumn, 'a 投诉日期 column')
  const row = rows.find((cells) => cells.some((c) => c.column === numberColumn && c.value === number))
  assert.ok(row, `a row for ${number}`)
  const cell = row.find((c) => c.column === dateColumn)
  assert.equal(cell?.type, 'n', `投诉日期 is a number, not text: ${JSON.stringify(cell)}`)
  assert.match(styleFormats[cell.style] ?? '', /yy.*hh?:mm/, 'formatted as a date-time')
  assert.ok(Math.abs(cell.value - expectedSerial) < 1e-6, `投诉日期 ${cell.value}, wanted ${expectedSerial} (${wallTime})`)
})
