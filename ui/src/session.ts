// Who is signed in and what state the app is in, shared by the router guard and the layout.
import { reactive } from 'vue'
import type { Actor, AppStatus, DemoSummary, Permission } from './api/bindings'
import type { Backend } from './api/backend'
import { setCompanyZone } from './utils/format'

export const session = reactive({
  status: null as AppStatus | null,
  actor: null as Actor | null,
  /** Set right after demo data was loaded, so the login page can list the demo accounts. */
  demo: null as DemoSummary | null,
})

export async function loadSession(api: Backend): Promise<void> {
  session.status = await api.system.status()
  setCompanyZone(session.status.setup?.time_zone)
  session.actor = session.status.startup_error ? null : await api.session.current()
}

export function companyName(): string {
  return session.status?.setup?.company_name ?? ''
}

export function isAdmin(): boolean {
  return session.actor?.role === 'admin'
}

/** Whether the signed-in user's role allows this (for menus and buttons; the core checks too). */
export function can(permission: Permission): boolean {
  return session.actor?.permissions.includes(permission) ?? false
}
