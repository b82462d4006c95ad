// The only place that talks to Tauri. Every domain module goes through `call`, so errors always
// arrive as a BackendError with the core's code, Chinese message and field.
import { invoke } from '@tauri-apps/api/core'
import { reactive } from 'vue'
import type { IpcError } from './bindings'

/** Company mode: whether the server is out of reach (the banner shows it while calls wait). */
export const connection = reactive({ lost: false, message: '', since: 0 })

/** Calls that answer about the connection itself never wait for it. */
const NO_WAIT = new Set(['app_status', 'desk_probe', 'desk_connect', 'desk_use_local', 'desk_server_health'])
const RETRY_MS = 2000

export class BackendError extends Error {
  readonly code: string
  readonly field: string | null
  constructor(e: IpcError) {
    super(e.message)
    this.code = e.code
    this.field = e.field
  }
}

function isIpcError(e: unknown): e is IpcError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e
}

/** Runs a command. When the company server cannot be reached (`unreachable`: nothing was sent),
 *  the call waits and is sent again every two seconds until the server answers — the form that
 *  made it keeps its content and the save goes through when the server is back. A connection
 *  that broke after sending (`connection_lost`) is not repeated: the caller shows the error. */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  for (;;) {
    let error: BackendError
    try {
      const result = await invoke<T>(command, args)
      if (connection.lost) Object.assign(connection, { lost: false, message: '', since: 0 })
      return result
    } catch (e) {
      error = isIpcError(e)
        ? new BackendError(e)
        : new BackendError({ code: 'internal', message: `程序内部错误:${String(e)}`, field: null })
    }
    if (error.code !== 'unreachable' || NO_WAIT.has(command)) throw error
    Object.assign(connection, { lost: true, message: error.message, since: connection.since || Date.now() })
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
  }
}

/** Company mode: asks the server's health (no session, so an idle sign-in still expires) every
 *  `everyMs`, so a desk nobody is typing at also shows the banner when the server goes away and
 *  clears it when it is back — not only at the next save. Answers the function that stops it. */
export function startHeartbeat(everyMs = 15000): () => void {
  let stopped = false
  const beat = async () => {
    try {
      await invoke('desk_server_health')
      if (connection.lost) Object.assign(connection, { lost: false, message: '', since: 0 })
    } catch (e) {
      if (stopped || !isIpcError(e) || e.code !== 'unreachable') return
      Object.assign(connection, { lost: true, message: e.message, since: connection.since || Date.now() })
    }
  }
  const timer = setInterval(beat, everyMs)
  return () => {
    stopped = true
    clearInterval(timer)
  }
}

/** The Chinese message of any error, for ElMessage. */
export function messageOf(e: unknown): string {
  if (e instanceof BackendError) return e.message
  if (e instanceof Error) return e.message
  return String(e)
}
