// The accident's 1-hour reporting clock as the screen shows it. The server sends its clock read at
// its own `now`; the screen ticks on from there (server now + time elapsed here), so a desk whose
// computer clock is wrong still counts from the server's time.
import type { ReportClock } from '../../api/bindings'

export interface ClockView {
  /** The big figure: "42:17" left, "超时 12 分钟", or the reported text. */
  big: string
  caption: string
  /** Red: under 10 minutes left, overdue, or reported late. */
  danger: boolean
  running: boolean
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The clock `elapsedMs` after the server read it. */
export function clockView(clock: ReportClock, elapsedMs: number): ClockView {
  if (clock.state === 'reported_in_time') return { big: clock.text, caption: '已按时上报', danger: false, running: false }
  if (clock.state === 'reported_late') return { big: clock.text, caption: `超过 ${clock.limit_minutes} 分钟上报时限`, danger: true, running: false }
  const now = Date.parse(clock.now) + elapsedMs
  const leftMs = Date.parse(clock.deadline) - now
  if (leftMs >= 0) {
    const seconds = Math.ceil(leftMs / 1000)
    return {
      big: `${pad(Math.floor(seconds / 60))}:${pad(seconds % 60)}`,
      caption: `距 ${clock.limit_minutes} 分钟上报时限还剩(未上报)`,
      danger: seconds < 10 * 60,
      running: true,
    }
  }
  const over = Math.ceil(-leftMs / 60000)
  return { big: `超时 ${over} 分钟`, caption: '已超过上报时限,尚未上报', danger: true, running: true }
}

export const accidentStateTag: Record<'open' | 'reported' | 'closed', 'danger' | 'warning' | 'info'> = {
  open: 'danger',
  reported: 'warning',
  closed: 'info',
}
