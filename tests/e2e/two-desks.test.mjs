// Company mode in real windows: one `shouhou serve` on a temporary data folder with the demo
// company, two app instances as two desks (own data folders, own WebDriver ports; started by
// scripts/e2e-two-desks.sh). Desk A connects through the first screen after comparing the
// fingerprint, registers a serious complaint with two files (uploaded to the server); the 技术部
// user at desk B signs it and desk A sees the signature; a concurrent edit is refused; the server
// restarts while desk A saves and desk A carries on; a changed certificate is refused, and the app
// is refused on the server's own data folder.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { execFileSync, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect, gestures } from './helpers.mjs'

const shouhou = process.env.SHOUHOU_CLI_BINARY
const work = mkdtempSync(join(tmpdir(), 'shouhou-two-desks-'))
const serverDir = join(work, 'server')
let server = null
let address = ''
let fingerprint = ''
let a, b // browsers
let ga, gb // their gestures

/** Starts `shouhou serve` on the server folder (on `listen`), resolving with what it printed. */
function serve(listen) {
  return new Promise((resolve, reject) => {
    const child = spawn(shouhou, ['--data-dir', serverDir, 'serve', '--listen', listen], { stdio: ['ignore', 'pipe', 'pipe'] })
    const printed = []
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${printed.join('\n')} ${stderr}`)))
    createInterface({ input: child.stdout }).on('line', (line) => {
      printed.push(line)
      if (line.startsWith('按 Ctrl+C')) {
        const text = printed.join('\n')
        const addr = text.match(/公司服务器已启动:https:\/\/(\S+)/)[1]
        const fp = printed.map((l) => l.trim()).find((l) => /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/.test(l))
        child.removeAllListeners('exit')
        resolve({ child, addr, fp })
      }
    })
  })
}

async function stopServer() {
  const child = server
  server = null
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

before(async () => {
  execFileSync(shouhou, ['--data-dir', serverDir, 'demo-data'], { stdio: 'ignore' })
  const started = await serve('127.0.0.1:0')
  ;({ child: server, addr: address, fp: fingerprint } = started)
  a = await connect(['--data-dir', join(work, 'desk-a')], process.env.TAURI_DRIVER_PORT_A)
  ga = gestures(a, 'desk-a')
  b = await connect(['--data-dir', join(work, 'desk-b')], process.env.TAURI_DRIVER_PORT_B)
  gb = gestures(b, 'desk-b')
})

after(async () => {
  await a?.deleteSession().catch(() => {})
  await b?.deleteSession().catch(() => {})
  if (server) await stopServer()
  rmSync(work, { recursive: true, force: true })
})

/** 连接公司服务器 on the first screen: the fingerprint shown must be the one serve printed. */
async function connectDesk(g) {
  await g.click('[data-test=mode-server]')
  await g.type('input[data-test=server-address]', address)
  await g.click('button[data-test=probe]')
  await g.waitForText('[data-test=server-fingerprint]', fingerprint)
  await g.waitForText('[data-test=server-company]', '天津示例机械有限公司')
  await g.click('button[data-test=connect]')
  await (await g.el('input[data-test=username]')).waitForDisplayed({ timeout: 10000 })
}

async function signIn(g, username) {
  await g.signIn(username, 'demo12345')
  await (await g.el('[data-test=welcome]')).waitForDisplayed({ timeout: 10000 })
}

async function openComplaint(browser, g, id) {
  await browser.execute((i) => { location.hash = `#/complaints/${i}` }, id)
  await (await g.el('[data-test=complaint-number]')).waitForDisplayed({ timeout: 10000 })
}

async function command(g, name, expectedState) {
  await g.click(`button[data-test=cmd-${name}]`)
  await g.waitForText('.el-message-box__btns', '确定')
  await g.confirmBox()
  await g.waitForText('[data-test=complaint-state]', expectedState)
}

test('two desks on one company server', async () => {
  await connectDesk(ga)
  await connectDesk(gb)

  // Desk A: 李娜 registers a serious complaint with a photo and a scan (uploaded to the server).
  await signIn(ga, 'lina')
  await ga.click('[data-test=menu-complaints]')
  await ga.click('button[data-test=register-complaint]')
  await ga.click('[data-test=r-customer]')
  await a.keys('华泰')
  await ga.option('li[data-test=customer-KH000001]')
  await ga.type('textarea[data-test=r-description]', '液压站油泵噪声大,油温升高。')
  await ga.type('textarea[data-test=r-demand]', '更换油泵')
  await ga.click('[data-test=severity-serious]')
  await ga.type('input[data-test=l-order]', 'SO-2026-1101')
  await ga.type('input[data-test=l-part]', 'YB-40')
  await ga.type('[data-test=l-ship] input', '2026-11-01')
  await a.keys('Enter')
  await ga.type('[data-test=l-qty] input', '20')
  await ga.type('[data-test=l-defective] input', '2')
  await ga.click('button[data-test=r-add-files]')
  await ga.waitForText('.files', '检测报告.pdf')
  await ga.click('button[data-test=r-save]')
  await ga.waitForText('[data-test=complaint-number]', 'KS-')
  const id = Number((await a.getUrl()).split('/').pop())
  await ga.waitForText('[data-test=attachments]', '检测报告.pdf')
  // The thumbnail was made on the server and comes back from it.
  await a.waitUntil(() => a.execute(() => document.querySelector('[data-test=attachments] img')?.naturalWidth ?? 0), {
    timeout: 10000,
    timeoutMsg: 'no thumbnail from the server',
  })

  await ga.type('input[data-test=k-summary]', '已受理,明天派技术员上门。')
  await ga.click('button[data-test=k-add]')
  await ga.waitForText('[data-test=contacts]', '明天派技术员上门')
  await command(ga, 'start_analysis', '分析核实')
  await ga.type('textarea[data-test=a-cause]', '油泵吸油口密封圈装配不到位。')
  await ga.click('[data-test=a-cause-code]')
  await ga.option('li[data-test="cause-生产工艺"]')
  await ga.click('[data-test=a-ours]')
  await ga.click('button[data-test=a-add-share]')
  await ga.click('[data-test=a-share-dept]')
  await ga.option('li[data-test="share-dept-生产部"]')
  await ga.click('button[data-test=a-save]')
  await (await ga.el('[data-test=remedy-form]')).waitForDisplayed({ timeout: 10000 })
  await ga.click('[data-test=m-remedy]')
  await ga.option('li[data-test=remedy-exchange]')
  await ga.waitForText('[data-test=m-departments]', '生产部')
  await ga.click('button[data-test=m-save]')
  await ga.click('button[data-test=n-agree]')
  await ga.waitForText('[data-test=negotiation]', '李娜')
  await ga.type('input[data-test=n-contact]', '王工')
  await ga.type('input[data-test=n-summary]', '客户同意更换油泵。')
  await ga.click('button[data-test=n-save-agreement]')
  await ga.waitForText('[data-test=negotiation]', '客户同意更换油泵')

  // Desk B: 生产部 and 技术部 propose their measures, 业务部 agrees — at their own desk.
  for (const [user, measures] of [['zhoulei', '油泵装配增加密封圈检查。'], ['sunwei', '修订吸油口密封结构。']]) {
    await signIn(gb, user)
    await openComplaint(b, gb, id)
    await gb.type('textarea[data-test=n-measures]', measures)
    await gb.click('button[data-test=n-save-measures]')
    await gb.waitForText('[data-test=negotiation]', measures)
    await gb.signOut()
  }
  await signIn(gb, 'chenchen')
  await openComplaint(b, gb, id)
  await gb.click('button[data-test=n-agree]')
  await gb.waitForText('[data-test=negotiation]', '陈晨')
  await gb.signOut()

  // Desk A submits for sign-off (its page is stale: refresh first, as a user would).
  await openComplaint(a, ga, id)
  await a.refresh()
  await (await ga.el('[data-test=complaint-number]')).waitForDisplayed({ timeout: 10000 })
  await command(ga, 'submit_for_approval', '方案会签')

  // Desk B: 孙伟 (技术部) signs.
  await signIn(gb, 'sunwei')
  await openComplaint(b, gb, id)
  await gb.click('[data-test=sign-approve]')
  await gb.confirmBox()
  await gb.waitForText('[data-test=approvals]', '孙伟')

  // Desk A sees the signature.
  await a.refresh()
  await (await ga.el('[data-test=complaint-number]')).waitForDisplayed({ timeout: 10000 })
  await ga.waitForText('[data-test=approvals]', '孙伟')
  await gb.signOut()

  // A concurrent edit: both desks open the same customer; B saves first, A is refused.
  await signIn(gb, 'chenchen')
  for (const [browser, g] of [[a, ga], [b, gb]]) {
    await browser.execute(() => { location.hash = '#/customers' })
    await g.type('input[data-test=customer-search]', '华泰')
    await g.waitForText('[data-test=customer-total]', '共 1 条')
    await g.waitForText('[data-test=customer-table]', '天津华泰机械有限公司')
    await g.click('[data-test=customer-table] .el-link')
    await g.waitForText('[data-test=customer-name]', '天津华泰机械有限公司')
    await g.click('button[data-test=edit-customer]')
    await (await g.el('input[data-test=c-name]')).waitForDisplayed({ timeout: 10000 })
  }
  await gb.type('input[data-test=c-name]', '天津华泰机械股份有限公司')
  await gb.click('button[data-test=c-save]')
  await gb.waitForText('[data-test=customer-name]', '天津华泰机械股份有限公司')
  await ga.type('input[data-test=c-name]', '天津华泰机械集团有限公司')
  await ga.click('button[data-test=c-save]')
  await ga.waitForText('body', '已被他人修改,请刷新后重试')
  await a.keys('Escape')
  await a.refresh()
  await ga.waitForText('[data-test=customer-name]', '天津华泰机械股份有限公司')

  // The server restarts while desk A saves a contact: the banner shows, the form keeps its
  // text, and the save goes through when the server is back.
  await openComplaint(a, ga, id)
  await stopServer()
  await ga.type('input[data-test=k-summary]', '服务器重启期间登记的联系。')
  await ga.click('button[data-test=k-add]')
  await ga.waitForText('[data-test=connection-banner]', '与公司服务器的连接中断')
  assert.equal(await a.execute(() => document.querySelector('input[data-test=k-summary]').value), '服务器重启期间登记的联系。')
  ;({ child: server } = await serve(address))
  await ga.waitForText('[data-test=contacts]', '服务器重启期间登记的联系')
  await a.waitUntil(async () => !(await a.execute(() => !!document.querySelector('[data-test=connection-banner]'))), {
    timeout: 10000,
    timeoutMsg: 'the banner stayed',
  })
  // Still signed in after the restart (sessions live in the server's database).
  await ga.waitForText('[data-test=current-user]', '李娜')

  // Desk B again, as a new desk: a pinned fingerprint the server does not present is refused.
  await b.deleteSession()
  const deskC = join(work, 'desk-c')
  mkdirSync(deskC, { recursive: true })
  writeFileSync(join(deskC, 'desk.json'), JSON.stringify({ mode: 'server', address, fingerprint: 'AB:'.repeat(31) + 'AB' }))
  b = await connect(['--data-dir', deskC], process.env.TAURI_DRIVER_PORT_B)
  gb = gestures(b, 'desk-c')
  await gb.waitForText('[data-test=startup-error]', '服务器证书与已确认的指纹不一致')
  await b.deleteSession()
  // And the app is refused on the data folder the server holds.
  b = await connect(['--data-dir', serverDir], process.env.TAURI_DRIVER_PORT_B)
  gb = gestures(b, 'desk-d')
  await gb.waitForText('[data-test=startup-error]', '正由公司服务器')
})
