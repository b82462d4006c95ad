// Runs before `tauri build` bundles (tauri.conf.json beforeBundleCommand): builds the `shouhou`
// command-line program (the company server `shouhou serve`, `shouhou check`, imports, backups)
// in release and puts it where the .deb takes it from (packaging/bin/), so the package installs
// /usr/bin/shouhou beside the app and the systemd unit that runs it.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
execFileSync('cargo', ['build', '--release', '--locked', '--workspace', '--bin', 'shouhou'], {
  cwd: root,
  stdio: 'inherit',
  env: { SQLX_OFFLINE: 'true', ...process.env },
})
const exe = process.platform === 'win32' ? 'shouhou.exe' : 'shouhou'
const target = process.env.CARGO_TARGET_DIR || join(root, 'target')
mkdirSync(join(root, 'packaging', 'bin'), { recursive: true })
copyFileSync(join(target, 'release', exe), join(root, 'packaging', 'bin', exe))
console.log(`packaging/bin/${exe} ← ${join(target, 'release', exe)}`)
