// The only place that talks to Tauri. Every domain module goes through `call`, so errors always
// arrive as a BackendError with the core's code, Chinese message and field.
import { invoke } from '@tauri-apps/api/core'
import type { IpcError } from './bindings'

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

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    if (isIpcError(e)) throw new BackendError(e)
    throw new BackendError({ code: 'internal', message: `程序内部错误:${String(e)}`, field: null })
  }
}

/** The Chinese message of any error, for ElMessage. */
export function messageOf(e: unknown): string {
  if (e instanceof BackendError) return e.message
  if (e instanceof Error) return e.message
  return String(e)
}
